"""Phrase counts brought up to date after edits give the answer of counting every text."""

from __future__ import annotations

import random

from archivegen.site import phrase_counts
from archivegen.site.cache import StageCache, key_of
from archivegen.site.phrase_counts import used_by_more_than
from archivegen.site.tags import common_phrases
from tests.conftest import ROOT

# Four characters and short texts: many two- and three-character phrases are used by
# about half the texts, so edits move them across the limit.
ALPHABET = "改革发展"


def _full(limit, phrases, texts):
    return {w for w in set(phrases) if sum(1 for t in texts.values() if w in t) > limit}


def _text(rng, longest=30):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest)))


def test_random_edits_give_the_full_count(tmp_path):
    rng = random.Random(7)
    texts = {f"d{i}": _text(rng) for i in range(120)}
    phrases = {a + b + c for a in ALPHABET for b in ALPHABET for c in ("", *ALPHABET)}
    incremental = full = near = 0
    for step in range(150):
        kind = rng.random()
        if kind < 0.5:                                  # one document edited
            texts[rng.choice(sorted(texts))] = _text(rng)
        elif kind < 0.65:                               # one added
            texts[f"n{step}"] = _text(rng)
        elif kind < 0.8 and len(texts) > 10:            # one removed
            del texts[rng.choice(sorted(texts))]
        elif kind < 0.9:                                # a phrase more, one fewer
            phrases.add(_text(rng, 5) or "改革")
            phrases.discard(rng.choice(sorted(phrases)))
        elif kind < 0.95:                               # two documents with the same text
            texts[f"twin{step}"] = texts[rng.choice(sorted(texts))]
        # else: nothing changed
        limit = 0.5 * len(texts)
        keys = {d: key_of(t) for d, t in texts.items()}
        kept = StageCache(tmp_path, "phrase-counts")
        passes = []
        real = phrase_counts._counts
        phrase_counts._counts = lambda ps, ts: real(ps, passes.append(list(ts)) or passes[-1])
        try:
            got = used_by_more_than(limit, phrases, texts, keys, kept)
        finally:
            phrase_counts._counts = real
        kept.save()
        assert got == _full(limit, phrases, texts), step
        near += sum(1 for w in phrases if abs(sum(1 for t in texts.values() if w in t) - limit) <= 2)
        if passes and len(passes[-1]) == len(texts) and len(texts) > 2:
            full += 1
        else:
            incremental += 1
    assert incremental > 100 and full >= 1          # the shortcut is taken, and it is checked
    assert near > 150                               # on phrases near the limit


def test_one_edit_counts_one_text_again(tmp_path, monkeypatch):
    rng = random.Random(3)
    texts = {f"d{i}": _text(rng) for i in range(200)}
    phrases = sorted({t[:2] for t in texts.values() if len(t) >= 2})
    keys = {d: key_of(t) for d, t in texts.items()}
    kept = StageCache(tmp_path, "phrase-counts")
    used_by_more_than(100, phrases, texts, keys, kept)
    kept.save()
    texts["d5"], keys["d5"] = "改革发展", key_of("改革发展")
    counted = []
    real = phrase_counts._counts
    monkeypatch.setattr(phrase_counts, "_counts", lambda ps, ts: real(ps, counted.append(list(ts)) or counted[-1]))
    kept = StageCache(tmp_path, "phrase-counts")
    assert used_by_more_than(100, phrases, texts, keys, kept) == _full(100, phrases, texts)
    assert [len(c) for c in counted] == [1]


def test_a_damaged_record_is_counted_afresh(tmp_path):
    texts = {f"d{i}": "改革发展" * (i % 3) for i in range(12)}
    keys = {d: key_of(t) for d, t in texts.items()}
    kept = StageCache(tmp_path, "phrase-counts")
    kept.keep(phrase_counts.STATE, {"texts": "not a list", "bounds": None})
    assert used_by_more_than(6, ["改革"], texts, keys, kept) == _full(6, ["改革"], texts)


def test_seed_archive_generic_phrases_with_and_without_the_record(tmp_path):
    from archivegen.site.links import plain_texts
    from archivegen.site.load import load_archive
    archive = load_archive(ROOT / "content")
    texts = plain_texts(archive)
    found = {w: set() for t in texts.values() for w in (t[i:i + 3] for i in range(0, min(len(t), 3000), 7))}
    keys = {d: key_of(t) for d, t in texts.items()}
    cold = common_phrases(found, texts)
    assert cold == _full(0.5 * len(texts), found, texts) and cold
    kept = StageCache(tmp_path, "phrase-counts")
    assert common_phrases(found, texts, keys, kept) == cold
    kept.save()
    assert common_phrases(found, texts, keys, StageCache(tmp_path, "phrase-counts")) == cold
