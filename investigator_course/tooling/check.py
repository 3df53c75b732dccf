"""`investigator-course check`: what nbgrader's Validate button does, in the terminal.

It runs the learner's notebook from top to bottom in a fresh kernel (like
Restart & Run All), then reports each test cell in plain words. Only the tests
in the learner's copy run, that is the visible ones; the hidden tests run when
the instructor grades.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat

from ..course_map import built_assignments, resolve_assignment
from ..errors import UserError
from ..nbgrader_integration.validate_extension import BRACKETS_HINT, missing_brackets
from ..paths import repo_root, workspace_dir
from .workspace import NEW_PREFIX


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 00_orientation (or just 00)")
    parser.add_argument("--notebook", type=Path, default=None,
                        help="check this notebook instead of the one in your workspace")
    parser.add_argument("--timeout", type=int, default=60,
                        help="seconds a cell may run before it is stopped (default 60)")


@dataclass
class CellResult:
    grade_id: str
    points: float
    score: float | None  # None: graded by a person
    message: str


def run(args) -> int:
    root = repo_root()
    assignment = resolve_assignment(args.assignment, root)
    notebooks = [args.notebook] if args.notebook else workspace_notebooks(assignment.id, root)
    all_passed = True
    for notebook in notebooks:
        print(f"Running {notebook.name} from top to bottom in a fresh kernel ...", flush=True)
        results = check_notebook(notebook, timeout=args.timeout)
        all_passed &= _print_report(notebook, results)
    return 0 if all_passed else 1


def workspace_notebooks(assignment_id: str, root: Path) -> list[Path]:
    folder = workspace_dir(root) / assignment_id
    notebooks = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith(NEW_PREFIX))
    if not notebooks:
        if assignment_id not in {a.id for a in built_assignments(root)}:
            raise UserError(f"{assignment_id} has no notebooks yet: it is planned, not written. "
                            "`investigator-course outline` lists the assignments that are ready.")
        raise UserError(f"no notebook in {folder}; run `investigator-course lab` once to create "
                        "your workspace, or pass --notebook PATH.")
    return notebooks


def check_notebook(path: Path, timeout: int = 60) -> list[CellResult]:
    """Execute a copy of the notebook and grade its test cells; the file is not modified."""
    from nbgrader import utils
    from nbgrader.preprocessors import ClearOutput, Execute

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} does not exist.")
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as problem:  # nbformat raises several types for a damaged file
        raise UserError(f"{path} is not a readable notebook ({problem.__class__.__name__}); "
                        "restore it from the .ipynb_checkpoints folder or re-copy it.") from None
    previous = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "validate"
    try:
        nb, _ = ClearOutput().preprocess(nb, {})
        # ipykernel warns on stderr about TCP transport; that is noise for a learner.
        executor = Execute(timeout=timeout, extra_arguments=["--IPKernelApp.log_level=ERROR"])
        nb, _ = executor.preprocess(nb, {"metadata": {"path": str(path.parent.resolve())}})
        _no_missing_data(nb, path)
    finally:
        if previous is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = previous
    results = []
    for cell in nb.cells:
        if not (utils.is_grade(cell) or utils.is_task(cell)):
            continue
        grade_id = cell.metadata.nbgrader["grade_id"]
        points = float(cell.metadata.nbgrader.get("points", 0))
        if utils.is_task(cell) or cell.cell_type == "markdown":
            results.append(CellResult(grade_id, points, None, "written answer: graded by a person"))
            continue
        score, _ = utils.determine_grade(cell)
        results.append(CellResult(grade_id, points, score, _error_message(cell)))
    return results


def _no_missing_data(nb, path: Path) -> None:
    """A copy checked outside its assignment folder cannot find `data/`: say so, once,
    instead of a FileNotFoundError in every test."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if (output.get("ename") == "FileNotFoundError" and "data/" in output.get("evalue", "")
                    and not (path.parent / "data").is_dir()):
                raise UserError(f"{path.name} reads its data from a data/ folder beside it, and "
                                f"{path.parent} has none: check the copy in your workspace, or "
                                "copy the assignment's data/ folder next to this notebook.")


def _error_message(cell) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            if output.get("ename") == "NotImplementedError":
                return ("not answered yet: write your code in the answer cell above "
                        "(it still says `raise NotImplementedError`)")
            if output.get("ename") == "CellTimeoutError":
                return "the cell ran too long and was stopped: look for a loop that never ends"
            message = f"{output.get('ename')}: {output.get('evalue')}".strip()
            if missing_brackets(output.get("ename", ""), output.get("evalue", "")):
                message += f" -- {BRACKETS_HINT}"
            return message
    return ""


def _points(points: float) -> str:
    return f"{points:g} point" + ("" if points == 1 else "s")


def _print_report(path: Path, results: list[CellResult]) -> bool:
    saved = datetime.fromtimestamp(path.stat().st_mtime).strftime("%H:%M on %d %B")
    print(f"Checked {path} as last saved ({saved}; save in JupyterLab first, File > Save, to "
          "check your latest changes). Visible tests only; hidden tests run when your work is "
          "graded.")
    autograded = [r for r in results if r.score is not None]
    for result in results:
        if result.score is None:
            print(f"  ----  {result.grade_id}: {result.message} ({_points(result.points)})")
        elif result.score >= result.points:
            print(f"  PASS  {result.grade_id} ({_points(result.points)})")
        else:
            print(f"  FAIL  {result.grade_id}: {result.message}")
    passed = sum(r.score >= r.points for r in autograded)
    print(f"{passed} of {len(autograded)} checks pass.")
    return passed == len(autograded)
