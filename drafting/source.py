"""Reading YAML and JSON records with the line and column of every value."""

from __future__ import annotations

import gc
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.filetype import not_a_record, read_input
from drafting.limits import LIMITS
from drafting.traps import comment_follows, syntax_error

try:  # libyaml's composer is several times faster than the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Tab, newline and carriage return are allowed; every other C0/C1 control corrupts Word XML,
# and so do the noncharacters U+FFFE and U+FFFF and lone surrogates (XML 1.0 forbids them all).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# How json.dumps writes a character outside the Basic Multilingual Plane (𠮷, 😀): a UTF-16
# surrogate pair of escapes, which YAML's parser refuses. An even run of backslashes before
# it is escaped backslashes, not the start of an escape.
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)
# At most this many problems of one kind are listed: a binary file would otherwise give millions.
_MAX_LISTED = 20

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


@dataclass(frozen=True)
class RawSubparagraph:
    """A sub-paragraph as written in a record's data: a text, or a mapping with text, id and sub-paragraphs."""

    path: PathKey  # data path of the item
    text_path: PathKey  # data path of its text (the item itself when it is a plain text)
    text: str | None  # None when the mapping has no text (the schema reports it)
    id: str | None


def raw_subparagraphs(items: Any, where: PathKey = ()) -> Iterator[RawSubparagraph]:
    """Every sub-paragraph under a paragraph's ``subparagraphs`` list, depth first: in reading order,
    (a), its (i), (ii) …, then (b). The one walk of raw sub-paragraphs, for validation, lint and align.
    Anything that is not a text or a mapping is skipped (the schema reports it)."""
    # Iterative, not recursive: the reader bounds a hostile file's depth, but the walk need not rely on it.
    frames: list[tuple[Iterator[tuple[int, Any]], PathKey]] = [(enumerate(items if isinstance(items, list) else []), where)]
    while frames:
        entries, base = frames[-1]
        entry = next(entries, None)
        if entry is None:
            frames.pop()
            continue
        index, item = entry
        path = base + (index,)
        if isinstance(item, str):
            yield RawSubparagraph(path, path, item, None)
        elif isinstance(item, dict):
            text = item.get("text")
            ident = item.get("id")
            yield RawSubparagraph(path, path + ("text",), text if isinstance(text, str) else None, ident if isinstance(ident, str) else None)
            children = item.get("subparagraphs")
            if isinstance(children, list):
                frames.append((enumerate(children), path + ("subparagraphs",)))


def describe_char(char: str) -> str:
    """Name a character for an error message, e.g. 'U+000B (vertical tab)'."""
    names = {"\x0b": "vertical tab", "\x0c": "form feed", "\x00": "NUL", "\x1b": "escape", "\x7f": "delete",
             "\ufffe": "noncharacter", "\uffff": "noncharacter"}
    name = names.get(char, "surrogate" if "\ud800" <= char <= "\udfff" else "control character")
    return f"U+{ord(char):04X} ({name})"


def _not_allowed(char: str) -> str:
    kind = "control character" if char <= "\x9f" else "character"
    return f"{kind} {describe_char(char)} is not allowed in a record"


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
    """Report control characters other than tab and newline (the first few), with their location."""
    problems = []
    line, line_start, scanned = 1, 0, 0
    for match in _CONTROL.finditer(text):
        # Lines are counted from the previous match on, so a file full of NULs stays linear.
        line += text.count("\n", scanned, match.start())
        line_start = max(line_start, text.rfind("\n", scanned, match.start()) + 1)
        scanned = match.start()
        if len(problems) == _MAX_LISTED:
            problems.append(Problem(Location(path, line, match.start() - line_start + 1), "more characters that are not allowed follow; is this a text file?"))
            break
        problems.append(Problem(Location(path, line, match.start() - line_start + 1), _not_allowed(match.group())))
    return problems


def load_source(path: str | Path) -> Source:
    """Read a YAML or JSON record with source positions; raise DraftingError on any problem."""
    name, raw = read_input(str(path), LIMITS.file_bytes, "a record")  # '-' is standard input
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


