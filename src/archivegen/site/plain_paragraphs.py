"""Plain paragraphs skip Python-Markdown's inline pass.

Most of a document page is paragraphs of prose with nothing in them Markdown could read as
syntax but the term links the glossary annotation wrote. Python-Markdown still tries every
inline pattern at every such paragraph (with the ¶ link's inline HTML, ~8 ms a document page
at 1,000 raw files: most of MkDocs' first pass over a big archive, BENCHMARKS.md). So a
paragraph whose text is plain (`is_plain`) goes into build/ as its text and its id line,
without the ¶ link:

    正文[名词](../../glossary/x.md){ .ag-term }正文。
    {: #p-1a2b3c4d }

and this extension, which the plugin adds to every page, makes of such a block the elements
Python-Markdown makes of the full form (`anchors.add_paragraph_anchors`): `<p id>`, the text,
an `<a href class="ag-term">` per term link, the ¶ link as the same raw HTML, every text an
AtomicString so no inline pattern looks at it again. The term links stay elements, so MkDocs
rewrites and checks their addresses as before, and the page is byte for byte what the full
form gives (tests/site/test_plain_paragraphs.py, over the seeds and the corpora's pages).

Anything else is left to Python-Markdown as before. On a page that defines abbreviations
(`*[ABC]: …`, which apply to every text) the texts are plain strings, which the inline pass
reads (and finds nothing in but the abbreviations).
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

# a term link as site/glossary.py writes it: the term, a relative address, the class
TERM_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s<>\"'\\]+)\)\{ \.ag-term \}")
# a character some Markdown (or one of mkdocs.yml's extensions) reads, anywhere in a text
_ACTIVE = re.compile(r"[\\`*_\[\]<>&!{}|~^\x02\x03\n]")
# how a block-level construct starts: indented code, lists, quotes, headings, rules, tables,
# admonitions and details (!!! ???), definitions ([x]: *[x]:), raw HTML
_BLOCK_START = re.compile(r"[\s\-+*>#=|:!?\[<_~`]|\d+\.[ \t]|\d+\.$")
_BLOCK = re.compile(r"(?P<text>[^\n]+)\n\{: #(?P<id>p-[0-9a-f]{8}(?:-\d+)?) \}\Z")


def is_plain(text: str) -> bool:
    """Whether a paragraph's annotated text (one line, no ¶ link) holds nothing Markdown reads
    but term links: its elements can then be made without Markdown's inline pass."""
    if not text or _BLOCK_START.match(text) or text[-1].isspace():
        return False
    return not _ACTIVE.search(TERM_LINK.sub(_term_text, text))


def _term_text(match: re.Match) -> str:
    return match.group(1)


def pilcrow(pid: str) -> str:
    """The ¶ link to paragraph `pid`, as raw HTML (an id made by anchors.py: letters,
    digits and "-")."""
    return f'<a class="ag-pilcrow" href="#{pid}" title="本段链接">¶</a>'


class _PageCheck(Preprocessor):
    """On a page with abbreviations the texts are left to the inline pass: abbr's pass
    skips AtomicStrings, so they would lose the <abbr> Markdown gives them."""

    def __init__(self, md: Markdown, blocks: "_PlainParagraphs"):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        self.blocks.text = str if any(line.startswith("*[") for line in lines) else AtomicString
        return lines


class _PlainParagraphs(BlockProcessor):
    text = AtomicString          # what a text becomes: str on a page with abbreviations

    def test(self, parent: etree.Element, block: str) -> bool:
        if parent is not self.parser.root or self.parser.state:
            return False
        match = _BLOCK.match(block)
        return match is not None and is_plain(match.group("text"))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        match = _BLOCK.match(blocks.pop(0))
        pid = match.group("id")
        paragraph = etree.SubElement(parent, "p")
        paragraph.set("id", pid)
        pieces = TERM_LINK.split(match.group("text"))       # text, (term, address, text)*
        text = self.text
        paragraph.text = text(pieces[0])
        last = None
        for i in range(1, len(pieces), 3):
            last = etree.SubElement(paragraph, "a")
            last.set("href", pieces[i + 1])
            last.set("class", "ag-term")
            last.text = text(pieces[i])
            last.tail = text(pieces[i + 2])
        # the ¶ link goes through the HTML stash, as its inline HTML in the full form does
        link = self.parser.md.htmlStash.store(pilcrow(pid))
        if last is None:
            paragraph.text = text(paragraph.text + link)
        else:
            last.tail = text(last.tail + link)


class PlainParagraphExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        blocks = _PlainParagraphs(md.parser)
        # before every block processor of Python-Markdown and of mkdocs.yml's extensions
        # (the highest, admonition and md_in_html, are 105): it takes only what they would
        # leave to the paragraph processor
        md.parser.blockprocessors.register(blocks, "archivegen_plain_paragraphs", 200)
        md.preprocessors.register(_PageCheck(md, blocks), "archivegen_plain_paragraphs_check", 1000)
