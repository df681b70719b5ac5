#!/usr/bin/env python3
"""Randomized model test of eddy's rules for rows behind the watermark (Flink's rules).

For each seed it writes a random CSV stream (a few keys, ties, out-of-order rows within and far
beyond the watermark delay, rows exactly at window boundaries, one gap or one timeout apart, or
exactly at the watermark), runs a set of queries over it through the shell at batch sizes 1, 2, 7
and 1024, and checks that
  - the output (and the shell's late-row note) is byte-identical across batch sizes, and
  - each query's rows equal, as a multiset, those of an independent Python model of the rules
    (DESIGN.md §2 "Time", FLINK-SEMANTICS.md §1-§3, docs/language.md "Time" and "Timeouts"),
    and the late-row count in the note equals the model's.

Queries: TUMBLE / HOP / CUMULATE window table functions (with and without offsets), legacy
GROUP BY TUMBLE / HOP, SESSION as a table function and as a legacy group window,
GROUP BY k TIMEOUT ... KEEP STATE and RESET STATE, and a plain projection (keeps every row).

The model (the oracle) is a direct simulation, kept deliberately simple:
  - the watermark in force for row i is max(ts of rows 0..i-1) - d (-infinity before any row);
    row i is judged against it, then the watermark moves on to max(ts of rows 0..i) - d;
  - windows: a row counts in exactly the windows containing it whose end - 1 > W at its arrival;
    it is late when there is none; end of input fires everything (FLINK-SEMANTICS A1-A5);
  - sessions: Flink's merging windows [ts, ts + gap), touching merges, a merged session is late
    iff end - 1 <= W; sessions fire at W >= end - 1 (S1-S5);
  - timeouts: rows ahead of the watermark wait and are applied in event-time order as the
    watermark passes them; a key with applied rows emits at L + T (L its latest applied row)
    when W >= L + T and no row at or before L + T is still to be applied; a row behind the
    watermark joins the key's open span [S, L + T] when [ts, ts + T] touches it, else opens a
    new span when ts + T > W, else is late (DESIGN.md §2 "timeouts", language.md "Timeouts").

Each eddy run executes every query of the case in one shell invocation (one header per query,
made unique by a q<N>_ alias); stdout is flushed before a query's note is written to stderr, so
with stderr merged into stdout the note follows its query's rows.

Before the random seeds it runs hand-written cases (FIXED_CASES): Flink's own worked example
(FLINK-SEMANTICS A8), the docs' examples, and minimal reproducers of bugs found by this test; and
self_check() first checks the model itself against the results Flink and the docs state.

Usage: lateness_model_test.py [--eddy PATH] [--seeds N] [--first N] [--seed N] [--fixed]
                              [--dir DIR] [--verbose]
On a mismatch it prints the case (seed), the input CSV, the script, for each differing query a
runnable command, the expected and actual rows and late counts, and exits 1.
"""
import argparse
import datetime
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BATCH_SIZES = ["1", "2", "7", "1024"]
EPOCH = datetime.datetime(1970, 1, 1)
BASE = int((datetime.datetime(2024, 1, 1, 10, 0, 0) - EPOCH).total_seconds()) * 1000
INF = float("inf")
NOTE = re.compile(r"^note: (\d+) late rows? left out of the result")


def fmt_ts(ms: int) -> str:
    t = EPOCH + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}"


def interval(ms: int) -> str:
    if ms % 1000 == 0:
        return f"INTERVAL '{ms // 1000}' SECOND"
    return f"INTERVAL '{ms}' MILLISECOND"


# ---------------------------------------------------------------------------------------------
# The model.  rows: list of (k, v, ts) in arrival order; d: the watermark delay in ms.


def arrival_watermarks(rows, d):
    """The watermark in force when each row arrives (W before the row; -infinity at first)."""
    marks, mx = [], None
    for _, _, ts in rows:
        marks.append(-INF if mx is None else mx - d)
        mx = ts if mx is None else max(mx, ts)
    return marks


