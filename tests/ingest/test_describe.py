"""Describing documents nobody here has seen: other regions' reports, national reports,
news from other outlets. The rules are general; these cases keep them so."""

from __future__ import annotations

import pytest

from archivegen.ingest.run import plan_import


def describe_one(text: str):
    plan = plan_import([("case.txt", text.encode("utf-8"))])
    (sp,) = plan.sources
    return sp.descriptions


NATIONAL = """政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
国务院总理 李强
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。
一、2023年工作回顾
过去一年是全面贯彻党的二十大精神的开局之年，是三年新冠疫情防控转段后经济恢复发展的一年。
各位代表！让我们紧密团结在以习近平同志为核心的党中央周围，为全面建设社会主义现代化国家而团结奋斗！
"""

PROVINCE = """政府工作报告
——2024年1月23日在广东省第十四届人民代表大会第二次会议上
广东省省长 王伟中
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。
一、2023年工作回顾
2023年是全面贯彻党的二十大精神的开局之年，全省地区生产总值突破13万亿元，增长4.8%。
"""

NEWS = """我市召开优化营商环境大会

本报讯 (记者 李明 王芳) 2月18日上午，市委、市政府召开全市优化营商环境大会。市委书记张伟出席会议并讲话，市长刘强主持会议。会议指出，要把优化营商环境作为“一号工程”，持续打造市场化法治化国际化一流营商环境。

张伟强调，各级各部门要强化服务意识，让企业办事更方便、更快捷。

刘强指出，要抓好各项政策措施落地见效，确保企业应享尽享。
"""


def test_national_report():
    (d,) = describe_one(NATIONAL)
    assert d.title == "2024年国务院政府工作报告"
    assert (d.region, d.date, d.date_inferred) == ("全国", "2024-03-05", False)
    assert (d.speaker, d.speaker_role) == ("李强", "国务院总理")
    assert d.occasion == "第十四届全国人民代表大会第二次会议"


def test_province_report_is_incomplete_when_cut_off():
    (d,) = describe_one(PROVINCE)
    assert d.title == "2024年广东省政府工作报告"
    assert (d.region, d.speaker) == ("广东省", "王伟中")
    assert d.complete  # ends with a full sentence
    (cut,) = describe_one(PROVINCE + "二、2024年工作安排\n")
    assert not cut.complete


def test_news_article_with_reporters_and_no_year():
    (d,) = describe_one(NEWS)
    assert d.title == "我市召开优化营商环境大会"
    assert d.doc_type == "新闻报道"
    assert d.author == "李明、王芳"            # "(记者 李明 王芳)": two reporters
    assert {"张伟", "刘强"} <= set(d.people)
    assert d.year is None and d.date is None and d.date_inferred


@pytest.mark.parametrize("byline,names", [
    ("李明 王芳", ["李明", "王芳"]),
    ("李明、王芳", ["李明", "王芳"]),
    ("龚 正", ["龚正"]),
    ("张钰芸", ["张钰芸"]),
])
def test_byline_names(byline, names):
    from archivegen.ingest.describe import byline_names

    assert byline_names(byline) == names


@pytest.mark.parametrize("phrase,year", [
    ("贯彻落实十四届全国人大二次会议精神", 2024),
    ("全国政协十三届五次会议期间", 2022),
    ("今年是“十四五”规划收官之年", 2025),
    ("庆祝中华人民共和国成立75周年", 2024),
])
def test_year_from_the_political_calendar(phrase, year):
    text = f"区委召开会议\n\n3月6日上午，区委召开常委会会议，传达学习有关精神。会议强调，{phrase}，要结合实际抓好落实，推动各项工作取得新成效。\n"
    (d,) = describe_one(text)
    assert d.year == year and d.date_inferred
    assert d.date == f"{year}-03-06"


@pytest.mark.parametrize("phrase", ["十四届全国人大九九次会议", "全国政协十三届十十次会议", "十二届市委十一十次全会",
                                    "十二届市委三次、九九次全会"])
def test_a_session_number_that_is_no_numeral_dates_nothing(phrase):
    """九九次 or 十十次 counts no session (a misprint, or damage): no year from it, no traceback."""
    from archivegen.ingest.describe import year_evidence

    assert year_evidence(f"贯彻落实{phrase}精神") == []
    text = f"区委召开会议\n\n区委召开常委会会议，传达学习{phrase}精神，要结合实际抓好落实。\n"
    (d,) = describe_one(text)
    assert d.year is None


@pytest.mark.parametrize("text", [
    "政府工作报告\n——2024年13月45日在第十四届全国人民代表大会第二次会议上\n各位代表：现在，我代表国务院向大会报告政府工作。\n",
    "区委召开会议\n\n2099年2月29日上午，区委召开常委会会议，传达学习有关精神，要结合实际抓好落实。\n",
    "区委召开会议\n\n2月30日上午，2024年区委召开常委会会议，传达学习有关精神，要结合实际抓好落实。\n",
    "发布时间：2023-02-29 12:00\n区委召开会议\n\n区委召开常委会会议，传达学习有关精神，要结合实际抓好落实。\n",
    "1900年0月30日 2:83\n人至起\n",
    "政府工作报告\n——2024年2月30日在第十四届全国人民代表大会第二次会议上\n各位代表：现在，我代表国务院向大会报告政府工作。\n",
    "政府工作报告\n（二〇二三年二月二十九日在区第十八届人民代表大会第三次会议上）\n各位代表：现在，我代表区人民政府向大会报告工作。\n",
], ids=["dateline-month-13", "29-february-2099", "30-february", "page-time-2023-02-29", "month-0",
        "dateline-30-february", "dateline-in-numerals-29-february-2023"])
