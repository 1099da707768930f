"""The cleaner on the example articles against ../shared/gold/seeds.json (articles section), in-process, matching
as ../shared/dev/seeds/score.py `clean` does (its common.py: norm() folding, wire_code(), day_bounds()), and the
publication-date basis on all five examples: printed date -> stated, none printed -> inferred/unknown with no
inferred value before its not_before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.clean import CorpusStats, clean_document
from recoupe.ingest.base import RawDocument
from tests.conftest import load_module

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "examples" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"


def _common():
    return load_module(SHARED / "dev" / "seeds" / "common.py", "seeds_common")


@pytest.fixture(scope="module")
def articles():
    if not (GOLD.exists() and SEEDS.exists() and (SHARED / "dev" / "seeds" / "common.py").exists()):
        pytest.skip("../shared seeds gold is not available")
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        docs.append(RawDocument(source=path.name, data=data, text=data.decode("utf-8"), format="text"))
    stats = CorpusStats.from_texts(d.text for d in docs)
    return {d.source: clean_document(d, stats) for d in docs}


def test_seeds_gold_articles(articles):
    C = _common()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    failures = []
    total = 0
    for name, g in gold.items():
        a = articles[name]
        text = C.norm(a.text)
        checks = [
            ("title", C.norm(a.title) == C.norm(g["title"])),
            ("wire", C.wire_code(a.wire) == C.wire_code(g.get("wire"))),
        ]
        if g["published"]["basis"] == "stated":
            checks.append(("basis", a.published.basis in ("stated", "metadata")))
            checks.append(("date", str(a.published.value or "")[:10] == g["published"]["value"][:10]))
        else:
            checks.append(("basis", a.published.basis in ("inferred", "unknown")))
        checks += [(f"boilerplate {s!r}", C.norm(s) not in text) for s in g["boilerplate"]]
        checks += [(f"body {s!r}", C.norm(s) in text) for s in g["body"]]
        total += len(checks)
        failures += [f"{name}: {what}" for what, ok in checks if not ok]
    assert not failures, f"{len(failures)}/{total} checks failed: {failures}"


def test_examples_published_basis(articles):
    """Examples whose text prints no date come out inferred or unknown, never before their not_before."""
    C = _common()
    for name, a in articles.items():
        p = a.published
        assert p.basis in ("stated", "inferred", "unknown"), name
        if p.basis == "stated":
            assert p.value and C.day_bounds(p.value), name
        if p.basis == "inferred":
            assert p.value and p.not_before
            assert C.day_bounds(p.value)[1] >= C.day_bounds(p.not_before)[0], name
    stated = sorted(n for n, a in articles.items() if a.published.basis == "stated")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    for name, g in gold.items():
        assert (name in stated) == (g["published"]["basis"] == "stated"), name
    assert len(stated) == 3
