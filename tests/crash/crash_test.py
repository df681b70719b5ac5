#!/usr/bin/env python3
"""Crash test: real eddy processes killed with SIGKILL at random instants and restarted.

Issue 8 promises that a job checkpointing into a SQLite file and killed at any instant resumes
with nothing lost and nothing duplicated, so that its sink ends up exactly as after a run that
was never interrupted. This test checks that promise with real processes.

Inputs (seeded, deterministic): a stream of events for keys of skewed frequency, with timestamps
out of order within the watermark delay and a few rows far behind it (late); and two streams of
orders and shipments for an interval join, shipments out of order, some outside the interval,
some for orders that do not exist.

Jobs, each one INSERT of its own script, written once per sink kind (a csv file and a SQLite
table; each also sends late rows to a second sink through 'late.sink' where there are late rows):
  timeout  GROUP BY k TIMEOUT ... RESET STATE over event time
  window   HOP window table function, GROUP BY window_start, window_end, k
  join     LEFT interval join of two file streams (pairs at once, padded rows on timers)
  upsert   (SQLite only) an updating GROUP BY into a table with a PRIMARY KEY: upserts

For each job and sink kind it
  1. runs the script uninterrupted at the default batch size and at batch size 1: the reference
     (the two must agree);
  2. runs it uninterrupted with --checkpoint and a checkpoint every 100 records (the command the
     crash runs use: a small batch size, so that checkpoints are frequent, and incremental
     checkpoints in every other script, full ones in the rest): must agree too, and its duration
     sets the kill delays;
  3. crash runs: runs that command in a fresh directory, kills it with SIGKILL after a random
     delay (a mix of very short ones — startup, restore — and longer ones), restarts it, and so
     on for --kills kills, each run at 'parallelism' 1, 2 or 3 in turn; then lets it finish
     (exit 0). If the job finishes before all kills were
     made, another round starts in a fresh directory with shorter delays. Every run's stderr must
     hold no error or warning, and a run that finished must say "note: resuming job" exactly
     when the checkpoint file held a checkpoint of the job (the first run, or one after kills
     that all came before the first checkpoint, starts fresh). Finally the command runs once
     more: it resumes the finished job and must add nothing;
  4. compares the sinks with the reference: csv files byte for byte, SQLite tables as
     SELECT * ORDER BY every column (and the sink's progress record).

Before each kill the process is stopped (SIGSTOP) and /proc/locks read: a WRITE lock of the
process on the checkpoint file's shared memory means the kill lands inside a checkpoint's write
transaction (a SQLite sink holds its file's lock all the time, so the sink's own commit cannot be
told apart this way). Between kills a copy of the
checkpoint file (never the file itself: opening it would change the crash state) tells whether
a checkpoint existed and whether the sink held output written after it (which the resume must
cut off or skip). The summary prints these counts per job.

Usage: crash_test.py [--eddy PATH] [--seed N] [--kills N] [--keep DIR] [--jobs a,b]
                     [--sinks file,sqlite] [--scale F] [--verbose]
On a failure it prints the job, the command lines (with their directory) and the first
differing line or row, and exits 1; --keep DIR keeps every run's directory for a look.
"""
import argparse
import datetime
import os
import random
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EPOCH = datetime.datetime(1970, 1, 1)
BASE = int((datetime.datetime(2024, 1, 1, 10, 0, 0) - EPOCH).total_seconds()) * 1000
JOB = "1"  # each script holds one INSERT: job "1" of its checkpoint file
CRASH_INTERVAL = "checkpoint.interval=100 records"
# The crash runs' batch sizes (picked per script from the seed: small ones make checkpoints
# frequent, since they come at batch boundaries) and, alternately per script, incremental
# checkpoints (deltas on a full one) or full ones only.
CRASH_BATCH_SIZES = ("40", "64", "100")
RUN_TIMEOUT = 120  # seconds for one uninterrupted run (a hang is a failure)


