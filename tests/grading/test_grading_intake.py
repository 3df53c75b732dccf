"""Submissions from the exchange, an LMS zip or a folder; roster, due date and late penalty."""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta

import nbformat
import pytest
from nbgrader.api import Gradebook

from investigator_course.grading import intake
from investigator_course.nbgrader_integration.runner import run_nbgrader, tool_env
from tests.support.course import run_cli_here
from tests.support.grading import (
    TINY,
    TINY_NOTEBOOK,
    cell_scores,
    correct_notebook,
    load_report,
    release,
)

pytestmark = pytest.mark.slow


def lms_download(course, members: dict[str, str]):
    """An LMS "download all submissions" zip: each file name holds a correct or blank notebook."""
    contents = {"good": nbformat.writes(correct_notebook(course)),
                "blank": nbformat.writes(release(course, TINY, TINY_NOTEBOOK))}
    archive = course.parent / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, kind in members.items():
            bundle.writestr(name, contents[kind])
    return archive


@pytest.mark.parametrize("lms_name,members,expected", [
    ("canvas", {"doejane_12345_67890_tiny.ipynb": "good",
                "smithbob_LATE_22222_33333_tiny-1.ipynb": "blank"},
     {"doejane": None, "smithbob": None}),
    ("blackboard", {"Tiny_jdoe_attempt_2026-03-02-16-59-00_tiny.ipynb": "good",
                    "Tiny_bsmith_attempt_2026-03-04-09-00-00_tiny.ipynb": "blank"},
     {"jdoe": "2026-03-02 16:59:00", "bsmith": "2026-03-04 09:00:00"}),
])
def test_lms_zip_is_collected_with_nbgrader(tiny_course, lms_name, members, expected):
    course = tiny_course(f"lms-{lms_name}")
    archive = lms_download(course, members)
    result, how = intake.import_zip(archive, course, TINY, [TINY_NOTEBOOK])
    # guessed from the names, done by zip_collect
    assert result is None and how.startswith(f"unpacked with nbgrader zip_collect ({lms_name}")
    for student, stamp in expected.items():
        folder = course / "submitted" / student / TINY
        assert (folder / TINY_NOTEBOOK).is_file(), sorted(course.glob("submitted/*/*/*"))
        if stamp:
            assert (folder / "timestamp.txt").read_text().startswith(stamp)


