"""Shared fixtures: the built course, the course map, and the tiny grading course.

The course tests are parametrized over every assignment that has a source
notebook, so a new assignment is covered as soon as its folder exists. Helpers
that test modules import are in tests/support/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from investigator_course.course_map import load_course_map
from tests.support.course import COURSE, ROOT, run_cli
from tests.support.grading import copy_course, grade_robustness_class, make_tiny_course


@pytest.fixture(scope="session")
def course_map():
    return load_course_map(ROOT)


@pytest.fixture(scope="session")
def built_course():
    """Build releases and answer keys once per session (a no-op when up to date)."""
    result = run_cli("build")
    assert result.returncode == 0, f"investigator-course build failed:\n{result.stderr}"
    return COURSE


@pytest.fixture(scope="session")
def tiny_template(tmp_path_factory) -> Path:
    """The tiny grading assignment (tests/support/grading.py), generated once per session."""
    return make_tiny_course(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def tiny_course(tiny_template, tmp_path_factory):
    """Call with a name: a fresh copy of the tiny course for one test to change."""
    def fresh(name: str) -> Path:
        return copy_course(tiny_template, tmp_path_factory.mktemp(name) / "course")
    return fresh


@pytest.fixture(scope="session")
def graded_robustness_class(tiny_course) -> dict:
    """The robustness class (good and every kind of bad submission), graded once."""
    return grade_robustness_class(tiny_course("robust"))


def pytest_terminal_summary(terminalreporter):
    """Print the mutation scores of the autograded tests (see tests/course/test_mutation.py)."""
    reports = sys.modules.get("test_mutation")
    for table in getattr(reports, "MUTATION_REPORTS", []):
        terminalreporter.write_line(table)
