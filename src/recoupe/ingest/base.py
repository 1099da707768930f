"""RawDocument: what every reader yields, whatever the input format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawDocument:
    """One input record before cleaning.

    `text` is the decoded document (plain text, or HTML when `format == "html"`); `metadata` holds what the
    container said about it (url, title, date, outlet/source, html-extracted fields).
    """

    source: str  # path relative to the input argument, with #N / #<WARC-Record-ID> for records in containers
    data: bytes  # the raw bytes of this record (hashed for ids and the store)
    text: str  # decoded text
    format: str  # "text" | "html"
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
