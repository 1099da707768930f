"""WARC archives (warcio): every response record holding HTML or text is one document."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import ParseError, RecoupeError, Truncated
from ..model import ErrorRecord
from ..settings import Settings
from .base import RawDocument


def read_warc(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from . import document_from_bytes

    seen = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in ("response", "resource", "conversion"):
                continue
            rid = record.rec_headers.get_header("WARC-Record-ID") or f"record-{seen + 1}"
            src = f"{source}#{rid}"
            seen += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            else:
                ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
            try:
                if ctype and not any(t in ctype for t in ("html", "text", "xml")):
                    yield ErrorRecord(src, "UNSUPPORTED", f"content type {ctype} is not a page", "ingest")
                    continue
                try:
                    body = record.content_stream().read(settings.max_document_bytes + 1)
                except Exception as e:  # zlib/chunking errors inside a damaged record
                    raise Truncated(f"record body cannot be read: {e}") from e
                hint = ".html" if "html" in ctype else ""
                yield document_from_bytes(body, src, settings, hint=hint, metadata={"url": url} if url else {})
            except RecoupeError as e:
                yield e.record(src)
        if data[:2] == b"\x1f\x8b" and not _gzip_complete(data):
            yield Truncated(f"WARC archive ends early (cut gzip stream) after {seen} record(s)").record(source)
    except ArchiveLoadFailed as e:
        code = Truncated if seen else ParseError
        yield code(f"not a readable WARC archive after {seen} record(s): {e}").record(source)
    except (EOFError, OSError, ValueError) as e:
        yield Truncated(f"WARC archive ends early after {seen} record(s): {e}").record(source)


def _gzip_complete(data: bytes) -> bool:
    """True when the gzip stream ends properly (warcio stops quietly at a cut member)."""
    import gzip
    import zlib

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            while f.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True
