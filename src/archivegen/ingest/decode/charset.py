"""Bytes → text: find the encoding, drop the BOM, unify line ends, reduce HTML to text.

The raw file is kept untouched in content/sources/; everything here is a pure,
deterministic function of its bytes, so the cleaning log can be replayed on it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str                 # codec name as recorded in the source metadata
    newline: str                  # "lf", "crlf", "cr" or "mixed": what the raw file used
    is_html: bool = False
    main: tuple[tuple[int, int], ...] = ()   # HTML only: spans of the page's main story
    title: str | None = None                 # HTML only: the page title
    url: str | None = None                   # HTML only: canonical address
    # HTML only: what the markup says the headline and the publish time are (see html.HtmlText)
    title_tag: str | None = None
    og_title: str | None = None
    h1: tuple[str, ...] = ()
    published: str | None = None


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as many NUL bytes on one side of each pair."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # ASCII-heavy text gives NULs in one half; CJK-only UTF-16 rarely has NULs at all,
    # so this only catches the common mixed case and leaves the rest to the detector.
    if odd_nuls > half * 0.3 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls == 0:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """Return the codec for `data`: BOM first, then strict UTF-8, then GB18030, then a detector."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _guess_utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data:
        raise DecodeError("contains NUL bytes: binary file, or UTF-16/32 without a byte-order mark")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Chinese sources that are not UTF-8 are nearly always GBK/GB2312, which GB18030
    # decodes as a superset; only if that fails do we ask the statistical detector
    # (Big5 and friends).
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("could not determine the text encoding")
    return best.encoding


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "lf"
    return kinds[0] if len(kinds) == 1 else "mixed"


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes to text with "\\n" line ends; HTML pages become their visible text."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"not valid {encoding}: {exc}") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = _newline_style(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    from archivegen.ingest.decode.html import html_to_text, looks_like_html  # noqa: E402 (import cycle-free, lazy)

    if looks_like_html(text):
        page = html_to_text(text)
        return Decoded(
            text=page.text,
            encoding=encoding,
            newline=newline,
            is_html=True,
            title_tag=page.title_tag, og_title=page.og_title, h1=page.h1, published=page.published,
            main=page.main,
            title=page.title,
            url=page.url,
        )
    return Decoded(text=text, encoding=encoding, newline=newline)
