"""Page furniture in text dumps, told from the text by the shape of its lines.

A page saved as text (a browser's "select all, copy", a converter's output) holds the
site's navigation, toolbars, share bars, comment boxes, related headlines and footer
around the article, one block per line, with no markup left to say which is which.
Like jusText and boilerpipe we classify every line by shallow features measured on
Chinese text, then decide by position and neighbours:

- a *sentence line* (prose) has Chinese characters, clause punctuation (，、；) and ends a
  sentence (。！？); a *furniture line* is what only page chrome looks like: a menu of
  short items or items between separators (首页 > 新闻, 注册|登录), a run of one-word lines
  (微信 / 微博 / QQ空间), a time stamp or counter (2019-09-07 13:43:45, 326), a credit
  (责任编辑：杨倩), a line without Chinese made of symbols (T + -), pagination, a line many
  files of the same import share; anything else is *neutral* (a heading, a table cell, a
  signature, a date).
- the article is the stretch of lines with the most prose once furniture counts against
  it (the best-scoring contiguous stretch, found in one pass): comment threads and
  related headlines beyond a wall of furniture stay outside it, a table or a code block
  inside the article costs little and stays.
- inside that stretch nothing goes. Around it, lines go only from the page's edge
  outward: above the text, from the nearest strong furniture line (a menu, a toolbar, a
  share bar, an info table: where furniture is dense) upwards; below it, from the first
  strong furniture line after the signature block (issuer, date, a short note, a list or
  table the document ends with) downwards. What stands between the edge and the text is
  its heading or signature and stays. A weak sign alone (a date, a credit-like line of a
  list, a line the import's files share standing by itself) never cuts.
- above the edge, the document's own headline is kept: the headline a time or source
  line follows a few lines below (title · time and source · share bar · text is how news
  pages print). A report's title over its dateline, and a salutation right above the
  text, are never cut. Short lines left over that headline (a site's or section's name,
  a login line: 东区办事处 / 东区新闻) go too, when nothing else stands there; a kicker
  right over the headline stays. The time or source line may already be gone (the chrome
  rule removes it near the top of a text): its place comes as `Context.meta_lines`.

A printed document's text layer (a PDF's: every printed line ends in a newline, see
layout.wrap_width) is read a paragraph at a time, so 28-character lines are the prose they
are; its page numbers are no page edge; and with no line only a web page prints (a
breadcrumb, a share prompt, a footer, a widget's words) it is left alone: its runs of
one-word lines are a table's cells.

A text without furniture lines around its prose is left alone. On an HTML page the rule
sees what the page's main container holds (html_frame removed the rest): a share bar, an
editor line or a related list inside the container goes the same way (news-sites: drop
90 → 95 %, keep and the cctv gate unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archivegen.ingest.clean.base import CJK, CJK_RE, Context, Fact, Line, PageFrame, ends_sentence, lines, nonblank
from archivegen.ingest.clean.dateline import BESIDE
from archivegen.ingest.clean.facts import frame_facts
from archivegen.ingest.clean.layout import HEADING_START, PAGE_NUMBER, runs_to_margin, wrap_width
from archivegen.ingest.clean.pages import is_pagination
from archivegen.ingest.clean.templates import template_lines
from archivegen.ingest.clean.web import CHROME_LINES, FOOTER_LINES, META_SIGNS, RELATED_HEADING, SOURCE_LINE
from archivegen.ingest.counting import count_chars
from archivegen.ingest.edits import Edit, edit
from archivegen.ingest.headers import parse_dateline, parse_signature

CLAUSE = set("，、；。！？,;")
STOPS = "。！？!?…；;"
CLOSERS = "”’」』）)】\"'"

# Thresholds, measured on the innerText dumps of 60 State Council pages and 50 news pages
# (lines of the article against lines of the page around it) and on the seed texts:
GOOD_MIN = 10          # a sentence line: at least this many letters and digits,
GOOD_CLAUSES = 2       # ...this many clause marks, and a sentence stop at its end;
LONG_MIN = 40          # or a long line with
LONG_CLAUSES = 3       # ...this many clause marks (a paragraph cut off without its stop)
SENTENCES = 3          # a line holding this many sentences (。) is prose whatever else it holds
CJK_SHARE = 0.4        # Chinese characters among letters and digits, for prose
JUNK_MAX = 6           # a line without Chinese this short (TOP, Qzone, T + -) is a widget
TINY = 4               # a one-word line (微信, 更多, QQ空间)
TABLE_LOOK = 7         # lines under a run of one-word lines looked at for a table's numbers,
TABLE_NUMBERS = 3      # ...this many of them numbers: the run was the table's header row
MENU_RUN = 3           # ...and this many of them in a row are a menu
MENU_NEIGHBOUR = 12    # a short line next to a menu joins it (用微信扫码二维码),
MENU_REACH = 2         # ...up to this many on each side
# Scores: prose counts its characters; a furniture line and a neutral line count against.
BAD_COST = 20
NEUTRAL_COST = 3
DENSE_WINDOW = 10      # the page's edge: a strong furniture line with, among this many lines,
DENSE_MIN = 3          # ...at least this many furniture lines, or
CLOSE = 3              # ...this close after the text's last sentence line
INFO_TABLE = 3         # this many key/value pairs in a row are a page's info table
# A stretch right under a headline and its time line (within ANCHOR_REACH lines) is the
# article too when it scores this share of the best stretch.
ANCHOR_REACH = 12
ANCHOR_SHARE = 0.3
# Prose above the article's own headline (a notice, a pop-up's text) is the page's when it
# is this short and the headline stands within this many lines of the stretch's start.
LEAD_PROSE_MAX = 80
LEAD_LINES = 6
# How far above the text a report's dateline is looked for, and a headline.
HEAD_MAX = 8
TITLE_WINDOW = 25
TITLE_MIN, TITLE_MAX = 6, 80
HEADLINE_CJK = 0.2     # a headline: this share of Chinese among its letters and digits at least,
HEADLINE_PROSE_MAX = 40  # ...and a line that reads as a sentence is one only when this short
FULL_STOPS = "。；;."   # a line ending so is a sentence, never a headline
LIST_ITEM_MIN = 12     # a headline in a list of other stories has this many letters at least,
LIST_ITEMS = 3         # ...and a list of dated headlines has this many of them,
LIST_NUMBERED = 5      # ...a ranking this many, numbered from 1
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[、.．]")
# a name and a role (洪天云 扶贫办副主任, 孟 扬 发展改革委副主任): a list of people the text ends with
_NAME_ROLE = re.compile(rf"^[{CJK}]{{1,3}}(?:\s[{CJK}]{{1,2}})?\s+[{CJK}]")
META_AFTER = 3         # a headline has its time/source line within this many lines
FRAME_LINE_MAX = 16    # a line of the page above a headline (a site's or section's name) is this short

_DATE_TIME = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}日?\s*\d{1,2}:\d{2}"
    r"|(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")
_AGO = re.compile(r"(?<!\d)\d{1,2}\s*(?:秒|分钟|小时|天)前")
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")
# (a number starts where its digits start: without the look-behind a long run of digits is
# tried from each of its characters, quadratic in the run's length)
_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问)(?:次数|量|数)|(?<!\d)\d+\s*(?:人|次)?(?:浏览|阅读|点击|参与|评论)")
_NUMERIC = re.compile(r"^[\d\s.,，%％:：/\-+()（）年月日号]*$")
_SEPARATORS = re.compile(r"\s*(?:[|｜丨│¦>»＞›•·/\\]|&gt;)\s*")
_CRUMB_PIECES = re.compile(_SEPARATORS.pattern + r"|\s+[-–—]+\s+")     # …and 首页 - 新闻动态
_URL = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b", re.I)
_EDGE = "|｜丨│"
_CRUMB = ">＞›»"
_CELL = ".,-_:/%()（）#'\"="
_PRIVATE = re.compile("[\ue000-\uf8ff]")
# A credit: 责任编辑：杨倩_NF4425 · 【编辑：姚昊】 · 作者：未知 责任编辑：棒棒不是糖 — labels of a
# few characters, each with a short value without sentence punctuation.
_CREDIT = re.compile(
    rf"^[\[【（(]?\s*(?:[{CJK}A-Za-z]{{1,6}}\s*[:：]\s*[^\s:：，。；！？,;!?]{{1,16}}"
    rf"(?:\s+[^\s:：，。；！？,;!?]{{1,8}}){{0,3}}\s*){{1,4}}[\]】）)]?$")
# Words only page widgets print (comment boxes, share bars, QR codes, recommendation
# boxes, credits), when they stand on a short line without a sentence.
WIDGET_WORDS = re.compile(
    r"评论|跟帖|跟贴|网友|参与|点赞|赞赏|打赏|举报|纠错|收藏|转发|分享|打印|登录|注册|订阅|客户端|下载|"
    r"二维码|扫码|扫一扫|扫描|关注|阅读全文|全文|查看|更多|推荐|热门|排行|猜你|喜欢|上一篇|下一篇|返回|"
    r"字号|字体|标签|关键词|关键字|专题|频道|本文来自|版权|声明|客服|APP|App|微信|微博|公众号|Copyright|©"
    r"|(?:责任编辑|责编|编辑|校对|审核|监制|作者|来源|记者|通讯员|摄影|供稿|原标题|原题)\s*[:：]")
WIDGET_MAX = 16
COUNTER_MAX = 30       # a line of counters (1032人参与308评论) is this short,
COUNTER_SHARE = 0.6    # ...and its counters and numbers make this share of its letters
_LEAD_LABEL = re.compile(r"^\s*[【\[]([^】\]]{1,6})[】\]]")
WIDGET_SHARE = 0.4     # ...and make up this share of its letters (转发 in 国务院办公厅转发国家地震局 does not)


def _widget(s: str, n: int) -> bool:
    """A widget's words make the line (为您推荐, 扫码阅读全文, 责任编辑：王某), not a word of a
    title that happens to be one (国务院办公厅转发国家地震局)."""
    found = list(WIDGET_WORDS.finditer(s))
    if any(m.group().endswith((":", "：")) for m in found):
        return True
    return sum(len(m.group()) for m in found) >= WIDGET_SHARE * n


_LABEL = re.compile(rf"^[{CJK}\s]{{1,10}}[:：]$")
_BRACKETED = re.compile(r"^[（(【\[].*[)）】\]]$")


@dataclass
class Block:
    line: Line
    text: str                 # the line, stripped
    n: int                    # letters and digits
    cjk: int
    clauses: int
    good: bool = False        # a sentence line (prose)
    bad: bool = False         # a furniture line
    strong: bool = False      # ...that only page chrome looks like
    label: bool = False       # 发布日期： — the key of a key/value table
    meta: bool = False        # a time stamp, a source, a counter under a headline
    after_meta: bool = False  # an earlier rule removed such a line right above this one


def _features(line: Line) -> Block:
    s = "".join(x.strip() for x in line.text.split("\n")) if "\n" in line.text else line.stripped
    n = sum(map(str.isalnum, s))
    cjk = count_chars(CJK_RE, s)
    clauses = sum(map(s.count, CLAUSE))     # CLAUSE's marks are single characters
    return Block(line, s, n, cjk, clauses)


def _ends_stop(s: str) -> bool:
    s = s.rstrip(CLOSERS + " ")
    return bool(s) and s[-1] in STOPS


def is_prose(b: Block) -> bool:
    if b.n >= LONG_MIN and b.text.count("。") >= SENTENCES:
        return True               # a paragraph (or a whole page on one line) whatever else it holds
    if b.n == 0 or b.cjk < CJK_SHARE * b.n:
        return False
    return ((b.n >= GOOD_MIN and b.clauses >= GOOD_CLAUSES and _ends_stop(b.text))
            or (b.n >= LONG_MIN and b.clauses >= LONG_CLAUSES))


def _is_menu_line(s: str, n: int) -> bool:
    """Items between separators (首页 > 新闻 > 正文, 注册|跟贴广场|手机发跟贴) or a row of
    one-word items (缩小字体 放大字体 收藏 微博 微信 分享)."""
    if any(c in s for c in "。，；！？"):
        return False
    parts = [p for p in _SEPARATORS.split(s) if p.strip()]
    if len(parts) >= 3 and all(sum(c.isalnum() for c in p) <= 8 for p in parts):
        return True
    if s.count(">") + s.count("＞") + s.count("»") >= 2 and n <= 60:
        return True
    # a row of words, most of two characters or more: 土 地 使 用 期 限 is a spaced title
    words = s.split()
    with_cjk = [w for w in words if CJK_RE.search(w)]
    sizes = [sum(c.isalnum() for c in w) for w in words]
    short = sum(sizes) <= 4 * len(words) or (len(words) >= 6 and sum(sizes) <= 5 * len(words))
    plain = sum(1 for w in words if not any(c.isdigit() for c in w))
    return (len(words) >= 4 and len(with_cjk) * 2 >= len(words) and short and plain * 2 > len(words)
            and sum(1 for x in sizes if x >= 2) * 2 > len(words))


def _is_meta(b: Block) -> bool:
    """A time stamp, a source or a counter: what a headline has under it."""
    if "。" in b.text or b.n > 70:
        return False
    return bool(_DATE_TIME.search(b.text)) or any(p.search(b.text) for p in META_SIGNS) or bool(
        SOURCE_LINE.match(b.text))


def _furniture(b: Block) -> str | None:
    """"strong" when only page chrome looks like this line, "weak" when a document may hold
    such a line too (a credit, a time stamp), None when it is no furniture line."""
    s = b.text
    if PAGE_NUMBER.match(s):
        return None                  # a printed page's number (— 5 —): the page_numbers rule's, no edge
    if any(p.search(s) for p in CHROME_LINES) or any(p.search(s) for p in FOOTER_LINES) or _link_label(s):
        return "strong"
    if RELATED_HEADING.match(s) or is_pagination(s):
        return "strong"
    if b.cjk == 0 and not _NUMERIC.match(s) and (b.n <= JUNK_MAX or len(s) - s.count(" ") >= 2 * b.n):
        # T + -, +1, © are widgets; a short word (TOP, return, A1) may be code or a table cell
        return "strong" if any(not c.isalnum() and not c.isspace() and c not in _CELL for c in s) else "weak"
    if b.n <= 60 and b.clauses == 0 and _URL.search(s):
        return "strong"
    if s[:1] in _EDGE + _CRUMB or s[-1:] in _EDGE:
        return "strong"                               # |回复, >投资运行 — a piece of a menu row
    if _PRIVATE.search(s) and b.n <= 30:
        return "strong"                               # icon-font glyphs of a toolbar
    if _is_menu_line(s, b.n):
        return "strong"
    if b.n <= WIDGET_MAX and "。" not in s and b.clauses <= 1 and _widget(s, b.n):
        return "strong"                               # 为您推荐, 扫码阅读全文, （责任编辑：系统管理员）
    if b.n <= 40 and "。" not in s and _CREDIT.match(s) and s[-1:] not in "：:":
        # 副主任：陈宝生 (a list may hold these); with a date it is a page's byline block
        # (发布日期：2019-03-06 责任编辑：龙慧)
        return "strong" if b.meta else "weak"
    if _counter_line(s):
        return "strong"                               # 1032人参与308评论, 阅读数(15878）
    if b.meta and not _NUMERIC.match(s):
        # a clock time, a counter or a time ago (5小时前) is a page's publish stamp or a
        # comment's: a document prints dates
        return "strong" if _CLOCK.search(s) or _COUNTER.search(s) or _AGO.search(s) else "weak"
    return None


def _web_line(b: Block) -> bool:
    """A line only a web page prints: a breadcrumb, a toolbar or share prompt, a footer, a
    button, a related-stories heading, pagination links, an address, a widget's words, a
    counter, a clock time. A run of one-word lines or a line of symbols may be a printed
    document's table; these may not."""
    s = b.text
    if PAGE_NUMBER.match(s) or b.good:
        return False
    return bool(any(p.search(s) for p in CHROME_LINES) or any(p.search(s) for p in FOOTER_LINES)
                or _link_label(s) or RELATED_HEADING.match(s) or is_pagination(s)
                or (b.n <= 60 and _URL.search(s) and not any(c in s for c in "，。；"))
                or (b.n <= WIDGET_MAX and "。" not in s and _widget(s, b.n)) or _counter_line(s)
                or (_CLOCK.search(s) and _DATE_TIME.search(s) and b.n <= 40))


