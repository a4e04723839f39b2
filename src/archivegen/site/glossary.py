"""Glossary annotation: every use of a defined term, in every document, links to its page.

One Aho–Corasick automaton holds every term and alias; each document is scanned once, so
the cost does not grow with the number of terms. Longest match wins. Nothing inside
headings, links, inline HTML or code, or inside the defining appendix itself, is touched.

We mark the first use of a term in each section (between headings) and leave later uses
plain: a report can use 碳达峰碳中和 twenty times, and twenty dotted links in a page read
badly, while a reader who jumps into a section from its table of contents still finds the
term explained there. Every use is still counted for the term page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick

from archivegen.markdown_io import GLOSSARY_HEADING
from archivegen.model import Archive, Document, GlossaryEntry
from archivegen.site import escape

# Spans of Markdown that annotation must not enter.
PROTECTED = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>|`[^`\n]*`|\{:[^}\n]*\}")
LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Term:
    """One term as readers see it: its entries (one per defining document) and spellings."""

    key: str                          # the normalised term
    entries: tuple[GlossaryEntry, ...]
    forms: tuple[str, ...]            # term and aliases, as matched in text

    @property
    def page_id(self) -> str:
        return self.entries[0].id

    @property
    def tooltip(self) -> str:
        """The first sentence of the definition, as plain text (the definition is Markdown)."""
        return first_sentence(escape.plain(self.entries[0].definition))


@dataclass
class Use:
    doc_id: str
    start: int        # offset in the document's plain body
    snippet: str


@dataclass
class GlossaryIndex:
    terms: dict[str, Term] = field(default_factory=dict)            # key → Term
    uses: dict[str, list[Use]] = field(default_factory=lambda: defaultdict(list))   # key → uses
    by_doc: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))  # doc → key → count


def normalize(term: str) -> str:
    return term.replace('"', "").replace("“", "").replace("”", "").replace(" ", "").strip()


def first_sentence(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    m = re.match(r"^.+?[。；;！？]", text)
    s = m.group() if m else text
    return s if len(s) <= limit else s[: limit - 1] + "…"


def collect_terms(archive: Archive) -> dict[str, Term]:
    grouped: dict[str, list[GlossaryEntry]] = defaultdict(list)
    for g in archive.glossary:
        grouped[normalize(g.term)].append(g)
    terms = {}
    for key, entries in grouped.items():
        entries.sort(key=lambda g: (g.defined_in or "", g.id))
        forms = []
        for g in entries:
            for f in (g.term, *g.aliases):
                f = f.strip()
                if len(f) >= 2 and f not in forms:
                    forms.append(f)
        terms[key] = Term(key, tuple(entries), tuple(forms))
    return terms


@dataclass
class Appendices:
    """Each document's own glossary entries, and the term page of every entry (a term
    defined by several documents has one page: the Term's). Built once per build, so
    that per-document work never scans the whole glossary."""

    by_doc: dict[str, list[GlossaryEntry]]
    page_of: dict[str, str]          # entry id → page id

    @classmethod
    def of(cls, terms: dict[str, Term]) -> "Appendices":
        by_doc: dict[str, list[GlossaryEntry]] = defaultdict(list)
        page_of = {}
        for term in terms.values():
            for g in term.entries:
                page_of[g.id] = term.page_id
                if g.defined_in:
                    by_doc[g.defined_in].append(g)
        return cls(dict(by_doc), page_of)


def build_automaton(terms: dict[str, Term]) -> ahocorasick.Automaton | None:
    auto = ahocorasick.Automaton()
    owners: dict[str, str] = {}
    for key in sorted(terms):
        for form in terms[key].forms:
            # a spelling shared by two terms belongs to the one it spells exactly
            if form in owners and normalize(form) != owners[form]:
                continue
            owners[form] = key
    for form, key in owners.items():
        auto.add_word(form, (form, key))
    if not owners:
        return None
    auto.make_automaton()
    return auto


def _matches(auto, line: str):
    """Leftmost-longest, non-overlapping matches, skipping protected spans and Latin
    terms that are only part of a longer word (EDA inside EDAX)."""
    protected = [m.span() for m in PROTECTED.finditer(line)]
    for end, (form, key) in auto.iter_long(line):
        start = end - len(form) + 1
        stop = end + 1
        if any(a < stop and start < b for a, b in protected):
            continue
        if LATIN.match(form[0]) and start > 0 and LATIN.match(line[start - 1]):
            continue
        if LATIN.match(form[-1]) and stop < len(line) and LATIN.match(line[stop]):
            continue
        yield start, stop, form, key


def appendix_start(body: str) -> int | None:
    """Line index where a document's own glossary appendix begins (not annotated)."""
    for i, line in enumerate(body.split("\n")):
        text = re.sub(r"^#+\s*", "", line).strip()
        if GLOSSARY_HEADING.match(text):
            return i
    return None


