"""Search with Pagefind behind Material's own search UI (archivegen.site.search).

The unit tests need only Pagefind's indexer; the browser tests build the seed archive
with `search: pagefind` forced and use it in Debian's Chromium, with every request to a
host other than the local server blocked and recorded."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from archivegen.site import search
from tests.conftest import ROOT, mkdocs_build
from tests.site.browser import open_search, screenshot, search_results

WORKER_JSON = '"search": "assets/pagefind-worker.js'


# ------------------------------------------------------------------ units

@pytest.mark.parametrize("setting,n,threshold,engine", [
    ("material", 50_000, 300, "material"),
    ("pagefind", 1, 300, "pagefind"),
    ("auto", 11, 300, "material"),
    ("auto", 300, 300, "material"),
    ("auto", 301, 300, "pagefind"),
    ("auto", 0, 0, "material"),
])
def test_choose_engine(setting, n, threshold, engine):
    assert search.choose_engine(setting, n, threshold) == engine


def test_page_front_matter_keeps_pages_out_of_lunr_only_with_pagefind():
    assert search.page_front_matter("material") == {}
    assert search.page_front_matter("pagefind") == {"search": {"exclude": True}}


def _tiny_site(site: Path, worker: bool = True) -> None:
    config = WORKER_JSON + '?v=1"' if worker else '"search": "assets/javascripts/workers/search.x.min.js"'
    (site / "index.html").parent.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(f'<html lang="zh"><body><script id="__config">{{{config}}}</script>'
                                     '<article class="md-content__inner">首页</article></body></html>', encoding="utf-8")
    for rel, text in [("documents/pudong/a/index.html", "浦东新区推进“两旧一村”改造，陈吉宁调研。"),
                      ("glossary/liang-jiu-yi-cun/index.html", "“两旧一村”改造：指旧区改造、旧住房成套改造和城中村改造。"),
                      ("glossary/index.html", "名词解释：两旧一村")]:
        page = site / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html lang="zh"><body><nav>导航</nav><article class="md-content__inner md-typeset">'
                        f'<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>{text}</p></article></body></html>',
                        encoding="utf-8")


def test_after_build_writes_the_pagefind_bundle(tmp_path):
    _tiny_site(tmp_path)
    search.after_build(tmp_path, "pagefind")
    bundle = tmp_path / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    # the document and the glossary term; not the home page or the glossary's listing
    assert entry["languages"]["zh"]["page_count"] == 2
    assert not (bundle / "pagefind-ui.js").exists()      # Material's UI is used, not Pagefind's


def test_after_build_writes_the_filter_values(tmp_path):
    _tiny_site(tmp_path)
    search.after_build(tmp_path, "pagefind")
    values = json.loads((tmp_path / "pagefind" / search.FILTER_VALUES).read_text(encoding="utf-8"))
    # the kind of every page, from the folder it is in; no document data: no region, year, sort
    assert values == {"filters": {"kind": ["文档", "名词解释"], "type": ["名词解释"]}, "sorts": []}


def test_the_bundle_is_the_same_for_the_same_pages(tmp_path):
    """Pagefind writes filter values in hash-map order; pagefind_output puts them in one."""
    from archivegen.site import pagefind_output

    bundles = []
    for run in ("a", "b", "c"):
        _tiny_site(tmp_path / run)
        search.after_build(tmp_path / run, "pagefind")
        bundle = tmp_path / run / "pagefind"
        bundles.append({p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()})
    assert bundles[0] == bundles[1] == bundles[2]
    for path, data in bundles[0].items():                 # every file Pagefind reads back, read and written again
        if path.suffix in (".pf_meta", ".pf_filter"):
            import gzip

            raw = gzip.decompress(data)
            value, end = pagefind_output.decode(raw, len(pagefind_output.SIGNATURE))
            assert end == len(raw) and pagefind_output.SIGNATURE + pagefind_output.encode(value) == raw


def test_cbor_round_trip():
    from archivegen.site.pagefind_output import decode, encode

    for value in (0, 23, 24, 255, 256, 65535, 65536, 2**32, -1, -500, "", "浦东新区", b"\x00\xff", [], [1, ["a", [2, 3]]],
                  None, True, False, list(range(300))):
        data = encode(value)
        assert decode(data) == (value, len(data))


def test_index_copy_leaves_out_the_card_and_weighs_other_kinds_less():
    page = ('<html><body><article class="md-content__inner md-typeset"><h1>标题</h1>'
            '<p id="p-0123abcd">正文</p></article></body></html>')
    doc = search._index_copy(page, "documents")
    assert 'id="p-0123abcd"' not in doc and "data-pagefind-weight" not in doc
    assert '<span data-pagefind-filter="kind:文档"></span>' in doc
    term = search._index_copy(page, "glossary")
    assert '<article class="md-content__inner md-typeset" data-pagefind-weight="0.05">' in term
    assert 'data-pagefind-filter="kind:名词解释"' in term and 'data-pagefind-filter="type:名词解释"' in term
    # words about the archive are not indexed: they filled the snippets (SHA-256 编辑文件 …)
    for selector in (".ag-card", ".ag-edit-file", ".ag-defined-in", ".ag-aside"):
        assert selector in search.EXCLUDE_SELECTORS


def _doc(**meta):
    import datetime as dt
    from types import SimpleNamespace

    defaults = dict(date=dt.date(2024, 1, 17), year=2024, date_inferred=False, speaker="吴金城", author=None, issuer=None)
    m = SimpleNamespace(**{**defaults, **meta})
    return SimpleNamespace(meta=m, id="2024-pudong", doc_type="政府工作报告", region="浦东新区", year=m.year,
                           date=m.date.isoformat() if m.date else None)


def test_document_data_carries_filters_sort_and_metadata():
    html = search.document_data(_doc())
    assert html.startswith('<div class="ag-search-data" hidden>')
    assert not re.sub(r"<[^>]+>", "", html).strip()          # attributes only: nothing shown or indexed
    for attribute in ('data-pagefind-filter="type:政府工作报告"', 'data-pagefind-filter="region:浦东新区"',
                      'data-pagefind-filter="year:2024"', 'data-pagefind-sort="date:2024-01-17 2024-pudong"',
                      'data-pagefind-meta="date:2024-01-17"', 'data-pagefind-meta="region:浦东新区"',
                      'data-pagefind-meta="speaker:吴金城"'):
        assert attribute in html
    from archivegen.site.pages.document import citation_code
    assert f'data-pagefind-meta="code:{citation_code("2024-pudong")}"' in html
    assert "issuer" not in html                   # a document without an issuer has no 发文机关 filter
    assert 'data-pagefind-sort="date:2024-00-00 2024-pudong"' in search.document_data(_doc(date=None))
    undated = search.document_data(_doc(date=None, year=None))
    assert "date:" not in undated and "year:" not in undated


def test_document_data_reads_the_issuer_and_escapes_every_value():
    html = search.document_data(_doc(issuer='国务院"><script>alert(1)</script>', speaker="a\nb"))
    assert 'data-pagefind-filter="issuer:国务院&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>" not in html and 'speaker:a b"' in html


def test_filter_values_are_ordered_for_the_bar():
    counts = {"year": {"2023": 2, "2025": 1, "2024": 5},
              "type": {"名词解释": 40, "传达稿": 2, "政府工作报告": 6, "人物": 9},
              "region": {"上海市": 3, "浦东新区": 4, "黄浦区": 1},
              "sort:date": {"2024-01-17": 1}}
    values = search.filter_values(counts)
    assert values["filters"]["year"] == ["2025", "2024", "2023"]
    assert values["filters"]["type"] == ["政府工作报告", "传达稿", "名词解释", "人物"]
    assert values["filters"]["region"] == ["浦东新区", "上海市", "黄浦区"]
    assert "issuer" not in values["filters"] and values["sorts"] == ["date"]


def test_after_build_is_a_no_op_for_material(tmp_path):
    _tiny_site(tmp_path, worker=False)
    search.after_build(tmp_path, "material")
    assert not (tmp_path / "pagefind").exists()


def test_after_build_refuses_pages_that_still_use_lunr(tmp_path):
    _tiny_site(tmp_path, worker=False)
    with pytest.raises(search.SearchBuildError, match="lunr worker"):
        search.after_build(tmp_path, "pagefind")


def test_after_build_says_when_nothing_was_indexed(tmp_path):
    _tiny_site(tmp_path)
    shutil.rmtree(tmp_path / "documents")
    shutil.rmtree(tmp_path / "glossary")
    (tmp_path / "glossary").mkdir()
    with pytest.raises(search.SearchBuildError, match="indexed no page"):
        search.after_build(tmp_path, "pagefind")


def test_configure_points_material_at_the_worker_only_with_pagefind(tmp_path):
    from mkdocs.config import load_config

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "build").mkdir()
    config = load_config(str(tmp_path / "mkdocs.yml"))
    dirs = list(config.theme.dirs)
    search.configure(config, "material", tmp_path / "build")
    assert config.theme.dirs == dirs and "archivegen_search" not in config.extra
    # Material's own search segments with jieba: it gets the build's user dictionary
    assert config.plugins["material/search"].config.jieba_dict_user == str(tmp_path / "build" / ".jieba_userdict.txt")
    search.configure(config, "pagefind", tmp_path / "build")
    assert config.theme.dirs[0] == str(search.OVERRIDES)
    assert config.extra["archivegen_search"]["worker"].startswith(search.WORKER + "?v=")
    assert config.extra["archivegen_search"]["material_worker"].startswith("assets/javascripts/workers/search.")


# ------------------------------------------------------------------ the seed archive, as shipped (Pagefind)

@pytest.fixture(scope="session")
def pagefind_site(built_site) -> Path:
    return built_site / "site"


@pytest.fixture(scope="session")
def pagefind_url(site_url):
    return site_url


def test_default_build_uses_pagefind_not_lunr(pagefind_site):
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert WORKER_JSON in home and "workers/search." not in home.split('id="__config"')[1]
    assert (pagefind_site / "assets" / "pagefind-worker.js").is_file()
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    index = json.loads((pagefind_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []                          # nothing for lunr: readers don't download it
    assert index["config"]["lang"] == ["zh"]            # Material's on-page highlighting still needs this
    # the result count says what the worker returns: the best results, not all matches
    config = json.loads(home.split('<script id="__config" type="application/json">')[1].split("</script>")[0])
    assert config["translations"]["search.result.other"] == "最相关的 # 个结果"


def test_document_asides_are_not_indexed(pagefind_site):
    """Pagefind reads the text of a document, not the lists of other titles around it."""
    page = pagefind_site / "documents" / "pudong" / "2024-pudong-zheng-fu-gong-zuo-bao-gao" / "index.html"
    html = page.read_text(encoding="utf-8")
    aside = html.index('<div class="ag-aside">')
    assert html.index('id="本文术语"') > aside and html.index('id="相关文档"') > aside
    assert ".ag-aside" in search.EXCLUDE_SELECTORS and ".ag-pilcrow" in search.EXCLUDE_SELECTORS


# ------------------------------------------------------------------ `search: material` still works

@pytest.fixture(scope="session")
def material_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("material-project")
    shutil.copytree(ROOT / "content", project / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "  - archivegen:\n      content_dir: content\n"
    assert marker in config
    (project / "mkdocs.yml").write_text(config.replace(marker, marker + "      search: material\n"), encoding="utf-8")
    (project / "build").mkdir()
    result = mkdocs_build(project, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


@pytest.mark.slow
def test_material_mode_ships_lunr(material_site):
    home = (material_site / "index.html").read_text(encoding="utf-8")
    assert '"search": "assets/javascripts/workers/search.' in home
    assert not (material_site / "pagefind").exists()
    index = json.loads((material_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"].startswith("documents/pudong/") for d in index["docs"])


@pytest.fixture
def pf_page(page_factory, pagefind_url, pagefind_site):
    """The home page of the seed site; requests to other hosts are blocked (page.blocked)
    and every request is recorded (page.requested)."""
    page = page_factory()
    page.site_dir = str(pagefind_site)
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url))
    page.goto(pagefind_url)
    return page


def _plain(text: str) -> str:
    return text.replace("\u200b", "").strip()


@pytest.mark.browser
@pytest.mark.slow
def test_term_results_have_title_and_snippet(pf_page, pagefind_url):
    items = search_results(pf_page, "两旧一村")
    assert items.count() >= 3
    for i in range(items.count()):
        item = items.nth(i)
        assert _plain(item.locator("h1").inner_text())
        snippet = item.locator("article p").first
        assert "两旧一村" in _plain(snippet.inner_text())
        # the typed word is marked, not its parts elsewhere (旧 in 旧区)
        assert {_plain(m) for m in snippet.locator("mark").all_inner_texts()} == {"两旧一村"}
    titles = [_plain(t) for t in items.locator("h1").all_inner_texts()]
    assert "2024年上海市政府工作报告" in titles
    assert "把贯彻落实习近平总书记考察上海重要讲话精神作为今年工作鲜明主题" in titles
    meta = _plain(pf_page.locator(".md-search-result__meta").inner_text())
    assert meta.endswith("个结果"), meta
    screenshot(pf_page, "pagefind-search-1280")
    assert not pf_page.blocked, pf_page.blocked


@pytest.mark.browser
@pytest.mark.slow
def test_person_query_shows_the_persons_documents(pf_page):
    from archivegen.markdown_io import read

    theirs = sorted(read(p)[0]["title"] for p in (ROOT / "content" / "documents").rglob("*.md")
                    if "陈吉宁" in (read(p)[0].get("people") or []))
    assert theirs
    items = search_results(pf_page, "陈吉宁")
    titles = [_plain(t) for t in items.locator("h1").all_inner_texts()]
    assert titles[0] == "陈吉宁"                          # the person's own page first
    for title in theirs:
        assert title in titles, (title, titles)
    assert not pf_page.blocked, pf_page.blocked


@pytest.mark.browser
@pytest.mark.slow
def test_place_and_phrase(pf_page):
    items = search_results(pf_page, "城市更新")
    titles = [_plain(t) for t in items.locator("h1").all_inner_texts()]
    assert "传达学习市委主要领导调研浦东新区指示要求" in titles
    for snippet in items.locator("article p:first-of-type").all_text_contents():
        assert "城市更新" in _plain(snippet)                # a phrase, not 城市 … 更新 apart


@pytest.mark.browser
@pytest.mark.slow
def test_keyboard_down_and_enter_opens_a_result(pf_page, pagefind_url):
    items = search_results(pf_page, "陈吉宁")
    first = items.first.locator("a").first
    href = first.get_attribute("href")
    title = _plain(first.locator("h1").inner_text())
    pf_page.keyboard.press("ArrowDown")
    assert pf_page.evaluate("document.activeElement.getAttribute('href')") == href
    pf_page.keyboard.press("Enter")
    pf_page.wait_for_function("(h) => location.href === h", arg=href, timeout=10000)
    pf_page.wait_for_function("(t) => document.querySelector('article h1')?.textContent.includes(t)", arg=title,
                              timeout=10000)
    assert pf_page.url.startswith(pagefind_url)
    # Material highlights the query on the page opened from a result
    assert "陈吉宁" in _plain(pf_page.locator("article mark[data-md-highlight]").first.inner_text())
    assert not pf_page.blocked, pf_page.blocked


@pytest.mark.browser
@pytest.mark.slow
def test_enter_in_the_box_opens_the_best_result(pf_page):
    items = search_results(pf_page, "两旧一村")
    best = items.first.locator("a").first.get_attribute("href")
    title = _plain(items.first.locator("h1").inner_text())
    pf_page.locator(".md-search__input").press("Enter")
    pf_page.wait_for_function("(h) => location.href === h", arg=best, timeout=10000)
    pf_page.wait_for_function("(t) => document.querySelector('article h1')?.textContent.includes(t)", arg=title,
                              timeout=10000)
    assert pf_page.url == best and title in _plain(pf_page.locator("article h1").inner_text())


@pytest.mark.browser
@pytest.mark.slow
def test_no_request_leaves_the_local_server(pf_page, pagefind_url):
    for query in ("浦东", "陈吉宁", "两旧一村"):
        search_results(pf_page, query)
        pf_page.locator(".md-search__input").fill("")
    assert not pf_page.blocked, pf_page.blocked
    assert pf_page.requested and all(u.startswith(pagefind_url) or u.startswith("data:") for u in pf_page.requested)
    # the index is read in pieces: some index chunks and fragments, never all of them
    site = Path(pf_page.site_dir) / "pagefind"
    for folder in ("index", "fragment"):
        fetched = {u.split("?")[0].rsplit("/", 1)[1] for u in pf_page.requested if f"/pagefind/{folder}/" in u}
        assert fetched, folder
        assert fetched <= {p.name for p in (site / folder).iterdir()}
    fragments = {p.name for p in (site / "fragment").iterdir()}
    fetched = {u.rsplit("/", 1)[1] for u in pf_page.requested if "/pagefind/fragment/" in u}
    assert len(fetched) < len(fragments)


def test_fragments_do_not_repeat_paragraphs(pagefind_site):
    """A result's fragment holds the page text once: paragraph ids (permalinks) are not
    anchors in the index, headings are."""
    import gzip

    elements = set()
    for fragment in (pagefind_site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        elements |= {a["element"] for a in record["anchors"]}
    assert "h2" in elements and "p" not in elements
    page = pagefind_site / "documents" / "pudong" / "2024-pudong-zheng-fu-gong-zuo-bao-gao" / "index.html"
    assert search.PARAGRAPH_ID.search(page.read_text(encoding="utf-8"))     # the site keeps them


@pytest.mark.browser
@pytest.mark.slow
def test_a_term_the_indexer_keeps_whole_is_found_everywhere(pf_page):
    """三所联动: Pagefind's dictionary and the browser split it differently. The term page
    and every document that holds it are found, no page that only has 三 or 联动, and each
    snippet shows the term as typed."""
    from archivegen.markdown_io import read

    holders = sorted(read(p)[0]["title"] for p in (ROOT / "content" / "documents").rglob("*.md")
                     if "三所联动" in read(p)[1])
    assert len(holders) == 3
    items = search_results(pf_page, "三所联动")
    titles = [_plain(t) for t in items.locator("h1").all_inner_texts()]
    assert sorted(titles) == sorted(holders + ["三所联动"])
    for snippet in items.locator("article p:first-of-type").all_text_contents():
        assert "三所联动" in _plain(snippet)


# ------------------------------------------------------------------ ranking, filters, hints, stepping through marks

PUDONG_REPORT = "2024年浦东新区政府工作报告"
OTHER_KINDS = ("名词解释", "人物", "汇编")        # what a result that is not a document says it is


def _documents() -> list[tuple[dict, str]]:
    from archivegen.markdown_io import read

    return [read(p) for p in sorted((ROOT / "content" / "documents").rglob("*.md"))]


def _rows(page) -> list[dict]:
    """Each result a reader sees: its title, its type · region · date line, its snippet."""
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
        const article = item.querySelector('article')
        const text = sel => (article.querySelector(sel)?.textContent || '').replace(/\\u200b/g, '').trim()
        return { title: text('h1'), meta: text('.ag-result-meta'), snippet: text('p'),
                 href: item.querySelector('a').href }
    })""")


