"""The previous build's pages kept in site/: a page that comes out as it was is not written again.

MkDocs empties site/ and writes every page on every build. At 10,000 raw files that is
23,559 pages, 1 GB, and writing it took ~16 s of a rebuild that found every page in the
page cache (page_cache.py). So, when the page cache is on (`mkdocs build` or `serve`,
POSIX, not --dirty):

- before MkDocs empties site/ (on_pre_build), its entries are moved into a hidden folder
  inside it (KEPT): MkDocs leaves hidden entries alone, so it has nothing to remove;
- once the build's files are known (on_nav), they are moved back, except the search
  bundle, which the build writes afresh (it goes to clearing.py's background removal).
  Every file that is not a file of this build is removed then (pages and downloads that
  are gone, and whatever else the build writes again: sitemap, 404 page, search data), so
  site/ ends as an emptied one would;
- a page found in the page cache under the key it was last written with, whose file is
  as that build left it (size, time, inode), is not written: the plugin hands
  MkDocs an empty page, which MkDocs skips (it logs that at INFO; `quiet_skips` hides
  those lines for the pages skipped on purpose);
- after the build, each page written or kept is recorded with its key (file_versions.py:
  one record per site folder in the build cache), which the next build reads.

A file this build writes in place is never a hard link (only static files are: they are
linked again, static_links.py), so nothing outside site/ changes through it. A build that
fails halfway leaves its files newer than the record: the next build writes them again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import stat
import time
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from archivegen.site.clearing import remove_in_background
from archivegen.site.file_versions import FileVersions

KEPT = ".archivegen-kept"                 # inside site/, hidden: MkDocs does not empty it
STALE_SECONDS = 7 * 24 * 3600      # a record not written or touched for a week is dropped


def _shared(st: os.stat_result) -> bool:
    """A file whose bytes are also somewhere else: writing it in place would change them."""
    return st.st_nlink > 1 or stat.S_ISLNK(st.st_mode)


@dataclass
class KeptSite:
    site_dir: Path
    pages: FileVersions                                  # each page and the cache key it was written with
    moved: list[str] = field(default_factory=list)       # entries waiting in KEPT

    @staticmethod
    def record_for(cache_dir: Path, site_dir: Path) -> Path:
        """The record of what a site folder holds, in the build cache (one per folder:
        `mkdocs serve` builds into a temporary one)."""
        name = hashlib.sha256(os.fsencode(os.path.realpath(site_dir))).hexdigest()[:20]
        return cache_dir / "site-pages" / f"{name}.json"

    @classmethod
    def set_aside(cls, site_dir: Path, cache_dir: Path) -> "KeptSite | None":
        """Before MkDocs empties site/: move its entries into the hidden KEPT folder when
        the record says what its pages are (else nothing is moved, `moved` is empty, and
        site/ is emptied as usual). None where this cannot work (not POSIX). A KEPT
        folder left by a stopped build is removed first."""
        if os.name != "posix":
            return None
        site_dir = Path(site_dir)
        kept = cls(site_dir, FileVersions(site_dir, cls.record_for(cache_dir, site_dir)))
        hold = site_dir / KEPT
        if hold.exists() and not remove_in_background(site_dir, [hold]):
            shutil.rmtree(hold, ignore_errors=True)
        try:
            entries = sorted(e for e in os.listdir(site_dir) if not e.startswith("."))
        except OSError:
            entries = []
        if not entries or not kept.pages.before or hold.exists():
            return kept
        try:
            hold.mkdir()
        except OSError:
            return kept
        for entry in entries:
            try:
                os.rename(site_dir / entry, hold / entry)
                kept.moved.append(entry)
            except OSError:
                pass                # left where it is, for MkDocs to remove
        return kept

    def put_back(self, wanted: Container[str], linked: Container[str], fresh: Container[str]) -> int:
        """Move the entries back into site/ and remove every file that is not `wanted` (a
        file of this build, by its path in the site), and every hard link but the
        `linked` static files (linked again, never written in place). Top-level entries in
        `fresh` (the search bundle) are removed in the background instead. Returns how
        many files were removed."""
        if not self.moved:
            return 0
        hold = self.site_dir / KEPT
        later = []
        for entry in self.moved:
            try:
                if entry in fresh:
                    raise OSError
                os.rename(hold / entry, self.site_dir / entry)
            except OSError:
                later.append(hold / entry)
        self.moved = []
        removed, emptied = 0, set()
        for entry in sorted(os.listdir(self.site_dir)):
            if entry.startswith("."):
                continue
            top = self.site_dir / entry
            walk = os.walk(top) if top.is_dir() and not top.is_symlink() else [(str(self.site_dir), [], [entry])]
            for root, _, files in walk:
                rel_root = os.path.relpath(root, self.site_dir).replace(os.sep, "/")
                for name in files:
                    rel = name if rel_root == "." else f"{rel_root}/{name}"
                    path = os.path.join(root, name)
                    try:
                        if rel not in wanted or (rel not in linked and _shared(os.lstat(path))):
                            os.unlink(path)
                            removed += 1
                            emptied.add(root)
                    except OSError:
                        pass
        self._remove_emptied(emptied)
        try:
            os.rmdir(hold)
        except OSError:
            later = [p for p in later if p.exists()]
            remove_in_background(self.site_dir, later)
            try:
                os.rmdir(hold)
            except OSError:
                pass
        return removed

    def _remove_emptied(self, folders: set[str]) -> None:
        """Remove the folders files were removed from, and then their parents, while empty."""
        top = os.path.normpath(self.site_dir)
        for folder in sorted(folders, key=lambda f: -f.count(os.sep)):
            folder = os.path.normpath(folder)
            while folder != top and folder.startswith(top + os.sep):
                try:
                    os.rmdir(folder)
                except OSError:
                    break
                folder = os.path.dirname(folder)

    def unchanged(self, dest: str, key: str) -> bool:
        """True when site/<dest> holds, untouched, what the previous build wrote for `key`
        (a site emptied as usual holds nothing)."""
        return self.pages.holds(dest, key)

    def wrote(self, dest: str, key: str | None, output: str) -> None:
        """A page MkDocs is about to write, with its cache key (None: not to be kept). An
        empty page MkDocs does not write: a file of the last build there is removed, as an
        emptied site/ would not have it."""
        empty = not output.strip()
        self.pages.wrote(dest, None if empty else key)
        if empty:
            try:
                (self.site_dir / dest).unlink(missing_ok=True)
            except OSError:
                pass

    def save(self) -> None:
        """Record every page written or kept by this build (after its last write), and drop
        the records of folders not built for a week (`mkdocs serve` sessions' folders)."""
        self.pages.save()
        record = self.pages.record
        try:
            now = time.time()
            for other in record.parent.iterdir():
                if other != record and now - other.stat().st_mtime > STALE_SECONDS:
                    other.unlink(missing_ok=True)
        except OSError:
            pass


class QuietSkips(logging.Filter):
    """Drops MkDocs' INFO line about a page with empty output for the pages skipped on
    purpose (their file is already in site/)."""

    def __init__(self):
        super().__init__()
        self.expected: set[str] = set()

    def skip(self, src_uri: str) -> None:
        self.expected.add(f"Page skipped: '{src_uri}'. Generated empty output.")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not self.expected:
            return True
        message = record.getMessage()
        if message in self.expected:
            self.expected.discard(message)
            return False
        return True
