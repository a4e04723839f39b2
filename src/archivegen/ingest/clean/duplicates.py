"""A whole body pasted two or three times into one dump: keep the first copy."""

from __future__ import annotations

from archivegen.ingest.clean.base import Context, lines, nonblank
from archivegen.ingest.edits import Edit, edit

MIN_RUN = 3          # paragraphs in a row that must repeat
MIN_CHARS = 100      # and characters, so repeated short lines ("各位代表：") never count


def find_repeated_body(text: str, ctx: Context) -> list[Edit]:
    paras = [ln for _, ln in nonblank(lines(text))]
    keys = [p.stripped for p in paras]
    first_seen: dict[str, int] = {}
    out: list[Edit] = []
    i = 0
    while i < len(keys):
        k = keys[i]
        j = first_seen.get(k)
        if j is None or len(k) < 15:
            first_seen.setdefault(k, i)
            i += 1
            continue
        # paras[i:] starts repeating paras[j:]: measure how far the copy goes
        n = 0
        while i + n < len(keys) and j + n < i and keys[j + n] == keys[i + n]:
            n += 1
        chars = sum(len(x) for x in keys[i:i + n])
        if n >= MIN_RUN and chars >= MIN_CHARS:
            start = paras[i].start - 1 if paras[i].start > 0 else 0
            end = paras[i + n - 1].end
            out.append(edit(text, start, end, "", f"重复的正文副本({n} 段)"))
            i += n
        else:
            i += 1
    return out
