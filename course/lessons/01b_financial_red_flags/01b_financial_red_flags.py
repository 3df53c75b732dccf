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
# # Financial red flags II: front businesses, controlled accounts, two scores and the affidavit
#
# *Assignment `01b_financial_red_flags`, module 01 part 2 of 2 (part 1 is the assignment
# `01a_financial_red_flags`). About 7 hours 5 minutes with
# the exercises. Part of the course "Following the data trail: data skills for human-trafficking
# investigators".*
#
# > **Content note.** This notebook is about businesses used as fronts for sexual exploitation,
# > workers whose wages are taken back from them, and people whose bank accounts are controlled by
# > someone else. Some tellers' notes describe people who appeared frightened, exhausted or
# > controlled. Nothing is explicit. Every person, business and record is **synthetic**; treat them
# > with the care you would give real ones.
#
# **Start here:** run the first two gray code cells below (Shift + Enter). The second one re-creates
# part 1's detectors (structuring, funnel accounts, spending that does not fit), so this notebook
# runs on its own; it builds on part 1's ideas (peers, windows, local time).
#
# ## Questions
#
# - How does a front business show up in its account: cash, hours, payroll?
# - How do shared phones, devices and addresses link customers, and where does money swept out of a
#   controlled account go?
# - Why do the people behind a scheme and the people it exploits need two separate lists, and how good
#   is each list against cases that were actually investigated?
# - What is a SAR to an investigator, what must never be done with it, and how do I get records I can
#   use?
# - How do I write the financial part of an affidavit that links the findings, gives the prosecutor
#   what the money shows, and exposes neither the people who appear to be exploited nor a child?
#
# ## Objectives
#
# | ID | Performance objective | Time |
# |---|---|---|
# | FR-5 | Given a bank's account-opening records and transaction export for its business customers, the trainee computes each business's cash share as a multiple of its industry's median and finds the businesses that make a payroll payment, so that those that declare staff and pay none stand out, passing every test of `cash_vs_peers` and `pays_payroll`. | 70 min |
# | FR-6 | Given customer records, signature cards with the online-banking enrollment log, and the transaction export, the trainee links customers through shared phones, addresses and devices, counts the accounts a linked group reaches without double counting, measures the share of each account's money sent on the same local day, and names the accounts that receive those sweeps, passing every test of the five functions. | 117 min |
# | FR-7 | Given the indicators of parts 1 and 2 and the agency's closed-case outcomes, the trainee scores customers with two written-down weightings (possible subjects; possible safeguarding leads), measures each against the matching kind of confirmed case, counting reviewed customers only and each once, and states in writing what each kind of error costs a real person (tests passed; written answer at 3 of 4 points or better). | 141 min |
# | FR-8 | Given a SAR as a lead and the bank records obtained by legal process, the trainee writes the financial section of an affidavit or case summary (300 to 500 words) that states each finding of both notebooks with its dates, amounts and record, links them, names the offenses they may support with the amounts per account holder for restitution, raises any possible child for safeguarding, names only subjects, describes the people who appear to be exploited without identifying them, and never mentions the SAR (written answer at 4 of 6 points or better). | 99 min |
#
# About 7 hours 5 minutes with the exercises; the times above were estimated for a trainee new to
# Python (see the instructor notes).
#
# ## How this notebook is graded
#
# Nine autograded exercises (24 points) and two written answers (4 and 6 points). As in part 1,
# each test cell checks your function on tiny tables and, at grading, on the full data. Like
# the exhibits they come from, the tables, sets and graphs your functions are given must stay
# exactly as they were: work on a copy if you need a new column.
#
# ## The data
#
# The same fictional Exemplar Community Bank as in part 1, plus two files:
#
# | File | One row per ... |
# |---|---|
# | `confirmed_cases.csv` | customer reviewed in one of your agency's closed cases or SAR reviews: `disposition` is `confirmed` or `cleared`; `party_role` says whether a confirmed customer was a `subject` or a `person_exploited`. Customers not listed were **never reviewed**. |
# | `branch_interactions.csv` | visit to a branch, with a factual note by the staff member and whether a third party took part |
#
# The last column of each table in `data/bank/DATASHEET.md` says where an investigator would get that
# column in a real case: which legal process, which part of the bank's production. FR-8 uses it.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the bank's records.
# %matplotlib inline
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

# Color-blind-safe colors for every chart in this notebook.
plt.style.use("tableau-colorblind10")
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]
plt.rcParams["text.parse_math"] = False          # show $ in labels as a dollar sign

DATA = "data/bank/"
tx = pd.read_csv(DATA + "transactions.csv")
customers = pd.read_csv(DATA + "customers.csv")
parties = pd.read_csv(DATA + "account_parties.csv")
merchants = pd.read_csv(DATA + "merchants.csv")
cases = pd.read_csv(DATA + "confirmed_cases.csv")
visits = pd.read_csv(DATA + "branch_interactions.csv")

CASH_CHANNELS = ["cash", "atm"]
owners = parties[parties["role"].isin(["owner", "joint_owner"])]   # whose money it is

print(f"Ready: {len(tx):,} transactions, {len(customers)} customers, "
      f"{len(cases)} reviewed customers, {len(visits)} branch visits.")


# %%
# Part 1's detectors, as part 1's answer key writes them: the file part1_detectors.py beside
# this notebook holds them (open it from the file browser to read them). You wrote your own
# versions in part 1; FR-7 and FR-8 use their results on the whole bank.
from part1_detectors import (
    find_funnel_accounts,
    find_structuring,
    is_late_night,
    near_threshold_deposits,
    out_of_profile,
)

near_threshold = near_threshold_deposits(tx)
structuring_accounts = find_structuring(near_threshold)
funnel_accounts = find_funnel_accounts(tx)

card = tx[tx["channel"].isin(["card", "card_online"]) & (tx["direction"] == "debit")].copy()
card["late"] = is_late_night(card)
card["travel"] = np.where(card["mcc"].isin([7011, 4121]), card["amount"], 0.0)
profile = card.merge(owners[["account_id", "customer_id"]], on="account_id").groupby(
    "customer_id").agg(spent=("amount", "sum"), travel=("travel", "sum"),
                       late_share=("late", "mean")).reset_index()
profile["travel_share"] = profile["travel"] / profile["spent"]
profile = customers.loc[customers["kind"] == "individual", ["customer_id", "occupation"]].merge(
    profile, on="customer_id")
spending_out_of_profile = (out_of_profile(profile, "late_share", factor=3, minimum=0.25)
                           | out_of_profile(profile, "travel_share", factor=3, minimum=0.4))

print(f"Part 1's detectors found {len(structuring_accounts)} account(s) with structuring, "
      f"{len(funnel_accounts)} funnel account(s) and {len(spending_out_of_profile)} customer(s) "
      "whose spending does not fit their occupation.")

# %% [markdown]
# ## FR-5 Front businesses: cash, hours and payroll (70 min)
#
# FIN-2020-A008 names **front companies** as the first typology: massage businesses, escort
# services, bars, restaurants and cantinas that mix the proceeds of exploitation with real takings.
# Its indicator **F3** describes the account of such a business: activity mostly after business
# hours, almost all in cash, and deposits too large for the business. (F1 to F10 for the advisory's
# financial indicators and B1 to B10 for its behavioral ones are this course's shorthand, not
# FinCEN's numbering: quote the advisory's words, not these labels, in anything you write.) The 2014 advisory
# (FIN-2014-A008) adds the absence of a normal payroll: no wages and no payroll taxes, for a business
# that says it has staff. Whoever works in a front is often paid off the books, if at all. An
# exploitative employer can look the other way round: it runs a payroll and takes the wages back
# afterwards (FR-6 finds that).
#
# Each of these also describes honest businesses: laundromats and taquerias take cash; bars take
# money after midnight. So we compare each business with businesses **of the same kind**.
#
# ### A summary per business
#
# A business's money is in the accounts it owns. We keep the `owner` rows (a signer on a business
# account is not the business) and add up each business's credits.

# %%
businesses = customers[customers["kind"] == "business"]
business_accounts = owners[owners["customer_id"].isin(businesses["customer_id"])]
business_tx = tx.merge(business_accounts[["account_id", "customer_id"]], on="account_id")

money_in = business_tx[business_tx["direction"] == "credit"]
cash_in = money_in[money_in["channel"].isin(CASH_CHANNELS)]
summary = pd.DataFrame({
    "credits": money_in.groupby("customer_id")["amount"].sum(),
    "cash": cash_in.groupby("customer_id")["amount"].sum(),
}).fillna(0).reset_index()
summary["cash_share"] = summary["cash"] / summary["credits"]
summary = businesses[["customer_id", "name", "industry", "declared_annual_revenue",
                      "declared_employees", "opening_hours"]].merge(summary, on="customer_id")
summary.sort_values("industry").head(10)

# %% [markdown]
# ### Worked example: deposits too large for the business
#
# Each business declared its yearly revenue when it opened its account. Six months of credits,
# doubled, should be roughly one year's revenue. A ratio far above 1 means more money than the
# business said it makes (F3: deposits too large for the business).

# %%
summary["credits_vs_declared"] = summary["credits"] * 2 / summary["declared_annual_revenue"]
ranked = summary.sort_values("credits_vs_declared", ascending=False)
first, second = ranked.iloc[0], ranked.iloc[1]
print(f"Highest: {first['name']} ({first['industry']}), {first['credits_vs_declared']:.1f} times its "
      f"declared revenue; next: {second['name']} ({second['industry']}), "
      f"{second['credits_vs_declared']:.1f} times.")
ranked[["name", "industry", "declared_annual_revenue", "credits", "credits_vs_declared"]].head(6)


# %% [markdown]
# Read the top rows. A contractor or a staffing agency can be paid far more in invoices than it
# expected when it opened its account; a shop or a spa rarely is. A ratio against the customer's own
# declaration is useful but easy to fool (declare more). The second check compares a business with
# its **peers**.
#
# ### Exercise FR-5.1 (3 points): `cash_vs_peers`
#
# Write `cash_vs_peers(summary, min_peers=3)`. `summary` has one row per business with the columns
# `customer_id`, `industry` and `cash_share` (never missing: every business in it has money paid
# in). Return a **Series labeled by `customer_id`**: each business's `cash_share` **divided by the
# median `cash_share` of its industry** (all businesses in `summary` with the same industry, itself
# included). When an industry has **fewer than `min_peers`** businesses, divide by the median of
# **all** businesses instead.
#
# A ratio of 1 means "as cash-heavy as a typical business of its kind"; 3 means three times as much.
# This is the same idea as `out_of_profile` in part 1, but it returns the ratio itself, which a score
# can use.
#
# The last line, which labels the ratios by `customer_id`, is given; the two steps before it are
# yours (step 1 is step 1 and 2 of `out_of_profile`, now in one go).

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr5_cash_vs_peers", "schema_version": 3}
def cash_vs_peers(summary, min_peers=3):
    """Return a Series by customer_id: cash_share divided by the median of the industry's peers."""
    # Step 1: reference, one value per row: the industry's median cash_share, or the median of
    # all businesses where the industry has fewer than min_peers businesses.
    ### BEGIN SOLUTION
    groups = summary.groupby("industry")["cash_share"]
    peer_median = groups.transform("median")
    peer_count = groups.transform("count")
    reference = peer_median.where(peer_count >= min_peers, summary["cash_share"].median())
    ### END SOLUTION
    # Step 2: ratio, each row's cash_share divided by its reference.
    ### BEGIN SOLUTION
    ratio = summary["cash_share"] / reference
    ### END SOLUTION
    return pd.Series(ratio.to_numpy(), index=summary["customer_id"].to_numpy())


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr5_cash_vs_peers_tests", "schema_version": 3}
def _check_fr5_cash_vs_peers():
    """Check that cash_vs_peers divides each business's cash share by its industry's median."""
    import numpy as np
    import pandas as pd
    from course_checks import same_values, shuffled, unchanged, values_of

    tiny = pd.DataFrame({
        "customer_id": ["S1", "S2", "S3", "S4", "Q1", "Q2", "Q3", "L1"],
        "industry": ["Spa"] * 4 + ["Taqueria"] * 3 + ["Laundromat"],
        "cash_share": [0.20, 0.22, 0.18, 0.74, 0.60, 0.62, 0.62, 0.90],
    }, index=[40, 41, 42, 43, 44, 45, 46, 47])
    tiny_before = tiny.copy()
    result = cash_vs_peers(tiny)

    labeled = "a Series labeled by customer_id"
    ratios = values_of(result, "cash_vs_peers", labeled)
    assert set(ratios) == set(tiny["customer_id"]), (
        f"The result should be labeled by customer_id (S1, S2 ...); its labels are "
        f"{sorted(ratios)[:4]}. Build it with pd.Series(values, index=summary['customer_id'])."
    )
    assert not np.isclose(ratios["S4"], 0.74 / 0.61), (
        "S4 was compared with the median of all businesses (0.61). Compare each business with the "
        "median of its own industry (Spa: 0.21)."
    )
    assert not np.isclose(ratios["S4"], 0.74 / 0.335), (
        "S4 was compared with the mean of the spas (0.335), which S4 itself pulls up. Use the "
        "median."
    )
    assert np.isclose(ratios["S4"], 0.74 / 0.21), (
        f"S4's cash share (0.74) divided by the spas' median (0.21) is {0.74 / 0.21:.3f}; got "
        f"{ratios['S4']:.3f}."
    )
    assert not np.isclose(ratios["Q1"], 0.60 / 0.61), (
        "Q1 was compared with the median of all businesses, but the taquerias are exactly 3 "
        "businesses, enough for min_peers=3 (only FEWER than min_peers falls back: use >=). Count "
        "businesses, even two with the same cash share (Q2 and Q3: 0.62): 'count' or 'size', not "
        "'nunique'."
    )
    assert np.isclose(ratios["Q1"], 0.60 / 0.62) and np.isclose(ratios["S1"], 0.20 / 0.21), (
        "Every business gets a ratio to its own industry's median: Q1 should be 0.60 / 0.62 and S1 "
        f"0.20 / 0.21; got {ratios['Q1']:.3f} and {ratios['S1']:.3f}."
    )
    assert np.isclose(ratios["L1"], 0.90 / 0.61), (
        "L1 is the only laundromat (fewer than min_peers=3), so divide by the median of all "
        f"businesses (0.61): {0.90 / 0.61:.3f}; got {ratios['L1']:.3f}."
    )
    big = values_of(cash_vs_peers(tiny, min_peers=4), "cash_vs_peers(tiny, min_peers=4)",
                    labeled)
    assert np.isclose(big["Q1"], 0.60 / 0.61) and np.isclose(big["S4"], 0.74 / 0.21), (
        "With min_peers=4 the three taquerias are too few and use the median of all businesses "
        f"(Q1: 0.60 / 0.61 = {0.60 / 0.61:.3f}), while the four spas keep their own (S4: "
        f"{0.74 / 0.21:.3f}); got Q1 {big['Q1']:.3f} and S4 {big['S4']:.3f}. Use the argument "
        "min_peers, not the number 3."
    )
    unchanged(tiny_before, tiny, "cash_vs_peers", "Perhaps a column was added or changed: leave "
              "`summary` as it is, and work with Series, or on summary.copy().")
    print("Visible tests passed: cash_vs_peers compares each business with its industry.")

    ### BEGIN HIDDEN TESTS
    small = values_of(cash_vs_peers(tiny, min_peers=1), "cash_vs_peers(tiny, min_peers=1)",
                      labeled)
    assert np.isclose(small["L1"], 1.0), (
        "With min_peers=1 the lone laundromat is compared with itself (ratio 1.0); got "
        f"{small['L1']:.3f}. Use the argument min_peers."
    )
    full_tx = pd.read_csv("data/bank/transactions.csv")
    firms = pd.read_csv("data/bank/customers.csv")
    firms = firms[firms["kind"] == "business"]
    links = pd.read_csv("data/bank/account_parties.csv")
    links = links[(links["role"] == "owner") & links["customer_id"].isin(firms["customer_id"])]
    owner_of = dict(zip(links["account_id"], links["customer_id"]))
    credit = full_tx[(full_tx["direction"] == "credit") & full_tx["account_id"].isin(owner_of)]
    firm = credit["account_id"].map(owner_of)
    in_cash = credit["amount"].where(credit["channel"].isin(["cash", "atm"]), 0)
    share = in_cash.groupby(firm).sum() / credit["amount"].groupby(firm).sum()
    real = firms[["customer_id", "industry"]].copy()
    real["cash_share"] = real["customer_id"].map(share)
    real = real.dropna(subset=["cash_share"])
    real = shuffled(real, 9, first_label=900)
    for needed in [3, 2, 5]:
        counts = real["industry"].map(real["industry"].value_counts())
        medians = real["industry"].map(real.groupby("industry")["cash_share"].median())
        reference = np.where(counts >= needed, medians, real["cash_share"].median())
        want = dict(zip(real["customer_id"], real["cash_share"] / reference))
        got = values_of(cash_vs_peers(real, min_peers=needed), "cash_vs_peers(...)", labeled)
        same_values(got, want, f"On the bank's businesses with min_peers={needed}", "ratio",
                    "businesses", "customer_id")
    ### END HIDDEN TESTS


_check_fr5_cash_vs_peers()
del _check_fr5_cash_vs_peers


# %%
# Try your function (not graded): businesses at least twice as cash-heavy as their peers.
summary["cash_vs_peers"] = summary["customer_id"].map(cash_vs_peers(summary))
summary["peers"] = summary["industry"].map(summary["industry"].value_counts())
summary[summary["cash_vs_peers"] >= 2][["name", "industry", "peers", "cash_share", "cash_vs_peers",
                                        "declared_employees", "opening_hours"]]

