"""A learner in the browser: open 00_orientation, run it, Validate blank, answer, Validate.

What a trainee alone on a laptop does first, in Chromium against `investigator-course
lab`. The screenshots are kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.support.browser import browser_page, screenshot, serious_violations
from tests.support.lab import TOKEN, LabServer
from tests.support.trainees import fill_answers, instructor_answers

pytestmark = [pytest.mark.slow, pytest.mark.browser]
NOTEBOOK = "00_orientation/00_orientation.ipynb"


def open_notebook(page, lab) -> None:
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={TOKEN}")
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for(state="attached")
    page.wait_for_timeout(3000)  # the kernel starts


def validate(page) -> str:
    """Press Validate and return what the dialog says."""
    page.locator(".jp-NotebookPanel-toolbar:visible").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for(timeout=180_000)
    page.wait_for_timeout(500)
    return dialog.inner_text()


def close_dialog(page) -> None:
    page.locator(".jp-Dialog-footer button").last.click()
    page.locator(".jp-Dialog-content").wait_for(state="detached")


def test_learner_runs_validates_and_passes(tmp_path, built_course):
    with LabServer(tmp_path) as lab, browser_page() as page:
        lab.get("/lab")
        open_notebook(page, lab)
        screenshot(page, "learner_01_opened")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        page.wait_for_timeout(3000)
        screenshot(page, "learner_02_ran_all")

        blank = validate(page)
        screenshot(page, "learner_03_validate_blank")
        assert "Not answered yet" in blank, blank
        assert "Traceback" not in blank, "the dialog shows a whole traceback"
        close_dialog(page)

        page.keyboard.press("Control+s")
        page.wait_for_timeout(1000)
        # The trainee answers every exercise (here: the instructor's answers, saved to disk),
        # and the notebook is reopened from disk.
        path = lab.workspace / NOTEBOOK
        source = nbformat.read(built_course / "source" / NOTEBOOK, as_version=4)
        nbformat.write(fill_answers(nbformat.read(path, as_version=4),
                                    instructor_answers(source)), path)
        page.reload()
        page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
        answered = validate(page)
        screenshot(page, "learner_04_validate_answered")
        assert "Success" in answered and "passes all the tests" in answered, answered
        close_dialog(page)

        # What the course writes: the lesson text and the cells' outputs (JupyterLab's own
        # editor and toolbars are JupyterLab's to fix).
        violations = serious_violations(page, {"include": [[".jp-RenderedHTMLCommon"],
                                                           [".jp-OutputArea-output"]]})
        assert not violations, "\n".join(violations)
