"""Reference data shipped with the package (regions, substitutions, political calendar …).

Data, not code: extend these YAML files to teach archivegen about new places and sources.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load_data(name: str):
    # libyaml's loader where installed: ~10x faster, the same answers (every process loads these)
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def alternation(words: list[str]) -> str:
    """A regex alternation of a word list, longest first (so 责任编辑 wins over 编辑)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))
