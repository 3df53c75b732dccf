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
# # Online recruitment I: from one deceptive job ad to the operation behind it
#
# *Assignment 03, part 1 of 2 (part 2 is `03b_online_recruitment.ipynb`). About 4 hours 30 minutes for
# someone new to Python, including the exercises. Part of the course
# "Following the data trail: data skills for human-trafficking investigators".*
#
# > **Content note.** This notebook is about how people are recruited into forced labor and sexual
# > exploitation through job ads online. It describes deceptive offers in general terms (fees,
# > passports kept, travel arranged, pay that is too good) and contains nothing explicit. Every ad,
# > platform, company, phone number and person is **synthetic** (invented by a program). Some ads
# > were planted to imitate recruitment for exploitation: read them as you would read real ones,
# > remembering that behind each real one there may be a person who answered it.
#
# **Start here:** click on the first gray code cell below and press **Shift + Enter**. It loads
# the tools and the ads. You learned notebooks, pandas and small functions in `00_orientation`,
# and a first graph with networkx in `01_financial_red_flags`.
#
# ## Questions
#
# - Which signs in a job ad point to deceptive recruitment, and how do I turn each one into a rule
#   a computer can apply, and that I can explain?
# - Contacts are written in many ways ("316.555.0109", "three one six 555 0109", "name (at) site
#   dot net"): how do I find them all and write them one way?
# - A tip names one ad. How do I find the other ads of the same operation?
# - Many ads are copies of one text with small edits. How do I measure how alike two ads are, and
#   what does it mean when they are?
#
# ## Objectives
#
# Each objective says what you start from, what you do, and how well it has to be done.
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | RC-1 | scraped job ads and a list of deceptive-recruitment indicators (ILO, IOM, INTERPOL) | turn each indicator into a written rule, flag every ad, and tell an ad that charges the worker a fee from one that promises no fees | the visible and hidden tests pass | 76 min |
# | RC-2 | the contact lines of the ads, written in many ways and partly obfuscated | extract every phone number and e-mail address with regular expressions and write each one the same way | the tests pass, including spaced and spelled-out digits and "(at)" / "dot" | 46 min |
# | RC-3 | a table of which ad lists which contact | build a graph of ads and contacts, list the ads linked to a tip, and name the ads that list two phones | the tests pass; the written answer judges the large staffing-agency group with lawful checks (at least 3 of 4 rubric points) | 95 min |
# | RC-4 | the ad texts | measure how alike two ads are with word shingles and Jaccard similarity and list every pair above a threshold | the visible and hidden tests pass | 53 min |
#
# RC-1's time includes this opening, and RC-4's the keypoints at the end. Part 2 covers RC-5 to
# RC-7: an operation's movement between cities, message threads with job seekers, and how much an
# indicator score is worth.
#
# ## How this notebook is graded
#
# Nine autograded exercises (23 points) and one written answer (4 points). As before, you write
# small **functions**; the gray **test cell** under each one checks it on tiny hand-made examples,
# where you can work out the right answer yourself, and tells you in plain words what it expected.
# More checks, including some on the full data, run when your work is graded. Tables your functions
# are given must stay exactly as they were: work on a copy if you need a new column. Save often
# (**File > Save** or Ctrl + S).
#
# ## The data: job ads along I-35 and I-70
#
# Six months (January to June 2025) of job ads scraped from three fictional platforms (JobBoardA,
# ClassifiedsB and SocialC) in cities along I-35 and I-70: Wichita, Kansas City, Topeka, Salina,
# Oklahoma City, Dallas, Des Moines, Denver and others. The cities are real; the routes are a
# training scenario, not a claim about those places. Everything else is invented: every phone is in
# the 555-0100 to 555-0199 range that is reserved for fiction, every e-mail and web address ends in
# `example.com`, `.net`, `.org` or `.test`, and every handle starts with `demo_`. The folder's
# `DATASHEET.md` describes every column.
#
# | File | One row per ... | Used for |
# |---|---|---|
# | `ads.csv` | ad as scraped: `title`, `body`, `pay_text`, `employer_name`, `contact_raw` (the contact line as written), `city`, `posted_at` (UTC) | everything |
# | `companies.csv` | business in the state registries of the region | checking an employer exists |
#
# Most ads are ordinary jobs: housekeepers, cooks, drivers, nurses, farm workers. The data was built
# so that **the naive answer is wrong**: a staffing agency posts dozens of near-identical ads under
# one phone, travel nurses work in many cities, seasonal jobs come with housing, and truck drivers
# earn well. Each of them looks like one indicator and is not trafficking.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the ads.
# %matplotlib inline
import re
import warnings

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

# Color-blind-safe colors for every chart in this notebook.
plt.style.use("tableau-colorblind10")
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]
# pandas warns when a pattern has groups in brackets; the groups are fine here.
warnings.filterwarnings("ignore", "This pattern is interpreted", UserWarning)

DATA = "data/recruitment/"
ads = pd.read_csv(DATA + "ads.csv")
companies = pd.read_csv(DATA + "companies.csv")

print(f"Ready: {len(ads):,} ads on {ads['platform'].nunique()} platforms in "
      f"{ads['city'].nunique()} cities, {ads['posted_at'].min()[:10]} to "
      f"{ads['posted_at'].max()[:10]}.")

# %% [markdown]
# A first look: what one ad looks like, and how many each platform carries.

# %%
ads.head(3)

# %%
ads.groupby("platform").size()

# %% [markdown]
# ## RC-1 Deceptive-recruitment indicators in ad text (76 min)
#
# ### How recruitment moved online
#
# Europol's 2020 report on the online side of trafficking describes two ways of recruiting on the
# internet (as summarized by *Homeland Security Today*). In **active** recruitment, criminals post
# false job ads on trusted job portals and social-media marketplaces, or build whole websites of fake
# employment agencies. In **passive** recruitment, which is much harder for police to see, recruiters
# scout the internet and answer the posts of people looking for work, often work abroad, then ask
# for a fee to "secure" the job and arrange the travel. The same summary likens the first to "hook
# fishing" and the second to "net fishing": those are the magazine's words, not Europol's, and its
# passive "net fishing" is not the UNODC "fishing" below, which is active.
#
# The UN Office on Drugs and Crime uses other words for nearly the same split (*Global Report on
# Trafficking in Persons 2020*, chapter 5): **hunting** is going after a particular person, usually
# on social media; **fishing** is posting an ad and waiting for people to reply. Watch the mapping:
# UNODC's *fishing* (posting ads) is Europol's **active** recruitment, and UNODC's *hunting* (going
# after a person) is closest to Europol's **passive** recruitment, where the recruiter answers a job
# seeker's own post. Say which pair of terms you use when you write a report. This notebook works
# with posted ads (active recruitment, UNODC's fishing); part 2 reads message threads that began as
# replies to job seekers' posts.
#
# ### What the sources count as warning signs
#
# | Indicator | Why it matters | Source |
# |---|---|---|
# | **fee charged to the worker**: a recruitment, visa, "processing" or registration fee, or a deposit | a debt at the start of a job is how debt bondage begins; the worker should never pay | ILO definition of recruitment fees and related costs; IOM's Employer Pays Principle |
# | **documents kept**: the employer holds passports or IDs | retaining identity documents is one of the ILO's eleven indicators of forced labor | ILO, *Indicators of Forced Labour* |
# | **travel and housing arranged** by the employer | the person arrives somewhere new, dependent on the employer for a bed and a way home | Europol 2020; IOM IRIS |
# | **pay far above the role**, no experience needed | the lure of deception | INTERPOL Orange Notice (2023); US TIP Report 2023 and 2024 |
# | **contact only through a messaging app**, "text only, no calls" | moves the talk off the platform, where no one moderates it | US TIP Report 2024 |
# | **age or appearance** requirements, a photo asked for | recruitment aimed at young women for "hostess" or "model" work | Europol EMPACT hackathon (2022) |
# | **employer cannot be verified**: a company no registry holds, a dissolved one, an agency without a license | a fake agency or a shell company has no record to check; a real one does (checked against the registry in RC-3, not with a text rule) | GBCAT (2022); IOM IRIS |
# | **urgency**: start now, places limited | pressure to decide before checking; only practitioner guides list it, so give it little weight | practitioners |
#
# The Office of the UN High Commissioner for Human Rights estimated in 2023 that at least 120,000
# people in Myanmar and about 100,000 in Cambodia may be held in online-scam operations, recruited
# "under the pretence of offering them real jobs". Those people answered ads like these.
#
# **An indicator is a reason to look, not proof.** Many lawful ads carry one or two of these signs:
# "no experience necessary", seasonal jobs with housing, "urgent hiring", a hospital paying a travel
# nurse's hotel, a bar that hires only people over 21. A rule that fires on them is working as
# written; what matters is whether you can explain it and what you do next.
#
# ### Worked example: from an indicator to a rule
#
# A rule here is a **regular expression** (a *regex*): a pattern of text. `str.contains(pattern,
# case=False)` tells, for each text of a column, whether the pattern occurs in it, ignoring upper and
# lower case. A few pieces of the pattern language are enough for this notebook:
#
# | Pattern | Matches |
# |---|---|
# | `passport` | the letters "passport" anywhere (also inside "passports") |
# | `keep\|kept` | "keep" or "kept" (`\|` means *or*) |
# | `\b` | the edge of a word: `\bfee\b` matches "fee" but not "feet" or "coffee" |
# | `.{0,40}` | any 0 to 40 characters: `keep.{0,40}passport` is "keep", then "passport" soon after |
# | `\d` , `\d+` | one digit, one or more digits |
# | `\s`, `[\s.-]` | a space; one character that is a space, a dot or a dash |
#
# Take **documents kept**. The first idea, "the ad mentions a passport", is too wide: many lawful ads
# ask people to *bring* a passport or other ID on the first day, for the I-9 form with which an
# employer in the US checks that a new hire may work. Count both versions on curated sentences first,
# where we know the right answer, then on the ads:

# %%
curated = pd.Series([
    "We keep your passport safe during the contract.",                # kept: yes
    "Passports are kept by the supervisor.",                          # kept: yes
    "We take care of all your documents for the whole contract.",     # kept: yes, said softly
    "Bring a passport or ID for the I-9 form on your first day.",     # lawful: no
    "Must be 18+ with valid ID.",                                      # lawful: no
])
naive = r"passport"
better = (r"(keep|kept|hold|held|take care of|looks? after)[^.]{0,40}(passport|document|papers|\bID\b)"
          r"|(passport|document)s?.{0,20}(are|is) (kept|held)")
pd.DataFrame({"sentence": curated,
              "naive": curated.str.contains(naive, case=False),
              "better": curated.str.contains(better, case=False)})

# %% [markdown]
# The naive rule flags the I-9 sentence and misses the soft wording; the better one asks for a verb
# of keeping ("keep", "hold", "take care of", "look after") near a document, in the same sentence:
# `[^.]{0,40}` allows up to 40 characters that are not a full stop, so "keep the kitchen clean.
# Bring a passport for the I-9 form" is not a match, as `.{0,40}` would be. On the ads, the
# difference is large:

# %%
text = ads["title"] + " " + ads["body"]
print("Ads mentioning a passport:   ", text.str.contains(naive, case=False).sum())
print("Ads saying documents are kept:", text.str.contains(better, case=False).sum())

# %% [markdown]
# The course's rules for the other indicators are below, written the same way. Read each one and the
# sentence in the comment that it is meant to catch. You will apply all of them at once in the
# exercise.

# %%
INDICATOR_RULES = {
    "documents_kept": better,
    "travel_housing": r"(hotel|housing|accommodation|flight|visa|transport).{0,30}(covered|provided|arranged|free|on site)|free (flight|travel|housing)",
    "high_pay": r"\$\s?1,?[5-9]\d\d\s?-\s?\$?\s?2,?\d{3}\s(every|a|per) week|\$4,000",  # "$1,500-$2,500 every week"
    "no_experience": r"no experience",
    "app_only": r"text only|chatappx|no calls",
    "age_appearance": r"\b1[89]\s?-\s?2\d\b|photo|young (women|men)",       # "18-25", "send a photo"
    "urgency": r"start (now|immediately|this week|monday)|limited (spots|places|openings)|spaces are limited|places fill fast",
}
for name, rule in INDICATOR_RULES.items():
    print(f"{name:15} {text.str.contains(rule, case=False).sum():4d} ads")

# %% [markdown]
# Look at the counts: "no experience" and "urgency" fire on hundreds of ordinary ads. They are
# weak signs on their own; part 2 measures how much each one is worth. `high_pay` is written for
# the dollar ranges these ads use, not for pay in general (a fair rule would compare the pay with
# what the job usually pays); it fires on the truck drivers and travel nurses too, whose pay is high
# because the job is; and the operations do not
# always say everything: some of their ads leave out the travel, the urgency or the "no experience"
# line, so counting indicators misses some of them.
#
# ### Exercise RC-1.1 (3 points): `flag_ads`
#
# Write `flag_ads(ads, rules)`. `rules` is a dictionary like `INDICATOR_RULES`: a name and a regex
# for each indicator. Return a **table** with one True/False column per rule, named like the rule,
# and one row per ad, **with the same index as `ads`** (so that `ads[flags["app_only"]]` selects the
# right ads). A rule is True for an ad when its pattern occurs in the ad's **title or body**:
# search `title + " " + body`. Ignore upper and lower case ("NO EXPERIENCE" counts). Do not change
# `ads`.
#
# *Hint:* start from `text = ads["title"] + " " + ads["body"]`, make an empty table with
# `pd.DataFrame(index=ads.index)`, then fill one column per rule in a loop over `rules.items()`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc1_flag_ads", "schema_version": 3}
def flag_ads(ads, rules):
    """Return a True/False table: one column per rule, one row per ad (same index as ads)."""
    ### BEGIN SOLUTION
    text = ads["title"] + " " + ads["body"]
    flags = pd.DataFrame(index=ads.index)
    for name, pattern in rules.items():
        flags[name] = text.str.contains(pattern, case=False, regex=True)
    return flags
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc1_flag_ads_tests", "schema_version": 3}
def _check_rc1_flag_ads():
    """Check that flag_ads applies every rule, case-insensitively, to title and body."""
    import pandas as pd
    from course_checks import table_of, unchanged

    tiny = pd.DataFrame({
        "ad_id": ["A1", "A2", "A3", "A4"],
        "title": ["Cook", "HOSTESS - TEXT ONLY", "Driver", "Cleaner"],
        "body": ["No fees to apply.", "Earn well.", "Deposit $200 to start. text only",
                 "Start Monday."],
    }, index=[10, 20, 30, 40])
    before = tiny.copy()
    rules = {"app_only": r"text only", "deposit": r"deposit \$\d+", "fee": r"\bfees?\b"}
    call = "flag_ads(tiny, rules)"
    got = table_of(flag_ads(tiny, rules), call,
                   "Build a DataFrame with pd.DataFrame(index=ads.index) and add a column per rule.")
    assert set(got.columns) == set(rules), (
        f"{call} should have one column per rule, named like the rule ({sorted(rules)}); it has "
        f"{list(got.columns)}.")
    assert sorted(got.index) == [10, 20, 30, 40], (
        f"{call} should keep the index of ads (10, 20, 30, 40 here); it has {list(got.index)}. "
        "Start from pd.DataFrame(index=ads.index), without reset_index().")
    flagged = {name: set(tiny.loc[got.index[got[name].astype(bool)], "ad_id"]) for name in rules}
    assert "A2" in flagged["app_only"], (
        "A2's title is 'HOSTESS - TEXT ONLY': the rule 'text only' should fire on it. Search the "
        "title as well as the body, and ignore case (case=False).")
    assert "A3" in flagged["app_only"], (
        "A3's body contains 'text only': the rule app_only should be True for it.")
    assert flagged["deposit"] == {"A3"}, (
        f"The rule 'deposit \\$\\d+' should fire on A3 only ('Deposit $200'); it fired on "
        f"{sorted(flagged['deposit'])}. Ignore case, and use the pattern as a regex.")
    assert flagged["fee"] == {"A1"}, (
        f"The rule 'fee' should fire on A1 only; it fired on {sorted(flagged['fee'])}.")
    assert flagged["app_only"] == {"A2", "A3"}, (
        f"The rule app_only should fire on A2 and A3; it fired on {sorted(flagged['app_only'])}.")
    one = flag_ads(tiny, {"start": r"start"})
    assert list(one.columns) == ["start"] and set(tiny.loc[one.index[one["start"]], "ad_id"]) == {
        "A3", "A4"}, "With rules={'start': 'start'}, expected one column 'start', True for A3 and "\
        "A4 ('Start Monday' counts: ignore case). Use the rules you are given, not INDICATOR_RULES."
    unchanged(before, tiny, "flag_ads", "Put the flags in a new table; do not add columns to ads.")
    print("Visible tests passed: flag_ads applies every rule to title and body.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/recruitment/ads.csv")
    full.index = range(5000, 5000 + len(full))
    rules = {"fee": r"\bfee\b|deposit", "photo": r"photo", "young": r"young (women|men)",
             "week": r"every week|per week"}
    got = flag_ads(full, rules)
    text = (full["title"] + " " + full["body"]).str.lower()
    for name, rule in rules.items():
        want = set(full.index[text.str.contains(rule, regex=True)])
        have = set(got.index[got[name].astype(bool)])
        assert have == want, (
            f"On the ads with the rule {name!r}, expected {len(want)} ads flagged; got {len(have)}.")
    ### END HIDDEN TESTS


_check_rc1_flag_ads()
del _check_rc1_flag_ads


# %%
# Try it on the ads (not graded): how many ads carry how many indicators?
flags = flag_ads(ads, INDICATOR_RULES)
flags.sum(axis=1).value_counts().sort_index()

# %% [markdown]
# ### The worker should not pay: a rule with an exception
#
# The ILO's definition of recruitment fees and related costs says workers should not be charged them
# "directly or indirectly, in whole or in part": the employer pays (IOM calls it the *Employer Pays
# Principle*). An ad that asks the applicant for a "processing fee", a "registration fee" or a
# "deposit to reserve your place" breaks it, and a debt taken on to get a job is how many people end
# up in debt bondage. (The law on recruitment fees differs between countries; the principle does
# not.)
#
# A rule that looks for the word "fee" is too wide. Lawful ads say so when they do **not** charge
# ("No fees to apply, ever."), and some employers pay a fee *for* the worker ("we pay your visa
# fee"). The rule needs an exception, written just as plainly:
#
# - it fires when the text mentions a **fee** or a **deposit** (whole words, any case: "Fee",
#   "fees", "DEPOSIT");
# - it does not fire when the fee is denied or paid by someone else **in the same sentence**: "no
#   fee(s)", "free of fees", "we pay", "paid by us", "paid by the employer". ("We pay weekly.
#   Deposit $200 to start." asks for a deposit: the denial belongs to another sentence.)
#
# ### Worked example: a rule with an exception, on one sentence
#
# `re.search(pattern, text, flags=re.IGNORECASE)` finds a pattern in one piece of text (not a column)
# and gives back a match or `None`; `bool(...)` turns that into True or False. Here is the same idea
# for a different indicator, "a photo is asked for", with an exception for "no photo needed":

