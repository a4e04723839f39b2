"""Glossary appendices (名词解释): the real seed compilation plus synthetic layouts."""

from __future__ import annotations

import re

import pytest

from archivegen.ingest.glossary import (
    Glossary,
    GlossaryItem,
    find_glossary,
    find_note_markers,
    term_aliases,
)

from tests.conftest import SOURCES

COMPILATION = SOURCES / "004_22cd1e946852648b.txt"        # the seed compilation, as imported

BODY = (
    "政府工作报告\n"
    "——2024年1月10日在某区第三届人民代表大会第四次会议上\n"
    "各位代表：\n"
    "现在，我代表区人民政府，向大会作政府工作报告，请予审议。\n"
    "一、2023年工作回顾\n"
    "大力推进“两旧一村”改造，深化三所联动机制。\n"
)


# --------------------------------------------------------------------------
# The real seed: a compilation of four reports
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compilation() -> str:
    return COMPILATION.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reports(compilation: str) -> list[str]:
    """The reports' texts: each starts at a title line followed by a "——" line."""
    lines = compilation.split("\n")
    cuts = [i for i in range(len(lines) - 1) if lines[i + 1].startswith("——")]
    bounds = list(zip(cuts, cuts[1:] + [len(lines)]))
    return ["\n".join(lines[a:b]) for a, b in bounds]


def _by_number(glossary: Glossary) -> dict[int, GlossaryItem]:
    return {item.number: item for item in glossary.items}


def _check_offsets(text: str, glossary: Glossary) -> None:
    assert 0 <= glossary.heading_start < glossary.start <= glossary.end <= len(text)
    assert glossary.start == glossary.items[0].start
    assert glossary.end == glossary.items[-1].end
    previous_end = glossary.start
    for item in glossary.items:
        assert previous_end <= item.start < item.end
        previous_end = item.end
        span = text[item.start : item.end]
        if item.number is not None:
            assert span.startswith(str(item.number)) or span[1:].startswith(str(item.number))
        assert span.endswith(item.definition.split("\n")[-1])
        assert item.definition.split("\n")[0] in span


def test_seed_splits_into_four_reports(reports: list[str]) -> None:
    assert len(reports) == 4
    assert "上海市市长" in reports[0]
    assert "浦东新区" in reports[1]
    assert "黄浦区" in reports[2]
    assert "静安区" in reports[3]


def test_seed_reports_without_glossary(reports: list[str]) -> None:
    assert find_glossary(reports[0]) is None  # 上海市
    assert find_glossary(reports[3]) is None  # 静安区


def test_seed_pudong_layout_a(reports: list[str]) -> None:
    text = reports[1]
    g = find_glossary(text)
    assert g is not None
    assert [item.number for item in g.items] == list(range(1, 35))
    assert text[g.heading_start :].startswith("附件\n《政府工作报告》名词解释")
    assert all(item.definition for item in g.items)
    assert all("\n" not in item.definition for item in g.items)  # one line each
    items = _by_number(g)
    assert items[1].term == "“丝路电商”合作先行区"
    assert items[1].definition.startswith("创建“丝路电商”合作先行区")
    assert "丝路电商合作先行区" in items[1].aliases
    assert "丝路电商" not in items[1].aliases  # 合作先行区 is not a generic suffix
    assert items[16].term == "重点企业“服务包”制度"
    assert "重点企业服务包制度" in items[16].aliases
    assert "服务包制度" not in items[16].aliases and "服务包" not in items[16].aliases
    assert items[21].term == "三所联动"
    assert items[21].aliases == ()
    assert items[22].term == "“两旧一村”改造"
    assert "两旧一村" in items[22].aliases
    assert items[22].definition.startswith("指旧区改造、旧住房成套改造和“城中村”改造。")
    assert items[27].term == "EDA"
    assert items[27].definition == "指电子设计自动化软件。"
    assert items[32].term == "碳达峰碳中和"
    for item in g.items:
        assert item.term not in item.aliases
        assert not item.term.endswith((":", "："))
        assert len(item.term) <= 40
    _check_offsets(text, g)
    assert g.end == len(text.rstrip())


