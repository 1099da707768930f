"""Safe decoding of bytes of unknown encoding: never crash on bad bytes, say clearly when it is not text."""

from __future__ import annotations

import gzip
import io
import zlib

from ..errors import BinaryInput, DecodeError, EmptyInput, TooLarge

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters other than tab, newline, carriage return, form feed: text has almost none.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing more than `limit` bytes (a gzip bomb is TOO_LARGE, not a crash)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise DecodeError(f"broken gzip data: {e}") from e
    if len(out) > limit:
        raise TooLarge(f"more than {limit} bytes once decompressed")
    return out


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB (UTF-16 text is handled before this)."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises EmptyInput, BinaryInput or DecodeError."""
    if not data.strip():
        raise EmptyInput("empty input (no bytes or only white space)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(enc)), enc
            except UnicodeDecodeError as e:
                raise DecodeError(f"bytes do not decode as {enc} despite the byte-order mark: {e.reason}") from e
    if looks_binary(data):
        raise BinaryInput("binary data, not text (NUL or control bytes)")
    try:
        return _normalise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("bytes are neither UTF-8 nor any encoding that could be detected")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(best.encoding, errors="replace")
    return _normalise(text), best.encoding


def _normalise(text: str) -> str:
    """Unify line ends (offsets then mean the same thing on every platform); drop a stray BOM."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.lstrip("\ufeff")
