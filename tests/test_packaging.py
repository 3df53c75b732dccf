"""The two install routes ask for the same things, and the layout is complete."""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from investigator_course.course_map import built_assignments, load_course_map
from tests.support.course import ROOT


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_matches_pyproject():
    project = pyproject()["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    wanted = [Requirement(line) for line in lines]
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda_specs = {}
    for entry in conda:
        if isinstance(entry, str):
            requirement = Requirement(entry)
            conda_specs[requirement.name.lower()] = requirement.specifier
    for requirement in wanted:
        assert requirement.name.lower() in conda_specs, f"environment.yml lacks {requirement.name}"
        assert conda_specs[requirement.name.lower()] == requirement.specifier, (
            f"{requirement.name}: environment.yml says {conda_specs[requirement.name.lower()]}, "
            f"pyproject.toml says {requirement.specifier}"
        )
    python = SpecifierSet(project["requires-python"])
    assert conda_specs["python"] == python, "Python versions differ"
    pip_block = next(e["pip"] for e in conda if isinstance(e, dict) and "pip" in e)
    assert any(line.startswith("-e .") for line in pip_block), "pip must install the package"


def test_every_dependency_is_capped_below_next_major():
    project = pyproject()["project"]
    for line in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(line)
        assert any(s.operator == "<" for s in requirement.specifier), f"{line} has no upper cap"
        assert any(s.operator == ">=" for s in requirement.specifier), f"{line} has no lower bound"


def test_required_layout_exists():
    for name in ["README.md", "course", "datasets", "solutions", "tests", "environment.yml",
                 "pyproject.toml", "Makefile", ".ci/run", "investigator_course",
                 "course/nbgrader_config.py", "course/course.toml"]:
        assert (ROOT / name).exists(), f"{name} is missing"
    scripts = pyproject()["project"]["scripts"]
    assert scripts["investigator-course"] == "investigator_course.cli:main"


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    for command in ("make lab", "make test", "conda env create -f environment.yml"):
        assert command in readme, f"README.md should show `{command}`"
    ci = (ROOT / ".ci/run").read_text()
    assert "make test" in ci, ".ci/run must run the README's test command"


def test_readme_course_map_says_which_assignments_are_ready():
    """A learner reading the README should not be told a built assignment is only planned."""
    readme_rows = [line for line in (ROOT / "README.md").read_text().splitlines()
                   if line.startswith("| `")]
    built = {assignment.id for assignment in built_assignments(ROOT)}
    for assignment in load_course_map(ROOT).assignments:
        row = next((r for r in readme_rows if r.startswith(f"| `{assignment.id}`")), None)
        assert row is not None, f"README's course map lacks {assignment.id}"
        status = row.rstrip(" |").rsplit("|", 1)[-1].strip()
        expected = "ready" if assignment.id in built else "planned"
        assert status == expected, f"README says {assignment.id} is {status}, it is {expected}"


def test_readme_total_hours_match_the_course_map():
    """The course length an academy plans with is the sum of the assignments' hours."""
    import re

    stated = re.search(r"About (\d+) hours at a novice's pace", (ROOT / "README.md").read_text())
    assert stated, "README.md should state the course's total hours"
    total = sum(a.hours for a in load_course_map(ROOT).assignments)
    assert int(stated.group(1)) == round(total), f"course.toml adds up to {total:g} hours"
