"""Recompute every data-derived figure that assignment 02's instructor notes quote.

The notes (course/instructors/02_blockchain_basics.md, "Answer key on the course data")
quote figures of the committed datasets: cluster sizes, the peeling chain, the exchange's
return, ad matching, the heuristics' coverage and accuracy. They change with the seed and
whenever the datasets are regenerated. This runs the lesson's answer key on datasets/chain
(the same code the trainee runs) and compares its results with the instructors' ground
truth in course/ground_truth/; paste what it prints into the notes.

    .venv/bin/python benchmarks/measure_02.py [--datasets DIR --truth DIR]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "course/lessons/02_blockchain_basics/02_blockchain_basics.py"
DATASETS = ROOT / "datasets"
TRUTH = ROOT / "course/ground_truth"


def run_lesson() -> dict:
    """Execute the lesson (with its model answers) in a scratch folder; return its names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.show = lambda *a, **k: plt.close("all")
    work = Path(tempfile.mkdtemp(prefix="measure02-"))
    (work / "data").mkdir()
    shutil.copytree(DATASETS / "chain", work / "data/chain")
    shutil.copy(ROOT / "course/lessons/course_checks.py", work)
    here = os.getcwd()
    os.chdir(work)
    sys.path.insert(0, str(work))
    names: dict = {"__name__": "__main__"}
    try:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(LESSON.read_text(), str(LESSON), "exec"), names)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return names


