"""Per-document results kept between builds, keyed by a hash of what they depend on.

A build repeats work whose inputs rarely change: segmenting every document with jieba to
find its topic phrases costs more than half of the build's own time, and after an edit to
one document the other 9,999 give the same answer. A `StageCache` keeps such answers in
one JSON file per stage in the cache folder (`.cache/archivegen/` beside mkdocs.yml,
git-ignored, safe to delete at any time); typed answers (each file's front matter, read
into its contract type) in one pickle file (TypedStageCache).

An answer is looked up by the SHA-256 of its inputs, so an edited document simply misses.
Every file's name also carries a fingerprint of archivegen's own code and data and of
jieba's version: a new version of either never reads an old answer. The file holds only the
answers the last build used, so it never grows past the archive. A stage that brings its
last answer up to date instead (related documents) keeps it whole in one pickle file
(KeptState). A cache that cannot be
read is ignored and one that cannot be written is skipped: the build never depends on it,
and a cached answer is byte for byte what computing it gives (tests/site/test_cache.py).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import archivegen
from archivegen.whole_files import write_whole

T = TypeVar("T")
PACKAGE = Path(archivegen.__file__).parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of archivegen's source and data files and of jieba's version."""
    import jieba

    h = hashlib.sha256(str(getattr(jieba, "__version__", "")).encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".json", ".txt"):
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def key_of(*parts: str) -> str:
    return key_of_all(parts)


def key_of_all(parts: Iterable[str]) -> str:
    """key_of over parts made one at a time (each document's opening, at 10,000 documents:
    held at once as arguments they were 40 MB)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()


def _replace_versions(path: Path, data: bytes, pattern: str) -> None:
    """Write a stage's file whole, then drop the stage's other files (`pattern`): those of
    other code versions. OSError is the caller's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, data)
    for other in path.parent.glob(pattern):
        if other != path and other.is_file():
            other.unlink(missing_ok=True)


class StageCache:
    """One stage's answers: `get(key, compute)` then `save()` once the build is done.
    Every answer is read at the start and written at the end, in one file: for many small
    answers. EntryCache keeps big ones."""

    suffix = ".json"

    def __init__(self, folder: Path | None, stage: str):
        self.folder, self.stage = folder, stage
        self.path = folder / f"{stage}-{code_fingerprint()}{self.suffix}" if folder else None
        self.old: dict = self._read()
        self.used: dict = {}
        self.hits = self.misses = 0

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            data = self._decode(self.path.read_bytes())
            return data if isinstance(data, dict) else {}
        except Exception:         # unreadable, cut short, not ours: as if there were none
            return {}

    def _decode(self, data: bytes) -> object:
        return json.loads(data.decode("utf-8"))

    def _encode(self, answers: dict) -> bytes:
        return json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def __contains__(self, key: str) -> bool:
        return key in self.old

    def get(self, key: str, compute: Callable[[], T]) -> T:
        if key in self.old:
            self.hits += 1
            value = self.old[key]
        else:
            self.misses += 1
            value = compute()
        self.used[key] = value
        return value

    def previous(self, key: str) -> object:
        """What the last build kept under `key`, or None: for a stage that brings its
        answer up to date rather than computing it afresh (site/phrase_counts.py)."""
        return self.old.get(key)

    def keep(self, key: str, value: object) -> None:
        """Keep `value` under `key` for the next build (with `previous`)."""
        if self.old.get(key) != value:
            self.misses += 1
        self.used[key] = value

    def save(self) -> None:
        """Write the answers this build used (atomically); drop this stage's older files."""
        if self.path is None or (not self.misses and len(self.used) == len(self.old)):
            return
        try:
            _replace_versions(self.path, self._encode(self.used), f"{self.stage}-*{self.suffix}")
        except (OSError, UnicodeError):
            pass        # a read-only or full disk (or half a surrogate pair from a YAML escape
                        # in an answer): the next build computes again


