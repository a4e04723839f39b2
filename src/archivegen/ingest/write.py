"""The only code that writes into content/, one import at a time, all or nothing.

A file that import wrote earlier and a person has since edited is never overwritten: the
manifest content/.import-manifest.json remembers the sha256 of what import last wrote to
each path, and a file whose bytes differ from it is a person's and is left alone. A raw
file under sources/ is never replaced.

An import is a transaction: every new file is first written under content/.import-staging/,
then a journal naming them is written (the commit point), then the files are moved into
place and the journal removed. Killed before the journal exists, the import left nothing
but the staging folder (removed by `recover`); killed after, `recover` finishes the moves.
Either way content/ holds the previous state or the complete new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from archivegen.contract.read import IMPORT_JOURNAL as JOURNAL
from archivegen.contract.read import IMPORT_STAGING as STAGING
from archivegen.ingest.run import ImportPlan
from archivegen.ingest.spool import SpooledBytes

MANIFEST = ".import-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)      # new or updated files
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)         # edited by a person: left alone
    recovered: bool = False                               # an interrupted import was finished first


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _planned_sha(value: str | bytes | SpooledBytes) -> str:
    if isinstance(value, SpooledBytes):
        return value.sha256
    return _sha(value if isinstance(value, bytes) else value.encode("utf-8"))


def _file_sha(path: Path) -> str:
    """The sha256 of a file on disk, read a chunk at a time (an edit log can be 160 MB)."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def load_manifest(content: Path) -> dict[str, str]:
    path = content / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}          # unreadable: every existing file then counts as a person's, and is kept
    return data if isinstance(data, dict) else {}


def recover(content: Path) -> bool:
    """Finish (or forget) an interrupted import; True if there was one."""
    content = Path(content)
    journal, staging = content / JOURNAL, content / STAGING
    found = journal.exists() or staging.exists()
    if journal.exists():
        for rel in json.loads(journal.read_text(encoding="utf-8")):
            staged = staging / rel
            if staged.exists():                 # not moved yet
                (content / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, content / rel)
        journal.unlink()
    (content / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    if staging.exists():
        shutil.rmtree(staging)
    return found


def write_plan(plan: ImportPlan, content: Path) -> WriteReport:
    report = WriteReport(recovered=recover(content))
    manifest = load_manifest(content)
    # the planned values themselves are staged, each encoded only as it is written: a big
    # file's Markdown is never held twice, as text and as bytes
    staged: dict[str, str | bytes | SpooledBytes] = {}
    for rel in sorted(plan.files):
        value = plan.files[rel]
        path = content / rel
        new_sha = _planned_sha(value)
        if path.exists():
            current = _file_sha(path)
            if current == new_sha:
                manifest[rel] = new_sha
                report.unchanged.append(rel)
                continue
            if rel.startswith("sources/") and not rel.endswith(".edits.json"):
                # a different raw file under the same name: never replace a source
                report.kept.append(rel)
                continue
            if manifest.get(rel) != current:
                report.kept.append(rel)
                continue
        staged[rel] = value
        manifest[rel] = new_sha
        report.written.append(rel)
    staged[MANIFEST] = (json.dumps(dict(sorted(manifest.items())), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    _commit(content, staged)
    return report


def _commit(content: Path, files: dict[str, str | bytes | SpooledBytes]) -> None:
    staging = content / STAGING
    sync_each = not hasattr(os, "sync")
    for rel, value in files.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            if isinstance(value, SpooledBytes):
                value.copy_to(fh)
            else:
                fh.write(value if isinstance(value, bytes) else value.encode("utf-8"))
            if sync_each:
                fh.flush()
                os.fsync(fh.fileno())
    # The staged files reach the disk before the journal names them. One sync for all of
    # them: an fsync per file cost 2 s of a 28 s import of 1,000 files (5,000 fsyncs).
    if not sync_each:
        os.sync()
    journal = content / JOURNAL
    tmp = content / (JOURNAL + ".tmp")
    tmp.write_text(json.dumps(sorted(files), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, journal)                    # the commit point
    recover(content)
