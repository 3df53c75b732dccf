"""Shard gradebooks: copy the course gradebook for each worker, merge results back.

Each worker grades into its own SQLite copy of the gradebook (SQLite does not
take concurrent writers well; nbgrader FAQ). The parent then copies the rows
of every finished trainee into the course gradebook with nbgrader's own ORM
classes, in one session and one commit: either all of a run's results land or
none do, so an interruption or an error never leaves the gradebook half
written. Rows are matched by their natural keys (assignment, trainee,
notebook, cell name), so an existing submission keeps its ids, and its
manual grades and comments unless the worker changed them.

nbgrader has no public way to do this: `Gradebook`'s methods each commit on
their own, so the merge works on nbgrader's ORM classes and session directly,
as written against the nbgrader versions in `nbgrader_integration.NBGRADER_CHECKED`
(tests/test_nbgrader_integration.py fails on any other version).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from nbgrader.api import (
    Comment,
    Grade,
    Gradebook,
    MissingEntry,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
)
from nbgrader.utils import parse_utc

from ..errors import UserError


def sqlite_path(db_url: str) -> Path:
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        raise UserError(f"parallel grading needs the default SQLite gradebook; this course uses "
                        f"{db_url.split(':', 1)[0]}. Use `nbgrader autograde` instead.")
    return Path(db_url[len(prefix):])


def copy_gradebook(source: Path, target: Path) -> str:
    """A consistent copy (SQLite's online backup) of the gradebook; returns its URL."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"


def _cells(notebook) -> dict[str, dict[str, object]]:
    """Cells that carry grades, and cells that carry comments, by name.

    A manually graded answer is two cells with one name (a GradeCell and a
    SolutionCell), so the two kinds are kept apart.
    """
    return {
        "grade": {c.name: c for c in [*notebook.grade_cells, *notebook.task_cells]},
        "comment": {c.name: c for c in [*notebook.solution_cells, *notebook.task_cells]},
    }


class Merger:
    """Stage many trainees' results in one gradebook session; `commit` writes them all."""

    def __init__(self, db_url: str, assignment_id: str, course_id: str = "default_course"):
        self.gradebook = Gradebook(db_url, course_id)
        self.session = self.gradebook.db
        self.assignment_id = assignment_id
        try:
            self.assignment = self.gradebook.find_assignment(assignment_id)
        except MissingEntry:
            self.gradebook.close()
            raise UserError(f"the gradebook has no assignment '{assignment_id}'; run "
                            "`investigator-course build` (or `nbgrader generate_assignment "
                            f"{assignment_id}`) first.") from None
        self.notebooks = {nb.name: nb for nb in self.assignment.notebooks}
        self.cells = {name: _cells(nb) for name, nb in self.notebooks.items()}

    # -- rows -------------------------------------------------------------
    def _add(self, row):
        """New rows join the session explicitly (SQLAlchemy 2 does not cascade backrefs)."""
        self.session.add(row)
        return row

    def _student(self, student_id: str, template: Student | None = None) -> Student:
        student = self.session.get(Student, student_id)
        if student is None:
            student = Student(id=student_id)
            if template is not None:
                for column in ("first_name", "last_name", "email", "lms_user_id"):
                    setattr(student, column, getattr(template, column))
            self.session.add(student)
        return student

    def _submission(self, student: Student) -> SubmittedAssignment:
        found = [s for s in self.assignment.submissions if s.student_id == student.id]
        if found:
            return found[0]
        submission = SubmittedAssignment(assignment=self.assignment, student=student)
        self.session.add(submission)
        return submission

    def _notebook(self, submission: SubmittedAssignment, name: str) -> SubmittedNotebook:
        for notebook in submission.notebooks:
            if notebook.notebook.name == name:
                return notebook
        return self._add(SubmittedNotebook(notebook=self.notebooks[name], assignment=submission))

    def _grade(self, notebook: SubmittedNotebook, cell) -> Grade:
        for grade in notebook.grades:
            if grade.cell_id == cell.id:
                return grade
        return self._add(Grade(cell=cell, notebook=notebook))

    def _comment(self, notebook: SubmittedNotebook, cell) -> Comment:
        for comment in notebook.comments:
            if comment.cell_id == cell.id:
                return comment
        return self._add(Comment(cell=cell, notebook=notebook))

    # -- operations -------------------------------------------------------
    def copy_from(self, shard: Gradebook, student_id: str, flag: bool = False) -> None:
        """Make the course gradebook hold exactly what the shard holds for this trainee."""
        source = shard.find_submission(self.assignment_id, student_id)
        target = self._submission(self._student(student_id, shard.find_student(student_id)))
        target.timestamp, target.extension = source.timestamp, source.extension
        for source_nb in source.notebooks:
            name = source_nb.notebook.name
            target_nb = self._notebook(target, name)
            target_nb.flagged = bool(source_nb.flagged or flag)
            target_nb.late_submission_penalty = source_nb.late_submission_penalty
            cells = self.cells[name]
            for grade in source_nb.grades:
                row = self._grade(target_nb, cells["grade"][grade.cell.name])
                row.auto_score, row.manual_score = grade.auto_score, grade.manual_score
                row.extra_credit = grade.extra_credit
                row.needs_manual_grade = grade.needs_manual_grade
            for comment in source_nb.comments:
                row = self._comment(target_nb, cells["comment"][comment.cell.name])
                row.auto_comment, row.manual_comment = comment.auto_comment, comment.manual_comment

    def record_zero(self, student_id: str, timestamp: datetime | str | None = None) -> None:
        """A submission nbgrader could not grade: every point 0, flagged for the instructor."""
        target = self._submission(self._student(student_id))
        if timestamp is not None:
            try:
                target.timestamp = parse_utc(timestamp)
            except (ValueError, OverflowError, TypeError):
                pass  # an unreadable timestamp.txt is reported by the staging step
        for name, notebook in self.notebooks.items():
            target_nb = self._notebook(target, name)
            target_nb.flagged = True
            target_nb.late_submission_penalty = None
            for cell in [*notebook.grade_cells, *notebook.task_cells]:
                row = self._grade(target_nb, cell)
                row.auto_score, row.manual_score, row.extra_credit = 0.0, None, None
                row.needs_manual_grade = False
            for cell in [*notebook.solution_cells, *notebook.task_cells]:
                self._comment(target_nb, cell)

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def close(self) -> None:
        self.gradebook.close()


def merge(db_url: str, assignment_id: str, course_id: str,
          shards: list[tuple[str, list[str]]], zeros: dict[str, object],
          flagged: set[str]) -> None:
    """All-or-nothing: the trainees graded in each shard, and the ungradable ones as zero."""
    merger = Merger(db_url, assignment_id, course_id)
    try:
        for shard_url, students in shards:
            if not students:
                continue
            shard = Gradebook(shard_url, course_id)
            try:
                for student_id in students:
                    merger.copy_from(shard, student_id, flag=student_id in flagged)
            finally:
                shard.close()
        for student_id, timestamp in zeros.items():
            merger.record_zero(student_id, timestamp)
        merger.commit()
    except BaseException:
        merger.rollback()
        raise
    finally:
        merger.close()
