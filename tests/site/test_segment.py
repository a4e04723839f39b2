"""site/segment.py cuts text as jieba's Tokenizer.cut(HMM=False) does, and salient_words
with its tables gives what it gave with jieba's own (the reference below is the code it
replaced), on every corpus text and on random text built to reach each branch."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import jieba
import jieba.analyse
import jieba.posseg
import pytest

from archivegen.dictionary import tokenizer
from archivegen.ingest.decode.html import html_to_text
from archivegen.site import segment
from archivegen.site.segment import ASCII_CHAR, HAN_BLOCK, TopicTables, topic_tables
from archivegen.site.tags import TOPIC_POS, TOPIC_TEXT_CHARS, _stopwords, region_words, salient_words
from tests.conftest import ROOT
from tests.eval.corpora import cctv_files, govcn_pages, speeches


def corpus_texts() -> list[str]:
    """Every development text at hand: State Council texts, speeches, CCTV pages (as their
    visible text) and the built-in archive's documents."""
    texts = [page.truth["clean_text"] for page in govcn_pages()]
    texts += [item["text"] for item in speeches()]
    texts += [html_to_text(p.read_bytes().decode("utf-8", "replace")).text for p in cctv_files()[:120]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / "documents").rglob("*.md"))]
    assert len(texts) >= 20
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return corpus_texts()


@pytest.fixture(scope="module")
def tk():
    return tokenizer()


def jieba_salient_words(text: str, tk, limit: int = 8) -> list[str]:
    """tags.salient_words as it was, asking jieba's own tables."""
    stop = _stopwords() | region_words()
    word_pos = jieba.posseg.dt.word_tag_tab
    counts = Counter(w for w in tk.cut(text[:TOPIC_TEXT_CHARS], HMM=False)
                     if len(w) >= 2 and (word_pos.get(w) or tk.user_word_tag_tab.get(w)) in TOPIC_POS)
    total = sum(counts.values()) or 1
    idf, median = jieba.analyse.default_tfidf.idf_freq, jieba.analyse.default_tfidf.median_idf
    ranked = sorted(((w, n * idf.get(w, median) / total) for w, n in counts.items()
                     if w not in stop and not w.isdigit()), key=lambda ws: (-round(ws[1], 9), ws[0]))
    return [w for w, _ in ranked[:limit]]


def test_patterns_are_jiebas():
    assert HAN_BLOCK.pattern == jieba.re_han_default.pattern and HAN_BLOCK.flags == jieba.re_han_default.flags
    assert ASCII_CHAR.pattern == jieba.re_eng.pattern


def test_blocks_cut_as_jieba_cuts_them(texts, tk):
    tables = topic_tables()
    blocks = 0
    for text in texts:
        for block in HAN_BLOCK.split(text):
            if block and HAN_BLOCK.match(block):
                assert list(tables.cut_block(block)) == list(tk.cut(block, HMM=False)), block
                blocks += 1
    assert blocks > 10_000


def test_random_blocks_cut_as_jieba_cuts_them(tk):
    """Pieces of dictionary words run together (overlaps, ties, prefixes that are not words,
    a block ending inside one), with ASCII letters, digits and the other characters of a
    block, and characters no word starts with."""
    rng = random.Random(7)
    words = [w for w in sorted(tk.FREQ) if 1 <= len(w) <= 4]
    pool = [*rng.sample(words, 3000), *"abcXYZ0123456789+#&._%-", "龘", "\u9fd5", "2024年", "G20", "5G网络"]
    tables = topic_tables()
    for _ in range(3000):
        block = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        for piece in HAN_BLOCK.split(block):
            if piece and HAN_BLOCK.match(piece):
                assert list(tables.cut_block(piece)) == list(tk.cut(piece, HMM=False)), piece


def test_ties_go_to_the_longer_word_as_in_jieba():
    """Two paths of exactly the same probability (10/100 · 10/100 = 1/100): jieba keeps the
    one whose first word is longer. A toy dictionary, cut by jieba and by the tables."""
    toy = jieba.Tokenizer()
    toy.FREQ = {"甲": 10, "乙": 10, "甲乙": 1, "丙": 10, "乙丙": 1, "丁": 0, "丁戊": 0, "丁戊己": 1, "戊": 0}
    toy.total, toy.initialized = 100, True
    prefixes, log_total = segment.prefix_table(toy.FREQ, toy.total)
    tables = TopicTables(prefixes, {}, log_total, 0.0)
    for block in ("甲乙", "甲乙丙", "乙丙甲乙", "丁戊", "丁戊己甲", "戊甲乙x1", "a甲乙b2c"):
        assert list(tables.cut_block(block)) == list(toy.cut(block, HMM=False)), block
    assert list(tables.cut_block("甲乙")) == ["甲乙"]


def test_topic_words_are_the_tagged_words_of_jiebas_cut(texts, tk):
    tables = topic_tables()
    word_pos = jieba.posseg.dt.word_tag_tab
    for text in texts:
        expected = [w for w in tk.cut(text, HMM=False) if len(w) >= 2 and word_pos.get(w) in TOPIC_POS]
        assert list(tables.topic_words(text)) == expected


def test_salient_words_as_with_jieba(texts, tk):
    found = 0
    for text in texts:
        mine = salient_words(text)
        assert mine == jieba_salient_words(text, tk)
        found += bool(mine)
    assert found >= len(texts) * 0.9


def test_tables_are_kept_and_a_damaged_file_is_made_again(tmp_path, monkeypatch):
    kept = tmp_path / "tables.bin"
    monkeypatch.setattr(segment, "_kept_file", lambda: kept)
    segment.topic_tables.cache_clear()
    try:
        made = segment.topic_tables()
        assert kept.is_file()
        data = kept.read_bytes()
        segment.topic_tables.cache_clear()
        again = segment.topic_tables()                 # read back: the same tables
        assert again.prefixes == made.prefixes and again.topic_idf == made.topic_idf
        assert (again.lone, again.median_idf) == (made.lone, made.median_idf)
        for damaged in (data[: len(data) // 2], b"another format\n" + data.partition(b"\n")[2], b""):
            kept.write_bytes(damaged)
            assert segment._read_kept(kept) is None
            segment.topic_tables.cache_clear()
            assert segment.topic_tables().prefixes == made.prefixes
            assert segment._read_kept(kept) is not None   # made again and kept again
    finally:
        segment.topic_tables.cache_clear()


def test_a_text_without_chinese_has_no_topic_words():
    tables = TopicTables({"经济": -5.0, "经": None}, {"经济": 3.0}, 10.0, 5.0)
    assert list(tables.topic_words("hello, world 2024!")) == []
    assert list(tables.topic_words("经济经济")) == ["经济", "经济"]
    assert tables.idf("经济") == 3.0