# %% [markdown]
# A business with fewer than three of its kind in this small bank (the `peers` column) was compared
# with all businesses, and in some trades (vending machines, laundromats, food trucks, barbers) cash
# is simply how customers pay. Two more checks separate them from a front.
#
# ### Worked example: when is the cash paid in?
#
# F3 speaks of activity mostly after business hours. Which times in a bank's records can show that?
# Not the card takings. A shop's card sales reach its account as a **card settlement** (the ACH
# credits with memo `BATCH`): the merchant's card processor pays them by ACH, usually the next
# business day, and the bank posts them in its early-morning ACH window. Their time says when the
# bank posted them, nothing about when the business closed. The time a merchant closed its card
# batch, and the time of each sale at its terminal, are in the records of the **merchant acquirer
# or card processor** (the settlement credit names it): ask for them by separate legal process,
# served on the processor.
#
# **Cash** is different. A deposit at an ATM, or in a branch's night depository, is made when the
# business chooses to bring its cash to the bank, and an ATM records that time. (A night-depository
# bag may be credited only when staff open it the next business day; if that time matters, ask the
# bank for its night-depository log.) Part 1's `is_late_night` (22:00 to 05:00 local time) marks
# the deposits made late at night; here is the share of each business's cash paid in then, next to
# the opening hours it declared:

# %%
late = is_late_night(cash_in)                                    # part 1: 22:00 to 05:00, local
night_cash = cash_in[late].groupby("customer_id")["amount"].sum()
timing = summary.set_index("customer_id")
timing["night_cash_share"] = (night_cash / timing["cash"]).fillna(0)
closes = timing["opening_hours"].str[-5:-3].astype(int)          # "10:00-20:00" -> 20
early = timing[(closes >= 6) & (closes <= 21)]                   # declared closing by 21:00
top = early["night_cash_share"].idxmax()
print(f"Of the businesses that declare they close by 21:00, {early.loc[top, 'name']} "
      f"({early.loc[top, 'opening_hours']}) pays in the largest share of its cash between 22:00 "
      f"and 05:00: {early.loc[top, 'night_cash_share']:.0%}.")
timing.sort_values("night_cash_share", ascending=False)[
    ["name", "industry", "opening_hours", "night_cash_share"]].head(6)


# %% [markdown]
# Read the opening hours beside each share. Bars that close at 02:00 and stores open until 23:00
# pay in much of their cash late at night because that is when they close: normal for them. A
# business that declares it closes in the early evening and still pays most of its cash in late at
# night does not fit its own description (F3: activity mostly after business hours). The bank's
# records answer one question here, when the cash reached the bank; when the business actually
# traded is for the processor's records, the business's own books and what officers see.
#
# ### Worked example: who pays rent?
#
# Does an account pay rent or a lease? We look for debits whose memo mentions it, in any
# capitalization. `.str.upper()` makes all text capitals, so one spelling is enough; `fillna("")`
# turns missing memos into empty text first, because `.str.contains` cannot say yes or no to a
# missing value.

# %%
def pays_rent(tx):
    """Return the set of account_ids with at least one debit whose memo mentions RENT or LEASE."""
    memo = tx["memo"].fillna("").str.upper()
    rent = tx[(tx["direction"] == "debit") & (memo.str.contains("RENT") | memo.str.contains("LEASE"))]
    return set(rent["account_id"])


print(len(pays_rent(tx)), "accounts pay rent or a lease")