def _counter_line(s: str) -> bool:
    """A line of counters and their numbers only (1032人参与308评论, 阅读数(15878）)."""
    if len(s) > COUNTER_MAX or any(c in s for c in "，。；"):
        return False
    found = list(_COUNTER.finditer(s))
    if not found:
        return False
    rest = _COUNTER.sub("", s)
    covered = sum(len(m.group()) for m in found) + sum(c.isdigit() for c in rest)
    letters = sum(1 for c in s if c.isalnum())
    return covered >= COUNTER_SHARE * letters


def _link_label(s: str) -> bool:
    """A line opened by a widget's label in brackets: 【上一篇】 …, 【纠错】, [下一篇]."""
    m = _LEAD_LABEL.match(s)
    return bool(m) and bool(WIDGET_WORDS.fullmatch(m.group(1).strip()))


def classify(blocks: list[Block], template: frozenset[str] = frozenset()) -> None:
    """Mark every block good (prose), bad (furniture, strong or weak) or neither, in place."""
    shared = [b.text in template and not is_prose(b) for b in blocks]
    for k, b in enumerate(blocks):
        b.good = is_prose(b) and not _link_label(b.text)
        b.meta = not b.good and _is_meta(b)
        kind = None if b.good else _furniture(b)
        if shared[k] and kind != "strong":
            # a line many files of the import share: the site's furniture when it stands
            # among others (a toolbar, the footer); alone it may be the text's own line that
            # every document prints (各位代表：, 国务院办公厅 under the text)
            run = (k > 0 and shared[k - 1]) or (k + 1 < len(blocks) and shared[k + 1])
            kind = "strong" if run else "weak"
        b.bad, b.strong = kind is not None, kind == "strong"
    for k, b in enumerate(blocks):
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if _LABEL.match(b.text) and (nxt is None or _value(nxt)):
            b.label = b.bad = True                    # 发布日期： over its value, not 各位代表： over text
    # key/value pairs one after another (索引号： … 发布日期： …) are the page's info table
    for k, b in enumerate(blocks):
        if b.label and sum(1 for x in blocks[k:k + 2 * INFO_TABLE] if x.label) >= INFO_TABLE:
            for x in blocks[k:k + 2 * INFO_TABLE]:
                if x.label:
                    x.strong = True
    # a run of one-word lines is a menu, and the short lines next to it belong to it
    k = 0
    while k < len(blocks):
        m = k
        while m < len(blocks) and _tiny(blocks[m]):
            m += 1
        if m - k >= MENU_RUN:
            a, z = k, m
            while a > 0 and k - a < MENU_REACH and _menu_neighbour(blocks[a - 1]):
                a -= 1
            while (z < len(blocks) and z - m < MENU_REACH and _menu_neighbour(blocks[z])
                   and not _over_text(blocks, z)):
                z += 1
            # the header row of a table has numbers under it; a menu has not (a page's number
            # and a short label may stand between the header and the first row)
            under = [x for x in blocks[m:m + TABLE_LOOK]
                     if x.text.isdigit() or not PAGE_NUMBER.match(x.text)][:TABLE_LOOK - 1]
            table = (sum(1 for x in under[:3] if _NUMERIC.match(x.text)) >= 2
                     or sum(1 for x in under if _NUMERIC.match(x.text)) >= TABLE_NUMBERS)
            for x in blocks[a:z]:
                x.bad = True
                x.strong = x.strong or not table
            k = z
        else:
            k = m + 1


