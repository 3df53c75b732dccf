"""The course map in `course/course.toml`, read into plain objects.

Tests use it to check that every graded cell names an objective of its own
assignment, and `build` uses it to know which datasets an assignment reads.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .paths import course_dir


def objective_of(grade_id: str) -> str | None:
    """The objective a graded cell belongs to, from its grade_id's prefix.

    `or2_filter_tests` -> `OR-2`; None when the grade_id has no such prefix.
    """
    prefix = grade_id.split("_", 1)[0]
    letters = prefix.rstrip("0123456789")
    digits = prefix[len(letters):]
    return f"{letters.upper()}-{digits}" if letters and digits else None


def match_assignment(name: str, known: list[str]) -> str | None:
    """The one assignment id that `name` names: the id itself, or its number or its words
    (`00_orientation`, `00` or `orientation`); None when none or several fit."""
    if name in known:
        return name
    matches = [a for a in known if name in (a, a.split("_", 1)[0], a.split("_", 1)[-1])]
    return matches[0] if len(matches) == 1 else None


@dataclass(frozen=True)
class Reuse:
    """Answers of an earlier assignment that a later one builds on (part 2 needs part 1's
    detectors). The build writes them into a module beside the later assignment's notebooks,
    so they are released with it and no notebook holds a copy of another's answer key."""
    assignment: str
    module: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    hours: float
    datasets: tuple[str, ...]
    objectives: dict[str, str] = field(default_factory=dict)
    reuses: Reuse | None = None
    # Points a written answer needs to meet its objective's standard ("at least 3 of 4 rubric
    # points"); an autograded test cell meets it only with full marks (its tests all pass).
    rubric_minimum: dict[str, float] = field(default_factory=dict)

    def objective_for_grade_id(self, grade_id: str) -> str | None:
        """`fr2_structuring` -> `FR-2` if FR-2 belongs to this assignment."""
        candidate = objective_of(grade_id)
        return candidate if candidate in self.objectives else None


@dataclass(frozen=True)
class CourseMap:
    course_id: str
    title: str
    assignments: tuple[Assignment, ...]

    def get(self, assignment_id: str) -> Assignment:
        for assignment in self.assignments:
            if assignment.id == assignment_id:
                return assignment
        known = ", ".join(a.id for a in self.assignments)
        raise UserError(f"Unknown assignment '{assignment_id}'. Known assignments: {known}.")


def load_course_map(root: Path | None = None) -> CourseMap:
    path = course_dir(root) / "course.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assignments = tuple(
        Assignment(
            id=entry["id"],
            title=entry["title"],
            hours=float(entry["hours"]),
            datasets=tuple(entry.get("datasets", [])),
            objectives=dict(entry.get("objectives", {})),
            reuses=_reuse(entry.get("reuses")),
            rubric_minimum={k: float(v) for k, v in entry.get("rubric_minimum", {}).items()},
        )
        for entry in data["assignment"]
    )
    return CourseMap(data["course"]["id"], data["course"]["title"], assignments)


def _reuse(entry: dict | None) -> Reuse | None:
    if entry is None:
        return None
    return Reuse(entry["assignment"], entry["module"], tuple(entry["answers"]))


def built_assignments(root: Path | None = None) -> list[Assignment]:
    """Assignments of the course map that have lessons: text files in course/lessons/<id>/
    (the reviewed sources) or notebooks in course/source/<id>/ (made from them by the build,
    or an nbgrader course kept as notebooks)."""
    folders = [course_dir(root) / "lessons", course_dir(root) / "source"]
    course = load_course_map(root)
    return [a for a in course.assignments
            if any(any((folder / a.id).glob(pattern))
                   for folder, pattern in zip(folders, ("*.py", "*.ipynb"), strict=True))]


def resolve_assignment(name: str, root: Path | None = None) -> Assignment:
    """Accept `00_orientation`, `00` or `orientation` for convenience."""
    course = load_course_map(root)
    found = match_assignment(name, [a.id for a in course.assignments])
    return course.get(found or name)