def test_seed_huangpu_layout_b(reports: list[str]) -> None:
    text = reports[2]
    g = find_glossary(text)
    assert g is not None
    assert [item.number for item in g.items] == list(range(1, 13))
    assert text[g.heading_start :].startswith("《政府工作报告》名词解释\n(以报告中出现先后为序)")
    assert text[g.start :].startswith("1、AEO高级认证指导中心\n")
    assert all(item.definition for item in g.items)
    items = _by_number(g)
    assert items[1].term == "AEO高级认证指导中心"
    assert items[1].definition.startswith("AEO(Authorized Economic Operator)高级认证")
    assert items[8].term == "三师联创"
    assert items[8].definition.startswith("为加强城市更新专业技术支撑")
    assert items[11].term == "“四百”大走访,“三进、三问”行动"
    assert "“四百”大走访" in items[11].aliases
    assert "“三进、三问”行动" in items[11].aliases
    assert "四百大走访" in items[11].aliases
    assert "三进、三问行动" in items[11].aliases
    assert items[7].term == "166、167和168街坊(一期)"  # no quotes: not split at 、
    assert items[7].aliases == ("166、167和168街坊",)
    _check_offsets(text, g)


def test_seed_whole_compilation_takes_last_glossary(compilation: str, reports: list[str]) -> None:
    g = find_glossary(compilation)
    assert g is not None
    assert len(g.items) == 12
    assert g.items[0].term == "AEO高级认证指导中心"
    # the last entry stops before the next report's title
    assert compilation[g.end :].lstrip().startswith("政府工作报告\n——")


def test_seed_glossary_stops_at_next_report(reports: list[str]) -> None:
    text = reports[1] + "\n" + reports[3]
    g = find_glossary(text)
    assert g is not None
    assert len(g.items) == 34
    assert g.items[-1].term == "无废城市"
    assert "静安" not in g.items[-1].definition
    assert g.end == len(reports[1].rstrip())


def test_seed_has_no_note_markers(compilation: str) -> None:
    assert find_note_markers(compilation) == []


# --------------------------------------------------------------------------
# Synthetic layouts
# --------------------------------------------------------------------------


def test_bracket_numbering_term_on_own_line_with_colon() -> None:
    text = BODY + (
        "注释\n"
        "［1］“两旧一村”改造：\n"
        "指旧区改造、旧住房成套改造和“城中村”改造。\n"
        "根据最新政策文件，旧区改造是指零星二级旧里以下房屋改造。\n"
        "［2］三所联动：\n"
        "指公安派出所、司法所和律师事务所共同调处化解矛盾纠纷。\n"
    )
    g = find_glossary(text)
    assert g is not None
    assert [(i.number, i.term) for i in g.items] == [(1, "“两旧一村”改造"), (2, "三所联动")]
    assert g.items[0].definition == (
        "指旧区改造、旧住房成套改造和“城中村”改造。\n根据最新政策文件，旧区改造是指零星二级旧里以下房屋改造。"
    )
    assert text[g.heading_start :].startswith("注释\n")
    assert text[g.items[1].start :].startswith("［2］三所联动")
    _check_offsets(text, g)


def test_fullwidth_dot_numbering_layout_a() -> None:
    text = BODY + (
        "名词解释\n"
        "1．三所联动：指公安派出所、司法所和律师事务所共同调处化解矛盾纠纷。\n"
        "2．EDA：指电子设计自动化软件。\n"
        "3．中央科创区：总占地面积约1.92平方公里。\n"
    )
    g = find_glossary(text)
    assert g is not None
    assert [i.term for i in g.items] == ["三所联动", "EDA", "中央科创区"]
    assert g.items[2].definition == "总占地面积约1.92平方公里。"
    _check_offsets(text, g)


