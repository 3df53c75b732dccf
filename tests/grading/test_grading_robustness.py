"""Bad submissions cost only their own trainee's points, are reported, never break the run.

One class of the tiny fixture assignment (good, partial and every kind of bad
submission listed in tests/support/grading.py: robustness_class) is graded once with
`investigator-course grade --jobs 2`; each test checks one promise.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.support.grading import (
    EX1,
    TINY,
    cell_scores,
    load_report,
    sandbox_kernels,
    tree_digest,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(graded_robustness_class):
    return graded_robustness_class


def test_grading_finishes_without_a_traceback(graded):
    result = graded["result"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    total = len(graded["trainees"])
    assert f"graded {total}/{total}" in result.stdout
    assert graded["seconds"] < 150, f"grading the class took {graded['seconds']:.0f} s"


@pytest.mark.parametrize("student", sorted(
    ["correct", "blank", "partial", "wrong_visible", "wrong_hidden", "loop", "memory",
     "huge_output", "bad_json", "not_a_notebook", "no_notebook", "misnamed", "deleted_test",
     "deleted_answer", "deleted_answer_and_test", "duplicated_answer", "duplicated_test",
     "retyped_answer", "retyped_test", "edited_tests", "writes_outside", "writes_course",
     "reads_others", "lists_others", "runs_program", "network", "hangs"]))
def test_each_trainee_loses_exactly_their_own_points(graded, student):
    trainee = graded["trainees"][student]
    scores = cell_scores(graded["course"])[student]
    autograded = {gid: s for gid, s in scores.items() if gid.endswith("_tests")}
    lost = {gid for gid, (score, top, _) in autograded.items() if (score or 0) < top}
    assert lost == trainee.lost, f"{student} lost {sorted(lost)}, expected {sorted(trainee.lost)}"
    pending = [gid for gid, (_, _, manual) in autograded.items() if manual]
    assert not pending, f"{student}: autograded cells left 'needs manual grading': {pending}"


@pytest.mark.parametrize("student", ["correct", "blank", "loop", "bad_json", "hangs",
                                     "duplicated_test", "edited_tests", "reads_others"])
def test_each_problem_is_reported_for_its_trainee(graded, student):
    trainee = graded["trainees"][student]
    row = load_report(graded["course"], TINY)[student]
    kinds = {issue["kind"] for issue in row["issues"]}
    assert trainee.issues <= kinds, f"{student}: report lists {kinds}, expected {trainee.issues}"
    assert row["status"] == ("graded" if trainee.graded else "not graded")
    if not trainee.issues:
        assert not row["needs_attention"] and not row["issues"]


def test_every_problem_kind_is_reported(graded):
    report = load_report(graded["course"], TINY)
    missing = {student: sorted(t.issues - {i["kind"] for i in report[student]["issues"]})
               for student, t in graded["trainees"].items()}
    missing = {s: m for s, m in missing.items() if m}
    assert not missing, f"problems not in the grading report: {missing}"
    assert report["hangs"]["needs_attention"] and report["loop"]["needs_attention"]
    csv_text = (graded["course"] / "grading" / TINY / "grading_report.csv").read_text()
    assert "ran longer than 3 s" in csv_text and "not valid notebook JSON" in csv_text


def test_console_summary_names_the_trainees_needing_attention(graded):
    out = graded["result"].stdout
    for student in ("bad_json", "hangs", "loop", "reads_others", "edited_tests"):
        assert any(line.strip().startswith(student) for line in out.splitlines()), student
    assert not any(line.strip().startswith("correct ") for line in out.splitlines())


def test_gradebook_is_whole_and_everyone_is_in_it(graded):
    course = graded["course"]
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        flagged = {row[0] for row in db.execute(
            "SELECT sa.student_id FROM submitted_notebook sn JOIN submitted_assignment sa "
            "ON sn.assignment_id = sa.id WHERE sn.flagged")}
    db.close()
    assert set(cell_scores(course)) == set(graded["trainees"])
    assert {"bad_json", "hangs", "no_notebook", "reads_others"} <= flagged
    assert "correct" not in flagged


def test_ungradable_trainees_are_zero_and_have_no_stale_autograded_copy(graded):
    course = graded["course"]
    for student, trainee in graded["trainees"].items():
        folder = course / "autograded" / student / TINY
        assert folder.is_dir() == trainee.graded, student


def test_submissions_are_never_modified(graded):
    assert tree_digest(graded["course"] / "submitted") == graded["submitted_before"]


def test_edited_tests_were_restored_by_nbgrader(graded):
    course = graded["course"]
    graded_nb = json.loads((course / "autograded" / "edited_tests" / TINY / "tiny.ipynb")
                           .read_text())
    sources = {c["metadata"].get("nbgrader", {}).get("grade_id"): "".join(c["source"])
               for c in graded_nb["cells"]}
    assert "pass  # nothing to check here" not in sources[EX1]
    assert "double(2) == 4" in sources[EX1]


def test_writes_outside_the_folder_were_blocked(graded):
    course = graded["course"]
    assert not (course / "source" / TINY / "pwned.txt").exists()
    escaped = [p for p in course.parent.rglob("escape.txt")]
    assert not escaped, escaped
    # the hidden test writes a file in the notebook's own folder: that is allowed
    assert (course / "autograded" / "correct" / TINY / "hidden_check.csv").is_file()


def test_other_trainees_work_was_not_shown(graded):
    course = graded["course"]
    snooper = (course / "autograded" / "reads_others" / TINY / "tiny.ipynb").read_text()
    assert "PermissionError" in snooper and "grading sandbox" in snooper
    assert "A second source catches" not in snooper
    lister = (course / "autograded" / "lists_others" / TINY / "tiny.ipynb").read_text()
    assert "wrong_visible" not in lister


def test_no_grading_kernel_is_left_running(graded):
    assert sandbox_kernels(graded["course"]) == []