def _value(b: Block) -> bool:
    """What stands under a table key (发布日期：/ 2019年02月15日), not the sentence under a
    salutation (王超斌委员：/ 您提出的……收悉。)."""
    return not b.good and b.n <= TITLE_MAX and not _ends_stop(b.text) and not any(c in b.text for c in "，。；")


def _tiny(b: Block) -> bool:
    return not b.good and 0 < b.n <= TINY and not any(c.isdigit() for c in b.text)


def _over_text(blocks: list[Block], k: int) -> bool:
    """The line stands right over prose, a time line or a salutation: the text's heading,
    not a menu's last item (■ 纪检监察 / 中华人民共和国监察法 / 《中华人民共和国监察法》是为了……;
    关于加装电梯的批复 / 本区住房管理局：)."""
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    return nxt is not None and (is_prose(nxt) or _is_meta(nxt) or _salutation(nxt))


def _menu_neighbour(b: Block) -> bool:
    digits = sum(c.isdigit() for c in b.text)
    return (not b.good and b.n <= MENU_NEIGHBOUR and b.clauses == 0 and b.cjk >= 2 and digits * 2 <= b.n
            and not parse_dateline(b.text))


def _score(b: Block) -> int:
    return b.n if b.good else -(BAD_COST if b.strong else NEUTRAL_COST)


