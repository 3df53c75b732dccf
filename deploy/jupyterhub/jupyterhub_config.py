"""JupyterHub for an academy class on one server (see the README, "A class on JupyterHub").

Everything site-specific (ports, folders, groups, limits) comes from the settings file
that `investigator-course hub setup` writes; this file holds the choices:

* Authentication: PAM, i.e. the server's own Unix accounts, made from the class
  roster by `investigator-course hub add-trainees`. Only the instructors and
  trainees groups may log in. No extra service to run or pay for, and it works on a
  network without internet.
* Spawner: systemd when the machine runs it (a VM), so each user gets a memory and
  CPU limit from the kernel's cgroups; otherwise JupyterHub's LocalProcessSpawner,
  which runs the server as the user but cannot limit it (a container, the tests).
* Each server gets its role's Jupyter settings (`JUPYTER_CONFIG_PATH`): trainees
  have no Formgrader; instructors start in the shared course folder, and may use
  sudo, which `hub setup`'s rule limits to starting the grading kernel as the
  grading accounts (trainees' code never runs as an instructor).
* An idle culler stops servers nobody has used for an hour, so a class of 40 does
  not keep 40 kernels in memory overnight.
"""

import json
import os
import sys
from pathlib import Path

from investigator_course.grading.separate_account import DEFAULT_SETTINGS, SETTINGS_ENV
from investigator_course.hub.accounts import members

SETTINGS = Path(os.environ.get(SETTINGS_ENV) or DEFAULT_SETTINGS)
settings = json.loads(SETTINGS.read_text())
state = Path(settings["state_dir"])
instructors = settings["instructors_group"]
trainees = settings["trainees_group"]

c = get_config()  # noqa: F821 - injected by JupyterHub

c.JupyterHub.ip = settings["ip"]
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxy_api_port']}"
c.ConfigurableHTTPProxy.command = [settings["proxy"]]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {instructors, trainees}
c.PAMAuthenticator.open_sessions = False  # no login session (utmp, systemd-logind) per server

c.Spawner.default_url = "/lab"
c.Spawner.cmd = [settings["singleuser"]]
c.Spawner.http_timeout = 120  # a first start on a busy class server is slow
c.Spawner.start_timeout = 120
if Path("/run/systemd/system").is_dir():
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.mem_limit = settings["memory_limit"]
    c.SystemdSpawner.cpu_limit = float(settings["cpu_limit"])
    c.SystemdSpawner.disable_user_sudo = True  # instructors: see role_settings
    c.SystemdSpawner.isolate_tmp = True  # no trainee sees another's /tmp files
else:
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"


def role_settings(spawner):
    """Instructors get every nbgrader panel in the course folder; trainees their home."""
    role = "instructors" if spawner.user.name in members(instructors) else "trainees"
    spawner.environment["JUPYTER_CONFIG_PATH"] = str(Path(settings["jupyter_config"]) / role)
    spawner.environment["PATH"] = settings["python_bin"] + ":/usr/local/bin:/usr/bin:/bin"
    if role == "instructors":
        spawner.environment["JUPYTER_PATH"] = str(Path(settings["jupyter_config"]) / role / "data")
        # `grade` reads the grading accounts from the settings file
        spawner.environment[SETTINGS_ENV] = str(SETTINGS)
        spawner.notebook_dir = settings["course_dir"]
        if hasattr(spawner, "disable_user_sudo"):  # systemd: sudo, for the grading kernel
            spawner.disable_user_sudo = False
    else:
        spawner.notebook_dir = "~"


c.Spawner.pre_spawn_hook = role_settings

c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={int(settings['idle_timeout'])}"],
}]