class TestFailure(Exception):
    pass


def fmt_ts(ms):
    t = EPOCH + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}"


# ---------------------------------------------------------------------------------------------
# Inputs


def write_events(path, rng, count):
    """Events for 40 keys of skewed frequency (some keys go idle often, some rarely), out of
    order by up to 3 s (the watermark delay is 5 s), and ~0.3% of rows 20-60 s behind: late."""
    t = BASE
    with open(path, "w") as f:
        f.write("k,v,ts\n")
        for _ in range(count):
            t += rng.randint(0, 200)
            ts = t - rng.randint(0, 3000)
            if rng.random() < 0.003:
                ts = t - rng.randint(20000, 60000)
            k = f"k{int(rng.paretovariate(1.2)) % 40}"
            f.write(f"{k},{rng.randint(-100, 1000)},{fmt_ts(ts)}\n")


def write_orders_and_shipments(orders_path, shipments_path, rng, count):
    """Orders in time order with up to 2 s of disorder; for most, one or two shipments 2 s
    before to 25 s after the order (the join's interval is [0 s, 20 s]), a few for unknown ids,
    all sorted by their time plus up to 2 s of disorder."""
    t = BASE
    shipments = []
    with open(orders_path, "w") as f:
        f.write("id,k,amount,ts\n")
        for order_id in range(1, count + 1):
            t += rng.randint(0, 400)
            ts = t - rng.randint(0, 2000)
            f.write(f"{order_id},k{rng.randint(0, 19)},{rng.randint(1, 500)},{fmt_ts(ts)}\n")
            r = rng.random()
            for _ in range(0 if r < 0.15 else 2 if r > 0.9 else 1):
                shipped = ts + rng.randint(-2000, 25000)
                shipments.append((shipped + rng.randint(0, 2000), order_id, shipped))
            if rng.random() < 0.02:
                shipments.append((ts + 1000, count + order_id, ts + 1000))
    shipments.sort()
    carriers = ["ups", "dhl", "fedex", "post"]
    with open(shipments_path, "w") as f:
        f.write("order_id,carrier,ts\n")
        for _, order_id, shipped in shipments:
            f.write(f"{order_id},{rng.choice(carriers)},{fmt_ts(shipped)}\n")


def make_inputs(directory, seed, scale):
    rng = random.Random(seed)
    write_events(directory / "events.csv", rng, int(20000 * scale))
    write_orders_and_shipments(directory / "orders.csv", directory / "shipments.csv", rng,
                               int(8000 * scale))


# ---------------------------------------------------------------------------------------------
# Jobs


def sink_ddl(name, columns, kind, primary_key=None):
    cols = columns + (f", PRIMARY KEY ({primary_key}) NOT ENFORCED" if primary_key else "")
    if kind == "file":
        return (f"CREATE STREAM {name} ({cols})\nWITH ('connector' = 'file', 'path' = "
                f"'{name}.csv', 'format' = 'csv', 'csv.header' = 'true');\n")
    return (f"CREATE STREAM {name} ({cols})\nWITH ('connector' = 'sqlite', 'path' = "
            f"'{name}.db', 'table' = '{name}');\n")


def events_ddl(inputs, late_sink):
    late = f", 'late.sink' = '{late_sink}'" if late_sink else ""
    return ("CREATE STREAM events (k STRING, v INT, ts TIMESTAMP(3),\n"
            "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)\n"
            f"WITH ('connector' = 'file', 'path' = '{inputs / 'events.csv'}', 'format' = 'csv', "
            f"'csv.header' = 'true'{late});\n")


LATE_COLUMNS = "k STRING, v INT, ts TIMESTAMP(3)"


