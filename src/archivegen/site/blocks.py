"""Pre-rendered HTML blocks: long generated HTML that needs no Markdown skips Markdown.

Python-Markdown reads every character of a page, HTML blocks included, and most of a big
build's time is MkDocs rendering pages (BENCHMARKS.md). Some generated blocks are HTML
already, made by archivegen with every value escaped (site/escape.py): an edit log's
tables of thousands of edits. Such a block goes into the page's Markdown as one empty
marker element; the plugin puts the HTML back in place of the marker once MkDocs has
rendered the page (`on_page_content`). A block is named by a hash of its HTML, so the
same input gives the same build/ and the same site.

Markdown leaves a raw HTML block as it is, so the page a reader gets is byte for byte what
it was with the HTML written into the Markdown (tests/site/test_blocks.py).
"""

from __future__ import annotations

import hashlib
import re

_MARKER = '<div class="ag-block" data-block="{key}"></div>'
_MARKERS = re.compile(r'<div class="ag-block" data-block="([0-9a-f]{20})"></div>')


def stash(html: str, blocks: dict[str, str] | None) -> str:
    """The Markdown that stands for `html`: the HTML itself when there is no store."""
    if blocks is None:
        return html
    body = html.rstrip("\n")       # the newlines after a block are Markdown's, and stay
    key = hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]
    blocks[key] = body
    return _MARKER.format(key=key) + html[len(body):]


def restore(page_html: str, blocks: dict[str, str]) -> str:
    """A rendered page with every marker replaced by its block."""
    if not blocks or 'class="ag-block"' not in page_html:
        return page_html
    return _MARKERS.sub(lambda m: blocks.get(m.group(1), m.group(0)), page_html)
