"""Arabic PDFs made by WeasyPrint: right-to-left lines read back in logical order, mistakes still found.

pdftotext gives right-to-left lines as drawn, and WeasyPrint's text layer names a bracket glyph by
the first character drawn with it (Amiri Bold names both shapes ")"); the reader must still see the
heading's "(الوثيقة VC/ADM1(Rev.2))" suffix and the agenda's "C20/17, C20/68" cell as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafting.cli import main
from drafting.lint.pdffile import _logical_line, read_layout
from drafting.pdf import render_pdf
from drafting.typography import invisible

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def arabic_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Arabic examples (ITU and UN) built to HTML, from which PDFs with typed mistakes are made."""
    out = tmp_path_factory.mktemp("arabic")
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "vc15-1.ar.yaml"), str(EXAMPLES / "ccpr-c-sr-3901.ar.yaml"), "--to", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _retyped_pdf(html: Path, old: str, new: str, pdf: Path) -> Path:
    text = invisible(html.read_text(encoding="utf-8"))  # the symbols as typed, without word joiners
    assert text.count(old) == 1, old
    render_pdf(text.replace(old, new), pdf)
    return pdf


def _findings(pdf: Path) -> tuple[int, list[tuple[str, str, str, int]], dict]:
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(pdf)])
    entry = json.loads(result.stdout)["files"][0]
    return result.exit_code, [(f["code"], f["found"] or "", f["expected"] or "", f["page"]) for f in entry["findings"]], entry


def test_duplicated_number_in_an_itu_arabic_pdf_is_the_only_finding(arabic_html: Path, tmp_path: Path) -> None:
    pdf = _retyped_pdf(arabic_html / "vc15-1.ar.html", '<span class="num">6.6</span>', '<span class="num">6.5</span>', tmp_path / "dup.pdf")
    status, findings, entry = _findings(pdf)
    assert (status, findings) == (1, [("N101", "6.5", "6.6", 3)])  # page 3 starts at 6.5, as in the DOCX
    assert (entry["headings"], entry["paragraphs"]) == (11, 49)


def test_duplicated_number_in_a_un_arabic_pdf_is_the_only_finding(arabic_html: Path, tmp_path: Path) -> None:
    # UN Arabic labels are "4 -" with a no-break space.
    pdf = _retyped_pdf(arabic_html / "ccpr-c-sr-3901.ar.html", '<span class="num">4\u00a0-</span>', '<span class="num">3\u00a0-</span>', tmp_path / "dup.pdf")
    status, findings, entry = _findings(pdf)
    assert (status, findings) == (1, [("N101", "3", "4", 1)])
    assert entry["paragraphs"] == 17


def test_heading_documents_that_differ_from_the_agenda_are_still_reported(arabic_html: Path, tmp_path: Path) -> None:
    # The heading (bold, brackets named ")" whatever their shape) cites Rev.3 where the agenda says Rev.2.
    old = '</span>مشروع خطة إدارة الوقت (الوثيقة <span class="unbroken">VC/ADM1(Rev.2))</span>'
    pdf = _retyped_pdf(arabic_html / "vc15-1.ar.html", old, old.replace("Rev.2", "Rev.3"), tmp_path / "rev.pdf")
    status, findings, entry = _findings(pdf)
    assert (status, findings) == (0, [("W202", "5", "", 2)])  # a warning: exit 1 only under --strict
    assert entry["findings"][0]["message"] == "heading documents (VC/ADM1(Rev.3)) differ from agenda row 5 (VC/ADM1(Rev.2))"


def test_right_to_left_lines_read_in_logical_order(arabic_html: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "vc15-1.ar.pdf"
    render_pdf((arabic_html / "vc15-1.ar.html").read_text(encoding="utf-8"), pdf)
    texts = [line.text for page in read_layout(str(pdf)).pages for line in page.lines]
    for expected in [
        "5 مشروع خطة إدارة الوقت (الوثيقة VC/ADM1(Rev.2))",  # bold heading
        "7 اليوم العالمي للاتصالات ومجتمع المعلومات C20/17, C20/68",  # agenda row: the documents cell keeps its order
        "الرئيس: السيد س. بن غليطة (الإمارات العربية المتحدة)",
    ]:
        assert expected in texts, expected
    assert any(t.startswith("5.2 ") and t.endswith("(الوثيقة VC/ADM1(Rev.2)).") for t in texts)


def _words(*texts: str) -> list[tuple[str, str, str, str, str]]:
    """Words as pdftotext -bbox prints them, left to right, 4 points apart."""
    out, x = [], 100.0
    for text in texts:
        width = 6.0 * len(text)
        out.append((str(x), "100", str(x + width), "112", text))
        x += width + 4
    return out


@pytest.mark.parametrize("drawn, logical", [
    # As pdftotext gave them for the Amiri Bold heading: every bracket named ")".
    ((")VC/ADM1)Rev.2)", "ةقيثولا)", "تقولا"), "الوقت (الوثيقة VC/ADM1(Rev.2))"),
    # Amiri regular: the shapes named the other way round.
    ((".)VC/1)Rev.2(", "ةقيثولا("), "(الوثيقة VC/1(Rev.2))."),
    # A left-to-right run of two words keeps its order.
    (("C20/17,", "C20/68", "تامولعملا"), "المعلومات C20/17, C20/68"),
    # Neutrals drawn left of a number belong to the Arabic around it; an Arabic comma before one.
    ((".)2021", "سرام", "،2020"), "2020، مارس 2021)."),
    ((")VC/5و", "C20/24"), "C20/24 وVC/5)"),
    # A paragraph number never joins the Latin words drawn next to it.
    (("COVID-19", "-", "1"), "1 - COVID-19"),
])
def test_logical_line_from_drawn_words(drawn: tuple[str, ...], logical: str) -> None:
    assert " ".join(w[4] for w in _logical_line(_words(*drawn))) == logical


def test_the_search_for_spans_stops_at_a_bound(tmp_path: Path) -> None:
    """Whether a PDF has ActualText spans is read from its inflated streams: a file of compression bombs is read
    no further than 64 MB inflated (a span after them is not looked for), one before them is found."""
    import zlib

    from drafting.lint.pdffile import _spans_letters

    bomb = b"stream\n" + zlib.compress(b"\0" * 15_000_000, 9) + b"\nendstream\n"
    span = b"stream\n" + zlib.compress(b"/Span <</ActualText <feff0644>>> BDC EMC") + b"\nendstream\n"
    late, early = tmp_path / "late.pdf", tmp_path / "early.pdf"
    late.write_bytes(b"%PDF-1.7\n" + bomb * 6 + span)
    early.write_bytes(b"%PDF-1.7\n" + span + bomb * 6)
    assert not _spans_letters(str(late))
    assert _spans_letters(str(early))
