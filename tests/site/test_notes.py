"""A report whose body marks notes with ［1］ and ends with a 注释 appendix: import finds
the notes, and the built page links each marker to its note."""

from __future__ import annotations

from archivegen.ingest.run import plan_import
from archivegen.ingest.write import write_plan
from archivegen.site.load import load_archive
from archivegen.site.run import build_site

REPORT = """政府工作报告
——2023年1月12日在某市第十届人民代表大会第三次会议上
某市市长 张三
各位代表：
过去一年，我们深入实施“一网通办”［1］改革，推进“两张网”［2］建设，群众办事更加便捷，企业满意度持续提升。
新的一年，我们将继续深化改革，推动高质量发展，为建设现代化城市而努力奋斗！
注释：
［1］一网通办
指依托统一的政务服务平台，实现政务服务事项一网受理、只跑一次、一次办成。
［2］两张网
指政务服务“一网通办”和城市运行“一网统管”。
"""


def test_note_markers_link_to_their_notes(tmp_path):
    content = tmp_path / "content"
    plan = plan_import([("report.txt", REPORT.encode("utf-8"))])
    write_plan(plan, content)
    archive = load_archive(content)
    assert [g.term for g in sorted(archive.glossary, key=lambda g: g.number)] == ["一网通办", "两张网"]
    site = build_site(archive)
    page = next(v for k, v in site.pages.items() if k.startswith("documents/") and isinstance(v, str))
    assert "[［1］](../../glossary/" in page and "{ .ag-note }" in page
    assert "一网通办：指依托统一的政务服务平台" in page
