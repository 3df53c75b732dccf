"""Feedback pages without hidden tests, and the class report, on the robustness class."""

from __future__ import annotations

import csv
import html
import re
import shutil

import matplotlib.image
import pytest

from investigator_course.grading import feedback
from investigator_course.nbgrader_integration.regions import hidden_lines as package_hidden_lines
from tests.support.course import run_cli_here
from tests.support.grading import (
    EX1,
    HIDDEN_SECRET,
    TINY,
    cell_scores,
    tiny_source_notebook,
)

pytestmark = pytest.mark.slow


def hidden_lines() -> set[str]:
    """Lines of the hidden tests and the mark scheme, found independently of the package."""
    found, inside = set(), False
    for cell in tiny_source_notebook().cells:
        for line in cell.source.split("\n"):
            if "BEGIN HIDDEN TESTS" in line or "BEGIN MARK SCHEME" in line:
                inside = True
            elif "END HIDDEN TESTS" in line or "END MARK SCHEME" in line:
                inside = False
            elif inside and line.strip():
                found.add(line.strip())
    return found


def visible_text(page) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def graded(graded_robustness_class):
    graded = graded_robustness_class
    assert graded["result"].returncode == 0, graded["result"].stderr
    return graded


@pytest.fixture(scope="module")
def pages(graded):
    result = run_cli_here("feedback", TINY, "--course-dir", str(graded["course"]))
    assert result.returncode == 0, result.stdout + result.stderr
    return {p.parts[-3]: p for p in (graded["course"] / "feedback").glob(f"*/{TINY}/*.html")}


def test_every_graded_trainee_gets_a_page(graded, pages):
    expected = {s for s, t in graded["trainees"].items() if t.graded}
    assert set(pages) == expected


def test_no_page_shows_hidden_tests_or_the_mark_scheme(pages):
    secrets = hidden_lines()
    assert HIDDEN_SECRET in secrets and len(secrets) >= 5
    for student, page in pages.items():
        text = visible_text(page)
        shown = sorted(line for line in secrets if line in text)
        assert not shown, f"{student}'s feedback shows {shown}"


def test_page_says_which_exercise_failed_and_why(pages):
    text = " ".join(visible_text(pages["wrong_visible"]).split())
    assert "Your results: 3 of 5 points" in text
    assert re.search(r"EX-1 ex1_double_tests .*? 0 / 1 not passed AssertionError: double\(2\) "
                     r"should give 4: multiply the number by two\.", text), text[:2000]
    hidden = " ".join(visible_text(pages["wrong_hidden"]).split())
    assert "double must also work for negative numbers." in hidden  # the message, not the code
    correct = " ".join(visible_text(pages["correct"]).split())
    assert "waiting for the instructor" in correct and "not passed" not in correct


def test_a_leaking_configuration_is_caught(graded, tmp_path):
    """Without the feedback filter nbgrader shows hidden tests; the command must refuse."""
    course = tmp_path / "course"
    shutil.copytree(graded["course"], course)
    config = course / "nbgrader_config.py"
    config.write_text(config.read_text().replace(
        '"investigator_course.nbgrader_integration.feedback.HideHiddenTests",', ""))
    result = run_cli_here("feedback", TINY, "--course-dir", str(course), "--student", "correct")
    assert result.returncode == 1
    assert "showed hidden tests" in result.stderr and "Traceback" not in result.stderr
    assert not list((course / "feedback" / "correct").glob("*/*.html"))


def test_leak_scan_finds_a_planted_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"<pre>{html.escape(HIDDEN_SECRET)}</pre>")
    assert feedback.leaks(page, package_hidden_lines(tiny_source_notebook())) == [HIDDEN_SECRET]


@pytest.fixture(scope="module")
def report(graded):
    out = graded["course"].parent / "report"
    result = run_cli_here("report", TINY, "--course-dir", str(graded["course"]), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read_csv(path):
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_report_files(report):
    names = {p.name for p in report.iterdir()}
    assert {"index.html", "grades.csv", "needs_help.csv", "tiny_scores.csv",
            "tiny_exercises.csv", "tiny_objectives.csv", "tiny_scores.png",
            "tiny_exercises.png", "tiny_objectives.png"} <= names


def test_report_page_is_accessible(report):
    page = (report / "index.html").read_text()
    assert '<html lang="en">' in page
    assert page.count("<h1>") == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])>", page)]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    images = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', page)
    assert len(images) == 3 and page.count("<img") == 3
    for src, alt in images:
        assert len(alt) > 40 and (report / src).is_file()
        pixels = matplotlib.image.imread(report / src)
        assert pixels.shape[0] > 300 and pixels.shape[1] > 600
    assert page.count("<caption>") >= 3 and 'scope="col"' in page


