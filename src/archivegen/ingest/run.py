"""The import pipeline: raw files → the files of content/ (computed in memory, written last).

`plan_import` is pure: bytes in, file texts out. `ingest.write.write_plan` is the only code
that writes into content/, and it runs only after every input was processed without error,
so a bad file never leaves a half-written content/.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from archivegen.ingest import describe as describe_mod
from archivegen.ingest.clean import Cleaned, clean
from archivegen.ingest.clean.layout import toc_entries
from archivegen.ingest.decode import Decoded, decode_bytes
from archivegen.ingest.describe import Description, describe, regions, year_evidence
from archivegen.ingest.edits import OffsetMap, Pass
from archivegen.ingest.split import Segment, split
from archivegen.markdown_io import dump, render_body
from archivegen.slug import slugify, unique


class ImportError_(ValueError):
    """A raw file that cannot be imported; the message names the file."""


@dataclass
class SourcePlan:
    name: str                          # file name under content/sources/
    data: bytes
    sha256: str
    decoded: Decoded
    cleaned: Cleaned
    segments: list[Segment]
    descriptions: list[Description] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    compilation: dict | None = None


@dataclass
class ImportPlan:
    """Every file an import would write: content-relative path → text (or bytes)."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    sources: list[SourcePlan] = field(default_factory=list)
    # outputs of each source, for the record of what was written (edit detection)
    outputs: dict[str, list[str]] = field(default_factory=dict)


# ---------------------------------------------------------------- edits ↔ documents

def _final_positions(passes: tuple[Pass, ...]) -> list[list[int]]:
    """For each pass and edit, where the edit lies in the final cleaned text."""
    maps = [OffsetMap(p.edits) for p in passes]
    out = []
    for k, p in enumerate(passes):
        positions = []
        for e in p.edits:
            pos = maps[k].forward(e.start)
            for m in maps[k + 1:]:
                pos = m.forward(pos)
            positions.append(pos)
        out.append(positions)
    return out


def _raw_offset(passes: tuple[Pass, ...], pos: int, upto: int | None = None) -> int:
    """Map an offset in the output of pass `upto` (default: the last) back to the decoded text."""
    upto = len(passes) if upto is None else upto
    for p in reversed(passes[:upto]):
        pos = OffsetMap(p.edits).backward(pos)
    return pos


def _owner(pos: int, segments: list[Segment], has_compilation: bool) -> int | None:
    """Index of the document an edit at final offset `pos` belongs to (None: the compilation)."""
    for i, s in enumerate(segments):
        if s.start <= pos < s.end or (i == len(segments) - 1 and pos >= s.start):
            return i
    if pos < segments[0].start:
        return None if has_compilation else 0
    before = [i for i, s in enumerate(segments) if s.end <= pos]
    return before[-1] if before else 0


def edit_summary(passes: tuple[Pass, ...], owners: list[list[int | None]], who: int | None) -> list[dict]:
    """Per rule: how many edits this document got, and the distinct reasons."""
    out = []
    for p, own in zip(passes, owners):
        mine = [e for e, o in zip(p.edits, own) if o == who]
        if not mine:
            continue
        reasons = sorted({e.reason for e in mine})
        out.append({"rule": p.rule, "label": p.label, "action": p.action, "count": len(mine), "reasons": reasons})
    return out


def edit_note(summary: list[dict]) -> str:
    """The reader's editorial note: '删除网页导航 1 处、拼音注音 192 处；恢复…'."""
    parts = []
    for item in summary:
        if item["rule"] == "substitution":
            for reason in item["reasons"]:
                parts.append(f"{reason} {item['count']} 处")
        else:
            parts.append(f"{item['action']}{item['label']} {item['count']} 处")
    return "；".join(parts)


# ---------------------------------------------------------------- one source

def process_source(name: str, data: bytes) -> SourcePlan:
    """Decode, clean and split one raw file (describe runs later, with the whole batch)."""
    try:
        decoded = decode_bytes(data)
    except ValueError as exc:
        raise ImportError_(f"{name}: {exc}") from None
    if not decoded.text.strip():
        raise ImportError_(f"{name}: no text in this file")
    cleaned = clean(decoded)
    segments = split(cleaned.text)
    if not segments:
        raise ImportError_(f"{name}: nothing left after cleaning; no document found")
    return SourcePlan(name, data, hashlib.sha256(data).hexdigest(), decoded, cleaned, segments)


# Text removed by these rules is page furniture that may state the outlet or publish time.
FRAME_RULES = ("chrome", "html_frame")


def _removed_texts(sp: SourcePlan, owners: list[list[int | None]], who: int) -> list[str]:
    """What the page frame and meta lines around this document said (not other articles)."""
    return [e.old for p, own in zip(sp.cleaned.passes, owners) if p.rule in FRAME_RULES
            for e, o in zip(p.edits, own) if o == who]


