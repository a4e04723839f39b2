"""The checks of one fuzz input, shared by tests/fuzz/test_fuzz.py and benchmarks/fuzz.py.

An input is imported in-process through `archivegen.ingest.import_` (what `archivegen
import` runs) into a fresh content folder, and then:

- nothing escapes: no exception, and a file that is refused has a reason that is not an
  internal error (plan_import turns an unexpected exception into "internal error (…)");
- nothing is half-written: no staging folder or journal is left, and a refused file
  leaves no documents behind;
- an accepted file makes a buildable archive: its raw bytes are kept as given, content/
  loads through the contract (`load_archive`), the edit log replays to every document
  body, and `site.build_site` renders every page.
"""

from __future__ import annotations

import json
import re
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.mutate import Input

ACCEPTED, REFUSED = "accepted", "refused"
TRACEBACK, HALF_WRITTEN, BROKEN_BUILD, REPLAY = "traceback", "half-written", "broken build", "edit log does not replay"
PROBLEMS = (TRACEBACK, HALF_WRITTEN, BROKEN_BUILD, REPLAY)


@dataclass
class Outcome:
    kind: str            # ACCEPTED, REFUSED or one of PROBLEMS
    reason: str = ""     # the refusal's reason, or what went wrong
    detail: str = ""     # a traceback, for a problem

    @property
    def problem(self) -> bool:
        return self.kind in PROBLEMS


def reason_kind(reason: str) -> str:
    """A refusal reason without its particulars, for counting ("not valid utf-8: …" → "not valid utf-8")."""
    head = reason.split(": ", 1)[0] if ": " in reason[:60] else reason
    return re.sub(r"(?<![\w-])\d+", "N", head)[:80]


def _exception(stage: str) -> Outcome:
    return Outcome(TRACEBACK if stage == "import" else BROKEN_BUILD, f"{stage}: exception",
                   traceback.format_exc())


def check(inp: Input, work: Path, build: bool = True) -> Outcome:
    """Import `inp` into a fresh content folder under `work` and check what it left."""
    from archivegen import ingest
    from archivegen.contract.read import IMPORT_JOURNAL, IMPORT_STAGING
    from archivegen.site import load_archive
    from archivegen.site.run import build_site

    if work.exists():
        shutil.rmtree(work)
    (work / "raw").mkdir(parents=True)
    raw = work / "raw" / inp.name
    raw.write_bytes(inp.data)
    content = work / "content"
    try:
        report = ingest.import_([raw], content)
    except Exception:
        return _exception("import")
    for f in report.failures:
        if not f.reason.strip():
            return Outcome(TRACEBACK, "a failure without a reason")
        if f.reason.startswith("internal error"):
            return Outcome(TRACEBACK, f.reason)
    left = [p for p in (IMPORT_STAGING, IMPORT_JOURNAL, IMPORT_JOURNAL + ".tmp") if (content / p).exists()]
    if left:
        return Outcome(HALF_WRITTEN, f"left behind: {', '.join(left)}")
    if report.failures:
        if (content / "documents").exists() and any((content / "documents").rglob("*.md")):
            return Outcome(HALF_WRITTEN, "a refused file left documents")
        return Outcome(REFUSED, report.failures[0].reason)
    if len(report.plan.sources) != 1:
        return Outcome(TRACEBACK, f"neither imported nor refused ({len(report.plan.sources)} sources planned)")
    (sp,) = report.plan.sources
    if (content / "sources" / sp.name).read_bytes() != inp.data:
        return Outcome(HALF_WRITTEN, "the raw file was not kept byte for byte")
    try:
        archive = load_archive(content)
    except Exception:
        return _exception("load")
    try:
        mismatch = replay_mismatch(content, sp.name)
    except Exception:
        return Outcome(REPLAY, "replay: exception", traceback.format_exc())
    if mismatch:
        return Outcome(REPLAY, mismatch)
    if build:
        try:
            build_site(archive)
        except Exception:
            return _exception("build")
    return Outcome(ACCEPTED)


def replay_mismatch(content: Path, name: str) -> str | None:
    """Replaying the written edit log on the raw file gives each document's body (what
    tests/ingest/test_replay.py checks for the seeds); the first document that differs."""
    from archivegen.ingest.decode import decode_bytes
    from archivegen.ingest.edits import Edit, Pass, replay
    from archivegen.markdown_io import read, render_body

    log = json.loads((content / "sources" / f"{name}.edits.json").read_text(encoding="utf-8"))
    passes = [Pass(p["rule"], p["label"], p["action"], tuple(Edit(s, e, new, old, why) for s, e, new, old, why, _ in p["edits"]))
              for p in log["passes"]]
    cleaned = replay(decode_bytes((content / "sources" / name).read_bytes()).text, passes)
    for path in sorted((content / "documents").rglob("*.md")):
        meta, body = read(path)
        start, end = meta["source"]["span"]
        if render_body(cleaned[start:end]).strip() != body.strip():     # the file holds no blank body line
            return f"{path.relative_to(content)}: the body is not the replayed text {start}:{end}"
    return None


def save(inp: Input, outcome: Outcome, folder: Path) -> Path:
    """Keep a failing input and what happened to it, to reproduce the bug."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{inp.index:06d}-{re.sub(r'[^a-z]+', '-', outcome.kind)}"
    (folder / f"{stem}.input").write_bytes(inp.data)
    (folder / f"{stem}.txt").write_text(
        f"input: {inp.label}\nname: {inp.name}\noutcome: {outcome.kind}\nreason: {outcome.reason}\n\n{outcome.detail}",
        encoding="utf-8")
    return folder / f"{stem}.input"
