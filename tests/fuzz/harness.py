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
import os
import re
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.mutate import ROOT, Input

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


def _where(inp: Input) -> tuple[str, str]:
    """Where an internal error happened ("AssertionError in ingest/decode/html.py") and its
    traceback: the import is planned again with the traceback kept (plan_import reports
    an unexpected exception in one line, without it)."""
    from archivegen.ingest import run

    caught: list[BaseException] = []
    real = run._reason

    def keep(exc: Exception) -> str:
        caught.append(exc)
        return real(exc)

    run._reason = keep
    try:
        run.plan_import([(inp.name, inp.data)])
    finally:
        run._reason = real
    if not caught:
        return "not reproduced", ""
    exc = caught[0]
    detail = "".join(traceback.format_exception(exc))
    frames = [f.filename for f in traceback.extract_tb(exc.__traceback__) if "/archivegen/" in f.filename]
    module = frames[-1].split("/archivegen/", 1)[1] if frames else "?"
    return f"{type(exc).__name__} in {module}", detail


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} \
        if folder.is_dir() else {}


def check(inp: Input, work: Path, build: bool = True, keep: bool = False) -> Outcome:
    """Import `inp` into the content folder under `work` and check what it left. The folder
    is new for each input, unless `keep`: then the input joins the archive the inputs
    before it made (a batch; the archive must stay buildable as it grows)."""
    from archivegen import ingest
    from archivegen.contract.read import IMPORT_JOURNAL, IMPORT_STAGING
    from archivegen.site import load_archive
    from archivegen.site.run import build_site

    content = work / "content"
    if work.exists() and not keep:
        shutil.rmtree(work)
    shutil.rmtree(work / "raw", ignore_errors=True)
    (work / "raw").mkdir(parents=True)
    raw = work / "raw" / inp.name
    raw.write_bytes(inp.data)
    before = _tree(content)
    try:
        report = ingest.import_([raw], content)
    except Exception:
        return _exception("import")
    for f in report.failures:
        if not f.reason.strip():
            return Outcome(TRACEBACK, "a failure without a reason")
        if f.reason.startswith("internal error"):
            where, detail = _where(inp)
            return Outcome(TRACEBACK, f"{where}: {f.reason}", detail)
    left = [p for p in (IMPORT_STAGING, IMPORT_JOURNAL, IMPORT_JOURNAL + ".tmp") if (content / p).exists()]
    if left:
        return Outcome(HALF_WRITTEN, f"left behind: {', '.join(left)}")
    if report.failures:
        if _tree(content) != before:
            return Outcome(HALF_WRITTEN, "a refused file changed content/")
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
        mismatch = replay_mismatch(archive, sp.decoded.text, sp.name)
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


def replay_mismatch(archive, decoded_text: str, name: str) -> str | None:
    """Replaying the written edit log on the decoded raw file gives each document's body
    (what tests/ingest/test_replay.py checks for the seeds); the first document that differs."""
    from archivegen.ingest.edits import Edit, Pass, replay
    from archivegen.markdown_io import render_body

    log = json.loads(archive.sources[f"sources/{name}.edits.json"].path.read_bytes().decode("utf-8"))
    passes = [Pass(p["rule"], p["label"], p["action"], tuple(Edit(s, e, new, old, why) for s, e, new, old, why, *_ in p["edits"]))
              for p in log["passes"]]
    cleaned = replay(decoded_text, passes)
    for doc in archive.documents:
        if doc.meta.source is None or doc.meta.source.file != f"sources/{name}":
            continue
        start, end = doc.meta.source.span
        if render_body(cleaned[start:end]).strip() != doc.body.strip():     # the file holds no blank body line
            return f"{doc.rel}: the body is not the replayed text {start}:{end}"
    return None


def mkdocs_check(content: Path, project: Path) -> Outcome:
    """A real `mkdocs build --strict` of a copy of `content` (the whole site: Markdown,
    theme, search index), and every internal link of the result checked."""
    from archivegen.site.linkcheck import broken_links

    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(content, project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build").mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(("WARNING", "ERROR")) or "Traceback" in ln]
    if result.returncode != 0 or lines:
        return Outcome(BROKEN_BUILD, f"mkdocs build --strict: {(lines or ['exit ' + str(result.returncode)])[0]}",
                       result.stderr[-4000:])
    broken = broken_links(project / "site")
    if broken:
        return Outcome(BROKEN_BUILD, f"mkdocs build: {len(broken)} broken link(s): {broken[0]}")
    return Outcome(ACCEPTED)


def save(inp: Input, outcome: Outcome, folder: Path) -> Path:
    """Keep a failing input and what happened to it, to reproduce the bug."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{inp.index:06d}-{re.sub(r'[^a-z]+', '-', outcome.kind)}"
    (folder / f"{stem}.input").write_bytes(inp.data)
    (folder / f"{stem}.txt").write_text(
        f"input: {inp.label}\nname: {inp.name}\noutcome: {outcome.kind}\nreason: {outcome.reason}\n\n{outcome.detail}",
        encoding="utf-8")
    return folder / f"{stem}.input"