def test_attachment_heading_with_order_note() -> None:
    text = BODY + (
        "附件1\n"
        "《政府工作报告》有关内容名词注释\n"
        "(以报告中出现先后为序)\n"
        "1.三师联创\n"
        "为加强城市更新专业技术支撑，联动责任规划师、责任建筑师、责任评估师。\n"
        "2.中央科创区\n"
        "总占地面积约1.92平方公里。\n"
    )
    g = find_glossary(text)
    assert g is not None
    assert text[g.heading_start :].startswith("附件1\n《政府工作报告》有关内容名词注释")
    assert [i.term for i in g.items] == ["三师联创", "中央科创区"]
    assert g.items[1].definition == "总占地面积约1.92平方公里。"  # "1.92" is not an entry number
    _check_offsets(text, g)


@pytest.mark.parametrize(
    "heading",
    ["名词注释", "注解", "注释：", "附件：名词解释", "《政府工作报告》名词解释", "名词解释（以报告中出现先后为序）"],
)
def test_heading_variants(heading: str) -> None:
    text = BODY + f"{heading}\n（按报告中出现先后为序）\n1、三所联动：指三所共同调处矛盾纠纷。\n"
    g = find_glossary(text)
    assert g is not None
    assert [i.term for i in g.items] == ["三所联动"]
    assert text[g.heading_start :].startswith(heading)


@pytest.mark.parametrize(
    "fmt",
    ["{n}、", "{n}.", "{n}．", "［{n}］", "[{n}]", "({n})", "（{n}）", "{n})"],
)
def test_numbering_styles(fmt: str) -> None:
    entries = [("三所联动", "指三所共同调处矛盾纠纷。"), ("五个一批", "指一批大科学设施项目等。")]
    a = "".join(f"{fmt.format(n=n)}{t}：{d}\n" for n, (t, d) in enumerate(entries, 1))
    b = "".join(f"{fmt.format(n=n)}{t}\n{d}\n" for n, (t, d) in enumerate(entries, 1))
    for layout in (a, b):
        g = find_glossary(BODY + "名词解释\n" + layout)
        assert g is not None, (fmt, layout)
        assert [(i.number, i.term, i.definition) for i in g.items] == [(1, *entries[0]), (2, *entries[1])]


def test_half_width_colon_takes_first_colon() -> None:
    g = find_glossary(BODY + "名词解释\n1、四减四增:“四减”即减轻负担:减少挂牌。\n")
    assert g is not None
    assert g.items[0].term == "四减四增"
    assert g.items[0].definition == "“四减”即减轻负担:减少挂牌。"


def test_unnumbered_entries() -> None:
    text = BODY + (
        "名词解释\n"
        "三所联动：指公安派出所、司法所和律师事务所共同调处化解矛盾纠纷。\n"
        "\n"
        "“两旧一村”改造：指旧区改造、旧住房成套改造和“城中村”改造。\n"
    )
    g = find_glossary(text)
    assert g is not None
    assert [(i.number, i.term) for i in g.items] == [(None, "三所联动"), (None, "“两旧一村”改造")]
    assert text[g.items[0].start :].startswith("三所联动：")
    _check_offsets(text, g)


def test_unnumbered_entry_stops_at_non_entry_line() -> None:
    text = BODY + "名词解释\n三所联动：指三所共同调处矛盾纠纷。\n本文标题：某区政府工作报告。\n这是网页上的其他内容，与附录无关。\n"
    g = find_glossary(text)
    assert g is not None
    # "本文标题" looks like an entry; the sentence after it is not one and ends the appendix
    assert [i.term for i in g.items] == ["三所联动", "本文标题"]
    assert g.items[-1].definition == "某区政府工作报告。"


def test_quotes_are_normalised() -> None:
    text = BODY + '名词解释\n1、"两旧一村"改造：指旧区改造。\n2、「一网通办」平台：指政务服务平台。\n'
    g = find_glossary(text)
    assert g is not None
    assert [i.term for i in g.items] == ["“两旧一村”改造", "“一网通办”平台"]
    assert '"两旧一村"改造' in g.items[0].aliases
    assert "一网通办" in g.items[1].aliases


