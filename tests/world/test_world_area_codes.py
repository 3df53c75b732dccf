"""Recruitment phones sit on area codes that fit the place ("Fictional identifiers" in
CONTRIBUTING.md): every number in an ad is on a real code of a state on the route, an
operation's numbers on a code of a city it works in, and the committed data and another seed
agree."""

from __future__ import annotations

import csv

import pytest
from world_helpers import committed, generated

from investigator_course.world.geo import CITIES, STATE_CODES


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("where", ["committed", "seed 8"])
def test_recruitment_phones_fit_the_route(where):
    data, truth = committed() if where == "committed" else generated(8, 0.2)
    route = {code for codes in STATE_CODES.values() for code in codes}
    for row in _rows(truth / "recruitment_ads.csv"):
        for contact in filter(None, row["contacts"].split(";")):
            if contact[:1].isdigit():
                assert contact[:3] in route, f"{row['ad_id']}: {contact} is off the route"
    for op in _rows(truth / "recruitment_operations.csv"):
        own = {code for key in op["cities"].split(";") for code in CITIES[key].area_codes}
        for phone in op["phones"].split(";"):
            assert phone[:3] in own, f"{op['op_id']}: {phone} fits none of its cities"
