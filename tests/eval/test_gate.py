"""Evaluation gate, part 2 (in the style of trafilatura's): for each case, text that must
survive cleaning and text that must go. Scores have floors; dropping below one fails.

Cases: hand-written page shapes (cases/*.yaml), the seed files' listed noise, and the
real pages of shared/corpora/cctv-news-2024-01 (story text from the page's own story
container, which the cleaner is never told about).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from archivegen.ingest.clean import clean
from archivegen.ingest.decode import decode_bytes
from tests.conftest import CORPUS, CORPUS_SIZE, seed_files

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
KEEP_FLOOR = 1.0      # fidelity first: every sentence that must survive does
DROP_FLOOR = 0.95     # noise: at most one in twenty pieces may be left

# (the seeds' half-width punctuation inside Chinese text is restored to full-width)
SEED_NOISE = {
    "000": (["彭浦新 村", "检验主题教育\n\n的实际成效"], ["静安区彭浦新村街道", "检验主题教育的实际成效"]),
    "001": (["当前位置", "admin3个月前", "相关文章", "奥地利总统", "免费网站在线观看"],
            ["今天（9月18日），上海市委书记陈吉宁用一整天时间", "市领导吴伟、陈金山、华源参加相关活动。", "（本文图片 陈正宝 摄）"]),
    "002": (["(ren)", "(zhong)", "习大大"], ["区人大常委会主任程绣明", "学习贯彻习近平总书记重要讲话精神"]),
    "003": (["■", "首創性", "新建公\n"], ["新建公共停车位完成进度全市第一", "首创性改革", "保障国家安全的高度"]),
    "004": (["......", "(上接第4版)", "本文标题", "链接地址", "版权声明", "微信订阅号", "微信扫一扫"],
            ["（三）城市治理精细高效，彰显魅力品质", "2024年浦东新区经济社会发展的主要预期目标是"]),
}


def _score(text: str, keep: list[str], drop: list[str]) -> tuple[int, int, int, int]:
    squashed = text
    kept = sum(1 for k in keep if k in squashed)
    dropped = sum(1 for d in drop if d not in squashed)
    return kept, len(keep), dropped, len(drop)


def _cases():
    for path in CASES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield case


class Tally:
    kept = keep_total = dropped = drop_total = 0

    def add(self, s):
        self.kept += s[0]
        self.keep_total += s[1]
        self.dropped += s[2]
        self.drop_total += s[3]

    @property
    def keep_score(self):
        return self.kept / self.keep_total if self.keep_total else 1.0

    @property
    def drop_score(self):
        return self.dropped / self.drop_total if self.drop_total else 1.0


def test_hand_written_cases():
    tally = Tally()
    failures = []
    for case in _cases():
        out = clean(decode_bytes(case["text"].encode("utf-8"))).text
        s = _score(out, case.get("keep", []), case.get("drop", []))
        tally.add(s)
        for phrase, n in (case.get("count") or {}).items():
            if out.count(phrase) != n:
                failures.append(f"{case['name']}: {phrase!r} appears {out.count(phrase)} times, want {n}")
        missing = [k for k in case.get("keep", []) if k not in out]
        if missing:
            failures.append(f"{case['name']}: lost {missing}")
    print(f"hand-written cases: keep {tally.keep_score:.3f}, drop {tally.drop_score:.3f}")
    assert tally.keep_score >= KEEP_FLOOR, failures
    assert tally.drop_score >= DROP_FLOOR, failures
    assert not failures, failures


def test_seed_noise():
    tally = Tally()
    for prefix, (drop, keep) in SEED_NOISE.items():
        path = next(p for p in seed_files() if p.name.startswith(prefix))
        out = clean(decode_bytes(path.read_bytes())).text
        tally.add(_score(out, keep, drop))
    print(f"seed noise: keep {tally.keep_score:.3f}, drop {tally.drop_score:.3f}")
    assert tally.keep_score >= KEEP_FLOOR
    assert tally.drop_score == 1.0


STORY = re.compile(r'<div class="content_area" id="content_area">(.*?)</div>', re.S)
BRIEF = re.compile(r'<div class="video_brief">(.*?)</div>', re.S)


def _story_sentences(html: str) -> list[str]:
    m = STORY.search(html)
    body = m.group(1) if m and m.group(1).strip() else ""
    text = unescape(re.sub(r"<[^>]+>", "\n", body))
    sentences = [s.strip() for line in text.split("\n") for s in re.findall(r"[^。！？]+[。！？]", line)]
    return [re.sub(r"\s+", " ", s) for s in sentences if len(s.strip()) >= 8]


def test_cctv_corpus_pages():
    tally = Tally()
    lost = []
    pages = sorted(CORPUS.glob("*.shtml"))
    assert len(pages) == CORPUS_SIZE, CORPUS
    for path in pages:
        raw = path.read_bytes()
        out = re.sub(r"\s+", " ", clean(decode_bytes(raw)).text)
        keep = _story_sentences(raw.decode("utf-8"))
        drop = ["责任编辑", "编辑：", "版权所有", "央视网首页", "热播榜", "全部评论"]
        s = _score(out, keep, drop)
        tally.add(s)
        if s[0] < s[1]:
            lost.append(path.name)
    print(f"cctv corpus ({len(pages)} pages): keep {tally.keep_score:.4f} of {tally.keep_total} sentences, "
          f"drop {tally.drop_score:.4f} of {tally.drop_total} furniture lines")
    assert tally.keep_score >= 0.999, lost[:5]
    assert tally.drop_score >= DROP_FLOOR


def test_cctv_corpus_imports_without_error():
    """Every page goes through the whole import (decode, clean, split, describe) and
    becomes a titled, dated document whose body is the story."""
    from archivegen.ingest.run import plan_import

    pages = sorted(CORPUS.glob("*.shtml"))
    plan = plan_import([(p.name, p.read_bytes()) for p in pages])
    assert len(plan.sources) == CORPUS_SIZE
    for sp in plan.sources:
        assert sp.descriptions, sp.name
        for d, seg in zip(sp.descriptions, sp.segments):
            body = sp.cleaned.text[d.body_start:seg.end]
            assert d.title and not d.title.startswith("[视频]"), sp.name
            assert d.year == 2024, sp.name
            assert len(body) >= 20 and "责任编辑" not in body, sp.name
