"""Tags: from metadata (region, year, type, people) and topics from a vetted vocabulary.

A topic tag is never a word picked from one document alone: it comes from a vocabulary of
the curated topic list (src/archivegen/data/topics.yaml, each with its other spellings),
the glossary terms that two documents or more use, and phrases that jieba's TF-IDF finds
salient in some document and that pass a quality test (three characters or more, used
at least twice there, not a stop word or a place name, not in most documents). Each entry of the vocabulary then
goes to every document whose text uses it enough — twice, or once in a short text — so a
topic's page lists every document that carries it, and two spellings are one tag.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

import ahocorasick

from archivegen.data import load_data
from archivegen.data.regions import region_words
from archivegen.model import Document
from archivegen.site.cache import StageCache, key_of_all
from archivegen.site.phrase_counts import used_by_more_than

CANDIDATES = 8                   # salient words per document considered as phrases
TOPIC_TEXT_CHARS = 6000          # enough to characterise a document; bounds the cost
TOPIC_POS = ("n", "nz", "vn", "ns", "nt", "l", "j")
MIN_PHRASE_CHARS = 3             # 城市, 模式, 实体, 课题 …: two characters say too little on their own
MIN_USES = 2                     # a document carries a topic it uses twice …
SHORT_TEXT = 1500                # … or once, in a text shorter than this …
CHARS_PER_USE = 4000             # … and in a long text, once every this many characters
COMMON = 0.5                     # a phrase in more than this share of the documents says nothing of one
COMMON_FROM = 6                  # (once the archive has this many documents)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_data("topic_stopwords.yaml"))


@lru_cache(maxsize=1)
def curated_topics() -> dict[str, tuple[str, ...]]:
    """topic → its other spellings (data/topics.yaml)."""
    return {str(k): tuple(str(a) for a in (v or ())) for k, v in load_data("topics.yaml").items()}


def salient_words(text: str, extra_stop: frozenset[str] = frozenset(), tables=None,
                  limit: int = CANDIDATES) -> list[str]:
    """The document's best keywords by TF-IDF (jieba's IDF table), nouns only.

    The same scoring as jieba.analyse.extract_tags(allowPOS=...), but parts of speech come
    from jieba's dictionary instead of its HMM tagger: five times faster, which is most of
    the tag stage at 10,000 documents. Words outside the dictionary have no part of speech
    and are skipped (they would be guesses anyway). The text is cut as jieba's
    `Tokenizer.cut(HMM=False)` cuts it, from tables read once (site/segment.py; `tables`:
    those, by default the kept ones)."""
    from archivegen.site.segment import topic_tables

    tables = tables or topic_tables()
    # place names are tags already (the region tag); as topics they would repeat it
    stop = _stopwords() | extra_stop | region_words()
    counts = Counter(tables.topic_words(text[:TOPIC_TEXT_CHARS]))
    total = sum(counts.values()) or 1
    ranked = sorted(((w, n * tables.idf(w) / total) for w, n in counts.items()
                     if w not in stop and not w.isdigit()),
                    key=lambda ws: (-round(ws[1], 9), ws[0]))
    return [w for w, _ in ranked[:limit]]


def good_phrase(word: str, text: str, stop: frozenset[str] = frozenset()) -> bool:
    """The quality test for a phrase found in a document to become a topic."""
    return (len(word) >= MIN_PHRASE_CHARS and word not in stop and word not in _stopwords()
            and word not in region_words() and not any(c.isdigit() for c in word) and text.count(word) >= MIN_USES)


def phrases(text: str, extra_stop: frozenset[str] = frozenset(), tables=None) -> list[str]:
    """Salient words of one document that pass the quality test."""
    return [w for w in salient_words(text, extra_stop, tables) if good_phrase(w, text, extra_stop)]


@dataclass
class Vocabulary:
    """Every topic and the spellings that mean it, matched in one pass over a text."""
    spellings: dict[str, str]                 # spelling → topic

    @classmethod
    def of(cls, curated: dict[str, tuple[str, ...]], terms: list[tuple[str, tuple[str, ...]]], found: list[str],
           stop: frozenset[str] = frozenset()) -> "Vocabulary":
        spellings: dict[str, str] = {}
        for topic, others in [*curated.items(), *terms, *((w, ()) for w in sorted(found))]:
            topic = topic.strip()
            if not topic or topic in stop:
                continue
            for s in (topic, *others):                 # the first meaning of a spelling wins
                if len(s.strip()) >= 2:
                    spellings.setdefault(s.strip(), spellings.get(topic, topic))
        return cls(spellings)

    def key(self) -> str:
        """A hash of every spelling and its topic (site/cache.py's key_of)."""
        return key_of_all(f"{s}\x1e{topic}" for s, topic in self.spellings.items())

    @cached_property
    def _auto(self):
        # made on first use: a rebuild takes most documents' topics from the build cache
        if not self.spellings:
            return None
        auto = ahocorasick.Automaton()
        for s, topic in self.spellings.items():
            auto.add_word(s, (len(s), topic))
        auto.make_automaton()
        return auto

    def uses(self, text: str) -> Counter:
        """topic → how often the text uses it (leftmost-longest spellings, no overlaps)."""
        counts: Counter = Counter()
        if self._auto is None:
            return counts
        for _end, (_n, topic) in self._auto.iter_long(text):
            counts[topic] += 1
        return counts


def enough(uses: int, text_length: int) -> bool:
    """The rule by which a document carries a topic: it uses it twice (once in a text of
    fewer than SHORT_TEXT characters), and in a long text once every CHARS_PER_USE
    characters (a report that names a topic twice in 20,000 characters is not about it)."""
    needed = max(1 if text_length < SHORT_TEXT else MIN_USES, math.ceil(text_length / CHARS_PER_USE))
    return uses >= needed


def common_phrases(found: dict[str, set[str]], texts: dict[str, str], keys: dict[str, str] | None = None,
                   kept: StageCache | None = None) -> set[str]:
    """Phrases found salient somewhere that most documents use: generic (总书记, 实施方案).
    Counted by site/phrase_counts.py: one automaton pass per text, or with `keys` (each
    text's cache key) and `kept`, only what changed since the last build."""
    if len(texts) < COMMON_FROM or not found:
        return set()
    return used_by_more_than(COMMON * len(texts), found, texts, keys, kept)


def topics(text: str, vocabulary: Vocabulary) -> list[str]:
    """Every topic of the vocabulary the text uses enough, the most used first."""
    counts = vocabulary.uses(text)
    chosen = [t for t, n in counts.items() if enough(n, len(text))]
    return sorted(chosen, key=lambda t: (-counts[t], t))


def document_tags(doc: Document, people: list[str], doc_topics: list[str]) -> list[str]:
    """Tags for one document: front-matter tags first (contributors' choice), then region,
    year, type, people, and topics (front-matter `topics` replaces the computed ones)."""
    tags: list[str] = []

    def add(t) -> None:
        t = str(t).strip()
        if t and t not in tags:
            tags.append(t)

    for t in doc.meta.tags:
        add(t)
    if doc.region:
        add(doc.region)
    if doc.year:
        add(f"{doc.year}年")
    add(doc.doc_type)
    for p in people:
        add(p)
    chosen = doc.meta.topics
    for t in chosen if chosen is not None else doc_topics:
        add(t)
    return tags
