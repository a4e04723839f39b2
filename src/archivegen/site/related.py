"""Related documents: each document's most similar ones, by TF-IDF over the character
bigrams of its opening, through an inverted index of each document's strongest bigrams
(cost ~ N × TOP_TERMS × postings, never N²).

Kept between builds, and updated rather than computed again after an edit. Every score
depends on every document through the bigrams' IDF, but only a little of it moves when a
few openings change, and what moves can be found exactly:

- with the same documents, a bigram's IDF changes only if its document frequency does
  (a document added or removed changes every IDF: computed again in full);
- a document's vector (its TOP_TERMS strongest bigrams, normalised) changes only if its
  opening changed or it holds a bigram whose IDF changed;
- a document's scores change only if its vector changed, or one of its bigrams' postings
  did (another document's weight for it, or who holds it, or whether it now holds more
  than MAX_POSTINGS).

So the state is kept with each opening (compressed), and a rebuild moves the frequencies by
what each edited opening lost and gained, finds the documents holding a moved bigram (one
automaton pass over the openings), computes their vectors, and scores again only the
documents whose vector changed and those holding one of its changed bigrams among their
own strongest. The answer is the one computing everything gives, sum for sum: the same
vectors in the same order, the same postings, the same function (tests/site/test_related.py).
Measured on the 10,000-raw-file benchmark (12,394 documents): computing everything 11 s;
after a sentence added to one document 0.5 s; an unchanged archive 0.25 s (the openings
compared); the state 40 MB.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from archivegen.site.cache import KeptState

CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")        # overlapping: 上海市 → 上海, 海市
RELATED_PER_DOC = 5
TOP_TERMS = 40          # bigrams kept per document for similarity
MAX_POSTINGS = 2000     # a bigram in more documents than this says nothing about relatedness
MIN_SCORE = 0.02        # a lower score is chance, not relatedness
# the opening of a long report says what it is about; reading all of it costs time and
# changes little
SIMILARITY_TEXT_CHARS = 8000
RELATED_IN_WORKERS_FROM = 4000   # documents; with fewer, one process scores faster than workers start
STAGE = "related-documents"      # the kept state: <cache>/related-documents-<code version>.pickle

Vector = dict[str, float]


@dataclass
class Similarity:
    """What related documents follow from, kept for the next build."""
    k: int
    openings: dict[str, bytes]       # document id → its opening, UTF-8, zlib-compressed; in id order
    df: Counter                      # bigram → documents whose opening holds it
    vectors: dict[str, Vector]       # document id → its strongest bigrams' weights, in id order
    related: dict[str, list[str]]    # document id → its most similar documents


def _bigrams(text: str) -> Counter:
    """Each pair of adjacent Chinese characters and how often it occurs (in the order first seen)."""
    return Counter(CJK_PAIR.findall(text))


def _idf(n: int, df: int) -> float:
    return math.log((n + 1) / (df + 1))


def _vector(opening: str, idf: dict[str, float]) -> Vector:
    weights = [((1 + math.log(tf)) * idf[g], g) for g, tf in _bigrams(opening).items()]
    top = [(g, w) for w, g in heapq.nlargest(TOP_TERMS, weights)]   # ties: a fixed order
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {g: w / norm for g, w in top if w > 0}


def _frequencies(openings: Iterable[str]) -> Counter:
    df: Counter = Counter()
    for opening in openings:
        df.update(_bigrams(opening).keys())
    return df


def _postings(vectors: dict[str, Vector]) -> dict[str, list[tuple[str, float]]]:
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for i, vector in vectors.items():
        for g, w in vector.items():
            postings[g].append((i, w))
    return postings


def _best(i: str, vectors: dict[str, Vector], postings: dict[str, list[tuple[str, float]]], k: int) -> list[str]:
    scores: dict[str, float] = defaultdict(float)
    for g, w in vectors[i].items():
        plist = postings[g]
        if len(plist) > MAX_POSTINGS:
            continue
        for j, wj in plist:
            scores[j] += w * wj
    scores.pop(i, None)                  # itself
    best = heapq.nsmallest(k, scores.items(), key=lambda kv: (-kv[1], kv[0]))   # = sorted(…)[:k]
    return [j for j, s in best if s > MIN_SCORE]


def most_similar(common: tuple[dict[str, Vector], int], ids: list[str]) -> list[list[str]]:
    """The k documents most like each of `ids`, given every document's vector; the same
    sums in the same order wherever it runs (a worker of site/parallel.py or this process)."""
    vectors, k = common
    postings = _postings(vectors)
    return [_best(i, vectors, postings, k) for i in ids]


def _openings(texts: dict[str, str]) -> dict[str, str]:
    return {i: texts[i][:SIMILARITY_TEXT_CHARS] for i in sorted(texts)}


def _packed(opening: str) -> bytes:
    return zlib.compress(opening.encode("utf-8", "surrogatepass"), 1)


def _unpacked(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


def similarity(texts: dict[str, str], k: int = RELATED_PER_DOC) -> Similarity:
    """Everything computed: each document's plain text by id."""
    openings = _openings(texts)
    # two passes over the bigrams, not one that keeps them: every document's counts held
    # at once were the build's largest object (~100 MB at 1,000 raw files)
    return _complete(openings, _frequencies(openings.values()), k)


