"""Person pages and the people index."""

from __future__ import annotations

from archivegen.site import paths
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
        mentions = [f"## 提及此人的文档（{len(p.docs)} 篇）\n\n"]
        for doc_id in sorted(p.docs, key=lambda i: docs_by_id[i].sort_key, reverse=True):
            doc = docs_by_id[doc_id]
            mentions.append(f"- **[{esc(doc.title)}]({paths.link(page, paths.document(doc))})** "
                            f"— {date_label(doc)} · {esc(doc.region or '')} · {esc(doc.doc_type)}\n\n")
            for s in p.sentences.get(doc_id, []):
                mentions.append(f"    > {esc(s)}\n\n")
        files[page] = "".join(out) + aside("".join(mentions))
    files[paths.PEOPLE] = "".join(index)
    return files
