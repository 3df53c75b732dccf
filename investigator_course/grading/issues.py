"""What went wrong with one trainee's submission, in words an instructor can act on.

Every problem found before grading (repairs), while grading (time-outs, the
memory cap, blocked file access) or after (a notebook nbgrader could not
grade) becomes an `Issue`. The grading report lists them per trainee; an issue
with `attention=True` puts the trainee on the "needs attention" list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# kind -> one-line explanation used in README and the report's legend
KINDS = {
    "unreadable": "the notebook file is not valid notebook JSON; not graded",
    "missing_notebook": "no notebook of this assignment in the submission; not graded",
    "renamed_notebook": "the notebook had another name; it was graded under the right one",
    "extra_notebook": "a notebook that is not part of the assignment was ignored",
    "repaired_format": "the notebook's structure was repaired before grading",
    "duplicated_cell": "a graded cell appeared more than once; the first copy was graded",
    "retyped_cell": "a graded cell's type was changed (e.g. code to markdown); restored",
    "deleted_cell": "a graded cell was deleted; nbgrader put tests back, a deleted answer "
                    "counts as unanswered",
    "edited_test": "a test or read-only cell was edited; the original was restored",
    "unknown_cell": "a cell carried grading metadata that is not in this assignment; removed",
    "timeout": "a cell ran past the time limit and was stopped",
    "memory": "a cell hit the per-notebook memory cap",
    "huge_output": "a cell printed more than the output cap; the rest was cut",
    "sandbox_write": "the notebook tried to write outside its folder (blocked)",
    "sandbox_read": "the notebook tried to read the instructor's or other trainees' files "
                    "(blocked)",
    "sandbox_process": "the notebook tried to start a program (blocked)",
    "sandbox_network": "the notebook tried to use the network (blocked)",
    "sandbox_native": "the notebook called C functions that reach files, programs or the "
                      "network through ctypes, which the audit hook cannot stop (on the "
                      "academy hub the grading account's permissions do)",
    "grading_failed": "nbgrader could not grade the notebook; scored 0 and flagged",
    "hung": "grading did not finish in time and was stopped; scored 0 and flagged",
    "late": "submitted after the due date",
    "blank": "no answer differs from the released notebook (the wrong file handed in?)",
}


@dataclass(frozen=True)
class Issue:
    kind: str
    message: str
    attention: bool = True

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Issue:
        return cls(data["kind"], data["message"], bool(data.get("attention", True)))


def summary(issues: list[Issue]) -> str:
    return "; ".join(issue.message for issue in issues)
