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
# # Python for investigators: decisions, sets, joins, dates and time windows
#
# *Assignment 00, orientation, part 2 of 2 (part 1 is `00_orientation.ipynb`). About 2 hours.
# Part of the course "Following the data trail: data skills for human-trafficking investigators".*
#
# > **Content note.** This course is about human trafficking. This notebook teaches Python on tiny
# > tables of invented records (deposits, payments, alerts) from the fictional Exemplar Community
# > Bank. It describes no case and no person, and nothing in it is explicit. Some examples are
# > about alerts on customers' accounts: behind a real alert there is a real person, who may be
# > the one being exploited.
#
# **Start here:** click on the gray code cell below and press **Shift + Enter**. This notebook has
# its own kernel: nothing you defined in part 1 exists here.
#
# ## Questions
#
# - How do I write a function that decides, and compare lists of ids?
# - How do I run the same steps for every account, and join two tables without adding or losing
#   rows?
# - When does the time zone matter, and how do I add up what happened within 72 hours?
#
# ## Objectives
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | OR-6 | small hand-made tables of bank records | write six short functions for investigative questions: `if`, sets, loops over groups, merges, dates and time zones, rolling windows | the visible and hidden tests of all six pass (15 points) | 114 min |
#
# In detail: given a small table of bank records, you write a function that
#
# 1. sorts a value into bands with `if` / `elif` / `else`, using its arguments and their defaults;
# 2. finds, with a set, the ids that are in one table but not in another, each once;
# 3. loops over the accounts of a table and keeps those that meet two conditions;
# 4. joins two tables with `merge`, keeping every row exactly once;
# 5. reads the local day, the local hour and the moment in UTC from a local time and its offset;
# 6. finds the largest total within a rolling time window;
#
# so that the visible tests under it pass: six autograded exercises, 15 points in all. Total: about
# 2 hours at a beginner's pace, including the exercises; you can stop at any `##` heading.

# %%
# Run this cell first (Shift + Enter). It loads the tool this notebook uses.
import pandas as pd

print("Ready: pandas", pd.__version__)


# %% [markdown]
# ## OR-6 Functions that decide: arguments, defaults, `return` and `if` (25 min)
#
# In part 1 the first line of each function was given. Now you write whole functions:
#
# ```python
# def name(argument, other_argument=default_value):
#     """One line saying what the function gives back."""
#     ...steps, each indented by 4 spaces...
#     return answer
# ```
#
# - `name=value` gives an argument a **default value**: a caller who leaves it out gets that value.
# - `return` hands the answer back and ends the function at once; without it you get `None`.
#
# Functions often **decide**, with `if`. `elif` ("else if") adds more cases, and `else` catches
# what is left. Python tries the conditions **from the top** and runs only the first one that is
# True. Each of these lines ends with a colon, and the lines under it are indented.
#
# ### Worked example: bands for a cash deposit
#
# A U.S. bank reports cash deposits of **more than** $10,000 (assignment 01 comes back to this).
# This function puts one deposit in a band:

# %%
def deposit_band(amount, threshold=10_000, margin=2_000):
    """Return 'reportable', 'just under' or 'ordinary' for one cash deposit."""
    if amount > threshold:
        return "reportable"
    elif amount >= threshold - margin:
        return "just under"
    else:
        return "ordinary"


print(deposit_band(15_000), deposit_band(10_000), deposit_band(8_000), deposit_band(7_999.99))
print(deposit_band(7_000, threshold=8_000))      # the caller chose another threshold


# %% [markdown]
# `10_000` is 10,000 (the underscore only helps you read it). Exactly $10,000 is "just under": it
# is not **more than** 10,000, and `>` and `>=` differ exactly at that boundary. The order matters:
# asked first, the "just under" question would catch $15,000 too. And the conditions use the
# **arguments**, not numbers typed in, so `threshold=8_000` works.
#
# | Slip | What you see |
# |---|---|
# | no colon at the end of a `def`, `if`, `elif` or `else` line | `SyntaxError` |
# | `=` instead of `==` in a condition | `SyntaxError` |
# | `print(...)` instead of `return ...` | the word is shown, but the function gives back `None` |
# | a number typed in instead of the argument | right with the defaults only |
#
# ### Exercise OR-6.1 (2 points): `alert_priority`
#
# A monitoring system gives each alert a **score**, a whole number of points. Write
# `alert_priority(score, high=6, medium=3)`. It returns `"high"` when `score` is `high` or more,
# `"medium"` when it is `medium` or more (but less than `high`), and `"low"` otherwise. With the
# defaults, 6 is `"high"`, 5 and 3 are `"medium"` and 2 is `"low"`. Use the arguments, not the
# numbers 6 and 3: `alert_priority(6, high=8)` and `alert_priority(2, medium=2)` are both
# `"medium"`. Return the words exactly as written here, in small letters.
#
# As in part 1: replace the lines `# YOUR CODE HERE` and `raise NotImplementedError(...)` with your
# code, run the cell, then run the test cell under it.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or6_alert_priority", "schema_version": 3}
def alert_priority(score, high=6, medium=3):
    """Return 'high', 'medium' or 'low' for an alert's score."""
    ### BEGIN SOLUTION
    if score >= high:
        return "high"
    elif score >= medium:
        return "medium"
    else:
        return "low"
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or6_alert_priority_tests", "schema_version": 3}
def _check_or6_alert_priority():
    """Check that alert_priority puts a score in the right band, using its arguments."""
    from course_checks import returned

    result = returned(alert_priority(7), "alert_priority(7)", "Each case needs a `return` line: "
                      "print only shows the word on the screen.")
    assert isinstance(result, str), (
        f"alert_priority should return a word such as 'high', but it returned {result!r} (of "
        f"type {type(result).__name__}). Put the word in quotes: return \"high\"."
    )
    assert result == "high", (
        f"A score of 7 is more than the default `high` of 6, so alert_priority(7) should be "
        f"'high', but it is {result!r}. Check the spelling: small letters, no spaces."
    )
    for score, want, hint in [
        (6, "high", "A score of exactly 6 is `high` or more: compare with >= (at least), not >."),
        (5, "medium", "Ask about `high` first, then about `medium`, and give 'low' otherwise."),
        (3, "medium", "A score of exactly 3 is `medium` or more: compare with >= (at least), "
                      "not >."),
        (2, "low", "A score below `medium` (3 by default) is 'low'."),
        (0, "low", "A score of 0 is 'low'."),
    ]:
        got = alert_priority(score)
        assert got == want, f"alert_priority({score}) should be {want!r}, but it is {got!r}. {hint}"
    got = alert_priority(6, high=8)
    assert got == "medium", (
        f"alert_priority(6, high=8) should be 'medium' (6 is less than high=8), but it is {got!r}. "
        "Compare the score with the argument `high`, not with the number 6."
    )
    got = alert_priority(2, medium=2)
    assert got == "medium", (
        f"alert_priority(2, medium=2) should be 'medium' (2 is at least medium=2), but it is "
        f"{got!r}. Compare the score with the argument `medium`, not with the number 3."
    )
    print("Visible tests passed: alert_priority gives the right band and uses its arguments.")

    ### BEGIN HIDDEN TESTS
    for high, medium in [(10, 4), (2, 1), (8, 7), (6, 3)]:
        for score in range(0, 13):
            want = "high" if score >= high else ("medium" if score >= medium else "low")
            got = alert_priority(score, high=high, medium=medium)
            assert got == want, (
                f"alert_priority({score}, high={high}, medium={medium}) should be {want!r}, "
                f"but it is {got!r}."
            )
    got = alert_priority(4, 5, 4)
    assert got == "medium", (
        f"Called with its arguments in order, alert_priority(4, 5, 4) should be 'medium', but it "
        f"is {got!r}."
    )
    ### END HIDDEN TESTS


