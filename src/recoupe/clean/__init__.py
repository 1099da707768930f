"""The `clean` stage: a RawDocument (scraped plain text, or HTML with its extracted main text) -> an Article.

    from recoupe.clean import clean_document, CorpusStats
    stats = CorpusStats.from_texts(raw.text for raw in docs)   # lines repeated across pages (site furniture)
    article = clean_document(raw, stats)

What happens (see boilerplate.py, metadata.py, pubdate.py):
- language by py3langid, stop words by jusText's list for that language;
- lines classified and the main text block kept; everything removed is listed in `article.removed` with its kind,
  raw offsets and reason;
- `article.text` is the kept lines joined by blank lines; `article.raw_offsets` maps it back to the raw document as
  segments [text_start, raw_start, length] (for HTML input, into the raw HTML where the line is found verbatim);
- the title line is kept once, with the standfirst (chapô) printed right under it;
- title, outlet, wire agency, dateline city, and the publication date (stated > metadata > inferred > unknown).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import py3langid

from recoupe.clean.boilerplate import (
    Line,
    clean_lines,
    glued_half,
    is_byline,
    is_caption,
    is_date_line,
    norm_line,
    split_lines,
)
from recoupe.clean.metadata import (
    find_dateline,
    find_outlet,
    find_title,
    find_wire,
    find_wire_removed,
    title_text,
)
from recoupe.clean.pubdate import evidence_span, inferred_date, metadata_date, stated_date, yearless_date
from recoupe.model import Article, Published, Removed, stable_id

__all__ = ["CorpusStats", "clean_document", "clean_text", "detect_language"]

# the kinds of recoupe.model.Removed; widget cues with no kind of their own ("Loading...") count as "other"
REMOVED_KINDS = frozenset(
    "navigation breadcrumb share related comment advert newsletter cookie caption credit dateline title_repeat "
    "date_line footer other".split()
)
_MAX_LINE_FOR_STATS = 300  # long lines are running text: never site furniture, not worth counting


@dataclass
class CorpusStats:
    """How many documents of the corpus contain each (normalised) short line."""

    counts: dict[str, int] = field(default_factory=dict)
    docs: int = 0

    @classmethod
    def from_texts(cls, texts: Iterable[Any]) -> CorpusStats:
        """Count lines over raw texts (str, or RawDocument: its extracted main text for HTML)."""
        stats = cls()
        for t in texts:
            stats.add(t)
        return stats

    def add(self, doc: Any) -> None:
        for k in _line_keys(doc):
            self.counts[k] = self.counts.get(k, 0) + 1
        self.docs += 1

    def signature(self, doc: Any) -> str:
        """What cleaning `doc` reads from the corpus, as a short hash: the counts of its lines that other documents
        repeat, and the corpus size when the share threshold applies. The same signature means the same clean, so
        the store can reuse a cleaned article only while this holds."""
        shared = sorted((k, self.counts.get(k, 0)) for k in _line_keys(doc) if self.counts.get(k, 0) > 1)
        size = self.docs if any(n >= 3 for _, n in shared) else 0
        return hashlib.sha256(repr((size, shared)).encode("utf-8")).hexdigest()[:16]


def _line_keys(doc: Any) -> set[str]:
    """The repetition keys of a document's short lines (str, or RawDocument: its text to clean)."""
    text = _body_source(doc)[0] if not isinstance(doc, str) else doc
    keys = {norm_line(ln.text) for ln in split_lines(text) if len(ln.text) <= _MAX_LINE_FOR_STATS}
    return {k for k in keys if k}


def _body_source(raw: Any) -> tuple[str, bool]:
    """(text to clean, light?) for a RawDocument: HTML pages use the extracted main text with light cleaning."""
    meta = getattr(raw, "metadata", None) or {}
    if getattr(raw, "format", "text") == "html":
        main = meta.get("main_text")
        if isinstance(main, str) and main.strip():
            # an extractor's fallback (the whole page as text) still needs the full cleaning
            return main, not meta.get("main_text_fallback")
        # no extraction available: strip tags crudely and clean as scraped text
        text = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1>", " ", raw.text or "")
        text = re.sub(r"(?i)<(br|/p|/div|/h\d|/li|/tr|/title)\b[^>]*>", "\n", text)
        text = re.sub(r"<[^>]+>", " ", text)
        import html as _html

        return _html.unescape(text), False
    return raw.text or "", False


