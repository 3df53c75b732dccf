"""`investigator-course grade-me`: grade your own work the way an instructor would.

A learner training alone has no instructor to run the hidden tests, and Validate
and `check` run only the visible ones. This command grades the learner's workspace
notebooks with every test, through the same grading as `investigator-course grade`
(nbgrader's autograder in the grading sandbox, hidden tests included), writes the
feedback page (what each failed check said, never the hidden tests' code), and adds
the result to the learner's progress record.

The grading happens in a private nbgrader course folder inside the workspace
(`workspace/.investigator-course/self-grading/<assignment>/`), made afresh each time the
assignment is graded (the feedback pages of the others stay), so an
instructor's gradebook on the same machine is never touched and the learner's
notebooks are only read.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
from pathlib import Path

from ..course_map import resolve_assignment
from ..errors import UserError
from ..nbgrader_integration.runner import run_nbgrader
from ..paths import course_dir, repo_root, workspace_dir
from ..tooling.build import ensure_built
from ..tooling.check import workspace_notebooks
from . import feedback, grade
from .progress import record_result, write_progress_page

LEARNER = "me"


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 00_orientation (or just 00)")
    parser.add_argument("--written", action="append", default=[], metavar="GRADE_ID=POINTS",
                        help="your own score for a written answer, from its checklist in "
                             "answer_keys/instructor_notes/ (recorded as self-assessed; "
                             "repeatable)")


def run(args) -> int:
    root = repo_root()
    assignment = resolve_assignment(args.assignment, root)
    notebooks = workspace_notebooks(assignment.id, root)
    ensure_built(root)
    written = _self_scores(args.written, written_cells(course_dir(root) / "source" / assignment.id))
    private = workspace_dir(root) / ".investigator-course" / "self-grading" / assignment.id
    print(f"Grading your {assignment.id} with every test, hidden ones included ...", flush=True)
    prepare_private_course(private, course_dir(root), assignment.id, notebooks)
    _grade_and_feedback(private, assignment.id)
    rows = results(private, assignment.id)
    for row in rows:
        if row["written"] and row["grade_id"] in written:
            row["score"], row["self_assessed"] = written[row["grade_id"]], True
    _print_results(rows, private, assignment.id)
    record_result(workspace_dir(root), assignment.id, rows, notebooks)
    page = write_progress_page(workspace_dir(root), root)
    print(f"Your progress record (all assignments; print it to PDF from the browser): {page}")
    return 0 if all(r["score"] >= r["max"] for r in rows if not r["written"]) else 1


def prepare_private_course(private: Path, course: Path, assignment_id: str,
                           notebooks: list[Path]) -> None:
    """A throwaway nbgrader course: the instructor's settings and source, the learner's work."""
    if private.exists():
        shutil.rmtree(private)
    private.mkdir(parents=True)
    shutil.copy(course / "nbgrader_config.py", private / "nbgrader_config.py")
    shutil.copytree(course / "source" / assignment_id, private / "source" / assignment_id)
    result = run_nbgrader(["generate_assignment", assignment_id, "--force"], private,
                          check=False)
    if result.returncode != 0:
        raise UserError(f"could not prepare the grading of {assignment_id}; run "
                        "`investigator-course doctor` to see what is wrong.")
    submitted = private / "submitted" / LEARNER / assignment_id
    submitted.mkdir(parents=True)
    for notebook in notebooks:
        shutil.copy(notebook, submitted / notebook.name)


def _grade_and_feedback(private: Path, assignment_id: str) -> None:
    """The class-grading commands on a class of one. Their progress lines speak to an
    instructor about a class, so they are kept back unless something goes wrong."""
    for module, extra in ((grade, ["--jobs", "1"]), (feedback, [])):
        parser = argparse.ArgumentParser()
        module.add_arguments(parser)
        args = parser.parse_args([assignment_id, "--course-dir", str(private), *extra])
        said = io.StringIO()
        with contextlib.redirect_stdout(said):
            status = module.run(args)
        if status:
            print(said.getvalue(), end="", flush=True)
            raise UserError("grading stopped (see above); your notebooks in the workspace "
                            "are unchanged.")


def results(private: Path, assignment_id: str) -> list[dict]:
    """One row per graded cell of the learner's submission, in notebook order."""
    import nbformat
    from nbgrader.api import Gradebook, MissingEntry

    from ..nbgrader_integration.config import load_config
    from ..nbgrader_integration.feedback import summary_rows

    config = load_config(private)
    rows = []
    with Gradebook(config.db_url, config.course_id) as gradebook:
        try:
            submission = gradebook.find_submission(assignment_id, LEARNER)
        except MissingEntry:
            raise UserError("your work could not be graded (see the lines above).") from None
        for notebook in submission.notebooks:
            graded = private / "autograded" / LEARNER / assignment_id / f"{notebook.name}.ipynb"
            nb = nbformat.read(graded, as_version=4)
            for grade_row, grade_entry in zip(summary_rows(notebook, nb), notebook.grades,
                                              strict=True):
                written = (grade_entry.cell.cell_type == "markdown"
                           or bool(grade_entry.needs_manual_grade))
                rows.append({**grade_row, "notebook": notebook.name,
                             "score": 0.0 if written else float(grade_entry.score or 0),
                             "max": float(grade_entry.max_score), "written": written,
                             "self_assessed": False})
    return rows


def written_cells(source: Path) -> dict[str, float]:
    """grade_id -> points of each answer a person grades, from the source notebooks."""
    import nbformat

    from ..nbgrader_integration.cells import grade_id, is_written_cell

    found = {}
    for path in sorted(source.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if is_written_cell(cell):
                found[grade_id(cell)] = float(cell.metadata["nbgrader"].get("points", 0))
    return found


def _self_scores(given: list[str], written: dict[str, float]) -> dict[str, float]:
    scores = {}
    for item in given:
        grade_id, _, points = item.partition("=")
        if grade_id not in written:
            known = ", ".join(written) or "none in this assignment"
            raise UserError(f"--written {item}: {grade_id!r} is not a written answer of this "
                            f"assignment (written answers: {known}).")
        try:
            value = float(points)
        except ValueError:
            raise UserError(f"--written {item}: give the points as a number, e.g. "
                            f"{grade_id}=3.") from None
        if not 0 <= value <= written[grade_id]:
            raise UserError(f"--written {item}: {grade_id} is worth 0 to "
                            f"{written[grade_id]:g} points.")
        scores[grade_id] = value
    return scores


def _print_results(rows: list[dict], private: Path, assignment_id: str) -> None:
    for row in rows:
        if row["written"] and row["self_assessed"]:
            mark, text = "SELF", "your own score against the checklist"
        elif row["written"]:
            mark, text = "----", ("written answer: score it against its checklist in "
                                  "answer_keys/instructor_notes/, then run again with "
                                  f"--written {row['grade_id']}=POINTS")
        elif row["score"] >= row["max"]:
            mark, text = "PASS", ""
        else:
            mark, text = "FAIL", row["message"]
        points = f"{row['score']:g}/{row['max']:g}"
        print(f"  {mark}  {row['objective']:<5} {row['grade_id']:<30} {points:>7}  "
              f"{text}".rstrip())
    auto = [r for r in rows if not r["written"]]
    print(f"Autograded, with the hidden tests: {sum(r['score'] for r in auto):g} of "
          f"{sum(r['max'] for r in auto):g} points.")
    for page in sorted((private / "feedback" / LEARNER / assignment_id).glob("*.html")):
        print(f"Feedback page: {page}")
