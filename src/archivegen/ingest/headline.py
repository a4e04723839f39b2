"""A news page's own headline: the line its markup and its text agree on, never furniture.

A saved page states its headline several times: the `<title>` (usually with the site's name
after a separator: `…_澎湃新闻-The Paper`, `…|游民星空`, `… - 山西省人民政府门户网站`), og:title,
an `<h1>`, and a line printed right above the dateline and the story. Each of them alone can
be wrong: the `<title>` carries the site's name or a section's name (`新闻动态--某学会官网`),
og:title can be cut at an ASCII quote by the page's own markup, an `<h1>` can be the site's
logo, and the first line of the story container can be a byline, a photo credit, an
`原标题：…` note, a breadcrumb or a link prompt. So a headline is a string at least two of
these sources agree on (compared by their letters and digits only); the longest such wins.

What a line around a headline looks like (credit labels, reporter words, link prompts) is
data in `archivegen/data/headline.yaml`; everything else is structure: length, punctuation,
position (right above a dateline, near the start of the story), agreement between sources,
and repetition across the pages of one site imported together.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from archivegen.data import alternation, load_data
from archivegen.ingest.clean.base import CJK
from archivegen.ingest.clean.dateline import BESIDE, STAMP, meta_date   # STAMP: 2019-09-26 12:11, 2019年06月15日08:25
from archivegen.ingest.decode import Decoded
from archivegen.ingest.headers import parse_signature

# Separators between a headline and the site's (or section's) name in a <title>. A hyphen
# between digits is a range ("1-10月"), not a separator.
SEPARATOR = re.compile(r"\s*(?:_+|\||｜|-{2,}|——|—|–|\s-\s|(?<!\d)-(?!\d)|\s·\s)\s*")
BREADCRUMB_MARK = re.compile(r"\s*(?:>|＞|»|›|→)\s*")
BREADCRUMB_LABEL = re.compile(r"^(?:您|你)?(?:当前|现在|所在)?的?位置\s*[:：]")
TEMPLATE_TAG = re.compile(r"^\s*\[[^\[\]\s]{1,10}\]\s*(?=\S)")
PROMPT_END = re.compile(r"(?:>>+|》》+|»|→)\s*$")
SENTENCE_STOP = re.compile(r"。|[；;]\s*$")      # a headline may hold "；" between two clauses
NAMES = rf"[{CJK}]{{2,4}}(?:(?:\s+|、|，|,|&|＆)[{CJK}]{{2,4}})*"

MIN_HEADLINE = 4         # letters and digits: "图集", "视频" are labels, not headlines
MAX_HEADLINE = 80        # a line above a dateline longer than this is no headline by position alone
LINES_BEFORE = 15        # lines above the story container looked at for the headline
LINES_INSIDE = 8         # and lines at the start of the story container
BADGE = 4                # letters a site may glue before a printed headline ("原创", "独家")
JOIN_MAX = 3             # a headline printed over up to three lines


NOT_ALNUM = re.compile(r"[\W_]+")     # \w is str.isalnum() plus "_"


@lru_cache(maxsize=65536)
def key(s: str | None) -> str:
    """What two spellings of a headline share: NFKC letters and digits, lower case
    ("暗伤" and “暗伤”, "2007 年" and "2007年" compare equal)."""
    return NOT_ALNUM.sub("", unicodedata.normalize("NFKC", s or "").lower())


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    data = load_data("headline.yaml")
    alt = alternation
    label = re.compile(rf"^[【\[(（]?\s*(?:(?:{alt(data['labels'])})\s*[:：/／|｜]|(?:{alt(data['slash_labels'])})\s*[/／])")
    byline = re.compile(rf"^[【\[(（]?[^，。！？]{{0,20}}?(?:{alt(data['reporters'])})\s*[:：]?\s*{NAMES}\s*[】\])）]?$")
    prompt = re.compile(rf"^[【\[(（]?\s*(?:{alt(data['prompts'])})")
    caption = re.compile(rf"(?:{alt(data['caption_ends'])})\s*[】\])）]?$")
    return label, byline, prompt, caption


@lru_cache(maxsize=4096)
def furniture(line: str) -> str | None:
    """Why a short line near a headline is not one (a credit, a byline, a label, a breadcrumb,
    a link prompt, a dateline), or None when it may be a headline. Kept for the last few
    thousand lines asked: page_title asks about each line near a story up to six times (alone
    and in every run of lines it starts or ends), and about the same lines again once the
    batch's site names are known."""
    s = " ".join(line.split())
    k = key(s)
    if len(k) < MIN_HEADLINE or not re.search(rf"[{CJK}A-Za-z]", s):
        return "标签或数字"
    label, byline, prompt, caption = _patterns()
    if label.match(s):
        return "署名、来源或标签"
    if len(s) <= 40 and (byline.match(s) or parse_signature(s)):
        return "署名"
    if len(s) <= 40 and caption.search(s) and (" " in s or s[:1] in "(（【["):
        return "图片说明"
    if BREADCRUMB_LABEL.match(s) or len(BREADCRUMB_MARK.findall(s)) >= 2:
        return "导航路径"
    if PROMPT_END.search(s) or (len(s) <= 30 and prompt.match(s)):
        return "链接提示"
    m = STAMP.match(s)
    if m and (m.end() == len(s) or (s[m.end()].isspace() and len(s) - m.end() <= 24) or BESIDE.match(s, m.end())
              or m.group("time")):
        return "日期行"         # "2012年6月24日", "2019-09-26 12:11来源：…", not "2020年1月1日起，…"
    if SENTENCE_STOP.search(s):
        return "句子"
    return None


