"""jieba's dictionary, as both halves use it: loaded once per process, never changed.

jieba's module-level functions share one global dictionary that `add_word` changes for
everyone after. archivegen never adds to it: each build segments with `tokenizer()`, a
jieba.Tokenizer over the unchanged dictionary, so two builds in one process (mkdocs serve)
segment alike, and a term deleted from the glossary leaves no trace.

The import only asks whether a short string is a word: it reads jieba's dict.txt into two
ShortWords (words, and words tagged as people's names), 4 MB together, and never loads
jieba's tables (76 MB for the words, 48 MB more for the tags).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

import jieba

jieba.setLogLevel(logging.WARNING)      # its "Building prefix dict" lines are not news


@lru_cache(maxsize=1)
def _loaded() -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def tokenizer() -> jieba.Tokenizer:
    """A tokenizer of its own for one build, over jieba's dictionary as shipped.

    It shares the loaded (read-only) word table instead of copying it; nothing in
    archivegen calls add_word on it."""
    base = _loaded()
    tk = jieba.Tokenizer(base.dictionary)
    tk.FREQ, tk.total, tk.initialized = base.FREQ, base.total, True
    return tk


def word_frequencies() -> dict[str, int]:
    """Word → frequency in jieba's dictionary (read-only)."""
    return _loaded().FREQ


class ShortWords:
    """A read-only set of short words (at most four characters), a few bytes a word.

    The import asks only whether a short string is a word (a stray traditional character,
    a decoding's plausibility, a speaker's name). jieba's own tables answer that with a
    dict of 500,000 strings, 76 MB (and 48 MB more for part-of-speech tags), which a big
    file's import would hold beside its text. Here the words, ordered by their hash, are
    cut into chunks of about CHUNK, each one string with the words between NULs. A look-up
    is a hash, a bisection over the chunks' first hashes and a substring search in a short
    string, all at C speed, and so is building it (no Python loop per word). Python's hash
    seed changes which chunk a word lands in, never whether it is in the set."""

    MAX = 4
    CHUNK = 64

    def __init__(self, words: Iterable[str]) -> None:
        # (built with no object per word beyond the words themselves: the import loads it
        # in the middle of cleaning a big file)
        ordered = words if isinstance(words, list) else list(words)
        ordered.sort(key=hash)
        if ordered and (min(map(len, ordered)) < 1 or max(map(len, ordered)) > self.MAX):
            raise ValueError(f"ShortWords holds words of 1 to {self.MAX} characters")
        self._firsts: list[int] = []          # the first hash of each chunk
        self._chunks: list[str] = []
        start = 0
        while start < len(ordered):
            end = min(start + self.CHUNK, len(ordered))
            while end < len(ordered) and hash(ordered[end]) == hash(ordered[end - 1]):
                end += 1                      # words of one hash share a chunk
            self._firsts.append(hash(ordered[start]))
            self._chunks.append("\0" + "\0".join(ordered[start:end]) + "\0")
            start = end
        if sum(c.count("\0") for c in self._chunks) != len(ordered) + len(self._chunks):
            raise ValueError("ShortWords holds words without NUL")
        # a word given twice is in its chunk twice: harmless, but not counted twice
        self._size = sum(len(set(c.split("\0"))) - 1 for c in self._chunks)

    def __contains__(self, word: str) -> bool:
        if not 0 < len(word) <= self.MAX:
            return False
        i = bisect_right(self._firsts, hash(word)) - 1
        return i >= 0 and f"\0{word}\0" in self._chunks[i]

    def __len__(self) -> int:
        return self._size


# lines of jieba's dict.txt: word, count, part-of-speech tag (jieba splits at single spaces,
# reads the count as an integer, and keeps a word's last line)
_LINE = r"^({}) ([0-9]+)(?: ([^ \n]*))?"
_POSITIVE = re.compile(r"^([^ \n]{1,4}) 0*[1-9]", re.M)
_ZERO = re.compile(r"^([^ \n]{1,4}) 0+(?![0-9])", re.M)
_NAME = re.compile(r"^([^ \n]{1,4}) [0-9]+ nr", re.M)


@lru_cache(maxsize=1)
def _short_entries() -> tuple[ShortWords, ShortWords]:
    # Read from jieba's shipped dict.txt as jieba reads it: its tables are never loaded.
    # Each kind of line is found by one regular expression (C speed, no object per line).
    with jieba.Tokenizer().get_dict_file() as fh:
        text = fh.read().decode("utf-8")
    words, names = _POSITIVE.findall(text), _NAME.findall(text)
    words.sort(key=hash)
    # a word on two lines, or with a count of 0: jieba keeps its last line
    again = {a for a, b in zip(words, islice(words, 1, None)) if a == b} | set(_ZERO.findall(text))
    if again:
        last = {w: re.findall(_LINE.format(re.escape(w)), text, re.M)[-1] for w in sorted(again)}
        words = [x for x in words if x not in last] + [w for w, (_, count, _) in last.items() if count.strip("0")]
        names = [x for x in names if x not in last] + [w for w, (_, _, tag) in last.items() if tag.startswith("nr")]
    del text
    return ShortWords(words), ShortWords(names)


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
    jieba.dt.FREQ = dict(base.FREQ)
    jieba.dt.total = base.total
    jieba.dt.user_word_tag_tab = {}
    jieba.dt.initialized = True
