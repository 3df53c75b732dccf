# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -lines_to_next_cell
#     formats: source///ipynb,lessons///py:percent
#     notebook_metadata_filter: -jupytext.text_representation
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The integrated case: one operation across bank, chain, ads and services
#
# *Assignment 05, the capstone. About 4 hours for someone new to Python, including the
# exercises. Part of the course "Following the data trail: data skills for human-trafficking
# investigators". Academies use it as the course's practical exam.*
#
# > **Content note.** This notebook joins the records of one fictional trafficking case: the
# > bank accounts of people who were exploited and of the people who controlled them, online job
# > and massage ads, a cryptocurrency exchange's records and the victim-service records of the
# > people the case affected. Nothing is described in explicit detail; exploitation is named in
# > general terms only. Every person, account, phone, ad and record is **synthetic**.
# >
# > **You can stop.** If any of it touches your own life or work, you may pause and come back
# > later without explaining why. Your agency's or academy's employee assistance program (EAP),
# > a peer support officer or your instructor can help; in the United States, call or text
# > **988** at any hour.
#
# **Start here:** click on the first gray code cell below and press **Shift + Enter**.
#
# ## Questions
#
# - How do I join bank records, an exchange's return, ads and service records into one picture,
#   and say how sure each link is? What would one wrong link drag in?
# - Does the money follow the people, and where did it leave?
# - What can I tell a prosecutor and a victim-service partner, in numbers that protect people?
#
# ## Objectives
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | CP-1 | the bank's exports, an exchange's KYC return, the ad site's coin payments, scraped ads and the partner's service records | link them into one case graph with a source and a confidence on every edge, set aside a recycled phone number, keep out records without consent, measure what one wrong link pulls in, list the subject leads and check the rule against the earlier conclusions | the tests of six functions pass | 137 min |
# | CP-2 | the same sources, with local and UTC times | put the events on one UTC timeline with a plot, test that hotel spend follows the ads' cities, match the cash-outs to the bank's credits | the tests of two functions pass | 48 min |
# | CP-3 | your figures | publish people counts that pass the small-cell rule; write a law-enforcement briefing and a separate referral note for the partner | the tests pass; at least 6 of 9 rubric points | 54 min |
#
# ## How this notebook is graded (a practical exam)
#
# Less help than before: short worked examples, and pointers to the module that taught a method
# instead of a second lesson on it. `phones_in` and `emails_in` from module 03 are imported for
# you. Each autograded exercise is a **function**; its test cell checks it on tiny tables, and more
# checks, with the full data, run at grading. Tables given to your functions must stay unchanged.
# The written products at the end are graded against a rubric.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the four datasets.
# %matplotlib inline
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from recruitment_tools import emails_in, phones_in  # 03's tools, yours to reuse

plt.style.use("tableau-colorblind10")               # color-blind-safe colors
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]

AS_OF = pd.Timestamp("2025-07-15")    # the briefing: after the exchange's return came in
COORDINATION = "case coordination with law enforcement"

customers = pd.read_csv("data/bank/customers.csv", dtype={"phone": str})
parties = pd.read_csv("data/bank/account_parties.csv")
tx = pd.read_csv("data/bank/transactions.csv", dtype={"mcc": str})
cases = pd.read_csv("data/bank/confirmed_cases.csv")
kyc = pd.read_csv("data/chain/legal_return_kyc.csv", dtype=str)
activity = pd.read_csv("data/chain/legal_return_activity.csv")
ads = pd.read_csv("data/recruitment/ads.csv")
records = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
# This case: the one the task force opened most records for in June 2025.
CASE_NUMBER = records.loc[records["opened"] >= "2025-06-01", "case_number"].mode()[0]

print(f"Ready: {len(customers)} bank customers, {len(tx):,} transactions, {len(ads):,} ads, "
      f"{len(kyc)} KYC return, {len(records)} service-partner records; case {CASE_NUMBER}.")

# %% [markdown]
# ## CP-1 One case graph from four sources (137 min)
#
# Modules 01 to 04 each followed one trail; a task force joins them into one **case graph** of
# ads, phones, customers, accounts, the exchange's customer and service records. A link is a
# claim: write its **source** (which record says so) and a **confidence** (the weight it can bear,
# 0 to 1: a heuristic weight from a written rule, not a probability) on every edge.
#
# ### Ads to phones to customers (modules 03 and 01b, folded)
#
# The folded cell lists each ad's phones (`ad_phones`, with `phones_in`) and links each phone to
# the bank customers who gave it (`phone_links`), with confidence 1 divided by the number of such
# customers: a crew's shared phone is a weak link.

# %% jupyter={"source_hidden": true}
ad_phones = pd.DataFrame(
    [(ad_id, phone) for ad_id, line in zip(ads["ad_id"], ads["contact_raw"])
     for phone in sorted(phones_in(line))],
    columns=["ad_id", "phone"])
holders = customers.loc[customers["phone"].isin(ad_phones["phone"]), ["phone", "customer_id"]]
holders = holders.drop_duplicates()
phone_links = pd.DataFrame({"a": holders["phone"], "b": holders["customer_id"],
                            "source": "customers.csv phone",
                            "confidence": 1 / holders.groupby("phone")["customer_id"].transform("nunique")})
print(f"{len(ad_phones):,} ad-phone rows; {len(phone_links)} phone-customer links.")

# %% [markdown]
# ### A number changes hands
#
# Numbers are given up and reissued: an ad listing an operation's old number months later may be
# someone else's. The folded cell builds `dated`: each ad's phones with its time, and whether it
# lists no other contact.

# %% jupyter={"source_hidden": true}
dated = ad_phones.merge(ads[["ad_id", "posted_at", "contact_raw"]], on="ad_id")
dated = dated.assign(ts=pd.to_datetime(dated["posted_at"], utc=True),
                     only_phone=dated["contact_raw"].map(
                         lambda line: len(phones_in(line)) == 1 and not emails_in(line)
                         and "demo_" not in line))[["ad_id", "phone", "ts", "only_phone"]]
dated.head(3)

