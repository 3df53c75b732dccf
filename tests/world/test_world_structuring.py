"""The planted structuring looks like real structuring, for any seed.

A bank adds up the cash of one business day by or on behalf of one person and files a
Currency Transaction Report above $10,000 (31 CFR 1010.311, 1010.313). Structuring that
put $25,000 into one account on one day would be reported anyway, so the planted bursts
keep every business day at or under $10,000, per account and per person conducting the
deposits, and spread over consecutive business days, branches and depositors. The rule
that 01a teaches (two deposits of $8,000-$9,999.99 less than 72 hours apart) still finds
the account, and the hard negatives with one such deposit are still there. A legitimate
business that deposits more simply gets its CTR, so only the planted structuring is
held to the limit.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from world_helpers import generated

from investigator_course.world import clock

SEEDS = (20250101, 11, 3)
SCALE = 0.3
LIMIT = 10_000.00


def _load(seed: int) -> dict[str, pd.DataFrame]:
    data, truth = generated(seed, SCALE)
    read = {"dtype": {"phone": str}}
    return {
        "tx": pd.read_csv(data / "bank" / "transactions.csv", **read),
        "notes": pd.read_csv(data / "bank" / "branch_interactions.csv"),
        "parties": pd.read_csv(data / "bank" / "account_parties.csv"),
        "planted": pd.read_csv(truth / "bank_transactions.csv"),
        "negatives": pd.read_csv(truth / "bank_hard_negatives.csv"),
    }


def _business_day(ts_local: pd.Series) -> pd.Series:
    """The business day a cash transaction counts toward (weekends and holidays roll on)."""
    return ts_local.str[:10].map(
        lambda d: clock.business_day((date.fromisoformat(d) - clock.START).days))


def _cash_with_conductors(w: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every cash deposit with the person who conducted it: the depositor the teller
    recorded (a cash_deposit note at the same time and branch), else the account's owner."""
    tx = w["tx"]
    cash = tx[(tx["direction"] == "credit") & tx["channel"].isin(["cash", "atm"])].copy()
    cash["business_day"] = _business_day(cash["ts_local"])
    notes = w["notes"]
    recorded = notes[(notes["interaction_type"] == "cash_deposit")
                     & notes["third_party_customer_id"].notna()]
    cash = cash.merge(
        recorded[["account_id", "ts_local", "location_id", "third_party_customer_id"]],
        on=["account_id", "ts_local", "location_id"], how="left")
    parties = w["parties"]
    owner = parties[parties["role"] == "owner"].groupby("account_id")["customer_id"].first()
    cash["conductor"] = cash["third_party_customer_id"].fillna(cash["account_id"].map(owner))
    return cash


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_structuring_stays_under_the_ctr_threshold_every_business_day(seed):
    w = _load(seed)
    planted_ids = set(w["planted"].loc[w["planted"]["pattern"] == "structuring_cash_deposit",
                                       "txn_id"])
    cash = _cash_with_conductors(w)
    planted = cash[cash["txn_id"].isin(planted_ids)]
    assert len(planted) >= 8, f"seed {seed}: only {len(planted)} structuring deposits"
    assert planted["amount"].between(8_000, 9_999.99).all()

    # per account, and per person conducting: all their cash of the business day, anywhere,
    # planted or not (a bank adds up a day's cash by or on behalf of a person)
    for key, doing in (("account_id", "takes"), ("conductor", "conducts")):
        per_day = cash[cash[key].isin(set(planted[key]))].groupby(
            [key, "business_day"])["amount"].sum()
        assert per_day.max() <= LIMIT, (
            f"seed {seed}: {per_day.idxmax()} {doing} ${per_day.max():,.2f} of cash in one "
            "business day: the bank would file a CTR, so this is not structuring")

    # spread over days, branches and depositors
    assert planted["business_day"].nunique() == len(planted), "two deposits on one business day"
    assert planted["location_id"].nunique() >= len(planted) // 2, "too few branches"
    assert planted["conductor"].nunique() >= 2, "every deposit made by the same person"
    assert not planted["ts_local"].map(
        lambda t: clock.is_business_day((date.fromisoformat(t[:10]) - clock.START).days)
    ).eq(False).any(), "a structuring deposit on a weekend or holiday"


@pytest.mark.parametrize("seed", SEEDS)
def test_the_72_hour_rule_finds_the_planted_account_and_not_the_one_off_sales(seed):
    w = _load(seed)
    tx = w["tx"]
    near = tx[(tx["direction"] == "credit") & tx["channel"].isin(["cash", "atm"])
              & (tx["amount"] >= 8_000) & (tx["amount"] < 10_000)]
    flagged = set()
    for account, rows in near.groupby("account_id"):
        times = pd.to_datetime(rows["ts_local"]).sort_values()
        if (times.diff() < pd.Timedelta(hours=72)).any():
            flagged.add(account)
    planted_ids = set(w["planted"].loc[w["planted"]["pattern"] == "structuring_cash_deposit",
                                       "txn_id"])
    planted_accounts = set(tx.loc[tx["txn_id"].isin(planted_ids), "account_id"])
    assert planted_accounts and planted_accounts <= flagged

    one_off = set(w["negatives"].loc[w["negatives"]["archetype"] == "one_off_cash",
                                     "customer_id"])
    parties = w["parties"]
    one_off_accounts = set(parties.loc[parties["customer_id"].isin(one_off), "account_id"])
    assert one_off_accounts & set(near["account_id"]), "the one-off cash sales are gone"
    assert not one_off_accounts & flagged, "a one-off sale looks like structuring"
