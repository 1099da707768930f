"""Publication date of a cleaned article: stated on the page, given by the container's metadata, inferred from the
latest absolute date the text mentions, or unknown.

A stated date is looked for near the top of the page (title, byline, date lines, first body lines) and on any line
that says "published"/"updated" in one of several languages. A 'published' date beats an 'updated' one; without
either cue, the date closest to the title wins. Nothing precise is ever invented: an inferred value is a date the
text itself writes, and its `not_before` is the latest such date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from recoupe.clean.boilerplate import Line, cues, is_date_line
from recoupe.clean.dates import DateMention, find_dates, find_month_years
from recoupe.model import Published, Span

INFER_MAX_CHARS = 100_000
TIMEX_MAX_CHARS = (
    20_000  # the timex tagger is not linear in the text's length: only short texts go through it
)


@dataclass
class Candidate:
    line: Line
    mention: DateMention
    score: float
    updated: bool


def _candidates(lines: list[Line], first_body: int, title_idx: int | None, today: dt.date) -> list[Candidate]:
    c = cues()
    out: list[Candidate] = []
    anchor = title_idx if title_idx is not None else first_body
    for ln in lines:
        if not ln.dates:
            continue
        published = bool(c["published"].search(ln.text))
        updated = bool(c["updated"].search(ln.text))
        near_top = ln.idx <= first_body + 6 or (title_idx is not None and abs(ln.idx - title_idx) <= 8)
        if not (near_top or published or updated):
            continue
        # a date inside a sentence of the text is a fact it reports, not the page's date
        if not (published or updated or is_date_line(ln, None)):
            continue
        if ln.kind in ("related", "comment", "caption") and not (published or updated):
            continue
        for k, m in enumerate(ln.dates):
            if m.day > today:
                continue
            score = 0.0
            if published:
                score += 3.0
            if updated:
                # "Publié le X, mis à jour le Y": the first date goes with 'published', the later one with 'updated'
                upd_pos = c["updated"].search(ln.text).start()
                is_upd = m.start > upd_pos and not (
                    published
                    and c["published"].search(ln.text).start() > upd_pos
                    and m.start > c["published"].search(ln.text).start()
                )
            else:
                is_upd = False
            if ln.kind == "date_line" or (ln.chars < 120 and not ln.keep):
                score += 1.5
            if m.has_time:
                score += 0.5
            if ln.kind in ("footer",) or ln.hard == "footer":
                score -= 3.0
            score -= 0.1 * min(abs(ln.idx - anchor), 30)
            if ln.idx > first_body + 6 and not (published or updated):
                score -= 1.0
            if is_upd:
                score -= 1.0
            score -= 0.01 * k
            out.append(Candidate(ln, m, score, is_upd))
    return out


def stated_date(
    lines: list[Line], first_body: int, title_idx: int | None, today: dt.date | None = None
) -> Candidate | None:
    """The publication date the page prints, with the line it is on, or None."""
    today = today or dt.date.today()
    cands = _candidates(lines, first_body, title_idx, today + dt.timedelta(days=1))
    if not cands:
        return None
    best = max(cands, key=lambda c: c.score)
    # only updated dates printed: the latest update stands for the publication, flagged as such
    return best


def evidence_span(article_id: str, text: str, line_offsets: dict[int, int], cand: Candidate) -> Span | None:
    """A span of the cleaned text for the date when its line was kept, else None."""
    start = line_offsets.get(cand.line.idx)
    if start is None:
        return None
    s = start + cand.mention.start
    e = start + cand.mention.end
    if text[s:e] != cand.mention.text:
        return None
    return Span(article_id, s, e, cand.mention.text)


def metadata_date(value: object) -> str | None:
    """An ISO day or datetime from container metadata ('2023-08-31', '2023-08-31T16:12:00+01:00', ...)."""
    if not value:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(Z|[+-]\d\d:?\d\d)?)?", s)
    if m:
        try:
            dt.date.fromisoformat(m.group(1))
        except ValueError:
            return None
        if m.group(2):
            t = m.group(2) if len(m.group(2)) == 8 else m.group(2) + ":00"
            tz = m.group(3) or ""
            if tz == "Z":
                tz = "+00:00"
            elif tz and ":" not in tz:
                tz = tz[:3] + ":" + tz[3:]
            return f"{m.group(1)}T{t}{tz}"
        return m.group(1)
    found = find_dates(s)
    return found[0].value if found else None


def _dated_facts(text: str, lang: str | None) -> list[tuple[int, int, str, str]]:
    """(start, end, text, value) of the absolute dates in text, as precise as written: days ('YYYY-MM-DD') and
    months ('YYYY-MM'): the cleaner's own multilingual date finder, plus the project's timex tagger on French text
    when it is installed (it also reads forms such as '1er mars'). Years alone are too weak a clue for a
    publication date and are left out."""
    text = text[
        :INFER_MAX_CHARS
    ]  # an article states its dated facts early; a huge text is not read to the end
    out = [(m.start, m.end, m.text, m.day.isoformat()) for m in find_dates(text, lang)]
    out += [(m.start, m.end, m.text, m.value) for m in find_month_years(text, lang)]
    if lang == "fr" and len(text) <= TIMEX_MAX_CHARS:
        try:
            from recoupe.nlp.timex import tag
        except ImportError:
            return out
        try:
            for t in tag(text, None):
                if (
                    getattr(t, "type", None) != "DATE"
                    or not t.value
                    or getattr(t, "basis", None) == "relative"
                ):
                    continue
                if (
                    re.fullmatch(r"(?:1[89]|20)\d\d-\d\d(?:-\d\d)?", t.value)
                    and text[t.start : t.end] == t.text
                ):
                    out.append((t.start, t.end, t.text, t.value))
        except Exception:  # the tagger is another stage's code: never let it sink cleaning
            pass
    return out


def inferred_date(
    article_id: str, text: str, today: dt.date | None = None, lang: str | None = None
) -> Published:
    """`inferred` from the latest dated fact the text writes (not in the future): not_before is that date, as
    precise as written, and the value is the same (the best estimate the text supports: news is published on or
    soon after the latest day it reports); `unknown` when the text dates nothing."""
    today = today or dt.date.today()
    best: tuple[int, int, str, str] | None = None
    for s, e, t, value in _dated_facts(text, lang):
        if value[:7] > today.isoformat()[:7] or value > today.isoformat():
            continue
        # compare by the first day a value covers; on a tie the more precise value wins
        if best is None or (value.ljust(10, "~") > best[3].ljust(10, "~")):
            best = (s, e, t, value)
    if best is None:
        return Published(value=None, basis="unknown")
    s, e, t, value = best
    return Published(
        value=value, basis="inferred", not_before=value, evidence=Span(article_id, s, e, text[s:e])
    )
