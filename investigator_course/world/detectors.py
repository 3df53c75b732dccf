"""Reference detectors and naive single-indicator rules, scored against the ground truth.

The reference detectors combine indicators the way the assignments teach; the naive
rules use one indicator each. The tests assert that the reference detectors recover
the planted patterns while the naive rules have poor precision because of the hard
negatives; `evaluate` returns both so maintainers can watch the margins when they
change the generator.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pandas as pd

LATE = {22, 23, 0, 1, 2, 3, 4}


# ----- loading ------------------------------------------------------------------------------
def load(folder: Path) -> dict[str, pd.DataFrame]:
    """Every CSV of a dataset folder, ids and codes as text."""
    text = {"zip5": str, "zip3": str, "phone": str}
    return {p.stem: pd.read_csv(p, dtype=text, keep_default_na=False, na_values=[""])
            for p in sorted(Path(folder).glob("*.csv"))}


def _owners(bank: dict[str, pd.DataFrame]) -> pd.DataFrame:
    parties = bank["account_parties"]
    return parties[parties["role"].isin(["owner", "joint_owner"])]


def _per_customer(bank, flagged_accounts: set[str]) -> set[str]:
    owners = _owners(bank)
    return set(owners.loc[owners["account_id"].isin(flagged_accounts), "customer_id"])


def _tx(bank) -> pd.DataFrame:
    tx = bank["transactions"].copy()
    tx["ts"] = pd.to_datetime(tx["ts_local"])
    tx["hour"] = tx["ts"].dt.hour
    return tx


# ----- bank: reference detectors ----------------------------------------------------------
def structuring(bank, tx=None, window_hours: int = 72) -> set[str]:
    """Two or more cash deposits of $8,000-9,999.99 within the window, adding to > $10,000."""
    tx = _tx(bank) if tx is None else tx
    cash = tx[(tx["channel"] == "cash") & (tx["direction"] == "credit")
              & (tx["amount"] >= 8000) & (tx["amount"] < 10000)].sort_values("ts")
    flagged = set()
    for acc, rows in cash.groupby("account_id"):
        times, amounts = list(rows["ts"]), list(rows["amount"])
        for i in range(len(times)):
            j, total, n = i, 0.0, 0
            while j < len(times) and (times[j] - times[i]).total_seconds() <= window_hours * 3600:
                total += amounts[j]
                n += 1
                j += 1
            if n >= 2 and total > 10000:
                flagged.add(acc)
                break
    return _per_customer(bank, flagged)


def funnel(bank, tx=None) -> set[str]:
    """Cash in at branches in 3+ cities, most of it out again as cash in one city or by wire."""
    tx = _tx(bank) if tx is None else tx
    cash_in = tx[(tx["channel"].isin(["cash", "atm"])) & (tx["direction"] == "credit")]
    out = tx[(tx["direction"] == "debit") & (tx["channel"].isin(["cash", "atm", "wire"]))]
    flagged = set()
    for acc, rows in cash_in.groupby("account_id"):
        if rows["city"].nunique() < 3:
            continue
        outs = out[out["account_id"] == acc]
        if outs.empty or outs["amount"].sum() < 0.7 * rows["amount"].sum():
            continue
        cash_out = outs[outs["channel"] != "wire"]
        top_share = (cash_out.groupby("city")["amount"].sum().max() / cash_out["amount"].sum()
                     if not cash_out.empty else 1.0)
        if top_share >= 0.8:
            flagged.add(acc)
    return _per_customer(bank, flagged)


def _opening(hours: str) -> tuple[float, float]:
    start, end = hours.split("-")
    a = int(start[:2]) + int(start[3:]) / 60
    b = int(end[:2]) + int(end[3:]) / 60
    return a, b if b > a else b + 24


def front_business(bank, tx=None) -> set[str]:
    """Cash far above industry peers, no payroll, cash paid in long after closing (2 of 3).

    Only cash and ATM credits show when the takings came in: card settlements post in the
    bank's ACH window, whatever the merchant's hours."""
    tx = _tx(bank) if tx is None else tx
    customers = bank["customers"]
    biz = customers[customers["kind"] == "business"].set_index("customer_id")
    owners = _owners(bank)
    acc_of = owners[owners["customer_id"].isin(biz.index)].groupby("customer_id")["account_id"]
    stats = {}
    for cid, accounts in acc_of:
        rows = tx[tx["account_id"].isin(set(accounts))]
        cash = rows[rows["channel"].isin(["cash", "atm"]) & (rows["direction"] == "credit")]
        revenue = float(biz.at[cid, "declared_annual_revenue"] or 0) or 1.0
        payroll = rows[(rows["direction"] == "debit") & (
            rows["memo"].fillna("").str.contains("PAYROLL") |
            rows["counterparty_name"].fillna("").str.contains("PAYROLL"))]
        opened, closed = _opening(biz.at[cid, "opening_hours"])
        hour = cash["hour"] + cash["ts"].dt.minute / 60
        hour = hour.where(hour >= opened - 2, hour + 24)
        late = ((hour > closed + 2) | (hour < opened - 2)).mean() if len(cash) else 0.0
        stats[cid] = (cash["amount"].sum() * 2 / revenue, payroll.empty, late)
    ratios = pd.Series({cid: s[0] for cid, s in stats.items()})
    industry = biz["industry"]
    flagged = set()
    for cid, (ratio, no_payroll, late) in stats.items():
        peers = ratios[industry[ratios.index] == industry[cid]]
        peer_median = peers.median() if len(peers) >= 3 else ratios.median()
        signals = [ratio > 3 * max(peer_median, 0.05) and ratio > 0.5, no_payroll, late > 0.3]
        if sum(signals) >= 2:
            flagged.add(cid)
    return flagged


def _sweeps(tx: pd.DataFrame, credit_channels: list[str]) -> dict[str, tuple[str, float]]:
    """Per account: the in-bank account receiving most of its money within 24 h of credits
    of the given channels, and that money's share of those credits."""
    credits = tx[(tx["direction"] == "credit") & tx["channel"].isin(credit_channels)]
    debits = tx[(tx["direction"] == "debit") & tx["counterparty_account_id"].notna()
                & tx["channel"].isin(["p2p", "ach"])]
    if credits.empty or debits.empty:
        return {}
    last_credit = credits[["account_id", "ts"]].rename(columns={"ts": "credit_ts"})
    joined = pd.merge_asof(debits.sort_values("ts"), last_credit.sort_values("credit_ts"),
                           left_on="ts", right_on="credit_ts", by="account_id",
                           direction="backward", tolerance=pd.Timedelta(hours=24))
    swept = joined[joined["credit_ts"].notna()]
    if swept.empty:
        return {}
    per_cp = swept.groupby(["account_id", "counterparty_account_id"])["amount"].sum()
    top = per_cp.sort_values(ascending=False).groupby(level=0).head(1)
    totals = credits.groupby("account_id")["amount"].sum()
    return {acc: (cp, amount / totals[acc]) for (acc, cp), amount in top.items()}


