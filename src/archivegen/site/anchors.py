"""Paragraph permalinks: every paragraph gets an id made from its own text.

The id depends only on the paragraph's words (plus a counter for repeated paragraphs),
so editing one paragraph never moves the anchors of the others. A paragraph whose first
sentence was set apart as its heading (a run-in heading, markdown_io.render_body) keeps
the id of the whole line, so links made before the heading was set apart still land.
"""

from __future__ import annotations

import hashlib
import re

from archivegen.markdown_io import H3, body_to_text, is_run_in
from archivegen.site.plain_paragraphs import is_plain, pilcrow


def _block_ids(body: str) -> tuple[list[str | None], dict[int, str]]:
    """(one id per Markdown block, None for headings; block index → id of a section
    heading of a line of its own, `（一）…`, which earlier versions showed as a paragraph)."""
    ids: list[str | None] = []
    former: dict[int, str] = {}
    seen: dict[str, int] = {}

    def new_id(text: str) -> str:
        base = "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        n = seen.get(base, 0) + 1
        seen[base] = n
        return base if n == 1 else f"{base}-{n}"

    heading = ""       # a run-in heading: the paragraph after it keeps the id of the whole line
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if not block or block.startswith("#"):
            ids.append(None)
            run_in = is_run_in(block)
            heading = body_to_text(block) if run_in else ""
            if block.startswith("### ") and not run_in and H3.match(body_to_text(block)):
                former[len(ids) - 1] = new_id(body_to_text(block))
            continue
        ids.append(new_id(heading + body_to_text(block)))
        heading = ""
    return ids, former


def paragraph_ids(body: str) -> list[str | None]:
    """One id per Markdown block of `body` (None for headings and empty blocks)."""
    return _block_ids(body)[0]


def add_paragraph_anchors(original: str, rendered: str) -> str:
    """Give each paragraph of `rendered` (the annotated body) the id of the same paragraph
    in `original` (the body as written) and a ¶ link to itself. The link follows the last
    character with no space between (a space would let it wrap onto a line of its own).
    A plain paragraph (site/plain_paragraphs.py) gets only its id line: the extension adds
    the link as it makes the paragraph."""
    ids, former = _block_ids(original)
    blocks = re.split(r"\n\s*\n", rendered.strip())
    if len(blocks) != len(ids):          # defensive: never mislabel paragraphs
        return rendered
    out = []
    for i, (block, pid) in enumerate(zip(blocks, ids)):
        if pid and is_plain(block):
            # made into elements by site/plain_paragraphs.py, ¶ link included, without
            # Markdown's inline pass
            block = f'{block}\n{{: #{pid} }}'
        elif pid:
            # the link as the HTML Markdown would make of [¶](#id "本段链接"){ .ag-pilcrow }:
            # inline HTML costs Python-Markdown a fraction of a link with attributes, and a
            # long report has a hundred of them (tests/site/test_anchors.py compares both)
            block = f'{block}{pilcrow(pid)}\n{{: #{pid} }}'
        elif i in former:                # an old paragraph link still lands on its heading
            out.append(f'<div id="{former[i]}" class="ag-anchor"></div>')
        out.append(block)
    return "\n\n".join(out) + "\n"
