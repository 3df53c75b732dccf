"""Prove that every identifier in a generated file is fictional.

The rules (also in "Fictional identifiers" in CONTRIBUTING.md):

* Anything shaped like a North American phone number (also with spaces, dots,
  brackets or digits spelled out) must use the 555-0100..0199 lines reserved for
  fiction.
* E-mail addresses (also written `[at]` / `(dot)`) and web domains must be
  example.com/.net/.org or end in .test.
* Nothing may look like a real Bitcoin, testnet or Ethereum address; every value of
  an `address` column is `SYN-` with a valid checksum.
* Names of well-known real platforms, banks, payment apps and exchanges must not occur.
* A CSV row that gives a phone next to one of the scenario's cities (`city` and `state`
  columns) must use an area code plausible for it: the city's, its state's or the next
  state's along the route. A Dallas customer with a South Carolina number is not.

Cells that are plain numbers (amounts, satoshi values, nonces) are not phone numbers
and are skipped; so are words glued to letters or hyphens (ids and hashes).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .geo import plausible_codes
from .ids import address_checksum

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_WORDS = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)
_SPACED = re.compile(r"(?<=\d)[ ](?=\d\b)|(?<=\b\d)[ ](?=\d)")
PHONE = re.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]{0,3}(\d{3})[\s.-]{0,3}"
                   r"(\d{2})[\s.-]?(\d{2})(?![\w])")
EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\[at\]|\(at\))\s*([\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*"
                   r"[\w-]+)+)", re.I)
SPOKEN_EMAIL = re.compile(r"[\w.+-]+ at ([\w-]+ dot [a-z]{2,})\b", re.I)
URL = re.compile(r"https?://([^/\s\"',)]+)", re.I)
DOMAIN = re.compile(r"(?<![\w@.-])((?:[a-z0-9-]+\.)+(?:com|net|org|io|co|us|info|biz|app|me))"
                    r"\b", re.I)
REAL_WALLET = (re.compile(r"\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b"),
               re.compile(r"\b(?:bc|tb|bcrt)1[02-9ac-hj-np-z]{11,87}\b", re.I),
               re.compile(r"\b0x[0-9a-fA-F]{40}\b"))
SYN_ADDRESS = re.compile(r"^SYN-([0-9A-HJKMNP-TV-Z]{12})-([0-9A-HJKMNP-TV-Z]{2})$")
REAL_NAMES = re.compile(
    r"\b(facebook|instagram|whatsapp|telegram|snapchat|tiktok|craigslist|backpage|"
    r"indeed\.com|linkedin|uber|lyft|paypal|venmo|cash app|zelle|binance|kraken|"
    r"jpmorgan|chase bank|wells fargo|bank of america|citibank|walmart|amazon|google|"
    r"mastercard|western union|moneygram|airbnb|marriott|hilton|motel 6|greyhound)\b", re.I)
ALLOWED_DOMAINS = ("example.com", "example.net", "example.org")
BRANDS = tuple(REAL_NAMES.pattern[3:-3].replace("\\", "").split("|"))


def domain_ok(domain: str) -> bool:
    domain = domain.lower().strip(".")
    return domain in ALLOWED_DOMAINS or domain.endswith(".test") or any(
        domain.endswith("." + d) for d in ALLOWED_DOMAINS)


def _digits_view(text: str) -> str:
    """Spelled-out digits to digits, and single spaces between single digits removed."""
    text = _WORDS.sub(lambda m: str(NUMBER_WORDS.index(m.group(1).lower())), text)
    previous = None
    while previous != text:
        previous, text = text, _SPACED.sub("", text)
    return text


_NEEDS_VIEW = re.compile(r"\b\d \d \d\b|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)


def _plain_number(text: str, m: re.Match) -> bool:
    """A whole CSV cell or line that is only digits is a number, not a phone."""
    before = text[m.start() - 1] if m.start() else "\n"
    after = text[m.end()] if m.end() < len(text) else "\n"
    return m.group(0).isdigit() and before in ",\n" and after in ",\n\r"


def problems_in_text(text: str) -> list[str]:
    """Every problem in a text (a whole file, a line or a cell).

    Cheap substring checks pick the lines worth a slow regular expression, so a
    whole dataset scans in a couple of seconds.
    """
    found = []
    for m in PHONE.finditer(text):
        area, mid, a, b = m.groups()
        if not _plain_number(text, m) and (mid != "555" or not a.startswith("01")):
            found.append(f"phone outside 555-01xx: {area}-{mid}-{a}{b}")
    lower = text.lower()
    lines = text.splitlines()
    if any(w in lower for w in NUMBER_WORDS) or re.search(r"\d \d \d", text):
        for line in lines:
            if _NEEDS_VIEW.search(line):
                for area, mid, a, b in PHONE.findall(_digits_view(line)):
                    if mid != "555" or not a.startswith("01"):
                        found.append(f"phone outside 555-01xx: {area}-{mid}-{a}{b}")
    for line in lines:
        low = line.lower()
        if "@" in low or "[at]" in low or "(at)" in low:
            for domain in EMAIL.findall(line):
                clean = re.sub(r"\s*(?:\(dot\)|\[dot\])\s*", ".", domain, flags=re.I)
                if not domain_ok(clean.replace(" ", "")):
                    found.append(f"e-mail domain not fictional: {clean.replace(' ', '')}")
        if " dot " in low:
            for domain in SPOKEN_EMAIL.findall(line):
                clean = domain.lower().replace(" dot ", ".")
                if not domain_ok(clean):
                    found.append(f"e-mail domain not fictional: {clean}")
    for domain in URL.findall(text) + DOMAIN.findall(text):
        if not domain_ok(domain):
            found.append(f"web domain not fictional: {domain}")
    for pattern in REAL_WALLET:
        for match in pattern.findall(text):
            found.append(f"looks like a real wallet address: {match}")
    if any(name in lower for name in BRANDS):
        found += [f"real brand name: {m}" for m in REAL_NAMES.findall(text)]
    return found


def valid_syn_address(value: str) -> bool:
    m = SYN_ADDRESS.match(value)
    return bool(m) and address_checksum(m.group(1)) == m.group(2)


def area_code_problems(header: list[str], rows, name: str) -> list[str]:
    """Rows whose `phone` has an area code implausible for the row's `city`, `state`: not
    the city's, its state's or a neighbouring state's ("Fictional identifiers" in
    CONTRIBUTING.md)."""
    if not {"phone", "city", "state"} <= set(header):
        return []
    phone, city, state = (header.index(c) for c in ("phone", "city", "state"))
    problems = []
    for n, row in enumerate(rows, start=2):
        codes = plausible_codes(row[city], row[state])
        area = re.sub(r"\D", "", row[phone])[:3]
        if codes and row[phone] and area not in codes:
            problems.append(f"{name}:{n}: phone {row[phone]} does not fit {row[city]}, "
                            f"{row[state]} (area codes {', '.join(codes)})")
    return problems


def scan_file(path: Path) -> list[str]:
    """Problems in one file: the whole text, plus every wallet-address cell of a CSV."""
    text = path.read_text(encoding="utf-8")
    problems = [f"{path.name}: {p}" for p in problems_in_text(text)]
    if path.suffix == ".csv":
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        rows = list(reader)
        columns = [i for i, c in enumerate(header) if c in ("address", "deposit_addresses")]
        if columns:
            for n, row in enumerate(rows, start=2):
                for i in columns:
                    for value in row[i].split(";"):
                        if value and not valid_syn_address(value):
                            problems.append(f"{path.name}:{n}: invalid SYN address {value}")
        problems += area_code_problems(header, rows, path.name)
    return problems


def scan_folder(folder: Path) -> list[str]:
    problems = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            problems += [f"{path.parent.name}/{p}" for p in scan_file(path)]
    return problems
