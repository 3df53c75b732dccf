"""Run nbgrader commands for the course, with the environment they need.

nbgrader shells out to `alembic` to migrate the gradebook, so the folder that
holds this Python's executables must be on PATH, even when the course tools
were started without activating the virtual environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..errors import UserError


def own_bin_first(path: str) -> str:
    """PATH with this environment's programs first: nbgrader runs `alembic` as a program."""
    bin_dir = str(Path(sys.executable).parent)
    parts = [p for p in path.split(os.pathsep) if p and p != bin_dir]
    return os.pathsep.join([bin_dir, *parts])


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = own_bin_first(env.get("PATH", ""))
    env.setdefault("PYTHONUNBUFFERED", "1")
    # Kernels inherit this: with a fixed hash seed, code that iterates over a set (a graph's
    # nodes, say) runs the same way every time, so the executed answer keys in solutions/
    # come out byte for byte the same on every build and `git status` stays clean.
    env.setdefault("PYTHONHASHSEED", "0")
    env.update(extra or {})
    return env


def run_nbgrader(args: list[str], course: Path, *, check: bool = True,
                 capture: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess:
    """`nbgrader ARGS` inside the course directory; a failure becomes a UserError with its log."""
    command = [sys.executable, "-m", "nbgrader", *args]
    result = subprocess.run(
        command, cwd=course, env=tool_env(), text=True, timeout=timeout,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )
    if check and result.returncode != 0:
        tail = "\n".join((result.stdout or "").strip().splitlines()[-15:])
        raise UserError(f"`nbgrader {' '.join(args)}` failed:\n{tail}")
    return result
