"""Fast checks of the grading pieces that need no kernel: repair, LMS names, late policy,
the sandbox's rules, folder intake and the command line's one-line errors."""

from __future__ import annotations

import copy
import csv
import json
import subprocess
import sys
import zipfile

import nbformat
import pytest

from investigator_course import cli
from investigator_course.errors import UserError
from investigator_course.grading import intake, repair, sandbox
from investigator_course.nbgrader_integration import late, lms
from tests.support.grading import TINY, TINY_NOTEBOOK, tiny_source_notebook


@pytest.fixture
def reference(tmp_path):
    folder = tmp_path / "release"
    folder.mkdir()
    nbformat.write(tiny_source_notebook(), folder / TINY_NOTEBOOK)
    return repair.release_reference(folder)


def stage(tmp_path, reference, files: dict):
    student = tmp_path / "submitted" / "x"
    student.mkdir(parents=True)
    for name, content in files.items():
        target = student / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content)
        else:
            nbformat.write(content, target)
    staged = tmp_path / "staged"
    result = repair.stage_submission(student, staged, reference, [".ipynb_checkpoints"])
    kinds = {issue.kind for issue in result.issues}
    nb = nbformat.read(staged / TINY_NOTEBOOK, 4) if result.gradable else None
    return result, kinds, nb


def ids(nb) -> list[str]:
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells
            if c.metadata.get("nbgrader")]


def answered(nb):
    """The notebook with its first answer cell worked on (the reference is the notebook)."""
    nb = copy.deepcopy(nb)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    cell.source += "\n# checked by hand as well"
    return nb


def test_a_clean_notebook_passes_unchanged(tmp_path, reference):
    submitted = {TINY_NOTEBOOK: answered(tiny_source_notebook())}
    result, kinds, nb = stage(tmp_path, reference, submitted)
    assert kinds == set() and result.gradable
    assert ids(nb) == ids(tiny_source_notebook())


def test_a_notebook_handed_in_as_released_is_flagged_blank(tmp_path, reference):
    result, kinds, _ = stage(tmp_path, reference, {TINY_NOTEBOOK: tiny_source_notebook()})
    assert kinds == {"blank"} and result.gradable
    assert "no answer differs from the released notebook" in result.issues[0].message


def test_duplicated_graded_cells_keep_only_the_first_copy_graded(tmp_path, reference):
    nb = tiny_source_notebook()
    nb.cells.insert(4, copy.deepcopy(nb.cells[3]))
    nb.cells[4]["id"] = "copy-of-answer"
    nb.cells.append(copy.deepcopy(nb.cells[5]))
    nb.cells[-1]["id"] = "copy-of-test"
    _, kinds, staged = stage(tmp_path, reference, {TINY_NOTEBOOK: nb})
    assert "duplicated_cell" in kinds
    assert len(ids(staged)) == len(set(ids(staged)))
    assert len(staged.cells) == len(nb.cells), "the copies stay, as ordinary cells"


def test_retyped_cell_gets_its_type_back_and_metadata_is_reset(tmp_path, reference):
    nb = tiny_source_notebook()
    answer = nb.cells[3]
    nb.cells[3] = nbformat.v4.new_markdown_cell(answer.source, metadata=answer.metadata)
    nb.cells[4].metadata["nbgrader"]["points"] = 99
    _, kinds, staged = stage(tmp_path, reference, {TINY_NOTEBOOK: nb})
    assert "retyped_cell" in kinds
    assert staged.cells[3].cell_type == "code"
    assert staged.cells[4].metadata["nbgrader"]["points"] == 1


def test_unknown_grade_ids_and_empty_metadata_are_removed(tmp_path, reference):
    nb = tiny_source_notebook()
    nb.cells[1].metadata["nbgrader"] = {"grade": True, "grade_id": "from_another_course",
                                        "points": 5, "solution": False, "locked": True}
    nb.cells[2].metadata["nbgrader"] = {}
    _, kinds, staged = stage(tmp_path, reference, {TINY_NOTEBOOK: nb})
    assert "unknown_cell" in kinds
    assert "nbgrader" not in staged.cells[1].metadata and "nbgrader" not in staged.cells[2].metadata


