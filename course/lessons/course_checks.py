"""Checks shared by the course's test cells.

The build copies this file next to every assignment's notebooks, so a test cell can say
`from course_checks import returned, ids_of, unchanged`. It travels with the trainee's
release (Validate works on a laptop without the course package installed), and nbgrader
puts the course's own copy back before grading, so editing it changes no grade.

Each check fails with a message in plain words that says what to look at, because the
message is all a trainee sees of a failed test. The exercise-specific part of a message
(which argument to use, which slip it looks like) is passed in by the test cell, so that a
shared check still says what to look at in that exercise.

A test cell imports these inside its `_check_...` function, so no name is left behind in
the trainee's notebook. What there is:

- what a function gave back: `returned` (not None), `table_of` (a DataFrame), `ids_of` (a
  collection of ids, as a set of text), `values_of` (one value per label, as a dict);
- whether it left its input alone: `unchanged`;
- the comparisons of hidden tests on the full data, naming a few differences: `same_ids`,
  `same_values`;
- inputs and messages: `shuffled` (rows in another order, other labels), `call_text`.
"""

from __future__ import annotations


def returned(result, call: str, advice: str = ""):
    """The result, after checking the function gave one back (a forgotten `return`).

    `advice` is added to the message where a forgotten `return` has a likelier cause in
    that exercise (a function that prints its answer instead of returning it, say).
    """
    message = f"{call} gave back nothing (None): did you forget `return`?"
    assert result is not None, f"{message} {advice}".strip()
    return result


def call_text(name: str, *shown: str, **arguments) -> str:
    """How a test called a function, for its messages: call_text("f", "tiny", low=9000) is
    "f(tiny, low=9000)". The positional arguments are shown as given (the name of a table,
    say); the keyword arguments as name=value, so the trainee can run the same call."""
    parts = [*shown, *(f"{key}={value}" for key, value in arguments.items())]
    return f"{name}({', '.join(parts)})"


def table_of(result, call: str, advice: str = ""):
    """The result, after checking it is a table (a DataFrame).

    `advice` names the likely slip in that exercise: a True/False mask returned instead of
    the rows it selects, for example.
    """
    import pandas as pd

    returned(result, call)
    assert isinstance(result, pd.DataFrame), (
        f"{call} should return a table (DataFrame), but it returned a "
        f"{type(result).__name__}. {advice}").strip()
    return result


def ids_of(result, call: str, what: str = "ids", *, once: bool | str = False) -> set[str]:
    """The ids a function returned, as a set of text, whichever container it used.

    A set (or a dict's keys), list, tuple, pandas Index or Series of ids, a NumPy array or a
    pandas array (what `.unique()` gives for a text column) are all accepted: the text asks
    for "the ids", not for one type. A table, or a True/False Series (a mask instead of the
    ids it selects), fails with a message saying so. With `once`, an id that comes back twice
    is an error (a customer counted once per alert, say); `once` may be that sentence, in the
    exercise's words ("a customer with several alerts is in it more than once").
    """
    from collections.abc import Set

    import numpy as np
    import pandas as pd

    returned(result, call)
    assert not isinstance(result, pd.DataFrame), (
        f"{call} returned a table; return the {what} themselves, e.g. set(table['...'])."
    )
    if isinstance(result, pd.Series) and result.dtype == bool:
        raise AssertionError(
            f"{call} returned a True/False Series; return the {what} it selects instead, "
            "e.g. set(series[series].index).")
    kinds = (Set, list, tuple, pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray)
    assert isinstance(result, kinds), (
        f"{call} should return the {what} (a set, for example), but it returned {result!r} "
        f"(of type {type(result).__name__}). If you returned len(...), return the {what}.")
    found = [str(x) for x in result]
    if once:
        why = once if isinstance(once, str) else f"some of the {what} are in it more than once"
        assert len(found) == len(set(found)), (
            f"{call} returned {sorted(found)}: {why}. "
            "Return a set, so that each is in it once: set(...).")
    return set(found)


