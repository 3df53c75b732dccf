"""`investigator-course feedback`: nbgrader feedback pages with no hidden tests in them.

    investigator-course feedback 00_orientation [--student ID] [--course-dir DIR] [--release]

1. `nbgrader generate_feedback ASSIGNMENT --force`. The course's nbgrader
   config runs `feedback_filters.HideHiddenTests`, which removes hidden tests
   and mark schemes and shortens each failed test's traceback to its
   plain-language message (nbgrader #917).
2. Each page gets a short summary at the top: every graded exercise, its
   objective, the points, and for a failed check the message the test gave.
3. Every page is scanned for any line of hidden-test or mark-scheme source;
   a page that shows one is deleted and the command fails, so a leak can
   never be released by accident.
4. With `--release`, `nbgrader release_feedback` hands the pages back through
   the exchange.
"""

from __future__ import annotations

import fnmatch
import html
import json
import re
from pathlib import Path

from ..errors import UserError
from ..nbgrader_runner import run_nbgrader
from .common import (
    add_course_dir_argument,
    load_config,
    objective_lookup,
    resolve_assignment_id,
    resolve_course,
)

REGIONS = {
    "solution": ("BEGIN SOLUTION", "END SOLUTION"),
    "hidden tests": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    "mark scheme": ("BEGIN MARK SCHEME", "END MARK SCHEME"),
}
MARKER = "<!-- investigator-course feedback summary -->"


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 00_orientation (or 00)")
    parser.add_argument("--student", action="append", metavar="ID",
                        help="only these trainees (repeat)")
    add_course_dir_argument(parser)
    parser.add_argument("--release", action="store_true",
                        help="then run `nbgrader release_feedback` (JupyterHub exchange)")


def secret_lines(nb) -> set[str]:
    """Lines that appear only inside hidden-test or mark-scheme regions of a source notebook.

    A line that also appears in the open part of the notebook (a visible test that a
    hidden test repeats, say) is not a secret. Very short lines are ignored.
    """
    from ..feedback_filters import remove_region

    open_text = set()
    for cell in nb.cells:
        public = cell.source
        for begin, end in REGIONS.values():
            public = remove_region(public, begin, end, "")
        open_text.update(line.strip() for line in public.split("\n"))
    secrets = set()
    for kind in ("hidden tests", "mark scheme"):
        begin, end = REGIONS[kind]
        for cell in nb.cells:
            inside = False
            for line in cell.source.split("\n"):
                if begin in line:
                    inside = True
                elif end in line:
                    inside = False
                elif inside and len(line.strip()) > 12 and line.strip() not in open_text:
                    secrets.add(line.strip())
    return secrets


def leaks(page: Path, secrets: set[str]) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return sorted(line for line in secrets if line in text)


def _check_description(source: str) -> str:
    """The first line of a test cell's docstring: what the check is about."""
    first = source.strip().split("\n", 1)[0].strip()
    if first.startswith(('"""', "'''")):
        return first.strip("\"' ")
    return ""


