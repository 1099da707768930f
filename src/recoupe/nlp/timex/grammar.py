"""Compile the rules of resources/timex/rules.json and find candidate expressions in a text.

A rule is a regex written with {MACRO}s (lexicon alternations, see lexicon.macros). Every rule runs over the
whole text; candidates that a filter rejects (an age, a count of euros...) are dropped before the overlap
resolution, which keeps the longest expression (then the earliest, then the rule listed first).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from . import lexicon

# Left/right word boundaries. A digit glued to a capitalised word still counts as a boundary, because
# scraped pages glue inline elements ("Aug 08, 2023Aug 08, 2023").
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
    """Spaces -> \\s+, apostrophes -> any apostrophe, {MACRO[:name]} -> (?P<name>body)."""
    pattern = lexicon.strip_accents(pattern).replace("'", "'\\s*").replace(" ", r"\s+")
    macros = lexicon.macros()

    def sub(m: re.Match[str]) -> str:
        name, group = m.group(1), m.group(2)
        if name == "CONN":
            return _CONN
        body = macros[name]
        return f"(?P<{group or name.lower()}>{body})"

    return _MACRO.sub(sub, pattern)


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """All rules, compiled once per process."""
    text = resources.files("recoupe.resources").joinpath("timex/rules.json").read_text(encoding="utf-8")
    out = []
    for i, spec in enumerate(json.loads(text)["rules"]):
        body = _expand(spec["pattern"])
        regex = re.compile(f"{_LB}(?:{body}){_RB}", re.IGNORECASE)
        params = {k: v for k, v in spec.items() if k not in ("name", "kind", "pattern")}
        out.append(Rule(spec["name"], spec["kind"], regex, params, i))
    return tuple(out)


def candidates(text: str) -> list[Candidate]:
    """Every rule match over the folded text (see lexicon.fold_text: same offsets), with its extent."""
    text = lexicon.fold_text(text)
    found: list[Candidate] = []
    for rule in rules():
        for m in rule.regex.finditer(text):
            if "t" in rule.regex.groupindex and m.group("t") is not None:
                start, end = m.span("t")
            else:
                start, end = m.span()
            if end > start:
                found.append(Candidate(rule, m, start, end))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the earliest, then the first rule."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), c.start, c.rule.order))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in ranked:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: c.start)
