"""`investigator-course grade`: autograde a class in parallel with nbgrader.

    investigator-course grade 00_orientation [--jobs N] [--course-dir DIR]
        [--from FOLDER_OR_ZIP [--lms canvas|moodle|blackboard] | --collect]
        [--roster roster.csv] [--due "2026-03-02 17:00 America/Chicago"]
        [--late-penalty none|zero|10%/day] [--student ID ...] [--force]
        [--timeout S] [--memory-limit 2G]

1. Intake (optional): submissions from a folder, an LMS zip or the exchange;
   the roster and the due date go into the gradebook (intake.py).
2. Each trainee's submission whose hash changed since the last run is copied
   to a private staging folder, checked and repaired (repair.py); one that
   cannot be graded at all is recorded as zero and flagged.
3. N workers (worker.py), each with its own copy of the gradebook, autograde
   the trainees one at a time with nbgrader's `NbGraderAPI.autograde`, in the
   grading sandbox kernel (sandbox.py). Trainees are handed out one by one,
   so a slow notebook does not hold up a whole share of the class.
4. The finished trainees' rows are merged into the course gradebook in one
   transaction (merge.py), their autograded folders moved into
   `autograded/`, and the per-trainee report written (records.py).

Ctrl-C stops the workers, saves every trainee finished so far (atomically)
and exits; the same command then grades the rest.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from ..errors import UserError
from .common import add_course_dir_argument


def add_arguments(parser) -> None:
    parser.add_argument("assignment", help="assignment id, e.g. 00_orientation (or 00)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: the number of cores, %(default)s)")
    add_course_dir_argument(parser)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--from", dest="from_path", metavar="PATH",
                        help="take submissions from a folder (<trainee>.ipynb or "
                             "<trainee>/<notebook>.ipynb) or a zip (LMS download or folders)")
    source.add_argument("--collect", action="store_true",
                        help="first run `nbgrader collect` (JupyterHub exchange)")
    parser.add_argument("--lms", choices=["canvas", "moodle", "blackboard"],
                        help="file-name pattern of the LMS zip (default: guessed)")
    parser.add_argument("--roster", metavar="CSV",
                        help="import trainees (columns id, first_name, last_name, email)")
    parser.add_argument("--due", metavar="DATETIME",
                        help="set the due date, e.g. '2026-03-02 17:00:00 America/Chicago'")
    parser.add_argument("--extension", action="append", metavar="TRAINEE=DUE",
                        help="a later due date for one trainee: alice='2026-03-04 17:00:00 "
                             "America/Chicago' or alice=+48h (repeat; kept in the gradebook, "
                             "the trainee is regraded)")
    parser.add_argument("--late-penalty", metavar="POLICY",
                        help="none, zero, or a percentage per started day late such as "
                             "10%%/day (remembered for this assignment)")
    parser.add_argument("--student", action="append", metavar="ID",
                        help="grade only these trainees (repeat; shell-style patterns work)")
    parser.add_argument("--force", action="store_true",
                        help="regrade trainees whose submission has not changed")
    parser.add_argument("--timeout", type=int, metavar="SECONDS",
                        help="stop a cell after this long (default: Execute.timeout in "
                             "nbgrader_config.py)")
    parser.add_argument("--memory-limit", default="2G", metavar="SIZE",
                        help="memory cap per notebook, e.g. 1.5G or 800M; 'none' for no cap "
                             "(default: %(default)s)")
    parser.add_argument("--trainee-time-limit", type=int, metavar="SECONDS",
                        help="stop grading a trainee after this long in total (default: "
                             "5 x the cell timeout, at least 300)")
    parser.add_argument("--kernel", choices=["warm", "fresh"],
                        default="warm" if sys.platform.startswith("linux") else "fresh",
                        help="warm: each notebook's kernel is forked from one that has "
                             "already imported pandas and matplotlib (faster); fresh: a new "
                             "Python per notebook, like plain nbgrader (default: %(default)s)")
    parser.add_argument("--keep-temp", action="store_true", help=argparse.SUPPRESS)


def run(args) -> int:
    # nbgrader takes a second to import: only when the command really runs
    from ..nbgrader_integration import late
    from . import intake
    from .common import load_config, release_notebooks, resolve_assignment_id, resolve_course
    from .parallel import GradingRun, parse_size

    if os.name == "nt":
        raise UserError("parallel grading needs Linux or macOS (it uses POSIX process "
                        "control and resource limits); on Windows use WSL, or run "
                        "`nbgrader autograde ASSIGNMENT` from the course folder.")
    course = resolve_course(args.course_dir)
    if args.jobs < 1:
        raise UserError("--jobs must be at least 1.")
    if args.lms and not args.from_path:
        raise UserError("--lms goes with --from ZIP.")
    if args.late_penalty:
        late.normalize_policy(args.late_penalty)
    parse_size(args.memory_limit)
    assignment = resolve_assignment_id(args.assignment, course)
    notebooks = release_notebooks(course, assignment)
    if args.roster:
        count = intake.import_roster(Path(args.roster), course)
        print(f"roster: {count} trainee(s) imported into the gradebook", flush=True)
    if args.due:
        intake.set_due_date(course, assignment, args.due)
        print(f"due date of {assignment}: {args.due}", flush=True)
    for spec in args.extension or []:
        trainee, due = intake.set_extension(course, assignment, spec)
        print(f"extension: {trainee} is due {due} (remembered for this assignment)",
              flush=True)
    if args.collect:
        intake.collect_exchange(course, assignment)
        print("collected the submissions from the exchange", flush=True)
    if args.from_path:
        source = Path(args.from_path).expanduser()
        if not source.exists():
            raise UserError(f"--from {source}: no such file or folder.")
        if source.is_dir():
            print(intake.import_folder(source, course, assignment, notebooks)
                  .summary(str(source)), flush=True)
        else:
            result, how = intake.import_zip(source, course, assignment, notebooks, args.lms)
            print(result.summary(f"{source} ({how})") if result else f"{source}: {how}",
                  flush=True)
    config = load_config(course)
    # Ctrl-C (and `kill`) stop grading cleanly even when started from a script that
    # ignores SIGINT in background jobs.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler), \
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return GradingRun(config, assignment, args).run()
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])


def _terminate(signum, frame):
    raise KeyboardInterrupt
