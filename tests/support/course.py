"""The repository under test, its built assignments, and running the command line."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from investigator_course.course_map import built_assignments
from investigator_course.nbgrader_integration.runner import tool_env

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "course"
ASSIGNMENT_IDS = [a.id for a in built_assignments(ROOT)]


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `investigator-course ARGS` the way a user would, in a new process, capturing its
    output; `env` adds to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "investigator_course.cli", *args], cwd=cwd, text=True,
        capture_output=True, env=tool_env(env), timeout=timeout,
    )


def run_cli_here(*args: str) -> subprocess.CompletedProcess:
    """`investigator-course ARGS`, run inside this process with its output captured.

    The command's own work (nbgrader, the grading workers) still runs in
    subprocesses; running the entry point in-process saves the two to three
    seconds each new Python spends importing nbformat and nbgrader. It runs with
    this process's environment and working folder; a test that needs another
    environment, a time limit or a real process (Ctrl-C) uses `run_cli`.
    """
    from investigator_course import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as stop:  # argparse errors
            code = stop.code if isinstance(stop.code, int) else 2
    return subprocess.CompletedProcess(["investigator-course", *args], code, out.getvalue(),
                                       err.getvalue())
