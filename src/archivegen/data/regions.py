"""The regions table (regions.yaml), read by both halves: import finds a document's region
with it, the build gives each region its URL folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archivegen.data import load_data


@dataclass(frozen=True)
class Region:
    name: str
    slug: str
    level: str
    parent: str | None
    aliases: tuple[str, ...]
    issuer: str = ""            # who its reports are titled after, when not the region (国务院)


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    out = {}
    for r in load_data("regions.yaml"):
        out[r["name"]] = Region(r["name"], r["slug"], r["level"], r.get("parent"), tuple(r.get("aliases") or ()),
                                r.get("issuer", ""))
    return out


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Every name and alias of every region."""
    return frozenset(w for r in regions().values() for w in (r.name, *r.aliases))


@lru_cache(maxsize=1)
def _region_pattern() -> tuple[re.Pattern, dict[str, str]]:
    names: dict[str, str] = {}
    for r in regions().values():
        names[r.name] = r.name
        for a in r.aliases:
            names.setdefault(a, r.name)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(alternation), names


def region_mentions(text: str) -> dict[str, int]:
    """Region name → how often the text names it (by its name or an alias)."""
    pattern, names = _region_pattern()
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        name = names[m.group()]
        counts[name] = counts.get(name, 0) + 1
    return counts


def depth(name: str) -> int:
    """0 for the country, 1 for a province or municipality, 2 for a district …"""
    d = 0
    r = regions().get(name)
    while r and r.parent:
        d += 1
        r = regions().get(r.parent)
    return d
