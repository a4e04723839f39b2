"""Work reports in the layouts provinces and cities publish them: the title, the dateline
(dashed, bracketed, Chinese numerals, sharing a line with the signature) and the speaker's
signature (above or below the dateline, full-width spaces, spaced names) in any order.
Region comes from the body the report was delivered to, never from a place it mentions."""

from __future__ import annotations

import pytest

from archivegen.ingest.headers import cn_number, parse_dateline, parse_signature
from archivegen.ingest.run import plan_import
from archivegen.markdown_io import parse

# A body that mentions other places more often than its own: 上海, 张江 and 临港 are
# aliases in the regions table, and must not decide where the report belongs.
BODY = """各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。
一、2025年工作回顾
过去一年，我们学习上海张江、临港经验，深化与上海、江苏、浙江的合作，推动长三角与中部地区联动发展，全省经济运行稳中向好，地区生产总值增长5.5%。
我们坚持创新驱动，组织实施重大科技项目，新增高新技术企业两千余家，科技成果转化明显加快。
二、2026年主要目标任务
今年是“十五五”规划开局之年，做好政府工作意义重大。我们将坚持稳中求进工作总基调，全面完成各项目标任务。
各位代表，让我们团结一心、奋发有为，为谱写中国式现代化新篇章作出新的更大贡献！
"""

LAYOUTS = {
    "dash, signature below": ("政府工作报告\n——2026年1月20日在湖北省第十四届人民代表大会第五次会议上\n湖北省省长　李殿勋\n",
                              "2026年湖北省政府工作报告", "湖北省", "2026-01-20", "李殿勋", "湖北省省长"),
    "signature above, bracketed dateline": ("政府工作报告\n河北省省长　王正谱\n（2026年1月12日在河北省第十四届人民代表大会第四次会议上）\n",
                                            "2026年河北省政府工作报告", "河北省", "2026-01-12", "王正谱", "河北省省长"),
    "signature on the dateline's line": ("政府工作报告\n——2026年1月21日在广东省第十四届人民代表大会第五次会议上　广东省省长　王伟中\n",
                                         "2026年广东省政府工作报告", "广东省", "2026-01-21", "王伟中", "广东省省长"),
    "Chinese numerals, spaced name": ("政府工作报告\n——二〇二六年一月二十三日在上海市第十六届人民代表大会第四次会议上\n上海市市长　龚 正\n",
                                      "2026年上海市政府工作报告", "上海市", "2026-01-23", "龚正", "上海市市长"),
    "acting governor, no region in the role": ("政府工作报告\n——2026年1月25日在山西省第十四届人民代表大会第五次会议上\n代省长　卢东亮\n",
                                               "2026年山西省政府工作报告", "山西省", "2026-01-25", "卢东亮", "代省长"),
    "city the table does not know": ("政府工作报告\n——2026年1月8日在石家庄市第十五届人民代表大会第五次会议上\n石家庄市市长　马宇骏\n",
                                     "2026年石家庄市政府工作报告", "石家庄市", "2026-01-08", "马宇骏", "石家庄市市长"),
    "autonomous region": ("政府工作报告\n——2026年1月18日在广西壮族自治区第十四届人民代表大会第五次会议上\n广西壮族自治区主席　韦韬\n",
                          "2026年广西壮族自治区政府工作报告", "广西壮族自治区", "2026-01-18", "韦韬", "广西壮族自治区主席"),
    "title with year and region": ("2026年湖南省政府工作报告\n——2026年1月27日在湖南省第十四届人民代表大会第五次会议上\n湖南省省长　毛伟明\n",
                                   "2026年湖南省政府工作报告", "湖南省", "2026-01-27", "毛伟明", "湖南省省长"),
}


def _describe(raw: str) -> dict:
    plan = plan_import([("report.txt", raw.encode("utf-8"))])
    assert not plan.failures, plan.failures
    docs = [parse(text)[0] for rel, text in plan.files.items() if rel.startswith("documents/")]
    assert len(docs) == 1, [d["title"] for d in docs]
    return docs[0]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_report_header_layouts(layout):
    header, title, region, date, speaker, role = LAYOUTS[layout]
    meta = _describe(header + BODY)
    assert meta["title"] == title
    assert meta["doc_type"] == "政府工作报告"
    assert meta["region"] == region
    assert str(meta["date"]) == date and meta["date_inferred"] is False
    assert (meta["speaker"], meta["speaker_role"]) == (speaker, role)


def test_a_report_without_dateline_is_still_a_work_report():
    meta = _describe("湖北省政府工作报告\n" + BODY)
    assert meta["doc_type"] == "政府工作报告"
    assert meta["title"] == "2026年湖北省政府工作报告"
    assert meta["region"] == "湖北省"


def test_a_sentence_about_a_meeting_is_not_a_dateline():
    assert parse_dateline("在全省经济工作会议上，省委书记作了重要讲话，对全年工作作出部署。") is None
    assert parse_dateline("在省委全会上") is None
    assert parse_dateline("2026年1月20日在湖北省第十四届人民代表大会第五次会议上").date == (2026, 1, 20)


@pytest.mark.parametrize("line,expected", [
    ("湖北省省长　李殿勋", ("湖北省省长", "李殿勋")),
    ("市长 龚 正", ("市长", "龚正")),
    ("浦东新区代理区长 吴金城", ("浦东新区代理区长", "吴金城")),
    ("各位代表", None),
    ("省长说，要抓好落实。", None),
])
def test_signatures(line, expected):
    assert parse_signature(line) == expected


@pytest.mark.parametrize("s,n", [("2026", 2026), ("二〇二六", 2026), ("十二", 12), ("二十", 20), ("二十三", 23), ("九", 9)])
def test_chinese_numbers(s, n):
    assert cn_number(s) == n
