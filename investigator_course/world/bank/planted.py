"""The planted case in the bank: the typologies and indicators of FinCEN advisory
FIN-2020-A008 (human trafficking) acted out by the shared world's cast.

* Controller A (`ctrl_a`): travels the motel route; several rooms a night, rideshare and
  late-night spending (F1, F2); small payments to the overseas classified site (F7);
  prepaid cards then crypto-kiosk purchases (F5, F8); processor-masked P2P income (F9);
  structuring (F10): bursts of cash deposits just under $10,000 on consecutive business
  days, one a day, each at another branch, made in turn by the controller and two
  associates (`runner_1`, `runner_2`, customers of the bank who travel with the crew);
  receives same-day sweeps from the controlled accounts.
* Controller B (`ctrl_b`): funnel account: cash in at branches in many cities, withdrawn
  in Dallas within 0-2 days or wired abroad just under $3,000; beneficial owner of the
  spa; receives the crypto exchange's cash-outs (the KYC cross-link).
* Controller C (`ctrl_c`): owns the cleaning contractor; workers' wages come back to him
  within hours; recruitment fees.
* The spa: front business (cash far above peers, most of it paid into an ATM between 22:00
  and 01:00, long after its declared closing time; no payroll, rent on residential units,
  hotel bills). Its card takings settle by ACH like any merchant's, so they say nothing
  about its hours.
* The cleaning contractor: payroll exists (sub-minimum), so "no payroll" does not catch it.
  Each pay cheque goes back to controller C in part as "rent" for the shared house and in
  part as "loan repayment" of a debt no loan ever paid into the account (coerced debt);
  recruitment and visa fees come out of the first two pay cheques.
* Six people exploited through controlled accounts (five women and a young man); ten
  workers (exploitative employment).

Every planted row carries its pattern and indicator codes (`T`) into the ground truth;
`ROLES` gives each member of the cast a role there. The teller notes about the cast
are in `notes`.
"""

from __future__ import annotations

import numpy as np

from .. import clock
from ..geo import CITIES, neighbours
from ..ids import device_id
from ..schemas import truth_table
from ..shared import EXCHANGE
from .life import Bank, adult_from
from .records import P_LATE, P_NIGHT, TRANSACTIONS, Customer

ENTITIES = truth_table("bank", "bank_entities.csv")
# columns of transactions.csv that _wage_returns reads back
TX_ACCOUNT, TX_TIME, TX_DIRECTION, TX_AMOUNT, TX_MEMO = (
    TRANSACTIONS.index(name) for name in ("account_id", "ts_local", "direction", "amount", "memo"))

