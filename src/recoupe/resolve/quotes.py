"""Quotes across articles: speakers as entities, the same words matched, conflicting attributions flagged.

- `assign_speakers(quotes, entities)`: a quote's `speaker_span` (the speaker's name in its article, found by
  `recoupe.nlp.quotes`) becomes the id of the entity with a mention there.
- `link_quotes(quotes)`: quotes of different articles that carry the same words (after folding quote marks,
  punctuation, accents and case; fuzzy, or a shorter quote contained in a longer one) point to each other in
  `same_as`; when two such quotes have different speakers both get `conflict=True` and a `Conflict` of kind
  `attribution` lists the pair. Candidate pairs come from an inverted index of word shingles (blocking), so the
  work grows with the number of quotes sharing words, not with all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from ..model import Conflict, Entity, Quote, Span, stable_id

SHINGLE = 3  # words per blocking shingle
MAX_POSTINGS = 200  # a shingle shared by more quotes than this is too common to block on
MIN_WORDS_FUZZY = 5  # shorter quotes only match when their normalised words are identical
MIN_WORDS_CONFLICT = 6  # short phrases ('tout son possible') are reused by many people: never a conflict
RATIO = 85.0  # rapidfuzz ratio for two quotes of similar length
CONTAINED = 92.0  # partial_ratio for a shorter quote inside a longer one

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """Fold a quote for matching: accents, case, quote marks, apostrophes and punctuation gone, spaces collapsed."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    s = _PUNCT.sub(" ", s.replace("’", "'"))
    return " ".join(s.split())


def _fold(s: str) -> str:
    return normalise(s)


# ---------------------------------------------------------------- speakers


def assign_speakers(quotes: list[Quote], entities: list[Entity]) -> None:
    """Set `quote.speaker` to the id of the entity mentioned at the quote's speaker span (same article, overlapping
    mention, PER/ORG first); else to an entity whose aliases hold the span's text; None without a speaker span."""
    by_article: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    by_alias: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_article[m.article].append((m.start, m.end, e))
        for a in {e.name, *e.aliases}:
            if a:
                by_alias[_fold(a)].append(e)
    for q in quotes:
        q.speaker = _speaker_for(q.speaker_span, by_article, by_alias) if q.speaker_span else None


def _type_rank(e: Entity) -> int:
    return {"PER": 0, "ORG": 1}.get(e.type, 2)


def _speaker_for(
    sp: Span, by_article: dict[str, list[tuple[int, int, Entity]]], by_alias: dict[str, list[Entity]]
) -> str | None:
    best: tuple[tuple[int, int], Entity] | None = None
    for a, b, e in by_article.get(sp.article, ()):
        ov = min(b, sp.end) - max(a, sp.start)
        if ov <= 0:
            continue
        key = (-_type_rank(e), ov)
        if best is None or key > best[0]:
            best = (key, e)
    if best is not None:
        return best[1].id
    key = _fold(sp.text)
    cands = list(by_alias.get(key, ()))
    if not cands and key:
        # 'Dupin' against 'Jean Dupin': the span is the end of an alias (or the reverse)
        cands = [
            e for k, es in by_alias.items() if k.endswith(" " + key) or key.endswith(" " + k) for e in es
        ]
    if not cands:
        return None
    in_article = [e for e in cands if any(m.article == sp.article for m in e.mentions)]
    pool = in_article or cands
    pool.sort(key=lambda e: (_type_rank(e), -len(e.mentions), e.id))
    return pool[0].id


# ---------------------------------------------------------------- matching


def _shingles(words: list[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _same_words(a: str, b: str) -> bool:
    """True when two normalised quotes carry the same words: near-equal, or the shorter inside the longer."""
    if a == b:
        return True
    na, nb = len(a.split()), len(b.split())
    if min(na, nb) < MIN_WORDS_FUZZY:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 0.6 * len(long_) and fuzz.ratio(a, b) >= RATIO:
        return True
    return len(short) >= 25 and fuzz.partial_ratio(short, long_) >= CONTAINED


def candidate_pairs(quotes: list[Quote]) -> set[tuple[int, int]]:
    """Index pairs of quotes from different articles that share a word shingle (the blocking step)."""
    norms = [normalise(q.text).split() for q in quotes]
    index: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(norms):
        for s in _shingles(words):
            index[s].append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) < 2 or len(posting) > MAX_POSTINGS:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                i, j = posting[x], posting[y]
                if quotes[i].article != quotes[j].article:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def link_quotes(quotes: list[Quote]) -> list[Conflict]:
    """Fill `same_as` between quotes of different articles carrying the same words; flag different speakers.

    Returns one `Conflict(kind="attribution")` per pair of matched quotes whose (non-null) speakers differ.
    """
    norms = [normalise(q.text) for q in quotes]
    conflicts: dict[str, Conflict] = {}
    for i, j in sorted(candidate_pairs(quotes)):
        a, b = quotes[i], quotes[j]
        if not _same_words(norms[i], norms[j]):
            continue
        if b.id not in a.same_as:
            a.same_as.append(b.id)
        if a.id not in b.same_as:
            b.same_as.append(a.id)
        if (
            a.speaker
            and b.speaker
            and a.speaker != b.speaker
            and min(len(norms[i].split()), len(norms[j].split())) >= MIN_WORDS_CONFLICT
        ):
            a.conflict = b.conflict = True
            items = sorted([a.id, b.id])
            cid = stable_id("conf", "attribution", *items)
            who = {a.id: _who(a), b.id: _who(b)}
            conflicts[cid] = Conflict(
                id=cid,
                kind="attribution",
                items=items,
                note=f"the same words are given to {who[items[0]]} and to {who[items[1]]}",
            )
    for q in quotes:
        q.same_as.sort()
    return [conflicts[k] for k in sorted(conflicts)]


def _who(q: Quote) -> str:
    name = q.speaker_span.text if q.speaker_span else q.speaker
    return f"{name} ({q.article})"


def quotes_by_speaker(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    """A speaker's quotes, for a speaker page: entity id -> quotes in text order."""
    out: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.speaker:
            out[q.speaker].append(q)
    for qs in out.values():
        qs.sort(key=lambda q: (q.article, q.start))
    return dict(out)
