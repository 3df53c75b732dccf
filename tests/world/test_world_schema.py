"""Every generated file, ground truth included, has the columns and types written down in
world/schemas.py, and the datasets' datasheets document them; rows are made by column
name."""

from __future__ import annotations

import pandas as pd
import pytest
from world_helpers import committed

from investigator_course.world.schemas import SCHEMAS, TRUTH_SCHEMAS
from investigator_course.world.schemas import table as schema_table
from investigator_course.world.validate import check_table

TABLES = [(name, t) for name, tables in SCHEMAS.items() for t in tables]
TRUTH_TABLES = [(name, t) for name, tables in TRUTH_SCHEMAS.items() for t in tables]


@pytest.mark.parametrize(("dataset", "table"), TABLES, ids=[f"{d}/{t.file}" for d, t in TABLES])
def test_file_matches_schema(dataset, table):
    path = committed()[0] / dataset / table.file
    assert path.is_file(), f"datasets/{dataset}/{table.file} is missing"
    errors = check_table(path, table)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize(("dataset", "table"), TRUTH_TABLES,
                         ids=[f"{d}/{t.file}" for d, t in TRUTH_TABLES])
def test_ground_truth_file_matches_schema(dataset, table):
    path = committed()[1] / table.file
    assert path.is_file(), f"course/ground_truth/{table.file} is missing"
    errors = check_table(path, table)
    assert not errors, "\n".join(errors)


def test_ground_truth_folder_holds_exactly_the_schema_files():
    present = {p.name for p in committed()[1].iterdir() if p.is_file()}
    expected = {t.file for _, t in TRUTH_TABLES} | {"world.json", "README.md", "MANIFEST.sha256"}
    assert present == expected


def test_rows_are_made_by_column_name():
    transactions = schema_table("bank", "transactions.csv")
    required = {c.name: i for i, c in enumerate(transactions.columns) if not c.nullable}
    row = transactions.row(**{name: f"v{i}" for name, i in required.items()})
    assert len(row) == len(transactions.header)
    assert [row[i] for i in required.values()] == [f"v{i}" for i in required.values()]
    assert row[transactions.index("memo")] is None, "a nullable column left out is None"
    with pytest.raises(TypeError, match="unexpected keyword argument 'amout'"):
        transactions.row(**required, amout=1)
    missing = dict(required)
    del missing["amount"]
    with pytest.raises(TypeError, match="amount"):
        transactions.row(**missing)


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_folder_holds_exactly_the_schema_files_and_a_datasheet(dataset):
    folder = committed()[0] / dataset
    present = {p.name for p in folder.iterdir() if p.is_file()}
    expected = {t.file for t in SCHEMAS[dataset]} | {"DATASHEET.md", "MANIFEST.sha256"}
    assert present == expected


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_datasheet_documents_purpose_seed_schema_and_safety(dataset):
    text = (committed()[0] / dataset / "DATASHEET.md").read_text(encoding="utf-8")
    for heading in ("## Purpose", "## How it was made", "## Files and schema",
                    "## What is planted", "## Known limitations"):
        assert heading in text, f"{dataset} datasheet lacks {heading}"
    assert "Synthetic — no real persons" in text
    assert "--seed 20250101" in text
    for table in SCHEMAS[dataset]:
        for column in table.columns:
            assert f"`{column.name}`" in text, f"{dataset} datasheet lacks {column.name}"


NUMERIC = {"integer", "money", "decimal"}


@pytest.mark.parametrize(("dataset", "table"), TABLES, ids=[f"{d}/{t.file}" for d, t in TABLES])
def test_pandas_reads_the_declared_types(dataset, table):
    """What a trainee's plain `pd.read_csv` gives: numbers as numbers, flags as booleans."""
    frame = pd.read_csv(committed()[0] / dataset / table.file)
    assert list(frame.columns) == table.header
    for column in table.columns:
        series = frame[column.name]
        if series.isna().all():
            continue
        if column.type in NUMERIC:
            assert pd.api.types.is_numeric_dtype(series), f"{column.name} is {series.dtype}"
        if column.type == "boolean":
            assert pd.api.types.is_bool_dtype(series), f"{column.name} is {series.dtype}"


@pytest.mark.parametrize(("dataset", "table"), TABLES, ids=[f"{d}/{t.file}" for d, t in TABLES])
def test_every_column_says_where_an_investigator_gets_it(dataset, table):
    """Each column names its legal process or source, and the datasheet shows it."""
    text = (committed()[0] / dataset / "DATASHEET.md").read_text(encoding="utf-8")
    section = text.split(f"### `{table.file}`", 1)[1].split("\n### ", 1)[0]
    assert "| where an investigator gets it |" in section
    for column in table.columns:
        assert len(column.source) >= 20, f"{dataset}/{table.file}: {column.name} has no source"
        row = next(line for line in section.splitlines()
                   if line.startswith(f"| `{column.name}` |"))
        assert row.rstrip().endswith(f"| {column.source} |"), f"{column.name}: source not shown"
