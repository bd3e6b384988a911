"""DOCX to semantic HTML: pandoc reads the Word file, a pass over its JSON AST shapes the record.

The DOCX is the official artefact; any DOCX in the template's styles (one edited by hand in
Word, too) goes through here. Bookmarks, the running head and the first-page footnote do not
survive pandoc's reader, so they are read from the DOCX beside it.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import zipfile
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Callable

import docx
from docx.oxml.ns import qn

from drafting import bookmarks
from drafting.chunking import read_ast  # noqa: F401 (pandoc's reader, used by bench/breakdown.py)
from drafting.fidelity import paragraph_text
from drafting.resources import resource_dir

Block = dict[str, Any]

# Styles of the template that carry one paragraph each, matched in order between DOCX and AST.
STRUCTURAL = ("Record Body", "Record Header", "Record Header Right", "Record Title", "Record Time", "Record Chair",
              "Record Contents Heading", "Record Contents Item", "Record Heading", "Record Paragraph",
              "Record Unnumbered", "Record Subparagraph", "Record Subparagraph 2", "Record Signature",
              "Record UN Line", "Record Organ")
# "10.9", "12." (UN), "12 -" (UN Arabic, no-break space), "(a)", "a)" (French, Spanish, Russian), "(ii)", "ii)".
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*(?:\.|\u00a0?-)?|\([a-z]+\)|[a-z]+\)|\([ivxlcdm]+\)|[ivxlcdm]+\))$")


@dataclass
class StyledParagraph:
    """A paragraph of the DOCX as Word has it: style, bookmarks, text with tabs."""

    style: str
    bookmarks: list[str]
    text: str


@dataclass
class DocxFacts:
    """What the HTML needs from the DOCX that pandoc's reader drops."""

    paragraphs: list[StyledParagraph]
    title: str
    symbol: str
    language: str
    date: str
    footnote: str
    family: str
    media: dict[str, bytes] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # bookmark name -> the record's id, where they differ
    house: str = ""  # CSS that sets the record as the DOCX's styles do (drafting.house)
    running_head: str = ""  # the symbol as the DOCX's running head prints it ('C17/130(Rev.1)-E')


def read_facts(path: Path) -> DocxFacts:
    """Read styles, bookmarks, properties, running head and footnote of a DOCX."""
    document = docx.Document(str(path))
    names = {style.style_id: style.name for style in document.styles}
    default = next((s.name for s in document.styles if s.type == 1 and s.element.get(qn("w:default")) == "1"), "Normal")
    ids = bookmarks.load(document.settings.element)  # bookmark names back to the record's ids
    paragraphs = []
    for element in document.element.body.iter(qn("w:p")):
        style_el = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = names.get(style_el.get(qn("w:val")), default) if style_el is not None else default
        marks = [b.get(qn("w:name")) for b in element.iter(qn("w:bookmarkStart"))]
        paragraphs.append(StyledParagraph(style, [ids.get(m, m) for m in marks if m and not m.startswith("_")], paragraph_text(element)))
    section = document.sections[0]
    head = "".join(p.text for p in section.header.paragraphs).split("\t")[0].strip()
    from drafting.fidelity import footnote_texts

    # The page-1 footnote: a Word footnote, or (older templates) the first page's footer.
    footnote = "\n".join(footnote_texts(path)).strip()
    if not footnote and section.different_first_page_header_footer:
        footnote = "\n".join(p.text for p in section.first_page_footer.paragraphs if p.text.strip())
    props = document.core_properties
    family = "un" if any(p.style == "Record Contents Heading" for p in paragraphs) else "itu"
    with zipfile.ZipFile(path) as archive:
        media = {name: archive.read(name) for name in archive.namelist() if name.startswith("word/media/")}
    language = (props.language or "en").strip() or "en"
    # The build stores the document's date as the creation date of the DOCX.
    date = props.created.date().isoformat() if props.created else ""
    from drafting.house import house_css

    return DocxFacts(paragraphs, props.title or "", props.subject or head, language, date, footnote, family, media, ids,
                     house_css(document, family, language), head)


