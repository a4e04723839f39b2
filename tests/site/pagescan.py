"""Reading a built page as a reader sees it: its visible text, the UI strings around the
text (attributes, header, navigation, footer), and its section headings in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# elements whose text a reader never sees
_HIDDEN = {"script", "style", "template", "svg", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# attributes a reader sees (as a tooltip, a placeholder, or read aloud)
UI_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-md-state")


@dataclass
class Heading:
    level: int
    text: str
    followed_by_content: bool = False


@dataclass
class Page:
    text: str = ""                                   # everything visible
    article: str = ""                                # the visible text of the article
    chrome: str = ""                                 # visible text outside the article
    ui: list[str] = field(default_factory=list)      # attribute values a reader sees
    headings: list[Heading] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.hidden = 0
        self.article = 0
        self.heading: Heading | None = None
        self.skip_headerlink = 0
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.chrome_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _VOID:
            self._attrs(a)
            return
        hides = tag in _HIDDEN or "hidden" in a
        self.stack.append((tag, hides))
        if hides:
            self.hidden += 1
            return
        self._attrs(a)
        if tag == "article":
            self.article += 1
        if self.article and re.fullmatch(r"h[1-6]", tag):
            self.heading = Heading(int(tag[1]), "")
            self.page.headings.append(self.heading)
        elif self.article and self.page.headings and tag in ("p", "li", "table", "dl", "pre", "blockquote", "div", "img"):
            if tag != "div" or "admonition" in (a.get("class") or ""):
                self.page.headings[-1].followed_by_content = True
        if tag == "a" and "headerlink" in (a.get("class") or ""):
            self.skip_headerlink += 1

    def _attrs(self, a: dict) -> None:
        if self.hidden:
            return
        for name in UI_ATTRIBUTES:
            if a.get(name):
                self.page.ui.append(a[name])

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in (t for t, _ in self.stack):
            return
        while self.stack:
            top, hides = self.stack.pop()
            if hides:
                self.hidden -= 1
            if top == "article":
                self.article -= 1
            if re.fullmatch(r"h[1-6]", top):
                self.heading = None
            if top == "a" and self.skip_headerlink:
                self.skip_headerlink -= 1
            if top == tag:
                break

    def handle_data(self, data):
        if self.hidden:
            return
        self.parts.append(data)
        (self.article_parts if self.article else self.chrome_parts).append(data)
        if self.heading is not None and not self.skip_headerlink:
            self.heading.text += data
        elif self.article and self.page.headings and data.strip():
            self.page.headings[-1].followed_by_content = True


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    page = reader.page
    page.text = "".join(reader.parts)
    page.article = "".join(reader.article_parts)
    page.chrome = "".join(reader.chrome_parts)
    for h in page.headings:
        h.text = h.text.strip()
    return page


def empty_sections(page: Page) -> list[str]:
    """Headings with no text, and headings nothing follows before the next heading of the
    same or a higher level (or the end of the article)."""
    out = []
    for i, h in enumerate(page.headings):
        if not h.text:
            out.append(f"h{h.level} without text")
            continue
        if h.followed_by_content:
            continue
        nxt = page.headings[i + 1] if i + 1 < len(page.headings) else None
        if nxt is None or nxt.level <= h.level:
            out.append(f"h{h.level} {h.text!r} with nothing under it")
    return out


# Two quotation marks, brackets or stops of the same kind in a row: a generated sentence
# that put quotes around a quotation, or two sentences that each ended.
DOUBLED = re.compile(r"““|””|《《|》》|（（|））|。。|，，|、、|；；|：：|[”“]“[^”]{0,40}”[”]")
# A word of English in the interface (Material's strings that the zh translation lacks).
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}(?: [A-Za-z]{2,})*\b")
# Latin that is not an English UI string: the site's own file and code names, units, etc.
LATIN_OK = re.compile(r"^(?:JSON|UTF|SHA|PDF|URL|HTML|txt|http|https|www)$")
