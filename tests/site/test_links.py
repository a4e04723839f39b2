"""Cross-links: people pages, region pages, tags, related documents, backlinks, and no
broken internal link anywhere in the built site."""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest

from archivegen.markdown_io import read
from archivegen.site.linkcheck import broken_links
from archivegen.site.related import related_documents
from tests.conftest import ROOT, mkdocs_build, run_cli


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


@pytest.mark.parametrize("name,href", [
    ("fuzz%203.txt", "../../downloads/sources/fuzz%25203.txt"),
    ("fuzz#1.txt", "../../downloads/sources/fuzz%231.txt"),
    ("报告 (2).txt", "../../downloads/sources/%E6%8A%A5%E5%91%8A%20%282%29.txt"),
    ("000_8116f20dcff8406d.txt", "../../downloads/sources/000_8116f20dcff8406d.txt"),
])
def test_a_link_is_a_url_that_leads_to_the_file_of_any_name(name, href):
    """A raw file keeps the name it came with; the link to it is percent-encoded, so a
    space, # or % in the name neither breaks the Markdown link nor points elsewhere."""
    from urllib.parse import unquote

    from archivegen.site import paths

    link = paths.link("documents/pudong/x.md", paths.source_file(f"sources/{name}"))
    assert link == href
    assert unquote(link) == f"../../downloads/sources/{name}"


@pytest.mark.slow
def test_raw_files_with_odd_names_pass_a_strict_build(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    news = (ROOT / "content" / "sources" / "003_e3f8721aa62b9b9f.txt").read_text(encoding="utf-8")
    for n, name in enumerate(["fuzz%203.txt", "fuzz#1.txt", "报告 (2).txt", "a&b'c\".txt"]):
        (raw / name).write_text(news.replace("2024", str(2010 + n)), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "build").mkdir()
    assert run_cli("import", "-q", str(raw), "--content", str(tmp_path / "content")).returncode == 0
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr[-2000:]
    assert not broken_links(tmp_path / "site")


def test_export_json(tmp_path):
    import json

    out = tmp_path / "archive.json"
    result = run_cli("export", "--json", "--content", str(ROOT / "content"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 11 and len(data["glossary"]) == 46
    pudong = next(d for d in data["documents"] if d["title"] == "2024年浦东新区政府工作报告")
    assert pudong["text"].startswith("各位代表")


def test_the_dataset_made_a_document_at_a_time_is_json_dumps_of_the_whole(tmp_path):
    # export_pieces assembles the file from each item's own encoding: the characters must be
    # those of encoding the whole at once (indent 1), with items, without, and nested
    import json

    from archivegen.export import export_json, export_pieces
    from archivegen.site.load import load_archive

    archive = load_archive(ROOT / "content")
    text = export_json(archive)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
    data = json.loads(text)
    assert len(data["documents"]) == 11 and data["compilations"] and data["glossary"]
    assert len(list(export_pieces(archive))) > 11          # a piece per document, not one string
    archive.documents.clear()
    archive.compilations.clear()
    empty = export_json(archive)
    assert empty == json.dumps(json.loads(empty), ensure_ascii=False, indent=1) + "\n"
    assert json.loads(empty)["documents"] == [] and json.loads(empty)["compilations"] == []
