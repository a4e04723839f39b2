"""Official documents (公文): the info table of government information disclosure, the
发文字号 line, the signature block and the title printed over several lines, on the text of
State Council documents (gov.cn policy pages) in the shapes archives hold them: the saved
page, its text dumps (label and value on separate lines, in table cells, after a converter's
bold marks, flattened into one line) and the document's text alone, without an info table."""

from __future__ import annotations

import pytest

from archivegen.ingest.clean import RULES_BY_NAME, run_rule
from archivegen.ingest.clean.base import Context, DocNumber, InfoField, Signature, ends_sentence
from archivegen.ingest.decode import Decoded, decode_bytes
from archivegen.ingest.run import plan_import
from tests.eval.corpora import GOVCN_SAMPLE

# govcn-41: the info table as a browser's innerText gives it (label line, value line)
TABLE = """索 引 号：
000014349/2005-00154
主题分类：
农业、林业、水利\\农业、畜牧业、渔业
发文机关：
国务院办公厅
成文日期：
2005年06月11日
标 题：
国务院办公厅关于印发国家粮食应急预案的函
发文字号：
国办函〔2005〕57号
发布日期：
2018年12月03日
主 题 词：
农业 粮食 应急预案△ 函
"""

# the document itself: a title over two lines (the second letter-spaced), the 发文字号, the
# addressees, the text and the signature block; then the plan it sends (an attachment)
LETTER = """国务院办公厅关于印发
国 家 粮 食 应 急 预 案 的 函
国办函〔2005〕57号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《国家粮食应急预案》已经国务院同意，现印发给你们，请认真实施。
国务院办公厅
二〇〇五年六月十一日
国家粮食应急预案
1　总则
1.1　编制目的及依据
为有效监测和控制各类突发公共事件或者其他原因引起的粮食市场异常波动，确保粮食市场供应，保持粮食市场价格基本稳定，维护正常的社会秩序，依据《中华人民共和国农业法》、《中华人民共和国价格法》、《粮食流通管理条例》和《中央储备粮管理条例》等有关规定，制定本预案。
7.3　本预案自印发之日起实施。
"""

FIELDS = {"index_number": "000014349/2005-00154", "topic": "农业、林业、水利\\农业、畜牧业、渔业",
          "issuer": "国务院办公厅", "written": "2005年06月11日", "title": "国务院办公厅关于印发国家粮食应急预案的函",
          "doc_number": "国办函〔2005〕57号", "published": "2018年12月03日", "keywords": "农业 粮食 应急预案△ 函"}


def clean_rule(name: str, text: str, html: bool = False):
    """(text after the rule, its facts)."""
    p, out = run_rule(RULES_BY_NAME[name], text, Context(Decoded(text, "utf-8", "lf", is_html=html)))
    return out, list(p.facts)


def describe_text(text: str, name: str = "case.txt"):
    (sp,) = plan_import([(name, text.encode("utf-8"))]).sources
    return sp.descriptions[0]


def fields(facts) -> dict[str, str]:
    return {f.key: f.value for f in facts if isinstance(f, InfoField)}


# ---------------------------------------------------------------- the info table

def test_info_table_lines_go_and_their_fields_are_facts():
    out, facts = clean_rule("info_table", TABLE + LETTER)
    assert out == LETTER
    assert fields(facts) == FIELDS


