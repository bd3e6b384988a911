"""Reading YAML/JSON records for the lint: hand-written ``number:`` keys and cross-references.

The record is not re-validated against the JSON Schema here (``drafting validate`` does that):
the lint needs only the shape, and schema validation of a large record costs several times the
parse itself. Shape problems are still reported with their location.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.lint import tokens
from drafting.lint.document import AgendaRow, Block, Document, IdReference, Item, Section, TextReference
from drafting.numbering import Style
from drafting.source import Source, load_source, raw_subparagraphs

_PLAIN = re.compile(r"[^\s,#\]}]+")


class _Positions:
    """Turns the line/column of a value into an offset in the file text, and reads its raw token."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source.text)]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_of(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def token(self, data_path: tuple[Any, ...]) -> tuple[str, tuple[int, int], Location]:
        """The scalar exactly as written (without quotes), its span and location."""
        line, column = self.source.values[data_path]
        start = self.offset(line, column)
        text = self.source.text
        quote = text[start]
        if quote in "\"'":
            end = text.index(quote, start + 1)
            return text[start + 1 : end], (start + 1, end), Location(self.source.path, line, column + 1)
        match = _PLAIN.match(text, start)
        end = match.end() if match else start
        return text[start:end], (start, end), Location(self.source.path, line, column)


def _shape_error(source: Source, where: tuple[Any, ...], message: str) -> DraftingError:
    return DraftingError([Problem(source.locate(where), f"{message} (run 'drafting validate {source.path}' for every problem)")])


def read_record(path: str, style: Style | None = None) -> tuple[Document, Source]:
    """Read a record into the document model; raise DraftingError if it cannot be read."""
    source = load_source(path)
    data = source.data
    if not isinstance(data, dict):
        raise _shape_error(source, (), "expected a record (a mapping with 'style', 'agenda', 'sections') at the top level")
    try:
        style = style or Style(data.get("style"))
    except ValueError:
        raise _shape_error(source, ("style",), f"style: expected 'itu' or 'un', got {data.get('style')!r}") from None
    sections_raw = data.get("sections")
    if not isinstance(sections_raw, list):
        raise _shape_error(source, ("sections",) if "sections" in data else (), "sections: expected a list of sections")
    agenda_raw = data.get("agenda") if isinstance(data.get("agenda"), list) else []
    positions = _Positions(source)
    doc = Document(path, "record", style, [], language=data.get("language") if isinstance(data.get("language"), str) else None,
                   declared_language=True, known_ids=set())
    if isinstance(data.get("symbol"), str):
        doc.symbol = (data["symbol"], source.locate(("symbol",)))
    ids = doc.known_ids
    assert ids is not None
    for key in ("body_id",):
        if isinstance(data.get(key), str):
            ids.add(data[key])
    if isinstance(data.get("meeting"), dict) and isinstance(data["meeting"].get("title_id"), str):
        ids.add(data["meeting"]["title_id"])
    ids.update(i for i in data.get("agenda_ids") or [] if isinstance(i, str))
    for a_index, row in enumerate(agenda_raw):
        if not isinstance(row, dict):
            raise _shape_error(source, ("agenda", a_index), f"agenda[{a_index}]: expected a mapping with 'title'")
        _collect_ids(row, ids)
        title = str(row.get("title", ""))
        documents = [str(d) for d in row.get("documents") or []]
        doc.agenda.append(AgendaRow(str(a_index + 1), title, documents, source.locate(("agenda", a_index))))
        doc.blocks.append(Block(f"{a_index + 1}\t{title}\t{', '.join(documents) or '-'}", "agenda", source.locate(("agenda", a_index)).line))
    starts: list[int] = []  # file offset of each paragraph text, in order
    owners: list[str] = []  # that paragraph's texts
    for s_index, raw in enumerate(sections_raw):
        where = ("sections", s_index)
        if not isinstance(raw, dict) or not isinstance(raw.get("paragraphs"), list):
            raise _shape_error(source, where, f"sections[{s_index}]: expected a mapping with a list of 'paragraphs'")
        _collect_ids(raw, ids)
        row = agenda_raw[s_index] if style is Style.ITU and s_index < len(agenda_raw) and isinstance(agenda_raw[s_index], dict) else {}
        title = str(raw.get("title", row.get("title", "")))
        documents = [str(d) for d in raw.get("documents", row.get("documents")) or []]
        heading = _item(source, positions, "heading", raw, where, title, style is Style.ITU)
        heading.ids = tuple(i for i in [raw.get("id"), *(raw.get("bookmarks") or [])] if isinstance(i, str))
        section = Section(heading, [], title, documents)
        doc.sections.append(section)
        heading.block = len(doc.blocks)
        doc.blocks.append(Block(title, "heading", heading.location.line, heading))
        for p_index, item in enumerate(raw["paragraphs"]):
            p_where = where + ("paragraphs", p_index)
            if isinstance(item, str):
                item = {"text": item}
                text_where = p_where
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                text_where = p_where + ("text",)
                _collect_ids(item, ids)
            else:
                raise _shape_error(source, p_where, f"sections[{s_index}].paragraphs[{p_index}]: expected a text or a mapping with 'text'")
            numbered = item.get("numbered", True) is not False
            paragraph = _item(source, positions, "paragraph", item, p_where, item["text"], numbered)
            if "number" not in item:
                paragraph.location = source.locate(text_where)
            paragraph.ids = tuple(i for i in [item.get("id"), *(item.get("bookmarks") or [])] if isinstance(i, str))
            paragraph.block = len(doc.blocks)
            doc.blocks.append(Block(item["text"], "paragraph", paragraph.location.line, paragraph))
            section.paragraphs.append(paragraph)
            texts = _texts(item)
            location = source.locate(text_where)
            if location.line is not None:
                starts.append(positions.offset(location.line, location.column or 1))
                owners.append(" ".join(texts))
            for text in texts:
                if "](#" in text:
                    doc.id_references.extend(IdReference(target, location) for target in _id_references(text))
    _scan_references(doc, positions, starts, owners)
    return doc, source


