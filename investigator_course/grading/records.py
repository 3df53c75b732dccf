"""What `grade` remembers between runs, and the per-trainee grading report.

`course/grading/<assignment>/` (never committed: it holds trainees' results,
and the folder carries its own `.gitignore`) contains:

* `state.json`: per trainee, a hash of the submission and of what decides its
  grade (source notebooks, due date, late policy), the outcome and the issues.
  A re-run skips trainees whose hash is unchanged and who are in the
  gradebook, which makes `grade` idempotent and lets it resume after an
  interruption;
* `settings.json`: the late-penalty policy chosen with `--late-penalty`;
* `grading_report.csv` and `grading_report.json`: one row per trainee.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .issues import Issue, summary
from .repair import _ignored

STATE_VERSION = 1


def grading_dir(course: Path, assignment: str) -> Path:
    folder = course / "grading" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    guard = course / "grading" / ".gitignore"
    if not guard.exists():
        guard.write_text("# trainees' results: never commit\n*\n")
    return folder


@contextlib.contextmanager
def run_lock(folder: Path):
    """One `grade` run per assignment at a time (two would race for the same trainees)."""
    import fcntl  # POSIX; `grade` refuses to start on Windows before it gets here

    handle = (folder / ".lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise UserError(f"another `investigator-course grade` is already grading "
                        f"{folder.name}; wait for it to finish.") from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def write_json(path: Path, data) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def submission_hash(folder: Path, context: str, ignore: list[str]) -> str:
    digest = hashlib.sha256(context.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not _ignored(path, folder, ignore):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def context_hash(course: Path, assignment: str, late_policy: str | None,
                 duedate: object) -> str:
    digest = hashlib.sha256(f"v{STATE_VERSION}|{late_policy}|{duedate}".encode())
    for path in sorted((course / "source" / assignment).glob("*.ipynb")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@dataclass
class TraineeRecord:
    student: str
    status: str  # graded | not graded | hung
    hash: str = ""
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0
    graded_at: str = ""

    @property
    def needs_attention(self) -> bool:
        return self.status != "graded" or any(i.attention for i in self.issues)

    def as_dict(self) -> dict:
        return {"student": self.student, "status": self.status, "hash": self.hash,
                "issues": [i.as_dict() for i in self.issues], "seconds": self.seconds,
                "graded_at": self.graded_at}

    @classmethod
    def from_dict(cls, data: dict) -> TraineeRecord:
        return cls(data["student"], data.get("status", "graded"), data.get("hash", ""),
                   [Issue.from_dict(i) for i in data.get("issues", [])],
                   float(data.get("seconds", 0.0)), data.get("graded_at", ""))


def load_state(folder: Path) -> dict[str, TraineeRecord]:
    data = read_json(folder / "state.json", {})
    if data.get("version") != STATE_VERSION:
        return {}
    return {sid: TraineeRecord.from_dict(rec) for sid, rec in data.get("trainees", {}).items()}


def save_state(folder: Path, records: dict[str, TraineeRecord]) -> None:
    write_json(folder / "state.json", {
        "version": STATE_VERSION,
        "trainees": {sid: rec.as_dict() for sid, rec in sorted(records.items())},
    })


REPORT_COLUMNS = ["student", "status", "needs_attention", "score", "max_score",
                  "late_penalty", "graded_this_run", "seconds", "issues"]


def write_report(folder: Path, assignment: str, rows: list[dict]) -> tuple[Path, Path]:
    """grading_report.csv and .json: one row per trainee with its issues."""
    csv_path, json_path = folder / "grading_report.csv", folder / "grading_report.json"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "issues": summary(row["issue_list"])})
    write_json(json_path, {
        "assignment": assignment,
        "trainees": [{**{k: row[k] for k in REPORT_COLUMNS if k != "issues"},
                      "issues": [i.as_dict() for i in row["issue_list"]]} for row in rows],
    })
    return csv_path, json_path


def refresh_late_penalties(config, assignment: str) -> str:
    """Late penalties brought up to date with the scores after hand grading (see
    nbgrader_integration/late.py); a line for the instructor, empty when nothing changed."""
    from ..nbgrader_integration import late

    policy = read_json(grading_dir(config.course, assignment) / "settings.json",
                       {}).get("late_penalty")
    changed = late.refresh_penalties(config.db_url, config.course_id, assignment, policy)
    if not changed:
        return ""
    return (f"{assignment}: late penalty ({policy}) recomputed on today's scores for "
            f"{', '.join(changed)}")
