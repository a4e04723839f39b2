"""Browse pages: home, regions, years, types, compilations, about."""

from __future__ import annotations

from collections import defaultdict

from archivegen.model import Archive, Document
from archivegen.site import paths
from archivegen.site.pages.common import doc_list, esc, front


def _grouped(docs: list[Document], key) -> dict:
    groups: dict = defaultdict(list)
    for d in docs:
        groups[key(d)].append(d)
    return groups


def region_pages(archive: Archive, region_slugs: dict[str, str]) -> dict[str, str]:
    files = {}
    by_region = _grouped(archive.documents, lambda d: d.region or "其他")
    lines = [front({"title": "按地区浏览"}), "# 按地区浏览\n\n"]
    for name in sorted(by_region, key=lambda n: (n != "上海市", region_slugs.get(n, n))):
        slug = region_slugs.get(name, "other")
        page = paths.region(slug)
        docs = by_region[name]
        lines.append(f"- [{esc(name)}]({paths.link(paths.REGIONS, page)})（{len(docs)} 篇）\n")
        body = [front({"title": name}), f"# {esc(name)}\n\n共 {len(docs)} 篇文档。\n\n"]
        by_year = _grouped(docs, lambda d: d.year or 0)
        for y in sorted(by_year, reverse=True):
            body.append(f"## {y}年\n\n" if y else "## 年份不详\n\n")
            body.append(doc_list(by_year[y], page))
            body.append("\n")
        files[page] = "".join(body)
    files[paths.REGIONS] = "".join(lines)
    return files


def year_pages(archive: Archive) -> dict[str, str]:
    files = {}
    by_year = _grouped(archive.documents, lambda d: d.year or 0)
    lines = [front({"title": "按年份浏览"}), "# 按年份浏览\n\n"]
    for y in sorted(by_year, reverse=True):
        page = paths.year(y or None)
        label = f"{y}年" if y else "年份不详"
        lines.append(f"- [{label}]({paths.link(paths.YEARS, page)})（{len(by_year[y])} 篇）\n")
        files[page] = front({"title": label}) + f"# {label}\n\n" + doc_list(by_year[y], page)
    files[paths.YEARS] = "".join(lines)
    return files


def type_pages(archive: Archive) -> dict[str, str]:
    files = {}
    by_type = _grouped(archive.documents, lambda d: d.doc_type)
    lines = [front({"title": "按类型浏览"}), "# 按类型浏览\n\n"]
    for t in sorted(by_type):
        page = paths.doc_type(t)
        lines.append(f"- [{esc(t)}]({paths.link(paths.TYPES, page)})（{len(by_type[t])} 篇）\n")
        files[page] = front({"title": t}) + f"# {esc(t)}\n\n" + doc_list(by_type[t], page)
    files[paths.TYPES] = "".join(lines)
    return files


def compilation_pages(archive: Archive) -> dict[str, str]:
    files = {}
    ids = archive.by_id()
    for comp in archive.compilations:
        page = paths.compilation(comp.id)
        m = comp.meta
        parts = m.get("parts") or []
        present = [p for p in parts if p.get("document") in ids]
        body = [front({"title": m.get("title", comp.id)}), f"# {esc(m.get('title', comp.id))}\n\n",
                f"这是一份汇编：目录列出 {len(parts)} 个部分，本档案收有 {len(present)} 个，缺 {len(parts) - len(present)} 个。\n\n",
                "| 目录所列 | 本档案 |\n|---|---|\n"]
        for p in parts:
            doc = ids.get(p.get("document"))
            cell = f"[{esc(doc.title)}]({paths.link(page, paths.document(doc))})" + ("（不完整）" if not doc.meta.get("complete", True) else "") if doc else "缺"
            body.append(f"| {esc(p.get('name', ''))} | {cell} |\n")
        if comp.body.strip():
            body.append("\n## 汇编前言\n\n" + comp.body.strip() + "\n")
        files[page] = "".join(body)
    return files


def tags_page() -> str:
    """The tag index; Material's tags plugin fills in the listing at the marker."""
    return front({"title": "标签"}) + "# 标签\n\n按地区、年份、类型、人物和主题词分类的全部标签。\n\n<!-- material/tags -->\n"


def home_page(archive: Archive, n_people: int = 0) -> str:
    docs = archive.documents
    regions = {d.region for d in docs if d.region}
    years = {d.year for d in docs if d.year}
    counts = [f"**{len(docs)}** 篇文档", f"**{len(regions)}** 个地区", f"**{len(years)}** 个年份",
              f"**{len(archive.glossary)}** 条术语", f"**{n_people}** 位人物"]
    latest = sorted(docs, key=lambda d: d.sort_key, reverse=True)[:10]
    out = [front({"title": "首页", "hide": ["navigation"]}),
           "# 中国政策文献注释档案\n\n",
           "本站收录政府工作报告、传达稿、新闻报道和政策文件的整理本。每篇文档都由原始文件整理而来："
           "网页导航、拼音注音、分页断行等都已清除，每一处改动都有记录，原始文件可供下载核对。"
           "报告附录中的名词解释会在所有文档中标注出来，悬停即可看到释义。\n\n",
           "　·　".join(counts) + "\n\n",
           "## 浏览\n\n",
           f"- [按地区]({paths.link(paths.HOME, paths.REGIONS)})\n",
           f"- [按年份]({paths.link(paths.HOME, paths.YEARS)})\n",
           f"- [按类型]({paths.link(paths.HOME, paths.TYPES)})\n",
           f"- [按人物]({paths.link(paths.HOME, paths.PEOPLE)})\n",
           f"- [名词解释]({paths.link(paths.HOME, paths.GLOSSARY)})\n",
           f"- [标签]({paths.link(paths.HOME, paths.TAGS)})\n",
           f"- [下载全部数据（JSON）]({paths.link(paths.HOME, paths.DATASET)})\n\n",
           "## 最新文档\n\n",
           doc_list(latest, paths.HOME)]
    return "".join(out)
