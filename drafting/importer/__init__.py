"""Import: a record typed in Word, or published as text or PDF, read into the record format.

The package is called ``importer`` because ``import`` is a Python keyword. Structure and
numbers come from the lint's readers (one reader per format); this package adds what the
record holds and the lint does not need: the masthead, chairs, formatting, sub-paragraphs,
signatures, notes, and cross-references turned into ``[](#id)`` links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafting import language as lang
from drafting.diagnostics import DraftingError, Location, Problem
from drafting.importer.inline import Run, escape, markdown
from drafting.importer.masthead import Line, Masthead, corrected_revision, read_masthead, split_chair_lines
from drafting.lint import kind_of, tokens
from drafting.lint.document import Document, Item
from drafting.lint.pdffile import HYPHENATION
from drafting.lint.rules import Finding, check, reference_targets
from drafting.numbering import Style

_CONTINUED = re.compile(r"[（(](?:continued|suite|continuación|продолжение|تابع|续)[)）]", re.IGNORECASE)
_SENTENCE_END = tokens.SENTENCE_END
_SUBLABEL = re.compile(r"^\(?([a-z]{1,2}|[ivx]{1,5})\)[\t \u00a0]+")
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}


@dataclass
class Imported:
    """The record read from a file, with what the lint found and what could not be mapped."""

    path: str
    data: dict[str, Any]
    findings: list[Finding]
    document: Document
    warnings: list[Problem] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)  # every paragraph text of the input, as the record must print it


@dataclass
class _Entry:
    """A heading or paragraph of the input in document order, before regrouping into sections."""

    kind: str  # heading, paragraph
    text: str  # Markdown
    plain: str  # as read, for the no-loss check
    numbered: bool
    ids: list[str]
    item: Item | None = None
    sub: int = 0  # 1 for (a), 2 for (i)
    label: str = ""  # the sub-paragraph label as typed, '(a)\t', kept if no paragraph can hold it


def _continued(text: str) -> bool:
    return _CONTINUED.search(text) is not None


def _ids_of_line(raw: str) -> list[str]:
    names = re.findall(r"\[bookmark: ([^\]]*)\]", raw)
    return [n for n in names if not re.match(r"^(?:_|OLE_LINK)", n) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,39}", n)]


class _Reader:
    """Per-format access to what the lint's document does not carry."""

    def __init__(self, path: str, kind: str, style: Style | None) -> None:
        self.path, self.kind = path, kind
        self.lines: list[str] = []
        self.pkg: Any = None
        self.links: dict[str, str] = {}
        self.footnotes: dict[str, str] = {}  # Word footnotes not yet placed after their paragraph
        self.footers: list[str] = []
        self.printed: dict[int, Any] = {}  # PDF: block index -> the printed paragraph (lines, word positions)
        if kind == "docx":
            from drafting.importer.docxsource import hyperlinks
            from drafting.lint.wordfile import read_word

            self.doc, self.pkg = read_word(path, style)
            self.links = hyperlinks(self.pkg)
        elif kind == "pdf":
            from drafting.lint.pdffile import read_pdf

            from drafting.importer.pdfsource import block_paragraphs

            self.doc = read_pdf(path, style)
            self.printed = block_paragraphs(path, self.doc)
        elif kind == "text":
            from drafting.lint.textfile import read_text

            self.doc, text, _ = read_text(path, style)
            self.lines = text.splitlines()
        else:
            raise DraftingError([Problem(Location(path), f"cannot import a {kind} file: import reads .docx, .txt and .pdf")])

    def restore_breaks(self) -> None:
        """PDF: give each item back the line breaks the lint's reader joined (Chinese lines join without a space)."""
        from drafting.importer.pdfsource import broken_text

        for item in self.doc.items():
            paragraph = self.printed.get(item.block) if item.block is not None else None
            if paragraph is not None:
                item.text = broken_text(paragraph, item.text)

    def unwrap_lines(self) -> None:
        """Text: join the lines of a paragraph that the typist's layout wrapped (the line before the break as
        full as the text's lines run), as the PDF's are; a break after a short line is the author's (before a link)."""
        width, blocks = self.doc.wrap_width, self.doc.blocks
        if not width:
            return
        for item in self.doc.items():
            if "\n" not in item.text or item.block is None:
                continue
            printed = [blocks[item.block].text]  # the item's lines as typed, indentation included
            n = item.block + 1
            while n < len(blocks) and blocks[n].kind in ("continuation", "other"):
                if blocks[n].kind == "continuation":
                    printed.append(blocks[n].text)
                n += 1
            parts = item.text.split("\n")
            if len(printed) != len(parts):
                continue
            out = [parts[0]]
            for before, part in zip(printed, parts[1:]):
                if len(before.rstrip()) >= 0.7 * width and not _SUBLABEL.match(part):
                    out[-1] = _join_lines(f"{out[-1]}\n{part}")
                else:
                    out.append(part)
            item.text = "\n".join(out)

    def close(self) -> None:
        if self.pkg is not None:
            self.pkg.zip.close()

    def text(self, item: Item) -> str:
        """The item's text as Markdown, its written number left out."""
        if self.kind == "pdf":
            return escape(_join_lines(item.text.rstrip()))
        if self.kind != "docx" or item.anchor is None:
            return escape(item.text.rstrip())
        from drafting.importer.docxsource import runs

        element = self.pkg.paragraphs[item.anchor]
        pieces = runs(self.pkg, element, self.links)
        whole = "".join(r.text for r in pieces)
        skip = whole.find(item.text) if item.text else len(whole)
        skip = max(skip, 0)
        kept: list[Run] = []
        position = 0
        for run in pieces:
            start, end = position, position + len(run.text)
            position = end
            if end <= skip:
                continue
            piece = run.text[max(0, skip - start):]
            kept.append(Run(piece, run.bold, run.italic, run.href))
        total = "".join(r.text for r in kept)
        cut = len(total) - len(total.rstrip())
        while cut and kept:
            last = kept[-1]
            take = min(cut, len(last.text))
            kept[-1] = Run(last.text[: len(last.text) - take], last.bold, last.italic, last.href)
            cut -= take
            if not kept[-1].text:
                kept.pop()
        return markdown([Run(r.text.replace("\t", " ") if i else r.text.lstrip("\t").replace("\t", " "), r.bold, r.italic, r.href) for i, r in enumerate(kept)])

    def ids(self, item: Item) -> list[str]:
        """Bookmark ids carried by the item's paragraph or line."""
        if self.kind == "docx" and item.anchor is not None:
            from drafting.importer.docxsource import bookmarks

            return bookmarks(self.pkg, self.pkg.paragraphs[item.anchor])
        if self.kind == "text" and item.location.line:
            return _ids_of_line(self.lines[item.location.line - 1])
        return []

    def masthead(self, first: Item | None) -> tuple[list[Line], int]:
        """Lines above the first heading or paragraph, and how many images they hold."""
        doc = self.doc
        if self.kind == "docx":
            from drafting.importer.docxsource import masthead_lines

            stop = self.pkg.paragraphs[first.anchor] if first is not None and first.anchor is not None else None
            return masthead_lines(self.pkg, stop, len(doc.agenda))
        end = first.block if first is not None and first.block is not None else len(doc.blocks)
        out: list[Line] = []
        images = 0
        if self.kind == "pdf":
            from drafting.importer.pdfsource import masthead_lines, page_one_symbol

            printed = [self.printed.get(n, block.text) for n, block in enumerate(doc.blocks[:end]) if block.kind != "agenda" and block.text.strip()]
            head = [Line(text) for text in page_one_symbol(self.path)] if doc.symbol is None else []
            # A paragraph's wrapped lines are one masthead line (a Contents entry, a UN heading), as in Word,
            # but a chair line set right under the time line or another chair line is a line of its own.
            language = doc.language or "en"
            return head + [Line(_join_lines(text)) for printed_ in masthead_lines(self.path, printed)
                           for text in split_chair_lines(printed_, language)], 0
        first_row = next((n for n, block in enumerate(doc.blocks[:end]) if block.kind == "agenda"), None)
        header = set()  # a typed table's header cells ('\tSubjects discussed', '\tDocuments'), worded as they may be
        if self.kind == "text" and first_row is not None:
            n = first_row - 1
            while n >= 0 and doc.blocks[n].line and self.lines[doc.blocks[n].line - 1].startswith("\t") and doc.blocks[n].text.strip():
                header.add(n)
                n -= 1
        for n, block in enumerate(doc.blocks[:end]):
            if block.kind == "agenda" or n in header:
                continue
            raw = self.lines[block.line - 1] if self.kind == "text" and block.line else block.text
            if "[image:" in raw:
                images += 1
            if block.text.strip():
                out.append(Line(tokens.BOOKMARK.sub("", block.text), _ids_of_line(raw)))
        return out, images


