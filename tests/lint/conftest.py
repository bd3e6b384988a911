"""Fixtures for the lint tests: the reference text, a generated Word record, a UN-style text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference" / "vc15-c-summary-record.zh.txt"
CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "docx"

# (typed number split into runs, text) per paragraph; None = heading. Mistakes: 2.2 twice,
# a full-width ３.１, and 2.5 inside section 3; the rest follows from them.
WORD_BODY: list[tuple[list[str], str, bool]] = [
    (["1"], "Opening of the meeting", True),
    (["1.1"], "The Chairman opened the meeting and welcomed the participants.", False),
    (["1.", "2"], "The Secretary-General made a statement.", False),
    (["2"], "Adoption of the agenda (Document C99/1)", True),
    (["2.1"], "The draft agenda was introduced by the secretariat.", False),
    (["2.2"], "One councillor asked for an additional item.", False),
    (["2.2"], "It was so agreed.", False),  # duplicate: expected 2.3
    (["2.3"], "The agenda, as amended, was adopted, as recorded in paragraph 2.3.", False),  # shifted: 2.4
    (["3"], "Other business", True),
    (["３.１"], "No other business was raised.", False),  # full-width: expected 3.1
    (["2.5"], "The Chairman closed the meeting.", False),  # wrong prefix: expected 3.2
]
AGENDA = [("1", "Opening of the meeting", "-"), ("2", "Adoption of the agenda", "C99/1"), ("3", "Other business", "-")]


def _bookmark(paragraph, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def make_word_record(path: Path) -> Path:
    """Write an ITU-style record typed by hand in Word, with numbering mistakes."""
    doc = WordDocument()
    doc.add_paragraph("Document C99/1-E")
    doc.add_paragraph("SUMMARY RECORD OF THE FIRST MEETING").runs[0].bold = True
    table = doc.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = "", "Subjects discussed", "Documents"
    for row in AGENDA:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    for index, (number_runs, text, heading) in enumerate(WORD_BODY):
        paragraph = doc.add_paragraph()
        for part in number_runs:
            run = paragraph.add_run(part)
            run.bold = heading or index % 2 == 0
        paragraph.add_run("\t")
        body = paragraph.add_run(text)
        body.bold = heading
        body.italic = index == 4
        _bookmark(paragraph, f"lt_pId{100 + index}", index)
    doc.add_paragraph("The Secretary-General:\tThe Chairman:")
    doc.save(str(path))
    return path


@pytest.fixture()
def reference_copy(tmp_path: Path) -> Path:
    """A copy of the published reference text."""
    target = tmp_path / REFERENCE.name
    shutil.copyfile(REFERENCE, target)
    return target


@pytest.fixture()
def word_record(tmp_path: Path) -> Path:
    """A freshly generated Word record with typed numbers and mistakes."""
    return make_word_record(tmp_path / "typed-record.docx")


@pytest.fixture()
def un_text(tmp_path: Path) -> Path:
    """A copy of the UN-style text fixture."""
    target = tmp_path / "ccpr-un-sample.en.txt"
    shutil.copyfile(FIXTURES / "ccpr-un-sample.en.txt", target)
    return target


def make_typed_docx(path: Path, body: list[tuple[str, str, bool]], agenda: list[tuple[str, str, str]], *,
                    symbol: str = "C99/2-E", rtl: bool = False, font: str | None = None) -> Path:
    """A record typed by hand in Word: the number, a tab, the text, a hanging indent; a running head with the page number.

    ``body`` holds (number as typed, text, is a heading). Right-to-left paragraphs get w:bidi.
    """
    from docx.shared import Cm

    doc = WordDocument()
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.add_run(symbol + "\t")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    head._p.append(field)

    def bidi(paragraph) -> None:  # type: ignore[no-untyped-def]
        if rtl:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(OxmlElement("w:bidi"))
        if font:
            for r in paragraph.runs:
                r.font.name = font
                rpr = r._r.get_or_add_rPr()
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is None:
                    fonts = OxmlElement("w:rFonts")
                    rpr.insert(0, fonts)
                fonts.set(qn("w:cs"), font)
                rpr.append(OxmlElement("w:rtl"))

    bidi(doc.add_paragraph(f"Document {symbol}"))
    bidi(doc.add_paragraph("SUMMARY RECORD OF THE SECOND MEETING"))
    table = doc.add_table(rows=0, cols=3)
    for row in agenda:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
            bidi(cell.paragraphs[0])
    for number, words, heading in body:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1.5)
        paragraph.paragraph_format.first_line_indent = Cm(-1.5)
        paragraph.paragraph_format.space_after = Cm(0.2)
        if number:
            paragraph.add_run(number + "\t").bold = heading
        paragraph.add_run(words).bold = heading
        bidi(paragraph)
    doc.save(str(path))
    return path


def convert_to_pdf(folder: Path, *docx: Path) -> list[Path]:
    """Print Word files to PDF with LibreOffice (one soffice run for all)."""
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui"
    profile = folder / "lo-profile"
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, docx)],
                   check=True, capture_output=True, timeout=180)
    return [folder / (d.stem + ".pdf") for d in docx]
