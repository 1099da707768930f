"""French (and English absolute) TIMEX3 tagger for news: find date and time expressions, normalise them.

    >>> from datetime import date
    >>> [(t.text, t.value) for t in tag("Le maire a inauguré jeudi la médiathèque.", date(2023, 8, 8))]
    [('jeudi', '2023-08-03')]

How it works (in the manner of HeidelTime / SUTime):
1. `grammar`: regex rules written with lexicon macros (resources/timex/rules.json, lexicon.json) find
   candidates over an accent-folded copy of the text (same offsets); `filters` drop ages, counts and the
   like; the longest candidates win.
2. `tense`: a lexical reading of each clause (auxiliary + participle, future and conditional endings,
   "va/doit + infinitive") says whether it is told in the past or the future.
3. `resolve`: one resolver per rule kind computes the TIMEX3 type, value, mod and inclusive day range.
   Relative expressions count from the publication day (dct); inside reported speech ("le parquet a
   indiqué vendredi que ... le mois dernier") from the day the words were said; anaphoric ones
   ("le lendemain", clock times, "deux jours plus tard") from the day mentioned last.
   Tense decides the direction of a bare weekday or month: "a inauguré jeudi" is the Thursday before,
   "inaugurera jeudi" the one after; a weekday equal to the reference day is that day.

Cost: linear in the text's length. Each context regex (verb forms, clause boundaries, reporting verbs) runs
once per text (`tense.TextIndex`); every per-expression question is a bisection, and the look-back over earlier
expressions is bounded (_LOOKBACK). `last_stats()` exposes the work counters that tests check.

`lang="en"` adds English relative expressions (rules.json entries with "lang": "en", lexicon tables *_en) and
English tense cues; numeric and English absolute dates are found in every language.

No spaCy, no dateparser: the CLI starts once per document in evaluations, so import time matters.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator

from recoupe.model import Timex

from . import filters, grammar, lexicon
from .grammar import Candidate
from .resolve import RESOLVERS, Resolution, Scope
from .tense import TextIndex

__all__ = ["tag", "cli_main", "last_stats"]

# Kinds whose value counts from the reference day, which reported speech moves to the day of the statement.
_REPORTABLE = {"date", "rel_unit", "ago", "in_n", "season", "quarter", "week_of_month"}
# How many expressions before (or after) a position the anchoring looks at: "le lendemain" refers to a day
# mentioned a few expressions earlier, never hundreds. The bound keeps a text with thousands of expressions
# linear (each lookup is a bisection plus at most this many steps).
_LOOKBACK = 64
_QUOTES = (("\u00ab", "\u00bb"), ("\u201c", "\u201d"))

# "d'ici", "d'ici à" just before an expression: the span runs from the reference day to it
_UNTIL = re.compile(r"\bd'\s*ici\s+(?:a\s+)?$", re.IGNORECASE)

_STATS: dict[str, int] = {}


def last_stats() -> dict[str, int]:
    """Work counters of the last `tag` call (chars, candidates, expressions, index queries, mention
    steps): they grow linearly with the text, which tests check without timing anything."""
    return dict(_STATS)


def tag(text: str, dct: dt.date | None, lang: str = "fr") -> list[Timex]:
    """Date, time, duration and set expressions of `text`, normalised against publication day `dct`.

    `lang`: "fr" (French grammar, with numeric and English absolute dates) or "en" (adds the English
    relative expressions: "yesterday", "last week", "next Monday", "three days ago"; English tense cues).
    """
    folded = lexicon.fold_text(text)
    found = grammar.candidates(text, lang)
    chosen = grammar.select([c for c in found if filters.accept(folded, c)])
    index = TextIndex(text, folded, lang)
    mentions = _Mentions()
    clocks: list[Candidate] = []
    for c in chosen:
        if c.rule.kind == "clock":
            clocks.append(c)
            continue
        res = _resolve(c, index, dct, mentions)
        if res is not None:
            mentions.add(c, res)
    _anchor_quotes(index, dct, mentions)
    for c in clocks:
        res = _resolve(c, index, dct, mentions)
        if res is not None:
            mentions.add(c, res)
    _STATS.clear()
    _STATS.update(
        chars=len(text),
        candidates=len(found),
        expressions=len(mentions.items),
        index_steps=index.steps,
        mention_steps=mentions.steps,
    )
    return [_timex(text, c, r) for c, r in mentions.items if r.value is not None or dct is None]


class _Mentions:
    """The expressions resolved so far, in text order, for the anaphoric and reported-speech anchors."""

    def __init__(self) -> None:
        self.items: list[tuple[Candidate, Resolution]] = []
        self._starts: list[int] = []
        self.steps = 0

    def add(self, c: Candidate, r: Resolution) -> None:
        i = bisect.bisect_left(self._starts, c.start)
        self._starts.insert(i, c.start)
        self.items.insert(i, (c, r))

    def replace(self, i: int, r: Resolution) -> None:
        self.items[i] = (self.items[i][0], r)

    def before(self, pos: int) -> Iterator[tuple[Candidate, Resolution]]:
        """Expressions starting before pos, nearest first, at most _LOOKBACK of them."""
        i = bisect.bisect_left(self._starts, pos)
        for k in range(i - 1, max(-1, i - 1 - _LOOKBACK), -1):
            self.steps += 1
            yield self.items[k]

    def after(self, pos: int) -> Iterator[tuple[Candidate, Resolution]]:
        """Expressions starting after pos, nearest first, at most _LOOKBACK of them."""
        i = bisect.bisect_right(self._starts, pos)
        for k in range(i, min(len(self.items), i + _LOOKBACK)):
            self.steps += 1
            yield self.items[k]


def _resolve(
    c: Candidate,
    index: TextIndex,
    dct: dt.date | None,
    mentions: _Mentions,
    speech_day: dt.date | None = None,
) -> Resolution | None:
    sent = index.sentence_of(c.start)
    bounds = index.clause_bounds(c.start, c.end, sent)
    clause_tense = index.clause_tense(c.start, c.end, bounds)
    weak_tense = clause_tense or index.sentence_tense(c.start, c.end, sent)
    ref = dct
    if c.rule.kind in _REPORTABLE:
        ref = speech_day or _reported_anchor(c, index, sent, mentions) or dct
    earlier = list(mentions.before(c.start))
    if c.rule.kind == "clock":
        last_day = _clock_day(c, sent, mentions) or dct
    else:
        last_day = next((r.day for _, r in earlier if r.day), None)
    known_days = [r.day for cc, r in reversed(earlier) if r.day and cc.group("day")]
    last_point = next((r.first for _, r in earlier if r.type == "DATE" and r.first), None)
    announced = (
        c.rule.kind == "date"
        and index.announced(c.start, c.end, bounds)
        and not index.participle_before(c.start, bounds)
    )
    scope = Scope(
        ref,
        dct,
        clause_tense,
        weak_tense,
        last_day,
        last_point,
        known_days,
        index.text,
        index.folded,
        announced,
    )
    try:
        res = RESOLVERS[c.rule.kind](c, scope)
    except (ValueError, OverflowError):  # a date beyond the calendar ("dans 99999 ans"): no value
        return None
    if (
        res is not None
        and res.type == "DATE"
        and ref
        and res.last
        and res.last >= ref
        and _UNTIL.search(index.folded, max(0, c.start - 12), c.start)
    ):
        res.first = ref  # "d'ici la fin du mois": from now until then (the value stays the month, mod END)
    return res


def _reported_anchor(
    c: Candidate, index: TextIndex, sent: tuple[int, int], mentions: _Mentions
) -> dt.date | None:
    """The day reported words were said: 'X a déclaré jeudi que ... <c>' -> jeudi's day.

    Only the boundary nearest to the expression matters: with an earlier "que", fewer days and less text
    stand before it, so if the nearest one has no dated reporting verb before it, no earlier one has.
    """
    lo = sent[0]
    boundary = index.report_boundary_before(lo, c.start)
    if boundary is None:
        return None
    for cc, r in mentions.before(boundary):
        if cc.start < lo:
            break
        if r.day and cc.end <= boundary:
            return r.day if index.has_reporting_verb(lo, boundary) else None
    return None


def _quote_speech_day(c: Candidate, index: TextIndex, mentions: _Mentions) -> dt.date | None:
    """The day of a quotation the reporter dates after it: '« ... la semaine dernière », a dit mardi X'."""
    for opening, closing in _QUOTES:
        start = index.last_char_before(opening, c.start)
        if start < 0 or index.last_char_before(closing, c.start) > start:
            continue
        close = index.first_char_after(closing, c.end)
        if close < 0:
            continue
        tail_end = index.clause_end_after(close + 1)
        if not index.has_reporting_verb(close + 1, tail_end):
            continue
        for cc, r in mentions.after(close):
            if cc.start >= tail_end:
                break
            if r.day:
                return r.day
    return None


def _anchor_quotes(index: TextIndex, dct: dt.date | None, mentions: _Mentions) -> None:
    """Re-resolve relative expressions inside quotations dated after them (needs the later dates)."""
    for i, (c, r) in enumerate(list(mentions.items)):
        if c.rule.kind not in _REPORTABLE or r.basis == "explicit":
            continue
        day = _quote_speech_day(c, index, mentions)
        if day is not None and day != dct:
            res = _resolve(c, index, dct, mentions, speech_day=day)
            if res is not None:
                mentions.replace(i, res)


def _clock_day(c: Candidate, sent: tuple[int, int], mentions: _Mentions) -> dt.date | None:
    """The day of a clock time: the nearest day in its sentence (before it first), else the last day before."""
    for cc, r in mentions.before(c.start):
        if cc.start < sent[0]:
            break
        if r.day:
            return r.day
    for cc, r in mentions.after(c.start):
        if cc.start >= sent[1]:
            break
        if r.day:
            return r.day
    return next((r.day for _, r in mentions.before(c.start) if r.day), None)


def _timex(text: str, c: Candidate, r: Resolution) -> Timex:
    rng = None
    if r.first is not None or r.last is not None:
        rng = [r.first.isoformat() if r.first else None, r.last.isoformat() if r.last else None]
    return Timex(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        type=r.type,
        value=r.value,
        mod=r.mod,
        range=rng,
        anchor=r.anchor.isoformat() if r.anchor else None,
        basis=r.basis,
    )


def cli_main(argv: list[str] | None = None) -> int:
    """`recoupe timex --dct YYYY-MM-DD [FILE|-]`: one JSON object per expression and line."""
    parser = argparse.ArgumentParser(
        prog="recoupe timex",
        description="Tag French date/time expressions (TIMEX3) in a text file and print them as JSON lines.",
        epilog="Example: recoupe timex --dct 2023-08-31 article.txt",
    )
    parser.add_argument("--dct", help="publication day YYYY-MM-DD that relative expressions count from")
    parser.add_argument("file", nargs="?", default="-", help="UTF-8 text file, or - for standard input")
    parser.add_argument("--lang", default="fr", choices=["fr", "en"], help="fr (default) or en")
    parser.add_argument("--full", action="store_true", help="also print anchor and basis")
    args = parser.parse_args(argv)
    try:
        dct = dt.date.fromisoformat(args.dct[:10]) if args.dct else None
    except ValueError:
        parser.error(f"--dct must be YYYY-MM-DD, not {args.dct!r}")
    if args.file == "-":
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    else:
        with open(args.file, encoding="utf-8", errors="replace", newline="") as fh:
            text = fh.read()
    out = sys.stdout.buffer
    for t in tag(text, dct, args.lang):
        row = {
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
            "mod": t.mod,
            "range": t.range or [None, None],
        }
        if args.full:
            row.update(anchor=t.anchor, basis=t.basis)
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    out.flush()
    return 0
