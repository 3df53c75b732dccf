"""A real JupyterHub on loopback with real Unix accounts, for the academy tests.

`AcademyHub` copies the course repository to a temporary folder, makes an
instructors and a trainees group and their accounts with the course's own
commands (`hub add-trainees`, `hub add-instructors`, `hub setup`), starts
`jupyterhub -f deploy/jupyterhub/jupyterhub_config.py` with its proxy, and drives
it the way a browser does: log in with the password, ask for an API token, start
the user's server, then call nbgrader's REST handlers on that server. `close()`
stops every process and removes every account, group and folder it made.
"""

from __future__ import annotations

import csv
import grp
import json
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from investigator_course.hub.setup import sudoers_file
from tests.support.course import ROOT
from tests.support.lab import free_port

PREFIX = "ictest"
INSTRUCTORS = f"{PREFIX}-instructors"
TRAINEES = f"{PREFIX}-trainees"
GRADING_ACCOUNTS = [f"{PREFIX}-kernel-1", f"{PREFIX}-kernel-2"]  # hub setup's, renamed
PROXY = ROOT / "deploy/jupyterhub/node_modules/.bin/configurable-http-proxy"
# The hub and every user's server run from an environment every account can execute
# (the project's .venv may use a Python under root's home); install.sh makes it.
HUB_ENV = ROOT / ".hub-venv"
HUB_PYTHON = HUB_ENV / "bin" / "python"
SYSTEM_PYTHON = Path("/usr/bin/python3")
HUB_CONFIG = ROOT / "deploy/jupyterhub/jupyterhub_config.py"
# Not copied into the academy's repository: environments, caches, earlier grading.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", "node_modules", "workspace", "__pycache__", ".pytest_cache",
    ".ruff_cache", ".hub-venv", "gradebook.db", "submitted", "autograded", "feedback", "reports",
    "artifacts", "*.egg-info")