# %%
def asks_for_photo(text):
    """True if the text asks for a photo, unless it says no photo is needed."""
    mentions = re.search(r"\bphotos?\b", text, flags=re.IGNORECASE)
    denied = re.search(r"\bno photos?\b", text, flags=re.IGNORECASE)
    return bool(mentions) and not denied


for sentence in ["Send a recent photo with your message.", "No photo needed, just apply online.",
                 "Photographer assistant wanted.", "Photo ID required at the interview."]:
    print(asks_for_photo(sentence), "|", sentence)

# %% [markdown]
# The last line shows the next exception this rule would need: a photo **ID** shown at an interview
# is not a photo sent to a recruiter. The `age_appearance` rule above has the same blind spot, and
# lawful ads say "Photo ID required"; part 2 counts what such misfires cost. Every exception has its
# own reach, too: this one looks at the whole text, which is fine for one sentence. On a whole ad a
# denial anywhere would let "No fee to apply. Deposit $200 for housing." pass as lawful, so the
# exercise below keeps each exception to its own sentence.

# %% [markdown]
# ### Exercise RC-1.2 (2 points): `worker_pays_fee`
#
# Write `worker_pays_fee(text)`, which returns **True** when a sentence of `text` (one ad's text)
# mentions a fee or a deposit as whole words ("fee", "fees", "deposit", "deposits", in any case) and
# that **same sentence** does not say "no fee" / "no fees", "free of fees", "we pay", "paid by us" or
# "paid by the employer" (any case); otherwise **False**. It returns `True` or `False`, never a match
# object.
#
# *Hint:* `re.split(r"(?<=[.!?])\s+", text)` cuts a text into sentences after each `.`, `!` or `?`
# that a space follows. Loop over them and return True as soon as one sentence asks for money.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc1_worker_pays", "schema_version": 3}
def worker_pays_fee(text):
    """True if the text asks the worker for a fee or deposit (and does not deny it)."""
    ### BEGIN SOLUTION
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        mentions = re.search(r"\b(fees?|deposits?)\b", sentence, flags=re.IGNORECASE)
        denied = re.search(r"\bno fees?\b|free of fees|\bwe pay\b|paid by (us|the employer)",
                           sentence, flags=re.IGNORECASE)
        if mentions and not denied:
            return True
    return False
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "rc1_worker_pays_tests", "schema_version": 3}
def _check_rc1_worker_pays():
    """Check worker_pays_fee on curated sentences: fees and deposits, and the exceptions."""
    pays = ["Small processing fee of $350 for uniform and paperwork, paid before start.",
            "Deposit $200 to reserve your place.", "REGISTRATION FEE $150, we handle your papers.",
            "Fees apply for training.", "Deposits are due on the first day.",
            "We pay weekly. Deposit $200 to start.", "No fee to apply. Deposit $200 for housing."]
    lawful = ["No fees to apply, ever.", "We pay your visa fee.", "Must pass a background check.",
              "Free of fees for every applicant.", "Relocation fee paid by the employer.",
              "Coffee and snacks provided.", "Travel fee paid by us.", "NO FEE TO APPLY."]
    for sentence in pays:
        got = worker_pays_fee(sentence)
        assert got is True or got is False or type(got).__name__ == "bool_", (
            f"worker_pays_fee({sentence!r}) returned {got!r}: return True or False (use bool(...)).")
        assert got, (f"worker_pays_fee({sentence!r}) should be True: it asks the worker to pay. "
                     "Match 'fee', 'fees', 'deposit' and 'deposits' as whole words, in any case, "
                     "and let a denial count only in its own sentence.")
    for sentence in lawful:
        assert not worker_pays_fee(sentence), (
            f"worker_pays_fee({sentence!r}) should be False: no fee is asked of the worker. Check "
            "the exceptions (no fee(s), free of fees, we pay, paid by us / the employer) in the "
            "sentence of the fee, whole words only ('coffee' is not 'fee'), and ignore case.")
    print("Visible tests passed: worker_pays_fee tells a fee asked of the worker from the rest.")

    ### BEGIN HIDDEN TESTS
    assert worker_pays_fee("Visa processing fee $600, paid in advance and refunded after 3 months.")
    assert worker_pays_fee("deposits are due on the first day")
    assert not worker_pays_fee("Feel free to call.")
    assert not worker_pays_fee("No Fees, no deposit, ever.")
    assert not worker_pays_fee("We Pay the agency fee.")
    assert not worker_pays_fee("Uniform fee PAID BY US.")
    assert not worker_pays_fee("Weekly pay.")
    assert worker_pays_fee("No fee to apply! Deposits are due on the first day.")
    assert worker_pays_fee("Free of fees? Not quite: a $90 fee for the badge.")
    assert not worker_pays_fee("We pay well. No fees, ever. Call today.")
    ### END HIDDEN TESTS


_check_rc1_worker_pays()
del _check_rc1_worker_pays


# %%
# Try it on the ads (not graded): which ads ask the worker for money?
text = ads["title"] + " " + ads["body"]
pays_fee = text.map(worker_pays_fee)
print(pays_fee.sum(), "ads ask the worker for a fee or deposit.")
ads.loc[pays_fee, "title"].value_counts().head(12)

# %% [markdown]
# Read the titles. Most are the overseas, farm, cleaning and agency jobs you would expect, but some
# are ordinary jobs whose ad says "Background check fee reimbursed with your first paycheck". The
# rule works as written; whether a reimbursed fee is a concern is a judgment the rule cannot make.

# %% [markdown]
# ## RC-2 Contacts written in many ways (46 min)
#
# An ad's phone number, e-mail address or messaging handle is what ties it to the people behind it:
# Ibanez and Suthers (2014), who followed ads over six weeks, found that "a key element in observing
# movement was the advertised phone number". Researchers have since linked large collections of
# ads through shared phones and e-mails (the DIG knowledge graph, 2015; IDTraffickers, 2023, which
# grouped 87,595 ads into 5,244 advertisers by their phone numbers). But the same number is
# written in many ways, and people who do not want to be found by a simple search write it in ways a
# computer does not see at first: spaced digits, digits spelled out, "(at)" for "@". Wang and
# colleagues (2019) describe the same habit in ad text: keywords swapped for acronyms, typos and
# emoji. Look at some contact lines:

# %%
ads["contact_raw"].sample(12, random_state=3).tolist()

# %% [markdown]
# To compare contacts, write each one **one way** (normalize it). In this course a phone is written
# `NPA-555-01XX`, for example `316-555-0109`; an e-mail is written in lower case with `@` and `.`.
#
# ### Worked example: messaging handles
#
# Handles in this data always start with `demo_`, followed by letters, digits or `_`. In a regex,
# `\w` is one letter, digit or underscore, and `\w+` one or more of them. `re.findall` returns every
# match in a text:

# %%
def handles_in(text):
    """Return the set of messaging handles (demo_...) in the text, in lower case."""
    return set(re.findall(r"\bdemo_\w+", text.lower()))


print(handles_in("Call/text 214-555-0132 / ChatAppX: demo_moraven75"))
print(handles_in("No handle here: 316-555-0142."))

# %% [markdown]
# For phones we need two more tools. `re.sub(pattern, replacement, text)` replaces every match, for
# example every spelled-out digit by the digit itself. And a pattern can allow **separators between
# the digits**: `\d(?:[\s.()-]*\d){9}` is a digit followed nine times by "any number of spaces, dots,
# brackets or dashes, then a digit": ten digits, however they are spaced. `re.sub(r"\D", "", match)`
# then keeps only the digits (`\D` is anything that is not a digit). Here is the spaced pattern on a
# few lines, before any words are turned into digits:

# %%
TEN_DIGITS = r"\d(?:[\s.()-]*\d){9}"
for line in ["Call or text (316) 555-0142.", "📱 8 1 6 5 5 5 0 1 2 6", "text 214-555-01 01",
             "📱 three one six 555 0109"]:
    found = re.findall(TEN_DIGITS, line)
    print(f"{line!r:35} -> {[re.sub(r'[^0-9]', '', match) for match in found]}")

# %% [markdown]
# The last line finds nothing: its first digits are words. That is your job.
#
# ### Exercise RC-2.1 (3 points): `phones_in`
#
# Write `phones_in(text)`. It returns the **set** of phone numbers in `text`, each written
# `NPA-555-01XX` (three digits, dash, three digits, dash, four digits). It must find numbers
#
# - with any spaces, dots, dashes or brackets between the digits (`(316) 555-0142`, `316.555.0142`,
#   `3 1 6 5 5 5 0 1 4 2`, `316-555-01 42`), and
# - with digits written as words, in any case (`three one six 555 0142`, `316 FIVE five five 0142`):
#   replace the words `zero` to `nine` by their digits first, as whole words only ("someone" has no
#   "one" in it that counts).
#
# A text without a phone gives an empty set. Use `TEN_DIGITS` and `DIGIT_WORDS` below.