def main_stretch(blocks: list[Block]) -> tuple[int, int] | None:
    """The article: the contiguous stretch of blocks with the best score (prose characters
    minus the cost of the other lines), as (first, last) index of its prose; None without
    prose. A short article under its headline can score less than a comment stream or a
    live blog beside it: the stretch that starts right under a headline and its time line
    is kept as well when it scores a fair share of the best (everything between the two
    stays: fidelity first)."""
    best, best_span = 0, None
    run, start = 0, 0
    for k, b in enumerate(blocks):
        if run <= 0:
            run, start = 0, k
        run += _score(b)
        if b.good and run > best:
            best, best_span = run, (start, k)
    if best_span is None:
        return None
    a, z = best_span
    anchored = _anchored_stretch(blocks)
    if anchored and anchored[0] >= ANCHOR_SHARE * best:
        a, z = min(a, anchored[1]), max(z, anchored[2])
    while not blocks[a].good:
        a += 1
    return _below_own_headline(blocks, a), z


def _below_own_headline(blocks: list[Block], a: int) -> int:
    """Where the article starts when its own headline stands a few lines into the stretch:
    a news page prints its headline first, so a little prose above a headline that a
    page's time or source line follows (a subscription notice, a pop-up's text, a ticker)
    is the page's. Only a labelled, clocked or counted meta line counts (时间：2019-09-25
    作者：… 阅读：1644), or one an earlier rule removed: a document's own signature over a
    bare date (国务院办公厅 / 2019年1月16日) is no page's meta line."""
    prose = 0
    for h in range(a, min(len(blocks), a + LEAD_LINES)):
        if prose > LEAD_PROSE_MAX:
            break
        if blocks[h].good:
            prose += blocks[h].n
            continue
        if h == a or HEADING_START.match(blocks[h].text) or not _headline_like(blocks, h, over_meta=True):
            continue                  # (一、会议安排 over 时间：3月1日 9:00 is the text's own heading)
        for x in range(h + 1, min(len(blocks), h + 1 + META_AFTER)):
            if blocks[x].after_meta or _page_info_line(blocks[x]):
                first = x if blocks[x].good else next((k for k in range(x + 1, len(blocks)) if blocks[k].good), None)
                return first if first is not None else a
            if blocks[x].good or _headline_like(blocks, x):
                break
    return a


