"""Random conformance cases (in the manner of SQLancer's differential testing): random streams and
random queries from the part of the language eddy and Flink share, seeded and reproducible.

Streams: keys (with NULLs), values (with NULLs), timestamps that go forward in steps of 0 to 3 s
(ties included) and, for single-input queries, out of order within and beyond the watermark
bound (late rows). Queries: filters and projections, TUMBLE / HOP / CUMULATE / SESSION window
aggregates (table functions and group windows, over filtered views), unbounded GROUP BY with
HAVING, interval joins of every kind with random bounds and conditions, [NOT] EXISTS, UNION ALL
under a window, aggregates over windows, TIMEOUT ... RESET STATE (run on Flink as a SESSION
window). Inputs with two streams stay within their watermark bounds: with late rows Flink's result
depends on how its two sources interleave (docs/flink.md).
"""

import random

import cases as casefmt

BASE_MS = 1704067200000  # 2024-01-01 00:00:00 UTC: far from the epoch (Flink emits no W <= 0)
KEYS = ["a", "b", "c", "d"]


def fmt_ts(ms):
    import datetime
    t = datetime.datetime(2024, 1, 1) + datetime.timedelta(milliseconds=ms - BASE_MS)
    return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d}"


class Stream:
    def __init__(self, name, value_col, delay_s, rows):
        self.name = name
        self.value_col = value_col
        self.delay_s = delay_s
        self.rows = rows  # [(k, v, ts_ms)]

    def ddl(self):
        return (f"CREATE STREAM {self.name} (k STRING, {self.value_col} INT, ts TIMESTAMP(3), "
                f"WATERMARK FOR ts AS ts - INTERVAL '{self.delay_s}' SECOND) WITH ('connector' = 'file', "
                f"'path' = '{self.name}.csv', 'format' = 'csv', 'csv.null-literal' = 'NULL')")

    def lines(self):
        return [f"{'NULL' if k is None else k},{'NULL' if v is None else v},{fmt_ts(ts)}"
                for k, v, ts in self.rows]

    def with_rows(self, rows):
        return Stream(self.name, self.value_col, self.delay_s, rows)


def random_rows(rng, n, delay_s, late, millis):
    rows, now = [], BASE_MS + rng.randint(0, 5) * 1000
    for _ in range(n):
        step = rng.choice([0, 1000, 1000, 1000, 2000, 3000, 500])
        now += step + (rng.randint(0, 999) if millis else 0)
        ts = now
        if rng.random() < 0.25:
            # Out of order: within the bound, or (late rows allowed) beyond it.
            back = rng.randint(0, (delay_s + 4) if late else delay_s) * 1000
            ts = now - back - (rng.randint(0, 999) if millis else 0)
            if not late:
                # Strictly ahead of the stream's watermark (max - delay): never late.
                ts = max(ts, now - delay_s * 1000 + 1) if delay_s else now
        k = None if rng.random() < 0.06 else rng.choice(KEYS[: rng.randint(2, 4)])
        v = None if rng.random() < 0.1 else rng.randint(-3, 20)
        rows.append((k, v, ts))
    return rows


class Generated:
    def __init__(self, seed, index, streams, views, query, ordered=False):
        self.seed, self.index = seed, index
        self.name = f"random/{seed}:{index}"
        self.streams = streams
        self.views = views
        self.query = query
        self.ordered = ordered

    def to_case(self):
        sql = ";\n".join([s.ddl() for s in self.streams] + self.views + [self.query])
        return casefmt.Case(self.name.replace("/", "_"), {f"{s.name}.csv": s.lines() for s in self.streams},
                            sql, self.ordered)

    def row_count(self):
        return sum(len(s.rows) for s in self.streams)

    def without_rows(self, chunk):
        """Every case with `chunk` consecutive rows of one stream left out."""
        for i, stream in enumerate(self.streams):
            for start in range(0, len(stream.rows), chunk):
                rows = stream.rows[:start] + stream.rows[start + chunk:]
                streams = list(self.streams)
                streams[i] = stream.with_rows(rows)
                yield Generated(self.seed, self.index, streams, self.views, self.query, self.ordered)


# ---- expressions


def predicate(rng, v="v", depth=0):
    kinds = [
        lambda: f"{v} > {rng.randint(-2, 15)}",
        lambda: f"{v} <= {rng.randint(0, 18)}",
        lambda: f"{v} IS NULL",
        lambda: f"{v} IS NOT NULL",
        lambda: f"k = '{rng.choice(KEYS)}'",
        lambda: f"k <> '{rng.choice(KEYS)}'",
        lambda: f"k IN ('{rng.choice(KEYS)}', '{rng.choice(KEYS)}')",
        lambda: f"{v} BETWEEN {rng.randint(-3, 5)} AND {rng.randint(5, 20)}",
        lambda: f"MOD({v}, {rng.randint(2, 3)}) = 0",
        lambda: f"k IS NOT NULL",
    ]
    p = rng.choice(kinds)()
    if depth < 1 and rng.random() < 0.35:
        op = rng.choice(["AND", "OR"])
        p = f"({p} {op} {predicate(rng, v, depth + 1)})"
    if rng.random() < 0.1:
        p = f"NOT ({p})"
    return p


