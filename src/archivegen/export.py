"""The archive as one JSON file, for researchers."""

from __future__ import annotations

import json

from archivegen.contract import to_front_matter
from archivegen.markdown_io import body_to_text
from archivegen.model import Archive


def export_json(archive: Archive, texts: dict[str, str] | None = None) -> str:
    """`texts`: each document's plain text by id, when the caller has it (body_to_text)."""
    docs = []
    for d in sorted(archive.documents, key=lambda d: d.id):
        docs.append({**to_front_matter(d.meta), "text": texts[d.id] if texts is not None else body_to_text(d.body)})
    glossary = [
        {"id": g.id, "term": g.term, "aliases": list(g.aliases), "defined_in": g.defined_in,
         "number": g.number, "definition": g.definition}
        for g in sorted(archive.glossary, key=lambda g: g.id)
    ]
    comps = [to_front_matter(c.meta) for c in sorted(archive.compilations, key=lambda c: c.id)]
    data = {"documents": docs, "glossary": glossary, "compilations": comps}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, default=str) + "\n"
