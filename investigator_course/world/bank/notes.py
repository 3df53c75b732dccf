"""Teller notes (behavioral indicators B1-B10) and the partial labels in confirmed_cases.

Notes are short, factual and non-sensational, as staff are trained to write them:
what was seen and said, no conclusions, no names of the people being exploited.
Benign notes with a third party present (a relative translating at the customer's
request, a caregiver, a store manager) are the behavioral hard negatives.
"""

from __future__ import annotations

from .. import clock
from ..schemas import table
from .life import Bank
from .planted import ROLES, Planted

CONFIRMED_CASES = table("bank", "confirmed_cases.csv")

# {he}, {his}, {himself}, {man}, {relative}: the companion; {she}, {her}, {herself}: the
# customer; {other}, {other_his}: a person the staff did not know. Filled in by `words`.
WORKER_NOTES = (
    ("A {man} who said {he} was the customer's cousin answered every question for the "
     "customer and filled in the application {himself}. {He} held the customer's passport and "
     "handed it to the teller.", "FIN20-B1;FIN20-B3;FIN20-B4"),
    ("The companion stayed beside the customer at every step and translated. When the teller "
     "asked for the customer's date of birth, the companion answered.", "FIN20-B1;FIN20-B2"),
    ("Customer could not give a home address and looked at the companion before answering; "
     "the companion supplied the address.", "FIN20-B10;FIN20-B2"),
    ("The companion said {he} was the customer's {relative} but did not know the customer's "
     "date of birth or middle name.", "FIN20-B5"),
    ("Customer appeared very tired and was not dressed for the cold. The companion kept the "
     "customer's ID card and the new debit card.", "FIN20-B9;FIN20-B4"),
    ("The companion completed the forms without asking the customer and asked for all "
     "statements and alerts to go to {his} own phone number.", "FIN20-B3"),
)
ROUTE_NOTES = (
    ("Customer made a cash deposit while a {other} waited by the door for the whole visit; "
     "the customer checked {her} phone before answering each question.", "FIN20-B2"),
    ("The {other} accompanying the customer raised {other_his} voice when the teller asked the "
     "customer to answer for {herself}.", "FIN20-B8"),
    ("Customer named a different city of residence than at {her} previous visit and said "
     "{she} was travelling with friends; {she} could not say where {she} was staying.",
     "FIN20-B10"),
    ("Customer appeared exhausted and did not know the balance or recent activity of {her} "
     "own account.", "FIN20-B9"),
)


def words(companion: str = "M", customer: str = "F", other: str = "M",
          relative: str = "brother") -> dict[str, str]:
    """Pronouns for a note, from the sex ("F" or "M") of each person in it."""
    male = companion == "M"
    return {
        "he": "he" if male else "she", "He": "He" if male else "She",
        "his": "his" if male else "her", "himself": "himself" if male else "herself",
        "man": "man" if male else "woman",
        "relative": relative if male else {"brother": "sister", "boyfriend": "girlfriend",
                                           "cousin": "cousin"}[relative],
        "she": "she" if customer == "F" else "he", "her": "her" if customer == "F" else "his",
        "herself": "herself" if customer == "F" else "himself",
        "other": "man" if other == "M" else "woman",
        "other_his": "his" if other == "M" else "her",
    }


BENIGN_THIRD_PARTY = (
    "Customer's adult daughter came along at the customer's request and helped with "
    "translation; the customer answered the verification questions herself and signed.",
    "Customer came with a home-care aide, who waited in the lobby; the customer completed the "
    "transaction himself.",
    "Customer's spouse was present and asked about joint-account options; both answered "
    "their own verification questions.",
)
BENIGN_NOTES = {
    "account_opening": "Customer opened a checking account with a driver's license and a "
                       "utility bill as proof of address.",
    "address_change": "Customer updated the mailing address after moving; new lease shown.",
    "card_replacement": "Customer reported a lost debit card; card cancelled and replaced.",
    "inquiry": "Customer asked about overdraft protection and mobile deposit limits.",
    "withdrawal": "Customer withdrew cash for a planned purchase; no concerns.",
}


