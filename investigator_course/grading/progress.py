"""The lone learner's progress record: what `grade-me` found, kept so a supervisor can trust it.

Each `grade-me` run appends one attempt to `workspace/.investigator-course/progress.json`:
when, the score of every graded cell (autograded with the hidden tests, or the learner's
own score of a written answer, marked as self-assessed) and the SHA-256 of each notebook
that was graded. The page `workspace/progress.html` shows the latest attempt of every
assignment, per objective against the objective's own standard (the rule of the class
report) and the course hours of each objective whose standard is met, with the checksums,
so a supervisor can check the record against the notebooks
(`sha256sum 00_orientation/00_orientation.ipynb`). A notebook changed after it was graded
no longer matches, and the page says so.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

RECORD = Path(".investigator-course") / "progress.json"
PAGE = "progress.html"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_record(workspace: Path) -> dict:
    path = workspace / RECORD
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"attempts": []}


def record_result(workspace: Path, assignment_id: str, rows: list[dict],
                  notebooks: list[Path]) -> dict:
    """Append one graded attempt to the record and return it."""
    record = load_record(workspace)
    attempt = {
        "assignment": assignment_id,
        "graded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "notebooks": {p.relative_to(workspace).as_posix(): _sha256(p) for p in notebooks},
        "cells": [{key: row[key] for key in ("grade_id", "objective", "score", "max",
                                             "written", "self_assessed")} for row in rows],
    }
    record["attempts"].append(attempt)
    path = workspace / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return attempt


def objective_rows(attempt: dict, minimums: dict[str, float]) -> list[dict]:
    """Per objective: points, and whether its standard is met, by the class report's rule
    (`report.meets_standard`); a written answer the learner has not scored is not judged."""
    from .report import AssignmentData, CellInfo, TraineeScores, meets_standard, objective_key

    cells = [CellInfo(c["grade_id"], "", c["max"], c["objective"] or "(none)", c["written"])
             for c in attempt["cells"]]
    scores = {c["grade_id"]: None if c["written"] and not c["self_assessed"] else c["score"]
              for c in attempt["cells"]}
    data = AssignmentData(attempt["assignment"], cells, [], [], {}, dict(minimums))
    learner = TraineeScores("me", "", 0, 0, 0, scores)
    rows = []
    for objective in data.objectives():
        mine = [c for c in attempt["cells"] if (c["objective"] or "(none)") == objective]
        met = meets_standard(data, learner, objective)
        self_assessed = any(c["self_assessed"] for c in mine)
        rows.append({
            "objective": objective, "score": sum(c["score"] for c in mine),
            "max": sum(c["max"] for c in mine),
            "verdict": ("not judged: a written answer is not scored yet" if met is None
                        else "met" + (" (self-assessed)" if self_assessed else "") if met
                        else "not yet met")})
    return sorted(rows, key=lambda row: objective_key(row["objective"]))


def write_progress_page(workspace: Path, root: Path) -> Path:
    """The page a supervisor files: the latest attempt of every assignment."""
    import jinja2

    from ..course_map import load_course_map
    from ..tooling.outline import section_minutes

    course = load_course_map(root)
    record = load_record(workspace)
    latest = {}
    for attempt in record["attempts"]:
        latest[attempt["assignment"]] = attempt
    sections = []
    for assignment in course.assignments:
        attempt = latest.get(assignment.id)
        if attempt is None:
            continue
        checks = []
        for name, digest in attempt["notebooks"].items():
            path = workspace / name
            now = _sha256(path) if path.is_file() else None
            checks.append({"notebook": name, "sha256": digest,
                           "state": "matches the notebook" if now == digest else
                           "the notebook has changed since it was graded" if now else
                           "the notebook is missing"})
        objectives = objective_rows(attempt, assignment.rubric_minimum)
        minutes = section_minutes(assignment, root)
        for row in objectives:
            row["minutes"] = minutes.get(row["objective"], 0)
        sections.append({"id": assignment.id, "title": assignment.title,
                         "hours": assignment.hours, "graded_at": attempt["graded_at"],
                         "objectives": objectives,
                         "hours_met": round(sum(r["minutes"] for r in objectives
                                                if r["verdict"].startswith("met")) / 60, 1),
                         "standards": assignment.objectives, "checks": checks,
                         "attempts": sum(a["assignment"] == assignment.id
                                         for a in record["attempts"])})
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined)
    page = environment.get_template("progress.html.j2").render(
        course=course.title, sections=sections,
        hours=sum(s["hours"] for s in sections),
        hours_met=round(sum(s["hours_met"] for s in sections), 1),
        stamp=datetime.now().strftime("%Y-%m-%d %H:%M"))
    target = workspace / PAGE
    target.write_text(page + "\n", encoding="utf-8")
    return target
