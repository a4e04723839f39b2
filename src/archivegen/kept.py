"""Tables made once from a dependency's data files and kept in the temporary folder.

Every process that segments or reads pinyin (the import, its workers, the build, its
workers) would otherwise make the same compact tables from jieba's or pypinyin's files,
~0.5-4 s each time; reading them back from a kept file takes hundredths of a second.
A kept file's name carries the user and a hash of the source files' bytes and of the
recipe (how the tables are made from them): another version of the dependency, or a
change to the recipe, finds no file and makes its own, and every environment with the
same data shares one file. The file starts with a line naming its format, a few numbers
and the CRC-32 of the rest: a damaged file, or one of another format, reads as none and
is made again. dictionary.py (short words), pinyin.py and site/segment.py keep theirs here.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from pathlib import Path

from archivegen.whole_files import write_whole


class Chunked:
    """A table of short strings spread over buckets, each bucket one string between NULs
    (dictionary.ShortWords, pinyin.Packed): what it is made of is a list of strings, kept
    one a line."""

    _buckets: int
    _chunks: list[str]
    _size: int

    def __len__(self) -> int:
        return self._size

    def chunks(self) -> list[str]:
        """What the table is made of (for its kept file)."""
        return list(self._chunks)

    @classmethod
    def of_chunks(cls, chunks: list[str], size: int):
        """The table whose chunks() these were, holding `size` entries."""
        if not chunks or any(not (c.startswith("\0") and c.endswith("\0")) for c in chunks):
            raise ValueError(f"not the chunks of a {cls.__name__}")
        made = cls.__new__(cls)
        made._buckets, made._chunks, made._size = len(chunks), list(chunks), size
        made._restored()
        return made

    def _restored(self) -> None:
        """Set what of_chunks does not (a subclass's own attributes)."""


def kept_path(kind: str, recipe: str, sources: list[Path], suffix: str) -> Path:
    """Where the tables of `kind` made by `recipe` from `sources` are kept."""
    h = hashlib.blake2b(recipe.encode("utf-8"), digest_size=8)
    for source in sources:
        with open(source, "rb") as fh:
            h.update(hashlib.file_digest(fh, "blake2b").digest())
    user = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"archivegen-{kind}-{user}-{h.hexdigest()}{suffix}"


def read_kept(path: Path, fmt: str) -> tuple[list[int], bytes] | None:
    """The numbers and the body kept in `path`, or None (no file, another format, damaged)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    try:
        name, *numbers, crc = head.decode("ascii").split(" ")
        if name != fmt.replace(" ", "_") or int(crc) != zlib.crc32(body):
            return None
        return [int(n) for n in numbers], body
    except (UnicodeError, ValueError):
        return None


def keep(path: Path, fmt: str, numbers: list[int], body: bytes) -> None:
    """Keep `body` with `numbers` in `path`; on a read-only or full disk, nothing (the
    tables are made again next time)."""
    head = " ".join([fmt.replace(" ", "_"), *map(str, numbers), str(zlib.crc32(body))])
    try:
        write_whole(path, head.encode("ascii") + b"\n" + body)
    except OSError:
        pass
