"""Files decoded and cleaned in worker processes give the plan one process gives
(ingest/parallel.py): the same files, failures and order, and a dead worker loses nothing."""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from archivegen.ingest import parallel
from archivegen.ingest.run import plan_import
from tests.conftest import CORPUS, seed_files


def _batch() -> list[tuple[str, bytes]]:
    """Real files of several kinds: the seeds, news pages of one site (which share template
    lines: the batch's line counts matter), and one file that is not a text."""
    files = [(p.name, p.read_bytes()) for p in seed_files()]
    files += [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.shtml"))[:20]]
    files.insert(3, ("binary.dat", struct.pack("<256I", *range(256)) * 8))
    return files


@pytest.fixture(scope="module")
def serial():
    steps: list[int] = []
    return plan_import(_batch(), progress=steps.append), steps


def _same(plan, other) -> None:
    assert plan.files == other.files
    assert plan.failures == other.failures
    assert [sp.name for sp in plan.sources] == [sp.name for sp in other.sources]


def test_workers_plan_what_one_process_plans(monkeypatch, serial):
    monkeypatch.setattr(parallel, "worth_it", lambda named: True)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    started = []
    real_start = parallel._start
    monkeypatch.setattr(parallel, "_start", lambda: started.append(1) or real_start())
    steps: list[int] = []
    plan = plan_import(_batch(), progress=steps.append)
    assert len(started) == 2
    assert any(f.name == "binary.dat" for f in plan.failures)
    _same(plan, serial[0])
    assert sum(steps) == sum(serial[1])           # progress adds up the same way
    # ...and the workers did the work: every file but the binary one planned there
    done = parallel.clean_in_workers(_batch(), None, lambda i, report: None)
    assert done is not None and not done.left
    assert len(done.plans) == len(_batch()) - 1 and list(done.not_decoded) == [3]


# A worker that decodes its files and dies before cleaning any of them.
DIES_AFTER_DECODING = """
import pickle, sys
from archivegen.ingest import parallel as p
from archivegen.ingest.clean.templates import short_lines
from archivegen.ingest.run import decode_source
encoding, jobs = p._receive(sys.stdin.buffer)
for index, name, data in jobs:
    try:
        message = (index, ("lines", short_lines(decode_source(data, encoding).text)))
    except Exception as exc:
        message = (index, ("failed", str(exc)))
    p._send(sys.stdout.buffer, pickle.dumps(message))
p._send(sys.stdout.buffer, pickle.dumps(None))
sys.exit(3)
"""


def _dying_first_worker(monkeypatch, script: str) -> None:
    real_start = parallel._start
    calls = []

    def start():
        calls.append(1)
        if len(calls) == 1:
            return subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return real_start()

    monkeypatch.setattr(parallel, "_start", start)
    monkeypatch.setattr(parallel, "worth_it", lambda named: True)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)


def test_a_worker_dying_while_cleaning_leaves_its_files_to_this_process(monkeypatch, serial):
    _dying_first_worker(monkeypatch, DIES_AFTER_DECODING)
    batch = _batch()
    done = parallel.clean_in_workers(batch, None, lambda i, report: None)
    first_share = set(range(0, len(batch), 2)) - {3}        # binary.dat (index 3) never decoded
    assert set(done.left) == first_share
    plan = plan_import(batch)
    _same(plan, serial[0])


def test_a_worker_that_never_answers_makes_this_process_do_everything(monkeypatch, serial):
    _dying_first_worker(monkeypatch, "import sys; sys.exit(1)")
    assert parallel.clean_in_workers(_batch(), None, lambda i, report: None) is None
    plan = plan_import(_batch())
    _same(plan, serial[0])
