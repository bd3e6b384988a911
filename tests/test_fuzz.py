"""Fuzzing: random valid records build with nothing lost; random damage gives exit 0 or 2, never a
traceback and never a hang.

The record strategy is generated from schemas/record.schema.json (types, enums, patterns,
required and optional keys, $ref and oneOf), then given what the schema cannot say (unique ids,
one ITU section per agenda row). `make test` runs a few examples of each; `make fuzz` runs many
(FUZZ_EXAMPLES in the environment).
"""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.cli import main
from drafting.fidelity import docx_text, squeeze
from drafting.markup import source_pieces
from drafting.resources import load_schema

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 8,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
ROOT = Path(__file__).resolve().parents[1]

# Words of every script the record languages use, and the characters Markdown and XML treat
# specially: what a secretary types, and what breaks naive escaping.
_LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éçñüßøåЖжЯяДдقرارالمجلس会议记录主席秘书长"))
_MARKS = st.sampled_from(list("*_`[]()<>&#!\\\"'.,;:-–—«»“”%{}|~") + ["{{", "}}", "{%", "%}", "<w:t>", "&amp;", "**", "\t", "\n"])
_WORD = st.text(_LETTERS, min_size=1, max_size=12)
_TEXT = st.lists(st.one_of(_WORD, _WORD, _WORD, _MARKS), min_size=1, max_size=12).map(" ".join).map(str.strip).filter(bool)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def from_schema(schema: dict[str, Any], root: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """A Hypothesis strategy for values valid against a (subset of) JSON Schema."""
    schema = _resolve(schema, root)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "oneOf" in schema:
        return st.one_of([from_schema(s, root, depth) for s in schema["oneOf"]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, root, depth) for k in kind])
    if kind == "object":
        required = schema.get("required", [])
        properties = schema.get("properties", {})
        # Deep optional structure (nested subparagraphs) is offered less the deeper it is.
        optional = {k: from_schema(v, root, depth + 1) for k, v in properties.items() if k not in required and depth < 6}
        return st.fixed_dictionaries({k: from_schema(properties[k], root, depth + 1) for k in required}, optional=optional)
    if kind == "array":
        size = min(schema.get("maxItems", 4), 4 if depth < 3 else 2)
        # Top-level lists (agenda, sections, their paragraphs) hold something: empty records test little.
        least = max(schema.get("minItems", 0), 1 if depth <= 3 else 0)
        return st.lists(from_schema(schema.get("items", {}), root, depth + 1), min_size=min(least, size), max_size=size)
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum", 0), max_value=schema.get("maximum", 999))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)
        if "pattern" in schema:
            pattern = schema["pattern"].replace("\\s", " ")
            if pattern == "^[^ ].*$":  # one line of words ('.' does not match a newline)
                return _TEXT.map(lambda t: " ".join(t.split())).filter(bool)
            return st.from_regex(re.compile(pattern, re.ASCII), fullmatch=True).filter(lambda s: "\n" not in s)
        return _TEXT
    return st.nothing()


def _ids(node: Any) -> Iterator[tuple[Any, str]]:
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if key in ("id", "body_id", "title_id"):
                yield node, key
            elif key in ("bookmarks", "agenda_ids"):
                node[key] = list(dict.fromkeys(value))
                yield node, key
            else:
                yield from _ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from _ids(item)


def make_consistent(data: dict[str, Any]) -> dict[str, Any]:
    """Give a schema-valid record what the schema cannot say."""
    data.pop("logo", None)  # no file to point at
    seen: set[str] = set()
    for holder, key in list(_ids(data)):
        values = holder[key] if isinstance(holder[key], list) else [holder[key]]
        kept = []
        for value in values:
            canonical = value.replace("-", "_").lower()
            if canonical not in seen:
                seen.add(canonical)
                kept.append(value)
        if isinstance(holder[key], list):
            holder[key] = kept
        elif not kept:
            del holder[key]
    if data["style"] == "itu":  # one agenda row for each section
        data["agenda"] += [{"title": f"Item {i + 1}"} for i in range(len(data["agenda"]), len(data["sections"]))]
    else:
        for i, section in enumerate(data["sections"]):
            section.setdefault("title", f"Heading {i + 1}")
    meeting = data["meeting"]
    if meeting.get("start") and meeting.get("end") and meeting["end"] <= meeting["start"]:
        del meeting["end"]
    return data


SCHEMA = load_schema()
RECORDS = from_schema(SCHEMA, SCHEMA).map(make_consistent)


class Hang(Exception):
    """A command ran longer than the fuzz tests allow."""


def invoke(*args: str, seconds: int = 60) -> Any:
    """Run a command in-process, failing if it takes longer than ``seconds``."""
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"drafting {' '.join(args)} ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@FUZZ
@given(record=RECORDS)
def test_the_strategy_makes_records_the_validator_accepts(record: dict[str, Any]) -> None:
    """The generated records are valid (so the build tests below test builds, not validation)."""
    from drafting.diagnostics import errors_of
    from drafting.source import parse_source
    from drafting.validation import validate_source

    assert set(SCHEMA["required"]) <= set(record)
    # Valid: no errors (a warning, such as a tab inside a generated text, does not stop a build).
    assert errors_of(validate_source(parse_source("r.json", json.dumps(record, ensure_ascii=False)))) == []


@FUZZ
@given(record=RECORDS)
def test_random_valid_records_build_with_nothing_lost(tmp_path_factory: pytest.TempPathFactory, record: dict[str, Any]) -> None:
    folder = tmp_path_factory.mktemp("valid")
    path = folder / "r.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = invoke("build", str(path), "--to", "docx,html", "-o", str(folder / "out"))
    assert result.exit_code == 0, result.output
    docx = squeeze(docx_text(folder / "out" / "r.docx"))
    for section in record["sections"]:
        for paragraph in section["paragraphs"]:
            text = paragraph if isinstance(paragraph, str) else paragraph["text"]
            for piece in source_pieces(text):
                assert squeeze(piece) in docx, piece


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, where, value in edits:
        at = where % (len(out) + 1)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = value
        elif kind == 1:
            out[at:at] = bytes([value])
        elif kind == 2:
            del out[at:at + 1 + value % 8]
        else:
            out[at:at] = out[max(0, at - 1 - value):at]  # repeat a few bytes
    return bytes(out)


SEED = (ROOT / "examples" / "vc15-1.en.yaml").read_bytes()
EDITS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, len(SEED)), st.integers(0, 255)), min_size=1, max_size=8)


@FUZZ
@given(edits=EDITS)
def test_damaged_records_exit_0_or_2_without_traceback(tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, int]]) -> None:
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "r.yaml"
    path.write_bytes(_mutate(SEED, edits))
    for args in (["validate", str(path)], ["lint", str(path)], ["build", str(path), "--to", "docx", "-o", str(folder / "out")]):
        result = invoke(*args)
        assert result.exit_code in ((0, 1, 2) if args[0] == "lint" else (0, 2)), result.output
        assert "internal error" not in result.output and "Traceback" not in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    leftovers = [p.name for p in folder.rglob("*.tmp")]
    assert leftovers == []