def _is_document(row: dict) -> bool:
    return row["meta"].split(" · ")[0] not in OTHER_KINDS


def _wait_rows(page, condition: str, timeout: int = 20000) -> list[dict]:
    """The results once `condition` (a JS expression over `rows`, each {title, meta, snippet}) holds."""
    page.wait_for_function(f"""() => {{
        const rows = [...document.querySelectorAll('.md-search-result__item')].map(i => i.querySelector('article')).map(a => ({{
            title: (a.querySelector('h1')?.textContent || '').replace(/\\u200b/g, ''),
            meta: a.querySelector('.ag-result-meta')?.textContent || '',
            snippet: (a.querySelector('p')?.textContent || '').replace(/\u200b/g, '') }}))
        return {condition}
    }}""", timeout=timeout)
    return _rows(page)


def _filter(page, key: str, value: str) -> None:
    page.locator(f".ag-filters select[data-key='{key}']").select_option(value)


@pytest.fixture
def pf_phone(page_factory, pagefind_url):
    page = page_factory(375, 812)
    page.goto(pagefind_url)
    return page


@pytest.mark.browser
@pytest.mark.slow
def test_a_place_lists_the_documents_that_hold_it_first(pf_page):
    """浦东: every document whose text (or region) has it, before any term, person or
    compilation page; the report that uses it 87 times first."""
    holders = {meta["title"] for meta, body in _documents() if "浦东" in body or "浦东" in (meta.get("region") or "")}
    assert len(holders) == 7
    search_results(pf_page, "浦东")
    rows = _wait_rows(pf_page, "rows.every(r => r.meta)")
    kinds = [_is_document(r) for r in rows]
    assert kinds == sorted(kinds, reverse=True), rows            # documents, then the rest
    assert rows[0]["title"] == PUDONG_REPORT
    assert {r["title"] for r in rows if _is_document(r)} == holders
    assert not pf_page.blocked, pf_page.blocked


