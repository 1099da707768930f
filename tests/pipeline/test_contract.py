"""The dossier contract on real data: schema (with a format checker), span texts, ids, round-trip, exit codes."""

from __future__ import annotations

import json

import jsonschema
import pytest

from recoupe.model import Dossier
from recoupe.outputs.dossier import schema, validation_errors

from ..conftest import SHARED


@pytest.fixture(params=["examples_build", "seeds_build"])
def built(request):
    return request.getfixturevalue(request.param)


def test_shipped_schema_is_the_shared_contract():
    shared = SHARED / "schema" / "dossier.schema.json"
    if not shared.exists():
        pytest.skip("../shared not available")
    assert schema() == json.loads(shared.read_text(encoding="utf-8"))


def test_dossier_is_valid(built):
    _, data = built
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert validation_errors(data) == []


def test_every_span_points_into_its_article(built):
    _, data = built
    texts = {a["id"]: a["text"] for a in data["articles"]}
    n = 0
    for e in data["entities"]:
        for m in e["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
            n += 1
    for q in data["quotes"]:
        assert texts[q["article"]][q["start"] : q["end"]] == q["text"]
        n += 1
    assert n > 0


def test_round_trip_of_the_dossier(built):
    _, data = built
    assert Dossier.from_dict(data).to_dict() == data


def test_raw_offsets_map_back_to_the_raw_document(built):
    report, data = built
    from recoupe.build import STORE_NAME
    from recoupe.store.sqlite import Store

    with Store(report.out_dir / STORE_NAME) as store:
        for a in data["articles"]:
            raw = store.raw_document(store.get_article_hash(a["id"]))
            if raw is None or not a.get("raw_offsets"):
                continue
            from recoupe.ingest.decode import decode

            rawtext = decode(raw)[0]
            for t0, r0, n in a["raw_offsets"]:
                assert a["text"][t0 : t0 + n] == rawtext[r0 : r0 + n]


def test_every_input_is_accounted_for(examples_build):
    report, data = examples_build
    sources = sorted(a["source"] for a in data["articles"]) + sorted(e["source"] for e in data["errors"])
    assert sorted(sources) == sorted([
        "01_depeche_port.txt", "02_reprise_port.txt", "03_enquete_sans_date.txt", "04_reaction.html",
        "05_fil.jsonl#1",
    ])
    assert data["errors"] == []


def test_rebuild_reuses_the_store(tmp_path, nlp):
    from recoupe.build import build

    from ..conftest import EXAMPLES

    first = build([EXAMPLES], tmp_path, nlp=nlp)
    second = build([EXAMPLES], tmp_path, nlp=nlp)
    assert first.cleaned == len(first.dossier.articles) and second.cleaned == 0 and second.analysed == 0
    a = json.loads(json.dumps([x.to_dict() for x in first.dossier.articles]))
    b = json.loads(json.dumps([x.to_dict() for x in second.dossier.articles]))
    assert a == b


def test_process_pool_gives_the_same_dossier(tmp_path, examples_build):
    """The map step is pure: two worker processes give exactly the in-process result."""
    from recoupe.build import build
    from recoupe.settings import Settings

    from ..conftest import EXAMPLES

    _, single = examples_build
    report = build([EXAMPLES], tmp_path, Settings(workers=2))
    pooled = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert report.analysed == len(pooled["articles"])
    for key in ("articles", "entities", "quotes", "conflicts", "errors"):
        assert pooled[key] == single[key], key


def test_identical_inputs_are_two_articles_the_second_a_copy(tmp_path, nlp):
    from recoupe.build import build

    from ..conftest import EXAMPLES

    pile = tmp_path / "pile"
    pile.mkdir()
    body = (EXAMPLES / "01_depeche_port.txt").read_bytes()
    (pile / "a.txt").write_bytes(body)
    (pile / "b.txt").write_bytes(body)
    report = build([pile], tmp_path / "out", nlp=nlp)
    a, b = report.dossier.articles
    assert (a.source, b.source) == ("a.txt", "b.txt")
    assert a.id != b.id and a.duplicate_of is None and b.duplicate_of == a.id
    assert report.duplicates == 1