@cache
def _stoplist(lang: str) -> frozenset[str] | None:
    """jusText's stop list for an ISO 639-1 code, or None when it has none."""
    import justext

    names = set(justext.get_stoplists())
    candidates = []
    try:
        import pycountry

        rec = pycountry.languages.get(alpha_2=lang)
        if rec is not None:
            candidates.append(rec.name)
    except (ImportError, KeyError, LookupError):
        pass
    try:
        from babel import Locale

        candidates.append(Locale(lang).get_display_name("en"))
    except Exception:  # unknown locale in babel
        pass
    for c in candidates:
        for name in (c, c.replace(" ", "_"), c.split(" ")[0], c.split(";")[0].strip().replace(" ", "_")):
            if name in names:
                return frozenset(w.lower() for w in justext.get_stoplist(name))
    if lang == "nb" or lang == "no":
        return frozenset(w.lower() for w in justext.get_stoplist("Norwegian_Bokmal"))
    return None


def detect_language(text: str, default: str = "fr") -> str:
    """ISO 639-1 code of the text's language (py3langid on its longer lines, which are the running text);
    `default` when the text has too few letters to tell."""
    long_lines = [ln for ln in text.splitlines() if len(ln.strip()) >= 60]
    # the longest lines are the running text; a few thousand characters settle the language
    long_lines.sort(key=len, reverse=True)
    sample = "\n".join(long_lines)[:4000] if long_lines else text[:4000]
    if sum(ch.isalpha() for ch in sample[:400]) < 20:
        return default
    lang, _ = py3langid.classify(sample)
    return lang


def clean_text(
    text: str, lang: str | None = None, stats: CorpusStats | None = None, light: bool = False
) -> list[Line]:
    """Line decisions for a text (the building block of clean_document, handy for tests and benchmarks)."""
    lang = lang or detect_language(text)
    counts = stats.counts if stats else None
    return clean_lines(text, lang, _stoplist(lang), counts, stats.docs if stats else 0, light=light)


def _keep_title(lines: list[Line], title_ln: Line | None) -> None:
    """Keep the title line once (its first half when glued twice), drop its repeats."""
    if title_ln is None:
        return
    half = glued_half(title_ln.text)
    if half:
        title_ln.end = title_ln.start + len(half)
        title_ln.text = half
    key = norm_line(title_ln.text)
    title_ln.keep, title_ln.kind, title_ln.reason = True, None, None
    for ln in lines:
        if ln is title_ln:
            continue
        k = norm_line(glued_half(ln.text) or ln.text)
        if k == key or (len(key) > 20 and k.endswith(key) and ln.idx < title_ln.idx + 3):
            if ln.keep:
                ln.keep = False
            ln.kind, ln.reason = "title_repeat", "repeats the title"


_STANDFIRST_MIN_WORDS = 8


def _yearless_inferred(
    inferred: Published, yearless: Any, art_id: str, text: str, line_offsets: dict[int, int]
) -> Published:
    """The page's printed day and month with a year from its copyright notice: an inferred value, kept only when
    it is not earlier than the latest date the text mentions (else the text's own evidence stands)."""
    value = yearless.candidate.mention.value
    nb = inferred.not_before
    if nb and value[: len(nb)] < nb:
        return inferred
    return Published(
        value=value,
        basis="inferred",
        not_before=nb,
        evidence=evidence_span(art_id, text, line_offsets, yearless.candidate) or inferred.evidence,
    )


def _keep_standfirst(lines: list[Line], title_ln: Line | None) -> None:
    """Keep the standfirst (chapô): running text right under the title, above the byline and date lines that the
    main-text block starts after. It is the article's own summary, not page furniture."""
    if title_ln is None:
        return
    seen = 0
    for ln in lines[title_ln.idx + 1 : title_ln.idx + 5]:
        if ln.keep:
            return  # the body already starts here
        if ln.kind == "title_repeat":
            continue
        seen += 1
        if seen > 2:
            return
        if (
            ln.hard
            or ln.cls not in ("good", "near-good")
            or ln.words < _STANDFIRST_MIN_WORDS
            or not ln.terminal
            or is_byline(ln)
            or is_caption(ln)
            or (ln.dates and is_date_line(ln, None))
        ):
            continue
        ln.keep, ln.kind, ln.reason = True, None, None
        return


