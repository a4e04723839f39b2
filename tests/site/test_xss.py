"""Stored XSS: an archive with script in every field, built and opened in Chromium.

Everything a contributor can write (every front-matter field of a document, a glossary
entry, people.yaml, a compilation, Markdown bodies) and the raw files import reads (a
text whose first line is a payload title and whose appendix defines a payload term; a web
page with a payload og:title, <title> and <script>) carry payloads that set
`window.__xss` or call alert(). The site must build with `mkdocs build --strict`, show
each payload as text where its field is shown, and run none of them: not on any kind of
page, not in a tooltip, not in the search results, not in the raw files offered for
download."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from tests.conftest import ROOT, mkdocs_build, run_cli
from tests.site.browser import local_page, search_results, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TRAP = "window.__xss"
SITE = "中国政策文献注释档案"
TIMEOUT = 60_000                # ms: CI is a busy 2-core machine


def html_bomb(n: int) -> str:
    """Markup payloads, each setting the trap to its own number (n·10 + kind)."""
    return (f"<img src=x onerror={TRAP}={n}1>"
            f"<svg onload={TRAP}={n}2>"
            f"<script>{TRAP}={n}3</script>"
            f'"><script>{TRAP}={n}4</script>'
            f"<img src=x onerror=alert({n}5)>")


def bomb(n: int) -> str:
    """Markup, Markdown link and image, and attr_list payloads (the attr_list last, after
    a space: where it would set an attribute of a heading or a table cell)."""
    return (html_bomb(n) + f"[链接](javascript:{TRAP}={n}6)![图](javascript:{TRAP}={n}7)"
            + f" {{: onclick={TRAP}={n}8 }}")


# --- the raw files import reads ---------------------------------------------------------

RAW_TEXT = f"""关于<svg onload={TRAP}=901>鸡尾酒的通知
各区人民政府：
现将鸡尾酒计划的有关事项通知如下，请认真贯彻执行。
一、总体要求 {{: onclick={TRAP}=910 }}
推进鸡尾酒计划［1］，落实"><svg onload={TRAP}=902>各项任务，确保取得实效。{{: onclick={TRAP}=903 }}
二、工作安排
各单位要按照鸡尾酒计划的要求，抓好落实，[点此查看](javascript:{TRAP}=904)和![图](javascript:{TRAP}=905)。
《政府工作报告》名词解释
1、<svg onload={TRAP}=906>计划：指<svg onload={TRAP}=907>一项"><svg onload=alert(908)>试点工作。其他内容。
2、鸡尾酒计划：指一项<svg onload={TRAP}=909>便民工作。
"""

OG_TITLE = f"<img src=x onerror={TRAP}=951>葡萄柚调研报道"
RAW_HTML = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta property="og:title" content="{OG_TITLE.replace('<', '&lt;').replace('>', '&gt;')}">
<title><img src=x onerror={TRAP}=952>葡萄柚调研报道_新闻</title>
<script>{TRAP}=953</script>
</head><body>
<div class="header"><a href="/">首页</a></div>
<div class="article">
<h1>{OG_TITLE.replace('<', '&lt;').replace('>', '&gt;')}</h1>
<p>3月5日，市领导到葡萄柚园区调研。<script>{TRAP}=954</script>调研中指出，要把葡萄柚产业做大做强。</p>
<p>他强调，&lt;svg onload={TRAP}=955&gt;各部门要加强协作，推动葡萄柚产业高质量发展，确保各项任务落到实处。</p>
<p onclick="{TRAP}=956">调研期间，还召开了座谈会，听取企业意见和建议，研究解决发展中的困难和问题。</p>
</div>
<script>alert(957)</script>
</body></html>
"""

# --- what contributors write by hand ------------------------------------------------------

