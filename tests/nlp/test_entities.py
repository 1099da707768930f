"""Entity mentions of one article (recoupe.nlp.entities) on invented French sentences: types fixed by general
rules, roles, short forms linked to full names, capitals as governments, acronyms; expected in
tests/data/entities/mentions.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.model import Article, Published
from recoupe.nlp.entities import LocalEntity, article_entities, demonym_forms, gazetteer, name_entity

DATA = Path(__file__).resolve().parents[1] / "data" / "entities" / "mentions.json"
CASES = json.loads(DATA.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def nlp():
    from recoupe.nlp.pipeline import load

    return load("fr")


def article(text: str) -> Article:
    return Article(
        id="a1", source="a1.txt", title=None, language="fr", published=Published(None, "unknown"), text=text
    )


def occurrence(text: str, ref: str) -> tuple[int, int]:
    """(start, end) of "words#n": the n-th occurrence (1-based) of the words."""
    words, _, n = ref.partition("#")
    pos = -1
    for _ in range(int(n or 1)):
        pos = text.index(words, pos + 1)
    return pos, pos + len(words)


def find(locals_: list[LocalEntity], span: tuple[int, int]):
    for le in locals_:
        for m in le.mentions:
            if (m.start, m.end) == span:
                return le, m
    return None, None


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_mentions(nlp, case):
    text = case["text"]
    locals_ = article_entities(nlp(text), article(text))
    for le in locals_:
        for m in le.mentions:
            assert text[m.start : m.end] == m.text and m.article == "a1"
    keys = [le.key for le in locals_]
    assert len(keys) == len(set(keys))
    seen = [(le.name, [(m.text, m.type) for m in le.mentions]) for le in locals_]
    for exp in case.get("expect", []):
        le, m = find(locals_, occurrence(text, exp["m"]))
        assert m is not None, (exp["m"], seen)
        if "type" in exp:
            assert m.type == exp["type"], (exp, m)
        if "entity" in exp:
            assert le.type == exp["entity"], (exp, le.type)
        if "ref" in exp:
            assert (le.ref or "").startswith(exp["ref"]), (exp, le.ref)
        if "role" in exp:
            assert m.role == exp["role"], (exp, m.role)
    for group in case.get("same", []):
        owners = {find(locals_, occurrence(text, r))[0].key for r in group}
        assert len(owners) == 1, (group, seen)
    for a, b in case.get("apart", []):
        assert find(locals_, occurrence(text, a))[0].key != find(locals_, occurrence(text, b))[0].key
    for ref in case.get("absent", []):  # no mention with exactly that span
        le, _ = find(locals_, occurrence(text, ref))
        assert le is None, (ref, seen)
    for ref, desc in case.get("description", {}).items():
        assert find(locals_, occurrence(text, ref))[0].description == desc


def test_gazetteer_from_package_data():
    gz = gazetteer()
    # names, official names and derived acronyms come from babel / pycountry, not from a list of this project
    assert gz.terms["Émirats arabes unis"][0] == gz.terms["EAU"][0] == "country:AE"
    assert gz.terms["République démocratique du Congo"][0] == "country:CD"
    assert gz.terms["Royaume-Uni"][0] == "country:GB"
    assert gz.terms["Egypte"][0] == gz.terms["Égypte"][0]  # capital left unaccented
    assert gz.capital_of[gz.terms["Kiev"][0]] == "country:UA"


def test_demonym_forms():
    adjs, nouns = demonym_forms("sud-coréen")
    assert {"sud-coréen", "sud-coréenne", "sud-coréens", "sud-coréennes"} == adjs
    assert "Sud-Coréens" in nouns and "Sud-Coréenne" in nouns
    assert "grecque" in demonym_forms("grec")[0]


def test_name_entity_capital_as_government():
    le = name_entity("x", "Ankara", "GPE", government=True)
    assert le.ref == "country:TR" and le.type == "GPE"
    assert name_entity("x", "Ankara", "LOC").ref.startswith("city:")


def test_empty_article(nlp):
    assert article_entities(nlp(""), article("")) == []
