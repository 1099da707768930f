"""Local executor for the per-article map step: in-process, or a process pool where each worker loads the spaCy
model once. The function mapped is pure (Article -> ArticleFacts), so a Dask executor can run it unchanged."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..model import Article

_WORKER: dict[str, Any] = {}


def _init(language: str, max_chars: int) -> None:
    from ..nlp.pipeline import load

    _WORKER["nlp"] = load(language)
    _WORKER["max_chars"] = max_chars


def _analyse(article: Article) -> tuple[str, Any]:
    """Run in a worker: ('ok', facts dict) or ('error', message). Never raises (one article never stops the batch)."""
    from ..nlp.analyse import analyse_article

    try:
        return "ok", analyse_article(article, _WORKER["nlp"], _WORKER["max_chars"]).to_dict()
    except Exception as e:
        return "error", f"{type(e).__name__}: {e}"


def map_analyse(
    articles: Sequence[Article], workers: int, language: str, max_chars: int, nlp: Any = None
) -> Iterator[tuple[Article, str, Any]]:
    """Yield (article, status, facts-dict-or-message) in input order. Loads no model when there is nothing to do."""
    if not articles:
        return
    if workers <= 1 or len(articles) < 2:
        if nlp is None:
            _init(language, max_chars)
        else:
            _WORKER.update(nlp=nlp, max_chars=max_chars)
        for a in articles:
            yield (a, *_analyse(a))
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(language, max_chars)) as pool:
        for a, (status, value) in zip(articles, pool.map(_analyse, articles, chunksize=4), strict=True):
            yield a, status, value
