"""archivegen.pinyin gives pypinyin's answers, read from pypinyin's data without its tables.

Held to pypinyin itself (installed with archivegen): every character and phrase it knows,
the titles of real documents, and random strings made of phrases, prefixes of phrases,
characters and other text, which reach every branch of the longest-match cut."""

from __future__ import annotations

import json
import random
import re

import pytest
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from archivegen import pinyin as ours
from archivegen.slug import slugify
from tests.conftest import ROOT, SHARED


def alnum(s: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", s)


def theirs(text: str, errors) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, errors=errors)


def test_every_character_and_phrase_reads_as_pypinyin_reads_it():
    data = ours.readings()
    assert len(data.chars) == len(PINYIN_DICT) and data.phrase_count == len(PHRASES_DICT)
    wrong = [ch for ch in map(chr, PINYIN_DICT)
             if ours.lazy_normal(ch, alnum) != theirs(ch, alnum)
             or ours.lazy_normal(ch) != theirs(ch, "default")]
    wrong += [p for p in PHRASES_DICT if ours.lazy_normal(p, alnum) != theirs(p, alnum)]
    assert wrong == []


def test_every_reading_of_a_character():
    def expected(ch):
        return frozenset(r.replace("ü", "v") for group in
                         pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore") for r in group)
    wrong = [ch for ch in map(chr, PINYIN_DICT) if ours.char_readings(ch) != expected(ch)]
    assert wrong == []
    assert {"zhong", "chong"} <= ours.char_readings("重")
    assert ours.char_readings("A") == frozenset() and ours.char_readings("，") == frozenset()


def test_random_mixtures_cut_and_read_alike():
    rng = random.Random(20261130)
    phrases, chars = sorted(PHRASES_DICT), [chr(c) for c in sorted(PINYIN_DICT)]
    others = ["A1 ", "，", "2024年", "-", "ab", "〇", "\U00020001", "（", " ", "ê"]
    wrong = []
    for _ in range(6000):
        parts = []
        for _ in range(rng.randint(1, 6)):
            k = rng.random()
            if k < 0.4:
                parts.append(rng.choice(phrases))
            elif k < 0.6:                       # a phrase cut short: the prefix-only tails
                p = rng.choice(phrases)
                parts.append(p[:rng.randint(1, len(p))])
            elif k < 0.8:
                parts.append(rng.choice(chars))
            elif k < 0.9:
                parts.append(rng.choice(others))
            else:
                parts.append(rng.choice("的一是在不了有和人这中大为上个国我以要他"))
        s = "".join(parts)
        if ours.lazy_normal(s, alnum) != theirs(s, alnum) or ours.lazy_normal(s) != theirs(s, "default"):
            wrong.append(s)
    assert wrong == []


def _real_titles() -> list[str]:
    titles = []
    for md in sorted((ROOT / "content").rglob("*.md")):
        m = re.search(r"^title: (.+)$", md.read_text("utf-8"), re.M)
        if m:
            titles.append(m.group(1).strip("'\""))
    govcn = SHARED / "corpora" / "govcn-policies" / "truth.json"
    if govcn.is_file():
        titles += [t["title"] for t in json.loads(govcn.read_text("utf-8")).values()]
    newscn = SHARED / "corpora" / "newscn-speeches" / "speeches.json"
    if newscn.is_file():
        titles += [t["title"] for t in json.loads(newscn.read_text("utf-8"))]
    return titles


def test_slugs_of_real_titles_are_pypinyin_slugs():
    titles = _real_titles()
    assert len(titles) >= 10
    for title in titles:
        words = [w for w in (re.sub(r"[^a-z0-9]+", "", x.lower().replace("ü", "v"))
                             for x in theirs(title, alnum)) if w]
        assert slugify(title, max_words=50) == ("-".join(words[:50]) or "x"), title
    assert slugify("2024年浦东新区政府工作报告") == "2024-nian-pu-dong-xin-qu-zheng-fu"
    assert slugify("重庆市重要会议") == "chong-qing-shi-zhong-yao-hui-yi"


def test_an_empty_text_and_text_without_chinese():
    for s in ("", "ABC 123", "——", "ê"):
        assert ours.lazy_normal(s, alnum) == theirs(s, alnum)
        assert ours.lazy_normal(s) == theirs(s, "default")


def test_tone_marks_of_two_code_points():
    assert ours.toneless("m\u0304") == "m" and ours.toneless("ê\u030c") == "ê"
    assert ours.toneless("lǜ") == "lv" and ours.toneless("zhōng") == "zhong"


def test_pypinyin_is_not_loaded_to_make_a_slug():
    import subprocess
    import sys
    code = ("import sys; from archivegen.slug import slugify; slugify('重庆市'); "
            "from archivegen.site.pages.glossary import sort_key; sort_key('两旧一村'); "
            "print(any(m == 'pypinyin' or m.startswith('pypinyin.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("term, letter", [("两旧一村", "L"), ("“三农”", "S"), ("PPP模式", "P"), ("——", "#")])
def test_glossary_initials(term, letter):
    from archivegen.site.pages.glossary import initial
    assert initial(term) == letter


def test_pieces_of_a_data_file_never_split_an_entry():
    folder = ours._package_dir()
    for name, between in (("pinyin_dict.json", b'",\n"'), ("phrases_dict.json", b'\n],\n"')):
        path = folder / name
        pieces = list(ours._pieces(path, between, size=1000))
        assert len(pieces) > 100 and "".join(pieces) == path.read_text("utf-8")
        assert all(p.endswith(between[:-1].decode()) for p in pieces[:-1])
        assert all(p.startswith('"') for p in pieces[1:])


def test_packed_map():
    packed = ours.Packed(expected=300)
    packed.add([(f"词{i}", f"ci {i}") for i in range(200)])
    packed.add([("词7", "later"), ("前缀", "")])
    assert packed.get("词7") == "ci 7" and packed.get("词199") == "ci 199"
    assert packed.get("前缀") == "" and packed.get("词") is None and packed.get("词1999") is None
    assert len(packed) == 202


def test_without_the_data_files_pypinyin_tables_give_the_same_answers(tmp_path, monkeypatch):
    (tmp_path / "pinyin_dict.json").write_text('{"not": "the format"}', "utf-8")   # and no phrases file
    monkeypatch.setattr(ours, "_package_dir", lambda: tmp_path)
    ours.readings.cache_clear()
    try:
        data = ours.readings()
        assert len(data.chars) == len(PINYIN_DICT) and data.phrase_count == len(PHRASES_DICT)
        for s in ("重庆市重要会议", "2024年浦东新区政府工作报告", "一丁不识", "长江长", "ABC"):
            assert ours.lazy_normal(s, alnum) == theirs(s, alnum)
    finally:
        ours.readings.cache_clear()


def test_the_maps_are_kept_and_a_damaged_file_is_made_again(tmp_path, monkeypatch):
    kept = tmp_path / "pinyin.txt"
    monkeypatch.setattr(ours, "kept_path", lambda *a: kept)
    ours.readings.cache_clear()
    try:
        made = ours.readings()
        assert kept.is_file()
        ours.readings.cache_clear()
        again = ours.readings()                          # read back: the same maps
        assert again is not made
        assert again.chars.chunks() == made.chars.chunks() and again.phrases.chunks() == made.phrases.chunks()
        assert (len(again.chars), len(again.phrases), again.phrase_count) == \
            (len(made.chars), len(made.phrases), made.phrase_count)
        for s in ("重庆市重要会议", "2024年浦东新区政府工作报告", "一丁不识", "长江长"):
            assert ours.lazy_normal(s, alnum) == theirs(s, alnum)
        data = kept.read_bytes()
        head, _, body = data.partition(b"\n")
        for damaged in (data[: len(data) // 2], head.replace(b"pinyin_1", b"pinyin_0") + b"\n" + body,
                        head + b"\n" + body.replace(b"\n", b"", 1), b""):
            kept.write_bytes(damaged)
            assert ours._read_kept(kept) is None
            ours.readings.cache_clear()
            assert ours.readings().phrases.chunks() == made.phrases.chunks()
            assert ours._read_kept(kept) is not None     # made again and kept again
    finally:
        ours.readings.cache_clear()
