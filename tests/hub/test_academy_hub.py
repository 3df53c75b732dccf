"""A whole class through a real JupyterHub on loopback (the academy deployment).

Two instructors and four trainees get real Unix accounts from the course's own
`hub` commands; the hub runs `deploy/jupyterhub/jupyterhub_config.py` with its proxy.
The first instructor releases 00_orientation from Formgrader. Three trainees log
in with their first passwords, fetch it through nbgrader's Assignments handlers,
fill it (one correct, one partial, one blank) and submit; a fourth does the same in
Chromium, from the Assignments tab. The second instructor collects and grades with
`investigator-course grade --collect` (so the course folder and the exchange are
shared, not the first instructor's), enters a written answer's score in Formgrader
in the browser, and the first releases feedback; each trainee fetches theirs,
which shows no hidden test. On the way it checks what the operating system must
refuse: a trainee reading the gradebook, the answer keys, another trainee's
notebook, the exchange's inbox or another's feedback; and, while grading, a
trainee's code that goes around the audit hook with `ctypes` to open the gradebook
and another trainee's notebook (it runs as a grading account, which may not).
And the faults of a real class day: a trainee submits twice (the latest is graded,
both are kept), one submits after the due date, a trainee's server is killed after
their work was saved (the hub starts it again and the work is there), and the hub
itself restarts before grading (no submission is lost).
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import subprocess
import tarfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat
import pytest

from tests.support.browser import ARTIFACTS, screenshot, serious_violations
from tests.support.hub import (
    GRADING_ACCOUNTS,
    INSTRUCTORS,
    TRAINEES,
    AcademyHub,
    missing_requirements,
)
from tests.support.trainees import fill_answers, instructor_answers

pytestmark = [pytest.mark.slow, pytest.mark.hub]
ASSIGNMENT = "00_orientation"
NOTEBOOKS = ("00_orientation.ipynb", "00b_python_for_investigators.ipynb")
RELEASER, GRADER = "ictest-instructor", "ictest-grader"
CORRECT, PARTIAL, BLANK, IN_BROWSER = "ictest-ana", "ictest-ben", "ictest-cal", "ictest-dee"
WRITTEN = "or5_counts_not_prevalence"  # a written answer, scored by hand in Formgrader


@pytest.fixture(scope="module")
def hub(built_course):
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    academy = AcademyHub([RELEASER, GRADER], [CORRECT, PARTIAL, BLANK, IN_BROWSER])
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
    assert hub.login(RELEASER).status_code == 302
    hub.token(RELEASER)
    hub.start_server(RELEASER)
    response = hub.api(RELEASER, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/release")
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["success"] and "Traceback" not in answer["log"], answer["log"]
    return answer["log"]


def forbidden_targets(hub) -> list[str]:
    """What a trainee's code tries to open while it is graded: gradebook, others' work."""
    return [str(hub.repo / "course/gradebook.db"),
            f"/home/{CORRECT}/{ASSIGNMENT}/{NOTEBOOKS[0]}",
            str(hub.repo / "course/submitted" / CORRECT / ASSIGNMENT / NOTEBOOKS[0])]


def around_the_audit_hook(targets: list[str]) -> str:
    """Trainee code that calls the C library's open() directly, as ctypes allows."""
    return f"""
import ctypes as _ctypes, os as _os, pwd as _pwd
_libc = _ctypes.CDLL(None, use_errno=True)
print("GRADED AS", _pwd.getpwuid(_os.getuid()).pw_name)
for _target in {targets!r}:
    _fd = _libc.open(_target.encode(), _os.O_RDONLY)
    print("OPEN", _target, "opened" if _fd >= 0 else f"refused errno={{_ctypes.get_errno()}}")
"""


def answers_for(hub, trainee: str, notebook: str) -> dict:
    """Correct: all answers. Partial: the first notebook right, and in the second one
    answer right with code that tries to read what it must not. Blank: none."""
    source = nbformat.read(hub.repo / "course/source" / ASSIGNMENT / notebook, as_version=4)
    answers = instructor_answers(source)
    if trainee == CORRECT or (trainee == PARTIAL and notebook == NOTEBOOKS[0]):
        return answers
    if trainee == PARTIAL:
        first = next(iter(answers))
        return {first: answers[first] + "\n" + around_the_audit_hook(forbidden_targets(hub))}
    return {}


