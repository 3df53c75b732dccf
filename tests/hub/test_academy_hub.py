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
notebook or the exchange's inbox. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import grp
import json
import shutil

import nbformat
import pytest

from tests.support.browser import ARTIFACTS, screenshot, serious_violations
from tests.support.hub import INSTRUCTORS, TRAINEES, AcademyHub, missing_requirements
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


def browser_login(page, hub, user: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**", timeout=180_000)
    page.locator(".lm-MenuBar-itemLabel").first.wait_for()


@pytest.fixture(scope="module")
def submitted_in_browser(hub, released):
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
def graded(hub, submitted, submitted_in_browser):
    course = str(hub.repo / "course")
    result = hub.cli_as(GRADER, "grade", ASSIGNMENT, "--collect", "--course-dir", course)
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


def test_a_written_score_entered_in_formgrader_is_in_the_gradebook(hub, scored_by_hand):
    assert set(scored_by_hand) >= {CORRECT, PARTIAL, BLANK, IN_BROWSER}
    written = {g[0]: g[3] for g in gradebook_grades(hub, CORRECT)}
    assert written[WRITTEN] == 3


def test_trainees_fetch_feedback_without_hidden_tests(hub, feedback_released, course_id):
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