# %% [markdown]
# ### Exercise FR-5.2 (2 points): `pays_payroll`
#
# Write `pays_payroll(tx)`. It returns the **set of account ids** that made at least one **payroll
# payment**: a **debit** whose `memo` **or** `counterparty_name` contains the word `payroll` in any
# capitalization (`PAYROLL`, `Payroll` ...). That covers wages paid straight to staff at this bank
# (memo `PAYROLL`), batches sent through a payroll company (counterparty
# `PAYROLL SERVICE DIRECT DEPOSIT`, memo `PAYROLL 5 EMPLOYEES`) and payroll tax deposits
# (counterparty `FEDERAL PAYROLL TAX DEPOSIT`). A **credit** marked payroll is an employee *receiving*
# wages: it does not count. (Real statements name payroll in other ways too: a payroll company's
# name, such as a processor's batch, or a tax payment such as `IRS USATAXPYMT`. On real data, list
# the descriptors you find before you trust a word search.)

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr5_pays_payroll", "schema_version": 3}
def pays_payroll(tx):
    """Return the set of account_ids with at least one payroll payment (a debit)."""
    ### BEGIN SOLUTION
    text = (tx["memo"].fillna("") + " " + tx["counterparty_name"].fillna("")).str.upper()
    payroll = tx[(tx["direction"] == "debit") & text.str.contains("PAYROLL")]
    return set(payroll["account_id"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr5_pays_payroll_tests", "schema_version": 3}
def _check_fr5_pays_payroll():
    """Check that pays_payroll finds accounts paying wages, however the payroll is labeled."""
    import pandas as pd
    from course_checks import ids_of, same_ids, shuffled, unchanged

    tiny = pd.DataFrame({
        "account_id": ["B1", "B2", "B3", "E1", "B4", "B5"],
        "direction": ["debit", "debit", "debit", "credit", "debit", "debit"],
        "channel": ["ach", "ach", "ach", "ach", "ach", "card"],
        "amount": [1200.0, 5400.0, 800.0, 1200.0, 300.0, 25.0],
        "memo": ["PAYROLL", "PAYROLL 5 EMPLOYEES", None, "PAYROLL", "INVOICE", None],
        "counterparty_name": [None, "PAYROLL SERVICE DIRECT DEPOSIT", "Acme Payroll Services",
                              "MIDWEST BUILDERS PAYROLL", "SUPPLY CO", None],
    })
    tiny_before = tiny.copy()
    try:
        result = pays_payroll(tiny)
    except (ValueError, TypeError) as error:
        raise AssertionError(
            f"pays_payroll stopped with an error: {error}. Missing memos or names (NaN) cannot be "
            "searched: use .fillna('') before .str.contains(...)."
        ) from error

    found = ids_of(result, "pays_payroll", "account ids")
    assert "E1" not in found, (
        "E1 only RECEIVED a payroll credit: it is an employee being paid, not an employer. Count "
        "debits only (direction == 'debit')."
    )
    assert "B2" in found, (
        "B2 paid 'PAYROLL 5 EMPLOYEES' through a payroll company: look for the word inside the "
        "text with .str.contains('PAYROLL'), not for a memo that equals 'PAYROLL' exactly."
    )
    assert "B3" in found, (
        "B3 paid 'Acme Payroll Services' (counterparty_name, small letters). Search the "
        "counterparty_name as well as the memo, in any capitalization (.str.upper() first)."
    )
    assert "B1" in found, "B1 paid wages with the memo 'PAYROLL' and should be found."
    assert found == {"B1", "B2", "B3"}, f"Expected B1, B2 and B3; got {sorted(found)}."
    unchanged(tiny_before, tiny, "pays_payroll", "Perhaps a column was added or changed: leave "
              "`tx` as it is, and work with Series, or on tx.copy().")
    print("Visible tests passed: pays_payroll finds payroll payments.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/bank/transactions.csv")
    text = (full["memo"].fillna("") + " " + full["counterparty_name"].fillna("")).str.upper()
    is_payroll = (full["direction"] == "debit") & text.str.contains("PAYROLL")
    want = set(full.loc[is_payroll, "account_id"])
    got = ids_of(pays_payroll(shuffled(full, 6)), "pays_payroll(tx)", "account ids")
    same_ids(got, want, "On the bank's data", "accounts paying payroll", "Look at those accounts' "
             "debits and their memo and counterparty_name.")
    ### END HIDDEN TESTS


_check_fr5_pays_payroll()
del _check_fr5_pays_payroll


# %%
# Try your function (not graded): businesses that declare staff but never pay payroll.
# The last column, cash_vs_peers, comes from the cell that tries your FR-5.1 answer: run it first.
payers = pays_payroll(tx)
business_accounts = business_accounts.assign(pays_payroll=business_accounts["account_id"].isin(payers))
summary["pays_payroll"] = summary["customer_id"].map(
    business_accounts.groupby("customer_id")["pays_payroll"].any())
summary[(summary["declared_employees"] > 0) & ~summary["pays_payroll"]][
    ["name", "industry", "declared_employees", "cash_share", "cash_vs_peers"]]

# %% [markdown]
# Put the signals side by side: a business far more cash-heavy than its peers, paying its cash in
# late at night against its declared hours, with staff on paper and no payroll. One signal has
# innocent explanations; all of them together describe a front.
#
# An exploitative employer does not show up here: it runs a payroll. Its workers are paid on paper
# and then hand much of the money back, as "rent" or as repayments of a debt they were made to take
# on (the **exploitative employment** typology). A payroll check cannot see that; the next section
# can.
#
# ## FR-6 Controlled accounts: shared identifiers and same-day sweeps (117 min)
#
# People who are trafficked are often made to open bank accounts that someone else controls. The
# controller keeps the cards and the phone, enrolls the accounts in online banking on their own
# device, gives the same phone number or address for several people, pays cash in at branches along
# a route, and moves the money out the same day. Wages handed back to an employer look similar. The
# traces are **shared identifiers** (phones, devices, addresses) and **same-day sweeps**.
#
# Shared identifiers are also ordinary: families share a phone plan, a home computer and an
# address; students share flats; a farm houses its seasonal crew. We will see both.
#
# ### Worked example: a network with networkx
#
# A **graph** has **nodes** (things) and **edges** (links between two things). We put customers
# and their identifiers in one graph, with an edge from each customer to each phone, address and
# device they use. Customers who share an identifier are then connected through it. `networkx` finds
# the **connected components**: groups where you can walk from any node to any other along edges.

# %%
g = nx.Graph()
g.add_edge("CUS-AAA", "phone:316-555-0101")      # customer AAA uses this phone
g.add_edge("CUS-BBB", "phone:316-555-0101")      # so does BBB
g.add_edge("CUS-BBB", "address:ADR-1")
g.add_edge("CUS-CCC", "address:ADR-1")           # CCC lives where BBB lives
g.add_edge("CUS-DDD", "address:ADR-2")           # DDD shares nothing

print("Nodes:", g.number_of_nodes(), " Edges:", g.number_of_edges())
for component in nx.connected_components(g):
    print(sorted(component))


# %% [markdown]
# AAA and CCC share nothing directly, yet they are in one component through BBB. The prefixes
# `phone:`, `address:` and `device:` keep the kinds of identifier apart and make it easy to pick out
# the customers later (their ids start with `CUS-`).
#
# ### Exercise FR-6.1 (3 points): `build_identifier_graph`
#
# Write `build_identifier_graph(customers, parties)`. Return an **undirected** networkx `Graph`
# (`nx.Graph()`, as in the worked example: a link works both ways, so two customers who share a
# phone are connected whichever way you walk) with:
#
# - an edge from each customer id to `"phone:" + phone` and to `"address:" + address_id` (one row
#   of `customers` per customer);
# - an edge from each customer id to `"device:" + device_id` for every row of `parties` (the device
#   that enrolled that customer in online banking).
#
# Many customers never enrolled: their `device_id` is **missing**. Skip those rows; otherwise every
# one of them would be linked to a single made-up device called `nan`. Skip **only** those: a row
# with a device but a gap in another column (say, no `role` recorded) still gives its edge.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr6_identifier_graph", "schema_version": 3}
def build_identifier_graph(customers, parties):
    """Return a Graph linking each customer to their phone, address and online-banking devices."""
    ### BEGIN SOLUTION
    graph = nx.Graph()
    for customer, phone, address in zip(customers["customer_id"], customers["phone"],
                                        customers["address_id"]):
        graph.add_edge(customer, "phone:" + phone)
        graph.add_edge(customer, "address:" + address)
    enrolled = parties.dropna(subset=["device_id"])
    for customer, device in zip(enrolled["customer_id"], enrolled["device_id"]):
        graph.add_edge(customer, "device:" + device)
    return graph
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr6_identifier_graph_tests", "schema_version": 3}
def _check_fr6_identifier_graph():
    """Check that build_identifier_graph links customers to phones, addresses and real devices."""
    import networkx as nx
    import numpy as np
    import pandas as pd
    from course_checks import returned, shuffled, unchanged

    people = pd.DataFrame({
        "customer_id": ["CUS-1", "CUS-2", "CUS-3", "CUS-4"],
        "phone": ["316-555-0101", "316-555-0101", "316-555-0103", "316-555-0104"],
        "address_id": ["ADR-A", "ADR-B", "ADR-C", "ADR-C"],
    })
    links = pd.DataFrame({
        "account_id": ["ACC-1", "ACC-2", "ACC-3", "ACC-4", "ACC-5"],
        "customer_id": ["CUS-1", "CUS-2", "CUS-3", "CUS-4", "CUS-4"],
        "role": [np.nan, "owner", "owner", "owner", "joint_owner"],     # ACC-1: role not recorded
        "device_id": ["DEV-X", np.nan, np.nan, "DEV-Y", "DEV-Y"],
    })
    people_before, links_before = people.copy(), links.copy()
    try:
        graph = build_identifier_graph(people, links)
    except TypeError as error:
        raise AssertionError(
            f"build_identifier_graph stopped with an error: {error}. Some customers never enrolled "
            "a device, so their device_id is missing (NaN, a number). Skip those rows: "
            "parties.dropna(subset=['device_id'])."
        ) from error

    returned(graph, "build_identifier_graph")
    assert isinstance(graph, nx.Graph), (
        "build_identifier_graph should return a networkx Graph; it returned a "
        f"{type(graph).__name__}."
    )
    assert not graph.is_directed(), (
        f"build_identifier_graph returned a directed graph ({type(graph).__name__}), where a link "
        "goes one way only: CUS-1 and CUS-2 share a phone, yet you cannot walk from the phone to "
        "CUS-1. Use nx.Graph(), not nx.DiGraph()."
    )
    nodes = {str(n) for n in graph.nodes}
    assert not any("nan" in n.lower() for n in nodes), (
        "The graph has a node for a missing device ('device:nan'), which would link every customer "
        "who never enrolled. Skip rows with no device_id (parties.dropna(subset=['device_id']))."
    )
    assert graph.has_edge("CUS-1", "device:DEV-X"), (
        "CUS-1 enrolled device DEV-X (row ACC-1), but the graph has no edge CUS-1 - device:DEV-X. "
        "That row has no role recorded; it still has a device. Skip only the rows with no "
        "device_id: parties.dropna(subset=['device_id']), not parties.dropna()."
    )
    assert {"CUS-1", "CUS-2", "CUS-3", "CUS-4"} <= nodes, (
        "Every customer should be a node; the graph has "
        f"{sorted(n for n in nodes if n.startswith('CUS'))}."
    )
    expected_ids = {"phone:316-555-0101", "phone:316-555-0103", "phone:316-555-0104",
                    "address:ADR-A", "address:ADR-B", "address:ADR-C", "device:DEV-X",
                    "device:DEV-Y"}
    missing = expected_ids - nodes
    assert not missing, (
        f"These identifier nodes are missing: {sorted(missing)}. Name them 'phone:' + phone, "
        "'address:' + address_id and 'device:' + device_id."
    )
    assert nodes == expected_ids | {"CUS-1", "CUS-2", "CUS-3", "CUS-4"}, (
        f"Unexpected nodes: {sorted(nodes - expected_ids - {'CUS-1', 'CUS-2', 'CUS-3', 'CUS-4'})}."
    )
    assert graph.has_edge("CUS-1", "phone:316-555-0101") \
        and graph.has_edge("CUS-2", "phone:316-555-0101"), (
        "CUS-1 and CUS-2 both use phone 316-555-0101: each should have an edge to it."
    )
    assert graph.has_edge("CUS-4", "device:DEV-Y") and graph.has_edge("CUS-1", "device:DEV-X"), (
        "Each customer should have an edge to the device in their parties rows."
    )
    assert nx.has_path(graph, "CUS-1", "CUS-2") and nx.has_path(graph, "CUS-2", "CUS-1"), (
        "CUS-1 and CUS-2 share phone 316-555-0101, so each should be reachable from the other "
        "through it, in both directions."
    )
    assert not nx.has_path(graph, "CUS-2", "CUS-3"), (
        "CUS-2 and CUS-3 share nothing (neither enrolled a device) but the graph connects them."
    )
    assert graph.number_of_edges() == 10, (
        f"Expected 10 edges (4 phones, 4 addresses, 2 devices); the graph has "
        f"{graph.number_of_edges()}."
    )
    leave = ("Leave `customers` and `parties` as they are: parties.dropna(subset=['device_id']) "
             "gives a new table, without inplace=True.")
    unchanged(people_before, people, "build_identifier_graph", leave)
    unchanged(links_before, links, "build_identifier_graph", leave)
    print("Visible tests passed: build_identifier_graph links customers to their identifiers.")

    ### BEGIN HIDDEN TESTS
    bank_people = shuffled(pd.read_csv("data/bank/customers.csv"), 2)
    bank_links = shuffled(pd.read_csv("data/bank/account_parties.csv"), 2)
    got = build_identifier_graph(bank_people, bank_links)
    want_edges = set()
    for customer, phone, address in zip(bank_people["customer_id"], bank_people["phone"],
                                        bank_people["address_id"]):
        want_edges |= {frozenset((customer, "phone:" + phone)),
                       frozenset((customer, "address:" + address))}
    enrolled = bank_links.dropna(subset=["device_id"])
    for customer, device in zip(enrolled["customer_id"], enrolled["device_id"]):
        want_edges.add(frozenset((customer, "device:" + device)))
    got_edges = {frozenset((str(u), str(v))) for u, v in got.edges}
    missing = sorted(sorted(edge) for edge in want_edges - got_edges)
    extra = sorted(sorted(edge) for edge in got_edges - want_edges)
    assert got_edges == want_edges, (
        f"On the bank's data, expected {len(want_edges)} customer-identifier links; the graph has "
        f"{len(got_edges)} ({len(missing)} missing, e.g. {missing[:2]}; {len(extra)} unexpected, "
        f"e.g. {extra[:2]})."
    )
    ### END HIDDEN TESTS


_check_fr6_identifier_graph()
del _check_fr6_identifier_graph


# %% [markdown]
# ### Exercise FR-6.2 (2 points): `linked_groups`
#
# Write `linked_groups(graph, min_customers=3)`. Return a **list of sets**: for each connected
# component of `graph` that contains **at least `min_customers` customers**, the set of the
# **customer ids** in it (nodes starting with `CUS-`). Identifier nodes are not customers: do not
# count them and do not put them in the sets.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr6_linked_groups", "schema_version": 3}
def linked_groups(graph, min_customers=3):
    """Return a list of sets of customer ids: components with at least `min_customers` customers."""
    ### BEGIN SOLUTION
    groups = []
    for component in nx.connected_components(graph):
        members = {node for node in component if str(node).startswith("CUS-")}
        if len(members) >= min_customers:
            groups.append(members)
    return groups
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr6_linked_groups_tests", "schema_version": 3}
def _check_fr6_linked_groups():
    """Check that linked_groups returns the customers of each large enough component."""
    import networkx as nx
    import pandas as pd
    from course_checks import returned

    graph = nx.Graph()
    for customer in ["CUS-1", "CUS-2", "CUS-3"]:
        graph.add_edge(customer, "phone:316-555-0111")          # three customers, one phone
    graph.add_edge("CUS-4", "address:ADR-Y")                      # two customers, two identifiers
    graph.add_edge("CUS-5", "address:ADR-Y")
    graph.add_edge("CUS-5", "device:DEV-Z")
    graph.add_edge("CUS-4", "device:DEV-Z")
    graph.add_edge("CUS-6", "phone:316-555-0166")                 # one customer on their own
    for customer in ["CUS-7", "CUS-8", "CUS-9", "CUS-10"]:
        graph.add_edge(customer, "device:DEV-W")                  # four customers, one device
    nodes_before, edges_before = set(graph.nodes), set(graph.edges)
    result = linked_groups(graph)

    groups = [set(map(str, group)) for group in returned(result, "linked_groups")]
    assert not any(any(not node.startswith("CUS-") for node in group) for group in groups), (
        "The sets should hold customer ids only; some hold identifier nodes such as 'phone:...'. "
        "Keep the nodes that start with 'CUS-'."
    )
    assert {"CUS-4", "CUS-5"} not in groups, (
        "CUS-4 and CUS-5 are only 2 customers (their component has 4 nodes because of the address "
        "and device): count only the customer nodes."
    )
    found = sorted(sorted(group) for group in groups)
    assert found == [["CUS-1", "CUS-2", "CUS-3"], ["CUS-10", "CUS-7", "CUS-8", "CUS-9"]], (
        "Expected two groups, {CUS-1, CUS-2, CUS-3} and {CUS-7, CUS-8, CUS-9, CUS-10}; got "
        f"{found}."
    )
    pairs = sorted(sorted(map(str, group)) for group in linked_groups(graph, min_customers=2))
    assert ["CUS-4", "CUS-5"] in pairs and len(pairs) == 3, (
        f"With min_customers=2 there are three groups; got {pairs}. Use the argument min_customers "
        "and keep groups of exactly that size (>=)."
    )
    assert set(graph.nodes) == nodes_before and set(graph.edges) == edges_before, (
        "linked_groups changed the graph it was given (it added or removed nodes or edges). Only "
        "read it: take the components with nx.connected_components(graph)."
    )
    print("Visible tests passed: linked_groups finds groups of linked customers.")

    ### BEGIN HIDDEN TESTS
    assert [set(g) for g in linked_groups(graph, min_customers=5)] == [], (
        "With min_customers=5 no component is large enough; expected an empty list."
    )
    bank = pd.read_csv("data/bank/customers.csv")
    links = pd.read_csv("data/bank/account_parties.csv").dropna(subset=["device_id"])
    big = nx.Graph()
    for customer, phone, address in zip(bank["customer_id"], bank["phone"], bank["address_id"]):
        big.add_edge(customer, "phone:" + phone)
        big.add_edge(customer, "address:" + address)
    for customer, device in zip(links["customer_id"], links["device_id"]):
        big.add_edge(customer, "device:" + device)
    for needed in [2, 3, 6]:
        want = sorted(sorted(n for n in c if n.startswith("CUS-"))
                      for c in nx.connected_components(big)
                      if sum(n.startswith("CUS-") for n in c) >= needed)
        got = sorted(sorted(map(str, group)) for group in linked_groups(big, min_customers=needed))
        assert got == want, (
            f"On the bank's identifier graph with min_customers={needed}, expected {len(want)} "
            f"groups; got {len(got)}. Missing e.g. {[g for g in want if g not in got][:1]}; not "
            f"expected e.g. {[g for g in got if g not in want][:1]}."
        )
    ### END HIDDEN TESTS


_check_fr6_linked_groups()
del _check_fr6_linked_groups


# %%
# Try your functions (not graded).
graph = build_identifier_graph(customers, parties)
groups = linked_groups(graph)
print(len(groups), "groups of 3 or more linked customers; their sizes:",
      sorted((len(group) for group in groups), reverse=True))


# %% [markdown]
# Small groups are what households look like: two or three people at one address, often sharing a
# home computer. Size alone tells us little. How many **accounts** does a group reach?
#
# ### Worked example: how many devices does a group use?
#
# To count different things, pick the rows that belong to the group and use `nunique()`; missing
# values are not counted.

# %%
def count_devices(group, parties):
    """Return how many different devices enrolled the customers in `group`."""
    rows = parties[parties["customer_id"].isin(group)]
    return rows["device_id"].nunique()


largest = max(groups, key=len)
print(f"The largest group has {len(largest)} customers using "
      f"{count_devices(largest, parties)} different device(s).")


# %% [markdown]
# ### Exercise FR-6.3 (2 points): `count_accounts`
#
# Write `count_accounts(group, parties)`. `group` is a set (or list) of customer ids. Return the
# **number of different accounts** on which any of them appears in `parties`, in any role (owner,
# joint owner, authorized signer, beneficial owner).
#
# Careful: a **joint account** appears once for each of its holders. A husband and wife in the same
# group who share one account hold **one** account between them, not two. Counting rows would count
# it twice.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr6_count_accounts", "schema_version": 3}
def count_accounts(group, parties):
    """Return how many different accounts the customers in `group` are parties to."""
    ### BEGIN SOLUTION
    rows = parties[parties["customer_id"].isin(group)]
    return rows["account_id"].nunique()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr6_count_accounts_tests", "schema_version": 3}
def _check_fr6_count_accounts():
    """Check that count_accounts counts each account once, however many group members share it."""
    import pandas as pd
    from course_checks import returned, shuffled, unchanged

    links = pd.DataFrame({
        "account_id": ["ACC-1", "ACC-1", "ACC-2", "ACC-3", "ACC-4", "ACC-5", "ACC-6", "ACC-7"],
        "customer_id": ["C1", "C2", "C1", "C2", "C3", "C9", "C2", "C3"],
        "role": ["owner", "joint_owner", "owner", "owner", "owner", "owner", "authorized_signer",
                 "beneficial_owner"],
        "device_id": ["D1", "D1", "D1", "D1", None, "D9", "D1", None],
    })
    links_before = links.copy()
    group = {"C1", "C2", "C3"}
    result = count_accounts(group, links)

    returned(result, "count_accounts")
    assert not isinstance(result, (pd.Series, pd.DataFrame, set, list)), (
        f"count_accounts should return one number; it returned a {type(result).__name__}."
    )
    assert int(result) != 7, (
        "count_accounts gave 7: ACC-1 is a joint account of C1 and C2, so it was counted twice. "
        "Count different accounts with nunique(), not rows."
    )
    assert int(result) != 3, (
        "count_accounts gave 3, the number of customers; count their different accounts instead."
    )
    assert int(result) == 6, (
        f"C1, C2 and C3 are parties to ACC-1, ACC-2, ACC-3, ACC-4, ACC-6 (C2 signs for it) and "
        f"ACC-7 (C3 is its beneficial owner): 6 accounts, in any role; got {result}. ACC-5 belongs "
        "to C9, who is not in the group."
    )
    assert int(count_accounts(["C3"], links)) == 2, (
        "A group given as a list should work too: C3 is a party to 2 accounts (ACC-4, ACC-7)."
    )
    assert group == {"C1", "C2", "C3"}, (
        f"count_accounts changed the group it was given (it now holds {sorted(group)}). Leave "
        "`group` as it is: collect the accounts in a new set instead."
    )
    unchanged(links_before, links, "count_accounts", "Leave `parties` as it is: select rows "
              "into a new name instead.")
    print("Visible tests passed: count_accounts counts shared accounts once.")

    ### BEGIN HIDDEN TESTS
    assert int(count_accounts(set(), links)) == 0, "An empty group has 0 accounts."
    assert int(count_accounts({"C9", "C404"}, links)) == 1, (
        "A customer with no rows (C404) adds nothing: {C9, C404} has 1 account."
    )
    bank_links = shuffled(pd.read_csv("data/bank/account_parties.csv"), 12)
    people = sorted(bank_links["customer_id"].unique())
    for start in range(0, len(people), 37):
        group = set(people[start:start + 40])
        want = bank_links.loc[bank_links["customer_id"].isin(group), "account_id"].nunique()
        got = int(count_accounts(group, bank_links))
        assert got == want, (
            f"On the bank's parties, a group of {len(group)} customers holds {want} different "
            f"accounts; count_accounts gave {got}."
        )
    ### END HIDDEN TESTS


_check_fr6_count_accounts()
del _check_fr6_count_accounts


# %%
# Try your function (not graded): groups that reach 5 or more accounts.
table = pd.DataFrame({
    "customers": [len(group) for group in groups],
    "accounts": [count_accounts(group, parties) for group in groups],
    "devices": [count_devices(group, parties) for group in groups],
})
table.sort_values("accounts", ascending=False).head(6)

# %% [markdown]
# ### Worked example: draw the large groups
#
# A picture of each group shows **what** links them: one address, or a phone and a device as well.
# Customers are circles; phones, addresses and devices have their own shape **and** color, so the
# figure reads in black and white too.

# %%
large = [group for group in groups if count_accounts(group, parties) >= 5]
large = sorted(large, key=len)
kinds = {"CUS": ("customer", "o", COLORS[0]), "phone": ("phone", "s", COLORS[1]),
         "address": ("address", "^", COLORS[2]), "device": ("device", "D", COLORS[3])}

fig, axes = plt.subplots(1, len(large), figsize=(5 * len(large), 5), squeeze=False)
for ax, group in zip(axes[0], large):
    nodes = set(group) | {n for member in group for n in graph.neighbors(member)}
    picture = graph.subgraph(nodes)
    where = nx.spring_layout(picture, seed=1)
    for prefix, (label, marker, color) in kinds.items():
        these = [n for n in picture if str(n).startswith(prefix)]
        nx.draw_networkx_nodes(picture, where, nodelist=these, node_shape=marker,
                               node_color=color, edgecolors="black", node_size=160,
                               label=label, ax=ax)
    nx.draw_networkx_edges(picture, where, ax=ax, alpha=0.6)
    ax.set_title(f"{len(group)} customers, {count_accounts(group, parties)} accounts")
    ax.set_xlabel("Position has no meaning: only the links do")
handles, labels = axes[0][0].get_legend_handles_labels()
fig.legend(handles, labels, loc="lower center", ncol=4)
fig.suptitle("Groups of customers linked by shared phones, addresses and devices")
fig.tight_layout(rect=(0, 0.07, 1, 1))
plt.show()
for number, group in enumerate(large, start=1):
    shared = {n for member in group for n in graph.neighbors(member)}
    count = {kind: sum(str(n).startswith(kind + ":") for n in shared)
             for kind in ["phone", "address", "device"]}
    print(f"Panel {number}: {len(group)} customers share {count['phone']} phone(s), "
          f"{count['address']} address(es) and {count['device']} device(s).")

# %% [markdown]
# *Figure description:* One network drawing per linked group that reaches five or more accounts,
# with customers as circles and phones (squares), addresses (triangles) and devices (diamonds) as
# separate shapes. The lines printed under the figure say, for each panel from left to right, how
# many phones, addresses and devices its customers share: compare a group whose members each keep
# their own phone and device with a group hanging from a single device.
#
# A shared address alone is what a farm crew, a family or a student house look like. One device
# enrolling the accounts of many unrelated adults is rarer. But neither proves control. What
# happens to the **money** does.
#
# ### Worked example: one account, day by day
#
# Controllers take the money out quickly: cash paid in during the day, sent on the same evening.
# For one account we add up, per **local calendar day**, the money paid in (credits) and the money
# sent on by `p2p` transfer to another account at this bank (a debit with a
# `counterparty_account_id`). We look at the account that made the most such transfers. (Sweeps to
# accounts at other banks or payment apps show here only as a debit with a name; following them
# takes legal process to the app's provider or the other bank.)

# %%
sent = tx[(tx["direction"] == "debit") & (tx["channel"] == "p2p")
          & tx["counterparty_account_id"].notna()]
example = sent["account_id"].value_counts().index[0]
rows = tx[tx["account_id"] == example].copy()
rows["day"] = pd.to_datetime(rows["ts_local"]).dt.date       # the local calendar day

is_in = rows["direction"] == "credit"
is_sent = (rows["direction"] == "debit") & (rows["channel"] == "p2p") \
    & rows["counterparty_account_id"].notna()
daily = pd.DataFrame({
    "paid_in": rows[is_in].groupby("day")["amount"].sum(),
    "sent_on": rows[is_sent].groupby("day")["amount"].sum(),
}).fillna(0)
daily["swept"] = np.minimum(daily["paid_in"], daily["sent_on"])   # no more than came in that day
print(f"Account {example}: {daily['swept'].sum() / daily['paid_in'].sum():.0%} of the money "
      "paid in was sent on the same day.")
daily.head(8)


# %% [markdown]
# `np.minimum` takes the smaller of two numbers, row by row: on a day with $500 in and $2,000 sent
# on, only $500 of that day's money can have been "swept"; the rest came from earlier days.
#
# ### Exercise FR-6.4 (3 points): `same_day_sweep_share`
#
# Write `same_day_sweep_share(tx)`. For **every account** with money paid in, return a **Series
# labeled by `account_id`**: the share (0 to 1) of its credits that were sent on **the same local
# calendar day** by `p2p` transfer to another account at this bank. As in the worked example, per
# account and day:
#
# - `paid_in` = the sum of all credits that day;
# - `sent_on` = the sum of debits through `p2p` with a `counterparty_account_id` that day;
# - `swept` = the smaller of the two;
#
# and the account's share is the sum of `swept` over all days divided by the sum of `paid_in`.
# Use the local day from `ts_local`, not UTC: an evening transfer at 22:30 in Wichita is already the
# next day in UTC. The bank's customers live in three time zones (`utc_offset` of -05:00, -06:00
# or -07:00); the local day is the date in `ts_local` as written, with no conversion. Card payments,
# ACH payments (even to an account at this bank) and transfers to other banks are not sweeps; a
# `p2p` transfer that comes **in** is a credit: money paid in, not sent on.
#
# The function is **partly written**: three steps are yours, each marked by a comment that names
# the variables it must create; the last two lines, which put the daily sums together, are given.
#
# Hint: first make a new table with a `day` column, `table = tx.assign(day=...)` (this leaves `tx`
# as it was), then group by two things at once: `table.groupby(["account_id", "day"])`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr6_sweep_share", "schema_version": 3}
def same_day_sweep_share(tx):
    """Return a Series by account_id: the share of money paid in that is sent on the same day."""
    # Step 1: table, tx with a new column `day`: the local calendar day of each row.
    ### BEGIN SOLUTION
    table = tx.assign(day=pd.to_datetime(tx["ts_local"]).dt.date)
    ### END SOLUTION
    # Step 2: is_in and is_sent, True/False for each row of table: money paid in; money sent on
    # by p2p to an account at this bank.
    ### BEGIN SOLUTION
    is_in = table["direction"] == "credit"
    is_sent = ((table["direction"] == "debit") & (table["channel"] == "p2p")
               & table["counterparty_account_id"].notna())
    ### END SOLUTION
    # Step 3: paid_in and sent_on, the sums of amount per account and day (group by both).
    ### BEGIN SOLUTION
    paid_in = table[is_in].groupby(["account_id", "day"])["amount"].sum()
    sent_on = table[is_sent].groupby(["account_id", "day"])["amount"].sum()
    ### END SOLUTION
    # Given: a day with nothing sent on counts 0; per day the smaller of the two; then the shares.
    swept = np.minimum(paid_in, sent_on.reindex(paid_in.index, fill_value=0))
    return swept.groupby(level="account_id").sum() / paid_in.groupby(level="account_id").sum()


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr6_sweep_share_tests", "schema_version": 3}
def _check_fr6_sweep_share():
    """Check that same_day_sweep_share compares money in and p2p money out, day by local day."""
    import numpy as np
    import pandas as pd
    from course_checks import same_values, shuffled, unchanged, values_of

    columns = ["account_id", "ts_local", "utc_offset", "direction", "channel", "amount",
               "counterparty_account_id", "counterparty_name"]
    tiny = pd.DataFrame([
        ["K1", "2025-03-03 10:00:00", "-06:00", "credit", "cash", 500.0, None, None],
        ["K1", "2025-03-03 22:30:00", "-06:00", "debit", "p2p", 450.0, "ACC-X", "R SMITH"],
        ["K1", "2025-03-05 11:00:00", "-06:00", "credit", "cash", 500.0, None, None],
        ["K1", "2025-03-06 09:00:00", "-06:00", "debit", "p2p", 500.0, "ACC-X", "R SMITH"],
        ["K2", "2025-03-10 03:00:00", "-05:00", "credit", "ach", 1000.0, None, "ACME PAYROLL"],
        ["K2", "2025-03-10 12:00:00", "-05:00", "debit", "p2p", 2000.0, "ACC-Y", "T JONES"],
        ["K3", "2025-03-12 12:00:00", "-05:00", "credit", "cash", 800.0, None, None],
        ["K3", "2025-03-12 18:00:00", "-05:00", "debit", "card", 300.0, None, "GROCER"],
        ["K3", "2025-03-12 19:00:00", "-05:00", "debit", "p2p", 200.0, None, "J DOE (OTHER BANK)"],
        ["K3", "2025-03-12 20:00:00", "-05:00", "debit", "ach", 250.0, "ACC-L", "LANDLORD LLC"],
        ["K4", "2025-03-14 12:00:00", "-05:00", "debit", "p2p", 100.0, "ACC-Z", "A LEE"],
        ["K5", "2025-03-07 09:00:00", "-07:00", "credit", "p2p", 600.0, "ACC-W", "M BROWN"],
        ["K5", "2025-03-07 21:30:00", "-07:00", "debit", "p2p", 150.0, "ACC-Z", "A LEE"],
        ["K6", "2025-03-04 00:30:00", "-05:00", "credit", "cash", 400.0, None, None],
        ["K6", "2025-03-04 20:00:00", "-05:00", "debit", "p2p", 400.0, "ACC-Y", "T JONES"],
        ["K7", "2025-03-08 10:00:00", "-06:00", "credit", "cash", 300.0, None, None],
        ["K7", "2025-03-08 15:00:00", "-06:00", "credit", "cash", 200.0, None, None],
        ["K7", "2025-03-08 20:00:00", "-06:00", "debit", "p2p", 100.0, "ACC-Z", "A LEE"],
        ["K7", "2025-03-08 21:00:00", "-06:00", "debit", "p2p", 200.0, "ACC-Z", "A LEE"],
        ["K8", "2025-03-09 10:00:00", "-05:00", "credit", "cash", 500.0, None, None],
        ["K8", "2025-04-09 10:00:00", "-05:00", "debit", "p2p", 500.0, "ACC-X", "R SMITH"],
    ], columns=columns, index=range(100, 121))
    tiny_before = tiny.copy()
    result = same_day_sweep_share(tiny)

    labeled = "a Series labeled by account_id"
    shares = values_of(result, "same_day_sweep_share", labeled)
    shares = {k: v for k, v in shares.items() if not pd.isna(v)}
    assert {"K1", "K2", "K3", "K5", "K6", "K7", "K8"} <= set(shares), (
        "Expected a share for K1, K2, K3, K5, K6, K7 and K8 (accounts with money paid in); got "
        f"labels {sorted(shares)}."
    )
    assert not (np.isclose(shares["K1"], 0.0) and np.isclose(shares["K3"], 0.0)), (
        "K1's $450 transfer at 22:30 local time is on the same day as its $500 deposit, but your "
        "function put them on different days: at -06:00, 22:30 is already 04:30 the next day in "
        "UTC. Use the local day: pd.to_datetime(tx['ts_local']).dt.date."
    )
    assert not np.isclose(shares["K1"], 0.95), (
        "K1's second $500 was sent on the NEXT day (5 and 6 March): it is not a same-day sweep. "
        "Compare money in and out day by day, not over the whole period."
    )
    assert np.isclose(shares["K1"], 0.45), (
        f"K1 paid in $1,000 and sent on $450 on the same day: share 0.45; got {shares['K1']:.3f}."
    )
    assert shares["K2"] <= 1.0 + 1e-9, (
        f"K2's share is {shares['K2']:.2f}, more than 1: on 10 March it sent on $2,000 but only "
        "$1,000 came in that day. Cap each day at the money paid in: np.minimum(paid_in, sent_on)."
    )
    assert np.isclose(shares["K2"], 1.0), f"K2 should have a share of 1.0; got {shares['K2']:.3f}."
    assert np.isclose(shares["K3"], 0.0), (
        "K3 spent by card, paid someone at another bank (p2p, no counterparty_account_id) and paid "
        "rent by ACH to an account at this bank: none is a sweep, so its share is 0; got "
        f"{shares['K3']:.3f}. Count only p2p debits with a counterparty_account_id."
    )
    assert not np.isclose(shares["K5"], 1.0), (
        "K5 received $600 by p2p from another account at this bank: that is money paid IN (a "
        "credit), not money sent on. Count only debits (direction == 'debit') as sent_on."
    )
    assert np.isclose(shares["K5"], 0.25), (
        "K5 (utc_offset -07:00) was paid $600 at 09:00 and sent $150 on by p2p at 21:30 the same "
        f"local day: share 0.25; got {shares['K5']:.3f}. Use the local day from ts_local."
    )
    assert np.isclose(shares["K6"], 1.0), (
        "K6 (utc_offset -05:00) paid in $400 at 00:30 and sent $400 on by p2p at 20:00, both on 4 "
        f"March local time: share 1.0; got {shares['K6']:.3f}. Take the day from ts_local as "
        "written, without converting it to UTC or to another time zone."
    )
    assert np.isclose(shares["K7"], 0.6), (
        "On 8 March K7 was paid $300 and $200 ($500) and sent on $100 and $200 ($300): share "
        f"300 / 500 = 0.6; got {shares['K7']:.3f}. Add up each day's credits and each day's "
        "transfers with sum(), not mean()."
    )
    assert np.isclose(shares["K8"], 0.0), (
        "K8 was paid $500 on 9 March and sent $500 on 9 April, a month later: not the same day, so "
        f"its share is 0; got {shares['K8']:.3f}. Group by the whole date (.dt.date), not the day "
        "of the month (.dt.day)."
    )
    unchanged(tiny_before, tiny, "same_day_sweep_share", "Perhaps a `day` column was added to "
              "it: add columns to a copy, table = tx.assign(day=...) or tx.copy().")
    print("Visible tests passed: same_day_sweep_share finds money sent on the same day.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/bank/transactions.csv")
    mixed = shuffled(full, 10, first_label=1000)
    full = full.assign(day=full["ts_local"].str.slice(0, 10))
    paid = full[full["direction"] == "credit"].groupby(["account_id", "day"])["amount"].sum()
    out_mask = (full["direction"] == "debit") & (full["channel"] == "p2p") \
        & full["counterparty_account_id"].notna()
    out = full[out_mask].groupby(["account_id", "day"])["amount"].sum()
    swept = np.minimum(paid, out.reindex(paid.index, fill_value=0))
    want = (swept.groupby(level=0).sum() / paid.groupby(level=0).sum()).to_dict()
    got = values_of(same_day_sweep_share(mixed), "same_day_sweep_share(tx)", labeled)
    got = {k: v for k, v in got.items() if pd.notna(v)}
    same_values(got, want, "On the bank's data", "share", "accounts with money paid in",
                "account_id")
    ### END HIDDEN TESTS


_check_fr6_sweep_share()
del _check_fr6_sweep_share


# %%
# Try your function (not graded): accounts that send on most of what comes in, the same day.
shares = same_day_sweep_share(tx)
swept = shares[shares >= 0.5].sort_values(ascending=False)
holders = owners.merge(customers, on="customer_id")[["account_id", "customer_id", "occupation",
                                                     "address_id"]]
found = holders[holders["account_id"].isin(swept.index)].copy()
found["share"] = found["account_id"].map(swept).round(2)
found["sent_to"] = found["account_id"].map(
    sent.groupby("account_id")["counterparty_account_id"].agg(lambda to: to.value_counts().index[0]))
print(f"{len(found)} accounts send on at least half of what is paid in, the same day; they send "
      f"most of it to {found['sent_to'].nunique()} different account(s).")
found.sort_values("sent_to")

# %% [markdown]
# Read the line above the table and the `sent_to` column: how many receiving accounts do the swept
# accounts send to? Some swept accounts are fed by **cash** paid in along a route; others by
# **wages** that go back within hours. Check which linked group each belongs to.
#
# The people who hold the swept accounts may be the people being exploited. In this course they
# are **safeguarding leads**, never suspects: a flag on their account is a reason to find them and
# offer help, with victim services involved; not a reason to question them as suspects, to have
# their accounts closed without warning, or to contact them where a controller could see it. The
# account that **receives** the sweeps is where the investigation of a **subject** starts.
#
# ### Worked example: who pays into one receiving account?
#
# Take the account that the most swept accounts send to, and count the **different** accounts that
# sent it money by `p2p` (each transfer is a debit on the sender's account, naming the receiver in
# `counterparty_account_id`).

# %%
receiving = found["sent_to"].value_counts().index[0]
into = sent[sent["counterparty_account_id"] == receiving]
print(f"Account {receiving} received {len(into)} p2p transfers from {into['account_id'].nunique()} "
      f"different accounts, {into['account_id'].isin(swept.index).sum()} transfers of them from "
      "swept accounts.")


# %% [markdown]
# ### Exercise FR-6.5 (3 points): `sweep_receivers`
#
# Write `sweep_receivers(tx, senders, min_senders=2)`. `senders` holds account ids (a set, a list or
# a Series): the accounts whose money is swept. Return the **set of account ids** that were sent
# money by `p2p` transfer from **at least `min_senders` different accounts in `senders`**.
#
# A transfer between two accounts of this bank appears twice: a debit on the sender's account and a
# credit on the receiver's. Use the **debits** of the senders with channel `p2p`; the receiving
# account is their `counterparty_account_id`. Count **different** senders: one sender paying the
# same account fifty times is one sender. Transfers from accounts that are not in `senders`, money
# the senders **receive**, card payments and ACH payments (rent to a landlord who banks here, for
# example) do not count.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr6_sweep_receivers", "schema_version": 3}
def sweep_receivers(tx, senders, min_senders=2):
    """Return the set of account_ids that receive p2p transfers from `min_senders` or more senders."""
    ### BEGIN SOLUTION
    sent_on = tx[(tx["direction"] == "debit") & (tx["channel"] == "p2p")
                 & tx["account_id"].isin(set(senders))]
    senders_per_receiver = sent_on.groupby("counterparty_account_id")["account_id"].nunique()
    return set(senders_per_receiver[senders_per_receiver >= min_senders].index)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr6_sweep_receivers_tests", "schema_version": 3}
def _check_fr6_sweep_receivers():
    """Check that sweep_receivers counts the different swept accounts that pay each account."""
    import pandas as pd
    from course_checks import ids_of, same_ids, shuffled, unchanged

    columns = ["account_id", "direction", "channel", "amount", "counterparty_account_id", "memo"]
    tiny = pd.DataFrame([
        ["S1", "credit", "cash", 500.0, None, None],
        ["S1", "debit", "p2p", 450.0, "R1", "rent"],       # R1 is paid by S1 and S2
        ["R1", "credit", "p2p", 450.0, "S1", "rent"],
        ["S2", "debit", "p2p", 300.0, "R1", "room"],
        ["R1", "credit", "p2p", 300.0, "S2", "room"],
        ["S2", "debit", "p2p", 200.0, "R1", "phone"],
        ["R1", "credit", "p2p", 200.0, "S2", "phone"],
        ["S3", "debit", "p2p", 100.0, "R2", "loan"],       # R2 is paid three times, by S3 alone
        ["R2", "credit", "p2p", 100.0, "S3", "loan"],
        ["S3", "debit", "p2p", 100.0, "R2", "loan"],
        ["R2", "credit", "p2p", 100.0, "S3", "loan"],
        ["S3", "debit", "p2p", 100.0, "R2", "loan"],
        ["R2", "credit", "p2p", 100.0, "S3", "loan"],
        ["S3", "debit", "p2p", 80.0, "R3", "dinner"],      # R3: S3 and X1, who is not swept
        ["R3", "credit", "p2p", 80.0, "S3", "dinner"],
        ["X1", "debit", "p2p", 60.0, "R3", "dinner"],
        ["R3", "credit", "p2p", 60.0, "X1", "dinner"],
        ["S1", "debit", "ach", 700.0, "L1", "RENT"],       # rent by ACH to a landlord at the bank
        ["L1", "credit", "ach", 700.0, "S1", "RENT"],
        ["S2", "debit", "ach", 700.0, "L1", "RENT"],
        ["L1", "credit", "ach", 700.0, "S2", "RENT"],
        ["S4", "debit", "ach", 700.0, "L1", "RENT"],
        ["L1", "credit", "ach", 700.0, "S4", "RENT"],
        ["P1", "debit", "p2p", 50.0, "S1", "gift"],        # P1 pays S1 and S2: money IN to them
        ["S1", "credit", "p2p", 50.0, "P1", "gift"],
        ["P1", "debit", "p2p", 50.0, "S2", "gift"],
        ["S2", "credit", "p2p", 50.0, "P1", "gift"],
        ["S1", "debit", "card", 30.0, None, None],
        ["S2", "debit", "card", 25.0, None, None],
    ] + [[s, "debit", "p2p", 90.0, "R4", "rent"] for s in ["S1", "S2", "S3", "S4"]]
      + [["R4", "credit", "p2p", 90.0, s, "rent"] for s in ["S1", "S2", "S3", "S4"]],
        columns=columns, index=range(300, 337))
    tiny_before = tiny.copy()
    senders = {"S1", "S2", "S3", "S4"}
    result = sweep_receivers(tiny, senders)

    assert not isinstance(result, (pd.DataFrame, pd.Series)), (
        "Return the set of receiving account ids (for example set(counts.index)), not a table or a "
        "Series of counts."
    )
    found = ids_of(result, "sweep_receivers", "receiving account ids")
    assert "P1" not in found, (
        "P1 SENT money to S1 and S2 (a credit on their accounts): it is not where their money "
        "goes. Use the senders' debits only (direction == 'debit')."
    )
    assert "L1" not in found, (
        "L1 is a landlord paid by ACH (channel 'ach'), not a p2p transfer. Keep channel == 'p2p'."
    )
    assert "R2" not in found, (
        "R2 received three transfers, but all from one account (S3): that is one sender, not "
        "three. Count different sending accounts with nunique(), not transfers."
    )
    assert "R3" not in found, (
        "R3 was paid by S3 and by X1, but X1 is not in `senders`: only one of the senders pays R3. "
        "Keep only the rows whose account_id is in senders (.isin(senders))."
    )
    assert "R1" in found, (
        "R1 is paid by exactly two senders (S1 and S2), which is enough for min_senders=2 (at least "
        "2: use >=)."
    )
    assert found == {"R1", "R4"}, f"Expected R1 and R4; got {sorted(found)}."
    only_four = ids_of(sweep_receivers(tiny, senders, min_senders=3),
                       "sweep_receivers(tiny, senders, min_senders=3)", "receiving account ids")
    assert only_four == {"R4"}, (
        f"With min_senders=3 only R4 (paid by S1, S2, S3 and S4) is left; got {sorted(only_four)}. "
        "Use the argument min_senders, not the number 2."
    )
    as_list = ids_of(sweep_receivers(tiny, ["S1", "S2"]), "sweep_receivers(tiny, ['S1', 'S2'])",
                     "receiving account ids")
    assert as_list == {"R1", "R4"}, (
        f"With senders given as a list ['S1', 'S2'], expected R1 and R4; got {sorted(as_list)}."
    )
    unchanged(tiny_before, tiny, "sweep_receivers", "Leave `tx` as it is: select rows into a "
              "new name.")
    assert senders == {"S1", "S2", "S3", "S4"}, (
        f"sweep_receivers changed the set of senders it was given (now {sorted(senders)}). Leave "
        "`senders` as it is: use it only to pick rows, e.g. tx['account_id'].isin(senders)."
    )
    print("Visible tests passed: sweep_receivers follows the swept money to where it goes.")

    ### BEGIN HIDDEN TESTS
    as_series = pd.Series(["S3", "S4"], index=[7, 8])
    got = ids_of(sweep_receivers(tiny, as_series), "sweep_receivers(tiny, as_series)")
    assert got == {"R4"}, f"With senders S3 and S4 given as a Series, expected R4; got {sorted(got)}."
    anyone = ids_of(sweep_receivers(tiny, senders, min_senders=1), "sweep_receivers(...)")
    assert anyone == {"R1", "R2", "R3", "R4"}, (
        f"With min_senders=1, every account paid by p2p by a sender counts; got {sorted(anyone)}."
    )
    assert ids_of(sweep_receivers(tiny, set()), "sweep_receivers(tiny, set())") == set(), (
        "With no senders, nothing is a receiver."
    )
    full = pd.read_csv("data/bank/transactions.csv")
    mixed = shuffled(full, 14, first_label=5000)
    credits = full[(full["direction"] == "credit") & (full["channel"] == "p2p")]
    busy = list(full.loc[(full["direction"] == "debit") & (full["channel"] == "p2p"),
                         "account_id"].value_counts().index)
    for group, needed in [(busy[:20], 2), (busy, 2), (busy[::2], 3), (busy[:40], 1)]:
        paid_by = credits[credits["counterparty_account_id"].isin(group)]
        counts = paid_by.groupby("account_id")["counterparty_account_id"].nunique()
        want = set(counts[counts >= needed].index)
        got = ids_of(sweep_receivers(mixed, group, min_senders=needed), "sweep_receivers(...)")
        same_ids(got, want, f"On the bank's data, with {len(group)} senders and "
                 f"min_senders={needed}", "receiving accounts")
    ### END HIDDEN TESTS


_check_fr6_sweep_receivers()
del _check_fr6_sweep_receivers


# %%
# Try your function (not graded): where the swept money goes.
receiving = sweep_receivers(tx, swept.index)
into = sent[sent["account_id"].isin(swept.index) & sent["counterparty_account_id"].isin(receiving)]
receivers_table = holders[holders["account_id"].isin(receiving)].copy()
receivers_table["swept_accounts_paying_in"] = receivers_table["account_id"].map(
    into.groupby("counterparty_account_id")["account_id"].nunique())
receivers_table


# %% [markdown]
# ## FR-7 Two transparent scores: subjects and safeguarding leads (141 min)
#
# No single indicator separates trafficking from ordinary life, so analysts add up points for the
# indicators a customer shows. A **transparent** score is one where every point can be explained
# ("3 points because most of the money paid in left the same day"), so an investigator, a supervisor
# or a court can check it line by line.
#
# The same records show two kinds of people. Some **organize or profit**: the holder of the account
# that receives the sweeps, the people who break cash into deposits under $10,000, a business that
# takes cash it cannot explain. Others **appear to be exploited**: their accounts are filled and
# emptied by someone else, and someone else did the talking when they were opened. A single score
# that adds all the indicators together ranks both kinds on one list, and a list of people to
# investigate must never have the people a controller exploits near its top. So we build **two
# scores** from one table of indicators:
#
# - a **subject score**, from indicators of organizing or profiting: who may become a *subject* of
#   the investigation;
# - a **safeguarding score**, from indicators that a person may be controlled or exploited: a
#   *safeguarding lead*, someone to find and offer help to, with victim services, and never a
#   suspect on this evidence.
#
# Each is then measured against its own kind of confirmed case.
#
# ### The indicator table
#
# One row per customer, one True/False column per indicator. Each is one or two lines of pandas,
# from part 1 (imported in the second cell of this notebook), from your functions in FR-5 and FR-6,
# or straight from FIN-2020-A008 (codes in the comments).
#
# **The cell below calls all seven of your FR-5 and FR-6 functions**, and FR-7 and FR-8 build on
# it: if one of those exercises is not finished, the cell stops with an error that names it.
# Finish that exercise first; if you are stuck on one, ask your instructor for its model answer so
# that you can go on (it then earns no points), or, working alone, copy that one function from the
# answer key (`answer_keys/01b_financial_red_flags/` in the file browser).

# %%
def customers_of(account_ids):
    """The customers who own (or jointly own) any of these accounts."""
    return set(owners.loc[owners["account_id"].isin(set(account_ids)), "customer_id"])


indicators = customers[["customer_id", "kind", "occupation", "industry"]].copy()


def mark(name, customer_ids):
    indicators[name] = indicators["customer_id"].isin(set(customer_ids))


# Organizing or profiting: for the subject score
mark("structuring", customers_of(structuring_accounts))                            # part 1, F10
teller = visits[(visits["interaction_type"] == "cash_deposit")
                & visits["account_id"].isin(structuring_accounts)]
mark("deposits_for_structuring", teller["third_party_customer_id"].dropna())        # F10
mark("funnel", customers_of(funnel_accounts))                                      # part 1
mark("spending_out_of_profile", spending_out_of_profile)                          # part 1, F2
mark("receives_sweeps", customers_of(sweep_receivers(tx, swept.index)))            # FR-6
wages = tx[(tx["direction"] == "debit") & tx["memo"].fillna("").str.upper().str.contains("PAYROLL")]
paid = wages[wages["counterparty_account_id"].isin(swept.index)]
paid = paid.groupby("account_id")["counterparty_account_id"].nunique()
mark("payroll_to_swept_accounts", customers_of(paid[paid >= 2].index))             # wages returned
ratios = cash_vs_peers(summary)
mark("cash_far_above_peers", ratios[ratios >= 2].index)                            # F3
staffed = businesses.loc[businesses["declared_employees"] > 0, "customer_id"]
mark("no_payroll", set(staffed) - customers_of(pays_payroll(tx)))                 # FIN-2014-A008
fronts = indicators.loc[indicators["cash_far_above_peers"] & indicators["no_payroll"], "customer_id"]
front_accounts = owners.loc[owners["customer_id"].isin(fronts), "account_id"]
others = parties[parties["account_id"].isin(front_accounts) & (parties["role"] != "owner")]
mark("signs_for_a_front", others["customer_id"])
openings = visits[visits["interaction_type"] == "account_opening"]
companions = openings["third_party_customer_id"].value_counts()
mark("third_party_at_openings", companions[companions >= 3].index)                 # B1-B8
prepaid = set(tx.loc[tx["channel"] == "prepaid", "account_id"])
crypto = set(tx.loc[tx["channel"] == "crypto", "account_id"])
mark("prepaid_and_crypto", customers_of(prepaid & crypto))                         # F5, F8
foreign_ads = merchants[merchants["category"].str.contains("classifieds")
                        & (merchants["country"] != "US")]["merchant_id"]
mark("foreign_classifieds", customers_of(tx.loc[tx["merchant_id"].isin(foreign_ads),
                                                 "account_id"]))                   # F7
masked = tx["counterparty_name"].fillna("").str.startswith("PAYPROC")
mark("masked_processor", customers_of(tx.loc[masked, "account_id"]))               # F9

# Controlled or exploited: for the safeguarding score
mark("sends_sweeps", customers_of(swept.index))                                    # FR-6
mark("accompanied_at_opening", openings.loc[openings["third_party_present"], "customer_id"])
big = [group for group in groups if count_accounts(group, parties) >= 5]
mark("in_large_linked_group", set().union(*big))                                   # FR-6
credits = tx[tx["direction"] == "credit"]
cash_amount = credits["amount"].where(credits["channel"].isin(CASH_CHANNELS), 0)
cash_part = (cash_amount.groupby(credits["account_id"]).sum()
             / credits.groupby("account_id")["amount"].sum())
mark("mostly_cash", customers_of(cash_part[cash_part >= 0.5].index))              # F4
cities = tx.dropna(subset=["city"]).groupby("account_id")["city"].nunique()
mark("many_cities", customers_of(cities[cities >= 5].index))                      # F1

indicators.drop(columns=["kind", "occupation", "industry"]).sum(numeric_only=True)

# %% [markdown]
# The weights say how much each indicator counts. They are a judgment, written down where anyone
# can see and argue with it. Notice where each indicator goes: `sends_sweeps` and `receives_sweeps`
# are the two ends of the same transfers, and they point at different people. And one indicator
# is on both lists: a customer who carries cash into someone else's account may be organizing the
# scheme or may be made to run it (see "Before you name a depositor" in FR-8), so it counts little
# on each.

# %%
SUBJECT_WEIGHTS = {
    "structuring": 3,                # cash kept under $10,000 on purpose (part 1)
    "deposits_for_structuring": 1,   # made those deposits for someone else: assess first (FR-8)
    "funnel": 3,                     # cash in along a route, out in one place (part 1)
    "receives_sweeps": 3,            # receives the same-day sweeps of 2+ accounts (FR-6)
    "payroll_to_swept_accounts": 3,  # its payroll goes to 2+ accounts that send it on
    "cash_far_above_peers": 2,       # at least twice as cash-heavy as its industry (FR-5)
    "no_payroll": 2,                 # declares staff, pays no wages (FR-5)
    "signs_for_a_front": 2,          # signer or beneficial owner of such a business
    "third_party_at_openings": 2,    # the third party at 3+ other customers' account openings
    "spending_out_of_profile": 2,    # hotel, rideshare or late-night spending far above peers
    "prepaid_and_crypto": 1,         # buys prepaid cards and virtual currency
    "foreign_classifieds": 1,        # pays a foreign online classified-ad site
    "masked_processor": 1,           # paid through a processor that hides who paid
}
SAFEGUARDING_WEIGHTS = {
    "sends_sweeps": 3,               # most of the money paid in leaves the same day (FR-6)
    "accompanied_at_opening": 2,     # someone else took part in opening the account
    "in_large_linked_group": 2,      # shares identifiers with a group reaching 5+ accounts
    "mostly_cash": 1,                # at least half of the money paid in is cash (weak)
    "many_cities": 1,                # card or cash use in 5+ cities (weak)
    "deposits_for_structuring": 1,   # runners are often exploited too: on both lists
}


# %% [markdown]
# ### Worked example: count the indicators
#
# The simplest score counts how many indicators each customer shows. Selecting the columns and
# adding across a row (`axis=1`) does it; True counts as 1 and False as 0. Here, for the subject
# indicators:

# %%
def count_indicators(indicators, columns):
    """Return a Series by customer_id: how many of `columns` are True for each customer."""
    counts = indicators[columns].fillna(False).astype(bool).sum(axis=1)
    return pd.Series(counts.to_numpy(), index=indicators["customer_id"].to_numpy())


count_indicators(indicators, list(SUBJECT_WEIGHTS)).value_counts().sort_index()


# %% [markdown]
# ### Exercise FR-7.1 (2 points): `risk_score`
#
# Write `risk_score(indicators, weights)`. `indicators` has a `customer_id` column and True/False
# indicator columns; `weights` is a dictionary from column name to points, like `SUBJECT_WEIGHTS`.
# Return a **Series labeled by `customer_id`**: for each customer, the **sum of the points of the
# indicators that are True**. Columns that are not in `weights` do not count, and a missing value
# (NaN) counts as False. The same function gives both scores: call it once with each dictionary.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr7_risk_score", "schema_version": 3}
def risk_score(indicators, weights):
    """Return a Series by customer_id: the sum of the weights of the indicators that are True."""
    ### BEGIN SOLUTION
    score = np.zeros(len(indicators))
    for column, points in weights.items():
        score = score + indicators[column].fillna(False).astype(bool).to_numpy() * points
    return pd.Series(score, index=indicators["customer_id"].to_numpy())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr7_risk_score_tests", "schema_version": 3}
def _check_fr7_risk_score():
    """Check that risk_score adds the weights of the indicators each customer shows."""
    import numpy as np
    import pandas as pd
    from course_checks import same_values, shuffled, unchanged, values_of

    tiny = pd.DataFrame({
        "customer_id": ["C1", "C2", "C3", "C4"],
        "sweeps": [True, False, False, True],
        "cash_heavy": [True, True, False, False],
        "many_cities": [False, True, False, np.nan],
        "not_weighted": [True, True, True, True],
    }, index=[20, 21, 22, 23])
    tiny_before = tiny.copy()
    weights = {"sweeps": 3, "cash_heavy": 1, "many_cities": 1}
    result = risk_score(tiny, weights)

    labeled = "a Series labeled by customer_id"
    scores = values_of(result, "risk_score", labeled)
    assert set(scores) == {"C1", "C2", "C3", "C4"}, (
        "The result should be labeled by customer_id (C1 ... C4); its labels are "
        f"{sorted(scores)}."
    )
    assert not pd.isna(scores["C4"]), (
        "C4's score is missing (NaN) because one of its indicators is missing. Count a missing "
        "value as False: .fillna(False)."
    )
    scores = {k: float(v) for k, v in scores.items()}
    assert not np.isclose(scores["C3"], 1.0), (
        "C3 shows none of the weighted indicators but got 1 point: the column 'not_weighted' is "
        "not in `weights` and must not count. Loop over weights.items()."
    )
    assert not np.isclose(scores["C4"], 4.0), (
        "C4 got 4 points: its missing 'many_cities' value was counted as True (bool(nan) is True). "
        "Fill missing values with False first: .fillna(False)."
    )
    assert not np.isclose(scores["C1"], 2.0), (
        "C1 got 2 points, the number of its indicators; each indicator should add its weight "
        "(sweeps 3 + cash_heavy 1 = 4)."
    )
    assert scores == {"C1": 4.0, "C2": 2.0, "C3": 0.0, "C4": 3.0}, (
        f"Expected C1 4, C2 2, C3 0 and C4 3 points; got {scores}."
    )
    unchanged(tiny_before, tiny, "risk_score", "Perhaps a column was added or filled in: leave "
              "`indicators` as it is; .fillna(False) without inplace=True gives a new Series.")
    print("Visible tests passed: risk_score adds up the weights.")

    ### BEGIN HIDDEN TESTS
    halves = values_of(risk_score(tiny, {"cash_heavy": 0.5, "sweeps": 0}), "risk_score", labeled)
    assert halves == {"C1": 0.5, "C2": 0.5, "C3": 0.0, "C4": 0.0}, (
        "With weights cash_heavy 0.5 and sweeps 0, expected C1 0.5, C2 0.5, C3 0, C4 0; got "
        f"{halves}. Use the points in `weights`, whatever they are."
    )
    people = shuffled(pd.read_csv("data/bank/customers.csv"), 13)
    table = pd.DataFrame({
        "customer_id": people["customer_id"],
        "business": people["kind"] == "business",
        "high_risk": people["risk_rating"] == "high",
        "medium_risk": people["risk_rating"] == "medium",
        "recent": people["onboard_date"] >= "2025-01-01",
    })
    rules = {"business": 1.5, "high_risk": 3, "medium_risk": 1, "recent": 2}
    want = {c: 1.5 * b + 3 * h + 1 * m + 2 * r for c, b, h, m, r in table.itertuples(index=False)}
    got = values_of(risk_score(table, rules), "risk_score(table, rules)", labeled)
    same_values(got, want, f"On the bank's customers with four made-up indicators ({rules})",
                "score", "customers", "customer_id")
    ### END HIDDEN TESTS


_check_fr7_risk_score()
del _check_fr7_risk_score


# %%
# Try your function (not graded): the two scores, side by side.
indicators["subject_score"] = indicators["customer_id"].map(risk_score(indicators, SUBJECT_WEIGHTS))
indicators["safeguarding_score"] = indicators["customer_id"].map(
    risk_score(indicators, SAFEGUARDING_WEIGHTS))
shown = ["customer_id", "kind", "occupation", "industry", "subject_score", "safeguarding_score"]
indicators.sort_values(["subject_score", "safeguarding_score"], ascending=False)[shown].head(12)

# %% [markdown]
# Sort by `safeguarding_score` instead (change the first column named in `sort_values`) and compare
# the two lists.
#
# ### How good is each score? Confirmed cases, precision and recall
#
# `confirmed_cases.csv` records what your agency's closed cases and SAR reviews found. It is a
# **partial** label: a `confirmed` customer was involved, and `party_role` says how (`subject` or
# `person_exploited`); a `cleared` customer was reviewed and had a legitimate explanation; a customer
# **not listed was never reviewed**, so we do not know. Counting never-reviewed customers as
# "innocent" would punish a score for finding cases nobody has looked at yet.
#
# Flag everyone with a score of at least some threshold, and ask about **one kind** of case:
#
# - **precision** = of the flagged customers that were reviewed, the share confirmed in that role
#   ("when the score points at someone, how often is it the right kind of person?");
# - **recall** = of the customers confirmed in that role, the share the score flagged ("how much of
#   what is known does the score find?").
#
# The subject score is read against `subject`; the safeguarding score against `person_exploited`. A
# person confirmed as exploited whom the subject score flags counts **against** the subject score:
# that is the error we least want to make.
#
# A tiny example: reviews confirmed A and B as subjects and C as a person exploited, and cleared E.
# A subject score flags A, C, E and X (X was never reviewed). Judged: A, C and E; only A is a
# confirmed subject, so precision is 1/3. One of the two confirmed subjects was found: recall 1/2.
# X counts in neither; C counts as a mistake, of the worst kind.
#
# Base rates matter. In a real bank, trafficking is a tiny fraction of activity: in IBM's synthetic
# AMLworld data (Altman et al., 2023) about one transaction in 981 is laundering in the
# "high-illicit" small set, and PaySim's built-in fraud rule caught 16 of 8,213 frauds (Lopez-Rojas
# and others, 2016). Our bank was built with far more planted activity than a real one, and the
# weights above were written by someone who knew which typologies it contains: real precision would
# be much lower, and a real score must be checked on cases it was not tuned on.
#
# ### Worked example: what did the reviews find about the customers one indicator flags?

# %%
reviewed = set(cases["customer_id"])
confirmed = cases[cases["disposition"] == "confirmed"]
subjects = set(confirmed.loc[confirmed["party_role"] == "subject", "customer_id"])
exploited = set(confirmed.loc[confirmed["party_role"] == "person_exploited", "customer_id"])
flagged = set(indicators.loc[indicators["many_cities"], "customer_id"])   # one weak indicator

print(f"'many_cities' flags {len(flagged)} customers: {len(flagged - reviewed)} never reviewed and "
      f"{len(flagged & reviewed)} reviewed, of whom {len(flagged & subjects)} were confirmed as "
      f"subjects and {len(flagged & exploited)} as people exploited.")


# %% [markdown]
# ### Exercise FR-7.2 (4 points): `precision_recall`
#
# Write `precision_recall(flagged, cases, role=None)`. `flagged` holds the customer ids your rule
# flagged (a set, a list or a Series, possibly with the **same customer twice**, for example once
# for each of two flagged accounts); `cases` is a table like `confirmed_cases.csv`, where a customer
# can appear in **more than one** review. Return a tuple `(precision, recall)` of two numbers,
# counting **each customer once**:
#
# - a customer is **confirmed** if **any** of their rows has `disposition` `confirmed`, even when
#   another review cleared them; when `role` is given (`"subject"` or `"person_exploited"`), only if
#   any of their rows has `disposition` `confirmed` **and** `party_role` equal to `role`;
# - precision = (flagged customers who are confirmed) / (flagged customers who appear in `cases`,
#   whatever their reviews found);
# - recall = (flagged customers who are confirmed) / (confirmed customers).
#
# When a division would be by zero (nothing flagged was reviewed, or nobody is confirmed), use 0.0
# for that number.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr7_precision_recall", "schema_version": 3}
def precision_recall(flagged, cases, role=None):
    """Return (precision, recall) of `flagged` customer ids against reviewed `cases`."""
    ### BEGIN SOLUTION
    reviewed = set(cases["customer_id"])
    found = cases[cases["disposition"] == "confirmed"]
    if role is not None:
        found = found[found["party_role"] == role]
    confirmed = set(found["customer_id"])
    judged = set(flagged) & reviewed
    hits = judged & confirmed
    precision = len(hits) / len(judged) if judged else 0.0
    recall = len(hits) / len(confirmed) if confirmed else 0.0
    return precision, recall
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 4, "grade_id": "fr7_precision_recall_tests", "schema_version": 3}
def _check_fr7_precision_recall():
    """Check that precision_recall judges only reviewed customers, each once, for a given role."""
    import numpy as np
    import pandas as pd
    from course_checks import returned, unchanged

    tiny_cases = pd.DataFrame({
        "case_ref": ["CASE-1", "CASE-1", "CASE-1", "CASE-1", "AR-1", "AR-2", "AR-3", "CASE-2"],
        "customer_id": ["C1", "C2", "C3", "C7", "C4", "C5", "C6", "C1"],
        "disposition": ["confirmed", "confirmed", "confirmed", "confirmed", "cleared", "cleared",
                        "cleared", "confirmed"],
        "typology": ["controller", "controlled_account", "controlled_account", "funnel_account",
                     "none", "none", "none", "structuring"],
        "party_role": ["subject", "person_exploited", "person_exploited", "subject",
                       "not_involved", "not_involved", "not_involved", "subject"],
    })
    cases_before = tiny_cases.copy()
    flagged = ["C1", "C1", "C2", "C4", "C9"]
    result = precision_recall(flagged, tiny_cases)

    returned(result, "precision_recall")
    assert len(result) == 2, (
        f"precision_recall should return two numbers, (precision, recall); got {result}."
    )
    precision, recall = (float(x) for x in result)
    assert not (np.isclose(precision, 0.5) and np.isclose(recall, 2 / 3)), (
        "Precision and recall look swapped: precision divides by the flagged (reviewed) customers, "
        "recall by the confirmed customers."
    )
    assert not np.isclose(precision, 0.5), (
        "Precision came out as 0.5: C9 was never reviewed, so it is neither right nor wrong. Judge "
        "only the flagged customers who appear in `cases`."
    )
    assert not np.isclose(precision, 0.75) and not np.isclose(precision, 0.6), (
        f"Precision came out as {precision:.2f}: C1 is flagged twice (two accounts). Count each "
        "customer once: use set(flagged)."
    )
    assert np.isclose(precision, 2 / 3), (
        f"Of the reviewed flagged customers C1, C2 and C4, two (C1, C2) are confirmed: precision "
        f"2/3; got {precision:.3f}."
    )
    assert not np.isclose(recall, 0.4), (
        "Recall came out as 0.4: C1 is confirmed in two cases but is one customer. Divide by the "
        "number of different confirmed customers (C1, C2, C3, C7: 4)."
    )
    assert np.isclose(recall, 0.5), (
        f"Two of the four confirmed customers (C1, C2, C3, C7) were flagged: recall 0.5; got "
        f"{recall:.3f}."
    )
    empty = tuple(float(x) for x in precision_recall([], tiny_cases))
    assert empty == (0.0, 0.0), (
        f"With nothing flagged there is nothing to judge: expected (0.0, 0.0); got {empty}. When a "
        "division would be by zero, use 0.0."
    )
    all_cleared = tiny_cases[tiny_cases["disposition"] == "cleared"]
    none_confirmed = tuple(float(x) for x in precision_recall(["C4", "C5"], all_cleared))
    assert none_confirmed == (0.0, 0.0), (
        "With cases that confirm nobody (C4, C5 and C6, all cleared), flagging C4 and C5 gives "
        f"precision 0/2 = 0.0 and recall 0/0, which is 0.0 by the rule; got {none_confirmed}."
    )
    mixed = pd.DataFrame({
        "case_ref": ["AR-7", "CASE-7", "CASE-8", "AR-8", "AR-9"],
        "customer_id": ["P1", "P1", "P2", "P2", "P3"],
        "disposition": ["cleared", "confirmed", "confirmed", "cleared", "cleared"],
        "typology": ["none", "controlled_account", "controller", "none", "none"],
        "party_role": ["not_involved", "person_exploited", "subject", "not_involved",
                       "not_involved"],
    })
    both = tuple(float(x) for x in precision_recall(["P1", "P2", "P3"], mixed))
    assert np.allclose(both, (2 / 3, 1.0)), (
        "P1 was cleared by one review and confirmed by a later one, P2 the other way round: both "
        "count as confirmed (any confirmed row), P3 is cleared. Flagging P1, P2 and P3 gives "
        f"precision 2/3 and recall 2/2 = 1.0; got ({both[0]:.3f}, {both[1]:.3f}). Do not keep one "
        "row per customer (drop_duplicates keeps whichever row comes first or last)."
    )
    as_series = pd.Series(["C3", "C5", "C9"], index=[7, 8, 9])
    series_before = as_series.copy()
    series = tuple(float(x) for x in precision_recall(as_series, tiny_cases))
    assert np.allclose(series, (0.5, 0.25)), (
        f"Flagged as a Series (C3, C5, C9): expected (0.5, 0.25); got {series}. Accept any "
        "collection of ids: set(flagged) works for a list, a set or a Series."
    )
    subjects = tuple(float(x) for x in precision_recall(["C1", "C2", "C4", "C9"], tiny_cases,
                                                         role="subject"))
    assert not np.allclose(subjects, (2 / 3, 0.5)), (
        "With role='subject', C2 counted as a hit, but C2 was confirmed as a person exploited, not "
        "as a subject. When role is given, a customer is confirmed only through a row with "
        "disposition 'confirmed' AND party_role equal to role."
    )
    assert not np.isclose(subjects[0], 0.5), (
        "With role='subject', precision came out as 0.5: C2 was left out of the flagged customers "
        "who were judged. C2 was reviewed (confirmed as a person exploited), so the subject rule "
        "was WRONG about C2: divide by every flagged customer who appears in `cases`, whatever the "
        "outcome (C1, C2 and C4)."
    )
    assert not np.isclose(subjects[1], 0.25), (
        "With role='subject', recall came out as 0.25: it was divided by all four confirmed "
        "customers. Divide by the customers confirmed as subjects (C1 and C7)."
    )
    assert np.allclose(subjects, (1 / 3, 0.5)), (
        "Flagging C1, C2, C4 and C9 with role='subject': of the reviewed C1, C2 and C4 only C1 is a "
        "confirmed subject (precision 1/3), and of the confirmed subjects C1 and C7 one was flagged "
        f"(recall 0.5); got ({subjects[0]:.3f}, {subjects[1]:.3f})."
    )
    found_subjects = tuple(float(x) for x in precision_recall(["C1", "C4", "C7"], tiny_cases,
                                                               role="subject"))
    assert np.allclose(found_subjects, (2 / 3, 1.0)), (
        "Flagging C1, C4 and C7 with role='subject': C1 and C7 are the confirmed subjects and C4 "
        "was cleared, so precision is 2/3 and recall 2/2 = 1.0; got "
        f"({found_subjects[0]:.3f}, {found_subjects[1]:.3f}). Keep the confirmed rows whose "
        "party_role equals role (== role)."
    )
    exploited = tuple(float(x) for x in precision_recall(["C1", "C2", "C4", "C9"], tiny_cases,
                                                          role="person_exploited"))
    assert np.allclose(exploited, (1 / 3, 0.5)), (
        "Flagging C1, C2, C4 and C9 with role='person_exploited': only C2 of the reviewed C1, C2 and "
        "C4 was confirmed as a person exploited (precision 1/3), and one of C2 and C3 was flagged "
        f"(recall 0.5); got ({exploited[0]:.3f}, {exploited[1]:.3f})."
    )
    unchanged(cases_before, tiny_cases, "precision_recall", "Leave `cases` as it is: build sets "
              "of customer ids from it instead.")
    assert flagged == ["C1", "C1", "C2", "C4", "C9"], (
        "precision_recall changed the list of flagged ids it was given. Make a set from it "
        "instead: set(flagged)."
    )
    assert as_series.equals(series_before), (
        "precision_recall changed the Series of flagged ids it was given (it sorted, dropped or "
        "replaced values in place). Make a set from it instead: set(flagged)."
    )
    print("Visible tests passed: precision_recall counts reviewed customers once, for any role.")

    ### BEGIN HIDDEN TESTS
    unreviewed = tuple(float(x) for x in precision_recall({"C9", "C10"}, tiny_cases))
    assert unreviewed == (0.0, 0.0), (
        f"With only never-reviewed customers flagged, expected (0.0, 0.0); got {unreviewed}."
    )
    real = pd.read_csv("data/bank/confirmed_cases.csv")
    full = pd.read_csv("data/bank/transactions.csv")
    links = pd.read_csv("data/bank/account_parties.csv")
    links = links[links["role"].isin(["owner", "joint_owner"])]
    cash = full[(full["direction"] == "credit") & full["channel"].isin(["cash", "atm"])]
    both_roles = pd.DataFrame({
        "case_ref": ["AR-7", "CASE-7", "CASE-8", "AR-8", "AR-9", "CASE-9", "CASE-10"],
        "customer_id": ["P1", "P1", "P2", "P2", "P3", "Q1", "Q1"],
        "disposition": ["cleared", "confirmed", "confirmed", "cleared", "cleared", "confirmed",
                        "confirmed"],
        "typology": ["none", "controlled_account", "controller", "none", "none", "controller",
                     "controlled_account"],
        "party_role": ["not_involved", "person_exploited", "subject", "not_involved",
                       "not_involved", "subject", "person_exploited"],
    })
    for role, want in [("person_exploited", (2 / 4, 1.0)), ("subject", (2 / 4, 1.0)),
                       (None, (3 / 4, 1.0))]:
        got = tuple(float(x) for x in precision_recall(["P1", "P2", "P3", "Q1"], both_roles, role))
        assert np.allclose(got, want), (
            f"P1 was cleared and later confirmed as a person exploited, P2 confirmed as a subject and "
            f"later cleared, P3 cleared, Q1 confirmed as a subject in one case and as a person "
            f"exploited in another. Flagging all four with role={role!r} should give precision "
            f"{want[0]:.3f} and recall {want[1]:.3f}; got ({got[0]:.3f}, {got[1]:.3f}). A customer "
            "is confirmed in a role if ANY of their rows is confirmed in that role."
        )
    reviewed = set(real["customer_id"])
    cities = cash.groupby("account_id")["city"].nunique()
    for role in [None, "subject", "person_exploited"]:
        rows = real[real["disposition"] == "confirmed"]
        if role is not None:
            rows = rows[rows["party_role"] == role]
        confirmed = set(rows["customer_id"])
        for needed in [1, 2, 3, 5]:
            accounts = set(cities[cities >= needed].index)
            flagged = list(links.loc[links["account_id"].isin(accounts), "customer_id"])
            judged = set(flagged) & reviewed
            want = (len(judged & confirmed) / len(judged) if judged else 0.0,
                    len(judged & confirmed) / len(confirmed) if confirmed else 0.0)
            got = tuple(float(x) for x in precision_recall(flagged, real, role=role))
            assert np.allclose(got, want), (
                "On the bank's confirmed cases, flagging customers with cash deposits in "
                f"{needed}+ cities with role={role!r} should give precision {want[0]:.3f} and "
                f"recall {want[1]:.3f}; got {got[0]:.3f} and {got[1]:.3f}."
            )
    ### END HIDDEN TESTS


_check_fr7_precision_recall()
del _check_fr7_precision_recall


# %% [markdown]
# ### The trade-off: precision and recall at every threshold
#
# Try your function on both scores at every threshold from 1 point up. A low threshold flags many
# customers and finds most known cases, with many false positives; a high one is more often right
# and misses more.

# %%
def tradeoff(score, role):
    """Precision and recall of `score` (a column of indicators) against `role`, per threshold."""
    rows = []
    for threshold in range(1, int(indicators[score].max()) + 1):
        flagged = set(indicators.loc[indicators[score] >= threshold, "customer_id"])
        precision, recall = precision_recall(flagged, cases, role)
        rows.append({"threshold": threshold, "flagged": len(flagged),
                     "never_reviewed": len(flagged - reviewed),
                     "precision": round(precision, 2), "recall": round(recall, 2)})
    return pd.DataFrame(rows)


tables = {"Subject score, against confirmed subjects": tradeoff("subject_score", "subject"),
          "Safeguarding score, against confirmed people exploited":
              tradeoff("safeguarding_score", "person_exploited")}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5), sharey=True)
