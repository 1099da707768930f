"""The embedded SQLite store (WAL): raw documents, articles and per-article facts keyed by content hash and code
fingerprint (so a rebuild does no work twice and a crash loses nothing already committed), plus the resolved view
of the last build (entities, aliases, merge reasons, quotes, events, conflicts, errors) for queries such as a
speaker's page of quotes or `recoupe explain-entity`.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Article, Dossier, ErrorRecord

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
  hash TEXT PRIMARY KEY, size INTEGER, format TEXT, encoding TEXT, raw BLOB);
CREATE TABLE IF NOT EXISTS articles(
  id TEXT NOT NULL, version TEXT NOT NULL, hash TEXT, source TEXT, json TEXT NOT NULL,
  PRIMARY KEY(id, version));
CREATE TABLE IF NOT EXISTS facts(
  article_id TEXT NOT NULL, version TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY(article_id, version));
CREATE TABLE IF NOT EXISTS builds(
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT, finished_at TEXT, inputs TEXT,
  articles INTEGER, errors INTEGER);
CREATE TABLE IF NOT EXISTS errors(build INTEGER, source TEXT, code TEXT, message TEXT, stage TEXT);
CREATE TABLE IF NOT EXISTS dossier_articles(
  id TEXT PRIMARY KEY, source TEXT, url TEXT, outlet TEXT, title TEXT, language TEXT,
  published TEXT, published_basis TEXT, wire TEXT, duplicate_of TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS entities(
  id TEXT PRIMARY KEY, name TEXT, type TEXT, description TEXT, mentions INTEGER, json TEXT);
CREATE TABLE IF NOT EXISTS entity_aliases(entity TEXT, alias TEXT);
CREATE INDEX IF NOT EXISTS entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS entity_merges(entity TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS quotes(
  id TEXT PRIMARY KEY, article TEXT, speaker TEXT, kind TEXT, text TEXT, conflict INTEGER, json TEXT);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS events(id TEXT PRIMARY KEY, type TEXT, status TEXT, start TEXT, end TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS conflicts(id TEXT PRIMARY KEY, kind TEXT, items TEXT, note TEXT);
"""

_RESOLVED = ("dossier_articles", "entities", "entity_aliases", "entity_merges", "quotes", "events", "conflicts")