# %%
DIGIT_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
               "six": "6", "seven": "7", "eight": "8", "nine": "9"}

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc2_phones", "schema_version": 3}
def phones_in(text):
    """Return the set of phone numbers in the text, each written NPA-555-01XX."""
    ### BEGIN SOLUTION
    text = text.lower()
    for word, digit in DIGIT_WORDS.items():
        text = re.sub(rf"\b{word}\b", digit, text)
    phones = set()
    for match in re.findall(TEN_DIGITS, text):
        digits = re.sub(r"\D", "", match)
        phones.add(f"{digits[:3]}-{digits[3:6]}-{digits[6:]}")
    return phones
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc2_phones_tests", "schema_version": 3}
def _check_rc2_phones():
    """Check phones_in on contact lines written in every way the ads use."""
    from course_checks import ids_of

    cases = {
        "Call or text 316-555-0142.": {"316-555-0142"},
        "Call or text (316) 555-0142.": {"316-555-0142"},
        "316.555.0142": {"316-555-0142"},
        "📱 7 8 5 5 5 5 0 1 2 6": {"785-555-0126"},
        "text 214-555-01 01": {"214-555-0101"},
        "📱 three one six 555 0109": {"316-555-0109"},
        "Apply in person or call 469 five five five 0117.": {"469-555-0117"},
        "Call 316 FIVE Five five 0110": {"316-555-0110"},
        "Email your resume to hiring@peltan-grill.test.": set(),
        "Someone will call you, no phone needed.": set(),
        "Phone 316 555 0142": {"316-555-0142"},
        "Text (913) 555-0150 / Contact: 816-555-0187": {"913-555-0150", "816-555-0187"},
    }
    for text, want in cases.items():
        call = f"phones_in({text!r})"
        got = ids_of(phones_in(text), call, "phone numbers")
        assert got == want, (
            f"{call} should give {sorted(want) or 'an empty set'}; it gave {sorted(got)}. "
            "Numbers are written with dashes, NPA-555-01XX. Digits may be spaced, dotted, "
            "bracketed or written as words (any case); replace whole words only.")
    print("Visible tests passed: phones_in finds and normalizes every way of writing a phone.")

    ### BEGIN HIDDEN TESTS
    assert ids_of(phones_in("two one four 555 01 32 and (816)555.0143"), "phones_in",
                  "phones") == {"214-555-0132", "816-555-0143"}
    assert ids_of(phones_in("Earn $1,500-$2,500 every week. Deposit $200."), "phones_in",
                  "phones") == set()
    assert ids_of(phones_in("FOUR zero FIVE five five five zero one two five"), "phones_in",
                  "phones") == {"405-555-0125"}
    assert ids_of(phones_in("nothing"), "phones_in", "phones") == set()
    ### END HIDDEN TESTS


_check_rc2_phones()
del _check_rc2_phones


# %% [markdown]
# ### Exercise RC-2.2 (2 points): `emails_in`
#
# Write `emails_in(text)`. It returns the **set** of e-mail addresses in `text`, in lower case, after
# undoing the usual disguises (in any case, with or without spaces around them):
#
# - `(at)`, `[at]` and ` at ` (the word "at" between spaces) stand for `@`;
# - `(dot)`, `[dot]` and ` dot ` stand for `.`.
#
# So `tamtan.staff23(at)example.net`, `crew.haranmar [at] example (dot) org` and
# `contact at salorgard-cleaning-services dot test` are all e-mails. An address is letters, digits,
# dots, dashes or underscores, then `@`, then a domain of letters, digits and dashes with at least
# one dot. Use the pattern `EMAIL` below once the disguises are undone. A text without an e-mail
# gives an empty set.
#
# *Hint:* the order matters. Replace the bracketed forms and the spaced words with `re.sub`, for
# example `re.sub(r"\s*[\(\[]at[\)\]]\s*|\s+at\s+", "@", text)`, then look for `EMAIL`.

# %%
EMAIL = r"[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc2_emails", "schema_version": 3}
def emails_in(text):
    """Return the set of e-mail addresses in the text, in lower case, disguises undone."""
    ### BEGIN SOLUTION
    text = text.lower()
    text = re.sub(r"\s*[\(\[]\s*at\s*[\)\]]\s*|\s+at\s+", "@", text)
    text = re.sub(r"\s*[\(\[]\s*dot\s*[\)\]]\s*|\s+dot\s+", ".", text)
    return set(re.findall(EMAIL, text))
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "rc2_emails_tests", "schema_version": 3}
def _check_rc2_emails():
    """Check emails_in on plain and disguised addresses."""
    from course_checks import ids_of

    cases = {
        "Email your resume to hiring@peltan-grill.test.": {"hiring@peltan-grill.test"},
        "email Tamtan.Staff23@Example.net": {"tamtan.staff23@example.net"},
        "email tamtan.staff23(at)example.net / ChatAppX: demo_moraven75":
            {"tamtan.staff23@example.net"},
        "email crew.haranmar [at] example (dot) org": {"crew.haranmar@example.org"},
        "email contact at salorgard-cleaning-services dot test":
            {"contact@salorgard-cleaning-services.test"},
        "email jobs [AT] agency [DOT] test": {"jobs@agency.test"},
        "Apply in person or call 573-555-0178.": set(),
        "Look at the site today": set(),
    }
    for text, want in cases.items():
        call = f"emails_in({text!r})"
        got = ids_of(emails_in(text), call, "e-mail addresses")
        assert got == want, (
            f"{call} should give {sorted(want) or 'an empty set'}; it gave {sorted(got)}. Write "
            "addresses in lower case; (at), [at] and ' at ' mean @, (dot), [dot] and ' dot ' "
            "mean '.', in any case.")
    print("Visible tests passed: emails_in finds plain and disguised e-mail addresses.")

    ### BEGIN HIDDEN TESTS
    assert ids_of(emails_in("a.b@x.example.org and C(AT)d.test"), "emails_in", "e-mails") == {
        "a.b@x.example.org", "c@d.test"}
    assert ids_of(emails_in("meet at noon"), "emails_in", "e-mails") == set()
    ### END HIDDEN TESTS


_check_rc2_emails()
del _check_rc2_emails


# %% [markdown]
# Now every ad's contacts, as one long table with one row per ad and contact: the kind of table an
# analyst keeps. (If one of your functions is not finished, this cell shows what is missing.)

# %%
def contacts_table(ads):
    """One row per ad and contact it lists: ad_id, contact, kind (phone, email or handle)."""
    rows = []
    for ad_id, line in zip(ads["ad_id"], ads["contact_raw"]):
        for kind, found in [("phone", phones_in(line)), ("email", emails_in(line)),
                            ("handle", handles_in(line))]:
            rows += [(ad_id, contact, kind) for contact in sorted(found)]
    return pd.DataFrame(rows, columns=["ad_id", "contact", "kind"])


ad_contacts = contacts_table(ads)
print(f"{len(ad_contacts):,} ad-contact rows: {ad_contacts['contact'].nunique()} different contacts "
      f"in {ad_contacts['ad_id'].nunique()} of the {len(ads)} ads.")
ad_contacts.groupby("kind")["contact"].nunique()

# %% [markdown]
# ## RC-3 Linking ads through shared contacts (95 min)
#
# A tip names one ad. Its phone appears in other ads; one of those also lists an e-mail, which
# appears in still other ads with another phone. Following "shares a contact with" step by step is
# exactly what a **graph** does. Make a node for every ad and every contact, and an edge from each
# ad to each contact it lists. Ads and contacts are two kinds of node, and edges only ever join an ad
# to a contact: such a graph is called **bipartite**. Two ads are linked, directly or through a
# chain, when they are in the same **connected component**. The DIG system and the Memex tools used
# by US agencies linked ads this way (Szekely et al. 2015; Hundman et al. 2018), and InfoShield
# (Lee et al., ICDE 2021) builds the same kind of graph between ads and their phrases.
#
# An ad that lists **two phones** is a *bridge*: it joins the ads of one phone to the ads of the
# other. Without bridges, an operation that rotates its phones would fall apart into one small group
# per phone.
#
# ### Worked example: a small graph by hand
#
# `nx.Graph()` is an undirected graph: an edge has no direction, as "ad A lists phone P" is the same
# link seen from either end. `add_node(name, kind=...)` stores a label on a node; `graph.nodes[name]`
# reads it back.

# %%
example = nx.Graph()
for ad, contact in [("AD-1", "316-555-0109"), ("AD-2", "316-555-0109"),
                    ("AD-2", "214-555-0148"), ("AD-3", "214-555-0148"), ("AD-4", "x@y.test")]:
    example.add_node(ad, kind="ad")
    example.add_node(contact, kind="contact")
    example.add_edge(ad, contact)

for component in nx.connected_components(example):
    print(sorted(component))
print("AD-2 is a:", example.nodes["AD-2"]["kind"])