def test_numbering_break_ends_appendix() -> None:
    text = BODY + "名词解释\n1、甲乙机制：指甲。\n2、丙丁机制：指丙。\n4、戊己机制：指戊。\n"
    g = find_glossary(text)
    assert g is not None
    assert [i.term for i in g.items] == ["甲乙机制", "丙丁机制"]
    assert g.items[1].definition == "指丙。"


def test_other_numbering_inside_a_definition() -> None:
    text = BODY + (
        "名词解释\n"
        "1、五票统筹\n"
        "包括以下内容：\n"
        "（1）地票；\n"
        "（2）房票。\n"
        "2、三所联动：指三所共同调处矛盾纠纷。\n"
    )
    g = find_glossary(text)
    assert g is not None
    assert [i.term for i in g.items] == ["五票统筹", "三所联动"]
    assert g.items[0].definition == "包括以下内容：\n（1）地票；\n（2）房票。"


def test_appendix_ends_at_new_document() -> None:
    glossary = "名词解释\n1、三所联动\n指三所共同调处矛盾纠纷。\n"
    for tail in ("政府工作报告\n各位代表：\n", "2025年政府工作报告\n——2025年1月在某区人民代表大会上\n", "——2025年1月在某区人民代表大会上\n"):
        text = BODY + glossary + tail + "现在，我代表区人民政府作报告。\n"
        g = find_glossary(text)
        assert g is not None
        assert len(g.items) == 1
        assert g.items[0].definition == "指三所共同调处矛盾纠纷。"
        assert text[g.end :].lstrip("\n").startswith(tail.split("\n")[0])


def test_dash_bullets_inside_a_definition_are_kept() -> None:
    text = BODY + "名词解释\n1、四大功能\n包括：\n——全球资源配置功能；\n——科技创新策源功能。\n"
    g = find_glossary(text)
    assert g is not None
    assert g.items[0].definition == "包括：\n——全球资源配置功能；\n——科技创新策源功能。"


def test_last_heading_with_entries_wins() -> None:
    first = "名词解释\n1、甲乙机制：指甲。\n"
    second = "名词注释\n1、丙丁机制：指丙。\n2、戊己机制：指戊。\n"
    g = find_glossary(BODY + first + "正文继续。\n" + second)
    assert g is not None
    assert [i.term for i in g.items] == ["丙丁机制", "戊己机制"]
    # a later heading without entries does not hide the glossary
    g = find_glossary(BODY + first + "注释\n本报告数据为初步统计数。\n")
    assert g is not None
    assert [i.term for i in g.items] == ["甲乙机制"]


# --------------------------------------------------------------------------
# Negative cases
# --------------------------------------------------------------------------


def test_section_heading_without_entries() -> None:
    text = BODY + "注释\n本报告中的数据均为初步统计数，最终以统计部门公布为准。\n二、2024年工作安排\n"
    assert find_glossary(text) is None


def test_numbered_policy_lists_without_heading() -> None:
    text = BODY + (
        "2024年要重点做好以下工作：\n"
        "1、加快建设现代化产业体系。\n"
        "2、深化重点领域改革：推进国资国企改革。\n"
        "3、持续改善民生。\n"
        "三所联动：指三所共同调处矛盾纠纷。\n"
    )
    assert find_glossary(text) is None


def test_heading_must_be_a_short_line_by_itself() -> None:
    text = BODY + "关于名词解释的说明如下\n1、三所联动：指三所共同调处矛盾纠纷。\n"
    assert find_glossary(text) is None
    text = BODY + "以下为名词解释：1、三所联动：指三所共同调处矛盾纠纷。\n"
    assert find_glossary(text) is None


def test_heading_followed_by_policy_sentences() -> None:
    text = BODY + "注释\n1、加快建设现代化产业体系，推动制造业高质量发展。\n2、深化改革。\n"
    assert find_glossary(text) is None


def test_numbering_must_start_at_one() -> None:
    assert find_glossary(BODY + "名词解释\n3、三所联动：指三所共同调处矛盾纠纷。\n") is None


