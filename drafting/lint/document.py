"""A neutral model of a document as read: what the lint checks, whatever the file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.diagnostics import Location
from drafting.numbering import Numbering, Outline, Style, number_outline


@dataclass
class Item:
    """A heading or paragraph; ``core`` is its number as written (None when it has none)."""

    kind: str  # "heading" or "paragraph"
    location: Location
    text: str  # the text after the number
    numbered: bool  # whether numbering gives it a number
    core: str | None = None  # as written, e.g. '１０.８'
    value: str | None = None  # normalised, e.g. '10.8'
    confusions: tuple[str, ...] = ()
    span: tuple[int, int] | None = None  # where the core sits in its container (for renumbering)
    anchor: Any = None  # the container: None for the file text, a paragraph index for Word
    auto: bool = False  # the number is produced by Word list numbering, not typed
    where: str = ""  # a human pointer when there are no lines, e.g. 'paragraph 57'
    block: int | None = None  # index of the Block that shows it
    ids: tuple[str, ...] = ()  # stable ids of the item (records)
    page: int | None = None  # PDF page it is printed on


@dataclass
class Section:
    """A heading (None for text before the first heading in UN style) and its paragraphs."""

    heading: Item | None
    paragraphs: list[Item] = field(default_factory=list)
    title: str = ""
    documents: list[str] = field(default_factory=list)


@dataclass
class AgendaRow:
    """A row of the agenda table as written."""

    number: str | None
    title: str
    documents: list[str]
    location: Location


@dataclass
class TextReference:
    """'paragraph 8.8' inside a paragraph: the number, where it sits, and for renumbering its span."""

    number: str
    location: Location
    span: tuple[int, int] | None
    anchor: Any = None
    where: str = ""
    block: int | None = None  # the Block it sits in, when the document has no lines
    core: str = ""  # as written, e.g. '٥' (number is normalised)
    page: int | None = None  # PDF page


@dataclass
class IdReference:
    """A [](#id) cross-reference in a record."""

    target: str
    location: Location


@dataclass
class Block:
    """One line or paragraph of the document as shown in the proofreaders' HTML report."""

    text: str
    kind: str = "other"  # heading, paragraph, agenda, other
    line: int | None = None
    item: Item | None = None
    page: int | None = None  # PDF page


@dataclass
class Document:
    """Everything the rules need about one input file."""

    path: str
    kind: str  # "text", "docx" or "record"
    style: Style
    sections: list[Section]
    agenda: list[AgendaRow] = field(default_factory=list)
    language: str | None = None
    symbol: tuple[str, Location] | None = None
    references: list[TextReference] = field(default_factory=list)
    id_references: list[IdReference] = field(default_factory=list)
    known_ids: set[str] | None = None
    blocks: list[Block] = field(default_factory=list)
    declared_language: bool = False  # True when the language comes from the file, not a guess
    wrap_width: int | None = None  # text: a full line's width (characters) when its lines were wrapped, else None

    def outline(self) -> Outline:
        """The shape that numbering depends on: per section, which paragraphs are numbered."""
        return Outline.of(self.style, [[p.numbered for p in s.paragraphs] for s in self.sections])

    def numbering(self) -> Numbering:
        """The numbers automatic renumbering gives this document as it stands."""
        return number_outline(self.outline())

    def items(self) -> list[Item]:
        """Every heading and paragraph in document order."""
        out: list[Item] = []
        for section in self.sections:
            if section.heading is not None:
                out.append(section.heading)
            out.extend(section.paragraphs)
        return out
