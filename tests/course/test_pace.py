"""Section times follow a novice's pace, estimated from the content (tooling/pace.py).

An author sets each `## <ID> ... (NN min)` by hand; this holds it near the estimate, so a
section that grows (a new worked example, a longer exercise) cannot keep its old time.
"""

from __future__ import annotations

import nbformat
import pytest

from investigator_course.tooling.lessons import lesson_files, read_lesson
from investigator_course.tooling.outline import section_minutes
from investigator_course.tooling.pace import estimate
from tests.support.course import ASSIGNMENT_IDS, ROOT

TOLERANCE, SLACK_MINUTES = 0.30, 15


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_section_times_follow_a_novices_pace(assignment_id, course_map):
    declared = section_minutes(course_map.get(assignment_id), ROOT)
    estimated = estimate([read_lesson(p) for p in lesson_files(assignment_id, ROOT)])
    off = [f"{objective}: {minutes} min in the headings, about {estimated.get(objective, 0):.0f} "
           "by the pace rule" for objective, minutes in declared.items()
           if abs(minutes - estimated.get(objective, 0))
           > max(SLACK_MINUTES, TOLERANCE * estimated.get(objective, 0))]
    assert not off, "set these section times from the estimate (investigator-course outline):\n" \
        + "\n".join(off)


def test_the_estimate_counts_what_a_trainee_does():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## OR-1 Reading (5 min)\n\n" + "word " * 240),
        nbformat.v4.new_code_cell("x = 1\ny = 2"),
        nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n"
                                  "    ### END SOLUTION",
                                  metadata={"nbgrader": {"solution": True, "grade": False,
                                                         "grade_id": "or1_f"}}),
        nbformat.v4.new_code_cell("assert f() == 1\n" * 40,
                                  metadata={"nbgrader": {"solution": False, "grade": True,
                                                         "grade_id": "or1_f_tests",
                                                         "points": 1}}),
    ]
    minutes = estimate([nb])["OR-1"]
    # 2 min reading + (1 + 2 * 25/60) min example + (1.5 + 3) min exercise; tests not read
    assert minutes == pytest.approx(2 + 1 + 50 / 60 + 4.5, abs=0.1)
