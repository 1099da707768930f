"""The example dossier (what `make demo` builds) says what tests/data/examples.expected.json says."""

from __future__ import annotations

import json

import pytest

from ..conftest import DATA

EXPECTED = json.loads((DATA / "examples.expected.json").read_text(encoding="utf-8"))


def _by_source(data):
    return {a["source"]: a for a in data["articles"]}


@pytest.mark.parametrize("source", sorted(EXPECTED["articles"]))
def test_article(examples_build, source):
    _, data = examples_build
    arts = _by_source(data)
    a, want = arts[source], EXPECTED["articles"][source]
    assert a["title"] == want["title"]
    pub = want["published"]
    if isinstance(pub["basis"], list):
        assert a["published"]["basis"] in pub["basis"]
    else:
        assert a["published"]["basis"] == pub["basis"]
        assert a["published"]["value"] == pub["value"]
    for key in ("wire", "outlet"):
        if key in want:
            assert a[key] == want[key], key
    if "duplicate_of" in want:
        dup = want["duplicate_of"]
        assert a["duplicate_of"] == (arts[dup]["id"] if dup else None)
    for s in want.get("drop", []):
        assert s not in a["text"], s
    for s in want.get("keep", []):
        assert s in a["text"], s
    nb = a["published"].get("not_before")
    if nb and a["published"]["value"]:
        assert a["published"]["value"][: len(nb)] >= nb


def test_entities(examples_build):
    _, data = examples_build
    owner = {}
    for e in data["entities"]:
        for al in e["aliases"]:
            owner.setdefault(al, set()).add(e["id"])
    for group in EXPECTED["entities"]:
        ids = set().union(*(owner.get(al, set()) for al in group["aliases"]))
        assert len(ids) == 1, f"{group['aliases']} spread over {len(ids)} entities"
        (ent,) = [e for e in data["entities"] if e["id"] in ids]
        assert ent["type"] == group["type"]
        assert set(group["aliases"]) <= set(ent["aliases"])
    for a, b in EXPECTED["must_not_merge"]:
        assert not (owner[a] & owner[b]), f"{a} merged with {b}"


def test_quotes_and_the_attribution_conflict(examples_build):
    _, data = examples_build
    arts = _by_source(data)
    names = {e["id"]: set(e["aliases"]) for e in data["entities"]}
    for want in EXPECTED["quotes"]:
        aid = arts[want["article"]]["id"]
        found = [q for q in data["quotes"] if q["article"] == aid and q["text"].startswith(want["starts"])]
        assert len(found) == 1, want
        q = found[0]
        assert q["kind"] == want["kind"], want
        if want["speaker"] is None:
            assert q["speaker"] is None, want
        else:
            assert q["speaker"] and want["speaker"] in names[q["speaker"]], want
        if "conflict" in want:
            assert q["conflict"] is want["conflict"], want
    flagged = [c for c in data["conflicts"] if c["kind"] == "attribution"]
    assert flagged, "the same words given to two officials must be flagged"