def submit(hub, trainee: str, course_id: str) -> None:
    sent = hub.api(trainee, "POST", "assignments/submit",
                   data={"assignment_id": ASSIGNMENT, "course_id": course_id}).json()
    assert sent["success"], sent


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
        if trainee == CORRECT:  # hands in the untouched notebooks first, then the answers
            submit(hub, trainee, course_id)
        for notebook in NOTEBOOKS:
            path = f"{ASSIGNMENT}/{notebook}"
            release = nbformat.from_dict(hub.get_file(trainee, path)["content"])
            filled = fill_answers(release, answers_for(hub, trainee, notebook))
            hub.put_notebook(trainee, path, filled)
        if trainee == PARTIAL:  # their server dies after the work was saved
            subprocess.run(["pkill", "-KILL", "-u", trainee, "-f", "jupyterhub-singleuser"],
                           check=True)
            hub.start_after_crash(trainee)
            saved = hub.get_file(trainee, f"{ASSIGNMENT}/{NOTEBOOKS[1]}")["content"]
            assert any("GRADED AS" in "".join(cell["source"]) for cell in saved["cells"]), \
                "the work saved before the server was killed is gone"
        submit(hub, trainee, course_id)
    return True


@pytest.fixture(scope="module")
def due_date_passed(hub, submitted):
    """The instructor sets the due date to now in Formgrader: what follows is late."""
    due = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")  # whole s
    response = hub.api(RELEASER, "PUT", f"formgrader/api/assignment/{ASSIGNMENT}",
                       json={"duedate_notimezone": due, "duedate_timezone": "UTC"})
    assert response.status_code == 200, response.text
    time.sleep(1.5)
    return due