_check_or6_alert_priority()
del _check_or6_alert_priority


# %% [markdown]
# ## OR-6 Sets: different ids, each counted once (14 min)
#
# Which accounts took in cash **and** sent wires? Which customers with an alert were **never**
# reviewed? How many **different** accounts made these deposits? A **set**, a collection in which
# each value appears once at most, in no order, answers such questions: think of a column after
# "Remove duplicates", and of a Venn diagram.
#
# ### Worked example: sets of account ids

# %%
paid_cash = {"ACC-1", "ACC-2", "ACC-3", "ACC-2"}   # curly brackets make a set: ACC-2 is kept once
sent_wires = {"ACC-2", "ACC-3", "ACC-4"}

print(paid_cash, len(paid_cash), "ACC-3" in paid_cash, "ACC-9" in paid_cash)
print("both:  ", paid_cash & sent_wires)      # in both sets
print("either:", paid_cash | sent_wires)      # in at least one
print("cash but no wires:", paid_cash - sent_wires)
print("wires but no cash:", sent_wires - paid_cash)

# %% [markdown]
# `in` asks whether a value is in the set (True or False). `&` keeps what is in both, `|` what is
# in either, and `-` what is in the first but not the second, so `a - b` and `b - a` differ. An
# empty set is written `set()` (`{}` makes something else, a dictionary).
#
# ### Worked example: a set from a column

# %%
deposits = pd.DataFrame({
    "account_id": ["ACC-1", "ACC-2", "ACC-1", "ACC-3", "ACC-1", "ACC-2"],
    "city": ["Wichita", "Topeka", "Wichita", "Salina", "Salina", "Topeka"],
    "amount": [900.0, 450.0, 1_200.0, 300.0, 700.0, 8_000.0],
})
accounts = set(deposits["account_id"])
print(accounts)
print(len(deposits["account_id"]), "deposits, on", len(accounts), "different accounts;",
      "pandas counts", deposits["account_id"].nunique())


