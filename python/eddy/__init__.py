"""eddy: continuous SQL queries over event-time streams, from Python.

    import eddy
    engine = eddy.connect()
    engine.execute("CREATE STREAM logins (uid STRING, status STRING, ip STRING, ts TIMESTAMP(3),"
                   " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'file',"
                   " 'path' = 'examples/data/logins.csv', 'format' = 'csv', 'csv.header' = 'true')")
    print(engine.query("SELECT uid, COUNT(*) AS n FROM logins GROUP BY uid").to_pandas())

docs/python.md is the guide; the C++ engine underneath is the embedding API (docs/api.md).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Callable, Iterator, Mapping, Sequence

from . import _eddy
from ._eddy import (Context, ListState, ManualClock, MapState, OpenContext, TimeDomain,
                    ValueState)
from ._errors import (BindError, CancelledError, DataError, Error, ExecutionError, IoError,
                      ParseError, PlanError)
from ._row import Row, row_type

__version__ = _eddy.__version__

__all__ = [
    "connect", "Engine", "Query", "Input", "Row", "Column", "QueryStats", "ManualClock",
    "ProcessFunction", "CoProcessFunction", "Context", "OpenContext", "ValueState", "ListState",
    "MapState", "TimeDomain", "millis", "Error", "ParseError", "BindError", "PlanError",
    "ExecutionError", "DataError", "IoError", "CancelledError",
]


def connect(settings: Mapping[str, Any] | None = None, *, clock: ManualClock | None = None,
            batch_size: int | None = None, checkpoint: str | None = None) -> "Engine":
    """A new engine (an in-process eddy, like DuckDB's connect()).

    settings: as ``SET 'key' = 'value'`` (``{"checkpoint.interval": "10 s"}``); an unknown key
      or a bad value raises eddy.Error.
    clock: the processing-time clock, an ``eddy.ManualClock`` in tests (default: the wall clock).
    batch_size: rows per batch (results never depend on it).
    checkpoint: a SQLite file every query checkpoints into and resumes from (docs/checkpoints.md).
    """
    return Engine(settings, clock=clock, batch_size=batch_size, checkpoint=checkpoint)


def millis(value: int | _dt.datetime | _dt.date | _dt.timedelta) -> int:
    """Milliseconds: since the epoch for a datetime (naive: UTC) or a date; of a timedelta."""
    return _eddy._to_millis(value)


@dataclasses.dataclass(frozen=True)
class Column:
    """A result or stream column: its name, SQL type (``"BIGINT"``, ``"TIMESTAMP(3)"``) and
    whether it may be NULL."""
    name: str
    type: str
    nullable: bool = True


@dataclasses.dataclass(frozen=True)
class QueryStats:
    """A query's counters, as SHOW QUERIES shows them (docs/api.md, "Query")."""
    rows_in: int
    rows_out: int
    late_rows: int
    skipped_rows: int
    watermark: int | None  # milliseconds since the epoch; None before the first watermark
    keys: int
    state_bytes: int
    timers: int
    bytes_read: int
    bytes_total: int
    checkpoints_taken: int
    checkpoints_failed: int
    checkpoint_id: int
    checkpoint_rows_out: int
    resumed_from: int


def _columns(raw) -> list[Column]:
    return [Column(name, type_, nullable) for name, type_, nullable in raw]


_PYTHON_TYPES = {int: "BIGINT", float: "DOUBLE", str: "STRING", bool: "BOOLEAN",
                 _dt.datetime: "TIMESTAMP(3)", _dt.date: "DATE", _dt.time: "TIME(3)",
                 _dt.timedelta: "INTERVAL"}


def _sql_type(type_: str | type) -> str:
    if isinstance(type_, type):
        if type_.__name__ == "Decimal":
            raise TypeError("give a DECIMAL column as 'DECIMAL(p, s)'")
        try:
            return _PYTHON_TYPES[type_]
        except KeyError:
            raise TypeError(f"no SQL type for {type_.__name__}") from None
    return type_


def _output_spec(output) -> list[tuple[str, str, bool]]:
    items = output.items() if isinstance(output, Mapping) else output
    spec = []
    for item in items:
        name, type_, *rest = item
        spec.append((name, _eddy._parse_type(_sql_type(type_)), bool(rest[0]) if rest else True))
    return spec


class ProcessFunction:
    """Base class of a Python process function (Flink's KeyedProcessFunction), called from SQL as
    ``name(TABLE t PARTITION BY k, constants...)`` once registered with
    ``Engine.register_process_function`` (docs/python.md, "Process functions").

    ``open(ctx)`` runs once per query before any row: declare state there
    (``ctx.value_state(name)``, ``ctx.list_state(name)``, ``ctx.map_state(name)``) and read
    ``ctx.arguments``. ``process_element(row, ctx)`` and ``on_timer(timestamp, ctx)`` yield the
    output rows (tuples of the declared columns, dicts by name, or bare values for one column).
    """

    def open(self, ctx: OpenContext) -> None:
        pass

    def process_element(self, row: Row, ctx: Context):
        raise NotImplementedError

    def on_timer(self, timestamp: int, ctx: Context):
        return None


class CoProcessFunction:
    """Two inputs partitioned by keys of the same types, sharing the key's state and timers:
    ``name(TABLE a PARTITION BY k, TABLE b PARTITION BY k, constants...)``."""

    def open(self, ctx: OpenContext) -> None:
        pass

    def process_element1(self, row: Row, ctx: Context):
        raise NotImplementedError

    def process_element2(self, row: Row, ctx: Context):
        raise NotImplementedError

    def on_timer(self, timestamp: int, ctx: Context):
        return None


class Input:
    """Rows pushed from Python into a stream declared ``WITH ('connector' = 'embedded')``.

    ``append(row)`` takes a tuple or list (one value per column, in order) or a dict (by column
    name; columns not named are NULL); a row the stream's columns do not take raises
    eddy.DataError and appends nothing. ``watermark(ts)`` advances the stream's watermark
    (milliseconds or a datetime), ``idle()`` marks it idle, ``close()`` ends it.
    """

    def __init__(self, raw):
        self._raw = raw

    @property
    def stream(self) -> str:
        return self._raw.stream

    @property
    def columns(self) -> list[Column]:
        return _columns(self._raw.columns)

    @property
    def rows(self) -> int:
        """Rows appended to the stream so far (by every Input of it)."""
        return self._raw.rows

    def append(self, row: Sequence[Any] | Mapping[str, Any]) -> "Input":
        self._raw.append(row)
        return self

    def extend(self, rows) -> "Input":
        for row in rows:
            self._raw.append(row)
        return self

    def watermark(self, time: int | _dt.datetime) -> "Input":
        self._raw.watermark(time)
        return self

    def idle(self, idle: bool = True) -> "Input":
        self._raw.idle(idle)
        return self

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> "Input":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Query:
    """A running continuous query (SELECT or INSERT INTO).

    ``for rows in query:`` iterates over its result in chunks (lists of Row, each with its
    ``kind``) until it ends; ``fetch(timeout=...)`` gets one chunk; ``to_pandas()`` /
    ``to_arrow()`` read a bounded result to its end. The query runs in the thread that asks for
    rows, without the GIL; Ctrl-C cancels it (KeyboardInterrupt).
    """

    def __init__(self, raw):
        self._raw = raw
        self.columns = _columns(raw.columns)
        raw.row_type = row_type([c.name for c in self.columns])

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def updating(self) -> bool:
        """Whether the result is an updating changelog (-U / +U / -D rows besides +I)."""
        return self._raw.updating

    @property
    def notes(self) -> list[str]:
        """What the user should know that is not an error ("resuming job 1 from checkpoint 4")."""
        return list(self._raw.notes)

    def fetch(self, timeout: float | None = None) -> list[Row] | None:
        """The next chunk of changes; [] when `timeout` seconds passed first; None once the query
        has finished (its inputs ended, a LIMIT was reached, it was cancelled). A failed query
        raises eddy.Error (after the chunks produced before the failure)."""
        return self._raw.fetch(timeout)

    def __iter__(self) -> Iterator[list[Row]]:
        while True:
            rows = self._raw.fetch(None)
            if rows is None:
                return
            if rows:
                yield rows

    def rows(self) -> list[Row]:
        """Every change to the end, in one list (a bounded query)."""
        return [row for chunk in self for row in chunk]

    def run(self) -> int:
        """Runs the query to its end (an INSERT INTO, say); returns the number of changes it
        delivered."""
        return sum(len(chunk) for chunk in self)

    def final_rows(self) -> list[Row]:
        """The rows of the result table once every change is applied: an updating result's
        -U / -D rows retract earlier rows and +U rows take their place (as the shell prints an
        updating result in a script); for an append-only result, every row."""
        table: list[Row | None] = []
        where: dict[tuple, list[int]] = {}
        freed: list[int] = []
        for chunk in self:
            for row in chunk:
                key = tuple(row)
                if row.kind in ("-U", "-D"):
                    places = where.get(key)
                    if places:
                        i = places.pop(0)
                        table[i] = None
                        if row.kind == "-U":
                            freed.append(i)
                    continue
                if row.kind == "+U" and freed:
                    i = freed.pop(0)
                    table[i] = row
                else:
                    i = len(table)
                    table.append(row)
                where.setdefault(key, []).append(i)
                if row.kind != "+I":
                    row.kind = "+I"
        return [row for row in table if row is not None]

    def _result(self, changelog: bool) -> tuple[list[str], list[tuple]]:
        if changelog:
            return ["op"] + self.names, [(row.kind, *row) for row in self.rows()]
        return self.names, self.final_rows()

    def to_pandas(self, changelog: bool = False):
        """The result to its end as a pandas DataFrame: the final rows (an updating result with
        its changes applied), or with ``changelog=True`` every change with an ``op`` column first
        (+I, -U, +U, -D). Needs pandas."""
        import pandas as pd
        names, rows = self._result(changelog)
        frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=names)
        for column in self.columns:  # typed columns even when empty
            if column.type == "TIMESTAMP(3)":
                frame[column.name] = pd.to_datetime(frame[column.name])
        return frame

    def to_arrow(self, changelog: bool = False):
        """The result to its end as a pyarrow Table, typed by the columns' SQL types (as
        to_pandas: final rows, or every change with ``changelog=True``). Needs pyarrow."""
        import pyarrow as pa
        names, rows = self._result(changelog)
        types = ([pa.string()] if changelog else []) + [_arrow_type(pa, c.type)
                                                        for c in self.columns]
        fields = [pa.field(n, t) for n, t in zip(names, types)]
        arrays = [pa.array([r[i] for r in rows], type=t) for i, t in enumerate(types)]
        return pa.Table.from_arrays(arrays, schema=pa.schema(fields))

    def cancel(self) -> None:
        """Stops the query at the next batch boundary; safe from any thread."""
        self._raw.cancel()

    @property
    def cancelled(self) -> bool:
        return self._raw.cancelled()

    def checkpoint(self) -> None:
        """Takes a checkpoint at the next batch boundary (an engine with ``checkpoint=``)."""
        self._raw.checkpoint()

    def stats(self) -> QueryStats:
        return QueryStats(**self._raw.stats())

    def explain(self) -> str:
        """The physical plan, as EXPLAIN prints it, with each keyed operator's keys, state bytes
        and timers once the query has run."""
        return self._raw.explain()