for ax, (title, table) in zip(axes, tables.items()):
    ax.plot(table["threshold"], table["precision"], marker="o", linestyle="-",
            color=COLORS[0], label="precision")
    ax.plot(table["threshold"], table["recall"], marker="s", linestyle="--",
            color=COLORS[1], label="recall")
    ax.set_title(title)
    ax.set_xlabel("Threshold (flag customers with at least this many points)")
    ax.set_ylim(0, 1.05)
    ax.legend()
axes[0].set_ylabel("Share (0 to 1)")
fig.suptitle("Precision and recall of each score at each threshold")
fig.tight_layout()
plt.show()
for title, table in tables.items():
    top = table[table["precision"] == table["precision"].max()].iloc[0]
    print(f"{title}: at 1 point, precision {table['precision'].iloc[0]:.2f} and recall "
          f"{table['recall'].iloc[0]:.2f}; the best precision, {top['precision']:.2f}, first at "
          f"{top['threshold']:.0f} points, with recall {top['recall']:.2f}.")
    print(table.to_string(index=False), end="\n\n")

# %% [markdown]
# *Figure description:* Two line charts side by side, one per score, of precision (circles, solid
# line) and recall (squares, dashed line) against the threshold. The lines printed under the figure
# give, for each score, precision and recall at 1 point and the lowest threshold at which precision
# is highest, followed by the full table.
#
# ### Why the numbers look so good: verification bias
#
# Before you justify a threshold with these numbers, ask how the labels were made. Nobody reviewed
# customers at random. Your agency's closed case was built by following these same records (the
# structured deposits, the sweeps, the tellers' notes), and its alert reviews were opened because a
# signal like ours had fired. So a confirmed customer is, almost by construction, someone the
# indicators point at, and a person whose account shows none of these signals was never looked at
# and can never count as missed. This is **verification bias**: the labels exist only where the same
# red flags sent someone to look. It makes recall look perfect, and precision depends on whom the
# alerts happened to send for review as much as on the score. The cell below shows how the
# reviewed customers were chosen.

