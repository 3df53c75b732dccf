"""`investigator-course grade --jobs 2` gives exactly the grades of plain `nbgrader autograde`.

For every built assignment (the test follows `built_assignments()`, like the
round trip), one class of synthetic trainees (correct, blank, partly done and a
recorded mistake) is submitted to two copies of a sandbox course. One copy is
graded by nbgrader alone, the other by our command; every trainee's every cell
must have the same score. The same copy then gets our feedback (scanned for
hidden tests) and the class report.
"""

from __future__ import annotations

import csv
import html
import re
import shutil

import pytest

from investigator_course.course_map import load_course_map
from investigator_course.nbgrader_integration.cells import grade_id, is_answer_cell
from investigator_course.nbgrader_integration.regions import hidden_lines
from investigator_course.nbgrader_integration.runner import run_nbgrader
from tests.support.course import ASSIGNMENT_IDS, ROOT, run_cli_here
from tests.support.trainees import (
    cell_scores,
    fill_answers,
    instructor_answers,
    load_catalogue,
    read_notebook,
    sandbox_course,
    submit,
)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not ASSIGNMENT_IDS, reason="no assignment built yet")]


def make_class(course, assignment):
    names = sorted(p.name for p in (course / "release" / assignment).glob("*.ipynb"))
    sources = {n: read_notebook(course / "source" / assignment / n) for n in names}
    releases = {n: read_notebook(course / "release" / assignment / n) for n in names}
    answers = {n: instructor_answers(sources[n]) for n in names}
    catalog = load_catalogue(ROOT / "tests" / "submissions" / f"{assignment}.toml")
    mistakes = [e for e in catalog if e.kind == "mistake"][:1]

    def filled(extra=None):
        return {n: fill_answers(releases[n], {**answers[n], **{
            k: v for k, v in (extra or {}).items()
            if k in [grade_id(c) for c in sources[n].cells if is_answer_cell(c)]}})
            for n in names}

    trainees = {"correct": filled(), "blank": dict(releases)}
    trainees["partial"] = {n: fill_answers(releases[n], dict(list(answers[n].items())[
        : max(1, len(answers[n]) // 2)])) for n in names}
    for entry in mistakes:
        trainees[f"{entry.kind}_{entry.name}"[:60]] = filled(entry.answers)
    return trainees


@pytest.fixture(scope="module", params=ASSIGNMENT_IDS)
def two_courses(request, tmp_path_factory, built_course):
    assignment = request.param
    plain = sandbox_course(tmp_path_factory.mktemp(f"plain-{assignment}"), assignment, ROOT)
    ours = tmp_path_factory.mktemp(f"ours-{assignment}") / "course"
    shutil.copytree(plain, ours)
    trainees = make_class(plain, assignment)
    for course in (plain, ours):
        for student, files in trainees.items():
            submit(course, student, assignment, files)
    run_nbgrader(["autograde", assignment], plain)
    result = run_cli_here("grade", assignment, "--course-dir", str(ours), "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    return {"assignment": assignment, "plain": plain, "ours": ours, "trainees": trainees,
            "log": result.stdout}


def test_grades_are_identical_to_plain_nbgrader(two_courses):
    assignment = two_courses["assignment"]
    plain = cell_scores(two_courses["plain"], assignment)
    ours = cell_scores(two_courses["ours"], assignment)
    assert set(plain) == set(ours) == set(two_courses["trainees"])
    differences = {s: {c: (plain[s][c], ours[s].get(c)) for c in plain[s]
                       if plain[s][c] != ours[s].get(c)} for s in plain}
    differences = {s: d for s, d in differences.items() if d}
    assert not differences, differences
    totals = {s: sum((v.score or 0) for v in cells.values()) for s, cells in ours.items()}
    assert totals["blank"] == 0 < totals["partial"] < totals["correct"], totals


def test_our_feedback_hides_the_real_hidden_tests(two_courses):
    assignment, course = two_courses["assignment"], two_courses["ours"]
    result = run_cli_here("feedback", assignment, "--course-dir", str(course),
                          "--student", "correct", "--student", "partial")
    assert result.returncode == 0, result.stdout + result.stderr
    secrets = set()
    for source in (course / "source" / assignment).glob("*.ipynb"):
        secrets |= hidden_lines(read_notebook(source))
    assert secrets
    pages = sorted((course / "feedback").glob(f"*/{assignment}/*.html"))
    assert len(pages) == 2 * len(list((course / "release" / assignment).glob("*.ipynb")))
    for page in pages:
        submitted = two_courses["trainees"][page.parts[-3]][f"{page.stem}.ipynb"]
        typed = "\n".join(cell.source for cell in submitted.cells if is_answer_cell(cell))
        text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        # a hidden test may repeat a line of the trainee's own answer
        shown = [line for line in secrets if line in text and line not in typed]
        assert not shown, f"{page.relative_to(course)} shows: {shown[:2]}"
        assert "Your results:" in text


def test_report_maps_cells_to_the_course_objectives(two_courses, tmp_path):
    assignment, course = two_courses["assignment"], two_courses["ours"]
    result = run_cli_here("report", assignment, "--course-dir", str(course),
                          "--out", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    with (tmp_path / f"{assignment}_objectives.csv").open() as handle:
        objectives = {row["objective"] for row in csv.DictReader(handle)}
    known = set(load_course_map(ROOT).get(assignment).objectives)
    assert objectives and objectives <= known, objectives - known
