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
# # Jupyter and pandas for investigators
#
# *Assignment 00, orientation, part 1 of 2 (part 2 is `00b_python_for_investigators.ipynb`).
# About 3 hours 25 minutes for this part. Part of the course "Following the data trail: data skills for
# human-trafficking investigators".*
#
# > **Content note.** This course is about human trafficking. This notebook uses only yearly
# > totals that governments publish: numbers of prosecutions, convictions, people identified as
# > victims and new laws. It holds no case details, no personal data and nothing explicit.
#
# **Start here:** click on the gray code cell just below this text and press **Shift + Enter**.
# That runs the cell and loads the tools the rest of the notebook needs.
#
# ## Questions
#
# - How do I run, change and re-run a notebook, and what do I do when it shows an error?
# - How do I load a table of figures and pick out the rows and columns I need?
# - How do I turn raw counts into shares, totals and changes over time?
# - How do I draw a chart that everyone in a briefing can read?
# - What can published law-enforcement figures tell us about human trafficking, and what not?
#
# ## Objectives
#
# By the end of this notebook you will be able to:
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | OR-1 | a course notebook in JupyterLab | run, edit and re-run cells, restart and run all, and read an error message for its type, message and line | the visible and hidden tests of OR-1.1 pass | 40 min |
# | OR-2 | a published statistics table as a CSV file | load it, check its shape, columns and types, select columns and keep the rows that match a value | the tests of `load_tip` and `filter_region` pass | 40 min |
# | OR-3 | the same table, rows in any order | add a share column on a copy, sum a column per region, compute a percentage change | the tests of the three OR-3 functions pass | 45 min |
# | OR-4 | the same table | draw one labeled line per region that everyone can read, and describe the chart in one sentence | the tests pass; the description earns 2 of 2 points | 50 min |
# | OR-5 | a rise in the people identified as victims | explain why reported counts are not prevalence (written answer) | at least 3 of 4 points | 30 min |
#
# Total: about 3 hours 25 minutes for this part, including the exercises; part 2 takes about 2 more.
#
# ## How this notebook is graded
#
# There are seven autograded exercises (15 points) and two written answers (6 points). In each
# autograded exercise you write a small **function**; the gray **test cell** under it checks
# your function and tells you in plain words what it expected. The instructor's copy has more
# checks, which run when your work is graded. The written answers are graded by your instructor;
# working on your own, you compare them with the model answers in the answer key (see the end of
# this notebook).
# Your work is saved in this notebook: use **File > Save** (or Ctrl + S) often.
#
# ## The data
#
# Real, published figures: the law-enforcement tables of the U.S. Department of State's
# *2024 Trafficking in Persons Report* (the "TIP Report") for 2017 to 2023, worldwide ("Global")
# and for the Western Hemisphere. We copied them from the tables in Greenlight Operation's
# article "Overview of The 2024 Trafficking in Persons Report". They are totals reported by
# governments; no person can be identified from them.

# %%
# Run this cell first (Shift + Enter). It loads the tools this notebook uses.
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

# Color-blind-safe colors for every chart in this notebook.
plt.style.use("tableau-colorblind10")

# Where the data file is, relative to this notebook.
DATA_PATH = "data/tip_report/law_enforcement_2017_2023.csv"

print("Ready: pandas", pd.__version__)

# %% [markdown]
# ## OR-1 Run, edit and restart a notebook (40 min)
#
# A notebook is a page made of **cells**. There are two kinds:
#
# - **Text cells** (like this one) explain things. Double-click one to see how it is written,
#   then press Shift + Enter to show it nicely again.
# - **Code cells** (gray boxes) hold Python code. Running one sends its code to the
#   **kernel**, the Python program working behind the page, and shows the result underneath.
#
# To run a cell: click in it and press **Shift + Enter** (run, then move to the next cell), or
# use the ▶ button in the toolbar. The number in `[ ]` to the left of a code cell tells you the
# order in which cells were run: `[3]` was the third cell run since the kernel started, and
# `[*]` means "still running".
#
# **Keyboard only?** Everything in this course works without a mouse. **Shift + Enter** runs a
# cell; **Esc** stops editing a cell and **Enter** starts again; with no cell being edited, the
# **up and down arrows** move between cells, **A** and **B** add a cell above or below, and
# **0** pressed twice restarts the kernel. **Ctrl + Shift + C** (on a Mac, Cmd + Shift + C) opens
# the command palette: type a few words of any menu command, such as "restart kernel and run
# all", and press Enter. **Ctrl + S** (Cmd + S) saves.
#
# ### Edit a cell and run it again
#
# Run the cell below. Then change `2023` to `2017`, and run it again.

# %%
year = 2023
print("The figures in this notebook go up to", year)

# %% [markdown]
# ### The order you run cells in matters
#
# The kernel remembers everything you have run, in the order you ran it, whatever the order
# of the cells on the page. Run the first cell below once, then run the second cell three
# times and watch the number.

# %%
counter = 0
print("counter starts at", counter)

# %%
counter = counter + 1
print("counter is now", counter)

# %% [markdown]
# The page has not changed, but the result has: the kernel keeps a memory (its **state**) that
# you cannot see on the page. After a morning of running cells out of order, that memory can
# hold things no cell on the page would produce now. The cure is to start from nothing:
#
# - **Kernel > Restart Kernel and Run All Cells...** clears the kernel's memory and runs every
#   cell from top to bottom.
#
# Do this before you hand in any notebook. If it runs from top to bottom, anyone else (your
# instructor, a colleague, the grader) will get the same results you did. That is the same
# idea as a reproducible evidence log.
#
# **Try it now:** use *Kernel > Restart Kernel and Run All Cells...*, then scroll back here.
# `counter` is now 1 again. (Further down, Run All stops at the first cell that shows an error.
# In a fresh copy that is the first test cell, because you have not written that exercise yet.
# That is expected: carry on from here.)
#
# ### Read an error message
#
# When Python cannot do what a cell asks, it stops and prints an **error message**
# (a "traceback") in a red box. It looks alarming but it is only a report. For example,
# asking for a column called `convicitons` (a typo) gives a message that ends like this:
#
# ```text
# KeyError                                  Traceback (most recent call last)
# Cell In[7], line 1
# ----> 1 tip["convicitons"]
# ...
# KeyError: 'convicitons'
# ```
#
# **Read it from the bottom up:**
#
# 1. The **last line** gives the **type** of error and a **message**: here `KeyError`, and the
#    name it could not find, `'convicitons'`.
# 2. The arrow `---->` points at the line of *your* cell where Python stopped.
# 3. Lines in between come from inside pandas. You can usually skip them.
#
# The error types you will meet most often today:
#
# | Type | What it usually means | What to do |
# |---|---|---|
# | `NameError` | A name is not defined: a typo, or the cell that defines it has not been run (for example after a restart) | Check the spelling; run the cells above |
# | `KeyError` | A column or label is not in the table | Check `tip.columns` for the exact spelling |
# | `FileNotFoundError` | No file at that path | Check the path and the file name |
# | `SyntaxError` | Python cannot read the code: a missing bracket, quote or colon | Look at the line the arrow points to |
# | `NotImplementedError` | An exercise you have not answered yet | Write your answer in place of the `raise` line |
# | `AssertionError` | A test found a problem with your answer | Read the message: it says what was expected |
#
# The cell below makes two mistakes on purpose and prints the type and message of each error.
# (The `try:` / `except` lines catch an error so that the notebook can carry on; you will not
# need to write them yourself.)

# %%
# Mistake 1: a typo in the file name ("enforcment").
try:
    pd.read_csv("data/tip_report/law_enforcment_2017_2023.csv")
except FileNotFoundError as error:
    print("Error type:", type(error).__name__)
    print("Message:   ", error)

print()