# %% [markdown]
# ### Exercise CP-1.1 (2 points): `recycled`
#
# Write `recycled(dated, gap_days=60)`. `dated` has the columns `ad_id`, `phone`, `ts` (UTC
# times) and `only_phone` (True when the ad lists no other contact), in any row order. For each
# phone, take its ads in time order and find the first **gap of more than `gap_days` days**
# between two of them (exactly `gap_days` is not more). Return the **set of `ad_id`s** that
# come after that gap (the first ad after it and every later one of that phone) **and** list
# only that phone. Do not change `dated`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp1_recycled", "schema_version": 3}
def recycled(dated, gap_days=60):
    """Return the ad_ids that list only a phone, after that phone's first long gap."""
    ### BEGIN SOLUTION
    ordered = dated.sort_values("ts")
    gap = ordered.groupby("phone")["ts"].diff() > pd.Timedelta(days=gap_days)
    after = gap.groupby(ordered["phone"]).cumsum() > 0
    return set(ordered.loc[after & ordered["only_phone"], "ad_id"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "cp1_recycled_tests", "schema_version": 3}
def _check_cp1_recycled():
    """Check recycled: per phone, after the first gap of more than gap_days, phone-only ads."""
    import pandas as pd
    from course_checks import ids_of, unchanged

    t = lambda text: pd.Timestamp(text, tz="UTC")  # noqa: E731
    tiny = pd.DataFrame({
        "ad_id": ["A4", "B2", "A1", "A3", "B1", "A5", "B3", "A2"],
        "phone": ["P1", "P2", "P1", "P1", "P2", "P1", "P2", "P1"],
        "ts": [t("2025-03-25"), t("2025-03-02"), t("2025-01-01"), t("2025-03-20"),
               t("2025-01-01"), t("2025-04-01"), t("2025-05-02"), t("2025-01-10")],
        "only_phone": [True, True, True, True, True, False, True, True]},
        index=[17, 3, 12, 5, 9, 0, 21, 8])
    before = tiny.copy()
    got = ids_of(recycled(tiny), "recycled(tiny)", "ad ids")
    unchanged(before, tiny, "recycled(dated)")
    assert "A3" in got and "A4" in got, (
        "P1's ads on Jan 10 and Mar 20 are 69 days apart: A3 (the first after the gap) and A4 "
        f"(later, same phone, phone only) should be returned; got {sorted(got)}. Put each "
        "phone's ads in time order first: the rows are not.")
    assert "A5" not in got, f"A5 lists another contact (only_phone False); got {sorted(got)}."
    assert "B2" not in got and "B3" in got, (
        "P2: Jan 1 to Mar 2 is exactly 60 days, not more; Mar 2 to May 2 is 61: only B3; got "
        f"{sorted(got)}.")
    assert not got & {"A1", "A2", "B1"}, f"Ads before any gap stay; got {sorted(got)}."
    assert ids_of(recycled(tiny, gap_days=70), "recycled(tiny, gap_days=70)", "ad ids") == set(), (
        "With gap_days=70 no gap is long enough: nothing is returned.")
    print("Visible tests passed: per phone, in time order, after the first long gap.")
    ### BEGIN HIDDEN TESTS
    rows = [(ad_id, phone, ts, len(phones_in(line)) == 1 and not emails_in(line)
             and "demo_" not in line)
            for ad_id, line, ts in zip(ads["ad_id"], ads["contact_raw"],
                                       pd.to_datetime(ads["posted_at"], utc=True))
            for phone in phones_in(line)]
    full = pd.DataFrame(rows, columns=["ad_id", "phone", "ts", "only_phone"])
    want = set()
    for _, group in full.sort_values("ts").groupby("phone"):
        times, long = list(group["ts"]), False
        for i, (ad_id, only) in enumerate(zip(group["ad_id"], group["only_phone"])):
            long = long or (i > 0 and times[i] - times[i - 1] > pd.Timedelta(days=60))
            if long and only:
                want.add(ad_id)
    got = ids_of(recycled(full), "recycled on the full data", "ad ids")
    assert got == want, (f"On all ads, expected {len(want)} ads; got {len(got)} "
                         f"({sorted(want - got)[:3]} missing, {sorted(got - want)[:3]} extra).")
    ### END HIDDEN TESTS


_check_cp1_recycled()
del _check_cp1_recycled

# %% [markdown]
# ### Exercise CP-1.2 (3 points): `kyc_links`
#
# The exchange's return (`kyc`, one row per exchange customer) and its activity log (`activity`,
# a `device_id` per login) name a person. Which bank customer? One identifier can be shared; four
# that agree are strong. Write `kyc_links(kyc, activity, customers, parties)` that compares each
# exchange customer (`customer_ref`) with every bank customer on four identifiers:
#
# 1. **phone**: `kyc["phone"]` equals the customer's `phone`;
# 2. **email**: the e-mails are equal ignoring upper and lower case;
# 3. **name and birth year**: `full_name` equals `name` **and** the year of `date_of_birth`
#    equals `birth_year`;
# 4. **device**: a `device_id` in `activity` for that `customer_ref` is a `device_id` of the
#    customer in `parties`. (A simplification: here the bank and the exchange share device IDs;
#    in practice you would compare IP addresses and login times, and confirm with the providers.)
#
# Return a table with one row per exchange customer and bank customer that agree on **at least
# one** identifier: `a` the `customer_ref`, `b` the `customer_id`, `source` the text
# `"legal_return_kyc.csv"`, `confidence` the **number of identifiers that agree divided by 4**.
# Do not change the tables.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp1_kyc_links", "schema_version": 3}
def kyc_links(kyc, activity, customers, parties):
    """Return links from exchange customers to bank customers, confidence = share of 4 matches."""
    ### BEGIN SOLUTION
    found = []
    for _, p in kyc.iterrows():
        devices = activity.loc[activity["customer_ref"] == p["customer_ref"], "device_id"]
        on_device = parties.loc[parties["device_id"].isin(devices.dropna()), "customer_id"]
        agree = ((customers["phone"] == p["phone"]).astype(int)
                 + (customers["email"].str.lower() == str(p["email"]).lower())
                 + ((customers["name"] == p["full_name"])
                    & (customers["birth_year"] == pd.Timestamp(p["date_of_birth"]).year))
                 + customers["customer_id"].isin(on_device))
        found.append(pd.DataFrame({"a": p["customer_ref"], "b": customers["customer_id"],
                                   "source": "legal_return_kyc.csv", "confidence": agree / 4}))
    links = pd.concat(found, ignore_index=True)
    return links[links["confidence"] > 0]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "cp1_kyc_links_tests", "schema_version": 3}
def _check_cp1_kyc_links():
    """Check kyc_links: four identifiers, each counted once, confidence = agreeing / 4."""
    import pandas as pd
    from course_checks import table_of, unchanged

    tiny_kyc = pd.DataFrame({"customer_ref": ["X1"], "full_name": ["Ana Vel"],
                             "date_of_birth": ["1990-05-02"], "phone": ["316-555-0111"],
                             "email": ["Ana.Vel@Example.org"]}, index=[5])
    tiny_activity = pd.DataFrame({"customer_ref": ["X1", "X1", "X2"],
                                  "device_id": ["D1", None, "D9"]}, index=[4, 5, 6])
    tiny_customers = pd.DataFrame({
        "customer_id": ["C1", "C2", "C3", "C4", "C5", "C6"],
        "name": ["Ana Vel", "Ana Vel", "Bo Lin", "Cy Orr", "Di Ash", "Ed Ko"],
        "birth_year": [1990, 1991, 1980, 1970, 1990, 1960],
        "phone": ["316-555-0111", "620-555-0112", "316-555-0111", "620-555-0113",
                  "620-555-0114", "620-555-0115"],
        "email": ["ANA.VEL@example.org", None, "bo@example.org", "cy@example.org",
                  "di@example.org", "ed@example.org"]}, index=[9, 8, 7, 6, 5, 4])
    tiny_parties = pd.DataFrame({"account_id": ["K1", "K4", "K5", "K6"],
                                 "customer_id": ["C1", "C4", "C5", "C6"],
                                 "device_id": ["D1", "D1", None, "D9"]})
    before = [t.copy() for t in (tiny_kyc, tiny_activity, tiny_customers, tiny_parties)]
    call = "kyc_links(tiny_kyc, tiny_activity, tiny_customers, tiny_parties)"
    got = table_of(kyc_links(tiny_kyc, tiny_activity, tiny_customers, tiny_parties), call)
    for b, t in zip(before, (tiny_kyc, tiny_activity, tiny_customers, tiny_parties)):
        unchanged(b, t, "kyc_links(...)")
    for column in ("a", "b", "source", "confidence"):
        assert column in got.columns, f"kyc_links should return a column {column!r}."
    conf = {b: c for a, b, c in zip(got["a"], got["b"], got["confidence"])}
    assert set(conf) == {"C1", "C3", "C4"}, (
        f"{call}: expected links to C1 (all four agree), C3 (same phone) and C4 (same device); "
        f"got {sorted(conf)}. C2 has the name but another birth year, C5 the birth year but another "
        "name: no link. C6's device belongs to another exchange customer.")
    assert abs(conf["C1"] - 1.0) < 1e-9, (
        f"C1 agrees on phone, e-mail (ignoring case), name with birth year and device: 4/4 = 1; "
        f"got {conf['C1']}.")
    assert abs(conf["C3"] - 0.25) < 1e-9 and abs(conf["C4"] - 0.25) < 1e-9, (
        f"C3 (phone only) and C4 (device only) should each have 1/4 = 0.25; got {conf}.")
    assert set(got["a"]) == {"X1"} and set(got["source"]) == {"legal_return_kyc.csv"}, (
        "a should be the exchange's customer_ref and source the text 'legal_return_kyc.csv'.")
    print("Visible tests passed: four identifiers, each counted once.")
    ### BEGIN HIDDEN TESTS
    second = pd.DataFrame({"customer_ref": ["X1", "X2"], "full_name": ["Ana Vel", "Ed Ko"],
                           "date_of_birth": ["1990-05-02", "1960-01-01"],
                           "phone": ["316-555-0111", "999"], "email": ["x@example.org", "y"]})
    got = kyc_links(second, tiny_activity, tiny_customers, tiny_parties)
    conf = {(a, b): c for a, b, c in zip(got["a"], got["b"], got["confidence"])}
    assert conf == {("X1", "C1"): 0.75, ("X1", "C3"): 0.25, ("X1", "C4"): 0.25,
                    ("X2", "C6"): 0.5}, f"With two exchange customers, got {conf}."
    full = kyc_links(kyc, activity, customers, parties)
    top = full.sort_values("confidence").iloc[-1]
    phone_owner = set(customers.loc[customers["phone"] == kyc["phone"].iloc[0], "customer_id"])
    assert top["b"] in phone_owner and top["confidence"] == 1.0, (
        "On the full data, the strongest link should agree on all four identifiers.")
    ### END HIDDEN TESTS


_check_cp1_kyc_links()
del _check_cp1_kyc_links

