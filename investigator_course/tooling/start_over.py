"""`investigator-course start-over`: a fresh copy of an assignment's notebook, nothing lost.

A learner who wants to begin a notebook again gets the released copy back; their current
notebook is moved, not deleted, to `<assignment>/earlier/<name>-<date-time>.ipynb` (it can
be opened there to copy an answer back, though its cells cannot find the data from there).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from ..course_map import resolve_assignment
from ..errors import UserError
from ..paths import course_dir, repo_root, workspace_dir
from .check import workspace_notebooks

EARLIER = "earlier"


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 00_orientation (or just 00)")
    parser.add_argument("--notebook", metavar="NAME",
                        help="only this notebook (e.g. 00b_python_for_investigators); "
                             "default: every notebook of the assignment")


def run(args) -> int:
    root = repo_root()
    assignment = resolve_assignment(args.assignment, root)
    release = course_dir(root) / "release" / assignment.id
    notebooks = workspace_notebooks(assignment.id, root)
    if args.notebook:
        wanted = args.notebook.removesuffix(".ipynb")
        notebooks = [p for p in notebooks if p.stem == wanted]
        if not notebooks:
            names = ", ".join(p.stem for p in workspace_notebooks(assignment.id, root))
            raise UserError(f"{assignment.id} has no notebook {wanted!r} (it has: {names}).")
    for notebook in notebooks:
        kept = start_over(notebook, release / notebook.name)
        print(f"{notebook.relative_to(workspace_dir(root))}: a fresh copy; your work so far is "
              f"in {kept.relative_to(workspace_dir(root))}")
    return 0


def start_over(notebook: Path, released: Path) -> Path:
    """Move the learner's notebook to `earlier/` and put the released copy in its place."""
    if not released.is_file():
        raise UserError(f"no released copy of {notebook.name}; run `investigator-course build`.")
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    kept = notebook.parent / EARLIER / f"{notebook.stem}-{stamp}.ipynb"
    kept.parent.mkdir(exist_ok=True)
    shutil.move(notebook, kept)
    shutil.copyfile(released, notebook)
    return kept
