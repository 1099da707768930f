"""The command line as a user meets it: exit codes, one-line errors, no traceback, atomic replacement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import DATA, EXAMPLES, ROOT

RECOUPE = [sys.executable, "-m", "recoupe.cli"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([*RECOUPE, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600)


def test_usage_error_exits_2():
    p = run("build")
    assert p.returncode == 2
    assert "Traceback" not in p.stderr


def test_bad_inputs_exit_1_with_one_line_messages_and_the_dossier_written(tmp_path):
    out = tmp_path / "out"
    p = run("build", str(DATA / "ingest"), str(EXAMPLES / "01_depeche_port.txt"), "-o", str(out))
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    assert "empty.txt: EMPTY:" in p.stderr and "binary.bin: BINARY:" in p.stderr
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    codes = {e["source"]: e["code"] for e in data["errors"]}
    assert codes["binary.bin"] == "BINARY" and codes["articles.jsonl#2"] == "PARSE"
    assert "01_depeche_port.txt" in {a["source"] for a in data["articles"]}
    assert p.stderr.strip().splitlines()[-1].startswith(f"{len(data['articles']) + len(data['errors'])} inputs read")


def test_clean_inputs_exit_0_and_existing_output_is_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "dossier.json").write_text("stale", encoding="utf-8")
    p = run("build", str(EXAMPLES / "04_reaction.html"), "-o", str(out))
    assert p.returncode == 0, p.stderr
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert [a["source"] for a in data["articles"]] == ["04_reaction.html"]
    assert (out / "recoupe.sqlite").exists()
    v = run("validate", str(out / "dossier.json"))
    assert v.returncode == 0, v.stdout + v.stderr


def test_explain_entity_and_speaker_page(tmp_path):
    out = tmp_path / "out"
    assert run("build", str(EXAMPLES), "-o", str(out), "-q").returncode == 0
    p = run("explain-entity", "Kharatichvili", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert "Levan Kharatishvili [PER]" in p.stdout or "Lévan Kharatichvili [PER]" in p.stdout
    assert "merged because:" in p.stdout and "Kharatishvili" in p.stdout
    q = run("quotes", "Nino Beridze", "-o", str(out))
    assert q.returncode == 0, q.stderr
    rows = [json.loads(line) for line in q.stdout.splitlines()]
    assert any(r["text"].startswith("Nos équipes ont respecté chaque procédure") for r in rows)
    assert {r["speaker"] for r in rows} == {"Nino Beridze"}
    missing = run("explain-entity", "Personne Inconnue", "-o", str(out))
    assert missing.returncode == 1 and "no actor named" in missing.stderr
    nostore = run("explain-entity", "X", "-o", str(tmp_path / "nowhere"))
    assert nostore.returncode == 2 and "Traceback" not in nostore.stderr
