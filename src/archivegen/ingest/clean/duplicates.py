"""A whole body pasted two or three times into one dump: keep the first copy."""

from __future__ import annotations

from archivegen.ingest.clean.base import Context, lines, nonblank
from archivegen.ingest.edits import Edit, edit

MIN_RUN = 3          # paragraphs in a row that must repeat
MIN_CHARS = 100      # and characters, so repeated short lines ("各位代表：") never count
# A pasted copy follows the text it copies (at most a few lines of page furniture in
# between, not counting copies already removed). Two reports of a compilation that
# quote the same three paragraphs are far apart, and both keep them.
MAX_GAP = 5


def find_repeated_body(text: str, ctx: Context) -> list[Edit]:
    paras = [ln for _, ln in nonblank(lines(text))]
    keys = [p.stripped for p in paras]
    first_seen: dict[str, int] = {}
    out: list[Edit] = []
    removed: set[int] = set()          # paragraph indices inside copies already removed
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
        gap = sum(1 for x in range(j + n, i) if x not in removed)
        if n >= MIN_RUN and chars >= MIN_CHARS and gap <= MAX_GAP:
            start = paras[i].start - 1 if paras[i].start > 0 else 0
            end = paras[i + n - 1].end
            out.append(edit(text, start, end, "", f"重复的正文副本({n} 段)"))
            removed.update(range(i, i + n))
            i += n
        else:
            i += 1
    return out