def _style(block: Block) -> str | None:
    if block.get("t") == "Div":
        for key, value in block["c"][0][2]:
            if key == "custom-style":
                return value
    return None


def _plain_text(inlines: list[Block]) -> str:
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"])
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "LineBreak":
            out.append("\n")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            out.append(_plain_text(node["c"]))
        elif kind in ("Span", "Link", "Quoted"):
            out.append(_plain_text(node["c"][1] if kind != "Quoted" else node["c"][1]))
    return "".join(out)


def _strip_anchors(inlines: list[Block]) -> list[Block]:
    # pandoc turns referenced bookmarks into empty anchor spans; ids come from the DOCX instead.
    return [n for n in inlines if not (n["t"] == "Span" and "anchor" in n["c"][0][1] and not n["c"][1])]


def _without_footnote_call(inlines: list[Block]) -> list[Block]:
    """The title without Word's footnote call (pandoc's Note): the footnote is set again as a
    page-1 footnote of its own."""
    return [node for node in inlines if node["t"] != "Note"]


def _raw(html: str) -> Block:
    return {"t": "RawBlock", "c": ["html", html]}


def _raw_inline(html: str) -> Block:
    return {"t": "RawInline", "c": ["html", html]}


def _attr(ident: str = "", classes: list[str] | None = None) -> list[Any]:
    return [ident, classes or [], []]


def _split_number(inlines: list[Block]) -> tuple[str | None, list[Block]]:
    """Split a leading literal number ('10.9', '12.', '(a)') and its tab from the inlines."""
    if inlines and inlines[0]["t"] == "Str" and _NUMBER.match(inlines[0]["c"]):
        rest = inlines[1:]
        if rest and rest[0]["t"] in ("Space", "SoftBreak"):
            rest = rest[1:]
        return inlines[0]["c"], rest
    return None, inlines


_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_rtl(language: str) -> bool:
    """True for a language written right to left (from its table; unknown tags are left to right)."""
    from drafting.language import LANGUAGES, wording

    code = language.split("-")[0].lower()
    return code in LANGUAGES and wording(code).rtl


def unwrap_direction(node: Any) -> Any:
    """Remove pandoc's ``dir`` spans (from Word's w:rtl runs): the document's own ``dir`` governs,
    and a paragraph's number must stay its first inline to hang in the margin."""
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            if isinstance(item, dict) and item.get("t") == "Span" and item["c"][0][0] == "" and not item["c"][0][1] \
                    and [key for key, _ in item["c"][0][2]] == ["dir"]:
                pieces = unwrap_direction(item["c"][1])
            else:
                pieces = [unwrap_direction(item)]
            for piece in pieces:
                # Word splits "1-" or "(a)" into runs of different direction (LibreOffice does);
                # joined again, the label is one string that hangs in the margin.
                if out and isinstance(piece, dict) and piece.get("t") == "Str" and isinstance(out[-1], dict) and out[-1].get("t") == "Str":
                    out[-1] = {"t": "Str", "c": out[-1]["c"] + piece["c"]}
                else:
                    out.append(piece)
        return out
    if isinstance(node, dict):
        return {key: unwrap_direction(value) for key, value in node.items()}
    return node


def is_label(text: str) -> bool:
    """True for a paragraph, section or subparagraph label: '10.9', '12.', '(a)', 'ii)'."""
    return bool(_NUMBER.match(text))


def _anchor_id(number: str) -> str:
    return "p-" + number.rstrip(".-\u00a0")


