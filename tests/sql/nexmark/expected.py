#!/usr/bin/env python3
"""Independent expected rows for the Nexmark SQL tests (tests/sql/nexmark/*.test).

eddy only generates the events: this script has build/eddy dump the person, auction and bid
streams of a configuration to csv files (file sinks, plain SELECTs of every column), then
computes each query's result in Python from those rows, with the query's semantics written out
by hand (windows, joins, sessions, timeouts), and prints it in the test format: one row per line,
tab-separated, sorted (the tests compare with `rowsort`, or ORDER BY for final tables).

    python3 tests/sql/nexmark/expected.py --eddy build/eddy --events 1000 --event-rate 10 q5

prints the rows to paste under q5's `----`. The options must be those of the test's streams.
"""
import argparse
import collections
import csv
import datetime
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

FIELDS = {
    "person": [("id", "BIGINT"), ("name", "STRING"), ("emailAddress", "STRING"),
               ("creditCard", "STRING"), ("city", "STRING"), ("state", "STRING"),
               ("dateTime", "TIMESTAMP(3)"), ("extra", "STRING")],
    "auction": [("id", "BIGINT"), ("itemName", "STRING"), ("description", "STRING"),
                ("initialBid", "BIGINT"), ("reserve", "BIGINT"), ("dateTime", "TIMESTAMP(3)"),
                ("expires", "TIMESTAMP(3)"), ("seller", "BIGINT"), ("category", "BIGINT"),
                ("extra", "STRING")],
    "bid": [("auction", "BIGINT"), ("bidder", "BIGINT"), ("price", "BIGINT"),
            ("channel", "STRING"), ("url", "STRING"), ("dateTime", "TIMESTAMP(3)"),
            ("extra", "STRING")],
}
EPOCH = datetime.datetime(1970, 1, 1)