# Mistake 2: a name that was never defined (a typo of `year`).
try:
    print(yaer)
except NameError as error:
    print("Error type:", type(error).__name__)
    print("Message:   ", error)

# %% [markdown]
# **Your turn (not graded).** In the cell below, delete the `#` at the start of the second
# line and run the cell. Read the last line of the red message: which type of error is it, and
# what name does it complain about? Then fix the spelling (`print`) and run the cell again.

# %%
# Practice cell: remove the '#' at the start of the next line, run, read the error, fix it.
# prnt("Hello, investigator")

# %% [markdown]
# ### Exercise OR-1.1 (1 point): read an error message, then fix the line
#
# The cell below adds up the cases two units opened this month, but it has a mistake in it.
# Run it. The `try:` and `except` lines catch the error so that the notebook can carry on (you
# will not need to write them), and `traceback.print_exc()` prints the message in Python's plain
# form: the form you also get from a program run outside a notebook. It has the same parts as
# Jupyter's: read it from the bottom up, and in the answer cell under it write:
#
# - `error_type`: the **type** of the error, as text in quotes, for example `"NameError"`;
# - `error_line`: the **line of the cell** where Python stopped, as a whole number: the plain
#   form gives it as `line N` above the line of code itself (Jupyter's own form marks it with
#   the arrow `---->`); the comment at the top of the cell is line 1;
# - `total`: the same sum as the line with the mistake, fixed, so that it gives the number of
#   cases the two units opened.
#
# Then run the test cell under your answer.

# %%
# Cases opened this month, by unit. This cell has a mistake in it: read the message.
import traceback

try:
    cases_opened = {"vice": 6, "financial crimes": 4, "patrol": 2}
    total = cases_opened["vice"] + cases_opened["financal crimes"]
    print("Vice and financial crimes opened", total, "cases.")
except Exception:
    traceback.print_exc()   # print the error message, and carry on

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or1_read_an_error", "schema_version": 3}
# Write your three answers in place of the `raise` line.
### BEGIN SOLUTION
error_type = "KeyError"
error_line = 6
total = cases_opened["vice"] + cases_opened["financial crimes"]
### END SOLUTION

# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 1, "grade_id": "or1_read_an_error_tests", "schema_version": 3}
def _check_or1_read_an_error():
    """Check the error's type and line as the message gives them, and the fixed sum."""
    assert isinstance(error_type, str), (
        f"error_type is {error_type!r}, not text. Put the type in quotes, e.g. error_type = \"NameError\"."
    )
    assert ":" not in error_type and "'" not in error_type and " " not in error_type.strip(), (
        f"error_type is {error_type!r}. Write only the type: the word before the colon on the "
        "last line of the message, without the message after it."
    )
    assert error_type.strip().endswith("Error"), (
        f"error_type is {error_type!r}. The type is the first word of the last line, and every "
        "type in this course ends in 'Error' (Traceback is only the heading of the message)."
    )
    assert error_type.strip() == "KeyError", (
        f"error_type is {error_type!r}, but the last line of the message names another type. "
        "Run the cell again and read the first word of the very last line of the red box."
    )
    assert isinstance(error_line, int) and not isinstance(error_line, bool), (
        f"error_line is {error_line!r}: write the line number as a whole number, without quotes."
    )
    assert error_line not in (1, 2), (
        f"error_line is {error_line}. 'line N' in the message gives the line where Python "
        "stopped; lines 1 and 2 are the comment and the import at the top of the cell."
    )
    assert error_line == 6, (
        f"error_line is {error_line}, but the message gives another line: look for 'line N' just "
        "above the line of code it quotes, counting from the comment at the top (line 1)."
    )
    assert not isinstance(total, str), (
        f"total is {total!r}, text: write the sum itself (the fixed line), not its words."
    )
    assert total == cases_opened["vice"] + cases_opened["financial crimes"], (
        f"total is {total!r}, but vice and financial crimes opened "
        f"{cases_opened['vice']} + {cases_opened['financial crimes']} cases. Copy line 6 and fix "
        "the spelling of the unit the message names."
    )
    ### BEGIN HIDDEN TESTS
    assert error_type == "KeyError", f"error_type is {error_type!r}: no spaces around the type."
    assert total == 10, f"total is {total!r}; vice (6) and financial crimes (4) opened 10 cases."
    ### END HIDDEN TESTS
    print("Visible tests passed.")


_check_or1_read_an_error()
del _check_or1_read_an_error

# %% [markdown]
# ## OR-2 Load and inspect a table (40 min)
#
# ### About the data
#
# Every year the U.S. Department of State publishes the *Trafficking in Persons Report*. Its
# law-enforcement tables count what governments reported doing against trafficking. We use
# two tables from the **2024 Report**, covering the years **2017 to 2023**: one for the whole
# world ("Global") and one for the **Western Hemisphere** (the Americas and the Caribbean).
# Our copy was transcribed from Greenlight Operation's article "Overview of The 2024 Trafficking
# in Persons Report", which reproduces the tables; the datasheet in `data/tip_report/` gives the
# full citation.
#
# The file has one row per region and year, and these columns:
#
# | Column | What it counts |
# |---|---|
# | `region` | `Global` or `Western Hemisphere` (the Western Hemisphere is *part of* Global) |
# | `year` | the year the figures refer to |
# | `prosecutions`, `labor_prosecutions` | trafficking prosecutions; of those, for labor trafficking |
# | `convictions`, `labor_convictions` | trafficking convictions; of those, for labor trafficking |
# | `victims_identified`, `labor_victims_identified` | people identified as victims; of those, in labor trafficking |
# | `new_or_amended_legislation` | new or amended anti-trafficking laws |
#
# The `labor_` columns are a **part of** the column before them, not extra to it.
#
# ### Worked example: load the table and look at it
#
# A **CSV file** ("comma-separated values") is a plain-text table, the format investigators
# most often receive data in. The **pandas** library reads it into a **DataFrame**, a table you
# can work with in Python. `pd.read_csv` takes the path of the file:

# %%
tip = pd.read_csv(DATA_PATH)
tip

# %% [markdown]
# A few questions to ask of any new table, and how to ask them:

# %%
tip.shape        # (number of rows, number of columns)

# %%
tip.columns      # the column names, spelled exactly

# %%
tip.head(3)      # the first 3 rows (tip.tail(3) gives the last 3)

# %%
tip.dtypes       # the type of each column: int64 = whole numbers, str/object = text

# %%
tip.describe()   # count, mean, min, max ... of every numeric column


# %% [markdown]
# Look at the output of `describe()`: the `min` of `year` is 2017 and the `max` is 2023, as
# expected. Checking a new file like this takes a minute and catches a wrong or truncated
# file before you build anything on it.
#
# ### Functions: packaging steps you will repeat
#
# In this course you write your answers as small **functions**. A function has a name, takes
# **arguments** (the things in brackets) and gives back a result with `return`. The text in
# triple quotes under the first line (the **docstring**) says what it does. Here is one:

# %%
def count_rows(path):
    """Return how many rows the CSV file at `path` has."""
    table = pd.read_csv(path)
    return len(table)


count_rows(DATA_PATH)


# %% [markdown]
# Three things to notice: the body of the function is **indented** (4 spaces); the function
# uses its argument `path`, not a file name typed in; and it ends with `return`, without which
# it would give back nothing (`None`).
#
# ### Exercise OR-2.1 (1 point): `load_tip`
#
# Write the function `load_tip(path)` so that it reads the CSV file at `path` and returns the
# whole table as a DataFrame, unchanged.
#
# In each exercise, replace the two lines `# YOUR CODE HERE` and `raise NotImplementedError(...)`
# with your code, keep the first line (`def ...`) and the docstring, and run the cell. Then run
# the test cell below it. If a test fails, read the last line of the message, fix your function,
# run your cell again, then the test cell again.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or2_load_tip", "schema_version": 3}
def load_tip(path):
    """Read the CSV file at `path` and return it as a pandas DataFrame."""
    ### BEGIN SOLUTION
    return pd.read_csv(path)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 1, "grade_id": "or2_load_tip_tests", "schema_version": 3}
