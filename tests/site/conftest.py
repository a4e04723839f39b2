"""Browser fixtures, registered once for every test module under tests/site/ (one
Chromium per session: Playwright's sync API cannot run two at a time)."""

from tests.site.browser import browser, page_factory, site_url  # noqa: F401 (fixtures)
