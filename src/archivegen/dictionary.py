"""jieba's dictionary, as both halves use it: loaded once per process, never changed.

jieba's module-level functions share one global dictionary that `add_word` changes for
everyone after. archivegen never adds to it: the build's topic tables (site/segment.py)
are made from `tokenizer()`, a jieba.Tokenizer over the unchanged dictionary, so two builds
in one process (mkdocs serve) segment alike, and a term deleted from the glossary leaves no
trace.

The import only asks whether a short string is a word: it reads jieba's dict.txt into two
ShortWords (words, and words tagged as people's names), 4 MB together, and never loads
jieba's tables (76 MB for the words, 48 MB more for the tags).
"""

from __future__ import annotations

import importlib.util
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from archivegen.kept import Chunked, keep, kept_path, read_kept

if TYPE_CHECKING:
    import jieba


def _jieba():
    # Imported on first use: the import never segments, and importing jieba (with the
    # pkg_resources it pulls in) costs a process ~14 MB and 0.2 s.
    import jieba
    jieba.setLogLevel(logging.WARNING)      # its "Building prefix dict" lines are not news
    return jieba


@lru_cache(maxsize=1)
def _loaded() -> jieba.Tokenizer:
    tk = _jieba().Tokenizer()
    tk.initialize()
    return tk


def tokenizer() -> jieba.Tokenizer:
    """A tokenizer of its own for one build, over jieba's dictionary as shipped.

    It shares the loaded (read-only) word table instead of copying it; nothing in
    archivegen calls add_word on it."""
    base = _loaded()
    tk = _jieba().Tokenizer(base.dictionary)
    tk.FREQ, tk.total, tk.initialized = base.FREQ, base.total, True
    return tk


def word_frequencies() -> dict[str, int]:
    """Word → frequency in jieba's dictionary (read-only)."""
    return _loaded().FREQ


