"""`investigator-course lab`: open JupyterLab on the learner's own copy of the course."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from .build import ensure_built
from .errors import UserError
from .nbgrader_runner import tool_env
from .paths import course_dir, repo_root, workspace_dir
from .workspace import sync_workspace


def add_arguments(parser) -> None:
    parser.add_argument("--no-browser", action="store_true",
                        help="start the server without opening a browser (print the address)")
    parser.add_argument("--port", type=int, default=8888, help="port to listen on (default 8888)")


def run(args) -> int:
    root = repo_root()
    if not 0 < args.port < 65536:
        raise UserError(f"--port must be between 1 and 65535, not {args.port}.")
    if not _port_free(args.port):
        raise UserError(f"port {args.port} is already in use; choose another with --port.")
    ensure_built(root)
    workspace = workspace_dir(root)
    try:
        messages = sync_workspace(course_dir(root) / "release", workspace)
    except PermissionError as problem:
        raise UserError(f"cannot write your workspace at {workspace}: {problem.strerror}."
                        ) from None
    for message in messages:
        print(f"workspace: {message}", flush=True)
    write_workspace_config(workspace, course_dir(root))
    print(f"Opening JupyterLab in {workspace} (stop it with Ctrl-C) ...", flush=True)
    command = [sys.executable, "-m", "jupyterlab", f"--port={args.port}",
               f"--ServerApp.root_dir={workspace}", "--ServerApp.port_retries=0"]
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    process = subprocess.Popen(command, cwd=workspace, env=tool_env())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=20)
        return 0


def write_workspace_config(workspace: Path, course: Path) -> None:
    """Point nbgrader's JupyterLab panels (Validate, Formgrader) at the course settings.

    Rewritten on every start, so that a moved course folder is followed.
    """
    config = course / "nbgrader_config.py"
    (workspace / "nbgrader_config.py").write_text(
        "# Written by `investigator-course lab`: use the course's nbgrader settings.\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(config)!r})  # noqa: F821\n"
    )


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
