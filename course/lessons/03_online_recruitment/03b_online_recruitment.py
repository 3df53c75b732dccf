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
# # Online recruitment II: movement, message threads and what an indicator is worth
#
# *Assignment 03, part 2 of 2 (part 1 is `03a_online_recruitment.ipynb`). About 3 hours 50 minutes for
# someone new to Python, including the exercises. Part of the course
# "Following the data trail: data skills for human-trafficking investigators".*
#
# > **Content note.** This notebook follows one fictional operation that moves young women between
# > cities for "hostess" work, and reads message threads in which recruiters ask job seekers for
# > fees and passport photos. Nothing is explicit. Every ad, message, handle and person is
# > **synthetic**; the people in the threads stand for real job seekers who shared their messages
# > with consent, and deserve the same care.
#
# **Start here:** run the first gray code cell (Shift + Enter). Part 1 found the ads of one operation
# through shared contacts and copied text; part 2 asks where it went, how it talks to job seekers,
# and how much the indicators of part 1 are worth.
#
# ## Questions
#
# - In which cities did an operation post, in what order, and how long did it stay in each?
# - A recruiter answered a job seeker's post. Which steps of the talk point to deceptive
#   recruitment, and how fast did they come?
# - An indicator score flags some ads. How many of them are right, how many right ones does it miss,
#   and why is "95 % accurate" not an answer?
#
# ## Objectives
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | RC-5 | the ads of one operation | rebuild its stays in time order (a return to a city is a new stay), with first and last ad and the days in between, and mark each arrival in a new city that came soon after the last | the visible and hidden tests pass | 53 min |
# | RC-6 | message threads that began as replies to job seekers' posts | measure how fast the first reply came, find the steps of passive recruitment (a move to a messaging app, a fee, a document asked for by the recruiter) and classify a thread as active or passive recruitment | the tests pass; the written answer reconciles Europol's and UNODC's terms (at least 3 of 4 rubric points) | 58 min |
# | RC-7 | an indicator score and an analyst team's partial review | measure precision and recall against the reviewed ads only, over several thresholds, and explain the base rate, the accuracy paradox and the cost of a false positive | the tests pass; the written answer at least 3 of 4 rubric points | 121 min |
#
# RC-5's time includes this opening, and RC-7's the keypoints.
#
# ## How this notebook is graded
#
# Six autograded exercises (17 points) and two written answers (8 points). The tests check your
# functions on tiny hand-made tables and, when your work is graded, on the full data. Tables your
# functions are given must stay as they were.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the data.
# %matplotlib inline
import re
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.dates import DateFormatter

plt.style.use("tableau-colorblind10")
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]
warnings.filterwarnings("ignore", "This pattern is interpreted", UserWarning)

DATA = "data/recruitment/"
ads = pd.read_csv(DATA + "ads.csv")
posts = pd.read_csv(DATA + "seeker_posts.csv")
messages = pd.read_csv(DATA + "messages.csv")
reviews = pd.read_csv(DATA + "ad_reviews.csv")
print(f"Ready: {len(ads):,} ads, {len(posts)} job seekers' posts, {len(messages)} messages in "
      f"{messages['thread_id'].nunique()} threads, {len(reviews)} reviewed ads.")

# %% [markdown]
# ## RC-5 An operation's movement between cities (53 min)
#
# Europol notes that people exploited through online ads are moved often, between cities and
# countries, because the people exploiting them only have to change the city in the ad; short stays
# keep people confused and dependent, and make them harder for police to find. In ad data the
# movement shows as one operation's ads appearing in one city after another. Research on movement
# follows the **phone number** in the ads (Ibanez and Suthers, HICSS 2014); T-Net (AAAI 2024) uses
# the rule "more than 2 locations within 5 days" as one weak sign of it. The cities here are real
# places along I-35 and I-70, used as a training scenario: claims about particular interstates come
# mostly from media and advocacy, not from research. One difference matters: Europol and Ibanez
# and Suthers follow ads in which exploited people are **advertised**; the city of a recruitment ad
# is where an operation **recruits**. Both move, for different reasons, and the second says less
# about where people are held.
#
# Part 1 linked a group of ads through shared contacts and copied text. Here we take that group by
# its text: the tip's ad asked for "spa reception and hostess work".

# %%
operation = ads[ads["body"].str.contains("spa reception and hostess", case=False)]
print(f"{len(operation)} ads in {operation['city'].nunique()} cities, "
      f"{operation['posted_at'].min()[:10]} to {operation['posted_at'].max()[:10]}.")
operation[["posted_at", "city", "platform", "title"]].sort_values("posted_at").head(8)

# %% [markdown]
# Counting ads per city (`value_counts`) loses the order and merges two visits to the same city. A
# **stay** is a run of ads in a row, in time order, in the same city: Wichita, Wichita, Emporia,
# Wichita is three stays.
#
# ### Worked example: runs of the same value
#
# Here is the trick on a different column: runs of ads on the same **platform**. Sort by time, mark
# each row whose platform differs from the row before (`shift()` moves a column down one row), and
# add up the marks (`cumsum()`): every run gets its own number.

# %%
ordered = operation.sort_values("posted_at")
changed = ordered["platform"] != ordered["platform"].shift()
run = changed.cumsum()
runs = ordered.groupby(run).agg(platform=("platform", "first"), ads=("ad_id", "size"))
print(f"{len(runs)} runs of the same platform; the first five:")
runs.head()

