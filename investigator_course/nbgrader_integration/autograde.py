"""One trainee through nbgrader's `NbGraderAPI.autograde`, the call formgrader itself uses.

The API runs nbgrader's `Autograde` converter for one student with the
configuration of the app it hangs off, and reports the outcome as
`{"success": ..., "error": traceback, "log": ...}` instead of raising.
`autograde_one` turns that into the worker's `(ok, error, log lines)`.
"""

from __future__ import annotations

import glob
import logging


def api_for(app):
    """An `NbGraderAPI` on an initialized nbgrader app's configuration, course folder and log."""
    from nbgrader.apps.api import NbGraderAPI

    # Its constructor looks at the JupyterHub exchange, which grading does not use; where
    # there is none it logs a critical error for nothing, so that step logs nowhere.
    quiet = logging.getLogger(f"{__name__}.exchange")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    api = NbGraderAPI(coursedir=app.coursedir, parent=app, log=quiet)
    api.log = app.log  # what grading a trainee logs goes to the app's log, as before
    return api


def _reason(error: str) -> tuple[str, bool]:
    """The one-line reason for a failure from its traceback; True when it is unexpected."""
    last = error.strip().splitlines()[-1] if error.strip() else "nbgrader failed"
    name, _, message = last.partition(": ")
    short = name.rsplit(".", 1)[-1]
    if short == "NbGraderException":  # nbgrader logged the cause already
        return message, False
    if short == "SystemExit":  # nbgrader's `fail()` exits; this trainee only
        return f"nbgrader stopped (exit code {message or None})", False
    return f"{short}: {message}" if message else short, True


def autograde_one(api, assignment: str, student: str) -> tuple[bool, str, list[str]]:
    """Autograde one trainee; (ok, why not, extra log lines for an unexpected failure)."""
    # nbgrader reads the student id as a glob pattern
    result = api.autograde(assignment, glob.escape(student), force=True, create=True)
    if result["success"]:
        return True, "", []
    reason, unexpected = _reason(result.get("error", ""))
    if reason.startswith("KeyboardInterrupt"):  # Ctrl-C or SIGTERM: the caller stops
        raise KeyboardInterrupt
    return False, reason, ["ERROR: " + result["error"][-2000:]] if unexpected else []
