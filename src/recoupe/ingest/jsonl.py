"""JSONL: one article per line with fields text/html, url, title, date, source (a site name: the outlet)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import EmptyInput, ParseError, RecoupeError
from ..model import ErrorRecord
from ..settings import Settings
from .base import RawDocument


def read_jsonl(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    from . import document_from_bytes

    if not data.strip():
        yield EmptyInput("empty JSONL file").record(source)
        return
    for n, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        src = f"{source}#{n}"
        try:
            try:
                rec = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                raise ParseError(f"line {n} is not valid JSON: {e}") from e
            if not isinstance(rec, dict):
                raise ParseError(f"line {n} is not a JSON object")
            body = rec.get("html") or rec.get("text") or rec.get("content")
            if not isinstance(body, str) or not body.strip():
                raise EmptyInput(f"line {n} has no 'text' or 'html' field with content")
            meta = {
                "url": _str(rec.get("url")),
                "title": _str(rec.get("title")),
                "date": _str(rec.get("date") or rec.get("published")),
                "outlet": _str(rec.get("source") or rec.get("outlet") or rec.get("site")),
            }
            meta = {k: v for k, v in meta.items() if v}
            hint = ".html" if rec.get("html") else ".txt"
            yield document_from_bytes(body.encode("utf-8"), src, settings, hint=hint, metadata=meta)
        except RecoupeError as e:
            yield e.record(src)


def _str(v: object) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None
