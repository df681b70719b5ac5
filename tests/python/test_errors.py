"""Errors raise eddy.Error subclasses with kind, line, column and the caret snippet."""

import pytest

import eddy


def test_a_syntax_error_points_at_the_token(engine):
    with pytest.raises(eddy.ParseError) as raised:
        engine.execute("SELECT FROM WHERE")
    error = raised.value
    assert isinstance(error, eddy.Error)
    assert error.kind == "syntax"
    assert (error.line, error.column) == (1, 8)
    assert error.snippet.splitlines() == ["SELECT FROM WHERE", "       ^"]
    assert str(error).startswith("1:8: ")
    assert str(error).endswith("SELECT FROM WHERE\n       ^")


def test_a_bind_error_in_a_script_has_the_scripts_line(logins):
    with pytest.raises(eddy.BindError) as raised:
        logins.execute("CREATE VIEW v AS SELECT uid FROM logins;\n\nSELECT uidd FROM logins")
    error = raised.value
    assert (error.line, error.column) == (3, 8)
    assert "did you mean 'uid'" in error.message
    assert "^" in error.snippet


def test_an_unknown_stream(engine):
    with pytest.raises(eddy.BindError, match="nope"):
        engine.query("SELECT * FROM nope")


def test_a_data_error_while_running_raises_from_the_iteration(tmp_path, engine):
    path = tmp_path / "bad.csv"
    path.write_text("a\n1\nx\n")
    engine.execute(f"CREATE STREAM bad (a INT) WITH ('connector' = 'file', 'path' = '{path}',"
                   " 'format' = 'csv', 'csv.header' = 'true')")
    query = engine.query("SELECT a FROM bad")
    with pytest.raises(eddy.DataError, match="bad.csv:3"):
        query.rows()


def test_error_classes_are_distinct_by_kind():
    kinds = {cls.kind for cls in (eddy.ParseError, eddy.BindError, eddy.PlanError,
                                  eddy.ExecutionError, eddy.DataError, eddy.IoError,
                                  eddy.CancelledError)}
    assert len(kinds) == 7
