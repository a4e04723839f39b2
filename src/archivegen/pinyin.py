"""Toneless pinyin, as pypinyin gives it, without loading pypinyin's tables.

pypinyin builds its 47,000 phrases and 42,000 characters into Python lists of lists when
it is imported: ~50 MB in every process that makes a slug, sorts a glossary or checks an
inserted reading (the import, the build, their workers), most of a small import's memory.
archivegen only ever asks for readings without tones (Style.NORMAL), so the same data,
read from pypinyin's own JSON files as text, is kept as one string per phrase and one per
character: ~12 MB, loaded in ~0.3 s on first use.

`lazy_normal` cuts a text as pypinyin does (runs of Chinese characters, then the longest
phrase from the left, pypinyin.seg.mmseg with no_non_phrases) and reads it as
`pypinyin.lazy_pinyin(text, style=Style.NORMAL, errors=...)` would.
tests/test_pinyin.py holds it to pypinyin itself: every character and phrase pypinyin
knows, real titles, and random strings built to reach each branch of the cut, so an
upgrade of pypinyin that changes an answer fails there.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

# pypinyin.constants.RE_HANS (wide build): the characters pypinyin looks up; everything
# else is handed to `errors`.
_HAN = (
    "\u3007\ue815-\ue864\ufa18\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002A6DF\U0002A703-\U0002B73F\U0002B740-\U0002B81D\U0002B825-\U0002BF6E"
    "\U0002C029-\U0002CE93\U0002D016\U0002D11B-\U0002EBD9\U0002F80A-\U0002FA1F"
    "\U00030000-\U0003134A\U000300F7-\U00031288\U00030EDD\U00030EDE\U00031350-\U00032389"
)
_RUNS = re.compile(f"[{_HAN}]+|[^{_HAN}]+")

# pypinyin's phonetic_symbol table read as Style.NORMAL does: a tone mark goes, ü is v,
# ê keeps its circumflex. Marks of two code points are replaced after the single ones.
_TONELESS = str.maketrans({
    **dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěè", "e"), **dict.fromkeys("ōóǒò", "o"),
    **dict.fromkeys("īíǐì", "i"), **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("üǖǘǚǜ", "v"),
    **dict.fromkeys("ńňǹ", "n"), "ḿ": "m", "ế": "ê", "ề": "ê",
    **dict.fromkeys("0123456789", None),
})
_TWO_POINT_MARKS = (("m\u0304", "m"), ("m\u0300", "m"), ("ê\u0304", "ê"), ("ê\u030c", "ê"))


def toneless(reading: str) -> str:
    """"zhōng" → "zhong", "lǜ" → "lv", "ê̄" → "ê"."""
    out = reading.translate(_TONELESS)
    for mark, plain in _TWO_POINT_MARKS:
        out = out.replace(mark, plain)
    return out


class Readings:
    """pypinyin's data, toneless: each character's readings ("zhong,chong"), each phrase's
    first reading per character ("chong qing"), and the prefixes of phrases that are not
    phrases themselves (what the longest-match cut needs to know when to stop)."""

    def __init__(self, chars: dict[str, str], phrases: dict[str, str]):
        self.chars = chars
        self.phrases = phrases
        self.prefixes = {p[:n] for p in phrases for n in range(1, len(p))} - phrases.keys()

    def cut(self, run: str) -> Iterator[str]:
        """A run of Chinese characters cut as pypinyin.seg.mmseg's Seg(no_non_phrases=True)
        cuts it: the longest phrase the prefixes lead to, else one character; a tail that
        is only a prefix of some longer phrase is read a character at a time."""
        at, end = 0, len(run)
        while at < end:
            longest = 0
            for stop in range(at + 1, end + 1):
                word = run[at:stop]
                if word in self.phrases:
                    longest = stop - at
                elif word not in self.prefixes:
                    break
            else:                          # the whole rest is a prefix of some phrase
                if not longest:
                    yield from run[at:]
                    return
            if longest:
                yield run[at:at + longest]
                at += longest
            else:
                yield run[at]
                at += 1

    def first(self, char: str) -> str | None:
        found = self.chars.get(char)
        return None if found is None else found.split(",", 1)[0]


def _package_dir() -> Path:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations)))


# Both files are pypinyin's own: {"13312": "qiū", …} and {"一丁不识": [["yī"], ["dīng"], …], …}.
_CHAR_ENTRY = re.compile(r'"(\d+)"\s*:\s*"([^"]*)"')
_PHRASE_ENTRY = re.compile(r'"([^"]+)"\s*:\s*\[((?:\s*\[[^\]]*\]\s*,?)*)\s*\]')
_FIRST_OF_EACH = re.compile(r'\[\s*"([^"]*)"')


@lru_cache(maxsize=1)
def readings() -> Readings:
    folder = _package_dir()
    syllables: dict[str, str] = {}         # one string per toneless syllable, shared

    def shared(reading: str) -> str:
        plain = toneless(reading)
        return syllables.setdefault(plain, plain)

    chars = {chr(int(code)): ",".join(shared(r) for r in value.split(","))
             for code, value in _CHAR_ENTRY.findall((folder / "pinyin_dict.json").read_text("utf-8"))}
    text = (folder / "phrases_dict.json").read_text("utf-8")
    phrases = {m.group(1): " ".join(toneless(r) for r in _FIRST_OF_EACH.findall(m.group(2)))
               for m in _PHRASE_ENTRY.finditer(text)}
    return Readings(chars, phrases)


Errors = Callable[[str], list[str]] | str


def _no_reading(chars: str, errors: Errors) -> list[str]:
    # pypinyin's handle_nopinyin for a callable or "default" (keep the characters)
    if errors == "default":
        return [chars]
    if callable(errors):
        found = errors(chars)
        return ([found] if isinstance(found, str) else list(found)) if found else []
    raise ValueError(f"errors={errors!r}: only a callable or 'default'")


def lazy_normal(text: str, errors: Errors = "default") -> list[str]:
    """What `pypinyin.lazy_pinyin(text, style=Style.NORMAL, errors=errors)` returns."""
    data = readings()
    out: list[str] = []
    for run in _RUNS.findall(text):
        if not _is_han(run[0]):
            out.extend(_no_reading(run, errors))
            continue
        for word in data.cut(run):
            phrase = data.phrases.get(word)
            if phrase is not None:
                out.extend(phrase.split(" "))
                continue
            for char in word:
                first = data.first(char)
                out.extend([first] if first is not None else _no_reading(char, errors))
    return out


_HAN_CHAR = re.compile(f"[{_HAN}]")


def _is_han(char: str) -> bool:
    return _HAN_CHAR.match(char) is not None


def char_readings(char: str) -> frozenset[str]:
    """Every toneless reading of one character (pypinyin.pinyin(char, style=NORMAL,
    heteronym=True, errors="ignore")); empty for a character it does not know."""
    found = readings().chars.get(char) if _is_han(char) else None
    return frozenset(found.split(",")) if found else frozenset()
