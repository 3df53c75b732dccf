"""The grading kernel: an ordinary IPython kernel with limits and a file guard.

nbgrader runs a trainee's notebook in a Jupyter kernel as the instructor's own
user, with no memory limit (nbgrader #1429) and full access to the disk. The
grading workers point nbgrader at this kernel instead (a `python3` kernel spec
in a private JUPYTER_PATH), which starts the same ipykernel after:

* resource limits: address space (`RLIMIT_AS`, a runaway allocation raises
  `MemoryError` in the trainee's cell instead of waking the OOM killer),
  CPU seconds (`RLIMIT_CPU`, a backstop for a loop that ignores the timeout's
  interrupt) and file size (`RLIMIT_FSIZE`, writing a huge file fails);
* an audit hook (PEP 578) armed once the kernel is up, which blocks and
  records: writing or deleting outside the notebook's own folder (a private
  temporary copy made for this trainee), reading the course's instructor and
  trainee folders (source, release, submitted, autograded, feedback, gradebook)
  or another trainee's private copy, starting programs, and network
  connections to anything but this machine.

Each blocked action raises `PermissionError` in the trainee's code (so only
their own cell fails) and is written to an event file that the grading report
turns into a line per trainee.

What this does not contain: Python code that uses `ctypes` or a C extension to
make system calls directly (a C function that reaches files, programs or the
network, looked up through ctypes, is recorded for the report but not stopped),
and CPU or disk use below the limits. Without containers or separate Unix users
it is a guard against accidents and casual snooping, not against a determined
attacker. On the academy hub each grading worker's kernels run as a grading
account of their own (separate_account.py), and the operating system refuses
what the hook cannot see; elsewhere, grade inside a container (see README,
"Teaching and grading").
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import threading

ENV_OWN = "INVESTIGATOR_SANDBOX_OWN"  # the trainee's private root (read and write inside)
ENV_PROTECT = "INVESTIGATOR_SANDBOX_PROTECT"  # os.pathsep-separated folders nobody may touch
ENV_LOG = "INVESTIGATOR_SANDBOX_LOG"  # where blocked actions are recorded (JSON lines)
ENV_MEMORY = "INVESTIGATOR_SANDBOX_MEMORY"  # bytes of address space; 0 = no limit
ENV_CPU = "INVESTIGATOR_SANDBOX_CPU"  # CPU seconds; 0 = no limit
ENV_FSIZE = "INVESTIGATOR_SANDBOX_FSIZE"  # bytes per written file; 0 = no limit

MAX_EVENTS = 50  # a loop that keeps trying must not write a huge event file

PROCESS_EVENTS = {
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "pty.spawn", "os.startfile",
}
# event -> indexes of the path arguments that are written to
WRITE_EVENTS = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.truncate": (0,),
    "os.chmod": (0,), "os.chown": (0,), "os.utime": (0,), "shutil.rmtree": (0,),
    "os.rename": (0, 1), "shutil.move": (0, 1), "os.link": (1,), "os.symlink": (1,),
    "shutil.copyfile": (1,), "shutil.copymode": (1,), "shutil.copystat": (1,),
    "shutil.copytree": (1,),
}
READ_EVENTS = {"os.listdir": 0, "os.scandir": 0, "glob.glob": 0, "os.symlink": 0,
               "os.link": 0, "shutil.copyfile": 0, "shutil.copytree": 0, "sqlite3.connect": 0}
# C functions that reach files, programs or the network. Calling one through ctypes
# goes around this hook, so it is only recorded (the grading report names it); on the
# academy hub, the separate grading account is what stops it (separate_account.py).
NATIVE_CALLS = {
    "open", "open64", "openat", "openat64", "creat", "fopen", "fopen64", "opendir",
    "syscall", "execv", "execve", "execvp", "system", "popen", "fork", "vfork", "socket",
    "connect", "unlink", "rename", "chmod", "kill", "ptrace",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def _is_within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _mib(value: str) -> int:
    return int(value) if value else 0


class Guard:
    """The audit-hook policy. Paths are compared after resolving symlinks."""

    def __init__(self, own: str, folder: str, protected: list[str], writable: list[str],
                 log_fd: int | None):
        self.own = os.path.realpath(own)
        self.folder = os.path.realpath(folder)
        self.protected = [os.path.realpath(p) for p in protected if p]
        self.writable = [os.path.realpath(p) for p in writable if p]
        self.log_fd = log_fd
        self.events = 0
        self.local = threading.local()
        # Python's own installation (imports open thousands of files there): reads are
        # allowed without resolving symlinks, unless a protected folder lies inside it.
        prefixes = {os.path.normpath(p) + os.sep for p in (sys.prefix, sys.base_prefix,
                                                             sys.exec_prefix)}
        self.trusted = tuple(p for p in prefixes
                             if not any(_is_within(root, p.rstrip(os.sep))
                                        for root in self.protected))

    def resolve(self, path) -> str | None:
        if isinstance(path, int) or path is None:
            return None
        try:
            path = os.fsdecode(os.fspath(path))
            if path in ("", ":memory:"):
                return None
            if path.startswith("file:"):
                path = path[5:].split("?", 1)[0]
            return os.path.realpath(os.path.join(os.getcwd(), path))
        except (TypeError, ValueError, OSError):
            return None

    def may_read(self, path: str) -> bool:
        if _is_within(path, self.own):
            return True
        return not any(_is_within(path, root) for root in self.protected)

    def may_write(self, path: str) -> bool:
        if _is_within(path, self.folder) or path == os.devnull:
            return True
        return any(_is_within(path, root) for root in self.writable) and self.may_read(path)

    def record(self, kind: str, event: str, target: str) -> None:
        self.events += 1
        if self.log_fd is None or self.events > MAX_EVENTS:
            return
        line = json.dumps({"kind": kind, "event": event, "target": target}) + "\n"
        try:
            os.write(self.log_fd, line.encode("utf-8"))
        except OSError:
            pass

    def deny(self, kind: str, event: str, target: str) -> None:
        self.record(kind, event, target)
        messages = {
            "write": "writing outside the notebook's folder is not allowed while grading",
            "read": "other trainees' work and the instructor's files are off limits",
            "process": "starting programs is not allowed while grading",
            "network": "network connections are not allowed while grading",
        }
        raise PermissionError(f"grading sandbox: {messages[kind]} ({target})")

    def __call__(self, event: str, args: tuple) -> None:
        if getattr(self.local, "busy", False):
            return
        self.local.busy = True
        try:
            self.check(event, args)
        finally:
            self.local.busy = False

    def check(self, event: str, args: tuple) -> None:
        if event == "open":
            mode, flags = args[1] or "", args[2] or 0
            writing = any(ch in mode for ch in "wax+") or bool(flags & WRITE_FLAGS)
            if not writing and isinstance(args[0], str) and os.path.isabs(args[0]) and \
                    os.path.normpath(args[0]).startswith(self.trusted):
                return
            path = self.resolve(args[0])
            if path is None:
                return
            if writing and not self.may_write(path):
                self.deny("write", event, path)
            if not self.may_read(path):
                self.deny("read", event, path)
        elif event == "ctypes.dlsym":
            name = args[1] if len(args) > 1 else None
            if isinstance(name, str) and name in NATIVE_CALLS:
                self.record("native", event, f"{name}()")
        elif event in PROCESS_EVENTS:
            self.deny("process", event, str(args[0]) if args else "")
        elif event == "socket.connect":
            address = args[1]
            if isinstance(address, (str, bytes)):  # AF_UNIX: e.g. the warm-kernel zygote
                self.deny("network", event, os.fsdecode(address))
            host = address[0] if isinstance(address, tuple) and address else str(address)
            if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
                self.deny("network", event, str(address))
        else:
            if event in READ_EVENTS and len(args) > READ_EVENTS[event]:
                path = self.resolve(args[READ_EVENTS[event]])
                if path is not None and not self.may_read(path):
                    self.deny("read", event, path)
            for index in WRITE_EVENTS.get(event, ()):
                if len(args) > index:
                    path = self.resolve(args[index])
                    if path is not None and not self.may_write(path):
                        self.deny("write", event, path)


def tool_cache_dirs() -> list[str]:
    """Folders the kernel's own libraries write to (IPython, matplotlib's font cache)."""
    home = os.path.expanduser("~")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    return [
        os.environ.get("IPYTHONDIR") or os.path.join(home, ".ipython"),
        os.environ.get("MPLCONFIGDIR") or os.path.join(cache, "matplotlib"),
        os.path.join(config, "matplotlib"),
    ]


def apply_limits() -> None:
    memory = _mib(os.environ.get(ENV_MEMORY, ""))
    cpu = _mib(os.environ.get(ENV_CPU, ""))
    fsize = _mib(os.environ.get(ENV_FSIZE, ""))
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if cpu:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    if fsize:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))


def install_guard(log_fd: int | None = None) -> Guard | None:
    own = os.environ.get(ENV_OWN)
    if not own:
        return None
    log_path = os.environ.get(ENV_LOG)
    if log_fd is None and log_path:
        log_fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    private_tmp = os.path.join(own, "tmp")
    os.makedirs(private_tmp, exist_ok=True)
    os.environ["TMPDIR"] = private_tmp
    import tempfile
    tempfile.tempdir = private_tmp
    protected = [p for p in os.environ.get(ENV_PROTECT, "").split(os.pathsep) if p]
    guard = Guard(own, os.getcwd(), protected, [private_tmp, *tool_cache_dirs()], log_fd)
    if log_fd is not None:  # lets the parent stop this kernel if grading hangs
        os.write(log_fd, (json.dumps({"kind": "pid", "target": os.getpid()}) + "\n").encode())
    sys.addaudithook(guard)
    return guard


def run_kernel(argv: list[str], log_fd: int | None = None) -> None:
    """Start the IPython kernel in this process, limits first and the guard once it is up."""
    apply_limits()
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(argv)
    install_guard(log_fd)
    # Started with -P (kernel_spec), so nothing of the trainee's ran before the limits and
    # the guard; now the notebook's folder goes on sys.path as in any kernel (its modules,
    # such as course_checks.py, are imported by the notebook).
    sys.path.insert(0, "")
    app.start()


# ----------------------------------------------------------------------------- warm kernels
# Starting a Python kernel and importing pandas and matplotlib costs about as much
# CPU as grading a short notebook. In "warm" mode each grading worker keeps one
# *zygote* process that has imported them once; every trainee's kernel is a fresh
# fork of it (copy-on-write: nothing one trainee's code does reaches another's).
# Jupyter starts a small *client* as the kernel process; the client asks the
# zygote for a fork, relays interrupts and termination signals to it, and exits
# with it. If the client is killed, the fork notices (a pipe closes) and exits.
# Modules whose import has side effects on the kernel (the inline matplotlib
# backend, pyplot) are not preloaded, so a forked kernel behaves like a new one.
ENV_ZYGOTE = "INVESTIGATOR_SANDBOX_ZYGOTE"  # the zygote's socket; unset = fresh kernels
PRELOAD = ["numpy", "pandas", "matplotlib", "matplotlib.figure", "matplotlib.font_manager",
           "networkx", "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel"]
RELAYED = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
           signal.SIGUSR2]


def zygote_main(socket_path: str) -> None:
    """Preload, then fork one kernel per request until the worker closes our stdin."""
    import importlib
    import selectors
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    server.bind(socket_path)  # before the imports: early clients wait in the backlog
    server.listen(16)
    # what ipykernel would do before any trainee code runs (kernelapp.init_gui_pylab)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # a missing optional library just is not preloaded
            pass
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ, "accept")
    selector.register(0, selectors.EVENT_READ, "parent")
    children: dict[int, socket.socket] = {}

    def leave(*_):
        for pid in children:  # our kernels go with us
            _kill_quietly(pid)
        try:
            os.unlink(socket_path)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGINT, leave)
    while True:
        for key, _ in selector.select(timeout=0.2):
            if key.data == "parent":
                if not os.read(0, 4096):  # the worker is gone: so are we
                    leave()
                continue
            connection, _ = server.accept()
            try:
                message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 4)
                request = json.loads(message)
            except (OSError, ValueError):
                connection.close()
                continue
            pid = os.fork()
            if pid == 0:
                _zygote_child(request, fds, [server, connection, *children.values()])
            for fd in fds:
                os.close(fd)
            children[pid] = connection
            _send(connection, {"pid": pid})
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            connection = children.pop(pid, None)
            if connection is not None:
                _send(connection, {"exit": os.waitstatus_to_exitcode(status)})
                connection.close()


def _send(connection, message: dict) -> None:
    try:
        connection.send(json.dumps(message).encode())
    except OSError:
        pass


def _kill_quietly(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


def _zygote_child(request: dict, fds: list[int], inherited: list) -> None:
    """In the fork: become the trainee's kernel. Never returns."""
    code = 1
    try:
        for item in inherited:
            item.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the zygote's handlers are not ours
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ.pop(ENV_ZYGOTE, None)  # trainee code has no business with the zygote
        if fds:  # the client's end closes when the client dies: then so do we
            watch = fds[0]
            threading.Thread(target=lambda: (os.read(watch, 1), os._exit(1)),
                             daemon=True).start()
        numpy = sys.modules.get("numpy")
        if numpy is not None:  # a new kernel would seed numpy's global generator afresh
            numpy.random.seed()
        sys.argv = [sys.executable, "-m", "ipykernel_launcher", *request["argv"]]
        run_kernel(request["argv"])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


