"""Invented names for people, businesses and streets.

First names come from a short list of common given names; surnames, business and
street names are built from syllables, so a full name is a random combination and
never a real person's name on purpose (see "Fictional identifiers" in CONTRIBUTING.md).
"""

from __future__ import annotations

import numpy as np

FIRST_F = (
    "Maria", "Ana", "Emily", "Sarah", "Jessica", "Ashley", "Laura", "Rosa", "Linh", "Mai",
    "Grace", "Olivia", "Sofia", "Elena", "Daniela", "Fatima", "Amina", "Priya", "Nadia",
    "Irina", "Hannah", "Rachel", "Megan", "Brianna", "Kayla", "Tiana", "Monica", "Carmen",
    "Lucia", "Joy", "Esther", "Ruth", "Karen", "Diana", "Julia", "Chloe", "Ava", "Mia",
    "Zoe", "Lily", "Naomi", "Leah", "Alicia", "Paula", "Teresa", "Yasmin", "Hana", "Nora",
)
FIRST_M = (
    "James", "John", "Robert", "David", "Daniel", "Jose", "Luis", "Carlos", "Miguel", "Juan",
    "Kevin", "Brian", "Jason", "Eric", "Tyler", "Marcus", "Andre", "Samuel", "Ahmed",
    "Omar", "Ivan", "Nikolai", "Minh", "Tuan", "Joseph", "Thomas", "Mark", "Paul", "Steven",
    "Adam", "Ryan", "Jacob", "Ethan", "Noah", "Aaron", "Victor", "Hector", "Rafael", "Kofi",
    "Emeka", "Raj", "Arjun", "Leo", "Felix", "Oscar", "Hugo", "Peter", "Simon",
)
_ONSETS = (
    "Bar", "Bel", "Cal", "Cor", "Dal", "Dor", "Fen", "Gal", "Gor", "Har", "Hol", "Kel", "Kor",
    "Lan", "Lor", "Mar", "Mel", "Mor", "Nal", "Nor", "Pel", "Quen", "Ral", "Ros", "Sal",
    "Sel", "Tam", "Tor", "Val", "Ver", "Wen", "Yar", "Zan", "Brin", "Cren", "Drav", "Fal",
    "Grem", "Tal", "Vorn",
)
_MIDDLES = ("a", "e", "i", "o", "u", "an", "el", "or", "in", "", "", "")
_ENDS = (
    "vik", "dane", "ric", "mont", "sell", "beck", "wyn", "dor", "tan", "ven", "ley", "mar",
    "rin", "ova", "enko", "oza", "ari", "ez", "quist", "stead", "more", "well", "gard", "ard",
)
_STREET_TYPES = ("St", "Ave", "Rd", "Ln", "Dr", "Ct", "Blvd", "Way", "Pl", "Ter")


def surname(rng: np.random.Generator) -> str:
    onset = _ONSETS[int(rng.integers(len(_ONSETS)))]
    middle = _MIDDLES[int(rng.integers(len(_MIDDLES)))]
    end = _ENDS[int(rng.integers(len(_ENDS)))]
    return (onset + middle + end).capitalize()


def person(rng: np.random.Generator, sex: str | None = None) -> tuple[str, str, str]:
    """(first, last, sex) with sex 'F' or 'M'."""
    if sex is None:
        sex = "F" if rng.random() < 0.5 else "M"
    pool = FIRST_F if sex == "F" else FIRST_M
    return pool[int(rng.integers(len(pool)))], surname(rng), sex


def counterpart(first: str) -> tuple[str, str]:
    """(first name, sex) of the other list's name at the same position: lets the shared
    world change a person's sex after the draw without drawing again."""
    if first in FIRST_F:
        return FIRST_M[FIRST_F.index(first)], "M"
    return FIRST_F[FIRST_M.index(first)], "F"


def word(rng: np.random.Generator) -> str:
    """An invented word for business names and handles.

    Always built from syllables: ordinary words ("Summit", "Prairie") would make
    names that real companies already use.
    """
    return surname(rng)


def business(rng: np.random.Generator, kind_word: str, suffix: str | None = None) -> str:
    if suffix is None:
        suffix = ("LLC", "Inc", "Co", "", "", "")[int(rng.integers(6))]
    name = f"{word(rng)} {kind_word}"
    return f"{name} {suffix}".strip()


def street(rng: np.random.Generator) -> str:
    number = int(rng.integers(100, 9900))
    kind = _STREET_TYPES[int(rng.integers(len(_STREET_TYPES)))]
    return f"{number} {surname(rng)} {kind}"


def slug(name: str) -> str:
    """Lower-case letters and digits joined by hyphens, for invented web domains."""
    out, dash = [], False
    for ch in name.lower():
        if ch.isalnum() and ch.isascii():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")