def test_edits_and_deletions_are_reported(tmp_path, reference):
    nb = tiny_source_notebook()
    nb.cells[4].source = "pass"
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")
                != "ex3_shout"]
    result, kinds, staged = stage(tmp_path, reference, {TINY_NOTEBOOK: nb})
    assert {"edited_test", "deleted_cell"} <= kinds
    messages = " ".join(i.message for i in result.issues)
    assert "ex1_double_tests" in messages and "ex3_shout" in messages
    restored = [c for c in staged.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "ex3_shout"]
    assert len(restored) == 1, "the deleted answer cell should be put back once"
    released = reference[TINY_NOTEBOOK]["ex3_shout"].source
    assert restored[0].source == released, "put back as it was released"


@pytest.mark.parametrize("content,expected", [
    ('{"cells": [', "not valid notebook JSON (line 1, column 12)"),
    ("[1, 2]", "not a Jupyter notebook"),
    ("\x00\x01binary", "not valid notebook JSON"),
])
def test_unreadable_files_are_not_graded_and_say_why(tmp_path, reference, content, expected):
    result, kinds, _ = stage(tmp_path, reference, {TINY_NOTEBOOK: content})
    assert kinds == {"unreadable"} and not result.gradable
    assert expected in result.issues[0].message


def test_damaged_structure_is_repaired(tmp_path, reference):
    data = json.loads(nbformat.writes(tiny_source_notebook()))
    del data["cells"][1]["metadata"]
    data["cells"][1]["outputs"] = "not a list"
    result, kinds, nb = stage(tmp_path, reference, {TINY_NOTEBOOK: json.dumps(data)})
    assert "repaired_format" in kinds and result.gradable
    nbformat.validate(nb)


def test_misnamed_and_extra_notebooks(tmp_path, reference):
    scratch = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    result, kinds, nb = stage(tmp_path, reference, {"Copy of tiny (2).ipynb":
                                                    tiny_source_notebook(),
                                                    "scratch.ipynb": scratch})
    assert {"renamed_notebook", "extra_notebook"} <= kinds and result.gradable
    assert "Copy of tiny (2).ipynb" in " ".join(i.message for i in result.issues)


def test_a_folder_without_a_notebook_is_missing(tmp_path, reference):
    result, kinds, _ = stage(tmp_path, reference, {"notes.txt": "no notebook"})
    assert kinds == {"missing_notebook"} and not result.gradable


@pytest.mark.parametrize("lms_name,path,student,file_id,stamp", [
    ("canvas", "doejane_12345_67890_tiny.ipynb", "doejane", "tiny.ipynb", None),
    ("canvas", "doejane_LATE_12345_67890_tiny-1.ipynb", "doejane", "tiny.ipynb", None),
    ("moodle", "Jane Doe_4521_assignsubmission_file_tiny.ipynb", "janedoe", "tiny.ipynb", None),
    ("moodle", "José Ruiz_77_assignsubmission_file/tiny.ipynb", "joseruiz", "tiny.ipynb", None),
    ("blackboard", "Orientation_jdoe_attempt_2026-03-02-16-59-00_tiny.ipynb", "jdoe",
     "tiny.ipynb", "2026-03-02 16:59:00"),
])
def test_lms_file_names(lms_name, path, student, file_id, stamp):
    info = lms.match_lms(lms_name, path)
    assert info["student_id"] == student and info["file_id"] == file_id
    assert info.get("timestamp") == stamp
    assert lms.guess_lms([path]) == lms_name


def test_lms_numeric_ids_and_non_matching_names():
    assert lms.match_lms("canvas", "doejane_12345_67890_tiny.ipynb", "lms_id")["student_id"] \
        == "12345"
    assert lms.match_lms("canvas", "readme.txt") is None
    assert lms.guess_lms(["alice/tiny.ipynb", "bob.ipynb"]) is None


