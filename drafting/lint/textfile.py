"""Reading plain-text or Markdown records laid out like the reference extraction.

Layout: ``n<TAB>Title`` headings and ``n.m<TAB>text`` paragraphs (ITU), ``n.<TAB>text``
paragraphs straight through (UN), ``[bookmark: …]`` markers, the agenda table as
tab-indented cells, and continuation lines (line breaks inside a paragraph).
"""

from __future__ import annotations

import bisect
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
    furniture: bool = False  # a running head, footer or page number
    page_break: bool = False  # a page starts on this line (form feed)
    joined: _Line | None = None  # the text line that follows this line's lone number
    absorbed: bool = False  # this line's text belongs to the lone number before it


def _scan(text: str, *, join_numbers: bool = True) -> list[_Line]:
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
            elif pos < len(content) and content[pos] in " \u3000\f" and not content.startswith("\t", 0):
                pos += 1
            else:
                break
        heading = _MARKDOWN_HEADING.match(content, pos)
        if heading:
            pos, heading_mark = heading.end(), True
        # Table cells are tab-indented: a number there is an agenda row, not a paragraph.
        token = None if content.startswith("\t") else tokens.number_at(content, pos, loose=heading_mark)
        lines.append(_Line(number, match.start(), content, pos, heading_mark, bookmark, token, page_break="\f" in content))
    _mark_furniture(lines)
    if join_numbers:
        _join_lone_numbers(lines)
    return lines


# A page number as printed: "2", "- 2 -", "Page 2", "2/7", "Page 2 of 7".
_PAGE_NUMBER = re.compile(r"[-–\s]*(?:(?:page|p\.|стр\.|página)\s*)?\d{1,4}(?:\s*(?:/|of|de|из)\s*\d{1,4})?[-–\s]*", re.IGNORECASE)
# A running head: the document symbol, with or without the page number beside it.
_RUNNING_HEAD = re.compile(r"[\s\d]*[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()]+)+(?:-[ACEFRS])?[\s\d]*")
_PAGE_WINDOW = 4
_SENTENCE_END = tokens.SENTENCE_END


