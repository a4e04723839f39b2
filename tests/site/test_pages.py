"""Every generated page, read as a reader reads it: no doubled quotation marks or stops,
no date note that contradicts itself, no English interface string, no empty section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.pagescan import DOUBLED, empty_sections, read_page

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
# self-contradicting date notes, as the issue found them (原文未印年份，依据“2024年”推断)
CONTRADICTION = re.compile(r"未印年份[^。]*\d{4}年")
# Latin a reader may see in the interface: file names and encodings
LATIN_OK = {"txt", "utf", "json"}


def english_strings() -> set[str]:
    """Material's English interface strings ("Permanent link", "Skip to content" …)."""
    text = (MATERIAL / "en.html").read_text(encoding="utf-8")
    values = re.findall(r'^\s*"[^"]+": "([^"]+)"', text, re.M)
    return {v for v in values if re.search(r"[a-z]{3}", v) and v not in ("en", "ltr")} | {"Not found", "Permanent link"}


def _pages(built_site: Path) -> dict[str, object]:
    site = built_site / "site"
    return {p.relative_to(site).as_posix(): read_page(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def pages(built_site):
    found = _pages(built_site)
    assert len(found) > 100
    return found


def test_no_doubled_quotes_or_stops_and_no_contradicting_date_notes(pages):
    problems = []
    for name, page in pages.items():
        for m in DOUBLED.finditer(page.text):
            problems.append(f"{name}: …{page.text[max(0, m.start() - 20):m.end() + 20]}…")
        for m in CONTRADICTION.finditer(page.text):
            problems.append(f"{name}: {m.group()}")
    assert not problems, problems[:10]


def test_no_english_interface_string(pages):
    english = english_strings()
    assert "Skip to content" in english and "Copy to clipboard" in english
    problems = []
    for name, page in pages.items():
        for s in [*page.ui, page.chrome]:
            for word in re.findall(r"\b[A-Za-z]*[a-z][A-Za-z]*\b", s):
                if len(word) >= 3 and word.lower() not in LATIN_OK:
                    problems.append(f"{name}: {word!r} in {s.strip()[:60]!r}")
        for phrase in english:
            if phrase in page.text or phrase in page.ui:
                problems.append(f"{name}: {phrase!r}")
    assert not problems, problems[:10]


def test_no_empty_section_heading(pages):
    problems = [f"{name}: {p}" for name, page in pages.items() for p in empty_sections(page)]
    assert not problems, problems[:10]


def test_the_scan_finds_what_the_issue_found():
    old = read_page("""<html><body><header><label title="Permanent link">x</label></header>
        <article><h1>标题</h1><p>日期：原文未印年份，依据“2024年”推断；依据““十五五”规划编制”推断</p>
        <h2>引用本文的文档</h2><h2 id="_1"></h2><p>x</p><h2>相关文档</h2></article></body></html>""")
    assert DOUBLED.search(old.text) and CONTRADICTION.search(old.text)
    assert "Permanent link" in old.ui
    assert empty_sections(old) == ["h2 '引用本文的文档' with nothing under it", "h2 without text",
                                   "h2 '相关文档' with nothing under it"]


@pytest.mark.parametrize("evidence,note", [
    ("“十五五”规划编制", "原文未注明日期，年份据文中提到的“十五五”规划编制推断"),
    ("2024年", "原文未注明日期，年份据文中提到的“2024年”推断"),
    ("主题教育", "原文未注明日期，年份据文中提到的“主题教育”推断"),
    ("十二届市委三次、四次全会(同版其他文章)", "原文未注明日期，年份据同版其他文章提到的“十二届市委三次、四次全会”推断"),
    ("(同版其他文章)", "原文未注明日期，年份据同版其他文章推断"),
    (None, "原文未注明日期，年份为编者推断"),
])
def test_date_notes_quote_once_and_never_contradict(evidence, note):
    from archivegen.site.pages.document import inference_note

    assert inference_note(evidence) == note
    assert not DOUBLED.search(note) and not CONTRADICTION.search(note)
