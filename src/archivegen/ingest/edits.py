"""Edits: every change cleaning makes to a text, recorded so it can be shown and replayed.

A cleaning rule looks at a text and returns `Edit`s (spans of *that* text to replace).
`apply_edits` performs them; a `Pass` is one rule's edits. Replaying the passes in order
on the decoded raw text gives the cleaned text back exactly (tests/ingest/test_replay.py).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archivegen.ingest.clean.base import Fact


@dataclass(frozen=True, slots=True)   # slots: a big file has hundreds of thousands
class Edit:
    start: int      # offset in the text the rule was given
    end: int        # end offset (exclusive); start == end is an insertion
    new: str        # replacement text ("" for a removal)
    old: str        # the text that was replaced (kept so readers see what went)
    reason: str     # why, in the reader's language

    @property
    def delta(self) -> int:
        return len(self.new) - (self.end - self.start)

    def __reduce__(self):
        # pickled as its constructor's arguments: import workers send back hundreds of
        # thousands of edits, and dataclasses' own state functions ask for fields() each
        return (Edit, (self.start, self.end, self.new, self.old, self.reason))


@dataclass(frozen=True)
class Pass:
    """The edits one rule made, relative to the text that rule was given, and the facts
    it learned there (positions in the same text)."""

    rule: str        # rule name, e.g. "pinyin"
    label: str       # what the rule fixes, for the editorial note (e.g. "拼音注音")
    action: str      # "删除" or "替换" etc., for the editorial note
    edits: tuple[Edit, ...]
    facts: tuple[Fact, ...] = ()


def edit(text: str, start: int, end: int, new: str, reason: str) -> Edit:
    """Build an Edit, capturing the replaced text from `text`."""
    return Edit(start, end, new, text[start:end], reason)


def reconcile(text: str, edits: list[Edit]) -> tuple[Edit, ...]:
    """One rule's edits, sorted and made disjoint: overlapping removals become one removal
    (two furniture lines that share a newline), and any other edit that overlaps an earlier
    one yields to it. A rule's findings never make the clean stage fail."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and e.start < out[-1].end:
            prev = out[-1]
            if prev.new == "" and e.new == "":
                reason = prev.reason if e.reason == prev.reason else f"{prev.reason}；{e.reason}"
                out[-1] = edit(text, prev.start, max(prev.end, e.end), "", reason)
            continue
        out.append(e)
    return tuple(out)


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """Apply non-overlapping edits (any order) to `text`."""
    if not edits:
        return text                  # the same string: clean/base.lines() knows it again
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for e in ordered:
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}: {e.old!r}")
        if text[e.start:e.end] != e.old:
            raise ValueError(f"edit at {e.start} expects {e.old!r}, text has {text[e.start:e.end]!r}")
        out.append(text[pos:e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def replay(text: str, passes: list[Pass] | tuple[Pass, ...]) -> str:
    """Apply every pass in order: the decoded raw text becomes the cleaned text."""
    for p in passes:
        text = apply_edits(text, p.edits)
    return text


class OffsetMap:
    """Maps offsets of a pass's input text to its output text and back (binary search)."""

    def __init__(self, edits: tuple[Edit, ...]) -> None:
        self._edits = sorted(edits, key=lambda e: e.start)
        self._starts = [e.start for e in self._edits]
        self._cumulative: list[int] = []     # the edits' total change in length, up to each
        self._out_starts: list[int] = []     # each edit's start in the *output* text, for the inverse map
        total = 0
        for e in self._edits:
            self._out_starts.append(e.start + total)
            total += len(e.new) - (e.end - e.start)
            self._cumulative.append(total)

    def forward(self, pos: int) -> int:
        """Where input offset `pos` lands in the output (inside an edit: at its start)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        e = self._edits[i]
        before = self._cumulative[i - 1] if i else 0
        if pos < e.end:                      # inside the replaced span
            return e.start + before
        return pos + self._cumulative[i]

    def backward(self, pos: int) -> int:
        """Where output offset `pos` came from in the input."""
        i = bisect.bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        e = self._edits[i]
        out_end = self._out_starts[i] + len(e.new)
        if pos < out_end:
            return e.start
        return pos - self._cumulative[i]
