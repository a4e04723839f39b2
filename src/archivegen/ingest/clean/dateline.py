"""When a web page says its article was published: the meta line under the headline.

A news page prints the article's publish time once, on the meta line between the headline
and the story (`2019-09-26 12:11来源：证券时报网`, `2019年06月15日08:25 来源：人民网`,
`发布时间： 2019-09-26 10:09:11`). Other dates on the page belong to other pages: navigation
links (`今日股市行情分析--2019年8月19日`), related-article lists, a video player's build stamp.
So a date counts only on a meta line (one that starts with the date, after an optional
label, or that carries a 来源/作者 label beside it), and above the story only the meta line
nearest to it is the article's; below the story only a labelled one (`发布日期：…`) is read.
"""

from __future__ import annotations

import re

from archivegen.ingest.clean.base import Fact, Outlet, PageDate, lines
from archivegen.ingest.clean.facts import OUTLET, declared_title

# y-m-d in any of the separators pages use, with an optional time ("2019-09-3007:42" too)
STAMP = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
                   r"(?:\s*(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?")
TIME_LABEL = r"(?:发布|发表|更新|上传|录入)?(?:时间|日期|于)\s*[:：]?"
LEADING = re.compile(rf"^[\[【(（]?\s*(?:{TIME_LABEL}\s*)?{STAMP.pattern}")
LABELLED = re.compile(rf"{TIME_LABEL}\s*{STAMP.pattern}")
TRAILING = re.compile(rf"{STAMP.pattern}\s*$")
BESIDE = re.compile(r"(来源|来源于|作者|编辑|责任编辑|记者|发布者?|浏览|阅读|点击)\s*(次数|量)?\s*[:：]")
TABLE_LABEL = re.compile(r"^[^\s：:]{1,8}\s*[:：]$")     # "成文日期：", a field's label on its own line
MAX_META = 100           # a meta line is short
NEAR_STORY = 10          # a meta line this many lines above the story is printed with it


def _date(m: re.Match) -> tuple[int, int, int] | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    return (y, mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


def meta_date(line: str) -> tuple[re.Match, tuple[int, int, int]] | None:
    """The publish time of a meta line, or None when the line is not one (a headline that
    ends in a date is a link to another page, not this page's meta line)."""
    s = line.strip()
    if len(s) > MAX_META or "。" in s:
        return None
    m = LEADING.match(s)
    if not m and BESIDE.search(s):
        m = STAMP.search(s)
    if not m:
        # a short line ending in a publish time to the minute ("原创 南方都市报 2019-09-09 16:01:46");
        # a link ending in a date alone ("今日股市行情分析--2019年8月19日") is not one
        m = TRAILING.search(s)
        m = m if m and m.group("time") else None
    if not m:
        return None
    date = _date(m)
    return (m, date) if date else None


def is_meta_line(line: str) -> bool:
    """A meta line under a headline: a bare publish time, a labelled one (发布时间：…), or a
    publish time followed by 来源/作者 labels; never a sentence (a first paragraph may start
    with a date: "2019年2月27日下午，佛山…")."""
    s = line.strip()
    if is_stamp_line(s):
        return True
    if len(s) > MAX_META or "。" in s or "，" in s:
        return False
    m = LEADING.match(s)
    return bool(m) and (bool(re.match(r"^[\[【(（]?\s*" + TIME_LABEL, s)) or bool(BESIDE.search(s, m.end())))


def is_stamp_line(line: str) -> bool:
    """A line that is nothing but a machine-written publish time ("2025-12-31 19:35:10",
    "2019/9/26", "2019年09月26日 15:10"); a bare written date ("2012年6月24日") may be the
    document's own dateline and is not one."""
    s = line.strip().strip("()（）[]【】")
    m = STAMP.fullmatch(s.strip())
    return bool(m) and (m.group("time") is not None or "年" not in s)


def frame_dates(removed: str, at: int, before_story: bool) -> list[Fact]:
    """The publish time a removed piece of page frame states for the article: above the
    story the meta line nearest to it, else the first date of an information table (a date
    on the line after its label: "成文日期：" / "2019年01月16日"); below it the first labelled one."""
    ls = [ln for ln in lines(removed) if ln.stripped]
    if before_story:
        table = None
        for n in range(len(ls) - 1, -1, -1):
            ln = ls[n]
            found = meta_date(ln.text)
            if not found:
                continue
            m, (y, mo, d) = found
            if n > 0 and TABLE_LABEL.match(ls[n - 1].stripped) and m.start() == 0:
                table = PageDate(at + ln.start + m.start(), y, mo, d, "frame")
                continue
            where = "dateline" if len(ls) - 1 - n < NEAR_STORY else "frame"
            return [PageDate(at + ln.start + m.start(), y, mo, d, where)]
        return [table] if table else []
    for ln in ls:
        m = LABELLED.search(ln.text)
        if m and len(ln.stripped) <= MAX_META and _date(m):
            y, mo, d = _date(m)
            return [PageDate(at + ln.start + m.start(), y, mo, d, "frame")]
    return []


def frame_facts(removed: str, at: int, before_story: bool) -> list[Fact]:
    """What a removed piece of page frame says about the article: its outlet, its publish
    time, a declared title."""
    out: list[Fact] = []
    m = OUTLET.search(removed)
    if m:
        out.append(Outlet(at + m.start(), m.group("name").strip()))
    return out + frame_dates(removed, at, before_story) + declared_title(removed, at)


def published_tag(value: str | None, at: int) -> list[Fact]:
    """The page's publish-time meta tag ("2019-09-07T13:43:45+08:00", "2019-9-7 21:30:50")."""
    m = STAMP.search(value or "")
    date = _date(m) if m else None
    return [PageDate(at, *date, "meta")] if date else []
