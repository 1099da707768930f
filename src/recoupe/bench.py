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
    rounds = 0
    while True:
        stats = clean_stage.CorpusStats.from_texts(d.metadata.get("main_text", d.text) for d in docs)
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
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return results