def timeout_job(inputs, kind):
    return (sink_ddl("late", LATE_COLUMNS, kind) + events_ddl(inputs, "late") +
            sink_ddl("out", "k STRING, n BIGINT, total BIGINT, since TIMESTAMP(3), "
                     "idle_at TIMESTAMP(3)", kind) +
            "INSERT INTO out\n"
            "SELECT k, COUNT(*) AS n, SUM(v) AS total, MIN(ts) AS since, TIMEOUT_TIME() AS idle_at\n"
            "FROM events GROUP BY k TIMEOUT INTERVAL '3' SECOND RESET STATE;\n")


def window_job(inputs, kind):
    return (sink_ddl("late", LATE_COLUMNS, kind) + events_ddl(inputs, "late") +
            sink_ddl("out", "window_start TIMESTAMP(3), window_end TIMESTAMP(3), k STRING, "
                     "n BIGINT, total BIGINT, top INT", kind) +
            "INSERT INTO out\n"
            "SELECT window_start, window_end, k, COUNT(*) AS n, SUM(v) AS total, MAX(v) AS top\n"
            "FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECOND, "
            "INTERVAL '15' SECOND))\n"
            "GROUP BY window_start, window_end, k;\n")


def join_job(inputs, kind):
    return ("CREATE STREAM orders (id INT, k STRING, amount INT, ts TIMESTAMP(3),\n"
            "  WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)\n"
            f"WITH ('connector' = 'file', 'path' = '{inputs / 'orders.csv'}', 'format' = 'csv', "
            "'csv.header' = 'true');\n"
            "CREATE STREAM shipments (order_id INT, carrier STRING, ts TIMESTAMP(3),\n"
            "  WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)\n"
            f"WITH ('connector' = 'file', 'path' = '{inputs / 'shipments.csv'}', "
            "'format' = 'csv', 'csv.header' = 'true');\n" +
            sink_ddl("out", "id INT, k STRING, amount INT, ordered TIMESTAMP(3), carrier STRING, "
                     "shipped TIMESTAMP(3)", kind) +
            "INSERT INTO out\n"
            "SELECT o.id, o.k, o.amount, o.ts, s.carrier, s.ts\n"
            "FROM orders o LEFT JOIN shipments s\n"
            "  ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '20' SECOND;\n")


def upsert_job(inputs, kind):
    return (events_ddl(inputs, None) +
            sink_ddl("out", "k STRING NOT NULL, n BIGINT, total BIGINT, top INT, "
                     "latest TIMESTAMP(3)", kind, primary_key="k") +
            "INSERT INTO out\n"
            "SELECT k, COUNT(*) AS n, SUM(v) AS total, MAX(v) AS top, MAX(ts) AS latest\n"
            "FROM events GROUP BY k;\n")


# name -> (script builder, sink kinds, sinks it writes)
JOBS = {
    "timeout": (timeout_job, ("file", "sqlite"), ("out", "late")),
    "window": (window_job, ("file", "sqlite"), ("out", "late")),
    "join": (join_job, ("file", "sqlite"), ("out",)),
    "upsert": (upsert_job, ("sqlite",), ("out",)),
}


# ---------------------------------------------------------------------------------------------
# Sinks: reading and comparing


def sink_path(directory, sink, kind):
    return directory / (f"{sink}.csv" if kind == "file" else f"{sink}.db")


