"""`investigator-course build`: turn course/source into releases and answer keys.

For each assignment that has a source notebook: write its notebooks from the
lesson text files in course/lessons/ (see lessons.py), copy its datasets into the
source folder (nbgrader ships non-notebook files with the release and restores
them at autograde), run `nbgrader generate_assignment`, then
`nbgrader generate_solution` and copy the executed answer key to solutions/.

A stamp (a hash of the assignment's source folder and the nbgrader config) is
kept in course/.build-stamps/, not in the release (nbgrader would hand it to
trainees); an assignment whose stamp still matches, whose release is there and
which the gradebook knows is skipped, which makes `make lab` quick after the
first time.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import re
import shutil
import time
from pathlib import Path

from ..course_map import Assignment, built_assignments, resolve_assignment
from ..errors import UserError
from ..nbgrader_integration.runner import run_nbgrader
from ..paths import course_dir, datasets_dir, repo_root, solutions_dir
from .lessons import sync_assignment

STAMP_NAME = ".build-stamp"  # in release/<id>/ before; nbgrader handed it to trainees
STAMPS_FOLDER = ".build-stamps"  # course/.build-stamps/<id>: what each release was built from


def add_arguments(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help="assignments to build (default: all with a source notebook)")
    parser.add_argument("--force", action="store_true",
                        help="rebuild even if nothing changed since the last build")
    parser.add_argument("--course-dir", metavar="DIR",
                        help="the course/ folder of another copy of this repository (one per "
                             "cohort): everything is written there (default: this one's)")


def root_for(course_option: str | None) -> Path:
    """The repository a build reads and writes: the one around `--course-dir`, never the
    installed one behind the user's back. A build needs the whole layout (lessons, datasets,
    answer keys), so a course folder copied on its own is refused with what to do."""
    if not course_option:
        return repo_root()
    course = Path(course_option).expanduser().resolve()
    if not (course / "course.toml").is_file():
        raise UserError(f"--course-dir {course} is not a course folder of this project (it has "
                        "no course.toml).")
    if course.name != "course" or not (course.parent / "datasets").is_dir():
        raise UserError(f"--course-dir {course}: a build needs the repository around the course "
                        "folder (course/ with datasets/ and solutions/ beside it). Copy or "
                        "clone the whole repository for each cohort and pass its course/.")
    return course.parent


def run(args) -> int:
    root = root_for(getattr(args, "course_dir", None))
    chosen = [resolve_assignment(name, root) for name in args.assignments]
    chosen = chosen or built_assignments(root)
    if not chosen:
        raise UserError("no assignment has a source notebook under course/source/.")
    for number, assignment in enumerate(chosen, start=1):
        build_assignment(assignment, root, force=args.force, label=f"[{number}/{len(chosen)}]")
    return 0


def ensure_built(root: Path) -> None:
    """Build whatever is out of date; used by `lab` before it opens the workspace."""
    for assignment in built_assignments(root):
        build_assignment(assignment, root)


def copy_datasets(assignment: Assignment, root: Path) -> int:
    """Mirror datasets/<name>/ into source/<id>/data/<name>/; returns files copied."""
    copied = 0
    for name in assignment.datasets:
        origin = datasets_dir(root) / name
        if not origin.is_dir():
            raise UserError(
                f"{assignment.id} needs datasets/{name}/, which is missing. "
                "Restore it with `git checkout -- datasets` or `investigator-course datasets`."
            )
        target = course_dir(root) / "source" / assignment.id / "data" / name
        copied += _mirror(origin, target)
    return copied


def _mirror(origin: Path, target: Path) -> int:
    copied = 0
    wanted = {p.relative_to(origin) for p in origin.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = origin / rel, target / rel
        if not dst.exists() or not filecmp.cmp(src, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            copied += 1
    if target.exists():
        for stale in [p for p in target.rglob("*") if p.is_file()]:
            if stale.relative_to(target) not in wanted:
                stale.unlink()
    return copied


def source_stamp(assignment: Assignment, root: Path) -> str:
    """A hash of everything that decides the release and the answer key."""
    digest = hashlib.sha256()
    source = course_dir(root) / "source" / assignment.id
    inputs = sorted(
        p for p in source.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts
    )
    inputs.append(course_dir(root) / "nbgrader_config.py")
    for path in inputs:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_assignment(assignment: Assignment, root: Path, *, force: bool = False,
                     label: str = "") -> bool:
    """Build one assignment if needed; returns True when something was rebuilt."""
    course = course_dir(root)
    _check_writable(course)
    started = time.monotonic()
    for change in sync_assignment(assignment.id, root):
        print(f"    {change}", flush=True)
    copied = copy_datasets(assignment, root)
    stamp = source_stamp(assignment, root)
    stamp_file = course / STAMPS_FOLDER / assignment.id
    release = course / "release" / assignment.id
    (release / STAMP_NAME).unlink(missing_ok=True)  # where earlier versions kept it
    in_gradebook = assignment_in_gradebook(course, assignment.id)
    released = any(release.glob("*.ipynb"))
    if (not force and in_gradebook and released and stamp_file.is_file()
            and stamp_file.read_text() == stamp):
        print(f"{label} {assignment.id}: up to date".strip(), flush=True)
        return False
    print(f"{label} {assignment.id}: data ({copied} file(s) updated)".strip(), flush=True)
    if not in_gradebook:
        print("    the gradebook does not know this assignment yet (a new cohort or machine): "
              "adding it", flush=True)
    print("    generating the trainee release (nbgrader generate_assignment) ...", flush=True)
    _generate_keeping_release(course, assignment.id)
    print("    generating the executed answer key (nbgrader generate_solution) ...", flush=True)
    run_nbgrader(["generate_solution", assignment.id, "--force"], course)
    export_solution(assignment, root)
    stamp_file.parent.mkdir(exist_ok=True)
    stamp_file.write_text(stamp)
    print(f"    done in {time.monotonic() - started:.1f} s -> course/release/{assignment.id}/, "
          f"solutions/{assignment.id}/", flush=True)
    return True


def export_solution(assignment: Assignment, root: Path) -> None:
    """Copy the executed notebooks (not the data) to solutions/<id>/, minus volatile metadata."""
    generated = course_dir(root) / "solution" / assignment.id
    target = solutions_dir(root) / assignment.id
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for notebook in sorted(generated.glob("*.ipynb")):
        (target / notebook.name).write_text(_stable_json(notebook), encoding="utf-8")


# A cell tagged so prints what depends on the machine (a speed, a time): the answer key keeps a
# note in its place, so that the same lesson always gives the same key.
MACHINE_DEPENDENT = "machine-dependent"

# An error message printed with Python's traceback module names the kernel's temporary folder,
# which has the kernel's process id in it.
KERNEL_FOLDER = re.compile(r'"[^"\n]*ipykernel_\d+/')


def _stable_json(notebook: Path) -> str:
    """Drop per-run timing metadata, join printed output that the kernel happened to send
    in several pieces, and give the kernel's temporary folder one name, so an unchanged
    source gives an unchanged answer key."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in data.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
        if MACHINE_DEPENDENT in cell.get("metadata", {}).get("tags", []):
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": [
                "(This cell measures this computer, so its output is not kept in the answer "
                "key: run it to see yours.)\n"]}]
        if "outputs" in cell:
            cell["outputs"] = _joined_streams(cell["outputs"])
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _joined_streams(outputs: list[dict]) -> list[dict]:
    """Consecutive stdout (or stderr) outputs as one, its text split into lines."""
    joined: list[dict] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            text = "".join(previous["text"]) + _stable_text(output["text"])
            previous["text"] = text.splitlines(keepends=True)
        else:
            if output.get("output_type") == "stream":
                output = {**output, "text": _stable_text(output["text"]).splitlines(keepends=True)}
            joined.append(output)
    return joined


