"""Hard negatives for the bank: legitimate customers who trip single red flags.

Each one looks like a typology on one indicator and differs on the others, so a
learner who flags "many cities", "cash heavy", "shared address", "hotels and
rideshare" or "wires abroad" alone gets poor precision. Every archetype is present at
every scale (`count` never returns zero) and is listed in the ground truth
(`bank_hard_negatives.csv`); see "Realistic, synthetic, safe" in CONTRIBUTING.md.
"""

from __future__ import annotations

import numpy as np

from .. import clock
from ..geo import CITIES, I35, I70, neighbours
from ..ids import device_id
from .life import Bank, count
from .records import P_NIGHT, Customer

REMIT_COUNTRIES = ("MX", "GT", "SV", "HN", "PH", "IN", "VN", "NG")


def corridor_walk(rng: np.random.Generator, start: str, steps: int) -> list[str]:
    """A truck's daily stops along I-35/I-70."""
    path, city = [], start
    for _ in range(steps):
        options = neighbours(city) or list(I35 + I70)
        city = options[int(rng.integers(len(options)))]
        path.append(city)
    return path


def _mark(bank: Bank, cust: Customer, archetype: str) -> None:
    cust.archetype = archetype
    bank.hard_negatives[cust.customer_id] = archetype


def truckers(bank: Bank) -> None:
    """Long-haul drivers: many cities a week, motels, late meals, diesel; weekly payroll."""
    rng = bank.rng
    company = bank.business("Trucking company", "OKC", "trucking_company")
    acc = bank.business_account(company, None, "owner", None)
    staff = []
    for _ in range(count(12, bank.scale)):
        home = list(I35 + I70)[int(rng.integers(len(I35 + I70)))]
        cust = bank.person(home, "truck driver (long-haul)", bank.add_address(home, "residential"),
                           (26, 62), income=int(rng.integers(52, 75)) * 10000)
        _mark(bank, cust, "trucker")
        own = bank.open_checking(cust, device_id(rng))
        staff.append((own, int(cust.monthly_income * 12 / 52)))
        road: dict[int, str] = {}
        for week in range(26):
            start = week * 7 + int(rng.integers(0, 2))
            for d, city in zip(range(start, start + 5), corridor_walk(rng, home, 5), strict=True):
                if d < clock.N_DAYS:
                    road[d] = city
        for d, city in road.items():
            bank.card(own, bank.at(d, P_NIGHT), city, "truck_stop",
                      int(float(rng.uniform(280, 900)) * 100))
            bank.card(own, bank.at(d, P_NIGHT), city, "fast_food",
                      int(float(rng.lognormal(2.5, 0.4)) * 100))
            if rng.random() < 0.5:
                bank.card(own, bank.at_hours(d, 19, 23.9), city, "hotel",
                          int(float(rng.uniform(55, 90)) * 100))
        bank.bills(cust, own)
        bank.spending(cust, own, lambda d, r=road, h=home: r.get(d, h), night=0.4, scale=0.7)
    bank.business_life(company, acc, {"cash": 0, "b2b": True, "days": 6, "staff": staff,
                                      "pay_every": 7, "wage": 1700})


def travel_nurses(bank: Bank) -> None:
    """13-week assignments in other cities: furnished rentals, hotels between contracts,
    rideshare, night shifts; weekly pay from a nurse-staffing agency."""
    rng = bank.rng
    keys = list(CITIES)
    for _ in range(count(6, bank.scale)):
        home = keys[int(rng.integers(len(keys)))]
        cust = bank.person(home, "registered nurse (travel)", bank.add_address(home, "apartment"),
                           (26, 50), income=int(rng.integers(70, 95)) * 10000)
        _mark(bank, cust, "travel_nurse")
        acc = bank.open_checking(cust, device_id(rng))
        postings = [k for k in keys if k != home]
        first = postings[int(rng.integers(len(postings)))]
        second = postings[int(rng.integers(len(postings)))]
        switch = int(rng.integers(80, 100))
        bank.income(cust, acc, "Meridel Nurse Staffing")

        home_visits = {d for d in range(10, clock.N_DAYS, 28) for d in (d, d + 1)}
        trip = int(rng.integers(20, 160))
        trip_city = [k for k in keys if k not in (home, first, second)][0]

        def where(d, a=first, b=second, s=switch, h=home, v=home_visits, t=trip, c=trip_city):
            if d in v:
                return h
            if t <= d <= t + 2:
                return c
            return a if d < s else b
        for m in clock.month_starts():
            bank.ach(acc, bank.at_hours(m, 1, 7), "debit", int(float(rng.uniform(1400, 2200))
                     * 100), f"FURNISHED RENTALS {CITIES[where(m)].name.upper()}", memo="RENT")
        for d in list(range(switch - 3, switch + 2)) + [0, 1]:
            bank.card(acc, bank.at_hours(d, 15, 23), where(d), "hotel",
                      int(float(rng.uniform(90, 150)) * 100))
        for _ in range(int(rng.poisson(24))):
            d = int(rng.integers(0, clock.N_DAYS))
            bank.card(acc, bank.at(d, P_NIGHT), where(d), "rideshare",
                      int(float(rng.lognormal(2.8, 0.4)) * 100))
        bank.spending(cust, acc, where, night=0.5)
        bank.bills(cust, acc, pays_rent=False)


