"""Small Markdown helpers shared by the page emitters."""

from __future__ import annotations

from archivegen.markdown_io import dump_yaml

from archivegen.model import Document
from archivegen.site import paths
from archivegen.site.fragments import START, lines_block
from archivegen.site.escape import esc, html_text

def front(meta: dict) -> str:
    """A generated page's front matter. Material prints a page's `title` and its `tags`
    into its templates (<title>, the header, the tag chips, search records) without
    escaping them, so they are written HTML-escaped here, for every page kind."""
    meta = dict(meta)
    if "title" in meta:
        meta["title"] = html_text(meta["title"])
    if "tags" in meta:
        meta["tags"] = [html_text(t) for t in meta["tags"]]
    return "---\n" + dump_yaml(meta) + "---\n\n"


def aside(markdown: str) -> str:
    """Lists around a text (links, quotations of other pages): shown to readers, left out
    of the search index (site/search.py excludes .ag-aside)."""
    return f'<div class="ag-aside" markdown="1">\n\n{markdown.strip()}\n\n</div>\n'


def date_label(doc: Document) -> str:
    """The date as readers should see it; inferred dates say so."""
    date, year = doc.date, doc.year
    if date:
        shown = date
    elif year:
        shown = f"{year}年"
    else:
        return "日期不详"
    if doc.meta.date_inferred:
        return f"{shown}（推断）"
    return shown


def doc_line(doc: Document, from_page: str) -> str:
    """One list item for a document: linked title, date, region, type."""
    bits = [date_label(doc), doc.region or "", doc.doc_type]
    extra = "" if doc.meta.complete else " · 不完整"
    return (f"- [{esc(doc.title)}]({paths.link(from_page, paths.document(doc))}) — "
            f"{' · '.join(esc(b) for b in bits if b)}{extra}")


def doc_list(docs: list[Document], from_page: str, newest_first: bool = True) -> str:
    """The documents as a list, newest first: a fragment of XML (site/fragments.py) when
    every item is of its kind."""
    ordered = sorted(docs, key=lambda d: d.sort_key, reverse=newest_first)
    lines = [doc_line(d, from_page) for d in ordered]
    block = lines_block([line[2:] for line in lines], "ul")
    return block if block.startswith(START) else "\n".join(lines) + "\n"
