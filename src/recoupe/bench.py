"""`recoupe bench`: throughput and memory of the stages, written to a results file (never asserted in tests)."""

from __future__ import annotations

import json
import platform
import resource
import tempfile
import time
from pathlib import Path
from typing import Any


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_bench(out: Path, pages: Path | None = None) -> dict[str, Any]:
    """Time ingest+clean (pages/s, MB/s) on a folder of pages, and a whole build of the examples."""
    from . import clean as clean_stage
    from .build import build
    from .ingest import RawDocument, iter_inputs

    root = Path(__file__).resolve().parents[2]
    pages = pages or root / "examples"
    docs = [d for d in iter_inputs([pages]) if isinstance(d, RawDocument)]
    size = sum(len(d.data) for d in docs)
    results: dict[str, Any] = {"machine": platform.platform(), "python": platform.python_version(), "pages": str(pages)}

    t0 = time.perf_counter()
    stats = clean_stage.CorpusStats.from_texts(docs)
    for d in docs:  # warm-up: lexicons and stop lists load once per process
        clean_stage.clean_document(d, stats)
    results["clean_startup_seconds"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    rounds = 0
    while True:
        stats = clean_stage.CorpusStats.from_texts(docs)
        for d in docs:
            clean_stage.clean_document(d, stats)
        rounds += 1
        if time.perf_counter() - t0 > 2.0:
            break
    dt = time.perf_counter() - t0
    results["clean"] = {
        "documents": len(docs) * rounds,
        "seconds": round(dt, 3),
        "pages_per_s": round(len(docs) * rounds / dt, 1),
        "mb_per_s": round(size * rounds / dt / 1e6, 3),
    }

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = build([pages], Path(tmp) / "cold")
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        build([pages], Path(tmp) / "cold")
        warm = time.perf_counter() - t0
    results["build"] = {
        "articles": len(report.dossier.articles),
        "cold_seconds": round(cold, 2),
        "warm_seconds_rebuild": round(warm, 2),
        "stage_seconds": {k: round(v, 3) for k, v in report.timings.items()},
        "max_rss_mb": round(_rss_mb(), 1),
    }
    results["analyse"] = _bench_analyse(report.dossier.articles)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def _bench_analyse(articles: list) -> dict[str, Any]:
    """Per-article analysis after the model is loaded: the steady-state cost of the map step, by stage."""
    from .nlp import entities, quotes, timex
    from .nlp.analyse import reference_day
    from .nlp.pipeline import load

    t0 = time.perf_counter()
    nlp = load("fr")
    load_s = time.perf_counter() - t0
    stages = {"timex": 0.0, "parse": 0.0, "entities": 0.0, "quotes": 0.0}
    chars = 0
    for rnd in range(2):  # round 0 warms up gazetteers and lexicons
        for a in articles:
            t = time.perf_counter()
            timex.tag(a.text, reference_day(a))
            t1 = time.perf_counter()
            doc = nlp(a.text)
            t2 = time.perf_counter()
            entities.article_entities(doc, a)
            t3 = time.perf_counter()
            quotes.extract_quotes(doc, a)
            t4 = time.perf_counter()
            if rnd:
                chars += len(a.text)
                for k, v in zip(stages, (t1 - t, t2 - t1, t3 - t2, t4 - t3), strict=False):
                    stages[k] += v
    total = sum(stages.values()) or 1e-9
    return {
        "model_load_seconds": round(load_s, 2),
        "articles": len(articles),
        "articles_per_s": round(len(articles) / total, 2),
        "chars_per_s_by_stage": {k: round(chars / v) if v else None for k, v in stages.items()},
        "share_by_stage": {k: round(v / total, 3) for k, v in stages.items()},
    }
