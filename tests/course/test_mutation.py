"""A full score must mean a right answer: every exercise's tests kill its solution's mutants.

For every assignment, `mutation.py` makes systematic one-slip variants of each
autograded exercise's solution and runs the exercise's visible and hidden tests
against them. The suite enforces a floor (95 % of the non-equivalent mutants
killed per assignment, 85 % per exercise), keeps the allow-list of equivalent
mutants honest (every entry says why, and matches a mutant that still survives),
and prints the scores at the end of the run.
"""

from __future__ import annotations

import pytest
from mutation import ASSIGNMENT_FLOOR, EXERCISE_FLOOR, allow_list, mutants_of, run_assignment

from tests.support.course import ASSIGNMENT_IDS

MUTATION_REPORTS: list[str] = []  # printed by conftest.pytest_terminal_summary


@pytest.fixture(scope="module", params=ASSIGNMENT_IDS)
def mutation_score(request, built_course):
    report = run_assignment(built_course, request.param)
    MUTATION_REPORTS.append(report.table())
    return report


@pytest.mark.slow
def test_solution_passes_its_own_tests(mutation_score):
    broken = [e.grade_id for e in mutation_score.exercises if not e.solution_passes]
    assert not broken, f"the instructor's solution fails the tests of {broken}"


@pytest.mark.slow
def test_tests_kill_the_mutants(mutation_score):
    low = [f"{e.grade_id} {e.score:.0%}" for e in mutation_score.exercises
           if e.score < EXERCISE_FLOOR]
    problems = []
    if mutation_score.score < ASSIGNMENT_FLOOR:
        problems.append(f"{mutation_score.assignment_id}: {mutation_score.score:.1%} of the "
                        f"mutants killed, below the floor of {ASSIGNMENT_FLOOR:.0%}")
    if low:
        problems.append(f"exercises below {EXERCISE_FLOOR:.0%}: {', '.join(low)}")
    assert not problems, "\n".join(problems) + (
        "\nSurviving mutants (strengthen the tests, or allow-list a truly equivalent one in "
        f"tests/submissions/{mutation_score.assignment_id}.equivalent.toml):\n"
        + mutation_score.survivors())


@pytest.mark.slow
def test_allow_list_is_current_and_explained(mutation_score):
    stale = mutation_score.stale_allowances
    assert not stale, "allow-listed mutants that no longer survive (remove them):\n" + "\n".join(
        stale)
    unexplained = [f"{gid}: {d}" for gid, entries in allow_list(
        mutation_score.assignment_id).items() for d, why in entries.items() if len(why) < 20]
    assert not unexplained, f"say in a line why each mutant is equivalent: {unexplained}"


def test_mutator_makes_the_slips_it_promises():
    """The operators on a small answer: boundaries, connectives, filters, aggregations, graphs."""
    answer = '''def f(tx, graph_kind=None):
    """Stub."""
    ### BEGIN SOLUTION
    wanted = (tx["amount"] < 10) & tx["channel"].isin(["cash", "atm"])
    rows = tx[wanted].sort_values("ts")
    g = nx.Graph()
    local = pd.to_datetime(rows["ts"], utc=True).dt.tz_convert("America/Chicago")
    return rows.groupby("account_id")["city"].nunique(), g, local.dt.date
    ### END SOLUTION
'''
    described = {m.description for m in mutants_of(answer)}
    expected = [
        "`(tx['amount'] < 10) & tx['channel'].isin(['cash', 'atm'])` -> "
        "`(tx['amount'] <= 10) & tx['channel'].isin(['cash', 'atm'])`",
        "`(tx['amount'] < 10) & tx['channel'].isin(['cash', 'atm'])` -> "
        "`(tx['amount'] < 10) | tx['channel'].isin(['cash', 'atm'])`",
        "`(tx['amount'] < 10) & tx['channel'].isin(['cash', 'atm'])` -> `tx['amount'] < 10`",
        "`tx[wanted].sort_values('ts')` -> `tx.sort_values('ts')`",
        "`tx['channel'].isin(['cash', 'atm'])` -> `tx['channel'].isin(['atm'])`",
        "`tx[wanted].sort_values('ts')` -> `tx[wanted]`",
        "`rows.groupby('account_id')['city'].nunique()` -> "
        "`rows.groupby('account_id')['city'].count()`",
        "`g = nx.Graph()` -> `g = nx.DiGraph()`",
        "`pd.to_datetime(rows['ts'], utc=True).dt.tz_convert('America/Chicago')` -> "
        "`pd.to_datetime(rows['ts'], utc=True)`",
        "`(rows.groupby('account_id')['city'].nunique(), g, local.dt.date)` -> "
        "`(rows.groupby('account_id')['city'].nunique(), g, local.dt.day)`",
        "`f` changes its argument `tx` in place",
    ]
    missing = [e for e in expected if e not in described]
    assert not missing, f"mutants not made: {missing}\nmade: {sorted(described)}"
    assert not any("Stub" in d for d in described), "only the solution region is mutated"


@pytest.mark.slow
def test_test_cells_leave_no_names_behind(mutation_score):
    """A test cell must not add or replace a name in the trainee's notebook: wrap it in a def."""
    left = [name for e in mutation_score.exercises for name in e.leftover_names]
    assert not left, f"test cells leave or replace these names: {left}"


@pytest.mark.slow
def test_visible_tests_catch_every_stated_rule(mutation_score):
    """'Visible tests passed' must not hide a lost cell: a slip that only the hidden tests catch
    is allowed only for a rule the instructions do not state (listed, with why)."""
    assert not mutation_score.hidden_only(), (
        "these slips pass every visible test and fail only at grading; add a visible check (and "
        "state the rule in the text), or list them with why in tests/submissions/"
        f"{mutation_score.assignment_id}.hidden_only.toml:\n" + mutation_score.hidden_only())
