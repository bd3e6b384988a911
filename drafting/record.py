"""The one model of a meeting record, built from validated data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from drafting import language as lang
from drafting import typography
from drafting.markup import Span, parse_inline, resolve
from drafting.numbering import Numbering, Outline, Style, number_outline, subparagraph_label
from drafting.source import Source


@dataclass
class Subparagraph:
    """A subparagraph (a), (b) … with optional nested (i), (ii) …."""

    text: str
    label: str = ""
    id: str | None = None
    children: list["Subparagraph"] = field(default_factory=list)


@dataclass
class Paragraph:
    """A paragraph of a section; ``label`` is its computed number ('' when unnumbered)."""

    text: str
    id: str | None = None
    bookmarks: list[str] = field(default_factory=list)
    numbered: bool = True
    written_number: str | None = None
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    label: str = ""
    path: tuple[Any, ...] = ()


@dataclass
class Section:
    """A heading (with its agenda row's title and documents by default) and its paragraphs."""

    title: str
    documents: list[str]
    continued: bool
    paragraphs: list[Paragraph]
    id: str | None = None
    bookmarks: list[str] = field(default_factory=list)
    written_number: str | None = None
    label: str = ""
    path: tuple[Any, ...] = ()


@dataclass
class AgendaItem:
    """A row of the agenda table (ITU) or an entry of the Contents list (UN)."""

    title: str
    documents: list[str]
    continued: bool = False
    id: str | None = None
    bookmarks: list[str] = field(default_factory=list)
    label: str = ""


@dataclass
class Person:
    """A chair line or a signature: role and name."""

    role: str
    name: str
    id: str | None = None


@dataclass
class Record:
    """A meeting record with every number computed."""

    path: str
    style: Style
    language: str
    original_language: str
    body: str
    session: str | None
    body_id: str | None
    symbol: str
    date: str
    revision: int | None
    distribution: str
    logo: Path | None
    keywords: list[str]
    meeting_number: int
    title: str
    title_id: str | None
    meeting_date: str
    start: str | None
    end: str | None
    place: str | None
    time_line: str
    chairs: list[Person]
    agenda: list[AgendaItem]
    agenda_ids: list[str]
    sections: list[Section]
    footnote: str | None
    signatures: list[Person]
    numbering: Numbering
    typography: bool = True  # quotes and dashes as the language prints them (False: as typed)
    organ: str = ""  # UN masthead: the organ or treaty line ('International Covenant on Civil and Political Rights')
    corrigendum: int | None = None  # a corrigendum to the document, or to its revision when both are set

    @property
    def wording(self) -> lang.Wording:
        """The fixed texts of the record's language."""
        return lang.wording(self.language)

    @property
    def running_symbol(self) -> str:
        """The symbol as the running head shows it: 'C17/130(Rev.1)-E' for a revision,
        'C17/124(Corr.1)-E' for a corrigendum, 'C17/124(Rev.1)(Corr.1)-E' for a corrigendum to a revision."""
        return self._suffixed([f"Rev.{self.revision}"] * bool(self.revision) + [f"Corr.{self.corrigendum}"] * bool(self.corrigendum))

    @property
    def corrected_symbol(self) -> str:
        """The symbol of the document a corrigendum corrects: the revision's when there is one ('C17/124(Rev.1)-E')."""
        return self._suffixed([f"Rev.{self.revision}"] * bool(self.revision))

    def _suffixed(self, parts: list[str]) -> str:
        # ITU puts each part in brackets before the language letter; the UN appends it ('/Rev.1/Corr.1').
        if not parts:
            return self.symbol
        base, dash, letter = self.symbol.rpartition("-")
        if dash and len(letter) == 1:
            return base + "".join(f"({part})" for part in parts) + f"-{letter}"
        return self.symbol + "".join(f"/{part}" for part in parts)

    def paragraphs(self) -> Iterator[tuple[Section, Paragraph]]:
        """Yield every paragraph with its section, in document order."""
        for section in self.sections:
            for paragraph in section.paragraphs:
                yield section, paragraph

    def number_of(self, target: str) -> str | None:
        """Return the current number of the paragraph or section with stable id ``target``."""
        return self._targets.get(target)

    def targets(self) -> dict[str, str]:
        """Map every stable id that has a number to that number."""
        return dict(self._targets)

    @cached_property
    def _targets(self) -> dict[str, str]:
        # Built once, on the first lookup: the numbers are final when the record is built, and
        # a record cross-references itself once per link (rebuilding per lookup was quadratic).
        return _number_table(self.sections)

    def ids(self) -> list[str]:
        """Every stable id of the record (each becomes a Word bookmark and an HTML id)."""
        found = [self.body_id, self.title_id, *self.agenda_ids, *(chair.id for chair in self.chairs)]
        for item in self.agenda:
            found += [item.id, *item.bookmarks]
        for section in self.sections:
            found += [section.id, *section.bookmarks]
            for paragraph in section.paragraphs:
                found += [paragraph.id, *paragraph.bookmarks, *(sub.id for sub in _walk_subparagraphs(paragraph.subparagraphs))]
        return [ident for ident in found if ident]

    def spans(self, text: str) -> list[Span]:
        """Parse a paragraph's Markdown and resolve its cross-references to current numbers."""
        known = self._printed.get(text)
        if known is not None:
            return list(known)
        printed = self._typeset(resolve(parse_inline(text), self.number_of))
        self._printed[text] = printed
        return list(printed)

    def _typeset(self, spans: list[Span]) -> list[Span]:
        texts = typography.typeset_pieces([span.text for span in spans], self.language, smart=self.typography,
                                          protected=[span.code or span.br for span in spans])
        return [replace(span, text=typeset) for span, typeset in zip(spans, texts)]

    @cached_property
    def _printed(self) -> dict[str, list[Span]]:
        # Each paragraph's spans, typeset once: the no-loss check (body_texts) and the writer both
        # need them, and typography costs ~0.4 ms a paragraph.
        return {}

    def printed_pieces(self, text: str) -> list[str]:
        """The texts a paragraph's source gives a reader, typeset, in order: plain runs and the
        words of links and cross-references; the numbers ``[](#id)`` prints are derived, not
        checked here."""
        source = parse_inline(text)
        if all(span.ref is None for span in source):
            printed = self.spans(text)  # nothing to resolve: the very spans the writer prints
        else:
            # The words of the references from the source, not from resolve (a stage that swapped
            # them for a number must be caught); a bare reference's number for the context only.
            printed = self._typeset([replace(span, text=span.text if span.ref is None or span.text.strip() else self.number_of(span.ref) or "")
                                     for span in source])
        pieces: list[str] = []
        run = ""
        for typed, span in zip(source, printed):
            if typed.ref is None:
                run += span.text
                continue
            pieces.append(run)
            if typed.text.strip():
                pieces.append(span.text)
            run = ""
        pieces.append(run)
        return [piece for piece in pieces if piece.strip()]

    def heading_text(self, section: Section) -> str:
        """Heading without its number: title, '(continued)', documents ('' for the UN lines before the first heading)."""
        if self.style is Style.UN:
            return lang.un_titled(section.title, self.language, continued=section.continued, documents=section.documents) if section.title else ""
        return lang.titled(section.title, self.language, continued=section.continued, documents=section.documents)

    def header_texts(self) -> list[str]:
        """Texts of the masthead, title lines and signature block: laid out in columns, so
        extracted text may list them in any order."""
        # A corrigendum to a revision prints the symbol as the revision's: 'VC/15(Rev.1)-E'.
        symbol = self.corrected_symbol if self.corrigendum else self.symbol
        texts = [self.body, self.session or "", symbol, self.title, self.time_line]
        for chair in self.chairs:
            texts += [chair.role, chair.name]
        texts += [person.role for person in self.signatures] + [person.name for person in self.signatures]
        return [t for t in texts if t.strip()]

    def body_texts(self) -> list[str]:
        """Texts of the agenda and the sections as the record's source gives them, typeset, in document order.

        Taken from the source, not from the rendered text: a stage that replaced a link's words
        by a number would otherwise go unseen by the no-loss check. Typeset as the model prints
        them, so that an output that printed a text as typed (straight quotes) is caught too.
        """
        texts: list[str] = []
        for item in self.agenda:
            texts.append(item.title)
            if self.style is not Style.UN:  # a UN Contents lists titles only (validation warns)
                texts.extend(item.documents)
        for section in self.sections:
            texts.append(section.title)
            texts.extend(section.documents)
            for paragraph in section.paragraphs:
                texts.extend(self.printed_pieces(paragraph.text))
                for sub in _walk_subparagraphs(paragraph.subparagraphs):
                    texts.extend(self.printed_pieces(sub.text))
        return [t for t in texts if t.strip()]


def _number_table(sections: list[Section]) -> dict[str, str]:
    """Every stable id that has a number, mapped to the number the engine gave it."""
    table: dict[str, str] = {}
    for section in sections:
        for ident in [section.id, *section.bookmarks]:
            if ident and section.label:
                table[ident] = section.label
        for paragraph in section.paragraphs:
            for ident in [paragraph.id, *paragraph.bookmarks]:
                if ident and paragraph.label:
                    table[ident] = paragraph.label
            # A nested item is named with its parents' labels: "1.1 (a) (i)", never an ambiguous "1.1 (i)".
            stack = [(sub, paragraph.label) for sub in reversed(paragraph.subparagraphs)]
            while stack:
                sub, parent = stack.pop()
                label = f"{parent} {sub.label}".strip()
                if sub.id:
                    table[sub.id] = label
                stack.extend((child, label) for child in reversed(sub.children))
    return table


def _walk_subparagraphs(items: list[Subparagraph]) -> Iterator[Subparagraph]:
    for item in items:
        yield item
        yield from _walk_subparagraphs(item.children)


def _subparagraphs(raw: list[Any], depth: int, language: str) -> list[Subparagraph]:
    out = []
    for index, item in enumerate(raw or [], start=1):
        if isinstance(item, str):
            item = {"text": item}
        out.append(Subparagraph(item["text"], subparagraph_label(depth, index, language), item.get("id"),
                                _subparagraphs(item.get("subparagraphs", []), depth + 1, language)))
    return out


def _one_cell(text: str) -> str:
    # The signature block's columns are separated by tabs: a tab inside a role or a name would
    # split it across two columns (found by tests/test_fuzz.py).
    return text.replace("\t", " ")


def _written(value: Any) -> str | None:
    return None if value is None else str(value)


def build_record(source: Source) -> Record:
    """Turn validated record data into the model, computing every number with the engine."""
    data = typeset_fields(source.data)
    style = Style(data["style"])
    language = data["language"]
    agenda = [
        AgendaItem(item["title"], list(item.get("documents", [])), bool(item.get("continued", False)), item.get("id"), list(item.get("bookmarks", [])))
        for item in data["agenda"]
    ]
    sections: list[Section] = []
    for s_index, raw in enumerate(data["sections"]):
        row = agenda[s_index] if style is Style.ITU and s_index < len(agenda) else None
        paragraphs = []
        for p_index, item in enumerate(raw["paragraphs"]):
            if isinstance(item, str):
                item = {"text": item}
            paragraphs.append(Paragraph(
                text=item["text"], id=item.get("id"), bookmarks=list(item.get("bookmarks", [])),
                numbered=bool(item.get("numbered", True)), written_number=_written(item.get("number")),
                subparagraphs=_subparagraphs(item.get("subparagraphs", []), 0, language),
                path=("sections", s_index, "paragraphs", p_index),
            ))
        sections.append(Section(
            title=raw.get("title", row.title if row else ""),
            documents=list(raw.get("documents", row.documents if row else [])),
            continued=bool(raw.get("continued", row.continued if row else False)),
            paragraphs=paragraphs, id=raw.get("id"), bookmarks=list(raw.get("bookmarks", [])),
            written_number=_written(raw.get("number")), path=("sections", s_index),
        ))
    numbering = number_outline(Outline.of(style, [[p.numbered for p in s.paragraphs] for s in sections]))
    for s_index, section in enumerate(sections):
        section.label = numbering.sections[s_index] or ""
        for p_index, paragraph in enumerate(section.paragraphs):
            paragraph.label = numbering.paragraphs[s_index][p_index] or ""
    for index, item in enumerate(agenda, start=1):
        item.label = str(index)
    meeting = data["meeting"]
    logo = data.get("logo")
    return Record(
        path=source.path, style=style, language=language, original_language=data["original_language"],
        body=data["body"], session=data.get("session"), body_id=data.get("body_id"), symbol=data["symbol"],
        date=data["date"], revision=data.get("revision"), corrigendum=data.get("corrigendum"), distribution=data.get("distribution", "General"),
        logo=(Path(source.path).parent / logo) if logo else None, keywords=list(data.get("keywords", [])),
        meeting_number=meeting["number"], title=meeting["title"], title_id=meeting.get("title_id"),
        meeting_date=meeting["date"], start=meeting.get("start"), end=meeting.get("end"), place=meeting.get("place"),
        time_line=meeting.get("time_line") or lang.time_line(meeting["date"], meeting.get("start"), meeting.get("end"), meeting.get("place"), language, style.value),
        chairs=[Person(_one_cell(c["role"]), _one_cell(c["name"]), c.get("id")) for c in data.get("chairs", [])],
        agenda=agenda, agenda_ids=list(data.get("agenda_ids", [])), sections=sections,
        footnote=data.get("footnote"), signatures=[Person(_one_cell(s["role"]), _one_cell(s["name"])) for s in data.get("signatures", [])],
        numbering=numbering, typography=bool(data.get("typography", True)),
        organ=data.get("organ", lang.un_organ(data["symbol"], language) if style is Style.UN else ""),
    )


# The texts of the agenda and the sections, typeset as the paragraphs are (Record.spans): agenda
# and section titles and their documents. Paragraph texts are Markdown, typeset run by run in
# Record.spans.
_TYPESET_KEYS = frozenset(("title",))
# The texts a secretary types in the masthead, the title block and the signature block get the same
# typography as the body ('Summary record of the "X" meeting' prints the language's quotes in the
# title as in the paragraphs). Not the symbol, the dates, the time line (formatted by Babel and the
# table already) nor the ids.
_TYPESET_HEAD = ("body", "session", "footnote")
_TYPESET_PEOPLE = ("chairs", "signatures")


def typeset_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the record's data with its plain texts typeset in the record's language."""
    language, smart = data["language"], bool(data.get("typography", True))

    def walk(node: Any, key: str = "") -> Any:
        if isinstance(node, str):
            return typography.typeset(node, language, smart=smart) if key in _TYPESET_KEYS else node
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            # The strings of a 'documents' list are symbols; those of 'paragraphs' Markdown.
            return [walk(v, "title" if key == "documents" else "") for v in node]
        return node

    typeset = {key: walk(data[key], key) for key in ("agenda", "sections") if key in data}
    typeset |= {key: walk(data[key], "title") for key in _TYPESET_HEAD if isinstance(data.get(key), str)}
    if isinstance(data.get("meeting"), dict) and isinstance(data["meeting"].get("title"), str):
        typeset["meeting"] = {**data["meeting"], "title": walk(data["meeting"]["title"], "title")}
    for key in _TYPESET_PEOPLE:
        if isinstance(data.get(key), list):
            typeset[key] = [{**person, **{field: walk(person[field], "title") for field in ("role", "name") if isinstance(person.get(field), str)}}
                            if isinstance(person, dict) else person for person in data[key]]
    return {**data, **typeset}
