"""The United Nations look: masthead, title block, chair lines and spacing of a UN summary record.

One table (``LOOKS``) gives each paragraph style of the UN template its size, weight, alignment,
space before and after and its exact line pitch; the Word template (``drafting/template.py``) and
the CSS of the HTML and PDF (``css``) are both made from it, so that the DOCX as LibreOffice or
Word lays it out and the PDF break their pages at the same paragraphs.

Published UN summary records (CCPR/C/SR.2830, CCPR/C/SR.2684, A/C.4/64/SR.22) set 10-point
Times on a 12-point line; page 1 opens with "United Nations" and the symbol above a rule, the
organ or treaty line beside the distribution, date and language lines above a heavier rule, then
the committee, the session, the title, the "Held at …" line and the chair lines, tab-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# The DOCX's first-page footer (the corrections footnote) stands on the bottom margin and grows up
# into the body, as the PDF's footnote area does, so both leave page 1 the same height of text.
FOOTER_DISTANCE = 2.5  # cm
FONT = "Times New Roman"  # named in the DOCX; the PDF uses its metric twin, Liberation Serif
PDF_FONT = '"Liberation Serif", "Times New Roman"'
TEXT_WIDTH = 16.0  # cm: A4 less 2.5-cm margins
ORGAN_COLUMN = 10.0  # cm; the distribution, date and language lines get the rest
RULES = (8, 24)  # eighths of a point: the rule under "United Nations", the heavier one under the masthead


@dataclass(frozen=True)
class Look:
    """How one paragraph style is set: points, and the CSS selector of the same element."""

    size: float
    bold: bool
    italic: bool
    align: str
    before: float
    after: float
    pitch: float  # exact line height
    selector: str


# Space sits on one side of each pair of neighbours only: Word adds "after" and "before", CSS
# collapses them to the larger, and the two agree when one of them is zero.
LOOKS: dict[str, Look] = {
    "Record UN Line": Look(12, False, False, "left", 0, 3, 20, "header.masthead.un p.un-line"),
    # On the baselines of the distribution, date and language lines beside it (so text extraction
    # pairs each organ line with one of them, as the importer expects).
    "Record Organ": Look(12, True, False, "left", 0, 0, 12, "header.masthead.un p.organ"),
    "Record Header Right": Look(10, False, False, "left", 0, 0, 12, "header.masthead.un p.line"),
    "Record Body": Look(12, True, False, "left", 12, 0, 14, ".un p.committee"),
    "Record Header": Look(10, False, False, "left", 0, 0, 12, ".un p.session"),
    "Record Title": Look(12, True, False, "left", 12, 0, 14, ".un h1.title"),
    "Record Time": Look(10, False, False, "left", 0, 6, 12, ".un p.time"),
    "Record Chair": Look(10, False, False, "left", 0, 0, 12, ".un p.chair"),
    "Record Contents Heading": Look(10, False, True, "left", 12, 0, 12, ".un nav.contents h2"),
    "Record Contents Item": Look(10, False, False, "left", 6, 0, 12, ".un nav.contents li"),
    "Record Heading": Look(10, True, False, "left", 12, 0, 12, ".un section.item h2"),
    "Record Paragraph": Look(10, False, False, "justify", 6, 0, 12, ".un p.paragraph"),
    "Record Unnumbered": Look(10, False, False, "justify", 6, 0, 12, ".un p.unnumbered"),
    "Record Subparagraph": Look(10, False, False, "justify", 6, 0, 12, ".un p.subparagraph"),
    "Record Subparagraph 2": Look(10, False, False, "justify", 6, 0, 12, ".un p.subparagraph.level-2"),
    # Space above the corrections note: in the DOCX footer and the PDF footnote area alike.
    "Record Footnote": Look(8, False, False, "left", 6, 0, 10, ".un h1 .footnote"),
}
SYMBOL_SIZE = 14  # the symbol at the top right, bold
SYMBOL_RUN = "Record UN Symbol"
DEFAULT_CHAIR_TAB = 2.0  # cm, where a chair's name starts ("Chair:⇥Ms. X") unless the language says


def chair_tab(wording: Any) -> float:
    """Where the names of the chair lines start, in cm, from the language's table."""
    return float(wording.un.get("chair_tab", DEFAULT_CHAIR_TAB))


