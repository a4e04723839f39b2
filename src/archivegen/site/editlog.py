"""Cleaning logs for readers: every edit in the words around it, and raw files as UTF-8.

A log (content/sources/<file>.edits.json, read by load.py) records each edit as offsets in
the text its rule was given. Replaying the passes on the decoded raw file, as the replay
test does, gives each edit the text around it, which is what a reader needs to judge it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from archivegen.contract import ContentError
from archivegen.ingest.decode import decode_bytes
from archivegen.ingest.edits import Edit, apply_edits
from archivegen.model import EditLog, LoggedEdit, LoggedPass

CONTEXT = 14          # characters shown on each side of an edit


@dataclass(frozen=True)
class EditInContext:
    edit: LoggedEdit
    before: str       # the text just before it, as the rule saw it
    after: str        # and just after


def in_context(data: bytes, log: EditLog, where: str) -> list[tuple[LoggedPass, list[EditInContext]]]:
    """Each pass of `log` with its edits in context; `data` is the raw file. A log that
    does not replay on its file (edited by hand) is a ContentError naming `where`."""
    text = decode_bytes(data).text
    out = []
    for p in log.passes:
        rows = []
        for e in p.edits:
            if text[e.start:e.end] != e.old:
                raise ContentError(f"{where}: edit at {e.start} ({p.rule}) expects {e.old[:40]!r} but the raw file "
                                   f"has {text[e.start:e.end][:40]!r} there; the log does not belong to this file "
                                   "(re-import the raw file to write it again)")
            rows.append(EditInContext(e, text[max(0, e.start - CONTEXT):e.start], text[e.end:e.end + CONTEXT]))
        text = apply_edits(text, [Edit(e.start, e.end, e.new, e.old, e.reason) for e in p.edits])
        out.append((p, rows))
    return out


def utf8_copy(data: bytes, encoding: str | None) -> bytes:
    """The raw file's text in UTF-8 with a byte-order mark: a static server sends a .txt
    without a charset, and a browser then guesses (GBK or UTF-8 shown as mojibake); the
    mark tells it. Bytes the recorded encoding cannot read become U+FFFD."""
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = decode_bytes(data).text
    return codecs.BOM_UTF8 + text.lstrip("\ufeff").encode("utf-8")
