#!/usr/bin/env python3
"""Writes tests/sql/nexmark/<query>.test for every query of examples/nexmark: the streams of
ddl.sql at a small event count, the query's SELECT and the rows tests/sql/nexmark/expected.py
computes. Run from the repository root after a change to the generator or a query (then read
the diff): python3 tests/sql/nexmark/make_tests.py"""
import os, subprocess
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TITLE = {"q0": "Query 0 (pass through)", "q1": "Query 1 (currency conversion)",
         "q2": "Query 2 (selection)", "q3": "Query 3 (local item suggestion: a regular join)",
         "q4": "Query 4 (average winning price per category: a regular join, then two GROUP BYs)",
         "q5": "Query 5 (hot items: HOP windows joined with their maximum)",
         "q7": "Query 7 (highest bid: TUMBLE maximum joined back to the bids)",
         "q8": "Query 8 (new users: two TUMBLE aggregates joined on their windows)",
         "q11": "Query 11 (user sessions: SESSION group windows)",
         "q12": "Query 12 (processing-time TUMBLE windows)",
         "timeout": "count with timeout (GROUP BY bidder TIMEOUT)"}
CONFIG = {"q0": (60, 10), "q1": (60, 10), "q2": (3000, 10), "q3": (6000, 10), "q4": (1000, 10),
          "q5": (1000, 10), "q7": (1000, 10), "q8": (6000, 10), "q11": (1000, 10),
          "q12": (1000, 10), "timeout": (1000, 10)}
FINAL = {"q4": " ORDER BY category"}

def ddl(events, rate, proctime=False):
    text = open(f"{ROOT}/examples/nexmark/ddl.sql").read()
    text = "\n".join(l for l in text.splitlines() if not l.startswith("--")).strip()
    text = text.replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE")
    assert "'events' = '10000000', 'event-rate' = '10000'" in text
    text = text.replace("'events' = '10000000', 'event-rate' = '10000'",
                        f"'events' = '{events}', 'event-rate' = '{rate}'")
    if proctime:
        text = text.replace("  extra VARCHAR,\n  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND\n) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid',",
                            "  extra VARCHAR,\n  p_time AS PROCTIME(),\n  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND\n) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid',")
    return "\n\n".join("statement ok\n" + s.strip() for s in text.split(";") if s.strip())

for q, (events, rate) in CONFIG.items():
    src = open(f"{ROOT}/examples/nexmark/{q}.sql").read()
    select = src[src.index("INSERT INTO"):].split("\n", 1)[1].strip().rstrip(";")
    if q == "q12":
        select = select.replace("TABLE bid_proctime", "TABLE bid")
    if q == "q4":
        select = select.replace("SELECT Q.category, AVG(Q.final)", "SELECT Q.category AS category, AVG(Q.final) AS final")
    select += FINAL.get(q, "")
    expected = subprocess.run(["python3", f"{ROOT}/tests/sql/nexmark/expected.py", "--eddy", f"{ROOT}/build/eddy",
                               "--events", str(events), "--event-rate", str(rate), q],
                              check=True, capture_output=True, text=True).stdout
    if q in FINAL:
        lines = sorted(expected.splitlines(), key=lambda l: int(l.split("\t")[0]))
        expected = "".join(l + "\n" for l in lines)
    mode = "query" if q in FINAL else "query rowsort"
    header = f"""# Nexmark {TITLE[q]}.
# examples/nexmark/{q}.sql's query over {events} generator events at {rate} events per second of
# event time (seed 0), its rows compared {"in ORDER BY order (the final table of the updating result)" if q in FINAL else "sorted"}.
# The expected rows are computed independently of eddy's operators: tests/sql/nexmark/expected.py
# has build/eddy dump the three streams to csv and recomputes the query in Python:
#   python3 tests/sql/nexmark/expected.py --events {events} --event-rate {rate} {q}
"""
    body = header + "\n" + ddl(events, rate, proctime=(q == "q12")) + f"\n\n{mode}\n{select}\n----\n{expected}"
    open(f"{ROOT}/tests/sql/nexmark/{q}.test", "w").write(body)
    print(q, len(expected.splitlines()))
