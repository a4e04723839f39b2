"""An official document's 发文机关, 发文字号, 成文日期, 发布日期 and 主题分类 reach its page's
metadata card (escaped like every value there) and the JSON export."""

from __future__ import annotations

import dataclasses
import json

from archivegen.export import export_json
from archivegen.ingest.run import plan_import
from archivegen.ingest.write import write_plan
from archivegen.site.load import load_archive
from archivegen.site.fragments import definition_list
from archivegen.site.pages.document import metadata_rows
from archivegen.site.run import build_site
from tests.ingest.test_policy import LETTER, TABLE


def test_policy_fields_on_the_page_and_in_the_export(tmp_path):
    content = tmp_path / "content"
    write_plan(plan_import([("letter.txt", (TABLE + LETTER).encode("utf-8"))]), content)
    archive = load_archive(content)
    (doc,) = archive.documents
    page = build_site(archive).pages[f"documents/quanguo/{doc.id}.md"]
    card = page.split('<dl class="ag-card"')[1].split("</dl>")[0]
    # the card as XML (site/fragments.py): every value as the text it shows
    for label, value in (("发文机关", "国务院办公厅"), ("发文字号", "国办函〔2005〕57号"), ("成文日期", "2005年6月11日"),
                         ("发布日期", "2018年12月3日"), ("主题分类", "农业、林业、水利\\农业、畜牧业、渔业")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in card
    (exported,) = json.loads(export_json(archive))["documents"]
    assert {k: exported[k] for k in ("issuer", "doc_number", "written", "published", "topic", "date", "region")} == {
        "issuer": "国务院办公厅", "doc_number": "国办函〔2005〕57号", "written": "2005-06-11",
        "published": "2018-12-03", "topic": "农业、林业、水利\\农业、畜牧业、渔业", "date": "2005-06-11", "region": "全国"}


def test_a_value_cannot_inject_markup_into_the_card(tmp_path):
    content = tmp_path / "content"
    write_plan(plan_import([("letter.txt", (TABLE + LETTER).encode("utf-8"))]), content)
    (doc,) = load_archive(content).documents
    hostile = dataclasses.replace(doc.meta, issuer="<img src=x onerror=alert(1)>", doc_number="[号](javascript:x)",
                                  topic="*a* | _b_")
    rows = dict(metadata_rows(dataclasses.replace(doc, meta=hostile), "documents/quanguo/x.md", {}, {}))
    assert rows["发文机关"] == "&lt;img src=x onerror=alert(1)>"
    assert rows["发文字号"] == "\\[号\\](javascript:x)"
    assert rows["主题分类"] == "\\*a\\* \\| \\_b\\_"
    # and as the card's XML: text, no element
    xml = definition_list(list(rows.items()), "ag-card")
    assert "&lt;img src=x onerror=alert(1)&gt;" in xml and "<img" not in xml
    assert "<dd>[号](javascript:x)</dd>" in xml and "<dd>*a* | _b_</dd>" in xml