def ms(text):
    return int((datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f") - EPOCH)
               / datetime.timedelta(milliseconds=1))


def ts(millis):
    return (EPOCH + datetime.timedelta(milliseconds=millis)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def dump(args):
    """Runs eddy to write every stream to csv; returns {kind: [dict row]}."""
    tmp = tempfile.mkdtemp(prefix="nexmark_expected_")
    script = []
    for kind, fields in FIELDS.items():
        cols = ", ".join(f"{n} {t}" for n, t in fields)
        opts = (f"'connector' = 'nexmark', 'nexmark.table' = '{kind}', 'events' = '{args.events}',"
                f" 'event-rate' = '{args.event_rate}', 'seed' = '{args.seed}'")
        script.append(f"CREATE STREAM {kind} ({cols}) WITH ({opts});")
        script.append(f"CREATE STREAM {kind}_out ({cols}) WITH ('connector' = 'file', "
                      f"'path' = '{tmp}/{kind}.csv', 'format' = 'csv', 'csv.header' = 'true');")
        script.append(f"INSERT INTO {kind}_out SELECT * FROM {kind};")
    subprocess.run([args.eddy, "-c", "\n".join(script)], check=True)
    rows = {}
    for kind, fields in FIELDS.items():
        with open(os.path.join(tmp, f"{kind}.csv"), newline="") as f:
            out = []
            for r in csv.DictReader(f):
                for name, type_ in fields:
                    if type_ == "BIGINT":
                        r[name] = int(r[name])
                    elif type_ == "TIMESTAMP(3)":
                        r[name] = ms(r[name])
                out.append(r)
            rows[kind] = out
    return rows


def q0(d):
    return [(b["auction"], b["bidder"], b["price"], ts(b["dateTime"]), b["extra"])
            for b in d["bid"]]


def q1(d):
    return [(b["auction"], b["bidder"], f"{Decimal(b['price']) * Decimal('0.908'):.3f}",
             ts(b["dateTime"]), b["extra"]) for b in d["bid"]]


def q2(d):
    return [(b["auction"], b["price"]) for b in d["bid"] if b["auction"] % 123 == 0]


def q3(d):
    people = collections.defaultdict(list)
    for p in d["person"]:
        people[p["id"]].append(p)
    return [(p["name"], p["city"], p["state"], a["id"])
            for a in d["auction"] if a["category"] == 10
            for p in people[a["seller"]] if p["state"] in ("OR", "ID", "CA")]


def q4(d):
    # The final table: per category, the average (integer division, as AVG of BIGINT) of each
    # auction's highest bid within [dateTime, expires].
    final = {}
    for a in d["auction"]:
        for b in d["bid"]:
            if b["auction"] == a["id"] and a["dateTime"] <= b["dateTime"] <= a["expires"]:
                key = (a["id"], a["category"])
                final[key] = max(final.get(key, b["price"]), b["price"])
    per_category = collections.defaultdict(list)
    for (_, category), price in final.items():
        per_category[category].append(price)
    return [(c, sum(v) // len(v)) for c, v in per_category.items()]  # prices are positive


def hop_windows(t, slide, size):
    start = t - t % slide
    while start > t - size:
        yield start, start + size
        start -= slide


def q5(d):
    counts = collections.Counter()
    for b in d["bid"]:
        for w in hop_windows(b["dateTime"], 2000, 10000):
            counts[(w, b["auction"])] += 1
    maxn = collections.Counter()
    for (w, _), n in counts.items():
        maxn[w] = max(maxn[w], n)
    return [(auction, n) for (w, auction), n in counts.items() if n >= maxn[w]]


def q7(d):
    maxprice = {}
    for b in d["bid"]:
        end = b["dateTime"] - b["dateTime"] % 10000 + 10000
        maxprice[end] = max(maxprice.get(end, b["price"]), b["price"])
    return [(b["auction"], b["bidder"], b["price"], ts(b["dateTime"]), b["extra"])
            for end, m in maxprice.items() for b in d["bid"]
            if b["price"] == m and end - 10000 <= b["dateTime"] <= end]


def q8(d):
    people = {(p["id"], p["name"], p["dateTime"] - p["dateTime"] % 10000) for p in d["person"]}
    sellers = {(a["seller"], a["dateTime"] - a["dateTime"] % 10000) for a in d["auction"]}
    return [(i, name, ts(start)) for i, name, start in people if (i, start) in sellers]


def per_bidder_times(d):
    times = collections.defaultdict(list)
    for b in d["bid"]:
        times[b["bidder"]].append(b["dateTime"])
    return times


def q11(d):
    # Session windows [t, t + gap) merge when they overlap or touch (Flink's TimeWindow).
    gap = 10000
    out = []
    for bidder, times in per_bidder_times(d).items():
        times.sort()
        start, last, n = times[0], times[0], 0
        for t in times:
            if t - last > gap:
                out.append((bidder, n, ts(start), ts(last + gap)))
                start, n = t, 0
            last, n = t, n + 1
        out.append((bidder, n, ts(start), ts(last + gap)))
    return out


def q12(d):
    # The test's processing-time clock stays at 0: every bid is in the window [0 s, 10 s).
    counts = collections.Counter(b["bidder"] for b in d["bid"])
    return [(bidder, n, ts(0), ts(10000)) for bidder, n in counts.items()]


def timeout(d):
    # KEEP STATE: a bidder's count so far each time it goes 10 s without a bid (a bid exactly
    # 10 s after the last one comes before the timer: the watermark is 4 s behind).
    gap = 10000
    out = []
    for bidder, times in per_bidder_times(d).items():
        times.sort()
        for i, t in enumerate(times):
            if i + 1 == len(times) or times[i + 1] - t > gap:
                out.append((bidder, i + 1, ts(t + gap)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eddy", default="build/eddy")
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--event-rate", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("query", choices=["q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q11",
                                          "q12", "timeout"])
    args = parser.parse_args()
    rows = globals()[args.query](dump(args))
    lines = sorted("\t".join(str(v) if v != "" else "(empty)" for v in r) for r in rows)
    sys.stdout.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main()
