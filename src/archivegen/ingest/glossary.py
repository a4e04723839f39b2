"""Glossary appendices (名词解释) at the end of Chinese policy documents.

Many government work reports end with an appendix that explains the terms
used in the body::

    附件
    《政府工作报告》名词解释
    （以报告中出现先后为序）
    1、“两旧一村”改造：指旧区改造、旧住房成套改造和“城中村”改造。
    2、三师联创
    为加强城市更新专业技术支撑，……

:func:`find_glossary` locates such an appendix and parses its entries,
:func:`term_aliases` lists other spellings the body may use for a term, and
:func:`find_note_markers` finds ［1］ / [1] style note markers in the body.

Everything here is a pure function of its arguments; offsets are character
offsets into the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archivegen.ingest.headers import cn_number

__all__ = ["GlossaryItem", "Glossary", "find_glossary", "term_aliases", "find_note_markers"]


@dataclass(frozen=True)
class GlossaryItem:
    number: int | None  # its number in the appendix, if numbered
    term: str  # as printed, stripped, trailing colon removed, quotes normalised to “ ”
    definition: str  # lines of a multi-line definition joined with "\n"
    aliases: tuple[str, ...]  # other spellings; never contains `term`
    start: int  # offset where the entry begins (its number or its term)
    end: int  # offset where it ends


@dataclass(frozen=True)
class Glossary:
    heading_start: int  # offset of the heading line (or of an "附件" line just before it)
    start: int  # offset of the first entry
    end: int  # end of the last entry
    items: tuple[GlossaryItem, ...]


# --------------------------------------------------------------------------
# Line patterns
# --------------------------------------------------------------------------

_CN_DIGITS = "0-9０-９一二三四五六七八九十"

# "附件", "附件1", "附件：", "附件 2："
_ATTACHMENT_RE = re.compile(rf"附件\s*[{_CN_DIGITS}]*\s*[:：]?")

# The heading: a short line by itself, optionally prefixed on the same line by
# an attachment label ("附件1：名词解释").
_HEADING_RE = re.compile(
    rf"(?:附件\s*[{_CN_DIGITS}]*\s*[:：]?\s*)?"
    r"(?:《[^《》]{1,30}》\s*)?"
    r"(?:有关内容|有关)?"
    r"(?:名词解释|名词注释|注释|注解)"
    r"\s*[:：]?"
    r"(?:\s*[(（][^()（）]{1,38}[)）])?"  # "名词解释（以报告中出现先后为序）"
)

# "(以报告中出现先后为序)", "（按报告中出现先后为序）" – any short fully
# parenthesised line right after the heading (but not a bare "(1)").
_ORDER_NOTE_RE = re.compile(r"[(（][^()（）]{1,38}[)）]")

# Numbering styles.  Each style is one class: an appendix keeps the style of its
# first entry; lines numbered in another style belong to a definition.
_NUMBER_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dun", re.compile(r"(\d{1,3})[ \t\u3000]*、[ \t\u3000]*")),  # 1、
    ("dot", re.compile(r"(\d{1,3})[ \t\u3000]*[.．](?![0-9０-９])[ \t\u3000]*")),  # 1. 1．
    ("bracket", re.compile(r"[［\[][ \t\u3000]*(\d{1,3})[ \t\u3000]*[］\]][ \t\u3000]*")),  # ［1］ [1]
    ("paren", re.compile(r"[（(][ \t\u3000]*(\d{1,3})[ \t\u3000]*[）)][ \t\u3000]*")),  # (1) （1）
    ("rparen", re.compile(r"(\d{1,3})[ \t\u3000]*[)）][ \t\u3000]*")),  # 1)
    ("circled", re.compile(r"([\u2460-\u2473])[ \t\u3000]*")),  # ① … ⑳
    ("cn", re.compile(r"([一二三四五六七八九十]{1,3})[ \t\u3000]*、[ \t\u3000]*")),  # 一、 十二、
)
def _number(s: str) -> int:
    """The value of an entry's number: 12, ③, 十二 (headers.cn_number)."""
    if "\u2460" <= s <= "\u2473":              # (str.isdigit() holds for ① too)
        return ord(s) - 0x2460 + 1
    return cn_number(s)