def _messages(autograded: Path) -> dict[str, str]:
    """grade_id -> `Error: message` of each failed test cell in the autograded notebook."""
    try:
        nb = json.loads(autograded.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = {}
    for cell in nb.get("cells", []):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if gid and errors:
            last = errors[-1]
            found[gid] = f"{last.get('ename', 'Error')}: {last.get('evalue', '')}".strip(": ")
    return found


def _message(grade, messages: dict[str, str]) -> str:
    if grade.name in messages:
        return messages[grade.name]
    if grade.cell.cell_type == "markdown" or grade.manual_score is not None:
        if grade.manual_score is None and not grade.auto_score:
            return "no answer was written"
        return "graded by the instructor; see the comment below"
    return "this check did not pass"


def summary_html(rows: list[dict], score: float, top: float) -> str:
    body = []
    for row in rows:
        status = ("passed" if row["score"] >= row["max"] else
                  "waiting for the instructor" if row["pending"] else "not passed")
        message = html.escape(row["message"]) if status != "passed" else ""
        body.append(
            f"<tr><td>{html.escape(row['objective'] or '')}</td>"
            f"<td><a href=\"#{html.escape(row['grade_id'])}\">{html.escape(row['grade_id'])}</a>"
            f"{'<br><small>' + html.escape(row['about']) + '</small>' if row['about'] else ''}"
            f"</td><td>{row['score']:g} / {row['max']:g}</td><td>{status}</td>"
            f"<td>{message}</td></tr>")
    return (
        f"{MARKER}\n<section aria-label=\"Summary of your results\" style=\"max-width:60em;"
        "margin:1em auto;padding:0.5em 1em;border:2px solid #0072B2;font-family:sans-serif\">"
        f"<h2>Your results: {score:g} of {top:g} points</h2>"
        "<p>Each row is one graded exercise. Where a check did not pass, its message says "
        "what it expected; fix that part and run the notebook again from the top.</p>"
        "<table style=\"border-collapse:collapse\" border=\"1\" cellpadding=\"4\">"
        "<caption>Graded exercises</caption><thead><tr><th scope=\"col\">Objective</th>"
        "<th scope=\"col\">Exercise check</th><th scope=\"col\">Points</th>"
        "<th scope=\"col\">Result</th><th scope=\"col\">What the check said</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></section>\n")


def add_summary(page: Path, gradebook, course: Path, assignment: str,
                student: str, objective) -> bool:
    import nbformat
    from nbgrader.api import MissingEntry

    name = page.stem
    try:
        submission = gradebook.find_submission_notebook(name, assignment, student)
    except MissingEntry:
        return False
    release = course / "release" / assignment / f"{name}.ipynb"
    about = {}
    if release.is_file():
        for cell in nbformat.read(release, as_version=4).cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid:
                about[gid] = _check_description(cell.source) if cell.cell_type == "code" else ""
    messages = _messages(course / "autograded" / student / assignment / f"{name}.ipynb")
    rows = [{
        "grade_id": grade.name, "objective": objective(grade.name),
        "score": float(grade.score or 0), "max": float(grade.max_score),
        "pending": bool(grade.needs_manual_grade),
        "message": _message(grade, messages),
        "about": about.get(grade.name, ""),
    } for grade in submission.grades]
    text = page.read_text(encoding="utf-8")
    if MARKER in text:
        return True
    block = summary_html(rows, float(submission.score), float(submission.max_score))
    text, count = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + block, text, count=1)
    if count:
        page.write_text(text, encoding="utf-8")
    return bool(count)


def run(args) -> int:
    import nbformat
    from nbgrader.api import Gradebook

    course = resolve_course(args.course_dir)
    assignment = resolve_assignment_id(args.assignment, course)
    config = load_config(course)
    command = ["generate_feedback", assignment, "--force"]
    if args.student:  # one nbgrader run: everyone else is excluded
        graded = sorted(p.parent.name for p in (course / "autograded").glob(f"*/{assignment}"))
        others = [s for s in graded if not any(fnmatch.fnmatchcase(s, pattern)
                                               for pattern in args.student)]
        if len(others) == len(graded):
            raise UserError(f"no autograded submission of {assignment} matches --student "
                            f"{' '.join(args.student)}.")
        if others:
            command.append(f"--CourseDirectory.student_id_exclude={','.join(others)}")
    result = run_nbgrader(command, course, check=False)
    if result.returncode != 0:
        failed = [line for line in result.stdout.splitlines()
                  if "error processing assignment" in line.lower()]
        print(f"nbgrader could not make feedback for {len(failed)} trainee(s); see "
              "`nbgrader generate_feedback` output:\n" + "\n".join(failed[:10]), flush=True)
    pages = sorted((course / "feedback").glob(f"*/{assignment}/*.html"))
    if args.student:
        pages = [p for p in pages if any(fnmatch.fnmatchcase(p.parts[-3], pattern)
                                         for pattern in args.student)]
    if not pages:
        raise UserError(f"no feedback pages for {assignment}: grade it first "
                        f"(`investigator-course grade {assignment}`).")
    secrets = set()
    for source in sorted((course / "source" / assignment).glob("*.ipynb")):
        secrets |= secret_lines(nbformat.read(source, as_version=4))
    objective = objective_lookup(course, assignment)
    leaked = {}
    with Gradebook(config.db_url, config.course_id) as gradebook:
        for page in pages:
            student = page.parts[-3]
            add_summary(page, gradebook, course, assignment, student, objective)
            found = leaks(page, secrets)
            if found:
                leaked[page] = found
                page.unlink()
    if leaked:
        first = next(iter(leaked.items()))
        raise UserError(f"{len(leaked)} feedback page(s) showed hidden tests or mark schemes and "
                        f"were deleted (e.g. {first[0].relative_to(course)}: {first[1][0]!r}). "
                        "Check GenerateFeedback.preprocessors in nbgrader_config.py.")
    print(f"{assignment}: {len(pages)} feedback page(s) in {course / 'feedback'}; checked: "
          f"no hidden test or mark-scheme line in any of them", flush=True)
    if args.release:
        run_nbgrader(["release_feedback", assignment], course)
        print("released through the exchange (trainees: `nbgrader fetch_feedback`)", flush=True)
    return 0
