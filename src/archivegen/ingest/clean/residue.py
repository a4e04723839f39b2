"""Markup residue in text dumps: what an HTML-to-text converter or a careless copy leaves.

A page saved as text by a converter keeps pieces of its markup: HTML comments
(`<!-- 正文 start -->`, sometimes unclosed or over several lines), stray tags the converter
passed through (`<font face="宋体">`, `</div>`, `<br/>`), escaped characters written out
twice (`&amp;nbsp;`), and the converter's own Markdown (`**bold**`, `# heading`, `* item`,
`![](logo.gif)`, `[首页](http://…)`, also `[首页](/a.shtml  )` and bold over several
lines). None of it is text of the document: comments and tags go, escapes become the
character, Markdown markers go and a link keeps its words.

Only text files: in an HTML page the decoder already read the markup, so a `<div>` that
is left in its visible text was printed on the page (an article about HTML) and stays.
Every pattern is linear: no nested quantifiers, comments are found with str.find.
"""

from __future__ import annotations

import html
import re

from archivegen.ingest.clean.base import Context, lines
from archivegen.ingest.edits import Edit, edit

# A comment longer than this (or one never closed) loses only its opening marker line:
# a `-->` far below may belong to something else, and real text may lie between.
MAX_COMMENT = 2000

# HTML elements a converter may pass through as text. A fixed list, so that a `<` in
# running text (a < b, 《》 typed as <>) is never read as a tag.
TAG_NAMES = (
    "a abbr b big blockquote body br center cite code col dd del dfn div dl dt em font form "
    "h1 h2 h3 h4 h5 h6 head hr html i img input ins label li link meta ol option p pre "
    "s script section small span strike strong style sub sup table tbody td tfoot th "
    "thead title tr tt u ul".split()
)
TAG = re.compile(r"</?(?:%s)(?=[\s/>])[^<>\n]{0,400}>" % "|".join(TAG_NAMES), re.I)
# What a conditional comment leaves: <![endif]-->, <!--[if !IE]>
CONDITIONAL = re.compile(r"<!\[(?:endif|if[^\]\n]{0,40})\]\s*(?:--)?>|<!--\s*\[if[^\]\n]{0,40}\]>", re.I)
# An entity whose ampersand was escaped again: &amp;nbsp; &amp;#12288; &amp;ldquo;
DOUBLE_ENTITY = re.compile(r"&amp;(#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,10});")
# an address, which may hold one pair of brackets itself: (javascript:go('http://…')),
# with spaces around it and a quoted title after it as Markdown allows: (/a.shtml  ), (x.jpg "图")
_URL = r"\([ \t]{0,8}([^()\s]{0,500}(?:[ \t]?\([^()\n]{0,300}\)[^()\s]{0,100})?)(?:[ \t]{1,8}\"[^\"\n]{0,200}\")?[ \t]{0,8}\)"
IMAGE = re.compile(r"!\[([^\[\]\n]{0,200})\]" + _URL)
LINK = re.compile(r"\[([^\[\]\n]{1,200})\]" + _URL)
EMPTY_LINK = re.compile(r"\[\s*\]" + _URL)
BOLD = re.compile(r"\*\*")
HEADING = re.compile(r"^(#{1,6})[ \t]+(?=\S)")
BULLET = re.compile(r"^\*[ \t]+(?=\S)")

BOLD_LINES = 4          # lines with text a bold run may cross (blank lines between do not count)
BOLD_SPAN = 400         # ...and characters

COMMENT_REASON = "网页源码注释"
TAG_REASON = "残留的网页标签"
MARKDOWN_REASON = "转换工具留下的格式符号"


def find_markup_residue(text: str, ctx: Context) -> list[Edit]:
    if ctx.decoded.is_html:
        return []
    out: list[Edit] = []
    out += _comments(text)
    for m in CONDITIONAL.finditer(text):
        out.append(edit(text, m.start(), m.end(), "", COMMENT_REASON))
    for m in TAG.finditer(text):
        out.append(edit(text, m.start(), m.end(), "", TAG_REASON))
    for m in DOUBLE_ENTITY.finditer(text):
        char = html.unescape("&" + m.group(1) + ";")
        if char != "&" + m.group(1) + ";":
            out.append(edit(text, m.start(), m.end(), char.replace("\xa0", " "), "重复转义的 HTML 实体"))
    out += _markdown(text)
    return _whole_lines(text, out)


