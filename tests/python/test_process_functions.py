"""Python process functions: the seed's count-with-timeout gives the built-in TIMEOUT query's
rows (and the C++ function's), value / list / map state, event- and processing-time timers, two
inputs, output rows of each shape, errors, and a checkpoint and restore of a Python function."""

import datetime as dt
import importlib.util
import threading

import pytest

import eddy
from conftest import REPO

spec = importlib.util.spec_from_file_location(
    "count_with_timeout", REPO / "examples" / "python" / "count_with_timeout.py")
example = importlib.util.module_from_spec(spec)
spec.loader.exec_module(example)

PYTHON_SQL = ("SELECT uid, rowtime AS timed_out, cnt FROM {f}("
              "TABLE logins PARTITION BY uid, INTERVAL '1' MINUTE)")
BUILTIN_SQL = ("SELECT uid, TIMEOUT_TIME() AS timed_out, COUNT(*) AS cnt FROM logins"
               " GROUP BY uid TIMEOUT INTERVAL '1' MINUTE")


@pytest.mark.parametrize("batch_size", [1, 1024])
def test_count_with_timeout_gives_the_builtin_timeout_rows(batch_size):
    from conftest import LOGINS
    engine = eddy.connect(batch_size=batch_size)
    engine.execute(LOGINS)
    engine.register_process_function("count_with_timeout", example.CountWithTimeout,
                                     output=[("cnt", "BIGINT", False)], arguments=["INTERVAL"])
    engine._register_reference_function("cpp_count_with_timeout", "count_with_timeout")
    python = engine.query(PYTHON_SQL.format(f="count_with_timeout")).rows()
    cpp = engine.query(PYTHON_SQL.format(f="cpp_count_with_timeout")).rows()
    builtin = engine.query(BUILTIN_SQL).rows()
    assert len(builtin) > 20
    assert python == builtin
    assert python == cpp
    assert python[0] == ("bob", dt.datetime(2026, 11, 25, 9, 1, 21), 1)


def test_the_example_prints_a_dataframe(capsys):
    assert example.main(str(REPO / "examples" / "data" / "logins.csv")) == 0
    out = capsys.readouterr().out
    assert "uid" in out and "timed_out" in out and "cnt" in out
    assert "rows, the same as GROUP BY uid TIMEOUT INTERVAL '1' MINUTE" in out


def test_explain_shows_the_function(logins):
    logins.register_process_function("cwt", example.CountWithTimeout,
                                     output={"cnt": int}, arguments=["INTERVAL"])
    plan = logins.execute("EXPLAIN " + PYTHON_SQL.format(f="cwt"))
    assert "cwt" in "\n".join(str(row[0]) for row in plan)


class Sessions(eddy.ProcessFunction):
    """Collects each key's items (list state) and counts them by kind (map state) until the key
    has been quiet for `gap` (event time); then emits them and forgets the key."""

    def open(self, ctx):
        self.items = ctx.list_state("items")
        self.kinds = ctx.map_state("kinds")
        self.deadline = ctx.value_state("deadline")
        self.gap = eddy.millis(ctx.arguments[0])

    def process_element(self, row, ctx):
        self.items.add(row.item)
        self.kinds.put(row.category, self.kinds.get(row.category, 0) + 1)
        old = self.deadline.value()
        if old is not None:
            ctx.timers().delete_event_time_timer(old)
        self.deadline.update(ctx.timestamp() + self.gap)
        ctx.timers().register_event_time_timer(ctx.timestamp() + self.gap)

    def on_timer(self, timestamp, ctx):
        assert ctx.time_domain() == eddy.TimeDomain.EVENT_TIME
        kinds = ",".join(f"{k}={v}" for k, v in sorted(self.kinds.items()))
        yield {"items": "+".join(self.items.get()), "kinds": kinds, "n": len(self.items)}
        self.items.clear()
        self.kinds.clear()
        self.deadline.clear()