def clean_document(
    raw: Any, stats: CorpusStats | None = None, today: dt.date | None = None, default_language: str = "fr"
) -> Article:
    """Clean one RawDocument (recoupe.ingest.base) into an Article (recoupe.model).

    `stats`: line repetition over the whole input pile (CorpusStats.from_texts); `today`: dates after it are not
    taken for publication dates (default: the clock); `default_language`: for texts too short to identify."""
    meta = getattr(raw, "metadata", None) or {}
    body, light = _body_source(raw)
    content_hash = hashlib.sha256(raw.data if raw.data is not None else b"").hexdigest()
    art_id = stable_id("art", raw.source, content_hash)
    lang = detect_language(body, default_language)
    lines = clean_text(body, lang, stats, light=light)

    kept = [ln for ln in lines if ln.keep]
    texty = [ln for ln in kept if ln.cls in ("good", "near-good")] or kept
    first_body = texty[0].idx if texty else 0
    meta_title = (
        meta.get("title") if isinstance(meta.get("title"), str) and meta.get("title").strip() else None
    )
    title_ln = find_title(lines, first_body, meta_title)
    if title_ln is not None and title_ln.idx > first_body + 3:
        title_ln = None
    if title_ln is not None and not light:
        _keep_title(lines, title_ln)
        _keep_standfirst(lines, title_ln)
    title = title_text(title_ln) if title_ln is not None else None
    # the container's title (HTML <title>/og:title, a JSONL field) wins unless the page prints it as a line
    if meta_title and (title is None or light or norm_line(title) not in norm_line(meta_title)):
        title = " ".join(meta_title.split())

    kept = [ln for ln in lines if ln.keep]
    parts: list[str] = []
    raw_offsets: list[list[int]] = []
    line_offsets: dict[int, int] = {}
    pos = 0
    search_from = 0
    for ln in kept:
        if parts:
            pos += 2
        line_offsets[ln.idx] = pos
        if not light:
            raw_offsets.append([pos, ln.start, ln.end - ln.start])
        else:
            at = (raw.text or "").find(ln.text, search_from)
            if at >= 0:
                raw_offsets.append([pos, at, len(ln.text)])
                search_from = at + len(ln.text)
        parts.append(ln.text)
        pos += len(ln.text)
    text = "\n\n".join(parts)

    removed = [
        Removed(
            kind=ln.kind if ln.kind in REMOVED_KINDS else "other",
            text=ln.text,
            raw_start=None if light else ln.start,
            raw_end=None if light else ln.end,
            reason=ln.reason,
        )
        for ln in lines
        if not ln.keep
    ]

    # publication date: printed on the page > container metadata > inferred from the text > unknown
    title_idx = title_ln.idx if title_ln is not None else None
    cand = stated_date(lines, first_body, title_idx, today)
    # a day and month printed without a year ('Publié le 11 mai à 14h'), the year from other evidence
    yearless = yearless_date(lines, first_body, title_idx, today, lang)
    if yearless is not None and (cand is None or yearless.candidate.score > cand.score):
        if yearless.basis == "stated":
            cand = yearless.candidate
        elif yearless.cued:
            cand = None  # the page's own 'Publié le' line beats a stray date line; its year is inferred
        else:
            yearless = None
    elif yearless is not None and cand is not None:
        yearless = None
    meta_date = metadata_date(meta.get("date"))
    if cand is not None:
        published = Published(
            value=cand.mention.value,
            basis="stated",
            evidence=evidence_span(art_id, text, line_offsets, cand),
            updated=cand.updated,
        )
    elif meta_date:
        published = Published(value=meta_date, basis="metadata")
    else:
        # a removed photo caption still states dated facts of the story ('..., le 14 octobre 2023')
        captions = [ln.text for ln in lines if not ln.keep and ln.kind == "caption"]
        published = inferred_date(art_id, text, today, lang, captions)
        if yearless is not None:
            published = _yearless_inferred(published, yearless, art_id, text, line_offsets)

    city, _credited = find_dateline(kept)
    wire = find_wire(kept) or find_wire_removed(lines, kept)
    outlet = meta.get("outlet") or meta.get("sitename") or meta.get("source_name")
    if not outlet:
        outlet = find_outlet(lines, title_ln.idx if title_ln is not None else None)

    return Article(
        id=art_id,
        source=raw.source,
        title=title,
        language=lang,
        published=published,
        text=text,
        url=meta.get("url"),
        outlet=outlet if isinstance(outlet, str) else None,
        raw_offsets=raw_offsets,
        removed=removed,
        wire=wire,
        dateline=city,
        content_hash=content_hash,
    )