_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")  # match() at a position, search() in a piece


# pdftotext sets a space between a Chinese character and a digit where the PDF has a small gap
# (LibreOffice's autospacing): '2020 年 6 月', '消除 COVID-19'. Chinese records write '2020年6月'.
_CJK_DIGIT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z.,)]) (?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])")


_SYMBOL_END = re.compile(r"(?:^|\s|[(（])[A-Z][A-Z0-9]*/\S*[.(]$")


def _join_lines(text: str) -> str:
    """A PDF's lines are the typesetter's, not the author's: join them (no space between CJK characters)."""
    label = _SUBLABEL.match(text)
    if label:  # '(a) 警方…': the label's space is not a typesetter's gap
        return label.group() + _join_lines(text[label.end():])
    out = text.split("\n")
    joined = out[0]
    for line in out[1:]:
        if not line:
            continue
        # A number broken over two lines of Chinese text ('20' / '21年') is one number.
        cjk_number = joined[-1:].isdigit() and line[:1].isdigit() and (_CJK.search(joined[-6:]) or _CJK.search(line[:6]))
        # A document symbol broken where the typesetter may break it: 'VC/1(Rev.' / '2))' (UAX #14 allows a break after '.').
        # ('C20/5.' / 'Entiende' is a sentence that ends: only a digit continues a symbol after a stop.)
        in_symbol = _SYMBOL_END.search(joined) is not None and (line[:1].isdigit() if joined.endswith(".") else line[:1].isalnum())
        if joined.endswith(HYPHENATION) and line[:1].isalpha():  # a word the typesetter hyphenated
            joined = joined[:-1] + line
        elif not joined or _CJK.match(joined[-1]) or _CJK.match(line[0]) or joined.endswith(("-", "/")) or cjk_number or in_symbol:
            joined += line
        else:
            joined += " " + line
    return _CJK_DIGIT_SPACE.sub("", joined)


