"""Benchmark: the instructor's whole cycle on a synthetic class, from a Canvas download.

A throwaway copy of one assignment gets a class of synthetic trainees (default 40, the
mix of benchmarks/bench_grading.py: correct, alternative, partial, blank, recorded
mistakes, answers that raise, a damaged file), packed the way Canvas's "Download
submissions" names files (`lastfirst_USERID_ATTACHMENTID_name.ipynb`, with one `LATE_`
file and one re-upload `-1`). Then each step an instructor runs, timed:

1. intake: the Canvas zip into `submitted/` (nbgrader zip_collect with the LMS plugin);
2. grade: `investigator-course grade ID --jobs N` (due date and late penalty set);
   the written answers are then scored as formgrader would (not timed: a person's work);
3. feedback: `investigator-course feedback ID --lms canvas` (pages, leak check, the zip
   Canvas's "Re-upload submissions" takes);
4. report: `investigator-course report ID --lms canvas` (class report, grades_canvas.csv).

It prints the seconds of each step and the peak memory of the step's whole process tree
(sampled every 0.1 s), and the machine's load before and after.

    .venv/bin/python benchmarks/bench_cycle.py [--trainees 40] [--jobs 2]
        [--assignment 00_orientation] [--keep]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_grading import load, make_class, remove_unless_kept  # noqa: E402

from investigator_course.nbgrader_integration.runner import tool_env  # noqa: E402
from tests.support import trainees as synthetic  # noqa: E402


class PeakMemory:
    """The largest total RSS of a process and everything it started, sampled in a thread."""

    def __init__(self, pid: int):
        self.root, self.peak, self._stop = psutil.Process(pid), 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
                total = 0
                for process in tree:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_step(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=tool_env(), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with PeakMemory(process.pid) as memory:
        out, err = process.communicate()
    result = subprocess.CompletedProcess(command, process.returncode, out, err)
    return time.perf_counter() - started, memory.peak, result


def canvas_zip(course: Path, assignment: str, trainees: dict, path: Path) -> None:
    """The class as Canvas's download names it; trainee 2 re-uploaded, trainee 3 was late."""
    with zipfile.ZipFile(path, "w") as bundle:
        for index, (student, files) in enumerate(sorted(trainees.items()), start=1):
            name = student.replace("_", "")  # Canvas writes the name in letters and digits
            late = "LATE_" if index == 3 else ""
            for number, (notebook, content) in enumerate(sorted(files.items())):
                text = content if isinstance(content, str) else nbformat.writes(content)
                stem = Path(notebook).stem
                upload = f"{name}_{late}{1000 + index}_{50000 + 10 * index + number}_{stem}"
                if index == 2:  # an earlier upload, then the re-upload Canvas numbers -1
                    bundle.writestr(f"{upload}.ipynb", text)
                    upload = f"{name}_{1000 + index}_{60000 + 10 * index + number}_{stem}-1"
                bundle.writestr(f"{upload}.ipynb", text)


def score_written_answers(course: Path, assignment: str) -> int:
    """Full marks for every written answer, as a grader would enter them in formgrader."""
    from nbgrader.api import Gradebook

    scored = 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for submission in gradebook.find_assignment(assignment).submissions:
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.needs_manual_grade:
                        grade.manual_score = grade.max_score
                        grade.needs_manual_grade = False
                        scored += 1
        gradebook.db.commit()
    return scored


def bench(assignment: str, size: int, jobs: int, keep: bool) -> bool:
    from investigator_course.grading import intake

    base = Path(tempfile.mkdtemp(prefix=f"bench-cycle-{assignment}-"))
    try:
        course = synthetic.sandbox_course(base, assignment, ROOT)
        trainees = make_class(course, assignment, size)
        archive = base / "canvas_submissions.zip"
        canvas_zip(course, assignment, trainees, archive)
        notebooks = sorted(p.name for p in (course / "release" / assignment).glob("*.ipynb"))
        print(f"\n{assignment}: {size} trainees, {len(notebooks)} notebook(s) each, "
              f"Canvas download of {archive.stat().st_size / 1e6:.1f} MB")
        print(f"  before: {load()}")
        cli = [sys.executable, "-m", "investigator_course.cli"]
        where = ["--course-dir", str(course)]
        rows = []

        started = time.perf_counter()
        with PeakMemory(os.getpid()) as memory:
            intake.set_due_date(course, assignment, "2026-03-02 17:00:00 America/Chicago")
            intake.import_zip(archive, course, assignment, notebooks, "canvas")
        rows.append(("intake (Canvas zip -> submitted/)", time.perf_counter() - started,
                     memory.peak, None))
        steps = [
            (f"grade (autograde, --jobs {jobs})",
             [*cli, "grade", assignment, "--jobs", str(jobs), "--late-penalty", "10%/day",
              *where]),
            ("feedback --lms canvas (pages + zip)",
             [*cli, "feedback", assignment, "--lms", "canvas", *where]),
            ("report --lms canvas", [*cli, "report", assignment, "--lms", "canvas", *where]),
        ]
        ok = True
        for index, (label, command) in enumerate(steps):
            seconds, peak, result = run_step(command)
            rows.append((label, seconds, peak, result))
            if result.returncode != 0:
                print(f"  {label} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
                ok = False
                break
            if index == 0:
                print(f"  (written answers scored as in formgrader: "
                      f"{score_written_answers(course, assignment)})")
        print(f"  after:  {load()}")
        total = sum(row[1] for row in rows)
        print(f"  {'step':<40} {'seconds':>8} {'s/trainee':>10} {'peak memory':>12}")
        for label, seconds, peak, _ in rows:
            print(f"  {label:<40} {seconds:8.1f} {seconds / size:10.2f} "
                  f"{peak / 2**20:9.0f} MB")
        print(f"  {'whole cycle (without hand grading)':<40} {total:8.1f} {total / size:10.2f}")
        bundle = course / "reports" / f"{assignment}_feedback_canvas.zip"
        if ok and bundle.is_file():
            with zipfile.ZipFile(bundle) as made:
                print(f"  feedback zip: {len(made.namelist())} page(s), "
                      f"{bundle.stat().st_size / 1e6:.1f} MB")
        return ok
    finally:
        remove_unless_kept(base, keep)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--assignment", action="append",
                        help="assignments to run the cycle on (default: 00_orientation)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary course")
    args = parser.parse_args()
    build = subprocess.run([sys.executable, "-m", "investigator_course.cli", "build"], cwd=ROOT,
                           env=tool_env(), text=True, capture_output=True)
    if build.returncode != 0:
        print(build.stdout, build.stderr)
        return 1
    ok = all([bench(a, args.trainees, args.jobs, args.keep)
              for a in args.assignment or ["00_orientation"]])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
