"""Regenerating the Word templates from code, so the templates and the build cannot drift apart.

Run ``python -m drafting.template templates/`` (``make template``). Every element of a record
has its own named style, so a secretary can restyle a template in Word or LibreOffice and
keep using it; the Jinja tags are docxtpl's.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from drafting import united_nations

TEMPLATES = {"itu": "itu-summary-record.docx", "un": "un-summary-record.docx"}

# Chinese fonts are named in the styles (with a Windows fallback in the font table) so that
# LibreOffice does not substitute Japanese glyph forms for Chinese text.
EAST_ASIA_FONT = "Noto Serif CJK SC"
EAST_ASIA_FALLBACK = "SimSun"


@dataclass(frozen=True)
class House:
    """The house style of a family: fonts, sizes and margins."""

    font: str
    size: float
    top: float
    bottom: float
    left: float
    right: float
    indent: float  # hanging indent of numbered paragraphs, cm
    numbered_headings: bool


HOUSES = {
    "itu": House("Calibri", 12, 2.0, 2.0, 2.0, 2.0, 1.27, True),
    "un": House("Times New Roman", 10, 2.5, 2.5, 2.5, 2.5, 1.0, False),
}

# name: (based on, size delta, bold, italic, align, space before pt, space after pt, keep with next)
PARAGRAPH_STYLES: dict[str, tuple[str, float, bool, bool, str, float, float, bool]] = {
    "Record Header": ("Normal", 0, False, False, "left", 0, 0, False),
    "Record Header Right": ("Normal", 0, False, False, "left", 0, 0, False),
    "Record Body": ("Normal", 2, True, False, "left", 0, 0, False),
    "Record Title": ("Normal", 2, True, False, "center", 24, 6, True),
    "Record Time": ("Normal", 0, False, False, "center", 0, 6, True),
    "Record Chair": ("Normal", 0, False, False, "center", 0, 0, True),
    "Record Agenda Header": ("Normal", 0, False, True, "left", 12, 3, False),
    "Record Agenda": ("Normal", 0, False, False, "left", 3, 3, False),
    "Record Contents Heading": ("Normal", 0, True, False, "left", 12, 6, True),
    "Record Contents Item": ("Normal", 0, False, False, "left", 0, 3, False),
    "Record Heading": ("Normal", 0, True, False, "left", 12, 6, True),
    "Record Paragraph": ("Normal", 0, False, False, "justify", 6, 0, False),
    "Record Unnumbered": ("Normal", 0, False, False, "justify", 6, 0, False),
    "Record Subparagraph": ("Normal", 0, False, False, "justify", 3, 0, False),
    "Record Subparagraph 2": ("Normal", 0, False, False, "justify", 3, 0, False),
    "Record Signature": ("Normal", 0, False, False, "left", 36, 0, False),
    "Record Footnote": ("Normal", -2, False, False, "left", 0, 0, False),
    "Record Running Head": ("Normal", -1, False, False, "left", 0, 0, False),
}


def _set_fonts(rpr: OxmlElement, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    # Theme fonts override explicit ones in Word; python-docx's default template sets them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _default_run_properties(document: Document, house: House) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, house.font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    normal = document.styles["Normal"]
    normal.font.name = house.font
    normal.font.size = Pt(house.size)
    _set_fonts(normal.element.get_or_add_rPr(), house.font)
    normal.paragraph_format.space_after = Pt(0)


def _font_table_fallback(document: Document) -> None:
    part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, alt in ((EAST_ASIA_FONT, EAST_ASIA_FALLBACK), ("Noto Sans CJK SC", "Microsoft YaHei")):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_name = etree.SubElement(font, qn("w:altName"))
        alt_name.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "roman")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_styles(document: Document, house: House) -> None:
    styles = document.styles
    for name, (base, delta, bold, italic, align, before, after, keep) in PARAGRAPH_STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.size = Pt(house.size + delta)
        style.font.bold = bold or None
        style.font.italic = italic or None
        fmt = style.paragraph_format
        fmt.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.keep_with_next = keep or None
    # Numbers are literal text followed by a tab: a hanging indent aligns the text after them.
    for name, left in (("Record Paragraph", house.indent), ("Record Heading", house.indent),
                       ("Record Subparagraph", house.indent * 2), ("Record Subparagraph 2", house.indent * 3)):
        fmt = styles[name].paragraph_format
        fmt.left_indent = Cm(left)
        fmt.first_line_indent = Cm(-house.indent)
        fmt.tab_stops.add_tab_stop(Cm(left))
    styles["Record Heading"].paragraph_format.widow_control = True
    if not house.numbered_headings:
        # UN headings carry no number, so no hanging indent either.
        heading = styles["Record Heading"].paragraph_format
        heading.left_indent, heading.first_line_indent = Cm(0), Cm(0)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    styles["Record Heading"].element.get_or_add_pPr().append(outline)
    signature = styles["Record Signature"].paragraph_format
    signature.tab_stops.add_tab_stop(Cm(9), WD_TAB_ALIGNMENT.LEFT)
    styles["Record Running Head"].paragraph_format.tab_stops.add_tab_stop(Cm(17 if house.left == 2.0 else 16), WD_TAB_ALIGNMENT.RIGHT)
    link = styles.add_style("Record Link", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = None
    from docx.shared import RGBColor

    link.font.color.rgb = RGBColor(0x00, 0x56, 0xB3)
    for name in ("Record Agenda Table", "Record Header Table"):
        table_style = styles.add_style(name, WD_STYLE_TYPE.TABLE)
        table_style.base_style = styles["Normal Table"]


# Masthead columns (cm): the right one holds the longest of "Revision 1 to", "Document VC/15-E",
# "16 de junio de 2020", "Оригинал: английский" on one line; the left one the body's name.
MASTHEAD_COLUMNS = {"itu": (11.0, 6.0)}
# Top of page to running head (cm): a clear gap above the text even when the head is set in a
# tall Chinese or Arabic face (2 cm margin).
HEADER_DISTANCE = {"itu": 1.0}
# Word's line multiple of the body text: ITU documents are set single-spaced.
LINE_SPACING = {"itu": 1.0}


def _body_flow(document: Document, family: str) -> None:
    """Widow and orphan control on every record style; the family's line spacing."""
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name.startswith("Record "):
            style.paragraph_format.widow_control = True
    if family in LINE_SPACING:
        document.styles["Normal"].paragraph_format.line_spacing = LINE_SPACING[family]
    # The signature block stays on one page: roles keep with names.
    document.styles["Record Signature"].paragraph_format.keep_with_next = True