def identifier_graph(bank) -> nx.Graph:
    """Customers linked to the devices, phones and addresses they share."""
    g = nx.Graph()
    customers = bank["customers"]
    for cid, phone, address in zip(customers["customer_id"], customers["phone"],
                                   customers["address_id"], strict=True):
        g.add_edge(cid, f"phone:{phone}")
        g.add_edge(cid, f"address:{address}")
    parties = bank["account_parties"].dropna(subset=["device_id"])
    for cid, device in zip(parties["customer_id"], parties["device_id"], strict=True):
        g.add_edge(cid, f"device:{device}")
    return g


def controlled_accounts(bank, tx=None) -> set[str]:
    """Accounts fed by cash deposits, most of it sent the same day to one account whose
    owner shares a device, phone or address with them."""
    tx = _tx(bank) if tx is None else tx
    g = identifier_graph(bank)
    owners = _owners(bank)
    owner_of = owners.groupby("account_id")["customer_id"].apply(set).to_dict()
    flagged = set()
    for acc, (cp, share) in _sweeps(tx, ["cash", "atm"]).items():
        if share < 0.5:
            continue
        for me in owner_of.get(acc, ()):
            for other in owner_of.get(cp, ()):
                if other != me and nx.has_path(g, me, other) and \
                        nx.shortest_path_length(g, me, other) <= 2:
                    flagged.add(me)
    return flagged


def exploitative_employment(bank, tx=None) -> set[str]:
    """Employers whose staff send most of each pay cheque back to one account within 24 h."""
    tx = _tx(bank) if tx is None else tx
    pay = tx[(tx["direction"] == "debit") & (tx["memo"] == "PAYROLL")
             & tx["counterparty_account_id"].notna()]
    sweeps = _sweeps(tx, ["ach"])
    owners = _owners(bank)
    owner_of = owners.groupby("account_id")["customer_id"].apply(set).to_dict()
    flagged = set()
    for employer_acc, rows in pay.groupby("account_id"):
        staff = set(rows["counterparty_account_id"])
        returned = [sweeps[a] for a in staff if a in sweeps and sweeps[a][1] >= 0.5]
        if len(staff) >= 3 and len(returned) >= 0.5 * len(staff):
            flagged |= {c for c in owner_of.get(employer_acc, ()) if c.startswith("CUS-")}
    customers = bank["customers"].set_index("customer_id")
    return {c for c in flagged if customers.at[c, "kind"] == "business"}


