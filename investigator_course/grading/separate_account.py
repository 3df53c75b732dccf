"""Grading kernels that run as a separate, unprivileged Unix account (the academy hub).

The audit hook in sandbox.py stops a trainee's Python code from reading the
gradebook or another trainee's work, but code that calls the C library through
`ctypes` goes around it. On a shared server that is not enough, so there the
operating system draws the line: each grading worker starts its trainees'
kernels as a grading account of its own (`course-grader-1`, `-2`, made by
`hub setup`, which also writes the sudoers rule that lets the instructors group
start exactly this module as those accounts and nothing else). A grading
account is in no course group and has no access to the course folder, the
gradebook, the exchange's submissions, anyone's home or the grading run's
temporary folder.

Two processes per kernel:

* the *relay*, which Jupyter starts as the kernel (as the instructor). It reads
  the connection file, packs the notebook's folder (the notebook and its data)
  into a tar archive, and starts `sudo -n -u ACCOUNT python -P -m
  investigator_course.grading.sandbox --in-account` with a pipe on its stdin:
  one JSON line (connection info, sandbox settings, archive size), the archive,
  then one byte per interrupt. Closing the pipe (the relay exits or is killed)
  ends the kernel. Events the account side records come back on its stdout and
  go into the trainee's event file, so the grading report shows them.
* the *account side*, which unpacks the folder into a fresh directory in the
  account's own home (0700), writes the connection file there, and runs the
  ordinary sandboxed kernel (limits and audit hook as well). Before unpacking,
  it kills every process the account still has (something a previous trainee's
  code left running must not see the next trainee's files). The kernel is a
  forked child; the parent stays outside the audit hook, passes interrupts on,
  and when the kernel ends kills what it left running and removes the directory.

Nothing the kernel writes comes back: nbgrader takes the executed cells from the
kernel's messages, not from files. Kernels are started afresh (no warm fork),
since a fork of a process running as the instructor would not change account.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading

from . import sandbox

ENV_ACCOUNT = "INVESTIGATOR_SANDBOX_ACCOUNT"  # the grading account a worker's kernels run as
IN_ACCOUNT = "--in-account"
# The command the sudoers rule allows, after the interpreter (see sudo_command).
MODULE_ARGS = ["-P", "-m", "investigator_course.grading.sandbox", IN_ACCOUNT]
INTERRUPT, TERMINATE = b"I", b"T"
# Settings the account side needs; everything else of the instructor's environment
# (home, tokens, JUPYTER_* paths) stays behind.
PASSED_ON = (sandbox.ENV_PROTECT, sandbox.ENV_MEMORY, sandbox.ENV_CPU, sandbox.ENV_FSIZE,
             *sandbox.THREAD_ENV, "LANG", "LC_ALL", "TZ", "MPLBACKEND",
             "PYDEVD_DISABLE_FILE_VALIDATION")
SETTINGS_ENV = "INVESTIGATOR_HUB_SETTINGS"
DEFAULT_SETTINGS = "/etc/investigator-course/hub/settings.json"


def configured_accounts() -> list[str]:
    """The grading accounts `hub setup` made on this machine (none off the hub)."""
    path = os.environ.get(SETTINGS_ENV) or DEFAULT_SETTINGS
    try:
        with open(path, encoding="utf-8") as handle:
            return list(json.load(handle).get("grading_accounts", []))
    except (OSError, ValueError):
        return []


def sudo_command(account: str) -> list[str]:
    return ["sudo", "-n", "-u", account, sys.executable, *MODULE_ARGS]


def check_account(account: str) -> str | None:
    """Why this user cannot start a kernel as `account`, or None (sudo's own words)."""
    if not shutil.which("sudo"):
        return "sudo is not installed"
    probe = subprocess.run([*sudo_command(account), "--probe"], capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=60)
    if probe.returncode == 0 and probe.stdout.strip() == account:
        return None
    return (probe.stderr.strip() or probe.stdout.strip() or f"exit {probe.returncode}")[-400:]


# ----------------------------------------------------------------------------- relay side
def connection_argument(argv: list[str]) -> tuple[str, list[str]]:
    """Split `-f FILE` (how Jupyter names the connection file) from the other arguments."""
    rest, path = [], None
    items = iter(argv)
    for item in items:
        if item == "-f":
            path = next(items, None)
        elif item.startswith("--f="):
            path = item[4:]
        else:
            rest.append(item)
    if not path:
        raise SystemExit("grading kernel: no connection file (-f) given")
    return path, rest


def pack_folder(folder: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name in sorted(os.listdir(folder)):
            archive.add(os.path.join(folder, name), arcname=name)
    return buffer.getvalue()


def font_cache() -> dict[str, str]:
    """The instructor's matplotlib font list, made once if missing: a fresh kernel without
    it would run `fc-list` to build its own, a program the sandbox does not let it start."""
    import glob

    def cached() -> dict[str, str]:
        found = {}
        for path in glob.glob(os.path.join(matplotlib_dir(), "fontlist-v*.json")):
            with open(path, encoding="utf-8") as handle:
                found[os.path.basename(path)] = handle.read()
        return found

    if not cached():
        try:
            import matplotlib.font_manager  # noqa: F401 - builds the list as it loads
        except Exception:  # no matplotlib: a notebook that plots fails in its own cell
            return {}
    return cached()


def matplotlib_dir() -> str:
    if os.environ.get("MPLCONFIGDIR"):
        return os.environ["MPLCONFIGDIR"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "matplotlib")


def relay_main(account: str, argv: list[str]) -> None:
    """The kernel process Jupyter sees: start the real kernel as `account` and stand by."""
    connection_file, rest = connection_argument(argv)
    with open(connection_file, encoding="utf-8") as handle:
        connection = json.load(handle)
    archive = pack_folder(os.getcwd())
    header = {"connection": connection, "argv": rest, "archive": len(archive),
              "fonts": font_cache(),
              "env": {name: os.environ[name] for name in PASSED_ON if name in os.environ}}
    log_path = os.environ.get(sandbox.ENV_LOG)
    if log_path:  # the grading run stops this relay (and so the kernel) after a hang
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"kind": "pid", "target": os.getpid()}) + "\n")
    child = subprocess.Popen(sudo_command(account), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, cwd="/", start_new_session=True)
    child.stdin.write(json.dumps(header).encode() + b"\n" + archive)
    child.stdin.flush()
    lock = threading.Lock()

    def send(byte: bytes) -> None:
        with lock:
            try:
                child.stdin.write(byte)
                child.stdin.flush()
            except (OSError, ValueError):
                pass

    signal.signal(signal.SIGINT, lambda *_: send(INTERRUPT))
    signal.signal(signal.SIGTERM, lambda *_: (send(TERMINATE), child.stdin.close()))
    signal.signal(signal.SIGHUP, lambda *_: child.stdin.close())
    forward_events(child.stdout, log_path)
    code = child.wait()
    os._exit(code if code >= 0 else 1)