# %% [markdown]
# `len` of a column counts its **rows**; `len(set(...))`, like `nunique()`, counts its **different
# values**. Six deposits are not six accounts: mixing up the two is a classic way to count people
# twice in a briefing.
#
# ### Exercise OR-6.2 (2 points): `never_reviewed`
#
# `alerts` has one row per alert and a `customer_id` column (a customer can have several alerts).
# `reviews` has one row per review and a `customer_id` column (a customer can have several reviews,
# or a review without an alert). Write `never_reviewed(alerts, reviews)`. It returns the **set** of
# customer ids that had an alert but appear nowhere in `reviews`, each once; an empty set if every
# customer with an alert was reviewed. Do not change the tables.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or6_never_reviewed", "schema_version": 3}
def never_reviewed(alerts, reviews):
    """Return the set of customer_ids with an alert and no review."""
    ### BEGIN SOLUTION
    return set(alerts["customer_id"]) - set(reviews["customer_id"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or6_never_reviewed_tests", "schema_version": 3}
def _check_or6_never_reviewed():
    """Check that never_reviewed gives the customers with an alert and no review, each once."""
    import pandas as pd
    from course_checks import ids_of, same_ids, unchanged

    def as_ids(result, call):
        return ids_of(result, call, "customer ids",
                      once="a customer with several alerts is in it more than once")

    alerts = pd.DataFrame({
        "alert_id": ["ALR-1", "ALR-2", "ALR-3", "ALR-4", "ALR-5", "ALR-6"],
        "customer_id": ["CUS-1", "CUS-2", "CUS-2", "CUS-3", "CUS-4", "CUS-2"],
    })
    reviews = pd.DataFrame({
        "customer_id": ["CUS-1", "CUS-3", "CUS-5", "CUS-1"],
        "outcome": ["cleared", "referred", "cleared", "cleared"],
    })
    alerts_before, reviews_before = alerts.copy(), reviews.copy()
    got = as_ids(never_reviewed(alerts, reviews), "never_reviewed(alerts, reviews)")

    assert "CUS-5" not in got, (
        "CUS-5 was reviewed and never had an alert, so it is not in the answer. It looks as if "
        "you took the reviews minus the alerts: the order matters, alerts first."
    )
    assert not got & {"CUS-1", "CUS-3"}, (
        "CUS-1 and CUS-3 had alerts and were reviewed, so they are not in the answer. Use - "
        "(in the first set but not the second), not & (in both)."
    )
    assert got == {"CUS-2", "CUS-4"}, (
        "In a small example, CUS-2 and CUS-4 had alerts and no review, but never_reviewed gave "
        f"{sorted(got)}."
    )
    everyone = alerts[alerts["customer_id"].isin(["CUS-1", "CUS-3"])]
    got = as_ids(never_reviewed(everyone, reviews), "never_reviewed(...)")
    assert got == set(), (
        f"When every customer with an alert was reviewed, the answer is an empty set, not {got}."
    )
    read_only = "Only read the tables: build sets from them."
    unchanged(alerts_before, alerts, "never_reviewed", read_only)
    unchanged(reviews_before, reviews, "never_reviewed", read_only)
    print("Visible tests passed: never_reviewed finds the customers with alerts and no review.")

    ### BEGIN HIDDEN TESTS
    many_alerts = pd.DataFrame({"customer_id": [f"CUS-{n % 37}" for n in range(0, 400, 7)]})
    many_reviews = pd.DataFrame({"customer_id": [f"CUS-{n}" for n in range(0, 60, 3)] * 2})
    reviewed = set(many_reviews["customer_id"])
    want = {c for c in many_alerts["customer_id"] if c not in reviewed}
    got = as_ids(never_reviewed(many_alerts, many_reviews), "never_reviewed(...)")
    same_ids(got, want, "On a larger table", "customers")
    no_reviews = pd.DataFrame({"customer_id": pd.Series([], dtype=object)})
    got = as_ids(never_reviewed(many_alerts, no_reviews), "never_reviewed(...)")
    assert got == set(many_alerts["customer_id"]), (
        "With no reviews at all, every customer with an alert is in the answer."
    )
    no_alerts = pd.DataFrame({"customer_id": pd.Series([], dtype=object)})
    got = as_ids(never_reviewed(no_alerts, many_reviews), "never_reviewed(...)")
    assert got == set(), "With no alerts, the answer is an empty set."
    ### END HIDDEN TESTS


_check_or6_never_reviewed()
del _check_or6_never_reviewed


# %% [markdown]
# ## OR-6 The same steps for every account: looping over groups (19 min)
#
# In part 1, `groupby` gave one summary per group, such as
# `deposits.groupby("account_id")["amount"].sum()`: the quickest way when the answer is one number
# per account. When each account needs several steps, or an `if` with several parts, loop over the
# groups: `for account, rows in deposits.groupby("account_id"):` hands you each account's id
# (`account`) and a small table of its rows only (`rows`), and runs the indented lines under it
# once per account.
#
# ### Worked example: look at each group

# %%
for account, rows in deposits.groupby("account_id"):
    print(account, "- deposits:", len(rows), "- different cities:", rows["city"].nunique(),
          "- total:", rows["amount"].sum())


# %% [markdown]
# ### Worked example: keep the accounts that pass a test
#
# Start with an empty set; inside the loop, `add` each account that passes:

# %%
def accounts_over(deposits, limit=2_000):
    """Return the set of account_ids whose deposits add up to more than `limit` dollars."""
    found = set()
    for account, rows in deposits.groupby("account_id"):
        if rows["amount"].sum() > limit:
            found.add(account)
    return found                   # after the loop, so not indented under the `for`


totals = deposits.groupby("account_id")["amount"].sum()     # the same with a summary
print(accounts_over(deposits), set(totals[totals > 2_000].index))


# %% [markdown]
# Both ways are correct, and any correct way gets full marks. Watch where `return` sits: indented
# under the `for`, it would end the function after the first account.
#
# ### Exercise OR-6.3 (2 points): `busy_accounts`
#
# Write `busy_accounts(deposits, min_deposits=3, min_cities=2)`. `deposits` has one row per
# deposit, with at least the columns `account_id` and `city`. Return the **set** of account ids
# with **at least `min_deposits`** deposits **and** deposits in **at least `min_cities` different
# cities**: both must hold. With the defaults, deposits in Wichita, Wichita and Salina count; four
# deposits all in Topeka do not; nor do two deposits in two cities. An empty table gives an empty
# set. Use the arguments, not the numbers, and do not change the table.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or6_busy_accounts", "schema_version": 3}
def busy_accounts(deposits, min_deposits=3, min_cities=2):
    """Return the account_ids with at least `min_deposits` deposits in `min_cities` cities."""
    ### BEGIN SOLUTION
    busy = set()
    for account, rows in deposits.groupby("account_id"):
        if len(rows) >= min_deposits and rows["city"].nunique() >= min_cities:
            busy.add(account)
    return busy
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or6_busy_accounts_tests", "schema_version": 3}
def _check_or6_busy_accounts():
    """Check that busy_accounts keeps the accounts with enough deposits in enough cities."""
    import pandas as pd
    from course_checks import call_text, ids_of, same_ids, unchanged

    def as_ids(result, call):
        return ids_of(result, call, "account ids", once=True)

    tiny = pd.DataFrame({
        "account_id": ["ACC-1", "ACC-2", "ACC-3", "ACC-1", "ACC-3", "ACC-2", "ACC-3", "ACC-1",
                       "ACC-3", "ACC-4", "ACC-4", "ACC-4"],
        "city": ["Wichita", "Topeka", "Topeka", "Wichita", "Topeka", "Salina", "Topeka", "Salina",
                 "Topeka", "Dallas", "Oklahoma City", "Wichita"],
        "amount": [900.0, 450.0, 300.0, 1_200.0, 650.0, 80.0, 700.0, 2_500.0, 40.0, 9_000.0,
                   9_100.0, 9_200.0],
    })
    tiny.index = range(100, 112)
    tiny_before = tiny.copy()
    got = as_ids(busy_accounts(tiny), "busy_accounts(deposits)")

    assert "ACC-3" not in got, (
        "ACC-3 made 4 deposits, all in Topeka: one city, fewer than min_cities=2. Count the "
        "different cities among that account's rows, rows[\"city\"].nunique() (len(...) "
        "counts rows), and check that both conditions hold (and, not or)."
    )
    assert "ACC-2" not in got, (
        "ACC-2 made only 2 deposits, fewer than min_deposits=3, so it is not busy, even in two "
        "cities. Both conditions must hold: join them with `and`."
    )
    assert "ACC-1" in got, (
        "ACC-1 made exactly 3 deposits in exactly 2 cities (Wichita, Salina), so it counts: "
        "'at least' means >=, not >."
    )
    assert got == {"ACC-1", "ACC-4"}, (
        f"In a small example, ACC-1 and ACC-4 are busy, but busy_accounts gave {sorted(got)}."
    )
    for kwargs, want in [({"min_deposits": 2}, {"ACC-1", "ACC-2", "ACC-4"}),
                         ({"min_cities": 1}, {"ACC-1", "ACC-3", "ACC-4"}),
                         ({"min_cities": 3}, {"ACC-4"})]:
        call = call_text("busy_accounts", "deposits", **kwargs)
        got = as_ids(busy_accounts(tiny, **kwargs), call)
        assert got == want, (
            f"{call} should give {sorted(want)}, but it gave {sorted(got)}. Use the arguments "
            "min_deposits and min_cities, not the numbers 3 and 2."
        )
    empty = tiny.iloc[0:0]
    got = as_ids(busy_accounts(empty), "busy_accounts(empty table)")
    assert got == set(), f"An empty table should give an empty set, not {got}."
    unchanged(tiny_before, tiny, "busy_accounts")
    print("Visible tests passed: busy_accounts counts deposits and different cities.")

    ### BEGIN HIDDEN TESTS
    cities = ["Wichita", "Topeka", "Salina", "Kansas City", "Dallas"]
    rows = [(f"ACC-{(n * 7) % 23}", cities[(n * n) % 5 if n % 4 else 0]) for n in range(180)]
    many = pd.DataFrame(rows, columns=["account_id", "city"])
    many.index = range(500, 500 + len(many))
    for min_deposits in [1, 3, 8, 9]:
        for min_cities in [1, 2, 3, 4]:
            want = set()
            for account in set(many["account_id"]):
                its = many[many["account_id"] == account]
                if len(its) >= min_deposits and len(set(its["city"])) >= min_cities:
                    want.add(account)
            got = as_ids(busy_accounts(many, min_deposits=min_deposits, min_cities=min_cities),
                         "busy_accounts(...)")
            same_ids(got, want, f"On a larger table with min_deposits={min_deposits}, "
                     f"min_cities={min_cities}", "accounts")
    ### END HIDDEN TESTS


_check_or6_busy_accounts()
del _check_or6_busy_accounts


# %% [markdown]
# ## OR-6 Joining two tables with `merge`, and checking the rows (17 min)
#
# Transactions name the **account**; another file links accounts to the **customers** who hold
# them. `left.merge(right, on="account_id")` puts each row of `left` next to **every** row of
# `right` with the same `account_id` (like VLOOKUP, but bringing all the matches). Two things go
# wrong without a warning:
#
# 1. **A row with no partner disappears**, unless you ask for `how="left"`: then every row of the
#    left table is kept, with `NaN` (pandas' mark for a missing value) in the new columns.
# 2. **An id that repeats on the right repeats rows on the left**: a joint account has two holders,
#    so each of its payments comes out twice, and the money is counted twice.
#
# So **count the rows before and after** a join: one that should only add a column must leave the
# number of rows as it was.
#
# ### Worked example: a join that adds rows and loses one

# %%
payments = pd.DataFrame({
    "account_id": ["ACC-1", "ACC-2", "ACC-2", "ACC-4"],
    "amount": [900.0, 450.0, 1_200.0, 300.0],
})
holders = pd.DataFrame({
    "account_id": ["ACC-1", "ACC-2", "ACC-2", "ACC-3"],
    "customer_id": ["CUS-1", "CUS-2", "CUS-3", "CUS-4"],
    "role": ["owner", "owner", "joint_owner", "owner"],
})
joined = payments.merge(holders, on="account_id")
print(len(payments), "rows before,", len(joined), "after; total paid", payments["amount"].sum(),
      "became", joined["amount"].sum())
joined

# %% [markdown]
# ACC-2 is a joint account, so both its payments appear twice; ACC-4 is not in `holders`, so its
# payment has gone. The count moved by only one, 4 to 5, though two things went wrong.
#
# ### Worked example: one row per id, then a left join
#
# To label each payment with its owner: keep one holder per account (the `owner` rows, and only
# the two columns needed), check that no account is there twice, join with `how="left"`, count:

# %%
owners = holders[holders["role"] == "owner"][["account_id", "customer_id"]]
print("An account twice among the owners?", owners["account_id"].duplicated().any())
labeled = payments.merge(owners, on="account_id", how="left")
print(len(payments), "rows before,", len(labeled), "after")
labeled


# %% [markdown]
# Four rows in, four out, and ACC-4 is kept with a missing `customer_id`. (In assignment 01 a
# joint account's payments count for **both** owners on purpose: doubling can be right, as long as
# you know it happened.)
#
# ### Exercise OR-6.4 (3 points): `add_current_city`
#
# A bank keeps each customer's address history. `addresses` has one row per address a customer has
# had, with the columns `customer_id`, `city` and `current` (`True` for the address the customer
# has now, `False` for older ones); a customer has at most one current address, and some have only
# old ones. Write `add_current_city(alerts, addresses)`. `alerts` has one row per alert, with a
# `customer_id` column and others (but no `city`). Return a table with **every row of `alerts`
# exactly once**, with all its columns, and **one new column `city`**: the city of the customer's
# **current** address, or `NaN` when there is none. Add no other column (not `current`), and do not
# change the tables. The rows may come back in any order and with new labels (index), as `merge`
# gives them.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or6_add_current_city", "schema_version": 3}
def add_current_city(alerts, addresses):
    """Return `alerts` with a column 'city': the customer's current city (NaN if none)."""
    ### BEGIN SOLUTION
    current = addresses[addresses["current"]][["customer_id", "city"]]
    return alerts.merge(current, on="customer_id", how="left")
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "or6_add_current_city_tests", "schema_version": 3}
def _check_or6_add_current_city():
    """Check that add_current_city adds each customer's current city and keeps every alert once."""
    import pandas as pd
    from course_checks import table_of, unchanged

    def cities_by_alert(table):
        """alert_id -> city, with None for a missing city."""
        return {alert: (None if pd.isna(city) else city)
                for alert, city in zip(table["alert_id"], table["city"])}

    alerts = pd.DataFrame({
        "alert_id": ["ALR-1", "ALR-2", "ALR-3", "ALR-4"],
        "customer_id": ["CUS-1", "CUS-2", "CUS-3", "CUS-2"],
        "score": [7, 4, 3, 6],
    })
    alerts.index = [20, 21, 22, 23]
    addresses = pd.DataFrame({
        "customer_id": ["CUS-1", "CUS-2", "CUS-2", "CUS-3", "CUS-4"],
        "city": ["Wichita", "Topeka", "Kansas City", "Salina", "Dallas"],
        "current": [True, False, True, False, True],
    })
    alerts_before, addresses_before = alerts.copy(), addresses.copy()
    result = add_current_city(alerts, addresses)

    table_of(result, "add_current_city")
    assert "city" in result.columns, (
        f"The result should have a new column 'city'; its columns are {list(result.columns)}."
    )
    ids = list(result["alert_id"])
    assert ids.count("ALR-2") <= 1 and ids.count("ALR-4") <= 1, (
        f"The 4 alerts came back as {len(result)} rows: ALR-2 and ALR-4 (customer CUS-2) appear "
        "more than once, because CUS-2 has two addresses, an old one and a current one. Keep only "
        "the current addresses before you merge."
    )
    assert "ALR-3" in ids, (
        "The alert ALR-3 is missing: its customer, CUS-3, has no current address, and an inner "
        "join drops rows without a partner. Keep every alert with how=\"left\"."
    )
    assert len(result) == len(alerts), (
        f"The 4 alerts came back as {len(result)} rows ({sorted(map(str, ids))}). Every alert "
        "should be there exactly once, and nothing else: join with how=\"left\", with alerts on "
        "the left (an outer join adds customers who have no alert)."
    )
    assert set(result.columns) == set(alerts.columns) | {"city"}, (
        f"The result should have the columns of alerts plus 'city', but it has "
        f"{sorted(result.columns)}. Keep only customer_id and city from addresses before you "
        "merge: addresses[...][[\"customer_id\", \"city\"]]."
    )
    got = cities_by_alert(result)
    assert got["ALR-2"] != "Topeka", (
        "ALR-2's customer CUS-2 used to live in Topeka and lives in Kansas City now: use only the "
        "addresses whose `current` is True."
    )
    want = {"ALR-1": "Wichita", "ALR-2": "Kansas City", "ALR-3": None, "ALR-4": "Kansas City"}
    assert got == want, f"Expected the cities {want} (None = missing), but got {got}."
    same_rows = sorted(map(tuple, result[list(alerts.columns)].astype(str).to_numpy().tolist()))
    assert same_rows == sorted(map(tuple, alerts.astype(str).to_numpy().tolist())), (
        "The alerts' own columns changed on the way: keep every value of alerts as it was."
    )
    unchanged(alerts_before, alerts, "add_current_city", "Select and merge into new tables.")
    unchanged(addresses_before, addresses, "add_current_city", "Select and merge into new tables.")
    print("Visible tests passed: add_current_city keeps each alert once and adds its city.")

    ### BEGIN HIDDEN TESTS
    cities = ["Wichita", "Topeka", "Salina", "Kansas City", "Dallas", "Oklahoma City"]
    rows = []
    for n in range(30):
        for k in range(n % 4):                            # 0 to 3 addresses per customer
            rows.append((f"CUS-{n}", cities[(n + k) % 6], k == n % 3 and n % 5 != 0))
    many_addresses = pd.DataFrame(rows, columns=["customer_id", "city", "current"])
    many_addresses = many_addresses.iloc[::-1]
    many_alerts = pd.DataFrame({
        "alert_id": [f"ALR-{a}" for a in range(60)],
        "customer_id": [f"CUS-{(a * 11) % 34}" for a in range(60)],
        "score": [a % 9 for a in range(60)],
    })
    many_alerts.index = range(900, 960)
    current_city = {c: city for c, city, now in rows if now}
    result = add_current_city(many_alerts, many_addresses)
    assert len(result) == len(many_alerts), (
        f"On a larger table, the {len(many_alerts)} alerts came back as {len(result)} rows."
    )
    want = {alert: current_city.get(customer)
            for alert, customer in zip(many_alerts["alert_id"], many_alerts["customer_id"])}
    assert cities_by_alert(result) == want, "On a larger table, some alerts got the wrong city."
    assert set(result.columns) == set(many_alerts.columns) | {"city"}, (
        "On a larger table, the result should have the columns of alerts plus 'city'."
    )
    ### END HIDDEN TESTS


_check_or6_add_current_city()
del _check_or6_add_current_city


# %% [markdown]
# ## OR-6 Dates, times and time zones (22 min)
#
# In a CSV file a time is only text, such as `"2025-03-01 22:30:00"`. `pd.to_datetime` turns it into
# a **timestamp**, which pandas can sort, subtract and take apart: `.dt.date` gives the calendar
# day (2025-03-01) and `.dt.hour` the hour (22). Careful: `.dt.day` is the day **of the month** (1).
#
# **Two clocks.** The bank's records give `ts_local`, the wall-clock time **where it happened**,
# and `utc_offset`, how far that clock is from UTC (Coordinated Universal Time, one clock for the
# whole world). In winter Wichita is on `-06:00`, six hours **behind** UTC, so 22:30 in Wichita is
# 04:30 **the next day** in UTC; Denver is on `-07:00`; from 9 March 2025 (daylight saving time)
# Wichita is on `-05:00`. For **the hour and the calendar day** ("late at night?", "the same
# day?"), use the **local** clock. For **the order of events in different time zones and the time
# between them**, use **UTC**.
#
# ### Worked example: the local day and hour, and UTC
#
# Card payments on a drive from Wichita to Denver. Gluing each time to its offset
# (`"2025-03-01 22:30:00" + "-06:00"`) and passing `utc=True` converts every row to UTC.

# %%
trip = pd.DataFrame({
    "ts_local": ["2025-03-01 22:30:00", "2025-03-02 06:10:00", "2025-03-02 21:45:00"],
    "utc_offset": ["-06:00", "-06:00", "-07:00"],
    "city": ["Wichita", "Salina", "Denver"],
})
local = pd.to_datetime(trip["ts_local"])
trip["day"] = local.dt.date
trip["hour"] = local.dt.hour
trip["utc"] = pd.to_datetime(trip["ts_local"] + trip["utc_offset"], utc=True)
trip

# %% [markdown]
# The Wichita payment is on 1 March locally and on 2 March in UTC; for "which day?" we keep the
# local `day`. Subtracting two timestamps gives a **Timedelta**, a length of time;
# `pd.Timedelta(hours=72)` writes one down:

# %%
gap = trip["utc"].iloc[2] - trip["utc"].iloc[0]          # Denver minus Wichita
print("in UTC:", gap, "- on the local clocks:", local.iloc[2] - local.iloc[0])
print("hours:", gap.total_seconds() / 3600, "- less than 72 hours?", gap < pd.Timedelta(hours=72))


# %% [markdown]
# The local clocks make the drive an hour too short: Denver's clock is an hour behind Wichita's.
#
# ### Exercise OR-6.5 (3 points): `add_time_columns`
#
# Write `add_time_columns(tx)`. `tx` has the columns `ts_local` and `utc_offset`, as in the bank's
# records, and others. Return a **copy** of `tx` with three new columns:
#
# - `day`: the **local** calendar day, the date written in `ts_local`, as `.dt.date` gives it (for
#   `"2025-03-01 22:30:00"` with `-06:00`: 1 March, not 2 March);
# - `hour`: the **local** hour, 0 to 23 (22 in that example);
# - `utc`: the same moment in **UTC**, time-zone-aware, as `pd.to_datetime(..., utc=True)` gives it
#   (`2025-03-02 04:30:00+00:00` in that example).
#
# Keep every row, in order, with its label (index), as `tx.copy()` does, and do not change `tx`
# (unlike the worked example, which changed `trip`).

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or6_add_time_columns", "schema_version": 3}
def add_time_columns(tx):
    """Return a copy of `tx` with the columns 'day' and 'hour' (local) and 'utc'."""
    ### BEGIN SOLUTION
    result = tx.copy()
    local = pd.to_datetime(result["ts_local"])
    result["day"] = local.dt.date
    result["hour"] = local.dt.hour
    result["utc"] = pd.to_datetime(result["ts_local"] + result["utc_offset"], utc=True)
    return result
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "or6_add_time_columns_tests", "schema_version": 3}
def _check_or6_add_time_columns():
    """Check that add_time_columns adds the local day and hour and the UTC time, on a copy."""
    import pandas as pd
    from course_checks import table_of, unchanged

    def day_text(value):
        try:
            return pd.Timestamp(value).strftime("%Y-%m-%d")
        except (TypeError, ValueError):
            return repr(value)

    def utc_texts(column):
        return [pd.Timestamp(v).tz_convert("UTC").strftime("%Y-%m-%d %H:%M") for v in column]

    tx = pd.DataFrame({
        "account_id": ["ACC-1", "ACC-2", "ACC-3", "ACC-1"],
        "ts_local": ["2025-03-01 22:30:00", "2025-02-14 23:50:00", "2025-06-14 00:15:00",
                     "2025-01-05 09:05:00"],
        "utc_offset": ["-06:00", "-07:00", "-05:00", "-06:00"],
        "city": ["Wichita", "Denver", "Kansas City", "Topeka"],
    })
    tx.index = [7, 3, 9, 1]
    tx_before = tx.copy()
    result = add_time_columns(tx)

    table_of(result, "add_time_columns")
    unchanged(tx_before, tx, "add_time_columns", "Make a copy first, result = tx.copy(), and add "
              "the columns to it.")
    for name in ["day", "hour", "utc"]:
        assert name in result.columns, (
            f"The result should have a column {name!r}; its columns are {list(result.columns)}."
        )
    assert set(tx.columns) <= set(result.columns) and len(result) == len(tx), (
        "add_time_columns should keep every row and every column of tx, and add three columns."
    )
    assert list(result.index) == [7, 3, 9, 1], (
        f"The rows of tx have the labels (index) 7, 3, 9 and 1, but the result has "
        f"{list(result.index)}. Keep the rows in their order with their labels: work on tx.copy()."
    )
    days = result["day"].tolist()
    assert not any(isinstance(d, int) for d in days), (
        f"The day column holds {days}: numbers, the day of the month. Use .dt.date for the date."
    )
    days = [day_text(d) for d in days]
    assert days[0] != "2025-03-02", (
        "For 22:30 on 1 March in Wichita (-06:00), the day is 2025-03-01, but your day column says "
        "2025-03-02: the date in UTC. Take the day from the local time: "
        "pd.to_datetime(tx[\"ts_local\"]).dt.date."
    )
    assert days == ["2025-03-01", "2025-02-14", "2025-06-14", "2025-01-05"], (
        f"The local days should be 2025-03-01, 2025-02-14, 2025-06-14 and 2025-01-05, but they "
        f"are {days}."
    )
    hours = [int(h) for h in result["hour"]]
    assert hours == [22, 23, 0, 9], (
        f"The local hours should be 22, 23, 0 and 9 (the hours written in ts_local), but they are "
        f"{hours}. Take .dt.hour of pd.to_datetime(tx[\"ts_local\"]), not of the UTC time."
    )
    tz = getattr(result["utc"].dt, "tz", None) if hasattr(result["utc"], "dt") else None
    assert tz is not None and str(tz) == "UTC", (
        f"The utc column should hold time-zone-aware UTC timestamps, but its type is "
        f"{result['utc'].dtype}. Use pd.to_datetime(tx[\"ts_local\"] + tx[\"utc_offset\"], "
        "utc=True)."
    )
    utc = utc_texts(result["utc"])
    assert utc[0] != "2025-03-01 22:30", (
        "22:30 in Wichita (-06:00) came out as 22:30 in UTC: the offset was not used. Glue the "
        "offset to the time first: tx[\"ts_local\"] + tx[\"utc_offset\"]."
    )
    want = ["2025-03-02 04:30", "2025-02-15 06:50", "2025-06-14 05:15", "2025-01-05 15:05"]
    assert utc == want, (
        f"The UTC times should be {want}, but they are {utc}. UTC is six hours *later* than "
        "-06:00 local time: let pd.to_datetime(tx[\"ts_local\"] + tx[\"utc_offset\"], utc=True) "
        "do the arithmetic."
    )
    print("Visible tests passed: add_time_columns adds the local day and hour and the UTC time.")

    ### BEGIN HIDDEN TESTS
    offsets = ["-06:00", "-07:00", "-05:00"]
    stamps = pd.date_range("2025-01-01 00:07:00", periods=97, freq="1871min")
    many = pd.DataFrame({
        "ts_local": stamps.strftime("%Y-%m-%d %H:%M:%S"),
        "utc_offset": [offsets[n % 3] for n in range(97)],
        "amount": [float(n) for n in range(97)],
    })
    many.index = range(1000, 1097)
    many_before = many.copy()
    result = add_time_columns(many)
    unchanged(many_before, many, "add_time_columns")
    assert list(result.index) == list(many.index), "Keep every row, in order, with its label."
    assert [day_text(d) for d in result["day"]] == list(stamps.strftime("%Y-%m-%d")), (
        "On a larger table, some local days are wrong."
    )
    assert [int(h) for h in result["hour"]] == list(stamps.hour), (
        "On a larger table, some local hours are wrong."
    )
    shift = pd.to_timedelta([-int(o[:3]) for o in many["utc_offset"]], unit="h")
    want = [t.strftime("%Y-%m-%d %H:%M") for t in stamps + shift]
    assert utc_texts(result["utc"]) == want, "On a larger table, some UTC times are wrong."
    ### END HIDDEN TESTS