@pytest.mark.parametrize("table", [
    # a converter's output: bold labels, blank lines between cells
    "\n\n".join(f"**{ln}**" if ln.endswith("：") else ln for ln in TABLE.splitlines()) + "\n\n",
    # the table copied with its cells separated by tabs, two fields a row
    "索 引 号：\t000014349/2005-00154\t主题分类：\t农业、林业、水利\\农业、畜牧业、渔业\n"
    "发文机关：\t国务院办公厅\t成文日期：\t2005年06月11日\n"
    "标 题：\t国务院办公厅关于印发国家粮食应急预案的函\n"
    "发文字号：\t国办函〔2005〕57号\t发布日期：\t2018年12月03日\n"
    "主 题 词：\t农业 粮食 应急预案△ 函\n",
    # a portal's layout: labels spaced for alignment, two fields a line
    "索　引　号：000014349/2005-00154　　　主题分类：农业、林业、水利\\农业、畜牧业、渔业\n"
    "发文机关：国务院办公厅　　　成文日期：2005年06月11日\n"
    "标　　题：国务院办公厅关于印发国家粮食应急预案的函\n"
    "发文字号：国办函〔2005〕57号　　　发布日期：2018年12月03日\n"
    "主 题 词：农业 粮食 应急预案△ 函\n",
    # label and value on one line
    "".join(f"{label}{value}\n" for label, value in zip(TABLE.splitlines()[::2], TABLE.splitlines()[1::2])),
])
def test_info_table_in_other_layouts(table):
    out, facts = clean_rule("info_table", table + LETTER)
    assert out.strip() == LETTER.strip()
    assert fields(facts) == FIELDS


def test_info_table_flattened_into_one_line_with_the_document():
    """A page read as one line: only the table's part of it goes, the document stays."""
    flat = " ".join(TABLE.splitlines()[:-1]) + " " + " ".join(LETTER.splitlines()[:5])
    out, facts = clean_rule("info_table", flat)
    assert out == " ".join(LETTER.splitlines()[:5])
    assert fields(facts) == {k: v for k, v in FIELDS.items() if k != "keywords"}


def test_an_empty_last_label_does_not_take_the_headline():
    """主题词 empty: the headline under it is no keyword."""
    table = TABLE.replace("农业 粮食 应急预案△ 函\n", "")
    out, facts = clean_rule("info_table", table + LETTER)
    assert out == LETTER
    assert "keywords" not in fields(facts)


def test_a_title_line_in_prose_stays():
    """标题：… in an essay, a list's header row, one field in a news page: no info table."""
    essay = ("作文要求\n标题：我的家乡\n字数：不少于八百字\n"
             "标题：要写出家乡的变化。家乡这些年变化很大，道路宽了，房子新了，村里建起了文化广场。\n")
    assert clean_rule("info_table", essay) == (essay, [])
    header_row = "标题\t发文字号\t发布日期\n国务院关于印发国家职业教育改革实施方案的通知\t国发〔2019〕4号\t2019-02-13\n"
    assert clean_rule("info_table", header_row) == (header_row, [])
    news = "发布日期：2024-03-12\n来源：本地日报\n本报讯 3月11日，市城市更新工作推进会召开。\n"
    assert clean_rule("info_table", news) == (news, [])


def test_info_table_in_the_page_frame_of_a_saved_page():
    """The gov.cn page: the table sits outside the main story and goes with the frame; its
    fields reach the document, the body is the document's text."""
    data = (GOVCN_SAMPLE / "pages" / "govcn-01.html").read_bytes()
    (sp,) = plan_import([("govcn-01.html", data)]).sources
    d = sp.descriptions[0]
    assert d.title == "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"
    assert (d.issuer, d.doc_number, d.written, d.published) == ("国务院", "国发〔2019〕5号", "2019-01-27", "2019-02-15")
    assert d.topic == "市场监管、安全生产监管\\工商"
    assert (d.region, d.doc_type, d.date, d.date_inferred, d.subtitle) == ("全国", "政策文件", "2019-01-27", False, None)
    body = sp.cleaned.text[d.body_start:sp.segments[0].end]
    assert body.startswith("国发〔2019〕5号\n各省、自治区、直辖市人民政府") and "索 引 号" not in body
    assert body.rstrip().endswith("国务院\n2019年1月27日\n（此件公开发布）")


# ---------------------------------------------------------------- text dumps → the document

def test_text_dump_with_an_info_table():
    d = describe_text(TABLE + LETTER)
    assert d.title == "国务院办公厅关于印发国家粮食应急预案的函"
    assert (d.issuer, d.doc_number, d.written, d.published) == ("国务院办公厅", "国办函〔2005〕57号", "2005-06-11", "2018-12-03")
    assert (d.region, d.doc_type, d.date, d.year) == ("全国", "政策文件", "2005-06-11", 2005)