# %% [markdown]
# ### Consent decides which records may join
#
# The service partner's records are the **partner's**: its data steward decides what leaves its
# system, and the task force receives only the records whose consent covers the sharing, plus a
# table of counts the partner computes itself (CP-3). Here you write the steward's rule, as in
# module 04 (DE-2); `records` stands for the partner's system. A record in an investigator's graph
# can be subpoenaed, disclosed to the defense and read aloud in court.
#
# ### Exercise CP-1.3 (3 points): `allowed_records`
#
# Write `allowed_records(records, case_number, on)` returning the **set of `record_id`s** that
# may join the graph: `record_type` is `"service"`, `case_number` is `case_number`,
# `consent_le_share` is True, `consent_scope` is exactly `COORDINATION`, `consent_date` is on or
# before `on` and `consent_expiry` on or after `on` (both days count), and the person was at
# least 18 on `consent_date` (`dob` plus 18 years is on or before `consent_date`). Do not change
# `records`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp1_consent", "schema_version": 3}
def allowed_records(records, case_number, on):
    """Return the set of record_ids whose consent lets them join the case graph on `on`."""
    ### BEGIN SOLUTION
    signed = pd.to_datetime(records["consent_date"])
    adult = pd.to_datetime(records["dob"]) + pd.DateOffset(years=18)
    keep = ((records["record_type"] == "service") & (records["case_number"] == case_number)
            & (records["consent_le_share"] == True)  # noqa: E712 (a missing value is no consent)
            & (records["consent_scope"] == COORDINATION) & (signed <= on)
            & (pd.to_datetime(records["consent_expiry"]) >= on) & (adult <= signed))
    return set(records.loc[keep, "record_id"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "cp1_consent_tests", "schema_version": 3}
def _check_cp1_consent():
    """Check allowed_records: case, service, consent scope, in force, adult at signing."""
    import pandas as pd
    from course_checks import ids_of, unchanged

    ok = dict(record_type="service", case_number="TF-1", consent_le_share=True,
              consent_scope=COORDINATION, consent_date="2025-06-01",
              consent_expiry="2026-06-01", dob="1990-01-01")
    rows = {
        "R1": {},                                                   # allowed
        "R2": {"case_number": "TF-2"},                              # another case
        "R3": {"record_type": "investigative"},                     # not a service record
        "R4": {"consent_le_share": False},                          # no consent
        "R5": {"consent_scope": "referral only"},                   # scope too narrow
        "R6": {"consent_scope": "limited: name and contact only"},  # scope too narrow
        "R7": {"consent_date": "2025-06-30"},                       # signed on the day: counts
        "R8": {"consent_date": "2025-07-01"},                       # signed after the day
        "R9": {"consent_expiry": "2025-06-30"},                     # last day: counts
        "R10": {"consent_expiry": "2025-06-29"},                    # expired the day before
        "R11": {"dob": "2007-06-01"},                               # 18 on the day signed
        "R12": {"dob": "2007-06-02"},                               # 17 when signed
        "R13": {"consent_le_share": None, "consent_scope": None, "consent_date": None,
                "consent_expiry": None},                            # nothing recorded
    }
    tiny = pd.DataFrame([{"record_id": rid, **ok, **over} for rid, over in rows.items()],
                        index=range(40, 53))
    before = tiny.copy()
    call = "allowed_records(tiny, 'TF-1', pd.Timestamp('2025-06-30'))"
    got = ids_of(allowed_records(tiny, "TF-1", pd.Timestamp("2025-06-30")), call, "record ids")
    unchanged(before, tiny, "allowed_records(records, ...)")
    reasons = {"R2": "another case", "R3": "not a service record", "R4": "no consent",
               "R5": "consent to a referral only", "R6": "consent to name and contact only",
               "R8": "consent signed after the day", "R10": "consent expired the day before",
               "R12": "signed at 17", "R13": "no consent recorded"}
    wrong = sorted(got & set(reasons))
    assert not wrong, (f"{call} let in {wrong}: " + "; ".join(f"{r} has {reasons[r]}"
                                                              for r in wrong) + ".")
    missing = sorted({"R1", "R7", "R9", "R11"} - got)
    assert not missing, (
        f"{call} left out {missing}: a consent signed on the day, ending on the day or signed "
        "on the 18th birthday is in force.")
    print("Visible tests passed: only records whose consent covers case coordination join.")
    ### BEGIN HIDDEN TESTS
    full = allowed_records(records, CASE_NUMBER, AS_OF)
    case = records[records["case_number"] == CASE_NUMBER]
    want = {rid for rid, scope, d, e, b in zip(case["record_id"], case["consent_scope"],
                                               case["consent_date"], case["consent_expiry"],
                                               case["dob"])
            if scope == COORDINATION and str(d) <= str(AS_OF.date()) <= str(e)
            and pd.Timestamp(b) + pd.DateOffset(years=18) <= pd.Timestamp(d)}
    assert set(full) == want and len(want) >= 1, (
        f"On the case's records, expected {sorted(want)}; got {sorted(full)}.")
    ### END HIDDEN TESTS


_check_cp1_consent()
del _check_cp1_consent

# %% [markdown]
# ### The bank's links (module 01b, folded)
#
# The folded cell links accounts to customers (`parties`) and payer to payee (`transfers`).

# %% jupyter={"source_hidden": true}
account_links = pd.DataFrame({"a": parties["customer_id"], "b": parties["account_id"],
                              "source": "account_parties.csv " + parties["role"],
                              "confidence": 1.0})
moved = tx[tx["counterparty_account_id"].notna() & (tx["direction"] == "debit")]
transfers = (moved.groupby(["account_id", "counterparty_account_id"]).size()
             .rename("payments").reset_index()
             .rename(columns={"account_id": "payer", "counterparty_account_id": "payee"}))
money_links = pd.DataFrame({"a": transfers["payer"], "b": transfers["payee"],
                            "source": "transactions.csv transfer", "confidence": 1.0})
print(f"{len(account_links)} account-holder links, {len(transfers)} payer-payee pairs.")

# %% [markdown]
# ### Ad payments on the chain (module 02, folded)
#
# The cell below repeats module 02's method (BC-6, BC-7): the site's deposit addresses, each ad
# linked to the one payment of its price made at most 24 hours before it went up, the payers by
# common-input ownership (0.75), and each payment to the **site's own wallet** (0.1: true, but a
# service shared by every advertiser). Run it; open it to review the method.

# %% jupyter={"source_hidden": true}
chain_tx = pd.read_csv("data/chain/transactions.csv")
chain_in = pd.read_csv("data/chain/inputs.csv")
chain_out = pd.read_csv("data/chain/outputs.csv")
tags = pd.read_csv("data/chain/address_tags.csv")
listings = pd.read_csv("data/chain/ad_listings.csv")
site_wallet = tags.loc[(tags["category"] == "ad_site") & tags["is_cluster_definer"], "address"].iloc[0]
spends = chain_in.merge(chain_out[["txid", "vout", "address"]], suffixes=("", "_spent"),
                        left_on=["prev_txid", "prev_vout"], right_on=["txid", "vout"])
sweeps = set(chain_out.loc[chain_out["address"] == site_wallet, "txid"])
deposits = set(spends.loc[spends["txid"].isin(sweeps), "address"]) - {site_wallet}
paid = chain_out[chain_out["address"].isin(deposits)].merge(chain_tx[["txid", "first_seen"]])
fits = listings.merge(paid, left_on="price_sat", right_on="value_sat")
posted, seen = pd.to_datetime(fits["posted_at"], utc=True), pd.to_datetime(fits["first_seen"], utc=True)
fits = fits[(seen <= posted) & (seen >= posted - pd.Timedelta(hours=24))]
fits = fits[~fits["ad_id"].duplicated(keep=False) & ~fits["txid"].duplicated(keep=False)]
payers = spends[spends["txid"].isin(fits["txid"])]
chain_links = pd.concat([
    pd.DataFrame({"a": fits["ad_id"], "b": fits["txid"], "confidence": 1.0,
                  "source": "ad_listings.csv + outputs.csv (price, 24 h before, one fit)"}),
    pd.DataFrame({"a": payers["txid"], "b": payers["address"], "confidence": 0.75,
                  "source": "inputs.csv (common-input ownership)"}),
    pd.DataFrame({"a": fits["txid"], "b": site_wallet, "confidence": 0.1,
                  "source": "address_tags.csv + sweeps (the site's own wallet)"}),
])
print(f"{len(fits)} of {len(listings)} listings linked to one payment each, "
      f"paid from {payers['address'].nunique()} addresses.")

# %% [markdown]
# ### Worked example: the case graph
#
# The ad-phone links, down-weighted to 0.25 after a long gap (your `recycled`); each allowed
# record to the bank customer with the same name and birth year (0.5 alone: enough to follow, not
# to rely on); then one undirected edge per pair of nodes, keeping the claim with the highest
# confidence (added last, it overwrites the weaker ones):

# %%
ad_links = ad_phones.rename(columns={"ad_id": "a", "phone": "b"}).assign(
    source="ads.csv contact_raw", confidence=1.0)
later = ad_links["a"].isin(recycled(dated))
ad_links.loc[later, ["source", "confidence"]] = ["ads.csv contact_raw, after a 60-day gap", 0.25]
allowed = records[records["record_id"].isin(allowed_records(records, CASE_NUMBER, AS_OF))]
allowed = allowed.assign(birth_year=pd.to_datetime(allowed["dob"]).dt.year)
named = allowed.merge(customers, left_on=["full_name", "birth_year"],
                      right_on=["name", "birth_year"])
record_links = pd.DataFrame({"a": named["record_id"], "b": named["customer_id"],
                             "source": "records.csv (consent: case coordination)",
                             "confidence": 0.5})


def case_graph(links):
    graph = nx.Graph()
    for row in links.sort_values("confidence", kind="stable").itertuples():
        graph.add_edge(row.a, row.b, source=row.source, confidence=row.confidence)
    return graph


links = pd.concat([ad_links, phone_links,
                   kyc_links(kyc, activity, customers, parties), account_links, money_links,
                   record_links, chain_links], ignore_index=True)
graph = case_graph(links)
START = kyc["customer_ref"].iloc[0]                  # where module 02's trail ended
component = nx.node_connected_component(graph, START)
strong = graph.edge_subgraph([(a, b) for a, b, c in graph.edges(data="confidence") if c >= 0.5])
case_nodes = nx.node_connected_component(strong, START)   # the case: strong links only
print(f"The case graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
      f"{len(component):,} nodes are connected to {START}, {len(case_nodes)} through links of "
      "confidence 0.5 or more.")

# %% [markdown]
# ### Exercise CP-1.4 (2 points): `pulled_in`
#
# Every node connected to the start is "in the case". A single wrong link can pull a whole
# family, a business or a stranger's ads in with it. Write `pulled_in(graph, start, edge)`:
# return the **set of nodes** that are connected to `start` now but **would not be** without the
# link `edge` (a pair of nodes). Do not change `graph` (work on a copy, or on a view).

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp1_pulled_in", "schema_version": 3}
def pulled_in(graph, start, edge):
    """Return the nodes connected to `start` only through `edge`."""
    ### BEGIN SOLUTION
    without = graph.copy()
    without.remove_edge(*edge)
    return nx.node_connected_component(graph, start) - nx.node_connected_component(without, start)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "cp1_pulled_in_tests", "schema_version": 3}
