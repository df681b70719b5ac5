#!/usr/bin/env python3
"""The Kafka connectors against a real broker (tests/kafka/broker.sh, started by the ctest
fixture): each case creates its own topics, produces messages to chosen partitions with
kafka_tool, runs eddy and compares what it prints (or what it wrote to a topic, read back with
isolation.level = read_committed) with the expected rows.

Usage: kafka_test.py --eddy PATH --tool PATH --broker-dir DIR CASE [CASE...]   (or 'all')
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid

ARGS = None
BOOTSTRAP = None


class CaseFailure(Exception):
    pass


def tool(*args, stdin=None):
    proc = subprocess.run([ARGS.tool, BOOTSTRAP, *args], input=stdin, capture_output=True,
                          text=True, timeout=120)
    if proc.returncode != 0:
        raise CaseFailure(f"kafka_tool {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc.stdout


def topic(name, partitions=1):
    """A fresh topic for this run of the case (the broker outlives the cases)."""
    full = f"{name}-{uuid.uuid4().hex[:8]}"
    tool("create", full, str(partitions))
    return full


def produce(name, messages):
    """messages: (partition, key or None, value or None[, timestamp ms])"""
    lines = []
    for m in messages:
        fields = ["\\N" if v is None else str(v) for v in m]
        lines.append("\t".join(fields))
    tool("produce", name, stdin="\n".join(lines) + "\n")


def consume(name, keys=False):
    return tool("consume", name, *(["--keys"] if keys else [])).splitlines()


def eddy(sql, *extra, expect_ok=True, timeout=120, cwd=None):
    mode = [] if "--mode" in extra else ["--mode", "csv"]
    proc = subprocess.run([ARGS.eddy, *mode, *extra, "-c", sql], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd)
    if expect_ok and proc.returncode != 0:
        raise CaseFailure(f"eddy failed ({proc.returncode}): {proc.stderr.strip()}\nSQL: {sql}")
    if not expect_ok and proc.returncode == 0:
        raise CaseFailure(f"eddy should have failed; printed:\n{proc.stdout}")
    return proc


def expect(actual, expected, what="output"):
    if isinstance(actual, str):
        actual = actual.splitlines()
    if actual != expected:
        raise CaseFailure(f"{what} differs\nexpected:\n  " + "\n  ".join(expected) +
                          "\nactual:\n  " + "\n  ".join(actual))


def expect_error(proc, *fragments):
    for fragment in fragments:
        if fragment not in proc.stderr:
            raise CaseFailure(f"stderr lacks {fragment!r}:\n{proc.stderr}")


def stream(name, columns, topic_name, **options):
    opts = {"connector": "kafka", "topic": topic_name,
            "properties.bootstrap.servers": BOOTSTRAP}
    # keyword spelling: '__' is '-', '_' is '.' (value_fields__include: value.fields-include)
    opts.update({k.replace("__", "-").replace("_", "."): v for k, v in options.items()})
    with_ = ", ".join(f"'{k}' = '{v}'" for k, v in opts.items())
    return f"CREATE STREAM {name} ({columns}) WITH ({with_});"


def values(columns, rows):
    """A csv file stream `input` holding `rows` (a file in a temporary folder of the case)."""
    folder = tempfile.mkdtemp(prefix="kafka-test-")
    path = os.path.join(folder, "input.csv")
    with open(path, "w") as f:
        f.write("".join(row + "\n" for row in rows))
    return (f"CREATE STREAM input ({columns}) WITH ('connector' = 'file', 'path' = '{path}', "
            "'format' = 'csv');")


BOUNDED = {"scan_startup_mode": "earliest-offset", "scan_bounded_mode": "latest-offset"}

# ---------------------------------------------------------------------------------------------
# Cases


def case_csv_bounded():
    t = topic("csv")
    produce(t, [(0, None, "1,alice,10.5"), (0, None, "2,bob,"), (0, None, '3,"c, d",7')])
    out = eddy(stream("s", "id INT, name STRING, amount DOUBLE", t, format="csv", **BOUNDED) +
               "SELECT * FROM s;").stdout
    expect(out, ["id,name,amount", "1,alice,10.5", "2,bob,", '3,"c, d",7.0'])


def case_json_partitions_merge_in_order():
    # Two partitions are merged one message at a time in partition order, whatever the fetches.
    t = topic("json", 2)
    produce(t, [(0, None, '{"id": 1}'), (0, None, '{"id": 3}'), (0, None, '{"id": 5}'),
                (1, None, '{"id": 2}'), (1, None, '{"id": 4}')])
    out = eddy(stream("s", "id INT", t, format="json", **BOUNDED) + "SELECT id FROM s;",
               "--batch-size", "2").stdout
    expect(out, ["id", "1", "2", "3", "4", "5"])


def case_debezium_json():
    t = topic("cdc")
    produce(t, [
        (0, None, '{"before": null, "after": {"id": 1, "name": "a"}, "op": "c"}'),
        (0, None, '{"before": {"id": 1, "name": "a"}, "after": {"id": 1, "name": "b"}, "op": "u"}'),
        (0, None, '{"before": {"id": 1, "name": "b"}, "after": null, "op": "d"}'),
    ])
    out = eddy(stream("s", "id INT, name STRING", t, format="debezium-json", **BOUNDED) +
               "SELECT * FROM s;", "--mode", "changelog").stdout
    expect([l for l in out.splitlines() if l.strip()][-4:],
           ["+I[1, a]", "-U[1, a]", "+U[1, b]", "-D[1, b]"])


def case_startup_latest():
    # latest-offset skips what is there: produce until the query (LIMIT 1) has seen a new one.
    t = topic("latest")
    produce(t, [(0, None, "old")])
    proc = subprocess.Popen(
        [ARGS.eddy, "--mode", "csv", "-c",
         stream("s", "v STRING", t, format="csv", scan_startup_mode="latest-offset") +
         "SELECT v FROM s LIMIT 1;"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while proc.poll() is None and time.time() < deadline:
        produce(t, [(0, None, "new")])
        time.sleep(0.5)
    out, err = proc.communicate(timeout=30)
    if proc.returncode != 0:
        raise CaseFailure(err)
    expect(out, ["v", "new"])


def case_startup_timestamp():
    t = topic("ts")
    produce(t, [(0, None, "a", 1000), (0, None, "b", 2000), (0, None, "c", 3000)])
    out = eddy(stream("s", "v STRING", t, format="csv", scan_startup_mode="timestamp",
                      scan_startup_timestamp__millis="2000", scan_bounded_mode="latest-offset") +
               "SELECT v FROM s;").stdout
    expect(out, ["v", "b", "c"])


def case_startup_and_bounded_specific_offsets():
    t = topic("specific", 2)
    produce(t, [(0, None, v) for v in "abcde"] + [(1, None, v) for v in "vwxyz"])
    out = eddy(stream("s", "v STRING", t, format="csv", scan_startup_mode="specific-offsets",
                      scan_startup_specific__offsets="partition:0,offset:2;partition:1,offset:3",
                      scan_bounded_mode="specific-offsets",
                      scan_bounded_specific__offsets="partition:0,offset:4;partition:1,offset:5") +
               "SELECT v FROM s;").stdout
    expect(out, ["v", "c", "y", "d", "z"])


def case_startup_group_offsets():
    # A checkpointed run commits its offsets to the group; a later run starts from them.
    t = topic("group")
    group = "g-" + uuid.uuid4().hex[:8]
    produce(t, [(0, None, "a"), (0, None, "b")])
    with tempfile.TemporaryDirectory() as d:
        first = eddy(stream("s", "v STRING", t, format="csv", properties_group_id=group,
                            **BOUNDED) + "SELECT v FROM s;",
                     "--checkpoint", os.path.join(d, "c.db")).stdout
    expect(first, ["v", "a", "b"], "first run")
    produce(t, [(0, None, "c")])
    out = eddy(stream("s", "v STRING", t, format="csv", properties_group_id=group,
                      scan_startup_mode="group-offsets", scan_bounded_mode="latest-offset") +
               "SELECT v FROM s;").stdout
    expect(out, ["v", "c"], "second run")
    # A group without committed offsets and no reset policy is an error, as in Flink.
    proc = eddy(stream("s", "v STRING", t, format="csv", properties_group_id=group + "-new",
                       scan_bounded_mode="latest-offset") + "SELECT v FROM s;", expect_ok=False)
    expect_error(proc, "has no committed offset", f"topic '{t}' partition 0",
                 "properties.auto.offset.reset")


def case_key_fields():
    t = topic("keyed")
    produce(t, [(0, "k1", '{"amount": 5}'), (0, "k2", '{"amount": 7}'), (0, None, '{"amount": 9}')])
    out = eddy(stream("s", "id STRING, amount INT", t, format="json", key_format="csv",
                      key_fields="id", value_fields__include="EXCEPT_KEY", **BOUNDED)
 +
               "SELECT * FROM s;").stdout
    expect(out, ["id,amount", "k1,5", "k2,7", ",9"])


def case_metadata_columns():
    t = topic("meta", 2)
    produce(t, [(0, None, "a", 1000), (1, None, "b", 2000), (0, None, "c", 3000)])
    out = eddy(stream("s", "v STRING, p INT METADATA FROM 'partition' VIRTUAL, "
                      "o BIGINT METADATA FROM 'offset', timestamp TIMESTAMP(3) METADATA, "
                      "tp STRING METADATA FROM 'topic' VIRTUAL", t,
                      format="csv", **BOUNDED) + "SELECT * FROM s;", "--batch-size", "2").stdout
    expect(out, ["v,p,o,timestamp,tp", f"a,0,0,1970-01-01 00:00:01.000,{t}",
                 f"b,1,0,1970-01-01 00:00:02.000,{t}", f"c,0,1,1970-01-01 00:00:03.000,{t}"])


def case_watermarks_per_partition():
    # Partition 0 is 10 s ahead of partition 1. One watermark over both would make all of
    # partition 1 late; per-partition watermarks (their minimum) lose nothing.
    t = topic("wm", 2)
    base = "2024-01-01 00:00:"
    msgs = [(0, None, f"{base}{10 + i:02d}.000,a") for i in range(10)]
    msgs += [(1, None, f"{base}{i:02d}.000,b") for i in range(10)]
    produce(t, msgs)
    out = eddy(stream("s", "ts TIMESTAMP(3), k STRING, WATERMARK FOR ts AS ts", t,
                      format="csv", **BOUNDED) +
               "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), "
               "INTERVAL '5' SECOND)) GROUP BY window_start, window_end;", "--batch-size", "3")
    expect(out.stdout, ["window_start,n", f"{base}00.000,5", f"{base}05.000,5",
                        f"{base}10.000,5", f"{base}15.000,5"])


def case_idle_partition():
    # Partition 2 never gets a message: with 'source.idle-timeout' it stops holding the
    # watermark back, so windows close while the query is still reading (unbounded: LIMIT ends it).
    t = topic("idle", 3)
    base = "2024-01-01 00:00:"
    produce(t, [(p, None, f"{base}{s:02d}.000") for s in range(0, 20) for p in (0, 1)])
    out = eddy(stream("s", "ts TIMESTAMP(3), WATERMARK FOR ts AS ts", t, format="csv",
                      scan_startup_mode="earliest-offset")
               .replace("WITH (", "WITH ('source.idle-timeout' = '1 s', ") +
               "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), "
               "INTERVAL '5' SECOND)) GROUP BY window_start, window_end LIMIT 2;")
    expect(out.stdout, ["window_start,n", f"{base}00.000,10", f"{base}05.000,10"])


def case_sink_json_fixed_and_keys():
    t = topic("sink", 2)
    sql = (stream("out", "id INT, name STRING", t, format="json", key_format="json",
                  key_fields="id", sink_partitioner="fixed") +
           values("id INT, name STRING", ["1,a", "2,b"]) + "INSERT INTO out SELECT * FROM input;")
    eddy(sql)
    expect(consume(t, keys=True), ['0\t{"id":1}\t{"id":1,"name":"a"}',
                                   '0\t{"id":2}\t{"id":2,"name":"b"}'])


def case_sink_round_robin_csv():
    t = topic("rr", 2)
    eddy(stream("out", "v INT", t, format="csv", sink_partitioner="round-robin") +
         values("v INT", ["1", "2", "3", "4"]) + "INSERT INTO out SELECT * FROM input;")
    expect(consume(t, keys=True), ["0\t\\N\t1", "0\t\\N\t3", "1\t\\N\t2", "1\t\\N\t4"])


def case_sink_rejects_updates():
    t = topic("upd")
    proc = eddy(stream("out", "k STRING, n BIGINT", t, format="csv") +
                values("k STRING", ["a", "a"]) +
                "INSERT INTO out SELECT k, COUNT(*) FROM input GROUP BY k;",
                expect_ok=False)
    expect_error(proc, "upsert-kafka")


def case_upsert_kafka_deletes():
    src = topic("cdc-in")
    out_t = topic("upsert-out")
    produce(src, [
        (0, None, '{"before": null, "after": {"id": 1, "name": "a"}, "op": "c"}'),
        (0, None, '{"before": null, "after": {"id": 2, "name": "x"}, "op": "c"}'),
        (0, None, '{"before": {"id": 1, "name": "a"}, "after": {"id": 1, "name": "b"}, "op": "u"}'),
        (0, None, '{"before": {"id": 2, "name": "x"}, "after": null, "op": "d"}'),
    ])
    sql = (stream("cdc", "id INT, name STRING", src, format="debezium-json", **BOUNDED) +
           f"CREATE STREAM out (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH "
           f"('connector' = 'upsert-kafka', 'topic' = '{out_t}', "
           f"'properties.bootstrap.servers' = '{BOOTSTRAP}', 'key.format' = 'json', "
           f"'value.format' = 'json');"
           "INSERT INTO out SELECT * FROM cdc;")
    eddy(sql)
    expect(consume(out_t, keys=True), ['0\t{"id":1}\t{"id":1,"name":"a"}',
                                       '0\t{"id":2}\t{"id":2,"name":"x"}',
                                       '0\t{"id":1}\t{"id":1,"name":"b"}',
                                       '0\t{"id":2}\t\\N'])


def case_exactly_once_kafka_to_kafka():
    src = topic("eo-in", 2)
    out_t = topic("eo-out")
    produce(src, [(i % 2, None, f"k{i % 3},{i}") for i in range(30)])
    with tempfile.TemporaryDirectory() as d:
        eddy(stream("s", "k STRING, v INT", src, format="csv", **BOUNDED) +
             stream("out", "k STRING, v INT", out_t, format="csv",
                    sink_delivery__guarantee="exactly-once",
                    sink_transactional__id__prefix="eo-" + out_t) +
             "INSERT INTO out SELECT k, v * 10 FROM s WHERE v % 2 = 0;",
             "--checkpoint", os.path.join(d, "c.db"), "--set", "checkpoint.interval=4 records")
    expect(consume(out_t), [f"k{i % 3},{i * 10}" for i in range(0, 30, 2)])


def case_docs_example():
    # docs/kafka.md's example: a TIMEOUT query from a topic into a topic, exactly-once.
    logins, idle = topic("logins", 2), topic("idle_users")
    produce(logins, [(0, "ann", "ann,2024-01-01 10:00:00"), (1, "bob", "bob,2024-01-01 10:00:30"),
                     (0, "ann", "ann,2024-01-01 10:00:50"), (1, "bob", "bob,2024-01-01 10:05:00")])
    sql = (stream("logins", "uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts", logins,
                  format="csv", **BOUNDED) +
           stream("idle_users", "uid STRING, logins BIGINT, idle_at TIMESTAMP(3)", idle,
                  format="json", sink_delivery__guarantee="exactly-once",
                  sink_transactional__id__prefix="idle-job-" + idle) +
           "INSERT INTO idle_users SELECT uid, COUNT(*), TIMEOUT_TIME() FROM logins "
           "GROUP BY uid TIMEOUT INTERVAL '1' MINUTE;")
    with tempfile.TemporaryDirectory() as d:
        eddy(sql, "--checkpoint", os.path.join(d, "idle.db"))
        eddy(sql, "--checkpoint", os.path.join(d, "idle.db"))  # resumes the finished job: no more
    expect(consume(idle), ['{"uid":"bob","logins":1,"idle_at":"2024-01-01 10:01:30.000"}',
                           '{"uid":"ann","logins":2,"idle_at":"2024-01-01 10:01:50.000"}',
                           '{"uid":"bob","logins":2,"idle_at":"2024-01-01 10:06:00.000"}'])


def case_error_unreachable_broker():
    proc = eddy("CREATE STREAM s (v STRING) WITH ('connector' = 'kafka', 'topic' = 'x', "
                "'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'csv', "
                "'scan.startup.mode' = 'earliest-offset', "
                "'properties.socket.timeout.ms' = '1500');"
                "SELECT * FROM s;", expect_ok=False, timeout=60)
    expect_error(proc, "stream 's'", "cannot reach Kafka at '127.0.0.1:1' within 1500 ms")


def case_error_missing_topic():
    missing = "missing-" + uuid.uuid4().hex[:8]
    proc = eddy(stream("s", "v STRING", missing, format="csv", **BOUNDED) + "SELECT * FROM s;",
                expect_ok=False)
    expect_error(proc, f"topic '{missing}' does not exist")


def case_error_malformed_message():
    t = topic("bad")
    produce(t, [(0, None, '{"n": 1}'), (0, None, '{"n": oops}'), (0, None, '{"n": 3}')])
    proc = eddy(stream("s", "n INT", t, format="json", **BOUNDED) + "SELECT n FROM s;",
                expect_ok=False)
    expect_error(proc, f"topic '{t}' partition 0 offset 1", "malformed value")
    out = eddy(stream("s", "n INT", t, format="json", json_ignore__parse__errors="true",
                      **BOUNDED) + "SELECT n FROM s;").stdout
    expect(out, ["n", "1", "3"])


def case_options_are_validated():
    proc = eddy("CREATE STREAM s (v STRING) WITH ('connector' = 'kafka', 'topic' = 'x', "
                "'properties.bootstrap.servers' = 'h:1', 'format' = 'csv',\n"
                "  'scan.startup.mod' = 'earliest-offset');", expect_ok=False)
    expect_error(proc, "unknown option 'scan.startup.mod'", "did you mean 'scan.startup.mode'",
                 "2:3")
    proc = eddy("CREATE STREAM s (v STRING) WITH ('connector' = 'kafka', 'topic' = 'x', "
                "'properties.bootstrap.servers' = 'h:1', 'format' = 'csv', "
                "'scan.startup.mode' = 'timestamp');", expect_ok=False)
    expect_error(proc, "needs 'scan.startup.timestamp-millis'")


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def main(cases=None, after_each=None):
    """Runs the named cases of `cases` (this file's by default); `after_each(name)` runs after
    each, whatever its outcome, and may raise CaseFailure (a test that must leave the broker as
    it found it)."""
    global ARGS, BOOTSTRAP
    cases = CASES if cases is None else cases
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--broker-dir", required=True)
    parser.add_argument("cases", nargs="+")
    ARGS = parser.parse_args()
    with open(os.path.join(ARGS.broker_dir, "bootstrap")) as f:
        BOOTSTRAP = f.read().strip()
    names = list(cases) if ARGS.cases == ["all"] else ARGS.cases
    failed = 0
    for name in names:
        if name not in cases:
            print(f"unknown case {name}; cases: {', '.join(cases)}")
            return 2
        started = time.time()
        try:
            cases[name]()
            print(f"ok   {name} ({time.time() - started:.1f} s)")
        except (CaseFailure, subprocess.TimeoutExpired) as e:
            failed += 1
            print(f"FAIL {name}: {e}")
        finally:
            if after_each:
                try:
                    after_each(name)
                except CaseFailure as e:
                    failed += 1
                    print(f"FAIL {name}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
