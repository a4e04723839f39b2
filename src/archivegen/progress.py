"""A progress bar for long work, silent when output is not a terminal or --quiet is given."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

# Bytes of input below which the work is over too soon for a bar to help.
MIN_BYTES = 1_000_000


@contextmanager
def progress_bar(total_bytes: int, desc: str, disable: bool = False) -> Iterator[Callable[[int], None]]:
    """A bar counted in bytes (12.3M/50.0M, 1.40MB/s), so one big file moves it too; the
    callback takes the bytes just done. Drawn only on a terminal."""
    from tqdm import tqdm

    off = disable or total_bytes < MIN_BYTES or not sys.stderr.isatty()
    with tqdm(total=total_bytes, desc=desc, unit="B", unit_scale=True, unit_divisor=1024, disable=off,
              leave=False) as bar:
        yield bar.update
