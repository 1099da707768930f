"""The cleaner on invented scraped pages (tests/data/clean/*.txt) against their expected JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.clean import CorpusStats, clean_document
from recoupe.ingest.base import RawDocument

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
PAGES = sorted(DATA.glob("*.txt"))


def _doc(path: Path) -> RawDocument:
    data = path.read_bytes()
    return RawDocument(source=path.name, data=data, text=data.decode("utf-8"), format="text")


@pytest.fixture(scope="module")
def articles():
    docs = [_doc(p) for p in PAGES]
    stats = CorpusStats.from_texts(d.text for d in docs)
    return {d.source: clean_document(d, stats) for d in docs}


@pytest.mark.parametrize("page", [p.name for p in PAGES])
def test_page(articles, page):
    want = json.loads((DATA / page.replace(".txt", ".json")).read_text(encoding="utf-8"))
    art = articles[page]
    assert art.title == want["title"]
    assert art.language == want["language"]
    for key, value in want["published"].items():
        assert getattr(art.published, key) == value, (key, art.published)
    assert art.wire == want["wire"]
    if "dateline" in want:
        assert art.dateline == want["dateline"]
    if "outlet" in want:
        assert art.outlet == want["outlet"]
    for s in want["keep"]:
        assert s in art.text, f"lost: {s!r}"
    for s in want["drop"]:
        assert s not in art.text, f"kept: {s!r}"
    kinds = {r.text: r.kind for r in art.removed}
    for text, kind in want.get("removed_kinds", {}).items():
        assert kinds.get(text) == kind, (text, kinds.get(text))


@pytest.mark.parametrize("page", [p.name for p in PAGES])
def test_offsets_map_back_to_raw(articles, page):
    """Every kept piece maps back to the same characters of the raw page; removed items carry raw offsets."""
    art = articles[page]
    raw = (DATA / page).read_text(encoding="utf-8")
    assert art.raw_offsets
    covered = 0
    for text_start, raw_start, length in art.raw_offsets:
        assert art.text[text_start : text_start + length] == raw[raw_start : raw_start + length]
        covered += length
    assert covered == len(art.text.replace("\n\n", ""))
    for r in art.removed:
        assert raw[r.raw_start : r.raw_end] == r.text
        assert r.kind and r.reason


@pytest.mark.parametrize("page", [p.name for p in PAGES])
def test_evidence_and_round_trip(articles, page):
    art = articles[page]
    ev = art.published.evidence
    if ev is not None:
        assert art.text[ev.start : ev.end] == ev.text
    assert type(art).from_dict(art.to_dict()) == art


def test_id_stable_and_distinct():
    a = _doc(PAGES[0])
    b = RawDocument(source="other/" + a.source, data=a.data, text=a.text, format="text")
    assert clean_document(a).id == clean_document(a).id
    assert clean_document(a).id != clean_document(b).id
    assert clean_document(a).content_hash == clean_document(b).content_hash


def test_unjudgeable_page_keeps_its_text():
    """No main block to find (a few short sentences): the sentences stay."""
    text = "Bref.\nLa réunion a eu lieu hier soir à la mairie.\nElle a duré deux heures.\n"
    doc = RawDocument(source="x.txt", data=text.encode(), text=text, format="text")
    art = clean_document(doc)
    assert "La réunion a eu lieu hier soir à la mairie." in art.text
    assert "Elle a duré deux heures." in art.text


def test_html_uses_extracted_main_text():
    html = "<html><body><nav>Accueil</nav><p>Texte</p></body></html>"
    main = (
        "Un incendie a détruit un entrepôt dans la zone industrielle dans la nuit de lundi à mardi, sans faire "
        "de victime, ont indiqué les pompiers.\nPartager\nLes causes du sinistre restent inconnues et une "
        "enquête a été ouverte par le parquet, qui n'exclut aucune piste pour le moment.\n"
        "| Surface | 2 000 m² |"
    )
    doc = RawDocument(
        source="a.html",
        data=html.encode(),
        text=html,
        format="html",
        metadata={"main_text": main, "title": "Un entrepôt détruit par le feu", "date": "2022-11-08"},
    )
    art = clean_document(doc)
    assert art.title == "Un entrepôt détruit par le feu"
    assert art.published.basis == "metadata" and art.published.value == "2022-11-08"
    assert "Un incendie a détruit un entrepôt" in art.text and "Partager" not in art.text
    assert "| Surface | 2 000 m² |" in art.text  # the extractor's table row stays


def test_empty_text():
    doc = RawDocument(source="e.txt", data=b"", text="", format="text")
    art = clean_document(doc)
    assert art.text == "" and art.title is None and art.published.basis == "unknown"
    assert art.language == "fr"


def test_metadata_title_and_date_from_a_jsonl_record():
    """A JSONL record's title wins over a guessed heading; a date printed on the page wins over metadata."""
    text = (DATA / "fr_updated_numeric.txt").read_text(encoding="utf-8")
    meta = {
        "title": "Course des Trois Vallées : annulation",
        "date": "2021-06-06",
        "outlet": "Le Petit Montagnard",
    }
    doc = RawDocument(source="pile.jsonl#3", data=text.encode(), text=text, format="text", metadata=meta)
    art = clean_document(doc)
    assert art.title == "Course des Trois Vallées : annulation"
    assert art.outlet == "Le Petit Montagnard"
    assert art.published.basis == "stated" and art.published.value.startswith("2021-06-05")


def test_corpus_repetition_drops_site_furniture_but_not_syndicated_text():
    """Menu lines shared by every page of a site go; a wire story's sentences shared by three copies stay."""
    body = (
        "Le tribunal administratif a suspendu mardi l'arrêté municipal qui interdisait la baignade dans la "
        "rivière, estimant que la commune n'avait pas démontré de danger particulier pour les nageurs.\n"
        "Aucun blessé n'est à déplorer.\n"
        "La commune dispose de quinze jours pour faire appel de cette décision devant la cour administrative, "
        "a précisé son avocat à la sortie de l'audience.\n"
    )
    pages = []
    for i in range(4):
        head = f"Mon Site {i % 2}\nAccueil\nRégion\nSports\nLa baignade à nouveau autorisée dans la rivière\n"
        text = head + body + "Nos partenaires\nPlan du site\n"
        pages.append(RawDocument(source=f"p{i}.txt", data=text.encode(), text=text, format="text"))
    stats = CorpusStats.from_texts(p.text for p in pages)
    art = clean_document(pages[0], stats)
    assert "Aucun blessé n'est à déplorer." in art.text
    assert art.title == "La baignade à nouveau autorisée dans la rivière"
    assert "Nos partenaires" not in art.text and "Plan du site" not in art.text
    assert any(r.reason and "corpus" in r.reason for r in art.removed)