def _check_or2_load_tip():
    """Check that load_tip reads the file it is given and returns the whole table."""
    import os
    import tempfile

    import pandas as pd
    from course_checks import table_of

    # A tiny hand-made file, so we can see that load_tip reads the path it is given.
    with tempfile.TemporaryDirectory() as tiny_folder:
        tiny_path = os.path.join(tiny_folder, "tiny.csv")
        with open(tiny_path, "w", encoding="utf-8") as tiny_file:
            tiny_file.write("region,year,prosecutions\nGlobal,2030,5\nWestern Hemisphere,2030,2\n")
        tiny = load_tip(tiny_path)

    table_of(tiny, "load_tip")
    assert len(tiny) == 2, (
        f"On a small test file with 2 rows, load_tip returned {len(tiny)} rows. "
        "Read the file named by the argument `path`, not a file name typed into the function."
    )
    assert set(tiny.columns) == {"region", "year", "prosecutions"}, (
        "On a small test file with the columns region, year and prosecutions, load_tip returned "
        f"the columns {list(tiny.columns)}. Use plain pd.read_csv(path), without index_col."
    )

    full = load_tip("data/tip_report/law_enforcement_2017_2023.csv")
    assert full.shape == (14, 9), (
        f"The TIP table has 14 rows and 9 columns, but load_tip returned {full.shape[0]} rows "
        f"and {full.shape[1]} columns."
    )
    print("Visible tests passed: load_tip reads the file it is given.")

    ### BEGIN HIDDEN TESTS
    reference = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    assert set(full.columns) == set(reference.columns), (
        f"Expected the columns {sorted(reference.columns)}, got {sorted(full.columns)}."
    )
    columns = sorted(reference.columns)
    got_rows = sorted(full[columns].itertuples(index=False, name=None))
    want_rows = sorted(reference[columns].itertuples(index=False, name=None))
    assert got_rows == want_rows, "load_tip changed some values: return the table exactly as read."
    ### END HIDDEN TESTS


_check_or2_load_tip()
del _check_or2_load_tip


# %%
# Try your function on the real file (not graded).
load_tip(DATA_PATH).tail(3)

# %% [markdown]
# ### Select columns
#
# Square brackets with a column name give you one column (a pandas **Series**); a *list* of
# names (note the double brackets) gives a smaller table:

# %%
tip["convictions"]

# %%
tip[["region", "year", "convictions"]]

# %% [markdown]
# ### Worked example: filter rows
#
# To keep only some rows, write a **condition** on a column. The comparison gives one `True`
# or `False` per row (a **mask**):

# %%
tip["year"] >= 2020

# %% [markdown]
# Put the mask inside `tip[ ... ]` to keep only the rows where it is `True`:

# %%
recent = tip[tip["year"] >= 2020]
recent[["region", "year", "prosecutions"]]

# %% [markdown]
# Comparisons: `==` equal (two signs: one `=` means "store in"), `!=` not equal, `<`, `<=`,
# `>`, `>=`. To combine two conditions, put each in round brackets and join them with `&`
# ("and") or `|` ("or"):

# %%
tip[(tip["region"] == "Global") & (tip["year"] == 2023)]

# %% [markdown]
# In 2023 governments worldwide reported 18,774 trafficking prosecutions and 7,115
# convictions, and identified 133,943 people as victims (2024 TIP Report, global
# law-enforcement table).
#
# Text must match **exactly**, including capitals and spaces. A near miss is not an error, it
# silently gives an empty table, which is easy to miss in a long notebook:

# %%
tip[tip["region"] == "Western hemisphere"]     # small 'h': no rows match

# %%
tip["region"].unique()                         # the exact spellings in the table


# %% [markdown]
# ### Exercise OR-2.2 (2 points): `filter_region`
#
# Write `filter_region(df, region)` so that it returns the rows of `df` whose `region` column
# equals the argument `region`, with all columns kept and each row keeping its label (its
# index), as a filter does: do not reset the index. For a region that is not in the table,
# the answer is an empty table with the same columns. The worked example above kept rows by
# year; here the condition is on the `region` column, and the region is whatever the caller
# passes in (so do not type a region's name into the function). Do not change the table you
# are given.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or2_filter_region", "schema_version": 3}
def filter_region(df, region):
    """Return only the rows of `df` whose 'region' equals `region` (all columns kept)."""
    ### BEGIN SOLUTION
    return df[df["region"] == region]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or2_filter_region_tests", "schema_version": 3}
def _check_or2_filter_region():
    """Check that filter_region keeps exactly the rows of the region asked for."""
    import pandas as pd
    from course_checks import shuffled, table_of, unchanged

    tiny = pd.DataFrame({
        "region": ["Global", "Western Hemisphere", "Global"],
        "year": [2020, 2020, 2021],
        "convictions": [10, 3, 12],
    })
    tiny.index = [10, 11, 12]
    tiny_before = tiny.copy()
    result = filter_region(tiny, "Global")

    table_of(result, "filter_region", "If you returned df['region'] == region, that is only the "
             "True/False mask: put it inside df[ ... ] to keep the rows.")
    assert len(result) == 2, (
        f"A small table has 2 rows for 'Global', but filter_region(tiny, 'Global') returned "
        f"{len(result)} row(s). Compare the region column with the argument `region` using == "
        "(the name region without quotes)."
    )
    assert set(result["region"]) == {"Global"}, (
        f"Every row returned should have the region 'Global'; found {sorted(set(result['region']))}."
    )
    assert set(result.columns) == set(tiny.columns), (
        "filter_region should keep all the columns: filter the rows only."
    )
    assert sorted(result.index) == [10, 12], (
        "The Global rows of the small table have the labels (index) 10 and 12, but the rows "
        f"returned have {sorted(result.index)}. Keep each row's label: do not reset the index."
    )
    unchanged(tiny_before, tiny, "filter_region")
    nowhere = filter_region(tiny, "Europe")
    assert isinstance(nowhere, pd.DataFrame) and len(nowhere) == 0 \
        and set(nowhere.columns) == set(tiny.columns), (
        "For a region that is not in the table ('Europe'), filter_region should return an empty "
        "table with the same columns, not raise an error or return None."
    )

    full = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    western = filter_region(full, "Western Hemisphere")
    assert len(western) == 7 and set(western["year"]) == set(range(2017, 2024)), (
        "On the TIP table, filter_region(df, 'Western Hemisphere') should give 7 rows, one for each "
        f"year 2017 to 2023; it gave {len(western)} rows."
    )
    print("Visible tests passed: filter_region keeps the rows of one region.")

    ### BEGIN HIDDEN TESTS
    mixed = shuffled(full, 7)
    columns = sorted(full.columns)
    for region_name in full["region"].unique():
        for table in (full, mixed):
            got = filter_region(table, region_name)
            want = table[table["region"] == region_name]
            assert sorted(got[columns].itertuples(index=False, name=None)) == sorted(
                want[columns].itertuples(index=False, name=None)
            ), f"filter_region(df, {region_name!r}) did not return exactly that region's rows."
            assert sorted(got.index) == sorted(want.index), (
                f"filter_region(df, {region_name!r}) returned the right rows with other labels: "
                "keep each row's index."
            )
    ### END HIDDEN TESTS


_check_or2_filter_region()
del _check_or2_filter_region


# %%
# Try your function (not graded).
filter_region(tip, "Western Hemisphere")


