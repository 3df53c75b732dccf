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
from ..nbgrader_integration.config import load_config
from ..nbgrader_integration.lms import (
    PATTERNS,
    LmsFileNameCollector,
    guess_lms,
    match_groups,
    slug,
)
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
    """An LMS download (via nbgrader zip_collect) or a zip of plain folders.

    For an LMS download the return value's text (second item) says what was done with
    re-uploads, late markers and submission times, for the instructor to read.
    """
    try:
        with zipfile.ZipFile(archive) as bundle:
            names = [n for n in bundle.namelist() if not n.endswith("/")]
            lms = lms or guess_lms(names) or guess_lms([n.split("/", 1)[-1] for n in names])
            if lms is None:
                with tempfile.TemporaryDirectory(prefix="intake-zip-") as tmp:
                    _safe_extract(bundle, Path(tmp))
                    root = _zip_root(Path(tmp), notebooks)
                    return import_folder(root, course, assignment, notebooks), "folders in a zip"
            plan = plan_lms_intake(names, lms)
            with tempfile.TemporaryDirectory(prefix="intake-lms-") as tmp:
                latest = Path(tmp) / archive.name
                _write_members(bundle, plan.keep, latest)
                _keep_superseded(bundle, plan, course / "downloaded" / assignment / "superseded")
                late_stamp = _late_timestamp(course, assignment) if plan.late else ""
                before = _timestamps(course, assignment)
                zip_collect(latest, course, assignment, lms, late_stamp)
    except zipfile.BadZipFile:
        raise UserError(f"{archive} is not a zip file (or it is damaged).") from None
    kept = _restore_timestamps(course, assignment, before) if lms != "blackboard" else []
    _remember_lms_ids(course, plan.lms_ids)
    _remember_uploads(course, assignment, lms, plan.uploads)
    return None, plan.report(lms, late_stamp, kept)


@dataclass
class LmsPlan:
    """What an LMS download holds, decided before nbgrader sees it."""
    keep: list[str] = field(default_factory=list)         # members nbgrader collects
    superseded: dict[str, list[str]] = field(default_factory=dict)  # trainee -> earlier uploads
    late: list[str] = field(default_factory=list)         # trainees whose file is marked late
    lms_ids: dict[str, str] = field(default_factory=dict)  # trainee -> Canvas user id
    # trainee -> notebook -> the graded upload's name as the LMS wrote it, without the
    # extension: what a feedback file must be called for that LMS to match it (lms_feedback)
    uploads: dict[str, dict[str, str]] = field(default_factory=dict)

    def report(self, lms: str, late_stamp: str, kept_times: list[str]) -> str:
        lines = [f"unpacked with nbgrader zip_collect ({lms} file names)"]
        for trainee, files in sorted(self.superseded.items()):
            lines.append(f"  {trainee}: {len(files)} earlier upload(s) of the same notebook; "
                         "the latest is graded, the others are kept in downloaded/"
                         "<assignment>/superseded/")
        if self.late and late_stamp:
            lines.append(f"  marked late by {lms}, with no time: {', '.join(self.late)}; "
                         f"taken as submitted at {late_stamp} (just after the due date). "
                         "Put the real time in submitted/<trainee>/<assignment>/timestamp.txt "
                         "to change it.")
        elif self.late:
            lines.append(f"  marked late by {lms}: {', '.join(self.late)}; the assignment has "
                         "no due date, so no late penalty applies (give --due).")
        if lms != "blackboard":
            lines.append(f"  {lms} file names carry no submission time: every other file "
                         "counts as on time")
        if kept_times:
            lines.append("  kept the submission time already in timestamp.txt for: "
                         + ", ".join(kept_times))
        return "\n".join(lines)


def plan_lms_intake(names: list[str], lms: str) -> LmsPlan:
    """Keep each trainee's latest upload of each notebook (Canvas numbers re-uploads
    `-1`, `-2`, ...; nbgrader would stop at the first duplicate without naming anyone)
    and refuse an archive in which two people become one trainee id."""
    plan, latest, owners = LmsPlan(), {}, {}
    for name in names:
        groups = match_groups(lms, name)
        if groups is None:
            plan.keep.append(name)  # nbgrader skips and reports it
            continue
        trainee = slug(groups["student_id"])
        owners.setdefault(trainee, set()).add(groups.get("lms_id") or "")
        if lms == "canvas":  # Canvas's number is the user id its gradebook import matches
            plan.lms_ids[trainee] = groups["lms_id"]
        key = (trainee, groups["file_id"].lower() + groups["ext"].lower())
        rank = (int(groups.get("copy") or 0), name)
        if key not in latest or rank > latest[key][0]:
            if key in latest:
                plan.superseded.setdefault(trainee, []).append(latest[key][1])
            latest[key] = (rank, name, bool(groups.get("late")))
        else:
            plan.superseded.setdefault(trainee, []).append(name)
    clashes = {t: ids for t, ids in owners.items() if len(ids) > 1}
    if clashes:
        trainee, ids = sorted(clashes.items())[0]
        raise UserError(f"two people in the download become trainee '{trainee}' "
                        f"({lms} user ids {', '.join(sorted(ids))}); grade them apart by "
                        "renaming one file in the zip, e.g. add the first name's initial.")
    for (trainee, notebook), (_, name, late) in sorted(latest.items()):
        plan.keep.append(name)
        plan.uploads.setdefault(trainee, {})[notebook] = upload_stem(lms, name)
        if late and trainee not in plan.late:
            plan.late.append(trainee)
    return plan


