"""Reading content/ files into their contract types; every error names the file, line and key.

Both halves read content/ through here: the build (site/load.py) for everything, import
for what it must not clash with (ids in use, contributors' people).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import yaml

from archivegen.contract.fields import FieldError, parse
from archivegen.markdown_io import FrontMatterError, SafeLoader, load_front, read, read_text, split_front

T = TypeVar("T")

PEOPLE_FILE = "people.yaml"
TOPIC_STOPWORDS_FILE = "topic_stopwords.yaml"
# an import in progress (ingest/write.py): its files, and the list of them once committed
IMPORT_STAGING = ".import-staging"
IMPORT_JOURNAL = ".import-journal.json"


def interrupted_import(content: Path) -> bool:
    """True when an import into `content` stopped before it finished."""
    return (Path(content) / IMPORT_JOURNAL).exists() or (Path(content) / IMPORT_STAGING).exists()


class ContentError(ValueError):
    """content/ holds a file that cannot be used; the message names it (path:line: key: problem)."""


class TypedCache(Protocol):
    """Answers kept between builds (site/cache.py): `get(key, compute)`."""

    def get(self, key: str, compute: Callable[[], T]) -> T: ...


def read_markdown(path: Path, cls: type[T], cache: TypedCache | None = None) -> tuple[T, str]:
    """A Markdown file with front matter → (its typed front matter, its body). `cache`, if
    given, keeps the typed front matter by its YAML text: reading YAML is most of the
    load, and an edit changes one file's."""
    try:
        meta_text, body = split_front(read_text(path), path)
        if cache is None:
            return typed(cls, load_front(meta_text, path), path, first_line=2), body
        key = hashlib.sha256(f"{cls.__name__}\x1f{meta_text}".encode("utf-8", "surrogatepass")).hexdigest()
        return cache.get(key, lambda: typed(cls, load_front(meta_text, path), path, first_line=2)), body
    except FrontMatterError as exc:
        raise ContentError(str(exc)) from None
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def typed(cls: type[T], data: object, path: Path, first_line: int = 1) -> T:
    """YAML data read from `path` → `cls`, or a ContentError naming the file, line and key."""
    try:
        return parse(cls, data)
    except FieldError as exc:
        line = key_line(path, exc.key, first_line)
        raise ContentError(f"{path}:{line}: {exc}") from None


def key_line(path: Path, dotted: str, first_line: int = 1) -> int:
    """The line of a (dotted) key in a YAML file or front matter; `first_line` when not found.

    Only called when reporting an error, so reading the file again costs nothing on the
    normal path."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return first_line
    found, indent = first_line, -1
    start = 0
    for part in re.sub(r"\[\d+\]", "", dotted).split("."):
        pattern = re.compile(rf"^(\s*)(-\s+)?{re.escape(part)}\s*:")
        for i in range(start, len(lines)):
            m = pattern.match(lines[i])
            if m and len(m.group(1)) > indent:
                found, indent, start = i + 1, len(m.group(1)), i + 1
                break
        else:
            break
    return found


def read_yaml(path: Path, empty):
    """A contributors' YAML file: `empty` when absent, else its data, or a ContentError."""
    if not path.exists():
        return empty
    if not path.is_file():
        raise ContentError(f"{path}: is not a file")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or empty
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise ContentError(f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from None


def read_people(content: Path):
    from archivegen.contract.curated import PeopleFile

    path = Path(content) / PEOPLE_FILE
    return typed(PeopleFile, read_yaml(path, {}), path)


def read_topic_stopwords(content: Path) -> frozenset[str]:
    """Contributors' additions to the topic stop list: a YAML list of words."""
    path = Path(content) / TOPIC_STOPWORDS_FILE
    data = read_yaml(path, [])
    if not isinstance(data, list) or not all(isinstance(w, (str, int)) for w in data):
        raise ContentError(f"{path}:1: must be a list of words, e.g. [调研, 座谈]")
    return frozenset(str(w).strip() for w in data if str(w).strip())


def document_paths(content: Path) -> list[Path]:
    folder = Path(content) / "documents"
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []



@dataclass
class InUse:
    """What content/ already holds that an import must not take over (see in_use)."""

    ids: set[str] = field(default_factory=set)          # document and compilation ids
    glossary: set[str] = field(default_factory=set)     # glossary entry ids (file stems)


def in_use(content: Path, exclude_sources: set[str]) -> InUse:
    """Ids in content/ that the given sources did not produce. A re-imported source gets its
    documents' and terms' old ids back; any other file keeps its id, so a later report that
    defines a term again adds an entry instead of replacing one. A file that cannot be read
    is skipped: import is not the place to judge contributors' files (`archivegen check` is)."""
    content = Path(content)
    out = InUse()
    mine: set[str] = set()
    for folder in ("documents", "compilations"):
        root = content / folder
        for path in sorted(root.rglob("*.md")) if root.is_dir() else ():
            meta = _front_matter_or_none(path)
            if meta is None:
                continue
            src = meta.get("source")
            produced_here = isinstance(src, dict) and str(src.get("file", "")).removeprefix("sources/") in exclude_sources
            (mine if produced_here else out.ids).add(str(meta.get("id")))
    for path in sorted((content / "glossary").glob("*.md")) if (content / "glossary").is_dir() else ():
        meta = _front_matter_or_none(path)
        if meta is None or str(meta.get("defined_in")) not in mine:
            out.glossary.add(path.stem)
    return out


def _front_matter_or_none(path: Path) -> dict | None:
    try:
        meta, _ = read(path)
    except (FrontMatterError, OSError):
        return None
    return meta