# %% [markdown]
# ## OR-3 Derive new columns and group summaries (45 min)
#
# Raw counts rarely answer a question on their own. Investigators and analysts turn them into
# **shares** ("what part of ..."), **totals** and **changes over time**.
#
# ### Worked example: a new column, on a copy
#
# What share of trafficking convictions were for labor trafficking? Divide one column by
# another: pandas does it row by row. We work on a **copy** of the table, so the table we were
# given stays exactly as it was, like working on a copy of an exhibit, never the original.

# %%
def add_labor_share_convictions(df):
    """Return a copy of `df` with a column 'labor_share_convictions' (a fraction, 0 to 1)."""
    result = df.copy()
    result["labor_share_convictions"] = result["labor_convictions"] / result["convictions"]
    return result


with_conviction_share = add_labor_share_convictions(tip)
with_conviction_share[["region", "year", "convictions", "labor_convictions",
                       "labor_share_convictions"]].round(3)

# %%
"labor_share_convictions" in tip.columns     # False: the original table is unchanged


# %% [markdown]
# Worldwide, the labor share of convictions rose from 332 of 7,135 in 2017 (about 0.05, that is
# 5%) to 1,256 of 7,115 in 2023 (about 0.18, or 18%) (2024 TIP Report, global table). A share
# is kept as a **fraction** between 0 and 1; multiply by 100 only when you want to *show* a
# percentage.
#
# ### Exercise OR-3.1 (2 points): `add_share_labor`
#
# Write `add_share_labor(df)`. It returns a **copy** of `df` with one new column,
# `labor_share_victims`: the fraction (0 to 1) of people identified as victims who were
# identified in labor trafficking, that is `labor_victims_identified` divided by
# `victims_identified`. The copy keeps every row, in the same order and with the same labels
# (index), as `df.copy()` does. The table passed in must not change.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or3_add_share_labor", "schema_version": 3}
def add_share_labor(df):
    """Return a copy of `df` with a column 'labor_share_victims' (a fraction, 0 to 1)."""
    ### BEGIN SOLUTION
    result = df.copy()
    labor = result["labor_victims_identified"]
    result["labor_share_victims"] = labor / result["victims_identified"]
    return result
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or3_add_share_labor_tests", "schema_version": 3}
def _check_or3_add_share_labor():
    """Check that add_share_labor adds the labor share of people identified, on a copy."""
    import numpy as np
    import pandas as pd
    from course_checks import shuffled, table_of, unchanged

    tiny = pd.DataFrame({
        "region": ["Global", "Global"],
        "year": [2022, 2023],
        "convictions": [40, 10],
        "labor_convictions": [4, 5],
        "victims_identified": [200, 80],
        "labor_victims_identified": [50, 8],
    })
    tiny.index = [7, 3]
    tiny_before = tiny.copy()
    result = add_share_labor(tiny)

    table_of(result, "add_share_labor")
    unchanged(tiny_before, tiny, "add_share_labor", "Make a copy first (result = df.copy()), add "
              "the column to the copy, and return the copy.")
    assert "labor_share_victims" in result.columns, (
        f"Expected a new column called 'labor_share_victims'; the columns are {list(result.columns)}."
    )
    assert set(tiny.columns) <= set(result.columns) and len(result) == len(tiny), (
        "add_share_labor should keep every row and every column of the table, and add one column."
    )
    assert list(result.index) == [7, 3], (
        "The small table's rows have the labels (index) 7 and 3; add_share_labor returned "
        f"{list(result.index)}. Keep the rows and their labels as they are: add the column to "
        "df.copy(), without resetting the index."
    )
    shares = result.sort_values("year")["labor_share_victims"].to_numpy(dtype=float)
    assert not np.allclose(shares, [25.0, 10.0]), (
        "These look like percentages (25 and 10). Keep the share as a fraction between 0 and 1: "
        "50 of 200 is 0.25. Do not multiply by 100."
    )
    assert np.allclose(shares, [0.25, 0.10]), (
        "50 of 200 people is 0.25 and 8 of 80 is 0.1, but the new column holds "
        f"{shares.round(4).tolist()}. Divide labor_victims_identified by victims_identified."
    )
    print("Visible tests passed: add_share_labor adds the share on a copy.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    mixed = shuffled(full, 3, first_label=50)
    mixed_before = mixed.copy()
    got = add_share_labor(mixed)
    unchanged(mixed_before, mixed, "add_share_labor")
    assert len(got) == len(full), "add_share_labor should keep every row."
    assert list(got.index) == list(mixed.index), (
        "add_share_labor should keep the rows in the order and with the labels they came with."
    )
    expected = {
        (region_name, year_): labor / total
        for region_name, year_, total, labor in full[
            ["region", "year", "victims_identified", "labor_victims_identified"]
        ].itertuples(index=False, name=None)
    }
    for region_name, year_, share in got[["region", "year", "labor_share_victims"]].itertuples(
        index=False, name=None
    ):
        assert np.isclose(share, expected[(region_name, year_)]), (
            f"For {region_name} {year_} the labor share should be "
            f"{expected[(region_name, year_)]:.4f}, got {share}."
        )
    ### END HIDDEN TESTS


_check_or3_add_share_labor()
del _check_or3_add_share_labor


# %%
# Try your function (not graded).
with_share = add_share_labor(tip)
with_share[["region", "year", "victims_identified", "labor_victims_identified",
            "labor_share_victims"]].round(3)

# %% [markdown]
# ### Worked example: one summary per group
#
# `groupby` splits a table into groups (here: one per region), works out a summary for each
# group, and puts the results together. The **average** number of prosecutions per year in
# each region:

# %%
tip.groupby("region")["prosecutions"].mean()


# %% [markdown]
# Read it as: "group `tip` by `region`, take the `prosecutions` column, and give the mean of
# each group". Other summaries work the same way: `.sum()`, `.max()`, `.min()`,
# `.count()` (how many rows, *not* the total).
#
# **A trap in this table:** the Western Hemisphere is part of Global. Adding the two regions'
# figures together counts the Western Hemisphere twice. Always check what your groups contain
# before adding them up.
#
# ### Exercise OR-3.2 (2 points): `totals_by_region`
#
# Write `totals_by_region(df, column)`. It returns a pandas Series with one value per region,
# labeled by the region's name: the **sum** of `column` over all the years in `df`. The column
# is whatever the caller passes in, so do not type a column name into the function. Do not
# change the table you are given.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or3_totals_by_region", "schema_version": 3}
def totals_by_region(df, column):
    """Return a Series: for each region, the sum of `column` over all years."""
    ### BEGIN SOLUTION
    return df.groupby("region")[column].sum()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or3_totals_by_region_tests", "schema_version": 3}
def _check_or3_totals_by_region():
    """Check that totals_by_region adds up a column over the years, for each region separately."""
    import numpy as np
    import pandas as pd
    from course_checks import same_values, shuffled, unchanged, values_of

    tiny = pd.DataFrame({
        "region": ["Global", "Global", "Western Hemisphere"],
        "year": [2022, 2023, 2023],
        "prosecutions": [7, 8, 9],
        "convictions": [10, 20, 4],
        "victims_identified": [100, 200, 40],
    })
    tiny_before = tiny.copy()
    result = totals_by_region(tiny, "victims_identified")

    totals = values_of(result, "totals_by_region", "a pandas Series with one total per region "
                       "(for example df.groupby('region')[column].sum())")
    totals = {label: float(value) for label, value in totals.items()}
    assert set(totals) == {"Global", "Western Hemisphere"}, (
        f"Expected one total for each region, labeled by region name; got the labels {sorted(totals)}."
    )
    assert np.isclose(totals["Global"], 300) and np.isclose(totals["Western Hemisphere"], 40), (
        "In a small table, the totals of 'victims_identified' should be Global 300 (100 + 200) and "
        f"Western Hemisphere 40, but totals_by_region gave {totals}. Add up (sum) the column "
        "named by the argument `column`."
    )
    unchanged(tiny_before, tiny, "totals_by_region", "Perhaps it sorted it in place or added a "
              "column: group and add up without changing df.")
    print("Visible tests passed: totals_by_region sums a column for each region.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    mixed = shuffled(full, 5)
    for column_name in ["prosecutions", "labor_convictions", "victims_identified",
                        "new_or_amended_legislation"]:
        call = f"totals_by_region(df, {column_name!r})"
        got = values_of(totals_by_region(mixed, column_name), call, "one total per region")
        want = {str(k): float(full.loc[full["region"] == k, column_name].sum())
                for k in full["region"].unique()}
        same_values(got, want, f"On the TIP table, for {column_name}", "total", "regions",
                    "region")
    three = pd.DataFrame({"region": ["A", "B", "C", "A"], "x": [1, 2, 3, 4]})
    got = values_of(totals_by_region(three, "x"), 'totals_by_region(three, "x")',
                    "one total per region")
    got = {k: float(v) for k, v in got.items()}
    assert got == {"A": 5.0, "B": 2.0, "C": 3.0}, (
        f"With three regions, expected A 5, B 2, C 3; got {got}."
    )
    ### END HIDDEN TESTS


_check_or3_totals_by_region()
del _check_or3_totals_by_region


# %%
# Try your function (not graded).
totals_by_region(tip, "victims_identified")

# %% [markdown]
# These are totals of seven yearly counts. They are not numbers of different people: the same
# person or case can appear in more than one year, and the Western Hemisphere is inside Global.
#
# ### Worked example: the change between two years
#
# "By how much did it change?" is usually answered as a **percentage change**:
#
# ```text
# change in % = (new value - old value) / old value * 100
# ```
#
# To use it we need single values out of the table: filter down to one row, take the column,
# then take its first (only) value with `.iloc[0]`. Worldwide prosecutions, 2020 against the
# latest year in the table:

# %%
global_rows = tip[tip["region"] == "Global"]
latest_year = global_rows["year"].max()        # the latest year, whatever the row order

value_2020 = global_rows[global_rows["year"] == 2020]["prosecutions"].iloc[0]
value_latest = global_rows[global_rows["year"] == latest_year]["prosecutions"].iloc[0]

change = (value_latest - value_2020) / value_2020 * 100
print(f"Prosecutions: {value_2020} in 2020, {value_latest} in {latest_year}: {change:+.1f} %")


# %% [markdown]
# Worldwide prosecutions went from 9,876 in 2020 to 18,774 in 2023, a rise of about 90%
# (2024 TIP Report, global table). Notice that the code picks the latest year with `.max()` and
# picks each row by its year, so it still works if the rows come in another order.
#
# ### Exercise OR-3.3 (3 points): `change_since`
#
# Write `change_since(df, region, column, base_year)`. It returns one number: the percentage
# change in `column` for `region`, from `base_year` to the latest year that region has in `df`.
# For example, a value of 100 in the base year and 150 in the latest year gives `50.0`; a fall
# from 10 to 5 gives `-50.0`. Do not assume the rows are sorted, and do not change the table you are given.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or3_change_since", "schema_version": 3}
def change_since(df, region, column, base_year):
    """Return the % change in `column` for `region` from `base_year` to its latest year."""
    ### BEGIN SOLUTION
    rows = df[df["region"] == region]
    latest_year = rows["year"].max()
    base_value = rows[rows["year"] == base_year][column].iloc[0]
    latest_value = rows[rows["year"] == latest_year][column].iloc[0]
    return (latest_value - base_value) / base_value * 100
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "or3_change_since_tests", "schema_version": 3}
def _check_or3_change_since():
    """Check that change_since gives the percentage change from the base year to the latest year."""
    import numpy as np
    import pandas as pd
    from course_checks import returned, shuffled, unchanged

    tiny = pd.DataFrame({
        "region": ["Region A", "Region B", "Region A", "Region B", "Region A"],
        "year": [2020, 2019, 2021, 2020, 2019],
        "convictions": [120, 10, 150, 5, 100],
    })
    tiny_before = tiny.copy()
    result = change_since(tiny, "Region A", "convictions", 2019)

    returned(result, "change_since")
    assert isinstance(result, (int, float, np.number)), (
        f"change_since should return one number, but it returned a {type(result).__name__}. "
        "Take single values out of the table with .iloc[0]."
    )
    assert not np.isclose(result, 0.5), (
        "From 100 to 150 is +50 percent, but change_since returned 0.5, a fraction: multiply by 100."
    )
    assert np.isclose(result, 50.0), (
        f"Region A went from 100 in 2019 to 150 in 2021, a change of +50.0 percent; change_since "
        f"returned {result}. Take the base value from the row where year == base_year (2019 "
        "here), the latest value from the row of the region's latest year (the rows are not in "
        "year order: Region A's first row is 2020), and use (latest - base) / base * 100."
    )
    result_2020 = change_since(tiny, "Region A", "convictions", 2020)
    assert np.isclose(result_2020, 25.0), (
        f"From 120 in 2020 to 150 in 2021 is +25.0 percent, but change_since(..., 2020) returned "
        f"{result_2020}. Take the base value from the row of `base_year`, not from the first row."
    )
    result_b = change_since(tiny, "Region B", "convictions", 2019)
    assert np.isclose(result_b, -50.0), (
        f"Region B went from 10 in 2019 to 5 in 2020 (its latest year: B has no 2021 row), a "
        f"change of -50.0 percent, but change_since returned {result_b}. Use only the rows of "
        "the region you are given, and that region's own latest year."
    )
    unchanged(tiny_before, tiny, "change_since", "Perhaps it sorted it in place or added a "
              "column: work on a selection or a copy instead.")
    print("Visible tests passed: change_since gives the percentage change.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    mixed = shuffled(full, 11, first_label=200)
    for region_name in full["region"].unique():
        rows = full[full["region"] == region_name]
        latest = rows["year"].max()
        for column_name in ["prosecutions", "convictions", "labor_victims_identified"]:
            for base in [rows["year"].min(), 2020, latest]:
                base_value = float(rows.loc[rows["year"] == base, column_name].iloc[0])
                latest_value = float(rows.loc[rows["year"] == latest, column_name].iloc[0])
                want = (latest_value - base_value) / base_value * 100
                got = change_since(mixed, region_name, column_name, base)
                assert np.isclose(got, want), (
                    f"change_since(df, {region_name!r}, {column_name!r}, {base}) should be "
                    f"{want:.2f}, got {got}. The rows may come in any order: pick rows by year."
                )
    ### END HIDDEN TESTS


_check_or3_change_since()
del _check_or3_change_since


# %%
# Try your function (not graded).
print(f"People identified as victims worldwide, 2017 to the latest year: "
      f"{change_since(tip, 'Global', 'victims_identified', 2017):+.1f} %")
print(f"Prosecutions in the Western Hemisphere, 2017 to the latest year: "
      f"{change_since(tip, 'Western Hemisphere', 'prosecutions', 2017):+.1f} %")

# %% [markdown]
# ## OR-4 Make a labeled, accessible plot (50 min)
#
# A chart in a briefing must be readable by everyone in the room, including the roughly 1 in
# 12 men and 1 in 200 women with a color-vision deficiency, and people reading a black-and-white
# printout or using a screen reader. A checklist for every chart in this course:
#
# 1. a **title** that says what is shown, where and when;
# 2. **axis labels**, with units ("count", "people");
# 3. a **legend** naming each line;
# 4. **markers and line styles**, so lines can be told apart without color;
# 5. **color-blind-safe colors** (the first code cell set the `tableau-colorblind10` style);
# 6. a one-sentence **description** in text under the figure (alt text), for anyone who cannot
#    see it.
#
# ### Worked example: two columns for one region
#
# With matplotlib, `plt.subplots()` gives a figure and its **Axes** (the plotting area,
# usually called `ax`). Each `ax.plot(x, y, ...)` call draws one line. Here we draw two columns
# for the Global rows, with a loop: `zip` pairs each column with its own marker and line style.

# %%
global_rows = tip[tip["region"] == "Global"].sort_values("year")

fig, ax = plt.subplots(figsize=(7, 4))
columns = ["prosecutions", "labor_prosecutions"]
markers = ["o", "s"]
line_styles = ["-", "--"]
for column, marker, line_style in zip(columns, markers, line_styles):
    ax.plot(global_rows["year"], global_rows[column], marker=marker, linestyle=line_style,
            label=column.replace("_", " "))

ax.set_title("Trafficking prosecutions reported worldwide, 2017-2023")
ax.set_xlabel("Year")
ax.set_ylabel("Prosecutions (count)")
ax.set_ylim(bottom=0)        # counts: start the y axis at zero
ax.legend()
plt.show()


# %% [markdown]
# *Figure description:* Line chart of trafficking prosecutions reported worldwide each year
# from 2017 to 2023: all prosecutions (circles, solid line) fall from 17,471 in 2017 to a low of
# 9,876 in 2020 and then rise to 18,774 in 2023, while labor-trafficking prosecutions (squares,
# dashed line) dip to 457 in 2018 and then rise every year, from 869 in 2017 to 3,684 in 2023.
#
# ### Exercise OR-4.1 (4 points): `plot_trend`
#
# Write `plot_trend(df, column, ax=None)`. It draws **one line per region** in `df`, with
# `year` on the x axis and `column` on the y axis, and returns the Axes it drew on.
#
# - Draw on the `ax` you are given. The first two lines of the function are written for you:
#   when no `ax` is given (it is `None`), they create a new figure and Axes with
#   `plt.subplots()`. (`if` gets its own lesson in the next notebook, `00b`.)
# - Draw each region's points in year order (sort its rows by `year`), so the line does not
#   zigzag when the table's rows come in another order.
# - Label each line with its region's name (`label=...`) and add a legend.
# - Give the chart a title and label both axes. Start the y axis at zero
#   (`ax.set_ylim(bottom=0)`), so that a change does not look bigger than it is.
# - Give every line a marker, and give each region its own marker or line style (color alone
#   is not enough). Keep the color-blind-safe colors (do not set your own colors, or use the
#   Okabe-Ito palette if you do).
# - Do not change the table you are given. End with `return ax`.
#
# Two test cells follow: one checks the checklist (2 points), the other checks that the right
# numbers are drawn (2 points).

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "or4_plot_trend", "schema_version": 3}
def plot_trend(df, column, ax=None):
    """Draw `column` by year, one labeled line per region; return the matplotlib Axes."""
    if ax is None:                          # no Axes given: make a new figure (written for you)
        fig, ax = plt.subplots(figsize=(7, 4))
    ### BEGIN SOLUTION
    regions = sorted(df["region"].unique())
    markers = ["o", "s", "^", "D", "v", "P"]
    line_styles = ["-", "--", ":", "-."]
    for number, region in enumerate(regions):
        rows = df[df["region"] == region].sort_values("year")
        ax.plot(rows["year"], rows[column], marker=markers[number % len(markers)],
                linestyle=line_styles[number % len(line_styles)], label=region)
    ax.set_title(f"{column.replace('_', ' ').capitalize()} by year and region")
    ax.set_xlabel("Year")
    ax.set_ylabel(column.replace("_", " ").capitalize())
    ax.set_ylim(bottom=0)
    ax.legend(title="Region")
    return ax
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or4_plot_trend_labels_tests", "schema_version": 3}
def _check_or4_plot_trend_labels():
    """Check that plot_trend returns a readable, accessible chart (title, labels, legend, markers)."""
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd
    from course_checks import unchanged
    from matplotlib.colors import to_hex

    def title_of(axes):
        """The title, wherever matplotlib lets it be put: center, left, right, or the figure's."""
        titles = [axes.get_title(loc=loc) for loc in ("center", "left", "right")]
        if axes.figure is not None and axes.figure.get_suptitle():
            titles.append(axes.figure.get_suptitle())
        return " ".join(t.strip() for t in titles).strip()

    def legend_of(axes):
        """The Axes' legend, or a legend added to its figure with fig.legend()."""
        if axes.get_legend() is not None:
            return axes.get_legend()
        legends = axes.figure.legends if axes.figure is not None else []
        return legends[0] if legends else None

    tiny = pd.DataFrame({
        "region": ["Global", "Western Hemisphere", "Global", "Western Hemisphere", "Global"],
        "year": [2023, 2022, 2021, 2023, 2022],
        "convictions": [70, 5, 40, 8, 50],
    })
    tiny_before = tiny.copy()
    ax = plot_trend(tiny, "convictions")
    plt.close("all")

    assert isinstance(ax, matplotlib.axes.Axes), (
        f"plot_trend should return the Axes it drew on (end with `return ax`), but it returned "
        f"{type(ax).__name__}."
    )
    assert title_of(ax), "The chart has no title: add one with ax.set_title('...')."
    assert ax.get_xlabel().strip(), "The x axis has no label: add one with ax.set_xlabel('...')."
    assert ax.get_ylabel().strip(), "The y axis has no label: add one with ax.set_ylabel('...')."
    legend = legend_of(ax)
    assert legend is not None, (
        "The chart has no legend: give each line label=region and call ax.legend()."
    )
    legend_text = " ".join(text.get_text() for text in legend.get_texts())
    for region_name in ["Global", "Western Hemisphere"]:
        assert region_name in legend_text, (
            f"The legend should name each region; {region_name!r} is missing (legend: {legend_text!r})."
        )
    lines = ax.get_lines()
    assert lines, "plot_trend drew no lines."
    for line in lines:
        assert line.get_marker() not in (None, "", " ", "None", "none"), (
            f"The line {line.get_label()!r} has no markers: add marker='o' (or another marker)."
        )
    looks = [(str(line.get_marker()), str(line.get_linestyle())) for line in lines]
    assert len(set(looks)) == len(looks), (
        "Two lines have the same marker and line style, so they differ only by color. Give each "
        "region its own marker (e.g. 'o', 's') or line style (e.g. '-', '--')."
    )
    for line in lines:
        years = [float(x) for x in line.get_xdata()]
        assert years == sorted(years), (
            f"The points of the line {line.get_label()!r} are drawn in the order "
            f"{[int(y) for y in years]}, so the line zigzags. Sort each region's rows by year "
            "before plotting: rows.sort_values('year')."
        )
    bottom = ax.get_ylim()[0]
    assert bottom == 0, (
        f"The y axis starts at {bottom:g}, not at zero, which makes a change look bigger (or "
        "smaller) than it is. Add ax.set_ylim(bottom=0)."
    )
    unchanged(tiny_before, tiny, "plot_trend", "Perhaps it sorted it in place or added a "
              "column: sort into a new variable, rows = ...sort_values('year').")
    fig, given_ax = plt.subplots()
    drawn_on = plot_trend(tiny, "convictions", ax=given_ax)
    plt.close("all")
    assert drawn_on is given_ax, (
        "plot_trend(tiny, 'convictions', ax=given_ax) returned another Axes than the one passed "
        "in. When ax is given, draw on it and return it; make a new figure only when ax is None "
        "(if ax is None: fig, ax = plt.subplots())."
    )
    assert given_ax.get_lines(), (
        "plot_trend(tiny, 'convictions', ax=given_ax) drew nothing on the Axes passed in. When ax "
        "is given, draw on it (ax.plot(...)); make a new figure only when ax is None."
    )
    safe_colours = {c.lower() for c in ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                        "#0072B2", "#D55E00", "#CC79A7"]}  # Okabe-Ito
    for style_name in ["tableau-colorblind10", "seaborn-v0_8-colorblind", "petroff10"]:
        if style_name in plt.style.library:
            cycle = plt.style.library[style_name]["axes.prop_cycle"].by_key()["color"]
            safe_colours |= {to_hex(c) for c in cycle}
    for line in lines:
        assert to_hex(line.get_color()) in safe_colours, (
            f"The line {line.get_label()!r} has the color {to_hex(line.get_color())}, which is not "
            "from a color-blind-safe palette. Leave the colors to the style set at the top "
            "(tableau-colorblind10), or use the Okabe-Ito colors."
        )
    print("Visible tests passed: the chart has a title, labels, a legend and markers.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    fig, given_ax = plt.subplots()
    returned = plot_trend(full, "prosecutions", ax=given_ax)
    plt.close("all")
    assert returned is given_ax, (
        "When an Axes is passed in (ax=...), plot_trend should draw on it and return that same Axes."
    )
    assert title_of(given_ax) and given_ax.get_xlabel().strip() \
        and given_ax.get_ylabel().strip(), "With ax given, the chart still needs a title and labels."
    assert legend_of(given_ax) is not None, "With ax given, the chart still needs a legend."
    assert given_ax.get_ylim()[0] == 0, "With ax given, the y axis should still start at zero."
    for line in given_ax.get_lines():
        assert line.get_marker() not in (None, "", " ", "None", "none"), "Every line needs markers."
    ### END HIDDEN TESTS


_check_or4_plot_trend_labels()
del _check_or4_plot_trend_labels


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "or4_plot_trend_data_tests", "schema_version": 3}
def _check_or4_plot_trend_data():
    """Check that plot_trend draws the right numbers: one line per region, years on the x axis."""
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from course_checks import shuffled


    def drawn_lines(axes):
        """Each line's points as a sorted tuple of (x, y) pairs."""
        found = []
        for line in axes.get_lines():
            xs = np.asarray(line.get_xdata(), dtype=float)
            ys = np.asarray(line.get_ydata(), dtype=float)
            found.append(tuple(sorted(zip(xs.round(6).tolist(), ys.round(6).tolist()))))
        return sorted(found)


    def expected_lines(table, column_name):
        found = []
        for region_name in table["region"].unique():
            rows = table[table["region"] == region_name]
            pairs = zip(rows["year"].astype(float).tolist(), rows[column_name].astype(float).tolist())
            found.append(tuple(sorted((round(x, 6), round(y, 6)) for x, y in pairs)))
        return sorted(found)


    tiny = pd.DataFrame({
        "region": ["Global", "Global", "Western Hemisphere", "Western Hemisphere", "Europe",
                   "Europe"],
        "year": [2022, 2023, 2022, 2023, 2022, 2023],
        "convictions": [50, 70, 5, 8, 30, 25],
        "prosecutions": [90, 95, 9, 12, 40, 45],
    })
    ax = plot_trend(tiny, "convictions")
    plt.close("all")

    assert ax is not None and hasattr(ax, "get_lines"), (
        "plot_trend should return the Axes it drew on (end with `return ax`)."
    )
    got = drawn_lines(ax)
    assert len(got) == 3, f"A table with 3 regions should give 3 lines; plot_trend drew {len(got)}."
    x_values = sorted({x for line in got for x, _ in line})
    assert x_values == [2022.0, 2023.0], (
        f"The x values of the lines are {x_values}, but they should be the years (2022 and 2023). "
        "Pass the year column as x: ax.plot(rows['year'], rows[column], ...)."
    )
    assert got == expected_lines(tiny, "convictions"), (
        "The lines do not show the expected numbers. For each region, plot only that region's rows, "
        "with the year on the x axis and the column named by the argument `column` on the y axis."
    )
    print("Visible tests passed: plot_trend draws one line per region, by year.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/tip_report/law_enforcement_2017_2023.csv")
    mixed = shuffled(full, 2)
    for column_name in ["victims_identified", "labor_convictions"]:
        ax = plot_trend(mixed, column_name)
        plt.close("all")
        assert drawn_lines(ax) == expected_lines(full, column_name), (
            f"On the TIP table, plot_trend(df, {column_name!r}) did not draw each region's "
            "values by year."
        )
    one_region = full[full["region"] == "Western Hemisphere"]
    ax = plot_trend(one_region, "prosecutions")
    plt.close("all")
    assert drawn_lines(ax) == expected_lines(one_region, "prosecutions"), (
        "With only one region in the table, plot_trend should draw exactly one line for it."
    )
    ### END HIDDEN TESTS