class Store:
    """A thin layer over one SQLite file. Use as a context manager; commits are per document."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_DDL)
        self.db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        self.db.commit()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- caches keyed by content -------------------------------------------------------------------------
    def put_document(self, content_hash: str, data: bytes, fmt: str, encoding: str | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO documents(hash, size, format, encoding, raw) VALUES(?,?,?,?,?)",
            (content_hash, len(data), fmt, encoding, zlib.compress(data, 6)),
        )

    def raw_document(self, content_hash: str) -> bytes | None:
        row = self.db.execute("SELECT raw FROM documents WHERE hash=?", (content_hash,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def get_article(self, article_id: str, version: str) -> Article | None:
        row = self.db.execute(
            "SELECT json FROM articles WHERE id=? AND version=?", (article_id, version)
        ).fetchone()
        return Article.from_dict(json.loads(row[0])) if row else None

    def put_article(self, article: Article, version: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles(id, version, hash, source, json) VALUES(?,?,?,?,?)",
            (article.id, version, article.content_hash, article.source, _dumps(article.to_dict())),
        )

    def get_article_hash(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT hash FROM articles WHERE id=? LIMIT 1", (article_id,)).fetchone()
        return row[0] if row else None

    def get_facts(self, article_id: str, version: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT json FROM facts WHERE article_id=? AND version=?", (article_id, version)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def put_facts(self, article_id: str, version: str, facts: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO facts(article_id, version, json) VALUES(?,?,?)",
            (article_id, version, _dumps(facts)),
        )

    def commit(self) -> None:
        self.db.commit()

    # --- builds and the resolved view --------------------------------------------------------------------
    def start_build(self, started_at: str, inputs: Iterable[str]) -> int:
        cur = self.db.execute(
            "INSERT INTO builds(started_at, inputs) VALUES(?, ?)", (started_at, json.dumps(list(inputs)))
        )
        self.db.commit()
        return int(cur.lastrowid or 0)

    def write_dossier(self, build: int, dossier: Dossier, finished_at: str) -> None:
        """Replace the resolved view with this build's dossier, in one transaction."""
        db = self.db
        with db:
            for table in _RESOLVED:
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            db.execute("DELETE FROM errors WHERE build=?", (build,))
            db.executemany(
                "INSERT INTO errors(build, source, code, message, stage) VALUES(?,?,?,?,?)",
                [(build, e.source, e.code, e.message, e.stage) for e in dossier.errors],
            )
            db.executemany(
                "INSERT OR REPLACE INTO dossier_articles VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (a.id, a.source, a.url, a.outlet, a.title, a.language, a.published.value,
                     a.published.basis, a.wire, a.duplicate_of, _dumps(a.to_dict()))
                    for a in dossier.articles
                ],
            )
            db.executemany(
                "INSERT OR REPLACE INTO entities VALUES(?,?,?,?,?,?)",
                [(e.id, e.name, e.type, e.description, len(e.mentions), _dumps(e.to_dict()))
                 for e in dossier.entities],
            )
            db.executemany(
                "INSERT INTO entity_aliases(entity, alias) VALUES(?,?)",
                [(e.id, a) for e in dossier.entities for a in e.aliases],
            )
            db.executemany(
                "INSERT INTO entity_merges(entity, reason) VALUES(?,?)",
                [(e.id, r) for e in dossier.entities for r in e.merge_reasons],
            )
            db.executemany(
                "INSERT OR REPLACE INTO quotes VALUES(?,?,?,?,?,?,?)",
                [(q.id, q.article, q.speaker, q.kind, q.text, int(q.conflict), _dumps(q.to_dict()))
                 for q in dossier.quotes],
            )
            db.executemany(
                "INSERT OR REPLACE INTO events VALUES(?,?,?,?,?,?)",
                [(e.id, e.type, e.status, e.date.start, e.date.end, _dumps(e.to_dict())) for e in dossier.events],
            )
            db.executemany(
                "INSERT OR REPLACE INTO conflicts VALUES(?,?,?,?)",
                [(c.id, c.kind, json.dumps(c.items), c.note) for c in dossier.conflicts],
            )
            db.execute(
                "UPDATE builds SET finished_at=?, articles=?, errors=? WHERE id=?",
                (finished_at, len(dossier.articles), len(dossier.errors), build),
            )

    # --- queries -----------------------------------------------------------------------------------------
    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities whose name or an alias matches `name` (case-insensitive; exact first, then substring)."""
        rows = self.db.execute(
            "SELECT DISTINCT e.json FROM entities e LEFT JOIN entity_aliases a ON a.entity = e.id "
            "WHERE e.name = ? COLLATE NOCASE OR a.alias = ? COLLATE NOCASE",
            (name, name),
        ).fetchall()
        if not rows:
            like = f"%{name}%"
            rows = self.db.execute(
                "SELECT DISTINCT e.json FROM entities e LEFT JOIN entity_aliases a ON a.entity = e.id "
                "WHERE e.name LIKE ? OR a.alias LIKE ?",
                (like, like),
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def quotes_by(self, entity_id: str) -> list[dict[str, Any]]:
        """A speaker's page of quotes."""
        rows = self.db.execute("SELECT json FROM quotes WHERE speaker=? ORDER BY article, id", (entity_id,))
        return [json.loads(r[0]) for r in rows]

    def errors(self, build: int | None = None) -> list[ErrorRecord]:
        if build is None:
            row = self.db.execute("SELECT MAX(id) FROM builds").fetchone()
            build = row[0] if row else None
        rows = self.db.execute("SELECT source, code, message, stage FROM errors WHERE build=?", (build,))
        return [ErrorRecord(*r) for r in rows]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
