"""Checking a loaded record against the published schema, in plain words with locations."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from drafting.diagnostics import DraftingError, Problem
from drafting.resources import load_schema
from drafting.source import Source, load_source

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


@lru_cache(maxsize=None)
def _validator() -> jsonschema.protocols.Validator:
    # Imported here: commands that do not validate (help, lint, renumber) do not pay for it.
    import jsonschema

    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    # Only the formats the schema uses: jsonschema's date check needs no extra package, and the
    # format extras cost a second at import (rfc3987-syntax compiles lark grammars).
    known = [name for name in _formats_of(schema) if name in jsonschema.FormatChecker.checkers]
    return cls(schema, format_checker=jsonschema.FormatChecker(formats=known))


def _formats_of(schema: Any) -> list[str]:
    """Every ``format`` the schema names, so that a new one is checked without a code change."""
    if isinstance(schema, dict):
        own = [schema["format"]] if isinstance(schema.get("format"), str) else []
        return sorted(set(own).union(*(_formats_of(v) for v in schema.values())))
    if isinstance(schema, list):
        return sorted(set().union(*(_formats_of(v) for v in schema)))
    return []


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "record"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _expected(schema: dict[str, Any], field: str) -> str:
    """Say what a schema wants in words, using the property's title where it helps."""
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if "$ref" in items and items["$ref"].endswith("/id"):
            return "a list of ids"
        if field in ("documents",):
            return "a list of document symbols"
        return "a list"
    if isinstance(kind, list):
        return " or ".join(_TYPE_WORDS.get(k, k) for k in kind)
    return _TYPE_WORDS.get(kind, str(kind))


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    root = load_schema()
    seen = 0
    while "$ref" in schema and seen < 10:
        ref = schema["$ref"]
        node: Any = root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        merged = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**node, **merged}
        seen += 1
    return schema


