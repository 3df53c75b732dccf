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


def all_area_codes() -> list[str]:
    """Every NANP-shaped area code we may use (any code is fine with 555-01xx lines).

    Skips N11 service codes, 555, toll-free and premium codes, and the N9X/37X/96X
    blocks reserved for expansion, so the numbers still look ordinary.
    """
    toll = {"800", "822", "833", "844", "855", "866", "877", "888", "900", "555"}
    codes = []
    for a in range(2, 10):
        for b in range(0, 9):
            for c in range(10):
                code = f"{a}{b}{c}"
                if code[1:] == "11" or code in toll or code[:2] == "37" or code[:2] == "96":
                    continue
                codes.append(code)
    return codes


def city_keys() -> list[str]:
    return list(CITIES)