def read_table(path, table):
    """Every row of `table` ordered by every column, and the sink's progress record."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
        order = ", ".join(f'"{c}"' for c in columns)
        rows = db.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
        progress = db.execute("SELECT * FROM eddy_sink_progress ORDER BY 1").fetchall()
        return columns, rows, progress
    finally:
        db.close()


def first_difference(expected, actual):
    """Index and the two items where two sequences first differ."""
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            return i, e, a
    n = min(len(expected), len(actual))
    return (n, expected[n] if n < len(expected) else "<end>",
            actual[n] if n < len(actual) else "<end>")


def compare_sink(ref_dir, dir_, sink, kind):
    """None when the sink in dir_ equals the one in ref_dir, else what differs."""
    ref, got = sink_path(ref_dir, sink, kind), sink_path(dir_, sink, kind)
    if not got.exists():
        return f"{got} is missing"
    if kind == "file":
        e, a = ref.read_bytes(), got.read_bytes()
        if e == a:
            return None
        el, al = e.split(b"\n"), a.split(b"\n")
        i, x, y = first_difference(el, al)
        return (f"{got} differs from {ref} ({len(a)} bytes vs {len(e)}, {len(al)} lines vs "
                f"{len(el)}); first difference at line {i + 1}:\n  expected: {x!r}\n"
                f"  actual:   {y!r}")
    ec, er, ep = read_table(ref, sink)
    ac, ar, ap = read_table(got, sink)
    if (ec, er, ep) == (ac, ar, ap):
        return None
    if ec != ac:
        return f"{got}: table {sink} has columns {ac}, the reference {ec}"
    if er != ar:
        i, x, y = first_difference(er, ar)
        return (f"{got}: table {sink} has {len(ar)} rows, the reference ({ref}) {len(er)}; first "
                f"difference at row {i + 1} (ORDER BY every column):\n  expected: {x!r}\n"
                f"  actual:   {y!r}")
    return f"{got}: eddy_sink_progress is {ap}, the reference's {ep}"


# ---------------------------------------------------------------------------------------------
# Processes


class Run:
    def __init__(self, cmd, cwd, number):
        self.cmd, self.cwd, self.number = cmd, cwd, number
        self.returncode = None
        self.killed = False
        self.delay = None
        self.in_store_write = False  # killed holding the checkpoint file's write lock
        self.stderr = ""
        self.seconds = 0.0
        self.settings = ""

    def describe(self):
        return f"(cd {shlex.quote(str(self.cwd))} && {shlex.join(self.cmd)})"


def write_locked_inodes(pid):
    """Inodes of files on which `pid` holds a POSIX write lock (from /proc/locks)."""
    inodes = set()
    try:
        with open("/proc/locks") as f:
            for line in f:
                parts = line.split()
                # "1: POSIX  ADVISORY  WRITE 23788 fe:00:9986515 120 120"
                if len(parts) >= 6 and parts[1] == "POSIX" and parts[3] == "WRITE" and \
                        parts[4] == str(pid):
                    inodes.add(int(parts[5].rsplit(":", 1)[1]))
    except OSError:
        pass
    return inodes


def inode(path):
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def wait_stopped(pid):
    """Waits (briefly) until SIGSTOP has taken effect, so /proc/locks shows the kill instant."""
    for _ in range(200):
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state in ("T", "t", "Z", "X"):
            return
        time.sleep(0.0005)


def start(cmd, cwd, number, delay):
    """Runs cmd in cwd; with a delay, kills it with SIGKILL after that many seconds (unless it
    ended before)."""
    run = Run(cmd, cwd, number)
    run.delay = delay
    err_path = cwd / f"stderr.{number}"
    began = time.monotonic()
    with open(cwd / f"stdout.{number}", "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        try:
            run.returncode = proc.wait(timeout=delay if delay is not None else RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            if delay is None:
                proc.kill()
                proc.wait()
                raise TestFailure(f"run {number} did not finish in {RUN_TIMEOUT} s: "
                                  f"{run.describe()}")
            os.kill(proc.pid, signal.SIGSTOP)
            wait_stopped(proc.pid)
            locked = write_locked_inodes(proc.pid)
            store = inode(cwd / "ck.db-shm")
            run.in_store_write = store is not None and store in locked
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            run.killed = True
    run.seconds = time.monotonic() - began
    run.stderr = err_path.read_text(errors="replace")
    return run


def check_stderr(run):
    for line in run.stderr.splitlines():
        low = line.lower()
        if "error" in low or low.startswith("warning") or "failed" in low:
            raise TestFailure(f"run {run.number} printed '{line}':\n  {run.describe()}")


def run_clean(cmd, cwd, number=0):
    run = start(cmd, cwd, number, None)
    check_stderr(run)
    if run.returncode != 0:
        raise TestFailure(f"exit status {run.returncode}:\n  {run.describe()}\n{run.stderr}")
    return run


# ---------------------------------------------------------------------------------------------
# The checkpoint file, read from a copy


class StoreView:
    """What a copy of the checkpoint file (and sink files) says after a kill."""

    def __init__(self, dir_, scratch, sinks, kind):
        self.checkpoints = 0  # of the job, kept in the file
        self.taken = 0        # ever written (the AUTOINCREMENT sequence)
        self.uncommitted = False  # a sink holds output written after the newest checkpoint
        if not (dir_ / "ck.db").exists():
            return
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        for name in ("ck.db", "ck.db-wal"):
            if (dir_ / name).exists():
                shutil.copyfile(dir_ / name, scratch / name)
        try:
            db = sqlite3.connect(scratch / "ck.db")
            try:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
                if "checkpoints" not in tables:
                    return
                self.checkpoints, newest = db.execute(
                    "SELECT count(*), max(id) FROM checkpoints WHERE job = ?", (JOB,)).fetchone()
                seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'checkpoints'")
                self.taken = (seq.fetchone() or (0,))[0]
                committed = {name: (rows, size) for name, rows, size in db.execute(
                    "SELECT name, rows_written, bytes_written FROM sinks WHERE checkpoint_id = ?",
                    (newest,))}
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return  # a half-created file: nothing committed yet
        for sink in sinks:
            rows, size = committed.get(sink, (0, 0))
            path = sink_path(dir_, sink, kind)
            if not path.exists():
                continue
            if kind == "file":
                self.uncommitted |= path.stat().st_size > size
            else:
                self.uncommitted |= sink_progress_copy(path, scratch, sink) > rows


def sink_progress_copy(path, scratch, table):
    """Changes a SQLite sink's progress record says its table holds (read from a copy)."""
    copy = scratch / "sink.db"
    for suffix in ("", "-wal"):
        src = Path(str(path) + suffix)
        dst = Path(str(copy) + suffix)
        if dst.exists():
            dst.unlink()
        if src.exists():
            shutil.copyfile(src, dst)
    try:
        db = sqlite3.connect(copy)
        try:
            row = db.execute("SELECT rows FROM eddy_sink_progress WHERE sink_table = ?",
                             (table,)).fetchone()
            return row[0] if row else 0
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return 0