def _trailing_heading(text: str) -> str | None:
    """A UN heading a PDF reader set as the last line of the paragraph above: a short line without a final
    stop, starting with a capital, after a line that ends a sentence."""
    lines = text.rstrip().split("\n")
    if len(lines) < 2 or not _SENTENCE_END.search(lines[-2]) or _SENTENCE_END.search(lines[-1]):
        return None
    last = lines[-1].strip()
    return last if last[:1].isupper() and len(last) < 120 and not _SUBLABEL.match(last) else None


def _join_page_breaks(entries: list[_Entry]) -> list[_Entry]:
    """A PDF paragraph that crosses a page reads as a second, unnumbered one starting in lower case: join them."""
    out: list[_Entry] = []
    for entry in entries:
        previous = out[-1] if out else None
        if (previous is not None and previous.kind == "paragraph" and entry.kind == "paragraph" and not entry.numbered
                and not entry.ids and entry.plain[:1].islower() and not _SENTENCE_END.search(previous.plain) and not _SUBLABEL.match(entry.plain)):
            previous.plain += " " + entry.plain
            previous.text += " " + entry.text
            continue
        out.append(entry)
    return out


def _split_label_lines(entries: list[_Entry]) -> list[_Entry]:
    """Text typed without blank lines joins '(a) …' lines to the paragraph above: each is its own entry."""
    out: list[_Entry] = []
    for entry in entries:
        plain, marked = entry.plain.split("\n"), entry.text.split("\n")
        if len(plain) < 2 or len(plain) != len(marked) or not any(_SUBLABEL.match(line) for line in plain[1:]):
            out.append(entry)
            continue
        cuts = [0] + [i for i, line in enumerate(plain) if i and _SUBLABEL.match(line)] + [len(plain)]
        for n, (a, b) in enumerate(zip(cuts, cuts[1:])):
            if n == 0:
                entry.plain, entry.text = "\n".join(plain[a:b]), "\n".join(marked[a:b])
                out.append(entry)
            else:
                out.append(_Entry("paragraph", "\n".join(marked[a:b]), "\n".join(plain[a:b]), False, []))
    return out


def _sub_level(label: str, previous: str | None) -> int:
    if label in _ROMAN and not (label == "i" and previous == "h") and not (label in ("v", "x") and previous in ("u", "w")):
        return 2
    return 1


def _with_unmapped(reader: _Reader, entries: list[_Entry], warnings: list[Problem]) -> list[_Entry]:
    """Word tables other than the agenda, and images, in the body: kept as unnumbered paragraphs, with a warning."""
    from drafting.importer.docxsource import body_order, notes, unmapped

    reader.footnotes, reader.footers = notes(reader.pkg)
    order = body_order(reader.pkg)
    index = {id(element): position for position, element in enumerate(order)}
    positions = [index.get(id(reader.pkg.paragraphs[e.item.anchor]), -1) if e.item is not None and e.item.anchor is not None else -1 for e in entries]
    first = min((p for p in positions if p >= 0), default=len(order))
    extras = unmapped(reader.pkg, order, first, len(reader.doc.agenda), reader.footnotes)
    if not extras:
        return entries
    merged: list[tuple[int, int, _Entry]] = [(p, n, e) for n, (p, e) in enumerate(zip(positions, entries))]
    for n, (position, what, text) in enumerate(extras):
        excerpt = " ".join(text.split())[:50]
        warnings.append(Problem(Location(reader.path), f'{what} in the body ("{excerpt}") kept as an unnumbered paragraph', "warning"))
        merged.append((position, len(entries) + n, _Entry("paragraph", escape(text), text, False, [])))
    # Entries without a position (UN headings read above the lint's first item) keep their place at the start.
    return [entry for _, _, entry in sorted(merged, key=lambda t: (t[0], t[1]))]


