"""The built site in a real browser (Debian Chromium through Playwright), as readers use
it: every request to a host other than the local server is blocked, so what works here
works from mainland China too. Screenshots go to artifacts/screenshots/ (not committed)."""

from __future__ import annotations

import re

import pytest

from tests.site.browser import pdf_first_page, screenshot, search_results

pytestmark = pytest.mark.browser

PUDONG = "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao/"
SHANGHAI = "documents/shanghai/2024-shanghai-zheng-fu-gong-zuo-bao-gao/"
INFERRED = "documents/pudong/2023-pudong-chuan-da-xue-xi-shi-wei/"      # year inferred (主题教育)
NEWS = "documents/yangpu/2025-yangpu-wei-chang-wei-hui-kuo-da/"         # a news item with its outlet
PHONE = {"is_mobile": True, "has_touch": True}
WAIT = 15000                                                           # generous: CI is a busy machine


def phone(page_factory):
    return page_factory(375, 812, **PHONE)


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def search(page, query: str) -> list[str]:
    """The titles of the results a reader sees for `query`."""
    return [t.strip() for t in search_results(page, query).locator("h1").all_inner_texts()]


def test_home_and_a_document_open(page_factory, site_url):
    page = page_factory()
    page.goto(site_url)
    assert "中国政策文献注释档案" in page.title()
    assert "篇文档" in page.inner_text("article")
    page.goto(site_url + PUDONG)
    assert heading(page) == "2024年浦东新区政府工作报告"
    assert page.locator(".ag-card").first.is_visible()
    assert not page.blocked, page.blocked


def _definition(page, term) -> dict:
    """The term's heading and whole definition as the page's 本文术语 list holds them."""
    return page.evaluate("""(a) => {
        for (const link of document.querySelectorAll('.ag-termlist dt a')) {
            if (link.href === a.href) {
                return {term: link.textContent.trim(), text: link.closest('dt').nextElementSibling.textContent.trim()};
            }
        }
        return null;
    }""", term.element_handle())


def test_hover_a_term_shows_its_whole_definition(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + SHANGHAI)
    term = page.locator("a.ag-term", has_text="两旧一村").first
    term.scroll_into_view_if_needed()
    term.hover()
    pop = page.locator(".ag-pop:not([hidden])")
    pop.wait_for(timeout=WAIT)
    expected = _definition(page, term)
    assert pop.locator(".ag-pop__title").inner_text() == expected["term"]        # the term as heading
    assert pop.locator(".ag-pop__body").inner_text().strip() == expected["text"]  # the whole definition
    assert "旧区改造" in expected["text"] and len(expected["text"]) > 60
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.ag-pop__body')).fontSize)")
    assert size >= 13                                                             # not 10 px
    screenshot(page, "tooltip-1280")


def test_a_phone_tap_on_a_term_shows_its_definition_in_place(page_factory, site_url):
    page = phone(page_factory)
    page.goto(site_url + PUDONG)
    term = page.locator("article a.ag-term").nth(3)
    term.scroll_into_view_if_needed()
    before = page.evaluate("() => [location.pathname, window.scrollY]")
    term.tap()
    pop = page.locator(".ag-pop:not([hidden])")
    pop.wait_for(timeout=WAIT)
    after = page.evaluate("() => [location.pathname, window.scrollY]")
    assert after == before                       # still on the document, where the reader was
    expected = _definition(page, term)
    assert pop.locator(".ag-pop__title").inner_text() == expected["term"]
    assert pop.locator(".ag-pop__body").inner_text().strip() == expected["text"]
    box = pop.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 812 + 1 and box["width"] <= 375
    screenshot(page, "tooltip-phone-375")
    # the long definition scrolls inside the sheet; the link leads to the term page
    more = pop.locator(".ag-pop__more")
    assert more.get_attribute("href") == term.get_attribute("href")
    pop.locator(".ag-pop__close").tap()
    page.locator(".ag-pop").wait_for(state="hidden", timeout=WAIT)
    term.tap()
    pop.wait_for(timeout=WAIT)
    more.tap()
    page.wait_for_url(re.compile(r"/glossary/"), timeout=WAIT)
    assert "释义" in page.inner_text("article")


