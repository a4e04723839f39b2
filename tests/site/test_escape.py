"""Content strings through Markdown as the site renders them (site/escape.py, site/guard.py):
shown exactly, never a tag, an attribute, a link or a script; and raw files published as
downloads a browser shows as text (paths.source_file). test_xss.py checks the same in a
built site, in Chromium."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest

from archivegen.site import escape
from archivegen.site.guard import GuardExtension, safe_url, tooltip

# mkdocs.yml's extensions (MkDocs adds toc, tables and fenced_code itself) and the guard
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code", "pymdownx.details",
              GuardExtension()]

SAMPLES = [
    "关于<img src=x onerror=alert(1)>的通知",
    '"><script>alert(1)</script>',
    "<svg onload=alert(1)>计划",
    "标题 {: onclick=alert(1) }",
    "{: #id .cls onclick=alert(1) }",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "R&D &lt; &amp; &#60;",
    "*强调* _下划线_ `代码` ``两个``",
    "a | b \\ c",
    "# 不是标题 #",
    "- 不是列表",
    "1. 不是编号",
    "> 不是引文",
    "<!-- 注释 -->",
    "第一行\n\n<script>alert(1)</script>\n第三行",
    "[x]: javascript:alert(1)",
    "<https://example.org>",
]


class _Tree(HTMLParser):
    """Tags, attributes and text of an HTML fragment, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def parse(fragment: str) -> _Tree:
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    return tree


def render(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(source)


@pytest.mark.parametrize("text", SAMPLES)
def test_esc_shows_the_text_exactly_in_every_inline_place(text):
    shown = escape.one_line(text)
    for source, tags in ((f"# {escape.esc(text)}", ["h1"]),
                         (f"- [{escape.esc(text)}](page.md)", ["ul", "li", "a"]),
                         (f"| a |\n|---|\n| {escape.esc(text)} |", ["table", "thead", "tr", "th", "tbody", "tr", "td"]),
                         (f'<dl markdown="1">\n<dd markdown="span">{escape.esc(text)}</dd>\n</dl>', ["dl", "dd"])):
        tree = parse(render(source))
        assert [t for t, _ in tree.tags] == tags, source
        assert shown in tree.text, source
        assert all(set(attrs) <= {"id", "href"} for _, attrs in tree.tags), tree.tags


@pytest.mark.parametrize("text", SAMPLES)
def test_code_and_html_text_show_the_text_exactly(text):
    tree = parse(render(f"地址：{escape.code(text)}"))
    assert [t for t, _ in tree.tags] == ["p", "code"]
    assert tree.text == "地址：" + escape.one_line(text).strip()
    tree = parse(render(f'<p class="ag-kicker">{escape.html_text(text)}</p>\n'))
    assert tree.tags == [("p", {"class": "ag-kicker"})]
    assert tree.text == text


@pytest.mark.parametrize("text", SAMPLES)
def test_a_link_title_reaches_materials_tooltip_as_text(text):
    """Material's content.tooltips inserts the title attribute with innerHTML: parsed as
    HTML once more, it must give the text back, with no tag."""
    tree = parse(render(f'[词](page.md "{escape.link_title(text)}")'))
    (tag, attrs), = tree.tags[1:]
    assert tag == "a" and attrs["href"] == "page.md"
    inner = parse(attrs["title"])              # what the tooltip's innerHTML makes of it
    assert inner.tags == []
    assert inner.text == escape.one_line(text)


def test_a_body_keeps_markdown_but_no_markup_or_attribute_lists():
    body = ("段落 *强调* [链接](other.md)\n{: onclick=alert(1) }\n\n<script>alert(2)</script>\n\n"
            '<div markdown="1" onclick="alert(3)">块</div>\n\n## 小节 {: onclick=alert(4) }\n\n'
            "\\{: 已转义 \\}\n\n[坏](javascript:alert(5)) [也坏](&#106;avascript:alert(6)) "
            "[还坏](java&#x09;script:alert(7)) ![图](data:text/html,x) [好](https://example.org) [邮件](mailto:a@b.c)\n")
    out = render(escape.body(body))
    tree = parse(out)
    assert [t for t, _ in tree.tags] == ["p", "em", "a", "p", "p", "h2", "p", "p", "a", "a", "a", "img", "a", "a"]
    assert not [a for _, attrs in tree.tags for a in attrs if a.startswith("on")]
    hrefs = [attrs.get("href") for t, attrs in tree.tags if t == "a"]
    assert hrefs == ["other.md", None, None, None, "https://example.org", "mailto:a@b.c"]
    assert "src" not in tree.tags[11][1]
    for shown in ("{: onclick=alert(1) }", "<script>alert(2)</script>", '<div markdown="1" onclick="alert(3)">块</div>',
                  "小节 {: onclick=alert(4) }", "{: 已转义 }"):
        assert shown in tree.text, shown


def test_plain_reads_a_markdown_fragment_back():
    assert escape.plain("\\*强调\\* &lt;img&gt; R&amp;D \\[1\\]") == "*强调* <img> R&D [1]"


@pytest.mark.parametrize("url,safe", [
    ("page.md", True), ("../x/", True), ("#p-1", True), ("https://example.org/a:b", True), ("mailto:a@b.c", True),
    ("javascript:alert(1)", False), (" JaVaScRiPt:alert(1)", False), ("java\tscript:alert(1)", False),
    ("&#106;avascript:alert(1)", False), ("javascript&colon;alert(1)", False), ("data:text/html,x", False),
    ("vbscript:x", False),
])
def test_safe_url(url, safe):
    assert safe_url(url) is safe


def test_tooltip_escapes_what_the_browser_reads():
    assert tooltip("a &quot;b&quot; <i> R&D") == html.escape(html.escape('a "b" <i> R&D', quote=False), quote=False)
    assert tooltip("本段链接") == "本段链接"


@pytest.mark.parametrize("rel,published", [
    ("sources/a.txt", "downloads/sources/a.txt"),
    ("sources/a.TXT", "downloads/sources/a.TXT"),
    ("sources/a.txt.edits.json", "downloads/sources/a.txt.edits.json"),
    ("sources/page.html", "downloads/sources/page.html.txt"),
    ("sources/page.html.edits.json", "downloads/sources/page.html.edits.json"),
    ("sources/x.SVG", "downloads/sources/x.SVG.txt"),
    ("sources/x.xhtml", "downloads/sources/x.xhtml.txt"),
    ("sources/x.md", "downloads/sources/x.md.txt"),
    ("sources/x", "downloads/sources/x.txt"),
])
def test_raw_files_are_published_as_text(rel, published):
    """A raw file is offered for download, never opened as a page of the site."""
    from archivegen.site import paths

    assert paths.source_file(rel) == published


def test_two_raw_files_published_under_one_name_stop_the_build(tmp_path):
    from archivegen import site

    content = tmp_path / "content"
    (content / "documents").mkdir(parents=True)
    (content / "sources").mkdir()
    (content / "sources" / "a.html").write_bytes(b"<p>x</p>")
    (content / "sources" / "a.html.txt").write_bytes(b"x")
    with pytest.raises(site.ContentError, match=r"a\.html\.txt"):
        site.build(content, tmp_path / "build")
