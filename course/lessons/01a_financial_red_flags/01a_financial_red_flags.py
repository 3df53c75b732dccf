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
# # Financial red flags I: structuring, funnel accounts and spending that does not fit
#
# *Assignment `01a_financial_red_flags`, module 01 part 1 of 2 (part 2 is the next assignment,
# `01b_financial_red_flags`). About 4 hours 25 minutes for
# someone new to Python, including the exercises. Part of the course "Following the data trail: data
# skills for human-trafficking investigators".*
#
# > **Content note.** This notebook is about how human trafficking, for sexual exploitation and
# > for forced labor, leaves traces in bank records. It describes the typologies in general
# > terms, with no explicit detail. The bank, its customers and every record are **synthetic**
# > (invented by a program); no real person or business appears. Some records were planted to
# > imitate people being controlled by others: treat them with the same care you would give
# > real ones.
#
# **Start here:** click on the first gray code cell below and press **Shift + Enter**. It loads
# the tools and the bank's records. You learned the basics of notebooks and pandas in
# `00_orientation`; this notebook builds on them.
#
# ## Questions
#
# - Which financial red flags does FinCEN's human-trafficking advisory (FIN-2020-A008) describe,
#   and which of them can a bank's records actually show?
# - How do I find cash kept just under the $10,000 reporting threshold: one deposit a business day,
#   several business days in a row?
# - How do wages that an employer takes back show up in a bank's records?
# - How do I find a funnel account: cash paid in in many cities and taken out in one?
# - How do I tell spending that does not fit a customer from the travel a job requires?
#
# ## Objectives
#
# Each objective says what you start from, what you do, and how well it has to be done.
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | FR-1 | FinCEN's advisories FIN-2020-A008 and FIN-2014-A008, and a bank's records as a subpoena returns them | say for an indicator whether those records show it fully, partly or not at all; name the files and columns, or the other source needed; name a legitimate customer who looks the same | at least 3 of the 4 points of the FR-1.1 rubric | 73 min |
# | FR-2 | a bank's transaction-level export | write functions that pick the cash deposits in a dollar band and flag the accounts with a set number of them inside a rolling time window | the visible and hidden tests pass; on this bank's data the defaults flag the planted structuring and no one-off deposit just under $10,000 | 75 min |
# | FR-3 | the same export | write functions that count the cities where each account took in cash and flag accounts with cash paid in in many cities that mostly leaves again as cash or by wire | the tests pass; the defaults flag the funnel account and none of the truck drivers, students or the vending operator | 58 min |
# | FR-4 | card payments with local times and merchant categories, and the occupation each customer declared | mark late-night payments on the local clock and flag customers far above the median of their occupation (of everyone, for occupations with few customers) | the tests pass; none of the drivers and night workers that a flat late-night rule flags is flagged against their peers | 57 min |
#
# FR-1's time includes this opening, and FR-4's the keypoints at the end. Part 2 covers FR-5 to FR-8:
# front businesses, controlled accounts, a transparent risk score measured against confirmed cases,
# and a SAR-style narrative; its own table gives its times.
#
# ## How this notebook is graded
#
# Six autograded exercises (15 points) and one written answer (4 points). As in
# `00_orientation`, you write small **functions**; the gray **test cell** under each one checks it
# on tiny hand-made tables, where you can work out the right answer yourself, and tells you in
# plain words what it expected. More checks, including one on the full data, run when your work
# is graded. Like the exhibits they come from, the tables your functions are given must stay
# exactly as they were: no column added, no value changed, no rows sorted in place. If you need a
# new column, add it to a copy (`tx.copy()`) or a new table (`tx.assign(...)`); the visible tests
# check this too. Save often (**File > Save** or Ctrl + S).
#
# ## The data: Exemplar Community Bank
#
# Six months (January to June 2025) of records from a fictional bank with branches along I-35
# and I-70 (Wichita, Kansas City, Topeka, Salina, Oklahoma City, Dallas, Des Moines, Denver ...).
# The cities are real; the routes are a training scenario, not a claim about those places.
# Everything else, every name, phone number, account and business, is invented. The folder's
# `DATASHEET.md` describes every column.
#
# | File | One row per ... | Used for |
# |---|---|---|
# | `transactions.csv` | money in or out of an account: `direction` is `credit` (in) or `debit` (out); `channel` says how (`cash` at a teller, `atm`, `card`, `card_online`, `ach`, `wire`, `p2p`, `prepaid`, `crypto`) | everything |
# | `customers.csv` | customer (person or business), with the occupation, industry, income or revenue they declared when they joined | profiles and peers |
# | `account_parties.csv` | person on an account (owner, joint owner, signer), and the device that enrolled them in online banking | who is behind an account |
# | `branch_interactions.csv` | visit to a branch, with a factual note by the teller (part 2 reads them) | who brought cash in (FR-2) |
# | `accounts.csv`, `merchants.csv`, `locations.csv`, `addresses.csv` | account, card merchant, branch or ATM, address | details |
#
# Like real bank data, most of it is ordinary life: wages, rent, groceries, fuel. The world was
# built so that **the naive answer is wrong**: long-haul truck drivers, travel nurses, family
# remittances, cash-heavy restaurants and others look suspicious on one indicator and are not.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the bank's records.
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

# Color-blind-safe colors for every chart in this notebook.
plt.style.use("tableau-colorblind10")
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]
plt.rcParams["text.parse_math"] = False          # show $ in labels as a dollar sign
DOLLARS = StrMethodFormatter("${x:,.0f}")         # axis tick labels like $10,000

# Where the bank's records are, relative to this notebook.
DATA = "data/bank/"
tx = pd.read_csv(DATA + "transactions.csv")
customers = pd.read_csv(DATA + "customers.csv")
parties = pd.read_csv(DATA + "account_parties.csv")
merchants = pd.read_csv(DATA + "merchants.csv")

# Cash comes in and goes out in two ways: at a teller ("cash") or at an ATM ("atm").
CASH_CHANNELS = ["cash", "atm"]

print(f"Ready: {len(tx):,} transactions on {tx['account_id'].nunique()} accounts "
      f"of {len(customers)} customers.")

# %% [markdown]
# A first look, as you learned in `00_orientation`: what the rows look like, and how money moves.

# %%
tx.head(3)

# %%
# How many transactions of each kind: money in (credit) and out (debit), by channel.
tx.groupby(["channel", "direction"]).size().unstack(fill_value=0)

# %% [markdown]
# ## FR-1 From the advisory to the data (73 min)
#
# ### Why follow the money
#
# Trafficking is done for profit. The International Labour Organization estimates that forced
# labor in the private economy generates about **US$236 billion a year** in illegal profits, of
# which about **$172.6 billion (73%)** comes from forced commercial sexual exploitation (ILO,
# *Profits and Poverty*, 2024 edition, data for 2021). The US$150 billion that many articles still
# quote is the ILO's previous estimate, published in 2014 and built on its 2012 count of about 21
# million people in forced labor; the 2024 edition puts the rise since then at US$64 billion (37%).
# Polaris found that the financial sector intersects
# **22 of the 25** types of human trafficking it has mapped in the United States (Polaris, *On-Ramps,
# Intersections, and Exit Routes*, 2018). Money has to be paid in, held and moved, and each step
# leaves a record at a bank.
#
# ### FinCEN's advisory FIN-2020-A008
#
# On 15 October 2020 the U.S. Financial Crimes Enforcement Network (FinCEN) published
# *Supplemental Advisory on Identifying and Reporting Human Trafficking and Related Activity*
# (FIN-2020-A008). It builds on the 2014 advisory FIN-2014-A008 and gives banks:
#
# - **four typologies**, the ways trafficking money typically moves;
# - **twenty indicators**: ten *financial* (visible in transactions) and ten *behavioral*
#   (seen by staff in person);
# - a **key term** to use when filing a Suspicious Activity Report (SAR):
#   `HUMAN TRAFFICKING FIN-2020-A008`, in SAR field 2 and in the narrative (more in part 2, FR-8).
#
# | Typology | What it looks like | Where we look |
# |---|---|---|
# | **Front companies** | a business such as a massage parlor, escort service, bar, restaurant or cantina mixes illicit proceeds with real takings | business accounts: cash against similar businesses, hours, payroll (FR-5) |
# | **Exploitative employment** | a business that looks legitimate and pays its staff, then takes the wages back: visa fraud, recruitment fees, wages withheld | paychecks followed within hours by transfers back to the employer or its owner; fees out of the first pay; many workers at one address (worked example below; FR-6) |
# | **Funnel accounts** | cash paid into one account in several places, withdrawn quickly somewhere else | cash deposits and withdrawals by city (FR-3) |
# | **Alternative payments** | prepaid cards, mobile payments, virtual currency | prepaid and crypto channels (FR-7) |
#
# The **financial indicators**, in short (the advisory's own wording is longer). The codes F1 to F10
# here and B1 to B10 below are this course's shorthand, not FinCEN's numbering: in a report, quote
# the advisory's words.
#
# | Code | Indicator |
# |---|---|
# | F1 | frequent movement through, and transactions in, many U.S. locations |
# | F2 | spending on living costs that does not fit the customer: hotels and motels, rideshare and taxis, air travel, fast food, pharmacy, clothing |
# | F3 | activity mostly after business hours, almost all in cash, deposits too large for the business |
# | F4 | frequent cash deposits and no ordinary (ACH) payments in |
# | F5 | frequent purchase and use of prepaid cards |
# | F6 | phone numbers, e-mail addresses or handles shared with escort sites or sex ads |
# | F7 | frequent payments to foreign-based online classified sites |
# | F8 | virtual currency to or from illicit services, including prepaid cards turned into crypto |
# | F9 | third-party payment processors that hide who paid or who was paid |
# | F10 | avoiding transactions that need ID or that would be reported |
#
# The **behavioral indicators** (B1 to B10) describe what staff see: a third party who speaks
# for the customer, stays for every step, fills in the forms, holds the customer's documents or
# money, claims to be family but lacks details, uses an absent person's ID, or opens an account
# for a minor; a customer who looks exhausted, malnourished or afraid, or who does not know where
# they live. No column of a transaction table records these: they reach the data only if staff
# write them down.
#
# ### Smuggling is not trafficking
#
# FIN-2020-A008 supplements FinCEN's 2014 advisory, FIN-2014-A008, which covers two different crimes
# and gives each its own appendix of red flags. **Human smuggling** is a service: moving a person
# across a border illegally, or transporting or sheltering someone who crossed, usually for a fee.
# The person chose to migrate, and the crime is against the country's border laws. **Human
# trafficking** is exploitation: obtaining a person for forced labor or commercial sex through
# force, fraud or coercion (for commercial sex, anyone under 18, whatever the means). It needs no
# border and no journey, and victims can be U.S. citizens (Human Smuggling and Trafficking Center,
# 2016). The 2014 smuggling red flags are mostly wires, often under $3,000, from many places to one
# beneficiary in a city on the Southwest border ($3,000 is where a bank must keep a full record of a
# funds transfer, 31 CFR 1010.410(e)); this course works with the trafficking ones. The
# two meet when a smuggling fee becomes a debt that a person is forced to work off: from then on it
# is trafficking.
#
# ### A red flag is a reason to look, not a finding
#
# Each indicator on its own has innocent explanations. A truck driver pays for motels in many
# towns; a taqueria takes cash; a family sends money home every month. The advisory asks banks to
# consider indicators together and in context. And many of the accounts you will flag belong to
# **people who are being exploited**, not to the people exploiting them: the point of finding them
# is to protect them, and nothing you do should put them at further risk.
#
# ### Worked example: from an indicator to a data signature
#
# Take **F4**, *frequent cash deposits and no ACH credits*. To turn it into something we can
# compute, we decide:
#
# 1. **which rows**: credits (money in) of each account;
# 2. **what to measure**: the share of those credits paid in as cash (teller or ATM), and how many
#    came by ACH (wages, benefits, transfers from other banks);
# 3. **when to flag**: here, at least 90% of credits in cash and not a single ACH credit.

# %%
credits = tx[tx["direction"] == "credit"].copy()
credits["is_cash"] = credits["channel"].isin(CASH_CHANNELS)
credits["is_ach"] = credits["channel"] == "ach"

f4 = credits.groupby("account_id")[["is_cash", "is_ach"]].sum()   # True counts as 1
f4["credits"] = credits.groupby("account_id").size()
f4["cash_share"] = f4["is_cash"] / f4["credits"]

f4_flagged = f4[(f4["cash_share"] >= 0.9) & (f4["is_ach"] == 0)]
print(len(f4_flagged), "accounts match F4 as we defined it")
f4_flagged.sort_values("credits", ascending=False).head(10)

