"""Publication date of a cleaned article: stated on the page, given by the container's metadata, inferred from the
latest absolute date the text mentions, or unknown.

A stated date is looked for near the top of the page (title, byline, date lines, first body lines) and on any line
that says "published"/"updated" in one of several languages. A 'published' date beats an 'updated' one; without
either cue, the date closest to the title wins; a wire dateline ('PARIS, 7 mars 2024 (AFP) -') dates the story
too. A day and month printed without a year ('Publié le 11 mai à 14h') take the year of a full date printed beside
them (stated), else of the latest full date elsewhere on the page or of its copyright notice (inferred). Nothing
precise is ever invented: an age ('il y a 3 heures') is no date; an inferred value is a date the document itself
writes (its text or a removed photo caption), its `not_before` the latest such date, and it is never earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from recoupe.clean.boilerplate import Line, cues, is_date_line
from recoupe.clean.dates import DateMention, find_dates, find_month_years, month_table
from recoupe.model import Published, Span

INFER_MAX_CHARS = 100_000
# The timex tagger is linear (about 100,000 characters/s); longer texts are not articles worth dating this way.
TIMEX_MAX_CHARS = 200_000


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
        if (published or updated) and ln.keep and ln.words > 15 and not is_date_line(ln, None):
            # 'le bulletin publié le 13 avril': a sentence of the text reporting another publication
            published = updated = False
        near_top = ln.idx <= first_body + 6 or (title_idx is not None and abs(ln.idx - title_idx) <= 8)
        if not (near_top or published or updated):
            continue
        # a date inside a sentence of the text is a fact it reports, not the page's date; a wire dateline
        # ('PARIS, 7 mars 2024 (AFP) -') opening the first text line dates the story itself
        dateline = _dateline_mention(ln) if ln.idx <= first_body + 3 else None
        if not (published or updated or is_date_line(ln, None) or dateline is not None):
            continue
        if ln.kind in ("related", "comment", "caption") and not (published or updated):
            continue
        for k, m in enumerate(ln.dates):
            if m.day > today:
                continue
            if (
                dateline is not None
                and m is not dateline
                and not (published or updated or is_date_line(ln, None))
            ):
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
            if ln.kind == "date_line" or (ln.chars < 120 and not ln.keep) or m is dateline:
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


_DATELINE_HEAD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.\- ]{1,40},?\s*$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]{1,30}\))?\s*[-–—]\s")


def _dateline_mention(ln: Line) -> DateMention | None:
    """The date of a wire dateline opening the line: a place, the date, maybe the agency, then a dash."""
    for m in ln.dates[:1]:
        if (
            m.start <= 45
            and _DATELINE_HEAD.match(ln.text[: m.start])
            and _DATELINE_TAIL.match(ln.text[m.end :])
        ):
            return m
    return None


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


def _first_day(value: str) -> str:
    """A sortable key: the first day a value covers, a month sorting before its own days ('2024-03' < '2024-03-01')."""
    return value if len(value) >= 10 else value + "-00"


def inferred_date(
    article_id: str,
    text: str,
    today: dt.date | None = None,
    lang: str | None = None,
    captions: list[str] | None = None,
) -> Published:
    """`inferred` from the latest dated fact the text writes (not in the future): not_before is that date, as
    precise as written, and the value is the same (the best estimate the text supports: news is published on or
    soon after the latest day it reports); `unknown` when the text dates nothing. `captions`: removed photo
    captions of the page; their dates are dated facts of the document too, but give no evidence span (they are
    not in the cleaned text)."""
    today = today or dt.date.today()
    best: tuple[int, int, str, str] | None = None
    for s, e, t, value in _dated_facts(text, lang):
        if value[:7] > today.isoformat()[:7] or value > today.isoformat():
            continue
        # compare by the first day a value covers; on a tie the more precise value wins
        if best is None or _first_day(value) > _first_day(best[3]):
            best = (s, e, t, value)
    from_caption = False
    for cap in captions or ():
        facts = [m.day.isoformat() for m in find_dates(cap, lang)] + [
            m.value for m in find_month_years(cap, lang)
        ]
        for value in facts:
            if value[:7] > today.isoformat()[:7] or value > today.isoformat():
                continue
            if best is None or _first_day(value) > _first_day(best[3]):
                best, from_caption = (0, 0, "", value), True
    if best is None:
        return Published(value=None, basis="unknown")
    s, e, t, value = best
    evidence = None if from_caption else Span(article_id, s, e, text[s:e])
    return Published(value=value, basis="inferred", not_before=value, evidence=evidence)


# --- dates printed without their year ('Publié le 11 mai à 14h') -------------------------------------------------

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)[^\n\d]{0,60}?(?P<y1>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<y2>(?:19|20)\d\d))?"
    r"|(?P<y3>(?:19|20)\d\d)\s*©",
    re.IGNORECASE,
)
_YEARLESS_MAX_LINE = 160  # a page's own date sits on a short line
_YEARLESS_NEAR_TITLE = 4  # a bare 'Le 11 mai à 14h' counts only right by the title


@dataclass
class YearlessDate:
    """A day and month the page prints for itself, with the year taken from other evidence on the page."""

    candidate: Candidate
    basis: str  # 'stated' when a full date printed beside it gives the year, 'inferred' otherwise
    cued: bool  # the line says published/updated


@lru_cache(maxsize=32)
def _yearless_pattern(lang: str | None) -> re.Pattern[str]:
    names = sorted((n for n in month_table(lang) if len(n) >= 3), key=len, reverse=True)
    mon = "(?P<mon>" + "|".join(re.escape(n) for n in names) + r")\.?"
    # day then month, not followed by a year; an optional clock time ('à 14h', '14:05', '- 9h30')
    return re.compile(
        rf"(?<![\w/.-])(?P<d>[0-3]?\d)(?:er|re|st|nd|rd|th|\.)?\s+(?:de\s+)?{mon}(?!\w)"
        r"(?!\s*,?\s*(?:de\s+)?\d{4})"
        r"(?:\s*(?:,|à|a las|alle|um|at|-|–)?\s*(?P<H>[0-2]?\d)\s*(?:h|:|heures?|Uhr)\s*(?P<M>[0-5]\d)?(?!\d))?",
        re.IGNORECASE,
    )


def _copyright_year(lines: list[Line]) -> int | None:
    """The latest year of the page's copyright notice ('© 2024 Site', 'Copyright 2019-2024'), or None."""
    years = []
    for ln in lines:
        if ln.chars > 300:
            continue
        for m in _COPYRIGHT.finditer(ln.text):
            y = m.group("y2") or m.group("y1") or m.group("y3")
            years.append(int(y))
    return max(years) if years else None