# %% [markdown]
# AD-1 and AD-3 share no contact, yet they are in one component: AD-2, a bridge, lists both phones.
# Note that each component mixes ads **and** contacts; to count ads, keep the nodes whose `kind` is
# `"ad"`.
#
# ### Exercise RC-3.1 (3 points): `contact_graph`
#
# Write `contact_graph(ad_contacts)`. `ad_contacts` is a table like the one above, with columns
# `ad_id` and `contact` (and others you do not need). Return an **undirected** `nx.Graph` with a node
# for every ad (attribute `kind="ad"`), a node for every contact (`kind="contact"`) and one edge for
# each ad and contact it lists. A contact listed twice by the same ad is still one edge. Do not change
# `ad_contacts`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc3_contact_graph", "schema_version": 3}
def contact_graph(ad_contacts):
    """Return the undirected bipartite graph of ads and the contacts they list."""
    ### BEGIN SOLUTION
    graph = nx.Graph()
    for ad, contact in zip(ad_contacts["ad_id"], ad_contacts["contact"]):
        graph.add_node(ad, kind="ad")
        graph.add_node(contact, kind="contact")
        graph.add_edge(ad, contact)
    return graph
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc3_contact_graph_tests", "schema_version": 3}
def _check_rc3_contact_graph():
    """Check contact_graph: an undirected graph of ads and contacts, labeled by kind."""
    import networkx as nx
    import pandas as pd
    from course_checks import returned, unchanged

    tiny = pd.DataFrame({
        "ad_id": ["A1", "A2", "A2", "A3", "A4", "A4"],
        "contact": ["316-555-0109", "316-555-0109", "x@y.test", "x@y.test", "demo_z", "demo_z"],
        "kind": ["phone", "phone", "email", "email", "handle", "handle"],
    }, index=[7, 3, 5, 1, 9, 2])
    before = tiny.copy()
    call = "contact_graph(tiny)"
    graph = returned(contact_graph(tiny), call)
    assert isinstance(graph, nx.Graph) and not graph.is_directed() and not graph.is_multigraph(), (
        f"{call} should return an undirected nx.Graph(); it returned a {type(graph).__name__}. "
        "A link between an ad and a contact has no direction, and a repeated row is one edge.")
    want_nodes = {"A1", "A2", "A3", "A4", "316-555-0109", "x@y.test", "demo_z"}
    assert set(graph.nodes) == want_nodes, (
        f"{call} should have the 4 ads and the 3 contacts as nodes; it has {sorted(graph.nodes)}.")
    kinds = {node: graph.nodes[node].get("kind") for node in graph.nodes}
    assert all(kinds[a] == "ad" for a in ["A1", "A2", "A3", "A4"]), (
        f"Every ad node needs kind='ad' (add_node(ad, kind='ad')); got {kinds}.")
    assert all(kinds[c] == "contact" for c in ["316-555-0109", "x@y.test", "demo_z"]), (
        f"Every contact node needs kind='contact'; got {kinds}.")
    want_edges = {("A1", "316-555-0109"), ("A2", "316-555-0109"), ("A2", "x@y.test"),
                  ("A3", "x@y.test"), ("A4", "demo_z")}
    got_edges = {tuple(sorted(edge, key=lambda n: not n.startswith("A"))) for edge in graph.edges}
    assert got_edges == want_edges and graph.number_of_edges() == 5, (
        f"{call} should have 5 edges, one per ad and contact (A4 lists demo_z twice: one edge); "
        f"it has {graph.number_of_edges()}: {sorted(got_edges)}.")
    unchanged(before, tiny, "contact_graph", "Read ad_contacts; do not change it.")
    print("Visible tests passed: contact_graph links ads to their contacts.")

    ### BEGIN HIDDEN TESTS
    rows = pd.DataFrame({"ad_id": ["B1", "B2"], "contact": ["c1", "c2"]}, index=[0, 5])
    small = contact_graph(rows)
    assert sorted(nx.connected_components(small), key=min) == [{"B1", "c1"}, {"B2", "c2"}], (
        "Two ads with different contacts should be two components.")
    ### END HIDDEN TESTS


_check_rc3_contact_graph()
del _check_rc3_contact_graph


# %% [markdown]
# ### Exercise RC-3.2 (3 points): `linked_ads`
#
# Write `linked_ads(graph, start)`. `start` is an ad id or a contact in `graph` (a graph like the one
# `contact_graph` returns). Return the **set of ad ids** in the same connected component as `start`:
# every ad linked to it directly or through a chain of shared contacts, including `start` itself if
# it is an ad, and **no contact nodes** (keep the nodes whose `kind` is `"ad"`).
#
# *Hint:* `nx.node_connected_component(graph, start)` gives the component of one node.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc3_linked_ads", "schema_version": 3}
def linked_ads(graph, start):
    """Return the set of ad ids in the same connected component as `start` (no contacts)."""
    ### BEGIN SOLUTION
    component = nx.node_connected_component(graph, start)
    return {node for node in component if graph.nodes[node]["kind"] == "ad"}
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc3_linked_ads_tests", "schema_version": 3}
def _check_rc3_linked_ads():
    """Check linked_ads: the ads of one component, through chains, without contacts."""
    import networkx as nx
    from course_checks import ids_of

    graph = nx.Graph()
    for ad, contact in [("A1", "p1"), ("A2", "p1"), ("A2", "p2"), ("A3", "p2"), ("A4", "p3"),
                        ("A5", "e1"), ("A6", "e1")]:
        graph.add_node(ad, kind="ad")
        graph.add_node(contact, kind="contact")
        graph.add_edge(ad, contact)
    graph.add_node("A7", kind="ad")
    before = nx.to_dict_of_lists(graph)

    got = ids_of(linked_ads(graph, "A1"), "linked_ads(graph, 'A1')", "ad ids")
    assert not got & {"p1", "p2", "p3", "e1"}, (
        f"linked_ads(graph, 'A1') returned contacts too ({sorted(got & {'p1', 'p2'})}): keep only "
        "the nodes whose kind is 'ad'.")
    assert "A1" in got, "linked_ads(graph, 'A1') should include A1 itself: it is an ad."
    assert "A3" in got, (
        "A3 is linked to A1 through a chain (A1 - p1 - A2 - p2 - A3): take the whole connected "
        "component, not only the ads that share a contact with A1 directly.")
    assert got == {"A1", "A2", "A3"}, f"linked_ads(graph, 'A1') should be A1, A2, A3; got {sorted(got)}."
    from_contact = ids_of(linked_ads(graph, "e1"), "linked_ads(graph, 'e1')", "ad ids")
    assert from_contact == {"A5", "A6"}, (
        f"Starting from the contact e1, expected the ads A5 and A6; got {sorted(from_contact)}.")
    alone = ids_of(linked_ads(graph, "A7"), "linked_ads(graph, 'A7')", "ad ids")
    assert alone == {"A7"}, f"A7 has no contact: its component is A7 alone; got {sorted(alone)}."
    assert nx.to_dict_of_lists(graph) == before, "linked_ads changed the graph: only read it."
    print("Visible tests passed: linked_ads follows chains of shared contacts.")

    ### BEGIN HIDDEN TESTS
    graph.add_edge("A4", "p2")
    assert ids_of(linked_ads(graph, "p3"), "linked_ads", "ad ids") == {"A1", "A2", "A3", "A4"}
    ### END HIDDEN TESTS


_check_rc3_linked_ads()
del _check_rc3_linked_ads


# %% [markdown]
# ### Exercise RC-3.3 (2 points): `bridge_ads`
#
# Write `bridge_ads(ad_contacts)`. Return the **set of ad ids** that list **two or more different
# phones** (rows whose `kind` is `"phone"`). An ad that lists one phone and one e-mail is not a bridge
# in this sense, and a phone listed twice by one ad counts once.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc3_bridge_ads", "schema_version": 3}
def bridge_ads(ad_contacts):
    """Return the set of ad ids that list two or more different phones."""
    ### BEGIN SOLUTION
    phones = ad_contacts[ad_contacts["kind"] == "phone"]
    per_ad = phones.groupby("ad_id")["contact"].nunique()
    return set(per_ad[per_ad >= 2].index)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "rc3_bridge_ads_tests", "schema_version": 3}
def _check_rc3_bridge_ads():
    """Check bridge_ads: two or more different phones, phones only, each counted once."""
    import pandas as pd
    from course_checks import ids_of, unchanged

    tiny = pd.DataFrame({
        "ad_id": ["A1", "A1", "A2", "A2", "A3", "A3", "A4", "A4", "A4"],
        "contact": ["p1", "p2", "p1", "e1", "p3", "p3", "p1", "p4", "p5"],
        "kind": ["phone", "phone", "phone", "email", "phone", "phone", "phone", "phone", "phone"],
    }, index=[9, 8, 7, 6, 5, 4, 3, 2, 1])
    before = tiny.copy()
    got = ids_of(bridge_ads(tiny), "bridge_ads(tiny)", "ad ids", once=True)
    assert "A2" not in got, (
        "A2 lists one phone and one e-mail: it is not a bridge. Count rows whose kind is 'phone'.")
    assert "A3" not in got, (
        "A3 lists the same phone twice: one different phone, not a bridge. Count different phones "
        "(nunique), not rows.")
    assert "A1" in got, "A1 lists two different phones (p1 and p2): it is a bridge."
    assert got == {"A1", "A4"}, f"bridge_ads(tiny) should be A1 and A4; got {sorted(got)}."
    unchanged(before, tiny, "bridge_ads", "Filter into a new table; do not change ad_contacts.")
    print("Visible tests passed: bridge_ads finds the ads that list two or more phones.")

    ### BEGIN HIDDEN TESTS
    two = pd.DataFrame({"ad_id": ["B1", "B1", "B2"], "contact": ["e1", "e2", "p9"],
                        "kind": ["email", "email", "phone"]})
    assert ids_of(bridge_ads(two), "bridge_ads", "ad ids") == set(), (
        "Two e-mails do not make a bridge: count phones only.")
    ### END HIDDEN TESTS


