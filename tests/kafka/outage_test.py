#!/usr/bin/env python3
"""The broker goes away while queries run (issue 15, item 6): the test broker is killed with
SIGKILL (broker.sh kill: connections drop, data and ports are kept) under two running
exactly-once Kafka-to-Kafka jobs:

  patient  'properties.socket.timeout.ms' longer than the outage: when the broker is back
           (broker.sh restart), the job carries on and its output, read with isolation.level =
           read_committed, holds every result exactly once;
  hasty    a timeout of 5 s: the job fails, with an error naming the topic, partition and
           offset it was waiting for; once the broker is back, the job resumed from its
           checkpoint completes with the exact output.

Each job reads a 2-partition topic whose end ('scan.bounded.mode' = 'specific-offsets') is past
what is there when it starts: it processes the first half, then waits for the second, which is
produced only after the broker is back. Checkpoints every 200 ms (the sink's transaction commits
with each) commit all of the first half's results while it waits; the broker is killed once they
are in the output topics. So the broker always goes away at the same point of the jobs, and the
output is known in advance (the partitions are merged one message at a time in partition order).
The case kills the shared test broker, so ctest runs it alone (RUN_SERIAL); the broker is running
again when it ends, passed or failed. (One outage for both jobs: a broker restart takes seconds.)

Usage: outage_test.py --eddy PATH --tool PATH --broker-dir DIR outage
"""
import os
import subprocess
import sys
import tempfile
import time
import types

import kafka_test as kt
from kafka_test import CaseFailure, consume, expect, expect_error, produce, stream, topic

BROKER_SH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "broker.sh")
PER_PARTITION = 600  # messages per partition, half before the outage and half after
WRITER_ROWS, WRITER_RATE = 3000, 200  # 15 s of writing: it goes on past the kill
TIMEOUT_MS = 5000  # 'properties.socket.timeout.ms' of the timeout case (short; not too short
                   # for a loaded machine's broker to answer ordinary requests)


def broker(verb):
    proc = subprocess.run([BROKER_SH, verb, kt.ARGS.broker_dir], capture_output=True, text=True,
                          timeout=200)
    if proc.returncode != 0:
        raise CaseFailure(f"broker.sh {verb}: {proc.stderr.strip()}")


def broker_running():
    try:
        with open(os.path.join(kt.ARGS.broker_dir, "pid")) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return True
    except (OSError, ValueError):
        return False


def wait_for(what, condition, timeout=60, proc=None):
    """Polls `condition` until true; fails after `timeout` seconds, or when `proc` exits."""
    deadline = time.time() + timeout
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise CaseFailure(f"eddy exited ({proc.returncode}) while waiting for {what}: "
                              f"{stderr_of(proc)}")
        if time.time() > deadline:
            raise CaseFailure(f"no {what} within {timeout} s")
        time.sleep(0.2)


def client_options(timeout_ms):
    # librdkafka's reconnect backoff grows to 10 s by default: 1 s gets the jobs going sooner
    # once the broker is back
    return {"properties_socket_timeout_ms": str(timeout_ms),
            "properties_reconnect_backoff_max_ms": "1000"}


class Job:
    """The exactly-once job over a fresh pair of topics, and what it must write."""

    def __init__(self, name, timeout_ms):
        self.source = topic(f"{name}-in", 2)
        self.sink = topic(f"{name}-out")
        half = PER_PARTITION // 2
        # Message i of partition p holds v = 2 * i + p: merged in partition order they count up.
        self.halves = [[(p, None, f"k{i % 3},{2 * i + p}") for i in range(a, b) for p in (0, 1)]
                       for a, b in ((0, half), (half, PER_PARTITION))]
        self.expected = [f"k{(v // 2) % 3},{v * 10}" for v in range(2 * PER_PARTITION)
                         if v % 4 != 3]
        timeout = client_options(timeout_ms)
        end = f"partition:0,offset:{PER_PARTITION};partition:1,offset:{PER_PARTITION}"
        self.sql = (
            stream("s", "k STRING, v INT", self.source, format="csv",
                   scan_startup_mode="earliest-offset", scan_bounded_mode="specific-offsets",
                   scan_bounded_specific__offsets=end, **timeout) +
            stream("out", "k STRING, v INT", self.sink, format="csv",
                   sink_delivery__guarantee="exactly-once",
                   sink_transactional__id__prefix="outage-" + self.sink, **timeout) +
            "INSERT INTO out SELECT k, v * 10 FROM s WHERE v % 4 <> 3;")
        self.work = tempfile.TemporaryDirectory()

    def start(self):
        # stderr goes to a file: nobody reads a pipe while the test waits
        err = tempfile.TemporaryFile(mode="w+", dir=self.work.name)
        proc = subprocess.Popen(
            [kt.ARGS.eddy, "--checkpoint", os.path.join(self.work.name, "job.db"), "--set",
             "checkpoint.interval=200 ms", "-c", self.sql],
            stdout=subprocess.DEVNULL, stderr=err, text=True)
        proc.err_file = err
        return proc

    def committed(self):
        return len(consume(self.sink))

    def start_first_half(self):
        produce(self.source, self.halves[0])
        return self.start()

    def wait_first_half(self, proc):
        """Returns once the results of the first half are committed."""
        first = len(self.expected) // 2
        wait_for(f"{first} committed results of the first half", lambda: self.committed() == first,
                 proc=proc)

    def check_output(self):
        expect(consume(self.sink), self.expected, "the output topic (read_committed)")