def floor_start(ts, size, offset):
    return ts - ((ts - offset) % size)  # Python's % is already floor-mod for a positive size


def windows_containing(kind, ts, p):
    """Every [start, end) of the given kind that contains ts (FLINK-SEMANTICS A1)."""
    if kind == "TUMBLE":
        s = floor_start(ts, p["size"], p["offset"])
        return [(s, s + p["size"])]
    if kind == "HOP":
        out, s = [], floor_start(ts, p["slide"], p["offset"])
        while s + p["size"] > ts:
            out.append((s, s + p["size"]))
            s -= p["slide"]
        return out
    if kind == "CUMULATE":
        s = floor_start(ts, p["size"], p["offset"])
        return [(s, e) for e in range(s + p["step"], s + p["size"] + 1, p["step"]) if e > ts]
    raise ValueError(kind)


def model_windows(rows, d, kind, p):
    """(rows of window_start, window_end, k, COUNT(*), SUM(v)), late count."""
    acc = defaultdict(lambda: [0, 0])
    late = 0
    for (k, v, ts), w in zip(rows, arrival_watermarks(rows, d)):
        taken = False
        for s, e in windows_containing(kind, ts, p):
            if e - 1 > w:  # not fired yet (a window fires at W >= end - 1)
                acc[(s, e, k)][0] += 1
                acc[(s, e, k)][1] += v
                taken = True
        if not taken:
            late += 1
    out = [(fmt_ts(s), fmt_ts(e), k, str(c), str(sm)) for (s, e, k), (c, sm) in acc.items()]
    return out, late


def model_sessions(rows, d, gap):
    """Flink's merging session windows per key: (start, end, k, COUNT(*), SUM(v)), late count."""
    live = defaultdict(list)  # key -> list of [start, end, count, sum], never touching each other
    out, late = [], 0
    marks = arrival_watermarks(rows, d)
    mx = None
    for (k, v, ts), w in zip(rows, marks):
        cur = [ts, ts + gap, 1, v]
        rest = list(live[k])
        merged = True
        while merged:  # merge with every live session that touches, until none does
            merged = False
            for sess in rest:
                if sess[0] <= cur[1] and sess[1] >= cur[0]:
                    cur = [min(cur[0], sess[0]), max(cur[1], sess[1]), cur[2] + sess[2],
                           cur[3] + sess[3]]
                    rest.remove(sess)
                    merged = True
                    break
        if cur[1] - 1 <= w:  # the (merged) window has already fired: the row is late
            assert rest == live[k], "a live session can never make a row late"
            late += 1
        else:
            live[k] = rest + [cur]
        mx = ts if mx is None else max(mx, ts)
        wm = mx - d
        for key in list(live):  # sessions fire at W >= end - 1
            for sess in [x for x in live[key] if x[1] - 1 <= wm]:
                out.append((key, sess))
                live[key].remove(sess)
    for key in live:  # end of input fires everything
        for sess in live[key]:
            out.append((key, sess))
    rows_out = [(fmt_ts(s), fmt_ts(e), key, str(c), str(sm)) for key, (s, e, c, sm) in out]
    return rows_out, late