def _check_cp1_pulled_in():
    """Check pulled_in: the nodes only that edge connects, graph left as it was."""
    import networkx as nx
    from course_checks import ids_of

    g = nx.Graph([("S", "A"), ("A", "B"), ("B", "C"), ("C", "D"), ("S", "E"), ("E", "C"),
                  ("B", "F"), ("X", "Y")])
    edges_before, nodes_before = set(map(frozenset, g.edges)), set(g.nodes)
    got = ids_of(pulled_in(g, "S", ("B", "F")), "pulled_in(g, 'S', ('B', 'F'))", "nodes")
    assert set(map(frozenset, g.edges)) == edges_before and set(g.nodes) == nodes_before, (
        "pulled_in changed the graph it was given: remove the edge from a copy (graph.copy()).")
    assert got == {"F"}, (
        f"Without B-F, only F is cut off from S; got {sorted(got)}. Return the nodes that are "
        "no longer connected, not the whole component.")
    got = ids_of(pulled_in(g, "S", ("A", "B")), "pulled_in(g, 'S', ('A', 'B'))", "nodes")
    assert got == set(), (
        f"Without A-B, B is still reached through E and C: nothing is cut off; got {sorted(got)}.")
    print("Visible tests passed: only what the one link holds in, graph unchanged.")
    ### BEGIN HIDDEN TESTS
    got = set(pulled_in(g, "S", ("S", "A")))
    assert got == set(), f"Without S-A, A is still reached (S-E-C-B-A); got {sorted(got)}."
    line = nx.Graph([("S", "A"), ("A", "B"), ("B", "C")])
    assert set(pulled_in(line, "S", ("A", "B"))) == {"B", "C"}, "On a chain, all beyond the cut."
    assert set(pulled_in(line, "C", ("A", "B"))) == {"A", "S"}, "From the other end, S and A."
    ### END HIDDEN TESTS


_check_cp1_pulled_in()
del _check_cp1_pulled_in

# %% [markdown]
# What do the weak links hold in? All together (the site's wallet alone joins every advertiser),
# the recycled number set aside, then one at a time, the links inside the case that hold most in:

# %%
extra = component - case_nodes
print(f"Weak links pull in {len(extra):,} nodes, {sum(str(n).startswith('AD-') for n in extra)} ads.")
set_aside = ad_links[later & ad_links["b"].isin(case_nodes)]
print(f"Set aside (recycled number {sorted(set(set_aside['b']))}): {sorted(set_aside['a'])}.")
inside = graph.subgraph(case_nodes)
weak = [(a, b, data) for a, b, data in inside.edges(data=True) if data["confidence"] < 1]
print(f"{len(weak)} links inside the case have a confidence below 1; the ones that hold most in:")
held = sorted(((len(pulled_in(graph, START, (a, b))), a, b, data) for a, b, data in weak),
              key=lambda row: -row[0])
for size, a, b, data in held[:3]:
    print(f"  {a} - {b} ({data['source']}, confidence {data['confidence']:.2f}): {size} nodes")