def out_of_profile_spend(bank, tx=None) -> set[str]:
    """Several hotel rooms on the same night, repeatedly, plus late-night rideshare: spending
    that travel for work (one room a night) does not explain."""
    tx = _tx(bank) if tx is None else tx
    hotel = tx[tx["mcc"] == 7011].copy()
    hotel["day"] = hotel["ts"].dt.date
    multi = hotel.groupby(["account_id", "day", "merchant_id"]).size()
    multi_nights = multi[multi >= 2].groupby(level=0).size()
    ride = tx[tx["mcc"] == 4121]
    late_rides = ride[ride["hour"].isin(LATE)].groupby("account_id").size()
    accounts = {a for a, n in multi_nights.items() if n >= 3 and late_rides.get(a, 0) >= 10}
    customers = bank["customers"].set_index("customer_id")
    return {c for c in _per_customer(bank, accounts) if customers.at[c, "kind"] == "individual"}


def expand(bank, flagged: set[str], tx=None) -> set[str]:
    """From flagged customers to the network around them: everyone on a flagged business's
    accounts, the account receiving a flagged account's same-day sweeps, staff of a
    flagged employer who hand their wages back, and customers whom the tellers recorded
    depositing cash into a flagged account that is not theirs."""
    tx = _tx(bank) if tx is None else tx
    parties = bank["account_parties"]
    owners = _owners(bank)
    owner_of = owners.groupby("account_id")["customer_id"].apply(set).to_dict()
    customers = bank["customers"].set_index("customer_id")
    result = set(flagged)
    accounts = set(parties.loc[parties["customer_id"].isin(flagged), "account_id"])
    businesses = {c for c in flagged if customers.at[c, "kind"] == "business"}
    biz_accounts = set(owners.loc[owners["customer_id"].isin(businesses), "account_id"])
    result |= set(parties.loc[parties["account_id"].isin(biz_accounts), "customer_id"])
    sweeps = _sweeps(tx, ["cash", "atm", "ach"])
    for acc in accounts:
        if acc in sweeps and sweeps[acc][1] >= 0.5:
            result |= owner_of.get(sweeps[acc][0], set())
    pay = tx[(tx["direction"] == "debit") & (tx["memo"] == "PAYROLL")
             & tx["account_id"].isin(biz_accounts)]
    for staff in set(pay["counterparty_account_id"].dropna()):
        if staff in sweeps and sweeps[staff][1] >= 0.5:
            result |= owner_of.get(staff, set()) | owner_of.get(sweeps[staff][0], set())
    notes = bank["branch_interactions"]
    conductors = notes[(notes["interaction_type"] == "cash_deposit")
                       & notes["account_id"].isin(accounts)]
    result |= set(conductors["third_party_customer_id"].dropna())
    return result


# ----- bank: naive single-indicator rules --------------------------------------------------
def naive_many_cities(bank, tx=None, threshold: int = 4) -> set[str]:
    tx = _tx(bank) if tx is None else tx
    local = tx[tx["city"].notna()]
    cities = local.groupby("account_id")["city"].nunique()
    return _per_customer(bank, set(cities[cities >= threshold].index))


def naive_cash_heavy(bank, tx=None, share: float = 0.5) -> set[str]:
    tx = _tx(bank) if tx is None else tx
    credits = tx[tx["direction"] == "credit"]
    total = credits.groupby("account_id")["amount"].sum()
    cash = credits[credits["channel"].isin(["cash", "atm"])].groupby("account_id")["amount"].sum()
    ratio = (cash / total).fillna(0)
    return _per_customer(bank, set(ratio[(ratio >= share) & (total >= 1000)].index))


def naive_hotel_rideshare(bank, tx=None) -> set[str]:
    tx = _tx(bank) if tx is None else tx
    hotel = tx[tx["mcc"] == 7011].groupby("account_id").size()
    ride = tx[tx["mcc"] == 4121].groupby("account_id").size()
    accounts = {a for a in hotel.index if hotel[a] >= 5 and ride.get(a, 0) >= 10}
    return _per_customer(bank, accounts)


