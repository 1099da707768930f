"""The cleaner's date finder on date lines in several languages and formats (tests/data/clean/dates.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.clean.dates import find_dates, find_month_years, find_short_year

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "clean" / "dates.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["text"][:30])
def test_date_line(case):
    finder = find_short_year if case.get("short_year") else find_dates
    found = finder(case["text"], case["lang"])
    assert found, case["text"]
    first = found[0]
    assert first.value == case["value"]
    assert case["text"][first.start : first.end] == first.text


@pytest.mark.parametrize("case", CASES["no_date"], ids=lambda c: c["text"][:30])
def test_no_full_date(case):
    assert find_dates(case["text"], case["lang"]) == []


def test_month_and_year_without_day():
    found = find_month_years("Le chantier avait commencé en juillet 2023, selon la mairie.", "fr")
    assert [(m.text, m.value) for m in found] == [("juillet 2023", "2023-07")]
    assert find_month_years("le 3 juillet 2023", "fr") == []


def test_offsets_survive_other_digits():
    text = "আজ শনিবার, আগস্ট ২৯, ২০২০ সকালে"
    (d,) = find_dates(text, "bn")
    assert text[d.start : d.end] == d.text and d.value == "2020-08-29"
