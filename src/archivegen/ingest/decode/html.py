"""HTML page → its visible text, plus where the main story sits in that text.

Standard library only. The page is read once with html.parser; every block element
starts a new line. While reading we keep a light element stack so each line knows the
container it came from, and score containers the way readability-style extractors do:
prose (letters and CJK characters outside links) counts for the container that holds it
and half for that container's parent; page furniture (nav, footer, share bars...) counts
for nothing. The best container's lines are the page's `main` spans.
"""

from __future__ import annotations

import hashlib
import html.parser as html_parser
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser, endtagfind
from html.parser import starttagopen as STARTTAG_OPEN


@dataclass(frozen=True)
class HtmlText:
    text: str                          # visible text blocks, one per line, "\n"-joined
    main: tuple[tuple[int, int], ...]  # spans of `text` (whole lines) of the main story
    title: str | None                  # og:title, else <title>
    url: str | None                    # <link rel=canonical>, else og:url
    published: str | None              # publish date from meta tags, as written
    title_tag: str | None = None       # text of the first <title>, as printed (site name and all)
    og_title: str | None = None        # og:title meta
    h1: tuple[str, ...] = ()           # text of each <h1>, in page order (inside the story or not)


# Elements whose start or end breaks the line.
BLOCK = frozenset("""
    address article aside blockquote body br caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend
    li main menu nav ol option p pre section summary table tbody td tfoot th thead tr ul
""".split())
# Blocks that are a paragraph rather than a container: their text is credited to the
# enclosing container (readability scores the parents of paragraphs, not paragraphs).
PARAGRAPH = frozenset(
    "p h1 h2 h3 h4 h5 h6 pre li dt dd figcaption caption address legend summary option".split())
# Content never shown as text.
HIDDEN = frozenset("script style noscript template head title iframe object svg".split())
# What may stand inside <head>; anything else starts the body.
IN_HEAD = frozenset("head meta link title script style base noscript template object".split())
# Elements without an end tag: never pushed on the stack.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Optional end tags: a start tag listed here closes the open element of that kind.
IMPLIED_END = {
    "p": BLOCK,
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th", "tr"},
    "th": {"td", "th", "tr"},
    "option": {"option"},
}

# class/id words of page furniture (English and the pinyin common on Chinese sites).
UNLIKELY = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|share|comment|related|copyright|sidebar|"
    r"banner|advert|social|login|toolbar|pagination|recommend|"
    r"daohang|fenxiang|pinglun|xiangguan|banquan", re.I)
# ...unless the name also says it holds the content ("main-header" is still a header,
# but "content-with-sidebar" is a wrapper around the story).
LIKELY = re.compile(r"article|content|main|story|body|entry|post|detail|text|zhengwen", re.I)

# Meta names that state a publish date (name/property/itemprop, lower-cased).
PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "publishdate", "publish_date", "publishtime", "publish-date",
    "pubdate", "firstpublishedtime", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.created", "date",
)

# ...or any other meta name saying it holds a publish time ("apub:time"), with a date in it.
PUBLISHED_NAME = re.compile(r"pub[a-z]*[:_.\-]?(time|date)", re.I)
DATE_VALUE = re.compile(r"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")

# Prose has clause or sentence marks; labels ("来源：央视网 2024-01-17"), headings and
# menus usually have none.
SENTENCE_MARK = re.compile(r"[。！？；，、]|[,.!?;](\s|$)")

_REF_END = re.compile(r"[\s;]")

COMMON_TAG = re.compile(
    r"<(/?)(p|div|br|span|a|b|i|em|strong|font|table|tr|td|ul|ol|li|h[1-6]|img|body|head|"
    r"meta|link|script|style|section|article|title)(?=[\s/>])[^<>]*>", re.I)
# What may come before a page's doctype or <html>: white space, an XML declaration, comments.
PROLOGUE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?")
COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
DOCUMENT = re.compile(r"<(!doctype\s+html|html[\s>])", re.I)
# Tags that only style words. A page or a fragment of one has structure too (paragraphs,
# line breaks, divisions, links, list items, cells); a text with these alone is a text.
INLINE_TAGS = frozenset("b i em strong font span".split())
PAGE_TAG = re.compile(r"<(html|head|body)(?=[\s>])", re.I)
MIN_TAGS = 3             # fewer tags than this are stray tags in a text, whatever their share
MARKUP_SHARE = 0.05      # markup making up this share of the characters: a page (or fragment)
SPREAD = 8               # tags in this many tenths of the text (and MIN_TAGS * 3 of them): a page


