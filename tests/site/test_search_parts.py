"""The search index in parts (site/pagefind_parts.py): the seed archive built with at most
12 pages per index, so its ~80 indexed pages make seven parts, against the seed site
built as shipped (one index)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from archivegen.site import search
from archivegen.site.pagefind_output import _read
from archivegen.site.pagefind_parts import ORDER_START, PART, deal, ranked_copy
from tests.conftest import ROOT, mkdocs_build
from tests.site.browser import serve

PER_INDEX = 12
MARKER = "  - archivegen:\n      content_dir: content\n"
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def _project(base: Path, per_index: int = PER_INDEX) -> Path:
    shutil.copytree(ROOT / "content", base / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert MARKER in config
    (base / "mkdocs.yml").write_text(config.replace(MARKER, MARKER + f"      search_pages_per_index: {per_index}\n"),
                                     encoding="utf-8")
    (base / "build").mkdir()
    return base


def _build(project: Path) -> str:
    result = mkdocs_build(project, EPOCH)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result.stderr


def _bundle(site: Path) -> dict[str, bytes]:
    root = site / "pagefind"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def parts_project(tmp_path_factory) -> Path:
    project = _project(tmp_path_factory.mktemp("parts-project"))
    said = _build(project)
    assert "search index in 7 parts (7 indexed, 0 from the build cache)" in said, said
    return project


# ------------------------------------------------------------------ units

def test_deal_gives_each_part_every_nth_page_in_date_order():
    pages = [("2024-03-01 c", "documents/c/index.html"), ("", "glossary/x/index.html"),
             ("2023-01-01 a", "documents/a/index.html"), ("2024-03-01 b", "documents/b/index.html"),
             ("2025-01-01 d", "documents/d/index.html"), ("", "people/y/index.html")]
    parts, ranks = deal(pages, 2)
    a, b, c, d = (f"documents/{x}/index.html" for x in "abcd")
    assert parts == [[a, d], [b, "glossary/x/index.html"], [c, "people/y/index.html"]]
    assert ranks == {"documents/a/index.html": 1, "documents/b/index.html": 2,
                     "documents/c/index.html": 3, "documents/d/index.html": 4}
    assert deal(pages, 6)[0] == [[p for _, p in sorted(pages, key=lambda p: (p[0] == "", p[0], p[1]))]]
    assert all(len(part) <= 1 for part in deal(pages, 1)[0]) and len(deal(pages, 1)[0]) == 6


def test_ranked_copy_sorts_by_rank_and_leaves_undated_pages():
    copy = '<span data-pagefind-sort="date:2024-03-01 doc-&amp;"></span><p>文</p>'
    assert ranked_copy(copy, 12) == '<span data-pagefind-sort="date:0000012"></span><p>文</p>'
    assert ranked_copy(copy, None) == copy


def test_article_only_copies_give_the_same_bundle(built_site, tmp_path, monkeypatch):
    """The copies Pagefind is given hold only the <html> tag and the article, without its
    asides: on the seed site's pages the bundle is byte for byte the one the whole pages
    give."""
    from archivegen.site.pagefind_feed import PagefindFeed

    site = built_site / "site"
    pages = [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    pages = [(rel, html) for rel, html in pages if search.indexed_section(rel)]
    bundles, sizes = [], []
    for trim in (False, True):
        if not trim:
            monkeypatch.setattr(search, "_article_only", lambda page: page)
            monkeypatch.setattr(search, "_without_asides", lambda page: page)
        else:
            monkeypatch.undo()
        feed = PagefindFeed.start(search.pagefind_options())
        size = 0
        for rel, html in pages:
            copy = search._index_copy(html, search.indexed_section(rel))
            size += len(copy)
            feed.add(rel, copy)
        out = tmp_path / str(trim)
        feed.finish(out)
        search.stabilise(out)
        bundles.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
        sizes.append(size)
    assert len(pages) > 50 and sizes[1] < sizes[0] / 2
    assert sum('class="ag-aside' in html for _, html in pages) > 20
    assert bundles[0] == bundles[1]


def test_a_copy_leaves_out_every_aside_and_only_them():
    page = ('<html><body><article class="md-content__inner"><p>正文一</p>'
            '<div class="ag-aside"><h2 id="相关文档">相关文档</h2><div class="x"><div>深</div></div><ul><li>甲</li></ul></div>'
            '<p>正文二</p><div class="ag-aside ag-cite"><p>引用</p></div><div class="ag-asides-not"><p>留</p></div>'
            '<div class="ag-aside"><p>没有结尾</p></article></body></html>')
    copy = search._without_asides(page)
    assert "相关文档" not in copy and "深" not in copy and "引用" not in copy
    assert "正文一" in copy and "正文二" in copy and "留" in copy
    assert "没有结尾" in copy                       # an aside without its end is left as it is
    assert search._without_asides("<p>无</p>") == "<p>无</p>"


# ------------------------------------------------------------------ the bundle in parts

def test_parts_are_merged_into_the_first(parts_project, built_site):
    bundle = parts_project / "site" / "pagefind"
    values = json.loads((bundle / search.FILTER_VALUES).read_text(encoding="utf-8"))
    assert values["parts"] == [PART.format(n) + "/" for n in range(1, 7)]
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.*.pagefind"))
    for part in values["parts"]:
        folder = bundle / part
        names = {p.relative_to(folder).parts[0] for p in folder.rglob("*") if p.is_file()}
        assert {"pagefind-entry.json", "fragment", "index", "filter"} <= names, names
        assert not {n for n in names if n.endswith(".js") or n.startswith("wasm.")}, names
    # a site that fits one index lists no parts
    single = built_site / "site" / "pagefind"
    assert "parts" not in json.loads((single / search.FILTER_VALUES).read_text(encoding="utf-8"))
    assert not list(single.glob("part-*"))


def _fragment_url(folder: Path, page_hash: str) -> str:
    data = gzip.decompress((folder / "fragment" / f"{page_hash}.pf_fragment").read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return json.loads(data[len(b"pagefind_dcd"):])["url"]


def test_each_part_sorts_its_pages_at_their_place_in_the_archive(parts_project):
    """What the worker's date sort relies on: in part j of n, the page at place p of the
    date order (place 0 is the part's order-start page) is page (p - 1)·n + j of the
    whole archive's date order."""
    site = parts_project / "site"
    dated = []
    for page in sorted((site / "documents").rglob("index.html")):
        m = re.search(r'data-pagefind-sort="date:([^"]*)"', page.read_text(encoding="utf-8"))
        if m:
            url = "/" + page.parent.relative_to(site).as_posix() + "/"
            dated.append((m.group(1).encode("utf-8"), url))
    rank = {url: i for i, (_, url) in enumerate(sorted(dated))}
    assert len(rank) == 11
    bundle = site / "pagefind"
    folders = [bundle] + [bundle / PART.format(n) for n in range(1, 7)]
    seen = set()
    for j, folder in enumerate(folders):
        meta = _read(next(folder.glob("pagefind.*.pf_meta")))
        pages = [page_hash for page_hash, _ in meta[1]]
        (name, order), = meta[4]
        assert name == "date"
        urls = [_fragment_url(folder, pages[i]) for i in order]
        assert urls[0].endswith(ORDER_START)
        for place, url in enumerate(urls[1:], start=1):
            assert rank[url] == (place - 1) * len(folders) + j, (folder.name, place, url)
            seen.add(url)
    assert seen == set(rank)


@pytest.mark.slow
def test_a_rebuild_indexes_again_only_the_parts_that_changed(tmp_path):
    project = _project(tmp_path / "p")
    assert "(7 indexed, 0 from the build cache)" in _build(project)
    first = _bundle(project / "site")
    assert "(0 indexed, 7 from the build cache)" in _build(project)
    assert _bundle(project / "site") == first
    # the kept files are linked into site/, not written again
    kept = next((project / ".cache" / "archivegen").glob("search-parts-*"))
    assert len([e for e in kept.iterdir() if e.is_dir()]) == 7
    assert (project / "site" / "pagefind" / "pagefind-entry.json").stat().st_nlink == 2
    # a part whose folder was not finished is indexed again, the others are not
    (sorted(kept.iterdir())[0] / ".complete").unlink()
    assert "(1 indexed, 6 from the build cache)" in _build(project)
    assert _bundle(project / "site") == first
    # one document's text edited: its part, and parts whose pages quote it, are indexed again
    doc = project / "content" / "documents" / "minhang" / "2024-minhang-19-ge-zhong-dian-xiang-mu.md"
    doc.write_text(doc.read_text(encoding="utf-8").rstrip("\n") + "\n\n另加一段用于测试的文字。\n", encoding="utf-8")
    said = _build(project)
    indexed = int(re.search(r"\((\d+) indexed, (\d+) from the build cache\)", said).group(1))
    assert 1 <= indexed < 7, said
    edited = _bundle(project / "site")
    assert edited != first
    # … and the bundle is the one a build without any cache writes
    cold = tmp_path / "cold"
    shutil.copytree(project / "content", cold / "content")
    shutil.copy(project / "mkdocs.yml", cold / "mkdocs.yml")
    (cold / "build").mkdir()
    assert "(7 indexed, 0 from the build cache)" in _build(cold)
    assert _bundle(cold / "site") == edited


# ------------------------------------------------------------------ in the browser: the same answers as one index

@pytest.fixture(scope="session")
def parts_url(parts_project):
    with serve(parts_project / "site") as url:
        yield url


def _answers(page, query: str, sort: str = "") -> list[str]:
    """The titles of the results a reader sees for `query` (sorted by date: `sort`)."""
    from tests.site.browser import search_results

    search_results(page, query)
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item h1')].length > 0",
                           timeout=20000)
    if sort:
        page.locator(".ag-filters select[data-key='sort']").select_option(sort)
        start = "最新的" if sort == "date:desc" else "最早的"
        page.wait_for_function(f"() => document.querySelector('.md-search-result__meta').textContent.startsWith('{start}')",
                               timeout=20000)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item article')]
        .filter(a => a.querySelector('.ag-result-meta'))
        .map(a => a.querySelector('h1').textContent.replace(/\\u200b/g, '').trim())""")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("query,sort", [("上海", "date:desc"), ("上海", "date:asc"), ("城市更新", "date:desc"),
                                        ("两旧一村", ""), ("陈吉宁", ""), ("浦东", "")])
def test_parts_answer_as_one_index_does(browser, site_url, parts_url, query, sort):
    """Sorted by date the lists are identical; by relevance the same pages are found (each
    part scores with its own word statistics, so the order may differ)."""
    from tests.site.browser import local_page

    answers = []
    for url in (site_url, parts_url):
        page = local_page(browser, url)
        try:
            page.goto(url)
            answers.append(_answers(page, query, sort))
            assert not page.blocked, page.blocked
        finally:
            page.context.close()
    one, parts = answers
    assert one, query
    if sort:
        assert parts == one
    else:
        assert sorted(parts) == sorted(one)


def test_pages_per_index_below_one_is_refused(tmp_path):
    project = _project(tmp_path / "p", per_index=0)
    result = mkdocs_build(project, EPOCH)
    assert result.returncode != 0
    assert "search_pages_per_index in mkdocs.yml must be at least 1 (it is 0)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_site_that_outgrows_one_indexer_while_written_is_indexed_in_parts(built_site, tmp_path):
    """Without the number of pages known beforehand, the indexer is stopped at the limit,
    and the parts are the ones a build that knew it writes."""
    bundles = []
    for known in (False, True):
        site = tmp_path / str(known)
        shutil.copytree(built_site / "site", site)
        index = None
        if known:
            index = search.SearchIndex.start(30, expected=10_000)
            assert index.feed is None and index.in_parts
            for page in sorted(site.rglob("*.html")):
                rel = page.relative_to(site).as_posix()
                index.add_page(rel, page.read_text(encoding="utf-8"))
        said = search.after_build(site, "pagefind", index, cache=None, pages_per_index=30)
        assert said == "search index in 3 parts (3 indexed, 0 from the build cache)"
        bundles.append(_bundle(site))
    assert bundles[0] == bundles[1]
    assert json.loads(bundles[0][search.FILTER_VALUES])["parts"] == ["part-1/", "part-2/"]


def test_a_page_changed_on_disk_during_the_build_is_named(built_site, tmp_path):
    """The parts are keyed by each page as it was written and indexed from the page on
    disk: a page changed in between stops the build, named, rather than index other text
    than the key says."""
    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site)
    index = search.SearchIndex.start(30, expected=10_000)
    for page in sorted(site.rglob("*.html")):
        index.add_page(page.relative_to(site).as_posix(), page.read_text(encoding="utf-8"))
    changed = site / "glossary" / next(p for p in sorted((site / "glossary").iterdir()) if p.is_dir()).name / "index.html"
    changed.write_text(changed.read_text(encoding="utf-8").replace("</article>", "<p>后来加的</p></article>", 1),
                       encoding="utf-8")
    with pytest.raises(search.SearchBuildError, match=re.escape(changed.relative_to(site).as_posix())):
        search.after_build(site, "pagefind", index, cache=None, pages_per_index=30)
