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

from ..output import Output, TruthTable
from ..shared import SharedWorld
from .hard_negatives import add_hard_negatives
from .life import Bank
from .notes import add_background_interactions, add_confirmed_cases, planted_interactions
from .planted import Planted, add_planted


def build(world: SharedWorld, seed: int, scale: float) -> Output:
    """Run the bank simulation and return its tables, ground truth and a summary line."""
    bank = Bank(world, seed, scale)
    bank.background_people()
    bank.background_businesses()
    add_hard_negatives(bank)
    bank.everyday_life()
    planted = add_planted(bank)
    planted_interactions(bank, planted)
    add_background_interactions(bank)
    add_confirmed_cases(bank)
    return _output(bank, planted)


def _output(bank: Bank, planted: Planted) -> Output:
    customers = [(c.customer_id, c.kind, c.name, c.birth_year if c.kind == "individual" else None,
                  c.occupation if c.kind == "individual" else None,
                  c.industry if c.kind == "business" else None,
                  c.naics if c.kind == "business" else None,
                  c.monthly_income if c.kind == "individual" else None,
                  c.annual_revenue if c.kind == "business" else None,
                  c.employees if c.kind == "business" else None,
                  c.hours if c.kind == "business" else None, c.address_id, c.phone, c.email,
                  c.onboard_date, c.risk_rating) for c in bank.customers.values()]
    tables = {
        "customers.csv": customers, "addresses.csv": bank.addresses,
        "accounts.csv": bank.accounts, "account_parties.csv": bank.parties,
        "locations.csv": bank.locations, "merchants.csv": bank.merchants,
        "transactions.csv": bank.tx, "branch_interactions.csv": bank.interactions,
        "confirmed_cases.csv": bank.cases,
    }
    truth = {
        "bank_entities.csv": TruthTable(("customer_id", "key", "role", "typologies",
                                         "indicator_codes", "account_ids"),
                                        sorted(bank.truth_entities)),
        "bank_hard_negatives.csv": TruthTable(("customer_id", "archetype"),
                                              sorted(bank.hard_negatives.items())),
        "bank_transactions.csv": TruthTable(("txn_id", "pattern", "indicator_codes"),
                                            sorted(bank.truth_tx)),
        "bank_interactions.csv": TruthTable(("interaction_id", "indicator_codes"),
                                            sorted(bank.truth_interactions)),
    }
    facts = {
        "customers": {key: cust.customer_id for key, cust in sorted(planted.cust.items())},
        "accounts": {key: acc for key, acc in sorted(planted.acc.items())},
    }
    summary = (f"{len(bank.tx):,} transactions, {len(bank.customers):,} customers, "
               f"{len(bank.interactions):,} teller notes")
    return Output(tables, truth, facts, summary)
