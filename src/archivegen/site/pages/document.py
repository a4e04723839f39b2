"""The document page: metadata card, editorial note, body, and what links to it."""

from __future__ import annotations

from archivegen.model import Document
from archivegen.site import paths
from archivegen.site.escape import code, html_text, one_line
from archivegen.site.pages.common import aside, date_label, esc, front


def metadata_rows(doc: Document, page: str, regions: dict, compilations: dict) -> list[tuple[str, str]]:
    m = doc.meta
    rows = [("类型", f"[{esc(doc.doc_type)}]({paths.link(page, paths.doc_type(doc.doc_type))})")]
    if doc.region:
        slug = regions.get(doc.region)
        rows.append(("地区", f"[{esc(doc.region)}]({paths.link(page, paths.region(slug))})" if slug else esc(doc.region)))
    date = date_label(doc)
    if m.date_inferred and m.date_evidence:
        date += f"：原文未印年份，依据“{esc(m.date_evidence)}”推断"
    if doc.year:
        date = f"[{date}]({paths.link(page, paths.year(doc.year))})" if not m.date_evidence else date
    rows.append(("日期", date))
    for label, value in (("发文机关", m.issuer), ("发文字号", m.doc_number), ("成文日期", m.written),
                         ("发布日期", m.published), ("主题分类", m.topic)):
        if value:
            rows.append((label, esc(value.isoformat() if hasattr(value, "isoformat") else value)))
    if m.speaker:
        who = esc(m.speaker) + (f"（{esc(m.speaker_role)}）" if m.speaker_role else "")
        rows.append(("讲话人", who))
    if m.occasion:
        rows.append(("场合", esc(m.occasion)))
    if m.author:
        rows.append(("作者", esc(m.author)))
    if m.printed_title and m.printed_title != doc.title:
        rows.append(("原标题", esc(m.printed_title)))
    if m.title_derived:
        rows.append(("标题", "原文无标题，由编者据首句拟定"))
    src = m.source
    if src and src.name:
        rows.append(("来源", esc(src.name)))
    if src and src.url:
        rows.append(("原网址", code(src.url)))          # shown, never a link
    if src and src.file:
        lines = src.lines
        where = f"，第 {lines[0]}–{lines[1]} 行" if len(lines) == 2 else ""
        rows.append(("原始文件", f"[{esc(src.file.split('/')[-1])}]({paths.link(page, paths.source_file(src.file))}){where}"))
        if src.sha256:
            rows.append(("SHA-256", code(src.sha256)))
    if m.compilation and m.compilation in compilations:
        comp = compilations[m.compilation]
        rows.append(("收录于", f"[{esc(comp.meta.title)}]({paths.link(page, paths.compilation(comp.id))})"))
    rows.append(("编辑文件", code(f"content/{doc.rel}")))
    return rows


def render_document(doc: Document, body: str, regions: dict, compilations: dict, extra_sections: str = "",
                    tags: list[str] | None = None) -> str:
    page = paths.document(doc)
    m = doc.meta
    out = [front({"title": doc.title, "tags": tags or []})]
    if m.kicker:
        out.append(f'<p class="ag-kicker">{html_text(m.kicker)}</p>\n\n')
    out.append(f"# {esc(doc.title)}\n\n")
    if m.subtitle:
        out.append(f'<p class="ag-subtitle">——{html_text(m.subtitle)}</p>\n\n')
    rows = metadata_rows(doc, page, regions, compilations)
    out.append('<dl class="ag-card" markdown="1">\n')
    out.extend(f'<dt>{k}</dt>\n<dd markdown="span">{v}</dd>\n' for k, v in rows)
    out.append("</dl>\n\n")
    if not m.complete:
        out.append(f'!!! warning ag-incomplete "本文不完整"\n    原始文件只保存了本文的一部分：{esc(m.incomplete_reason or "")}。\n\n')
    note = m.editor_note
    if note:
        log = m.source.edit_log if m.source else None
        log_link = f"逐条记录见[整理日志]({paths.link(page, paths.source_file(log))})。" if log else ""
        out.append(f'!!! info ag-editor-note "编辑说明"\n    整理原始文件时：{esc(note)}。{log_link}\n\n')
    out.append(body.rstrip() + "\n\n")
    if extra_sections:
        out.append(aside(extra_sections))       # terms, links, citation: not the text
    return "".join(out)


def link_sections(doc: Document, links, docs_by_id: dict) -> str:
    """Series navigation, references, backlinks and related documents for one page."""
    page = paths.document(doc)

    def item(other_id: str) -> str:
        other = docs_by_id[other_id]
        return f"- [{esc(other.title)}]({paths.link(page, paths.document(other))}) — {date_label(other)} · {esc(other.region or '')}\n"

    out = []
    prev_id, next_id = links.series.get(doc.id, (None, None))
    if prev_id or next_id:
        out.append("## 同一系列\n\n")
        if prev_id:
            out.append("上一年：" + item(prev_id)[2:])
        if next_id:
            out.append("下一年：" + item(next_id)[2:])
        out.append("\n")
    refs = links.references.get(doc.id) or []
    if refs:
        out.append("## 本文提到的文档\n\n" + "".join(item(r) for r in refs) + "\n")
    back = links.backlinks.get(doc.id) or []
    out.append("## 引用本文的文档\n\n" + ("".join(item(b) for b in back) if back else "暂无。\n") + "\n")
    related = links.related.get(doc.id) or []
    out.append("## 相关文档\n\n" + ("".join(item(r) for r in related) if related else "暂无。\n") + "\n")
    return "".join(out)


def citation(doc: Document) -> str:
    """A line readers can copy to cite the document (one line: it is the only line of a
    fenced code block, which shows it as text and which no line of it can close)."""
    m = doc.meta
    who = m.speaker or m.author or ""
    where = m.occasion or (m.source.name if m.source else None) or ""
    bits = [b for b in (who, f"《{doc.title}》", where, doc.date or (f"{doc.year}年" if doc.year else "")) if b]
    return one_line("，".join(bits) + f"。中国政策文献注释档案，{doc.id}。")