_check_or4_plot_trend_data()
del _check_or4_plot_trend_data


# %% [markdown]
# Try your function on the real table (not graded):

# %%
ax = plot_trend(tip, "victims_identified")
plt.show()

# %% [markdown]
# *Figure description:* Line chart of people identified as victims of trafficking each year
# from 2017 to 2023: the Global line moves between about 85,600 and 133,900 and ends at its
# highest point in 2023, while the Western Hemisphere line stays between about 10,000 and
# 18,300, so on this scale it looks almost flat.
#
# **Think about it:** the Western Hemisphere line looks flat, yet it rose by more than 80%
# between 2017 and 2023 (use `change_since` to check). A shared y axis hides changes in the
# smaller series; a chart per region, or a chart of percentage changes, would show them.

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 2, "grade_id": "or4_plot_description", "schema_version": 3}
# ### Exercise OR-4.2 (written, 2 points): describe the chart for someone who cannot see it
#
# Run the cell below: it draws the labor share of people identified, with your two functions.
# Then, in the cell under it, write the chart's **one-sentence description**, the text that goes
# under a figure in a briefing (and that a screen reader reads out). Like the description above,
# it says what kind of chart it is and what it shows, where and when, and gives the numbers a
# reader needs: where each line starts and ends, and anything striking on the way. Read the
# values from the chart or from the table (`add_share_labor(tip)`).
#
# === BEGIN MARK SCHEME ===
#
# **Levels** (2 points):
#
# - **2 points:** names the kind of chart and what is shown (the labor share of people
#   identified, by year, 2017 to 2023, for both regions); gives correct approximate values for
#   the start and end of each line (Global about 0.25 in 2017 and 0.31 in 2023; Western
#   Hemisphere about 0.21 in 2017 and 0.20 in 2023) and at least one striking point (the dip in
#   2018-2020, to about 0.12 globally and about 0.02 in the Western Hemisphere in 2019); one or
#   two plain sentences, shares written as shares (not as counts of people).
# - **1 point:** says what is shown but gives no values, wrong values, or only one line; or
#   describes the styling (colors, markers) instead of the data.
# - **0 points:** blank, or says nothing a reader who cannot see the chart could use.
#
# **Model answer:** "Line chart of the share of people identified as victims who were identified
# in labor trafficking, 2017 to 2023: worldwide the share falls from about 0.25 to about 0.12 in
# 2019 and rises to 0.31 in 2023, while in the Western Hemisphere it drops from 0.21 to 0.02 in
# 2019 and climbs back to 0.20 in 2023."
#
# === END MARK SCHEME ===

