"""How well a decoding reads as text: the evidence that tells apart encodings whose bytes all decode.

The same bytes are often valid in several encodings (every Big5 file is also valid GB18030,
and EUC-KR Korean decodes as GB2312 into the most common Chinese characters), so validity
alone cannot choose. What the wrong decoding never gives is *words*: its characters, common
or not, follow each other at random. So a decoding is scored by the share of its non-ASCII
characters that sit in a word of jieba's dictionary (after OpenCC's traditional→simplified
conversion, so Big5 text is judged like GB text), plus Chinese punctuation; single common
characters count a little. Japanese and Korean files that land in the archive by mistake are
recognised by kana and by Hangul syllables of KS X 1001 (the common ones) among few Hanzi.

The character sets come from the codecs themselves (GB2312 level 1 and Big5 level 1 are the
standards' lists of the commonly used characters, KS X 1001 the common Hangul), the words
from jieba's dictionary: no data file. Everything loads on first use, and only files that
are not plain UTF-8 use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from archivegen.ingest.counting import count_chars

if TYPE_CHECKING:
    from archivegen.dictionary import ShortWords

ASCII_TEXT = re.compile(r"[\t\n\r\x0c\x20-\x7e]")
HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
KANA = re.compile("[\u3041-\u30ff]")
HANGUL = re.compile("[\uac00-\ud7a3]")
# Punctuation and symbols of Chinese text: CJK and full-width punctuation, dashes and quotes,
# ·×÷, ①⑴⒈, Ⅰ, ℃ №, ※ and the shapes ■□▲△◆◇○◎●★☆. Box drawing is left out: misread Big5
# produces it.
PUNCT = re.compile("[\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203b\u2103\u2116\u2160-\u217f"
                   "\u2460-\u249b\u25a0-\u25cf\u2605\u2606\u3000-\u303f\uff01-\uff5e]")
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
LETTERS = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0386-\u03ce\u0400-\u045f]")   # Latin, Greek, Cyrillic
WORD_LENGTHS = (4, 3, 2)
MIN_FOREIGN = 5         # kana or Hangul needed before a text may read as Japanese or Korean
MAX_HAN = 2000          # Hanzi looked up per decoding: plenty to decide, cheap on big files


def _words() -> ShortWords:
    from archivegen.dictionary import short_words

    return short_words()


def _double_byte_range(codec: str, leads: range, trails: range) -> frozenset[str]:
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                out.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level 1 (3,755 常用字) and Big5 level 1 (5,401 常用字), each in its script."""
    return (_double_byte_range("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
            | _double_byte_range("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]))


@lru_cache(maxsize=1)
def to_simplified() -> dict[int, str]:
    """A str.translate table: traditional character → simplified, from OpenCC's character
    table (TSCharacters.txt, first choice). Character by character is enough to look words
    up, and much faster than OpenCC's phrase conversion."""
    import opencc

    table = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0]
        if len(trad) == 1 and len(first) == 1:
            table[ord(trad)] = first
    return table


@lru_cache(maxsize=1)
def _common_han_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(common_han())) + "]")


@lru_cache(maxsize=1)
def _common_hangul_re() -> re.Pattern[str]:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR rows 16–40)."""
    return re.compile("[" + "".join(sorted(_double_byte_range("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)))) + "]")


def word_chars(han: str) -> int:
    """How many of the characters of a run of Hanzi lie in dictionary words (greedy, longest first)."""
    words = _words()
    covered = i = 0
    while i < len(han):
        for n in WORD_LENGTHS:
            if i + n <= len(han) and han[i:i + n] in words:
                covered += n
                i += n
                break
        else:
            i += 1
    return covered


@dataclass(frozen=True)
class Reading:
    """What one decoding of a sample looks like."""

    score: float      # 0–1: share of its non-ASCII characters that read as CJK text
    quality: float    # 0–1: share of all its characters that are ordinary text characters
    other: int        # how many non-ASCII characters it has (0: nothing to judge)
    broken: float     # 0–1: share of its characters that are undecodable bytes or control characters


def read(text: str) -> Reading:
    """Score a decoding (undecodable bytes appear in it as U+FFFD)."""
    # counted without lists of matches (ingest/counting.py): a big file has millions
    ascii_text = count_chars(ASCII_TEXT, text)
    other = len(text) - ascii_text
    if not other:
        return Reading(1.0, 1.0, 0, 0.0)     # ASCII text: nothing to tell encodings apart by
    han = count_chars(HAN_RUN, text)
    # Words and common characters are counted in the first MAX_HAN Hanzi, scaled to all.
    sample, size = [], 0
    for m in HAN_RUN.finditer(text):
        if size >= MAX_HAN:
            break
        sample.append(m.group())
        size += len(sample[-1])
    scale = han / size if size else 0.0
    in_words = sum(word_chars(run.translate(to_simplified())) for run in sample) * scale
    common_count = len(_common_han_re().findall("\n".join(sample))) * scale
    punct = count_chars(PUNCT, text)
    kana = count_chars(KANA, text)
    hangul = count_chars(HANGUL, text)
    known_hangul = count_chars(_common_hangul_re(), text)

    cjk = in_words + 0.3 * max(common_count - in_words, 0) + punct
    # Japanese and Korean files come by mistake, so they need some evidence: a few GBK
    # characters can decode as Hangul by chance (and one as a kana).
    if kana >= max(0.1 * other, MIN_FOREIGN):    # Japanese: kana between the Kanji
        cjk += kana
    korean = known_hangul + punct - han if hangul >= max(0.5 * other, MIN_FOREIGN) else 0
    score = max(cjk, korean) / other

    letters = count_chars(LETTERS, text)
    # Control characters are the mark of binary data (a real text has none or a stray one),
    # so each costs more than it would as an ordinary character.
    controls = count_chars(CONTROL, text)
    ordinary = ascii_text + punct + kana + known_hangul + common_count + letters - 4 * controls
    broken = (controls + text.count("\ufffd")) / len(text)
    return Reading(min(score, 1.0), max(min(ordinary / len(text), 1.0), 0.0), other, broken)

