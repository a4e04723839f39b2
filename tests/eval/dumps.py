"""Text dumps of web pages, the way real archives hold them, each with the truth of its page.

Four kinds, all deterministic (the only randomness is seeded by the page's name):

  innertext   a browser's innerText / "select all, copy": block elements on their own
              lines, navigation and footers included, scripts and styles not
  html2text   an HTML-to-text converter's output: Markdown-ish markers (# headings,
              * list items, **bold**, [link](url) lines, ![image](src)), and residue a
              converter leaves: literal &nbsp;, <!-- comments -->, stray <font>/<u> tags
  saved2x     the page's innerText saved two or three times into one file
  multipage   an article split over 2–4 pages saved one after another, each page with the
              site's chrome and a pagination line (上一页 1 2 3 下一页)

Each variant is written in one of UTF-8, GBK, GB18030, UTF-8 with BOM, with LF or CRLF
line ends, rotating over pages and kinds so every kind meets every encoding.

`python -m tests.eval.dumps --write-sample` regenerates the committed synthetic cases in
tests/data/govcn-sample/dumps/ from the committed sample pages.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from tests.eval.htmltext import BLOCK, HIDDEN, VOID, squash, visible_lines

KINDS = ("innertext", "html2text", "saved2x", "multipage")
ENCODINGS = (("utf-8", "\n"), ("gbk", "\r\n"), ("gb18030", "\n"), ("utf-8-sig", "\r\n"))
STRAY = frozenset("font u center sup sub".split())   # tags converters pass through as text


@dataclass(frozen=True)
class Variant:
    name: str            # file name given to the importer
    kind: str
    encoding: str        # as written (GBK falls back to GB18030 for characters it lacks)
    newline: str
    data: bytes
    source: str          # the page it was made from
    corpus: str          # "govcn" or "news"
    truth: dict          # that page's truth record


# ------------------------------------------------------------------ html2text-like

class _Markdownish(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)   # so &nbsp; can stay as written
        self.stack: list[str] = []
        self.hidden = 0
        self.link: tuple[int, str] | None = None  # (number, href) of the open <a>
        self.links = 0
        self.pieces: list[tuple[str, tuple[int, str] | None]] = []
        self.out: list[str] = []

    def _add(self, text: str) -> None:
        if self.hidden <= 0:
            self.pieces.append((text, self.link))

    def _flush(self) -> None:
        pieces, self.pieces = self.pieces, []
        text = " ".join("".join(p for p, _ in pieces).split())
        if not text:
            return
        if all(link or not p.strip() for p, link in pieces):
            # a line made only of links (menus, related lists) is written [text](url) each
            groups: dict[tuple[int, str], str] = {}
            for p, link in pieces:
                if link:
                    groups[link] = groups.get(link, "") + p
            text = " ".join(f"[{' '.join(t.split())}]({link[1]})" for link, t in groups.items() if t.strip())
        tag = next((t for t in reversed(self.stack) if t in BLOCK), "")
        if tag[:1] == "h" and tag[1:].isdigit():
            text = "#" * int(tag[1:]) + " " + text
        elif tag == "li":
            text = "* " + text
        self.out.append(text)

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in BLOCK:
            self._flush()
        if tag == "img" and self.hidden <= 0 and a.get("src"):
            self._flush()
            self.out.append(f"![{a.get('alt', '')}]({a['src']})")
        if tag in STRAY:
            self._add(self.get_starttag_text() or "")
        if tag in ("b", "strong"):
            self._add("**")
        if tag in VOID:
            return
        self.stack.append(tag)
        self.hidden += tag in HIDDEN
        if tag == "a" and a.get("href"):
            self.links += 1
            self.link = (self.links, a["href"])

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in STRAY:
            self._add(f"</{tag}>")
        if tag in ("b", "strong"):
            self._add("**")
        if tag == "a":
            self.link = None
        if tag in BLOCK:
            self._flush()
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.hidden -= top in HIDDEN
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        self._add(data)

    def handle_entityref(self, name: str) -> None:
        self._add("&nbsp;" if name == "nbsp" else unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._add(unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        if self.hidden <= 0 and "body" in self.stack:
            self._flush()
            self.out.append("<!-- " + " ".join(data.split())[:60] + " -->")

    def close(self) -> None:
        super().close()
        self._flush()


def html2text(html: str) -> str:
    p = _Markdownish()
    p.feed(html)
    p.close()
    return "\n\n".join(p.out) + "\n"


# ------------------------------------------------------------------ the other kinds

def innertext(html: str) -> str:
    return "\n".join(visible_lines(html)) + "\n"


def saved_again(text: str, times: int) -> str:
    return "\n\n".join([text.rstrip("\n")] * times) + "\n"


def article_span(lines: list[str], first: str, last: str, reference: str | None = None) -> tuple[int, int] | None:
    """Indices of the lines holding the article's first and last sentence.

    A page may print the opening words twice (an info table's 标题 row, a signature that
    repeats the issuer): with a reference text the candidate span closest to it wins, else
    the last opening before the end.
    """
    f, l = squash(first)[:30], squash(last)[-30:]
    b = next((i for i in range(len(lines) - 1, -1, -1) if l in squash(lines[i])), None)
    if b is None:
        return None
    starts = [i for i in range(b + 1) if f in squash(lines[i])]
    if not starts:
        return None
    if reference is None:
        return starts[-1], b
    from tests.eval.metrics import Overlap
    return max(((a, b) for a in starts), key=lambda s: (Overlap.of("\n".join(lines[s[0]:s[1] + 1]), reference).f1, s[0]))


def pagination(pages: int) -> str:
    return "上一页 " + " ".join(str(i + 1) for i in range(pages)) + " 下一页"


def multipage(lines: list[str], span: tuple[int, int], pages: int) -> str:
    """The article's paragraphs over `pages` pages of similar length, each with the chrome."""
    a, b = span
    before, article, after = lines[:a], lines[a:b + 1], lines[b + 1:]
    pages = max(1, min(pages, len(article)))
    total = sum(len(x) for x in article)
    cuts, run = [], 0
    for i, line in enumerate(article[:-1]):
        run += len(line)
        if len(cuts) < pages - 1 and run >= total * (len(cuts) + 1) / pages:
            cuts.append(i + 1)
    bounds = [0, *cuts, len(article)]
    out = []
    for k in range(len(bounds) - 1):
        out.append("\n".join(before + article[bounds[k]:bounds[k + 1]] + [pagination(len(bounds) - 1)] + after))
    return "\n\n".join(out) + "\n"


