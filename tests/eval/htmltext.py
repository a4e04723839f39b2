"""A page's visible text as a browser's innerText gives it, independent of the importer.

Block elements start a new line, <br> breaks one, scripts, styles and <head> show
nothing, entities are decoded and whitespace inside a line is collapsed. The references
in news_sites_truth.yaml are checked against this text, and the text-dump variants
(dumps.py) are built from the same walk over the page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK = frozenset("""
    address article aside blockquote body br caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend
    li main menu nav ol option p pre section summary table tbody td tfoot th thead tr ul
""".split())
HIDDEN = frozenset("script style noscript template head title iframe object svg select textarea".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass
class Block:
    """One line of visible text and the markup around it (for the html2text-like dump)."""
    text: str
    tag: str                 # innermost block element
    links: list[str] = field(default_factory=list)   # texts of links on the line


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.hidden = 0
        self.in_link = 0
        self.pieces: list[str] = []
        self.link_text: list[str] = []
        self.links: list[str] = []
        self.blocks: list[Block] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.pieces).split())
        self.pieces = []
        if text:
            tag = next((t for t in reversed(self.stack) if t in BLOCK), "body")
            self.blocks.append(Block(text, tag, self.links))
        self.links = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BLOCK:
            self._flush()
        if tag in VOID:
            return
        self.stack.append(tag)
        self.hidden += tag in HIDDEN
        if tag == "a":
            self.in_link += 1
            self.link_text = []

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK:
            self._flush()
        if tag not in self.stack:
            return   # a stray end tag closes nothing, as in browsers
        while self.stack:
            top = self.stack.pop()
            self.hidden -= top in HIDDEN
            if top == "a":
                self.in_link -= 1
                text = " ".join("".join(self.link_text).split())
                if text:
                    self.links.append(text)
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.hidden > 0:
            return
        self.pieces.append(data)
        if self.in_link:
            self.link_text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def blocks(html: str) -> list[Block]:
    w = _Walker()
    w.feed(html)
    w.close()
    return w.blocks


def visible_lines(html: str) -> list[str]:
    return [b.text for b in blocks(html)]


def visible_text(html: str) -> str:
    return "\n".join(visible_lines(html))


def squash(text: str) -> str:
    """The form texts are compared in: NFKC (full/half width alike), no whitespace at all.

    Cleaning may rewrap lines, drop the spaces of a PDF wrap, turn ２０１９ into 2019 or a
    half-width comma in Chinese text into a full-width one; none of that is a lost or
    kept sentence.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", "", text)


# restoring "人民城市" to “人民城市” is no lost sentence either
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'"})