_check_rc3_bridge_ads()
del _check_rc3_bridge_ads


# %% [markdown]
# ### The groups in the ads
#
# Now the whole data. Build the graph of every ad and contact, then list the components by the
# number of **ads** they hold (not nodes), with their contacts, cities and a sample title:

# %%
graph = contact_graph(ad_contacts)
bridges = bridge_ads(ad_contacts)
rows = []
for component in nx.connected_components(graph):
    ad_ids = [node for node in component if graph.nodes[node]["kind"] == "ad"]
    these = ads[ads["ad_id"].isin(ad_ids)]
    rows.append({"ads": len(ad_ids), "contacts": len(component) - len(ad_ids),
                 "bridge_ads": len(bridges & set(ad_ids)), "cities": these["city"].nunique(),
                 "title": these["title"].mode()[0], "first_ad": min(ad_ids)})
groups = pd.DataFrame(rows).sort_values(["ads", "first_ad"], ascending=[False, True])
print(f"{len(groups)} groups; {(groups['ads'] == 1).sum()} of them are a single ad.")
groups.head(10)

# %% [markdown]
# Read the largest groups one by one. Most have a **single** contact and a plain title: lawful
# employers that repost the same job every few days or weeks under one phone, as chains do. The
# largest is a staffing agency that posts the same kinds of jobs in several cities under one phone.
# One has several contacts, bridge ads and many cities, and its ads ask for a photo and promise
# travel. A big group is a reason to look, not a finding: smaller groups with several contacts sit
# far down this list, below dozens of lawful employers. Sort by the contacts and the bridge ads
# instead, and they come to the top:

# %%
groups.sort_values(["contacts", "bridge_ads"], ascending=False).head(8)

# %% [markdown]
# Look inside the group with the most contacts: each contact, how many ads list it, when it was
# first and last seen, and the employer names those ads give.

# %%
most = groups.sort_values(["contacts", "ads"], ascending=False).iloc[0]
largest = linked_ads(graph, most["first_ad"])
uses = ad_contacts[ad_contacts["ad_id"].isin(largest)].merge(ads, on="ad_id")
uses.groupby("contact").agg(ads=("ad_id", "size"), first=("posted_at", "min"),
                            last=("posted_at", "max"),
                            employers=("employer_name", lambda n: sorted(n.dropna().unique())))

# %% [markdown]
# If an employer's name turns up on one contact only, look at that contact's ads and dates.
# Carriers give numbers that were given up to new customers, so a phone an operation stopped using
# can turn up weeks later in a lawful employer's ads, and the graph then joins two advertisers that
# have nothing to do with each other. A link through a contact holds only for the time the contact
# was in the same hands. One way to see it: for each contact, the longest silence between two of its
# ads, and the ads on either side of the longest one.

# %%
uses = uses.sort_values("posted_at")
uses["silence_days"] = pd.to_datetime(uses["posted_at"]).groupby(uses["contact"]).diff().dt.days
quiet = uses.groupby("contact")["silence_days"].max().sort_values(ascending=False)
print(quiet.head(3))
gap = uses[uses["contact"] == quiet.index[0]]
cut = gap["silence_days"].idxmax()
gap.loc[[gap.index[gap.index.get_loc(cut) - 1], cut],
        ["posted_at", "city", "title", "employer_name", "silence_days"]]

# %% [markdown]
# On the default data one phone is silent for about ten weeks: before, it sells hostess and spa
# jobs with no employer name; after, an employer with its name in the ad hires room attendants. Two
# advertisers, one number: confirm who held it on each date (the carrier's subscriber history,
# including reassignment) before anyone is treated as part of an operation, and do not follow a
# contact across such a gap until you have.
#
# The figure below draws one group, the one with the most contacts, as a network: ads as small
# circles, phones as squares, e-mails as triangles, handles as diamonds.

# %%
biggest = groups.sort_values(["contacts", "ads"], ascending=False).iloc[0]
nodes = nx.node_connected_component(graph, biggest["first_ad"])
group = graph.subgraph(nodes)
kind_of = dict(zip(ad_contacts["contact"], ad_contacts["kind"]))
position = nx.spring_layout(group, seed=3)
fig, ax = plt.subplots(figsize=(8, 6))
styles = [("ad", "o", COLORS[0], 30, "ad"), ("phone", "s", COLORS[1], 160, "phone"),
          ("email", "^", COLORS[2], 160, "e-mail"), ("handle", "D", COLORS[3], 160, "handle")]
for kind, marker, color, size, label in styles:
    members = [n for n in group if (group.nodes[n]["kind"] == "ad") == (kind == "ad")
               and (kind == "ad" or kind_of.get(n) == kind)]
    nx.draw_networkx_nodes(group, position, nodelist=members, node_shape=marker, node_color=color,
                           node_size=size, label=f"{label} ({len(members)})", ax=ax)
nx.draw_networkx_edges(group, position, alpha=0.3, ax=ax)
ax.set_title(f"One linked group: {biggest['ads']} ads and {biggest['contacts']} contacts")
ax.set_xlabel("Layout position (no meaning: linked nodes are drawn close together)")
ax.set_ylabel("Layout position (no meaning)")
ax.legend(loc="upper right")
plt.show()
print(f"Figure description: a network of {biggest['ads']} ads around {biggest['contacts']} "
      f"contacts; every ad is joined to the contacts it lists, and {biggest['bridge_ads']} ads list "
      "two phones, which holds the phones' groups together.")

# %% [markdown]
# ### Worked example: is the employer in the registry?
#
# Some ads give the employer's business registration number (`employer_reg_id`). `companies.csv`
# is the business registry of the region, with each company's status. An ad whose number the
# registry does not hold, or holds as `dissolved`, names an employer nobody can verify there: a
# fake agency can make a number up, and an operation can keep using the number of a company that
# no longer exists. The check is an **anti-join**: keep the ads whose number finds no match.
# `merge(..., how="left", indicator=True)` adds a column `_merge`: `both` when the number was
# found, `left_only` when it was not.

# %%
given = ads.dropna(subset=["employer_reg_id"])
checked = given.merge(companies[["reg_id", "status"]], left_on="employer_reg_id",
                      right_on="reg_id", how="left", indicator=True)
checked["registry"] = checked["status"].where(checked["_merge"] == "both", "not in registry")
print(f"{len(given)} of {len(ads)} ads give a registration number:",
      checked["registry"].value_counts().to_dict())
unverified = checked[checked["registry"] != "active"]
unverified.groupby(["registry", "employer_reg_id"]).agg(
    ads=("ad_id", "size"), employer=("employer_name", "first"), title=("title", "first"))

# %% [markdown]
# Read the list before you call anything fake. The registry holds companies formed in this region;
# a company formed in another state (many are formed in Delaware: `REG-DE-...`) is in that state's
# registry, and registers where it works as a foreign company: look there first. A Kansas number
# that the Kansas registry does not hold, or a dissolved company that still hires, is a stronger
# reason to look, and still not proof: registries lag, and people mistype numbers.
#
# ### What contacts miss: a second signal
#
# A registration number is also a way to link ads. Which contact groups hold the ads of each
# number that could not be verified?

# %%
group_of = {node: i for i, component in enumerate(nx.connected_components(graph))
            for node in component}
spread = unverified.assign(group=unverified["ad_id"].map(group_of))
spread.groupby("employer_reg_id").agg(ads=("ad_id", "size"), contact_groups=("group", "nunique"),
                                      first=("posted_at", "min"), last=("posted_at", "max"))

# %% [markdown]
# One number's ads sit in two contact groups. Add every registration number to the graph as one
# more node, and compare its contact groups with the one group the number makes:

# %%
number = spread.groupby("employer_reg_id")["group"].nunique().idxmax()
with_numbers = graph.copy()
for ad_id, reg_id in zip(given["ad_id"], given["employer_reg_id"]):
    with_numbers.add_node(reg_id, kind="contact")
    with_numbers.add_edge(ad_id, reg_id)
for group in {frozenset(linked_ads(graph, ad))
              for ad in given.loc[given["employer_reg_id"] == number, "ad_id"]}:
    these = ads[ads["ad_id"].isin(group)]
    phones = ad_contacts.loc[ad_contacts["ad_id"].isin(group) & (ad_contacts["kind"] == "phone"),
                             "contact"].unique()
    print(f"contact group: {len(group)} ads, {these['posted_at'].min()[:10]} to "
          f"{these['posted_at'].max()[:10]}, phones {sorted(phones)}")
print(f"with {number} as a node: one group of {len(linked_ads(with_numbers, number))} ads")