def _entries(reader: _Reader, head: Masthead, style: Style, warnings: list[Problem]) -> list[_Entry]:
    """Headings and paragraphs in document order, sub-paragraphs recognised by their labels."""
    out: list[_Entry] = []
    for line in head.after:  # UN: headings and paragraphs the lint's reader left above its first item
        is_heading = style is Style.UN and not _SENTENCE_END.search(line.text)
        if style is Style.ITU:
            warnings.append(Problem(Location(reader.path), f'masthead line not recognised, kept as an unnumbered paragraph: "{line.text[:60]}"', "warning"))
        out.append(_Entry("heading" if is_heading else "paragraph", escape(line.text), line.text, False, line.ids))
    for section in reader.doc.sections:
        if section.heading is not None:
            heading = section.heading
            plain = _join_lines(heading.text.rstrip()) if reader.kind == "pdf" else heading.text
            out.append(_Entry("heading", reader.text(heading), plain, heading.numbered, reader.ids(heading), heading))
        for item in section.paragraphs:
            heading = _trailing_heading(item.text) if reader.kind == "pdf" and style is Style.UN else None
            if heading is not None:
                body = item.text.rstrip()[: -len(heading)].rstrip()
                out.append(_Entry("paragraph", escape(_join_lines(body)), _join_lines(body), item.numbered, [], item))
                out.append(_Entry("heading", escape(heading), heading, False, []))
                continue
            plain = _join_lines(item.text.rstrip()) if reader.kind == "pdf" else item.text.rstrip()
            out.append(_Entry("paragraph", reader.text(item), plain, item.numbered, reader.ids(item), item))
    if reader.kind == "docx":
        out = _with_unmapped(reader, out, warnings)
    if reader.kind != "docx":
        out = _split_label_lines(out)
    if reader.kind == "pdf":
        out = _join_page_breaks(out)
    last_letter: str | None = None
    seen_paragraph = False  # a sub-paragraph needs a paragraph above it
    for entry in out:
        match = _SUBLABEL.match(entry.plain) if not entry.numbered else None
        if match and seen_paragraph:
            label = match.group(1)
            entry.sub = _sub_level(label, last_letter) if last_letter else 1
            if entry.sub == 1:
                last_letter = label
            entry.kind = "paragraph"
            entry.plain = entry.plain[match.end():]
            md = _SUBLABEL.match(entry.text)
            entry.label = md.group() if md else ""
            entry.text = entry.text[md.end():] if md else entry.text
        elif entry.kind == "paragraph" and entry.sub == 0:
            last_letter = None if entry.numbered or not match else last_letter
        seen_paragraph = seen_paragraph or (entry.kind == "paragraph" and entry.sub == 0)
    return out


def _split_trailing_lines(entries: list[_Entry], colon: str) -> None:
    """A signature block typed under the last paragraph reads as two more lines of it: split them off."""
    if not entries or entries[-1].kind != "paragraph":
        return
    last = entries[-1]
    lines, marked = last.plain.split("\n"), last.text.split("\n")
    if len(lines) < 2 or len(lines) != len(marked) or (len(lines) == 2 and last.numbered):
        return
    probe = [_Entry("paragraph", marked[-2], lines[-2], False, []), _Entry("paragraph", marked[-1], lines[-1], False, [])]
    if not _signatures(list(probe), colon):
        return
    if len(lines) == 2:
        entries[-1:] = probe
        return
    last.plain, last.text = "\n".join(lines[:-2]).rstrip(), "\n".join(marked[:-2]).rstrip()
    entries.extend(probe)


def _split_roles_line(entries: list[_Entry], colon: str, columns: Any = None) -> None:
    """The roles line read as the last line of the paragraph above the names (a PDF whose signature block
    begins a page, the paragraph before filling its last line): a line of its own again."""
    if len(entries) < 2:
        return
    above, names = entries[-2], entries[-1]
    if above.kind != "paragraph" or above.sub or names.kind != "paragraph" or names.numbered or "\n" in names.plain.strip():
        return
    printed = (above.item.text if above.item is not None else above.plain).rstrip().rsplit("\n", 1)
    roles = printed[-1].strip()
    if len(printed) < 2 or not roles or not above.plain.rstrip().endswith(roles) or not above.text.rstrip().endswith(escape(roles)):
        return
    if not _signatures([_Entry("paragraph", escape(roles), roles, False, []), names], colon, columns):
        return
    above.plain, above.text = above.plain.rstrip()[: -len(roles)].rstrip(), above.text.rstrip()[: -len(escape(roles))].rstrip()
    entries.insert(len(entries) - 1, _Entry("paragraph", escape(roles), roles, False, []))


