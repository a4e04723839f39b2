"""Cross-links: people pages, region pages, tags, related documents, backlinks, and no
broken internal link anywhere in the built site."""

from __future__ import annotations

import re
from html import unescape

from archivegen.markdown_io import read
from archivegen.site.linkcheck import broken_links
from archivegen.site.links import related_documents
from tests.conftest import ROOT, run_cli


def test_person_page_lists_their_documents_with_roles(built_site, expected):
    want = sorted(d["title"] for d in expected["documents"] if "陈吉宁" in d.get("people", []))
    assert len(want) == 3
    html = (built_site / "site" / "people" / "chen-ji-ning" / "index.html").read_text(encoding="utf-8")
    for title in want:
        assert title in html
    assert "提及此人的文档（3 篇）" in html
    assert "市委书记" in html
    assert "<blockquote>" in html   # the sentences that mention him


def test_region_page_lists_its_documents(built_site, expected):
    html = (built_site / "site" / "regions" / "pudong" / "index.html").read_text(encoding="utf-8")
    for d in expected["documents"]:
        if d["region"] == "浦东新区":
            assert d["title"] in html


def test_every_document_page_shows_tags_links_and_its_citation(built_site):
    from archivegen.site.pages.document import citation_code

    site_url = re.search(r"^site_url:\s*(\S+)", (built_site / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    for md in (ROOT / "content" / "documents").rglob("*.md"):
        meta, _ = read(md)
        rel = md.relative_to(ROOT / "content").with_suffix("")
        html = (built_site / "site" / rel / "index.html").read_text(encoding="utf-8")
        assert 'class="md-tag' in html, md.name
        # a list section is there only with something in it (never 暂无 on every page)
        assert "暂无" not in html, md.name
        for section in ("相关文档", "引用本文的文档"):
            if re.search(f">{section}<a ", html):
                assert re.search(f">{section}<a .*?</h2>\\s*<ul>\\s*<li>", html, re.S), (md.name, section)
        # the citation: title, citation code, the page's full address, 推断 where the date is inferred
        cite = unescape(re.sub(r"<[^>]+>", "", re.search(r'<p class="ag-cite__text">(.*?)</p>', html, re.S).group(1)))
        assert f"《{meta['title']}》" in cite, md.name
        assert citation_code(meta["id"]) in cite and f"{site_url.rstrip('/')}/{rel.as_posix()}/" in cite, md.name
        assert ("（推断）" in cite) == bool(meta.get("date_inferred")), md.name
        assert "访问日期" in cite
        assert meta["region"] in re.sub(r"<[^>]+>", "", html)


def test_related_documents_prefer_same_topic():
    texts = {
        "a": "城市更新旧区改造旧住房成套改造城中村改造" * 5,
        "b": "旧区改造城中村改造城市更新加快推进" * 5,
        "c": "集成电路生物医药人工智能先导产业" * 5,
        "d": "人工智能大模型集成电路产业集群" * 5,
    }
    rel = related_documents(texts, k=1)
    assert rel["a"] == ["b"] and rel["c"] == ["d"]


def test_no_broken_internal_links(built_site):
    problems = broken_links(built_site / "site")
    assert not problems, problems[:10]


def test_check_command_crawls_the_site(built_site):
    result = run_cli("check", "--content", str(built_site / "content"), "--site", str(built_site / "site"))
    assert result.returncode == 0, result.stderr
    assert "all internal links" in result.stdout
    broken = built_site / "site" / "broken.html"
    broken.write_text('<a href="nowhere/">x</a>', encoding="utf-8")
    try:
        result = run_cli("check", "--content", str(built_site / "content"), "--site", str(built_site / "site"))
        assert result.returncode == 1 and "nowhere/" in result.stderr
    finally:
        broken.unlink()


def test_export_json(tmp_path):
    import json

    out = tmp_path / "archive.json"
    result = run_cli("export", "--json", "--content", str(ROOT / "content"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 11 and len(data["glossary"]) == 46
    pudong = next(d for d in data["documents"] if d["title"] == "2024年浦东新区政府工作报告")
    assert pudong["text"].startswith("各位代表")
