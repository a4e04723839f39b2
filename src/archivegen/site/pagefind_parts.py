"""The search index in parts, for archives too big for one Pagefind indexer.

Pagefind holds all it indexes in memory until it writes the bundle: 240 MB plus 0.3-0.4 MB
per page (measured: 640 MB for 1,413 pages, 1.24 GB for 2,600, 5.0 GB for the 13,000 pages
of 12,394 documents and their terms and people), and it cannot add pages to a bundle it
wrote. So a site with more than
`pages_per_index` indexed pages (site/search.py) is indexed in parts of at most that
many pages, each by its own indexer, two at a time; the reader's browser merges them
(Pagefind's mergeIndex, in assets/pagefind-worker.js).

- Part 0 is the bundle in pagefind/, with pagefind.js and its wasm; part n is in
  pagefind/part-n/ and holds only its index (a merged index uses the first one's wasm).
  The filter-values file lists the parts (`parts`), and the worker reads it.
- Sorting by date must come out exact across parts. Pagefind scores a sorted result by its
  page's place in the sorted list of its own part, so pages are dealt to parts in date
  order, like cards: page r of the archive goes to part r mod n, at place r // n + 1. Each
  part also gets a first page with the lowest sort value (ORDER_START), so no real page
  is at place 0; it has one made-up word (Pagefind drops a page without words), no
  filters, and the worker never shows it. The worker gives part j the weight 1 + j·1e-7, which
  orders pages of one place by their part, that is by r. The sort values given to Pagefind
  are the ranks, zero-padded (DATE_SORT), so its order is ours whatever its comparison of
  the published values.
- Each part's bundle is kept in the build cache (PartCache: its files, in a folder named
  by exactly what its indexer was given), and a rebuild links the kept files into site/
  (a hard link: writing 14,000 small files cost 15 s of a rebuild at 10,000 raw files)
  and indexes again only the parts whose pages changed. Neither side is ever written in
  place: MkDocs empties site/ before a build, and a kept folder is only ever replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from archivegen.site.cache import KeptFolder
from archivegen.site.pagefind_feed import PagefindFeed
from archivegen.site.pagefind_output import stabilise
from archivegen.site.static_links import link_or_copy

PART = "part-{}"                 # pagefind/part-1/, pagefind/part-2/ …
AT_ONCE = 2                      # indexers running at a time (each one CPU, its own memory)
DATE_SORT = re.compile(r'data-pagefind-sort="date:[^"]*"')
ORDER_START = "archivegen-order-start.html"
ORDER_START_WORD = "zzarchivegenorderstart"       # the worker drops the page by its address (ORDER_START)
# The only files a merged part needs: its entry, metadata, word index, fragments, filters.
PART_FILES = re.compile(r"pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|fragment|filter)/[^/]+")


def deal(pages: Iterable[tuple[str, str]], pages_per_index: int) -> tuple[list[list[str]], dict[str, int]]:
    """Pages, each (its date sort value or "", its path), dealt into as few parts as hold
    at most `pages_per_index` each: the parts (paths, in date order then by path) and each
    dated page's rank in date order (from 1)."""
    pages = list(pages)
    count = max(1, -(-len(pages) // max(1, pages_per_index)))
    dated = sorted((p for p in pages if p[0]), key=lambda p: (p[0].encode("utf-8"), p[1].encode("utf-8")))
    undated = sorted((p for p in pages if not p[0]), key=lambda p: p[1].encode("utf-8"))
    parts: list[list[str]] = [[] for _ in range(count)]
    for i, (_, path) in enumerate(dated + undated):
        parts[i % count].append(path)
    ranks = {path: i + 1 for i, (_, path) in enumerate(dated)}
    return parts, ranks


def ranked_copy(copy: str, rank: int | None) -> str:
    """An index copy whose date sort value is its rank (or that has none, undated)."""
    if rank is None:
        return copy
    return DATE_SORT.sub(f'data-pagefind-sort="date:{rank:07d}"', copy, count=1)


def order_start() -> str:
    """The page that takes place 0 of a part's date order: one made-up word, no filters."""
    return ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"></head><body>'
            f'<article class="md-content__inner"><p data-pagefind-sort="date:0000000">{ORDER_START_WORD}</p>'
            '</article></body></html>')


class PartsError(RuntimeError):
    pass


class Parts:
    """Writes the parts of one bundle: `write` each part's pages, then `finish`. A part
    whose key is in the cache is not read again: its key is made from each page's digest,
    taken as the page was written (search.SearchIndex)."""

    def __init__(self, bundle: Path, start_feed: Callable[[], PagefindFeed], leave_out: Callable[[str], bool],
                 cache: "PartCache", options: dict, tidy: Callable[[Path], None] = stabilise):
        self.bundle, self.start_feed, self.leave_out, self.cache = bundle, start_feed, leave_out, cache
        self.tidy = tidy                  # a part's filter files put in a fixed order (pagefind_output.py)
        self.options = options
        self.running: deque = deque()     # (feed, target, key, first) of parts being indexed
        self.indexed = self.reused = 0

    def write(self, number: int, pages: list[tuple[str, int | None, str]], copy_of: Callable[[str], str]) -> None:
        """Part `number`: its pages, each (path, rank or None, SHA-256 of its index copy as
        written), from the cache; or else their copies (`copy_of(path)`, read again from
        the site) to an indexer."""
        target = self.bundle if number == 0 else self.bundle / PART.format(number)
        key = self._key(number == 0, pages)
        if self.cache.restore(key, target):
            self.reused += 1
            return
        if len(self.running) >= AT_ONCE:
            self._finish_one()
        feed = self.start_feed()
        try:
            feed.add(ORDER_START, order_start())
            for path, rank, digest in pages:
                copy = copy_of(path)
                if hashlib.sha256(copy.encode("utf-8", "surrogatepass")).hexdigest() != digest:
                    raise PartsError(f"{path} changed on disk while the site was built: build again")
                feed.add(path, ranked_copy(copy, rank))
        except BaseException:
            feed.abandon()
            raise
        self.running.append((feed, target, key, number == 0))

    def finish(self) -> None:
        while self.running:
            self._finish_one()

    def close(self) -> None:
        """Stop every indexer still running (a build that failed)."""
        while self.running:
            self.running.popleft()[0].abandon()

    def _finish_one(self) -> None:
        feed, target, key, first = self.running.popleft()
        leave = self.leave_out if first else (lambda rel: self.leave_out(rel) or not PART_FILES.fullmatch(rel))
        feed.finish(target, leave_out=leave)
        self.tidy(target)
        self.indexed += 1
        self.cache.keep(key, target)

    def _key(self, first: bool, pages: list[tuple[str, int | None, str]]) -> str:
        return bundle_key(self.options, f"{first}\x1f{order_start()}", pages)


def bundle_key(options: dict, kind: str, pages: list[tuple[str, int | None, str]]) -> str:
    """What an indexer is given: Pagefind's version and options, what kind of bundle
    it makes (here: whether it is the first part, which keeps pagefind.js, and its first
    page), and each page's path, rank and copy (its SHA-256), in the order it is sent."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pagefind = version("pagefind")
    except PackageNotFoundError:
        pagefind = ""
    settings = json.dumps(options, sort_keys=True, ensure_ascii=False)
    h = hashlib.sha256(f"{pagefind}\x1f{settings}\x1f{kind}\x1e".encode())
    for path, rank, digest in pages:
        h.update(f"{path}\x1f{rank}\x1f{digest}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class PartCache(KeptFolder):
    """Each part's files in `<cache folder>/<stage>-<code fingerprint>/<key>/` ("search-parts",
    or "search-bundle" for a site indexed in one piece). A cache that cannot be read or
    written is passed over: the part is indexed instead."""

    DONE = ".complete"

    def __init__(self, folder: Path | None, stage: str = "search-parts"):
        super().__init__(folder, stage)

    def restore(self, key: str, target: Path) -> bool:
        """Link the kept files of `key` into `target`; False when there are none."""
        self.used.add(key)
        entry = self.path / key if self.path else None
        if entry is None or not (entry / self.DONE).is_file():
            return False
        made = []
        try:
            for source in _files(entry):
                if source.name == self.DONE:
                    continue
                dest = target / source.relative_to(entry)
                dest.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(source, dest)
                made.append(dest)
        except OSError:
            for dest in made:
                dest.unlink(missing_ok=True)
            return False
        return True

    def keep(self, key: str, target: Path) -> None:
        """Keep the files just written to `target` (not the other parts' folders in it)."""
        if self.path is None:
            return
        self.used.add(key)
        entry = self.path / key
        tmp = self.path / f"{key}.{os.getpid()}.tmp"
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            for source in _files(target):
                dest = tmp / source.relative_to(target)
                dest.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(source, dest)
            (tmp / self.DONE).write_bytes(b"")
            shutil.rmtree(entry, ignore_errors=True)
            os.replace(tmp, entry)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)     # the next build indexes this part again


def _files(folder: Path) -> list[Path]:
    """The files of a part's folder, without the other parts' folders part 0's holds."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if path.is_file() and not (len(rel) > 1 and re.fullmatch(PART.format(r"\d+"), rel[0])):
            out.append(path)
    return out

