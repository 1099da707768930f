"""Held-out name-variant groups (tests/data/entities/heldout.json), written before the rules that fix them: other
stories than groups.json, transliterations from Russian (French, English, German), Ukrainian, Arabic, Korean,
Chinese, Vietnamese and Japanese (either name order), Russian/Ukrainian place forms, and look-alikes that must stay
apart (father and son, brothers, spouses, two Mohammeds, two Kims, Jr.). Scored as groups.json is, by name and
through the tagger. First run, before the fixes: B3 F1 0.916 by name, 0.905 through the tagger, 1 violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_names import b_cubed, locals_for, through_tagger, violations

from recoupe.resolve.names import (
    arabic_key,
    person_parts,
    persons_compatible,
    place_key,
    resolve_entities,
    slavic_key,
    translit_key,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "entities" / "heldout.json"


def load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def test_heldout_file_shape():
    data = load()
    keys = {g["key"] for g in data["groups"]}
    assert len(data["groups"]) >= 40 and len(data["must_not_merge"]) >= 20
    assert all(a in keys and b in keys for a, b in data["must_not_merge"])


def test_heldout_b_cubed_by_name():
    data = load()
    entities, _ = resolve_entities(locals_for(data["groups"]))
    p, r, f = b_cubed(data["groups"], entities)
    print(f"heldout B3 F1 {f:.3f} P {p:.3f} R {r:.3f}")
    assert f >= 0.97, (p, r, f)
    assert violations(data, entities) == []


def test_heldout_b_cubed_through_the_tagger():
    from recoupe.nlp.pipeline import load as load_nlp

    per = through_tagger(load(), load_nlp("fr"))
    data = load()
    entities, _ = resolve_entities(per)
    p, r, f1 = b_cubed(data["groups"], entities)
    print(f"heldout through the tagger B3 F1 {f1:.3f} P {p:.3f} R {r:.3f}")
    assert f1 >= 0.97, (p, r, f1)
    assert violations(data, entities) == []


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Iouri Ouchakov", "Jurij Uschakow", True),  # German transliteration: j = y, sch, -ow
        ("Mikhaïl Michoustine", "Michail Mischustin", True),  # German ch = kh
        ("Sergueï Sourovikine", "Sergej Surowikin", True),
        ("Moustafa al-Kadhimi", "Mustafa al-Kazimi", True),  # Arabic dh / z
        ("Olena Hrytsenko", "Olena Gritsenko", True),  # Ukrainian h / Russian g
        ("Fumio Kishida", "Kishida Fumio", True),  # Japanese name order
        ("Shinzo Abe", "Akie Abe", False),
        ("Abe Shinzo", "Akie Abe", False),
        ("Idriss Déby", "Mahamat Idriss Déby", False),  # son named after his father
        ("Idriss Déby", "Idriss Déby Itno", True),
        ("Hafez al-Assad", "Bachar al-Assad", False),
        ("Mohammed ben Zayed", "Mohammed ben Rachid", False),
        ("Kim Dae-jung", "Kim Young-sam", False),
        ("Robert F. Kennedy", "Robert F. Kennedy Jr.", False),
        ("Hassan Ghassani", "Hassan Hassani", False),  # g/h only for Slavic family names
    ],
)
def test_person_rules(a, b, same):
    pa, pb = person_parts(a), person_parts(b)
    ok, _ = persons_compatible(pa, pb)
    assert ok is same, (pa, pb)


def test_place_key_folds_russian_and_ukrainian_forms():
    same = [
        ("Avdiivka", "Avdeïevka"),
        ("Avdiivka", "Avdeevka"),
        ("Kharkiv", "Kharkov"),
        ("Lviv", "Lvov"),
        ("Tchernihiv", "Tchernigov"),
        ("Deir ez-Zor", "Deir el-Zor"),
        ("Deir ez-Zor", "Deir Ezzor"),
        ("Hodeïda", "Hodeidah"),
    ]
    for a, b in same:
        assert place_key(translit_key(a)) == place_key(translit_key(b)), (a, b)
    for a, b in [("Kherson", "Kharkiv"), ("Louhansk", "Lviv"), ("Mali", "Malawi")]:
        assert place_key(translit_key(a)) != place_key(translit_key(b)), (a, b)


def test_key_helpers():
    assert arabic_key("kadimi") == arabic_key("kazimi")
    assert slavic_key("hritsenko") == slavic_key("gritsenko") != ""
    assert slavic_key("gasani") == ""
