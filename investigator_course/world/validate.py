"""Check a generated CSV against its schema: header, cell types, empties, row order."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .schemas import Table

PATTERNS = {
    "id": r"[A-Z]{1,4}-[0-9A-HJKMNP-TV-Z]{8}",
    "integer": r"-?\d+",
    "money": r"-?\d+\.\d{2}",
    "boolean": r"true|false",
    "date": r"\d{4}-\d{2}-\d{2}",
    "datetime_local": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}",
    "datetime_utc": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z",
    "offset": r"[+-]\d{2}:00",
    "string": r"[^\n]*",
    "text": r".*",
}


def _pattern(column) -> re.Pattern:
    if column.type == "decimal":
        return re.compile(rf"-?\d+\.\d{{{column.places}}}")
    return re.compile(PATTERNS[column.type], re.S)


def _key(value: str, kind: str):
    return int(value) if kind == "integer" and value else value


def check_table(path: Path, table: Table, max_errors: int = 20) -> list[str]:
    raw = path.read_bytes()
    errors = []
    if b"\r" in raw.replace(b'\r"', b"") and b"\r\n" in raw:
        errors.append(f"{path.name}: CRLF line endings")
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != table.header:
        return [f"{path.name}: header {rows[0] if rows else []} != {table.header}"]
    patterns = [_pattern(c) for c in table.columns]
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(table.columns):
            errors.append(f"{path.name}:{n}: {len(row)} cells, expected {len(table.columns)}")
            continue
        for cell, column, pattern in zip(row, table.columns, patterns, strict=True):
            if cell == "":
                if not column.nullable:
                    errors.append(f"{path.name}:{n}: {column.name} is empty")
            elif not pattern.fullmatch(cell):
                errors.append(f"{path.name}:{n}: {column.name}={cell!r} is not {column.type}")
        if len(errors) >= max_errors:
            return errors
    idx = [table.index(c) for c in table.sort_by]
    kinds = [table.columns[i].type for i in idx]
    keys = [tuple(_key(r[i], k) for i, k in zip(idx, kinds, strict=True)) for r in rows[1:]]
    if keys != sorted(keys):
        errors.append(f"{path.name}: rows not sorted by {', '.join(table.sort_by)}")
    return errors
