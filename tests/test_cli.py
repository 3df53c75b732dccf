"""A user's mistake gets one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from investigator_course.course_map import built_assignments, load_course_map
from investigator_course.nbgrader_integration.runner import tool_env
from investigator_course.tooling.lessons import SUPPORT_MODULES
from tests.support.course import ASSIGNMENT_IDS, COURSE, ROOT, run_cli
from tests.support.trainees import (
    fill_answers,
    instructor_answers,
    read_notebook,
    write_notebook,
)


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{result.stderr}"
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def copy_of_course(tmp_path: Path, with_datasets: bool = True) -> Path:
    """A minimal copy of the repository for commands that must not touch the real one."""
    root = tmp_path / "repo"
    (root / "course" / "source").mkdir(parents=True)
    for name in ("course.toml", "nbgrader_config.py"):
        shutil.copy(COURSE / name, root / "course" / name)
    for assignment_id in ASSIGNMENT_IDS[:1]:
        target = root / "course" / "source" / assignment_id
        target.mkdir()
        for notebook in (COURSE / "source" / assignment_id).glob("*.ipynb"):
            shutil.copy(notebook, target)
        shutil.copytree(COURSE / "lessons" / assignment_id,
                        root / "course" / "lessons" / assignment_id)
    for name in SUPPORT_MODULES:
        shutil.copy(COURSE / "lessons" / name, root / "course" / "lessons" / name)
    (root / "solutions").mkdir()
    (root / "datasets").mkdir()
    if with_datasets:
        shutil.copytree(ROOT / "datasets" / "tip_report", root / "datasets" / "tip_report")
    return root


def test_help_lists_every_command():
    result = run_cli("--help")
    for command in ("doctor", "build", "lab", "check", "datasets", "outline"):
        assert command in result.stdout


@pytest.mark.parametrize("command", [["check", "99_nothing"], ["build", "99_nothing"]])
def test_unknown_assignment(command):
    assert_one_line_error(run_cli(*command), "Unknown assignment", "00_orientation")


def test_bad_port():
    assert_one_line_error(run_cli("lab", "--port", "70000"), "--port")


def test_lab_course_dir_needs_instructor(tmp_path):
    assert_one_line_error(run_cli("lab", "--course-dir", str(tmp_path)), "--instructor")


def test_lab_timezone_needs_instructor_and_a_real_zone():
    assert_one_line_error(run_cli("lab", "--timezone", "UTC"), "--instructor")
    assert_one_line_error(run_cli("lab", "--instructor", "--timezone", "Nowhere/Place"),
                          "not a time zone")


def test_instructor_lab_on_a_folder_that_is_not_a_course(tmp_path):
    assert_one_line_error(run_cli("lab", "--instructor", "--course-dir", str(tmp_path)),
                          "not an nbgrader course folder")


def test_check_missing_notebook(tmp_path):
    missing = tmp_path / "nope.ipynb"
    assert_one_line_error(run_cli("check", "00", "--notebook", str(missing)), "does not exist")


def test_check_damaged_notebook(tmp_path):
    damaged = tmp_path / "damaged.ipynb"
    damaged.write_text("{ not a notebook")
    assert_one_line_error(run_cli("check", "00", "--notebook", str(damaged)), "not a readable")


def test_build_without_data(tmp_path):
    root = copy_of_course(tmp_path, with_datasets=False)
    result = run_cli("build", env={"INVESTIGATOR_COURSE_ROOT": str(root)})
    assert_one_line_error(result, "datasets/tip_report", "missing")


def test_build_without_write_permission(tmp_path):
    """A course folder the user cannot write to: one line that says so.

    The command runs as this user, wherever the clone is. Root may write
    anywhere, so as root it runs without the capability to override file
    permissions (and keeps the one to read, so any clone stays readable).
    """
    without_override = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv, which drops root's write override")
        without_override = ["setpriv", "--inh-caps=-dac_override",
                            "--bounding-set=-dac_override"]
    root = copy_of_course(tmp_path)
    for folder in [root, *root.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o555)
    try:
        result = subprocess.run(
            [*without_override, sys.executable, "-m", "investigator_course.cli", "build"],
            capture_output=True, text=True, cwd=tmp_path, timeout=120,
            env=tool_env({"INVESTIGATOR_COURSE_ROOT": str(root), "HOME": str(tmp_path)}),
        )
        assert_one_line_error(result, "cannot write")
    finally:
        for folder in [root, *root.rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o755)


def test_doctor_finds_a_changed_dataset(tmp_path):
    root = copy_of_course(tmp_path)
    csv = next((root / "datasets" / "tip_report").glob("*.csv"))
    csv.write_text(csv.read_text().replace("1", "2", 1))
    result = run_cli("doctor", "--quick", env={"INVESTIGATOR_COURSE_ROOT": str(root)})
    assert result.returncode == 1
    assert f"changed: {csv.name}" in result.stdout
    assert "git checkout -- datasets/tip_report" in result.stdout


@pytest.mark.slow
def test_doctor_passes_on_this_checkout(built_course):
    result = run_cli("doctor")
    assert result.returncode == 0, result.stdout
    assert "nbgrader's JupyterLab extension is enabled" in result.stdout


@pytest.mark.slow
def test_check_reports_in_plain_words(tmp_path, built_course):
    assignment_id = ASSIGNMENT_IDS[0]
    release = next((built_course / "release" / assignment_id).glob("*.ipynb"))
    shutil.copytree(release.parent, tmp_path / assignment_id)
    blank = tmp_path / assignment_id / release.name
    result = run_cli("check", assignment_id, "--notebook", str(blank))
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "not answered yet" in result.stdout
    assert "0 of" in result.stdout
    source = read_notebook(built_course / "source" / assignment_id / release.name)
    write_notebook(fill_answers(read_notebook(blank), instructor_answers(source)), blank)
    result = run_cli("check", assignment_id, "--notebook", str(blank))
    assert result.returncode == 0, result.stdout
    assert "FAIL" not in result.stdout


def test_check_of_a_planned_assignment_says_it_is_not_written():
    planned = [a.id for a in load_course_map(ROOT).assignments
               if a.id not in {b.id for b in built_assignments(ROOT)}]
    if not planned:
        pytest.skip("every assignment of the course map is written")
    assert_one_line_error(run_cli("check", planned[0]), "planned, not written")


def test_check_explains_the_missing_brackets_slip():
    """`a == b & c >= d` is the commonest pandas slip and its TypeError names no cause."""
    import pandas as pd

    from investigator_course.tooling.check import _error_message, _points

    table = pd.DataFrame({"direction": ["credit", "debit"], "amount": [9000.0, 50.0]})
    try:
        table[table["direction"] == "credit" & table["amount"] >= 8000]
    except (TypeError, ValueError) as error:
        output = {"output_type": "error", "ename": type(error).__name__, "evalue": str(error)}
    else:
        pytest.fail("pandas accepted a comparison without brackets")
    message = _error_message({"outputs": [output]})
    assert "(a == b) & (c >= d)" in message, message
    from investigator_course.nbgrader_integration.validate_extension import plain_error

    shown = plain_error(f"Traceback\n----> 3     return t[t['a'] == 1 & t['b'] > 2]\n"
                        f"{output['ename']}: {output['evalue']}")
    assert "(a == b) & (c >= d)" in shown, shown
    assert "brackets" not in _error_message({"outputs": [{"output_type": "error",
                                                          "ename": "KeyError", "evalue": "'x'"}]})
    assert (_points(1), _points(2), _points(0.5)) == ("1 point", "2 points", "0.5 points")


@pytest.mark.slow
def test_a_new_cohort_gets_the_assignment_back_into_the_gradebook(tmp_path):
    """A new gradebook (new cohort, new machine) with the release still there: the build adds
    the assignment again instead of saying "up to date", so grading does not score everyone 0;
    and once trainees have submitted, a changed source never costs the release."""
    from nbgrader.api import Gradebook

    from investigator_course.tooling.build import assignment_in_gradebook

    root = copy_of_course(tmp_path)
    env = {"INVESTIGATOR_COURSE_ROOT": str(root)}
    assignment_id = ASSIGNMENT_IDS[0]
    course = root / "course"
    assert run_cli("build", assignment_id, env=env).returncode == 0
    (course / "gradebook.db").unlink()
    result = run_cli("build", assignment_id, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" not in result.stdout and "does not know this assignment" in result.stdout
    assert assignment_in_gradebook(course, assignment_id)
    assert "up to date" in run_cli("build", assignment_id, env=env).stdout
    release = course / "release" / assignment_id
    assert not (release / ".build-stamp").exists(), "the build's stamp would reach trainees"
    shutil.rmtree(release)
    assert "up to date" not in run_cli("build", assignment_id, env=env).stdout, (
        "a deleted release was not built again")

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        gradebook.add_student("t1")
        gradebook.add_submission(assignment_id, "t1")
    release = course / "release" / assignment_id
    before = {p.relative_to(release): p.read_bytes() for p in release.rglob("*") if p.is_file()}
    lesson = next((course / "lessons" / assignment_id).glob("*.py"))
    locked = json.dumps({"grade": False, "solution": False, "locked": True,
                         "grade_id": "late_note", "schema_version": 3})
    lesson.write_text(lesson.read_text() + f"\n# %% [markdown] nbgrader={locked}\n# A late note.\n")
    result = run_cli("build", assignment_id, env=env)
    assert_one_line_error(result, "has submissions", "release is kept")
    after = {p.relative_to(release): p.read_bytes() for p in release.rglob("*") if p.is_file()}
    assert after == before, "a failed build changed the release trainees have"


@pytest.mark.slow
def test_start_over_through_the_command(tmp_path, built_course):
    workspace = tmp_path / "workspace"
    assignment_id = ASSIGNMENT_IDS[0]
    shutil.copytree(built_course / "release" / assignment_id, workspace / assignment_id)
    notebook = sorted((workspace / assignment_id).glob("*.ipynb"))[0]
    notebook.write_text(notebook.read_text().replace('"cells"', '"cells"', 1) + "\n")
    env = {"INVESTIGATOR_COURSE_WORKSPACE": str(workspace)}
    result = run_cli("start-over", assignment_id, "--notebook", notebook.stem, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "your work so far is in" in result.stdout
    assert notebook.read_bytes() == (built_course / "release" / assignment_id /
                                     notebook.name).read_bytes()
    assert len(list((workspace / assignment_id / "earlier").glob("*.ipynb"))) == 1
    assert_one_line_error(run_cli("start-over", assignment_id, "--notebook", "nope", env=env),
                          "has no notebook 'nope'")


@pytest.mark.slow
def test_check_of_a_copy_without_its_data_says_so(tmp_path, built_course):
    assignment_id = ASSIGNMENT_IDS[0]
    release = sorted((built_course / "release" / assignment_id).glob("*.ipynb"))[0]
    lonely = tmp_path / release.name
    shutil.copy(release, lonely)
    assert_one_line_error(run_cli("check", assignment_id, "--notebook", str(lonely)),
                          "data/ folder beside it")


def test_build_refuses_a_course_folder_copied_on_its_own(tmp_path):
    lone = tmp_path / "cohort-2027"
    lone.mkdir()
    shutil.copyfile(COURSE / "course.toml", lone / "course.toml")
    assert_one_line_error(run_cli("build", "--course-dir", str(lone)),
                          "needs the repository around the course folder")
    assert_one_line_error(run_cli("build", "--course-dir", str(tmp_path)), "no course.toml")


@pytest.mark.slow
def test_build_course_dir_writes_into_that_copy_only(tmp_path):
    """`build --course-dir` of another clone builds there, not in the installed repository."""
    root = copy_of_course(tmp_path)
    assignment_id = ASSIGNMENT_IDS[0]
    stamp = COURSE / ".build-stamps" / assignment_id
    before = stamp.stat().st_mtime_ns if stamp.exists() else None
    result = run_cli("build", assignment_id, "--course-dir", str(root / "course"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert any((root / "course" / "release" / assignment_id).glob("*.ipynb"))
    assert (root / "course" / ".build-stamps" / assignment_id).is_file()
    assert any((root / "solutions" / assignment_id).glob("*.ipynb"))
    after = stamp.stat().st_mtime_ns if stamp.exists() else None
    assert after == before, "the build wrote into the installed repository"
