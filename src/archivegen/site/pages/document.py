"""The document page: provenance card, citation, editorial note, body, and what links to it."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import quote

from archivegen.model import Document
from archivegen.site import paths
from archivegen.site.blocks import stash
from archivegen.site.escape import code, html_text, one_line
from archivegen.site.fragments import definition_list, fragment, lines_block
from archivegen.site.links import qualify_role
from archivegen.site.pages.common import aside, date_label, esc, front

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives
_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
_WEB = re.compile(r"^https?://", re.I)


def citation_code(doc_id: str) -> str:
    """A short code that names the document in a citation: 8 characters of Crockford
    base32 from the SHA-256 of its id (40 bits), so it never changes while the id does not."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()[:5]
    return base64.b32encode(digest).decode("ascii").translate(_CROCKFORD)


def _cn_date(value) -> str:
    """2024-01-17 → 2024年1月17日 (a date or its text; anything else as it is)."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", str(value))
    return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日" if m else str(value)


def inference_note(evidence: str | None) -> str:
    """Why an inferred date is what it is, as one sentence for readers. The evidence is
    what import read (“十五五”规划编制, 2024年, 十二届市委三次全会(同版其他文章)); it
    is quoted once, never inside a second pair of quotes."""
    ev = one_line(evidence or "").strip()
    page = re.search(r"[（(]同版其他文章[)）]$", ev)
    core = ev[:page.start()].strip() if page else ev
    if not core:
        return "原文未注明日期，年份据同版其他文章推断" if page else "原文未注明日期，年份为编者推断"
    quoted = core if re.match(r"^[“《「『\"]", core) or core.endswith(("”", "》", "」", "』")) else f"“{core}”"
    where = "同版其他文章提到的" if page else "文中提到的"
    return f"原文未注明日期，年份据{where}{quoted}推断"


def metadata_rows(doc: Document, page: str, regions: dict, compilations: dict) -> list[tuple[str, str]]:
    """The card: what the document is and who published it where."""
    m = doc.meta
    rows = [("类型", f"[{esc(doc.doc_type)}]({paths.link(page, paths.doc_type(doc.doc_type))})")]
    if doc.region:
        slug = regions.get(doc.region)
        rows.append(("地区", f"[{esc(doc.region)}]({paths.link(page, paths.region(slug))})" if slug else esc(doc.region)))
    date = esc(date_label(doc))
    rows.append(("日期", f"[{date}]({paths.link(page, paths.year(doc.year))})" if doc.year else date))
    if m.date_inferred:
        rows.append(("日期依据", esc(inference_note(m.date_evidence))))
    for value, label in ((m.issuer, "发文机关"), (m.doc_number, "发文字号")):
        if value:
            rows.append((label, esc(value)))
    for day, label in ((m.written, "成文日期"), (m.published, "发布日期")):
        if day:
            rows.append((label, esc(_cn_date(day))))
    if m.topic:
        rows.append(("主题分类", esc(m.topic)))
    if m.speaker:
        role = qualify_role(m.speaker_role, doc.region) if m.speaker_role else ""
        rows.append(("讲话人", esc(m.speaker) + (f"（{esc(role)}）" if role else "")))
    if m.occasion:
        rows.append(("场合", esc(m.occasion)))
    if m.author:
        rows.append(("作者", esc(m.author)))
    src = m.source
    if src and src.name:
        rows.append(("来源", esc(src.name)))
    if src and src.url:
        url = one_line(src.url).strip()
        # a web address is a link (to the page the text was taken from); anything else is text
        shown = f"[{esc(url)}]({quote(url, safe=':/?#@!$&*+,;=%~')})" if _WEB.match(url) else code(url)
        rows.append(("原网址", shown))
    if m.printed_title and m.printed_title != doc.title:
        rows.append(("原标题", esc(m.printed_title)))
    if m.title_derived:
        rows.append(("标题", "原文无标题，由编者据首句拟定"))
    if m.compilation and m.compilation in compilations:
        comp = compilations[m.compilation]
        rows.append(("收录于", f"[{esc(comp.meta.title)}]({paths.link(page, paths.compilation(comp.id))})"))
    rows.append(("引用码", citation_code(doc.id)))
    return rows


def fixity_rows(doc: Document, page: str, log_pages: dict[str, str]) -> list[tuple[str, str]]:
    """The secondary detail: the raw file, its encoding and checksum, the cleaning log."""
    src = doc.meta.source
    rows = []
    if src and src.file:
        lines = src.lines
        where = f"，第 {lines[0]}–{lines[1]} 行" if len(lines) == 2 else ""
        name = esc(src.file.split("/")[-1])
        rows.append(("原始文件", f"[{name}]({paths.link(page, paths.source_copy(src.file))})（UTF-8 文本）{where}；"
                                 f"[原始字节]({paths.link(page, paths.source_file(src.file))})"))
        if src.encoding:
            rows.append(("原始编码", esc(src.encoding)))
        if src.file in log_pages:
            rows.append(("整理日志", f"[逐条查看]({paths.link(page, log_pages[src.file])})"
                                     + (f"；[JSON]({paths.link(page, paths.source_file(src.edit_log))})" if src.edit_log else "")))
        if src.sha256:
            rows.append(("SHA-256", code(src.sha256)))
    rows.append(("编辑文件", code(f"content/{doc.rel}")))
    return rows


def _card(rows: list[tuple[str, str]], cls: str) -> str:
    return (f'<dl class="{cls}" markdown="1">\n'
            + "".join(f'<dt>{k}</dt>\n<dd markdown="span">{v}</dd>\n' for k, v in rows) + "</dl>\n")


def _cards(doc: Document, page: str, regions: dict, compilations: dict, log_pages: dict[str, str]) -> str:
    """The card and, folded under it, the raw file's details."""
    card, fixity = metadata_rows(doc, page, regions, compilations), fixity_rows(doc, page, log_pages)
    card_xml, fixity_xml = definition_list(card, "ag-card"), definition_list(fixity, "ag-card ag-card--fixity")
    if card_xml and fixity_xml:
        return fragment(card_xml + f'<details class="ag-fixity"><summary>原始文件与校验值</summary>{fixity_xml}</details>')
    return (_card(card, "ag-card")
            + '\n<details class="ag-fixity" markdown="1">\n<summary>原始文件与校验值</summary>\n\n'
            + _card(fixity, "ag-card ag-card--fixity") + "\n</details>\n\n")


