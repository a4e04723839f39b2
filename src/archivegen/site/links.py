"""Cross-links: people, series of reports, references between documents, related documents.

Everything here is linear in the number of documents (times small constants): references
are found with one automaton pass per document, and related documents through an inverted
index over each document's strongest character bigrams, never by comparing every pair.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import ahocorasick

from archivegen.markdown_io import body_to_text
from archivegen.model import Archive, Document
from archivegen.site.cache import StageCache, key_of_all

CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")        # overlapping: 上海市 → 上海, 海市
SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")
REPORT_MENTION = re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<region>[\u4e00-\u9fff]{0,8}?)政府工作报告")

RELATED_PER_DOC = 5
TOP_TERMS = 40          # bigrams kept per document for similarity
MAX_POSTINGS = 2000     # a bigram in more documents than this says nothing about relatedness
SIMILARITY_TEXT_CHARS = 8000
RELATED_IN_WORKERS_FROM = 4000   # documents; with fewer, one process scores faster than workers start


@dataclass
class Person:
    name: str
    roles: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)                    # document ids
    sentences: dict[str, list[str]] = field(default_factory=dict)    # doc id → sentences naming them


@dataclass
class Links:
    people: dict[str, Person] = field(default_factory=dict)
    series: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # doc → (prev, next)
    references: dict[str, list[str]] = field(default_factory=dict)   # doc → docs it names
    backlinks: dict[str, list[str]] = field(default_factory=dict)    # doc → docs naming it
    related: dict[str, list[str]] = field(default_factory=dict)      # doc → similar docs


def plain_texts(archive: Archive) -> dict[str, str]:
    return {d.id: body_to_text(d.body) for d in archive.documents}


# ---------------------------------------------------------------- people

def qualify_role(role: str, region: str | None) -> str:
    """A role as printed in a document of `region`, with the region it belongs to:
    区长 in a 杨浦区 report is 杨浦区区长, 区委书记 is 杨浦区委书记, 市委书记 in a
    浦东新区 text is 上海市委书记 (the district's city). A role that names its place
    already, or whose place the document does not tell, is left as printed."""
    from archivegen.data.regions import regions

    role = role.strip()
    m = re.match(r"^(副|代理)?([市区县])(.*)$", role)
    known = regions()
    if not m or not region or region not in known:
        return role
    prefix, level, rest = m.groups()
    place = known[region]
    while place is not None and not place.name.endswith(level):
        place = known.get(place.parent) if place.parent else None
    if place is None:
        return role
    if rest.startswith("长") or prefix:           # 区长, 副区长, 代理区长: 杨浦区区长, 杨浦区副区长
        return place.name + role
    return place.name + rest                        # 区委书记, 区政协主席: 杨浦区委书记, 杨浦区政协主席


def collect_people(archive: Archive, texts: dict[str, str], max_sentences: int = 3) -> dict[str, Person]:
    """People as the documents' front matter names them, under content/people.yaml's rule:
    its `ignore` list drops names, `aliases` map other spellings to one person, `roles`
    add roles the texts do not print."""
    curated = archive.people
    ignore = set(curated.ignore)
    canonical = {}
    extra_roles = {}
    for p in curated.people:
        for alias in p.aliases:
            canonical[alias] = p.name
        extra_roles[p.name] = list(p.roles)
    people: dict[str, Person] = {}
    for doc in sorted(archive.documents, key=lambda d: d.sort_key):
        roles = doc.meta.roles
        names = list(doc.people)
        speaker = doc.meta.speaker
        if speaker and speaker not in names:
            names.append(speaker)
            roles = {**roles, speaker: [doc.meta.speaker_role] if doc.meta.speaker_role else []}
        for raw in names:
            name = canonical.get(raw, raw)
            if name in ignore:
                continue
            person = people.setdefault(name, Person(name, list(extra_roles.get(name, []))))
            for r in roles.get(raw) or []:
                r = qualify_role(r, doc.region) if r else r
                if r and r not in person.roles:
                    person.roles.append(r)
            if doc.id not in person.docs:
                person.docs.append(doc.id)
                spellings = [raw] + [a for a, c in canonical.items() if c == name]
                found = [s.strip() for s in SENTENCE.findall(texts[doc.id]) if any(x in s for x in spellings)]
                person.sentences[doc.id] = found[:max_sentences]
    return people


# ---------------------------------------------------------------- series

def report_series(archive: Archive) -> dict[str, tuple[str | None, str | None]]:
    """A region's reports of one type in successive years: previous and next."""
    groups: dict[tuple, list[Document]] = defaultdict(list)
    for d in archive.documents:
        if d.doc_type == "政府工作报告" and d.region and d.year:
            groups[(d.region, d.doc_type)].append(d)
    out = {}
    for docs in groups.values():
        docs.sort(key=lambda d: (d.year, d.id))
        for i, d in enumerate(docs):
            prev = docs[i - 1].id if i > 0 else None
            nxt = docs[i + 1].id if i + 1 < len(docs) else None
            out[d.id] = (prev, nxt)
    return out


# ---------------------------------------------------------------- references

def find_references(archive: Archive, texts: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """A document names another when its text contains the other's title (8+ characters),
    or names a region's 政府工作报告 of a given year ("2024年浦东新区政府工作报告")."""
    auto = ahocorasick.Automaton()
    titles = {}
    for d in archive.documents:
        for t in {d.title, d.meta.printed_title or ""}:
            if len(t) >= 8 and t != "政府工作报告":
                titles.setdefault(t, []).append(d.id)
    for t, ids in titles.items():
        auto.add_word(t, ids)
    reports = {(d.year, d.region): d.id for d in archive.documents if d.doc_type == "政府工作报告" and d.year}
    if titles:
        auto.make_automaton()
    refs: dict[str, list[str]] = {}
    for d in archive.documents:
        found = []
        text = texts[d.id]
        if titles:
            for _, ids in auto.iter(text):
                found.extend(ids)
        for m in REPORT_MENTION.finditer(text):
            region = m.group("region") or d.region
            target = reports.get((int(m.group("year")), region))
            if target:
                found.append(target)
        refs[d.id] = sorted({x for x in found if x != d.id})
    back: dict[str, list[str]] = defaultdict(list)
    for src, targets in refs.items():
        for t in targets:
            back[t].append(src)
    return refs, {k: sorted(v) for k, v in back.items()}


# ---------------------------------------------------------------- related documents

def _bigrams(text: str) -> Counter:
    """Each pair of adjacent Chinese characters and how often it occurs (in the order first seen)."""
    return Counter(CJK_PAIR.findall(text))


def related_documents(texts: dict[str, str], k: int = RELATED_PER_DOC) -> dict[str, list[str]]:
    """Top-k similar documents by TF-IDF over character bigrams, through an inverted index
    of each document's strongest bigrams (cost ~ N × TOP_TERMS × postings, not N²)."""
    ids = sorted(texts)
    # the opening of a long report says what it is about; reading all of it costs time
    # and changes little (see SIMILARITY_TEXT_CHARS)
    openings = {i: texts[i][:SIMILARITY_TEXT_CHARS] for i in ids}
    # Two passes over the bigrams, not one that keeps them: every document's counts held
    # at once were the build's largest object (~100 MB at 1,000 raw files, ten times that
    # at 10,000), and counting again costs ~1 s per 1,000 documents.
    df: Counter = Counter()
    for i in ids:
        df.update(_bigrams(openings[i]).keys())
    n = len(ids)
    idf = {g: math.log((n + 1) / (d + 1)) for g, d in df.items()}
    del df
    vectors = {}
    for i in ids:
        weights = [((1 + math.log(tf)) * idf[g], g) for g, tf in _bigrams(openings[i]).items()]
        top = [(g, w) for w, g in heapq.nlargest(TOP_TERMS, weights)]   # ties: a fixed order
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors[i] = {g: w / norm for g, w in top if w > 0}
    del idf
    # scoring is the costly part (~50 s at 10,000 raw files): over the CPUs (site/parallel.py)
    from archivegen.site.parallel import in_workers

    answers = in_workers("archivegen.site.links:most_similar", (vectors, k), ids, RELATED_IN_WORKERS_FROM)
    return dict(zip(ids, answers))


def most_similar(common: tuple[dict[str, dict[str, float]], int], ids: list[str]) -> list[list[str]]:
    """The k documents most like each of `ids` (scores over 0.02), given every document's
    vector; the same sums in the same order wherever it runs."""
    vectors, k = common
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for i, vector in vectors.items():
        for g, w in vector.items():
            postings[g].append((i, w))
    out = []
    for i in ids:
        scores: dict[str, float] = defaultdict(float)
        for g, w in vectors[i].items():
            plist = postings[g]
            if len(plist) > MAX_POSTINGS:
                continue
            for j, wj in plist:
                scores[j] += w * wj
        scores.pop(i, None)                  # itself
        best = heapq.nsmallest(k, scores.items(), key=lambda kv: (-kv[1], kv[0]))   # = sorted(…)[:k]
        out.append([j for j, s in best if s > 0.02])
    return out


def kept_related_documents(texts: dict[str, str], cache: Path | None) -> dict[str, list[str]]:
    """related_documents, kept between builds (site/cache.py). The answer follows from the
    documents' ids and openings alone, so a rebuild after an edit to front matter, a
    glossary entry, a person or the later part of a long text finds it again (2.5 s at
    1,000 raw files, ~35 s at 10,000). Any change to any opening computes it again in full:
    every score depends on every document through the bigrams' IDF."""
    store = StageCache(cache, "related-documents")
    openings = (f"{i}\x1e{texts[i][:SIMILARITY_TEXT_CHARS]}" for i in sorted(texts))     # one at a time
    key = key_of_all(chain([str(RELATED_PER_DOC)], openings))
    related = store.get(key, lambda: related_documents(texts))
    store.save()
    return related


def build_links(archive: Archive, texts: dict[str, str], cache: Path | None = None) -> Links:
    """texts: each document's plain text (plain_texts), shared with the tag stage; `cache`:
    the folder of answers kept between builds."""
    refs, back = find_references(archive, texts)
    return Links(
        people=collect_people(archive, texts),
        series=report_series(archive),
        references=refs,
        backlinks=back,
        related=kept_related_documents(texts, cache),
    )
