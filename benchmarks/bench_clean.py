"""Throughput of the clean stage (boilerplate removal + metadata + publication date) on the development pages.

    .venv/bin/python benchmarks/bench_clean.py [--pages DIR] [--repeat N] [--out benchmarks/results/clean.json]

Reads every *.txt page of DIR (default ../shared/dev/clean/pages; falls back to tests/data/clean), cleans them all
N times in one process after a warm-up pass (resources and babel month tables loaded once), and writes pages/s and
MB/s (raw UTF-8 bytes in) with the machine's details to the results file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recoupe.clean import CorpusStats, clean_document  # noqa: E402
from recoupe.ingest.base import RawDocument  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "dev" / "clean" / "pages"


def load(pages_dir: Path) -> list[RawDocument]:
    docs = []
    for path in sorted(pages_dir.glob("*.txt")):
        data = path.read_bytes()
        docs.append(
            RawDocument(source=path.name, data=data, text=data.decode("utf-8", "replace"), format="text")
        )
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--pages", type=Path, default=DEFAULT_PAGES if DEFAULT_PAGES.exists() else ROOT / "tests/data/clean"
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "clean.json")
    a = ap.parse_args()

    docs = load(a.pages)
    if not docs:
        print(f"no pages in {a.pages}", file=sys.stderr)
        return 2
    size = sum(len(d.data) for d in docs)
    stats = CorpusStats.from_texts(d.text for d in docs)
    for d in docs:  # warm-up: loads cue lists, stop lists, month tables
        clean_document(d, stats)
    runs = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        s = CorpusStats.from_texts(d.text for d in docs)
        for d in docs:
            clean_document(d, s)
        runs.append(time.perf_counter() - t0)
    best = min(runs)
    result = {
        "benchmark": "clean (boilerplate + metadata + publication date), one process",
        "pages_dir": str(a.pages),
        "pages": len(docs),
        "megabytes": round(size / 1e6, 3),
        "repeat": a.repeat,
        "seconds_best": round(best, 3),
        "seconds_median": round(statistics.median(runs), 3),
        "pages_per_second": round(len(docs) / best, 1),
        "megabytes_per_second": round(size / 1e6 / best, 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(
        f"clean: {result['pages_per_second']} pages/s, {result['megabytes_per_second']} MB/s "
        f"({len(docs)} pages, {result['megabytes']} MB, best of {a.repeat}: {best:.2f} s) -> {a.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
