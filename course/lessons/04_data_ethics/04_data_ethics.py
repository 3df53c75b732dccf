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
# # Victim-centered data ethics: handling people's data without doing harm
#
# *Assignment 04. About 8 hours for someone new to Python, including the exercises. Part of the
# course "Following the data trail: data skills for human-trafficking investigators".*
#
# > **Content note.** This notebook works with the records a task force and its victim-service
# > partner keep about people who experienced trafficking: their names, birth dates, nationality,
# > immigration status, the kind of exploitation and the services they received. Nothing is
# > described in explicit detail. One exercise shows a harmful case note so that you can rewrite
# > it; it is written to show stigmatizing framing without slurs. Every person and record is
# > **synthetic** (invented by a program).
# >
# > **What comes up:** trafficking for sex and for labor, named in general terms and never
# > described; a police note that labels a 17-year-old and a woman in blaming words (you rewrite
# > it); immigration status and the fear of deportation; a request that would tie immigration
# > relief to cooperation; and a risk score that flags some nationalities more than others.
# >
# > **You can stop.** If any of it touches your own life or work, you may step out of the room
# > or a discussion, or pause the notebook and come back later, without explaining why. No one
# > will ask you to share your own experiences, and you never have to.
# >
# > **Support.** Your agency's or academy's employee assistance program (EAP) is usually free
# > and confidential; a peer support officer or chaplain, or your instructor, can also help or
# > point you on. If you are in crisis in the United States, call or text **988** (the 988
# > Suicide and Crisis Lifeline), at any hour.
#
# **Start here:** click on the first gray code cell below and press **Shift + Enter**.
#
# ## Questions
#
# - How do I write about a person who experienced trafficking without blaming, labeling or
#   exposing them?
# - What is the least data a purpose needs, and how do I hand over only that?
# - Why does hashing a phone number not hide it, and what does?
# - How many people in a "de-identified" table can still be named, and how do I measure and
#   reduce that?
# - How do I publish counts, audit who looked at a record, and check that a risk score treats
#   groups alike?
#
# ## Objectives
#
# Each objective says what you start from, what you do, and how well it has to be done.
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | DE-1 | a case note written in blaming, labeling language | rewrite it in victim-centered, person-first language and justify each change | at least 3 of 4 rubric points | 32 min |
# | DE-2 | a task force's case records and a stated purpose | return only the columns the purpose's allow-list names, never a direct identifier, and only the records whose written consent covers that sharing, is in force and was signed by an adult | the visible and hidden tests pass | 39 min |
# | DE-3 | phone numbers written in many formats | normalize them, pseudonymize them with a keyed hash (HMAC) and show by enumeration that a plain SHA-256 of a phone number is reversed in seconds | the tests pass | 64 min |
# | DE-4 | a table of quasi-identifiers | generalize ages and ZIP codes, measure k, suppress the records of classes smaller than k, measure l-diversity and find the rows a homogeneous class exposes | the tests pass | 69 min |
# | DE-5 | a released table and a public roll | measure the share of released rows re-identified by linkage, before and after generalization | the tests pass | 30 min |
# | DE-6 | a table of counts to publish | hide small cells and their complements, add Laplace noise at a chosen ε, and recommend one in a release memo | the tests pass; memo at least 3 of 4 rubric points | 89 min |
# | DE-7 | a risk score and confirmed outcomes | compute false-positive rates by group and the impact ratio | the tests pass | 40 min |
# | DE-8 | a file, a hash-chained access log and case records | hash the file in chunks as `sha256sum` does, find the first broken link of the log and the intelligence records past their review date | the tests pass | 57 min |
# | DE-9 | a task force's request for an NGO's client list | advise the sergeant in writing under right-to-know, need-to-know, consent and immigration protections | at least 3 of 4 rubric points | 51 min |
#
# ## How this notebook is graded
#
# Autograded exercises are **functions**; the gray **test cell** under each one checks it on tiny
# hand-made tables where you can work out the answer yourself, and tells you in plain words what it
# expected. More checks, including one on the full data, run when your work is graded. The tables
# your functions are given must stay exactly as they were: no column added, no value changed, no
# rows sorted in place. Written answers are graded by your instructor against a rubric.
#
# ## The data: the task force's case records
#
# The same fictional network you followed through the bank's records and the recruitment ads has
# been broken up. The people it exploited now appear in the records of a regional task force and
# of the victim-service organization it works with. `data/cases/` holds:
#
# | File | One row per ... |
# |---|---|
# | `records.csv` | record: a `service` record of the service partner, an `investigative` record of the task force, or an `intelligence` record |
# | `public_roll.csv` | person on a public roll (name, birth date, sex, ZIP), like a voter roll anyone can obtain |
# | `zip3_population.csv` | 3-digit ZIP area of the fictional State of Exemplar, with its population |
# | `access_log.csv` | time a staff account opened a record, hash-chained |
#
# These are the most sensitive records in this course. Treat them as if they were real.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the records.
# %matplotlib inline
import hashlib
import hmac
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

plt.style.use("tableau-colorblind10")               # color-blind-safe colors
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]

DATA = "data/cases/"
AS_OF = pd.Timestamp("2025-06-30")                   # the extract's date
# ZIP codes are text: "00304" must keep its leading zeros.
records = pd.read_csv(DATA + "records.csv", dtype={"zip5": str})
roll = pd.read_csv(DATA + "public_roll.csv", dtype={"zip5": str})
zip3_population = pd.read_csv(DATA + "zip3_population.csv", dtype={"zip3": str})
access_log = pd.read_csv(DATA + "access_log.csv")

print(f"Ready: {len(records)} records "
      f"({', '.join(f'{n} {kind}' for kind, n in records['record_type'].value_counts().items())}), "
      f"{len(roll):,} people on the public roll, {len(access_log)} log entries.")

# %% [markdown]
# ## DE-1 Words that do no harm (32 min)
#
# A record outlives the conversation it came from. A prosecutor, a judge, a defense lawyer, a
# service provider and, one day, the person themselves may read it. Words that blame or label a
# person follow them into every one of those rooms.
#
# The U.S. Office for Victims of Crime's *Human Trafficking Task Force e-Guide* (section 1.3)
# describes the **victim-centered approach** as a systematic focus on the needs and concerns of
# a victim, so that services are delivered with compassion, sensitivity and without judgment;
# the person's wishes, safety and well-being come first. Section 4.1 adds the **trauma-informed**
# approach: realize how common trauma is, recognize its signs, respond with that knowledge, and
# avoid re-traumatizing the person. Its principles are safety, trustworthiness, choice,
# collaboration and empowerment.
#
# For written records this means:
#
# - **Person-first:** "a person who experienced trafficking", "a 16-year-old who was exploited",
#   not a label that makes the exploitation who they are. A child cannot consent to commercial
#   sex: "child prostitute" is never correct; say "a child who was sexually exploited".
# - **Their own words:** "victim" is the legal term; some people prefer "survivor", some neither.
#   Ask, and record what the person chose.
# - **Facts, not judgments:** "did not wish to be interviewed on March 3" instead of "refused to
#   cooperate". A person may decline for many reasons (fear of the trafficker, of deportation, of
#   not being believed), and cooperation is not a condition of being a victim.
# - **Only what the record needs:** nationality, immigration status or sexual history belong in a
#   note only if the purpose of the note needs them.
#
# ### Worked example
#
# *Before:* "Subject is an illegal who was working the motel strip. She was uncooperative and
# changed her story twice."
#
# *After:* "The person, a Belmoran national, was found at a motel on Route 9 on April 12. She
# said she did not want to talk that day and gave two accounts of how she arrived; accounts that
# change are common after trauma and are not in themselves a sign of deception."
#
# Each change: "subject" is for a person under investigation, not a person who was exploited;
# "illegal" labels a person, and immigration status is not needed here (and is protected, see
# DE-9); "working the strip" blames her for her exploitation; "uncooperative" is a judgment,
# replaced by what happened and when; the inconsistent account is recorded with its context.

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "de1_case_note", "schema_version": 3}
# ### Exercise DE-1.1 (written, 4 points): rewrite a case note
#
# A detective wrote this note after a hotel check. Rewrite it in victim-centered, person-first,
# factual language, and justify **each** change in one line (what was wrong, and which principle
# the new wording follows).
#
# > "Located 2 girls, one a runaway prostitute (17) who has been on the track since last summer.
# > She was hostile and refused to cooperate, would not give her real name. The other one is an
# > illegal from Esteria, claims she was forced but was seen going out alone to buy food, so
# > probably willing. Both released to NGO."
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does:**
#
# - Replaces "girls"/"runaway prostitute"/"on the track" with person-first wording ("a
#   17-year-old who was sexually exploited"); states that a minor cannot consent to commercial
#   sex, so the 17-year-old is a child victim under federal law whatever the means, and names
#   the steps that follow: a child-welfare report, a parent or guardian who is not suspected of
#   the abuse (or a child advocate), and no "release" to anyone as if she were an adult.
# - Replaces "hostile", "refused to cooperate", "would not give her real name" with observed
#   facts and their date ("did not wish to be interviewed that day; gave a first name only"),
#   and notes fear and trauma as possible reasons without speculating.
# - Removes "illegal" (a label; immigration status is not needed and is sensitive) and records
#   nationality only if the purpose needs it.
# - Removes the inference "probably willing": going out alone does not mean free to leave
#   (control through debt, documents, threats); records what she said in her own words.
# - "Released to NGO" becomes a factual referral: "referred, with her agreement, to the service
#   partner".
# - One justification per change, tied to the victim-centered or trauma-informed principles.
#
# **Levels**
#
# - **4 points:** every harmful phrase changed, the note stays factual and usable, each change
#   justified; the minor's status and the "free to leave" fallacy named.
# - **3 points:** nearly every phrase changed and justified; one gap (e.g. the referral wording,
#   or one justification missing).
# - **2 points:** the obvious labels changed but judgments ("refused to cooperate", "probably
#   willing") kept, or no justifications.
# - **1 point:** cosmetic changes; blaming framing remains.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## DE-2 Data minimization: only what the purpose needs (39 min)
#
# Every copy of a record is one more place it can leak from. The EU's GDPR (Art. 5(1)(c)) puts
# it as "adequate, relevant and limited to what is necessary" for the purpose (**data
# minimization**), and Art. 5(1)(b) adds that data collected for one purpose is not reused for
# an unrelated one (**purpose limitation**). U.S. rules say the same in their own words: a
# federally funded criminal intelligence system may collect only on reasonable suspicion and
# share only with those who need and have a right to know (28 CFR 23.20), and the UN Trafficking
# Protocol (Art. 6(1)) asks states to protect the privacy and identity of victims. (The GDPR
# binds no U.S. agency; its words are quoted because they are clear.)
#
# In practice: before you send a table anywhere, write down **what it is for**, and keep an
# **allow-list** of the columns that purpose needs. An allow-list (keep only these) is safer than
# a block-list (drop these): a column added to the system next year is not shared by accident.
#
# The columns fall into three kinds:
#
# - **Direct identifiers** name a person on their own: name, phone, e-mail.
# - **Quasi-identifiers** do not, but together they often do: birth date, sex, ZIP code,
#   nationality (DE-4 and DE-5 show how).
# - **Sensitive attributes**: what we must not reveal about a person: immigration status, the
#   kind of exploitation, the services received.
#
# ### Worked example: the columns for one purpose
#
# The task force's annual report counts services by kind of exploitation. It needs no name and
# no birth date:

# %%
DIRECT_IDENTIFIERS = ["full_name", "phone", "email"]

for_report = ["record_type", "exploitation_type", "svc_shelter", "svc_legal", "svc_medical"]
report_table = records[for_report]
print(f"{report_table.shape[1]} of {records.shape[1]} columns leave the system.")
report_table.groupby("exploitation_type")[["svc_shelter", "svc_legal", "svc_medical"]].sum()

# %% [markdown]
# The allow-lists of the task force, one per purpose, are kept in one place. They are written by
# people, and people make mistakes: the list for hotline follow-ups below names `phone`. Whatever
# a list says, a direct identifier must never leave in an extract for analysis; a person who
# needs to contact someone asks the service partner, who asks the person.

# %%
PURPOSES = {
    "annual_report": ["record_type", "exploitation_type", "industry", "svc_shelter", "svc_legal",
                      "svc_medical", "svc_interpreter"],
    "case_coordination": ["record_id", "case_number", "record_type", "exploitation_type",
                          "consent_scope", "opened", "closed"],
    "hotline_followup": ["record_id", "phone", "referral_source", "opened"],
    "risk_score_audit": ["record_id", "nationality", "risk_score", "confirmed_trafficking"],
}

# %% [markdown]
# ### Exercise DE-2.1 (3 points): `minimize`
#
# Write `minimize(records, purpose)`. It returns a new table with only the columns that
# `PURPOSES[purpose]` lists, **except** the columns in `DIRECT_IDENTIFIERS`, which are never
# returned, whatever the list says. Keep every row, with its index label (do not renumber them).
# If `purpose` is not a key of `PURPOSES`, raise a `KeyError` (looking up `PURPOSES[purpose]`
# does that for you: do not catch it). Do not change `records` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de2_minimize", "schema_version": 3}
def minimize(records, purpose):
    """Return the columns of `records` that `purpose` allows, never a direct identifier."""
    ### BEGIN SOLUTION
    allowed = [column for column in PURPOSES[purpose] if column not in DIRECT_IDENTIFIERS]
    return records[allowed]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "de2_minimize_tests", "schema_version": 3}
