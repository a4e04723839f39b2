"""Describing official documents (公文): the title printed over several lines, and what the
info table, the 发文字号 line and the signature block say about the document.

An official title names the issuing body, the matter and the kind of document
(国务院办公厅 / 关于…的 / 通知), and is often printed over two or three lines that break
anywhere; the kind word ends its last line. The info table's 标题 is the title itself,
the strongest evidence when the page has one. The issuer, 发文字号, 成文日期, 发布日期 and
主题分类 come from the facts cleaning reported (clean/policy.py): the table first, then the
number line and the signature block. Describe calls `official_headline` and `read_policy`.
"""

from __future__ import annotations

import re
import unicodedata

from archivegen.data.regions import depth, region_mentions, regions
from archivegen.ingest.clean.base import DocNumber, Fact, InfoField, Signature, ends_sentence
from archivegen.ingest.clean.policy import DOC_NUMBER, ends_with_kind, is_organ, parse_date, title_connectors, unspace

# A place that issues documents, named at the start of its body's name: 浙江省人民政府 → 浙江省.
PLACE = re.compile(r"^(?P<place>[^\s、]{2,16}?(?:省|市|自治区|特别行政区|自治州|地区|盟|州|县|区|旗))")
MAX_TITLE_LINES = 4


def _norm(s: str | None) -> str:
    """A title as compared: NFKC, no spaces, no punctuation (the table's 标题 and the printed
    headline differ only there)."""
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PSZC")


def _first(facts: list[Fact], key: str) -> str | None:
    return next((f.value.strip() for f in facts if isinstance(f, InfoField) and f.key == key and f.value.strip()), None)


def _ends_phrase(line: str) -> bool:
    s = line.rstrip()
    return ends_sentence(s) or s.endswith(("，", ",", "、"))


def _unbalanced(line: str) -> bool:
    """A line that opens a title quotation it does not close (印发《政府网站集约化)."""
    return line.count("《") > line.count("》") or line.count("“") > line.count("”")


def official_headline(head: tuple[str, ...], facts: list[Fact]) -> tuple[None, str, None, int] | None:
    """(kicker, title, subtitle, lines used) of an official document's headline, in the shape
    describe.parse_headline returns, or None when the headline is not one.

    With an info table, its 标题 is the title: the headline lines that spell it are used up,
    and when the headline does not spell it (a decree printed under 中华人民共和国国务院令), no
    line is. Without one, consecutive headline lines join into one title when the lines
    before the last end no phrase and the last ends with a kind of document (…的通知), and
    something says the document is official: a 发文字号, a connector of official titles
    (关于, 转发 …) or a quotation the first line leaves open. Letter-spaced lines close up."""
    lines_ = [unspace(h) for h in head[:MAX_TITLE_LINES]]
    table_title = _first(facts, "title")
    if table_title:
        want, got = _norm(table_title), ""
        for j, line in enumerate(lines_):
            got += _norm(line)
            if got == want:
                return None, table_title, None, j + 1
            if not want.startswith(got):
                break
        return None, table_title, None, 0
    # the title's lines: up to the first that ends a phrase or is the 发文字号; its last line is
    # the last of them that ends with a kind word (a kind word may also end a line inside it:
    # 转发国家地震局…工作意见 / 报告的通知)
    block = []
    for line in lines_:
        if _ends_phrase(line) or DOC_NUMBER.match(line):
            break
        block.append(line)
    last = max((j for j, line in enumerate(block) if ends_with_kind(line)), default=None)
    if last is None:
        return None
    if any(re.search(r"\s", x) for x in lines_[:last + 1]):
        return None        # a spaced couplet is a kicker, not part of a title
    title = "".join(lines_[:last + 1])
    numbered = any(isinstance(f, (DocNumber, InfoField)) for f in facts)
    if last == 0:
        return (None, title, None, 1) if numbered else None
    if numbered or any(c in title for c in title_connectors()) or _unbalanced(lines_[0]):
        return None, title, None, last + 1
    return None


def title_issuer(title: str) -> str | None:
    """The issuing body an official title opens with: 国务院办公厅 of 国务院办公厅关于…的通知."""
    connectors = "|".join(map(re.escape, title_connectors()))
    for m in re.finditer(connectors, title):
        organs = [x for x in re.split(r"[、\s]+", title[:m.start()]) if x]
        if organs and all(is_organ(x) for x in organs):
            return "、".join(organs)
    return None


def issuer_region(issuer: str) -> str | None:
    """The region of an issuing body: the region whose issuer it is (国务院办公厅 → 全国),
    else the most specific region its name names (上海市人民政府办公厅 → 上海市), else the
    place its name begins with, or None (a ministry: 教育部)."""
    table = regions()
    for r in sorted(table.values(), key=lambda r: -len(r.issuer)):
        if r.issuer and issuer.startswith(r.issuer):
            return r.name
    found = region_mentions(issuer)
    if found:
        names = list(found)
        return max(names, key=lambda n: (depth(n), -names.index(n)))
    m = PLACE.match(issuer)
    return m.group("place") if m else None


def _same_organ(a: str, b: str) -> bool:
    return re.sub(r"[、\s]", "", a) == re.sub(r"[、\s]", "", b)


def _iso(date: tuple[int, int, int] | None) -> str | None:
    return "%04d-%02d-%02d" % date if date else None


def read_policy(desc, facts: list[Fact]) -> None:
    """Set an official document's issuer, 发文字号, 成文日期, 发布日期 and 主题分类 on `desc`
    (a describe.Description), and what follows from them: the type 政策文件 when it has a
    发文字号, the region of its issuing body, and its date (the 成文日期)."""
    number = _first(facts, "doc_number") or next((f.number for f in facts if isinstance(f, DocNumber)), None)
    issuer = _first(facts, "issuer")
    from_title = title_issuer(desc.title) if desc.title else None
    official = bool(number or issuer or any(isinstance(f, InfoField) for f in facts)
                    or (from_title and ends_with_kind(desc.title)))
    if not official:
        return
    written = parse_date(_first(facts, "written") or "", time=True)
    signatures = [f for f in facts if isinstance(f, Signature)]
    known = [n for n in (issuer, from_title) if n]
    # the document's own signature: the one of its issuing body (an attachment or a forwarded
    # report signs with another); with no issuer known, the first
    signed = next((s for s in signatures if any(_same_organ(s.organ, n) for n in known)), None) if known else (
        signatures[0] if signatures else None)
    desc.issuer = issuer or from_title or (signed.organ if signed else None)
    desc.doc_number = number
    desc.written = _iso(written or ((signed.year, signed.month, signed.day) if signed else None))
    desc.published = _iso(parse_date(_first(facts, "published") or "", time=True))
    desc.topic = _first(facts, "topic")
    if number and desc.doc_type == "其他":
        desc.doc_type = "政策文件"
    if desc.issuer and not desc.region:
        # the body as the table, the title or the signature names it (省政府办公厅 in a
        # portal's table is 浙江省人民政府办公厅 in the title)
        names = (desc.issuer, from_title, signed.organ if signed else None)
        desc.region = next(filter(None, (issuer_region(n) for n in names if n)), None)
    if desc.written and (desc.date is None or desc.date_inferred):   # a report's dateline stays its date
        desc.date, desc.year = desc.written, int(desc.written[:4])
        desc.date_inferred, desc.year_evidence = False, "成文日期"