_check_or6_add_time_columns()
del _check_or6_add_time_columns


# %% [markdown]
# ## OR-6 Counting within a time window: `rolling` (17 min)
#
# "How much cash came in within 72 hours?" Calendar days are the wrong unit (23:00 on Monday and
# 01:00 on Tuesday are two hours apart); a **rolling window** slides along the time line instead:
#
# 1. make a Series of the amounts whose **index is the time** of each row;
# 2. put it **in time order** with `.sort_index()` (`rolling` refuses times out of order);
# 3. `.rolling("72h")`, then `.count()` the rows or `.sum()` the amounts in each window.
#
# The window of the row at time *t* holds every row **up to and including** *t*, going back **less
# than** 72 hours: a row exactly 72 hours earlier is out, one 71 hours 59 minutes earlier is in.
# (Here every time is on one local clock, so `ts_local` is enough.)
#
# ### Worked example: one account's deposits, 72 hours at a time

# %%
one_account = pd.DataFrame({
    "ts_local": ["2025-03-05 11:00:00", "2025-03-03 10:00:00", "2025-03-06 10:00:00",
                 "2025-03-04 16:30:00", "2025-03-12 09:00:00"],
    "amount": [9_800.0, 9_500.0, 9_400.0, 9_200.0, 9_900.0],
})
times = pd.to_datetime(one_account["ts_local"])
amounts = pd.Series(one_account["amount"].to_numpy(), index=times).sort_index()
pd.DataFrame({"amount": amounts, "weekday": amounts.index.day_name(),
              "deposits_in_72h": amounts.rolling("72h").count(),
              "total_in_72h": amounts.rolling("72h").sum()})