def title_parts(title: str | None) -> list[str]:
    """A <title> cut at its separators: ['headline', '10%公司', '澎湃新闻', 'The Paper']."""
    return [p for p in SEPARATOR.split(" ".join((title or "").split())) if key(p)]


def site_names(titles: list[str | None]) -> frozenset[str]:
    """Parts at the start or end of the <title>s of several pages that recur in at least two
    different titles: the site's (or a section's) name, whatever its separator."""
    seen: Counter[str] = Counter()
    for t in {t for t in titles if t}:
        parts = title_parts(t)
        if len(parts) >= 2:
            ends = {key(parts[0]), key(parts[-1])}
            seen.update(ends)
    return frozenset(k for k, n in seen.items() if n >= 2)


@dataclass(frozen=True)
class PageTitle:
    """The headline of a saved page, for its first document."""

    agreed: str | None = None      # a headline at least two of the page's sources agree on
    fallback: str | None = None    # else: the line above the dateline, or the <title> without the site


def _near_lines(text: str, main: tuple[tuple[int, int], ...]) -> list[str]:
    lines = text.split("\n")
    if not main:
        return [ln.strip() for ln in lines[:LINES_BEFORE * 3] if ln.strip()]
    first = text.count("\n", 0, main[0][0])
    before = [ln.strip() for ln in lines[:first] if ln.strip()][-LINES_BEFORE:]
    inside = [ln.strip() for ln in lines[first:] if ln.strip()][:LINES_INSIDE]
    return before + inside


def _is_meta(line: str) -> bool:
    """A dateline or meta line (the line under a headline)."""
    return bool(meta_date(line) or BESIDE.search(line))


def of_page(decoded: Decoded, sites: frozenset[str] = frozenset()) -> PageTitle | None:
    """The headline of a decoded web page (None for a text file)."""
    if not decoded.is_html:
        return None
    return page_title(decoded.title_tag, decoded.og_title, decoded.h1, decoded.text, decoded.main, sites)


