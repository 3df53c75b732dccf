"""nbgrader preprocessors that keep secrets out of trainee feedback.

nbgrader builds feedback from the autograded notebook, in which it has put the
hidden tests and mark schemes back (nbgrader issue #917). `HideHiddenTests`
runs inside `nbgrader generate_feedback` (see course/nbgrader_config.py) and
removes those regions, and shortens each failed test's traceback to its last
line, because a traceback quotes the failing line of test code.
"""

from __future__ import annotations

from nbformat import from_dict
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
SCHEME_BEGIN, SCHEME_END = "BEGIN MARK SCHEME", "END MARK SCHEME"
HIDDEN_PLACEHOLDER = "# (more checks ran here; their code is not shown in feedback)"
SCHEME_PLACEHOLDER = "*(The grader's mark scheme is not shown in feedback.)*"


def remove_region(source: str, begin: str, end: str, placeholder: str) -> str:
    """Replace every begin..end block (delimiter lines included) by one placeholder line."""
    kept, inside = [], False
    for line in source.split("\n"):
        if begin in line:
            inside = True
            kept.append(placeholder)
        elif end in line and inside:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def short_error(output: dict) -> dict:
    """An error output reduced to `Name: message`, with no quoted source."""
    shortened = dict(output)
    shortened["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
    return from_dict(shortened)


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests, mark schemes and test tracebacks from feedback."""

    def preprocess_cell(self, cell, resources, index):
        cell.source = remove_region(cell.source, HIDDEN_BEGIN, HIDDEN_END, HIDDEN_PLACEHOLDER)
        cell.source = remove_region(cell.source, SCHEME_BEGIN, SCHEME_END, SCHEME_PLACEHOLDER)
        is_test_cell = utils.is_grade(cell) and not utils.is_solution(cell)
        if cell.cell_type == "code" and is_test_cell:
            cell.outputs = [
                short_error(out) if out.get("output_type") == "error" else out
                for out in cell.get("outputs", [])
            ]
        return cell, resources
