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


# ------------------------------------------------------------------ headlines

from archivegen.ingest import headline  # noqa: E402

HEADLINE = "某市召开优化营商环境大会 部署一号工程"


@pytest.mark.parametrize("line", [
    "澎湃新闻记者 段彦超 廖艳", "执笔/叨叨姐、胡一刀&李小飞刀", "摄影：产品经理", "【文/观察者网专栏作者 王文】",
    "原创： 路闻卓立编译 人民币交易与研究", "中国载人航天工程新闻发言人 武平", "图集",
    "您所在的位置： 首页 > 快讯 > 公司 > 公司", "点击进入“文艺星青年”>>", "（原标题：某市召开优化营商环境大会）",
    "原标题：快讯！某市召开大会", "城市摄影队 周斌 摄", "2012年6月24日", "\ue60e4",
])
def test_bylines_labels_and_prompts_are_never_headlines(line):
    assert headline.furniture(line)


@pytest.mark.parametrize("line", [
    HEADLINE, "他放弃百万年薪来到这里 唯一的要求竟是……", "【资讯汇总】9月26日盘中重要资讯汇总 准确把握市场走向",
    "2019年中国人文地理学术年会在重庆•西南大学成功举行！", '多地项目连环爆雷 狂奔的集团"暗伤"曝露？',
    "1-10月德清县固定资产投资结构趋稳趋优", "王文：中美贸易“持久战”，中国人的斗志被激发",
])
def test_headlines_are_not_furniture(line):
    assert headline.furniture(line) is None


@pytest.mark.parametrize("title_tag", [
    HEADLINE + "_首页武汉_新闻中心_长江网_cjn.cn", HEADLINE + "-CSDN.NET", HEADLINE + " - 某省人民政府门户网站",
    HEADLINE + "_澎湃新闻-The Paper", HEADLINE + "|游民星空", HEADLINE + "--当代商报", "明日股市预测--" + HEADLINE,
    HEADLINE,
])
def test_the_site_name_in_the_title_tag_is_not_the_headline(title_tag):
    text = "\n".join(["首页", "新闻中心", HEADLINE, "2019-09-26 12:11 来源：某某网", *STORY])
    main = ((text.index(STORY[0]), len(text)),)
    assert headline.page_title(title_tag, None, (), text, main).agreed == HEADLINE


def test_agreement_of_title_tag_and_h1_beats_a_cut_og_title_and_a_logo():
    full = '多地项目连环爆雷 狂奔的集团"暗伤"曝露？'
    text = "\n".join(["某某网", "首页", full, "2019-09-07 13:43 来源：某某周刊", *STORY])
    pt = headline.page_title(full + "_某某财经", "多地项目连环爆雷 狂奔的集团", ("某某网", full), text)
    assert pt.agreed == full


def test_a_section_name_title_falls_back_to_the_line_above_the_dateline():
    text = "\n".join(["首页 - 新闻动态", "2019年中国人文地理学术年会在重庆成功举行！", "发布时间：2019-05-18", *STORY])
    main = ((text.index(STORY[0]), len(text)),)
    pt = headline.page_title("新闻动态--中国地理学会官网", None, (), text, main)
    assert pt == headline.PageTitle(agreed=None, fallback="2019年中国人文地理学术年会在重庆成功举行！")


def test_a_headline_printed_over_two_lines():
    lines = ["全国人民代表大会常务委员会", "关于批准某项决议的决定"]
    text = "\n".join(["首页 > 公报 > 2007年第23号", *lines, "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）", *STORY])
    title_tag = "全国人民代表大会常务委员会关于批准某项决议的决定__2007年第23号国务院公报_中国政府网"
    pt = headline.page_title(title_tag, None, (), text)
    assert pt.agreed == "".join(lines)
    assert headline.heading(tuple(lines), pt) == headline.Heading(None, "".join(lines), None, 2)


def test_site_names_recur_across_the_titles_of_one_batch():
    titles = ["甲新闻标题_财经_某某网", "乙新闻标题_科技_某某网", "丙新闻标题 - 另一网站", None]
    assert headline.site_names(titles) == frozenset({"某某网"})
    pt = headline.page_title("甲新闻标题_财经_某某网", None, (), "正文。", sites=frozenset({"某某网"}))
    assert pt.fallback == "甲新闻标题"