# %% [markdown]
# An operation that changes every contact at once (new phone, no e-mail, no bridge ad) falls apart
# into two groups that share no contact; linking on contacts alone **under-links**. A second signal
# joins them: the same registration number, near-identical text (RC-4 finds it), the same messaging
# handle or payment account. Add such a signal as one more kind of node, and check every join it
# makes by hand, dates included: a second signal can over-link as well, as the recycled number did.
# The registry is a lawful check you can use in RC-3.4 too.

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "rc3_staffing_agency", "schema_version": 3}
# ### Exercise RC-3.4 (written, 4 points): the staffing agency's group
#
# Find the largest group in `groups`, the one with a single contact (look at its ads with
# `linked_ads(graph, ...)`). In 5 to 8 sentences: (a) is this group suspicious, and why or why not,
# from what the ads show (contacts, text, the indicators its ads carry read in their sentences, the
# employer and whether the registry holds it)? (b) name **two lawful checks** that
# would settle it either way, and what each would show; (c) say what a wrong suspicion would cost the
# agency and the people it places.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **Model answer (about 110 words)**: many near-identical ads under one phone and one employer
# name, in several cities, for ordinary jobs at ordinary pay. Its indicator words read as lawful
# look-alikes in their sentences: "no experience - we train", "start immediately", a
# background-check fee reimbursed with the first paycheck (the fee rule fires; the worker does not
# pay), a hotel during training, "text only, the office line is busy". No ad keeps documents. It
# looks like a staffing agency. Checks: the registry (`companies.csv`: the agency is there,
# active); the state's license for employment agencies where the state licenses them (for a farm
# crew, the U.S. Department of Labor's MSPA registration); a call to the number as an applicant. A
# wrong suspicion costs the agency clients and the workers it places their jobs.
#
# **Levels**
#
# - **4 points:** a reasoned judgment from the ads (one contact, ordinary jobs and pay, and the
#   indicator words it does carry read in context as lawful look-alikes, or named as the things a
#   check must settle), two concrete lawful checks with what each would show, and a concrete cost.
# - **3 points:** a correct judgment and two checks, but the cost is vague, or one check is not
#   concrete ("look into it"), or the ads' indicator words are not mentioned.
# - **2 points:** a judgment without reasons from the data, or only one check.
# - **1 point:** treats the size of the group, or the indicator count alone, as proof either way.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Your answer here.*

# %% [markdown]
# > **Legal process in the United States (a short guide, not legal advice).** Ads get deleted, so
# > act early. Send a **preservation request** under 18 U.S.C. 2703(f) to the platform and to the
# > messaging app: they keep what they hold for 90 days, once renewable for another 90. Then ask for
# > **subscriber and payment records** of the ad accounts with a subpoena (2703(c)(2)); **IP and
# > other transaction logs** with a court order under 2703(d); **content** (messages, photos) only
# > with a search warrant. When a person is at risk of death or serious injury, the provider may
# > disclose at once (**emergency disclosure**, 18 U.S.C. 2702(b)(8) for content and (c)(4) for
# > records). A **non-disclosure order** (2705(b)) keeps the provider from telling the account
# > holder. From the phone carrier, ask for the subscriber history for the dates of the ads,
# > including porting and reassignment: a number can change hands (you will meet a recycled one).
# > Your agency's legal advisor and prosecutor decide which process fits.

# ## RC-4 Templated near-duplicates (53 min)
#
# Operations post the same ad again and again, changing a word, the punctuation or the order of the
# sentences, so that a search for the exact text misses the copies. InfoShield (Lee et al., ICDE
# 2021) finds such "micro-clusters" of near-duplicate ads; its authors report 84 % precision on ads
# labeled for trafficking. Rivas and colleagues (2024) found that duplicates shrank 5,053,249 ads to
# 515,865 different ones: real ad data is mostly copies.
#
# To compare two texts, cut each into **shingles**: every run of *k* words in a row. With k = 3,
# "start this week limited spots" gives {"start this week", "this week limited", "week limited
# spots"}. Two ads are alike when they share many shingles. The **Jaccard similarity** of two sets
# is the size of their overlap divided by the size of their union (Broder 1997): 1 for the same set,
# 0 for nothing in common.
#
# ### Worked example: word shingles of two titles
#
# Words here are runs of letters, digits and apostrophes, in lower case: `re.findall(r"[a-z0-9']+",
# text.lower())`. Punctuation and case do not count, so "Start Monday!!" and "start monday." give the
# same words.

# %%
WORD = r"[a-z0-9']+"


def word_pairs(text):
    """The shingles of 2 words of a text (a smaller version of the exercise)."""
    words = re.findall(WORD, text.lower())
    return {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}


a = word_pairs("Farm crew needed for the season!")
b = word_pairs("FARM TEAM needed for the season.")
print(sorted(a))
print(sorted(b))
print(f"Jaccard similarity: {len(a & b)} shared / {len(a | b)} in all = {len(a & b) / len(a | b):.2f}")

# %% [markdown]
# Swapping one word changed two of the five pairs. Longer shingles are stricter (one changed word
# changes *k* shingles); Jaccard on single **characters** would call almost any two English texts
# alike, because they use the same letters.
#
# ### Exercise RC-4.1 (2 points): `shingles`
#
# Write `shingles(text, k=3)`: the **set** of shingles of `k` words in a row, each written as its
# words joined by single spaces, after splitting the text into words with `WORD` in lower case (as in
# the example). A text with fewer than `k` words has no shingles (an empty set).

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc4_shingles", "schema_version": 3}
def shingles(text, k=3):
    """Return the set of k-word shingles of the text (lower case, punctuation ignored)."""
    ### BEGIN SOLUTION
    words = re.findall(WORD, text.lower())
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "rc4_shingles_tests", "schema_version": 3}
def _check_rc4_shingles():
    """Check shingles: k words in a row, lower case, punctuation ignored, default k=3."""
    from course_checks import ids_of

    got = ids_of(shingles("Start this week, limited spots!"), "shingles('Start this week, "
                 "limited spots!')", "shingles")
    want = {"start this week", "this week limited", "week limited spots"}
    assert got == want, (
        f"shingles('Start this week, limited spots!') with the default k=3 should be "
        f"{sorted(want)}; got {sorted(got)}. Split with re.findall(WORD, text.lower()) and join "
        "k words with single spaces.")
    two = ids_of(shingles("Farm crew needed", k=2), "shingles('Farm crew needed', k=2)", "shingles")
    assert two == {"farm crew", "crew needed"}, (
        f"With k=2, expected {{'farm crew', 'crew needed'}}; got {sorted(two)}. Use k, not 3.")
    assert ids_of(shingles("Start now", k=3), "shingles('Start now')", "shingles") == set(), (
        "'Start now' has 2 words, fewer than k=3: it has no shingles (an empty set).")
    exact = ids_of(shingles("a b c", k=3), "shingles('a b c')", "shingles")
    assert exact == {"a b c"}, f"'a b c' with k=3 is one shingle, 'a b c'; got {sorted(exact)}."
    print("Visible tests passed: shingles cuts a text into k-word shingles.")

    ### BEGIN HIDDEN TESTS
    assert ids_of(shingles("One two three four five", k=4), "shingles", "shingles") == {
        "one two three four", "two three four five"}
    assert ids_of(shingles("x", k=1), "shingles", "shingles") == {"x"}
    ### END HIDDEN TESTS


_check_rc4_shingles()
del _check_rc4_shingles


# %% [markdown]
# ### Exercise RC-4.2 (3 points): `near_duplicates`
#
# Write `near_duplicates(texts, threshold=0.5, k=3)`. `texts` is a Series of ad texts labeled by
# ad id (for example `ads.set_index("ad_id")["body"]`). Return the **set of pairs** `(first, second)`
# of ad ids, with `first < second` (so each pair appears once, in one order), whose Jaccard similarity
# of `shingles(text, k)` is **at least** `threshold`. Two ads without any shingle are not a pair.
#
# *Hint:* make a dictionary `{ad_id: shingles(text, k)}`, then loop over every pair of ids with
# `itertools.combinations(sorted(ids), 2)`, which gives each pair once, in sorted order.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc4_near_duplicates", "schema_version": 3}
def near_duplicates(texts, threshold=0.5, k=3):
    """Return the set of (first, second) ad-id pairs with shingle Jaccard >= threshold."""
    ### BEGIN SOLUTION
    from itertools import combinations

    sets = {ad_id: shingles(text, k) for ad_id, text in texts.items()}
    pairs = set()
    for first, second in combinations(sorted(sets), 2):
        union = sets[first] | sets[second]
        if union and len(sets[first] & sets[second]) / len(union) >= threshold:
            pairs.add((first, second))
    return pairs
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc4_near_duplicates_tests", "schema_version": 3}
def _check_rc4_near_duplicates():
    """Check near_duplicates: pairs once, first < second, Jaccard at least the threshold."""
    import pandas as pd
    from course_checks import returned

    texts = pd.Series({
        "B": "Farm crew needed for the season weekly pay",
        "A": "Farm crew needed for the season, weekly pay!",
        "C": "FARM TEAM needed for the season weekly pay",
        "D": "Warehouse associate wanted in Topeka",
        "E": "",
        "F": "",
    })
    before = texts.copy()

    def pairs_of(result, call):
        returned(result, call)
        assert isinstance(result, (set, list, tuple, frozenset)), (
            f"{call} should return a set of pairs (tuples); it returned a {type(result).__name__}.")
        pairs = [tuple(pair) for pair in result]
        assert all(len(pair) == 2 for pair in pairs), (
            f"{call}: every pair should be a tuple of two ad ids; got {pairs[:3]}.")
        return pairs

    call = "near_duplicates(texts)"
    got = pairs_of(near_duplicates(texts), call)
    assert all(first < second for first, second in got), (
        f"{call} returned {sorted(got)}: write each pair with the smaller id first, (first, "
        "second) with first < second.")
    assert len(got) == len(set(got)), f"{call} returned a pair twice: {sorted(got)}."
    assert ("A", "B") in got, (
        "A and B are the same words (punctuation and case aside): Jaccard 1.0, a pair.")
    assert ("E", "F") not in got, (
        "E and F are empty texts, with no shingles: they are not a pair (and do not divide by 0).")
    assert not any("D" in pair for pair in got), "D has nothing in common with the others."
    # A vs C: 8 words, 6 shingles each; one changed word changes 2 -> 4 shared of 8: 0.5.
    assert ("A", "C") in got and ("B", "C") in got, (
        "A and C share 4 of their 8 different shingles: Jaccard exactly 0.5, which is at least the "
        "default threshold of 0.5, so it is a pair (use >=).")
    assert set(got) == {("A", "B"), ("A", "C"), ("B", "C")}, (
        f"{call} should be {{('A', 'B'), ('A', 'C'), ('B', 'C')}}; got {sorted(got)}.")
    strict = set(pairs_of(near_duplicates(texts, threshold=0.6), "near_duplicates(texts, "
                          "threshold=0.6)"))
    assert strict == {("A", "B")}, (
        f"With threshold=0.6 only A and B (1.0) are a pair; got {sorted(strict)}. Use threshold.")
    loose = set(pairs_of(near_duplicates(texts, k=1), "near_duplicates(texts, k=1)"))
    assert ("A", "C") in loose and len(loose) == 3, (
        f"With k=1 (single words), A, B and C are pairs (7 of 9 words shared); got {sorted(loose)}. "
        "Pass k on to shingles.")
    assert texts.equals(before), "near_duplicates changed the texts it was given."
    print("Visible tests passed: near_duplicates lists each alike pair once.")

    ### BEGIN HIDDEN TESTS
    import re as regex
    from itertools import combinations

    ads = pd.read_csv("data/recruitment/ads.csv").sort_values("ad_id").head(160)
    bodies = ads.set_index("ad_id")["body"].sample(frac=1, random_state=4)
    for threshold, k in [(0.5, 3), (0.3, 2), (0.8, 4)]:
        words = {a: regex.findall(r"[a-z0-9']+", t.lower()) for a, t in bodies.items()}
        sets = {a: {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)} for a, w in words.items()}
        want = {(x, y) for x, y in combinations(sorted(sets), 2)
                if sets[x] | sets[y] and len(sets[x] & sets[y]) / len(sets[x] | sets[y]) >= threshold}
        have = {tuple(pair) for pair in near_duplicates(bodies, threshold=threshold, k=k)}
        assert have == want, (
            f"On 160 ads with threshold={threshold} and k={k}, expected {len(want)} pairs; got "
            f"{len(have)}.")
    ### END HIDDEN TESTS


