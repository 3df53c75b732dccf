"""Check and repair one trainee's submission before nbgrader sees it.

nbgrader grades what is in `submitted/<trainee>/<assignment>/`. Some real
submissions stop it for that trainee, or leave half-written rows in the
gradebook that show "needs manual grading" for ever:

* a file that is not notebook JSON, or a notebook under another name
  (`00_orientation (1).ipynb`, `Copy of ...`);
* a graded cell duplicated (nbgrader #1083/#1941; in 0.9.6 `DeduplicateIds`
  empties the copy's metadata and `OverwriteCells.add_missing_cells` then
  fails with `KeyError: 'grade_id'`), or a cell carrying grading metadata
  that is not in the assignment (same failure);
* a cell whose nbgrader metadata was damaged, which `CheckCellMetadata`
  rejects for the whole notebook.

`stage_submission` copies the submission to a private staging folder, picks
the right notebook for each expected name, repairs what it can (the first
copy of a duplicated cell stays graded, later copies become ordinary cells
that still run; metadata is reset to the release's; a retyped cell gets its
type back) and lists every change as an `Issue`. What nbgrader itself cannot
repair is in `nbgrader_integration/repair.py`. nbgrader still does the
grading: it restores edited tests from the gradebook and re-adds deleted
test cells. The original submission is never modified.
"""

from __future__ import annotations

import copy
import fnmatch
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..nbgrader_integration.cells import grade_id
from ..nbgrader_integration.repair import (
    ReleaseCell,
    new_cell,
    release_reference,
    restore_cells_nbgrader_cannot,
    timestamp_ok,
)
from .issues import Issue

__all__ = ["release_reference", "stage_submission"]

MAX_NOTEBOOK_BYTES = 200 * 1024 * 1024
MAX_OTHER_FILE_BYTES = 50 * 1024 * 1024


@dataclass
class StageResult:
    issues: list[Issue] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)  # staged notebook names

    @property
    def gradable(self) -> bool:
        return bool(self.notebooks)


def _ignored(path: Path, root: Path, ignore: list[str]) -> bool:
    return any(fnmatch.fnmatch(part, pattern) for part in path.relative_to(root).parts
               for pattern in ignore)


def _norm(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().split("\n"))


def _grade_ids(path: Path) -> set[str]:
    """grade_ids in a file, read leniently (empty when it is not JSON)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        return {grade_id(c) for c in data.get("cells", []) if isinstance(c, dict)} - {None}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def choose_notebooks(student_dir: Path, expected: dict[str, dict[str, ReleaseCell]],
                     ignore: list[str], issues: list[Issue]) -> dict[str, Path]:
    """Expected notebook name -> the trainee's file for it (renamed ones included)."""
    found = sorted(p for p in student_dir.rglob("*.ipynb")
                   if p.is_file() and not _ignored(p, student_dir, ignore))
    chosen = {name: student_dir / name for name in expected if (student_dir / name) in found}
    candidates = [p for p in found if p not in chosen.values()]
    missing = [name for name in expected if name not in chosen]
    for name in missing:
        if not candidates:
            break
        overlap = {p: len(_grade_ids(p) & set(expected[name])) for p in candidates}
        best = max(candidates, key=lambda p: overlap[p])
        if overlap[best] == 0 and not (len(missing) == 1 and len(candidates) == 1):
            continue
        chosen[name] = best
        candidates.remove(best)
        shown = best.relative_to(student_dir).as_posix()
        issues.append(Issue("renamed_notebook",
                            f"notebook submitted as '{shown}' was graded as '{name}'",
                            attention=False))
    for extra in candidates:
        issues.append(Issue("extra_notebook", f"ignored '{extra.relative_to(student_dir)}': "
                            "not a notebook of this assignment", attention=False))
    return chosen


def read_submitted_notebook(path: Path, name: str, issues: list[Issue]):
    """The notebook, structurally valid, outputs cleared; None (and an issue) if unreadable."""
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        issues.append(Issue("unreadable", f"{name} is {size // 2**20} MB, too large to grade"))
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = json.loads(text)
    except UnicodeDecodeError:
        issues.append(Issue("unreadable", f"{name} is not a text file (not a notebook)"))
        return None
    except ValueError as problem:
        where = f"line {problem.lineno}, column {problem.colno}" if hasattr(problem, "lineno") \
            else "start"
        issues.append(Issue("unreadable", f"{name} is not valid notebook JSON ({where}); "
                            "the file is damaged, ask the trainee to submit it again"))
        return None
    if not isinstance(data, dict) or not (isinstance(data.get("cells"), list)
                                          or isinstance(data.get("worksheets"), list)):
        issues.append(Issue("unreadable", f"{name} is JSON but not a Jupyter notebook (no "
                            "cells in it); ask the trainee to submit it again"))
        return None
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception:  # nbformat raises many types for damaged notebooks
        nb = None
    if nb is None:
        try:
            nb = rebuild(data)
            nbformat.validate(nb)
        except Exception as problem:
            issues.append(Issue("unreadable", f"{name} could not be repaired into a valid "
                                f"notebook ({str(problem).splitlines()[0][:80]})"))
            return None
        issues.append(Issue("repaired_format", f"{name}: damaged notebook structure repaired "
                            "(cells kept, outputs dropped)", attention=False))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _text(value) -> str:
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return value if isinstance(value, str) else ""


