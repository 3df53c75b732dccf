"""Getting submissions into `submitted/<trainee>/<assignment>/`, where nbgrader wants them.

Three routes, one per place submissions really come from:

* the nbgrader exchange on a JupyterHub: `nbgrader collect ASSIGNMENT`;
* an LMS "download all submissions" zip: `nbgrader zip_collect` with the
  `nbgrader_integration.lms.LmsFileNameCollector` plugin (Canvas, Moodle, Blackboard file names);
  a zip that holds plain folders or `<trainee>.ipynb` files is unpacked and
  treated like a folder;
* a plain folder: `<trainee>.ipynb` (one-notebook assignments) or
  `<trainee>/<notebook>.ipynb` (any assignment; other files in the trainee's
  folder, including a `timestamp.txt`, are kept).

Plus the class list (`nbgrader db student import roster.csv`) and the due
date (`nbgrader db assignment add ID --duedate=...`).
"""

from __future__ import annotations

import csv
import filecmp
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..nbgrader_integration.lms import PATTERNS, LmsFileNameCollector, guess_lms
from ..nbgrader_integration.runner import run_nbgrader

SAFE_ID = re.compile(r"[^A-Za-z0-9_.@-]+")
SKIP_NAMES = {".ipynb_checkpoints", "__pycache__", "__MACOSX", ".DS_Store"}


@dataclass
class IntakeResult:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    renamed_ids: dict[str, str] = field(default_factory=dict)

    def summary(self, source: str) -> str:
        text = (f"{source}: {len(self.new)} new, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged submission(s)")
        if self.renamed_ids:
            pairs = ", ".join(f"'{a}' -> {b}" for a, b in sorted(self.renamed_ids.items())[:5])
            text += f"; trainee ids made file-safe: {pairs}"
        return text


def student_id_from(name: str) -> str:
    """A file-system and nbgrader safe id: spaces and odd characters become `_`."""
    cleaned = SAFE_ID.sub("_", name.strip()).strip("._")
    if not cleaned:
        raise UserError(f"cannot make a trainee id from the name {name!r}")
    return cleaned


def _same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(
        filecmp.cmp(a / rel, b / rel, shallow=False) for rel in files_a)


def _place(staged: Path, target: Path, student: str, result: IntakeResult) -> None:
    """Make target hold exactly staged's files; classify as new/updated/unchanged."""
    if target.exists():
        if _same_tree(staged, target):
            result.unchanged.append(student)
            return
        shutil.rmtree(target)
        result.updated.append(student)
    else:
        result.new.append(student)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(staged, target)


def import_folder(folder: Path, course: Path, assignment: str,
                  notebooks: list[str]) -> IntakeResult:
    """Copy `<trainee>.ipynb` files and `<trainee>/...` folders into submitted/."""
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder.")
    result = IntakeResult()
    entries = sorted(p for p in folder.iterdir() if p.name not in SKIP_NAMES
                     and not p.name.startswith("."))
    loose = [p for p in entries if p.is_file() and p.suffix == ".ipynb"]
    if loose and len(notebooks) != 1:
        raise UserError(f"{folder} holds loose notebooks ({loose[0].name}, ...), but "
                        f"{assignment} has {len(notebooks)} notebooks; put each trainee's "
                        "files in a folder named after the trainee.")
    with tempfile.TemporaryDirectory(prefix="intake-") as tmp:
        for entry in entries:
            if entry.is_file() and entry.suffix != ".ipynb":
                continue
            name = entry.stem if entry.is_file() else entry.name
            student = student_id_from(name)
            if student != name:
                result.renamed_ids[name] = student
            staged = Path(tmp) / student
            if staged.exists():
                raise UserError(f"two submissions in {folder} become trainee '{student}'; "
                                "rename one of them.")
            if entry.is_file():
                staged.mkdir()
                shutil.copyfile(entry, staged / notebooks[0])
            else:
                inner = entry / assignment if (entry / assignment).is_dir() else entry
                shutil.copytree(inner, staged,
                                ignore=shutil.ignore_patterns(*SKIP_NAMES, "*.pyc"))
            _place(staged, course / "submitted" / student / assignment, student, result)
    if not (result.new or result.updated or result.unchanged):
        raise UserError(f"no submissions found in {folder}: expected <trainee>.ipynb files or "
                        "<trainee>/ folders with the notebook inside.")
    return result


