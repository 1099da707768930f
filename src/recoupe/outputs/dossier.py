"""dossier.json: assemble, validate against the contract, write atomically."""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Dossier


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The output contract shipped with the package (a copy of shared/schema/dossier.schema.json)."""
    return json.loads(resources.files("recoupe.resources").joinpath("dossier.schema.json").read_text("utf-8"))


def validation_errors(data: dict[str, Any], limit: int = 20) -> list[str]:
    """Schema errors (with a format checker) plus span-text and id-reference checks; empty when valid."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    texts = {a["id"]: a["text"] for a in data.get("articles", [])}
    for where, span in _spans(data):
        t = texts.get(span.get("article"))
        if t is None:
            errors.append(f"{where}: unknown article {span.get('article')!r}")
        elif t[span["start"] : span["end"]] != span["text"]:
            errors.append(f"{where}: text does not match article text at [{span['start']}:{span['end']}]")
    ids: set[str] = set()
    for key in ("articles", "entities", "quotes", "events", "conflicts", "stories"):
        for item in data.get(key) or []:
            if item["id"] in ids:
                errors.append(f"{key}: duplicate id {item['id']}")
            ids.add(item["id"])
    for q in data.get("quotes", []):
        for ref in [q.get("speaker"), *q.get("same_as", [])]:
            if ref is not None and ref not in ids:
                errors.append(f"quote {q['id']}: unresolved reference {ref}")
    for a in data.get("articles", []):
        if a.get("duplicate_of") and a["duplicate_of"] not in ids:
            errors.append(f"article {a['id']}: unresolved duplicate_of")
    for ev_id in data.get("timeline", []):
        if ev_id not in ids:
            errors.append(f"timeline: unresolved {ev_id}")
    return errors[:limit]


def _spans(data: dict[str, Any]):
    for e in data.get("entities", []):
        for m in e.get("mentions", []):
            yield f"entity {e['id']}", m
    for q in data.get("quotes", []):
        yield f"quote {q['id']}", q
        for k in ("speaker_span", "cue"):
            if q.get(k):
                yield f"quote {q['id']} {k}", q[k]
        for s in q.get("segments", []):
            yield f"quote {q['id']} segment", s
    for ev in data.get("events", []):
        for m in ev.get("mentions", []):
            yield f"event {ev['id']}", m
            if m.get("trigger"):
                yield f"event {ev['id']} trigger", m["trigger"]
    for a in data.get("articles", []):
        ev = (a.get("published") or {}).get("evidence")
        if ev:
            yield f"article {a['id']} published", ev


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_dossier(dossier: Dossier, path: Path) -> dict[str, Any]:
    data = dossier.to_dict()
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
    return data