# %% [markdown]
# ### Exercise RC-5.1 (3 points): `city_stays`
#
# Write `city_stays(op_ads)`. `op_ads` has (at least) the columns `ad_id`, `posted_at` (UTC text,
# like `2025-01-07T04:12:25Z`) and `city`, in any row order. Return a table with **one row per
# stay**, in time order, numbered 0, 1, 2, ... (a plain index), with the columns
#
# - `city`;
# - `first_ad` and `last_ad`: the times of the stay's first and last ad, as datetimes
#   (`pd.to_datetime`);
# - `ads`: the number of ads in the stay;
# - `dwell_days`: the days from the first to the last ad of the stay, as a decimal number (36 hours
#   is 1.5; a stay of one ad is 0.0).
#
# Do not change `op_ads`.
#
# *Hint:* follow the worked example with `city` instead of `platform`, then `agg` the times with
# `min` and `max`. `(last - first).dt.total_seconds() / 86400` turns a time difference into days.
# `reset_index(drop=True)` numbers the rows 0, 1, 2, ...

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc5_city_stays", "schema_version": 3}
def city_stays(op_ads):
    """Return one row per stay (a run of ads in one city), in time order."""
    ### BEGIN SOLUTION
    ordered = op_ads.assign(time=pd.to_datetime(op_ads["posted_at"])).sort_values("time")
    stay = (ordered["city"] != ordered["city"].shift()).cumsum()
    stays = ordered.groupby(stay).agg(city=("city", "first"), first_ad=("time", "min"),
                                      last_ad=("time", "max"), ads=("ad_id", "size"))
    stays["dwell_days"] = (stays["last_ad"] - stays["first_ad"]).dt.total_seconds() / 86400
    return stays.reset_index(drop=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc5_city_stays_tests", "schema_version": 3}
def _check_rc5_city_stays():
    """Check city_stays: runs in time order, a return is a new stay, dwell in decimal days."""
    import pandas as pd
    from course_checks import table_of, unchanged

    tiny = pd.DataFrame({
        "ad_id": ["A1", "A2", "A3", "A4", "A5", "A6", "A7"],
        "posted_at": ["2025-01-03T12:00:00Z", "2025-01-01T00:00:00Z", "2025-01-02T12:00:00Z",
                      "2025-01-06T00:00:00Z", "2025-01-04T00:00:00Z", "2025-01-09T06:00:00Z",
                      "2025-01-05T00:00:00Z"],
        "city": ["Emporia", "Wichita", "Wichita", "Wichita", "Emporia", "Topeka", "Emporia"],
    }, index=[70, 10, 20, 60, 40, 90, 50])
    before = tiny.copy()
    call = "city_stays(tiny)"
    got = table_of(city_stays(tiny), call, "Group the rows into stays and return the table.")
    need = {"city", "first_ad", "last_ad", "ads", "dwell_days"}
    assert need <= set(got.columns), (
        f"{call} needs the columns {sorted(need)}; it has {list(got.columns)}.")
    cities = list(got["city"])
    assert cities[:1] == ["Wichita"], (
        f"{call} should start with Wichita, the city of the earliest ad (1 January); it starts "
        f"with {cities[:1]}. Sort by posted_at first: the rows are not in time order.")
    assert cities == ["Wichita", "Emporia", "Wichita", "Topeka"], (
        f"{call} should give the stays Wichita, Emporia, Wichita, Topeka (the return to Wichita is "
        f"a new stay); got {cities}. Mark a new stay where the city differs from the row before, "
        "after sorting by time; do not group by city alone.")
    assert list(got.index) == [0, 1, 2, 3], (
        f"Number the stays 0, 1, 2, 3 (reset_index(drop=True)); the index is {list(got.index)}.")
    assert list(got["ads"]) == [2, 3, 1, 1], (
        f"The stays hold 2, 3, 1 and 1 ads; got {list(got['ads'])}.")
    first = pd.to_datetime(got["first_ad"])
    assert str(first.iloc[1])[:19] == "2025-01-03 12:00:00", (
        f"The Emporia stay begins at 2025-01-03 12:00 (its earliest ad); got {first.iloc[1]}.")
    assert str(pd.to_datetime(got["last_ad"]).iloc[1])[:19] == "2025-01-05 00:00:00", (
        "The Emporia stay ends at 2025-01-05 00:00 (its latest ad).")
    dwell = [float(d) for d in got["dwell_days"]]
    assert all(abs(d - w) < 1e-9 for d, w in zip(dwell, [1.5, 1.5, 0.0, 0.0])), (
        f"dwell_days should be [1.5, 1.5, 0.0, 0.0] (36 hours is 1.5 days; one ad is 0.0); got "
        f"{dwell}. Use total_seconds() / 86400, not .dt.days (which drops the half day).")
    unchanged(before, tiny, "city_stays", "Sort a copy (or use assign); do not change op_ads.")
    print("Visible tests passed: city_stays rebuilds the stays in time order.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/recruitment/ads.csv")
    for city in ["Wichita", "Dallas"]:
        one = full[full["body"].str.contains("hostess|overseas", case=False)
                   | (full["city"] == city)].sample(frac=1, random_state=2)
        one = one.head(120)
        got = city_stays(one)
        ordered = one.sort_values("posted_at")
        want = []
        for ad_city in ordered["city"]:
            if not want or want[-1][0] != ad_city:
                want.append([ad_city, 0])
            want[-1][1] += 1
        assert [[c, int(n)] for c, n in zip(got["city"], got["ads"])] == want, (
            f"On 120 real ads, expected {len(want)} stays; got {len(got)}.")
        assert abs(float(got["dwell_days"].sum()) - sum(
            (pd.to_datetime(g["posted_at"]).max() - pd.to_datetime(g["posted_at"]).min())
            .total_seconds() / 86400 for _, g in ordered.groupby(
                (ordered["city"] != ordered["city"].shift()).cumsum()))) < 1e-6
    ### END HIDDEN TESTS


_check_rc5_city_stays()
del _check_rc5_city_stays


# %%
# Try it on the operation (not graded).
stays = city_stays(operation)
print(f"{len(stays)} stays in {stays['city'].nunique()} cities; median stay "
      f"{stays['dwell_days'].median():.1f} days, longest {stays['dwell_days'].max():.1f}.")
stays.head(10)

# %% [markdown]
# ### Exercise RC-5.2 (2 points): `quick_moves`
#
# Write `quick_moves(stays, days=5)`. `stays` is a table like the one `city_stays` returns. Return a
# True/False **Series with the same index as `stays`**: True for each stay that began **at most
# `days` days** after the stay before it began (exactly 5 days counts with the default), False
# otherwise. The first stay has no stay before it: False. Do not change `stays`. This is a simpler
# variant of T-Net's sign above: it compares each stay with the one before, not the number of
# places within a 5-day window.
#
# *Hint:* `diff()` gives the time since the row before; compare it with `pd.Timedelta(days=days)`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc5_quick_moves", "schema_version": 3}
def quick_moves(stays, days=5):
    """True for each stay that began at most `days` days after the previous stay began."""
    ### BEGIN SOLUTION
    gap = pd.to_datetime(stays["first_ad"]).diff()
    return gap <= pd.Timedelta(days=days)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "rc5_quick_moves_tests", "schema_version": 3}
def _check_rc5_quick_moves():
    """Check quick_moves: at most `days` after the previous start, first False, index kept."""
    import pandas as pd
    from course_checks import returned, unchanged

    stays = pd.DataFrame({
        "city": ["Wichita", "Emporia", "Topeka", "Salina", "Hays"],
        "first_ad": pd.to_datetime(["2025-01-01 00:00", "2025-01-06 00:00", "2025-01-11 00:01",
                                    "2025-01-12 00:00", "2025-01-30 00:00"]),
    }, index=[5, 4, 3, 2, 1])
    before = stays.copy()
    call = "quick_moves(stays)"
    got = returned(quick_moves(stays), call)
    assert isinstance(got, pd.Series), (
        f"{call} should return a True/False Series; it returned a {type(got).__name__}.")
    assert sorted(got.index) == [1, 2, 3, 4, 5], (
        f"{call} should keep the index of stays (5, 4, 3, 2, 1); it has {list(got.index)}.")
    marks = {city: bool(got[label]) for label, city in zip(stays.index, stays["city"])}
    assert not marks["Wichita"], "The first stay has no stay before it: it should be False."
    assert marks["Emporia"], (
        "Emporia began exactly 5 days after Wichita: with days=5 that counts (at most): use <=.")
    assert not marks["Topeka"], (
        "Topeka began 5 days and 1 minute after Emporia: more than 5 days, so False.")
    assert marks["Salina"] and not marks["Hays"], (
        f"Salina (1 day after Topeka) is True and Hays (18 days after Salina) False; got {marks}.")
    wide = quick_moves(stays, days=20)
    assert bool(wide[3]) and bool(wide[1]), (
        "With days=20, Topeka and Hays are quick moves too: use the argument days.")
    unchanged(before, stays, "quick_moves", "Return a new Series; do not add a column to stays.")
    print("Visible tests passed: quick_moves marks arrivals soon after the last.")

    ### BEGIN HIDDEN TESTS
    narrow = quick_moves(stays, days=1)
    assert [bool(narrow[i]) for i in [5, 4, 3, 2, 1]] == [False, False, False, True, False]
    ### END HIDDEN TESTS


