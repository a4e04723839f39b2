"""Generated blocks read as XML (site/fragments.py) render as their Markdown did: every page of
the seed site, and random values of every kind escape.esc and escape.code write."""

from __future__ import annotations

import random

import markdown
import pytest
from mkdocs.config import load_config

from archivegen.site import fragments, plain_paragraphs
from archivegen.site.escape import code, esc
from archivegen.site.fragments import FragmentExtension, lines_block, span_html
from archivegen.site.guard import GuardExtension
from archivegen.site.load import load_archive
from archivegen.site.plain_paragraphs import PlainParagraphExtension
from archivegen.site.run import build_site
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def html():
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = [*config["markdown_extensions"], GuardExtension(), PlainParagraphExtension(), FragmentExtension()]
    md = markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"])

    def to_html(text: str) -> str:
        md.reset()
        return md.convert(text.split("\n---\n", 1)[-1])
    return to_html


def test_every_seed_page_renders_as_its_markdown_form(html, monkeypatch):
    archive = load_archive(ROOT / "content")
    fast = build_site(archive).pages
    # the same pages with every block in Markdown: span_html (every page kind asks it) knows nothing
    monkeypatch.setattr(fragments, "span_html", lambda text: None)
    slow = build_site(load_archive(ROOT / "content")).pages
    assert fast.keys() == slow.keys()
    made = 0
    for page in sorted(fast):
        if not page.endswith(".md"):
            continue
        made += fast[page].count(fragments.START)
        assert fragments.START not in slow[page], page
        assert html(fast[page]) == html(slow[page]), page
    assert made > 80           # cards, term lists, people, series, related and document lists


PIECES = ["正文", "。", "（", "）", "(", ")", "*", "_", "`", "``", "\\", "[", "]", "{", "}", "|", "#", "<", ">", "&",
          "&amp;", "&copy;", "&#20013;", "!", "![", "-", "+", ".", "1.", "  ", " ", "\t", "\n", "“", "”", '"', "'",
          "~", "^", ":", "http://x.org/a_b", "<b>", "a_b_c"]


def _value(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES if rng.random() < 0.4 else ["正文", "2024"]) for _ in range(rng.randint(1, 7)))


def test_random_values_render_as_markdown_does(html):
    """esc'd text, links and code spans as a card's values, a list's items and a paragraph's
    lines: whatever span_html turns into XML renders as the Markdown form does."""
    rng = random.Random(20240101)
    converted = 0
    for _ in range(1500):
        kind = rng.choice(["text", "link", "code", "mixed"])
        if kind == "text":
            value = esc(_value(rng))
        elif kind == "link":
            value = f"[{esc(_value(rng))}](../x/{rng.choice(['a', 'b_c', 'd-e'])}.md)"
        elif kind == "code":
            value = code(_value(rng))
        else:
            value = f"{esc(_value(rng))}[{esc(_value(rng))}](y.md){esc(_value(rng))}{code(_value(rng))}"
        if span_html(value) is None:
            continue
        converted += 1
        card_md = f'<dl class="ag-card" markdown="1">\n<dt>值</dt>\n<dd markdown="span">{value}</dd>\n</dl>\n'
        card_xml = fragments.fragment(f'<dl class="ag-card"><dt>值</dt><dd>{span_html(value)}</dd></dl>')
        assert html(card_xml) == html(card_md), value
        for kind in ("ul", "p"):
            lines = [value, "甲[乙](z.md) — 2024"]
            xml = lines_block(lines, kind)
            # spaces at an end: left to Markdown, which strips some of them
            assert xml.startswith(fragments.START) == (value == value.strip())
            monkeypatched = (("\n".join(lines) + "\n\n") if kind == "p" else "".join(f"- {x}\n" for x in lines) + "\n")
            assert html("# 标题\n\n" + xml + "尾。\n") == html("# 标题\n\n" + monkeypatched + "尾。\n"), value
    assert converted > 300


def test_what_span_html_leaves_to_markdown():
    for value in ["*强调*", "_强调_", "<b>粗</b>", "![图](x.png)", "[链接](x y.md)", "&copy;", "a&b", "[]()",
                  "[外[套]](x.md)", "`a&b`", "``"]:
        assert span_html(value) is None, value
    assert span_html(esc("1. 第一 *星* [括] <尖> & 和")) == "1. 第一 *星* [括] &lt;尖&gt; &amp; 和"
    assert span_html("[标题](../a/b.md) — 2024") == '<a href="../a/b.md">标题</a> — 2024'
    assert span_html(code("sha256 abc")) == "<code>sha256 abc</code>"


def test_a_fragment_sits_in_an_aside_and_after_a_heading(html):
    block = lines_block(["[甲](a.md)", "[乙](b.md)"], "ul")
    page = f'<div class="ag-aside" markdown="1">\n\n## 相关文档\n{block}</div>\n'
    out = html(page)
    assert out.count("<li>") == 2 and '<h2 id="相关文档">' in out and out.index("<h2") < out.index("<ul>")
    assert 'class="ag-aside"' in out and "ag-fragment" not in out and "ag:fragment" not in out


def test_nested_lists_render_as_markdown_does(html):
    rng = random.Random(7)
    made = 0
    for _ in range(300):
        items = [(f"[{esc(_value(rng))}](d{i}.md)：{rng.randint(1, 3)} 处", [esc(_value(rng)) for _ in range(rng.randint(0, 3))])
                 for i in range(rng.randint(1, 4))]
        xml = fragments.nested_list(items)
        markdown_form = "".join(f"- {line}\n" + "".join(f"    - {x}\n" for x in subs) for line, subs in items)
        made += xml.startswith(fragments.START)
        page = f'<div class="ag-aside" markdown="1">\n\n## 出现在\n\n{xml}\n\n</div>\n'
        assert html(page) == html(page.replace(xml, markdown_form)), items
    assert made > 60


def test_a_persons_mentions_render_as_markdown_does(html):
    from archivegen.site.pages.people import _mentions

    rng = random.Random(11)
    made = 0
    for _ in range(200):
        items = [(f"[{esc(_value(rng))}](d{i}.md)", esc(_value(rng)) + " · 上海市 · 新闻报道",
                  [esc(_value(rng)) for _ in range(rng.randint(0, 3))]) for i in range(rng.randint(1, 3))]
        fast = _mentions(items)
        slow = "".join(f"- **{link}** — {about}\n\n" + "".join(f"    > {q}\n\n" for q in quotes)
                       for link, about, quotes in items)
        made += fast.startswith(fragments.START)
        page = '<div class="ag-aside" markdown="1">\n\n## 提及此人的文档\n\n{}\n\n</div>\n'
        assert html(page.format(fast)) == html(page.format(slow)), items
    assert made > 50


def test_markers_around_something_else_are_left_to_markdown(html):
    unclosed = f"{fragments.START}\n<p>甲</p>\n\n尾。\n"
    broken = f"{fragments.START}\n<p>甲<b></p>\n{fragments.END}\n\n尾。\n"
    for page in (unclosed, broken):
        out = html(page)
        assert "甲" in out and "尾。" in out and "ag-fragment" not in out
