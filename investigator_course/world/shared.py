"""The one fictional case that every dataset draws on.

Built first, from its own random stream, so the datasets agree on the cross-links
the capstone needs: who the controllers and the people they exploit are, their
phones and e-mails, the route of motels along I-35/I-70, the paid ads on the
overseas classified site, the crypto-kiosk purchases and the exchange cash-outs.
Everything here is independent of the datasets' own streams; only the amount of
background (buyers of ads) depends on the scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from . import clock, names
from .geo import CITIES, neighbours
from .ids import IdMaker, PhoneBook, device_id, person_email
from .rng import stream

COIN = 100_000_000  # sat per SYN
NATIONALITIES = ("Arvenia", "Belmora", "Corvath", "Dravenland", "Esteria", "Fenmark",
                 "Galveda", "Hollin")
EXCHANGE = "Exemplar Coin Exchange"
KIOSK = "Exemplar Coin Kiosks"
BANK = "Exemplar Community Bank"


@dataclass
class Person:
    key: str
    role: str  # controller, person_exploited
    first: str
    last: str
    sex: str
    dob: date
    home: str  # city key
    phone: str
    email: str
    device: str
    nationality: str = "United States"
    language: str = "English"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Business:
    key: str
    role: str  # front_business, exploitative_employer, legitimate_staffing
    name: str
    industry: str
    naics: int
    mcc: int
    city: str
    phone: str
    email: str
    website: str
    owner: str | None  # person key


@dataclass
class Stay:
    city: str
    start: int  # first day (index)
    end: int  # last day (inclusive)


@dataclass
class Operation:
    op_id: str
    scenario: str
    phones: list[str]
    email: str | None
    handle: str
    cities: list[str]


@dataclass
class Listing:
    """A paid listing on ClassifiedsB (the overseas classified-ad site)."""
    ad_id: str
    posted_utc: int
    city: str
    usd_cents: int
    price_sat: int
    buyer: str  # "network" or "buyer_<n>"
    paid_with: str  # "coin" or "card"
    op_id: str | None


@dataclass
class CoinEvent:
    kind: str  # kiosk_purchase, income, consolidation, peel, coinjoin, cashout_deposit
    utc: int
    sat: int = 0
    usd_cents: int = 0
    city: str = ""
    note: str = ""


@dataclass
class Cashout:
    deposit_utc: int
    sat: int
    source: str
    sell_usd_cents: int
    withdraw_utc: int
    withdraw_usd_cents: int


@dataclass
class SharedWorld:
    seed: int
    scale: float
    phonebook: PhoneBook
    case_number: str
    route: list[Stay]
    people: dict[str, Person]
    businesses: dict[str, Business]
    ops: dict[str, Operation]
    listings: list[Listing]
    kiosk: list[CoinEvent]
    income: list[CoinEvent]
    plan: dict = field(default_factory=dict)
    fixed_ids: dict[str, str] = field(default_factory=dict)
    cashouts: list[Cashout] = field(default_factory=list)
    usd_per_coin: list[float] = field(default_factory=list)

    def city_on(self, day: int) -> str:
        for stay in self.route:
            if stay.start <= day <= stay.end:
                return stay.city
        return self.route[-1].city

    def usd_to_sat(self, day: int, usd_cents: int) -> int:
        return int(round(usd_cents / 100 / self.usd_per_coin[min(max(day, 0), clock.N_DAYS - 1)]
                         * COIN))

    def sat_to_usd_cents(self, day: int, sat: int) -> int:
        return int(round(sat / COIN * self.usd_per_coin[min(max(day, 0), clock.N_DAYS - 1)]
                         * 100))


def _person(rng, book, key, role, home, age_range, sex=None, nationality="United States",
            language="English") -> Person:
    first, last, sex = names.person(rng, sex)
    age = int(rng.integers(*age_range))
    dob = date(2025 - age, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
    phone = book.take("shared", CITIES[home].area_codes)
    return Person(key, role, first, last, sex, dob, home, phone,
                  person_email(rng, first, last, "shared"), device_id(rng), nationality, language)


def _business(rng, book, key, role, kind_word, industry, naics, mcc, city, owner) -> Business:
    name = names.business(rng, kind_word, "LLC")
    slug = names.slug(name.replace(" LLC", ""))
    return Business(key, role, name, industry, naics, mcc, city,
                    book.take("shared", CITIES[city].area_codes),
                    f"{('info', 'office', 'contact')[int(rng.integers(3))]}@{slug}.test",
                    f"https://{slug}.test", owner)


def build_route(rng: np.random.Generator) -> list[Stay]:
    """Stays of 3-8 days moving along the corridors, with returns to the Wichita base."""
    route, day, city, since_home = [], 0, "WIC", 0
    previous = None
    while day < clock.N_DAYS:
        length = int(rng.integers(5, 10)) if city == "WIC" else int(rng.integers(3, 9))
        route.append(Stay(city, day, min(day + length - 1, clock.N_DAYS - 1)))
        day += length
        since_home = 0 if city == "WIC" else since_home + 1
        if since_home >= 4:
            nxt = "WIC"
        else:
            options = [c for c in neighbours(city) if c != previous] or neighbours(city)
            nxt = options[int(rng.integers(len(options)))]
        previous, city = city, nxt
    return route


def _switch_sex(p: Person) -> None:
    """Give a drawn person the other sex: the first name at the same place in the other
    list, the same e-mail pattern. No new draws, so the shared stream stays as it was."""
    old = p.first
    p.first, p.sex = names.counterpart(old)
    local, at, domain = p.email.partition("@")
    digits = len(local) - len(local.rstrip("0123456789"))
    styles = [(f"{f}.{p.last}", f"{f[0]}{p.last}", f"{f}{p.last[0]}") for f in (old, p.first)]
    style = [s.lower() for s in styles[0]].index(local[:len(local) - digits])
    p.email = styles[1][style].lower() + local[len(local) - digits:] + at + domain


def _cast(rng, book) -> tuple[dict[str, Person], dict[str, Business]]:
    """The cast. Women and men among the controllers (if the draw gives three of one sex,
    controller B changes), and among the people exploited: one of the six people in
    controlled accounts is a young man, and the cleaning crew's sex is drawn."""
    people: dict[str, Person] = {}
    for key, home in (("ctrl_a", "WIC"), ("ctrl_b", "DAL"), ("ctrl_c", "KCM")):
        people[key] = _person(rng, book, key, "controller", home, (28, 46))
    if len({people[k].sex for k in ("ctrl_a", "ctrl_b", "ctrl_c")}) == 1:
        _switch_sex(people["ctrl_b"])
    for i in range(1, 7):
        nat = NATIONALITIES[int(rng.integers(0, 3))] if rng.random() < 0.5 else "United States"
        people[f"exploited_{i}"] = _person(
            rng, book, f"exploited_{i}", "person_exploited", "WIC", (19, 27),
            "M" if i == 5 else "F", nat,
            "English" if nat == "United States" else ("Spanish", "Portuguese", "Romanian")[
                NATIONALITIES.index(nat)])
    for i in range(1, 11):
        nat = NATIONALITIES[int(rng.integers(3, 6))]
        people[f"worker_{i}"] = _person(
            rng, book, f"worker_{i}", "person_exploited", "KCM", (20, 45), None, nat,
            ("Vietnamese", "Tagalog", "Spanish")[NATIONALITIES.index(nat) - 3])
    businesses = {
        "spa": _business(rng, book, "spa", "front_business", "Wellness Spa",
                         "Massage and day spa", 812199, 7298, "WIC", "ctrl_b"),
        "cleaning": _business(rng, book, "cleaning", "exploitative_employer",
                              "Cleaning Services", "Janitorial services", 561720, 7349,
                              "KCM", "ctrl_c"),
        "staffing": _business(rng, book, "staffing", "legitimate_staffing",
                              "Staffing Solutions", "Temporary staffing agency", 561320, 7361,
                              "WIC", None),
    }
    return people, businesses


