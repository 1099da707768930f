"""The cleaner on the development set of scraped pages (../shared/dev/clean), scored in-process with the dev
scorer's own matching (its metric.py, loaded with importlib): pooled snippet F1 as in trafilatura's benchmark,
publication-day accuracy on the pages whose day is written in the text, and the title rate (exact, or one title
containing the other)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.clean import CorpusStats, clean_document
from recoupe.ingest.base import RawDocument
from tests.conftest import load_module

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "clean"
F1_BAR = 0.95
DATE_BAR = 0.90
TITLE_BAR = 0.90


def _metric():
    return load_module(DEV / "metric.py", "clean_dev_metric")


@pytest.fixture(scope="module")
def scored():
    if not (DEV / "metric.py").exists():
        pytest.skip("../shared/dev/clean is not available")
    metric = _metric()
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))["pages"]
    docs = []
    for pid in sorted(gold):
        data = (DEV / "pages" / f"{pid}.txt").read_bytes()
        docs.append(RawDocument(source=f"{pid}.txt", data=data, text=data.decode("utf-8"), format="text"))
    stats = CorpusStats.from_texts(d.text for d in docs)
    tally = metric.Tally()
    per_page = {}
    for doc in docs:
        pid = doc.source[: -len(".txt")]
        g = gold[pid]
        art = clean_document(doc, stats)
        counts = metric.count_page(g, art.text)
        tally.add(counts)
        day = (art.published.value or "")[:10] or None
        if g.get("date"):
            tally.date_n += 1
            tally.date_ok += day == g["date"]
            if g.get("date_in_text"):
                tally.date_txt_n += 1
                tally.date_txt_ok += day == g["date"]
        if g.get("title"):
            exact, lenient = metric.title_match(art.title, g["title"])
            tally.title_n += 1
            tally.title_ok += exact
            tally.title_lenient += lenient
        per_page[pid] = counts
    return tally, per_page


def test_snippet_f1(scored):
    tally, per_page = scored
    worst = sorted(per_page.items(), key=lambda kv: -(kv[1][1] + kv[1][2]))[:5]
    print(f"clean dev F1 {tally.f1:.3f} P {tally.precision:.3f} R {tally.recall:.3f}; worst pages {worst}")
    assert tally.pages == 48
    assert tally.f1 >= F1_BAR


def test_publication_date_written_in_text(scored):
    tally, _ = scored
    acc = tally.date_txt_ok / tally.date_txt_n
    print(
        f"date accuracy (day in text) {acc:.3f} over {tally.date_txt_n}; all dated pages {tally.date_acc:.3f}"
    )
    assert acc >= DATE_BAR


def test_title(scored):
    tally, _ = scored
    lenient = tally.title_lenient / tally.title_n
    print(f"title exact {tally.title_acc:.3f} lenient {lenient:.3f} over {tally.title_n}")
    assert lenient >= TITLE_BAR