def _complete(openings: dict[str, str], df: Counter, k: int) -> Similarity:
    """Every vector and every score, from the openings and their bigrams' frequencies."""
    n = len(openings)
    idf = {g: _idf(n, d) for g, d in df.items()}
    vectors = {i: _vector(opening, idf) for i, opening in openings.items()}
    del idf
    ids = list(openings)
    packed = {i: _packed(o) for i, o in openings.items()}
    return Similarity(k, packed, df, vectors, dict(zip(ids, _scores(vectors, k, ids))))


def _scores(vectors: dict[str, Vector], k: int, ids: list[str]) -> list[list[str]]:
    # scoring is the costly part (~10 s at 10,000 raw files): over the CPUs (site/parallel.py)
    from archivegen.site.parallel import in_workers

    return in_workers("archivegen.site.related:most_similar", (vectors, k), ids, RELATED_IN_WORKERS_FROM)


def updated(old: Similarity, texts: dict[str, str], k: int = RELATED_PER_DOC) -> Similarity | None:
    """`old` brought up to date with `texts`, or None when it cannot be (other documents,
    another k): what `similarity(texts, k)` gives, computing only what changed."""
    if old.k != k or list(old.openings) != sorted(texts):
        return None
    openings = _openings(texts)
    packed = dict(old.openings)
    edited: dict[str, str] = {}             # id → its opening before the edit
    for i, opening in openings.items():
        if (was := _unpacked(old.openings[i])) != opening:
            edited[i] = was
            packed[i] = _packed(opening)
    if not edited:
        return old
    # the bigrams' document frequencies, moved by what each edited opening lost and gained
    df = Counter(old.df)
    lost_or_gained: set[str] = set()
    for i, was in edited.items():
        before, after = _bigrams(was).keys(), _bigrams(openings[i]).keys()
        df.subtract(before - after)
        df.update(after - before)
        lost_or_gained.update(before ^ after)
    moved = sorted(g for g in lost_or_gained if df[g] != old.df.get(g, 0))
    for g in moved:
        if df[g] == 0:
            del df[g]                        # as counting afresh: no bigram held by no document
    # the documents whose vector may change: the edited ones and every one holding a
    # bigram whose IDF moved (an automaton of those bigrams finds them, one pass per opening)
    again = set(edited)
    if moved:
        holds = ahocorasick.Automaton()
        for g in moved:
            holds.add_word(g, g)
        holds.make_automaton()
        again.update(i for i, o in openings.items() if next(holds.iter(o), None) is not None)
    n = len(openings)
    vectors = dict(old.vectors)
    idf: dict[str, float] = {}
    for i in sorted(again):
        for g in _bigrams(openings[i]):
            if g not in idf:
                idf[g] = _idf(n, df[g])
        vectors[i] = _vector(openings[i], idf)
    # a vector whose items (in order) are the same leaves every score as it was
    changed = [i for i in sorted(again) if list(vectors[i].items()) != list(old.vectors[i].items())]
    touched: set[str] = set()
    for i in changed:
        touched.update(g for g, _ in set(vectors[i].items()) ^ set(old.vectors[i].items()))
    # and every document holding one of their changed bigrams among its own strongest
    rescore = set(changed)
    if touched:
        rescore.update(i for i, vector in vectors.items() if not touched.isdisjoint(vector))
    ids = sorted(rescore)
    related = dict(old.related)
    related.update(zip(ids, _scores(vectors, k, ids)))
    return Similarity(k, packed, df, vectors, related)


def related_documents(texts: dict[str, str], k: int = RELATED_PER_DOC) -> dict[str, list[str]]:
    """Top-k similar documents of each document (scores over MIN_SCORE), by its plain text."""
    return similarity(texts, k).related


def kept_related_documents(texts: dict[str, str], cache: Path | None) -> dict[str, list[str]]:
    """related_documents, brought up to date from what the last build kept in `cache` (the
    build's cache folder): a rebuild after an edit to front matter, a glossary entry or the
    later part of a long text scores nothing; after an edit to an opening, only what it
    reaches. A kept state that cannot be read, or other documents, compute it in full."""
    kept = KeptState(cache, STAGE)
    old = kept.read()
    state = updated(old, texts) if isinstance(old, Similarity) else None
    if state is None:
        state = similarity(texts)
    if state is not old:
        kept.keep(state)
    return state.related
