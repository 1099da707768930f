"""HTML pages: trafilatura finds the main text and the metadata (title, date, site name, url)."""

from __future__ import annotations

from typing import Any

from ..errors import ParseError, Truncated


def extract(html: str, url: str | None = None) -> dict[str, Any]:
    """Main text and metadata of a page. Raises ParseError when the page holds no readable text."""
    import trafilatura

    truncated = "</html" not in html[-4096:].lower() and "<html" in html[:4096].lower()
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
        )
    except Exception as e:  # trafilatura/lxml raise many kinds on hostile markup
        raise ParseError(f"HTML could not be parsed: {type(e).__name__}: {e}") from e
    if hasattr(doc, "as_dict"):
        doc = doc.as_dict()
    text = (doc or {}).get("text") or ""
    fallback_used = False
    if not text.strip():
        fallback = trafilatura.html2txt(html) or ""
        if not fallback.strip():
            if truncated:
                raise Truncated("truncated HTML with no readable text")
            raise ParseError("HTML page with no readable text")
        doc = doc or {}
        text = fallback
        fallback_used = True  # whole-page text: the cleaner then runs its full boilerplate removal
    meta = {
        "main_text": text,
        "title": doc.get("title"),
        "date": doc.get("date"),
        "outlet": doc.get("sitename"),
        "url": url or doc.get("url"),
        "author": doc.get("author"),
        "html_truncated": truncated,
        "main_text_fallback": fallback_used,
    }
    return {k: v for k, v in meta.items() if v not in (None, "", False)}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head)