def test_document_without_an_info_table():
    """The title joined from its two lines and closed up, the 发文字号 and the signature block
    read where they are printed (and kept in the text)."""
    (sp,) = plan_import([("letter.txt", LETTER.encode("utf-8"))]).sources
    d = sp.descriptions[0]
    assert (d.title, d.subtitle, d.kicker) == ("国务院办公厅关于印发国家粮食应急预案的函", None, None)
    assert (d.issuer, d.doc_number, d.written, d.published) == ("国务院办公厅", "国办函〔2005〕57号", "2005-06-11", None)
    assert (d.region, d.doc_type, d.date, d.date_inferred) == ("全国", "政策文件", "2005-06-11", False)
    body = sp.cleaned.text[d.body_start:]
    assert body.startswith("国办函〔2005〕57号\n") and "国务院办公厅\n二〇〇五年六月十一日\n" in body


def test_title_over_three_lines_with_a_kind_word_inside():
    """The forwarded report's 意见 ends no line of the title: …工作意见报告的通知 does; the
    forwarded report's signature (国家地震局) is not the notice's 成文日期."""
    text = """国务院办公厅转发国家地震局
关于我国地震重点监视防御区的确定和
加强防震减灾工作意见报告的通知
国办发〔1996〕2号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
国家地震局《关于我国地震重点监视防御区的确定和加强防震减灾工作意见的报告》已经国务院同意，现转发给你们，请认真贯彻执行。
以上意见如无不妥，请批转各地、各部门贯彻执行。
国家地震局
一九九六年一月二十五日
"""
    d = describe_text(text)
    assert d.title == "国务院办公厅转发国家地震局关于我国地震重点监视防御区的确定和加强防震减灾工作意见报告的通知"
    assert (d.issuer, d.doc_number, d.written, d.region) == ("国务院办公厅", "国办发〔1996〕2号", None, "全国")


def test_region_from_the_issuing_body_not_from_places_mentioned():
    text = """国务院关于同意组建2008年北京奥运会
首都国际机场协调委员会的批复
国函〔2006〕38号
民航总局：
你局《关于报送2008年北京奥运会首都国际机场协调委员会组建方案的请示》（民航总局函〔2006〕21号）收悉。现批复如下：
一、同意组建2008年北京奥运会首都国际机场协调委员会，负责北京奥运会期间首都国际机场及北京、天津、上海、沈阳、秦皇岛、青岛等机场运行保障的统筹协调工作。北京市人民政府、北京市有关部门参加。
国务院
二〇〇六年五月二十三日
"""
    d = describe_text(text)
    assert d.title == "国务院关于同意组建2008年北京奥运会首都国际机场协调委员会的批复"
    assert (d.issuer, d.region, d.written) == ("国务院", "全国", "2006-05-23")


def test_document_numbers_of_other_shapes_and_issuers_of_other_levels():
    text = """上海市人民政府关于印发
《上海市加快推进绿色低碳转型行动方案》的通知
沪府发〔2024〕1号
各区人民政府，市政府各委、办、局：
现将《上海市加快推进绿色低碳转型行动方案》印发给你们，请认真按照执行。
上海市人民政府
2024年1月5日
"""
    d = describe_text(text)
    assert d.title == "上海市人民政府关于印发《上海市加快推进绿色低碳转型行动方案》的通知"
    assert (d.issuer, d.doc_number, d.region, d.written) == ("上海市人民政府", "沪府发〔2024〕1号", "上海市", "2024-01-05")


# ---------------------------------------------------------------- the rules on their own

def test_marks_are_facts_and_the_text_stays():
    out, facts = clean_rule("policy_marks", LETTER)
    assert out == LETTER
    assert [f for f in facts if isinstance(f, DocNumber)][0].number == "国办函〔2005〕57号"
    (sig,) = [f for f in facts if isinstance(f, Signature)]
    assert (sig.organ, sig.year, sig.month, sig.day) == ("国务院办公厅", 2005, 6, 11)
    joint = "……请认真贯彻执行。\n国务院办公厅 中央军委办公厅\n一九九六年六月二十九日\n"
    (sig,) = clean_rule("policy_marks", joint)[1]
    assert (sig.organ, sig.year) == ("国务院办公厅、中央军委办公厅", 1996)


