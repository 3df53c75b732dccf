"""Lessons are reviewed as text files and paired with the notebooks nbgrader reads.

The committed source of every lesson is `course/lessons/<assignment>/<notebook>.py`
(jupytext's py:percent); the build writes `course/source/<assignment>/<notebook>.ipynb`
from it. These tests hold the pairing: the build keeps the two in step, an edit in either
direction is carried over, the notebooks are never committed, and an instructor who edits
the notebook in JupyterLab (nbgrader's Create Assignment) updates the text file too.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import jupytext
import pytest

from investigator_course.course_map import load_course_map
from investigator_course.nbgrader_integration.runner import tool_env
from investigator_course.tooling.lessons import (
    lesson_files,
    notebook_for,
    reused_answers_module,
    sync_assignment,
)
from tests.support.course import ASSIGNMENT_IDS, COURSE, ROOT

LESSON = '''# %% [markdown]
# # A tiny lesson
#
# Some text.

# %% nbgrader=META
def double(x):
    """Twice x."""
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION
'''.replace("META", json.dumps({"grade": False, "solution": True, "locked": False,
                                "grade_id": "or2_x", "schema_version": 3}))


TINY_MAP = """
[course]
id = "tiny"
title = "Tiny"

[[assignment]]
id = "00_tiny"
title = "Part 1"
hours = 1
"""


def tiny_root(tmp_path):
    root = tmp_path / "repo"
    (root / "course" / "lessons" / "00_tiny").mkdir(parents=True)
    (root / "course" / "course.toml").write_text(TINY_MAP)
    lesson = root / "course" / "lessons" / "00_tiny" / "00_tiny.py"
    lesson.write_text(LESSON)
    return root, lesson


def test_build_writes_the_notebook_and_carries_notebook_edits_back(tmp_path):
    root, lesson = tiny_root(tmp_path)
    assert sync_assignment("00_tiny", root) == [
        "course/source/00_tiny/00_tiny.ipynb written from 00_tiny.py"]
    notebook = notebook_for(lesson, root)
    nb = jupytext.read(notebook)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
    assert nb.cells[1].metadata["nbgrader"]["grade_id"] == "or2_x"
    assert sync_assignment("00_tiny", root) == [], "an unchanged pair is left alone"

    nb.cells[1].source = nb.cells[1].source.replace("2 * x", "x + x")
    time.sleep(0.05)
    jupytext.write(nb, notebook)
    changed = sync_assignment("00_tiny", root)
    assert changed and "updated from your edits" in changed[0]
    assert "return x + x" in lesson.read_text(), "the notebook's edit did not reach the lesson"

    time.sleep(0.05)
    lesson.write_text(lesson.read_text().replace("x + x", "x * 2"))
    assert "written from" in sync_assignment("00_tiny", root)[0]
    assert "return x * 2" in jupytext.read(notebook).cells[1].source


def test_part_two_gets_part_one_answers_in_a_module_not_a_copy(tmp_path):
    root, lesson = tiny_root(tmp_path)
    (root / "course" / "course.toml").write_text(TINY_MAP + """
