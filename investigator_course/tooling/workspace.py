"""The learner's workspace: their own copy of the released assignments.

`lab` refreshes it from course/release before opening JupyterLab. The rule is
that a learner never loses work: a notebook is replaced only if the learner
has not changed it since we copied it; otherwise the new release is written
beside it as `NEW_<name>.ipynb` (the prefix shows even where the file browser
cuts long names short) and the learner is told, once. A release that has not
changed since it was copied leaves the learner's edits alone, silently. Data
files are course material, not work, so they follow the release.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .build import STAMP_NAME

STATE_NAME = ".investigator-course-state.json"
NEW_PREFIX = "NEW_"  # a new release of a notebook the learner has changed


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync_workspace(release: Path, workspace: Path) -> list[str]:
    """Bring `workspace` up to date with `release`; returns messages for the learner."""
    workspace.mkdir(parents=True, exist_ok=True)
    state_file = workspace / STATE_NAME
    state = json.loads(state_file.read_text()) if state_file.is_file() else {}
    messages = []
    for src in sorted(p for p in release.rglob("*") if p.is_file()):
        rel = src.relative_to(release)
        if src.name == STAMP_NAME or ".ipynb_checkpoints" in rel.parts:
            continue
        dst, key, new_digest = workspace / rel, rel.as_posix(), _digest(src)
        if not dst.exists():
            _copy(src, dst)
            messages.append(f"added {key}")
        elif src.suffix == ".ipynb":
            current = _digest(dst)
            if current == new_digest or new_digest == state.get(key):
                pass  # the same release as last time: any edits are the learner's own
            elif current == state.get(key):
                _copy(src, dst)
                messages.append(f"updated {key} (you had not changed it)")
            else:
                updated = dst.with_name(NEW_PREFIX + dst.name)
                _copy(src, updated)
                newer = updated.relative_to(workspace).as_posix()
                messages.append(f"kept your work in {key}; the new version of the assignment "
                                f"is beside it, in {newer}")
        elif _digest(dst) != new_digest:
            _copy(src, dst)
            messages.append(f"refreshed {key}")
        state[key] = new_digest
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True))
    return messages


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


KEYS_FOLDER = "answer_keys"
KEYS_README = """# Answer keys

The instructor's answer to every exercise, with its output, one folder per assignment, and
the instructor notes (`instructor_notes/`): for each written answer they hold the rubric as
a checklist and marked sample answers. They are here for learners working on their own: try
each exercise first, then compare; score a written answer against its checklist, honestly.

These copies are refreshed from the course each time `investigator-course lab` starts;
do not work in them (they cannot find the data from here, and your changes would be
replaced). Your own work is in the assignment folders beside this one.
"""


def sync_answer_keys(solutions: Path, workspace: Path, notes: Path | None = None) -> list[str]:
    """Copy the executed answer keys (and the instructor notes, with their rubrics and sample
    answers) into `workspace/answer_keys/`, where the lab can open them: a learner on their
    own has no other feedback on a written answer."""
    keys = workspace / KEYS_FOLDER
    messages = []
    sources = [(src, keys / src.parent.name / src.name)
               for src in sorted(solutions.glob("*/*.ipynb"))]
    if notes is not None:
        sources += [(src, keys / "instructor_notes" / src.name)
                    for src in sorted(notes.glob("*.md"))]
    for src, dst in sources:
        if not dst.exists() or _digest(dst) != _digest(src):
            messages.append(f"answer key {dst.relative_to(workspace).as_posix()}"
                            + (" updated" if dst.exists() else " added"))
            _copy(src, dst)
    if keys.is_dir():
        (keys / "README.md").write_text(KEYS_README, encoding="utf-8")
    return messages
