"""Bounded results as pandas DataFrames and Arrow tables."""

import datetime as dt
import decimal

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

COUNTS = [("bob", 8, 2), ("alice", 7, 1), ("dave", 8, 0), ("erin", 7, 1), ("frank", 5, 1),
          ("carol", 6, 1), ("mallory", 1, 1)]
COUNT_SQL = ("SELECT uid, COUNT(*) AS logins, SUM(CASE WHEN status = 'fail' THEN 1 ELSE 0 END)"
             " AS fails FROM logins GROUP BY uid")


def test_to_pandas_of_an_append_only_result(logins):
    frame = logins.query("SELECT uid, ts FROM logins WHERE status = 'fail' LIMIT 3").to_pandas()
    assert list(frame.columns) == ["uid", "ts"]
    assert frame["uid"].tolist() == ["alice", "bob", "erin"]
    assert pd.api.types.is_datetime64_any_dtype(frame["ts"])
    assert frame["ts"][0] == pd.Timestamp("2026-11-25 09:02:11")


def test_to_pandas_of_an_updating_result_is_its_final_table(logins):
    frame = logins.query(COUNT_SQL).to_pandas()
    assert list(frame.itertuples(index=False, name=None)) == COUNTS


def test_to_pandas_changelog_has_an_op_column(logins):
    frame = logins.query(COUNT_SQL).to_pandas(changelog=True)
    assert list(frame.columns) == ["op", "uid", "logins", "fails"]
    assert set(frame["op"]) == {"+I", "-U", "+U"}
    assert (frame["op"] == "+I").sum() == 7


def test_to_arrow_is_typed_by_the_sql_types(engine):
    engine.execute("CREATE STREAM t (i INT, m DECIMAL(6, 2), ts TIMESTAMP(3), s STRING,"
                   " day DATE, b BOOLEAN) WITH ('connector' = 'embedded')")
    query = engine.query("SELECT * FROM t")
    t = engine.input("t")
    t.append((1, decimal.Decimal("3.50"), dt.datetime(2024, 1, 1, 10), "x", dt.date(2024, 1, 2), True))
    t.append((None, None, None, None, None, None))
    t.close()
    table = query.to_arrow()
    assert table.schema.types == [pa.int32(), pa.decimal128(6, 2), pa.timestamp("ms"),
                                  pa.string(), pa.date32(), pa.bool_()]
    assert table.column("m").to_pylist() == [decimal.Decimal("3.50"), None]
    assert table.column("ts").to_pylist()[0] == dt.datetime(2024, 1, 1, 10)
    assert table.num_rows == 2


def test_to_arrow_of_an_updating_result(logins):
    table = logins.query(COUNT_SQL).to_arrow()
    assert table.column_names == ["uid", "logins", "fails"]
    assert list(zip(*(table.column(i).to_pylist() for i in range(3)))) == COUNTS
    changes = logins.query(COUNT_SQL).to_arrow(changelog=True)
    assert changes.column_names[0] == "op"
