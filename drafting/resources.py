"""Where the packaged schemas and templates live, installed or in a checkout."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` ('schemas' or 'templates'), installed copy first."""
    # A wheel carries them inside the package; a checkout keeps them at the top level.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafting is incomplete: no {name}/ folder beside {_PACKAGE}")


@lru_cache(maxsize=None)
def load_schema(name: str = "record.schema.json") -> dict[str, Any]:
    """Return a published JSON Schema by file name."""
    return json.loads((resource_dir("schemas") / name).read_text(encoding="utf-8"))
