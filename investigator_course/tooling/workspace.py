"""The learner's workspace: their own copy of the released assignments.

`lab` refreshes it from course/release before opening JupyterLab. The rule is
that a learner never loses work: a notebook is replaced only if the learner
has not changed it since we copied it; otherwise the new release is written
beside it as `<name>.updated.ipynb` and the learner is told. Data files are
course material, not work, so they follow the release.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .build import STAMP_NAME

STATE_NAME = ".investigator-course-state.json"


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
            if current == new_digest:
                pass
            elif current == state.get(key):
                _copy(src, dst)
                messages.append(f"updated {key} (you had not changed it)")
            else:
                updated = dst.with_name(dst.stem + ".updated.ipynb")
                _copy(src, updated)
                newer = updated.relative_to(workspace).as_posix()
                messages.append(f"kept your work in {key}; a newer version is in {newer}")
                continue  # remember the version the learner's copy is based on
        elif _digest(dst) != new_digest:
            _copy(src, dst)
            messages.append(f"refreshed {key}")
        state[key] = new_digest
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True))
    return messages


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
