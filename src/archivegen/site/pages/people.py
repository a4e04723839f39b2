"""Person pages and the people index."""

from __future__ import annotations

from archivegen.site import paths
from archivegen.site.fragments import fragment, spans_html
from archivegen.site.links import Person
from archivegen.site.pages.common import aside, date_label, esc, front


def person_pages(people: dict[str, Person], docs_by_id: dict) -> dict[str, str]:
    files = {}
    index = [front({"title": "人物"}), "# 人物\n\n",
             "文档中以职务点名的人物。名单由导入时自动识别，`content/people.yaml` 可增删、合并别名。\n\n"]
    for name in sorted(people, key=lambda n: (-len(people[n].docs), n)):
        p = people[name]
        page = paths.person(name)
        role = f"（{esc('、'.join(p.roles[:3]))}）" if p.roles else ""
        index.append(f"- [{esc(name)}]({paths.link(paths.PEOPLE, page)}){role}：{len(p.docs)} 篇\n")
        out = [front({"title": name}), f"# {esc(name)}\n\n"]
        if p.roles:
            out.append("**职务（见于文中）**：" + "、".join(esc(r) for r in p.roles) + "\n\n")
        # a list, not a heading per document: the page's table of contents stays short
        # however many documents name the person; the quotations are not indexed (aside)
        items = []
        for doc_id in sorted(p.docs, key=lambda i: docs_by_id[i].sort_key, reverse=True):
            doc = docs_by_id[doc_id]
            about = " · ".join(esc(b) for b in (date_label(doc), doc.region, doc.doc_type) if b)
            items.append((f"[{esc(doc.title)}]({paths.link(page, paths.document(doc))})", about,
                          [esc(s) for s in p.sentences.get(doc_id, [])]))
        files[page] = "".join(out) + aside(f"## 提及此人的文档（{len(p.docs)} 篇）\n\n" + _mentions(items))
    files[paths.PEOPLE] = "".join(index)
    return files


def _mentions(items: list[tuple[str, str, list[str]]]) -> str:
    """Each document (its link in bold, what it is) with the sentences that name the person
    quoted under it: a fragment (site/fragments.py) when every piece is of span_html's kind,
    else the same as Markdown."""
    xml = []
    for link, about, quotes in items:
        pieces = spans_html([link, about, *quotes])
        if pieces is None:
            xml = None
            break
        # Markdown makes the quotes under one item one quotation of paragraphs
        quoted = "<blockquote>" + "".join(f"<p>{q}</p>" for q in pieces[2:]) + "</blockquote>" if quotes else ""
        line = f"<strong>{pieces[0]}</strong> — {pieces[1]}"
        # a list of one item and nothing under it is tight; any other has a paragraph per item
        tight = len(items) == 1 and not quotes
        xml.append(f"<li>{line}</li>" if tight else f"<li><p>{line}</p>{quoted}</li>")
    if xml is not None:
        return fragment("<ul>" + "".join(xml) + "</ul>")
    return "".join(f"- **{link}** — {about}\n\n" + "".join(f"    > {q}\n\n" for q in quotes)
                   for link, about, quotes in items)