def rebuild(nb):
    """A fresh valid notebook with the same cells (type, source, metadata), no outputs."""
    fresh = nbformat.v4.new_notebook(metadata=dict(nb.get("metadata") or {}))
    ids = set()
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict):
            continue
        metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        cell_id = cell.get("id") if cell.get("id") not in ids else None
        new = new_cell(cell.get("cell_type"), _text(cell.get("source")), metadata, cell_id)
        ids.add(new["id"])
        fresh.cells.append(new)
    return fresh


def repair_graded_cells(nb, reference: dict[str, ReleaseCell], name: str,
                        issues: list[Issue]) -> None:
    """Duplicates, unknown ids, retyped cells, damaged metadata; report edits and deletions."""
    seen: set[str] = set()
    duplicated, unknown, answered = [], [], []
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        gid = meta.get("grade_id") if isinstance(meta, dict) else None
        if gid not in reference:
            del cell.metadata["nbgrader"]
            if isinstance(meta, dict) and any(meta.get(k) for k in
                                              ("grade", "solution", "locked", "task")):
                unknown.append(str(gid))
            continue
        if gid in seen:
            del cell.metadata["nbgrader"]
            duplicated.append(gid)
            continue
        seen.add(gid)
        ref = reference[gid]
        if cell.cell_type != ref.cell_type:
            issues.append(Issue("retyped_cell", f"{name}: cell {gid} was changed from "
                                f"{ref.cell_type} to {cell.cell_type}; changed back"))
            cell = nb.cells[index] = new_cell(ref.cell_type, cell.source, dict(cell.metadata),
                                               cell.get("id"))
        if ref.role in ("test", "locked", "task") and _norm(cell.source) != _norm(ref.source):
            what = "test cell" if ref.role == "test" else "read-only cell"
            issues.append(Issue("edited_test", f"{name}: {what} {gid} was edited; nbgrader "
                                "graded the original"))
        if ref.role in ("answer", "written"):
            answered.append(_norm(cell.source) != _norm(ref.source))
        cell.metadata["nbgrader"] = copy.deepcopy(ref.meta)
    if answered and not any(answered):
        issues.append(Issue("blank", f"{name}: no answer differs from the released notebook; "
                            "check that the trainee handed in the file they worked on"))
    for gid in sorted(set(duplicated)):
        issues.append(Issue("duplicated_cell", f"{name}: cell {gid} appears "
                            f"{duplicated.count(gid) + 1} times; the first copy was graded, "
                            "the others ran as ordinary cells"))
    if unknown:
        issues.append(Issue("unknown_cell", f"{name}: grading marks removed from cells "
                            f"{', '.join(sorted(set(unknown)))} (not in this assignment)",
                            attention=False))
    for gid, ref in reference.items():
        if gid in seen:
            continue
        if ref.role == "answer":
            issues.append(Issue("deleted_cell", f"{name}: answer cell {gid} was deleted; it was "
                                "put back empty, so that exercise counts as unanswered"))
        elif ref.role in ("test", "written", "task"):
            issues.append(Issue("deleted_cell", f"{name}: cell {gid} was deleted; nbgrader "
                                "put the original back"))
    restore_cells_nbgrader_cannot(nb, reference, seen)


def stage_submission(student_dir: Path, staging_dir: Path,
                     reference: dict[str, dict[str, ReleaseCell]],
                     ignore: list[str]) -> StageResult:
    """Copy, choose, read and repair one trainee's submission into staging_dir."""
    result = StageResult()
    if staging_dir.exists():
        shutil.rmtree(staging_dir)
    staging_dir.mkdir(parents=True)
    chosen = choose_notebooks(student_dir, reference, ignore, result.issues)
    for path in sorted(student_dir.rglob("*")):
        if not path.is_file() or path.suffix == ".ipynb" or _ignored(path, student_dir, ignore):
            continue
        if path.stat().st_size > MAX_OTHER_FILE_BYTES:
            result.issues.append(Issue("extra_notebook", f"ignored the large file "
                                       f"'{path.relative_to(student_dir)}'", attention=False))
            continue
        if path.relative_to(student_dir).as_posix() == "timestamp.txt" and not timestamp_ok(path):
            result.issues.append(Issue("late", "timestamp.txt could not be read as a date; "
                                       "graded as on time"))
            continue
        target = staging_dir / path.relative_to(student_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for name in reference:
        if name not in chosen:
            result.issues.append(Issue("missing_notebook", f"no {name} in the submission"
                                       + (" (scored 0)" if len(reference) > 1 else "")))
            continue
        nb = read_submitted_notebook(chosen[name], name, result.issues)
        if nb is None:
            continue
        repair_graded_cells(nb, reference[name], name, result.issues)
        nbformat.write(nb, staging_dir / name)
        result.notebooks.append(name)
    return result