def client_main(argv: list[str]) -> None:
    """The kernel process Jupyter sees, in warm mode: a fork of the zygote does the work."""
    import socket

    path = os.environ.get(ENV_ZYGOTE)
    if not path:
        run_kernel(argv)
        return
    log_path = os.environ.get(ENV_LOG)
    if log_path:  # so that the grading run can stop this client after a hang
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"kind": "pid", "target": os.getpid()}) + "\n")
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        connection.connect(path)
    except OSError:  # no zygote (it died?): be an ordinary grading kernel
        connection.close()
        run_kernel(argv)
        return
    watch_read, watch_write = os.pipe()
    request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
    socket.send_fds(connection, [json.dumps(request).encode()], [watch_read])
    os.close(watch_read)
    reply = json.loads(connection.recv(1 << 16) or b"{}")
    pid = reply.get("pid")
    if not pid:
        raise SystemExit(1)

    def relay(signum, frame):
        _send_signal(pid, signum)

    for signum in RELAYED:
        signal.signal(signum, relay)
    code = 1
    while True:
        try:
            message = connection.recv(1 << 16)
        except InterruptedError:
            continue
        if not message:
            break
        code = json.loads(message).get("exit", code)
        break
    os._exit(code if isinstance(code, int) and code >= 0 else 1)


