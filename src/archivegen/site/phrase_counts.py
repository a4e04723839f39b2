"""How many texts use each phrase, counted again after an edit only where it matters.

tags.common_phrases asks, of every phrase found salient in some document (tens of
thousands at 10,000 raw files), whether more than a share of all documents use it. The
count is one automaton pass over every text: ~2.2 s at 10,000 raw files, on every build,
though an edit changes one text.

So the counts are kept in the build cache as bounds [low, high], with the keys of the
texts they counted. A rebuild counts the texts that are new (added or changed) exactly,
and widens every phrase's bounds by the texts that are gone, whose uses it no longer
knows: low - gone + new, high + new. A phrase whose bounds lie wholly on one side of the
limit is decided; one that straddles it, or was not counted before, is counted exactly
in every text, a substring search each. When that would be many phrases, or many texts
are new, or nothing was kept, every text is counted in one pass as before. The answer is
the full count's by construction (tests/site/test_phrase_counts.py holds it to that over
random edits).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import ahocorasick

from archivegen.site.cache import StageCache

STATE = "bounds"
EXACT_AT_MOST = 32          # phrases counted one at a time before one pass over all is cheaper
NEW_TEXTS_AT_MOST = 0.05    # share of the texts new before one pass over all is cheaper


def used_by_more_than(limit: float, phrases: Iterable[str], texts: dict[str, str],
                      keys: dict[str, str] | None = None, kept: StageCache | None = None) -> set[str]:
    """The phrases more than `limit` of the texts use. `keys`: each text's key in the
    build cache (a hash of it), by the same ids as `texts`; with `kept`, the counts are
    brought up to date from the last build's and kept for the next."""
    phrases = sorted(set(phrases))
    bounds = None
    if kept is not None and keys is not None:
        bounds = _brought_up_to_date(kept.previous(STATE), phrases, texts, keys, limit)
    if bounds is None:
        counted = _counts(phrases, texts.values())
        bounds = {w: (counted[w], counted[w]) for w in phrases}
    if kept is not None and keys is not None:
        kept.keep(STATE, {"texts": sorted(keys[d] for d in texts),
                          "bounds": {w: list(b) for w, b in bounds.items()}})
    return {w for w, (low, _high) in bounds.items() if low > limit}


def _counts(phrases: list[str], texts: Iterable[str]) -> Counter:
    """How many of `texts` use each phrase: one automaton pass per text."""
    counted: Counter = Counter()
    if not phrases:
        return counted
    auto = ahocorasick.Automaton()
    for w in phrases:
        auto.add_word(w, w)
    auto.make_automaton()
    for text in texts:
        counted.update({w for _end, w in auto.iter(text)})
    return counted


def _brought_up_to_date(state: object, phrases: list[str], texts: dict[str, str], keys: dict[str, str],
                        limit: float) -> dict[str, tuple[int, int]] | None:
    """Every phrase's bounds, each on one side of `limit`, from the last build's; None when
    one pass over every text is the cheaper (or the only) way."""
    try:
        before = Counter(state["texts"])                   # type: ignore[index]
        old = state["bounds"]                              # type: ignore[index]
    except (TypeError, KeyError):
        return None
    now = Counter(keys[d] for d in texts)
    gone = sum((before - now).values())
    new = now - before
    if sum(new.values()) > NEW_TEXTS_AT_MOST * len(texts):
        return None
    text_of = {keys[d]: t for d, t in texts.items()}
    added = _counts(phrases, (text_of[k] for k, n in sorted(new.items()) for _ in range(n)))
    bounds, unsure = {}, []
    for w in phrases:
        b = old.get(w)
        if not (isinstance(b, list) and len(b) == 2):
            unsure.append(w)
            continue
        low, high = max(0, b[0] - gone) + added[w], min(len(texts), b[1] + added[w])
        if low > limit or high <= limit:
            bounds[w] = (low, high)
        else:
            unsure.append(w)
    if len(unsure) > EXACT_AT_MOST:
        return None
    for w in unsure:
        n = sum(1 for t in texts.values() if w in t)
        bounds[w] = (n, n)
    return bounds
