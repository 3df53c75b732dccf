"""The bank's background life: the ordinary customers every other story hides among.

Households (singles, couples, families, roommates), paydays, rent on the 1st, weekly
and daily rhythms, log-normal amounts per merchant category and customer, a sparse
heavy-tailed P2P graph, and local businesses with takings, suppliers and payroll.
`Bank` also offers the building blocks the other stories use (`person`, `business`,
`run_business`, `income`, `bills`, `spending`, ...): `hard_negatives` and `planted`
import it; it imports only `records`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from .. import clock, names
from ..geo import CITIES
from ..ids import device_id, person_email
from ..shared import SharedWorld
from .records import P_DAY, P_NIGHT, BankRecords, Customer

# occupation -> (weight, median monthly income USD, pay frequency, night share, cash-tip share)
OCCUPATIONS = {
    "administrative assistant": (8, 3300, "biweekly", 0.02, 0.0),
    "accountant": (4, 5600, "semimonthly", 0.02, 0.0),
    "software developer": (3, 8200, "semimonthly", 0.05, 0.0),
    "teacher": (6, 4300, "semimonthly", 0.02, 0.0),
    "retail associate": (8, 2400, "biweekly", 0.05, 0.0),
    "warehouse associate": (8, 2900, "weekly", 0.12, 0.0),
    "construction worker": (6, 3800, "weekly", 0.03, 0.0),
    "electrician": (3, 5000, "biweekly", 0.02, 0.0),
    "auto mechanic": (3, 3700, "biweekly", 0.02, 0.0),
    "cook": (5, 2600, "biweekly", 0.18, 0.0),
    "registered nurse": (5, 6000, "biweekly", 0.30, 0.0),
    "medical assistant": (4, 3100, "biweekly", 0.05, 0.0),
    "delivery driver": (4, 3000, "weekly", 0.08, 0.0),
    "cashier": (5, 2200, "biweekly", 0.06, 0.0),
    "security guard": (2, 2800, "biweekly", 0.45, 0.0),
    "janitor": (3, 2500, "biweekly", 0.30, 0.0),
    "student": (5, 900, "biweekly", 0.12, 0.0),
    "retired": (7, 2400, "benefit", 0.01, 0.0),
    "server": (5, 2300, "biweekly", 0.35, 0.45),
    "bartender": (3, 2600, "biweekly", 0.60, 0.55),
    "hair stylist (self-employed)": (3, 2900, "self", 0.03, 0.85),
    "house cleaner (self-employed)": (2, 2500, "self", 0.02, 0.9),
    "landscaper (self-employed)": (2, 3200, "self", 0.02, 0.8),
    "rideshare driver": (2, 2800, "gig", 0.35, 0.0),
    "self-employed contractor": (3, 4500, "self", 0.03, 0.3),
    "hospitality worker": (3, 2300, "biweekly", 0.25, 0.2),
    "unemployed": (2, 1100, "unemployment", 0.1, 0.0),
    "event promoter (self-employed)": (1, 3600, "self", 0.4, 0.6),
}

# monthly mean count, median USD, log sigma
SPEND = {
    "grocery": (4.0, 58, 0.6), "fuel": (2.6, 40, 0.35), "restaurant": (2.0, 34, 0.5),
    "fast_food": (2.2, 11, 0.45), "pharmacy": (0.7, 19, 0.7), "clothing": (0.5, 48, 0.7),
    "department": (0.5, 42, 0.8), "electronics": (0.1, 95, 0.9), "home": (0.3, 62, 0.8),
    "bar": (0.35, 29, 0.6), "beauty": (0.3, 42, 0.5), "medical": (0.2, 65, 0.8),
    "rideshare": (0.3, 16, 0.5), "online_retail": (1.0, 36, 0.8),
}

# label -> (weight, naics, median annual revenue USD, employees, hours, cash share, b2b, days)
INDUSTRIES = {
    "Full-service restaurant": (6, 722511, 900_000, (8, 30), "11:00-22:00", 0.22, False, 7),
    "Taqueria": (3, 722513, 450_000, (4, 10), "08:00-21:00", 0.62, False, 7),
    "Bar": (2, 722410, 500_000, (5, 12), "16:00-02:00", 0.42, False, 6),
    "Convenience store": (4, 445131, 700_000, (3, 8), "06:00-23:00", 0.55, False, 7),
    "Hair salon": (3, 812112, 300_000, (3, 8), "09:00-19:00", 0.35, False, 6),
    "Barber shop": (2, 812111, 180_000, (2, 5), "09:00-18:00", 0.60, False, 6),
    "Massage and day spa": (2, 812199, 260_000, (4, 9), "10:00-20:00", 0.20, False, 6),
    "Nail salon": (2, 812113, 220_000, (3, 7), "10:00-19:00", 0.40, False, 6),
    "Auto repair": (4, 811111, 600_000, (4, 10), "08:00-18:00", 0.15, False, 6),
    "Janitorial services": (3, 561720, 500_000, (6, 20), "07:00-17:00", 0.03, True, 5),
    "Construction contractor": (3, 236118, 1_500_000, (5, 25), "07:00-16:00", 0.04, True, 5),
    "Dental office": (2, 621210, 1_100_000, (6, 14), "08:00-17:00", 0.03, False, 5),
    "Clothing store": (2, 458110, 600_000, (3, 10), "10:00-20:00", 0.15, False, 7),
    "Laundromat": (1, 812310, 200_000, (1, 3), "06:00-22:00", 0.85, False, 7),
    "Food truck": (2, 722330, 250_000, (2, 5), "10:00-21:00", 0.65, False, 6),
    # weight 0: only created on purpose, as hard negatives
    "Used car dealer": (0, 441120, 2_500_000, (4, 10), "09:00-19:00", 0.05, False, 6),
    "Trucking company": (0, 484121, 3_200_000, (20, 40), "05:00-19:00", 0.0, True, 6),
    "Vending machine operator": (0, 445132, 420_000, (2, 4), "07:00-17:00", 0.95, False, 5),
    "Farm (seasonal crops)": (0, 111219, 1_400_000, (10, 14), "06:00-18:00", 0.0, True, 6),
    "Temporary staffing agency": (0, 561320, 2_600_000, (30, 60), "08:00-17:00", 0.0, True, 5),
}
NAME_WORDS = {
    "Full-service restaurant": ("Grill", "Kitchen", "Table"), "Taqueria": ("Taqueria",),
    "Bar": ("Tavern", "Bar & Grill"), "Convenience store": ("Mart", "Corner Store"),
    "Hair salon": ("Hair Studio", "Salon"), "Barber shop": ("Barbers",),
    "Massage and day spa": ("Day Spa", "Massage Studio"), "Nail salon": ("Nails",),
    "Auto repair": ("Auto Repair", "Garage"), "Janitorial services": ("Janitorial",),
    "Construction contractor": ("Builders", "Construction"), "Dental office": ("Dental",),
    "Clothing store": ("Boutique", "Outfitters"), "Laundromat": ("Laundry",),
    "Food truck": ("Street Eats", "Food Truck"), "Used car dealer": ("Motors", "Auto Sales"),
    "Trucking company": ("Freight", "Transport"), "Vending machine operator": ("Vending",),
    "Farm (seasonal crops)": ("Farms", "Orchards"), "Temporary staffing agency": ("Staffing",),
}
INDUSTRY_OCCUPATIONS = {
    "Full-service restaurant": ("cook", "server", "bartender"), "Taqueria": ("cook", "server"),
    "Bar": ("bartender", "server"), "Convenience store": ("cashier",),
    "Clothing store": ("retail associate",), "Auto repair": ("auto mechanic",),
    "Janitorial services": ("janitor",), "Construction contractor": ("construction worker",),
    "Dental office": ("medical assistant", "administrative assistant"),
}


ADULT = 18  # age at which a customer opens an account in their own name
OLDEST_ONBOARD = date(2006, 1, 1)


def adult_from(birth_year: int, age: int = ADULT) -> date:
    """The first 1 January on which someone born in `birth_year` is `age` or older whatever
    their birthday (the bank's records here keep the year of birth only)."""
    return date(birth_year + age + 1, 1, 1)


def count(base: float, scale: float) -> int:
    """How many of a kind at this scale; never zero, so every hard negative is present."""
    return max(1, int(round(base * scale)))


class Bank(BankRecords):
    """The bank's records plus the background life that fills them."""

    def __init__(self, world: SharedWorld, seed: int, scale: float):
        super().__init__(seed)
        self.world = world
        self.scale = scale
        self.book = world.phonebook
        self.ids.used.update(v for v in world.fixed_ids.values() if v.startswith("ACC-"))
        self.checking: dict[str, str] = {}  # customer_id -> main account
        self.people: list[Customer] = []  # background individuals with an ordinary life
        self.contacts: dict[str, list[str]] = {}
        self.savings: dict[str, str] = {}
        self.employed: set[str] = set()
        self.external_employers = [names.business(self.rng, w, "") for w in
                                   ("Logistics", "Health", "Foods", "Systems", "Retail",
                                    "Manufacturing", "Schools", "Services", "Builders",
                                    "Insurance", "Clinic", "Hotels") for _ in range(4)]
        self.landlords = [f"{names.surname(self.rng)} {w}" for w in
                          ("Properties", "Apartments", "Property Mgmt", "Homes", "Mortgage")
                          for _ in range(6)]

    # ----- people -------------------------------------------------------------------
    def pick_city(self) -> str:
        """A city drawn by its weight (bigger cities have more customers)."""
        keys = list(CITIES)
        weights = np.array([CITIES[k].weight for k in keys])
        return keys[int(self.rng.choice(len(keys), p=weights / weights.sum()))]

    def draw_onboard(self, new_share: float = 0.08, earliest: date | None = None
                     ) -> tuple[str, int]:
        """(date string, day index) of a weekday on which the customer joined: a share of
        customers inside the window, the others since 2006, never before `earliest` (the
        date an individual was old enough to open the account)."""
        first = (max(earliest or OLDEST_ONBOARD, OLDEST_ONBOARD) - clock.START).days
        if self.rng.random() < new_share or first >= -30:
            day = clock.business_day(int(self.rng.integers(max(first, 0), clock.N_DAYS - 20)))
        else:
            day = clock.business_day(int(self.rng.integers(first, 0)))
        return (clock.START + timedelta(days=day)).isoformat(), day

    def person(self, city: str, occupation: str, address: str, age: tuple[int, int],
               archetype: str = "background", income: int | None = None,
               onboard: tuple[str, int] | None = None, phone: str | None = None,
               email: str | None = None, name: tuple[str, str] | None = None,
               birth_year: int | None = None, risk: str = "low",
               sex: str | None = None, min_age: int = ADULT,
               new_share: float = 0.08) -> Customer:
        """An individual customer. Unless `onboard` is given, they joined on a date when
        they were at least `min_age` (an adult; a teenager only on a student account with
        a parent), inside the window with probability `new_share`."""
        rng = self.rng
        first, last, drawn = names.person(rng) if name is None else (*name, sex)
        if income is None:
            median = OCCUPATIONS.get(occupation, (0, 3500))[1]
            income = int(round(median * float(np.exp(rng.normal(0, 0.22))), -1)) * 100
        birth_year = birth_year or 2025 - int(rng.integers(*age))
        onboard_date, _ = onboard or self.draw_onboard(new_share,
                                                       adult_from(birth_year, min_age))
        cust = self.add_customer(
            kind="individual", name=f"{first} {last}", city=city, address_id=address,
            phone=phone or self.book.take("bank", CITIES[city].area_codes),
            email=email or person_email(rng, first, last, "bank"), onboard_date=onboard_date,
            risk_rating=risk, birth_year=birth_year,
            occupation=occupation, monthly_income=income, archetype=archetype, sex=drawn)
        return cust

    def open_checking(self, cust: Customer, device: str | None, open_date: str | None = None,
                      branch_city: str | None = None, fixed_id: str | None = None) -> str:
        acc = self.add_account([(cust, "owner", device)], "checking",
                               open_date or cust.onboard_date, branch_city, fixed_id=fixed_id)
        self.checking[cust.customer_id] = acc
        return acc

    def _occupation(self) -> str:
        occs = list(OCCUPATIONS)
        weights = np.array([OCCUPATIONS[o][0] for o in occs], dtype=float)
        return occs[int(self.rng.choice(len(occs), p=weights / weights.sum()))]

    def background_people(self) -> None:
        """Households: singles, couples (joint savings, often one shared tablet),
        families with a teenager, and roommates sharing an apartment."""
        rng, target = self.rng, int(round(210 * self.scale))
        while len(self.people) < target:
            city = self.pick_city()
            kind = ("single", "couple", "family", "roommates")[
                int(rng.choice(4, p=(0.45, 0.3, 0.1, 0.15)))]
            address = self.add_address(city, "apartment" if kind in ("single", "roommates")
                                       and rng.random() < 0.6 else "residential")
            if kind == "single":
                occupation = self._occupation()
                age = (62, 85) if occupation == "retired" else (19, 60)
                cust = self.person(city, occupation, address, age)
                self.open_checking(cust, device_id(rng) if rng.random() < 0.85 else None)
                self.people.append(cust)
            elif kind in ("couple", "family"):
                members = [self.person(city, self._occupation(), address, (24, 66))
                           for _ in range(2)]
                last = members[0].name.split()[-1]
                members[1].name = f"{members[1].name.split()[0]} {last}"
                shared = device_id(rng) if rng.random() < 0.5 else None
                for cust in members:
                    self.open_checking(cust, shared or device_id(rng))
                savings = self.add_account([(members[0], "owner", shared),
                                            (members[1], "joint_owner", shared)], "savings",
                                           members[0].onboard_date)
                self.savings[members[0].customer_id] = savings
                if kind == "family":  # a student account, a parent as joint owner
                    first, _, sex = names.person(rng)
                    teen = self.person(city, "student", address, (16, 19),
                                       name=(first, last), income=40000, sex=sex, min_age=15)
                    acc = self.add_account([(teen, "owner", shared or device_id(rng)),
                                            (members[0], "joint_owner", shared)], "checking",
                                           teen.onboard_date)
                    self.checking[teen.customer_id] = acc
                    members.append(teen)
                self.people.extend(members)
            else:
                for _ in range(int(rng.integers(2, 4))):
                    cust = self.person(city, self._occupation(), address, (20, 35))
                    self.open_checking(cust, device_id(rng))
                    self.people.append(cust)
        self._contacts()

    def _contacts(self) -> None:
        """A sparse, heavy-tailed P2P graph: a few popular people, most with 0-3 contacts."""
        rng = self.rng
        ids = [c.customer_id for c in self.people]
        popularity = rng.pareto(1.5, size=len(ids)) + 0.1
        p = popularity / popularity.sum()
        for cid in ids:
            k = int(rng.choice(5, p=(0.3, 0.3, 0.2, 0.12, 0.08)))
            picks = {ids[int(i)] for i in rng.choice(len(ids), size=k, p=p)} - {cid}
            self.contacts[cid] = sorted(picks)

    # ----- ordinary life ------------------------------------------------------------
    def income(self, cust: Customer, acc: str, employer: str | None = None,
               avoid: frozenset[int] = frozenset()) -> None:
        """Paydays by frequency; self-employed people deposit cash and card takings (never
        on the business days in `avoid`)."""
        rng, monthly = self.rng, (cust.monthly_income or 0) / 100
        pay = OCCUPATIONS.get(cust.occupation, (0, 0, "biweekly"))[2]
        employer = employer or self.external_employers[int(rng.integers(len(
            self.external_employers)))]
        if cust.archetype in ("trucker", "travel_nurse"):
            pay = "weekly"
        days: list[int] = []
        if pay == "weekly":
            days = [d for d in range(clock.N_DAYS) if clock.weekday(d) == 4]
            each = monthly * 12 / 52
        elif pay == "biweekly":
            first = 2 + 7 * int(rng.integers(0, 2))
            days = list(range(first, clock.N_DAYS, 14))
            each = monthly * 12 / 26
        elif pay == "semimonthly":
            for m in clock.month_starts():
                days += [m + 14, min(m + 27, clock.N_DAYS - 1)]
            each = monthly / 2
        elif pay == "benefit":
            days = [m + 2 for m in clock.month_starts()]
            each = monthly
        elif pay in ("gig", "unemployment"):
            days = [d for d in range(clock.N_DAYS) if clock.weekday(d) == 1]
            if pay == "unemployment":
                days = days[: int(self.rng.integers(8, len(days)))]
            each = monthly * 12 / 52
        for d in days:
            cents = int(each * float(rng.normal(1, 0.03)) * 100)
            if pay == "gig":
                cents = int(cents * float(np.exp(rng.normal(0, 0.3))))
            name = {"benefit": "RETIREMENT BENEFIT", "gig": f"{self.ride_brand()} DRIVER PAYOUT",
                    "unemployment": "STATE UNEMPLOYMENT BENEFIT"
                    }.get(pay, f"{employer.upper()} PAYROLL")
            # a payday on a weekend or a holiday is paid on the business day before
            self.ach(acc, self.at_hours(clock.previous_business_day(d), 2, 6), "credit", cents,
                     name, memo="DIRECT DEPOSIT" if pay != "gig" else "WEEKLY PAYOUT")
        tips = OCCUPATIONS.get(cust.occupation, (0, 0, 0, 0, 0.0))[4]
        if tips > 0:
            self.cash_income(cust, acc, monthly * tips, self_employed=pay == "self",
                             avoid=avoid)

    def ride_brand(self) -> str:
        return self.local_merchants[("WIC", "rideshare")][0][1].rsplit(" ", 1)[0].upper()

    def cash_income(self, cust: Customer, acc: str, monthly_cash: float,
                    self_employed: bool, avoid: frozenset[int] = frozenset()) -> None:
        """Tips or small-business takings, deposited once or twice a week: at a teller on a
        business day, or at an ATM (any day). None counts toward a business day in `avoid`."""
        rng = self.rng
        per_week = 2 if self_employed else 1
        for week in range(26):
            for _ in range(per_week):
                d = week * 7 + int(rng.integers(0, 7))
                cents = int(monthly_cash * 12 / 52 / per_week * float(np.exp(rng.normal(0, 0.35)))
                            * 100)
                cents = (cents // 500) * 500 or 2000
                at_teller = rng.random() < 0.5 and clock.is_business_day(d)
                local = (self.branch_time(d, 9.5, 16.75) if at_teller
                         else self.at_hours(d, 8, 23))
                if clock.business_day(local // clock.DAY) in avoid:
                    continue
                if at_teller:
                    self.teller(acc, local, cust.city, cents)
                else:
                    self.atm(acc, local, cust.city, cents, "credit")
        if self_employed:  # the card takings of the week to Sunday, settled the next business day
            for week in range(26):
                d = week * 7 + 4  # a Sunday
                cents = int(monthly_cash * 0.25 * 12 / 52 * float(np.exp(rng.normal(0, 0.3)))
                            * 100)
                self.ach(acc, self.posting_time(clock.next_business_day(d)), "credit",
                         cents, "CARD SETTLEMENT SYNPAY", memo="SETTLEMENT")

    def bills(self, cust: Customer, acc: str, pays_rent: bool = True) -> None:
        rng, monthly = self.rng, max((cust.monthly_income or 0) / 100, 900)
        landlord = self.landlords[int(rng.integers(len(self.landlords)))]
        rent = int(monthly * float(rng.uniform(0.22, 0.35)) * 100)
        utility = int(float(rng.uniform(60, 200)) * 100)
        phone_bill = int(float(rng.uniform(35, 110)) * 100)
        stream_bill = (999, 1499, 1799)[int(rng.integers(3))]
        for m in clock.month_starts():
            if pays_rent:
                self.ach(acc, self.at_hours(m + int(rng.integers(0, 3)), 1, 7), "debit", rent,
                         landlord.upper(), memo="RENT" if "Mortgage" not in landlord
                         else "MORTGAGE PMT")
                self.ach(acc, self.at_hours(m + int(rng.integers(9, 20)), 1, 7), "debit",
                         int(utility * float(rng.normal(1, 0.12))),
                         f"{CITIES[cust.city].name.upper()} UTILITIES", memo="AUTOPAY")
            self.online(acc, self.at(m + int(rng.integers(4, 8))), "telecom", phone_bill)
            if rng.random() < 0.8:
                self.online(acc, self.at(m + int(rng.integers(10, 25))), "streaming", stream_bill)
        self.obligations(cust, acc, monthly)
        if rng.random() < 0.55:
            d = int(rng.integers(35, 105))
            self.ach(acc, self.at_hours(d, 2, 6), "credit", int(float(rng.lognormal(7, 0.7)) * 100)
                     + 100, "FEDERAL TAX REFUND", memo="TAX REF")

    def obligations(self, cust: Customer, acc: str, monthly: float) -> None:
        """Car loan, credit-card bill, insurance and savings: the rest of a monthly budget."""
        rng = self.rng
        items = []
        if rng.random() < 0.5:
            items.append(("AUTO LOAN PMT", f"{names.surname(rng).upper()} AUTO FINANCE",
                          float(rng.uniform(250, 560)), 0.0))
        if rng.random() < 0.65:
            items.append(("CARD PAYMENT", f"{names.surname(rng).upper()} CARD SERVICES",
                          monthly * float(rng.uniform(0.08, 0.22)), 0.35))
        if rng.random() < 0.7:
            items.append(("INSURANCE", f"{names.surname(rng).upper()} MUTUAL INSURANCE",
                          float(rng.uniform(70, 210)), 0.0))
        savings = self.savings.get(cust.customer_id)
        day_of = {item[0]: int(rng.integers(5, 26)) for item in items}
        for m in clock.month_starts():
            for memo, name, amount, spread in items:
                cents = int(amount * float(np.exp(rng.normal(0, spread))) * 100) if spread \
                    else int(amount * 100)
                self.ach(acc, self.at_hours(m + day_of[memo], 1, 7), "debit", cents, name,
                         memo=memo)
            if savings:
                self.transfer(acc, savings, self.posting_time(m + 15),
                              int(monthly * float(rng.uniform(0.05, 0.12))) * 100 // 100,
                              "ach", memo="TRANSFER TO SAVINGS")

    def spending(self, cust: Customer, acc: str, where=None, night: float | None = None,
                 scale: float = 1.0) -> None:
        """Card and ATM life: counts per month, log-normal amounts, weekly and daily rhythm."""
        rng = self.rng
        monthly = max((cust.monthly_income or 0) / 100, 700)
        mult = scale * (monthly / 3500) ** 0.45 * float(np.exp(rng.normal(0, 0.25)))
        night = OCCUPATIONS.get(cust.occupation, (0, 0, 0, 0.03))[3] if night is None else night
        for category, (rate, median, sigma) in SPEND.items():
            n = int(rng.poisson(rate * 4.5 * min(mult, 2.5) ** 0.5))
            if n == 0:
                continue
            days = rng.integers(0, clock.N_DAYS, size=n)
            amounts = median * mult * np.exp(rng.normal(0, sigma, size=n))
            for d, usd in zip(days, amounts, strict=True):
                d = int(d)
                if clock.weekday(d) < 4 and category in ("restaurant", "bar") and rng.random() < .4:
                    d = min(d + (4 - clock.weekday(d)), clock.N_DAYS - 1)  # weekend bias
                city = where(d) if where else cust.city
                local = self.at(d, P_NIGHT if rng.random() < night else P_DAY)
                cents = int(usd * 100)
                if category == "online_retail":
                    self.online(acc, local, category, cents)
                else:
                    self.card(acc, local, city, category, cents)
        for _ in range(int(rng.poisson(5))):
            d = int(rng.integers(0, clock.N_DAYS))
            city = where(d) if where else cust.city
            self.atm(acc, self.at(d), city, int(rng.choice((20, 40, 60, 80, 100, 200))) * 100)
        for other in self.contacts.get(cust.customer_id, ()):
            for _ in range(int(rng.poisson(1.5))):
                d = int(rng.integers(0, clock.N_DAYS))
                cents = int(float(np.exp(rng.normal(np.log(40), 0.8))) * 100)
                memo = ("dinner", "rent share", "thanks", "gas", "tickets", "birthday")[
                    int(rng.integers(6))]
                self.transfer(acc, self.checking[other], self.at(d), cents, "p2p", memo=memo)

    def trips(self, cust: Customer, acc: str, n: int) -> Callable[[int], str]:
        """Occasional leisure or family trips: hotel (one room), meals, fuel."""
        rng, trips = self.rng, []
        for _ in range(n):
            start = int(rng.integers(0, clock.N_DAYS - 5))
            length = int(rng.integers(2, 5))
            city = [k for k in CITIES if k != cust.city][int(rng.integers(len(CITIES) - 1))]
            trips.append((start, start + length, city))
            self.card(acc, self.at_hours(start, 7, 11), cust.city, "fuel",
                      int(float(rng.uniform(30, 60)) * 100))
            self.card(acc, self.at_hours(start + length, 9, 12), city, "hotel",
                      int(length * float(rng.uniform(85, 160)) * 100))

        def where(day: int) -> str:
            for s, e, c in trips:
                if s <= day <= e:
                    return c
            return cust.city
        return where

    def ordinary_life(self, cust: Customer, employer: str | None = None,
                      in_bank_pay: bool = False, pays_rent: bool = True) -> None:
        acc = self.checking[cust.customer_id]
        if not in_bank_pay:
            self.income(cust, acc, employer)
        self.bills(cust, acc, pays_rent)
        where = self.trips(cust, acc, int(self.rng.choice(3, p=(0.55, 0.33, 0.12))))
        self.spending(cust, acc, where)

    # ----- businesses ---------------------------------------------------------------
    def business(self, industry: str, city: str, archetype: str = "background",
                 name: str | None = None, phone: str | None = None, email: str | None = None,
                 revenue: int | None = None, employees: int | None = None,
                 hours: str | None = None, naics: int | None = None,
                 risk: str | None = None, onboard: tuple[str, int] | None = None) -> Customer:
        rng = self.rng
        spec = INDUSTRIES[industry]
        words = NAME_WORDS[industry]
        name = name or names.business(rng, words[int(rng.integers(len(words)))])
        slug = names.slug(name)
        revenue = revenue or int(round(spec[2] * float(np.exp(rng.normal(0, 0.3))), -3))
        employees = employees or int(rng.integers(spec[3][0], spec[3][1] + 1))
        onboard_date, _ = onboard or self.draw_onboard(0.04)
        cust = self.add_customer(
            kind="business", name=name, city=city,
            address_id=self.add_address(city, "commercial"),
            phone=phone or self.book.take("bank", CITIES[city].area_codes),
            email=email or f"{('info', 'office', 'billing')[int(rng.integers(3))]}@{slug}.test",
            onboard_date=onboard_date,
            risk_rating=risk or ("medium" if spec[5] >= 0.5 else "low"), industry=industry,
            naics=naics or spec[1], annual_revenue=revenue * 100, employees=employees,
            hours=hours or spec[4], archetype=archetype)
        return cust

    def business_account(self, biz: Customer, owner: Customer | None, owner_role: str,
                         device: str | None) -> str:
        holders = [(biz, "owner", None)]
        if owner is not None:
            holders.append((owner, owner_role, device))
        acc = self.add_account(holders, "business_checking", biz.onboard_date)
        self.checking[biz.customer_id] = acc
        return acc

    def business_life(self, biz: Customer, acc: str, spec: dict) -> None:
        """Takings (card sales settled by ACH the next business day; cash paid in at a teller
        on a business day or, a `teller_share` of the time otherwise, into an ATM after
        closing), B2B receipts, payroll with tax deposits, rent on the 1st, suppliers,
        utilities and the owner's draw."""
        rng = self.rng
        annual = biz.annual_revenue / 100 * spec.get("actual", 1.0)
        cash_share, open_days = spec["cash"], spec["days"]
        close = int(biz.hours.split("-")[1][:2]) or 24
        close = close + 24 if close < 8 else close
        # the night's cash into a deposit-taking ATM: after closing, or for a business open
        # past midnight (a bar) from 23:00 on
        drop = (min(close + 0.3, 23.0), close + 1.2)
        daily = annual / 365 * 7 / open_days
        if spec.get("b2b"):
            clients = [names.business(rng, w, "").upper() for w in ("Office Park", "Medical",
                                                                   "Property Group", "Schools")]
            for week in range(26):
                for client in clients:
                    if rng.random() < 0.5:
                        d = week * 7 + int(rng.integers(0, 5))
                        self.ach(acc, self.at_hours(d, 2, 7), "credit",
                                 int(annual / 26 / 2 * float(np.exp(rng.normal(0, 0.3))) * 100),
                                 client, memo="INVOICE PAYMENT")
        else:
            processor = ("SYNPAY", "EXPAY", "MERCHANT SVCS")[int(rng.integers(3))]
            for d in range(clock.N_DAYS):
                if (clock.weekday(d) == 6 and open_days < 7) or (
                        clock.weekday(d) == 0 and open_days < 6):
                    continue
                if cash_share < 1 and rng.random() < 0.9:
                    # the day's card sales, settled by ACH on the next business day
                    cents = int(daily * (1 - cash_share) * float(np.exp(rng.normal(0, 0.25)))
                                * 100)
                    self.ach(acc, self.posting_time(clock.next_business_day(d)), "credit",
                             cents, f"CARD SETTLEMENT {processor}", memo="BATCH")
        if cash_share > 0.02:
            per_week = 3 if cash_share > 0.4 else 1
            # to the branch on set weekdays: Monday (the weekend's cash), one midweek day and
            # Friday; or one weekday a week
            weekdays = ((0, int(rng.integers(1, 4)), 4) if per_week == 3
                        else (int(rng.integers(0, 5)),))
            for week in range(26):
                for k in range(per_week):
                    d = week * 7 + int(rng.integers(0, 6))
                    errand = clock.business_day(
                        week * 7 + (weekdays[k] - clock.weekday(week * 7)) % 7)
                    cents = int(daily * open_days * cash_share / per_week
                                * float(np.exp(rng.normal(0, 0.2))) * 100)
                    cents = (cents // 1000) * 1000 or 1000
                    city = spec.get("deposit_cities", [biz.city])[k % len(
                        spec.get("deposit_cities", [biz.city]))]
                    if rng.random() < spec.get("teller_share", 0.7):
                        self.teller(acc, self.branch_time(errand, 9.5, 16.5), city, cents)
                    else:
                        self.atm(acc, self.at_hours(d, *drop), city, cents, "credit")
        self._business_costs(biz, acc, annual, spec)

    def _business_costs(self, biz: Customer, acc: str, annual: float, spec: dict) -> None:
        rng = self.rng
        landlord = self.landlords[int(rng.integers(len(self.landlords)))].upper()
        suppliers = [names.business(rng, w, "").upper() for w in ("Wholesale", "Supply")]
        rent = int(annual * float(rng.uniform(0.05, 0.09)) / 12 * 100)
        for m in clock.month_starts():
            self.ach(acc, self.at_hours(m + int(rng.integers(0, 3)), 1, 7), "debit", rent,
                     landlord, memo="LEASE")
            self.ach(acc, self.at_hours(m + int(rng.integers(8, 20)), 1, 7), "debit",
                     int(annual * 0.015 / 12 * float(rng.normal(1, 0.1)) * 100),
                     f"{CITIES[biz.city].name.upper()} UTILITIES", memo="AUTOPAY")
        for week in range(26):
            d = week * 7 + int(rng.integers(0, 5))
            self.ach(acc, self.at_hours(d, 1, 7), "debit",
                     int(annual * 0.3 / 52 * float(np.exp(rng.normal(0, 0.25))) * 100),
                     suppliers[week % 2], memo="INVOICE")
            if rng.random() < 0.4:
                self.card(acc, self.at(d), biz.city, ("home", "fuel", "department")[
                    int(rng.integers(3))], int(float(np.exp(rng.normal(4.5, 0.6))) * 100))
        if spec.get("payroll", True):
            self.payroll(biz, acc, spec)
        owner_acc = spec.get("owner_acc")
        if owner_acc:
            for m in clock.month_starts():
                self.transfer(acc, owner_acc, self.posting_time(m + int(rng.integers(3, 10))),
                              int(annual * 0.08 / 12 * float(rng.normal(1, 0.1)) * 100), "ach",
                              memo="OWNER DRAW")

    def payroll(self, biz: Customer, acc: str, spec: dict) -> None:
        """Biweekly (or weekly) payroll: in-bank staff by ACH, the rest in one batch."""
        rng = self.rng
        staff: list[tuple[str, int]] = spec.get("staff", [])
        frequency = spec.get("pay_every", 14)
        wage = spec.get("wage", 1350) * frequency / 14
        outside = max(biz.employees - len(staff), 0)
        first = 2 + 7 * int(rng.integers(0, 2)) if frequency == 14 else 2
        for payday in range(first, clock.N_DAYS, frequency):
            d = clock.previous_business_day(payday)
            total = 0
            for staff_acc, net in staff:
                if staff_acc in spec.get("start_day", {}) and d < spec["start_day"][staff_acc]:
                    continue
                cents = int(net * frequency / 14 * float(rng.normal(1, 0.03)))
                self.transfer(acc, staff_acc, self.at_hours(d, 2, 5), cents, "ach",
                              memo="PAYROLL", truth=spec.get("payroll_truth"))
                total += cents
            if outside:
                cents = int(outside * wage * float(rng.normal(1, 0.04)) * 100)
                # the payroll company draws the funds the business day before payday
                self.ach(acc, self.posting_time(clock.previous_business_day(d - 1)), "debit",
                         cents, "PAYROLL SERVICE DIRECT DEPOSIT",
                         memo=f"PAYROLL {outside} EMPLOYEES")
                total += cents
            tax = spec.get("tax_rate", 0.22)
            if tax:
                self.ach(acc, self.posting_time(d), "debit", int(total * tax),
                         "FEDERAL PAYROLL TAX DEPOSIT", memo="941 DEPOSIT")

    def background_businesses(self) -> None:
        rng = self.rng
        labels = list(INDUSTRIES)
        weights = np.array([INDUSTRIES[k][0] for k in labels], dtype=float)
        workers_by_occ: dict[str, list[Customer]] = {}
        for cust in self.people:
            workers_by_occ.setdefault(cust.occupation, []).append(cust)
        for _ in range(count(34, self.scale)):
            label = labels[int(rng.choice(len(labels), p=weights / weights.sum()))]
            city = self.pick_city()
            self.run_business(label, city, workers_by_occ)

    def run_business(self, label: str, city: str, workers_by_occ, archetype="background",
                     extra: dict | None = None, **fields) -> Customer:
        """A business with its owner (an individual customer with a life of their own),
        staff from `workers_by_occ` in the same city, and its takings and costs."""
        rng = self.rng
        spec_row = INDUSTRIES[label]
        biz = self.business(label, city, archetype, **fields)
        owner = self.person(city, "business owner", self.add_address(city, "residential"),
                            (30, 66), income=int(biz.annual_revenue * 0.08 / 12 / 100) * 100)
        self.open_checking(owner, device_id(rng))
        acc = self.business_account(biz, owner, "authorized_signer", device_id(rng))
        self.bills(owner, self.checking[owner.customer_id])
        self.spending(owner, self.checking[owner.customer_id])
        staff = []
        for occ in INDUSTRY_OCCUPATIONS.get(label, ()):
            pool = [c for c in workers_by_occ.get(occ, []) if c.city == city
                    and c.customer_id not in self.employed]
            for worker in pool[: int(rng.integers(0, 3))]:
                self.employed.add(worker.customer_id)
                net = int(worker.monthly_income * 12 / 26)
                staff.append((self.checking[worker.customer_id], net))
        spec = {"cash": spec_row[5], "b2b": spec_row[6], "days": spec_row[7], "staff": staff,
                "owner_acc": self.checking[owner.customer_id]}
        spec.update(extra or {})
        self.business_life(biz, acc, spec)
        return biz

    def everyday_life(self) -> None:
        """Income, bills, trips and spending of every background person (people employed
        by a business of this bank are paid by its payroll, not by an outside employer)."""
        for cust in self.people:
            self.ordinary_life(cust, in_bank_pay=cust.customer_id in self.employed)