def test_the_citation_holds_the_address_the_inference_and_the_access_date(page_factory, site_url, built_site):
    site = re.search(r"^site_url:\s*(\S+)", (built_site / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    page = phone(page_factory)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + INFERRED)
    text = page.locator(".ag-cite__text")
    page.wait_for_function("() => /\\d{4}年\\d{1,2}月\\d{1,2}日/.test(document.querySelector('.ag-today').textContent)",
                           timeout=WAIT)
    cite = text.inner_text()
    assert "《传达学习市委主要领导调研浦东新区指示要求》" in cite
    assert "2023年（推断）" in cite
    assert site.rstrip("/") + "/" + INFERRED in cite
    assert re.search(r"引用码 [0-9A-Z]{8}", cite)
    today = page.evaluate("() => { const d = new Date(); return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`; }")
    assert f"访问日期：{today}" in cite
    # it wraps on a phone: nothing scrolls sideways
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    box = page.locator(".ag-cite")
    assert box.evaluate("(e) => e.scrollWidth <= e.clientWidth")
    # the copy button copies the whole citation
    button = box.locator(".ag-copy")
    button.tap()
    page.wait_for_function("() => document.querySelector('.ag-copy').textContent === '已复制'", timeout=WAIT)
    assert page.evaluate("() => navigator.clipboard.readText()") == cite.strip()
    # the card names the date's evidence once, quoted once
    card = page.locator(".ag-card").first.inner_text()
    assert "原文未注明日期，年份据文中提到的“主题教育”推断" in card
    assert re.search(r"引用码\s+[0-9A-Z]{8}", card)
    screenshot(page, "citation-375")


def test_the_card_shows_provenance_and_folds_the_internals(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + NEWS)
    card = page.locator("dl.ag-card").first.inner_text()
    assert "来源" in card and "上海杨浦" in card
    assert "SHA-256" not in card and "content/documents" not in card
    fixity = page.locator("details.ag-fixity")
    assert fixity.get_attribute("open") is None
    assert not fixity.locator("text=SHA-256").is_visible()
    fixity.locator("summary").click()
    assert fixity.locator("text=SHA-256").is_visible()
    assert "上海杨浦" in page.locator(".ag-cite__text").inner_text()      # a news item names its outlet
    # the edit log is a page to read, each edit in context
    fixity.get_by_role("link", name="逐条查看").click()
    page.wait_for_url(re.compile(r"/edits/"), timeout=WAIT)
    assert heading(page).startswith("整理日志：")
    row = page.locator("table.ag-edits tbody tr:visible").first       # long passes start folded
    assert row.locator("del, ins").count() >= 1 and row.locator(".ag-ctx").count() == 2
    assert re.fullmatch(r"\d+", row.locator("td").first.inner_text().strip())
    # the raw file as UTF-8 text reads as Chinese in the browser, served without a charset
    page.go_back()
    page.wait_for_function("() => location.pathname.includes('/documents/')", timeout=WAIT)
    copy = page.locator("details.ag-fixity a", has_text=".txt").first
    href = copy.evaluate("(a) => a.href")
    assert href.endswith(".utf-8.txt")
    page.goto(href)
    assert "杨浦" in page.inner_text("body")


@pytest.mark.parametrize("query,expect", [
    ("两旧一村", ["2024年上海市政府工作报告", "把贯彻落实习近平总书记考察上海重要讲话精神作为今年工作鲜明主题"]),
    ("陈吉宁", ["更好发挥试验田和增长极作用！陈吉宁调研临港新片区并主持召开座谈会"]),
    ("城市更新", ["传达学习市委主要领导调研浦东新区指示要求"]),
])
def test_search_finds_terms_people_and_phrases(page_factory, site_url, query, expect):
    page = page_factory()
    page.goto(site_url)
    titles = search(page, query)
    for title in expect:
        assert any(title in t.replace("\u200b", "") for t in titles), (query, titles)
    assert not page.blocked, page.blocked


def test_a_citation_code_finds_its_document(page_factory, site_url):
    from archivegen.site.pages.document import citation_code

    page = page_factory()
    page.goto(site_url)
    code = citation_code("2024-pudong-zheng-fu-gong-zuo-bao-gao")
    assert "2024年浦东新区政府工作报告" in search(page, code)


def test_region_document_term_and_back(page_factory, site_url):
    page = page_factory()
    page.goto(site_url)
    page.locator("article a", has_text="按地区").click()
    page.locator("article a", has_text="浦东新区").first.click()
    assert heading(page) == "浦东新区"
    page.locator("article a", has_text="2024年浦东新区政府工作报告").click()
    assert heading(page) == "2024年浦东新区政府工作报告"
    doc_url = page.url
    page.locator("article a.ag-term").first.click()
    page.wait_for_url(re.compile(r"/glossary/"))
    assert "释义" in page.inner_text("article")
    page.go_back()
    # Material's instant navigation restores the page without a load event: wait for the address
    page.wait_for_function("(u) => location.href === u", arg=doc_url, timeout=30000)
    page.wait_for_function("(t) => document.querySelector('article h1')?.textContent.includes(t)",
                           arg="2024年浦东新区政府工作报告", timeout=30000)


def test_tag_chips_lead_to_pages_listing_documents(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + PUDONG)
    page.locator(".md-tag", has_text="浦东新区").first.click()
    page.wait_for_url(re.compile(r"/regions/pudong/"))
    listing = page.inner_text("article")
    assert "2024年浦东新区政府工作报告" in listing
    assert "传达学习市委主要领导调研浦东新区指示要求" in listing
    page.go_back()
    topic = page.locator("a.md-tag[href*='/tags/']").first
    name = topic.inner_text().strip()
    topic.click()
    page.wait_for_url(re.compile(r"/tags/"))
    assert heading(page) == name
    assert "2024年浦东新区政府工作报告" in page.inner_text("article")
    page.locator("nav a, .md-tabs a, .md-nav a", has_text="标签").first.click()
    page.wait_for_url(re.compile(r"/tags/$"))
    assert name in page.inner_text("article")


def test_paragraph_permalink_lands_on_the_paragraph(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + PUDONG)
    paragraphs = page.locator("article p[id^='p-']")
    assert paragraphs.count() > 50
    pid = paragraphs.nth(40).get_attribute("id")
    # a reader following a shared link opens the page at the paragraph
    landed = page_factory()
    landed.goto(site_url + PUDONG + "#" + pid)
    landed.wait_for_function("""(pid) => {
        const p = document.getElementById(pid);
        if (!p || !p.matches(':target')) return false;
        const y = p.getBoundingClientRect().top;
        return y >= 0 && y < window.innerHeight;
    }""", arg=pid, timeout=15000)


def test_fonts_and_layout_without_any_foreign_request(page_factory, site_url):
    page = page_factory(375, 812)
    page.goto(site_url + PUDONG)
    fonts = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK SC" in fonts
    # the Chinese text renders (an installed CJK font has glyphs: the heading is not empty boxes)
    assert page.evaluate("() => document.fonts.check('16px \"Noto Sans CJK SC\"', '浦东')")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    assert not page.blocked, page.blocked


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(page_factory, site_url, width):
    page = page_factory(width, 812 if width == 375 else 900, **(PHONE if width == 375 else {}))
    page.goto(site_url)
    screenshot(page, f"home-{width}")
    page.goto(site_url + PUDONG)
    screenshot(page, f"document-{width}")
    page.goto(site_url + "glossary/")
    page.locator("article a", has_text="两旧一村").first.click()
    screenshot(page, f"term-{width}")
    if width == 375:
        page.locator("label[for='__search']").first.click()
    search(page, "两旧一村")
    screenshot(page, f"search-{width}")
    assert not page.blocked, page.blocked


def test_the_table_of_contents_lists_the_sub_sections(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + PUDONG)
    toc = page.locator(".md-sidebar--secondary").inner_text()
    assert "（一）改革开放持续攻坚突破" in toc and "（八）坚持发展为民" in toc
    assert page.locator("article h3").count() >= 13


@pytest.mark.parametrize("width", [375, 1280])
def test_the_paragraph_link_never_takes_a_line_of_its_own(page_factory, site_url, width):
    page = page_factory(width, 900)
    for doc in (PUDONG, SHANGHAI):
        page.goto(site_url + doc)
        alone = page.evaluate("""() => [...document.querySelectorAll('article p > a.ag-pilcrow')].filter((a) => {
            const rects = a.getClientRects();
            const line = a.parentElement.getBoundingClientRect();
            return rects.length && rects[0].left - line.left < 2;
        }).length""")
        assert alone == 0, (doc, width)


def test_unfinished_edges_are_finished(page_factory, site_url):
    page = page_factory()
    # the 404 page is Chinese and leads back into the archive
    page.goto(site_url + "404.html")
    assert heading(page) == "找不到这个页面"
    links = page.locator("article a").all_inner_texts()
    assert {"首页", "按地区浏览", "名词解释"} <= set(links)
    page.locator("article a", has_text="名词解释").click()
    page.wait_for_url(re.compile(r"/glossary/$"), timeout=WAIT)
    # one name for the glossary, in the menu too
    assert "名词解释" in page.locator(".md-nav--primary").inner_text()
    assert "术语" not in [t.strip() for t in page.locator(".md-nav--primary a").all_inner_texts()]
    # a useful footer
    footer = page.locator(".md-footer-meta").inner_text()
    assert "关于本站" in footer and "下载全部数据" in footer and "源代码" in footer
    # the title reads as a title: full colour and bold
    weight = page.evaluate("() => getComputedStyle(document.querySelector('article h1')).fontWeight")
    assert int(weight) >= 600
    # headings' own links say so in Chinese
    assert page.locator("a.headerlink").first.get_attribute("title") == "本节链接"


def test_a_dark_system_gets_the_dark_scheme(page_factory, site_url):
    page = page_factory(1280, 900, color_scheme="dark")
    page.goto(site_url + PUDONG)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert sum(int(c) for c in re.findall(r"\d+", background)[:3]) < 200, background
    screenshot(page, "document-dark-1280")


@pytest.mark.parametrize("width", [375, 1280])
def test_print_is_compact_without_urls_after_terms_or_tags(page_factory, site_url, width):
    page = page_factory(width, 900)
    page.goto(site_url + PUDONG)
    page.wait_for_function("() => /\\d/.test(document.querySelector('.ag-today').textContent)", timeout=WAIT)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article h1").first.is_visible()
    printed = page.evaluate("""() => {
        const after = (el) => getComputedStyle(el, '::after').content;
        const urls = (sel) => [...document.querySelectorAll(sel)].filter((a) => /http|\\//.test(after(a))).length;
        const body = document.querySelector('article p[id^="p-"]');
        return {
            terms: urls('a.ag-term'), internal: urls('article a:not(.ag-ext)'),
            justified: [...document.querySelectorAll('article p')].filter((p) => getComputedStyle(p).textAlign === 'justify').length,
            citeAboveText: document.querySelector('.ag-cite').getBoundingClientRect().top < body.getBoundingClientRect().top,
            citeShown: getComputedStyle(document.querySelector('.ag-cite')).display !== 'none',
        };
    }""")
    assert printed == {"terms": 0, "internal": 0, "justified": 0, "citeAboveText": True, "citeShown": True}
    assert not page.locator(".md-tag").first.is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 0 < pages <= 16, pages                 # the 21,000-character report, compact (was 30)
    pdf_first_page(pdf, f"print-{width}")
    # a link to another site prints with its address
    after = page.evaluate("""() => {
        const a = document.createElement('a');
        a.href = 'http://example.invalid/report.pdf'; a.className = 'ag-ext'; a.textContent = '原文';
        document.querySelector('article p').appendChild(a);
        return getComputedStyle(a, '::after').content;
    }""")
    assert "http://example.invalid/report.pdf" in after