def _operations(rng, book, people, businesses, route) -> dict[str, Operation]:
    def burners(n, codes):
        return [book.take("shared", codes) for _ in range(n)]

    handle = lambda: f"demo_{names.word(rng).lower()}{int(rng.integers(10, 99))}"  # noqa: E731
    route_cities = []
    for stay in route:
        if stay.city not in route_cities:
            route_cities.append(stay.city)
    op_a_phones = [people["ctrl_a"].phone] + burners(3, ("316", "405", "214", "816"))
    ops = {
        "OP-A": Operation("OP-A", "spa and hostess jobs with travel, app-only contact; "
                          "follows the motel route", op_a_phones,
                          f"{names.word(rng).lower()}.staff{int(rng.integers(10, 99))}"
                          "@example.net", handle(), route_cities),
        "OP-B": Operation("OP-B", "cleaning crew with fee and documents held; passive "
                          "recruitment by message", [people["ctrl_c"].phone] +
                          burners(2, ("816", "913")), businesses["cleaning"].email, handle(),
                          ["KCM", "TOP", "LAW", "WIC"]),
        "OP-C": Operation("OP-C", "overseas customer-service jobs with a visa fee",
                          burners(3, ()), None, handle(),
                          ["DAL", "OKC", "WIC", "KCM", "DEN", "STL", "DSM"]),
        "OP-D": Operation("OP-D", "farm crew with a deposit and passports kept by a "
                          "supervisor", burners(3, ("785", "620")),
                          f"crew.{names.word(rng).lower()}@example.org", handle(),
                          ["SLN", "HAY", "EMP", "TOP"]),
        "OP-E": Operation("OP-E", "fake agency: registration fee, recruits by replying to "
                          "seekers' posts", burners(2, ()),
                          f"{names.word(rng).lower()}.agency@example.com", handle(),
                          ["WIC", "OKC", "KCM"]),
    }
    # the people exploited are reachable on the controller's burners (a shared identifier)
    people["exploited_1"].phone = op_a_phones[1]
    people["exploited_2"].phone = op_a_phones[1]
    people["exploited_3"].phone = op_a_phones[2]
    for i in range(1, 11):
        people[f"worker_{i}"].phone = people["ctrl_c"].phone
    return ops


