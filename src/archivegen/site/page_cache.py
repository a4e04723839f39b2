"""Rendered pages kept between builds: a page whose inputs did not change is not rendered again.

MkDocs renders every page on every build: Python-Markdown, then the theme's templates. In
an archive of 1,000 raw files that is ~3,000 pages and most of a build, and after an edit
to one document all but a handful come out the same. The plugin (mkdocs_plugin.py) asks
this cache for each page once its Markdown is final:

- the key is the SHA-256 of everything the finished page is made from: the page's Markdown
  and front matter, its address, title, edit link and neighbours, and a fingerprint of the
  build (`BuildFingerprint`: mkdocs.yml and what the plugins changed in the config, the
  nav, every file's address, the theme's templates, the versions of MkDocs, Material,
  Python-Markdown and pymdown-extensions, and archivegen's own code);
- on a hit, Markdown gets an empty page (nothing to convert), the template is a stub, and
  the page's HTML, table of contents, anchors and final output come from the cache;
- on a miss, the page is rendered as usual and kept, unless rendering it logged a warning
  (a `--strict` build must fail again next time, not pass from the cache).

So an edit re-renders exactly the pages whose Markdown it changes (the document, and the
term, tag, person and browse pages whose lists name it) and a cached page is byte for
byte what rendering it gives (tests/site/test_page_cache.py). Entries live in
`<cache_dir>/pages/<build fingerprint>/`, one file per page (PageCache); a build
removes entries of its fingerprint it did not use, and folders of other fingerprints
older than a day (`mkdocs serve` and `mkdocs build` differ in site_url, so each keeps its
own). Safe to delete; a damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from archivegen.site.cache import code_fingerprint, key_of
from archivegen.site.spill import SpillFile
from archivegen.whole_files import write_whole

# The stub template a cached page is "rendered" with (overrides/): its output is replaced.
STUB_TEMPLATE = "archivegen-cached.html"
# A page Material's tags plugin fills with listings of other pages is never cached.
MATERIAL_LISTING = "material/tags"
STALE_SECONDS = 24 * 3600
# Plugins whose effect on a page is known to follow from what the key holds. Another plugin
# may add to a page what its Markdown does not say (a git date, a counter), so with any
# other plugin in mkdocs.yml pages are not cached (the build says so).
KNOWN_PLUGINS = frozenset({"archivegen", "search", "material/search", "tags", "material/tags"})


def unknown_plugins(config) -> list[str]:
    return sorted(name for name in config.plugins.keys() if name not in KNOWN_PLUGINS)


def _h(*parts: object) -> str:
    return key_of(*map(str, parts))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return ""


def _theme_templates(dirs: list[str]) -> str:
    """Every template in the theme's folders, in their order: its name and a hash of its
    bytes (~120 files, 25 ms). Not the folders' places nor the files' times: a fresh clone
    or a new virtual environment (every CI run) puts the same templates elsewhere, with
    other times, and its pages are the same. Icons and assets are not templates."""
    rows = []
    for n, d in enumerate(dirs):
        root = Path(d)
        for path in sorted(root.rglob("*.html")):
            if ".icons" in path.parts:
                continue
            rows.append(f"{n}|{path.relative_to(root).as_posix()}|{hashlib.sha256(path.read_bytes()).hexdigest()}")
    return _h(*rows)


def _nav_items(items) -> list:
    out = []
    for item in items or []:
        children = getattr(item, "children", None)
        out.append([type(item).__name__, str(item.title), getattr(item, "url", None),
                    _nav_items(children) if children else None])
    return out


def build_fingerprint(config, files, nav) -> str:
    """What every page of this build depends on besides its own Markdown."""
    config_file = Path(config.config_file_path or "")
    try:
        config_bytes = config_file.read_bytes()
    except OSError:
        config_bytes = b""
    theme = {k: config.theme[k] for k in sorted(config.theme)}
    extensions = [e if isinstance(e, str) else type(e).__qualname__ for e in config.markdown_extensions]
    files_rows = sorted(f"{f.src_uri}\0{f.url}\0{f.dest_uri}" for f in files)
    return _h(
        "archivegen-pages-1",
        code_fingerprint(),
        *(_version(m) for m in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")),
        hashlib.sha256(config_bytes).hexdigest(),
        config.site_url, config.site_name, config.use_directory_urls, config.repo_url, config.edit_uri,
        config.copyright, _json(config.extra), _json(theme),
        _json([str(x) for x in config.extra_css]), _json([str(x) for x in config.extra_javascript]),
        _json(extensions),      # their settings are in mkdocs.yml (a slugify function has no stable repr)
        _json(sorted(config.plugins.keys())),
        _theme_templates(list(config.theme.dirs)),
        _h(*files_rows),
        _json(_nav_items(nav.items)),
    )


def page_key(fingerprint: str, page, markdown: str) -> str | None:
    """The key of a page whose Markdown is final, or None if it must not be cached."""
    if MATERIAL_LISTING in markdown:
        return None
    neighbours = [getattr(getattr(page, a, None), "url", None) for a in ("previous_page", "next_page")]
    return _h(fingerprint, page.file.src_uri, page.url, page.canonical_url, page.edit_url,
              _json(page.meta), page.title, _json(neighbours), markdown)


# ---------------------------------------------------------------- what a page keeps

def toc_tokens(toc) -> list:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": toc_tokens(a.children)} for a in toc]


def page_meta(page) -> dict:
    """What rendering gave a page besides its HTML: table of contents, title, anchors."""
    return {"toc": toc_tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {f.src_uri: dict(links) for f, links in (page.links_to_anchors or {}).items()}}


def restore_meta(page, meta: dict, files) -> None:
    from mkdocs.structure.toc import get_toc

    page.toc = get_toc(meta["toc"])
    page._title_from_render = meta["title"]
    page.present_anchor_ids = set(meta["anchors"])
    page.links_to_anchors = {f: links for uri, links in meta["links"].items()
                             if (f := files.get_file_from_path(uri)) is not None}


class CacheVanished(RuntimeError):
    pass


MAGIC = b"AGP1"
_LEN = struct.Struct(">QQQ")        # lengths of the meta JSON, the page's HTML and the page as written


@dataclass
class PageCache:
    """One file per page, named by its key: the meta (table of contents, title, anchors) as
    JSON, then the page's HTML (what Markdown made of it) and the page as written, both
    compressed. A page is kept only once it is written without a warning; a file whose
    lengths do not add up is a miss.

    Between MkDocs' two passes (every page rendered, then every page written) a page's HTML
    waits in one temporary spill file instead of in memory: MkDocs would otherwise hold the
    HTML of every page of the site at once."""
    folder: Path | None          # <cache_dir>/pages/<fingerprint>, or None: no caching
    fingerprint: str = ""
    hits: int = 0
    misses: int = 0
    kept: int = 0
    used: set[str] = field(default_factory=set)
    spilled: SpillFile | None = None                                       # HTML between the passes
    _outputs: dict[str, bytes] = field(default_factory=dict)                # a hit's page, context → post_page

    @classmethod
    def open(cls, cache_dir: Path | None, fingerprint: str) -> "PageCache":
        return cls(cache_dir / "pages" / fingerprint[:24] if cache_dir else None, fingerprint)

    def _entry(self, key: str) -> tuple[dict, bytes, bytes]:
        raw = (self.folder / key).read_bytes()
        if raw[:4] != MAGIC or len(raw) < 4 + _LEN.size:
            raise ValueError("not an entry")
        a, b, c = _LEN.unpack_from(raw, 4)
        start = 4 + _LEN.size
        if len(raw) != start + a + b + c:
            raise ValueError("incomplete")
        meta = json.loads(raw[start:start + a].decode("utf-8"))
        if not isinstance(meta, dict) or not {"toc", "title", "anchors", "links"} <= meta.keys():
            raise ValueError("not an entry")
        return meta, raw[start + a:start + a + b], raw[start + a + b:]

    def lookup(self, key: str | None) -> dict | None:
        """The kept page's meta, or None (and it is rendered)."""
        if self.folder is None or key is None:
            self.misses += 1
            return None
        self.used.add(key)
        try:
            meta, _, _ = self._entry(key)
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return meta

    def spill(self, key: str, content: str) -> bool:
        """Park a page's HTML on disk until its second pass; False: keep it in memory."""
        if self.folder is None:
            return False
        try:
            if self.spilled is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.spilled = SpillFile(self.folder)
            self.spilled.put(key, zlib.compress(content.encode("utf-8"), 1))
        except OSError:
            return False            # a full or read-only disk: the page stays in memory
        return True

    def _spilled(self, key: str) -> bool:
        return self.spilled is not None and key in self.spilled

    def content(self, key: str) -> str:
        """A page's HTML, from the spill file or the page's entry; a hit's output is read
        with it (the next call for the page is output())."""
        try:
            if self._spilled(key):
                data = self.spilled.get(key)
            else:
                _, data, self._outputs[key] = self._entry(key)
            return zlib.decompress(data).decode("utf-8")
        except (OSError, ValueError, zlib.error) as exc:
            raise self._vanished(key, exc) from None

    def output(self, key: str) -> str:
        """A hit's page as written: the one content() read, else read now (and its HTML,
        which nothing asked for, is left compressed)."""
        try:
            data = self._outputs.pop(key) if key in self._outputs else self._entry(key)[2]
            return zlib.decompress(data).decode("utf-8")
        except (OSError, ValueError, zlib.error) as exc:
            raise self._vanished(key, exc) from None

    def forget_output(self, key: str) -> None:
        """A hit's page as written is not wanted (its file in site/ is already it)."""
        self._outputs.pop(key, None)

    def _vanished(self, key: str, exc: Exception) -> CacheVanished:
        (self.folder / key).unlink(missing_ok=True)          # a miss next time
        return CacheVanished(f"{self.folder / key}: the build cache changed during the build ({exc}); build again")

    def keep(self, key: str, meta: dict, output: str) -> None:
        """Keep a finished page whose HTML was spilled in the first pass."""
        if self.folder is None or not self._spilled(key):
            return
        try:
            content = self.spilled.get(key)
            meta_bytes = json.dumps(meta, ensure_ascii=False).encode("utf-8")
            html = zlib.compress(output.encode("utf-8"), 1)
            write_whole(self.folder / key, MAGIC + _LEN.pack(len(meta_bytes), len(content), len(html))
                        + meta_bytes + content + html)
            self.kept += 1
        except OSError:
            pass                    # a full or read-only disk: the next build renders it again

    def close(self) -> None:
        if self.spilled is not None:
            self.spilled.close()
            self.spilled = None

    def prune(self) -> None:
        """Drop this fingerprint's entries the build did not use, and other fingerprints'
        folders untouched for a day."""
        self.close()
        if self.folder is None or not self.folder.is_dir():
            return
        try:
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
            os.utime(self.folder)
            now = time.time()
            for other in self.folder.parent.iterdir():
                if other != self.folder and other.is_dir() and now - other.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass
