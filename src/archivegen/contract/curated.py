"""Contributors' lists in content/: people.yaml and topic_stopwords.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from archivegen.contract.fields import key


@dataclass(frozen=True, kw_only=True)
class PersonEntry:
    """One person in people.yaml."""

    name: str = key("the person's name as documents print it")
    roles: list[str] = key("roles added to those the texts print", factory=list)
    aliases: list[str] = key("other spellings that mean the same person", factory=list)


@dataclass(frozen=True, kw_only=True)
class PeopleFile:
    """content/people.yaml: import proposes people, this file decides."""

    people: list[PersonEntry] = key("people, with roles and aliases", factory=list)
    ignore: list[str] = key("names never listed as a document's people", factory=list)

    def roles_by_name(self) -> dict[str, list[str]]:
        return {p.name: list(p.roles) for p in self.people}


# content/topic_stopwords.yaml is a plain list of words (see contract/read.py).
