"""Glossary: 46 entries from the seeds, and every cross-document term annotated in the
built HTML of the documents that use it, with a tooltip and a link that resolves."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from archivegen.markdown_io import read
from archivegen.site.glossary import normalize
from tests.conftest import ROOT


def _entries():
    return [read(p) for p in sorted((ROOT / "content" / "glossary").glob("*.md"))]


def _doc_pages(site: Path) -> dict[str, Path]:
    """title → built HTML page of every document."""
    out = {}
    for p in (ROOT / "content" / "documents").rglob("*.md"):
        meta, _ = read(p)
        rel = p.relative_to(ROOT / "content").with_suffix("")
        out[meta["title"]] = site / rel / "index.html"
    return out


def test_46_entries_with_definitions():
    entries = _entries()
    assert len(entries) == 46
    by_doc = {}
    for meta, body in entries:
        assert body.strip(), meta["term"]
        by_doc[meta["defined_in"]] = by_doc.get(meta["defined_in"], 0) + 1
    assert sorted(by_doc.values()) == [12, 34]


def _entry_for(term: str):
    """The glossary entry (front matter, id) whose term or an alias is `term`."""
    key = normalize(term)
    for path in sorted((ROOT / "content" / "glossary").glob("*.md")):
        meta, body = read(path)
        if key in {normalize(meta["term"]), *(normalize(a) for a in meta.get("aliases") or [])}:
            return meta, body, path.stem
    return None


def test_cross_document_terms_are_annotated(built_site, expected):
    site = built_site / "site"
    pages = _doc_pages(site)
    for term, where in expected["cross_document_terms"].items():
        found = _entry_for(term)
        assert found, f"no glossary entry for {term}"
        meta, definition, entry_id = found
        term_page = (site / "glossary" / entry_id / "index.html").resolve()
        assert term_page.exists()
        for title in where.get("also_used_in", []):
            html = pages[title].read_text(encoding="utf-8")
            # the term is linked in the text, and the page's 本文术语 list holds the whole
            # definition under the same link (what the popover shows)
            linked = {(pages[title].parent / re.search(r'href="([^"]+)"', tag).group(1)).resolve() / "index.html"
                      for tag in re.findall(r"<a [^>]*ag-term[^>]*>", html)}
            assert term_page in linked, f"{term} is not annotated in {title}"
            listed = dict(re.findall(r'<dt><a href="([^"]+)">.*?</a></dt>\s*<dd>(.*?)</dd>', html, re.S))
            shown = {(pages[title].parent / h).resolve() / "index.html": unescape(d) for h, d in listed.items()}
            from archivegen.site.escape import plain

            whole = " ".join(plain(definition).split())
            assert shown.get(term_page) == whole, f"{term}: the definition on {title} is not the whole one"


def test_term_page_lists_uses_with_counts_and_snippets(built_site):
    page = built_site / "site" / "glossary"
    html = next(p for p in page.glob("*/index.html") if "两旧一村" in p.read_text(encoding="utf-8")
                and "出现在" in p.read_text(encoding="utf-8")).read_text(encoding="utf-8")
    m = re.search(r"出现在 (\d+) 篇文档中（共 (\d+) 处）", html)
    assert m and int(m.group(1)) >= 2
    assert "2024年上海市政府工作报告" in html


def test_glossary_index_groups_terms(built_site):
    html = (built_site / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    terms = {normalize(read(p)[0]["term"]) for p in (ROOT / "content" / "glossary").glob("*.md")}
    assert f"共 {len(terms)} 个术语" in html and len(terms) >= 40     # one line per term, not per entry
    assert re.search(r"<h2[^>]*>L", html)  # 两旧一村 files under L


def test_appendix_renders_as_a_list_of_linked_terms(built_site):
    pudong = built_site / "site" / "documents" / "pudong" / "2024-pudong-zheng-fu-gong-zuo-bao-gao" / "index.html"
    html = pudong.read_text(encoding="utf-8")
    assert re.search(r"<strong><a href=\"[^\"]*glossary/[^\"]+\">“两旧一村”改造</a></strong>", html)


def test_jieba_learns_terms(built_site):
    words = (built_site / "build" / ".jieba_userdict.txt").read_text(encoding="utf-8").split("\n")
    assert any(w.startswith("两旧一村 ") for w in words)


def test_a_term_defined_twice_links_to_its_one_page(fresh_project):
    """Two reports with the same appendix (a re-published report, next year's report
    repeating a note): both appendices and note markers link to the term's single page."""
    import posixpath

    from archivegen.markdown_io import dump, read
    from archivegen.site.load import load_archive
    from archivegen.site.run import build_site
    content = fresh_project / "content"
    original = next((content / "documents").rglob("2024-huangpu-zheng-fu-gong-zuo-bao-gao.md"))
    meta, body = read(original)
    copy_id = "2025-huangpu-copy"
    meta = {**meta, "id": copy_id, "title": "2025年黄浦区政府工作报告", "year": 2025, "date": "2025-01-10"}
    (original.parent / f"{copy_id}.md").write_text(dump(meta, body), encoding="utf-8")
    copies = 0
    for entry in sorted((content / "glossary").glob("*.md")):
        emeta, ebody = read(entry)
        if emeta.get("defined_in") == "2024-huangpu-zheng-fu-gong-zuo-bao-gao":
            (entry.parent / f"{entry.stem}-copy.md").write_text(dump({**emeta, "defined_in": copy_id}, ebody),
                                                               encoding="utf-8")
            copies += 1
    assert copies == 12

    site = build_site(load_archive(content))
    page = f"documents/huangpu/{copy_id}.md"
    targets = re.findall(r"\]\((\.\./\.\./glossary/[^ )]+\.md)", site.pages[page])
    assert len(targets) >= 12
    for target in targets:
        resolved = posixpath.normpath(posixpath.join("documents/huangpu", target))
        assert resolved in site.pages, target
        assert not resolved.endswith("-copy.md")
