"""Find absolute calendar dates (with an optional clock time and UTC offset) written in a line of text.

Month names come from babel's CLDR data for the locales listed in resources/clean/date_locales.json, so the finder
reads "12 Mars 2024 09:41 (UTC+02:00)", "Feb 03, 2021", "14 de octubre de 2023", "9. Dezember 2019",
"29 sierpnia 2020" or "04/05/2022" alike. A month name that means different months in two languages (Croatian
"listopad" is October, Polish "listopad" November) is read in the page's language, and dropped otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import babel.dates

from recoupe.clean.resources import load_resource


@dataclass(frozen=True)
class DateMention:
    """One absolute date found in a string: [start, end) offsets, ISO value (day or datetime)."""

    start: int
    end: int
    text: str
    value: str  # YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[+HH:MM]
    day: dt.date
    has_time: bool


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def _config() -> dict:
    return load_resource("date_locales.json")


@lru_cache(maxsize=1)
def _month_tables() -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """(per-language name -> month, union name -> month without cross-language conflicts)."""
    per_lang: dict[str, dict[str, int]] = {}
    union: dict[str, set[int]] = {}
    for loc in _config()["locales"]:
        lang = loc.split("_")[0]
        table = per_lang.setdefault(lang, {})
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                try:
                    names = babel.dates.get_month_names(width, context=context, locale=loc)
                except Exception:  # a locale babel lacks: skip it, the others still work
                    continue
                for num, name in names.items():
                    for form in {name.lower().rstrip("."), _strip_accents(name.lower()).rstrip(".")}:
                        if len(form) < 3 or form.isdigit():
                            continue
                        table[form] = num
                        union.setdefault(form, set()).add(num)
    # abbreviations common in print that CLDR lacks (English "Sept", French "fév.")
    for lang, extra in _config().get("print_abbreviations", {}).items():
        for name, num in extra.items():
            per_lang.setdefault(lang, {})[name] = num
            union.setdefault(name, set()).add(num)
    return per_lang, {k: next(iter(v)) for k, v in union.items() if len(v) == 1}


def month_table(lang: str | None) -> dict[str, int]:
    """Month names (lower case, no trailing dot) to numbers: the page language's first, then the rest."""
    per_lang, union = _month_tables()
    table = dict(union)
    if lang and lang in per_lang:
        table.update(per_lang[lang])
    return table


_DAY = r"(?P<d>[0-3]?\d)(?:er|re|st|nd|rd|th|º|°|\.)?"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
_TIME = (
    r"(?:\s*(?:,|à|a las|às|as|um|at|alle|ore|o|kl\.?|godz\.?|-|–|—|\||/|\bat\b)?\s*"
    r"(?P<H>[0-2]?\d)\s*(?:[:h]|heures?|Uhr|godz)\s*(?P<M>[0-5]\d)?(?!\d)"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?(?:\s*(?:Uhr|h|hs|hrs))?)?"
)
_TZ = r"(?:\s*\(?\s*(?:UTC|GMT)\s*(?P<tz>[+\-−]\s*\d{1,2}(?::?\d{2})?)?\s*\)?)?"


@lru_cache(maxsize=64)
def _patterns(lang: str | None) -> tuple[dict[str, int], list[re.Pattern[str]]]:
    table = month_table(lang)
    names = sorted(table, key=len, reverse=True)
    mon = r"(?P<mon>" + "|".join(re.escape(n) for n in names) + r")\.?"
    sep = r"[\s,.]*(?:de|del|di|of|de\s+la)?[\s,.]*"
    pats = [
        # 12 mars 2024, 14 de octubre de 2021, 9. Dezember 2019
        rf"(?<![\w]){_DAY}\s*(?:de\s+)?{mon}(?!\w){sep}{_YEAR}{_TIME}{_TZ}",
        # Feb 03, 2021 ; November 9th 2022
        rf"(?<![\w]){mon}(?!\w)\s*{_DAY}(?!\d)\s*,?\s*{_YEAR}{_TIME}{_TZ}",
        # 2024-03-12T09:41:00+02:00, 2024-03-12 09:41
        r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::\d\d)?"
        r"(?:\.\d+)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?(?!\d)",
        # 2024/03/12
        r"(?<!\d)(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?!\d)" + _TIME,
        # 12/03/2024, 12.03.2024, 12-03-2024 (month first only for month-first languages when ambiguous)
        r"(?<![\d.])(?P<a>[0-3]?\d)[./-](?P<b>[01]?\d)[./-]" + _YEAR + r"(?!\d)" + _TIME + _TZ,
    ]
    return table, [re.compile(p, re.IGNORECASE) for p in pats]