class Shaper:
    """Turns pandoc's AST of a record DOCX into semantic HTML blocks."""

    def __init__(self, facts: DocxFacts) -> None:
        self.facts = facts
        self.queues: dict[str, deque[StyledParagraph]] = defaultdict(deque)
        for paragraph in facts.paragraphs:
            if paragraph.style in STRUCTURAL and paragraph.text.strip():
                self.queues[paragraph.style].append(paragraph)
        self.used_ids: set[str] = set()
        self.rtl = is_rtl(facts.language)
        self.un_header = False  # a UN masthead's header, opened by its 'United Nations' line

    def take(self, style: str) -> StyledParagraph:
        """Return the DOCX paragraph that matches the next AST paragraph of ``style``."""
        queue = self.queues[style]
        return queue.popleft() if queue else StyledParagraph(style, [], "")

    def unique(self, ident: str) -> str:
        """Return ``ident`` or '' if it was used already (a hand-edited DOCX may repeat numbers)."""
        if not ident or ident in self.used_ids:
            return ""
        self.used_ids.add(ident)
        return ident

    def numbered(self, inlines: list[Block], classes: list[str], source: StyledParagraph, tag: str = "p", *, labelled: bool = True,
                 attributes: str = "") -> list[Block]:
        """A paragraph with its number in its own element (when ``labelled``) and ids from the bookmarks."""
        number, rest = _split_number(_strip_anchors(inlines)) if labelled else (None, _strip_anchors(inlines))
        ids = [self.unique(b) for b in source.bookmarks]
        ids = [i for i in ids if i]
        anchor = self.unique(_anchor_id(number)) if number and "subparagraph" not in classes else ""
        main_id = ids[0] if ids else anchor
        extra = ids[1:] + ([anchor] if ids and anchor else [])
        content: list[Block] = [_raw_inline(f'<span id="{escape(i)}"></span>') for i in extra]
        if number:
            content.append({"t": "Span", "c": [_attr("", ["num"]), [{"t": "Str", "c": number}]]})
            # A space of no width: copied text reads "1.1 The", and the text still starts
            # exactly at the indent.
            content.append({"t": "Span", "c": [_attr("", ["sep"]), [{"t": "Space"}]]})
        content.extend(rest)
        id_attr = f' id="{escape(main_id)}"' if main_id else ""
        return [_raw(f'<{tag}{id_attr} class="{" ".join(classes)}"{attributes}>'), {"t": "Plain", "c": content}, _raw(f"</{tag}>")]

    def paragraphs_of(self, block: Block) -> list[list[Block]]:
        """The inline lists of each paragraph inside a styled Div."""
        return [b["c"] for b in block["c"][1] if b["t"] in ("Para", "Plain")]

    def masthead(self, table: Block) -> list[Block]:
        """The header table becomes a <header> with a left and a right column."""
        columns = []
        # pandoc makes the first row a table head; a masthead's single row may land there.
        content = table["c"]
        rows = list(content[3][1]) + [row for body in content[4] for row in body[2] + body[3]] + list(content[5][1])
        for row in rows:
            for cell in row[1]:
                html: list[Block] = []
                for block in cell[4]:
                    style = _style(block)
                    for inlines in self.paragraphs_of(block) if style else ([block["c"]] if block["t"] in ("Para", "Plain") else []):
                        classes = {"Record Body": "body", "Record Organ": "organ"}.get(style or "", "line")
                        source = self.take(style) if style in STRUCTURAL else StyledParagraph("", [], "")
                        # In a right-to-left record, the masthead lines the UN keeps in English
                        # (and the symbol) read left to right: "2 June 2023", not "June 2023 2".
                        ltr = self.rtl and not _RTL_LETTER.search(_plain_text(inlines))
                        html += self.numbered(self.images(inlines), [classes], source, labelled=False,
                                              attributes=' lang="en" dir="ltr"' if ltr else "")
                columns.append(html)
        # UN: the columns follow the 'United Nations' line inside the header it opened.
        out = [_raw('<div class="columns">')] if self.un_header else [_raw('<header class="masthead">')]
        for column in columns:
            out += [_raw("<div>"), *column, _raw("</div>")]
        return out + [_raw("</div></header>" if self.un_header else "</header>")]

    def un_line(self, inlines: list[Block], source: StyledParagraph) -> list[Block]:
        """UN: 'United Nations' with the symbol at the right; it opens the masthead's header."""
        self.un_header = True
        label = [n for n in inlines if not (n["t"] == "Span" and ["custom-style", "Record UN Symbol"] in n["c"][0][2])]
        symbol = [n for n in inlines if n not in label]
        while label and label[-1]["t"] in ("Space", "SoftBreak"):
            label = label[:-1]
        # The symbol reads left to right in every version.
        content = [{"t": "Span", "c": [_attr("", ["label"]), label]}, {"t": "Space"}, _raw_inline('<span class="symbol" dir="ltr">'),
                   *[x for n in symbol for x in n["c"][1]], _raw_inline("</span>")]
        return [_raw('<header class="masthead un">'), *self.numbered(content, ["un-line"], source, labelled=False)]

    def chair(self, inlines: list[Block], source: StyledParagraph) -> list[Block]:
        """A chair line; a UN one ('Chair:⇥Ms. X') keeps its role in a box as wide as the tab."""
        role = source.text.split("\t", 1)[0] if "\t" in source.text else ""
        taken: list[Block] = []
        rest = list(_strip_anchors(inlines))
        while role and rest and _plain_text(taken).strip() != role.strip():
            taken.append(rest.pop(0))
        if role and _plain_text(taken).strip() == role.strip():
            while rest and rest[0]["t"] in ("Space", "SoftBreak"):
                rest.pop(0)
            inlines = [{"t": "Span", "c": [_attr("", ["role"]), taken]}, {"t": "Space"}, *rest]
        return self.numbered(inlines, ["chair"], source, labelled=False)

    def images(self, inlines: list[Block]) -> list[Block]:
        """Embed images as data: URIs so the HTML is self-contained."""
        out = []
        for node in inlines:
            if node["t"] == "Image":
                target = node["c"][2][0]
                data = self.facts.media.get("word/" + target.split("media/", 1)[-1].join(["media/", ""]) if "media/" in target else target)
                if data is not None:
                    kind = mimetypes.guess_type(target)[0] or "image/png"
                    node = {"t": "Image", "c": [node["c"][0], node["c"][1] or [{"t": "Str", "c": "logo"}],
                                                [f"data:{kind};base64,{base64.b64encode(data).decode()}", node["c"][2][1]]]}
            out.append(node)
        return out

    def agenda(self, table: Block) -> list[Block]:
        """The agenda table keeps its cells, loses the Word style wrappers, gains a class."""
        def unwrap(blocks: list[Block]) -> list[Block]:
            out = []
            for block in blocks:
                if block["t"] == "Div":
                    out += unwrap(block["c"][1])
                elif block["t"] == "Para":
                    out.append({"t": "Plain", "c": _strip_anchors(block["c"])})
                else:
                    out.append(block)
            return out

        def walk(rows: list[Any], symbols: bool = False) -> None:
            for row in rows:
                for cell in row[1]:
                    cell[4] = unwrap(cell[4])
                last = row[1][-1] if row[1] else None
                if symbols and self.rtl and last is not None and len(row[1]) > 2:
                    # The documents cell of a right-to-left record lists Latin symbols: read left to
                    # right ("C20/24, VC/5", not "VC/5 ،C20/24"), set at the cell's right edge.
                    if not _RTL_LETTER.search("".join(_plain_text(b["c"]) for b in last[4] if b["t"] in ("Plain", "Para"))):
                        last[0] = ["", ["symbols"], [["dir", "ltr"]]]

        content = table["c"]
        content[0] = _attr("", ["agenda"])
        walk(content[3][1])
        for body in content[4]:
            walk(body[2])
            walk(body[3], symbols=True)
        walk(content[5][1])
        return [table]

    def signature(self) -> list[Block]:
        """The signature block: roles on one line, names on the next, split at tabs."""
        lines = [p.text for p in self.facts.paragraphs if p.style == "Record Signature" and p.text.strip()]
        if not lines:
            return []
        roles = [t for t in lines[0].split("\t") if t.strip()]
        names = [t for t in (lines[1] if len(lines) > 1 else "").split("\t") if t.strip()]
        cells = []
        for index in range(max(len(roles), len(names))):
            role = escape(roles[index]) if index < len(roles) else ""
            name = escape(names[index]) if index < len(names) else ""
            cells.append(f'<div class="signature"><p class="role">{role}</p><p class="name">{name}</p></div>')
        return [_raw('<div class="signatures">' + "".join(cells) + "</div>")]

    def shape(self, blocks: list[Block]) -> list[Block]:
        """Return the record's blocks: masthead, title lines, agenda, sections, signatures."""
        out: list[Block] = []
        in_section = False
        contents: list[Block] = []
        signed = False

        def close_contents() -> None:
            nonlocal contents
            if contents:
                out.extend([_raw('<nav class="contents">'), *contents, _raw("</ul></nav>")])
                contents = []

        for block in blocks:
            style = _style(block)
            if block["t"] == "Table":
                table_style = next((v for k, v in block["c"][0][2] if k == "custom-style"), "")
                out += self.masthead(block) if table_style == "RecordHeaderTable" else self.agenda(block)
                continue
            if style is None:
                if block["t"] in ("Para", "Plain") and not _plain_text(block["c"]).strip():
                    continue
                out.append(block)
                continue
            for inlines in self.paragraphs_of(block):
                source = self.take(style) if style in STRUCTURAL else StyledParagraph(style, [], "")
                if style == "Record Title":
                    inlines = _without_footnote_call(inlines)
                    if self.facts.footnote:
                        # Inside the title, so that the footnote call follows it; WeasyPrint
                        # floats it to the foot of page 1.
                        inlines = inlines + [_raw_inline(f'<span class="footnote" role="note">{escape(self.facts.footnote)}</span>')]
                    out += self.numbered(inlines, ["title"], source, tag="h1", labelled=False)
                elif style == "Record Time":
                    out += self.numbered(inlines, ["time"], source, labelled=False)
                elif style == "Record Chair":
                    out += self.chair(inlines, source)
                elif style == "Record UN Line":
                    out += self.un_line(inlines, source)
                elif style in ("Record Body", "Record Header"):  # UN: committee and session under the masthead
                    out += self.numbered(inlines, ["committee" if style == "Record Body" else "session"], source, labelled=False)
                elif style == "Record Contents Heading":
                    contents = [_raw(f"<h2>{escape(_plain_text(inlines))}</h2><ul>")]
                elif style == "Record Contents Item":
                    contents += [_raw("<li>"), {"t": "Plain", "c": _strip_anchors(inlines)}, _raw("</li>")]
                elif style == "Record Heading":
                    close_contents()
                    if in_section:
                        out.append(_raw("</section>"))
                    number, _ = _split_number(inlines)
                    section_id = self.unique(f"s-{number}") if number else ""
                    out.append(_raw(f'<section class="item"{f" id={chr(34)}{section_id}{chr(34)}" if section_id else ""}>'))
                    in_section = True
                    out += self.numbered(inlines, ["heading"], source, tag="h2")
                elif style == "Record Paragraph":
                    out += self.numbered(inlines, ["paragraph"], source)
                elif style == "Record Unnumbered":
                    close_contents()  # UN: a line before the first heading ('The meeting was called to order …')
                    # No label to set apart: a text that starts with a number ('2024 was…') keeps it.
                    out += self.numbered(inlines, ["unnumbered"], source, labelled=False)
                elif style == "Record Subparagraph":
                    out += self.numbered(inlines, ["subparagraph", "level-1"], source)
                elif style == "Record Subparagraph 2":
                    out += self.numbered(inlines, ["subparagraph", "level-2"], source)
                elif style == "Record Signature":
                    if not signed:
                        close_contents()
                        if in_section:
                            out.append(_raw("</section>"))
                            in_section = False
                        out += self.signature()
                        signed = True
                else:
                    out.append({"t": "Para", "c": inlines})
        close_contents()
        if in_section:
            out.append(_raw("</section>"))
        return out