_check_rc5_quick_moves()
del _check_rc5_quick_moves


# %% [markdown]
# ### The movement as a picture
#
# One marker per ad, at its time and city; cities listed in the order the operation first reached
# them, and stays that began soon after the last drawn with a filled marker.

# %%
stays["quick"] = quick_moves(stays)
order = list(dict.fromkeys(stays["city"]))                 # cities in order of first arrival
position = {city: i for i, city in enumerate(order)}
times = pd.to_datetime(operation["posted_at"])
fig, ax = plt.subplots(figsize=(9, 5))
ax.plot(stays["first_ad"], stays["city"].map(position), color=COLORS[2], linestyle="--",
        linewidth=1, label="moved to")
ax.scatter(times, operation["city"].map(position), marker="o", s=18, color=COLORS[0], label="ad")
quick = stays[stays["quick"]]
ax.scatter(quick["first_ad"], quick["city"].map(position), marker="s", s=60, color=COLORS[1],
           label="arrived at most 5 days after the last move")
ax.set_yticks(range(len(order)), order)
ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
ax.set_title("Where and when the operation posted its ads (training scenario)")
ax.set_xlabel("Date the ad was posted (2025, UTC)")
ax.set_ylabel("City")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
plt.show()
print(f"Figure description: the {len(operation)} ads of the operation by date and city, from "
      f"{order[0]} on {stays['first_ad'].min():%d %B} through {len(stays)} stays in "
      f"{len(order)} cities; {int(stays['quick'].sum())} stays began at most 5 days after the "
      "one before.")

# %% [markdown]
# Read the picture with care. A circuit of short stays is what Europol describes; it is also what a
# traveling sales crew, a touring band or a travel nurse's agency looks like. The movement tells you
# **when and where** to look (motels, hotel spend in the bank's records, victim services in those
# cities), not **who** is exploited.
#
# ## RC-6 Passive recruitment in message threads (58 min)
#
# Some job seekers post that they are looking for work ("can start now, willing to travel"). In
# passive recruitment a recruiter answers such a post, moves the talk to a messaging app, then asks
# for a fee and for documents. The threads here were shared by job seekers who consented. Each thread
# answers one post (`in_reply_to_post`), and the seeker is the person who wrote that post.

# %%
thread = messages[messages["thread_id"] == messages["thread_id"].iloc[0]]
thread[["sent_at", "platform", "sender_handle", "text"]]

# %% [markdown]
# ### Worked example: how long each thread lasted
#
# Time differences work as in `01_financial_red_flags`: parse the times, subtract, and turn the
# difference into minutes. Here is a different measure than the exercise asks for: for each thread, how long the
# **whole** thread lasted, from first to last message.

# %%
sent = pd.to_datetime(messages["sent_at"])
span = sent.groupby(messages["thread_id"]).agg(["min", "max"])
span_minutes = (span["max"] - span["min"]).dt.total_seconds() / 60
span_minutes.describe().round(1)

# %% [markdown]
# ### Exercise RC-6.1 (3 points): `reply_minutes`
#
# Write `reply_minutes(messages, posts)`. Return a **Series labeled by `thread_id`**: for each
# thread, the minutes from the seeker's post (`posted_at` of the post the thread answers, in
# `posts`) to the thread's **first** message (its earliest `sent_at`; the rows may be in any order).
# Do not change `messages` or `posts`.
#
# *Hint:* take each thread's earliest `sent_at` and its `in_reply_to_post` with `groupby`, then look
# up the post's time with `map` on `posts.set_index("post_id")["posted_at"]`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc6_reply_minutes", "schema_version": 3}
def reply_minutes(messages, posts):
    """Return, per thread_id, the minutes from the seeker's post to the first message."""
    ### BEGIN SOLUTION
    timed = messages.assign(sent=pd.to_datetime(messages["sent_at"]))
    first = timed.groupby("thread_id").agg(sent=("sent", "min"), post=("in_reply_to_post", "first"))
    posted = pd.to_datetime(posts.set_index("post_id")["posted_at"])
    return (first["sent"] - first["post"].map(posted)).dt.total_seconds() / 60
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc6_reply_minutes_tests", "schema_version": 3}
def _check_rc6_reply_minutes():
    """Check reply_minutes: from the post to the earliest message, in minutes, per thread."""
    import pandas as pd
    from course_checks import unchanged, values_of

    tiny_posts = pd.DataFrame({
        "post_id": ["P1", "P2", "P3"],
        "posted_at": ["2025-02-01T10:00:00Z", "2025-02-01T23:30:00Z", "2025-02-03T08:00:00Z"],
        "handle": ["demo_s1", "demo_s2", "demo_s3"],
    }, index=[7, 8, 9])
    tiny = pd.DataFrame({
        "thread_id": ["T1", "T1", "T2", "T2", "T1"],
        "in_reply_to_post": ["P1", "P1", "P2", "P2", "P1"],
        "sent_at": ["2025-02-01T11:00:00Z", "2025-02-01T10:12:00Z", "2025-02-02T02:00:00Z",
                    "2025-02-02T01:30:00Z", "2025-02-01T10:40:00Z"],
    }, index=[50, 40, 30, 20, 10])
    before, posts_before = tiny.copy(), tiny_posts.copy()
    call = "reply_minutes(tiny, tiny_posts)"
    got = values_of(reply_minutes(tiny, tiny_posts), call,
                    "a Series labeled by thread_id (for example ... .groupby('thread_id') ...)")
    assert set(got) == {"T1", "T2"}, (
        f"{call} should have one value per thread (T1, T2), labeled by thread_id; got "
        f"{sorted(got)}.")
    assert abs(float(got["T1"]) - 12) < 1e-6, (
        f"T1's first message came 12 minutes after the post (10:00 to 10:12); got {got['T1']}. "
        "Take the earliest sent_at (min), not the first row: the rows are not in time order.")
    assert abs(float(got["T2"]) - 120) < 1e-6, (
        f"T2's first message came 120 minutes after the post (23:30 to 01:30 the next day); got "
        f"{got['T2']}. Subtract full times, not hours, and give minutes (total_seconds() / 60).")
    unchanged(before, tiny, "reply_minutes", "Do not change messages.")
    unchanged(posts_before, tiny_posts, "reply_minutes", "Do not change posts.")
    print("Visible tests passed: reply_minutes measures the wait for the first reply.")

    ### BEGIN HIDDEN TESTS
    full_posts = pd.read_csv("data/recruitment/seeker_posts.csv")
    full = pd.read_csv("data/recruitment/messages.csv").sample(frac=1, random_state=5)
    got = values_of(reply_minutes(full, full_posts), "reply_minutes", "a Series")
    want = {}
    when = dict(zip(full_posts["post_id"], pd.to_datetime(full_posts["posted_at"])))
    for thread_id, rows in full.groupby("thread_id"):
        first = pd.to_datetime(rows["sent_at"]).min()
        want[thread_id] = (first - when[rows["in_reply_to_post"].iloc[0]]).total_seconds() / 60
    assert set(got) == set(want) and all(abs(float(got[t]) - want[t]) < 1e-6 for t in want), (
        "On the full message threads, some reply times differ from the expected ones.")
    ### END HIDDEN TESTS


