"""The cross-links the capstone (05) joins are in every world, whatever the seed.

Nothing here is a figure typed in from one seed: each link is found in the released files
and compared with the ground truth of the same generation.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from world_helpers import DEFAULT_SEED, committed, generated

WORLDS = {"committed": committed, "seed 7": lambda: generated(7, 1.0)}


@pytest.fixture(scope="module", params=sorted(WORLDS))
def world(request):
    data, truth = WORLDS[request.param]()
    facts = json.loads((truth / "world.json").read_text(encoding="utf-8"))
    return data, truth, facts


def _read(data, name):
    return pd.read_csv(data / name, dtype=str, keep_default_na=False)


def test_case_records_carry_the_consents_the_capstone_rests_on(world):
    data, _, facts = world
    records = _read(data, "cases/records.csv")
    case = records[records["case_number"] == facts["world"]["cross_links"][
        "service_records_case_number"]]
    people = [k for k, p in facts["world"]["cast"].items() if p["role"] == "person_exploited"]
    assert len(case) == len(people)
    assert (case["consent_le_share"] == "false").sum() == 6
    coordination = case[case["consent_scope"] == "case coordination with law enforcement"]
    assert len(coordination) == 2
    signed = pd.to_datetime(coordination["consent_date"])
    adult = pd.to_datetime(coordination["dob"]) + pd.DateOffset(years=18)
    assert (adult <= signed).all() and (signed <= pd.Timestamp("2025-06-30")).all()
    assert (pd.to_datetime(coordination["consent_expiry"]) >= pd.Timestamp("2025-06-30")).all()


def test_kyc_names_a_bank_customer_by_phone_email_and_device(world):
    data, _, facts = world
    kyc = _read(data, "chain/legal_return_kyc.csv").iloc[0]
    customers = _read(data, "bank/customers.csv")
    match = customers[(customers["phone"] == kyc["phone"]) & (customers["email"] == kyc["email"])]
    ctrl = facts["bank"]["customers"][facts["world"]["cross_links"]["exchange_kyc_names"]]
    assert list(match["customer_id"]) == [ctrl]
    devices = set(_read(data, "chain/legal_return_activity.csv")["device_id"]) - {""}
    parties = _read(data, "bank/account_parties.csv")
    assert ctrl in set(parties.loc[parties["device_id"].isin(devices), "customer_id"])


def test_ad_phones_are_bank_customers_phones(world):
    data, _, facts = world
    customers = set(_read(data, "bank/customers.csv")["phone"])
    linked = facts["world"]["cross_links"]["ad_phone_is_bank_customer_phone"]
    assert linked and set(linked) <= customers
    ops = facts["world"]["operations"]
    assert set(ops["OP-A"]["phones"]) & set(linked)


def test_hotel_spend_follows_the_ads_cities(world):
    data, truth, facts = world
    ads = _read(data, "recruitment/ads.csv")
    truth_ads = pd.read_csv(truth / "recruitment_ads.csv", dtype=str, keep_default_na=False)
    op_a = ads[ads["ad_id"].isin(truth_ads.loc[truth_ads["op_id"] == "OP-A", "ad_id"])].copy()
    op_a["ts"] = pd.to_datetime(op_a["posted_at"], utc=True)
    tx = _read(data, "bank/transactions.csv")
    hotel = tx[(tx["mcc"] == "7011") & (tx["account_id"] == facts["bank"]["accounts"]["ctrl_a"])]
    hotel = hotel.assign(ts=pd.to_datetime(hotel["ts_local"] + hotel["utc_offset"], utc=True))
    joined = pd.merge_asof(hotel.sort_values("ts"), op_a.sort_values("ts")[["ts", "city"]],
                           on="ts", suffixes=("", "_ad"), direction="nearest")
    assert len(joined) >= 20
    # Rooms are taken on arrival and the ads follow: the nearest ad in time names the city.
    assert (joined["city"] == joined["city_ad"]).mean() >= 0.8


def test_cash_out_reaches_the_kyc_customers_bank_account(world):
    data, _, facts = world
    activity = _read(data, "chain/legal_return_activity.csv")
    out = activity[activity["activity"] == "fiat_withdrawal"]
    tx = _read(data, "bank/transactions.csv")
    credits = tx[(tx["account_id"] == facts["bank"]["accounts"]["ctrl_b"])
                 & (tx["memo"] == "WITHDRAWAL") & (tx["direction"] == "credit")]
    assert len(out) >= 2
    assert sorted(out["usd_amount"].astype(float)) == sorted(credits["amount"].astype(float))


def test_default_seed_is_the_committed_world():
    assert DEFAULT_SEED == 20250101
