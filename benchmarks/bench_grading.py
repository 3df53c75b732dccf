"""Benchmark: plain `nbgrader autograde` against `investigator-course grade --jobs N`.

For every assignment with a source notebook, a throwaway copy of the course
gets the same class of synthetic trainees twice (default 40: correct,
alternative-correct, partly done, blank and broken submissions, the broken
ones built from the recorded mistakes in tests/submissions/ plus answers that
raise and one damaged file). One copy is graded by nbgrader alone, in one
process, the way the README's nbgrader commands do it; the other by
`investigator-course grade --jobs N`. Both run on this machine, one after the
other, and the script prints the seconds, the seconds per notebook, the
ratio, and whether every trainee's per-cell scores are identical.

    .venv/bin/python benchmarks/bench_grading.py [--trainees 40] [--jobs 2]
        [--assignment 00_orientation] [--keep]

The machine's load average is printed before and after, because the ratio
means little if other work competes for the cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from investigator_course.course_map import built_assignments  # noqa: E402
from investigator_course.nbgrader_integration.cells import grade_id, is_answer_cell  # noqa: E402
from investigator_course.nbgrader_integration.runner import tool_env  # noqa: E402
from tests.support import trainees as synthetic  # noqa: E402

BROKEN_ANSWER = 'raise ValueError("the trainee\'s code stopped here")\n'


def make_class(course: Path, assignment: str, size: int) -> dict[str, dict[str, object]]:
    """student -> {notebook file: notebook object or raw text}; a fixed, repeatable mix."""
    notebooks = sorted((course / "release" / assignment).glob("*.ipynb"))
    sources = {p.name: synthetic.read_notebook(course / "source" / assignment / p.name)
               for p in notebooks}
    releases = {p.name: synthetic.read_notebook(p) for p in notebooks}
    correct = {n: synthetic.instructor_answers(sources[n]) for n in releases}
    catalog = synthetic.load_catalogue(
        ROOT / "tests" / "submissions" / f"{assignment}.toml")
    mistakes = [e for e in catalog if e.kind == "mistake"]
    alternatives = [e for e in catalog if e.kind == "alternative"]

    def filled(change=None) -> dict[str, object]:
        return {n: synthetic.fill_answers(releases[n],
                                          {**correct[n], **(change(n) if change else {})})
                for n in releases}

    def answer_ids(name: str) -> list[str]:
        return [grade_id(c) for c in sources[name].cells if is_answer_cell(c)]

    # 40 trainees: 8 correct, 4 alternative, 10 partial, 6 blank, 8 mistake, 3 raises,
    # 1 damaged; interleaved so that a smaller class still gets a mix
    plan = ["correct", "partial", "blank", "mistake", "alternative", "partial", "correct",
            "raises", "mistake", "partial", "correct", "blank", "mistake", "alternative",
            "partial", "correct", "damaged", "blank", "mistake", "partial",
            "correct", "alternative", "partial", "mistake", "blank", "raises", "correct",
            "partial", "mistake", "alternative", "correct", "blank", "partial", "mistake",
            "raises", "correct", "partial", "blank", "mistake", "partial"]
    trainees = {}
    for index in range(size):
        kind = plan[index % len(plan)]
        student = f"trainee{index + 1:02d}_{kind}"
        if kind == "correct":
            files = filled()
        elif kind == "alternative" and alternatives:
            entry = alternatives[index % len(alternatives)]
            files = filled(lambda n, e=entry: {k: v for k, v in e.answers.items()
                                               if k in answer_ids(n)})
        elif kind == "partial":
            files = {}
            for n in releases:
                ids = answer_ids(n)
                keep = ids[: 1 + index % max(1, len(ids) - 1)]
                files[n] = synthetic.fill_answers(releases[n], {k: correct[n][k] for k in keep})
        elif kind == "blank":
            files = dict(releases)
        elif kind == "mistake" and mistakes:
            entry = mistakes[index % len(mistakes)]
            files = filled(lambda n, e=entry: {k: v for k, v in e.answers.items()
                                               if k in answer_ids(n)})
        elif kind == "raises":
            files = filled(lambda n, i=index: {answer_ids(n)[i % len(answer_ids(n))]:
                                               BROKEN_ANSWER})
        else:  # damaged file, or a kind the catalog cannot supply
            files = {n: '{"cells": [ {"cell_type": "code", "source": "x = ' for n in releases}
        trainees[student] = files
    return trainees


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} core(s)"


def timed(command: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall-clock seconds, CPU seconds of the command and everything it started, result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=tool_env(), text=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def bench(assignment: str, size: int, jobs: int, keep: bool) -> bool:
    base = Path(tempfile.mkdtemp(prefix=f"bench-grading-{assignment}-"))
    try:
        plain = synthetic.sandbox_course(base / "plain", assignment, ROOT)
        trainees = make_class(plain, assignment, size)
        ours = base / "ours" / "course"
        shutil.copytree(plain, ours)
        for course in (plain, ours):
            for student, files in trainees.items():
                synthetic.submit(course, student, assignment, files)
        kinds = {}
        for student in trainees:
            kind = student.split("_", 1)[1]
            kinds[kind] = kinds.get(kind, 0) + 1
        print(f"\n{assignment}: {size} trainees ("
              + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")")
        print(f"  before: {load()}")
        plain_s, plain_cpu, plain_run = timed(
            [sys.executable, "-m", "nbgrader", "autograde", assignment], plain)
        ours_s, ours_cpu, ours_run = timed(
            [sys.executable, "-m", "investigator_course.cli", "grade", assignment,
             "--jobs", str(jobs), "--course-dir", str(ours)], ROOT)
        print(f"  after:  {load()}")
        if ours_run.returncode != 0:
            print(ours_run.stdout[-2000:], ours_run.stderr[-2000:])
            return False
        # nbgrader alone leaves empty rows for a notebook it could not grade
        a = synthetic.cell_scores(plain, assignment, finished_only=True)
        b = synthetic.cell_scores(ours, assignment, finished_only=True)
        compared = sorted(set(a) & set(b))
        same = all(a[s] == b[s] for s in compared)
        differing = [s for s in compared if a[s] != b[s]]
        cells = sum(len(a[s]) for s in compared)
        notebooks = size * len(list((plain / "source" / assignment).glob("*.ipynb")))
        print(f"  plain nbgrader autograde, 1 process:  {plain_s:7.1f} s "
              f"({plain_s / notebooks:.2f} s per notebook, {notebooks} notebooks; "
              f"CPU {plain_cpu:.1f} s; exit code {plain_run.returncode})")
        print(f"  investigator-course grade --jobs {jobs}:  {ours_s:7.1f} s "
              f"({ours_s / notebooks:.2f} s per notebook; CPU {ours_cpu:.1f} s)")
        print(f"  speed-up: {plain_s / ours_s:.2f}x (CPU used: {ours_cpu / plain_cpu:.2f}x "
              "of plain nbgrader's)")
        print(f"  grades identical: {'yes' if same else 'NO'} ({len(compared)} trainees graded "
              f"by both, {cells} cells compared; nbgrader alone left {size - len(a)} "
              f"ungraded, ours {size - len(b)})" + (f"; differ: {differing}" if differing else ""))
        return same
    finally:
        remove_unless_kept(base, keep)


def remove_unless_kept(base: Path, keep: bool) -> None:
    """A benchmark's temporary courses go when it ends, unless --keep asked to look at them."""
    if keep:
        print(f"  kept: {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--assignment", action="append",
                        help="only these assignments (default: every built one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary courses")
    args = parser.parse_args()
    assignments = args.assignment or [a.id for a in built_assignments(ROOT)]
    if not assignments:
        print("no assignment has a source notebook yet")
        return 1
    build = subprocess.run([sys.executable, "-m", "investigator_course.cli", "build"], cwd=ROOT,
                           env=tool_env(), text=True, capture_output=True)
    if build.returncode != 0:
        print(build.stdout, build.stderr)
        return 1
    ok = all([bench(a, args.trainees, args.jobs, args.keep) for a in assignments])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
