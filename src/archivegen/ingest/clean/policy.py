"""Official documents (公文): what government pages and texts print around a document's text.

Three structures, each recognised by its shape, never by a site or a phrase:

- the info table of government information disclosure (索引号 / 主题分类 / 发文机关 / 成文日期 /
  标题 / 发文字号 / 发布日期): a run of short `label：value` cells, or label lines each followed
  by a value line, whose labels are the standard ones (data/policy.yaml). It is page furniture
  around the document: it is removed, and each field is reported as an `InfoField`. In a saved
  HTML page it usually sits outside the main story and goes with the page frame (the
  html_frame rule reports its fields through `info_table_facts`);
- the 发文字号 printed on its own line under the title (国发〔2019〕5号, 沪府发〔2024〕1号):
  part of the document, kept, and reported as a `DocNumber`;
- the signature block closing a document: the issuing body's line and the date under it
  (国务院办公厅 / 二〇〇五年六月十一日): kept, and reported as a `Signature`.

Describe reads these facts (ingest/policy.py); it never parses the removed table itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from archivegen.data import load_data
from archivegen.ingest.clean.base import (CJK, Context, DocNumber, Fact, InfoField, Line, Signature, ends_sentence,
                                          lines, nonblank)
from archivegen.ingest.edits import Edit, edit
from archivegen.ingest.headers import calendar_date, cn_number

# An info table names at least this many different fields; one `标题：` line in prose is no table.
MIN_TABLE_KEYS = 3
MIN_FILLED = 2
# Longest value a table cell holds (a long title); a longer line is text, not a cell.
MAX_VALUE = 120

# Cells of one line: tabs, table pipes, or a wide gap (letter-spaced labels have single spaces).
CELL_SPLIT = re.compile(r"\t|\s*\|\s*|[ \u3000\xa0]{2,}")
# Markup a text dump puts around a cell: **bold**, # headings, * list items, > quotes.
MARKUP_EDGES = re.compile(r"^[#*>\-\s]+|[*\s]+$")
SPACE = re.compile(r"[\s\u3000\xa0]+")

_DIGITS = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = rf"(?P<y>\d{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}})\s*[年./-]\s*(?P<m>{_DIGITS})\s*[月./-]\s*(?P<d>{_DIGITS})\s*日?"
DATE_PREFIX = re.compile("^" + _DATE)      # a date that something follows
DATE = re.compile("^" + _DATE + "$")       # a date alone
TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")
INDEX = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/_.]{3,40}$")
NUMBER = re.compile(r"^[^\s，。；：]{1,30}号$")
# A 发文字号: the issuing body's abbreviation, the year in brackets, the number: 国发〔2019〕5号,
# 国办函〔2005〕57号, 沪府发〔2024〕1号, 国办发明电〔2018〕15号.
DOC_NUMBER = re.compile(rf"^[{CJK}]{{1,10}}\s*[〔\[［【(（]\s*(?:19|20)\d{{2}}\s*[〕\]］】)）]\s*第?\s*\d{{1,5}}\s*号$")


@dataclass(frozen=True)
class Label:
    label: str       # as the standard prints it, without spaces: 索引号
    key: str         # the metadata it fills: index_number
    value: str       # the shape of its value: index, date, number, words, text


@lru_cache(maxsize=1)
def _policy() -> dict:
    return load_data("policy.yaml")


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, Label], re.Pattern]:
    """Label → Label, and a pattern matching any label at the start of a cell, its letters
    optionally spaced (索 引 号), longest first."""
    table = {x["label"]: Label(x["label"], x["key"], x["value"]) for x in _policy()["info_labels"]}
    spaced = ["[ \u3000\xa0]*".join(map(re.escape, name)) for name in sorted(table, key=len, reverse=True)]
    return table, re.compile(rf"(?P<label>{'|'.join(spaced)})[ \u3000\xa0]*(?P<colon>[:：])?")


@lru_cache(maxsize=1)
def document_kinds() -> tuple[str, ...]:
    return tuple(sorted(_policy()["document_kinds"], key=len, reverse=True))


@lru_cache(maxsize=1)
def title_connectors() -> tuple[str, ...]:
    return tuple(_policy()["title_connectors"])


@lru_cache(maxsize=1)
def _organ() -> re.Pattern:
    suffixes = "|".join(map(re.escape, sorted(_policy()["organ_suffixes"], key=len, reverse=True)))
    return re.compile(rf"^[{CJK}（）()]{{0,24}}?(?:{suffixes})$")


# ---------------------------------------------------------------- shapes shared with describe

# A letter-spaced headline: single characters with a space between each (国 家 粮 食 应 急 预 案).
LETTER_SPACED = re.compile(rf"^[{CJK}](?:[ \u3000]+[{CJK}]){{2,}}$")
# What may follow the kind word at the end of a title: (试行), （2018—2035年）, closing marks.
_TITLE_TAIL = re.compile(r"(?:[(（][^()（）]{1,16}[)）])?[”’」』》]*$")


def unspace(line: str) -> str:
    """A letter-spaced line without its spaces (国 家 粮 食 → 国家粮食); any other line as it is.
    In a mixed line only a run of three or more spaced single characters closes up."""
    s = line.strip()
    if LETTER_SPACED.match(s):
        return SPACE.sub("", s)
    return re.sub(rf"(?<![{CJK}])[{CJK}](?:[ \u3000][{CJK}](?![{CJK}])){{2,}}",
                  lambda m: SPACE.sub("", m.group()), s)


def ends_with_kind(line: str) -> bool:
    """True when a line ends like an official title: with a kind of document (…的通知, …条例),
    optionally followed by (试行) or a closing mark."""
    s = _TITLE_TAIL.sub("", unspace(line))
    return s.endswith(document_kinds())


def is_organ(name: str) -> bool:
    """A name of an issuing body: 国务院办公厅, 国家发展改革委, 上海市人民政府."""
    return bool(_organ().match(name))


def parse_date(s: str, time: bool = False) -> tuple[int, int, int] | None:
    """(year, month, day) of a whole-line date: 2019年01月27日, 2019-01-27, 二〇〇五年六月十一日;
    with `time`, also of a date and a time (a table's 发布日期：2024-01-19 10:30)."""
    s = unicodedata.normalize("NFKC", s.strip())
    if time:
        s = TIME.sub("", s)
    m = DATE.match(SPACE.sub("", s).replace("O", "〇").replace("○", "〇"))
    if not m:
        return None
    try:
        y, mo, d = cn_number(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d"))
    except (KeyError, ValueError):
        return None
    return (y, mo, d) if 1949 <= y <= 2100 and calendar_date(y, mo, d) else None


# ---------------------------------------------------------------- the info table

@dataclass(frozen=True)
class _Cell:
    label: Label | None      # None: a value cell
    value: str | None        # the value printed in the label's own cell (索引号：000014349/…);
                             # None when it is in the next cell or on the next line
    at: int                  # offset in the text


@dataclass(frozen=True)
class _Row:
    cells: list[_Cell]
    end: int                 # where the table's part of the line ends (the line's length, unless
                             # a page flattened into one line goes on with the document after it)


def _pieces(s: str, pattern: re.Pattern) -> list[tuple[int, str]]:
    """The cells of a line with their offsets: split at tabs, pipes and wide gaps, but not
    inside a label spaced for alignment (标　　题：)."""
    labels = [m.span() for m in pattern.finditer(s)]
    out, pos = [], 0
    for m in CELL_SPLIT.finditer(s):
        if any(a < m.start() < b for a, b in labels):
            continue
        out.append((pos, s[pos:m.start()]))
        pos = m.end()
    out.append((pos, s[pos:]))
    return out


def _row(line: Line) -> _Row | None:
    """The cells of a line that begins with a label, or None. A label's value is what its
    cell holds after the colon, or the next cell, or (value None) the next line."""
    table, pattern = _labels()
    if not pattern.match(line.text.lstrip(MARKUP + "_")):
        return None                             # (most lines: no need to look further)
    cells: list[_Cell] = []
    pieces = _pieces(line.text, pattern)
    for n, (off, piece) in enumerate(pieces):
        cell = piece.replace("**", "  ").replace("__", "  ")   # bold marks of a converter
        lead = len(cell) - len(cell.lstrip(MARKUP))
        core = cell[lead:].rstrip(MARKUP)
        if not core:
            continue
        found = _labels_in(core, pattern)
        if not found:
            if not cells:
                return None                     # the line does not begin with a label
            cells.append(_Cell(None, core, line.start + off + lead))
            continue
        for k, (start, end, name, _) in enumerate(found):
            label = table[name]
            at = line.start + off + lead + start
            last = k + 1 == len(found)
            raw = core[end:found[k + 1][0] if not last else len(core)]
            value = raw.strip()
            if not value or _cell_value(value):
                cells.append(_Cell(label, value or None, at))
                continue
            if not (last and n + 1 == len(pieces)):
                return None                     # a sentence between two labels: prose, not a table
            # the line goes on with the document after the table's last label: keep only
            # the part of the value that has the label's shape
            prefix = _shaped_prefix(label, value)
            cells.append(_Cell(label, prefix, at))
            skip = len(raw) - len(raw.lstrip())
            return _Row(cells, off + lead + end + skip + (len(prefix) if prefix else 0))
    return _Row(cells, len(line.text)) if cells else None


MARKUP = " \u3000\xa0#*>-"


def _labels_in(cell: str, pattern: re.Pattern) -> list[tuple[int, int, str, bool]]:
    """Labels in one cell: at its start, and after a space when followed by a colon
    (发文机关：国务院 成文日期：2019年01月27日)."""
    found = []
    for m in pattern.finditer(cell):
        start = m.start()
        if start and not (cell[start - 1] in " \u3000\xa0" and m.group("colon")):
            continue
        if not found and start:
            return []
        found.append((start, m.end(), SPACE.sub("", m.group("label")), bool(m.group("colon"))))
    if found and not found[0][3] and (len(found) > 1 or cell[found[0][1]:].strip()):
        return []       # 标题党的危害: a word that begins like a label, not a label cell
    return found


def _cell_value(v: str) -> bool:
    """Whether a piece of text can be a table cell: one short line, no sentence."""
    return len(v) <= MAX_VALUE and "。" not in v and not ends_sentence(v)


def _shaped_prefix(label: Label, value: str) -> str | None:
    """The start of `value` that has the label's shape (a date, an index, a number)."""
    first = SPACE.split(value, maxsplit=1)[0]
    if label.value == "date":
        m = DATE_PREFIX.match(value)
        return m.group() if m and parse_date(m.group()) else None
    if label.value == "index" and INDEX.match(first):
        return first
    if label.value == "number" and NUMBER.match(first):
        return first
    return None


def _fits(label: Label, value: str, sandwiched: bool) -> bool:
    """Whether a line is the value of the label on the line above. A line between two label
    lines is a table cell whatever it holds; the line after the table's last label is its
    value only when it has the label's shape (an empty 主题词 must not take the headline)."""
    v = value.strip()
    if not v or not _cell_value(v):
        return False
    if sandwiched:
        return True
    if label.value == "date":
        return parse_date(v, time=True) is not None
    if label.value == "index":
        return bool(INDEX.match(v))
    if label.value == "number":
        return bool(NUMBER.match(SPACE.sub("", v)))
    if label.value == "words":
        words = SPACE.split(v)
        return len(words) >= 2 and all(len(w) <= 10 for w in words)
    return False


@dataclass
class _Table:
    parts: list[tuple[Line, int]]      # the lines of the table, each with where its table part ends
    fields: list[InfoField]
    keys: set[str]


def _tables(text: str) -> list[_Table]:
    """Every info table in a text: runs of label lines (and their value lines) naming at
    least MIN_TABLE_KEYS different fields and filling at least MIN_FILLED of them."""
    ls = [ln for _, ln in nonblank(lines(text))]
    rows = [_row(ln) for ln in ls]
    out: list[_Table] = []
    i = 0
    while i < len(ls):
        if rows[i] is None:
            i += 1
            continue
        run = _Table([], [], set())
        pending: _Cell | None = None
        j = i
        while j < len(ls):
            row = rows[j]
            if row is None:
                if pending is None:
                    break
                sandwiched = j + 1 >= len(ls) or rows[j + 1] is not None
                if not _fits(pending.label, ls[j].stripped, sandwiched):
                    break
                value = MARKUP_EDGES.sub("", ls[j].stripped.replace("**", ""))
                run.fields.append(InfoField(ls[j].start, pending.label.key, value))
                run.parts.append((ls[j], len(ls[j].text)))
                pending = None
                j += 1
                continue
            run.parts.append((ls[j], row.end))
            pending = None
            for k, cell in enumerate(row.cells):
                if cell.label is None:
                    continue
                run.keys.add(cell.label.key)
                value = cell.value
                if value is None and k + 1 < len(row.cells) and row.cells[k + 1].label is None:
                    value = row.cells[k + 1].value      # label and value in neighbouring cells
                if value:
                    run.fields.append(InfoField(cell.at, cell.label.key, value))
                elif k == len(row.cells) - 1:
                    pending = cell                      # its value is on the next line
            j += 1
            if row.end < len(ls[j - 1].text):
                break                                   # the document goes on on this line
        if len(run.keys) >= MIN_TABLE_KEYS and len({f.key for f in run.fields}) >= MIN_FILLED:
            out.append(run)
        i = max(j, i + 1)
    return out


REASON = "政府信息公开信息表(索引号、发文机关等，已记入元数据)"


def find_info_table(text: str, ctx: Context) -> list[Edit | Fact]:
    """An info table printed in the text (a text dump of a policy page): its lines are
    removed, its fields reported as InfoField facts. When a page was flattened into one
    line, only the table's part of that line goes."""
    out: list[Edit | Fact] = []
    for table in _tables(text):
        for ln, end in table.parts:
            if end >= len(ln.text):
                out.append(ln.removal(text, REASON))
            else:
                out.append(edit(text, ln.start, ln.start + end, "", REASON))
        out.extend(table.fields)
    return out


def info_table_facts(removed: str, at: int) -> list[InfoField]:
    """The fields of an info table inside a piece of page frame another rule removes."""
    return [InfoField(at + f.at, f.key, f.value) for table in _tables(removed) for f in table.fields]


# ---------------------------------------------------------------- 发文字号 and signature

def _addressed_or_prose(line: str) -> bool:
    """The line under a 发文字号: the addressees (各省、自治区、直辖市人民政府：) or the text."""
    s = line.strip()
    return s.endswith(("：", ":")) or (len(s) >= 20 and ("，" in s or ends_sentence(s)))


def find_marks(text: str, ctx: Context) -> list[Edit | Fact]:
    """Report the 发文字号 line under a title and every signature block (the issuing body's
    line with a date line under it). Nothing is removed: both are part of the document."""
    out: list[Edit | Fact] = []
    ls = [ln for _, ln in nonblank(lines(text))]
    for k, ln in enumerate(ls):
        s = ln.stripped
        if DOC_NUMBER.match(s) and k > 0 and ends_with_kind(ls[k - 1].stripped) and (
                k + 1 == len(ls) or _addressed_or_prose(ls[k + 1].stripped)):
            out.append(DocNumber(ln.start + ln.text.find(s), SPACE.sub("", s)))
        date = parse_date(s) if len(s) <= 20 else None
        if date and k > 0:
            organs = [x for x in re.split(r"[\s\u3000、]+", ls[k - 1].stripped) if x]
            if organs and len("".join(organs)) <= 60 and all(is_organ(x) for x in organs):
                out.append(Signature(ls[k - 1].start, "、".join(organs), *date))
    return out
