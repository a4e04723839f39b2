"""The archive as one JSON file, for researchers."""

from __future__ import annotations

import json
from collections.abc import Iterator

from archivegen.contract import to_front_matter
from archivegen.markdown_io import body_to_text
from archivegen.model import Archive


def export_json(archive: Archive, texts: dict[str, str] | None = None) -> str:
    """`texts`: each document's plain text by id, when the caller has it (body_to_text)."""
    return "".join(export_pieces(archive, texts))


def export_pieces(archive: Archive, texts: dict[str, str] | None = None) -> Iterator[str]:
    """export_json's text a document at a time (at 10,000 raw files it is 118 MB, and json
    encoding it whole held ~2.5 times that): the same characters as
    `json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"` of the whole."""
    glossary = [
        {"id": g.id, "term": g.term, "aliases": list(g.aliases), "defined_in": g.defined_in,
         "number": g.number, "definition": g.definition}
        for g in sorted(archive.glossary, key=lambda g: g.id)
    ]
    comps = [to_front_matter(c.meta) for c in sorted(archive.compilations, key=lambda c: c.id)]
    documents = ({**to_front_matter(d.meta), "text": texts[d.id] if texts is not None else body_to_text(d.body)}
                 for d in sorted(archive.documents, key=lambda d: d.id))
    yield "{"
    for n, (key, items) in enumerate((("documents", documents), ("glossary", glossary), ("compilations", comps))):
        yield f'{"," if n else ""}\n {_encode(key)}: '
        first = True
        for item in items:
            # an item two levels down: every line of its own encoding indented by two more
            # spaces (a JSON string never holds a line break)
            yield ("[\n  " if first else ",\n  ") + _encode(item).replace("\n", "\n  ")
            first = False
        yield "[]" if first else "\n ]"
    yield "\n}\n"


def _encode(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False, default=str)
