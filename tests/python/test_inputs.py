"""Push inputs ('connector' = 'embedded'): rows as tuples and dicts, Python values of every
type, watermarks from code, a manual processing-time clock, rows the stream refuses."""

import datetime as dt
import decimal

import pytest

import eddy


def test_rows_as_tuples_and_dicts_with_watermarks(engine):
    engine.execute("CREATE STREAM clicks (uid STRING NOT NULL, n INT, ts TIMESTAMP(3),"
                   " WATERMARK FOR ts AS SOURCE_WATERMARK()) WITH ('connector' = 'embedded')")
    query = engine.query(
        "SELECT window_end, COUNT(*) AS clicks, SUM(n) AS n FROM TABLE(TUMBLE(TABLE clicks,"
        " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end")
    clicks = engine.input("clicks")
    assert [c.name for c in clicks.columns] == ["uid", "n", "ts"]
    clicks.append(("ann", 1, dt.datetime(2024, 1, 1, 10, 0, 1)))
    clicks.append({"uid": "bob", "n": 2, "ts": "2024-01-01 10:00:05"})
    clicks.append({"uid": "cid", "ts": eddy.millis(dt.datetime(2024, 1, 1, 10, 0, 12))})  # n NULL
    assert query.fetch(timeout=0.05) == []  # no watermark yet: the window is open
    clicks.watermark(dt.datetime(2024, 1, 1, 10, 0, 10))
    assert query.fetch(timeout=30) == [(dt.datetime(2024, 1, 1, 10, 0, 10), 2, 3)]
    assert clicks.rows == 3
    clicks.close()
    assert query.rows() == [(dt.datetime(2024, 1, 1, 10, 0, 20), 1, None)]


def test_values_of_every_type_round_trip(engine):
    engine.execute("CREATE STREAM t (b BOOLEAN, i INT, l BIGINT, d DOUBLE, m DECIMAL(10, 2),"
                   " s STRING, ts TIMESTAMP(3), day DATE, tm TIME(3)) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT * FROM t")
    row = (True, -7, 2**40, 2.5, decimal.Decimal("12.34"), "héllo",
           dt.datetime(1969, 12, 31, 23, 59, 59, 999000), dt.date(2024, 2, 29),
           dt.time(13, 14, 15, 16000))
    t = engine.input("t")
    t.append(row)
    t.append((None,) * 9)
    t.close()
    rows = query.rows()
    assert rows == [row, (None,) * 9]
    assert type(rows[0].m) is decimal.Decimal and type(rows[0].b) is bool


def test_sql_values_as_python(engine):
    [row] = engine.query("SELECT INTERVAL '90' SECOND AS i, CAST('2024-03-01' AS DATE) AS d,"
                         " CAST(1.5 AS DOUBLE) AS x, 1 = 1 AS yes, CAST(NULL AS STRING) AS n").rows()
    assert row == (dt.timedelta(seconds=90), dt.date(2024, 3, 1), 1.5, True, None)


@pytest.mark.parametrize("row, message", [
    (("ann", "three"), "column 'n': expected INT, got a STRING"),
    (("ann", 2**40), "out of range for INT"),
    ((None, 1), "NULL in a NOT NULL column"),
    (("ann",), "a row has 2 values, got 1"),
    ({"uidd": "ann"}, "no column 'uidd' (did you mean 'uid'?)"),
    (("ann", dt.date(2024, 1, 1)), "column 'n': expected INT, got a date"),
])
def test_a_row_the_stream_refuses_raises_a_data_error(engine, row, message):
    engine.execute("CREATE STREAM c (uid STRING NOT NULL, n INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT uid, n FROM c")
    c = engine.input("c")
    c.append(("before", 1))
    with pytest.raises(eddy.DataError) as raised:
        c.append(row)
    assert message in str(raised.value)
    c.append(("after", 2))
    c.close()
    assert query.rows() == [("before", 1), ("after", 2)]


def test_not_a_row_and_appending_after_close(engine):
    engine.execute("CREATE STREAM c (n INT) WITH ('connector' = 'embedded')")
    c = engine.input("c")
    with pytest.raises(TypeError, match="a row is a tuple, a list or a dict"):
        c.append(3)
    c.close()
    with pytest.raises(eddy.Error):
        c.append((1,))
    with pytest.raises(eddy.Error, match="embedded"):
        engine.execute("CREATE STREAM f (n INT) WITH ('connector' = 'datagen')")
        engine.input("f")


def test_a_manual_clock_drives_processing_time_timeouts():
    clock = eddy.ManualClock(0)
    engine = eddy.connect(clock=clock)
    engine.execute("CREATE STREAM e (uid STRING, amount INT) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT uid, COUNT(*) AS n, SUM(amount) AS total FROM e"
                         " GROUP BY uid TIMEOUT INTERVAL '1' MINUTE ON PROCESSING TIME")
    e = engine.input("e")
    e.append(("u1", 5)).append(("u1", 7))
    assert query.fetch(timeout=0.1) == []  # both rows read at 0 ms: u1 is due at 60 s
    clock.advance(59_999)
    assert query.fetch(timeout=0.1) == []
    clock.advance(1)
    assert query.fetch(timeout=30) == [("u1", 2, 12)]
    assert clock.now() == 60_000
