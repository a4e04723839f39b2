"""The header of a delivered report: its dateline and its speaker's signature.

Chinese work reports and speeches open with a title, a dateline saying when and at which
meeting they were delivered, and the speaker's role and name, in any order and spacing:

    政府工作报告                                  政府工作报告
    ——2026年1月20日在河北省第十四届人民代表大会    河北省省长　王正谱
      第四次会议上                                （2026年1月20日在河北省第十四届…会议上）
    河北省省长　王正谱

split.py finds documents by these lines; describe.py reads date, occasion and speaker from
them. Both use the patterns here.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from archivegen.ingest.clean.base import CJK

CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_NUMBER = r"\d{1,4}|[〇零一二三四五六七八九十]{1,4}"
_DATE = rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_NUMBER})\s*月\s*(?P<d>{_NUMBER})\s*日"
# "在…会议上", "在…大会上", with what follows the meeting's name ("的讲话")
_AT = r"在\s*(?P<occasion>[^。；！？\n]{2,80}?(?:会议|大会|全会|常委会|座谈会|会))\s*上(?:的(?:讲话|报告|发言|致辞))?"
_DASH = re.compile(r"^\s*(?:——|—|－－|--|――|─+)\s*")
_DATELINE = re.compile(rf"^(?:{_DATE})?\s*{_AT}")

ROLES = "代理省长|代理市长|代理区长|代理县长|代省长|代市长|代区长|代县长|省长|市长|区长|县长|州长|旗长|盟长|主席|书记|主任|总理|部长|局长|院长"
SIGNATURE = re.compile(
    rf"^(?P<role>[{CJK}]{{0,16}}?(?:{ROLES}))[\s\u3000]*(?P<name>[{CJK}](?:[ \u3000]?[{CJK}]){{1,3}})$")


@dataclass(frozen=True)
class Dateline:
    occasion: str
    date: tuple[int, int, int] | None       # (year, month, day) when printed
    rest: str                               # what follows on the same line (a signature)


def calendar_date(y: int, m: int, d: int) -> str | None:
    """YYYY-MM-DD of a date that exists, else None: a printed 2月30日 or 13月 (a misprint,
    damaged digits) dates nothing."""
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def cn_number(s: str) -> int:
    """'2026', '二〇二六' (digit by digit), '十二', '二十', '二十一' → int."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (CN_DIGIT[tens] if tens else 1) * 10 + (CN_DIGIT[ones] if ones else 0)


# A speech's date alone in brackets under its title: （2023年6月2日）, （2025年11月1日，庆州）
_DATE_ONLY = re.compile(rf"^[(（]\s*{_DATE}\s*(?:[，,、]\s*[^()（）。，,]{{1,12}})?\s*[)）]$")


def parse_dateline(line: str) -> Dateline | None:
    """A dateline: "——2026年1月20日在…会议上", "（2026年1月20日在…会议上）", or the same
    without dashes or brackets when it prints a date (a sentence that merely starts with
    "在…会议上" has neither dash, bracket nor date); or a date alone in brackets, with the
    place after it at most ("（2023年6月2日）", "（2025年11月1日，庆州）": a speech's, its
    occasion in its title)."""
    s = line.strip()
    if m := _DATE_ONLY.match(s):
        try:
            date = (cn_number(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d")))
        except (KeyError, ValueError):
            return None
        return Dateline("", date, "") if 1949 <= date[0] <= 2100 and calendar_date(*date) else None
    dashed = bool(_DASH.match(s))
    s = _DASH.sub("", s)
    bracketed = s[:1] in "(（"
    if bracketed:
        s = s[1:]
    m = _DATELINE.match(s)
    if not m or (not dashed and not bracketed and not m.group("y")):
        return None
    rest = s[m.end():].strip()
    if bracketed:
        if not rest.startswith((")", "）")):
            return None
        rest = rest[1:].strip()
    if "。" in rest or len(rest) > 30:
        return None
    date = None
    if m.group("y"):
        try:
            y, mo, d = cn_number(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d"))
        except (KeyError, ValueError):
            y = mo = d = 0
        if 1949 <= y <= 2100 and calendar_date(y, mo, d):
            date = (y, mo, d)
    occasion = re.sub(r"\s+", "", m.group("occasion"))
    return Dateline(occasion, date, rest)


def parse_signature(line: str) -> tuple[str, str] | None:
    """(role, name) of a signature line "河北省省长　王正谱" / "市长 龚 正"."""
    m = SIGNATURE.match(line.strip())
    if not m:
        return None
    return m.group("role"), re.sub(r"[ \u3000]", "", m.group("name"))
