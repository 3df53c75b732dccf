"""`investigator-course outline`: the hourly distribution of the course, per objective.

Academies certify courses with an expanded outline and an hourly distribution
schedule (e.g. California POST). The numbers come from where they are
maintained: objectives and planned hours from course/course.toml, and the
minutes of each section from the lessons' headings (`## FR-2 ... (40 min)`), beside a
novice's time estimated from the content (pace.py), which the headings should follow.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ..course_map import Assignment, built_assignments, load_course_map
from ..paths import course_dir, repo_root
from .lessons import lesson_files, read_lesson
from .pace import estimate

SECTION = re.compile(r"^## ([A-Z]{2}-\d+)\b.*\((\d+) min\)")


def add_arguments(parser) -> None:
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")


def section_minutes(assignment: Assignment, root: Path) -> dict[str, int]:
    """Objective ID -> minutes, summed over the assignment's notebooks."""
    minutes: dict[str, int] = {}
    lessons = lesson_files(assignment.id, root)
    notebooks = [read_lesson(path) for path in lessons] or [
        nbformat.read(path, as_version=4)
        for path in sorted((course_dir(root) / "source" / assignment.id).glob("*.ipynb"))]
    for notebook in notebooks:
        for cell in notebook.cells:
            if cell.cell_type != "markdown":
                continue
            for line in cell.source.split("\n"):
                match = SECTION.match(line)
                if match:
                    objective = match.group(1)
                    minutes[objective] = minutes.get(objective, 0) + int(match.group(2))
    return minutes


def run(args) -> int:
    root = repo_root()
    course = load_course_map(root)
    ready = {a.id for a in built_assignments(root)}
    rows = [("Assignment", "Objective", "Performance objective", "Minutes", "Estimate")]
    for assignment in course.assignments:
        minutes = section_minutes(assignment, root) if assignment.id in ready else {}
        lessons = [read_lesson(path) for path in lesson_files(assignment.id, root)]
        paced = estimate(lessons) if lessons else {}
        for objective, text in assignment.objectives.items():
            guess = f"{paced[objective]:.0f}" if objective in paced else "-"
            rows.append((assignment.id, objective, text, str(minutes.get(objective, "-")), guess))
        planned = f"{assignment.hours * 60:g} planned"
        counted = sum(minutes.values())
        rows.append((assignment.id, "total", planned, str(counted) if counted else "not written",
                     f"{sum(paced.values()):.0f}" if paced else "-"))
    if args.markdown:
        print("| " + " | ".join(rows[0]) + " |")
        print("|" + "---|" * len(rows[0]))
        for row in rows[1:]:
            print("| " + " | ".join(row) + " |")
    else:
        for row in rows:
            print(f"{row[0]:<24} {row[1]:<6} {row[3]:>8} {row[4]:>9}  {row[2]}")
    return 0