@pytest.mark.browser
@pytest.mark.slow
def test_no_match_shows_the_empty_state_and_what_is_missing(pf_page):
    """量子引力: no page has it (some have 量子): nothing is listed, the count says 没有找到
    and a hint names the missing part, with a search for the part that is there."""
    box = open_search(pf_page)
    box.press_sequentially("量子引力", delay=30)
    pf_page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('没有找到')"
                              " && !document.querySelector('.ag-search-hint').hidden", timeout=20000)
    assert pf_page.locator(".md-search-result__item").count() == 0
    hint = pf_page.locator(".ag-search-hint")
    assert "缺少“引力”" in hint.inner_text()
    hint.locator("button", has_text="只搜“量子”").click()
    rows = _wait_rows(pf_page, "rows.length > 0")
    assert box.input_value() == "量子"
    assert all("量子" in r["snippet"] for r in rows), rows
    assert pf_page.locator(".ag-search-hint").is_hidden()


@pytest.mark.browser
@pytest.mark.slow
def test_text_that_arrives_without_a_key_is_searched(pf_page):
    """A paste (long press on a phone, the mouse's menu) or an input method's commit
    changes the box without a key event; it is searched like typed text."""
    box = open_search(pf_page)
    pf_page.keyboard.insert_text("两旧一村")                      # an input event and nothing else
    rows = _wait_rows(pf_page, "rows.some(r => r.title.includes('两旧一村'))")
    assert rows[0]["title"] == "“两旧一村”改造"
    box.fill("陈吉宁")                                             # as a paste does it: the value, one input event
    _wait_rows(pf_page, "rows.length > 0 && rows[0].title === '陈吉宁'")
    # an input method: composition events, then the committed text
    pf_page.evaluate("""() => {
        const box = document.querySelector('.md-search__input')
        box.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }))
        box.value = '城市更新'
        box.dispatchEvent(new InputEvent('input', { isComposing: true, inputType: 'insertCompositionText', data: '城市更新' }))
        box.dispatchEvent(new CompositionEvent('compositionend', { data: '城市更新' }))
    }""")
    rows = _wait_rows(pf_page, "rows.length > 0 && rows.every(r => r.snippet.includes('城市更新'))")
    assert "传达学习市委主要领导调研浦东新区指示要求" in [r["title"] for r in rows]