# %%
ax = plot_trend(add_share_labor(tip), "labor_share_victims")
plt.show()

# %% [markdown]
# *Write your one-sentence description here (double-click to edit).*

# %% [markdown]
# ## OR-5 What these numbers can and cannot tell you (30 min)
#
# Everything so far treated the table as numbers. Before using them in a briefing, ask what
# was counted, by whom, and what would make the count go up or down.
#
# **What was counted.** Each figure is what governments reported doing in a year: cases
# prosecuted, convictions obtained, people identified as victims, laws passed. The State
# Department compiles them from information governments and others provide. They measure
# *law-enforcement activity*, not the amount of trafficking (its **prevalence**).
#
# **Why counts move.** A count of people identified rises when more people are exploited, but
# also when more officers are trained to recognize trafficking, when a new unit or hotline opens,
# when a law changes what counts, or when more governments send in figures. It falls when
# courts and services close, as in the COVID-19 pandemic: the source article points to 2020
# and 2021 as unusual years, and the table shows global convictions dropping from 9,548 in
# 2019 to 5,011 in 2020 (2024 TIP Report).
#
# **Attention shows up in the numbers.** Look at the whole series of the labor share of people
# identified worldwide, not just two years picked from it:
#

# %%
world = tip[tip["region"] == "Global"].sort_values("year")
labor_share = world["labor_victims_identified"] / world["victims_identified"]
for year, share in zip(world["year"], labor_share):
    print(f"{year}: {share:.1%} of the people identified were identified in labor trafficking")