def test_header_lines_before_a_byline_or_label():
    assert headline.own_lines((HEADLINE, "澎湃新闻记者 段彦超 廖艳", "第二行")) == (HEADLINE,)
    assert headline.own_lines(("摄影：产品经理", "产品经理的生日餐")) == ()


def test_original_title_note_stays_in_the_body_and_the_page_headline_is_the_title():
    note = "（原标题：某市开大会：营商环境一号工程、政策落地两大任务待解）"
    html = page(head=f"<title>{HEADLINE}_某某新闻</title><meta property='og:title' content='{HEADLINE}'>",
                frame_top=f"<h1>{HEADLINE}</h1><div class='info'>2019-09-07 19:53:27 来源：某某经济新闻</div>",
                story=[note, *STORY])
    (d,) = import_page(html).descriptions
    assert (d.title, d.kicker, d.subtitle) == (HEADLINE, None, None)
    sp = import_page(html)
    assert sp.cleaned.text[d.body_start:].startswith(note)


@pytest.mark.parametrize("first", ["执笔/叨叨姐、胡一刀&李小飞刀", "【文/某某网专栏作者 王文】", "澎湃新闻记者 段彦超 廖艳"])
def test_a_byline_opening_the_story_is_not_the_title(first):
    html = page(head=f"<title>{HEADLINE}</title>", frame_top=f"<div class='tit'>{HEADLINE}</div>"
                "<div class='info'>2020-06-05 20:35 叨叨姐</div>", story=[first, *STORY])
    sp = import_page(html)
    (d,) = sp.descriptions
    assert d.title == HEADLINE
    assert first in sp.cleaned.text[d.body_start:]


def test_a_page_agreeing_on_its_headline_is_one_story_whatever_its_subheads():
    story = [STORY[0], "你知道吗", "《一分钱》“一分钱不要”", STORY[1] * 2, "保持一颗童心", "家中曾堆满他的作品", STORY[2] * 2,
             "扬子晚报记者 张楠"]
    html = page(head=f"<title>{HEADLINE}</title>", frame_top=f"<h1>{HEADLINE}</h1>", story=story)
    sp = import_page(html)
    assert [d.title for d in sp.descriptions] == [HEADLINE]


def test_a_template_tag_in_ascii_brackets_is_not_part_of_the_title():
    assert headline.without_tag("[视频]国内联播快讯") == "国内联播快讯"
    assert headline.without_tag("【资讯汇总】9月26日盘中重要资讯汇总") == "【资讯汇总】9月26日盘中重要资讯汇总"
    html = page(head="<title>[视频]国内联播快讯</title><meta property='og:title' content='[视频]国内联播快讯'>",
                frame_top="<div class='tit'>[视频]国内联播快讯</div><div>来源：央视网 更新时间：2024年01月11日 19:14</div>")
    (d,) = import_page(html).descriptions
    assert (d.title, d.printed_title, d.date, d.date_inferred) == ("国内联播快讯", "[视频]国内联播快讯", "2024-01-11", False)


def test_a_long_headline_the_page_agrees_on_is_still_the_headline():
    long = "某某会议召开 听取工作汇报 研究部署下一阶段重点任务 听取专项工作报告 某某主持会议并发表重要讲话强调 坚定信心 扎实推进各项工作落地见效 确保完成全年各项目标任务"
    assert len(long) > headline.MAX_HEADLINE
    html = page(head=f"<title>[视频]{long}</title>",
                frame_top=f"<div>节目官网</div><div class='tit'>[视频]{long}</div><div>来源 : 央视网 2024-01-04 19:14 内容简介</div>")
    (d,) = import_page(html).descriptions
    assert d.title == long


# ------------------------------------------------------------------ the end of a story

def end_of(lines_: list[str]) -> str:
    text = "\n".join(STORY + lines_)
    # (a run of lines removed at the very end may leave the text's last newline)
    return apply_rule(RULES_BY_NAME["story_end"], text, Context(Decoded(text, "utf-8", "lf")))[1].rstrip("\n")


