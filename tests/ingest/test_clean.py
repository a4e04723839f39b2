"""Cleaning rules, one kind of damage each, on real seed text and on small cases.
Every rule must leave real sentences alone."""

from __future__ import annotations

import pytest

from archivegen.ingest.clean import RULES_BY_NAME, clean
from archivegen.ingest.clean import run_rule as apply_rule
from archivegen.ingest.clean.base import Context
from archivegen.ingest.decode import Decoded, decode_bytes
from tests.conftest import seed_files


def run_rule(name: str, text: str, html: bool = False) -> str:
    ctx = Context(Decoded(text, "utf-8", "lf", is_html=html))
    return apply_rule(RULES_BY_NAME[name], text, ctx)[1]


def cleaned(name: str) -> str:
    path = next(p for p in seed_files() if p.name.startswith(name))
    return clean(decode_bytes(path.read_bytes())).text


def test_pinyin_removed_only_where_letters_are_a_reading():
    text = "区人(ren)大常委会，城市群(qun)与都市圈；“经认证的经营者”企业(AEO)达到517家，全球营运商计划(Global Operation Programme)；重(zhong)要"
    out = run_rule("pinyin", text)
    assert out == "区人大常委会，城市群与都市圈；“经认证的经营者”企业(AEO)达到517家，全球营运商计划(Global Operation Programme)；重要"


def test_pinyin_with_tones_digits_spaces_and_whole_words():
    """The forms aggregators print besides 人(ren): tone marks, tone digits, a space before
    the bracket, and a word's reading at once (with or without spaces between syllables)."""
    text = ("各级政府（zhèng fǔ）要把群众(qún zhòng)的事办好，人（rén）民至上，重(zhong4)点突出，"
            "落实 (luò shí)责任，绿（lǜ）色发展，政策(zhengce)到位。")
    assert run_rule("pinyin", text) == "各级政府要把群众的事办好，人民至上，重点突出，落实责任，绿色发展，政策到位。"


def test_pinyin_keeps_letters_that_are_not_a_reading():
    # English in brackets after Chinese words, abbreviations, a reading of other characters
    for text in ("中国(China)的标准(standard)", "经认证的经营者(AEO)", "全球运营计划(Global Operation Programme)",
                 "政府(renmin)工作"):
        assert run_rule("pinyin", text) == text, text
    assert run_rule("pinyin", "人(abc)民") == "人(abc)民"


def test_an_authors_pronunciation_note_stays():
    """An author who gives the reading of a rare character once or twice (氹(dàng)仔) wrote
    it; an aggregator inserts readings all through a text."""
    text = "澳门氹(dàng)仔岛的轻轨已经开通，浉(shī)河区的居民出行更方便。"
    assert run_rule("pinyin", text) == text


def test_substitution_restores_names():
    assert run_rule("substitution", "学习贯彻习大大总书记重要讲话") == "学习贯彻习近平总书记重要讲话"


def test_traditional_only_inside_simplified_text():
    simplified = "全方位大力度推进首創性改革、引领性开放。" + "在保障和改善民生上持续用力，推进民心工程、办好民生实事。" * 3
    assert "首创性" in run_rule("traditional", simplified)
    traditional = "全方位大力度推進首創性改革、引領性開放，在保障和改善民生上持續用力。"
    assert run_rule("traditional", traditional) == traditional


def test_fullwidth_alnum_and_entities():
    assert run_rule("fullwidth", "２０２４年ＡＥＯ认证，１．") == "2024年AEO认证，1．"
    assert run_rule("entities", "&ldquo;美丽中国&rdquo;<U+00A0>行动") == "“美丽中国” 行动"


def test_escapes_that_name_no_character_stay_as_printed():
    """Half a surrogate pair, a code point beyond U+10FFFF or a control character is no
    character a text can hold (writing it would fail): the escape stays; a whole pair is one."""
    for text in ("\\uD800及", "<U+110000>及", "<U+FFFFFF>及", "\\udfff及", "\\u0000及", "<U+001B>及"):
        assert run_rule("entities", text) == text
    assert run_rule("entities", "\\ud83d\\ude00及\\u4e2d") == "\U0001F600及中"


def test_toc_lines_removed_only_in_a_run():
    toc = "上海市政府工作报告..........1\n浦东新区..........35\n正文第一段。"
    assert run_rule("toc", toc) == "正文第一段。"
    single = "注意……见第5"
    assert run_rule("toc", single) == single