def _scan_references(doc: Document, positions: _Positions, starts: list[int], owners: list[str]) -> None:
    """Find 'paragraph 8.8' references in one pass over the file text, then assign them to paragraphs.

    One regex pass over the whole file is several times faster than one per paragraph, and
    gives the offsets the renumberer needs directly.
    """
    for ref in tokens.find_references(positions.source.text):
        index = bisect.bisect_right(starts, ref.start) - 1
        # Outside any paragraph text (a comment, a title), or not in the parsed text: not a reference.
        if index < 0 or (ref.core or ref.number) not in owners[index]:
            continue
        line, column = positions.line_of(ref.start)
        doc.references.append(TextReference(ref.number, Location(positions.source.path, line, column), (ref.start, ref.end), core=ref.core))


def _item(source: Source, positions: _Positions, kind: str, raw: dict[str, Any], where: tuple[Any, ...], text: str, numbered: bool) -> Item:
    if "number" not in raw or raw["number"] is None:
        return Item(kind, source.locate(where), text, numbered)
    core, span, location = positions.token(where + ("number",))
    value, confusions = tokens.normalise(core)
    return Item(kind, location, text, numbered, core=core, value=value, confusions=confusions, span=span)


def _texts(item: dict[str, Any]) -> list[str]:
    return [item["text"], *(sub.text for sub in raw_subparagraphs(item.get("subparagraphs")) if sub.text is not None)]


def _collect_ids(node: dict[str, Any], ids: set[str]) -> None:
    if isinstance(node.get("id"), str):
        ids.add(node["id"])
    ids.update(b for b in node.get("bookmarks") or [] if isinstance(b, str))
    ids.update(sub.id for sub in raw_subparagraphs(node.get("subparagraphs")) if sub.id is not None)


_ID_LINK = re.compile(r"\[[^\[\]]*\]\(#([^()\s]+)\)")


def _id_references(text: str) -> list[str]:
    """The [](#id) targets of a text; Markdown parsing only when code spans or escapes could matter."""
    if "`" in text or "\\" in text:
        from drafting.markup import references

        return references(text)
    return _ID_LINK.findall(text)
