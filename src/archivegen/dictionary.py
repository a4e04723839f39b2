"""jieba's dictionary, as both halves use it: loaded once per process, never changed.

jieba's module-level functions share one global dictionary that `add_word` changes for
everyone after. archivegen never adds to it: each build segments with `tokenizer()`, a
jieba.Tokenizer over the unchanged dictionary, so two builds in one process (mkdocs serve)
segment alike, and a term deleted from the glossary leaves no trace.
"""

from __future__ import annotations

import logging
from functools import lru_cache

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