@pytest.mark.parametrize("furniture", [
    ["【编辑：姚昊】"], ["（责任编辑： HN666）"], ["【1】【2】【3】【4】", "(责编：汤诗瑶、丁涛)"], ["【纠错】", "责任编辑： 尹世杰"],
    ["相关资讯请关注:逆水寒专区"], ["此前报道：港媒曝某某出狱前首受访 称“对不起”", "点击进入专题：", "聚焦香港局势"],
    ["（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）"],
    ["作者：余毅菁 向雪妮返回富达，查看更多", "责任编辑：", "香港警方：示威行动未发生致命事件，谴责造谣者",
     "港铁公司车务营运总监表示，8月31日晚，因激进示威者的破坏行为，港铁公司启动疏散程序…", ",南方都市报"],
    ["声明：本网力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议，据此操作风险自担。"],
])
def test_furniture_after_the_story_goes(furniture):
    assert end_of(furniture) == "\n".join(STORY)


def test_a_line_of_a_very_long_number_is_no_page_list():
    # found by the long fuzz run: int() refuses a run of 28,751 digits
    digits = "1" * 30000
    assert end_of(["【1】【2】【3】", f"1 2 {digits}"]).endswith(f"1 2 {digits}")


def test_a_page_list_never_splits_a_number():
    # "1234 5" was read as 123 · 4 · 5: a run of digits could be split into numbers in
    # exponentially many ways, and a long run that ended the line otherwise hung cleaning
    # (found by a fuzz run with seed 9)
    from archivegen.ingest.clean.tail import PAGE_LIST

    assert PAGE_LIST.match("1 2 3 4 下一页") and PAGE_LIST.match("【1】【2】【3】")
    assert not PAGE_LIST.match("1234 5")
    assert not PAGE_LIST.match("7" * 5000 + "x")


def test_the_outlet_of_a_closing_source_note_is_kept_as_a_fact():
    text = "\n".join(STORY + ["（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）"])
    found = RULES_BY_NAME["story_end"].find(text, Context(Decoded(text, "utf-8", "lf")))
    assert [f.name for f in found if not hasattr(f, "reason")] == ["澎湃新闻"]


@pytest.mark.parametrize("kept", [
    ["（原题为《新年伊始，重要文章谈了啥？》）"],                  # a note on the original title
    ["责编：Demi Xia", "（综合整理自澎湃新闻、智东西、雷锋网等）"],    # the note after the credit stays
    ["【背景】", "某市是全国首批营商环境创新试点城市，2023年地区生产总值增长5.2%。"],  # a label the story uses
    ["编辑：张三", "会议最后强调，要坚持问题导向，确保各项任务落到实处。"],   # a sentence after the credit
    ["相关阅读：某市发布营商环境条例，自今年3月1日起施行。这是本市首部相关地方性法规。"],
])
def test_story_lines_at_the_end_stay(kept):
    out = end_of(kept)
    for line in kept:
        if not line.startswith(("责编", "编辑")):
            assert line in out


def test_page_numbers_anywhere_but_never_numbers_in_a_sentence():
    text = "\n".join([STORY[0], "上一页 1 2 3 下一页", STORY[1], "2 3", STORY[2]])
    out = apply_rule(RULES_BY_NAME["story_end"], text, Context(Decoded(text, "utf-8", "lf")))[1]
    assert out == "\n".join([STORY[0], STORY[1], "2 3", STORY[2]])


def test_related_list_of_dated_items_goes():
    text = "\n".join(STORY + ["为你推荐", "金融委最新定调！鼓励境外资金进入境内金融市场",
                              "十一国庆假期前，金融委召开会议，部署了一系列金融领域下一步的重点工作。", "2019-09-3007:42",
                              "黄金周后A股怎么走，从数据预知行业胜率", "今天是国庆节前最后一个交易日。", "2019-09-3008:14"])
    out = apply_rule(RULES_BY_NAME["related"], text, Context(Decoded(text, "utf-8", "lf")))[1]
    assert out == "\n".join(STORY)


