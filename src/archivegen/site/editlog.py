"""Cleaning logs for readers: every edit in the words around it, and raw files as UTF-8.

A log (content/sources/<file>.edits.json, read by load.py) records each edit with the text
around it as its rule saw it, which is what a reader needs to judge it (import writes the
context; the build never decodes a raw file again).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from archivegen.model import EditLog, LoggedEdit, LoggedPass


@dataclass(frozen=True)
class EditInContext:
    edit: LoggedEdit
    before: str       # the text just before it, as the rule saw it
    after: str        # and just after


def in_context(log: EditLog) -> list[tuple[LoggedPass, list[EditInContext]]]:
    """Each pass of `log` with its edits in the words around them."""
    return [(p, [EditInContext(e, e.before, e.after) for e in p.edits]) for p in log.passes]


def utf8_copy(data: bytes, encoding: str | None) -> bytes:
    """The raw file's text in UTF-8 with a byte-order mark: a static server sends a .txt
    without a charset, and a browser then guesses (GBK or UTF-8 shown as mojibake); the
    mark tells it. Bytes the recorded encoding cannot read become U+FFFD."""
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return codecs.BOM_UTF8 + text.lstrip("\ufeff").encode("utf-8")
