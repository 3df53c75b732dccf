"""One grading worker: a long-lived process that autogrades trainees with nbgrader's API.

`grade.py` starts N of these (one per core by default). Each loads nbgrader
and the course configuration once (nbgrader's start-up costs about 2.5 s, so
one process per trainee would be slower than plain `nbgrader autograde`) and
then grades whichever trainee the parent hands it, one at a time, with
nbgrader's `NbGraderAPI.autograde` (nbgrader_integration/autograde.py): the
same converter, preprocessors, configuration and kernel start per notebook as
`nbgrader autograde`.

Differences, all outside the grade computation:

* gradebook: the worker's own copy (`--CourseDirectory.db_url`, a shard),
  merged into the course gradebook by the parent in one transaction;
* input: the repaired staging copy (`CourseDirectory.submitted_directory`);
* output: a private folder per trainee (`CourseDirectory.autograded_directory`),
  so the trainee's kernel runs with its working directory in a private copy;
* kernel: the `python3` kernel spec in a private JUPYTER_PATH is the grading
  sandbox (see sandbox.py); on the academy hub it runs as the worker's grading
  account (separate_account.py).

Protocol (JSON lines): the parent writes a settings object, then one
`{"student": ID}` per trainee; the worker answers `{"event": "ready"}` once, then
`{"event": "start", ...}` and `{"event": "done", ...}` per trainee.
"""

from __future__ import annotations

import sys

# jsonschema (under nbformat) imports rfc3987_syntax when it is installed, which
# builds a parser grammar at import time: 1.5-2.5 s per process on a small
# machine. nbformat never checks IRI formats, so a worker goes without it;
# jsonschema has no setting for this, so the module is marked as absent, which
# is how Python's import system documents it (a None entry in sys.modules).
# tests/test_nbgrader_integration.py says when the reason for this is gone.
SKIPPED_IMPORTS = ("rfc3987_syntax",)
for _name in SKIPPED_IMPORTS:
    sys.modules.setdefault(_name, None)

import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

from . import sandbox, separate_account  # noqa: E402


class Collect(logging.Handler):
    """Keep nbgrader's warnings and errors about the current trainee."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if "Kernel is running over TCP" in text:
            return
        self.records.append(f"{record.levelname}: {text}"[:2000])


PROTOCOL = {"in": sys.stdin, "out": sys.stdout}


def private_channels() -> None:
    """Keep the protocol away from fds 0 and 1, which every kernel inherits.

    A trainee's code can write to file descriptor 1 directly (or read 0); the
    parent's messages travel on duplicates that child processes do not inherit
    (PEP 446), and 0/1 become /dev/null and the worker's log.
    """
    PROTOCOL["in"] = os.fdopen(os.dup(0), "r", encoding="utf-8")
    PROTOCOL["out"] = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stdout = sys.stderr


def emit(message: dict) -> None:
    PROTOCOL["out"].write(json.dumps(message) + "\n")
    PROTOCOL["out"].flush()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    private_channels()
    settings = json.loads(PROTOCOL["in"].readline())
    os.chdir(settings["course"])
    from nbgrader.apps.autogradeapp import AutogradeApp

    from ..nbgrader_integration.autograde import api_for, autograde_one

    app = AutogradeApp.instance()
    app.initialize([
        settings["assignment"],
        f"--CourseDirectory.db_url={settings['db_url']}",
        f"--CourseDirectory.submitted_directory={settings['staging']}",
        *settings.get("nbgrader_args", []),
    ])
    api = api_for(app)
    collect = Collect()
    app.log.addHandler(collect)
    os.environ[sandbox.ENV_PROTECT] = os.pathsep.join(settings["protect"])
    os.environ[sandbox.ENV_MEMORY] = str(settings.get("memory", 0))
    os.environ[sandbox.ENV_CPU] = str(settings.get("cpu", 0))
    os.environ[sandbox.ENV_FSIZE] = str(settings.get("fsize", 0))
    if settings.get("account"):  # the academy hub: kernels run as this grading account
        os.environ[separate_account.ENV_ACCOUNT] = settings["account"]
    zygote = start_zygote() if settings.get("warm") else None
    emit({"event": "ready", "pid": os.getpid()})

    for line in PROTOCOL["in"]:
        student = json.loads(line)["student"]
        own = os.path.join(settings["private"], student)
        os.makedirs(own, exist_ok=True)
        os.environ[sandbox.ENV_OWN] = own
        os.environ[sandbox.ENV_LOG] = os.path.join(settings["events"], f"{student}.jsonl")
        app.coursedir.autograded_directory = os.path.join(own, "autograded")
        collect.records = []
        emit({"event": "start", "student": student})
        started = time.monotonic()
        # nbgrader failing on one trainee must not stop the rest
        ok, error, extra = autograde_one(api, settings["assignment"], student)
        collect.records.extend(extra)
        emit({"event": "done", "student": student, "ok": ok, "error": error,
              "log": collect.records, "seconds": round(time.monotonic() - started, 2)})
    if zygote is not None:
        zygote.stdin.close()
        zygote.wait(timeout=10)
    return 0


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def start_zygote():
    """The warm-kernel zygote for this worker (sandbox.py), or None to use fresh kernels."""
    import subprocess
    import tempfile

    path = os.path.join(tempfile.gettempdir(), f"investigator-zygote-{os.getpid()}.sock")
    if len(path) > 100:  # AF_UNIX path limit: fall back to a fresh kernel per notebook
        return None
    if os.path.exists(path):
        os.unlink(path)
    process = subprocess.Popen(
        [sys.executable, "-m", "investigator_course.grading.sandbox", "--zygote", path],
        stdin=subprocess.PIPE, stdout=2, stderr=2, env={**os.environ, **sandbox.THREAD_ENV},
    )
    os.environ[sandbox.ENV_ZYGOTE] = path
    import atexit

    atexit.register(_remove, path)
    return process


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
