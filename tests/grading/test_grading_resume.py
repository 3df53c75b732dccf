"""`grade` is safe to re-run, picks up only what changed, and survives Ctrl-C and hangs."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from nbgrader.api import MissingEntry

from investigator_course.grading import merge
from investigator_course.nbgrader_integration.runner import tool_env
from tests.support.course import run_cli_here
from tests.support.grading import (
    ROOT,
    TINY,
    TINY_NOTEBOOK,
    cell_scores,
    correct_notebook,
    load_report,
    release,
    sandbox_kernels,
)
from tests.support.trainees import fill_answers, submit

pytestmark = pytest.mark.slow
SLOW_SHOUT = "import time\ntime.sleep(0.3)\ndef shout(text):\n    return text.upper() + '!'\n"
STUDENTS = [f"t{i}" for i in range(4)]


def dump(course) -> list[str]:
    with sqlite3.connect(course / "gradebook.db") as db:
        lines = sorted(db.iterdump())
    db.close()
    return lines


@pytest.fixture(scope="module")
def pristine(tiny_course):
    """A course with four submitted trainees, not graded yet (copy it before use)."""
    course = tiny_course("resume")
    good = correct_notebook(course)
    blank = release(course, TINY, TINY_NOTEBOOK)
    for index, student in enumerate(STUDENTS):
        base = good if index % 2 == 0 else fill_answers(blank, {})
        submit(course, student, TINY, {TINY_NOTEBOOK: fill_answers(base, {"ex3_shout":
                                                                            SLOW_SHOUT})})
    return course


def fresh(pristine, tmp_path, name="course"):
    course = tmp_path / name
    shutil.copytree(pristine, course)
    return course


@pytest.fixture(scope="module")
def graded_once(pristine, tmp_path_factory):
    course = tmp_path_factory.mktemp("resume-graded") / "course"
    shutil.copytree(pristine, course)
    result = run_cli_here("grade", TINY, "--course-dir", str(course), "--jobs", "2",
                     "--kernel", "fresh")  # the other tests use the default, warm kernels
    assert result.returncode == 0, result.stdout + result.stderr
    return course


def test_a_rerun_changes_nothing(graded_once):
    before = dump(graded_once)
    result = run_cli_here("grade", TINY, "--course-dir", str(graded_once))
    assert result.returncode == 0, result.stderr
    assert "0 to grade" in result.stdout and "4 unchanged" in result.stdout
    assert "done in" in result.stdout and "0 graded this run" in result.stdout
    assert "scores of the 4 graded: median" in result.stdout
    assert dump(graded_once) == before


def test_only_a_changed_submission_is_regraded(graded_once):
    scores = cell_scores(graded_once)
    assert scores["t0"]["ex3_shout_tests"][0] == 1.0
    submit(graded_once, "t0", TINY, {TINY_NOTEBOOK: release(graded_once, TINY, TINY_NOTEBOOK)})
    result = run_cli_here("grade", TINY, "--course-dir", str(graded_once))
    assert result.returncode == 0, result.stderr
    assert "1 to grade" in result.stdout
    after = cell_scores(graded_once)
    assert after["t0"]["ex3_shout_tests"][0] == 0.0
    assert {s: after[s] for s in STUDENTS[1:]} == {s: scores[s] for s in STUDENTS[1:]}


def test_force_regrades_an_unchanged_submission(graded_once):
    result = run_cli_here("grade", TINY, "--course-dir", str(graded_once), "--force",
                     "--student", "t2")
    assert result.returncode == 0, result.stderr
    assert "1 to grade" in result.stdout


def test_a_regrade_keeps_the_graders_scores_and_comments(graded_once, tmp_path):
    """A written answer graded in formgrader keeps its score and comment when the trainee is
    graded again (a resubmission, --force): nbgrader's autograde keeps them too, and flags the
    cell for review."""
    from nbgrader.api import Gradebook

    from investigator_course.nbgrader_integration.config import load_config

    graded_once = fresh(graded_once, tmp_path)  # the other tests compare with graded_once
    config = load_config(graded_once)
    with Gradebook(config.db_url, config.course_id) as gradebook:
        grade = gradebook.find_grade("ex4_explain", "tiny", TINY, "t2")
        grade.manual_score = 2.0
        comment = gradebook.find_comment("ex4_explain", "tiny", TINY, "t2")
        comment.manual_comment = "Clear and complete."
        gradebook.db.commit()
    result = run_cli_here("grade", TINY, "--course-dir", str(graded_once), "--force",
                          "--student", "t2")
    assert result.returncode == 0, result.stdout + result.stderr
    with Gradebook(config.db_url, config.course_id) as gradebook:
        grade = gradebook.find_grade("ex4_explain", "tiny", TINY, "t2")
        comment = gradebook.find_comment("ex4_explain", "tiny", TINY, "t2")
        assert (grade.manual_score, grade.needs_manual_grade) == (2.0, True)
        assert comment.manual_comment == "Clear and complete."


def test_ctrl_c_keeps_the_gradebook_consistent_and_the_rerun_finishes(pristine, graded_once,
                                                                       tmp_path):
    course = fresh(pristine, tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "investigator_course.cli", "grade", TINY, "--course-dir",
         str(course), "--jobs", "2"], cwd=ROOT, env=tool_env(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = []
    deadline = time.monotonic() + 120
    for line in process.stdout:
        lines.append(line)
        if line.startswith("graded 1/") or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, "".join(lines) + out + err
    assert "Traceback" not in out + err
    assert "run the same command again" in err
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    saved = cell_scores(course)
    assert 1 <= len(saved) < len(STUDENTS), f"saved {sorted(saved)}"
    assert all(score is not None for s in saved.values() for score, _, _ in s.values())
    assert set(load_report(course, TINY)) == set(saved)
    assert {p.parent.name for p in (course / "autograded").glob(f"*/{TINY}")} == set(saved)
    assert sandbox_kernels(course) == []

    result = run_cli_here("grade", TINY, "--course-dir", str(course), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert f"{len(STUDENTS) - len(saved)} to grade" in result.stdout
    expected = cell_scores(graded_once)  # t0 was changed there; compare the others
    final = cell_scores(course)
    assert {s: final[s] for s in STUDENTS[1:]} == {s: expected[s] for s in STUDENTS[1:]}


def test_a_trainee_that_hangs_is_stopped_and_the_rest_graded(pristine, tmp_path):
    course = fresh(pristine, tmp_path)
    hang = ("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
            "while True:\n    time.sleep(0.05)\n")
    submit(course, "t1", TINY, {TINY_NOTEBOOK: fill_answers(correct_notebook(course),
                                                            {"ex1_double": hang})})
    result = run_cli_here("grade", TINY, "--course-dir", str(course), "--jobs", "2",
                     "--trainee-time-limit", "5", "--student", "t[01]")
    assert result.returncode == 0, result.stdout + result.stderr
    report = load_report(course, TINY)
    assert report["t1"]["status"] == "hung" and report["t1"]["score"] == 0
    assert {r["status"] for s, r in report.items() if s != "t1"} == {"graded"}
    assert set(report) == {"t0", "t1"}
    assert sandbox_kernels(course) == []


def test_a_failed_merge_changes_nothing(graded_once, tmp_path):
    """The merge is one transaction: an error half-way leaves the gradebook as it was."""
    shard = tmp_path / "shard.db"
    url = merge.copy_gradebook(graded_once / "gradebook.db", shard)
    with sqlite3.connect(shard) as db:
        db.execute("UPDATE grade SET auto_score = 0")
    db.close()
    before = dump(graded_once)
    with pytest.raises(MissingEntry):
        merge.merge(f"sqlite:///{graded_once / 'gradebook.db'}", TINY, "investigator-data-course",
                    [(url, ["t2", "t3", "nobody"])], {}, set())
    assert dump(graded_once) == before


def test_warm_kernels_do_not_share_state_between_trainees(pristine, tmp_path):
    """One worker, two trainees in a row: the second must not see what the first changed."""
    course = fresh(pristine, tmp_path)
    good = correct_notebook(course)
    plants = "import pandas, numpy\npandas._planted = numpy._planted = True\n" + \
        "def shout(text):\n    return text.upper() + '!'\n"
    finds = ("import pandas, numpy\nLEAK = hasattr(pandas, '_planted') or "
             "hasattr(numpy, '_planted')\ndef shout(text):\n"
             "    return text.upper() + ('?' if LEAK else '!')\n")
    submit(course, "a_plants", TINY, {TINY_NOTEBOOK: fill_answers(good, {"ex3_shout": plants})})
    submit(course, "b_finds", TINY, {TINY_NOTEBOOK: fill_answers(good, {"ex3_shout": finds})})
    result = run_cli_here("grade", TINY, "--course-dir", str(course), "--jobs", "1",
                     "--kernel", "warm", "--student", "a_plants", "--student", "b_finds")
    assert result.returncode == 0, result.stdout + result.stderr
    scores = cell_scores(course)
    assert scores["a_plants"]["ex3_shout_tests"][0] == 1.0
    assert scores["b_finds"]["ex3_shout_tests"][0] == 1.0, "state leaked between trainees"