# %% [markdown]
# Who holds these accounts? Account numbers alone say nothing, so we attach the customers.
# `account_parties.csv` links accounts to customers; we keep the **owners** (an authorized signer
# on a business account is not the person whose money it is).

# %%
owners = parties[parties["role"].isin(["owner", "joint_owner"])]
who = owners.merge(customers, on="customer_id")[["account_id", "customer_id", "kind",
                                                 "occupation", "industry"]]
who[who["account_id"].isin(f4_flagged.index)]

# %% [markdown]
# Look at who they are. Some are students, whose parents may well pay cash in for them from
# home; others receive dozens of cash deposits and nothing else. The signature is computed
# correctly and still does not tell us who is exploited and who is not. That is what "a reason to
# look" means, and why the rest of this assignment compares customers with their **peers** and
# **combines** indicators.
#
# ### Worked example: wages that come back
#
# Being exploited does not always mean being unpaid. An employer can run a proper payroll into each
# worker's own account and then take most of it back: a recruitment or "visa" fee out of the first
# paychecks, a fixed "rent" for a bed in a house the employer rents, and installments on a "loan"
# that was never lent. FIN-2020-A008 names visa fraud, wage retention and recruitment fees under
# exploitative employment; FIN-2014-A008 adds deductions from wages for housing and food that leave
# workers a small fraction of their pay. A debt used to keep someone at work is **debt bondage**,
# one of the conditions named in the U.S. legal definition of labor trafficking (Trafficking
# Victims Protection Act, 22 U.S.C. 7102).
#
# The sender types the memo of a transfer, so a memo proves nothing on its own, but it is a place to
# start. We look for debits whose memo names a fee, then at one account that paid one.

# %%
memo = tx["memo"].fillna("").str.lower()
fees = tx[(tx["direction"] == "debit") & memo.isin(["visa fee", "processing fee", "uniform"])]
receiver = fees["counterparty_account_id"].mode()[0]            # where most fees went
print(f"{len(fees)} fee payments from {fees['account_id'].nunique()} accounts; "
      f"{(fees['counterparty_account_id'] == receiver).mean():.0%} of them went to {receiver}.")

worker = fees["account_id"].iloc[0]                             # one account that paid a fee
rows = tx[tx["account_id"] == worker]
rows[["ts_local", "direction", "amount", "channel", "counterparty_account_id",
      "counterparty_name", "memo"]].head(12)

# %% [markdown]
# Now the whole six months of that account, and the people who paid the fees:

# %%
paid_in = rows[rows["direction"] == "credit"]
sent_back = rows[(rows["direction"] == "debit") & (rows["counterparty_account_id"] == receiver)]
print(f"Paid in: {len(paid_in)} credits, ${paid_in['amount'].sum():,.2f}, memos "
      f"{sorted(paid_in['memo'].fillna('none').unique())}.")
print(f"Sent back to {receiver}: ${sent_back['amount'].sum():,.2f}, "
      f"{sent_back['amount'].sum() / paid_in['amount'].sum():.0%} of what was paid in.")
holders = owners[owners["account_id"].isin(fees["account_id"])].merge(customers, on="customer_id")
print(f"The {len(holders)} people who paid fees: {holders['address_id'].nunique()} address(es), "
      f"{holders['phone'].nunique()} phone number(s), occupations "
      f"{sorted(holders['occupation'].unique())}.")
sent_back.groupby("memo")["amount"].agg(["size", "sum", "min", "max"])


# %% [markdown]
# Read it one fact at a time, as you would in a case file. The only money paid in is the pay (see
# the memos), so the "loan" being repaid never came into this account. The "rent" and the "loan
# repayment" are the same amounts every pay day (compare `min` and `max`), and they leave within hours
# of each paycheck (compare the times in the first table). The fees come out of the first pay
# checks. All of it goes to one account, the same one that received the other workers' fees. Each
# fact alone has an innocent reading: housing provided by an employer can lawfully be charged for,
# and a real advance can be repaid out of wages. Together, with many workers registered at one
# address and one phone number, they describe wages taken back. If that is what happened, the
# workers are the people being exploited, and the account that receives the money is where an
# investigation starts. A check for "no payroll" cannot see any of this: the payroll is there.
#
# **What is left per hour?** A bank's records show pay, not hours. To turn money into a wage per
# hour we make an assumption and say so: each paycheck pays for full-time work, 40 hours a week.
# Then, for every worker this employer pays at the bank, we compare what came in with what went back
# to the receiving account.

# %%
HOURS_PER_WEEK = 40                      # our assumption: the hours are not in a bank's records
MINIMUM_WAGE = 7.25                      # the federal minimum, dollars an hour (29 U.S.C. 206)
employer = paid_in["counterparty_account_id"].mode()[0]          # the account the pay comes from
pay = tx[(tx["counterparty_account_id"] == employer) & (tx["direction"] == "credit")
         & (tx["memo"] == "PAYROLL")]
back = tx[tx["account_id"].isin(pay["account_id"]) & (tx["direction"] == "debit")
          & (tx["counterparty_account_id"] == receiver)]
pay_every = pd.to_datetime(paid_in["ts_local"]).dt.normalize().sort_values().diff().median().days
hours_paid = HOURS_PER_WEEK * pay_every / 7                      # hours behind one paycheck
wages = pd.DataFrame({"paychecks": pay.groupby("account_id").size(),
                      "paid": pay.groupby("account_id")["amount"].sum(),
                      "sent_back": back.groupby("account_id")["amount"].sum()}).fillna(0)
worked = wages["paychecks"] * hours_paid
wages["paid_per_hour"] = wages["paid"] / worked
wages["kept_per_hour"] = (wages["paid"] - wages["sent_back"]) / worked
print(f"Paid every {pay_every} days: {hours_paid:.0f} hours a paycheck. "
      f"{(wages['kept_per_hour'] < MINIMUM_WAGE).sum()} of {len(wages)} workers kept less than "
      f"${MINIMUM_WAGE:.2f} an hour.")
wages.round(2)


# %% [markdown]
# Under the Fair Labor Standards Act (FLSA), wages count only when they are paid "finally and
# unconditionally or 'free and clear'": money a worker must hand back to the employer, or to someone
# else for the employer's benefit, does not count towards the minimum wage (29 CFR 531.35). Housing
# that an employer provides can count at its reasonable cost (section 3(m) of the Act, 29 U.S.C.
# 203(m)); fees for the employer's benefit and repayments of a loan that was never lent cannot. The
# figures rest on our assumption: the credits are net pay, and the real hours are in the employer's
# time and payroll records or the workers' own account. Longer hours only lower the rate.
#
# These sums start two things an investigator can do for the workers: a referral to the U.S.
# Department of Labor's Wage and Hour Division, which enforces the minimum wage and can recover back
# wages; and, if the employer is prosecuted for trafficking, restitution, which the court must order
# and which is at least the value of the work at the FLSA's minimum wage and overtime (18 U.S.C.
# 1593). Workers whose
# passports or IDs an employer holds (a federal crime when it keeps a trafficking victim at work, 18
# U.S.C. 1592) may need protection to stay in the country safely: **Continued Presence**, which
# federal law enforcement requests for a trafficking victim who may be a witness (22 U.S.C.
# 7105(c)(3)), and the **T visa**, for which a law-enforcement agency with jurisdiction to detect,
# investigate or prosecute trafficking may sign a declaration (Form I-914, Supplement B; signing it
# is at the agency's discretion). Bring in your agency's victim specialist before anyone is interviewed.
#
# What the data **can** show is what was paid, how, when and where. What it **cannot** show is why,
# or who was standing at the counter, unless staff wrote it down (part 2 uses the tellers' notes,
# `branch_interactions.csv`). Some indicators need data the bank does not hold at all: F6 needs the
# ads themselves (the recruitment module of this course).

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "fr1_indicator_map", "schema_version": 3}
# ### Exercise FR-1.1 (written, 4 points): what the data can and cannot show
#
# For each of these three indicators from FIN-2020-A008, write two to four sentences:
#
# - **F2** spending on living costs that does not fit the customer (hotels, rideshare, fast food ...);
# - **F6** phone numbers or e-mail addresses shared with escort sites or sex ads;
# - **B1** a third party speaks for the customer or translates for them.
#
# For each one say (a) whether **this bank's records** can show it: fully, partly or not at all;
# (b) **which file(s) and columns** you would use, or what other source you would need; and
# (c) one **legitimate customer** who could show the same signature.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does** (the instructor notes have sample answers at each level):
#
# - **F2, partly.** `transactions.csv`: card debits (`channel` card), merchant category (`mcc` 7011
#   hotels and motels, 4121 taxis and rideshare, 5814 fast food, 5912 pharmacy ...), `amount`,
#   `ts_local` for late night, `city`; compared with what the customer declared
#   (`customers.csv`: `occupation`, `declared_monthly_income`). Partly, because the records show
#   the purchase, not whom the room was for. Legitimate look-alikes: truck drivers, travel nurses,
#   traveling sales staff, a family on holiday.
# - **F6, not from the bank alone.** The bank holds the customer's `phone` and `email`
#   (`customers.csv`), but the ads are outside the bank: open-source collection, the recruitment
#   data of this course, or a partner. Legitimate look-alike: a person who sells furniture or
#   offers legal services in online classifieds; a recycled phone number; a shared family phone.
# - **B1, not in transactions.** Only if staff record it: `branch_interactions.csv`
#   (`third_party_present`, `third_party_customer_id`, `note_text`). Legitimate look-alikes: an
#   adult child translating at a parent's request, a carer, a spouse.
#
# **Levels**
#
# - **4 points:** all three placed correctly (partly / not from the bank alone / only through staff
#   notes), each with concrete files and columns or the outside source, and a plausible
#   legitimate look-alike for each.
# - **3 points:** all three placed correctly with sources, but one look-alike missing or vague, or
#   the columns are named loosely ("the transactions") for one indicator.
# - **2 points:** two indicators handled well, or all three placed correctly without any columns
#   or look-alikes.
# - **1 point:** some correct idea (e.g. "hotels are in the card data") but indicators misplaced,
#   for example claiming transactions show who spoke at the counter, or that the bank data proves
#   an ad link.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## FR-2 Structuring: cash kept under the reporting threshold (75 min)
#
# A U.S. bank must file a **Currency Transaction Report (CTR)** when cash paid in, or cash paid out,
# by or on behalf of one person comes to **more than $10,000 in one business day** (31 CFR 1010.311).
# The bank adds up every cash transaction of that business day that it knows is by or for the same
# person, at **all** of its branches, and counts a deposit made at night or at the weekend with the
# next business day (31 CFR 1010.313). Breaking cash up on purpose to stay below the threshold is
# called **structuring**; it is a crime in itself, whatever the source of the money (31 U.S.C.
# 5324). FIN-2020-A008 lists it among the financial indicators (F10: avoiding transactions that
# would be reported).
#
# A CTR goes to FinCEN, and the bank keeps a copy for five years (31 CFR 1010.306(a)(2)), as it does
# its designations of customers exempted from CTRs (31 CFR 1020.315). This transaction export has no
# CTR file, but an investigator can get both. FinCEN's BSA data lists the CTRs any bank filed on a
# person; an agency queries it only under its agreement with FinCEN, which limits passing the
# results on, so treat a query result as a lead. For evidence, a subpoena to the bank names its
# CTR copies and exemption records, and those copies are what an affidavit cites.
#
# Because the bank adds up a whole business day, two deposits of $6,000 into one account on the same
# day, even at two branches, make $12,000 and a CTR. Structuring that escapes the report therefore
# looks like this: **one cash deposit a business day, just under $10,000, on several business days
# in a row**, often at another branch or town each day and brought in by different people in turn.
# No single day is reportable, so a check that looks at one day at a time sees nothing. Seeing it
# needs a **rolling window** that spans several days: any period of, say, 72 hours (why 72, and what
# a count of business days does instead, comes at the end of this section).
#
# ### Worked example: cash deposits large enough to be reported
#
# A single cash deposit of **more than** $10,000 is always reported through a CTR. Finding those is
# one filter on three conditions: direction, channel and amount.

# %%
def large_cash_deposits(tx, limit=10_000):
    """Return the cash deposits of more than `limit` dollars (all columns kept)."""
    is_deposit = tx["direction"] == "credit"
    is_cash = tx["channel"].isin(CASH_CHANNELS)
    return tx[is_deposit & is_cash & (tx["amount"] > limit)]


large = large_cash_deposits(tx)
large[["account_id", "ts_local", "amount", "channel", "city", "memo"]]

# %% [markdown]
# Note the comparison: `> limit` because the rule says *more than* $10,000. Getting `<`, `<=`, `>`
# and `>=` right at a threshold is the most common slip in this kind of work.
#
# Now look at all larger cash deposits at once. If people avoid the threshold, deposits should pile
# up just below it.