# ----- recruitment ------------------------------------------------------------------------
WORD_DIGITS = {w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five",
                                                "six", "seven", "eight", "nine"))}
PHONE = re.compile(r"(?<!\d)(\d{3})\D{0,3}(\d{3})\D{0,3}(\d{2})\D{0,2}(\d{2})(?!\d)")
EMAIL = re.compile(r"([\w.+-]+)\s*(?:@|\[at\]|\(at\)|\sat\s)\s*([\w-]+)\s*(?:\.|\(dot\)|"
                   r"\[dot\]|\sdot\s)\s*([a-z]{2,})", re.I)
HANDLE = re.compile(r"\bdemo_\w+")


def normalise_contacts(text: str) -> set[str]:
    """Phones (also spaced or spelled out), e-mails (also [at]/(dot)) and handles."""
    words = re.sub(r"\b(" + "|".join(WORD_DIGITS) + r")\b",
                   lambda m: WORD_DIGITS[m.group(1).lower()], text, flags=re.I)
    squeezed = re.sub(r"(?<=\d)[ .-](?=\d)", "", words)
    found = {f"{m[0]}-{m[1]}-{m[2]}{m[3]}" for m in PHONE.findall(squeezed)}
    found |= {f"{a}@{b}.{c}".lower() for a, b, c in EMAIL.findall(text)}
    found |= set(HANDLE.findall(text))
    return found


INDICATORS = {
    "high_pay": r"\$?[1-9],?\d{3}\s*(?:-|to)?\s*\$?\d*,?\d*\s*(?:every week|weekly|/wk|per week"
                r"|a week|monthly)|cash daily",
    "no_experience": r"no experience",
    "travel_housing": r"housing|hotel and food|accommodation|travel with",
    "fee": r"\bfee\b|deposit \$|charge",
    "documents": r"passport|documents safe|papers|your documents",
    "app_only": r"text only|chatappx",
    "urgency": r"asap|immediately|limited|this week|fill fast|next week|start monday|today",
    "age_appearance": r"18-25|photo",
}


def indicator_score(text: str) -> int:
    low = text.lower()
    return sum(bool(re.search(p, low)) for p in INDICATORS.values())


def recruitment_reference(rec) -> set[str]:
    """Link ads through shared contacts; flag components whose ads score 4+ indicators."""
    ads = rec["ads"]
    g = nx.Graph()
    scores = {}
    for ad, title, body, contact in zip(ads["ad_id"], ads["title"], ads["body"],
                                        ads["contact_raw"], strict=True):
        text = f"{title} {body} {contact}"
        scores[ad] = indicator_score(text)
        g.add_node(ad)
        for c in normalise_contacts(f"{body} {contact}"):
            g.add_edge(ad, f"c:{c}")
    flagged = set()
    for comp in nx.connected_components(g):
        members = [n for n in comp if not n.startswith("c:")]
        mean = sum(scores[a] for a in members) / len(members)
        if mean >= 4:
            flagged |= set(members)
    return flagged


def naive_many_ads_per_phone(rec, threshold: int = 8) -> set[str]:
    ads = rec["ads"]
    per: dict[str, set[str]] = defaultdict(set)
    for ad, body, contact in zip(ads["ad_id"], ads["body"], ads["contact_raw"], strict=True):
        for c in normalise_contacts(f"{body} {contact}"):
            if "@" not in c and not c.startswith("demo_"):
                per[c].add(ad)
    return {a for ads_ in per.values() if len(ads_) >= threshold for a in ads_}


def naive_any_indicator(rec, threshold: int = 2) -> set[str]:
    ads = rec["ads"]
    return {ad for ad, t, b in zip(ads["ad_id"], ads["title"], ads["body"], strict=True)
            if indicator_score(f"{t} {b}") >= threshold}


# ----- chain ------------------------------------------------------------------------------
def _chain_frames(chain):
    outputs, inputs = chain["outputs"], chain["inputs"]
    spent = inputs.merge(outputs[["txid", "vout", "address", "value_sat"]],
                         left_on=["prev_txid", "prev_vout"], right_on=["txid", "vout"],
                         suffixes=("", "_prev"))
    return outputs, spent


