"""Validate shows a trainee each failed check's plain message, not the check's code."""

from __future__ import annotations

from investigator_course.nbgrader_integration.validate_extension import (
    plain_error,
    plain_results,
    short_source,
)

TRACEBACK_HEAD = (
    "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m\n"
    "\x1b[0;31mAssertionError\x1b[0m                            Traceback (most recent call last)\n"
    "Cell \x1b[0;32mIn[12], line 60\x1b[0m\n"
)


def test_an_assertion_shows_only_its_message():
    raw = (TRACEBACK_HEAD + "\x1b[0;32m---> 12\x1b[0m     \x1b[38;5;28;01massert\x1b[39;00m "
           "\x1b[38;5;28mlen\x1b[39m(tiny) \x1b[38;5;241m==\x1b[39m \x1b[38;5;241m2\x1b[39m, (\n"
           "\x1b[0;31mAssertionError\x1b[0m: On a small test file with 2 rows, load_tip returned 3 "
           "rows. Read the file named by the argument `path`.")
    assert plain_error(raw) == ("AssertionError: On a small test file with 2 rows, load_tip "
                                "returned 3 rows. Read the file named by the argument `path`.")


def test_an_error_in_the_trainees_code_shows_the_line_it_stopped_at():
    raw = ("KeyError                                  Traceback (most recent call last)\n"
           "Cell In[5], line 3\n----> 3 check()\n"
           "Cell In[4], line 4, in near_threshold_deposits(tx)\n"
           "----> 4     return tx[tx[\"amont\"] >= low]\n"
           "KeyError: 'amont'")
    message = plain_error(raw)
    assert message.startswith("KeyError: 'amont'")
    assert message.endswith('----> 4     return tx[tx["amont"] >= low]')


def test_a_missing_name_says_which_cell_to_run():
    raw = "NameError      Traceback\n----> 3 assert x\nNameError: name 'x' is not defined"
    assert "run the answer cell above the test" in plain_error(raw)


def test_results_keep_nbgrader_shape_with_short_entries():
    source = "def _check_or2_load_tip():\n    \"\"\"Check load_tip.\"\"\"\n" + "    x = 1\n" * 40
    results = {"failed": [{"source": source, "error": "<span>...</span>",
                           "raw_error": "NotImplementedError: Not answered yet: " + "word " * 40}]}
    short = plain_results(results)["failed"][0]
    assert set(short) == {"source", "error", "raw_error"}
    assert short["source"].splitlines()[:2] == source.splitlines()[:2]
    assert "40 more lines" in short["source"] or "more lines" in short["source"]
    assert all(len(line) <= 90 for line in short["raw_error"].splitlines())
    assert plain_results({"changed": [{"source": source}]}) == {"changed": [{"source": source}]}
    assert short_source("x = 1") == "x = 1"
