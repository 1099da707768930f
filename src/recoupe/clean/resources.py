"""Load the cleaner's data files (resources/clean/*.json) once."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "clean"


@cache
def load_resource(name: str) -> Any:
    """The parsed JSON of resources/clean/<name>."""
    return json.loads((RESOURCE_DIR / name).read_text(encoding="utf-8"))