def test_terms_without_definitions() -> None:
    assert find_glossary(BODY + "注释\n1、加快建设现代化产业体系\n2、深化重点领域改革\n") is None
    assert find_glossary("") is None
    assert find_glossary("名词解释") is None


# --------------------------------------------------------------------------
# term_aliases
# --------------------------------------------------------------------------


def test_aliases_quoted_core_with_generic_suffix() -> None:
    assert term_aliases("“两旧一村”改造") == ('"两旧一村"改造', "两旧一村改造", "两旧一村")
    assert "一业一证" in term_aliases("“一业一证”改革")
    assert "六大硬核" in term_aliases("“六大硬核”产业")


def test_aliases_without_bare_core() -> None:
    assert "三能" not in term_aliases("“三能”机制改革")  # core shorter than 3
    assert term_aliases("“三能”机制改革") == ('"三能"机制改革', "三能机制改革")
    assert term_aliases("重点企业“服务包”制度") == ('重点企业"服务包"制度', "重点企业服务包制度")
    assert term_aliases("“丝路电商”合作先行区") == ('"丝路电商"合作先行区', "丝路电商合作先行区")


def test_aliases_plain_term() -> None:
    assert term_aliases("三所联动") == ()
    assert term_aliases("EDA") == ()


def test_aliases_normalise_input_quotes() -> None:
    aliases = term_aliases('"两旧一村"改造')
    assert aliases[0] == "“两旧一村”改造"
    assert '"两旧一村"改造' not in aliases
    assert "两旧一村" in aliases
    assert term_aliases("「一网通办」平台")[0] == "“一网通办”平台"


def test_aliases_compound_entries() -> None:
    aliases = term_aliases("“四百”大走访,“三进、三问”行动")
    for expected in ("“四百”大走访", "四百大走访", "“三进、三问”行动", "三进、三问行动", "四百大走访,三进、三问行动"):
        assert expected in aliases
    assert "“三进" not in aliases and "三问”行动" not in aliases  # not split inside quotes
    assert term_aliases("“一网通办”，“一网统管”")[:2] == ('"一网通办"，"一网统管"', "一网通办，一网统管")
    assert "一网统管" in term_aliases("“一网通办”，“一网统管”")


def test_aliases_drop_short_ones() -> None:
    aliases = term_aliases("“甲”、“乙”")
    assert "“甲”" in aliases and "“乙”" in aliases
    assert all(len(a) >= 2 for a in aliases)
    assert "甲" not in aliases and "乙" not in aliases


def test_aliases_parenthesised_gloss() -> None:
    assert term_aliases("AEO(Authorized Economic Operator)") == ("AEO",)
    assert term_aliases("经认证的经营者（AEO）") == ("经认证的经营者",)