def test_a_date_that_is_not_on_the_calendar_dates_nothing(text):
    """A misprinted or damaged date (month 13, 30 February, 29 February of a common year)
    is no date; the document is imported without it, never a traceback."""
    plan = plan_import([("case.txt", text.encode("utf-8"))])
    assert not plan.failures
    assert [d.date for d in plan.sources[0].descriptions] == [None]


# --- speeches: the title names the speaker ------------------------------------------------------

@pytest.mark.parametrize("title,expected", [
    ("李强在第十届某某论坛开幕式上的致辞", (None, "李强")),
    ("王毅：在某某国际会议上的主旨讲话", (None, "王毅")),
    ("国务院总理张明远在中外企业家座谈会上的讲话", ("国务院总理", "张明远")),
    ("国家主席刘建华发表二〇三〇年新年贺词", ("国家主席", "刘建华")),
    ("在全市文化工作座谈会上的讲话（2023年6月2日）陈晓东", (None, "陈晓东")),
    ("习近平抵达某国首都国际机场发表书面讲话", (None, "习近平")),     # a name the dictionary knows, no marker
])
def test_a_speech_title_names_its_speaker(title, expected):
    from archivegen.ingest.describe import DOC_TYPES, title_speaker

    assert dict(DOC_TYPES)["讲话"].search(title), title
    assert title_speaker(title) == expected


@pytest.mark.parametrize("title", [
    "高新区在全区经济工作会议上的讲话",        # a body, not a person
    "市委宣传部：在全市宣传工作会议上的讲话",
    "在全市经济工作会议上的讲话",            # nobody named
])
def test_a_body_or_no_one_is_no_speaker(title):
    from archivegen.ingest.describe import title_speaker

    assert title_speaker(title) is None


@pytest.mark.parametrize("title", [
    "李强出席世界经济论坛年会并发表特别致辞",     # reports on a speech are news, not the speech
    "全市经济工作会议召开 陈晓东发表重要讲话",
    "认真学习贯彻在全市经济工作会议上的讲话精神",
])
def test_a_report_on_a_speech_is_not_a_speech(title):
    from archivegen.ingest.describe import DOC_TYPES

    assert not dict(DOC_TYPES)["讲话"].search(title)


def test_speeches_of_the_corpus_get_their_speaker():
    from tests.eval import corpora

    items = corpora.speeches()
    if not items:
        pytest.skip("newscn-speeches corpus not beside the project (../shared)")
    plan = plan_import([corpora.speech_file(i, it) for i, it in enumerate(items)])
    from archivegen.markdown_io import parse

    metas = [parse(text)[0] for path, text in plan.files.items() if path.startswith("documents/")]
    speeches = [m for m in metas if m.get("doc_type") == "讲话"]
    assert len(speeches) >= 0.9 * len(items)
    assert sum(1 for m in speeches if m.get("speaker")) >= 0.95 * len(speeches)


def test_known_people_found_in_one_pass_as_by_looking_for_each(seed_plan):
    """KnownPeople finds, in its given order, every known name a search for each name finds,
    and name_people settles the same people with it as when it tried every known name: on
    the seed documents, with the batch's named people, names inside other names ("王芳" in
    "王芳芳") and names printed only in a title."""
    from dataclasses import replace

    from archivegen.ingest.describe import KnownPeople, name_people, people_text

    named = [n for sp in seed_plan.sources for d in sp.descriptions for n in d.roles]
    assert len(named) >= 10
    known = dict.fromkeys([*reversed(named), "王芳", "王芳芳", "芳芳", "不在任何文中"], [])
    finder = KnownPeople(known)

    class EveryName:                       # the old way: every known name is tried
        def named_in(self, *texts):
            return list(known)

    checked = 0
    for sp in seed_plan.sources:
        for d, seg in zip(sp.descriptions, sp.segments):
            text = people_text(d, sp.cleaned.text, seg)
            titled = replace(d, title="芳芳谈" + d.title)      # a name in the title only
            for desc, probe in ((d, text), (d, text + "王芳芳说，王芳芳"), (d, d.title), (titled, text)):
                assert finder.named_in(probe, desc.title) == [n for n in known if n in probe or n in desc.title]
                fast, slow = name_people(desc, probe, finder), name_people(desc, probe, EveryName())
                assert list(fast.roles.items()) == list(slow.roles.items())
                assert fast.people == slow.people
                checked += 1
    assert checked >= 30


def test_a_name_after_a_role_ends_where_a_word_does():
    """Sentences of the CCTV corpus: the characters after a role are a name only where
    reading them so cuts no word (高度重视, 日前) — and 唐仁健在 is 唐仁健 + 在."""
    from archivegen.ingest.describe import find_people

    assert find_people("习近平总书记高度重视发挥有效投资的关键性作用") == {}
    assert list(find_people("国务院总理李强日前在北京会见来华访问的外宾")) == ["李强"]
    assert list(find_people("农业农村部党组书记、部长唐仁健在报告会上表示")) == ["唐仁健"]
    assert list(find_people("全国政协副主席石泰峰主持会议")) == ["石泰峰"]
    assert list(find_people("国务院总理李强调研时指出")) == ["李强"]
    # the same rule before 同志, where no role marks where a name starts
    assert find_people("有关部门和地方负责同志参加会议") == {}
    assert find_people("衷心感谢全党同志") == {}
    assert list(find_people("越南国家主席梁强同志邀请")) == ["梁强"]
    assert find_people("市长方负责人表示") == {}
