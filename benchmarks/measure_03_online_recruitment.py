"""Every data-derived figure the 03_online_recruitment notes quote, recomputed.

The instructor notes of 03 (course/instructors/03_online_recruitment.md) quote counts,
precisions and timings from the default data. After the datasets are regenerated (another
seed, or a change to the shared phone book), run this and update the notes with what it
prints. It reads datasets/recruitment and the ground truth; it is not a test.

    .venv/bin/python benchmarks/measure_03_online_recruitment.py [--timing]
"""

from __future__ import annotations

import argparse
import re
import time
import warnings
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA, TRUTH = ROOT / "datasets" / "recruitment", ROOT / "course" / "ground_truth"
warnings.filterwarnings("ignore", "This pattern is interpreted", UserWarning)

# 03b's eight-rule score (RULES in the RC-7 worked example)
RULES = {
    "documents_kept": r"(keep|kept|hold|held|take care of|looks? after)[^.]{0,40}(passport|document"
                      r"|papers|\bID\b)|(passport|document)s?.{0,20}(are|is) (kept|held)",
    "travel_housing": r"(hotel|housing|accommodation|flight|visa|transport).{0,30}(covered|provided"
                      r"|arranged|free|on site)|free (flight|travel|housing)",
    "high_pay": r"\$\s?1,?[5-9]\d\d\s?-\s?\$?\s?2,?\d{3}\s(every|a|per) week|\$4,000",
    "no_experience": r"no experience",
    "app_only": r"text only|chatappx|no calls",
    "age_appearance": r"\b1[89]\s?-\s?2\d\b|photo|young (women|men)",
    "urgency": r"start (now|immediately|this week|monday)|limited (spots|places|openings)"
               r"|spaces are limited|places fill fast",
    "fee": r"(?<!no )\bfees?\b|\bdeposit\b",
}
WORD = r"[a-z0-9']+"
MONTH = "2025-04"  # the month RC-4's near-duplicate groups are drawn from


def shingles(text: str, k: int = 3) -> set[str]:
    words = re.findall(WORD, text.lower())
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def near_duplicates(texts: pd.Series, threshold: float = 0.5, k: int = 3) -> set:
    sets = {ad: shingles(t, k) for ad, t in texts.items()}
    pairs = set()
    for a, b in combinations(sorted(sets), 2):
        union = sets[a] | sets[b]
        if union and len(sets[a] & sets[b]) / len(union) >= threshold:
            pairs.add((a, b))
    return pairs