def _tz(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.replace("−", "-").replace(" ", "")
    if raw.upper() == "Z":
        return "+00:00"
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", raw)
    if not m:
        return None
    return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"


@lru_cache(maxsize=1)
def _digit_table() -> dict[int, int]:
    """Every non-ASCII decimal digit (Bengali, Arabic-Indic, Devanagari...) to its ASCII digit, one char for one."""
    table = {}
    for cp in range(0x0660, 0x10000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = ord("0") + unicodedata.digit(ch)
    return table


_ANY_YEAR = re.compile(r"\d{4}")
_SHORT_YEAR = re.compile(r"(?<![\d./])(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<yy>\d{2})(?![\d./])" + _TIME)


def find_short_year(text: str, lang: str | None = None, today: dt.date | None = None) -> list[DateMention]:
    """'dd.mm.yy' / 'dd/mm/yy' dates ("19.10.19, 18:56", "Publié le 12/03/23 à 14h05"). Only for date lines and
    lines that say published/updated: elsewhere a two-digit year could be a version number or a score."""
    if len(text) > 160:
        return []
    probe = text.translate(_digit_table()) if not text.isascii() else text
    today = today or dt.date.today()
    out = []
    for m in _SHORT_YEAR.finditer(probe):
        a, b, yy = int(m.group("a")), int(m.group("b")), int(m.group("yy"))
        month_first = lang in set(_config().get("month_first", [])) and a <= 12 and b > 12
        day, month = (b, a) if month_first else (a, b)
        year = 2000 + yy if 2000 + yy <= today.year + 1 else 1900 + yy
        try:
            day_value = dt.date(year, month, day)
        except ValueError:
            continue
        value = day_value.isoformat()
        has_time = m.group("H") is not None and m.group("M") is not None and int(m.group("H")) < 24
        if has_time:
            value = f"{value}T{int(m.group('H')):02d}:{int(m.group('M')):02d}:00"
        end = m.end() if has_time else m.end("yy")
        out.append(DateMention(m.start("a"), end, text[m.start("a") : end], value, day_value, has_time))
    return out


_HOUR_ONLY = re.compile(r"\d{1,2}\s*(?:h|heures?|Uhr)(?!\w)", re.IGNORECASE)
_YEAR_AT = re.compile(r"(?<!\d)(?:1[89]|20)\d\d")
_WINDOW = 60  # characters around a year that can hold the rest of its date (day, month, time, zone)


def find_dates(text: str, lang: str | None = None) -> list[DateMention]:
    """Every absolute date (day, month and year all written) in `text`, in order, non-overlapping.

    Long texts are searched only in windows around their years: the month-name patterns are costly and dates
    are sparse, so this keeps the finder linear in practice."""
    if len(text) > 4 * _WINDOW:
        probe = text.translate(_digit_table()) if not text.isascii() else text
        spans: list[list[int]] = []
        for m in _YEAR_AT.finditer(probe):
            lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = hi
            else:
                spans.append([lo, hi])
        out: list[DateMention] = []
        for lo, hi in spans:
            for d in _find_dates(text[lo:hi], lang):
                out.append(DateMention(d.start + lo, d.end + lo, d.text, d.value, d.day, d.has_time))
        return out
    return _find_dates(text, lang)


def _find_dates(text: str, lang: str | None = None) -> list[DateMention]:
    original = text
    if not _ANY_YEAR.search(text):  # cheap exit (any script's digits): no year, no absolute date
        return []
    if not text.isascii():
        text = text.translate(_digit_table())  # same length: offsets still index the original
    table, pats = _patterns(lang)
    month_first = lang in set(_config().get("month_first", []))
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for i, pat in enumerate(pats):
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groupdict()
            try:
                year = int(g["y"])
                if "mon" in g and g.get("mon"):
                    month = table.get(g["mon"].lower().rstrip("."))
                    if month is None:
                        month = table.get(_strip_accents(g["mon"].lower()).rstrip("."))
                    day = int(g["d"])
                elif g.get("a"):
                    a, b = int(g["a"]), int(g["b"])
                    if a > 12 or (not month_first and b <= 12):
                        day, month = a, b
                    else:
                        day, month = b, a
                else:
                    month, day = int(g["m"]), int(g["d"])
                if month is None:
                    continue
                day_value = dt.date(year, month, day)
            except (ValueError, TypeError):
                continue
            value = day_value.isoformat()
            # a clock time: hours and minutes, or a whole hour written with 'h' ('à 14h', 'à 8 heures')
            has_time = bool(g.get("H")) and (
                g.get("M") is not None or bool(_HOUR_ONLY.match(text, m.start("H"), m.end()))
            )
            end = m.end()
            if has_time:
                hour, minute = int(g["H"]), int(g["M"] or 0)
                ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
                if ampm == "pm" and hour < 12:
                    hour += 12
                elif ampm == "am" and hour == 12:
                    hour = 0
                if hour > 23:
                    has_time = False
                else:
                    value = f"{value}T{hour:02d}:{minute:02d}:00" + (_tz(g.get("tz")) or "")
            if not has_time:
                end = m.end("y") if g.get("y") and m.start("y") > m.start() else m.end()
                if i == 2:
                    end = m.end("d")
            matched = original[m.start() : end].rstrip(" ,-–—|(")
            found.append(
                DateMention(m.start(), m.start() + len(matched), matched, value, day_value, has_time)
            )
            taken.append((m.start(), m.start() + len(matched)))
    found.sort(key=lambda x: x.start)
    return found


@dataclass(frozen=True)
class MonthMention:
    """A month of a year written without a day ("juillet 2023", "in March 2019"): start/end offsets, 'YYYY-MM'."""

    start: int
    end: int
    text: str
    value: str


def find_month_years(text: str, lang: str | None = None) -> list[MonthMention]:
    """Months written with their year but no day (a coarser dated fact than find_dates finds)."""
    if len(text) > 4 * _WINDOW:  # search windows around the years only (see find_dates)
        out: list[MonthMention] = []
        last_end = -1
        for m in _YEAR_AT.finditer(text):
            lo, hi = max(0, m.start() - 25, last_end), m.end()
            for mm in find_month_years(text[lo:hi], lang) if hi - lo <= 4 * _WINDOW else []:
                out.append(MonthMention(mm.start + lo, mm.end + lo, mm.text, mm.value))
            last_end = hi
        return out
    if not re.search(r"(?:1[89]|20)\d\d", text):
        return []
    table, _ = _patterns(lang)
    pat = _month_year_pattern(lang)
    days = [(d.start, d.end) for d in find_dates(text, lang)]
    out = []
    for m in pat.finditer(text):
        if any(s <= m.start() < e for s, e in days):
            continue
        month = table.get(m.group("mon").lower().rstrip(".")) or table.get(
            _strip_accents(m.group("mon").lower())
        )
        if month is None:
            continue
        out.append(MonthMention(m.start(), m.end(), m.group(0), f"{int(m.group('y')):04d}-{month:02d}"))
    return out


@lru_cache(maxsize=64)
def _month_year_pattern(lang: str | None) -> re.Pattern[str]:
    table = month_table(lang)
    names = sorted(
        (n for n in table if len(n) >= 4), key=len, reverse=True
    )  # short abbreviations are ambiguous
    mon = r"(?P<mon>" + "|".join(re.escape(n) for n in names) + r")"
    return re.compile(rf"(?<!\w){mon}(?!\w)\s*(?:de\s+|of\s+|del\s+)?{_YEAR}(?!\d)", re.IGNORECASE)