_check_rc4_near_duplicates()
del _check_rc4_near_duplicates


# %% [markdown]
# ### Near-duplicate is not trafficking
#
# `near_duplicates` compares every pair of ads, and the pairs grow with the square of the ads: the
# board's 3,899 ads make about 7.6 million pairs, over half a minute here, and a large real board
# gets more ads than that in a day. An analyst does not compare the whole board pair by pair.
# Either compare only ads that share a cheap key first (**blocking**: the same city, the same title
# words, or MinHash signatures with the `datasketch` library), or compare everything in a **window
# of time** that fits the question. Operations post their copies within days and weeks, so the
# copies of what an operation posts now are in the same month; lawful employers repost every few
# days or weeks, so their templates show up in any month too. Take one month, **April 2025**, the
# month in which the farm crew's contacts changed (RC-3): about 640 ads and 200,000 pairs, about a
# second. A calendar month cuts groups at its edges: around a lead of your own, take a sliding
# window instead (the 30 days around the lead's date). To follow a group beyond the window,
# compare its ads with the other months' ads (one group against the rest, not all pairs again).
#
# Run it on April's ads, then join the pairs into groups with a graph, as in RC-3, and look at what
# the groups are:

# %%
april = ads[ads["posted_at"].str.startswith("2025-04")]
bodies = april.set_index("ad_id")["body"]
print(f"{len(bodies)} ads posted in April 2025, {len(bodies) * (len(bodies) - 1) // 2:,} pairs.")
pairs = near_duplicates(bodies)
alike = nx.Graph(list(pairs))
templates = sorted(nx.connected_components(alike), key=len, reverse=True)
sizes = pd.Series([len(t) for t in templates])
print(f"{len(pairs):,} pairs of near-duplicate ads form {len(templates)} groups of 2 to "
      f"{sizes.max()} ads; {(sizes >= 10).sum()} groups have 10 ads or more.")
# An ad carries a strong sign if it asks for a fee, keeps documents or allows only app contact.
strong = flags["documents_kept"] | flags["app_only"] | text.map(worker_pays_fee)
strong_ads = set(ads.loc[strong, "ad_id"])
summary = pd.DataFrame({"ads": [len(t) for t in templates],
                        "with_strong_sign": [len(t & strong_ads) for t in templates],
                        "contact_groups": [len({group_of[ad] for ad in t}) for t in templates],
                        "title": [ads.loc[ads["ad_id"].isin(t), "title"].mode()[0]
                                  for t in templates]})
summary.head(12)

# %%
top = summary.head(15).iloc[::-1]                      # the 15 largest groups, largest on top
fig, ax = plt.subplots(figsize=(8, 6))
rows = range(len(top))
ax.barh(rows, top["ads"], color=COLORS[0], label="ads without a strong sign")
ax.barh(rows, top["with_strong_sign"], color=COLORS[1], edgecolor="black", hatch="//",
        label="ads with a fee, documents kept or app-only contact")
ax.set_yticks(rows, [t[:40] for t in top["title"]])
ax.set_title("The 15 largest groups of near-duplicate ads, April 2025")
ax.set_xlabel("Ads in the group")
ax.set_ylabel("Most common title in the group")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1)
plt.show()
mostly = (summary["with_strong_sign"] >= summary["ads"] / 2).sum()
print(f"Figure description: horizontal bars for the 15 largest of the {len(summary)} groups of "
      f"near-duplicate ads posted in April 2025, the hatched part being the ads with a fee, documents kept or "
      f"app-only contact; in all, {(summary['with_strong_sign'] > 0).sum()} groups contain such "
      f"an ad, and in {mostly} of them at least half the ads do.")

# %% [markdown]
# Most groups of near-copies are ordinary employers reusing their own ad, exactly as a legitimate
# business would. Many of them contain an ad or two with a strong sign's words, a lawful look-alike
# such as "Text only please, the office line is busy during shifts"; in a few groups nearly every ad
# carries one. Text similarity tells you **which ads belong together**, even across contact groups
# (try `summary[summary["contact_groups"] > 1]`: the farm crew's April ads, posted before and after
# it changed every contact, span the two groups that only its registration number joined in RC-3;
# over the whole board some lawful groups span two as well, so text joins need the same check by
# hand); the indicators of RC-1 and the contacts of RC-3 tell you **which groups deserve a closer
# look**. In part 2 you follow one group through time and measure how much the indicators are
# worth.
#
# ## Keypoints
#
# - Europol calls posting false job ads *active* recruitment and answering job seekers' own posts
#   *passive*; UNODC calls posting ads *fishing* and pursuing a person *hunting*. The two pairs are
#   crossed: UNODC's fishing is Europol's active. Name the terms you use.
# - An indicator becomes a rule when you write down its pattern, and a good rule has its exceptions
#   written down too: "bring a passport for the I-9" is not "we keep your passport", and "no fees,
#   ever" is not a fee. Search title and body, ignore case, match whole words.
# - Normalize contacts before you compare them: spaced, dotted and spelled-out digits and "(at)" /
#   "dot" are the same phone or e-mail.
# - A bipartite graph of ads and contacts links ads through chains of shared contacts; count the
#   **ads** of a component, not its nodes. Bridge ads with two phones hold an operation together.
# - Word shingles and Jaccard similarity find templated copies; most templates are lawful employers.
#   All pairs grow with the square of the ads: compare within a window of time or a block.
#   Size, copies or many cities alone are reasons to look, not findings: a staffing agency looks the
#   same until a lawful check says otherwise.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** and check that every test cell prints "Visible
#    tests passed".
# 2. Click **Validate** in the toolbar (or run `investigator-course check 03_online_recruitment`).
# 3. Save, then submit as your instructor tells you.
#
# ### Sources
#
# - Europol, *The challenges of countering human trafficking in the digital era* (2020), as
#   summarized by *Homeland Security Today* ("How Modern Technologies Help Organized Crime Groups
#   Traffic People Across Borders").
# - UNODC, *Global Report on Trafficking in Persons 2020*, chapter 5 (hunting and fishing).
# - ILO, *Indicators of Forced Labour* (2012); ILO, *General Principles and Operational Guidelines
#   for Fair Recruitment and Definition of Recruitment Fees and Related Costs* (2019); IOM, IRIS
#   and the Employer Pays Principle.
# - INTERPOL, Orange Notice on trafficking into scam centers (June 2023); OHCHR, *Online scam
#   operations and trafficking into forced criminality in Southeast Asia* (August 2023).
# - M. Ibanez and D. Suthers, "Detection of domestic human trafficking indicators and movement
#   trends using content available on open internet sources", HICSS 2014.
# - P. Szekely et al., "Building and using a knowledge graph to combat human trafficking", ISWC
#   2015; M. Hundman et al., arXiv:1712.00846 (2018).
# - C. Lee et al., "InfoShield: Generalizable information-theoretic human-trafficking detection",
#   ICDE 2021; P. Rivas et al., arXiv:2405.13348 (2024); L. Wang et al., arXiv:1908.05434 (2019).
# - A. Broder, "On the resemblance and containment of documents" (1997).