def forward_events(stream, log_path: str | None) -> None:
    """Copy the account side's event lines into the trainee's event file."""
    log = open(log_path, "a", encoding="utf-8") if log_path else None  # noqa: SIM115
    try:
        for raw in stream:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if log is not None and isinstance(event, dict) and event.get("kind") != "pid":
                log.write(json.dumps(event) + "\n")
                log.flush()
    finally:
        if log is not None:
            log.close()


# ----------------------------------------------------------------------------- account side
def kill_leftovers() -> None:
    """End every other process of this account (Linux: kill(-1) spares the caller)."""
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass


def remove_stale_folders(home: str) -> None:
    """Folders of kernels that were killed before they could clean up."""
    for name in os.listdir(home):
        if name.startswith("kernel-"):
            shutil.rmtree(os.path.join(home, name), ignore_errors=True)


def unpack(archive: bytes, folder: str) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(folder, filter="data")
        else:  # still only as the grading account, which can reach nothing of value
            tar.extractall(folder)  # noqa: S202


def read_exactly(stream, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise SystemExit("grading kernel: the instructor's side went away while starting")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def watch_commands(stream, kernel: int) -> None:
    """Interrupts arrive as bytes on stdin; its end means the relay is gone."""
    while True:
        byte = stream.read(1)
        if byte == INTERRUPT:
            os.kill(kernel, signal.SIGINT)
        elif byte == TERMINATE:
            os.kill(kernel, signal.SIGTERM)
        elif not byte:
            kill_leftovers()
            return


def account_main() -> None:
    """Run as the grading account (through sudo): one trainee's notebook kernel."""
    import pwd

    if "--probe" in sys.argv:  # `check_account`: sudo works and we are who we should be
        print(pwd.getpwuid(os.getuid()).pw_name)
        return
    events = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the relay reads events here
    os.dup2(2, 1)  # anything else printed goes to the worker's log
    stdin = os.fdopen(os.dup(0), "rb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    header = json.loads(stdin.readline())
    kill_leftovers()
    home = pwd.getpwuid(os.getuid()).pw_dir
    remove_stale_folders(home)
    os.umask(0o077)
    work = tempfile.mkdtemp(prefix="kernel-", dir=home)
    folder = os.path.join(work, "notebook")
    os.mkdir(folder)
    unpack(read_exactly(stdin, header["archive"]), folder)
    connection_file = os.path.join(work, "connection.json")
    with open(connection_file, "w", encoding="utf-8") as handle:
        json.dump(header["connection"], handle)
    os.environ.clear()
    os.environ.update(header["env"])
    # HOME inside the kernel's own folder: nothing a trainee's code leaves in the
    # account's home (an IPython start-up file, a matplotlibrc) reaches the next trainee
    scratch = os.path.join(work, "tmp")  # the sandbox lets the kernel write here
    os.environ.update({"HOME": work, "TMPDIR": scratch,
                       "XDG_CACHE_HOME": os.path.join(scratch, "cache"),
                       "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
                       "IPYTHONDIR": os.path.join(scratch, "ipython"),
                       "MPLCONFIGDIR": os.path.join(scratch, "matplotlib"),
                       "PATH": os.path.dirname(sys.executable) + ":/usr/bin:/bin",
                       sandbox.ENV_OWN: work})
    os.makedirs(os.environ["MPLCONFIGDIR"])
    for name, text in header.get("fonts", {}).items():
        with open(os.path.join(os.environ["MPLCONFIGDIR"], name), "w", encoding="utf-8") as out:
            out.write(text)
    os.chdir(folder)
    kernel = os.fork()
    if kernel == 0:  # the kernel, with the audit hook; this process stays outside it
        code = 1
        try:
            sandbox.run_kernel([*header["argv"], "-f", connection_file], log_fd=events.fileno())
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 0
        finally:
            os._exit(code)
    threading.Thread(target=watch_commands, args=(stdin, kernel), daemon=True).start()
    status = os.waitpid(kernel, 0)[1]
    kill_leftovers()  # whatever the trainee's code left running
    shutil.rmtree(work, ignore_errors=True)
    os._exit(max(0, os.waitstatus_to_exitcode(status)))
