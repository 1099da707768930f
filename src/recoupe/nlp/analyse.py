"""The per-article map step: one spaCy parse per article, then every per-article stage on it.

`analyse_article` is a pure function of (article, model) with stable ids, so it runs unchanged in-process, in a
process pool or on a Dask worker, and its result is cached in the store by article id and code fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, EntityMention, Quote, Timex


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
    facts.quotes = quotes.extract_quotes(doc, article)
    return facts
