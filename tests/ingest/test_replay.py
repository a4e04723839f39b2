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
                 tuple(Edit(s, e, new, old, why) for s, e, new, old, why, _line, *_context in p["edits"]))
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


GOLDEN = ROOT / "tests" / "data" / "golden"


def _splice(text: str, edits: list[Edit]) -> str:
    """Apply one pass's edits from the end backwards: a reference written apart from
    apply_edits, checking that each edit removes exactly the text it records."""
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        assert text[e.start:e.end] == e.old, (e.start, e.old)
        text = text[:e.start] + e.new + text[e.end:]
    return text


@pytest.mark.parametrize("source", [p.name for p in seed_files()])
def test_the_log_replays_to_the_reviewed_cleaned_text(source, seed_plan):
    """Nothing disappears silently: the committed edit log, replayed on the raw file by the
    reference splice, gives the cleaned text a person reviewed (tests/data/golden/), and so
    does cleaning the raw file now. When a cleaning rule changes on purpose, regenerate
    the golden files with `python -m tests.data.golden` and read the diff."""
    raw = (CONTENT / "sources" / source).read_bytes()
    log = json.loads((CONTENT / "sources" / f"{source}.edits.json").read_text(encoding="utf-8"))
    text = decode_bytes(raw).text
    for p, logged in zip(_passes(log), log["passes"]):
        for start, end, _new, _old, _why, _line, before, after in logged["edits"]:
            # the context readers see on the log page is the text around the edit
            assert text[start - len(before):start] == before and text[end:end + len(after)] == after
        text = _splice(text, list(p.edits))
    golden = (GOLDEN / f"{source}.cleaned.txt").read_text(encoding="utf-8")
    assert text == golden
    (plan,) = [sp for sp in seed_plan.sources if sp.name == source]
    assert plan.cleaned.text == golden


def test_edit_log_names_raw_lines(seed_plan):
    log = json.loads((CONTENT / "sources" / "002_0494a65b94bf554c.txt.edits.json").read_text(encoding="utf-8"))
    pinyin = next(p for p in log["passes"] if p["rule"] == "pinyin")
    assert len(pinyin["edits"]) == 192
    raw_lines = (CONTENT / "sources" / "002_0494a65b94bf554c.txt").read_text(encoding="utf-8").split("\n")
    for start, end, new, old, reason, line, before, after in pinyin["edits"]:
        assert old in raw_lines[line - 1]
