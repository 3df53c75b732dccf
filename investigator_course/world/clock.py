"""Time in the fictional world: six months of 2025 on US Central and Mountain time.

Bank records use local wall-clock time (what a statement or a teller sees) with an
explicit UTC offset; chain and online records use UTC. Internally a moment is an
integer count of seconds: `local` seconds since 2025-01-01 00:00 wall-clock time in
the place where it happened, or `utc` seconds since 2025-01-01 00:00 UTC.
Daylight saving time starts on 2025-03-09 at 02:00 local (it ends after the window).
"""

from __future__ import annotations

from datetime import date, timedelta

START = date(2025, 1, 1)
N_DAYS = 181  # 2025-01-01 .. 2025-06-30
DAY = 86_400
HOUR = 3_600
DST_START_DAY = (date(2025, 3, 9) - START).days
STANDARD_OFFSET = {"central": -6, "mountain": -7}

_DAY_STRINGS = [(START + timedelta(days=i)).isoformat() for i in range(-400, N_DAYS + 400)]


def day_string(day: int) -> str:
    """ISO date of a day index (0 = 2025-01-01); works a year either side of the window."""
    return _DAY_STRINGS[day + 400]


def weekday(day: int) -> int:
    """Monday = 0 ... Sunday = 6 (2025-01-01 was a Wednesday)."""
    return (day + 2) % 7


# Federal Reserve holidays inside the window: no business day for a bank.
HOLIDAYS = frozenset((date(2025, m, d) - START).days
                     for m, d in ((1, 1), (1, 20), (2, 17), (5, 26), (6, 19)))


def is_business_day(day: int) -> bool:
    """Monday to Friday and not a Federal Reserve holiday."""
    return weekday(day) < 5 and day not in HOLIDAYS


def business_day(day: int) -> int:
    """The business day a bank books a cash transaction of this day to: the day itself,
    or the next business day for a weekend or a holiday (the day whose cash a Currency
    Transaction Report adds up)."""
    while not is_business_day(day):
        day += 1
    return day


def previous_business_day(day: int) -> int:
    """The day itself if it is a business day, else the business day before it (when an
    employer or a benefit agency pays a payday that falls on a weekend or a holiday)."""
    while not is_business_day(day):
        day -= 1
    return day


def next_business_day(day: int) -> int:
    """The first business day after this day (when a card processor settles a day's sales)."""
    return business_day(day + 1)


def business_days(start: int, end: int) -> list[int]:
    """The business days from `start` up to, not including, `end`."""
    return [d for d in range(start, end) if is_business_day(d)]


# The bank's calendar (local time of the branch, or of the account's home branch):
# branches open Monday to Friday 09:00-17:00 (no Saturday hours); ACH posts in the
# early-morning batch; wires go out and come in during the wire room's hours. All three
# only on business days. ATMs, cards and P2P work every day at any hour.
BRANCH_HOURS = (9, 17)
ACH_WINDOW = (1, 7)
WIRE_HOURS = (8, 17)


def within(local: int, hours: tuple[int, int]) -> bool:
    """Is this local moment on a business day and inside `hours` (start included, end not)?"""
    day, second = divmod(local, DAY)
    return is_business_day(day) and hours[0] * HOUR <= second < hours[1] * HOUR


def month_starts() -> list[int]:
    """Day indexes of the first day of each month in the window."""
    return [(date(2025, m, 1) - START).days for m in range(1, 7)]


def _dst(local: int) -> bool:
    return local >= DST_START_DAY * DAY + 2 * HOUR


def normalize_local(local: int) -> int:
    """Move a wall-clock time that never existed (02:00-03:00 on 9 March) an hour on."""
    start = DST_START_DAY * DAY + 2 * HOUR
    return local + HOUR if start <= local < start + HOUR else local


def offset_hours(zone: str, local: int) -> int:
    return STANDARD_OFFSET[zone] + (1 if _dst(local) else 0)


def offset_string(zone: str, local: int) -> str:
    return f"{offset_hours(zone, local):+03d}:00"


def local_to_utc(zone: str, local: int) -> int:
    return local - offset_hours(zone, local) * HOUR


def utc_to_local(zone: str, utc: int) -> int:
    standard = utc + STANDARD_OFFSET[zone] * HOUR
    return standard + HOUR if _dst(standard + HOUR) else standard


def _clock(seconds: int) -> str:
    s = seconds % DAY
    return f"{s // HOUR:02d}:{(s % HOUR) // 60:02d}:{s % 60:02d}"


def fmt_local(local: int) -> str:
    """'2025-03-14 22:41:07' (wall-clock time, no zone; the offset is a separate column)."""
    return f"{day_string(local // DAY)} {_clock(local)}"


def fmt_utc(utc: int) -> str:
    """'2025-03-15T03:41:07Z'."""
    return f"{day_string(utc // DAY)}T{_clock(utc)}Z"


def fmt_date(day: int) -> str:
    return day_string(day)


def parse_local(text: str) -> int:
    """Inverse of fmt_local: '2025-03-14 22:41:07' back to local seconds."""
    day = (date.fromisoformat(text[:10]) - START).days
    hh, mm, ss = (int(x) for x in text[11:].split(":"))
    return day * DAY + hh * HOUR + mm * 60 + ss
