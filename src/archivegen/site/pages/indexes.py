"""Browse pages: home, regions, years, types, compilations, about."""

from __future__ import annotations

from collections import defaultdict

from archivegen.model import Archive, Document
from archivegen.site import paths
from archivegen.site import escape
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


def _facet_pages(archive: Archive, key, label, page_of, index_page: str, title: str, newest_first: bool) -> dict[str, str]:
    """An index page listing the values of one facet (year, type …) with counts, and a page
    per value listing its documents."""
    files = {}
    groups = _grouped(archive.documents, key)
    lines = [front({"title": title}), f"# {title}\n\n"]
    for value in sorted(groups, reverse=newest_first):
        page = page_of(value)
        lines.append(f"- [{esc(label(value))}]({paths.link(index_page, page)})（{len(groups[value])} 篇）\n")
        files[page] = front({"title": label(value)}) + f"# {esc(label(value))}\n\n" + doc_list(groups[value], page)
    files[index_page] = "".join(lines)
    return files


def year_pages(archive: Archive) -> dict[str, str]:
    return _facet_pages(archive, lambda d: d.year or 0, lambda y: f"{y}年" if y else "年份不详",
                        lambda y: paths.year(y or None), paths.YEARS, "按年份浏览", newest_first=True)


def type_pages(archive: Archive) -> dict[str, str]:
    return _facet_pages(archive, lambda d: d.doc_type, str, paths.doc_type, paths.TYPES, "按类型浏览",
                        newest_first=False)


def compilation_pages(archive: Archive) -> dict[str, str]:
    files = {}
    ids = archive.by_id()
    for comp in archive.compilations:
        page = paths.compilation(comp.id)
        m = comp.meta
        parts = m.parts
        present = [p for p in parts if p.document in ids]
        body = [front({"title": m.title}), f"# {esc(m.title)}\n\n",
                f"这是一份汇编：目录列出 {len(parts)} 个部分，本档案收有 {len(present)} 个，缺 {len(parts) - len(present)} 个。\n\n",
                "| 目录所列 | 本档案 |\n|---|---|\n"]
        for p in parts:
            doc = ids.get(p.document)
            cell = f"[{esc(doc.title)}]({paths.link(page, paths.document(doc))})" + ("（不完整）" if not doc.meta.complete else "") if doc else "缺"
            body.append(f"| {esc(p.name)} | {cell} |\n")
        if comp.body.strip():
            body.append("\n## 汇编前言\n\n" + escape.body(comp.body.strip()) + "\n")
        files[page] = "".join(body)
    return files


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
           "报告附录中的名词解释会在所有文档中标注出来，指向或点按带点线的词语即可看到释义。\n\n",
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


def about_page(archive: Archive, repo_url: str = "") -> str:
    """关于本站: what the archive is, how its texts are edited, how to cite them, the data."""
    page = paths.ABOUT
    source = (f"本站的源代码、原始文件和整理后的内容文件都在[项目仓库]({repo_url})中，"
              "任何人都可以核对、复用或提出修改。" if repo_url.startswith(("http://", "https://")) else
              "本站由开源工具 archivegen 从一个内容文件夹生成：原始文件、整理后的文本和名词解释都是普通文件，"
              "任何人拿到这些文件都能重新生成同样的网站。")
    return "".join([
        front({"title": "关于本站"}), "# 关于本站\n\n",
        f"本站收录政府工作报告、传达稿、新闻报道和政策文件的整理本，目前共 {len(archive.documents)} 篇。\n\n",
        "## 整理原则\n\n",
        "每篇文档都由原始文件整理而来：清除网页导航、拼音注音、分页断行、重复粘贴等，改正中文里的半角标点。"
        "整理只删改这些附带的东西，不改动原文的措辞。每一处改动都有记录：文档页的“编辑说明”列出改动的种类和处数，"
        "“整理日志”逐条列出改动的原因、前后文字和所在行，原始文件也可以下载核对。"
        "原文未注明的日期由编者推断，页面上一律标明“推断”并说明依据。\n\n",
        "## 名词解释\n\n",
        f"报告附录中的名词解释汇集在[名词解释]({paths.link(page, paths.GLOSSARY)})中，"
        "并在所有用到这些术语的文档里标注出来：指向或点按带点线的词语即可看到释义。\n\n",
        "## 引用\n\n",
        "每篇文档页的开头都有一条引文，包括讲话人或发文机关、标题、出处、日期、本站地址和访问日期，可以一键复制。"
        "每篇文档还有一个八位的引用码（如文档页信息栏所示），由文档的固定编号算出，不会改变；在搜索框里输入引用码即可找到该文档。\n\n",
        "## 数据\n\n",
        f"全部文档、元数据和正文可以[一次下载（JSON）]({paths.link(page, paths.DATASET)})。\n\n",
        "## 源代码\n\n", source, "\n",
    ])
