"""spaCy loading: one model per process, loaded once and passed in (no global state in the stages)."""

from __future__ import annotations

import functools

DEFAULT_MODELS = {"fr": "fr_core_news_md"}


@functools.lru_cache(maxsize=4)
def load(language: str = "fr"):
    """Load the spaCy pipeline for `language` (cached per process; workers each load their own)."""
    import spacy

    name = DEFAULT_MODELS.get(language, DEFAULT_MODELS["fr"])
    return spacy.load(name)
