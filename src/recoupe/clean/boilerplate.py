"""Boilerplate removal for scraped plain text (one block per line), in the manner of jusText.

Each non-empty line is a block. Its features are general, never site-specific: length, stop-word density (jusText's
stop list for the page language, or the page's own most frequent words when jusText has none), terminal
punctuation, links and addresses, widget cue words that every site uses for the same things (share bars, cookie
notices, comment forms, "read also" links, paywalls: resources/clean/cues.json, several languages), repetition
inside the page and across the corpus, and position relative to the main text block and to the article's head
(title, byline, date line).

Steps (clean_lines):
1. classify each line good / near-good / short / bad as jusText does (same thresholds), widget cues forcing bad;
2. score the lines (text for, furniture against) and find the high-scoring runs (maximum subarray, recursively);
   text after a comment header counts little; the article is the run holding the first paragraph under the
   page's title + date line when there is one, else the earliest run worth half the best (pages that carry
   several stories put the requested one first); the run grows over small gaps (a share bar, an ad, a picture)
   and stops before a feed of dated or signed teasers;
3. inside the run keep good and near-good lines and short lines set between text (subheadings, short
   paragraphs); drop widget lines, captions, bylines, date lines, repeats and the link list after a "read also"
   header; outside the run drop everything, each removal recorded with a kind and a reason.
A page where no run can be trusted keeps every line that reads as text: losing a body is worse than a leak.

Photo captions are removed (kind `caption`) rather than kept: they describe pictures, not events, and often credit an
agency that did not write the article. A caption is recognised by its credit ("(Photo AP/...)", "Foto: ...",
"NAME / AFP", "© ..."); a caption without a credit stays in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from recoupe.clean.dates import find_dates, find_short_year
from recoupe.clean.resources import load_resource

# jusText's defaults (Pomikálek 2011), in characters and stop-word share.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
# Main-block choice.
EARLY_BLOCK_SHARE = 0.5  # an earlier run scoring this share of the best one is the main text...
MIN_EARLY_BLOCK = 4.0  # ...if it is also worth a few paragraphs
LEDE_BONUS = 2.5  # added to the first paragraph under the title and date line
LEDE_BLOCK_SHARE = 0.15  # the run under the date line wins if it scores this share of the best one
BACK_GAP_COST = 2.5  # how much furniture may separate a lede from the body (no known title above)
FORWARD_GAP_COST = 1.2  # the same after the body: a page rarely resumes its article after furniture
COMMENT_WEIGHT = 0.25  # weight of text after a comment header
COMMENT_WALL_AFTER = 500  # characters of text before a comment header for it to open the comment section
CORPUS_SHARE = 0.2  # a line on this share of the corpus's pages (and on 3 or more) is site furniture
MAX_DATE_LINE = 2000  # longer lines are never date lines (and are not searched for dates)

# jusText splits on white space; we also trim punctuation at the ends of each token ("mots," is "mots").
# Splitting on \W would cut Indic words at their vowel signs (combining marks are not \w).
_EDGE_PUNCT = ".,;:!?¡¿«»\"“”„‚'’‘()[]{}…-–—/\\|*•·<>=+#%&@~^`_"


def tokens(text: str) -> list[str]:
    """Lower-cased words of a line, split on white space, punctuation trimmed at both ends."""
    out = []
    for t in text.lower().split():
        t = t.strip(_EDGE_PUNCT)
        if t and any(ch.isalnum() for ch in t):
            out.append(t)
    return out


_TERMINAL = re.compile(r"[.!?…:;»\"”’。！？।॥؟۔]\s*$")
# Teasers cut short by the site ("(...)", "[…]", a trailing ellipsis on a short line) link to other pages.
_TRUNCATED = re.compile(r"(?:[(\[]\s*(?:\.\.\.|…)\s*[)\]]|\s(?:\.\.\.|…))\s*$")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?|php)\b|<[a-z]+[ >]|\S@\S+\.\w", re.IGNORECASE)
_BULLET = re.compile(r"^[\s•·▪►▶●○■□◆◇‣⁃\-–—*>]+")
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*\S.*\(@\w+\)")
_GLUED_CREDIT = re.compile(r"[a-zà-ÿ]{3}[A-ZÀ-Þ][a-zà-ÿ]+(?: [A-ZÀ-Þ][\w.’'-]+){1,2}$")


@dataclass
class Line:
    """One non-empty line of the raw text and what the cleaner decided about it."""

    idx: int  # position among non-empty lines
    start: int  # raw offsets of the trimmed content
    end: int
    text: str
    words: int = 0
    chars: int = 0
    stop: float = 0.0
    terminal: bool = False
    cls: str = "short"  # good | near-good | short | bad
    hard: str | None = None  # kind forced by a widget cue
    reason: str | None = None
    doc_repeat: int = 1
    corpus_repeat: int = 0
    keep: bool = False
    kind: str | None = None  # removal kind when dropped
    dates: list = field(default_factory=list)


@lru_cache(maxsize=1)
def cues() -> dict:
    data = load_resource("cues.json")
    # one pattern per kind (alternatives joined): a line is tested against a dozen regexes, not a hundred
    compiled = {
        kind: [re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in pats) + r")$", re.IGNORECASE)]
        for kind, pats in data["line"].items()
        if pats
    }
    return {
        "line": compiled,
        "contains": {
            kind: [re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)]
            for kind, pats in data["contains"].items()
        },
        "credit": re.compile(r"^" + data["credit"], re.IGNORECASE),
        "caption_tail": re.compile(data["caption_tail"], re.IGNORECASE),
        "published": re.compile(r"\b" + data["published"] + r"\b", re.IGNORECASE),
        "updated": re.compile(r"\b" + data["updated"] + r"\b", re.IGNORECASE),
        "byline": re.compile(data["byline"]),
        "social": re.compile(r"(?<![\w.])(?:" + data["social_names"] + r")(?!\w)", re.IGNORECASE),
        "relative_date": re.compile(r"^(?:" + data["relative_date"] + r")$", re.IGNORECASE),
        "author_box": re.compile(r"^(?:" + data["author_box"] + r")$", re.IGNORECASE),
    }


@lru_cache(maxsize=65536)
def norm_line(s: str) -> str:
    """Key for repetition counts: case, Latin accents, digits and punctuation folded. Marks of other scripts
    (Indic vowel signs) are letters' parts and stay."""
    out = []
    prev_latin = False
    s = s[:600]  # a key, not a copy: long lines are running text and their head identifies them
    for ch in unicodedata.normalize("NFD", s.lower()):
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            out.append(ch)
            prev_latin = ch < "\u0370"
        elif cat[0] == "M":
            if not prev_latin:
                out.append(ch)
        else:
            out.append(" ")
            prev_latin = False
    return " ".join("".join(out).split())


