"""Per-row cost of process functions written in Python against the same functions in C++
(docs/python.md, "Cost"). Not part of make test.

    PYTHONPATH=build/python/site python3 bench/python/process_function_bench.py [--rows N] [--repeat R]

Each function runs over a datagen stream of N rows (1000 keys, a row every 10 ms of event time);
its cost per row is the query's time less that of a query that reads the same rows and drops
them, divided by N; the best of R runs. `noop` measures calling a function at all;
`count_with_timeout` is the seed's function (examples/embed/count_with_timeout.h in C++,
examples/python/count_with_timeout.py in Python: two value states and a list state, a timer per
row)."""

import argparse
import importlib.util
import pathlib
import time

import eddy

REPO = pathlib.Path(__file__).resolve().parents[2]


def load_example():
    path = REPO / "examples" / "python" / "count_with_timeout.py"
    spec = importlib.util.spec_from_file_location("count_with_timeout", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Noop(eddy.ProcessFunction):
    def process_element(self, row, ctx):
        return None


def engine_for(rows: int) -> eddy.Engine:
    engine = eddy.connect()
    engine.execute(f"""
        CREATE STREAM events (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
        WITH ('connector' = 'datagen', 'number-of-rows' = '{rows}', 'rows-per-second' = '0',
              'fields.k.min' = '1', 'fields.k.max' = '1000',
              'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2026-01-01 00:00:00',
              'fields.ts.step' = '10 ms')""")
    example = load_example()
    engine._register_reference_function("cpp_noop", "noop")
    engine._register_reference_function("cpp_count_with_timeout", "count_with_timeout")
    engine.register_process_function("py_noop", Noop, output=[])
    engine.register_process_function("py_count_with_timeout", example.CountWithTimeout,
                                     output=[("cnt", "BIGINT", False)], arguments=["INTERVAL"])
    return engine


def seconds(engine: eddy.Engine, sql: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        query = engine.query(sql)
        start = time.perf_counter()
        query.run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = engine_for(args.rows)
    base = seconds(engine, "SELECT k FROM events WHERE k < 0", args.repeat)
    calls = {"noop": "{}(TABLE events PARTITION BY k)",
             "count_with_timeout": "{}(TABLE events PARTITION BY k, INTERVAL '1' MINUTE)"}
    print(f"{args.rows} rows, 1000 keys; reading them alone: {base / args.rows * 1e6:.3f} us/row")
    print(f"{'function':<20} {'C++ us/row':>11} {'Python us/row':>14} {'ratio':>7}")
    for name, call in calls.items():
        cost = {}
        for lang in ("cpp", "py"):
            sql = "SELECT * FROM " + call.format(f"{lang}_{name}")
            cost[lang] = max(0.0, seconds(engine, sql, args.repeat) - base) / args.rows * 1e6
        ratio = cost["py"] / cost["cpp"] if cost["cpp"] > 0 else float("nan")
        print(f"{name:<20} {cost['cpp']:>11.3f} {cost['py']:>14.3f} {ratio:>6.0f}x")


if __name__ == "__main__":
    main()
