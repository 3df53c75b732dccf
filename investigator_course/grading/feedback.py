"""`investigator-course feedback`: placeholder until the grading issue lands."""

from __future__ import annotations

from ..errors import UserError


def add_arguments(parser) -> None:
    parser.add_argument("assignment", nargs="?")


def run(args) -> int:
    raise UserError("this command is not built yet; use the nbgrader commands in README.md.")