# An unnumbered entry whose term stands in brackets: 【两旧一村】指……, 〖三师联创〗：……
_BRACKETED_TERM = re.compile(r"[【〖［\[]([^【】〖〗［］\[\]]{1,40})[】〗］\]][ \t\u3000]*[:：]?[ \t\u3000]*")

_COLON_RE = re.compile(r"[:：]")
_SENTENCE_PUNCT_RE = re.compile(r"[。；;！？!?]")
_WORD_RE = re.compile(r"\w")
_MAX_TERM_LEN = 40

# A document title that starts something new: "政府工作报告", "2024年政府工作报告",
# "政府工作报告(2024年)".
_TITLE_RE = re.compile(r"[^\s。，,：:；;、]{0,20}政府工作报告(?:[（(][^（）()]{0,20}[）)])?")

_NOTE_MARKER_RE = re.compile(r"[［\[][ \t\u3000]*(\d{1,3})[ \t\u3000]*[］\]]")


# --------------------------------------------------------------------------
# Quotes and aliases
# --------------------------------------------------------------------------

_GENERIC_SUFFIXES = frozenset(
    ("改造", "改革", "制度", "机制", "行动", "计划", "工程", "产业", "模式", "试点", "平台", "体系")
)
_MIN_CORE_LEN = 3
_MIN_ALIAS_LEN = 2
_COMPOUND_SEPARATORS = "，,、"


def _normalise_quotes(s: str) -> str:
    """「」 and pairs of straight double quotes become “ ”."""
    s = s.replace("「", "“").replace("」", "”").replace("＂", '"')
    if '"' not in s:
        return s
    out: list[str] = []
    opening = True
    for ch in s:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _clean_term(raw: str) -> str:
    term = _normalise_quotes(raw.strip())
    return re.sub(r"[:：]+$", "", term).strip()


