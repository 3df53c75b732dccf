"""`investigator-course lab`: open JupyterLab for a learner or for the instructor.

A learner gets their own copy of the released assignments (the workspace) and only
the nbgrader tools a learner uses (Validate). The instructor panels (Formgrader,
Create Assignment, the course and assignment lists, which need an exchange) are
switched off there: on one laptop they could only show errors. `--instructor`
opens the course folder itself with every nbgrader panel on, which is where manual
grading of written answers happens.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from ..errors import UserError
from ..nbgrader_integration.runner import tool_env
from ..paths import course_dir, repo_root, solutions_dir, workspace_dir
from .build import ensure_built
from .workspace import sync_answer_keys, sync_workspace


def add_arguments(parser) -> None:
    parser.add_argument("--no-browser", action="store_true",
                        help="start the server without opening a browser (print the address)")
    parser.add_argument("--port", type=int, default=8888, help="port to listen on (default 8888)")
    parser.add_argument("--instructor", action="store_true",
                        help="open the course folder with nbgrader's instructor panels "
                             "(Formgrader for written answers) instead of your own workspace")
    parser.add_argument("--course-dir", metavar="DIR",
                        help="with --instructor: the nbgrader course folder "
                             "(default: course/ in this repository)")
    parser.add_argument("--timezone", metavar="ZONE",
                        help="with --instructor: the time zone Formgrader shows due dates and "
                             "submission times in, e.g. America/Chicago (default: this "
                             "machine's zone)")

# What a learner on their own machine does not need: each would only show an error
# there (no gradebook under the workspace, no exchange).
LEARNER_OFF_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
)
# Validate answers with each failed check's plain message, not its whole code (same route,
# same nbgrader Validator; see nbgrader_integration/validate_extension.py).
VALIDATE_SWITCHES = (
    "--ServerApp.jpserver_extensions=nbgrader.server_extensions.validate_assignment=False",
    "--ServerApp.jpserver_extensions="
    "investigator_course.nbgrader_integration.validate_extension=True",
)
LEARNER_OFF_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:menu",  # it would be empty: its entries are the instructor's panels
    # "Would you like to get notified about official Jupyter news?": a pop-up that asks to
    # go online, in front of the first notebook of a trainee who is often offline
    "@jupyterlab/apputils-extension:announcements",
)


def run(args) -> int:
    root = repo_root()
    if not 0 < args.port < 65536:
        raise UserError(f"--port must be between 1 and 65535, not {args.port}.")
    if (args.course_dir or args.timezone) and not args.instructor:
        raise UserError(f"{'--course-dir' if args.course_dir else '--timezone'} goes with "
                        "--instructor; a learner's lab always opens the workspace.")
    zone = check_timezone(args.timezone) if args.timezone else local_timezone()
    course = _instructor_course(args, root) if args.instructor else None
    if not _port_free(args.port):
        raise UserError(f"port {args.port} is already in use; choose another with --port.")
    if course is not None:
        config, data, notes = write_instructor_config(course, zone)
        for note in notes:
            print(note, flush=True)
        print(f"Opening JupyterLab for the instructor in {course} (stop it with Ctrl-C).\n"
              "Written answers: Nbgrader > Formgrader > Manage Submissions.", flush=True)
        env = {"JUPYTER_CONFIG_PATH": os.pathsep.join(
                   filter(None, [str(config), os.environ.get("JUPYTER_CONFIG_PATH")])),
               "JUPYTER_PATH": os.pathsep.join(
                   filter(None, [str(data), os.environ.get("JUPYTER_PATH")]))}
        return _serve(course, args, [], tool_env(env))
    return _run_learner(args, root)


def _run_learner(args, root: Path) -> int:
    """JupyterLab on the learner's workspace, with only the learner's nbgrader tools."""
    ensure_built(root)
    workspace = workspace_dir(root)
    try:
        messages = sync_workspace(course_dir(root) / "release", workspace)
    except PermissionError as problem:
        raise UserError(f"cannot write your workspace at {workspace}: {problem.strerror}."
                        ) from None
    messages += sync_answer_keys(solutions_dir(root), workspace, course_dir(root) / "instructors")
    for message in summarized(messages):
        print(f"workspace: {message}", flush=True)
    lab_config = write_learner_lab_config(workspace)
    write_validate_config(lab_config, workspace, course_dir(root))
    print(f"Opening JupyterLab in {workspace} (stop it with Ctrl-C) ...", flush=True)
    switches = [*(f"--ServerApp.jpserver_extensions={name}=False"
                  for name in LEARNER_OFF_SERVER_EXTENSIONS), *VALIDATE_SWITCHES]
    config_path = os.pathsep.join(filter(None, [str(lab_config),
                                                os.environ.get("JUPYTER_CONFIG_PATH")]))
    return _serve(workspace, args, switches, tool_env({"JUPYTER_CONFIG_PATH": config_path}))


def summarized(messages: list[str]) -> list[str]:
    """One line per folder for files simply added or refreshed (a first start adds dozens);
    every message about the learner's own work is kept whole."""
    counts: dict[tuple[str, str], int] = {}
    kept = []
    for message in messages:
        verb, _, path = message.partition(" ")
        if verb in ("added", "refreshed"):
            key = (verb, path.split("/", 1)[0])
        elif message.startswith("answer key "):
            key = ("answer keys " + message.rsplit(" ", 1)[-1], "answer_keys")
        else:
            kept.append(message)
            continue
        counts[key] = counts.get(key, 0) + 1
    lines = [f"{verb} {folder}/ ({number} file{'s' if number > 1 else ''})"
             for (verb, folder), number in counts.items()]
    return lines + kept