@pytest.mark.browser
@pytest.mark.slow
def test_filters_narrow_the_results(pf_page):
    search_results(pf_page, "浦东")
    before = _wait_rows(pf_page, "rows.every(r => r.meta)")
    assert any("浦东新区" in r["meta"] for r in before) and any("上海市" in r["meta"] for r in before)
    bar = pf_page.locator(".ag-filters")
    assert [t.strip() for t in bar.locator(".ag-filter__name").all_inner_texts()] == ["地区", "年份", "类型", "排序"]
    _filter(pf_page, "region", "上海市")
    rows = _wait_rows(pf_page, "rows.length > 0 && rows.every(r => r.meta.includes('上海市'))")
    assert len(rows) < len(before)
    assert {r["title"] for r in rows} == {"2024年上海市政府工作报告", "把贯彻落实习近平总书记考察上海重要讲话精神作为今年工作鲜明主题"}
    screenshot(pf_page, "search-filters-1280")
    _filter(pf_page, "type", "政府工作报告")
    rows = _wait_rows(pf_page, "rows.length === 1")
    assert rows[0]["title"] == "2024年上海市政府工作报告"
    bar.locator(".ag-filters__clear").click()
    rows = _wait_rows(pf_page, "rows.some(r => r.meta.includes('浦东新区'))")
    assert [r["title"] for r in rows] == [r["title"] for r in before]
    # a filter with nothing for the query says so, and offers to clear it
    _filter(pf_page, "region", "闵行区")
    pf_page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('没有找到')"
                              " && document.querySelector('.ag-search-hint').textContent.includes('筛选')", timeout=20000)
    pf_page.locator(".ag-search-hint button", has_text="清除筛选").click()
    _wait_rows(pf_page, f"rows.length > 0 && rows[0].title === '{PUDONG_REPORT}'")
    assert not pf_page.blocked, pf_page.blocked


