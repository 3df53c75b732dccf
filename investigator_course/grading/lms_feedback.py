"""Feedback pages in a zip the academy's LMS can take back: `feedback ID --lms canvas|moodle`.

One file per trainee and notebook, the feedback page (HTML) and nothing else (no data
files, no notebooks), named the way the LMS's bulk feedback upload matches a file to a
trainee. The names come from the trainee's graded upload in the LMS download that
`grade --from` read (kept in `course/grading/<assignment>/lms_uploads.json`):

=========== ============================================= ==============================
LMS         file in the zip                               what the LMS matches
=========== ============================================= ==============================
canvas      ``doejane_12345_67890_00_orientation.html``   user id and attachment id, the
            (the download's name, ``.html`` for            first two all-digit parts
            ``.ipynb``)                                    between ``_`` ("Re-upload
                                                           submissions" in the assignment)
moodle      ``Jane Doe_4521_assignsubmission_file_``      the participant id after the
            ``00_orientation.html``                       full name ("Upload multiple
                                                           feedback files in a zip")
blackboard  none: Blackboard Learn documents no bulk      --
            upload of feedback files
=========== ============================================= ==============================

These follow each LMS's documentation and source code; they were not tried on a live LMS.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from . import records

SUPPORTED = ("canvas", "moodle")
NO_BULK_UPLOAD = {
    "blackboard": "Blackboard Learn has no bulk upload of feedback files that this course "
                  "could name files for; attach each page from course/feedback/<trainee>/"
                  "<assignment>/ to the trainee's attempt in Blackboard's grading page, or "
                  "hand the pages back through the JupyterHub exchange (--release).",
}
HOW_TO_UPLOAD = {
    "canvas": "in Canvas: the assignment > Submissions (or the Gradebook column's menu) > "
              "Re-upload Submissions; each page becomes a comment on the trainee's "
              "submission.",
    "moodle": "in Moodle: the assignment > View all submissions > Grading action > Upload "
              "multiple feedback files in a zip (the assignment needs 'Feedback files' on).",
}


@dataclass
class FeedbackZip:
    path: Path
    files: list[str] = field(default_factory=list)
    trainees: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)  # a page, but no upload of theirs known

    def summary(self, lms: str) -> str:
        lines = [f"{lms} feedback zip: {self.path} ({len(self.files)} page(s) of "
                 f"{len(self.trainees)} trainee(s); upload it {HOW_TO_UPLOAD[lms]})"]
        if self.unnamed:
            lines.append(f"  not in the zip, no {lms} upload of theirs is known (their work "
                         f"did not come from a {lms} download): {', '.join(self.unnamed)}; "
                         "give them their page from course/feedback/ by hand")
        return "\n".join(lines)


def check_lms(lms: str) -> None:
    if lms in NO_BULK_UPLOAD:
        raise UserError(f"--lms {lms}: {NO_BULK_UPLOAD[lms]}")
    if lms not in SUPPORTED:
        raise UserError(f"--lms {lms}: use one of {', '.join(SUPPORTED)}.")


def write_zip(course: Path, assignment: str, lms: str, pages: list[Path], out: Path
              ) -> FeedbackZip:
    """Zip the feedback pages (course/feedback/<trainee>/<assignment>/<notebook>.html) under
    the names the LMS matches; only trainees whose upload came from that LMS's download."""
    check_lms(lms)
    known = records.read_json(records.grading_dir(course, assignment) / "lms_uploads.json", {})
    uploads = known.get("trainees", {}) if known.get("lms") == lms else {}
    if not uploads:
        other = f" (the last download was from {known['lms']})" if known.get("lms") else ""
        raise UserError(f"no {lms} download of {assignment} has been read{other}: the feedback "
                        f"zip reuses the file names of the {lms} download, so bring the "
                        f"submissions in with `investigator-course grade {assignment} --from "
                        f"<the {lms} download>.zip` first.")
    result = FeedbackZip(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as bundle:
        for page in sorted(pages):
            trainee = page.parts[-3]
            names = {k.lower(): v for k, v in uploads.get(trainee, {}).items()}
            stem = names.get(f"{page.stem}.ipynb".lower())
            if stem is None:
                if trainee not in result.unnamed:
                    result.unnamed.append(trainee)
                continue
            name = f"{stem}.html"
            bundle.write(page, name)
            result.files.append(name)
            if trainee not in result.trainees:
                result.trainees.append(trainee)
    if not result.files:
        tmp.unlink()
        raise UserError(f"none of the {len(pages)} feedback page(s) of {assignment} belongs to "
                        f"a trainee of the {lms} download; nothing to zip.")
    tmp.replace(out)
    return result