def values_of(result, call: str, what: str) -> dict:
    """The values a function returned, by label: {label as text: value}.

    A Series labeled by the ids, or a dict from id to value, are both accepted (the text
    asks for one value per account, not for one type). `what` says what was expected, with
    an example, e.g. "a Series labeled by account_id (for example ...nunique())".
    """
    import numpy as np
    import pandas as pd

    returned(result, call)
    if not isinstance(result, (pd.Series, dict)):
        kind = type(result).__name__
        # A table or an array: its type says enough. A number or a list: show it, so that
        # a total of everything (one number instead of one per label) is plain to see.
        shown = (f"a {kind}" if getattr(result, "ndim", 0)
                 else f"{str(result)[:80]} (of type {kind})")
        raise AssertionError(f"{call} should return {what}, but it returned {shown}.")
    # NumPy numbers as plain ones (0.25, not np.float64(0.25)), for the messages that show them.
    return {str(label): value.item() if isinstance(value, np.generic) else value
            for label, value in dict(result).items()}


def same_ids(got: set, want: set, where: str, what: str, advice: str = "") -> None:
    """Fail unless the ids are the expected ones, naming a few missing and unexpected ones.

    For hidden tests on the full data, where "expected 41, got 43" alone gives nothing to
    look at: `where` says which data and arguments ("On the bank's data with min_cities=3"),
    `what` what the ids are ("accounts").
    """
    missing, extra = sorted(want - got), sorted(got - want)
    assert got == want, (
        f"{where}, expected {len(want)} {what}; got {len(got)} ({len(missing)} missing, e.g. "
        f"{missing[:3]}; {len(extra)} not expected, e.g. {extra[:3]}). {advice}").strip()


def same_values(got: dict, want: dict, where: str, what: str, per: str, label: str) -> None:
    """Fail unless `got` has a value close to `want`'s for each label, and no other labels.

    `where` says which data and arguments, `what` the value ("share"), `per` what the labels
    are ("accounts with money paid in") and `label` the column the result should be labeled
    by ("account_id"). Values are compared with numpy's isclose, so a different but equal
    way of computing them passes.
    """
    import numpy as np

    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    assert not missing and not extra, (
        f"{where}, expected a {what} for each of the {len(want)} {per}; got {len(got)} "
        f"({len(missing)} missing, e.g. {missing[:3]}; {len(extra)} not expected, e.g. "
        f"{extra[:3]}). Label the result by {label}.")

    def close(value, expected) -> bool:
        try:
            return bool(np.isclose(float(value), float(expected)))
        except (TypeError, ValueError):  # text, a list ...: not the number expected
            return False

    def shown(value) -> str:
        try:
            return f"{float(value):.3f}"
        except (TypeError, ValueError):
            return repr(value)

    wrong = [key for key in want if not close(got[key], want[key])]
    assert not wrong, (
        f"{where}, the {what} differs for {len(wrong)} of the {len(want)} {per}, e.g. "
        f"{wrong[0]}: expected {shown(want[wrong[0]])}, got {shown(got[wrong[0]])}.")


def unchanged(before, after, call: str, advice: str = "") -> None:
    """Fail if a function changed the table it was given (compare with a copy taken before).

    `advice` says how to avoid it in that exercise (work on a copy, no inplace=True, ...).
    Where the columns changed, the message lists them: a column added to the table given,
    instead of to a copy, is the usual slip, and seeing it named makes it plain.
    """
    if after.equals(before):
        return
    columns = getattr(after, "columns", None)
    now = ("" if columns is None or list(columns) == list(before.columns)
           else f" (it now has the columns {list(columns)})")
    raise AssertionError(f"{call} changed the table it was given{now}. {advice}".strip())


def shuffled(table, seed: int, first_label: int = 100):
    """The table in another row order, with other row labels: an answer must not rely on
    the order the file came in, or on labels 0, 1, 2 ..."""
    mixed = table.sample(frac=1, random_state=seed)
    mixed.index = range(first_label, first_label + len(mixed))
    return mixed
