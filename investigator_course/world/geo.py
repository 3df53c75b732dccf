"""Cities of the training scenario along I-35 and I-70.

The places are real; everything that happens in them here is invented. The routes
are a training scenario, not a claim about those places ("Fictional identifiers" in
CONTRIBUTING.md).
Area codes are the real ones for each city, but every phone number built on them
uses the 555-0100..0199 range that is reserved for fiction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    key: str
    name: str
    state: str
    zone: str  # "central" or "mountain"
    area_codes: tuple[str, ...]
    weight: float  # relative share of the bank's customers living there


CITIES: dict[str, City] = {c.key: c for c in [
    City("WIC", "Wichita", "KS", "central", ("316",), 5.0),
    City("KCM", "Kansas City", "MO", "central", ("816", "913"), 4.0),
    City("TOP", "Topeka", "KS", "central", ("785",), 2.0),
    City("SLN", "Salina", "KS", "central", ("785",), 1.0),
    City("EMP", "Emporia", "KS", "central", ("620",), 0.6),
    City("LAW", "Lawrence", "KS", "central", ("785",), 1.0),
    City("HAY", "Hays", "KS", "central", ("785",), 0.4),
    City("OKC", "Oklahoma City", "OK", "central", ("405",), 2.0),
    City("DAL", "Dallas", "TX", "central", ("214", "469", "972"), 1.5),
    City("DSM", "Des Moines", "IA", "central", ("515",), 1.0),
    City("STL", "St. Louis", "MO", "central", ("314",), 1.0),
    City("COU", "Columbia", "MO", "central", ("573",), 0.8),
    City("DEN", "Denver", "CO", "mountain", ("303", "720"), 1.2),
]}

# The two corridors in travel order; neighbours along them form the route graph.
I35 = ("DAL", "OKC", "WIC", "EMP", "KCM", "DSM")
I70 = ("DEN", "HAY", "SLN", "TOP", "LAW", "KCM", "COU", "STL")


def neighbours(key: str) -> list[str]:
    """Cities one leg away along either corridor, in a fixed order."""
    found: list[str] = []
    for corridor in (I35, I70):
        if key in corridor:
            i = corridor.index(key)
            for j in (i - 1, i + 1):
                if 0 <= j < len(corridor) and corridor[j] not in found:
                    found.append(corridor[j])
    return found


# Area codes in service in each state of the route; a city's own codes come first. A
# phone number is plausible for a place when its code is one of the place's state's
# (a Kansas number has a Kansas area code), or of the next state along the route.
STATE_CODES = {
    "KS": ("316", "620", "785", "913"),
    "MO": ("816", "314", "417", "573", "660", "636"),
    "OK": ("405", "918", "580", "539"),
    "TX": ("214", "469", "972", "817", "682", "512", "737", "210", "254"),
    "IA": ("515", "319", "563", "641", "712"),
    "CO": ("303", "720", "719", "970"),
}
STATE_OF_CODE = {code: state for state, codes in STATE_CODES.items() for code in codes}

# Where numbers come from when a state's fiction lines run out (only 100 per area code,
# and Kansas has four codes): the next states along the corridors.
NEXT_STATES = {"KS": ("MO", "OK"), "MO": ("KS", "IA"), "OK": ("TX", "KS"), "TX": ("OK",),
               "IA": ("MO",), "CO": ("KS",)}


def home_codes(city: str) -> tuple[str, ...]:
    """The city's area codes, then the other codes of its state, then a neighbour state's."""
    state = CITIES[city].state
    codes = list(CITIES[city].area_codes)
    for st in (state, *NEXT_STATES[state]):
        codes += [c for c in STATE_CODES[st] if c not in codes]
    return tuple(codes)


def plausible_codes(city_name: str, state: str) -> tuple[str, ...]:
    """Area codes a phone of someone living in a city may carry: the city's own, its
    state's, or a next state's along the route (a number kept after a move nearby)."""
    own = next((c.area_codes for c in CITIES.values() if (c.name, c.state) == (city_name, state)),
               ())
    codes = list(own)
    for st in (state, *NEXT_STATES.get(state, ())):
        codes += [c for c in STATE_CODES.get(st, ()) if c not in codes]
    return tuple(codes)


def city_keys() -> list[str]:
    return list(CITIES)