def test_lms_plan_keeps_the_latest_upload_and_the_late_marker():
    """Canvas numbers re-uploads -1, -2: the latest is graded, the others kept; LATE_ noted."""
    names = ["subs/doejane_12345_67890_tiny.ipynb", "subs/doejane_LATE_12345_67891_tiny-2.ipynb",
             "subs/doejane_12345_67890_tiny-1.ipynb", "subs/smithbob_22222_33333_tiny.ipynb",
             "subs/notes.txt"]
    plan = intake.plan_lms_intake(names, "canvas")
    assert sorted(plan.keep) == ["subs/doejane_LATE_12345_67891_tiny-2.ipynb", "subs/notes.txt",
                                 "subs/smithbob_22222_33333_tiny.ipynb"]
    assert sorted(plan.superseded["doejane"]) == ["subs/doejane_12345_67890_tiny-1.ipynb",
                                                  "subs/doejane_12345_67890_tiny.ipynb"]
    assert plan.late == ["doejane"]
    text = plan.report("canvas", "2026-03-02 23:00:01 UTC", ["smithbob"])
    assert "doejane: 2 earlier upload(s)" in text and "2026-03-02 23:00:01" in text
    assert "timestamp.txt for: smithbob" in text
    assert "no due date" in plan.report("canvas", "", [])


def test_two_people_with_one_lms_name_are_refused_by_name():
    names = ["doejane_12345_1_tiny.ipynb", "doejane_67890_2_tiny.ipynb"]
    with pytest.raises(UserError, match="doejane.*12345, 67890"):
        intake.plan_lms_intake(names, "canvas")


@pytest.mark.parametrize("lms_name,header,row", [
    ("canvas", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"],
     ["Doe, Jane", "12345", "", "", ""]),
    ("moodle", ["First name", "Last name", "Email address", "ID number"],
     ["Jane", "Doe", "jane@example.org", "doejane"]),
    ("blackboard", ["Last Name", "First Name", "Username"], ["Doe", "Jane", "doejane"]),
])
def test_lms_grades_file(tmp_path, lms_name, header, row):
    from investigator_course.grading import lms_grades

    grades = lms_grades.LmsGrades(
        [("00_orientation", "00_orientation Orientation", 20.0), ("01a", "01a Part 1", 30.0)],
        [lms_grades.Trainee("doejane", "Jane", "Doe", "jane@example.org", "12345")],
        {"doejane": {"00_orientation": 17.5, "01a": None}})
    path = tmp_path / "grades.csv"
    lms_grades.write(lms_name, grades, path)
    lines = path.read_text().splitlines()
    assert lines[0].split(",") == header + ["00_orientation Orientation", "01a Part 1"]
    assert next(csv.reader(lines[1:])) == row + ["17.5", ""]


def test_late_policies():
    assert late.normalize_policy("10%/day") == "10%/day"
    assert late.normalize_policy("  5 % per day") == "5%/day"
    assert late.normalize_policy("ZERO") == "zero"
    with pytest.raises(UserError, match="10%/day"):
        late.normalize_policy("sometimes")
    plugin = late.PercentPerDayPenalty(percent_per_day=10)
    assert plugin.late_submission_penalty("x", 8.0, 0) is None
    assert plugin.late_submission_penalty("x", 8.0, 3600) == pytest.approx(0.8)
    assert plugin.late_submission_penalty("x", 8.0, 36 * 3600) == pytest.approx(1.6)
    assert plugin.late_submission_penalty("x", 8.0, 30 * 86400) == 8.0
    assert "--PercentPerDayPenalty.percent_per_day=10.0" in late.nbgrader_options("10%/day")


def test_sandbox_rules(tmp_path):
    own = tmp_path / "private" / "alice"
    folder = own / "autograded" / "alice" / "a1"
    other = tmp_path / "private" / "bob"
    course = tmp_path / "course"
    for path in (folder, other, course / "submitted"):
        path.mkdir(parents=True)
    guard = sandbox.Guard(str(own), str(folder), [str(course / "submitted"),
                                                  str(tmp_path / "private")],
                          [str(own / "tmp")], None)
    assert guard.may_write(str(folder / "out.csv")) and guard.may_read(str(folder / "data.csv"))
    assert not guard.may_write(str(own / "escape.txt"))
    assert not guard.may_read(str(other / "x.ipynb"))
    assert not guard.may_read(str(course / "submitted" / "bob" / "a1" / "x.ipynb"))
    assert guard.may_read("/usr/lib/python3/os.py")
    with pytest.raises(PermissionError, match="grading sandbox"):
        guard.check("open", (str(course / "submitted" / "bob.ipynb"), "r", 0))
    with pytest.raises(PermissionError):
        guard.check("open", ("/etc/escape.txt", "w", 0))
    with pytest.raises(PermissionError):
        guard.check("subprocess.Popen", ("ls", ["ls"], None, None))
    with pytest.raises(PermissionError):
        guard.check("socket.connect", (None, ("192.0.2.1", 80)))
    guard.check("socket.connect", (None, ("127.0.0.1", 5555)))
    with pytest.raises(PermissionError):
        guard.check("socket.connect", (None, "/tmp/investigator-zygote-1.sock"))
    guard.check("open", (sys.prefix + "/lib/some_module.py", "r", 0))  # the fast path
    with pytest.raises(PermissionError):  # ... cannot be used to climb out
        guard.check("open", (sys.prefix + "/../" * 40 + str(course / "submitted" / "b.ipynb"),
                             "r", 0))
    assert guard.events == 6