# %%
shows_any = (indicators["subject_score"] > 0) | (indicators["safeguarding_score"] > 0)
review = np.where(indicators["customer_id"].isin(confirmed["customer_id"]), "confirmed",
                  np.where(indicators["customer_id"].isin(reviewed), "reviewed and cleared",
                           "never reviewed"))
for outcome_name, flags in shows_any.groupby(review):
    print(f"{outcome_name}: {len(flags)} customers, {flags.mean():.0%} of them show at least one "
          "indicator")


# %% [markdown]
# Compare the lines. The people the case confirmed were found by following these signals, so the
# scores can hardly miss them; what no number here can tell you is how many people who organize, or
# who are exploited, show none of the signals. To measure a score fairly you need reviews that did
# not start from it: a random sample of customers reviewed blind, or cases that reached you another
# way (a survivor's account, a tip, another agency's case). In this synthetic world figures as good
# as these are largely an artifact: the world was built with the typologies the weights were
# written for, and the case was confirmed from the same records. Use the tables to see how precision and recall
# trade off, and say what the bias does to them when you justify a threshold.
#
# ### Worked example: the wrong kind of person on the list
#
# What would one combined score, all indicators added together, have put in front of a colleague?
# The cell below shows, for the customers each list puts first, what the reviews found about them.