def _page_info_line(b: Block) -> bool:
    """A page's line about its article: a time or counter with a label beside it (时间：…
    作者：… 阅读：1644), not a document's one field (时间：2024年3月1日 9:00)."""
    return b.meta and b.strong and (bool(_COUNTER.search(b.text)) or len(BESIDE.findall(b.text)) + len(
        re.findall(r"(?:时间|日期)\s*[:：]", b.text)) >= 2)


def _anchored_stretch(blocks: list[Block]) -> tuple[int, int, int] | None:
    """(score, first, last) of the best stretch starting with prose within a few lines
    under a headline that a time or source line follows. One backward pass: the best
    stretch starting at each line."""
    n = len(blocks)
    best_from = [0] * (n + 1)
    end_from = list(range(n)) + [n]
    for k in range(n - 1, -1, -1):
        here = _score(blocks[k])
        if k + 1 < n and best_from[k + 1] > 0:
            best_from[k] = here + best_from[k + 1]
            end_from[k] = end_from[k + 1]
        else:
            best_from[k] = here
            end_from[k] = k
    out = None
    # each time or source line: where the lines above it end and the lines under it start
    # (a removed one stood right above the line that is marked after_meta)
    anchors = [(k, k + 1) for k in range(1, n) if blocks[k].meta] + [(k, k) for k in range(1, n) if blocks[k].after_meta]
    for k, first in sorted(anchors):
        if not any(_headline_like(blocks, h) for h in range(max(0, k - META_AFTER), k)):
            continue
        for s in range(first, min(n, first + ANCHOR_REACH)):
            if blocks[s].good and (out is None or best_from[s] > out[0]):
                out = (best_from[s], s, end_from[s])
                break
    return out