_check_rc6_reply_minutes()
del _check_rc6_reply_minutes


# %% [markdown]
# ### The steps of the talk
#
# The rules for a fee and a document request are given (you practiced writing rules in part 1).
# Only the **recruiter's** messages count: a seeker who asks "Is it safe to send my passport?" has
# not been asked for anything by that question. Each rule has the exception RC-1.2 taught, because
# lawful employers write these words too:
#
# - `FEE` skips a fee right after "no " (`(?<!no )` means "not just after *no*"), so "There is no
#   fee at any point" is not a fee request;
# - `DOCUMENTS` skips a passport asked for the **I-9 form** in the same sentence
#   (`(?![^.;]{0,60}\b[Ii]-9\b)` means "not followed, before the sentence ends, by *I-9*"): every
#   US employer must check a new hire's identity and work authorization on that form, and the new
#   hire chooses which documents from the form's list to show. An employer that demands a passport
#   in particular, or keeps it, is another matter, which no rule on words settles.

# %%
FEE = r"(?<!no )\bfees?\b|\bdeposit\b|\$\d+|send (the )?money"
DOCUMENTS = r"passport(?![^.;]{0,60}\b[Ii]-9\b)|(photo|scan|copy|picture) of your id\b"
print("Fee rule:", messages["text"].str.contains(FEE, case=False).sum(), "messages")
print("Document rule:", messages["text"].str.contains(DOCUMENTS, case=False).sum(), "messages")
print("On one sentence:", bool(re.search(FEE, "There is a $350 fee for papers.", flags=re.IGNORECASE)))
print("The exceptions:", bool(re.search(FEE, "There is no fee at any point.", flags=re.IGNORECASE)),
      bool(re.search(DOCUMENTS, "Bring your passport for the I-9 form.", flags=re.IGNORECASE)))

# %% [markdown]
# ### Exercise RC-6.2 (3 points): `thread_steps`
#
# Write `thread_steps(messages, posts)`. Return a **table labeled by `thread_id`** with three
# True/False columns:
#
# - `moved_to_app`: some message of the thread was sent on the platform `"ChatAppX"`;
# - `fee_asked`: some message **not sent by the seeker** matches `FEE` (ignore case);
# - `documents_asked`: some message **not sent by the seeker** matches `DOCUMENTS` (ignore case).
#
# The seeker of a thread is the `handle` of the post it answers (`in_reply_to_post` in `messages`,
# `post_id` in `posts`); every thread answers a post that is in `posts`. Do not change `messages` or
# `posts`.
#
# *Hint:* merge each message with its post's `handle`, make three True/False columns on that merged
# copy, then `groupby("thread_id")[...].any()`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc6_thread_steps", "schema_version": 3}
def thread_steps(messages, posts):
    """Return per thread_id: moved_to_app, fee_asked, documents_asked (True/False)."""
    ### BEGIN SOLUTION
    seekers = posts[["post_id", "handle"]]
    merged = messages.merge(seekers, left_on="in_reply_to_post", right_on="post_id", how="left")
    from_recruiter = merged["sender_handle"] != merged["handle"]
    merged["moved_to_app"] = merged["platform"] == "ChatAppX"
    merged["fee_asked"] = from_recruiter & merged["text"].str.contains(FEE, case=False)
    merged["documents_asked"] = from_recruiter & merged["text"].str.contains(DOCUMENTS, case=False)
    return merged.groupby("thread_id")[["moved_to_app", "fee_asked", "documents_asked"]].any()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc6_thread_steps_tests", "schema_version": 3}
def _check_rc6_thread_steps():
    """Check thread_steps: any message per thread, recruiter's messages only, ignore case."""
    import pandas as pd
    from course_checks import table_of, unchanged

    tiny_posts = pd.DataFrame({"post_id": ["P1", "P2", "P3"],
                               "handle": ["demo_s1", "demo_s2", "demo_s3"]}, index=[3, 1, 2])
    tiny = pd.DataFrame({
        "thread_id": ["T1", "T1", "T1", "T2", "T2", "T3", "T3"],
        "in_reply_to_post": ["P1", "P1", "P1", "P2", "P2", "P3", "P3"],
        "platform": ["SocialC", "ChatAppX", "ChatAppX", "SocialC", "SocialC", "JobBoardA",
                     "JobBoardA"],
        "sender_handle": ["demo_r", "demo_app", "demo_app", "demo_s2", "demo_shop", "demo_hr",
                          "demo_s3"],
        "text": ["We have work.", "There is a FEE for papers.",
                 "Send a SCAN OF YOUR ID and the PASSPORT.", "Is it safe to send my passport? Any fee?",
                 "No fee, never. Apply on our website.", "Please bring your passport for the I-9 form.",
                 "OK"],
    }, index=[9, 8, 7, 6, 5, 4, 3])
    before, posts_before = tiny.copy(), tiny_posts.copy()
    call = "thread_steps(tiny, tiny_posts)"
    got = table_of(thread_steps(tiny, tiny_posts), call,
                   "Group by thread_id and return the table of the three columns.")
    need = {"moved_to_app", "fee_asked", "documents_asked"}
    assert need <= set(got.columns), f"{call} needs the columns {sorted(need)}; it has {list(got.columns)}."
    labels = set(got["thread_id"]) if "thread_id" in got.columns else set(got.index)
    assert labels == {"T1", "T2", "T3"}, (
        f"{call} should have one row per thread, labeled by thread_id; got {sorted(labels)}.")
    rows = got.set_index("thread_id") if "thread_id" in got.columns else got
    t1, t2, t3 = (rows.loc[t] for t in ["T1", "T2", "T3"])
    assert bool(t1["moved_to_app"]) and not bool(t2["moved_to_app"]), (
        "T1 has messages on ChatAppX (moved_to_app True); T2 stayed on SocialC (False).")
    assert bool(t1["fee_asked"]) and bool(t1["documents_asked"]), (
        "T1's recruiter asked for a 'FEE' and a 'SCAN OF YOUR ID and the PASSPORT': both True. "
        "Ignore case (case=False), and look at every message of the thread (any), not the first.")
    assert not bool(t2["fee_asked"]) and not bool(t2["documents_asked"]), (
        "In T2 the seeker (demo_s2, who wrote post P2) mentions a passport and a fee, and the "
        "employer answers 'No fee, never', which FEE skips: nothing was asked. Count only messages "
        "whose sender is not the seeker of the thread, and use the FEE rule as given.")
    assert not bool(t3["documents_asked"]) and not bool(t3["moved_to_app"]), (
        "T3 asks the new hire to bring a passport for the I-9 form, which DOCUMENTS skips: False. "
        "Use the DOCUMENTS rule as given.")
    unchanged(before, tiny, "thread_steps", "Merge into a new table; do not change messages.")
    unchanged(posts_before, tiny_posts, "thread_steps", "Do not change posts.")
    print("Visible tests passed: thread_steps finds the steps the recruiter took.")

    ### BEGIN HIDDEN TESTS
    full_posts = pd.read_csv("data/recruitment/seeker_posts.csv")
    full = pd.read_csv("data/recruitment/messages.csv").sample(frac=1, random_state=6)
    got = thread_steps(full, full_posts)
    rows = got.set_index("thread_id") if "thread_id" in got.columns else got
    seeker = dict(zip(full_posts["post_id"], full_posts["handle"]))
    for thread_id, part in full.groupby("thread_id"):
        mine = part["sender_handle"] == part["in_reply_to_post"].map(seeker)
        theirs = part.loc[~mine, "text"].str.lower()
        want = {"moved_to_app": (part["platform"] == "ChatAppX").any(),
                "fee_asked": theirs.str.contains(FEE.lower()).any(),
                "documents_asked": theirs.str.contains(DOCUMENTS.lower()).any()}
        have = {k: bool(rows.loc[thread_id, k]) for k in want}
        assert have == {k: bool(v) for k, v in want.items()}, (
            f"On the full threads, thread {thread_id}: expected {want}, got {have}.")
    ### END HIDDEN TESTS