def import_zip(archive: Path, course: Path, assignment: str, notebooks: list[str],
               lms: str | None = None) -> tuple[IntakeResult | None, str]:
    """An LMS download (via nbgrader zip_collect) or a zip of plain folders."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            names = [n for n in bundle.namelist() if not n.endswith("/")]
            lms = lms or guess_lms(names) or guess_lms([n.split("/", 1)[-1] for n in names])
            if lms is None:
                with tempfile.TemporaryDirectory(prefix="intake-zip-") as tmp:
                    _safe_extract(bundle, Path(tmp))
                    root = _zip_root(Path(tmp), notebooks)
                    return import_folder(root, course, assignment, notebooks), "folders in a zip"
    except zipfile.BadZipFile:
        raise UserError(f"{archive} is not a zip file (or it is damaged).") from None
    zip_collect(archive, course, assignment, lms)
    return None, lms


def _zip_root(unpacked: Path, notebooks: list[str]) -> Path:
    """Skip one wrapping folder (`submissions/alice/...`) but not a lone trainee's folder."""
    top = [p for p in unpacked.iterdir() if p.name not in SKIP_NAMES]
    if len(top) == 1 and top[0].is_dir():
        inner = [p for p in top[0].iterdir() if p.name not in SKIP_NAMES]
        holds_trainees = any(p.is_dir() and any(p.rglob("*.ipynb")) for p in inner) or any(
            p.suffix == ".ipynb" and p.name not in notebooks for p in inner)
        if holds_trainees:
            return top[0]
    return unpacked


def _safe_extract(bundle: zipfile.ZipFile, target: Path) -> None:
    for member in bundle.namelist():
        resolved = (target / member).resolve()
        if not str(resolved).startswith(str(target.resolve())):
            raise UserError(f"the zip holds an unsafe path ({member}); not unpacked.")
    bundle.extractall(target)


def zip_collect(archive: Path, course: Path, assignment: str, lms: str) -> None:
    if lms not in PATTERNS:
        raise UserError(f"--lms {lms}: use one of {', '.join(PATTERNS)}.")
    inbox = course / "downloaded" / assignment / "archive"
    if inbox.exists():
        shutil.rmtree(inbox)
    inbox.mkdir(parents=True)
    guard = course / "downloaded" / ".gitignore"
    if not guard.exists():  # trainees' work: never commit it
        guard.write_text("*\n")
    shutil.copyfile(archive, inbox / archive.name)
    run_nbgrader([
        "zip_collect", assignment, "--force",
        "--ZipCollectApp.collector_plugin="
        f"{LmsFileNameCollector.__module__}.{LmsFileNameCollector.__name__}",
        f"--LmsFileNameCollector.lms={lms}",
    ], course)


def collect_exchange(course: Path, assignment: str) -> None:
    """`nbgrader collect`: newest submission of every trainee from the exchange."""
    run_nbgrader(["collect", assignment, "--update"], course)


def import_roster(roster: Path, course: Path) -> int:
    """`nbgrader db student import`; the CSV needs an `id` column."""
    if not roster.is_file():
        raise UserError(f"roster {roster} does not exist.")
    with roster.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        rows = list(reader)
    if "id" not in columns:
        raise UserError(f"roster {roster} needs an 'id' column (optional: first_name, "
                        f"last_name, email, lms_user_id); it has: {', '.join(columns) or 'none'}.")
    bad = [r["id"] for r in rows if not r["id"] or student_id_from(r["id"]) != r["id"]]
    if bad:
        raise UserError(f"roster ids must be letters, digits, '_', '-', '.', '@'; fix: "
                        f"{', '.join(repr(b) for b in bad[:5])}")
    run_nbgrader(["db", "student", "import", str(roster.resolve())], course)
    return len(rows)


def set_due_date(course: Path, assignment: str, due: str) -> None:
    """`nbgrader db assignment add ID --duedate=...` (updates an existing assignment)."""
    from nbgrader.utils import parse_utc

    try:
        parse_utc(due)
    except (ValueError, OverflowError):
        raise UserError(f"--due {due!r} is not a date nbgrader understands; write it like "
                        "'2026-03-02 17:00:00 America/Chicago' or '2026-03-02T23:00Z'.") from None
    run_nbgrader(["db", "assignment", "add", assignment, f"--duedate={due}"], course)
