"""The build half: content/ → every file of build/.

`build_site` reads top to bottom as the pipeline: annotate glossary terms, link, tag,
then render every page, in memory. `build` loads content/ first and hands the pages to
emit.py, the only writer of build/; the plugin and the benchmarks call it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from archivegen.data.regions import regions as known_regions
from archivegen.dictionary import tokenizer as new_tokenizer
from archivegen.export import export_json
from archivegen.model import Archive
from archivegen.site import glossary as gl
from archivegen.site import paths
from archivegen.site.anchors import add_paragraph_anchors
from archivegen.site.emit import write_tree
from archivegen.site.links import build_links, plain_texts
from archivegen.site.load import ContentError, load_archive
from archivegen.site.pages import indexes
from archivegen.site.pages.common import esc, html_text
from archivegen.site.pages.document import citation, link_sections, render_document
from archivegen.site.pages.glossary import glossary_pages, used_terms_section
from archivegen.site.pages.people import person_pages
from archivegen.site.pages.tags import tag_index, tag_targets, topic_pages
from archivegen.site.search import document_data
from archivegen.site.tags import document_tags

ASSETS = Path(__file__).parent.parent / "assets"


@dataclass
class SiteFiles:
    pages: dict[str, str | bytes] = field(default_factory=dict)   # build-relative path → content
    edit_paths: dict[str, str] = field(default_factory=dict)     # page → content/ file it comes from
    timings: dict[str, float] = field(default_factory=dict)      # stage → seconds
    tag_pages: dict[str, str] = field(default_factory=dict)     # tag → the page its chip links to


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


def build_site(archive: Archive) -> SiteFiles:
    site = SiteFiles()
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        site.timings[stage] = site.timings.get(stage, 0.0) + now - clock
        clock = now

    slugs = region_slugs(archive)
    comps = {c.id: c for c in archive.compilations}
    docs_by_id = archive.by_id()

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
    texts = plain_texts(archive)
    links = build_links(archive, texts)
    lap("link")

    # tag: metadata and topics (segmented with this build's own jieba tokenizer)
    tags = {}
    tokenizer = new_tokenizer()
    for doc in archive.documents:
        people = [p for p in doc.people if p in links.people]
        tags[doc.id] = document_tags(doc, texts[doc.id], people, archive.topic_stopwords, tokenizer)
    lap("tag")

    # emit: every page
    for doc in archive.documents:
        page = paths.document(doc)
        extra = used_terms_section(doc, index, terms)
        people = [p for p in doc.people if p in links.people]
        if people:
            extra += "## 人物\n\n" + "、".join(
                f"[{esc(p)}]({paths.link(page, paths.person(p))})" for p in people) + "\n\n"
        extra += link_sections(doc, links, docs_by_id)
        extra += f"## 引用本文\n\n```text\n{citation(doc)}\n```\n"
        site.pages[page] = render_document(doc, bodies[doc.id], slugs, comps, extra, tags[doc.id]) + "\n" + document_data(doc)
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
    site.pages[paths.DATASET] = export_json(archive)
    for asset in sorted(ASSETS.iterdir()):
        site.pages[f"assets/{asset.name}"] = asset.read_bytes()
    # raw files and their cleaning logs, for readers who want to check the editor's work
    published: dict[str, str] = {}
    for rel, data in archive.sources.items():
        target = paths.source_file(rel)
        if target in published:
            raise ContentError(f"{archive.content / rel}: would be published as {target}, "
                               f"like {archive.content / published[target]}; rename one of them")
        published[target] = rel
        site.pages[target] = data
    # glossary terms and names as words for jieba (Material's search, in `search: material`)
    site.pages[paths.JIEBA_USERDICT] = "".join(f"{w} 20000 n\n" for w in gl.jieba_words(terms, sorted(links.people)))
    lap("emit")
    return site


@dataclass
class BuildResult:
    documents: int
    files: int
    written: int          # files of build/ that changed
    removed: int          # files of build/ that are gone
    site: SiteFiles


def build(content: Path, build_dir: Path) -> BuildResult:
    """content/ → build/: load (validate), build every page, write what changed.

    Raises ContentError (a file of content/ is unusable) or BuildDirError; both name the file."""
    archive = load_archive(content)
    site = build_site(archive)
    written, removed = write_tree(build_dir, site.pages)
    return BuildResult(len(archive.documents), len(site.pages), written, removed, site)
