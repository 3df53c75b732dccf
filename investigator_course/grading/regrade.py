"""A regrade request, decided and recorded: `investigator-course regrade`.

A trainee asks for a second look at one graded cell; the instructor decides. Formgrader
can change a score, but it keeps no record of who changed it, when or why, and an
academy must be able to show that when a grade is challenged. This command changes the
score where nbgrader keeps it (the cell's manual score, as formgrader does), adds the
reason to the cell's comment (so the trainee's next feedback page shows it), and appends
a row to `course/grading/<assignment>/regrades.csv`, which `report` copies next to the
grades it exports.
"""

from __future__ import annotations

import csv
import getpass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UserError
from . import records
from .common import add_course_dir_argument, load_config, resolve_assignment_id, resolve_course

COLUMNS = ["when_utc", "by", "trainee", "grade_id", "old_score", "new_score", "max_score",
           "reason"]


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 01a_financial_red_flags (or 01a)")
    parser.add_argument("trainee", help="the trainee's id in the gradebook")
    parser.add_argument("grade_id", help="the graded cell, e.g. fr1_indicator_map")
    parser.add_argument("points", type=float, help="the new score of that cell")
    parser.add_argument("--reason", required=True,
                        help="why (kept in regrades.csv and shown on the trainee's feedback)")
    parser.add_argument("--by", default=None,
                        help="who decided (default: the login name of this computer)")
    add_course_dir_argument(parser)


def log_path(course: Path, assignment: str) -> Path:
    return records.grading_dir(course, assignment) / "regrades.csv"


def run(args) -> int:
    from nbgrader.api import Gradebook, MissingEntry

    course = resolve_course(args.course_dir)
    assignment = resolve_assignment_id(args.assignment, course)
    if not args.reason.strip():
        raise UserError("--reason must say why the score changes.")
    config = load_config(course)
    with Gradebook(config.db_url, config.course_id) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, args.trainee)
        except MissingEntry:
            raise UserError(f"{args.trainee} has no graded submission of {assignment}.") from None
        grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
        comments = {c.name: c for nb in submission.notebooks for c in nb.comments}
        grade = grades.get(args.grade_id)
        if grade is None:
            raise UserError(f"{assignment} has no graded cell '{args.grade_id}'; its cells: "
                            f"{', '.join(sorted(grades))}.")
        top = float(grade.max_score)
        if not 0 <= args.points <= top:
            raise UserError(f"{args.grade_id} is worth 0 to {top:g} points, not {args.points:g}.")
        old = float(grade.score or 0)
        grade.manual_score, grade.needs_manual_grade = args.points, False
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        note = f"Regraded on {when[:10]}: {old:g} -> {args.points:g} of {top:g}. {args.reason}"
        comment = comments.get(args.grade_id)
        if comment is not None:
            earlier = (comment.manual_comment or "").strip()
            comment.manual_comment = f"{earlier}\n\n{note}".strip()
        gradebook.db.commit()
    who = args.by or getpass.getuser()
    path = log_path(course, assignment)
    is_new = not path.exists()
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if is_new:
            writer.writerow(COLUMNS)
        writer.writerow([when, who, args.trainee, args.grade_id, f"{old:g}", f"{args.points:g}",
                         f"{top:g}", args.reason.strip()])
    print(f"{args.trainee}, {args.grade_id}: {old:g} -> {args.points:g} of {top:g}; recorded "
          f"in {path} (run `feedback` again to give the trainee the new page).", flush=True)
    return 0
