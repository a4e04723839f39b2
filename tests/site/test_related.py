"""Related documents brought up to date after an edit are the ones computing everything
gives: the same vectors in the same order, the same scores, the same lists."""

from __future__ import annotations

import pytest

from archivegen.site import related
from archivegen.site.links import plain_texts
from archivegen.site.load import load_archive
from tests.conftest import ROOT


def _chunks(size: int) -> dict[str, str]:
    """Many documents of real text: every `size` characters of the seed documents."""
    texts = plain_texts(load_archive(ROOT / "content"))
    return {f"{doc_id}-{n:03d}": text[at:at + size]
            for doc_id, text in sorted(texts.items()) for n, at in enumerate(range(0, len(text), size))}


def _same(a: related.Similarity, b: related.Similarity) -> None:
    assert a.k == b.k
    assert list(a.openings.items()) == list(b.openings.items())
    assert dict(a.df) == dict(b.df)                  # (Counters equal with zero counts too)
    assert [(i, list(v.items())) for i, v in a.vectors.items()] == [(i, list(v.items())) for i, v in b.vectors.items()]
    assert a.related == b.related


def _scored(monkeypatch) -> list[str]:
    """The documents scored from now on."""
    seen: list[str] = []
    real = related._best
    monkeypatch.setattr(related, "_best", lambda i, *a: seen.append(i) or real(i, *a))
    return seen


# edit → (how, whether it is small: a sentence or a character, as most edits are)
EDITS = {
    "a sentence added": (lambda t: t + "浦东新区城市数字化转型继续推进，这是编辑测试加上的句子。", True),
    "a character corrected": (lambda t: t.replace("发展", "发屏", 1), True),
    "a common pair added": (lambda t: t + "经济社会发展。", True),
    "half removed": (lambda t: t[len(t) // 2:], False),
    "emptied": (lambda t: "", False),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_opening_updates_to_what_computing_everything_gives(edit, monkeypatch):
    texts = _chunks(400)
    assert len(texts) > 150
    old = related.similarity(texts)
    assert sum(len(v) for v in old.related.values()) > len(texts)      # most chunks have related ones
    victim = sorted(texts)[len(texts) // 3]
    how, small = EDITS[edit]
    new_texts = dict(texts, **{victim: how(texts[victim])})
    assert new_texts[victim] != texts[victim]
    scored = _scored(monkeypatch)
    update = related.updated(old, new_texts)
    assert update is not None and update.openings[victim] != old.openings[victim]
    if small:
        assert len(scored) < len(texts) / 4                           # not everything again
    scored.clear()
    _same(update, related.similarity(new_texts))


def test_several_edits_and_a_small_postings_cap_still_give_what_computing_everything_gives(monkeypatch):
    # with a cap of 3 documents per bigram, edits move bigrams across it
    monkeypatch.setattr(related, "MAX_POSTINGS", 3)
    texts = _chunks(300)
    old = related.similarity(texts)
    ids = sorted(texts)
    new_texts = dict(texts)
    for n, i in enumerate(ids[5::37]):
        new_texts[i] = texts[ids[(n * 11) % len(ids)]] + texts[i][:50]       # another chunk's words
    update = related.updated(old, new_texts)
    assert update is not None and update.related != old.related
    _same(update, related.similarity(new_texts))


def test_an_unchanged_archive_is_its_kept_state_and_other_documents_are_computed_in_full():
    texts = _chunks(400)
    old = related.similarity(texts)
    assert related.updated(old, dict(texts)) is old
    fewer = dict(texts)
    fewer.pop(sorted(texts)[0])
    assert related.updated(old, fewer) is None                       # a document removed: every IDF moves
    assert related.updated(old, texts, k=old.k + 1) is None


def test_the_state_is_kept_in_the_cache_folder_and_a_damaged_one_is_computed_again(tmp_path, monkeypatch):
    texts = _chunks(400)
    full = []
    real = related.similarity
    monkeypatch.setattr(related, "similarity", lambda *a: full.append(1) or real(*a))
    first = related.kept_related_documents(texts, tmp_path)
    (kept,) = tmp_path.glob("related-documents-*.pickle")
    assert full == [1] and first == real(texts).related
    victim = sorted(texts)[7]
    edited = dict(texts, **{victim: texts[victim] + "这是编辑测试加上的句子。"})
    assert related.kept_related_documents(edited, tmp_path) == real(edited).related
    assert full == [1]                                               # updated, not computed in full
    kept.write_bytes(kept.read_bytes()[:100])
    assert related.kept_related_documents(edited, tmp_path) == real(edited).related
    assert full == [1, 1]