# ---------------------------------------------------------------- the rule

LEAD_REASON = "正文之前的网页框架(导航、菜单、工具栏、信息表)"
TAIL_REASON = "正文之后的网页杂项(编辑署名、分享、评论、推荐、版权)"


def _units(text: str, width: int | None) -> list[Line]:
    """The text's non-blank lines; in a hard-wrapped text (a PDF's text layer, `width`
    characters a printed line) the printed lines of one paragraph are one unit, so that a
    paragraph of 28-character lines reads as the prose it is and not as a run of short
    lines without a full stop."""
    units = [ln for _, ln in nonblank(lines(text))]
    if width is None:
        return units
    groups: list[list[Line]] = []
    for ln in units:
        last = groups[-1][-1] if groups else None
        if (last is not None and runs_to_margin(last.stripped, width) and not ends_sentence(last.text)
                and not PAGE_NUMBER.match(ln.text) and not PAGE_NUMBER.match(last.text)):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    # each paragraph's text is cut from the text once (not grown a line at a time)
    return [g[0] if len(g) == 1 else Line(g[0].start, g[-1].end, text[g[0].start:g[-1].end]) for g in groups]


def find_page_furniture(text: str, ctx: Context) -> list[Edit | Fact]:
    width = wrap_width(lines(text))
    printed = width is not None
    blocks = [_features(ln) for ln in _units(text, width)]
    if len(blocks) < 3:
        return []
    _mark_after_meta(blocks, ctx.meta_lines)
    template = template_lines(ctx.batch, (b.text for b in blocks))
    if printed and not template and not any(_web_line(b) for b in blocks):
        # a printed document's text layer (hard-wrapped) with no line only a web page
        # prints: its runs of one-word lines are a table's cells, and stay
        return []
    classify(blocks, template)
    span = main_stretch(blocks)
    if span is None:
        return []
    a, z = span
    drop = set()
    cut = _lead_cut(blocks, a)
    if cut:
        title = _headline_above(blocks, cut)
        keep = set(range(_cluster_top(blocks, title), title + 1)) if title is not None else set()
        drop |= {k for k in range(cut) if k not in keep}
    drop |= _frame_over_headline(blocks, cut, a)
    tail = _tail_cut(blocks, z)
    drop |= set(range(min(tail, _story_list_after(blocks, a, tail)), len(blocks)))
    out: list[Edit | Fact] = [PageFrame(blocks[a].line.start)] if drop else []
    for first, last, before in _runs(sorted(drop), a):
        removal = _removal(text, blocks[first].line, blocks[last].line, LEAD_REASON if before else TAIL_REASON)
        out.append(removal)
        out += frame_facts(removal.old, removal.start)
    return out


def _mark_after_meta(blocks: list[Block], positions: tuple[int, ...]) -> None:
    """Mark the line each removed meta line stood right above (positions: where they were)."""
    k = 0
    for pos in positions:
        while k < len(blocks) and blocks[k].line.start < pos:
            k += 1
        if k < len(blocks):
            blocks[k].after_meta = True