class _Columns:
    """Maps columns of the text given to YAML back to the file's, where escapes were shortened."""

    def __init__(self) -> None:
        self.shifts: dict[int, list[tuple[int, int]]] = {}  # line -> [(column in parsed text, characters removed before it)]

    def join_surrogates(self, text: str) -> str:
        """Rewrite JSON surrogate-pair escapes as YAML's \\UXXXXXXXX escapes, noting the shift."""
        if "\\u" not in text and "\\U" not in text:
            return text
        out: list[str] = []
        last, removed_on_line, line, line_start = 0, 0, 1, 0
        for match in _SURROGATE_PAIR.finditer(text):
            newlines = text.count("\n", last, match.start())
            if newlines:
                line += newlines
                line_start = text.rfind("\n", last, match.start()) + 1
                removed_on_line = 0
            high, low = int(match.group(2), 16), int(match.group(3), 16)
            code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            replacement = f"{match.group(1)}\\U{code:08X}"
            out.append(text[last:match.start()])
            out.append(replacement)
            new_start = match.start() - line_start - removed_on_line + 1
            removed_on_line += len(match.group()) - len(replacement)
            self.shifts.setdefault(line, []).append((new_start + len(replacement), removed_on_line))
            last = match.end()
        out.append(text[last:])
        return "".join(out)

    def original(self, line: int, column: int) -> tuple[int, int]:
        """The file's (line, column) of a 1-based (line, column) in the parsed text."""
        removed = 0
        for start, total in self.shifts.get(line, ()):
            if column >= start:
                removed = total
        return line, column + removed


def _json_problem(name: str, text: str, exc: json.JSONDecodeError) -> Problem:
    """A JSON syntax error with what it most likely means: a YAML record named .json, or a trailing comma."""
    if text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return Problem(Location(name, exc.lineno, exc.colno), f"JSON syntax error: {exc.msg} — a JSON record starts with '{{'; "
                       "this file looks like YAML: name it .yaml (or .yml)")
    comma = len(text[: exc.pos].rstrip()) - 1
    if comma >= 0 and text[comma] == "," and text[exc.pos: exc.pos + 1] in ("}", "]"):
        line = text.count("\n", 0, comma) + 1
        return Problem(Location(name, line, comma - text.rfind("\n", 0, comma)),
                       f"JSON syntax error: a comma before '{text[exc.pos]}': JSON allows none after the last item; remove it")
    return Problem(Location(name, exc.lineno, exc.colno), f"JSON syntax error: {exc.msg}")