# %%
cash_in = tx[(tx["direction"] == "credit") & tx["channel"].isin(CASH_CHANNELS)]
bigger = cash_in[cash_in["amount"] >= 5_000]["amount"]
below = bigger[(bigger >= 8_000) & (bigger < 10_000)]          # just under the threshold
edges = np.arange(5_000, max(bigger.max(), 12_000) + 500, 250)  # bars $250 wide

fig, ax = plt.subplots(figsize=(9, 4.5))
ax.hist(bigger.drop(below.index), bins=edges, color=COLORS[0], edgecolor="black",
        label="other cash deposits")
ax.hist(below, bins=edges, color=COLORS[1], edgecolor="black", hatch="//",
        label="$8,000 to $9,999.99")
ax.axvline(10_000, color="black", linestyle="--", linewidth=1.5,
           label="$10,000 reporting threshold")
ax.set_title("Cash deposits of $5,000 or more, in $250 steps")
ax.set_xlabel("Amount of one cash deposit")
ax.set_ylabel("Number of deposits")
ax.xaxis.set_major_formatter(DOLLARS)
ax.yaxis.set_major_locator(MaxNLocator(integer=True))   # whole numbers of deposits
ax.legend()
plt.show()
print(f"Figure description: histogram of the {len(bigger)} cash deposits of $5,000 or more, in "
      f"$250 steps, with a dashed line at $10,000: {(bigger < 8_000).sum()} from $5,000 to "
      f"$7,999.99, {len(below)} (hatched) from $8,000 to $9,999.99, and "
      f"{(bigger > 10_000).sum()} over $10,000, the largest ${bigger.max():,.2f}.")


# %% [markdown]
# *Figure description:* printed under the chart, worked out from the data.
#
# ### Exercise FR-2.1 (2 points): `near_threshold_deposits`
#
# Write `near_threshold_deposits(tx, low=8_000, high=10_000)`. It returns the rows of `tx` that are
# **cash deposits** (a `credit` through one of the `CASH_CHANNELS`) of **at least `low`** and
# **less than `high`** dollars, with all columns kept. So with the defaults, $8,000.00 and $9,999.99
# count; $7,999.99 and $10,000.00 do not. Withdrawals, card payments and transfers never count.
# Filter the rows of `tx` and keep their index labels (do not renumber them), so that every row you
# return can still be found in `tx` by its label. Do not change `tx` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr2_near_threshold", "schema_version": 3}
def near_threshold_deposits(tx, low=8_000, high=10_000):
    """Return the cash deposits of at least `low` and less than `high` dollars (all columns)."""
    ### BEGIN SOLUTION
    is_deposit = tx["direction"] == "credit"
    is_cash = tx["channel"].isin(CASH_CHANNELS)
    in_band = (tx["amount"] >= low) & (tx["amount"] < high)
    return tx[is_deposit & is_cash & in_band]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr2_near_threshold_tests", "schema_version": 3}
def _check_fr2_near_threshold():
    """Check that near_threshold_deposits keeps cash deposits from `low` up to, not `high`."""
    import pandas as pd
    from course_checks import shuffled, table_of, unchanged

    tiny = pd.DataFrame({
        "txn_id": ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"],
        "account_id": ["A", "A", "A", "B", "B", "B", "C", "C", "C", "C", "D", "D"],
        "ts_local": ["2025-03-03 10:00:00"] * 12,
        "direction": ["credit", "credit", "credit", "debit", "credit", "credit", "credit",
                      "credit", "debit", "credit", "credit", "credit"],
        "amount": [9500.00, 8000.00, 10000.00, 9000.00, 7999.99, 9999.99, 9200.00, 9300.00,
                   8500.00, 9400.00, 9000.00, 9250.00],
        "channel": ["cash", "cash", "cash", "cash", "cash", "atm", "ach", "p2p", "atm", "wire",
                    "atm", "cash"],
    })
    tiny.index = range(100, 100 + len(tiny))
    tiny_before = tiny.copy()


    def rows_of(found, call):
        table_of(found, call, "If you returned a True/False mask, put it inside tx[ ... ].")
        assert set(found.columns) == set(tiny.columns), (
            f"{call} should keep all the columns of tx: filter the rows only."
        )
        return set(found["txn_id"])


    result = near_threshold_deposits(tiny)
    kept = rows_of(result, "near_threshold_deposits(tiny)")
    assert not kept & {"T4", "T9"}, (
        "T4 and T9 are withdrawals (direction 'debit') of cash; near_threshold_deposits kept "
        f"{sorted(kept & {'T4', 'T9'})}. Keep only deposits: direction == 'credit'."
    )
    assert "T3" not in kept, (
        "A deposit of exactly $10,000.00 is at the threshold, not below it, so it must not be "
        "kept: use amount < high (not <=)."
    )
    assert "T2" in kept, (
        "A cash deposit of exactly $8,000.00 should be kept (at least `low`): use amount >= low."
    )
    assert "T5" not in kept, "$7,999.99 is below `low` ($8,000) and must not be kept."
    assert not kept & {"T7", "T8", "T10"}, (
        f"T7 (ach), T8 (p2p) and T10 (wire) are credits but not cash; you kept "
        f"{sorted(kept & {'T7', 'T8', 'T10'})}. Keep only rows whose channel is in CASH_CHANNELS."
    )
    assert "T6" in kept and "T11" in kept, (
        "T6 ($9,999.99) and T11 ($9,000) are deposits at an ATM: ATM deposits are cash deposits "
        "too. Use tx['channel'].isin(CASH_CHANNELS), not only channel == 'cash'."
    )
    assert kept == {"T1", "T2", "T6", "T11", "T12"}, (
        f"Expected the rows T1, T2, T6, T11 and T12; got {sorted(kept)}."
    )
    labels = dict(zip(tiny.index, tiny["txn_id"]))
    moved = [f"{label} ({txn})" for label, txn in zip(result.index, result["txn_id"])
             if labels.get(label) != txn]
    assert not moved, (
        "The rows you returned do not keep their index labels from tx (the test table is "
        f"labeled 100, 101, ...; these labels are wrong: {moved[:3]}). Return tx[mask], "
        "without reset_index() or building a new table."
    )
    narrow = rows_of(near_threshold_deposits(tiny, low=9_000, high=9_500),
                     "near_threshold_deposits(tiny, low=9000, high=9500)")
    assert narrow == {"T11", "T12"}, (
        "With low=9000 and high=9500, expected T11 ($9,000.00 exactly, at least low) and T12 "
        f"($9,250); T1 ($9,500.00) is at high and must not be kept. Got {sorted(narrow)}. Use the "
        "arguments `low` and `high`, not numbers typed in."
    )
    unchanged(tiny_before, tiny, "near_threshold_deposits", "Perhaps a column was added or a "
              "value changed: work on a filtered copy; do not change tx itself.")
    print("Visible tests passed: near_threshold_deposits keeps the right cash deposits.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/bank/transactions.csv")
    mixed = shuffled(full, 11, first_label=7)
    for low, high in [(8_000, 10_000), (1_000, 2_000), (500, 9_000)]:
        got = near_threshold_deposits(mixed, low=low, high=high)
        want = mixed[(mixed["direction"] == "credit") & mixed["channel"].isin(["cash", "atm"])
                     & (mixed["amount"] >= low) & (mixed["amount"] < high)]
        assert sorted(got["txn_id"]) == sorted(want["txn_id"]), (
            f"On the bank's data with low={low} and high={high}, expected the {len(want)} cash "
            f"deposits of at least ${low:,} and less than ${high:,}; near_threshold_deposits "
            f"returned {len(got)} rows."
        )
        assert sorted(got.index) == sorted(want.index), (
            f"On the bank's data with low={low} and high={high}, the right rows came back with "
            "other index labels: keep the labels of tx (no reset_index)."
        )
    ### END HIDDEN TESTS


_check_fr2_near_threshold()
del _check_fr2_near_threshold


# %%
# Try your function on the bank's data (not graded).
near = near_threshold_deposits(tx)
counts = near["account_id"].value_counts()
print(f"{len(near)} cash deposits between $8,000 and $9,999.99 on {len(counts)} accounts; "
      f"{(counts == 1).sum()} of these accounts have only one.")
per_account = near.groupby("account_id").agg(deposits=("amount", "size"),
                                             memo=("memo", "first")).reset_index()
per_account.merge(who[["account_id", "kind", "occupation", "industry"]], on="account_id",
                  how="left").sort_values("deposits", ascending=False)

# %% [markdown]
# Read the `deposits`, `memo` and `occupation` columns. A single deposit in the band, the sale of a
# car for instance, is one event and not structuring: nothing follows on the next business day. What
# matters is **one deposit after another on consecutive business days**.
#
# ### Worked example: a rolling window on one account
#
# "How much cash did this account take in during any 7 days?" needs a window that slides along the
# time line. pandas does this with `rolling` on a table indexed by time: `"7D"` means seven days
# (`"72h"` would mean 72 hours). For each deposit it looks back over the window that ends at that
# deposit and adds up what it finds there. The rows must be in time order first.
#
# We take the account with the most cash deposits and compute its largest 7-day total:

# %%
cash_in = tx[(tx["direction"] == "credit") & tx["channel"].isin(CASH_CHANNELS)]
busiest = cash_in["account_id"].value_counts().index[0]      # the account with most deposits
one = cash_in[cash_in["account_id"] == busiest]

amounts = pd.Series(one["amount"].to_numpy(), index=pd.to_datetime(one["ts_local"]))
amounts = amounts.sort_index()                                # time order: rolling needs it
seven_day_total = amounts.rolling("7D").sum()

print("Account", busiest, "made", len(amounts), "cash deposits.")
print(f"Largest total in any 7 days: ${seven_day_total.max():,.2f}, "
      f"in the 7 days up to {seven_day_total.idxmax()}")