def _instructor_course(args, root: Path) -> Path:
    """The course folder the instructor's lab is rooted in, so Formgrader finds the gradebook."""
    from ..nbgrader_integration.config import resolve_course

    if args.course_dir:
        return resolve_course(args.course_dir)
    ensure_built(root)
    return course_dir(root)


def _serve(folder: Path, args, switches: list[str], env: dict) -> int:
    command = [sys.executable, "-m", "jupyterlab", f"--port={args.port}",
               f"--ServerApp.root_dir={folder}", "--ServerApp.port_retries=0", *switches]
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    process = subprocess.Popen(command, cwd=folder, env=env)

    def stop_server(signum, frame):
        # Without this, stopping this command (a closed terminal, `kill`, a service manager)
        # would leave JupyterLab running in the background, holding the port.
        process.terminate()

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop_server)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=20)
        return 0


WRITTEN_BY = "# Written by `investigator-course lab`: use the course's nbgrader settings."


def write_learner_lab_config(workspace: Path) -> Path:
    """A Jupyter config folder that switches off the instructor-only JupyterLab plugins.

    It is added to JUPYTER_CONFIG_PATH for this server only, so an instructor's lab on
    the same machine keeps every panel.
    """
    folder = workspace / ".investigator-course" / "jupyter"
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    page_config = {"disabledExtensions": {name: True for name in LEARNER_OFF_LAB_PLUGINS}}
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(page_config, indent=2))
    return folder


def write_validate_config(lab_config: Path, workspace: Path, course: Path) -> None:
    """Point nbgrader's Validate button at the course settings (timeouts, messages).

    The file sits in the lab's own config folder (on JUPYTER_CONFIG_PATH, where nbgrader's
    Validate looks), not among the learner's notebooks. Rewritten on every start, so that a
    moved course folder is followed.
    """
    config = course / "nbgrader_config.py"
    (lab_config / "nbgrader_config.py").write_text(
        f"{WRITTEN_BY}\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(config)!r})  # noqa: F821\n"
    )
    old = workspace / "nbgrader_config.py"  # where earlier versions put it
    if old.is_file() and old.read_text().startswith(WRITTEN_BY):
        old.unlink()


def check_timezone(name: str) -> str:
    from dateutil.tz import gettz

    if not name.strip() or gettz(name) is None:
        raise UserError(f"--timezone {name!r} is not a time zone; write it like "
                        "America/Chicago, Europe/Berlin or UTC.")
    return name


