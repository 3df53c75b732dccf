"""Checks shared by the course's test cells.

The build copies this file next to every assignment's notebooks, so a test cell can say
`from course_checks import returned, ids_of, unchanged`. It travels with the trainee's
release (Validate works on a laptop without the course package installed), and nbgrader
puts the course's own copy back before grading, so editing it changes no grade.

Each check fails with a message in plain words that says what to look at, because the
message is all a trainee sees of a failed test.
"""

from __future__ import annotations


def returned(result, call: str):
    """The result, after checking the function gave one back (a forgotten `return`)."""
    assert result is not None, f"{call} gave back nothing (None): did you forget `return`?"
    return result


def ids_of(result, call: str, what: str = "ids", *, once: bool = False) -> set[str]:
    """The ids a function returned, as a set of text, whichever container it used.

    A set, list, tuple, pandas Index or Series of ids, or a NumPy array, are all accepted:
    the text asks for "the ids", not for one type. A table, or a True/False Series (a mask
    instead of the ids it selects), fails with a message saying so. With `once=True`, an
    id that comes back twice is an error (a customer counted once per alert, say).
    """
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
    kinds = (set, frozenset, list, tuple, pd.Series, pd.Index, np.ndarray)
    assert isinstance(result, kinds), (
        f"{call} should return the {what} (a set, for example), but it returned {result!r} "
        f"(of type {type(result).__name__}). If you returned len(...), return the {what}.")
    found = [str(x) for x in result]
    if once:
        assert len(found) == len(set(found)), (
            f"{call} returned {sorted(found)}: some of the {what} are in it more than once. "
            "Return a set, so that each is in it once: set(...).")
    return set(found)


def unchanged(before, after, call: str, advice: str) -> None:
    """Fail if a function changed the table it was given (compare with a copy taken before)."""
    assert after.equals(before), f"{call} changed the table it was given. {advice}"


def shuffled(table, seed: int, first_label: int = 100):
    """The table in another row order, with other row labels: an answer must not rely on
    the order the file came in, or on labels 0, 1, 2 ..."""
    mixed = table.sample(frac=1, random_state=seed)
    mixed.index = range(first_label, first_label + len(mixed))
    return mixed
