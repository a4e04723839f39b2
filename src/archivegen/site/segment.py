"""A document's topic words as jieba finds them, without loading jieba's tables.

The tag stage asks of every document which nouns jieba's dictionary finds in its first
characters, and how salient each is by jieba's IDF table (tags.salient_words). Asking jieba
itself cost each worker ~2.6 s before its first document (its prefix dictionary, then
jieba.posseg's tag table and jieba.analyse's IDF table, ~150 MB), and its
`Tokenizer.cut(text, HMM=False)` spent most of its time building a dict of lists (the DAG)
and a dict of tuples (the route) for every block of the text.

TopicTables holds only what that question needs, made once from jieba's own tables and kept
in a file in the temporary folder, as dictionary.py keeps its short words:

- every word and every prefix of a word in jieba's dictionary → the word's log probability
  as jieba's `calc` computes it (None for a prefix that is not a word);
- the words jieba.posseg tags with a topic part of speech → their IDF (None: not in the
  IDF table, which then gives its median).

`topic_words` cuts the Chinese blocks of a text as `cut(HMM=False)` does, in one pass from a
block's end (the same sums, in the same order, the same ties), and yields the words a topic
can be. tests/site/test_segment.py holds it to jieba over every corpus.
"""

from __future__ import annotations

import importlib.util
import marshal
import re
from collections.abc import Iterator
from functools import lru_cache
from math import log
from pathlib import Path

from archivegen.kept import keep, kept_path, read_kept

# jieba.re_han_default and jieba.re_eng (jieba 0.42), copied so a worker need not import
# jieba (the test checks they are still jieba's).
HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
ASCII_CHAR = re.compile("[a-zA-Z0-9]", re.U)

_FORMAT = "archivegen topic tables 1"
_MISSING = object()


class TopicTables:
    def __init__(self, prefixes: dict[str, float | None], topic_idf: dict[str, float | None],
                 log_total: float, median_idf: float) -> None:
        self.prefixes = prefixes            # word or prefix → log(count) - log(total), None: prefix only
        self.topic_idf = topic_idf          # topic word → its IDF, None: the median
        self.lone = log(1) - log_total      # a character no word starts with (jieba's `or 1`)
        self.median_idf = median_idf

    def idf(self, word: str) -> float:
        found = self.topic_idf[word]
        return self.median_idf if found is None else found

    def topic_words(self, text: str) -> Iterator[str]:
        """The words of `text` that jieba's `Tokenizer.cut(text, HMM=False)` yields, of two
        characters or more, that jieba.posseg tags with a topic part of speech. Only the
        Chinese blocks are cut: the rest yields single characters and white space."""
        topic = self.topic_idf
        for block in HAN_BLOCK.split(text):
            if block and HAN_BLOCK.match(block):
                for word in self.cut_block(block):
                    if len(word) >= 2 and word in topic:
                        yield word

    def cut_block(self, block: str) -> Iterator[str]:
        """jieba's __cut_DAG_NO_HMM: the most probable path through the block's words
        (the best score from each position, computed from the end; among equal scores
        the longer word), then runs of single ASCII letters and digits joined."""
        prefixes, lone = self.prefixes, self.lone
        n = len(block)
        score = [0.0] * (n + 1)
        ends = [0] * n
        for start in range(n - 1, -1, -1):
            best, end = None, start
            stop = start
            frag = block[start]
            while (lp := prefixes.get(frag, _MISSING)) is not _MISSING:
                if lp is not None:
                    here = lp + score[stop + 1]
                    if best is None or here >= best:      # a tie goes to the longer word
                        best, end = here, stop
                stop += 1
                if stop >= n:
                    break
                frag = block[start:stop + 1]
            if best is None:
                best = lone + score[start + 1]
            score[start] = best
            ends[start] = end + 1
        at, run = 0, ""
        while at < n:
            to = ends[at]
            word = block[at:to]
            if to - at == 1 and ASCII_CHAR.match(word):
                run += word
            else:
                if run:
                    yield run
                    run = ""
                yield word
            at = to
        if run:
            yield run


@lru_cache(maxsize=1)
def topic_tables() -> TopicTables:
    """The tables, from the kept file (archivegen/kept.py) or made from jieba (~4 s) and kept."""
    kept = _kept_file()
    found = _read_kept(kept)
    if found is None:
        found = _made_from_jieba()
        keep(kept, _FORMAT, [], marshal.dumps(found))
    return TopicTables(*found)


def _kept_file() -> Path:
    """Named by jieba's dictionary and IDF table and by the recipe: another jieba, or
    another set of topic tags, finds no file and makes its own."""
    from archivegen.site.tags import TOPIC_POS

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed (pip install -e .)")
    folder = Path(spec.origin).parent
    recipe = repr((_FORMAT, TOPIC_POS, HAN_BLOCK.pattern, ASCII_CHAR.pattern))
    return kept_path("topictables", recipe, [folder / "dict.txt", folder / "analyse" / "idf.txt"], ".bin")


def _read_kept(path: Path) -> tuple | None:
    found = read_kept(path, _FORMAT)
    if found is None:
        return None
    try:
        tables = marshal.loads(found[1])
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(tables, tuple) and len(tables) == 4 and isinstance(tables[0], dict)
            and isinstance(tables[1], dict) and isinstance(tables[2], float) and isinstance(tables[3], float)):
        return None
    return tables


def prefix_table(freq: dict[str, int], total: int) -> tuple[dict[str, float | None], float]:
    """jieba's FREQ (a word's count; 0 for a prefix that is no word) as log probabilities,
    computed as its `calc` computes them: log(count) - log(total)."""
    log_total = log(total)
    return {w: (log(n) - log_total if n else None) for w, n in freq.items()}, log_total


def _made_from_jieba() -> tuple[dict[str, float | None], dict[str, float | None], float, float]:
    import jieba.analyse
    import jieba.posseg

    from archivegen.dictionary import tokenizer
    from archivegen.site.tags import TOPIC_POS

    tk = tokenizer()
    prefixes, log_total = prefix_table(tk.FREQ, tk.total)
    idf = jieba.analyse.default_tfidf.idf_freq
    topic_idf = {w: idf.get(w) for w, tag in jieba.posseg.dt.word_tag_tab.items()
                 if len(w) >= 2 and tag in TOPIC_POS}
    return prefixes, topic_idf, log_total, float(jieba.analyse.default_tfidf.median_idf)