# %% [markdown]
# `rolling("7D").sum()` adds the amounts; `rolling("7D").count()` would count the deposits instead.
# The window is the time **up to and including** each deposit, going back 7 days (not including the
# moment exactly 7 days before). To do this for **every** account, repeat it per account:
# `for account, rows in table.groupby("account_id"):` gives you each account's number and its rows
# in turn.
#
# ### Exercise FR-2.2 (3 points): `find_structuring`
#
# Write `find_structuring(deposits, window_hours=72, min_deposits=2)`. `deposits` is a table of
# near-threshold cash deposits, like the one `near_threshold_deposits` returns (columns include
# `account_id` and `ts_local`). Return the **set of account ids** that have at least
# `min_deposits` of these deposits **within one window of `window_hours` hours**: the first and the
# last of them **less than `window_hours` apart**, at any point in the six months. An empty table
# gives an empty set. Take the times from `ts_local`; measuring them in UTC instead (with
# `utc_offset`, as FR-4 explains) is accepted too.
#
# For example, deposits on Monday 3 March at 10:00 and Tuesday 4 March at 15:00 are 29 hours
# apart: within a 72-hour window, but not within a 24-hour one. Two deposits exactly 72 hours
# apart are not within 72 hours (the window does not include the moment exactly 72 hours before). Two deposits ten days apart are
# never within 72 hours, however many the account has in total; nor are three deposits each 50
# hours after the one before, because the first and the third are 100 hours apart. The rows may
# come in any order. Do not change `deposits` itself: sort and convert into new variables.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr2_structuring", "schema_version": 3}
def find_structuring(deposits, window_hours=72, min_deposits=2):
    """Return the set of account_ids with `min_deposits` or more deposits within `window_hours`."""
    ### BEGIN SOLUTION
    flagged = set()
    for account, rows in deposits.groupby("account_id"):
        times = pd.to_datetime(rows["ts_local"]).sort_values()
        in_window = pd.Series(1, index=times).rolling(f"{window_hours}h").count()
        if in_window.max() >= min_deposits:
            flagged.add(account)
    return flagged
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr2_structuring_tests", "schema_version": 3}
def _check_fr2_structuring():
    """Check that find_structuring counts deposits inside a rolling window of `window_hours`."""
    import pandas as pd
    from course_checks import call_text, ids_of, shuffled, unchanged

    tiny = pd.DataFrame({
        "account_id": ["A", "B", "A", "C", "D", "B", "A", "D", "E", "G", "E", "G", "H", "G", "H",
                       "H"],
        "ts_local": ["2025-03-20 11:00:00", "2025-03-01 10:00:00", "2025-03-01 10:00:00",
                     "2025-03-05 12:00:00", "2025-04-03 20:00:00", "2025-03-11 10:00:00",
                     "2025-03-02 15:00:00", "2025-04-01 09:00:00", "2025-04-13 08:00:00",
                     "2025-05-03 02:00:00", "2025-04-10 08:00:00", "2025-05-01 00:00:00",
                     "2025-06-02 10:00:00", "2025-05-05 04:00:00", "2025-06-01 10:00:00",
                     "2025-06-03 09:00:00"],
        "amount": [9100.0, 9400.0, 9500.0, 9900.0, 8200.0, 9300.0, 8800.0, 9700.0, 9000.0,
                   9200.0, 8900.0, 9600.0, 9100.0, 8700.0, 9800.0, 8600.0],
        "channel": ["cash"] * 16,
        "direction": ["credit"] * 16,
    })
    # Central time: -06:00 until 9 March 2025, -05:00 (daylight saving time) from then on.
    tiny["utc_offset"] = ["-06:00" if t < "2025-03-09" else "-05:00" for t in tiny["ts_local"]]
    tiny.index = range(100, 100 + len(tiny))
    tiny_before = tiny.copy()


    def flagged(**arguments):
        call = call_text("find_structuring", "tiny", **arguments)
        try:
            found = find_structuring(tiny, **arguments)
        except ValueError as error:
            raise AssertionError(
                f"{call} stopped with an error: {error}. If the message mentions 'monotonic', "
                "sort each account's times before rolling (sort_values / sort_index)."
            ) from error
        return ids_of(found, call, "flagged account ids")


    result = flagged()
    assert "B" not in result, (
        "Account B has two deposits, but ten days apart (1 and 11 March), so never two within 72 "
        "hours. Do not count all of an account's deposits: count those inside the window."
    )
    assert "A" in result, (
        "Account A has deposits on 1 March at 10:00 and 2 March at 15:00, 29 hours apart: two "
        "within 72 hours, so A should be flagged."
    )
    assert "D" in result, (
        "Account D has deposits on 1 April at 09:00 and 3 April at 20:00, 59 hours apart, on "
        "different days: within 72 hours. Use a rolling window, not calendar days."
    )
    assert "E" not in result, (
        "Account E has deposits on 10 April at 08:00 and 13 April at 08:00, exactly 72 hours "
        "apart: that is not LESS than 72 hours, so E must not be flagged. The window reaches back "
        "72 hours but does not include that moment (rolling's default, closed='right')."
    )
    assert result == {"A", "D", "G", "H"}, (
        f"Expected the accounts A, D, G and H; got {sorted(result)}."
    )
    short = flagged(window_hours=24)
    assert short == {"H"}, (
        "With window_hours=24 only H has two deposits less than 24 hours apart (1 June 10:00 and "
        "2 June 10:00 are exactly 24 hours apart, too far; 2 June 10:00 and 3 June 09:00 are 23 "
        f"hours apart). A's are 29 hours apart. Got {sorted(short)}. Use the argument "
        "window_hours, not 72 typed in."
    )
    three = flagged(min_deposits=3)
    assert three == {"H"}, (
        "With min_deposits=3, only H has three deposits within 72 hours (1 June 10:00 to 3 June "
        "09:00, 47 hours). G's three deposits are each 50 hours after the one before, but the "
        "first and the third are 100 hours apart: never three inside one 72-hour window. "
        f"Got {sorted(three)}. Use the argument min_deposits, and count the deposits inside one "
        "window, not a chain of gaps."
    )
    unchanged(tiny_before, tiny, "find_structuring", "Perhaps a column was added, rows sorted or "
              "a value changed: sort and convert copies; do not change `deposits` itself.")
    print("Visible tests passed: find_structuring uses a rolling window.")

    ### BEGIN HIDDEN TESTS
    month = flagged(window_hours=24 * 30, min_deposits=3)
    assert month == {"A", "G", "H"}, (
        "With a 30-day window and min_deposits=3, A (three deposits within 19 days), G and H "
        f"should be flagged; got {sorted(month)}."
    )
    single = flagged(min_deposits=1)
    assert single == set(tiny["account_id"]), (
        "With min_deposits=1 every account with a deposit has one 'within the window'; got "
        f"{sorted(single)}."
    )
    twins = pd.DataFrame({"account_id": ["E", "E", "F"],
                          "ts_local": ["2025-05-05 10:00:00", "2025-05-05 10:00:00",
                                       "2025-05-06 10:00:00"],
                          "utc_offset": ["-05:00"] * 3, "amount": [9000.0, 9100.0, 9200.0],
                          "channel": ["cash"] * 3, "direction": ["credit"] * 3})
    assert ids_of(find_structuring(twins), "find_structuring(twins)") == {"E"}, (
        "Two deposits at the very same minute are within any window: account E should be flagged."
    )
    empty = find_structuring(tiny.iloc[0:0])
    assert empty is not None and len(empty) == 0, (
        "With no deposits at all, find_structuring should return an empty set."
    )
    full = pd.read_csv("data/bank/transactions.csv")
    cash = full[(full["direction"] == "credit") & full["channel"].isin(["cash", "atm"])]
    for low in [8_000, 1_000]:
        deposits = cash[(cash["amount"] >= low) & (cash["amount"] < 10_000)]
        deposits = shuffled(deposits, 3)
        for hours, needed in [(72, 2), (72, 3), (24, 2), (24 * 7, 3), (24 * 30, 4)]:
            want, want_utc = set(), set()
            for account, rows in deposits.groupby("account_id"):
                for clock, found in [(pd.to_datetime(rows["ts_local"]), want),
                                     (pd.to_datetime(rows["ts_local"] + rows["utc_offset"],
                                                     utc=True), want_utc)]:
                    times = clock.sort_values().reset_index(drop=True)
                    gaps = times.shift(-(needed - 1)) - times
                    if (gaps < pd.Timedelta(hours=hours)).any():
                        found.add(account)
            got = ids_of(find_structuring(deposits, window_hours=hours, min_deposits=needed),
                         "find_structuring(...)", "flagged account ids")
            assert got in (want, want_utc), (
                f"On the bank's cash deposits of ${low:,} to $9,999.99 with window_hours={hours} "
                f"and min_deposits={needed}, expected {len(want)} accounts; got {len(got)}. "
                f"Missing: {sorted(want - got)[:3]}; not expected: {sorted(got - want)[:3]}."
            )
    ### END HIDDEN TESTS


_check_fr2_structuring()
del _check_fr2_structuring


# %%
# Try your function on the bank's data (not graded).
structuring = find_structuring(near_threshold_deposits(tx))
print("Accounts with two or more deposits of $8,000-$9,999.99 within 72 hours:", structuring)
bursts = cash_in[cash_in["account_id"].isin(structuring)].copy()
when = pd.to_datetime(bursts["ts_local"])
bursts["weekday"] = when.dt.day_name()
per_day = bursts.groupby(["account_id", when.dt.date])["amount"].sum()
print(f"Most cash paid into one of these accounts on one day: ${per_day.max():,.2f}")
visits = pd.read_csv(DATA + "branch_interactions.csv")
noted = visits[(visits["interaction_type"] == "cash_deposit") & visits["account_id"].isin(structuring)]
print(f"Tellers noted {len(noted)} of their cash deposits as brought in by someone not on the "
      f"account: {noted['third_party_customer_id'].nunique()} different people.")
bursts[["account_id", "ts_local", "weekday", "amount", "city", "location_id"]]


# %% [markdown]
# Read the rows as a bank's monitoring analyst would: how many deposits a day, how many business
# days in a row, on which weekdays, at which branches and in which towns, and who brought the cash
# in. Compare the most paid in on one day (printed above) with the $10,000 of the CTR rule: each day
# stays under it, the days together go well over it. Changing branch does not help within one day,
# because the bank adds up all its branches; what it does is keep any one teller from seeing the
# whole run, and so does sending other people with the cash. Part 2 reads the tellers' notes.
#
# ### Why $8,000 and 72 hours, and what each misses
#
# The numbers in a detector are choices, and a defense lawyer will ask about each one.
#
# - **The band.** The $10,000 is the law's; the $8,000 is ours. Someone who wants as few trips to
#   the bank as possible puts each deposit just under the line, where a pile-up would show in the
#   histogram, and the band keeps the detector away from the many ordinary deposits of a few
#   thousand dollars. What the band misses: structuring is
#   breaking up cash "in any amount", at one or more banks, on one or more days, to avoid a report
#   (31 CFR 1010.100(xx)), and people who know that banks watch the $9,000s go far lower. FR-3's
#   funnel account takes in its cash a few hundred to a few thousand dollars at a time, which also
#   stays under the $3,000 from which this bank's tellers record who brought cash in for someone
#   else (see the datasheet; that line is this bank's own policy, not a federal rule). No band near
#   $10,000 sees that. Its wires out stay under $3,000 too, the line from which a bank must keep a
#   full record of a funds transfer (31 CFR 1010.410(e)).
# - **72 hours.** Long enough to join deposits on consecutive business days, short enough that a
#   monthly sale does not join the next one. But it is measured on the clock, not on the bank's
#   calendar: Friday 10:00 and Monday 10:30 are consecutive business days and 72.5 hours apart. A
#   run whose Monday deposit comes later in the day than its Friday one falls into two windows, and
#   a holiday Monday stretches the gap to four days.
#
# Transaction-monitoring systems therefore also run an **aggregate rule** on the bank's calendar:
# cash of more than $10,000 within a few business days, while no single business day went over
# $10,000 (such a day has its CTR already). It needs no band, so it sees small deposits; it counts
# business days, so a Friday and the Monday after it are neighbors.
#
# ### Worked example: the aggregate rule
#
# `np.busday_count(start, day, holidays=...)` counts the business days from `start` up to, not
# including, `day`. As a number for each deposit's day, it gives a Saturday, a Sunday or a holiday
# the number of the next business day, just as the bank books it (a night deposit moves to the next
# business day too; we leave that out). `rolling` works on dates, so we hand it business day *n* as
# the date *n* days after 1 January 1970 (`pd.to_datetime(n, unit="D")`): a window of `"3D"` then
# holds three business days.

# %%
# Uses `structuring`, from the cell that tries your FR-2.2 answer: run that cell first.
# Federal Reserve holidays in the six months: no business day for a bank.
HOLIDAYS = ["2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19"]


def cash_by_business_day(tx):
    """Return a Series: each account's cash deposits added up per business day (0, 1, 2 ...)."""
    cash = tx[(tx["direction"] == "credit") & tx["channel"].isin(CASH_CHANNELS)]
    day = pd.to_datetime(cash["ts_local"]).dt.date.to_numpy(dtype="datetime64[D]")
    number = np.busday_count("2025-01-01", day, holidays=HOLIDAYS)
    return cash.assign(business_day=number).groupby(["account_id", "business_day"])["amount"].sum()


def aggregate_cash_rule(tx, business_days=3, limit=10_000):
    """Return the set of accounts with more than `limit` in cash within `business_days` business
    days, while no single business day went over `limit`."""
    flagged = set()
    for account, daily in cash_by_business_day(tx).groupby("account_id"):
        days = pd.to_datetime(daily.index.get_level_values("business_day"), unit="D")
        window = pd.Series(daily.to_numpy(), index=days).rolling(f"{business_days}D")
        if ((window.sum() > limit) & (window.max() <= limit)).any():
            flagged.add(account)
    return flagged


aggregate = aggregate_cash_rule(tx)
print(f"Aggregate rule over 3 business days: {len(aggregate)} accounts, "
      f"{len(aggregate & structuring)} of them also found by find_structuring. "
      f"Over 5 business days: {len(aggregate_cash_rule(tx, business_days=5))} accounts.")
found = who[who["account_id"].isin(aggregate | structuring)].copy()
found["band_72h"] = found["account_id"].isin(structuring)
found["aggregate_3_days"] = found["account_id"].isin(aggregate)
found