# Quotation marks, the ellipsis and dashes are shared by Latin and CJK fonts: in a Chinese record
# they are drawn from the CJK face (full width), as GB/T 15834 sets them, not from the Latin one.
_CJK_PUNCTUATION = re.compile("([\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]+)")


# A run the typography joined with word joiners (a document symbol, a range: drafting.typography),
# outside Chinese and Japanese characters, which break anywhere anyway; with the words no-break
# spaces join to it ('CHF 1,000–2,000', '« 2022–2026 »'): WeasyPrint 70 finds no break in a text
# that ends with a no-break space before a no-wrap span, and sets its words one to a line.
_JOINED_RUN = re.compile("(?:[^\\s\u2060\u3000-\u9fff\uff00-\uffef]|[\u00a0\u202f])*"
                         "(?:\u2060(?:[^\\s\u2060\u3000-\u9fff\uff00-\uffef]|[\u00a0\u202f])*)+")


UNBROKEN_MAX = 40  # characters: the longest symbol kept on one line (a line holds 80 and more)


def _rewrite_strs(node: Any, rewrite: Callable[[str], list[Block] | None]) -> Any:
    """pandoc's tree with each ``Str`` that ``rewrite`` changes (not None) replaced by its inlines."""
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            replaced = rewrite(item["c"]) if isinstance(item, dict) and item.get("t") == "Str" else None
            if replaced is None:
                out.append(_rewrite_strs(item, rewrite))
            else:
                out.extend(replaced)
        return out
    if isinstance(node, dict):
        return {key: _rewrite_strs(value, rewrite) for key, value in node.items()}
    return node


