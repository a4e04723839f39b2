"""`import_`: raw files on disk → content/. What the CLI and the benchmarks call.

It gathers the files (never following a symbolic link), skips a file whose bytes the
archive already holds, gives a file whose name is taken a name of its own, reads what
content/ already holds (people, ids in use), plans the import in memory and, unless it is
a dry run, writes it in one transaction (ingest/write.py). A file that cannot be imported
is reported with its reason; the others are imported.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from archivegen.contract import ContentError, read_people
from archivegen.contract.read import in_use
from archivegen.ingest.run import Failure, ImportError_, ImportPlan, plan_import
from archivegen.ingest.write import WriteReport, recover, write_plan


@dataclass
class ImportReport:
    plan: ImportPlan
    written: WriteReport | None                                     # None for a dry run
    failures: list[Failure] = field(default_factory=list)           # files not imported, and why
    renamed: list[tuple[Path, str]] = field(default_factory=list)   # file → the name it got
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # file → the source it repeats (or skipped)

    @property
    def documents(self) -> int:
        return sum(len(sp.segments) for sp in self.plan.sources)


def collect(paths: list[Path]) -> tuple[list[Path], list[Failure]]:
    """The files to import: each regular file given, and the regular files inside each
    folder given. Symbolic links are never followed (a link could lead out of what the
    user meant to import: /etc/passwd would be published); they are reported, like paths
    that are missing or are not regular files."""
    files: list[Path] = []
    problems: list[Failure] = []
    for p in paths:
        kind = _kind(p)
        if kind == "dir":
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith(".") or name.endswith(".edits.json"):
                        continue
                    f = Path(root) / name
                    inner = _kind(f)
                    if inner == "file":
                        files.append(f)
                    else:
                        problems.append(Failure(str(f), _NOT_IMPORTED[inner]))
                for d in list(dirs):
                    if os.path.islink(os.path.join(root, d)):
                        problems.append(Failure(os.path.join(root, d), _NOT_IMPORTED["link"]))
        elif kind == "file":
            files.append(p)
        else:
            problems.append(Failure(str(p), _NOT_IMPORTED[kind]))
    return files, problems


_NOT_IMPORTED = {
    "missing": "no such file or folder",
    "link": "is a symbolic link; not followed (import the file it points to instead)",
    "special": "is not a regular file (a pipe, socket or device); not imported",
}


def _kind(p: Path) -> str:
    try:
        mode = os.lstat(p).st_mode
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "special"
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "special"


def _existing_sources(sources: Path) -> dict[str, str]:
    """sha256 → name of every raw file already in the archive."""
    out = {}
    for f in sorted(sources.iterdir()) if sources.is_dir() else ():
        if f.is_file() and not f.name.endswith(".edits.json") and not f.name.startswith("."):
            out.setdefault(hashlib.sha256(f.read_bytes()).hexdigest(), f.name)
    return out


def import_(paths: list[Path], content: Path, dry_run: bool = False,
            progress: Callable[[int], None] | None = None, encoding: str | None = None) -> ImportReport:
    """Import raw files (or folders of them) into `content`. ImportError_ when nothing can
    be imported at all (content/ is not a folder …); a bad file is a Failure in the report.
    `encoding` (a codec name) overrides encoding detection for every file. `progress` hears
    bytes of the files read, in steps through the stages; they add up to all of them."""
    counted = [0]
    if progress is not None:
        given = progress

        def progress(n: int) -> None:
            counted[0] += n
            given(n)
    content = Path(content)
    if content.exists() and not content.is_dir():
        raise ImportError_(f"{content}: is not a folder (--content must name the content folder)")
    if not dry_run:
        recover(content)
    files, failures = collect(paths)
    sources = content / "sources"
    known = _existing_sources(sources)
    taken_names = {f.name for f in sources.iterdir()} if sources.is_dir() else set()
    named, renamed, duplicates = [], [], []
    size = 0                                            # bytes of the files read
    origin: dict[str, Path] = {}                        # name in the archive → the file given
    batch: set[str] = set()                             # sha256 of the files taken so far
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            failures.append(Failure(str(f), f"cannot be read: {exc.strerror or exc}"))
            continue
        size += len(data)
        sha = hashlib.sha256(data).hexdigest()
        # the same bytes under another name: import them as the file the archive already
        # has (a refresh, never a second copy of every document and term)
        name = known.get(sha, f.name)
        if sha in batch:
            duplicates.append((f, name))                # given twice in this batch
            continue
        batch.add(sha)
        if name != f.name:
            duplicates.append((f, name))
        elif name in taken_names and known.get(sha) != name:
            name = f"{f.stem}-{sha[:8]}{f.suffix}"      # another file of this name is in the archive
            renamed.append((f, name))
        known[sha] = name
        taken_names.add(name)
        origin[name] = f
        named.append((name, data))
    try:
        people = read_people(content).roles_by_name()
    except ContentError as exc:
        raise ImportError_(str(exc)) from None
    plan = plan_import(named, people, in_use(content, exclude_sources={n for n, _ in named}), progress=progress,
                       encoding=encoding)
    failures += [Failure(str(origin[x.name]), x.reason) for x in plan.failures]
    written = None if dry_run or not plan.files else write_plan(plan, content)
    if progress is not None and size > counted[0]:
        progress(size - counted[0])                     # written (and files skipped as repeats)
    return ImportReport(plan, written, failures, renamed, duplicates)