def _split_outside_quotes(term: str) -> list[str]:
    """Split at ，/,/、 that are not inside “…”."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in term:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        if ch in _COMPOUND_SEPARATORS and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def term_aliases(term: str) -> tuple[str, ...]:
    """Other spellings a reader's text may use for a term.

    In order: the term with “ ” normalised (if the given spelling differs),
    the variant with straight quotes, the term without quotes, the bare quoted
    core (“两旧一村”改造 → 两旧一村, only for a core of ≥ 3 characters followed
    by a generic suffix such as 改造/改革/制度), the parts of a compound entry
    split at ，/,/、 outside quotes (with their own aliases), and X for a term
    written X(Y).  Aliases shorter than 2 characters and the term itself are
    left out; there are no duplicates.
    """
    raw = term.strip()
    t = _clean_term(term)
    out: list[str] = []

    def add(alias: str) -> None:
        alias = alias.strip()
        if len(alias) >= _MIN_ALIAS_LEN and alias not in (t, raw) and alias not in out:
            out.append(alias)

    if t != raw and len(t) >= _MIN_ALIAS_LEN:
        out.append(t)  # the input, with quotes normalised

    if "“" in t or "”" in t:
        add(t.replace("“", '"').replace("”", '"'))
        add(t.replace("“", "").replace("”", ""))
        core = re.fullmatch(r"“([^“”]+)”([^“”]+)", t)
        if core and len(core.group(1).strip()) >= _MIN_CORE_LEN and core.group(2).strip() in _GENERIC_SUFFIXES:
            add(core.group(1))
        parts = _split_outside_quotes(t)
        if len(parts) > 1 and all(parts) and any("“" in p for p in parts):
            for part in parts:
                add(part)
                for alias in term_aliases(part):
                    add(alias)

    gloss = re.fullmatch(r"(.+?)\s*[（(][^（）()]+[）)]", t)
    if gloss:
        add(gloss.group(1))
        for alias in term_aliases(gloss.group(1)):
            add(alias)

    return tuple(out)


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


@dataclass
class _Line:
    line_start: int  # offset of the line
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # stripped content


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = pos + lead
        out.append(_Line(pos, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return out


# "1.5G基站": entry 1, term 5G基站, or the decimal 1.5? Only the number the appendix
# expects next may be followed by a digit.
_TIGHT_DOT = re.compile(r"(\d{1,3})[.．][ \t\u3000]*(?=[0-9０-９])")


def _match_number(s: str, expected: int | None = None) -> tuple[str, int, str] | None:
    for style, pattern in _NUMBER_STYLES:
        m = pattern.match(s)
        if m:
            return style, _number(m.group(1)), s[m.end() :]
    m = _TIGHT_DOT.match(s)
    if m and expected is not None and int(m.group(1)) == expected:
        return "dot", expected, s[m.end() :]
    return None


_GAP_BEFORE_CJK = re.compile(r"[ \t\u3000]+(?=[\u4e00-\u9fff])")


def _is_term(s: str) -> bool:
    """A short phrase without sentence punctuation that names something: it has a
    character, a letter or a digit ("：：" or "“”" alone is no term)."""
    return bool(_WORD_RE.search(s)) and len(s) <= _MAX_TERM_LEN and not _SENTENCE_PUNCT_RE.search(s)


def _split_entry(rest: str) -> tuple[str, str] | None:
    """(term, first definition line) of an entry's text after its number.

    Layout A: "term：definition" – the term is what precedes the first colon.
    Layout B: the term alone (maybe with a trailing colon); the definition
    follows on the next lines, so the first definition line is "".
    """
    rest = rest.strip()
    colon = _COLON_RE.search(rest)
    if colon:
        prefix = rest[: colon.start()].strip()
        if _is_term(prefix):
            return prefix, rest[colon.end() :].strip()
    if _is_term(rest):
        return rest, ""
    # Layout C: "新质生产力 是指……。" – the term, a space, then the definition sentence
    for gap in _GAP_BEFORE_CJK.finditer(rest):
        prefix, definition = rest[: gap.start()], rest[gap.end() :]
        if _is_term(prefix) and _SENTENCE_PUNCT_RE.search(definition):
            return prefix, definition
    return None


def _is_subtitle(s: str) -> bool:
    """A "——2024年1月17日在…大会上" line: a dash line that is not a sentence."""
    return s.startswith("——") and not _SENTENCE_PUNCT_RE.search(s[-1:])


def _is_stop(lines: list[_Line], i: int) -> bool:
    """Does line i clearly start something else than the appendix?"""
    s = lines[i].text
    if _is_subtitle(s) or _TITLE_RE.fullmatch(s) or _ATTACHMENT_RE.fullmatch(s) or _HEADING_RE.fullmatch(s):
        return True
    j = i + 1
    while j < len(lines) and not lines[j].text:
        j += 1
    nxt = lines[j].text if j < len(lines) else ""
    return _is_subtitle(nxt) and _is_term(s)  # a title line above a "——" subtitle


@dataclass
class _Entry:
    number: int | None
    term: str
    definition: list[str]
    start: int
    end: int
    one_line: bool = False  # unnumbered "term：definition" (no continuation lines)

    def item(self) -> GlossaryItem:
        term = _clean_term(self.term)
        return GlossaryItem(
            number=self.number,
            term=term,
            definition="\n".join(self.definition),
            aliases=term_aliases(term),
            start=self.start,
            end=self.end,
        )


def _parse_numbered(lines: list[_Line], first: int, style: str) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    expected = 1
    for i in range(first, len(lines)):
        line = lines[i]
        if not line.text:
            continue
        numbered = _match_number(line.text, expected)
        if numbered and numbered[0] == style:
            if numbered[1] != expected:
                break  # numbering breaks: the appendix is over
            parts = _split_entry(numbered[2])
            if parts is None:
                break
            if current is not None and not current.definition:
                current = None  # a term without a definition: not an entry
                break
            if current is not None:
                entries.append(current)
            term, first_line = parts
            current = _Entry(expected, term, [first_line] if first_line else [], line.start, line.end)
            expected += 1
            continue
        if _is_stop(lines, i) or current is None:
            break
        current.definition.append(line.text)
        current.end = line.end
    if current is not None and current.definition:
        entries.append(current)
    return entries


def _parse_unnumbered(lines: list[_Line], first: int) -> list[_Entry]:
    """Entries "term：definition", one a line; "term：" alone takes the next lines."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    for i in range(first, len(lines)):
        line = lines[i]
        if not line.text:
            continue
        if _is_stop(lines, i) or _match_number(line.text):
            break
        bracketed = _BRACKETED_TERM.match(line.text)
        if bracketed and _is_term(bracketed.group(1)):
            if current is not None:
                if not current.definition:
                    current = None
                    break
                entries.append(current)
            definition = line.text[bracketed.end() :].strip()
            current = _Entry(None, bracketed.group(1).strip(), [definition] if definition else [], line.start,
                             line.end, bool(definition))
            continue
        colon = _COLON_RE.search(line.text)
        term = line.text[: colon.start()].strip() if colon else ""
        if colon and _is_term(term):
            if current is not None:
                if not current.definition:
                    current = None  # a term without a definition: not an entry
                    break
                entries.append(current)
            definition = line.text[colon.end() :].strip()
            current = _Entry(None, term, [definition] if definition else [], line.start, line.end, bool(definition))
            continue
        if current is None or current.one_line:
            break  # a "term：definition" line takes no continuation lines
        current.definition.append(line.text)
        current.end = line.end
    if current is not None and current.definition:
        entries.append(current)
    return entries


