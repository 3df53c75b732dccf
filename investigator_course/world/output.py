"""What each dataset builder hands to the writer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TruthTable:
    """An instructor-only CSV: never written under datasets/."""
    header: tuple[str, ...]
    rows: list[tuple]


@dataclass
class Output:
    tables: dict[str, list[tuple]]  # file name -> rows in schema column order
    truth: dict[str, TruthTable] = field(default_factory=dict)
    facts: dict = field(default_factory=dict)  # JSON-able summary for ground truth
    summary: str = ""  # one progress line, e.g. "53,011 transactions, 354 customers"
