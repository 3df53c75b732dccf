"""Shared fixtures: the repository, the built course, and sandbox course directories.

The course tests are parametrized over every assignment that has a source
notebook, so a new assignment is covered as soon as its folder exists.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from investigator_course.course_map import built_assignments, load_course_map
from investigator_course.nbgrader_runner import run_nbgrader, tool_env

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course"
ASSIGNMENT_IDS = [a.id for a in built_assignments(ROOT)]


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `investigator-course ARGS` the way a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "investigator_course.cli", *args], cwd=cwd, text=True,
        capture_output=True, env=tool_env(env), timeout=timeout,
    )


@pytest.fixture(scope="session")
def course_map():
    return load_course_map(ROOT)


@pytest.fixture(scope="session")
def built_course():
    """Build releases and answer keys once per session (a no-op when up to date)."""
    result = run_cli("build")
    assert result.returncode == 0, f"investigator-course build failed:\n{result.stderr}"
    return COURSE


def make_sandbox_course(base: Path, assignment_id: str) -> Path:
    """A throwaway nbgrader course directory holding one assignment, released."""
    course = base / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(COURSE / "source" / assignment_id, course / "source" / assignment_id)
    run_nbgrader(["generate_assignment", assignment_id], course)
    return course



def pytest_terminal_summary(terminalreporter):
    """Print the mutation scores of the autograded tests (see tests/course/test_mutation.py)."""
    reports = sys.modules.get("test_mutation")
    for table in getattr(reports, "MUTATION_REPORTS", []):
        terminalreporter.write_line(table)