def browser_login(page, hub, user: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**", timeout=180_000)
    page.locator(".lm-MenuBar-itemLabel").first.wait_for()


@pytest.fixture(scope="module")
def submitted_in_browser(hub, released, due_date_passed):
    """The fourth trainee's turn, in Chromium: log in, Assignments tab, Fetch, Submit."""
    from tests.support.browser import browser_page

    with browser_page() as page:
        browser_login(page, hub, IN_BROWSER)
        screenshot(page, "hub_01_trainee_lab")
        page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
        menu = [item.inner_text() for item in page.locator(".lm-Menu-itemLabel:visible").all()]
        page.locator(".lm-Menu-itemLabel:visible", has_text="Assignment List").click()
        released_list = page.locator("#released_assignments_list .list_item")
        released_list.first.wait_for()
        listed = released_list.first.inner_text()
        screenshot(page, "hub_02_assignments_tab")
        released_list.first.get_by_role("button", name="Fetch").click()
        submit = page.locator("#fetched_assignments_list .list_item button", has_text="Submit")
        submit.first.wait_for()
        submit.first.click()
        page.locator("#submitted_assignments_list .list_item").first.wait_for()
        screenshot(page, "hub_03_submitted")
    return {"menu": menu, "listed": listed}


@pytest.fixture(scope="module")
def hub_restarted(hub, submitted, submitted_in_browser):
    """The hub is restarted mid-class (an update, a crash): trainees log in again."""
    hub.restart()
    for trainee in (CORRECT, PARTIAL, BLANK):
        hub.start_server(trainee)  # the API tokens live in the hub's database
    return True


@pytest.fixture(scope="module")
def graded(hub, hub_restarted):
    course = str(hub.repo / "course")
    result = hub.cli_as(GRADER, "grade", ASSIGNMENT, "--collect", "--course-dir", course)
    (ARTIFACTS / "hub_grade_output.txt").write_text(result.stdout + result.stderr)
    return result.stdout


@pytest.fixture(scope="module")
def scored_by_hand(hub, graded):
    """The grader opens Formgrader in the browser and scores a written answer."""
    from tests.support.browser import browser_page

    with browser_page() as page:
        browser_login(page, hub, GRADER)
        page.goto(f"{hub.url}/user/{GRADER}/formgrader/gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
        links = page.locator("a[href*='formgrader/submissions/']")
        links.first.wait_for(state="attached")
        screenshot(page, "hub_04_formgrader_submissions")
        count = links.count()
        names = [links.nth(i).inner_text() for i in range(count)]
        target = next(i for i, name in enumerate(names) if name.strip() == CORRECT)
        page.goto(hub.url + links.nth(target).get_attribute("href"))
        assert "cdnjs" not in page.content(), "the grading page loads MathJax from the internet"
        score = page.locator(f"input#{WRITTEN}")
        score.wait_for()
        score.fill("3")
        score.press("Tab")
        page.wait_for_timeout(2000)  # formgrader saves when the box loses focus
        screenshot(page, "hub_05_formgrader_written_score")
    return names


@pytest.fixture(scope="module")
def feedback_released(hub, scored_by_hand):
    course = str(hub.repo / "course")
    hub.cli_as(RELEASER, "feedback", ASSIGNMENT, "--release", "--course-dir", course)
    hub.cli_as(GRADER, "report", "--course-dir", course)
    return True


def gradebook_grades(hub, trainee: str) -> list:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.repo / 'course/gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, trainee)
        return [(g.name, g.cell_type, g.auto_score, g.manual_score, g.max_score)
                for nb in submission.notebooks for g in nb.grades]


def autograded_points(hub, trainee: str) -> tuple[float, float]:
    tests = [g for g in gradebook_grades(hub, trainee) if g[1] == "code" and g[2] is not None]
    return sum(g[2] for g in tests), sum(g[4] for g in tests)


def notebook_points(hub, trainee: str, notebook: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.repo / 'course/gradebook.db'}") as gradebook:
        graded = gradebook.find_submission_notebook(notebook.removesuffix(".ipynb"), ASSIGNMENT,
                                                    trainee)
        tests = [g for g in graded.grades if g.cell_type == "code" and g.auto_score is not None]
        return sum(g.auto_score for g in tests), sum(g.max_score for g in tests)


def first_hidden_line(notebook) -> str:
    for cell in nbformat.read(notebook, as_version=4).cells:
        if "### BEGIN HIDDEN TESTS" in cell.source:
            after = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1]
            return next(line.strip() for line in after.splitlines() if line.strip())
    raise AssertionError(f"{notebook.name} has no hidden test")


def test_groups_and_first_passwords(hub):
    assert {RELEASER, GRADER} <= set(grp.getgrnam(INSTRUCTORS).gr_mem)
    assert {CORRECT, PARTIAL, BLANK, IN_BROWSER} <= set(grp.getgrnam(TRAINEES).gr_mem)
    assert hub.login(CORRECT, "not-the-password").status_code != 302
    assert (hub.base / "first-passwords.csv").stat().st_mode & 0o077 == 0


def test_formgrader_loads_in_the_lab_frame_for_instructors_only(hub, released, submitted):
    page = hub.api(RELEASER, "GET", "formgrader")
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert hub.api(CORRECT, "GET", "formgrader").status_code == 404
    mathjax = hub.api(RELEASER, "GET", "static/jupyter_server_mathjax/MathJax.js")
    assert mathjax.status_code == 200 and "MathJax" in mathjax.text  # served offline


def test_trainee_fetches_and_submits_from_the_assignments_tab(hub, submitted_in_browser):
    assert submitted_in_browser["menu"] == ["Assignment List"], submitted_in_browser["menu"]
    assert ASSIGNMENT in submitted_in_browser["listed"]


def test_the_class_is_graded_from_the_exchange_by_another_instructor(hub, graded):
    score, most = autograded_points(hub, CORRECT)
    assert most > 0 and score == most, f"the correct trainee got {score} of {most}"
    partial, _ = autograded_points(hub, PARTIAL)
    assert 0 < partial < most, f"the partial trainee got {partial} of {most}"
    assert autograded_points(hub, BLANK)[0] == 0
    assert autograded_points(hub, IN_BROWSER)[0] == 0  # submitted unchanged from the tab
    assert "4 submission(s)" in graded, graded


def test_a_second_submission_replaces_the_first_and_both_are_kept(hub, graded, course_id):
    inbound = os.listdir(hub.exchange / course_id / "inbound")
    assert len([name for name in inbound if name.startswith(f"{CORRECT}+{ASSIGNMENT}+")]) == 2
    score, most = autograded_points(hub, CORRECT)  # graded: the later one, with answers
    assert score == most


def test_a_submission_after_the_due_date_is_late(hub, graded, due_date_passed):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.repo / 'course/gradebook.db'}") as gradebook:
        late = {s.student_id: s.total_seconds_late
                for s in gradebook.find_assignment(ASSIGNMENT).submissions}
    assert late[IN_BROWSER] > 0, late
    assert late[CORRECT] == late[PARTIAL] == late[BLANK] == 0, late


