"""What nbgrader 0.9 needs to find in a submission, and the repairs it cannot make itself.

The release says which graded cells a notebook has (`release_reference`).
nbgrader restores edited tests from the gradebook and re-adds deleted graded
cells (`OverwriteCells.add_missing_cells`), but in 0.9.6 it fails with a
KeyError, for the whole notebook, when a deleted cell's neighbor is gone too,
and it stops a whole run on a `timestamp.txt` it cannot parse. These are
nbgrader's behaviors of the versions in `NBGRADER_CHECKED`; re-check them when
the pin moves.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_raw_cell

from .cells import grade_id, nbgrader_meta, role


@dataclass(frozen=True)
class ReleaseCell:
    grade_id: str
    cell_type: str
    meta: dict
    source: str
    role: str  # see cells.role


def release_reference(release_dir: Path) -> dict[str, dict[str, ReleaseCell]]:
    """notebook file name -> grade_id -> the cell as released to trainees."""
    reference = {}
    for path in sorted(release_dir.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        reference[path.name] = {
            grade_id(cell): ReleaseCell(grade_id(cell), cell.cell_type, dict(nbgrader_meta(cell)),
                                        cell.source, role(cell))
            for cell in nb.cells if grade_id(cell)}
    return reference


def new_cell(cell_type: str, source: str, metadata: dict, cell_id=None):
    maker = {"code": new_code_cell, "markdown": new_markdown_cell}.get(cell_type, new_raw_cell)
    new = maker(source=source, metadata=metadata)
    if isinstance(cell_id, str) and 0 < len(cell_id) <= 64:
        new["id"] = cell_id
    return new


def restore_cells_nbgrader_cannot(nb, reference: dict[str, ReleaseCell], present: set[str]):
    """Put deleted answer and read-only cells back as released (an answer as its stub).

    nbgrader's `add_missing_cells` re-adds only graded cells, each after the cell that
    precedes it in the source; when that cell (the answer above a test) is gone too,
    nbgrader 0.9.6 fails with a KeyError and the trainee's whole notebook goes
    ungraded. With the stub back, the exercise simply scores 0.
    """
    order = list(reference)
    for position, gid in enumerate(order):
        ref = reference[gid]
        if gid in present or ref.role not in ("answer", "locked"):
            continue
        later = set(order[position + 1:]) & present
        index = next((i for i, cell in enumerate(nb.cells) if grade_id(cell) in later),
                     len(nb.cells))
        nb.cells.insert(index, new_cell(ref.cell_type, ref.source,
                                        {"nbgrader": copy.deepcopy(ref.meta)}))
        present.add(gid)


def timestamp_ok(path: Path) -> bool:
    """nbgrader stops a whole run on a timestamp.txt it cannot parse."""
    from nbgrader.utils import parse_utc

    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        return not text or parse_utc(text) is not None
    except (ValueError, OverflowError, TypeError):
        return False
