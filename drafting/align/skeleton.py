"""The skeleton of one language version: its sections and paragraphs, each with a fingerprint.

A fingerprint is what can be compared across languages: position, number, ids, anchors
(symbols, years, figures), share of the text length and the paragraphs it refers to. The
skeleton is built from the lint's document model, so every format the lint reads can be aligned.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.align.anchors import Anchor, ascii_digits, extract
from drafting.lint import kind_of, read_document, tokens
from drafting.lint.document import Document, Item
from drafting.numbering import Style

# An unnumbered paragraph that starts with a subparagraph label belongs to the paragraph before:
# (a) (b) … (i) (ii) …, a) b), Arabic (أ), Russian а), Chinese （一）.
_SUBLABEL = re.compile(r"\s*[(（]?(?:[a-z]{1,2}|[ivxlc]{1,6}|[\u0621-\u064a]{1,2}|[а-я]|[一二三四五六七八九十]{1,3})[)）](?:[\t \u00a0\u3000]|$)")
_ID_LINK = re.compile(r"\[[^\[\]]*\]\(#([^()\s]+)\)")


@dataclass
class Unit:
    """A paragraph (or a heading) as the alignment sees it."""

    item: Item
    section: int  # index of its section in its document
    label: str | None  # its number: as written, or as computed for records
    numbered: bool
    ids: tuple[str, ...] = ()
    anchors: Counter[Anchor] = field(default_factory=Counter)
    size: float = 0.0  # share of the version's text length
    targets: list[str] = field(default_factory=list)  # numbers and #ids it refers to, as written
    length: int = 0
    _split: tuple[dict[Anchor, int], dict[Anchor, int]] | None = field(default=None, repr=False, compare=False)
    pointers: frozenset[str] = frozenset()  # what its references name: the target's ids, else the number written

    @property
    def shown(self) -> str:
        """How a proofreader finds it: its number, or the start of its text."""
        return self.label or "(unnumbered)"

    def strong(self) -> set[Anchor]:
        """The anchors whose absence from a translation is reported."""
        return {a for a in self.anchors if a.strong}

    def split_anchors(self) -> tuple[dict[Anchor, int], dict[Anchor, int]]:
        """The strong and the small anchors, counted (computed once: the alignment asks often)."""
        if self._split is None:
            strong = {a: n for a, n in self.anchors.items() if a.strong}
            self._split = strong, {a: n for a, n in self.anchors.items() if not a.strong}
        return self._split


@dataclass
class SectionShape:
    """A section as the alignment sees it: its heading and the indices of its paragraph units."""

    heading: Unit | None
    units: list[int] = field(default_factory=list)
    documents: tuple[str, ...] = ()


@dataclass
class Version:
    """One language version of a record: the document read by the lint and its skeleton."""

    path: str
    document: Document
    units: list[Unit]
    sections: list[SectionShape]
    structured: bool  # a record: unnumbered paragraphs and ids are certain, not guessed from layout
    original: bool = False  # the record says it is in its original language
    reference: bool = False  # chosen as the reference (drafting align --reference)
    _targets: dict[str, int] | None = field(default=None, repr=False)

    @property
    def style(self) -> Style:
        """ITU or UN."""
        return self.document.style

    @property
    def symbol(self) -> str | None:
        """The document symbol without its language letter (VC/15-E and VC/15-C are one record), if read."""
        if self.document.symbol is None:
            return None
        return re.sub(r"-[ACEFRS]$", "", self.document.symbol[0].strip())

    def resolve(self, target: str) -> int | None:
        """The unit a reference names (a number or '#id'), or None when none or several do."""
        if self._targets is None:
            found: dict[str, list[int]] = {}
            for index, unit in enumerate(self.units):
                for key in ([unit.label] if unit.label else []) + ["#" + i for i in unit.ids]:
                    found.setdefault(key, []).append(index)
            self._targets = {key: hits[0] for key, hits in found.items() if len(hits) == 1}
        return self._targets.get(target)


def _record_texts(raw: Any) -> tuple[list[str], list[str]]:
    """A record paragraph's subparagraph texts and ids, in reading order."""
    from drafting.source import raw_subparagraphs

    subs = list(raw_subparagraphs(raw.get("subparagraphs") if isinstance(raw, dict) else None))
    return [s.text for s in subs if s.text is not None], [s.id for s in subs if s.id is not None]


def _plain(markdown: str) -> str:
    """The text a reader sees of a record's inline Markdown (link targets are not text)."""
    if not any(c in markdown for c in "*_[]<`\\"):
        return markdown
    from drafting.markup import parse_inline, plain_text

    return plain_text(parse_inline(markdown))


def _fingerprint(unit: Unit, text: str, style: Style, ids_in: list[str]) -> None:
    # Digits of any script are read one for one, so offsets into the text stay valid.
    references = [r for r in tokens.find_references(ascii_digits(text)) if (style is Style.ITU) == ("." in r.number)]
    unit.targets.extend(r.number for r in references)
    unit.targets.extend("#" + i for i in ids_in)
    unit.anchors.update(extract(text, [(r.start, r.end) for r in references]))
    unit.length += len(re.sub(r"\s+", "", text))