# %% [markdown]
# Read `kind`, `occupation` and `industry`. The aggregate rule finds the planted structuring too (two
# deposits over $8,000 on consecutive business days always pass $10,000), and more: any account
# whose cash comes to over $10,000 in three business days without a day over it, a restaurant's or a
# shop's takings as much as a front's. That is its price: an alert means something only against
# what the customer does, so banks tune it by kind of customer (the peer comparisons of FR-4 and
# FR-5). Neither rule replaces the other. The band and the 72 hours look for the pattern a
# structurer intends; the aggregate rule looks for the total the law cares about. Run both, and
# read every hit against the customer.
#
# **Discussion (not graded):** which of these would make you *less* worried about an account
# flagged here, and which *more*? (a) The customer is a used-car dealer whose larger sales come in
# as single deposits of over $10,000, on which the bank files CTRs. (b) The customer's declared
# income is $3,000 a month. (c) The tellers recorded three different people bringing the cash in on
# consecutive days at different branches. What would you check next, and where would you get it?
# Think of what exists outside this export: the bank's copies of its CTRs and CTR exemptions, the
# CTRs every bank filed on the customer (FinCEN's BSA data: a lead, queried under your agency's
# agreement with FinCEN; cite the bank's own copies, obtained by subpoena), and, for a business,
# Form 8300: a
# business that receives more than $10,000 in cash in one sale, or in related sales, must report it
# to the IRS and FinCEN (31 CFR 1010.330).
#
# ## FR-3 Funnel accounts: paid in everywhere, taken out in one place (58 min)
#
# FinCEN defines a **funnel account** as "an individual or business account in one geographic area
# that receives multiple cash deposits, often in amounts below the cash reporting threshold, and from
# which the funds are withdrawn in a different geographic area with little time elapsing between the
# deposits and withdrawals" (FIN-2014-A005). FIN-2020-A008 lists funnel accounts among its four
# typologies; one of its case studies describes a sex-trafficking ring that moved proceeds through
# funnel accounts.
#
# The definition has two halves: cash **paid in in several places**, and cash **taken out
# elsewhere, soon**. The detector you write checks what a bank's totals show: **cash paid in in
# several cities**, and **most of it leaving again** as cash or by wire, rather than being spent on
# ordinary life. It does not check how soon the money leaves, nor where: an account that collects
# cash from several towns for months and then takes it out at home to buy a truck passes both
# conditions. The timing is the "if you finish early" task at the end of this section: it
# completes the second half of FinCEN's definition and is not an extra; where the cash leaves (one
# city, away from where it came in) is in the chart after the exercise, and worth a line in a case
# file.
#
# ### Worked example: in how many cities does an account use its card?

# %%
def card_cities(tx):
    """Return a Series: for each account, the number of different cities of its card payments."""
    card = tx[(tx["channel"] == "card") & (tx["direction"] == "debit")]
    return card.groupby("account_id")["city"].nunique()


travel = card_cities(tx).sort_values(ascending=False)
top = who[who["account_id"].isin(travel.index[:12])].copy()
top["cities"] = top["account_id"].map(travel)
top.sort_values("cities", ascending=False)


# %% [markdown]
# `nunique()` counts **different** values: a hundred card payments in Wichita count as one city.
# The accounts that use their card in the most cities belong mostly to long-haul truck drivers and
# traveling sales staff. Travel alone (indicator F1) is part of many honest jobs.
#
# ### Exercise FR-3.1 (2 points): `deposit_cities`
#
# Write `deposit_cities(tx)`. It returns a Series labeled by `account_id`: for each account that
# has cash deposits, the number of **different cities** in which cash was **deposited** (credits
# through the `CASH_CHANNELS`). Card payments and card refunds, withdrawals and transfers do not
# count. Accounts with no cash deposits can be left out. Do not change `tx` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr3_deposit_cities", "schema_version": 3}
def deposit_cities(tx):
    """Return a Series: for each account, the number of different cities of its cash deposits."""
    ### BEGIN SOLUTION
    deposits = tx[(tx["direction"] == "credit") & tx["channel"].isin(CASH_CHANNELS)]
    return deposits.groupby("account_id")["city"].nunique()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr3_deposit_cities_tests", "schema_version": 3}
