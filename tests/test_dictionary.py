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
    words = ShortWords([["中国", astral], ["a", "𠀀", "中国"]], 4)
    assert {"中国", astral, "a", "𠀀"} == {w for w in ["中国", astral, "a", "𠀀", "中", "国", "中国人"] if w in words}
    assert len(words) == 4 and "中国人民" not in words and words.repeated == {"中国"}
    words.set("中国", False)
    words.set("中国人", True)
    assert "中国" not in words and "中国人" in words and len(words) == 4
    with pytest.raises(ValueError):
        ShortWords([["中华人民共和国"]], 1)
    with pytest.raises(ValueError):
        ShortWords([["中\0国"]], 1)
    assert "" not in ShortWords([], 0) and len(ShortWords([], 0)) == 0


def test_short_words_of_many_buckets_and_batches():
    words = [f"{chr(0x4e00 + i % 500)}{chr(0x4e00 + i // 500)}" for i in range(20000)]
    built = ShortWords([words[i:i + 777] for i in range(0, len(words), 777)], len(words))
    assert len(built) == 20000 and all(w in built for w in words)
    assert not any(w + "甲" in built or w[::-1] + "乙" in built for w in words[:2000])
