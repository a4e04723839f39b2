"""Web page chrome: what a scraped page wraps around the story.

Each pattern is a whole line that only page furniture looks like; a rule never removes
part of a sentence. Patterns are data (lists of regexes) so new sites need no new code.
"""

from __future__ import annotations

import re

from archivegen.ingest.clean import dateline
from archivegen.ingest.clean.base import Context, Fact, MetaLine, SourceUrl, ends_sentence, lines, nonblank
from archivegen.ingest.clean.facts import declared_title, frame_facts
from archivegen.ingest.clean.policy import info_table_facts
from archivegen.ingest.edits import Edit, edit

# Lines that only navigation widgets, share prompts and page tools look like.
CHROME_LINES = [re.compile(p) for p in (
    r"^(?:您|你)?(?:当前|所在|现在)?的?位置\s*[:：]",                       # breadcrumb
    r"^首页\s*(>|»|/|＞|→)\s*.{0,80}$",                                  # breadcrumb without label
    r"^(分享到|分享至|分享|微信扫一扫|扫一扫|用手机扫描|打开微信)",            # share prompts
    r"^[【\[]?\s*(打印本页|打印此页|关闭窗口|关闭本页|打印|关闭|返回顶部|收藏本页|加入收藏)\s*[】\]]?(\s*[【\[]?\s*(打印本页|打印|关闭窗口|关闭|返回顶部)\s*[】\]]?)*$",
    r"^[【\[]?\s*(字号|字体|文字大小)\s*[:：]?\s*[【\[]?\s*[大中小]\s*[】\]]?\s*[大中小]",  # font-size widget
    r"^(上一篇|下一篇|上一条|下一条)\s*[:：]",
    r"^(编辑|责任编辑|责编|审核|校对|监制|值班编辑|网络编辑)\s*[:：]\s*\S{1,12}"
    r"(\s+(编辑|责任编辑|责编|审核|校对|监制)\s*[:：]\s*\S{1,12})*$",          # editor lines
)]

# Meta lines under a headline: author / time / view counts. A line must be short, must not
# end a sentence, and must show at least one of these signs.
META_SIGNS = [re.compile(p) for p in (
    r"(?<!\d)\d{1,2}\s*(秒|分钟|小时|天|周|个月|年)前",
    r"(发布|更新)?(时间|日期)\s*[:：]",
    r"(浏览|阅读|点击|访问)(次数|量|数)?\s*[:：]?\s*\d+",
    r"\d+\s*(次)?(浏览|阅读|点击)",
    r"^(作者|发布者|发布人|admin)\b",
    r"^admin",
    r"(来源|作者)\s*[:：].{0,30}(时间|日期|浏览|阅读|\d{4}[-/.年])",
)]

# Meta lines sit right under the headline: only the first lines of a text are looked at.
META_WITHIN = 6
# A line that is nothing but a publish time or an address, near the top: what a scraper
# or a "save as text" writes above the article.
BARE_STAMP = re.compile(r"^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$")
BARE_URL = re.compile(r"^https?://[^\s，。]+$")

# A line naming the outlet an article was taken from; it is removed from the text and the
# name is kept in the document's metadata (as an Outlet fact).
SOURCE_LINE = re.compile(r"^(来源|来源于|文章来源|稿件来源|信息来源|转载自|本文来源)\s*[:：]\s*(?P<name>\S.{0,30})$")

# Footer furniture: copyright, permalink, subscription prompts.
FOOTER_LINES = [re.compile(p) for p in (
    r"^(本文标题|文章标题|本文链接|链接地址|原文链接|原文地址|文章地址|本文地址)\s*[:：]",
    r"^(版权声明|版权所有|免责声明|Copyright|©|\(c\)|All Rights Reserved)",
    r"版权所有",
    r"^(微信订阅号|微信公众号|官方微信|关注我们|扫码关注|联系我们|网站地图|主办单位|承办单位|技术支持)",
    r"(ICP备|ICP证|公网安备)",
    r"^(微信扫一扫|扫一扫).*(阅读|分享)",
)]

