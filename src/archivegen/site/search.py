"""Site search: Material's lunr index for small archives, Pagefind for large ones.

Material's search ships one index file to every reader (megabytes at a few hundred
Chinese documents); Pagefind loads small index chunks per query. See BENCHMARKS.md.

With Pagefind, readers keep Material's own search UI (header box, result list, keyboard,
highlighting): only the backend changes. Material runs search in a web worker whose URL
is in the `#__config` JSON of every page; in Pagefind mode a template override
(overrides/main.html) points it at assets/pagefind-worker.js, which speaks Material's
worker protocol and answers queries from the Pagefind index built here after MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

from archivegen.site.pagefind_feed import FeedError, PagefindFeed
from archivegen.site.pagefind_output import PagefindFormatError, stabilise

PACKAGE = Path(__file__).resolve().parent.parent
OVERRIDES = PACKAGE / "overrides"
WORKER = "assets/pagefind-worker.js"        # site-relative; copied from src/archivegen/assets/
UI_SCRIPT = "assets/search-ui.js"           # the filter bar, hints, input events, stepping through marks
UI_STYLE = "assets/search.css"
BUNDLE = "pagefind"                          # site-relative folder Pagefind writes
# More indexed pages than this are indexed in parts (site/pagefind_parts.py). One Pagefind
# indexer takes 240 MB + 0.3-0.4 MB per page (1,241 MB for a part of ~2,600 pages, 5.0 GB for
# 13,000 in one); each part costs a reader's first search its metadata and word chunks
# (BENCHMARKS.md: 5 parts +9 to +50% against one index, 9 parts +40 to +110%).
PAGES_PER_INDEX = 3000

# Pagefind indexes the main article of these pages only: documents, glossary terms,
# people and compilations (see paths.py). Listing pages (home, regions, years, types,
# tags, section indexes) repeat the titles of pages that are indexed anyway, and in a
# 10,000-document archive each is hundreds of KB that a reader would download as a result.
INDEXED_SECTIONS = ("documents", "glossary", "people", "compilations")
ROOT_SELECTOR = "article.md-content__inner"
# Words about the archive, not in the text, are not indexed (they would match every page
# and fill the snippets): ¶ permalinks of headings and paragraphs; the lists around a text
# (ag-aside: links, quotations on person and term pages); the editor's note; the metadata
# card (type, region, date, file, hash: results show them from the page's search data
# below, and the filters narrow by them); the file a glossary entry is edited in and the
# document a definition comes from (a term page would match every word of its title).
EXCLUDE_SELECTORS = (".headerlink, .ag-pilcrow, .ag-aside, .ag-editor-note, .ag-card, .ag-edit-file, "
                     ".ag-defined-in, .ag-fixity, .ag-incomplete")
PARAGRAPH_ID = re.compile(r' id="p-[0-9a-f]{8}"')             # see anchors.py
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*"')

# What search knows of a page besides its text (Pagefind's data-pagefind-filter, -sort and
# -meta attributes): the filters a reader narrows results by, the date they are sorted by,
# the date a result shows. A document's page carries them (document_data); every indexed
# page gets its kind when it is copied for indexing (the folder it is in).
FILTERS = ("kind", "type", "region", "year", "issuer")
KINDS = {"documents": "文档", "glossary": "名词解释", "people": "人物", "compilations": "汇编"}
# A word on a page about a term, a person or a compilation counts a twentieth of a word in
# a document (the least Pagefind weighs a word, 1/24): such pages are short, so one 浦东 in
# a definition or a role outranked a report that uses it 87 times. Their title still
# counts in full (metaWeights.title in the worker), and the worker puts a page whose title
# is the query first (the person 陈吉宁, the term 两旧一村).
KIND_WEIGHT = {"documents": None, "glossary": "0.05", "people": "0.05", "compilations": "0.05"}
FILTER_VALUES = "archivegen-filters.json"     # in the bundle folder: every filter's values, for the filter bar
_DATA = re.compile(r'data-pagefind-(filter|sort)="([a-z]+):([^"]*)"')
# Pagefind's own UI bundles: the site uses Material's UI, so these are never requested.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


# The worker returns the most relevant pages only (SHOWN in the worker): say so.
RESULT_COUNT = {"zh": "最相关的 # 个结果", "en": "# most relevant results"}


class SearchBuildError(RuntimeError):
    pass


def choose_engine(setting: str, n_documents: int, threshold: int) -> str:
    if setting != "auto":
        return setting
    return "pagefind" if n_documents > threshold else "material"


def page_front_matter(engine: str) -> dict:
    """Page metadata that, with Pagefind, keeps a page out of lunr's index (the plugin
    adds it to every page before Material's search plugin reads it)."""
    return {"search": {"exclude": True}} if engine == "pagefind" else {}


