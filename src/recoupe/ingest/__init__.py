"""Ingest: turn input paths (files, directories, gzip, JSONL, WARC) into RawDocuments or error records.

Every input file and every record in a container yields exactly one RawDocument or one ErrorRecord: nothing is
silently dropped. `source` is the path relative to the input argument it was found under (a file given
directly: its name), with `#N` (JSONL line, 1-based) or `#<WARC-Record-ID>` for records inside containers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, LoopError, RecoupeError, TooLarge
from ..model import ErrorRecord
from ..settings import Settings
from . import html as html_reader
from .base import RawDocument
from .decode import decode, gunzip

__all__ = ["RawDocument", "iter_inputs", "read_bytes"]

Item = RawDocument | ErrorRecord


def iter_inputs(paths: Iterable[str | os.PathLike], settings: Settings | None = None) -> Iterator[Item]:
    """Yield a RawDocument or an ErrorRecord for every file (and container record) under `paths`."""
    settings = settings or Settings()
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            yield from _walk(p, settings)
        elif p.exists():
            yield from _read_file(p, p.name, settings)
        else:
            yield ErrorRecord(source=str(arg), code="IO", message="no such file or directory", stage="ingest")


def _walk(root: Path, settings: Settings) -> Iterator[Item]:
    """Walk a directory recursively in sorted order; symlinked directories are followed once (loops reported)."""
    seen: set[tuple[int, int]] = set()

    def visit(d: Path) -> Iterator[Item]:
        try:
            st = d.stat()
        except OSError as e:
            yield ErrorRecord(_rel(d, root), "IO", f"cannot read directory: {e.strerror or e}", "ingest")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield LoopError("symbolic link loop: directory already visited").record(_rel(d, root))
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            yield ErrorRecord(_rel(d, root), "IO", f"cannot list directory: {e.strerror or e}", "ingest")
            return
        for e in entries:
            if e.name.startswith(".") or e.name.endswith(settings.skip_suffixes):
                continue
            path = Path(e.path)
            try:
                is_link = e.is_symlink()
                is_dir = e.is_dir(follow_symlinks=settings.follow_symlinks)
            except OSError as err:
                yield ErrorRecord(_rel(path, root), "IO", f"cannot stat: {err.strerror or err}", "ingest")
                continue
            if is_dir:
                if is_link and not settings.follow_symlinks:
                    continue
                yield from visit(path)
            elif is_link and not path.exists():
                yield ErrorRecord(_rel(path, root), "IO", "broken symbolic link", "ingest")
            else:
                yield from _read_file(path, _rel(path, root), settings)

    yield from visit(root)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise TooLarge(f"{size} bytes, more than the limit of {limit}")
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}") from e


def _read_file(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    name = path.name.lower()
    container = name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz", ".arc.gz"))
    limit = settings.max_container_bytes if container else settings.max_document_bytes
    try:
        data = read_bytes(path, limit)
        if name.endswith(".warc.gz") or name.endswith(".warc") or data[:5] == b"WARC/":
            from .warc import read_warc

            yield from read_warc(data, source, settings)
            return
        if data[:2] == b"\x1f\x8b":
            data = gunzip(data, limit)
            name = name[:-3] if name.endswith(".gz") else name
        if name.endswith((".jsonl", ".ndjson")):
            from .jsonl import read_jsonl

            yield from read_jsonl(data, source, settings)
            return
        if len(data) > settings.max_document_bytes:
            raise TooLarge(f"{len(data)} bytes, more than the limit of {settings.max_document_bytes}")
        yield document_from_bytes(data, source, settings, hint=name)
    except RecoupeError as e:
        yield e.record(source)


def document_from_bytes(
    data: bytes, source: str, settings: Settings, hint: str = "", metadata: dict | None = None
) -> RawDocument:
    """Decode one document and sniff text vs HTML. Raises RecoupeError subclasses."""
    if len(data) > settings.max_document_bytes:
        raise TooLarge(f"{len(data)} bytes, more than the limit of {settings.max_document_bytes}")
    text, encoding = decode(data)
    meta = dict(metadata or {})
    is_html = hint.endswith((".html", ".htm", ".xhtml")) or html_reader.looks_like_html(text)
    if is_html:
        meta.update({k: v for k, v in html_reader.extract(text, url=meta.get("url")).items() if k not in meta})
        return RawDocument(source=source, data=data, text=text, format="html", metadata=meta, encoding=encoding)
    return RawDocument(source=source, data=data, text=text, format="text", metadata=meta, encoding=encoding)
