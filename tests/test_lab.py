"""Item 9: `investigator-course lab` serves JupyterLab with nbgrader's extension enabled."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT

from investigator_course.nbgrader_runner import tool_env

TOKEN = "course-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


@pytest.mark.slow
def test_lab_serves_with_nbgrader_extension(tmp_path, built_course):
    port = free_port()
    workspace = tmp_path / "workspace"
    env = tool_env({"JUPYTER_TOKEN": TOKEN, "INVESTIGATOR_COURSE_WORKSPACE": str(workspace),
                    "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})
    log = (tmp_path / "lab.log").open("w")
    command = ["lab", "--no-browser", "--port", str(port)]
    server = subprocess.Popen([sys.executable, "-m", "investigator_course.cli", *command],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        page, deadline = None, time.monotonic() + 90
        while page is None and time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"lab exited early:\n{(tmp_path / 'lab.log').read_text()}")
            try:
                status, page = fetch(f"http://127.0.0.1:{port}/lab?token={TOKEN}")
            except OSError:
                time.sleep(0.5)
        assert page is not None, "JupyterLab did not answer on /lab within 90 s"
        assert status == 200
        config = json.loads(re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
            page, re.S).group(1))
        names = {ext["name"] for ext in config.get("federated_extensions", [])}
        assert "@jupyter/nbgrader" in names, f"nbgrader lab extension not loaded: {sorted(names)}"
        disabled = [d for d in config.get("disabledExtensions", []) if "nbgrader" in d]
        assert not disabled, f"nbgrader plugins disabled: {disabled}"
        assert any(workspace.glob("*/*.ipynb")), "the learner workspace was not created"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