# Headings of blocks of other articles appended after a story.
RELATED_HEADING = re.compile(
    r"^[【\[]?\s*(相关文章|相关阅读|相关报道|相关新闻|相关链接|推荐阅读|延伸阅读|热门文章|热门推荐|猜你喜欢|热点推荐|更多阅读|精彩推荐|往期回顾)\s*[】\]]?\s*[:：]?$"
)
# Any other short heading of recommendations (为你推荐, 编辑推荐): only a list of dated items
# under it is taken for other stories.
RECOMMEND_HEADING = re.compile(r"^[【\[]?\s*[\u4e00-\u9fff]{0,4}推荐\s*[】\]]?\s*[:：]?$")
PAGE_OPENING = 5         # lines a text opens with: a saved page's navigation
MAX_ITEM_LINE = 100      # no line of a list of other stories is a paragraph this long


def _is_meta_line(s: str) -> bool:
    return len(s) <= 100 and not ends_sentence(s) and "。" not in s and (
        any(p.search(s) for p in META_SIGNS) or dateline.is_meta_line(s))


def find_chrome_lines(text: str, ctx: Context) -> list[Edit | Fact]:
    out: list[Edit | Fact] = []
    ls = [line for _, line in nonblank(lines(text))]
    skip = False
    for n, line in enumerate(ls):
        if skip:
            skip = False
            continue
        s = line.stripped
        if split := _split_meta_line(ls, n):
            # a label on its line and its value on the next (来源于： / 东区办事处): a converter
            # broke one meta line in two
            removal = edit(text, line.start, min(len(text), ls[n + 1].end + 1), "", split)
            out.append(removal)
            if n < META_WITHIN:
                out.append(MetaLine(line.start))
            out.extend(frame_facts(s + ls[n + 1].stripped, line.start, "dateline" if n < META_WITHIN else "frame"))
            skip = True
            continue
        if any(p.search(s) for p in CHROME_LINES):
            removal = line.removal(text, "网页导航或工具栏")
        elif n < META_WITHIN and (_is_meta_line(s) or BARE_STAMP.match(s)):
            removal = line.removal(text, "标题下的作者、时间、阅读数")
            out.append(MetaLine(line.start))
        elif n < META_WITHIN and BARE_URL.match(s):
            out.append(line.removal(text, "原网址（已记入元数据）"))
            out.append(SourceUrl(line.start, s))
            continue
        elif SOURCE_LINE.match(s):
            removal = line.removal(text, "来源署名(已记入元数据)")
            if n < META_WITHIN:
                out.append(MetaLine(line.start))
        else:
            continue
        out.append(removal)
        # a publish time on a line right under the headline is printed with the article
        out.extend(_learned(removal, "dateline" if n < META_WITHIN else "frame"))
    return out


LABEL_ALONE = re.compile(r"^[^\s:：，。；]{1,6}\s*[:：]$")
SPLIT_VALUE_MAX = 40


def _split_meta_line(ls: list, n: int) -> str | None:
    """The reason to remove line n and the next when they are one meta or source line a
    converter printed in two (a label alone, its value under it), else None."""
    s = ls[n].stripped
    if not LABEL_ALONE.match(s) or n + 1 >= len(ls):
        return None
    value = ls[n + 1].stripped
    if len(value) > SPLIT_VALUE_MAX or any(c in value for c in "，。；！？:："):
        return None
    joined = s + value
    if SOURCE_LINE.match(joined):
        return "来源署名(已记入元数据)"
    if n < META_WITHIN and (_is_meta_line(joined) or BARE_STAMP.match(value)):
        return "标题下的作者、时间、阅读数"
    return None


def _learned(removal: Edit, where: str = "frame") -> list[Fact]:
    """What a removed piece of page frame says about the article: outlet, time, title."""
    return frame_facts(removal.old, removal.start, where) + declared_title(removal.old, removal.start)


