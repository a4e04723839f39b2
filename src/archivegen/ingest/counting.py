"""Counting characters of a kind without a list of them.

`len(pattern.findall(text))` builds a list with one string per match: for a 50 MB text
that is 16 million objects (1.2 GB) just to learn a number. Removing the matches and
comparing lengths gives the same number from one copy of the text at most, in C.
"""

from __future__ import annotations

import re


def count_chars(pattern: re.Pattern, text: str) -> int:
    """How many characters of `text` the matches of `pattern` cover: for a one-character
    class, how many such characters it holds (what len(findall) counts); for a run pattern
    ("[…]+"), how many characters are in its runs."""
    return len(text) - len(pattern.sub("", text))
