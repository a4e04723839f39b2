"""The long fuzz run: N damaged raw files (default 10,000) through import and build.

    .venv/bin/python benchmarks/fuzz.py                       # 10,000 inputs, seed 1
    .venv/bin/python benchmarks/fuzz.py --count 500 --seed 7 --out /tmp/fuzz-failures
    .venv/bin/python benchmarks/fuzz.py --seed 7 --only 1234   # one input again, verbose

Each input (tests/fuzz/mutate.py: seeds and corpus pages damaged by a seeded recipe) is
imported in-process into a fresh content folder and checked as tests/fuzz/test_fuzz.py
checks it (tests/fuzz/harness.py): no traceback, nothing half-written, an accepted input
makes an archive that loads, replays its edit log and builds. Every input that fails a
check is saved to --out with what happened, so the bug can be reproduced. One process,
one core; it prints progress and, at the end, a table.
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

from tests.fuzz.harness import ACCEPTED, PROBLEMS, REFUSED, check, reason_kind, save  # noqa: E402
from tests.fuzz.mutate import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000, help="how many inputs (default 10,000)")
    ap.add_argument("--seed", type=int, default=1, help="the run's seed (default 1)")
    ap.add_argument("--start", type=int, default=0, help="index of the first input (default 0)")
    ap.add_argument("--only", type=int, default=None, help="check this one input and print what happened")
    ap.add_argument("--out", type=Path, default=None, help="folder for failing inputs (default: a new temp folder)")
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
        counts: collections.Counter[str] = collections.Counter()
        reasons: collections.Counter[str] = collections.Counter()
        problems: collections.Counter[str] = collections.Counter()
        slowest: list[tuple[float, str]] = []
        started = time.perf_counter()
        for n, i in enumerate(range(args.start, args.start + args.count), 1):
            inp = generate(args.seed, i)
            clock = time.perf_counter()
            outcome = check(inp, work, build=not args.no_build)
            took = time.perf_counter() - clock
            slowest = sorted(slowest + [(took, f"#{i} ({len(inp.data):,} bytes, {outcome.kind})")], reverse=True)[:3]
            if took > args.slow:
                print(f"  slow: {took:.1f}s for {inp.label[:160]}", flush=True)
            counts[outcome.kind] += 1
            if outcome.kind == REFUSED:
                reasons[reason_kind(outcome.reason)] += 1
            elif outcome.problem:
                problems[f"{outcome.kind}: {reason_kind(outcome.reason)}"] += 1
                saved = save(inp, outcome, out)
                print(f"  {outcome.kind}: {inp.label[:160]}\n    {outcome.reason[:200]}\n    saved: {saved}", flush=True)
            if n % args.every == 0 or n == args.count:
                print(f"{n}/{args.count} inputs, {counts[ACCEPTED]} accepted, {counts[REFUSED]} refused, "
                      f"{sum(counts[k] for k in PROBLEMS)} problems, {time.perf_counter() - started:.0f}s", flush=True)
        seconds = time.perf_counter() - started
    print(table(args, counts, reasons, problems, seconds, out, slowest))
    return 1 if any(counts[k] for k in PROBLEMS) else 0


def table(args, counts, reasons, problems, seconds, out: Path, slowest: list[tuple[float, str]]) -> str:
    rows = [
        ("inputs", f"{args.count:,} (seed {args.seed}, indices {args.start}–{args.start + args.count - 1})"),
        ("accepted", f"{counts[ACCEPTED]:,}"),
        ("refused", f"{counts[REFUSED]:,}"),
    ]
    rows += [(f"  refused: {why}", f"{n:,}") for why, n in reasons.most_common(8)]
    if len(reasons) > 8:
        rows.append(("  refused: other reasons", f"{sum(n for _, n in reasons.most_common()[8:]):,}"))
    rows += [(kind + ("s" if kind == "traceback" else ""), f"{counts[kind]:,}") for kind in PROBLEMS]
    rows += [(f"  {what}", f"{n:,}") for what, n in problems.most_common()]
    rows.append(("seconds", f"{seconds:,.0f} ({seconds / max(1, args.count) * 1000:.0f} ms per input)"))
    rows.append(("slowest inputs", ", ".join(f"{what} {took:.1f}s" for took, what in slowest)))
    rows.append(("failing inputs saved in", str(out) if any(counts[k] for k in PROBLEMS) else "(none failed)"))
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'':{width}} | |", f"|{'-' * (width + 2)}|---|"]
    lines += [f"| {k:{width}} | {v} |" for k, v in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
