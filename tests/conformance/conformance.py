#!/usr/bin/env python3
"""Differential conformance of eddy with Apache Flink (docs/flink.md).

Each case runs on eddy (`eddy --mode csv`) and, translated by `eddy --to-flink`, on Flink (the
runner of tools/flink, one MiniCluster for the whole run) over the same input files; their final
rows must agree: updating results folded from their changelog, append-only results as multisets,
in order where the query orders them. Cases are the hand-written corpus (tests/conformance/cases),
the regressions the random cases found (tests/conformance/regressions) and random cases from
generate.py, seeded and reproducible; a random case that disagrees is minimized (fewer input
rows) and written into the regressions folder with --save-regressions.

    conformance.py --eddy build/eddy [--random 400] [--seed 1] [--only NAME] [--parallelism 1]
    conformance.py --eddy build/eddy --case-seed 1:17     # one random case again, verbose
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases as casefmt  # noqa: E402
import generate  # noqa: E402
from flink_runner import FlinkRunner, RunnerMissing  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77  # ctest's SKIP_RETURN_CODE: the Flink runner is not built

# How a failure that is an engine's error (not a difference in rows) starts.
ENGINE_ERRORS = ("eddy:", "eddy --to-flink:", "Flink:")


class Outcome:
    def __init__(self, status, detail=""):
        self.status = status  # pass, expected, fail
        self.detail = detail


def run_eddy(eddy, args, cwd, timeout=120):
    try:
        p = subprocess.run([eddy] + args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"eddy {' '.join(args)}: no result within {timeout} s"
    return p, None


def run_case(case, eddy, runner, workdir, parallelism):
    d = tempfile.mkdtemp(prefix=case.name.replace("/", "_") + "-", dir=workdir)
    case.write_files(d)
    p, error = run_eddy(eddy, ["--mode", "csv", "case.sql"], d)
    if error or p.returncode != 0:
        return Outcome("fail", "eddy: " + (error or p.stderr.strip()))
    eddy_result = casefmt.eddy_rows(p.stdout)
    t, error = run_eddy(eddy, ["--to-flink", "case.sql"], d)
    if error or t.returncode != 0:
        return Outcome("fail", "eddy --to-flink: " + (error or t.stderr.strip()))
    with open(os.path.join(d, "flink.sql"), "w") as f:
        f.write(t.stdout)
    out = os.path.join(d, "flink-out")
    ok, message = runner.run(os.path.join(d, "flink.sql"), out, parallelism)
    if not ok:
        return Outcome("fail", "Flink: " + message)
    results = sorted(os.listdir(out))
    if results != ["1.csv"]:
        return Outcome("fail", f"Flink wrote {results}, expected one query's rows")
    with open(os.path.join(out, "1.csv")) as f:
        flink_result, problems = casefmt.flink_rows(f.read())
    difference = casefmt.compare(eddy_result, flink_result, case.ordered)
    if problems:
        difference = "\n".join(problems + ([difference] if difference else []))
    if difference is None:
        shutil.rmtree(d, ignore_errors=True)
        return Outcome("pass", "agrees now despite expect-difference" if case.expect_difference else "")
    if case.expect_difference:
        shutil.rmtree(d, ignore_errors=True)
        return Outcome("expected", case.expect_difference)
    return Outcome("fail", difference + f"\n  (files in {d})")


def minimize(gen, eddy, runner, workdir, parallelism, budget):
    """Drops input rows (halves, then quarters, ... then single rows) while eddy and Flink still
    disagree; at most `budget` Flink runs."""
    runs = 0
    chunk = max(1, gen.row_count() // 2)
    while chunk >= 1 and runs < budget:
        progress = False
        for candidate in gen.without_rows(chunk):
            if runs >= budget:
                break
            runs += 1
            outcome = run_case(candidate.to_case(), eddy, runner, workdir, parallelism)
            if outcome.status == "fail" and not outcome.detail.startswith(ENGINE_ERRORS):
                gen, progress = candidate, True
                break
        if not progress:
            chunk //= 2
    return gen, runs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--runner-dir", default=os.path.join(ROOT, "tools", "flink", "target"))
    parser.add_argument("--cases", nargs="*", default=[os.path.join(HERE, "cases"), os.path.join(HERE, "regressions")])
    parser.add_argument("--random", type=int, default=0, help="random cases to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case-seed", help="SEED:I: run random case I of seed SEED only, printing it")
    parser.add_argument("--only", help="run the hand-written cases whose name contains this")
    parser.add_argument("--parallelism", type=int, default=1)
    parser.add_argument("--minimize-budget", type=int, default=40)
    parser.add_argument("--save-regressions", action="store_true",
                        help="write each minimized disagreement into tests/conformance/regressions")
    parser.add_argument("--keep", help="keep the work directory here")
    args = parser.parse_args()
    eddy = os.path.abspath(args.eddy)

    todo = []  # (name, case, generated or None)
    if args.case_seed:
        seed, index = (int(x) for x in args.case_seed.split(":"))
        gen = generate.generate(seed, index)
        print(gen.to_case().to_text())
        todo.append((gen.name, gen.to_case(), gen))
    else:
        for directory in args.cases:
            if os.path.isdir(directory):
                for case in casefmt.load_cases(directory):
                    case.name = os.path.basename(directory) + "/" + case.name
                    if not args.only or args.only in case.name:
                        todo.append((case.name, case, None))
        for i in range(args.random):
            gen = generate.generate(args.seed, i)
            todo.append((gen.name, gen.to_case(), gen))

    try:
        runner = FlinkRunner(args.runner_dir)
    except RunnerMissing as e:
        print(f"SKIP: {e}")
        return SKIP
    workdir = args.keep or tempfile.mkdtemp(prefix="eddy-conformance-")
    os.makedirs(workdir, exist_ok=True)
    counts = {"pass": 0, "expected": 0, "fail": 0}
    started = time.monotonic()
    with runner:
        print(f"Flink runner up in {runner.startup_ms / 1000:.1f} s; {len(todo)} cases, parallelism {args.parallelism}")
        for name, case, gen in todo:
            outcome = run_case(case, eddy, runner, workdir, args.parallelism)
            counts[outcome.status] += 1
            if outcome.status == "fail":
                print(f"FAIL {name}: {outcome.detail}")
                if gen is not None and not outcome.detail.startswith(ENGINE_ERRORS):
                    small, runs = minimize(gen, eddy, runner, workdir, args.parallelism, args.minimize_budget)
                    text = small.to_case().to_text(
                        f"Found by conformance.py --case-seed {gen.seed}:{gen.index}, minimized from "
                        f"{gen.row_count()} to {small.row_count()} input rows ({runs} runs).")
                    print("  minimized:\n    " + text.replace("\n", "\n    "))
                    if args.save_regressions:
                        path = os.path.join(HERE, "regressions", f"seed{gen.seed}_{gen.index}.case")
                        with open(path, "w") as f:
                            f.write(text)
                        print(f"  written to {os.path.relpath(path, ROOT)}")
            elif outcome.detail:
                print(f"note {name}: {outcome.detail}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(f"{counts['pass']} agree, {counts['expected']} expected differences, "
          f"{counts['fail']} disagree ({elapsed:.0f} s)")
    print(f"{counts['pass'] + counts['expected']} passed, {counts['fail']} failed")
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
