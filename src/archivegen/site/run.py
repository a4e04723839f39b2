"""The build half: content/ → every file of build/.

`build_site` reads top to bottom as the pipeline: annotate glossary terms, link, tag,
then render every page, in memory. `build` loads content/ first and hands the pages to
emit.py, the only writer of build/; the plugin and the benchmarks call it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from archivegen.data.regions import region_words, regions as known_regions
from archivegen.export import export_pieces
from archivegen.machine import cpus
from archivegen.model import Archive
from archivegen.slug import slugify, unique
from archivegen.site import glossary as gl
from archivegen.site import paths
from archivegen.site.anchors import add_paragraph_anchors
from archivegen.site.blocks import BlockStore, stash
from archivegen.site.cache import EntryCache, StageCache, code_fingerprint, key_of
from archivegen.site.emit import Derived, Streamed, TreeWriter
from archivegen.site.links import build_links, collect_people, plain_texts
from archivegen.site.load import ContentError, edit_log_file, load_archive, read_edit_log, read_source
from archivegen.site.pages import indexes
from archivegen.site.pages.common import esc, html_text
from archivegen.site.editlog import utf8_copy
from archivegen.site.fragments import lines_block
from archivegen.site.pages.document import citation_code, link_sections, render_document
from archivegen.site.pages.editlog import log_page
from archivegen.site.pages.glossary import glossary_pages, used_terms_section
from archivegen.site.pages.people import person_pages
from archivegen.site.pages.tags import tag_index, tag_targets, topic_pages
from archivegen.site.parallel import log_pages_started, stop_unread, topic_phrases_started
from archivegen.site.tags import Vocabulary, common_phrases, curated_topics, document_tags
from archivegen.site.tags import topics as topics_of
from archivegen.site.search import document_data

ASSETS = Path(__file__).parent.parent / "assets"
BUILD_RECORD = "build-files.json"       # in the build cache: what build/'s derived files were made from


@dataclass(frozen=True)
class SiteInfo:
    """What the build takes from mkdocs.yml."""
    url: str = ""          # site_url: the full address in every citation ("" in library use: a relative one)
    repo_url: str = ""     # where the project's files are, if published (the about page names it)


def page_address(site: SiteInfo, page: str) -> str:
    """A page's address as readers cite it (directory URLs: documents/x/y.md → documents/x/y/)."""
    rel = page[:-len("index.md")] if page.endswith("index.md") else page[:-3] + "/"
    return (site.url.rstrip("/") + "/" + rel) if site.url else rel


@dataclass
class SiteFiles:
    # build-relative path → content; a TreeWriter when building into build/ (each page
    # written as it is made, none kept)
    pages: dict[str, str | bytes | Derived | Streamed] | TreeWriter = field(default_factory=dict)
    edit_paths: dict[str, str] = field(default_factory=dict)     # page → content/ file it comes from
    timings: dict[str, float] = field(default_factory=dict)      # stage → seconds
    tag_pages: dict[str, str] = field(default_factory=dict)     # tag → the page its chip links to
    vocabulary: Vocabulary | None = None                         # the topics of this build
    blocks: BlockStore = field(default_factory=BlockStore)       # pre-rendered HTML (site/blocks.py)


def region_slugs(archive: Archive) -> dict[str, str]:
    out = {name: r.slug for name, r in known_regions().items()}
    for d in archive.documents:
        if d.region and d.region not in out:
            out[d.region] = d.rel.split("/")[1] if d.rel.count("/") >= 2 else "other"
    return out


def _term_link(doc, term) -> str:
    return paths.link(paths.document(doc), paths.term(term.page_id))


def _entry_link(doc, page_id: str) -> str:
    return paths.link(paths.document(doc), paths.term(page_id))


def log_pages(archive: Archive) -> dict[str, str]:
    """Raw file → the page of its readable cleaning log (slugs unique in a fixed order)."""
    taken: set[str] = set()
    return {rel: paths.edit_log_page(unique(slugify(rel.split("/")[-1]), taken)) for rel in sorted(archive.edit_logs)}


def check_citation_codes(archive: Archive) -> None:
    """Two documents never share a citation code (40 bits: a clash is about one in 10⁵
    at 10,000 documents; it is reported, never resolved silently, since codes must not move)."""
    seen: dict[str, str] = {}
    for doc in archive.documents:
        c = citation_code(doc.id)
        if c in seen:
            raise ContentError(f"{doc.path}:2: id: {doc.id!r} has the citation code {c} of {seen[c]!r}; "
                               "give one of the two a different id before it is published")
        seen[c] = doc.id