def page_title(title_tag: str | None, og_title: str | None, h1: tuple[str, ...], text: str,
               main: tuple[tuple[int, int], ...] = (), sites: frozenset[str] = frozenset()) -> PageTitle:
    """The headline a page's <title>, og:title, <h1>s and the lines around its story agree on."""
    near = _near_lines(text, main)
    tkey, okey = key(title_tag), key(og_title)
    parts = title_parts(title_tag)
    longest = max((key(p) for p in parts), key=len, default="")
    # the site's name: an end part of a <title> that has several (unless it is the longest
    # part, which is the headline), or a part that recurs across the batch's pages
    site = set(sites)
    if len(parts) >= 2:
        site |= {k for k in (key(parts[0]), key(parts[-1])) if k != longest}

    printed: dict[str, str] = {}            # key → the form to print (line > og > <title>)
    support: dict[str, set[str]] = {}       # key → its sources: printed ("line"), "title", "og"
    dateline: set[str] = set()              # printed right above a dateline
    single: set[str] = set()                # printed on one line

    def add(s: str, source: str) -> None:
        k = key(s)
        if len(k) < MIN_HEADLINE or k in site or furniture(s):
            return
        printed.setdefault(k, " ".join(s.split()))
        support.setdefault(k, set()).add(source)

    for i in range(len(near)):
        for n in range(1, JOIN_MAX + 1):
            chunk = near[i:i + n]
            if len(chunk) < n or (n > 1 and any(furniture(c) for c in chunk)):
                break
            joined = "".join(chunk)
            add(joined, "line")
            k = key(joined)
            if k in support and any(_is_meta(x) for x in near[i + n:i + n + 2]):
                dateline.add(k)
            if k in support and n == 1:
                single.add(k)
    near_keys = {key(x) for x in near}
    for h in h1:                            # printed near the story (a site's logo is not)
        if key(h) in near_keys:
            add(h, "line")
    if og_title:
        add(og_title, "og")
    if title_tag:
        add(title_tag, "title")
        for p in parts:
            add(p, "title")
    for k, sources in support.items():
        if tkey and k in tkey:
            sources.add("title")
        if okey and k == okey:
            sources.add("og")
        # printed with a badge glued before it ("<span>原创</span>headline")
        if "line" not in sources and any(_same(x, k) for x in near_keys):
            sources.add("line")

    agreed = [k for k, s in support.items() if len(s) >= 2]
    if agreed:
        heads = {key(h) for h in h1}
        # most sources, then printed on the page (a <title> and og:title may carry a tag such
        # as "[视频]" the page does not print), then the longest
        best = max(agreed, key=lambda k: (len(support[k]), "line" in support[k], len(k), k in heads, k in dateline))
        return PageTitle(agreed=printed[best])
    # No two sources agree: the line printed right above a dateline, else an <h1> printed near
    # the story, else the <title>'s longest part (a <title> without separators is kept whole).
    above = [k for k in support if k in dateline and k in single and len(printed[k]) <= MAX_HEADLINE]
    if above:
        return PageTitle(fallback=printed[max(above, key=len)])
    near_h1 = [h for h in h1 if key(h) in support and len(h) <= MAX_HEADLINE]
    if near_h1:
        return PageTitle(fallback=near_h1[-1])
    rest = [p for p in parts if key(p) not in sites]
    if len(rest) >= 2:
        rest = [p for p in rest if key(p) == longest] or rest
    return PageTitle(fallback=rest[0] if rest else None)


class Heading(NamedTuple):
    kicker: str | None
    title: str
    subtitle: str | None
    used: int                       # header lines the heading takes (the rest stays in the body)


def _kicker_like(line: str) -> bool:
    return len(line) <= 30 and not furniture(line)


def _subtitle_like(line: str) -> bool:
    return len(line) <= 24 and "，" not in line and "," not in line and not furniture(line) and not STAMP.search(line)


def heading(head: tuple[str, ...], page: PageTitle | None) -> Heading | None:
    """Kicker, title and subtitle of a document whose page agrees on its headline; None when
    the page says nothing certain (the document's own header lines decide then)."""
    if page is None or not page.agreed:
        return None
    want = key(page.agreed)
    for k in range(min(len(head), 2)):
        for n in range(1, JOIN_MAX + 1):
            if k + n > len(head) or not _same(key("".join(head[k:k + n])), want):
                continue
            if k == 1 and not _kicker_like(head[0]):
                break
            used = k + n
            subtitle = head[used] if used < len(head) and _subtitle_like(head[used]) else None
            return Heading(head[0] if k == 1 else None, "".join(head[k:k + n]), subtitle,
                           used + (subtitle is not None))
    # The headline is not among the header lines (it sat in the page frame): every header
    # line (a byline, an 原标题 note, a caption) stays in the body.
    return Heading(None, page.agreed, None, 0)


def _same(printed: str, want: str) -> bool:
    """A printed headline is the agreed one, perhaps with a badge glued before it."""
    return printed.endswith(want) and len(printed) - len(want) <= BADGE


def as_title(printed: str, page: PageTitle | None = None) -> str:
    """The title of a printed headline: without a template tag ("[视频]…") and without a badge
    glued before it ("原创…", when the page agrees on the headline after it)."""
    title = without_tag(printed)
    if page and page.agreed and key(title) != key(page.agreed) and _same(key(title), key(page.agreed)):
        return page.agreed
    return title


def without_tag(title: str) -> str:
    """A headline without the tag a site's template puts before it in ASCII brackets ("[视频]",
    "[组图]", an advertiser's name); a 【】 label is the headline's own wording ("【资讯汇总】…")."""
    return TEMPLATE_TAG.sub("", title, count=1) or title


def own_lines(head: tuple[str, ...]) -> tuple[str, ...]:
    """A document's header lines up to the first that cannot be part of a headline (a byline,
    a credit, a label): a header that starts with one has no headline of its own."""
    out: list[str] = []
    for line in head:
        if furniture(line):
            break
        out.append(line)
    return tuple(out)
