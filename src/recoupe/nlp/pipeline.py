"""spaCy loading: one model per process, loaded once and passed in (no global state in the stages).

The loaded pipeline gets one component of ours before the parser, `recoupe_paragraph_sentences`: a sentence starts
after every line break, so that no sentence (and no parse) runs across two paragraphs of an article.
"""

from __future__ import annotations

import functools

DEFAULT_MODELS = {"fr": "fr_core_news_md"}


@functools.lru_cache(maxsize=4)
def load(language: str = "fr"):
    """Load the spaCy pipeline for `language` (cached per process; workers each load their own)."""
    import spacy

    from . import quotes  # noqa: F401  (registers the recoupe_paragraph_sentences component)

    name = DEFAULT_MODELS.get(language, DEFAULT_MODELS["fr"])
    nlp = spacy.load(name)
    if "recoupe_paragraph_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("recoupe_paragraph_sentences", before="parser")
    return nlp