def local_timezone() -> str:
    """This machine's time zone by its name (America/Chicago), as nbgrader's `timezone`
    settings take it: from TZ, else the zone /etc/localtime points at; else UTC."""
    from dateutil.tz import gettz

    name = os.environ.get("TZ", "").lstrip(":")
    if name and gettz(name) is not None:
        return name
    target = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if gettz(name) is not None:
            return name
    return "UTC"


def configured_exchange(course: Path) -> str:
    """The exchange folder nbgrader would use for this course: `Exchange.root` from the
    nbgrader_config.py files on Jupyter's config path, then the course's own."""
    from jupyter_core.paths import jupyter_config_path
    from nbgrader.exchange.default.exchange import Exchange
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(course)]:
        try:
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
        except Exception:  # no file there, or one nbgrader itself would also fail on
            continue
    return Exchange(config=config).root


LOCAL_MATHJAX = "/static/jupyter_server_mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"


def write_instructor_config(course: Path, zone: str) -> tuple[Path, Path, list[str]]:
    """The instructor's lab settings, in course/.instructor-lab/ (kept out of git):

    * `NbGraderAPI.timezone`: Formgrader shows due dates and submission times in the
      course's zone, not UTC;
    * `Exchange.root`: on a course without an exchange (graded from files), an empty one
      of its own, so Formgrader does not warn that the exchange directory does not exist;
    * Formgrader's grading page loads MathJax from the lab server itself
      (jupyter-server-mathjax), not from a CDN, so math renders offline: nbgrader's
      template calls nbconvert's `mathjax()` macro without a URL, so a copy of that macro
      with the local URL is put first on the template path (JUPYTER_PATH), for the
      `formgrade` template only (feedback pages are not changed).

    Returns the config folder (for JUPYTER_CONFIG_PATH), the data folder (for JUPYTER_PATH)
    and lines to print."""
    from nbgrader.utils import check_directory

    folder = course / ".instructor-lab"
    config, data = folder / "jupyter", folder / "data"
    config.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# written by `investigator-course lab --instructor`\n*\n")
    notes, lines = [], [WRITTEN_BY_INSTRUCTOR, "c = get_config()  # noqa: F821",
                        f"c.NbGraderAPI.timezone = {zone!r}"]
    exchange = configured_exchange(course)
    if not check_directory(exchange, read=True, write=True, execute=True):
        own = folder / "exchange"
        own.mkdir(exist_ok=True)
        lines.append(f"c.Exchange.root = {str(own)!r}  # no exchange at {exchange}")
        notes.append(f"no nbgrader exchange at {exchange} (this course takes submissions from "
                     f"files): Formgrader gets an empty one of its own, {own}")
    (config / "nbgrader_config.py").write_text("\n".join(lines) + "\n")
    if not write_local_mathjax(data):
        notes.append("nbconvert's mathjax macro has changed: Formgrader loads MathJax from "
                     "the internet (math shows as TeX when offline)")
    notes.append(f"Formgrader shows times in {zone} (change it with --timezone)")
    return config, data, notes


CDN_MATHJAX = ("https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js"
               "?config=TeX-AMS_CHTML-full,Safe")
WRITTEN_BY_INSTRUCTOR = ("# Written by `investigator-course lab --instructor` on every start: "
                         "the instructor's lab settings.")


def write_local_mathjax(data: Path) -> bool:
    """Formgrader's grading page with MathJax from the server itself: a copy of nbconvert's
    `mathjax()` macro with the local URL, for the `formgrade` template under `data` (a
    JUPYTER_PATH entry). False when the macro is not the one this replaces."""
    templates = data / "nbconvert" / "templates" / "formgrade"
    templates.mkdir(parents=True, exist_ok=True)
    macro = _nbconvert_mathjax_macro()
    if macro is None or CDN_MATHJAX not in macro:
        (templates / "mathjax.html.j2").unlink(missing_ok=True)
        return False
    (templates / "mathjax.html.j2").write_text(macro.replace(CDN_MATHJAX, LOCAL_MATHJAX))
    return True


def _nbconvert_mathjax_macro() -> str | None:
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path():
        macro = Path(root) / "nbconvert" / "templates" / "base" / "mathjax.html.j2"
        if macro.is_file() and ".instructor-lab" not in str(macro):
            return macro.read_text(encoding="utf-8")
    return None


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
