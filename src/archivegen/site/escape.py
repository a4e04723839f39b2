"""Strings from content/ into generated pages, as text.

Everything a contributor or a raw file wrote (titles, names, roles, tags, terms,
definitions, outlets, URLs …) is data, never markup. Each function here puts a string into
one kind of place in the Markdown the site generates, so that MkDocs and Material show it
literally and a browser never reads a tag, an attribute, a link or a script in it:

| place | function |
|---|---|
| Markdown inline text: link text, headings, list items, table cells, `<dd markdown>` | `esc` |
| a code span | `code` |
| the title of a Markdown link, `[x](url "title")` (a tooltip) | `link_title` |
| raw HTML we write (`<p class="ag-kicker">…</p>`), front matter Material prints | `html_text` |
| a Markdown body of content/ (documents, definitions, compilation prefaces) | `body` |

`plain` goes the other way: a fragment of a Markdown body back to the text it shows.
site/guard.py is the last line behind these (URLs, event handlers, tooltips in the HTML
that Markdown makes).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

# Characters Markdown (with attr_list and tables) reads in inline text; a backslash makes
# each one literal. `{` matters most: `{: onclick=… }` ending a heading or a table cell is attr_list.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]|#])")
# What starts a block when it comes first on a line: a list, a quotation, a numbered list
_BLOCK_START = re.compile(r"^(?:([-+>])|(\d+)\.(?=\s|$))")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# An unescaped brace in a body (after an even number of backslashes)
_BRACE = re.compile(r"(?<!\\)((?:\\\\)*)([{}])")
_BREAK = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def one_line(text) -> str:
    """The text with each line break (and the spaces around it) as one space: a break
    would end a heading, a list item, a table row, an admonition, a code block."""
    return _BREAK.sub(" ", str(text))


def esc(text) -> str:
    """Text for Markdown inline content, shown exactly as written: on one line, with
    `&` and `<` as entities (so neither an entity nor a tag is read) and every character
    Markdown, tables or attr_list would read backslash-escaped."""
    text = str(text)
    # titles, places and names come back thousands of times (every list that names a
    # document: 1.7 million calls at 10,000 raw files); long texts are not kept
    return _esc_short(text) if len(text) <= 200 else _esc(text)


@lru_cache(maxsize=1 << 16)
def _esc_short(text: str) -> str:
    return _esc(text)


def _esc(text: str) -> str:
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    text = _MARKDOWN.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\.", text, count=1)


def code(text) -> str:
    """Text as a Markdown code span, shown exactly (Markdown escapes `<` and `&` in code
    itself): fenced by more backticks than the text holds in a row."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link_title(text) -> str:
    """Text as the title of a Markdown link, between its double quotes: on one line, with
    no `"` to end it early and no bracket, backtick or backslash for Markdown to read
    (code spans and escapes are read before links). What a reader's browser then does
    with the title is guard.py's business."""
    text = one_line(text).replace("&", "&amp;").replace('"', "&quot;")
    return re.sub(r"([\\`()\[\]])", r"\\\1", text)


def html_text(text) -> str:
    """Text for HTML we write ourselves, and for the front matter values that Material
    prints into its templates unescaped (a page's `title`, its `tags`)."""
    return html.escape(str(text), quote=True)


def body(markdown: str) -> str:
    """A Markdown body from content/ as Markdown without raw HTML or attribute lists.

    Import writes bodies with `<` as `&lt;` already; a body edited by hand may hold a tag
    (`<script>`, `<img onerror=…>`), which would reach the page verbatim, or an attr_list
    (`{: onclick=… }`), which would set any attribute. Both are shown as text. Links and
    emphasis stay Markdown; guard.py drops what a link must not lead to."""
    markdown = markdown.replace("<", "&lt;")
    return _BRACE.sub(r"\1\\\2", markdown)


def plain(markdown: str) -> str:
    """A fragment of a Markdown body (a line, a definition) as the text it shows:
    backslash escapes and entities read (import writes `<` as `&lt;`)."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
