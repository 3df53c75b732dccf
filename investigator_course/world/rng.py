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


def lognormal_cents(rng: np.random.Generator, median_dollars: float, sigma: float,
                    low: float = 0.5, high: float = 1e7) -> int:
    """One amount in cents, log-normal around `median_dollars`, clipped to a plausible range."""
    value = float(median_dollars) * float(np.exp(rng.normal(0.0, sigma)))
    return int(round(min(max(value, low), high) * 100))


def choice(rng: np.random.Generator, items):
    """Pick one element of a sequence (numpy's choice would turn strings into numpy types)."""
    return items[int(rng.integers(len(items)))]


def weighted(rng: np.random.Generator, items, weights):
    """Pick one element with the given relative weights."""
    p = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=p / p.sum()))]