def test_a_share_bar_inside_the_story_leaves_its_paragraphs_apart():
    html = page(story=[STORY[0], STORY[1]], after="")
    html = html.replace(f"<p>{STORY[1]}</p>", f"<div class='share-bar'>分享到：微信 微博</div><p>{STORY[1]}</p>")
    sp = import_page(html)
    assert "\n".join(STORY[:2]) in sp.cleaned.text


def test_a_credit_without_colon_closing_the_story_goes():
    assert end_of(["编辑 刘晓阳 校对 李铭"]) == "\n".join(STORY)


def test_a_badge_glued_before_the_printed_headline_is_not_part_of_the_title():
    # <h2 class="title"><span>原创</span>headline</h2>: the <title> has the headline alone
    html = page(head=f"<title>{HEADLINE}</title>", story=[f"原创{HEADLINE}", "去驴行", *STORY])
    sp = import_page(html)
    (d,) = sp.descriptions
    assert (d.title, d.printed_title) == (HEADLINE, f"原创{HEADLINE}")
    assert sp.cleaned.text[d.body_start:].startswith("去驴行")


def test_a_recommendation_heading_alone_does_not_take_the_text_after_it():
    # "相关推荐" above the rest of a story saved over several pages: not a list of dated items
    text = "\n".join(STORY + ["相关推荐", "另一篇文章的标题", "另一篇文章的标题", *STORY])
    out = apply_rule(RULES_BY_NAME["related"], text, Context(Decoded(text, "utf-8", "lf")))[1]
    assert out == text


def test_related_block_of_each_saved_page_ends_where_the_next_page_starts():
    nav = ["网站首页", "时政新闻", "国际新闻"]
    pages = [nav + [STORY[0], STORY[1]] * 3 + ["相关文章", "别的文章的标题", "别的文章的摘要..."],
             nav + [STORY[2]] + ["相关文章", "又一篇文章的标题", "又一篇文章的摘要..."]]
    text = "\n".join(pages[0] + pages[1])
    out = apply_rule(RULES_BY_NAME["related"], text, Context(Decoded(text, "utf-8", "lf")))[1]
    assert out == "\n".join(nav + [STORY[0], STORY[1]] * 3 + nav + [STORY[2]])


@pytest.mark.parametrize("line", ["图：北京初雪 故宫银装素裹", "2020年1月1日起，这些新规将施行"])
def test_photo_story_and_dated_headlines_are_headlines(line):
    assert headline.furniture(line) is None


def test_a_row_of_numbers_and_an_end_mark_stay():
    assert end_of(["12 34 56", "【完】"]) == "\n".join(STORY + ["12 34 56", "【完】"])
    assert end_of(["1 2 3"]) == "\n".join(STORY)


def test_a_logo_far_above_the_story_does_not_agree_with_a_title_of_site_names():
    text = "\n".join(["中国共产党新闻网", *[f"栏目{i}" for i in range(30)], HEADLINE, "2019-09-07 13:43", *STORY])
    main = ((text.index(STORY[0]), len(text)),)
    pt = headline.page_title("人民网-中国共产党新闻网", None, ("中国共产党新闻网",), text, main)
    assert pt.agreed is None


def test_a_headline_may_hold_a_semicolon():
    assert headline.furniture("午间公告：天奇股份中标某项目；运达股份中标7亿元项目") is None


def test_an_information_table_gives_its_first_date_not_a_dateline():
    # a policy page's table: each field's label on its own line, the value on the next
    frame = "\n".join(["索 引 号：", "000014349/2019-00004", "成文日期：", "2019年01月16日", "发文字号：",
                       "国办发〔2019〕4号", "发布日期：", "2019年01月30日", "主 题 词："])
    (fact,) = frame_dates(frame, 0, before_story=True)
    assert (fact.month, fact.day, fact.where) == (1, 16, "frame")


def test_an_h1_near_the_story_when_the_title_tag_is_rewritten():
    text = "\n".join(["首页", "新闻中心", HEADLINE, *STORY])
    main = ((text.index(STORY[0]), len(text)),)
    pt = headline.page_title("营商环境大会召开了吗？快来看_某某网", None, ("某某网", HEADLINE), text, main)
    assert pt == headline.PageTitle(agreed=None, fallback=HEADLINE)
