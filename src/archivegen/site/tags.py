"""Tags: from metadata (region, year, type, people) and a few topic words per document.

Topics come from jieba's TF-IDF keyword extraction with a policy-domain stop list, so
words every report uses (发展, 推进, 工作) never become topics. The number per document is
capped and ties are broken alphabetically, so tags are stable from build to build.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from archivegen.data import load_data
from archivegen.data.regions import region_words
from archivegen.model import Document

MAX_TOPICS = 5
TOPIC_TEXT_CHARS = 6000          # enough to characterise a document; bounds the cost
TOPIC_POS = ("n", "nz", "vn", "ns", "nt", "l", "j")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_data("topic_stopwords.yaml"))


def topics(text: str, extra_stop: frozenset[str] = frozenset(), tokenizer=None) -> list[str]:
    """The document's MAX_TOPICS best keywords by TF-IDF (jieba's IDF table), nouns only.

    The same scoring as jieba.analyse.extract_tags(allowPOS=...), but parts of speech come
    from jieba's dictionary instead of its HMM tagger: five times faster, which is most of
    the tag stage at 10,000 documents. Words outside the dictionary have no part of speech
    and are skipped (they would be guesses anyway). `tokenizer`: the build's own
    (archivegen.dictionary.tokenizer()); a fresh one when not given."""
    import jieba.analyse
    import jieba.posseg

    from archivegen.dictionary import tokenizer as new_tokenizer

    tk = tokenizer or new_tokenizer()

    # place names are tags already (the region tag); as topics they would repeat it
    stop = _stopwords() | extra_stop | region_words()
    word_pos = jieba.posseg.dt.word_tag_tab
    user_pos = tk.user_word_tag_tab
    counts = Counter(w for w in tk.cut(text[:TOPIC_TEXT_CHARS], HMM=False)
                     if len(w) >= 2 and (word_pos.get(w) or user_pos.get(w)) in TOPIC_POS)
    total = sum(counts.values()) or 1
    idf, median = jieba.analyse.default_tfidf.idf_freq, jieba.analyse.default_tfidf.median_idf
    ranked = sorted(((w, n * idf.get(w, median) / total) for w, n in counts.items()
                     if w not in stop and not w.isdigit()),
                    key=lambda ws: (-round(ws[1], 9), ws[0]))
    return [w for w, _ in ranked[:MAX_TOPICS]]


def document_tags(doc: Document, text: str, people: list[str], stop: frozenset[str] = frozenset(),
                  tokenizer=None) -> list[str]:
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
    for t in chosen if chosen is not None else topics(text, frozenset(people) | stop, tokenizer):
        add(t)
    return tags
