"""Solution, hidden-test and mark-scheme regions, as nbgrader is configured to find them.

The delimiters (`### BEGIN SOLUTION` ...) are settings of nbgrader's
`ClearSolutions`, `ClearHiddenTests` and `ClearMarkScheme` preprocessors; they
are read from those, with the course's config when one is given, and the
regions are cleared by the same preprocessors, never by a copy of their logic.
"""

from __future__ import annotations

import copy

from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions

SOLUTION, HIDDEN_TESTS, MARK_SCHEME = "solution", "hidden tests", "mark scheme"
SECRET_KINDS = (HIDDEN_TESTS, MARK_SCHEME)  # never shown to trainees, even in feedback
MIN_SECRET_LENGTH = 12  # shorter lines (`return df`, `pass`) say nothing about a solution


def clearers(config=None) -> dict[str, object]:
    """kind -> the nbgrader preprocessor that clears that kind of region."""
    lenient = {"enforce_metadata": False}
    return {
        SOLUTION: ClearSolutions(config=config, **lenient),
        HIDDEN_TESTS: ClearHiddenTests(config=config, **lenient),
        MARK_SCHEME: ClearMarkScheme(config=config, check_attachment_leakage=False, **lenient),
    }


def region_markers(config=None) -> dict[str, tuple[str, str]]:
    """kind -> (begin, end) delimiter, from nbgrader's settings (its defaults without config)."""
    found = clearers(config)
    return {
        SOLUTION: (found[SOLUTION].begin_solution_delimeter,
                   found[SOLUTION].end_solution_delimeter),
        HIDDEN_TESTS: (found[HIDDEN_TESTS].begin_test_delimeter,
                       found[HIDDEN_TESTS].end_test_delimeter),
        MARK_SCHEME: (found[MARK_SCHEME].begin_mark_scheme_delimeter,
                      found[MARK_SCHEME].end_mark_scheme_delimeter),
    }


def is_marker_line(line: str, markers: dict[str, tuple[str, str]]) -> bool:
    return any(begin in line or end in line for begin, end in markers.values())


def _lines(nb) -> list[set[str]]:
    return [{line.strip() for line in cell.source.split("\n")} for cell in nb.cells]


def cleared(nb, kinds=(SOLUTION, HIDDEN_TESTS, MARK_SCHEME), config=None):
    """A copy of the notebook with those regions cleared by nbgrader's preprocessors."""
    result = copy.deepcopy(nb)
    found = clearers(config)
    for kind in kinds:
        result, _ = found[kind].preprocess(result, {})
    return result


def secret_lines(nb, config=None) -> dict[str, set[str]]:
    """kind -> the lines that only that kind of region of a source notebook holds.

    A line that nbgrader's clearing removes is a secret unless its text also stands
    in the cleared notebook, on its own or inside a longer line (a visible test that
    a hidden test repeats, `"account_id")` closing a hidden call where the lesson
    writes `.groupby("account_id")`). Delimiter lines and lines of 12 characters or
    fewer are left out.
    """
    markers = region_markers(config)
    public = "\n".join(cell.source for cell in cleared(nb, config=config).cells)
    secrets = {}
    for kind in markers:
        before, after = _lines(nb), _lines(cleared(nb, (kind,), config))
        removed = set().union(*(b - a for b, a in zip(before, after, strict=True)))
        secrets[kind] = {line for line in removed
                         if len(line) > MIN_SECRET_LENGTH and line not in public
                         and not is_marker_line(line, markers)}
    return secrets


def hidden_lines(nb, config=None) -> set[str]:
    """The lines of hidden tests and mark schemes: what feedback must never show."""
    found = secret_lines(nb, config)
    return set().union(*(found[kind] for kind in SECRET_KINDS))
