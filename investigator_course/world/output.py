"""What each dataset builder hands to the writer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Output:
    tables: dict[str, list[tuple]]  # dataset file -> rows made by schemas.table(...).row
    truth: dict[str, list[tuple]] = field(default_factory=dict)  # ground-truth file -> rows
    # made by schemas.truth_table(...).row, already sorted; never written under datasets/
    facts: dict = field(default_factory=dict)  # JSON-able summary for ground truth
    summary: str = ""  # one progress line, e.g. "53,011 transactions, 354 customers"