def _signatures(entries: list[_Entry], colon: str, columns: Any = None) -> list[dict[str, str]]:
    """Trailing 'Role:<tab>Role:' and 'Name<tab>Name' lines become the signature block."""
    if len(entries) < 2:
        return []
    roles_entry, names_entry = entries[-2], entries[-1]
    if roles_entry.numbered or names_entry.numbered or roles_entry.kind != "paragraph" or roles_entry.sub or names_entry.sub:
        return []
    split = re.compile(r"\t+|\s{2,}|\n")
    roles = [r.strip() for r in re.split(r"\t+|\s{2,}|\n|(?<=[:：])\s+", roles_entry.plain) if r.strip()]
    names = [n.strip() for n in split.split(names_entry.plain) if n.strip()]
    ends = (":", "：", colon.strip())
    if columns is not None and 1 < len(roles) <= 4 and len(names) != len(roles) and all(r.endswith(ends) for r in roles):
        names = columns(roles_entry.plain, names_entry.plain, len(roles)) or names
    if not roles or len(roles) > 4 or len(roles) != len(names) or not all(r.endswith(ends) for r in roles):
        return []
    del entries[-2:]
    return [{"role": r.rstrip(":：").strip(), "name": n} for r, n in zip(roles, names)]


def _into_first_section(entries: list[_Entry], sections: list[dict[str, Any]],
                        placed: list[tuple[_Entry, Any, int, int]]) -> list[tuple[_Entry, Any, int, int]]:
    """ITU: lines kept as unnumbered paragraphs above the first heading (warned about) go at the start of
    section 1; a section of their own would be numbered 1 and shift every section after it off its agenda row."""
    if not entries or entries[0].kind == "heading" or len(sections) < 2:
        return placed
    if any(not isinstance(p, dict) or p.get("numbered", True) for p in sections[0]["paragraphs"]):
        return placed
    leading = sections.pop(0)["paragraphs"]
    sections[0]["paragraphs"][0:0] = leading
    # They print after the first heading now: in that order for the check that every input text is printed.
    first = next(n for n, e in enumerate(entries) if e.kind == "heading")
    entries[:first + 1] = [entries[first], *entries[:first]]
    return [(e, node, max(s - 1, 0), p + len(leading) if s == 1 else p) for e, node, s, p in placed]


def _paragraph(entry: _Entry) -> Any:
    node: dict[str, Any] = {}
    if entry.ids:
        node["id"] = entry.ids[0]
        if entry.ids[1:]:
            node["bookmarks"] = entry.ids[1:]
    if not entry.numbered and not entry.sub:
        node["numbered"] = False
    node["text"] = entry.text
    return node["text"] if list(node) == ["text"] else node


def split_title(text: str, language: str, style: Style = Style.ITU) -> tuple[str, list[str], bool]:
    """Title, documents and 'continued' of a heading, when the record would print it back the same way;
    otherwise the whole text as the title (a documents suffix worded unlike the language's is kept as typed)."""
    title, documents = tokens.split_heading(text)
    continued = _continued(text)
    # Exactly as the build would print it (the functions that write headings).
    write = lang.un_titled if style is Style.UN else lang.titled
    printed = write(title, language, continued=continued, documents=documents)
    if " ".join(printed.split()) != " ".join(text.split()):
        return text.strip(), [], False
    return title, documents, continued


def _sections(entries: list[_Entry], style: Style, agenda: list[dict[str, Any]], language: str) -> tuple[list[dict[str, Any]], list[tuple[_Entry, dict[str, Any] | str, int, int]]]:
    """Group entries into the record's sections; return them and where each paragraph went."""
    sections: list[dict[str, Any]] = []
    placed: list[tuple[_Entry, Any, int, int]] = []
    headed = 0  # headings so far
    for entry in entries:
        if entry.kind == "heading":
            title, documents, continued = split_title(entry.plain, language, style)
            section: dict[str, Any] = {}
            if entry.ids:
                section["id"] = entry.ids[0]
                if entry.ids[1:]:
                    section["bookmarks"] = entry.ids[1:]
            # Heading n is agenda row n (lines kept above the first heading make no row of their own).
            row = agenda[headed] if style is Style.ITU and headed < len(agenda) else None
            headed += 1
            # The heading keeps its own words where they differ from its agenda row's in any way.
            if row is None or " ".join(row["title"].split()) != " ".join(title.split()) or row.get("documents", []) != documents or row.get("continued", False) != continued:
                section["title"] = title or entry.plain
                if documents:
                    section["documents"] = documents
                if continued:
                    section["continued"] = True
            section["paragraphs"] = []
            sections.append(section)
            continue
        if not sections:
            # UN: unnumbered lines before the first heading ('The meeting was called to order …')
            # make a section without a title; a numbered one there gets the title '-' below.
            sections.append({"paragraphs": []})
        paragraphs = sections[-1]["paragraphs"]
        if entry.sub and not paragraphs:  # a label with no paragraph above it: kept as typed
            entry.text, entry.sub = entry.label.replace("\t", " ").rstrip() + " " + entry.text, 0
        if entry.sub and paragraphs:
            parent = paragraphs[-1]
            if isinstance(parent, str):
                parent = paragraphs[-1] = {"text": parent}
            subs = parent.setdefault("subparagraphs", [])
            if entry.sub == 2 and subs:
                last = subs[-1]
                if isinstance(last, str):
                    last = subs[-1] = {"text": last}
                last.setdefault("subparagraphs", []).append(entry.text)
            else:
                subs.append(entry.text)
            continue
        node = _paragraph(entry)
        paragraphs.append(node)
        placed.append((entry, node, len(sections) - 1, len(paragraphs) - 1))
    for section in sections:
        if not section["paragraphs"]:
            section["paragraphs"] = []
    return sections, placed


