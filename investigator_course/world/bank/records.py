"""The bank's records: branches, merchants, customers, accounts and transaction rows.

The other modules of this package tell the stories (`life`: background life,
`hard_negatives`, `planted`, `notes`); this one only keeps the records consistent:
every row gets a random id, the right local time and UTC offset for where it
happened, and both legs of an in-bank transfer. It imports nothing from the rest
of the package.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .. import clock, names
from ..geo import CITIES
from ..ids import IdMaker
from ..rng import stream
from ..schemas import table, truth_table
from ..shared import BANK, EXCHANGE, KIOSK

ADDRESSES = table("bank", "addresses.csv")
ACCOUNTS = table("bank", "accounts.csv")
ACCOUNT_PARTIES = table("bank", "account_parties.csv")
LOCATIONS = table("bank", "locations.csv")
MERCHANTS = table("bank", "merchants.csv")
TRANSACTIONS = table("bank", "transactions.csv")
BRANCH_INTERACTIONS = table("bank", "branch_interactions.csv")
TRUTH_TRANSACTIONS = truth_table("bank", "bank_transactions.csv")
TRUTH_INTERACTIONS = truth_table("bank", "bank_interactions.csv")

# category -> (mcc, plain-language category, merchants per city, name words)
LOCAL_MERCHANTS = {
    "grocery": (5411, "grocery store", 3, ("Market", "Foods", "Grocery")),
    "fuel": (5541, "service station", 3, ("Fuel", "Gas", "Fuel Stop")),
    "restaurant": (5812, "restaurant", 4, ("Grill", "Kitchen", "Bistro", "Diner")),
    "fast_food": (5814, "fast food", 3, ("Burgers", "Tacos", "Chicken", "Subs")),
    "pharmacy": (5912, "pharmacy / drug store", 2, ("Pharmacy", "Drug")),
    "clothing": (5651, "family clothing", 2, ("Apparel", "Outfitters")),
    "department": (5311, "department store", 1, ("Department Store",)),
    "electronics": (5732, "electronics", 1, ("Electronics",)),
    "home": (5200, "home supply", 1, ("Home Supply",)),
    "bar": (5813, "bar / tavern", 2, ("Tavern", "Pub", "Lounge")),
    "beauty": (7230, "beauty / barber", 1, ("Salon",)),
    "medical": (8011, "doctors / clinics", 1, ("Family Clinic",)),
    "hotel": (7011, "hotels and motels", 4, ("Inn", "Motel", "Suites", "Lodge")),
    "car_rental": (7512, "car rental", 1, ("Car Rental",)),
    "parking": (7523, "parking", 1, ("Parking",)),
    "truck_stop": (5541, "service station (truck stop)", 1, ("Travel Plaza",)),
    "prepaid": (6540, "stored-value card purchase / load", 2, ("Quick Mart", "Cash & Go")),
}
ONLINE_MERCHANTS = {
    "airline": (4511, "airline", 2, "Air", "US"),
    "telecom": (4814, "telecommunications", 2, "Wireless", "US"),
    "streaming": (4899, "cable and streaming", 2, "Stream", "US"),
    "online_retail": (5999, "online retail", 3, "Online", "US"),
    "jobboard": (7311, "advertising services", 1, "JobBoardA", "US"),
}

DAY_HOURS = np.array([0.15, 0.08, 0.04, 0.03, 0.04, 0.15, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0,
                      3.4, 3.0, 2.6, 2.6, 3.0, 3.4, 3.4, 3.0, 2.4, 1.6, 0.9, 0.4])
NIGHT_HOURS = np.array([1.6, 1.4, 1.1, 0.9, 0.6, 0.4, 0.5, 0.8, 0.7, 0.5, 0.6, 0.9,
                        1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.2, 2.0, 1.9, 1.9, 1.9, 1.8])
OFFICE_HOURS = np.array([0, 0, 0, 0, 0, 0, 0.1, 0.5, 1.5, 2.0, 2.0, 2.0,
                         1.8, 2.0, 2.0, 2.0, 1.8, 1.2, 0.4, 0.1, 0, 0, 0, 0], dtype=float)
LATE_HOURS = (22, 23, 0, 1, 2, 3, 4)


def hours_p(weights: np.ndarray) -> list[float]:
    """Cumulative hour-of-day probabilities, for a fast bisect draw."""
    cum = np.cumsum(weights / weights.sum())
    cum[-1] = 1.0
    return [float(x) for x in cum]


P_DAY, P_NIGHT, P_OFFICE = hours_p(DAY_HOURS), hours_p(NIGHT_HOURS), hours_p(OFFICE_HOURS)
P_LATE = hours_p(np.array([3 if h in LATE_HOURS else 0.3 for h in range(24)], dtype=float))
WINDOW_END = clock.N_DAYS * clock.DAY
P2P_LIMIT = 250_000  # cents: the bank's limit per person-to-person transfer; more goes by ACH


@dataclass
class Customer:
    customer_id: str
    kind: str
    name: str
    city: str
    address_id: str
    phone: str
    email: str
    onboard_date: str
    risk_rating: str = "low"
    birth_year: int | None = None
    occupation: str | None = None
    industry: str | None = None
    naics: int | None = None
    monthly_income: int | None = None  # cents
    annual_revenue: int | None = None  # cents
    employees: int | None = None
    hours: str | None = None
    sex: str | None = None  # individuals: "F" or "M" (for the pronouns of staff notes)
    accounts: list[str] = field(default_factory=list)
    archetype: str = "background"


class BankRecords:
    """Record keeping shared by every story the bank tells."""

    def __init__(self, seed: int):
        self.rng = stream(seed, "bank")
        self.ids = IdMaker(stream(seed, "bank-ids"))
        self.customers: dict[str, Customer] = {}  # rows of customers.csv at the end
        # rows of the dataset tables, each made by its schema's `row` (column names)
        self.addresses: list[tuple] = []  # addresses.csv
        self.accounts: list[tuple] = []  # accounts.csv
        self.parties: list[tuple] = []  # account_parties.csv
        self.locations: list[tuple] = []  # locations.csv
        self.merchants: list[tuple] = []  # merchants.csv
        self.tx: list[tuple] = []  # transactions.csv
        self.interactions: list[tuple] = []  # branch_interactions.csv
        self.cases: list[tuple] = []  # confirmed_cases.csv
        # ground truth
        self.truth_tx: list[tuple] = []  # bank_transactions.csv
        self.truth_interactions: list[tuple] = []  # bank_interactions.csv
        self.truth_entities: list[tuple] = []  # bank_entities.csv: the planted cast
        self.hard_negatives: dict[str, str] = {}  # customer_id -> archetype
        # account -> (local time, branch) of cash deposits over $10,000 (CTRs filed)
        self.reported_cash: dict[str, list[tuple[int, str]]] = {}
        # account -> (local time, city, branch) of every teller cash deposit, for the notes
        self.teller_deposits: dict[str, list[tuple[int, str, str]]] = {}
        self.acc_city: dict[str, str] = {}
        self.acc_name: dict[str, str] = {}
        self.acc_open: dict[str, int] = {}  # account -> day index it was opened
        self.branches: dict[str, list[str]] = {}
        self.atms: dict[str, list[str]] = {}
        self.local_merchants: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
        self.online_merchants: dict[str, list[tuple[str, str, int, str]]] = {}
        self._build_locations()
        self._build_merchants()

    # ----- static world -------------------------------------------------------------
    def _build_locations(self) -> None:
        rng = self.rng
        for key, city in CITIES.items():
            n_branch = 3 if city.weight >= 4 else 2 if city.weight >= 1.5 else 1
            self.branches[key], self.atms[key] = [], []
            for _ in range(n_branch):
                loc = self.ids.one("LOC")
                place = ("Plaza", "Square", "Center", "Crossing")[int(rng.integers(4))]
                self.locations.append(LOCATIONS.row(
                    location_id=loc, kind="branch",
                    name=f"{BANK} {city.name} {names.surname(rng)} {place}",
                    city=city.name, state=city.state))
                self.branches[key].append(loc)
            for _ in range(n_branch + 1):
                loc = self.ids.one("LOC")
                self.locations.append(LOCATIONS.row(
                    location_id=loc, kind="atm",
                    name=f"ATM {city.name} {names.surname(rng)} "
                         f"{('St', 'Ave', 'Rd')[int(rng.integers(3))]}",
                    city=city.name, state=city.state))
                self.atms[key].append(loc)

    def _add_merchant(self, name, mcc, category, city_key, country="US", online=False):
        mid = self.ids.one("MER")
        city = CITIES[city_key] if city_key else None
        self.merchants.append(MERCHANTS.row(
            merchant_id=mid, name=name, mcc=mcc, category=category,
            city=city.name if city else None, state=city.state if city else None,
            country=country, online=online))
        return mid

    def _build_merchants(self) -> None:
        rng = self.rng
        ride_brand = f"{names.surname(rng)} Rides"
        for key in CITIES:
            for cat, (mcc, label, per_city, words) in LOCAL_MERCHANTS.items():
                pool = []
                for i in range(per_city):
                    name = f"{names.surname(rng)} {words[i % len(words)]}"
                    pool.append((self._add_merchant(name, mcc, label, key), name, mcc))
                self.local_merchants[(key, cat)] = pool
            name = f"{ride_brand} {CITIES[key].name}"
            self.local_merchants[(key, "rideshare")] = [
                (self._add_merchant(name, 4121, "taxicabs and rideshare", key), name, 4121)]
            name = f"{KIOSK} {CITIES[key].name}"
            self.local_merchants[(key, "kiosk")] = [
                (self._add_merchant(name, 6051, "quasi-cash: crypto kiosk", key), name, 6051)]
        for cat, (mcc, label, count, word, country) in ONLINE_MERCHANTS.items():
            pool = []
            for _ in range(count):
                name = word if cat == "jobboard" else f"{names.surname(rng)} {word}"
                pool.append((self._add_merchant(name, mcc, label, None, country, True),
                             name, mcc, country))
            self.online_merchants[cat] = pool
        self.online_merchants["classifieds"] = [(self._add_merchant(
            "ClassifiedsB", 7311, "advertising services (online classifieds)", None, "XB", True),
            "ClassifiedsB", 7311, "XB")]
        self.online_merchants["crypto_exchange"] = [(self._add_merchant(
            EXCHANGE, 6051, "quasi-cash: virtual currency exchange", None, "US", True),
            EXCHANGE, 6051, "US")]

    # ----- entities -----------------------------------------------------------------
    def add_address(self, city: str, kind: str) -> str:
        aid = self.ids.one("ADR")
        line = names.street(self.rng)
        if kind == "apartment":
            line += f" Apt {int(self.rng.integers(1, 40))}"
        elif kind == "motel":
            line = f"{names.surname(self.rng)} Motel, {line}, Room {int(self.rng.integers(1, 60))}"
        self.addresses.append(ADDRESSES.row(address_id=aid, line1=line, city=CITIES[city].name,
                                            state=CITIES[city].state, kind=kind))
        return aid

    def add_customer(self, **fields) -> Customer:
        cust = Customer(customer_id=self.ids.one("CUS"), **fields)
        self.customers[cust.customer_id] = cust
        return cust

    def add_account(self, holders: list[tuple[Customer, str, str | None]], product: str,
                    open_date: str, branch_city: str | None = None, status: str = "open",
                    fixed_id: str | None = None) -> str:
        """holders: (customer, role, device_id). The first holder's city is the home city."""
        if fixed_id:
            self.ids.used.add(fixed_id)
        acc = fixed_id or self.ids.one("ACC")
        first = holders[0][0]
        city = branch_city or first.city
        branch = self.branches[city][int(self.rng.integers(len(self.branches[city])))]
        self.accounts.append(ACCOUNTS.row(account_id=acc, product=product, open_date=open_date,
                                          status=status, home_branch_id=branch))
        for cust, role, device in holders:
            self.parties.append(ACCOUNT_PARTIES.row(account_id=acc, customer_id=cust.customer_id,
                                                    role=role, device_id=device))
            cust.accounts.append(acc)
        self.acc_city[acc] = first.city
        self.acc_name[acc] = first.name
        self.acc_open[acc] = (date.fromisoformat(open_date) - clock.START).days
        return acc

    def is_open(self, acc: str, local: int) -> bool:
        """Was the account open at this moment (on or after its opening day)?"""
        return local >= self.acc_open[acc] * clock.DAY

    # ----- transactions -------------------------------------------------------------
    def tx_row(self, acc: str, local: int, direction: str, cents: int, channel: str, *,
               city: str | None = None, mcc: int | None = None, merchant: str | None = None,
               location: str | None = None, cp_acc: str | None = None,
               cp_name: str | None = None, cp_country: str | None = None,
               memo: str | None = None, truth: tuple[str, str] | None = None) -> str | None:
        """Append one row; returns its id, or None when the time falls outside the window
        or before the account was opened."""
        local = clock.normalize_local(int(local))
        if local < 0 or local >= WINDOW_END or cents <= 0 or not self.is_open(acc, local):
            return None
        zone = CITIES[city].zone if city else CITIES[self.acc_city[acc]].zone
        tid = self.ids.one("TXN")
        self.tx.append(TRANSACTIONS.row(
            txn_id=tid, account_id=acc, ts_local=clock.fmt_local(local),
            utc_offset=clock.offset_string(zone, local), direction=direction, amount=int(cents),
            channel=channel, mcc=mcc, merchant_id=merchant, location_id=location,
            city=CITIES[city].name if city else None, state=CITIES[city].state if city else None,
            counterparty_account_id=cp_acc, counterparty_name=cp_name,
            counterparty_country=cp_country, memo=memo))
        if truth:
            self.truth_tx.append(TRUTH_TRANSACTIONS.row(txn_id=tid, pattern=truth[0],
                                                        indicator_codes=truth[1]))
        return tid

    def transfer(self, src: str, dst: str, local: int, cents: int, channel: str = "p2p",
                 memo: str | None = None, truth: tuple[str, str] | None = None,
                 delay: int = 0) -> None:
        """Both legs of an in-bank transfer (the credit may land `delay` seconds later), or
        neither when one of the accounts is not open yet. A P2P transfer above the bank's
        limit goes by ACH; an ACH transfer posts in the next posting window."""
        if channel == "p2p" and cents > P2P_LIMIT:
            channel = "ach"
        if channel == "ach":
            local = self.post(local, clock.ACH_WINDOW)
        if not (self.is_open(src, local) and self.is_open(dst, local + delay)):
            return
        self.tx_row(src, local, "debit", cents, channel, cp_acc=dst, cp_name=self.acc_name[dst],
                    memo=memo, truth=truth)
        self.tx_row(dst, local + delay, "credit", cents, channel, cp_acc=src,
                    cp_name=self.acc_name[src], memo=memo, truth=truth)

    def card(self, acc: str, local: int, city: str, category: str, cents: int,
             truth: tuple[str, str] | None = None, channel: str = "card") -> str | None:
        pool = self.local_merchants[(city, category)]
        mid, name, mcc = pool[int(self.rng.integers(len(pool)))]
        return self.tx_row(acc, local, "debit", cents, channel, city=city, mcc=mcc, merchant=mid,
                           cp_name=name.upper(), truth=truth)

    def online(self, acc: str, local: int, category: str, cents: int,
               truth: tuple[str, str] | None = None, memo: str | None = None) -> str | None:
        pool = self.online_merchants[category]
        mid, name, mcc, country = pool[int(self.rng.integers(len(pool)))]
        channel = "crypto" if mcc == 6051 else "card_online"
        return self.tx_row(acc, local, "debit", cents, channel, mcc=mcc, merchant=mid,
                           cp_name=name.upper(), cp_country=country, memo=memo, truth=truth)

    def atm(self, acc: str, local: int, city: str, cents: int, direction: str = "debit",
            truth: tuple[str, str] | None = None) -> str | None:
        pool = self.atms[city]
        return self.tx_row(acc, local, direction, cents, "atm", city=city,
                           location=pool[int(self.rng.integers(len(pool)))], truth=truth)

    def teller(self, acc: str, local: int, city: str, cents: int, direction: str = "credit",
               memo: str | None = None, truth: tuple[str, str] | None = None,
               branch: str | None = None) -> str | None:
        """A teller transaction: only on a business day in branch hours (`branch_time`)."""
        _in_branch_hours(local, "teller transaction")
        pool = self.branches[city]
        loc = branch or pool[int(self.rng.integers(len(pool)))]
        tid = self.tx_row(acc, local, direction, cents, "cash", city=city, location=loc,
                          memo=memo, truth=truth)
        if tid and direction == "credit":
            self.teller_deposits.setdefault(acc, []).append((int(local), city, loc))
        return tid

    def ach(self, acc: str, local: int, direction: str, cents: int, cp_name: str,
            memo: str | None = None, truth: tuple[str, str] | None = None,
            cp_country: str | None = None, channel: str = "ach") -> str | None:
        """An ACH entry (posted in the next posting window) or a wire (`channel="wire"`,
        sent or received in the next wire hours) with a party outside the bank."""
        local = self.post(local, clock.WIRE_HOURS if channel == "wire" else clock.ACH_WINDOW)
        return self.tx_row(acc, local, direction, cents, channel, cp_name=cp_name,
                           cp_country=cp_country or "US", memo=memo, truth=truth)

    def interaction(self, local: int, city: str, cust: Customer, acc: str | None, kind: str,
                    note: str, third_party: Customer | None = None, present: bool = False,
                    codes: str = "", branch: str | None = None) -> None:
        _in_branch_hours(local, "branch visit")
        local = clock.normalize_local(int(local))
        if local < 0 or local >= WINDOW_END or (acc and not self.is_open(acc, local)):
            return
        iid = self.ids.one("INT")
        pool = self.branches[city]
        self.interactions.append(BRANCH_INTERACTIONS.row(
            interaction_id=iid, ts_local=clock.fmt_local(local),
            utc_offset=clock.offset_string(CITIES[city].zone, local),
            location_id=branch or pool[int(self.rng.integers(len(pool)))],
            customer_id=cust.customer_id,
            account_id=acc, interaction_type=kind,
            third_party_present=bool(present or third_party),
            third_party_customer_id=third_party.customer_id if third_party else None,
            note_text=note))
        if codes:
            self.truth_interactions.append(TRUTH_INTERACTIONS.row(interaction_id=iid,
                                                                  indicator_codes=codes))

    # ----- time helpers -------------------------------------------------------------
    def at(self, day: int, p_hours: list[float] = P_DAY) -> int:
        hour = min(bisect.bisect_right(p_hours, self.rng.random()), 23)
        return day * clock.DAY + hour * clock.HOUR + int(self.rng.integers(0, 3600))

    def at_hours(self, day: int, start: float, end: float) -> int:
        """A moment between start and end o'clock (end may pass midnight, e.g. 22 to 28)."""
        return day * clock.DAY + int(self.rng.integers(int(start * 3600), int(end * 3600)))

    def branch_time(self, day: int, start: float = clock.BRANCH_HOURS[0],
                    end: float = clock.BRANCH_HOURS[1]) -> int:
        """A moment between start and end o'clock, inside branch hours, on this day or, for
        a weekend or a holiday, on the next business day (when the branch is open)."""
        start, end = max(start, clock.BRANCH_HOURS[0]), min(end, clock.BRANCH_HOURS[1])
        return self.at_hours(clock.business_day(day), start, end)

    def business_day_of_week(self, week: int) -> int:
        """A business day drawn evenly from the seven days that start at day `week * 7`
        (a weekly errand to the branch); the week's first day if it has none."""
        days = clock.business_days(week * 7, week * 7 + 7) or [week * 7]
        return days[int(self.rng.integers(len(days)))]

    def posting_time(self, day: int) -> int:
        """A moment in the ACH posting window of this day or, for a weekend or a holiday,
        of the next business day."""
        return self.at_hours(clock.business_day(day), *clock.ACH_WINDOW)

    def post(self, local: int, hours: tuple[int, int]) -> int:
        """When the bank posts an entry initiated at `local`: then, if that is a business day
        inside `hours`; else in `hours` of the same day (before them) or of the next business
        day (after them, or on a weekend or holiday)."""
        if clock.within(local, hours):
            return local
        day, second = divmod(local, clock.DAY)
        if not clock.is_business_day(day) or second >= hours[1] * clock.HOUR:
            day = clock.next_business_day(day)
        return self.at_hours(day, *hours)


def _in_branch_hours(local: int, what: str) -> None:
    """Branches are open on business days only, in branch hours: a generator bug otherwise."""
    if not clock.within(int(local), clock.BRANCH_HOURS):
        raise ValueError(f"a {what} at {clock.fmt_local(int(local))}, when branches are closed")