def _span(klass: str, text: str) -> Block:
    return {"t": "Span", "c": [_attr("", [klass]), [{"t": "Str", "c": text}]]}


def _unbroken(text: str) -> list[Block] | None:
    if "\u2060" not in text:
        return None
    out: list[Block] = []
    at = 0
    for match in _JOINED_RUN.finditer(text):
        if match.start() > at:
            out.append({"t": "Str", "c": text[at:match.start()]})
        run = match.group().replace("\u2060", "")
        # A run longer than a line could hold must still break (it would run off the page).
        out.append(_span("unbroken", run) if len(run) <= UNBROKEN_MAX else {"t": "Str", "c": run})
        at = match.end()
    if at < len(text):
        out.append({"t": "Str", "c": text[at:].replace("\u2060", "")})
    return out


def unbroken_runs(node: Any) -> Any:
    """Put each run joined by word joiners in ``<span class="unbroken">`` (no wrap), joiners dropped.

    Pango breaks a symbol after '/' unless told not to; a no-wrap span tells it, and leaves no
    U+2060 for the PDF to draw from a fallback face (Carlito and Liberation have no such glyph).
    """
    return _rewrite_strs(node, _unbroken)


def _cjk_marks(text: str) -> list[Block] | None:
    if not _CJK_PUNCTUATION.search(text):
        return None
    return [_span("cjk", piece) if index % 2 else {"t": "Str", "c": piece}
            for index, piece in enumerate(_CJK_PUNCTUATION.split(text)) if piece]


