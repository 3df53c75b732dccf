"""Every assignment's notebooks: well-formed sources, honest tests, no leaks.

For every folder in course/source/, so a new assignment is checked as soon as
it exists: the source is clean and every graded cell names an objective, the
instructor's solution passes every test and the blank release fails them all
without showing a solution, hidden test or mark scheme, the answer key in
solutions/ matches the source, and each lesson follows the template in
CONTRIBUTING.md with times that add up to course.toml's hours.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.validator import Validator

from investigator_course.nbgrader_integration.cells import (
    is_answer_cell,
    is_test_cell,
    nbgrader_meta,
)
from investigator_course.nbgrader_integration.regions import (
    MARK_SCHEME,
    cleared,
    region_markers,
    secret_lines,
)
from investigator_course.tooling.build import MACHINE_DEPENDENT
from investigator_course.tooling.outline import section_minutes
from tests.support.course import ASSIGNMENT_IDS, COURSE, ROOT

REGIONS = region_markers()  # kind -> (begin, end) delimiter, as nbgrader is configured


def source_notebooks(assignment_id: str) -> list[Path]:
    return sorted((COURSE / "source" / assignment_id).glob("*.ipynb"))


NOTEBOOKS = [(a, nb.name) for a in ASSIGNMENT_IDS for nb in source_notebooks(a)]


def read(path: Path):
    return nbformat.read(path, as_version=4)


def without_mark_schemes(nb) -> list[tuple[str, str]]:
    """(cell type, source) of each cell, mark schemes cleared as nbgrader clears them."""
    return [(c.cell_type, c.source.strip()) for c in cleared(nb, (MARK_SCHEME,)).cells]


@pytest.mark.parametrize("assignment_id,notebook", NOTEBOOKS)
def test_source_is_clean_and_well_formed(assignment_id, notebook, course_map):
    nb = read(COURSE / "source" / assignment_id / notebook)
    assignment = course_map.get(assignment_id)
    stored = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and (c.outputs or c.execution_count)]
    assert not stored, f"cells {stored} store outputs; clear them before committing"
    MetadataValidator().validate_nb(nb)
    headings = [line for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.split("\n") if re.match(r"#{1,6} ", line)]
    assert headings and headings[0].startswith("# "), "the notebook must open with its H1 title"
    assert sum(h.startswith("# ") for h in headings) == 1, "exactly one H1 per notebook"
    graded = [c for c in nb.cells if nbgrader_meta(c).get("grade_id")
              and (nbgrader_meta(c).get("grade") or nbgrader_meta(c).get("solution")
                   or nbgrader_meta(c).get("task"))]
    for cell in graded:
        gid = nbgrader_meta(cell)["grade_id"]
        assert assignment.objective_for_grade_id(gid), (
            f"grade_id {gid!r} must start with an objective of {assignment_id} "
            f"({', '.join(assignment.objectives)}), e.g. 'or2_...'"
        )
    assert any(is_test_cell(c) for c in nb.cells), "no autograded test cell"


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_grade_ids_unique_across_assignment(assignment_id):
    ids = [nbgrader_meta(c)["grade_id"] for path in source_notebooks(assignment_id)
           for c in read(path).cells if nbgrader_meta(c).get("grade_id")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate grade_ids: {duplicates}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment_id,notebook", NOTEBOOKS)
def test_instructor_version_passes_every_test(assignment_id, notebook, built_course):
    results = Validator().validate(str(built_course / "source" / assignment_id / notebook))
    failed = [r["source"].split("\n")[0] + "\n" + r["raw_error"] for r in results.get("failed", [])]
    assert not results, "the instructor's solution fails:\n" + "\n\n".join(failed or [str(results)])


@pytest.mark.slow
@pytest.mark.parametrize("assignment_id,notebook", NOTEBOOKS)
def test_release_fails_every_test_and_leaks_nothing(assignment_id, notebook, built_course):
    release = built_course / "release" / assignment_id / notebook
    results = Validator(invert=True).validate(str(release))
    passing = [r["source"].split("\n")[0] for r in results.get("passed", [])]
    assert not results, f"these tests pass on the blank release (they test nothing): {passing}"
    released_text = release.read_text(encoding="utf-8")
    released_lines = {line.strip() for c in read(release).cells for line in c.source.split("\n")}
    source = read(built_course / "source" / assignment_id / notebook)
    for kind, lines in secret_lines(source).items():
        leaked = sorted(lines & released_lines)
        assert not leaked, f"{kind} text reached the trainee release: {leaked[:3]}"
    for begin, _ in REGIONS.values():
        assert begin not in released_text, f"a '{begin}' marker is left in the release"


@pytest.mark.parametrize("assignment_id,notebook", NOTEBOOKS)
def test_answer_key_in_sync_with_source(assignment_id, notebook):
    key = ROOT / "solutions" / assignment_id / notebook
    assert key.is_file(), f"solutions/{assignment_id}/{notebook} is missing: run `make build`"
    expected = without_mark_schemes(read(COURSE / "source" / assignment_id / notebook))
    actual = without_mark_schemes(read(key))
    assert actual == expected, f"solutions/{assignment_id}/{notebook} is stale: run `make build`"
    unrun = [i for i, c in enumerate(read(key).cells) if c.cell_type == "code"
             and c.source.strip() and c.execution_count is None]
    assert not unrun, f"the answer key was not executed (cells {unrun[:5]})"


def test_every_solution_folder_has_a_source():
    orphans = [p.name for p in (ROOT / "solutions").iterdir()
               if p.is_dir() and not (COURSE / "source" / p.name).is_dir()]
    assert not orphans, f"solutions/ holds answer keys for removed assignments: {orphans}"


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_every_answer_cell_is_tested(assignment_id):
    for path in source_notebooks(assignment_id):
        cells = read(path).cells
        for index, cell in enumerate(cells):
            if is_answer_cell(cell):
                following = cells[index + 1:]
                next_graded = next((c for c in following if nbgrader_meta(c)), None)
                assert next_graded is not None and is_test_cell(next_graded), (
                    f"{path.name}: answer cell {nbgrader_meta(cell)['grade_id']} is not followed "
                    "by a test cell"
                )


def headings_of(nb, level: int) -> list[str]:
    mark = "#" * level + " "
    return [line[len(mark):].strip() for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.split("\n") if line.startswith(mark)]


CLOCK = re.compile(r"\btime\.(perf_counter|time|monotonic)\(|\btimeit\b")


@pytest.mark.parametrize("assignment_id,notebook", NOTEBOOKS)
def test_timed_cells_are_tagged_machine_dependent(assignment_id, notebook):
    """A cell that prints how long something took prints another number on every machine: the
    build keeps the answer key byte-reproducible only if the cell is tagged machine-dependent."""
    untagged = [cell.source.split("\n", 1)[0] for cell in read(
        COURSE / "source" / assignment_id / notebook).cells
        if cell.cell_type == "code" and CLOCK.search(cell.source)
        and MACHINE_DEPENDENT not in cell.metadata.get("tags", [])]
    assert not untagged, f"timed cells without the tag {MACHINE_DEPENDENT!r}: {untagged}"


@pytest.mark.parametrize("assignment_id,notebook", NOTEBOOKS)
def test_lesson_structure(assignment_id, notebook):
    """The lesson template: content note, questions, objectives, timed sections, keypoints."""
    nb = read(COURSE / "source" / assignment_id / notebook)
    assert "content note" in nb.cells[0].source.lower(), "the first cell needs a content note"
    sections = headings_of(nb, 2)
    for required in ("Questions", "Objectives", "Keypoints"):
        assert any(h.startswith(required) for h in sections), f"no '## {required}' section"
    timed = [h for h in sections if re.match(r"[A-Z]{2}-\d", h)]
    assert timed, "no section heading names an objective (e.g. '## FR-2 Structuring (40 min)')"
    untimed = [h for h in timed if not re.search(r"\(\d+ min\)", h)]
    assert not untimed, f"sections without an estimated time '(NN min)': {untimed}"


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_every_objective_has_a_section(assignment_id, course_map):
    sections = [h for path in source_notebooks(assignment_id) for h in headings_of(read(path), 2)]
    missing = [objective for objective in course_map.get(assignment_id).objectives
               if not any(h.startswith(objective + " ") for h in sections)]
    assert not missing, f"objectives without a '## <ID> ...' section: {missing}"


STATED_MINIMUM = re.compile(r"(?:at least )?(\d+) of (?:the )?(\d+) rubric points")


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_written_answers_have_the_minimum_their_objective_states(assignment_id, course_map):
    """The class report judges a written answer by `[assignment.rubric_minimum]`; without an
    entry it would demand full marks. The minimum must be the one the objective promises
    ("at least 3 of 4 rubric points"), and every entry must name a written answer."""
    assignment = course_map.get(assignment_id)
    written = {
        meta["grade_id"]: meta["points"]
        for path in source_notebooks(assignment_id)
        for cell in read(path).cells
        if (meta := nbgrader_meta(cell)).get("task")
    }
    assert set(assignment.rubric_minimum) <= set(written), "rubric_minimum names no written answer"
    for grade_id, points in written.items():
        objective = assignment.objective_for_grade_id(grade_id)
        stated = STATED_MINIMUM.search(assignment.objectives[objective])
        assert stated, f"{objective} does not state the rubric minimum its written answer needs"
        assert int(stated.group(2)) == points, f"{grade_id}: {objective} says of {stated.group(2)}"
        assert assignment.rubric_minimum.get(grade_id) == int(stated.group(1)), (
            f"{grade_id}: rubric_minimum in course.toml must be {stated.group(1)} ({objective})"
        )


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_release_carries_no_ground_truth(assignment_id, built_course):
    """The instructor-only answers about the synthetic world never reach trainees."""
    truth = COURSE / "ground_truth"
    truth_files = {p.name for p in truth.rglob("*") if p.is_file()} - {"MANIFEST.sha256"}
    truth_bytes = {p.read_bytes() for p in truth.rglob("*") if p.is_file()}
    for step in ("source", "release"):
        for path in (built_course / step / assignment_id).rglob("*"):
            if not path.is_file():
                continue
            assert "ground_truth" not in path.parts, f"{path} is instructor-only"
            assert path.name not in truth_files, f"{path} looks like a ground-truth file"
            assert path.read_bytes() not in truth_bytes, f"{path} is a copy of ground truth"


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_section_times_add_up_to_the_planned_hours(assignment_id, course_map):
    """The hourly distribution printed by `investigator-course outline` matches course.toml."""
    assignment = course_map.get(assignment_id)
    minutes = section_minutes(assignment, ROOT)
    assert set(minutes) == set(assignment.objectives), "every objective needs a timed section"
    planned = assignment.hours * 60
    assert abs(sum(minutes.values()) - planned) <= 0.15 * planned, (
        f"sections add up to {sum(minutes.values())} min; course.toml plans {planned:g} min"
    )


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_build_leaves_the_committed_answer_keys_unchanged(built_course):
    """A build of the committed sources reproduces solutions/ byte for byte: a clean tree."""
    if shutil.which("git") is None or _git("rev-parse", "HEAD").returncode != 0:
        pytest.skip("not a git checkout")
    inputs = ["course/lessons", "course/source", "course/nbgrader_config.py",
              "course/course.toml", "datasets"]
    if _git("diff", "--quiet", "HEAD", "--", *inputs).returncode != 0:
        pytest.skip("the lesson sources have uncommitted changes, so the keys may differ")
    changed = _git("status", "--porcelain", "--", "solutions").stdout.strip()
    assert not changed, (
        "building the committed sources changed the committed answer keys (is something in a "
        f"notebook not deterministic?):\n{changed}"
    )
