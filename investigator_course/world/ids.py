"""Identifiers that are random-looking, unique and fictional by construction.

* Record ids are a short prefix plus eight Crockford base-32 characters drawn from
  the dataset's own random stream, so an id says nothing about the role of what it
  names (no sequence numbers, no role prefixes).
* Phone numbers always use the 555-0100..0199 lines reserved for fiction. That is
  only 100 numbers per area code, so each area code's lines are shuffled once per
  seed and split between the shared case and the datasets: no two datasets can
  hand out the same number by accident, and every deliberate cross-link comes
  from the shared case.
* E-mail and web domains are only example.com/.net/.org or *.test.
* Wallet addresses start with `SYN-` and contain a hyphen, so they are invalid on
  every real network; transaction ids are SHA-256 with a domain-separation tag.
"""

from __future__ import annotations

import hashlib

import numpy as np

from .geo import NEXT_STATES, STATE_CODES, STATE_OF_CODE
from .rng import stream

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U


_PAIRS = [a + b for a in ALPHABET for b in ALPHABET]  # 10 bits at a time


def b32(value: int, width: int) -> str:
    """`width` base-32 digits of value (most significant first)."""
    if width % 2 == 0:
        return "".join(_PAIRS[(value >> (10 * i)) & 1023] for i in range(width // 2 - 1, -1, -1))
    chars = []
    for _ in range(width):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


class IdMaker:
    """Unique random ids such as `CUS-7F3KQ2M9` from one random stream."""

    def __init__(self, rng: np.random.Generator, width: int = 8):
        self.rng = rng
        self.width = width
        self.used: set[str] = set()
        self._buffer: list[int] = []

    def _draw(self) -> int:
        # Drawing in blocks gives the same numbers as one draw at a time, only faster.
        if not self._buffer:
            self._buffer = self.rng.integers(0, 32 ** self.width, size=4096).tolist()[::-1]
        return self._buffer.pop()

    def one(self, prefix: str) -> str:
        while True:
            ident = f"{prefix}-{b32(self._draw(), self.width)}"
            if ident not in self.used:
                self.used.add(ident)
                return ident

    def many(self, prefix: str, n: int) -> list[str]:
        return [self.one(prefix) for _ in range(n)]


OWNER_SHARES = (("shared", 10), ("bank", 40), ("recruitment", 25), ("cases", 25))


def regional_codes(local: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Where a number that is not local comes from, nearest first: the other codes of the
    local codes' states, then the next states' along the route (with no local codes: any
    state of the route)."""
    states = list(dict.fromkeys(STATE_OF_CODE[c] for c in local if c in STATE_OF_CODE))
    if not states:
        return [tuple(c for codes in STATE_CODES.values() for c in codes)]
    nearby = dict.fromkeys(s for st in states for s in NEXT_STATES[st] if s not in states)
    return [tuple(c for st in group for c in STATE_CODES[st]) for group in (states, nearby)]


class PhoneBook:
    """Hands out fictional numbers (NPA-555-01XX) from an owner's share of each area code.

    Its draws come from its own stream per owner, never from the caller's: which number a
    person gets never changes any other value of a dataset.
    """

    def __init__(self, seed: int):
        self._seed = seed
        self._free: dict[str, dict[str, list[int]]] = {owner: {} for owner, _ in OWNER_SHARES}
        self._split: dict[str, dict[str, list[int]]] = {}
        self._draws = {owner: stream(seed, f"phone-draws|{owner}") for owner, _ in OWNER_SHARES}

    def _lines(self, owner: str, code: str) -> list[int]:
        if code not in self._split:
            # One deterministic shuffle per area code, independent of request order.
            rng = stream(self._seed, f"phone-split|{code}")
            lines = [int(x) for x in rng.permutation(100)]
            start, parts = 0, {}
            for name, size in OWNER_SHARES:
                parts[name] = lines[start:start + size]
                start += size
            self._split[code] = parts
        free = self._free[owner]
        if code not in free:
            free[code] = list(self._split[code][owner])
        return free[code]

    def take(self, owner: str, local: tuple[str, ...] = (), local_share: float = 0.8) -> str:
        """A new number for `owner`, usually on one of the `local` area codes.

        The others are numbers people keep when they move within the region: a code of the
        local codes' state, or of the next state along the route when those lines run out;
        never a code from across the country (a Kansas number has a Kansas area code).
        """
        rng = self._draws[owner]
        groups = regional_codes(local)
        if local and rng.random() < local_share:
            groups = [local, *groups]
        for group in groups:
            candidates = [group[int(i)] for i in rng.permutation(len(group))]
            for code in candidates:
                lines = self._lines(owner, code)
                if lines:
                    return f"{code}-555-01{lines.pop():02d}"
        raise RuntimeError("the fictional phone range is exhausted; use a smaller --scale")

    def take_in(self, owner: str, codes: tuple[str, ...]) -> str:
        """A new number for `owner` on the first of `codes` that has a free line (no draw)."""
        for code in codes:
            lines = self._lines(owner, code)
            if lines:
                return f"{code}-555-01{lines.pop():02d}"
        raise RuntimeError(f"no free fictional line left in area codes {codes}")


EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
_EMAIL_RESIDUE = {"shared": 0, "bank": 1, "recruitment": 2, "cases": 3}


def person_email(rng: np.random.Generator, first: str, last: str, owner: str) -> str:
    """first.last<digits>@example.*; the digits' residue keeps owners' addresses apart."""
    number = int(rng.integers(0, 250)) * 4 + _EMAIL_RESIDUE[owner]
    domain = EMAIL_DOMAINS[int(rng.integers(len(EMAIL_DOMAINS)))]
    style = int(rng.integers(3))
    local = (f"{first}.{last}", f"{first[0]}{last}", f"{first}{last[0]}")[style].lower()
    return f"{local}{number}@{domain}"


def device_id(rng: np.random.Generator) -> str:
    return "DEV-" + "".join(f"{int(x):02x}" for x in rng.integers(0, 256, size=6)).upper()


def sha256_hex(tag: bytes, payload: str) -> str:
    return hashlib.sha256(tag + payload.encode("utf-8")).hexdigest()


def wallet_address(seed: int, counter: int) -> str:
    """`SYN-<12 base-32 chars>-<2-char checksum>`: a format no real network accepts.

    The checksum is the first 10 bits of SHA-256 of the body, in base 32, so
    learners can validate an address by hand.
    """
    digest = hashlib.sha256(f"SYN-ADDR|{seed}|{counter}".encode()).digest()
    body = b32(int.from_bytes(digest[:8], "big") >> 4, 12)
    return f"SYN-{body}-{address_checksum(body)}"


def address_checksum(body: str) -> str:
    check = int.from_bytes(hashlib.sha256(body.encode()).digest()[:2], "big") >> 6
    return b32(check, 2)


def txid(payload: str) -> str:
    """Transaction id: SHA-256 of the transaction's content under the tag `SYN-TX|`."""
    return sha256_hex(b"SYN-TX|", payload)
