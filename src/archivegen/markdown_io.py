"""Markdown files with YAML front matter: the one format of content/.

`render_body` turns cleaned text into Markdown deterministically (one paragraph per line,
numbered section headings as Markdown headings); `body_to_text` is its inverse, used by the
replay test and by the site to get the plain text back.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

# libyaml's loader when PyYAML was built with it (it is in the wheels): the same safe
# constructors, ten times faster than the pure-Python one on thousands of front matters
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n?(?P<body>.*)\Z", re.S)

# Section headings of Chinese official documents: "一、…" is a chapter, "(一)…" a section.
# Only short lines without a full stop become headings; a paragraph that merely starts
# with "(一)" stays a paragraph.
H2 = re.compile(r"^([一二三四五六七八九十]+、|附件\s*\d*[:：]?$|第[一二三四五六七八九十百]+[章部分])")
H3 = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
GLOSSARY_HEADING = re.compile(r"^(《[^》]{2,20}》)?(有关内容)?(名词解释|名词注释|注释|注解)[:：]?$")
_ESCAPE_START = re.compile(r"^(\d+)\.(\s)|^([#>+*-])|^(=+|-+)$")


class FrontMatterError(ValueError):
    pass


def _escape(line: str) -> str:
    line = line.replace("\\", "\\\\").replace("*", "\\*").replace("<", "&lt;").replace("_", "\\_")
    line = line.replace("[", "\\[").replace("]", "\\]").replace("`", "\\`")
    m = _ESCAPE_START.match(line)
    if m:
        if m.group(1):
            line = f"{m.group(1)}\\.{line[len(m.group(1)) + 1:]}"
        else:
            line = "\\" + line
    return line


def _unescape(line: str) -> str:
    line = line.replace("&lt;", "<")
    return re.sub(r"\\(.)", r"\1", line)


def heading_level(line: str) -> int:
    """2 or 3 for a line that is a section heading, else 0."""
    if len(line) > 40 or "。" in line:
        return 0
    if GLOSSARY_HEADING.match(line) or H2.match(line):
        return 2
    if H3.match(line) and len(line) <= 30 and not re.search(r"[，,；]", line[4:]):
        return 3
    return 0


def escape_lines(text: str) -> str:
    """Plain text as Markdown that shows it literally, line by line (a glossary
    definition: 2*3 or A_B stay what they are, never emphasis)."""
    return "\n".join(_escape(line.strip()) for line in text.strip().split("\n")) + "\n"


def render_body(text: str) -> str:
    """Cleaned text → Markdown body (paragraph per non-blank line)."""
    out = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        level = heading_level(line)
        out.append(("#" * level + " " if level else "") + _escape(line))
    return "\n\n".join(out) + "\n"


def body_to_text(body: str) -> str:
    """Markdown body → plain text lines (inverse of render_body)."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if not block:
            continue
        block = re.sub(r"^#{1,6}\s+", "", block)
        out.append(_unescape(block))
    return "\n".join(out)


def dump(meta: dict, body: str) -> str:
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return f"---\n{head}---\n\n{body}"


def parse(text: str, path: Path | str = "<text>") -> tuple[dict, str]:
    """Split a Markdown file into (front matter, body); errors name the file and line."""
    m = FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        raise FrontMatterError(f"{path}:1: no YAML front matter (the file must start with a '---' line)")
    try:
        meta = yaml.load(m.group("meta"), Loader=SafeLoader) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise FrontMatterError(f"{path}:{line}: front matter is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"{path}:2: front matter must be a mapping of keys to values")
    return meta, m.group("body").lstrip("\n")


def read(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse(text, path)