def _send_signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except OSError:
        pass


def main() -> None:
    from . import separate_account

    arguments = sys.argv[1:]
    if arguments[:1] == [separate_account.IN_ACCOUNT]:
        separate_account.account_main()
    elif os.environ.get(separate_account.ENV_ACCOUNT):
        separate_account.relay_main(os.environ[separate_account.ENV_ACCOUNT], arguments)
    elif arguments[:1] == ["--zygote"]:
        zygote_main(arguments[1])
    elif arguments[:1] == ["--client"]:
        client_main(arguments[1:])
    else:
        run_kernel(arguments)


def kernel_spec(warm: bool = False) -> dict:
    """The kernel.json of the grading kernel (warm: a client of the worker's zygote)."""
    return {
        # -P: the notebook's folder (the trainee's files) is not put on sys.path, so a
        # file there cannot stand in for this module or anything it imports
        "argv": [sys.executable, "-P", "-m", "investigator_course.grading.sandbox",
                 *(["--client"] if warm else []), "-f", "{connection_file}"],
        "display_name": "Python 3 (grading sandbox)",
        "language": "python",
        "env": THREAD_ENV,
    }


THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def write_kernel_spec(jupyter_path: str, warm: bool = False) -> str:
    """Write the spec as the `python3` kernel of a private JUPYTER_PATH entry."""
    folder = os.path.join(jupyter_path, "kernels", "python3")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "kernel.json"), "w", encoding="utf-8") as handle:
        json.dump(kernel_spec(warm), handle, indent=1)
    return folder


