"""Edits: every change cleaning makes to a text, recorded so it can be shown and replayed.

A cleaning rule looks at a text and returns `Edit`s (spans of *that* text to replace).
`apply_edits` performs them; a `Pass` is one rule's edits. Replaying the passes in order
on the decoded raw text gives the cleaned text back exactly (tests/ingest/test_replay.py).
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from itertools import accumulate, chain, repeat
from operator import add
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archivegen.ingest.clean.base import Fact


class Edit:
    """One change to a text: the span start–end of the text a rule was given, replaced.

    Read-only. A big file has hundreds of thousands of edits, so an edit keeps four slots
    and no more: its end is where the replaced text ends (start + len(old)), not a fifth
    number of its own (40 bytes less an edit; 27 MB for a 50 MB file's 670,000)."""

    __slots__ = ("start", "new", "old", "reason")
    start: int      # offset in the text the rule was given
    new: str        # replacement text ("" for a removal)
    old: str        # the text that was replaced (kept so readers see what went)
    reason: str     # why, in the reader's language

    def __init__(self, start: int, end: int, new: str, old: str, reason: str) -> None:
        if end - start != len(old):
            raise ValueError(f"an edit of {start}–{end} replaces {end - start} characters, not {len(old)}: {old!r}")
        _set(self, "start", start)
        _set(self, "new", new)
        _set(self, "old", old)
        _set(self, "reason", reason)

    @property
    def end(self) -> int:
        """End offset (exclusive); start == end is an insertion."""
        return self.start + len(self.old)

    @property
    def delta(self) -> int:
        return len(self.new) - len(self.old)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an Edit is read-only (tried to set {name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an Edit is read-only (tried to delete {name})")

    def _key(self) -> tuple:
        return (self.start, self.new, self.old, self.reason)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Edit):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Edit(start={self.start!r}, end={self.end!r}, new={self.new!r}, old={self.old!r}, "
                f"reason={self.reason!r})")

    def __reduce__(self):
        # pickled as its constructor's arguments: import workers send back hundreds of
        # thousands of edits
        return (Edit, (self.start, self.end, self.new, self.old, self.reason))


_set = object.__setattr__


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
    """Build an Edit, capturing the replaced text from `text` (an end past the text's end
    is the text's end)."""
    old = text[start:end]
    return Edit(start, start + len(old), new, old, reason)


def in_span_order(edits: list[Edit] | tuple[Edit, ...], length: int) -> list[Edit] | tuple[Edit, ...]:
    """`edits` ordered by (start, end) for a text of `length` characters: the same sequence
    when it already is (a rule's finder mostly yields text order), else sorted by one
    integer per edit. (A tuple per edit as the key cost 80 MB for a big file's 700,000.)"""
    # end is start + len(old), and len(old) < n: start * n + len(old) orders as (start, end)
    # (the end property's call is left out of a loop over every edit)
    n = max(length, max((e.start + len(e.old) for e in edits), default=0)) + 1
    last = -1
    for e in edits:
        key = e.start * n + len(e.old)
        if key < last:
            return sorted(edits, key=lambda e: e.start * n + len(e.old))
        last = key
    return edits


def reconcile(text: str, edits: list[Edit]) -> tuple[Edit, ...]:
    """One rule's edits, sorted and made disjoint: overlapping removals become one removal
    (two furniture lines that share a newline), and any other edit that overlaps an earlier
    one yields to it. A rule's findings never make the clean stage fail."""
    out: list[Edit] = []
    for e in in_span_order(edits, len(text)):
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
    return join_parts(edited_parts(text, edits))


def edited_parts(text: str, edits: tuple[Edit, ...] | list[Edit]) -> list[str]:
    """The text after `edits`, as parts to join (join_parts). A caller that can let the
    text go before joining holds two copies of a big text at once, not three."""
    done: list[str] = []
    # slices are joined a few thousand at a time: a big file's pass has hundreds of
    # thousands of edits, and a list of two slices per edit cost 100 MB of objects
    pieces: list[str] = []
    pos = 0
    for e in in_span_order(edits, len(text)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}: {e.old!r}")
        end = e.start + len(e.old)
        if text[e.start:end] != e.old:
            raise ValueError(f"edit at {e.start} expects {e.old!r}, text has {text[e.start:end]!r}")
        pieces.append(text[pos:e.start])
        pieces.append(e.new)
        pos = end
        if len(pieces) >= _JOIN_EVERY:
            done.append("".join(pieces))
            pieces.clear()
    pieces.append(text[pos:])
    done.append("".join(pieces))
    return done


def join_parts(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "".join(parts)


_JOIN_EVERY = 4096


def replay(text: str, passes: list[Pass] | tuple[Pass, ...]) -> str:
    """Apply every pass in order: the decoded raw text becomes the cleaned text."""
    for p in passes:
        text = apply_edits(text, p.edits)
    return text


class OffsetMap:
    """Maps offsets of a pass's input text to its output text and back (binary search)."""

    def __init__(self, edits: tuple[Edit, ...]) -> None:
        ordered = sorted(edits, key=lambda e: e.start)
        # machine integers in arrays, not lists of int objects: 40 bytes an edit instead of
        # about 200 (a big file has hundreds of thousands of edits in each of several passes)
        self._starts = array("q", [e.start for e in ordered])
        self._ends = array("q", [e.start + len(e.old) for e in ordered])
        # the edits' total change in length, up to and including each
        self._cumulative = array("q", accumulate(len(e.new) - len(e.old) for e in ordered))
        # each edit's start and end in the *output* text, for the inverse map
        self._out_starts = array("q", map(add, self._starts, chain((0,), self._cumulative)))
        self._out_ends = array("q", map(add, self._out_starts, (len(e.new) for e in ordered)))

    def forward(self, pos: int) -> int:
        """Where input offset `pos` lands in the output (inside an edit: at its start)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        before = self._cumulative[i - 1] if i else 0
        if pos < self._ends[i]:              # inside the replaced span
            return self._starts[i] + before
        return pos + self._cumulative[i]

    def forward_all(self, positions: list[int]) -> list[int]:
        """forward() of each of `positions`, in one merge of the positions with the edits
        when they are in ascending order (a pass's edits and facts are): each edit's run of
        positions moves at once, so a big file's 670,000 positions through a dozen later
        passes are not 8 million calls of forward()."""
        starts, ends, cumulative = self._starts, self._ends, self._cumulative
        if not starts or not positions:
            return list(positions)
        if len(positions) * 8 < len(starts) or positions != sorted(positions):
            return [self.forward(p) for p in positions]
        n = len(positions)
        j = bisect.bisect_left(positions, starts[0])
        out = positions[:j]                        # before the first edit: unmoved
        for i in range(len(starts)):
            if j == n:
                break
            # positions this edit is the last to start at or before (as forward() finds it)
            hi = bisect.bisect_left(positions, starts[i + 1], j) if i + 1 < len(starts) else n
            if hi == j:
                continue
            inside = bisect.bisect_left(positions, ends[i], j, hi)
            if inside > j:                         # inside the replaced span: at its start
                out.extend(repeat(starts[i] + (cumulative[i - 1] if i else 0), inside - j))
            shift = cumulative[i]
            out.extend([p + shift for p in positions[inside:hi]] if shift else positions[inside:hi])
            j = hi
        return out

    def backward(self, pos: int) -> int:
        """Where output offset `pos` came from in the input."""
        i = bisect.bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._out_ends[i]:
            return self._starts[i]
        return pos - self._cumulative[i]
