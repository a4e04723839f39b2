"""Cross-links: people, series of reports, references between documents, related documents.

Everything here is linear in the number of documents (times small constants): references
are found with one automaton pass per document, and related documents (site/related.py)
through an inverted index over each document's strongest character bigrams, never by
comparing every pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from archivegen.markdown_io import body_to_text
from archivegen.model import Archive, Document
from archivegen.site.related import kept_related_documents

SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")
REPORT_MENTION = re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<region>[\u4e00-\u9fff]{0,8}?)政府工作报告")


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


def build_links(archive: Archive, texts: dict[str, str], cache: Path | None = None,
                people: dict[str, Person] | None = None) -> Links:
    """texts: each document's plain text (plain_texts), shared with the tag stage; `cache`:
    the folder of answers kept between builds; `people`: collect_people's answer, when the
    caller has it."""
    refs, back = find_references(archive, texts)
    return Links(
        people=people if people is not None else collect_people(archive, texts),
        series=report_series(archive),
        references=refs,
        backlinks=back,
        related=kept_related_documents(texts, cache),
    )
