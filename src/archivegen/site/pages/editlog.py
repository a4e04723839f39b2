"""The cleaning log of a raw file as a page readers can read: each edit, why, what was
there and what is there now, in the words around it (not the JSON with offsets)."""

from __future__ import annotations

from archivegen.model import EditLog
from archivegen.site import paths
from archivegen.site.blocks import stash
from archivegen.site.editlog import EditInContext, in_context
from archivegen.site.escape import html_text
from archivegen.site.pages.common import esc, front

OPEN_UP_TO = 60          # a pass with more edits starts folded (the reader opens it)
LONG = 300               # a removed block longer than this is shown in part


def _shown(text: str) -> str:
    """Text of the log as HTML, with line breaks visible."""
    return html_text(text).replace("\n", '<span class="ag-nl">↵</span>')


def _change(row: EditInContext) -> str:
    e = row.edit
    old = e.old if len(e.old) <= LONG else e.old[:LONG] + f"…（共 {len(e.old)} 字）"
    parts = [f'<span class="ag-ctx">…{_shown(row.before)}</span>']
    if old:
        parts.append(f"<del>{_shown(old)}</del>")
    if e.new:
        parts.append(f"<ins>{_shown(e.new)}</ins>")
    parts.append(f'<span class="ag-ctx">{_shown(row.after)}…</span>')
    return "".join(parts)


def edit_log_page(page: str, log: EditLog, docs: list[tuple[str, str]], blocks: dict[str, str] | None = None) -> str:
    """The page; `docs`: the documents made from the raw file, each (title, its page); its
    tables go to `blocks` (site/blocks.py) when a store is given."""
    name = log.source.split("/")[-1]
    passes = in_context(log)
    total = sum(len(rows) for _, rows in passes)
    out = [front({"title": f"整理日志：{name}"}), f"# 整理日志：{esc(name)}\n\n",
           f"整理原始文件 {esc(name)} 时，编者共改动 {total} 处，依规则分组，按原文先后排列。"
           "每一处列出原文第几行、改动的原因，以及改动前后的文字和前后文："
           "删去的文字<del>加删除线</del>，改成或补上的文字<ins>加下划线</ins>，↵ 表示换行。"
           "把各规则的改动依次用在原始文件上，就得到整理后的文本（项目的测试逐字核对这一点）。\n\n"]
    if docs:
        out.append("由此整理出的文档：" + "、".join(
            f"[{esc(title)}]({paths.link(page, doc_page)})" for title, doc_page in docs) + "\n\n")
    out.append(f"原始文件：[UTF-8 文本]({paths.link(page, paths.source_copy(log.source))})、"
               f"[原始字节]({paths.link(page, paths.source_file(log.source))})；"
               f"机器可读的日志：[JSON]({paths.link(page, paths.source_file(log.rel))})。\n\n")
    if not total:
        out.append("整理时没有改动原文。\n")
    for p, rows in passes:
        if not rows:
            continue
        out.append(f"## {esc(p.action)}{esc(p.label)}（{len(rows)} 处）\n\n")
        table = ['<table class="ag-edits">\n<thead><tr><th>行</th><th>改动（含前后文）</th><th>原因</th></tr></thead>\n<tbody>\n']
        for row in rows:
            table.append(f"<tr><td>{row.edit.line}</td><td>{_change(row)}</td><td>{html_text(row.edit.reason)}</td></tr>\n")
        table.append("</tbody>\n</table>\n")
        if len(rows) > OPEN_UP_TO:
            out.append(stash(f'<details class="ag-edits-fold"><summary>展开全部 {len(rows)} 处</summary>\n'
                             + "".join(table) + "</details>\n\n", blocks))
        else:
            out.append(stash("".join(table) + "\n", blocks))
    return "".join(out)


def log_page(page: str, log: EditLog, docs: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """The page's Markdown and the blocks it stashed (site/blocks.py)."""
    blocks: dict[str, str] = {}
    return edit_log_page(page, log, docs, blocks), blocks