@pytest.mark.browser
@pytest.mark.slow
def test_results_sort_by_date(pf_page):
    search_results(pf_page, "浦东")
    _filter(pf_page, "sort", "date:desc")
    pf_page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.startsWith('最新的')",
                              timeout=20000)
    rows = _rows(pf_page)
    assert rows and all(_is_document(r) for r in rows)           # dated documents only
    dates = [re.search(r"\d{4}(-\d\d-\d\d)?", r["meta"]).group() for r in rows]
    assert dates == sorted(dates, reverse=True), dates
    assert "按日期排列" in pf_page.locator(".ag-search-hint").inner_text()
    _filter(pf_page, "sort", "date:asc")
    pf_page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.startsWith('最早的')",
                              timeout=20000)
    dates = [re.search(r"\d{4}(-\d\d-\d\d)?", r["meta"]).group() for r in _rows(pf_page)]
    assert dates == sorted(dates), dates


@pytest.mark.browser
@pytest.mark.slow
def test_every_result_says_its_type_region_and_date(pf_page):
    from archivegen.site.load import load_archive
    from archivegen.site.pages.common import date_label

    expected = {d.title: " · ".join(b for b in (d.doc_type, d.region, date_label(d)) if b)
                for d in load_archive(ROOT / "content").documents}
    search_results(pf_page, "两旧一村")
    rows = _wait_rows(pf_page, "rows.every(r => r.meta)")
    assert len(rows) >= 4
    for row in rows:
        assert row["meta"] == expected.get(row["title"], "名词解释"), row


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("query", ["陈吉宁", "eda", "浦东"])
def test_snippets_are_the_text_not_the_card(pf_page, query):
    """Snippets showed the metadata card (SHA-256 编辑文件 …), a term page's file
    (编辑文件：content/glossary/eda.md), a leading 。 and the title again."""
    search_results(pf_page, query)
    rows = _wait_rows(pf_page, "rows.every(r => r.meta)")
    for row in rows:
        text = row["snippet"]
        assert text, row
        for debris in ("SHA-256", "编辑文件", "content/", "原始文件", "类型 ", "地区 "):
            assert debris not in text, row
        assert not re.match(r"[。，、；：！？.,;:!?）」』”]", text), row
        # the title again only where the rest does not show the query (a term's definition)
        assert not text.startswith(row["title"]) or query.lower() not in text[len(row["title"]):].lower(), row