def aggregates(rng, v="v"):
    pool = ["COUNT(*)", f"COUNT({v})", f"SUM({v})", f"MIN({v})", f"MAX({v})",
            f"COUNT(DISTINCT {v})", f"SUM({v} * 2 + 1)", f"MAX(CHAR_LENGTH(k))"]
    chosen = rng.sample(pool, rng.randint(1, 4))
    return [f"{a} AS a{i}" for i, a in enumerate(chosen)]


def seconds(n):
    return f"INTERVAL '{n}' SECOND"


# ---- queries: each returns (views, query, ordered)


def q_scan(rng, s):
    items = ["k", "v", "ts"] + rng.sample(["v * 2 + 1 AS x", "UPPER(k) AS uk", "COALESCE(v, -1) AS cv",
                                          "CASE WHEN v > 5 THEN 'hi' ELSE 'lo' END AS c",
                                          "CAST(v AS DOUBLE) / 4 AS q", "k || '-' || CAST(v AS STRING) AS kv"],
                                         rng.randint(0, 3))
    where = f" WHERE {predicate(rng)}" if rng.random() < 0.8 else ""
    return [], f"SELECT {', '.join(items)} FROM s{where}", False


def windowed_input(rng, name="s"):
    """The stream itself, or a filtered view of it (a window over a filter)."""
    if rng.random() < 0.4:
        return [f"CREATE VIEW f AS SELECT k, v, ts FROM {name} WHERE {predicate(rng)}"], "f"
    return [], name


def q_tvf(rng, s):
    views, source = windowed_input(rng)
    kind = rng.choice(["TUMBLE", "HOP", "CUMULATE", "SESSION"])
    if kind == "TUMBLE":
        call = f"TUMBLE(TABLE {source}, DESCRIPTOR(ts), {seconds(rng.choice([1, 2, 3, 5, 10]))})"
    elif kind == "HOP":
        slide = rng.choice([1, 2, 3])
        call = f"HOP(TABLE {source}, DESCRIPTOR(ts), {seconds(slide)}, {seconds(slide * rng.randint(1, 4))})"
    elif kind == "CUMULATE":
        step = rng.choice([1, 2, 3])
        call = f"CUMULATE(TABLE {source}, DESCRIPTOR(ts), {seconds(step)}, {seconds(step * rng.randint(1, 4))})"
    else:
        call = f"SESSION(TABLE {source} PARTITION BY k, DESCRIPTOR(ts), {seconds(rng.choice([1, 2, 3, 5]))})"
    keyed = kind == "SESSION" or rng.random() < 0.8
    keys = ["k"] if keyed else []
    items = keys + ["window_start", "window_end"] + aggregates(rng)
    group = keys + ["window_start", "window_end"]
    if rng.random() < 0.3:
        # Flink wants window_time grouped too (eddy takes it as a function of the window).
        items.append("window_time")
        group.append("window_time")
    where = f" WHERE {predicate(rng)}" if kind != "SESSION" and rng.random() < 0.2 else ""
    having = f" HAVING COUNT(*) > {rng.randint(1, 2)}" if rng.random() < 0.2 else ""
    query = (f"SELECT {', '.join(items)} FROM TABLE({call}){where} "
             f"GROUP BY {', '.join(group)}{having}")
    return views, query, False


def q_group_window(rng, s):
    views, source = windowed_input(rng)
    kind = rng.choice(["TUMBLE", "HOP", "SESSION"])
    if kind == "TUMBLE":
        args = seconds(rng.choice([1, 2, 5]))
    elif kind == "HOP":
        args = f"{seconds(rng.choice([1, 2]))}, {seconds(rng.choice([2, 3, 4]))}"
    else:
        args = seconds(rng.choice([1, 2, 3]))
    call = f"{kind}(ts, {args})"
    items = ["k", f"{kind}_START(ts, {args}) AS ws", f"{kind}_END(ts, {args}) AS we"] + aggregates(rng)
    return views, f"SELECT {', '.join(items)} FROM {source} GROUP BY k, {call}", False


def q_group_by(rng, s):
    where = f" WHERE {predicate(rng)}" if rng.random() < 0.5 else ""
    having = f" HAVING {rng.choice(['COUNT(*) > 1', 'SUM(v) > 10', 'MIN(v) < 3'])}" if rng.random() < 0.3 else ""
    keys = rng.choice([["k"], ["k", "v"], ["k"]])
    items = keys + aggregates(rng)
    return [], f"SELECT {', '.join(items)} FROM s{where} GROUP BY {', '.join(keys)}{having}", False


