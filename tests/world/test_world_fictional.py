"""Every identifier in every generated file is fictional by construction (the rules are in
"Fictional identifiers" in CONTRIBUTING.md), and the scanner that proves it does catch
real-looking identifiers."""

from __future__ import annotations

import pytest
from world_helpers import committed, generated

from investigator_course.world.ids import wallet_address
from investigator_course.world.scan import (
    area_code_problems,
    problems_in_text,
    scan_folder,
    valid_syn_address,
)


def test_committed_datasets_hold_only_fictional_identifiers():
    problems = scan_folder(committed()[0] / "bank") + scan_folder(committed()[0] / "chain") + \
        scan_folder(committed()[0] / "recruitment") + scan_folder(committed()[0] / "cases")
    assert not problems, "\n".join(problems[:20])


def test_ground_truth_and_another_seed_hold_only_fictional_identifiers():
    data, truth = generated(8, 0.2)
    problems = scan_folder(data) + scan_folder(truth)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("text", [
    "call 316-867-5309", "(212) 555-1234", "3 1 6 8 6 7 5 3 0 9", "three one six 867 5309",
    "jobs@gmail.com", "jobs [at] realcompany (dot) com", "see https://www.realsite.com/jobs",
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "0x52908400098527886E0F7030069857D2E4169EE7", "pay by Venmo", "posted on Craigslist",
])
def test_scanner_catches_real_looking_identifiers(text):
    assert problems_in_text(text), f"the scanner missed {text!r}"


@pytest.mark.parametrize("text", [
    "call 316-555-0142", "(212) 555-0199", "316 five five five 0142", "3 1 6 5 5 5 0 1 4 2",
    "jobs@acme-cleaning.test", "a [at] example (dot) org", "https://jobboarda.test/ad/x",
    "5000000000", "2025-03-14 22:41:07",
])
def test_scanner_accepts_fictional_identifiers(text):
    assert not problems_in_text(text)


def test_wallet_addresses_are_invalid_elsewhere_but_checksummed():
    address = wallet_address(1, 1)
    assert address.startswith("SYN-") and "-" in address[4:]
    assert valid_syn_address(address)
    assert not valid_syn_address(address[:-1] + ("0" if address[-1] != "0" else "1"))


def test_scanner_catches_an_area_code_that_does_not_fit_the_city():
    header = ["customer_ref", "phone", "city", "state"]
    rows = [["A", "214-555-0101", "Dallas", "TX"], ["B", "864-555-0175", "Dallas", "TX"],
            ["C", "(316) 555-0142", "Wichita", "KS"], ["D", "214-555-0143", "Topeka", "KS"],
            ["E", "785-555-0144", "Wichita", "KS"], ["F", "816-555-0145", "Salina", "KS"],
            ["G", "957-555-0146", "Wichita", "KS"]]
    problems = area_code_problems(header, rows, "kyc.csv")
    # another state's code is wrong unless it is a next state's along the route (KS: MO, OK)
    assert [p.split(":")[1] for p in problems] == ["3", "5", "8"], problems
    assert not area_code_problems(["phone", "city"], [["864-555-0175", "Dallas"]], "x.csv")


def test_bank_customers_phones_fit_their_address():
    import csv

    folder = committed()[0] / "bank"
    with open(folder / "addresses.csv", newline="", encoding="utf-8") as f:
        place = {r["address_id"]: (r["city"], r["state"]) for r in csv.DictReader(f)}
    with open(folder / "customers.csv", newline="", encoding="utf-8") as f:
        rows = [[r["phone"], *place[r["address_id"]]] for r in csv.DictReader(f)]
    problems = area_code_problems(["phone", "city", "state"], rows, "customers.csv")
    assert not problems, f"{len(problems)} customers:\n" + "\n".join(problems[:5])