def _parse_from(lines: list[_Line], heading: int) -> list[_Entry]:
    i = heading + 1
    while i < len(lines) and not lines[i].text:
        i += 1
    if i < len(lines) and _ORDER_NOTE_RE.fullmatch(lines[i].text) and not _match_number(lines[i].text):
        i += 1
        while i < len(lines) and not lines[i].text:
            i += 1
    if i >= len(lines):
        return []
    numbered = _match_number(lines[i].text, 1)
    if numbered:
        if numbered[1] != 1:
            return []
        return _parse_numbered(lines, i, numbered[0])
    return _parse_unnumbered(lines, i)


def find_glossary(text: str) -> Glossary | None:
    """Find a glossary appendix in a document's text (lines separated by \\n) and parse its entries.

    The heading (名词解释, 《政府工作报告》名词解释, …有关内容名词注释, 注释, 注解,
    注释：) must be a short line by itself; entries must follow it directly
    (after an optional "(以报告中出现先后为序)" line).  The last heading that
    is followed by entries wins.
    """
    lines = _lines(text)
    headings = [i for i, ln in enumerate(lines) if ln.text and _HEADING_RE.fullmatch(ln.text)]
    for h in reversed(headings):
        entries = _parse_from(lines, h)
        if not entries:
            continue
        heading_start = lines[h].line_start
        prev = h - 1
        while prev >= 0 and not lines[prev].text:
            prev -= 1
        if prev >= 0 and not lines[h].text.startswith("附件") and _ATTACHMENT_RE.fullmatch(lines[prev].text):
            heading_start = lines[prev].line_start
        items = tuple(e.item() for e in entries)
        return Glossary(heading_start=heading_start, start=items[0].start, end=items[-1].end, items=items)
    return None


def find_note_markers(text: str) -> list[tuple[int, int, int]]:
    """［1］ / [1] style note markers in the body: (start, end, number) for each marker that is not at the start of a line."""
    out: list[tuple[int, int, int]] = []
    for m in _NOTE_MARKER_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip():
            continue  # an entry number, not a marker
        out.append((m.start(), m.end(), int(m.group(1))))
    return out