_check_rc6_thread_steps()
del _check_rc6_thread_steps


# %% [markdown]
# ### A transparent ranking of the threads
#
# Put the steps and the reply time side by side and rank the threads by how many steps they show,
# the fastest replies first among equals. A fast reply alone is not suspicious (a busy employer
# answers within minutes too); a fast reply **and** a move to an app **and** a fee **and** a request
# for a passport photo is the pattern Europol describes.

# %%
steps = thread_steps(messages, posts)
steps["reply_minutes"] = reply_minutes(messages, posts)
steps["steps"] = steps[["moved_to_app", "fee_asked", "documents_asked"]].sum(axis=1)
ranking = steps.sort_values(["steps", "reply_minutes"], ascending=[False, True])
print(steps.groupby("steps")["reply_minutes"].describe()[["count", "min", "50%", "max"]].round(0))
ranking.head(8)

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "rc6_active_passive", "schema_version": 3}
# ### Exercise RC-6.3 (written, 4 points): active or passive, fishing or hunting?
#
# Take the top thread of `ranking` and one of the job ads of part 1's operations (for example a
# "spa reception and hostess" ad). In 5 to 8 sentences: (a) classify each as **active** or
# **passive** recruitment in Europol's terms and as **fishing** or **hunting** in UNODC's, and
# explain why the two pairs do not line up one to one; (b) name the steps of the thread that point to
# deceptive recruitment and one innocent explanation that the data cannot rule out; (c) say what you
# would do next, and what you would **not** do, to protect the job seeker.
#
# === BEGIN MARK SCHEME ===
#
# **Model answer (about 110 words)**: the ad is active recruitment (Europol: a false job ad posted on
# a platform) and fishing (UNODC: post an ad and wait for replies). The thread is passive recruitment
# (Europol: the recruiter answers a job seeker's own post); in UNODC's terms it is closest to hunting,
# going after a particular person. The pairs are crossed: UNODC's fishing is Europol's active. The
# thread replied within minutes, moved to ChatAppX, asked for a fee and for a photo of the passport;
# a real employer may reply fast and use a messaging app, but should not charge a fee or ask for a
# passport photo before hiring. Next: preserve the thread, identify the recruiter's handles and the
# linked ads, contact the seeker through victim services; do not contact the recruiter in a way that
# warns them or puts the seeker at risk.
#
# **Levels**
#
# - **4 points:** both items classified correctly in both vocabularies, the crossing explained; the
#   steps named with an innocent explanation; a next step that protects the seeker and one thing not
#   to do.
# - **3 points:** classifications right but the crossing not explained, or the next step lacks the
#   seeker's protection.
# - **2 points:** one vocabulary right, or the steps named without any innocent explanation.
# - **1 point:** the terms confused (fishing as passive) with some correct step.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Your answer here.*

# %% [markdown]
# ## RC-7 What is an indicator score worth? (121 min)
#
# An analyst team reviewed some ads: `linked_to_investigation` (a positive), `no_concern` (a
# negative) or `inconclusive` (neither). Most ads were **never reviewed**. To measure a score
# against this review:
#
# - count only ads with a definite finding (linked or no concern); an ad nobody reviewed is not a
#   false positive, and an inconclusive one is neither right nor wrong;
# - **precision**: of the reviewed ads the score flags, the share that were linked;
# - **recall**: of the linked ads, the share the score flags.
#
# A review is not the truth either: analysts miss some ads, link a few lawful ones, and chose which
# ads to look at (here, ads that seemed suspicious more often than plain ones). That choice
# (*verification bias*) makes the reviewed ads different from all the ads: a score can only be as
# good as the review it is measured against, and where the two disagree, read the ads before you
# decide which one is wrong.

# %%
reviews["finding"].value_counts()

# %% [markdown]
# ### Worked example: a score from the indicators
#
# The rules of part 1, summed: one point per indicator an ad carries.

# %%
RULES = {
    "documents_kept": r"(keep|kept|hold|held|take care of|looks? after)[^.]{0,40}(passport|document|papers|\bID\b)|(passport|document)s?.{0,20}(are|is) (kept|held)",
    "travel_housing": r"(hotel|housing|accommodation|flight|visa|transport).{0,30}(covered|provided|arranged|free|on site)|free (flight|travel|housing)",
    "high_pay": r"\$\s?1,?[5-9]\d\d\s?-\s?\$?\s?2,?\d{3}\s(every|a|per) week|\$4,000",
    "no_experience": r"no experience",
    "app_only": r"text only|chatappx|no calls",
    "age_appearance": r"\b1[89]\s?-\s?2\d\b|photo|young (women|men)",
    "urgency": r"start (now|immediately|this week|monday)|limited (spots|places|openings)|spaces are limited|places fill fast",
    "fee": r"(?<!no )\bfees?\b|\bdeposit\b",  # not "No fees to apply" (RC-1.2's exception)
}
text = ads["title"] + " " + ads["body"]
scores = pd.Series(0, index=ads["ad_id"])
for rule in RULES.values():
    scores += text.str.contains(rule, case=False).to_numpy()
scores.value_counts().sort_index()

# %% [markdown]
# Every rule counts one point here, though part 1 said to give urgency little weight and a fee or
# documents kept far more: a score is a choice too. Measure each rule on its own against the review
# (as in RC-7.1) before you weight them.