def test_continuation_markers():
    assert run_rule("continuation", "第一段。\n(上接第4版)\n第二段。") == "第一段。\n第二段。"
    assert run_rule("continuation", "正文（下转第2版）继续") == "正文继续"


def test_pull_quote_removed_only_when_it_repeats_the_body():
    body = "新建公\n\n■ 站在落实国家战略、维护国家利益的高度认清意义\n\n共停车位。\n\n要站在落实国家战略、维护国家利益的高度认清意义。"
    assert "■" not in run_rule("pull_quote", body)
    original = "■ 这是一句正文里没有的话，必须保留下来作为内容"
    assert run_rule("pull_quote", "正文。\n" + original) == "正文。\n" + original


def test_pull_quote_repeating_text_across_its_own_line_is_removed():
    """The body around the quote is read as if the quote's line were not there: a quote
    repeating words that run on across it counts as repeated."""
    body = "会议要求，站在落实国家战略\n■ 站在落实国家战略、维护国家利益的高度\n、维护国家利益的高度认清意义。"
    assert "■" not in run_rule("pull_quote", body)


def test_long_damaged_texts_are_cleaned_in_linear_time():
    """Thousands of ■ lines, or one line of 100,000 spaced characters: every space and
    every quote is looked at once, not with a copy of the whole text each (that took
    minutes for a 200 KB file)."""
    import time

    quotes = "".join(f"■ 第{i}条插页引语正文里没有这句话的内容\n" for i in range(6000))
    spaced = "彭 浦 新 村 街 道 " * 8000 + "\n" + "（记者 李明 王芳）本报讯 市委召开会议 " * 2000
    started = time.process_time()
    assert run_rule("pull_quote", quotes) == quotes
    assert run_rule("cjk_spaces", spaced).split("\n")[0].count(" ") == 2     # after the first 彭, and the last
    assert time.process_time() - started < 10


def test_spaces_from_line_wraps_removed_but_signature_spaces_kept():
    text = "陈吉宁同志深入闵行区吴泾镇、静安区彭浦新 村街道开展调研，了解村宅现状和公共服务设施配套情况。\n上海市市长 龚 正\n本报讯 市委季度工作会议昨天下午举行，市委书记陈吉宁主持会议并讲话。"
    out = run_rule("cjk_spaces", text)
    assert "彭浦新村街道" in out
    assert "上海市市长 龚 正" in out
    assert "本报讯 市委" in out
    assert run_rule("cjk_spaces", "伊拉克一军事基地遭袭 美军人员受伤", html=True) == "伊拉克一军事基地遭袭 美军人员受伤"


def test_broken_paragraphs_joined_but_headings_kept():
    text = ("要深入学习贯彻党的二十大精神，认真践行人民城市理念，把城市更新工作作为重要抓手，以破难题、促发展，为民造福的实际成果检验主题教育\n\n的实际成效。\n\n"
            "传达学习市政府主要领导调研浦东新区指示要求\n\n(传达稿)\n\n根据会议安排，现传达如下。")
    out = run_rule("broken_paragraphs", text)
    assert "检验主题教育的实际成效。" in out
    assert "指示要求\n\n(传达稿)" in out


def test_web_chrome_lines_and_related_block():
    page = ("当前位置:首页 > 快讯 > 正文内容\n\n标题\n\nadmin3个月前 (09-18)快讯47\n\n" + "正文第一段，内容很长。" * 20 +
            "\n\n相关文章\n\n别的文章\n\n别的文章\n\n别的文章的摘要...")
    out = run_rule("related", run_rule("chrome", page))
    assert "当前位置" not in out and "admin" not in out and "相关文章" not in out and "别的文章" not in out
    assert "正文第一段" in out


def test_meta_rule_keeps_real_headings_with_years():
    text = "标题\n\n2023年前11个月地方国企营业收入同比增长近6%\n\n正文。"
    assert run_rule("chrome", text) == text


def test_footer_block_removed():
    text = ("正文最后一句。\n微信扫一扫在手机阅读、分享本文\n本文标题:某汇编\n链接地址:http://example.invalid/1.html\n"
            "版权声明\n作者原创,不允许二次传播。\n微信订阅号")
    assert run_rule("footer", text) == "正文最后一句。"


def test_repeated_body_keeps_one_copy():
    body = "\n".join(f"第{i}段，这是一段足够长的正文内容，用来检测整篇正文被重复粘贴两三次的情况，只保留第一份。" for i in range(6))
    text = body + "\n" + body + "\n" + body
    assert run_rule("repeated_body", text) == body