# %% [markdown]
# The share was about a quarter in 2017, fell to 12–13% in 2018 to 2020, and then rose to about
# 31% in 2023. A series that falls by half in one year and climbs back later is more likely to
# reflect who reported what, and how much attention labor trafficking got, than the crime itself:
# a reader who quoted only 2018 and 2023 would tell a story the table does not support.
#
# **Identified versus estimated.** The 2024 Report's opening message quotes an estimate of about
# 27 million people exploited for labor, services and commercial sex. Its source is the
# *Global Estimates of Modern Slavery* (International Labour Organization, Walk Free and the
# International Organization for Migration, 2022): **27.6 million people in forced labor on any
# given day in 2021**, forced commercial sexual exploitation included. That is a *point-in-time*
# estimate (how many people at one moment), not a count per year. Compare it with the people
# identified in one year, keeping in mind that the two are different kinds of number:

# %%
global_2023 = tip[(tip["region"] == "Global") & (tip["year"] == 2023)]
identified_2023 = global_2023["victims_identified"].iloc[0]
estimated_exploited = 27_600_000   # in forced labor on any given day in 2021 (ILO, Walk Free, IOM)

print(f"People identified in 2023: {identified_2023:,}")
print(f"As a share of the estimate: {identified_2023 / estimated_exploited:.1%}")

