"""The SQLite store: caches keyed by content, the resolved view, and queries on it."""

from __future__ import annotations

import sqlite3

from recoupe.model import Article, Dossier, Entity, EntityMention, ErrorRecord, Published, Quote
from recoupe.store.sqlite import Store


def _article(aid: str = "art_1") -> Article:
    return Article(id=aid, source="a.txt", title="Titre", language="fr",
                   published=Published(value="2024-01-02", basis="stated"), text="Jean Dupont a parlé.",
                   content_hash="h1")


def test_wal_and_article_cache_round_trip(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        s.put_document("h1", b"raw bytes", "text", "utf-8")
        s.put_article(_article(), "v1")
        s.commit()
    with Store(db) as s:  # reopened: committed work is still there
        assert s.get_article("art_1", "v1") == _article()
        assert s.get_article("art_1", "v2") is None  # other code version: not reused
        assert s.raw_document("h1") == b"raw bytes"


def test_resolved_view_and_queries(tmp_path):
    ent = Entity(id="ent_1", name="Jean Dupont", type="PER", aliases=["Jean Dupont", "Dupont"],
                 mentions=[EntityMention(article="art_1", start=0, end=11, text="Jean Dupont", type="PER")],
                 merge_reasons=["'Dupont' = surname of 'Jean Dupont' (same article)"])
    q = Quote(id="q_1", article="art_1", start=0, end=4, text="Jean", kind="direct", speaker="ent_1")
    d = Dossier(generated_at="2024-01-02T00:00:00+00:00", articles=[_article()], entities=[ent], quotes=[q],
                errors=[ErrorRecord("bad.bin", "BINARY", "binary data", "ingest")])
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        b = s.start_build("2024-01-02T00:00:00+00:00", ["in/"])
        s.write_dossier(b, d, "2024-01-02T00:00:01+00:00")
        assert [e["id"] for e in s.find_entities("dupont")] == ["ent_1"]  # alias, case-insensitive
        assert [e["id"] for e in s.find_entities("Dup")] == ["ent_1"]  # substring fallback
        assert [x["id"] for x in s.quotes_by("ent_1")] == ["q_1"]
        assert s.errors() == [ErrorRecord("bad.bin", "BINARY", "binary data", "ingest")]
        s.write_dossier(b, Dossier(generated_at="x"), "y")  # a new build replaces the resolved view
        assert s.find_entities("Dupont") == []
    con = sqlite3.connect(db)
    assert con.execute("SELECT reason FROM entity_merges").fetchall() == []
