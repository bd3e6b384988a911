"""The imported record as YAML a secretary can read, checked before it is written."""

from __future__ import annotations

import re
from typing import Any

import yaml

from drafting.diagnostics import DraftingError, Location, Problem, errors_of
from drafting.fidelity import Expected, find_missing
from drafting.lint import tokens

_WIDTH = 88


class _Folded(str):
    """A long text, folded at spaces ('>')."""


class _Literal(str):
    """A text holding line breaks, kept as typed ('|')."""


class _Quoted(str):
    """A date or a time, quoted so that YAML does not read it as a date or a number of minutes."""


class _Flow(list):  # type: ignore[type-arg]
    """A short list on one line: documents, bookmarks."""


class _Dumper(yaml.CSafeDumper):  # libyaml's emitter: a 5,000-paragraph record in a fraction of a second
    """The safe dumper with the record's scalar and list styles."""


def _scalar(style: str) -> Any:
    # libyaml wants an exact str; it falls back to a quoted style where the chosen one cannot hold the text.
    return lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


_Dumper.add_representer(_Folded, _scalar(">"))
_Dumper.add_representer(_Literal, _scalar("|"))
_Dumper.add_representer(_Quoted, _scalar('"'))
_Dumper.add_representer(_Flow, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True))


def _fold(text: str) -> Any:
    """Long texts as block scalars: literal when they hold line breaks, folded at spaces otherwise."""
    if "\n" in text:
        if text != text.strip() or any(line != line.rstrip() or line.startswith(" ") for line in text.split("\n")):
            return text
        return _Literal(text)
    if len(text) <= _WIDTH or "  " in text or text != text.strip() or "\t" in text:
        return text
    return _Folded(text)


def _blocks(node: Any, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _blocks(v, k) for k, v in node.items()}
    if isinstance(node, list):
        if key in ("documents", "bookmarks"):
            return _Flow(node)
        return [_blocks(v, key) for v in node]
    if isinstance(node, str) and key in ("start", "end", "date"):
        return _Quoted(node)
    if isinstance(node, str) and (key in ("text", "paragraphs", "subparagraphs", "footnote") or (key == "title" and "\n" in node)):
        return _fold(node)  # a title printed on several lines (ITU) too, one line of YAML a line
    return node


def dump(data: dict[str, Any], schema: str) -> str:
    """YAML text of the record, with the `$schema` line first."""
    body = yaml.dump(_blocks(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_WIDTH, indent=2)
    text = f"# yaml-language-server: $schema={schema}\n{body}"
    # A blank line between sections, as a person would write them.
    head, sep, sections = text.partition("\nsections:\n")
    sections = re.sub(r"\n(- (?:title|id|paragraphs|documents|continued|bookmarks):)", r"\n\n\1", sections)
    return head + sep + sections


def _without_reference_numbers(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for ref in tokens.find_references(text):  # in one pass: cutting one by one copied the whole text each time
        pieces.append(text[position:ref.start])
        position = ref.end
    pieces.append(text[position:])
    return "".join(pieces)


def verify(name: str, text: str, expected_texts: list[str], data: dict[str, Any]) -> list[Problem]:
    """Validate the YAML as `drafting validate` does, and check that every input text is in the record."""
    from drafting.record import build_record
    from drafting.source import parse_source
    from drafting.validation import validate_source

    source = parse_source(name, text)
    problems = validate_source(source)
    errors = errors_of(problems)
    if errors:
        raise DraftingError([Problem(p.location, f"the imported record does not validate: {p.message}") for p in errors])
    if source.data != data:
        raise DraftingError([Problem(Location(name), "the imported record does not read back as written (YAML quoting); please report this file")])
    record = build_record(source)
    targets = record.targets()  # once: Record.number_of rebuilds the table on every call
    printed = [record.title, record.time_line, record.body, record.session or ""]
    for item in record.agenda:
        printed += [item.title, *item.documents]
    for section in record.sections:
        printed.append(record.heading_text(section))
        for paragraph in section.paragraphs:
            printed.append(_plain(targets, paragraph.text))
            stack = list(paragraph.subparagraphs)
            while stack:
                sub = stack.pop(0)
                printed.append(_plain(targets, sub.text))
                stack[0:0] = sub.children
    actual = _without_reference_numbers("\n".join(printed))
    wanted = [_without_reference_numbers(t) for t in expected_texts if t.strip()]
    missing = find_missing(Expected((), tuple(wanted)), actual)
    return [Problem(Location(name), f'text of the input not in the record: "{" ".join(m.split())[:80]}"') for m in missing]


_MARKUP = re.compile(r"[\\`*_\[\]<>&!~\n]")  # what inline Markdown can act on; a text without any prints as typed


def _plain(targets: dict[str, str], text: str) -> str:
    from drafting.markup import parse_inline, resolve

    if not _MARKUP.search(text):
        return text
    # Without the language's typography: the input's quotes are compared as typed.
    return "".join(span.text for span in resolve(parse_inline(text), targets.get))
