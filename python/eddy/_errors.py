"""eddy's errors as exceptions: every failure of a statement or a query raises an eddy.Error."""

from __future__ import annotations

import traceback


class Error(Exception):
    """An eddy error: `kind` says which stage failed; errors about the statement text carry
    `line` and `column` (1-based) and `snippet` (the source line with a caret); str() renders
    all of it, as the shell prints it."""

    kind = "runtime"

    def __init__(self, message: str, line: int = 0, column: int = 0, snippet: str = "",
                 text: str | None = None):
        super().__init__(text if text is not None else message)
        self.message = message
        self.line = line
        self.column = column
        self.snippet = snippet


class ParseError(Error):
    """A syntax error in a statement."""
    kind = "syntax"


class BindError(Error):
    """An unknown name, a wrong type: the statement parsed but does not make sense."""
    kind = "bind"


class PlanError(Error):
    """A statement eddy understands but cannot run (e.g. no time attribute for a window)."""
    kind = "plan"


class ExecutionError(Error):
    """A running query failed (including a process function that raised)."""
    kind = "runtime"


class DataError(Error):
    """Bad input data: a malformed record, a row a stream's columns do not take."""
    kind = "data"


class IoError(Error):
    """A file could not be read or written."""
    kind = "io"


class CancelledError(Error):
    """The query was cancelled."""
    kind = "cancelled"


# In the order of eddy::Error::Kind.
_BY_KIND = [ParseError, BindError, PlanError, ExecutionError, DataError, IoError, CancelledError]


def make_error(kind: int, message: str, line: int, column: int, snippet: str, text: str) -> Error:
    """The exception for an eddy::Error (called by the extension module)."""
    cls = _BY_KIND[kind] if 0 <= kind < len(_BY_KIND) else Error
    return cls(message, line, column, snippet, text)


def describe_exception(exc: BaseException) -> str:
    """'ValueError: bad (at f.py:12 in process_element)': a Python exception raised by a process
    function, for the query's error message."""
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {last.filename}:{last.lineno} in {last.name})"
    return text
