"""The last line between content/ and a reader's browser: a Markdown extension that the
archivegen plugin adds to every page MkDocs renders.

site/escape.py keeps content strings text in the Markdown we generate; this pass looks
at the HTML that Markdown made of it, whatever wrote it (a body edited by hand may hold
links), and fixes three things a browser would run, and marks one:

- a link or image address with a scheme other than http, https or mailto
  (`[x](javascript:…)`, `&#106;avascript:`, `data:`) loses the address;
- an event handler attribute (`onclick`, `onerror` … set through attr_list) is dropped;
- (not a fix) a link to another site gets the class `ag-ext`, so that print shows the
  address of such links only, not of the site's own (Material makes those absolute);
- a `title` attribute is HTML-escaped once more: with `content.tooltips`, Material shows
  the title of every element in a page as HTML (its tooltip inserts the attribute's
  value with innerHTML), so the value must be markup that shows the text. Without
  JavaScript a browser's own tooltip would show such a title with its `&lt;` entities;
  titles without `&`, `<` or `>` (nearly all) are unchanged.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "data", "poster", "background",
                            "cite", "longdesc", "xlink:href"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
# what a browser ignores in an address: spaces and control characters (java\tscript:)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
# the serializer writes `&name;` and `&#n;` through as they are, so a browser reads them
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.I)


def _as_browser_reads(value: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group()), value)


def safe_url(value: str) -> bool:
    """Whether an address leads only where a link may: a page, a file, http(s), mail."""
    scheme = _SCHEME.match(_IGNORED.sub("", _as_browser_reads(value)))
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def tooltip(value: str) -> str:
    """A title attribute's value such that Material's innerHTML shows the text: the
    text a browser reads from the value, escaped, in a form the serializer keeps."""
    text = _as_browser_reads(value)
    return html.escape(html.escape(text, quote=False), quote=False)


def external(value: str) -> bool:
    """Whether an address leads to another site (http or https)."""
    scheme = _SCHEME.match(_IGNORED.sub("", _as_browser_reads(value)))
    return scheme is not None and scheme.group(1).lower() in ("http", "https")


class GuardTreeprocessor(Treeprocessor):
    def run(self, root: Element) -> None:
        for el in root.iter():
            for name in list(el.attrib):
                key = name.lower()
                if key.startswith("on") or (key in URL_ATTRIBUTES and not safe_url(el.attrib[name])):
                    del el.attrib[name]
                elif key == "title":
                    el.attrib[name] = tooltip(el.attrib[name])
            # a link to another site: print shows its address (archivegen.css), no other link's
            if el.tag == "a" and external(el.attrib.get("href", "")):
                el.set("class", (el.get("class", "") + " ag-ext").strip())


class GuardExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # last: after attr_list (8), abbr (7) and toc (5) have set attributes, and after
        # backslash escapes are restored and MkDocs has rewritten relative links (0; it
        # expects every link to have an address)
        md.treeprocessors.register(GuardTreeprocessor(md), "archivegen_guard", -1)
