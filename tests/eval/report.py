"""A corpus's measurements: named numbers (what floors read) and the table printed for people."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass
class Report:
    corpus: str
    source: str                                   # where the pages came from
    metrics: dict[str, float] = field(default_factory=dict)
    tables: list[list[list[str]]] = field(default_factory=list)   # each: header row, rows
    notes: list[str] = field(default_factory=list)
    summary: str = ""
    seconds: float = 0.0

    def render(self) -> str:
        out = [f"== {self.corpus}  ({self.source})"]
        for table in self.tables:
            out += format_table(table)
            out.append("")
        out += self.notes
        return "\n".join(out).rstrip() + "\n"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def format_table(rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell (CJK characters count double); first column left."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]

    def line(r: list[str]) -> str:
        cells = []
        for i, c in enumerate(r):
            pad = " " * (widths[i] - _width(c))
            cells.append(c + pad if i == 0 else pad + c)
        return "  ".join(cells).rstrip()

    return [line(rows[0]), "  ".join("-" * w for w in widths), *(line(r) for r in rows[1:])]


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def num(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}f}"
