"""Deterministic CSV writing: our own formatting, sorted rows, UTF-8, '\\n' endings.

Nothing here depends on pandas or on the `csv` module's dialect defaults, so the
same rows always give the same bytes on every platform and library version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .schemas import Column, Table

_QUOTE_TRIGGERS = (",", '"', "\n", "\r")


def money(cents: int) -> str:
    """Integer cents as a fixed two-decimal string (no float rounding involved)."""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def _formatter(column: Column):
    kind = column.type
    if kind == "money":
        return money
    if kind == "integer":
        return lambda v: str(int(v))
    if kind == "decimal":
        places = column.places
        return lambda v: f"{float(v):.{places}f}"
    if kind == "boolean":
        return lambda v: "true" if v else "false"
    return str


def quote(text: str) -> str:
    if any(t in text for t in _QUOTE_TRIGGERS):
        return '"' + text.replace('"', '""') + '"'
    return text


def _sort_key(indexes: Sequence[int]):
    def key(row):
        return tuple("" if row[i] is None else row[i] for i in indexes)
    return key


def render(table: Table, rows: Iterable[tuple]) -> str:
    """The whole CSV text: header plus rows sorted by the table's sort columns."""
    formatters = [_formatter(c) for c in table.columns]
    nullable = [c.nullable for c in table.columns]
    indexes = [table.index(name) for name in table.sort_by]
    ordered = sorted(rows, key=_sort_key(indexes))
    lines = [",".join(table.header)]
    for row in ordered:
        cells = []
        for value, fmt, may_be_empty, column in zip(row, formatters, nullable, table.columns,
                                                     strict=True):
            if value is None:
                if not may_be_empty:
                    raise ValueError(f"{table.file}: {column.name} may not be empty")
                cells.append("")
            else:
                cells.append(quote(fmt(value)))
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def write_table(folder: Path, table: Table, rows: Iterable[tuple]) -> int:
    """Write one CSV; returns its size in bytes."""
    data = render(table, rows).encode("utf-8")
    (folder / table.file).write_bytes(data)
    return len(data)


def write_text(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)
