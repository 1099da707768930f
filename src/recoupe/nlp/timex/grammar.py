"""Compile the rules of resources/timex/rules.json and find candidate expressions in a text.

A rule is a regex written with {MACRO}s (lexicon alternations, see lexicon.macros). Every rule runs over the
whole text; candidates that a filter rejects (an age, a count of euros...) are dropped before the overlap
resolution, which keeps the longest expression (then the earliest, then the rule listed first).
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from . import lexicon

# Left/right word boundaries. A digit glued to a capitalised word still counts as a boundary, because
# scraped pages glue inline elements ("Feb 03, 2021Feb 03, 2021").
_LB = r"(?:(?<!\w)|(?<=\d)(?=(?-i:[A-Z])))"
_RB = r"(?:(?!\w)|(?<=\d)(?=(?-i:[A-Z])))"
_MACRO = re.compile(r"\{([A-Z_]+)(?::([a-z_0-9]+))?\}")
_UNGROUPED = {"CONN"}
_CONN = r"(?:\s+de\s+la\s+|\s+de\s+l'\s*|\s+du\s+|\s+des\s+|\s+de\s+|\s+d'\s*|-|\s+)"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    params: dict[str, Any]
    order: int


@dataclass
class Candidate:
    rule: Rule
    match: re.Match[str]
    start: int  # extent (group `t` when the rule has one)
    end: int

    def group(self, name: str) -> str | None:
        try:
            return self.match.group(name)
        except IndexError:
            return None


def _expand(pattern: str) -> str:
    """Spaces -> \\s+ (optional spaces " ?" -> \\s*), apostrophes -> any apostrophe, {MACRO[:name]} -> (?P<name>body)."""
    # " ?" (an optional space: "10h30", "10 h 30") must become \s*, not the lazy \s+? a plain space gives
    pattern = lexicon.strip_accents(pattern).replace("'", "'\\s*").replace(" ?", "\0").replace(" ", r"\s+")
    pattern = pattern.replace("\0", r"\s*")
    macros = lexicon.macros()

    def sub(m: re.Match[str]) -> str:
        name, group = m.group(1), m.group(2)
        if name == "CONN":
            return _CONN
        body = macros[name]
        return f"(?P<{group or name.lower()}>{body})"

    return _MACRO.sub(sub, pattern)


@functools.lru_cache(maxsize=4)
def rules(lang: str | None = None) -> tuple[Rule, ...]:
    """The rules for texts in `lang` (those without a "lang" and those of that language; all when None),
    compiled once per process: a French text never pays for compiling the English rules."""
    text = resources.files("recoupe.resources").joinpath("timex/rules.json").read_text(encoding="utf-8")
    out = []
    for i, spec in enumerate(json.loads(text)["rules"]):
        if lang is not None and spec.get("lang", lang) != lang:
            continue
        body = _expand(spec["pattern"])
        regex = re.compile(f"{_LB}(?:{body}){_RB}", re.IGNORECASE)
        params = {k: v for k, v in spec.items() if k not in ("name", "kind", "pattern") and k[0] != "_"}
        out.append(Rule(spec["name"], spec["kind"], regex, params, i))
    return tuple(out)


# Words that never start a temporal expression on their own; every other word of the lexicon and of the
# rules is a trigger (see `windows`).
_STOP = frozenset(
    """
    les des aux cet cette ces par pour sur dans que qui tous toutes tout toute chaque plus moins pres
    avant apres fin debut vers depuis entre jusqu the and nos encore cours lors france paris durant
    pendant temps meme autre cela presque long longs longues est end ends half nombreux nombreuses
    proche terme date
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+|\d")
_WINDOW = 80  # characters around a trigger word where rules are tried: longer than any expression


@functools.lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """Folded words that can take part in an expression: lexicon words and `trigger_words` (words that
    rules.json spells out itself)."""
    lx = lexicon.load()
    skip = {
        "age_nouns",
        "count_nouns",
        "reporting_stems",
        "duration_heads",
        "numbers",
        "this_words",
        "mods_part",
        "mods_around",
        "_about",
        "present_event_verbs",
        "present_event_verbs_en",
        "numbers_en",
        "reporting_stems_en",
    }
    words: set[str] = set()
    for name, table in lx.items():
        if name not in skip and isinstance(table, (dict, list)):
            for key in table:
                if not key.startswith("_"):
                    words.update(re.findall(r"[^\W\d_]+", lexicon.fold(key)))
    words = {w for w in words if len(w) >= 3}
    words.update(lx.get("trigger_words", []))
    return frozenset(words - _STOP)


def windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the folded text around digits and trigger words, merged, cut at word boundaries.

    Only these are scanned: most of a news text holds no temporal word, and each rule costs a pass.
    """
    triggers = _triggers()
    spans: list[list[int]] = []
    n = len(text)
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if not (word.isdigit() or word in triggers or word[:-1] in triggers):  # "mardis", "jeudis"
            continue
        start, end = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out = []
    for start, end in spans:
        while end < n and (text[end].isalnum() or text[end] == "_"):
            end += 1  # never cut a word: the right boundary (?!\w) must see the next character
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        out.append((start, end))
    return out


def candidates(text: str, lang: str = "fr") -> list[Candidate]:
    """Every rule match over the folded text (see lexicon.fold_text: same offsets), with its extent.

    Rules without a "lang" serve every language (numeric and English absolute dates are common in French
    text); rules with one ("en": "last week", "three days ago") only that language.
    """
    text = lexicon.fold_text(text)
    spans = windows(text)
    found: list[Candidate] = []
    for rule in rules(lang):
        for m in (m for s, e in spans for m in rule.regex.finditer(text, s, e)):
            if "t" in rule.regex.groupindex and m.group("t") is not None:
                start, end = m.span("t")
                if "t0" in rule.regex.groupindex and m.group("t0") is not None:
                    start = m.start("t0")  # the extent starts earlier: "à la fin du mois d'octobre"
            else:
                start, end = m.span()
            if end > start:
                found.append(Candidate(rule, m, start, end))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the earliest, then `priority`, then the first rule.

    The extents taken so far are kept sorted and disjoint, so whether a candidate overlaps one of them is
    a bisection (two neighbours to check), not a scan.
    """
    ranked = sorted(
        found, key=lambda c: (-(c.end - c.start), c.start, -c.rule.params.get("priority", 0), c.rule.order)
    )
    taken: list[Candidate] = []
    starts: list[int] = []
    ends: list[int] = []
    for c in ranked:
        i = bisect.bisect_left(starts, c.start)
        if i < len(starts) and starts[i] < c.end:
            continue  # the next extent starts inside c
        if i > 0 and ends[i - 1] > c.start:
            continue  # the previous extent runs into c
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)
