"""Facts in the text a rule removes: the outlet, the publish time, a declared title.

Page frames and meta lines state where and when an article was published; the rules that
remove them call these helpers so that what the frame said reaches the document's
metadata (describe reads the facts, never the removed text).
"""

from __future__ import annotations

import re

from archivegen.ingest.clean.base import DeclaredTitle, Fact, Outlet, PageDate

OUTLET = re.compile(r"(来源|来源于|文章来源|稿件来源|信息来源|转载自|本文来源)\s*[:：]\s*(?P<name>[^\s\d]\S{0,20})")
# A publish time: "2024-01-19 19:23", "发布时间：2024年1月19日".
PAGE_STAMP = re.compile(r"(?P<y>20\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?(?:\s+\d{1,2}:\d{2})?")
DECLARED_TITLE = re.compile(r"(本文标题|文章标题|标题)\s*[:：]\s*(?P<t>[^\n]{4,60})")


def frame_facts(removed: str, at: int, where: str = "frame") -> list[Fact]:
    """The outlet and publish time a removed piece of page frame states (the first of each);
    `where` says where the page printed it (see PageDate)."""
    out: list[Fact] = []
    m = OUTLET.search(removed)
    if m:
        out.append(Outlet(at + m.start(), m.group("name").strip()))
    m = PAGE_STAMP.search(removed)
    if m:
        out.append(PageDate(at + m.start(), int(m.group("y")), int(m.group("m")), int(m.group("d")), where))
    return out


def declared_title(removed: str, at: int) -> list[Fact]:
    """本文标题：… — the title a page footer gives its article."""
    m = DECLARED_TITLE.search(removed)
    return [DeclaredTitle(at + m.start(), m.group("t").strip())] if m else []