def sales_staff(bank: Bank) -> None:
    """Travelling sales reps: flights, car rental, hotels, rideshare; expenses reimbursed."""
    rng = bank.rng
    keys = list(CITIES)
    for _ in range(count(8, bank.scale)):
        home = ("KCM", "WIC", "DAL", "DEN", "STL")[int(rng.integers(5))]
        cust = bank.person(home, "sales representative", bank.add_address(home, "residential"),
                           (27, 60), income=int(rng.integers(55, 95)) * 10000)
        _mark(bank, cust, "sales_travel")
        acc = bank.open_checking(cust, device_id(rng))
        bank.income(cust, acc)
        trips = []
        for week in range(26):
            if rng.random() < 0.6:
                start = week * 7 + int(rng.integers(0, 3))
                city = [k for k in keys if k != home][int(rng.integers(len(keys) - 1))]
                trips.append((start, start + int(rng.integers(1, 4)), city))
        spent = 0
        for s, e, city in trips:
            if CITIES[city].state != CITIES[home].state or rng.random() < 0.3:
                bank.online(acc, bank.at(max(s - 5, 0)), "airline",
                            int(float(rng.uniform(180, 520)) * 100))
                bank.card(acc, bank.at_hours(s, 9, 13), city, "car_rental",
                          int((e - s + 1) * float(rng.uniform(45, 80)) * 100))
            bank.card(acc, bank.at_hours(e, 6, 11), city, "hotel",
                      int((e - s) * float(rng.uniform(110, 190)) * 100))
            for d in range(s, e + 1):
                for _ in range(int(rng.integers(1, 4))):
                    bank.card(acc, bank.at(d), city, "rideshare",
                              int(float(rng.lognormal(2.9, 0.4)) * 100))
                bank.card(acc, bank.at_hours(d, 18, 22.5), city, "restaurant",
                          int(float(rng.lognormal(3.8, 0.4)) * 100))
            spent += 1
            bank.ach(acc, bank.at_hours(min(e + 9, clock.N_DAYS - 1), 2, 6), "credit",
                     int(float(rng.uniform(300, 1400)) * 100), "EMPLOYER EXPENSE REIMB",
                     memo="EXPENSES")

        def where(d, t=trips, h=home):
            for s, e, c in t:
                if s <= d <= e:
                    return c
            return h
        bank.bills(cust, acc)
        bank.spending(cust, acc, where, scale=0.8)