def build_site(archive: Archive, info: SiteInfo = SiteInfo(), cache: Path | None = None,
               pages: TreeWriter | None = None) -> SiteFiles:
    """Every page of the site; `cache`: the folder of answers kept between builds (site/cache.py);
    `pages`: where to put them as they are made (by default a dict, site.pages)."""
    site = SiteFiles() if pages is None else SiteFiles(pages=pages)
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        site.timings[stage] = site.timings.get(stage, 0.0) + now - clock
        clock = now

    slugs = region_slugs(archive)
    check_citation_codes(archive)
    logs = log_pages(archive)
    comps = {c.id: c for c in archive.compilations}
    docs_by_id = archive.by_id()
    # edit-log pages, begun: the ones the cache lacks are made in a worker while this
    # process builds the rest, and read from the cache in the emit stage
    log_cache = EntryCache(cache, "edit-log-pages")
    log_entries = _log_entries(archive, logs)
    log_jobs = []
    for rel, page in logs.items():
        key, docs = log_entries[rel]
        if (entry := log_cache.lacking(key)) is not None:
            log_jobs.append((entry, page, edit_log_file(archive, rel), docs))
    logs_started = log_pages_started(log_jobs) if len(log_jobs) >= MIN_LOG_PAGES and cpus() >= 2 else None

    # tag, begun: each document's topic phrases (segmenting it as jieba does) are started in
    # worker processes now, and read after annotating and linking (site/parallel.py)
    texts = plain_texts(archive)
    people = collect_people(archive, texts)
    doc_people = {doc.id: [p for p in doc.people if p in people] for doc in archive.documents}
    topic_cache = StageCache(cache, "topic-phrases")
    keys, jobs = {}, {}         # jobs: what the cache lacks
    for doc in archive.documents:
        stop = frozenset(doc_people[doc.id]) | archive.topic_stopwords
        keys[doc.id] = key = key_of(texts[doc.id], *sorted(stop))
        if key not in topic_cache and key not in jobs:
            jobs[key] = (texts[doc.id], stop)
    started = topic_phrases_started(list(jobs.values()))
    lap("tag")

    # annotate: glossary terms in every document
    terms = gl.collect_terms(archive)
    automaton = gl.build_automaton(terms)
    index = gl.GlossaryIndex(terms=terms)
    appendices = gl.Appendices.of(terms)
    bodies = {}
    for doc in archive.documents:
        body = gl.annotate(doc, automaton, terms, _term_link, index)
        body = gl.link_note_markers(body, doc, appendices, _entry_link)
        body = gl.render_appendix(body, doc, appendices, _entry_link)
        bodies[doc.id] = add_paragraph_anchors(doc.body, body)
    lap("annotate")

    # link: people, series, references, related documents
    links = build_links(archive, texts, cache, people)
    lap("link")

    # tag: metadata and topics (segmented with this build's own jieba tokenizer)
    tags = {}
    found: dict[str, set[str]] = {}
    computed = dict(zip(jobs, started.answers()))
    for doc in archive.documents:
        key = keys[doc.id]
        for w in topic_cache.get(key, lambda: computed[key]):
            found.setdefault(w, set()).add(doc.id)
    topic_cache.save()
    del topic_cache, computed, jobs         # every document's phrases: ~35 MB at 1,000 raw files
    phrase_counts = StageCache(cache, "phrase-counts")
    generic = common_phrases(found, texts, keys, phrase_counts)
    phrase_counts.save()
    shared_terms = [(gl.normalize(t.entries[0].term), t.forms) for key, t in sorted(terms.items())
                    if len({u.doc_id for u in index.uses.get(key, [])}) >= 2]
    vocabulary = Vocabulary.of(curated_topics(), shared_terms, sorted(set(found) - generic),
                               archive.topic_stopwords | region_words() | set(links.people))
    site.vocabulary = vocabulary
    # each document's topics follow from its text and the vocabulary's spellings: kept, so
    # a rebuild whose edit left the vocabulary as it was matches no text again
    topic_store = StageCache(cache, "topics")
    spellings = vocabulary.key()
    for doc in archive.documents:
        chosen = topic_store.get(key_of(spellings, keys[doc.id]), lambda: topics_of(texts[doc.id], vocabulary))
        tags[doc.id] = document_tags(doc, doc_people[doc.id], chosen)
    topic_store.save()
    lap("tag")

    # emit: every page
    for doc in archive.documents:
        page = paths.document(doc)
        extra = used_terms_section(doc, index, terms)
        people = [p for p in doc.people if p in links.people]
        if people:
            extra += "## 人物\n\n" + lines_block(["、".join(
                f"[{esc(p)}]({paths.link(page, paths.person(p))})" for p in people)], "p")
        extra += link_sections(doc, links, docs_by_id)
        # the citation and the search data are raw HTML with no link: Markdown need not read them
        blocks: dict[str, str] = {}
        site.pages[page] = render_document(doc, bodies.pop(doc.id), slugs, comps, extra, tags[doc.id],
                                           page_address(info, page), logs, blocks) + "\n" + stash(document_data(doc), blocks)
        site.blocks.update(blocks)
        site.edit_paths[page] = f"content/{doc.rel}"
    site.pages.update(glossary_pages(terms, index, docs_by_id))
    for t in terms.values():
        site.edit_paths.setdefault(paths.term(t.page_id), f"content/{t.entries[0].rel}")
    site.pages.update(person_pages(links.people, docs_by_id))
    site.pages.update(indexes.region_pages(archive, slugs))
    site.pages.update(indexes.year_pages(archive))
    site.pages.update(indexes.type_pages(archive))
    site.pages.update(indexes.compilation_pages(archive))
    for comp in archive.compilations:
        site.edit_paths[paths.compilation(comp.id)] = f"content/{comp.rel}"
    targets, topics = tag_targets(archive.documents, tags, slugs, set(links.people))
    site.pages.update(topic_pages(topics, targets))
    site.pages[paths.TAGS] = tag_index(topics, targets)
    # keyed as the pages' front matter writes tags (HTML-escaped, see pages/common.front)
    site.tag_pages = {html_text(tag): page for tag, page in targets.items()}
    site.pages[paths.HOME] = indexes.home_page(archive, len(links.people))
    site.pages[paths.ABOUT] = indexes.about_page(archive, info.repo_url)
    site.pages[paths.DATASET] = Streamed(lambda: (piece.encode("utf-8") for piece in export_pieces(archive, texts)))
    for asset in sorted(ASSETS.iterdir()):
        site.pages[f"assets/{asset.name}"] = asset.read_bytes()
    # raw files and their cleaning logs, for readers who want to check the editor's work:
    # each raw file as it came, as UTF-8 text a browser reads right, and its log as a page
    published: dict[str, str] = {}

    def publish(target: str, rel: str, data: Derived) -> None:
        if target in published:
            raise ContentError(f"{archive.content / rel}: would be published as {target}, "
                               f"like {archive.content / published[target]}; rename one of them")
        published[target] = rel
        site.pages[target] = data

    encodings = {d.meta.source.file: d.meta.source.encoding for d in archive.documents if d.meta.source}
    for rel in archive.sources:
        read = partial(read_source, archive, rel)
        sha = archive.sources[rel].sha256
        publish(paths.source_file(rel), rel, Derived(read, version=key_of(code_fingerprint(), "as is", sha)))
        if not (rel.endswith(".edits.json") and rel[:-len(".edits.json")] in archive.sources):   # not a log
            encoding = encodings.get(rel)
            if not encoding and rel in archive.edit_logs:      # no document names it: its log does
                encoding = read_edit_log(archive, rel).encoding
            publish(paths.source_copy(rel), rel, Derived(read, partial(utf8_copy, encoding=encoding),
                                                         key_of(code_fingerprint(), "utf-8 copy", encoding or "", sha)))
    # A log page depends on its log, its address and the documents it lists, and rarely
    # changes: kept between builds, one file each (rendering every edit of every log is
    # ~3 s at 1,000 files). The log is read only to make its page; the key holds the
    # digests of the log and of its raw file, whose agreement read_edit_log checks.
    if logs_started is not None:
        logs_started.answers()              # the worker's pages are in the cache now
    for rel, page in logs.items():
        key, docs = log_entries[rel]
        markdown, blocks = log_cache.get(key, lambda: log_page(page, read_edit_log(archive, rel), docs))
        site.pages[page] = markdown
        site.blocks.update(blocks)
    log_cache.save()
    # glossary terms and names as words for jieba (Material's search, in `search: material`)
    site.pages[paths.JIEBA_USERDICT] = "".join(f"{w} 20000 n\n" for w in gl.jieba_words(terms, sorted(links.people)))
    lap("emit")
    return site


