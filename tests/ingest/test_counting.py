"""Counting and finding characters without per-character lists (big files; ingest/counting.py)."""

from __future__ import annotations

import re

from archivegen.ingest.clean.base import CJK_RE
from archivegen.ingest.clean.characters import _positions, _traditional_only
from archivegen.ingest.counting import count_chars
from archivegen.ingest.decode.charset import decode_bytes
from archivegen.ingest.decode.plausible import ASCII_TEXT, CONTROL, HAN_RUN, PUNCT
from tests.conftest import CORPUS, seed_files


def _texts() -> list[str]:
    pages = sorted(CORPUS.glob("*.shtml"))[:10]
    return [decode_bytes(p.read_bytes()).text for p in seed_files() + pages]


def test_count_chars_equals_the_length_of_findall_on_real_text():
    texts = _texts()
    assert len(texts) >= 10
    for text in texts:
        for pattern in (CJK_RE, ASCII_TEXT, PUNCT, CONTROL):
            assert count_chars(pattern, text) == len(pattern.findall(text))
        # a run pattern counts the characters of its runs
        assert count_chars(HAN_RUN, text) == sum(map(len, HAN_RUN.findall(text)))
    assert count_chars(re.compile("[a]"), "") == 0


def test_a_long_text_is_counted_a_slice_at_a_time_with_the_same_result(monkeypatch):
    import archivegen.ingest.counting as counting

    texts = _texts()
    monkeypatch.setattr(counting, "SLICE", 97)          # runs cut at slice ends, in every text
    for text in texts:
        assert len(text) > 97
        for pattern in (CJK_RE, ASCII_TEXT, PUNCT):
            assert count_chars(pattern, text) == len(pattern.findall(text))
        assert count_chars(HAN_RUN, text) == sum(map(len, HAN_RUN.findall(text)))


def test_traditional_positions_are_every_occurrence_in_text_order():
    table = _traditional_only()
    seed = decode_bytes(seed_files()[0].read_bytes()).text
    # stray traditional characters put into a real report, some twice, one at each end
    trad = [c for c in ("與", "國", "發", "會") if c in table]
    assert len(trad) == 4
    text = trad[0] + seed[:3000] + trad[1] + seed[3000:6000] + trad[2] + trad[1] + seed[6000:9000] + trad[3]
    expected = [(i, c) for i, c in enumerate(text) if c in table]
    found = sorted(_positions(text, set(text).intersection(table)))
    assert found == expected
    assert [c for _, c in found].count(trad[1]) >= 2 and found[0][0] == 0 and found[-1][0] == len(text) - 1
