"""`grade-me`: a learner alone grades their own workspace with the hidden tests and keeps a
progress record a supervisor can check against the notebooks."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from investigator_course.grading.progress import RECORD, write_progress_page
from tests.support.course import ASSIGNMENT_IDS, COURSE, ROOT, run_cli
from tests.support.trainees import (
    fill_answers,
    instructor_answers,
    read_notebook,
    write_notebook,
)

pytestmark = pytest.mark.slow
ASSIGNMENT = ASSIGNMENT_IDS[0]


@pytest.fixture(scope="module")
def solved_workspace(tmp_path_factory, built_course):
    """A workspace whose first assignment holds the instructor's answers."""
    workspace = tmp_path_factory.mktemp("learner") / "workspace"
    shutil.copytree(COURSE / "release" / ASSIGNMENT, workspace / ASSIGNMENT)
    for notebook in (workspace / ASSIGNMENT).glob("*.ipynb"):
        source = read_notebook(COURSE / "source" / ASSIGNMENT / notebook.name)
        write_notebook(fill_answers(read_notebook(notebook), instructor_answers(source)),
                       notebook)
    return workspace


def grade_me(workspace, *extra):
    return run_cli("grade-me", ASSIGNMENT, *extra,
                   env={"INVESTIGATOR_COURSE_WORKSPACE": str(workspace)})


def test_the_instructors_answers_pass_every_hidden_test_and_are_recorded(solved_workspace):
    written = [f"--written={gid}=2" for gid in ("or4_plot_description",)]
    result = grade_me(solved_workspace, *written)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout and "PASS" in result.stdout
    assert "SELF" in result.stdout, "a self-assessed written answer is marked as such"
    record = json.loads((solved_workspace / RECORD).read_text())
    attempt = record["attempts"][-1]
    assert attempt["assignment"] == ASSIGNMENT
    assert set(attempt["notebooks"]) == {f"{ASSIGNMENT}/{p.name}" for p in
                                         (solved_workspace / ASSIGNMENT).glob("*.ipynb")}
    feedback = solved_workspace / ".investigator-course" / "self-grading" / ASSIGNMENT
    assert any(feedback.glob(f"feedback/me/{ASSIGNMENT}/*.html")), "no feedback page"
    page = (solved_workspace / "progress.html").read_text()
    assert "self-assessed" in page and "matches the notebook" in page
    assert "not judged" in page, "an unscored written answer is not judged"
    met = float(re.search(r"objectives met: ([0-9.]+) hours", page).group(1))
    assert met > 0, "the course hours of the objectives met are counted"
    # a notebook edited after grading no longer matches its record
    notebook = next((solved_workspace / ASSIGNMENT).glob("*.ipynb"))
    notebook.write_text(notebook.read_text().replace("\n", "\n ", 1))
    page = write_progress_page(solved_workspace, ROOT).read_text()
    assert "has changed since it was graded" in page


def test_a_blank_notebook_fails_and_nothing_in_the_workspace_changes(tmp_path, built_course):
    workspace = tmp_path / "workspace"
    shutil.copytree(COURSE / "release" / ASSIGNMENT, workspace / ASSIGNMENT)
    before = {p: p.read_bytes() for p in (workspace / ASSIGNMENT).rglob("*") if p.is_file()}
    result = grade_me(workspace)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Not answered yet" in result.stdout
    assert "def _check" not in result.stdout, "hidden or visible test code shown"
    after = {p: p.read_bytes() for p in (workspace / ASSIGNMENT).rglob("*") if p.is_file()}
    assert after == before


def test_a_wrong_written_score_is_one_line(tmp_path, built_course):
    workspace = tmp_path / "workspace"
    shutil.copytree(COURSE / "release" / ASSIGNMENT, workspace / ASSIGNMENT)
    result = grade_me(workspace, "--written", "or4_plot_description=9")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "worth 0 to 2 points" in result.stderr