def q_join(rng, s):
    kind = rng.choice(["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"])
    lower, upper = rng.randint(0, 4), rng.randint(0, 4)
    cond = (f"s.k = t.k AND t.ts BETWEEN s.ts - {seconds(lower)} AND s.ts + {seconds(upper)}")
    if rng.random() < 0.3:
        cond += f" AND {rng.choice(['s.v < t.w', 't.w > 3', 's.v IS NOT NULL'])}"
    where = f" WHERE s.v > {rng.randint(0, 10)}" if kind == "JOIN" and rng.random() < 0.3 else ""
    items = "s.k AS sk, s.v, s.ts AS sts, t.k AS tk, t.w, t.ts AS tts"
    return [], f"SELECT {items} FROM s {kind} t ON {cond}{where}", False


def q_exists(rng, s):
    negated = rng.choice(["", "NOT "])
    lower, upper = rng.randint(0, 3), rng.randint(0, 4)
    query = (f"SELECT k, v, ts FROM s WHERE {negated}EXISTS (SELECT 1 FROM t WHERE t.k = s.k AND "
             f"t.ts BETWEEN s.ts - {seconds(lower)} AND s.ts + {seconds(upper)})")
    if rng.random() < 0.5:
        join = "LEFT ANTI JOIN" if negated else "LEFT SEMI JOIN"
        query = (f"SELECT s.k, s.v, s.ts FROM s {join} t ON t.k = s.k AND "
                 f"t.ts BETWEEN s.ts - {seconds(lower)} AND s.ts + {seconds(upper)}")
    return [], query, False


def q_union_window(rng, s):
    view = "CREATE VIEW u AS SELECT k, v, ts FROM s UNION ALL SELECT k, w AS v, ts FROM t"
    size = rng.choice([2, 3, 5])
    query = (f"SELECT k, window_start, window_end, {', '.join(aggregates(rng))} FROM "
             f"TABLE(TUMBLE(TABLE u, DESCRIPTOR(ts), {seconds(size)})) GROUP BY k, window_start, window_end")
    return [view], query, False


def q_union(rng, s):
    return [], (f"SELECT k, v, ts FROM s WHERE {predicate(rng)} UNION ALL "
                f"SELECT k, w, ts FROM t WHERE {predicate(rng, 'w')}"), False


def q_agg_over_window(rng, s):
    size = rng.choice([1, 2, 5])
    inner = (f"SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS sv FROM "
             f"TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), {seconds(size)})) GROUP BY k, window_start, window_end")
    outer = rng.choice([
        f"SELECT k, COUNT(*) AS windows, SUM(n) AS rows_, MAX(sv) AS top FROM ({inner}) GROUP BY k",
        f"SELECT k, window_start, n FROM ({inner}) WHERE n > 1",
    ])
    return [], outer, False


def q_timeout(rng, s):
    gap = rng.choice([1, 2, 3, 5])
    items = ["k"] + aggregates(rng) + ["TIMEOUT_TIME() AS idle_at"]
    where = f" WHERE {predicate(rng)}" if rng.random() < 0.3 else ""
    return [], (f"SELECT {', '.join(items)} FROM s{where} GROUP BY k TIMEOUT {seconds(gap)} RESET STATE"), False


SINGLE = [q_scan, q_tvf, q_tvf, q_group_window, q_group_by, q_agg_over_window, q_timeout]
DOUBLE = [q_join, q_join, q_exists, q_union_window, q_union]


def generate(seed, index):
    rng = random.Random(f"{seed}:{index}")
    double = rng.random() < 0.35
    template = rng.choice(DOUBLE if double else SINGLE)
    late = not double and rng.random() < 0.7
    # Timeouts become SESSION windows, whose rows exactly one gap apart share a session where a
    # timeout has fired just before (docs/flink.md): random milliseconds make such ties rare.
    millis = template is q_timeout or rng.random() < 0.3
    # Two inputs: watermark delays of at least 1 s, so that no row ties with its stream's
    # watermark: whether such a row is behind the combined watermark of a join depends, on Flink,
    # on how its two sources interleave (docs/flink.md, "Late rows of two inputs").
    s = Stream("s", "v", rng.choice([1, 2, 3] if double else [0, 1, 2, 3]), [])
    s.rows = random_rows(rng, rng.randint(4, 40), s.delay_s, late, millis)
    streams = [s]
    if double:
        t = Stream("t", "w", rng.choice([1, 2]), [])
        t.rows = random_rows(rng, rng.randint(3, 30), t.delay_s, False, millis)
        streams.append(t)
    views, query, ordered = template(rng, s)
    return Generated(seed, index, streams, views, query, ordered)