def _frame_over_headline(blocks: list[Block], cut: int, a: int) -> set[int]:
    """The short lines left between the page's edge (`cut`: the first line kept) and the
    headline a time or source line follows, when nothing else stands there: a site's or a
    section's name, a login line, a breadcrumb's last piece (东区办事处 / 东区新闻 / headline /
    来源于：东区办事处). A news page prints its headline first; lines above it are the page's.
    A kicker (a headline-like line right above the headline) stays, and any line that is not
    short, has digits or reads as prose keeps them all."""
    title = _headline_above(blocks, a)
    if title is None or title < cut or title - cut > HEAD_MAX:
        return set()
    frame = range(cut, _cluster_top(blocks, title))
    if not frame or not all(_frame_line(blocks[k]) for k in frame):
        return set()
    return set(frame)


def _frame_line(b: Block) -> bool:
    return (not b.good and not b.label and 0 < b.n <= FRAME_LINE_MAX and not any(c.isdigit() for c in b.text)
            and not _salutation(b))


def _breadcrumb(s: str) -> bool:
    """A breadcrumb's pieces (首页 - 新闻动态), not a kicker: short words between separators."""
    parts = [p for p in _CRUMB_PIECES.split(s) if p.strip()]
    return len(parts) >= 2 and all(sum(c.isalnum() for c in p) <= TINY for p in parts)


def _dense(window: list[Block]) -> bool:
    """Furniture lines make up enough of these lines (the page's edge, not one odd line in
    a list the document holds)."""
    return len(window) < DENSE_WINDOW or sum(1 for b in window if b.bad) >= DENSE_MIN


def _lead_cut(blocks: list[Block], a: int) -> int:
    """How many lines before the text (index a) are page furniture (0: none).

    The lines right above the text up to the nearest strong furniture line (a menu, a
    toolbar, a share bar: the page's edge, where furniture is dense) are the text's
    heading and stay; from that line up everything goes. A weak sign alone (a date, a line
    the import's files share) never cuts. The document's own heading is never cut: a
    report's title over its dateline, a salutation right above the text."""
    limit = a
    report = _report_title(blocks, a)
    if report is not None:
        limit = report
    elif a > 0 and _salutation(blocks[a - 1]):
        limit = a - 1
    k = limit - 1
    while k >= 0 and not (blocks[k].strong and _dense(blocks[max(0, k - DENSE_WINDOW + 1):k + 1])):
        k -= 1
    return k + 1


def _tail_cut(blocks: list[Block], z: int) -> int:
    """Index of the first line of the page furniture after the text's last line z
    (len(blocks): none). A signature block (lines that are no strong furniture line)
    stays; from the first strong furniture line after it (where furniture is dense, or
    right after the text) everything goes."""
    k = z + 1
    # a key over its value (召集人： / 孙春兰 国务院副总理) after the text is a list the document
    # ends with, not the page's info table (which stands above the text)
    while k < len(blocks) and not (blocks[k].strong and not blocks[k].label
                                   and (k - z <= CLOSE or _dense(blocks[k:k + DENSE_WINDOW]))):
        k += 1
    return k


def _list_item(b: Block) -> bool:
    """A headline of another story in a list after the text: a line of some length with no
    full stop in it, which may exclaim or ask (…成明星结婚圣地, 1、赴港上市真的冷了吗？)."""
    return (LIST_ITEM_MIN <= b.n <= TITLE_MAX and "。" not in b.text
            and b.text.rstrip(CLOSERS + " ")[-1:] not in FULL_STOPS and b.cjk >= HEADLINE_CJK * b.n)


def _story_list_after(blocks: list[Block], a: int, tail: int) -> int:
    """Index where a list of other stories' headlines starts after the text (tail: none).

    From the text's last line ending in a full stop down to the page's furniture (`tail`),
    the lines are a list of other stories when they are headlines (no full stop, some
    length) and the list shows it is one: each headline has its own time stamp under it
    (an author's latest articles: 韩庚将在…圣地 / 12-2718:40), or LIST_NUMBERED of them are
    numbered in order (1、赴港上市真的冷了吗？ 2、…: a ranking). Short lines (the list's
    heading) may stand between; any sentence, a line of people (洪天云 扶贫办副主任), a
    heading ending in a colon (附件：) or a list without these marks keeps everything:
    a story may well end with a few short exclaiming lines (这么高大上的邮轮母港 / 开始搓搓手了！)."""
    p = tail - 1
    while p > a and blocks[p].text.rstrip(CLOSERS + " ")[-1:] not in FULL_STOPS:
        p -= 1
    if blocks[p].text.rstrip(CLOSERS + " ")[-1:] not in FULL_STOPS:
        return tail                                   # no sentence ends the text: no telling
    first, items, stamped, numbers = None, 0, 0, []
    for k in range(p + 1, tail):
        b = blocks[k]
        if _NAME_ROLE.match(b.text) or b.text.endswith(("：", ":")):
            return tail                               # 洪天云 扶贫办副主任, 附件：
        if b.meta and first is not None:
            stamped += 1
            continue
        if b.bad or b.meta:
            continue                                  # a credit, a time, a widget between
        if _list_item(b):
            items += 1
            first = k if first is None else first
            m = _NUMBERED.match(b.text)
            numbers.append(int(m.group(1)) if m else None)
        elif b.n >= LIST_ITEM_MIN:
            return tail                               # a line of the text after the list
    dated = items >= LIST_ITEMS and stamped >= items - 1
    ranked = len(numbers) >= LIST_NUMBERED and numbers[:LIST_NUMBERED] == list(range(1, LIST_NUMBERED + 1))
    if first is None or not (dated or ranked):
        return tail
    if first - 1 > p and blocks[first - 1].n < LIST_ITEM_MIN and not blocks[first - 1].meta:
        first -= 1                                    # the list's heading (作者最新文章, 时报观察)
    return first