# %%
confirmed_as = confirmed.groupby("customer_id")["party_role"].agg(lambda roles: " and ".join(
    sorted(set(roles))))


def outcome(customer_id):
    """What the reviews found about one customer."""
    if customer_id in confirmed_as.index:
        return "confirmed: " + confirmed_as[customer_id].replace("_", " ")
    return "cleared" if customer_id in reviewed else "never reviewed"


combined = {**SUBJECT_WEIGHTS, **SAFEGUARDING_WEIGHTS}
indicators["combined_score"] = indicators["customer_id"].map(risk_score(indicators, combined))
first = 20                                               # the first names a colleague would read
lists = {}
for score in ["combined_score", "subject_score", "safeguarding_score"]:
    ranked = indicators[indicators[score] > 0].sort_values([score, "customer_id"],
                                                           ascending=[False, True]).head(first)
    lists[score] = ranked["customer_id"].map(outcome).value_counts()
print(f"What the reviews found about the first {first} customers of each list "
      "(fewer if fewer customers score above 0):")
pd.DataFrame(lists).fillna(0).astype(int)

# %% [markdown]
# A list of people to investigate that opens with the people a controller exploits would send
# officers to the wrong door, and it would treat victims as suspects. Keep the two lists apart, and
# read each against its own kind of case.
#
# A customer near the top of **both** lists needs the most care. A controller can look like the
# people he or she controls (same device, same address, cash paid in along the same route), and a
# person who is exploited can be made to run a controller's errands. The records cannot tell which;
# careful interviews, with victim services involved, can.
#
# ### Who are the false positives?
#
# The customers who were **reviewed and cleared** (and never confirmed) but score at least 1 point on
# either list, with the indicators that fired:

# %%
cleared = reviewed - set(confirmed["customer_id"])
shown = indicators[indicators["customer_id"].isin(cleared)
                   & ((indicators["subject_score"] >= 1) | (indicators["safeguarding_score"] >= 1))]
shown = shown.set_index("customer_id")


def fired(row, weights):
    return ", ".join(column for column in weights if row[column])


shown = shown.assign(subject_indicators=shown.apply(fired, axis=1, weights=SUBJECT_WEIGHTS),
                     safeguarding_indicators=shown.apply(fired, axis=1,
                                                         weights=SAFEGUARDING_WEIGHTS))
