#!/usr/bin/env python3
"""The crash test's Kafka job (tests/crash/crash_test.py has the file and SQLite ones): a window
aggregate reading a 3-partition topic and writing a topic with 'sink.delivery-guarantee' =
'exactly-once', killed with SIGKILL at random instants and restarted from its checkpoint file
until it finishes. The output topic, read with isolation.level = read_committed, must then hold
exactly what an uninterrupted run wrote, and a run after the job finished must add nothing.

Usage: crash_test.py --eddy PATH --tool PATH --broker-dir DIR [--kills N] [--seed N] [--events N]
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid

BASE_SECONDS = 1704103200  # 2024-01-01 10:00:00 UTC


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--broker-dir", required=True)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--events", type=int, default=6000)
    args = parser.parse_args()
    with open(os.path.join(args.broker_dir, "bootstrap")) as f:
        bootstrap = f.read().strip()
    rng = random.Random(args.seed)
    run_id = uuid.uuid4().hex[:8]

    def tool(*a, stdin=None):
        p = subprocess.run([args.tool, bootstrap, *a], input=stdin, capture_output=True,
                           text=True, timeout=300)
        if p.returncode != 0:
            sys.exit(f"kafka_tool {' '.join(a)}: {p.stderr}")
        return p.stdout

    source = f"crash-in-{run_id}"
    tool("create", source, "3")
    # Per partition: timestamps rising by 0-400 ms, a few out of order within the delay, keys
    # of skewed frequency.
    lines = []
    clock = [BASE_SECONDS * 1000] * 3
    for i in range(args.events):
        p = rng.randrange(3)
        clock[p] += rng.randrange(0, 400)
        ts = clock[p] - (rng.randrange(0, 1500) if rng.random() < 0.1 else 0)
        key = f"k{min(int(rng.expovariate(0.3)), 20)}"
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts // 1000)) + f".{ts % 1000:03d}"
        lines.append(f"{p}\t\\N\t{key},{stamp}")
    tool("produce", source, stdin="\n".join(lines) + "\n")

    def script(out_topic, prefix):
        return (
            "CREATE STREAM events (k STRING, ts TIMESTAMP(3), "
            "WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'kafka', "
            f"'topic' = '{source}', 'properties.bootstrap.servers' = '{bootstrap}', "
            "'format' = 'csv', 'scan.startup.mode' = 'earliest-offset', "
            "'scan.bounded.mode' = 'latest-offset');\n"
            "CREATE STREAM counts (k STRING, window_start TIMESTAMP(3), n BIGINT) WITH ("
            f"'connector' = 'kafka', 'topic' = '{out_topic}', "
            f"'properties.bootstrap.servers' = '{bootstrap}', 'format' = 'csv', "
            "'sink.partitioner' = 'fixed', 'sink.delivery-guarantee' = 'exactly-once', "
            f"'sink.transactional-id-prefix' = '{prefix}');\n"
            "INSERT INTO counts SELECT k, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE events, "
            "DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY k, window_start, window_end;\n")

    with tempfile.TemporaryDirectory() as work:
        def command(name):
            path = os.path.join(work, name + ".sql")
            return [args.eddy, "--checkpoint", os.path.join(work, name + ".db"),
                    "--batch-size", "40", "--set", "checkpoint.interval=100 records", path]

        def write_script(name, out_topic):
            with open(os.path.join(work, name + ".sql"), "w") as f:
                f.write(script(out_topic, f"{name}-{run_id}"))

        # 1. The reference: uninterrupted.
        reference_topic = f"crash-ref-{run_id}"
        tool("create", reference_topic, "1")
        write_script("reference", reference_topic)
        started = time.time()
        ref = subprocess.run(command("reference"), capture_output=True, text=True, timeout=300)
        duration = time.time() - started
        if ref.returncode != 0:
            sys.exit(f"reference run failed: {ref.stderr}")
        expected = tool("consume", reference_topic).splitlines()
        if len(expected) < 50:
            sys.exit(f"the reference wrote only {len(expected)} rows")

        # 2. Killed and restarted.
        crash_topic = f"crash-out-{run_id}"
        tool("create", crash_topic, "1")
        write_script("crash", crash_topic)
        kills = 0
        while True:
            proc = subprocess.Popen(command("crash"), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            if kills < args.kills:
                delay = rng.uniform(0, 0.4) if rng.random() < 0.3 else rng.uniform(0, duration)
                try:
                    proc.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    proc.stderr.close()
                    kills += 1
                    continue
            _, err = proc.communicate(timeout=300)
            if proc.returncode != 0:
                sys.exit(f"crash run failed after {kills} kills: {err}")
            break  # finished (kills that came after the end would only resume a finished job)
        # 3. Resuming the finished job adds nothing.
        again = subprocess.run(command("crash"), capture_output=True, text=True, timeout=300)
        if again.returncode != 0:
            sys.exit(f"the run after the end failed: {again.stderr}")
        actual = tool("consume", crash_topic).splitlines()

    if actual != expected:
        missing = [r for r in expected if r not in actual]
        extra = [r for r in actual if r not in expected]
        print(f"FAIL: {len(actual)} rows, expected {len(expected)}; first missing: "
              f"{missing[:3]}; first extra or repeated: {extra[:3] or 'order differs'}")
        return 1
    print(f"ok: {len(expected)} rows exactly once after {kills} kills "
          f"(reference run {duration:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
