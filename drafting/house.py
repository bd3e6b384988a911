"""The house style of a record DOCX as CSS, so that the PDF is set like the Word file.

The PDF takes its font sizes, paragraph spacing, line height and column widths from the
styles of the DOCX it is made from (the template's, or a secretary's restyled copy), not from
numbers written twice. Between two paragraphs LibreOffice leaves the larger of the first's
space after and the second's space before, as collapsing CSS margins do. Word's
"single" line is the face's own line height (hhea, or OS/2 typo metrics when the face asks for
them, as LibreOffice reads them) times the paragraph's multiple.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import lru_cache
from typing import Any

from docx.oxml.ns import qn

# Families whose PDF is set from their DOCX styles.
FAMILIES = ("itu",)

# Style of the template -> the HTML element that carries it (html.Shaper makes them).
SELECTORS = {
    "Record Body": "header.masthead .body",
    "Record Header": "header.masthead .line",
    "Record Title": "h1.title",
    "Record Time": "p.time",
    "Record Chair": "p.chair",
    "Record Agenda Header": "table.agenda th",
    "Record Agenda": "table.agenda td",
    "Record Heading": "section.item h2",
    "Record Paragraph": "p.paragraph",
    "Record Unnumbered": "p.unnumbered",
    "Record Subparagraph": "p.subparagraph.level-1",
    "Record Subparagraph 2": "p.subparagraph.level-2",
    "Record Signature": ".signatures p",
}
# Word's default left and right cell margin (0.19 cm), which LibreOffice keeps.
CELL_MARGIN_PT = 5.4
_TWIPS_PER_PT = 20


@lru_cache(maxsize=None)
def line_ratio(family: str) -> float | None:
    """The face's single line height in ems, as LibreOffice reads it; None when not installed."""
    if not shutil.which("fc-match"):
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}|%{index}", family], capture_output=True, text=True, check=False).stdout
    if "|" not in found:
        return None
    path, index = found.split("|", 1)
    from fontTools.ttLib import TTFont

    # Carlito's head table stores its creation date as Unix time (OpenType counts from 1904);
    # fontTools warns about it on stderr in every build. Only the metrics are read here.
    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = head_log.level
    head_log.setLevel(logging.ERROR)
    try:
        font = TTFont(path, fontNumber=int(index or 0), lazy=True)
        em = font["head"].unitsPerEm
        os2 = font["OS/2"]
        if os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
            return (os2.sTypoAscender - os2.sTypoDescender + os2.sTypoLineGap) / em
        hhea = font["hhea"]
        return (hhea.ascent - hhea.descent + hhea.lineGap) / em
    except (OSError, KeyError, ValueError):
        return None
    finally:
        head_log.setLevel(level)


def _chain(style: Any) -> list[Any]:
    chain = []
    while style is not None and style not in chain:
        chain.append(style)
        style = style.base_style
    return chain


def _inherited(style: Any, read: Any) -> Any:
    for link in _chain(style):
        value = read(link)
        if value is not None:
            return value
    return None


def _defaults(document: Any) -> tuple[float, float, float, dict[str, str]]:
    """docDefaults: size (pt), space after (pt), line multiple, fonts."""
    root = document.styles.element.find(qn("w:docDefaults"))
    size, after, multiple, fonts = 10.0, 0.0, 1.0, {}
    if root is not None:
        sz = root.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        size = int(sz.get(qn("w:val"))) / 2 if sz is not None else size
        rfonts = root.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None:
            fonts = {key: rfonts.get(qn(f"w:{key}")) for key in ("ascii", "eastAsia", "cs") if rfonts.get(qn(f"w:{key}"))}
        spacing = root.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        if spacing is not None:
            after = int(spacing.get(qn("w:after"), "0")) / _TWIPS_PER_PT
            if spacing.get(qn("w:lineRule"), "auto") == "auto" and spacing.get(qn("w:line")):
                multiple = int(spacing.get(qn("w:line"))) / 240
    return size, after, multiple, fonts


def _style_fonts(document: Any) -> dict[str, str]:
    _, _, _, fonts = _defaults(document)
    rfonts = document.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if rfonts is not None:
        fonts.update({key: rfonts.get(qn(f"w:{key}")) for key in ("ascii", "eastAsia", "cs") if rfonts.get(qn(f"w:{key}"))})
    return fonts


def line_height(document: Any, language: str) -> float:
    """The CSS line height (a multiple of the font size) of the DOCX's Normal paragraphs.

    A line is as tall as the tallest face on it: the Latin face, and the East Asian or
    complex-script face for a Chinese or an Arabic record.
    """
    _, _, multiple, _ = _defaults(document)
    spacing = document.styles["Normal"].paragraph_format.line_spacing
    if isinstance(spacing, float):
        multiple = spacing
    fonts = _style_fonts(document)
    faces = [fonts.get("ascii", "Calibri")]
    code = language.split("-")[0].lower()
    if code in ("zh", "ja", "ko") and fonts.get("eastAsia"):
        faces.append(fonts["eastAsia"])
    elif code in ("ar", "fa", "he", "ur") and fonts.get("cs"):
        faces.append(fonts["cs"])
    ratios = [r for r in (line_ratio(face) for face in faces) if r]
    return round(max(ratios or [1.2]) * multiple, 4)


