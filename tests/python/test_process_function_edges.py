"""Process functions at their edges: a context kept past its call, a function that cannot be
made, a row of the wrong width, state cleared by None and by emptying, timers pending at the
end of input."""

import pytest

import eddy


def one_input_engine(function, output, clock=None):
    engine = eddy.connect(clock=clock)
    engine.execute("CREATE STREAM e (k STRING, n INT) WITH ('connector' = 'embedded')")
    engine.register_process_function("f", function, output=output)
    return engine


def run(engine, rows, sql="SELECT * FROM f(TABLE e PARTITION BY k)"):
    query = engine.query(sql)
    engine.input("e").extend(rows).close()
    return query.rows()


def test_a_context_kept_past_its_call_refuses_to_work():
    kept = []

    class Keeper(eddy.ProcessFunction):
        def process_element(self, row, ctx):
            kept.append(ctx)
            return [(ctx.timestamp() >= 0,)]

    assert [row.ok for row in run(one_input_engine(Keeper, [("ok", bool)]), [("a", 1)])] == [True]
    with pytest.raises(TypeError, match="outside the call"):
        kept[0].key()


def test_a_function_that_cannot_be_made_fails_the_query_at_its_start():
    class Broken(eddy.ProcessFunction):
        def __init__(self):
            raise RuntimeError("no database")

    engine = one_input_engine(Broken, [("x", int)])
    with pytest.raises(eddy.Error, match="no database"):
        engine.query("SELECT * FROM f(TABLE e PARTITION BY k)")


def test_an_exception_in_open_fails_the_query_at_its_start():
    class BadOpen(eddy.ProcessFunction):
        def open(self, ctx):
            ctx.value_state("a")
            ctx.value_state("a")  # a state name twice

        def process_element(self, row, ctx):
            return None

    engine = one_input_engine(BadOpen, [("x", int)])
    with pytest.raises(eddy.Error, match="'a'"):
        engine.query("SELECT * FROM f(TABLE e PARTITION BY k)")


def test_a_row_of_the_wrong_width_fails_the_query():
    class Wide(eddy.ProcessFunction):
        def process_element(self, row, ctx):
            yield (1, 2, 3)

    with pytest.raises(eddy.ExecutionError, match=r"a row of 3 values, expected 2 \(x, y\)"):
        run(one_input_engine(Wide, [("x", int), ("y", int)]), [("a", 1)])


def test_value_list_and_map_state_clear():
    class Clearing(eddy.ProcessFunction):
        def open(self, ctx):
            self.value = ctx.value_state("value")
            self.list = ctx.list_state("list")
            self.map = ctx.map_state("map")

        def process_element(self, row, ctx):
            before = (self.value.value("none"), len(self.list), sorted(self.map.keys()),
                      "x" in self.map)
            if row.n == 1:
                self.value.update("v")
                self.list.add_all([1, 2])
                self.map.put("x", 1)
            else:
                self.value.update(None)
                self.list.update([])
                self.map.remove("x")
                self.map.remove("never there")
            yield repr(before)

    rows = run(one_input_engine(Clearing, [("before", str)]), [("a", 1), ("a", 2), ("a", 3)])
    assert [row.before for row in rows] == [
        "('none', 0, [], False)", "('v', 2, ['x'], True)", "('none', 0, [], False)"]


def test_processing_time_timers_pending_at_the_end_of_input_fire():
    class Later(eddy.ProcessFunction):
        def process_element(self, row, ctx):
            ctx.timer_service().register_processing_time_timer(ctx.current_processing_time() + 3_600_000)

        def on_timer(self, timestamp, ctx):
            yield timestamp

    engine = one_input_engine(Later, [("due", int)], clock=eddy.ManualClock(0))
    assert [(row.k, row.due) for row in run(engine, [("a", 1)])] == [("a", 3_600_000)]


def test_rows_pickle_and_print():
    import pickle
    Row = eddy.row_type(["uid", "n"])
    row = Row(("ann", 3))
    row.kind = "-U"
    copy = pickle.loads(pickle.dumps(row))
    assert copy == ("ann", 3) and copy.kind == "-U" and copy.uid == "ann"
    assert repr(copy) == "-U Row(uid='ann', n=3)"
    with pytest.raises(AttributeError, match="no column 'nope'"):
        copy.nope
