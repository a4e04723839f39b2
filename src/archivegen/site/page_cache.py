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
`<cache_dir>/pages/<build fingerprint>/`, one compressed JSON file per page; a build
removes entries of its fingerprint it did not use, and folders of other fingerprints
older than a day (`mkdocs serve` and `mkdocs build` differ in site_url, so each keeps its
own). Safe to delete; a damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from archivegen.site.cache import code_fingerprint

# The stub template a cached page is "rendered" with (overrides/): its output is replaced.
STUB_TEMPLATE = "archivegen-cached.html"
# A page Material's tags plugin fills with listings of other pages is never cached.
MATERIAL_LISTING = "material/tags"
STALE_SECONDS = 24 * 3600


def _h(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return ""


def _theme_templates(dirs: list[str]) -> str:
    """Name, size and mtime of every template in the theme's folders (cheap; a custom_dir
    edit changes it). Icons and assets are not templates."""
    rows = []
    for d in dirs:
        root = Path(d)
        for path in sorted(root.rglob("*.html")):
            if ".icons" in path.parts:
                continue
            st = path.stat()
            rows.append(f"{d}|{path.relative_to(root).as_posix()}|{st.st_size}|{st.st_mtime_ns}")
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
        config.copyright, _json(config.extra), _json(theme), _json(list(config.theme.dirs)),
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


# ---------------------------------------------------------------- table of contents

def toc_tokens(toc) -> list:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": toc_tokens(a.children)} for a in toc]


@dataclass
class Entry:
    content: str
    toc: list
    title_from_render: str | None
    anchors: list[str]
    links_to_anchors: dict[str, dict[str, str]]
    output: str = ""

    def to_bytes(self) -> bytes:
        data = {"content": self.content, "toc": self.toc, "title": self.title_from_render,
                "anchors": self.anchors, "links": self.links_to_anchors, "output": self.output}
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Entry":
        d = json.loads(zlib.decompress(raw).decode("utf-8"))
        return cls(d["content"], d["toc"], d["title"], d["anchors"], d["links"], d["output"])


@dataclass
class PageCache:
    folder: Path | None          # <cache_dir>/pages/<fingerprint>, or None: no caching
    fingerprint: str = ""
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, cache_dir: Path | None, fingerprint: str) -> "PageCache":
        return cls(cache_dir / "pages" / fingerprint[:24] if cache_dir else None, fingerprint)

    def get(self, key: str) -> Entry | None:
        if self.folder is None:
            return None
        self.used.add(key)
        try:
            entry = Entry.from_bytes((self.folder / key).read_bytes())
        except (OSError, ValueError, KeyError, TypeError, zlib.error):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f"{key}.{os.getpid()}.tmp"
            tmp.write_bytes(entry.to_bytes())
            os.replace(tmp, self.folder / key)
        except OSError:
            pass            # a full or read-only disk: the next build renders again

    def prune(self) -> None:
        """Drop this fingerprint's entries the build did not use, and other fingerprints'
        folders untouched for a day."""
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