def missing_requirements() -> str | None:
    """Why this machine cannot run a real hub, or None."""
    if os.geteuid() != 0:
        return "the hub test creates Unix accounts and needs root"
    for tool in ("useradd", "userdel", "groupadd", "chpasswd", "runuser", "sudo", "visudo"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    if not PROXY.is_file():
        return "configurable-http-proxy is missing: npm ci --prefix deploy/jupyterhub"
    if not SYSTEM_PYTHON.is_file():
        return "the hub's environment needs the system Python (/usr/bin/python3)"
    return None


def ensure_hub_env() -> None:
    """The hub's environment, as install.sh makes it; remade when pyproject.toml changes."""
    stamp = HUB_ENV / ".pyproject"
    wanted = (ROOT / "pyproject.toml").read_text()
    if stamp.is_file() and stamp.read_text() == wanted and HUB_PYTHON.is_file():
        return
    print("\nmaking the hub's environment (deploy/jupyterhub/install.sh --env-only) ...",
          flush=True)
    shutil.rmtree(HUB_ENV, ignore_errors=True)
    subprocess.run(["bash", str(ROOT / "deploy/jupyterhub/install.sh"), "--env-only",
                    str(HUB_ENV)], check=True, env={**os.environ, "PYTHON": str(SYSTEM_PYTHON)})
    stamp.write_text(wanted)


def cli(*args: str, user: str | None = None, env: dict | None = None,
        check: bool = True) -> subprocess.CompletedProcess:
    """`investigator-course ARGS`, as root or (with runuser) as one of the test's accounts."""
    command = [str(HUB_PYTHON), "-m", "investigator_course.cli", *args]
    if user:
        command = ["runuser", "-u", user, "--", "env", *[f"{k}={v}" for k, v in
                                                         (env or {}).items()], *command]
    result = subprocess.run(command, capture_output=True, text=True, cwd="/",
                            env=None if user else {**os.environ, **(env or {})})
    if check:
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


class AcademyHub:
    def __init__(self, instructors: list[str], trainees: list[str]):
        self.instructors, self.trainees = instructors, trainees
        self.remove_accounts()  # what a crashed earlier run may have left
        self.base = Path(tempfile.mkdtemp(prefix="ic-hub-", dir="/tmp"))
        self.base.chmod(0o755)  # every account's server reads the course copy's environment
        self.repo = self.base / "repo"
        self.settings = self.base / "etc" / "settings.json"
        self.exchange = self.base / "exchange"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = self.base / "jupyterhub.log"
        self.passwords: dict[str, str] = {}
        self.sessions: dict[str, requests.Session] = {}
        self.tokens: dict[str, str] = {}

    # -- setting up, as the academy's administrator would -------------------------------
    def install(self) -> None:
        ensure_hub_env()
        shutil.copytree(ROOT, self.repo, ignore=NOT_COPIED, symlinks=True)
        roster = self.base / "roster.csv"
        with roster.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "first_name", "last_name"])
            writer.writerows([t, "Trainee", t[-1].upper()] for t in self.trainees)
        cli("hub", "setup", "--repo", str(self.repo), "--config-dir", str(self.settings.parent),
            "--state-dir", str(self.base / "state"), "--exchange", str(self.exchange),
            "--ip", "127.0.0.1", "--port", str(self.port), "--hub-port", str(free_port()),
            "--proxy-api-port", str(free_port()), "--proxy", str(PROXY),
            "--instructors-group", INSTRUCTORS, "--trainees-group", TRAINEES,
            "--grading-account-prefix", f"{PREFIX}-kernel", "--grading-homes",
            str(self.base / "grading"))
        passwords = self.base / "first-passwords.csv"
        cli("hub", "add-trainees", str(roster), "--settings", str(self.settings),
            "--passwords", str(passwords))
        cli("hub", "add-instructors", *self.instructors, "--settings", str(self.settings),
            "--passwords", str(passwords))
        with passwords.open() as handle:
            self.passwords = {row["id"]: row["first_password"] for row in csv.DictReader(handle)}
        # The academy builds the course once, as the instructor, in the shared folder.
        cli("build", "00_orientation", "--course-dir", str(self.repo / "course"),
            user=self.instructors[0], env=self.role_env(self.instructors[0]))

    def start(self) -> None:
        env = {**os.environ, "INVESTIGATOR_HUB_SETTINGS": str(self.settings)}
        self.process = subprocess.Popen(
            [str(HUB_ENV / "bin" / "jupyterhub"), "-f", str(HUB_CONFIG)],
            cwd=self.base / "state", env=env, stdout=self.log.open("a"),
            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/hub/health", timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError(f"the hub did not start:\n{self.log.read_text()[-3000:]}")

    def restart(self) -> None:
        """Stop the hub (and with it the proxy and the users' servers) and start it again."""
        self.stop()
        self.start()

    # -- a user at the hub ----------------------------------------------------------------
    def login(self, user: str, password: str | None = None) -> requests.Response:
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=10)
        response = session.post(
            f"{self.url}/hub/login?next=", timeout=30, allow_redirects=False,
            data={"username": user, "password": password or self.passwords[user],
                  "_xsrf": session.cookies.get("_xsrf", "")})
        self.sessions[user] = session
        return response

    def token(self, user: str) -> str:
        session = self.sessions[user]
        response = session.post(f"{self.url}/hub/api/users/{user}/tokens", timeout=10,
                                headers={"X-XSRFToken": session.cookies.get("_xsrf", "")},
                                json={"note": "e2e test", "expires_in": 3600})
        assert response.status_code == 201, response.text
        self.tokens[user] = response.json()["token"]
        return self.tokens[user]

    def api(self, user: str, method: str, path: str, **kwargs) -> requests.Response:
        """A call to the user's own single-user server, with their token."""
        headers = {"Authorization": f"token {self.tokens[user]}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}/user/{user}/{path.lstrip('/')}",
                                headers=headers, timeout=kwargs.pop("timeout", 120), **kwargs)

    def start_server(self, user: str) -> None:
        headers = {"Authorization": f"token {self.tokens[user]}"}
        response = requests.post(f"{self.url}/hub/api/users/{user}/server", headers=headers,
                                 timeout=30)
        assert response.status_code in (201, 202, 400), response.text
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            state = requests.get(f"{self.url}/hub/api/users/{user}", headers=headers,
                                 timeout=10).json()
            server = state.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(1)
        raise AssertionError(f"{user}'s server did not start:\n{self.log.read_text()[-3000:]}")

    def start_after_crash(self, user: str) -> None:
        """Start the user's server again once the hub has noticed it died (it polls the
        server when asked to start it; until then it answers "already running")."""
        headers = {"Authorization": f"token {self.tokens[user]}"}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            response = requests.post(f"{self.url}/hub/api/users/{user}/server",
                                     headers=headers, timeout=30)
            if response.status_code in (201, 202):
                return self.start_server(user)
            time.sleep(1)
        raise AssertionError(f"the hub did not notice that {user}'s server had died")

    def put_notebook(self, user: str, path: str, notebook: dict) -> None:
        response = self.api(user, "PUT", f"api/contents/{path}",
                            json={"type": "notebook", "format": "json", "content": notebook})
        assert response.status_code in (200, 201), response.text

    def get_file(self, user: str, path: str) -> dict:
        response = self.api(user, "GET", f"api/contents/{path}")
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text}"
        return response.json()

    def as_user(self, user: str, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True,
                              text=True, cwd="/")

    def role_env(self, user: str) -> dict[str, str]:
        """The environment the hub gives the user's server (and its terminals)."""
        jupyter = json.loads(self.settings.read_text())["jupyter_config"]
        role = "instructors" if user in self.instructors else "trainees"
        env = {"JUPYTER_CONFIG_PATH": f"{jupyter}/{role}", "HOME": f"/home/{user}",
               "PATH": f"{HUB_ENV / 'bin'}:/usr/bin:/bin"}
        if role == "instructors":
            env["INVESTIGATOR_HUB_SETTINGS"] = str(self.settings)
        return env

    def cli_as(self, user: str, *args: str) -> subprocess.CompletedProcess:
        """`investigator-course ARGS` typed in the user's JupyterLab terminal."""
        return cli(*args, user=user, env=self.role_env(user))

    # -- tearing down -------------------------------------------------------------------------
    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def close(self) -> None:
        self.stop()
        self.remove_accounts()
        if not os.environ.get("KEEP_HUB_TEST_FILES"):  # for a person debugging a failure
            shutil.rmtree(self.base, ignore_errors=True)

    def remove_accounts(self) -> None:
        people = [*self.instructors, *self.trainees, *GRADING_ACCOUNTS]
        for user in people:
            subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True)
        time.sleep(0.5)
        sudoers_file(INSTRUCTORS).unlink(missing_ok=True)
        for user in people:
            try:
                pwd.getpwnam(user)
            except KeyError:
                continue
            subprocess.run(["userdel", "--remove", user], capture_output=True)
        for group in (INSTRUCTORS, TRAINEES, *GRADING_ACCOUNTS):  # an account's own group
            try:
                grp.getgrnam(group)
            except KeyError:
                continue
            subprocess.run(["groupdel", group], capture_output=True)
