"""Edits that lose nothing: replaying the recorded edit log on the raw file gives back the
cleaned text, and every document body exactly, character by character."""

from __future__ import annotations

import json

import pytest

from archivegen.ingest.decode import decode_bytes
from archivegen.ingest.edits import Edit, Pass, replay
from archivegen.markdown_io import read, render_body
from tests.conftest import ROOT, seed_files

CONTENT = ROOT / "content"


def _passes(log: dict) -> list[Pass]:
    return [Pass(p["rule"], p["label"], p["action"],
                 tuple(Edit(s, e, new, old, why) for s, e, new, old, why, _line in p["edits"]))
            for p in log["passes"]]


@pytest.mark.parametrize("source", [p.name for p in seed_files()])
def test_replaying_the_log_rebuilds_every_document(source):
    raw = (CONTENT / "sources" / source).read_bytes()
    log = json.loads((CONTENT / "sources" / f"{source}.edits.json").read_text(encoding="utf-8"))
    assert log["source"] == source
    decoded = decode_bytes(raw)
    cleaned = replay(decoded.text, _passes(log))
    docs = []
    for path in sorted((CONTENT / "documents").rglob("*.md")):
        meta, body = read(path)
        if meta["source"]["file"] == f"sources/{source}":
            docs.append((meta, body))
    assert docs, f"no documents from {source}"
    for meta, body in docs:
        start, end = meta["source"]["span"]
        assert render_body(cleaned[start:end]) == body, meta["id"]


def test_every_removed_character_is_in_the_log(seed_plan):
    """Nothing disappears silently: raw length = cleaned length - inserted + removed."""
    for sp in seed_plan.sources:
        text = sp.decoded.text
        for p in sp.cleaned.passes:
            removed = sum(len(e.old) for e in p.edits)
            inserted = sum(len(e.new) for e in p.edits)
            after = len(text) - removed + inserted
            from archivegen.ingest.edits import apply_edits

            text = apply_edits(text, p.edits)
            assert len(text) == after
        assert text == sp.cleaned.text


def test_edit_log_names_raw_lines(seed_plan):
    log = json.loads((CONTENT / "sources" / "002_0494a65b94bf554c.txt.edits.json").read_text(encoding="utf-8"))
    pinyin = next(p for p in log["passes"] if p["rule"] == "pinyin")
    assert len(pinyin["edits"]) == 192
    raw_lines = (CONTENT / "sources" / "002_0494a65b94bf554c.txt").read_text(encoding="utf-8").split("\n")
    for start, end, new, old, reason, line in pinyin["edits"]:
        assert old in raw_lines[line - 1]
