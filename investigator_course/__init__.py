"""Tooling for the human-trafficking investigations data course.

The package has two halves: `investigator_course.world` draws the synthetic
case data from a seed, and the command modules (`build`, `doctor`, `lab`,
`check`, ...) drive nbgrader and JupyterLab for learners and instructors.
`investigator_course.cli` is the single entry point that ties them together.
"""

__version__ = "0.1.0"
