"""Grading as separate accounts (the academy hub), where no hub runs: the plain refusal.

The whole path (sudo, the grading accounts, a ctypes attempt refused by the operating
system) is tested through a real hub in tests/hub/; here, only what an instructor sees
when their account may not start the grading kernel as the configured accounts.
"""

from __future__ import annotations

import json

from investigator_course.cli import main
from investigator_course.grading import separate_account
from tests.support.grading import TINY, TINY_NOTEBOOK, correct_notebook
from tests.support.trainees import submit


def test_settings_name_the_grading_accounts(tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    monkeypatch.setenv(separate_account.SETTINGS_ENV, str(settings))
    assert separate_account.configured_accounts() == []  # no hub on this machine
    settings.write_text(json.dumps({"grading_accounts": ["course-grading-1"]}))
    assert separate_account.configured_accounts() == ["course-grading-1"]


def test_grade_stops_with_a_plain_message_when_sudo_refuses(tiny_course, tmp_path, monkeypatch,
                                                            capsys):
    course = tiny_course("accounts")
    submit(course, "ana", TINY, {TINY_NOTEBOOK: correct_notebook(course)})
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"grading_accounts": ["no-such-grading-account"]}))
    monkeypatch.setenv(separate_account.SETTINGS_ENV, str(settings))
    assert main(["grade", TINY, "--course-dir", str(course)]) == 1
    error = capsys.readouterr().err
    assert "no-such-grading-account" in error and "sudo" in error, error
    assert "Traceback" not in error
    assert not (course / "autograded").exists()  # nothing graded as the instructor instead