def test_list_map_and_value_state_with_event_time_timers(engine):
    engine.execute("CREATE STREAM buys (uid STRING, item STRING, category STRING, ts TIMESTAMP(3),"
                   " WATERMARK FOR ts AS ts) WITH ('connector' = 'embedded')")
    engine.register_process_function("sessions", Sessions,
                                     output=[("items", str), ("kinds", str), ("n", "INT")],
                                     arguments=["INTERVAL"])
    query = engine.query("SELECT uid, items, kinds, n, rowtime FROM sessions("
                         "TABLE buys PARTITION BY uid, INTERVAL '10' SECOND)")
    buys = engine.input("buys")
    for uid, item, category, second in [("a", "tea", "food", 0), ("b", "pen", "office", 1),
                                    ("a", "jam", "food", 5), ("a", "ink", "office", 8),
                                    ("b", "pad", "office", 30), ("a", "cup", "home", 40)]:
        buys.append((uid, item, category, dt.datetime(2024, 1, 1, 0, 0, second)))
    buys.close()
    at = lambda s: dt.datetime(2024, 1, 1, 0, 0, s)
    # The watermark (ts) moves past a row only after it: b's row at 30 s comes while the watermark
    # is at 8 s, before b's timer at 11 s is due, so it deletes that timer and extends b's
    # session; a's timer at 18 s fires once the watermark reaches 30 s.
    assert query.rows() == [
        ("a", "tea+jam+ink", "food=2,office=1", 3, at(18)),
        ("b", "pen+pad", "office=2", 2, at(40)),
        ("a", "cup", "home=1", 1, at(50)),
    ]


class Reminder(eddy.ProcessFunction):
    """Reminds a key one minute of processing time after its first row."""

    def open(self, ctx):
        self.first = ctx.value_state("first")

    def process_element(self, row, ctx):
        if self.first.value() is None:
            self.first.update(ctx.current_processing_time())
            ctx.timers().register_processing_time_timer(ctx.current_processing_time() + 60_000)

    def on_timer(self, timestamp, ctx):
        assert ctx.time_domain() == eddy.TimeDomain.PROCESSING_TIME
        yield ctx.key()[0] + " since " + str(self.first.value())


def test_processing_time_timers_follow_the_manual_clock():
    clock = eddy.ManualClock(1_000)
    engine = eddy.connect(clock=clock)
    engine.execute("CREATE STREAM e (uid STRING) WITH ('connector' = 'embedded')")
    engine.register_process_function("reminder", Reminder, output=[("note", "STRING")])
    query = engine.query("SELECT uid, note FROM reminder(TABLE e PARTITION BY uid)")
    e = engine.input("e")
    e.append(("u1",))
    assert query.fetch(timeout=0.1) == []
    clock.advance(30_000)
    e.append(("u2",)).append(("u1",))
    assert query.fetch(timeout=0.1) == []
    clock.advance(30_000)  # 61 s: u1's reminder is due, u2's at 91 s
    assert query.fetch(timeout=30) == [("u1", "u1 since 1000")]
    clock.set(91_000)
    assert query.fetch(timeout=30) == [("u2", "u2 since 31000")]


class Matcher(eddy.CoProcessFunction):
    """Two inputs sharing the key's state: an order is emitted once its payment came."""

    def open(self, ctx):
        self.order = ctx.value_state("order")
        self.paid = ctx.value_state("paid")

    def process_element1(self, row, ctx):
        assert ctx.input() == 0
        self.order.update(row.item)
        yield from self.match()

    def process_element2(self, row, ctx):
        assert ctx.input() == 1
        self.paid.update(row.amount)
        yield from self.match()

    def match(self):
        if self.order.value() is not None and self.paid.value() is not None:
            yield (self.order.value(), self.paid.value())


def test_a_co_process_function_over_two_inputs(engine):
    engine.execute("CREATE STREAM orders (id INT, item STRING) WITH ('connector' = 'embedded');"
                   "CREATE STREAM payments (id INT, amount DOUBLE) WITH ('connector' = 'embedded')")
    engine.register_process_function("matcher", Matcher, output=[("item", str), ("amount", float)])
    query = engine.query("SELECT id, item, amount FROM matcher(TABLE orders PARTITION BY id,"
                         " TABLE payments PARTITION BY id)")
    orders, payments = engine.input("orders"), engine.input("payments")
    orders.append((1, "tea")).append((2, "jam"))
    payments.append((2, 3.5)).append((1, 2.0))
    orders.close()
    payments.close()
    assert sorted(query.rows()) == [(1, "tea", 2.0), (2, "jam", 3.5)]


class Shapes(eddy.ProcessFunction):
    def process_element(self, row, ctx):
        if row.n == 1:
            return [(1, "tuple")]
        if row.n == 2:
            return [{"b": "dict", "a": 2}]
        if row.n == 3:
            return [[3, None]]
        if row.n == 4:
            return [("four", "wrong type")]
        if row.n == 5:
            return [1 / 0]
        return None


def run_shapes(ns):
    engine = eddy.connect()
    engine.execute("CREATE STREAM e (n INT) WITH ('connector' = 'embedded')")
    engine.register_process_function("shapes", Shapes, output=[("a", "BIGINT", False), ("b", "STRING")])
    query = engine.query("SELECT a, b FROM shapes(TABLE e PARTITION BY n)")
    e = engine.input("e")
    for n in ns:
        e.append((n,))
    e.close()
    return query.rows()