T = {
    "hotel": ("route_hotel", "FIN20-F1;FIN20-F2"),
    "ride": ("route_rideshare", "FIN20-F2"),
    "food": ("route_living_costs", "FIN20-F2"),
    "fuel": ("route_fuel", "FIN20-F1"),
    "ads": ("classified_ad_payment", "FIN20-F7;FIN20-F6"),
    "prepaid": ("prepaid_purchase", "FIN20-F5"),
    "kiosk": ("crypto_kiosk_purchase", "FIN20-F8;FIN20-F5"),
    "payproc": ("processor_masked_credit", "FIN20-F9"),
    "struct": ("structuring_cash_deposit", "FIN20-F10;STRUCTURING"),
    "struct_out": ("structuring_proceeds_transfer", "STRUCTURING"),
    "funnel_in": ("funnel_cash_deposit", "FUNNEL;FIN20-F1;FIN20-F4"),
    "funnel_out": ("funnel_withdrawal", "FUNNEL"),
    "wire_under": ("wire_just_under_3000", "FIN20-F10;FUNNEL"),
    "cashout": ("exchange_cashout", "FIN20-F8"),
    "spa_cash": ("front_cash_deposit", "FRONT;FIN20-F3;FIN20-F4"),
    "spa_cash_night": ("front_after_hours_cash_deposit", "FRONT;FIN20-F3;FIN20-F4"),
    "spa_batch": ("front_card_settlement", "FRONT"),
    "spa_rent": ("front_residential_rent", "FRONT;FIN14-RESIDENTIAL-RENT"),
    "spa_hotel": ("front_hotel_payment", "FRONT;FIN14-HOTELS;FIN20-F2"),
    "draw": ("owner_draw_to_controller", "FRONT"),
    "ctrl_deposit": ("controlled_account_deposit", "CONTROLLED;FIN20-F1;FIN20-F4"),
    "sweep": ("controlled_account_sweep", "CONTROLLED"),
    "payroll": ("sub_minimum_payroll", "EXPLOITATIVE-EMPLOYMENT"),
    "wage_return": ("wage_return", "EXPLOITATIVE-EMPLOYMENT;FIN14-WAGE-RETURN"),
    "debt": ("coerced_debt_repayment", "EXPLOITATIVE-EMPLOYMENT;FIN14-WAGE-RETURN;COERCED-DEBT"),
    "fee": ("recruitment_fee", "EXPLOITATIVE-EMPLOYMENT;FIN14-RECRUIT-FEE"),
    "network": ("transfer_between_controllers", "NETWORK"),
    "house": ("worker_housing_rent", "EXPLOITATIVE-EMPLOYMENT;FIN14-SHARED-ADDRESS"),
}


