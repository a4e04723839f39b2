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


# ---------------------------------------------------------------- whole saved copies

# A paragraph long enough to identify a copy (shorter lines repeat by chance: 各位代表：).
COPY_PARA = 15
# A copy is a run of such paragraphs in the order of the ones they repeat; the original
# paragraphs may skip a few (a copy saved nearly whole), never go backwards.
COPY_SKIP = 3
# ...and it holds at least this share of the text that is not a copy: a page saved two or
# three times, not three paragraphs that two reports of a compilation both quote.
COPY_SHARE = 0.5


def find_saved_copies(text: str, ctx: Context) -> list[Edit]:
    """A file that holds its article two or more times (a page saved again and again into
    one file, with the page's chrome between the copies): every later copy goes, the first
    stays. Copies are found by paragraph hashes in one pass (no pairwise comparison); a
    copy must run in the order of its original and be as large as half of the rest."""
    blocks = [ln for _, ln in nonblank(lines(text))]
    keys = [b.stripped for b in blocks]
    first: dict[str, int] = {}
    orig: list[int | None] = []
    for i, k in enumerate(keys):
        j = first.setdefault(k, i)
        orig.append(j if j != i else None)
    longs = [i for i, k in enumerate(keys) if len(k) >= COPY_PARA]
    rank = {i: r for r, i in enumerate(longs)}       # position among the long lines
    chains: list[list[int]] = []
    chain: list[int] = []
    fresh = 0                    # long lines of new text since the chain's last repeat
    for i in longs:
        j = orig[i]
        if j is None:
            fresh += 1
            if chain and fresh > COPY_SKIP:     # a copy may hold a little new text, not more
                chains.append(chain)
                chain = []
            continue
        fresh = 0
        if chain and rank[j] < rank[chain[0]] and 0 < rank[j] - rank[orig[chain[-1]]] <= COPY_SKIP + 1:
            chain.append(i)
        else:
            if chain:
                chains.append(chain)
            chain = [i]
    if chain:
        chains.append(chain)
    chains = [c for c in chains if len(c) >= MIN_RUN and sum(len(keys[i]) for i in c) >= MIN_CHARS]
    if not chains:
        return []
    total = sum(len(keys[i]) for i in longs)
    copied = sum(len(keys[i]) for c in chains for i in c)
    rest = total - copied
    out: list[Edit] = []
    done = -1
    for c in chains:
        size = sum(len(keys[i]) for i in c)
        if size < COPY_SHARE * rest or c[0] <= done:
            continue
        # the copy reaches over the repeated lines around it (its headline, its page chrome)
        a, b = c[0], c[-1]
        while a - 1 > done and orig[a - 1] is not None:
            a -= 1
        while b + 1 < len(blocks) and orig[b + 1] is not None:
            b += 1
        out += _remove_repeats(text, blocks, orig, a, b, f"页面重复保存的副本({len(c)} 段)")
        done = b
    return out


def _remove_repeats(text: str, blocks, orig, a: int, b: int, reason: str) -> list[Edit]:
    """Remove blocks a..b that repeat an earlier line, contiguous ones as one edit; a line
    the copy does not repeat (it is new text) stays."""
    out = []
    run_start = None
    for k in range(a, b + 2):
        repeated = k <= b and orig[k] is not None
        if repeated and run_start is None:
            run_start = k
        elif not repeated and run_start is not None:
            first, last = blocks[run_start], blocks[k - 1]
            start = first.start - 1 if first.start > 0 else 0
            end = last.end if first.start > 0 or last.end >= len(text) else last.end + 1
            out.append(edit(text, start, end, "", reason))
            run_start = None
    return out