def model_timeout(rows, d, timeout, reset):
    """GROUP BY k TIMEOUT: rows of (k, COUNT(*), SUM(v), TIMEOUT_TIME()), late count."""
    T = timeout
    pending = []  # (ts, arrival index, k, v): rows ahead of the watermark, not applied yet
    count = defaultdict(int)  # aggregates per key (since the last emission with RESET STATE)
    total = defaultdict(int)
    span = {}  # key -> [S, L]: the open span's first and latest applied row
    out, late = [], 0

    def apply(k, v, ts):
        count[k] += 1
        total[k] += v
        if k in span:
            span[k][0] = min(span[k][0], ts)
            span[k][1] = max(span[k][1], ts)
        else:
            span[k] = [ts, ts]

    def advance(wm):
        # Apply the waiting rows and fire the timers up to wm, in event-time order; at equal
        # times a row comes before a timer (a row at exactly L + T is still activity).
        while True:
            best = None  # (time, 0 for a row / 1 for a timer, tiebreak, payload)
            for r in pending:
                if r[0] <= wm and (best is None or (r[0], 0, r[1]) < best[:3]):
                    best = (r[0], 0, r[1], r)
            for k, (_, last) in span.items():
                t = last + T
                if t <= wm and (best is None or (t, 1, k) < best[:3]):
                    best = (t, 1, k, k)
            if best is None:
                return
            if best[1] == 0:
                r = best[3]
                pending.remove(r)
                k = r[2]
                assert k not in span or r[0] <= span[k][1] + T
                apply(k, r[3], r[0])
            else:
                k = best[3]
                out.append((k, str(count[k]), str(total[k]), fmt_ts(span[k][1] + T)))
                del span[k]
                if reset:
                    count[k] = 0
                    total[k] = 0

    mx = None
    for i, ((k, v, ts), w) in enumerate(zip(rows, arrival_watermarks(rows, d))):
        if ts > w:
            pending.append((ts, i, k, v))
        elif k in span and ts + T >= span[k][0]:
            apply(k, v, ts)  # joins the open span [S, L + T] (ts <= W < L + T always)
        elif k not in span and ts + T > w:
            apply(k, v, ts)  # opens a new span
        else:
            late += 1
        mx = ts if mx is None else max(mx, ts)
        advance(mx - d)
    advance(INF)
    return out, late


# ---------------------------------------------------------------------------------------------
# Random cases.


