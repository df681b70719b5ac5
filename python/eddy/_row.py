"""Result rows: tuples of the columns' values that also answer to column names and carry their
changelog kind."""

from __future__ import annotations

from typing import Any, Sequence


class Row(tuple):
    """One row of a result or of a process function's input: a tuple of the columns' values.

    ``row[0]``, ``row["uid"]`` and ``row.uid`` (names case-insensitive, as in SQL) all work;
    ``row.kind`` is the change it is in an updating result: ``"+I"`` (insert), ``"-U"`` (the
    old row of an update), ``"+U"`` (the new row), ``"-D"`` (delete). A Row equals the plain tuple
    of its values.
    """

    kind = "+I"
    _fields: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, type(self)._index[key.lower()])
            except KeyError:
                raise KeyError(f"no column {key!r} (columns: {', '.join(self._fields)})") from None
        return tuple.__getitem__(self, key)

    def __getattr__(self, name: str) -> Any:
        index = type(self)._index.get(name.lower())
        if index is None:
            raise AttributeError(f"no column {name!r} (columns: {', '.join(self._fields)})")
        return tuple.__getitem__(self, index)

    @property
    def fields(self) -> tuple[str, ...]:
        return self._fields

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        kind = "" if self.kind == "+I" else f"{self.kind} "
        return f"{kind}Row({values})"

    def __reduce__(self):
        return (_make_row, (self._fields, tuple(self), self.kind))


def row_type(names: Sequence[str]) -> type[Row]:
    """The Row class for columns `names` (one per query result or process function input)."""
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name.lower(), i)  # the first of two equal names wins, as in SQL
    return type("Row", (Row,), {"_fields": tuple(names), "_index": index, "__slots__": ()})


def _make_row(names, values, kind):
    row = row_type(names)(values)
    if kind != "+I":
        row.kind = kind
    return row