def annotate(doc: Document, auto, terms: dict[str, Term], link_for, index: GlossaryIndex) -> str:
    """Return the document's body with terms linked; record every use in `index`.

    The body is the contributor's Markdown without raw HTML or attribute lists
    (escape.body): the links and attributes in what this returns are ours."""
    body = escape.body(doc.body)
    if auto is None:
        return body
    lines = body.split("\n")
    stop_at = appendix_start(body)
    marked_in_section: set[str] = set()
    plain_offset = 0
    out = []
    for i, line in enumerate(lines):
        if stop_at is not None and i >= stop_at:
            out.extend(lines[i:])
            break
        heading = line.startswith("#")
        if heading:
            marked_in_section = set()
        pieces = []
        pos = 0
        for start, stop, form, key in _matches(auto, line):
            index.uses[key].append(Use(doc.id, plain_offset + start, _snippet(line, start, stop)))
            index.by_doc[doc.id][key] = index.by_doc[doc.id].get(key, 0) + 1
            if heading or key in marked_in_section:     # counted, never linked in a heading
                continue
            marked_in_section.add(key)
            # no title: archivegen.js shows the whole definition (from the page's 本文术语
            # list) in place of Material's one-line tooltip
            pieces.append(line[pos:start])
            pieces.append(f'[{line[start:stop]}]({link_for(doc, terms[key])}){{ .ag-term }}')
            pos = stop
        pieces.append(line[pos:])
        out.append("".join(pieces))
        plain_offset += len(line) + 1
    return "\n".join(out)


def _snippet(line: str, start: int, stop: int, width: int = 24) -> str:
    a = max(0, start - width)
    b = min(len(line), stop + width)
    text = line[a:b]
    if a == 0:
        text = re.sub(r"^#{1,6}\s+", "", text)       # a use in a heading
    text = PROTECTED.sub(lambda m: re.sub(r"^\[([^\]]*)\].*$", r"\1", m.group()), text)
    text = escape.plain(text)
    return ("…" if a > 0 else "") + text + ("…" if b < len(line) else "")


def jieba_words(terms: dict[str, Term], extra: list[str] = ()) -> list[str]:
    """Words for jieba's user dictionary: every spelling of every term, without quotes."""
    words = set(extra)
    for t in terms.values():
        for f in t.forms:
            words.add(normalize(f))
            for part in re.findall(r"“([^”]{2,})”", f):
                words.add(part)
    return sorted(w for w in words if len(w) >= 2)


def render_appendix(body: str, doc: Document, appendices: Appendices, link_for_entry) -> str:
    """In the defining report, show each appendix entry's term in bold, linked to its page."""
    mine = appendices.by_doc.get(doc.id)
    if not mine:
        return body
    start = appendix_start(body)
    if start is None:
        return body
    lines = body.split("\n")
    by_term = sorted(mine, key=lambda g: -len(g.term))
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(\\?\[?\d+\\?\]?[、.．\\]*\s*|［\d+］\s*)?", line)
        head = m.group() if m else ""
        rest = line[len(head):]
        for g in by_term:
            if rest.startswith(g.term) and len(head) > 0:
                page_id = appendices.page_of[g.id]
                lines[i] = f"{head}**[{rest[:len(g.term)]}]({link_for_entry(doc, page_id)})**{rest[len(g.term):]}"
                break
    return "\n".join(lines)


NOTE_MARKER = re.compile(r"\\\[(\d{1,3})\\\]|［(\d{1,3})］")


def link_note_markers(body: str, doc: Document, appendices: Appendices, link_for_entry) -> str:
    """［1］ / [1] markers in the body that point to the document's numbered notes become
    links to those notes' term pages (with the note as tooltip)."""
    notes = {g.number: g for g in appendices.by_doc.get(doc.id, ()) if g.number}
    if not notes:
        return body
    lines = body.split("\n")
    stop = appendix_start(body)
    for i, line in enumerate(lines):
        if stop is not None and i >= stop:
            break

        def replace(m: re.Match) -> str:
            n = int(m.group(1) or m.group(2))
            note = notes.get(n)
            if note is None or m.start() == 0:
                return m.group()
            tip = escape.link_title(first_sentence(escape.plain(f"{note.term}：{note.definition}")))
            return f'[［{n}］]({link_for_entry(doc, appendices.page_of[note.id])} "{tip}"){{ .ag-note }}'

        lines[i] = NOTE_MARKER.sub(replace, line)
    return "\n".join(lines)
