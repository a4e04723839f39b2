"""Load stage: content/ → a validated Archive (the build's only reader of content/).

Every file is read into its contract type (archivegen.contract), which is the validation:
a problem is reported as "path:line: key: what is wrong", and loading stops at the first
file that cannot be used, so a build never runs on half-valid content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from archivegen.contract import (CompilationMeta, ContentError, DocumentMeta, GlossaryMeta, read_markdown,
                                 read_people, read_topic_stopwords)
from archivegen.contract.read import document_paths, interrupted_import, key_line
from archivegen.model import (Archive, Compilation, Document, EditLog, GlossaryEntry, LoggedEdit, LoggedPass,
                              SourceFile)
from archivegen.site.cache import StageCache, TypedStageCache

__all__ = ["ContentError", "EditLogFile", "edit_log_file", "load_archive", "read_edit_log", "read_source"]


def load_archive(content: Path, cache: Path | None = None) -> Archive:
    """`cache`: the build's cache folder (site/cache.py), where each file's typed front
    matter is kept by its YAML text."""
    content = Path(content)
    if not content.is_dir():
        raise ContentError(f"{content}: no such folder; give the content folder (the one with documents/)")
    if not (content / "documents").is_dir():
        raise ContentError(f"{content}: no documents/ folder here; is this a content folder?")
    if interrupted_import(content):
        raise ContentError(f"{content}: an import into this folder was interrupted before it finished; "
                           f"run `archivegen check --content {content}` to finish it")
    archive = Archive(content=content)
    front = TypedStageCache(cache, "front-matter")
    seen: dict[str, Path] = {}
    for path in document_paths(content):
        meta, body = read_markdown(path, DocumentMeta, front)
        if meta.id in seen:
            raise ContentError(f"{path}:2: id: {meta.id!r} is already used by {seen[meta.id]}")
        seen[meta.id] = path
        archive.documents.append(Document(meta, path, path.relative_to(content).as_posix(), body))
    for path in _markdown_files(content / "glossary"):
        meta, body = read_markdown(path, GlossaryMeta, front)
        if meta.defined_in and meta.defined_in not in seen:
            raise ContentError(f"{path}:2: defined_in: {meta.defined_in!r} is not a document id")
        archive.glossary.append(GlossaryEntry(path.stem, path, path.relative_to(content).as_posix(), meta,
                                              body.strip()))
    for path in _markdown_files(content / "compilations"):
        meta, body = read_markdown(path, CompilationMeta, front)
        archive.compilations.append(Compilation(meta, path, path.relative_to(content).as_posix(), body))
    archive.people = read_people(content)
    archive.topic_stopwords = read_topic_stopwords(content)
    archive.sources = _sources(content, cache)
    _check_fixity(archive)
    archive.edit_logs = _edit_logs(archive.sources)
    front.save()
    return archive


LOG_SUFFIX = ".edits.json"


def _edit_logs(sources: dict[str, SourceFile]) -> dict[str, str]:
    """Raw file → the cleaning log beside it (ingest/run.py `edit_log` writes them)."""
    return {rel[:-len(LOG_SUFFIX)]: rel for rel in sources
            if rel.endswith(LOG_SUFFIX) and rel[:-len(LOG_SUFFIX)] in sources}


def read_source(archive: Archive, rel: str) -> bytes:
    """The bytes of a file of content/sources/ (read now: load.py only hashed it)."""
    try:
        return archive.sources[rel].path.read_bytes()
    except OSError as exc:
        raise ContentError(f"{archive.sources[rel].path}: cannot be read: {exc.strerror or exc}") from None


def read_edit_log(archive: Archive, source: str) -> EditLog:
    """The cleaning log of the raw file `source`, for its readable page; a log that cannot
    be read names its file and what is wrong."""
    return edit_log_file(archive, source).read()


@dataclass(frozen=True)
class EditLogFile:
    """A raw file's cleaning log: where it is and which raw file it must record. All a
    process needs to read it (site/parallel.py renders log pages in a worker)."""
    rel: str                   # sources/<file>.edits.json
    source: str                # sources/<file>
    path: Path
    source_path: Path
    source_sha256: str

    def read(self) -> EditLog:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise ContentError(f"{self.path}: cannot be read: {exc.strerror or exc}") from None
        try:
            record = json.loads(data.decode("utf-8"))
            passes = tuple(
                LoggedPass(str(p["rule"]), str(p["label"]), str(p["action"]),
                           tuple(_logged_edit(row) for row in p["edits"]))
                for p in record["passes"])
            if record.get("sha256") and record["sha256"] != self.source_sha256:
                raise ContentError(f"{self.path}: this log records another file than "
                                   f"{self.source_path} (sha256 differs); re-import the raw file")
            return EditLog(self.rel, self.source, str(record.get("encoding") or ""),
                           str(record.get("format") or "text"), passes)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ContentError(f"{self.path}: not a readable edit log (JSON): {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ContentError(f"{self.path}: not an edit log as import writes it "
                               f"(passes of [start, end, new, old, reason, line, before, after] edits): "
                               f"{type(exc).__name__} {exc}") from None


def edit_log_file(archive: Archive, source: str) -> EditLogFile:
    rel = archive.edit_logs[source]
    return EditLogFile(rel, source, archive.sources[rel].path, archive.sources[source].path,
                       archive.sources[source].sha256)


def _logged_edit(row: list) -> LoggedEdit:
    start, end, new, old, why, line, *context = row
    before, after = (context + ["", ""])[:2]
    return LoggedEdit(int(start), int(end), str(new), str(old), str(why), int(line), str(before), str(after))


def _check_fixity(archive: Archive) -> None:
    """Every raw file a document or compilation cites is there, byte for byte (its sha256)."""
    for item in [*archive.documents, *archive.compilations]:
        src = item.meta.source
        if src is None:
            continue
        found = archive.sources.get(src.file)
        if found is None:
            raise ContentError(f"{item.path}:{key_line(item.path, 'source.file', 2)}: source.file: "
                               f"{src.file} is not in {archive.content}/sources/ (deleted or renamed?)")
        if found.sha256 != src.sha256:
            raise ContentError(f"{item.path}:{key_line(item.path, 'source.sha256', 2)}: source.sha256: "
                               f"{archive.content / src.file} has changed since it was imported "
                               f"(its sha256 is {found.sha256[:12]}…, the document cites {src.sha256[:12]}…); "
                               "restore the original file, or import the new one")


def _sources(content: Path, cache: Path | None = None) -> dict[str, SourceFile]:
    """The raw files and their edit logs, offered to readers for download: each is read
    once here for its digest, and again only where its bytes are needed.

    A digest is kept in the build cache under the file's name, size, times and inode: a
    file written again gets a new change time (ctime), which no tool sets back, so a
    rebuild hashes only the files that changed (hashing all took ~0.9 s at 10,000 raw
    files, 20,000 files with their logs)."""
    folder = content / "sources"
    kept = StageCache(cache, "source-digests")
    out = {}
    for f in sorted(folder.iterdir()) if folder.is_dir() else ():
        if f.is_file():
            try:
                st = f.stat()
                stamp = f"{f.name}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1f{st.st_ctime_ns}\x1f{st.st_ino}"
                digest = kept.get(stamp, lambda: _digest(f))
            except OSError as exc:
                raise ContentError(f"{f}: cannot be read: {exc.strerror or exc}") from None
            out[f"sources/{f.name}"] = SourceFile(f, digest)
    kept.save()
    return out


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md")) if folder.is_dir() else []
