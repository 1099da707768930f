"""Value F1 of recoupe.nlp.timex on the French TimeBank development set (../shared/dev/timex), in-process.

Matching as the dev scorer does it (TempEval-3 style): a system expression is correct when it overlaps a gold
one and has the identical value string, one to one. Here a greedy one-to-one matching (correct pairs first)
stands in for the scorer's maximum matching; on this data they agree.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from recoupe.nlp.timex import tag

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "timex" / "ftib.dev.jsonl"
BAR = 0.85


def value_counts(gold: list[dict], system: list[dict]) -> int:
    """Number of one-to-one pairs (overlapping spans, identical values)."""
    pairs = [
        (i, j)
        for i, g in enumerate(gold)
        for j, s in enumerate(system)
        if s["start"] < g["end"] and g["start"] < s["end"] and s["value"] == g["value"]
    ]
    used_g: set[int] = set()
    used_s: set[int] = set()
    for i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
    return len(used_g)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/dev/timex is not available")
def test_value_f1_on_french_timebank_dev() -> None:
    n_gold = n_sys = correct = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        found = [t.to_dict() for t in tag(doc["text"], dt.date.fromisoformat(doc["dct"]))]
        n_gold += len(doc["timexes"])
        n_sys += len(found)
        correct += value_counts(doc["timexes"], found)
    precision = correct / n_sys if n_sys else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"FTiB dev value F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}) n_gold {n_gold}")
    assert f1 >= BAR
