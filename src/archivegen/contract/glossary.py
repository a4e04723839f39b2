"""The front matter of content/glossary/<term-id>.md: one definition of one term.

The body is the definition. The same term defined by two documents is two entries,
shown together on one term page.
"""

from __future__ import annotations

from dataclasses import dataclass

from archivegen.contract.fields import FieldError, key


@dataclass(frozen=True, kw_only=True)
class GlossaryMeta:
    term: str = key("the term as printed in the appendix")
    aliases: list[str] = key("other spellings; every document that uses one is annotated", factory=list,
                             always=True)
    defined_in: str | None = key("id of the document whose appendix defines it", default=None, always=True)
    number: int | None = key("its number in the appendix, if numbered", default=None, always=True)

    def __post_init__(self) -> None:
        if not self.term.strip():
            raise FieldError("term", "must not be empty")