shown[["kind", "occupation", "industry", "subject_score", "subject_indicators",
       "safeguarding_score", "safeguarding_indicators"]].sort_values(
    ["subject_score", "safeguarding_score"], ascending=False)


# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "fr7_false_positives", "schema_version": 3}
# ### Exercise FR-7.3 (written, 4 points): what each kind of error costs
#
# Using the tables above, answer in 8 to 12 sentences:
#
# 1. Pick **one cleared customer flagged by each score**, of different kinds (for example a cash
#    business on the subject score; a seasonal farmworker, a traveling worker or a student whose
#    family pays cash in on the safeguarding score). For each, say **which indicators** fired and the
#    **legitimate explanation** the records themselves support.
# 2. Choose a threshold for **each** score for deciding whom a colleague looks at first, and justify
#    it with the precision and recall you measured. Say what verification bias does to those
#    numbers, and what you do with never-reviewed customers above the threshold.
# 3. Say what each of these errors costs a real person: a **false positive on the subject score**; a
#    **missed safeguarding lead**; a **safeguarding lead treated as a suspect**.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does** (sample answers in the instructor notes):
#
# - two cleared customers, one per score and of different kinds, each with the indicators that
#   fired (as listed in the table) and an explanation tied to the records: a vending operator or
#   food truck is cash-heavy because its customers pay cash, and it pays its staff through a
#   payroll; seasonal farmworkers share the farm's address and were accompanied at account opening
#   by the farm's coordinator, yet each keeps their own phone and device, is paid wages and sends
#   none of it on the same day; a traveling worker uses many cities because the job is travel;
# - a threshold for each score justified with the measured precision and recall (including what
#   is lost by going higher), with the limit of those numbers named: verification bias (the labels
#   come from reviews that the same red flags started, so recall of 1.00 says little about the
#   people the flags miss); never-reviewed customers above it treated as leads to review, not as
#   errors or as findings;
# - the three costs: an innocent customer investigated, an account closed or frozen, fear of
#   immigration consequences, lost trust, wasted time; a person left in exploitation, and evidence
#   of the controller missed; a victim questioned, arrested or charged as a suspect, re-traumatized,
#   less willing to come forward, and possibly put at risk if the controller learns of it.
#
# **Levels**
#
# - **4 points:** two false positives of different kinds, each with indicators and an explanation
#   from the records; a threshold for each score justified with the measured numbers, and
#   verification bias named as the reason those numbers flatter the scores; all three costs, each
#   concrete and tied to a person.
# - **3 points:** all three parts present, with one weak: a generic explanation, one threshold
#   without numbers, the measured numbers taken at face value (no word on how the labels were
#   made), or one cost missing or vague.
# - **2 points:** two parts done well, or all three present but generic ("they travel for work",
#   "use a higher threshold", "it is unfair").
# - **1 point:** one part done, or false positives named without explanation.
# - **0 points:** blank; or it calls the people on the safeguarding list suspects or says the
#   flagged customers are probably involved.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## FR-8 From a SAR to an affidavit (99 min)
#
# A bank that suspects trafficking files a **Suspicious Activity Report (SAR)** with FinCEN, and it
# reaches your agency through FinCEN or your agency's SAR review team. FIN-2020-A008 asks banks to
# put the key term `HUMAN TRAFFICKING FIN-2020-A008` in SAR field 2 and in the narrative, and to
# select field 38(h) (human trafficking), so that these reports can be told apart from others. You
# will read SARs; you will not write them. This section is about what you do with one.
#
# ### What a SAR is, and what it is not
#
# - A SAR is a **lead**: what a bank saw and why it found it suspicious. A bank must file when it
#   knows, **suspects or has reason to suspect** that a transaction of at least $5,000 involves
#   crime, is designed to evade the Bank Secrecy Act, or has no apparent lawful purpose (31 CFR
#   1020.320(a)(2)), within 30 calendar days of first detecting the facts (1020.320(b)(3)); it may
#   also file on smaller amounts. A SAR is not evidence, and it does not show that anyone in it
#   committed a crime.
# - A SAR is **confidential**. The bank may not tell anyone involved that it reported the
#   transaction, and no federal, state, local, tribal or territorial official who knows of the
#   report may disclose it to anyone involved in the transaction, except as the official's duties
#   require (31 U.S.C. 5318(g)(2)). Your own rule as an officer is 31 CFR 1020.320(e)(2): a
#   government authority may not disclose a SAR, or any information that would reveal that one
#   exists, except as necessary to fulfill official duties consistent with the Bank Secrecy Act
#   (the bank's rule is 1020.320(e)(1)). So: never tell a subject, a witness or a person who
#   appears to be exploited that a SAR exists; never quote it, attach it or mention it in an
#   affidavit, a complaint, a report that may be disclosed, or in court. If anyone thinks the SAR itself is
#   needed in a proceeding, that is a question for your prosecutor, not something you decide.
# - The **facts** behind a SAR are not secret once you have them from the bank's own records: the
#   transactions and documents can be obtained and used. Every sentence of your affidavit rests on
#   records obtained by legal process, never on the SAR.
#
# ### Getting the records
#
# | What you need | How you get it |
# |---|---|
# | account-opening records, signature cards, statements, the transaction export, the online-banking enrollment log | **legal process** served on the bank, as your prosecutor advises: a grand-jury subpoena, an administrative subpoena where your agency has that power, a court order or a search warrant. A **federal** agency must follow the Right to Financial Privacy Act (12 U.S.C. 3401 and following) for the records of individuals and small partnerships: most kinds of process require notice to the customer, which a court can delay, and a grand-jury subpoena is one of the Act's exceptions. A state or local agency follows its own state's law. |
# | the documents behind a SAR (here, the tellers' notes in `branch_interactions.csv`) | ask the bank for the SAR's **supporting documentation**: the bank must keep it for five years and give it to law enforcement on request, without a subpoena (31 CFR 1020.320(d); FinCEN guidance FIN-2007-G003). Before you cite one of these records, ask your prosecutor whether to obtain it again by subpoena: the affidavit must not reveal that a SAR exists. |
# | which other banks hold accounts of a subject | a **314(a) request** through FinCEN (31 CFR 1010.520): your agency certifies in writing that each subject is engaged in, or reasonably suspected **based on credible evidence** of engaging in, money laundering or terrorist activity, and FinCEN also asks it to certify that the case is a significant one and that traditional methods of investigation have not found the information. Banks search their accounts and transactions and report each match to FinCEN with its details (the name, the account number or the date and type of the transaction, and the identifying information they hold). A match tells you where to send legal process; it is not the records, and you do not cite it in an affidavit. |
# | (not a channel for you) | **314(b)** (31 CFR 1010.540) lets banks that have registered with FinCEN share information with each other about possible money laundering. |
# | an account kept open while you investigate | a **keep-open letter**: a written request from a supervisor or prosecutor stating the purpose and a duration of no more than six months (it can be renewed); the bank decides (FinCEN guidance FIN-2007-G002). Closing an account can warn a controller and cut a person who is exploited off from their money. |
#
# **Currency Transaction Reports** are not like SARs. The bank files each CTR with FinCEN and keeps a
# copy for five years (31 CFR 1010.306(a)(2)), and no SAR-style confidentiality protects them.
# Query FinCEN's BSA data for leads (only under your agency's agreement with FinCEN, which limits
# passing the results on), and name CTR copies and CTR-exemption records in the subpoena: the
# bank's copies are what an affidavit cites.
#
# **Records obtained by federal grand-jury subpoena** are grand-jury material. The Right to
# Financial Privacy Act exempts grand-jury subpoenas but keeps one section for them, 12 U.S.C. 3420,
# which brings in Federal Rule of Criminal Procedure 6(e):
#
# - the records go to the grand jury and may be used only to consider an indictment, to prosecute
#   the crime charged, or for a purpose Rule 6(e) permits; otherwise they are destroyed or returned
#   to the bank (3420(a)). An officer works with them as the prosecutor authorizes: Rule
#   6(e)(3)(A)(ii) covers state and local officers who assist a federal prosecutor;
# - to use them in a **state** case, a state or local officer needs a court order, which the court
#   may grant at the government's request when the material may show a violation of state criminal
#   law (Rule 6(e)(3)(E)(iv));
# - in investigations of certain crimes, among them money laundering (18 U.S.C. 1956, 1957) and
#   structuring (31 U.S.C. 5324), the bank may not tell the customer about the subpoena (3420(b)).
#
# The Department of Justice's Criminal Resource Manual explains these rules in sections 423 to 426.

# %% [markdown]
# ### Writing the financial section
#
# An affidavit (for a search warrant, a seizure order or an arrest) or a case summary for the
# prosecutor has a section on the money. The prosecutor reads it, then a judge, and later the
# defense. A good one:
#
# - states each finding as a fact from a named record: what, when, how much, where, and which record
#   shows it;
# - keeps facts and inferences apart, says why an inference is reasonable, and says which innocent
#   explanation was checked;
# - links the findings: the same people, devices, accounts and dates across the analyses;
# - names the subjects, and describes the people who appear to be exploited without identifying
#   them (as "Account Holder 1", ...): an affidavit can reach the subject and the public record;
# - never mentions a SAR, and uses plain, person-first language with no labels that decide the case.
#
# ### What the prosecutor needs from the money
#
# The prosecutor has to prove offenses, take the proceeds and get money back to the people who were
# exploited. The charges are the prosecutor's decision, but your section should let them see which
# facts go to which element. In brief:
#
# | Offense | What must be proved, in brief | Where the bank records help |
# |---|---|---|
# | sex trafficking, 18 U.S.C. 1591 | knowingly recruiting, harboring, transporting, obtaining, advertising or maintaining a person (or benefiting from a venture that does), knowing or in reckless disregard that force, threats, fraud or coercion will be used to cause a commercial sex act, **or that the person is under 18**: for a minor, no force, fraud or coercion is needed (for advertising, knowledge is needed: reckless disregard is not enough) | who receives the money: the sweeps and the front's cash ending with the subjects |
# | forced labor, 18 U.S.C. 1589 | knowingly obtaining a person's labor by force, serious harm or threats of it, abuse of legal process, or a scheme to make the person believe they would suffer serious harm (or benefiting from a venture that does) | wages paid and taken back as "rent", "visa fee" or repayments of a debt that was never paid out |
# | money laundering, 18 U.S.C. 1956 and 1957 | a financial transaction with the proceeds of a specified unlawful activity, known to be proceeds of crime, to promote the activity or to conceal the proceeds (1956); a transaction of more than $10,000 in criminally derived property (1957) | the transfers between the subjects' accounts, the owner draws, the wires abroad |
# | structuring, 31 U.S.C. 5324 | breaking up cash transactions for the purpose of evading the $10,000 report | the deposits just under $10,000 on consecutive business days at different branches, and a staff note of the account holder asking how much cash can be deposited before a report is filed: evidence of that purpose |
#
# Two things only the money analysis can give the prosecutor:
#
# - **Tracing, for forfeiture.** Follow the proceeds into the accounts that will be seized: for each
#   subject's account, how much came from the swept accounts, the structured cash or the front, and
#   when. Forfeiture rests on that tracing (18 U.S.C. 981 and 982, 18 U.S.C. 1594 for trafficking
#   offenses, 31 U.S.C. 5317(c) for structuring).
# - **Amounts per victim, for restitution.** Restitution for a trafficking offense is mandatory
#   (18 U.S.C. 1593), and it includes the greater of the defendant's gross income from the victim's
#   services or labor and the value of that labor at the minimum wage and overtime of the Fair
#   Labor Standards Act. For each numbered account holder, what was paid in and what was sent on
#   to a subject is where that figure starts (hours worked come from interviews and other records).
#   It is the most victim-centered number the analysis produces: money that goes back to a person.
#
# In a court filing an account number appears as its last four digits only and a minor by initials
# only (Fed. R. Crim. P. 49.1(a)(3) and (4)). Filings made before a charge (a search-warrant
# application, for example), warrants, and charging documents with their supporting affidavits are
# exempt from that rule (49.1(b)(7) to (9)), and an account to be forfeited may be given in full
# (49.1(b)(1)); but the habit protects people: use the last four digits unless the prosecutor asks
# for more.
#
# ### Worked example: the financial section for a different, made-up case
#
# *(An invented case for illustration only: none of these people, businesses or accounts is in our
# data.)*
#
# > **Financial evidence.** Records of Example Savings Bank obtained by grand-jury subpoena (account-
# > opening records, signature cards, the transaction export and the online-banking enrollment log)
# > show the following.
# >
# > 1. Riley Sample is the sole owner of the business checking account ending 4417 of Greenway
# >    Landscaping LLC. Between 3 February and 28 April 2025 the company paid biweekly payroll of
# >    $480 to $520 into the accounts of four employees at the same bank (Account Holders 1 to 4).
# > 2. Within 2 to 20 hours of each payroll deposit, 60% to 80% of it was sent by person-to-person
# >    transfer from each employee's account to a personal checking account ending 0932, owned by
# >    Riley Sample: 29 transfers, $9,840 in total, with the memos "housing" and "transport".
# > 3. The four employee accounts were opened on the same day at the bank's Salina branch and were
# >    enrolled in online banking from the same device as Riley Sample's accounts. The bank's staff
# >    notes of those account openings, also obtained by subpoena, record that Riley Sample answered
# >    the questions for each account holder and held their passports.
# > 4. Based on my training and experience, wages paid through a payroll and returned to the
# >    employer within hours are consistent with the exploitative-employment practices FinCEN
# >    describes in advisory FIN-2020-A008. I considered whether the transfers were rent for housing
# >    provided by the employer: the company declared no housing, and each transfer left the
# >    account before the account holder had spent anything.
# > 5. Attachment A lists, for each of Account Holders 1 to 4, the payroll paid in and the amount
# >    sent on to the account ending 0932, by month.
# >
# > Account Holders 1 to 4 appear to be victims of the conduct described; they are referred to by
# > number to protect them.
#
# Notice what it does: the records and how they were obtained come first; each numbered finding has
# dates, amounts and counts; the inference is labeled as one, and an innocent explanation was
# checked; the money is traced to the subject's account and counted per account holder, ready for
# forfeiture and restitution; accounts appear by their last four digits; the subject is named, the
# people who appear to be exploited are numbered, not named; and no SAR appears anywhere.
#
# ### The case file
#
# The cell below (its code is folded: click the bar on its left to read it) gathers the findings of
# both notebooks from the records, with where each came from. It prints the names of the people and
# businesses the findings point to, and no name or customer id of the people whose accounts are
# swept: they are numbered.

# %% jupyter={"source_hidden": true}
# The case file: the findings of parts 1 and 2, gathered from the records, with their sources.
# People whose accounts are swept appear only as numbered account holders, never by name or id.
def who(customer_id):
    row = customers.set_index("customer_id").loc[customer_id]
    return f"{row['name']} ({customer_id})"


def holders_of(account_id):
    return ", ".join(who(c) for c in owners.loc[owners["account_id"] == account_id, "customer_id"])


def day(text):
    return f"{pd.Timestamp(text):%d %B %Y}".lstrip("0")


def span(rows):
    return f"{day(rows['ts_local'].min())} to {day(rows['ts_local'].max())}"


links = {}                        # subject -> the findings they appear in
def link(customer_ids, finding):
    for customer_id in customer_ids:
        links.setdefault(customer_id, []).append(finding)


print("SOURCES: account-opening records, signature cards, the transaction export and the online-banking\n"
      "enrollment log, from Exemplar Community Bank by legal process; branch staff notes, received as a\n"
      "SAR's supporting documentation (obtain them by legal process before you cite them).")

print("\n1. STRUCTURING (part 1, FR-2)")
for account in sorted(structuring_accounts):
    rows = near_threshold[near_threshold["account_id"] == account]
    print(f"  Account {account}, owned by {holders_of(account)}: {len(rows)} cash deposits of $8,000 to "
          f"$9,999.99, ${rows['amount'].sum():,.2f} in all, {span(rows)}, at {rows['location_id'].nunique()} "
          f"branches in {rows['city'].nunique()} cities; none over $10,000.")
    link(customers_of([account]), "owner of the structured account")
    teller = visits[(visits["interaction_type"] == "cash_deposit") & (visits["account_id"] == account)]
    for depositor, made in teller["third_party_customer_id"].value_counts().items():
        person = customers.set_index("customer_id").loc[depositor]
        print(f"    teller records name {who(depositor)} as the person who made {made} of them "
              f"(age {2025 - person['birth_year']:.0f}; declared occupation: {person['occupation']}; "
              f"declared income ${person['declared_monthly_income']:,.0f} a month)")
        link([depositor], "made structured deposits (assess before naming)")
    for note in visits[visits["customer_id"].isin(customers_of([account]))
                       & ~visits["third_party_present"]].itertuples():
        print(f"    staff note, {day(note.ts_local)}: {note.note_text}")

print("\n2. FUNNEL ACCOUNT (part 1, FR-3)")
for account in sorted(funnel_accounts):
    rows = tx[tx["account_id"] == account]
    paid = rows[(rows["direction"] == "credit") & rows["channel"].isin(CASH_CHANNELS)]
    out = rows[(rows["direction"] == "debit") & rows["channel"].isin(CASH_CHANNELS)]
    wired = rows[(rows["direction"] == "debit") & (rows["channel"] == "wire")]
    print(f"  Account {account}, owned by {holders_of(account)}: {len(paid)} cash deposits, "
          f"${paid['amount'].sum():,.2f}, {span(paid)}, in {paid['city'].nunique()} cities "
          f"({', '.join(sorted(paid['city'].unique()))}); {len(out)} cash withdrawals, "
          f"${out['amount'].sum():,.2f}, in {', '.join(sorted(out['city'].dropna().unique()))}; "
          f"{len(wired)} wires out, ${wired['amount'].sum():,.2f}.")
    link(customers_of([account]), "owner of the funnel account")
    notes = visits.loc[visits["account_id"] == account, "note_text"].value_counts()
    for text, times in notes.items():
        print(f"    staff note ({times} visit(s)): {text}")