# ------------------------------------------------------------------ a PDF's text layer

PDF_WIDTHS = (28, 32, 36, 40)    # characters a printed line holds (28: the official document format)
PDF_PAGE_LINES = (22, 30, 40)    # printed lines a page holds
PDF_NUMBERS = ("— {} —", "- {} -", "{}", "第{}页")


def pdf_text(clean: str, seed: str, running_head: bool) -> str:
    """A document as the text layer of its PDF: every printed line ends in a newline (a
    paragraph's first line indented or not), the page number after each page (in one of the
    usual styles), a form feed between some pages, and, when `running_head`, the title atop
    every page after the first. Deterministic: the choices are drawn from `seed`."""
    rng = random.Random(seed)
    width, per_page, style = rng.choice(PDF_WIDTHS), rng.choice(PDF_PAGE_LINES), rng.choice(PDF_NUMBERS)
    printed = []
    for para in (p.strip() for p in clean.split("\n")):
        if para:
            s = ("\u3000\u3000" if rng.random() < 0.5 else "") + para
            printed += [s[i:i + width] for i in range(0, len(s), width)]
    title = clean.strip().split("\n")[0]
    out = []
    for k in range(0, len(printed), per_page):
        if running_head and k:
            out.append(title)
        out += printed[k:k + per_page]
        out += [style.format(k // per_page + 1), "\f" if rng.random() < 0.3 else ""]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ an aggregator's pinyin

PINYIN_STYLES = ("plain", "tone", "digit", "word")
PINYIN_SHARE = 0.05              # characters given a reading
_HAN = re.compile(r"[\u4e00-\u9fff]")


def pinyin_copy(clean: str, seed: str, style: str) -> str:
    """A document as an aggregator copies it, readings in brackets after some characters:
    人(ren) ("plain"), 人（rén） ("tone"), 人(ren2) ("digit"), or after a word, 政府(zhèng fǔ)
    ("word"). Deterministic (the characters are drawn from `seed`)."""
    from pypinyin import Style, pinyin

    rng = random.Random(seed + style)
    kind = {"plain": Style.NORMAL, "tone": Style.TONE, "digit": Style.TONE3, "word": Style.TONE}[style]
    out, i = [], 0
    while i < len(clean):
        ch = clean[i]
        if not (_HAN.match(ch) and rng.random() < PINYIN_SHARE):
            out.append(ch)
            i += 1
            continue
        n = 2 if style == "word" and i + 1 < len(clean) and _HAN.match(clean[i + 1]) else 1
        word = clean[i:i + n]
        reading = " ".join(x[0] for x in pinyin(word, style=kind))
        left, right = ("（", "）") if rng.random() < 0.5 else ("(", ")")
        out.append(f"{word}{left}{reading}{right}")
        i += n
    return "".join(out)


# ------------------------------------------------------------------ a compilation

COMPILATION_SIZE = 4
COMPILATION_BREAKS = ("\n\n", "\n\n\n", "\n\n——————————\n\n", "\n\n* * *\n\n")


def compilation(texts: list[tuple[str, str]], seed: str, toc: bool) -> str:
    """Documents (title, clean text) one after another in one file, as a compilation prints
    them: a break between them (blank lines, a rule, asterisks), and with `toc` a table of
    contents first (目  录, each title, leader dots, a page)."""
    rng = random.Random(seed)
    head = ""
    if toc:
        head = "目  录\n" + "\n".join(f"{title}……………{5 * k + 1}" for k, (title, _) in enumerate(texts)) + "\n\n"
    return head + rng.choice(COMPILATION_BREAKS).join(text.strip() for _, text in texts) + "\n"


def speech_compilation(items: list[dict]) -> str:
    """Speeches one after another as a compilation prints them: the title, the date alone in
    brackets (the day it was published), then the paragraphs (the stored text's runs of
    full-width spaces mark where they start)."""
    out = []
    for it in items:
        y, m, d = (int(x) for x in it["publication"][:10].split("-"))
        paragraphs = [p.strip() for p in re.split(r"[\u2003\u3000]{2,}", it["text"]) if p.strip()]
        out.append("\n".join([it["title"], f"（{y}年{m}月{d}日）", *paragraphs]))
    return "\n\n".join(out) + "\n"


# ------------------------------------------------------------------ a glossary appendix

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_CN_NUMBERS = "一二三四五六七八九十"
GLOSSARY_STYLES = {
    "1、term：": lambda i, t, d: f"{i}、{t}：{d}",
    "1. term / definition": lambda i, t, d: f"{i}. {t}\n{d}",
    "【term】": lambda i, t, d: f"【{t}】{d}",
    "term：": lambda i, t, d: f"{t}：{d}",
    "①term：": lambda i, t, d: f"{_CIRCLED[i - 1]}{t}：{d}",
    "一、term：": lambda i, t, d: f"{_CN_NUMBERS[i - 1]}、{t}：{d}",
    "1．“term”：": lambda i, t, d: f"{i}．“{t}”：{d}",
}
GLOSSARY_TERMS = 5


def with_glossary(clean: str, seed: str, style: str) -> tuple[str, list[str]]:
    """A document with a 名词解释 appendix of GLOSSARY_TERMS entries in one of the ways
    appendices print them (GLOSSARY_STYLES), and the terms: phrases of the text itself,
    drawn from `seed`."""
    rng = random.Random(seed)
    phrases = sorted(set(re.findall(r"[\u4e00-\u9fff]{4,6}", clean)))
    rng.shuffle(phrases)
    terms = phrases[:GLOSSARY_TERMS]
    entry = GLOSSARY_STYLES[style]
    lines = [entry(i + 1, t, f"指{t}的有关工作安排和制度措施，是本文件提出的重要内容。") for i, t in enumerate(terms)]
    return clean.strip() + "\n附件\n名词解释\n" + "\n".join(lines) + "\n", terms


def encode(text: str, encoding: str, newline: str) -> tuple[bytes, str]:
    text = text.replace("\n", newline)
    try:
        return text.encode(encoding), encoding
    except UnicodeEncodeError:
        return text.encode("gb18030"), "gb18030"   # GBK lacks the character; GB18030 has all


def page_variants(index: int, source: str, html: str, first: str, last: str,
                  corpus: str, truth: dict, reference: str | None = None) -> list[Variant]:
    """The four dumps of one page. `first`/`last` locate the article for `multipage`."""
    rng = random.Random(source)          # str seed: the same on every run and machine
    text = innertext(html)
    lines = text.rstrip("\n").split("\n")
    span = article_span(lines, first, last, reference) or (0, len(lines) - 1)
    stem = source.rsplit(".", 1)[0]
    made = {
        "innertext": text,
        "html2text": html2text(html),
        "saved2x": saved_again(text, rng.choice((2, 3))),
        "multipage": multipage(lines, span, rng.choice((2, 3, 4))),
    }
    out = []
    for k, kind in enumerate(KINDS):
        encoding, newline = ENCODINGS[(index + k) % len(ENCODINGS)]
        data, used = encode(made[kind], encoding, newline)
        crlf = ".crlf" if newline == "\r\n" else ""
        name = f"{stem}.{kind}.{used}{crlf}.txt"
        out.append(Variant(name, kind, used, newline, data, source, corpus, truth))
    return out


def decode_page(data: bytes) -> str:
    """The corpora's pages are UTF-8 (their meta charset says so)."""
    return data.decode("utf-8-sig", errors="replace")


def govcn_variants(pages) -> list[Variant]:
    out = []
    for i, page in enumerate(pages):
        clean = [x for x in page.truth["clean_text"].split("\n") if x.strip()]
        out += page_variants(i, page.name, decode_page(page.data), clean[0], clean[-1], "govcn", page.truth,
                             page.truth["clean_text"])
    return out


def news_variants(pages) -> list[Variant]:
    out = []
    for i, page in enumerate(pages):
        t = page.truth
        out += page_variants(i, page.name, decode_page(page.data), t["first"], t["last"], "news", t)
    return out


def read_dumps(folder, pages) -> list[Variant]:
    """The committed dumps (see write_sample), with the truth of the pages they came from."""
    truth = {p.name.rsplit(".", 1)[0]: p for p in pages}
    out = []
    for path in sorted(folder.glob("*.txt")):
        stem, kind, encoding, *rest = path.name[:-len(".txt")].split(".")
        page = truth[stem]
        out.append(Variant(path.name, kind, encoding, "\r\n" if rest == ["crlf"] else "\n", path.read_bytes(),
                           page.name, "govcn", page.truth))
    return out


def write_sample() -> None:
    """Regenerate tests/data/govcn-sample/dumps/ from the committed sample pages."""
    from tests.eval.corpora import GOVCN_SAMPLE, GovPage
    import json

    truth = json.loads((GOVCN_SAMPLE / "truth.json").read_text(encoding="utf-8"))
    pages = [GovPage(n, (GOVCN_SAMPLE / "pages" / n).read_bytes(), truth[n]) for n in sorted(truth)]
    target = GOVCN_SAMPLE / "dumps"
    target.mkdir(exist_ok=True)
    for old in target.glob("*.txt"):
        old.unlink()
    for v in govcn_variants(pages):
        (target / v.name).write_bytes(v.data)
    print(f"wrote {len(pages) * len(KINDS)} dumps to {target}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-sample"]:
        write_sample()
    else:
        print(__doc__)
