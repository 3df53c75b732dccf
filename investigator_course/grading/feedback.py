"""`investigator-course feedback`: nbgrader feedback pages with no hidden tests in them.

    investigator-course feedback 00_orientation [--student ID] [--course-dir DIR] [--release]

1. `nbgrader generate_feedback ASSIGNMENT --force`. The course's nbgrader
   config adds the preprocessors of `nbgrader_integration/feedback.py`: hidden
   tests and mark schemes are removed, each failed test's traceback is
   shortened to its plain-language message (nbgrader #917), and each page gets
   a short summary at the top: every graded exercise, its objective, the
   points, and for a failed check the message the test gave.
2. Every page is scanned for any line of hidden-test or mark-scheme source
   (other than a line the trainee wrote in their own answer); a page that
   shows one is deleted and the command fails, so a leak can never be
   released by accident.
3. With `--release`, `nbgrader release_feedback` hands the pages back through
   the exchange.
4. With `--lms canvas` (or `moodle`), the checked pages also go into one zip per
   assignment, named as that LMS's bulk feedback upload matches them
   (`course/reports/<assignment>_feedback_<lms>.zip`; see lms_feedback.py).
"""

from __future__ import annotations

import fnmatch
import html
import re
from pathlib import Path

from ..errors import UserError
from ..nbgrader_integration.runner import run_nbgrader
from . import records
from .common import add_course_dir_argument, load_config, resolve_assignment_id, resolve_course

SUMMARY_HEADING = "Your results:"


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 00_orientation (or 00)")
    parser.add_argument("--student", action="append", metavar="ID",
                        help="only these trainees (repeat)")
    add_course_dir_argument(parser)
    parser.add_argument("--release", action="store_true",
                        help="then run `nbgrader release_feedback` (JupyterHub exchange)")
    parser.add_argument("--lms", choices=["canvas", "moodle", "blackboard"],
                        help="also zip the pages, one per trainee and notebook, named the way "
                             "that LMS's bulk feedback upload matches them (from the names "
                             "of its download); Blackboard has no such upload")


def leaks(page: Path, secrets: set[str]) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return sorted(line for line in secrets if line in text)


def own_text(autograded: Path) -> str:
    """What the trainee wrote (answers, cells of their own): a page may show it even where a
    hidden test has the same line (`for account, rows in ...groupby(...)`)."""
    import nbformat

    from ..nbgrader_integration.cells import role

    try:
        nb = nbformat.read(autograded, as_version=4)
    except Exception:  # nbformat raises many types for damaged notebooks
        return ""
    return "\n".join(cell.source for cell in nb.cells if role(cell) in (None, "answer", "written"))


def declare_language(page: Path) -> None:
    """nbgrader's feedback template opens with a bare `<html>`: without a language a screen
    reader may read the page in the wrong voice (axe-core: html-has-lang)."""
    text = page.read_text(encoding="utf-8")
    head, found, rest = text.partition("<html>")
    if found and len(head) < 200:
        page.write_text(f'{head}<html lang="en">{rest}', encoding="utf-8")


def run(args) -> int:
    import nbformat

    from ..nbgrader_integration.regions import hidden_lines

    course = resolve_course(args.course_dir)
    assignment = resolve_assignment_id(args.assignment, course)
    if getattr(args, "lms", None):
        from .lms_feedback import check_lms

        check_lms(args.lms)  # before minutes of nbgrader, not after
    config = load_config(course)
    refreshed = records.refresh_late_penalties(config, assignment)
    if refreshed:
        print(refreshed, flush=True)
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
        secrets |= hidden_lines(nbformat.read(source, as_version=4), config.config)
    leaked, without_summary = {}, 0
    for page in pages:
        declare_language(page)
        student = page.parts[-3]
        mine = own_text(course / "autograded" / student / assignment / f"{page.stem}.ipynb")
        found = leaks(page, {line for line in secrets if line not in mine})
        without_summary += SUMMARY_HEADING not in page.read_text(encoding="utf-8")
        if found:
            leaked[page] = found
            page.unlink()
    if leaked:
        first = next(iter(leaked.items()))
        raise UserError(f"{len(leaked)} feedback page(s) showed hidden tests or mark schemes and "
                        f"were deleted (e.g. {first[0].relative_to(course)}: {first[1][0]!r}). "
                        "Check GenerateFeedback.preprocessors in nbgrader_config.py.")
    if without_summary:
        print(f"{without_summary} page(s) have no results summary: GenerateFeedback.preprocessors "
              "in nbgrader_config.py lacks ResultsSummary, or HTMLExporter.template_file is not "
              "the course's (see course/nbgrader_config.py)", flush=True)
    print(f"{assignment}: {len(pages)} feedback page(s) in {course / 'feedback'}; checked: "
          f"no hidden test or mark-scheme line in any of them", flush=True)
    if args.release:
        run_nbgrader(["release_feedback", assignment], course)
        print("released through the exchange (trainees: `nbgrader fetch_feedback`)", flush=True)
    if getattr(args, "lms", None):
        from .lms_feedback import write_zip

        reports = course / "reports"
        reports.mkdir(exist_ok=True)
        if not (reports / ".gitignore").exists():
            (reports / ".gitignore").write_text("# names trainees and their grades: never "
                                                "commit\n*\n")
        made = write_zip(course, assignment, args.lms, pages,
                         reports / f"{assignment}_feedback_{args.lms}.zip")
        print(made.summary(args.lms), flush=True)
    return 0
