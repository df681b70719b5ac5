"""Queries: iteration in chunks, rows and their kinds, fetch with a timeout, cancel (also by
Ctrl-C), stats and explain, the GIL released while the engine runs."""

import datetime as dt
import os
import signal
import threading
import time

import pytest

import eddy

FAILED = [("alice", dt.datetime(2026, 11, 25, 9, 2, 11)),
          ("bob", dt.datetime(2026, 11, 25, 9, 5, 42)),
          ("erin", dt.datetime(2026, 11, 25, 9, 8, 29))]


def test_iterating_gives_chunks_of_rows(logins):
    query = logins.query("SELECT uid, ts FROM logins WHERE status = 'fail'")
    assert [c.name for c in query.columns] == ["uid", "ts"]
    assert [c.type for c in query.columns] == ["STRING", "TIMESTAMP(3)"]
    chunks = list(query)
    assert chunks and all(isinstance(chunk, list) and chunk for chunk in chunks)
    rows = [row for chunk in chunks for row in chunk]
    assert rows[:3] == FAILED
    assert len(rows) == 7
    assert rows[0].uid == "alice" and rows[0]["TS"] == FAILED[0][1] and rows[0][0] == "alice"
    assert rows[0].kind == "+I"
    assert rows[0].as_dict() == {"uid": "alice", "ts": FAILED[0][1]}


def test_batch_size_one_gives_the_same_rows():
    engine = eddy.connect(batch_size=1)
    from conftest import LOGINS
    engine.execute(LOGINS)
    rows = engine.query("SELECT uid, ts FROM logins WHERE status = 'fail' LIMIT 3").rows()
    assert rows == FAILED


def test_an_updating_result_has_change_kinds(engine):
    engine.execute("CREATE STREAM pay (u STRING, amount INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT u, SUM(amount) AS total FROM pay GROUP BY u")
    assert query.updating
    pay = engine.input("pay")
    for row in [("ann", 10), ("bob", 5), ("ann", 7)]:
        pay.append(row)
    pay.close()
    changes = [(row.kind, *row) for row in query.rows()]
    assert changes == [("+I", "ann", 10), ("+I", "bob", 5), ("-U", "ann", 10), ("+U", "ann", 17)]


def test_final_rows_apply_the_changes_in_place(logins):
    query = logins.query("SELECT uid, COUNT(*) AS logins FROM logins GROUP BY uid")
    assert query.final_rows() == [("bob", 8), ("alice", 7), ("dave", 8), ("erin", 7),
                                  ("frank", 5), ("carol", 6), ("mallory", 1)]


def test_fetch_with_a_timeout_returns_an_empty_chunk_then_rows_then_none(engine):
    engine.execute("CREATE STREAM e (k INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT k * 2 AS k2 FROM e")
    assert query.fetch(timeout=0.05) == []
    events = engine.input("e")
    events.append((21,))
    assert query.fetch(timeout=30) == [(42,)]
    events.close()
    assert query.fetch(timeout=30) is None


def test_cancel_from_another_thread_ends_the_iteration(engine):
    engine.execute("CREATE STREAM e (k INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT k FROM e")
    engine.input("e").append((1,))
    timer = threading.Timer(0.2, query.cancel)
    timer.start()
    rows = query.rows()  # would wait for ever: the stream is never closed
    timer.join()
    assert rows == [(1,)]
    assert query.cancelled


def test_ctrl_c_cancels_the_running_query(engine):
    engine.execute("CREATE STREAM e (k INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT k FROM e")
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        query.rows()
    timer.join()
    assert query.cancelled


def test_the_gil_is_released_while_the_query_waits(engine):
    # The producer is a Python thread: it runs only if fetch() lets go of the GIL.
    engine.execute("CREATE STREAM e (k INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT k FROM e WHERE k % 2 = 0")
    events = engine.input("e")

    def produce():
        for k in range(100):
            events.append((k,))
            time.sleep(0.0005)
        events.close()

    producer = threading.Thread(target=produce)
    producer.start()
    rows = query.rows()
    producer.join()
    assert [row.k for row in rows] == list(range(0, 100, 2))


def test_stats_and_explain(logins):
    query = logins.query("SELECT uid, COUNT(*) AS n FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE")
    assert "Timeout" in query.explain() or "TIMEOUT" in query.explain().upper()
    rows = query.rows()
    stats = query.stats()
    assert stats.rows_in == 42
    assert stats.rows_out == len(rows)
    assert stats.late_rows == 1
    assert stats.watermark is not None


def test_an_insert_runs_into_its_sink(tmp_path, logins):
    out = tmp_path / "fails.csv"
    logins.execute(f"CREATE STREAM fails (uid STRING) WITH ('connector' = 'file', 'path' = '{out}',"
                   " 'format' = 'csv')")
    query = logins.query("INSERT INTO fails SELECT uid FROM logins WHERE status = 'fail'")
    assert query.columns == []
    query.run()
    assert out.read_text().split() == ["alice", "bob", "erin", "frank", "bob", "mallory", "carol"]


def test_ctrl_c_inside_a_python_process_function_ends_the_query(engine):
    class Slow(eddy.ProcessFunction):
        def process_element(self, row, ctx):
            time.sleep(30)  # interrupted by the SIGINT below
            yield 1

    engine.execute("CREATE STREAM e (k INT) WITH ('connector' = 'embedded')")
    engine.register_process_function("slow", Slow, output=[("x", int)])
    query = engine.query("SELECT * FROM slow(TABLE e PARTITION BY k)")
    engine.input("e").append((1,))
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        query.rows()
    timer.join()
