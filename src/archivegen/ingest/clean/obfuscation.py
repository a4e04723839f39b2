"""Aggregator obfuscation: pinyin inserted after characters, substituted names."""

from __future__ import annotations

import re

from archivegen.data import load_data
from archivegen.pinyin import char_readings, toneless
from archivegen.ingest.clean.base import CJK, Context
from archivegen.ingest.edits import Edit, edit

# A reading in brackets after the characters it reads, as aggregator copies print it: 人(ren),
# 重（zhòng）, 重(zhong4), a word at once: 政府(zhèng fǔ), 政府（zhengfu）. The reading may have
# tone marks or tone digits, spaces or apostrophes between syllables, a space before it.
# Found by its brackets (a look-behind for the one character before them), so the pattern
# is tried only where a bracket stands, not at every character of a big text.
_LETTERS = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêÊńňǹḿ'’1-5 "
ANNOTATION = re.compile(f"(?<=[{CJK}])[ \u3000]?[(（](?P<letters>[{_LETTERS}]{{1,40}})[)）]")
_CJK_RUN_END = re.compile(f"[{CJK}]+$")
MAX_WORD = 4             # characters one reading in brackets may annotate
# An aggregator inserts readings throughout a text; an author who gives the reading of a rare
# character (氹(dàng)仔) does it once or twice, and that is the author's text.
MIN_READINGS = 3


def _syllables(letters: str) -> str:
    """The reading without tones, spaces and apostrophes, lower case: zhèng fǔ → zhengfu,
    lǜ → lv (pinyin.toneless, as the readings are stored)."""
    return re.sub(r"[\s'’]", "", toneless(letters.lower()))


def _read_as(chars: str, syllables: str) -> bool:
    """Whether `syllables` is a reading of each of `chars` in turn (each a few letters)."""
    if not chars:
        return not syllables
    return any(syllables.startswith(r) and _read_as(chars[1:], syllables[len(r):])
               for r in char_readings(chars[0]) if r)


def find_pinyin(text: str, ctx: Context) -> list[Edit]:
    """Remove a reading in brackets after the characters it reads, but only when its
    letters are a reading of the last one to MAX_WORD characters before it, so real brackets
    such as (AEO) or (Global Operation Programme) survive, and only when the text holds
    MIN_READINGS of them at least (an author's one pronunciation note stays)."""
    out = []
    for m in ANNOTATION.finditer(text):
        word = _CJK_RUN_END.search(text, max(0, m.start() - MAX_WORD), m.start()).group()
        syllables = _syllables(m.group("letters"))
        if syllables and any(_read_as(word[-k:], syllables) for k in range(1, len(word) + 1)):
            out.append(edit(text, m.start(), m.end(), "", "插入的拼音注音"))
    return out if len(out) >= MIN_READINGS else []


def find_substitutions(text: str, ctx: Context) -> list[Edit]:
    """Words aggregators substitute for names (习大大 for 习近平), restored with a note."""
    table: dict[str, str] = load_data("substitutions.yaml")
    out = []
    for wrong, right in sorted(table.items()):
        for m in re.finditer(re.escape(wrong), text):
            out.append(edit(text, m.start(), m.end(), right, f"“{wrong}”恢复为“{right}”"))
    return out