def cjk_punctuation(node: Any) -> Any:
    """Put the punctuation CJK and Latin share in ``<span class="cjk">`` (its CJK face)."""
    return _rewrite_strs(node, _cjk_marks)


def _meta_raw(html: str) -> dict[str, Any]:
    return {"t": "MetaBlocks", "c": [_raw(html)]}


def _meta_text(text: str) -> dict[str, Any]:
    return {"t": "MetaString", "c": text}


def page_css(facts: DocxFacts) -> str:
    """The per-document print rules: running head symbol and the family's margins."""
    # The running head as the DOCX prints it: a revision's reads 'C17/130(Rev.1)-E'.
    symbol = (facts.running_head or facts.symbol).replace("\\", "\\\\").replace('"', '\\"')
    margin = "2.5cm" if facts.family == "un" else "2cm"
    # Margin boxes inherit from the root element, not from the body's house style.
    font = '"Times New Roman", "Liberation Serif", "Noto Serif", serif' if facts.family == "un" else 'Calibri, Carlito, "Noto Sans", sans-serif'
    if is_rtl(facts.language):
        # Mirrored: the symbol at the top right, the page number at the top left.
        return (f'@page {{ margin: {margin}; font-family: {font}; @top-right {{ content: "{symbol}"; direction: ltr; }}'
                ' @top-left { content: counter(page); font-size: 10pt; } }\n'
                '@page :first { @top-left { content: none; } @top-right { content: none; } }')
    return (f'@page {{ margin: {margin}; font-family: {font}; @top-left {{ content: "{symbol}"; }} }}\n'
            '@page :first { @top-left { content: none; } }')


