"""Tags: topics from the seed documents, where each chip leads, topic pages and the index."""

from __future__ import annotations

import re
import shutil

import pytest

from archivegen.markdown_io import body_to_text
from archivegen.contract import DocumentMeta
from archivegen.model import Document
from archivegen.site import paths
from archivegen.site.load import ContentError, load_archive
from archivegen.site.pages.tags import tag_index, tag_targets, topic_pages
from archivegen.site.tags import MAX_TOPICS, document_tags, topics
from tests.conftest import ROOT

GENERIC = {"发展", "推进", "工作", "建设", "全力", "中心", "调研"}


@pytest.fixture(scope="module")
def seed_archive():
    return load_archive(ROOT / "content")


def test_topics_are_capped_stable_and_never_generic(seed_archive):
    for doc in seed_archive.documents:
        text = body_to_text(doc.body)
        found = topics(text)
        assert found == topics(text)                       # same text, same topics
        assert 0 < len(found) <= MAX_TOPICS, doc.id
        assert not GENERIC & set(found), (doc.id, found)
        assert doc.region not in found                     # the region is a tag already


def test_contributor_stopwords_are_honoured(tmp_path, seed_archive):
    doc = next(d for d in seed_archive.documents if d.id == "2024-pudong-zheng-fu-gong-zuo-bao-gao")
    text = body_to_text(doc.body)
    first = topics(text)[0]
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "topic_stopwords.yaml").write_text(f"[{first}]\n", encoding="utf-8")
    archive = load_archive(tmp_path / "content")
    assert archive.topic_stopwords == {first}
    assert first not in document_tags(doc, text, [], archive.topic_stopwords)


def test_bad_stopword_file_names_the_file(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    bad = tmp_path / "content" / "topic_stopwords.yaml"
    bad.write_text("words: {调研: 1}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"topic_stopwords\.yaml:1: must be a list"):
        load_archive(tmp_path / "content")


def _doc(i: int, region: str, year: int, doc_type: str = "新闻报道") -> Document:
    meta = DocumentMeta(id=f"d{i}", title=f"文档{i}", region=region, year=year, doc_type=doc_type)
    return Document(meta, ROOT / f"d{i}.md", f"documents/x/d{i}.md", "")


def test_facet_tags_lead_to_browse_pages_and_topics_to_their_own():
    docs = [_doc(1, "浦东新区", 2024), _doc(2, "黄浦区", 2023, "政府工作报告")]
    tags = {"d1": ["浦东新区", "2024年", "新闻报道", "陈吉宁", "城市更新", "公式"],
            "d2": ["黄浦区", "2023年", "政府工作报告", "城市更新", "公示"]}
    targets, topic_docs = tag_targets(docs, tags, {"浦东新区": "pudong", "黄浦区": "huangpu"}, {"陈吉宁"})
    assert targets["浦东新区"] == paths.region("pudong")
    assert targets["2023年"] == paths.year(2023)
    assert targets["政府工作报告"] == paths.doc_type("政府工作报告")
    assert targets["陈吉宁"] == paths.person("陈吉宁")
    assert targets["城市更新"] == "tags/cheng-shi-geng-xin.md"
    assert [d.id for d in topic_docs["城市更新"]] == ["d1", "d2"]
    # homophones (gong-shi) get distinct pages, in a stable order
    assert {targets["公式"], targets["公示"]} == {"tags/gong-shi.md", "tags/gong-shi-2.md"}
    assert set(topic_docs) == {"城市更新", "公式", "公示"}
    pages = topic_pages(topic_docs, targets)
    assert "文档1" in pages["tags/cheng-shi-geng-xin.md"] and "文档2" in pages["tags/cheng-shi-geng-xin.md"]
    index = tag_index(topic_docs, targets)
    assert "[城市更新](cheng-shi-geng-xin.md)（2）" in index
    assert index.index("城市更新") < index.index("公式")   # most used first


def test_a_word_that_is_a_facet_somewhere_is_never_a_topic_page():
    docs = [_doc(1, "浦东新区", 2024), _doc(2, "黄浦区", 2024)]
    tags = {"d1": ["浦东新区"], "d2": ["黄浦区", "浦东新区"]}        # d2 mentions Pudong as a tag
    targets, topic_docs = tag_targets(docs, tags, {"浦东新区": "pudong", "黄浦区": "huangpu"}, set())
    assert targets["浦东新区"] == paths.region("pudong")
    assert "浦东新区" not in topic_docs


def test_built_chips_lead_to_pages_that_list_the_document(built_site):
    site = built_site / "site"
    page = site / "documents" / "pudong" / "2024-pudong-zheng-fu-gong-zuo-bao-gao" / "index.html"
    html = page.read_text(encoding="utf-8")
    chips = re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', html)
    assert len(chips) >= 5
    hrefs = dict((name, href) for href, name in chips)
    assert hrefs["浦东新区"] == "../../../regions/pudong/"
    assert hrefs["2024年"] == "../../../years/2024/"
    topic_hrefs = [h for h in hrefs.values() if "/tags/" in h]
    assert topic_hrefs
    for href in hrefs.values():
        target = (page.parent / href / "index.html").resolve()
        assert "2024年浦东新区政府工作报告" in target.read_text(encoding="utf-8"), href


def test_tag_index_is_small_and_links_every_listed_topic(built_site):
    index = built_site / "site" / "tags" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "主题词" in html and "按地区浏览" in html
    assert len(html.encode()) < 60_000                     # no listing of every document under every tag
    for href in re.findall(r'href="([a-z0-9-]+/)"', html):
        assert (index.parent / href / "index.html").is_file(), href
