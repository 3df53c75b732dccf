"""The feedback filter removes hidden tests and shortens test tracebacks."""

from __future__ import annotations

import nbformat

from investigator_course.feedback_filters import HIDDEN_PLACEHOLDER, HideHiddenTests, remove_region


def test_remove_region_keeps_code_around_the_block():
    source = "visible()\n### BEGIN HIDDEN TESTS\nsecret()\n### END HIDDEN TESTS\nafter()"
    result = remove_region(source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "# hidden")
    assert result == "visible()\n# hidden\nafter()"


def test_test_cell_loses_hidden_code_and_long_traceback():
    cell = nbformat.v4.new_code_cell(
        "assert f(1) == 2, 'f(1) should be 2'\n### BEGIN HIDDEN TESTS\n"
        "assert f(99) == 100, 'large input'\n### END HIDDEN TESTS",
        metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": "x_tests",
                               "points": 1, "locked": True}},
    )
    cell.outputs = [nbformat.v4.new_output(
        "error", ename="AssertionError", evalue="large input",
        traceback=["Traceback ...", "assert f(99) == 100, 'large input'", "AssertionError"])]
    cleaned, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "f(99)" not in cleaned.source and HIDDEN_PLACEHOLDER in cleaned.source
    assert cleaned.outputs[0]["traceback"] == ["AssertionError: large input"]


def test_learner_answer_traceback_is_kept():
    cell = nbformat.v4.new_code_cell(
        "x = 1/0", metadata={"nbgrader": {"grade": False, "solution": True, "grade_id": "x",
                                          "locked": False}})
    cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division",
                                           traceback=["line 1", "x = 1/0"])]
    cleaned, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert cleaned.outputs[0]["traceback"] == ["line 1", "x = 1/0"]