def test_shared_paragraphs_of_two_reports_are_kept():
    """A compilation: two reports quote the same three paragraphs, far apart. Neither
    is a pasted copy of the other, so both keep them."""
    shared = "\n".join(f"共同引用的第{i}段，两份报告都照录了上级文件中的这一段原文，文字完全相同，不能删去。" for i in range(3))
    report_a = "\n".join(f"甲区报告第{i}段，讲甲区自己的工作安排和目标任务，内容各不相同。" for i in range(8))
    report_b = "\n".join(f"乙区报告第{i}段，讲乙区自己的工作安排和目标任务，内容各不相同。" for i in range(8))
    text = "\n".join([shared, report_a, shared, report_b])
    assert run_rule("repeated_body", text) == text


def test_seed_noise_is_gone_and_text_stays(expected):
    """Noise listed in expected.yaml does not survive; sentences around it do."""
    assert "彭浦新 村" not in cleaned("000") and "彭浦新村街道" in cleaned("000")
    assert "检验主题教育的实际成效" in cleaned("000")
    t1 = cleaned("001")
    assert "当前位置" not in t1 and "admin" not in t1 and "相关文章" not in t1 and "奥地利" not in t1
    assert "市领导吴伟、陈金山、华源参加相关活动。" in t1
    t2 = cleaned("002")
    assert "(ren)" not in t2 and "习大大" not in t2 and t2.count("习近平") == 2
    t3 = cleaned("003")
    assert "■" not in t3 and "新建公共停车位" in t3 and "首创性" in t3
    assert "保障国家安全的高度" in t3
    t4 = cleaned("004")
    assert "......" not in t4 and "上接第4版" not in t4 and "版权声明" not in t4 and "微信订阅号" not in t4
    assert "（按照上海市人民政府官方公布的行政区域划分，排名无任何意义）" in t4   # punctuation restored


@pytest.mark.parametrize("raw,clean_", [
    ("各位代表:\n现在,我代表市人民政府,向大会报告工作。", "各位代表：\n现在，我代表市人民政府，向大会报告工作。"),
    ("今天(9月18日),市委书记调研", "今天（9月18日），市委书记调研"),
    ('践行"人民城市"重要理念', "践行“人民城市”重要理念"),
    ("增长5.2%,好于预期!", "增长5.2%，好于预期！"),
    # numbers, Latin text and URLs keep their punctuation
    ("AEO(Authorized Economic Operator)认证", "AEO(Authorized Economic Operator)认证"),
    ("投资1,000亿元,比例3:2。", "投资1,000亿元，比例3:2。"),
    ("详见http://www.gov.cn/a?b=1,c", "详见http://www.gov.cn/a?b=1,c"),
    ('He said "hello", then left.', 'He said "hello", then left.'),
])
def test_halfwidth_punctuation_in_chinese_text(raw, clean_):
    assert run_rule("halfwidth_punct", raw) == clean_


WIRE = ("国家主席发表新年贺词\n2025-12-31 19:35:10\nhttps://www.news.cn/politics/c.html\n\n"
        "\u2003\u2003新年前夕，国家主席通过中央广播电视总台和互联网，发表新年贺词。新华社记者 燕雁 摄"
        "\u2003\u2003新华社北京12月31日电\u3000新年前夕，国家主席发表了新年贺词。全文如下："
        "\u2003\u2003大家好！岁序更替，华章日新。\u2003\u2003这一年，我们加强营养摄入，拍摄了很多照片。\n"
        "《人民日报》（2026年01月01日 01 版）\n")


def test_wire_text_gets_its_paragraphs_back_and_loses_captions_and_page_lines():
    from archivegen.ingest.run import process_source

    sp = process_source("wire.txt", WIRE.encode("utf-8"))
    lines = [ln for ln in sp.cleaned.text.split("\n") if ln.strip()]
    assert lines == ["国家主席发表新年贺词", "新华社北京12月31日电\u3000新年前夕，国家主席发表了新年贺词。全文如下：",
                     "大家好！岁序更替，华章日新。", "这一年，我们加强营养摄入，拍摄了很多照片。"]
    facts = [f for p in sp.cleaned.passes for f in p.facts]
    assert {type(f).__name__ for f in facts} == {"MetaLine", "PageDate", "SourceUrl"}


def test_a_credit_needs_names_set_apart_after_a_sentence():
    # 摄 inside words (摄入, 拍摄) and a bracketed credit line are text
    text = "加强营养摄入，多拍摄照片。\n（本文图片 陈正宝 摄）\n"
    assert run_rule("photo_caption", text) == text
