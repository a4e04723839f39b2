"""Crawl a built site and report internal links that lead nowhere."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img", "source"):
                self.links.append(a[key])
        if a.get("id"):
            self.ids.add(a["id"])


def _target(page: Path, href: str, site: Path) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target.resolve(), parts.fragment


def broken_links(site: Path) -> list[str]:
    """'page: href' for every internal link whose file (or #anchor) does not exist."""
    site = Path(site).resolve()
    parsed: dict[Path, _Links] = {}

    def parse(p: Path) -> _Links:
        if p not in parsed:
            h = _Links()
            h.feed(p.read_text(encoding="utf-8", errors="replace"))
            parsed[p] = h
        return parsed[p]

    problems = []
    for page in sorted(site.rglob("*.html")):
        for href in parse(page).links:
            t = _target(page, href, site)
            if t is None:
                continue
            target, fragment = t
            if not target.exists():
                problems.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in parse(target).ids:
                problems.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return problems
