"""nbgrader `GenerateFeedback` preprocessors, and the template that shows their summary.

nbgrader builds feedback from the autograded notebook, in which it has put the
hidden tests and mark schemes back (nbgrader issue #917). course/nbgrader_config.py
adds to `GenerateFeedback.preprocessors`:

* `HideHiddenTests`: nbgrader's own `ClearHiddenTests` and `ClearMarkScheme`
  remove those regions (with the delimiters they are configured with), a
  line says that something was removed, and each failed test's traceback is
  shortened to its last line, because a traceback quotes the failing line of
  test code;
* `ResultsSummary`: the rows of a table of every graded exercise (objective,
  points, and for a failed check the message the test gave), which
  `FEEDBACK_TEMPLATE` (`HTMLExporter.template_file`) shows at the top of the
  page, above the notebook.
"""

from __future__ import annotations

from pathlib import Path

from nbformat import from_dict
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, NbGraderPreprocessor
from traitlets import Unicode

from ..course_map import objective_of
from .cells import grade_id, is_test_cell

FEEDBACK_TEMPLATE = str(Path(__file__).parent / "templates" / "feedback_with_summary.html.j2")
SUMMARY_KEY = "results_summary"  # resources[SUMMARY_KEY] is what the template shows


def short_error(output: dict) -> dict:
    """An error output reduced to `Name: message`, with no quoted source."""
    shortened = dict(output)
    shortened["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
    return from_dict(shortened)


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests, mark schemes and test tracebacks from feedback."""

    hidden_tests_note = Unicode(
        "# (more checks ran here; their code is not shown in feedback)",
        help="The line that stands where hidden tests were removed.").tag(config=True)
    mark_scheme_note = Unicode(
        "*(The grader's mark scheme is not shown in feedback.)*",
        help="The line that stands where a mark scheme was removed.").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        hidden = ClearHiddenTests(parent=self, enforce_metadata=False)
        scheme = ClearMarkScheme(parent=self, enforce_metadata=False)
        self.regions = [(hidden, hidden.begin_test_delimeter, self.hidden_tests_note),
                        (scheme, scheme.begin_mark_scheme_delimeter, self.mark_scheme_note)]

    def preprocess_cell(self, cell, resources, index):
        for clear, begin, note in self.regions:
            if begin not in cell.source:
                continue
            cell.source = "\n".join(f"{note}\n{line}" if begin in line else line
                                    for line in cell.source.split("\n"))
            try:
                cell, resources = clear.preprocess_cell(cell, resources, index)
            except RuntimeError:  # a region nbgrader cannot delimit: show none of the cell
                cell.source = note
        if is_test_cell(cell):
            cell.outputs = [
                short_error(out) if out.get("output_type") == "error" else out
                for out in cell.get("outputs", [])
            ]
        return cell, resources


def check_description(source: str) -> str:
    """The first line of a test cell's docstring: what the check is about."""
    first = source.strip().split("\n", 1)[0].strip()
    if first.startswith(('"""', "'''")):
        return first.strip("\"' ")
    return ""


def failed_checks(nb) -> dict[str, str]:
    """grade_id -> `Error: message` of each graded cell whose last error is that message.

    A NameError in a test cell usually has its cause further up: an answer cell (or a
    loading cell) that stopped first, say on a missing file, so the function was never
    defined. The message then names that first error too.
    """
    found, first_error = {}, None
    for cell in nb.cells:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        last = errors[-1]
        text = f"{last.get('ename', 'Error')}: {last.get('evalue', '')}".strip(": ")
        if grade_id(cell):
            if last.get("ename") == "NameError" and first_error:
                text += f" (an earlier cell stopped first with {first_error})"
            found[grade_id(cell)] = text
        if first_error is None and not is_test_cell(cell):
            first_error = text
    return found


def _message(grade, messages: dict[str, str], comments: dict[str, str]) -> str:
    if grade.name in messages:
        return messages[grade.name]
    if grade.cell.cell_type == "markdown" or grade.manual_score is not None:
        if grade.manual_score is None and not grade.auto_score:
            return "no answer was written"
        if comments.get(grade.name):
            return "graded by the instructor; see the comment below"
        return "graded by the instructor"
    return "this check did not pass"


def _status(grade, score: float, top: float) -> str:
    if score >= top:
        return "passed"
    if grade.needs_manual_grade:
        return "waiting for the instructor"
    if grade.cell.cell_type == "markdown" or grade.manual_score is not None:
        return f"{score:g} of {top:g} points"  # a written answer is scored, not passed or failed
    return "not passed"


def summary_rows(submission, nb) -> list[dict]:
    """One row per graded cell of a submitted notebook (gradebook) and its autograded copy."""
    messages = failed_checks(nb)
    comments = {c.name: (c.manual_comment or c.auto_comment or "").strip()
                for c in submission.comments}
    about = {grade_id(c): check_description(c.source) if c.cell_type == "code" else ""
             for c in nb.cells if grade_id(c)}
    rows = []
    for grade in submission.grades:
        score, top = float(grade.score or 0), float(grade.max_score)
        status = _status(grade, score, top)
        rows.append({
            "grade_id": grade.name, "objective": objective_of(grade.name) or "",
            "points": f"{score:g} / {top:g}", "status": status,
            "message": _message(grade, messages, comments) if status != "passed" else "",
            "about": about.get(grade.name, ""),
        })
    return rows


class ResultsSummary(NbGraderPreprocessor):
    """Put the results table of this trainee's notebook into the resources for the template."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:  # as nbgrader's own GetGrades opens it
            try:
                submission = gradebook.find_submission_notebook(
                    info["notebook"], info["assignment"], info["student"])
            except MissingEntry:
                return nb, resources
            resources[SUMMARY_KEY] = {
                "score": f"{float(submission.score):g}",
                "max_score": f"{float(submission.max_score):g}",
                "rows": summary_rows(submission, nb),
            }
        return nb, resources
