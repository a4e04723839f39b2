"""Which version each file of a folder holds, as the build that wrote it left it.

A build that writes a file notes what the file was made from (its version: a digest of
a raw file, a page's cache key) and, once written, the file's size, modification time and
inode. The next build takes a file whose three are unchanged as still holding that
version, without reading it; a file changed by anything else since has another stamp and
is made again. Used for build/ (emit.py: raw files and their copies) and site/
(kept_site.py: pages). The record is one JSON file in the build cache, which names the
folder it describes: a record of another folder is not used.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from archivegen.whole_files import write_whole


def stamp(path: Path) -> list[int] | None:
    """What a write to the file changes: size, modification time, inode (None: no file)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class FileVersions:
    def __init__(self, folder: Path, record: Path | None):
        self.folder, self.record = Path(folder), record
        self.name = os.path.realpath(self.folder)
        self.before = self._read()                       # rel → [version, size, mtime_ns, inode]
        self.now: dict[str, list] = {}                   # what this build found or wrote
        self.written: dict[str, str] = {}                # rel → version, stamped in save()

    def _read(self) -> dict[str, list]:
        if self.record is None:
            return {}
        try:
            data = json.loads(self.record.read_text("utf-8"))
            files = data["files"] if data.get("folder") == self.name else {}
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            return {}
        return files if isinstance(files, dict) else {}

    def holds(self, rel: str, version: str) -> bool:
        """True when folder/rel is, untouched, what a build wrote from `version`."""
        row = self.before.get(rel)
        if not version or not row or row[0] != version or row[1:] != stamp(self.folder / rel):
            return False
        self.now[rel] = row
        return True

    def wrote(self, rel: str, version: str | None) -> None:
        """folder/rel is (being) written from `version` (None: nothing to note)."""
        self.now.pop(rel, None)
        if version:
            self.written[rel] = version
        else:
            self.written.pop(rel, None)

    def save(self) -> None:
        """Stamp what was written (after the last write) and keep the record for the next
        build; without it, the next build reads or writes every file again."""
        if self.record is None:
            return
        for rel, version in self.written.items():
            if (st := stamp(self.folder / rel)) is not None:
                self.now[rel] = [version, *st]
        if self.now == self.before and self.record.exists():
            with contextlib.suppress(OSError):          # the same record (~0.4 s to write at 10,000 raw
                os.utime(self.record)                    # files): only its time, which says the folder was built
            return
        data = {"folder": self.name, "files": dict(sorted(self.now.items()))}
        try:
            self.record.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.record, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        except OSError:
            with contextlib.suppress(OSError):
                self.record.unlink(missing_ok=True)