def configure(config, engine: str, build: Path) -> None:
    """Adjust the MkDocs config for the chosen engine.

    Material: its search plugin segments Chinese with jieba's global dictionary; it gets
    our user dictionary (glossary terms, names: build/.jieba_userdict.txt) on top of the
    shipped one, afresh on every build.

    Pagefind: Material's search plugin stays (it draws the search box and writes the
    search_index.json the UI waits for) but indexes no page, so that file is a few hundred
    bytes; the template override swaps Material's lunr worker for ours."""
    plugins = config.plugins
    search = plugins.get("material/search") or plugins.get("search")
    if engine != "pagefind":
        if search is not None and hasattr(search.config, "jieba_dict_user"):
            from archivegen.dictionary import reset_global
            from archivegen.site.paths import JIEBA_USERDICT

            reset_global()
            search.config.jieba_dict_user = search.config.jieba_dict_user or str(Path(build) / JIEBA_USERDICT)
        return
    if search is None or not getattr(search.config, "enabled", True):
        raise SearchBuildError("search: pagefind keeps Material's search box, so mkdocs.yml needs "
                               "Material's `search` plugin (enabled) in `plugins:`")
    config.extra["archivegen_search"] = {
        "engine": "pagefind",
        "material_worker": _material_worker(),
        "worker": f"{WORKER}?v={_asset_version(WORKER)}",   # a new worker reaches readers with the new index
        "result_other": RESULT_COUNT.get(config.theme.get("language") or "en", RESULT_COUNT["en"]),
        "ui": f"{UI_SCRIPT}?v={_asset_version(UI_SCRIPT)}",      # filters, hints, stepping through marks
        "css": f"{UI_STYLE}?v={_asset_version(UI_STYLE)}",
    }
    if str(OVERRIDES) not in config.theme.dirs:
        # first, so our main.html wraps Material's (a custom main.html of your own would
        # shadow it; after_build checks that the pages really point at our worker)
        config.theme.dirs.insert(0, str(OVERRIDES))


def _material_worker() -> str:
    """The site-relative path of Material's lunr worker, as its base.html writes it."""
    import material

    base = Path(material.__file__).parent / "templates" / "base.html"
    m = re.search(r'"search":\s*"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"',
                  base.read_text(encoding="utf-8"))
    if not m:
        raise SearchBuildError(f"cannot find the search worker setting in {base}: this Material version "
                               "configures search differently; set `search: material` for the archivegen plugin")
    return m.group(1)


def _asset_version(asset: str) -> str:
    return hashlib.sha256((PACKAGE / asset).read_bytes()).hexdigest()[:8]


class SearchIndex:
    """The pages Pagefind indexes, handed to its indexer as they are written (pagefind_feed.py),
    and how many pages have each value of each filter.

    Past `pages_per_index` pages the indexer is stopped (its memory freed): the site is then
    indexed in parts after the build (pagefind_parts.py), from the pages written to disk,
    and only each page's path, date sort value and the digest of its copy are kept here."""

    def __init__(self, feed: PagefindFeed | None, pages_per_index: int = PAGES_PER_INDEX):
        self.feed = feed
        self.pages_per_index = pages_per_index
        self.values: dict[str, Counter] = {}
        # each page's (date sort value or "", path, SHA-256 of its index copy)
        self.pages: list[tuple[str, str, str]] = []

    @classmethod
    def start(cls, pages_per_index: int = PAGES_PER_INDEX, expected: int = 0) -> "SearchIndex":
        """An index for a site of `expected` indexed pages (when known): more than
        `pages_per_index` are indexed in parts, and no indexer is started now."""
        if expected > pages_per_index:
            return cls(None, pages_per_index)
        try:
            return cls(PagefindFeed.start(pagefind_options()), pages_per_index)
        except FeedError as exc:
            raise SearchBuildError(str(exc)) from None

    @property
    def in_parts(self) -> bool:
        """Indexed in parts after the build: no indexer is fed while pages are written."""
        return self.feed is None

    def add_page(self, path: str, html_page: str) -> None:
        """A page as written, by its path in the site; only pages of INDEXED_SECTIONS count."""
        section = indexed_section(path)
        if section is None:
            return
        text = _index_copy(html_page, section)
        date = ""
        for what, key, value in _DATA.findall(text):
            self.values.setdefault(key if what == "filter" else f"sort:{key}", Counter())[html.unescape(value)] += 1
            if what == "sort" and key == "date":
                date = value
        self.pages.append((date, path, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()))
        if self.feed is None:
            return
        if len(self.pages) > self.pages_per_index:
            self.feed.abandon()              # indexed in parts after the build
            self.feed = None
            return
        try:
            self.feed.add(path, text)
        except FeedError as exc:
            raise SearchBuildError(str(exc)) from None

    def close(self) -> None:
        if self.feed is not None:
            self.feed.close()