def _check_fr3_deposit_cities():
    """Check that deposit_cities counts the different cities of each account's cash deposits."""
    import pandas as pd
    from course_checks import same_values, shuffled, unchanged, values_of

    tiny = pd.DataFrame({
        "account_id": ["A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "C", "C"],
        "direction": ["credit", "credit", "credit", "debit", "debit", "credit", "credit",
                      "credit", "debit", "debit", "credit", "credit", "credit"],
        "channel": ["cash", "cash", "atm", "cash", "card", "card", "cash", "cash", "card", "card",
                    "atm", "ach", "card"],
        "city": ["Wichita", "Topeka", "Salina", "Dallas", "Denver", "Denver", "Wichita", "Wichita",
                 "Topeka", "Salina", "Wichita", None, "Dallas"],
        "amount": [900.0, 800.0, 700.0, 2000.0, 40.0, 25.0, 300.0, 250.0, 12.0, 15.0, 100.0,
                   2500.0, 30.0],
    })
    tiny.index = range(100, 100 + len(tiny))
    tiny_before = tiny.copy()
    result = deposit_cities(tiny)

    labeled = ("a Series labeled by account_id (for example "
                "...groupby('account_id')['city'].nunique())")
    counts = values_of(result, "deposit_cities", labeled)
    counts = {k: int(v) for k, v in counts.items() if v}
    assert set(counts) <= {"A", "B", "C"}, (
        f"The result should be labeled by account_id (A, B ...); got the labels {sorted(counts)}."
    )
    assert counts.get("B") not in (2, 3), (
        f"Account B made three cash deposits, all in Wichita: that is 1 city, not "
        f"{counts.get('B')}. Count different cities with nunique(), not rows with count()."
    )
    assert counts.get("B") == 1, (
        f"Account B deposited cash only in Wichita (its card payments in Topeka and Salina do not "
        f"count), so it should have 1 city; got {counts.get('B')}."
    )
    assert counts.get("A") not in (4, 5), (
        f"Account A has {counts.get('A')} cities, but its cash withdrawal in Dallas, its card "
        "payment in Denver and its card refund (a credit) in Denver are not cash deposits. Keep "
        "only credits (direction == 'credit') through the cash channels."
    )
    assert counts.get("A") == 3, (
        f"Account A deposited cash in Wichita, Topeka and (at an ATM) Salina: 3 cities; got "
        f"{counts.get('A')}. ATM deposits count: use tx['channel'].isin(CASH_CHANNELS)."
    )
    assert "C" not in counts, (
        "Account C has no cash deposits (only an ACH credit and a card refund in Dallas): leave "
        "it out or give 0. Credits count only when their channel is in CASH_CHANNELS."
    )
    unchanged(tiny_before, tiny, "deposit_cities", "Perhaps a column was added or a value "
              "changed: filter into a new table; do not change tx itself.")
    print("Visible tests passed: deposit_cities counts cities of cash deposits.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/bank/transactions.csv")
    got = values_of(deposit_cities(shuffled(full, 5, first_label=3)), "deposit_cities(tx)",
                    labeled)
    got = {k: v for k, v in got.items() if v}
    cash = full[(full["direction"] == "credit") & full["channel"].isin(["cash", "atm"])]
    want = {str(k): int(v) for k, v in cash.groupby("account_id")["city"].nunique().items() if v}
    same_values(got, want, "On the bank's data", "city count", "accounts with cash deposits",
                "account_id")
    ### END HIDDEN TESTS


_check_fr3_deposit_cities()
del _check_fr3_deposit_cities


# %%
# Try your function (not graded): the accounts with cash deposits in the most cities.
many = deposit_cities(tx).sort_values(ascending=False).head(10)
top = who[who["account_id"].isin(many.index)].copy()
top["cities"] = top["account_id"].map(many)
top.sort_values("cities", ascending=False)

# %% [markdown]
# Now the second half of the signature. Where does the money go after it is paid in?
#
# ### Worked example: how much of one account's cash leaves again as cash or by wire?
#
# We take the account with cash deposits in the most cities and compare what was paid in with what
# left as cash withdrawals (teller or ATM) or wires. (In your own copy, this cell works once
# `deposit_cities` does.)

# %%
example = deposit_cities(tx).idxmax()          # the account with deposits in the most cities
rows = tx[tx["account_id"] == example]

paid_in = rows[(rows["direction"] == "credit") & rows["channel"].isin(CASH_CHANNELS)]
taken_out = rows[(rows["direction"] == "debit") & rows["channel"].isin(CASH_CHANNELS + ["wire"])]

print(f"Account {example}: ${paid_in['amount'].sum():,.2f} cash paid in, in "
      f"{paid_in['city'].nunique()} cities; ${taken_out['amount'].sum():,.2f} taken out as cash "
      f"or by wire, a share of {taken_out['amount'].sum() / paid_in['amount'].sum():.2f}.")
rows.groupby(["direction", "channel"])["amount"].agg(["size", "sum"])


# %% [markdown]
# Read the table under the numbers: through which channels did this account's money leave? Cash
# deposited in many cities and then sent on by transfer is a different pattern from a funnel (part
# 2 comes back to it); a funnel's money leaves as cash or by wire.
#
# ### Exercise FR-3.2 (3 points): `find_funnel_accounts`
#
# Write `find_funnel_accounts(tx, min_cities=3, min_out_share=0.7)`. It returns the **set of
# account ids** where **both** hold:
#
# 1. cash was deposited (credits through the `CASH_CHANNELS`) in **at least `min_cities`** different
#    cities; and
# 2. the money that left as **cash withdrawals** (debits through the `CASH_CHANNELS`) **or wires**
#    (debits through `wire`) adds up to **at least `min_out_share`** of the cash deposited.
#
# Card payments, ACH and p2p transfers are not "money out" here: they are how ordinary life and
# businesses spend; money paid **in** by wire is not money out either. An account that took nothing
# out as cash or by wire has a share of 0 (so with `min_out_share=0` it still qualifies on its
# cities). Accounts without cash deposits are never flagged. You may use your `deposit_cities`
# function, or work it out again. Do not change `tx` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr3_funnel", "schema_version": 3}
def find_funnel_accounts(tx, min_cities=3, min_out_share=0.7):
    """Return the set of account_ids with cash paid in in many cities and mostly taken out."""
    ### BEGIN SOLUTION
    is_credit = tx["direction"] == "credit"
    cash_in = tx[is_credit & tx["channel"].isin(CASH_CHANNELS)]
    money_out = tx[~is_credit & tx["channel"].isin(CASH_CHANNELS + ["wire"])]
    cities = cash_in.groupby("account_id")["city"].nunique()
    deposited = cash_in.groupby("account_id")["amount"].sum()
    out = money_out.groupby("account_id")["amount"].sum().reindex(deposited.index, fill_value=0)
    share = out / deposited
    return set(deposited.index[(cities >= min_cities) & (share >= min_out_share)])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr3_funnel_tests", "schema_version": 3}
def _check_fr3_funnel():
    """Check that find_funnel_accounts needs cash paid in in many cities AND mostly taken out."""
    import pandas as pd
    from course_checks import call_text, ids_of, same_ids, shuffled, unchanged


    def rows_for(account, entries):
        return [{"account_id": account, "direction": d, "channel": c, "city": city, "amount": a,
                 "ts_local": "2025-02-0" + str(i + 1) + " 11:00:00"}
                for i, (d, c, city, a) in enumerate(entries)]


    entries = (
        # F: cash in three cities, most of it withdrawn in Dallas, in two withdrawals (a funnel)
        rows_for("F", [("credit", "cash", "Wichita", 1000.0), ("credit", "cash", "Topeka", 1000.0),
                       ("credit", "atm", "Salina", 1000.0), ("debit", "cash", "Dallas", 1500.0),
                       ("debit", "atm", "Dallas", 1000.0)])
        # W: cash in three cities, most of it wired out
        + rows_for("W", [("credit", "cash", "Wichita", 1000.0),
                         ("credit", "cash", "Topeka", 1000.0),
                         ("credit", "cash", "Oklahoma City", 1000.0),
                         ("debit", "wire", None, 2400.0)])
        # X: cash in three cities, exactly 0.7 of it withdrawn
        + rows_for("X", [("credit", "cash", "Wichita", 1000.0),
                         ("credit", "cash", "Topeka", 1000.0),
                         ("credit", "cash", "Salina", 1000.0), ("debit", "cash", "Dallas", 2100.0)])
        # V: cash in three cities, paid out to suppliers by ACH (a vending business)
        + rows_for("V", [("credit", "cash", "Topeka", 1000.0), ("credit", "cash", "Salina", 1000.0),
                         ("credit", "cash", "Lawrence", 1000.0), ("debit", "ach", None, 2800.0)])
        # N: small cash deposits in three cities and a wire paid IN; nothing taken out
        + rows_for("N", [("credit", "cash", "Wichita", 100.0), ("credit", "atm", "Topeka", 100.0),
                         ("credit", "cash", "Salina", 100.0), ("credit", "wire", None, 5000.0),
                         ("debit", "p2p", None, 250.0)])
        # R: cash in two cities, most of it withdrawn elsewhere
        + rows_for("R", [("credit", "cash", "Wichita", 1000.0),
                         ("credit", "cash", "Topeka", 1000.0),
                         ("debit", "atm", "Dallas", 1800.0)])
        # S: cash in one city, taken out in another (a student whose parents pay in at home)
        + rows_for("S", [("credit", "cash", "Wichita", 500.0), ("credit", "cash", "Wichita", 500.0),
                         ("debit", "atm", "Lawrence", 900.0)])
        # T: card payments in many cities, cash in one city (a truck driver)
        + rows_for("T", [("debit", "card", "Dallas", 300.0), ("debit", "card", "Denver", 300.0),
                         ("debit", "card", "Salina", 300.0), ("debit", "card", "Topeka", 300.0),
                         ("credit", "cash", "Wichita", 200.0), ("debit", "atm", "Wichita", 180.0)])
        # Z: cash withdrawals only, no deposits at all
        + rows_for("Z", [("debit", "cash", "Dallas", 5000.0), ("debit", "atm", "Denver", 200.0)])
        # C: cash in one city; card refunds (credits, but not cash) from shops in two other cities
        + rows_for("C", [("credit", "cash", "Wichita", 1000.0), ("credit", "card", "Topeka", 60.0),
                         ("credit", "card", "Salina", 40.0), ("debit", "cash", "Wichita", 900.0)])
    )
    tiny = pd.DataFrame(entries)
    tiny.index = range(100, 100 + len(tiny))
    tiny_before = tiny.copy()


    def flagged(**arguments):
        call = call_text("find_funnel_accounts", "tiny", **arguments)
        return ids_of(find_funnel_accounts(tiny, **arguments), call, "flagged account ids")


    found = flagged()
    assert "V" not in found, (
        "Account V's money left by ACH (paying suppliers), not as cash or by wire, so it is not a "
        "funnel. Count only debits through the cash channels and wires as money taken out."
    )
    assert "N" not in found, (
        "Account N took nothing out as cash or by wire: its $5,000 wire was paid IN (a credit) "
        "and its p2p payment is not money out. Count only debits (direction == 'debit') through "
        "the cash channels or wire."
    )
    assert "T" not in found, (
        "Account T uses its card in many cities but deposited cash in only one. Count the cities "
        "of cash deposits (credits in the cash channels), not of every transaction."
    )
    assert not found & {"S", "R"}, (
        "Accounts S (cash deposited in 1 city) and R (2 cities) do not reach min_cities=3; got "
        f"{sorted(found & {'S', 'R'})}."
    )
    assert "Z" not in found, "Account Z has withdrawals but no cash deposits: never a funnel."
    assert "C" not in found, (
        "Account C deposited cash in one city only (Wichita); its card refunds from shops in "
        "Topeka and Salina are credits, but not cash deposits. Count only credits through the "
        "cash channels, tx['channel'].isin(CASH_CHANNELS), for both the cities and the amount "
        "deposited."
    )
    assert "F" in found, (
        "Account F deposited cash in 3 cities (Wichita, Topeka, Salina) and withdrew $1,500 and "
        "then $1,000 in Dallas: together $2,500 of the $3,000 (0.83), so it should be flagged. "
        "Add up everything taken out (sum, not mean), count deposits only as credits, and 3 "
        "cities is enough when min_cities=3 (>=)."
    )
    assert "W" in found, (
        "Account W deposited cash in 3 cities and wired $2,400 of $3,000 (0.8) away: wires count "
        "as money taken out, so W should be flagged."
    )
    assert "X" in found, (
        "Account X withdrew exactly 0.7 of its cash ($2,100 of $3,000): that is at least "
        "min_out_share=0.7, so X should be flagged. Use share >= min_out_share (not >)."
    )
    assert found == {"F", "W", "X"}, f"Expected the accounts F, W and X; got {sorted(found)}."
    two = flagged(min_cities=2)
    assert two == {"F", "W", "X", "R"}, (
        "With min_cities=2, account R (cash deposited in Wichita and Topeka, 0.9 withdrawn) "
        f"qualifies too: expected F, R, W and X; got {sorted(two)}. Use the argument min_cities."
    )
    higher = flagged(min_out_share=0.81)
    assert higher == {"F"}, (
        "With min_out_share=0.81 only F (0.83 taken out) qualifies, not W (0.8) or X (0.7); got "
        f"{sorted(higher)}. Use the argument min_out_share."
    )
    zero = flagged(min_out_share=0)
    assert zero == {"F", "W", "X", "V", "N"}, (
        "With min_out_share=0 every account with cash deposits in 3 or more cities qualifies, "
        "even V and N, which took nothing out as cash or by wire (a share of 0, which is at least "
        f"0). Expected F, N, V, W and X; got {sorted(zero)}. An account with deposits and nothing "
        "taken out has taken out 0 (fill_value=0), not a missing value."
    )
    tiny_share = flagged(min_out_share=0.001)
    assert tiny_share == {"F", "W", "X"}, (
        "With min_out_share=0.001, N and V still do not qualify: they took out $0, a share of 0. "
        f"Expected F, W and X; got {sorted(tiny_share)}. For an account with nothing taken out, "
        "fill in 0 (fill_value=0), not another number."
    )
    unchanged(tiny_before, tiny, "find_funnel_accounts", "Perhaps a column was added or a value "
              "changed: filter into new tables; do not change tx itself.")
    print("Visible tests passed: find_funnel_accounts combines cities and money taken out.")

    ### BEGIN HIDDEN TESTS
    strict = flagged(min_cities=4)
    assert strict == set(), (
        f"With min_cities=4 no account qualifies; got {sorted(strict)}. Use the argument "
        "min_cities."
    )
    full = pd.read_csv("data/bank/transactions.csv")
    mixed = shuffled(full, 8)
    cash_in = full[(full["direction"] == "credit") & full["channel"].isin(["cash", "atm"])]
    out = full[(full["direction"] == "debit") & full["channel"].isin(["cash", "atm", "wire"])]
    taken_by = out.groupby("account_id")["amount"].sum()
    for cities_needed, share_needed in [(3, 0.7), (2, 0.5), (1, 0.9), (4, 0.0)]:
        want = set()
        for account, rows in cash_in.groupby("account_id"):
            taken = taken_by.get(account, 0.0)
            if (rows["city"].nunique() >= cities_needed
                    and taken >= share_needed * rows["amount"].sum()):
                want.add(account)
        got = ids_of(find_funnel_accounts(mixed, cities_needed, share_needed),
                     "find_funnel_accounts(...)", "flagged account ids")
        same_ids(got, want, f"On the bank's data with min_cities={cities_needed} and "
                 f"min_out_share={share_needed}", "accounts")
    ### END HIDDEN TESTS


_check_fr3_funnel()
del _check_fr3_funnel


# %%
# Try your function (not graded). It also uses `structuring` from the cell under FR-2.2 and
# `aggregate_cash_rule` from FR-2's worked example: run those first (a NameError means one of
# them has not run yet).
funnels = find_funnel_accounts(tx)
print("Funnel accounts:", funnels)
their_cash = cash_in[cash_in["account_id"].isin(funnels)]["amount"]
print(f"Their cash deposits: ${their_cash.min():,.2f} to ${their_cash.max():,.2f}, "
      f"{(their_cash < 3_000).mean():.0%} of them under $3,000. Found by FR-2's band rule: "
      f"{sorted(funnels & structuring)}; by the aggregate rule over 5 business days: "
      f"{sorted(funnels & aggregate_cash_rule(tx, business_days=5))}.")
who[who["account_id"].isin(funnels)]

# %% [markdown]
# Compare this short list with the ten accounts that had deposits in the most cities. The second
# condition removed the people whose cash is swept out in other ways (part 2 looks at them) and
# the businesses that deposit takings in several towns and pay suppliers. The line above the table
# shows why FR-2's band could not see a funnel: its cash comes in far below $8,000. Whether the
# aggregate rule does depends on how much arrives within a business week.
#
# ### Worked example: picture a funnel account
#
# A chart makes the shape obvious to a colleague or a prosecutor: deposits spread over many cities,
# withdrawals concentrated in one. Bars for money in and money out per city, told apart by color
# **and** hatching, so the chart still works in black and white.

# %%
example = sorted(find_funnel_accounts(tx))[0]
rows = tx[tx["account_id"] == example]
paid_in = rows[(rows["direction"] == "credit") & rows["channel"].isin(CASH_CHANNELS)]
cash_out = rows[(rows["direction"] == "debit") & rows["channel"].isin(CASH_CHANNELS)]
by_city = pd.DataFrame({
    "deposited": paid_in.groupby("city")["amount"].sum(),
    "withdrawn": cash_out.groupby("city")["amount"].sum(),
}).fillna(0).sort_values("deposited")

fig, ax = plt.subplots(figsize=(8, 4.5))
positions = np.arange(len(by_city))
ax.barh(positions - 0.2, by_city["deposited"], height=0.4, color=COLORS[0], edgecolor="black",
        label="cash deposited")
ax.barh(positions + 0.2, by_city["withdrawn"], height=0.4, color=COLORS[1], edgecolor="black",
        hatch="xx", label="cash withdrawn")
ax.set_yticks(positions)
ax.set_yticklabels(by_city.index)
ax.set_title(f"Account {example}: where cash went in and where it came out")
ax.set_xlabel("Total over six months")
ax.set_ylabel("City")
ax.xaxis.set_major_formatter(DOLLARS)
ax.legend()
plt.show()
wired = rows[(rows["direction"] == "debit") & (rows["channel"] == "wire")]["amount"].sum()
deposited = by_city.loc[by_city["deposited"] > 0, "deposited"]
withdrawn = by_city.loc[by_city["withdrawn"] > 0, "withdrawn"]
print(f"Figure description: paired bars of cash deposited and cash withdrawn (hatched) per city "
      f"over six months: deposits in {len(deposited)} cities, ${deposited.min():,.0f} to "
      f"${deposited.max():,.0f} each; withdrawals in {len(withdrawn)} city(ies), most in "
      f"{withdrawn.idxmax()} (${withdrawn.max():,.0f}, {withdrawn.max() / withdrawn.sum():.0%} of "
      f"the cash withdrawn). Another ${wired:,.2f} left by wire.")


# %% [markdown]
# *Figure description:* printed under the chart, worked out from the data.
#
# **If you finish early (not graded): the second half of the definition.** FIN-2014-A005's funnel
# money is withdrawn "with little time elapsing" after it is paid in, and `find_funnel_accounts`
# never looks at time. For the account above, work out how many days after each deposit the next
# cash withdrawal or wire came (hint: sort the rows by `ts_local` and look at the dates; or pair
# each deposit with the next withdrawal with `pd.merge_asof(..., direction="forward")`). Days mean
# a funnel; months mean savings. How would you add a third condition, on time, to the detector?
#
# ## FR-4 Spending that does not fit the customer (57 min)
#
# Indicator **F2** is spending on the living costs of other people: hotel and motel rooms, rideshare,
# fast food, pharmacy and clothing, often late at night. **F3** adds activity outside business hours.
# The difficulty is that many honest jobs look like this: drivers sleep in motels, nurses work
# nights, sales staff take taxis. So the question is never "does this person spend on hotels?" but
# "does this person spend **more than people like them**?"
#
# ### Worked example: local time and UTC
#
# `ts_local` is the wall-clock time **where it happened** (in Denver, Mountain time; in Wichita,
# Central time); `utc_offset` says how far that clock is from UTC. For **hour-of-day** questions
# such as "was it late at night?", the local clock is what matters: 23:30 in Denver is late at night
# in Denver. UTC is useful for a different question: putting events from different time zones **in
# order**, or measuring how long passed between them.

# %%
def to_utc(tx):
    """Return the times of `tx` as UTC timestamps (for ordering events and measuring gaps)."""
    return pd.to_datetime(tx["ts_local"] + tx["utc_offset"], utc=True)


sample = tx[["ts_local", "utc_offset", "city"]].dropna().sample(3, random_state=1)
sample.assign(utc=to_utc(sample))


# %% [markdown]
# The same moment has a different hour in UTC: 23:30 in Wichita in winter (`-06:00`) is 05:30 the
# next morning in UTC. Using UTC hours for "late at night" would call an evening meal late and a
# real 23:30 purchase early morning.
#
# ### Worked example: weekend or not
#
# To ask a question about the local calendar or clock, turn `ts_local` into timestamps with
# `pd.to_datetime` and use the `.dt` helpers: `.dt.day_of_week` (Monday is 0, Sunday 6),
# `.dt.hour` (0 to 23), `.dt.date`.

# %%
def is_weekend(tx):
    """Return a True/False Series: was each transaction made on a Saturday or Sunday (local)?"""
    day = pd.to_datetime(tx["ts_local"]).dt.day_of_week
    return day >= 5


print(f"{is_weekend(tx).mean():.1%} of all transactions were made at the weekend.")


# %% [markdown]
# ### Exercise FR-4.1 (2 points): `is_late_night`
#
# Write `is_late_night(tx, start=22, end=5)`. It returns a True/False Series with **the same index
# as `tx`** (one value per row, in the same order): True when the transaction's **local** hour falls
# in the period that begins at `start` o'clock and ends just before `end` o'clock. Use the local
# time (`ts_local`), not UTC.
#
# - When `start` is later than `end`, the period **crosses midnight**: the hour is **`start` or
#   later, or earlier than `end`**. With the defaults, late night runs from 22:00:00 to 04:59:59:
#   22:00 is late night, 05:00 is not.
# - When `start` is earlier than `end`, the period stays **within one night**: the hour is
#   **`start` or later, and earlier than `end`**. `is_late_night(tx, start=0, end=4)` means from
#   00:00:00 to 03:59:59; 04:00 and 23:00 are not in it.
#
# `start` and `end` are whole hours from 0 to 23 and never equal. Keep the index: the worked example
# below adds your result to a filtered table as a new column, and pandas matches it to the rows by
# index label. Do not change `tx` itself: keep the hours in a new variable.
#

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr4_late_night", "schema_version": 3}
def is_late_night(tx, start=22, end=5):
    """Return a True/False Series (same index as `tx`): is each local hour in start..end?"""
    ### BEGIN SOLUTION
    hour = pd.to_datetime(tx["ts_local"]).dt.hour
    if start < end:
        return (hour >= start) & (hour < end)
    return (hour >= start) | (hour < end)
    ### END SOLUTION



# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "fr4_late_night_tests", "schema_version": 3}
def _check_fr4_late_night():
    """Check that is_late_night uses the local clock and the hours from `start` up to `end`."""
    import numpy as np
    import pandas as pd
    from course_checks import call_text, returned, unchanged

    tiny = pd.DataFrame({
        "ts_local": ["2025-03-01 23:30:00", "2025-03-01 18:30:00", "2025-03-02 22:00:00",
                     "2025-03-02 04:59:59", "2025-03-02 05:00:00", "2025-06-01 12:00:00",
                     "2025-06-01 02:15:00", "2025-01-15 04:30:00", "2025-01-15 21:30:00",
                     "2025-06-02 00:00:00", "2025-06-02 03:59:00", "2025-06-02 22:30:00"],
        "utc_offset": ["-06:00", "-06:00", "-06:00", "-06:00", "-06:00", "-05:00", "-06:00",
                       "-07:00", "-07:00", "-05:00", "-05:00", "-05:00"],
        "city": ["Wichita", "Wichita", "Topeka", "Topeka", "Topeka", "Dallas", "Denver", "Denver",
                 "Denver", "Dallas", "Dallas", "Dallas"],
    }, index=range(10, 22))
    tiny_before = tiny.copy()
    shown = [f"{t[11:16]} ({c})" for t, c in zip(tiny["ts_local"], tiny["city"])]


    def late(**arguments):
        call = call_text("is_late_night", "tiny", **arguments)
        found = returned(is_late_night(tiny, **arguments), call)
        assert len(found) == len(tiny), (
            f"{call} should give one True/False value per row ({len(tiny)} rows); it gave "
            f"{len(found)}."
        )
        if isinstance(found, (pd.Series, pd.DataFrame)):
            assert list(found.index) == list(tiny.index), (
                f"{call} returned values labeled {list(found.index)[:4]} ..., but the rows of "
                f"tiny are labeled {list(tiny.index)[:4]} ...: keep the index of tx (no "
                "reset_index), so the result lines up with the rows it describes."
            )
        return [bool(x) for x in np.asarray(found).ravel()]


    def differences(got, want):
        wrong = [f"{s}: expected {w}, got {g}" for s, g, w in zip(shown, got, want) if g != w]
        more = f" and {len(wrong) - 4} more" if len(wrong) > 4 else ""
        return "; ".join(wrong[:4]) + more


    got = late()
    assert not (got[0] is False and got[1] is True), (
        "23:30 local time came out as not late, and 18:30 as late: those are the UTC hours (23:30 "
        "at -06:00 is 05:30 UTC). Use the local clock: pd.to_datetime(tx['ts_local']).dt.hour."
    )
    assert got[0] is True, "23:30 (local) is late at night; is_late_night said False."
    assert got[1] is False, "18:30 (local) is not late at night; is_late_night said True."
    assert got[2] is True, (
        "22:00 exactly is late at night (hour >= start); is_late_night said False."
    )
    assert got[3] is True, "04:59 is still late at night (hour < end); is_late_night said False."
    assert got[4] is False, (
        "05:00 is no longer late night: the hours run up to, not including, `end`. Use hour < end, "
        "not <=."
    )
    assert got[7] is True and got[8] is False, (
        "In Denver (utc_offset -07:00), 04:30 local is late night and 21:30 local is not; "
        f"is_late_night said {got[7]} and {got[8]}. Read the hour as written in ts_local, without "
        "converting it to UTC or to another time zone."
    )
    want = [True, False, True, True, False, False, True, True, False, True, True, True]
    assert got == want, f"With the defaults: {differences(got, want)}."
    small_hours = late(start=0, end=4)
    want = [False, False, False, False, False, False, True, False, False, True, True, False]
    assert small_hours == want, (
        "With start=0 and end=4, start is earlier than end, so the period does not cross "
        "midnight: only 00:00:00 to 03:59:59 count (hour >= start AND hour < end). "
        f"{differences(small_hours, want)}."
    )
    one_to_five = late(start=1, end=5)
    want = [False, False, False, True, False, False, True, True, False, False, True, False]
    assert one_to_five == want, (
        "With start=1 and end=5, only 01:00:00 to 04:59:59 count: 00:00 is before start, so it is "
        "not in the period. Check both sides, hour >= start AND hour < end. "
        f"{differences(one_to_five, want)}."
    )
    later = late(start=23, end=6)
    want = [True, False, False, True, True, False, True, True, False, True, True, False]
    assert later == want, (
        "With start=23 and end=6, the period crosses midnight: 23:00:00 to 05:59:59 (hour >= start "
        f"OR hour < end). {differences(later, want)}. Use the arguments start and end, not 22 and "
        "5 typed in."
    )
    unchanged(tiny_before, tiny, "is_late_night", "Perhaps a column was added or a value "
              "changed: compute the hours into a new variable; do not change tx itself.")
    print("Visible tests passed: is_late_night reads the local hour.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/bank/transactions.csv")
    full.index = range(5, 5 + len(full))
    hours = full["ts_local"].str.slice(11, 13).astype(int)
    for start, end in [(22, 5), (21, 6), (0, 4), (1, 5), (20, 23)]:
        if start < end:
            want = ((hours >= start) & (hours < end)).to_numpy()
        else:
            want = ((hours >= start) | (hours < end)).to_numpy()
        result = is_late_night(full, start=start, end=end)
        if isinstance(result, pd.Series):
            assert result.index.equals(full.index), (
                f"On the bank's data with start={start} and end={end}, the result does not keep "
                "the index of tx."
            )
        got_full = np.asarray(result, dtype=bool)
        assert len(got_full) == len(full) and (got_full == want).all(), (
            f"On the bank's data with start={start} and end={end}, "
            f"{int((got_full != want).sum()) if len(got_full) == len(full) else 'some'} rows are "
            "marked wrongly."
        )
    ### END HIDDEN TESTS


_check_fr4_late_night()
del _check_fr4_late_night


# %% [markdown]
# ### Worked example: a spending profile per customer
#
# For each individual customer we now work out, from their card payments:
#
# - `late_share`: the share of card payments made late at night (your `is_late_night`);
# - `travel_share`: the share of card spending on hotels and motels (merchant category code 7011)
#   and taxis and rideshare (4121).
#
# Accounts are linked to customers through the owners table from FR-1; a joint account counts for
# both of its owners. (This cell works once `is_late_night` does.)

# %%
card = tx[tx["channel"].isin(["card", "card_online"]) & (tx["direction"] == "debit")].copy()
card["late"] = is_late_night(card)
card["travel"] = np.where(card["mcc"].isin([7011, 4121]), card["amount"], 0.0)

per_customer = card.merge(owners[["account_id", "customer_id"]], on="account_id")
profile = per_customer.groupby("customer_id").agg(
    payments=("amount", "size"), spent=("amount", "sum"), travel=("travel", "sum"),
    late_share=("late", "mean"),
).reset_index()
profile["travel_share"] = profile["travel"] / profile["spent"]
individuals = customers[customers["kind"] == "individual"][["customer_id", "occupation"]]
profile = individuals.merge(profile, on="customer_id")
profile.sort_values("late_share", ascending=False).head(8)

# %% [markdown]
# A naive rule, "flag anyone who makes at least 20% of card payments late at night", flags these
# customers:

# %%
naive = profile[profile["late_share"] >= 0.2]
naive["occupation"].value_counts()

# %% [markdown]
# Mostly long-haul truck drivers, and a few others, most of them in jobs that run late: people
# whose work happens at night. Compare each customer with **peers**,
# customers with the same occupation. The **median** (the middle value) of a group is a
# good yardstick because one unusual member cannot drag it far, as one would drag the mean.
#
# The peer median of truck drivers, and how one driver compares with it:

# %%
peer_medians = profile.groupby("occupation")["late_share"].median()
print(f"Median late-night share of truck drivers: {peer_medians['truck driver (long-haul)']:.2f}")

one_driver = profile[profile["occupation"] == "truck driver (long-haul)"].iloc[0]
ratio = one_driver["late_share"] / peer_medians[one_driver["occupation"]]
print(f"Customer {one_driver['customer_id']}: {one_driver['late_share']:.2f}, "
      f"{ratio:.1f} times the peer median.")


# %% [markdown]
# Two practical problems. Some occupations have only one or two customers in this small bank, and a
# group of one is its own median, so nobody could ever stand out from it; for such small groups we
# compare with the median of **all** customers instead. And when a peer median is tiny, almost any
# value is "many times" it; a **minimum** value keeps the rule to cases that matter.
#
# ### Exercise FR-4.2 (3 points): `out_of_profile`
#
# Write `out_of_profile(profile, column, factor=3.0, minimum=0.0, min_peers=3)`. `profile` is a
# table with the columns `customer_id`, `occupation` and the measure named by `column` (one row per
# customer, with no missing values). Return the **set of customer ids** whose value is
#
# 1. **more than `factor` times** the median of their **peers** (all customers in `profile` with the
#    same occupation, themselves included); when an occupation has **fewer than `min_peers`**
#    customers, use the median of **all** customers in `profile` instead; **and**
# 2. **at least `minimum`**.
#
# Do not change `profile` itself: keep the medians in new variables.
#
# The function is **partly written**: its first and last lines are given, and three steps are left
# for you, each marked by a comment and a `raise NotImplementedError()` line to replace. Each
# step names the variable it must create, because the given lines use it.
#
# Hint: `profile.groupby("occupation")[column].transform("median")` gives each row its group's
# median (one value per row, in the same order); `.transform("count")` gives the group's size.
# For step 2, `a.where(condition, b)` keeps `a` where the condition is True and takes `b`
# elsewhere.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "fr4_out_of_profile", "schema_version": 3}
def out_of_profile(profile, column, factor=3.0, minimum=0.0, min_peers=3):
    """Return the set of customer_ids whose `column` is far above their occupation's median."""
    groups = profile.groupby("occupation")[column]
    # Step 1: peer_median, each row's occupation median; peer_count, the size of its group.
    ### BEGIN SOLUTION
    peer_median = groups.transform("median")
    peer_count = groups.transform("count")
    ### END SOLUTION
    # Step 2: reference, the peer median, or everyone's median where peer_count < min_peers.
    ### BEGIN SOLUTION
    reference = peer_median.where(peer_count >= min_peers, profile[column].median())
    ### END SOLUTION
    # Step 3: flagged, True where the value is more than factor * reference and >= minimum.
    ### BEGIN SOLUTION
    flagged = (profile[column] > factor * reference) & (profile[column] >= minimum)
    ### END SOLUTION
    return set(profile.loc[flagged, "customer_id"])


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "fr4_out_of_profile_tests", "schema_version": 3}
def _check_fr4_out_of_profile():
    """Check that out_of_profile compares each customer with the median of their occupation."""
    import pandas as pd
    from course_checks import call_text, ids_of, same_ids, shuffled, unchanged

    tiny = pd.DataFrame({
        "customer_id": ["D1", "D2", "D3", "D4", "C1", "C2", "C3", "C4", "T1", "T2", "T3", "T4",
                        "P1"],
        "occupation": ["driver"] * 4 + ["cashier"] * 4 + ["teacher"] * 4 + ["event promoter"],
        "late_share": [0.30, 0.28, 0.32, 0.29, 0.05, 0.04, 0.06, 0.25, 0.02, 0.03, 0.04, 0.05,
                       0.50],
        "travel_share": [0.10, 0.12, 0.11, 0.09, 0.02, 0.01, 0.40, 0.02, 0.05, 0.05, 0.05, 0.05,
                         0.05],
    })
    tiny.index = range(100, 100 + len(tiny))
    tiny_before = tiny.copy()


    def flagged(column="late_share", **arguments):
        call = call_text("out_of_profile", "tiny", repr(column), **arguments)
        return ids_of(out_of_profile(tiny, column, **arguments), call, "flagged customer ids")


    result = flagged()
    assert not result & {"D1", "D2", "D3", "D4"}, (
        "The drivers all have late-night shares around 0.3, which is normal for drivers; they were "
        "flagged. Compare each customer with the median of their own occupation, not of everyone."
    )
    assert "C4" in result, (
        "Cashier C4 (0.25) is more than 3 times the cashiers' median (0.055) and should be "
        "flagged. If you used the mean (0.10), one unusual cashier raises the yardstick: use the "
        "median."
    )
    assert "P1" in result, (
        "P1 is the only event promoter, so the group is too small (fewer than min_peers=3): "
        "compare P1 (0.50) with the median of all customers (0.06) instead, and flag P1."
    )
    assert result == {"C4", "P1"}, f"Expected the customers C4 and P1; got {sorted(result)}."
    with_minimum = flagged(minimum=0.3)
    assert with_minimum == {"P1"}, (
        "With minimum=0.3, C4 (0.25) is below the minimum and only P1 should be flagged; got "
        f"{sorted(with_minimum)}. Use the argument `minimum` too."
    )
    at_minimum = flagged(minimum=0.25)
    assert at_minimum == {"C4", "P1"}, (
        "With minimum=0.25, C4's value is exactly 0.25: that is at least the minimum, so C4 is "
        f"still flagged (use value >= minimum, not >). Expected C4 and P1; got "
        f"{sorted(at_minimum)}."
    )
    travel = flagged("travel_share")
    assert travel == {"C3"}, (
        f"For the column 'travel_share' only cashier C3 (0.40) stands out; got {sorted(travel)}. "
        "Use the column named by the argument `column`."
    )
    loose = flagged(factor=1.5)
    assert loose == {"C4", "P1"}, (
        f"With factor=1.5 expected C4 and P1; got {sorted(loose)}. Use the argument `factor`."
    )
    tight = flagged(factor=10)
    assert tight == set(), (
        f"With factor=10 nobody is that far above their yardstick; got {sorted(tight)}. Use the "
        "argument `factor`."
    )
    alone = flagged(min_peers=1)
    assert alone == {"C4"}, (
        "With min_peers=1 even a group of one uses its own median (only a group with FEWER than "
        "min_peers customers falls back to everyone), so P1 cannot stand out; expected only C4, "
        f"got {sorted(alone)}. Use the argument min_peers, and group size >= min_peers."
    )
    four = flagged(min_peers=4)
    assert four == {"C4", "P1"}, (
        "With min_peers=4, the groups of exactly 4 (drivers, cashiers, teachers) are big enough "
        "(only FEWER than min_peers falls back to everyone), so the drivers are compared with "
        f"drivers. Expected C4 and P1; got {sorted(four)}. Use group size >= min_peers."
    )
    five = flagged(min_peers=5)
    assert five == {"C4", "D1", "D2", "D3", "D4", "P1"}, (
        "With min_peers=5 every group is too small, so everyone is compared with the median of "
        "all 13 customers (0.06): the drivers (about 0.3), C4 and P1 are more than 3 times that. "
        f"Got {sorted(five)}."
    )
    ties = pd.DataFrame({"customer_id": ["G1", "G2", "G3", "N1", "N2", "N3"],
                         "occupation": ["guard"] * 3 + ["nurse"] * 3,
                         "late_share": [0.1, 0.1, 0.5, 0.3, 0.3, 0.3]}, index=[5, 4, 3, 2, 1, 0])
    with_ties = ids_of(out_of_profile(ties, "late_share"), "out_of_profile(ties, 'late_share')",
                       "flagged customer ids")
    assert with_ties == {"G3"}, (
        "The guards G1, G2 and G3 are 3 customers, enough for min_peers=3, even though G1 and G2 "
        "have the same value (0.1): G3 (0.5) is more than 3 times their median (0.1) and should "
        f"be flagged; got {sorted(with_ties)}. Count customers with .transform('count'), not "
        "different values with 'nunique'."
    )
    edge = pd.DataFrame({"customer_id": ["E1", "E2", "E3", "E4"], "occupation": ["x"] * 4,
                         "late_share": [1.0, 1.0, 1.0, 3.0]}, index=[7, 3, 9, 1])
    on_the_line = ids_of(out_of_profile(edge, "late_share"), "out_of_profile(edge, 'late_share')",
                         "flagged customer ids")
    assert on_the_line == set(), (
        "E4's value is exactly 3 times the median of its group (3.0 against 1.0): that is not "
        f"MORE than factor times it, so nobody is flagged; got {sorted(on_the_line)}. Use "
        "value > factor * median (not >=)."
    )
    unchanged(tiny_before, tiny, "out_of_profile", "Perhaps a column was added or a value "
              "changed: keep the medians in new variables; do not change profile itself.")
    print("Visible tests passed: out_of_profile compares customers with their peers.")

    ### BEGIN HIDDEN TESTS
    people = pd.read_csv("data/bank/customers.csv")
    people = people[people["kind"] == "individual"][["customer_id", "occupation",
                                                     "declared_monthly_income"]]
    people = shuffled(people, 4, first_label=500)
    for factor, minimum, min_peers in [(1.5, 0.0, 3), (2.0, 5000.0, 5), (1.2, 0.0, 10)]:
        groups = people.groupby("occupation")["declared_monthly_income"]
        overall = people["declared_monthly_income"].median()
        want = set()
        for row, median, size in zip(people.itertuples(), groups.transform("median"),
                                     groups.transform("count")):
            reference = median if size >= min_peers else overall
            value = row.declared_monthly_income
            if value > factor * reference and value >= minimum:
                want.add(row.customer_id)
        got = ids_of(out_of_profile(people, "declared_monthly_income", factor, minimum,
                                    min_peers), "out_of_profile", "flagged customer ids")
        same_ids(got, want, f"On the bank's customers (declared monthly income, factor={factor}, "
                 f"minimum={minimum}, min_peers={min_peers})", "customers")
    ### END HIDDEN TESTS


