"""The per-article map step: one spaCy parse per article, then every per-article stage on it.

`analyse_article` is a pure function of (article, model) with stable ids, so it runs unchanged in-process, in a
process pool or on a Dask worker, and its result is cached in the store by article id and code fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, DateValue, EntityMention, Quote, Span, Timex


@dataclass
class ArticleFacts:
    article_id: str
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Any] = field(default_factory=list)  # recoupe.nlp.entities.LocalEntity
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "timexes": [t.to_dict() for t in self.timexes],
            "entities": [dataclasses.asdict(e) for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleFacts:
        from .entities import LocalEntity

        ents = []
        for e in d.get("entities", []):
            e = dict(e)
            e["mentions"] = [EntityMention.from_dict(m) for m in e.get("mentions", [])]
            ents.append(LocalEntity(**e))
        return cls(
            article_id=d["article_id"],
            timexes=[Timex.from_dict(t) for t in d.get("timexes", [])],
            entities=ents,
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
        )


def reference_day(article: Article) -> dt.date | None:
    """The day relative dates in the article are resolved against: its publication day, stated or estimated."""
    value = article.published.value
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def analyse_article(article: Article, nlp: Any, max_chars: int = 400_000) -> ArticleFacts:
    """Parse once, then find date expressions, actor mentions and quotes. Every fact is a span into article.text."""
    from . import entities, quotes, timex

    text = article.text[:max_chars]
    facts = ArticleFacts(article_id=article.id)
    facts.timexes = timex.tag(text, reference_day(article), lang=article.language or "fr")
    doc = nlp(text)
    facts.entities = entities.article_entities(doc, article)
    persons = [(m.start, m.end) for e in facts.entities if e.type == "PER" for m in e.mentions]
    facts.quotes = quotes.extract_quotes(doc, article, persons)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    for q in facts.quotes:
        q.date = quote_date(q, facts.timexes, sentences, article)
    return facts


def timex_date(t: Timex, article: Article) -> DateValue:
    """A tagger result as a dossier date object, with its evidence span."""
    first, last = (t.range or [None, None])[:2]
    return DateValue(
        value=t.value, start=first, end=last, text=t.text, type=t.type, mod=t.mod,
        evidence=Span(article=article.id, start=t.start, end=t.end, text=t.text),
        anchor=t.anchor, basis=t.basis,
    )


def quote_date(q: Quote, timexes: list[Timex], sentences: list[tuple[int, int]], article: Article) -> DateValue | None:
    """When the words were said: a day-or-finer DATE in the reporting clause (the cue's sentence, on the cue's side
    of the quoted words), the one nearest the cue. None when the text does not say."""
    if q.cue is None:
        return None
    cue = q.cue.start
    sent = next(((a, b) for a, b in sentences if a <= cue < b), None)
    if sent is None:
        return None
    lo, hi = sent
    pieces = sorted([(q.start, q.end)] + [(s.start, s.end) for s in q.segments])
    before = [e for s, e in pieces if e <= cue]
    after = [s for s, e in pieces if s >= q.cue.end]
    # The reporting clause lies between the nearest quoted piece before the cue and the nearest one after it.
    lo = max([lo, *before])
    hi = min([hi, *after])
    best: Timex | None = None
    for t in timexes:
        if t.type != "DATE" or not t.range or not t.range[0] or not (lo <= t.start and t.end <= hi):
            continue
        if best is None or abs(t.start - cue) < abs(best.start - cue):
            best = t
    return timex_date(best, article) if best else None
