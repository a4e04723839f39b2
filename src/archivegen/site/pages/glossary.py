"""Term pages and the glossary index."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from archivegen.pinyin import lazy_normal
from archivegen.site import paths
from archivegen.site.glossary import GlossaryIndex, Term
from archivegen.site import escape
from archivegen.site.fragments import definition_list, fragment, nested_list
from archivegen.site.pages.common import aside, esc, front

MAX_SNIPPETS_PER_DOC = 3


def initial(term: str) -> str:
    """The letter a term is filed under: its first pinyin (or Latin) letter."""
    stripped = term.lstrip("“”\"《（(")
    letters = lazy_normal(stripped[:1])           # pypinyin's FIRST_LETTER is this reading's first letter
    ch = (letters[0][:1] if letters and letters[0] else stripped[:1]).upper()
    return ch if "A" <= ch <= "Z" else "#"


@lru_cache(maxsize=1 << 16)        # pinyin of a phrase costs ~0.3 ms; terms are sorted on several pages
def sort_key(term: str) -> str:
    return "".join(lazy_normal(term.lstrip("“”\"《（("))).lower()


def term_page(term: Term, index: GlossaryIndex, docs_by_id: dict) -> str:
    page = paths.term(term.page_id)
    out = [front({"title": term.entries[0].term}), f"# {esc(term.entries[0].term)}\n\n"]
    aliases = [f for f in term.forms if f != term.entries[0].term]
    if aliases:
        out.append("又作：" + "、".join(esc(a) for a in aliases) + "\n\n")
    for e in term.entries:
        doc = docs_by_id.get(e.defined_in)
        where = f"[{esc(doc.title)}]({paths.link(page, paths.document(doc))})" if doc else "（出处不详）"
        number = f"第 {e.number} 条" if e.number else ""
        # the document named in the heading and the file name are not the term's words:
        # search leaves them out (site/search.py, EXCLUDE_SELECTORS)
        out.append(f"## 释义（{where}{'，' + number if number else ''}） {{ .ag-defined-in }}\n\n"
                   f"{escape.body(e.definition.strip())}\n\n")
        out.append(f'<small class="ag-edit-file">编辑文件：{escape.code(f"content/{e.rel}")}</small>\n\n')
    uses = index.uses.get(term.key, [])
    by_doc = defaultdict(list)
    for u in uses:
        by_doc[u.doc_id].append(u)
    # the uses quote their documents, which search indexes themselves
    items = []
    for doc_id in sorted(by_doc, key=lambda i: docs_by_id[i].sort_key, reverse=True):
        doc = docs_by_id[doc_id]
        us = by_doc[doc_id]
        items.append((f"[{esc(doc.title)}]({paths.link(page, paths.document(doc))})：{len(us)} 处",
                      [esc(u.snippet) for u in us[:MAX_SNIPPETS_PER_DOC]]))
    uses_md = f"## 出现在 {len(by_doc)} 篇文档中（共 {len(uses)} 处）\n\n" + nested_list(items)
    return "".join(out) + aside(uses_md)


def glossary_pages(terms: dict[str, Term], index: GlossaryIndex, docs_by_id: dict) -> dict[str, str]:
    files = {}
    groups = defaultdict(list)
    for key, term in terms.items():
        files[paths.term(term.page_id)] = term_page(term, index, docs_by_id)
        groups[initial(term.entries[0].term)].append(term)
    out = [front({"title": "名词解释"}), "# 名词解释\n\n",
           f"共 {len(terms)} 个术语，摘自各报告所附的名词解释。按拼音首字母排列；括号中是使用该术语的文档数。\n\n"]
    for letter in sorted(groups, key=lambda g: (g == "#", g)):
        # a term that starts with no letter or Chinese character (“5G”, 《…》) is filed under 其他
        out.append(f"## {letter if letter != '#' else '其他'}\n\n")
        for term in sorted(groups[letter], key=lambda t: sort_key(t.entries[0].term)):
            n_docs = len({u.doc_id for u in index.uses.get(term.key, [])})
            out.append(f"- [{esc(term.entries[0].term)}]({paths.link(paths.GLOSSARY, paths.term(term.page_id))})（{n_docs}）"
                       f"：{esc(term.tooltip)}\n")
        out.append("\n")
    files[paths.GLOSSARY] = "".join(out)
    return files


def used_terms_section(doc, index: GlossaryIndex, terms: dict[str, Term]) -> str:
    """The terms a document uses, each with its whole definition: readers find them at
    the end of the text, and archivegen.js shows the one a reader taps or points at."""
    counts = index.by_doc.get(doc.id) or {}
    if not counts:
        return ""
    page = paths.document(doc)
    items = sorted(counts, key=lambda k: sort_key(terms[k].entries[0].term))
    rows = []
    for k in items:
        t = terms[k]
        definition = escape.one_line(escape.plain(t.entries[0].definition)).strip()
        rows.append((f"[{esc(t.entries[0].term)}]({paths.link(page, paths.term(t.page_id))})", esc(definition)))
    xml = definition_list(rows, "ag-termlist")          # site/fragments.py
    if xml is not None:
        return "## 本文术语\n\n" + fragment(xml)
    return ('## 本文术语\n\n<dl class="ag-termlist" markdown="1">\n'
            + "".join(f'<dt markdown="span">{t}</dt>\n<dd markdown="span">{d}</dd>\n' for t, d in rows) + "</dl>\n\n")
