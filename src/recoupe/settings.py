"""One Settings object; every default documented here, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    # Inputs larger than this (bytes, after gzip decompression) are refused with TOO_LARGE: news articles are
    # far smaller, and a 20 MB single line is hostile input, not an article.
    max_document_bytes: int = 8 * 1024 * 1024
    # A container (JSONL, WARC) may be larger: each record is still held to max_document_bytes.
    max_container_bytes: int = 512 * 1024 * 1024
    # Documents longer than this (characters of cleaned text) are analysed only up to this length; spaCy's own
    # default limit is 1,000,000.
    max_analysis_chars: int = 400_000
    # Per-document time budget for HTML extraction (seconds); beyond it the record is a TIMEOUT error.
    html_timeout_s: float = 30.0
    # Default language when detection is unsure.
    default_language: str = "fr"
    # Worker processes for the per-article map step (1 = in-process).
    workers: int = 1
    # Follow symbolic links to directories (loops are detected and reported as LOOP errors).
    follow_symlinks: bool = True
    # File name suffixes skipped silently when walking a directory (hidden files are skipped too).
    skip_suffixes: tuple[str, ...] = field(default=(".sqlite", ".sqlite-wal", ".sqlite-shm", ".pyc"))
