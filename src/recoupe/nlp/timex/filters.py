"""Context checks that reject a rule match before overlaps are resolved: ages ("une fillette de 6 ans"),
counts that look like years ("2000 euros"), durations that are clock times ("à 17 heures") and back.

All checks read the folded text (lexicon.fold_text): no accents, same offsets.
"""

from __future__ import annotations

import re

from . import lexicon
from .grammar import Candidate

_AGE_BEFORE = re.compile(
    r"(?:\bage(?:e|s|es)?\s+(?:de\s+)?|\bl'age\s+de\s+|\b(?:les|aux|des|de)\s+(?:plus|moins)\s+de\s+"
    r"|\b(?:ses|leurs|mes|tes|nos|vos|son|sa)\s+)$",
    re.IGNORECASE,
)
_APPOSITION = re.compile(r"[,(]\s*$")
_APPOSITION_AFTER = re.compile(r"^\s*(?:[,;)]|\.(?!\d))")
_WORD_BEFORE_DE = re.compile(r"\b([\w']+)\s+(?:de|d')\s*$", re.IGNORECASE)
_CLOCK_PREP = re.compile(
    r"(?:\b(?:a|vers|des|jusqu'a|jusqu'aux|avant|apres|entre|et|de|partir\s+de|environ|aux\s+alentours\s+de|"
    r"autour\s+de|ouverture\s+a|depuis)\s*)$",
    re.IGNORECASE,
)
_DURATION_PREP = re.compile(
    r"(?:\b(?:pendant|durant|en|depuis|plus\s+de|moins\s+de|pres\s+de|les|dans|sous|toutes\s+les|"
    r"tous\s+les|par|au\s+bout\s+de|quelque|environ|presque|d'ici|une|un|ces|ses|leurs|nos|"
    r"dure|durent|dure|durera|dureront|duree\s+de|duree\s+d'environ)\s*)$",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(
    r"(?:\b(?:plus\s+de|moins\s+de|pres\s+de|environ|quelque|au\s+moins|sur|n°|no|numero|nº|les|des|ces|"
    r"route|rn|rd|a|art\.?|article|tel\.?|code|page|p\.)\s*)$",
    re.IGNORECASE,
)
_YEAR_PREP = re.compile(
    r"^(?:en|de|depuis|des|jusqu'en|avant|apres|entre|et|a|ou|au|vers|d'ici|pour|fin|debut)\b", re.IGNORECASE
)
_NEEDS_ARTICLE = {"siecle", "decennie", "semestre", "trimestre", "millenaire", "quinzaine"}
_NEXT_WORD = re.compile(r"^\s*([^\s,.;:!?()«»\"]+)")


def _before(text: str, c: Candidate, n: int = 50) -> str:
    return text[max(0, c.match.start() - n) : c.match.start()]


def _after(text: str, c: Candidate, n: int = 30) -> str:
    return text[c.end : c.end + n]


def _unit(c: Candidate) -> str | None:
    u = c.group("unit")
    return lexicon.lookup("units", u) if u else None


def is_age(text: str, c: Candidate) -> bool:
    """'Une fillette de 6 ans', 'âgé de 17 ans', 'X, 97 ans,', 'enfants de 2 à 8 ans', 'ses 100 ans'.

    "de N ans" after a noun is an age unless the noun measures time ("une peine de 2 ans").
    """
    if _unit(c) != "Y" or c.group("vague"):
        return False
    before = _before(text, c)
    if _AGE_BEFORE.search(before):
        return True
    digits = re.match(r"\s*(?:de\s+|entre\s+)?\d", c.match.group(0))
    if _APPOSITION.search(before) and _APPOSITION_AFTER.search(_after(text, c)) and digits:
        return True
    if c.rule.name == "num_range_first":  # "enfants de 2 à 8 ans": the range rule starts at "de"
        before = before + "de "
    # "de 2 à 8 ans": look before the range
    ranged = re.search(r"(?:de|d')\s*\d+\s*(?:a|-|et)\s*$", before, re.IGNORECASE)
    if ranged:
        before = before[: ranged.start()] + "de "
    m = _WORD_BEFORE_DE.search(before)
    if m:
        word = lexicon.fold(m.group(1))
        if word in lexicon.folded()["age_nouns"]:
            return True
        if (
            digits
            and word not in lexicon.folded()["duration_heads"]
            and not re.search(
                r"\b(?:pendant|durant|depuis|en|il y a|dans|pour|sur|au bout)\b", before[-40:], re.IGNORECASE
            )
            and re.fullmatch(r"[^\W\d_]+", word)
            and word not in ("pres", "plus", "moins", "bout", "lors", "cours")
        ):
            return True
    return False


def _is_clock_context(text: str, c: Candidate) -> bool:
    before = _before(text, c, 30)
    return bool(_CLOCK_PREP.search(before)) or bool(
        re.match(r"\s*(?:a|à|vers|de|des|dès|jusqu)\b", c.match.group(0), re.I)
    )


def accept(text: str, c: Candidate) -> bool:
    """Keep candidate `c` (a match over the folded `text`)? Context checks per kind and rule."""
    kind, name = c.rule.kind, c.rule.name
    matched = c.match.group(0)
    if kind == "duration" and is_age(text, c):
        return False
    if kind == "duration" and _unit(c) == "H" and c.group("num") and _is_clock_context(text, c):
        return False  # "à 17 heures" is a clock time
    if (
        kind == "duration"
        and lexicon.fold(matched) in ("un jour", "une fois")
        and not re.search(
            r"\b(?:pendant|durant|en|depuis|de|d'|bout|plus|moins)\s*$", _before(text, c, 20), re.IGNORECASE
        )
    ):
        return False  # "un jour" = some day
    if kind == "clock":
        return _accept_clock(text, c)
    if kind in ("rel_unit", "ago", "in_n", "later") and _unit(c) in ("H", "MIN", "S"):
        return False
    if name == "year":
        return _accept_year(text, c)
    if name == "numeric_dmy" and c.group("sep") != "/" and len(c.group("year") or "") == 2:
        # "12.03.23", "12-03-23" are dates; "1.2.23" is a version number, "3-1-23" a list of scores
        return len(c.group("day") or "") == 2 and len(c.group("month_num") or "") == 2
    if kind == "ref" and matched.isupper() and len(matched) > 3:
        return False  # a heading in capitals ("PROCHAIN MARIAGE") is a label, not a reference
    if kind == "decade" and c.group("year") and int(c.group("year") or 0) % 10:
        return False  # "les années 1995-1997" are two years
    if name in ("month_alone", "month_dir"):
        return _accept_month(text, c)
    if name == "ref_previous":
        return _accept_previous(text, c)
    if (
        name == "duration_term"
        and lexicon.fold(c.group("termdur") or "") in _NEEDS_ARTICLE
        and not re.match(r"(?:un|une|d'un|d'une)\s", lexicon.fold(matched))
    ):
        return False  # "le siècle" is no duration; "un siècle" is
    if (
        name == "duration_term"
        and lexicon.lookup("approx_numbers", c.group("termdur") or "")
        and re.match(r"\s+(?:de|d')", _after(text, c, 5), re.IGNORECASE)
    ):
        return False  # "une quinzaine de jardinières"
    if kind == "in_n" and lexicon.fold(c.group("num") or "") in ("un", "une") and _unit(c) == "D":
        return False  # "dans un jour de grande forme"
    if name == "pod_alone" and lexicon.fold(c.group("pod") or "") == "journee" and not c.group("podprep"):
        return False  # "la journée finale"
    return True


def _accept_clock(text: str, c: Candidate) -> bool:
    if c.group("named") or c.group("en_ampm"):
        return True
    matched = c.match.group(0)
    after = _after(text, c, 10)
    if re.match(r"\s*(?:/|sur)\s*24\b", after):
        return False  # "24 h/24"
    if re.search(r"heures?", matched, re.IGNORECASE) and not c.group("minute"):
        return _is_clock_context(text, c) or bool(c.group("ampm"))
    hour_start = c.match.start("hour")
    if _DURATION_PREP.search(text[max(0, hour_start - 30) : hour_start]) and not c.group("minute"):
        return False
    return True


def _accept_year(text: str, c: Candidate) -> bool:
    year = int(c.group("year") or 0)
    year_start = c.match.start("year")
    prefix = c.match.group(0)[: c.start - c.match.start()]
    has_context = bool(_YEAR_PREP.match(prefix.strip())) or bool(
        re.search(r"\bl'an(?:nee)?\s*$", text[max(0, year_start - 12) : year_start], re.IGNORECASE)
    )
    if year < 1800 and not has_context:
        return False
    if re.search(r"[^\W\d_]-$", text[max(0, year_start - 2) : year_start]):
        return False  # a name: "rue du 8-Mai-1945"
    if re.search(r"\d,\s*$", text[max(0, year_start - 4) : year_start]) and re.match(
        r"(?:,\s*|\s+(?:et|ou)\s+)\d", _after(text, c, 6)
    ):
        return False  # a list of numbers: "3, 12, 2002, 45"
    if not prefix.strip() and _COUNT_BEFORE.search(_before(text, c, 20)):
        return False
    nxt = _NEXT_WORD.match(_after(text, c, 25))
    if nxt and lexicon.fold(nxt.group(1)) in lexicon.folded()["count_nouns"]:
        return False
    if re.match(r"\s*(?:€|\$|%|£)", _after(text, c, 3)):
        return False
    if re.match(r"[.,]\d|\s\d{3}\b", _after(text, c, 5)) or re.search(
        r"\d[\s.]$", text[max(0, year_start - 2) : year_start]
    ):
        return False  # part of a larger number: "2 000 000", "1.990"
    return True


def _accept_month(text: str, c: Candidate) -> bool:
    """A capitalised month in mid-sentence is a name ("le Champ de Mars"), not a date."""
    month = c.group("month") or ""
    if not month[:1].isupper() or month.isupper():
        return True
    start = c.match.start("month")
    before = text[max(0, start - 30) : start]
    return bool(re.search(r"(?:^|[.!?\n:]\s*)(?:\w+\s+)?$", before)) and not before.strip().endswith(" de")


def _accept_previous(text: str, c: Candidate) -> bool:
    """'précédent' as an adjective (PAST_REF), not the noun ('sans précédent', 'créer un précédent')."""
    before = _before(text, c, 12)
    if re.search(r"\bsans\s*$", before, re.IGNORECASE):
        return False
    det = re.match(r"(?:un|une|le|la|les|ce)\s", c.match.group(0), re.IGNORECASE) or re.search(
        r"\b(?:un|le|ce|du|au)\s*$", before, re.IGNORECASE
    )
    after = _after(text, c, 6)
    if det and (re.match(r"\s*[,.;:)]", after) or re.match(r"\s+(?:de|d'|dans|a|pour|en)\b", after, re.I)):
        return False
    return True
