"""`investigator-course lab` serves JupyterLab with nbgrader's extension: the learner's
workspace with Validate, and with `--instructor` the course folder with Formgrader."""

from __future__ import annotations

import json

import pytest

from tests.support.lab import LabServer


@pytest.mark.slow
def test_learner_lab_serves_the_workspace_with_nbgrader_validate(tmp_path, built_course):
    with LabServer(tmp_path) as lab:
        config = lab.page_config()
        names = {ext["name"] for ext in config.get("federated_extensions", [])}
        assert "@jupyter/nbgrader" in names, f"nbgrader lab extension not loaded: {sorted(names)}"
        disabled = set(config.get("disabledExtensions", []))
        assert "@jupyter/nbgrader:validate-assignment" not in disabled, "no Validate button"
        for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:menu"):
            assert plugin in disabled, f"a learner's lab shows {plugin}, an instructor's panel"
        assert lab.get("/formgrader")[0] == 404, "the formgrader server extension is running"
        assert any(lab.workspace.glob("*/*.ipynb")), "the learner workspace was not created"
        assert not (lab.workspace / "nbgrader_config.py").exists(), "a config file among the work"
        blank = sorted(lab.workspace.glob("00_orientation/00_orientation.ipynb"))[0]
        answer = lab.validate(blank.relative_to(lab.workspace).as_posix())
    log = lab.log_path.read_text()
    assert "[E " not in log, f"the learner's lab logged an error:\n{log}"
    # Validate on a blank notebook: one short entry per test cell, each ending in its message
    assert answer["success"], answer
    failed = answer["value"]["failed"]
    tests = [c for c in json.loads(blank.read_text())["cells"]
             if c.get("metadata", {}).get("nbgrader", {}).get("grade")
             and c["cell_type"] == "code"]
    assert len(failed) == len(tests)
    for item in failed:
        assert len(item["source"].splitlines()) <= 3, item["source"]
        assert "Not answered yet" in item["raw_error"] or "not defined" in item["raw_error"]
    shown = sum(len(item["source"]) + len(item["raw_error"]) for item in failed)
    code = sum(len("".join(c["source"])) for c in tests)
    assert shown < code / 3, f"Validate shows {shown} characters for {code} of test code"


@pytest.mark.slow
def test_instructor_lab_opens_the_course_with_formgrader(tmp_path, built_course):
    with LabServer(tmp_path, "--instructor") as lab:
        config = lab.page_config()
        disabled = [d for d in config.get("disabledExtensions", []) if "nbgrader" in d]
        assert not disabled, f"nbgrader plugins disabled for the instructor: {disabled}"
        status, page = lab.get("/formgrader/manage_assignments")
        assert status == 200 and "nbgrader" in page, "Formgrader does not answer"
    log = lab.log_path.read_text()
    assert "not a subdirectory of the notebook server root" not in log, log


@pytest.mark.slow
def test_formgrader_on_a_course_without_an_exchange_offline_in_the_course_zone(
        tmp_path, tiny_course):
    """A course graded from files: Formgrader shows no missing-exchange warning, due dates
    in the zone given (not UTC), and loads MathJax from the lab server, not a CDN."""
    from nbgrader.api import Gradebook
    from nbgrader.utils import to_numeric_tz

    from investigator_course.tooling.lab import LOCAL_MATHJAX
    from tests.support.course import run_cli_here
    from tests.support.grading import TINY, correct_notebook
    from tests.support.trainees import write_notebook

    course = tiny_course("instructor-lab")
    folder = tmp_path / "handed_in"
    folder.mkdir()
    write_notebook(correct_notebook(course), folder / "alice.ipynb")
    graded = run_cli_here("grade", TINY, "--from", str(folder), "--course-dir", str(course),
                          "--due", "2026-03-02 17:00:00 America/Chicago", "--jobs", "1")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        page_id = gradebook.find_submission_notebook("tiny", TINY, "alice").id
    with LabServer(tmp_path, "--instructor", "--course-dir", str(course),
                   "--timezone", "America/Chicago") as lab:
        status, page = lab.get("/formgrader/manage_assignments")
        assert status == 200 and 'id="warning-exchange"' not in page, page
        status, listing = lab.get("/formgrader/api/assignments")
        tiny = next(a for a in json.loads(listing) if a["name"] == TINY)
        assert tiny["duedate_timezone"] == to_numeric_tz("America/Chicago")
        assert tiny["duedate_notimezone"].startswith("2026-03-02T17:00:00")  # local, not 23:00
        status, page = lab.get(f"/formgrader/submissions/{page_id}/")
        assert status == 200, page
        assert LOCAL_MATHJAX.split("?")[0] in page and "cdnjs" not in page
        status, script = lab.get(LOCAL_MATHJAX.split("?")[0])
        assert status == 200 and "MathJax" in script
    log = lab.log_path.read_text()
    assert "exchange directory" not in log.lower(), log
