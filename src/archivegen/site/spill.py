"""Bytes parked on disk for the rest of a build: one unnamed temporary file, appended to,
and an index of where each key's bytes are. The page cache parks rendered pages' HTML in
one between MkDocs' two passes; blocks.py parks pre-rendered blocks. Read with os.pread
where there is one, so a forked process (the render helper) and its parent sharing the
file never move each other's file position.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class SpillFile:
    def __init__(self, folder: Path | None = None, prefix: str = "spill-"):
        self.folder, self.prefix = folder, prefix     # folder None: the system's temporary folder
        self._file = None
        self._where: dict[str, tuple[int, int]] = {}  # key → offset, length

    def put(self, key: str, data: bytes) -> None:
        """Park `data` under `key` (OSError on a full or read-only disk)."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(dir=self.folder, prefix=self.prefix)
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._file.flush()
        self._where[key] = (offset, len(data))

    def get(self, key: str) -> bytes | None:
        where = self._where.get(key)
        if where is None:
            return None
        offset, length = where
        if hasattr(os, "pread"):
            return os.pread(self._file.fileno(), length, offset)
        self._file.seek(offset)                       # no fork without pread (Windows)
        return self._file.read(length)

    def __contains__(self, key: str) -> bool:
        return key in self._where

    def __len__(self) -> int:
        return len(self._where)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
