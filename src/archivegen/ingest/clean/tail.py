"""The end of a news story on a web page: what sites print after its last paragraph.

After the story a site prints its closing credit (`（责编：…）`, `【编辑：…】`), a note on
where the story came from (`（本文来自…，更多原创资讯请下载…APP）`), page numbers of a story
split over pages (`【1】【2】【3】`), buttons (`【纠错】`), links and their prompts (`此前报道：…`,
`点击进入专题：`, `…返回首页，查看更多`) and, after the closing credit, other stories' headlines
and teasers. Each is removed as a whole line, and only where it stands: at the end of the
text (a link prompt, a button), or after the closing credit when nothing after it is a
sentence of the story. Page numbers can stand anywhere: a line of nothing but page numbers
is no sentence. The words these lines use are data (data/story_end.yaml).
"""

from __future__ import annotations

import re
from functools import lru_cache

from archivegen.data import alternation, load_data
from archivegen.ingest.clean.base import CJK, Context, Fact, Outlet, lines, nonblank
from archivegen.ingest.edits import Edit, edit

TAIL = 12                # the lines at the end of a text where a story's end furniture stands
MAX_PROMPT = 60          # a link prompt is short
MAX_LINK = 20            # a link listed under a prompt ("聚焦香港局势") is shorter
MAX_CREDIT = 40          # so is a closing credit
# 【1】【2】【3】【4】, 上一页 1 2 3 下一页, [1] [2] 下一页
# (a bare number is a whole run of one to three digits: "(?!\d)" keeps a long run of digits
# from being split into numbers in exponentially many ways when the line does not match)
PAGE_LIST = re.compile(r"^(?:(?:上一页|下一页|首页|尾页|末页|[【\[]\d{1,3}[】\]]|\d{1,3}(?!\d))\s*){2,}$")
PAGE_WORD_OR_BRACKET = re.compile(r"上一页|下一页|[【\[]\d")
NOTE = re.compile(r"^[(（][^()（）]+[)）]$")                              # a whole line in brackets
BUTTONS = re.compile(r"^(?:[【\[][^】\]\s\d]{2,4}[】\]]\s*)+$")        # 【纠错】, 【打印】【关闭】, not 【完】


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, ...]:
    data = load_data("story_end.yaml")
    alt = alternation
    prompt = re.compile(rf"^[【\[(（]?\s*(?:{alt(data['link_prompts'])})")
    link_end = re.compile(rf"(?:{alt(data['link_ends'])})\s*(?:>+|》+|→|…+|\.{{3}})?\s*$")
    note = re.compile(rf"^[(（]\s*(?:{alt(data['source_notes'])})\s*(?P<name>[^，,。()（）\s]{{2,20}})[^()（）]{{0,80}}[)）]$")
    # "责任编辑：…", and "编辑 刘晓阳 校对 李铭" (a name after a space)
    credit = re.compile(rf"^[【\[(（]?\s*(?:{alt(data['editor_labels'])})\s*(?:[:：]|\s+[{CJK}A-Za-z])")
    notice = re.compile(rf"^[【\[(（]?\s*(?:{alt(data['notices'])})\s*[:：]")
    return prompt, link_end, note, credit, notice


def _sentence(s: str) -> bool:
    """A line of the story: it ends a sentence with a full stop, question or exclamation mark
    (a teaser cut with "…" does not)."""
    t = s.rstrip("”’」』）)】\"' ")
    return len(s) >= 15 and t[-1:] in "。！？!?"


def find_story_end(text: str, ctx: Context) -> list[Edit | Fact]:
    ls = [ln for _, ln in nonblank(lines(text))]
    out: list[Edit | Fact] = []
    for ln in ls:
        s = ln.stripped
        if PAGE_LIST.match(s) and (PAGE_WORD_OR_BRACKET.search(s) or _counts_pages(s)):
            out.append(ln.removal(text, "分页页码"))
    tail = ls[-TAIL:]
    if not tail:
        return out
    prompt, link_end, note, credit, notice = _patterns()
    # After the closing credit: other stories' headlines and teasers, when nothing there is a
    # sentence or a note of this story ("（综合整理自…）").
    for i, ln in enumerate(tail[:-1]):
        rest = tail[i + 1:]
        if (credit.match(ln.stripped) and len(ln.stripped) <= MAX_CREDIT
                and not any(_sentence(x.stripped) or NOTE.match(x.stripped) for x in rest)):
            start = ln.start - 1 if ln.start > 0 else 0
            out.append(edit(text, start, len(text), "", "责任编辑署名及其后的其他文章标题"))
            tail = tail[:i]
            break
    # The lines after the story's last sentence.
    last = max((k for k, ln in enumerate(tail) if _sentence(ln.stripped)), default=-1)
    k = 0
    while k < len(tail):
        ln, s = tail[k], tail[k].stripped
        reason = None
        if len(s) <= MAX_PROMPT and "。" not in s and (prompt.match(s) or link_end.search(s)):
            reason = "链接或链接提示"
        elif k > last and BUTTONS.match(s):
            reason = "网页按钮"
        elif k > last and credit.match(s) and len(s) <= MAX_CREDIT:
            reason = "责任编辑署名"
        elif k == len(tail) - 1 and notice.match(s):
            reason = "网站声明"
        elif m := note.match(s):
            out.append(ln.removal(text, "文末来源说明(已记入元数据)"))
            out.append(Outlet(ln.start, m.group("name")))
            k += 1
            continue
        if reason:
            out.append(ln.removal(text, reason))
            # the links a prompt that ends in a colon introduces ("点击进入专题：" / "聚焦香港局势")
            while reason.startswith("链接") and s.endswith((":", "：")) and k + 1 < len(tail) and _link(tail[k + 1].stripped):
                k += 1
                out.append(tail[k].removal(text, reason))
        k += 1
    return out


def _counts_pages(s: str) -> bool:
    """Bare numbers are page numbers only when they count 1, 2, 3 … (a row of a table is not)."""
    numbers = [int(n) for n in re.findall(r"\d+", s)]
    return len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1))


def _link(s: str) -> bool:
    return len(s) <= MAX_LINK and not re.search(r"[，。！？；：,.!?;:]", s)