def test_trainee_code_is_graded_as_an_account_that_cannot_read_the_course(hub, graded):
    """ctypes goes around the audit hook; the grading account's permissions do not."""
    executed = nbformat.read(hub.repo / "course/autograded" / PARTIAL / ASSIGNMENT / NOTEBOOKS[1],
                             as_version=4)
    printed = "".join(output.get("text", "") for cell in executed.cells
                      if cell.cell_type == "code" for output in cell.get("outputs", []))
    account = printed.split("GRADED AS", 1)[1].split()[0] if "GRADED AS" in printed else None
    assert account in GRADING_ACCOUNTS, printed[-2000:]
    for target in forbidden_targets(hub):
        assert f"OPEN {target} refused errno=13" in printed, printed[-2000:]
    # the gradebook and the submission are there, and the grading instructor may read
    # them: the refusal above is the grading account's, not a missing file
    gradebook, _, submission = forbidden_targets(hub)
    assert hub.as_user(GRADER, "test", "-r", gradebook).returncode == 0
    assert hub.as_user(GRADER, "test", "-r", submission).returncode == 0
    assert "trainees' code runs as" in graded, graded
    flagged = [line for line in graded.splitlines() if line.strip().startswith(PARTIAL)]
    assert flagged and "ctypes" in flagged[0], graded  # the instructor sees it reported
    earned, _ = notebook_points(hub, PARTIAL, NOTEBOOKS[1])
    assert earned > 0, "the answer that carried the attempt should still be graded"
    leftovers = [path for path in (hub.base / "grading").glob("*/kernel-*")]
    assert not leftovers, f"grading kernels left copies behind: {leftovers}"


def test_trainees_fetch_feedback_without_hidden_tests(hub, feedback_released, course_id):
    feedback = hub.exchange / course_id / "feedback"
    peek = hub.as_user(CORRECT, "ls", str(feedback))  # others' feedback: not listable
    assert peek.returncode != 0 and "Permission denied" in peek.stderr, peek
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


def test_feedback_page_and_class_report_pass_axe(hub, feedback_released):
    """What the project writes for people to read: no serious accessibility finding."""
    from tests.support.browser import browser_page

    feedback = hub.repo / "course/feedback" / CORRECT / ASSIGNMENT / "00_orientation.html"
    reports = sorted((hub.repo / "course/reports").glob("*.html"))
    assert reports, "the report command wrote no HTML class report"
    pages = {"feedback": feedback, "report": reports[0]}
    with browser_page() as page:
        for name, source in pages.items():
            shutil.copy(source, ARTIFACTS / f"hub_{name}.html")  # for a person to look at
            page.goto(source.as_uri())
            page.wait_for_timeout(1000)
            screenshot(page, f"hub_06_{name}")
            found = serious_violations(page, {"include": [["body"]]})
            assert not found, f"{name}: " + "\n".join(found)


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


def test_the_back_up_holds_the_written_score(hub, feedback_released, tmp_path):
    """An instructor's `backup` while the class's gradebook is in use: restorable."""
    from nbgrader.api import Gradebook

    made = hub.cli_as(GRADER, "backup", "--course-dir", str(hub.repo / "course"))
    archive = Path(made.stdout.split("backup: ", 1)[1].split(" (", 1)[0])
    assert archive.stat().st_mode & 0o077 == 0, "the back-up names trainees: owner only"
    with tarfile.open(archive) as packed:
        names = packed.getnames()
        packed.extract("gradebook.db", tmp_path, filter="data")
    assert f"submitted/{CORRECT}/{ASSIGNMENT}/{NOTEBOOKS[0]}" in names
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        written = gradebook.find_grade(WRITTEN, NOTEBOOKS[0].removesuffix(".ipynb"), ASSIGNMENT,
                                       CORRECT)
        assert written.manual_score == 3