def restyle(document: Any) -> None:
    """Give the UN template's paragraph styles the sizes, spacing and exact line pitch of ``LOOKS``."""
    document.sections[0].footer_distance = Cm(FOOTER_DISTANCE)
    styles = document.styles
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
    for name, look in LOOKS.items():
        if name not in [s.name for s in styles]:
            from docx.enum.style import WD_STYLE_TYPE

            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
        style = styles[name]
        style.font.size = Pt(look.size)
        style.font.bold = look.bold or False
        style.font.italic = look.italic or None
        fmt = style.paragraph_format
        fmt.alignment = aligns[look.align]
        fmt.space_before, fmt.space_after = Pt(look.before), Pt(look.after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(look.pitch)
        fmt.widow_control = True  # two lines at least at a page's foot and head, as the PDF's orphans/widows
    from docx.enum.style import WD_STYLE_TYPE

    # The emblem's paragraph: single spacing, since an exact 12-pt line would clip the picture.
    logo = styles.add_style("Record Logo", WD_STYLE_TYPE.PARAGRAPH)
    logo.base_style = styles["Normal"]
    logo.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    normal = styles["Normal"].paragraph_format
    normal.line_spacing_rule, normal.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(12)
    chair = styles["Record Chair"].paragraph_format
    chair.left_indent, chair.first_line_indent = Cm(DEFAULT_CHAIR_TAB), Cm(-DEFAULT_CHAIR_TAB)
    chair.tab_stops.add_tab_stop(Cm(DEFAULT_CHAIR_TAB))
    styles["Record UN Line"].paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH), 2)  # right
    styles["Record UN Line"].paragraph_format.keep_with_next = True
    _bottom_rule(styles["Record UN Line"].element.get_or_add_pPr(), RULES[0])
    from docx.enum.style import WD_STYLE_TYPE

    symbol = styles.add_style(SYMBOL_RUN, WD_STYLE_TYPE.CHARACTER)
    symbol.font.bold = True
    symbol.font.size = Pt(SYMBOL_SIZE)


def _bottom_rule(ppr: Any, eighths: int) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # Schema order: pBdr comes after keepNext/keepLines/pageBreakBefore/widowControl/numPr.
    follower = next((ppr.find(qn(f"w:{tag}")) for tag in ("shd", "tabs", "spacing", "ind", "jc", "outlineLvl")
                     if ppr.find(qn(f"w:{tag}")) is not None), None)
    if follower is not None:
        follower.addprevious(borders)
    else:
        ppr.append(borders)


def masthead(document: Any, cell_paragraph: Any, optional: Any) -> None:
    """Page 1's masthead: 'United Nations' and the symbol over a rule; organ beside the distribution,
    date and language lines over a heavier rule; then the committee and the session."""
    line = document.add_paragraph(style="Record UN Line")
    line.add_run("{{ united_nations }}\t")
    line.add_run("{{ symbol }}", style=SYMBOL_RUN)
    table = document.add_table(rows=1, cols=2)
    table.style = document.styles["Record Header Table"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(ORGAN_COLUMN), Cm(TEXT_WIDTH - ORGAN_COLUMN))
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(int(width.twips)))
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    _table_borders(table)
    left, right = table.rows[0].cells
    optional(left, "logo", "Record Logo")
    cell_paragraph(left, "{{ organ }}", "Record Organ")
    cell_paragraph(right, "{{ distribution_line }}", "Record Header Right")
    cell_paragraph(right, "{{ date_line }}", "Record Header Right")
    optional(right, "revision_line", "Record Header Right")
    optional(right, "version_line", "Record Header Right")
    cell_paragraph(right, "{{ original_line }}", "Record Header Right")
    document.add_paragraph("{{r body }}", style="Record Body")
    document.add_paragraph("{%p if session %}", style="Record Header")
    document.add_paragraph("{{ session }}", style="Record Header")
    document.add_paragraph("{%p endif %}", style="Record Header")


def _table_borders(table: Any) -> None:
    # No cell margins at the outer edges, so the columns line up with the text below; a heavy
    # rule under the row.
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if edge == "bottom":
            for key, value in (("w:val", "single"), ("w:sz", str(RULES[1])), ("w:space", "0"), ("w:color", "000000")):
                element.set(qn(key), value)
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("left", 0), ("bottom", 60), ("right", 0)):  # schema order
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    for existing in tbl_pr.findall(qn("w:tblLayout")) + tbl_pr.findall(qn("w:tblCellMar")) + tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(existing)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    follower = next((tbl_pr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")
                     if tbl_pr.find(qn(f"w:{tag}")) is not None), None)
    for element in (borders, layout, margins):
        if follower is not None:
            follower.addprevious(element)
        else:
            tbl_pr.append(element)


