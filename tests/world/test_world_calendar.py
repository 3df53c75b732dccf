"""The bank's records keep a bank's calendar, for any seed.

Branches are open Monday to Friday, 09:00-17:00, and closed on Federal Reserve holidays:
teller rows and branch visits fall only then. ACH posts on business days in the
early-morning batch (01:00-07:00) and wires move on business days, 08:00-17:00. A card
processor settles a merchant's takings by ACH the next business day, so a settlement
credit's time is the bank's batch, not the merchant's closing hour. ATMs and cards work
any day, and the front business's late cash shows there, against its peers. Person-to-
person transfers stay under the bank's limit, customers join as adults (a teenager only
on a student account with a parent), and no account has rows before it was opened.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from world_helpers import generated

from investigator_course.world import clock

SEEDS = (20250101, 11, 3)
SCALE = 0.3  # the same generations as test_world_structuring (cached)


def _load(seed: int) -> dict[str, pd.DataFrame]:
    data, truth = generated(seed, SCALE)
    bank = data / "bank"
    read = {"dtype": {"phone": str}}
    return {
        "tx": _timed(pd.read_csv(bank / "transactions.csv", **read)),
        "notes": _timed(pd.read_csv(bank / "branch_interactions.csv")),
        "customers": pd.read_csv(bank / "customers.csv", **read),
        "accounts": pd.read_csv(bank / "accounts.csv"),
        "parties": pd.read_csv(bank / "account_parties.csv"),
        "entities": pd.read_csv(truth / "bank_entities.csv"),
        "negatives": pd.read_csv(truth / "bank_hard_negatives.csv"),
    }


def _timed(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the day index, whether it is a business day, and the local hour as a decimal."""
    frame = frame.copy()
    frame["day"] = frame["ts_local"].str[:10].map(
        lambda d: (date.fromisoformat(d) - clock.START).days)
    frame["business_day"] = frame["day"].map(clock.is_business_day)
    clock_time = frame["ts_local"].str[11:].str.split(":", expand=True).astype(int)
    frame["hour"] = clock_time[0] + clock_time[1] / 60 + clock_time[2] / 3600
    return frame


def _outside(rows: pd.DataFrame, hours: tuple[int, int]) -> pd.DataFrame:
    """Rows not on a business day, or not in [start, end) o'clock."""
    inside = rows["business_day"] & (rows["hour"] >= hours[0]) & (rows["hour"] < hours[1])
    return rows[~inside]


def _show(rows: pd.DataFrame) -> str:
    return rows[["ts_local", "channel", "amount", "memo"]].head(3).to_string() \
        if "channel" in rows else rows[["ts_local", "interaction_type"]].head(3).to_string()


@pytest.mark.parametrize("seed", SEEDS)
def test_tellers_and_branch_visits_only_on_business_days_in_branch_hours(seed):
    w = _load(seed)
    teller = w["tx"][w["tx"]["channel"] == "cash"]
    assert len(teller) > 100, f"seed {seed}: only {len(teller)} teller rows"
    weekday = pd.to_datetime(teller["ts_local"]).dt.day_of_week
    assert not weekday.isin([5, 6]).any(), f"seed {seed}: teller rows at the weekend"
    assert not teller["day"].isin(clock.HOLIDAYS).any(), f"seed {seed}: teller rows on a holiday"
    bad = _outside(teller, clock.BRANCH_HOURS)
    assert bad.empty, f"seed {seed}: {len(bad)} teller rows outside branch hours:\n{_show(bad)}"
    bad = _outside(w["notes"], clock.BRANCH_HOURS)
    assert bad.empty, f"seed {seed}: {len(bad)} branch visits outside branch hours:\n{_show(bad)}"
    # a teller's note on a cash deposit sits at the time and branch of that deposit
    noted = w["notes"][w["notes"]["interaction_type"] == "cash_deposit"]
    key = ["account_id", "ts_local", "location_id"]
    deposits = set(teller[key].itertuples(index=False, name=None))
    unmatched = [row for row in noted[key].itertuples(index=False, name=None)
                 if row not in deposits]
    assert not unmatched, f"seed {seed}: cash_deposit notes with no teller deposit: {unmatched[:3]}"
    # every weekday has its share of teller work (no weekday left out by a week's draw)
    share = weekday.value_counts(normalize=True).reindex(range(5), fill_value=0)
    assert share.min() >= 0.05, f"seed {seed}: teller rows by weekday {share.round(2).to_dict()}"


@pytest.mark.parametrize("seed", SEEDS)
def test_ach_posts_in_its_window_and_wires_in_wire_hours_on_business_days(seed):
    tx = _load(seed)["tx"]
    ach = tx[tx["channel"] == "ach"]
    bad = _outside(ach, clock.ACH_WINDOW)
    assert bad.empty, (f"seed {seed}: {len(bad)} ACH rows outside the posting window "
                       f"{clock.ACH_WINDOW} or not on a business day:\n{_show(bad)}")
    wire = tx[tx["channel"] == "wire"]
    assert len(wire) > 0
    bad = _outside(wire, clock.WIRE_HOURS)
    assert bad.empty, f"seed {seed}: {len(bad)} wires outside wire hours:\n{_show(bad)}"
    atm_days = pd.to_datetime(tx.loc[tx["channel"] == "atm", "ts_local"]).dt.day_of_week
    assert atm_days.isin([5, 6]).any(), "ATMs work at the weekend too"