[[assignment]]
id = "00_tiny_part2"
title = "Part 2"
hours = 1
[assignment.reuses]
assignment = "00_tiny"
module = "part1"
answers = ["or2_x"]
""")
    (root / "course" / "lessons" / "00_tiny_part2").mkdir()
    (root / "course" / "lessons" / "00_tiny_part2" / "00_tiny_part2.py").write_text(
        "# %%\nfrom part1 import double\nprint(double(21))\n")
    changed = sync_assignment("00_tiny_part2", root)
    module = root / "course" / "source" / "00_tiny_part2" / "part1.py"
    assert "course/source/00_tiny_part2/part1.py written from 00_tiny's answer key" in changed
    assert "### BEGIN SOLUTION" not in module.read_text()
    run = subprocess.run([sys.executable, "-c", "from part1 import double; print(double(21))"],
                         cwd=module.parent, capture_output=True, text=True, check=False)
    assert run.stdout.strip() == "42", run.stderr
    assert sync_assignment("00_tiny_part2", root) == [], "an unchanged module is left alone"
    lesson.write_text(LESSON.replace("2 * x", "x + x"))
    assert any("part1.py written" in line for line in sync_assignment("00_tiny_part2", root))
    assert "x + x" in module.read_text(), "a changed answer key reaches part 2"


@pytest.mark.parametrize("assignment_id", [a.id for a in load_course_map(ROOT).assignments
                                           if a.reuses and a.id in ASSIGNMENT_IDS])
def test_no_lesson_copies_another_assignments_answers(assignment_id, course_map, built_course):
    """A part 2 imports part 1's answers from the module the build writes; a copy in its
    setup cell would go stale, and would hand part 1's answers to anyone who opens part 2."""
    reuse = course_map.get(assignment_id).reuses
    text = reused_answers_module(reuse, ROOT)
    functions = {node.name for node in ast.walk(ast.parse(text))
                 if isinstance(node, ast.FunctionDef)}
    for lesson in lesson_files(assignment_id, ROOT):
        defined = {node.name for node in ast.walk(ast.parse(lesson.read_text()))
                   if isinstance(node, ast.FunctionDef)}
        assert not defined & functions, f"{lesson.name} defines {defined & functions} again"
    built = COURSE / "source" / assignment_id / f"{reuse.module}.py"
    assert built.read_text() == text, "build again: the module is older than the answer key"


def test_same_lesson_gives_the_same_notebook(tmp_path):
    """Cell ids come from the text, so every build writes identical bytes."""
    root, lesson = tiny_root(tmp_path)
    sync_assignment("00_tiny", root)
    first = notebook_for(lesson, root).read_bytes()
    notebook_for(lesson, root).unlink()
    sync_assignment("00_tiny", root)
    assert notebook_for(lesson, root).read_bytes() == first


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_every_lesson_is_a_text_file_and_no_notebook_is_committed(assignment_id):
    lessons = lesson_files(assignment_id, ROOT)
    assert lessons, f"{assignment_id} has no lesson in course/lessons/{assignment_id}/"
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    tracked = subprocess.run(["git", "ls-files", f"course/source/{assignment_id}"], cwd=ROOT,
                             capture_output=True, text=True, check=False).stdout.split()
    notebooks = [path for path in tracked if path.endswith(".ipynb")]
    assert not notebooks, f"commit the lesson text files, not these notebooks: {notebooks}"


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_built_notebooks_match_their_lessons(assignment_id, built_course):
    assert sync_assignment(assignment_id, ROOT) == [], "a lesson and its notebook disagree"
    names = {p.stem for p in (COURSE / "source" / assignment_id).glob("*.ipynb")}
    assert names == {p.stem for p in lesson_files(assignment_id, ROOT)}, (
        "course/source holds a notebook that has no lesson (delete it, or write its lesson)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_saving_the_notebook_in_jupyterlab_updates_the_lesson(tmp_path, built_course):
    """The Create Assignment workflow: an instructor edits the notebook in JupyterLab and saves;
    jupytext's contents manager writes the paired lesson text file too."""
    course = tmp_path / "course"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns(
        "release", "solution", "submitted", "autograded", "feedback", "gradebook.db", "data"))
    assignment = ASSIGNMENT_IDS[0]
    lesson = sorted((course / "lessons" / assignment).glob("*.py"))[0]
    relative = f"source/{assignment}/{lesson.stem}.ipynb"
    port, token = _free_port(), "lesson-test-token"
    env = tool_env({"JUPYTER_TOKEN": token, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
               f"--ServerApp.root_dir={course}", "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(command, cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/contents/{relative}?token={token}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    model = json.loads(answer.read())
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"JupyterLab did not serve {relative}:\n"
                                f"{(tmp_path / 'lab.log').read_text()}")
                time.sleep(0.5)
        cells = model["content"]["cells"]
        cells[0]["source"] = "".join(cells[0]["source"]) + "\n\nAdded in JupyterLab."
        body = json.dumps({"type": "notebook", "format": "json",
                           "content": model["content"]}).encode()
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status in (200, 201)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "# Added in JupyterLab." in lesson.read_text(), (
        "saving the notebook in JupyterLab did not update its lesson text file")
