"""The shared cast has women and men among those who control and those who are exploited,
and the staff notes about them use the right pronouns."""

from __future__ import annotations

import pandas as pd
import pytest
from world_helpers import committed

from investigator_course.world.shared import build_shared


@pytest.mark.parametrize("seed", [20250101, 11, 3, 7, 42])
def test_women_and_men_on_both_sides(seed):
    people = build_shared(seed, 1.0).people
    controllers = {p.sex for k, p in people.items() if k.startswith("ctrl_")}
    exploited = {p.sex for k, p in people.items() if k.startswith("exploited_")}
    assert controllers == {"F", "M"}, f"seed {seed}: controllers all {controllers}"
    assert exploited == {"F", "M"}, f"seed {seed}: people in controlled accounts all {exploited}"
    for p in people.values():
        assert p.email.startswith((p.first.lower(), p.first[0].lower())), p


def test_notes_use_each_customers_pronouns():
    data, truth = committed()
    notes = pd.read_csv(data / "bank" / "branch_interactions.csv")
    entities = pd.read_csv(truth / "bank_entities.csv").set_index("key")
    world = build_shared(20250101, 1.0)
    for key, person in world.people.items():
        if not key.startswith("exploited_"):
            continue
        own = notes[notes["customer_id"] == entities.at[key, "customer_id"]]["note_text"]
        wrong = (" her previous", "where she", "for herself") if person.sex == "M" else (
            " his previous", "where he was", "for himself")
        assert not own.str.contains("|".join(wrong)).any(), f"{key}: {list(own)}"