def test_output_rows_as_tuples_dicts_and_lists():
    assert run_shapes([1, 2, 3, 6]) == [(1, "tuple"), (2, "dict"), (3, None)]


def test_a_value_of_the_wrong_type_fails_the_query():
    with pytest.raises(eddy.ExecutionError) as raised:
        run_shapes([1, 4])
    message = str(raised.value)
    assert "process function 'shapes' failed in process_element" in message
    assert "column 'a': expected BIGINT, got a str" in message


def test_a_python_exception_fails_the_query_with_its_message():
    with pytest.raises(eddy.ExecutionError) as raised:
        run_shapes([5])
    assert "ZeroDivisionError: division by zero" in str(raised.value)
    assert "test_process_functions.py" in str(raised.value)


def test_registering_twice_or_a_builtin_name_is_an_error(engine):
    engine.register_process_function("f", Shapes, output=[("a", int)])
    with pytest.raises(eddy.Error):
        engine.register_process_function("f", Shapes, output=[("a", int)])
    with pytest.raises(eddy.Error):
        engine.register_process_function("count", Shapes, output=[("a", int)])
    with pytest.raises(ValueError, match="unknown type"):
        engine.register_process_function("g", Shapes, output=[("a", "WIDGET")])


class Counter(eddy.ProcessFunction):
    """A running count per key, in value state, and each key's items in list state."""

    def open(self, ctx):
        self.count = ctx.value_state("count")
        self.seen = ctx.list_state("seen")

    def process_element(self, row, ctx):
        self.count.update(self.count.value(0) + 1)
        self.seen.add(row.n)
        yield (self.count.value(), ",".join(map(str, self.seen.get())))


def counting_engine(path):
    engine = eddy.connect(checkpoint=str(path))
    engine.execute("CREATE STREAM e (k STRING, n INT) WITH ('connector' = 'embedded')")
    engine.register_process_function("counter", Counter, output=[("count", int), ("seen", str)])
    return engine, engine.query("SELECT k, count, seen FROM counter(TABLE e PARTITION BY k)")


ROWS = [("a", 1), ("b", 2), ("a", 3), ("a", 4), ("b", 5), ("a", 6)]


def test_a_checkpoint_restores_a_python_functions_state(tmp_path):
    # The uninterrupted run.
    engine, query = counting_engine(tmp_path / "plain.db")
    engine.input("e").extend(ROWS).close()
    expected = query.rows()
    assert expected[-1] == ("a", 4, "1,3,4,6")

    # Engine A reads three rows, checkpoints, reads one more and is dropped (a crash).
    path = tmp_path / "ck.db"
    engine, query = counting_engine(path)
    e = engine.input("e")
    e.extend(ROWS[:3])
    seen = []
    while query.stats().rows_in < 3:
        seen += query.fetch(timeout=0.05)
    query.checkpoint()
    while query.stats().checkpoints_taken == 0:
        seen += query.fetch(timeout=0.05)
    stats = query.stats()
    assert stats.checkpoints_failed == 0 and stats.checkpoint_rows_out == 3
    e.append(ROWS[3])
    del engine, query, e

    # Engine B: the same statements and file; the producer starts over from its first row.
    engine, query = counting_engine(path)
    assert any("resuming" in note for note in query.notes)
    engine.input("e").extend(ROWS).close()
    assert seen[:3] + query.rows() == expected


def test_state_that_pickle_cannot_save_fails_the_checkpoint_not_the_process(tmp_path):
    class Unpicklable(eddy.ProcessFunction):
        def open(self, ctx):
            self.lock = ctx.value_state("lock")

        def process_element(self, row, ctx):
            self.lock.update(threading.Lock())

    engine = eddy.connect(checkpoint=str(tmp_path / "ck.db"))
    engine.execute("CREATE STREAM e (k INT) WITH ('connector' = 'embedded')")
    engine.register_process_function("f", Unpicklable, output=[("x", int)])
    query = engine.query("SELECT * FROM f(TABLE e PARTITION BY k)")
    e = engine.input("e")
    e.append((1,))
    while query.stats().rows_in < 1:
        query.fetch(timeout=0.05)
    query.checkpoint()
    while query.stats().checkpoints_failed == 0 and query.stats().checkpoints_taken == 0:
        query.fetch(timeout=0.05)
    assert query.stats().checkpoints_failed == 1
    e.close()
    query.rows()
