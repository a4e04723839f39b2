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
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n?(?P<body>.*)\Z", re.S)

# Section headings of Chinese official documents: "一、…" is a chapter, "(一)…" a section.
# Only short lines without a full stop become headings. A section of a work report often
# runs its heading into its first paragraph ("（一）改革开放持续攻坚突破，引领区建设全面深化。
# 扎实推动…"): that first sentence becomes the heading and the rest the paragraph below
# it (a run-in heading, layout only: body_to_text joins the two back into the one line).
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
    if H3.match(line) and not re.search(r"[；;：:]", line):
        return 3
    return 0


RUN_IN_MAX = 40     # a heading run into its paragraph is one short sentence


def run_in_heading(line: str) -> int:
    """Where a section heading run into its paragraph ends ("（一）…深化。扎实推动…"):
    the length of its first sentence, or 0 when the line does not start with one."""
    if not H3.match(line):
        return 0
    stop = line.find("。")
    if stop < 0 or stop + 1 > RUN_IN_MAX or stop + 1 == len(line) or re.search(r"[；;：:]", line[:stop]):
        return 0
    return stop + 1


def run_in_headings(text: str) -> int:
    """How many run-in headings render_body sets apart in `text` (a layout change)."""
    return sum(1 for raw in text.split("\n") if not heading_level(raw.strip()) and run_in_heading(raw.strip()))


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
        cut = 0 if level else run_in_heading(line)
        if cut:
            out.append("### " + _escape(line[:cut]))
            line = line[cut:]
        out.append(("#" * level + " " if level else "") + _escape(line))
    return "\n\n".join(out) + "\n"


def is_run_in(block: str) -> bool:
    """A heading block that render_body split off the paragraph after it: no heading of
    a line of its own holds a full stop, so one that ends with 。 is run in."""
    return bool(re.match(r"^#{1,6}\s", block)) and block.rstrip().endswith("。")


def body_to_text(body: str) -> str:
    """Markdown body → plain text lines (inverse of render_body)."""
    out = []
    run_in = False
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if not block:
            continue
        joins = run_in
        run_in = is_run_in(block)
        block = _unescape(re.sub(r"^#{1,6}\s+", "", block))
        if joins:
            out[-1] += block
        else:
            out.append(block)
    return "\n".join(out)


def dump_yaml(data, flow: bool | None = False) -> str:
    """YAML as archivegen writes it everywhere (UTF-8 text, keys in order, long lines)."""
    return yaml.dump(data, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=flow)


def dump(meta: dict, body: str) -> str:
    return f"---\n{dump_yaml(meta, flow=None)}---\n\n{body}"


def parse(text: str, path: Path | str = "<text>") -> tuple[dict, str]:
    """Split a Markdown file into (front matter, body); errors name the file and line."""
    meta_text, body = split_front(text, path)
    return load_front(meta_text, path), body


def split_front(text: str, path: Path | str = "<text>") -> tuple[str, str]:
    """A Markdown file → (the YAML text of its front matter, its body)."""
    m = FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        raise FrontMatterError(f"{path}:1: no YAML front matter (the file must start with a '---' line)")
    return m.group("meta"), m.group("body").lstrip("\n")


def load_front(meta_text: str, path: Path | str = "<text>") -> dict:
    """The YAML of a front matter → its mapping; errors name the file and line."""
    try:
        meta = yaml.load(meta_text, Loader=SafeLoader) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise FrontMatterError(f"{path}:{line}: front matter is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"{path}:2: front matter must be a mapping of keys to values")
    return meta


def read(path: Path) -> tuple[dict, str]:
    return parse(read_text(path), path)


def read_text(path: Path) -> str:
    """A Markdown file's text; not UTF-8 is a FrontMatterError naming the byte."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
