"""The built site in a real browser (Debian Chromium through Playwright)."""

from __future__ import annotations

import pytest

from tests.site.browser import browser, page_factory, screenshot, site_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PUDONG = "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao/"
SHANGHAI = "documents/shanghai/2024-shanghai-zheng-fu-gong-zuo-bao-gao/"


def test_home_and_a_document_open(page_factory, site_url):
    page = page_factory()
    page.goto(site_url)
    assert "中国政策文献注释档案" in page.title()
    assert page.locator("h1").first.inner_text().rstrip("¶") == "中国政策文献注释档案"
    page.goto(site_url + PUDONG)
    assert page.locator("h1").first.inner_text().rstrip("¶") == "2024年浦东新区政府工作报告"
    assert page.locator(".ag-card").is_visible()
    assert not page.blocked, page.blocked