def _arrow_type(pa, sql: str):
    simple = {"BOOLEAN": pa.bool_(), "INT": pa.int32(), "BIGINT": pa.int64(),
              "DOUBLE": pa.float64(), "STRING": pa.string(), "TIMESTAMP(3)": pa.timestamp("ms"),
              "DATE": pa.date32(), "INTERVAL": pa.duration("ms"), "INTERVAL MONTH": pa.int64(),
              "NULL": pa.null()}
    if sql in simple:
        return simple[sql]
    if sql.startswith("TIME("):
        return pa.time32("ms")
    if sql.startswith("DECIMAL("):
        precision, scale = (int(x) for x in sql[8:-1].split(","))
        return pa.decimal128(precision, scale)
    return pa.string()


class Engine:
    """An eddy engine: a catalog of streams and views, settings, registered functions, and the
    queries it runs. Made by eddy.connect()."""

    def __init__(self, settings: Mapping[str, Any] | None = None, *,
                 clock: ManualClock | None = None, batch_size: int | None = None,
                 checkpoint: str | None = None):
        settings = {str(k): str(v) for k, v in (settings or {}).items()}
        self.clock = clock
        self._raw = _eddy._Engine(settings, batch_size, clock, checkpoint)

    def execute(self, sql: str) -> "str | list[Row] | Query":
        """Executes a script's statements in order, stopping at the first error (raised as an
        eddy.Error with line, column and snippet); queries before the last run to their end.
        Returns what the last statement gave: its message (DDL), its table as a list of Rows
        (SHOW, DESCRIBE, EXPLAIN, SET), or a Query (SELECT, INSERT INTO)."""
        kind, payload = self._raw.execute(sql)
        if kind == "query":
            return Query(payload)
        if kind == "table":
            columns, rows = payload
            cls = row_type([name for name, _, _ in columns])
            return [cls(row) for row in rows]
        return payload

    def query(self, sql: str) -> Query:
        """Starts the query of `sql` (a script whose last statement is a SELECT or INSERT INTO)."""
        result = self.execute(sql)
        if not isinstance(result, Query):
            raise TypeError(f"not a query: {sql.strip()[:60]!r} (use execute() for statements)")
        return result

    def input(self, stream: str) -> Input:
        """The input of a stream declared ``WITH ('connector' = 'embedded')``."""
        return Input(self._raw.input(stream))

    def set(self, key: str, value: Any) -> None:
        """``SET 'key' = 'value'``; an unknown key or a bad value raises eddy.Error."""
        self._raw.set(key, str(value))

    def setting(self, key: str) -> str:
        return self._raw.setting(key)

    def functions(self) -> list[tuple[str, str, str]]:
        """Every function this engine's queries can call: (name, kind, usage)."""
        return self._raw.functions()

    def register_process_function(self, name: str, function: Callable[[], Any],
                                  output: Sequence[tuple] | Mapping[str, Any],
                                  arguments: Sequence[str | type] = ()) -> None:
        """Registers a process function, called from SQL as
        ``name(TABLE t PARTITION BY k [, TABLE u PARTITION BY k] [, constants])``.

        function: a ProcessFunction or CoProcessFunction subclass (or any callable making an
          instance): one instance per query.
        output: the columns it yields, ``[("cnt", "BIGINT"), ("note", "STRING", True)]`` or
          ``{"cnt": "BIGINT"}`` (a Python type works too: int, float, str, bool, datetime).
        arguments: the SQL types of its constant arguments (``["INTERVAL"]``).
        """
        co = hasattr(function, "process_element1")
        self._raw.register_process_function(
            name, function, _output_spec(output),
            [_eddy._parse_type(_sql_type(a)) for a in arguments], co)

    def _register_reference_function(self, name: str, which: str) -> None:
        """Registers a C++ reference process function ("noop" or "count_with_timeout", the
        embedding example's): for tests and bench/python, which compare Python ones with them."""
        self._raw.register_reference_function(name, which)
