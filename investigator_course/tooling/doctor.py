"""`investigator-course doctor`: is this machine ready for the course?

Each check returns a list of findings; a finding is either fine or a problem
with the exact command that fixes it. Self-learners run this first when
something does not work, so every message says what to do, not what broke.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..course_map import built_assignments
from ..manifest import MANIFEST_NAME, verify_manifest
from ..nbgrader_integration.runner import tool_env
from ..paths import course_dir, datasets_dir, repo_root, solutions_dir, workspace_dir

DISTRIBUTION = "investigator-course"
NBGRADER_LAB_PLUGINS = ("create-assignment", "formgrader", "validate-assignment")
REINSTALL = "run `make install` (or `pip install -e .` in the course folder)"


@dataclass
class Finding:
    ok: bool
    what: str
    fix: str = ""


def add_arguments(parser) -> None:
    parser.add_argument("--quick", action="store_true",
                        help="skip the JupyterLab extension check (it starts Jupyter, ~3 s)")


def run(args) -> int:
    root = repo_root()
    checks = [check_python, check_packages, check_tools, check_datasets, check_writable]
    if not args.quick:
        checks.insert(3, check_lab_extensions)
    findings = [finding for check in checks for finding in check(root)]
    for finding in findings:
        print(f"{'ok ' if finding.ok else 'FIX'}  {finding.what}")
        if finding.fix:
            print(f"      -> {finding.fix}")
    problems = sum(not f.ok for f in findings)
    print("Everything is ready." if not problems else f"{problems} problem(s) to fix.")
    return 1 if problems else 0


def check_python(root: Path) -> list[Finding]:
    """pip refuses to install the course on Python < 3.11, so this only reports."""
    version = ".".join(map(str, sys.version_info[:3]))
    return [Finding(True, f"Python {version} ({sys.executable})")]


def check_packages(root: Path) -> list[Finding]:
    from packaging.requirements import Requirement

    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return [Finding(False, "the course package is not installed", REINSTALL)]
    findings, good = [], []
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            findings.append(Finding(False, f"{requirement.name} is missing", REINSTALL))
            continue
        if requirement.specifier.contains(installed, prereleases=True):
            good.append(f"{requirement.name} {installed}")
        else:
            findings.append(Finding(False, f"{requirement.name} {installed} is not {requirement}",
                                    f"pip install '{requirement}'"))
    return [Finding(True, "packages: " + ", ".join(good))] + findings


def check_tools(root: Path) -> list[Finding]:
    """nbgrader runs `alembic` as a separate program to set up its gradebook."""
    path = tool_env()["PATH"]
    if shutil.which("alembic", path=path):
        return [Finding(True, "alembic (used by nbgrader) is on the PATH")]
    return [Finding(False, "alembic, which nbgrader runs, is not installed", REINSTALL)]


def check_lab_extensions(root: Path) -> list[Finding]:
    listing = _jupyter_output(["labextension", "list"])
    if listing is None:
        return [Finding(False, "JupyterLab does not start", REINSTALL)]
    enabled_line = [
        line for line in listing.splitlines() if "@jupyter/nbgrader" in line and "enabled" in line
    ]
    disabled_section = listing.split("Disabled extensions:", 1)[1] if "Disabled extensions:" in \
        listing else ""
    off = [p for p in NBGRADER_LAB_PLUGINS if f"@jupyter/nbgrader:{p}" in disabled_section]
    if not enabled_line:
        return [Finding(False, "nbgrader's JupyterLab extension is not enabled",
                        "jupyter labextension enable @jupyter/nbgrader")]
    if off:
        return [Finding(False, f"nbgrader's {', '.join(off)} panel(s) are disabled",
                        " ; ".join(f"jupyter labextension enable @jupyter/nbgrader:{p}"
                                   for p in off))]
    return [Finding(True, "nbgrader's JupyterLab extension is enabled")]


def _jupyter_output(args: list[str]) -> str | None:
    try:
        result = subprocess.run([sys.executable, "-m", "jupyter", *args], env=tool_env(),
                                capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout + result.stderr if result.returncode == 0 else None


def check_datasets(root: Path) -> list[Finding]:
    data = datasets_dir(root)
    findings = []
    needed = {name for a in built_assignments(root) for name in a.datasets}
    for name in sorted(needed):
        if not (data / name).is_dir():
            findings.append(Finding(False, f"datasets/{name}/ is missing", _restore(name)))
    for folder in sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []:
        if not (folder / MANIFEST_NAME).is_file():
            findings.append(Finding(False, f"datasets/{folder.name}/ has no {MANIFEST_NAME}",
                                    _restore(folder.name)))
            continue
        report = verify_manifest(folder)
        if report.ok:
            findings.append(Finding(True, f"datasets/{folder.name}/ matches its checksums"))
            continue
        details = "; ".join(
            f"{label}: {', '.join(files[:3])}{' ...' if len(files) > 3 else ''}"
            for label, files in (("missing", report.missing), ("changed", report.changed),
                                 ("not listed", report.unlisted)) if files
        )
        findings.append(Finding(False, f"datasets/{folder.name}/ differs from its manifest "
                                       f"({details})", _restore(folder.name)))
    return findings


def _restore(name: str) -> str:
    if name == "tip_report":
        return "restore it with `git checkout -- datasets/tip_report`"
    return ("restore it with `git checkout -- datasets` or redraw the default world with "
            "`investigator-course datasets`")


def check_writable(root: Path) -> list[Finding]:
    findings = []
    workspace = workspace_dir(root)
    folders = {"course/": course_dir(root), "solutions/": solutions_dir(root),
               "your workspace": workspace if workspace.exists() else workspace.parent}
    for label, folder in folders.items():
        if folder.exists() and os.access(folder, os.W_OK):
            findings.append(Finding(True, f"{label} is writable ({folder})"))
        else:
            findings.append(Finding(False, f"{label} is not writable ({folder})",
                                    "copy the course folder somewhere you own, e.g. your home"))
    return findings