def planted_interactions(bank: Bank, planted: Planted) -> None:
    """Notes on the cast: a companion at every account opening of the people exploited and
    the workers, later visits on the route, and two declined requests."""
    rng = bank.rng
    ctrl_a, ctrl_c = planted.cust["ctrl_a"], planted.cust["ctrl_c"]
    for i in range(1, 11):
        key = f"worker_{i}"
        note, codes = WORKER_NOTES[(i - 1) % len(WORKER_NOTES)]
        note = note.format(**words(ctrl_c.sex, planted.cust[key].sex))
        bank.interaction(bank.branch_time(planted.onboard[key], 10, 15), "KCM", planted.cust[key],
                         planted.acc[key], "account_opening", note, third_party=ctrl_c,
                         codes=codes)
    for i in range(1, 7):
        key = f"exploited_{i}"
        cust = planted.cust[key]
        note, codes = WORKER_NOTES[(i + 2) % len(WORKER_NOTES)]
        note = note.format(**words(ctrl_a.sex, cust.sex, relative="boyfriend"))
        bank.interaction(bank.branch_time(planted.onboard[key], 10, 16), "WIC", cust,
                         planted.acc[key], "account_opening", note, third_party=ctrl_a,
                         codes=codes)
        # later visits on the route: notes on some of the customer's own teller deposits
        later = [v for v in bank.teller_deposits.get(planted.acc[key], [])
                 if v[0] >= (planted.onboard[key] + 5) * clock.DAY]
        for _ in range(int(rng.integers(1, 3)) if later else 0):
            local, city, branch = later[int(rng.integers(len(later)))]
            note, codes = ROUTE_NOTES[int(rng.integers(len(ROUTE_NOTES)))]
            other = "M" if rng.random() < 0.6 else "F"  # a companion staff did not know
            bank.interaction(local, city, cust, planted.acc[key], "cash_deposit",
                             note.format(**words(customer=cust.sex, other=other)),
                             present=True, codes=codes, branch=branch)
    d = int(rng.integers(20, 60))
    absent = words(customer="F" if rng.random() < 0.5 else "M")
    bank.interaction(bank.branch_time(d, 10, 16), "KCM", ctrl_c, None, "account_opening",
                     "Customer asked to open an account in the name of a {} who was not "
                     "present, using {} passport; request declined and customer told the "
                     "account holder must attend.".format(
                         "woman" if absent["she"] == "she" else "man", absent["her"]),
                     codes="FIN20-B6")
    d = int(rng.integers(60, 120))
    relative = ("niece", "nephew")[int(rng.integers(2))]
    bank.interaction(bank.branch_time(d, 10, 16), "WIC", ctrl_a, None, "account_opening",
                     "Customer tried to open an account for a 16-year-old {he} called {his} "
                     "{relative}, without a parent or legal guardian present; request "
                     "declined.".format(**{**words(ctrl_a.sex), "relative": relative}),
                     codes="FIN20-B7")


