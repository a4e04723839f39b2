"""PDF, OCR and print-layout damage: page furniture and sentences broken by page breaks."""

from __future__ import annotations

import bisect
import re

from archivegen.ingest.clean.base import CJK, Context, Fact, TocEntry, ends_sentence, lines, nonblank
from archivegen.ingest.edits import Edit, edit

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
    """Lines that hold nothing but a page number. Only in texts long enough to have pages."""
    ls = lines(text)
    if len(ls) < 10:
        return []
    return [ln.removal(text, "页码") for _, ln in nonblank(ls) if PAGE_NUMBER.match(ln.text)]


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
    for ln in lines(text):
        if not ln.text.strip():
            continue
        long_line = len(ln.text.strip()) >= 30
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


def find_broken_paragraphs(text: str, ctx: Context) -> list[Edit]:
    """Join a paragraph broken by a page or column break (or a hard line wrap).

    A break is joined when the line before it cannot end a paragraph (no sentence-final
    punctuation) and is body text, and the line after it does not start a new block.
    """
    ls = lines(text)
    blocks = list(nonblank(ls))
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
        # Headlines are short; a paragraph cut by a page break has a long first part.
        body_line = len(sa) >= 50 or SPEECH_VERB.match(sb)
        if body_line and len(sb) >= 2 and not sb[0] in "“《(（【[":
            out.append(edit(text, a.end, b.start, "", "合并被分页/分栏截断的段落"))
        elif body_line and sb[0] in "“《" and len(sa) >= 50 and not adjacent:
            out.append(edit(text, a.end, b.start, "", "合并被分页/分栏截断的段落"))
    return out