def coinjoin_reference(chain) -> set[str]:
    """Equal outputs, one per participant, from at least as many distinct input addresses."""
    outputs, spent = _chain_frames(chain)
    n_addr = spent.groupby("txid")["address"].nunique()
    n_out = outputs.groupby("txid").size()
    equal = outputs[outputs["value_sat"] > 2730].groupby(["txid", "value_sat"]).size()
    top = equal.groupby(level=0).max()
    frame = pd.DataFrame({"n_out": n_out, "top": top, "n_addr": n_addr}).dropna()
    ok = ((frame["n_out"] >= 3) & (frame["n_addr"] >= 2) & (frame["top"] >= 3)
          & (frame["top"] >= (0.6 * frame["n_out"]).apply(math.ceil))
          & (frame["top"] <= frame["n_addr"]))
    return set(frame.index[ok])


def naive_equal_outputs(chain) -> set[str]:
    """Any transaction with three or more outputs of the same value."""
    counts = chain["outputs"].groupby(["txid", "value_sat"]).size().groupby(level=0).max()
    return set(counts[counts >= 3].index)


def peeling_chains(chain, min_hops: int = 8, round_to: int = 1000) -> list[list[str]]:
    """Runs of peel transactions, each spending the previous one's change.

    A peel has one input and two outputs to fresh addresses (no self-change, which rules
    out exchange and kiosk hot wallets), exactly one of them a round amount (the payment);
    the other, non-round output is the change the next hop spends.
    """
    outputs, spent = _chain_frames(chain)
    n_in = spent.groupby("txid").size()
    in_addr = spent.groupby("txid")["address"].first()
    out = outputs.assign(round=(outputs["value_sat"] % round_to) == 0,
                         self_change=outputs["address"].values ==
                         outputs["txid"].map(in_addr).values)
    per_tx = out.groupby("txid").agg(n=("vout", "size"), rounds=("round", "sum"),
                                     self_change=("self_change", "any"))
    per_tx["n_in"] = n_in.reindex(per_tx.index).fillna(0)
    shape = set(per_tx.index[(per_tx["n"] == 2) & (per_tx["n_in"] == 1)
                             & (per_tx["rounds"] == 1) & ~per_tx["self_change"]])
    nxt = {}
    for tid, prev in zip(spent["txid"], spent["prev_txid"], strict=True):
        if tid in shape and prev in shape:
            nxt[prev] = tid
    starts = [t for t in shape if t in nxt and t not in set(nxt.values())]
    chains = []
    for start in sorted(starts):
        run = [start]
        while run[-1] in nxt:
            run.append(nxt[run[-1]])
        if len(run) >= min_hops:
            chains.append(run)
    return chains


def cioh_clusters(chain, skip: set[str] | None = None) -> dict[str, int]:
    """Union-find over input addresses per transaction, skipping the given txids."""
    _, spent = _chain_frames(chain)
    g = nx.Graph()
    g.add_nodes_from(chain["outputs"]["address"].unique())
    for tid, rows in spent.groupby("txid"):
        if skip and tid in skip:
            continue
        addrs = list(rows["address"].unique())
        for a in addrs[1:]:
            g.add_edge(addrs[0], a)
    label = {}
    for i, comp in enumerate(nx.connected_components(g)):
        for a in comp:
            label[a] = i
    return label


def ad_payment_links(chain, window_minutes: int = 10) -> dict[str, str]:
    """Match listings to payments into ad-site addresses by exact price and time."""
    outputs, spent = _chain_frames(chain)
    tags = chain["address_tags"]
    trusted = tags[tags["category"].eq("ad_site") & (tags["confidence"].astype(int) >= 20)]
    seeds = set(trusted["address"])
    label = cioh_clusters(chain)
    site = {label[a] for a in seeds if a in label}
    # deposit addresses swept into a cluster-defining ad-site address belong to the site
    definers = set(trusted.loc[trusted["is_cluster_definer"].astype(str).str.lower() == "true",
                                 "address"])
    sweeps = set(outputs.loc[outputs["address"].isin(definers), "txid"])
    site |= {label[a] for a in spent.loc[spent["txid"].isin(sweeps), "address"]}
    txs = chain["transactions"].set_index("txid")
    site_outputs = outputs[outputs["address"].map(label).isin(site)]
    site_outputs = site_outputs[site_outputs["txid"].isin(set(spent["txid"]))]
    first_seen = pd.to_datetime(txs["first_seen"])
    listings = chain["ad_listings"]
    matches = {}
    for ad, posted, price in zip(listings["ad_id"], pd.to_datetime(listings["posted_at"]),
                                 listings["price_sat"].astype(int), strict=True):
        cands = site_outputs[site_outputs["value_sat"].astype(int) == price]
        best = None
        for tid in cands["txid"]:
            lag = (posted - first_seen[tid]).total_seconds()
            if 0 <= lag <= window_minutes * 60 and (best is None or lag < best[0]):
                best = (lag, tid)
        if best:
            matches[ad] = best[1]
    return matches


