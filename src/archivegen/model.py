"""The nouns of a loaded archive, as the site half sees them (read-only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    id: str
    path: Path                 # the Markdown file under content/
    rel: str                   # its path relative to content/
    meta: dict                 # the front matter as written
    body: str                  # the Markdown body

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def region(self) -> str | None:
        return self.meta.get("region")

    @property
    def year(self) -> int | None:
        return self.meta.get("year")

    @property
    def doc_type(self) -> str:
        return self.meta.get("doc_type") or "其他"

    @property
    def date(self) -> str | None:
        d = self.meta.get("date")
        return str(d) if d else None

    @property
    def people(self) -> list[str]:
        return list(self.meta.get("people") or [])

    @property
    def sort_key(self) -> tuple:
        return (self.date or f"{self.year or 0:04d}", self.id)


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    path: Path
    rel: str
    term: str
    aliases: tuple[str, ...]
    defined_in: str | None
    number: int | None
    definition: str


@dataclass(frozen=True)
class Compilation:
    id: str
    path: Path
    rel: str
    meta: dict
    body: str


@dataclass
class Archive:
    content: Path
    documents: list[Document] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    compilations: list[Compilation] = field(default_factory=list)
    people: dict = field(default_factory=dict)          # curated people.yaml
    topic_stopwords: frozenset = frozenset()            # content/topic_stopwords.yaml

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}