def test_folder_intake_both_layouts(tmp_path):
    course = tmp_path / "course"
    inbox = tmp_path / "inbox"
    (inbox / "bob smith").mkdir(parents=True)
    nbformat.write(tiny_source_notebook(), inbox / "alice.ipynb")
    nbformat.write(tiny_source_notebook(), inbox / "bob smith" / TINY_NOTEBOOK)
    (inbox / "bob smith" / "timestamp.txt").write_text("2026-03-01 10:00:00")
    result = intake.import_folder(inbox, course, TINY, [TINY_NOTEBOOK])
    assert sorted(result.new) == ["alice", "bob_smith"]
    assert result.renamed_ids == {"bob smith": "bob_smith"}
    assert (course / "submitted" / "alice" / TINY / TINY_NOTEBOOK).is_file()
    assert (course / "submitted" / "bob_smith" / TINY / "timestamp.txt").is_file()
    again = intake.import_folder(inbox, course, TINY, [TINY_NOTEBOOK])
    assert sorted(again.unchanged) == ["alice", "bob_smith"] and not again.new


def test_zip_of_folders_skips_one_wrapping_folder(tmp_path):
    archive = tmp_path / "class.zip"
    text = nbformat.writes(tiny_source_notebook())
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("downloads/alice/tiny.ipynb", text)
        bundle.writestr("downloads/bob/tiny.ipynb", text)
    result, how = intake.import_zip(archive, tmp_path / "course", TINY, [TINY_NOTEBOOK])
    assert how == "folders in a zip" and sorted(result.new) == ["alice", "bob"]


def test_roster_without_id_column_is_a_user_error(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAlice,a@example.com\n")
    with pytest.raises(UserError, match="needs an 'id' column"):
        intake.import_roster(roster, tmp_path)


@pytest.mark.parametrize("args,expected", [
    (["grade", "no_such_assignment"], "unknown assignment"),
    (["grade", "00", "--jobs", "0"], "--jobs must be at least 1"),
    (["grade", "00", "--late-penalty", "lots"], "not understood"),
    (["grade", "00"], "has no release"),
    (["grade", "00", "--lms", "canvas"], "--lms goes with --from"),
    (["grade", "00", "--course-dir", "/nonexistent"], "not an nbgrader course folder"),
    (["feedback", "00", "--course-dir", "/nonexistent"], "not an nbgrader course folder"),
    (["feedback", "00"], "no feedback pages"),
    (["feedback", "00", "--lms", "blackboard"], "no bulk upload of feedback files"),
    (["report", "--course-dir", "/nonexistent"], "not an nbgrader course folder"),
])
def test_user_mistakes_are_one_line_errors(args, expected, tmp_path, capsys):
    course = tmp_path / "course"
    (course / "source" / "00_orientation").mkdir(parents=True)
    nbformat.write(tiny_source_notebook(), course / "source" / "00_orientation" / "x.ipynb")
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    if "--course-dir" not in args:
        args = [*args, "--course-dir", str(course)]
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_cli_subcommand_starts_without_importing_nbgrader():
    """`--help` and argument errors stay quick: nbgrader is imported only to run."""
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, investigator_course.cli as c; c.build_parser(); "
         "print('nbgrader' in sys.modules)"], capture_output=True, text=True)
    assert probe.stdout.strip() == "False", probe.stderr


