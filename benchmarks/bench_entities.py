"""Benchmark: cross-article entity resolution (recoupe.resolve.names.resolve_entities) on synthetic articles.

Each synthetic article holds ~16 local entities drawn from a population of invented people whose names vary as
French and English transliterations do (sh/ch, u/ou, y/ï/i, zh/j, -iy/-i, hyphenated Korean-style given names,
"M. X" and bare family names), plus countries, capitals as governments, cities and organisations from the
gazetteer. Times resolve_entities at several sizes up to 10,000 articles (near-linear is the goal) and writes
benchmarks/results/entities.json.

usage: .venv/bin/python benchmarks/bench_entities.py [--max 10000]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from pathlib import Path

from recoupe.model import EntityMention
from recoupe.nlp.entities import LocalEntity, gazetteer, name_entity
from recoupe.resolve.names import resolve_entities

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "sha",
    "vo",
    "te",
    "nu",
    "zhe",
    "do",
    "kha",
    "bi",
    "ry",
    "po",
    "gu",
    "le",
]
ENDINGS = ["nko", "vich", "shin", "ov", "sky", "dze", "yan", "iy", "ev", "ina"]
FR = [("sh", "ch"), ("zh", "j"), ("u", "ou"), ("y", "ï"), ("kh", "kh"), ("iy", "i"), ("sky", "ski")]


def french(name: str) -> str:
    """The French transliteration of an English-style romanised name."""
    for en, fr in FR:
        name = name.replace(en, fr)
    return name


def make_people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    people = set()
    while len(people) < n:
        given = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        family = (
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))) + rng.choice(ENDINGS)
        ).capitalize()
        people.add((given, family))
    return sorted(people)


def person_local(article: str, idx: int, given: str, family: str, rng: random.Random) -> LocalEntity:
    style = rng.random()
    g, f = (french(given), french(family)) if rng.random() < 0.5 else (given, family)
    full = f"{g} {f}"
    forms = [full] if style < 0.7 else [f] if style < 0.85 else [full, f]
    mentions = []
    pos = 0
    for form in forms:
        mentions.append(EntityMention(article=article, start=pos, end=pos + len(form), text=form, type="PER"))
        pos += len(form) + 1
    return LocalEntity(
        key=f"PER:{idx}",
        name=forms[0],
        type="PER",
        mentions=mentions,
        forms=forms,
        key_forms=forms,
        roles=["ministre"] if rng.random() < 0.2 else [],
    )


def korean_local(article: str, idx: int, rng: random.Random) -> LocalEntity:
    fam = rng.choice(["Kim", "Pak", "Ri", "Choe", "Jang"])
    a, b = rng.choice(["Jong", "Yo", "Song", "Chol", "Hyon"]), rng.choice(["Il", "Nam", "Hui", "Su", "Ho"])
    form = rng.choice([f"{fam} {a} {b}", f"{fam} {a}-{b.lower()}", f"{fam} {a}-{b}"])
    m = EntityMention(article=article, start=0, end=len(form), text=form, type="PER")
    return LocalEntity(key=f"PER:k{idx}", name=form, type="PER", mentions=[m], forms=[form], key_forms=[form])


def make_articles(n: int, seed: int = 7) -> list[list[LocalEntity]]:
    rng = random.Random(seed)
    people = make_people(rng, max(200, n // 5))
    gz = gazetteer()
    places = sorted(t for t, v in gz.terms.items() if v[2] in ("name", "acronym", "demonym", "org"))
    capitals = sorted(t for t, v in gz.terms.items() if v[2] == "capital")
    cache: dict[tuple[str, str, bool], LocalEntity] = {}

    def gaz(article: str, term: str, typ: str, gov: bool) -> LocalEntity:
        k = (term, typ, gov)
        if k not in cache:
            cache[k] = name_entity("proto", term, typ, government=gov)
        le = cache[k]
        ms = [
            EntityMention(article=article, start=m.start, end=m.end, text=m.text, type=m.type)
            for m in le.mentions
        ]
        return LocalEntity(
            key=le.key,
            name=le.name,
            type=le.type,
            mentions=ms,
            ref=le.ref,
            forms=le.forms,
            key_forms=le.key_forms,
        )

    out = []
    for a in range(n):
        aid = f"art{a:06d}"
        locs: list[LocalEntity] = []
        for i in range(rng.randint(5, 10)):
            pi = rng.randrange(len(people))
            g, f = people[pi]
            locs.append(person_local(aid, i, g, f, rng))
            locs[-1].key = f"PER:{i}:truth{pi}"  # the invented person it names, for the accuracy check
        if rng.random() < 0.3:
            locs.append(korean_local(aid, 0, rng))
        seen = set()
        for _ in range(rng.randint(3, 6)):
            t = rng.choice(places)
            le = gaz(aid, t, "GPE", False)
            if le.key not in seen:
                seen.add(le.key)
                locs.append(le)
        for _ in range(rng.randint(0, 2)):
            t = rng.choice(capitals)
            le = gaz(aid, t, "LOC", rng.random() < 0.5)
            if le.key not in seen:
                seen.add(le.key)
                locs.append(le)
        out.append(locs)
    return out


def people_b_cubed(arts: list[list[LocalEntity]], key_map: dict[tuple[str, str], str]) -> tuple[float, float]:
    """B-cubed precision and recall of the invented people named in full (a family name alone may be ambiguous)."""
    from collections import Counter

    pts = []
    for locs in arts:
        for le in locs:
            if ":truth" in le.key and " " in le.name:
                pts.append((le.key.split(":truth")[1], key_map[(le.mentions[0].article, le.key)]))
    by_sys = Counter(s for _, s in pts)
    by_gold = Counter(g for g, _ in pts)
    both = Counter(pts)
    p = sum(both[x] / by_sys[x[1]] for x in pts) / len(pts)
    r = sum(both[x] / by_gold[x[0]] for x in pts) / len(pts)
    return p, r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=10_000)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "entities.json"))
    args = ap.parse_args()
    gazetteer()  # loaded once per process; not part of the timing
    runs = []
    for n in [s for s in (1_000, 2_500, 5_000, 10_000) if s <= args.max] or [args.max]:
        arts = make_articles(n)
        n_local = sum(len(a) for a in arts)
        t0 = time.perf_counter()
        entities, key_map = resolve_entities(arts)
        secs = time.perf_counter() - t0
        p, r = people_b_cubed(arts, key_map)
        runs.append(
            {
                "articles": n,
                "local_entities": n_local,
                "entities": len(entities),
                "seconds": round(secs, 3),
                "us_per_local_entity": round(secs / n_local * 1e6, 2),
                "people_b3_precision": round(p, 4),
                "people_b3_recall": round(r, 4),
            }
        )
        print(runs[-1], flush=True)
    result = {
        "benchmark": "resolve_entities on synthetic local entities",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "runs": runs,
        "scaling_10x": round(runs[-1]["us_per_local_entity"] / runs[0]["us_per_local_entity"], 2)
        if len(runs) > 1
        else None,
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
