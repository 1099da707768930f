"""Calendar arithmetic and TIMEX3 rendering: a point at a granularity -> value string and inclusive day range."""

from __future__ import annotations

import calendar as _cal
import datetime as dt

Day = dt.date

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def add_months(d: Day, n: int) -> Day:
    """Same day n months later (clamped to the month's length)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return Day(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def month_end(y: int, m: int) -> Day:
    return Day(y, m, _cal.monthrange(y, m)[1])


def shift(d: Day, unit: str, n: float) -> Day:
    """d moved by n units (unit codes of lexicon.json `units`)."""
    if unit == "D":
        return d + dt.timedelta(days=round(n))
    if unit == "W":
        return d + dt.timedelta(days=round(7 * n))
    if unit == "WE":
        return d + dt.timedelta(days=round(7 * n))
    months = {"M": 1, "Q": 3, "HALF": 6, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}.get(unit)
    if months is None:
        return d
    return add_months(d, round(months * n))


def render(gran: str, d: Day, season: str | None = None) -> tuple[str, Day, Day]:
    """TIMEX3 value and first/last day of the period of granularity `gran` that contains d."""
    if gran == "day":
        return d.isoformat(), d, d
    if gran in ("week", "weekend"):
        iso = d.isocalendar()
        monday = d - dt.timedelta(days=d.weekday())
        if gran == "weekend":
            return f"{iso[0]}-W{iso[1]:02d}-WE", monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return f"{iso[0]}-W{iso[1]:02d}", monday, monday + dt.timedelta(days=6)
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}", Day(d.year, d.month, 1), month_end(d.year, d.month)
    if gran == "quarter":
        q = (d.month - 1) // 3
        return f"{d.year:04d}-Q{q + 1}", Day(d.year, 3 * q + 1, 1), month_end(d.year, 3 * q + 3)
    if gran == "half":
        h = (d.month - 1) // 6
        return f"{d.year:04d}-H{h + 1}", Day(d.year, 6 * h + 1, 1), month_end(d.year, 6 * h + 6)
    if gran == "year":
        return f"{d.year:04d}", Day(d.year, 1, 1), Day(d.year, 12, 31)
    if gran == "decade":
        y0 = d.year // 10 * 10
        return f"{y0 // 10:03d}X", Day(max(y0, 1), 1, 1), Day(y0 + 9, 12, 31)
    if gran == "century":
        y0 = d.year // 100 * 100
        return f"{y0 // 100:02d}XX", Day(max(y0, 1), 1, 1), Day(y0 + 99, 12, 31)
    if gran == "season" and season:
        first, last = SEASON_MONTHS[season]
        end_year = d.year + (1 if last < first else 0)
        return f"{d.year:04d}-{season}", Day(d.year, first, 1), month_end(end_year, last)
    raise ValueError(gran)


UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "WE": "weekend",
    "M": "month",
    "Q": "quarter",
    "HALF": "half",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}


def narrow(first: Day, last: Day, mod: str | None) -> tuple[Day | None, Day | None]:
    """The part of [first, last] that a mod names (START: first third, MID, END: last third; BEFORE...)."""
    if mod in ("START", "MID", "END"):
        span = (last - first).days + 1
        third = max(1, span // 3)
        if mod == "START":
            return first, first + dt.timedelta(days=third - 1)
        if mod == "END":
            return last - dt.timedelta(days=third - 1), last
        return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    if mod == "BEFORE":
        return None, first - dt.timedelta(days=1)
    if mod == "ON_OR_BEFORE":
        return None, last
    if mod == "AFTER":
        return last + dt.timedelta(days=1), None
    if mod == "ON_OR_AFTER":
        return first, None
    return first, last


def weekday_near(ref: Day, weekday: int, direction: int) -> Day:
    """The day of ISO weekday `weekday` relative to ref: -1 the last before, +1 the next after, 0 ref's week."""
    diff = weekday - ref.isoweekday()
    if direction < 0:
        return ref - dt.timedelta(days=(-diff) % 7 or 7)
    if direction > 0:
        return ref + dt.timedelta(days=diff % 7 or 7)
    return ref + dt.timedelta(days=diff)


def safe_day(y: int, m: int, d: int) -> Day | None:
    try:
        return Day(y, m, d)
    except ValueError:
        return None
