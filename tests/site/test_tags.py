"""Tags: topics from the seed documents, where each chip leads, topic pages and the index."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from archivegen.markdown_io import body_to_text
from archivegen.contract import DocumentMeta
from archivegen.model import Document
from archivegen.site import paths
from archivegen.site.load import ContentError, load_archive
from archivegen.site.pages.tags import tag_index, tag_targets, topic_pages
from archivegen.site.run import build_site
from archivegen.site.tags import MIN_PHRASE_CHARS, curated_topics, enough, topics
from tests.conftest import ROOT

GENERIC = {"发展", "推进", "工作", "建设", "全力", "中心", "调研"}
# topic tags the issue found, words no reader browses by
JUNK = {"城市", "模式", "实体", "课题", "高参", "民力", "民智", "民意", "总书记"}


@pytest.fixture(scope="module")
def seed_archive():
    return load_archive(ROOT / "content")


@pytest.fixture(scope="module")
def seed_build(seed_archive):
    return build_site(seed_archive)


def _front(page: str) -> dict:
    import yaml

    return yaml.safe_load(page.split("---\n")[1])


def test_topics_come_from_the_vocabulary_stable_and_never_generic(seed_archive, seed_build):
    vocabulary = seed_build.vocabulary
    curated = set(curated_topics())
    for doc in seed_archive.documents:
        text = body_to_text(doc.body)
        found = topics(text, vocabulary)
        assert found == topics(text, vocabulary)           # same text, same topics
        assert not (GENERIC | JUNK) & set(found), (doc.id, found)
        assert doc.region not in found                     # the region is a tag already
        for t in found:
            assert t in set(vocabulary.spellings.values())
            assert t in curated or len(t) >= MIN_PHRASE_CHARS, t


def test_synonyms_are_one_tag(seed_archive, seed_build):
    minhang = next(d for d in seed_archive.documents if d.id == "2024-minhang-19-ge-zhong-dian-xiang-mu")
    tags = _front(seed_build.pages[minhang.rel])["tags"]
    assert "上海交通大学" in tags and "上海交大" not in tags


def test_a_tag_lists_every_document_that_uses_it_enough(seed_archive, seed_build):
    """城市更新 is in six seed documents: every one that uses it enough carries the tag,
    and the tag's page lists exactly those."""
    vocabulary = seed_build.vocabulary
    texts = {d.id: body_to_text(d.body) for d in seed_archive.documents}
    with_phrase = [d for d in seed_archive.documents if "城市更新" in texts[d.id]]
    assert len(with_phrase) == 6
    carriers = {d.title for d in seed_archive.documents
                if enough(vocabulary.uses(texts[d.id])["城市更新"], len(texts[d.id]))}
    assert len(carriers) >= 4
    page = seed_build.pages[seed_build.tag_pages["城市更新"]]
    # a list in Markdown, or as XML (site/fragments.py)
    listed = {html.unescape(a or b) for a, b in re.findall(r'^- \[([^\]]+)\]|<li><a href="[^"]+">([^<]+)</a>', page, re.M)}
    assert listed == carriers
    for doc in seed_archive.documents:
        assert ("城市更新" in _front(seed_build.pages[doc.rel])["tags"]) == (doc.title in carriers), doc.id


def test_enough_is_twice_once_in_a_short_text_and_dense_in_a_long_one():
    assert enough(1, 800) and not enough(1, 2500) and enough(2, 2500)
    assert not enough(2, 20000) and enough(8, 20000)


def test_contributor_stopwords_are_honoured(tmp_path, seed_archive):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "topic_stopwords.yaml").write_text("[城市更新]\n", encoding="utf-8")
    archive = load_archive(tmp_path / "content")
    assert archive.topic_stopwords == {"城市更新"}
    site = build_site(archive)
    assert "城市更新" not in set(site.vocabulary.spellings.values())
    for doc in archive.documents:
        assert "城市更新" not in _front(site.pages[doc.rel])["tags"]


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
