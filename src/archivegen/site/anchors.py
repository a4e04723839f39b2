"""Paragraph permalinks: every paragraph gets an id made from its own text.

The id depends only on the paragraph's words (plus a counter for repeated paragraphs),
so editing one paragraph never moves the anchors of the others.
"""

from __future__ import annotations

import hashlib
import re

from archivegen.markdown_io import body_to_text


def paragraph_ids(body: str) -> list[str | None]:
    """One id per Markdown block of `body` (None for headings and empty blocks)."""
    ids: list[str | None] = []
    seen: dict[str, int] = {}
    for block in re.split(r"\n\s*\n", body.strip()):
        if not block.strip() or block.lstrip().startswith("#"):
            ids.append(None)
            continue
        text = body_to_text(block)
        base = "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        n = seen.get(base, 0) + 1
        seen[base] = n
        ids.append(base if n == 1 else f"{base}-{n}")
    return ids


def add_paragraph_anchors(original: str, rendered: str) -> str:
    """Give each paragraph of `rendered` (the annotated body) the id of the same paragraph
    in `original` (the body as written) and a ¶ link to itself."""
    ids = paragraph_ids(original)
    blocks = re.split(r"\n\s*\n", rendered.strip())
    if len(blocks) != len(ids):          # defensive: never mislabel paragraphs
        return rendered
    out = []
    for block, pid in zip(blocks, ids):
        if pid:
            block = f'{block} [¶](#{pid} "本段链接"){{ .ag-pilcrow }}\n{{: #{pid} }}'
        out.append(block)
    return "\n\n".join(out) + "\n"
