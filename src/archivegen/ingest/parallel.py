"""Decoding and cleaning many raw files over the machine's CPUs.

Each file's decoding and cleaning depend on that file alone, except for one thing the
whole batch shares: how many files hold each short line (clean/templates.py). So the work
runs in two rounds in worker processes (`python -m archivegen.ingest.parallel`, as in
site/parallel.py and for the same reasons: no multiprocessing "spawn" re-running the
caller's script, no fork of a process that may have threads):

1. each worker decodes its share and sends back, per file, its short lines (or why it
   cannot be decoded), keeping the decoded texts;
2. the parent counts the lines into the batch's BatchLines and sends them to every
   worker, which cleans and splits its files and sends back each SourcePlan.

Messages are pickles with a length in front. Workers also report each file's progress
(the parent draws the bar). The answers are the ones one process gives, in the same
order, failures included (tests/ingest/test_parallel.py); a worker that cannot start or
dies leaves its files to the parent, which does them itself.
"""

from __future__ import annotations

import os
import pickle
import selectors
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Callable

from archivegen.ingest.clean.templates import BatchLines, count_lines
from archivegen.machine import cpus

if TYPE_CHECKING:
    from archivegen.ingest.run import SourcePlan

MIN_FILES = 40             # fewer: starting workers (~1 s each) costs more than it saves
MIN_BYTES = 4_000_000      # ...and this much input
MAX_WORKERS = 8
BIG_FILE = 1_000_000       # a file this big reports its cleaning rule by rule

_LENGTH = struct.Struct("<Q")

# What a worker reports, per file (index into the batch): ("lines", set) after decoding,
# ("cleaning", share) while cleaning, ("plan", SourcePlan) when done, ("failed", reason)
# when the file cannot be imported; None ends a round.
Report = tuple


def worth_it(named_data: list[tuple[str, bytes]]) -> bool:
    return (cpus() >= 2 and len(named_data) >= MIN_FILES
            and sum(len(data) for _, data in named_data) >= MIN_BYTES)


@dataclass
class WorkersDone:
    """What the workers made of a batch, by index into it."""

    batch: BatchLines                                                 # the batch's line counts
    plans: dict[int, SourcePlan] = field(default_factory=dict)
    not_decoded: dict[int, str] = field(default_factory=dict)         # file → why it was refused
    not_cleaned: dict[int, str] = field(default_factory=dict)
    left: list[int] = field(default_factory=list)                     # files a dead worker did not finish


def clean_in_workers(named_data: list[tuple[str, bytes]], encoding: str | None,
                     on_report: Callable[[int, Report], None], workers: int | None = None) -> WorkersDone | None:
    """Decode, clean and split every file in worker processes; `on_report(index, report)`
    hears each file's progress. None when a worker failed before the batch's line counts
    were known (the caller then does everything itself: the counts must cover every file);
    a worker that fails later leaves its unfinished files in `left`."""
    n = min(workers or cpus(), MAX_WORKERS, len(named_data))
    shares = [list(range(w, len(named_data), n)) for w in range(n)]    # round robin: even loads
    procs = [_start() for _ in shares]
    # every worker starts (imports, ~1 s) before any is sent its jobs: a worker reads its
    # jobs only once started, and the pipe holds 64 KB of them
    for proc, share in zip(procs, shares):
        _send_jobs(proc, pickle.dumps((encoding, [(i, *named_data[i]) for i in share]), protocol=pickle.HIGHEST_PROTOCOL))
    line_sets: dict[int, set[str]] = {}
    not_decoded: dict[int, str] = {}

    def first_round(index: int, report: Report) -> None:
        if report[0] == "lines":
            line_sets[index] = report[1]
        elif report[0] == "failed":
            not_decoded[index] = report[1]
        on_report(index, report)

    if not all(_read_round(procs, first_round)):
        for proc in procs:
            _stop(proc)
        return None
    out = WorkersDone(count_lines(line_sets[i] for i in sorted(line_sets)), not_decoded=not_decoded)
    message = pickle.dumps(out.batch, protocol=pickle.HIGHEST_PROTOCOL)
    for proc in procs:
        try:
            _send(proc.stdin, message)
        except OSError:
            pass                                   # it died: its files end up in `left`

    def second_round(index: int, report: Report) -> None:
        if report[0] == "plan":
            out.plans[index] = report[1]
            out.plans[index].data = named_data[index][1]
        elif report[0] == "failed":
            out.not_cleaned[index] = report[1]
        on_report(index, report)

    _read_round(procs, second_round)
    for proc in procs:
        _stop(proc)
    out.left = sorted(set(line_sets) - set(out.plans) - set(out.not_cleaned))
    return out