# %% [markdown]
# ### Exercise CP-1.5 (3 points): `subject_list`
#
# Who are the **subjects**? Not everyone in the graph: most people in it are those whose accounts
# were used. Write `subject_list(graph, start, transfers, parties, min_confidence=0.5)`:
#
# 1. Keep only the edges with a confidence of **at least** `min_confidence`, and take the nodes
#    connected to `start` through them.
# 2. **Collecting accounts:** the accounts among those nodes that receive money (column `payee`
#    of `transfers`) from **two or more different** accounts (`payer`) that are also among them.
# 3. **Subjects:** every customer who holds a collecting account in any role, **and** every other
#    customer who holds an account together with one of them (a business they run through).
# 4. Leave out every customer linked in the graph to a service record (a node starting with
#    `REC-`): a person is not named a subject on the strength of activity their own
#    exploitation produced. (Only consented records are in the graph, so this protects few
#    people; the partner also checks the draft list for overlap, and any overlap goes to the
#    prosecutor and the victim specialist, not into the briefing.)
#
# Return the set of `customer_id`s. Do not change the inputs.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp1_subjects", "schema_version": 3}
def subject_list(graph, start, transfers, parties, min_confidence=0.5):
    """Return the customer_ids of the subjects reached from `start`."""
    ### BEGIN SOLUTION
    strong = nx.Graph()
    strong.add_nodes_from(graph)
    strong.add_edges_from((a, b) for a, b, c in graph.edges(data="confidence")
                          if c >= min_confidence)
    reached = nx.node_connected_component(strong, start)
    inner = transfers[transfers["payer"].isin(reached) & transfers["payee"].isin(reached)]
    payers = inner.groupby("payee")["payer"].nunique()
    collecting = set(payers[payers >= 2].index)
    holders = set(parties.loc[parties["account_id"].isin(collecting), "customer_id"])
    their_accounts = set(parties.loc[parties["customer_id"].isin(holders), "account_id"])
    subjects = set(parties.loc[parties["account_id"].isin(their_accounts), "customer_id"])
    in_services = {n for r in graph if str(r).startswith("REC-") for n in graph[r]}
    return subjects - in_services
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "cp1_subjects_tests", "schema_version": 3}
def _check_cp1_subjects():
    """Check subject_list: strong links, collecting accounts, co-holders, services left out."""
    import networkx as nx
    import pandas as pd
    from course_checks import ids_of, unchanged

    g = nx.Graph()
    edges = [("X", "C1", 1.0), ("C1", "K1", 1.0), ("K1", "K2", 1.0), ("K3", "K1", 1.0),
             ("C2", "K2", 1.0), ("C3", "K3", 1.0), ("C1", "KB", 1.0), ("B1", "KB", 1.0),
             ("K3", "K4", 1.0), ("C4", "K4", 1.0), ("REC-1", "C4", 0.5),
             ("C1", "K5", 0.25), ("K5", "K6", 1.0), ("K7", "K6", 1.0), ("C6", "K6", 1.0),
             ("K8", "K4", 0.5), ("K9", "K4", 1.0), ("C1", "K20", 0.5), ("C20", "K20", 1.0),
             ("C1", "K10", 0.25)]
    for a, b, c in edges:
        g.add_edge(a, b, source="test", confidence=c)
    tiny_transfers = pd.DataFrame({
        "payer": ["K2", "K3", "K5", "K7", "K1", "K9", "K8", "K8", "K2", "K8", "K1", "K2", "K2",
                  "K3", "K11", "K12"],
        "payee": ["K1", "K1", "K6", "K6", "K4", "K4", "K4", "K3", "K1", "K3", "K20", "K20",
                  "K10", "K10", "K2", "K2"]}, index=range(20, 36))
    tiny_parties = pd.DataFrame({
        "account_id": ["K1", "K2", "K3", "KB", "KB", "K4", "K5", "K6", "K8", "K9", "K20", "K10"],
        "customer_id": ["C1", "C2", "C3", "C1", "B1", "C4", "C5", "C6", "C8", "C9", "C20",
                        "C10"]}, index=range(40, 52))
    before_t, before_p = tiny_transfers.copy(), tiny_parties.copy()
    edges_before, nodes_before = g.number_of_edges(), g.number_of_nodes()
    call = "subject_list(g, 'X', tiny_transfers, tiny_parties)"
    got = ids_of(subject_list(g, "X", tiny_transfers, tiny_parties), call, "customer ids")
    unchanged(before_t, tiny_transfers, "subject_list(..., transfers, ...)")
    unchanged(before_p, tiny_parties, "subject_list(..., parties)")
    assert g.number_of_edges() == edges_before and g.number_of_nodes() == nodes_before, (
        "subject_list changed the graph it was given.")
    assert "C1" in got and "B1" in got, (
        f"{call}: K1 receives from K2 and K3, so its holder C1 is a subject, and B1, who holds "
        f"KB together with C1, too; got {sorted(got)}.")
    assert not got & {"C2", "C3"}, (
        f"{call}: C2 and C3 hold no collecting account: K2's payers K11 and K12 are not reached, "
        f"and K8 pays K3 twice, which is one payer; got {sorted(got)}.")
    assert "C10" not in got, (
        f"{call}: K10 is paid by K2 and K3, but K10 itself is reached only through a weak link: "
        f"both payer and payee must be reached; got {sorted(got)}.")
    assert "C20" in got, (
        f"{call}: K20 (paid by K1 and K2) is reached through a link of confidence exactly 0.5, "
        f"which counts (at least min_confidence): its holder C20 is a subject; got {sorted(got)}.")
    assert "C6" not in got, (
        f"{call}: K6 is reached only through a link of confidence 0.25, below min_confidence "
        f"0.5; got {sorted(got)}.")
    assert "C4" not in got, (
        f"{call}: K4 receives from two accounts, but C4 is linked to a service record (REC-1): "
        f"rule 4 keeps a person in services off the list; got {sorted(got)}.")
    assert got == {"C1", "B1", "C20"}, f"{call} should be C1, B1, C20; got {sorted(got)}."
    print("Visible tests passed: strong links only, collecting accounts, co-holders, "
          "no one in services.")
    ### BEGIN HIDDEN TESTS
    lower = ids_of(subject_list(g, "X", tiny_transfers, tiny_parties, min_confidence=0.25), "low", "ids")
    assert lower == {"C1", "B1", "C6", "C20", "C10"}, (
        f"With min_confidence=0.25, K6 and K10 join; got {sorted(lower)}.")
    k8_weak = nx.Graph(g)
    k8_weak.remove_edge("REC-1", "C4")
    got = set(subject_list(k8_weak, "X", tiny_transfers, tiny_parties))
    assert got == {"C1", "B1", "C4", "C20"}, (
        f"Without the service record, C4 (K4 receives from K1, K8 and K9) is a subject; got "
        f"{sorted(got)}.")
    k8_low = nx.Graph(k8_weak)
    k8_low.edges["K9", "K4"]["confidence"] = 0.4
    got = set(subject_list(k8_low, "X", tiny_transfers, tiny_parties))
    assert got == {"C1", "B1", "C4", "C20"}, (
        f"K4 still receives from K1 and K8, both reached; got {sorted(got)}.")
    k8_low.edges["K8", "K4"]["confidence"] = 0.4
    got = set(subject_list(k8_low, "X", tiny_transfers, tiny_parties))
    assert got == {"C1", "B1", "C20"}, (
        "K8 and K9 are reached only through weak links: K4 receives from K1 alone; got "
        f"{sorted(got)}.")
    # The full data, through a graph built here (bank links and the KYC phone only), so that an
    # unfinished earlier exercise costs only its own points.
    moves = tx[tx["counterparty_account_id"].notna() & (tx["direction"] == "debit")]
    moves = pd.DataFrame({"payer": moves["account_id"], "payee": moves["counterparty_account_id"]})
    ref = nx.Graph()
    for a, b in list(zip(parties["customer_id"], parties["account_id"])) + \
            list(zip(moves["payer"], moves["payee"])):
        ref.add_edge(a, b, source="reference", confidence=1.0)
    start = kyc["customer_ref"].iloc[0]
    for c in customers.loc[customers["phone"] == kyc["phone"].iloc[0], "customer_id"]:
        ref.add_edge(start, c, source="reference", confidence=1.0)
    reached = nx.node_connected_component(ref, start)
    inner = moves[moves["payer"].isin(reached) & moves["payee"].isin(reached)].drop_duplicates()
    paid_by = inner.groupby("payee")["payer"].nunique()
    heads = set(parties.loc[parties["account_id"].isin(paid_by[paid_by >= 2].index), "customer_id"])
    held = set(parties.loc[parties["customer_id"].isin(heads), "account_id"])
    want = set(parties.loc[parties["account_id"].isin(held), "customer_id"])
    got = ids_of(subject_list(ref, start, moves, parties), "subject_list on the full data", "ids")
    assert got == want and want, (
        f"On the bank's data, expected {len(want)} subjects; got {len(got)} "
        f"({sorted(want - got)[:3]} missing, {sorted(got - want)[:3]} not expected).")
    # The notebook's own case graph, if it was built: only consented records may be in it.
    built = globals().get("graph")
    if isinstance(built, nx.Graph):
        case = records[(records["case_number"] == CASE_NUMBER)
                       & (records["record_type"] == "service")]
        signed = pd.to_datetime(case["consent_date"])
        consented = case[(case["consent_le_share"] == True)  # noqa: E712
                         & (case["consent_scope"] == COORDINATION) & (signed <= AS_OF)
                         & (pd.to_datetime(case["consent_expiry"]) >= AS_OF)
                         & (pd.to_datetime(case["dob"]) + pd.DateOffset(years=18) <= signed)]
        others = {n for n in built if str(n).startswith("REC-")} - set(consented["record_id"])
        assert not others, (
            f"The case graph holds {len(others)} service record(s) whose consent does not cover "
            "case coordination, e.g. " + ", ".join(sorted(others)[:3]) + ": the partner shares "
            "only what allowed_records lets through.")
    ### END HIDDEN TESTS


_check_cp1_subjects()
del _check_cp1_subjects