def add_background_interactions(bank: Bank, planted: Planted) -> None:
    """Ordinary visits of everyone outside the planted case, benign third parties included."""
    rng = bank.rng
    cast = {cust.customer_id for cust in planted.cust.values()}
    for cust in list(bank.customers.values()):
        if cust.customer_id in cast or not cust.accounts:
            continue
        acc = cust.accounts[0]
        onboard_day = (clock.START.fromisoformat(cust.onboard_date) - clock.START).days
        if 0 <= onboard_day < clock.N_DAYS and cust.kind == "individual" and rng.random() < .8:
            bank.interaction(bank.branch_time(onboard_day, 9.5, 17), cust.city, cust, acc,
                             "account_opening", BENIGN_NOTES["account_opening"])
        if cust.occupation == "retired" and rng.random() < 0.35:
            d = int(rng.integers(0, clock.N_DAYS))
            bank.interaction(bank.branch_time(d, 9.5, 16), cust.city, cust, acc, "withdrawal",
                             BENIGN_THIRD_PARTY[int(rng.integers(2))], present=True)
        deposits = bank.teller_deposits.get(acc)
        if cust.kind == "business" and rng.random() < 0.3 and deposits:
            local, city, branch = deposits[int(rng.integers(len(deposits)))]
            bank.interaction(local, city, cust, acc, "cash_deposit",
                             "Store manager deposited the day's receipts on behalf of the "
                             "business; the manager is an authorized signer.", present=True,
                             branch=branch)
        reported = bank.reported_cash.get(acc)
        if bank.hard_negatives.get(cust.customer_id) == "car_dealer_large_cash" and reported:
            local, branch = reported[int(rng.integers(len(reported)))]  # one of its deposits
            bank.interaction(local, cust.city, cust, acc, "cash_deposit",
                             "Cash deposit over $10,000 from vehicle sales; currency transaction "
                             "report completed; customer provided ID and explained the source.",
                             branch=branch)
        if bank.hard_negatives.get(cust.customer_id) == "remitter" and rng.random() < 0.5:
            d = int(rng.integers(0, clock.N_DAYS))
            bank.interaction(bank.branch_time(d, 10, 16), cust.city, cust, acc, "inquiry",
                             "Customer asked about wire fees for sending money to family "
                             "abroad; customer explained the monthly support payments.")
        if rng.random() < 0.08:
            kind = ("address_change", "card_replacement", "inquiry", "withdrawal")[
                int(rng.integers(4))]
            d = int(rng.integers(0, clock.N_DAYS))
            if cust.kind == "individual" and rng.random() < 0.15:
                note = BENIGN_THIRD_PARTY[2]
                bank.interaction(bank.branch_time(d, 9.5, 17), cust.city, cust, acc, kind, note,
                                 present=True)
            else:
                bank.interaction(bank.branch_time(d, 9.5, 17), cust.city, cust, acc, kind,
                                 BENIGN_NOTES[kind])


def add_confirmed_cases(bank: Bank, planted: Planted) -> None:
    """Closed investigations: the network case (not everyone identified yet) and alert
    reviews that cleared customers after a look at their activity."""
    rng = bank.rng
    case = bank.world.case_number
    not_yet_identified = {"exploited_6", "worker_9", "worker_10", "runner_2"}
    for key, (role, typologies, _codes) in ROLES.items():
        if key in not_yet_identified:
            continue
        typology = {"ctrl_a": "controller", "ctrl_b": "funnel_account",
                    "ctrl_c": "exploitative_employment", "spa": "front_business",
                    "cleaning": "exploitative_employment"}.get(key, typologies.split(";")[0])
        party = "person_exploited" if role == "person_exploited" else "subject"
        closed = clock.fmt_date(clock.N_DAYS - 1 - int(rng.integers(0, 10)))
        bank.cases.append(CONFIRMED_CASES.row(
            case_ref=case, customer_id=planted.cust[key].customer_id, disposition="confirmed",
            typology=typology, party_role=party, closed_date=closed))
    reviewed = [cid for cid in sorted(bank.hard_negatives) if rng.random() < 0.6]
    others = [c.customer_id for c in bank.customers.values() if c.archetype == "background"
              and c.customer_id not in bank.hard_negatives]
    for i in rng.permutation(len(others))[: max(5, int(25 * bank.scale))]:
        reviewed.append(others[int(i)])
    for cid in sorted(set(reviewed)):
        ref = f"AR-2025-{int(rng.integers(1000, 9999)):04d}"
        closed = clock.fmt_date(int(rng.integers(20, clock.N_DAYS)))
        bank.cases.append(CONFIRMED_CASES.row(
            case_ref=ref, customer_id=cid, disposition="cleared", typology="none",
            party_role="not_involved", closed_date=closed))