def _compilation(sp: SourcePlan, descs: list[Description]) -> dict | None:
    """A file whose table of contents lists several parts is a compilation."""
    removed_toc = [e.old for p in sp.cleaned.passes if p.rule == "toc" for e in p.edits]
    listed = toc_entries(removed_toc)
    if len(listed) < 3:
        return None
    title = None
    for p in sp.cleaned.passes:
        for e in p.edits:
            m = re.search(r"(本文标题|文章标题|标题)\s*[:：]\s*(?P<t>[^\n]{4,60})", e.old)
            if m:
                title = m.group("t").strip()
    title = title or sp.decoded.title or sp.name
    parts = []
    used = set()
    for entry in listed:
        match = None
        for i, d in enumerate(descs):
            names = [d.region or ""] + list(regions().get(d.region or "", None).aliases if regions().get(d.region or "") else [])
            if i not in used and any(n and n in entry for n in names):
                match = i
                used.add(i)
                break
        parts.append({"name": entry, "document": match})
    return {"title": title, "parts": parts}


def describe_all(plans: list[SourcePlan], curated_people: dict[str, list[str]]) -> None:
    """Describe every segment; people named with a role anywhere in the batch are then
    recognised by name alone in the other documents."""
    owners_by_plan = {}
    for sp in plans:
        pos = _final_positions(sp.cleaned.passes)
        comp = len(toc_entries([e.old for p in sp.cleaned.passes if p.rule == "toc" for e in p.edits])) >= 3
        owners_by_plan[sp.name] = [[_owner(x, sp.segments, comp) for x in row] for row in pos]

    known: dict[str, list[str]] = dict(curated_people)
    for sp in plans:
        for i, seg in enumerate(sp.segments):
            d = describe(sp.cleaned.text, seg, None, _removed_texts(sp, owners_by_plan[sp.name], i), sp.decoded.title)
            for name, roles in d.roles.items():
                if roles:
                    known.setdefault(name, roles)
    for sp in plans:
        owners = owners_by_plan[sp.name]
        descs = [describe(sp.cleaned.text, seg, known, _removed_texts(sp, owners, i), sp.decoded.title)
                 for i, seg in enumerate(sp.segments)]
        if all(s.shape == "article" for s in sp.segments) and len(descs) > 1:
            strong = [any(k == "exact" for _, k, _ in year_evidence(sp.cleaned.text[s.start:s.end])) for s in sp.segments]
            descs = describe_mod.with_page_year(descs, strong)
        sp.descriptions = descs
        sp.compilation = _compilation(sp, descs)
        sp._owners = owners  # type: ignore[attr-defined]


# ---------------------------------------------------------------- files

def _doc_id(d: Description, taken: set[str]) -> str:
    region = regions().get(d.region or "")
    title = d.title
    if d.year:
        title = title.replace(f"{d.year}年", "", 1)
    if d.region:
        title = title.replace(d.region, "", 1)
    parts = [str(d.year) if d.year else "undated", region.slug if region else "other", slugify(title, 6)]
    return unique("-".join(parts), taken)


def _line_range(sp: SourcePlan, start: int, end: int) -> list[int]:
    raw = sp.decoded.text
    a = _raw_offset(sp.cleaned.passes, start)
    b = _raw_offset(sp.cleaned.passes, max(start, end - 1))
    return [raw.count("\n", 0, a) + 1, raw.count("\n", 0, b) + 1]


def document_meta(sp: SourcePlan, i: int, doc_id: str, compilation_id: str | None) -> tuple[dict, str]:
    d = sp.descriptions[i]
    seg = sp.segments[i]
    owners = sp._owners  # type: ignore[attr-defined]
    summary = edit_summary(sp.cleaned.passes, owners, i)
    body_text = sp.cleaned.text[d.body_start:seg.end]
    meta: dict = {"id": doc_id, "title": d.title}
    if d.title_derived:
        meta["title_derived"] = True
    for key in ("printed_title", "kicker", "subtitle"):
        if getattr(d, key):
            meta[key] = getattr(d, key)
    meta.update({
        "doc_type": d.doc_type,
        "region": d.region,
        "date": _dt.date.fromisoformat(d.date) if d.date else None,
        "year": d.year,
        "date_inferred": d.date_inferred,
    })
    if d.year_evidence and d.date_inferred:
        meta["date_evidence"] = d.year_evidence
    for key in ("speaker", "speaker_role", "author", "occasion"):
        if getattr(d, key):
            meta[key] = getattr(d, key)
    meta["people"] = d.people
    roles = {n: r for n, r in d.roles.items() if r}
    if roles:
        meta["roles"] = roles
    meta["complete"] = d.complete
    if not d.complete:
        meta["incomplete_reason"] = d.incomplete_reason
    if compilation_id:
        meta["compilation"] = compilation_id
    source = {
        "file": f"sources/{sp.name}",
        "sha256": sp.sha256,
        "encoding": sp.decoded.encoding,
        "lines": _line_range(sp, seg.start, seg.end),
        "span": [d.body_start, seg.end],
        "edit_log": f"sources/{sp.name}.edits.json",
    }
    if sp.decoded.url:
        source["url"] = sp.decoded.url
    if d.source_name:
        source["name"] = d.source_name
    meta["source"] = source
    meta["edits"] = summary
    meta["editor_note"] = edit_note(summary)
    meta["tags"] = []
    return meta, render_body(body_text)