# %% [markdown]
# ### Exercise RC-7.1 (3 points): `precision_recall`
#
# Write `precision_recall(flagged, reviews)`. `flagged` is a collection of ad ids (a set, a list or
# an Index) that a score flags; `reviews` has the columns `ad_id` and `finding`. Return a tuple
# `(precision, recall)` of two numbers, measured on the reviewed ads with a definite finding only,
# as defined above. If no reviewed ad is flagged, precision is 0.0; if no ad was linked, recall is
# 0.0. Do not change `reviews`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc7_precision_recall", "schema_version": 3}
def precision_recall(flagged, reviews):
    """Return (precision, recall) of the flagged ads against the definite review findings."""
    ### BEGIN SOLUTION
    flagged = set(flagged)
    linked = set(reviews.loc[reviews["finding"] == "linked_to_investigation", "ad_id"])
    cleared = set(reviews.loc[reviews["finding"] == "no_concern", "ad_id"])
    judged = flagged & (linked | cleared)
    hits = flagged & linked
    precision = len(hits) / len(judged) if judged else 0.0
    recall = len(hits) / len(linked) if linked else 0.0
    return precision, recall
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc7_precision_recall_tests", "schema_version": 3}
def _check_rc7_precision_recall():
    """Check precision_recall: judged ads only, not swapped, edge cases give 0.0."""
    import pandas as pd
    from course_checks import returned, unchanged

    tiny = pd.DataFrame({
        "ad_id": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "finding": ["linked_to_investigation", "linked_to_investigation", "no_concern",
                    "no_concern", "inconclusive", "linked_to_investigation"],
    }, index=[6, 5, 4, 3, 2, 1])
    before = tiny.copy()

    def pair(result, call):
        returned(result, call)
        assert isinstance(result, tuple) and len(result) == 2, (
            f"{call} should return a tuple (precision, recall); it returned {result!r}.")
        return float(result[0]), float(result[1])

    # flagged: A1, A2 (linked), A3, A4 (cleared), A5 (inconclusive), Z9 (never reviewed)
    given = {"A1", "A2", "A3", "A4", "A5", "Z9"}
    given_before = set(given)
    call = "precision_recall({'A1', 'A2', 'A3', 'A4', 'A5', 'Z9'}, tiny)"
    precision, recall = pair(precision_recall(given, tiny), call)
    assert not (abs(precision - 2 / 3) < 1e-9 and abs(recall - 0.5) < 1e-9), (
        f"{call} gave ({precision:.3f}, {recall:.3f}): precision and recall are swapped.")
    assert abs(precision - 0.5) < 1e-9, (
        f"{call}: precision should be 0.5 (A1 and A2 linked, A3 and A4 cleared; A5 is "
        f"inconclusive and Z9 was never reviewed, so neither counts); got {precision:.3f}. Count "
        "only flagged ads whose finding is linked_to_investigation or no_concern.")
    assert abs(recall - 2 / 3) < 1e-9, (
        f"{call}: recall should be 2/3 (A1 and A2 of the three linked ads A1, A2, A6); got "
        f"{recall:.3f}.")
    assert given == given_before, "precision_recall changed the set of flagged ads it was given."
    listed = pair(precision_recall(["A1", "A2", "A1"], tiny), "precision_recall(['A1', 'A2', 'A1'], tiny)")
    assert abs(listed[0] - 1.0) < 1e-9 and abs(listed[1] - 2 / 3) < 1e-9, (
        f"With the list ['A1', 'A2', 'A1'] (A1 twice), expected (1.0, 0.667); got {listed}. "
        "Count each ad once: set(flagged).")
    none = pair(precision_recall(set(), tiny), "precision_recall(set(), tiny)")
    assert none == (0.0, 0.0), f"Nothing flagged gives (0.0, 0.0); got {none}."
    unreviewed = pair(precision_recall({"Z1", "Z2"}, tiny), "precision_recall({'Z1', 'Z2'}, tiny)")
    assert unreviewed == (0.0, 0.0), (
        f"Only never-reviewed ads flagged: no judged ad, precision 0.0 and recall 0.0; got {unreviewed}.")
    cleared_only = tiny[tiny["finding"] != "linked_to_investigation"]
    zero = pair(precision_recall({"A3"}, cleared_only), "precision_recall({'A3'}, no linked ads)")
    assert zero == (0.0, 0.0), f"With no linked ad, recall is 0.0 (and precision 0.0); got {zero}."
    unchanged(before, tiny, "precision_recall", "Do not change reviews.")
    print("Visible tests passed: precision_recall measures against the definite findings.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/recruitment/ad_reviews.csv")
    ads = pd.read_csv("data/recruitment/ads.csv")
    linked = set(full.loc[full["finding"] == "linked_to_investigation", "ad_id"])
    judged = set(full.loc[full["finding"].isin(["linked_to_investigation", "no_concern"]), "ad_id"])
    for word in ["passport", "hotel", "week", "experience"]:
        flagged = set(ads.loc[ads["body"].str.contains(word, case=False), "ad_id"])
        p, r = pair(precision_recall(pd.Index(sorted(flagged)), full), "precision_recall")
        hits, seen = len(flagged & linked), len(flagged & judged)
        assert abs(p - (hits / seen if seen else 0.0)) < 1e-9 and abs(r - hits / len(linked)) < 1e-9, (
            f"On the review, ads containing {word!r}: expected precision and recall "
            f"({hits}/{seen}, {hits}/{len(linked)}); got ({p:.3f}, {r:.3f}).")
    ### END HIDDEN TESTS


_check_rc7_precision_recall()
del _check_rc7_precision_recall