def test_report_numbers_match_the_gradebook(graded, report):
    scores = cell_scores(graded["course"])
    full = sum(1 for s in scores.values() if s[EX1][0] == s[EX1][1])
    exercises = {row["grade_id"]: row for row in read_csv(report / "tiny_exercises.csv")}
    assert float(exercises[EX1]["share_full_marks"]) == pytest.approx(
        100 * full / len(scores), abs=0.05)
    assert exercises["ex4_explain"]["kind"] == "written"
    assert int(exercises["ex4_explain"]["awaiting_grader"]) >= 1
    objectives = {row["objective"]: row for row in read_csv(report / "tiny_objectives.csv")}
    assert set(objectives) == {"EX-1", "EX-2", "EX-3", "EX-4"}
    judged = [s for s in scores.values() if EX1 in s]
    assert float(objectives["EX-1"]["share_meeting_standard"]) == pytest.approx(
        100 * sum(s[EX1][0] == s[EX1][1] for s in judged) / len(judged), abs=0.05)
    helped = {row["student"]: row["reasons"] for row in read_csv(report / "needs_help.csv")}
    assert {"blank", "bad_json", "hangs", "edited_tests"} <= set(helped)
    assert "grading problem" in helped["bad_json"]
    exported = {row["student_id"]: row for row in read_csv(report / "grades.csv")}
    assert set(exported) == set(graded["trainees"])
    assert float(exported["wrong_visible"]["raw_score"]) == 3.0
    assert float(exported["blank"]["score"]) == 0.0


def test_lms_gradebook_import_leaves_missing_and_unfinished_work_blank(graded, tmp_path):
    """`report --lms canvas`: a row per trainee with the Canvas id, blank (not 0) for no
    submission and for written answers still to grade; the score once they are graded."""
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    shutil.copytree(graded["course"], course)
    url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        gradebook.update_or_create_student("absent", first_name="Ana", last_name="Absent",
                                           lms_user_id="4242")
        gradebook.update_or_create_student("blank", lms_user_id="5151")
        unfinished = next(s for s in gradebook.find_assignment(TINY).submissions
                          if s.needs_manual_grade).student_id
        gradebook.update_or_create_student(unfinished, lms_user_id="6161")

    def canvas_rows(name):
        out = tmp_path / name
        result = run_cli_here("report", TINY, "--course-dir", str(course), "--out", str(out),
                              "--lms", "canvas")
        assert result.returncode == 0, result.stdout + result.stderr
        with (out / "grades_canvas.csv").open(newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
        assert len(rows[0]) == 6 and rows[0][5].startswith(TINY)
        return {row[1]: row[5] for row in rows[1:] if row[1]}, rows, result.stdout

    by_id, rows, text = canvas_rows("before")
    assert ["Absent, Ana", "4242"] in [row[:2] for row in rows]
    assert by_id["4242"] == "" and "no submission: absent" in text  # missing, not 0
    assert by_id["5151"] == "0"  # a blank submission, graded: a real 0
    assert by_id["6161"] == "" and f"not graded yet: {unfinished}" in text
    assert "no Canvas user id for" in text
    helped = read_csv(tmp_path / "before" / "needs_help.csv")
    absent = [r for r in helped if r["student"] == "absent"]
    assert absent and absent[0]["name"] == "Ana Absent" and absent[0]["reasons"] == "no submission"
    with Gradebook(url) as gradebook:
        submission = gradebook.find_submission(TINY, unfinished)
        for grade in submission.notebooks[0].grades:
            if grade.needs_manual_grade:  # as formgrader records a hand score
                grade.manual_score, grade.needs_manual_grade = 1, False
        gradebook.db.commit()
        submission = gradebook.find_submission(TINY, unfinished)
        expected = submission.score - (submission.late_submission_penalty or 0)
    by_id, _, _ = canvas_rows("after")
    assert float(by_id["6161"]) == pytest.approx(expected, abs=0.01)

    # a regrade request: the new score reaches the gradebook, the export and the trainee's
    # comment, and who changed what, when and why is kept beside the grades
    result = run_cli_here("regrade", TINY, unfinished, EX1, "0", "--course-dir", str(course),
                          "--by", "Sgt. Instructor", "--reason", "Hard-coded the test's answer.")
    assert result.returncode == 0, result.stdout + result.stderr
    by_id, _, _ = canvas_rows("regraded")
    assert float(by_id["6161"]) == pytest.approx(expected - 1, abs=0.01)
    log = read_csv(tmp_path / "regraded" / f"{TINY}_regrades.csv")
    assert [(r["by"], r["trainee"], r["grade_id"], r["old_score"], r["new_score"])
            for r in log] == [("Sgt. Instructor", unfinished, EX1, "1", "0")]
    assert log[0]["reason"] == "Hard-coded the test's answer." and log[0]["when_utc"]
    bad = run_cli_here("regrade", TINY, unfinished, EX1, "7", "--course-dir", str(course),
                       "--reason", "x")
    assert bad.returncode != 0 and "worth 0 to 1 points" in bad.stderr
