"""Undecodable bytes: the placeholders decoding left (decode/damage.py) become U+FFFD.

Decoding has already kept the text apart from the bytes it could not read; this rule is
where that becomes an edit a reader sees: each placeholder is replaced by U+FFFD, and the
reason names the bytes (in hex) and where they start in the raw file, so the edit log says
exactly what was lost. Neighbouring placeholders for neighbouring bytes are one edit.
Each placeholder becomes exactly one U+FFFD, so the text keeps its length and offsets into
the decoded text (a page's main-story spans, read by html_frame) stay right.
"""

from __future__ import annotations

import re

from archivegen.ingest.clean.base import Context
from archivegen.ingest.decode import Damage
from archivegen.ingest.edits import Edit, edit

SHOWN_BYTES = 8      # bytes listed in a reason; a longer run says how many there were


def _reason(run: list[Damage], encoding: str) -> str:
    raw = b"".join(d.raw for d in run)
    shown = " ".join(f"{b:02X}" for b in raw[:SHOWN_BYTES])
    more = f" …（共 {len(raw)} 字节）" if len(raw) > SHOWN_BYTES else ""
    what = "空字节" if raw.strip(b"\x00") == b"" else f"无法按 {encoding.upper()} 解码的字节"
    return f"{what} {shown}{more}（原文件字节偏移 {run[0].offset}）"


def find_damaged_bytes(text: str, ctx: Context) -> list[Edit]:
    damage = ctx.decoded.damage
    if not damage:
        return []
    by_marker = {d.marker: d for d in damage}
    first, last = min(by_marker), max(by_marker)     # the placeholders are consecutive characters
    out = []
    for m in re.finditer(f"[{first}-{last}]+", text):
        runs: list[list[Damage]] = []
        for ch in m.group():
            d = by_marker[ch]
            prev = runs[-1][-1] if runs else None
            if prev is not None and prev.offset + len(prev.raw) == d.offset:
                runs[-1].append(d)
            else:
                runs.append([d])
        start = m.start()
        for run in runs:
            out.append(edit(text, start, start + len(run), "\ufffd" * len(run), _reason(run, ctx.decoded.encoding)))
            start += len(run)
    return out