# %% [markdown]
# ### Exercise CP-1.6 (2 points): `check_subjects`
#
# How good is the rule? `cases` holds earlier conclusions about some customers, reached
# separately from your graph: the financial workstream's closed file on this same network
# (`TF-...`, closed in late June) and the SAR review team's alert reviews (`AR-...`), as
# `subject`, `person_exploited` or `not_involved`. Agreement is a **method check**, a
# consistency check with the financial workstream, not confirmation: it is the same case's file
# about the same people. The `AR-` reviews come from the suspicious-activity process: they stay
# inside law enforcement, marked SAR-derived, and are never cited in an affidavit, a filing or
# anything that leaves it (31 U.S.C. 5318(g)). Your list stays a list of **leads** until the
# legal process of CP-3 brings evidence. Precision and recall are module 03's (RC-7). Write
# `check_subjects(flagged, cases)` returning a dict with
#
# - `"precision"`: the share of the flagged customers that the reviews name as `subject`
#   (0.0 if nothing is flagged),
# - `"recall"`: the share of the customers the reviews name as `subject` that are flagged
#   (0.0 if the reviews name no subject),
# - `"misflagged"`: the set of flagged customers whose closed case says `person_exploited` or
#   `not_involved` (the people a wrong list would harm).
#
# `flagged` may be a set or a list; a customer listed twice counts once.
#
# Do not change `cases`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp1_check", "schema_version": 3}
def check_subjects(flagged, cases):
    """Return precision, recall and the flagged people closed cases clear or name as exploited."""
    ### BEGIN SOLUTION
    flagged = set(flagged)
    subjects = set(cases.loc[cases["party_role"] == "subject", "customer_id"])
    others = set(cases.loc[cases["party_role"] != "subject", "customer_id"])
    hits = len(flagged & subjects)
    return {"precision": hits / len(flagged) if flagged else 0.0,
            "recall": hits / len(subjects) if subjects else 0.0,
            "misflagged": flagged & others}
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "cp1_check_tests", "schema_version": 3}
def _check_cp1_check():
    """Check check_subjects: precision, recall and the misflagged people."""
    import pandas as pd
    from course_checks import unchanged

    tiny = pd.DataFrame({"customer_id": ["C1", "C2", "C3", "C4", "C5"],
                         "party_role": ["subject", "subject", "person_exploited",
                                        "not_involved", "subject"]}, index=[9, 8, 7, 6, 5])
    before = tiny.copy()
    got = check_subjects({"C1", "C3", "C4", "C9"}, tiny)
    unchanged(before, tiny, "check_subjects(flagged, cases)")
    assert isinstance(got, dict), "check_subjects should return a dict."
    assert abs(got["precision"] - 0.25) < 1e-9, (
        f"1 of the 4 flagged (C1) is a subject: precision 0.25; got {got['precision']}. C9 has "
        "no closed case: it still counts as flagged.")
    assert abs(got["recall"] - 1 / 3) < 1e-9, (
        f"1 of the 3 subjects (C1, C2, C5) is flagged: recall 1/3; got {got['recall']}.")
    assert set(got["misflagged"]) == {"C3", "C4"}, (
        f"misflagged should be C3 (exploited) and C4 (not involved); got {got['misflagged']}.")
    assert check_subjects(set(), tiny)["precision"] == 0.0, "Nothing flagged: precision 0.0."
    none = tiny[tiny["party_role"] != "subject"]
    assert check_subjects({"C3"}, none)["recall"] == 0.0, "No subject in the cases: recall 0.0."
    twice = check_subjects(["C1", "C2", "C1"], tiny)
    assert abs(twice["precision"] - 1.0) < 1e-9, (
        f"A customer listed twice counts once: C1 and C2 are both subjects, precision 1.0; got "
        f"{twice['precision']}.")
    print("Visible tests passed: precision, recall and the people a wrong list would harm.")
    ### BEGIN HIDDEN TESTS
    got = check_subjects(["C1", "C2", "C1"], tiny)
    assert abs(got["precision"] - 1.0) < 1e-9 and abs(got["recall"] - 2 / 3) < 1e-9, (
        f"A customer listed twice counts once; got {got}.")
    subj = sorted(cases.loc[cases["party_role"] == "subject", "customer_id"])
    rest = sorted(cases.loc[cases["party_role"] != "subject", "customer_id"])
    flagged = set(subj[:2]) | set(rest[:3]) | {"CUS-NO-CASE"}
    got = check_subjects(flagged, cases)
    assert abs(got["precision"] - len(subj[:2]) / len(flagged)) < 1e-9 and \
        abs(got["recall"] - len(subj[:2]) / len(subj)) < 1e-9 and \
        set(got["misflagged"]) == set(rest[:3]), f"On the bank's closed cases, got {got}."
    ### END HIDDEN TESTS


_check_cp1_check()
del _check_cp1_check

# %%
subjects = subject_list(graph, START, transfers, parties)
score = check_subjects(subjects, cases)
print(f"{len(subjects)} subjects; precision {score['precision']:.2f}, recall "
      f"{score['recall']:.2f}; misflagged: {len(score['misflagged'])}.")
customers[customers["customer_id"].isin(subjects)][["customer_id", "name", "kind", "occupation"]]

# %% [markdown]
# ## CP-2 The operation's timeline in UTC (48 min)
#
# The ads and the exchange write UTC (`...Z`); the bank writes local time with its offset
# (`ts_local`, `utc_offset`). Put everything on the UTC clock before comparing times (module 00,
# OR-6): a hotel charge at 18:00 in Wichita in January is 00:00 UTC the next day.

# %%
def in_utc(table):
    return pd.to_datetime(table["ts_local"] + table["utc_offset"], utc=True)


print(in_utc(pd.DataFrame({"ts_local": ["2025-01-06 18:00:00"], "utc_offset": ["-06:00"]})))

# %% [markdown]
# ### The case's events on one clock (folded)
#
# The folded cell puts the case's ads, the hotel charges (`hotel`) and cash deposits (`cash_in`) on
# its accounts and the exchange's withdrawals (`withdrawals`) in one table, `timeline`, each with
# `ts_utc` from `in_utc`: concatenation as in module 00. The plot follows.

# %% jupyter={"source_hidden": true}
case_ads = ads[ads["ad_id"].isin(case_nodes)]
case_accounts = {n for n in case_nodes if str(n).startswith("ACC-")}
on_case = tx[tx["account_id"].isin(case_accounts)]
hotel = on_case[on_case["mcc"] == "7011"].assign(ts_utc=lambda t: in_utc(t))
cash_in = on_case[(on_case["channel"] == "cash") & (on_case["direction"] == "credit")]
cash_in = cash_in.assign(ts_utc=in_utc(cash_in))
withdrawals = activity[activity["activity"] == "fiat_withdrawal"].assign(
    ts_utc=lambda t: pd.to_datetime(t["ts"], utc=True))
timeline = pd.concat([
    pd.DataFrame({"ts_utc": pd.to_datetime(case_ads["posted_at"], utc=True), "event": "ad",
                  "city": case_ads["city"], "usd": 0.0}),
    pd.DataFrame({"ts_utc": hotel["ts_utc"], "event": "hotel", "city": hotel["city"],
                  "usd": hotel["amount"]}),
    pd.DataFrame({"ts_utc": cash_in["ts_utc"], "event": "cash deposit", "city": cash_in["city"],
                  "usd": cash_in["amount"]}),
    pd.DataFrame({"ts_utc": withdrawals["ts_utc"], "event": "exchange withdrawal",
                  "city": "(online)", "usd": withdrawals["usd_amount"]}),
]).sort_values("ts_utc", kind="stable")
print(timeline["event"].value_counts().to_string())

# %%
cities = list(dict.fromkeys(timeline.loc[timeline["event"] == "ad", "city"]))
cities += [c for c in timeline["city"].unique() if c not in cities]
fig, ax = plt.subplots(figsize=(10, 4.5))
for (event, style), color in zip([("ad", "o"), ("hotel", "s"), ("cash deposit", "^"),
                                  ("exchange withdrawal", "D")], COLORS):
    rows = timeline[timeline["event"] == event]
    ax.scatter(rows["ts_utc"], rows["city"].map(cities.index), marker=style, s=18,
               color=color, label=event, alpha=0.8)
ax.set_yticks(range(len(cities)), cities)
ax.set_title("The case's ads, hotel charges, cash deposits and cash-outs by city (UTC)")
ax.set_xlabel("Date (UTC)")
ax.set_ylabel("City")
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# *Each marker is one event at its UTC time (across) and city (down): hotel charges and cash
# deposits sit in the ads' cities at the same times; the four exchange withdrawals come
# together in mid-April, while the operation goes on.*
#
# ### Exercise CP-2.1 (3 points): `hotel_follows_ads`
#
# A timeline that "looks right" is not a finding; a number is. Write
# `hotel_follows_ads(case_ads, hotel)`. `case_ads` has `posted_at` (UTC text ending in `Z`) and
# `city`; `hotel` has `ts_utc` (UTC timestamps) and `city`. For each hotel charge, find the ad
# **nearest in time** (before or after: rooms are taken on arrival and the ads follow) and
# return the **share of hotel charges whose city is that ad's city** (a float from 0 to 1).
# Do not change the tables. *Hint:* `pd.merge_asof(..., direction="nearest")` needs both tables
# sorted by time.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp2_hotel_follows", "schema_version": 3}
def hotel_follows_ads(case_ads, hotel):
    """Return the share of hotel charges in the city of the ad nearest in time."""
    ### BEGIN SOLUTION
    posted = pd.DataFrame({"ts": pd.to_datetime(case_ads["posted_at"], utc=True),
                           "ad_city": case_ads["city"]}).sort_values("ts")
    stays = pd.DataFrame({"ts": hotel["ts_utc"], "city": hotel["city"]}).sort_values("ts")
    joined = pd.merge_asof(stays, posted, on="ts", direction="nearest")
    return float((joined["city"] == joined["ad_city"]).mean())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "cp2_hotel_follows_tests", "schema_version": 3}