def split_lines(raw: str) -> list[Line]:
    """Non-empty lines with raw offsets of their content (leading bullets and spaces trimmed)."""
    out: list[Line] = []
    pos = 0
    for chunk in raw.splitlines(keepends=True):
        body = chunk.rstrip("\r\n")
        lead = _BULLET.match(body)
        s = lead.end() if lead else 0
        # a line made only of bullet characters is empty
        content = body[s:].rstrip()
        if content.strip():
            # keep a leading quote/dash that opens speech: only strip pure bullet glyphs and spaces
            if lead and re.search(r"[-–—]", body[:s]) and not re.search(r"[•·▪►▶●○■□◆◇‣⁃*]", body[:s]):
                s = len(body) - len(body.lstrip())
                content = body[s:].rstrip()
            out.append(Line(len(out), pos + s, pos + s + len(content), content))
        pos += len(chunk)
    return out


def glued_half(s: str) -> str | None:
    """'TitleTitle' or 'Title Title' -> 'Title' (inline elements glued by the scraper)."""
    n = len(s)
    if n >= 8 and n % 2 == 0 and s[: n // 2] == s[n // 2 :]:
        return s[: n // 2]
    if n >= 9 and n % 2 == 1 and s[: n // 2] == s[n // 2 + 1 :] and s[n // 2].isspace():
        return s[: n // 2]
    return None


def page_stoplist(lines: list[Line], stoplist: frozenset[str] | None) -> frozenset[str]:
    """The language's stop list, or, without one, the page's most frequent words in its longer lines."""
    if stoplist:
        return stoplist
    counts: Counter[str] = Counter()
    for ln in lines:
        toks = tokens(ln.text)
        if len(toks) >= 8:
            counts.update(toks)
    if not counts:
        return frozenset()
    k = max(15, len(counts) // 50)
    return frozenset(w for w, _ in counts.most_common(k))


def hard_cue(text: str) -> str | None:
    """The widget kind a line's wording gives away (share, cookie, comment...), or None."""
    c = cues()
    t = text.strip().strip("|·•›»>/").strip()
    if not t:
        return "other"
    low = t.lower()
    for kind, pats in c["line"].items():
        for p in pats:
            if p.match(low):
                return kind
    for kind, pats in c["contains"].items():
        if len(t) > (600 if kind == "cookie" else 400):
            continue
        for p in pats:
            if p.search(low):
                return kind
    if _URLISH.search(t):
        # links and addresses: furniture when they are most of the line, not when a sentence carries one
        words = [w for w in t.split() if not _URLISH.search(w)]
        if len(words) < 6:
            return "other"
    if len(t) < 200 and _TRUNCATED.search(t):
        return "related"
    # a share bar: several network names and little else
    nets = c["social"].findall(low)
    if len(nets) >= 2 and len(tokens(t)) <= 3 * len(nets) + 2:
        return "share"
    return None


def _elided_stop(word: str, stop: frozenset[str]) -> bool:
    """French/Italian elision: "l'homme", "dell'anno" count as their article."""
    for apo in ("'", "’"):
        if apo in word:
            head = word.split(apo, 1)[0]
            return head + apo in stop or head in stop or head + "e" in stop or head + "a" in stop
    return False


def features(lines: list[Line], stop: frozenset[str], corpus_counts: dict[str, int] | None) -> None:
    doc = Counter(norm_line(ln.text) for ln in lines)
    for ln in lines:
        toks = tokens(ln.text)
        ln.words = len(toks)
        ln.chars = len(ln.text)
        ln.stop = sum(1 for w in toks if w in stop or _elided_stop(w, stop)) / len(toks) if toks else 0.0
        ln.terminal = bool(_TERMINAL.search(ln.text))
        key = norm_line(ln.text)
        ln.doc_repeat = doc[key]
        if corpus_counts is not None and key:
            ln.corpus_repeat = corpus_counts.get(key, 0)


def classify(ln: Line) -> str:
    """jusText's context-free class, with widget cues and title-like lines pushed down."""
    if ln.hard:
        return "bad"
    if ln.words == 0:
        return "bad"
    if ln.chars < LENGTH_LOW:
        # a complete short sentence is evidence of text; a bare label is not
        return "short"
    if ln.stop >= STOPWORDS_HIGH:
        if ln.chars > LENGTH_HIGH:
            return "good"
        return "near-good" if ln.terminal or ln.chars > 120 else "short"
    if ln.stop >= STOPWORDS_LOW:
        return "near-good" if ln.terminal else "short"
    # low stop density: menus and lists of names, unless a long punctuated paragraph (numbers-heavy text)
    if (ln.chars > LENGTH_HIGH or ln.words >= 15) and ln.terminal and ln.stop >= 0.15:
        return "near-good"
    return "bad"


def _score(ln: Line) -> float:
    """Contribution of a line to the main-block score."""
    if ln.cls == "good":
        return 1.0 + min(ln.chars, 800) / 200
    if ln.cls == "near-good":
        return 0.6 + min(ln.chars, 400) / 400
    if ln.cls == "short":
        if not any(ch.isalpha() for ch in ln.text):
            return -0.1  # a bare number or time mark ("14'", "12:30") between the entries of a live report
        if ln.terminal and ln.words >= 3:
            return 0.1  # a short sentence of running text
        if ln.words >= 3 and ln.stop >= STOPWORDS_LOW:
            return -0.1  # a table row, a list item, a subheading: cheap to carry inside the text
        return -0.35
    if ln.hard in _INLINE_WIDGETS or (ln.hard == "related" and not related_header(ln)):
        return -0.5  # widgets set inside an article (share bar, ad slot, an inline 'read also' link)
    return -2.0 if ln.hard else -1.0


def _kadane(scores: list[float], lo: int, hi: int) -> tuple[float, tuple[int, int] | None]:
    best, best_span = 0.0, None
    cur, cur_start = 0.0, lo
    for i in range(lo, hi):
        if cur <= 0:
            cur, cur_start = scores[i], i
        else:
            cur += scores[i]
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best, best_span


def _blocks(scores: list[float], lo: int, hi: int, out: list[tuple[float, int, int]], depth: int = 0) -> None:
    """Disjoint high-scoring runs: the best one, then recursively the best in what lies left and right of it."""
    if hi - lo <= 0 or depth > 12:
        return
    best, span = _kadane(scores, lo, hi)
    if span is None or best <= 0:
        return
    out.append((best, span[0], span[1]))
    _blocks(scores, lo, span[0], out, depth + 1)
    _blocks(scores, span[1] + 1, hi, out, depth + 1)


# widgets that sit inside an article (share bars, paywall and newsletter boxes, ads) rather than around it
_INLINE_WIDGETS = ("share", "newsletter", "advert", "loading", "other")


def _extend(
    lines: list[Line], scores: list[float], first: int, last: int, floor: int | None = None
) -> tuple[int, int]:
    """Grow the block over small gaps (an ad, a caption, a share bar, a table) when text resumes right after them.

    Backwards the lede and first paragraphs often sit behind a picture or a share bar; forwards a page rarely resumes
    the article after a gap, so the gap must be cheap and free of section furniture."""
    changed = True
    while changed:
        changed = False
        # under a known title (floor), the article head (standfirst, byline, date, share bar, picture) is crossed
        # whatever it costs: a standfirst there belongs to the text
        budget = float("inf") if floor is not None else BACK_GAP_COST
        acc, best_j, best_acc = 0.0, None, -budget
        for j in range(first - 1, max((floor or 0) - 1, first - 25), -1):
            ln = lines[j]
            if ln.hard in ("related", "footer"):
                break
            if ln.cls in ("good", "near-good") and acc + scores[j] > best_acc:
                best_j, best_acc = j, acc + scores[j]
            if floor is None and ln.dates and ln.chars < 160 and is_date_line(ln, None):
                break  # the article's date line: above it is the page header (unless the title is known)
            # a share bar or a paywall box commonly splits the lede from the body: cheap to cross
            acc += -0.3 if ln.hard in _INLINE_WIDGETS else scores[j]
        if best_j is not None:
            first, changed = best_j, True
        acc, best_j = 0.0, None
        for j in range(last + 1, min(len(lines), last + 12)):
            if lines[j].hard and lines[j].hard not in ("advert", "other"):
                break
            if lines[j].cls == "good" and acc >= -FORWARD_GAP_COST:
                best_j = j
                break
            acc += scores[j]
        if best_j is not None:
            last, changed = best_j, True
    return first, last


def _credit_line(ln: Line) -> bool:
    """A short line crediting a news agency ('Le Journal avec AFP', '(Reuters)')."""
    if ln.chars >= 80:
        return False
    from recoupe.clean.metadata import credited_agency  # metadata imports this module: import late

    return credited_agency(ln.text) is not None


def _lede_after_dateline(lines: list[Line]) -> tuple[int, int] | None:
    """The first text line right under the page's first heading + date line: where an article starts, however
    short it is (a one-paragraph brief scores too little on its own against link lists). Returns (title, lede)."""
    for i, ln in enumerate(lines):
        if not (ln.dates and ln.chars < 200 and is_date_line(ln, None)):
            continue
        heads = [
            o.idx
            for o in lines[max(0, i - 6) : i]
            if not o.hard and o.words >= 4 and not o.dates and not is_byline(o) and not _credit_line(o)
        ]
        if not heads:
            continue
        # the title: the last heading-shaped line above the date (a chapo under it may be running text)
        short_heads = [h for h in heads if lines[h].cls == "short"] or heads
        for j in range(i + 1, min(len(lines), i + 16)):  # past the share bar, the picture and its caption
            if lines[j].cls in ("good", "near-good"):
                return short_heads[-1], j
            if lines[j].hard in ("related", "footer"):
                break
        return None
    return None


def main_block(lines: list[Line]) -> tuple[int, int] | None:
    """[first, last] indexes of the main text: the earliest run scoring at least half the best run (pages that
    carry several stories put the requested one first), grown over small gaps."""
    scores = [_score(ln) for ln in lines]
    anchor = _lede_after_dateline(lines)
    head, lede = anchor if anchor else (None, None)
    if lede is not None:
        scores[lede] += LEDE_BONUS
    # A comment section: once a comment header follows some text, what comes after is readers' text. It is a wall
    # for the block, and counts little, so that long threads do not outweigh the article.
    text_before = 0
    wall = False
    for i, ln in enumerate(lines):
        if wall:
            scores[i] = scores[i] * COMMENT_WEIGHT if scores[i] > 0 else scores[i]
        elif ln.hard == "comment" and ln.words <= 8 and text_before >= COMMENT_WALL_AFTER:
            scores[i] = -50.0
            wall = True
        elif ln.cls in ("good", "near-good"):
            text_before += ln.chars
    found: list[tuple[float, int, int]] = []
    _blocks(scores, 0, len(lines), found)
    if not found:
        return None
    top = max(b[0] for b in found)
    if lede is not None:
        # the block that starts under the title and date line is the article, unless it is a mere teaser
        for score, first, last in found:
            if first <= lede <= last and score >= max(MIN_EARLY_BLOCK + LEDE_BONUS, LEDE_BLOCK_SHARE * top):
                # what precedes the article's own date line is page header, whatever it scores
                floor = min(head + 1, lede)
                return _extend(lines, scores, max(first, floor), last, floor)
    strong = sorted(
        (b for b in found if b[0] == top or (b[0] >= EARLY_BLOCK_SHARE * top and b[0] >= MIN_EARLY_BLOCK)),
        key=lambda b: b[1],
    )
    _, first, last = strong[0]
    return _extend(lines, scores, first, last)


def is_date_line(ln: Line, lang: str | None) -> bool:
    """A line that is mostly a date (and maybe a byline or a 'published/updated' cue)."""
    if not ln.dates or ln.chars > 160:
        return False
    if _EMBED_SIGNATURE.search(ln.text):
        return False  # "— Name (@handle) March 3, 2021": the signature of an embedded post, part of the text
    rest = ln.text
    for d in reversed(ln.dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest_words = [w for w in tokens(rest) if any(ch.isalpha() for ch in w)]
    limit = 12 if cues()["published"].search(ln.text) or cues()["updated"].search(ln.text) else 8
    if len(rest_words) <= limit and not (ln.terminal and ln.text.rstrip()[-1] == "." and len(rest_words) > 5):
        return True
    return _date_in_segments(ln)


_SEGMENT_SEP = re.compile(r"\s+[|·•—–]\s+")


def _date_in_segments(ln: Line) -> bool:
    """A head line of short fields ('12 juillet 2022 | Par J. Dupuis | Blog : Le blog de J. Dupuis'): one field is
    the date, the others are short (byline, section, reading time) and none is a sentence."""
    parts = _SEGMENT_SEP.split(ln.text.strip())
    if len(parts) < 2 or len(parts) > 6 or any(len(tokens(p)) > 8 or p.rstrip().endswith(".") for p in parts):
        return False
    pos = 0
    for p in parts:
        at = ln.text.find(p, pos)
        pos = at + len(p)
        inside = [d for d in ln.dates if at <= d.start and d.end <= pos]
        if inside:
            rest = p[: inside[0].start - at] + p[inside[0].end - at :]
            if len([w for w in tokens(rest) if any(ch.isalpha() for ch in w)]) <= 3:
                return True
    return False


def is_relative_date_line(ln: Line) -> bool:
    """A short line giving the page's age instead of its date ('il y a 3 heures', 'hier à 14h30', '2 hours ago'):
    it sits where the date line does, but dates nothing by itself."""
    return ln.chars <= 40 and bool(cues()["relative_date"].match(ln.text.strip().strip("|·•-–").strip()))


def _cut_author_box(lines: list[Line], first: int, last: int) -> int:
    """End the block before an author box ('À propos de l'auteur' and the biography under it): the biography is
    running text, but about the writer, not the story. Only after some text, so that a page about an author keeps
    its body."""
    text_before = 0
    for i in range(first, last + 1):
        ln = lines[i]
        if text_before >= 300 and ln.words <= 8 and cues()["author_box"].match(ln.text.strip()):
            return i - 1
        if ln.cls in ("good", "near-good"):
            text_before += ln.chars
    return last


def is_caption(ln: Line) -> bool:
    """A picture caption or credit: ends with a photo credit ('(Photo AP/X)', 'Photo : X', 'X/AFP', '.AP')."""
    c = cues()
    if re.fullmatch(r"\(\s*[\w .-]{1,30}\)", ln.text.strip()):
        return False  # a bare '(dpa)' signs the text, it credits no picture
    if c["credit"].match(ln.text) and ln.words <= 10:
        return True
    if ln.chars > 400:
        return False
    if c["caption_tail"].search(ln.text[-160:]):  # a credit closes the caption: read its end only
        return True
    # a caption glued to its photographer's name: "... de la Cámara de DiputadosIgnacio Sánchez"
    if ln.chars < 200 and not ln.terminal and _GLUED_CREDIT.search(ln.text):
        return True
    # "Sentence.AP" / "Sentence. (AP)" glued credit after the last full stop
    return bool(re.search(r"[a-zà-ÿ)]\.\s*\(?(AP|AFP|Reuters|EPA|dpa|ANSA|EFE)\)?\s*$", ln.text))


def is_byline(ln: Line) -> bool:
    """'By Jane Doe', 'Par Jean Dupont et Marie Martin', 'PorRodolfo Costa' (glued), with an optional role."""
    return ln.words <= 16 and bool(cues()["byline"].match(ln.text.strip()))


def related_header(ln: Line) -> bool:
    return ln.hard == "related" and ln.words <= 8 and not re.search(r"[:>»|–-]\s*\S", ln.text)


def clean_lines(
    raw: str,
    lang: str | None,
    stoplist: frozenset[str] | None,
    corpus_counts: dict[str, int] | None = None,
    corpus_docs: int = 0,
    light: bool = False,
) -> list[Line]:
    """Decide keep/drop for every non-empty line of `raw`; returns the lines with `keep`, `kind`, `reason` set.

    light=True (text already extracted from HTML): no main-block cut, only widget lines, captions and date lines go.
    """
    lines = split_lines(raw)
    if not lines:
        return lines
    stop = page_stoplist(lines, stoplist)
    features(lines, stop, corpus_counts)
    for ln in lines:
        ln.hard = hard_cue(ln.text)
        # a page's own date sits on a short line; long paragraphs are not searched (cost stays linear)
        ln.dates = find_dates(ln.text, lang) if ln.chars <= MAX_DATE_LINE else []
        if not ln.dates and ln.chars <= 160:
            short = find_short_year(ln.text, lang)
            # a two-digit year is trusted where the line is a date line or says published/updated
            if short and (
                short[0].start <= 3
                or cues()["published"].search(ln.text)
                or cues()["updated"].search(ln.text)
            ):
                ln.dates = short
        ln.cls = classify(ln)
        # repeated across several other pages of the corpus and not running text: site furniture
        # Repeated across several pages of the corpus: site furniture (menus, slogans, widget labels). Sentences
        # and long headings are spared: syndicated copies of one story share them.
        if (
            corpus_counts is not None
            and corpus_docs >= 3
            and ln.corpus_repeat >= max(3, CORPUS_SHARE * corpus_docs)
            and ln.cls != "good"
            and not ln.hard
            and not (ln.terminal and ln.words >= 4)
            and (ln.words <= 6 or ln.stop < 0.2)
        ):
            ln.hard = "navigation"
            ln.reason = f"line on {ln.corpus_repeat} pages of the corpus"
            ln.cls = "bad"
    if light:
        span: tuple[int, int] | None = (0, len(lines) - 1)
    else:
        span = main_block(lines)
        total = sum(ln.chars for ln in lines if ln.cls in ("good", "near-good"))
        kept = (
            sum(ln.chars for ln in lines[span[0] : span[1] + 1] if ln.cls in ("good", "near-good"))
            if span
            else 0
        )
        if span is None or kept < 200 and (total == 0 or kept < 0.5 * total):
            # cannot judge: keep whatever reads as text, drop only what is surely furniture
            for ln in lines:
                ln.keep = not ln.hard and (
                    ln.cls in ("good", "near-good") or (ln.terminal and ln.words >= 3 and ln.cls == "short")
                )
                if not ln.keep:
                    ln.kind = ln.hard or "other"
                    ln.reason = "no main block found; not running text"
            return lines
    first, last = span
    if not light:
        last = _cut_feed(lines, first, last, lang)
        last = _cut_author_box(lines, first, last)
    seen: set[str] = set()
    in_related = False
    for i, ln in enumerate(lines):
        key = norm_line(ln.text)
        if i < first or i > last:
            ln.keep = False
            ln.kind = ln.hard if ln.hard and ln.hard != "other" else ("navigation" if i < first else "footer")
            if ln.kind == "navigation" and re.search(r"\S\s*[/>›»|]\s*\S", ln.text) and i < first:
                ln.kind = "breadcrumb"
            ln.reason = ln.reason or (
                "before the main text block" if i < first else "after the main text block"
            )
            if ln.dates and is_date_line(ln, lang):
                ln.kind, ln.reason = "date_line", "date line outside the text"
            elif not ln.hard and is_caption(ln):
                ln.kind, ln.reason = "caption", "picture caption or credit outside the text"
            elif not ln.hard and is_byline(ln):
                ln.kind, ln.reason = "credit", "byline"
            continue
        if ln.hard == "other" and _URLISH.search(ln.text) and not re.search(r"<[a-z]+[ >]", ln.text, re.I):
            # an address written in the text (a contact e-mail, a document's link) stays when text surrounds it
            if _neighbour_good(lines, i, -1, first, last) and _neighbour_good(lines, i, 1, first, last):
                ln.keep = True
                continue
        if ln.hard:
            ln.keep, ln.kind = False, ln.hard
            ln.reason = ln.reason or f"{ln.hard} cue words"
            if related_header(ln):
                in_related = True
            continue
        if is_date_line(ln, lang) or is_relative_date_line(ln):
            ln.keep, ln.kind, ln.reason = False, "date_line", "date or byline line"
            continue
        if is_caption(ln):
            ln.keep, ln.kind, ln.reason = False, "caption", "ends with a photo credit"
            continue
        if ln.cls != "good" and is_byline(ln):
            ln.keep, ln.kind, ln.reason = False, "credit", "byline"
            continue
        if key and key in seen and ln.cls != "good":
            ln.keep, ln.kind, ln.reason = False, "title_repeat", "repeats an earlier line"
            continue
        if ln.cls != "good" and len(key) >= 40 and _echoed(lines, i, key, first, last):
            ln.keep, ln.kind, ln.reason = (
                False,
                "other",
                "shorter copy of a neighbouring line (alt text, teaser)",
            )
            continue
        if in_related:
            if ln.cls == "good" or (ln.cls == "near-good" and ln.text.rstrip()[-1:] in ".!?…"):
                in_related = False
            else:
                ln.keep, ln.kind, ln.reason = False, "related", "link list after a 'read also' header"
                continue
        if _EMBED_SIGNATURE.search(ln.text) and i > 0 and lines[i - 1].keep:
            ln.keep = True  # the signature line of an embedded post quoted in the text
        elif light:
            ln.keep = True  # text an extractor already chose (HTML): only widgets, captions and dates go
        elif ln.cls in ("good", "near-good"):
            ln.keep = True
        else:
            ln.keep = _short_kept(lines, i, first, last)
        if not ln.keep:
            ln.kind = "navigation" if ln.cls == "bad" else "other"
            ln.reason = "short line outside running text" if ln.cls == "short" else "low stop-word density"
        if ln.keep and key:
            seen.add(key)
    if not light:
        _trim_tail(lines)
    return lines


def _trim_tail(lines: list[Line]) -> None:
    """A short line closing the kept text without ending a sentence ('Related :', 'Tags') heads what was cut."""
    kept = [ln for ln in lines if ln.keep]
    for ln in reversed(kept):
        dangling = ln.text.rstrip()[-1:] not in '.!?»"”…)'
        if ln.cls == "short" and ln.words <= 8 and "|" not in ln.text and dangling:
            ln.keep, ln.kind, ln.reason = False, "other", "heading left dangling at the end of the text"
            continue
        break


def _echoed(lines: list[Line], i: int, key: str, first: int, last: int) -> bool:
    """The line's words open or are contained in a longer neighbouring line: an image's alt text or a teaser
    repeating the paragraph it links to."""
    for j in range(max(first, i - 3), min(last, i + 3) + 1):
        if j == i:
            continue
        other = norm_line(lines[j].text)
        if len(other) > len(key) and key in other:
            return True
    return False


def _cut_feed(lines: list[Line], first: int, last: int, lang: str | None) -> int:
    """End the block before a feed of teasers: text paragraphs each followed by their own byline or date line.
    Two date lines or bylines a few lines apart after the body has started mark the list; the block ends before
    the first teaser (its heading and summary)."""
    dated = [
        i
        for i in range(first + 3, last + 1)
        if (lines[i].dates and is_date_line(lines[i], lang)) or is_byline(lines[i])
    ]
    for a, b in zip(dated, dated[1:], strict=False):
        if b - a > 6:
            continue
        # walk back from the first date line over the teaser: byline/short lines, its summary, its heading
        j = a - 1
        while j > first and lines[j].cls not in ("good", "near-good"):
            j -= 1
        j -= 1  # the teaser's summary belongs to the feed too
        while j > first and lines[j].cls == "short" and not lines[j].terminal:
            j -= 1
        return max(first, j)
    return last


def _short_kept(lines: list[Line], i: int, first: int, last: int) -> bool:
    """jusText context rule: a short line stays when running text surrounds it (a subheading, a short paragraph)."""
    ln = lines[i]
    if ln.cls == "bad":
        return False
    if ln.terminal and ln.words >= 3 and ln.stop >= 0.2:
        prev_ok = _neighbour_good(lines, i, -1, first, last)
        next_ok = _neighbour_good(lines, i, 1, first, last)
        return prev_ok or next_ok
    prev_ok = _neighbour_good(lines, i, -1, first, last)
    next_ok = _neighbour_good(lines, i, 1, first, last)
    return prev_ok and next_ok and ln.words <= 20


def _neighbour_good(lines: list[Line], i: int, step: int, first: int, last: int) -> bool:
    j = i + step
    while first <= j <= last:
        c = lines[j].cls
        if c in ("good", "near-good"):
            return True
        if c == "bad" or lines[j].hard:
            return False
        j += step
        if abs(j - i) > 2:
            return False
    return False
