"""Recompute every data-derived figure that 04_data_ethics quotes in prose.

The lesson prints its own numbers; the instructor notes (course/instructors/04_data_ethics.md)
and the review reports quote some of them in text. After the datasets are regenerated (another
seed, or a change to the shared generators), run this and update the quoted figures:

    .venv/bin/python benchmarks/measure_04_data_ethics.py [datasets/cases]

Each line names the figure as the notes quote it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

AS_OF = pd.Timestamp("2025-06-30")
LE_SCOPE = "case coordination with law enforcement"


def wilson(flagged: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of flagged / n."""
    p = flagged / n
    center = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return center - half, center + half


def main(folder: Path) -> None:
    records = pd.read_csv(folder / "records.csv", dtype={"zip5": str})
    log = pd.read_csv(folder / "access_log.csv")
    by_type = records["record_type"].value_counts().to_dict()
    print(f"records: {len(records)} {by_type}")
    people = records.sort_values(["opened", "record_id"]).drop_duplicates(
        subset=["full_name", "dob"])  # each person's earliest record, as the notebook keeps
    per_person = records.groupby(["full_name", "dob"])["record_type"].agg(set)
    both = per_person.map(lambda kinds: {"service", "investigative"} <= kinds).sum()
    print(f"people: {len(people)}; with a service and an investigative record: {both}")

    consent = records[records["consent_le_share"]]
    print(f"consents: {len(consent)}; by scope {consent['consent_scope'].value_counts().to_dict()}")
    eighteenth = pd.to_datetime(consent["dob"]) + pd.DateOffset(years=18)
    young = consent[eighteenth > pd.to_datetime(consent["consent_date"])]
    print(f"consents signed before the 18th birthday: {len(young)} "
          f"({(young['consent_scope'] == LE_SCOPE).sum()} of them for law enforcement)")

    negatives = people[~people["confirmed_trafficking"]]
    flagged = ((negatives["risk_score"] >= 0.5).groupby(negatives["nationality"])
               .agg(["sum", "size"]))
    flagged["fpr"] = flagged["sum"] / flagged["size"]
    print("DE-7, one row per person: people not trafficked per nationality "
          f"{flagged['size'].min()} to {flagged['size'].max()}")
    for group, row in flagged.sort_values("fpr").iterrows():
        low, high = wilson(int(row["sum"]), int(row["size"]))
        print(f"  {group:<14} {int(row['sum'])} of {int(row['size'])} "
              f"({100 * row['fpr']:.0f}%, 95% interval {100 * low:.0f} to {100 * high:.0f}%)")
    fpr = flagged["fpr"]
    print(f"  impact ratio of FPRs {fpr.min() / fpr.max():.2f}; "
          f"of not being flagged {(1 - fpr).min() / (1 - fpr).max():.2f}")
    lowest = fpr.idxmin()
    one_more = fpr.copy()
    one_more[lowest] = (flagged.loc[lowest, "sum"] + 1) / flagged.loc[lowest, "size"]
    print(f"  with one more person of {lowest} flagged: {one_more.min() / one_more.max():.2f}")

    joined = log.assign(ts=pd.to_datetime(log["ts"]).dt.tz_localize(None)).merge(
        records[["record_id", "consent_le_share", "consent_expiry"]], on="record_id")
    after = joined[joined["user"].str.startswith("det") & joined["consent_le_share"]
                   & (joined["ts"] > pd.to_datetime(joined["consent_expiry"]))]
    print(f"detective accesses after consent expired: {len(after)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("datasets/cases"))