def import_file(path: str, style: str | None = None) -> Imported:
    """Read a .docx, .txt or .pdf record into record data; raise DraftingError if it cannot be read."""
    from drafting.filetype import kind_of_file

    forced = Style(style) if style else None
    # Recognised by content first: a Word file or a PDF whatever its name.
    content = kind_of_file(path)
    kind = content if content in ("docx", "pdf") else kind_of(path)
    if content is not None and content not in ("docx", "pdf") or kind in ("record", "html"):
        what = f"a {content.upper()} file" if content else f"a {kind} file"
        raise DraftingError([Problem(Location(path), f"cannot import {what}: import reads Word (.docx), text (.txt) and PDF files")])
    reader = _Reader(path, kind, forced)
    try:
        return _assemble(reader, forced)
    finally:
        reader.close()


def _assemble(reader: _Reader, forced: Style | None) -> Imported:
    doc = reader.doc
    path = reader.path
    findings = check(doc)
    if reader.kind == "pdf":
        reader.restore_breaks()
    elif reader.kind == "text":
        reader.unwrap_lines()
    warnings: list[Problem] = []
    symbol = doc.symbol[0] if doc.symbol else None
    items = doc.items()
    if not items:
        raise DraftingError([Problem(Location(path), "nothing of a record found: no section heading or paragraph was read (is this a meeting record? --style forces the family)")])
    first = items[0] if items else None
    lines, images = reader.masthead(first)
    if symbol is None:
        for line in lines:
            # Not \b: a PDF's Chinese reads '文件VC/15-C的更正1', a word character before the symbol.
            match = re.search(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*(?:/[A-Z0-9][A-Za-z0-9.()]*)+(?:-[ACEFRS](?![A-Za-z0-9]))?", line.text)
            if match:
                symbol = match.group()
                break
    elif doc.symbol is not None:
        # The lint's SYMBOL pattern leaves out the language letter: take the symbol as written.
        for line in lines:
            # Not \b: in "VC/15-C号文件" the Chinese character after the letter is a word character.
            match = re.search(re.escape(symbol) + r"-[ACEFRS](?![A-Za-z0-9])", line.text)
            if match:
                symbol = match.group()
                break
    style = doc.style
    # Too little text to tell the language by its letters: the symbol's language letter says it (VC/15-S).
    letter = re.search(r"-([ACEFRS])$", symbol or "")
    language = doc.language or (tokens.LETTER_LANGUAGE[letter.group(1)] if letter else None) or "en"
    if doc.language is None:
        warnings.append(Problem(Location(path), f"too little text to tell its language: {language} assumed{' from the symbol' if letter else ''}", "warning"))
    head = read_masthead(lines, symbol, language, style.value, first is not None and first.kind == "heading")
    for message in head.warnings:
        warnings.append(Problem(Location(path), message, "warning"))
    if images:
        warnings.append(Problem(Location(path), f"{images} image{'s' if images > 1 else ''} above the first section (a logo?) not imported; set `logo:` to a file if it is one", "warning"))
    words = lang.wording(language)
    agenda: list[dict[str, Any]] = []
    for row in doc.agenda:
        if reader.kind == "pdf":
            row = replace(row, title=_CJK_DIGIT_SPACE.sub("", row.title))
        title, documents = tokens.split_heading(row.title)
        continued = _continued(row.title)
        entry: dict[str, Any] = {"title": title or row.title}
        docs = row.documents or documents
        if docs:
            entry["documents"] = docs
        if continued:
            entry["continued"] = True
        if reader.kind == "text" and row.location.line:
            ids = _ids_of_line(reader.lines[row.location.line]) if row.location.line < len(reader.lines) else []
            if ids:
                entry["id"] = ids[0]
                if ids[1:]:
                    entry["bookmarks"] = ids[1:]
        agenda.append(entry)
    for line in head.contents:
        title, documents, continued = split_title(line, language)
        entry = {"title": title or line}
        if documents:
            entry["documents"] = documents
        if continued:
            entry["continued"] = True
        agenda.append(entry)
    header_labels = {words.subjects, words.documents, f"{words.subjects} {words.documents}"}
    # The agenda table's header row, its cells wrapped and read line by line from a PDF ('Обсуждавшиеся
    # Документы' / 'вопросы'): lines made only of its words.
    vocabulary = set(f"{words.subjects} {words.documents}".casefold().split())
    head.after = [ln for ln in head.after if ln.text.strip() not in header_labels
                  and not (doc.agenda and style is Style.ITU and set(ln.text.casefold().split()) <= vocabulary and ln.text.strip())]
    entries = _entries(reader, head, style, warnings)
    _split_trailing_lines(entries, words.colon)
    columns = None
    if reader.kind == "pdf":
        from drafting.importer.pdfsource import signature_names

        def columns(roles: str, names: str, count: int) -> list[str] | None:
            return signature_names(path, roles, names, count)
    _split_roles_line(entries, words.colon, columns)
    signatures = _signatures(entries, words.colon, columns)
    sections, placed = _sections(entries, style, agenda, language)
    if style is Style.ITU:
        placed = _into_first_section(entries, sections, placed)
    if style is Style.UN and sections and "title" not in sections[0] and any(
            not isinstance(p, dict) or p.get("numbered", True) for p in sections[0]["paragraphs"]):
        sections[0] = {"title": "-", **sections[0]}
        warnings.append(Problem(Location(path), "paragraphs before the first heading: they are in a section titled '-'; give it its title", "warning"))
    if style is Style.ITU and len(agenda) < len(sections):
        # Section n of an ITU record is agenda row n: a heading without a row gives its row.
        warnings.append(Problem(Location(path), f"the agenda has {len(agenda)} rows for {len(sections)} sections: rows {len(agenda) + 1}-{len(sections)} made from the headings", "warning"))
        for section in sections[len(agenda):]:
            row = {"title": section.pop("title", "-")}
            for key in ("documents", "continued"):
                if key in section:
                    row[key] = section.pop(key)
            agenda.append(row)
    expected = [e.plain for e in entries]
    _link_references(doc, sections, placed, style, expected, entries)
    data: dict[str, Any] = {"style": style.value, "language": language}
    data["original_language"] = head.fields.get("original_language", language)
    for key in ("body", "body_id", "session"):
        if key in head.fields:
            data[key] = head.fields[key]
    if style is Style.UN and head.fields.get("organ") and head.fields["organ"] != lang.un_organ(symbol or "", language):
        data["organ"] = head.fields["organ"]  # only where the symbol does not give it
    data.setdefault("body", "-")
    if "body" not in head.fields:
        warnings.append(Problem(Location(path), "no body line found above the title: body set to '-'", "warning"))
    data["symbol"] = symbol or "SYMBOL"
    if symbol is None:
        warnings.append(Problem(Location(path), "no document symbol found: symbol set to 'SYMBOL', replace it", "warning"))
    if "revision" in head.fields:
        data["revision"] = head.fields["revision"]
    if "corrigendum" in head.fields:
        # A corrigendum to a revision names the revision's symbol: 'Corrigendum 1 to Document C17/124(Rev.1)-E'.
        data["symbol"], revision = corrected_revision(data["symbol"])
        if revision:
            data["revision"] = revision
        data["corrigendum"] = head.fields["corrigendum"]
    if head.fields.get("distribution") not in (None, "General"):
        data["distribution"] = head.fields["distribution"]
    meeting = dict(head.meeting)
    data["date"] = head.fields.get("date") or meeting.get("date") or "1970-01-01"
    if "date" not in head.fields:
        warnings.append(Problem(Location(path), f"no document date found: date set to {data['date']}", "warning"))
    if "title" not in meeting:
        warnings.append(Problem(Location(path), "no meeting title found above the first section: meeting.title set to '-'", "warning"))
    meeting.setdefault("title", "-")
    meeting.setdefault("number", 1)
    if "date" not in meeting:
        warnings.append(Problem(Location(path), "no time line with the meeting's date found: meeting.date set to the document date", "warning"))
    meeting.setdefault("date", data["date"])
    data["meeting"] = {k: meeting[k] for k in ("number", "title", "title_id", "date", "start", "end", "place", "time_line") if k in meeting}
    if head.chairs:
        data["chairs"] = head.chairs
    data["agenda"] = agenda
    data["sections"] = sections
    if reader.kind == "pdf" and style is Style.UN:
        from drafting.importer.pdfsource import page_one_footnote

        note = page_one_footnote(str(path))
        if note and "".join(note.split()) != "".join(words.footnote.split()):
            data["footnote"] = note  # the corrections footnote, worded otherwise than the standard
    if reader.kind == "docx":
        standard = " ".join(words.footnote.split())
        for key, text in list(reader.footnotes.items()):
            note = " ".join(text.split()).removeprefix("*").strip()
            if style is Style.UN and (note == standard or text.lstrip().startswith("*")):
                # The page-1 corrections note as a Word footnote called by "*" after the title:
                # read as the note in the first page's footer is.
                reader.footers.append(note)
                del reader.footnotes[key]
        for text in reader.footers:
            flat = " ".join(text.split())
            if style is Style.UN and flat != standard and "footnote" not in data and len(flat) > 60:
                data["footnote"] = flat  # the UN corrections note, worded otherwise than the standard
        for key, text in list(reader.footnotes.items()):
            flat = " ".join(text.split())
            if style is Style.UN and "footnote" not in data and flat != standard:
                # A UN record's one note no body paragraph calls is the title's: its corrections footnote.
                data["footnote"] = flat
                del reader.footnotes[key]
                break
        for text in reader.footnotes.values():  # footnotes no paragraph refers to
            flat = " ".join(text.split())
            warnings.append(Problem(Location(path), f'footnote "{flat[:60]}" kept as an unnumbered paragraph at the end', "warning"))
            sections[-1]["paragraphs"].append({"numbered": False, "text": escape(flat)})
            expected.append(flat)
    if signatures:
        data["signatures"] = signatures
    # Word joiners the build puts inside symbols and dates (so that no line breaks there) are invisible
    # in the record's YAML too: the build puts them back.
    # So are the no-break spaces it puts where the language's rules want them ('12 h 25', '« oui »').
    return Imported(path, _without_joiners(data, language), findings, doc, warnings, [tokens.invisible(t) for t in expected])


_NO_BREAK_SPACE = "\u00a0"


def _without_joiners(node: Any, language: str) -> Any:
    if isinstance(node, str):
        text = tokens.invisible(node)
        if _NO_BREAK_SPACE in text:
            from drafting.typography import typeset

            # Only where the build puts them back: a no-break space the rules would not set stays.
            plain = text.replace(_NO_BREAK_SPACE, " ")
            if typeset(plain, language) == typeset(text, language):
                text = plain
        return text
    if isinstance(node, dict):
        return {k: _without_joiners(v, language) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_joiners(v, language) for v in node]
    return node


def _link_references(doc: Document, sections: list[dict[str, Any]], placed: list[tuple[_Entry, Any, int, int]],
                     style: Style, expected: list[str], entries: list[_Entry]) -> None:
    """'paragraph 10.8' becomes 'paragraph [](#id)' when exactly one paragraph carries 10.8."""
    targets = reference_targets(doc)
    where = {id(entry.item): (s, p) for entry, _, s, p in placed if entry.item is not None}
    numbering: list[list[str | None]] | None = None

    def linked(text: str) -> str:
        nonlocal numbering
        refs = tokens.find_references(text)
        new = text
        for ref in reversed(refs):
            if (style is Style.ITU) != ("." in ref.number):
                continue
            items = targets.get(ref.number, [])
            if len(items) != 1 or id(items[0]) not in where:
                continue
            ts, tp = where[id(items[0])]
            target = sections[ts]["paragraphs"][tp]
            if isinstance(target, str):
                target = sections[ts]["paragraphs"][tp] = {"text": target}
            if "id" not in target:
                if numbering is None:
                    numbering = _numbers(sections, style)
                target_id = "p" + (numbering[ts][tp] or f"{ts}-{tp}").replace(".", "-").rstrip("-")
                target = {"id": target_id, **target}
                sections[ts]["paragraphs"][tp] = target
            new = new[: ref.start] + f"[](#{target['id']})" + new[ref.end:]
        return new

    def relink(nodes: list[Any]) -> None:
        """The texts of ``nodes`` (paragraphs or sub-paragraphs), and their sub-paragraphs', linked."""
        for index, node in enumerate(nodes):
            if isinstance(node, str):
                nodes[index] = linked(node)
                continue
            node["text"] = linked(node["text"])
            if node.get("subparagraphs"):
                relink(node["subparagraphs"])

    for section in sections:
        paragraphs = section["paragraphs"]
        for index in range(len(paragraphs)):
            node = paragraphs[index]
            new = linked(node if isinstance(node, str) else node["text"])
            node = paragraphs[index]  # linked() may have given this very paragraph an id (a new mapping)
            if isinstance(node, str):
                paragraphs[index] = new
                continue
            node["text"] = new
            if node.get("subparagraphs"):
                relink(node["subparagraphs"])


def _numbers(sections: list[dict[str, Any]], style: Style) -> list[list[str | None]]:
    from drafting.numbering import Outline, number_outline

    outline = Outline.of(style, [[not (isinstance(p, dict) and p.get("numbered") is False) for p in s["paragraphs"]] for s in sections])
    return [list(row) for row in number_outline(outline).paragraphs]
