"""The course directory, its nbgrader settings and assignment names, for grade/feedback/report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from ..errors import UserError
from ..paths import course_dir

DEFAULT_IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]


@dataclass(frozen=True)
class CourseConfig:
    course: Path
    db_url: str
    course_id: str
    ignore: list[str]
    timeout: int | None


def add_course_dir_argument(parser) -> None:
    parser.add_argument("--course-dir", metavar="DIR",
                        help="the nbgrader course folder (default: course/ in this repository)")


def resolve_course(option: str | None) -> Path:
    course = Path(option).expanduser().resolve() if option else course_dir().resolve()
    if not (course / "nbgrader_config.py").is_file():
        raise UserError(f"{course} is not an nbgrader course folder (no nbgrader_config.py).")
    return course


def load_config(course: Path) -> CourseConfig:
    """The settings of course/nbgrader_config.py that grading needs to know."""
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    except Exception as problem:  # a syntax error in the instructor's config file
        raise UserError(f"cannot read {course / 'nbgrader_config.py'}: {problem}") from None
    course_dir_cfg = config.get("CourseDirectory", {})
    db_url = course_dir_cfg.get("db_url") or f"sqlite:///{course / 'gradebook.db'}"
    timeout = config.get("Execute", {}).get("timeout", 30)
    return CourseConfig(
        course=course,
        db_url=str(db_url),
        course_id=str(course_dir_cfg.get("course_id") or "default_course"),
        ignore=list(course_dir_cfg.get("ignore") or DEFAULT_IGNORE),
        timeout=int(timeout) if timeout else None,
    )


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
    matches = [a for a in known if name in (a, a.split("_", 1)[0], a.split("_", 1)[-1])]
    if name in known:
        return name
    if len(matches) == 1:
        return matches[0]
    raise UserError(f"unknown assignment '{name}' in {course}; known: "
                    f"{', '.join(known) or 'none yet'}.")


def release_notebooks(course: Path, assignment: str) -> list[str]:
    release = course / "release" / assignment
    names = sorted(p.name for p in release.glob("*.ipynb"))
    if not names:
        raise UserError(f"{assignment} has no release in {release}; run `investigator-course "
                        f"build` (or `nbgrader generate_assignment {assignment}`) first.")
    return names


def objective_lookup(course: Path, assignment: str):
    """grade_id -> objective ID (`or2_filter_tests` -> `OR-2`), from the course map if it knows
    the assignment, else from the grade_id's prefix; None when there is no prefix."""
    from ..course_map import load_course_map

    mapped = None
    for root in (course.parent, None):
        try:
            mapped = load_course_map(root).get(assignment)
            break
        except Exception:  # no course.toml there, or the assignment is not in it
            continue

    def lookup(grade_id: str) -> str | None:
        if mapped is not None:
            found = mapped.objective_for_grade_id(grade_id)
            if found:
                return found
        prefix = grade_id.split("_", 1)[0]
        letters = prefix.rstrip("0123456789")
        digits = prefix[len(letters):]
        return f"{letters.upper()}-{digits}" if letters and digits else None

    return lookup