@pytest.mark.browser
@pytest.mark.slow
def test_keyboard_reaches_the_filters_and_escape_closes(pf_page):
    box = open_search(pf_page)
    search_results(pf_page, "浦东")
    pf_page.locator(".ag-filters select").first.wait_for()
    box.press("Tab")                                               # from the box to the filters, not closing
    assert pf_page.evaluate("document.activeElement.dataset.key") == "region"
    assert pf_page.evaluate("document.getElementById('__search').checked")
    pf_page.keyboard.press("ArrowDown")                            # the next region: 浦东新区, the most common
    rows = _wait_rows(pf_page, "rows.length > 0 && rows.every(r => r.meta.includes('浦东新区'))")
    assert rows[0]["title"] == PUDONG_REPORT
    pf_page.keyboard.press("Tab")
    assert pf_page.evaluate("document.activeElement.dataset.key") == "year"
    pf_page.keyboard.press("Shift+Tab")
    pf_page.keyboard.press("Shift+Tab")                            # back in the box
    assert pf_page.evaluate("document.activeElement.classList.contains('md-search__input')")
    pf_page.keyboard.press("ArrowDown")                            # Material's keys still work
    assert pf_page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    pf_page.keyboard.press("Escape")
    pf_page.wait_for_function("() => !document.getElementById('__search').checked", timeout=10000)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 375])