def _check_de2_minimize():
    """Check that minimize keeps the allowed columns, no direct identifier, every row."""
    import pandas as pd
    from course_checks import table_of, unchanged

    tiny = pd.read_csv("data/cases/records.csv", dtype={"zip5": str}).head(4)
    tiny.index = [40, 41, 42, 43]
    before = tiny.copy()

    report = table_of(minimize(tiny, "annual_report"), "minimize(tiny, 'annual_report')",
                      "Select the columns with records[list_of_columns].")
    assert set(report.columns) == set(PURPOSES["annual_report"]), (
        "minimize(tiny, 'annual_report') should return exactly the columns "
        f"{PURPOSES['annual_report']}; it returned {list(report.columns)}."
    )
    follow = minimize(tiny, "hotline_followup")
    assert "phone" not in follow.columns, (
        "The 'hotline_followup' list names 'phone', but a direct identifier must never be "
        "returned: leave out every column in DIRECT_IDENTIFIERS."
    )
    assert set(follow.columns) == {"record_id", "referral_source", "opened"}, (
        "minimize(tiny, 'hotline_followup') should return record_id, referral_source and "
        f"opened; it returned {list(follow.columns)}."
    )
    assert list(follow.index) == [40, 41, 42, 43], (
        "minimize should keep every row with its index label (the test table is labeled 40 to "
        f"43); got {list(follow.index)}. Select columns only; no reset_index()."
    )
    assert list(follow["record_id"]) == list(tiny["record_id"]), (
        "minimize should keep every row, in the order given, with its values unchanged."
    )
    try:
        minimize(tiny, "curiosity")
    except KeyError:
        pass
    else:
        raise AssertionError(
            "minimize(tiny, 'curiosity') should raise a KeyError: 'curiosity' is not a purpose "
            "in PURPOSES. Look the purpose up with PURPOSES[purpose] and do not catch the error."
        )
    unchanged(before, tiny, "minimize", "Select the columns into a new table; do not drop "
              "columns from `records` itself.")
    print("Visible tests passed: minimize keeps only what the purpose allows.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    full.index = range(7, 7 + len(full))
    for purpose, columns in PURPOSES.items():
        got = minimize(full, purpose)
        want = [c for c in columns if c not in ("full_name", "phone", "email")]
        assert set(got.columns) == set(want), (
            f"For the purpose {purpose!r}, expected the columns {want}; got {list(got.columns)}."
        )
        assert sorted(got.index) == sorted(full.index), (
            f"For the purpose {purpose!r}, every record should be kept with its index label."
        )
    ### END HIDDEN TESTS


_check_de2_minimize()
del _check_de2_minimize

# %% [markdown]
# ### Consent decides who is in the table
#
# Minimizing columns is half of it; the other half is **rows**. The service partner may share a
# person's record with law enforcement only with that person's **informed, written,
# reasonably time-limited consent**. That is the rule for organizations funded under the Violence
# Against Women Act (34 U.S.C. 12291(b)(2)) and the Victims of Crime Act (28 CFR 94.115), and it
# holds "regardless of whether such information has been encoded, encrypted, hashed, or
# otherwise protected". A consent has a start (`consent_date`) and an end (`consent_expiry`), and
# a person can withdraw it. For an unemancipated minor, VAWA asks for the consent of the minor
# **and** of a parent or guardian, and the abuser of the minor (or of the minor's other parent)
# may not give it (34 U.S.C. 12291(b)(2)(B)(ii)); good practice also passes over a parent or
# guardian who is only suspected. Where the law lets a minor receive the services without a
# parent's consent, the minor may release the information alone (the same clause). The records
# here show neither a guardian's signature nor which rule applied, so a consent signed before
# the person's 18th birthday is checked by a person, never exported by a program; a child's
# case also goes to child welfare.
#
# A consent is also **about something**: who may receive the information, for what purpose, and
# which information. A person who agreed that the partner may pass their name and phone to a
# shelter ("referral only") has not agreed to their file going to detectives; "limited: name and
# contact only" allows a name and a way to reach them, never the case file. The column
# `consent_scope` records what each consent covers, and a consent counts only for the sharing it
# names. Consent must also be **free**: getting shelter, legal help or any other service can
# never depend on agreeing to share with the police, and saying no (or withdrawing) changes
# nothing about the help a person receives.
#
# ### Worked example: what the consents cover, and which have expired
#
# Dates are text in the CSV; `pd.to_datetime` turns them into dates you can compare. A missing
# date becomes `NaT` ("not a time"), and every comparison with `NaT` is False.

# %%
LE_SCOPE = "case coordination with law enforcement"      # the scope a detective's request needs
print(records.loc[records["consent_le_share"], "consent_scope"].value_counts().to_string())
expiry = pd.to_datetime(records["consent_expiry"])
expired = records[records["consent_le_share"] & (expiry < AS_OF)]
print(f"{records['consent_le_share'].sum()} records carry a consent to share; only "
      f"{(records['consent_scope'] == LE_SCOPE).sum()} of them cover case coordination with law "
      f"enforcement; {len(expired)} of all the consents had expired by {AS_OF.date()}.")
eighteenth = pd.to_datetime(records["dob"]) + pd.DateOffset(years=18)
signed_young = records["consent_le_share"] & (eighteenth > pd.to_datetime(records["consent_date"]))
print(f"{signed_young.sum()} consents were signed before the person's 18th birthday, with no "
      "guardian's signature on record: a person checks them.")
expired[["record_id", "record_type", "consent_scope", "consent_date", "consent_expiry"]]

# %% [markdown]
# ### Exercise DE-2.2 (2 points): `consent_in_force`
#
# Write `consent_in_force(records, on, scope)`. `on` is a date (a `pd.Timestamp`); `scope` is the
# sharing asked for, worded as in the column `consent_scope` (for a detective's request,
# `LE_SCOPE`). Return the **set of `record_id`s** whose consent covers that sharing on that day:
# `consent_le_share` is True, **and** `consent_scope` is exactly `scope`, **and**
# `consent_date` is on or before `on`, **and** `consent_expiry` is on or after `on` (the first
# and the last day both count), **and** the person was at least 18 on `consent_date` (their
# 18th birthday, `pd.to_datetime(records["dob"]) + pd.DateOffset(years=18)`, is on or before
# `consent_date`: a consent signed on the birthday counts). A record with a missing date has no
# consent in force. Do not change `records` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de2_consent", "schema_version": 3}
def consent_in_force(records, on, scope):
    """Return the set of record_ids whose consent covers `scope` and is in force on `on`."""
    ### BEGIN SOLUTION
    signed = pd.to_datetime(records["consent_date"])
    expires = pd.to_datetime(records["consent_expiry"])
    adult_from = pd.to_datetime(records["dob"]) + pd.DateOffset(years=18)
    covers = records["consent_scope"] == scope
    in_force = (records["consent_le_share"] & covers & (signed <= on) & (expires >= on)
                & (adult_from <= signed))
    return set(records.loc[in_force, "record_id"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de2_consent_tests", "schema_version": 3}
def _check_de2_consent():
    """Check that consent_in_force keeps consents of the scope asked for, in force on `on`."""
    import pandas as pd
    from course_checks import ids_of, unchanged

    le = "case coordination with law enforcement"
    tiny = pd.DataFrame({
        "record_id": ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11",
                      "R12"],
        "dob": ["1990-05-04", "1985-11-30", "1999-01-17", "1979-07-08", "1993-02-21",
                "1988-09-09", "2001-12-12", "1996-04-01", "1990-06-15", "1983-03-03",
                "2007-03-02", "2007-01-01"],
        "consent_le_share": [True, True, True, True, False, True, True, True, True, True, True,
                             True],
        "consent_scope": [le, le, le, le, le, le, le, le, "referral only",
                          "limited: name and contact only", le, le],
        "consent_date": ["2025-01-01", "2025-03-01", "2025-01-01", "2024-03-01", "2025-01-01",
                         None, "2025-01-01", "2025-03-02", "2025-01-01", "2025-01-01",
                         "2025-01-01", "2025-01-01"],
        "consent_expiry": ["2025-12-31", "2026-03-01", "2025-03-01", "2025-02-28", "2025-12-31",
                           None, None, "2026-03-02", "2025-12-31", "2025-12-31", "2025-12-31",
                           "2025-06-30"],
    })
    tiny.index = range(20, 32)
    before = tiny.copy()
    on = pd.Timestamp("2025-03-01")
    got = ids_of(consent_in_force(tiny, on, le), "consent_in_force(tiny, 2025-03-01, le)",
                 "record ids")
    assert not got & {"R9", "R10"}, (
        "R9's consent is 'referral only' and R10's 'limited: name and contact only': neither "
        "covers case coordination with law enforcement. Keep only consent_scope == scope."
    )
    assert "R2" in got, (
        "R2's consent was signed on 2025-03-01, the very day asked about: the first day counts "
        "(consent_date <= on)."
    )
    assert "R3" in got, (
        "R3's consent expires on 2025-03-01, the very day asked about: the last day still counts "
        "(consent_expiry >= on)."
    )
    assert "R4" not in got, "R4's consent expired on 2025-02-28, before 2025-03-01."
    assert "R8" not in got, (
        "R8's consent was signed on 2025-03-02, the day after 2025-03-01: it was not yet in "
        "force. Check consent_date <= on too."
    )
    assert "R5" not in got, (
        "R5 has consent dates but consent_le_share is False: the person did not consent to "
        "sharing."
    )
    assert not got & {"R6", "R7"}, (
        "R6 and R7 have a missing consent date or expiry: no consent in force. Compare dates made "
        "with pd.to_datetime (a missing date becomes NaT and compares False)."
    )
    assert "R11" not in got, (
        "R11 was born on 2007-03-02 and signed on 2025-01-01, at 17: a minor's consent needs a "
        "parent or guardian too, which the records do not show. Leave out a consent signed "
        "before the 18th birthday (pd.to_datetime(dob) + pd.DateOffset(years=18) > consent_date)."
    )
    assert "R12" in got, (
        "R12 signed on 2025-01-01, the day of the 18th birthday (born 2007-01-01): an adult's "
        "consent from that day on counts (18th birthday <= consent_date)."
    )
    assert got == {"R1", "R2", "R3", "R12"}, f"Expected R1, R2, R3 and R12; got {sorted(got)}."
    referral = ids_of(consent_in_force(tiny, on, "referral only"),
                      "consent_in_force(tiny, 2025-03-01, 'referral only')", "record ids")
    assert referral == {"R9"}, (
        f"For the scope 'referral only' only R9 is in force; got {sorted(referral)}. Use the "
        "argument `scope`."
    )
    later = ids_of(consent_in_force(tiny, pd.Timestamp("2025-12-31"), le),
                   "consent_in_force(tiny, 2025-12-31, le)", "record ids")
    assert later == {"R1", "R2", "R8"}, (
        f"On 2025-12-31 only R1, R2 and R8 are in force (R11 is 18 by then, but signed at 17); "
        f"got {sorted(later)}. Use the argument `on`."
    )
    unchanged(before, tiny, "consent_in_force", "Make the dates into new variables; do not "
              "change the columns of `records`.")
    print("Visible tests passed: consent_in_force keeps consents of the scope, in force on the "
          "day.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    scopes = sorted(full["consent_scope"].dropna().unique())
    for day in ["2025-06-30", "2025-01-01", "2024-09-15"]:
        on = pd.Timestamp(day)
        start, end = pd.to_datetime(full["consent_date"]), pd.to_datetime(full["consent_expiry"])
        for scope in scopes:
            adult = pd.to_datetime(full["dob"]) + pd.DateOffset(years=18)
            want = set(full.loc[full["consent_le_share"] & (full["consent_scope"] == scope)
                                & (start <= on) & (end >= on) & (adult <= start), "record_id"])
            got = ids_of(consent_in_force(full, on, scope),
                         f"consent_in_force(records, {day}, {scope!r})")
            assert got == want, (
                f"On the task force's records on {day} for {scope!r}, expected {len(want)} "
                f"consents in force; got {len(got)}."
            )
    ### END HIDDEN TESTS


_check_de2_consent()
del _check_de2_consent

# %% [markdown]
# ## DE-3 Pseudonyms that outsiders cannot reverse (64 min)
#
# Two agencies often want to know whether they hold records about the same person without
# handing each other the person's phone number. A common idea is to **hash** the number: a hash
# function such as SHA-256 turns any text into a fixed-length fingerprint, and the same text
# always gives the same fingerprint. It cannot be run backwards.
#
# It does not need to be. A U.S. phone number has ten digits: there are only 10 billion of them,
# and only 10 million in one area code. An attacker who wants to know which number is behind a
# fingerprint simply hashes every possible number and looks for a match (**enumeration**). The
# Spanish and EU data-protection authorities warn about exactly this for small input spaces, in
# a joint paper of 2019 on the hash function as a pseudonymization technique (AEPD and EDPS; see
# Sources).
#
# The fix is a **keyed hash**: HMAC-SHA256 mixes a secret key into the fingerprint. Without the
# key, enumeration is useless; with it, the same number still gives the same pseudonym, so
# records can be matched. The key is kept apart from the data (never in the same file or
# folder). The key is the whole secret: whoever holds it can enumerate exactly as an attacker
# enumerates a plain hash. If two agencies share one key, either can reverse the other's
# pseudonyms; to match lists, one side (or a trusted third party) keeps the key and does the
# matching. Even so, pseudonymized data is still personal data (GDPR Recital 26; Art. 4(5)
# defines pseudonymization), and for a
# VAWA- or VOCA-funded service partner a hashed identifier is still personally identifying
# information that needs consent to share (DE-2).
#
# ### Worked example: one number, many spellings
#
# A hash sees text, not numbers: "913-555-0109" and "(913) 555-0109" give different fingerprints,
# so two agencies that write numbers differently would never match. First every number is written
# the same way, in the international **E.164** form: `+1` and the ten digits.

# %%
def sha256_text(text):
    """The SHA-256 fingerprint of a text, as 64 hexadecimal characters."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


for spelling in ["913-555-0109", "(913) 555-0109", "+19135550109"]:
    print(f"{spelling:>16}  {sha256_text(spelling)[:20]}...")

# %%
phone = "(913) 555-0109"
digits = "".join(character for character in phone if character.isdigit())
print(digits, "->", "+1" + digits)

# %% [markdown]
# ### Exercise DE-3.1 (2 points): `normalize_phone`
#
# Write `normalize_phone(text)`. Keep only the digits of `text`. If there are **11** digits and
# the first is `1` (the country code), drop that first digit. If **10** digits are left, return
# `"+1"` followed by them; otherwise (too few or too many, or nothing at all, such as a missing
# value) return `None`. So `"(913) 555-0109"`, `"913.555.0109"`, `"1-913-555-0109"` and
# `"+1 913 555 0109"` all give `"+19135550109"`, and `"555-0109"` gives `None`. (A U.S. area code
# never starts with 0 or 1, so you need not think about ten digits that start with 1.)

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de3_normalize_phone", "schema_version": 3}
def normalize_phone(text):
    """Return the phone number in `text` as '+1' and 10 digits, or None."""
    ### BEGIN SOLUTION
    digits = "".join(character for character in str(text) if character.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10:
        return "+1" + digits
    return None
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de3_normalize_phone_tests", "schema_version": 3}
def _check_de3_normalize_phone():
    """Check that normalize_phone writes every spelling of a number the same way."""
    import numpy as np

    for spelling in ["(913) 555-0109", "913.555.0109", "913-555-0109", "9135550109"]:
        got = normalize_phone(spelling)
        assert got == "+19135550109", (
            f"normalize_phone({spelling!r}) should give '+19135550109' ('+1' and the ten "
            f"digits); got {got!r}."
        )
    for spelling in ["1-913-555-0109", "+1 913 555 0109", "+19135550109"]:
        got = normalize_phone(spelling)
        assert got == "+19135550109", (
            f"normalize_phone({spelling!r}) has 11 digits starting with the country code 1: "
            f"drop that 1 and give '+19135550109'; got {got!r}."
        )
    for spelling in ["555-0109", "913-555-010", "", "91355501099", "+44 913 555 0109"]:
        got = normalize_phone(spelling)
        assert got is None, (
            f"normalize_phone({spelling!r}) does not hold a ten-digit number (or eleven starting "
            f"with 1), so it should return None; got {got!r}."
        )
    for missing in [None, np.nan]:
        got = normalize_phone(missing)
        assert got is None, (
            f"normalize_phone({missing!r}) (a missing phone) should return None; got {got!r}."
        )
    print("Visible tests passed: normalize_phone gives one spelling per number.")

    ### BEGIN HIDDEN TESTS
    assert normalize_phone("1 (316) 555-0199 ext") == "+13165550199", (
        "Letters and spaces are not digits: '1 (316) 555-0199 ext' gives '+13165550199'."
    )
    assert normalize_phone("2-913-555-0109") is None, (
        "Eleven digits that do not start with 1 are not a U.S. number: expected None."
    )
    assert normalize_phone("11-913-555-0109") is None, "Twelve digits: expected None."
    ### END HIDDEN TESTS


_check_de3_normalize_phone()
del _check_de3_normalize_phone

# %% [markdown]
# ### Worked example: a keyed hash
#
# Python's `hmac` module makes a keyed hash: `hmac.new(key, message, hashlib.sha256)`. The key
# and the message are **bytes**: `.encode("utf-8")` turns text into bytes. A real key is a long
# random secret (`secrets.token_bytes(32)`) kept in a key store, not in the notebook or beside the
# data; the key below is for the exercise only.

# %%
EXERCISE_KEY = b"course-exercise-key-not-for-real-use"
number = normalize_phone("913-555-0109")
keyed = hmac.new(EXERCISE_KEY, number.encode("utf-8"), hashlib.sha256).hexdigest()
other_key = hmac.new(b"another-key", number.encode("utf-8"), hashlib.sha256).hexdigest()
print("plain SHA-256:", sha256_text(number)[:20], "...")
print("HMAC, key 1:  ", keyed[:20], "...")
print("HMAC, key 2:  ", other_key[:20], "...")

# %% [markdown]
# ### Exercise DE-3.2 (2 points): `pseudonymize`
#
# Write `pseudonymize(phones, key)`. `phones` is a Series of phone numbers in any spelling; `key`
# is bytes. Return a Series with the **same index**, holding for each number the HMAC-SHA256 (as
# `hexdigest()`) of its **normalized** form (`normalize_phone`), so that every spelling of one
# number gets the same pseudonym. A phone that `normalize_phone` turns into `None` gets a missing
# value (`None`; pandas may show it as `NaN`).
# Do not change `phones` itself. (`phones.map(function)` calls a function on every value.)

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de3_pseudonymize", "schema_version": 3}
def pseudonymize(phones, key):
    """Return the HMAC-SHA256 of each normalized phone number (None where there is none)."""
    ### BEGIN SOLUTION
    def pseudonym(text):
        number = normalize_phone(text)
        if number is None:
            return None
        return hmac.new(key, number.encode("utf-8"), hashlib.sha256).hexdigest()

    return phones.map(pseudonym)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de3_pseudonymize_tests", "schema_version": 3}
def _check_de3_pseudonymize():
    """Check that pseudonymize gives one keyed pseudonym per number, keeping the index."""
    import hashlib
    import hmac

    import pandas as pd
    from course_checks import returned

    phones = pd.Series(["913-555-0109", "(913) 555-0109", "316-555-0142", None, "555-0142"],
                       index=[7, 3, 9, 1, 5])
    before = phones.copy()
    key = b"test-key"
    got = returned(pseudonymize(phones, key), "pseudonymize(phones, key)")
    assert isinstance(got, pd.Series), (
        f"pseudonymize should return a Series (phones.map(...)); got a {type(got).__name__}."
    )
    assert list(got.index) == [7, 3, 9, 1, 5], (
        f"pseudonymize should keep the index of `phones` (7, 3, 9, 1, 5); got {list(got.index)}."
    )
    want = hmac.new(key, b"+19135550109", hashlib.sha256).hexdigest()
    assert got[7] != hashlib.sha256(b"+19135550109").hexdigest(), (
        "pseudonymize gave the plain SHA-256 of the number: use hmac.new(key, ..., "
        "hashlib.sha256), so the pseudonym depends on the key."
    )
    assert got[7] == want, (
        "For '913-555-0109', expected the HMAC-SHA256 (hexdigest) of the normalized number "
        f"'+19135550109' with the key; got {got[7]!r}. Hash normalize_phone(text), encoded "
        "with .encode('utf-8')."
    )
    assert got[3] == got[7], (
        "'913-555-0109' and '(913) 555-0109' are the same number and must get the same "
        "pseudonym: hash the normalized number."
    )
    assert got[9] != got[7], "Different numbers must get different pseudonyms."
    assert pd.isna(got[1]) and pd.isna(got[5]), (
        "A missing phone (None) and one normalize_phone cannot read ('555-0142') should get "
        f"a missing value (None); got {got[1]!r} and {got[5]!r}."
    )
    other = pseudonymize(phones, b"another-key")
    assert other[7] != got[7], (
        "With another key the pseudonym must change: use the argument `key`."
    )
    assert phones.equals(before), "pseudonymize changed the Series it was given."
    print("Visible tests passed: pseudonymize gives keyed pseudonyms.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})["phone"]
    full.index = range(3, 3 + len(full))
    got = pseudonymize(full, key)
    for label, text in full.items():
        digits = "".join(c for c in str(text) if c.isdigit())
        want = (hmac.new(key, ("+1" + digits).encode(), hashlib.sha256).hexdigest()
                if len(digits) == 10 else None)
        assert got[label] == want or (want is None and pd.isna(got[label])), (
            f"On the task force's phones, the pseudonym of {text!r} is not the expected one."
        )
    ### END HIDDEN TESTS


_check_de3_pseudonymize()
del _check_de3_pseudonymize

# %% [markdown]
# ### Worked example: how fast is enumeration?
#
# Suppose a partner received the plain SHA-256 of a phone number. How long would it take to try
# every number? We time 100,000 numbers of one exchange and scale up.

# %% tags=["machine-dependent"]
start = time.perf_counter()
for i in range(100_000):
    sha256_text(f"+1913{i:07d}")
seconds = time.perf_counter() - start
rate = 100_000 / seconds
print(f"{rate:,.0f} hashes a second on this computer.")
print(f"One area code (10 million numbers): about {10**7 / rate:,.0f} seconds.")
print(f"Every U.S. number (10 billion): about {10**10 / rate / 3600:,.1f} hours on one core; "
      "a graphics card is thousands of times faster.")

# %% [markdown]
# `f"{i:07d}"` writes `i` with seven digits, padded with zeros: `109` becomes `0000109`.
#
# ### Exercise DE-3.3 (2 points): `crack_unkeyed`
#
# Write `crack_unkeyed(hashes, prefix, n_digits)`. Try every number made of `prefix` followed by
# **exactly** `n_digits` digits (from all zeros to all nines, padded with zeros: with
# `n_digits=2`, the suffixes `00`, `01`, ..., `99`), compute the plain SHA-256 (hexdigest) of each,
# and return a **dict** from every hash in `hashes` that you found to the number that gives it.
# Hashes you cannot find are left out. `hashes` may be a list, a set or a Series.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de3_crack", "schema_version": 3}
def crack_unkeyed(hashes, prefix, n_digits):
    """Return {hash: number} for the hashes of `prefix` + `n_digits` digits found by trying all."""
    ### BEGIN SOLUTION
    wanted = set(hashes)
    found = {}
    for i in range(10 ** n_digits):
        number = prefix + str(i).zfill(n_digits)
        digest = sha256_text(number)
        if digest in wanted:
            found[digest] = number
    return found
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de3_crack_tests", "schema_version": 3}
def _check_de3_crack():
    """Check that crack_unkeyed finds plain hashes of numbers with the prefix, and no others."""
    import hashlib
    import hmac

    import pandas as pd
    from course_checks import returned

    def plain(text):
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    numbers = ["+13165550100", "+13165550107", "+13165550199"]
    hashes = [plain(n) for n in numbers]
    keyed = hmac.new(b"secret", b"+13165550142", hashlib.sha256).hexdigest()
    too_long = plain("+131655501" + "100")
    given = hashes + [keyed, too_long]
    got = returned(crack_unkeyed(given, "+131655501", 2), "crack_unkeyed(hashes, '+131655501', 2)")
    assert isinstance(got, dict), (
        f"crack_unkeyed should return a dict {{hash: number}}; got a {type(got).__name__}."
    )
    assert got.get(hashes[1]) == "+13165550107", (
        "The hash of '+13165550107' should map to that number. Pad the suffix with zeros to "
        "n_digits digits: 7 becomes '07' (str(i).zfill(n_digits) or f'{i:0{n_digits}d}')."
    )
    assert got.get(hashes[0]) == "+13165550100", (
        "The hash of '+13165550100' (suffix 00) should be found: start from 0."
    )
    assert got.get(hashes[2]) == "+13165550199", (
        "The hash of '+13165550199' (suffix 99) should be found: go up to all nines, "
        "range(10 ** n_digits)."
    )
    assert keyed not in got, (
        "A keyed (HMAC) hash cannot be found by enumeration without the key, yet crack_unkeyed "
        "returned it."
    )
    assert too_long not in got, (
        "Only numbers with exactly n_digits digits after the prefix are tried; crack_unkeyed "
        "found one with more."
    )
    assert len(got) == 3, f"Expected the 3 plain hashes; got {len(got)} entries."
    assert given == hashes + [keyed, too_long], "crack_unkeyed changed the list it was given."
    series = crack_unkeyed(pd.Series(hashes[:1]), "+131655501", 2)
    assert series == {hashes[0]: "+13165550100"}, (
        "With `hashes` as a Series, crack_unkeyed should find the same number."
    )
    three = crack_unkeyed([plain("+1316555" + "0042")], "+1316555", 4)
    assert three == {plain("+13165550042"): "+13165550042"}, (
        "With n_digits=4 the suffix 42 is written '0042'; use the argument n_digits."
    )
    print("Visible tests passed: crack_unkeyed reverses plain hashes by enumeration.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})["phone"].dropna()
    numbers = {"+1" + "".join(c for c in p if c.isdigit()) for p in full}
    area = sorted(numbers)[0][:8]
    mine = {n for n in numbers if n.startswith(area)}
    got = crack_unkeyed([plain(n) for n in numbers], area, 4)
    assert set(got.values()) == mine, (
        f"On the task force's phones with prefix {area}, expected to recover {len(mine)} numbers; "
        f"got {len(got)}."
    )
    ### END HIDDEN TESTS


_check_de3_crack()
del _check_de3_crack

# %% tags=["machine-dependent"]
# Try it on the task force's phones (not graded): what a partner could do with plain hashes.
phones = records["phone"].dropna().map(normalize_phone).dropna()
leaked = phones.map(sha256_text)
area = phones.str[:8].mode()[0]                        # "+1" and the most common area code + 555
start = time.perf_counter()
recovered = crack_unkeyed(leaked, area, 4)
print(f"Recovered {len(recovered)} of the {phones.str.startswith(area).sum()} numbers starting "
      f"{area} in {time.perf_counter() - start:.2f} seconds.")
keyed = pseudonymize(records["phone"].dropna(), EXERCISE_KEY)
print(f"From the keyed pseudonyms: {len(crack_unkeyed(keyed, area, 4))} recovered.")

# %% [markdown]
# ## DE-4 k-anonymity and l-diversity (69 min)
#
# Take the names, phones and e-mails out of a table and it can still name people. Latanya
# Sweeney estimated that ZIP code, full date of birth and sex together single out about **87%**
# of the U.S. population (*Simple Demographics Often Identify People Uniquely*, 2000). Anyone who
# holds another list with those three columns and names, such as a voter roll, can put the names
# back (DE-5 does exactly that).
#
# **k-anonymity** measures the risk. Group the rows by their quasi-identifiers; each group of
# identical combinations is an *equivalence class*. A table is k-anonymous if every class has at
# least k rows: each person hides among at least k. The Counter-Trafficking Data Collaborative
# (CTDC), which publishes case data from many organizations, releases its global dataset with
# **k = 11**. Two ways to raise k:
#
# - **generalize**: replace a value with a coarser one (age band instead of birth date, the first
#   three digits of a ZIP code, the month instead of the day);
# - **suppress**: leave out the rows (or values) of classes that are still too small.
#
# HIPAA's Safe Harbor standard for health data (45 CFR 164.514(b)(2)) is a concrete rule for ZIP
# codes: keep the first three digits only where that 3-digit area has **more than 20,000**
# people, and write `000` for the others.
#
# ### Worked example: count people, not records
#
# k, l and every published count are about **people**. The same person can have a service
# record with the partner and an investigative record with the task force. In a table of
# records, a "class of two" may be one person twice, who is then alone in it, and one person
# can move a count by 2. So before measuring or publishing anything, keep **one row per
# person**. Here the records of one person share their name and birth date (a real system would
# use its person index), and the facts about the person (exploitation, immigration status,
# control) are the same in each of them. What belongs to a record, such as its risk score, is
# not: so `people` keeps each person's **earliest** record, the one opened at intake.

# %%
PERSON = ["full_name", "dob"]
people = records.sort_values(["opened", "record_id"]).drop_duplicates(subset=PERSON)
several = records.groupby(PERSON).size()
print(f"{len(records)} records belong to {len(people)} people; {(several > 1).sum()} people have "
      f"more than one record (at most {several.max()}).")

# %% [markdown]
# ### Worked example: age on a given day, and month instead of day
#
# Age in whole years is the year difference, minus one if the birthday has not come yet that
# year. `.dt.to_period("M")` keeps the year and month of a date.

# %%
def age_on(dob, as_of):
    """Age in whole years on the day `as_of` of each birth date (text or dates) in `dob`."""
    born = pd.to_datetime(dob)
    before_birthday = (born.dt.month > as_of.month) | (
        (born.dt.month == as_of.month) & (born.dt.day > as_of.day))
    return as_of.year - born.dt.year - before_birthday.astype(int)


example = pd.Series(["2007-06-30", "2007-07-01", "1990-01-15"])
print(list(age_on(example, AS_OF)))                    # [18, 17, 35]
print(list(pd.to_datetime(records["opened"]).dt.to_period("M").astype(str).head(3)))

# %% [markdown]
# And the first three digits of a ZIP code, with the 3-digit areas of this state and their
# populations:

# %%
print(records["zip5"].str[:3].value_counts().sort_index().to_dict())
zip3_population

# %% [markdown]
# ### Exercise DE-4.1 (3 points): `generalize`
#
# Write `generalize(people, zip3_population, as_of=AS_OF)`. `people` has (at least) the columns
# `dob` and `zip5`. Return a **new table** with every column of `people` except `dob` and `zip5`,
# and two new columns:
#
# - `age_band`: the age on `as_of` (use `age_on`) as text: `"under 18"`, `"18-29"`, `"30-39"`,
#   `"40-49"`, `"50-59"` or `"60 and over"` (so 17 is `"under 18"`, 18 is `"18-29"`, 29 is
#   `"18-29"`, 30 is `"30-39"`). The band splits at 18 because a child's record needs other
#   protection than an adult's.
# - `zip3`: the first three characters of `zip5`, **or `"000"`** where that 3-digit area has
#   20,000 people or fewer in `zip3_population`, or is not in it at all.
#
# Keep every row with its index label. Do not change `people` itself.
#
# *Hint:* `pd.cut(ages, bins=[-np.inf, 17, 29, 39, 49, 59, np.inf], labels=AGE_BANDS)` puts each
# age in a band (each band includes its upper edge: 18 to 29 is the band `(17, 29]`).
# `series.where(condition, "000")` keeps the values where the condition is True and writes
# `"000"` elsewhere.

# %%
AGE_BANDS = ["under 18", "18-29", "30-39", "40-49", "50-59", "60 and over"]

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de4_generalize", "schema_version": 3}
def generalize(people, zip3_population, as_of=AS_OF):
    """Return `people` with dob replaced by age_band and zip5 by zip3 (small areas '000')."""
    ### BEGIN SOLUTION
    ages = age_on(people["dob"], as_of)
    bands = pd.cut(ages, bins=[-np.inf, 17, 29, 39, 49, 59, np.inf], labels=AGE_BANDS)
    zip3 = people["zip5"].str[:3]
    large = zip3_population.loc[zip3_population["population"] > 20_000, "zip3"]
    zip3 = zip3.where(zip3.isin(large), "000")
    return people.drop(columns=["dob", "zip5"]).assign(age_band=bands.astype(str), zip3=zip3)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "de4_generalize_tests", "schema_version": 3}
def _check_de4_generalize():
    """Check that generalize makes age bands that split at 18 and suppresses small ZIP3 areas."""
    import pandas as pd
    from course_checks import table_of, unchanged

    areas = pd.DataFrame({"zip3": ["001", "002", "003", "004"],
                          "population": [412_300, 20_001, 20_000, 9_610]})
    tiny = pd.DataFrame({
        "person": ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12"],
        "dob": ["2007-06-30", "2007-07-01", "1995-07-01", "1995-06-30", "1985-07-01",
                "1985-06-30", "1975-07-01", "1975-06-30", "1965-07-01", "1965-06-30",
                "1950-01-01", "2010-03-03"],
        "zip5": ["00112", "00201", "00305", "00410", "00577", "00100", "00250", "00299",
                 "00101", "00311", "00222", "00123"],
    })
    tiny.index = range(60, 72)
    before, areas_before = tiny.copy(), areas.copy()
    call = "generalize(tiny, areas, as_of=2025-06-30)"
    got = table_of(generalize(tiny, areas, as_of=pd.Timestamp("2025-06-30")), call)
    assert "dob" not in got.columns and "zip5" not in got.columns, (
        f"{call} should not keep dob or zip5: they are what we generalize away."
    )
    assert {"person", "age_band", "zip3"} <= set(got.columns), (
        f"{call} should keep the other columns (here `person`) and add age_band and zip3; it "
        f"has {list(got.columns)}."
    )
    assert sorted(got.index) == list(range(60, 72)), (
        f"{call} should keep every row with its index label (60 to 71); got "
        f"{sorted(got.index)}. No reset_index()."
    )
    band = dict(zip(got["person"], got["age_band"].astype(str)))
    want = {"P1": "18-29", "P2": "under 18", "P3": "18-29", "P4": "30-39", "P5": "30-39",
            "P6": "40-49", "P7": "40-49", "P8": "50-59", "P9": "50-59", "P10": "60 and over",
            "P11": "60 and over", "P12": "under 18"}
    assert band["P1"] == "18-29" and band["P2"] == "under 18", (
        "P1 turns 18 on 2025-06-30 (band '18-29') and P2 is still 17 (band 'under 18'); got "
        f"{band['P1']!r} and {band['P2']!r}. Use age_on(people['dob'], as_of)."
    )
    wrong = {p: (band[p], w) for p, w in want.items() if band[p] != w}
    assert not wrong, (
        "Some ages are in the wrong band (person: (got, expected)): "
        f"{dict(list(wrong.items())[:3])}. The bands end at 17, 29, 39, 49, 59: 29 is '18-29', "
        "30 is '30-39'."
    )
    zips = dict(zip(got["person"], got["zip3"]))
    assert zips["P1"] == "001" and zips["P2"] == "002", (
        "Areas with more than 20,000 people keep their three digits: '00112' gives '001' and "
        f"'00201' (area 002, 20,001 people) gives '002'; got {zips['P1']!r} and {zips['P2']!r}."
    )
    assert zips["P3"] == "000", (
        "Area 003 has exactly 20,000 people: 20,000 or fewer becomes '000' (keep only areas "
        f"with MORE than 20,000); got {zips['P3']!r}."
    )
    assert zips["P4"] == "000", f"Area 004 has 9,610 people: expected '000', got {zips['P4']!r}."
    assert zips["P5"] == "000", (
        f"Area 005 is not in zip3_population at all: expected '000', got {zips['P5']!r}."
    )
    later = generalize(tiny, areas, as_of=pd.Timestamp("2025-07-01"))
    assert dict(zip(later["person"], later["age_band"].astype(str)))["P2"] == "18-29", (
        "On 2025-07-01 P2 turns 18: use the argument as_of, not AS_OF."
    )
    unchanged(before, tiny, "generalize", "Build a new table (drop(columns=...) and assign "
              "return new ones); do not change `people` itself.")
    unchanged(areas_before, areas, "generalize (its zip3_population)")
    print("Visible tests passed: generalize makes age bands and safe ZIP3 areas.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/public_roll.csv", dtype={"zip5": str})
    pops = pd.read_csv("data/cases/zip3_population.csv", dtype={"zip3": str})
    got = generalize(full, pops, as_of=pd.Timestamp("2025-06-30"))
    big = set(pops.loc[pops["population"] > 20_000, "zip3"])
    want_zip = full["zip5"].str[:3].where(full["zip5"].str[:3].isin(big), "000")
    assert (got["zip3"] == want_zip).all(), "On the public roll some zip3 values are wrong."
    born = pd.to_datetime(full["dob"])
    age = 2025 - born.dt.year - ((born.dt.month * 100 + born.dt.day) > 630).astype(int)
    edges = [(17, "under 18"), (29, "18-29"), (39, "30-39"), (49, "40-49"), (59, "50-59")]
    want_band = [next((name for top, name in edges if a <= top), "60 and over") for a in age]
    assert list(got["age_band"].astype(str)) == want_band, (
        "On the public roll some age bands are wrong."
    )
    ### END HIDDEN TESTS


_check_de4_generalize()
del _check_de4_generalize

# %% [markdown]
# ### Worked example: equivalence classes
#
# `groupby(...).size()` counts the rows of each combination. One detail matters: by default
# `groupby` **drops rows whose key is missing**. A person whose nationality is not recorded still
# exists, and a group of them can be tiny; `dropna=False` keeps them as a group of their own.

# %%
released = generalize(people, zip3_population)       # one row per person
classes = released.groupby(["sex", "age_band", "zip3"], dropna=False).size()
print(f"{len(classes)} classes; the smallest class size is {classes.min()}, "
      f"{(classes == 1).sum()} classes have a single person.")
classes.sort_values().head(8)

# %% [markdown]
# ### Exercise DE-4.2 (2 points): `k_anonymity`
#
# Write `k_anonymity(table, quasi)`. `quasi` is a list of column names. Return the size of the
# **smallest** equivalence class (the k of the table) as a whole number. Rows with a missing
# value in a quasi-identifier form classes of their own: do not drop them.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de4_k_anonymity", "schema_version": 3}
def k_anonymity(table, quasi):
    """Return the size of the smallest class of rows with the same values in `quasi`."""
    ### BEGIN SOLUTION
    return int(table.groupby(quasi, dropna=False).size().min())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de4_k_anonymity_tests", "schema_version": 3}
def _check_de4_k_anonymity():
    """Check that k_anonymity returns the smallest class size, missing values included."""
    import numpy as np
    import pandas as pd
    from course_checks import unchanged

    tiny = pd.DataFrame({
        "sex": ["F", "F", "F", "M", "M", "F", "F", "M", "M", "M"],
        "band": ["18-29", "18-29", "18-29", "30-39", "30-39", "30-39", "30-39", "30-39",
                 "18-29", "18-29"],
        "nationality": ["Arvenia", "Arvenia", "Arvenia", "Esteria", "Esteria", "Esteria",
                        "Esteria", "Esteria", np.nan, "Esteria"],
    })
    before = tiny.copy()
    got = k_anonymity(tiny, ["sex", "band"])
    assert got is not None and np.isscalar(got), (
        f"k_anonymity should return one whole number (the smallest class size); got {got!r}."
    )
    assert got == 2, (
        "Grouped by sex and band the classes have 3, 3, 2 and 2 rows (F 18-29, M 30-39, F 30-39, "
        f"M 18-29), so k is 2; got {got}. Take the smallest size, .min()."
    )
    assert k_anonymity(tiny, ["sex"]) == 5, (
        f"Grouped by sex alone (5 F, 5 M), k is 5; got {k_anonymity(tiny, ['sex'])}. Use the "
        "columns in `quasi`."
    )
    with_missing = k_anonymity(tiny, ["sex", "nationality"])
    assert with_missing == 1, (
        "Grouped by sex and nationality, the M row with a missing nationality is a class of 1, "
        f"the smallest; got {with_missing}. Keep missing values as a group: "
        "groupby(quasi, dropna=False)."
    )
    unchanged(before, tiny, "k_anonymity")
    print("Visible tests passed: k_anonymity finds the smallest class.")

    ### BEGIN HIDDEN TESTS
    one = pd.DataFrame({"sex": ["F", "F", "M"], "nationality": ["A", "A", np.nan]})
    assert k_anonymity(one, ["sex", "nationality"]) == 1, (
        "A single row with a missing nationality is a class of 1."
    )
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for quasi in [["sex", "zip5"], ["nationality", "sex"], ["immigration_category", "sex"]]:
        want = int(full.groupby(quasi, dropna=False).size().min())
        assert k_anonymity(full, quasi) == want, (
            f"On the task force's records with quasi={quasi}, expected k={want}."
        )
    ### END HIDDEN TESTS


_check_de4_k_anonymity()
del _check_de4_k_anonymity

# %% [markdown]
# ### Worked example: which rows stop a table from being k-anonymous
#
# `transform("size")` gives every row the size of its own class, so rows can be compared with
# k one by one.

# %%
QUASI = ["nationality", "sex", "age_band", "zip3"]
class_size = released.groupby(QUASI, dropna=False)["record_id"].transform("size")
print(f"k = {class_size.min()}; {(class_size < 11).sum()} of {len(released)} rows are in "
      "classes smaller than CTDC's k = 11.")

# %% [markdown]
# ### Exercise DE-4.3 (2 points): `enforce_k`
#
# Write `enforce_k(table, quasi, k)`. Return a pair `(kept, n_suppressed)`: `kept` holds the rows
# of `table` whose class (rows with the same values in `quasi`, missing values a class of their
# own) has **at least k** rows, with their index labels; `n_suppressed` is how many rows were
# left out. Do not change `table` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de4_enforce_k", "schema_version": 3}
def enforce_k(table, quasi, k):
    """Return (rows in classes of at least k rows, number of rows left out)."""
    ### BEGIN SOLUTION
    sizes = table.groupby(quasi, dropna=False).transform("size")
    keep = sizes >= k
    return table[keep], int((~keep).sum())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de4_enforce_k_tests", "schema_version": 3}
def _check_de4_enforce_k():
    """Check that enforce_k keeps classes of at least k rows and counts the rest."""
    import numpy as np
    import pandas as pd
    from course_checks import unchanged

    tiny = pd.DataFrame({
        "row": ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
        "nationality": ["Arvenia", "Arvenia", "Arvenia", "Esteria", "Esteria", np.nan, np.nan,
                        np.nan, "Hollin"],
        "sex": ["F", "F", "F", "M", "M", "F", "F", "F", "M"],
    })
    tiny.index = range(30, 39)
    before = tiny.copy()
    result = enforce_k(tiny, ["nationality", "sex"], 3)
    assert isinstance(result, tuple) and len(result) == 2, (
        "enforce_k should return a pair: (kept_rows, n_suppressed), e.g. "
        f"`return kept, n`; got {type(result).__name__}."
    )
    kept, n = result
    rows = set(kept["row"])
    assert {"a", "b", "c"} <= rows, (
        "The class Arvenia/F has exactly 3 rows: with k=3 it is kept (at least k)."
    )
    assert {"f", "g", "h"} <= rows, (
        "The three F rows with a missing nationality are a class of 3 and are kept: group with "
        "dropna=False."
    )
    assert not rows & {"d", "e", "i"}, (
        "Esteria/M (2 rows) and Hollin/M (1 row) are smaller than k=3 and must be left out; "
        f"kept {sorted(rows & {'d', 'e', 'i'})}."
    )
    assert n == 3, f"3 rows are left out (d, e, i); n_suppressed is {n}."
    assert sorted(kept.index) == [30, 31, 32, 35, 36, 37], (
        "Keep the index labels of the rows you keep (no reset_index); got "
        f"{sorted(kept.index)}."
    )
    kept2, n2 = enforce_k(tiny, ["nationality", "sex"], 2)
    assert set(kept2["row"]) == set("abcdefgh") and n2 == 1, (
        "With k=2 only Hollin/M (1 row) is left out: use the argument k."
    )
    unchanged(before, tiny, "enforce_k", "Select the rows into a new table.")
    print("Visible tests passed: enforce_k suppresses the small classes.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for quasi, k in [(["nationality", "sex"], 11), (["immigration_category", "sex"], 5)]:
        sizes = full.groupby(quasi, dropna=False)["record_id"].transform("size")
        kept, n = enforce_k(full, quasi, k)
        assert set(kept["record_id"]) == set(full.loc[sizes >= k, "record_id"]), (
            f"On the task force's records with quasi={quasi} and k={k}, the wrong rows were kept."
        )
        assert n == int((sizes < k).sum()), f"With quasi={quasi} and k={k}, n is wrong."
    ### END HIDDEN TESTS


_check_de4_enforce_k()
del _check_de4_enforce_k

# %% [markdown]
# ### l-diversity: when everyone in a class shares the secret
#
# k-anonymity hides *who* a person is among k others. It does not hide *what* is true of them if
# everyone in the class has the same sensitive value: knowing that a man of a given nationality,
# age band and area is in the table tells you his immigration status when all k of them share
# it (a **homogeneity attack**). Machanavajjhala and colleagues (*l-Diversity: Privacy Beyond
# k-Anonymity*, 2006) proposed **l-diversity**: every class holds at least l different
# sensitive values. The smallest number of different values in any class is the table's l.
#
# ### Exercise DE-4.4 (2 points): `l_diversity`
#
# Write `l_diversity(table, quasi, sensitive)`. Group the rows by `quasi` (missing values a class
# of their own), count the **different** values of the column `sensitive` in each class (a
# missing sensitive value counts as one value of its own), and return the **smallest** count as a
# whole number. *Hint:* `nunique(dropna=False)`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de4_l_diversity", "schema_version": 3}
def l_diversity(table, quasi, sensitive):
    """Return the smallest number of different `sensitive` values in any class of `quasi`."""
    ### BEGIN SOLUTION
    per_class = table.groupby(quasi, dropna=False)[sensitive].nunique(dropna=False)
    return int(per_class.min())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de4_l_diversity_tests", "schema_version": 3}
def _check_de4_l_diversity():
    """Check that l_diversity counts different sensitive values in the least diverse class."""
    import numpy as np
    import pandas as pd
    from course_checks import unchanged

    tiny = pd.DataFrame({
        "group": ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
        "sex": ["F"] * 9,
        "status": ["pending", "approved", "pending", "none", "denied", "pending", "pending",
                   np.nan, "pending"],
    })
    before = tiny.copy()
    got = l_diversity(tiny, ["group", "sex"], "status")
    assert got is not None and np.isscalar(got), (
        f"l_diversity should return one whole number; got {got!r}."
    )
    assert got == 2, (
        "Class A has 2 different statuses (pending, approved: pending twice counts once), B has "
        "3, C has 2 (pending and a missing value, which counts as a value of its own): l is 2; "
        f"got {got}. Count different values (nunique(dropna=False)), not rows."
    )
    homogeneous = tiny.assign(status=["pending"] * 3 + list(tiny["status"][3:]))
    assert l_diversity(homogeneous, ["group", "sex"], "status") == 1, (
        "When every row of class A has the status 'pending', l is 1 (a homogeneous class)."
    )
    assert l_diversity(tiny, ["sex"], "status") == 5, (
        "Grouped by sex alone there is one class with 5 different values (pending, approved, "
        "none, denied and missing): l is 5. Use the columns in `quasi`."
    )
    missing_key = pd.DataFrame({"group": ["A", "A", np.nan], "s": ["x", "y", "x"]})
    assert l_diversity(missing_key, ["group"], "s") == 1, (
        "A row with a missing value in `quasi` is a class of its own (here one row, 1 value), "
        "so l is 1: group with dropna=False."
    )
    unchanged(before, tiny, "l_diversity")
    print("Visible tests passed: l_diversity finds the least diverse class.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for quasi in [["nationality", "sex"], ["exploitation_type"]]:
        want = int(full.groupby(quasi, dropna=False)["t_visa_status"].nunique(dropna=False).min())
        assert l_diversity(full, quasi, "t_visa_status") == want, (
            f"On the task force's records with quasi={quasi}, expected l={want}."
        )
    ### END HIDDEN TESTS


_check_de4_l_diversity()
del _check_de4_l_diversity

# %% [markdown]
# l tells you *that* some class is homogeneous, not *which*. To fix a release you need the rows:
# the people whose sensitive value anyone can read off from their class. A class whose members
# all share a harmless value (`none`: no application) reveals little, so that value is left out.
#
# ### Exercise DE-4.5 (2 points): `revealing_rows`
#
# Write `revealing_rows(table, quasi, sensitive, harmless="none")`. Group the rows by `quasi`
# (missing values a class of their own) and return the **rows of `table`** (all its columns, its
# index, in its order) that sit in a class where every row has the **same** value of
# `sensitive` (a missing sensitive value counts as a value of its own, as in `l_diversity`; a
# class of one row is such a class) **and** that value is not `harmless`. Do not change `table`
# itself. *Hint:* `...[sensitive].transform(lambda values: values.nunique(dropna=False))` gives
# every row the number of different values in its class.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de4_revealing", "schema_version": 3}
def revealing_rows(table, quasi, sensitive, harmless="none"):
    """Return the rows in classes of `quasi` that all share one `sensitive` value, not harmless."""
    ### BEGIN SOLUTION
    classes = table.groupby(quasi, dropna=False)[sensitive]
    n_values = classes.transform(lambda values: values.nunique(dropna=False))
    return table[(n_values == 1) & (table[sensitive] != harmless)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de4_revealing_tests", "schema_version": 3}
def _check_de4_revealing():
    """Check that revealing_rows finds the rows of homogeneous classes with a telling value."""
    import numpy as np
    import pandas as pd
    from course_checks import unchanged

    tiny = pd.DataFrame({
        "nationality": ["Hollin"] * 3 + ["Arvenia"] * 3 + ["United States"] * 2 + [np.nan] * 2
        + ["Esteria"],
        "sex": ["M"] * 3 + ["F"] * 8,
        "t_visa_status": ["pending"] * 3 + ["pending", "approved", "pending"] + ["none"] * 2
        + ["denied"] * 2 + ["approved"],
    }, index=range(40, 51))
    before = tiny.copy()
    got = revealing_rows(tiny, ["nationality", "sex"], "t_visa_status")
    assert isinstance(got, pd.DataFrame), (
        f"revealing_rows should return rows of the table (a DataFrame); got {type(got).__name__}."
    )
    found = set(got.index)
    assert not found & {43, 44, 45}, (
        "The Arvenia class (rows 43-45) has two different statuses, pending and approved: it is "
        "not homogeneous. Count different values (nunique), not rows."
    )
    assert not found & {46, 47}, (
        "Rows 46 and 47 share 'none', the harmless value: leave them out (value != harmless)."
    )
    assert {40, 41, 42} <= found, (
        "Rows 40-42 (Hollin, M) all have 'pending': that class reveals an application."
    )
    assert {48, 49} <= found, (
        "Rows 48 and 49 have a missing nationality, a class of its own, and share 'denied': "
        "group with dropna=False."
    )
    assert found == {40, 41, 42, 48, 49, 50}, (
        "Expected rows 40-42, 48, 49 and 50 (Esteria: a class of one row is homogeneous too); "
        f"got {sorted(found)}."
    )
    assert list(got.columns) == list(tiny.columns) and list(got.index) == sorted(found), (
        "Return the rows with all their columns, in the table's order (filter with a mask)."
    )
    other = set(revealing_rows(tiny, ["nationality", "sex"], "t_visa_status",
                               harmless="pending").index)
    assert other == {46, 47, 48, 49, 50}, (
        f"With harmless='pending', expected rows 46-50; got {sorted(other)}. Use the argument "
        "harmless."
    )
    by_sex = set(revealing_rows(tiny, ["sex"], "t_visa_status").index)
    assert by_sex == {40, 41, 42}, (
        f"Grouped by sex alone, only the men's class (rows 40-42, all pending) is homogeneous; got "
        f"{sorted(by_sex)}. Use the columns in `quasi`."
    )
    gap = pd.DataFrame({"nationality": ["Corvath", "Corvath"], "sex": ["F", "F"],
                        "t_visa_status": ["pending", np.nan]})
    assert revealing_rows(gap, ["nationality", "sex"], "t_visa_status").empty, (
        "In the table `gap` one status is 'pending' and one is missing: a missing value counts as "
        "a value of its own (nunique(dropna=False)), so the class has two values and exposes no one."
    )
    unchanged(before, tiny, "revealing_rows", "Filter into a new table.")
    print("Visible tests passed: revealing_rows finds the people a homogeneous class exposes.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for quasi in [["nationality", "sex"], ["nationality", "sex", "zip5"], ["exploitation_type"]]:
        n_values = full.groupby(quasi, dropna=False)["t_visa_status"].transform(
            lambda values: values.nunique(dropna=False))
        want = set(full.index[(n_values == 1) & (full["t_visa_status"] != "none")])
        assert set(revealing_rows(full, quasi, "t_visa_status").index) == want, (
            f"On the task force's records with quasi={quasi}, the revealing rows differ."
        )
    ### END HIDDEN TESTS


_check_de4_revealing()
del _check_de4_revealing

# %%
# The task force's release, generalized (not graded): is it safe?
print(f"k = {k_anonymity(released, QUASI)}, "
      f"l (T-visa status) = {l_diversity(released, QUASI, 't_visa_status')}.")
safe, n_out = enforce_k(released, QUASI, 5)
print(f"Suppressing classes under 5 rows leaves out {n_out} of {len(released)} rows; "
      f"l is still {l_diversity(safe, QUASI, 't_visa_status')}.")
exposed = revealing_rows(safe, QUASI, "t_visa_status")
print(f"{len(exposed)} people sit in a class that reveals their T-visa status:")
exposed.groupby(QUASI, dropna=False)["t_visa_status"].agg(["size", "first"])

# %% [markdown]
# Most classes with one T-visa status share `none`: U.S. nationals, who need no visa, and people
# who have not applied. That reveals little, which is why `revealing_rows` leaves it out. The
# classes listed above are different: every
# person in such a class shares an application's status, in the planted class a **pending**
# application: information that 8 U.S.C. 1367 protects in federal hands, and sensitive
# whoever holds it.
# Knowing that a neighbor is in the table is enough to know it. k = 5 did not protect these
# people; l-diversity shows the problem, and
# the fix is to generalize or suppress further (drop `nationality`, say) or not to release
# immigration status at all.

# %% [markdown]
# ## DE-5 A linkage attack, and what stops it (30 min)
#
# Now be the attacker. The task force shares a "de-identified" extract: no names, but birth date,
# sex and ZIP code kept "for research". Anyone can get the public roll. Every released row whose
# combination matches **exactly one** person on the roll has its name back; a combination that
# matches two or more people, or none, does not name anyone for certain.
#
# ### Worked example: one person
#
# `merge` joins two tables on the columns they share.

# %%
KEYS = ["dob", "sex", "zip5"]
extract = people[["record_id", "exploitation_type"] + KEYS].head(5)
matched = extract.merge(roll, on=KEYS)
print(f"{matched['record_id'].nunique()} of the 5 rows matched someone on the roll; "
      f"{(matched['record_id'].value_counts() == 1).sum()} matched exactly one person.")
matched[["record_id", "roll_id"]]          # the names stay out of the notebook

# %% [markdown]
# Each row listed above matched a person on the roll: whoever runs this join has a name next to
# a kind of exploitation, which is why the notebook shows only ids and counts. (A row that
# matches no one drops out of this merge; a row that matches two people appears twice.) A unique
# match is not always a correct one: a different person can share the combination while the
# real one is not on the roll. Either way, run an attack like this only on your own planned
# release, with authorization, to decide whether to publish it.
#
# ### Exercise DE-5.1 (3 points): `reidentify`
#
# Write `reidentify(released, roll, keys)`. For every row of `released`, count the rows of `roll`
# with the same values in all the columns `keys`. Return the **share** of the rows of `released`
# (a number from 0 to 1) that match **exactly one** roll row. A released row that matches no
# one, or several people, is not re-identified, but it still counts in the total. Do not change
# either table.
#
# *Hint:* `roll.groupby(keys).size()` counts the roll's rows per combination;
# `released.join(counts.rename("n"), on=keys)` puts each count next to the released rows
# (a missing count means no match), as `merge` with `how="left"` would.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de5_reidentify", "schema_version": 3}
def reidentify(released, roll, keys):
    """Return the share of released rows that match exactly one roll row on `keys`."""
    ### BEGIN SOLUTION
    counts = roll.groupby(keys).size()
    matches = released.join(counts.rename("n_roll"), on=keys)["n_roll"]
    return float((matches == 1).mean())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "de5_reidentify_tests", "schema_version": 3}
def _check_de5_reidentify():
    """Check that reidentify counts released rows matching exactly one roll row, over all rows."""
    import numpy as np
    import pandas as pd
    from course_checks import unchanged

    released = pd.DataFrame({
        "dob": ["1990-01-01", "1990-01-01", "1985-05-05", "1970-07-07", "2000-02-02"],
        "sex": ["F", "M", "F", "F", "M"],
        "zip5": ["00112", "00112", "00201", "00305", "00410"],
        "service": ["shelter", "legal", "legal", "medical", "shelter"],
    })
    roll = pd.DataFrame({
        "full_name": ["Ana Lumet", "Ben Orrick", "Cora Vantel", "Dina Vantel", "Eli Brask",
                      "Fay Corrin"],
        "dob": ["1990-01-01", "1990-01-01", "1985-05-05", "1985-05-05", "2000-02-02",
                "1970-07-07"],
        "sex": ["F", "M", "F", "F", "M", "F"],
        "zip5": ["00112", "00112", "00201", "00201", "00410", "00399"],
    })
    released.index = [9, 4, 7, 1, 3]
    released_before, roll_before = released.copy(), roll.copy()
    got = reidentify(released, roll, ["dob", "sex", "zip5"])
    assert got is not None and np.isscalar(got), (
        f"reidentify should return one number, a share from 0 to 1; got {got!r}."
    )
    assert not np.isclose(got, 3), (
        "reidentify returned 3, the number of re-identified rows: return the share, 3 of 5."
    )
    assert not np.isclose(got, 1.0), (
        "Not every row is re-identified: the third released row matches two people (Cora and "
        "Dina Vantel) and the fourth matches no one. Count only rows with exactly one match."
    )
    assert not np.isclose(got, 0.75), (
        "Got 0.75 = 3 of 4: the released row that matches no one (1970-07-07, F, 00305) still "
        "counts in the total. Divide by all the rows of `released`."
    )
    assert np.isclose(got, 0.6), (
        "Rows 1, 2 and 5 of `released` each match exactly one roll row; row 3 matches two, row 4 "
        f"none: expected 3 of 5 = 0.6; got {got}."
    )
    coarse = reidentify(released, roll, ["sex", "zip5"])
    assert np.isclose(coarse, 0.6), (
        "With keys=['sex', 'zip5'] expected 0.6 again; use the argument keys."
    )
    fewer = reidentify(released, roll, ["dob"])
    assert np.isclose(fewer, 0.4), (
        "With keys=['dob'] only 1970-07-07 and 2000-02-02 match exactly one roll row: expected "
        f"0.4; got {fewer}."
    )
    unchanged(released_before, released, "reidentify")
    unchanged(roll_before, roll, "reidentify")
    print("Visible tests passed: reidentify measures the share re-identified.")

    ### BEGIN HIDDEN TESTS
    records = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    public = pd.read_csv("data/cases/public_roll.csv", dtype={"zip5": str})
    for keys in [["dob", "sex", "zip5"], ["dob", "zip5"], ["sex", "zip5"]]:
        counts = public.groupby(keys).size().rename("n").reset_index()
        linked = records[keys].merge(counts, on=keys, how="left")
        want = float((linked["n"] == 1).mean())
        got = reidentify(records, public, keys)
        assert np.isclose(got, want), (
            f"On the task force's records against the public roll with keys={keys}, expected "
            f"{want:.3f}; got {got}."
        )
    ### END HIDDEN TESTS


_check_de5_reidentify()
del _check_de5_reidentify

# %% [markdown]
# ### Worked example: how much generalization is enough?
#
# We run the attack at five levels of detail, from the full birth date and ZIP code to the
# 10-year band and ZIP3 of DE-4. The attacker generalizes the public roll the same way.

# %%
def coarsen(people, level):
    """The quasi-identifiers of `people` at one level of detail (0 = full detail)."""
    born = pd.to_datetime(people["dob"])
    out = pd.DataFrame({"sex": people["sex"]}, index=people.index)
    if level == 0:
        out["birth"], out["area"] = people["dob"], people["zip5"]
    elif level == 1:
        out["birth"], out["area"] = born.dt.to_period("M").astype(str), people["zip5"]
    elif level == 2:
        out["birth"], out["area"] = born.dt.year.astype(str), people["zip5"]
    elif level == 3:
        out["birth"], out["area"] = born.dt.year.astype(str), people["zip5"].str[:3]
    else:
        out["birth"] = generalize(people, zip3_population)["age_band"]
        out["area"] = generalize(people, zip3_population)["zip3"]
    return out


LEVELS = ["birth date, ZIP5", "birth month, ZIP5", "birth year, ZIP5", "birth year, ZIP3",
          "age band, ZIP3 (DE-4)"]
rates = [reidentify(coarsen(people, level), coarsen(roll, level), ["sex", "birth", "area"])
         for level in range(len(LEVELS))]

fig, ax = plt.subplots(figsize=(8, 4))
ax.bar(LEVELS, [100 * r for r in rates], color=COLORS[0], edgecolor="black", hatch="//")
for x, r in enumerate(rates):
    ax.text(x, 100 * r + 1, f"{100 * r:.0f}%", ha="center")
ax.set_title("People in the release re-identified against the public roll (with sex)")
ax.set_xlabel("Detail kept in the release")
ax.set_ylabel("People re-identified (%)")
ax.set_ylim(0, 100)
ax.tick_params(axis="x", labelrotation=15)
fig.tight_layout()
plt.show()
print("Figure description: bar chart of the share of the people in the task force's records "
      "who match exactly one person on the public roll, at five levels of detail: "
      + "; ".join(f"{name} {100 * r:.0f}%" for name, r in zip(LEVELS, rates)) + ".")

# %% [markdown]
# Read the chart from left to right: each step of generalization removes names the attacker
# could put back. The price is detail an analyst loses (exact ages, exact places); DE-6 adds the
# other tools for published numbers. Note also what the attack needed: no hacking, only a public
# list and a table someone thought was anonymous.

# %% [markdown]
# ## DE-6 Publishing counts: small cells and noise (89 min)
#
# A task force's annual report publishes tables, not records. A table can still expose a person:
# a cell that says **1** Kestravian man received shelter in a small county names him to anyone who
# knows him. Two protections:
#
# **Small-cell suppression.** Cells with a count from 1 to a threshold are not shown. The U.S.
# Centers for Medicare & Medicaid Services, for example, do not allow a published cell of 1 to 10,
# nor any cell from which such a value can be worked out (ResDAC, *CMS Cell Size Suppression
# Policy*). Zeros may be shown. The second half of that rule matters: if a row's total is
# published and only **one** cell of the row is hidden, subtraction gives it back. So a second,
# **complementary** cell is hidden in every row and column that has exactly one hidden cell.
#
# **Noise.** Differential privacy adds random noise to each count. In a table of people (one row
# per person, as `people` is), a count changes by at most 1 when one person is added or removed,
# so noise drawn from a **Laplace** distribution with scale 1/ε hides any one person. (That 1 is
# the *sensitivity*: in a table of records it is the most records any one person has, and the
# scale must be that number divided by ε.) ε ("epsilon") is the privacy budget: smaller ε, more
# noise, more privacy. About 95% of the noise values are within ln(20)/ε ≈ 3/ε of zero: ±30 at ε = 0.1, ±3 at
# ε = 1 (Dwork and Roth, *The Algorithmic Foundations of Differential Privacy*, 2014, section 3.3).
# Every published number spends some budget, and the budgets **add up**: two tables at ε = 1 each
# cost ε = 2 in all. Fresh noise must be drawn for every cell; reusing one noise value lets a
# reader subtract it. Fresh noise for the *same* table released again is no better: a reader
# averages the releases and the noise cancels out. So publish a table once and reuse that noisy
# release, and count the budget per release. Totals cost nothing more only when they are added
# up from the noisy cells; a total noised on its own spends its own ε. Cells of one table that no person can be in twice
# (each person is counted in one cell) share one ε between them. Suppression has its own gaps: a
# hidden cell with only zeros beside it in its row is recovered from the row's total, so that
# total must be hidden too, and narrow ranges can often be worked out from the totals.
#
# ### Worked example: the table to publish, and its small cells

# %%
table = pd.crosstab(people["nationality"], people["exploitation_type"])      # people, not records
small = (table >= 1) & (table < 11)
print(f"{int(small.sum().sum())} of {table.size} cells hold 1 to 10 people.")
table.astype(str).where(~small, table.astype(str) + " *")     # * marks a small cell

# %% [markdown]
# The cells marked `*` must go. Hiding them alone is not enough: in every row or column where only
# **one** cell is hidden, its total gives it back. `row[row > 0].idxmin()` finds the label of the
# smallest non-zero value of a row, the cheapest second cell to hide.
#
# ### Exercise DE-6.1 (3 points): `suppress_table`
#
# Write `suppress_table(counts, threshold=11)`. `counts` is a table of whole numbers (rows and
# columns are categories; their totals are published too). Return a **new table of the same
# shape and labels** in which hidden cells are missing (`np.nan`), and the other cells keep their
# counts:
#
# 1. **Primary:** hide every cell with a count of at least 1 and less than `threshold`. Zeros stay.
# 2. **Complementary:** then, for every row that has **exactly one** hidden cell, also hide the
#    smallest visible cell of that row that is not zero (the first one, if two are equally
#    small); do the same for every column. Repeat rows then columns until no row and no column
#    has exactly one hidden cell. (If a row has no visible non-zero cell left, leave it: its
#    total must then be hidden instead when the table is published.)
#
# Do not change `counts` itself. *Hint:* `counts.astype(float)` makes a copy that can hold
# `np.nan`; `table.mask(condition)` hides the cells where the condition is True; `row.isna().sum()`
# counts the hidden cells of a row; `out.loc[label, column] = np.nan` hides one cell.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de6_suppress", "schema_version": 3}
def suppress_table(counts, threshold=11):
    """Return `counts` with small cells and their complementary cells hidden (NaN)."""
    ### BEGIN SOLUTION
    out = counts.astype(float).mask((counts >= 1) & (counts < threshold))
    changed = True
    while changed:
        changed = False
        for label in out.index:
            row = out.loc[label]
            if row.isna().sum() == 1 and (row > 0).any():
                out.loc[label, row[row > 0].idxmin()] = np.nan
                changed = True
        for column in out.columns:
            col = out[column]
            if col.isna().sum() == 1 and (col > 0).any():
                out.loc[col[col > 0].idxmin(), column] = np.nan
                changed = True
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "de6_suppress_tests", "schema_version": 3}
def _check_de6_suppress():
    """Check primary and complementary suppression: no hidden cell recoverable by subtraction."""
    import pandas as pd
    from course_checks import table_of, unchanged

    counts = pd.DataFrame({"a": [40, 3, 25, 30], "b": [30, 12, 13, 15], "c": [11, 14, 18, 27],
                           "d": [22, 0, 16, 19]}, index=["r1", "r2", "r3", "r4"])
    before = counts.copy()
    got = table_of(suppress_table(counts), "suppress_table(counts)")
    assert got.shape == counts.shape and list(got.index) == list(counts.index) and \
        list(got.columns) == list(counts.columns), (
            "suppress_table should return a table with the same rows and columns as `counts`."
        )
    hidden = got.isna()
    assert hidden.loc["r2", "a"], "r2/a (3) is at least 1 and below 11: it must be hidden (NaN)."
    assert not hidden.loc["r1", "c"], (
        "r1/c is exactly 11, the threshold: it is not below 11 and stays visible."
    )
    assert not hidden.loc["r2", "d"], (
        "r2/d is 0: zeros stay visible, and a zero is never the complementary cell (hiding it "
        "protects nothing)."
    )
    for name, lines in [("row", got.isna().sum(axis=1)), ("column", got.isna().sum(axis=0))]:
        alone = list(lines[lines == 1].index)
        assert not alone, (
            f"The {name}(s) {alone} have exactly one hidden cell, which its total gives back by "
            "subtraction: hide a second (complementary) cell there."
        )
    want = {("r2", "a"), ("r2", "b"), ("r3", "a"), ("r3", "b")}
    got_hidden = {(r, c) for r in got.index for c in got.columns if pd.isna(got.loc[r, c])}
    assert got_hidden == want, (
        "Expected hidden: r2/a (3, primary); r2/b (12, the smallest non-zero visible cell of row "
        "r2); r3/a (25, the smallest non-zero left in column a); r3/b (13, the smallest in column "
        f"b). Got hidden: {sorted(got_hidden)}."
    )
    assert ((got == counts) | got.isna()).all().all(), (
        "The cells you did not hide must keep their counts."
    )
    ones = pd.DataFrame({"x": [1, 25, 30], "y": [20, 40, 45], "z": [30, 35, 50]})
    got_ones = {(r, c) for r in ones.index for c in ones.columns
                if pd.isna(suppress_table(ones).loc[r, c])}
    assert got_ones == {(0, "x"), (0, "y"), (1, "x"), (1, "y")}, (
        "A count of 1 is a small cell too (at least 1): in the table `ones`, expected 0/x (1), "
        f"0/y, 1/x and 1/y hidden; got {sorted(got_ones)}."
    )
    cascade = pd.DataFrame({"labor": [40, 3, 25, 0], "sexual": [30, 12, 11, 15],
                            "both": [20, 14, 18, 10], "unknown": [0, 22, 16, 19]},
                           index=["north", "south", "east", "west"])
    got_cascade = suppress_table(cascade)
    got_hidden = {(r, c) for r in cascade.index for c in cascade.columns
                  if pd.isna(got_cascade.loc[r, c])}
    want = {("south", "labor"), ("west", "both"), ("south", "sexual"), ("west", "sexual"),
            ("east", "labor"), ("south", "both"), ("east", "sexual")}
    assert got_hidden == want, (
        "In the table `cascade`, hiding complements creates new rows and columns with one hidden "
        "cell: repeat until there are none. Column labor's complement is east (25), not the "
        "zero of west. Expected hidden: south/labor, west/both (primary); south/sexual, "
        "west/sexual (rows); east/labor, south/both (columns); east/sexual (row east, second "
        f"round). Got: {sorted(got_hidden)}."
    )
    lonely = pd.DataFrame({"x": [4, 20, 30], "y": [0, 25, 35], "z": [0, 28, 40]})
    try:
        got_lonely = suppress_table(lonely)
    except ValueError as error:
        raise AssertionError(
            "In the table `lonely`, row 0 has one hidden cell (4) and only zeros besides: there "
            "is no non-zero cell to hide, so leave that row (check first that one exists). "
            f"The error was: {error}"
        ) from error
    got_hidden = {(r, c) for r in lonely.index for c in lonely.columns
                  if pd.isna(got_lonely.loc[r, c])}
    assert got_hidden == {(0, "x"), (1, "x"), (1, "y"), (2, "x"), (2, "y")}, (
        "In the table `lonely`, expected hidden 0/x (4), then 1/x, 1/y, 2/y and 2/x as "
        f"complements (never a zero); got {sorted(got_hidden)}."
    )
    try:
        got_turned = suppress_table(lonely.T)
    except ValueError as error:
        raise AssertionError(
            "In the table `lonely.T` (lonely turned on its side), column 0 has one hidden cell (4) "
            "and only zeros besides: leave that column (check first that a non-zero cell exists). "
            f"The error was: {error}"
        ) from error
    got_hidden = {(c, r) for r in got_turned.index for c in got_turned.columns
                  if pd.isna(got_turned.loc[r, c])}
    assert got_hidden == {(0, "x"), (1, "x"), (1, "y"), (2, "x"), (2, "y")}, (
        "In `lonely.T` the same cells as in `lonely` should be hidden (turned on its side): "
        "columns follow the same rule as rows, and a zero is never a complement."
    )
    lower = suppress_table(counts, threshold=3)
    assert lower.isna().sum().sum() == 0, (
        "With threshold=3 no cell is below 3 and at least 1, so nothing is hidden: use the "
        "argument threshold."
    )
    unchanged(before, counts, "suppress_table", "Work on counts.astype(float), a copy.")
    print("Visible tests passed: suppress_table hides small cells and their complements.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for rows, columns in [("nationality", "exploitation_type"), ("industry", "record_type")]:
        ct = pd.crosstab(full[rows], full[columns])
        got = suppress_table(ct)
        small = (ct >= 1) & (ct < 11)
        assert got.isna()[small].all().all(), f"Not every small cell of {rows} x {columns} is hidden."
        for lines in (got, got.T):
            for label, line in lines.iterrows():
                assert line.isna().sum() != 1 or (line.fillna(0) == 0).all(), (
                    f"In the {rows} x {columns} table, {label} has exactly one hidden cell and a "
                    "visible non-zero cell that could hide it."
                )
        assert ((got == ct) | got.isna()).all().all(), "Visible counts changed."
    ### END HIDDEN TESTS


_check_de6_suppress()
del _check_de6_suppress

# %%
# The task force's table, suppressed (not graded). Which totals must be hidden as well?
published = suppress_table(table)
rows_alone = [label for label, line in published.iterrows() if line.isna().sum() == 1]
columns_alone = [label for label, line in published.T.iterrows() if line.isna().sum() == 1]
print(f"{int(published.isna().sum().sum())} of {published.size} cells hidden. Row totals to hide "
      f"too: {rows_alone or 'none'}; column totals: {columns_alone or 'none'}.")

# %% [markdown]
# ### Worked example: one noisy count
#
# numpy's random generator draws Laplace noise: `rng.laplace(0, scale)`. With a seed, the same
# draws come back each time the notebook runs.

# %%
rng = np.random.default_rng(2025)
true_count = int(table.loc["Belmora", "labor"])
for epsilon in [0.1, 1, 4]:
    draws = true_count + rng.laplace(0, 1 / epsilon, size=5)
    print(f"epsilon {epsilon:>3}: true {true_count}, published {np.round(draws, 1)}")

# %% [markdown]
# ### Exercise DE-6.2 (2 points): `noisy_table`
#
# Write `noisy_table(counts, epsilon, rng)`. Return a new table of the same shape and labels as
# `counts`, each cell its count **plus its own fresh draw** of Laplace noise with location 0 and
# scale `1 / epsilon`, drawn from the generator `rng` (`rng.laplace(0, 1 / epsilon, size=...)`)
# and from nothing else: two generators made with the same seed must give the same table (so a
# release can be reproduced and checked), and each new call on one generator gives new noise.
# Do not round. Do not change `counts` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de6_noisy", "schema_version": 3}
def noisy_table(counts, epsilon, rng):
    """Return `counts` plus fresh Laplace noise of scale 1/epsilon in every cell."""
    ### BEGIN SOLUTION
    noise = rng.laplace(0, 1 / epsilon, size=counts.shape)
    return counts + noise
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de6_noisy_tests", "schema_version": 3}
def _check_de6_noisy():
    """Check that noisy_table adds fresh, centered Laplace noise of scale 1/epsilon to each cell."""
    import numpy as np
    import pandas as pd
    from course_checks import table_of, unchanged

    counts = pd.DataFrame(np.full((100, 40), 50), index=[f"r{i}" for i in range(100)],
                          columns=[f"c{j}" for j in range(40)])
    before = counts.copy()
    got = table_of(noisy_table(counts, 0.5, np.random.default_rng(1)), "noisy_table(counts, 0.5, rng)")
    assert got.shape == counts.shape and list(got.index) == list(counts.index) and \
        list(got.columns) == list(counts.columns), (
            "noisy_table should return a table with the same rows and columns as `counts`."
        )
    noise = (got - counts).to_numpy(dtype=float)
    assert len(np.unique(np.round(noise, 9))) > 0.99 * noise.size, (
        "Every cell needs its own fresh noise: draw one value per cell (size=counts.shape), not "
        "one value for the whole table or one per row."
    )
    assert not np.allclose(noise, np.round(noise)), "Do not round the noisy counts."
    assert abs(noise.mean()) < 0.15, (
        f"The noise should be centered on 0 (location 0); its mean is {noise.mean():.2f}."
    )
    spread = np.abs(noise).mean()
    assert 1.8 < spread < 2.2, (
        "With epsilon=0.5 the noise should have scale 1/epsilon = 2 (mean absolute value about "
        f"2); it is {spread:.2f}. Use rng.laplace(0, 1 / epsilon, ...)."
    )
    again = noisy_table(counts, 4, np.random.default_rng(1)) - counts
    assert 0.22 < np.abs(again.to_numpy(dtype=float)).mean() < 0.28, (
        "With epsilon=4 the noise should have scale 0.25: use the argument epsilon."
    )
    rng = np.random.default_rng(5)
    first, second = noisy_table(counts, 1, rng), noisy_table(counts, 1, rng)
    assert not np.allclose(first.to_numpy(dtype=float), second.to_numpy(dtype=float)), (
        "Two releases drawn from the same generator got the same noise: draw from `rng` each time "
        "(never a fixed seed inside the function)."
    )
    same_a = noisy_table(counts, 1, np.random.default_rng(11)).to_numpy(dtype=float)
    same_b = noisy_table(counts, 1, np.random.default_rng(11)).to_numpy(dtype=float)
    assert np.array_equal(same_a, same_b), (
        "Two generators made with the same seed, np.random.default_rng(11), gave different "
        "tables: draw the noise only from the `rng` you are given (not np.random.laplace, the "
        "random module or a new default_rng() inside the function), so a release can be "
        "reproduced."
    )
    unchanged(before, counts, "noisy_table", "Return counts + noise, a new table.")
    print("Visible tests passed: noisy_table adds fresh Laplace noise, reproducible with a seed.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    ct = pd.crosstab(full["nationality"], full["exploitation_type"])
    got = noisy_table(ct, 1, np.random.default_rng(3))
    assert got.shape == ct.shape and not np.allclose(got.to_numpy(dtype=float), ct.to_numpy()), (
        "On the task force's table, noisy_table should return noisy counts of the same shape."
    )
    ### END HIDDEN TESTS


_check_de6_noisy()
del _check_de6_noisy

# %% [markdown]
# ### Worked example: error against privacy
#
# How far off are the published counts at each ε? We release the table 200 times at each ε and
# measure the average absolute error of a cell.

# %%
EPSILONS = [0.1, 0.25, 0.5, 1, 2, 4]
rng = np.random.default_rng(7)
errors = [np.mean([np.abs(noisy_table(table, eps, rng) - table).to_numpy().mean()
                   for _ in range(200)]) for eps in EPSILONS]

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(EPSILONS, errors, color=COLORS[0], marker="o", linestyle="-", label="measured")
ax.plot(EPSILONS, [1 / e for e in EPSILONS], color=COLORS[1], marker="s", linestyle="--",
        label="expected, 1/epsilon")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_title("Average error of a published count against the privacy budget")
ax.set_xlabel("epsilon (log scale; smaller = more privacy)")
ax.set_ylabel("Mean absolute error (people, log scale)")
ax.legend()
fig.tight_layout()
plt.show()
print("Figure description: line chart, both axes on a log scale, of the mean absolute error of "
      "a cell at each epsilon: " + "; ".join(f"epsilon {e}: {err:.2f}" for e, err
                                               in zip(EPSILONS, errors))
      + ". The measured line lies on the expected 1/epsilon.")
print(f"Three tables at epsilon = 1 each spend a total budget of {3 * 1}.")

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "de6_release_memo", "schema_version": 3}
# ### Exercise DE-6.3 (written, 4 points): a release memo
#
# The task force publishes one table a year: people identified by nationality and kind of
# exploitation. In 150 to 250 words, recommend **either** small-cell suppression (which
# threshold) **or** Laplace noise (which ε, and the total over the report's tables), and justify
# it with numbers from this notebook (how many cells your choice hides, or the error at your ε)
# and from practice: CTDC releases with k = 11; Microsoft's Synthetic Data Showcase, used for
# CTDC's synthetic releases, has a privacy resolution of 10 and a default of ε = 4 for its
# differentially private mode. Name one residual risk and how you would reduce it.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **A full answer:** a clear choice; numbers from the notebook (e.g. the count of hidden cells
# including complements, or the ±3/ε 95% error and the measured mean error at the chosen ε);
# the table counts people, not records (one person with two records would double the
# sensitivity); the cited practice used correctly (k = 11 at CTDC, resolution 10 and ε = 4 as SDS defaults, not
# as a legal rule); the total budget when several tables are published; a residual risk
# (differencing against last year's table, small groups such as a nationality of three people,
# nationality as a proxy for immigration status) with a mitigation (merge categories, publish
# "fewer than 11", one consistent noisy release, no release).
#
# - **4:** all of the above, victim-centered (the people in the small cells come first).
# - **3:** a justified choice with numbers, one element missing.
# - **2:** a choice with generic reasons, no numbers from the notebook, or ε budgets not added.
# - **1:** a choice without justification, or a misreading (e.g. "ε = 4 means four times more
#   private").
# - **0:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## DE-7 Does the risk score treat groups alike? (40 min)
#
# The task force screens new cases with a vendor's intake score (`risk_score`, 0 to 1); a score
# of 0.5 or more sends the case for a full assessment. `confirmed_trafficking` says what the full
# assessment found. A **false positive** is a person the score flagged who was not found to have
# been trafficked: for them a flag means intrusive questions, a file, perhaps a referral they did
# not need, and for people without secure immigration status, fear. If the score makes this
# mistake more often for one nationality, it shifts that harm onto a group.
#
# The **false-positive rate** (FPR) of a group is the share of its people **who were not
# trafficked** (the true negatives and false positives together) that the score flagged. It is
# *not* the share of everyone in the group who was flagged. Comparing FPRs across groups is one
# of the fairness checks Chouldechova (2017) and Hardt and colleagues (2016, "equalized odds")
# discuss.
#
# **The four-fifths rule is borrowed from hiring.** It comes from the federal *Uniform
# Guidelines on Employee Selection Procedures* (29 CFR 1607.4(D)), which the EEOC and other
# agencies use for employment decisions: a **selection rate** (the share of applicants hired or
# promoted, a favorable outcome) for one group below **four-fifths (80%)** of the rate of the
# group with the highest rate is generally regarded as evidence of adverse impact. A risk score
# is not a hiring test, and a false-positive rate is a rate of a *harm*, so here the ratio is an
# analogy with no legal force. What it shows: how far apart the two extreme groups are, as one
# number from 0 to 1. What it does not show: why they differ, whether the gap is larger than
# chance, anything about the groups in between, or the people the score missed. It also depends
# on how the rate is framed: the same score gives a different ratio for the rate of **not**
# being flagged (the favorable outcome, like a selection rate). The Guidelines themselves add
# that a larger difference may not be adverse impact when it rests on small numbers and is not
# statistically significant. So always read the ratio with the **count of people behind each
# rate** and an interval around it.
#
# As in DE-4 to DE-6, count **people**, not records: a person with two records would count
# twice. The table `people` keeps each person's earliest record, with the score at intake.
#
# ### Worked example: the flag rate by sex (not the FPR)

# %%
flagged = people["risk_score"] >= 0.5
print(flagged.groupby(people["sex"]).mean().round(3).to_dict())

# %% [markdown]
# That is the share of **everyone** flagged. The FPR keeps only the people who were not
# trafficked before taking the share.
#
# ### Exercise DE-7.1 (3 points): `fpr_by_group`
#
# Write `fpr_by_group(table, group, threshold=0.5)`. `table` has the columns `risk_score`,
# `confirmed_trafficking` (True/False) and the column named by `group`. Keep the rows whose
# `confirmed_trafficking` is False; among them, the share with `risk_score` **at least**
# `threshold`, per value of `group`. Return a Series labeled by the group's values. A group with
# no one who was not trafficked has no FPR and is left out. Do not change `table` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de7_fpr", "schema_version": 3}
def fpr_by_group(table, group, threshold=0.5):
    """Return the false-positive rate of the score per value of `group`."""
    ### BEGIN SOLUTION
    negatives = table[~table["confirmed_trafficking"]]
    flagged = negatives["risk_score"] >= threshold
    return flagged.groupby(negatives[group]).mean()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "de7_fpr_tests", "schema_version": 3}
def _check_de7_fpr():
    """Check that fpr_by_group takes the flagged share among the people not trafficked."""
    import numpy as np
    import pandas as pd
    from course_checks import same_values, unchanged, values_of

    tiny = pd.DataFrame({
        "nationality": ["A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "C", "C"],
        "risk_score": [0.9, 0.5, 0.2, 0.49, 0.8, 0.7, 0.1, 0.3, 0.2, 0.95, 0.9, 0.6],
        "confirmed_trafficking": [True, False, False, False, True, False, False, False, False,
                                  True, True, True],
    })
    tiny.index = range(50, 62)
    before = tiny.copy()
    call = "fpr_by_group(tiny, 'nationality')"
    got = values_of(fpr_by_group(tiny, "nationality"), call,
                    "a Series labeled by nationality (for example ...groupby(...).mean())")
    assert "C" not in got or pd.isna(got["C"]), (
        "Everyone of group C was trafficked: C has no false-positive rate and is left out."
    )
    got = {k: v for k, v in got.items() if not pd.isna(v)}
    assert not np.isclose(got.get("A", 0), 0.6), (
        "For A you gave 3 of 5 = 0.6, the share of everyone flagged. Keep only the people not "
        "trafficked (confirmed_trafficking False) first: A has 3, of whom 1 is flagged."
    )
    assert np.isclose(got.get("A", 0), 1 / 3), (
        "A has 3 people not trafficked, with scores 0.5, 0.2 and 0.49: one (0.5, exactly the "
        f"threshold) is flagged (at least 0.5), so 1/3; got {got.get('A')}."
    )
    same_values(got, {"A": 1 / 3, "B": 0.25}, f"In {call}", "false-positive rate",
                "groups with people not trafficked", "nationality")
    low = values_of(fpr_by_group(tiny, "nationality", threshold=0.2), call,
                    "a Series labeled by nationality")
    assert np.isclose(low["B"], 0.75), (
        "With threshold=0.2, B's people not trafficked scored 0.7, 0.1, 0.3 and 0.2: 3 of 4 are "
        "at least 0.2. Use the argument threshold."
    )
    unchanged(before, tiny, "fpr_by_group", "Filter into a new table.")
    print("Visible tests passed: fpr_by_group measures false positives per group.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for group, threshold in [("nationality", 0.5), ("sex", 0.4), ("record_type", 0.6)]:
        neg = full[~full["confirmed_trafficking"]]
        want = (neg["risk_score"] >= threshold).groupby(neg[group]).mean().to_dict()
        got = values_of(fpr_by_group(full, group, threshold), "fpr_by_group(records, ...)",
                        "a Series")
        got = {k: v for k, v in got.items() if not pd.isna(v)}
        same_values(got, want, f"On the task force's records by {group} at {threshold}",
                    "false-positive rate", "groups", group)
    ### END HIDDEN TESTS


_check_de7_fpr()
del _check_de7_fpr

# %% [markdown]
# ### Exercise DE-7.2 (1 point): `impact_ratio`
#
# Write `impact_ratio(rates)`: the **lowest** rate divided by the **highest** (a number from 0 to
# 1; 1 means every group has the same rate). `rates` is a Series like the one `fpr_by_group`
# returns. Do not change `rates` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de7_impact_ratio", "schema_version": 3}
def impact_ratio(rates):
    """Return the lowest rate divided by the highest."""
    ### BEGIN SOLUTION
    return float(rates.min() / rates.max())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 1, "grade_id": "de7_impact_ratio_tests", "schema_version": 3}
def _check_de7_impact_ratio():
    """Check that impact_ratio divides the lowest rate by the highest."""
    import numpy as np
    import pandas as pd

    rates = pd.Series({"A": 0.30, "B": 0.12, "C": 0.20})
    before = rates.copy()
    got = impact_ratio(rates)
    assert rates.equals(before), "impact_ratio changed the Series it was given."
    assert got is not None and np.isscalar(got), f"impact_ratio should return a number; got {got!r}."
    assert not np.isclose(got, 2.5), (
        "You divided the highest by the lowest (0.30 / 0.12 = 2.5): divide the lowest by the "
        "highest, to get a number from 0 to 1."
    )
    assert np.isclose(got, 0.4), f"0.12 / 0.30 = 0.4 expected; got {got}."
    assert np.isclose(impact_ratio(pd.Series({"x": 0.5, "y": 0.5})), 1.0), "Equal rates give 1."
    print("Visible tests passed: impact_ratio compares the extreme rates.")

    ### BEGIN HIDDEN TESTS
    assert np.isclose(impact_ratio(pd.Series([0.2, 0.25, 0.1, 0.4])), 0.25)
    ### END HIDDEN TESTS


_check_de7_impact_ratio()
del _check_de7_impact_ratio

# %%
# The vendor's score, one row per person (not graded): each rate with the people behind it and
# a 95% interval (Wilson's method: the range of rates that fit these counts).
not_trafficked = people[~people["confirmed_trafficking"]]
fpr = fpr_by_group(people, "nationality").sort_values()
n_group = not_trafficked.groupby("nationality").size().reindex(fpr.index)
n_flagged = (fpr * n_group).round().astype(int)
z = 1.96
center = (fpr + z**2 / (2 * n_group)) / (1 + z**2 / n_group)
half = z * np.sqrt(fpr * (1 - fpr) / n_group + z**2 / (4 * n_group**2)) / (1 + z**2 / n_group)
low, high = center - half, center + half
print(pd.DataFrame({"not trafficked": n_group, "flagged": n_flagged,
                    "FPR %": (100 * fpr).round(0), "95% low %": (100 * low).round(0),
                    "95% high %": (100 * high).round(0)}).to_string())

fig, ax = plt.subplots(figsize=(8, 4.5))
colors = [COLORS[1] if rate == fpr.max() else COLORS[0] for rate in fpr]
bars = ax.barh(range(len(fpr)), 100 * fpr, color=colors, edgecolor="black")
bars[len(fpr) - 1].set_hatch("//")                       # the highest rate: color and hatching
ax.errorbar(100 * fpr, range(len(fpr)), xerr=[100 * (fpr - low), 100 * (high - fpr)],
            fmt="none", ecolor="black", capsize=3, label="95% interval")
ax.axvline(100 * fpr.max() * 0.8, color="black", linestyle="--",
           label="four-fifths of the highest rate")
ax.set_yticks(range(len(fpr)), [f"{name} ({n})" for name, n in n_group.items()])
ax.set_title("False-positive rate of the intake score by nationality (score 0.5 or more)")
ax.set_xlabel("People not trafficked who were flagged (%), with 95% intervals")
ax.set_ylabel("Nationality (people not trafficked)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)  # below, clear of the bars
fig.tight_layout()
plt.show()


def rate_text(group):
    """'4 of 11 (36%, interval 15 to 65%)' for one group of the chart."""
    return (f"{n_flagged[group]} of {n_group[group]} ({100 * fpr[group]:.0f}%, interval "
            f"{100 * low[group]:.0f} to {100 * high[group]:.0f}%)")


lowest, highest = fpr.index[0], fpr.index[-1]
print(f"Figure description: horizontal bars of the false-positive rate by nationality, one row "
      f"per person, with the number of people not trafficked beside each name and a 95% "
      f"interval on each bar, from {lowest}, {rate_text(lowest)}, to {highest}, "
      f"{rate_text(highest)}, in another color and hatched; a dashed line marks four-fifths "
      "of the highest rate.")
one_more = fpr.copy()
one_more[lowest] = (n_flagged[lowest] + 1) / n_group[lowest]
largest = n_group.sort_values().index[-2:]
print(f"Impact ratio of the false-positive rates: {impact_ratio(fpr):.2f}; with one more person "
      f"of {lowest} flagged it would be {impact_ratio(one_more):.2f}.")
print(f"Impact ratio of the rates of NOT being flagged (the favorable outcome, like a selection "
      f"rate): {impact_ratio(1 - fpr):.2f}.")
print(f"The two largest groups: {largest[1]}, {rate_text(largest[1])}; {largest[0]}, "
      f"{rate_text(largest[0])}.")

# %% [markdown]
# Read the counts before the rates. The extreme groups here are a handful of people each: the
# interval of one reaches far into the other's, and one person more or less flagged moves the
# ratio a long way. The same score gives one ratio for false-positive rates and a much higher
# one for the rates of not being flagged: neither number is "the" answer, and neither is a
# legal finding. The two largest groups give the steadiest comparison. A low impact ratio is an
# alarm, not a verdict: the next steps are to ask the vendor how the score was built and
# validated (and on whom), to collect more outcomes before concluding anything about a group of
# a dozen people, to publish the counts and rates by group in the score's documentation (a
# *model card*, Mitchell and colleagues, 2019), and to decide whether the score should be used
# at all for this purpose.

# %% [markdown]
# ## DE-8 Evidence integrity, access logs and retention (57 min)
#
# **Evidence hashes.** When a digital exhibit (a phone extraction, a spreadsheet from a bank) is
# acquired, its SHA-256 is recorded; at every later transfer the hash is computed again. A match
# shows the file has not changed by a single bit (NIST SP 800-86, *Guide to Integrating Forensic
# Techniques into Incident Response*, 2006). Solid digital evidence also spares survivors: the
# less a case rests on their testimony alone, the less they are asked to repeat it.
#
# **Access logs.** 28 CFR 23.20 asks a criminal intelligence system to record who received
# information, why and when. A log is only worth something if it cannot be edited quietly. In a
# **hash chain**, each entry stores the hash of the entry before it (`prev_hash`) and its own hash
# (`row_hash`) over its contents and `prev_hash`. Change any old entry and its hash no longer
# matches, nor does every link after it. But anyone who can write the log can also recompute
# every hash after an edit: the chain only proves something if its latest hash is copied, at
# regular times, to a place the log's writers cannot change (an auditor, a second system), or
# if the hashes are keyed with a key the writers do not hold.
#
# **Retention.** Criminal intelligence may be kept at most **five years** unless it is reviewed
# and validated again (28 CFR 23.20(h)). A record past that date is flagged for **review**, not
# deleted on the spot: first check for a litigation hold and for discovery obligations in a
# pending case. Victim-service information belongs in the service partner's files, not in an
# intelligence system at all.
#
# ### Worked example: the hash of a file

# %%
with open(DATA + "zip3_population.csv", "rb") as exhibit:    # "rb": the bytes as stored
    print("SHA-256 of zip3_population.csv:", hashlib.sha256(exhibit.read()).hexdigest())

# The same hash fed in two pieces: update() adds more bytes to the hash so far.
in_pieces = hashlib.sha256()
in_pieces.update(b"ab")
in_pieces.update(b"c")
print("in pieces:", in_pieces.hexdigest())
print("at once:  ", hashlib.sha256(b"abc").hexdigest())

# %% [markdown]
# `exhibit.read()` loads the whole file into memory, which fails on a phone extraction of
# hundreds of gigabytes. Forensic tools read a file a piece (a **chunk**) at a time and feed each
# piece to `update()`, as above: the result is the same 64 hexadecimal characters that
# `sha256sum file` prints on Linux (`shasum -a 256 file` on a Mac, `Get-FileHash` in
# PowerShell). The course's data folder carries such a list, `MANIFEST.sha256`, written in
# `sha256sum`'s format: a hash, two spaces, a file name.
#
# ### Exercise DE-8.1 (2 points): `sha256_file`
#
# Write `sha256_file(path, chunk_size=65536)`. Open the file with `with open(path, "rb")`, in
# **binary** mode (`"rb"`: in text
# mode Python changes Windows line endings, and the hash is no longer the file's). Read it
# `chunk_size` bytes at a time with `.read(chunk_size)`, never all at once, until a read returns
# `b""`; feed every chunk, the last short one too, to one `hashlib.sha256()`; return its
# `hexdigest()`, a string of 64 lowercase hexadecimal characters, as `sha256sum` prints it.
# (Python 3.11's `hashlib.file_digest` does the same with its own chunk size; write the loop
# yourself here.)

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de8_sha256_file", "schema_version": 3}
def sha256_file(path, chunk_size=65536):
    """Return the SHA-256 of the file at `path` (64 hex characters), read in chunks."""
    ### BEGIN SOLUTION
    digest = hashlib.sha256()
    with open(path, "rb") as exhibit:
        chunk = exhibit.read(chunk_size)
        while chunk:
            digest.update(chunk)
            chunk = exhibit.read(chunk_size)
    return digest.hexdigest()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de8_sha256_file_tests", "schema_version": 3}
def _check_de8_sha256_file():
    """Check sha256_file against known digests: binary mode, every chunk, read in chunks."""
    import builtins
    import os
    import tempfile

    abc, empty = b"abc", b""
    ramp = bytes(i % 251 for i in range(1000))
    crlf = b"Exhibit 4, page 1\r\nExhibit 4, page 2\r\n"
    known = {      # the digests `sha256sum` prints for these bytes
        abc: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        empty: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ramp: "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d",
        crlf: "be8b3c957e82f0d6ea24020f10db8010bfb317b489139003fe6249c9aab0cee7",
    }
    real_open, requested = builtins.open, []

    class Watched:
        """A file that notes how many bytes each read asks for."""

        def __init__(self, handle):
            self.handle = handle

        def read(self, size=-1):
            requested.append(size)
            return self.handle.read(size)

        def readinto(self, buffer):
            requested.append(len(buffer))
            return self.handle.readinto(buffer)

        def __iter__(self):
            requested.append(None)
            return iter(self.handle)

        def __enter__(self):
            return self

        def __exit__(self, *details):
            self.handle.close()

        def __getattr__(self, name):
            return getattr(self.handle, name)

    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for number, content in enumerate(known):
            paths[content] = os.path.join(folder, f"exhibit_{number}.bin")
            with real_open(paths[content], "wb") as handle:
                handle.write(content)
        got = sha256_file(paths[abc])
        assert isinstance(got, str), (
            f"sha256_file should return digest.hexdigest(), a str of 64 characters; got {got!r}."
        )
        assert got == known[abc], (
            "A file holding the three bytes abc has the standard SHA-256 test vector "
            f"{known[abc]}; got {got}. Open it with open(path, 'rb') and feed its bytes to "
            "hashlib.sha256()."
        )
        assert sha256_file(paths[empty]) == known[empty], (
            f"An empty file has a hash too, {known[empty]}: start from hashlib.sha256() and "
            "return its hexdigest() even when the first read returns b''."
        )
        got = sha256_file(paths[crlf])
        assert got != "0f560226e1de625e0d56560e386bb65b1980d2f5b65bb392766f55f90136e7d6", (
            "A file with Windows line endings (\\r\\n) got the hash of its text with \\n: open "
            "the file in binary mode, open(path, 'rb'), so that every byte counts."
        )
        assert got == known[crlf], f"The file with \\r\\n line endings should hash to {known[crlf]}."
        for size in (1, 7, 64):
            assert sha256_file(paths[ramp], chunk_size=size) == known[ramp], (
                f"With chunk_size={size} the 1,000-byte file did not hash to {known[ramp]}: keep "
                "reading until read() returns b'' and feed every chunk, the last short one too."
            )
        namespace = sha256_file.__globals__           # where the notebook looks up open()
        had_open, notebook_open = "open" in namespace, namespace.get("open", real_open)
        namespace["open"] = lambda *args, **kwargs: Watched(notebook_open(*args, **kwargs))
        try:
            sha256_file(paths[ramp], chunk_size=64)
        finally:
            if had_open:
                namespace["open"] = notebook_open
            else:
                del namespace["open"]
        assert requested, "Open the file with the built-in open(path, 'rb') and read it there."
        assert all(size is not None and 0 < size <= 64 for size in requested), (
            "Read the file chunk_size bytes at a time, .read(chunk_size), never all at once "
            "(.read()) or line by line; with chunk_size=64 the reads asked for "
            f"{sorted(set(requested), key=str)} bytes."
        )
        with real_open(paths[ramp], "r+b") as handle:
            handle.seek(500)
            handle.write(b"\x00")                 # one byte of 1,000 changed
        assert sha256_file(paths[ramp]) != known[ramp], "Changing one byte must change the hash."
    print("Visible tests passed: sha256_file matches sha256sum, reading in chunks.")

    ### BEGIN HIDDEN TESTS
    with real_open("data/cases/MANIFEST.sha256", encoding="utf-8") as manifest:
        for line in manifest:
            digest, name = line.rstrip("\n").split("  ", 1)
            assert sha256_file("data/cases/" + name) == digest, f"{name} does not match the manifest."
            assert sha256_file("data/cases/" + name, chunk_size=1000) == digest, name
    ### END HIDDEN TESTS


_check_de8_sha256_file()
del _check_de8_sha256_file

# %%
# Check the data folder against its manifest, as at every transfer of evidence.
with open(DATA + "MANIFEST.sha256", encoding="utf-8") as manifest:
    for line in manifest:
        recorded, name = line.rstrip("\n").split("  ", 1)
        print(f"{name:<20} {'matches' if sha256_file(DATA + name) == recorded else 'CHANGED'}")

# %% [markdown]
# ### Worked example: the hash of one log entry

# %%
first_entry = access_log.iloc[0]
text = "|".join([first_entry["prev_hash"], first_entry["ts"], first_entry["user"],
                 first_entry["record_id"], first_entry["purpose"]])
print("computed:", sha256_text(text))
print("stored:  ", first_entry["row_hash"])

# %% [markdown]
# ### Exercise DE-8.2 (3 points): `first_broken_entry`
#
# Write `first_broken_entry(log)`. Go through the entries in order of `entry_no` (the rows may
# come in any order). For each entry, check that
#
# 1. its `prev_hash` equals the `row_hash` of the entry before it (64 zeros, `"0" * 64`, for the
#    first entry), and
# 2. its `row_hash` equals the SHA-256 of `prev_hash|ts|user|record_id|purpose` (the five values
#    joined with `|`, as in the worked example).
#
# Return the `entry_no` of the **first** entry that fails either check, or `None` if the whole
# chain holds. Do not change `log` itself.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de8_verify_log", "schema_version": 3}
def first_broken_entry(log):
    """Return the entry_no of the first entry whose link or hash is wrong, or None."""
    ### BEGIN SOLUTION
    expected_prev = "0" * 64
    for entry in log.sort_values("entry_no").itertuples():
        text = "|".join([entry.prev_hash, entry.ts, entry.user, entry.record_id, entry.purpose])
        if entry.prev_hash != expected_prev or sha256_text(text) != entry.row_hash:
            return entry.entry_no
        expected_prev = entry.row_hash
    return None
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "de8_verify_log_tests", "schema_version": 3}
def _check_de8_verify_log():
    """Check that first_broken_entry finds an edited entry and a broken link, in entry order."""
    import hashlib

    import pandas as pd
    from course_checks import unchanged

    def chain(rows):
        prev, out = "0" * 64, []
        for number, (ts, user, record, purpose) in enumerate(rows, start=1):
            digest = hashlib.sha256(f"{prev}|{ts}|{user}|{record}|{purpose}".encode()).hexdigest()
            out.append({"entry_no": number, "ts": ts, "user": user, "record_id": record,
                        "purpose": purpose, "prev_hash": prev, "row_hash": digest})
            prev = digest
        return pd.DataFrame(out)

    log = chain([("2025-01-02T10:00:00Z", "adv_01", "REC-A", "service_referral"),
                 ("2025-01-02T11:00:00Z", "det_01", "REC-B", "investigation"),
                 ("2025-01-03T09:00:00Z", "det_02", "REC-A", "case_management"),
                 ("2025-01-04T15:30:00Z", "audit_01", "REC-C", "audit"),
                 ("2025-01-05T08:00:00Z", "det_01", "REC-D", "analysis")])
    mixed = log.sample(frac=1, random_state=3)
    before = mixed.copy()
    got = first_broken_entry(mixed)
    assert got is None, (
        "This chain is intact (the rows are only shuffled): first_broken_entry should return "
        f"None; got {got!r}. Sort by entry_no first."
    )
    edited = log.copy()
    edited.loc[2, "purpose"] = "audit"
    assert first_broken_entry(edited) == 3, (
        "Entry 3's purpose was changed after it was logged, so its row_hash no longer matches "
        f"its contents: expected 3; got {first_broken_entry(edited)!r}. Recompute each hash."
    )
    relinked = edited.copy()
    relinked.loc[2, "row_hash"] = hashlib.sha256("|".join(
        relinked.loc[2, ["prev_hash", "ts", "user", "record_id", "purpose"]]).encode()).hexdigest()
    assert first_broken_entry(relinked) == 4, (
        "Entry 3 was edited and its row_hash recomputed to hide it, so entry 4's prev_hash no "
        "longer equals entry 3's row_hash: expected 4. Check each prev_hash against the row_hash "
        f"before it; got {first_broken_entry(relinked)!r}."
    )
    start = log.copy()
    start.loc[0, "prev_hash"] = "1" * 64
    assert first_broken_entry(start) == 1, (
        "The first entry's prev_hash must be 64 zeros ('0' * 64): expected 1."
    )
    two = log.copy()
    two.loc[1, "user"] = "det_09"
    two.loc[3, "user"] = "det_09"
    assert first_broken_entry(two) == 2, (
        "Entries 2 and 4 were both edited: return the FIRST broken entry, 2."
    )
    unchanged(before, mixed, "first_broken_entry", "Sort into a new table; no inplace=True.")
    print("Visible tests passed: first_broken_entry checks every link of the chain.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/access_log.csv")
    assert first_broken_entry(full) is None, "The task force's log is intact: expected None."
    for at in [10, len(full) // 2]:
        tampered = full.copy()
        tampered.loc[tampered["entry_no"] == at, "record_id"] = "REC-EDITED"
        assert first_broken_entry(tampered) == at, (
            f"In the task force's log with entry {at} edited, expected {at}."
        )
    ### END HIDDEN TESTS


_check_de8_verify_log()
del _check_de8_verify_log

# %% [markdown]
# ### Exercise DE-8.3 (2 points): `past_retention`
#
# Write `past_retention(records, as_of, years=5)`. Return the **set of `record_id`s** of the
# **intelligence** records (`record_type == "intelligence"`) whose `last_validated` date is
# **more than** `years` years before `as_of`. A record validated exactly `years` years before
# `as_of` is still within the limit. Service and investigative records are never in the set.
# *Hint:* `as_of - pd.DateOffset(years=years)` is the date `years` years earlier.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "de8_retention", "schema_version": 3}
def past_retention(records, as_of, years=5):
    """Return the record_ids of intelligence records not validated within `years` years."""
    ### BEGIN SOLUTION
    limit = as_of - pd.DateOffset(years=years)
    validated = pd.to_datetime(records["last_validated"])
    too_old = (records["record_type"] == "intelligence") & (validated < limit)
    return set(records.loc[too_old, "record_id"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "de8_retention_tests", "schema_version": 3}
def _check_de8_retention():
    """Check that past_retention flags old intelligence records only, at the right boundary."""
    import pandas as pd
    from course_checks import ids_of, unchanged

    tiny = pd.DataFrame({
        "record_id": ["I1", "I2", "I3", "I4", "S1", "V1"],
        "record_type": ["intelligence", "intelligence", "intelligence", "intelligence",
                        "service", "investigative"],
        "last_validated": ["2020-06-29", "2020-06-30", "2024-01-01", "2018-03-03", "2017-01-01",
                           "2016-05-05"],
    })
    tiny.index = range(10, 16)
    before = tiny.copy()
    as_of = pd.Timestamp("2025-06-30")
    got = ids_of(past_retention(tiny, as_of), "past_retention(tiny, 2025-06-30)", "record ids")
    assert "I2" not in got, (
        "I2 was validated on 2020-06-30, exactly five years before 2025-06-30: still within the "
        "limit (more than five years is too old)."
    )
    assert {"I1", "I4"} <= got, (
        "I1 (2020-06-29) and I4 (2018-03-03) were validated more than five years before "
        "2025-06-30 and should be in the set."
    )
    assert not got & {"S1", "V1"}, (
        "S1 and V1 are service and investigative records: the five-year rule here is for "
        "intelligence records only."
    )
    assert got == {"I1", "I4"}, f"Expected I1 and I4; got {sorted(got)}."
    three = ids_of(past_retention(tiny, as_of, years=2), "past_retention(tiny, ..., years=2)")
    assert three == {"I1", "I2", "I4"}, (
        f"With years=2, I1, I2 and I4 are too old (I3 is not); got {sorted(three)}. Use the "
        "argument years."
    )
    unchanged(before, tiny, "past_retention")
    print("Visible tests passed: past_retention flags intelligence past its review date.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/cases/records.csv", dtype={"zip5": str})
    for day, years in [("2025-06-30", 5), ("2025-01-01", 3)]:
        limit = pd.Timestamp(day) - pd.DateOffset(years=years)
        want = set(full.loc[(full["record_type"] == "intelligence")
                            & (pd.to_datetime(full["last_validated"]) < limit), "record_id"])
        got = ids_of(past_retention(full, pd.Timestamp(day), years), "past_retention(...)")
        assert got == want, (
            f"On the task force's records on {day} with years={years}, expected {len(want)}; got "
            f"{len(got)}."
        )
    ### END HIDDEN TESTS


_check_de8_retention()
del _check_de8_retention

# %%
# The task force's own records and log (not graded).
print("Intelligence records due for review (check for a hold first):",
      sorted(past_retention(records, AS_OF)))
print("Access log intact:", first_broken_entry(access_log) is None)
log_times = pd.to_datetime(access_log["ts"])
joined = access_log.assign(ts=log_times).merge(
    records[["record_id", "record_type", "consent_le_share", "consent_expiry"]], on="record_id")
after_expiry = joined[joined["user"].str.startswith("det") & joined["consent_le_share"]
                      & (joined["ts"].dt.tz_localize(None)
                         > pd.to_datetime(joined["consent_expiry"]))]
print(f"{len(after_expiry)} detective accesses to records after their consent expired.")
after_expiry[["entry_no", "ts", "user", "record_id", "purpose", "consent_expiry"]].head()

# %% [markdown]
# A log that verifies was not edited without its chain being recomputed; whether it was
# recomputed only a copy of its latest hash kept elsewhere can tell. And it is not a log of
# proper use. The accesses after a
# consent expired are for an auditor to ask about (was there another legal basis, such as a court
# order?), not a finding of misconduct by themselves.

# %% [markdown]
# ## DE-9 A request for the NGO's client list (51 min)
#
# Information sharing in a task force starts from two questions (the OVC e-Guide, section 3.2,
# "Information Sharing"): does the requester have a **right to know** (legal authority to
# receive it), and a **need to know** (does this person need this information for this task)?
# For the victim-service side, the answer is also bound by rules that do not bend for an
# investigation, and the decision is not the task force's to make: the service partner and
# each of its clients decide what leaves the partner's files.
#
# - **VAWA and VOCA** (34 U.S.C. 12291(b)(2); 28 CFR 94.115): a funded service provider may not
#   disclose personally identifying information without the person's informed, written,
#   reasonably time-limited consent, unless a statute or a court order compels it; hashed or
#   encrypted data counts as personally identifying (DE-3). A **subpoena** is not by itself
#   that statute or court order: a provider served with one can ask the court to quash or
#   narrow it, and checks whether the state's advocate or counselor privilege protects the
#   records. When a release is compelled by a statute or a court, the provider must make
#   reasonable attempts to tell the person and take steps to protect their privacy and safety
#   (34 U.S.C. 12291(b)(2)(C); for VOCA, 28 CFR 94.115(b)).
# - **8 U.S.C. 1367** binds employees of the Departments of Homeland Security, Justice and State:
#   they may not disclose information about a person who applied for a T or U visa or VAWA
#   relief, and may not rely on information from the abuser or trafficker alone to act against
#   them. Immigration status is sensitive whoever holds it; a local task force should not ask
#   for it when the purpose does not need it.
# - **Continued Presence** (22 U.S.C. 7105(c)(3)) is requested by federal law enforcement for a
#   victim who may be a potential witness. The Department of Homeland Security's guidance is that
#   it must never be used as a bargaining chip: making protection depend on cooperation mirrors
#   the coercion the person has just escaped.
# - **Discovery.** What the task force receives may reach the defense. The prosecution must
#   disclose evidence favorable to the accused that is material to guilt or punishment
#   (*Brady v. Maryland*, 373 U.S. 83, 1963), including evidence that bears on a witness's
#   credibility, such as a promise made to the witness (*Giglio v. United States*, 405 U.S. 150,
#   1972). In a federal case, Fed. R. Crim. P. 16 also lets the defense inspect documents
#   material to its preparation, and the Jencks Act (18 U.S.C. 3500) gives it a government
#   witness's earlier statements on the subject of their testimony once they have testified
#   (Rule 16 leaves witness statements to the Jencks Act and Rule 26.2); a state case follows
#   Brady and Giglio and the state's own discovery rules. A consent to share is informed only if
#   it says so. A Continued Presence request, or an officer's declaration for a T-visa
#   application (Form I-914, Supplement B; a U visa needs a *certification*, Form I-918,
#   Supplement B), is a benefit to a witness that generally must be disclosed as impeachment
#   material if the person testifies; offered in exchange for testimony, it also hands the
#   defense an argument that the testimony was bought.
# - The WHO's *Ethical and Safety Recommendations for Interviewing Trafficked Women* (Zimmerman and
#   Watts, 2003) start with "do no harm" and put informed consent and confidentiality at the
#   center.

# %% [markdown]
# ### Who each rule binds
#
# | Rule | Binds | Does not bind by itself |
# |---|---|---|
# | VAWA (34 U.S.C. 12291(b)(2)), VOCA (28 CFR 94.115), FVPSA (42 U.S.C. 10406(c)(5)) | service providers funded under those programs | the police who receive a record (their MOU and state law decide what they may do with it) |
# | HIPAA (45 CFR 164) | covered entities: health plans and most health-care providers (a referring hospital) | the task force, most NGOs |
# | 42 CFR Part 2 | federally assisted substance-use programs, and anyone who receives their records | other records |
# | 8 U.S.C. 1367 | employees of the Departments of Homeland Security, Justice and State | local officers |
# | 28 CFR Part 23 | criminal intelligence systems run with federal program funds | an NGO's client files |
# | GDPR | organizations in the EU, or that offer services to people there | U.S. agencies |
#
# When a consent expires, the provider may not release anything more under it; what the police
# may do with a copy they already received depends on the MOU and state law, not on the consent.

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "de9_sharing_request", "schema_version": 3}
# ### Exercise DE-9.1 (written, 4 points): advise on the request
#
# A task-force sergeant drafts an e-mail to the service partner: "Send us your full client list
# with names, phones, nationalities and immigration status. We want to check which of them are
# witnesses for the motel case, and we can ask ICE for Continued Presence for the ones who
# cooperate." Before sending it, the sergeant asks you, the task force's data lead, for advice.
#
# Write your advice to the sergeant (200 to 300 words): what the task force may ask the service
# partner for, and what it should not ask for, remembering that the partner and its clients
# decide. Apply right-to-know and need-to-know, the consent rules for victim-service data
# (including what this notebook showed about hashed phones and about a consent's scope), what a
# subpoena can and cannot do, the protection of immigration information, and what is wrong with
# linking Continued Presence to cooperation. Suggest a concrete request that meets the
# investigation's legitimate need.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **A full answer:** advises against the bulk request and leaves the decision with the service
# partner and its clients; right-to-know (the task force has no authority over the partner's
# client files: only each client's consent, or a statute or court order, allows a release; a
# subpoena alone is not a court order, and the partner may move to quash it, notify the person
# and rely on state advocate privilege) and need-to-know (the case needs specific witnesses, not
# every client); VAWA/VOCA: only with each person's informed, written, time-limited consent that
# covers this sharing, and hashed phones are still PII (and reversible, DE-3); immigration status
# is not asked for (the case does not need it; 8 U.S.C. 1367 binds federal employees for
# applicants); Continued Presence is requested by federal law enforcement for potential
# witnesses and must never be a bargaining chip, and as a benefit to a witness it will usually
# be disclosed to the defense (Giglio); anything shared may reach the defense in discovery
# (Brady, Rule 16, Jencks Act, or the state's rules), so the consent must say so; the suggested
# request: the partner asks its clients, with an advocate, whether they want to speak to the investigators, and shares only the
# records whose consent covers case coordination with law enforcement and is in force (DE-2's
# function: a "referral only" or "name and contact only" consent does not), minimized to the
# purpose; services never depend on the answer; access logged (DE-8).
#
# - **4:** all of the above, centered on the clients' choice and safety, rules cited correctly
#   (no subpoena treated as enough, no task-force decision over the partner's files).
# - **3:** correct advice and most rules; one missing or imprecise citation.
# - **2:** advises against or for on generic grounds; a rule misapplied (e.g. hashed data treated
#   as anonymous, a subpoena treated as a court order) or CP not addressed.
# - **1:** investigation-first reasoning (the list is demanded or shared), or stigmatizing
#   language.
# - **0:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## Keypoints
#
# - Words in a record follow a person into every room it is read in: person-first, factual, in
#   their own terms; a minor is never a "prostitute"; declining an interview is not a crime.
# - Share for a stated purpose from an **allow-list**; direct identifiers never leave in an
#   extract; rows need a consent that **covers this sharing** (recipient, purpose, information)
#   and is **in force** on the day (first and last day count); a consent a minor signed alone is
#   checked by a person, not a program; services never depend on consent.
# - A plain hash of a phone number is reversed by trying every number, in seconds per exchange;
#   use a **keyed** hash (HMAC) with the key kept apart, and remember that pseudonymized data is
#   still personal data.
# - Count **people**, not records: one row per person before k, l, linkage or a published count.
# - Measure **k** with missing values as their own class; generalize (age bands split at 18,
#   ZIP3 with small areas as `000`) and suppress to reach it; check **l** for homogeneous
#   classes, which k does not stop, and list the people they expose.
# - A linkage attack needs only a public list: measure the share re-identified before release.
# - Published tables: hide small cells **and** their complements, or add fresh Laplace noise of
#   scale 1/ε per cell; budgets add up.
# - A false-positive rate is taken over the people **not** trafficked; compare it across groups
#   with the count of people behind each rate and an interval; the four-fifths ratio, borrowed
#   from hiring, is an alarm, not a test.
# - Hash evidence at acquisition, in binary and in chunks, as `sha256sum` does; hash-chain access
#   logs and keep their latest hash out of the writers' reach; review intelligence within five
#   years (review, not delete).
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** and check that every test cell prints
#    "Visible tests passed".
# 2. Click **Validate** in the toolbar (or run `investigator-course check 04_data_ethics` on a
#    laptop).
# 3. Save the notebook (**File > Save**).
#
# ### Sources
#
# - Office for Victims of Crime Training and Technical Assistance Center, *Human Trafficking Task
#   Force e-Guide*, sections 1.3 (victim-centered approach), 3.2 (information sharing) and 4.1
#   (trauma-informed approach), <https://www.ovcttac.gov/taskforceguide/eguide/>.
# - Violence Against Women Act confidentiality, 34 U.S.C. 12291(b)(2), with (B)(ii) on minors
#   and (C) on compelled release; Victims of Crime Act grants, 28 CFR 94.115; Family Violence
#   Prevention and Services Act confidentiality, 42 U.S.C. 10406(c)(5); 42 CFR Part 2;
#   8 U.S.C. 1367; Continued Presence, 22 U.S.C. 7105(c)(3) and U.S.
#   Department of Homeland Security, *Continued Presence* (dhs.gov).
# - Criminal intelligence systems, 28 CFR 23.20 (operating principles; retention in (h)).
# - *Brady v. Maryland*, 373 U.S. 83 (1963); *Giglio v. United States*, 405 U.S. 150 (1972);
#   Fed. R. Crim. P. 16 and 26.2; Jencks Act, 18 U.S.C. 3500.
# - Regulation (EU) 2016/679 (GDPR), Recital 26, Art. 4(5) and 5(1); UN Protocol to Prevent, Suppress and
#   Punish Trafficking in Persons, Art. 6(1).
# - AEPD and EDPS, *Introduction to the hash function as a personal data pseudonymisation
#   technique* (2019).
# - L. Sweeney, *Simple Demographics Often Identify People Uniquely*, Carnegie Mellon University
#   (2000); A. Machanavajjhala et al., *l-Diversity: Privacy Beyond k-Anonymity*, ICDE 2006.
# - Counter-Trafficking Data Collaborative, global dataset (k = 11),
#   <https://www.ctdatacollaborative.org/global-dataset>; Microsoft Research, Synthetic Data
#   Showcase (github.com/microsoft/synthetic-data-showcase).
# - HIPAA de-identification, 45 CFR 164.514(b)(2); ResDAC, *CMS Cell Size Suppression Policy*.
# - C. Dwork and A. Roth, *The Algorithmic Foundations of Differential Privacy* (2014).
# - A. Chouldechova, *Fair prediction with disparate impact* (2017); M. Hardt, E. Price and N.
#   Srebro, *Equality of Opportunity in Supervised Learning* (2016); 29 CFR 1607.4(D); M. Mitchell
#   et al., *Model Cards for Model Reporting* (2019).
# - NIST SP 800-86, *Guide to Integrating Forensic Techniques into Incident Response* (2006).
# - C. Zimmerman and C. Watts, *WHO Ethical and Safety Recommendations for Interviewing Trafficked
#   Women* (2003).