# %% [markdown]
# ### Exercise RC-7.2 (3 points): `threshold_table`
#
# Write `threshold_table(scores, reviews, thresholds)`. `scores` is a Series of scores labeled by
# ad id (like `scores` above). For each threshold in `thresholds`, flag the ads whose score is **at
# least** the threshold and measure them with your `precision_recall`. Return a table with one row
# per threshold, **labeled by the threshold**, and the columns `precision`, `recall` and `flagged`
# (how many ads of **all** the ads the threshold flags, reviewed or not). Do not change `scores` or
# `reviews`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "rc7_threshold_table", "schema_version": 3}
def threshold_table(scores, reviews, thresholds):
    """Return precision, recall and the number flagged for each threshold (one row each)."""
    ### BEGIN SOLUTION
    rows = {}
    for threshold in thresholds:
        flagged = scores.index[scores >= threshold]
        precision, recall = precision_recall(flagged, reviews)
        rows[threshold] = {"precision": precision, "recall": recall, "flagged": len(flagged)}
    return pd.DataFrame.from_dict(rows, orient="index")
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "rc7_threshold_table_tests", "schema_version": 3}
def _check_rc7_threshold_table():
    """Check threshold_table: at least the threshold, all ads counted, one row per threshold."""
    import pandas as pd
    from course_checks import table_of, unchanged

    tiny_scores = pd.Series({"A1": 3, "A2": 1, "A3": 2, "A4": 0, "Z9": 3})
    tiny = pd.DataFrame({"ad_id": ["A1", "A2", "A3", "A4"],
                         "finding": ["linked_to_investigation", "linked_to_investigation",
                                     "no_concern", "no_concern"]})
    before, scores_before = tiny.copy(), tiny_scores.copy()
    call = "threshold_table(tiny_scores, tiny, [1, 2, 3])"
    got = table_of(threshold_table(tiny_scores, tiny, [1, 2, 3]), call,
                   "Collect one row per threshold into a DataFrame.")
    need = {"precision", "recall", "flagged"}
    assert need <= set(got.columns), f"{call} needs the columns {sorted(need)}; it has {list(got.columns)}."
    assert sorted(got.index) == [1, 2, 3], (
        f"{call} should have one row per threshold, labeled 1, 2, 3; its index is {list(got.index)}.")
    assert int(got.loc[3, "flagged"]) == 2, (
        f"Threshold 3 flags A1 and Z9 (score 3, at least the threshold: use >=); 'flagged' counts "
        f"every ad, reviewed or not: 2. Got {got.loc[3, 'flagged']}.")
    assert int(got.loc[1, "flagged"]) == 4, (
        f"Threshold 1 flags A1, A2, A3 and Z9: 4 ads; got {got.loc[1, 'flagged']}.")
    row2 = (round(float(got.loc[2, "precision"]), 3), round(float(got.loc[2, "recall"]), 3))
    assert row2 == (0.5, 0.5), (
        f"Threshold 2 flags A1 (linked), A3 (cleared) and Z9 (not reviewed): precision 0.5, recall "
        f"0.5; got {row2}. Use precision_recall on the flagged ads.")
    row1 = (round(float(got.loc[1, "precision"]), 3), round(float(got.loc[1, "recall"]), 3))
    assert row1 == (0.667, 1.0), f"Threshold 1: precision 0.667, recall 1.0; got {row1}."
    one = table_of(threshold_table(tiny_scores, tiny, [0]), "threshold_table(..., [0])")
    assert list(one.index) == [0] and int(one.loc[0, "flagged"]) == 5, (
        "With thresholds [0], one row labeled 0 that flags all 5 ads. Use the thresholds given.")
    unchanged(before, tiny, "threshold_table", "Do not change reviews.")
    assert tiny_scores.equals(scores_before), "threshold_table changed the scores it was given."
    print("Visible tests passed: threshold_table measures every threshold.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/recruitment/ad_reviews.csv")
    ads = pd.read_csv("data/recruitment/ads.csv")
    real = pd.Series(ads["body"].str.len().to_numpy() // 100, index=ads["ad_id"])
    got = threshold_table(real, full, [1, 2, 3])
    linked = set(full.loc[full["finding"] == "linked_to_investigation", "ad_id"])
    judged = set(full.loc[full["finding"] != "inconclusive", "ad_id"])
    for t in [1, 2, 3]:
        flagged = set(real.index[real >= t])
        hits, seen = len(flagged & linked), len(flagged & judged)
        want = (hits / seen if seen else 0.0, hits / len(linked), len(flagged))
        have = (float(got.loc[t, "precision"]), float(got.loc[t, "recall"]), int(got.loc[t, "flagged"]))
        assert all(abs(a - b) < 1e-9 for a, b in zip(have, want)), (
            f"On the full data at threshold {t}, expected {want}; got {have}.")
    ### END HIDDEN TESTS


_check_rc7_threshold_table()
del _check_rc7_threshold_table


# %% [markdown]
# ### Precision, recall and the threshold
#
# Now the score of the worked example, at every threshold, with one more number: the **accuracy**
# (the share of judged ads the score gets right, flagged or not) and the accuracy of a "score" that
# flags **nothing**.

# %%
table = threshold_table(scores, reviews, range(1, int(scores.max()) + 1))
judged = reviews[reviews["finding"] != "inconclusive"]
is_linked = judged["finding"] == "linked_to_investigation"
table["accuracy"] = [((scores.reindex(judged["ad_id"]).to_numpy() >= t) == is_linked).mean()
                     for t in table.index]
nothing = 1 - is_linked.mean()
print(f"Judged ads: {len(judged)}, of which {is_linked.sum()} linked ({is_linked.mean():.0%}). "
      f"Flagging nothing at all is {nothing:.0%} accurate.")
print(f"In all the ads, {table.loc[1, 'flagged']} of {len(ads)} carry at least one indicator.")
posted = pd.to_datetime(ads["posted_at"])
weeks = (posted.max() - posted.min()).days / 7
table["per_week"] = table["flagged"] / weeks
print(f"The ads span {weeks:.0f} weeks; per_week is the number of ads flagged in an average week.")
table.round(3)

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
ax.plot(table.index, table["precision"], marker="o", color=COLORS[0], label="precision")
ax.plot(table.index, table["recall"], marker="s", linestyle="--", color=COLORS[1], label="recall")
ax.plot(table.index, table["accuracy"], marker="^", linestyle=":", color=COLORS[2],
        label="accuracy")
ax.axhline(nothing, color="gray", linestyle="-.", linewidth=1, label="accuracy of flagging nothing")
ax.set_ylim(0, 1.05)
ax.set_title("The indicator score against the analysts' review, by threshold")
ax.set_xlabel("Threshold: flag ads with at least this many indicators")
ax.set_ylabel("Share (0 to 1)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
plt.show()
best = table["precision"].idxmax()
print(f"Figure description: precision, recall and accuracy for thresholds 1 to {table.index.max()}; "
      f"precision rises from {table['precision'].iloc[0]:.2f} at 1 indicator to its highest, "
      f"{table.loc[best, 'precision']:.2f}, at {best}, while recall falls from "
      f"{table['recall'].iloc[0]:.2f} to {table['recall'].iloc[-1]:.2f}; flagging nothing is "
      f"{nothing:.2f} accurate.")

# %% [markdown]
# **The accuracy paradox.** When few ads are positive, a rule that never flags anything is right
# about most of them. EMSCAD, a public set of 17,880 real job ads, has 866 frauds (4.8 %): calling
# every ad legitimate is already 95.2 % accurate, and published classifiers report about 97 %.
# Accuracy hides the small group you care about; report precision and recall, and the number of
# ads a reviewer would have to read.
#
# This data shows the paradox itself: only about one judged ad in sixteen was linked, so a
# "score" that flags nothing is about 94 % accurate, and the best threshold in the table beats it
# by about three points. Its recall is measured against the review, and the review errs too: some
# linked ads a threshold misses are lawful ads the analysts linked by mistake, and some flagged ads
# the review cleared carry the same indicators as linked ones. Others are the score's own misses:
# deceptive ads that ask for a fee or keep workers' papers, yet stay just under the threshold
# because every indicator counts the same. Read them before you judge the score.

# %% [markdown]
# ### Read the ads behind the numbers
#
# The cell lists, for one threshold, the **linked ads the score misses** and the **cleared ads it
# flags**, with their titles and contacts. For each, ask whether the score is wrong or the review:
# a linked ad with no indicator, whose text and contacts match no other linked ad (or only a number
# that changed hands, as in part 1), may be a review error; a cleared ad with the title and the
# indicators of linked ads may be one the analysts missed. Change `threshold` and run it again.

# %%
threshold = 4
judged_scores = scores.reindex(judged["ad_id"]).to_numpy()
shown = ["ad_id", "finding", "score", "title", "employer_name", "contact_raw"]
read = judged.assign(score=judged_scores).merge(ads, on="ad_id", how="left")
missed = read[is_linked.to_numpy() & (judged_scores < threshold)]
print(f"Linked ads that threshold {threshold} misses: {len(missed)} of {is_linked.sum()}.")
missed[shown].sort_values("score")

# %%
cleared_flagged = read[~is_linked.to_numpy() & (judged_scores >= threshold)]
print(f"Cleared ads that threshold {threshold} flags: {len(cleared_flagged)}.")
cleared_flagged[shown].sort_values("score", ascending=False)

# %% [markdown]
# **Base rates.** About one ad in twenty-eight on this board was planted (3 to 4 %), close to
# EMSCAD's rate of fraud; the share of trafficking ads on a real board has not been measured and is
# far lower. The analysts also chose which ads to review, so the reviewed ads are not a fair sample
# of the board either: they looked at suspicious-looking ads more often, and about one judged ad in
# sixteen was linked, against one ad in twenty-eight on the board. Precision depends on the base
# rate; recall does not. The cell below takes the review's recall and its **false-positive rate**
# (the share of cleared ads a threshold flags) and works out the precision the same rule would have on boards with EMSCAD's 4.8 % and, as
# illustrations, 1 % and 0.1 % deceptive ads. When a threshold flags none of the cleared ads, its
# rate is small, not zero: with n cleared ads, a rate up to about 3/n could easily give none (the
# "rule of three"), so the cell uses 3/n.

# %%
cleared = (judged["finding"] == "no_concern").to_numpy()
linked = is_linked.to_numpy()
rates = {}
for t in (2, 3, 4):
    flagged = judged_scores >= t
    false_alarms = (flagged & cleared).sum()
    row = {"linked_flagged": (flagged & linked).sum(), "cleared_flagged": false_alarms,
           "recall": (flagged & linked).sum() / linked.sum(),
           "false_positive_rate": (false_alarms if false_alarms else 3) / cleared.sum()}
    for share in (0.048, 0.01, 0.001):
        found = share * row["recall"]
        row[f"precision at {share:.1%}"] = found / (found + (1 - share) * row["false_positive_rate"])
    rates[t] = row
rates = pd.DataFrame.from_dict(rates, orient="index")
print(f"Measured on {cleared.sum()} cleared and {linked.sum()} linked ads.")
rates.round(3)

# %% [markdown]
# Read the last columns from left to right: the rule does not change, only the board does, and
# precision falls. Read the counts too: a precision measured on two dozen reviewed ads moves by
# about 0.04 with each ad, and a recall measured on about thirty linked ads by about 0.03. The cell
# below puts a 95 % interval (Wilson's) around the precision at `threshold`: any true precision
# in it fits the counts the review gives. Small reviews give rough numbers; say how many ads each
# number rests on.

# %%
def interval(hits, n, z=1.96):
    """Wilson's 95 % interval for a share of `hits` in `n`."""
    center = (hits + z**2 / 2) / (n + z**2)
    half = z * (hits * (n - hits) / n + z**2 / 4) ** 0.5 / (n + z**2)
    return center - half, center + half


flagged = judged_scores >= threshold
hits, n = (flagged & linked).sum(), flagged.sum()
if n:
    low, high = interval(hits, n)
    print(f"Threshold {threshold}: precision {hits} of {n} = {hits / n:.2f}; any true precision "
          f"from {low:.2f} to {high:.2f} fits these counts (95 % interval).")

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "rc7_false_positives", "schema_version": 3}
# ### Exercise RC-7.3 (written, 4 points): choosing a threshold, and what an error costs
#
# In 7 to 10 sentences: (a) choose a threshold from `table` for a team of two analysts who, beside
# their other cases, can read about **5 flagged ads a week**, and justify it with its precision,
# recall and the number of ads it flags a week (`per_week`); there is no single right threshold, only
# a choice its numbers support (one that flags a little more than 5 a week is fine if you say what
# the team does with the rest); (b) read the linked ads your threshold misses and the cleared ads
# it flags (set `threshold` in the cells above) and say which look like the score's errors and
# which like the review's; (c)
# explain with the numbers above why accuracy is the wrong measure here; (d) say what a **false
# positive** costs a job seeker and a lawful employer, and what a **false negative** costs; (e) say
# how the base rate on a real job board would change your precision.
#
# === BEGIN MARK SCHEME ===
#
# **Model answer (about 380 words)**: a threshold of 4 indicators flags about 130 ads in 26 weeks,
# about 5 a week, what the team can read; on the review its precision is about 0.85 (22 of 26, an
# interval of about 0.66 to 0.94) and its recall about 0.67 (22 of 33 linked). It misses 11 linked
# ads: six are ads of groups part 1 linked (the farm crew, the overseas customer-service firm
# and the cleaning crew, by their employer names and contacts) with 3 indicators, the score's misses; five are a licensed massage therapist, a
# travel nurse, a farm job with housing, a staffing agency's cashier and a room attendant whose
# number an operation gave up months before, with 0 to 3 indicators: they look like the review's
# errors. The 4 cleared ads it flags are spa and hostess ads with 5 or 6 indicators, the titles
# and contacts of linked spa ads: probably ads the analysts missed. The six misses all ask for a
# fee (a $200 deposit, a $350 processing fee, a $600 visa fee), most say the employer keeps the
# workers' papers: the strongest signs of debt bondage, which equal weights put at 3, so a fee or
# kept documents should count for more. A threshold of 3 adds those six and the cashier ad, a
# review error (recall 0.88,
# 29 of 33) but flags 8.5 a week at precision 0.63 (29 of 46); a good answer with a plan for the
# 3 or 4 extra ads a week. Flagging nothing is already about 94 % accurate on the judged ads (only
# 33 of 531 are linked); threshold 4 is 97 % accurate and still misses a third of the linked ads. A
# false positive can cost a job seeker a job (an ad taken down, an employer scared off) and bring
# police contact to a person who did nothing wrong; it costs a lawful employer reputation and
# business, especially small and immigrant-owned businesses whose ads use simpler language. A false
# negative leaves people in a deceptive recruitment pipeline. On a real board the base rate is far
# lower, so precision would fall (the `rates` table: at 4, about 0.8 at EMSCAD's 4.8 %, about 0.45
# at one in a hundred, under 0.1 at one in a thousand).
#
# **Levels**
#
# - **4 points:** a threshold justified with its numbers and the weekly workload (any threshold the
#   numbers support, including one a little over capacity with a plan); the missed linked ads (or
#   the cleared flagged ones) read and judged, naming which look like review errors (or that the
#   score's own misses are fee-and-documents ads that equal weights undercount); the accuracy
#   paradox with the data's numbers; concrete costs of both errors for a job seeker and an
#   employer; the effect of a lower base rate on precision.
# - **3 points:** all five parts, one of them without numbers or vague; or the review's figures
#   taken as the truth (every missed linked ad counted as the score's failure) with the rest right.
# - **2 points:** three or four parts, or a threshold chosen without the workload.
# - **1 point:** accuracy used as the measure of quality, with some correct idea.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Your answer here.*

# %% [markdown]
# ## Keypoints
#
# - A **stay** is a run of ads in one city in time order; a return is a new stay. Sort by time before
#   anything else, and measure dwell in decimal days. Movement says where and when to look, not who
#   is exploited; the routes here are a training scenario.
# - Passive recruitment shows in threads as a fast reply, a move to a messaging app, a fee and a
#   document request, **by the recruiter**. Each step alone has innocent explanations.
# - Europol's active (false ads) and passive (answering seekers' posts) do not match UNODC's fishing
#   (posting ads) and hunting (pursuing a person) one to one: fishing is active.
# - Measure a score against reviewed ads with a definite finding only; report precision and recall
#   at several thresholds and the number of ads flagged, never accuracy alone. Precision falls with
#   the base rate.
# - Every flag lands on a real job seeker or employer: name what a false positive costs them.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** and check that every test cell prints "Visible
#    tests passed".
# 2. Click **Validate** (or run `investigator-course check 03_online_recruitment`).
# 3. Save, then submit as your instructor tells you.
#
# ### Sources
#
# - Europol (2020), as summarized by *Homeland Security Today*; UNODC, *Global Report on Trafficking
#   in Persons 2020*, chapter 5.
# - M. Ibanez and D. Suthers, HICSS 2014; P. Nair et al., T-Net, AAAI 2024 (movement rule).
# - S. Vidros et al., "Automatic detection of online recruitment frauds", *Future Internet* 9(1):6
#   (2017) (EMSCAD); S. Alghamdi and F. Alharby, *Journal of Information Security* (2019).
# - M. Hundman et al., arXiv:1712.00846 (2018), on bias in ad-based tools.
