"""Nothing specific to the example articles in the library: no gold name and no long phrase of the seed articles
appears in src/ (names come from general rules and package data at run time)."""

from __future__ import annotations

import json
import re

from .conftest import ROOT, need_shared

SRC_SUFFIXES = {".py", ".json", ".tsv", ".txt", ".html", ".js", ".css"}


def _library_texts():
    for p in sorted((ROOT / "src").rglob("*")):
        if p.suffix in SRC_SUFFIXES and p.name != "dossier.schema.json" and "__pycache__" not in p.parts:
            yield p, p.read_text(encoding="utf-8")


def test_no_gold_name_in_the_library():
    gold = json.loads(need_shared("gold", "seeds.json").read_text(encoding="utf-8"))
    names = {a for g in gold["entities"] for a in g["aliases"]}
    found = []
    for p, text in _library_texts():
        for n in names:
            if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, flags=re.IGNORECASE):
                found.append(f"{p.relative_to(ROOT)}: {n}")
    assert found == []


def test_no_long_seed_phrase_in_the_library():
    seeds = need_shared("examples", "seeds")
    words = re.findall(r"\w+", " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))).lower())
    n = 8
    phrases = {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    found = []
    for p, text in _library_texts():
        w = re.findall(r"\w+", text.lower())
        for i in range(len(w) - n + 1):
            if " ".join(w[i : i + n]) in phrases:
                found.append(f"{p.relative_to(ROOT)}: {' '.join(w[i : i + n])}")
                break
    assert found == []