def test_aliases_are_deterministic_and_exclude_term() -> None:
    """The same aliases in the same order in every process, whatever the hash seed (sets
    iterate in a different order per process; an alias list built from one would change)."""
    import os
    import subprocess
    import sys

    terms = ("“四百”大走访,“三进、三问”行动", "“两旧一村”改造", "166、167和168街坊(一期)")
    code = ("import json; from archivegen.ingest.glossary import term_aliases; "
            f"print(json.dumps([term_aliases(t) for t in {terms!r}], ensure_ascii=False))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
    for term in terms:
        assert term not in term_aliases(term)
        assert len(set(term_aliases(term))) == len(term_aliases(term))
    assert term_aliases("“两旧一村”改造") == ('"两旧一村"改造', "两旧一村改造", "两旧一村")
    assert term_aliases("166、167和168街坊(一期)") == ("166、167和168街坊",)


# --------------------------------------------------------------------------
# find_note_markers
# --------------------------------------------------------------------------


def test_note_markers_in_body() -> None:
    text = (
        "大力推进“两旧一村”改造［1］，深化三所联动[2]机制。\n"
        "［3］这一行开头的编号不是标注。\n"
        "  [4] 缩进的编号也不是。\n"
        "建设“丝路电商”合作先行区［ 12 ］。\n"
        "注释\n"
        "［1］“两旧一村”改造：\n"
        "指旧区改造。\n"
    )
    markers = find_note_markers(text)
    assert [m[2] for m in markers] == [1, 2, 12]
    for start, end, number in markers:
        assert text[start] in "［[" and text[end - 1] in "］]"
        assert str(number) in text[start:end]
    assert text[markers[0][0] : markers[0][1]] == "［1］"
    assert text[markers[1][0] : markers[1][1]] == "[2]"


def test_note_markers_none() -> None:
    assert find_note_markers("") == []
    assert find_note_markers("1、加快建设。\n（1）深化改革。\n［1］条目\n") == []


# --------------------------------------------------------------------------
# terms with digits, "+", Latin letters and quotes; unusual layouts
# --------------------------------------------------------------------------

APPENDIX_2026 = """二、2026年工作安排
全面完成全年各项目标任务。
附件
名词解释
1.5G+工业互联网：指利用5G网络改造工业生产体系。
2. “人工智能+”行动：推动人工智能与各行业深度融合。
3. EDA：电子设计自动化软件。
4. G60科创走廊：沿G60高速公路布局的科创走廊。
5. 3+1+X产业体系：三大主导产业加一批特色产业，
2.5亿元专项资金用于培育。
6. 新质生产力 是指创新起主导作用的先进生产力质态。
7. AI for Science 以人工智能驱动科学研究的新范式。
8. PM2.5：细颗粒物。
"""


def test_terms_with_digits_plus_latin_and_quotes() -> None:
    g = find_glossary(APPENDIX_2026)
    assert g is not None
    assert [(i.number, i.term) for i in g.items] == [
        (1, "5G+工业互联网"), (2, "“人工智能+”行动"), (3, "EDA"), (4, "G60科创走廊"), (5, "3+1+X产业体系"),
        (6, "新质生产力"), (7, "AI for Science"), (8, "PM2.5")]
    # "2.5亿元" continues entry 5: a decimal is not the next entry's number
    assert g.items[4].definition == "三大主导产业加一批特色产业，\n2.5亿元专项资金用于培育。"
    assert g.items[5].definition == "是指创新起主导作用的先进生产力质态。"


@pytest.mark.parametrize("entry", ["1)：：", "1、“”", "［1］、：定及选素……", "1.（）：说明"])
def test_an_entry_whose_term_is_only_punctuation_is_no_entry(entry) -> None:
    """A term names something: punctuation alone ("：：", "“”") is no term, so it never
    becomes an empty glossary entry (the contract refused the whole file for it)."""
    from archivegen.ingest.run import plan_import

    text = BODY + f"名词解释\n{entry}\n完真史马各去白根红，议具自也术传位验风厂火可法。\n"
    g = find_glossary(text)
    assert g is None or all(re.search(r"\w", i.term) for i in g.items)
    plan = plan_import([("report.txt", text.encode("utf-8"))])
    assert not plan.failures


def test_entries_numbered_with_circled_or_chinese_numbers_and_terms_in_brackets():
    """Appendices number their entries ①②③ or 一、二、 too, or print each term in 【】
    without a number; none of that is part of a term."""
    from archivegen.ingest.glossary import find_glossary

    body = "各区要推进“两旧一村”改造，做好三师联创工作。\n"
    definition = "指旧区改造、旧住房成套改造和“城中村”改造。"
    for entries in (["①两旧一村：" + definition, "②三师联创：指建筑师、规划师、评估师联合创作。"],
                    ["一、两旧一村：" + definition, "二、三师联创：指建筑师、规划师、评估师联合创作。"],
                    ["【两旧一村】" + definition, "【三师联创】指建筑师、规划师、评估师联合创作。"]):
        g = find_glossary(body + "附件\n名词解释\n" + "\n".join(entries) + "\n")
        assert g is not None and [i.term for i in g.items] == ["两旧一村", "三师联创"], entries
        assert g.items[0].definition == definition