def _event_lines(path: str) -> list[dict]:
    """Every event a trainee's kernels logged (one JSON object a line; a torn line is skipped)."""
    if not os.path.exists(path):
        return []
    events = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                events.append(json.loads(line))
            except ValueError:
                continue
    return events


def read_events(path: str) -> list[dict]:
    """The blocked actions recorded for one trainee (duplicates removed, order kept)."""
    seen, events = set(), []
    for event in _event_lines(path):
        key = (event.get("kind"), event.get("target"))
        if event.get("kind") != "pid" and key not in seen:
            seen.add(key)
            events.append(event)
    return events


def kernel_pids(path: str) -> list[int]:
    """Process ids of the grading kernels started for one trainee."""
    return [event["target"] for event in _event_lines(path)
            if event.get("kind") == "pid" and isinstance(event.get("target"), int)]


def stop_kernels(path: str) -> None:
    """Kill the trainee's grading kernels that are still running (after a hang or Ctrl-C)."""
    import psutil

    for pid in kernel_pids(path):
        try:
            kernel = psutil.Process(pid)
            if any("investigator_course.grading.sandbox" in part for part in kernel.cmdline()):
                kernel.kill()
        except psutil.Error:  # gone already, or not ours to see
            continue


if __name__ == "__main__":
    main()
