"""Lesson sources: plain-text files a reviewer can read, paired with nbgrader's notebooks.

Every lesson is written, reviewed and committed as a `py:percent` text file,
`course/lessons/<assignment>/<notebook>.py`: markdown cells are comment blocks
under `# %% [markdown]`, code cells are code under `# %%`, and nbgrader's cell
metadata (grade_id, points, solution, locked) sits on the cell's header line.
A diff of a changed test reads like a diff of any Python file, and ruff lints
the exercise and test code.

nbgrader reads notebooks, so the build writes each lesson to
`course/source/<assignment>/<notebook>.ipynb` (not committed). The two are a
jupytext *pair*: an instructor who opens the notebook in JupyterLab
(`investigator-course lab --instructor`) and edits it with nbgrader's Create
Assignment toolbar saves both files, because jupytext's contents manager writes
every file of a pair. If only the notebook was changed (edited with the pair
broken, say), the next build carries the change back into the `.py` and says so;
whichever of the two was saved last wins.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..course_map import Reuse, load_course_map
from ..errors import UserError
from ..paths import course_dir

# Modules in course/lessons/ that every assignment's test cells import (copied next to the
# notebooks, so they travel with the release and nbgrader restores them before grading).
SUPPORT_MODULES = ("course_checks.py",)

# jupytext's pairing: the same relative path under course/source/ and course/lessons/.
FORMATS = "source///ipynb,lessons///py:percent"
HEADER = {"formats": FORMATS, "notebook_metadata_filter": "-jupytext.text_representation",
          "cell_metadata_filter": "-lines_to_next_cell"}


def support_files(assignment_id: str, root: Path | None = None) -> list[str]:
    """The files the build writes beside an assignment's notebooks besides the notebooks and
    data: the test cells' support modules and, for a part 2, part 1's reused answers."""
    reuse = _reuse_of(assignment_id, root)
    return [*SUPPORT_MODULES, *([f"{reuse.module}.py"] if reuse else [])]


def lessons_dir(root: Path | None = None) -> Path:
    return course_dir(root) / "lessons"


def lesson_files(assignment_id: str, root: Path | None = None) -> list[Path]:
    return sorted((lessons_dir(root) / assignment_id).glob("*.py"))


def notebook_for(lesson: Path, root: Path | None = None) -> Path:
    return course_dir(root) / "source" / lesson.parent.name / (lesson.stem + ".ipynb")


def _content(nb) -> list[tuple]:
    """What a lesson is made of: each cell's type, text and nbgrader metadata."""
    return [(c.cell_type, c.source.strip(), c.metadata.get("nbgrader", {}),
             c.metadata.get("tags", [])) for c in nb.cells]


def read_lesson(lesson: Path):
    """The lesson as a notebook, with cell ids that depend only on the text (so that every
    build writes the same notebook, and the executed answer keys stay byte-identical)."""
    import jupytext

    nb = jupytext.read(lesson)
    nb.metadata["jupytext"] = dict(HEADER)
    for number, cell in enumerate(nb.cells):
        cell.id = f"{lesson.stem[:3]}-{number:03d}"
        cell.metadata.pop("lines_to_next_cell", None)
    return nb


def write_lesson(nb, lesson: Path) -> None:
    """Write a notebook as a lesson text file (no outputs, a minimal header)."""
    import jupytext

    nb.metadata["jupytext"] = dict(HEADER)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    lesson.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(nb, lesson, fmt="py:percent")


def sync_assignment(assignment_id: str, root: Path | None = None) -> list[str]:
    """Bring every lesson of an assignment and its notebook in line; returns what changed."""
    import jupytext

    changed = []
    for lesson in lesson_files(assignment_id, root):
        notebook = notebook_for(lesson, root)
        text = read_lesson(lesson)
        if notebook.is_file():
            current = jupytext.read(notebook)
            if _content(current) == _content(text):
                _not_newer(notebook, lesson)
                continue
            if notebook.stat().st_mtime > lesson.stat().st_mtime:
                write_lesson(current, lesson)
                changed.append(f"{lesson.relative_to(course_dir(root).parent)} updated from "
                               f"your edits in {notebook.name}")
                continue
        notebook.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(text, notebook, fmt="ipynb")
        _not_newer(notebook, lesson)
        changed.append(f"{notebook.relative_to(course_dir(root).parent)} written from "
                       f"{lesson.name}")
    if lesson_files(assignment_id, root):
        changed += _copy_support(assignment_id, root)
        changed += _write_reused_answers(assignment_id, root)
    return changed


