"""The built site in a real browser (Debian Chromium through Playwright), as readers use
it: every request to a host other than the local server is blocked, so what works here
works from mainland China too. Screenshots go to artifacts/screenshots/ (not committed)."""

from __future__ import annotations

import re

import pytest

from tests.site.browser import screenshot, search_results

pytestmark = pytest.mark.browser

PUDONG = "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao/"
SHANGHAI = "documents/shanghai/2024-shanghai-zheng-fu-gong-zuo-bao-gao/"


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
    assert page.locator(".ag-card").is_visible()
    assert not page.blocked, page.blocked


def test_hover_a_term_shows_its_definition(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + SHANGHAI)
    term = page.locator("a.ag-term", has_text="两旧一村").first
    term.scroll_into_view_if_needed()
    term.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=5000)
    assert "旧区改造" in tip.inner_text()
    screenshot(page, "term-tooltip-1280")


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
    page.wait_for_url(doc_url)
    assert heading(page) == "2024年浦东新区政府工作报告"


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
    page = page_factory(width, 812 if width == 375 else 900)
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


def test_documents_print_cleanly(page_factory, site_url):
    page = page_factory()
    page.goto(site_url + PUDONG)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article h1").first.is_visible()
    # a link to another site prints with its address (added here: the seed pages have none)
    after = page.evaluate("""() => {
        const a = document.createElement('a');
        a.href = 'http://example.invalid/report.pdf'; a.textContent = '原文';
        document.querySelector('article p').appendChild(a);
        return getComputedStyle(a, '::after').content;
    }""")
    assert "http://example.invalid/report.pdf" in after
