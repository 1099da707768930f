"""Word lists of the temporal grammar (resources/timex/lexicon.json) and the regex macros built from them.

Lookups fold case and accents (`fold`), so "Fevrier", "février" and "FÉVRIER" are one key; the regex
alternations do the same through character classes, so texts typed without accents still match.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources
from typing import Any

_APOSTROPHES = {
    "\u2019": "'",
    "\u02bc": "'",
    "\u2018": "'",
    "`": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u00a0": " ",
}


def strip_accents(s: str) -> str:
    """Remove accents, keep case and length when every character is precomposed (é -> e)."""
    return "".join(_strip_char(ch) for ch in s)


@functools.lru_cache(maxsize=4096)
def _strip_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return _APOSTROPHES[ch]
    if ch.isascii():
        return ch
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
    return base if len(base) == 1 else ch


def fold_text(text: str) -> str:
    """The text the grammar runs on: same length and offsets, accents and apostrophe variants removed."""
    return strip_accents(text)


def fold(s: str) -> str:
    """Lower-case, strip accents, unify apostrophes, hyphens and spaces: the key of every lexicon lookup."""
    return re.sub(r"\s+", " ", strip_accents(s).lower()).strip()


def word_regex(word: str) -> str:
    """Regex for one lexicon entry over folded text: flexible apostrophes, hyphens and spaces."""
    out: list[str] = []
    for ch in fold(word):
        if ch == "'":
            out.append(r"'\s*")
        elif ch == "-":
            out.append(r"(?:-|\s+)?")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alternation(words: Any) -> str:
    """Longest-first alternation of lexicon entries (keys starting with '_' are comments)."""
    keys = sorted({w for w in words if not w.startswith("_")}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(word_regex(w) for w in keys) + ")"


@functools.lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The lexicon, loaded once per process."""
    text = resources.files("recoupe.resources").joinpath("timex/lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def folded() -> dict[str, Any]:
    """Each mapping of the lexicon keyed by folded words (for lookups of matched text)."""
    out: dict[str, Any] = {}
    for name, table in load().items():
        if isinstance(table, dict):
            out[name] = {fold(k): v for k, v in table.items() if not k.startswith("_")}
        elif isinstance(table, list):
            out[name] = {fold(k) for k in table}
    return out


def lookup(table: str, text: str) -> Any:
    """Value of `text` in lexicon `table` (folded match), None when absent.

    English words live in `<table>_en` (units_en, past_words_en...), read when the French table has no entry:
    the resolvers serve both languages unchanged.
    """
    tables = folded()
    key = fold(text).strip()
    value = tables[table].get(key)
    if value is None and f"{table}_en" in tables:
        value = tables[f"{table}_en"].get(key)
    return value


# Digits: a day of the month, a year; never part of a longer number or a decimal.
DAY_RE = r"(?:1\s?er|1\s?re|1\u1d49\u02b3|premier|0?[1-9]|[12]\d|3[01])(?!\d)"
YEAR_RE = r"(?<![\d.,])(?:1[0-9]\d\d|20\d\d)(?![\d]|[.,]\d)"


@functools.lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    """Regex bodies of the {MACRO}s used in rules.json (each is wrapped in a named group when expanded)."""
    lx = load()
    numword = alternation(lx["numbers"])
    # At most 12 words ("quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" has 11): an unbounded
    # chain made a long run of number words quadratic (each start re-reads the whole run, then backtracks).
    numwords = rf"{numword}(?:(?:[-\u2011]|\s+et\s+|-et-|\s+){numword}){{0,11}}"
    # abbreviations ("janv.", "Aug") may take a dot; full names never do ("le 3 août." ends a sentence)
    names = {k: v for k, v in lx["months"].items() if not k.startswith("_")}
    abbrev = {k for k, v in names.items() if any(o != k and o.startswith(k) and names[o] == v for o in names)}
    numword_en = alternation(set(lx["numbers_en"]) - {"a", "an"})
    numwords_en = rf"{numword_en}(?:(?:-|\s+and\s+|\s+){numword_en}){{0,5}}"  # "twenty-one", "two hundred"
    months = "(?:" + alternation(set(names) - abbrev) + "|" + alternation(abbrev) + r"\.?)"
    return {
        "MONTH": months,
        "WEEKDAY": alternation(lx["weekdays"]),
        "DAY": DAY_RE,
        "YEAR": YEAR_RE,
        "NUM": rf"(?:(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])|{numwords})",
        "APPROXNUM": alternation(lx["approx_numbers"]),
        "UNIT": alternation(lx["units"]),
        "POD": alternation(lx["parts_of_day"]),
        "SEASON": alternation(lx["seasons"]),
        "RELDAY": alternation(lx["relative_days"]),
        "ANADAY": alternation(lx["anaphoric_days"]),
        "PAST": alternation(lx["past_words"]),
        "FUTURE": alternation(lx["future_words"]),
        "MODP": alternation(lx["mods_part"]),
        "MODA": alternation(lx["mods_around"]),
        "THIS": alternation(lx["this_words"]),
        "REF": alternation(lx["ref_words"]),
        "SETW": alternation(lx["set_words"]),
        "FIXED": alternation(lx["fixed_dates"]),
        "ORD": alternation(lx["ordinals"]),
        "TERMDUR": alternation(lx["term_durations"]),
        # English (rules with "lang": "en")
        "UNIT_EN": alternation(lx["units_en"]),
        "PAST_EN": alternation(lx["past_words_en"]),
        "FUTURE_EN": alternation(lx["future_words_en"]),
        "NUM_EN": rf"(?:(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])|{numwords_en})",
        "POD_EN": alternation(lx["parts_of_day_en"]),
        "MODP_EN": alternation(lx["mods_part_en"]),
    }


def parse_number(text: str) -> float | None:
    """Digits or French number words ("vingt et un", "quatre-vingt-dix", "deux cents") -> number."""
    t = fold(text).strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    numbers = folded()["numbers"]
    numbers_en = folded()["numbers_en"]
    total, current, previous = 0, 0, None
    for tok in re.split(r"[-\s]+", t):
        if tok in ("", "et", "and"):
            continue
        value = numbers.get(tok, numbers_en.get(tok))
        if value is None:
            return None
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 20 and previous == 4:  # quatre-vingt(s): 4 x 20
            current += 76
        else:
            current += value
        previous = value
    return float(total + current)