def gen_case(rng):
    unit = rng.choice([250, 500, 1000, 1000])
    d = rng.choice([0, 1, unit, unit, 2 * unit, 3 * unit, 4 * unit + 1])
    keys = ["a", "b", "c", "d"][: rng.randint(1, 4)]
    n = rng.randint(10, 40)

    def maybe_offset(size):
        return rng.randrange(0, size, unit) if rng.random() < 0.3 else 0

    p = {}
    size = unit * rng.randint(2, 8)
    p["TUMBLE"] = {"size": size, "offset": maybe_offset(size)}
    slide = unit * rng.randint(1, 4)
    p["HOP"] = {"slide": slide, "size": slide * rng.randint(2, 4), "offset": maybe_offset(slide)}
    step = unit * rng.randint(1, 4)
    size = step * rng.randint(2, 4)
    p["CUMULATE"] = {"step": step, "size": size, "offset": maybe_offset(size)}
    p["LEGACY_TUMBLE"] = {"size": unit * rng.randint(2, 8), "offset": 0}
    slide = unit * rng.randint(1, 3)
    p["LEGACY_HOP"] = {"slide": slide, "size": slide * rng.randint(2, 3), "offset": 0}
    p["gap"] = unit * rng.randint(1, 6)
    p["timeout"] = unit * rng.randint(1, 6)
    longest = max(p["TUMBLE"]["size"], p["HOP"]["size"], p["CUMULATE"]["size"], p["gap"],
                  p["timeout"])

    rows, t, mx = [], BASE + unit * rng.randint(0, 20), None
    last = {}  # key -> ts of its latest row
    for _ in range(n):
        k = rng.choice(keys)
        r = rng.random()
        if mx is None or r < 0.42:  # in order
            t += rng.choice([0, 0, unit, unit, 2 * unit, 3 * unit, 5 * unit, 8 * unit])
            ts = t
        elif r < 0.57:  # out of order within the delay (at most exactly the watermark)
            ts = mx - rng.choice([0, d, d // 2, rng.randint(0, d)])
        elif r < 0.70:  # far behind the watermark
            ts = mx - d - unit * rng.randint(1, 2 * longest // unit + 2) - rng.choice([0, 0, 1])
        elif r < 0.75:  # a tie with the previous row
            ts = rows[-1][2]
        else:  # exactly on some boundary
            w = mx - d
            cand = [w, w + 1, w - 1]
            for q in (p["TUMBLE"], p["LEGACY_TUMBLE"], p["CUMULATE"]):
                b = floor_start(w, q["size"], q["offset"])
                cand += [b - 1, b, b + 1, b + q["size"] - 1, b + q["size"],
                         b + q["size"] + d - 1, b + q["size"] + d]
            for q, step_key in ((p["HOP"], "slide"), (p["CUMULATE"], "step")):
                b = floor_start(w, q[step_key], q["offset"])
                cand += [b - 1, b, b + q[step_key], b + q[step_key] - 1 + d]
            if k in last:
                for span in (p["gap"], p["timeout"]):
                    cand += [last[k] + span + x for x in (-1, 0, 1)]
                    cand += [last[k] + span + d - 1, last[k] + span + d]
                    cand += [last[k] - span + x for x in (-1, 0, 1)]
            ts = rng.choice(cand)
        t = max(t, ts)
        mx = ts if mx is None else max(mx, ts)
        last[k] = ts
        rows.append((k, rng.randint(1, 9), ts))
    return rows, d, p


def params(tumble, hop, cumulate, gap, timeout, legacy_tumble=None, legacy_hop=None):
    """Query parameters for a hand-written case (sizes in ms; offsets 0)."""
    return {"TUMBLE": {"size": tumble, "offset": 0},
            "HOP": {"slide": hop[0], "size": hop[1], "offset": 0},
            "CUMULATE": {"step": cumulate[0], "size": cumulate[1], "offset": 0},
            "LEGACY_TUMBLE": {"size": legacy_tumble or tumble, "offset": 0},
            "LEGACY_HOP": {"slide": (legacy_hop or hop)[0], "size": (legacy_hop or hop)[1],
                           "offset": 0},
            "gap": gap, "timeout": timeout}


def at(seconds):
    """2024-01-01 10:00:00 + seconds, in epoch ms."""
    return BASE + round(seconds * 1000)


# Flink's worked example (FLINK-SEMANTICS.md A8, WindowAggregateITCase), without its NULL-key row.
FLINK_A8 = [("a", 1, at(1)), ("a", 2, at(2)), ("a", 3, at(3)), ("a", 4, at(4)), ("b", 5, at(7)),
            ("b", 6, at(6)), ("a", 7, at(8)), ("a", 8, at(4)), ("b", 9, at(16)),
            ("b", 10, at(34))]
# docs/language.md "Time": e3 is late for TUMBLE 5 s, not for HOP 5 s / 10 s.
DOC_TIME = [("x", 1, at(0)), ("x", 2, at(10)), ("x", 3, at(4)), ("x", 4, at(5)), ("x", 5, at(6))]
# docs/language.md "Timeouts", event time: out-of-order a, b exactly one timeout apart.
DOC_TIMEOUT = [("a", 1, at(0)), ("b", 1, at(0)), ("a", 1, at(12)), ("a", 1, at(8)),
               ("b", 1, at(10)), ("b", 1, at(30))]
# tests/shell/timeout.t (DESIGN.md's example).
DOC_LOGINS = [("u1", 1, at(0)), ("u2", 1, at(10)), ("u1", 1, at(50)), ("u1", 1, at(120)),
              ("u2", 1, at(150))]

# Hand-written cases run before the random ones: (name, rows, watermark delay, parameters).
FIXED_CASES = [
    ("flink-a8", FLINK_A8, 1000, params(5000, (5000, 10000), (5000, 15000), 5000, 5000)),
    ("doc-time", DOC_TIME, 5000, params(5000, (5000, 10000), (5000, 10000), 5000, 5000)),
    ("doc-timeout", DOC_TIMEOUT, 5000, params(5000, (5000, 10000), (5000, 10000), 10000, 10000)),
    ("doc-logins", DOC_LOGINS, 5000, params(60000, (30000, 60000), (30000, 60000), 60000, 60000)),
    # A row behind the watermark exactly one gap before a row that is still ahead of it (at
    # W + 1 ms): [48, 51) touches the live session [51, 54), so Flink merges them into [48, 54)
    # with 2 rows (S2, S4), although 48 + gap - 1 <= W = 50.999. eddy (as of 3b6a577) buffers
    # the row at 51 until the watermark passes it, judges the row at 48 only against sessions
    # of rows already under the watermark, and drops it as late (and then every row that would
    # have touched the session it extended backwards).
    ("session-touches-row-ahead", [("b", 1, at(51)), ("b", 2, at(48))], 1,
     params(3000, (1000, 3000), (1000, 3000), 3000, 3000)),
    # The same with the watermark moved by another key; the timeout queries (T = 1 s) and the
    # case above (T = 3 s: [48, 51] touches [51, 54] and 51 > W) are the timeout analogues.
    ("session-touches-row-ahead-2", [("b", 1, at(51)), ("a", 1, at(53.999)), ("b", 2, at(48))],
     3000, params(6000, (1000, 3000), (1000, 2000), 3000, 1000)),
]


def self_check():
    """The model reproduces Flink's and the docs' own expected results."""
    def rows_of(result, key=None):
        return sorted(r for r in result[0] if key is None or key in r)

    def w(s, e, k, n, total):
        return (fmt_ts(at(s)), fmt_ts(at(e)), k, str(n), str(total))

    a8 = params(5000, (5000, 10000), (5000, 15000), 5000, 5000)
    # FLINK-SEMANTICS A8 (key a): the late a@:04 is dropped by TUMBLE, counts in HOP [:00,:10)
    # and CUMULATE [:00,:10), [:00,:15), and merges into the session [:01, :13).
    assert rows_of(model_windows(FLINK_A8, 1000, "TUMBLE", a8["TUMBLE"]), "a") == [
        w(0, 5, "a", 4, 10), w(5, 10, "a", 1, 7)]
    assert rows_of(model_windows(FLINK_A8, 1000, "HOP", a8["HOP"]), "a") == [
        w(-5, 5, "a", 4, 10), w(0, 10, "a", 6, 25), w(5, 15, "a", 1, 7)]
    assert rows_of(model_windows(FLINK_A8, 1000, "CUMULATE", a8["CUMULATE"]), "a") == [
        w(0, 5, "a", 4, 10), w(0, 10, "a", 6, 25), w(0, 15, "a", 6, 25)]
    assert rows_of(model_sessions(FLINK_A8, 1000, 5000), "a") == [w(1, 13, "a", 6, 25)]
    # docs/language.md "Time".
    dt = params(5000, (5000, 10000), (5000, 10000), 5000, 5000)
    assert model_windows(DOC_TIME, 5000, "TUMBLE", dt["TUMBLE"])[1] == 1
    assert [r[3] for r in rows_of(model_windows(DOC_TIME, 5000, "TUMBLE", dt["TUMBLE"]))] == [
        "1", "2", "1"]
    assert model_windows(DOC_TIME, 5000, "HOP", dt["HOP"]) [1] == 0
    assert [(r[0], r[3]) for r in rows_of(model_windows(DOC_TIME, 5000, "HOP", dt["HOP"]))] == [
        (fmt_ts(at(-5)), "1"), (fmt_ts(at(0)), "4"), (fmt_ts(at(5)), "3"), (fmt_ts(at(10)), "1")]
    # docs/language.md "Timeouts" (KEEP STATE).
    assert sorted(model_timeout(DOC_TIMEOUT, 5000, 10000, reset=False)[0]) == sorted([
        ("b", "2", "2", fmt_ts(at(20))), ("a", "3", "3", fmt_ts(at(22))),
        ("b", "3", "3", fmt_ts(at(40)))])
    # tests/shell/timeout.t, KEEP STATE and RESET STATE.
    assert sorted(model_timeout(DOC_LOGINS, 5000, 60000, reset=False)[0]) == sorted([
        ("u2", "1", "1", fmt_ts(at(70))), ("u1", "2", "2", fmt_ts(at(110))),
        ("u1", "3", "3", fmt_ts(at(180))), ("u2", "2", "2", fmt_ts(at(210)))])
    assert sorted(r[:2] for r in model_timeout(DOC_LOGINS, 5000, 60000, reset=True)[0]) == sorted([
        ("u2", "1"), ("u1", "2"), ("u1", "1"), ("u2", "1")])
    # The rules at their boundaries (d = 0, so the first row sets W to its own time).
    def late(first, second, model):
        return model([("k", 1, at(first)), ("k", 1, at(second))], 0)[1]

    tumble5 = lambda r, d: model_windows(r, d, "TUMBLE", {"size": 5000, "offset": 0})
    assert late(14.999, 10, tumble5) == 1  # [10, 15) fired at W = 14.999
    assert late(14.998, 10, tumble5) == 0
    assert late(14.998, 14.998, tumble5) == 0  # a tie at W is behind it, the window still open
    session5 = lambda r, d: model_sessions(r, d, 5000)
    assert late(20, 15, session5) == 0  # [15, 20) touches [20, 25)
    assert late(20, 14.999, session5) == 1
    assert late(15.999, 10.999, session5) == 0  # [10.999, 15.999) touches [15.999, 20.999)
    assert late(15.999, 10.998, session5) == 1
    other = lambda w, ts, model: model([("j", 1, at(w)), ("k", 1, at(ts))], 0)[1]
    assert other(15.999, 11, session5) == 1  # a new session [11, 16) has fired at W = 15.999
    assert other(15.998, 11, session5) == 0
    timeout5 = lambda r, d: model_timeout(r, d, 5000, reset=False)
    assert late(20, 15, timeout5) == 0  # [15, 20] touches [20, 25]
    assert late(20, 14.999, timeout5) == 1
    assert model_timeout([("k", 1, at(20)), ("k", 1, at(15))], 0, 5000, False)[0] == [
        ("k", "2", "2", fmt_ts(at(25)))]
    assert late(30, 25, timeout5) == 0  # [25, 30] touches [30, 35]
    assert other(30, 25.001, timeout5) == 0  # a new span: its timeout 30.001 is ahead of W
    assert other(30, 25, timeout5) == 1  # its timeout, 30, has passed (W = 30)
    return True


def build_queries(p):
    """[(name, select statement without the q-alias prefix applied, model function)]"""
    def tvf(kind):
        q = p[kind]
        if kind == "TUMBLE":
            args = interval(q["size"])
        elif kind == "HOP":
            args = f"{interval(q['slide'])}, {interval(q['size'])}"
        else:
            args = f"{interval(q['step'])}, {interval(q['size'])}"
        if q["offset"]:
            args += f", {interval(q['offset'])}"
        sql = (f"SELECT window_start AS {{a}}, window_end, k, COUNT(*) AS n, SUM(v) AS total "
               f"FROM TABLE({kind}(TABLE s, DESCRIPTOR(ts), {args})) "
               f"GROUP BY window_start, window_end, k")
        return (kind.lower(), sql, lambda rows, d: model_windows(rows, d, kind, q))

    tumble = p["LEGACY_TUMBLE"]
    hop = p["LEGACY_HOP"]
    ti = interval(tumble["size"])
    hi = f"{interval(hop['slide'])}, {interval(hop['size'])}"
    gi = interval(p["gap"])
    to = interval(p["timeout"])
    return [
        ("select", "SELECT k AS {a}, v, ts FROM s", None),
        tvf("TUMBLE"),
        tvf("HOP"),
        tvf("CUMULATE"),
        ("legacy_tumble",
         f"SELECT TUMBLE_START(ts, {ti}) AS {{a}}, TUMBLE_END(ts, {ti}), k, COUNT(*), SUM(v) "
         f"FROM s GROUP BY TUMBLE(ts, {ti}), k",
         lambda rows, d: model_windows(rows, d, "TUMBLE", tumble)),
        ("legacy_hop",
         f"SELECT HOP_START(ts, {hi}) AS {{a}}, HOP_END(ts, {hi}), k, COUNT(*), SUM(v) "
         f"FROM s GROUP BY HOP(ts, {hi}), k",
         lambda rows, d: model_windows(rows, d, "HOP", hop)),
        ("session",
         f"SELECT window_start AS {{a}}, window_end, k, COUNT(*), SUM(v) "
         f"FROM TABLE(SESSION(TABLE s PARTITION BY k, DESCRIPTOR(ts), {gi})) "
         f"GROUP BY window_start, window_end, k",
         lambda rows, d: model_sessions(rows, d, p["gap"])),
        ("legacy_session",
         f"SELECT SESSION_START(ts, {gi}) AS {{a}}, SESSION_END(ts, {gi}), k, COUNT(*), SUM(v) "
         f"FROM s GROUP BY SESSION(ts, {gi}), k",
         lambda rows, d: model_sessions(rows, d, p["gap"])),
        ("timeout_keep",
         f"SELECT k AS {{a}}, COUNT(*), SUM(v), TIMEOUT_TIME() FROM s "
         f"GROUP BY k TIMEOUT {to} KEEP STATE",
         lambda rows, d: model_timeout(rows, d, p["timeout"], reset=False)),
        ("timeout_reset",
         f"SELECT k AS {{a}}, COUNT(*), SUM(v), TIMEOUT_TIME() FROM s "
         f"GROUP BY k TIMEOUT {to} RESET STATE",
         lambda rows, d: model_timeout(rows, d, p["timeout"], reset=True)),
    ]


def ddl(path, d):
    return (f"CREATE STREAM s (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - "
            f"{interval(d)}) WITH ('connector' = "
            f"'file', 'path' = '{path}', 'format' = 'csv')")


def parse_output(text, n_queries):
    """Split merged stdout+stderr into per-query (rows, late count); headers start with q<i>_."""
    results = [None] * n_queries
    current = None
    for line in text.splitlines():
        m = re.match(r"^q(\d+)_", line)
        if m:
            current = int(m.group(1))
            results[current] = [[], 0]
            continue
        m = NOTE.match(line)
        if m and current is not None:
            results[current][1] = int(m.group(1))
            continue
        if current is None:
            raise ValueError(f"unexpected output line before any header: {line!r}")
        results[current][0].append(tuple(line.split(",")))
    return results


def run_case(case_name, rows, d, p, eddy, directory, verbose):
    csv_path = directory / f"{case_name}.csv"
    csv_text = "".join(f"{k},{v},{fmt_ts(ts)}\n" for k, v, ts in rows)
    csv_path.write_text(csv_text)
    queries = build_queries(p)
    selects = [sql.format(a=f"q{i}_{name}") for i, (name, sql, _) in enumerate(queries)]
    script = ddl(csv_path, d) + ";\n" + ";\n".join(selects)

    outputs = {}
    for size in BATCH_SIZES:
        run = subprocess.run([eddy, "--mode", "csv", "--batch-size", size, "-c", script],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        outputs[size] = (run.returncode, run.stdout)

    problems = []
    rc, first = outputs[BATCH_SIZES[0]]
    for size in BATCH_SIZES[1:]:
        if outputs[size] != outputs[BATCH_SIZES[0]]:
            problems.append(f"batch size {size} output differs from batch size 1:\n"
                            f"--- batch size 1 (exit {rc}):\n{first}"
                            f"--- batch size {size} (exit {outputs[size][0]}):\n{outputs[size][1]}")
    if rc != 0:
        problems.append(f"eddy failed (exit {rc}):\n{first}")
        return problems, csv_text, script
    actual = parse_output(first, len(queries))
    for i, (name, sql, model) in enumerate(queries):
        if actual[i] is None:
            problems.append(f"query {name}: no output section")
            continue
        got_rows, got_late = actual[i]
        if model is None:  # the plain projection keeps every row, in arrival order
            want_rows = [(k, str(v), fmt_ts(ts)) for k, v, ts in rows]
            want_late = 0
            ok = got_rows == want_rows and got_late == 0
        else:
            want_rows, want_late = model(rows, d)
            ok = sorted(got_rows) == sorted(want_rows) and got_late == want_late
        if verbose:
            print(f"  {case_name} {name}: {len(want_rows)} rows, {want_late} late")
        if not ok:
            stmt = ddl(csv_path, d) + "; " + sql.format(a=f"q{i}_{name}")
            exp = "\n".join(",".join(r) for r in sorted(want_rows))
            act = "\n".join(",".join(r) for r in sorted(got_rows))
            missing = sorted(set(want_rows) - set(got_rows))
            extra = sorted(set(got_rows) - set(want_rows))
            problems.append(
                f"query {name} differs from the model\n"
                f"  command: {shlex.quote(eddy)} --mode csv -c {shlex.quote(stmt)}\n"
                f"  late rows: expected {want_late}, eddy {got_late}\n"
                f"  expected rows (sorted):\n{exp}\n  eddy rows (sorted):\n{act}\n"
                f"  only expected: {missing}\n  only in eddy: {extra}")
    return problems, csv_text, script


def main():
    here = Path(__file__).resolve()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eddy", default=str(here.parents[2] / "build" / "eddy"),
                    help="the eddy binary (default: build/eddy)")
    ap.add_argument("--seeds", type=int, default=int(os.environ.get("LATENESS_SEEDS", "120")),
                    help="number of random seeds (default 120, or $LATENESS_SEEDS)")
    ap.add_argument("--first", type=int, default=0, help="first random seed (default 0)")
    ap.add_argument("--seed", type=int, help="run this one random seed only")
    ap.add_argument("--fixed", action="store_true", help="run the hand-written cases only")
    ap.add_argument("--dir", help="write the cases' CSV files here and keep them")
    ap.add_argument("--verbose", action="store_true", help="print each query's row counts")
    args = ap.parse_args()
    self_check()

    cases = [(name, rows, d, p, "--fixed") for name, rows, d, p in FIXED_CASES]
    if args.seed is not None:
        seeds = [args.seed]
        cases = cases if args.fixed else []
    else:
        seeds = [] if args.fixed else list(range(args.first, args.first + args.seeds))
    for seed in seeds:
        rows, d, p = gen_case(random.Random(seed))
        cases.append((f"seed-{seed}", rows, d, p, f"--seed {seed}"))

    started = time.monotonic()
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(args.dir) if args.dir else Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        for name, rows, d, p, rerun in cases:
            problems, csv_text, script = run_case(name, rows, d, p, args.eddy, directory,
                                                  args.verbose)
            if problems:
                failed.append(name)
                print(f"=== {name} FAILED (watermark delay {d} ms; rerun: {here.name} {rerun})\n"
                      f"input CSV (k,v,ts):\n{csv_text}script:\n{script}\n")
                for problem in problems:
                    print(problem + "\n")
    elapsed = time.monotonic() - started
    n_fixed = len(cases) - len(seeds)
    print(f"{len(cases) - len(failed)}/{len(cases)} cases ({n_fixed} hand-written, {len(seeds)} "
          f"random seeds; {len(build_queries(FIXED_CASES[0][3]))} queries each) agree with the "
          f"model at batch sizes {', '.join(BATCH_SIZES)} ({elapsed:.1f} s)"
          + (f"; failing: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
