"""The official scorer of ../shared/dev/seeds against the gold, run as we are judged (through the CLI).

Each section must reach 1.000; the summary lines are written to tests/eval/results/seeds.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "dev" / "seeds" / "score.py"
SECTIONS = ["contract", "clean", "entities", "quotes", "timex"]
RESULTS: dict[str, str] = {}


@pytest.mark.parametrize("section", SECTIONS)
def test_seeds_section_at_full_score(section, tmp_path_factory):
    if not SCORER.exists():
        pytest.skip("../shared/dev/seeds/score.py not available")
    cli = ROOT / ".venv" / "bin" / "recoupe"
    if not cli.exists():
        pytest.skip("the scorer runs .venv/bin/recoupe (make test installs it)")
    env = dict(os.environ, RECOUPE_EVAL_CACHE=str(tmp_path_factory.getbasetemp() / "recoupe-eval"))
    p = subprocess.run([sys.executable, str(SCORER), section], cwd=ROOT, capture_output=True, text=True,
                       timeout=1500, env=env)
    last = (p.stdout.strip().splitlines() or [""])[-1]
    RESULTS[section] = last
    out = ROOT / "tests" / "eval" / "results" / "seeds.json"
    out.write_text(json.dumps(RESULTS, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:]