MIN_LOG_PAGES = 50          # fewer to make: a worker's start (~0.5 s) costs more than it saves


def _log_entries(archive: Archive, logs: dict[str, str]) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Each log's cache key and the documents its page lists (title, page), in the order
    of their place in the raw file."""
    by_source: dict[str, list] = {}
    for d in archive.documents:
        if d.meta.source:
            by_source.setdefault(d.meta.source.file, []).append(d)
    entries = {}
    for rel, page in logs.items():
        from_here = sorted(by_source.get(rel, []), key=lambda d: (d.meta.source.span or [0], d.id))
        key = key_of(rel, page, archive.sources[archive.edit_logs[rel]].sha256, archive.sources[rel].sha256,
                     *(f"{d.id}\x1e{d.title}\x1e{paths.document(d)}" for d in from_here))
        entries[rel] = key, [(d.title, paths.document(d)) for d in from_here]
    return entries


@dataclass
class BuildResult:
    documents: int
    files: int
    written: int          # files of build/ that changed
    removed: int          # files of build/ that are gone
    site: SiteFiles


def build(content: Path, build_dir: Path, info: SiteInfo = SiteInfo(), cache: Path | None = None) -> BuildResult:
    """content/ → build/: load (validate), build every page, write what changed. `cache`:
    a folder for answers kept between builds (None: compute everything).

    Raises ContentError (a file of content/ is unusable) or BuildDirError; both name the file."""
    archive = load_archive(content, cache)
    writer = TreeWriter(build_dir, cache / BUILD_RECORD if cache else None)
    try:
        site = build_site(archive, info, cache, writer)
    except BaseException:
        writer.abort()              # build/ as it was
        stop_unread()               # topic phrases started in workers and never read
        raise
    written, removed = writer.commit()
    return BuildResult(len(archive.documents), len(site.pages), written, removed, site)
