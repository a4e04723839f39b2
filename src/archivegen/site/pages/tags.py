"""Tag pages: where each tag chip leads, a page per topic, and the tag index.

Material's tags plugin reads each page's `tags:` and draws the chips; the listings are
built here. Material's own listings do not scale: one listing page holds every document
under every tag (about 6 KB per document: tens of MB at 10,000 documents), and a listing
per tag makes the plugin compare every listing with every page. So a chip for a region,
year, type or person leads to that browse page (it lists the same documents), and a
topic chip to tags/<slug>.md; all of it is linear in the number of tag uses.
"""

from __future__ import annotations

from collections import defaultdict

from archivegen.model import Document
from archivegen.site import paths
from archivegen.site.pages.common import doc_list, esc, front
from archivegen.site.tags import CHARS_PER_USE, MIN_USES, SHORT_TEXT
from archivegen.slug import slugify, unique

# the rule of site/tags.enough, in the readers' words
RULE = f"至少 {MIN_USES} 次，{SHORT_TEXT} 字以下的短文 1 次即可，长文平均每 {CHARS_PER_USE} 字至少 1 次"

# Above this many topics the index lists only topics used by two documents or more
# (the rest are one click away on their document); below it, all.
INDEX_ALL_TOPICS_UP_TO = 500


def tag_targets(docs: list[Document], tags_by_doc: dict[str, list[str]], region_slugs: dict[str, str],
                people: set[str]) -> tuple[dict[str, str], dict[str, list[Document]]]:
    """(tag → page its chip links to, topic → its documents).

    A tag is a facet when it names the document's own region, year, type or a person with
    a page; every other tag (computed topics, contributors' tags) is a topic. A word that
    is a facet for one document stays a facet everywhere (the first meaning wins, and
    documents are visited in a stable order), so one tag never leads to two places."""
    targets: dict[str, str] = {}
    topics: dict[str, list[Document]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.id):
        facets = {}
        if doc.region:
            facets[doc.region] = paths.region(region_slugs.get(doc.region, "other"))
        if doc.year:
            facets[f"{doc.year}年"] = paths.year(doc.year)
        facets[doc.doc_type] = paths.doc_type(doc.doc_type)
        for tag in tags_by_doc.get(doc.id, []):
            if tag in people:
                facets.setdefault(tag, paths.person(tag))
            if tag in facets:
                targets.setdefault(tag, facets[tag])
            else:
                topics[tag].append(doc)
    taken = {slugify(t, 8) for t in targets}                # keeps tags/<slug> free of clashes
    for tag in sorted(topics, key=lambda t: (slugify(t, 8), t)):
        if tag in targets:                                   # a facet elsewhere: one place only
            continue
        targets[tag] = paths.topic(unique(slugify(tag, 8), taken))
    return targets, {t: d for t, d in topics.items() if targets[t].startswith("tags/")}


def topic_pages(topics: dict[str, list[Document]], targets: dict[str, str]) -> dict[str, str]:
    files = {}
    for tag, docs in topics.items():
        page = targets[tag]
        files[page] = (front({"title": tag}) + f"# {esc(tag)}\n\n"
                       f"主题词，见于 {len(docs)} 篇文档：正文用到“{esc(tag)}”（或其同义说法）足够多次的文档都在这里"
                       f"（{RULE}）。\n\n" + doc_list(docs, page))
    return files


def tag_index(topics: dict[str, list[Document]], targets: dict[str, str]) -> str:
    page = paths.TAGS
    out = [front({"title": "标签"}), "# 标签\n\n",
           "文档页顶部的标签按地区、年份、类型、人物和主题词归类，点击即可看到同一标签下的全部文档。"
           "主题词取自审定的词表（常用政策主题、两篇以上文档用到的名词解释术语、通过质量检验的文中短语），"
           f"同义说法合为一个；正文用到某个主题词足够多次（{RULE}）的文档都带这个标签。\n\n",
           "## 地区、年份、类型、人物\n\n",
           f"- [按地区浏览]({paths.link(page, paths.REGIONS)})\n",
           f"- [按年份浏览]({paths.link(page, paths.YEARS)})\n",
           f"- [按类型浏览]({paths.link(page, paths.TYPES)})\n",
           f"- [人物]({paths.link(page, paths.PEOPLE)})\n\n",
           "## 主题词\n\n"]
    minimum = 1 if len(topics) <= INDEX_ALL_TOPICS_UP_TO else 2
    shown = sorted((t for t, d in topics.items() if len(d) >= minimum), key=lambda t: (-len(topics[t]), targets[t]))
    if minimum > 1:
        out.append(f"共 {len(topics)} 个主题词；这里列出见于两篇以上文档的 {len(shown)} 个，按文档数排列。\n\n")
    elif topics:
        out.append(f"共 {len(topics)} 个主题词，按文档数排列。\n\n")
    else:
        out.append("暂无。\n\n")
    if shown:
        out.append(" · ".join(f"[{esc(t)}]({paths.link(page, targets[t])})（{len(topics[t])}）" for t in shown) + "\n")
    return "".join(out)
