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

No spaCy, no dateparser: the CLI starts once per document in evaluations, so import time matters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

from recoupe.model import Timex

from . import filters, grammar, lexicon, tense
from .grammar import Candidate
from .resolve import RESOLVERS, Resolution, Scope

__all__ = ["tag", "cli_main"]

# Kinds whose value counts from the reference day, which reported speech moves to the day of the statement.
_REPORTABLE = {"date", "rel_unit", "ago", "in_n", "season", "quarter"}
_REPORT_BOUNDARY = re.compile(r"\bqu'|\bque\b|:\s*[«\"\u201c]", re.IGNORECASE)


def tag(text: str, dct: dt.date | None, lang: str = "fr") -> list[Timex]:
    """Date, time, duration and set expressions of `text`, normalised against publication day `dct`.

    `lang` is accepted for future languages; the grammar is French with English absolute dates.
    """
    folded = lexicon.fold_text(text)
    chosen = grammar.select([c for c in grammar.candidates(text) if filters.accept(folded, c)])
    sentences = tense.sentences(text)
    resolved: list[tuple[Candidate, Resolution]] = []
    clocks: list[Candidate] = []
    for c in chosen:
        if c.rule.kind == "clock":
            clocks.append(c)
            continue
        res = _resolve(c, text, folded, dct, sentences, resolved)
        if res is not None:
            resolved.append((c, res))
    _anchor_quotes(text, folded, dct, sentences, resolved)
    for c in clocks:
        res = _resolve(c, text, folded, dct, sentences, resolved)
        if res is not None:
            resolved.append((c, res))
    resolved.sort(key=lambda cr: cr[0].start)
    return [_timex(text, c, r) for c, r in resolved if r.value is not None or dct is None]


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return (0, len(sentences and sentences[-1][1] or 0))


def _resolve(
    c: Candidate,
    text: str,
    folded: str,
    dct: dt.date | None,
    sentences: list[tuple[int, int]],
    resolved: list[tuple[Candidate, Resolution]],
    speech_day: dt.date | None = None,
) -> Resolution | None:
    sent = _sentence_of(sentences, c.start)
    bounds = tense.clause_bounds(text, c.start, c.end, sent)
    clause_tense = tense.clause_tense(text, c.start, c.end, bounds)
    weak_tense = clause_tense or tense.sentence_tense(text, c.start, c.end, sent)
    ref = dct
    if c.rule.kind in _REPORTABLE:
        ref = speech_day or _reported_anchor(c, text, sent, resolved) or dct
    if c.rule.kind == "clock":
        last_day = _clock_day(c, sent, resolved) or dct
    else:
        last_day = next((r.day for cc, r in reversed(resolved) if r.day and cc.start < c.start), None)
    known_days = [r.day for cc, r in resolved if r.day and cc.start < c.start and cc.group("day")]
    last_point = next(
        (r.first for cc, r in reversed(resolved) if r.type == "DATE" and r.first and cc.start < c.start), None
    )
    scope = Scope(ref, dct, clause_tense, weak_tense, last_day, last_point, known_days, text, folded)
    try:
        return RESOLVERS[c.rule.kind](c, scope)
    except (ValueError, OverflowError):  # a date beyond the calendar ("dans 99999 ans"): no value
        return None


def _reported_anchor(
    c: Candidate, text: str, sent: tuple[int, int], resolved: list[tuple[Candidate, Resolution]]
) -> dt.date | None:
    """The day reported words were said: 'X a déclaré jeudi que ... <c>' -> jeudi's day."""
    lo = sent[0]
    boundaries = [m for m in _REPORT_BOUNDARY.finditer(text, lo, c.start)]
    for m in reversed(boundaries):
        days = [r.day for cc, r in resolved if r.day and lo <= cc.start and cc.end <= m.start()]
        if days and tense.has_reporting_verb(text[lo : m.start()]):
            return days[-1]
    return None


_QUOTES = (("\u00ab", "\u00bb"), ("\u201c", "\u201d"))
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _quote_speech_day(
    c: Candidate, text: str, resolved: list[tuple[Candidate, Resolution]]
) -> dt.date | None:
    """The day of a quotation the reporter dates after it: '« ... la semaine dernière », a dit mardi X'."""
    for opening, closing in _QUOTES:
        start = text.rfind(opening, 0, c.start)
        if start < 0 or text.rfind(closing, 0, c.start) > start:
            continue
        close = text.find(closing, c.end)
        if close < 0:
            continue
        m = _CLAUSE_END.search(text, close + 1)
        tail_end = m.start() if m else len(text)
        if not tense.has_reporting_verb(text[close + 1 : tail_end]):
            continue
        days = [r.day for cc, r in resolved if r.day and close < cc.start < tail_end]
        if days:
            return days[0]
    return None


def _anchor_quotes(
    text: str,
    folded: str,
    dct: dt.date | None,
    sentences: list[tuple[int, int]],
    resolved: list[tuple[Candidate, Resolution]],
) -> None:
    """Re-resolve relative expressions inside quotations dated after them (needs the later dates)."""
    for i, (c, r) in enumerate(resolved):
        if c.rule.kind not in _REPORTABLE or r.basis == "explicit":
            continue
        day = _quote_speech_day(c, text, resolved)
        if day is not None and day != dct:
            res = _resolve(c, text, folded, dct, sentences, resolved[:i], speech_day=day)
            if res is not None:
                resolved[i] = (c, res)


def _clock_day(
    c: Candidate, sent: tuple[int, int], resolved: list[tuple[Candidate, Resolution]]
) -> dt.date | None:
    """The day of a clock time: the nearest day in its sentence (before it first), else the last day before."""
    same = [(cc, r) for cc, r in resolved if r.day and sent[0] <= cc.start < sent[1]]
    before = [(cc, r) for cc, r in same if cc.start < c.start]
    if before:
        return before[-1][1].day
    after = [(cc, r) for cc, r in same if cc.start > c.start]
    if after:
        return after[0][1].day
    earlier = [r.day for cc, r in resolved if r.day and cc.start < c.start]
    return earlier[-1] if earlier else None


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
    parser.add_argument("--lang", default="fr")
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
