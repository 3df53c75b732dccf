"""File-name patterns of common LMS "download all submissions" archives.

`nbgrader zip_collect` unpacks an archive and asks a FileNameCollectorPlugin
which trainee and which notebook each file is; the plugin's public setting for
that is `named_regexp`, a regular expression with `student_id` and `file_id`
groups. `LmsFileNameCollector` sets it to the names that Canvas, Moodle or
Blackboard give the files (patterns below, matched case-insensitively against
the end of each file's path, so folders the archive wraps them in do not
matter) and turns the trainee part into an nbgrader student id. Use the same
ids in the roster.

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
    PLUGIN=investigator_course.nbgrader_integration.lms.LmsFileNameCollector
    nbgrader zip_collect 00_orientation --force \\
        --ZipCollectApp.collector_plugin=$PLUGIN --LmsFileNameCollector.lms=canvas

`investigator-course grade 00_orientation --from submissions.zip` does the same
and guesses the LMS from the file names (or pass `--lms`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Enum, Unicode, default

# Each starts at a path separator or the start of the path: nbgrader matches
# `named_regexp` against the whole path of the unpacked file.
ANY_FOLDER = r"(?i)^(?:.*[/\\])?"
PATTERNS = {
    "canvas": re.compile(
        ANY_FOLDER + r"(?P<student_id>[a-z0-9]+)_(?P<late>late_)?(?P<lms_id>\d+)_"
        r"(?P<submission>\d+)_(?P<file_id>.+?)(?:-(?P<copy>\d+))?(?P<ext>\.[a-z0-9]+)$"),
    "moodle": re.compile(
        ANY_FOLDER + r"(?P<student_id>[^/\\]+?)_(?P<lms_id>\d+)_assignsubmission_"
        r"(?:file|onlinetext)_?(?:[/\\])?(?P<file_id>[^/\\]+?)(?P<ext>\.[a-z0-9]+)$"),
    "blackboard": re.compile(
        ANY_FOLDER + r".+?_(?P<student_id>[^_/\\]+)_attempt_"
        r"(?P<timestamp>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})_(?P<file_id>.+?)"
        r"(?P<ext>\.[a-z0-9]+)$"),
}


def slug(text: str) -> str:
    """`Jane Doe-Smith` -> `janedoesmith`: letters and digits only, no accents."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", flat.lower())


def collect_info(groups: dict, student_key: str = "name", late_timestamp: str = "") -> dict | None:
    """nbgrader's collect info from the groups a pattern matched (None: no usable student).

    Blackboard names the attempt's time, which becomes the submission time. Canvas only
    marks a late file `LATE_`, without a time: such a file gets `late_timestamp` (the
    caller sets it just after the due date), so nbgrader's late penalty sees it as late.
    """
    student = groups["lms_id"] if student_key == "lms_id" and groups.get("lms_id") else \
        slug(groups["student_id"])
    if not student:
        return None
    info = {"student_id": student, "file_id": groups["file_id"] + groups["ext"].lower()}
    if groups.get("timestamp"):
        stamp = datetime.strptime(groups["timestamp"], "%Y-%m-%d-%H-%M-%S")
        info["timestamp"] = stamp.strftime("%Y-%m-%d %H:%M:%S")
    elif groups.get("late") and late_timestamp:
        info["timestamp"] = late_timestamp
    return info


def match_groups(lms: str, path: str) -> dict | None:
    """What an LMS's file name says about one archive member (None if it does not fit)."""
    found = PATTERNS[lms].match(path.replace(os.sep, "/"))
    return found.groupdict() if found else None


def match_lms(lms: str, path: str, student_key: str = "name") -> dict | None:
    """The nbgrader collect info for one archive member, or None if it does not fit."""
    groups = match_groups(lms, path)
    return collect_info(groups, student_key) if groups else None


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

    late_timestamp = Unicode("", help="Submission time given to a file the LMS marks late "
                                      "without a time (Canvas's LATE_).").tag(config=True)

    @default("named_regexp")
    def _lms_pattern(self) -> str:
        return PATTERNS[self.lms].pattern

    def collect(self, submitted_file: str) -> dict | None:
        groups = super().collect(submitted_file)
        if not groups:
            return None
        info = collect_info(groups, self.student_key, self.late_timestamp)
        if info is None:
            self.log.warning("No trainee name in %s, skipped", submitted_file)
        return info
