"""datasets/bank: six months of a fictional regional bank, and its ground truth.

The package, in the order `build` runs it (each module imports only the ones above it):

* `records`: ids, rows and plumbing (branches, merchants, accounts, both legs of a
  transfer, local time and UTC offset). Imports nothing else from the package.
* `life`: `Bank`, the records plus background life (households, paydays, bills,
  spending, local businesses) and the building blocks the stories below use.
* `hard_negatives`: legitimate customers who trip one red flag each.
* `planted`: the planted case (controllers, front, funnel, controlled accounts,
  exploitative employment) and the cast's rows of the ground truth.
* `notes`: teller notes (planted and benign) and the partial labels in confirmed_cases.

Every step draws from the bank's one random stream, so the order below is part of the
output: change it and every seed gives other files.
"""

from __future__ import annotations

from ..output import Output
from ..schemas import table, truth_table
from ..shared import SharedWorld
from .hard_negatives import add_hard_negatives
from .life import Bank
from .notes import add_background_interactions, add_confirmed_cases, planted_interactions
from .planted import Planted, add_planted
from .records import Customer

CUSTOMERS = table("bank", "customers.csv")
HARD_NEGATIVES = truth_table("bank", "bank_hard_negatives.csv")


def build(world: SharedWorld, seed: int, scale: float) -> Output:
    """Run the bank simulation and return its tables, ground truth and a summary line."""
    bank = Bank(world, seed, scale)
    bank.background_people()
    bank.background_businesses()
    add_hard_negatives(bank)
    bank.everyday_life()
    planted = add_planted(bank)
    planted_interactions(bank, planted)
    add_background_interactions(bank, planted)
    add_confirmed_cases(bank, planted)
    return _output(bank, planted)


def customer_row(c: Customer) -> tuple:
    """A customer's KYC record: personal fields for individuals, business fields for
    businesses, whatever the Customer object holds."""
    person, business = c.kind == "individual", c.kind == "business"
    return CUSTOMERS.row(
        customer_id=c.customer_id, kind=c.kind, name=c.name,
        birth_year=c.birth_year if person else None,
        occupation=c.occupation if person else None,
        industry=c.industry if business else None,
        naics_code=c.naics if business else None,
        declared_monthly_income=c.monthly_income if person else None,
        declared_annual_revenue=c.annual_revenue if business else None,
        declared_employees=c.employees if business else None,
        opening_hours=c.hours if business else None,
        address_id=c.address_id, phone=c.phone, email=c.email, onboard_date=c.onboard_date,
        risk_rating=c.risk_rating)


def _output(bank: Bank, planted: Planted) -> Output:
    tables = {
        "customers.csv": [customer_row(c) for c in bank.customers.values()],
        "addresses.csv": bank.addresses,
        "accounts.csv": bank.accounts, "account_parties.csv": bank.parties,
        "locations.csv": bank.locations, "merchants.csv": bank.merchants,
        "transactions.csv": bank.tx, "branch_interactions.csv": bank.interactions,
        "confirmed_cases.csv": bank.cases,
    }
    truth = {
        "bank_entities.csv": sorted(bank.truth_entities),
        "bank_hard_negatives.csv": [
            HARD_NEGATIVES.row(customer_id=customer_id, archetype=archetype)
            for customer_id, archetype in sorted(bank.hard_negatives.items())],
        "bank_transactions.csv": sorted(bank.truth_tx),
        "bank_interactions.csv": sorted(bank.truth_interactions),
    }
    facts = {
        "customers": {key: cust.customer_id for key, cust in sorted(planted.cust.items())},
        "accounts": {key: acc for key, acc in sorted(planted.acc.items())},
    }
    summary = (f"{len(bank.tx):,} transactions, {len(bank.customers):,} customers, "
               f"{len(bank.interactions):,} teller notes")
    return Output(tables, truth, facts, summary)
