"""Synthetic trainees: submissions built from the instructor's source notebook.

The course tests and the grading benchmark need realistic class sets without
real people's work, a throwaway course to grade them in (`sandbox_course`),
and the per-cell grades they got (`cell_scores`). A submission starts as the
trainee release and has some answer cells filled in: with the instructor's
solution (a correct trainee), with nothing (a blank one), or with a recorded
common mistake from `tests/submissions/<assignment>.toml`.
"""

from __future__ import annotations

import copy
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import nbformat

from investigator_course.nbgrader_integration.cells import grade_id, is_answer_cell
from investigator_course.nbgrader_integration.regions import SOLUTION, region_markers


def strip_solution_markers(source: str) -> str:
    """The instructor's answer as a trainee would type it: the code, without markers."""
    begin, end = region_markers()[SOLUTION]
    return "\n".join(line for line in source.split("\n") if begin not in line and end not in line)


def instructor_answers(source_nb) -> dict[str, str]:
    return {grade_id(c): strip_solution_markers(c.source) for c in source_nb.cells
            if is_answer_cell(c)}


def fill_answers(release_nb, answers: dict[str, str]):
    """A copy of the release with the given answer cells replaced."""
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        if is_answer_cell(cell) and grade_id(cell) in answers:
            cell.source = answers[grade_id(cell)]
    return nb


@dataclass
class RecordedSubmission:
    """One entry of a catalog: a common mistake or an alternative correct answer."""

    name: str
    kind: str  # "mistake" or "alternative"
    why: str
    answers: dict[str, str]
    fails: list[str] = field(default_factory=list)


def load_catalogue(path: Path) -> list[RecordedSubmission]:
    if not path.is_file():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("submission", [])
    return [
        RecordedSubmission(
            name=e["name"], kind=e["kind"], why=e.get("why", ""),
            answers={k: v.strip("\n") + "\n" for k, v in e.get("answers", {}).items()},
            fails=list(e.get("fails", [])),
        )
        for e in entries
    ]


def read_notebook(path: Path):
    return nbformat.read(path, as_version=4)


def write_notebook(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def pack_independent(entries: list[RecordedSubmission]) -> list[list[RecordedSubmission]]:
    """Group recorded submissions that can share one synthetic trainee.

    Entries that replace different answer cells and fail different test cells
    do not interfere, so one notebook can carry several of them and must lose
    exactly the union of their test cells. Grading a few packed trainees
    instead of one per entry keeps the round trip fast as the catalog grows;
    a mismatch still names every entry of the pack.
    """
    packs: list[list[RecordedSubmission]] = []
    for entry in entries:
        for pack in packs:
            used_answers = {k for e in pack for k in e.answers}
            used_fails = {f for e in pack for f in e.fails}
            same_kind = pack[0].kind == entry.kind
            if same_kind and not used_answers & set(entry.answers) \
                    and not used_fails & set(entry.fails):
                pack.append(entry)
                break
        else:
            packs.append([entry])
    return packs


def sandbox_course(base: Path, assignment_id: str, root: Path | None = None) -> Path:
    """A throwaway nbgrader course in base/course holding one assignment of the real one,
    released (`nbgrader generate_assignment`), with the course's nbgrader config."""
    from investigator_course.nbgrader_integration.runner import run_nbgrader
    from investigator_course.paths import course_dir

    origin = course_dir(root)
    course = base / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(origin / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(origin / "source" / assignment_id, course / "source" / assignment_id)
    run_nbgrader(["generate_assignment", assignment_id], course)
    return course


def submit(course: Path, student: str, assignment_id: str, files: dict[str, object],
           timestamp: str | None = None) -> Path:
    """Put files (notebook objects, text or bytes) in submitted/<student>/<assignment>/."""
    folder = course / "submitted" / student / assignment_id
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        elif isinstance(content, str):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(content)
        else:
            write_notebook(content, folder / name)
    if timestamp:
        (folder / "timestamp.txt").write_text(timestamp)
    return folder


class CellScore(NamedTuple):
    score: float | None
    max_score: float
    needs_manual_grade: bool
    auto_score: float | None
    manual_score: float | None


def cell_scores(course: Path, assignment_id: str, *,
                finished_only: bool = False) -> dict[str, dict[str, CellScore]]:
    """student -> grade_id -> what the course's gradebook holds for that cell.

    grade_ids are unique within an assignment, whatever notebook they are in. With
    finished_only, trainees whose every cell has no automatic score are left out
    (nbgrader alone leaves such rows for a notebook it could not grade).
    """
    from nbgrader.api import Gradebook, MissingEntry

    result = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(assignment_id, student.id)
            except MissingEntry:
                continue
            grades = [g for nb in submission.notebooks for g in nb.grades]
            if finished_only and all(g.auto_score is None for g in grades):
                continue
            result[student.id] = {g.name: CellScore(g.score, g.max_score, g.needs_manual_grade,
                                                    g.auto_score, g.manual_score)
                                  for g in grades}
    return result
