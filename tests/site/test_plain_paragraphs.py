"""Plain paragraphs made without Markdown's inline pass (site/plain_paragraphs.py) give the
HTML the full Markdown form gives: over the seed site's pages, the State Council corpus's
texts with term links, and random paragraphs built from every character Markdown reads."""

from __future__ import annotations

import random
import re

import markdown
import pytest
from mkdocs.config import load_config

from archivegen.markdown_io import render_body
from archivegen.site import anchors
from archivegen.site.anchors import add_paragraph_anchors
from archivegen.site.guard import GuardExtension
from archivegen.site.plain_paragraphs import PlainParagraphExtension, is_plain, pilcrow
from tests.conftest import ROOT
from tests.eval.corpora import govcn_pages

# a paragraph written plain: no ¶ link in its text
PLAIN_BLOCK = re.compile(r"^(?P<text>(?:(?!ag-pilcrow)[^\n])+)\n\{: #(?P<id>p-[0-9a-f]{8}(?:-\d+)?) \}$", re.M)


@pytest.fixture(scope="module")
def html():
    config = load_config(str(ROOT / "mkdocs.yml"))

    def to_html(text: str, fast: bool) -> str:
        extensions = [*config["markdown_extensions"], GuardExtension()]
        if fast:
            extensions.append(PlainParagraphExtension())
        return markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"]).convert(text)
    return to_html


def full_form(page: str) -> str:
    """A page's Markdown with every plain paragraph written as before: ¶ link as inline HTML."""
    return PLAIN_BLOCK.sub(lambda m: f"{m['text']}{pilcrow(m['id'])}\n{{: #{m['id']} }}", page)


def test_the_seed_sites_document_pages_render_the_same(built_site, html):
    pages = sorted((built_site / "build" / "documents").rglob("*.md"))
    assert len(pages) >= 10
    plain = paragraphs = 0
    for path in pages:
        page = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        plain += len(PLAIN_BLOCK.findall(page))
        paragraphs += page.count("\n{: #p-")
        assert html(page, fast=True) == html(full_form(page), fast=False), path.name
    # most paragraphs are plain, and the ones with term links are among them
    assert plain > 0.75 * paragraphs > 200, (plain, paragraphs)
    assert any("{ .ag-term }" in m["text"] for path in pages
               for m in PLAIN_BLOCK.finditer(path.read_text(encoding="utf-8")))


def _with_terms(body: str, terms: list[str]) -> str:
    for i, term in enumerate(terms):
        body = body.replace(term, f"[{term}](../../glossary/t{i}.md){{ .ag-term }}", 1)
    return body


def test_official_texts_with_term_links_render_the_same(html):
    """Real text the fast path was not written for: each State Council document's clean
    text as a body, its frequent words made term links."""
    compared = plain = 0
    for page in govcn_pages():
        text = page.truth["clean_text"]
        body = render_body(text)
        annotated = _with_terms(body, ["国务院", "人民政府", "监管", "企业", "服务"])
        new = add_paragraph_anchors(body, annotated)
        plain += len(PLAIN_BLOCK.findall(new))
        assert html(new, fast=True) == html(full_form(new), fast=False), page.name
        compared += 1
    assert compared >= 5 and plain > 50


# every character some Markdown reads, and the block starts of mkdocs.yml's extensions
PIECES = ["正文", "。", "，", "2020年", "1.", "1. ", "- ", "* ", "+ ", "> ", "# ", "## ", "!!! ", "??? ",
          "|", "`", "*", "**", "_", "__", "[", "]", "(", ")", "<", ">", "&", "&amp;", "!", "{", "}",
          "{: .x }", "\\", "~", "^", "=", "  ", " ", "\t", "---", "***", "http://example.org", "<b>",
          "[x](y)", "![x](y)", "`代码`", " _强调_ ", "a_b_c", " *强调* ", "<br>", "&#20013;", "*[正文]: 缩写", "[链接]: http://x", "“引号”", "'", '"', ":", "?", "#"]


def test_random_paragraphs_render_the_same(html):
    """Whatever is_plain lets through, the extension makes as Markdown would: paragraphs
    from random pieces, term links among them (a character missing from is_plain's list
    fails this)."""
    rng = random.Random(20240101)
    let_through = 0
    for _ in range(4000):
        pieces = [rng.choice(PIECES if rng.random() < 0.3 else ["正文", "。"]) for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.4:
            pieces.insert(rng.randint(0, len(pieces)), "[名词](../glossary/x.md){ .ag-term }")
        text = "".join(pieces)
        if "\n" in text or not text.strip():
            continue
        pid = "p-0123abcd"
        if not is_plain(text):
            continue
        let_through += 1
        page = f"# 标题\n\n{text}\n{{: #{pid} }}\n\n另一段。\n"
        assert html(page, fast=True) == html(full_form(page), fast=False), text
    assert let_through > 300


def test_what_is_not_plain_is_left_to_markdown():
    for text in ["正文*强调*", "正文[链接](x)", "- 列表", "1. 列表", "> 引用", "# 标题", "    代码", "正文<b>粗</b>",
                 "正文&amp;", "!!! note", "正文{: .x }", "正文  ", "*[缩写]: 全称", "正文\\。", "|表|格|", "---"]:
        assert not is_plain(text), text
    for text in ["正文。", "2020年是开局之年。", "1.5亿元（含）", "正文[名词](../../glossary/x.md){ .ag-term }。",
                 "(一)总体要求"]:
        assert is_plain(text), text


def test_a_page_with_abbreviations_keeps_them(html):
    page = "正文 ABC 正文。\n{: #p-0123abcd }\n\n*[ABC]: 一个缩写\n"
    assert "<abbr" in html(page, fast=True)
    assert html(page, fast=True) == html(full_form(page), fast=False)


def test_anchors_write_plain_paragraphs_without_the_link(monkeypatch):
    body = render_body("第一段正文。\n第二段有*星号*。")
    out = add_paragraph_anchors(body, body)
    first, second = out.strip().split("\n\n")
    assert PLAIN_BLOCK.fullmatch(first) and "ag-pilcrow" not in first
    assert "ag-pilcrow" in second                   # escaped Markdown: the full form
    monkeypatch.setattr(anchors, "is_plain", lambda text: False)
    assert "ag-pilcrow" in add_paragraph_anchors(body, body).split("\n\n")[0]
