"""Packing recorded submissions: only non-interfering entries share a trainee."""

from __future__ import annotations

from tests.support.trainees import RecordedSubmission, pack_independent


def entry(name, answers, fails, kind="mistake"):
    return RecordedSubmission(name, kind, "", {a: "pass\n" for a in answers}, list(fails))


def test_independent_mistakes_share_a_trainee():
    packs = pack_independent([entry("a", ["x"], ["x_tests"]), entry("b", ["y"], ["y_tests"])])
    assert [[e.name for e in p] for p in packs] == [["a", "b"]]


def test_same_answer_cell_or_same_failing_test_are_kept_apart():
    packs = pack_independent([
        entry("a", ["x"], ["x_tests"]),
        entry("b", ["x"], ["z_tests"]),      # same answer cell as a
        entry("c", ["y"], ["x_tests"]),      # fails the same test as a
        entry("d", ["w"], []),               # touches neither, joins the first pack
    ])
    names = [[e.name for e in p] for p in packs]
    assert names == [["a", "d"], ["b", "c"]]


def test_kinds_never_mix():
    packs = pack_independent([entry("m", ["x"], ["x_tests"]),
                              entry("alt", ["y"], [], kind="alternative")])
    assert len(packs) == 2