def contents_italic(wording: Any) -> bool:
    """Whether the 'Contents' label is italic: not in Chinese and Arabic, which have no italics."""
    return bool(wording.un.get("contents_italic", True))


def localize(document: Any, wording: Any) -> None:
    """What the one UN template sets per language: the chair lines' tab, the Contents label's italic."""
    set_chair_tab(document, chair_tab(wording))
    if not contents_italic(wording):
        document.styles["Record Contents Heading"].font.italic = None


def set_chair_tab(document: Any, cm: float) -> None:
    """Move the chair lines' tab (and hanging indent) to where this language's names start."""
    fmt = document.styles["Record Chair"].paragraph_format
    for stop in list(fmt.tab_stops):
        fmt.tab_stops._pPr.tabs.remove(stop._tab)  # type: ignore[attr-defined]
    fmt.tab_stops.add_tab_stop(Cm(cm))
    fmt.left_indent, fmt.first_line_indent = Cm(cm), Cm(-cm)


# A document symbol: letters, then '/'-separated parts ('CCPR/C/MRN/RQ/1', 'A/C.4/64/SR.22').


def css(rtl: bool, chair_cm: float, italic_contents: bool = True) -> str:
    """The UN print and screen rules, from the same table as the Word template."""
    start = "right" if rtl else "left"
    # Chinese and Arabic keep their faces (record.css, the language tables); sizes and pitch are shared.
    rules = [f".record.un:not(:lang(zh)):not(:lang(ar)) {{ font-family: {PDF_FONT}, \"Noto Serif\", serif; }}",
             ".record.un { font-size: 10pt; line-height: 12pt; font-kerning: none; }"]
    for look in LOOKS.values():
        rules.append(
            f"{look.selector} {{ font-size: {look.size}pt; line-height: {look.pitch}pt; font-weight: {'bold' if look.bold else 'normal'};"
            f" font-style: {'italic' if look.italic else 'normal'}; text-align: {look.align if look.align != 'left' else start};"
            f" margin-top: {look.before}pt; margin-bottom: {look.after}pt; }}")
    rules += [
        "header.masthead.un { display: block; margin: 0; gap: 0; }",
        f"header.masthead.un p.un-line {{ display: flex; justify-content: space-between; border-bottom: {RULES[0] / 8}pt solid #000; padding-bottom: 1pt; white-space: nowrap; }}",
        f"header.masthead.un p.un-line .symbol {{ font-weight: bold; font-size: {SYMBOL_SIZE}pt; direction: ltr; }}",
        f"header.masthead.un .columns {{ display: flex; border-bottom: {RULES[1] / 8}pt solid #000; padding-bottom: 3pt; white-space: normal; }}",
        f"header.masthead.un .columns > div:first-child {{ flex: 0 0 {ORGAN_COLUMN}cm; width: {ORGAN_COLUMN}cm; white-space: normal; }}",
        "header.masthead.un .columns > div:last-child { flex: 1 1 auto; white-space: nowrap; }",
        f".un p.chair {{ padding-{start}: {chair_cm}cm; text-indent: 0; }}",
        f".un p.chair > .role {{ display: inline-block; min-width: {chair_cm}cm; margin-{start}: -{chair_cm}cm; }}",
        ".un p.committee, .un p.session { white-space: nowrap; }",
        # The lines a right-to-left version keeps in English start at the left of their column.
        'header.masthead.un p.line[dir="ltr"] { text-align: left; }',
        # The footnote's space above is the footnote area's margin (record.weasyprint.css).
        ".un h1 .footnote { margin-top: 0; }",
        # The Chinese title is set in a Hei face; its footnote, like the DOCX's footer, in the Song face.
        '.record.un:lang(zh) h1 .footnote { font-family: "Noto Serif", "drafting Serif CJK", "Noto Serif CJK SC", serif; font-weight: normal; }',
    ]
    if not italic_contents:
        rules.append(".un nav.contents h2 { font-style: normal; }")
    return "\n".join(rules) + "\n"
