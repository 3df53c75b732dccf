"""The course folder and its assignment names, for grade/feedback/report."""

from __future__ import annotations

from pathlib import Path

from ..course_map import match_assignment
from ..errors import UserError
from ..nbgrader_integration.config import CourseConfig, load_config, resolve_course

__all__ = ["CourseConfig", "load_config", "add_course_dir_argument", "resolve_course",
           "known_assignments", "resolve_assignment_id", "release_notebooks"]


def add_course_dir_argument(parser) -> None:
    parser.add_argument("--course-dir", metavar="DIR",
                        help="the nbgrader course folder (default: course/ in this repository)")


def known_assignments(course: Path) -> list[str]:
    names = set()
    for step in ("source", "release", "submitted"):
        folder = course / step
        if step == "submitted":
            names |= {p.name for p in folder.glob("*/*") if p.is_dir()}
        elif folder.is_dir():
            names |= {p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))}
    return sorted(names)


def resolve_assignment_id(name: str | None, course: Path, *, required: bool = True) -> str | None:
    """Accept `00_orientation`, `00` or `orientation`, like the other commands."""
    known = known_assignments(course)
    if name is None:
        if required:
            raise UserError("name the assignment, e.g. `00_orientation`; known: "
                            f"{', '.join(known) or 'none yet'}.")
        return None
    found = match_assignment(name, known)
    if found is None:
        raise UserError(f"unknown assignment '{name}' in {course}; known: "
                        f"{', '.join(known) or 'none yet'}.")
    return found


def release_notebooks(course: Path, assignment: str) -> list[str]:
    release = course / "release" / assignment
    names = sorted(p.name for p in release.glob("*.ipynb"))
    if not names:
        raise UserError(f"{assignment} has no release in {release}; run `investigator-course "
                        f"build` (or `nbgrader generate_assignment {assignment}`) first.")
    return names
