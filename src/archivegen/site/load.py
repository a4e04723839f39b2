"""The only reader of content/: Markdown + YAML → a validated Archive.

Every problem is reported as "path:line: what is wrong", and loading stops at the first
file that cannot be read, so a build never runs on half-valid content.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import yaml

from archivegen.markdown_io import FrontMatterError, read
from archivegen.model import Archive, Compilation, Document, GlossaryEntry

REQUIRED_DOC_KEYS = ("id", "title", "doc_type", "region")
PEOPLE_FILE = "people.yaml"
TOPIC_STOPWORDS_FILE = "topic_stopwords.yaml"


class ContentError(ValueError):
    """content/ holds a file that cannot be used; the message names it."""


def _check_doc(meta: dict, path: Path) -> None:
    missing = [k for k in REQUIRED_DOC_KEYS if k not in meta]
    if missing:
        raise ContentError(f"{path}:1: front matter lacks {', '.join(missing)}")
    if not isinstance(meta["id"], str) or not meta["id"].isascii() or " " in meta["id"] or "/" in meta["id"]:
        raise ContentError(f"{path}:1: id must be ASCII without spaces or slashes, got {meta['id']!r}")
    if not isinstance(meta["title"], str) or not meta["title"].strip():
        raise ContentError(f"{path}:1: title must be a non-empty string")
    date = meta.get("date")
    if date is not None and not isinstance(date, _dt.date):
        try:
            _dt.date.fromisoformat(str(date))
        except ValueError:
            raise ContentError(f"{path}:1: date must be YYYY-MM-DD or null, got {date!r}") from None
    year = meta.get("year")
    if year is not None and not isinstance(year, int):
        raise ContentError(f"{path}:1: year must be a whole number or null, got {year!r}")
    for key in ("people", "tags"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], list):
            raise ContentError(f"{path}:1: {key} must be a list")


def _read(path: Path) -> tuple[dict, str]:
    try:
        return read(path)
    except FrontMatterError as exc:
        raise ContentError(str(exc)) from None


def load_archive(content: Path) -> Archive:
    content = Path(content)
    if not (content / "documents").is_dir():
        raise ContentError(f"{content}: no documents/ folder here; is this a content folder?")
    archive = Archive(content=content)
    seen: dict[str, Path] = {}
    for path in sorted((content / "documents").rglob("*.md")):
        meta, body = _read(path)
        _check_doc(meta, path)
        if meta.get("date") is not None:
            meta["date"] = str(meta["date"])
        if meta["id"] in seen:
            raise ContentError(f"{path}:1: id {meta['id']!r} is already used by {seen[meta['id']]}")
        seen[meta["id"]] = path
        archive.documents.append(Document(meta["id"], path, path.relative_to(content).as_posix(), meta, body))
    for path in sorted((content / "glossary").glob("*.md")) if (content / "glossary").is_dir() else []:
        meta, body = _read(path)
        if not isinstance(meta.get("term"), str) or not meta["term"].strip():
            raise ContentError(f"{path}:1: glossary entry needs a term")
        if meta.get("defined_in") and meta["defined_in"] not in seen:
            raise ContentError(f"{path}:1: defined_in {meta['defined_in']!r} is not a document id")
        aliases = meta.get("aliases") or []
        if not isinstance(aliases, list):
            raise ContentError(f"{path}:1: aliases must be a list")
        archive.glossary.append(GlossaryEntry(
            path.stem, path, path.relative_to(content).as_posix(), meta["term"].strip(),
            tuple(str(a) for a in aliases), meta.get("defined_in"), meta.get("number"), body.strip()))
    for path in sorted((content / "compilations").glob("*.md")) if (content / "compilations").is_dir() else []:
        meta, body = _read(path)
        archive.compilations.append(Compilation(meta.get("id", path.stem), path, path.relative_to(content).as_posix(), meta, body))
    archive.people = load_people_file(content)
    archive.topic_stopwords = load_topic_stopwords(content)
    return archive


def _curated_yaml(path: Path, empty):
    """A contributors' YAML file in content/: `empty` when absent, else its data, or a
    ContentError naming the file and line."""
    if not path.exists():
        return empty
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or empty
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise ContentError(f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None


def load_people_file(content: Path) -> dict:
    path = Path(content) / PEOPLE_FILE
    data = _curated_yaml(path, {})
    if not isinstance(data, dict):
        raise ContentError(f"{path}:1: must be a mapping with 'people' and 'ignore'")
    return data


def load_topic_stopwords(content: Path) -> frozenset[str]:
    """Contributors' additions to the topic stop list: a YAML list of words."""
    path = Path(content) / TOPIC_STOPWORDS_FILE
    data = _curated_yaml(path, [])
    if not isinstance(data, list) or not all(isinstance(w, (str, int)) for w in data):
        raise ContentError(f"{path}:1: must be a list of words, e.g. [调研, 座谈]")
    return frozenset(str(w).strip() for w in data if str(w).strip())


def curated_people(content: Path) -> dict[str, list[str]]:
    """Names from content/people.yaml with their roles (used by import to recognise them)."""
    data = load_people_file(content)
    out = {}
    for p in data.get("people") or []:
        if isinstance(p, dict) and p.get("name"):
            out[p["name"]] = list(p.get("roles") or [])
    return out


def existing_ids(content: Path, exclude_sources: set[str], manifest: dict[str, str]) -> set[str]:
    """Ids of documents already in content/ that the given sources did not produce
    (so a re-import gives a source's documents their old ids back)."""
    ids = set()
    docs = Path(content) / "documents"
    if not docs.is_dir():
        return ids
    for path in docs.rglob("*.md"):
        try:
            meta, _ = read(path)
        except FrontMatterError:
            continue
        src = str((meta.get("source") or {}).get("file", ""))
        if src.removeprefix("sources/") in exclude_sources:
            continue
        ids.add(str(meta.get("id")))
    return ids
