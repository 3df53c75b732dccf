"""Independent random streams derived from one seed.

Each dataset (and the shared case) draws from its own numpy `Generator`, keyed
by a stable hash of its name, so adding a column or a row type to one dataset
never shifts the numbers another dataset sees. Python's `hash()` is salted per
process and is never used here.
"""

from __future__ import annotations

import hashlib

import numpy as np


def name_key(name: str) -> int:
    """A stable 64-bit integer for a stream name (same on every machine)."""
    return int.from_bytes(hashlib.sha256(f"SYN-STREAM|{name}".encode()).digest()[:8], "big")


def stream(seed: int, name: str) -> np.random.Generator:
    """The generator for `name` under `seed`; unrelated names give unrelated streams."""
    return np.random.default_rng(np.random.SeedSequence([int(seed) & (2**64 - 1), name_key(name)]))