def _with_year(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def yearless_date(
    lines: list[Line],
    first_body: int,
    title_idx: int | None,
    today: dt.date | None = None,
    lang: str | None = None,
) -> YearlessDate | None:
    """The page's own date when it is printed without a year: on a line that says published/updated, or a bare
    short date line right by the title. The year comes from a full date printed on the same or a neighbouring date
    line (an update: the publication is not later than it), else from the latest full date printed elsewhere on
    the page or from its copyright year (then the basis is 'inferred'); with no such evidence there is no date:
    a year is never guessed."""
    today = today or dt.date.today()
    c = cues()
    anchor = title_idx if title_idx is not None else first_body
    pat = _yearless_pattern(lang)
    table = month_table(lang)
    fallback_year: int | None = None  # computed on first need
    best: YearlessDate | None = None
    for ln in lines:
        if ln.chars > _YEARLESS_MAX_LINE or abs(ln.idx - anchor) > 12:
            continue
        pub = c["published"].search(ln.text)
        upd = c["updated"].search(ln.text)
        if ln.keep and ln.words > 15:
            pub = upd = None  # 'le rapport, publié le 11 mai, ...': a sentence of the text
        for m in pat.finditer(ln.text):
            if any(d.start <= m.start() < d.end for d in ln.dates):
                continue
            rest = (ln.text[: m.start()] + " " + ln.text[m.end() :]).split()
            if not (pub or upd) and not (abs(ln.idx - anchor) <= _YEARLESS_NEAR_TITLE and len(rest) <= 3):
                continue
            month = table.get(m.group("mon").lower().rstrip("."))
            if month is None:
                continue
            day = int(m.group("d"))
            is_upd = bool(upd) and m.start() > upd.start() and not (pub and pub.start() > upd.start())
            # the year: a full date on this line or a date line next to it
            near = list(ln.dates) + [
                d
                for o in lines[max(0, ln.idx - 3) : ln.idx + 4]
                if o is not ln and o.dates and is_date_line(o, None)
                for d in o.dates
            ]
            basis = "stated"
            if near:
                ref = min(near, key=lambda d: abs(d.day.month - month))
                when = _with_year(day, month, ref.day.year)
                if when is not None and when > ref.day and not is_upd:
                    when = _with_year(day, month, ref.day.year - 1)  # published before its update
                elif when is not None and when < ref.day and is_upd:
                    when = _with_year(day, month, ref.day.year + 1)  # updated after its publication
            else:
                # no full date beside it: the year of the latest full date the page prints elsewhere (a related
                # item, the text), else of its copyright notice; the basis is then 'inferred'
                if fallback_year is None:
                    page_days = [d.day for o in lines for d in o.dates if d.day <= today]
                    fallback_year = max(page_days).year if page_days else (_copyright_year(lines) or 0)
                if not fallback_year:
                    continue
                basis = "inferred"
                when = _with_year(day, month, min(fallback_year, today.year))
                if when is not None and when > today:
                    when = _with_year(day, month, when.year - 1)
            if when is None or when > today:
                continue
            hour = int(m.group("H")) if m.group("H") else None
            value = when.isoformat()
            has_time = hour is not None and hour < 24
            if has_time:
                value += f"T{hour:02d}:{int(m.group('M') or 0):02d}:00"
            end = m.end() if has_time else m.end("mon")
            mention = DateMention(m.start(), end, ln.text[m.start() : end].rstrip(), value, when, has_time)
            score = (
                (3.0 if pub else 0.0)
                + (1.5 if ln.chars < 120 and not ln.keep else 0.0)
                + (0.5 if has_time else 0.0)
            )
            score -= 0.1 * min(abs(ln.idx - anchor), 30) + (1.0 if is_upd else 0.0)
            cand = YearlessDate(Candidate(ln, mention, score, is_upd), basis, bool(pub or upd))
            if best is None or score > best.candidate.score:
                best = cand
    return best
