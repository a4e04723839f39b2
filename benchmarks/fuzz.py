"""The long fuzz run: N damaged raw files (default 10,000) through import and build.

    .venv/bin/python benchmarks/fuzz.py                       # 10,000 inputs, seed 1
    .venv/bin/python benchmarks/fuzz.py --count 500 --seed 7 --out /tmp/fuzz-failures
    .venv/bin/python benchmarks/fuzz.py --seed 7 --only 1234   # one input again, verbose
    .venv/bin/python benchmarks/fuzz.py --batch 5              # inputs join an archive of 5

Each input (tests/fuzz/mutate.py: seeds and corpus pages damaged by a seeded recipe) is
imported in-process into a fresh content folder and checked as tests/fuzz/test_fuzz.py
checks it (tests/fuzz/harness.py): no traceback, nothing half-written, an accepted input
makes an archive that loads, replays its edit log and builds (site.build_site). Every
--mkdocs-every'th accepted archive also goes through a real `mkdocs build --strict` and a
link check. Every input that fails a check is saved to --out with what happened (with
--batch, the inputs of its batch before it too), so the bug can be reproduced. One
process, one core; it prints progress and, at the end, a table.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "src")]

from tests.fuzz.harness import ACCEPTED, BROKEN_BUILD, PROBLEMS, REFUSED, check, mkdocs_check, reason_kind, save  # noqa: E402
from tests.fuzz.mutate import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000, help="how many inputs (default 10,000)")
    ap.add_argument("--seed", type=int, default=1, help="the run's seed (default 1)")
    ap.add_argument("--start", type=int, default=0, help="index of the first input (default 0)")
    ap.add_argument("--only", type=int, default=None, help="check this one input and print what happened")
    ap.add_argument("--out", type=Path, default=None, help="folder for failing inputs (default: a new temp folder)")
    ap.add_argument("--batch", type=int, default=1,
                    help="import this many inputs one after another into one content folder (default 1: a fresh one each)")
    ap.add_argument("--mkdocs-every", type=int, default=500,
                    help="a real mkdocs build --strict of every N-th accepted archive (default 500; 0: none)")
    ap.add_argument("--no-build", action="store_true", help="import and load only (faster; no build_site)")
    ap.add_argument("--every", type=int, default=100, help="print progress every N inputs (default 100)")
    ap.add_argument("--slow", type=float, default=20.0, help="name an input that takes longer than this many seconds")
    args = ap.parse_args(argv)

    import logging
    logging.getLogger("jieba").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="archivegen-fuzz-") as tmp:
        work = Path(tmp) / "work"
        if args.only is not None:
            inp = generate(args.seed, args.only)
            outcome = check(inp, work, build=not args.no_build)
            print(f"{inp.label}\nname: {inp.name}, {len(inp.data)} bytes\n{outcome.kind}: {outcome.reason}\n{outcome.detail}")
            return 1 if outcome.problem else 0
        out = args.out or Path(tempfile.mkdtemp(prefix="archivegen-fuzz-failures-"))
        run = Run(args, out)
        batch = []
        for n, i in enumerate(range(args.start, args.start + args.count), 1):
            inp = generate(args.seed, i)
            keep = bool(batch) and len(batch) < args.batch
            batch = batch + [inp] if keep else [inp]
            clock = time.perf_counter()
            outcome = check(inp, work, build=not args.no_build, keep=keep)
            run.took(time.perf_counter() - clock, inp, outcome)
            run.imported += outcome.kind == ACCEPTED
            if outcome.kind == ACCEPTED and args.mkdocs_every and run.imported % args.mkdocs_every == 0:
                built = mkdocs_check(work / "content", Path(tmp) / "project")
                run.mkdocs[built.kind] += 1
                if built.problem:
                    outcome = built
            run.record(outcome, batch)
            if n % args.every == 0 or n == args.count:
                print(run.progress(n), flush=True)
        seconds = time.perf_counter() - run.started
    print(run.table(seconds))
    return 1 if run.failed else 0


class Run:
    def __init__(self, args, out: Path) -> None:
        self.args, self.out = args, out
        self.counts: collections.Counter[str] = collections.Counter()
        self.reasons: collections.Counter[str] = collections.Counter()
        self.problems: collections.Counter[str] = collections.Counter()
        self.mkdocs: collections.Counter[str] = collections.Counter()
        self.slowest: list[tuple[float, str]] = []
        self.imported = 0          # inputs accepted by the in-process checks (every N-th is built by mkdocs)
        self.started = time.perf_counter()

    @property
    def failed(self) -> int:
        return sum(self.counts[k] for k in PROBLEMS)

    def took(self, seconds: float, inp, outcome) -> None:
        self.slowest = sorted(self.slowest + [(seconds, f"#{inp.index} ({len(inp.data):,} bytes, {outcome.kind})")],
                              reverse=True)[:3]
        if seconds > self.args.slow:
            print(f"  slow: {seconds:.1f}s for {inp.label[:160]}", flush=True)

    def record(self, outcome, batch) -> None:
        inp = batch[-1]
        self.counts[outcome.kind] += 1
        if outcome.kind == REFUSED:
            self.reasons[reason_kind(outcome.reason)] += 1
        elif outcome.problem:
            self.problems[f"{outcome.kind}: {reason_kind(outcome.reason)}"] += 1
            for earlier in batch[:-1]:
                save(earlier, outcome, self.out / f"{inp.index:06d}-batch")
            saved = save(inp, outcome, self.out)
            print(f"  {outcome.kind}: {inp.label[:160]}\n    {outcome.reason[:200]}\n    saved: {saved}", flush=True)

    def progress(self, n: int) -> str:
        return (f"{n}/{self.args.count} inputs, {self.counts[ACCEPTED]} accepted, {self.counts[REFUSED]} refused, "
                f"{self.failed} problems, {sum(self.mkdocs.values())} mkdocs builds, "
                f"{time.perf_counter() - self.started:.0f}s")

    def table(self, seconds: float) -> str:
        a = self.args
        mode = f"batches of {a.batch}" if a.batch > 1 else "a fresh content folder each"
        rows = [
            ("inputs", f"{a.count:,} (seed {a.seed}, indices {a.start}–{a.start + a.count - 1}, {mode})"),
            ("accepted", f"{self.counts[ACCEPTED]:,}"),
            ("refused", f"{self.counts[REFUSED]:,}"),
        ]
        rows += [(f"  refused: {why}", f"{n:,}") for why, n in self.reasons.most_common(8)]
        if len(self.reasons) > 8:
            rows.append(("  refused: other reasons", f"{sum(n for _, n in self.reasons.most_common()[8:]):,}"))
        names = {"traceback": "tracebacks (internal errors)", BROKEN_BUILD: "builds broken by an accepted input"}
        rows += [(names.get(kind, kind), f"{self.counts[kind]:,}") for kind in PROBLEMS]
        rows += [(f"  {what}", f"{n:,}") for what, n in self.problems.most_common()]
        rows.append(("real mkdocs builds (--strict)", f"{sum(self.mkdocs.values()):,}, "
                     f"{sum(n for k, n in self.mkdocs.items() if k != ACCEPTED):,} failed"))
        rows.append(("seconds", f"{seconds:,.0f} ({seconds / max(1, a.count) * 1000:.0f} ms per input)"))
        rows.append(("slowest inputs", ", ".join(f"{what} {took:.1f}s" for took, what in self.slowest)))
        rows.append(("failing inputs saved in", str(self.out) if self.failed else "(none failed)"))
        width = max(len(k) for k, _ in rows)
        lines = [f"| {'':{width}} | |", f"|{'-' * (width + 2)}|---|"]
        lines += [f"| {k:{width}} | {v} |" for k, v in rows]
        return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