def _stable_text(text: str | list[str]) -> str:
    return KERNEL_FOLDER.sub('"/tmp/ipykernel_PID/', "".join(text))


def assignment_in_gradebook(course: Path, assignment_id: str) -> bool:
    """Whether the course's gradebook has the assignment and its notebooks: nbgrader grades
    against that record, so a release without it would score every trainee 0."""
    from nbgrader.api import Gradebook, MissingEntry

    from ..nbgrader_integration.config import load_config

    config = load_config(course)
    try:
        with Gradebook(config.db_url, config.course_id) as gradebook:
            return bool(gradebook.find_assignment(assignment_id).notebooks)
    except MissingEntry:
        return False


def _generate_keeping_release(course: Path, assignment_id: str) -> None:
    """`nbgrader generate_assignment --force`, without ever losing a release trainees have.

    nbgrader deletes the old release before it writes the new one, and refuses to change an
    assignment that already has submissions; then the old release is put back, unchanged."""
    release = course / "release" / assignment_id
    kept = course / "release" / f".{assignment_id}.previous"
    if kept.exists():
        shutil.rmtree(kept)
    if release.exists():
        shutil.copytree(release, kept)
    try:
        run_nbgrader(["generate_assignment", assignment_id, "--force"], course)
    except UserError as problem:
        if kept.exists():
            if release.exists():
                shutil.rmtree(release)
            kept.rename(release)
        if "submissions associated" in str(problem):
            raise UserError(
                f"{assignment_id} has submissions in the gradebook, and nbgrader will not change "
                "an assignment trainees have handed in; the release is kept as it was. Finish "
                "grading this cohort first, or start the next cohort with a new gradebook "
                "(move course/gradebook.db aside, then build).") from None
        raise
    if kept.exists():
        shutil.rmtree(kept)


def _check_writable(folder: Path) -> None:
    probe = folder / ".write-test"
    try:
        probe.write_text("")
        probe.unlink()
    except OSError as problem:
        raise UserError(f"cannot write to {folder} ({problem.strerror}); "
                        "check the folder's permissions or copy the course somewhere you own."
                        ) from None
