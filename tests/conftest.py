"""Shared fixtures: paths to ../shared (skipped when absent), the spaCy model, and built dossiers (once a session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def need_shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is beside the checkout in development and CI)")
    return p


@pytest.fixture(scope="session")
def nlp():
    from recoupe.nlp.pipeline import load

    return load("fr")


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory, nlp):
    """The dossier of the project's own examples/ (what `make demo` builds)."""
    from recoupe.build import build

    out = tmp_path_factory.mktemp("examples")
    report = build([EXAMPLES], out, nlp=nlp)
    return report, json.loads((out / "dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, nlp):
    """The dossier of ../shared/examples/seeds (third-party articles, never copied into the repo)."""
    from recoupe.build import build

    seeds = need_shared("examples", "seeds")
    out = tmp_path_factory.mktemp("seeds")
    report = build([seeds], out, nlp=nlp)
    return report, json.loads((out / "dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_gold():
    return json.loads(need_shared("gold", "seeds.json").read_text(encoding="utf-8"))


def load_module(path: Path, name: str):
    """A scorer's helper module (../shared/dev/...) loaded from its file, to match exactly as the scorer does."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module