def _kerning(document: Document) -> None:
    """Pair kerning on (w:kern, from 1 pt), as every PDF engine kerns: the DOCX in Word or
    LibreOffice then breaks lines where the PDF does."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    kern = OxmlElement("w:kern")
    kern.set(qn("w:val"), "2")  # half-points
    follower = next((child for child in rpr if child.tag in {qn(f"w:{t}") for t in ("position", "sz", "szCs", "highlight", "u", "lang")}), None)
    if follower is not None:
        follower.addprevious(kern)
    else:
        rpr.append(kern)


# Families whose page 1 carries a footnote after the title (the UN's corrections note).
FOOTNOTED = ("un",)
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _footnote(document: Document, title: Paragraph) -> None:
    """A real Word footnote (footnotes part, separator rule) called after the title, numbered
    with symbols ("*", as the UN prints it; w:numFmt "chicago") so no mark is typed as text."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    reference = document.styles.add_style("Record Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True
    style = document.styles["Record Footnote"].style_id
    mark = document.styles["Record Footnote Reference"].style_id
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{ident}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:r><w:{kind}/></w:r></w:p></w:footnote>" for kind, ident in (("separator", -1), ("continuationSeparator", 0)))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">{separators}'
           f'<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
           f'<w:r><w:rPr><w:rStyle w:val="{mark}"/></w:rPr><w:footnoteRef/></w:r>'
           '<w:r><w:t xml:space="preserve"> {{ footnote }}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_TYPE, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), mark)
    rpr.append(rstyle)
    run.append(rpr)
    call = OxmlElement("w:footnoteReference")
    call.set(qn("w:id"), "1")
    run.append(call)
    title._p.append(run)
    # Symbols, not numbers: settings (with the separators' ids) and the section.
    settings = document.settings.element
    properties = OxmlElement("w:footnotePr")
    number_format = OxmlElement("w:numFmt")
    number_format.set(qn("w:val"), "chicago")
    properties.append(number_format)
    for ident in ("-1", "0"):
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), ident)
        properties.append(note)
    # Schema order: footnotePr after characterSpacingControl … (before endnotePr, compat).
    follower = next((child for child in settings if child.tag in {qn(f"w:{t}") for t in (
        "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping")}), None)
    if follower is not None:
        follower.addprevious(properties)
    else:
        settings.append(properties)
    section_format = OxmlElement("w:footnotePr")
    section_number = OxmlElement("w:numFmt")
    section_number.set(qn("w:val"), "chicago")
    section_format.append(section_number)
    sect_pr = document.sections[0]._sectPr
    references = list(sect_pr.iterchildren(qn("w:headerReference"), qn("w:footerReference")))
    if references:
        references[-1].addnext(section_format)  # footnotePr follows the header and footer references
    else:
        sect_pr.insert(0, section_format)


