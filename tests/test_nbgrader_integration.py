"""The nbgrader integration: feedback filter, regions, cell roles, and the nbgrader versions.

The feedback filter removes hidden tests and mark schemes with nbgrader's own
preprocessors and shortens test tracebacks; the region markers and the cell
roles come from nbgrader; and the code that has no public nbgrader extension
point (see investigator_course/nbgrader_integration/__init__.py) is checked
against the versions it was written for.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import jsonschema
import nbformat
import nbgrader
import pytest
from nbgrader.preprocessors import ClearHiddenTests
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from traitlets.config import Config

from investigator_course.grading import worker
from investigator_course.nbgrader_integration import NBGRADER_CHECKED, cells, regions
from investigator_course.nbgrader_integration.feedback import HideHiddenTests
from tests.support.course import ROOT
from tests.support.grading import tiny_source_notebook

TEST_META = {"nbgrader": {"grade": True, "solution": False, "grade_id": "x_tests",
                          "points": 1, "locked": True}}


def test_hidden_region_becomes_one_line_and_code_around_it_stays():
    cell = nbformat.v4.new_code_cell(
        "visible()\n### BEGIN HIDDEN TESTS\nsecret()\n### END HIDDEN TESTS\nafter()",
        metadata=TEST_META)
    note = HideHiddenTests().hidden_tests_note
    cleaned, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert cleaned.source == f"visible()\n{note}\nafter()"


def test_test_cell_loses_hidden_code_and_long_traceback():
    cell = nbformat.v4.new_code_cell(
        "assert f(1) == 2, 'f(1) should be 2'\n### BEGIN HIDDEN TESTS\n"
        "assert f(99) == 100, 'large input'\n### END HIDDEN TESTS",
        metadata=TEST_META)
    cell.outputs = [nbformat.v4.new_output(
        "error", ename="AssertionError", evalue="large input",
        traceback=["Traceback ...", "assert f(99) == 100, 'large input'", "AssertionError"])]
    cleaned, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "f(99)" not in cleaned.source and HideHiddenTests().hidden_tests_note in cleaned.source
    assert cleaned.outputs[0]["traceback"] == ["AssertionError: large input"]


def test_learner_answer_traceback_is_kept():
    cell = nbformat.v4.new_code_cell(
        "x = 1/0", metadata={"nbgrader": {"grade": False, "solution": True, "grade_id": "x",
                                          "locked": False}})
    cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division",
                                           traceback=["line 1", "x = 1/0"])]
    cleaned, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert cleaned.outputs[0]["traceback"] == ["line 1", "x = 1/0"]


def test_a_region_without_its_end_shows_nothing_of_the_cell():
    cell = nbformat.v4.new_code_cell("visible()\n### BEGIN HIDDEN TESTS\nsecret()",
                                     metadata=TEST_META)
    cleaned, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert cleaned.source == HideHiddenTests().hidden_tests_note


def test_delimiters_come_from_the_nbgrader_config():
    config = Config()
    config.ClearHiddenTests.begin_test_delimeter = "SECRET CHECKS START"
    config.ClearHiddenTests.end_test_delimeter = "SECRET CHECKS STOP"
    assert regions.region_markers(config)[regions.HIDDEN_TESTS] == (
        "SECRET CHECKS START", "SECRET CHECKS STOP")
    assert regions.region_markers()[regions.HIDDEN_TESTS] == (
        ClearHiddenTests().begin_test_delimeter, ClearHiddenTests().end_test_delimeter)
    cell = nbformat.v4.new_code_cell("ok()\n# SECRET CHECKS START\nhidden()\n# SECRET CHECKS STOP",
                                     metadata=TEST_META)
    cleaned, _ = HideHiddenTests(config=config).preprocess_cell(cell, {}, 0)
    assert "hidden()" not in cleaned.source and "ok()" in cleaned.source


def test_secret_lines_are_the_hidden_and_scheme_lines_only_they_hold():
    found = regions.secret_lines(tiny_source_notebook())
    assert 'assert double(-21) == -42, "double must also work for negative numbers."' in \
        found[regions.HIDDEN_TESTS]
    assert "Full marks for mentioning a second source." in found[regions.MARK_SCHEME]
    assert "return text.upper() + '!'" in found[regions.SOLUTION]
    every = set().union(*found.values())
    assert not any("BEGIN" in line or "END" in line for line in every), "delimiters are not"
    assert regions.hidden_lines(tiny_source_notebook()) == \
        found[regions.HIDDEN_TESTS] | found[regions.MARK_SCHEME]


def test_cell_roles():
    nb = tiny_source_notebook()
    by_id = {cells.grade_id(c): c for c in nb.cells if cells.grade_id(c)}
    assert cells.role(by_id["ex1_double"]) == "answer" and cells.is_answer_cell(by_id["ex1_double"])
    assert cells.role(by_id["ex1_double_tests"]) == "test"
    assert cells.is_test_cell(by_id["ex1_double_tests"])
    assert cells.role(by_id["ex4_explain"]) == "written" and cells.is_written_cell(
        by_id["ex4_explain"])
    assert cells.role(nb.cells[0]) is None and cells.grade_id(nb.cells[0]) is None


def test_nbgrader_is_the_version_the_integration_was_checked_against():
    """Fails on any nbgrader outside NBGRADER_CHECKED (e.g. 0.10), and when pyproject.toml's pin
    and NBGRADER_CHECKED disagree.

    Then re-check what uses no public nbgrader extension point, and move NBGRADER_CHECKED:
    grading/merge.py (one transaction on nbgrader's ORM classes and session: `Gradebook`'s
    own methods commit one row at a time) and nbgrader_integration/repair.py (what
    `OverwriteCells.add_missing_cells` and the timestamp parser fail on). The other
    nbgrader-facing code uses public settings, plugins and `NbGraderAPI`.
    """
    checked = SpecifierSet(NBGRADER_CHECKED)
    assert Version(nbgrader.__version__) in checked, (
        f"nbgrader {nbgrader.__version__} is not in {NBGRADER_CHECKED}: re-check grading/merge.py "
        "and nbgrader_integration/repair.py, then move NBGRADER_CHECKED")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = next(Requirement(line) for line in project["dependencies"]
                  if Requirement(line).name == "nbgrader")
    assert pinned.specifier == checked, "pyproject.toml pins another nbgrader range"


@pytest.mark.parametrize("name", worker.SKIPPED_IMPORTS)
def test_the_import_the_worker_skips_is_still_one_jsonschema_would_load(name):
    """The worker marks rfc3987_syntax absent to start faster (worker.py). Once jsonschema no
    longer imports it, this fails: delete SKIPPED_IMPORTS."""
    formats = Path(jsonschema.__file__).with_name("_format.py").read_text(encoding="utf-8")
    assert f"from {name} import" in formats or f"import {name}" in formats
