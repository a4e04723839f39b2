"""Pages saved as text: markup residue, pagination, saved copies, page furniture, template lines.

Real text where it may be copied: the State Council pages of tests/data/govcn-sample (their
committed text dumps) and the seed files. News pages may not be copied, so news-shaped cases
are written here by hand (their sentences are ours, their shape is a portal's).
"""

from __future__ import annotations

from archivegen.ingest.clean import RULES_BY_NAME
from archivegen.ingest.clean import run_rule as apply_rule
from archivegen.ingest.clean.base import Context
from archivegen.ingest.decode import Decoded, decode_bytes
from archivegen.ingest.run import process_source
from tests.conftest import ROOT

DUMPS = ROOT / "tests" / "data" / "govcn-sample" / "dumps"


def run_rule(name: str, text: str, html: bool = False) -> str:
    ctx = Context(Decoded(text, "utf-8", "lf", is_html=html))
    return apply_rule(RULES_BY_NAME[name], text, ctx)[1]


def dump(name: str) -> str:
    path = next(DUMPS.glob(name))
    return decode_bytes(path.read_bytes()).text


def cleaned(name: str) -> str:
    path = next(DUMPS.glob(name))
    return process_source(path.name, path.read_bytes()).cleaned.text


# ---------------------------------------------------------------- markup residue

def test_comments_tags_and_escapes_left_by_a_converter_go():
    text = ("<!-- 正文 start -->\n\n<p>为深入贯彻落实党中央决策部署，现提出如下意见。</p>\n\n"
            "<font face=\"宋体\">一、总体要求</font><br/>\n\n2019年1月27日 &amp;nbsp; &amp;nbsp;\n\n"
            "<!-- /enpcontent -->\n\n<!-- [if !IE]> --><![endif] -->\n")
    out = run_rule("markup_residue", text)
    assert "<" not in out and ">" not in out and "&amp;" not in out
    assert "为深入贯彻落实党中央决策部署，现提出如下意见。" in out
    assert "一、总体要求" in out and "2019年1月27日" in out


def test_a_comment_over_lines_and_an_unclosed_one():
    text = "正文第一段。\n<!-- 广告位\n已下线 -->\n正文第二段。\n<!-- 未闭合的注释\n正文第三段。"
    out = run_rule("markup_residue", text)
    assert out.split() == ["正文第一段。", "正文第二段。", "正文第三段。"]


def test_markdown_of_a_converter_keeps_the_words_of_links():
    text = ("# 国务院关于促进综合保税区高水平开放高质量发展的若干意见\n\n* [首页](http://www.gov.cn/)\n\n"
            "**索 引 号：**\n\n![](http://www.gov.cn/images/logo.gif)\n\n"
            "[赞 0](JavaScript:makeRequest('http://example.invalid/dig?a=1'))\n")
    out = run_rule("markup_residue", text)
    assert out.split("\n\n")[0] == "国务院关于促进综合保税区高水平开放高质量发展的若干意见"
    assert "首页" in out and "索 引 号：" in out and "赞 0" in out
    assert not any(m in out for m in ("**", "](", "![", "http", "# ", "* "))


def test_residue_is_left_alone_where_it_may_be_text():
    # a lone marker is no converter's hand; a comparison is no tag; a page's visible text is printed text
    plain = "增长率 a<b 时取**下限**，见《通知》。"
    assert run_rule("markup_residue", plain) == plain
    assert run_rule("markup_residue", "教程：写 <div> 和 </div> 包住正文。", html=True) == "教程：写 <div> 和 </div> 包住正文。"