_check_fr4_out_of_profile()
del _check_fr4_out_of_profile


# %%
# Try your function (not graded): late-night spending and travel spending against peers.
late = out_of_profile(profile, "late_share", factor=3, minimum=0.25)
travel = out_of_profile(profile, "travel_share", factor=3, minimum=0.4)
print("Late-night spending out of profile:", late)
print("Hotel and rideshare spending out of profile:", travel)
profile[profile["customer_id"].isin(late | travel)]

# %% [markdown]
# The naive rule flagged a room full of drivers and night workers; against their peers, they look
# ordinary. What is left is spending that the customer's declared occupation does not explain, which
# is what F2 describes. (Try `minimum=0.15` and look at the `payments` of anyone it adds: a share
# worked out from a few dozen payments can be high by chance, which is one reason for a minimum.)
# It is still only a reason to look: a customer who just changed jobs, or who declared the wrong
# occupation years ago, would also stand out.
#
# **Discussion (not graded):** the customer(s) flagged here pay for hotel rooms and rideshares. Part 2
# asks whether they pay for **several** rooms on the same night, and whom the rooms are for. What
# else in this bank's records would help you tell a busy events professional from someone paying
# for other people's living costs?
#
# ## Keypoints
#
# - FIN-2020-A008 gives four typologies (front companies, exploitative employment, funnel accounts,
#   alternative payments), ten financial and ten behavioral indicators, and the SAR key term
#   `HUMAN TRAFFICKING FIN-2020-A008`.
# - An indicator becomes a **data signature** only when you decide which rows, what measure and
#   which threshold. Say `<` or `<=` on purpose.
# - Transactions show what, how, when and where; they do not show why, or who stood at the
#   counter. Behavioral indicators need staff notes; F6 needs data from outside the bank.
# - A bank adds up a person's cash for a whole business day at all its branches, so structuring
#   that escapes a CTR is **one deposit just under $10,000 a business day, several days running**,
#   often by different people at different branches. Find it with `rolling` on time, per account:
#   not totals over six months, not calendar days. A band and 72 hours miss smaller deposits and
#   some Friday-to-Monday runs; an aggregate rule over business days catches them, and busy cash
#   businesses too. The bank keeps copies of its CTRs for five years; FinCEN holds them all.
# - Exploitation does not always mean no pay: an employer can pay wages and take them back as fees,
#   "rent" and installments on a "loan" that was never lent. What a worker keeps per hour, below the
#   minimum wage, supports a Department of Labor referral and restitution. Smuggling is a service
#   across a border; trafficking is exploitation, with or without a border.
# - A funnel account needs deposits in many cities **and** most of the cash leaving again as cash or
#   by wire; FinCEN's definition adds **soon**, which the detector of this notebook does not check.
# - Hour-of-day questions use the **local** clock (`ts_local`); UTC is for ordering events and
#   measuring time between them.
# - Compare customers with **peers** (same occupation or industry) using the **median**; fall back
#   to everyone when a peer group is tiny. Travel and night work are normal for many jobs.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** (keyboard: Ctrl + Shift + C, type
#    "restart kernel and run", Enter) and check that every test cell prints "Visible
#    tests passed". Run All stops at the first error: if it stops, that cell is where to look.
# 2. Click **Validate** in the toolbar (or run `investigator-course check 01a_financial_red_flags` on
#    a laptop), and read any message it shows.
# 3. Save the notebook (**File > Save**) and hand it in. Part 2 is the next assignment,
#    `01b_financial_red_flags`: it starts from part 1's detectors as the answer key writes them.
#
# **Working on your own?** Once you have tried every exercise, compare your work with the answer
# key: in the file browser, open the folder `answer_keys/01a_financial_red_flags/`
# (the lab copies the keys there). For the written answers, `answer_keys/instructor_notes/` has
# each rubric as a checklist with marked sample answers: score yourself against it, honestly.
#
# ### Sources
#
# - FinCEN, *Supplemental Advisory on Identifying and Reporting Human Trafficking and Related
#   Activity*, FIN-2020-A008, 15 October 2020,
#   <https://www.fincen.gov/sites/default/files/advisory/2020-10-15/Advisory%20Human%20Trafficking%20508%20FINAL_0.pdf>.
# - FinCEN, *Guidance on Recognizing Activity that May be Associated with Human Smuggling and Human
#   Trafficking: Financial Red Flags*, FIN-2014-A008, 11 September 2014.
# - FinCEN, *Update on U.S. Currency Restrictions in Mexico: Funnel Accounts and TBML*,
#   FIN-2014-A005, 28 May 2014 (the definition of a funnel account).
# - Currency Transaction Reports: 31 CFR 1010.311, and 1010.313 (all branches, one business
#   day); copies kept five years: 1010.306(a)(2); exemptions: 1020.315; structuring: 31 U.S.C. 5324
#   and the definition at 31 CFR 1010.100(xx) ("in any amount ... on one or more days"). Form 8300,
#   cash over $10,000 received in a trade or business: 31 CFR 1010.330.
# - Wages: Fair Labor Standards Act, minimum wage 29 U.S.C. 206, board and lodging 29 U.S.C. 203(m),
#   wages "free and clear" 29 CFR 531.35; restitution for trafficking victims 18 U.S.C. 1593; holding
#   documents 18 U.S.C. 1592; Continued Presence 22 U.S.C. 7105(c)(3) (U.S. Department of Homeland
#   Security, *Continued Presence: Temporary Immigration Status for Victims of Human Trafficking*);
#   T visa declaration: USCIS Form I-914, Supplement B.
# - International Labour Organization, *Profits and Poverty: The Economics of Forced Labour*, 2nd
#   edition (2024): US$236 billion a year in illegal profits, $172.6 billion of it from forced
#   commercial sexual exploitation, up US$64 billion (37%) since the 2014 edition.
# - International Labour Organization, *Profits and Poverty: The Economics of Forced Labour* (2014):
#   US$150.2 billion a year, from about 21 million people in forced labor (the ILO's 2012 global
#   estimate); summarized by the U.S. Department of State,
#   <https://2009-2017.state.gov/j/tip/rls/fs/2014/227663.htm>.
# - Human Smuggling and Trafficking Center, *Human Trafficking vs. Human Smuggling*, fact sheet,
#   15 June 2016.
# - Trafficking Victims Protection Act of 2000, definitions at 22 U.S.C. 7102 (debt bondage).
# - Polaris, *On-Ramps, Intersections, and Exit Routes: A Roadmap for Systems and Industries to
#   Prevent and Disrupt Human Trafficking* (2018): financial services intersect 22 of 25 trafficking
#   types.
