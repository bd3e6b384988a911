"""Reading YAML and JSON records with the line and column of every value."""

from __future__ import annotations

import gc
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.filetype import not_a_record, read_input
from drafting.traps import comment_follows, syntax_error

try:  # libyaml's composer is several times faster than the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Tab, newline and carriage return are allowed; every other C0/C1 control corrupts Word XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

PathKey = tuple[Any, ...]


@dataclass
class Source:
    """A loaded record: plain data plus the location of every key and value by data path."""

    path: str
    text: str
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # Unquoted texts followed by a comment on their line: (line, col, offset) of where each ends.
    comment_cuts: dict[PathKey, tuple[int, int, int]] = field(default_factory=dict)

    def locate(self, data_path: PathKey, *, key: bool = False) -> Location:
        """Return where the value (or, with ``key``, the key) at ``data_path`` is written."""
        table = self.keys if key else self.values
        probe = tuple(data_path)
        while probe:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col)
            if not key and probe in self.keys:
                line, col = self.keys[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.values.get((), (1, 1))
        return Location(self.path, line, col)


def describe_char(char: str) -> str:
    """Name a character for an error message, e.g. 'U+000B (vertical tab)'."""
    names = {"\x0b": "vertical tab", "\x0c": "form feed", "\x00": "NUL", "\x1b": "escape", "\x7f": "delete"}
    name = names.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def decode(path: str, raw: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed) or raise with the location of the first bad byte."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(good, len(good))
        raise DraftingError(
            [Problem(Location(path, line, col), f"not UTF-8: byte 0x{body[exc.start]:02X} cannot be decoded; save the file as UTF-8")]
        ) from None
    return text


def find_control_characters(path: str, text: str) -> list[Problem]:
    """Report every control character other than tab and newline, with its location."""
    problems = []
    for match in _CONTROL.finditer(text):
        if match.group() == "\r":  # CRLF line endings are fine
            continue
        line, col = line_col(text, match.start())
        problems.append(Problem(Location(path, line, col), f"control character {describe_char(match.group())} is not allowed in a record"))
    return problems


def load_source(path: str | Path) -> Source:
    """Read a YAML or JSON record with source positions; raise DraftingError on any problem."""
    name, raw = read_input(str(path))  # '-' is standard input
    wrong_kind = not_a_record(name, raw)  # a DOCX or PDF is named as such, not called "not UTF-8"
    if wrong_kind:
        raise DraftingError([wrong_kind])
    return parse_source(name, decode(name, raw))


def parse_source(name: str, text: str) -> Source:
    """Parse record text (YAML or JSON) into a Source."""
    # Loading allocates tens of thousands of nodes and creates no reference cycles; the cyclic
    # garbage collector would otherwise scan them again and again (a third of the load time of
    # a 5,000-paragraph record).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_source(name, text)
    finally:
        if enabled:
            gc.enable()


def _parse_source(name: str, text: str) -> Source:
    problems = find_control_characters(name, text)
    if problems:
        raise DraftingError(problems)
    if not text.strip():
        raise DraftingError([Problem(Location(name, 1, 1), "the file is empty: expected a record (a mapping of keys such as 'style', 'symbol', 'agenda')")])
    if name.lower().endswith(".json"):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise DraftingError([Problem(Location(name, exc.lineno, exc.colno), f"JSON syntax error: {exc.msg}")]) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # Each trap explained, and the ones on later lines found too: one run reports them all.
        raise syntax_error(name, text, exc, lambda again: yaml.compose(again, Loader=_Loader)) from None
    except yaml.YAMLError as exc:
        raise DraftingError([Problem(Location(name), f"YAML error: {exc}")]) from None
    if node is None:
        raise DraftingError([Problem(Location(name, 1, 1), "the file holds no record: expected a mapping of keys such as 'style', 'symbol', 'agenda'")])
    source = Source(name, text, None)
    problems = []
    source.data = _build(node, (), source, problems)
    if problems:
        raise DraftingError(problems)
    return source


_BOOL = {"true": True, "false": False}


def _build(node: yaml.Node, where: PathKey, source: Source, problems: list[Problem]) -> Any:
    source.values[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            loc = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                problems.append(Problem(Location(source.path, *loc), f"duplicate key '{key}': a key may appear only once in a mapping"))
                continue
            source.keys[where + (key,)] = loc
            result[key] = _build(value_node, where + (key,), source, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, where + (i,), source, problems) for i, item in enumerate(node.value)]
    value = _scalar(node)
    if isinstance(value, str) and not node.style and comment_follows(source.text, node.end_mark.index):
        source.comment_cuts[where] = (node.end_mark.line + 1, node.end_mark.column + 1, node.end_mark.index)
    # A control character can also arrive through an escape ("\v", "\x0b", "\u000b").
    if isinstance(value, str):
        bad = _CONTROL.search(value.replace("\r", ""))
        if bad:
            line, col = source.values[where]
            problems.append(Problem(Location(source.path, line, col), f"control character {describe_char(bad.group())} is not allowed in a record (written as an escape here)"))
    return value


def _scalar(node: yaml.ScalarNode) -> Any:
    # Dates and times stay the strings they were written as: a record's dates are text to
    # format, and an unquoted 2020-06-09 must not turn into a datetime.date.
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0) if not value.lstrip("+-").startswith("0") or value in ("0", "+0", "-0") else int(value, 10)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL.get(value.lower(), value.lower() in ("yes", "on", "y"))
    if tag == "tag:yaml.org,2002:null":
        return None
    return value
