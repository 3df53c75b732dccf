"""A whole class through a real JupyterHub on loopback (the academy deployment).

One instructor and three trainees get real Unix accounts from the course's own
`hub` commands; the hub runs `deploy/jupyterhub/jupyterhub_config.py` with its proxy.
The instructor releases 00_orientation from Formgrader; each trainee logs in with
their first password, fetches it through nbgrader's Assignments handlers, fills it
(one correct, one partial, one blank) and submits; the instructor collects and
grades with `investigator-course grade --collect` and releases feedback; each
trainee fetches their feedback, which shows no hidden test. On the way it checks
what the operating system must refuse: a trainee reading the gradebook, the answer
keys, another trainee's notebook or the exchange's inbox.
"""

from __future__ import annotations

import json

import nbformat
import pytest

from tests.support.hub import INSTRUCTORS, TRAINEES, AcademyHub, missing_requirements
from tests.support.trainees import fill_answers, instructor_answers

pytestmark = [pytest.mark.slow, pytest.mark.hub]
ASSIGNMENT = "00_orientation"
NOTEBOOKS = ("00_orientation.ipynb", "00b_python_for_investigators.ipynb")
INSTRUCTOR = "ictest-instructor"
CORRECT, PARTIAL, BLANK = "ictest-ana", "ictest-ben", "ictest-cal"


@pytest.fixture(scope="module")
def hub(built_course):
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    academy = AcademyHub(INSTRUCTOR, [CORRECT, PARTIAL, BLANK])
    try:
        academy.install()
        academy.start()
        yield academy
    finally:
        academy.close()


@pytest.fixture(scope="module")
def course_id(hub):
    return json.loads(hub.settings.read_text())["course_id"]


@pytest.fixture(scope="module")
def released(hub):
    assert hub.login(INSTRUCTOR).status_code == 302
    hub.token(INSTRUCTOR)
    hub.start_server(INSTRUCTOR)
    response = hub.api(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/release")
    assert response.status_code == 200, response.text
    assert response.json()["success"], response.json()
    return True


def answers_for(hub, trainee: str, notebook: str) -> dict:
    source = nbformat.read(hub.repo / "course/source" / ASSIGNMENT / notebook, as_version=4)
    if trainee == CORRECT or (trainee == PARTIAL and notebook == NOTEBOOKS[0]):
        return instructor_answers(source)
    return {}


@pytest.fixture(scope="module")
def submitted(hub, released, course_id):
    for trainee in (CORRECT, PARTIAL, BLANK):
        assert hub.login(trainee).status_code == 302, f"{trainee} could not log in"
        hub.token(trainee)
        hub.start_server(trainee)
        listed = hub.api(trainee, "GET", "assignments", params={"course_id": course_id}).json()
        assert listed["success"], listed
        assert [a["assignment_id"] for a in listed["value"]] == [ASSIGNMENT]
        fetched = hub.api(trainee, "POST", "assignments/fetch",
                          data={"assignment_id": ASSIGNMENT, "course_id": course_id}).json()
        assert fetched["success"], fetched
        for notebook in NOTEBOOKS:
            path = f"{ASSIGNMENT}/{notebook}"
            release = nbformat.from_dict(hub.get_file(trainee, path)["content"])
            filled = fill_answers(release, answers_for(hub, trainee, notebook))
            hub.put_notebook(trainee, path, filled)
        sent = hub.api(trainee, "POST", "assignments/submit",
                       data={"assignment_id": ASSIGNMENT, "course_id": course_id}).json()
        assert sent["success"], sent
    return True


@pytest.fixture(scope="module")
def graded(hub, submitted):
    env = hub.role_env("instructors")
    course = str(hub.repo / "course")
    result = hub.cli_as(INSTRUCTOR, env, "grade", ASSIGNMENT, "--collect", "--course-dir", course)
    hub.cli_as(INSTRUCTOR, env, "feedback", ASSIGNMENT, "--release", "--course-dir", course)
    return result.stdout


def autograded_points(hub, trainee: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.repo / 'course/gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, trainee)
        tests = [g for nb in submission.notebooks for g in nb.grades
                 if g.cell_type == "code" and g.auto_score is not None]
        return sum(g.auto_score for g in tests), sum(g.max_score for g in tests)


def first_hidden_line(notebook) -> str:
    for cell in nbformat.read(notebook, as_version=4).cells:
        if "### BEGIN HIDDEN TESTS" in cell.source:
            after = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1]
            return next(line.strip() for line in after.splitlines() if line.strip())
    raise AssertionError(f"{notebook.name} has no hidden test")


def test_groups_and_first_passwords(hub):
    import grp

    assert INSTRUCTOR in grp.getgrnam(INSTRUCTORS).gr_mem
    assert {CORRECT, PARTIAL, BLANK} <= set(grp.getgrnam(TRAINEES).gr_mem)
    assert hub.login(CORRECT, "not-the-password").status_code != 302
    assert (hub.base / "first-passwords.csv").stat().st_mode & 0o077 == 0


def test_formgrader_loads_in_the_lab_frame_for_instructors_only(hub, released, submitted):
    page = hub.api(INSTRUCTOR, "GET", "formgrader")
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert hub.api(CORRECT, "GET", "formgrader").status_code == 404


def test_the_class_is_graded_from_the_exchange(hub, graded):
    score, most = autograded_points(hub, CORRECT)
    assert most > 0 and score == most, f"the correct trainee got {score} of {most}"
    partial, _ = autograded_points(hub, PARTIAL)
    assert 0 < partial < most, f"the partial trainee got {partial} of {most}"
    assert autograded_points(hub, BLANK)[0] == 0


def test_trainees_fetch_feedback_without_hidden_tests(hub, graded, course_id):
    hidden = first_hidden_line(hub.repo / "course/source" / ASSIGNMENT / NOTEBOOKS[0])
    for trainee in (CORRECT, PARTIAL, BLANK):
        fetched = hub.api(trainee, "POST", "assignments/fetch_feedback",
                          data={"assignment_id": ASSIGNMENT, "course_id": course_id}).json()
        assert fetched["success"], fetched
        runs = hub.get_file(trainee, f"{ASSIGNMENT}/feedback")["content"]
        assert runs, f"{trainee} got no feedback"
        page = hub.get_file(trainee, f"{runs[0]['path']}/{NOTEBOOKS[0].replace('.ipynb', '.html')}")
        text = page["content"]
        assert "BEGIN HIDDEN TESTS" not in text and hidden not in text


def test_a_trainee_cannot_read_what_is_not_theirs(hub, graded, course_id):
    course = hub.repo / "course"
    other = f"/home/{PARTIAL}/{ASSIGNMENT}/{NOTEBOOKS[0]}"
    forbidden = [
        ["cat", str(course / "gradebook.db")],
        ["ls", str(course / "submitted")],
        ["cat", str(hub.repo / "solutions" / ASSIGNMENT / NOTEBOOKS[0])],
        ["cat", other],
        ["ls", str(hub.exchange / course_id / "inbound")],
    ]
    for command in forbidden:
        result = hub.as_user(CORRECT, *command)
        assert result.returncode != 0, f"{CORRECT} could run {' '.join(command)}"
        assert "Permission denied" in result.stderr
    assert hub.as_user(PARTIAL, "cat", other).returncode == 0  # the owner can
