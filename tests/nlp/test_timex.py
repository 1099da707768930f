"""recoupe.nlp.timex: rule families on invented news sentences (tests/data/timex/cases.json), CLI contract."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from recoupe.model import Timex
from recoupe.nlp.timex import cli_main, tag
from recoupe.nlp.timex.lexicon import parse_number

CASES = json.loads((Path(__file__).parents[1] / "data" / "timex" / "cases.json").read_text(encoding="utf-8"))[
    "cases"
]


def _day(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _find(found: list[Timex], text: str, needle: str) -> Timex | None:
    """The expression overlapping the first occurrence of `needle` in `text`."""
    start = text.index(needle)
    end = start + len(needle)
    hits = [t for t in found if t.start < end and start < t.end]
    return max(hits, key=lambda t: min(t.end, end) - max(t.start, start)) if hits else None


@pytest.mark.parametrize("case", CASES, ids=[f"{c['family']}: {c['text'][:50]}" for c in CASES])
def test_case(case: dict) -> None:
    found = tag(case["text"], _day(case["dct"]), case.get("lang", "fr"))
    if not case["expect"]:
        assert found == [], [(t.text, t.value) for t in found]
    for exp in case["expect"]:
        t = _find(found, case["text"], exp["text"])
        assert t is not None, f"{exp['text']!r} not found in {[(x.text, x.value) for x in found]}"
        assert t.value == exp["value"], (t.text, t.value)
        for key in ("type", "mod"):
            if key in exp:
                assert getattr(t, key) == exp[key], (t.text, key, getattr(t, key))


def test_cases_cover_the_rule_families() -> None:
    families = {c["family"] for c in CASES}
    assert len(CASES) >= 60
    for needed in (
        "explicit dates",
        "weekdays and tense",
        "relative units",
        "reported speech",
        "durations",
        "sets",
        "clock times",
        "decades, centuries",
        "vague refs",
        "ago / later / anaphora",
    ):
        assert needed in families


def test_offsets_point_into_the_text() -> None:
    text = "Publié le 3 août 2023.\nLe ministre a déclaré hier soir qu’il partirait « dans deux semaines »."
    for t in tag(text, dt.date(2023, 8, 3)):
        assert text[t.start : t.end] == t.text


def test_range_and_anchor() -> None:
    (t,) = tag("Les ventes ont reculé la semaine dernière.", dt.date(2023, 8, 8))
    assert (t.value, t.range, t.anchor, t.basis) == (
        "2023-W31",
        ["2023-07-31", "2023-08-06"],
        "2023-08-08",
        "relative",
    )
    (d,) = tag("Le contrat court sur six mois.", dt.date(2023, 8, 8))
    assert d.type == "DURATION" and d.range is None
    (e,) = tag("Le barrage a été achevé fin 2022.", dt.date(2023, 8, 8))
    assert (e.value, e.mod, e.range, e.basis) == ("2022", "END", ["2022-09-02", "2022-12-31"], "explicit")


def test_weekday_equal_to_reference_day_is_that_day() -> None:
    (t,) = tag("Le ministre a annoncé mardi sa démission.", dt.date(2023, 8, 8))  # a Tuesday
    assert t.value == "2023-08-08"


def test_reported_speech_anchors_on_the_statement_day() -> None:
    text = "Le parquet a indiqué vendredi que le suspect avait été interpellé le mois dernier."
    found = tag(text, dt.date(2023, 9, 5))  # Tuesday 5 September
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("vendredi", "2023-09-01", "2023-09-05"),
        ("le mois dernier", "2023-08", "2023-09-01"),
    ]


def test_without_reference_day() -> None:
    found = tag("Le conseil a voté jeudi, le 3 août 2023, puis la semaine dernière.", None)
    values = {t.text: (t.value, t.range) for t in found}
    assert values["jeudi"] == ("XXXX-WXX-4", None)
    assert values["le 3 août 2023"][0] == "2023-08-03"
    assert values["la semaine dernière"] == (None, None)


@pytest.mark.parametrize(
    "words, number",
    [
        ("vingt et un", 21),
        ("quatre-vingt-dix", 90),
        ("soixante-dix-sept", 77),
        ("deux cents", 200),
        ("trois mille", 3000),
        ("quarante-cinq", 45),
        ("12", 12),
        ("1,5", 1.5),
    ],
)
def test_numbers_in_words(words: str, number: float) -> None:
    assert parse_number(words) == number


def test_cli_prints_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    text = "Le maire a inauguré jeudi la médiathèque.\r\nLes travaux dureront trois mois."
    path.write_bytes(text.encode("utf-8"))
    assert cli_main(["--dct", "2023-08-08", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["value"] for r in rows] == ["2023-08-03", "P3M"]
    for r in rows:
        assert set(r) == {"start", "end", "text", "type", "value", "mod", "range"}
        assert text[r["start"] : r["end"]] == r["text"]


def test_cli_module_reads_stdin() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "recoupe.nlp.timex", "--dct", "2023-08-08", "-"],
        input="Il est arrivé hier.".encode(),
        capture_output=True,
        check=True,
    ).stdout
    (row,) = [json.loads(line) for line in io.BytesIO(out).read().decode("utf-8").splitlines()]
    assert (row["text"], row["value"], row["range"]) == ("hier", "2023-08-07", ["2023-08-07", "2023-08-07"])


def test_import_does_not_pull_heavy_libraries() -> None:
    code = "import sys, recoupe.nlp.timex; print(any(m in sys.modules for m in ('spacy', 'dateparser')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_trigger_windows_find_what_a_full_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules only run around trigger words (grammar.windows); that must not lose any expression."""
    from recoupe.nlp.timex import grammar

    texts = [c["text"] for c in CASES] + [
        "Les réunions ont lieu tous les jeudis et les samedis, depuis des décennies.",
        "Au XIXe siècle, durant l'après-guerre, dans les années quatre-vingt-dix, à la mi-août.",
    ]
    langs = [c.get("lang", "fr") for c in CASES] + ["fr", "fr"]
    windowed = [
        [(t.start, t.end, t.value) for t in tag(x, dt.date(2021, 6, 15), g)]
        for x, g in zip(texts, langs, strict=True)
    ]
    monkeypatch.setattr(grammar, "windows", lambda text: [(0, len(text))])
    full = [
        [(t.start, t.end, t.value) for t in tag(x, dt.date(2021, 6, 15), g)]
        for x, g in zip(texts, langs, strict=True)
    ]
    assert windowed == full


