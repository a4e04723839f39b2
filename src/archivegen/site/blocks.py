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

The build's blocks wait in a BlockStore, a temporary file, not in memory: there are as
many as edit logs (~40 MB at 1,000 raw files), and a rebuild takes most of their pages
from the page cache without ever asking for them.
"""

from __future__ import annotations

import hashlib
import re

from archivegen.site.spill import SpillFile

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


def restore(page_html: str, blocks: "dict[str, str] | BlockStore") -> str:
    """A rendered page with every marker replaced by its block."""
    if not blocks or 'class="ag-block"' not in page_html:
        return page_html
    return _MARKERS.sub(lambda m: blocks.get(m.group(1), m.group(0)), page_html)


class BlockStore:
    """Blocks by key, parked in a SpillFile (site/spill.py): `store[key] = html`, `store.get(key)`."""

    def __init__(self):
        self._spill = SpillFile(prefix="archivegen-blocks-")

    def __setitem__(self, key: str, html: str) -> None:
        if key not in self._spill:                    # the key is the HTML's hash
            self._spill.put(key, html.encode("utf-8", "surrogatepass"))

    def update(self, blocks: dict[str, str]) -> None:
        for key, html in blocks.items():
            self[key] = html

    def get(self, key: str, default: str | None = None) -> str | None:
        data = self._spill.get(key)
        return default if data is None else data.decode("utf-8", "surrogatepass")

    def __contains__(self, key: str) -> bool:
        return key in self._spill

    def __len__(self) -> int:
        return len(self._spill)

    def close(self) -> None:
        self._spill.close()