class Planted:
    def __init__(self, bank: Bank):
        self.bank = bank
        self.rng = bank.rng
        self.world = bank.world
        self.cust: dict[str, Customer] = {}
        self.acc: dict[str, str] = {}
        self.onboard: dict[str, int] = {}
        self.worker_start: dict[str, int] = {}  # worker key -> day their account was opened
        # customer_id -> business days on which they brought structured cash to a teller
        self.struct_days: dict[str, set[int]] = {}
        self.active: dict[int, list[str]] = {}  # day -> people exploited travelling that day

    # ----- cast -----------------------------------------------------------------------
    def person(self, key: str, occupation: str, income: int, address: str,
               onboard_day: int | None = None, device: str | None = None,
               risk: str = "low", branch: str | None = None) -> Customer:
        bank, p = self.bank, self.world.people[key]
        if onboard_day is None:
            onboard = bank.draw_onboard(0.0, earliest=adult_from(p.dob.year))
        else:
            onboard = (clock.fmt_date(onboard_day), onboard_day)
        cust = bank.person(p.home, occupation, address, (20, 50), archetype=key, income=income,
                           onboard=onboard, phone=p.phone, email=p.email,
                           name=(p.first, p.last), birth_year=p.dob.year, risk=risk,
                           sex=p.sex)
        self.cust[key] = cust
        self.onboard[key] = onboard[1]
        fixed = self.world.fixed_ids["ctrl_b_account"] if key == "ctrl_b" else None
        self.acc[key] = bank.open_checking(cust, device or p.device, branch_city=branch,
                                           fixed_id=fixed)
        return cust

    def cast(self) -> None:
        bank, w, rng = self.bank, self.world, self.rng
        self.person("ctrl_a", "event promoter (self-employed)", 320000,
                    bank.add_address("WIC", "apartment"))
        self.person("ctrl_b", "business owner", 650000, bank.add_address("DAL", "residential"),
                    risk="medium")
        self.person("ctrl_c", "business owner", 600000, bank.add_address("KCM", "residential"))
        apartment = bank.add_address("WIC", "apartment")
        motel = bank.add_address("WIC", "motel")
        device_a = w.people["ctrl_a"].device
        for i in range(1, 7):
            day = clock.business_day(int(rng.integers(3, 40)))
            self.person(f"exploited_{i}", ("hospitality worker", "unemployed", "student")[i % 3],
                        int(rng.integers(8, 15)) * 10000, apartment if i <= 4 else motel,
                        onboard_day=day, device=device_a, branch="WIC")
        house = bank.add_address("KCM", "residential")
        device_c = w.people["ctrl_c"].device
        for i in range(1, 11):
            day = clock.business_day((8 if i <= 5 else 44) + int(rng.integers(0, 2)))
            self.person(f"worker_{i}", "janitor", 220000, house, onboard_day=day,
                        device=device_c, branch="KCM")
            self.worker_start[f"worker_{i}"] = day
        for i, occupation in ((1, "hospitality worker"), (2, "unemployed")):
            runner = bank.person("WIC", occupation, bank.add_address("WIC", "apartment"),
                                 (21, 38), archetype=f"runner_{i}", new_share=0.0)
            self.cust[f"runner_{i}"] = runner
            self.acc[f"runner_{i}"] = bank.open_checking(runner, device_id(rng))
        spa, cleaning = w.businesses["spa"], w.businesses["cleaning"]
        self.cust["spa"] = bank.business(
            "Massage and day spa", spa.city, "spa", name=spa.name, phone=spa.phone,
            email=spa.email, revenue=180_000, employees=6, hours="10:00-20:00", risk="medium",
            onboard=("2023-05-16", -596))
        self.acc["spa"] = bank.add_account(
            [(self.cust["spa"], "owner", None),
             (self.cust["ctrl_b"], "beneficial_owner", w.people["ctrl_b"].device),
             (self.cust["ctrl_a"], "authorized_signer", device_a)],
            "business_checking", "2023-05-16")
        self.cust["cleaning"] = bank.business(
            "Janitorial services", cleaning.city, "cleaning", name=cleaning.name,
            phone=cleaning.phone, email=cleaning.email, revenue=400_000, employees=12,
            hours="07:00-17:00", onboard=("2022-09-02", -851))
        self.acc["cleaning"] = bank.add_account(
            [(self.cust["cleaning"], "owner", None), (self.cust["ctrl_c"], "owner", device_c)],
            "business_checking", "2022-09-02")
        bank.checking[self.cust["spa"].customer_id] = self.acc["spa"]
        bank.checking[self.cust["cleaning"].customer_id] = self.acc["cleaning"]

    # ----- controller A and the route --------------------------------------------------
    def route(self) -> None:
        bank, rng, a = self.bank, self.rng, self.acc["ctrl_a"]
        previous = None
        for stay in self.world.route:
            city, nights = stay.city, stay.end - stay.start + 1
            travellers = [f"exploited_{i}" for i in range(1, 7) if rng.random() < 0.6]
            travellers = travellers or ["exploited_1"]
            for d in range(stay.start, stay.end + 1):
                self.active[d] = travellers
            if previous and previous != city:
                bank.card(a, bank.at_hours(stay.start, 8, 12), previous, "fuel",
                          int(float(rng.uniform(40, 75)) * 100), truth=T["fuel"])
            rooms = 1 + (len(travellers) + 1) // 2
            rate = float(rng.uniform(55, 95))
            for _ in range(rooms):
                bank.card(a, bank.at_hours(stay.start, 15, 23.5), city, "hotel",
                          int(nights * rate * float(rng.normal(1, 0.05)) * 100), truth=T["hotel"])
            for d in range(stay.start, stay.end + 1):
                for _ in range(int(rng.integers(1, 4))):
                    bank.card(a, bank.at(d, P_LATE if rng.random() < 0.5 else P_NIGHT), city,
                              "rideshare", int(float(rng.lognormal(2.8, 0.45)) * 100),
                              truth=T["ride"])
                for _ in range(int(rng.integers(1, 3))):
                    bank.card(a, bank.at(d, P_LATE), city, "fast_food",
                              int(float(rng.lognormal(3.0, 0.4)) * 100), truth=T["food"])
                if rng.random() < 0.2:
                    bank.card(a, bank.at(d, P_NIGHT), city, ("pharmacy", "clothing", "grocery")[
                        int(rng.integers(3))], int(float(rng.lognormal(3.6, 0.5)) * 100),
                        truth=T["food"])
                if rng.random() < 0.35:
                    bank.tx_row(a, bank.at(d, P_NIGHT), "credit",
                                int(float(rng.uniform(80, 400)) * 100), "p2p",
                                cp_name=f"PAYPROC*{bank.ids.one('P')[2:7]}", cp_country="US",
                                memo="PAYMENT", truth=T["payproc"])
            previous = city

    def ads_and_crypto(self) -> None:
        bank, rng, a = self.bank, self.rng, self.acc["ctrl_a"]
        zone = CITIES["WIC"].zone
        for listing in self.world.listings:
            if listing.buyer == "network" and listing.paid_with == "card":
                local = clock.utc_to_local(zone, listing.posted_utc) - int(rng.integers(60, 400))
                bank.online(a, local, "classifieds", listing.usd_cents, truth=T["ads"],
                            memo=f"LISTING {listing.city}")
        for event in self.world.kiosk:
            local = int(event.note.split("=")[1])
            day = local // clock.DAY
            for _ in range(2):
                bank.card(a, bank.at_hours(max(day - 1, 0), 10, 21), self.world.city_on(day - 1),
                          "prepaid", int(event.usd_cents * float(rng.uniform(0.45, 0.55))),
                          truth=T["prepaid"], channel="prepaid")
            pool = bank.local_merchants[(event.city, "kiosk")]
            mid, name, mcc = pool[0]
            bank.tx_row(a, local, "debit", event.usd_cents, "crypto", city=event.city, mcc=mcc,
                        merchant=mid, cp_name=name.upper(), truth=T["kiosk"])
        for week in range(26):
            if rng.random() < 0.5:
                d = week * 7 + int(rng.integers(0, 7))
                bank.card(a, bank.at_hours(d, 10, 22), self.world.city_on(d), "prepaid",
                          int(rng.choice((200, 300, 500))) * 100, truth=T["prepaid"],
                          channel="prepaid")

    def structuring(self) -> None:
        """Four bursts of cash deposits just under $10,000 into controller A's account.

        The Currency Transaction Report adds up the cash of one business day by or for one
        person (31 CFR 1010.313), so each business day of a burst holds one deposit (a
        second would take the day over $10,000) and nobody conducts a second one that day;
        the bursts run over 3-5 consecutive business days, each deposit at another branch,
        made in turn by the controller and the two runners. The teller records a depositor
        who is not on the account (a staff note naming the runner)."""
        bank, rng, a = self.bank, self.rng, self.acc["ctrl_a"]
        conductors = [self.cust[k] for k in ("ctrl_a", "runner_1", "runner_2")]
        visits: dict[str, int] = {}  # branch -> structured deposits made there so far
        for start in sorted(int(x) for x in rng.choice(np.arange(10, 165, 16), 4, replace=False)):
            days, d = [], clock.business_day(start)
            for _ in range(int(rng.integers(3, 6))):
                days.append(d)
                d = clock.business_day(d + 1)
            order = [int(x) for x in rng.permutation(len(conductors))]
            used: set[str] = set()
            total = 0
            for k, day in enumerate(days):
                # another branch every day: in town, else in a town next along the road
                city = self.world.city_on(day)
                towns = [city] + [c for c in neighbours(city) if c != city]
                fresh = [(t, b) for t in towns for b in bank.branches[t] if b not in used]
                if not fresh:
                    fresh = [(city, b) for b in bank.branches[city]]
                # a branch not yet used by any burst, in the nearest town that has one; else
                # the branch of this town used least so far
                unseen = [x for x in fresh if x[1] not in visits]
                if unseen:
                    near = [x for x in unseen if x[0] == unseen[0][0]]
                else:
                    near = [x for x in fresh if x[0] == fresh[0][0]]
                    fewest = min(visits[b] for _, b in near)
                    near = [x for x in near if visits[x[1]] == fewest]
                city, branch = near[int(rng.integers(len(near)))]
                used.add(branch)
                visits[branch] = visits.get(branch, 0) + 1
                cents = int(rng.integers(81, 100)) * 10000 - int(rng.integers(0, 10)) * 1000
                local = bank.at_hours(day, 9.5, 16.5)
                if not bank.teller(a, local, city, cents, truth=T["struct"], branch=branch):
                    continue
                total += cents
                who = conductors[order[k % len(order)]]
                self.struct_days.setdefault(who.customer_id, set()).add(day)
                if who is not conductors[0]:
                    bank.interaction(
                        local, city, conductors[0], a, "cash_deposit",
                        f"Cash deposit of ${cents / 100:,.2f} by a person who is not on the "
                        "account; the depositor is a customer of the bank, showed ID and was "
                        "recorded as the person conducting the deposit.",
                        third_party=who, codes="FIN20-F10", branch=branch)
            if total:  # too much for a P2P transfer: an ACH transfer the next business day
                bank.transfer(a, self.acc["ctrl_b"],
                              bank.posting_time(clock.next_business_day(days[-1])),
                              int(total * float(rng.uniform(0.6, 0.8)) // 100 * 100), "ach",
                              memo="loan repayment", truth=T["struct_out"])
        bank.interaction(bank.branch_time(self.world.route[2].start, 10, 15), "WIC",
                         self.cust["ctrl_a"], a, "inquiry",
                         "Customer asked how much cash could be deposited before a report is "
                         "filed and whether deposits on different days are added together.",
                         codes="FIN20-F10")

    # ----- controller B: funnel and cash-out -------------------------------------------
    def funnel(self) -> None:
        bank, rng, b = self.bank, self.rng, self.acc["ctrl_b"]
        cities = ["WIC", "OKC", "KCM", "TOP", "SLN", "EMP", "DSM", "DEN"]
        pending = 0
        beneficiary = f"{self.world.people['ctrl_b'].last.upper()} TRADING LTD"
        for week in range(26):
            for _ in range(int(rng.integers(2, 5))):
                city = cities[int(rng.integers(len(cities)))]
                cents = int(rng.integers(70, 300)) * 1000
                local = bank.branch_time(bank.business_day_of_week(week), 9.5, 16.5)
                branch = bank.branches[city][int(rng.integers(len(bank.branches[city])))]
                if bank.teller(b, local, city, cents, truth=T["funnel_in"], branch=branch):
                    pending += cents
                    if rng.random() < 0.08:
                        bank.interaction(local, city, self.cust["ctrl_b"], b,
                                         "cash_deposit", "Cash deposit made by a person who is "
                                         "not on the account. Depositor did not know the account "
                                         "holder's address and left quickly.", present=True,
                                         codes="FUNNEL", branch=branch)
            d = clock.business_day(week * 7 + int(rng.integers(2, 7)))
            if pending and rng.random() < 0.3:
                cents = int(rng.integers(270, 300)) * 1000 - int(rng.integers(0, 9)) * 100
                bank.ach(b, bank.at_hours(d, 10, 15), "debit", cents, beneficiary,
                         memo="INVOICE", cp_country="XB", channel="wire", truth=T["wire_under"])
                pending -= cents
            if pending > 0:
                cents = max(pending * int(rng.integers(85, 101)) // 100 // 1000 * 1000, 1000)
                bank.teller(b, bank.branch_time(d, 10, 16), "DAL", cents, "debit",
                            truth=T["funnel_out"])
                pending = 0
        for cashout in self.world.cashouts:
            local = clock.utc_to_local(CITIES["DAL"].zone, cashout.withdraw_utc)
            bank.ach(b, local, "credit", cashout.withdraw_usd_cents, EXCHANGE.upper(),
                     memo="WITHDRAWAL", truth=T["cashout"])
        bank.bills(self.cust["ctrl_b"], b)
        bank.spending(self.cust["ctrl_b"], b, scale=1.3)

    # ----- the front -----------------------------------------------------------------
    def front(self) -> None:
        bank, rng, s = self.bank, self.rng, self.acc["spa"]
        for d in range(clock.N_DAYS):
            # the day's card sales, settled by ACH on the next business day like any merchant's
            bank.ach(s, bank.posting_time(clock.next_business_day(d)), "credit",
                     int(float(rng.lognormal(6.3, 0.35)) * 100), "CARD SETTLEMENT EXPAY",
                     memo="BATCH", truth=T["spa_batch"])
            if rng.random() < 0.7:
                # cash paid into an ATM long after the declared closing time (20:00), or in
                # the morning at a teller on a business day
                cents = int(rng.integers(120, 380)) * 1000
                if rng.random() < 0.6 or not clock.is_business_day(d):
                    bank.atm(s, bank.at_hours(d, 22, 25), "WIC", cents, "credit",
                             truth=T["spa_cash_night"])
                else:
                    bank.teller(s, bank.branch_time(d, 10, 12), "WIC", cents,
                                truth=T["spa_cash"])
        landlords = [f"{bank.landlords[i].upper()}" for i in (0, 7, 13)]
        for m in clock.month_starts():
            bank.ach(s, bank.at_hours(m, 1, 7), "debit", 240000, landlords[0], memo="LEASE")
            for unit, landlord in zip(("UNIT 12", "UNIT 4B"), landlords[1:], strict=True):
                bank.ach(s, bank.at_hours(m + int(rng.integers(0, 3)), 1, 7), "debit",
                         int(rng.integers(95, 125)) * 1000, landlord, memo=f"RENT {unit}",
                         truth=T["spa_rent"])
            bank.ach(s, bank.at_hours(m + 12, 1, 7), "debit", int(float(rng.uniform(250, 420))
                     * 100), "WICHITA UTILITIES", memo="AUTOPAY")
            bank.card(s, bank.at(m + int(rng.integers(3, 20))), "WIC", "home",
                      int(float(rng.uniform(80, 260)) * 100))
        for week in range(26):
            d = week * 7 + int(rng.integers(0, 7))
            bank.card(s, bank.at_hours(d, 14, 23), self.world.city_on(d), "hotel",
                      int(float(rng.uniform(120, 320)) * 100), truth=T["spa_hotel"])
            bank.transfer(s, self.acc["ctrl_b"], bank.posting_time(d),
                          int(rng.integers(20, 55)) * 10000, "ach", memo="OWNER DRAW",
                          truth=T["draw"])

    # ----- controlled accounts ---------------------------------------------------------
    def controlled(self) -> None:
        bank, rng, a = self.bank, self.rng, self.acc["ctrl_a"]
        for d in range(clock.N_DAYS):
            city = self.world.city_on(d)
            for key in self.active.get(d, []):
                acc = self.acc[key]
                if d < self.onboard[key]:
                    continue
                if rng.random() < 0.55:
                    total = 0
                    for _ in range(int(rng.integers(1, 3))):
                        cents = int(rng.integers(20, 90)) * 1000
                        if rng.random() < 0.5 and clock.is_business_day(d):
                            ok = bank.teller(acc, bank.branch_time(d, 10, 17), city, cents,
                                             truth=T["ctrl_deposit"])
                        else:
                            ok = bank.atm(acc, bank.at_hours(d, 11, 21), city, cents, "credit",
                                          truth=T["ctrl_deposit"])
                        total += cents if ok else 0
                    if total:
                        bank.transfer(acc, a, bank.at_hours(d, 21, 23.5),
                                      int(total * float(rng.uniform(0.85, 1.0)) // 100 * 100),
                                      "p2p", memo=("rent", "phone", "room", "")[
                                          int(rng.integers(4))] or None, truth=T["sweep"])
                if rng.random() < 0.15:
                    bank.card(acc, bank.at(d), city, ("pharmacy", "fast_food", "clothing")[
                        int(rng.integers(3))], int(float(rng.lognormal(2.8, 0.5)) * 100))

    # ----- exploitative employment --------------------------------------------------------
    def employment(self) -> None:
        bank, rng, k, c = self.bank, self.rng, self.acc["cleaning"], self.acc["ctrl_c"]
        clients = ["OFFICE PARK", "MEDICAL CENTER", "SCHOOL DISTRICT", "HOTEL"]
        clients = [f"{bank.landlords[int(rng.integers(len(bank.landlords)))].split()[0].upper()} "
                   f"{x}" for x in clients]
        for week in range(26):
            for client in clients:
                if rng.random() < 0.5:
                    bank.ach(k, bank.at_hours(week * 7 + int(rng.integers(0, 5)), 2, 7), "credit",
                             int(float(rng.uniform(2500, 6500)) * 100), client,
                             memo="INVOICE PAYMENT")
        # net pay of $600-720 a fortnight: at least the federal minimum for 80 hours before
        # anything is taken back, so the lesson of FR-1 is the taking back
        staff = [(self.acc[f"worker_{i}"], int(rng.integers(600, 721)) * 100) for i in range(1, 11)]
        start_day = {self.acc[key]: day + 7 for key, day in self.worker_start.items()}
        bank.payroll(self.cust["cleaning"], k, {
            "staff": staff, "start_day": start_day, "wage": 0, "tax_rate": 0.04,
            "payroll_truth": T["payroll"]})
        self._wage_returns(staff, start_day)
        for m in clock.month_starts():
            bank.ach(k, bank.at_hours(m, 1, 7), "debit", 180000,
                     bank.landlords[3].upper(), memo="RENT HOUSE", truth=T["house"])
            bank.transfer(k, c, bank.posting_time(m + int(rng.integers(3, 9))),
                          int(rng.integers(30, 60)) * 10000, "ach", memo="OWNER DRAW")
            bank.transfer(c, self.acc["ctrl_b"], bank.at_hours(m + 10, 9, 17),
                          int(rng.integers(10, 20)) * 10000, "p2p", memo="management fee",
                          truth=T["network"])
        for week in range(26):
            bank.card(k, bank.at(week * 7 + 2), "KCM", "home",
                      int(float(rng.uniform(60, 240)) * 100))
        bank.bills(self.cust["ctrl_c"], c)
        bank.spending(self.cust["ctrl_c"], c)

    def _wage_returns(self, staff, start_day) -> None:
        """Most of each pay cheque goes back to controller C within hours; fees up front."""
        bank, rng, c = self.bank, self.rng, self.acc["ctrl_c"]
        pay_rows = {}
        for row in bank.tx:
            if row[TX_ACCOUNT] in start_day and row[TX_DIRECTION] == "credit" \
                    and row[TX_MEMO] == "PAYROLL":
                pay_rows.setdefault(row[TX_ACCOUNT], []).append(row)
        for acc, rows in pay_rows.items():
            # the same "rent" and "loan repayment" out of every pay cheque, whatever it is
            rent = int(rng.integers(20, 27)) * 1000
            installment = int(rng.integers(15, 21)) * 1000
            for row in rows:
                local = clock.parse_local(row[TX_TIME])
                back = local + int(rng.integers(2, 14)) * clock.HOUR
                bank.transfer(acc, c, back, rent, "p2p", memo="rent", truth=T["wage_return"])
                bank.transfer(acc, c, back + int(rng.integers(1, 30)) * 60, installment, "p2p",
                              memo="loan repayment", truth=T["debt"])
                if rng.random() < 0.4:
                    bank.atm(acc, local + int(rng.integers(20, 60)) * clock.HOUR, "KCM",
                             int(rng.integers(2, 7)) * 1000)
            first = start_day[acc] - 7
            # fees out of the first two pay cheques
            for row in sorted(rows, key=lambda r: r[TX_TIME])[:2]:
                local = clock.parse_local(row[TX_TIME])
                bank.transfer(acc, c, local + clock.DAY + int(rng.integers(10, 20)) * clock.HOUR,
                              int(rng.integers(12, 21)) * 1000, "p2p",
                              memo=("processing fee", "visa fee", "uniform")[int(rng.integers(3))],
                              truth=T["fee"])
            for _ in range(int(rng.poisson(10))):
                d = int(rng.integers(first, clock.N_DAYS))
                bank.card(acc, bank.at(d), "KCM", ("grocery", "fast_food")[int(rng.integers(2))],
                          int(float(rng.lognormal(2.7, 0.5)) * 100))

    # ----- ordinary cover for the controllers -----------------------------------------
    def cover(self) -> None:
        bank = self.bank
        a = self.acc["ctrl_a"]
        bank.bills(self.cust["ctrl_a"], a)
        bank.spending(self.cust["ctrl_a"], a, where=self.world.city_on, scale=0.5)
        for key in ("runner_1", "runner_2"):  # they travel with the crew
            runner, acc = self.cust[key], self.acc[key]
            # their own cash (tips) never goes in on a day they bring structured cash
            bank.income(runner, acc, avoid=frozenset(self.struct_days.get(runner.customer_id,
                                                                          ())))
            bank.bills(runner, acc)
            bank.spending(runner, acc, where=self.world.city_on, scale=0.6)


# key -> (role, typologies, indicator codes) in the ground truth (bank_entities.csv)
ROLES: dict[str, tuple[str, str, str]] = {
    "ctrl_a": ("controller", "controller;structuring;out_of_profile_spend;alternative_payments",
               "FIN20-F1;FIN20-F2;FIN20-F5;FIN20-F6;FIN20-F7;FIN20-F8;FIN20-F9;FIN20-F10"),
    "ctrl_b": ("controller", "funnel_account;front_business",
               "FUNNEL;FIN20-F1;FIN20-F8;FIN20-F10"),
    "ctrl_c": ("controller", "exploitative_employment",
               "FIN14-WAGE-RETURN;COERCED-DEBT;FIN20-F6"),
    **{f"runner_{i}": ("associate", "structuring", "FIN20-F10;STRUCTURING") for i in (1, 2)},
    "spa": ("front_business", "front_business",
            "FRONT;FIN20-F3;FIN20-F4;FIN14-NOPAYROLL;FIN14-RESIDENTIAL-RENT;FIN14-HOTELS"),
    "cleaning": ("exploitative_employer", "exploitative_employment",
                 "FIN14-WAGE-RETURN;FIN14-RECRUIT-FEE;FIN14-SHARED-ADDRESS;COERCED-DEBT;"
                 "FIN20-F6"),
    **{f"exploited_{i}": ("person_exploited", "controlled_account",
                          "CONTROLLED;FIN20-F1;FIN20-F4") for i in range(1, 7)},
    **{f"worker_{i}": ("person_exploited", "exploitative_employment",
                       "FIN14-WAGE-RETURN;FIN14-RECRUIT-FEE;FIN14-SHARED-ADDRESS;COERCED-DEBT")
       for i in range(1, 11)},
}


def add_planted(bank: Bank) -> Planted:
    """The planted case's accounts and money, in a fixed order (the order fixes the random
    draws), and the cast's rows of the ground truth."""
    planted = Planted(bank)
    planted.cast()
    planted.route()
    planted.ads_and_crypto()
    planted.structuring()
    planted.funnel()
    planted.front()
    planted.controlled()
    planted.employment()
    planted.cover()
    for key, (role, typologies, codes) in ROLES.items():
        cust = planted.cust[key]
        bank.truth_entities.append(ENTITIES.row(
            customer_id=cust.customer_id, key=key, role=role, typologies=typologies,
            indicator_codes=codes, account_ids=";".join(cust.accounts)))
    return planted