def overlays(bank: Bank) -> None:
    """Ordinary customers with one unusual habit: remittances, crypto, prepaid cards,
    a one-off cash sale just under $10,000."""
    rng = bank.rng
    pool = [c for c in bank.people if c.archetype == "background" and c.occupation != "student"
            and c.onboard_date < clock.fmt_date(0)]  # customers since before the window
    picks = [pool[int(i)] for i in rng.permutation(len(pool))]
    n_remit, n_crypto, n_prepaid, n_big = (count(14, bank.scale), count(5, bank.scale),
                                           count(5, bank.scale), count(4, bank.scale))
    for cust in picks[:n_remit]:
        _mark(bank, cust, "remitter")
        acc = bank.checking[cust.customer_id]
        country = REMIT_COUNTRIES[int(rng.integers(len(REMIT_COUNTRIES)))]
        relative = f"{cust.name.split()[-1].upper()} FAMILY"
        for m in clock.month_starts():
            cents = int(float(rng.uniform(150, 900)) * 100)
            if rng.random() < 0.12:
                cents = int(float(rng.uniform(1500, 2900)) * 100)  # an emergency or a holiday
            bank.ach(acc, bank.at_hours(m + int(rng.integers(3, 12)), 10, 17), "debit", cents,
                     relative, memo="FAMILY SUPPORT", cp_country=country, channel="wire")
        cust.archetype = "remitter"
    for cust in picks[n_remit:n_remit + n_crypto]:
        _mark(bank, cust, "crypto_hobbyist")
        acc = bank.checking[cust.customer_id]
        for m in clock.month_starts():
            for _ in range(int(rng.integers(1, 3))):
                bank.online(acc, bank.at(m + int(rng.integers(0, 28))), "crypto_exchange",
                            int(float(rng.choice((50, 100, 200, 250, 500))) * 100),
                            memo="RECURRING BUY")
    start = n_remit + n_crypto
    for cust in picks[start:start + n_prepaid]:
        _mark(bank, cust, "prepaid_gifts")
        acc = bank.checking[cust.customer_id]
        for m in clock.month_starts():
            bank.card(acc, bank.at(m + int(rng.integers(0, 27))), cust.city, "prepaid",
                      int(float(rng.choice((25, 50, 50, 100))) * 100), channel="prepaid")
    start += n_prepaid
    for cust in picks[start:start + n_big]:
        _mark(bank, cust, "one_off_cash")
        acc = bank.checking[cust.customer_id]
        d = int(rng.integers(10, 170))
        bank.teller(acc, bank.branch_time(d, 10, 16), cust.city,
                    int(rng.integers(80, 99)) * 10000, memo="VEHICLE SALE")


