"""Benchmark: recoupe.nlp.timex against dateparser's search_dates on the French TimeBank dev set.

    .venv/bin/python benchmarks/bench_timex.py [--gold ../shared/dev/timex/ftib.dev.jsonl] [--out FILE]

Measures, for both taggers on the same French news texts: precision, recall and value F1 (an expression is
correct when it overlaps a gold one and has the identical value, one to one, TempEval-3 style), extent F1
(overlap only), throughput in characters per second (in-process, best of 3 runs), and start-up time
(a fresh interpreter importing the tagger and tagging one short text; for Recoupe the CLI itself, which the
dev scorer starts once per document), and scaling: throughput of recoupe.nlp.timex on 10k, 100k and 400k
characters of news text (the dev texts, repeated) and on hostile inputs (thousands of trigger words in one
sentence), with the tagger's work counters per character (they must stay flat: linear time).
dateparser values are its datetimes written as days (YYYY-MM-DD),
as dateparser has no notion of months, weeks or durations. Writes benchmarks/results/timex.json and prints a
markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "dev" / "timex" / "ftib.dev.jsonl"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "timex.json"

Row = dict  # {"start", "end", "value"}


def recoupe_tagger(text: str, dct: dt.date) -> list[Row]:
    from recoupe.nlp.timex import tag

    return [{"start": t.start, "end": t.end, "value": t.value, "text": t.text} for t in tag(text, dct)]


def dateparser_tagger(text: str, dct: dt.date) -> list[Row]:
    from dateparser.search import search_dates

    base = dt.datetime(dct.year, dct.month, dct.day, 12, 0)
    found = search_dates(text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
    rows, pos = [], 0
    for substring, when in found:
        start = text.find(substring, pos)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        pos = start + len(substring)
        rows.append({"start": start, "end": pos, "value": when.date().isoformat(), "text": substring})
    return rows


def match(gold: list[Row], system: list[Row], same_value: bool) -> int:
    """One-to-one overlapping pairs (identical values when same_value), greedy by overlap length."""
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if overlap > 0 and (not same_value or s["value"] == g["value"]):
                pairs.append((overlap, i, j))
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
    return len(used_g)


def prf(correct: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
    }


def evaluate(tagger: Callable[[str, dt.date], list[Row]], docs: list[dict]) -> dict:
    tagger(docs[0]["text"], dt.date.fromisoformat(docs[0]["dct"]))  # warm-up: imports, compiled rules
    n_gold = n_sys = ok_value = ok_extent = 0
    best = float("inf")
    for run in range(3):
        t0 = time.perf_counter()
        outputs = [tagger(d["text"], dt.date.fromisoformat(d["dct"])) for d in docs]
        best = min(best, time.perf_counter() - t0)
        if run == 0:
            for d, rows in zip(docs, outputs, strict=True):
                n_gold += len(d["timexes"])
                n_sys += len(rows)
                ok_value += match(d["timexes"], rows, True)
                ok_extent += match(d["timexes"], rows, False)
    chars = sum(len(d["text"]) for d in docs)
    return {
        "value": prf(ok_value, n_sys, n_gold),
        "extent_relaxed": prf(ok_extent, n_sys, n_gold),
        "n_system": n_sys,
        "n_gold": n_gold,
        "chars": chars,
        "seconds": round(best, 3),
        "chars_per_s": round(chars / best),
    }


# Hostile inputs: many expressions in one sentence or line, the case that used to be quadratic.
ADVERSARIAL = {
    "weekdays x1500": " ".join(["lundi mardi mercredi jeudi vendredi"] * 1500),
    "dates x1500": " ".join(["le 3 janvier 2020 et le 4 février"] * 1500),
    "a déclaré jeudi que x2500": "a déclaré jeudi que " * 2500,
    "12/03/23 à 10h30 x3000": " ".join(["12/03/23 à 10h30"] * 3000),
    "number words x3000": "un deux trois quatre cinq " * 3000,
    "« ... », a dit mardi x2000": "« la semaine dernière », a dit mardi le maire, " * 2000,
    "hier x80000 (400k chars)": "hier " * 80000,
}


def scaling(docs: list[dict]) -> dict:
    """Characters per second of recoupe.nlp.timex by text size and on hostile inputs (one run each)."""
    from recoupe.nlp.timex import last_stats, tag

    news = "\n\n".join(d["text"] for d in docs)
    dct = dt.date(2020, 1, 1)
    tag("jeudi", dct)  # warm-up: compiled rules

    def run(text: str) -> dict:
        t0 = time.perf_counter()
        found = tag(text, dct)
        seconds = time.perf_counter() - t0
        stats = last_stats()
        return {
            "chars": len(text),
            "expressions": len(found),
            "seconds": round(seconds, 3),
            "chars_per_s": round(len(text) / seconds),
            "steps_per_char": round((stats["index_steps"] + stats["mention_steps"]) / len(text), 3),
        }

    sizes = {}
    for n in (10_000, 100_000, 400_000):
        sizes[f"news {n // 1000}k"] = run((news * (n // len(news) + 1))[:n])
    return {"news": sizes, "adversarial": {name: run(text) for name, text in ADVERSARIAL.items()}}


def startup(cmd: list[str], runs: int = 7) -> float:
    """Fastest wall time of a fresh process over `runs` (seconds): the least disturbed by other load."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return round(min(times), 3)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--scaling-only",
        action="store_true",
        help="only rerun the scaling section of an existing results file",
    )
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"no dev set at {args.gold}", file=sys.stderr)
        return 2
    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.scaling_only and args.out.exists():
        results = json.loads(args.out.read_text(encoding="utf-8"))
        results["scaling"] = scaling(docs)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(scaling_table(results["scaling"]))
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("Le maire a inauguré jeudi la médiathèque.")
        sample = fh.name
    py = sys.executable
    results = {
        "dataset": {
            "path": str(args.gold.name),
            "documents": len(docs),
            "gold_timexes": sum(len(d["timexes"]) for d in docs),
        },
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "date": dt.date.today().isoformat(),
        "taggers": {
            "recoupe.nlp.timex": evaluate(recoupe_tagger, docs),
            "dateparser.search_dates": evaluate(dateparser_tagger, docs),
        },
    }
    results["taggers"]["recoupe.nlp.timex"]["startup_s"] = startup(
        [py, "-m", "recoupe.nlp.timex", "--dct", "2023-08-08", sample]
    )
    results["taggers"]["dateparser.search_dates"]["startup_s"] = startup(
        [
            py,
            "-c",
            "import datetime, dateparser.search as s; "
            "s.search_dates('Le maire a inauguré jeudi la médiathèque.', languages=['fr'], "
            "settings={'RELATIVE_BASE': datetime.datetime(2023, 8, 8)})",
        ]
    )
    results["python_startup_s"] = startup([py, "-c", "pass"])
    results["scaling"] = scaling(docs)
    Path(sample).unlink()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(scaling_table(results["scaling"]))
    print(f"\nwritten to {args.out}")
    return 0


def table(results: dict) -> str:
    ds = results["dataset"]
    lines = [
        f"French TimeBank dev ({ds['documents']} documents, {ds['gold_timexes']} TIMEX3)",
        "",
        "| tagger | value P | value R | value F1 | extent F1 | chars/s | start-up (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results["taggers"].items():
        v, e = r["value"], r["extent_relaxed"]
        lines.append(
            f"| {name} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {e['f1']:.3f} | "
            f"{r['chars_per_s']:,} | {r['startup_s']:.3f} |"
        )
    lines.append(f"\n(bare Python start-up: {results['python_startup_s']:.3f} s)")
    return "\n".join(lines)


def scaling_table(sc: dict) -> str:
    lines = ["", "| input | chars | expressions | chars/s | steps/char |", "|---|---:|---:|---:|---:|"]
    for group in ("news", "adversarial"):
        for name, r in sc[group].items():
            lines.append(
                f"| {name} | {r['chars']:,} | {r['expressions']:,} | {r['chars_per_s']:,} | {r['steps_per_char']} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
