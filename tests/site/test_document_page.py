"""The document page reads the keys newer contracts add (issuer, doc_number, written,
published) when they are there, and works without them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from archivegen.contract import DocumentMeta, Source
from archivegen.model import Document
from archivegen.site.pages.document import citation, citation_code, metadata_rows
from tests.conftest import ROOT


@dataclasses.dataclass(frozen=True, kw_only=True)
class NewerMeta(DocumentMeta):
    issuer: str | None = None
    doc_number: str | None = None
    written: dt.date | None = None
    published: dt.date | None = None


def _doc(meta_class=NewerMeta, **extra) -> Document:
    meta = meta_class(id="2024-policy", title="关于推进城市更新的实施意见", doc_type="政策文件", region="上海市",
                      date=dt.date(2024, 3, 5), year=2024,
                      source=Source(file="sources/a.txt", sha256="0" * 64, name="上海市人民政府网站",
                                    url="https://www.example.gov.cn/a.html"), **extra)
    return Document(meta, ROOT / "x.md", "documents/shanghai/2024-policy.md", "正文。\n")


def test_newer_keys_show_in_the_card_and_the_citation():
    doc = _doc(issuer="上海市人民政府办公厅", doc_number="沪府办发〔2024〕3号",
               written=dt.date(2024, 2, 28), published=dt.date(2024, 3, 5))
    rows = dict(metadata_rows(doc, "documents/shanghai/2024-policy.md", {"上海市": "shanghai"}, {}))
    assert rows["发文机关"] == "上海市人民政府办公厅"
    assert rows["发文字号"] == "沪府办发〔2024〕3号"
    assert rows["成文日期"] == "2024年2月28日" and rows["发布日期"] == "2024年3月5日"
    assert rows["来源"] == "上海市人民政府网站"
    assert rows["原网址"].startswith("[https://www.example.gov.cn/a.html](https://www.example.gov.cn/a.html)")
    assert rows["引用码"] == citation_code("2024-policy")
    cite = citation(doc, "https://archive.example.org/documents/shanghai/2024-policy/")
    assert cite.startswith("上海市人民政府办公厅：《关于推进城市更新的实施意见》，沪府办发〔2024〕3号，上海市人民政府网站，2024年3月5日。")
    assert cite.endswith(f"引用码 {citation_code('2024-policy')}，https://archive.example.org/documents/shanghai/2024-policy/")


def test_without_the_newer_keys_nothing_is_missing():
    doc = _doc(DocumentMeta)
    rows = dict(metadata_rows(doc, "documents/shanghai/2024-policy.md", {"上海市": "shanghai"}, {}))
    assert not {"发文机关", "发文字号", "成文日期", "发布日期"} & set(rows)
    assert citation(doc, "x/").startswith("《关于推进城市更新的实施意见》，上海市人民政府网站，2024年3月5日。")


def test_citation_codes_are_short_stable_and_distinct():
    code = citation_code("2024-pudong-zheng-fu-gong-zuo-bao-gao")
    assert code == citation_code("2024-pudong-zheng-fu-gong-zuo-bao-gao") and len(code) == 8
    assert not set(code) & set("ILOU")
    codes = {citation_code(f"doc-{i}") for i in range(20000)}
    assert len(codes) == 20000