def _starts_as_a_page(head: str) -> bool:
    """A doctype or <html> after at most an XML declaration and comments. Comments are
    skipped one by one: a single pattern with a repeated lazy group backtracks without end
    on a text of many comments and no doctype (an HTML-to-text dump keeps <!-- … --> lines)."""
    pos = PROLOGUE.match(head).end()
    while head.startswith("<!--", pos):
        comment = COMMENT.match(head, pos)
        if comment is None:
            return False
        pos = comment.end()
    return DOCUMENT.match(head, pos) is not None


def _without_comments(text: str) -> str:
    """The text with each <!-- … --> (an unclosed one: to its line's end) left out; found
    with str.find, so linear."""
    pieces, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        pieces.append(text[pos:start])
        end = text.find("-->", start + 4)
        if end < 0:
            end = text.find("\n", start)
            pos = len(text) if end < 0 else end
        else:
            pos = end + 3
    pieces.append(text[pos:])
    return "".join(pieces)


def looks_like_html(text: str) -> bool:
    """True when decoded text is an HTML page or fragment, not a text with a few stray tags.

    Decided by structure: a doctype or <html>/<head>/<body>; else enough tags that make up a
    good share of the text, or that run through the whole of it. Converters from HTML to
    text leave a <p>, a <br> or an <img> here and there; such a text stays text (the
    cleaning rules deal with the residue)."""
    head = text[:100_000]
    if _starts_as_a_page(head[:4096]) or PAGE_TAG.search(head):
        return True
    # tags inside comments are markup a converter commented out, not markup of this text
    # (an HTML-to-text dump keeps `<!-- <li> <a href=…> 读+ </a -->` lines by the dozen)
    head = _without_comments(head)
    found = list(COMMON_TAG.finditer(head))
    if all(m.group(2).lower() in INLINE_TAGS for m in found):
        return False            # only <font>, <b>, <span>…: a converter passed them through
    tags = [m.span() for m in found]
    if len(tags) < MIN_TAGS:
        return False
    size = len(head.strip()) or 1
    if sum(end - start for start, end in tags) >= MARKUP_SHARE * size:
        return True
    tenths = {start * 10 // len(head) for start, _ in tags}
    return len(tags) >= 3 * MIN_TAGS and len(tenths) >= SPREAD


# The tags nearly every page is made of, in a strict form the standard parser reads in one
# way only: a name, then attributes each after white space, named without quotes or "<",
# valued in quotes or bare (not starting with a quote, "=" or "<"), then ">" or "/>". Such a
# tag is read here with two regular expressions; anything else goes to html.parser's own
# code, so what the reader hears is exactly what html.parser would have told it
# (tests/ingest/test_html.py compares the two on the corpora). The name may not run on into
# a character html.parser reads as part of it (U+3000 is white space to `\s`, not to it).
FAST_START = re.compile(r"""
    <([a-zA-Z][^\s/>\x00]*)(?![^\t\n\r\f />\x00])
    ((?:\s+[^\s/>"'=<][^\s/=>"'<]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`][^>\s]*))?)*)
    \s*(/?)>""", re.X)
FAST_ATTR = re.compile(r"""
    \s+([^\s/>"'=<][^\s/=>"'<]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`][^>\s]*)))?""", re.X)
CDATA_CONTENT = ("script", "style")
_NO_ATTRS: dict[str, str] = {}


def _parser_fingerprint() -> str:
    """What the fast loop below copies from html.parser: its loop, how it reads tags, and
    its patterns."""
    h = hashlib.sha256()
    for f in (HTMLParser.goahead, HTMLParser.parse_starttag, HTMLParser.check_for_whole_start_tag,
              HTMLParser.parse_endtag, HTMLParser.set_cdata_mode):
        h.update(f.__code__.co_code + repr(f.__code__.co_consts).encode())
    for pattern in (STARTTAG_OPEN, endtagfind, html_parser.tagfind_tolerant, html_parser.attrfind_tolerant,
                    html_parser.locatestarttagend_tolerant, html_parser.interesting_normal):
        h.update(pattern.pattern.encode())
    return h.hexdigest()[:16]


# The fast loop was written against html.parser as CPython 3.11.7 ships it. Another
# version of the module (another Python, a security release that changes how it reads)
# is left to read every page itself: slower, and exactly what that html.parser says.
FAST_TAGS = _parser_fingerprint() == "ffea5fc7eaf2e78b"


class _Element:
    __slots__ = ("tag", "parent", "first_line", "last_line", "score", "weight", "unlikely", "content", "box", "block")

    def __init__(self, tag: str, parent: _Element | None, first_line: int, names: str, ident: str = ""):
        self.tag = tag
        self.parent = parent              # nearest enclosing container (see _container)
        self.first_line = first_line      # lines [first_line, last_line) were made inside
        self.last_line = -1
        self.score = 0.0
        # the innermost container and block at or around this element, for the reader's
        # _container() and _flush() without a walk up the stack
        self.box: _Element | None = self if tag in BLOCK and tag not in PARAGRAPH else parent
        self.block: _Element | None = None
        if not names:                     # no class, no id (most elements): nothing to read
            self.unlikely = self.content = False
            self.weight = 1.0
            return
        likely = LIKELY.search(names) is not None
        unlikely = UNLIKELY.search(names) is not None
        # The page's outer elements are never furniture, whatever their class says.
        self.unlikely = tag not in ("html", "body", "main", "article") and unlikely and not likely
        self.weight = 1.25 if likely else 1.0
        # The one element whose id names it as content (id="main_content"): its text is the
        # story even inside a wrapper named like furniture (class="js_img_share_area" around
        # the article). A class is not enough: every comment may have a class="content".
        self.content = bool(ident) and LIKELY.search(ident) is not None and not unlikely


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)   # entities, named and numeric, decoded for us
        self.stack: list[_Element] = []
        self.containers: list[_Element] = []      # containers, in order of their start tags
        self.hidden = 0                           # open elements whose text is not shown
        self.links = 0                            # open <a> elements
        self.verdicts: list[bool] = []            # open elements named as furniture (True) or content (False)
        self.pieces: list[tuple[str, bool, bool]] = []   # current line: (text, in link, in furniture)
        self.lines: list[str] = []
        self.prose: list[int] = []                # per line: letters/CJK outside links
        self.linked: list[int] = []               # per line: letters/CJK inside links
        self.furniture: list[bool] = []           # per line: mostly inside furniture
        self.boxes: list[tuple[_Element | None, bool]] = []  # per line: container, text bare in it
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.title: str | None = None             # text of the first <title>
        self.in_title = 0
        self.h1: list[str] = []                   # text of each closed <h1>
        self.h1_parts: list[str] | None = None    # text of the <h1> being read
        self.heads = 0                            # open <head> elements

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # The standard library asserts on a marked section it does not know (<![ x, a
        # truncated <![CDA); a browser reads it as a bogus comment up to the next '>'.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def updatepos(self, i: int, j: int) -> int:
        # The standard parser counts lines and columns of everything it reads, for
        # getpos(), which nothing here asks for: a tenth of the parse, skipped.
        return j

    def goahead(self, end: int) -> None:
        """html.parser's own loop (Python 3.11, convert_charrefs=True, where a text's "&" is
        never a token of its own), with the common start and end tags read by FAST_START and
        endtagfind in one step each; every other construct by html.parser's methods."""
        if not FAST_TAGS:
            return super().goahead(end)
        rawdata = self.rawdata
        i, n = 0, len(rawdata)
        find, startswith = rawdata.find, rawdata.startswith
        fast_start, fast_end = FAST_START.match, endtagfind.match
        handle_data, handle_starttag = self.handle_data, self.handle_starttag
        while i < n:
            if self.cdata_elem:                      # inside <script> or <style>: only its end tag counts
                m = self.interesting.search(rawdata, i)
                if m is None:
                    break
                j = m.start()
                if i < j:
                    handle_data(rawdata[i:j])
            else:
                j = find("<", i)
                if j < 0:
                    # a character reference cut at the end waits for more text
                    amppos = rawdata.rfind("&", max(i, n - 34))
                    if amppos >= 0 and not _REF_END.search(rawdata, amppos):
                        break
                    j = n
                if i < j:
                    handle_data(unescape(rawdata[i:j]))
            i = j
            if i == n:
                break
            m = fast_start(rawdata, i)
            if m is not None:
                tag = m.group(1).lower()
                attrs = []
                if m.group(2):
                    for a in FAST_ATTR.finditer(m.group(2)):
                        name, dq, sq, bare = a.groups()
                        value = dq if dq is not None else sq if sq is not None else bare
                        attrs.append((name.lower(), unescape(value) if value else value))
                if m.group(3):
                    self.handle_startendtag(tag, attrs)
                else:
                    handle_starttag(tag, attrs)
                    if tag in CDATA_CONTENT:
                        self.set_cdata_mode(tag)
                i = m.end()
                continue
            if not self.cdata_elem and startswith("</", i):
                m = fast_end(rawdata, i)
                if m is not None:
                    self.handle_endtag(m.group(1).lower())
                    i = m.end()
                    continue
            if STARTTAG_OPEN.match(rawdata, i):
                k = self.parse_starttag(i)
            elif startswith("</", i):
                k = self.parse_endtag(i)
            elif startswith("<!--", i):
                k = self.parse_comment(i)
            elif startswith("<?", i):
                k = self.parse_pi(i)
            elif startswith("<!", i):
                k = self.parse_html_declaration(i)
            elif i + 1 < n:
                handle_data("<")
                k = i + 1
            else:
                break
            if k < 0:                                # a construct cut off by the end of the page
                if not end:
                    break
                k = find(">", i + 1)
                if k < 0:
                    k = find("<", i + 1)
                    if k < 0:
                        k = i + 1
                else:
                    k += 1
                handle_data(rawdata[i:k] if self.cdata_elem else unescape(rawdata[i:k]))
            i = k
        if end and i < n and not self.cdata_elem:
            handle_data(unescape(rawdata[i:n]))
            i = n
        self.rawdata = rawdata[i:]

    # --- tree -----------------------------------------------------------------------------
    def _container(self) -> _Element | None:
        """Innermost open block that is not a paragraph: the element a line is credited to."""
        return self.stack[-1].box if self.stack else None

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            el = self.stack.pop()
            self._left(el)

    def _left(self, el: _Element) -> None:
        if el.tag in HIDDEN:
            self.hidden -= 1
        if el.tag == "title":
            self.in_title -= 1
            if self.title is None:
                self.title = " ".join("".join(self.title_parts).split())
        if el.tag == "h1" and self.h1_parts is not None:
            self.h1.append(" ".join("".join(self.h1_parts).split()))
            self.h1_parts = None
        if el.tag == "a":
            self.links -= 1
        if el.tag == "head":
            self.heads -= 1
        if el.unlikely or el.content:
            self.verdicts.pop()
        el.last_line = len(self.lines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs} if attrs else _NO_ATTRS
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        if self.heads and tag not in IN_HEAD:   # the body has begun: a missing </head> must not hide it
            for i, el in enumerate(self.stack):
                if el.tag == "head":
                    self._pop_to(i)
                    break
        if tag in BLOCK:
            self._flush()
        # Close elements whose end tag HTML lets authors omit (<p>, <li>, <td>...).
        cut = None
        for i in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[i].tag
            if tag in IMPLIED_END.get(open_tag, ()):
                cut = i
            elif open_tag in BLOCK:
                break
        if cut is not None:
            self._pop_to(cut)
        if tag in VOID:
            return
        names = f"{a.get('class', '')} {a.get('id', '')}".strip()
        el = _Element(tag, self._container(), len(self.lines), names, a.get("id", ""))
        el.block = el if tag in BLOCK else self.stack[-1].block if self.stack else None
        self.stack.append(el)
        if tag in BLOCK and tag not in PARAGRAPH:
            self.containers.append(el)
        self.hidden += tag in HIDDEN
        self.in_title += tag == "title"
        if tag == "h1":
            self.h1_parts = []
        self.links += tag == "a"
        self.heads += tag == "head"
        if el.unlikely or el.content:
            self.verdicts.append(el.unlikely)   # the innermost named element decides

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                self._pop_to(i)
                return
        # An end tag with nothing open to close is ignored, as browsers do.

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.hidden:
            self.pieces.append((data, self.links > 0, bool(self.verdicts) and self.verdicts[-1]))
            if self.h1_parts is not None:
                self.h1_parts.append(data)

    # --- lines ----------------------------------------------------------------------------
    def _flush(self) -> None:
        """End the current line: collapse its whitespace, keep it if not empty, score it."""
        if not self.pieces:                     # most block tags end no text
            return
        line = " ".join("".join(p for p, _, _ in self.pieces).split())
        pieces, self.pieces = self.pieces, []
        if not line:
            return
        prose = linked = furniture = total = 0
        for piece, in_link, in_furniture in pieces:
            n = sum(map(str.isalpha, piece))    # letters and CJK characters, not digits
            total += n
            furniture += n if in_furniture else 0
            if in_link:
                linked += n
            elif not in_furniture:
                prose += n
        if not SENTENCE_MARK.search(line):
            prose = 0   # a label, date or heading, not prose
        self.lines.append(line)
        self.prose.append(prose)
        self.linked.append(linked)
        self.furniture.append(furniture * 2 > total)
        innermost = self.stack[-1].block if self.stack else None
        self.boxes.append((self._container(), innermost is not None and innermost.tag not in PARAGRAPH))

    def close(self) -> None:
        super().close()
        self._flush()
        self._pop_to(0)


