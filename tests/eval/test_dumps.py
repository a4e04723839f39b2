"""The text-dump generators: deterministic, faithful to the page, and the committed
synthetic cases (tests/data/govcn-sample/dumps) are what the generators make today."""

from __future__ import annotations

import json
import re

import pytest

from tests.eval.corpora import GOVCN_SAMPLE, GovPage
from tests.eval.dumps import KINDS, decode_page, govcn_variants, html2text, innertext, pagination, read_dumps
from tests.eval.metrics import Overlap


@pytest.fixture(scope="module")
def sample_pages() -> list[GovPage]:
    truth = json.loads((GOVCN_SAMPLE / "truth.json").read_text(encoding="utf-8"))
    return [GovPage(n, (GOVCN_SAMPLE / "pages" / n).read_bytes(), truth[n]) for n in sorted(truth)]


@pytest.fixture(scope="module")
def variants(sample_pages):
    return govcn_variants(sample_pages)


def test_committed_dumps_are_current(sample_pages, variants):
    committed = {v.name: v.data for v in read_dumps(GOVCN_SAMPLE / "dumps", sample_pages)}
    assert committed == {v.name: v.data for v in variants}, \
        "regenerate with: python -m tests.eval.dumps --write-sample"
    assert len(sample_pages) <= 8


def test_deterministic(sample_pages, variants):
    assert [v.data for v in govcn_variants(sample_pages)] == [v.data for v in variants]


def test_every_kind_meets_every_encoding(variants):
    assert {v.kind for v in variants} == set(KINDS)
    assert {v.encoding for v in variants} >= {"utf-8", "utf-8-sig", "gb18030", "gbk"}
    for v in variants:
        text = v.data.decode(v.encoding)
        assert ("\r\n" in text) == (v.newline == "\r\n"), v.name
        assert v.data.startswith(b"\xef\xbb\xbf") == (v.encoding == "utf-8-sig"), v.name


def _text(v) -> str:
    return v.data.decode(v.encoding).replace("\r\n", "\n")


def test_dumps_hold_the_whole_article(variants):
    for v in variants:
        # every character of the reference is in the dump; the chrome is extra
        assert Overlap.of(_text(v), v.truth["clean_text"]).recall >= 0.99, v.name


def test_kinds_look_like_what_they_imitate(variants):
    for v in variants:
        text = _text(v)
        assert "<script" not in text and "function(" not in text, v.name
        if v.kind == "saved2x":
            first = text.split("\n", 1)[0]
            assert text.count(first) in (2, 3), v.name
        if v.kind == "multipage":
            lines = [x for x in text.split("\n") if x.startswith("上一页 ")]
            assert 2 <= len(lines) <= 4 and lines[0] == pagination(len(lines)), v.name
        if v.kind == "html2text":
            assert re.search(r"^\*\*|^!\[|^\[|^#", text, re.M), v.name


def test_html2text_markers_and_residue():
    html = ("<html><body><!-- nav start --><ul><li><a href='/a'>首页</a></li></ul><h2>标题</h2>"
            "<p>正文<b>重点</b>&nbsp;<font color=red>红字</font><a href='/x'>链接</a>结束。</p>"
            "<img src='p.jpg' alt='图'><script>x()</script></body></html>")
    out = html2text(html)
    assert "<!-- nav start -->" in out and "* [首页](/a)" in out and "## 标题" in out
    assert "正文**重点**&nbsp;<font color=red>红字</font>链接结束。" in out
    assert "![图](p.jpg)" in out and "x()" not in out
    assert innertext(html).split("\n")[:3] == ["首页", "标题", "正文重点 红字链接结束。"]
    assert decode_page("页".encode("utf-8-sig")) == "页"
