"""What a cleaning rule is, the facts rules learn, and small helpers the rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterator

from archivegen.ingest.decode import Decoded
from archivegen.ingest.edits import Edit, edit

if TYPE_CHECKING:
    from archivegen.ingest.clean.templates import BatchLines

# Sentence-final punctuation: a line ending in one of these ends a paragraph.
TERMINAL = "。！？!?；;…」』：:"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the text: facts from decoding and, in a batch import,
    how many of the batch's files hold each short line (clean/templates.py); never the
    file name."""

    decoded: Decoded
    batch: BatchLines | None = None
    # where earlier rules removed a meta line printed under a headline (MetaLine facts),
    # as offsets in the text this rule is given: the line after each stood under it
    meta_lines: tuple[int, ...] = ()


# ---------------------------------------------------------------- facts
# What a rule learns from the text it removes: the page frame names the outlet and the
# publish time, a table of contents lists the parts of a compilation. Describe reads these
# facts; it never parses removed text itself. `at` is the offset in the text the rule was
# given (the clean stage maps it to the document it belongs to, as it does for edits).

@dataclass(frozen=True)
class Fact:
    at: int


@dataclass(frozen=True)
class Outlet(Fact):
    name: str                  # 来源：新华网 → 新华网


@dataclass(frozen=True)
class PageDate(Fact):
    year: int                  # a publish time printed in the page frame or a meta line
    month: int
    day: int
    # where the page states it: "dateline" (printed with the article: the meta line under its
    # headline), "meta" (the page's publish-time tag, not printed), "frame" (elsewhere in the
    # page frame, e.g. a footer's 发布日期)
    where: str = "frame"


@dataclass(frozen=True)
class MetaLine(Fact):
    """A time, source or author line printed under a headline stood here (its rule removed
    it): what tells a headline from the page's other short lines above a story."""


@dataclass(frozen=True)
class SourceUrl(Fact):
    url: str                   # the address a saved text names at its top


@dataclass(frozen=True)
class PageFrame(Fact):
    """The text is one page of a website saved as text: cleaning removed the page's frame
    (navigation, toolbars, footer) around its one article."""


@dataclass(frozen=True)
class TocEntry(Fact):
    entry: str                 # one line of a table of contents, without leader dots and page


@dataclass(frozen=True)
class DeclaredTitle(Fact):
    title: str                 # 本文标题：… in a page footer


@dataclass(frozen=True)
class InfoField(Fact):
    key: str                   # one field of an info table (data/policy.yaml): issuer, doc_number, written …
    value: str                 # as printed: 国务院办公厅, 国发〔2019〕5号, 2019年01月27日


@dataclass(frozen=True)
class DocNumber(Fact):
    number: str                # a 发文字号 printed on its own line under a title: 国发〔2019〕5号


@dataclass(frozen=True)
class Signature(Fact):
    organ: str                 # the issuing body a document is signed with: 国务院办公厅 (several joined by 、)
    year: int                  # and the date line under it (二〇〇五年六月十一日)
    month: int
    day: int


@dataclass(frozen=True)
class Rule:
    """One kind of damage and how to repair it, declared in one place."""

    name: str                                        # stable id, stored in the edit log
    label: str                                       # what it fixes, for the editorial note
    action: str                                      # verb for the note: 删除, 替换, 合并, 恢复 …
    find: Callable[[str, Context], list[Edit | Fact]]   # the edits to make to this text, and what they teach
    facts: tuple[type[Fact], ...] = ()               # the kinds of fact it may report


@dataclass(frozen=True)
class Line:
    start: int      # offset of the first character
    end: int        # offset of the newline (or end of text)
    text: str

    @cached_property
    def stripped(self) -> str:
        return self.text.strip()

    def removal(self, text: str, reason: str) -> Edit:
        """An edit deleting this whole line, with its newline."""
        end = self.end + 1 if self.end < len(text) else self.end
        start = self.start
        if end == self.end and start > 0:   # last line: eat the newline before it instead
            start -= 1
        return edit(text, start, end, "", reason)


# The lines of the last text asked for. Most rules change nothing in most texts, so the
# next rule asks for the lines of the very same string: they are made once, not per rule.
_last_lines: tuple[str, tuple[Line, ...]] = ("", ())


def lines(text: str) -> list[Line]:
    global _last_lines
    last_text, last = _last_lines
    if last_text is text:
        return list(last)
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    _last_lines = (text, tuple(out))
    return out


def forget_lines() -> None:
    """Let the last text's lines go (a big file's are hundreds of MB)."""
    global _last_lines
    _last_lines = ("", ())


def nonblank(lines_: list[Line]) -> Iterator[tuple[int, Line]]:
    for i, line in enumerate(lines_):
        if line.stripped:
            yield i, line


def ends_sentence(s: str) -> bool:
    """True when a line's text ends a sentence (closing quotes/brackets after the stop count)."""
    s = s.rstrip()
    if s.endswith(("）", ")")):
        # a note in brackets after the last sentence: "…落到实处。（发展改革委负责）"
        opening = max(s.rfind("（"), s.rfind("("))
        if opening > 0 and s[opening - 1] in "。！？!?；;":
            return True
    while s and s[-1] in "”’」』）)】\"'":
        s = s[:-1]
    return bool(s) and s[-1] in TERMINAL