class TypedStageCache(StageCache):
    """A StageCache of typed answers (dataclasses, dates), kept pickled. Each answer is
    pickled as it is computed and unpickled afresh when asked for, so what a build does
    with an answer it was given never changes what is kept."""

    suffix = ".pickle"

    def get(self, key: str, compute: Callable[[], T]) -> T:
        if key in self.old:
            try:
                value = pickle.loads(self.old[key])
                self.hits += 1
                self.used[key] = self.old[key]
                return value
            except Exception:     # a damaged answer: computed again
                pass
        self.misses += 1
        value = compute()
        self.used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return value

    def _decode(self, data: bytes) -> object:
        return pickle.loads(data)

    def _encode(self, answers: dict) -> bytes:
        return pickle.dumps(dict(sorted(answers.items())), protocol=pickle.HIGHEST_PROTOCOL)


class KeptState:
    """One stage's whole state, kept pickled from one build to the next (related documents,
    site/related.py: the next build brings it up to date rather than computing it again).
    `read()` gives it, or None (none kept, unreadable, another version); `keep(state)`
    writes it and drops this stage's files of other versions."""

    def __init__(self, folder: Path | None, stage: str):
        self.stage = stage
        self.path = folder / f"{stage}-{code_fingerprint()}.pickle" if folder else None

    def read(self) -> object | None:
        if self.path is None:
            return None
        try:
            return pickle.loads(self.path.read_bytes())
        except Exception:          # none, cut short, not ours: as if there were none
            return None

    def keep(self, state: object) -> None:
        if self.path is None:
            return
        try:
            _replace_versions(self.path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), f"{self.stage}-*")
        except OSError:
            pass        # a read-only or full disk: the next build computes it again


class KeptFolder:
    """Answers kept one entry per key in `<cache folder>/<stage>-<code fingerprint>/`.
    `save()` drops the entries this build did not use and the folders of other versions."""

    def __init__(self, folder: Path | None, stage: str):
        self.stage = stage
        self.path = folder / f"{stage}-{code_fingerprint()}" if folder else None
        self.used: set[str] = set()

    def _in_use(self, entry: Path) -> bool:
        return entry.name in self.used

    def save(self) -> None:
        if self.path is None or not self.path.parent.is_dir():
            return
        try:
            for other in self.path.parent.glob(f"{self.stage}-*"):
                if other.is_dir() and other != self.path:
                    shutil.rmtree(other, ignore_errors=True)
                elif other.is_file():        # a StageCache file of this stage, from before
                    other.unlink(missing_ok=True)
            if self.path.is_dir():
                for entry in self.path.iterdir():
                    if not self._in_use(entry):
                        shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
        except OSError:
            pass


class EntryCache(KeptFolder):
    """A stage whose answers are big (a whole page each): one file per answer, in a folder
    named like StageCache's file, so a build reads only the answers it asks for and holds
    one at a time."""

    def __init__(self, folder: Path | None, stage: str):
        super().__init__(folder, stage)
        self.hits = self.misses = 0

    def _in_use(self, entry: Path) -> bool:
        return entry.suffix == ".json" and entry.stem in self.used

    def _file(self, key: str) -> Path:
        return self.path / f"{key}.json"

    def get(self, key: str, compute: Callable[[], T]) -> T:
        self.used.add(key)
        if self.path is not None:
            try:
                value = json.loads(self._file(key).read_text("utf-8"))
                self.hits += 1
                return value
            except (OSError, ValueError):
                pass
        self.misses += 1
        value = compute()
        if self.path is not None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError:
                return value        # as StageCache.save: the next build computes it again
            keep_entry(self._file(key), value)
        return value

    def lacking(self, key: str) -> Path | None:
        """The file `get(key)` will read, when it is not there yet (another process may
        make it first: keep_entry); None when it is, or when nothing is kept."""
        if self.path is None or self._file(key).exists():
            return None
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return self._file(key)


def keep_entry(path: Path, value) -> None:
    """An EntryCache answer, written whole (by the build, or by a worker ahead of it)."""
    try:
        write_whole(path, json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    except (OSError, UnicodeError):
        pass        # as StageCache.save: the next build computes it again
