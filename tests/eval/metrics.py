"""Scores shared by every corpus: character overlap, titles, dates, must-keep/must-drop strings."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from tests.eval.htmltext import squash


def char_bag(text: str) -> Counter:
    """Multiset of the text's letters and digits (CJK, Latin, any script) after NFKC.

    Whitespace, punctuation and symbols are left out: cleaning may rewrap lines or turn
    ASCII brackets into full-width ones, and that is neither a lost nor an extra character.
    """
    return Counter(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


@dataclass
class Overlap:
    """Characters in common between an output and its reference, summed over pages."""
    common: int = 0
    got: int = 0
    want: int = 0

    @classmethod
    def of(cls, output: str, reference: str) -> Overlap:
        g, w = char_bag(output), char_bag(reference)
        return cls(sum((g & w).values()), sum(g.values()), sum(w.values()))

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(self.common + other.common, self.got + other.got, self.want + other.want)

    @property
    def precision(self) -> float:
        return self.common / self.got if self.got else 0.0

    @property
    def recall(self) -> float:
        return self.common / self.want if self.want else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def norm_title(s: str | None) -> str:
    """A title as compared: NFKC, no whitespace, no punctuation or symbols (“”/"", ：/: alike)."""
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PSZC")


def same_title(got: str | None, want: str | None) -> bool:
    return bool(want) and norm_title(got) == norm_title(want)


CN_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")


def as_date(value) -> dt.date | None:
    """A date from front matter (date object or text) or from 2019年01月27日 / 2019-01-27."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = CN_DATE.search(str(value or ""))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def present(needles: list[str], haystack: str) -> list[bool]:
    """Whether each string occurs in the text (compared squashed, see htmltext.squash)."""
    hay = squash(haystack)
    return [squash(n) in hay for n in needles]


def rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0
