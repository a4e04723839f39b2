"""Template lines: what one site prints around every page of an import.

When several files of one site arrive together, the lines they all carry (navigation,
toolbar buttons saved one word per line, the footer) are the strongest sign of page
furniture there is (boilerpipe's site-level templates). `batch_lines` counts, in one pass
over the batch's decoded texts, how many files hold each short line; the clean stage gets
these counts in its Context. A line is a template line when enough files of the batch
hold it. It is never one when it is a sentence of the document (long, with sentence
punctuation): reports of one government share real sentences, and those stay. What a
template line costs is decided where the position is known (clean/blocks.py): around the
text it goes, inside the text it stays.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

# Only short lines are counted (furniture is short; the counts stay small).
MAX_LEN = 60
# A line is a template line when at least this many files hold it,
MIN_FILES = 3
# ...and at least this share of the batch's files.
MIN_SHARE = 0.3


@dataclass(frozen=True)
class BatchLines:
    """How many files of one import hold each short line (stripped)."""

    files: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)

    def is_template(self, line: str) -> bool:
        if self.files < MIN_FILES:
            return False
        n = self.counts.get(line.strip(), 0)
        return n >= MIN_FILES and n >= MIN_SHARE * self.files


def short_lines(text: str) -> set[str]:
    """The short lines (stripped) one decoded text holds: what it adds to the counts."""
    return {s for s in (x.strip() for x in text.split("\n")) if s and len(s) <= MAX_LEN}


def batch_lines(texts: Iterable[str]) -> BatchLines:
    """Count, over a batch of decoded texts, the files that hold each short line."""
    return count_lines(short_lines(text) for text in texts)


def count_lines(line_sets: Iterable[set[str]]) -> BatchLines:
    """BatchLines from each file's short_lines (worker processes send those)."""
    counts: Counter[str] = Counter()
    files = 0
    for lines in line_sets:
        files += 1
        counts.update(lines)
    return BatchLines(files, {k: v for k, v in counts.items() if v >= MIN_FILES})


def template_lines(batch: BatchLines | None, texts: Iterable[str]) -> frozenset[str]:
    """The lines among `texts` that are template lines of the batch."""
    if batch is None or batch.files < MIN_FILES:
        return frozenset()
    return frozenset(s for s in texts if batch.is_template(s))