class Writer:
    """A job that writes while the broker is away: a paced sequence (datagen) into a topic,
    exactly-once, so its transaction's commit meets the outage."""

    def __init__(self, name, timeout_ms):
        self.sink = topic(f"{name}-out")
        self.expected = [str(n) for n in range(WRITER_ROWS)]
        self.sql = (
            f"CREATE STREAM g (n BIGINT) WITH ('connector' = 'datagen', "
            f"'rows-per-second' = '{WRITER_RATE}', 'fields.n.kind' = 'sequence', "
            f"'fields.n.start' = '0', 'fields.n.end' = '{WRITER_ROWS - 1}');" +
            stream("out", "n BIGINT", self.sink, format="csv",
                   sink_delivery__guarantee="exactly-once",
                   sink_transactional__id__prefix="outage-" + self.sink,
                   **client_options(timeout_ms)) +
            "INSERT INTO out SELECT n FROM g;")
        self.work = tempfile.TemporaryDirectory()

    start = Job.start

    def wait_started(self, proc):
        wait_for("committed rows", lambda: len(consume(self.sink)) > 0, proc=proc)

    def check_output(self):
        expect(consume(self.sink), self.expected, "the output topic (read_committed)")


def stderr_of(proc):
    proc.err_file.seek(0)
    return proc.err_file.read()


def expect_failure(code, err, *fragments):
    """A clean failure: an error exit, and the error (with `fragments`) the last thing printed
    (not a crash, nor a sanitizer's report after it)."""
    if code <= 0:
        raise CaseFailure(f"eddy should have failed with an error, not {code}: {err}")
    last = err.strip().splitlines()[-1] if err.strip() else ""
    if not last.startswith("error: "):
        raise CaseFailure(f"eddy's last words are not its error:\n{err}")
    expect_error(types.SimpleNamespace(stderr=last), *fragments)


def finish(proc, what, timeout=120):
    """Waits for eddy to end: its exit code and stderr."""
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise CaseFailure(f"{what}: eddy did not end within {timeout} s (a hang)")
    return proc.returncode, stderr_of(proc)


T0 = time.time()


def log(what):
    print(f"     {time.time() - T0:5.1f} s  {what}", flush=True)


def case_outage():
    # Two jobs over the same outage: one waits longer than it lasts, one gives up first.
    patient = Job("patient", 120000)
    hasty = Job("hasty", TIMEOUT_MS)
    patient_writer = Writer("patient-writer", 120000)
    hasty_writer = Writer("hasty-writer", TIMEOUT_MS)
    procs = [job.start_first_half() for job in (patient, hasty)]
    writer_procs = [w.start() for w in (patient_writer, hasty_writer)]
    for job, proc in zip((patient, hasty), procs):
        job.wait_first_half(proc)
    for w, proc in zip((patient_writer, hasty_writer), writer_procs):
        w.wait_started(proc)
    patient_proc, hasty_proc = procs
    log("first halves committed, writers writing")
    broker("kill")
    log("broker killed")
    started = time.time()
    code, err = finish(hasty_proc, "with the broker gone", timeout=90)
    took = time.time() - started
    # It was waiting for partition 0's message 300 (its turn; offsets 0-299 are read).
    expect_failure(code, err, f"stream 's': topic '{hasty.source}' partition 0 offset "
                   f"{PER_PARTITION // 2}: no Kafka broker reachable at '{kt.BOOTSTRAP}' for "
                   f"{TIMEOUT_MS} ms (the limit is 'properties.socket.timeout.ms')")
    log("hasty reader failed: " + err.strip().splitlines()[-1])
    # The hasty writer fails on a checkpoint's commit (the checkpoint is not stored).
    code, err = finish(writer_procs[1], "writing with the broker gone", timeout=90)
    expect_failure(code, err, f"stream 'out': topic '{hasty_writer.sink}': cannot ",
                   f"within {TIMEOUT_MS} ms (the limit is 'properties.socket.timeout.ms')")
    log("hasty writer failed: " + err.strip().splitlines()[-1])
    for proc in (patient_proc, writer_procs[0]):
        if proc.poll() is not None:
            raise CaseFailure(f"a patient job ended during the outage ({proc.returncode}; a "
                              f"writer that finished before the kill needs more WRITER_ROWS): "
                              f"{stderr_of(proc)}")
    broker("restart")
    log("broker restarted")
    for job in (patient, hasty):
        produce(job.source, job.halves[1])
    resumed = [hasty.start(), hasty_writer.start()]
    for job, proc in ((patient, patient_proc), (patient_writer, writer_procs[0]),
                      (hasty, resumed[0]), (hasty_writer, resumed[1])):
        code, err = finish(proc, f"{job.sink} after the broker came back")
        if code != 0:
            raise CaseFailure(f"the job writing {job.sink} failed ({code}) after the broker came "
                              f"back: {err}")
        job.check_output()
        log(f"{job.sink}: output exact")
    print(f"     (the hasty reader failed {took:.1f} s after the broker was killed)")


CASES = {"outage": case_outage}


def restart_broker_if_down(_name):
    if not broker_running():  # the next tests need it
        broker("restart")


def main():
    return kt.main(CASES, after_each=restart_broker_if_down)


if __name__ == "__main__":
    sys.exit(main())
