"""Helpers for the grading tests: a tiny fixture assignment and synthetic classes.

The fixture assignment (`tiny`) has three autograded exercises and one written
answer, so robustness cases run in about a second per trainee and do not depend
on the real course content. The session fixtures of tests/conftest.py generate
it once (`tiny_course`) and grade the robustness class once
(`graded_robustness_class`), for every test module that asks.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from investigator_course.grading import sandbox
from investigator_course.nbgrader_integration.cells import grade_id as cell_grade_id
from investigator_course.nbgrader_integration.runner import run_nbgrader
from tests.support import trainees
from tests.support.trainees import fill_answers, instructor_answers, submit

from .course import ROOT, run_cli_here

TINY = "tiny"
TINY_NOTEBOOK = "tiny.ipynb"

HIDDEN_SECRET = 'assert double(-21) == -42, "double must also work for negative numbers."'


def _graded(cell, grade_id, *, grade, solution, points=0, locked=False):
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id,
            "schema_version": 3, "task": False}
    if grade:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def tiny_source_notebook():
    """Three autograded exercises (EX-1..EX-3) and one written answer (EX-4)."""
    cells = [
        new_markdown_cell("# A tiny assignment for the grading tests"),
        new_code_cell("import csv"),
        new_markdown_cell("## Exercise EX-1: double a number"),
        _graded(new_code_cell(
            "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
            "ex1_double", grade=False, solution=True),
        _graded(new_code_cell(
            '"""Check double on a small number."""\n'
            'assert double(2) == 4, "double(2) should give 4: multiply the number by two."\n'
            "### BEGIN HIDDEN TESTS\n" + HIDDEN_SECRET + "\n### END HIDDEN TESTS"),
            "ex1_double_tests", grade=True, solution=False, points=1, locked=True),
        new_markdown_cell("## Exercise EX-2: count the rows of a CSV file"),
        _graded(new_code_cell(
            "def count_rows(path):\n    ### BEGIN SOLUTION\n"
            "    with open(path, newline='') as handle:\n"
            "        return sum(1 for _ in csv.DictReader(handle))\n    ### END SOLUTION"),
            "ex2_count_rows", grade=False, solution=True),
        _graded(new_code_cell(
            '"""Check count_rows on the data file and on a file of its own."""\n'
            'assert count_rows("data/rows.csv") == 3, '
            '"data/rows.csv has 3 rows below its header line."\n'
            "### BEGIN HIDDEN TESTS\n"
            'with open("hidden_check.csv", "w") as out:\n'
            '    out.write("a,b\\n1,2\\n")\n'
            'assert count_rows("hidden_check.csv") == 1, "a file with one data row gives 1."\n'
            "### END HIDDEN TESTS"),
            "ex2_count_rows_tests", grade=True, solution=False, points=2, locked=True),
        new_markdown_cell("## Exercise EX-3: shout"),
        _graded(new_code_cell(
            "def shout(text):\n    ### BEGIN SOLUTION\n    return text.upper() + '!'\n"
            "    ### END SOLUTION"),
            "ex3_shout", grade=False, solution=True),
        _graded(new_code_cell(
            '"""Check shout."""\n'
            "assert shout('stop') == 'STOP!', \"shout('stop') should give 'STOP!'.\""),
            "ex3_shout_tests", grade=True, solution=False, points=1, locked=True),
        new_markdown_cell("## Exercise EX-4 (written)"),
        _graded(new_markdown_cell(
            "In one sentence: why check a count twice?\n\n"
            "=== BEGIN MARK SCHEME ===\nFull marks for mentioning a second source.\n"
            "=== END MARK SCHEME ==="),
            "ex4_explain", grade=True, solution=True, points=1),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def make_tiny_course(base: Path) -> Path:
    """A throwaway nbgrader course with the `tiny` assignment generated and released."""
    course = base / "course"
    source = course / "source" / TINY
    (source / "data").mkdir(parents=True)
    shutil.copy(ROOT / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    (source / "data" / "rows.csv").write_text("name,count\na,1\nb,2\nc,3\n")
    nbformat.write(tiny_source_notebook(), source / TINY_NOTEBOOK)
    run_nbgrader(["generate_assignment", TINY], course)
    return course


def copy_course(template: Path, target: Path) -> Path:
    """A fresh copy of a generated course (generation takes seconds, a copy does not)."""
    shutil.copytree(template, target)
    config = target / "nbgrader_config.py"  # the copy must not point back at the template
    assert "CourseDirectory.root = __file__" in config.read_text()
    return target


def release(course: Path, assignment: str, name: str):
    return nbformat.read(course / "release" / assignment / name, as_version=4)


def source(course: Path, assignment: str, name: str):
    return nbformat.read(course / "source" / assignment / name, as_version=4)


def correct_notebook(course: Path, assignment: str = TINY, name: str = TINY_NOTEBOOK):
    return fill_answers(release(course, assignment, name),
                        instructor_answers(source(course, assignment, name)))


def load_report(course: Path, assignment: str) -> dict[str, dict]:
    path = course / "grading" / assignment / "grading_report.json"
    return {row["student"]: row for row in json.loads(path.read_text())["trainees"]}


# ----------------------------------------------------------------------------- classes
def _without(nb, gid):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if cell_grade_id(c) != gid]
    return nb


def _duplicated(nb, gid):
    nb = copy.deepcopy(nb)
    index = [cell_grade_id(c) for c in nb.cells].index(gid)
    twin = copy.deepcopy(nb.cells[index])
    twin["id"] = "twin" + twin["id"][:20]
    nb.cells.insert(index + 1, twin)
    return nb


def _retyped(nb, gid):
    nb = copy.deepcopy(nb)
    index = [cell_grade_id(c) for c in nb.cells].index(gid)
    old = nb.cells[index]
    nb.cells[index] = new_markdown_cell(old.source, metadata=old.metadata)
    return nb


def _edited_tests(nb):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if (cell_grade_id(cell) or "").endswith("_tests"):
            cell.source = "pass  # nothing to check here"
    return nb


EX1, EX2, EX3 = "ex1_double_tests", "ex2_count_rows_tests", "ex3_shout_tests"
SHOUT = "def shout(text):\n    return text.upper() + '!'\n"


@dataclass
class Trainee:
    files: dict
    lost: set  # autograded test cells that must score 0 (others must score full marks)
    issues: set = field(default_factory=set)  # issue kinds the grading report must list
    graded: bool = True  # False: recorded as zero and flagged


def robustness_class(course: Path) -> dict[str, Trainee]:
    """Good, partial and every kind of bad submission, on the tiny assignment."""
    good = correct_notebook(course)
    blank = release(course, TINY, TINY_NOTEBOOK)
    written = copy.deepcopy(good)
    for cell in written.cells:
        if cell_grade_id(cell) == "ex4_explain":
            cell.source = "A second source catches copying mistakes."

    def with_answer(gid, code, base=good):
        return {TINY_NOTEBOOK: fill_answers(base, {gid: code})}

    everything = {EX1, EX2, EX3}
    submitted = course / "submitted"
    return {
        "correct": Trainee({TINY_NOTEBOOK: written}, set()),
        "blank": Trainee({TINY_NOTEBOOK: blank}, everything, {"blank"}),
        "partial": Trainee({TINY_NOTEBOOK: fill_answers(
            blank, {"ex1_double": "def double(x):\n    return 2 * x\n"})}, {EX2, EX3}),
        "wrong_visible": Trainee(with_answer("ex1_double", "def double(x):\n    return 3 * x\n"),
                                 {EX1}),
        "wrong_hidden": Trainee(with_answer("ex1_double",
                                            "def double(x):\n    return 2 * abs(x)\n"), {EX1}),
        "loop": Trainee(with_answer("ex3_shout", "while True:\n    pass\n"), {EX3}, {"timeout"}),
        "memory": Trainee(with_answer("ex3_shout", "hog = []\nwhile True:\n"
                                      "    hog.append(bytearray(20 * 2**20))\n"),
                          {EX3}, {"memory"}),
        "huge_output": Trainee(with_answer("ex3_shout", "for i in range(5000):\n"
                                           "    print('line', i)\n" + SHOUT), set(),
                               {"huge_output"}),
        "bad_json": Trainee({TINY_NOTEBOOK: '{"cells": [ {"cell_type": "code", "sour'},
                            everything, {"unreadable"}, graded=False),
        "not_a_notebook": Trainee({TINY_NOTEBOOK: "[1, 2, 3]"}, everything, {"unreadable"},
                                  graded=False),
        "no_notebook": Trainee({"answers.txt": "I could not open Jupyter."}, everything,
                               {"missing_notebook"}, graded=False),
        "misnamed": Trainee({"tiny (1).ipynb": good}, set(), {"renamed_notebook"}),
        "deleted_test": Trainee({TINY_NOTEBOOK: _without(good, EX1)}, set(), {"deleted_cell"}),
        "deleted_answer": Trainee({TINY_NOTEBOOK: _without(good, "ex3_shout")}, {EX3},
                                  {"deleted_cell"}),
        # nbgrader alone fails on the whole notebook here (KeyError in add_missing_cells)
        "deleted_answer_and_test": Trainee(
            {TINY_NOTEBOOK: _without(_without(good, "ex1_double"), EX1)}, {EX1},
            {"deleted_cell"}),
        "duplicated_answer": Trainee({TINY_NOTEBOOK: _duplicated(good, "ex1_double")}, set(),
                                     {"duplicated_cell"}),
        "duplicated_test": Trainee({TINY_NOTEBOOK: _duplicated(good, EX1)}, set(),
                                   {"duplicated_cell"}),
        "retyped_answer": Trainee({TINY_NOTEBOOK: _retyped(good, "ex3_shout")}, set(),
                                  {"retyped_cell"}),
        "retyped_test": Trainee({TINY_NOTEBOOK: _retyped(good, EX3)}, set(), {"retyped_cell"}),
        "edited_tests": Trainee({TINY_NOTEBOOK: _edited_tests(blank)}, everything,
                                {"edited_test"}),
        "writes_outside": Trainee(with_answer(
            "ex3_shout", "open('../../escape.txt', 'w').write('out')\n" + SHOUT), {EX3},
            {"sandbox_write"}),
        "writes_course": Trainee(with_answer(
            "ex3_shout", f"open({str(course / 'source' / TINY / 'pwned.txt')!r}, 'w')"
            ".write('x')\n" + SHOUT), {EX3}, {"sandbox_write"}),
        "reads_others": Trainee(with_answer(
            "ex3_shout", f"print(open({str(submitted / 'correct' / TINY / TINY_NOTEBOOK)!r})"
            ".read()[:200])\n" + SHOUT), {EX3}, {"sandbox_read"}),
        "lists_others": Trainee(with_answer(
            "ex3_shout", f"import os\nprint(os.listdir({str(submitted)!r}))\n" + SHOUT),
            {EX3}, {"sandbox_read"}),
        "runs_program": Trainee(with_answer(
            "ex3_shout", "import subprocess\nsubprocess.run(['cat', '/etc/hostname'])\n" + SHOUT),
            {EX3}, {"sandbox_process"}),
        "network": Trainee(with_answer(
            "ex3_shout", "import socket\nsocket.create_connection(('192.0.2.1', 80), 1)\n"
            + SHOUT), {EX3}, {"sandbox_network"}),
        "hangs": Trainee(with_answer(
            "ex1_double", "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
            "while True:\n    time.sleep(0.05)\n"), everything, {"grading_failed"},
            graded=False),
    }


ROBUST_OPTIONS = ["--jobs", "2", "--timeout", "3", "--memory-limit", "1G",
                  "--trainee-time-limit", "15"]


def grade_robustness_class(course: Path) -> dict:
    """Submit the robustness class to a fresh tiny course and grade it."""
    trainees = robustness_class(course)
    for student, trainee in trainees.items():
        submit(course, student, TINY, trainee.files)
    before = tree_digest(course / "submitted")
    started = time.monotonic()
    result = run_cli_here("grade", TINY, "--course-dir", str(course), *ROBUST_OPTIONS)
    return {"course": course, "trainees": trainees, "result": result,
            "seconds": time.monotonic() - started, "submitted_before": before}


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cell_scores(course: Path, assignment: str = TINY) -> dict[str, dict[str, tuple]]:
    """student -> grade_id -> (score, max_score, needs_manual_grade)."""
    return {student: {gid: cell[:3] for gid, cell in cells.items()}
            for student, cells in trainees.cell_scores(course, assignment).items()}


def sandbox_kernels(course: Path, wait: float = 10.0) -> list[int]:
    """This course's grading kernels (and zygotes) still running, after giving them `wait`
    seconds to go. Other grading runs on the machine (another test session) do not count."""
    deadline = time.monotonic() + wait
    while True:
        found = _sandbox_processes(course)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.25)


def _sandbox_processes(course: Path) -> list[int]:
    found = []
    for process in psutil.process_iter(["cmdline", "environ"]):
        ours = str(course) in (process.info["environ"] or {}).get(sandbox.ENV_PROTECT, "")
        if ours and any("investigator_course.grading.sandbox" in part
                        for part in process.info["cmdline"] or []):
            found.append(process.pid)
    return found
