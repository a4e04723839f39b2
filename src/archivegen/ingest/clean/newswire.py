"""Wire and newspaper texts as scrapers store them: paragraphs flattened into one line,
photo captions run into the text, the newspaper's page line.

    ……。新华社记者 燕雁 摄　　新华社北京12月31日电　新年前夕，……　　大家好！……
    《人民日报》（2024年01月02日 01 版）
"""

from __future__ import annotations

import re

from archivegen.ingest.clean.base import CJK, Context, Fact, PageDate, lines, nonblank
from archivegen.ingest.edits import Edit, edit

# Two or more full-width (or em) spaces in the middle of a line: the indent of a
# paragraph whose line break was lost. One full-width space is a separator
# ("新华社北京12月31日电　新年前夕") and stays.
_PARAGRAPH_MARK = re.compile(r"[\u3000\u2003]{2,}")
# A photo credit ends a caption: "新华社记者 燕雁 摄", "记者 张三 李四 摄", "张三 摄": names
# set apart by spaces, right after a sentence ends (摄 alone is too common: 摄入, 拍摄).
_CREDIT = re.compile(rf"(?<=[。！？”])(?:[{CJK}]{{0,6}}记者\s*)?(?:[{CJK}]{{2,4}}\s+){{1,3}}摄(?=[{CJK}“（(]|\s|$)")
# A caption is a few sentences under a photo, not a paragraph of the story.
_CAPTION_MAX = 150
_CAPTION_SENTENCES = 3
# 《人民日报》（2024年01月02日 01 版）, 《解放日报》 2024-01-02 第3版
_PAGE_LINE = re.compile(
    r"^《(?P<paper>[^》]{2,12})》\s*[(（]?\s*(?P<y>(?:19|20)\d{2})\s*[年\-./]\s*(?P<m>\d{1,2})\s*[月\-./]\s*"
    r"(?P<d>\d{1,2})\s*日?\s*(?:第\s*)?[0-9一二三四五六七八九十]{1,3}\s*版\s*[)）]?$")


def find_flattened_paragraphs(text: str, ctx: Context) -> list[Edit]:
    """A long line holding several paragraphs, each marked only by a run of full-width
    spaces, gets its line breaks back (the runs become line ends)."""
    out = []
    for ln in lines(text):
        body = ln.text.strip()
        marks = [m for m in _PARAGRAPH_MARK.finditer(ln.text) if ln.text[:m.start()].strip() and m.end() < len(ln.text.rstrip())]
        if len(marks) < 2 and not (marks and len(body) >= 200):
            continue
        out.extend(edit(text, ln.start + m.start(), ln.start + m.end(), "\n", "恢复被压平的段落分隔") for m in marks)
    return out


def find_photo_captions(text: str, ctx: Context) -> list[Edit]:
    """A photo caption run into the text: a paragraph of at most a few short sentences
    that ends in a credit ("…发表二〇二六年新年贺词。新华社记者 燕雁 摄"). The caption goes;
    what follows the credit on the same line is text and stays. A bracketed credit
    "（本文图片 张三 摄）" is the article's own line and stays."""
    out = []
    for _, ln in nonblank(lines(text)):
        m = _CREDIT.search(ln.text)
        if not m:
            continue
        caption = ln.text[:m.start()]
        if len(caption.strip()) > _CAPTION_MAX or len(re.findall(r"[。！？]", caption)) > _CAPTION_SENTENCES:
            continue
        if ln.text[m.end():].strip():
            out.append(edit(text, ln.start, ln.start + m.end(), "", "图片说明（摄影署名）"))
        else:
            out.append(ln.removal(text, "图片说明（摄影署名）"))
    return out


def find_newspaper_page_lines(text: str, ctx: Context) -> list[Edit | Fact]:
    """《人民日报》（2024年01月02日 01 版）: where a reprinted article ran, not its text.
    The date becomes the document's publication date (a PageDate fact)."""
    out: list[Edit | Fact] = []
    for _, ln in nonblank(lines(text)):
        m = _PAGE_LINE.match(ln.stripped)
        if m:
            out.append(ln.removal(text, "报纸版面信息（已记入元数据）"))
            out.append(PageDate(ln.start, int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    return out
