"""Resolvers: one per rule `kind`, turning a matched expression into a TIMEX3 type, value, mod and day range.

Each resolver receives the candidate (regex groups) and a `Scope`: the reference day to count from (the
publication day, or the day a reported statement was made), the tense of the clause, and the days mentioned
so far (for "le lendemain", "deux jours plus tard", clock times). Returning None drops the candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import calendar as cal
from . import lexicon
from .grammar import Candidate

Day = dt.date

# What a bare weekday means when the clause's tense says nothing. Past events come with a past verb
# ("a été arrêté samedi"); verbless mentions are mostly announcements ("la venue d'Auxerre samedi").
DEFAULT_DIRECTION = -1


@dataclass
class Scope:
    """What a resolver may use besides the match itself."""

    ref: Day | None  # reference day: publication day, or the day reported words were said
    dct: Day | None  # publication day (deictic words: hier, demain)
    tense: str | None  # 'past' | 'future' | None, from the expression's clause
    weak_tense: str | None  # the clause's tense, else the one nearest in the sentence
    last_day: Day | None  # the day last mentioned before the expression (or None)
    last_point: Day | None  # first day of the date last mentioned, whatever its length ("en 1998")
    known_days: list[Day]  # explicit days mentioned before, most recent last
    text: str  # the original text
    folded: str
    announced: bool = False  # the clause announces in the present ("le sommet s'ouvre jeudi")


@dataclass
class Resolution:
    type: str
    value: str | None
    mod: str | None = None
    first: Day | None = None
    last: Day | None = None
    anchor: Day | None = None
    basis: str = "relative"
    day: Day | None = None  # the single day it denotes, when it does (for later anaphora)


def _g(c: Candidate, name: str) -> str | None:
    return c.group(name)


def _mod(c: Candidate) -> str | None:
    for group, table in (("modp", "mods_part"), ("moda", "mods_around")):
        text = _g(c, group)
        if text:
            mod = lexicon.lookup(table, text)
            if mod:
                return mod
    return None


def _direction(c: Candidate, *groups: str) -> int:
    """-1 for dernier/passé/précédent, +1 for prochain/suivant, 0 when the text says neither."""
    for g in groups:
        text = _g(c, g)
        if text:
            if lexicon.lookup("past_words", text) is not None:
                return -1
            if lexicon.lookup("future_words", text) is not None:
                return 1
    return 0


def _tense_dir(scope: Scope) -> int:
    return {"past": -1, "future": 1}.get(scope.tense or "", 0)


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else 1  # 1er, premier


def full_year(short: int, dct: Day | None) -> int:
    """The century of a two-digit year ("12/03/23", "mai '23").

    With a publication day: the one year ending in those digits within [dct - 80 years, dct + 19 years]
    (news looks back further than ahead: a 2023 article's "12/03/98" is 1998, its "'35" is 2035).
    Without one: 19xx from 50 up, 20xx below (the usual pivot of software reading two-digit years).
    """
    if dct is None:
        return (1900 if short >= 50 else 2000) + short
    low = dct.year - 80
    return low + (short - low) % 100


def _year(c: Candidate, scope: Scope) -> int | None:
    for name in ("year", "year_shared", "year2"):
        text = (_g(c, name) or "").strip()
        if text.isdigit():
            return int(text) if len(text) > 2 else full_year(int(text), scope.dct)
    return None


def _month(c: Candidate) -> int | None:
    text = _g(c, "month")
    if text:
        return lexicon.lookup("months", text.rstrip("."))
    num = _g(c, "month_num")
    return int(num) if num else None


def _finish(res: Resolution, gran: str, d: Day, season: str | None = None) -> Resolution:
    value, first, last = cal.render(gran, d, season)
    res.value = value
    res.first, res.last = cal.narrow(first, last, res.mod)
    if gran == "day":
        res.day = d
    return res


def _pod_code(c: Candidate) -> str | None:
    for name in ("pod", "pod_after"):
        text = _g(c, name)
        if text:
            return lexicon.lookup("parts_of_day", text)
    return None


def _with_pod(res: Resolution, pod: str | None) -> Resolution:
    """'hier soir' -> TIME 2023-08-02TEV (same day range)."""
    if pod and res.value and res.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", res.value):
        res.type = "TIME"
        res.value = f"{res.value}T{pod}"
    return res


# ---------------------------------------------------------------------------------------------- dates


def resolve_date(c: Candidate, scope: Scope) -> Resolution | None:
    year, month = _year(c, scope), _month(c)
    day_text = _g(c, "day")
    day = _day_number(day_text) if day_text else None
    weekday_text = _g(c, "weekday")
    weekday = lexicon.lookup("weekdays", weekday_text) if weekday_text else None
    fixed = _g(c, "fixed")
    res = Resolution("DATE", None, mod=_mod(c))
    if fixed:
        value, mod = lexicon.lookup("fixed_dates", fixed)
        res.mod = res.mod or mod
        if value.startswith("XXXX-"):
            month, day = int(value[5:7]), int(value[8:10])
        else:
            year = int(value)
    direction = _direction(c, "past", "future", "past_shared", "future_shared")
    if _g(c, "hour"):
        res.type = "TIME"
    if year and month and day:
        d = cal.safe_day(year, month, day)
        if d is None:
            return None
        res.basis = "explicit"
        res = _finish(res, "day", d)
        if _g(c, "hour"):
            res.value = f"{res.value}T{int(_g(c, 'hour')):02d}:{_g(c, 'minute')}"
        return _with_pod(res, _pod_code(c))
    if year and month:
        res.basis = "explicit"
        return _finish(res, "month", Day(year, month, 1))
    if year and not month and not day:
        res.basis = "explicit"
        return _finish(res, "year", Day(year, 1, 1))
    ref = scope.ref
    if ref is None:
        return _underspecified(res, month, day, weekday)
    res.anchor = ref
    if month and day:
        weak = {"past": -1, "future": 1}.get(scope.weak_tense or "", 0)
        d = _day_month_year(ref, month, day, weekday, direction or weak)
        if d is None:
            return None
        return _with_pod(_finish(res, "day", d), _pod_code(c))
    if month:
        month2 = lexicon.lookup("months", (_g(c, "month2") or "").rstrip("."))
        if month2 and (_g(c, "past_shared") or _g(c, "future_shared")):
            # "mai et juin derniers": the range ends with the second month; the first comes before it
            second = _month_year(ref, month2, direction, _tense_dir(scope))
            return _finish(res, "month", Day(second.year - (month > month2), month, 1))
        return _finish(res, "month", _month_year(ref, month, direction, _tense_dir(scope)))
    if weekday and day:
        d = _weekday_day(ref, weekday, day, scope.known_days)
        return _with_pod(_finish(res, "day", d), _pod_code(c)) if d else None
    if weekday:
        d = _weekday(ref, weekday, direction, scope)
        return _with_pod(_finish(res, "day", d), _pod_code(c))
    return None


def _underspecified(res: Resolution, month: int | None, day: int | None, weekday: int | None) -> Resolution:
    """Without a reference day: XXXX-08-03, XXXX-08, XXXX-WXX-4 and no range."""
    if month and day:
        res.value = f"XXXX-{month:02d}-{day:02d}"
    elif month:
        res.value = f"XXXX-{month:02d}"
    elif weekday:
        res.value = f"XXXX-WXX-{weekday}"
    return res


def _day_month_year(ref: Day, month: int, day: int, weekday: int | None, direction: int) -> Day | None:
    """The year of 'le 3 août' (no year): the weekday if given, else the tense, else the nearest."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := cal.safe_day(y, month, day))]
    if not options:
        return None
    if weekday:
        matching = [d for d in options if d.isoweekday() == weekday]
        if matching:
            options = matching
    if direction < 0:
        past = [d for d in options if d <= ref]
        if past:
            return max(past)
    elif direction > 0:
        future = [d for d in options if d >= ref]
        if future:
            return min(future)
    return min(options, key=lambda d: (abs((d - ref).days), d < ref))


def _month_year(ref: Day, month: int, explicit: int, tense: int) -> Day:
    """'septembre dernier' -> before ref's month; 'en juillet' in a past clause -> the last July up to ref."""
    this = Day(ref.year, month, 1)
    ref_month = Day(ref.year, ref.month, 1)
    if explicit < 0:
        return this if this < ref_month else Day(ref.year - 1, month, 1)
    if explicit > 0:
        return this if this > ref_month else Day(ref.year + 1, month, 1)
    if tense < 0 and this > ref_month:
        return Day(ref.year - 1, month, 1)
    if tense > 0 and this < ref_month:
        return Day(ref.year + 1, month, 1)
    return this


def resolve_day_of_month(c: Candidate, scope: Scope) -> Resolution | None:
    """'le 15 du mois prochain', 'le 3 courant'; a bare 'le 1er.' takes the month last mentioned."""
    day = _day_number(_g(c, "day") or "")
    base = (scope.last_point or scope.ref) if c.rule.params.get("ana") else scope.ref
    res = Resolution("DATE", None, mod=_mod(c), anchor=base)
    if base is None:
        return res
    shift = _direction(c, "past", "future")
    if c.rule.params.get("ana") and scope.last_point and day < scope.last_point.day:
        shift = 1  # "du 28 juin au 1er": the month after
    month = cal.add_months(Day(base.year, base.month, 1), shift)
    d = cal.safe_day(month.year, month.month, day)
    return _finish(res, "day", d) if d else None


def _weekday_day(ref: Day, weekday: int, day: int, known: list[Day]) -> Day | None:
    """'samedi 18' (no month): a month where the 18th is a Saturday, among the months of the days mentioned
    before (latest first) and the months around ref; else the 18th of ref's month."""
    months: list[Day] = [Day(k.year, k.month, 1) for k in reversed(known)]
    months += [cal.add_months(Day(ref.year, ref.month, 1), k) for k in (0, -1, 1)]
    options = [d for m in months if (d := cal.safe_day(m.year, m.month, day))]
    for d in options:
        if d.isoweekday() == weekday:
            return d
    return cal.safe_day(ref.year, ref.month, day)


def _weekday(ref: Day, weekday: int, explicit: int, scope: Scope) -> Day:
    """A weekday: 'dernier'/'prochain' first, then a day of that weekday mentioned just before, the
    reference day itself, and the tense of the clause."""
    if explicit:
        return cal.weekday_near(ref, weekday, explicit)
    for known in reversed(scope.known_days):
        if known.isoweekday() == weekday and abs((known - ref).days) <= 7:
            return known
    if ref.isoweekday() == weekday:
        return ref
    if scope.announced:
        return cal.weekday_near(ref, weekday, 1)
    direction = {"past": -1, "future": 1}.get(scope.weak_tense or "", DEFAULT_DIRECTION)
    return cal.weekday_near(ref, weekday, direction)


# ------------------------------------------------------------------------------------ relative days


_FINITE_VERB = re.compile(r"(?:\w+(?:e|es|ent|ait|aient|it|ons|ez))$", re.IGNORECASE)
_NOT_VERB = {
    "de",
    "d'",
    "que",
    "qu'",
    "le",
    "la",
    "une",
    "ce",
    "se",
    "ne",
    "me",
    "te",
    "elle",
    "elles",
    "entre",
    "comme",
    "contre",
    "encore",
    "même",
    "notre",
    "votre",
    "leur",
    "leurs",
    "des",
    "les",
    "ces",
    "ses",
    "mes",
    "tes",
    "nos",
    "vos",
    "et",
    "est",
}


def _present_ref(scope: Scope, start: int) -> bool:
    """'aujourd'hui' meaning 'nowadays' rather than the publication day: right after a verb of state
    ("la ville compte aujourd'hui"), in the imperfect ("ce qui semblait aujourd'hui") or negated ("rien ne
    justifie aujourd'hui"). An event verb in the present ("le maire inaugure aujourd'hui") is the day."""
    if scope.tense == "future":
        return False
    before = scope.text[max(0, start - 40) : start]
    words = re.findall(r"[\w']+", before)
    negated = False
    while words and lexicon.fold(words[-1]) in (
        "ne",
        "n'",
        "pas",
        "plus",
        "encore",
        "toujours",
        "meme",
        "bien",
    ):
        negated = negated or lexicon.fold(words[-1]) in ("pas", "plus")
        words.pop()
    if not words:
        return False
    last = words[-1]
    if lexicon.fold(last) in lexicon.folded()["stative_verbs"]:
        return True
    if last.lower() in _NOT_VERB or "'" in last or not last.islower() or len(last) <= 3:
        return False
    if not _FINITE_VERB.search(last):
        return False
    negated = negated or bool(re.search(r"\b(?:ne|n')\s*(?:\w+\s+)?$", " ".join(words[-3:-1]) + " "))
    return negated or last.lower().endswith(("ait", "aient"))


def resolve_relday(c: Candidate, scope: Scope) -> Resolution | None:
    word = _g(c, "relday")
    offset = lexicon.lookup("relative_days", word) if word else c.rule.params.get("offset")
    if offset is None:
        return None
    pod = _pod_code(c)
    if offset == 0 and not pod and _present_ref(scope, c.start):
        return Resolution("TIME", "PRESENT_REF", first=scope.dct, last=scope.dct, anchor=scope.dct)
    base = scope.dct  # deictic words stay relative to the publication day (French TimeBank convention)
    res = Resolution("DATE", None, anchor=base)
    if base is None:
        return res
    res = _finish(res, "day", base + dt.timedelta(days=offset))
    return _with_pod(res, pod)


def resolve_anaday(c: Candidate, scope: Scope) -> Resolution | None:
    offset = lexicon.lookup("anaphoric_days", _g(c, "anaday") or "")
    base = scope.last_day or scope.ref
    res = Resolution("DATE", None, anchor=base)
    if base is None or offset is None:
        return res
    return _with_pod(_finish(res, "day", base + dt.timedelta(days=offset)), _pod_code(c))


def resolve_this_pod(c: Candidate, scope: Scope) -> Resolution | None:
    pod = _pod_code(c)
    base = (scope.last_day or scope.ref) if _g(c, "there") else scope.dct
    if base is None:
        return Resolution("TIME", f"T{pod}")
    res = _finish(Resolution("DATE", None, anchor=base), "day", base)
    return _with_pod(res, pod)


def resolve_pod(c: Candidate, scope: Scope) -> Resolution | None:
    pod = _pod_code(c)
    if pod is None:
        return None
    mod = {"fin": "END", "debut": "START", "mi": "MID"}.get(lexicon.fold(_g(c, "podmod") or ""))
    base = scope.last_day or scope.ref
    if c.rule.params.get("ana") and base and re.search(r"suivante?|d'apres", lexicon.fold(c.match.group(0))):
        base = base + dt.timedelta(days=1)  # "le matin suivant"
    if base is None:
        return Resolution("TIME", f"T{pod}", mod=mod)
    res = _finish(Resolution("DATE", None, anchor=base), "day", base)
    res.mod = mod
    return _with_pod(res, pod)


def resolve_rel_unit(c: Candidate, scope: Scope) -> Resolution | None:
    """'la semaine dernière', 'cette année', 'le mois prochain', 'l'année suivante', 'la fin de l'année'."""
    unit_text = _g(c, "unit") or ""
    unit = lexicon.lookup("units", unit_text)
    gran = cal.UNIT_GRANULARITY.get(unit or "")
    if gran is None:
        return None
    direction = _direction(c, "past", "future")
    base = scope.ref
    ana = _g(c, "ana")
    word = lexicon.fold(_g(c, "past") or _g(c, "future") or "")
    if word.startswith(("preced", "suivant")):  # "l'année suivante": after the year last mentioned
        ana = word
    if ana or _g(c, "there"):
        base = scope.last_point or scope.ref
        if ana:
            direction = -1 if lexicon.fold(ana).startswith(("prec", "d'avant")) else 1
    # "les derniers jours", "les prochains mois": vague references, not one period
    dir_word = _g(c, "past") or _g(c, "future") or ""
    plural = dir_word.lower().endswith("s") or (unit_text.lower().endswith(("s", "x")) and unit != "M")
    if plural and direction:
        return Resolution("TIME", "PAST_REF" if direction < 0 else "FUTURE_REF", anchor=base)
    res = Resolution("DATE", None, mod=_mod(c), anchor=base)
    if base is None:
        return res
    d = cal.shift(base, unit, direction)
    if gran == "day" and direction == 0:
        return None  # "ce jour": handled as a vague reference elsewhere
    return _finish(res, gran, d)


def _amount(c: Candidate) -> tuple[float | None, bool]:
    """(number, approximate?) from NUM, APPROXNUM ('une dizaine de') and 'et demi'."""
    approx = False
    n: float | None = None
    if _g(c, "num"):
        n = lexicon.parse_number(_g(c, "num") or "")
    elif _g(c, "approxnum"):
        n = float(lexicon.lookup("approx_numbers", _g(c, "approxnum") or "") or 0) or None
        approx = True
    elif _g(c, "halfpre"):
        n = 0.5
    if n is not None and _g(c, "half"):
        n += 0.5
    return n, approx


def _shifted(c: Candidate, scope: Scope, base: Day | None, sign: int) -> Resolution | None:
    unit = lexicon.lookup("units", _g(c, "unit") or "")
    if unit not in cal.UNIT_GRANULARITY:
        return None
    n, approx = _amount(c)
    mod = "APPROX" if approx else _mod(c)
    if _g(c, "vague") or n is None:
        return Resolution("TIME", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor=base)
    res = Resolution("DATE", None, mod=mod if mod in ("APPROX",) else None, anchor=base)
    if base is None:
        return res
    d = cal.shift(base, unit, sign * n)
    gran = {"D": "day", "W": "day", "WE": "day"}.get(unit, cal.UNIT_GRANULARITY[unit])
    if gran in ("quarter", "half"):
        gran = "month"
    return _finish(res, gran, d)


def resolve_ago(c: Candidate, scope: Scope) -> Resolution | None:
    return _shifted(c, scope, scope.ref, -1)


def resolve_in_n(c: Candidate, scope: Scope) -> Resolution | None:
    return _shifted(c, scope, scope.ref, 1)


def resolve_later(c: Candidate, scope: Scope) -> Resolution | None:
    word = lexicon.fold(_g(c, "dir") or "")
    sign = -1 if word in ("plus tot", "auparavant", "avant") else 1
    return _shifted(c, scope, scope.last_day or scope.ref, sign)


# ------------------------------------------------------------------------------ durations and sets


def _duration_value(n: float, unit: str) -> str | None:
    spec = lexicon.load()["unit_durations"].get(unit)
    if spec is None:
        return None
    mult, letter, is_time = spec
    amount = n * mult
    if amount != int(amount):
        # half units: "une demi-heure" PT30M, "un an et demi" P18M, "une demi-journée" PT12H
        smaller = {
            ("H", True): (60, "M", True),
            ("Y", False): (12, "M", False),
            ("M", False): (30, "D", False),
            ("D", False): (24, "H", True),
            ("W", False): (7, "D", False),
        }.get((letter, is_time))
        if smaller and amount * smaller[0] == int(amount * smaller[0]):
            amount, letter, is_time = amount * smaller[0], smaller[1], smaller[2]
    num = f"{int(amount)}" if amount == int(amount) else f"{amount:g}"
    return f"PT{num}{letter}" if is_time else f"P{num}{letter}"


def resolve_duration(c: Candidate, scope: Scope) -> Resolution | None:
    term = _g(c, "termdur")
    if term:
        value = lexicon.lookup("term_durations", term)
        return Resolution("DURATION", value, basis="explicit")
    unit = c.rule.params.get("unit_code") or lexicon.lookup("units", _g(c, "unit") or "")
    if unit is None:
        return None
    if _g(c, "vague"):
        spec = lexicon.load()["unit_durations"].get(unit)
        if spec is None:
            return None
        letter, is_time = spec[1], spec[2]
        letter = {"Q": "M", "HALF": "M", "DE": "DE", "CE": "CE"}.get(unit, letter)
        return Resolution("DURATION", f"PTX{letter}" if is_time else f"PX{letter}", basis="explicit")
    n, approx = _amount(c)
    if n is None or n <= 0:
        return None
    if _g(c, "minutes"):  # "2 h 20"
        return Resolution("DURATION", f"PT{int(n)}H{int(_g(c, 'minutes') or 0)}M", basis="explicit")
    value = _duration_value(n, unit)
    if value is None:
        return None
    mod = "APPROX" if approx else _mod(c)
    if mod not in (None, "APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"):
        mod = "APPROX" if mod == "APPROX" else None
    res = Resolution("DURATION", value, mod=mod, basis="explicit")
    return _anchored_duration(c, scope, res, unit, n)


def _anchored_duration(c: Candidate, scope: Scope, res: Resolution, unit: str, n: float) -> Resolution:
    """'au cours des deux dernières années', 'les trois prochains mois': a duration that ends (starts) at the
    reference day. TIMEX3 keeps the DURATION value (P2Y); the range says which days it covers."""
    direction = _direction(c, "past", "future")
    if not direction or scope.ref is None or unit not in cal.UNIT_GRANULARITY:
        return res  # hours and minutes: no day range
    ref = scope.ref
    other = cal.shift(ref, unit, direction * n)
    if direction < 0:
        res.first, res.last = other + dt.timedelta(days=1), ref
    else:
        res.first, res.last = ref, other - dt.timedelta(days=1)
    res.anchor, res.basis = ref, "relative"
    return res


def resolve_set(c: Candidate, scope: Scope) -> Resolution | None:
    words = _g(c, "setw")
    if words:
        return Resolution("SET", lexicon.lookup("set_words", words), basis="explicit")
    for name in ("weekday", "weekday_pl", "weekday_each"):
        if _g(c, name):
            return Resolution(
                "SET", f"XXXX-WXX-{lexicon.lookup('weekdays', _g(c, name) or '')}", basis="explicit"
            )
    unit = lexicon.lookup("units", _g(c, "unit") or "")
    if unit is None:
        return None
    if _g(c, "freq"):
        value = _duration_value(1, unit)
    else:
        n, _ = _amount(c)
        value = _duration_value(n or 1, unit)
    return Resolution("SET", value, basis="explicit") if value else None


# ----------------------------------------------------------------------------------------- clocks


def resolve_clock(c: Candidate, scope: Scope) -> Resolution | None:
    named = _g(c, "named")
    if named:
        hour = 12 if lexicon.fold(named) == "midi" else 0
    else:
        hour = int(_g(c, "hour") or 0)
    minute = int(_g(c, "minute") or 0)
    if named and re.search(r"et demie?$", c.match.group(0)):
        minute = 30
    ampm = lexicon.fold(_g(c, "ampm") or "")
    en = lexicon.fold(_g(c, "en_ampm") or "").replace(".", "")
    if (ampm in ("du soir", "de l'apres-midi") or en == "pm") and hour < 12:
        hour += 12
    if (ampm == "du matin" or en == "am") and hour == 12:
        hour = 0
    if hour == 24:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    mod = _mod(c)
    mod = mod if mod in ("APPROX", "BEFORE", "AFTER", "ON_OR_AFTER", "ON_OR_BEFORE") else None
    base = scope.last_day
    if base is None:
        return Resolution("TIME", f"T{hour:02d}:{minute:02d}", mod=mod)
    res = _finish(Resolution("TIME", None, mod=mod, anchor=base), "day", base)
    res.first = res.last = base
    res.value = f"{base.isoformat()}T{hour:02d}:{minute:02d}{_zone(_g(c, 'tz'), base)}"
    return res


def _zone(tz: str | None, day: Day) -> str:
    """'20 h 30 en France' -> +1 (winter) / +2 (summer time, last Sunday of March to last Sunday of October)."""
    key = lexicon.fold(tz or "")
    if key in ("gmt", "utc"):
        return "Z"
    if key not in ("en france", "a paris", "heure de paris", "heure francaise", "heure de france"):
        return ""

    def last_sunday(month: int) -> Day:
        d = cal.month_end(day.year, month)
        return d - dt.timedelta(days=d.isoweekday() % 7)

    return "+2" if last_sunday(3) <= day < last_sunday(10) else "+1"


# ---------------------------------------------------------------------------------- longer spans


_DECADE_WORDS = {
    "vingt": 2,
    "trente": 3,
    "quarante": 4,
    "cinquante": 5,
    "soixante": 6,
    "soixante-dix": 7,
    "quatre-vingt": 8,
    "quatre-vingts": 8,
    "quatre-vingt-dix": 9,
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def resolve_decade(c: Candidate, scope: Scope) -> Resolution | None:
    if _g(c, "year"):
        y = int(_g(c, "year") or 0)
        if y % 10:
            return None
    elif _g(c, "dec2"):
        y = 1900 + int(_g(c, "dec2") or 0)
    else:
        tens = _DECADE_WORDS.get(lexicon.fold(_g(c, "decw") or "").replace(" ", "-"))
        if tens is None:
            return None
        y = 1900 + 10 * tens
    res = Resolution("DATE", None, mod=_mod(c), basis="explicit")
    return _finish(res, "decade", Day(y, 1, 1))


def _roman(text: str) -> int | None:
    text = text.upper()
    if text.isdigit():
        return int(text)
    total = 0
    for i, ch in enumerate(text):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        nxt = _ROMAN.get(text[i + 1], 0) if i + 1 < len(text) else 0
        total += -v if v < nxt else v
    return total


def resolve_century(c: Candidate, scope: Scope) -> Resolution | None:
    n = _roman(_g(c, "century") or "")
    if not n or n > 21:
        return None
    res = Resolution("DATE", None, mod=_mod(c), basis="explicit")
    return _finish(res, "century", Day((n - 1) * 100 if n > 1 else 1, 1, 1))


def resolve_season(c: Candidate, scope: Scope) -> Resolution | None:
    season = lexicon.lookup("seasons", _g(c, "season") or "")
    res = Resolution("DATE", None, mod=_mod(c))
    year = _year(c, scope)
    if year:
        res.basis = "explicit"
        return _finish(res, "season", Day(year, 1, 1), season)
    ref = scope.ref
    if ref is None:
        res.value = f"XXXX-{season}"
        return res
    res.anchor = ref

    def bounds(y: int) -> tuple[Day, Day]:
        _, first, last = cal.render("season", Day(y, 1, 1), season)
        return first, last

    years = range(ref.year - 2, ref.year + 2)
    explicit = _direction(c, "past", "future")
    tense = _tense_dir(scope)
    if explicit < 0:  # "l'été dernier": the last one over before ref
        year = max(y for y in years if bounds(y)[1] < ref)
    elif explicit > 0:
        year = min(y for y in years if bounds(y)[0] > ref)
    elif tense < 0:
        year = max(y for y in years if bounds(y)[0] <= ref)
    elif tense > 0:
        year = min(y for y in years if bounds(y)[1] >= ref)
    else:
        year = next((y for y in years if bounds(y)[0] <= ref <= bounds(y)[1]), ref.year)
    return _finish(res, "season", Day(year, 1, 1), season)


def resolve_quarter(c: Candidate, scope: Scope) -> Resolution | None:
    unit = (
        "HALF"
        if (_g(c, "qunit") or "").lower().startswith("sem") or (_g(c, "qcode") or "").upper() == "S"
        else "Q"
    )
    if _g(c, "qnum"):
        n = int(_g(c, "qnum") or 0)
    else:
        n = lexicon.lookup("ordinals", _g(c, "ord") or "")
    if n is None or n == 0 or n > (2 if unit == "HALF" else 4):
        return None
    res = Resolution("DATE", None, mod=_mod(c))
    year = _year(c, scope)
    ref = scope.ref
    if not year and _g(c, "qyear") and ref:
        year = ref.year + _direction(c, "past", "future")
    gran = "half" if unit == "HALF" else "quarter"
    months = 6 if unit == "HALF" else 3
    if year:
        res.basis = "explicit" if _g(c, "year") else "relative"
        n = n if n > 0 else 12 // months
        return _finish(res, gran, Day(year, (n - 1) * months + 1, 1))
    if ref is None:
        return res
    res.anchor = ref
    if n < 0:  # "le dernier trimestre": the one before ref's
        return _finish(res, gran, cal.add_months(ref, -months))
    first = Day(ref.year, (n - 1) * months + 1, 1)
    tense = _tense_dir(scope)
    # "sortira au premier trimestre" told in August is next year's; "a reculé au quatrième trimestre" told
    # in March, last year's
    if tense > 0 and cal.add_months(first, months) <= ref:
        first = Day(ref.year + 1, first.month, 1)
    elif tense < 0 and first > ref:
        first = Day(ref.year - 1, first.month, 1)
    return _finish(res, gran, first)


def resolve_week_of_month(c: Candidate, scope: Scope) -> Resolution | None:
    """'la première semaine de juillet' (the ISO week holding July 4th: most of its days are in July),
    'le dernier week-end d'août' (from its last Saturday), 'la seconde quinzaine de mars' (16th to the end)."""
    n = lexicon.lookup("ordinals", _g(c, "ord") or "")
    month = _month(c)
    if not n or not month:
        return None
    res = Resolution("DATE", None)
    year = _year(c, scope)
    if year:
        res.basis = "explicit"
        anchor_month = Day(year, month, 1)
    elif scope.ref is None:
        return res
    else:
        res.anchor = scope.ref
        anchor_month = _month_year(scope.ref, month, _direction(c, "past", "future"), _tense_dir(scope))
    first, last = anchor_month, cal.month_end(anchor_month.year, anchor_month.month)
    unit = lexicon.fold(_g(c, "wunit") or "")
    if unit == "quinzaine":
        if n > 2:
            return None
        if n == 1:
            res.mod = "START"
            res.first, res.last = first, first + dt.timedelta(days=14)
        else:
            res.mod = "END"
            res.first, res.last = first + dt.timedelta(days=15), last
        res.value = f"{first.year:04d}-{first.month:02d}"
        return res
    if unit == "semaine":
        day = first + dt.timedelta(days=3 + 7 * (n - 1)) if n > 0 else last - dt.timedelta(days=3)
        if day.month != month:
            return None  # "la sixième semaine de mars"
        return _finish(res, "week", day)
    saturdays = [d for d in (first + dt.timedelta(days=k) for k in range(last.day)) if d.isoweekday() == 6]
    if n > len(saturdays):
        return None
    return _finish(res, "weekend", saturdays[n - 1 if n > 0 else -1])


def resolve_ref(c: Candidate, scope: Scope) -> Resolution | None:
    value = c.rule.params.get("value") or lexicon.lookup("ref_words", _g(c, "ref") or "")
    if value is None:
        return None
    anchor = scope.ref
    first = last = None
    if value == "PRESENT_REF":
        first = last = anchor
    elif value == "PAST_REF":
        last = anchor
    elif value == "FUTURE_REF":
        first = anchor
    return Resolution("TIME", value, first=first, last=last, anchor=anchor)


def resolve_dici(c: Candidate, scope: Scope) -> Resolution | None:
    if scope.ref is None:
        return Resolution("DATE", None)
    return _finish(Resolution("DATE", None, anchor=scope.ref), "day", scope.ref)


RESOLVERS = {
    "date": resolve_date,
    "day_of_month": resolve_day_of_month,
    "relday": resolve_relday,
    "anaday": resolve_anaday,
    "this_pod": resolve_this_pod,
    "pod": resolve_pod,
    "rel_unit": resolve_rel_unit,
    "ago": resolve_ago,
    "in_n": resolve_in_n,
    "later": resolve_later,
    "duration": resolve_duration,
    "set": resolve_set,
    "clock": resolve_clock,
    "decade": resolve_decade,
    "century": resolve_century,
    "season": resolve_season,
    "quarter": resolve_quarter,
    "week_of_month": resolve_week_of_month,
    "ref": resolve_ref,
    "dici": resolve_dici,
}