TITLE = f"石榴{bomb(1)}"
REGION = f"地区{bomb(2)}"
DOC_TYPE = f"类型{bomb(3)}"
PERSON = f"张三{bomb(10)}"
PERSON_ALIAS = f"张三丰{bomb(31)}"
OTHER_PERSON = f"李四{bomb(11)}"
TAG = f"标签{bomb(13)}"
TOPIC = f"主题{bomb(14)}"
TERM = f'"><svg onload={TRAP}=271>方案'
TERM_ALIAS = f"<script>{TRAP}=281</script>石榴"
DEFINITION = f'指<img src=x onerror={TRAP}=291>和"><script>{TRAP}=292</script>的一项方案。其余{html_bomb(29)}。'
COMPILATION = f"汇编{bomb(22)}"
PARTS = [f"第一部分{bomb(23)}", f"第二部分{bomb(24)}", f"第三部分{bomb(25)}"]
FIELDS = {                               # front-matter fields shown in the metadata card etc.
    "kicker": f"引题{bomb(4)}",
    "subtitle": f"副题{bomb(5)}",
    "speaker": f"讲话人{bomb(6)}",
    "speaker_role": f"职务{bomb(7)}",
    "author": f"作者{bomb(8)}",
    "occasion": f"会议{bomb(9)}",
    "printed_title": f"原题{bomb(18)}",
    "date_evidence": f"依据{bomb(19)}",
    "incomplete_reason": f"缺页{bomb(20)}",
    "editor_note": f"说明{bomb(21)}",
}
SOURCE_NAME = f"来源{bomb(15)}"
URLS = [f"javascript:{TRAP}=161", f'"><script>{TRAP}=171</script>']
BODY = f"""石榴方案是本文的主题，{PERSON}到会。

正文{html_bomb(32)}

<script>{TRAP}=331</script>

<div markdown="1" onclick="{TRAP}=332">块</div>

[实体链接](&#106;avascript:{TRAP}=333) [大写链接](JaVaScRiPt:{TRAP}=334) [引用链接][r] [制表符链接](java&#x09;script:{TRAP}=335) <a href="javascript:{TRAP}=336">a</a>

段落结尾
{{: onclick={TRAP}=337 }}

## 小节 {{: onclick={TRAP}=339 }}

[r]: javascript:{TRAP}=338
"""
HAND_SOURCE = f"<html><body><script>{TRAP}=341</script><p>石榴</p></body></html>\n"


def write_content(content: Path, imported: dict[str, dict]) -> None:
    """The hand-written half of the archive, beside what import wrote."""
    raw = HAND_SOURCE.encode("utf-8")
    (content / "sources" / "hand.html").write_bytes(raw)
    source = {"file": "sources/hand.html", "sha256": hashlib.sha256(raw).hexdigest(), "encoding": "utf-8",
              "edit_log": None, "name": SOURCE_NAME}
    notice = imported["sources/notice.txt"]
    hand = {"id": "xss-hand", "title": TITLE, "printed_title": FIELDS["printed_title"], "kicker": FIELDS["kicker"],
            "subtitle": FIELDS["subtitle"], "doc_type": DOC_TYPE, "region": REGION, "date": None, "year": 2024,
            "date_inferred": True, "date_evidence": FIELDS["date_evidence"], "speaker": FIELDS["speaker"],
            "speaker_role": FIELDS["speaker_role"], "author": FIELDS["author"], "occasion": FIELDS["occasion"],
            "people": [PERSON, PERSON_ALIAS], "roles": {PERSON: [f"职务{bomb(12)}"]}, "complete": False,
            "incomplete_reason": FIELDS["incomplete_reason"], "compilation": "xss-comp",
            "source": {**source, "url": URLS[0]}, "editor_note": FIELDS["editor_note"], "tags": [TAG],
            "topics": [TOPIC]}
    second = {"id": "xss-second", "title": f"柚子{bomb(40)}", "doc_type": "讲话", "region": None, "year": 2023,
              "people": [OTHER_PERSON], "compilation": "xss-comp", "source": {**source, "url": URLS[1]},
              "tags": [TAG]}
    for meta, rel in ((hand, "documents/xss/xss-hand.md"), (second, "documents/other/xss-second.md")):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(_markdown(meta, BODY), encoding="utf-8")
    (content / "glossary").mkdir(exist_ok=True)
    (content / "glossary" / "xss-term.md").write_text(_markdown(
        {"term": TERM, "aliases": ["石榴方案", TERM_ALIAS], "defined_in": "xss-hand", "number": 1}, DEFINITION),
        encoding="utf-8")
    (content / "people.yaml").write_text(yaml.safe_dump(
        {"people": [{"name": PERSON, "roles": [f"角色{bomb(30)}"], "aliases": [PERSON_ALIAS]}], "ignore": []},
        allow_unicode=True), encoding="utf-8")
    parts = [{"name": PARTS[0], "document": "xss-hand"}, {"name": PARTS[1], "document": None},
             {"name": PARTS[2], "document": notice["id"]}]
    (content / "compilations").mkdir(exist_ok=True)
    (content / "compilations" / "xss-comp.md").write_text(_markdown(
        {"id": "xss-comp", "title": COMPILATION, "parts_listed": 3, "parts_present": 2, "parts": parts},
        f"前言{html_bomb(26)}\n"), encoding="utf-8")


