"""`investigator-course datasets`: placeholder until the generator lands."""

from __future__ import annotations

from ..errors import UserError


def add_arguments(parser) -> None:
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", default=None)


def run(args) -> int:
    raise UserError("the synthetic-world generator is not built yet.")
