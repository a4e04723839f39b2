"""PDF, OCR and print-layout damage: page furniture and sentences broken by page breaks."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from archivegen.ingest.clean.base import CJK, Context, Fact, TocEntry, ends_sentence, lines, nonblank
from archivegen.ingest.clean.policy import DOC_NUMBER, parse_date, unspace
from archivegen.ingest.edits import Edit, edit
from archivegen.ingest.headers import parse_dateline

CONTINUATION = re.compile(
    r"[(（]\s*(上接|下转|接上|转下|紧接|续)第?\s*[\d一二三四五六七八九十]+\s*[版页面]\s*[)）]"
)
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
# A table-of-contents line: an entry, a run of leader dots, a page number.
TOC_LINE = re.compile(r"^(?P<entry>\S.{0,60}?)\s*[.·…．_•]{4,}\s*(?P<page>\d{1,4})\s*$")
PULL_QUOTE = re.compile(r"^\s*[■□▌◆]\s*(?P<quote>\S.*)$")
SPEECH_VERB = re.compile(r"^(介绍|表示|指出|强调|说|认为|谈到|透露|提出|坦言)(道|说)?[，,：:]")
HEADING_START = re.compile(
    r"^([一二三四五六七八九十百]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百]+[章节部分条]|\d+[、.．]|附件|本报讯|■|——)"
)


def find_continuation_markers(text: str, ctx: Context) -> list[Edit]:
    out = []
    for line in lines(text):
        found = list(CONTINUATION.finditer(line.text))
        if not found:
            continue
        rest = CONTINUATION.sub("", line.text).strip()
        if not rest:
            out.append(line.removal(text, "报纸续版标记"))
        else:
            out.extend(edit(text, line.start + m.start(), line.start + m.end(), "", "报纸续版标记") for m in found)
    return out


def find_page_numbers(text: str, ctx: Context) -> list[Edit]:
    """Lines that hold nothing but a page number. Only in texts long enough to have pages.

    A marked number (— 5 —, 第5页, 5/12) is a page number wherever it stands. A bare number
    on its own line may be a table's cell (1445, 555) or a row's number as well: it is a
    page number only as part of a count (1, 2, 3 …, or from any page on) whose numbers stand
    at least a page apart (PAGE_LINES lines of text between them)."""
    ls = lines(text)
    if len(ls) < 10:
        return []
    body = [ln for _, ln in nonblank(ls)]
    return [body[k].removal(text, "页码") for k in _page_number_lines(body)]


PAGE_LINES = 15          # a page holds at least this many lines of text
RUNNING_MAX = 40         # a running head is short


def find_running_heads(text: str, ctx: Context) -> list[Edit]:
    """A printed document's running head or foot: the same short line (its title, its
    issuer) right after or right before the page numbers, at two page breaks or more. Only
    there: the title over the first page, and the same words in the text, stay."""
    ls = [ln for _, ln in nonblank(lines(text))]
    marks = {k for k in _page_number_lines(ls)}
    if len(marks) < 2:
        return []
    at_breaks: dict[str, list[int]] = {}
    for k in sorted(marks):
        for j in (k - 1, k + 1):
            if 0 <= j < len(ls) and j not in marks and len(ls[j].stripped) <= RUNNING_MAX:
                at_breaks.setdefault(ls[j].stripped, []).append(j)
    everywhere = Counter(ln.stripped for ln in ls if ln.stripped in at_breaks)
    out = []
    for s, found in at_breaks.items():
        found = sorted(set(found))
        # at two page breaks or more, and hardly anywhere else (once: the title over the
        # first page); a table's cell (全国, 90) that happens to stand by a page number
        # stands in many other rows too
        # (a two-page document has one break: there the line must repeat the text's first line)
        repeated = len(found) >= 2 or (ls and ls[0].stripped == s and found[0] != 0)
        if repeated and everywhere[s] - len(found) <= 1 and not ends_sentence(s):
            out += [ls[j].removal(text, "页眉页脚(每页重复的标题)") for j in found]
    return out


def _page_number_lines(ls: list) -> list[int]:
    """Indices (in `ls`, the non-blank lines) of the lines find_page_numbers takes for page numbers."""
    found = [(k, ln) for k, ln in enumerate(ls) if PAGE_NUMBER.match(ln.text)]
    counted = _page_count([(k, int(ln.stripped)) for k, ln in found if ln.stripped.isdigit()], len(ls) - 1)
    return [k for k, ln in found if not ln.stripped.isdigit() or k in counted]


def _page_count(bare: list[tuple[int, int]], last: int = -1) -> set[int]:
    """The line indices of the longest run of bare numbers that counts up by one, each at
    least PAGE_LINES lines after the one before (empty when it has fewer than two). When a
    number stands twice (page 4, and row 4 of a table on that page), the one that keeps the
    pages' length wins: the run is found once, then again preferring, among equally long
    runs, the number whose distance from the one before is nearest the first run's usual
    page length. One pass each, keeping for each number the longest run that ends with it
    (back-pointers, no copies)."""
    first = _count_run(bare, None, last)
    if len(first) < 4:                        # too few pages to know their length
        return {bare[i][0] for i in first}
    gaps = sorted(bare[b][0] - bare[a][0] for a, b in zip(first, first[1:]))
    return {bare[i][0] for i in _count_run(bare, gaps[len(gaps) // 2], last)}


def _count_run(bare: list[tuple[int, int]], page: int | None, last: int = -1) -> list[int]:
    best: dict[int, int] = {}                 # number → position in `bare` of the best run ending with it
    back: list[int | None] = [None] * len(bare)
    length = [1] * len(bare)
    miss = [0] * len(bare)                    # how far the run's gaps are from `page`, summed
    for i, (k, v) in enumerate(bare):
        j = best.get(v - 1)
        # the last page may be short: the text's last line needs no page of lines before it
        if j is not None and (bare[j][0] <= k - PAGE_LINES or (k == last and k > bare[j][0])):
            length[i], back[i] = length[j] + 1, j
            miss[i] = miss[j] + (abs(k - bare[j][0] - page) if page else 0)
        b = best.get(v)
        if b is None or (length[i], -miss[i]) > (length[b], -miss[b]):
            best[v] = i
    if not bare:
        return []
    i = max(range(len(bare)), key=lambda j: (length[j], -miss[j], -j))
    if length[i] < 2:
        return []
    run = []
    while i is not None:
        run.append(i)
        i = back[i]
    return run[::-1]


def find_toc(text: str, ctx: Context) -> list[Edit | Fact]:
    """Table-of-contents lines (dot leaders and page numbers); a lone match is left alone.
    Each entry is reported as a TocEntry: a compilation lists its parts this way."""
    hits = [(ln, m) for _, ln in nonblank(lines(text)) if (m := TOC_LINE.match(ln.stripped))]
    if len(hits) < 2:
        return []
    return [x for ln, m in hits for x in (ln.removal(text, "目录(点线与页码)"), TocEntry(ln.start, m.group("entry").strip()))]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def find_pull_quotes(text: str, ctx: Context) -> list[Edit]:
    """A ■ pull quote dropped into the flow, removed only when its text repeats the body."""
    out = []
    ls = lines(text)
    squashed = [_squash(ln.text) for ln in ls]
    whole = "".join(squashed)           # the text without whitespace, once (not once per quote)
    at = 0
    for ln, sq in zip(ls, squashed):
        a, at = at, at + len(sq)        # the line is whole[a:at]
        m = PULL_QUOTE.match(ln.text)
        if not m:
            continue
        quote = _squash(m.group("quote"))
        # Pull quotes may shorten the sentence they repeat; require a long exact overlap.
        probe = quote[: max(12, len(quote) * 2 // 3)]
        if len(quote) >= 12 and _found_outside(whole, probe, a, at):
            out.append(ln.removal(text, "重复正文的插页引语(■)"))
    return out


def _found_outside(whole: str, probe: str, a: int, b: int) -> bool:
    """Is `probe` in whole[:a] + whole[b:] (the text without one line)? Found without
    copying the text: an occurrence before the line, one after it, or one across the gap."""
    first = whole.find(probe)
    if first != -1 and first + len(probe) <= a:
        return True
    if whole.find(probe, b) != -1:
        return True
    k = len(probe) - 1
    return probe in whole[max(0, a - k):a] + whole[b:b + k]


# ASCII spaces only: a full-width space is deliberate typography ("新华社北京12月31日电　新年前夕")
_CJK_GAP = re.compile(f"(?<=[{CJK}]) +(?=[{CJK}])")
_PUNCT_GAP = re.compile(f"(?<=[{CJK}][，。、；：！？,;:!?])[ \u3000]+(?=[{CJK}“‘《(（])")
_CJK_RUN = re.compile(f"[{CJK}“”]+")
# A short bracketed aside without sentence punctuation: a byline or credit, where spaces
# separate names ("(记者 李明 王芳)", "(本文图片 陈正宝 摄)").
_SHORT_ASIDE = re.compile(r"[(（][^()（），。；！？]{1,24}[)）]")


def find_cjk_spaces(text: str, ctx: Context) -> list[Edit]:
    """Spaces between Chinese characters left by line wraps ("彭浦新 村街道").

    In running text (long lines) every such space goes. Short lines are headlines or
    signatures, where a space can be deliberate ("市长 龚 正"); there a space goes only
    when it splits two long runs of characters (a wrapped headline).
    """
    if ctx.decoded.is_html:
        # HTML text is reflowed by the browser, so it has no wrap spaces; a space between
        # Chinese characters there is deliberate ("伊拉克一军事基地遭袭 美军人员受伤").
        return []
    out = []
    ls = lines(text)
    width = wrap_width(ls)
    continues = False           # the line before ran to a hard-wrapped page's margin mid-sentence
    for ln in ls:
        if not ln.text.strip():
            continue
        stripped = ln.text.strip()
        # running text: a long line, or in a printed text (28 characters a line) any line of
        # a paragraph, which is as wide as the page or ends a paragraph the line before runs on into
        long_line = len(stripped) >= 30 or runs_to_margin(stripped, width) or continues
        continues = runs_to_margin(stripped, width) and not ends_sentence(stripped)
        asides = [m.span() for m in _SHORT_ASIDE.finditer(ln.text)]
        aside_starts = [a for a, _ in asides]
        runs = _Runs(ln.text)
        for pattern in (_CJK_GAP, _PUNCT_GAP):
            for m in pattern.finditer(ln.text):
                k = bisect.bisect_left(aside_starts, m.start()) - 1     # the aside opened last before it
                if k >= 0 and m.start() < asides[k][1]:
                    continue
                left = runs.ending_at(m.start())
                if 0 < left <= 5:
                    # "本报讯 市委…", "(记者 张钰芸)": a short label before a deliberate space
                    q = m.start() - left
                    while q > 0 and ln.text[q - 1] in " \u3000":
                        q -= 1
                    if q == 0 or ln.text[q - 1] in "(（[【":
                        continue
                if not long_line:
                    right = runs.starting_at(m.end())
                    if pattern is _PUNCT_GAP or left < 6 or right < 6:
                        continue
                out.append(edit(text, ln.start + m.start(), ln.start + m.end(), "", "断行留下的空格"))
    return out


class _Runs:
    """Runs of Chinese characters (and “ ”) in one line: the length of the run that ends
    at an offset, or starts there, by binary search (no copy of the line per space)."""

    def __init__(self, s: str) -> None:
        self.spans = [m.span() for m in _CJK_RUN.finditer(s)]
        self.starts = [a for a, _ in self.spans]

    def ending_at(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos - 1) - 1
        return pos - self.spans[i][0] if i >= 0 and self.spans[i][1] >= pos else 0

    def starting_at(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.spans[i][1] - pos if i >= 0 and self.spans[i][1] > pos else 0


def _looks_hard_wrapped(ls) -> bool:
    """PDF text with a newline at every printed line: many mid-sentence line ends."""
    body = [ln.stripped for _, ln in nonblank(ls) if len(ln.stripped) >= 15]
    if len(body) < 8:
        return False
    open_ends = sum(1 for s in body if not ends_sentence(s))
    return open_ends / len(body) >= 0.6


WRAP_MIN = 12            # a printed line holds at least this many characters (a narrow column)
FULL_SHARE = 0.8         # a line this share of the width or longer ran to the right margin
BUNCH = 0.5              # ...and this share of the lines of some length are that long, give or take
BUNCH_SLACK = 0.1        # (digits and Latin letters are narrower: a printed line holds a few more)
OVERLONG = 0.1           # at most this share of them is longer than that
PROSE_SHARE = 0.7        # ...and this share of the full lines hold a clause mark


def wrap_width(ls) -> int | None:
    """How many characters the printed lines of a hard-wrapped text hold (a PDF's text layer:
    28 a line in an official document, 40 or 60 in others), or None when the text is not
    hard-wrapped. Hard-wrapped: most lines of some length end mid-sentence and most of them
    are about as long as each other (the width: the 80th percentile of their lengths). A
    saved web page's lines end mid-sentence too (menus, headlines) but vary in length."""
    if not _looks_hard_wrapped(ls):
        return None
    long_lines = [ln.stripped for _, ln in nonblank(ls) if len(ln.stripped) >= WRAP_MIN]
    body = sorted(map(len, long_lines))
    width = body[min(len(body) - 1, len(body) * 8 // 10)]
    lo, hi = (1 - BUNCH_SLACK) * width, (1 + BUNCH_SLACK) * width
    full = [s for s in long_lines if lo <= len(s) <= hi]
    # hardly a line is longer than the page is wide (a saved web page's paragraphs are whole
    # lines of hundreds of characters), and the full lines are prose, broken anywhere (they
    # hold clause marks), not a list of headlines that happen to be as long as each other
    overlong = sum(1 for n in body if n > hi) > OVERLONG * len(body)
    prose = sum(1 for s in full if any(c in s for c in "，、；。：")) >= PROSE_SHARE * len(full)
    return width if len(full) >= BUNCH * len(body) and not overlong and prose else None


def runs_to_margin(s: str, width: int | None) -> bool:
    """The line ran to the right margin of a hard-wrapped text (so the paragraph goes on)."""
    return width is not None and len(s) >= FULL_SHARE * width


def _opens_block(s: str) -> bool:
    """A line that starts something of its own even after a full line: a dateline under a
    title, a 发文字号, a signature's date, a page number."""
    return bool(parse_dateline(s) or DOC_NUMBER.match(unspace(s)) or parse_date(s) or PAGE_NUMBER.match(s))


def find_broken_paragraphs(text: str, ctx: Context) -> list[Edit]:
    """Join a paragraph broken by a page or column break (or a hard line wrap).

    A break is joined when the line before it cannot end a paragraph (no sentence-final
    punctuation) and is body text, and the line after it does not start a new block.
    """
    ls = lines(text)
    blocks = list(nonblank(ls))
    width = wrap_width(ls)
    hard_wrapped = _looks_hard_wrapped(ls)
    out = []
    for n, ((i, a), (j, b)) in enumerate(zip(blocks, blocks[1:])):
        sa, sb = a.stripped, b.stripped
        if ends_sentence(sa) or HEADING_START.match(sb) or PULL_QUOTE.match(sb):
            continue
        if n == 0 and j != i + 1 and not hard_wrapped and len(sa) <= 100 and sa.count("，") <= 1:
            continue                       # the text's first line is its headline, however long
        adjacent = j == i + 1
        if sa.startswith("——"):
            # A dateline wrapped over two lines: "——2024年1月17日在…人民代表大会 / 第四次会议上"
            joined = sa + sb
            if adjacent and len(sb) <= 20 and re.search(r"(会议|大会|会)上(的讲话|的报告)?$", joined):
                out.append(edit(text, a.end, b.start, "", "合并断行的题注"))
            continue
        if adjacent and not hard_wrapped:
            continue
        # Headlines are short; a paragraph cut by a page break has a long first part (in a
        # hard-wrapped text: a line that ran to the right margin, however narrow the page)
        body_line = len(sa) >= 50 or SPEECH_VERB.match(sb) or runs_to_margin(sa, width)
        if width is not None and _opens_block(sb):
            continue                       # a printed page's next block, under a full line
        if adjacent and runs_to_margin(sa, width):
            # a printed line that ran to the margin mid-sentence: the next line goes on with
            # it, whatever it starts with (明, 》（以下简称…), however short
            out.append(edit(text, a.end, b.start, "", "合并被分页/分栏截断的段落"))
        elif body_line and len(sb) >= 2 and not sb[0] in "“《(（【[":
            out.append(edit(text, a.end, b.start, "", "合并被分页/分栏截断的段落"))
        elif body_line and sb[0] in "“《" and len(sa) >= 50 and not adjacent:
            out.append(edit(text, a.end, b.start, "", "合并被分页/分栏截断的段落"))
    return out