def test_canvas_reupload_late_marker_and_a_hand_placed_time(tiny_course):
    """A re-upload does not stop the class, LATE_ counts as late, and a time the instructor
    put in timestamp.txt survives the next download."""
    course = tiny_course("canvas-cycle")
    good = nbformat.writes(correct_notebook(course))
    blank = nbformat.writes(release(course, TINY, TINY_NOTEBOOK))
    due = (datetime.now(UTC) - timedelta(hours=36)).replace(microsecond=0)
    intake.set_due_date(course, TINY, due.strftime("%Y-%m-%d %H:%M:%S UTC"))
    archive = course.parent / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("doejane_12345_67890_tiny.ipynb", blank)       # first upload
        bundle.writestr("doejane_12345_67890_tiny-1.ipynb", good)      # re-upload: graded
        bundle.writestr("smithbob_LATE_22222_33333_tiny.ipynb", good)
        bundle.writestr("leeann_33333_44444_tiny.ipynb", good)
    _, text = intake.import_zip(archive, course, TINY, [TINY_NOTEBOOK])
    submitted = course / "submitted"
    assert (submitted / "doejane" / TINY / TINY_NOTEBOOK).read_text() == good
    assert (course / "downloaded" / TINY / "superseded" / "doejane_12345_67890_tiny.ipynb"
            ).read_text() == blank
    assert "doejane: 1 earlier upload(s)" in text and "smithbob" in text
    late_stamp = (submitted / "smithbob" / TINY / "timestamp.txt").read_text()
    assert late_stamp.startswith((due + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S"))
    assert not (submitted / "doejane" / TINY / "timestamp.txt").exists()
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_student("doejane").lms_user_id == "12345"  # for report --lms

    hand_placed = submitted / "leeann" / TINY / "timestamp.txt"
    hand_placed.write_text("2026-01-05 09:00:00 UTC")
    _, text = intake.import_zip(archive, course, TINY, [TINY_NOTEBOOK])
    assert hand_placed.read_text() == "2026-01-05 09:00:00 UTC"
    assert "timestamp.txt for: leeann" in text


def test_exchange_roster_due_date_and_late_penalty(tiny_course):
    """`grade --collect --roster --due --late-penalty`: the JupyterHub route in one command."""
    course = tiny_course("exchange")
    exchange = course.parent / "exchange"
    exchange.mkdir(mode=0o777)
    with (course / "nbgrader_config.py").open("a") as handle:
        handle.write(f"\nc.Exchange.root = {str(exchange)!r}\n"
                     "c.ExchangeCollect.check_owner = False\n")
    run_nbgrader(["release_assignment", TINY], course)
    home = course.parent / "alice"
    home.mkdir()
    common = [f"--Exchange.root={exchange}", "--CourseDirectory.course_id=investigator-data-course"]
    for step in ("fetch_assignment", "submit"):
        options = list(common)
        if step == "submit":  # as trainee alice (nbgrader would take the login name)
            nbformat.write(correct_notebook(course), home / TINY / TINY_NOTEBOOK)
            options.append("--CourseDirectory.student_id=alice")
        done = subprocess.run([sys.executable, "-m", "nbgrader", step, TINY, *options],
                              cwd=home, env=tool_env(), capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    roster = course.parent / "roster.csv"
    with roster.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "first_name", "last_name", "email"])
        writer.writerows([["alice", "Alice", "Ames", "alice@example.org"],
                          ["carol", "Carol", "Cruz", "carol@example.org"]])
    due = (datetime.now(UTC) - timedelta(hours=36)).strftime("%Y-%m-%d %H:%M:%S UTC")
    result = run_cli_here("grade", TINY, "--course-dir", str(course), "--collect", "--jobs", "1",
                     "--roster", str(roster), "--due", due, "--late-penalty", "10%/day")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 trainee(s) imported" in result.stdout
    assert "late: alice (-0.8)" in result.stdout and "no submission: carol" in result.stdout
    assert (course / "submitted" / "alice" / TINY / "timestamp.txt").is_file()
    assert cell_scores(course)["alice"]["ex3_shout_tests"][0] == 1.0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_student("carol").last_name == "Cruz"
        alice = gradebook.find_submission(TINY, "alice")
        assert 86400 < alice.total_seconds_late < 2 * 86400
        # 4 autograded points, two started days late at 10 % a day
        assert alice.late_submission_penalty == pytest.approx(0.8)
        assert alice.score == pytest.approx(4.0)  # nbgrader keeps the raw score
    report = load_report(course, TINY)
    assert report["alice"]["score"] == pytest.approx(3.2)
    assert report["alice"]["late_penalty"] == pytest.approx(0.8)
    assert any(i["kind"] == "late" for i in report["alice"]["issues"])
    assert "10%/day" in (course / "grading" / TINY / "settings.json").read_text()

    # the written answer graded by hand afterwards: the penalty follows the new score
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission(TINY, "alice").notebooks[0]
        written_answer = next(g for g in notebook.grades if g.name == "ex4_explain")
        written_answer.manual_score, written_answer.needs_manual_grade = 1.0, False
        gradebook.db.commit()
        written = gradebook.find_submission(TINY, "alice").score
    result = run_cli_here("report", TINY, "--course-dir", str(course), "--out",
                          str(course.parent / "report"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "late penalty (10%/day) recomputed on today's scores for alice" in result.stdout
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission(TINY, "alice").late_submission_penalty == \
            pytest.approx(0.2 * written)

    # an extension for alice: kept in nbgrader's gradebook, alice regraded, no penalty
    result = run_cli_here("grade", TINY, "--course-dir", str(course), "--jobs", "1",
                          "--extension", "alice=+48h")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "extension: alice is due" in result.stdout and "1 to grade" in result.stdout
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        alice = gradebook.find_submission(TINY, "alice")
        assert alice.extension == timedelta(hours=48)
        assert alice.total_seconds_late == 0 and not alice.late_submission_penalty
    assert load_report(course, TINY)["alice"]["late_penalty"] == 0
    early = run_cli_here("grade", TINY, "--course-dir", str(course), "--extension",
                         "alice=2020-01-01 00:00:00 UTC")
    assert early.returncode != 0 and "not later than the due date" in early.stderr


@pytest.mark.parametrize("lms_name,members,expected", [
    # Canvas matches the user id and the attachment id of the graded upload: the
    # download's name is kept, the latest re-upload's, LATE_ and all
    ("canvas", {"doejane_12345_67890_tiny.ipynb": "blank",
                "doejane_12345_67891_tiny-1.ipynb": "good",
                "smithbob_LATE_22222_33333_tiny.ipynb": "good"},
     {"doejane": "doejane_12345_67891_tiny-1.html",
      "smithbob": "smithbob_LATE_22222_33333_tiny.html"}),
    # Moodle matches "<full name>_<participant id>_assignsubmission_file_", from a flat
    # download or one in folders
    ("moodle", {"Jane Doe_4521_assignsubmission_file_tiny.ipynb": "good",
                "Bob Smith_4522_assignsubmission_file/tiny.ipynb": "good"},
     {"janedoe": "Jane Doe_4521_assignsubmission_file_tiny.html",
      "bobsmith": "Bob Smith_4522_assignsubmission_file_tiny.html"}),
])
def test_feedback_zip_the_lms_can_take_back(tiny_course, lms_name, members, expected):
    """One feedback page per trainee, named as the LMS's bulk feedback upload matches it
    (from the names in its own download), and no data files."""
    from investigator_course.errors import UserError
    from investigator_course.grading import lms_feedback

    course = tiny_course(f"feedback-zip-{lms_name}")
    archive = lms_download(course, members)
    intake.import_zip(archive, course, TINY, [TINY_NOTEBOOK])
    pages = []
    for trainee in [*expected, "fromfolder"]:  # fromfolder: not in the LMS download
        folder = course / "feedback" / trainee / TINY
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "rows.csv").write_text("name,count\n")
        page = folder / "tiny.html"
        page.write_text(f"<html>feedback for {trainee}</html>")
        pages.append(page)
    out = course / "reports" / f"{TINY}_feedback_{lms_name}.zip"
    made = lms_feedback.write_zip(course, TINY, lms_name, pages, out)
    with zipfile.ZipFile(out) as bundle:
        names = sorted(bundle.namelist())
        assert names == sorted(expected.values())
        for trainee, name in expected.items():
            assert bundle.read(name).decode() == f"<html>feedback for {trainee}</html>"
    assert made.unnamed == ["fromfolder"] and "fromfolder" in made.summary(lms_name)
    other = "moodle" if lms_name == "canvas" else "canvas"
    with pytest.raises(UserError, match=f"no {other} download"):
        lms_feedback.write_zip(course, TINY, other, pages, out)
    with pytest.raises(UserError, match="no bulk upload of feedback files"):
        lms_feedback.write_zip(course, TINY, "blackboard", pages, out)