def find_footer(text: str, ctx: Context) -> list[Edit | Fact]:
    """The site footer: from the first footer line near the end, when what follows is furniture.

    Only the tail is looked at, and the block goes only when most of its lines are
    footer lines, so a sentence that mentions 版权 in a story's middle is safe.
    """
    ls = [ln for _, ln in nonblank(lines(text))]
    if not ls:
        return []
    tail = ls[-12:]
    first = None
    for i, ln in enumerate(tail):
        if any(p.search(ln.stripped) for p in FOOTER_LINES):
            first = i
            break
    if first is None:
        return []
    block = tail[first:]
    hits = sum(1 for ln in block if any(p.search(ln.stripped) for p in FOOTER_LINES + CHROME_LINES))
    # A footer block is short and mostly furniture; "作者原创，不允许二次传播" style notices
    # between footer lines go with it.
    if hits * 2 < len(block) or sum(len(ln.stripped) for ln in block) > 800:
        return []
    # Lines of share prompts just above the footer belong to it too.
    start_idx = ls.index(block[0])
    while start_idx > 0 and any(p.search(ls[start_idx - 1].stripped) for p in CHROME_LINES):
        start_idx -= 1
    start = ls[start_idx].start
    # Keep the newline that ends the story; remove from the footer's first line to the end.
    if start > 0:
        start -= 1
    removal = edit(text, start, len(text), "", "网站页脚(版权、链接、订阅)")
    return [removal, *declared_title(removal.old, removal.start)]


def find_related_block(text: str, ctx: Context) -> list[Edit | Fact]:
    """A 相关文章 heading near the end followed by other articles' titles and teasers (in a
    text holding several saved pages, one such block per page)."""
    ls = [ln for _, ln in nonblank(lines(text))]
    out: list[Edit | Fact] = []
    page = 0          # index of the line the current saved page starts with
    i = 0
    while i < len(ls):
        ln = ls[i]
        listed = bool(RELATED_HEADING.match(ln.stripped))
        if not (listed or RECOMMEND_HEADING.match(ln.stripped)) or i == 0:
            i += 1
            continue
        before = sum(len(x.stripped) for x in ls[page:i])
        # the block ends where the next saved page starts again with two lines the text
        # opened with (its navigation), else at the end of the text
        opening = {(a.stripped, b.stripped) for a, b in zip(ls[:min(PAGE_OPENING, i)], ls[1:min(PAGE_OPENING, i)])}
        again = next((k for k in range(i + 1, len(ls) - 1) if (ls[k].stripped, ls[k + 1].stripped) in opening), None)
        after = ls[i + 1:again]
        end = ls[again].start - 1 if again is not None else len(text)
        if _prose(after) > _prose(ls[page:i]):
            i += 1
            continue              # a related-links box above the story (a page saved as text)
        after_len = sum(len(x.stripped) for x in after)
        teasers = sum(1 for x in after if x.stripped.endswith(("...", "…", "……")))
        doubled = sum(1 for a, b in zip(after, after[1:]) if a.stripped == b.stripped)
        # a list of a few lines per item, each item with its own time stamp, no paragraph
        dated = sum(1 for x in after if dateline.is_stamp_line(x.stripped))
        dated_list = dated >= 2 and dated * 4 >= len(after) and all(len(x.stripped) < MAX_ITEM_LINE for x in after)
        # Spam blocks are teasers ("…") or titles repeated as links; a list of dated items is
        # other stories; a short tail of a long story is also safe to treat as a list of links.
        if dated_list or (listed and (teasers or doubled or after_len < before * 0.3 or not after)):
            start = ln.start - 1 if ln.start > 0 else 0
            removal = edit(text, start, end, "", "文末无关文章列表(相关文章)")
            out += [removal, *declared_title(removal.old, removal.start)]
            if again is None:
                break
            page = i = again
            continue
        i += 1
    return out


def _prose(ls) -> int:
    """Characters in sentence lines (long, with a full stop): how much story a stretch holds."""
    return sum(len(x.stripped) for x in ls if len(x.stripped) >= 30 and "。" in x.stripped)


def find_outside_main(text: str, ctx: Context) -> list[Edit | Fact]:
    """HTML pages: remove the text outside the page's main story container."""
    d = ctx.decoded
    if not d.is_html or not d.main:
        return []
    removals = []
    pos = 0
    for start, end in d.main:
        if start > pos:
            # between two stretches of the story, the newline that ends the first one stays
            removals.append(edit(text, pos + 1 if pos else pos, start, "", "网页框架(导航、侧栏、页脚)"))
        pos = end
    if pos < len(text):
        removals.append(edit(text, pos, len(text), "", "网页框架(导航、侧栏、页脚)"))
    story = d.main[0][0]
    facts = [f for r in removals for f in (*dateline.frame_facts(r.old, r.start, r.end == story),
                                            *info_table_facts(r.old, r.start))]
    return [*removals, *facts, *dateline.published_tag(d.published, story)]
