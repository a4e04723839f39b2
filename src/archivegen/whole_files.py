"""Files written whole or not at all.

Caches and records are written to a temporary name beside their place and then renamed
over it: a reader (another build, another import's worker) finds the old file or the new
one, never half of one, and when two processes write the same file the last rename wins.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` in one rename. OSError (a full or read-only disk) is raised
    for the caller to decide; the temporary file is not left behind."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
