"""The import's short-word sets (dictionary.ShortWords) answer exactly as jieba's own tables."""

import jieba.posseg
import pytest

from archivegen.dictionary import ShortWords, short_person_names, short_words, word_frequencies


def test_short_words_are_jiebas_words_of_four_characters_or_fewer():
    freq = word_frequencies()
    words = short_words()
    # every string jieba's table knows (words and their prefixes), and strings it does not
    asked = [w for w in freq if len(w) <= ShortWords.MAX]
    asked += [w + "丨" for w in asked[:20000] if len(w) < ShortWords.MAX] + ["丨", "x", "首创性" * 2, ""]
    wrong = [w for w in asked if (w in words) != (freq.get(w, 0) > 0)]
    assert not wrong, wrong[:10]
    assert len(words) == sum(1 for w, n in freq.items() if n > 0 and len(w) <= ShortWords.MAX)


def test_short_person_names_are_jiebas_nr_words():
    tags = jieba.posseg.dt.word_tag_tab
    names = short_person_names()
    asked = {w for w in list(tags) + list(word_frequencies()) if len(w) <= ShortWords.MAX}
    wrong = [w for w in asked if (w in names) != tags.get(w, "").startswith("nr")]
    assert not wrong, wrong[:10]
    assert "习近平" in names and "首创" not in names


def test_short_words_hold_any_characters_and_refuse_long_words():
    astral = "\U00020000\U00020001"           # CJK Extension B: two UTF-16 units a character
    words = ShortWords(["中国", astral, "a", "𠀀"])
    assert {"中国", astral, "a", "𠀀"} == {w for w in ["中国", astral, "a", "𠀀", "中", "国", "中国人"] if w in words}
    assert len(words) == 4 and "中国人民" not in words
    with pytest.raises(ValueError):
        ShortWords(["中华人民共和国"])
    with pytest.raises(ValueError):
        ShortWords(["中\0国"])
    assert "" not in ShortWords([]) and len(ShortWords([])) == 0
