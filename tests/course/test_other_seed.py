"""Assignments hold on a world drawn from another seed (no answers fixed to the default).

An instructor can give each cohort a fresh world (`investigator-course datasets
--seed N`). For every assignment that reads generated data, this rebuilds the
assignment on seed 7's world and checks that the instructor's solution still
passes every test and the release still fails every test.
"""

from __future__ import annotations

import shutil

import pytest
from nbgrader.validator import Validator

from investigator_course.course_map import load_course_map
from investigator_course.nbgrader_integration.runner import run_nbgrader
from investigator_course.tooling.lessons import support_files
from tests.support.course import ASSIGNMENT_IDS, COURSE, run_cli

OTHER_SEED = "7"
GENERATED = {"bank", "chain", "recruitment", "cases"}
ON_GENERATED_DATA = [
    a.id for a in load_course_map().assignments
    if a.id in ASSIGNMENT_IDS and set(a.datasets) & GENERATED
]


@pytest.fixture(scope="module")
def other_world(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed7") / "datasets"
    result = run_cli("datasets", "--seed", OTHER_SEED, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize("assignment_id", ON_GENERATED_DATA)
def test_assignment_holds_on_another_seed(assignment_id, other_world, tmp_path, course_map):
    course = tmp_path / "course"
    source = course / "source" / assignment_id
    source.mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    for notebook in (COURSE / "source" / assignment_id).glob("*.ipynb"):
        shutil.copy(notebook, source)
    for name in support_files(assignment_id):  # test cells' checks, part 1's answers
        shutil.copy(COURSE / "source" / assignment_id / name, source)
    for name in course_map.get(assignment_id).datasets:
        shutil.copytree(other_world / name, source / "data" / name)
    run_nbgrader(["generate_assignment", assignment_id], course)
    for notebook in sorted(source.glob("*.ipynb")):
        results = Validator().validate(str(notebook))
        failed = [r["raw_error"] for r in results.get("failed", [])]
        assert not results, f"{notebook.name} fails on seed {OTHER_SEED}: {failed or results}"
        release = course / "release" / assignment_id / notebook.name
        inverted = Validator(invert=True).validate(str(release))
        assert not inverted, f"{notebook.name}: tests pass on the blank release on seed 7"
