"""Where each generated page lives in build/, and relative links between them.

Every page path is a POSIX path relative to build/ ending in .md; MkDocs turns it into a URL
and (in strict mode) checks every link we write between pages.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

from archivegen.slug import slugify

HOME = "index.md"
REGIONS = "regions/index.md"
YEARS = "years/index.md"
TYPES = "types/index.md"
PEOPLE = "people/index.md"
GLOSSARY = "glossary/index.md"
TAGS = "tags/index.md"
DATASET = "downloads/archive.json"
ABOUT = "about.md"
# jieba's user dictionary: glossary terms and names (a dot file: MkDocs does not publish it)
JIEBA_USERDICT = ".jieba_userdict.txt"


def document(doc) -> str:
    return doc.rel  # documents/<region>/<id>.md, as in content/


def region(slug: str) -> str:
    return f"regions/{slug}.md"


def year(y: int | None) -> str:
    return f"years/{y if y else 'undated'}.md"


def doc_type(name: str) -> str:
    return f"types/{slugify(name, 6)}.md"


def person(name: str) -> str:
    return f"people/{slugify(name, 4)}.md"


def term(entry_id: str) -> str:
    return f"glossary/{entry_id}.md"


def topic(slug: str) -> str:
    return f"tags/{slug}.md"


def compilation(comp_id: str) -> str:
    return f"compilations/{comp_id}.md"


# Files published under their own names: a browser shows them (text/plain, application/json)
# and never runs them, from any static server.
INERT_SUFFIXES = (".txt", ".json")


def source_file(rel: str) -> str:
    """A raw file (or its edit log) offered for download: sources/x.txt → downloads/sources/x.txt,
    sources/x.txt.edits.json → downloads/sources/x.txt.edits.json.

    Any other file gets .txt added, bytes unchanged: sources/page.html is published as
    downloads/sources/page.html.txt, so a saved web page (or .svg, .xhtml, .md …) is
    shown as text, never opened as a page of this site that runs its scripts."""
    return "downloads/" + (rel if rel.lower().endswith(INERT_SUFFIXES) else rel + ".txt")


def source_copy(rel: str) -> str:
    """A raw file's text as UTF-8 (with a byte-order mark, so a browser reads it right from
    a server that names no charset): sources/x.txt → downloads/sources/x.utf-8.txt,
    sources/page.html → downloads/sources/page.html.utf-8.txt."""
    stem = rel[:-4] if rel.lower().endswith(".txt") else rel
    return f"downloads/{stem}.utf-8.txt"


def edit_log_page(slug: str) -> str:
    """The readable cleaning log of one raw file."""
    return f"edits/{slug}.md"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one page to another (or to a downloadable file), as a URL: a
    name with a space, #, % or brackets (a raw file keeps the name it came with) is
    percent-encoded, so the link leads to that file (MkDocs decodes it to check it)."""
    target = _link_from(posixpath.dirname(from_page), to_page)
    return target + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 18)     # pages of one folder link the same pages (780,000 links at 10,000 raw files)
def _link_from(from_dir: str, to_page: str) -> str:
    return quote(relative_path(to_page, from_dir), safe="/")


def relative_path(to_path: str, from_dir: str) -> str:
    """posixpath.relpath for the site's own paths (relative, normalised: no ".", "..",
    "//"), without its abspath/normpath calls, which were a tenth of a warm build."""
    start = from_dir.split("/") if from_dir else []
    path = to_path.split("/")
    common = 0
    for a, b in zip(start, path):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + path[common:]) or "."