def _check_cp2_hotel_follows():
    """Check hotel_follows_ads: nearest ad in time, before or after, in UTC."""
    import pandas as pd
    from course_checks import unchanged

    tiny_ads = pd.DataFrame({"posted_at": ["2025-01-05T10:00:00Z", "2025-01-01T10:00:00Z",
                                           "2025-01-10T10:00:00Z"],
                             "city": ["Emporia", "Wichita", "Topeka"]}, index=[7, 8, 9])
    tiny_hotel = pd.DataFrame({
        "ts_utc": pd.to_datetime(["2025-01-01 12:00", "2025-01-04 20:00", "2025-01-09 23:00",
                                  "2025-01-02 00:00"], utc=True),
        "city": ["Wichita", "Emporia", "Topeka", "Topeka"]}, index=[4, 2, 3, 1])
    before_a, before_h = tiny_ads.copy(), tiny_hotel.copy()
    got = hotel_follows_ads(tiny_ads, tiny_hotel)
    unchanged(before_a, tiny_ads, "hotel_follows_ads(case_ads, hotel)")
    unchanged(before_h, tiny_hotel, "hotel_follows_ads(case_ads, hotel)")
    assert isinstance(got, float) or hasattr(got, "__float__"), "Return one number (a share)."
    assert abs(float(got) - 0.75) < 1e-9, (
        "Three of the four charges are in the city of the nearest ad (Wichita, Emporia the "
        "night before its ad, Topeka the day before its ad); the Topeka charge of Jan 2 is "
        f"nearest a Wichita ad: expected 0.75, got {got}. Use the nearest ad, before or after.")
    print("Visible tests passed: nearest ad in time.")
    ### BEGIN HIDDEN TESTS
    rooms = tx[tx["mcc"] == "7011"].head(300)
    rooms = pd.DataFrame({"ts_utc": pd.to_datetime(rooms["ts_local"] + rooms["utc_offset"],
                                                   utc=True), "city": rooms["city"]})
    share = hotel_follows_ads(ads, rooms)
    posted = pd.to_datetime(ads["posted_at"], utc=True)
    want = sum(ads["city"].iloc[int((posted - t).abs().argmin())] == c
               for t, c in zip(rooms["ts_utc"], rooms["city"])) / len(rooms)
    assert abs(float(share) - want) < 0.02, (
        f"On the bank's hotel charges and all ads, expected about {want:.2f}; got {share}.")
    ### END HIDDEN TESTS


_check_cp2_hotel_follows()
del _check_cp2_hotel_follows

# %% [markdown]
# ### Exercise CP-2.2 (2 points): `match_cashouts`
#
# The exchange says it sent money to a bank; the bank says it received money from the exchange.
# Write `match_cashouts(withdrawals, credits, max_days=5)`. `withdrawals` has `activity_id`,
# `ts_utc` and `usd_amount`; `credits` has `txn_id`, `ts_utc` and `amount`. Match each withdrawal,
# in time order, to the **earliest** credit not yet matched with **exactly the same amount** that
# arrives **after** the withdrawal and at most `max_days` days later (exactly `max_days` counts).
# Return a table with `activity_id`, `txn_id` and `lag_hours` (credit time minus withdrawal time,
# in hours), one row per match. Do not change the tables.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp2_cashouts", "schema_version": 3}
def match_cashouts(withdrawals, credits, max_days=5):
    """Pair each exchange withdrawal with the bank credit of the same amount that follows it."""
    ### BEGIN SOLUTION
    used, rows = set(), []
    later = credits.sort_values("ts_utc")
    for _, w in withdrawals.sort_values("ts_utc").iterrows():
        for _, c in later.iterrows():
            lag = c["ts_utc"] - w["ts_utc"]
            if (c["txn_id"] not in used and c["amount"] == w["usd_amount"]
                    and pd.Timedelta(0) < lag <= pd.Timedelta(days=max_days)):
                used.add(c["txn_id"])
                rows.append((w["activity_id"], c["txn_id"], lag / pd.Timedelta(hours=1)))
                break
    return pd.DataFrame(rows, columns=["activity_id", "txn_id", "lag_hours"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "cp2_cashouts_tests", "schema_version": 3}
def _check_cp2_cashouts():
    """Check match_cashouts: same amount, after, within max_days, each credit once."""
    import pandas as pd
    from course_checks import table_of, unchanged

    t = lambda text: pd.Timestamp(text, tz="UTC")  # noqa: E731
    w = pd.DataFrame({"activity_id": ["W1", "W3", "W2", "W4"],
                      "ts_utc": [t("2025-04-18 17:00"), t("2025-04-19 19:00"),
                                 t("2025-04-19 14:00"), t("2025-04-20 00:00")],
                      "usd_amount": [5300.0, 3100.0, 3100.0, 900.0]}, index=[3, 2, 1, 0])
    c = pd.DataFrame({"txn_id": ["T1", "T4", "T3", "T2", "T5", "T0"],
                      "ts_utc": [t("2025-04-18 16:00"), t("2025-04-23 17:00"),
                                 t("2025-04-21 09:00"), t("2025-04-21 07:00"),
                                 t("2025-04-25 00:00"), t("2025-04-18 17:00")],
                      "amount": [5300.0, 3100.0, 5300.0, 3100.0, 900.0, 5300.0]},
                     index=[9, 8, 7, 6, 5, 4])
    before_w, before_c = w.copy(), c.copy()
    got = table_of(match_cashouts(w, c), "match_cashouts(w, c)")
    unchanged(before_w, w, "match_cashouts(withdrawals, credits)")
    unchanged(before_c, c, "match_cashouts(withdrawals, credits)")
    pairs = dict(zip(got["activity_id"], got["txn_id"]))
    assert pairs.get("W1") == "T3", (
        f"W1 (5,300) should match T3: T1 and T0 have the amount but arrive before the withdrawal "
        f"or at the same moment; got "
        f"{pairs.get('W1')}.")
    assert pairs.get("W2") == "T2" and pairs.get("W3") == "T4", (
        "In time order, W2 takes the earliest 3,100 credit after it (T2); W3 then takes T4 (each "
        f"credit is used once); got W2 -> {pairs.get('W2')}, W3 -> {pairs.get('W3')}.")
    assert pairs.get("W4") == "T5", (
        "W4 (900) to T5 arrives exactly 5 days later: max_days counts; got "
        f"{pairs.get('W4')}.")
    lag = dict(zip(got["activity_id"], got["lag_hours"]))
    assert abs(lag["W1"] - 64) < 1e-9, f"W1 to T3 is 64 hours; got {lag['W1']}."
    print("Visible tests passed: same amount, after, within max_days, each credit once.")
    ### BEGIN HIDDEN TESTS
    short = match_cashouts(w, c, max_days=3)
    pairs = sorted(zip(short["activity_id"], short["txn_id"]))
    assert pairs == [("W1", "T3"), ("W2", "T2")], f"With max_days=3 only W1, W2 match; got {pairs}."
    out = activity[activity["activity"] == "fiat_withdrawal"]
    out = out.assign(ts_utc=pd.to_datetime(out["ts"], utc=True))
    bank = tx[tx["memo"] == "WITHDRAWAL"]
    bank = bank.assign(ts_utc=pd.to_datetime(bank["ts_local"] + bank["utc_offset"], utc=True))
    full = match_cashouts(out, bank)
    assert len(full) == len(out), (
        f"On the case, every exchange withdrawal should meet its bank credit; got {len(full)}.")
    want, taken = [], set()  # the rule, written out once more, on the case's own records
    for _, x in out.sort_values("ts_utc").iterrows():
        for _, y in bank.sort_values("ts_utc").iterrows():
            lag = y["ts_utc"] - x["ts_utc"]
            if (y["txn_id"] not in taken and y["amount"] == x["usd_amount"]
                    and pd.Timedelta(0) < lag <= pd.Timedelta(days=5)):
                taken.add(y["txn_id"])
                want.append((x["activity_id"], y["txn_id"], round(lag / pd.Timedelta(hours=1), 6)))
                break
    got = sorted(zip(full["activity_id"], full["txn_id"], full["lag_hours"].astype(float).round(6)))
    assert got == sorted(want), (
        f"On the case, the withdrawals should meet these credits: {sorted(want)}; got {got}.")
    ### END HIDDEN TESTS


_check_cp2_cashouts()
del _check_cp2_cashouts

# %%
bank_credits = tx[tx["memo"] == "WITHDRAWAL"].assign(ts_utc=lambda t: in_utc(t))
cashouts = match_cashouts(withdrawals, bank_credits)
hotel_share = hotel_follows_ads(case_ads, hotel)
print(f"Hotel charges in the city of the nearest ad: {hotel_share:.0%} of {len(hotel)}.")
print(f"Cash deposits in the city of the nearest ad: {hotel_follows_ads(case_ads, cash_in):.0%} "
      f"of {len(cash_in)}.")
print(f"Cash-outs matched to bank credits: {len(cashouts)} of {len(withdrawals)}, "
      f"${withdrawals['usd_amount'].sum():,.2f} in all, median lag "
      f"{cashouts['lag_hours'].median():.0f} hours.")

# %% [markdown]
# ## CP-3 Briefing the task force (54 min)
#
# Counts of **people** in a briefing pass the small-cell rule of module 04 (DE-6); counts of
# **activity** (ads, charges, deposits) describe this operation, not prevalence.
#
# ### Exercise CP-3.1 (3 points): `publishable`
#
# Write `publishable(counts, threshold=11)`. `counts` is a Series of people counts by category
# (its total is published too). Return a Series of **text** with the same labels:
#
# 1. a count of 0 stays `"0"`; a count of `threshold` or more is shown as its number (`"25"`);
# 2. a count from 1 to below `threshold` becomes `f"fewer than {threshold}"`;
# 3. if exactly **one** cell was hidden by rule 2, also hide the **smallest** non-zero count
#    still shown (the first, if tied), written `"suppressed"`, so the total cannot give it back.
#
# Do not change `counts`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "cp3_counts", "schema_version": 3}
def publishable(counts, threshold=11):
    """Return counts as text, small cells and one complementary cell hidden."""
    ### BEGIN SOLUTION
    small = (counts >= 1) & (counts < threshold)
    out = counts.astype(int).astype(str).where(~small, f"fewer than {threshold}")
    if small.sum() == 1:
        shown = counts[~small & (counts > 0)]
        if len(shown):
            out[shown.idxmin()] = "suppressed"
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "cp3_counts_tests", "schema_version": 3}
def _check_cp3_counts():
    """Check publishable: zeros shown, 1..threshold-1 hidden, one complementary cell."""
    import pandas as pd
    from course_checks import unchanged

    counts = pd.Series({"labor": 25.0, "sex": 1.0, "both": 0.0, "unknown": 14.0, "other": 30.0,
                        "eleven": 11.0})
    before = counts.copy()
    got = publishable(counts)
    unchanged(before, counts, "publishable(counts)")
    assert isinstance(got, pd.Series) and list(got.index) == list(counts.index), (
        "publishable should return a Series with the same labels as `counts`.")
    assert got["sex"] == "fewer than 11", f"1 person: 'fewer than 11'; got {got['sex']!r}."
    assert got["both"] == "0", f"A zero is shown as '0'; got {got['both']!r}."
    assert got["eleven"] == "suppressed", (
        "Only one cell was hidden, so the total would give it back: also hide the smallest "
        f"shown non-zero count (eleven, 11) as 'suppressed'; got {got['eleven']!r}.")
    assert got["labor"] == "25" and got["other"] == "30" and got["unknown"] == "14", (
        "Counts of 11 or more are shown as whole numbers ('25', not '25.0'); got "
        f"{dict(got)}.")
    print("Visible tests passed: small cells hidden, one complementary cell.")
    ### BEGIN HIDDEN TESTS
    edge = pd.Series({"a": 11, "b": 10, "c": 1, "d": 12})
    got = publishable(edge)
    assert dict(got) == {"a": "11", "b": "fewer than 11", "c": "fewer than 11", "d": "12"}, (
        f"11 is shown, 10 and 1 are hidden; two hidden cells need no complement; got {dict(got)}.")
    got = publishable(pd.Series({"a": 5, "b": 20, "c": 20}), threshold=6)
    assert dict(got) == {"a": "fewer than 6", "b": "suppressed", "c": "20"}, (
        f"With threshold 6 and a tie, the first of the smallest is suppressed; got {dict(got)}.")
    got = publishable(pd.Series({"a": 6, "b": 0}), threshold=6)
    assert dict(got) == {"a": "6", "b": "0"}, f"6 reaches threshold 6; got {dict(got)}."
    ### END HIDDEN TESTS


