"""The planted patterns are recoverable by a reference detector, and one-indicator rules
score poorly because of the hard negatives."""

from __future__ import annotations

import pytest
from world_helpers import committed, generated

from investigator_course.world.detectors import evaluate, report

REFERENCE_FLOORS = {  # detector -> (minimum precision, minimum recall)
    "bank/structuring": (0.8, 0.8), "bank/funnel": (0.8, 0.8),
    "bank/front_business": (0.8, 0.8), "bank/controlled_accounts": (0.8, 0.8),
    "bank/exploitative_employment": (0.8, 0.8), "bank/out_of_profile_spend": (0.8, 0.8),
    "bank/combined_reference": (0.85, 0.85),
    "recruitment/reference_operations": (0.85, 0.85),
    "chain/coinjoin_reference": (1.0, 1.0), "chain/peeling_chain": (0.8, 0.8),
    "chain/ad_payment_links": (0.9, 0.6),
}
NAIVE_CEILINGS = {  # single-indicator rule -> maximum precision
    "bank/naive_many_cities": 0.4, "bank/naive_cash_heavy": 0.4,
    "bank/naive_hotel_rideshare": 0.4, "recruitment/naive_many_ads_per_phone": 0.4,
    "chain/naive_equal_outputs": 0.6,
}


def _check(results):
    print("\n" + report(results))
    for name, (precision, recall) in REFERENCE_FLOORS.items():
        r = results[name]
        assert r["precision"] >= precision and r["recall"] >= recall, f"{name}: {r}"
    for name, ceiling in NAIVE_CEILINGS.items():
        assert results[name]["precision"] <= ceiling, (
            f"{name} is too good ({results[name]}): the hard negatives are too weak")


def test_reference_detectors_recover_the_committed_world():
    _check(evaluate(*committed()))


@pytest.mark.slow
def test_reference_detectors_recover_another_seed():
    _check(evaluate(*generated(11, 1.0)))
