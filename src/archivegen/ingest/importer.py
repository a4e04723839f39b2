"""`import_`: raw files on disk → content/. What the CLI and the benchmarks call.

It gathers the files, gives a file whose name is taken by a different raw file a name of
its own, reads what content/ already holds (people, ids in use), plans the import in
memory and, unless it is a dry run, writes it (ingest/write.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from archivegen.contract import ContentError, read_people
from archivegen.contract.read import ids_in_use
from archivegen.ingest.run import ImportError_, ImportPlan, plan_import
from archivegen.ingest.write import WriteReport, write_plan


@dataclass
class ImportReport:
    plan: ImportPlan
    written: WriteReport | None                       # None for a dry run
    renamed: list[tuple[Path, str]] = field(default_factory=list)   # file → the name it got

    @property
    def documents(self) -> int:
        return sum(len(sp.segments) for sp in self.plan.sources)


def collect(paths: list[Path]) -> list[Path]:
    """The files to import: each file given, and the files inside each folder given."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")
                                and not x.name.endswith(".edits.json")))
        elif p.is_file():
            files.append(p)
        else:
            raise ImportError_(f"{p}: no such file or folder")
    return files


def import_(paths: list[Path], content: Path, dry_run: bool = False,
            progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import raw files (or folders of them) into `content`; ImportError_ names a bad file."""
    files = collect(paths)
    if not files:
        raise ImportError_("no files to import")
    sources = Path(content) / "sources"
    named, renamed = [], []
    for f in files:
        data = f.read_bytes()
        name = f.name
        existing = sources / name
        if existing.exists() and existing.resolve() != f.resolve() and existing.read_bytes() != data:
            name = f"{f.stem}-{hashlib.sha256(data).hexdigest()[:8]}{f.suffix}"
            renamed.append((f, name))
        named.append((name, data))
    try:
        people = read_people(content).roles_by_name()
    except ContentError as exc:
        raise ImportError_(str(exc)) from None
    taken = ids_in_use(content, exclude_sources={n for n, _ in named})
    plan = plan_import(named, people, taken, progress=progress)
    return ImportReport(plan, None if dry_run else write_plan(plan, content), renamed)