def students(bank: Bank) -> None:
    """College students whose parents deposit cash at home; the student withdraws at
    college: deposits in one city, withdrawals in another (a funnel look-alike)."""
    rng = bank.rng
    for _ in range(count(4, bank.scale)):
        college = ("LAW", "COU")[int(rng.integers(2))]
        home = ("WIC", "SLN", "TOP", "KCM", "STL", "OKC")[int(rng.integers(6))]
        cust = bank.person(college, "student", bank.add_address(college, "apartment"), (19, 24),
                           income=60000)
        _mark(bank, cust, "student_parent_deposits")
        acc = bank.open_checking(cust, device_id(rng), branch_city=home)
        for m in clock.month_starts():
            d = m + int(rng.integers(0, 10))
            cents = int(rng.integers(20, 60)) * 1000
            deposit = bank.branch_time(d, 10, 16)
            bank.teller(acc, deposit, home, cents)
            bank.atm(acc, bank.at_hours(deposit // clock.DAY + int(rng.integers(1, 4)), 10, 23),
                     college, min(cents, 40000))
        bank.spending(cust, acc, scale=0.6)


def special_businesses(bank: Bank) -> None:
    """Businesses that resemble the front or the funnel on one axis."""
    rng = bank.rng
    for label, n in (("Taqueria", 3), ("Bar", 2), ("Massage and day spa", 2)):
        for _ in range(count(n, bank.scale)):
            # a bar open late puts most of its cash into an ATM at night, like the front
            extra = {"teller_share": 0.25} if label == "Bar" else None
            biz = bank.run_business(label, bank.pick_city(), {}, archetype="", extra=extra)
            _mark(bank, biz, {"Taqueria": "cash_restaurant_with_payroll", "Bar": "late_bar",
                              "Massage and day spa": "legitimate_spa"}[label])
    dealer = bank.run_business("Used car dealer", bank.pick_city(), {}, archetype="")
    _mark(bank, dealer, "car_dealer_large_cash")
    acc = bank.checking[dealer.customer_id]
    branches = bank.branches[dealer.city]
    for _ in range(int(rng.integers(6, 10))):
        d = int(rng.integers(0, clock.N_DAYS))
        local, branch = bank.branch_time(d, 10, 16), branches[int(rng.integers(len(branches)))]
        if bank.teller(acc, local, dealer.city, int(rng.integers(105, 260)) * 10000,
                       branch=branch):
            bank.reported_cash.setdefault(acc, []).append((local, branch))
    vending = bank.business("Vending machine operator", "TOP", "", risk="medium")
    _mark(bank, vending, "multi_city_cash_vending")
    owner = bank.person("TOP", "business owner", bank.add_address("TOP", "residential"), (35, 60))
    bank.open_checking(owner, device_id(rng))
    acc = bank.business_account(vending, owner, "authorized_signer", device_id(rng))
    bank.business_life(vending, acc, {"cash": 0.95, "b2b": False, "days": 5, "staff": [],
                                      "deposit_cities": ["TOP", "SLN", "LAW", "KCM"],
                                      "owner_acc": bank.checking[owner.customer_id]})


def farm_crew(bank: Bank) -> None:
    """A farm that houses its seasonal crew: workers share one address and opened accounts
    together with the farm's coordinator present, but keep their pay and documents."""
    rng = bank.rng
    farm = bank.business("Farm (seasonal crops)", "SLN", "")
    _mark(bank, farm, "farm_housing_crew")
    acc = bank.business_account(farm, None, "owner", None)
    house = bank.add_address("SLN", "residential")
    start = clock.business_day(int(rng.integers(60, 75)))
    staff, start_day = [], {}
    coordinator = bank.person("SLN", "farm HR coordinator", bank.add_address("SLN", "residential"),
                              (30, 55))
    bank.open_checking(coordinator, device_id(rng))
    bank.ordinary_life(coordinator)
    for _ in range(count(8, bank.scale)):
        cust = bank.person("SLN", "farmworker (seasonal)", house, (20, 50), income=250000,
                           onboard=(clock.fmt_date(start), start))
        _mark(bank, cust, "farm_worker_shared_housing")
        own = bank.open_checking(cust, device_id(rng))
        staff.append((own, int(rng.integers(1100, 1300)) * 100))
        start_day[own] = start + 7
        bank.interaction(bank.at_hours(start, 9, 11), "SLN", cust, own, "account_opening",
                         "Seasonal worker opened a checking account for payroll. The farm's HR "
                         "coordinator came with the group and explained the payroll schedule; "
                         "the customer answered all questions and presented her or his own "
                         "passport and visa.", third_party=coordinator)
        for m in clock.month_starts():
            if m > start:
                bank.ach(own, bank.at_hours(m + int(rng.integers(5, 12)), 10, 17), "debit",
                         int(float(rng.uniform(200, 700)) * 100), "FAMILY SUPPORT",
                         memo="REMITTANCE", cp_country=("MX", "GT")[int(rng.integers(2))],
                         channel="wire")
        for _ in range(int(rng.poisson(12))):
            d = int(rng.integers(start, clock.N_DAYS))
            bank.card(own, bank.at(d), "SLN", ("grocery", "fast_food", "pharmacy")[
                int(rng.integers(3))], int(float(rng.lognormal(3.3, 0.6)) * 100))
    bank.business_life(farm, acc, {"cash": 0, "b2b": True, "days": 6, "staff": staff,
                                   "start_day": start_day, "wage": 1200})


def staffing_agency(bank: Bank) -> None:
    """The legitimate staffing agency of the shared world (its ads are a recruitment decoy)."""
    info = bank.world.businesses["staffing"]
    biz = bank.business("Temporary staffing agency", info.city, "", name=info.name,
                        phone=info.phone, email=info.email)
    _mark(bank, biz, "legitimate_staffing_agency")
    acc = bank.business_account(biz, None, "owner", None)
    staff = []
    pool = [c for c in bank.people if c.archetype == "background"
            and c.occupation in ("warehouse associate", "janitor", "cashier", "retail associate")
            and c.customer_id not in bank.employed]
    for cust in pool[: count(10, bank.scale)]:
        bank.employed.add(cust.customer_id)
        staff.append((bank.checking[cust.customer_id], int(cust.monthly_income * 12 / 52)))
    bank.business_life(biz, acc, {"cash": 0, "b2b": True, "days": 5, "staff": staff,
                                  "pay_every": 7, "wage": 700})


def add_hard_negatives(bank: Bank) -> None:
    """Every hard-negative archetype, in a fixed order (the order fixes the random draws)."""
    truckers(bank)
    travel_nurses(bank)
    sales_staff(bank)
    overlays(bank)
    students(bank)
    special_businesses(bank)
    farm_crew(bank)
    staffing_agency(bank)