# %% [markdown]
# - `.to_numpy()` takes the plain values out of the column; without it pandas would match the old
#   row labels (0 to 4) to the times, find none, and give `NaN` everywhere.
# - One deposit a weekday (`.day_name()` gives the name of the day), each under $10,000, so no day
#   comes to **more than** $10,000, the cash a bank must report for one business day (assignment 01).
# - On **Wednesday 5 March 11:00** the window holds three deposits, $28,500: three days that each
#   stay under $10,000 add up to far more. Only a window over several days shows it.
# - On **Thursday 6 March 10:00**, Monday's deposit at 10:00 is **exactly** 72 hours earlier, so it
#   is out: 3 deposits, not 4.
#
# `.max()` gives the largest value of a Series, and `f"{hours}h"` builds the window's text from a
# number (`"24h"` when `hours` is 24).
#
# ### Exercise OR-6.6 (3 points): `max_window_total`
#
# Write `max_window_total(deposits, hours=72)`. `deposits` holds one account's deposits, with the
# columns `ts_local` (local time, as text) and `amount`, in **any order**, and at least one row.
# Return the **largest total amount** within any window of `hours` hours, as `rolling` measures it
# (up to and including a deposit, going back less than `hours` hours). For the worked example's
# table, `max_window_total(one_account)` is 28,500 and `max_window_total(one_account, hours=24)` is
# 19,200 (Wednesday 11:00 and Thursday 10:00, 23 hours apart). Do not change the table.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or6_max_window_total", "schema_version": 3}
def max_window_total(deposits, hours=72):
    """Return the largest total of `amount` within any window of `hours` hours."""
    ### BEGIN SOLUTION
    times = pd.to_datetime(deposits["ts_local"])
    amounts = pd.Series(deposits["amount"].to_numpy(), index=times).sort_index()
    return amounts.rolling(f"{hours}h").sum().max()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "or6_max_window_total_tests", "schema_version": 3}
