"""Pages saved as text: markup residue, pagination, saved copies, page furniture, template lines.

Real text where it may be copied: the State Council pages of tests/data/govcn-sample (their
committed text dumps) and the seed files. News pages may not be copied, so news-shaped cases
are written here by hand (their sentences are ours, their shape is a portal's).
"""

from __future__ import annotations

from archivegen.ingest.clean import RULES_BY_NAME
from archivegen.ingest.clean import run_rule as apply_rule
from archivegen.ingest.clean.base import Context
from archivegen.ingest.clean.pages import is_pagination
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


# ---------------------------------------------------------------- pagination and pages

def test_pagination_lines():
    for s in ("上一页 1 2 3 4 下一页", "第1页 共4页", "【1】【2】【3】", "1 2 下一页 余下全文",
              "上一页 1/3 下一页", "共4页: 上一页 1 2 3 4 下一页", "首页 上一页 1 2 3 下一页 尾页"):
        assert is_pagination(s), s
    for s in ("1/3", "1 2 3", "2019", "第一页", "上一页", "会议指出，下一页工作要抓紧。"):
        assert not is_pagination(s), s
    assert is_pagination("1" * 3000) is False          # long digit runs: no backtracking


def test_a_multi_page_save_becomes_one_text():
    """govcn-55 saved page after page: the pagination lines and the chrome between the
    parts go (the first page's own frame is left to the block rules); the issuer and the
    date the text prints, which the chrome's info table prints too, stay."""
    raw = dump("govcn-55.multipage.*")
    out = run_rule("pagination", raw)
    assert raw.count("索 引 号") == 4 and out.count("索 引 号") == 1
    assert "上一页" not in out and "扫一扫在手机打开当前页" not in out
    assert "国务院\n2018年11月20日\n（此件公开发布）" in out and "洪天云 扶贫办副主任" in out


def test_one_page_saved_twice_is_not_two_pages():
    page = "\n".join(["首页 > 要闻", "某标题", "正文第一句，内容完整。", "【1】【2】【3】", "版权所有"])
    out = run_rule("pagination", page + "\n\n" + page)
    assert out.count("正文第一句，内容完整。") == 2 and "【1】" not in out


# ---------------------------------------------------------------- saved copies

def test_saved_twice_and_three_times_keeps_one_copy():
    for name in ("govcn-01.saved2x.*", "govcn-45.saved2x.*"):
        raw, out = dump(name), cleaned(name)
        sentence = next(x for x in raw.split("\n") if len(x) > 40)
        assert raw.count(sentence) >= 2 and out.count(sentence) == 1, name


def test_copies_with_chrome_between_and_new_text_in_a_copy():
    body = [f"第{i}段，这是一段足够长的正文内容，用来检测同一页面被保存两次的情况，只保留第一份。" for i in range(5)]
    chrome = ["首页", "新闻中心", "版权所有"]
    copy = body[:3] + ["这是只在第二份里出现的一句新话，必须留下，不能当作副本删去。"] + body[3:]
    text = "\n".join(chrome + body + chrome + chrome + copy + chrome)
    out = run_rule("saved_copies", text)
    assert all(out.count(b) == 1 for b in body)
    assert "这是只在第二份里出现的一句新话" in out


def test_a_compilation_quoting_the_same_paragraphs_is_not_a_copy():
    shared = [f"共同引用的第{i}段，两份报告都照录了上级文件中的这一段原文，文字完全相同，不能删去。" for i in range(3)]
    a = [f"甲区报告第{i}段，讲甲区自己的工作安排和目标任务，内容各不相同。" for i in range(8)]
    b = [f"乙区报告第{i}段，讲乙区自己的工作安排和目标任务，内容各不相同。" for i in range(8)]
    text = "\n".join(shared + a + shared + b)
    assert run_rule("saved_copies", text) == text


# ---------------------------------------------------------------- related box above the story

def test_a_related_box_above_the_story_does_not_take_the_story():
    text = "\n".join(["相关新闻：", "别处的一条新闻标题", "另一条新闻标题",
                      *[f"正文第{i}段，记者了解到，这项工作已经全面铺开，各方面反响良好，后续还将继续推进。" for i in range(5)],
                      "相关文章", "别的文章", "别的文章的摘要..."])
    out = run_rule("related", text)
    assert "正文第4段" in out and "别的文章的摘要" not in out
