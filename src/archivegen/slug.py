"""ASCII ids and URL slugs from Chinese text (pinyin reads better than percent-escapes)."""

from __future__ import annotations

import re
from functools import lru_cache

from archivegen.pinyin import lazy_normal

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)        # a build asks for the same few names thousands of times
def slugify(text: str, max_words: int = 8) -> str:
    """"2024年浦东新区政府工作报告" → "2024-nian-pu-dong-xin-qu-zheng-fu"."""
    words = []
    for w in lazy_normal(text, errors=lambda s: re.findall(r"[A-Za-z0-9]+", s)):
        w = _NON_SLUG.sub("", w.lower().replace("ü", "v"))
        if w:
            words.append(w)
        if len(words) >= max_words:
            break
    return "-".join(words) or "x"


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3` … if already taken; records the result in `taken`."""
    out, n = slug, 2
    while out in taken:
        out, n = f"{slug}-{n}", n + 1
    taken.add(out)
    return out