def _comments(text: str) -> list[Edit]:
    """<!-- … --> anywhere, also over several lines; an unclosed one loses its line's rest."""
    out = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return out
        end = text.find("-->", start + 4)
        if end >= 0 and end + 3 - start <= MAX_COMMENT:
            out.append(edit(text, start, end + 3, "", COMMENT_REASON))
            pos = end + 3
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        out.append(edit(text, start, line_end, "", COMMENT_REASON + "(未闭合)"))
        pos = line_end


def _markdown(text: str) -> list[Edit]:
    """The converter's Markdown: images go, links keep their words, bold/heading/bullet
    markers go. Only in a text that shows the converter's hand (two kinds of marker or
    more), so a lone `**` or `[1](2)` in a plain text is left alone."""
    images = list(IMAGE.finditer(text))
    links = list(LINK.finditer(text))
    empties = list(EMPTY_LINK.finditer(text))
    bold = list(BOLD.finditer(text))
    heads, bullets = [], []
    for ln in lines(text):
        if m := HEADING.match(ln.text):
            heads.append((ln.start, ln.start + m.end()))
        elif m := BULLET.match(ln.text):
            bullets.append((ln.start, ln.start + m.end()))
    kinds = sum(1 for x in (images, links or empties, bold, heads, bullets) if x)
    if kinds < 2:
        return []
    out = [edit(text, m.start(), m.end(), "", MARKDOWN_REASON) for m in images]
    out += [edit(text, m.start(), m.end(), "", MARKDOWN_REASON) for m in empties]
    image_spans = {(m.start(), m.end()) for m in images}
    for m in links:
        if any(a <= m.start() < b for a, b in image_spans):
            continue
        out.append(edit(text, m.start(), m.end(), m.group(1), MARKDOWN_REASON + "(链接保留文字)"))
    # bold markers pair up on a line; the odd ones out pair with the next odd one when it is
    # at most BOLD_LINES lines further (a headline set in bold over two or three lines, or
    # between `**` lines of their own); one still alone is left alone
    by_line: dict[int, list[re.Match]] = {}
    for m in bold:
        by_line.setdefault(text.rfind("\n", 0, m.start()), []).append(m)
    odd: list[re.Match] = []
    for ms in by_line.values():
        for m in ms[: len(ms) - len(ms) % 2]:
            out.append(edit(text, m.start(), m.end(), "", MARKDOWN_REASON))
        if len(ms) % 2:
            odd.append(ms[-1])
    k = 0
    while k + 1 < len(odd):
        a, b = odd[k], odd[k + 1]
        between = text[a.end():b.start()]
        if len(between) <= BOLD_SPAN and sum(1 for x in between.split("\n") if x.strip()) <= BOLD_LINES:
            out += [edit(text, m.start(), m.end(), "", MARKDOWN_REASON) for m in (a, b)]
            k += 2
        else:
            k += 1
    out += [edit(text, a, b, "", MARKDOWN_REASON) for a, b in heads + bullets]
    return out


def _whole_lines(text: str, found: list[Edit]) -> list[Edit]:
    """A line left with nothing but spaces once its residue is gone goes whole (with its
    newline), so no blank lines pile up where comments and images stood."""
    if not found:
        return found
    disjoint: list[Edit] = []
    for e in sorted(found, key=lambda e: (e.start, -e.end)):
        if disjoint and e.start < disjoint[-1].end:
            continue                       # a tag inside a comment goes with the comment
        disjoint.append(e)
    found = disjoint
    out: list[Edit] = []
    k = 0
    for ln in lines(text):
        mine = []
        while k < len(found) and found[k].start < ln.end + 1:
            mine.append(found[k])
            k += 1
        if not mine:
            continue
        spanning = [e for e in mine if e.end > ln.end]
        if spanning:
            out.extend(mine)               # a comment over several lines: left as it is
            # later lines it covers have no edits of their own (their starts are inside it)
            while k < len(found) and found[k].start < spanning[-1].end:
                k += 1
            continue
        left = ln.text
        for e in sorted(mine, key=lambda e: e.start, reverse=True):
            a, b = e.start - ln.start, e.end - ln.start
            left = left[:a] + e.new + left[b:]
        if ln.text.strip() and not left.strip() and all(e.new == "" for e in mine):
            reasons = []
            for e in mine:
                if e.reason not in reasons:
                    reasons.append(e.reason)
            out.append(ln.removal(text, "；".join(reasons)))
        else:
            out.extend(mine)
    return out
