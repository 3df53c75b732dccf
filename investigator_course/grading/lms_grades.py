"""Grades in the gradebook-import format of the academy's LMS.

nbgrader's `export` writes one row per trainee *and assignment*, with nbgrader's ids. The
gradebook imports of Canvas, Moodle and Blackboard take one row per trainee, matched by
the LMS's own id, and one column per assignment. This module writes that file from what
the class report read from the gradebook (`report.collect`), and decides what nbgrader's
export cannot:

* a trainee with no submission is left **blank**, not 0: a blank cell leaves the LMS's
  own record (missing, excused, an extension) alone, while a blank *submission* that was
  graded is a real 0;
* an assignment whose written answers still await a grader is left blank for that
  trainee (the score is not final) and listed;
* the score is the one after the late penalty, as in the class report.

Matching columns, as each LMS documents its import (the export of its own gradebook has
the same ones):

=========== ================================================== =========================
LMS         identity columns written                            matched by
=========== ================================================== =========================
canvas      Student ("Last, First"), ID, SIS User ID,          ID (the Canvas user id:
            SIS Login ID, Section                              the number in its
                                                               download's file names)
moodle      First name, Last name, Email address, ID number     Email address (chosen as
                                                               "Map from" when importing)
blackboard  Last Name, First Name, Username                     Username (the trainee id
                                                               its file names give)
=========== ================================================== =========================

New assignment columns create new items in Canvas and Blackboard (Blackboard as text
columns worth 0 points until edited); Moodle asks which grade item each column fills.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

LMS_COLUMNS = {
    "canvas": ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"],
    "moodle": ["First name", "Last name", "Email address", "ID number"],
    "blackboard": ["Last Name", "First Name", "Username"],
}


@dataclass
class Trainee:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""


@dataclass
class LmsGrades:
    """One row per trainee; scores[trainee][assignment] is a number or None (blank)."""
    assignments: list[tuple[str, str, float]]          # (id, column title, max points)
    trainees: list[Trainee]
    scores: dict[str, dict[str, float | None]] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)     # assignment -> trainees
    incomplete: dict[str, list[str]] = field(default_factory=dict)  # assignment -> trainees


def identity(lms: str, trainee: Trainee) -> list[str]:
    name = ", ".join(filter(None, [trainee.last_name, trainee.first_name])) or trainee.id
    if lms == "canvas":
        return [name, trainee.lms_user_id, "", "", ""]
    if lms == "moodle":
        return [trainee.first_name, trainee.last_name, trainee.email, trainee.id]
    return [trainee.last_name, trainee.first_name, trainee.id]


def unmatched(lms: str, grades: LmsGrades) -> list[str]:
    """Trainees the LMS could not match: no Canvas id, no e-mail for Moodle."""
    key = {"canvas": "lms_user_id", "moodle": "email"}.get(lms)
    return [t.id for t in grades.trainees if key and not getattr(t, key)]


def write(lms: str, grades: LmsGrades, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(LMS_COLUMNS[lms] + [title for _, title, _ in grades.assignments])
        for trainee in grades.trainees:
            row = identity(lms, trainee)
            for assignment, _, _ in grades.assignments:
                value = grades.scores.get(trainee.id, {}).get(assignment)
                row.append("" if value is None else f"{value:g}")
            writer.writerow(row)


def from_assignments(data: list, titles: dict[str, str]) -> LmsGrades:
    """One row per trainee from what the class report read (`report.collect`): every
    trainee the gradebook knows, every assignment in `data` as a column."""
    people = {}
    for item in data:
        people.update(item.people)
    trainees = [Trainee(sid, p.get("first_name", ""), p.get("last_name", ""),
                        p.get("email", ""), p.get("lms_user_id", ""))
                for sid, p in sorted(people.items())]
    grades = LmsGrades([(item.id, titles.get(item.id, item.id), float(item.max_score))
                        for item in data], trainees)
    for item in data:
        submitted = {t.student: t for t in item.trainees}
        for trainee in grades.trainees:
            scores = submitted.get(trainee.id)
            row = grades.scores.setdefault(trainee.id, {})
            if scores is None:
                row[item.id] = None
                grades.missing.setdefault(item.id, []).append(trainee.id)
            elif any(value is None for value in scores.cells.values()):
                row[item.id] = None  # a written answer awaits a grader: not final
                grades.incomplete.setdefault(item.id, []).append(trainee.id)
            else:  # the score after the late penalty, as in the class report
                row[item.id] = round(max(scores.score, 0), 2)
    return grades


def summary(lms: str, grades: LmsGrades, path: Path) -> str:
    lines = [f"{lms} gradebook import: {path} ({len(grades.trainees)} trainee(s), "
             f"{len(grades.assignments)} assignment column(s))"]
    for assignment, trainees in sorted(grades.missing.items()):
        lines.append(f"  {assignment}: left blank, no submission: {', '.join(trainees)}")
    for assignment, trainees in sorted(grades.incomplete.items()):
        lines.append(f"  {assignment}: left blank, written answers not graded yet: "
                     f"{', '.join(trainees)}")
    lost = unmatched(lms, grades)
    if lost:
        what = "Canvas user id" if lms == "canvas" else "e-mail address"
        lines.append(f"  no {what} for {', '.join(lost)}: add it to the roster "
                     f"(`grade ID --roster roster.csv`), or the LMS cannot match them")
    return "\n".join(lines)
