"""The import's short-word sets (dictionary.ShortWords) answer exactly as jieba's own tables."""

import tempfile

import jieba.posseg
import pytest

from archivegen.dictionary import ShortWords, short_person_names, short_words, word_frequencies
from archivegen.kept import kept_path


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


def test_the_sets_are_kept_in_a_file_read_back_as_made_and_made_again_when_damaged(tmp_path, monkeypatch):
    from archivegen import dictionary

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    dictionary._short_entries.cache_clear()
    made = dictionary._short_entries()
    (kept,) = tmp_path.glob("archivegen-shortwords-*.txt")
    sample = [w for w in word_frequencies() if len(w) <= ShortWords.MAX][::7] + ["丨", "x", "中国人民"]

    def same(a, b) -> bool:
        return (len(a[0]), len(a[1])) == (len(b[0]), len(b[1])) and a[0].chunks() == b[0].chunks() \
            and a[1].chunks() == b[1].chunks() and all((w in a[0], w in a[1]) == (w in b[0], w in b[1]) for w in sample)

    dictionary._short_entries.cache_clear()
    monkeypatch.setattr(dictionary, "_made_from", lambda text: pytest.fail("made again, not read"))
    read = dictionary._short_entries()
    assert same(read, made)

    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    good = kept.read_bytes()
    for damaged in (good[: len(good) // 2], good.replace("习近平".encode(), "习近干".encode(), 1), b"", b"\xff\xfe"):
        kept.write_bytes(damaged)
        dictionary._short_entries.cache_clear()
        assert same(dictionary._short_entries(), made)
        assert kept.read_bytes() == good                   # made again, and kept again
    # nowhere to keep them: made each time, the same
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "missing"))
    dictionary._short_entries.cache_clear()
    assert same(dictionary._short_entries(), made)
    dictionary._short_entries.cache_clear()


def test_the_kept_file_is_named_by_the_dictionary_not_by_where_it_is_installed(tmp_path, monkeypatch):
    # one file per jieba, shared by every virtualenv that has it; another dict.txt, another file
    from archivegen import dictionary

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    data = dictionary.dict_path().read_bytes()
    elsewhere, changed = tmp_path / "a" / "dict.txt", tmp_path / "b" / "dict.txt"
    for path, body in ((elsewhere, data), (changed, data.replace("习近平".encode(), "习近干".encode(), 1))):
        path.parent.mkdir()
        path.write_bytes(body)

    def kept(source):
        return kept_path("shortwords", dictionary._RECIPE, [source], ".txt")

    installed = kept(dictionary.dict_path())
    assert installed == kept(elsewhere)
    assert installed != kept(changed)
    assert installed.parent == tmp_path
    assert installed != kept_path("shortwords", dictionary._RECIPE + "x", [elsewhere], ".txt")