# %% [markdown]
# About one person in two hundred. The estimate comes from a different kind of study (surveys
# and statistical modeling) with its own uncertainty, and it counts people at one moment while
# the identifications are a year's total, so the ratio is only a sense of scale. Even so, the
# gap shows how much of trafficking the law-enforcement counts never see.
#
# **Discussion (not graded; your instructor may ask the class):**
#
# 1. Western Hemisphere convictions were 794 in 2021, 256 in 2022 and 873 in 2023. Give three
#    explanations that have nothing to do with how much trafficking took place.
# 2. Your unit doubles its trafficking arrests after a training course. What will your area's
#    figures look like next year, and what would you say to a journalist who calls it a
#    "trafficking wave"?

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "or5_counts_not_prevalence", "schema_version": 3}
# ### Exercise OR-5.1 (written, 4 points): counts are not prevalence
#
# Between 2022 and 2023 the number of people identified as victims worldwide rose from
# 115,324 to 133,943, about 16% (2024 TIP Report, global law-enforcement table). A colleague's
# draft briefing says: *"Human trafficking increased by 16% last year."*
#
# In 4 to 6 sentences, explain to your colleague why these figures do not show how much
# trafficking there is (its prevalence). Give at least **two concrete reasons**, using this table
# or its source, and suggest a more accurate sentence for the briefing.
#
# Write your answer in the cell below this one.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does** (the instructor guide has sample answers at each level):
#
# - states the core distinction: the figures count law-enforcement activity reported by
#   governments (people *identified*), not the number of people exploited;
# - gives at least two concrete, correct reasons, for example: identification depends on
#   effort, training and resources; reporting practice changes (which governments report, what
#   they count); trafficking is hidden, so most people are never identified (about 134,000
#   identified in a year against an estimated 27.6 million in forced labor on any given day); disruptions such as the
#   COVID-19 years; definitions differ between countries; growing attention to labor trafficking;
# - rewrites the sentence accurately, e.g. "The number of people identified as victims and
#   reported by governments rose by 16%";
# - uses person-first, non-sensational language.
#
# **Levels**
#
# - **4 points:** core distinction stated clearly; two or more concrete reasons, at least one
#   tied to this table or its source; an accurate rewritten sentence.
# - **3 points:** core distinction and two reasons, but the rewritten sentence is missing or
#   still implies prevalence, or one reason is vague.
# - **2 points:** core distinction stated, but only one reason, or reasons are generic and not
#   connected to the data; or the answer says the rise is real but "even bigger".
# - **1 point:** says the data have limits without explaining why a count of identified people
#   is not a measure of prevalence.
# - **0 points:** blank, or accepts the colleague's sentence.
#
# **Model answer (4 points):** These figures count people whom governments *identified* as
# victims and reported to the State Department, so they measure law-enforcement activity, not
# how many people are being trafficked. A rise can come from more effort: more training, new
# units or better screening find more of the people who were already being exploited. Reporting
# also changes from year to year, in which governments send figures and what they count, and
# the 2020-2021 pandemic years show how much outside events move the counts. Most trafficking is
# never identified: about 134,000 people were identified in 2023, while an estimated 27.6 million
# people were in forced labor on any given day in 2021 (ILO, Walk Free and IOM). A more accurate sentence: "In 2023,
# governments reported identifying 133,943 people as victims of trafficking, 16% more than in
# 2022."
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## Keypoints
#
# - A notebook's kernel remembers what you ran, in the order you ran it.
#   **Kernel > Restart Kernel and Run All Cells** before you hand in.
# - Read an error from the bottom: the last line gives its type and message, the arrow shows
#   your line.
# - `pd.read_csv(path)` loads a table; check `shape`, `columns`, `dtypes` and `describe()`
#   before you trust it.
# - `df[["a", "b"]]` selects columns; `df[df["a"] == value]` filters rows. Text must match
#   exactly, and a near miss gives an empty table, not an error.
# - Derive new columns on a copy (`df.copy()`); keep shares as fractions; `groupby` gives one
#   summary per group. Do not add a region to a total it is already part of.
# - Every chart gets a title, axis labels, a legend, markers or line styles, color-blind-safe
#   colors, and a one-sentence description.
# - Law-enforcement counts measure what was found and reported, not how much trafficking there
#   is.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** (keyboard: Ctrl + Shift + C, type
#    "restart kernel and run", Enter) and check that every test cell prints
#    "Visible tests passed". Run All stops at the first error: if it stops, that cell is where
#    to look.
# 2. Click **Validate** in the toolbar (on a laptop, or `investigator-course check 00` in a
#    terminal), and read any message it shows.
# 3. Save the notebook (**File > Save**).
#
# **Working on your own?** Once you have tried every exercise, compare your work with the answer
# key: in the file browser, open the folder `answer_keys/00_orientation/`
# (the lab copies the keys there). For the written answers, `answer_keys/instructor_notes/` has
# each rubric as a checklist with marked sample answers: score yourself against it, honestly.
#
# **Next:** part 2 of this orientation, `00b_python_for_investigators.ipynb` (about 2 hours, in
# the same folder): writing your own functions with `if`, sets of ids, loops over groups, joining
# tables, dates and time zones, and rolling time windows, the tools assignment 01 builds on.
#
# **Source of the data:** U.S. Department of State, *2024 Trafficking in Persons Report*
# (June 2024), law-enforcement data tables, Global and Western Hemisphere, 2017-2023,
# <https://www.state.gov/reports/2024-trafficking-in-persons-report/>; as tabulated in
# Greenlight Operation, "Overview of The 2024 Trafficking in Persons Report",
# <https://greenlightoperation.org/overview-of-the-2024-trafficking-in-persons-report>.