def test_unreadable_timestamp_is_dropped_not_fatal(tmp_path, reference):
    result, kinds, _ = stage(tmp_path, reference, {TINY_NOTEBOOK: tiny_source_notebook(),
                                                   "timestamp.txt": "last tuesday-ish"})
    assert result.gradable and "late" in kinds
    assert not (tmp_path / "staged" / "timestamp.txt").exists()


def test_only_one_grading_run_per_assignment(tmp_path):
    from investigator_course.grading import records

    with records.run_lock(tmp_path):
        with pytest.raises(UserError, match="already grading"):
            with records.run_lock(tmp_path):
                pass
    with records.run_lock(tmp_path):  # released again
        pass


def test_an_objective_is_judged_by_its_own_standard():
    """Full marks on every autograded test cell, and the rubric minimum on a written answer
    (3 of 4, say): a trainee with 3 of 4 on the essay meets the standard, one with a test
    cell short of full marks does not, one whose essay awaits a grader is not yet judged."""
    from investigator_course.grading.report import (
        AssignmentData,
        CellInfo,
        TraineeScores,
        meets_standard,
        objective_rows,
    )

    cells = [CellInfo("fr7_score_tests", "nb", 2.0, "FR-7", False),
             CellInfo("fr7_false_positives", "nb", 4.0, "FR-7", True)]
    def trainee(name, test, essay):
        return TraineeScores(name, "", 0, 6, 0, {"fr7_score_tests": test,
                                                 "fr7_false_positives": essay})

    trainees = [trainee("meets", 2.0, 3.0), trainee("short", 1.0, 4.0),
                trainee("waiting", 2.0, None)]
    data = AssignmentData("01b", cells, trainees, [], {}, {"fr7_false_positives": 3.0})
    assert [meets_standard(data, t, "FR-7") for t in trainees] == [True, False, None]
    row = objective_rows(data)[0]
    assert row["judged"] == 2 and row["share_meeting_standard"] == 50.0
    assert row["standard"] == "fr7_score_tests full marks; fr7_false_positives 3 of 4"
    data.rubric_minimum = {}
    assert meets_standard(data, trainees[0], "FR-7") is False, "no minimum: full marks needed"


def test_feedback_rows_name_the_first_error_and_score_written_answers():
    """A NameError in a test names the earlier cell that stopped first; a written answer
    scored 3 of 4 is not 'not passed', and points to a comment only when there is one."""
    from types import SimpleNamespace as Obj

    from investigator_course.nbgrader_integration import feedback as page

    def error(name, value):
        return {"output_type": "error", "ename": name, "evalue": value, "traceback": []}

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("tx = pd.read_csv('data/missing.csv')"),
                nbformat.v4.new_code_cell("def f(): ...", metadata={"nbgrader": {
                    "grade_id": "ex1_f", "solution": True, "grade": False}}),
                nbformat.v4.new_code_cell("assert f() == 1", metadata={"nbgrader": {
                    "grade_id": "ex1_f_tests", "solution": False, "grade": True,
                    "points": 1}})]
    nb.cells[0].outputs = [error("FileNotFoundError", "data/missing.csv")]
    nb.cells[2].outputs = [error("NameError", "name 'f' is not defined")]
    messages = page.failed_checks(nb)
    assert messages["ex1_f_tests"].startswith("NameError: name 'f' is not defined")
    assert "earlier cell stopped first with FileNotFoundError" in messages["ex1_f_tests"]

    def grade(name, score, manual, cell_type="markdown"):
        return Obj(name=name, score=score, max_score=4, manual_score=manual, auto_score=None,
                   needs_manual_grade=False, cell=Obj(cell_type=cell_type))

    written = [grade("ex4_a", 3, 3), grade("ex4_b", 3, 3)]
    submission = Obj(grades=written, comments=[
        Obj(name="ex4_a", manual_comment="Name the records.", auto_comment=None),
        Obj(name="ex4_b", manual_comment=None, auto_comment=None)])
    rows = {r["grade_id"]: r for r in page.summary_rows(submission, nbformat.v4.new_notebook())}
    assert rows["ex4_a"]["status"] == "3 of 4 points" == rows["ex4_b"]["status"]
    assert rows["ex4_a"]["message"] == "graded by the instructor; see the comment below"
    assert rows["ex4_b"]["message"] == "graded by the instructor"
