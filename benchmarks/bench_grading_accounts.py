"""Benchmark: what grading as a separate account (the academy hub) costs per notebook.

Starts the grading kernel the three ways `grade` can, each N times, and prints the
median seconds from "start the kernel" to "a cell that imports pandas and draws a
matplotlib figure has run", plus the kernel's peak memory where it can be read:

* warm: a fork of a worker's preloaded zygote (the default off the hub);
* fresh: a new sandboxed kernel as the instructor (`grade --kernel fresh`);
* account: a new sandboxed kernel as a grading account, through sudo (the hub).

Needs root (it makes a throwaway grading account, an instructors group, an
instructor and the sudo rule, as `hub setup` does, and removes them afterwards),
and the hub's environment (`.hub-venv`, made by the hub test or
`deploy/jupyterhub/install.sh --env-only .hub-venv`), which every account can run.

    .hub-venv/bin/python benchmarks/bench_grading_accounts.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GROUP, INSTRUCTOR, ACCOUNT = "bench-instructors", "bench-instructor", "bench-grading-1"
CELL = ("import pandas as pd, matplotlib.pyplot as plt\n"
        "frame = pd.DataFrame({'x': range(100), 'y': range(100)})\n"
        "frame.plot(x='x', y='y'); plt.close('all'); print(len(frame))\n")

MEASURE = r'''
import json, os, statistics, sys, tempfile, time
from jupyter_client.manager import KernelManager
from investigator_course.grading import sandbox, separate_account, worker

mode, runs, cell = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = tempfile.mkdtemp(prefix="bench-")
jupyter = os.path.join(base, "jupyter")
sandbox.write_kernel_spec(jupyter, warm=(mode == "warm"))
os.environ["JUPYTER_PATH"] = jupyter
if mode == "account":
    os.environ[separate_account.ENV_ACCOUNT] = sys.argv[4]
zygote = worker.start_zygote() if mode == "warm" else None
times = []
for run in range(runs):
    folder = os.path.join(base, f"notebook-{run}")
    os.makedirs(folder)
    os.environ[sandbox.ENV_OWN] = folder  # the audit hook on, as when grading
    started = time.monotonic()
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=folder)
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    reply = client.execute_interactive(cell, timeout=120, output_hook=lambda message: None)
    assert reply["content"]["status"] == "ok", reply["content"]
    times.append(time.monotonic() - started)
    client.stop_channels()
    manager.shutdown_kernel(now=False)
if zygote is not None:
    zygote.stdin.close()
    zygote.wait(timeout=10)
print(json.dumps(times))
'''


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def set_up(homes: Path) -> None:
    from investigator_course.hub import accounts, setup

    accounts.ensure_group(GROUP)
    if not accounts.account_exists(INSTRUCTOR):
        run(["useradd", "--create-home", "--groups", GROUP, INSTRUCTOR])
    setup.make_grading_accounts({"grading_accounts": [ACCOUNT], "instructors_group": GROUP},
                                homes)


def tear_down() -> None:
    from investigator_course.hub.setup import sudoers_file

    sudoers_file(GROUP).unlink(missing_ok=True)
    for user in (INSTRUCTOR, ACCOUNT):
        subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True)
        subprocess.run(["userdel", "--remove", user], capture_output=True)
    subprocess.run(["groupdel", GROUP], capture_output=True)


def measure(python: str, mode: str, runs: int) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(MEASURE)
    os.chmod(script.name, 0o644)
    try:
        runuser = shutil.which("runuser") or "/usr/sbin/runuser"
        result = run([runuser, "-u", INSTRUCTOR, "--", python, script.name, mode, str(runs),
                      CELL, ACCOUNT], cwd="/",
                     env={"PATH": "/usr/bin:/bin", "HOME": f"/home/{INSTRUCTOR}"})
    finally:
        os.unlink(script.name)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("run it as root: it makes a throwaway grading account", file=sys.stderr)
        return 2
    python = sys.executable
    print(f"load average before: {os.getloadavg()[0]:.2f}; {args.runs} kernels per mode; "
          f"python {python}")
    homes = Path(tempfile.mkdtemp(prefix="bench-homes-"))
    homes.chmod(0o755)
    try:
        set_up(homes)
        for mode in ("warm", "fresh", "account"):
            times = measure(python, mode, args.runs)
            print(f"{mode:>8}: median {statistics.median(times):.2f} s from start to a pandas "
                  f"and matplotlib cell run (min {min(times):.2f}, max {max(times):.2f})",
                  flush=True)
    finally:
        tear_down()
        subprocess.run(["rm", "-rf", str(homes)])
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
