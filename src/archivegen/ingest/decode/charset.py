"""Bytes → text: find the encoding, drop the BOM, unify line ends, reduce HTML to text.

The raw file is kept untouched in content/sources/; everything here is a pure,
deterministic function of its bytes, so the cleaning log can be replayed on it. Damaged
bytes do not stop it: each undecodable byte sequence becomes a placeholder that the first
cleaning rule turns into U+FFFD, on the record (damage.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from archivegen.ingest.decode.damage import Damage, decode_marked, unmark
from archivegen.ingest.decode.detect import DecodeError, detect, forced


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str                 # codec name as recorded in the source metadata
    newline: str                  # "lf", "crlf", "cr" or "mixed": what the raw file used
    is_html: bool = False
    main: tuple[tuple[int, int], ...] = ()   # HTML only: spans of the page's main story
    title: str | None = None                 # HTML only: the page title
    url: str | None = None                   # HTML only: canonical address
    damage: tuple[Damage, ...] = ()          # undecodable bytes, each a placeholder in `text`
    # HTML only: what the markup says the headline and the publish time are (see html.HtmlText)
    title_tag: str | None = None
    og_title: str | None = None
    h1: tuple[str, ...] = ()
    published: str | None = None


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "lf"
    return kinds[0] if len(kinds) == 1 else "mixed"


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode raw bytes to text with "\\n" line ends; HTML pages become their visible text.

    `encoding` overrides detection (a codec name Python knows, such as "gbk" or "big5")."""
    enc = forced(data, encoding) if encoding else detect(data)
    try:
        text, damage = decode_marked(data, enc.codec, enc.skip)
    except ValueError as exc:   # more damage than there are placeholders
        raise DecodeError(f"not valid {enc.name}: {exc}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = _newline_style(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    from archivegen.ingest.decode.html import html_to_text, looks_like_html  # noqa: E402 (import cycle-free, lazy)

    if looks_like_html(text):
        page = html_to_text(text)
        return Decoded(
            text=page.text,
            encoding=enc.name,
            newline=newline,
            is_html=True,
            title_tag=unmark(page.title_tag, damage), og_title=unmark(page.og_title, damage),
            h1=tuple(unmark(h, damage) or "" for h in page.h1), published=unmark(page.published, damage),
            main=page.main,
            # Damage in the title or address is not in the text the edit log covers.
            title=unmark(page.title, damage),
            url=unmark(page.url, damage),
            damage=damage,
        )
    return Decoded(text=text, encoding=enc.name, newline=newline, damage=damage)