def _not_newer(notebook: Path, lesson: Path) -> None:
    """Give a notebook made from (or equal to) its lesson the lesson's time: jupytext's
    contents manager refuses to open a paired notebook that is newer than its text file
    unless the two match line for line, and ours differ in form (key order, blank lines)."""
    if notebook.stat().st_mtime > lesson.stat().st_mtime:
        lesson_time = lesson.stat().st_mtime
        os.utime(notebook, (lesson_time, lesson_time))


def _copy_support(assignment_id: str, root: Path | None) -> list[str]:
    copied = []
    for name in SUPPORT_MODULES:
        origin = lessons_dir(root) / name
        target = course_dir(root) / "source" / assignment_id / name
        if origin.is_file() and (not target.is_file()
                                 or target.read_bytes() != origin.read_bytes()):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(origin.read_bytes())
            copied.append(f"course/source/{assignment_id}/{name} copied from course/lessons/")
    return copied


REUSED_HEADER = '''"""{what}

Written by `investigator-course build` from {origin}'s answer key: the
answer cells {answers},
with the imports and constants they use. Do not edit it here: change the
lesson in course/lessons/{origin}/ and build again.
"""
'''


def reused_answers_module(reuse: Reuse, root: Path | None = None) -> str:
    """The text of the module that gives a later assignment an earlier one's answers.

    It holds the answer cells named in course.toml (without nbgrader's solution markers)
    and, before them, the imports and UPPER_CASE constants of the earlier notebooks that
    those cells use, so the module runs on its own."""
    import ast

    cells = [cell for lesson in lesson_files(reuse.assignment, root)
             for cell in read_lesson(lesson).cells if cell.cell_type == "code"]
    answers = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source for cell in cells}
    missing = [grade_id for grade_id in reuse.answers if grade_id not in answers]
    if missing:
        raise UserError(f"course.toml: {reuse.assignment} has no answer cell {', '.join(missing)} "
                        f"to put in {reuse.module}.py.")
    bodies = ["\n".join(line for line in answers[grade_id].splitlines()
                        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")).strip()
              for grade_id in reuse.answers]
    used = {node.id for body in bodies for node in ast.walk(ast.parse(body))
            if isinstance(node, ast.Name)}
    preamble = []
    for cell in cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                         for line in cell.source.splitlines())
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in tree.body:
            if _defines_used_name(node, used):
                line = ast.get_source_segment(code, node)
                if line not in preamble:
                    preamble.append(line)
    docstring = REUSED_HEADER.format(
        what=f"{reuse.assignment}'s answers that this assignment builds on.",
        answers=", ".join(reuse.answers), origin=reuse.assignment)
    return docstring + "\n" + "\n".join(preamble) + "\n\n\n" + "\n\n\n".join(bodies) + "\n"


def _defines_used_name(node, used: set[str]) -> bool:
    """An import of a used name, or a used UPPER_CASE name set to a literal value."""
    import ast

    if isinstance(node, ast.Import | ast.ImportFrom):
        return any((alias.asname or alias.name).split(".")[0] in used for alias in node.names)
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id.isupper() and target.id in used:
            try:
                ast.literal_eval(node.value)
            except ValueError:
                return False
            return True
    return False


def _reuse_of(assignment_id: str, root: Path | None) -> Reuse | None:
    return next((a.reuses for a in load_course_map(root).assignments
                 if a.id == assignment_id), None)


def _write_reused_answers(assignment_id: str, root: Path | None) -> list[str]:
    reuse = _reuse_of(assignment_id, root)
    if reuse is None:
        return []
    target = course_dir(root) / "source" / assignment_id / f"{reuse.module}.py"
    text = reused_answers_module(reuse, root)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return []
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return [f"course/source/{assignment_id}/{target.name} written from "
            f"{reuse.assignment}'s answer key"]
