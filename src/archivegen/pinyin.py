"""Toneless pinyin, as pypinyin gives it, without loading pypinyin's tables.

pypinyin builds its 47,000 phrases and 42,000 characters into Python lists of lists when
it is imported: ~50 MB in every process that makes a slug, sorts a glossary or checks an
inserted reading (the import, the build, their workers), most of a small import's memory.
archivegen only ever asks for readings without tones (Style.NORMAL), so the same data,
read from pypinyin's own JSON files as text, is kept packed (Packed): ~3 MB, loaded in
~0.3 s on first use.

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
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from archivegen.kept import Chunked, keep, kept_path, read_kept

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


class Packed(Chunked):
    """A read-only map of tens of thousands of short strings to short strings, a few bytes
    an entry. Entries are spread by hash over buckets of about BUCKET, each bucket one
    string "\0key\1value\0key\1value\0": a look-up is a hash and a substring search in a
    short string, at C speed. pypinyin's phrases and their prefixes take ~4 MB so, ~13 MB as
    a dict and a set. Entries are added a batch at a time and each batch's share of a
    bucket joined at once, so making it never holds an object per entry. The first entry
    of a key is the one found. A key's bucket is its CRC-32, the same in every process, so
    the maps made once are kept in a file (readings())."""

    BUCKET = 64

    def __init__(self, expected: int) -> None:
        self._buckets = max(1, expected // self.BUCKET)
        self._chunks: list[str] = ["\0"] * self._buckets
        self._size = 0

    def add(self, entries: list[tuple[str, str]]) -> None:
        share: dict[int, list[str]] = {}
        for key, value in entries:
            share.setdefault(_bucket(key, self._buckets), []).append(f"{key}\1{value}")
        for b, items in share.items():
            self._chunks[b] += "\0".join(items) + "\0"
        self._size += len(entries)

    def get(self, key: str) -> str | None:
        chunk = self._chunks[_bucket(key, self._buckets)]
        at = chunk.find(f"\0{key}\1")
        if at < 0:
            return None
        start = at + len(key) + 2
        return chunk[start:chunk.index("\0", start)]



def _bucket(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


class Readings:
    """pypinyin's data, toneless: each character's readings ("zhong,chong"); each phrase's
    first reading per character ("chong qing"), and "" for a prefix of a phrase that is
    not a phrase itself (what the longest-match cut needs to know when to stop)."""

    def __init__(self, chars: Packed, phrases: Packed, phrase_count: int):
        self.chars = chars
        self.phrases = phrases
        self.phrase_count = phrase_count

    def cut(self, run: str) -> Iterator[str]:
        """A run of Chinese characters cut as pypinyin.seg.mmseg's Seg(no_non_phrases=True)
        cuts it: the longest phrase the prefixes lead to, else one character; a tail that
        is only a prefix of some longer phrase is read a character at a time."""
        at, end = 0, len(run)
        while at < end:
            longest = 0
            for stop in range(at + 1, end + 1):
                found = self.phrases.get(run[at:stop])
                if found is None:
                    break
                if found:
                    longest = stop - at
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

    def phrase(self, word: str) -> str | None:
        return self.phrases.get(word) or None

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
_PHRASE_ENTRY_KEY = re.compile(r'"([^"]+)"\s*:\s*\[')


def _pieces(path: Path, between: bytes, size: int = 1 << 18) -> Iterator[str]:
    """The file's text about `size` bytes at a time, each piece cut before the last byte
    of `between` (what ends one entry and starts the next): a piece never splits an entry,
    and the import, which loads these tables beside a big text, never holds a whole
    file's text."""
    data = path.read_bytes()
    at = 0
    while at < len(data):
        end = data.find(between, at + size)
        end = len(data) if end < 0 else end + len(between) - 1
        yield data[at:end].decode("utf-8")
        at = end


@lru_cache(maxsize=1)
def readings() -> Readings:
    """pypinyin's data, read from its JSON files (made once, ~0.6 s, and kept in the
    temporary folder: archivegen/kept.py); from its own tables (imported: ~50 MB more)
    when the files are not the JSON this reads, as another pypinyin might ship."""
    try:
        folder = _package_dir()
        kept = kept_path("pinyin", _RECIPE, [folder / "pinyin_dict.json", folder / "phrases_dict.json"], ".txt")
        found = _read_kept(kept)
        if found is None:
            found = _from_files(folder)
            _keep(kept, found)
        return found
    except (OSError, ValueError, UnicodeError):
        return _from_tables()


