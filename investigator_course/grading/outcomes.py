"""Read what happened while a trainee was graded, and say it in one line each.

Sources: the autograded notebook (nbgrader writes a `CellTimeoutError` output
when it stops a cell, `... Output truncated ...` when LimitOutput cuts a
stream, and the trainee's `MemoryError` when the kernel hits its cap), the
sandbox's event file (blocked file, program and network access) and the
worker's log of nbgrader warnings and errors (a kernel that died, a
notebook nbgrader could not process).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..nbgrader_integration.cells import grade_id
from .issues import Issue
from .sandbox import read_events

TRUNCATED = "... Output truncated ..."


def _cell_label(cell: dict, index: int) -> str:
    gid = grade_id(cell)
    return f"cell {gid}" if gid else f"cell {index + 1}"


def notebook_issues(path: Path, timeout: int | None) -> list[Issue]:
    """Time-outs, memory errors and cut output in one autograded notebook."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    issues = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        label = _cell_label(cell, index)
        names = [o.get("ename") for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if "CellTimeoutError" in names:
            limit = f" {timeout} s" if timeout else " the time limit"
            issues.append(Issue("timeout", f"{path.name}: {label} ran longer than{limit} and was "
                                "stopped (an endless loop?); the exercises after it were "
                                "graded"))
        if "MemoryError" in names:
            issues.append(Issue("memory", f"{path.name}: {label} ran out of memory (the "
                                "grading memory cap); only that exercise was affected"))
        if any(TRUNCATED in "".join(o.get("text", "")) for o in cell.get("outputs", [])
               if o.get("output_type") == "stream"):
            issues.append(Issue("huge_output", f"{path.name}: {label} printed too much; "
                                "the output was cut", attention=False))
    return issues


def shown_path(target: str, folder: Path, course: Path) -> str:
    """A blocked path as the instructor can read it: relative to the notebook or the course."""
    path = Path(target)
    own_root = folder.parents[2]  # <run>/private/<trainee>/autograded/<trainee>/<assignment>
    if path.is_relative_to(own_root):
        return os.path.relpath(path, folder)
    if path.is_relative_to(own_root.parent.parent):
        return "another trainee's grading copy or the grading run's files"
    if path.is_relative_to(course):
        return "course/" + path.relative_to(course).as_posix()
    return target


def sandbox_issues(events_file: Path, folder: Path | None = None,
                   course: Path | None = None) -> list[Issue]:
    issues = []
    kinds = {"write": "sandbox_write", "read": "sandbox_read", "process": "sandbox_process",
             "network": "sandbox_network", "native": "sandbox_native"}
    words = {
        "write": "tried to write outside its folder",
        "read": "tried to read instructor files or other trainees' work",
        "process": "tried to start a program",
        "network": "tried to open a network connection",
        "native": "called C functions directly through ctypes",
    }
    grouped: dict[str, list[str]] = {}
    for event in read_events(str(events_file)):
        target = str(event.get("target", ""))
        if folder is not None and course is not None and target.startswith("/"):
            target = shown_path(target, folder, course)
        grouped.setdefault(event.get("kind", ""), []).append(target)
    for kind, targets in grouped.items():
        if kind not in kinds:
            continue
        shown = ", ".join(targets[:3]) + (f" and {len(targets) - 3} more" if len(targets) > 3
                                          else "")
        how = "not blocked by the audit hook" if kind == "native" else "blocked"
        issues.append(Issue(kinds[kind], f"{words[kind]} ({how}): {shown}"))
    return issues


def failure_issue(error: str, log: list[str]) -> Issue:
    """Why nbgrader could not grade a trainee, from its log; scored zero."""
    text = "\n".join(log) + "\n" + error
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text:
        reason = ("the notebook's kernel stopped while running (it used too much memory or "
                  "CPU time, or crashed)")
    elif "Timeout waiting for execute reply" in text:
        reason = ("a cell kept running after the time limit's interrupt (it ignores "
                  "interruption), so the notebook could not be finished")
    elif "UnresponsiveKernelError" in text or "became unresponsive" in text:
        reason = "the notebook's kernel stopped answering"
    elif "failed to validate" in text or "ValidationError" in text:
        reason = "nbgrader rejected the notebook's grading metadata"
    else:
        last = [line for line in log if line.startswith("ERROR")]
        detail = (last[0] if last else error).replace("ERROR: ", "").strip().splitlines()
        reason = f"nbgrader failed ({detail[0][:150] if detail else 'no details'})"
    return Issue("grading_failed", f"not graded: {reason}; scored 0 and flagged for review")