def _report_title(blocks: list[Block], a: int) -> int | None:
    """A report's title over its dateline (the speaker may sign between) just above the text."""
    for k in range(a - 1, max(-1, a - 1 - HEAD_MAX), -1):
        if parse_dateline(blocks[k].text):
            t = k - 1
            if t >= 0 and parse_signature(blocks[t].text):
                t -= 1
            if t >= 0 and not blocks[t].good and 0 < blocks[t].n <= TITLE_MAX:
                return t
    return None


def _cluster_top(blocks: list[Block], title: int) -> int:
    """A headline printed over two or three lines (kicker, title, subtitle) keeps them all."""
    first = title
    while (first - 1 >= 0 and title - first < 2 and _headline_like(blocks, first - 1)
           and not _breadcrumb(blocks[first - 1].text)):
        first -= 1
    return first


def _salutation(b: Block) -> bool:
    return b.text.endswith(("：", ":")) and b.n <= 40


def _headline_like(blocks: list[Block], k: int, over_meta: bool = False) -> bool:
    """A line that could be a headline: short, mostly words, no full stop at its end. A
    headline may exclaim or ask (…律师函了！, …谈了啥？, …竟是……), so a short line with a
    comma and a question mark is one too, and it may be Latin and digits for the most part
    (苹果发布新iPhone 11：64GB售5499元 256GB售6799元)."""
    b = blocks[k]
    # over a time or source line, a line shaped like a credit is a headline that names its
    # speaker (习近平：扎实推动教育强国建设), not a credit (作者：张三 stands under the headline)
    if (b.strong if over_meta else b.bad) or b.meta or not TITLE_MIN <= b.n <= TITLE_MAX or b.cjk < HEADLINE_CJK * b.n:
        return False
    if b.good and (b.n > HEADLINE_PROSE_MAX or b.clauses > GOOD_CLAUSES):
        return False
    if WIDGET_WORDS.search(b.text):
        return False                                  # 把你最喜欢的栏目添加到这里来哦 马上登录
    if _salutation(b) or _BRACKETED.match(b.text) or b.text.rstrip(CLOSERS + " ")[-1:] in FULL_STOPS:
        return False
    if _NUMERIC.match(b.text) or sum(c.isdigit() for c in b.text) * 2 > b.n:
        return False
    prev = blocks[k - 1] if k > 0 else None
    return not (prev and prev.label)                  # the value of a key/value table


def _headline_above(blocks: list[Block], cut: int) -> int | None:
    """The headline among the furniture lines before the text (the first `cut` lines): the
    nearest one that a time or source line follows a few lines below."""
    for k in range(cut - 1, max(-1, cut - 1 - TITLE_WINDOW), -1):
        if not _headline_like(blocks, k, over_meta=True):
            continue
        for d in range(1, META_AFTER + 1):
            x = k + d
            if x < len(blocks) and blocks[x].after_meta:
                return k
            if x >= len(blocks) or blocks[x].good:
                break
            if blocks[x].meta:
                return k
            if _headline_like(blocks, x):
                break
    return None


def _runs(indices: list[int], a: int):
    """Consecutive indices as (first, last, before_text) runs."""
    run: list[int] = []
    for k in indices:
        if run and k != run[-1] + 1:
            yield run[0], run[-1], run[0] < a
            run = []
        run.append(k)
    if run:
        yield run[0], run[-1], run[0] < a


def _removal(text: str, first: Line, last: Line, reason: str) -> Edit:
    """Remove whole lines first..last (and the blank lines between them) with one newline."""
    start, end = first.start, last.end
    if end < len(text):
        end += 1
    elif start > 0:
        start -= 1
    return edit(text, start, end, "", reason)
