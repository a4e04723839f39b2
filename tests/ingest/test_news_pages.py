"""News pages as sites save them: which date is the article's, which line is its headline, which
lines are furniture. The pages below are small cut-outs of real page structure (navigation,
a meta line, a share bar, a related list), with sentences written for these tests."""

from __future__ import annotations

import pytest

from archivegen.ingest.clean import RULES_BY_NAME
from archivegen.ingest.clean import run_rule as apply_rule
from archivegen.ingest.clean.base import Context, PageDate
from archivegen.ingest.clean.dateline import frame_dates, is_meta_line, meta_date
from archivegen.ingest.decode import Decoded
from archivegen.ingest.pubdate import article_date, printed_dateline
from archivegen.ingest.run import plan_import

STORY = ["本报讯 近日，某市召开全市优化营商环境大会，部署下一阶段重点工作，会议由市长主持。",
         "会议指出，要把优化营商环境作为一号工程，持续打造市场化、法治化、国际化的一流营商环境。",
         "会议强调，各级各部门要强化服务意识，让企业办事更方便、更快捷，确保各项政策落地见效。"]


def import_page(html: str, name: str = "page.html"):
    plan = plan_import([(name, html.encode("utf-8"))])
    assert not plan.failures, plan.failures
    (sp,) = plan.sources
    return sp


def page(head: str = "", frame_top: str = "", story: list[str] = STORY, after: str = "") -> str:
    return ("<!DOCTYPE html><html><head>" + head + "</head><body>"
            "<div class='topnav'><a href='/'>首页</a> <a href='/n'>新闻中心</a> <a href='/z'>政务公开</a></div>"
            + frame_top + "<div class='article-content'>" + "".join(f"<p>{p}</p>" for p in story) + "</div>"
            + after + "<div class='footer'>版权所有 © 某某网 京ICP备12345678号</div></body></html>")


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("line", [
    "2019-09-26 12:11来源：证券时报网作者：李在山",
    "2019年06月15日08:18 来源：人民网-文化频道",
    "发布时间： 2019-09-26 10:09:11",
    "来源: | 发布时间: 2018-05-17 | 浏览次数: 2168",
    "2025-12-31 19:35:10",
    "原创 南方都市报 2019-09-09 16:01:46",
])
def test_meta_lines_state_a_publish_time(line):
    assert meta_date(line)


@pytest.mark.parametrize("line", [
    "今日股市行情分析--2019年8月19日",              # a link to another day's page
    "2019年2月27日下午，佛山市某区一行八人到金融街调研。",   # a first paragraph
])
def test_links_and_sentences_are_not_meta_lines(line):
    assert not meta_date(line)
    assert not is_meta_line(line)


def test_a_bare_written_date_stays_in_the_text():
    # "2012年6月24日" under a press conference's title is its dateline, printed text
    assert not is_meta_line("2012年6月24日")
    assert is_meta_line("2025-12-31 19:35:10") and is_meta_line("2019年09月26日 15:10")


def test_above_the_story_the_meta_line_nearest_to_it_is_the_articles():
    frame = "\n".join(["首页", "上一篇 :", "今日股市行情分析--2019年8月19日", "发布时间：2019-08-20 08:00",
                       "某市召开优化营商环境大会", "2019-09-26 12:11 来源：某某网", "分享到"])
    (fact,) = frame_dates(frame, 100, before_story=True)
    assert (fact.year, fact.month, fact.day, fact.where) == (2019, 9, 26, "dateline")
    assert fact.at == 100 + frame.index("2019-09-26")


def test_below_the_story_only_a_labelled_date_is_read():
    related = "\n".join(["为你推荐", "另一篇文章的标题", "2019-09-30 07:42", "发布日期：2019-03-06 责任编辑：某某"])
    (fact,) = frame_dates(related, 0, before_story=False)
    assert (fact.month, fact.day, fact.where) == (3, 6, "frame")
    assert frame_dates("为你推荐\n另一篇文章的标题\n2019-09-30 07:42", 0, before_story=False) == []


def test_meta_line_under_the_headline_is_removed_and_dated():
    text = "某市召开优化营商环境大会\n2019-09-26 12:11来源：证券时报网作者：李在山\n" + "\n".join(STORY)
    found = RULES_BY_NAME["chrome"].find(text, Context(Decoded(text, "utf-8", "lf")))
    dates = [f for f in found if isinstance(f, PageDate)]
    assert [(d.year, d.month, d.day, d.where) for d in dates] == [(2019, 9, 26, "dateline")]
    out = apply_rule(RULES_BY_NAME["chrome"], text, Context(Decoded(text, "utf-8", "lf")))[1]
    assert out == "某市召开优化营商环境大会\n" + "\n".join(STORY)


def test_printed_dates_come_before_what_the_page_only_states():
    meta, frame = PageDate(0, 2007, 8, 20, "meta"), PageDate(0, 2007, 8, 1, "frame")
    body = "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）\n正文。"
    assert article_date([meta, frame], body) == ((2007, 6, 29), True, "题注日期")
    assert article_date([frame, meta], "正文。") == ((2007, 8, 20), False, "网页元数据中的发布时间")
    dateline = PageDate(0, 2007, 6, 30, "dateline")
    assert article_date([meta, dateline], body)[:2] == ((2007, 6, 30), True)
    # a first paragraph that starts with a date is an event's date, not a dateline
    assert printed_dateline("2019年2月27日下午，佛山市某区一行八人到金融街调研。") is None


def test_page_date_from_its_meta_line_not_from_a_navigation_link():
    html = page(frame_top="<div class='pager'>上一篇：<a href='/a'>今日股市行情分析--2019年8月19日</a></div>"
                          "<h1>某市召开优化营商环境大会</h1><div class='info'>发布时间： 2019-09-26 10:09:11 来源：某某网</div>")
    (d,) = import_page(html).descriptions
    assert (d.date, d.date_inferred) == ("2019-09-26", False)


def test_page_date_from_a_publish_tag_is_stated_not_printed():
    html = page(head="<title>某市召开优化营商环境大会</title><meta name='apub:time' content='2019-9-7 21:30:50'>",
                frame_top="<h1>某市召开优化营商环境大会</h1><div class='info'><span>19:02</span></div>")
    (d,) = import_page(html).descriptions
    assert (d.date, d.date_inferred, d.year_evidence) == ("2019-09-07", True, "网页元数据中的发布时间")