def test_step_through_the_matches_of_a_document(page_factory, pagefind_url, width):
    """From a result to the document, then 下一处 / 上一处 between the marked words: in the
    header (on a phone in place of the title), never over the text, 44 px buttons."""
    page = page_factory(width, 812)
    page.goto(pagefind_url)
    search_results(page, "浦东")
    if width == 375:
        screenshot(page, "search-results-375")
    link = page.locator(".md-search-result__item a").first
    assert _plain(link.locator("h1").inner_text()) == PUDONG_REPORT
    link.click()
    page.wait_for_function("() => location.pathname.includes('2024-pudong-zheng-fu-gong-zuo-bao-gao')", timeout=15000)
    control = page.locator(".ag-matches")
    control.wait_for(state="visible", timeout=20000)
    total = int(re.search(r"共 (\d+) 处", control.inner_text()).group(1))
    assert total >= 80                                          # the report's text uses 浦东 over 80 times

    def at(n: int) -> None:
        page.wait_for_function("(w) => document.querySelector('.ag-matches__where').textContent === w",
                               arg=f"{n}/{total}", timeout=10000)
        box = page.evaluate("""() => {
            const r = e => e.getBoundingClientRect()
            const mark = r(document.querySelector('mark.ag-mark-current')), header = r(document.querySelector('.md-header'))
            return { top: mark.top, bottom: mark.bottom, header: header.bottom, height: innerHeight,
                     text: document.querySelector('mark.ag-mark-current').textContent }
        }""")
        assert box["text"] == "浦东"
        assert box["top"] >= box["header"] and box["bottom"] <= box["height"], box   # in sight, not under the header

    page.locator(".ag-matches__next").click()
    at(1)
    page.locator(".ag-matches__next").click()
    at(2)
    page.locator(".ag-matches__prev").click()
    at(1)
    page.locator(".ag-matches__next").focus()                    # keyboard: a button like any other
    page.keyboard.press("Enter")
    at(2)
    page.locator(".ag-matches__prev").click()
    page.locator(".ag-matches__prev").click()
    at(total)                                                    # round from the first to the last
    geometry = page.evaluate("""() => {
        const r = e => e.getBoundingClientRect()
        const header = r(document.querySelector('.md-header')), nav = r(document.querySelector('.ag-matches'))
        return { header: [header.top, header.bottom], nav: [nav.top, nav.bottom, nav.left, nav.right],
                 buttons: [...document.querySelectorAll('.ag-matches button')].map(b => [r(b).width, r(b).height]),
                 width: innerWidth }
    }""")
    assert geometry["header"][0] <= geometry["nav"][0] and geometry["nav"][1] <= geometry["header"][1], geometry
    assert 0 <= geometry["nav"][2] and geometry["nav"][3] <= geometry["width"], geometry
    assert all(w >= 44 and h >= 44 for w, h in geometry["buttons"]), geometry
    screenshot(page, f"search-matches-{width}")
    # a page without marks shows no control
    page.goto(pagefind_url + "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao/")
    page.wait_for_function("() => document.querySelector('.ag-matches')?.hidden === true", timeout=10000)
    assert not page.blocked, page.blocked