def contact_groups(truth: pd.DataFrame, extra: dict[str, str] | None = None) -> dict[str, int]:
    g = nx.Graph()
    for ad, contacts in zip(truth["ad_id"], truth["contacts"], strict=True):
        g.add_node(ad)
        for c in filter(None, contacts.split(";")):
            g.add_edge(ad, "c:" + c)
    for ad, value in (extra or {}).items():
        g.add_edge(ad, "r:" + value)
    return {n: i for i, comp in enumerate(nx.connected_components(g)) for n in comp}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", action="store_true",
                        help="also time the all-pairs near-duplicate search on every ad (about "
                             "half a minute at 3,900 ads)")
    args = parser.parse_args()
    ads = pd.read_csv(DATA / "ads.csv")
    companies = pd.read_csv(DATA / "companies.csv")
    reviews = pd.read_csv(DATA / "ad_reviews.csv")
    truth = pd.read_csv(TRUTH / "recruitment_ads.csv", keep_default_na=False)
    op = dict(zip(truth["ad_id"], truth["op_id"], strict=True))
    planted = ads["ad_id"].map(op).ne("").to_numpy()
    print(f"base rate: {planted.sum()} of {len(ads)} ads planted ({planted.mean():.1%})")

    # item 1: contact linking under-links one operation; a second signal joins it
    groups = contact_groups(truth)
    regs = dict(zip(ads["ad_id"], ads["employer_reg_id"], strict=True))
    joined = contact_groups(truth, {a: r for a, r in regs.items() if isinstance(r, str)})
    for op_id in sorted(set(op.values()) - {""}):
        mine = [a for a, o in op.items() if o == op_id]
        sizes = pd.Series([groups[a] for a in mine]).value_counts().tolist()
        print(f"{op_id}: {len(mine)} ads in {len(sizes)} contact group(s) {sizes}; with "
              f"registration numbers as nodes: {len({joined[a] for a in mine})}")
    # RC-4 runs on one month of ads (April 2025), as the notebook does
    bodies = ads[ads["posted_at"].str.startswith(MONTH)].set_index("ad_id")["body"]
    started = time.perf_counter()
    pairs = near_duplicates(bodies)
    seconds = time.perf_counter() - started
    alike = list(nx.connected_components(nx.Graph(list(pairs))))
    sizes = pd.Series([len(c) for c in alike])
    strong = {a for a, o in op.items() if o} & set(bodies.index)
    print(f"near-duplicates (0.5, k=3) on {MONTH}'s {len(bodies)} ads: {len(pairs):,} pairs, "
          f"{len(alike)} groups of 2 to {sizes.max()} ads ({(sizes >= 10).sum()} of 10 or more), "
          f"{sum(1 for c in alike if not c & strong)} without a planted ad; {seconds:.2f} s here")
    for comp in alike:
        ops = {op[a] for a in comp} - {""}
        spans = len({groups[a] for a in comp})
        if ops or spans > 1:
            print(f"  text group of {len(comp)} ads, operations {sorted(ops) or 'none'}, "
                  f"{spans} contact group(s)")
    if args.timing:
        every = ads.set_index("ad_id")["body"]
        started = time.perf_counter()
        everywhere = near_duplicates(every)
        groups_all = list(nx.connected_components(nx.Graph(list(everywhere))))
        print(f"  the same search on all {len(every)} ads: {len(everywhere):,} pairs, "
              f"{len(groups_all)} groups, {time.perf_counter() - started:.1f} s")

    # the largest contact groups and the recycled number
    sizes = pd.Series(groups).loc[ads["ad_id"]].value_counts()
    print("largest contact groups (ads):", sizes.head(5).tolist(), "of", len(sizes), "groups")
    recycled = truth[truth["hard_negative"] == "decoy_recycled_number"]
    if len(recycled):
        number = set.intersection(*(set(c.split(";")) for c in recycled["contacts"]))
        on = truth[truth["contacts"].apply(lambda c: bool(number & set(c.split(";"))))]
        dates = ads.set_index("ad_id").loc[on["ad_id"], "posted_at"].sort_values()
        gap = pd.to_datetime(dates).diff().max()
        print(f"recycled number {sorted(number)}: {len(recycled)} lawful ads, longest silence "
              f"{gap.days} days")

    # item 4: the registry anti-join
    given = ads.dropna(subset=["employer_reg_id"])
    checked = given.merge(companies[["reg_id", "status"]], left_on="employer_reg_id",
                          right_on="reg_id", how="left")
    checked["registry"] = checked["status"].fillna("not in registry")
    checked["op"] = checked["ad_id"].map(op).replace("", "lawful")
    print(f"registration given in {len(given)} ads:")
    print(checked.groupby(["registry", "op"]).size().to_string())

    # items 2 and 3: the score against the ground truth and the review, and high_pay
    text = ads["title"] + " " + ads["body"]
    hits = {name: text.str.contains(rule, case=False).to_numpy() for name, rule in RULES.items()}
    scores = sum(h.astype(int) for h in hits.values())
    for name, h in hits.items():
        print(f"rule {name}: {h.sum()} ads, precision against the ground truth "
              f"{(h & planted).sum() / max(h.sum(), 1):.2f}")
    judged = reviews[reviews["finding"] != "inconclusive"]
    linked = judged["finding"].eq("linked_to_investigation").to_numpy()
    by_ad = pd.Series(scores, index=ads["ad_id"])
    js = by_ad.reindex(judged["ad_id"]).to_numpy()
    print(f"review: {len(judged)} judged, {linked.sum()} linked, {(~linked).sum()} cleared; "
          f"flagging nothing is {1 - linked.mean():.0%} accurate")
    posted = pd.to_datetime(ads["posted_at"])
    weeks = (posted.max() - posted.min()).days / 7
    for t in range(1, int(scores.max()) + 1):
        f = scores >= t
        tp, fp = (f & planted).sum(), (f & ~planted).sum()
        rf = js >= t
        rp = (rf & linked).sum() / max(rf.sum(), 1)
        print(f"threshold {t}: flags {f.sum()} ({f.sum() / weeks:.1f} a week); ground truth "
              f"P {tp / max(tp + fp, 1):.2f} R {tp / planted.sum():.2f}, false positives {fp}; "
              f"review P {rp:.2f} ({(rf & linked).sum()}/{rf.sum()}) "
              f"R {(rf & linked).sum() / linked.sum():.2f}")
        tpr, fpr = tp / planted.sum(), fp / (~planted).sum()
        bound = fpr if fp else 3 / (~planted).sum()
        at = [share * tpr / (share * tpr + (1 - share) * bound) for share in (0.048, 0.01, 0.001)]
        print(f"    precision on boards with 4.8 % / 1 % / 0.1 % deceptive ads (ground-truth rates"
              f"{'' if fp else ', rule of three'}): " + " / ".join(f"{p:.2f}" for p in at))

    # the review itself: who was reviewed, the wrong links, and what each threshold misses
    kind = truth.set_index("ad_id")["hard_negative"]
    reviewed = reviews["ad_id"].map(op).ne("")
    print(f"reviewed: {reviewed.sum()} of {planted.sum()} planted ads, {(~reviewed).sum()} of "
          f"{(~planted).sum()} lawful ones")
    cleared = ~linked
    for t in (2, 3, 4):
        rf = js >= t
        hits, alarms = (rf & linked).sum(), (rf & cleared).sum()
        recall, fpr = hits / linked.sum(), (alarms if alarms else 3) / cleared.sum()
        at = [s * recall / (s * recall + (1 - s) * fpr) for s in (0.048, 0.01, 0.001)]
        print(f"rates table at {t}: {hits} of {linked.sum()} linked, {alarms} of {cleared.sum()} "
              "cleared flagged; precision at 4.8 % / 1 % / 0.1 %: "
              + " / ".join(f"{p:.3f}" for p in at))
    titles = ads.set_index("ad_id")["title"]
    for t in (3, 4):
        for label, mask in (("linked ads missed", linked & (js < t)),
                            ("cleared ads flagged", cleared & (js >= t))):
            rows = judged[mask]
            print(f"threshold {t}, {label}: {len(rows)}")
            for ad, score in zip(rows["ad_id"], js[mask], strict=True):
                who = op[ad] or f"lawful ({kind[ad]})"
                print(f"    {ad} score {score} {who}: {titles[ad]}")


if __name__ == "__main__":
    main()
