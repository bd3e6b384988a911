"""Starter records for `drafting new`: a commented record in a style and a language that validates and builds as it is.

The templates (drafting/starters/itu.yaml, un.yaml) and their sample texts per language
(drafting/starters/texts.yaml) are data files; this module only fills one with the other.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from drafting import language as lang
from drafting.resources import resource_dir

STYLES = ("itu", "un")
_FOLDER = Path(__file__).resolve().parent / "starters"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Written as they are: comments, codes and dates (an unquoted date is what a secretary types).
_VERBATIM = {"schema_path", "language", "language_choices", "original_line", "date", "meeting_date"}


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    return yaml.safe_load((_FOLDER / "texts.yaml").read_text(encoding="utf-8"))


def yaml_text(value: str) -> str:
    """Write a text as a YAML value: unquoted when YAML reads it back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"key: {value}\n") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def schema_location() -> str:
    """The absolute path of the record schema, for a `$schema` line that works from any folder."""
    return str(resource_dir("schemas") / "record.schema.json")


def starter(style: str, language: str) -> str:
    """Return the starter record of a style ('itu' or 'un') in a language (one of the six)."""
    template = (_FOLDER / f"{style}.yaml").read_text(encoding="utf-8")
    texts = _texts()[language]
    words = lang.wording(language)
    values: dict[str, Any] = {
        **texts,
        "language": language,
        "symbol": f"C19/110-{texts['letter']}",
        "un_symbol": "CCPR/C/SR.3600",
        "schema_path": schema_location(),
        "language_choices": ", ".join(f"{code} ({words.names[code]})" for code in lang.LANGUAGES),
        "original_line": words.original.format(words.names[language]),
    }

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        value = str(values[key])
        return value if key in _VERBATIM else yaml_text(value)

    return _PLACEHOLDER.sub(fill, template)