def _markdown(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _imported(content: Path) -> dict[str, dict]:
    """source file → front matter of the document import made of it"""
    from archivegen.markdown_io import read

    out = {}
    for path in sorted((content / "documents").rglob("*.md")):
        meta, _ = read(path)
        out[meta["source"]["file"]] = {**meta, "rel": path.relative_to(content).as_posix()}
    return out


@dataclass
class Project:
    root: Path                       # content/, mkdocs.yml, site/
    imported: dict[str, dict]        # raw file → front matter of the document import made of it


@pytest.fixture(scope="module")
def xss_project(tmp_path_factory) -> Project:
    project = tmp_path_factory.mktemp("xss")
    content = project / "content"
    (content / "documents").mkdir(parents=True)
    raw = project / "raw"
    raw.mkdir()
    (raw / "notice.txt").write_text(RAW_TEXT, encoding="utf-8")
    (raw / "page.html").write_text(RAW_HTML, encoding="utf-8")
    result = run_cli("import", str(raw), "--content", str(content))
    assert result.returncode == 0, result.stderr
    imported = _imported(content)
    assert set(imported) == {"sources/notice.txt", "sources/page.html"}, imported
    write_content(content, imported)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build").mkdir()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return Project(project, imported)


@pytest.fixture(scope="module")
def xss_url(xss_project):
    with serve(xss_project.root / "site") as url:
        yield url


@pytest.fixture
def new_page(browser, xss_url):
    """A page of the payload site with a trap for dialogs (alert) in page.dialogs."""
    contexts = []

    def make():
        page = local_page(browser, xss_url)
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.set_default_timeout(TIMEOUT)
        contexts.append(page.context)
        return page

    yield make
    for c in contexts:
        c.close()


def url(page_path: str) -> str:
    """The site URL (relative to the root) of a page of build/: documents/x/y.md → documents/x/y/"""
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# Every attribute, element or address in the page that would run a payload
INJECTED = r"""() => {
  const found = []
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const value = a.value.replace(/[\u0000-\u0020\u007f]/g, "")
      if (/^on/i.test(a.name))
        found.push(`${el.localName}[${a.name}="${a.value}"]`)
      else if (/^(href|src|action|formaction|xlink:href|data|poster)$/i.test(a.name) && /^(javascript|vbscript|data):/i.test(value))
        found.push(`${el.localName}[${a.name}="${a.value}"]`)
    }
    if (el.localName === "script" && el.textContent.includes("__xss"))
      found.push(`script: ${el.textContent}`)
    if (el.localName === "img" && el.getAttribute("src") === "x")
      found.push("img[src=x]")
  }
  return found
}"""

# Resolves once every image has loaded or failed (an onerror payload has had its turn)
# and the page has painted twice since.
SETTLED = """() => new Promise(resolve => {
  const images = [...document.images].filter(img => !img.complete)
  Promise.all(images.map(img => new Promise(done => {
    img.addEventListener("load", done, { once: true })
    img.addEventListener("error", done, { once: true })
  }))).then(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(true)))))
})"""


def assert_inert(page, where: str) -> None:
    page.evaluate(SETTLED)
    assert page.evaluate(INJECTED) == [], where
    assert page.evaluate(f"() => {TRAP}") is None, f"{where}: a payload ran ({TRAP} = {page.evaluate(f'() => {TRAP}')})"
    assert page.dialogs == [], f"{where}: a payload called alert: {page.dialogs}"
    assert not page.blocked, page.blocked


def visit(page, base: str, path: str):
    page.goto(base + path, wait_until="load")
    assert_inert(page, path)
    return page


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def follow(page, link, title: str) -> None:
    """Click a link as a reader does (Material's instant navigation swaps the page in
    place) and wait for the page whose heading is `title`."""
    link.click()
    page.wait_for_function("t => (document.querySelector('article h1') || {}).innerText?.replace('¶', '').trim() === t",
                           arg=title)
    page.wait_for_load_state("load")
    assert_inert(page, title)


def article(page) -> str:
    return page.locator("article").first.inner_text()


def test_a_document_shows_every_field_as_text(new_page, xss_url):
    page = visit(new_page(), xss_url, "documents/xss/xss-hand/")
    assert heading(page) == TITLE
    assert page.title() == f"{TITLE} - {SITE}"
    assert page.locator(".md-header__topic").last.text_content().strip() == TITLE
    assert page.locator(".ag-kicker").inner_text() == FIELDS["kicker"]
    assert page.locator(".ag-subtitle").inner_text() == "——" + FIELDS["subtitle"]
    page.locator("details.ag-fixity summary").click()      # the raw file and checksum, folded
    card = "\n".join(page.locator("dl.ag-card").all_inner_texts())
    for key in ("speaker", "speaker_role", "author", "occasion", "printed_title", "date_evidence"):
        assert FIELDS[key] in card, key
    for shown in (REGION, DOC_TYPE, SOURCE_NAME, URLS[0], COMPILATION, "hand.html"):
        assert shown in card, shown
    assert FIELDS["incomplete_reason"] in page.locator(".ag-incomplete").inner_text()
    assert FIELDS["editor_note"] in page.locator(".ag-editor-note").inner_text()
    chips = [t.strip() for t in page.locator(".md-tag").all_inner_texts()]
    for tag in (TAG, TOPIC, REGION, DOC_TYPE, "2024年", PERSON):
        assert tag in chips, (tag, chips)
    text = article(page)
    # a body edited by hand: markup and attribute lists are text; links lead nowhere
    for shown in (html_bomb(32), f"<script>{TRAP}=331</script>", f"段落结尾 {{: onclick={TRAP}=337 }}",
                  f"小节 {{: onclick={TRAP}=339 }}"):
        assert shown in text, shown
    for name in ("实体链接", "大写链接", "制表符链接"):
        assert page.locator("article a", has_text=name).first.get_attribute("href") is None, name
    # the raw file is offered as text, as it came and as UTF-8
    assert page.locator(".ag-fixity a", has_text="原始字节").get_attribute("href").endswith(
        "downloads/sources/hand.html.txt")
    assert page.locator(".ag-fixity a", has_text="hand.html").get_attribute("href").endswith(
        "downloads/sources/hand.html.utf-8.txt")
    # the citation shows every field it quotes as text
    cite = page.locator(".ag-cite__text").inner_text()
    for shown in (TITLE, FIELDS["speaker"], FIELDS["occasion"], SOURCE_NAME):
        assert shown in cite, shown
    # the term's definition (archivegen.js inserts it as text) shows the whole definition
    term = page.locator("a.ag-term", has_text="石榴方案").first
    term.scroll_into_view_if_needed()
    term.hover()
    tip = page.locator(".ag-pop:not([hidden])")
    tip.wait_for()
    assert tip.locator(".ag-pop__title").inner_text() == TERM
    body = tip.locator(".ag-pop__body").inner_text()
    assert f"<img src=x onerror={TRAP}=291>" in body and f"<script>{TRAP}=292</script>" in body
    assert_inert(page, "term definition")
    second = visit(new_page(), xss_url, "documents/other/xss-second/")
    assert URLS[1] in second.locator("dl.ag-card").first.inner_text()


def test_imported_raw_files_show_their_payloads_as_text(new_page, xss_project, xss_url):
    notice = xss_project.imported["sources/notice.txt"]
    page = visit(new_page(), xss_url, url(notice["rel"]))
    # (an <img> there would be markup residue that cleaning removes, with a recorded edit;
    # an <svg> is no converter's residue, so it reaches the title and must show as text)
    assert f"<svg onload={TRAP}=901>" in notice["title"]
    assert heading(page) == notice["title"]
    assert page.title() == f"{notice['title']} - {SITE}"
    text = article(page)
    # ([点此查看](javascript:…) beside an image is a converter's Markdown: cleaning keeps the
    # link's words and drops the address and the image, as recorded edits)
    for shown in (f'"><svg onload={TRAP}=902>', f"{{: onclick={TRAP}=903 }}", "点此查看",
                  f"一、总体要求 {{: onclick={TRAP}=910 }}"):
        assert shown in text, shown
    assert "javascript:" not in text and page.locator("article a", has_text="点此查看").count() == 0
    # the definition of a term (archivegen.js) and the tooltip of a note marker (Material),
    # both from the raw file's appendix
    for selector, shown, expected in (
            ("a.ag-term", ".ag-pop:not([hidden])", f"指一项<svg onload={TRAP}=909>便民工作。"),
            ("a.ag-note", ".md-tooltip2--active", f"<svg onload={TRAP}=906>计划：指<svg onload={TRAP}=907>")):
        link = page.locator(selector).first
        link.scroll_into_view_if_needed()
        link.hover()
        tip = page.locator(shown)
        tip.wait_for()
        assert expected in tip.inner_text(), selector
        assert_inert(page, selector)
        page.mouse.move(0, 0)
        tip.wait_for(state="hidden")
    web = xss_project.imported["sources/page.html"]
    page = visit(new_page(), xss_url, url(web["rel"]))
    assert heading(page) == web["title"] == OG_TITLE
    assert page.title() == f"{OG_TITLE} - {SITE}"
    assert f"<svg onload={TRAP}=955>" in article(page)
    # the saved page itself is a download shown as text, never a page of this site
    link = page.locator(".ag-fixity a", has_text="原始字节")
    href = link.get_attribute("href")
    assert href.endswith("downloads/sources/page.html.txt"), href
    response = page.goto(urljoin(page.url, href), wait_until="load")
    assert response.headers["content-type"].startswith("text/plain"), (response.url, response.status)
    assert f"<script>{TRAP}=953</script>" in page.inner_text("body")
    assert_inert(page, href)


def test_every_kind_of_page_is_inert_and_shows_names_as_text(new_page, xss_project, xss_url):
    from archivegen.site import paths

    notice = xss_project.imported["sources/notice.txt"]
    page = new_page()
    shown = {                              # page → what its heading shows
        "": "中国政策文献注释档案",
        "glossary/": "名词解释",
        "glossary/xss-term/": TERM,
        "people/": "人物",
        url(paths.person(PERSON)): PERSON,
        url(paths.person(OTHER_PERSON)): OTHER_PERSON,
        "tags/": "标签",
        "regions/": "按地区浏览",
        "years/": "按年份浏览",
        "years/2024/": "2024年",
        "types/": "按类型浏览",
        url(paths.doc_type(DOC_TYPE)): DOC_TYPE,
        "compilations/xss-comp/": COMPILATION,
        "about/": "关于本站",
        "edits/notice-txt/": "整理日志：notice.txt",
        "edits/page-html/": "整理日志：page.html",
    }
    for path, title in shown.items():
        visit(page, xss_url, path)
        assert heading(page) == title, path
    # the pages listing payload names show them as text
    lists = {
        "": [TITLE, notice["title"]],
        "glossary/": [TERM, DEFINITION.split("。")[0] + "。"],
        "glossary/xss-term/": [TERM_ALIAS, f"<img src=x onerror={TRAP}=291>", TITLE],
        "people/": [PERSON, OTHER_PERSON, f"角色{bomb(30)}"],
        url(paths.person(PERSON)): [f"角色{bomb(30)}", f"职务{bomb(12)}", TITLE],
        "tags/": [TAG, TOPIC],
        "regions/": [REGION],
        "years/2024/": [TITLE],
        "types/": [DOC_TYPE],
        "compilations/xss-comp/": PARTS[:1] + [PARTS[1], PARTS[2], TITLE, html_bomb(26)],
    }
    for path, names in lists.items():
        visit(page, xss_url, path)
        text = article(page)
        for name in names:
            assert name in text, (path, name)
    # a region, a topic and a term page, reached as readers reach them: by the chips
    for chip in (REGION, TOPIC, TAG):
        visit(page, xss_url, "documents/xss/xss-hand/")
        follow(page, page.locator(".md-tag", has_text=chip).first, chip)
    for name in (TERM, PERSON):
        visit(page, xss_url, "documents/xss/xss-hand/")
        follow(page, page.locator("article a", has_text=name).first, name)


@pytest.mark.parametrize("query", ["石榴", "贯彻执行", "葡萄柚", "onerror"])
def test_search_results_show_payloads_as_text(new_page, xss_project, xss_url, query):
    """Titles and snippets of results are inserted as HTML by Material's search UI; the
    worker (assets/pagefind-worker.js) must hand it text."""
    expected = {"石榴": TITLE, "贯彻执行": xss_project.imported["sources/notice.txt"]["title"],
                "葡萄柚": OG_TITLE}.get(query)
    page = visit(new_page(), xss_url, "")
    results = search_results(page, query, timeout=TIMEOUT)
    assert_inert(page, f"search {query}")
    assert results.locator("mark").count() > 0
    titles = [t.replace("\u200b", "") for t in results.locator("h1").all_inner_texts()]
    if expected is None:         # every page has a payload: each title shows it as text
        assert sum(f"<img src=x onerror={TRAP}=" in t for t in titles) >= 3, titles
        expected = next(t for t in titles if f"<img src=x onerror={TRAP}=" in t)
    assert expected in titles, titles
    follow(page, results.filter(has_text=expected).first.locator("a").first, expected)   # highlighted: ?h=…
    assert "h=" in page.url


def test_downloads_are_inert_files(xss_project):
    site = xss_project.root / "site"
    published = sorted(p.relative_to(site / "downloads").as_posix() for p in (site / "downloads").rglob("*")
                       if p.is_file())
    runnable = [p for p in published if p.lower().endswith((".html", ".htm", ".svg", ".xhtml", ".xml", ".md"))]
    assert not runnable, runnable
    for name in ("hand.html", "page.html", "notice.txt"):
        raw = (xss_project.root / "content" / "sources" / name).read_bytes()
        target = name if name.endswith(".txt") else name + ".txt"
        assert (site / "downloads" / "sources" / target).read_bytes() == raw, name
    assert (site / "downloads" / "sources" / "page.html.edits.json").is_file()
    result = run_cli("check", "--content", str(xss_project.root / "content"), "--site", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
