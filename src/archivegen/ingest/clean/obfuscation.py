"""Aggregator obfuscation: pinyin inserted after characters, substituted names."""

from __future__ import annotations

import re

from archivegen.data import load_data
from archivegen.pinyin import char_readings
from archivegen.ingest.clean.base import CJK, Context
from archivegen.ingest.edits import Edit, edit

# A character followed by letters in brackets: 人(ren), 重（zhong）.
ANNOTATION = re.compile(f"(?P<char>[{CJK}])[(（](?P<letters>[a-zA-ZüÜvV]{{1,7}})[)）]")


def find_pinyin(text: str, ctx: Context) -> list[Edit]:
    """Remove 人(ren)-style annotations, but only when the letters are a reading of that
    character, so real brackets such as (AEO) or (Global Operation Programme) survive."""
    out = []
    for m in ANNOTATION.finditer(text):
        letters = m.group("letters").lower().replace("ü", "v")
        if letters in char_readings(m.group("char")):
            out.append(edit(text, m.start("char") + 1, m.end(), "", "插入的拼音注音"))
    return out


def find_substitutions(text: str, ctx: Context) -> list[Edit]:
    """Words aggregators substitute for names (习大大 for 习近平), restored with a note."""
    table: dict[str, str] = load_data("substitutions.yaml")
    out = []
    for wrong, right in sorted(table.items()):
        for m in re.finditer(re.escape(wrong), text):
            out.append(edit(text, m.start(), m.end(), right, f"“{wrong}”恢复为“{right}”"))
    return out
