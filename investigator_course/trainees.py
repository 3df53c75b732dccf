"""Synthetic trainees: submissions built from the instructor's source notebook.

The course tests and the grading benchmark need realistic class sets without
real people's work. A submission starts as the trainee release and has some
answer cells filled in: with the instructor's solution (a correct trainee),
with nothing (a blank one), or with a recorded common mistake from
`tests/submissions/<assignment>.toml`.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer_cell(cell) -> bool:
    """An autograded answer: code the trainee writes, checked by test cells."""
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and meta.get("solution") and not meta.get("grade")


def is_test_cell(cell) -> bool:
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def grade_id(cell) -> str:
    return nbgrader_meta(cell)["grade_id"]


def strip_solution_markers(source: str) -> str:
    """The instructor's answer as a trainee would type it: the code, without markers."""
    return "\n".join(
        line for line in source.split("\n") if line.strip() not in SOLUTION_MARKERS
    )


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
    """One entry of a catalogue: a common mistake or an alternative correct answer."""

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
    instead of one per entry keeps the round trip fast as the catalogue grows;
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