print("\n3. SAME-DAY SWEEPS AND WHERE THEY GO (FR-6)")
number = 0
for receiver in sorted(sweep_receivers(tx, swept.index)):
    feeding = sorted(sent.loc[sent["account_id"].isin(swept.index)
                              & (sent["counterparty_account_id"] == receiver), "account_id"].unique())
    people = owners[owners["account_id"].isin(feeding)].merge(customers, on="customer_id")
    labels = f"Account Holders {number + 1} to {number + len(people)}"
    number += len(people)
    paid = tx[tx["account_id"].isin(feeding) & (tx["direction"] == "credit")]
    moved = sent[sent["account_id"].isin(feeding) & (sent["counterparty_account_id"] == receiver)]
    late = pd.to_datetime(moved["ts_local"]).dt.hour >= 21
    same_device = parties["account_id"].isin(feeding) & parties["device_id"].isin(
        parties.loc[parties["account_id"] == receiver, "device_id"].dropna())
    print(f"  Account {receiver}, owned by {holders_of(receiver)}, receives the sweeps of {len(feeding)} "
          f"accounts held by {labels} (ages {2025 - people['birth_year'].max():.0f} to "
          f"{2025 - people['birth_year'].min():.0f}; declared occupations: "
          f"{', '.join(sorted(people['occupation'].unique()))}; customers since "
          f"{day(people['onboard_date'].min())} to {day(people['onboard_date'].max())}).")
    print(f"    paid into their accounts: {len(paid)} credits, ${paid['amount'].sum():,.2f}, {span(paid)}, "
          f"mostly through the channel '{paid['channel'].value_counts().index[0]}'")
    print(f"    sent on to {receiver}: {len(moved)} p2p transfers, ${moved['amount'].sum():,.2f} "
          f"({moved['amount'].sum() / paid['amount'].sum():.0%} of what was paid in), {late.mean():.0%} "
          f"after 21:00; memos: {', '.join(sorted(moved['memo'].dropna().unique()))}")
    for holder, account in enumerate(people["account_id"], start=number - len(people) + 1):
        print(f"    Account Holder {holder}: ${paid.loc[paid['account_id'] == account, 'amount'].sum():,.2f} "
              f"paid in, ${moved.loc[moved['account_id'] == account, 'amount'].sum():,.2f} sent on "
              f"to {receiver}")
    print(f"    enrolled in online banking from a device of the receiving account: "
          f"{same_device.sum()} of {len(feeding)} accounts")
    link(customers_of([receiver]), "receives same-day sweeps")
    notes = visits[visits["account_id"].isin(feeding)].sort_values("ts_local")
    for note in notes.itertuples():
        third = (f"; third party recorded: {who(note.third_party_customer_id)}"
                 if isinstance(note.third_party_customer_id, str) else "")
        print(f"    staff note, {day(note.ts_local)}, {note.interaction_type}{third}: {note.note_text}")
        if third:
            link([note.third_party_customer_id], "third party at the account holders' visits")
    employers = tx[(tx["direction"] == "debit") & tx["counterparty_account_id"].isin(feeding)
                   & tx["memo"].fillna("").str.upper().str.contains("PAYROLL")]
    for employer, wages in employers.groupby("account_id"):
        print(f"    payroll into these accounts from account {employer} ({holders_of(employer)}): "
              f"{len(wages)} payments, ${wages['amount'].sum():,.2f}, to {wages['counterparty_account_id'].nunique()} "
              f"of the {len(feeding)} accounts")
        link(customers_of([employer]), "pays the wages that are swept back")

print("\n4. FRONT BUSINESS (FR-5)")
fronts = indicators.loc[indicators["cash_far_above_peers"] & indicators["no_payroll"], "customer_id"]
for business in fronts:
    row = summary.set_index("customer_id").loc[business]
    peers = summary.loc[summary["industry"] == row["industry"], "cash_share"]
    print(f"  {who(business)}, {row['industry']}: cash {row['cash_share']:.0%} of money paid in (median of "
          f"{len(peers)} businesses in its industry: {peers.median():.0%}); ${row['credits']:,.2f} paid in over "
          f"six months against ${row['declared_annual_revenue']:,.0f} a year declared; "
          f"{timing.loc[business, 'night_cash_share']:.0%} of its cash paid in between 22:00 and 05:00 "
          f"(declared hours {row['opening_hours']}); declares {row['declared_employees']:.0f} "
          "employees and made no payroll payment.")
    accounts = owners.loc[owners["customer_id"] == business, "account_id"]
    for signer in parties[parties["account_id"].isin(accounts) & (parties["role"] != "owner")].itertuples():
        print(f"    {signer.role.replace('_', ' ')} on account {signer.account_id}: {who(signer.customer_id)}")
        link([signer.customer_id], f"{signer.role.replace('_', ' ')} of the front business")
    link([business], "front business")

print("\n5. MONEY BETWEEN THE ACCOUNTS OF THOSE NAMED ABOVE")
named = set(owners.loc[owners["customer_id"].isin(links), "account_id"])
between = tx[(tx["direction"] == "debit") & tx["account_id"].isin(named)
             & tx["counterparty_account_id"].isin(named)].fillna({"memo": ""})
for (source, target, memo), rows in between.groupby(["account_id", "counterparty_account_id", "memo"]):
    print(f"  from {source} ({holders_of(source)}) to {target} ({holders_of(target)}): "
          f"{len(rows)} payment(s), ${rows['amount'].sum():,.2f}, {span(rows)}, memo '{memo}'")

print("\n6. LINKS: who appears in which finding (the account holders above are not listed)")
for customer_id, findings in sorted(links.items(), key=lambda item: -len(item[1])):
    print(f"  {who(customer_id)}: {'; '.join(dict.fromkeys(findings))}")

# %% [markdown]
# ### A possible child in the case file
#
# Read the staff notes under finding 1 again. One records that a customer tried to open an account
# for a 16-year-old he or she called a niece or nephew, without a parent or guardian; the bank
# declined. FIN-2020-A008 lists this among its behavioral indicators: a third party opening an
# account for a minor who does not qualify for one. A possible child victim comes before the rest of
# the analysis:
#
# - **Safeguard now.** Follow your agency's child-safeguarding protocol today: tell your supervisor,
#   bring in the partners it names (child protective services; the National Center for Missing &
#   Exploited Children where a child may be missing or sexually exploited, as applicable), with
#   victim services trained to work with children.
# - **Identify and locate the child.** The note gives no name. Start from the visit: the branch, the
#   date and time, the staff member, any identity document the customer showed, the branch's video
#   if it is still kept, and the customer's own accounts, phone and addresses. Ask the bank, by legal
#   process, for everything it recorded about that visit. Do not wait for the financial case.
# - **Tell the prosecutor.** For a person under 18, 18 U.S.C. 1591 needs no force, fraud or
#   coercion: it is enough that the defendant knew, or recklessly disregarded, that the person was
#   under 18 and would be caused to engage in a commercial sex act, and where the defendant had a
#   reasonable opportunity to observe the person, even that knowledge need not be proved (1591(c)).
# - **Protect the child on paper.** In a filing a minor appears by initials only (Fed. R. Crim. P.
#   49.1(a)(3)); here no name is known, so write "a 16-year-old" and never guess who it is.
#
# The note records an attempt, not proof that the child is exploited: it is a reason to find the
# child and make sure the child is safe.
#
# ### Before you name a depositor
#
# Finding 1 also names the customers the tellers recorded making the structured deposits, with
# their age, declared occupation and declared income. Compare them with the account holders whose
# money is swept (finding 3). People who are exploited are often made to carry cash, recruit or run
# errands for those who exploit them, so the same person can be both a victim and a possible
# offender (the **victim-offender overlap**). Before you name such a person as a subject, assess:
# their age and circumstances, whether they keep any of the money, whether their own accounts are
# swept or enrolled from someone else's device, what staff noticed about them, and what victim
# services and the prosecutor advise. Until then, describe them by their role ("a customer the
# tellers recorded as making some of the deposits") and treat them as possible victims and
# witnesses as well as possible subjects.

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 6, "grade_id": "fr8_financial_section", "schema_version": 3}
# ### Exercise FR-8.1 (written, 6 points): the financial section of an affidavit
#
# Using the case file (and anything else you found in parts 1 and 2), write the **financial section
# of an affidavit or case summary**, **300 to 500 words**, as in the worked example:
#
# - start with the records and how they were obtained;
# - state the findings of **both** notebooks as numbered facts with dates, amounts and counts: the
#   structuring and the staff note about the reporting threshold, the funnel account, the sweeps and
#   the accounts that receive them, the wages sent back and the employer that paid them, the front
#   business and who signs for it; and show the **links** between them (the same people, devices and
#   accounts, and the money that moves between the subjects' accounts);
# - for the prosecutor: say which offenses the facts may support, show which subjects' accounts the
#   money reached (for forfeiture), and give or attach the amount paid in and sent on for each
#   numbered account holder (for restitution);
# - if the case file shows a possible child, say so, describe the child by age only, and say that the
#   child has been referred under your agency's safeguarding protocol;
# - label inferences as inferences, and give at least one innocent explanation you checked;
# - name only subjects; describe the people whose accounts are swept as numbered account holders,
#   with no name, customer id or full account number, and say that they appear to be victims; do
#   not name a depositor as a subject without saying how you assessed them;
# - give account numbers as their last four digits; do not mention a SAR;
# - keep to plain, person-first, factual language.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does** (sample answer in the instructor notes):
#
# - opens with the records and the legal process (account-opening records, signature cards,
#   transaction export, enrollment log; staff notes obtained by subpoena), without naming a SAR;
# - states at least five findings across both notebooks, each with dates, amounts or counts
#   matching the case file: the structured deposits, with the staff note of the account holder
#   asking how much cash could be deposited before a report is filed presented as evidence of the
#   purpose to evade it; the funnel account (cities in, one city out); the same-day sweeps from
#   numbered account holders to the receiving accounts and their owners; the payroll that is sent
#   back and the employer whose owner receives it; the front business (cash against its industry,
#   cash paid in late at night against its declared hours, deposits against declared revenue, staff
#   but no payroll) and its signer and beneficial owner;
# - makes the links explicit: for example, the owner of the structured account also receives one
#   group's sweeps, signs for the front business and was the third party at those account
#   openings; the front's beneficial owner holds the funnel account; the accounts were enrolled from
#   the receivers' devices; money moves between the subjects' accounts (section 5 of the case file);
# - gives the prosecutor what the money shows: the offenses the facts may support (18 U.S.C. 1591,
#   1589, 1956 or 1957, 31 U.S.C. 5324), the subjects' accounts the money reached (forfeiture), and
#   the amounts paid in and sent on per numbered account holder, in the text or an attachment
#   (restitution under 18 U.S.C. 1593);
# - raises the attempt to open an account for a 16-year-old as a possible child victim: referred
#   under the safeguarding protocol, the child described by age only (initials only if a name is
#   ever known);
# - labels inferences ("consistent with structuring", "based on my training and experience") and
#   gives an innocent explanation checked against the records;
# - names only subjects; numbers the account holders, with no name, customer id or full account
#   number, and says they appear to be victims; gives account numbers as their last four digits;
#   uses no slur and no label that decides the case;
# - treats the customers the tellers recorded making the deposits with care: describes them by role
#   and notes that their profiles resemble those of the people exploited, or names them only with
#   the assessment that supports it. Naming them is **not** required; do not deduct for leaving
#   their names out.
#
# **Levels** (5 and 1 points for answers between two levels)
#
# - **6 points:** records and process stated; at least five findings from both notebooks with
#   numbers and dates; links explicit; the offenses, the money traced to the subjects' accounts and
#   the amounts per account holder; the possible child raised for safeguarding and not identified;
#   at least one inference labeled with an innocent explanation; the account holders numbered and
#   described as apparent victims; the depositors assessed before being named (or described by
#   role); account numbers as last four digits; no SAR; factual, person-first language throughout.
# - **4 points:** structure right, no SAR, nobody who appears to be exploited identified, the
#   possible child raised, inferences labeled, but thin: two to four findings, links missing,
#   numbers loose or unsourced, or what the prosecutor needs (offenses, amounts per account holder)
#   missing.
# - **3 points:** as for 4, but an inference stated as a fact ("[subject A] is running a
#   trafficking ring").
# - **2 points:** a readable account with a structural error: it cites or mentions a SAR; or it
#   identifies a person who appears to be exploited or the possible child (name, customer id or
#   full account number); or it leaves the possible child out; or it speculates well beyond the
#   records.
#
# The standard of FR-8 is 4 of 6: the child raised for safeguarding is required for it.
# - **0 points:** blank; or it presents the people whose accounts are swept as subjects or
#   offenders; or its language is degrading.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## Keypoints
#
# - Front businesses stand out against **peers of the same industry**: cash share, cash paid in late
#   at night against declared hours, deposits too large for the declared revenue, staff without
#   payroll. Each on its own has honest explanations. Card settlements post by ACH on the bank's
#   schedule; batch-close and terminal times come from the card processor, by separate process.
# - A graph of customers and their phones, addresses and devices shows who is linked; connected
#   components give groups. Count **different** accounts (`nunique`): a joint account is one
#   account, not two.
# - Shared identifiers are common (families, roommates, farm housing). Money that leaves the **same
#   local day** is what separates controlled accounts from them; follow it to the account that
#   **receives** it, where a subject investigation starts.
# - Keep **two lists**: possible subjects and safeguarding leads. A person who appears to be
#   exploited is a safeguarding lead, never a suspect on this evidence.
# - A transparent score adds written-down weights for written-down indicators. Measure each score
#   against **its own kind** of confirmed case, on reviewed customers only, each customer once, with
#   both precision and recall. Never-reviewed customers are leads, not errors. When the reviews were
#   started by the same red flags, the numbers flatter the score (verification bias): say so.
# - Hard negatives (cash businesses, farm crews, traveling workers) are real people: a false
#   positive has a cost to them, and a missed or misread safeguarding lead has a cost too.
# - A SAR is a confidential lead, not evidence, for you as much as for the bank (31 CFR
#   1020.320(e)(2)). Get the records by legal process (or, for a SAR's supporting documentation, on
#   request), respect the limits on grand-jury material, write the affidavit from those records,
#   name only subjects, number the people who appear to be exploited, and never mention the SAR.
# - Give the prosecutor what only the money shows: the facts for each offense's elements, the
#   proceeds traced into the accounts to be seized, and the amounts per victim for restitution.
# - A possible child comes first: safeguard, identify and locate the child, and keep the child's
#   identity out of every filing. People recorded running cash may be exploited too: assess them
#   before you name them.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** (keyboard: Ctrl + Shift + C, type
#    "restart kernel and run", Enter) and check that every test cell prints
#    "Visible tests passed".
# 2. Click **Validate** (or run `investigator-course check 01b_financial_red_flags`), and read any
#    message it shows.
# 3. Save the notebook (**File > Save**).
#
# **Working on your own?** Once you have tried every exercise, compare your work with the answer
# key: in the file browser, open the folder `answer_keys/01b_financial_red_flags/`
# (the lab copies the keys there). For the written answers, `answer_keys/instructor_notes/` has
# each rubric as a checklist with marked sample answers: score yourself against it, honestly.
#
# ### Sources
#
# - FinCEN, *Supplemental Advisory on Identifying and Reporting Human Trafficking and Related
#   Activity*, FIN-2020-A008, 15 October 2020 (typologies, indicators, SAR key term and fields),
#   <https://www.fincen.gov/sites/default/files/advisory/2020-10-15/Advisory%20Human%20Trafficking%20508%20FINAL_0.pdf>.
# - FinCEN, *Guidance on Recognizing Activity that May be Associated with Human Smuggling and Human
#   Trafficking: Financial Red Flags*, FIN-2014-A008, 11 September 2014 (no normal payroll,
#   after-hours activity).
# - SAR confidentiality: 31 U.S.C. 5318(g)(2); 31 CFR 1020.320(e)(1) (banks) and (e)(2) (government
#   authorities). SAR filing and supporting documentation: 31 CFR 1020.320(a), (b)(3) and (d);
#   FinCEN, *Suspicious Activity Report Supporting Documentation*, FIN-2007-G003, 13 June 2007.
# - Currency Transaction Reports: filing and the bank's five-year copy, 31 CFR 1010.306(a).
# - FinCEN, *Requests by Law Enforcement for Financial Institutions to Maintain Accounts*,
#   FIN-2007-G002, 13 June 2007.
# - Information sharing: 31 CFR 1010.520 (section 314(a)) and 31 CFR 1010.540 (section 314(b)).
# - Right to Financial Privacy Act, 12 U.S.C. 3401 and following, with 12 U.S.C. 3420 (grand-jury
#   records); Federal Rules of Criminal Procedure 6(e) (grand-jury secrecy) and 49.1 (privacy in
#   filings); U.S. Department of Justice, Criminal Resource Manual 423 to 426 (the grand-jury
#   exception, procedure, handling of the records, and banks forbidden to notify customers).
# - Offenses, forfeiture and restitution: 18 U.S.C. 1589, 1591, 1593 and 1594; 18 U.S.C. 1956, 1957,
#   981 and 982; 31 U.S.C. 5324 and 5317(c).
# - E. Altman and others, "Realistic Synthetic Financial Transactions for Anti-Money Laundering
#   Models", NeurIPS 2023 Datasets and Benchmarks (AMLworld), arXiv:2306.16424.
# - E. A. Lopez-Rojas, A. Elmir and S. Axelsson, "PaySim: A financial mobile money simulator for
#   fraud detection", EMSS 2016.
