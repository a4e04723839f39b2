"""The front matter of content/compilations/<id>.md: a file that held several documents.

The body is the compilation's own preface, if it had one.
"""

from __future__ import annotations

from dataclasses import dataclass

from archivegen.contract.document import EditCount, Source
from archivegen.contract.fields import key


@dataclass(frozen=True, kw_only=True)
class Part:
    """One part a compilation's table of contents lists."""

    name: str = key("the part as its table of contents lists it")
    document: str | None = key("id of the document that is this part, or null when the file lacks it",
                               default=None, always=True)


@dataclass(frozen=True, kw_only=True)
class CompilationMeta:
    id: str = key("stable ASCII id")
    title: str = key("the compilation's title")
    parts_listed: int = key("how many parts its table of contents lists", default=0, always=True)
    parts_present: int = key("how many of them the file holds", default=0, always=True)
    parts: list[Part] = key("the listed parts, in order", factory=list, always=True)
    source: Source | None = key("the raw file (file, sha256, edit_log)", default=None, always=True)
    edits: list[EditCount] = key("what cleaning changed outside its documents", factory=list, always=True)