def _restore_link_ids(node: Any, ids: dict[str, str]) -> None:
    """Point internal links ('#wtsa_dates', a Word bookmark) at the record's id ('#wtsa-dates')."""
    if not ids:
        return
    if isinstance(node, list):
        for item in node:
            _restore_link_ids(item, ids)
    elif isinstance(node, dict):
        if node.get("t") == "Link":
            target = node["c"][2]
            if target[0].startswith("#"):
                target[0] = "#" + ids.get(target[0][1:], target[0][1:])
        _restore_link_ids(node.get("c"), ids)


def script_font_css(language: str) -> str:
    """The face a language's table names for its script (Arabic: Amiri), for screen and print."""
    from drafting.language import LANGUAGES, wording

    code = language.split("-")[0].lower()
    font = wording(code).font if code in LANGUAGES else None
    return f'.record:lang({code}) {{ font-family: "{font}", serif; }}\n' if font else ""


def render_html(path: Path, chunk_blocks: int | None = None) -> str:
    """Convert a record DOCX into one self-contained HTML file (a long one a chunk at a time, see drafting.chunking)."""
    from drafting import chunking

    facts = read_facts(path)
    shaper = Shaper(facts)
    chinese = facts.language.lower().startswith("zh")

    def shape(blocks: list[Block]) -> list[Block]:
        _restore_link_ids(blocks, facts.ids)
        shaped = shaper.shape(unwrap_direction(blocks))
        shaped = unbroken_runs(shaped)
        return cjk_punctuation(shaped) if chinese else shaped

    folder = resource_dir("templates")
    shared = (folder / "record.css").read_text(encoding="utf-8") + script_font_css(facts.language) + facts.house
    if facts.family == "un":
        from drafting import united_nations
        from drafting.language import LANGUAGES, wording

        code = facts.language.split("-")[0].lower()
        words = wording(code) if code in LANGUAGES else None
        chair = united_nations.chair_tab(words) if words else united_nations.DEFAULT_CHAIR_TAB
        shared += united_nations.css(is_rtl(facts.language), chair, united_nations.contents_italic(words) if words else True)
    screen = (folder / "record.screen.css").read_text(encoding="utf-8")
    printed = (folder / "record.print.css").read_text(encoding="utf-8")
    language = facts.language
    meta = {
        "pagetitle": _meta_text(f"{facts.symbol} — {facts.title}" if facts.title else facts.symbol),
        "doclang": _meta_text(language),
        "dir": _meta_text("rtl" if is_rtl(language) else "ltr"),
        "symbol": _meta_text(facts.symbol),
        "date": _meta_text(facts.date),
        "family": _meta_text(facts.family),
        "css": {"t": "MetaList", "c": [
            _meta_raw(f"<style>\n{shared}</style>"),
            _meta_raw(f'<style media="screen">\n{screen}</style>'),
            _meta_raw(f'<style media="print">\n{printed}\n{page_css(facts)}\n</style>'),
        ]},
    }
    return _trim_block_ends(chunking.convert(path, shape, meta, folder / "record.html5", chunk_blocks or chunking.CHUNK_BLOCKS))


# pandoc ends a block's text with a newline ('politiques\n</p>'). WeasyPrint 70 counts that
# collapsible space when it measures a block's last line, and when the space alone overflows it
# breaks the line after its first word instead ('Pacte' / 'international relatif aux …').
_BLOCK_END = re.compile(r"\s+(</(?:p|h[1-6]|li|td|th)>)")


def _trim_block_ends(html: str) -> str:
    """The HTML without the whitespace before the end tags of blocks (invisible in any browser)."""
    return _BLOCK_END.sub(r"\1", html)