def _parse_source(name: str, text: str) -> Source:
    problems = find_control_characters(name, text)
    if problems:
        raise DraftingError(problems)
    if not text.strip():
        raise DraftingError([Problem(Location(name, 1, 1), "the file is empty: expected a record (a mapping of keys such as 'style', 'symbol', 'agenda')")])
    lines = text.count("\n") + 1
    if lines > LIMITS.lines:
        raise DraftingError([Problem(Location(name, LIMITS.lines + 1, 1), f"the file has {lines:,} lines, more than the limit of {LIMITS.lines:,}")])
    columns = _Columns()
    if name.lower().endswith(".json"):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise DraftingError([_json_problem(name, text, exc)]) from None
        except RecursionError:
            pass  # nested too deeply for Python's parser: YAML's parser below says where
        text = columns.join_surrogates(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # the pure-Python composer recurses once per level
        raise DraftingError([_too_deep(name, text, columns)]) from None
    except yaml.MarkedYAMLError as exc:
        what = exc.problem or exc.context or "syntax error"
        if "maximum nesting depth" in what:  # libyaml stops at 1,000 levels; ours is far lower
            mark = exc.problem_mark or exc.context_mark
            raise DraftingError([_too_deep(name, text[:mark.index] if mark else text, columns)]) from None
        # Each trap explained, and the ones on later lines found too: one run reports them all.
        raise syntax_error(name, text, exc, lambda again: yaml.compose(again, Loader=_Loader)) from None
    except yaml.YAMLError as exc:
        raise DraftingError([Problem(Location(name), f"YAML error: {exc}")]) from None
    if node is None:
        raise DraftingError([Problem(Location(name, 1, 1), "the file holds no record: expected a mapping of keys such as 'style', 'symbol', 'agenda'")])
    source = Source(name, text, None)
    builder = _Builder(source, columns)
    source.data = builder.build(node, ())
    if builder.problems:
        # Past a limit the data is cut short; otherwise (a duplicate key, a long text) it is whole
        # enough for the other checks to run in the same run.
        raise FaultySource(builder.problems, None if builder.stopped else source)
    return source


class FaultySource(DraftingError):
    """Problems found while reading a record, with the record as read (None when reading stopped at a limit)."""

    def __init__(self, problems: list[Problem], source: Source | None) -> None:
        super().__init__(problems)
        self.source = source


def _too_deep(name: str, text: str, columns: _Columns) -> Problem:
    """The nesting limit's problem, located at the first collection deeper than the limit.

    Found from the parser's events, which come one at a time: the walk stops at that
    collection, long before the depth where a parser (libyaml: 1,000) or Python's stack gives
    up. ``text`` is cut where libyaml gave up, so that its scanner, which reads ahead, does not
    give up again before the walk gets there.
    """
    for loader in dict.fromkeys((_Loader, yaml.SafeLoader)):
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > LIMITS.nesting:
                        mark = event.start_mark
                        return Problem(Location(name, *columns.original(mark.line + 1, mark.column + 1)), _nesting_message())
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except (yaml.YAMLError, RecursionError):
            continue
    return Problem(Location(name), _nesting_message())


def _nesting_message() -> str:
    return f"mappings and lists are nested more than {LIMITS.nesting} deep, the limit"


_BOOL = {"true": True, "false": False}


class _TooMuch(Exception):
    """Stops building at the first value over a limit (nesting, alias expansion)."""


class _Builder:
    """Turns composed YAML nodes into plain data, noting locations and enforcing the limits."""

    def __init__(self, source: Source, columns: _Columns) -> None:
        self.source = source
        self.columns = columns
        self.problems: list[Problem] = []
        self.built: set[int] = set()  # ids of collection nodes already built: seeing one again is an alias
        self.aliased = 0  # values built through aliases
        self.in_alias = 0
        self.alias_root: yaml.Node | None = None  # the outermost repeated node being expanded
        self.stopped = False  # a limit stopped the building: the data is incomplete

    def build(self, node: yaml.Node, where: PathKey) -> Any:
        """Build the whole document, or record the limit it broke."""
        try:
            return self._build(node, where)
        except _TooMuch:
            self.stopped = True
            return None

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return self.columns.original(node.start_mark.line + 1, node.start_mark.column + 1)

    def _stop(self, node: yaml.Node, message: str) -> _TooMuch:
        self.problems.append(Problem(Location(self.source.path, *self._where(node)), message))
        return _TooMuch()

    def _build(self, node: yaml.Node, where: PathKey) -> Any:
        source = self.source
        source.values[where] = self._where(node)
        if self.in_alias:
            self.aliased += 1
            if self.aliased > LIMITS.alias_values:
                raise self._stop(self.alias_root or node, f"YAML aliases (*name) of the anchor written here expand to more than {LIMITS.alias_values:,} values, the limit; write the values out")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if len(where) >= LIMITS.nesting:
                raise self._stop(node, _nesting_message())
            alias = id(node) in self.built
            self.built.add(id(node))
            if alias and not self.in_alias:
                self.alias_root = node
            self.in_alias += alias
            try:
                return self._collection(node, where)
            finally:
                self.in_alias -= alias
        value = _scalar(node)
        if isinstance(value, str) and not node.style and comment_follows(source.text, node.end_mark.index):
            source.comment_cuts[where] = (node.end_mark.line + 1, node.end_mark.column + 1, node.end_mark.index)
        if isinstance(value, str):
            if len(value) > LIMITS.paragraph_chars:
                self.problems.append(Problem(Location(source.path, *source.values[where]), f"this text has {len(value):,} characters, more than the limit of {LIMITS.paragraph_chars:,}; split it"))
            # A control character can also arrive through an escape ("\v", "\x0b", "\u000b").
            bad = _CONTROL.search(value.replace("\r", ""))
            if bad:
                problems = self.problems
                problems.append(Problem(Location(source.path, *source.values[where]), _not_allowed(bad.group()) + " (written as an escape here)"))
        return value

    def _collection(self, node: yaml.Node, where: PathKey) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, where + (i,)) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(a mapping or list used as a key)"
            loc = self._where(key_node)
            if key in result:
                self.problems.append(Problem(Location(self.source.path, *loc), f"duplicate key '{key}': a key may appear only once in a mapping"))
                continue
            self.source.keys[where + (key,)] = loc
            result[key] = self._build(value_node, where + (key,))
        return result


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