def _furniture_key(content: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", tokens.BOOKMARK.sub("", content))).strip()


def _mark_furniture(lines: list[_Line]) -> None:
    """Mark running heads, footers and page numbers next to page breaks (form feeds) as not body text.

    pdftotext may put a page number after the first label of the page ('(c)', '2', text), so the
    lines near a break are examined in a small window, and a lone number counts as the page
    number only when it is the number of that page.
    """
    breaks = [i for i, ln in enumerate(lines) if ln.page_break]
    if not breaks:
        return
    windows: list[tuple[int, list[int]]] = []
    for page, b in enumerate(breaks, start=2):
        after = [i for i in range(b, len(lines)) if lines[i].content.strip(" \t\f")][:_PAGE_WINDOW]
        before = [i for i in range(b - 1, -1, -1) if lines[i].content.strip(" \t\f")][:_PAGE_WINDOW]
        windows += [(page, after), (page - 1, before)]
    seen: dict[str, int] = {}
    for _, window in windows:
        for key in {_furniture_key(lines[i].content) for i in window[:2]}:
            seen[key] = seen.get(key, 0) + 1
    repeated = max(2, len(breaks) // 2)
    for page, window in windows:
        page_number = False
        for position, i in enumerate(window):
            ln = lines[i]
            content = ln.content.replace("\f", "").strip()
            key = _furniture_key(ln.content)
            # A symbol that closes a bracket ('C20/68)') ends a heading wrapped over the page's first lines.
            head = _RUNNING_HEAD.fullmatch(content) is not None and content.count("(") == content.count(")")
            if head or (position < 2 and seen.get(key, 0) >= repeated and len(content) < 80 and re.search(r"[^\W\d_]", key)):
                ln.furniture = True
            elif not page_number and _PAGE_NUMBER.fullmatch(content) and re.search(r"\d+", content).group() == str(page):  # type: ignore[union-attr]
                ln.furniture = page_number = True


def _join_lone_numbers(lines: list[_Line]) -> None:
    """pdftotext sets a number and its text as separate blocks: '1.1', blank line, 'The Secretary…'."""
    first_text = next((i for i, ln in enumerate(lines) if ln.content.strip()), -1)
    for i, ln in enumerate(lines):
        if ln.token is not None or ln.furniture or ln.absorbed or i == first_text or ln.content.startswith("\t"):
            continue
        if tokens.lone_number(ln.content[ln.start:]) is None:
            continue
        following = [j for j in range(i + 1, min(len(lines), i + 7)) if lines[j].content.strip() and not lines[j].furniture]
        if not following:
            continue
        nxt = lines[following[0]]
        text = nxt.content.strip()
        if nxt.token is not None or tokens.lone_number(text) is not None or nxt.page_break or _RUNNING_HEAD.fullmatch(text) or text in "-–":
            continue
        token = tokens.number_at(ln.content.rstrip() + "\t" + text, ln.start)
        if token is None:
            continue
        ln.token, ln.joined, nxt.absorbed = token, nxt, True


def _masthead_number(lines: list[_Line]) -> None:
    """A session written as a bare number ('140') is a masthead line, not heading or paragraph 140: the
    first number of the text, without a dot, when the numbering starts at 1 after it, three or more
    lines of text further down (a title, a time line, a chair; a typed first heading '11' for '1' is
    followed by its paragraph 1.1 at once, and stays a number for the lint to report)."""
    numbered = [ln for ln in lines if ln.token is not None and not ln.furniture]
    if len(numbered) < 2:
        return
    first, following = numbered[0], numbered[1]
    token = first.token
    assert token is not None
    if token.dotted or token.trailing_dot or token.value == "1" or following.token is None or following.token.value not in ("1", "1.1"):
        return
    between = [ln for ln in lines[first.number:following.number - 1]
               if ln.content.strip() and not ln.furniture and not ln.absorbed and ln is not first.joined]
    if len(between) < 3:
        return
    first.token = None
    if first.joined is not None:
        first.joined.absorbed = False
        first.joined = None


def _headings_set_with_one_space(lines: list[_Line]) -> None:
    """Text copied from a browser sets "1 Opening of the meeting" with one space: a heading when the
    numbered paragraphs that follow are 1.1, 1.2, … ("16 June 2020" is followed by none) and it ends
    no sentence (headings carry no final stop)."""
    following: str | None = None
    for ln in reversed(lines):
        if ln.token is not None:
            following = ln.token.value if ln.token.dotted else None
            continue
        if following is None or ln.furniture or ln.content.startswith("\t"):
            continue
        token = tokens.number_at(ln.content, ln.start, loose=True)
        # The paragraphs that follow are n.1, n.2, … or, for a section without numbered paragraphs, n+1.1; a line
        # ending a sentence is a paragraph that starts with a number ('1 delegation abstained.'), not a heading.
        if (token is not None and not token.dotted and following.split(".")[0] in (token.value, str(int(token.value) + 1))
                and not _SENTENCE_END.search(ln.content)):
            ln.token = token
            following = token.value + ".0"


_PRINTED_LINE = 130  # characters: more than a line of an A4 page holds (a Chinese character counts two)
_LAYOUT_GAP = re.compile(r"\S(?:\t|  )\s*\S")


def _one_paragraph_a_line(lines: list[_Line]) -> bool:
    """Text saved from Word as plain text: each paragraph one line, some longer than a printed line can be
    (a layout's columns, set apart by tabs or runs of spaces, aside). No line of it is a wrapped one."""
    for ln in lines:
        text = re.sub(r"^\S{1,8}(?:\t| {2,})", "", ln.content[ln.start:].rstrip())  # the label and its tab
        if not ln.furniture and not _LAYOUT_GAP.search(text) and len(text) + len(_CJK_WIDE.findall(text)) > _PRINTED_LINE:
            return True
    return False


_CJK_WIDE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def _starts_sentence(text: str) -> bool:
    return text[:1].isupper() or _CJK_WIDE.match(text) is not None


def _typical_width(lines: list[_Line]) -> int:
    """The width of a full line of the text (in characters), to tell wrapped lines from paragraph ends."""
    widths = sorted(len(ln.content.rstrip()) for ln in lines if ln.content.strip() and not ln.furniture)
    return widths[int(len(widths) * 0.9)] if widths else 0


def read_text(path: str, style: Style | None = None) -> tuple[Document, str, Encoded]:
    """Read a text or Markdown record; return the document, the decoded text and its encoding."""
    from drafting.limits import LIMITS
    from drafting.filetype import read_input

    _, raw = read_input(path, LIMITS.file_bytes, "a text file")
    text, encoded = decode_text(path, raw)
    if text.count("\n") >= LIMITS.lines:
        raise DraftingError([Problem(Location(path, LIMITS.lines + 1, 1), f"the file has more lines than the limit of {LIMITS.lines:,}")])
    return parse_text(path, text, style), text, encoded


def parse_text(path: str, text: str, style: Style | None = None, *, explicit_breaks: bool = False) -> Document:
    """Build the document model of a text record.

    With ``explicit_breaks`` (text made by a reader that knows the layout, e.g. from a PDF's
    geometry) a blank line is the only paragraph break, and no guess is made about wrapped lines.
    """
    # A reader that knows the layout puts a label on its text's line: a number alone is no label there.
    lines = _scan(text, join_numbers=not explicit_breaks)
    _masthead_number(lines)
    style = style or tokens.detect_style([ln.token for ln in lines if ln.token])
    if style is Style.ITU:
        _headings_set_with_one_space(lines)
    doc = Document(path, "text", style, [])
    agenda_cells: list[list[_Line]] | None = None
    current: Item | None = None
    in_body = False
    after_blank = False
    width = _typical_width(lines)
    unwrapped = not explicit_breaks and _one_paragraph_a_line(lines)
    doc.wrap_width = width if width and not unwrapped and not explicit_breaks else None
    last_body: _Line | None = None
    page_pending = False  # a page break since the last body line
    body_lines: set[int] = set()
    column: int | None = None  # where the current paragraph's text lines start, in a layout
    continued: list[tuple[Item, list[str]]] = []
    for ln in lines:
        display = tokens.BOOKMARK.sub("", ln.content).replace("\f", "")
        block = Block(display, "other", ln.number)
        doc.blocks.append(block)
        stripped = display.strip()
        if ln.page_break:
            page_pending = True
        if ln.furniture:
            continue
        if ln.absorbed:
            after_blank = False
            block.kind = "continuation" if current is not None else "other"
            if in_body:
                body_lines.add(ln.number)
            continue
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
            if not page_pending:
                after_blank = True
            continue
        if page_pending and last_body is not None:
            # A paragraph continues over a page break when its last line was full.
            after_blank = len(last_body.content.rstrip()) < 0.8 * width
        page_pending = False
        if unwrapped and last_body is not None and _SENTENCE_END.search(last_body.content.rstrip()) and _starts_sentence(stripped):
            after_blank = True  # one paragraph a line: a sentence that starts a line starts a paragraph (or a UN heading)
        token = ln.token
        is_heading = token is not None and (ln.heading_mark or (style is Style.ITU and not token.dotted))
        if token is None and style is Style.UN and in_body and (ln.heading_mark or ((after_blank or ln.bookmark) and current is not None and current.kind == "paragraph" and not _SENTENCE_END.search(stripped))):
            # UN headings are not numbered: an unnumbered line standing on its own starts a section.
            is_heading = True
        if style is Style.UN and token is not None and not ln.heading_mark:
            is_heading = False
        text_line = ln.joined or ln
        if is_heading:
            in_body = True
            if ln.joined is not None:
                heading_text = ln.joined.content
            elif token is not None:
                heading_text = ln.content[token.end + len(token.separator) + (1 if token.trailing_dot else 0):]
            else:
                heading_text = ln.content[ln.start:]
            heading_text = tokens.BOOKMARK.sub("", heading_text).strip()
            current = _item(path, "heading", ln, token, heading_text, len(doc.blocks) - 1)
            if style is Style.UN:
                current.numbered = False
            title, documents = tokens.split_heading(heading_text)
            doc.sections.append(Section(current, [], title, documents))
            block.kind, block.item = "heading", current
            column = None
        elif token is not None and (in_body or style is Style.UN):
            in_body = True
            if not doc.sections:
                doc.sections.append(Section(None))
            body = ln.joined.content.strip() if ln.joined is not None else ln.content[token.end:]
            body = tokens.BOOKMARK.sub("", body).lstrip(". \t\u00a0\u3000\uff0e-–")
            current = _item(path, "paragraph", ln, token, body, len(doc.blocks) - 1)
            doc.sections[-1].paragraphs.append(current)
            block.kind, block.item = "paragraph", current
            column = None if ln.joined is not None or "\t" in token.separator else token.end + len(token.separator) + (1 if token.trailing_dot else 0)
        elif in_body and current is not None and (after_blank or ln.bookmark or (current.kind == "heading" and not explicit_breaks and not _continues_heading(last_body, ln, width))
                                                  or (not explicit_breaks and _after_paragraph_end(last_body, ln, width, column))):
            current = _item(path, "paragraph", ln, None, stripped, len(doc.blocks) - 1)
            doc.sections[-1].paragraphs.append(current)
            block.kind, block.item = "paragraph", current
            column = ln.start
        elif in_body and current is not None:
            # A line break inside the paragraph; joined once at the end (appending here was quadratic).
            if not continued or continued[-1][0] is not current:
                continued.append((current, []))
            continued[-1][1].append(stripped)
            block.kind = "continuation"
            column = ln.start if column is None else column
        after_blank = False
        last_body = text_line
        if in_body:
            body_lines.add(ln.number)
    for item, more in continued:
        item.text = "\n".join([item.text, *more])
    for section in doc.sections:  # a heading wrapped over lines: its title and documents are the whole text's
        if section.heading is not None and "\n" in section.heading.text:
            section.title, section.documents = tokens.split_heading(_unwrapped(section.heading.text))
    _collect_references(doc, path, text, lines, body_lines)
    _agenda_from_leading_headings(doc)
    doc.language = tokens.detect_language(tokens.BOOKMARK.sub("", text))
    return doc


def _collect_references(doc: Document, path: str, text: str, lines: list[_Line], body_lines: set[int]) -> None:
    """Find 'paragraph 8.8' references in one pass over the text, so that one wrapped over two lines is found."""
    starts = [ln.offset for ln in lines]
    for ref in tokens.find_references(text):
        index = bisect.bisect_right(starts, ref.start) - 1
        ln = lines[index]
        if ln.number not in body_lines:
            continue
        doc.references.append(TextReference(ref.number, Location(path, ln.number, ref.start - ln.offset + 1), (ref.start, ref.end),
                                            block=ln.number - 1, core=ref.core))  # one block a line


def _after_paragraph_end(previous: _Line | None, ln: _Line, width: int, column: int | None) -> bool:
    """Text copied without blank lines (pdftotext -layout) where a paragraph lost its number: a line that
    starts a sentence after a short line ending one, or outside the column of the paragraph's text."""
    if previous is None or previous is ln or width == 0 or not ln.content[ln.start:ln.start + 1].isupper():
        return False
    if column is not None and ln.start > 0 and "\t" not in ln.content[:ln.start] and abs(ln.start - column) > 1:
        return True
    last = previous.content.rstrip()
    # Under a hanging indent the paragraph's lines keep to its text column: a line back at the margin
    # after one that ends a sentence is the next paragraph ('Mr. X (Vice-Chair) took the Chair.').
    hanging = column is not None and column > 0 and previous.start == column and ln.start < column
    return _SENTENCE_END.search(last) is not None and (hanging or (len(last) < 0.6 * width and ln.start == previous.start))


def _unwrapped(text: str) -> str:
    """Lines joined by a space, but not after a symbol's break ('VC/1(Rev.' / '2))', 'VC/' / '5')."""
    return re.sub(r"(?<=[/.])\n(?=[0-9)])|(?<=/)\n", "", text).replace("\n", " ")


def _continues_heading(heading: _Line | None, ln: _Line, width: int) -> bool:
    """A line right after a heading continues it when the heading line was full, or sits in its text column."""
    if heading is None:
        return False
    if len(heading.content.rstrip()) >= 0.8 * width:
        return True
    # Wrapped where an extract gives no width to go by (pdftotext without -layout): the heading left a bracket
    # open ('(Document VC/1(Rev.' / '2))'), or the next line goes on in lower case ('… de la' / 'société …').
    text = (heading.joined or heading).content
    first = ln.content[ln.start:ln.start + 1]
    if text.count("(") + text.count("（") > text.count(")") + text.count("）") or first.islower():
        return True
    token = heading.token
    column = token.end + len(token.separator) + (1 if token.trailing_dot else 0) if token is not None and heading.joined is None else None
    return column is not None and ln.start > 0 and abs(ln.start - column) <= 1 and "\t" not in token.separator


# A document symbol with what joins it to the next ("C20/24, VC/5"), or the "-" of an empty documents cell.
_SYMBOL_OR_DASH = re.compile(r"(?:(?<=\s)|^)(?:,?[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()-]+)+(?:-[ACEFRS])?(?:\s*(?:,|and|et|y|и|和|、|و)(?=\s))?|[-–])(?=\s|$)")


_BROKEN_SYMBOL = re.compile(r"(?<![\w/])([A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()]+)*/)\s+(?=[A-Za-z0-9])")


def _agenda_from_leading_headings(doc: Document) -> None:
    """Headings 1..k with no paragraphs, then a heading 1 again: the first run was the agenda table.

    Text extracted from a PDF (pdftotext with or without -layout) sets the agenda rows as lines
    that look like section headings.
    """
    if doc.style is not Style.ITU or doc.agenda:
        return
    run = 0
    for section in doc.sections:
        heading = section.heading
        if heading is None or heading.value != str(run + 1) or any(p.core is not None for p in section.paragraphs):
            break
        run += 1
    if run < 1 or len(doc.sections) <= run or doc.sections[run].heading is None or doc.sections[run].heading.value != "1":
        return
    if run == 1:
        # One heading 1 before another: an agenda of one row only when the row names the heading that follows (a
        # heading typed twice is a numbering mistake, not an agenda).
        row = _SYMBOL_OR_DASH.sub(" ", tokens.invisible(doc.sections[0].heading.text))
        if not tokens.same_title(row, doc.sections[1].title or ""):
            return
    # A table's header row repeated on a later page ("Subjects discussed  Documents") is no row's text.
    first = doc.sections[0].heading.block if doc.sections[0].heading is not None else None
    before = {" ".join(b.text.split()) for b in doc.blocks[:first]} if first is not None else set()
    for section in doc.sections[:run]:
        heading = section.heading
        assert heading is not None
        # A row's cells may wrap over several lines, interleaved: keep the symbols apart from the title's words.
        texts = [heading.text] + [p.text for p in section.paragraphs if " ".join(p.text.split()) not in before]
        for paragraph in section.paragraphs:
            if paragraph.block is not None:
                doc.blocks[paragraph.block].kind, doc.blocks[paragraph.block].item = "agenda", None
        # A symbol broken at its slash over two lines of the cell ("VC/" / "5(Add.1)") is read whole.
        joined = _BROKEN_SYMBOL.sub(r"\1", tokens.invisible(" ".join(texts)))
        documents = tokens.document_symbols(joined)
        words = _SYMBOL_OR_DASH.sub(" ", joined).split()
        doc.agenda.append(AgendaRow(heading.value, " ".join(words), documents, heading.location))
        if heading.block is not None:
            doc.blocks[heading.block].kind, doc.blocks[heading.block].item = "agenda", None
            # The row's wrapped lines ('… de la société de' / 'l’information') are the row's too.
            n = heading.block + 1
            while n < len(doc.blocks) and doc.blocks[n].kind == "continuation":
                doc.blocks[n].kind = "agenda"
                n += 1
    doc.sections = doc.sections[run:]
    doc.references = [r for r in doc.references if r.location.line is None or doc.sections[0].heading is None
                      or doc.sections[0].heading.location.line is None or r.location.line >= doc.sections[0].heading.location.line]


def _item(path: str, kind: str, ln: _Line, token: tokens.NumberToken | None, text: str, block: int) -> Item:
    if token is None:
        return Item(kind, Location(path, ln.number, ln.start + 1), text, numbered=False, block=block)
    return Item(
        kind, Location(path, ln.number, token.start + 1), text, numbered=True, core=token.core, value=token.value,
        confusions=token.confusions, span=(ln.offset + token.start, ln.offset + token.end), block=block,
    )
