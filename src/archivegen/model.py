"""The nouns of a loaded archive, as the build half sees them (read-only).

Each wraps a file of content/: its typed front matter (archivegen.contract), where it
lies, and its Markdown body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archivegen.contract import CompilationMeta, DocumentMeta, GlossaryMeta, PeopleFile


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    path: Path                 # the Markdown file under content/
    rel: str                   # its path relative to content/
    body: str                  # the Markdown body

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def region(self) -> str | None:
        return self.meta.region

    @property
    def year(self) -> int | None:
        return self.meta.year

    @property
    def doc_type(self) -> str:
        return self.meta.doc_type

    @property
    def date(self) -> str | None:
        return self.meta.date_text

    @property
    def people(self) -> list[str]:
        return list(self.meta.people)

    @property
    def sort_key(self) -> tuple:
        return (self.date or f"{self.year or 0:04d}", self.id)


@dataclass(frozen=True)
class GlossaryEntry:
    id: str                    # the file's stem
    path: Path
    rel: str
    meta: GlossaryMeta
    definition: str            # the body

    @property
    def term(self) -> str:
        return self.meta.term.strip()

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(self.meta.aliases)

    @property
    def defined_in(self) -> str | None:
        return self.meta.defined_in

    @property
    def number(self) -> int | None:
        return self.meta.number


@dataclass(frozen=True)
class Compilation:
    meta: CompilationMeta
    path: Path
    rel: str
    body: str

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class LoggedEdit:
    """One edit of a cleaning log: a span of the text its rule was given, replaced."""
    start: int
    end: int
    new: str
    old: str
    reason: str
    line: int                  # its line in the raw file
    before: str = ""           # the text just before it, as the rule saw it (logs since 2026-11)
    after: str = ""            # and just after


@dataclass(frozen=True)
class LoggedPass:
    rule: str
    label: str
    action: str
    edits: tuple[LoggedEdit, ...]


@dataclass(frozen=True)
class EditLog:
    """content/sources/<file>.edits.json: what cleaning did to one raw file, in order."""
    rel: str                   # sources/<file>.edits.json
    source: str                # sources/<file>
    encoding: str
    format: str                # "text" or "html"
    passes: tuple[LoggedPass, ...]


@dataclass(frozen=True)
class SourceFile:
    """A file of content/sources/ (a raw file or its edit log). Only its address and digest
    are held: the bytes are read when a page or copy needs them (site/load.py), so an
    archive of gigabytes of raw files does not sit in the build's memory."""
    path: Path
    sha256: str


@dataclass
class Archive:
    content: Path
    documents: list[Document] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    compilations: list[Compilation] = field(default_factory=list)
    people: PeopleFile = field(default_factory=PeopleFile)          # curated people.yaml
    topic_stopwords: frozenset = frozenset()                        # content/topic_stopwords.yaml
    sources: dict[str, SourceFile] = field(default_factory=dict)   # "sources/<name>" → the file
    # "sources/<name>" → "sources/<name>.edits.json", its cleaning log, read when its page
    # is made (site/load.read_edit_log): a warm build takes the page from its cache
    edit_logs: dict[str, str] = field(default_factory=dict)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}