def _describe(error: ValidationError, source: Source) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = _dotted(path)
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(_resolve(error.schema).get("properties", {}))
        problems = []
        for key in sorted(set(error.instance) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else f" (allowed here: {', '.join(allowed)})"
            problems.append(Problem(source.locate(path + (key,), key=True), f"{_dotted(path + (key,))}: unknown key '{key}'{hint}"))
        return problems
    if validator == "required":
        # jsonschema raises one error per missing key; name the key of this error only.
        named = re.match(r"'(.+)' is a required property", error.message)
        missing = [named.group(1)] if named else [k for k in error.validator_value if k not in error.instance]
        return [Problem(source.locate(path), f"{where}: missing required key '{k}'") for k in missing]
    if validator == "type":
        schema = _resolve(error.schema)
        return [Problem(source.locate(path), f"{where}: expected {_expected(schema, field)}, got {_kind(error.instance)}")]
    if validator == "enum":
        return [Problem(source.locate(path), f"{where}: expected one of {', '.join(repr(v) for v in error.validator_value)}, got {error.instance!r}")]
    if validator in ("format", "pattern") and field in ("date",) or (validator == "format" and error.validator_value == "date"):
        return [Problem(source.locate(path), f"{where}: expected a date written YYYY-MM-DD (e.g. 2020-06-16), got {error.instance!r}")]
    if validator == "pattern":
        schema = _resolve(error.parent.schema) if error.parent else {}
        title = error.schema.get("title") or field or "value"
        hint = error.schema.get("description", "")
        if title.lower().startswith("stable id") or (error.validator_value.startswith("^[A-Za-z][A-Za-z0-9_-]")):
            hint = "an id starts with a letter and holds only letters, digits, '_' and '-' (at most 40 characters)"
        elif field == "start" or field == "end":
            hint = "a time written HH:MM on the 24-hour clock, e.g. 15:00"
        return [Problem(source.locate(path), f"{where}: {error.instance!r} is not a valid {title.lower()}: {hint}")]
    if validator == "minLength":
        return [Problem(source.locate(path), f"{where}: must not be empty")]
    if validator == "minimum":
        return [Problem(source.locate(path), f"{where}: must be at least {error.validator_value}, got {error.instance!r}")]
    if validator == "maxItems":
        return [Problem(source.locate(path), f"{where}: at most {error.validator_value} entries, got {len(error.instance)}")]
    if validator == "oneOf":
        # A paragraph is a string or a mapping: explain the mapping's problems if it is one.
        if isinstance(error.instance, dict):
            problems: list[Problem] = []
            for sub in error.context or []:
                # Skip the string branch's complaint; keep what is wrong inside the mapping.
                if not (sub.validator == "type" and not sub.relative_path):
                    problems.extend(_describe(sub, source))
            if problems:
                return problems
        return [Problem(source.locate(path), f"{where}: expected a text or a mapping with 'text', got {_kind(error.instance)}")]
    return [Problem(source.locate(path), f"{where}: {error.message}")]


def check_semantics(source: Source) -> list[Problem]:
    """Check what the schema cannot say: unique ids, ITU sections matching agenda rows."""
    data = source.data
    problems: list[Problem] = []
    seen: dict[str, tuple[Any, ...]] = {}

    def note_id(value: Any, where: tuple[Any, ...]) -> None:
        if not isinstance(value, str):
            return
        # Word bookmark names cannot hold '-', so 'a-b' and 'a_b' would collide in the DOCX.
        canonical = value.replace("-", "_").lower()
        if canonical in seen:
            first = source.locate(seen[canonical])
            problems.append(Problem(source.locate(where), f"{_dotted(where)}: id '{value}' is already used at line {first.line}; ids must be unique"))
        else:
            seen[canonical] = where

    def walk(node: Any, where: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("id", "body_id", "title_id"):
                    note_id(value, where + (key,))
                elif key in ("bookmarks", "agenda_ids") and isinstance(value, list):
                    for i, item in enumerate(value):
                        note_id(item, where + (key, i))
                else:
                    walk(value, where + (key,))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, where + (i,))

    walk(data, ())
    logo = data.get("logo")
    if isinstance(logo, str):
        from pathlib import Path

        target = Path(source.path).parent / logo
        if not target.is_file():
            problems.append(Problem(source.locate(("logo",)), f"logo: no such file {str(target)!r} (the path is relative to the record)"))
        elif target.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            problems.append(Problem(source.locate(("logo",)), f"logo: expected a PNG or JPEG image, got {target.suffix or 'no extension'!r}"))
    if data.get("style") == "un":
        for i, section in enumerate(data.get("sections") or []):
            if isinstance(section, dict) and "title" not in section:
                problems.append(Problem(source.locate(("sections", i)), f"sections[{i}]: missing required key 'title' (UN-style headings are written out, they are not agenda rows)"))
    elif data.get("style") == "itu":
        agenda = data.get("agenda") or []
        sections = data.get("sections") or []
        if len(sections) > len(agenda):
            problems.append(Problem(source.locate(("sections", len(agenda))), f"sections[{len(agenda)}]: ITU style numbers section n after agenda row n, but the agenda has only {len(agenda)} rows"))
    return problems


def validate_source(source: Source) -> list[Problem]:
    """Return every schema and consistency problem of a loaded record (empty if valid)."""
    if not isinstance(source.data, dict):
        return [Problem(source.locate(()), f"expected a record (a mapping of keys such as 'style', 'symbol', 'agenda') at the top level, got {_kind(source.data)}")]
    problems: list[Problem] = []
    for error in _validator().iter_errors(source.data):
        problems.extend(_describe(error, source))
    if not problems:
        problems.extend(check_semantics(source))
    # One schema rule can fail several ways at one place (a date's format and pattern): say it once.
    problems = list(dict.fromkeys(problems))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def load_valid_source(path: str) -> Source:
    """Load and validate a record; raise DraftingError listing every problem."""
    source = load_source(path)
    problems = validate_source(source)
    if problems:
        raise DraftingError(problems)
    return source