def _main_lines(r: _Reader) -> list[int]:
    """Indices of the lines of the best-scoring container."""
    # Prose counts fully for its container and half for the one around it, so the
    # tightest element holding most of the story wins over the page wrapper.
    for prose, (box, bare) in zip(r.prose, r.boxes):
        if box is None or not prose:
            continue
        # A <div> whose only line is its own bare text is a paragraph written without <p>.
        if bare and box.last_line - box.first_line == 1 and box.parent is not None:
            box = box.parent
        box.score += prose
        if box.parent is not None:
            box.parent.score += prose / 2
    prose_sum, link_sum = [0], [0]
    for p, k in zip(r.prose, r.linked):
        prose_sum.append(prose_sum[-1] + p)
        link_sum.append(link_sum[-1] + k)

    def final(el: _Element) -> float:
        text = prose_sum[el.last_line] - prose_sum[el.first_line]
        links = link_sum[el.last_line] - link_sum[el.first_line]
        # A block that is mostly links is a menu or a list of other stories.
        return el.score * el.weight * text / (text + links) if el.score > 0 and text else 0.0

    scores = [final(el) for el in r.containers]
    best_score = max(scores, default=0.0)
    if best_score <= 0:
        return []
    best = r.containers[scores.index(best_score)]   # first of equals: deterministic
    # Whole lines of the container, minus furniture nested in it (a share bar).
    return [i for i in range(best.first_line, best.last_line) if not r.furniture[i]]


def html_to_text(html: str) -> HtmlText:
    r = _Reader()
    r.feed(html)
    r.close()
    text = "\n".join(r.lines)

    starts, pos = [], 0
    for line in r.lines:
        starts.append(pos)
        pos += len(line) + 1
    main: list[tuple[int, int]] = []
    for i in _main_lines(r):
        start, end = starts[i], starts[i] + len(r.lines[i])
        if main and main[-1][1] + 1 == start:   # neighbouring lines make one span
            main[-1] = (main[-1][0], end)
        else:
            main.append((start, end))

    title = " ".join(r.meta.get("og:title", "").split()) or r.title or None
    published = next((r.meta[k] for k in PUBLISHED_KEYS if k in r.meta), None) or next(
        (v for k, v in r.meta.items() if PUBLISHED_NAME.search(k) and DATE_VALUE.search(v)), None)
    return HtmlText(
        text=text,
        main=tuple(main),
        title=title,
        url=r.canonical or r.meta.get("og:url"),
        published=published,
        title_tag=r.title or None,
        og_title=" ".join(r.meta.get("og:title", "").split()) or None,
        h1=tuple(h for h in r.h1 if h),
    )