def edit_log(sp: SourcePlan) -> str:
    """The replayable record of cleaning for one source (JSON, one edit per line)."""
    raw = sp.decoded.text
    passes = []
    for k, p in enumerate(sp.cleaned.passes):
        rows = []
        for e in p.edits:
            line = raw.count("\n", 0, _raw_offset(sp.cleaned.passes, e.start, k)) + 1
            rows.append([e.start, e.end, e.new, e.old, e.reason, line])
        passes.append({"rule": p.rule, "label": p.label, "action": p.action, "edits": rows})
    record = {
        "source": sp.name,
        "sha256": sp.sha256,
        "encoding": sp.decoded.encoding,
        "newline": sp.decoded.newline,
        "format": "html" if sp.decoded.is_html else "text",
        "passes": passes,
    }
    # one edit per line keeps diffs of the log readable
    lines = json.dumps(record, ensure_ascii=False, indent=1).split("\n")
    return "\n".join(lines) + "\n"


def plan_import(named_data: list[tuple[str, bytes]], curated_people: dict[str, list[str]] | None = None,
                taken_ids: set[str] | None = None, progress=None) -> ImportPlan:
    """Process raw files (name, bytes) into the files they produce under content/."""
    from archivegen.ingest.glossary import find_glossary, term_aliases

    plan = ImportPlan()
    plans = []
    for name, data in named_data:
        plans.append(process_source(name, data))
        if progress:
            progress(1)
    describe_all(plans, curated_people or {})
    taken = set(taken_ids or ())
    term_taken: set[str] = set()
    for sp in plans:
        outputs = []
        comp_id = None
        ids = [_doc_id(d, taken) for d in sp.descriptions]
        sp.doc_ids = ids
        if sp.compilation:
            comp_id = unique("compilation-" + slugify(sp.compilation["title"], 8), taken)
            comp_meta = {
                "id": comp_id,
                "title": sp.compilation["title"],
                "parts_listed": len(sp.compilation["parts"]),
                "parts_present": sum(1 for p in sp.compilation["parts"] if p["document"] is not None),
                "parts": [{"name": p["name"], "document": ids[p["document"]] if p["document"] is not None else None}
                          for p in sp.compilation["parts"]],
                "source": {"file": f"sources/{sp.name}", "sha256": sp.sha256, "edit_log": f"sources/{sp.name}.edits.json"},
                "edits": edit_summary(sp.cleaned.passes, sp._owners, None),  # type: ignore[attr-defined]
            }
            preface = sp.cleaned.text[: sp.segments[0].start].strip()
            path = f"compilations/{comp_id}.md"
            plan.files[path] = dump(comp_meta, render_body(preface) if preface else "")
            outputs.append(path)
        for i, doc_id in enumerate(ids):
            meta, body = document_meta(sp, i, doc_id, comp_id)
            region = regions().get(meta["region"] or "")
            path = f"documents/{region.slug if region else 'other'}/{doc_id}.md"
            plan.files[path] = dump(meta, body)
            outputs.append(path)
            glossary = find_glossary(sp.cleaned.text[sp.descriptions[i].body_start:sp.segments[i].end])
            for item in glossary.items if glossary else ():
                term_id = unique(slugify(item.term, 8), term_taken)
                gmeta = {"term": item.term, "aliases": list(item.aliases), "defined_in": doc_id, "number": item.number}
                gpath = f"glossary/{term_id}.md"
                plan.files[gpath] = dump(gmeta, item.definition.strip() + "\n")
                outputs.append(gpath)
        plan.files[f"sources/{sp.name}"] = sp.data
        plan.files[f"sources/{sp.name}.edits.json"] = edit_log(sp)
        plan.outputs[sp.name] = outputs
        plan.sources.append(sp)
    return plan


def source_name(path: PurePosixPath | str) -> str:
    return PurePosixPath(str(path)).name