def _compatibility(document: Document) -> None:
    """A justified line that ends in a manual line break is not stretched (Word and LibreOffice)."""
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        document.settings.element.append(compat)
    # First in w:compat's schema sequence (before useFELayout and the compatSettings).
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


def _paragraph(document_or_cell: object, text: str, style: str) -> Paragraph:
    return document_or_cell.add_paragraph(text, style=style)  # type: ignore[attr-defined]


def _cell_paragraph(cell: object, text: str, style: str) -> Paragraph:
    paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text and len(cell.paragraphs) == 1 and not getattr(cell, "_used", False) else cell.add_paragraph()  # type: ignore[attr-defined]
    cell._used = True  # type: ignore[attr-defined]
    paragraph.style = style
    paragraph.add_run(text)
    return paragraph


def _borders(table: Table, visible: bool) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if visible and edge in ("top", "bottom", "insideH") else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "808080")
        borders.append(element)
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook.
    follower = next((tbl_pr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook") if tbl_pr.find(qn(f"w:{tag}")) is not None), None)
    if follower is not None:
        follower.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    for tag in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(tag))


def _optional(cell: object, name: str, style: str) -> None:
    # A paragraph only when the value exists, so absent logos and revisions leave no blank line.
    _cell_paragraph(cell, f"{{%p if {name} %}}", style)
    _cell_paragraph(cell, f"{{{{ {name} }}}}", style)
    _cell_paragraph(cell, "{%p endif %}", style)


def _column_widths(table: Table, widths: tuple[Cm, ...]) -> None:
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _header_block(document: Document, family: str) -> None:
    if family == "un":
        united_nations.masthead(document, _cell_paragraph, _optional)
        return
    table = document.add_table(rows=1, cols=2)
    table.style = document.styles["Record Header Table"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, False)
    if family in MASTHEAD_COLUMNS:
        _column_widths(table, tuple(Cm(w) for w in MASTHEAD_COLUMNS[family]))
    left, right = table.rows[0].cells
    if family == "itu":
        _cell_paragraph(left, "{{r body }}", "Record Body")
        _optional(left, "session", "Record Header")
        _optional(right, "logo", "Record Header Right")
        _optional(right, "revision_line", "Record Header Right")
        _cell_paragraph(right, "{{ symbol_line }}", "Record Header Right")
        _cell_paragraph(right, "{{ date_line }}", "Record Header Right")
        _cell_paragraph(right, "{{ original_line }}", "Record Header Right")


def _agenda_table(document: Document) -> None:
    table = document.add_table(rows=4, cols=3)
    table.style = document.styles["Record Agenda Table"]
    _borders(table, True)
    _column_widths(table, (Cm(1.2), Cm(11.8), Cm(4.0)))
    head = table.rows[0]
    _repeat_header(head)
    merged = head.cells[0].merge(head.cells[1])
    _cell_paragraph(merged, "{{r subjects_label }}", "Record Agenda Header")
    _cell_paragraph(head.cells[2], "{{r documents_label }}", "Record Agenda Header")
    _cell_paragraph(table.rows[1].cells[0], "{%tr for item in agenda %}", "Record Agenda")
    row = table.rows[2].cells
    _cell_paragraph(row[0], "{{ item.label }}", "Record Agenda")
    _cell_paragraph(row[1], "{{r item.title }}", "Record Agenda")
    _cell_paragraph(row[2], "{{ item.documents }}", "Record Agenda")
    _cell_paragraph(table.rows[3].cells[0], "{%tr endfor %}", "Record Agenda")


def _field(paragraph: Paragraph, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _drop_unused_styles(document: Document) -> None:
    # python-docx's blank document defines 160 styles nobody uses here (table grids, "Light
    # Shading - Accent 1", …) and a Word 2010 copy of them all: 800 KB of XML that pandoc's docx
    # reader spends two thirds of its time on. Keep the record's styles, the ones the template's
    # parts use, the defaults, and what those are based on, linked to or followed by.
    import re

    root = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.iter(qn("w:style"))}
    wanted = {i for i, s in by_id.items() if s.get(qn("w:default")) == "1" or s.find(qn("w:name")).get(qn("w:val")).startswith("Record ")}
    for part in document.part.package.iter_parts():
        if part.partname.endswith(".xml") and "styles" not in part.partname:
            wanted |= set(re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', part.blob.decode("utf-8", "replace")))
    keep: set[str] = set()
    while wanted:
        ident = wanted.pop()
        if ident in keep or ident not in by_id:
            continue
        keep.add(ident)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[ident].find(qn(tag))
            if ref is not None:
                wanted.add(ref.get(qn("w:val")))
    for ident, style in by_id.items():
        if ident not in keep:
            root.remove(style)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def build_template(family: str) -> Document:
    """Build the template of a style family ('itu' or 'un') as a python-docx Document."""
    house = HOUSES[family]
    document = Document()
    _default_run_properties(document, house)
    _font_table_fallback(document)
    _add_styles(document, house)
    _body_flow(document, family)
    _compatibility(document)
    _kerning(document)
    if family == "un":
        united_nations.restyle(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(house.top), Cm(house.bottom)
    section.left_margin, section.right_margin = Cm(house.left), Cm(house.right)
    section.different_first_page_header_footer = True
    if family in HEADER_DISTANCE:
        section.header_distance = Cm(HEADER_DISTANCE[family])
    head = section.header.paragraphs[0]
    head.style = document.styles["Record Running Head"]
    head.add_run("{{ running_symbol }}\t")
    _field(head, " PAGE ")
    document.paragraphs[0]._p.getparent().remove(document.paragraphs[0]._p) if document.paragraphs else None
    _header_block(document, family)
    title = _paragraph(document, "{{r title }}", "Record Title")
    if family in FOOTNOTED:
        _footnote(document, title)
    _paragraph(document, "{{ time_line }}", "Record Time")
    _paragraph(document, "{%p for chair in chairs %}", "Record Chair")
    _paragraph(document, "{{r chair }}", "Record Chair")
    _paragraph(document, "{%p endfor %}", "Record Chair")
    if family == "itu":
        _agenda_table(document)
    else:
        _paragraph(document, "{{ contents_label }}", "Record Contents Heading")
        _paragraph(document, "{%p for item in agenda %}", "Record Contents Item")
        _paragraph(document, "{{r item.title }}", "Record Contents Item")
        _paragraph(document, "{%p endfor %}", "Record Contents Item")
    _paragraph(document, "{%p for section in sections %}", "Record Heading")
    _paragraph(document, "{%p if section.has_heading %}", "Record Heading")  # UN: lines before the first heading have none
    _paragraph(document, "{{r section.heading }}", "Record Heading")
    _paragraph(document, "{%p endif %}", "Record Heading")
    _paragraph(document, "{%p for paragraph in section.paragraphs %}", "Record Paragraph")
    _paragraph(document, "{%p if paragraph.numbered %}", "Record Paragraph")
    _paragraph(document, "{{r paragraph.text }}", "Record Paragraph")
    _paragraph(document, "{%p else %}", "Record Unnumbered")
    _paragraph(document, "{{r paragraph.text }}", "Record Unnumbered")
    _paragraph(document, "{%p endif %}", "Record Unnumbered")
    _paragraph(document, "{%p for sub in paragraph.subparagraphs %}", "Record Subparagraph")
    _paragraph(document, "{%p if sub.depth == 0 %}", "Record Subparagraph")
    _paragraph(document, "{{r sub.text }}", "Record Subparagraph")
    _paragraph(document, "{%p else %}", "Record Subparagraph 2")
    _paragraph(document, "{{r sub.text }}", "Record Subparagraph 2")
    _paragraph(document, "{%p endif %}", "Record Subparagraph 2")
    _paragraph(document, "{%p endfor %}", "Record Subparagraph")
    _paragraph(document, "{%p endfor %}", "Record Paragraph")
    _paragraph(document, "{%p endfor %}", "Record Heading")
    _paragraph(document, "{%p if signatures %}", "Record Signature")
    _paragraph(document, "{{r signature_roles }}", "Record Signature")
    _paragraph(document, "{{r signature_names }}", "Record Signature")
    _paragraph(document, "{%p endif %}", "Record Signature")
    document.core_properties.author = "drafting"
    _drop_unused_styles(document)
    return document


def write_templates(folder: Path) -> list[Path]:
    """Write every family's template into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for family, name in TEMPLATES.items():
        path = folder / name
        build_template(family).save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_templates(Path(sys.argv[1] if len(sys.argv) > 1 else "templates")):
        print(written_path)
