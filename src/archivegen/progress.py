"""A progress bar for long work, silent when output is not a terminal or --quiet is given."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress_bar(total: int, desc: str, disable: bool = False) -> Iterator[Callable[[int], None]]:
    from tqdm import tqdm

    # Only worth drawing for more than a handful of items, and only on a terminal.
    off = disable or total < 20 or not sys.stderr.isatty()
    with tqdm(total=total, desc=desc, unit="file", disable=off, leave=False) as bar:
        yield bar.update