_BOOKMARK_NAME = re.compile(r"\[bookmark: ([^\]]+)\]")


def _bookmarks(path: str) -> dict[int, tuple[str, ...]]:
    """The Word bookmarks a text extraction shows on each line ('[bookmark: lt_pId053]'), by line.

    They are the ids translation tools put on paragraphs; Word's own (_Hlk…, _Toc…, OLE_LINK…) are not.
    """
    from drafting.lint.textfile import decode_text

    text, _ = decode_text(path, Path(path).read_bytes())
    out = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "[bookmark: " in line:
            names = _own(_BOOKMARK_NAME.findall(line))
            if names:
                out[number] = names
    return out


def _own(names: list[str]) -> tuple[str, ...]:
    return tuple(n for n in names if not n.startswith(("_", "OLE_LINK")))


def _read_word(path: str, bookmarks: dict[int, tuple[str, ...]]) -> Document:
    """Read a Word file with the lint's reader, and note the bookmarks of each paragraph."""
    from drafting.lint.wordfile import read_word

    doc, pkg = read_word(path)
    try:
        for index, paragraph in enumerate(pkg.paragraphs):
            names = _own([b.get(pkg.q("name")) or "" for b in paragraph.iter(pkg.q("bookmarkStart"))])
            if names:
                bookmarks[index] = names
    finally:
        pkg.zip.close()
    return doc


def _place(item: Item) -> int:
    """Where bookmarks are keyed: the line of a text item, the paragraph index of a Word item."""
    return item.anchor if isinstance(item.anchor, int) else item.location.line or 0


def read_version(path: str) -> Version:
    """Read one language version (record, Word file or text) into its skeleton; raise DraftingError if unreadable."""
    source_data: dict[str, Any] | None = None
    bookmarks: dict[int, tuple[str, ...]] = {}  # by line (text) or by Word paragraph index (docx)
    from drafting.filetype import refuse_special

    refuse_special(path, "align")  # each version is read more than once (kind, text, bookmarks)
    if kind_of(path) == "record":
        from drafting.lint.recordfile import read_record

        doc, source = read_record(path)
        source_data = source.data
    else:
        doc = read_document(path) if kind_of(path) != "docx" else _read_word(path, bookmarks)
        if doc.kind == "text":
            bookmarks = _bookmarks(path)
    numbering = doc.numbering()
    structured = source_data is not None
    version = Version(path, doc, [], [], structured)
    if source_data is not None:
        version.original = source_data.get("original_language") == source_data.get("language") is not None
    for s_index, section in enumerate(doc.sections):
        heading = None
        if section.heading is not None:
            heading = Unit(section.heading, s_index, section.heading.value or numbering.sections[s_index], section.heading.numbered,
                           section.heading.ids or bookmarks.get(_place(section.heading), ()))
            heading.anchors.update(extract(" ".join(section.documents)))
        shape = SectionShape(heading, [], tuple(section.documents))
        version.sections.append(shape)
        for p_index, item in enumerate(section.paragraphs):
            raw = None
            if source_data is not None:
                raw = source_data["sections"][s_index]["paragraphs"][p_index]
            if not structured and item.core is None and shape.units and _SUBLABEL.match(item.text):
                unit = version.units[shape.units[-1]]  # a subparagraph read as a paragraph of its own
                unit.ids += bookmarks.get(_place(item), ())
                _fingerprint(unit, item.text, doc.style, [])
                continue
            label = item.value if item.core is not None else numbering.paragraphs[s_index][p_index]
            unit = Unit(item, s_index, label, item.numbered, tuple(item.ids) or bookmarks.get(_place(item), ()))
            texts = [item.text]
            if raw is not None:
                sub_texts, sub_ids = _record_texts(raw)
                texts += sub_texts
                unit.ids += tuple(sub_ids)
            for text in texts:
                _fingerprint(unit, _plain(text), doc.style, _ID_LINK.findall(text) if structured else [])
            shape.units.append(len(version.units))
            version.units.append(unit)
    if not any(u.numbered for u in version.units):
        raise DraftingError([Problem(Location(path), "no numbered paragraphs found: expected a record, a Word file, or a text laid out like a "
                                     "published record (lines '8.2<TAB>text' in ITU style, '12.<TAB>text' in UN style)")])
    # Ids are compared as the Word bookmarks they become ('opening-remarks' is 'opening_remarks').
    from drafting.word import bookmark_name

    for unit in [*version.units, *(shape.heading for shape in version.sections if shape.heading is not None)]:
        unit.ids = tuple(dict.fromkeys(bookmark_name(i) for i in unit.ids))
        unit.targets = ["#" + bookmark_name(t[1:]) if t.startswith("#") else t for t in unit.targets]
    for unit in version.units:
        pointers: set[str] = set()
        for target in unit.targets:
            index = version.resolve(target)
            named = version.units[index].ids if index is not None else ()
            pointers.update(("#" + i for i in named) if named else [target])
        unit.pointers = frozenset(pointers)
    total = sum(u.length for u in version.units) or 1
    for unit in version.units:
        unit.size = unit.length / total
    return version