def test_a_document_number_in_a_list_is_not_the_documents_own():
    listing = ("附件：废止的文件目录\n1\n国务院关于棉粮、糖粮挂钩奖售粮几个问题的通知\n国发〔1981〕88号\n1981年5月23日\n"
               "2\n国务院办公厅关于黄金经济政策有关问题的复函\n国办函〔1996〕16号\n1996年2月9日\n")
    assert [f for f in clean_rule("policy_marks", listing)[1] if isinstance(f, DocNumber)] == []
    news = "记者 李明\n2024年1月2日\n本报讯 市委召开常委会议。\n"
    assert clean_rule("policy_marks", news)[1] == []


def test_a_bracketed_note_after_a_sentence_ends_the_paragraph():
    """…落到实处。（发展改革委负责） ends its paragraph: the signature under it is not joined to it."""
    assert ends_sentence("推动消费扶贫各项任务和政策落到实处。（发展改革委、扶贫办等和各有关省级人民政府负责）")
    assert not ends_sentence("国务院关于印发国家职业教育改革实施方案（试行）")


def test_the_saved_page_decodes_as_html():
    data = (GOVCN_SAMPLE / "pages" / "govcn-19.html").read_bytes()
    assert decode_bytes(data).is_html
    (sp,) = plan_import([("govcn-19.html", data)]).sources
    d = sp.descriptions[0]
    assert d.title == "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知"
    assert (d.issuer, d.doc_number, d.written, d.region) == ("国务院办公厅、中央军委办公厅", "国办发〔1996〕25号", "1996-06-29", "全国")


def test_portal_table_names_the_issuer_shorter_than_the_title():
    """A portal's table (发布机构：省政府办公厅): the region and the signature are found by the
    issuing body the title names."""
    text = """索引号：11330000002482870P/2024-00015
发布机构：省政府办公厅
发布日期：2024-01-19
文号：浙政办发〔2024〕3号
浙江省人民政府办公厅关于印发
浙江省推进新型工业化若干政策措施的通知
浙政办发〔2024〕3号
各市、县（市、区）人民政府，省政府直属各单位：
《浙江省推进新型工业化若干政策措施》已经省政府同意，现印发给你们，请结合实际认真贯彻落实。
浙江省人民政府办公厅
2024年1月15日
"""
    d = describe_text(text)
    assert d.title == "浙江省人民政府办公厅关于印发浙江省推进新型工业化若干政策措施的通知"
    assert (d.issuer, d.doc_number, d.region) == ("省政府办公厅", "浙政办发〔2024〕3号", "浙江省")
    assert (d.written, d.published, d.date) == ("2024-01-15", "2024-01-19", "2024-01-15")


@pytest.mark.parametrize("written", ["2019年02月30日", "2019-02-29", "二〇一九年二月三十日", "2019年4月31日"])
def test_a_written_date_that_is_not_on_the_calendar_dates_nothing(written):
    """An info table's 成文日期 or 发布日期 that no calendar has (30 February) is no date:
    the document is imported without it (it crashed writing the front matter)."""
    text = (f"发文机关：国务院办公厅\n成文日期：{written}\n标题：国务院办公厅关于开展治理工作的通知\n"
            f"发文字号：国办发〔2019〕3号\n发布日期：{written}\n国务院办公厅关于开展治理工作的通知\n各省人民政府：\n"
            "城镇小区配套建设幼儿园是城市公共服务设施建设的重要内容。\n")
    plan = plan_import([("x.txt", text.encode("utf-8"))])
    assert not plan.failures
    (d,) = plan.sources[0].descriptions
    assert (d.written, d.published) == (None, None)
    assert d.doc_number == "国办发〔2019〕3号"
