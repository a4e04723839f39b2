"""A planned file's bytes that may be big: in memory while small, in an unnamed temporary
file once big, hashed as they are written.

The import plans every file before it writes any (ingest/write.py). An edit log can be
three times its raw file (a 50 MB file's is 160 MB), and held in memory until the batch is
written it was the largest thing an import held. A SpooledBytes keeps the first LIMIT bytes
in memory, as small logs are, and moves to a temporary file (deleted by the system when
closed, even after a crash) past that.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from typing import BinaryIO, Iterator


class SpooledBytes:
    LIMIT = 4 * 1024 * 1024
    CHUNK = 1024 * 1024

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=self.LIMIT, prefix="archivegen-import-")
        self._sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._sha.update(data)
        self.size += len(data)

    @property
    def sha256(self) -> str:
        return self._sha.hexdigest()

    def chunks(self) -> Iterator[bytes]:
        """The bytes written, a chunk at a time, from the start."""
        self._file.seek(0)
        while chunk := self._file.read(self.CHUNK):
            yield chunk

    def copy_to(self, out: BinaryIO) -> None:
        self._file.seek(0)
        shutil.copyfileobj(self._file, out, self.CHUNK)

    def getvalue(self) -> bytes:
        """All the bytes at once (for a small file, or a test)."""
        return b"".join(self.chunks())

    def close(self) -> None:
        self._file.close()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SpooledBytes):
            return NotImplemented
        return self.size == other.size and self.sha256 == other.sha256

    __hash__ = None     # mutable while written

    def __repr__(self) -> str:
        return f"SpooledBytes({self.size} bytes, sha256 {self.sha256[:12]}…)"
