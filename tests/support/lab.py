"""`investigator-course lab` started in the background for a test, stopped on exit.

Used by the lab tests (HTTP) and the browser tests (Chromium driven by Playwright).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import psutil
import pytest

from investigator_course.nbgrader_integration.runner import tool_env
from tests.support.course import ROOT

TOKEN = "course-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


class LabServer:
    """`investigator-course lab ...` started in the background, stopped on exit."""

    def __init__(self, tmp_path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / f"lab-{self.port}.log"
        self.workspace = tmp_path / "workspace"
        env = tool_env({"JUPYTER_TOKEN": TOKEN,
                        "INVESTIGATOR_COURSE_WORKSPACE": str(self.workspace),
                        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
                        # no tabs or settings left over from the machine's own JupyterLab
                        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
                        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-settings")})
        self.log = self.log_path.open("w")
        command = ["lab", "--no-browser", "--port", str(self.port), *options]
        self.server = subprocess.Popen(
            [sys.executable, "-m", "investigator_course.cli", *command],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        children = psutil.Process(self.server.pid).children(recursive=True)
        self.server.terminate()
        try:
            self.server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.server.kill()
        _, alive = psutil.wait_procs(children, timeout=30)
        for process in alive:
            process.kill()
        self.log.close()
        assert not alive, "stopping `investigator-course lab` left JupyterLab running"

    def get(self, path: str) -> tuple[int, str]:
        """GET a page once the server answers (waiting up to 90 s for it to start)."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                pytest.fail(f"lab exited early:\n{self.log_path.read_text()}")
            try:
                return fetch(f"http://127.0.0.1:{self.port}{path}?token={TOKEN}")
            except urllib.error.HTTPError as answer:
                return answer.code, ""
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"JupyterLab did not answer on {path} within 90 s")

    def validate(self, path: str) -> dict:
        """What the Validate button gets back for a notebook of the workspace."""
        self.get("/lab")  # the server is up
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/assignments/validate",
            data=urllib.parse.urlencode({"path": path}).encode(),
            headers={"Authorization": f"token {TOKEN}"}, method="POST")
        with urllib.request.urlopen(request, timeout=180) as response:
            return json.loads(response.read().decode("utf-8"))

    def page_config(self) -> dict:
        status, page = self.get("/lab")
        assert status == 200
        return json.loads(re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
            page, re.S).group(1))
