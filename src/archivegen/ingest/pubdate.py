"""Which of the dates a page states is its article's date, and whether it is printed.

Cleaning reports every publish time it finds as a PageDate fact saying where the page
states it (clean/dateline.py). The article's date is, in this order: the meta line printed
under its headline; a dateline the document prints as its first line ("（2007年6月29日第十届
全国人民代表大会常务委员会第二十八次会议通过）"); the page's publish-time tag; a labelled date
elsewhere in the page frame. Only the first two are printed for the article itself, so only
they make the date not inferred.
"""

from __future__ import annotations

import re

from archivegen.ingest.clean.base import Fact, PageDate
from archivegen.ingest.clean.dateline import STAMP
from archivegen.ingest.headers import calendar_date

FIRST_LINE_DATELINE = re.compile(rf"^[(（\[【]?\s*{STAMP.pattern}")
MAX_DATELINE = 60

# evidence, as shown to readers, per kind of PageDate
EVIDENCE = {"dateline": "标题下的发布时间", "meta": "网页元数据中的发布时间", "frame": "网页标注的发布时间"}


def printed_dateline(body: str) -> tuple[int, int, int] | None:
    """The date of a document whose first line is a dateline (a date, then at most a short
    occasion, no sentence)."""
    first = body.strip().split("\n", 1)[0].strip()
    m = FIRST_LINE_DATELINE.match(first)
    if not m or len(first) > MAX_DATELINE or re.search(r"[，。；]", first):
        return None
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    return (y, mo, d) if calendar_date(y, mo, d) else None


def article_date(facts: list[Fact], body: str) -> tuple[tuple[int, int, int], bool, str] | None:
    """(date, printed for the article, evidence) or None."""
    # a date that is not on the calendar (2月30日, damaged digits) dates nothing
    dates = [f for f in facts if isinstance(f, PageDate) and calendar_date(f.year, f.month, f.day)]
    first = {where: next((f for f in dates if f.where == where), None) for where in EVIDENCE}
    if first["dateline"]:
        f = first["dateline"]
        return (f.year, f.month, f.day), True, EVIDENCE["dateline"]
    printed = printed_dateline(body)
    if printed:
        return printed, True, "题注日期"
    for where in ("meta", "frame"):
        f = first[where]
        if f:
            return (f.year, f.month, f.day), False, EVIDENCE[where]
    return None
