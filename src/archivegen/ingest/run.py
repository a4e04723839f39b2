"""The import pipeline: raw files → the files of content/ (computed in memory, written last).

`plan_import` is pure: bytes in, file texts out. `ingest.write.write_plan` is the only code
that writes into content/, and it runs only after every input was processed without error,
so a bad file never leaves a half-written content/.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Callable

import ahocorasick

from archivegen.contract import (CompilationMeta, ContentError, DocumentMeta, EditCount, FieldError, GlossaryMeta,
                                 Part, Source, to_front_matter, typed)
from archivegen.contract.read import InUse
from archivegen.data.regions import regions
from archivegen.ingest import describe as describe_mod
from archivegen.ingest import headline, parallel
from archivegen.ingest.clean import Cleaned, clean
from archivegen.ingest.clean.base import DeclaredTitle, Fact, PageFrame, TocEntry
from archivegen.ingest.clean.templates import BatchLines, batch_lines
from archivegen.ingest.decode import Decoded, decode_bytes
from archivegen.ingest.describe import Description, KnownPeople, describe, name_people, people_text, year_evidence
from archivegen.ingest.edits import Edit, OffsetMap, Pass, edited_parts, join_parts
from archivegen.ingest.split import Segment, split
from archivegen.ingest.spool import SpooledBytes
from archivegen.markdown_io import dump, escape_lines, parse, render_body, run_in_headings
from archivegen.slug import slugify, unique

# A file whose table of contents lists this many parts is a compilation.
COMPILATION_MIN_PARTS = 3


class ImportError_(ValueError):
    """A raw file (or a path given to import) that cannot be imported, and why."""


@dataclass
class SourcePlan:
    name: str                          # file name under content/sources/
    data: bytes
    sha256: str
    decoded: Decoded
    cleaned: Cleaned
    segments: list[Segment]
    # per pass, per edit (and per fact): the index of the document it belongs to (None: none)
    edit_owners: list[list[int | None]] = field(default_factory=list)
    fact_owners: list[list[int | None]] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    compilation: dict | None = None

    def facts_by_document(self) -> dict[int | None, list[Fact]]:
        """The facts cleaning learned inside each document (None: outside any), in pass
        and text order: one walk over the facts for all the documents."""
        out: dict[int | None, list[Fact]] = {}
        for p, own in zip(self.cleaned.passes, self.fact_owners):
            for f, o in zip(p.facts, own):
                out.setdefault(o, []).append(f)
        return out

    def all_facts(self, kind: type[Fact]) -> list:
        return [f for p in self.cleaned.passes for f in p.facts if isinstance(f, kind)]


@dataclass(frozen=True)
class Failure:
    name: str          # the raw file's name
    reason: str        # why it was not imported, for the person importing it


@dataclass
class ImportPlan:
    """Every file an import would write: content-relative path → text, bytes, or bytes
    spooled to a temporary file (an edit log: ingest/spool.py)."""

    files: dict[str, str | bytes | SpooledBytes] = field(default_factory=dict)
    sources: list[SourcePlan] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


# ---------------------------------------------------------------- edits ↔ documents

def _final_positions(maps: list[OffsetMap], offsets_per_pass: list[list[int]]) -> list[list[int]]:
    """For offsets given in the input of each pass (`maps`: each pass's OffsetMap), where
    they lie in the final cleaned text."""
    out = []
    for k, offsets in enumerate(offsets_per_pass):
        positions = list(offsets)
        for m in maps[k:]:
            positions = m.forward_all(positions)
        out.append(positions)
    return out


class RawLines:
    """Line numbers in the raw file of offsets in the output of any cleaning pass: each
    pass's offset map built once, the raw file's line starts found by binary search, so
    locating every edit of a file costs E log E, not E × the file's size."""

    def __init__(self, sp: "SourcePlan") -> None:
        self.maps = [OffsetMap(p.edits) for p in sp.cleaned.passes]
        self.newlines = [m.start() for m in re.finditer("\n", sp.decoded.text)]

    def raw_offset(self, pos: int, upto: int | None = None) -> int:
        """Map an offset in the output of pass `upto` (default: the last) back to the decoded text."""
        for m in reversed(self.maps[:len(self.maps) if upto is None else upto]):
            pos = m.backward(pos)
        return pos

    def line(self, pos: int, upto: int | None = None) -> int:
        return bisect.bisect_left(self.newlines, self.raw_offset(pos, upto)) + 1


def _owner(pos: int, segments: list[Segment], has_compilation: bool) -> int | None:
    """Index of the document an edit at final offset `pos` belongs to (None: the compilation)."""
    for i, s in enumerate(segments):
        if s.start <= pos < s.end or (i == len(segments) - 1 and pos >= s.start):
            return i
    if pos < segments[0].start:
        return None if has_compilation else 0
    before = [i for i, s in enumerate(segments) if s.end <= pos]
    return before[-1] if before else 0


def _owners(positions: list[int], segments: list[Segment], has_compilation: bool) -> list[int | None]:
    """_owner() of each position. Segments from split() are in order and apart, so each
    position's document is found by bisection: a big file's 670,000 edits against its
    thousands of documents are not a walk over the documents per edit."""
    starts = [s.start for s in segments]
    if any(s.start > s.end for s in segments) or any(a.end > b.start for a, b in zip(segments, segments[1:])):
        return [_owner(x, segments, has_compilation) for x in positions]
    before_first = None if has_compilation else 0
    out: list[int | None] = []
    for x in positions:
        i = bisect.bisect_right(starts, x) - 1
        out.append(i if i >= 0 else before_first)
    return out


def edit_summaries(passes: tuple[Pass, ...], owners: list[list[int | None]]) -> dict[int | None, list[EditCount]]:
    """edit_summary() of every document at once, in one walk over the edits (asked
    document by document, a file's edits were walked once per document)."""
    out: dict[int | None, list[EditCount]] = {}
    for p, own in zip(passes, owners):
        mine: dict[int | None, list[Edit]] = {}
        for e, o in zip(p.edits, own):
            mine.setdefault(o, []).append(e)
        for who, edits in mine.items():
            reasons = sorted({e.reason for e in edits})
            out.setdefault(who, []).append(EditCount(rule=p.rule, label=p.label, action=p.action,
                                                     count=len(edits), reasons=reasons))
    return out


def edit_summary(passes: tuple[Pass, ...], owners: list[list[int | None]], who: int | None) -> list[EditCount]:
    """Per rule: how many edits this document got, and the distinct reasons."""
    return edit_summaries(passes, owners).get(who, [])


# Layout the body's Markdown gets without a change to its text (markdown_io.render_body):
# recorded for readers beside the edits, absent from the edit log (there is nothing to replay).
LAYOUT_RULE = "run_in_headings"


def layout_changes(body_text: str) -> list[EditCount]:
    n = run_in_headings(body_text)
    if not n:
        return []
    return [EditCount(rule=LAYOUT_RULE, label="段首小标题", action="单列", count=n,
                      reasons=["段首的（一）（二）小标题单列为标题，只改版式，文字未改"])]


def edit_note(summary: list[EditCount]) -> str:
    """The reader's editorial note: '删除网页导航 1 处、拼音注音 192 处；恢复…'."""
    parts = []
    for item in summary:
        if item.rule == "substitution":
            for reason in item.reasons:
                parts.append(f"{reason} {item.count} 处")
        else:
            parts.append(f"{item.action}{item.label} {item.count} 处")
    return "；".join(parts)


# ---------------------------------------------------------------- one source

def decode_source(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode one raw file (as `encoding`, if given); a file with no text is refused."""
    try:
        decoded = decode_bytes(data, encoding)
    except ValueError as exc:
        raise ImportError_(str(exc)) from None
    if not decoded.text.strip():
        raise ImportError_("no text in this file")
    return decoded


def process_source(name: str, data: bytes, encoding: str | None = None, decoded: Decoded | None = None,
                   batch: BatchLines | None = None, done: Callable[[float], None] | None = None) -> SourcePlan:
    """Decode (as `encoding`, if given), clean and split one raw file, and tell each edit and
    fact its document (describe runs later, with the whole batch). `batch`: the import's line
    counts (clean/templates.py). `done` hears the share of the cleaning done, rule by rule."""
    decoded = decoded or decode_source(data, encoding)
    cleaned = clean(decoded, batch=batch, done=done)
    page = headline.of_page(decoded)
    # a web page whose markup and text agree on one headline holds one story (its subheads
    # are not the headlines of other articles), and so does a page saved as text whose
    # frame cleaning removed (page_furniture's PageFrame)
    framed = any(isinstance(f, PageFrame) for p in cleaned.passes for f in p.facts)
    segments = split(cleaned.text, one_story=bool(page and page.agreed) or framed)
    if not segments:
        raise ImportError_("nothing left after cleaning; no document found")
    sp = SourcePlan(name, data, hashlib.sha256(data).hexdigest(), decoded, cleaned, segments)
    has_compilation = len(sp.all_facts(TocEntry)) >= COMPILATION_MIN_PARTS
    passes = cleaned.passes
    maps = [OffsetMap(p.edits) for p in passes]
    for offsets, owners in (([[e.start for e in p.edits] for p in passes], sp.edit_owners),
                            ([[f.at for f in p.facts] for p in passes], sp.fact_owners)):
        for row in _final_positions(maps, offsets):
            owners.append(_owners(row, segments, has_compilation))
    return sp


def _compilation(sp: SourcePlan, descs: list[Description]) -> dict | None:
    """A file whose table of contents lists several parts is a compilation."""
    listed = [f.entry for f in sp.all_facts(TocEntry)]
    if len(listed) < COMPILATION_MIN_PARTS:
        return None
    declared = sp.all_facts(DeclaredTitle)
    title = (declared[-1].title if declared else None) or sp.decoded.title or sp.name
    return {"title": title,
            "parts": [{"name": entry, "document": i} for entry, i in zip(listed, toc_documents(listed, descs))]}


def toc_documents(listed: list[str], descs: list[Description]) -> list[int | None]:
    """For each table-of-contents entry, in order, the first document not yet taken whose
    region (or one of the region's other names) the entry holds, or None. One automaton
    pass over each entry finds the names it holds, so a table of N parts over N documents
    is not N × N comparisons."""
    table = regions()
    holders: dict[str, list[int]] = {}       # name → documents of that region, in order
    for i, d in enumerate(descs):
        region = table.get(d.region or "")
        for name in dict.fromkeys([d.region or "", *(region.aliases if region else ())]):
            if name:
                holders.setdefault(name, []).append(i)
    if not holders:
        return [None] * len(listed)
    automaton = ahocorasick.Automaton()
    for name in holders:
        automaton.add_word(name, name)
    automaton.make_automaton()
    first_free = dict.fromkeys(holders, 0)    # name → where its untaken documents start
    taken: set[int] = set()
    out: list[int | None] = []
    for entry in listed:
        best = None
        for name in {name for _, name in automaton.iter(entry)}:
            docs, k = holders[name], first_free[name]
            while k < len(docs) and docs[k] in taken:
                k += 1
            first_free[name] = k
            if k < len(docs) and (best is None or docs[k] < best):
                best = docs[k]
        if best is not None:
            taken.add(best)
        out.append(best)
    return out


def describe_all(plans: list[SourcePlan], curated_people: dict[str, list[str]],
                 failures: list[Failure]) -> list[SourcePlan]:
    """Describe every segment once; people named with a role anywhere in the batch are then
    recognised by name alone in the other documents. Returns the plans described; a file
    whose description fails is added to `failures`."""
    described, texts = [], []            # per plan, per document: the text people are named in
    known: dict[str, list[str]] = dict(curated_people)
    sites = headline.site_names([sp.decoded.title_tag for sp in plans])
    for sp in plans:
        try:
            page = headline.of_page(sp.decoded, sites)
            facts = sp.facts_by_document()
            sp.descriptions = [describe(sp.cleaned.text, seg, facts.get(i, []), page if i == 0 else None)
                               for i, seg in enumerate(sp.segments)]
            plan_texts = [people_text(d, sp.cleaned.text, seg) for d, seg in zip(sp.descriptions, sp.segments)]
            named = [name_people(d, text) for d, text in zip(sp.descriptions, plan_texts)]
        except Exception as exc:
            failures.append(Failure(sp.name, _reason(exc)))
            continue
        described.append(sp)
        texts.append(plan_texts)
        for d in named:
            for name, roles in d.roles.items():
                if roles:
                    known.setdefault(name, roles)
    finder = KnownPeople(known)
    for sp, plan_texts in zip(described, texts):
        descs = [name_people(d, text, finder) for d, text in zip(sp.descriptions, plan_texts)]
        if all(s.shape == "article" for s in sp.segments) and len(descs) > 1:
            strong = [any(k == "exact" for _, k, _ in year_evidence(sp.cleaned.text[s.start:s.end])) for s in sp.segments]
            descs = describe_mod.with_page_year(descs, strong)
        sp.descriptions = descs
        sp.compilation = _compilation(sp, descs)
    return described


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


def document_meta(sp: SourcePlan, i: int, doc_id: str, compilation_id: str | None,
                  raw_lines: RawLines, summaries: dict[int | None, list[EditCount]]) -> tuple[DocumentMeta, str]:
    """The front matter and Markdown body of the i-th document of a source (`summaries`:
    edit_summaries() of the source, made once for all its documents)."""
    d = sp.descriptions[i]
    seg = sp.segments[i]
    summary = list(summaries.get(i, []))
    body_text = sp.cleaned.text[d.body_start:seg.end]
    summary += layout_changes(body_text)
    meta = DocumentMeta(
        id=doc_id,
        title=d.title,
        title_derived=d.title_derived,
        printed_title=d.printed_title,
        kicker=d.kicker,
        subtitle=d.subtitle,
        doc_type=d.doc_type,
        region=d.region,
        date=_dt.date.fromisoformat(d.date) if d.date else None,
        year=d.year,
        date_inferred=d.date_inferred,
        date_evidence=d.year_evidence if d.date_inferred else None,
        speaker=d.speaker,
        speaker_role=d.speaker_role,
        author=d.author,
        occasion=d.occasion,
        issuer=d.issuer,
        doc_number=d.doc_number,
        written=_dt.date.fromisoformat(d.written) if d.written else None,
        published=_dt.date.fromisoformat(d.published) if d.published else None,
        topic=d.topic,
        people=d.people,
        roles={n: r for n, r in d.roles.items() if r},
        complete=d.complete,
        incomplete_reason=None if d.complete else d.incomplete_reason,
        compilation=compilation_id,
        source=Source(
            file=f"sources/{sp.name}",
            sha256=sp.sha256,
            encoding=sp.decoded.encoding,
            lines=[raw_lines.line(seg.start), raw_lines.line(max(seg.start, seg.end - 1))],
            span=[d.body_start, seg.end],
            edit_log=f"sources/{sp.name}.edits.json",
            url=sp.decoded.url or d.source_url,
            name=d.source_name,
        ),
        edits=summary,
        editor_note=edit_note(summary),
    )
    return meta, render_body(body_text)


# Characters of the text around an edit that its log keeps, so readers see it in context
# (the build never decodes a raw file again to show them).
LOG_CONTEXT = 14


def edit_log(sp: SourcePlan, lines: RawLines | None = None) -> SpooledBytes:
    """The replayable record of cleaning for one source (JSON, one edit per line): each edit
    is [start, end, new, old, reason, line in the raw file, text before, text after].

    Written as the edits are visited, as UTF-8, a few thousand lines at a time, into a
    SpooledBytes (in memory while small, else a temporary file): a 50 MB file can have
    700,000 edits and a 160 MB log, which held in memory until the batch is written was the
    largest thing its import held. A text that cannot be UTF-8 (half a surrogate pair)
    raises UnicodeEncodeError here: that file's failure."""
    raw = sp.decoded.text
    lines = lines or RawLines(sp)
    header = {
        "source": sp.name,
        "sha256": sp.sha256,
        "encoding": sp.decoded.encoding,
        "newline": sp.decoded.newline,
        "format": "html" if sp.decoded.is_html else "text",
    }
    out = SpooledBytes()
    pending: list[str] = []
    held = [0]                  # characters in pending

    def put(line: str) -> None:
        pending.append(line)
        held[0] += len(line)
        if len(pending) >= 4096 or held[0] >= _PIECE:
            out.write("".join(pending).encode("utf-8"))
            pending.clear()
            held[0] = 0

    # one edit per line: diffs of a re-import stay readable, and the file is half the size
    # of JSON indented throughout
    put("{\n" + "".join(f" {_json(k)}: {_json(v)},\n" for k, v in header.items()) + ' "passes": [\n')
    passes = [(k, p) for k, p in enumerate(sp.cleaned.passes) if p.edits]
    text = raw
    for n, (k, p) in enumerate(passes):
        head = _json({"rule": p.rule, "label": p.label, "action": p.action})[:-1]
        put(f'  {head}, "edits": [\n')
        last = len(p.edits) - 1
        for j, e in enumerate(p.edits):
            end = e.start + len(e.old)
            row = [e.start, end, e.new, e.old, e.reason, lines.line(e.start, k),
                   text[max(0, e.start - LOG_CONTEXT):e.start], text[end:end + LOG_CONTEXT]]
            tail = ",\n" if j < last else "\n"
            if len(e.old) > _PIECE or len(e.new) > _PIECE:
                _put_row(put, row, tail)
            else:
                put(f"   {_json(row)}{tail}")
        put("  ]},\n" if n < len(passes) - 1 else "  ]}\n")
        parts = edited_parts(text, p.edits)
        text = ""                   # let this pass's text go before the next one is joined
        text = join_parts(parts)
        del parts
    put(" ]\n}\n")
    out.write("".join(pending).encode("utf-8"))
    return out


_JSON = json.JSONEncoder(ensure_ascii=False)     # json.dumps(…, ensure_ascii=False) makes one per call
_PIECE = 1 << 20        # characters of the log made into one string at most


def _put_row(put: Callable[[str], None], row: list, tail: str) -> None:
    """One edit's row with a long text in it, as `_json(row)` writes it. A text longer than
    _PIECE (a saved copy of the whole page removed: tens of MB) is escaped a piece at a
    time, so neither its JSON nor its UTF-8 is ever one more copy of it (JSON escapes each
    character alone)."""
    put("   [")
    for i, v in enumerate(row):
        if i:
            put(", ")
        if isinstance(v, str) and len(v) > _PIECE:
            put('"')
            for at in range(0, len(v), _PIECE):
                put(json.encoder.encode_basestring(v[at:at + _PIECE])[1:-1])
            put('"')
        else:
            put(_json(v))
    put(f"]{tail}")


def _json(value) -> str:
    return _JSON.encode(value)


def plan_import(named_data: list[tuple[str, bytes]], curated_people: dict[str, list[str]] | None = None,
                in_use: InUse | None = None, progress=None, encoding: str | None = None) -> ImportPlan:
    """Process raw files (name, bytes) into the files they produce under content/; `encoding`
    overrides encoding detection for all of them.

    A file that cannot be imported is a Failure of its own; the others are planned. Every
    planned Markdown file is read back through the content contract (what the build will
    do), so import never plans a file that check or the build would refuse."""
    plan = ImportPlan()
    shown = {name: FileProgress(progress, len(data)) for name, data in named_data}
    plans = _clean_all(named_data, encoding, shown, plan.failures)
    plans = describe_all(plans, curated_people or {}, plan.failures)
    taken = set(in_use.ids) if in_use else set()
    term_taken = set(in_use.glossary) if in_use else set()
    for sp in plans:
        # a file's outputs are claimed only when all of them were made and validated
        ids_before, terms_before = set(taken), set(term_taken)
        try:
            files = _source_files(sp, taken, term_taken)
            for rel, text in files.items():
                if isinstance(text, str):
                    # write_plan writes UTF-8: a text it cannot encode (half a surrogate
                    # pair) would stop the whole batch there, not this one file here
                    text.encode("utf-8")
                if rel.split("/", 1)[0] in _KINDS:
                    _validate(rel, text)
        except Exception as exc:
            taken.clear(), taken.update(ids_before)
            term_taken.clear(), term_taken.update(terms_before)
            plan.failures.append(Failure(sp.name, _reason(exc)))
            continue
        plan.files.update(files)
        plan.sources.append(sp)
        shown[sp.name].to(FileProgress.PLANNED)
    for p in shown.values():          # files that failed on the way
        p.to(FileProgress.PLANNED)
    return plan


class FileProgress:
    """One file's share of a progress bar counted in bytes, moved forward stage by stage
    (and rule by rule while it is cleaned), so one big file shows progress too. Planning
    takes a file to PLANNED; what is left is writing it (importer.import_)."""

    DECODED, CLEANED, SPLIT, PLANNED = 0.15, 0.6, 0.7, 0.9

    def __init__(self, progress: Callable[[int], None] | None, size: int) -> None:
        self.progress, self.size, self.done = progress, size, 0

    def to(self, share: float) -> None:
        target = int(self.size * share)
        if self.progress and target > self.done:
            self.progress(target - self.done)
            self.done = target

    def cleaning(self, rules_share: float) -> None:
        self.to(self.DECODED + (self.CLEANED - self.DECODED) * rules_share)

    def heard(self, report: tuple) -> None:
        """A worker's report on this file (ingest/parallel.py)."""
        kind = report[0]
        if kind == "lines":
            self.to(self.DECODED)
        elif kind == "cleaning":
            self.cleaning(report[1])
        elif kind == "plan":
            self.to(self.SPLIT)
        else:                                         # failed: nothing more will be done
            self.to(self.PLANNED)


def _clean_all(named_data: list[tuple[str, bytes]], encoding: str | None, shown: dict[str, FileProgress],
               failures: list[Failure]) -> list[SourcePlan]:
    """Decode, clean and split every file: in worker processes when the batch is big enough
    (ingest/parallel.py), else here; the same plans and failures, in the same order."""
    if parallel.worth_it(named_data):
        done = parallel.clean_in_workers(named_data, encoding, lambda i, report: shown[named_data[i][0]].heard(report))
        if done is not None:
            for i in done.left:                       # a worker died: its files are done here
                name, data = named_data[i]
                try:
                    done.plans[i] = process_source(name, data, encoding, None, done.batch, shown[name].cleaning)
                except Exception as exc:
                    done.not_cleaned[i] = _reason(exc)
            failures += [Failure(named_data[i][0], done.not_decoded[i]) for i in sorted(done.not_decoded)]
            failures += [Failure(named_data[i][0], done.not_cleaned[i]) for i in sorted(done.not_cleaned)]
            return [done.plans[i] for i in sorted(done.plans)]
    plans = []
    decoded: list[tuple[str, bytes, Decoded]] = []
    for name, data in named_data:
        try:
            decoded.append((name, data, decode_source(data, encoding)))
            shown[name].to(FileProgress.DECODED)
        except Exception as exc:   # one bad file never sinks the batch; it is reported
            failures.append(Failure(name, _reason(exc)))
            shown[name].to(FileProgress.PLANNED)
    # lines many files of this import share are its sites' page templates (clean/templates.py)
    batch = batch_lines(d.text for _, _, d in decoded)
    for name, data, d in decoded:
        try:
            plans.append(process_source(name, data, encoding, d, batch, shown[name].cleaning))
            shown[name].to(FileProgress.SPLIT)
        except Exception as exc:   # one bad file never sinks the batch; it is reported
            failures.append(Failure(name, _reason(exc)))
            shown[name].to(FileProgress.PLANNED)
    return plans


def _reason(exc: Exception) -> str:
    """What went wrong with a file, for the person importing it."""
    if isinstance(exc, (ImportError_, ContentError)):
        return str(exc)
    if isinstance(exc, FieldError):
        return f"would write an invalid {exc.key}: {exc.message}"
    return f"internal error ({type(exc).__name__}: {exc}); please report this file"


_KINDS = {"documents": DocumentMeta, "glossary": GlossaryMeta, "compilations": CompilationMeta}


def _validate(rel: str, text: str) -> None:
    """Read a planned file back the way the build will (contract.typed)."""
    meta, _ = parse(text, rel)
    typed(_KINDS[rel.split("/", 1)[0]], meta, PurePosixPath(rel), first_line=2)


def _source_files(sp: SourcePlan, taken: set[str], term_taken: set[str]) -> dict[str, str | bytes | SpooledBytes]:
    """Every file one source produces: its documents, glossary entries, compilation page,
    the raw file itself and its edit log."""
    from archivegen.ingest.glossary import find_glossary

    files: dict[str, str | bytes | SpooledBytes] = {}
    comp_id = None
    ids = [_doc_id(d, taken) for d in sp.descriptions]
    raw_lines = RawLines(sp)          # built once: every document and the log locate lines with it
    summaries = edit_summaries(sp.cleaned.passes, sp.edit_owners)
    if sp.compilation:
        comp_id = unique("compilation-" + slugify(sp.compilation["title"], 8), taken)
        parts = [Part(name=p["name"], document=ids[p["document"]] if p["document"] is not None else None)
                 for p in sp.compilation["parts"]]
        comp_meta = CompilationMeta(
            id=comp_id,
            title=sp.compilation["title"],
            parts_listed=len(parts),
            parts_present=sum(1 for p in parts if p.document is not None),
            parts=parts,
            source=Source(file=f"sources/{sp.name}", sha256=sp.sha256, edit_log=f"sources/{sp.name}.edits.json"),
            edits=list(summaries.get(None, [])),
        )
        preface = sp.cleaned.text[: sp.segments[0].start].strip()
        files[f"compilations/{comp_id}.md"] = dump(to_front_matter(comp_meta), render_body(preface) if preface else "")
    for i, doc_id in enumerate(ids):
        meta, body = document_meta(sp, i, doc_id, comp_id, raw_lines, summaries)
        region = regions().get(meta.region or "")
        files[f"documents/{region.slug if region else 'other'}/{doc_id}.md"] = dump(to_front_matter(meta), body)
        glossary = find_glossary(sp.cleaned.text[sp.descriptions[i].body_start:sp.segments[i].end])
        for item in glossary.items if glossary else ():
            term_id = unique(slugify(item.term, 8), term_taken)
            gmeta = GlossaryMeta(term=item.term, aliases=list(item.aliases), defined_in=doc_id, number=item.number)
            files[f"glossary/{term_id}.md"] = dump(to_front_matter(gmeta), escape_lines(item.definition))
    files[f"sources/{sp.name}"] = sp.data
    files[f"sources/{sp.name}.edits.json"] = edit_log(sp, raw_lines)
    return files
