"""Character-level damage: entities, escapes, full-width alphanumerics, stray traditional characters."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from archivegen.ingest.clean.base import CJK, CJK_RE, Context
from archivegen.ingest.counting import count_chars
from archivegen.ingest.edits import Edit, edit

ENTITY = re.compile(r"&(#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,10});")
UNICODE_ESCAPE = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>|\\u([0-9A-Fa-f]{4})")
FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def find_entities(text: str, ctx: Context) -> list[Edit]:
    """Stray HTML entities (&ldquo;) and escaped code points (<U+00A0>, \\u3000) become characters."""
    out = []
    for m in ENTITY.finditer(text):
        char = html.unescape(m.group())
        if char != m.group():
            out.append(edit(text, m.start(), m.end(), char.replace("\xa0", " "), "HTML 实体"))
    escapes = [(m.start(), m.end(), int(m.group(1) or m.group(2), 16)) for m in UNICODE_ESCAPE.finditer(text)]
    k = 0
    while k < len(escapes):
        start, end, code = escapes[k]
        k += 1
        if 0xD800 <= code <= 0xDBFF and k < len(escapes) and escapes[k][0] == end and 0xDC00 <= escapes[k][2] <= 0xDFFF:
            # a surrogate pair written as two escapes (\\ud83d\\ude00): one character
            code = 0x10000 + ((code - 0xD800) << 10) + (escapes[k][2] - 0xDC00)
            end = escapes[k][1]
            k += 1
        char = _escaped_char(code)
        if char is not None:
            out.append(edit(text, start, end, char, "转义的 Unicode 字符"))
    return out


def _escaped_char(code: int) -> str | None:
    """The character an escape names, or None when it names none a text can hold: a
    code point beyond U+10FFFF, a UTF-16 surrogate (<U+D800>, half of a pair) or a
    control character (\\u0000). Such an escape is left as it is printed."""
    if code > 0x10FFFF or unicodedata.category(chr(code)) in ("Cs", "Cc"):
        return None
    char = chr(code)
    return " " if char in "\xa0\u3000\u2002\u2003" else char


def find_fullwidth(text: str, ctx: Context) -> list[Edit]:
    """Full-width digits and Latin letters (２０２４, ＡＥＯ) become ASCII; punctuation stays."""
    return [
        edit(text, m.start(), m.end(), "".join(chr(ord(c) - 0xFEE0) for c in m.group()), "全角数字和字母")
        for m in FULLWIDTH_ALNUM.finditer(text)
    ]


@lru_cache(maxsize=1)
def _traditional_only() -> dict[str, str]:
    """Characters that exist only in traditional script, with their one simplified form.

    Taken from OpenCC's tables: a character is traditional-only when OpenCC maps it to a
    single different character and never lists it as a simplified form itself, so 乾/於
    (also valid simplified) are never touched.
    """
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    simplified = set()
    for line in (folder / "STCharacters.txt").read_text(encoding="utf-8").splitlines():
        simplified.add(line.split("\t", 1)[0])
    out = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        trad, _, targets = line.partition("\t")
        forms = targets.split()
        if len(trad) == 1 and len(forms) == 1 and forms[0] != trad and trad not in simplified:
            out[trad] = forms[0]
    return out


def find_traditional(text: str, ctx: Context) -> list[Edit]:
    """Stray traditional characters inside simplified text (OCR, mixed sources).

    Only when the text as a whole is simplified (traditional-only characters are under 5%
    of its Chinese characters); a traditional-script document is left as it is.
    """
    table = _traditional_only()
    hits = sorted(_positions(text, set(text).intersection(table)))
    if not hits:
        return []
    han = count_chars(CJK_RE, text)
    if han == 0 or len(hits) / han >= 0.05:
        return []
    out = []
    for i, c in hits:
        simple = table[c]
        # only the neighbourhood a 2–4 character word can span (no copy of the whole text)
        left = text[max(0, i - 3):i]
        if _forms_word(left + simple + text[i + 1:i + 4], len(left)):
            out.append(edit(text, i, i + 1, simple, f"繁体字“{c}”改为简体"))
    return out


def _positions(text: str, chars: set[str]) -> list[tuple[int, str]]:
    """(offset, character) of every occurrence of `chars` in `text`, found with str.find
    (C speed; a loop over every character of a 50 MB text takes seconds)."""
    out = []
    for c in chars:
        i = text.find(c)
        while i >= 0:
            out.append((i, c))
            i = text.find(c, i + 1)
    return out


def _forms_word(text: str, i: int) -> bool:
    """True when the simplified character makes a dictionary word with its neighbours
    (首创 in 首創性). A traditional character in a name (郑和鑑) makes none, and stays."""
    from archivegen.dictionary import short_words

    words = short_words()
    for length in (2, 3, 4):
        for start in range(max(0, i - length + 1), i + 1):
            if text[start:start + length] in words:
                return True
    return False


# Half-width punctuation in Chinese text (各位代表:  现在,我代表  "人民城市"), left by PDF
# extraction and copying, becomes full-width. Only between Chinese characters: numbers
# (1,000  3:2), Latin text and URLs (http://) keep theirs.
_CHINESE = f"{CJK}“”‘’《》〈〉「」『』（）【】，。、；：！？…—"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# (the mark first, its neighbour behind it checked after: a pattern that starts with a set
# of characters is scanned for at C speed, one that starts with a look-behind is tried at
# every offset)
_MARK = re.compile(rf"[,:;!?](?:(?<=[{_CHINESE})][,:;!?])(?=[{_CHINESE}(\"]|\s*$)|(?<=[\d%][,;!?])(?=[{_CHINESE}]))",
                   re.M)
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_QUOTE = re.compile(r'"([^"\n]{1,60})"')


def find_halfwidth_punctuation(text: str, ctx: Context) -> list[Edit]:
    out = []
    for m in _PAREN.finditer(text):
        if CJK_RE.search(m.group(1)):                       # (9月18日) but not (AEO)
            out.append(edit(text, m.start(), m.start() + 1, "（", "半角括号改为全角"))
            out.append(edit(text, m.end() - 1, m.end(), "）", "半角括号改为全角"))
    for m in _QUOTE.finditer(text):
        if CJK_RE.search(m.group(1)):
            out.append(edit(text, m.start(), m.start() + 1, "“", "半角引号改为全角"))
            out.append(edit(text, m.end() - 1, m.end(), "”", "半角引号改为全角"))
    for m in _MARK.finditer(text):
        out.append(edit(text, m.start(), m.end(), _HALF_TO_FULL[m.group()], "半角标点改为全角"))
    return out