def upload_stem(lms: str, member: str) -> str:
    """The name a feedback file for this upload needs (less its extension), so that the
    LMS's bulk feedback upload matches it to the trainee: Canvas reads the user id and
    the file's attachment id (the first two all-digit parts between `_`), so the
    download's file name is kept; Moodle reads `<full name>_<participant id>_
    assignsubmission_file_`, the prefix its download gave the file or its folder."""
    groups = match_groups(lms, member) or {}
    if lms == "moodle" and groups:
        return (f"{groups['student_id']}_{groups['lms_id']}_assignsubmission_file_"
                f"{groups['file_id']}")
    return Path(member.replace("\\", "/")).stem


def _remember_uploads(course: Path, assignment: str, lms: str,
                      uploads: dict[str, dict[str, str]]) -> None:
    """Keep, per assignment, which upload of which trainee was graded under which name
    (Moodle's participant id differs from one assignment to the next)."""
    from . import records

    path = records.grading_dir(course, assignment) / "lms_uploads.json"
    known = records.read_json(path, {})
    if known.get("lms") != lms:
        known = {"lms": lms, "trainees": {}}
    known["trainees"].update(uploads)
    records.write_json(path, known)


def _remember_lms_ids(course: Path, lms_ids: dict[str, str]) -> None:
    """Keep the LMS's user ids in the gradebook (unless the roster gave one), so that
    `report --lms` can write the file the LMS's grade import matches."""
    if not lms_ids:
        return
    from nbgrader.api import Gradebook, MissingEntry

    config = load_config(course)
    with Gradebook(config.db_url, config.course_id) as gradebook:
        for trainee, lms_id in sorted(lms_ids.items()):
            try:
                known = gradebook.find_student(trainee).lms_user_id
            except MissingEntry:
                known = None
            if not known:
                gradebook.update_or_create_student(trainee, lms_user_id=lms_id)


def _write_members(bundle: zipfile.ZipFile, members: list[str], target: Path) -> None:
    with zipfile.ZipFile(target, "w") as out:
        for member in members:
            out.writestr(bundle.getinfo(member), bundle.read(member))


def _keep_superseded(bundle: zipfile.ZipFile, plan: LmsPlan, folder: Path) -> None:
    """Earlier uploads are not graded, but never thrown away."""
    for files in plan.superseded.values():
        for member in files:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / Path(member).name).write_bytes(bundle.read(member))


def due_date(course: Path, assignment: str):
    """The assignment's due date in the gradebook (naive UTC, as nbgrader keeps it), or None."""
    from nbgrader.api import Gradebook, MissingEntry

    config = load_config(course)
    with Gradebook(config.db_url, config.course_id) as gradebook:
        try:
            return gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            return None


def _late_timestamp(course: Path, assignment: str) -> str:
    """One second after the assignment's due date (empty when it has none)."""
    from datetime import timedelta

    due = due_date(course, assignment)
    return (due + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S UTC") if due else ""


def _timestamps(course: Path, assignment: str) -> dict[str, str]:
    return {path.parent.parent.name: path.read_text(encoding="utf-8")
            for path in (course / "submitted").glob(f"*/{assignment}/timestamp.txt")}


def _restore_timestamps(course: Path, assignment: str, before: dict[str, str]) -> list[str]:
    """nbgrader's zip_collect empties each trainee's folder, a hand-placed timestamp.txt
    included; an LMS whose file names carry no time gives nothing better, so put it back."""
    kept = []
    for trainee, text in sorted(before.items()):
        path = course / "submitted" / trainee / assignment / "timestamp.txt"
        if path.parent.is_dir() and (not path.exists() or path.read_text() != text):
            path.write_text(text, encoding="utf-8")
            kept.append(trainee)
    return kept


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


def zip_collect(archive: Path, course: Path, assignment: str, lms: str,
                late_timestamp: str = "") -> None:
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
        f"--LmsFileNameCollector.late_timestamp={late_timestamp}",
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


EXTRA_TIME = re.compile(r"^\+(\d+(?:\.\d+)?)\s*([hd])$")


def set_extension(course: Path, assignment: str, spec: str) -> tuple[str, str]:
    """One trainee's later due date (`alice=+48h`, `alice=+2d` or `alice=<a date>`), kept
    in the assignment's grading settings. Grading puts it where nbgrader keeps it, the
    submission's `extension`, which nbgrader adds to the due date when it computes
    lateness (and formgrader shows), once the trainee has a submission to grade."""
    from datetime import timedelta

    from nbgrader.utils import parse_utc

    from . import records

    trainee, _, due = spec.partition("=")
    trainee, due = trainee.strip(), due.strip()
    if not trainee or not due:
        raise UserError(f"--extension {spec!r}: write TRAINEE=DUE, e.g. alice=+48h or "
                        "alice='2026-03-04 17:00:00 America/Chicago'.")
    deadline = due_date(course, assignment)
    if deadline is None:
        raise UserError(f"--extension needs a due date for {assignment}: give --due too.")
    extra = EXTRA_TIME.match(due)
    if extra:
        extension = timedelta(hours=float(extra.group(1)) * (24 if extra.group(2) == "d" else 1))
    else:
        try:
            extension = parse_utc(due) - deadline
        except (ValueError, OverflowError):
            raise UserError(f"--extension {spec!r}: {due!r} is neither +HOURSh, +DAYSd nor a "
                            "date nbgrader understands.") from None
    if extension.total_seconds() <= 0:
        raise UserError(f"--extension {spec!r} is not later than the due date {deadline} UTC.")
    folder = records.grading_dir(course, assignment)
    settings = records.read_json(folder / "settings.json", {})
    settings.setdefault("extensions", {})[trainee] = extension.total_seconds()
    records.write_json(folder / "settings.json", settings)
    return trainee, f"{deadline + extension} UTC"