class ShortWords(Chunked):
    """A set of short words (at most four characters), a few bytes a word; read-only once
    made (`set` is for making it).

    The import asks only whether a short string is a word (a stray traditional character,
    a decoding's plausibility, a speaker's name). jieba's own tables answer that with a
    dict of 500,000 strings, 76 MB (and 48 MB more for part-of-speech tags), which a big
    file's import would hold beside its text. Here the words are spread by their hash over
    buckets of about CHUNK words, each bucket one string with its words between NULs: a
    look-up is a hash and a substring search in a short string, at C speed. Words are
    added a batch at a time and each batch's share of a bucket joined at once, so building
    it never holds an object per word (the import builds it in the middle of cleaning a
    big file). A word's bucket is its CRC-32, the same in every process, so the sets made
    once are kept in a file that the next import reads back (_short_entries)."""

    MAX = 4
    CHUNK = 64

    def __init__(self, batches: Iterable[list[str]], expected: int) -> None:
        """`batches`: lists of words (a word may come twice); `expected`: about how many
        words in all (it sets the number of buckets)."""
        self._buckets = max(1, expected // self.CHUNK)
        parts: list[list[str]] = [[] for _ in range(self._buckets)]
        for words in batches:
            if words and (min(map(len, words)) < 1 or max(map(len, words)) > self.MAX
                          or "\0" in "".join(words)):
                raise ValueError(f"ShortWords holds words of 1 to {self.MAX} characters, without NUL")
            share: dict[int, list[str]] = {}
            for w in words:
                share.setdefault(_bucket(w, self._buckets), []).append(w)
            for b, ws in share.items():
                parts[b].append("\0".join(ws))
        self._chunks = ["\0" + "\0".join(p) + "\0" if p else "\0" for p in parts]
        self._size = 0
        repeated: set[str] = set()            # words given twice
        for chunk in self._chunks:
            items = chunk.split("\0")[1:-1]
            distinct = set(items)
            self._size += len(distinct)
            if len(distinct) != len(items):
                repeated |= {w for w, n in Counter(items).items() if n > 1}
        self.repeated = frozenset(repeated)

    def __contains__(self, word: str) -> bool:
        if not 0 < len(word) <= self.MAX:
            return False
        return f"\0{word}\0" in self._chunks[_bucket(word, self._buckets)]

    def _restored(self) -> None:
        self.repeated = frozenset()

    def set(self, word: str, present: bool) -> None:
        """Put a word in or take it out (while the set is made: a word's last line decides)."""
        had = word in self
        b = _bucket(word, self._buckets)
        chunk = self._chunks[b]
        while f"\0{word}\0" in chunk:
            chunk = chunk.replace(f"\0{word}\0", "\0")
        self._chunks[b] = chunk + word + "\0" if present else chunk
        self._size += present - had


def _bucket(word: str, buckets: int) -> int:
    # CRC-32, not hash(): the same bucket in every process, so the sets can be kept in a file
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % buckets


# lines of jieba's dict.txt: word, count, part-of-speech tag (jieba splits at single spaces,
# reads the count as an integer, and keeps a word's last line)
_LINE = r"^({}) ([0-9]+)(?: ([^ \n]*))?"
_POSITIVE = re.compile(r"^([^ \n]{1,4}) 0*[1-9]", re.M)
_ZERO = re.compile(r"^([^ \n]{1,4}) 0+(?![0-9])", re.M)
_NAME = re.compile(r"^([^ \n]{1,4}) [0-9]+ nr", re.M)
_SLICE = 1 << 20            # characters of dict.txt read at a time


def _slices(text: str) -> Iterator[str]:
    """`text` in slices of about _SLICE characters, each ending at a line's end."""
    at = 0
    while at < len(text):
        end = text.find("\n", min(at + _SLICE, len(text)))
        end = len(text) if end < 0 else end + 1
        yield text[at:end]
        at = end


@lru_cache(maxsize=1)
def _short_entries() -> tuple[ShortWords, ShortWords]:
    """Both sets, from the file they were kept in (archivegen/kept.py: the system's
    temporary folder, as jieba keeps its own tables) or made from jieba's dict.txt and kept
    there. Making them takes ~1 s, and an import made them in each of its processes (the
    parent and every worker) even when it looked up a few dozen words; reading the file
    takes ~20 ms, and dict.txt is read too (~15 ms) for the name the file is kept under."""
    source = dict_path()
    kept = kept_path("shortwords", _RECIPE, [source], ".txt")
    found = _read_kept(kept)
    if found is not None:
        return found
    made = _made_from(source.read_bytes().decode("utf-8"))
    _keep(kept, made)
    return made


def dict_path() -> Path:
    """jieba's shipped dict.txt (what jieba.Tokenizer().get_dict_file() opens), found
    without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed (pip install -e .)")
    return Path(spec.origin).parent / "dict.txt"


def _made_from(text: str) -> tuple[ShortWords, ShortWords]:
    # Read from jieba's shipped dict.txt as jieba reads it: its tables are never loaded.
    # Each kind of line is found by a regular expression, a slice of the file at a time.
    lines = text.count("\n") + 1
    words = ShortWords((_POSITIVE.findall(part) for part in _slices(text)), lines)
    names = ShortWords((_NAME.findall(part) for part in _slices(text)), lines // 4)
    # a word on two lines, or with a count of 0: jieba keeps its last line
    for w in sorted(words.repeated | set(_ZERO.findall(text))):
        _, count, tag = re.findall(_LINE.format(re.escape(w)), text, re.M)[-1]
        words.set(w, bool(count.strip("0")))
        names.set(w, tag.startswith("nr"))
    return words, names


# The kept file: its chunks of the words, then of the names, one a line (a word never holds
# a line break). Its name carries a hash of dict.txt's bytes and of how the sets are made
# from them (kept.py): another jieba, or a change to the rules below, finds no file.
_KEPT_FORMAT = "archivegen short words 2"
_RECIPE = repr((_KEPT_FORMAT, ShortWords.MAX, ShortWords.CHUNK, _POSITIVE.pattern, _ZERO.pattern,
                _NAME.pattern, _LINE))


def _read_kept(path: Path) -> tuple[ShortWords, ShortWords] | None:
    """The sets kept in `path`, or None (no file, another format, damaged: made again)."""
    found = read_kept(path, _KEPT_FORMAT)
    if found is None:
        return None
    numbers, body = found
    try:
        n_words, size_words, n_names, size_names = numbers
        chunks = body.decode("utf-8").split("\n")
        if len(chunks) != n_words + n_names:
            return None
        return (ShortWords.of_chunks(chunks[:n_words], size_words),
                ShortWords.of_chunks(chunks[n_words:], size_names))
    except (ValueError, UnicodeError):
        return None


def _keep(path: Path, sets: tuple[ShortWords, ShortWords]) -> None:
    words, names = sets
    body = "\n".join(words.chunks() + names.chunks()).encode("utf-8")
    keep(path, _KEPT_FORMAT, [len(words.chunks()), len(words), len(names.chunks()), len(names)], body)


def short_words() -> ShortWords:
    """The words of at most four characters in jieba's dictionary (a count above 0):
    what `word_frequencies().get(w, 0) > 0` says, without loading jieba's tables."""
    return _short_entries()[0]


def short_person_names() -> ShortWords:
    """The words of at most four characters jieba's dictionary tags as a person's name
    (nr…): what jieba.posseg's `word_tag_tab.get(w, "").startswith("nr")` says."""
    return _short_entries()[1]


def reset_global() -> None:
    """Give jieba's global tokenizer its shipped dictionary back.

    Material's own search plugin (`search: material`) segments with jieba's global
    tokenizer and adds our user dictionary to it on every build; without this reset a
    term deleted from the glossary would stay a word until the process ends."""
    base = _loaded()
    dt = _jieba().dt
    dt.FREQ = dict(base.FREQ)
    dt.total = base.total
    dt.user_word_tag_tab = {}
    dt.initialized = True
