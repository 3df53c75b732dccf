"""File-name patterns of common LMS "download all submissions" archives.

`nbgrader zip_collect` unpacks an archive and asks a FileNameCollectorPlugin
which trainee and which notebook each file is. `LmsFileNameCollector` knows
the names that Canvas, Moodle and Blackboard give the files (patterns below,
matched against the path inside the archive, case-insensitively) and turns
the trainee part into an nbgrader student id. Use the same ids in the roster.

=========== ========================================================== ============================
LMS         file name inside the archive                               student id
=========== ========================================================== ============================
canvas      ``doejane_12345_67890_00_orientation.ipynb``               ``doejane`` (name as Canvas
            ``doejane_LATE_12345_67890_00_orientation-1.ipynb``        writes it; or ``12345``
            (name, LATE if late, user id, submission id, file name;    with ``student_key=lms_id``)
            Canvas adds ``-1``, ``-2`` to re-uploaded files)
moodle      ``Jane Doe_4521_assignsubmission_file_00_orientation.ipynb``  ``janedoe`` (or ``4521``)
            ``Jane Doe_4521_assignsubmission_file/00_orientation.ipynb``
            (full name, participant id; the second form is "download
            submissions in folders")
blackboard  ``Orientation_jdoe_attempt_2026-03-02-16-59-00_00_orientation.ipynb``  ``jdoe``
            (assignment, user name, attempt time: becomes timestamp.txt)
=========== ========================================================== ============================

By hand, with nbgrader alone (from the course folder)::

    mkdir -p downloaded/00_orientation/archive
    cp ~/Downloads/submissions.zip downloaded/00_orientation/archive/
    nbgrader zip_collect 00_orientation --force \\
        --ZipCollectApp.collector_plugin=investigator_course.grading.lms.LmsFileNameCollector \\
        --LmsFileNameCollector.lms=canvas

`investigator-course grade 00_orientation --from submissions.zip` does the same
and guesses the LMS from the file names (or pass `--lms`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Enum

PATTERNS = {
    "canvas": re.compile(
        r"^(?P<name>[a-z0-9]+)_(?:late_)?(?P<lms_id>\d+)_(?P<submission>\d+)_"
        r"(?P<file_id>.+?)(?:-(?P<copy>\d+))?(?P<ext>\.[a-z0-9]+)$", re.I),
    "moodle": re.compile(
        r"^(?P<name>[^/\\]+?)_(?P<lms_id>\d+)_assignsubmission_(?:file|onlinetext)_?"
        r"(?:[/\\])?(?P<file_id>[^/\\]+?)(?P<ext>\.[a-z0-9]+)$", re.I),
    "blackboard": re.compile(
        r"^(?:.*[/\\])?.+?_(?P<name>[^_/\\]+)_attempt_"
        r"(?P<timestamp>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})_(?P<file_id>.+?)(?P<ext>\.[a-z0-9]+)$",
        re.I),
}


def slug(text: str) -> str:
    """`Jane Doe-Smith` -> `janedoesmith`: letters and digits only, no accents."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", flat.lower())


def match_lms(lms: str, relative_path: str, student_key: str = "name") -> dict | None:
    """The nbgrader collect info for one archive member, or None if it does not fit."""
    found = PATTERNS[lms].match(relative_path.replace(os.sep, "/"))
    if not found:
        return None
    groups = found.groupdict()
    student = groups["lms_id"] if student_key == "lms_id" and groups.get("lms_id") else \
        slug(groups["name"])
    if not student:
        return None
    info = {"student_id": student, "file_id": groups["file_id"] + groups["ext"].lower()}
    if groups.get("timestamp"):
        stamp = datetime.strptime(groups["timestamp"], "%Y-%m-%d-%H-%M-%S")
        info["timestamp"] = stamp.strftime("%Y-%m-%d %H:%M:%S")
    return info


def guess_lms(relative_paths: list[str]) -> str | None:
    """The LMS whose pattern matches most notebook files (None if none matches)."""
    notebooks = [p for p in relative_paths if p.lower().endswith(".ipynb")]
    counts = {lms: sum(1 for p in notebooks if match_lms(lms, p)) for lms in PATTERNS}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


class LmsFileNameCollector(FileNameCollectorPlugin):
    """zip_collect plugin: trainee and notebook from an LMS download's file names."""

    lms = Enum(list(PATTERNS), default_value="canvas",
               help="Which LMS made the archive: canvas, moodle or blackboard.").tag(config=True)
    student_key = Enum(["name", "lms_id"], default_value="name",
                       help="Student id from the trainee's name (slugged) or the LMS's "
                            "numeric id.").tag(config=True)

    def collect(self, submitted_file: str) -> dict | None:
        _, ext = os.path.splitext(submitted_file)
        if ext not in self.valid_ext:
            return None
        relative = submitted_file
        parent = self.parent
        if parent is not None and hasattr(parent, "_format_collect_path"):
            root = parent._format_collect_path(parent.extracted_directory)
            relative = os.path.relpath(submitted_file, root)
        # zip downloads sometimes wrap everything in one top-level folder
        info = match_lms(self.lms, relative, self.student_key)
        if info is None and os.sep in relative:
            info = match_lms(self.lms, relative.split(os.sep, 1)[1], self.student_key)
        if info is None:
            self.log.warning("Not a %s submission file name, skipped: %s", self.lms, relative)
        return info