# How the kept file is made: another recipe (or pypinyin's files) is another file.
_KEPT_FORMAT = "archivegen pinyin 1"
_RECIPE = repr((_KEPT_FORMAT, Packed.BUCKET, _CHAR_ENTRY.pattern, _PHRASE_ENTRY.pattern, _FIRST_OF_EACH.pattern,
                _PHRASE_ENTRY_KEY.pattern, sorted(_TONELESS.items()), _TWO_POINT_MARKS))


def _read_kept(path: Path) -> Readings | None:
    found = read_kept(path, _KEPT_FORMAT)
    if found is None:
        return None
    numbers, body = found
    try:
        char_chunks, char_size, phrase_chunks, phrase_size, phrase_count = numbers
        chunks = body.decode("utf-8").split("\n")
        if len(chunks) != char_chunks + phrase_chunks:
            return None
        return Readings(Packed.of_chunks(chunks[:char_chunks], char_size),
                        Packed.of_chunks(chunks[char_chunks:], phrase_size), phrase_count)
    except (ValueError, UnicodeError):
        return None


def _keep(path: Path, data: Readings) -> None:
    chunks = data.chars.chunks() + data.phrases.chunks()
    if any("\n" in c for c in chunks):      # one chunk a line: a key with a line break is never kept
        return
    keep(path, _KEPT_FORMAT, [len(data.chars.chunks()), len(data.chars), len(data.phrases.chunks()),
                              len(data.phrases), data.phrase_count], "\n".join(chunks).encode("utf-8"))


def _from_files(folder: Path) -> Readings:
    chars_file, phrases_file = folder / "pinyin_dict.json", folder / "phrases_dict.json"
    chars = Packed(chars_file.stat().st_size // 16)            # ~19 bytes an entry
    for piece in _pieces(chars_file, b'",\n"'):
        chars.add([(chr(int(code)), ",".join(map(toneless, value.split(","))))
                   for code, value in _CHAR_ENTRY.findall(piece)])
    phrases = Packed(phrases_file.stat().st_size // 27)        # ~54 bytes a phrase, and its prefixes
    keys = []                                                   # each piece's phrases, for their prefixes
    for piece in _pieces(phrases_file, b'\n],\n"'):
        phrases.add([(m.group(1), " ".join(map(toneless, _FIRST_OF_EACH.findall(m.group(2)))))
                     for m in _PHRASE_ENTRY.finditer(piece)])
        keys.append(_PHRASE_ENTRY_KEY.findall(piece))
    phrase_count = len(phrases)
    if not len(chars) or not phrase_count or sum(map(len, keys)) != phrase_count:
        raise ValueError("not pypinyin's JSON as this reads it")
    _add_prefixes(phrases, keys)
    return Readings(chars, phrases, phrase_count)


def _from_tables() -> Readings:
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    chars = Packed(len(PINYIN_DICT))
    chars.add([(chr(code), ",".join(map(toneless, value.split(",")))) for code, value in PINYIN_DICT.items()])
    phrases = Packed(2 * len(PHRASES_DICT))
    phrases.add([(p, " ".join(toneless(each[0]) for each in value)) for p, value in PHRASES_DICT.items()])
    _add_prefixes(phrases, [list(PHRASES_DICT)])
    return Readings(chars, phrases, len(PHRASES_DICT))


def _add_prefixes(phrases: Packed, batches: list[list[str]]) -> None:
    """Each prefix of a phrase that is not a phrase, marked "" (a phrase was added first,
    so it is the entry found)."""
    for batch in batches:
        prefixes = {p[:n] for p in batch for n in range(1, len(p))}
        phrases.add([(p, "") for p in sorted(prefixes) if phrases.get(p) is None])


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
            phrase = data.phrase(word)
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
    found = readings().chars.get(char) if _is_han(char) and len(char) == 1 else None
    return frozenset(found.split(",")) if found else frozenset()
