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
