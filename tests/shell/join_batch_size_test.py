#!/usr/bin/env python3
"""Random joins over small random streams must give the same changelog, in the same order, at
batch sizes 1, 2, 5 and 1024 (DESIGN.md: results never depend on the batch size).

Each case writes two streams of 25 rows (keys 0-3 or NULL, times out of order within the 3 s
watermark delay, some late), and runs one join through the shell: a random kind, an interval
join (random bounds, 3 in 4) or a regular join, sometimes a residual, sometimes a TUMBLE window
over the join, or (1 in 4 of the other joins) the join of two window aggregations (TUMBLE or HOP,
sliced or not) on their window ends, whose rows a batch cuts in more places than the streams'.
Usage: join_batch_size_test.py EDDY [CASES]
"""
import random
import subprocess
import sys
import tempfile
from pathlib import Path

KINDS = ["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "LEFT SEMI JOIN", "LEFT ANTI JOIN"]
BATCH_SIZES = ["1", "2", "5", "1024"]


def write_stream(path: Path, rng: random.Random) -> None:
    rows, t = [], 0
    for i in range(25):
        t += rng.randint(0, 3)
        ts = max(0, t - rng.randint(0, 4))
        key = "" if rng.random() < 0.05 else str(rng.randint(0, 3))
        rows.append(f"{key},{i},2024-01-01 10:{ts // 60:02d}:{ts % 60:02d}")
    path.write_text("\n".join(rows) + "\n")


def window(rng: random.Random, stream: str) -> str:
    """A window aggregation of `stream` per key: k, c and its window end we."""
    size = rng.choice([2, 3, 5])
    if rng.random() < 0.5:
        tvf = f"TUMBLE(TABLE {stream}, DESCRIPTOR(ts), INTERVAL '{size}' SECOND)"
    else:
        tvf = f"HOP(TABLE {stream}, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '{size}' SECOND)"
    # COUNT(DISTINCT) is not mergeable: a HOP over it is not sliced.
    aggregate = rng.choice(["COUNT(*)", "MAX(v)", "COUNT(DISTINCT v)"])
    return (f"(SELECT k, {aggregate} AS c, window_end AS we FROM TABLE({tvf}) "
            "GROUP BY k, window_start, window_end)")


def case(rng: random.Random, directory: Path) -> str:
    write_stream(directory / "a.csv", rng)
    write_stream(directory / "b.csv", rng)
    kind = rng.choice(KINDS)
    condition = "a.k = b.k"
    bounded = rng.random() < 0.75
    if bounded:
        lo = rng.randint(-5, 3)
        hi = lo + rng.randint(0, 6)
        condition += (f" AND b.ts BETWEEN a.ts + INTERVAL '{lo}' SECOND"
                      f" AND a.ts + INTERVAL '{hi}' SECOND")
    if rng.random() < 0.3:
        condition += " AND a.v + b.v > 20"
    columns = "a.k, a.v, a.ts" if "SEMI" in kind or "ANTI" in kind else "a.*, b.*"
    ddl = "".join(
        f"CREATE STREAM {s} (k INT, v INT, ts TIMESTAMP(3), "
        f"WATERMARK FOR ts AS ts - INTERVAL '3' SECOND) WITH ('connector' = 'file', "
        f"'path' = '{directory / (s + '.csv')}', 'format' = 'csv');" for s in ("a", "b"))
    join = f"SELECT {columns} FROM a {kind} b ON {condition}"
    if bounded and kind in ("JOIN", "LEFT JOIN", "LEFT SEMI JOIN", "LEFT ANTI JOIN") \
            and rng.random() < 0.3:
        ddl += f"CREATE VIEW j AS SELECT a.k, a.v, a.ts FROM a {kind} b ON {condition};"
        join = ("SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(ts), "
                "INTERVAL '10' SECOND)) GROUP BY window_start, window_end")
    elif "SEMI" not in kind and "ANTI" not in kind and rng.random() < 0.25:
        # Windows joined on their ends (window_end is a time attribute: an interval join).
        lo, hi = rng.randint(0, 3), rng.randint(0, 3)
        join = (f"SELECT x.k, x.c, y.c, x.we, y.we FROM {window(rng, 'a')} x {kind} "
                f"{window(rng, 'b')} y ON x.k = y.k AND x.we BETWEEN y.we - INTERVAL '{lo}' "
                f"SECOND AND y.we + INTERVAL '{hi}' SECOND")
    return ddl + join


def main() -> int:
    eddy, cases = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 80
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(cases):
            sql = case(random.Random(seed), Path(tmp))
            runs = [subprocess.run([eddy, "--mode", "changelog", "--batch-size", size, "-c", sql],
                                   capture_output=True, text=True) for size in BATCH_SIZES]
            first = runs[0]
            if first.returncode != 0:
                failures += 1
                print(f"case {seed}: failed: {first.stderr.strip()}\n  {sql}")
                continue
            for size, run in zip(BATCH_SIZES[1:], runs[1:]):
                if (run.returncode, run.stdout) != (first.returncode, first.stdout):
                    failures += 1
                    print(f"case {seed}: batch size {size} differs from 1:\n  {sql}")
                    break
    print(f"{cases - failures}/{cases} cases give the same result at batch sizes "
          f"{', '.join(BATCH_SIZES)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
