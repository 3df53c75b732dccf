"""Ground truth stays out of datasets/; ids and timing do not leak labels; the planted
cross-links, the chain's integrity and the ethics plants hold."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
from world_helpers import committed

from investigator_course.paths import datasets_dir, ground_truth_dir
from investigator_course.world.chain import header_string, merkle_root, sha256d_hex
from investigator_course.world.generate import truth_dir_for

TRUTH_ONLY_COLUMNS = {"indicator_codes", "typologies", "wallet_role", "address_role", "pattern",
                      "is_bridge", "op_id", "hard_negative", "archetype", "plant"}


def _data(dataset: str, file: str, **kw) -> pd.DataFrame:
    return pd.read_csv(committed()[0] / dataset / file, **kw)


def _truth(file: str) -> pd.DataFrame:
    return pd.read_csv(committed()[1] / file, dtype=str, keep_default_na=False)


def _world() -> dict:
    return json.loads((committed()[1] / "world.json").read_text(encoding="utf-8"))


def test_ground_truth_is_never_under_datasets():
    truth_names = {p.name for p in committed()[1].iterdir()}
    for path in datasets_dir().rglob("*"):
        assert path.name not in truth_names - {"MANIFEST.sha256", "README.md"}, path
        if path.suffix == ".csv":
            header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
            assert not TRUTH_ONLY_COLUMNS & set(header), f"{path} has ground-truth columns"
    assert ground_truth_dir() not in datasets_dir().parents


def test_ground_truth_goes_next_to_a_custom_output_folder(tmp_path):
    assert truth_dir_for(datasets_dir()) == ground_truth_dir()
    out = tmp_path / "cohort" / "datasets"
    assert truth_dir_for(out) == tmp_path / "cohort" / "ground_truth"
    odd = tmp_path / "ground_truth"
    assert truth_dir_for(odd) != odd and odd not in truth_dir_for(odd).parents


def test_ids_say_nothing_about_roles():
    customers = sorted(_data("bank", "customers.csv")["customer_id"])
    planted = set(_truth("bank_entities.csv")["customer_id"])
    ranks = [i / len(customers) for i, c in enumerate(customers) if c in planted]
    assert 0.25 < sum(ranks) / len(ranks) < 0.75, "planted ids cluster in the sorted order"
    assert len({len(c) for c in customers}) == 1, "ids of different lengths"


def test_no_all_illicit_tail_in_time():
    tx = _data("bank", "transactions.csv", usecols=["txn_id", "ts_local"])
    planted = set(_truth("bank_transactions.csv")["txn_id"])
    tx["planted"] = tx["txn_id"].isin(planted)
    tx["month"] = tx["ts_local"].str[5:7]
    share = tx.groupby("month")["planted"].mean()
    assert (share > 0).all(), "a month without planted activity"
    assert share.max() < 0.2, f"planted activity dominates a month: {share.to_dict()}"
    tail = tx[tx["ts_local"] >= "2025-06-21"]
    assert tail["planted"].mean() < 3 * tx["planted"].mean()


def test_cross_links_the_capstone_needs():
    world = _world()
    entities = _truth("bank_entities.csv").set_index("key")
    customers = _data("bank", "customers.csv", dtype=str).set_index("customer_id")
    ads = _data("recruitment", "ads.csv", dtype=str)
    text = " ".join(ads["contact_raw"]) + " " + " ".join(ads["body"])
    # an ad's phone is a bank customer's phone
    ctrl_a_phone = customers.at[entities.at["ctrl_a", "customer_id"], "phone"]
    assert ctrl_a_phone in text
    # and world.json's list of such phones is what the data holds (it once named a number
    # that no ad carried)
    claimed = world["world"]["cross_links"]["ad_phone_is_bank_customer_phone"]
    assert ctrl_a_phone in claimed
    truth_contacts = {c for cs in _truth("recruitment_ads.csv")["contacts"].fillna("")
                      for c in cs.split(";")}
    assert set(claimed) <= set(customers["phone"]) & truth_contacts
    # the exchange KYC names a bank customer and a real account of the bank: the exchange
    # holds the account's routing and account number, which the bank maps to its own id
    kyc = _data("chain", "legal_return_kyc.csv", dtype=str).iloc[0]
    ctrl_b = entities.at["ctrl_b", "customer_id"]
    assert kyc["full_name"] == customers.at[ctrl_b, "name"]
    assert kyc["linked_bank_account_number"] == world["chain"]["kyc_bank_account_number"]
    assert kyc["linked_bank_routing"] == world["chain"]["kyc_bank_routing_number"]
    account_id = world["chain"]["kyc_bank_account_id"]
    assert account_id in set(_data("bank", "accounts.csv")["account_id"])
    assert account_id in entities.at["ctrl_b", "account_ids"].split(";")
    # hotel spend follows the ads' cities in time
    tx = _data("bank", "transactions.csv", dtype=str)
    hotel = tx[(tx["account_id"] == world["bank"]["accounts"]["ctrl_a"]) & (tx["mcc"] == "7011")]
    op_a = set(_truth("recruitment_ads.csv").query("op_id == 'OP-A'")["ad_id"])
    ad_days = defaultdict(set)
    for _, ad in ads[ads["ad_id"].isin(op_a)].iterrows():
        ad_days[ad["city"]].add(pd.Timestamp(ad["posted_at"][:10]))
    matched = sum(any(abs((pd.Timestamp(h["ts_local"][:10]) - d).days) <= 3
                      for d in ad_days.get(h["city"], ())) for _, h in hotel.iterrows())
    assert len(hotel) and matched / len(hotel) >= 0.9
    # service records carry the case number of the confirmed bank case
    cases = _data("bank", "confirmed_cases.csv", dtype=str)
    records = _data("cases", "records.csv", dtype=str)
    assert world["world"]["case_number"] in set(cases["case_ref"])
    linked = records[records["case_number"] == world["world"]["case_number"]]
    assert set(linked["full_name"]) & set(customers["name"])


def test_chain_blocks_link_hash_and_satisfy_the_toy_proof_of_work():
    blocks = _data("chain", "blocks.csv", dtype=str, keep_default_na=False)
    txs = _data("chain", "transactions.csv", dtype=str)
    by_block = txs.sort_values(["block_height", "position"], key=lambda s: s.astype(int))
    ids = by_block.groupby(by_block["block_height"].astype(int))["txid"].apply(list).to_dict()
    prev = "0" * 64
    for row in blocks.itertuples():
        assert row.prev_hash == prev
        assert row.merkle_root == merkle_root(ids[int(row.height)])
        header = header_string(row.prev_hash, row.merkle_root, row.timestamp,
                               int(row.difficulty_bits), int(row.nonce))
        assert sha256d_hex(header.encode()) == row.block_hash
        assert int(row.block_hash, 16) < 1 << (256 - int(row.difficulty_bits))
        prev = row.block_hash


def test_chain_utxo_accounting_is_consistent():
    outputs = _data("chain", "outputs.csv")
    inputs = _data("chain", "inputs.csv")
    txs = _data("chain", "transactions.csv")
    spent = inputs.merge(outputs, left_on=["prev_txid", "prev_vout"], right_on=["txid", "vout"],
                         suffixes=("", "_prev"))
    assert len(spent) == len(inputs), "an input points at an output that does not exist"
    assert not inputs.duplicated(["prev_txid", "prev_vout"]).any(), "double spend"
    value_in = spent.groupby("txid")["value_sat"].sum()
    value_out = outputs.groupby("txid")["value_sat"].sum()
    fees = (value_in - value_out.reindex(value_in.index)).dropna()
    assert (fees >= 0).all()
    coinbase = set(txs.loc[txs["is_coinbase"], "txid"])
    assert coinbase.isdisjoint(inputs["txid"])


def test_ethics_plants_are_present():
    records = _data("cases", "records.csv", dtype={"zip5": str})
    facts = _world()["cases"]
    rare = records[records["nationality"] == facts["rare_group"]]
    assert 1 <= len(rare) <= 3
    group = records[records["nationality"] == facts["homogeneous_group"]]
    assert len(group) >= 5 and group["t_visa_status"].nunique() == 1
    assert group["zip5"].str[:3].nunique() == 1 and group["sex"].nunique() == 1
    expired = records[records["consent_le_share"] & (records["consent_expiry"] < "2025-06-30")]
    assert len(expired) >= 3
    stale = records[(records["record_type"] == "intelligence")
                    & (records["last_validated"] < "2020-06-30")]
    assert len(stale) >= 3
    negatives = records[~records["confirmed_trafficking"]]
    flagged = negatives["risk_score"] >= 0.5
    in_group = negatives["nationality"] == facts["score_group"]
    assert flagged[in_group].mean() >= 1.5 * flagged[~in_group].mean()


def test_access_log_hash_chain_is_intact():
    log = _data("cases", "access_log.csv", dtype=str)
    prev = "0" * 64
    for row in log.itertuples():
        assert row.prev_hash == prev
        payload = f"{prev}|{row.ts}|{row.user}|{row.record_id}|{row.purpose}"
        assert hashlib.sha256(payload.encode()).hexdigest() == row.row_hash
        prev = row.row_hash


def test_committed_world_fits_the_size_budget():
    total = sum(p.stat().st_size for name in ("bank", "chain", "recruitment", "cases")
                for p in (committed()[0] / name).rglob("*") if p.is_file())
    assert total <= 25 * 1024 * 1024, f"datasets take {total / 1e6:.1f} MB"
    _ = Path
