"""Where things live in the repository.

Every command finds the course through these helpers so that the layout is
written down once. The repository root is the folder holding `course/`; it is
found from the installed package (an editable install) or from the current
directory, and `INVESTIGATOR_COURSE_ROOT` overrides both for tests.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UserError


def _looks_like_root(path: Path) -> bool:
    return (path / "course" / "course.toml").is_file()


def repo_root() -> Path:
    override = os.environ.get("INVESTIGATOR_COURSE_ROOT")
    if override:
        root = Path(override).resolve()
        if not _looks_like_root(root):
            raise UserError(f"INVESTIGATOR_COURSE_ROOT={override} has no course/course.toml.")
        return root
    candidates = [Path(__file__).resolve().parent.parent, *Path.cwd().resolve().parents]
    candidates.insert(1, Path.cwd().resolve())
    for candidate in candidates:
        if _looks_like_root(candidate):
            return candidate
    raise UserError(
        "Cannot find the course folder: run this from inside the course repository "
        "(the folder with README.md and course/)."
    )


def course_dir(root: Path | None = None) -> Path:
    """The nbgrader course directory (holds nbgrader_config.py and source/)."""
    return (root or repo_root()) / "course"


def datasets_dir(root: Path | None = None) -> Path:
    return (root or repo_root()) / "datasets"


def solutions_dir(root: Path | None = None) -> Path:
    return (root or repo_root()) / "solutions"


def workspace_dir(root: Path | None = None) -> Path:
    """The learner's own copy of the released assignments (never overwritten)."""
    override = os.environ.get("INVESTIGATOR_COURSE_WORKSPACE")
    if override:
        return Path(override).resolve()
    return (root or repo_root()) / "workspace"


def ground_truth_dir(root: Path | None = None) -> Path:
    """Instructor-only answers about the synthetic world; never released."""
    return course_dir(root) / "ground_truth"