def _check_or6_max_window_total():
    """Check that max_window_total finds the largest total in a rolling window of `hours` hours."""
    import math

    import pandas as pd
    from course_checks import returned, unchanged

    def as_number(result, call):
        returned(result, call)
        assert not isinstance(result, (pd.Series, pd.DataFrame)), (
            f"{call} should return one number, but it returned a {type(result).__name__}: take "
            "the largest value of the rolling totals with .max()."
        )
        number = float(result)
        assert not math.isnan(number), (
            f"{call} returned NaN (not a number). Build the Series with "
            "deposits[\"amount\"].to_numpy() as its values and the times as its index."
        )
        return number

    tiny = pd.DataFrame({
        "account_id": ["ACC-5"] * 5,
        "ts_local": ["2025-04-08 09:00:00", "2025-04-02 12:00:00", "2025-04-05 12:00:00",
                     "2025-04-03 08:30:00", "2025-04-09 08:59:00"],
        "amount": [3_000.0, 9_000.0, 9_400.0, 9_100.0, 2_500.0],
    })
    tiny.index = [40, 41, 42, 43, 44]
    tiny_before = tiny.copy()
    got = as_number(max_window_total(tiny), "max_window_total(deposits)")

    assert not math.isclose(got, 3.0), (
        "max_window_total returned 3, a number of deposits: add up the amounts with .sum(), "
        "not .count()."
    )
    assert not math.isclose(got, 27_500.0), (
        "max_window_total returned 27,500: it counted the deposit of 2 April 12:00 together with "
        "the one of 5 April 12:00, exactly 72 hours later. A window goes back *less than* 72 "
        "hours: that is what rolling(\"72h\") does."
    )
    assert math.isclose(got, 18_500.0), (
        "In a small example the largest total within 72 hours is $18,500 (9,400 on 5 April and "
        "9,100 on 3 April, 51.5 hours apart), but max_window_total returned "
        f"{got:,.2f}. Sort by time, then rolling(\"72h\").sum(), then .max()."
    )
    got = as_number(max_window_total(tiny, hours=24), "max_window_total(deposits, hours=24)")
    assert math.isclose(got, 18_100.0), (
        "With hours=24 the largest total is $18,100 (9,000 on 2 April 12:00 and 9,100 on 3 April "
        f"08:30, 20.5 hours apart), but max_window_total returned {got:,.2f}. Build the window "
        "from the argument `hours`: rolling(f\"{hours}h\"), not rolling(\"72h\")."
    )
    got = as_number(max_window_total(tiny.iloc[[0]]), "max_window_total(one deposit)")
    assert math.isclose(got, 3_000.0), f"With one deposit of 3,000 the answer is 3,000, not {got}."
    unchanged(tiny_before, tiny, "max_window_total")
    print("Visible tests passed: max_window_total adds up deposits within a rolling window.")

    ### BEGIN HIDDEN TESTS
    start = pd.Timestamp("2025-01-01 00:00:00")
    gaps_h = [5, 30, 41, 72, 1, 96, 12, 12, 47.5, 24, 24, 70, 3]
    times, t = [], start
    for g in gaps_h:
        t = t + pd.Timedelta(hours=g)
        times.append(t)
    amounts = [float(1_000 + 137 * n % 900) for n in range(len(times))]
    many = pd.DataFrame({"ts_local": [x.strftime("%Y-%m-%d %H:%M:%S") for x in times],
                         "amount": amounts})
    many = many.iloc[[7, 2, 11, 0, 5, 9, 1, 12, 3, 10, 6, 4, 8]]
    for window in [1, 24, 48, 72, 100, 200]:
        want = max(sum(a for u, a in zip(times, amounts)
                       if pd.Timedelta(0) <= x - u < pd.Timedelta(hours=window))
                   for x in times)
        got = as_number(max_window_total(many, hours=window), "max_window_total(...)")
        assert math.isclose(got, want), (
            f"On a longer table with hours={window}, the largest total is {want:,.2f}, "
            f"got {got:,.2f}."
        )
    ### END HIDDEN TESTS


