"""Per-document work of the build over the machine's CPUs.

Two stages share documents out to worker processes: topic phrases (segmenting every
document as jieba does, site/segment.py and site/tags.py, once the largest part of a cold
build's own work) and the scoring of related documents (site/links.py, the largest part
of a warm one at 10,000 raw files). Each document's answer depends on its own job and on
data common to all, so the answers are the ones one process gives, in the same order
(tests/site/test_parallel.py). A cold build's edit-log pages are made by one worker beside
the build, straight into the build cache (`log_pages_started`).

A worker is `python -m archivegen.site.parallel`: it reads (function, common data, jobs)
pickled on stdin and writes the answers on stdout, a temporary file this process reads
when it needs them: topic phrases start before annotation and linking and are read after
(`topic_phrases_started`). Not multiprocessing: its "spawn" start
re-runs the caller's main script in every worker (a script that builds the site without
an `if __name__ == "__main__"` guard would build it again there), and forking a process
that runs `mkdocs serve`'s threads is unsafe. A worker that cannot start or fails leaves
its share to this process.
"""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archivegen.machine import cpus

if TYPE_CHECKING:
    from archivegen.site.load import EditLogFile

MIN_DOCUMENTS = 150        # fewer: starting workers (~1 s each) costs more than it saves
MAX_WORKERS = 8

Job = tuple[str, frozenset]     # a document's plain text, the words it must not take as topics
last_workers = 0                # worker processes the last call used (0: none; tests read it)
_unread: list["Started"] = []   # started and not read yet: stopped if the build fails first


def stop_unread() -> None:
    """Stop the workers of every Started whose answers were not read (a build that failed
    between starting them and reading them): they would otherwise run on for nothing."""
    while _unread:
        _unread.pop().stop()


def topic_phrases(jobs: list[Job], min_documents: int = MIN_DOCUMENTS) -> list[list[str]]:
    """phrases(text, stop) of every job, in order."""
    return in_workers("archivegen.site.parallel:phrases_of", None, jobs, min_documents)


def topic_phrases_started(jobs: list[Job], min_documents: int | None = None) -> "Started":
    """topic_phrases, started now in worker processes that run beside this one while it
    does other work; `.answers()` waits for them. With two CPUs or more a few jobs (a
    rebuild's edited documents) get one worker: this process then never loads the topic
    tables (site/segment.py), and the worker loads them while the build annotates and links."""
    return Started.start("archivegen.site.parallel:phrases_of", None, jobs,
                         MIN_DOCUMENTS if min_documents is None else min_documents, beside=True)


def in_workers(function: str, common: Any, jobs: list, min_jobs: int) -> list:
    """The answers of `module:name`(common, jobs), a function that answers a list of jobs in
    order, computed over the CPUs (each worker gets `common` and an even share of the jobs)
    when there are `min_jobs` jobs or more; the answers in the order of `jobs`."""
    return Started.start(function, common, jobs, min_jobs).answers()


class Started:
    """Jobs shared out to worker processes, each writing its answers into a temporary file
    (so a worker never waits for this process to read them)."""

    def __init__(self, function: str, common: Any, jobs: list, shares: list[list[int]], procs: list):
        self.function, self.common, self.jobs = function, common, jobs
        self.shares, self.procs = shares, procs       # procs: (process, its answers' file) or None

    @classmethod
    def start(cls, function: str, common: Any, jobs: list, min_jobs: int, beside: bool = False,
              most: int = MAX_WORKERS) -> "Started":
        """Workers for `jobs`: as many as CPUs (at most `most`) from `min_jobs` jobs; with
        fewer, or room for one only, and `beside`: one, on two CPUs or more; else none
        (`answers` computes them here)."""
        workers = min(cpus(), most, len(jobs))
        if workers < 2 or len(jobs) < min_jobs:
            workers = 1 if beside and cpus() >= 2 and jobs else 0
        shares = [list(range(w, len(jobs), workers)) for w in range(workers)]     # round robin: even loads
        procs: list = []
        for _ in shares:
            try:
                out = tempfile.TemporaryFile()
            except OSError:
                procs.append(None)
                continue
            try:
                proc = subprocess.Popen([sys.executable, "-m", "archivegen.site.parallel"],
                                        stdin=subprocess.PIPE, stdout=out, stderr=subprocess.DEVNULL)
            except OSError:
                out.close()
                proc = None
            procs.append((proc, out) if proc is not None else None)
        # feed every worker before reading any: each starts as soon as it has its jobs
        for started, share in zip(procs, shares):
            if started is not None:
                try:
                    started[0].stdin.write(pickle.dumps((function, common, [jobs[i] for i in share])))
                    started[0].stdin.close()
                except OSError:
                    pass
        started = cls(function, common, jobs, shares, procs)
        if any(procs):
            _unread.append(started)
        return started

    def stop(self) -> None:
        """Stop the workers now; their answers are not wanted."""
        if self in _unread:
            _unread.remove(self)
        for started in self.procs:
            if started is not None:
                proc, out = started
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                out.close()
        self.procs = [None] * len(self.procs)
        self.shares = []

    def answers(self) -> list:
        """Every job's answer, in order; a worker that failed leaves its share to this process."""
        global last_workers
        last_workers = 0
        if self in _unread:
            _unread.remove(self)
        if not self.shares:
            return _call(self.function, self.common, self.jobs)
        answers: list = [None] * len(self.jobs)
        for started, share in zip(self.procs, self.shares):
            got = None
            if started is not None:
                proc, out = started
                try:
                    if proc.wait() == 0:
                        out.seek(0)
                        got = pickle.loads(out.read())
                        last_workers += 1
                except (OSError, pickle.UnpicklingError, EOFError):
                    got = None
                finally:
                    out.close()
            if not isinstance(got, list) or len(got) != len(share):
                got = _call(self.function, self.common, [self.jobs[i] for i in share])      # this share, here
            for i, answer in zip(share, got):
                answers[i] = answer
        return answers


def _call(function: str, common: Any, jobs: list) -> list:
    module, _, name = function.partition(":")
    return getattr(importlib.import_module(module), name)(common, jobs)


def _phrases(job: Job) -> list[str]:
    from archivegen.site.tags import phrases

    text, stop = job
    return phrases(text, stop)


def phrases_of(_common: None, jobs: list[Job]) -> list[list[str]]:
    return [_phrases(job) for job in jobs]


# An edit log's page to make: the cache entry to write it into, the page, the log, and the
# documents made from its raw file (title, page).
LogJob = tuple[Path, str, "EditLogFile", list[tuple[str, str]]]


def log_pages_started(jobs: list[LogJob]) -> Started:
    """Edit-log pages made in one worker beside this process, each written into its build
    cache entry (run.py then reads it from there, one page at a time, as a warm build
    does): a cold build's ~3 s at 1,000 raw files, on a CPU the build leaves idle."""
    return Started.start("archivegen.site.parallel:log_pages_to_cache", None, jobs, 1, beside=True, most=1)


def log_pages_to_cache(_common: None, jobs: list[LogJob]) -> list[bool]:
    """Each job's page made and kept; False for a log that cannot be read (the build reads
    it again itself, and says what is wrong with it)."""
    from archivegen.contract import ContentError
    from archivegen.site.cache import keep_entry
    from archivegen.site.pages.editlog import log_page

    done = []
    for entry, page, log_file, docs in jobs:
        try:
            keep_entry(entry, log_page(page, log_file.read(), docs))
            done.append(True)
        except ContentError:
            done.append(False)
    return done


def _worker() -> None:
    function, common, jobs = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(_call(function, common, jobs)))


if __name__ == "__main__":
    _worker()
