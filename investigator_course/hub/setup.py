"""`investigator-course hub setup`: everything the hub needs on this machine but the hub.

Writes the settings file that `deploy/jupyterhub/jupyterhub_config.py` reads, and two
Jupyter configuration folders, one per role, that each single-user server is pointed
at (`JUPYTER_CONFIG_PATH`, set by the hub from the user's Unix group):

* instructors: nbgrader's course folder, course id and exchange; every nbgrader panel;
  the server starts in the shared course folder (Formgrader needs that) with umask 002
  so another instructor can grade in it too; Formgrader shows times in the academy's
  zone and takes MathJax from the server, not a CDN (`data/`, a JUPYTER_PATH entry);
* trainees: the course id and exchange only; no Formgrader, Create Assignment or course
  list (server extensions and JupyterLab plugins off); Validate with plain messages.

Both allow nbgrader's own pages to be framed by JupyterLab: JupyterHub 4.1 and later
send `Content-Security-Policy: frame-ancestors 'none'` from single-user servers unless
the server sets its own policy, which blanks the Formgrader tab (nbgrader #1870).

It also makes the exchange folder, the two groups, and closes the course repository's
private folders (course/, solutions/, tests/: the gradebook, submissions, answer keys)
to everyone outside the instructors group. And it makes the grading accounts
(`course-grading-1`, ...) with the sudo rule that lets instructors start the grading
kernel as them: while grading, trainees' code runs as an account that can read none
of that (grading/separate_account.py).
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from ..errors import UserError
from ..grading.separate_account import DEFAULT_SETTINGS, MODULE_ARGS, SETTINGS_ENV
from ..nbgrader_integration.config import load_config
from ..paths import course_dir as course_dir_of
from ..tooling.lab import check_timezone, local_timezone, write_local_mathjax
from . import accounts

# One place for where the settings live: `grade` reads them too (the grading accounts).
DEFAULT_CONFIG_DIR = Path(DEFAULT_SETTINGS).parent
DEFAULT_STATE_DIR = Path("/var/lib/investigator-course/hub")
DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")  # nbgrader's own default
DEFAULT_GRADING_HOMES = Path("/var/lib/investigator-course/grading")
SUDOERS_DIR = Path("/etc/sudoers.d")
SETTINGS_FILE = Path(DEFAULT_SETTINGS).name
# Folders of the course repository a trainee must not read: the gradebook, every
# submission and answer key (course/), the executed answer keys (solutions/) and the
# recorded alternative answers (tests/).
PRIVATE_FOLDERS = ("course", "solutions", "tests", ".git")
FRAMING_POLICY = {"Content-Security-Policy": "frame-ancestors 'self'"}
TRAINEE_OFF_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",  # replaced by the plain-message one
)
TRAINEE_OFF_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyterlab/apputils-extension:announcements",
)


def add_arguments(parser) -> None:
    parser.add_argument("--repo", metavar="DIR", default=None,
                        help="the course repository the academy uses (default: this one)")
    parser.add_argument("--config-dir", metavar="DIR", default=str(DEFAULT_CONFIG_DIR),
                        help=f"where the hub's settings go (default {DEFAULT_CONFIG_DIR})")
    parser.add_argument("--state-dir", metavar="DIR", default=str(DEFAULT_STATE_DIR),
                        help=f"the hub's database and secrets (default {DEFAULT_STATE_DIR})")
    parser.add_argument("--exchange", metavar="DIR", default=str(DEFAULT_EXCHANGE),
                        help=f"nbgrader's exchange folder (default {DEFAULT_EXCHANGE})")
    parser.add_argument("--ip", default="0.0.0.0", help="address the hub listens on")
    parser.add_argument("--port", type=int, default=8000, help="port the hub listens on")
    parser.add_argument("--hub-port", type=int, default=8081,
                        help="port of the hub's own API on 127.0.0.1 (default 8081)")
    parser.add_argument("--proxy-api-port", type=int, default=8001,
                        help="port of the proxy's API on 127.0.0.1 (default 8001)")
    parser.add_argument("--proxy", metavar="PATH", default=None,
                        help="configurable-http-proxy (default: found on PATH or in "
                             "deploy/jupyterhub/node_modules)")
    parser.add_argument("--instructors-group", default="course-instructors")
    parser.add_argument("--trainees-group", default="course-trainees")
    parser.add_argument("--memory", default="2G",
                        help="memory limit per user, where the spawner can enforce it "
                             "(systemd); default 2G")
    parser.add_argument("--cpus", type=float, default=1.0,
                        help="CPU limit per user (systemd); default 1.0")
    parser.add_argument("--timezone", metavar="ZONE", default=None,
                        help="the zone Formgrader shows due dates in (default: this machine's)")
    parser.add_argument("--grading-accounts", type=int, default=2, metavar="N",
                        help="unprivileged accounts that run trainees' code while grading, one "
                             "per grading worker (default 2: `grade --jobs` uses at most N)")
    parser.add_argument("--grading-account-prefix", default="course-grading",
                        help="their names: PREFIX-1, PREFIX-2, ...")
    parser.add_argument("--grading-homes", metavar="DIR", default=str(DEFAULT_GRADING_HOMES),
                        help="where their home folders go")
    parser.add_argument("--idle-minutes", type=int, default=60,
                        help="stop a server nobody has used for this long (default 60)")


def run(args) -> int:
    accounts.require_root()
    repo = Path(args.repo).resolve() if args.repo else course_dir_of().parent.resolve()
    course = repo / "course"
    if not (course / "course.toml").is_file():
        raise UserError(f"{repo} is not a copy of the course repository (no course/course.toml).")
    config_dir, state_dir = Path(args.config_dir).resolve(), Path(args.state_dir).resolve()
    exchange = Path(args.exchange).resolve()
    settings = {
        "ip": args.ip, "port": args.port, "hub_port": args.hub_port,
        "proxy_api_port": args.proxy_api_port,
        "repo": str(repo), "course_dir": str(course),
        "course_id": load_config(course).course_id,
        "exchange": str(exchange), "state_dir": str(state_dir),
        "jupyter_config": str(config_dir / "jupyter"),
        "singleuser": str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        "python_bin": str(Path(sys.executable).parent),
        "proxy": str(find_proxy(args.proxy, repo)),
        "instructors_group": args.instructors_group, "trainees_group": args.trainees_group,
        "memory_limit": args.memory, "cpu_limit": args.cpus,
        "idle_timeout": args.idle_minutes * 60,
        "timezone": check_timezone(args.timezone) if args.timezone else local_timezone(),
        "grading_accounts": [f"{args.grading_account_prefix}-{n}"
                             for n in range(1, args.grading_accounts + 1)],
    }
    if args.grading_accounts < 1:
        raise UserError("--grading-accounts must be at least 1.")
    for group in (args.instructors_group, args.trainees_group):
        accounts.ensure_group(group)
    make_grading_accounts(settings, Path(args.grading_homes))
    write_settings(settings, config_dir)
    make_exchange(exchange, settings["course_id"], args.instructors_group)
    state_dir.mkdir(parents=True, exist_ok=True)
    state_dir.chmod(0o700)
    # An empty gradebook now, so that it is the group's from the start (SQLite would make
    # it readable only by the instructor whose command happened to create it).
    (course / "gradebook.db").touch(exist_ok=True)
    close_private_folders(repo, args.instructors_group)
    print(f"hub settings: {config_dir / SETTINGS_FILE}")
    print(f"exchange: {exchange}; course folder: {course} (group {args.instructors_group})")
    print("start it with: jupyterhub -f " + str(repo / "deploy/jupyterhub/jupyterhub_config.py")
          + f"  ({SETTINGS_ENV}={config_dir / SETTINGS_FILE})")
    return 0


def find_proxy(option: str | None, repo: Path) -> Path:
    candidates = [option] if option else [
        shutil.which("configurable-http-proxy"),
        str(repo / "deploy/jupyterhub/node_modules/.bin/configurable-http-proxy"),
    ]
    for candidate in filter(None, candidates):
        if Path(candidate).is_file():
            return Path(candidate).resolve()
    raise UserError("configurable-http-proxy is not installed: run "
                    "`npm install --prefix deploy/jupyterhub` (or `npm install -g "
                    "configurable-http-proxy`), or give its path with --proxy.")


def write_settings(settings: dict, config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n")
    jupyter = Path(settings["jupyter_config"])
    write_role_config(jupyter / "instructors", settings, instructor=True)
    write_role_config(jupyter / "trainees", settings, instructor=False)
    for folder in (config_dir, jupyter, jupyter / "instructors", jupyter / "trainees"):
        folder.chmod(0o755)  # every user's server reads its role's folder


def write_role_config(folder: Path, settings: dict, *, instructor: bool) -> None:
    """nbgrader, Jupyter server and JupyterLab settings for one role."""
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    nbgrader = [
        "# Written by `investigator-course hub setup`; run it again to change.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {settings['course_id']!r}",
        f"c.Exchange.root = {settings['exchange']!r}",
    ]
    server: dict = {"ServerApp": {"tornado_settings": {"headers": FRAMING_POLICY}}}
    disabled: dict[str, bool] = {}
    if instructor:
        nbgrader.append(f"c.CourseDirectory.root = {settings['course_dir']!r}")
        # files and exchange folders the instructors make stay writable for the group
        nbgrader.append("c.CourseDirectory.groupshared = True")
        nbgrader.append(f"c.NbGraderAPI.timezone = {settings['timezone']!r}")
        # Formgrader's grading page takes MathJax from the server (the class may be offline)
        write_local_mathjax(folder / "data")
    else:
        server["ServerApp"]["jpserver_extensions"] = {
            **dict.fromkeys(TRAINEE_OFF_SERVER_EXTENSIONS, False),
            "investigator_course.nbgrader_integration.validate_extension": True,
        }
        disabled = dict.fromkeys(TRAINEE_OFF_LAB_PLUGINS, True)
    (folder / "nbgrader_config.py").write_text("\n".join(nbgrader) + "\n")
    (folder / "jupyter_server_config.json").write_text(json.dumps(server, indent=2) + "\n")
    (folder / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": disabled}, indent=2) + "\n")
    if instructor:
        # Files an instructor's server writes (gradebook, feedback) stay writable for the
        # other instructors of the group.
        (folder / "jupyter_server_config.py").write_text(
            "# Written by `investigator-course hub setup`.\nimport os\n\nos.umask(0o002)\n")
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def make_grading_accounts(settings: dict, homes: Path) -> None:
    """The accounts grading kernels run as, and the sudo rule that lets instructors start
    the grading kernel (and nothing else) as them (grading/separate_account.py)."""
    if not shutil.which("sudo") or not shutil.which("visudo"):
        raise UserError("sudo is not installed (`apt-get install sudo`): grading on the hub "
                        "runs trainees' code as separate accounts through sudo.")
    for name in settings["grading_accounts"]:
        accounts.ensure_service_account(name, homes / name)
    command = " ".join([sys.executable, *MODULE_ARGS])
    rule = (
        "# Written by `investigator-course hub setup`: instructors may start the course's\n"
        "# grading kernel, and nothing else, as the unprivileged grading accounts.\n"
        f"%{settings['instructors_group']} ALL=({','.join(settings['grading_accounts'])}) "
        f"NOPASSWD: {command}, {command} --probe\n")
    target = sudoers_file(settings["instructors_group"])
    draft = target.with_name(target.name + ".new")  # sudo ignores names with a dot
    draft.write_text(rule)
    draft.chmod(0o440)
    check = subprocess.run(["visudo", "-cf", str(draft)], capture_output=True, text=True)
    if check.returncode != 0:
        draft.unlink()
        raise UserError(f"the sudo rule for grading was refused by visudo: {check.stdout}"
                        f"{check.stderr}")
    draft.replace(target)


def sudoers_file(instructors_group: str) -> Path:
    return SUDOERS_DIR / f"investigator-course-{instructors_group}"


def make_exchange(exchange: Path, course_id: str, group: str) -> None:
    """nbgrader's exchange, with the course's folder owned by the instructors group.

    nbgrader creates the course's folder on the first release, owned by whoever
    released; with the folder made here (group-owned, setgid) and
    `CourseDirectory.groupshared`, every instructor can release, collect and return
    feedback, not only the first one.
    """
    exchange.mkdir(parents=True, exist_ok=True)
    exchange.chmod(0o777)
    course = exchange / course_id
    course.mkdir(exist_ok=True)
    os.chown(course, -1, grp.getgrnam(group).gr_gid)
    course.chmod(0o2775)


def close_private_folders(repo: Path, group: str) -> None:
    """Instructors read and write course/, solutions/, tests/; nobody else reads them."""
    gid = grp.getgrnam(group).gr_gid
    for name in PRIVATE_FOLDERS:
        folder = repo / name
        if not folder.exists():
            continue
        for path in [folder, *folder.rglob("*")]:
            if path.is_symlink():
                continue
            os.chown(path, -1, gid)
            mode = stat.S_IMODE(path.stat().st_mode)
            mode = (mode | stat.S_IRGRP | stat.S_IWGRP) & ~stat.S_IRWXO
            if path.is_dir():
                mode |= stat.S_IXGRP | stat.S_ISGID
            os.chmod(path, mode)