# ---------------------------------------------------------------------------------------------
# One job


class Stats:
    def __init__(self):
        self.kills = self.rounds = self.restarts = self.before_first = 0
        self.in_store_write = self.uncommitted = self.resumed = 0
        self.checkpoints = 0
        self.seconds = 0.0


def at_parallelism(cmd, number):
    """Run `number` of a crash round at 'parallelism' 1, 2 or 3 in turn (issue 14): a checkpoint
    taken with keyed operators on some instances restores on others, with the same sinks."""
    return cmd[:-1] + ["--set", f"parallelism={1 + number % 3}", cmd[-1]]


def crash_round(cmd, dir_, rng, kills, timing, stats, sinks, kind, verbose):
    """Runs cmd in dir_ killing it `kills` times (fewer if it finishes first) and then to its
    end. Returns the number of kills made and of runs. `timing` is (startup, work): the seconds
    a run takes to start and restore, and those a clean run spends on the job itself."""
    startup, work = timing
    # A third of the kills come within 40 ms (while starting or restoring, or just after); the
    # rest after the startup plus a random share of the work, so that together they reach about
    # 90% of the way through the input: kills land all along the job, near its end too.
    long_kills = max(1, round(kills * 2 / 3))
    share = 0.9 * work / long_kills
    scratch = dir_.parent / (dir_.name + ".copy")
    made = 0
    number = 0
    view = StoreView(dir_, scratch, sinks, kind)
    while True:
        number += 1
        if made < kills:
            if rng.random() < 1 / 3:
                delay = rng.uniform(0.002, 0.04)
            else:
                delay = startup + rng.uniform(0, 2 * share)
        else:
            delay = None
        run = start(at_parallelism(cmd, number), dir_, number, delay)
        check_stderr(run)
        had_checkpoint = view.checkpoints > 0
        resumed = "note: resuming job" in run.stderr
        if resumed and not had_checkpoint:
            raise TestFailure(f"run {number} says it resumed, but the checkpoint file held no "
                              f"checkpoint of job {JOB}:\n  {run.describe()}\n{run.stderr}")
        stats.resumed += resumed
        if number > 1:
            stats.restarts += 1
        if run.killed:
            made += 1
            stats.kills += 1
            stats.in_store_write += run.in_store_write
            view = StoreView(dir_, scratch, sinks, kind)
            stats.before_first += view.checkpoints == 0
            stats.uncommitted += view.uncommitted
            if verbose:
                print(f"    run {number}: killed after {delay * 1000:.0f} ms"
                      f"{' in a checkpoint write' if run.in_store_write else ''}"
                      f"; "
                      f"{view.checkpoints} checkpoints kept, {view.taken} taken"
                      f"{', uncommitted output' if view.uncommitted else ''}")
            continue
        if run.returncode != 0:
            raise TestFailure(f"run {number} exited with {run.returncode}:\n  {run.describe()}\n"
                              f"{run.stderr}")
        if had_checkpoint and not resumed:
            raise TestFailure(f"run {number} started afresh although the checkpoint file held "
                              f"{view.checkpoints} checkpoint(s) of job {JOB}:\n"
                              f"  {run.describe()}\n{run.stderr}")
        if verbose:
            print(f"    run {number}: finished ({'resumed' if resumed else 'fresh'}) in "
                  f"{run.seconds:.2f} s")
        break
    stats.checkpoints += StoreView(dir_, scratch, sinks, kind).taken
    shutil.rmtree(scratch, ignore_errors=True)
    return made, number