def pagefind_options() -> dict:
    return {"root_selector": ROOT_SELECTOR, "force_language": "zh",
            "exclude_selectors": [s.strip() for s in EXCLUDE_SELECTORS.split(",")]}


def indexed_section(path: str) -> str | None:
    """The section a page of the site is indexed as, or None: not indexed (another section,
    or a section's listing page)."""
    section, _, rest = path.partition("/")
    if section not in INDEXED_SECTIONS or not rest.endswith(".html") or rest == "index.html":
        return None
    return section


def after_build(site_dir: Path, engine: str, index: SearchIndex | None = None, cache: Path | None = None,
                pages_per_index: int = PAGES_PER_INDEX) -> str:
    """Write the Pagefind bundle into site_dir when Pagefind is the engine: of the pages
    `index` was given while they were written, or else of the pages in site_dir. A bundle
    in parts keeps each part in `cache` (the build cache folder) for the next build.
    A bundle in one piece is kept there too, and taken again by a build that gives the
    indexer exactly the same pages. Returns what to tell the maintainer about the parts or
    the kept bundle ("" for one index made now)."""
    if engine != "pagefind":
        return ""
    site_dir = Path(site_dir)
    try:
        _check_pages_use_worker(site_dir)
        if index is None:
            index = SearchIndex.start(pages_per_index)
            for page in sorted(site_dir.rglob("*.html")):
                rel = page.relative_to(site_dir).as_posix()
                if indexed_section(rel):
                    index.add_page(rel, page.read_text(encoding="utf-8"))
    except BaseException:
        if index is not None:
            index.close()
        raise
    out = site_dir / BUNDLE
    if out.exists():
        shutil.rmtree(out)
    if not index.values.get("kind"):
        index.close()
        raise _nothing_indexed(site_dir)
    parts, said, kept, key, restored = [], "", None, "", False
    try:
        if index.in_parts:
            parts, said = _write_parts(site_dir, out, index, cache)
        else:
            # One index, fed as pages were written: a rebuild that gave it exactly the pages
            # of a bundle kept in the cache takes that bundle and stops the indexer (the
            # wait for it was 7-9 s of a rebuild at 1,000 raw files)
            from archivegen.site.pagefind_parts import PartCache, bundle_key

            kept = PartCache(cache, "search-bundle")
            key = bundle_key(pagefind_options(), "one index",
                             [(path, None, digest) for _, path, digest in index.pages])
            restored = kept.restore(key, out)
            if restored:
                index.feed.abandon()
                said = "search index from the build cache"
            else:
                index.feed.finish(out, leave_out=UNUSED_BUNDLE_FILES)
    except (FeedError, OSError) as exc:
        raise SearchBuildError(str(exc)) from None
    entry = out / "pagefind-entry.json"
    if not (out / "pagefind.js").exists() or not entry.exists():
        raise SearchBuildError(f"Pagefind wrote no search bundle to {out}")
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages") or {}
    if sum(v.get("page_count", 0) for v in languages.values()) == 0:
        raise _nothing_indexed(site_dir)
    if kept is not None:
        if not restored:                       # indexed now: its files in a fixed order, then kept
            _stabilise(out)
            kept.keep(key, out)
        kept.save()
    values = filter_values(index.values)
    if parts:
        values["parts"] = parts               # the worker merges them into the first (pagefind_parts.py)
    (out / FILTER_VALUES).write_text(json.dumps(values, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return said


def _stabilise(bundle: Path) -> None:
    try:
        stabilise(bundle)                   # the same pages give the same files (Pagefind's filters do not)
    except (PagefindFormatError, OSError, ValueError, IndexError, TypeError) as exc:
        raise SearchBuildError(f"cannot put Pagefind's filter files in a fixed order ({exc}): this Pagefind "
                               "writes them differently from 1.5; see site/pagefind_output.py") from None


def _write_parts(site_dir: Path, out: Path, index: SearchIndex, cache: Path | None) -> tuple[list[str], str]:
    """The bundle in parts (pagefind_parts.py), from the pages written in site_dir: the
    folders of the parts merged into the first, relative to it ("part-1/" …), and a
    sentence on how many were indexed."""
    from archivegen.site.pagefind_parts import PART, PartCache, Parts, PartsError, deal

    groups, ranks = deal([(date, path) for date, path, _ in index.pages], index.pages_per_index)
    digests = {path: digest for _, path, digest in index.pages}
    kept = PartCache(cache)
    options = pagefind_options()

    def start() -> PagefindFeed:
        try:
            return PagefindFeed.start(options)
        except FeedError as exc:
            raise SearchBuildError(str(exc)) from None

    def copy_of(path: str) -> str:
        return _index_copy((site_dir / path).read_text(encoding="utf-8"), indexed_section(path))

    writer = Parts(out, start, UNUSED_BUNDLE_FILES.__contains__, kept, options, tidy=_stabilise)
    try:
        for number, paths in enumerate(groups):
            writer.write(number, [(path, ranks.get(path), digests[path]) for path in paths], copy_of)
        writer.finish()
    except PartsError as exc:
        writer.close()
        raise SearchBuildError(str(exc)) from None
    except BaseException:
        writer.close()
        raise
    kept.save()
    return ([PART.format(n) + "/" for n in range(1, len(groups))],
            f"search index in {len(groups)} parts ({writer.indexed} indexed, {writer.reused} from the build cache)")


def document_data(doc) -> str:
    """The search data of a document's page: a hidden element without text whose
    attributes give Pagefind the document's type, region, year and issuer to filter by,
    its date to sort by, the date a result shows, and its region, issuer, speaker and
    author as metadata (Pagefind searches metadata as whole words: 浦东 finds a document of
    浦东新区 whose text never names it).

    The filter bar offers 发文机关 only when some document has an issuer."""
    from archivegen.site.escape import html_text, one_line
    from archivegen.site.pages.common import date_label
    from archivegen.site.pages.document import citation_code

    m = doc.meta
    year = doc.year or (m.date.year if m.date else None)
    issuer = m.issuer
    fields = [("filter", "type", doc.doc_type),
              ("filter", "region", doc.region),
              ("filter", "year", str(year) if year else None),
              ("filter", "issuer", issuer),
              # the id after the date: documents of one date in one order, whatever Pagefind does with ties
              ("sort", "date", f"{doc.date or f'{year:04d}-00-00'} {doc.id}" if year else None),
              ("meta", "date", date_label(doc) if (doc.date or year) else None),
              # searched as whole words too (a place or a name typed finds the document
              # even where its text does not repeat it), never shown in snippets
              ("meta", "region", doc.region),
              ("meta", "issuer", issuer),
              ("meta", "speaker", m.speaker),
              ("meta", "author", m.author),
              # the citation code is printed in the card, which is not indexed: a reader who
              # types a code from a citation still finds its document
              ("meta", "code", citation_code(doc.id))]
    spans = "".join(f'<span data-pagefind-{what}="{key}:{html_text(one_line(value).strip())}"></span>'
                    for what, key, value in fields if value and str(value).strip())
    return f'<div class="ag-search-data" hidden>{spans}</div>\n'


def _index_copy(page: str, section: str) -> str:
    """A page as Pagefind should read it.

    Paragraph permalink ids are left out: Pagefind keeps the text of every element that
    has an id in the page's fragment (the file a reader downloads for each result shown);
    with an id on every paragraph that is the whole text a second time. Results only point
    at headings, so the index is built from copies without paragraph ids; the published
    pages keep them. Each copy's article says what kind of page it is (a filter) and, for
    pages that are not documents, weighs its words less (KIND_WEIGHT)."""
    kind = KINDS[section]
    data = f'<span data-pagefind-filter="kind:{kind}"></span>'
    if section != "documents":
        data += f'<span data-pagefind-filter="type:{kind}"></span>'     # the type a result shows
    weight = f' data-pagefind-weight="{KIND_WEIGHT[section]}"' if KIND_WEIGHT[section] else ""
    page = _without_asides(_article_only(page))
    page = ARTICLE.sub(lambda m: f'{m.group()}{weight}', page, count=1)
    page = page.replace("</article>", f'<div class="ag-search-data" hidden>{data}</div></article>', 1)
    return PARAGRAPH_ID.sub("", page)


def _article_only(page: str) -> str:
    """The page's <html> tag and its main article, the only parts Pagefind reads (its
    root_selector): a copy a third the size, and the same bundle (tests/site/test_search.py)."""
    html_tag = re.search(r"<html[^>]*>", page)
    article = ARTICLE.search(page)
    end = page.find("</article>", article.end()) if article else -1
    if not html_tag or end < 0:
        return page
    return (f'<!DOCTYPE html>{html_tag.group()}<head><meta charset="utf-8"></head><body>'
            f'{page[article.start():end + len("</article>")]}</body></html>')


ASIDE = re.compile(r'<div class="ag-aside[ "]')
DIV_TAG = re.compile(r"<div\b|</div>")


def _without_asides(page: str) -> str:
    """The page without its asides (the lists of other documents, terms and people around
    a text). Pagefind leaves them out anyway (EXCLUDE_SELECTORS), so the bundle is the
    same (tests/site/test_search_parts.py); but a copy without them stays the same when
    only such a list changes, as related documents do after an edit to another document,
    and so does the key of the part it is indexed in (pagefind_parts.py). An aside whose
    end cannot be found is left, with the rest of the page."""
    out, pos = [], 0
    while (start := ASIDE.search(page, pos)) is not None:
        depth, end = 0, -1
        for tag in DIV_TAG.finditer(page, start.start()):
            depth += -1 if tag.group() == "</div>" else 1
            if depth == 0:
                end = tag.end()
                break
        if end < 0:
            break
        out.append(page[pos:start.start()])
        pos = end
    out.append(page[pos:])
    return "".join(out)


def filter_values(counts: dict[str, dict[str, int]]) -> dict:
    """What the filter bar offers (assets/search-ui.js): each filter's values in the order
    it lists them (years newest first; the kinds of pages that are not documents after
    the document types; the rest by how many pages have them, then by name), and the
    sorts some page has a value for."""
    return {"filters": _ordered_values(counts),
            "sorts": sorted(key.split(":", 1)[1] for key in counts if key.startswith("sort:"))}


def _ordered_values(counts: dict[str, dict[str, int]]) -> dict[str, list[str]]:
    out = {}
    kinds = list(KINDS.values())
    for key in FILTERS:
        found = counts.get(key) or {}
        if key == "year":
            ordered = sorted(found, key=lambda y: (-int(y) if y.isdigit() else 0, y))
        elif key in ("kind", "type"):
            ordered = sorted(found, key=lambda v: (v in kinds, kinds.index(v) if v in kinds else 0, -found[v], v))
        else:
            ordered = sorted(found, key=lambda v: (-found[v], v))
        if ordered:
            out[key] = ordered
    return out


def _nothing_indexed(site_dir: Path) -> SearchBuildError:
    return SearchBuildError(f"Pagefind indexed no page: none of {', '.join(INDEXED_SECTIONS)} under {site_dir} "
                            f"has a page with {ROOT_SELECTOR}")


def _check_pages_use_worker(site_dir: Path) -> None:
    page = site_dir / "index.html"
    if not page.exists():
        pages = sorted(site_dir.glob("**/index.html"))
        if not pages:
            raise SearchBuildError(f"no pages in {site_dir} to index")
        page = pages[0]
    html = page.read_text(encoding="utf-8")
    if WORKER not in html:
        raise SearchBuildError(
            f"{page} still points Material's search at its lunr worker, not {WORKER}: "
            "archivegen's template override (main.html) was not used; a main.html in your "
            "theme custom_dir replaces it, so add its `block config` there or set `search: material`")
