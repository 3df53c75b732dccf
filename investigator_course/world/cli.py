"""`investigator-course datasets`: draw the synthetic case datasets from a seed."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..errors import UserError
from . import DEFAULT_SEED


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--scale must be a number, not {text!r}") from None
    return value


def add_arguments(parser) -> None:
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed of the world (default {DEFAULT_SEED})")
    parser.add_argument("--scale", type=_scale, default=1.0,
                        help="size of the background population (default 1; 10 = ten times)")
    parser.add_argument("--out", default=None,
                        help="folder to write bank/, chain/, recruitment/, cases/ into "
                             "(default: the course's datasets/ folder)")


def run(args) -> int:
    from .generate import check_scale, generate  # imported here so `--help` stays fast

    check_scale(args.scale)
    if args.seed < 0:
        raise UserError(f"--seed must be zero or positive, not {args.seed}.")
    out = Path(args.out).expanduser() if args.out else None
    started = time.perf_counter()
    report = generate(args.seed, args.scale, out)
    total = sum(report.bytes.values())
    print(f"datasets: seed {args.seed}, scale {args.scale:g}: {total / 1e6:.1f} MB in "
          f"{report.out} ({time.perf_counter() - started:.1f} s)")
    print(f"ground truth (instructors only): {report.truth}")
    return 0
