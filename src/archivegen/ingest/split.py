"""Split stage: one cleaned text → the documents in it.

Four general shapes are recognised, by the way Chinese documents open:
- a report: a title line followed by a dateline "——2024年1月23日在…会议上" (the speaker's
  signature may stand between them; see headers.py);
- a briefing or draft: a title line followed by a genre marker "(传达稿)";
- official documents one after another (a compilation of 公文): each title over its own
  发文字号 line (国发〔2019〕5号), when the text holds two or more;
- a newspaper page (it has 本报讯 / 记者 / 新华社 markers): each headline block
  (two or more short lines, or one short line before a 本报讯 lead) starts an article.
Appendices (附件, 名词解释) stay inside the document they follow. Text before the first
document (a compilation's preface, its table of contents) belongs to no document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archivegen.ingest.clean.base import Line, ends_sentence, lines, nonblank
from archivegen.ingest.clean.policy import DOC_NUMBER, ends_with_kind, is_organ, parse_date, title_connectors, unspace
from archivegen.ingest.clean.layout import HEADING_START
from archivegen.ingest.headers import parse_dateline, parse_signature

GENRE_MARKER = re.compile(r"^[(（](传达稿|讨论稿|征求意见稿|送审稿|发言稿|讲话稿|草案|摘要|节选|全文)[)）]$")
NEWS_MARKERS = re.compile(r"本报讯|本报记者|[(（]记者|记者\s|通讯员|新华社|央视网消息|中新网|电[(（]记者")
LEAD_MARKER = re.compile(r"^(本报讯|本报记者|新华社|央视网消息|[^，。]{0,12}电\s*[(（])")
MAX_HEADLINE = 40
# The first line of a text may be a long headline ("习近平：在…大会上的讲话", "国务院关于…的
#意见"): it is one when it ends no sentence and holds no sentence-final mark at all.
MAX_FIRST_HEADLINE = 100
MAX_TITLE_LINES = 3      # an official title printed over this many lines at most
_SENTENCE_END = re.compile(r"[。！？；!?;]")


@dataclass(frozen=True)
class Segment:
    start: int                   # span of the document in the cleaned text
    end: int
    header: tuple[str, ...]      # headline lines as printed (kicker/title/subtitle/deck), in order
    header_end: int              # offset where the lines after the header begin
    shape: str                   # "report", "marked", "article" or "whole"
    genre: str | None = None     # the genre marker's word, e.g. 传达稿


def _is_headline(s: str, first: bool = False) -> bool:
    if first and MAX_HEADLINE < len(s) <= MAX_FIRST_HEADLINE:
        return not _SENTENCE_END.search(s) and s.count("，") <= 1 and not HEADING_START.match(s)
    return (0 < len(s) <= MAX_HEADLINE and not ends_sentence(s) and "。" not in s and not HEADING_START.match(s)
            and not GENRE_MARKER.match(s))


def _report_starts(blocks: list[Line]) -> list[tuple[int, str]]:
    out = []
    for k in range(len(blocks) - 1):
        if not _report_title(blocks[k].stripped) or parse_signature(blocks[k].stripped):
            continue
        nxt = k + 1
        if parse_signature(blocks[nxt].stripped) and nxt + 1 < len(blocks):
            nxt += 1                                  # the speaker signs above the dateline
        if dateline := parse_dateline(blocks[nxt].stripped):
            out.append((k, "report", bool(dateline.occasion)))
    # A title over its date alone (（2023年6月2日）) opens a speech of a compilation; one such
    # title inside a text is the text's own speech under the page's headline (a scraper's
    # title line, 新华社…电), which stays with it.
    if sum(1 for *_, occasion in out if not occasion) == 1 and len(out) == 1 and out[0][0] > 0:
        return []
    return [(k, shape) for k, shape, _ in out]


def _report_title(s: str) -> bool:
    """A line that may title a report or speech: a headline, or (the dateline below marks
    it) one as long as a text's first line may be, for speech titles run to 40-60
    characters; but not a news lead that names the speech (新华社北京12月15日电 在…上的致辞)."""
    if len(s) <= MAX_HEADLINE:
        return _is_headline(s)
    return _is_headline(s, first=True) and not LEAD_MARKER.match(s)


def _report_header(seg_blocks: list[Line]) -> int:
    """How many lines a report's header has: title, dateline, and the signature above or
    below the dateline."""
    n = 1
    while n < len(seg_blocks) and n < 3 and not parse_dateline(seg_blocks[n].stripped):
        n += 1
    n += 1                                            # the dateline
    # the signature below it "上海市市长 龚 正" (or any short line that ends no sentence)
    if n < len(seg_blocks) and (parse_signature(seg_blocks[n].stripped) or (
            len(seg_blocks[n].stripped) <= 20 and not ends_sentence(seg_blocks[n].stripped))):
        n += 1
    return min(n, len(seg_blocks))


def _official_starts(blocks: list[Line]) -> list[tuple[int, str]]:
    """Official documents (公文) one after another: a title of one to three lines whose last
    ends with a kind of document (…的通知, …条例) and that names its issuer's connection
    (关于, 转发 …), right over its 发文字号 on a line of its own (国发〔2019〕5号). A 发文字号
    quoted in a sentence is inside a line; a document a notice forwards (转发) is printed
    under the notice without a 发文字号 of its own, and stays in it."""
    out = []
    for k in range(1, len(blocks)):
        if not DOC_NUMBER.match(unspace(blocks[k].stripped)):
            continue
        best = None
        for n in range(1, MAX_TITLE_LINES + 1):
            first = k - n
            if first < 0 or not _title_like(blocks[first].stripped):
                break
            title_lines = [unspace(b.stripped) for b in blocks[first:k]]
            title = "".join(title_lines)
            # the title opens with its issuer on a line of its own (国务院办公厅) or with the
            # line that connects it (国务院办公厅关于…, 关于…): not with the line before it
            opens = (all(is_organ(x) for x in re.split(r"[、\s]+", title_lines[0]) if x)
                     or any(c in title_lines[0] for c in title_connectors()))
            if opens and ends_with_kind(title_lines[-1]) and any(c in title for c in title_connectors()):
                best = first
        if best is not None:
            out.append((best, "official"))
    return out


def _title_like(s: str) -> bool:
    """A line that may be (part of) an official title: not a sentence, not a numbered
    heading of a text (三、关于…), not a note in brackets or a date (a signature's)."""
    return (0 < len(s) <= MAX_FIRST_HEADLINE and not ends_sentence(s) and not HEADING_START.match(s)
            and s[:1] not in "（(【[" and not parse_date(s))


def _marked_starts(blocks: list[Line]) -> list[tuple[int, str]]:
    out = []
    for k in range(len(blocks) - 1):
        if _is_headline(blocks[k].stripped) and GENRE_MARKER.match(blocks[k + 1].stripped):
            out.append((k, "marked"))
    return out


def _article_starts(text: str, blocks: list[Line]) -> list[tuple[int, str]]:
    """Headline blocks on a newspaper page."""
    if not NEWS_MARKERS.search(text):
        return []
    out = []
    k = 0
    while k < len(blocks):
        if not _is_headline(blocks[k].stripped) or (k > 0 and not ends_sentence(blocks[k - 1].stripped) and out):
            k += 1
            continue
        m = k
        while m < len(blocks) and _is_headline(blocks[m].stripped) and m - k < 4:
            m += 1
        if m >= len(blocks) or m == k:
            k = m + 1
            continue
        follows_long = len(blocks[m].stripped) >= 50
        n_lines = m - k
        if follows_long and (n_lines >= 2 or LEAD_MARKER.match(blocks[m].stripped) or k == 0):
            out.append((k, "article"))
        k = m
    return out


WORD = re.compile(r"\w")


def split(text: str, one_story: bool = False) -> list[Segment]:
    """Find the documents in a cleaned text; a text with no recognised opening is one document.
    A stretch with no word in it (only punctuation or symbols) is no document. `one_story`: the
    text is known to hold one news story (a web page agreeing on its headline), so its
    subheads open no articles (reports and marked drafts are still found)."""
    return [s for s in _segments(text, one_story) if WORD.search(text, s.start, s.end)]


def _segments(text: str, one_story: bool = False) -> list[Segment]:
    blocks = [ln for _, ln in nonblank(lines(text))]
    if not blocks:
        return []
    starts = _report_starts(blocks) + _marked_starts(blocks)
    if not one_story:
        official = _official_starts(blocks)
        if len(official) >= 2:            # a compilation of official documents
            starts += [s for s in official if s[0] not in dict(starts)]
    if not starts and not one_story:
        starts = _article_starts(text, blocks)
    starts = sorted(dict(starts).items())
    if not starts:
        header = _leading_header(blocks, page=one_story)
        return [Segment(blocks[0].start, len(text), header, _after(blocks, len(header)), "whole")]

    segments = []
    for n, (k, shape) in enumerate(starts):
        end_k = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        start = blocks[k].start
        end = blocks[end_k].start if end_k < len(blocks) else len(text)
        seg_blocks = blocks[k:end_k]
        genre = None
        if shape == "report":
            header_n = _report_header(seg_blocks)
        elif shape == "marked":
            header_n = 2
            genre = GENRE_MARKER.match(blocks[k + 1].stripped).group(1)
        else:
            header_n = 0
            while header_n < len(seg_blocks) and _is_headline(seg_blocks[header_n].stripped) and header_n < 4:
                header_n += 1
        header = tuple(b.stripped for b in seg_blocks[:header_n])
        segments.append(Segment(start, end, header, _after(seg_blocks, header_n, end), shape, genre))
    # Leading text (a compilation's preface) before the first document is not a document,
    # unless it is a real body: then it is a document of its own.
    first = starts[0][0]
    if first > 0:
        lead = blocks[:first]
        if sum(len(b.stripped) for b in lead) >= 200 and any(len(b.stripped) >= 50 for b in lead):
            header = _leading_header(lead)
            segments.insert(0, Segment(lead[0].start, blocks[first].start, header, _after(lead, len(header), blocks[first].start), "whole"))
    return segments


def _leading_header(blocks: list[Line], page: bool = False) -> tuple[str, ...]:
    """The headline lines a text opens with. `page`: the text is a news page's one story
    (its frame cleaned away), whose first line is its headline even when it asks or
    exclaims (新年伊始，习近平的重要文章谈了啥？) as long as it is short and holds no full stop."""
    n = 0
    while n < len(blocks) and n < 4 and (_is_headline(blocks[n].stripped, first=n == 0)
                                         or (page and n == 0 and _asking_headline(blocks[n].stripped))):
        n += 1
    if n == len(blocks):          # all short lines: no body to head
        return ()
    return tuple(b.stripped for b in blocks[:n])


def _asking_headline(s: str) -> bool:
    """A short line that asks or exclaims, with no full stop, not a note in brackets
    (（原标题：…？）)."""
    return (len(s) <= MAX_HEADLINE and "。" not in s and s[:1] not in "（(【[" and s.rstrip("”’」』）)\"' ")[-1:] in "？！?!")


def _after(blocks: list[Line], n: int, end: int | None = None) -> int:
    if n < len(blocks):
        return blocks[n].start
    return end if end is not None else blocks[-1].end