def main() -> None:
    import argparse

    import pandas as pd

    global DATASETS, TRUTH
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument("--truth", type=Path, default=TRUTH)
    args = parser.parse_args()
    DATASETS, TRUTH = args.datasets, args.truth

    n = run_lesson()
    outputs, listings = n["outputs"], n["listings"]
    truth_ads = pd.read_csv(TRUTH / "chain_ad_payments.csv")
    truth_out = pd.read_csv(TRUTH / "chain_outputs.csv")
    truth_tx = pd.read_csv(TRUTH / "chain_transactions.csv")
    paid = dict(zip(truth_ads["ad_id"], truth_ads["txid"], strict=True))

    print("BC-4")
    found = n["coinjoins"]
    out_of = outputs.groupby("txid")["value_sat"].agg(lambda v: v.value_counts().max())
    print(f"  equal-output rule flags {len(found)}; '3 or more equal outputs' alone flags "
          f"{int((out_of >= 3).sum())}")
    sizes = n["sizes"]
    print(f"  CoinJoin participants' clusters with the filter: "
          f"{sorted(sizes['cluster_with_filter'], reverse=True)}; without: "
          f"{sorted(set(sizes['cluster_without_filter']))}")

    print("BC-5 / BC-6")
    chain = n["peel_chain"]
    print(f"  longest peeling chain: {len(chain)} hops, {int(chain['peeled_sat'].sum()):,} sat "
          "peeled")
    cash = n["cash_out"]
    print(f"  peels to the exchange: {list(cash['value_sat'])} to {cash['address'].nunique()} "
          f"address(es), dates {sorted(cash['first_seen'].str[:10])}; "
          f"{len(n['exchange_deposits'])} deposit addresses swept into the hot wallet")
    act = n["activity"]
    wd = act[act["activity"] == "fiat_withdrawal"]
    sent = zip(wd["ts"].str[:10], wd["usd_amount"], wd["client"], strict=True)
    print(f"  withdrawals (day, USD, client): {list(sent)}")
    print(f"  return: {int((act['activity'] == 'crypto_deposit').sum())} deposits, "
          f"{int((act['activity'] == 'login').sum())} logins, "
          f"{wd['usd_amount'].sum():,.2f} USD of ACH withdrawals")

    print("BC-5 heuristic against the ground truth")
    two = n["not_round_per_tx"]
    decided = two[two == 1].index
    is_change = {(t, v): c for t, v, c in zip(truth_out["txid"], truth_out["vout"],
                                               truth_out["is_change"], strict=True)}
    right = 0
    for txid in decided:
        rows = outputs[outputs["txid"] == txid]
        vout = n["change_output"](rows)
        right += bool(is_change.get((txid, vout)))
    print(f"  round-number rule decides {len(decided)} of {len(two)} two-output spends "
          f"({len(decided) / len(two):.0%}); right in {right}")

    print("BC-7 ad matching against the ground truth")

    def judge(matches: dict, label: str) -> None:
        correct = sum(paid.get(ad) == tid for ad, tid in matches.items())
        print(f"  {label}: {len(matches)} matched, {correct} right, "
              f"{len(matches) - correct} wrong")

    matches = n["match_ads"](listings, n["ad_payments"])
    judge(matches, "notebook's set (deposits swept into the tagged wallet), 10 min")
    window = pd.Timedelta(minutes=10)
    pay = n["ad_payments"]
    seen = pd.to_datetime(pay["first_seen"])
    ambiguous = no_candidate = 0
    for posted, price in zip(pd.to_datetime(listings["posted_at"]), listings["price_sat"],
                             strict=True):
        cands = pay[(pay["value_sat"] == price) & (seen <= posted) & (posted - seen <= window)]
        if cands.empty:
            no_candidate += 1
        elif len(cands) > 1:
            ambiguous += 1
    print(f"  of {len(listings)} listings ({len(paid)} paid on chain): {ambiguous} with two or "
          f"more candidates, {no_candidate} with none")
    site = set(truth_ads["txid"])
    all_pay = outputs[outputs["txid"].isin(site)].merge(n["transactions"][["txid", "first_seen"]],
                                                         on="txid")
    judge(n["match_ads"](listings, all_pay), "all ad payments (as the hidden test), 10 min")
    for minutes in (5, 30, 60):
        judge(n["match_ads"](listings, pay, minutes), f"notebook's set, {minutes} min")

    print("BC-7 payer wallets")
    by_cioh, by_wallet = n["by_cioh"], n["by_wallet"]
    print(f"  CIOH alone: {len(by_cioh)} payer clusters, busiest {by_cioh['ads'].iloc[0]} ads; "
          f"with change links: {len(by_wallet)} wallets, busiest {by_wallet['ads'].iloc[0]} ads "
          f"in {by_wallet['cities'].iloc[0]} cities")
    print(f"  the network paid for {int((truth_ads['buyer'] == 'network').sum())} ads")
    buyer = dict(zip(truth_ads["ad_id"], truth_ads["buyer"], strict=True))
    wallet_of = {a: k for k, c in enumerate(n["nx"].connected_components(n["wallets"]))
                 for a in c}
    linked = n["linked"]
    wallet = linked["txid"].map(n["payer"]).map(wallet_of)
    network = linked[linked["ad_id"].map(buyer) == "network"]
    per_wallet = network["txid"].map(n["payer"]).map(wallet_of).value_counts()
    busiest = wallet.value_counts().index[0]
    owners = sorted(set(linked.loc[wallet == busiest, "ad_id"].map(buyer)))
    print(f"  the busiest wallet's ads were bought by {owners}; the network's "
          f"{len(network)} linked ads lie in {len(per_wallet)} wallets "
          f"(largest {int(per_wallet.max())})")

    print("The bank's side of the cash-out (datasets/bank)")
    import json

    world = json.loads((TRUTH / "world.json").read_text(encoding="utf-8"))
    bank = pd.read_csv(DATASETS / "bank/transactions.csv", dtype=str)
    credits = bank[(bank["account_id"] == world["chain"]["kyc_bank_account_id"])
                   & (bank["counterparty_name"] == "EXEMPLAR COIN EXCHANGE")
                   & (bank["memo"] == "WITHDRAWAL")]
    for ts, offset, amount in zip(credits["ts_local"], credits["utc_offset"], credits["amount"],
                                  strict=True):
        day = pd.Timestamp(ts).day_name()
        print(f"  ACH credit {amount} USD posted {ts} ({day}, UTC{offset})")

    print("Dusting")
    dust = truth_tx.loc[truth_tx["pattern"] == "dusting", "txid"].iloc[0]
    spent = outputs[(outputs["txid"] == dust) & outputs["spent_by_txid"].notna()]
    pattern = dict(zip(truth_tx["txid"], truth_tx["pattern"], strict=True))
    print(f"  dust outputs spent: {len(spent)}; by "
          f"{sorted({pattern.get(t, 'background') for t in spent['spent_by_txid']})}")


if __name__ == "__main__":
    main()
