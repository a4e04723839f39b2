"""Reference data shipped with the package (regions, substitutions, political calendar …).

Data, not code: extend these YAML files to teach archivegen about new places and sources.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load_data(name: str):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
