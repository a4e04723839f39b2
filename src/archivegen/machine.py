"""What the machine offers the work: how many CPUs this process may use."""

from __future__ import annotations

import os


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
