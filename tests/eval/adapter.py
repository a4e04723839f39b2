"""The one place the evaluation touches the importer.

Everything else in tests/eval sees imported documents as plain data (`ImportedDoc`), so a
renamed entry point or a changed plan object is fixed here and nowhere else. Files are
imported one per call: a file that makes the importer raise, or run past a time limit, is
recorded as that file's failure and the rest of the corpus is still measured.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from archivegen.markdown_io import body_to_text, parse


@dataclass(frozen=True)
class ImportedDoc:
    source: str          # raw file name it came from
    path: str            # content-relative path, documents/<region>/<id>.md
    meta: dict           # front matter
    text: str            # body as plain text, one paragraph per line

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    def printed(self) -> str:
        """What of the page this document keeps: its headline lines as printed, then the body.

        Import moves the headline into front matter; a derived title (made from the first
        sentence) is not printed text and is left out so it is not counted twice.
        """
        head = [self.meta.get("kicker")]
        if not self.meta.get("title_derived"):
            head.append(self.meta.get("printed_title") or self.meta.get("title"))
        head.append(self.meta.get("subtitle"))
        return "\n".join([str(h) for h in head if h] + [self.text])


@dataclass(frozen=True)
class GlossaryEntry:
    source: str
    term: str
    aliases: tuple[str, ...]
    defined_in: str


@dataclass(frozen=True)
class FileError:
    source: str
    kind: str            # "refused": the importer said why; "crash": any other exception;
                         # "timeout": still running after TIME_LIMIT seconds
    message: str


@dataclass
class Imported:
    docs: list[ImportedDoc] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    seconds: float = 0.0

    def by_source(self) -> dict[str, list[ImportedDoc]]:
        out: dict[str, list[ImportedDoc]] = {}
        for d in self.docs:
            out.setdefault(d.source, []).append(d)
        return out

    def failed(self, source: str) -> FileError | None:
        return next((e for e in self.errors if e.source == source), None)


# Far above any file's normal import (under 3 s on a busy machine): what runs past it is
# stuck (a regex backtracking without end), not slow.
TIME_LIMIT = 10.0


class _Timeout(BaseException):
    """Raised into the importer at the time limit; a BaseException so no `except Exception`
    inside the importer can swallow it."""


@contextmanager
def _time_limit(seconds: float):
    # SIGALRM exists only on POSIX and only the main thread may set it; elsewhere no limit.
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _collect(plan, out: Imported) -> None:
    source_of: dict[str, str] = {}
    glossary = []
    for path in sorted(plan.files):
        if path.startswith("documents/"):
            meta, body = parse(plan.files[path], path)
            source = str(meta["source"]["file"]).removeprefix("sources/")
            source_of[str(meta["id"])] = source
            out.docs.append(ImportedDoc(source, path, meta, body_to_text(body)))
        elif path.startswith("glossary/"):
            glossary.append(parse(plan.files[path], path)[0])
    for meta in glossary:
        defined_in = str(meta.get("defined_in", ""))
        out.glossary.append(GlossaryEntry(source_of.get(defined_in, ""), str(meta.get("term", "")),
                                          tuple(str(a) for a in meta.get("aliases") or ()), defined_in))


def _failures(plan) -> list[FileError]:
    # The importer reports a file it declines with the reason (plan.failures); an
    # "internal error" reason is a crash the importer caught.
    return [FileError(f.name, "crash" if f.reason.startswith("internal error") else "refused", f.reason[:300])
            for f in plan.failures]


def _error(names: list[str], exc: Exception) -> list[FileError]:
    message = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return [FileError(n, "crash", message) for n in names]


def import_files(named: list[tuple[str, bytes]], together: bool = False,
                 time_limit: float = TIME_LIMIT) -> Imported:
    """Import raw files (name, bytes) in memory; nothing is written anywhere.

    together=True hands the files to the importer as one batch (for a corpus whose files
    must be read together); a failure then counts against every file of the batch, and the
    time limit applies per file of the batch.
    """
    from archivegen.ingest.run import plan_import

    out = Imported()
    start = time.perf_counter()
    batches = [named] if together else [[item] for item in named]
    for batch in batches:
        names = [n for n, _ in batch]
        try:
            with _time_limit(time_limit * len(batch)):
                plan = plan_import(list(batch))
        except _Timeout:
            out.errors.extend(FileError(n, "timeout", f"no result after {time_limit * len(batch):.0f} s") for n in names)
            continue
        except Exception as exc:   # measured, never fatal: one bad file must not sink a corpus
            out.errors.extend(_error(names, exc))
            continue
        _collect(plan, out)
        out.errors.extend(_failures(plan))
    out.seconds = time.perf_counter() - start
    return out