_check_cp3_counts()
del _check_cp3_counts

# %% [markdown]
# ### Worked example: the briefing's figures
#
# The partner, not the task force, counts the people in services on its own system and sends only
# the table (the cell below plays the partner's part); then the operation's activity by city:

# %%
partner_count = records[(records["case_number"] == CASE_NUMBER)
                        & (records["record_type"] == "service")]["exploitation_type"].value_counts()
print("From the partner: people referred to services, by kind of exploitation")
print(publishable(partner_count).to_string())
print(f"In all: {publishable(pd.Series({'all': partner_count.sum()}))['all']} people.")
print("\nThe operation's activity by city (activity, not prevalence):")
timeline[timeline["event"] != "exchange withdrawal"].pivot_table(
    index="city", columns="event", values="usd", aggfunc="count", fill_value=0)

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 9, "grade_id": "cp3_briefing", "schema_version": 3}
# ### Exercise CP-3.2 (written, 9 points): two products for two readers
#
# A briefing with grand-jury bank records, the bank's internal reviews and subject names may go
# to the task force and the prosecutor, never to a victim-service partner (what the partner holds
# can be subpoenaed by the defense). So write **two** documents, using the figures computed in
# this notebook (200 to 250 words in all; bullet points are fine):
#
# **A. The law-enforcement-sensitive briefing** for the supervisor and the prosecutor:
#
# 1. the **findings with figures**: the links that tie the exchange customer, the bank accounts,
#    the ads and the ad payments together, with their sources and confidence; the leads for the
#    subject list and how the rule was checked; the hotel-and-ads match; the cash-outs; any link
#    you set aside (a recycled number) and why;
# 2. the **legal process to request next, in order**, what each request is for, which records it
#    reaches and which legal tool fits each provider (a U.S. platform, an exchange, an overseas
#    ad site);
# 3. what is **evidence** (what a record shows) and what is **inference** (what you conclude from
#    several, with its confidence and what would confirm it);
# 4. counts of people only as the partner's table gives them; activity counts as activity, not
#    prevalence.
#
# **B. The referral note to the victim-service partner**: the people the task force has
# identified who may need support and may not be in services yet (described, not named), that
# they have not been contacted and how first contact will be made, safety points the data
# shows, and for the partner's clients who consented to coordination, how the task force will
# work through the partner; no subject, no financial or legal-process detail, and no one named
# who did not consent to be.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# Score five criteria: **findings with figures** (0-2), **legal process and order** (0-2),
# **evidence vs inference** (0-2), **people who were exploited and the referral note** (0-2),
# **counts** (0-1). Anchor answers for each level are in `course/instructors/05_capstone.md`.
#
# - **Findings (2):** the KYC link with its four identifiers and what it does and does not show
#   (whose identity opened the account, not who runs it); the money path from the controlled
#   accounts to the collecting accounts and the front businesses; the subject leads with the
#   method check (agreement with the earlier conclusions, the missed cash runner); the ad payments
#   linked to the operation's ads (the cleaning contractor's own ads, reached through its business
#   e-mail or named as not linked by this graph, both count); the share of hotel charges in the ads' cities; the cash-outs
#   with amounts and lags; the recycled-number ads set aside. **(1)** some of these with figures.
#   **(0)** no figures.
# - **Legal process (2):** in order: (1) now, preservation: 18 U.S.C. 2703(f) letters to the U.S.
#   platforms, the messaging app and the carriers, a preservation request to the exchange, and
#   for the overseas ad site preservation through the 24/7 network, then MLAT (or the CLOUD Act
#   where an agreement applies); (2) grand-jury subpoenas for basic subscriber records and toll
#   records, and a follow-up to the exchange for linked accounts, deposit addresses and IP logs;
#   (3) 2703(d) orders for other non-content records (the messaging app's connection and IP
#   logs); (4) search warrants for message content and historical cell-site location, written
#   from 1-3; non-disclosure orders under 2705(b) with each. The exchange's KYC return is
#   already in hand and is not asked for again. **(1)** the right kinds without the tiers or the
#   order. **(0)** none, or content first.
# - **Evidence vs inference (2):** records named as evidence; "controls", "the same person", "the
#   front" marked as inference with the confidence and what would confirm it (for the KYC match:
#   IP and time overlap, the ID selfie, login devices); weak links named as leads. **(1)**
#   mentioned, not applied. **(0)** inferences stated as facts.
# - **People exploited and referral (2):** the briefing names no one whose accounts were used as
#   a subject and flags any overlap for the prosecutor and the victim specialist; the referral
#   note has needs, safety, language and consent status and nothing from the investigation;
#   Continued Presence is requested only by law enforcement and never tied to cooperation.
#   **(1)** one of the two products right. **(0)** a person who was exploited named as a subject,
#   or the briefing itself sent to the partner.
# - **Counts (1):** people counts as the partner's table gives them ("fewer than 11"; the total
#   if it passes); activity counts called activity, not prevalence.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your briefing (A) and your referral note (B) here (double-click to edit).*

# %% [markdown]
# ## Keypoints
#
# - Write a **source** and a **confidence** on every edge, and measure what one wrong link pulls
#   in before you follow it; several identifiers that agree make a strong link.
# - Consent decides which service records may join; the people who were exploited are not named
#   subjects for what their exploitation produced, and get their own referral note.
# - Check a subject rule against others' conclusions (precision, recall): a method check, not
#   evidence; the list stays a list of leads.
# - Put every source on one **UTC** clock before comparing times.
# - People counts pass the small-cell rule; activity counts are not prevalence.
