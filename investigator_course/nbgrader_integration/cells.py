"""What kind of nbgrader cell a notebook cell is, on nbgrader's own predicates.

nbgrader marks a cell with `grade`, `solution`, `task` and `locked` flags in its
`metadata.nbgrader`; the course speaks of these roles:

=========  ====================================  ===========================
role       nbgrader flags                        what the trainee does
=========  ====================================  ===========================
answer     solution                              writes code, tests check it
test       grade (autograder tests)              nothing: it checks an answer
written    grade and solution                    writes an answer a person grades
task       task                                  a person grades the whole task
locked     locked only (read-only)               nothing
=========  ====================================  ===========================
"""

from __future__ import annotations


def nbgrader_meta(cell) -> dict:
    """The cell's `metadata.nbgrader` (empty when it has none); works on plain dicts too."""
    return cell.get("metadata", {}).get("nbgrader") or {}


def grade_id(cell) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def role(cell) -> str | None:
    """`answer`, `test`, `written`, `task`, `locked`, or None for an ordinary cell."""
    from nbgrader import utils  # here: the command line starts without importing nbgrader

    if "nbgrader" not in cell.metadata:
        return None
    if utils.is_task(cell):
        return "task"
    if utils.is_grade(cell):
        return "written" if utils.is_solution(cell) else "test"
    return "answer" if utils.is_solution(cell) else "locked"


def is_answer_cell(cell) -> bool:
    """An autograded answer: code the trainee writes, checked by test cells."""
    return cell.cell_type == "code" and role(cell) == "answer"


def is_test_cell(cell) -> bool:
    """Autograder tests: code that checks an answer and scores points."""
    return cell.cell_type == "code" and role(cell) == "test"


def is_written_cell(cell) -> bool:
    """Graded by a person: a written answer or a task."""
    return role(cell) in ("written", "task")