# Hostile inputs: thousands of expressions in one sentence or line (a broken page, a list, an attack). Each
# used to take minutes (per-expression rescans of the sentence); the work must grow linearly.
HOSTILE = {
    "weekdays": ("lundi mardi mercredi jeudi vendredi ", 5),
    "dates": ("le 3 janvier 2020 et le 4 février ", 2),
    "reported": ("a déclaré jeudi que ", 1),
    "numeric": ("12/03/23 à 10h30 ", 2),
    "quotes": ("« la semaine dernière », a dit mardi le maire, ", 2),
    "restrictive que": ("il ne dit que que qu' jeudi : « demain » ", 2),
    "number words": ("un deux trois quatre cinq ", 0),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_work_grows_linearly_with_hostile_input(name: str) -> None:
    from recoupe.nlp.timex import last_stats

    unit, per_unit = HOSTILE[name]
    work = []
    for n in (150, 300, 450):
        found = tag(unit * n, dt.date(2020, 1, 1))
        assert len(found) == per_unit * n
        stats = last_stats()
        work.append(stats["index_steps"] + stats["mention_steps"])
    # each added block of text costs the same work: no term grows with the square of the length
    assert work[2] - work[1] <= 1.05 * (work[1] - work[0]) + 50, work


@pytest.mark.parametrize(
    "unit, count, expressions",
    [
        ("lundi mardi mercredi jeudi vendredi ", 1500, 7500),
        ("le 3 janvier 2020 et le 4 février ", 1500, 3000),
        ("a déclaré jeudi que ", 2500, 2500),
        ("12/03/23 à 10h30 ", 3000, 6000),
        ("un deux trois quatre cinq ", 3000, 0),
    ],
)
def test_hostile_inputs_of_full_size_are_tagged(unit: str, count: int, expressions: int) -> None:
    """The sizes that used not to finish (a hang here times the suite out)."""
    text = unit * count
    found = tag(text, dt.date(2020, 1, 1))
    assert len(found) == expressions
    assert all(text[t.start : t.end] == t.text for t in found[:: max(1, len(found) // 50)])


def test_long_text_is_tagged_in_one_piece() -> None:
    """400,000 characters of news sentences (the invented cases, repeated): same expressions per copy."""
    block = "\n".join(c["text"] for c in CASES if c["dct"]) + "\n"
    text = block * (400_000 // len(block) + 1)
    copies = text.count(block)
    one = tag(block, dt.date(2021, 6, 15))
    found = tag(text, dt.date(2021, 6, 15))
    assert len(text) >= 400_000
    assert len(found) == copies * len(one)
    assert [t.value for t in found[-len(one) :]] == [t.value for t in one]