def citation(doc: Document, address: str) -> str:
    """The citation of a document, on one line: who, title, where, when (推断 when
    inferred), the archive with the document's code, and the page's full address. The
    access date follows on the page, filled in by the reader's browser."""
    m = doc.meta
    who = m.speaker or m.issuer or m.author
    where = [w for w in (m.occasion, m.source.name if m.source else None) if w]
    number = m.doc_number
    date = _cn_date(doc.date) if doc.date else (f"{doc.year}年" if doc.year else "日期不详")
    if m.date_inferred and (doc.date or doc.year):
        date += "（推断）"
    head = f"{who}：《{doc.title}》" if who else f"《{doc.title}》"
    bits = [head, *([number] if number else []), *where, date]
    return one_line("，".join(bits) + f"。中国政策文献注释档案，引用码 {citation_code(doc.id)}，{address}")


def citation_block(doc: Document, address: str) -> str:
    """Raw HTML (every piece escaped): the citation, where the access date goes, and a
    copy button that archivegen.js shows (it cannot work without script)."""
    return ('<div class="ag-aside ag-cite">\n'
            f'<p class="ag-cite__label">引用本文</p>\n'
            f'<p class="ag-cite__text">{html_text(citation(doc, address))}，访问日期：'
            '<span class="ag-today">（阅读当日）</span>。</p>\n'
            '<button type="button" class="ag-copy" hidden>复制引文</button>\n'
            '</div>\n\n')


def render_document(doc: Document, body: str, regions: dict, compilations: dict, extra_sections: str = "",
                    tags: list[str] | None = None, address: str = "", log_pages: dict[str, str] | None = None,
                    blocks: dict[str, str] | None = None) -> str:
    """The page's Markdown; `blocks`: where its raw HTML that needs no Markdown goes
    (site/blocks.py), None to keep it in the page."""
    page = paths.document(doc)
    m = doc.meta
    out = [front({"title": doc.title, "tags": tags or []})]
    if m.kicker:
        out.append(f'<p class="ag-kicker">{html_text(m.kicker)}</p>\n\n')
    out.append(f"# {esc(doc.title)}\n\n")
    if m.subtitle:
        out.append(f'<p class="ag-subtitle">——{html_text(m.subtitle)}</p>\n\n')
    out.append(_cards(doc, page, regions, compilations, log_pages or {}))
    out.append(stash(citation_block(doc, address or page), blocks))
    if not m.complete:
        out.append(f'!!! warning ag-incomplete "本文不完整"\n    原始文件只保存了本文的一部分：{esc(m.incomplete_reason or "")}。\n\n')
    note = m.editor_note
    if note:
        log_page = (log_pages or {}).get(m.source.file) if m.source else None
        log_link = f"逐条记录见[整理日志]({paths.link(page, log_page)})。" if log_page else ""
        out.append(f'!!! info ag-editor-note "编辑说明"\n    整理原始文件时：{esc(note)}。{log_link}\n\n')
    out.append(body.rstrip() + "\n\n")
    if extra_sections:
        out.append(aside(extra_sections))       # terms, people, links: not the text
    return "".join(out)


def link_sections(doc: Document, links, docs_by_id: dict) -> str:
    """Series navigation, references, backlinks and related documents for one page; a
    section with nothing in it is left out."""
    page = paths.document(doc)

    def item(other_id: str) -> str:
        other = docs_by_id[other_id]
        where = f" · {esc(other.region)}" if other.region else ""      # no dangling · without a region
        return f"[{esc(other.title)}]({paths.link(page, paths.document(other))}) — {date_label(other)}{where}"

    out = []
    prev_id, next_id = links.series.get(doc.id, (None, None))
    if prev_id or next_id:
        lines = ([f"上一年：{item(prev_id)}"] if prev_id else []) + ([f"下一年：{item(next_id)}"] if next_id else [])
        out.append("## 同一系列\n\n" + lines_block(lines, "p"))
    for title, ids in (("本文提到的文档", links.references.get(doc.id)), ("引用本文的文档", links.backlinks.get(doc.id)),
                       ("相关文档", links.related.get(doc.id))):
        if ids:
            out.append(f"## {title}\n\n" + lines_block([item(i) for i in ids], "ul"))
    return "".join(out)
