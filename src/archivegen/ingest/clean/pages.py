"""An article saved page after page: the pagination lines and the page chrome between pages.

A long article on a portal is split over pages (上一页 1 2 3 4 下一页); saving each page
into one file repeats the site's chrome (navigation, toolbar, footer) around every part.
The pagination lines go wherever they are. When a file holds two or more of them it is a
multi-page save, and the chrome between the parts goes too, so they join into one text:
the lines every page prints right before and right after its pagination line, and the
lines each following page opens with as the first page did (its header), up to the first
line that differs (the page's own text). Only these exact runs go: a line of the text
that the chrome happens to repeat (the issuer, the date) stays. The chrome before the
first page is left to the block rules (it is furniture of one page like any other).
"""

from __future__ import annotations

import re
from collections import Counter

from archivegen.ingest.clean.base import Context, lines, nonblank
from archivegen.ingest.edits import Edit

_NUM = r"\d{1,3}(?!\d)"
_PREV = r"(?:首页|上一页|上页|前一页|<<|«|‹)"
_NEXT = r"(?:下一页|下页|后一页|尾页|末页|>>|»|›|余下全文)"
_COUNT = r"(?:共\s*\d{1,3}\s*页\s*[:：,，]?\s*)"
# 上一页 1 2 3 4 下一页 · 首页 上一页 1 2 下一页 尾页 · 1 2 下一页 余下全文 · 上一页 1/3 下一页
# · 【1】【2】【3】 · [1] [2] [3] · 第1页 共4页 · 共4页: 上一页 1 2 3 4 下一页
PAGINATION = re.compile(
    rf"^{_COUNT}?(?:(?:{_PREV}\s*)+(?:{_NUM}\s*)+(?:{_NEXT}\s*)*"
    rf"|(?:{_PREV}\s*)*(?:{_NUM}\s*){{2,}}(?:{_NEXT}\s*)+"
    rf"|(?:{_PREV}\s*)*{_NUM}\s*/\s*{_NUM}\s*(?:{_NEXT}\s*)*"
    rf"|(?:【\s*{_NUM}\s*】\s*){{2,}}(?:{_NEXT}\s*)*"
    rf"|(?:\[\s*{_NUM}\s*\]\s*){{2,}}(?:{_NEXT}\s*)*"
    rf"|第\s*{_NUM}\s*页\s*[,，/]?\s*共\s*{_NUM}\s*页)$"
)
# 1/3 alone is a fraction or a date, not pagination: a slash form needs a prev/next word.
_SLASH_ONLY = re.compile(rf"^{_NUM}\s*/\s*{_NUM}$")

REASON = "分页导航"
CHROME_REASON = "分页保存时每页重复的网页框架"


def is_pagination(s: str) -> bool:
    s = s.strip()
    return 0 < len(s) <= 200 and bool(PAGINATION.match(s)) and not _SLASH_ONLY.match(s)


def find_pagination(text: str, ctx: Context) -> list[Edit]:
    blocks = [ln for _, ln in nonblank(lines(text)) if _key(ln.stripped)]
    marks = [k for k, b in enumerate(blocks) if is_pagination(b.stripped)]
    if not marks:
        return []
    out = [blocks[k].removal(text, REASON) for k in marks]
    keys = [_key(b.stripped) for b in blocks]
    # Pages are cut where the same pagination line recurs (a page may also print its own,
    # 【1】【2】 or 上一页 1/2 下一页, next to or below the one between the saved pages)
    variants = Counter(keys[k] for k in marks)
    line, count = variants.most_common(1)[0]
    cuts = [k for k in marks if keys[k] == line] if count >= 2 else marks
    groups: list[tuple[int, int]] = []
    for k in cuts:
        if groups and k == groups[-1][1] + 1:
            groups[-1] = (groups[-1][0], k)
        else:
            groups.append((k, k))
    if len(groups) < 2:
        return out
    # The chrome every page prints after its pagination (up to the end of the page), and
    # before it: the longest run all pages share there.
    after = _common_prefix([keys[z + 1:] for _, z in groups])
    before = _common_prefix([keys[:a][::-1] for a, _ in groups])
    drop: set[int] = set()
    for n, (a, z) in enumerate(groups):
        drop.update(range(a - before, a))
        drop.update(range(z + 1, z + 1 + after))
        if n + 1 < len(groups):
            # the next page opens as the first one did: its header lines, up to its text
            start = z + 1 + after
            nxt = groups[n + 1][0]
            head = _common_prefix([keys[start:nxt], keys[:groups[0][0]]])
            if start + head >= nxt - before:
                return out        # nothing of its own on the next page: the same page saved again
            drop.update(range(start, start + head))
    out += [blocks[j].removal(text, CHROME_REASON) for j in sorted(drop)]
    return out


_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def _key(s: str) -> str:
    """A line as compared between pages: a stray byte-order mark or zero-width space (the
    first page's was taken by decoding) does not make two chrome lines differ."""
    return s.strip(_INVISIBLE + " \t\u3000")


def _common_prefix(seqs: list[list[str]]) -> int:
    """How many leading items all the sequences share."""
    n = 0
    shortest = min(len(s) for s in seqs)
    while n < shortest and all(s[n] == seqs[0][n] for s in seqs):
        n += 1
    return n