# ----- scoring ------------------------------------------------------------------------------
def score(flagged: set, positives: set, universe: set | None = None) -> dict:
    if universe is not None:
        flagged = flagged & universe
    tp = len(flagged & positives)
    precision = tp / len(flagged) if flagged else 0.0
    recall = tp / len(positives) if positives else 0.0
    return {"flagged": len(flagged), "positives": len(positives), "precision": round(precision, 3),
            "recall": round(recall, 3)}


def _truth_csv(truth: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(truth / name, dtype=str, keep_default_na=False)


def evaluate(datasets: Path, truth: Path) -> dict[str, dict]:
    """Precision and recall of the reference detectors and the naive rules."""
    datasets, truth = Path(datasets), Path(truth)
    bank = load(datasets / "bank")
    tx = _tx(bank)
    ent = _truth_csv(truth, "bank_entities.csv")
    key = dict(zip(ent["key"], ent["customer_id"], strict=True))
    involved = set(ent["customer_id"])
    found = {name: f(bank, tx) for name, f in (
        ("structuring", structuring), ("funnel", funnel), ("front_business", front_business),
        ("controlled_accounts", controlled_accounts),
        ("exploitative_employment", exploitative_employment),
        ("out_of_profile_spend", out_of_profile_spend))}
    res = {
        "bank/structuring": score(found["structuring"], {key["ctrl_a"]}),
        "bank/funnel": score(found["funnel"], {key["ctrl_b"]}),
        "bank/front_business": score(found["front_business"], {key["spa"]}),
        "bank/controlled_accounts": score(found["controlled_accounts"],
                                          {key[f"exploited_{i}"] for i in range(1, 7)}),
        "bank/exploitative_employment": score(found["exploitative_employment"],
                                              {key["cleaning"]}),
        "bank/out_of_profile_spend": score(found["out_of_profile_spend"], {key["ctrl_a"]}),
        "bank/naive_many_cities": score(naive_many_cities(bank, tx), involved),
        "bank/naive_cash_heavy": score(naive_cash_heavy(bank, tx), involved),
        "bank/naive_hotel_rideshare": score(naive_hotel_rideshare(bank, tx), involved),
    }
    combined = set().union(*found.values())
    res["bank/combined_reference"] = score(expand(bank, combined, tx), involved)
    rec = load(datasets / "recruitment")
    ads_truth = _truth_csv(truth, "recruitment_ads.csv")
    planted_ads = set(ads_truth.loc[ads_truth["op_id"] != "", "ad_id"])
    res["recruitment/reference_operations"] = score(recruitment_reference(rec), planted_ads)
    res["recruitment/naive_many_ads_per_phone"] = score(naive_many_ads_per_phone(rec),
                                                        planted_ads)
    res["recruitment/naive_two_indicators"] = score(naive_any_indicator(rec), planted_ads)
    chain = load(datasets / "chain")
    ctx = _truth_csv(truth, "chain_transactions.csv")
    pattern = dict(zip(ctx["txid"], ctx["pattern"], strict=True))
    coinjoins = {t for t, p in pattern.items() if p == "coinjoin"}
    res["chain/coinjoin_reference"] = score(coinjoin_reference(chain), coinjoins)
    res["chain/naive_equal_outputs"] = score(naive_equal_outputs(chain), coinjoins)
    peel_truth = {t for t, p in pattern.items() if p.startswith("peel_hop_")}
    found = {t for run in peeling_chains(chain) for t in run}
    res["chain/peeling_chain"] = score(found, peel_truth)
    pay = _truth_csv(truth, "chain_ad_payments.csv")
    truth_links = set(zip(pay["ad_id"], pay["txid"], strict=True))
    links = set(ad_payment_links(chain).items())
    res["chain/ad_payment_links"] = score(links, truth_links)
    return res


def report(results: dict[str, dict]) -> str:
    lines = [f"{'detector':42s} {'flagged':>7s} {'pos':>5s} {'precision':>9s} {'recall':>6s}"]
    for name, r in results.items():
        lines.append(f"{name:42s} {r['flagged']:7d} {r['positives']:5d} {r['precision']:9.3f} "
                     f"{r['recall']:6.3f}")
    return "\n".join(lines)
