"""The front matter of content/documents/<region>/<id>.md: what a document is."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from archivegen.contract.fields import FieldError, key


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a document's (or a compilation's) text came from."""

    file: str = key("the raw file, `sources/<name>` under content/")
    sha256: str = key("SHA-256 of the raw file's bytes (checked by `archivegen check` and every build)")
    encoding: str | None = key("the raw file's text encoding", default=None)
    lines: list[int] = key("first and last line of the document in the raw file", factory=list)
    span: list[int] = key("start and end offset of the body in the cleaned text (the edit log replays to it)",
                          factory=list)
    edit_log: str | None = key("the replayable record of cleaning, `sources/<name>.edits.json`", default=None)
    url: str | None = key("the page's address, when the raw file is a saved web page", default=None)
    name: str | None = key("the outlet the text was taken from (来源)", default=None)


@dataclass(frozen=True, kw_only=True)
class EditCount:
    """What one cleaning rule changed in a document."""

    rule: str = key("the rule's name (see src/archivegen/ingest/clean/)")
    label: str = key("what the rule fixes, in the reader's words")
    action: str = key("its verb: 删除, 替换, 合并, 恢复 …")
    count: int = key("how many edits it made here")
    reasons: list[str] = key("the distinct reasons it gave", factory=list, always=True)


@dataclass(frozen=True, kw_only=True)
class DocumentMeta:
    id: str = key("stable ASCII id; URLs and links use it. Do not change it once published.")
    title: str = key("the headline")
    title_derived: bool = key("true when the editor made the title from the first sentence", default=False)
    printed_title: str | None = key("the title as printed, when `title` normalises it "
                                    "(政府工作报告 → 2024年浦东新区政府工作报告)", default=None)
    kicker: str | None = key("引题: the line above a newspaper headline", default=None)
    subtitle: str | None = key("副题: the line below it", default=None)
    doc_type: str = key("政府工作报告, 传达稿, 新闻报道, 政策文件, 讲话, 其他 …")
    region: str | None = key("上海市, 浦东新区 … (names from src/archivegen/data/regions.yaml), or null",
                             required=True)
    date: _dt.date | None = key("YYYY-MM-DD or null", default=None, always=True)
    year: int | None = key("a whole number or null", default=None, always=True)
    date_inferred: bool = key("true when the year (or date) is not printed as such in the document",
                              default=False, always=True)
    date_evidence: str | None = key("what an inferred date was inferred from", default=None)
    speaker: str | None = key("who delivered it, as printed", default=None)
    speaker_role: str | None = key("the speaker's role, as printed", default=None)
    author: str | None = key("the reporter or author, as printed", default=None)
    occasion: str | None = key("the meeting it was delivered at", default=None)
    issuer: str | None = key("发文机关: the body that issued an official document (国务院办公厅)", default=None)
    doc_number: str | None = key("发文字号: its number (国发〔2019〕5号)", default=None)
    written: _dt.date | None = key("成文日期: the date it was signed; `date` when known", default=None)
    published: _dt.date | None = key("发布日期: the date it was published", default=None)
    topic: str | None = key("主题分类: its subject class, as its info table prints it", default=None)
    people: list[str] = key("names of people the document is about", factory=list, always=True)
    roles: dict[str, list[str]] = key("name → the roles printed with it", factory=dict)
    complete: bool = key("false when the source holds only part of the document", default=True, always=True)
    incomplete_reason: str | None = key("which part is missing", default=None)
    compilation: str | None = key("id of the compilation the document came in", default=None)
    source: Source | None = key("where the text came from (see below)", default=None, always=True)
    edits: list[EditCount] = key("what cleaning changed, per rule (see below)", factory=list, always=True)
    editor_note: str = key("the note readers see about those changes", default="", always=True)
    tags: list[str] = key("your own tags (added to the automatic ones)", factory=list, always=True)
    topics: list[str] | None = key("topic words that replace the automatic ones", default=None)

    def __post_init__(self) -> None:
        if not self.id.isascii() or not self.id or any(c in self.id for c in " /\\#?%"):
            raise FieldError("id", f"must be ASCII without spaces or slashes, not {self.id!r}")
        if not self.title.strip():
            raise FieldError("title", "must not be empty")
        if not self.doc_type.strip():
            raise FieldError("doc_type", "must not be empty")

    @property
    def date_text(self) -> str | None:
        return self.date.isoformat() if self.date else None
