"""Reading plain-text or Markdown records laid out like the reference extraction.

Layout: ``n<TAB>Title`` headings and ``n.m<TAB>text`` paragraphs (ITU), ``n.<TAB>text``
paragraphs straight through (UN), ``[bookmark: …]`` markers, the agenda table as
tab-indented cells, and continuation lines (line breaks inside a paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.lint import tokens
from drafting.lint.document import AgendaRow, Block, Document, Item, Section, TextReference
from drafting.numbering import Style

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+")
_AGENDA_NUMBER = re.compile(r"\t+\s*(\d{1,3})\s*$")


@dataclass(frozen=True)
class Encoded:
    """How a text file was stored, so that the renumberer writes it back the same way."""

    bom: bytes
    codec: str


def decode_text(path: str, raw: bytes) -> tuple[str, Encoded]:
    """Decode UTF-8 or UTF-16 (with BOM), or raise DraftingError saying why not."""
    bom, codec = b"", "utf-8"
    for mark, name in _BOMS:
        if raw.startswith(mark):
            bom, codec = mark, name
            break
    try:
        text = raw[len(bom):].decode(codec)
    except UnicodeDecodeError as exc:
        raise DraftingError([Problem(Location(path), f"cannot read as text: byte 0x{raw[exc.start + len(bom)]:02X} at offset {exc.start + len(bom)} is not {codec.upper()}; save the file as UTF-8")]) from None
    if "\x00" in text:
        raise DraftingError([Problem(Location(path), "cannot read as text: the file holds NUL bytes (is it a binary file?)")])
    return text, Encoded(bom, codec)


def encode_text(text: str, encoded: Encoded) -> bytes:
    """Encode text exactly as it was stored."""
    return encoded.bom + text.encode(encoded.codec)


@dataclass
class _Line:
    number: int
    offset: int  # offset of the line in the file text
    content: str  # without the line ending
    start: int  # where the text begins after indentation, bookmarks and '#'
    heading_mark: bool
    bookmark: bool
    token: tokens.NumberToken | None


def _scan(text: str) -> list[_Line]:
    lines = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        content = match.group().rstrip("\n").rstrip("\r")
        pos = 0
        bookmark = False
        heading_mark = False
        while True:
            if content.startswith("[bookmark: ", pos):
                end = content.find("]", pos)
                if end < 0:
                    break
                pos, bookmark = end + 1, True
            elif pos < len(content) and content[pos] in " \u3000" and not content.startswith("\t", 0):
                pos += 1
            else:
                break
        heading = _MARKDOWN_HEADING.match(content, pos)
        if heading:
            pos, heading_mark = heading.end(), True
        # Table cells are tab-indented: a number there is an agenda row, not a paragraph.
        token = None if content.startswith("\t") else tokens.number_at(content, pos, loose=heading_mark)
        lines.append(_Line(number, match.start(), content, pos, heading_mark, bookmark, token))
    return lines


def read_text(path: str, style: Style | None = None) -> tuple[Document, str, Encoded]:
    """Read a text or Markdown record; return the document, the decoded text and its encoding."""
    from drafting.limits import LIMITS
    from drafting.source import read_limited

    raw = read_limited(path, LIMITS.file_bytes, "a text file")
    text, encoded = decode_text(path, raw)
    if text.count("\n") >= LIMITS.lines:
        raise DraftingError([Problem(Location(path, LIMITS.lines + 1, 1), f"the file has more lines than the limit of {LIMITS.lines:,}")])
    return parse_text(path, text, style), text, encoded


def parse_text(path: str, text: str, style: Style | None = None) -> Document:
    """Build the document model of a text record."""
    lines = _scan(text)
    style = style or tokens.detect_style([ln.token for ln in lines if ln.token])
    doc = Document(path, "text", style, [])
    agenda_cells: list[list[_Line]] | None = None
    current: Item | None = None
    in_body = False
    after_blank = False
    continued: list[tuple[Item, list[str]]] = []
    for ln in lines:
        display = tokens.BOOKMARK.sub("", ln.content)
        block = Block(display, "other", ln.number)
        doc.blocks.append(block)
        stripped = display.strip()
        if not in_body:
            agenda_number = _AGENDA_NUMBER.fullmatch(ln.content)
            if agenda_number:
                agenda_cells = [[ln]]
                doc.agenda.append(AgendaRow(agenda_number.group(1), "", [], Location(path, ln.number, ln.content.index(agenda_number.group(1)) + 1)))
                block.kind = "agenda"
                continue
            if agenda_cells is not None and ln.content.startswith("\t") and stripped:
                agenda_cells[-1].append(ln)
                row = doc.agenda[-1]
                cell = tokens.BOOKMARK.sub("", ln.content).strip()
                if len(agenda_cells[-1]) == 2:
                    row.title = cell
                elif len(agenda_cells[-1]) == 3:
                    row.documents = tokens.document_symbols(cell)
                block.kind = "agenda"
                continue
            if doc.symbol is None:
                match = tokens.SYMBOL.search(ln.content)
                if match:
                    doc.symbol = (match.group(), Location(path, ln.number, match.start() + 1))
        if not stripped:
            after_blank = True
            continue
        token = ln.token
        is_heading = token is not None and (ln.heading_mark or (style is Style.ITU and not token.dotted))
        if token is None and style is Style.UN and in_body and (ln.heading_mark or ((after_blank or ln.bookmark) and current is not None and current.kind == "paragraph")):
            # UN headings are not numbered: an unnumbered line standing on its own starts a section.
            is_heading = True
        if style is Style.UN and token is not None and not ln.heading_mark:
            is_heading = False
        if is_heading:
            in_body = True
            heading_text = ln.content[ln.start:]
            if token is not None:
                heading_text = ln.content[token.end + len(token.separator) + (1 if token.trailing_dot else 0):]
            heading_text = tokens.BOOKMARK.sub("", heading_text).strip()
            current = _item(path, "heading", ln, token, heading_text, len(doc.blocks) - 1)
            if style is Style.UN:
                current.numbered = False
            title, documents = tokens.split_heading(heading_text)
            doc.sections.append(Section(current, [], title, documents))
            block.kind, block.item = "heading", current
        elif token is not None and (in_body or style is Style.UN):
            in_body = True
            if not doc.sections:
                doc.sections.append(Section(None))
            body = tokens.BOOKMARK.sub("", ln.content[token.end:]).lstrip(". \t\u00a0\u3000\uff0e")
            current = _item(path, "paragraph", ln, token, body, len(doc.blocks) - 1)
            doc.sections[-1].paragraphs.append(current)
            block.kind, block.item = "paragraph", current
        elif in_body and current is not None and (after_blank or ln.bookmark or current.kind == "heading"):
            current = _item(path, "paragraph", ln, None, stripped, len(doc.blocks) - 1)
            doc.sections[-1].paragraphs.append(current)
            block.kind, block.item = "paragraph", current
        elif in_body and current is not None:
            # A line break inside the paragraph; joined once at the end (appending here was quadratic).
            if not continued or continued[-1][0] is not current:
                continued.append((current, []))
            continued[-1][1].append(stripped)
            block.kind = "continuation"
        after_blank = False
        if in_body:
            for ref in tokens.find_references(ln.content):
                doc.references.append(TextReference(ref.number, Location(path, ln.number, ref.start + 1), (ln.offset + ref.start, ln.offset + ref.end)))
    for item, more in continued:
        item.text = "\n".join([item.text, *more])
    doc.language = tokens.detect_language(tokens.BOOKMARK.sub("", text))
    return doc


def _item(path: str, kind: str, ln: _Line, token: tokens.NumberToken | None, text: str, block: int) -> Item:
    if token is None:
        return Item(kind, Location(path, ln.number, ln.start + 1), text, numbered=False, block=block)
    return Item(
        kind, Location(path, ln.number, token.start + 1), text, numbered=True, core=token.core, value=token.value,
        confusions=token.confusions, span=(ln.offset + token.start, ln.offset + token.end), block=block,
    )