@pytest.mark.browser
@pytest.mark.slow
def test_the_filter_bar_on_a_phone(pf_phone):
    search_results(pf_phone, "浦东")
    _wait_rows(pf_phone, "rows.every(r => r.meta)")
    bar = pf_phone.locator(".ag-filters")
    bar.locator("select").first.wait_for()
    _filter(pf_phone, "year", "2024")
    _wait_rows(pf_phone, "rows.length > 0 && rows.every(r => r.meta.includes('2024'))")
    geometry = pf_phone.evaluate("""() => {
        const r = e => e.getBoundingClientRect()
        return { controls: [...document.querySelectorAll('.ag-filters select, .ag-filters button:not([hidden])')]
                   .map(c => [r(c).left, r(c).right, r(c).height]),
                 width: document.documentElement.clientWidth,
                 scroll: document.querySelector('.md-search__scrollwrap').scrollWidth
                       <= document.querySelector('.md-search__scrollwrap').clientWidth }
    }""")
    assert geometry["scroll"], geometry                           # nothing sticks out sideways
    for left, right, height in geometry["controls"]:
        assert 0 <= left and right <= geometry["width"] and height >= 44, geometry
    screenshot(pf_phone, "search-filters-375")
    assert not pf_phone.blocked, pf_phone.blocked


UI_STRINGS = """() => {
    const out = []
    const keep = v => { if (v && v.trim()) out.push(v.trim()) }
    for (const root of document.querySelectorAll('.md-search, .ag-matches')) {
        for (const el of [root, ...root.querySelectorAll('*')]) {
            for (const name of ['aria-label', 'title', 'placeholder', 'alt']) keep(el.getAttribute(name))
            const content = el.closest('.md-search-result__article h1, .md-search-result__article p')
            if (content) continue                                    // a title or a snippet: the archive's words
            for (const node of el.childNodes) if (node.nodeType === 3) keep(node.textContent)
        }
    }
    return out
}"""


@pytest.mark.browser
@pytest.mark.slow
def test_every_string_of_the_search_ui_is_chinese(pf_page, pagefind_url):
    search_results(pf_page, "浦东")
    pf_page.locator(".ag-filters select").first.wait_for()
    _filter(pf_page, "sort", "date:desc")
    pf_page.wait_for_function("() => !document.querySelector('.ag-search-hint').hidden", timeout=20000)
    strings = pf_page.evaluate(UI_STRINGS)
    box = pf_page.locator(".md-search__input")
    box.fill("量子引力")
    pf_page.wait_for_function("() => document.querySelector('.ag-search-hint').textContent.includes('缺少')",
                              timeout=20000)
    strings += pf_page.evaluate(UI_STRINGS)
    pf_page.goto(pagefind_url + "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao/?h=浦东")
    pf_page.locator(".ag-matches").wait_for(state="visible", timeout=20000)
    pf_page.locator(".ag-matches__next").click()
    strings += pf_page.evaluate(UI_STRINGS)
    for needed in ("地区", "年份", "类型", "排序", "全部", "日期：新→旧", "缺少“引力”", "上一处", "下一处", "关闭"):
        assert any(needed in s for s in strings), (needed, strings)
    english = [s for s in strings if re.search(r"[A-Za-z]{2,}", s)]
    assert not english, english


def test_pagefind_feed_counts_the_pages_it_indexed_and_names_bad_options(tmp_path):
    """Pagefind's indexer as a service (pagefind_feed.py): pages in, a bundle out, the
    process gone; options it refuses are an error that says so."""
    from archivegen.site.pagefind_feed import FeedError, PagefindFeed

    with pytest.raises(FeedError, match="did not take its options"):
        PagefindFeed.start({"root_selector": 5})
    feed = PagefindFeed.start({"force_language": "zh", "root_selector": "article"})
    for i, text in enumerate(["浦东新区推进“两旧一村”改造。", "陈吉宁调研。", ""]):
        feed.add(f"documents/{i}/index.html", f"<html><body><article><p>{text}</p></article></body></html>")
    assert feed.finish(tmp_path / "bundle") == 3
    assert feed.proc.poll() == 0
    entry = json.loads((tmp_path / "bundle" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 2          # the empty page has nothing to find