_check_or6_max_window_total()
del _check_or6_max_window_total


# %% [markdown]
# ## Keypoints
#
# - A function has `def`, arguments (defaults with `=`), an indented body and `return`; use the
#   arguments, not numbers typed in. `if` / `elif` / `else`: the first True condition wins.
# - A set holds each value once. `&` both, `|` either, `-` in the first but not the second;
#   `len(set(...))`, like `nunique()`, counts **different** values.
# - `for key, rows in df.groupby(...):` runs several steps per group; a summary is shorter when the
#   answer is one number per group.
# - `merge` drops rows without a partner unless `how="left"`, and repeats rows whose key repeats.
#   Count the rows before and after every join.
# - The local time's `.dt.date` and `.dt.hour` answer calendar and clock questions;
#   `pd.to_datetime(ts_local + utc_offset, utc=True)` gives UTC, for order and time between events.
# - `rolling("72h")` on a sorted time index looks back from each row: the row itself and everything
#   less than 72 hours before it.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** (keyboard: Ctrl + Shift + C, type
#    "restart kernel and run", Enter) and check that every test cell prints
#    "Visible tests passed". Run All stops at the first error: that cell is where to look.
# 2. Click **Validate** in the toolbar (or run `investigator-course check 00_orientation`), and
#    read any message it shows.
# 3. Save the notebook (**File > Save**).
#
# **Working on your own?** Once you have tried every exercise, compare your work with the answer
# key: in the file browser, open the folder `answer_keys/00_orientation/`
# (the lab copies the keys there). For the written answers, `answer_keys/instructor_notes/` has
# each rubric as a checklist with marked sample answers: score yourself against it, honestly.
#
# **Next:** assignment `01a_financial_red_flags` uses every tool of this notebook on six months of
# the Exemplar Community Bank's records.