def run_job(name, kind, args, work, inputs, rng, incremental):
    build, _, sinks = JOBS[name]
    label = f"{name}/{kind}"
    base = work / label.replace("/", "-")
    base.mkdir()
    script = base / "job.sql"
    script.write_text(build(inputs, kind))
    eddy = str(Path(args.eddy).resolve())
    stats = Stats()
    began = time.monotonic()

    def fresh(sub):
        d = base / sub
        d.mkdir()
        return d

    def compare(ref, got, what, cmds):
        for sink in sinks:
            diff = compare_sink(ref, got, sink, kind)
            if diff:
                raise TestFailure(f"{label}: {what}: {diff}\n  commands:\n" +
                                  "\n".join(f"    {c}" for c in cmds))

    # 1. References: default batch size and batch size 1.
    ref = fresh("ref")
    ref_run = run_clean([eddy, str(script)], ref)
    b1 = fresh("batch1")
    b1_run = run_clean([eddy, "--batch-size", "1", str(script)], b1)
    compare(ref, b1, "batch size 1 differs from the default", [ref_run.describe(),
                                                               b1_run.describe()])

    # 2. The crash command, uninterrupted: same output; its time scales the kill delays.
    cmd = [eddy, "--batch-size", rng.choice(CRASH_BATCH_SIZES), "--checkpoint", "ck.db",
           "--set", CRASH_INTERVAL, "--set", f"checkpoint.incremental={str(incremental).lower()}",
           str(script)]
    stats.settings = f"batch {cmd[2]}, {'incremental' if incremental else 'full'}"
    clean = fresh("checkpointed")
    clean_run = run_clean(cmd, clean)
    if "resuming" in clean_run.stderr:
        raise TestFailure(f"{label}: a first run resumed: {clean_run.describe()}")
    compare(ref, clean, "an uninterrupted run with checkpoints differs",
            [ref_run.describe(), clean_run.describe()])
    # Resuming the finished job does nothing but start and restore: the startup time.
    startup = run_clean(cmd, clean, 1).seconds
    timing = (startup, max(clean_run.seconds - startup, 0.05))

    # 3. Crash rounds until enough kills.
    while stats.kills < args.kills:
        stats.rounds += 1
        crash = fresh(f"crash{stats.rounds}")
        made, runs = crash_round(cmd, crash, rng, args.kills - stats.kills, timing, stats,
                                 sinks, kind, args.verbose)
        # 4. Same sinks as the reference; and once more, resuming the finished job, still.
        what = f"after {made} kills and {runs - 1} restarts (round {stats.rounds})"
        compare(ref, crash, what, [ref_run.describe(), f"{shlex.join(cmd)}  # in {crash}"])
        again = run_clean(cmd, crash, runs + 1)
        if "after the query had finished" not in again.stderr:
            raise TestFailure(f"{label}: a run after the job finished did not resume it as "
                              f"finished:\n  {again.describe()}\n{again.stderr}")
        compare(ref, crash, "a run resuming the finished job changed the output",
                [again.describe()])
        timing = (timing[0], timing[1] / 2)  # it finished before all kills: kill sooner
    stats.seconds = time.monotonic() - began
    return stats


