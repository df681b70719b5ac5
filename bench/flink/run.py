#!/usr/bin/env python3
"""eddy and Apache Flink side by side on the file workloads of the benchmark table (docs/flink.md,
"Speed"): a scan, an unbounded GROUP BY, GROUP BY ... TIMEOUT ... RESET STATE (a SESSION window
on Flink), a TUMBLE window and an interval join, over the same generated csv files, each written
into a blackhole sink; then the Nexmark queries both engines express (examples/nexmark) over the
Nexmark events that eddy's nexmark connector generates once into csv files. eddy runs each script
in its own process; Flink runs the script that `eddy --to-flink` writes for it on one local
MiniCluster (tools/flink) at parallelism 1 and 2, whose start-up is measured once and reported
apart. Each Nexmark query's rows are also compared: its SELECT runs on both engines (Flink at
parallelism 1) and their results must agree as the conformance harness compares them.

    bench/flink/run.py --eddy build/eddy [--rows 1000000] [--nexmark-events 100000] [--repeat 1]
                       [--only tumble,join,q5]

Times are wall-clock seconds of the job (eddy: the whole process; Flink: submit to finish);
events/s counts input rows; "eddy x" is Flink's time over eddy's (how many times faster eddy is).
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "conformance"))
import cases as casefmt  # noqa: E402
from flink_runner import FlinkRunner  # noqa: E402

DATA_DIR = "/tmp/eddy_bench/flink"  # inputs, kept for the next run
BASE = 1704067200000  # 2024-01-01 00:00:00


def fmt_ts(ms):
    s, ms = divmod(ms - BASE, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    d, h = divmod(h, 24)
    return f"2024-01-{1 + d:02d} {h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def make_events(path, rows, users, step_us, jitter_ms, seed):
    """`rows` lines of uid,ts (no header: Flink's csv format cannot skip one): `step_us` apart, out of order by up to
    `jitter_ms` (the streams' watermark is that far behind, so no row is late)."""
    if os.path.exists(path):
        return path
    rng = random.Random(seed)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        lines = []
        for i in range(rows):
            ts = BASE + (i * step_us) // 1000 + rng.randint(0, jitter_ms)
            lines.append(f"user_{rng.randrange(users)},{fmt_ts(ts)}\n")
            if len(lines) == 100000:
                f.writelines(lines)
                lines = []
        f.writelines(lines)
    os.replace(tmp, path)
    return path


def stream(name, path):
    return (f"CREATE STREAM {name} (uid STRING, ts TIMESTAMP(3), "
            f"WATERMARK FOR ts AS ts - INTERVAL '3' SECOND) WITH ('connector' = 'file', "
            f"'path' = '{path}', 'format' = 'csv');\n")


def sink(name, columns):
    return f"CREATE STREAM {name} ({columns}) WITH ('connector' = 'blackhole');\n"


def workloads(rows):
    os.makedirs(DATA_DIR, exist_ok=True)
    events = make_events(f"{DATA_DIR}/events_{rows}.csv", rows, 100_000, 1000, 3000, 1)
    left = make_events(f"{DATA_DIR}/join_left_{rows}.csv", rows // 2, 200_000, 1000, 3000, 2)
    right = make_events(f"{DATA_DIR}/join_right_{rows}.csv", rows * 45 // 100, 200_000, 1111, 3000, 3)
    e = stream("events", events)
    return [
        ("scan", rows, e + sink("sink_out", "uid STRING, ts TIMESTAMP(3)") +
         "INSERT INTO sink_out SELECT uid, ts FROM events;\n"),
        ("group by", rows, e + sink("sink_out", "uid STRING, n BIGINT") +
         "INSERT INTO sink_out SELECT uid, COUNT(*) FROM events GROUP BY uid;\n"),
        ("timeout 5 s / session", rows, e + sink("sink_out", "uid STRING, n BIGINT, idle_at TIMESTAMP(3)") +
         "INSERT INTO sink_out SELECT uid, COUNT(*), TIMEOUT_TIME() FROM events "
         "GROUP BY uid TIMEOUT INTERVAL '5' SECOND RESET STATE;\n"),
        ("tumble 10 s", rows, e + sink("sink_out", "uid STRING, ws TIMESTAMP(3), we TIMESTAMP(3), n BIGINT") +
         "INSERT INTO sink_out SELECT uid, window_start, window_end, COUNT(*) FROM "
         "TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
         "GROUP BY uid, window_start, window_end;\n"),
        # b.ts cast to a plain TIMESTAMP: Flink writes at most one rowtime into a sink.
        ("interval join", rows // 2 + rows * 45 // 100,
         stream("a", left) + stream("b", right) +
         sink("sink_out", "uid STRING, a_ts TIMESTAMP(3), b_ts TIMESTAMP(3)") +
         "INSERT INTO sink_out SELECT a.uid, a.ts, CAST(b.ts AS TIMESTAMP(3)) FROM a JOIN b ON a.uid = b.uid "
         "AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '10' SECOND;\n"),
    ]


NEXMARK_DIR = os.path.join(ROOT, "examples", "nexmark")
# The reference queries of examples/nexmark that Flink runs with the same rows (docs/flink.md):
# not q12 (processing time) nor timeout.sql (a KEEP STATE timeout, which Flink cannot express).
NEXMARK_QUERIES = ["q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q11"]


def nexmark_tables():
    """{table: [column definitions..., WATERMARK clause]} as examples/nexmark/ddl.sql declares them."""
    with open(os.path.join(NEXMARK_DIR, "ddl.sql")) as f:
        text = f.read()
    tables = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\) WITH", text, re.S):
        tables[m.group(1)] = [line.strip().rstrip(",") for line in m.group(2).strip().splitlines()]
    return tables


def make_nexmark(eddy, events):
    """The Nexmark person, auction and bid rows of `events` generator events (eddy's nexmark
    connector, ddl.sql's rate), written once into csv files without a header; {table: path}."""
    directory = f"{DATA_DIR}/nexmark_{events}"
    paths = {table: f"{directory}/{table}.csv" for table in nexmark_tables()}
    if all(os.path.exists(path) for path in paths.values()):
        return paths
    os.makedirs(directory, exist_ok=True)
    script = ""
    for table, columns in nexmark_tables().items():
        physical = ", ".join(c for c in columns if not c.startswith("WATERMARK"))
        script += (f"CREATE TABLE {table}_gen ({physical}) WITH ('connector' = 'nexmark', "
                   f"'nexmark.table' = '{table}', 'events' = '{events}', 'event-rate' = '10000');\n"
                   f"CREATE TABLE {table}_file ({physical}) WITH ('connector' = 'file', "
                   f"'path' = '{paths[table]}.tmp', 'format' = 'csv');\n"
                   f"INSERT INTO {table}_file SELECT * FROM {table}_gen;\n")
    p = subprocess.run([eddy, "-c", script], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"generating the Nexmark events failed: {p.stderr}")
    for path in paths.values():
        os.replace(path + ".tmp", path)
    return paths


def nexmark_workloads(eddy, events):
    """(name, events, timed script, SELECT script for the row check) per query: ddl.sql's streams
    over the generated files, then the query file as it is (into its blackhole sink)."""
    paths = make_nexmark(eddy, events)
    ddl = ""
    for table, columns in nexmark_tables().items():
        ddl += (f"CREATE TABLE {table} (\n  " + ",\n  ".join(columns) + "\n) WITH ('connector' = "
                f"'file', 'path' = '{paths[table]}', 'format' = 'csv');\n")
    out = []
    for query in NEXMARK_QUERIES:
        with open(os.path.join(NEXMARK_DIR, query + ".sql")) as f:
            text = f.read()
        select = re.search(r"INSERT INTO \w+\s*\n(.*)", text, re.S).group(1).strip().rstrip(";")
        out.append((f"nexmark {query}", events, ddl + text, ddl + select + ";\n"))
    return out


def check_rows(name, eddy, runner, work, check_sql):
    """Runs a query's SELECT on eddy and on Flink (parallelism 1) and compares the final rows;
    returns (rows, difference or None)."""
    script = os.path.join(work, name.replace(" ", "_") + ".check.sql")
    with open(script, "w") as f:
        f.write(check_sql)
    p = subprocess.run([eddy, "--mode", "csv", script], capture_output=True, text=True)
    if p.returncode != 0:
        return 0, f"eddy failed: {p.stderr.strip()}"
    eddy_rows = casefmt.eddy_rows(p.stdout)
    t = subprocess.run([eddy, "--to-flink", script], capture_output=True, text=True)
    if t.returncode != 0:
        return len(eddy_rows), f"eddy --to-flink failed: {t.stderr.strip()}"
    flink_sql = script[:-4] + ".flink.sql"
    with open(flink_sql, "w") as f:
        f.write(t.stdout)
    out = os.path.join(work, "check-out")
    ok, message = runner.run(flink_sql, out, 1)
    if not ok:
        return len(eddy_rows), f"Flink failed: {message}"
    with open(os.path.join(out, "1.csv")) as f:
        flink_rows, problems = casefmt.flink_rows(f.read())
    difference = casefmt.compare(eddy_rows, flink_rows, False)
    if problems:
        difference = "\n".join(problems + ([difference] if difference else []))
    return len(eddy_rows), difference


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--runner-dir", default=os.path.join(ROOT, "tools", "flink", "target"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--nexmark-events", type=int, default=100_000,
                        help="Nexmark generator events (0: no Nexmark queries)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per engine and case; the best counts")
    parser.add_argument("--parallelism", default="1,2")
    parser.add_argument("--only", help="cases whose name contains one of these (comma-separated)")
    args = parser.parse_args()
    eddy = os.path.abspath(args.eddy)
    parallelisms = [int(p) for p in args.parallelism.split(",")]

    print(f"generating inputs ({args.rows} events) under {DATA_DIR} ...", flush=True)
    cases = [(name, events, sql, None) for name, events, sql in workloads(args.rows)]
    if args.nexmark_events > 0:
        print(f"generating the Nexmark events ({args.nexmark_events}) ...", flush=True)
        cases += nexmark_workloads(eddy, args.nexmark_events)
    if args.only:
        cases = [c for c in cases if any(word in c[0] for word in args.only.split(","))]
    work = tempfile.mkdtemp(prefix="eddy-bench-flink-")
    results = []
    checks = []  # (name, rows, difference or None)
    runner = FlinkRunner(args.runner_dir, timeout=3600).start()
    print(f"Flink start-up (JVM, MiniCluster, planner): {runner.startup_ms / 1000:.1f} s", flush=True)
    try:
        for name, events, sql, check_sql in cases:
            script = os.path.join(work, name.replace(" ", "_").replace("/", "_") + ".sql")
            with open(script, "w") as f:
                f.write(sql)
            flink_sql = script[:-4] + ".flink.sql"
            t = subprocess.run([eddy, "--to-flink", script], capture_output=True, text=True)
            if t.returncode != 0:
                sys.exit(f"{name}: eddy --to-flink failed: {t.stderr}")
            with open(flink_sql, "w") as f:
                f.write(t.stdout)
            eddy_s = None
            for _ in range(args.repeat):
                started = time.monotonic()
                p = subprocess.run([eddy, script], capture_output=True, text=True)
                if p.returncode != 0:
                    sys.exit(f"{name}: eddy failed: {p.stderr}")
                took = time.monotonic() - started
                eddy_s = took if eddy_s is None else min(eddy_s, took)
            flink_s = {}
            for par in parallelisms:
                for _ in range(args.repeat):
                    ok, message = runner.run(flink_sql, os.path.join(work, "out"), par)
                    if not ok:
                        sys.exit(f"{name}: Flink p{par} failed: {message}")
                    took = int(message) / 1000
                    flink_s[par] = min(flink_s.get(par, took), took)
            results.append((name, events, eddy_s, flink_s))
            print(f"  {name}: eddy {eddy_s:.2f} s, " +
                  ", ".join(f"Flink p{p} {s:.2f} s" for p, s in flink_s.items()), flush=True)
            if check_sql:
                rows, difference = check_rows(name, eddy, runner, work, check_sql)
                checks.append((name, rows, difference))
                print(f"  {name}: " + (f"same {rows:,} rows on eddy and Flink" if difference is None
                                       else "ROWS DIFFER: " + difference), flush=True)
    finally:
        runner.close()

    print()
    header = f"| case | events | eddy s | eddy events/s |"
    rule = "| --- | ---: | ---: | ---: |"
    for p in parallelisms:
        header += f" Flink p{p} s | Flink p{p} events/s | eddy x (p{p}) |"
        rule += " ---: | ---: | ---: |"
    print(header)
    print(rule)
    for name, events, eddy_s, flink_s in results:
        line = f"| {name} | {events:,} | {eddy_s:.2f} | {events / eddy_s:,.0f} |"
        for p in parallelisms:
            line += f" {flink_s[p]:.2f} | {events / flink_s[p]:,.0f} | {flink_s[p] / eddy_s:.1f} |"
        print(line)
    print(f"\nFlink's start-up, not in the times above: {runner.startup_ms / 1000:.1f} s")
    if checks:
        print("\nRows of each Nexmark query's SELECT, eddy against Flink (parallelism 1):")
        for name, rows, difference in checks:
            print(f"  {name}: " + ("agree" if difference is None else "DIFFER") + f", {rows:,} rows")
    return 1 if any(difference is not None for _, _, difference in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
