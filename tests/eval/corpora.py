"""Where the development corpora are, and each one as raw files plus its truth.

The corpora live in shared/corpora beside the project (read only, never copied into it).
A clone without shared/ still measures: govcn-policies falls back to the pages committed in
tests/data/govcn-sample (official State Council texts), cctv to tests/data/cctv-sample, and
the seeds are in content/sources. news-sites and newscn-speeches may not be copied, so
without shared/ they are simply absent (and say so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.conftest import CORPUS as CCTV_DIR, SHARED, seed_files

EVAL = Path(__file__).resolve().parent
ROOT = EVAL.parents[1]
CORPORA = SHARED / "corpora"
GOVCN_FULL = CORPORA / "govcn-policies"
GOVCN_SAMPLE = ROOT / "tests" / "data" / "govcn-sample"
NEWS_DIR = CORPORA / "news-sites"
SPEECHES = CORPORA / "newscn-speeches" / "speeches.json"
NEWS_TRUTH = EVAL / "news_sites_truth.yaml"
GLOSSARY_TRUTH = EVAL / "seeds_glossary_truth.yaml"


def where(path: Path) -> str:
    """A corpus folder as people know it: tests/data/… inside the project, shared/… beside it
    (as the path is written, not resolved: ../shared may be a link to elsewhere), else
    the whole path."""
    for base in (ROOT, ROOT.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def full() -> bool:
    """True when shared/corpora sits beside the project."""
    return CORPORA.is_dir()


@dataclass(frozen=True)
class GovPage:
    name: str            # govcn-NN.html
    data: bytes
    truth: dict          # title, issuer, number, written, published, clean_text …


def govcn_dir() -> Path:
    return GOVCN_FULL if GOVCN_FULL.is_dir() else GOVCN_SAMPLE


def govcn_pages() -> list[GovPage]:
    base = govcn_dir()
    truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
    return [GovPage(name, (base / "pages" / name).read_bytes(), truth[name]) for name in sorted(truth)]


@dataclass(frozen=True)
class NewsPage:
    file: str            # path under news-sites/, e.g. sina/1.html
    data: bytes
    truth: dict          # title, date, first, last, keep, drop

    @property
    def name(self) -> str:
        # one flat, unique file name per page for the importer
        return self.file.replace("/", "__")


def news_truth() -> list[dict]:
    return yaml.safe_load(NEWS_TRUTH.read_text(encoding="utf-8"))


def news_pages() -> list[NewsPage]:
    if not NEWS_DIR.is_dir():
        return []
    return [NewsPage(t["file"], (NEWS_DIR / t["file"]).read_bytes(), t) for t in news_truth()]


def speeches() -> list[dict]:
    if not SPEECHES.is_file():
        return []
    return json.loads(SPEECHES.read_text(encoding="utf-8"))


def speech_file(index: int, item: dict) -> tuple[str, bytes]:
    """One speech as the scraper's text file: title line, publication time line (as stored),
    URL line, a blank line, then the text exactly as stored (paragraph breaks survive only as
    runs of full-width spaces; headline, captions and dateline run into it)."""
    text = f"{item['title']}\n{item['publication']}\n{item['url']}\n\n{item['text']}\n"
    return f"newscn-{index + 1:03d}.txt", text.encode("utf-8")


def cctv_files() -> list[Path]:
    return sorted(CCTV_DIR.glob("*.shtml"))


def seeds() -> list[Path]:
    return seed_files()


def seeds_expected() -> dict:
    return yaml.safe_load((ROOT / "tests" / "data" / "seeds_expected.yaml").read_text(encoding="utf-8"))


def glossary_truth() -> dict:
    return yaml.safe_load(GLOSSARY_TRUTH.read_text(encoding="utf-8"))