# ---------------------------------------------------------------------------------------------


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eddy", default=str(here.parent.parent / "build" / "eddy"))
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--kills", type=int, default=22, help="kills per job and sink kind")
    parser.add_argument("--keep", metavar="DIR", help="keep every run's files in DIR")
    parser.add_argument("--jobs", default=",".join(JOBS), help="comma-separated job names")
    parser.add_argument("--sinks", default="file,sqlite", help="file, sqlite or both")
    parser.add_argument("--scale", type=float, default=1.0, help="input size factor")
    parser.add_argument("--verbose", action="store_true", help="print every run")
    args = parser.parse_args()

    if args.keep:
        work = Path(args.keep).resolve()
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="eddy-crash-"))
    inputs = work / "inputs"
    inputs.mkdir()
    make_inputs(inputs, args.seed, args.scale)
    rng = random.Random(args.seed)
    kinds = args.sinks.split(",")

    print(f"crash test: seed {args.seed}, {args.kills} kills per job, work in {work}")
    print(f"{'job':16} {'kills':>5} {'rounds':>6} {'restarts':>8} {'resumed':>7} "
          f"{'<1st ckpt':>9} {'in ckpt write':>13} {'uncommitted':>11} "
          f"{'ckpts':>6} {'secs':>6}  crash runs")
    began = time.monotonic()
    failed = False
    scripts = 0
    for name in args.jobs.split(","):
        if name not in JOBS:
            parser.error(f"no job {name!r}; jobs: {', '.join(JOBS)}")
        for kind in JOBS[name][1]:
            if kind not in kinds:
                continue
            scripts += 1
            try:
                s = run_job(name, kind, args, work, inputs, rng, scripts % 2 == 0)
            except TestFailure as e:
                print(f"FAIL {name}/{kind} (seed {args.seed}): {e}")
                failed = True
                continue
            print(f"{name + '/' + kind:16} {s.kills:5} {s.rounds:6} {s.restarts:8} "
                  f"{s.resumed:7} {s.before_first:9} {s.in_store_write:13} "
                  f"{s.uncommitted:11} {s.checkpoints:6} "
                  f"{s.seconds:6.1f}  {s.settings}", flush=True)
    print(f"total {time.monotonic() - began:.1f} s")
    print("columns: kills made; crash rounds (a new one when the job finished before all kills); "
          "restarts; finished or killed runs that said they resumed; kills before the first "
          "checkpoint; kills holding the checkpoint file's write lock; kills leaving sink output past the newest checkpoint; checkpoints "
          "taken in the crash rounds")
    if failed:
        print(f"the runs' files are in {work} (inputs/, and per job: job.sql, ref/, batch1/, "
              f"checkpointed/, crash<N>/ with each run's stdout.<N> and stderr.<N>)")
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
