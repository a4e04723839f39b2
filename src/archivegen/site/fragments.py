"""Generated HTML read as XML, not as Markdown: a document page's card, term list and lists
of links.

A document page ends and begins with blocks archivegen writes itself: the card (类型, 地区,
日期 … as `<dl markdown="1">` with a `<dd markdown="span">` per value), the checksums, the
terms the text uses with their definitions, the people, the series and related documents.
Python-Markdown reads all of it: its HTML parser (pure Python) over every tag, then its
inline patterns over every value: about two thirds of the time a document page's Markdown
took once its paragraphs were plain (site/plain_paragraphs.py). The values are our own
Markdown of a small kind (escape.esc's text, links, code spans), so `span_html` writes each
one as the HTML Markdown makes of it, and the block goes into build/ between two marker
lines:

    <!-- ag:fragment -->
    <dl class="ag-card"><dt>类型</dt><dd><a href="../../types/x.md">政府工作报告</a></dd></dl>
    <!-- /ag:fragment -->

The extension (added to every page by the plugin) takes such a block out before Markdown's
HTML parser sees it, parses it with the XML parser (expat, in C) and puts the elements into
the page, every text an AtomicString. Links stay elements, so MkDocs rewrites and checks them
as before, and the page comes out byte for byte as the Markdown form made it
(tests/site/test_fragments.py: the seed site, the benchmark's pages, and values of every
kind esc can write). A value `span_html` does not know (None) keeps its block in Markdown.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

START = "<!-- ag:fragment -->"
END = "<!-- /ag:fragment -->"
_PLACEHOLDER = "\x02ag-fragment:{}\x03"
_PLACEHOLDER_RE = re.compile(r"\x02ag-fragment:(\d+)\x03\Z")

# the characters Python-Markdown (with tables) unescapes after a backslash
_ESCAPABLE = "\\`*_{}[]()>#+-.!|"
# one piece of a span: an escape, an entity esc() wrote, a link, a code span, plain text
_PIECE = re.compile(
    r"\\(?P<esc>.)"
    r"|&(?P<entity>amp|lt);"
    r"|\[(?P<text>(?:\\.|[^\\\[\]`&<])*)\]\((?P<url>[^()\s<>\"'\\&]+)\)"
    r"|(?P<fence>`+)(?P<code>[^`&<\t]+?)(?P=fence)(?!`)"
    r"|(?P<plain>(?:[^\\&\[\]`*_<!{}\t]|!(?!\[))+)"
)
# what makes a span more than text to escape
_SYNTAX = re.compile(r"[\\&\[\]`*_<!{}\t]")
# a text that, unescaped, would read as an entity in the HTML (the serializer writes it as is)
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.I)


def span_html(markdown: str) -> str | None:
    """The HTML Python-Markdown makes of `markdown`, a span of the kind archivegen writes
    (escape.esc's text, `[text](address)` links, `code` spans), escaped for XML; None for
    anything else (emphasis, an image, raw HTML, a `&` or `<` where Markdown would read one,
    a tab, which Markdown expands by its column)."""
    # every build makes every page's Markdown, so this is asked ~100,000 times at 1,000 raw
    # files, mostly of lines that come back (a document's title and link in every list of
    # one folder): short spans are remembered, and text with nothing to read is just escaped
    return _short_span(markdown) if len(markdown) <= 300 else _span(markdown)


@lru_cache(maxsize=1 << 16)
def _short_span(markdown: str) -> str | None:
    return _span(markdown)


def _span(markdown: str) -> str | None:
    if not _SYNTAX.search(markdown):
        return _text(markdown)
    out = []
    at = 0
    for m in _PIECE.finditer(markdown):
        if m.start() != at:
            return None
        at = m.end()
        if m.group("esc") is not None:
            c = m.group("esc")
            out.append(_text(c) if c in _ESCAPABLE else _text("\\" + c))
        elif m.group("entity"):
            out.append("&amp;" if m.group("entity") == "amp" else "&lt;")
        elif m.group("url") is not None:
            inner = span_html(m.group("text"))
            if inner is None or "<a " in inner or not m.group("text"):
                return None
            out.append(f'<a href="{html.escape(m.group("url"))}">{inner}</a>')
        elif m.group("code") is not None:
            code = m.group("code").strip()
            if not code:
                return None
            out.append(f"<code>{_text(code)}</code>")
        else:
            out.append(_text(m.group("plain")))
    if at != len(markdown):
        return None
    result = "".join(out)
    return None if _ENTITY_LIKE.search(html.unescape(result)) else result


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def spans_html(pieces: list[str]) -> list[str] | None:
    """span_html of every piece, or None when one is not of its kind or has spaces at
    either end (left to Markdown, which strips some of them in lists and paragraphs)."""
    out = []
    for piece in pieces:
        h = None if piece != piece.strip() else span_html(piece)
        if h is None:
            return None
        out.append(h)
    return out


def definition_list(rows: list[tuple[str, str]], cls: str) -> str | None:
    """`<dl class>` of (term, definition) spans as XML, or None when a span is not of
    span_html's kind (the caller keeps its Markdown form)."""
    cells = spans_html([x for row in rows for x in row])
    if cells is None:
        return None
    return f'<dl class="{cls}">' + "".join(f"<dt>{cells[i]}</dt><dd>{cells[i + 1]}</dd>"
                                           for i in range(0, len(cells), 2)) + "</dl>"


def lines_block(lines: list[str], kind: str) -> str:
    """Lines of our own Markdown spans as a paragraph of lines ("p") or a list ("ul"): as a
    fragment when every line is of span_html's kind, else as the Markdown they are."""
    spans = spans_html(lines)
    if spans is not None:
        if kind == "p":
            return fragment("<p>" + "\n".join(spans) + "</p>")
        return fragment("<ul>" + "".join(f"<li>{h}</li>" for h in spans) + "</ul>")
    if kind == "p":
        return "\n".join(lines) + "\n\n"
    return "".join(f"- {line}\n" for line in lines) + "\n"


def nested_list(items: list[tuple[str, list[str]]]) -> str:
    """A list whose items may hold a list of their own (`- item` then `    - sub`), as a
    fragment when every line is of span_html's kind, else as that Markdown."""
    xml = []
    for line, subs in items:
        spans = spans_html([line, *subs])
        if spans is None:
            return "".join(f"- {line}\n" + "".join(f"    - {x}\n" for x in subs) for line, subs in items)
        inner = "<ul>" + "".join(f"<li>{h}</li>" for h in spans[1:]) + "</ul>" if subs else ""
        xml.append(f"<li>{spans[0]}{inner}</li>")
    return fragment("<ul>" + "".join(xml) + "</ul>")


def fragment(xml: str) -> str:
    """The Markdown lines that put `xml` (one or more elements, escaped) into a page."""
    return f"{START}\n{xml}\n{END}\n\n"


class _TakeOut(Preprocessor):
    """Replaces each fragment with a placeholder line before Markdown's HTML parser runs."""

    def __init__(self, md: Markdown, store: list):
        super().__init__(md)
        self.store = store

    def run(self, lines: list[str]) -> list[str]:
        self.store.clear()
        if START not in lines:
            return lines
        out: list[str] = []
        i = 0
        while i < len(lines):
            if lines[i] != START:
                out.append(lines[i])
                i += 1
                continue
            try:
                end = lines.index(END, i + 1)
                root = etree.fromstring("<div>" + "\n".join(lines[i + 1:end]) + "</div>")
            except (ValueError, etree.ParseError):
                out.append(lines[i])            # not a fragment we wrote: Markdown reads it
                i += 1
                continue
            for element in root.iter():
                if element.text:
                    element.text = AtomicString(element.text)
                if element.tail:
                    element.tail = AtomicString(element.tail)
            out.extend(("", _PLACEHOLDER.format(len(self.store)), ""))      # a block of its own
            self.store.append(list(root))
            i = end + 1
        return out


class _PutBack(BlockProcessor):
    def __init__(self, parser, store: list):
        super().__init__(parser)
        self.store = store

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith("\x02ag-fragment:") and _PLACEHOLDER_RE.match(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        number = int(_PLACEHOLDER_RE.match(blocks.pop(0)).group(1))
        parent.extend(self.store[number])


class FragmentExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        store: list = []
        # after whitespace is normalized (30), before the HTML block parser (20)
        md.preprocessors.register(_TakeOut(md, store), "archivegen_fragments", 25)
        md.parser.blockprocessors.register(_PutBack(md.parser, store), "archivegen_fragments", 201)