def _rates(rng) -> list[float]:
    steps = rng.normal(0.0, 0.012, size=clock.N_DAYS)
    return [50_000.0 * float(np.exp(x)) for x in np.cumsum(steps)]


def _local_utc(city: str, day: int, hour_from: int, hour_to: int, rng) -> int:
    local = clock.normalize_local(day * clock.DAY + int(rng.integers(hour_from * 3600,
                                                                      hour_to * 3600)))
    return clock.local_to_utc(CITIES[city].zone, local)


def _listings(rng, world: SharedWorld, ids: IdMaker) -> list[Listing]:
    tiers = (1500, 3000, 6000)
    out: list[Listing] = []
    for stay in world.route:
        # a burst of ads on arrival, sometimes a repost later in the stay
        posts = [stay.start + int(rng.integers(0, 2)) for _ in range(int(rng.integers(1, 3)))]
        if stay.end - stay.start >= 4 and rng.random() < 0.6:
            posts.append(stay.start + int(rng.integers(3, stay.end - stay.start + 1)))
        for day in posts:
            day = min(day, clock.N_DAYS - 1)
            utc = _local_utc(stay.city, day, 9, 23, rng)
            usd = tiers[int(rng.choice(3, p=(0.3, 0.5, 0.2)))]
            paid = "card" if rng.random() < 0.4 else "coin"
            out.append(Listing(ids.one("AD"), utc, stay.city, usd,
                               world.usd_to_sat(utc // clock.DAY, usd), "network", paid, "OP-A"))
    n_buyers = max(6, int(round(40 * world.scale)))
    city_keys = list(CITIES)
    for b in range(n_buyers):
        home = city_keys[int(rng.integers(len(city_keys)))]
        travelling = rng.random() < 0.15  # e.g. a crew employer hiring in many towns
        for _ in range(int(rng.integers(1, 8))):
            day = int(rng.integers(0, clock.N_DAYS))
            city = city_keys[int(rng.integers(len(city_keys)))] if travelling else home
            utc = _local_utc(city, day, 7, 22, rng)
            usd = tiers[int(rng.choice(3, p=(0.5, 0.4, 0.1)))]
            paid = "coin" if rng.random() < 0.85 else "card"
            out.append(Listing(ids.one("AD"), utc, city, usd,
                               world.usd_to_sat(utc // clock.DAY, usd), f"buyer_{b}", paid, None))
    return out


def _coin_plan(rng, world: SharedWorld) -> None:
    """Kiosk purchases, income, consolidations, the peeling chain, CoinJoin and cash-outs."""
    # ctrl_a buys prepaid cards, then Practice Coin at a kiosk the next day (FIN-2020-A008 F5, F8)
    kiosk = []
    for day in sorted(int(d) for d in rng.choice(np.arange(3, 176), size=9, replace=False)):
        city = world.city_on(day)
        local = clock.normalize_local(day * clock.DAY + int(rng.integers(11 * 3600, 21 * 3600)))
        usd = int(rng.integers(3, 10)) * 10000
        sat = world.usd_to_sat(day, int(usd * 0.9))  # kiosk fee about 10%
        kiosk.append(CoinEvent("kiosk_purchase", clock.local_to_utc(CITIES[city].zone, local),
                               sat, usd, city, f"local={local}"))
    world.kiosk = kiosk
    income = []
    for _ in range(70):
        utc = int(rng.integers(1 * clock.DAY, 170 * clock.DAY))
        sat = int(round(800_000 * float(np.exp(rng.normal(0, 0.6))), -3))
        income.append(CoinEvent("income", utc, sat))
    world.income = sorted(income, key=lambda e: e.utc)
    hops = int(rng.integers(8, 13))
    peel_start = 104 * clock.DAY + int(rng.integers(0, 12 * clock.HOUR))
    times, t = [], peel_start
    for _ in range(hops):
        t += int(rng.integers(3 * clock.HOUR, 30 * clock.HOUR))
        times.append(t)
    # what each hop peels off: (destination, sat)
    menu = [("ad_wallet", 2_000_000), ("exchange", 10_000_000), ("coinjoin_premix", 5_005_000),
            ("cold_wallet", 3_000_000), ("exchange", 8_000_000), ("ad_wallet", 2_000_000),
            ("cold_wallet", 2_500_000), ("exchange", 6_000_000), ("cold_wallet", 1_500_000),
            ("exchange", 4_000_000), ("cold_wallet", 1_000_000), ("exchange", 3_000_000)]
    peels = menu[:hops]
    coinjoin_utc = times[2] + int(rng.integers(20 * clock.HOUR, 40 * clock.HOUR))
    postmix_utc = coinjoin_utc + int(rng.integers(2 * clock.DAY, 4 * clock.DAY))
    world.plan = {
        "consolidations": [45 * clock.DAY + int(rng.integers(0, clock.DAY)),
                           peel_start - int(rng.integers(2 * clock.HOUR, 8 * clock.HOUR)),
                           165 * clock.DAY + int(rng.integers(0, clock.DAY))],
        "dust_utc": 20 * clock.DAY + int(rng.integers(0, 5 * clock.DAY)),
        "peel_times": times,
        "peels": peels,
        "coinjoin_denomination": 5_000_000,
        "coinjoin_fee_share": 5_000,
        "coinjoin_utc": coinjoin_utc,
        "postmix_utc": postmix_utc,
        "postmix_fee": 2_000,
    }
    deposits = [(t, sat, f"peel hop {i + 1}") for i, (t, (dest, sat)) in
                enumerate(zip(times, peels, strict=True)) if dest == "exchange"]
    deposits.append((postmix_utc, 5_000_000 - 2_000, "CoinJoin output"))
    cashouts = []
    for utc, sat, source in sorted(deposits):
        day = utc // clock.DAY
        sell = int(world.sat_to_usd_cents(day, sat) * 0.995)
        withdraw_day = min(day + int(rng.integers(1, 3)), clock.N_DAYS - 1)
        withdraw_utc = withdraw_day * clock.DAY + int(rng.integers(14, 22)) * clock.HOUR
        cashouts.append(Cashout(utc, sat, source, sell, withdraw_utc, (sell // 10000) * 10000))
    world.cashouts = cashouts


def build_shared(seed: int, scale: float) -> SharedWorld:
    rng = stream(seed, "shared")
    book = PhoneBook(seed)
    ids = IdMaker(stream(seed, "shared-ids"))
    route = build_route(rng)
    people, businesses = _cast(rng, book)
    ops = _operations(rng, book, people, businesses, route)
    case_number = f"TF-2025-{int(rng.integers(1000, 9999)):04d}"
    world = SharedWorld(seed, scale, book, case_number, route, people, businesses, ops, [],
                        [], [], usd_per_coin=_rates(stream(seed, "shared-rates")))
    world.listings = _listings(stream(seed, "shared-listings"), world, ids)
    # ids that two datasets must agree on (the exchange's KYC names ctrl_b's bank account)
    world.fixed_ids["ctrl_b_account"] = ids.one("ACC")
    world.fixed_ids["exchange_customer"] = f"ECX-{ids.one('X')[2:]}"
    _coin_plan(stream(seed, "shared-coin"), world)
    return world
