"""Statements: DDL messages, tables (SHOW, DESCRIBE), settings, the module's basics."""

import pytest

import eddy


def test_ddl_returns_its_message(engine):
    message = engine.execute("CREATE STREAM s (a INT, b STRING) WITH ('connector' = 'embedded')")
    assert message == "Stream 's' created."


def test_show_and_describe_return_rows(logins):
    streams = logins.execute("SHOW STREAMS")
    assert [row[0] for row in streams] == ["logins"]
    described = logins.execute("DESCRIBE logins")
    assert [row[0] for row in described] == ["uid", "status", "ip", "ts"]
    assert described[3][1].startswith("TIMESTAMP(3)")


def test_a_script_runs_statement_by_statement(engine):
    result = engine.execute("""
        CREATE STREAM a (x INT) WITH ('connector' = 'embedded');
        CREATE VIEW big AS SELECT x FROM a WHERE x > 10;
        SHOW STREAMS""")
    assert sorted(row[0] for row in result) == ["a"]


def test_settings_at_connect_and_later():
    engine = eddy.connect(settings={"execution.batch-size": 7})
    assert engine.setting("execution.batch-size") == "7"
    engine.set("execution.batch-size", "3")
    assert engine.setting("execution.batch-size") == "3"


def test_an_unknown_setting_is_an_error_at_connect():
    with pytest.raises(eddy.Error, match="no.such"):
        eddy.connect(settings={"no.such": "1"})
    with pytest.raises(eddy.Error):
        eddy.connect().set("no.such", "1")


def test_query_of_a_statement_that_is_not_a_query(engine):
    with pytest.raises(TypeError, match="not a query"):
        engine.query("CREATE STREAM s (a INT) WITH ('connector' = 'embedded')")


def test_version_and_functions(engine):
    assert eddy.__version__.count(".") == 2
    names = {name for name, kind, usage in engine.functions()}
    assert {"COUNT", "SUBSTRING", "TUMBLE"} <= names


def test_millis():
    import datetime as dt
    assert eddy.millis(dt.datetime(1970, 1, 1, 0, 0, 1, 250000)) == 1250
    assert eddy.millis(dt.datetime(2024, 1, 1, 11, tzinfo=dt.timezone(dt.timedelta(hours=1)))) \
        == eddy.millis(dt.datetime(2024, 1, 1, 10))
    assert eddy.millis(dt.timedelta(minutes=1)) == 60_000
    assert eddy.millis(dt.date(1970, 1, 2)) == 86_400_000
    with pytest.raises(TypeError):
        eddy.millis("soon")
