"""Benchmark: quote extraction (recoupe.nlp.quotes.extract_quotes) against the spaCy parse on real scraped pages.

Cleans every page of a directory (default ../shared/dev/clean/pages) with recoupe.clean.clean_document, parses it
with recoupe.nlp.pipeline.load("fr") (whatever the page's language: the build does the same for French-first
dossiers), finds the actors, then times extract_quotes alone. Writes characters per second for the parse and for
quote extraction to benchmarks/results/quotes.json. `--profile` prints the cProfile top of extract_quotes.
Also times single long articles (25,000 to 200,000 characters, built by joining the invented test articles of
tests/data/quotes/cases.json) to check that extraction stays near-linear in the article's length.

usage: .venv/bin/python benchmarks/bench_quotes.py [--pages DIR] [--profile] [--long 25000,100000,200000]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import pstats
import time
from pathlib import Path

from recoupe.clean import CorpusStats, clean_document
from recoupe.ingest.base import RawDocument
from recoupe.nlp import entities, pipeline, quotes

ROOT = Path(__file__).resolve().parent.parent


def load_articles(pages: Path) -> list:
    docs = []
    for path in sorted(pages.glob("*.txt")):
        data = path.read_bytes()
        docs.append(
            RawDocument(source=path.name, data=data, text=data.decode("utf-8", "replace"), format="text")
        )
    stats = CorpusStats.from_texts([d.text for d in docs])
    return [clean_document(d, stats) for d in docs]


def long_article(nlp, n: int) -> dict:
    """Parse and quote-extraction speed on one article of n characters (invented test articles joined)."""
    from recoupe.model import Article, Published

    cases = json.loads((ROOT / "tests" / "data" / "quotes" / "cases.json").read_text(encoding="utf-8"))[
        "cases"
    ]
    body = "\n\n".join(c["text"] for c in cases)
    text = (body * (n // len(body) + 1))[:n]
    art = Article(
        id="long",
        source="long.txt",
        title=None,
        language="fr",
        published=Published(value=None, basis="unknown"),
        text=text,
    )
    nlp.max_length = max(nlp.max_length, n + 1)
    t0 = time.perf_counter()
    doc = nlp(text)
    tp = time.perf_counter() - t0
    ents = entities.article_entities(doc, art)
    persons = [(m.start, m.end) for e in ents if e.type == "PER" for m in e.mentions]
    t0 = time.perf_counter()
    found = quotes.extract_quotes(doc, art, persons)
    tq = time.perf_counter() - t0
    return {
        "chars": n,
        "quotes": len(found),
        "parse_chars_per_s": round(n / tp),
        "quotes_chars_per_s": round(n / tq),
        "quotes_seconds": round(tq, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "dev" / "clean" / "pages")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--long", default="25000,100000,200000", help="long-article sizes; empty to skip")
    args = ap.parse_args()
    if not args.pages.is_dir():
        raise SystemExit(f"no pages at {args.pages}")
    arts = load_articles(args.pages)
    nlp = pipeline.load("fr")
    prepared = []
    t_parse = 0.0
    for a in arts:
        t0 = time.perf_counter()
        doc = nlp(a.text)
        t_parse += time.perf_counter() - t0
        ents = entities.article_entities(doc, a)
        persons = [(m.start, m.end) for e in ents if e.type == "PER" for m in e.mentions]
        prepared.append((doc, a, persons))
    chars = sum(len(a.text) for a in arts)
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    n_quotes = 0
    slowest = []
    for doc, a, persons in prepared:
        t1 = time.perf_counter()
        if prof:
            prof.enable()
        n_quotes += len(quotes.extract_quotes(doc, a, persons))
        if prof:
            prof.disable()
        slowest.append((time.perf_counter() - t1, len(a.text), a.id))
    t_quotes = time.perf_counter() - t0
    slowest.sort(reverse=True)
    result = {
        "pages": len(arts),
        "chars": chars,
        "quotes": n_quotes,
        "parse_seconds": round(t_parse, 3),
        "quotes_seconds": round(t_quotes, 3),
        "parse_chars_per_s": round(chars / t_parse),
        "quotes_chars_per_s": round(chars / t_quotes),
        "slowest_pages": [{"seconds": round(s, 3), "chars": n} for s, n, _ in slowest[:5]],
        "machine": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }
    sizes = [int(x) for x in args.long.split(",") if x.strip()]
    result["long_articles"] = [long_article(nlp, n) for n in sizes]
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results" / "quotes.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