@pytest.mark.parametrize("seed", SEEDS)
def test_card_settlements_post_like_ach_and_not_at_closing_time(seed):
    w = _load(seed)
    tx = w["tx"]
    settled = tx[tx["counterparty_name"].fillna("").str.startswith("CARD SETTLEMENT")]
    assert len(settled) > 100 and set(settled["channel"]) == {"ach"}
    bad = _outside(settled, clock.ACH_WINDOW)
    assert bad.empty, f"seed {seed}: settlements outside the ACH window:\n{_show(bad)}"
    # the settlement hour says nothing about the merchant's closing hour
    customers, parties = w["customers"], w["parties"]
    business = customers[customers["kind"] == "business"].set_index("customer_id")
    owners = parties[(parties["role"] == "owner") & parties["customer_id"].isin(business.index)]
    closing = owners.set_index("account_id")["customer_id"].map(
        business["opening_hours"].str[6:8].astype(int))
    batch = settled[settled["memo"] == "BATCH"]
    at_closing = batch["hour"].astype(int) == batch["account_id"].map(closing)
    share = at_closing.groupby(batch["account_id"]).mean()
    assert share.max() < 0.5, (
        f"seed {seed}: {share.idxmax()} has {share.max():.0%} of its card settlements in its "
        "closing hour")


@pytest.mark.parametrize("seed", SEEDS)
def test_the_front_pays_cash_in_late_at_night_unlike_its_peers(seed):
    """22:00-01:00 cash credits: the front far above the other spas; the late bars, a hard
    negative, also pay cash in at night but run a payroll."""
    w = _load(seed)
    tx, parties, customers = w["tx"], w["parties"], w["customers"]
    firms = customers.loc[customers["kind"] == "business", "customer_id"]
    owned = parties[(parties["role"] == "owner") & parties["customer_id"].isin(firms)]
    owner = owned.set_index("account_id")["customer_id"]  # the business owning each account
    cash = tx[(tx["direction"] == "credit") & tx["channel"].isin(["cash", "atm"])].copy()
    cash["customer_id"] = cash["account_id"].map(owner)
    cash["night"] = (cash["hour"] >= 22) | (cash["hour"] < 1)
    night_share = cash.groupby("customer_id")["night"].mean()
    front = w["entities"].set_index("key").at["spa", "customer_id"]
    industry = customers.set_index("customer_id")["industry"]
    peers = [c for c in night_share.index
             if c != front and industry.get(c) == industry[front]]
    assert peers, "the front has no peers"
    assert night_share[front] >= 0.5, f"seed {seed}: the front's night share {night_share[front]}"
    assert night_share[peers].max() <= 0.2, night_share[peers]
    bars = w["negatives"].loc[w["negatives"]["archetype"] == "late_bar", "customer_id"]
    assert (night_share.reindex(bars).fillna(0) > 0).all(), "the late bars deposit at night"
    payers = tx[(tx["direction"] == "debit") & tx["memo"].fillna("").str.contains("PAYROLL")]
    assert set(bars) <= set(payers["account_id"].map(owner)), "the late bars run a payroll"


@pytest.mark.parametrize("seed", SEEDS)
def test_p2p_limit_adult_customers_and_no_rows_before_an_account_opened(seed):
    w = _load(seed)
    tx, customers, parties = w["tx"], w["customers"], w["parties"]
    p2p = tx[tx["channel"] == "p2p"]
    assert p2p["amount"].max() <= 2_500, f"seed {seed}: a p2p transfer of {p2p['amount'].max()}"

    people = customers[customers["kind"] == "individual"].copy()
    people["age"] = people["onboard_date"].str[:4].astype(int) - people["birth_year"]
    minors = people[people["age"] < 18]
    assert (minors["age"] >= 15).all() and (minors["occupation"] == "student").all(), (
        minors[["customer_id", "birth_year", "onboard_date", "occupation"]])
    born = people.set_index("customer_id")["birth_year"]
    for cid in minors["customer_id"]:
        accounts = parties.loc[parties["customer_id"] == cid, "account_id"]
        others = parties[parties["account_id"].isin(accounts) & (parties["customer_id"] != cid)]
        adults = others[others["role"] == "joint_owner"]["customer_id"].map(born) <= \
            int(minors.set_index("customer_id").at[cid, "onboard_date"][:4]) - 18
        assert adults.any(), f"seed {seed}: {cid} joined at 15-17 without a parent on the account"

    opened = w["accounts"].set_index("account_id")["open_date"]
    early = tx[tx["ts_local"].str[:10] < tx["account_id"].map(opened)]
    assert early.empty, f"seed {seed}: {len(early)} rows before the account was opened"
