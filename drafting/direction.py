"""Right-to-left Word documents: what Word and LibreOffice need to set Arabic as Arabic.

Word lays a paragraph out right to left only with ``w:bidi``, a table's columns only with
``w:bidiVisual``; it applies bold, italic and size to Arabic only through their complex-script
twins (``w:bCs``, ``w:iCs``, ``w:szCs``) and takes the Arabic face from ``w:rFonts/@w:cs``.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

# Schema order of w:pPr's children after w:bidi, and of w:tblPr's after w:bidiVisual.
_AFTER_BIDI = ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
               "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
               "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_AFTER_BIDI_VISUAL = ("tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
                      "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")
# Complex-script twins, each placed right after its Latin property (schema order).
_TWINS = (("b", "bCs"), ("i", "iCs"), ("sz", "szCs"))


def _place(parent: Any, element: Any, followers: Iterable[str]) -> None:
    """Insert ``element`` before the first child named in ``followers`` (or append it)."""
    for child in parent:
        if child.tag in {qn(f"w:{name}") for name in followers}:
            child.addprevious(element)
            return
    parent.append(element)


def set_paragraph_direction(ppr: Any, rtl: bool, followers: Iterable[str] = _AFTER_BIDI) -> None:
    """Set (or, with ``rtl`` false, explicitly clear) a paragraph's right-to-left layout."""
    bidi = ppr.find(qn("w:bidi"))
    if bidi is None:
        bidi = OxmlElement("w:bidi")
        _place(ppr, bidi, followers)
    if rtl:
        bidi.attrib.pop(qn("w:val"), None)
    else:
        bidi.set(qn("w:val"), "0")


def _ppr_of(paragraph: Any) -> Any:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        paragraph.insert(0, ppr)
    return ppr


def add_complex_script_twins(rpr: Any) -> None:
    """Give bold, italic and size their complex-script twins, so they apply to Arabic too."""
    for latin, twin in _TWINS:
        element = rpr.find(qn(f"w:{latin}"))
        if element is not None and rpr.find(qn(f"w:{twin}")) is None:
            copy = OxmlElement(f"w:{twin}")
            for key, value in element.attrib.items():
                copy.set(key, value)
            element.addnext(copy)


def make_right_to_left(document: Any, font: str | None) -> None:
    """Turn a filled record DOCX (python-docx Document) into a right-to-left one."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        if font:
            fonts.set(qn("w:cs"), font)
    for rpr in styles.iter(qn("w:rPr")):
        add_complex_script_twins(rpr)
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph":
            ppr = style.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                _place(style, ppr, ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr"))
            set_paragraph_direction(ppr, True)
    defaults = styles.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    if ppr_default.find(qn("w:pPr")) is None:
        ppr_default.append(OxmlElement("w:pPr"))
    set_paragraph_direction(ppr_default.find(qn("w:pPr")), True)
    parts = [document.element.body] + [part._element for section in document.sections
                                       for part in (section.header, section.first_page_header, section.footer, section.first_page_footer)]
    for part in parts:
        for paragraph in part.iter(qn("w:p")):
            set_paragraph_direction(_ppr_of(paragraph), True)
        for rpr in part.iter(qn("w:rPr")):
            add_complex_script_twins(rpr)
    for table in document.element.body.iter(qn("w:tbl")):
        tbl_pr = table.find(qn("w:tblPr"))
        if tbl_pr is not None and tbl_pr.find(qn("w:bidiVisual")) is None:
            _place(tbl_pr, OxmlElement("w:bidiVisual"), _AFTER_BIDI_VISUAL)
    # The masthead lines the UN keeps in English (and the document symbol) read left to right.
    masthead = next(document.element.body.iter(qn("w:tbl")), None)
    if masthead is not None:
        for paragraph in masthead.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            if text.strip() and not _RTL_LETTER.search(text):
                set_paragraph_direction(_ppr_of(paragraph), False)