def _start() -> subprocess.Popen | None:
    try:
        return subprocess.Popen([sys.executable, "-m", "archivegen.ingest.parallel"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _send_jobs(proc: subprocess.Popen | None, message: bytes) -> None:
    if proc is None:
        return
    try:
        _send(proc.stdin, message)
    except OSError:
        pass                                       # it died: the first round finds out


def _read_round(procs: list[subprocess.Popen | None], on_report: Callable[[int, Report], None]) -> list[bool]:
    """Read every worker's reports until each ends the round; False for a worker that died
    (or never started) before ending it."""
    alive = [proc is not None for proc in procs]
    buffers = {i: bytearray() for i, proc in enumerate(procs) if proc is not None}
    with selectors.DefaultSelector() as sel:
        for i in buffers:
            sel.register(procs[i].stdout, selectors.EVENT_READ, i)
        while sel.get_map():
            for key, _ in sel.select():
                i = key.data
                chunk = os.read(key.fd, 1 << 20)
                if not chunk:                      # the worker is gone before ending the round
                    alive[i] = False
                    sel.unregister(key.fileobj)
                    continue
                buf = buffers[i]
                buf += chunk
                while len(buf) >= _LENGTH.size:
                    (size,) = _LENGTH.unpack_from(buf)
                    if len(buf) < _LENGTH.size + size:
                        break
                    report = pickle.loads(bytes(buf[_LENGTH.size:_LENGTH.size + size]))
                    del buf[:_LENGTH.size + size]
                    if report is None:             # this worker's round is over
                        sel.unregister(key.fileobj)
                        break
                    on_report(*report)
    return alive


def _send(stream: BinaryIO, message: bytes) -> None:
    stream.write(_LENGTH.pack(len(message)))
    stream.write(message)
    stream.flush()


def _receive(stream: BinaryIO):
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the parent is gone")
    (size,) = _LENGTH.unpack(head)
    return pickle.loads(stream.read(size))


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is None:
        return
    try:
        proc.stdin.close()
    except OSError:
        pass
    proc.wait()


def _worker() -> None:
    from archivegen.ingest.clean.templates import short_lines
    from archivegen.ingest.run import _reason, decode_source, process_source

    inp, out = sys.stdin.buffer, sys.stdout.buffer

    def report(*message) -> None:
        _send(out, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    encoding, jobs = _receive(inp)
    decoded = []
    for index, name, data in jobs:
        try:
            d = decode_source(data, encoding)
        except Exception as exc:                   # reported as the parent would report it
            report(index, ("failed", _reason(exc)))
            continue
        decoded.append((index, name, data, d))
        report(index, ("lines", short_lines(d.text)))
    _send(out, pickle.dumps(None))
    batch = _receive(inp)
    for index, name, data, d in decoded:
        try:
            # rule-by-rule progress only where a bar can show it (a message costs ~50 µs)
            done = (lambda share, i=index: report(i, ("cleaning", share))) if len(data) >= BIG_FILE else None
            sp = process_source(name, data, encoding, d, batch, done)
        except Exception as exc:
            report(index, ("failed", _reason(exc)))
            continue
        sp.data = b""                              # the parent has the raw bytes: not sent back
        report(index, ("plan", sp))
    _send(out, pickle.dumps(None))


if __name__ == "__main__":
    _worker()
