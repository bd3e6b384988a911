"""The imported record as YAML a secretary can read, checked before it is written."""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from drafting.diagnostics import DraftingError, Location, Problem, errors_of
from drafting.fidelity import Expected, find_missing
from drafting.lint import tokens

_WIDTH = 88


def _fold(text: str) -> Any:
    """Long texts as block scalars: literal when they hold line breaks, folded at spaces otherwise."""
    if "\n" in text:
        if text != text.strip() or any(line != line.rstrip() or line.startswith(" ") for line in text.split("\n")):
            return text
        return LiteralScalarString(text)
    if len(text) <= _WIDTH or "  " in text or text != text.strip() or "\t" in text:
        return text
    folded = FoldedScalarString(text)
    # Fold at the last single space before each line would pass the width.
    fold: list[int] = []
    column = 0
    last: int | None = None
    for match in re.finditer(r" ", text):
        if match.start() - column > _WIDTH and last is not None and last > column:
            fold.append(last)
            column = last
        last = match.start()
    if len(text) - column > _WIDTH and last is not None and last > column:
        fold.append(last)
    if not fold:
        return text
    folded.fold_pos = fold  # type: ignore[attr-defined]
    return folded


def _blocks(node: Any, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _blocks(v, k) for k, v in node.items()}
    if isinstance(node, list):
        if key in ("documents", "bookmarks"):
            seq = CommentedSeq(node)
            seq.fa.set_flow_style()
            return seq
        return [_blocks(v, key) for v in node]
    if isinstance(node, str) and key in ("start", "end", "date"):
        return DoubleQuotedScalarString(node)
    if isinstance(node, str) and key in ("text", "paragraphs", "subparagraphs", "footnote"):
        return _fold(node)
    return node


def dump(data: dict[str, Any], schema: str) -> str:
    """YAML text of the record, with the `$schema` line first."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    stream = io.StringIO()
    stream.write(f"# yaml-language-server: $schema={schema}\n")
    yaml.dump(_blocks(data), stream)
    text = stream.getvalue()
    # A blank line between sections, as a person would write them.
    head, sep, sections = text.partition("\nsections:\n")
    sections = re.sub(r"\n(  - (?:title|id|paragraphs|documents|continued|bookmarks):)", r"\n\n\1", sections)
    return head + sep + sections


def _without_reference_numbers(text: str) -> str:
    refs = tokens.find_references(text)
    for ref in reversed(refs):
        text = text[: ref.start] + text[ref.end:]
    return text


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


def _plain(targets: dict[str, str], text: str) -> str:
    from drafting.markup import parse_inline, resolve

    # Without the language's typography: the input's quotes are compared as typed.
    return "".join(span.text for span in resolve(parse_inline(text), targets.get))