def _column_widths(table: Any) -> list[float]:
    return [int(col.get(qn("w:w"))) / _TWIPS_PER_PT for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def house_css(document: Any, family: str, language: str) -> str:
    """CSS for a record of ``family`` that sets sizes, spacing, line height and columns as the DOCX's styles do."""
    if family not in FAMILIES:
        return ""
    scope = f".record.{family}"
    size, default_after, _, _ = _defaults(document)
    # Word kerns only runs that ask for it (w:kern), and LibreOffice follows the DOCX.
    kerning = "auto" if document.styles.element.find(f".//{qn('w:kern')}") is not None else "none"
    rules = [f"{scope} {{ line-height: {line_height(document, language)}; font-kerning: {kerning}; }}"]
    if language.split("-")[0].lower() == "zh":
        # One face for the whole of a Chinese line (its Latin letters too): two faces of
        # different ascent and descent on a line make CSS line boxes taller than Word's.
        rules.append(f'{scope}:lang(zh) {{ font-family: "drafting Serif CJK", "Noto Serif CJK SC", serif; }}')
        rules.append(f'{scope}:lang(zh) h1, {scope}:lang(zh) h2, {scope}:lang(zh) .body '
                     '{ font-family: "drafting Sans CJK", "Noto Sans CJK SC", sans-serif; }')
        # The running head too: a third face in the PDF for "VC/15-C 2" costs 10 KB.
        rules.append('@page { font-family: "drafting Serif CJK", "Noto Serif CJK SC", serif !important; }')
    names = {style.name for style in document.styles}
    normal_size = _inherited(document.styles["Normal"], lambda s: s.font.size)
    base = normal_size.pt if normal_size is not None else size
    rules.append(f"{scope} main {{ font-size: {base:g}pt; }}")
    for name, selector in SELECTORS.items():
        if name not in names:
            continue
        style = document.styles[name]
        font_size = _inherited(style, lambda s: s.font.size)
        before = _inherited(style, lambda s: s.paragraph_format.space_before)
        after = _inherited(style, lambda s: s.paragraph_format.space_after)
        # A table cell has no margins: its paragraph's spacing becomes padding.
        side = "padding" if selector.startswith("table.") else "margin"
        declarations = [
            f"font-size: {(font_size.pt if font_size is not None else base):g}pt",
            f"{side}-top: {(before.pt if before is not None else 0):g}pt",
            f"{side}-bottom: {(after.pt if after is not None else default_after):g}pt",
        ]
        rules.append(f"{scope} {selector} {{ {'; '.join(declarations)}; }}")
    # The signature lines carry their own space before (Record Signature), the block none.
    rules.append(f"{scope} .signatures {{ margin-top: 0; }}")
    for table in document.tables:
        style = table.style.name if table.style is not None else ""
        widths = _column_widths(table)
        if style == "Record Header Table" and len(widths) == 2:
            # The masthead's columns as in the DOCX, so that a line that fits there fits here.
            rules.append(f"{scope} header.masthead {{ display: grid; grid-template-columns: {widths[0]:g}pt {widths[1]:g}pt; gap: 0; "
                         "justify-content: center; margin-bottom: 0; }")
            rules.append(f"{scope} header.masthead > div {{ padding: 0 {CELL_MARGIN_PT}pt; min-width: 0; }}")
            # WeasyPrint's grid does not mirror in right-to-left text: the columns are swapped here.
            rules.append(f'[dir="rtl"] {scope} header.masthead {{ grid-template-columns: {widths[1]:g}pt {widths[0]:g}pt; }}')
            rules.append(f'[dir="rtl"] {scope} header.masthead > div:first-child {{ grid-column: 2; grid-row: 1; }}')
            rules.append(f'[dir="rtl"] {scope} header.masthead > div:last-child {{ grid-column: 1; grid-row: 1; }}')
        elif style == "Record Agenda Table":
            # Cells padded as Word pads them: the spacing of their paragraphs, and the cell margins.
            rules.append(f"{scope} table.agenda {{ width: {sum(widths):g}pt; table-layout: fixed; margin: 0; }}")
            rules.append(f"{scope} table.agenda td, {scope} table.agenda th {{ padding-left: {CELL_MARGIN_PT}pt; "
                         f"padding-right: {CELL_MARGIN_PT}pt; width: auto; }}")
    return "\n".join(rules) + "\n"
