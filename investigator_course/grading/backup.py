"""`investigator-course backup`: one archive of everything a class's grading produced.

The gradebook (scores, written-answer grades, comments) is one SQLite file that
Formgrader may be writing while the back-up runs, so it is copied with SQLite's
own online back-up (a consistent snapshot, never a half-written page), not as a
file. The trainees' submissions and what grading made from them (autograded
copies, feedback pages, grading records, reports) are folders and go in as they
are. The archive names trainees and their grades: it is written readable by its
owner only, and the README says to copy it off the server.
"""

from __future__ import annotations

import os
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UserError
from ..nbgrader_integration.config import load_config, resolve_course
from .common import add_course_dir_argument

# What grading made, relative to the course folder (the rest is in the repository).
FOLDERS = ("submitted", "autograded", "feedback", "grading", "reports")
GRADEBOOK = "gradebook.db"


def add_arguments(parser) -> None:
    add_course_dir_argument(parser)
    parser.add_argument("--to", metavar="DIR", default=None,
                        help="folder for the archive (default: course/backups; copy it off the "
                             "server afterwards)")


def snapshot_gradebook(source: Path, target: Path) -> None:
    """A consistent copy of a gradebook that may be in use (SQLite's online back-up)."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def write_archive(course: Path, target: Path) -> dict[str, int]:
    """The archive at `target`; returns how many files of each kind went in."""
    counts: dict[str, int] = {}
    old_umask = os.umask(0o077)
    try:
        with tempfile.TemporaryDirectory() as scratch, \
                tarfile.open(target, "w:gz") as archive:
            if (course / GRADEBOOK).is_file():
                copy = Path(scratch) / GRADEBOOK
                snapshot_gradebook(course / GRADEBOOK, copy)
                archive.add(copy, arcname=GRADEBOOK)
                counts[GRADEBOOK] = 1
            for name in FOLDERS:
                folder = course / name
                if folder.is_dir():
                    archive.add(folder, arcname=name)
                    counts[name] = sum(1 for p in folder.rglob("*") if p.is_file())
    finally:
        os.umask(old_umask)
    return counts


def run(args) -> int:
    course = resolve_course(args.course_dir)
    if not (course / GRADEBOOK).is_file():
        raise UserError(f"{course} has no gradebook yet: nothing to back up.")
    out = Path(args.to).expanduser().resolve() if args.to else course / "backups"
    out.mkdir(parents=True, exist_ok=True)
    if not args.to and not (out / ".gitignore").exists():
        (out / ".gitignore").write_text("# trainees' work and grades: never commit\n*\n")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out / f"{load_config(course).course_id}-{stamp}.tar.gz"
    try:
        counts = write_archive(course, target)
    except sqlite3.Error as problem:
        target.unlink(missing_ok=True)
        raise UserError(f"could not read the gradebook {course / GRADEBOOK}: {problem}") from None
    size = target.stat().st_size
    listed = ", ".join(f"{name} ({n} file{'s' if n != 1 else ''})" for name, n in counts.items())
    print(f"backup: {target} ({size / 2**20:.1f} MB; readable by you only)")
    print(f"  holds: {listed}")
    print("  copy it off this server; to restore, stop grading and unpack it into the course "
          "folder: tar -xzf ARCHIVE -C " + str(course))
    return 0
