"""Shared browser fixtures: the built seed site served on localhost, Debian's Chromium
driven by Playwright, and every request to a non-local host blocked."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ARCHIVEGEN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A built site served on localhost: yields its root URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site / "site") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk); "
                    "`python3 tasks.py test` installs it when run as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def local_page(browser, site_url: str, width: int = 1280, height: int = 900, **options):
    """A new page (in its own context) whose requests to anything but `site_url` are
    blocked and recorded in page.blocked. `options` go to the context (a phone:
    is_mobile=True, has_touch=True; color_scheme="dark")."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(site_url) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked
    return page


@pytest.fixture
def page_factory(browser, site_url):
    """New pages of the seed site, every request elsewhere blocked and recorded."""
    opened = []

    def make(width: int = 1280, height: int = 900, **options):
        page = local_page(browser, site_url, width, height, **options)
        opened.append(page.context)
        return page

    yield make
    for c in opened:
        c.close()


def open_search(page):
    """Open Material's search box and return it: on a phone (narrower than 60em) it is
    behind the header's search button."""
    if not page.evaluate("document.getElementById('__search').checked"):
        if page.viewport_size["width"] < 960:
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.locator(".md-search__input").click()
    box = page.locator(".md-search__input")
    box.wait_for(state="visible")
    return box


def search_results(page, query: str, timeout: int = 15000):
    """Type a query into Material's search box, key by key, and return the result items
    once some are shown."""
    box = open_search(page)
    box.click()
    box.press_sequentially(query, delay=30)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=timeout)
    return page.locator(".md-search-result__item")


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def pdf_first_page(pdf: bytes, name: str) -> None:
    """Keep a printed page's PDF, and its first page as PNG when poppler's pdftoppm is
    installed (Debian: poppler-utils), beside the screenshots."""
    import shutil
    import subprocess

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(ARTIFACTS / f"{name}.pdf"), str(ARTIFACTS / name)], check=True, timeout=120)
