"""ITU records look as ITU publishes them, and the PDF is paged as the DOCX a secretary opens.

The DOCX is rendered by LibreOffice once per session; both PDFs are read from their word
positions (tests/page_layout.py), never from pdftotext's reading order.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from page_layout import Line, Page, page_starts, read_pages

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
ITU = [f"vc15-1.{code}" for code in LANGUAGES]


@pytest.fixture(scope="session")
def libreoffice_pdfs(examples_all_formats: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every ITU example's DOCX as LibreOffice prints it: one soffice run, a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("libreoffice")
    sources = [examples_all_formats.path(stem, "docx") for stem in ITU]
    run = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                          "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return {stem: out / f"{stem}.pdf" for stem in ITU}


@pytest.fixture(scope="session")
def layouts(examples_all_formats: Any, libreoffice_pdfs: dict[str, Path]) -> dict[tuple[str, str], list[Page]]:
    """(stem, 'pdf' or 'docx') -> the pages of our PDF, or of the DOCX printed by LibreOffice."""
    assert examples_all_formats.result.exit_code == 0, examples_all_formats.result.output
    pages = {}
    for stem in ITU:
        pages[(stem, "pdf")] = read_pages(examples_all_formats.path(stem, "pdf"))
        pages[(stem, "docx")] = read_pages(libreoffice_pdfs[stem])
    return pages


def _rtl(stem: str) -> bool:
    return stem.endswith(".ar")


_MARKS = re.compile("[\u064b-\u065f\u0670]")  # Arabic vowel marks: pdftotext moves them about


def _tokens(text: str) -> list[str]:
    return [_MARKS.sub("", t) for t in re.split(r"\s+", text) if t]


def _line_holding(page: Page, text: str, rtl: bool = False) -> Line | None:
    """The line that shows every word of ``text``; None when they are spread over lines."""
    from collections import Counter

    wanted = _tokens(text)
    for line in page.lines:
        drawn = [_MARKS.sub("", w.text) for w in line.words]
        joined = "".join(drawn)
        if rtl:
            # Arabic comes back in visual order, its words cut at joining breaks: every letter
            # of the text on the one line is what can be checked.
            if not Counter("".join(wanted)) - Counter(joined):
                return line
        elif all(t in drawn or t in joined for t in wanted):
            return line
    return None


def _masthead(stem: str, record_dir: Path) -> list[str]:
    from drafting import language as lang
    from drafting.record import build_record
    from drafting.validation import load_valid_source

    record = build_record(load_valid_source(str(record_dir / f"{stem}.yaml")))

    words = record.wording
    masthead = lang.masthead_wording(record.language, record.style.value)
    return [record.body, record.session or "", f"{words.document} {record.symbol}",
            lang.format_long_date(record.date, masthead.code), masthead.original.format(masthead.names[record.original_language])]


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("stem", ITU)
def test_pdf_has_the_pages_of_the_docx_printed_by_libreoffice(layouts: dict[tuple[str, str], list[Page]], stem: str) -> None:
    ours, theirs = layouts[(stem, "pdf")], layouts[(stem, "docx")]
    assert len(ours) == len(theirs), f"{stem}: PDF {len(ours)} pages, DOCX in LibreOffice {len(theirs)}"


# Not yet: zh (LibreOffice widens the gap between Chinese and Latin letters) and fr (one
# paragraph breaks into one more line in LibreOffice than in the PDF).
@pytest.mark.parametrize("stem", ["vc15-1.ar", "vc15-1.en", "vc15-1.ru", "vc15-1.es"])
def test_each_page_starts_with_the_same_paragraph_as_in_the_docx(layouts: dict[tuple[str, str], list[Page]], stem: str) -> None:
    rtl = _rtl(stem)
    assert page_starts(layouts[(stem, "pdf")], rtl) == page_starts(layouts[(stem, "docx")], rtl)


@pytest.mark.parametrize("stem", ITU)
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_no_masthead_line_wraps(layouts: dict[tuple[str, str], list[Page]], stem: str, kind: str) -> None:
    first = layouts[(stem, kind)][0]
    for text in _masthead(stem, EXAMPLES):
        if text:
            assert _line_holding(first, text, _rtl(stem)) is not None, f"{stem} ({kind}): {text!r} is not on one line"


def _symbols(stem: str) -> set[str]:
    source = (EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"\b(?:VC|C20)/[A-Z0-9]+(?:/[A-Z0-9]+)?(?:\(Rev\.\d\))?(?:-[A-Z])?", source))


# Arabic lines come back in visual order, which this check cannot read.
SPLIT_CHECKED = [(s, kind) for s in ITU if not s.endswith(".ar") for kind in ("docx", "pdf")]


@pytest.mark.parametrize(("stem", "kind"), SPLIT_CHECKED)
def test_no_document_symbol_is_split_across_lines(layouts: dict[tuple[str, str], list[Page]], stem: str, kind: str) -> None:
    symbols = _symbols(stem)
    assert {"VC/1(Rev.2)", "VC/ADM1(Rev.2)", "C20/24"} <= symbols
    for page in layouts[(stem, kind)]:
        lines = [line.text() for line in page.lines]
        for upper, lower in zip(lines, lines[1:]):
            for symbol in symbols:
                for cut in range(1, len(symbol)):
                    head, tail = symbol[:cut], symbol[cut:]
                    split = upper.rstrip().endswith(head) and lower.lstrip().startswith(tail) and symbol not in upper
                    assert not split, f"{stem} ({kind}) page {page.number}: {symbol} split: {upper[-30:]!r} / {lower[:30]!r}"


def test_english_pdf_embeds_carlito_subset(examples_all_formats: Any) -> None:
    run = subprocess.run(["pdffonts", str(examples_all_formats.path("vc15-1.en", "pdf"))], capture_output=True, text=True, check=True)
    rows = [line.split() for line in run.stdout.splitlines()[2:] if line.strip()]
    names = [row[0] for row in rows]
    assert names and all(re.match(r"^[A-Z]{6}\+Carlito", name) for name in names), names
    for row in rows:
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_chinese_pdf_at_most_150_kb(examples_all_formats: Any) -> None:
    size = examples_all_formats.path("vc15-1.zh", "pdf").stat().st_size
    assert size <= 150 * 1024, f"{size} bytes"  # 150 KB as ls -h and the issue count them


def drafting_import(source: Path, out: Path) -> Any:
    from click.testing import CliRunner

    from drafting.cli import main

    return CliRunner().invoke(main, ["import", str(source), "-o", str(out)], catch_exceptions=False)


def _variant(tmp_path: Path, drafting_build: Any, *, revision: bool = False, title: str = "") -> Path:
    """vc15-1.en with a revision number or another title, built to DOCX and PDF; returns the folder."""
    source = (EXAMPLES / "vc15-1.en.yaml").read_text(encoding="utf-8")
    if revision:
        source = source.replace("date: 2020-06-16\n", "date: 2020-06-16\nrevision: 1\n", 1)
    if title:
        source = source.replace("  title: SUMMARY RECORD OF THE FIRST MEETING\n", f"  title: {title}\n", 1)
    record = tmp_path / "rev.en.yaml"
    record.write_text(source, encoding="utf-8")
    result = drafting_build(record, "--to", "docx,pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def test_itu_title_printed_on_three_lines(tmp_path: Path, drafting_build: Any) -> None:
    # C17/124, C19/111: "SUMMARY RECORD" / "OF THE" / "SIXTH PLENARY MEETING"; a newline in the title.
    out = _variant(tmp_path, drafting_build, title='"SUMMARY RECORD\\nOF THE\\nFIRST MEETING"')
    for pdf in (out / "rev.en.pdf",):
        texts = [line.text() for line in read_pages(pdf)[0].lines]
        start = texts.index("SUMMARY RECORD")
        assert texts[start:start + 3] == ["SUMMARY RECORD", "OF THE", "FIRST MEETING"], texts[:12]
    title = next(p for p in docx.Document(str(out / "rev.en.docx")).paragraphs if p.style.name == "Record Title")
    assert title.text == "SUMMARY RECORD\nOF THE\nFIRST MEETING"


def test_itu_revision_masthead_as_published(tmp_path: Path, drafting_build: Any) -> None:
    # C17/130(Rev.1): "Revision 1 to" over "Document C17/130-E" (no second "Document" line),
    # "C17/130(Rev.1)-E" in the running head of later pages, in the DOCX and in the PDF.
    out = _variant(tmp_path, drafting_build, revision=True)
    pages = read_pages(out / "rev.en.pdf")
    texts = [line.text() for line in pages[0].lines]
    assert texts[:2] == ["Virtual consultation of councillors Revision 1 to", "Starting 9 June 2020 Document VC/15-E"], texts[:4]
    assert sum("Document VC/15-E" in t for t in texts) == 1
    assert pages[1].lines[0].text() == "VC/15(Rev.1)-E 2"
    document = docx.Document(str(out / "rev.en.docx"))
    masthead = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert masthead == ["Revision 1 to", "Document VC/15-E", "16 June 2020", "Original: English"]
    assert document.sections[0].header.paragraphs[0].text.startswith("VC/15(Rev.1)-E\t")
    # Read back, from the DOCX and from the PDF, the two lines are one revision again.
    import yaml

    for kind in ("docx", "pdf"):
        imported = tmp_path / f"imported-{kind}.yaml"
        result = drafting_import(out / f"rev.en.{kind}", imported)
        assert result.exit_code == 0, result.output
        data = yaml.safe_load(imported.read_text(encoding="utf-8"))
        assert (data["revision"], data["symbol"], data["body"], data["session"]) == (
            1, "VC/15-E", "Virtual consultation of councillors", "Starting 9 June 2020"), kind


def test_running_head_of_later_pages(layouts: dict[tuple[str, str], list[Page]]) -> None:
    for kind in ("pdf", "docx"):
        head = layouts[("vc15-1.en", kind)][1].lines[0].text()
        assert head == "VC/15-E 2", (kind, head)


def _docx(examples_all_formats: Any, stem: str) -> Any:
    return docx.Document(str(examples_all_formats.path(stem, "docx")))


def test_itu_docx_names_calibri_and_keeps_paragraphs_whole(examples_all_formats: Any) -> None:
    document = _docx(examples_all_formats, "vc15-1.en")
    fonts = document.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Calibri"
    for name in ("Record Paragraph", "Record Heading", "Record Subparagraph", "Record Signature"):
        assert document.styles[name].paragraph_format.widow_control is True, name
    assert document.styles["Record Heading"].paragraph_format.keep_with_next is True
    # The paragraph before the signatures keeps with them.
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    first_signature = next(i for i, p in enumerate(paragraphs) if p.style.name == "Record Signature")
    assert paragraphs[first_signature - 1].paragraph_format.keep_with_next is True
    assert paragraphs[first_signature].paragraph_format.keep_with_next is None  # from the style
    assert document.styles["Record Signature"].paragraph_format.keep_with_next is True


def test_justified_lines_ending_in_a_line_break_are_not_stretched(examples_all_formats: Any) -> None:
    for stem in ("vc15-1.en", "ccpr-c-sr-3901.en"):
        compat = _docx(examples_all_formats, stem).settings.element.find(qn("w:compat"))
        assert compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is not None, stem


def test_masthead_columns_fit_their_longest_line(examples_all_formats: Any) -> None:
    document = _docx(examples_all_formats, "vc15-1.es")
    table = next(t for t in document.tables if t.style.name == "Record Header Table")
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths == [int(Cm(11.0).twips), int(Cm(6.0).twips)]


def test_chinese_agenda_header_is_upright(examples_all_formats: Any) -> None:
    assert _docx(examples_all_formats, "vc15-1.zh").styles["Record Agenda Header"].font.italic is not True
    assert _docx(examples_all_formats, "vc15-1.en").styles["Record Agenda Header"].font.italic is True
    html = examples_all_formats.path("vc15-1.zh", "html").read_text(encoding="utf-8")
    assert ".record:lang(zh) table.agenda th { font-style: normal; }" in html


def test_web_links_look_like_links_in_the_pdf(examples_all_formats: Any) -> None:
    html = examples_all_formats.path("vc15-1.en", "html").read_text(encoding="utf-8")
    printed = html.split('<style media="print">', 1)[1].split("</style>", 1)[0]
    assert "a { color: #0056b3; text-decoration: underline; }" in printed
    assert "https://www.itu.int/en/council/Documents/2020/Secretary-General-opening-e.pdf" in html


def test_agenda_borders_match_the_docx(examples_all_formats: Any) -> None:
    document = _docx(examples_all_formats, "vc15-1.en")
    table = next(t for t in document.tables if t.style.name == "Record Agenda Table")
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    drawn = {child.tag.split("}")[1]: (child.get(qn("w:val")), child.get(qn("w:sz"))) for child in borders}
    assert drawn == {"top": ("single", "4"), "bottom": ("single", "4"), "insideH": ("single", "4"),
                     "left": ("nil", "4"), "right": ("nil", "4"), "insideV": ("nil", "4")}
    css = examples_all_formats.path("vc15-1.en", "html").read_text(encoding="utf-8")
    # w:sz is in eighths of a point: 4 -> 0.5 pt, the same grey.
    assert "table.agenda { border-top: 0.5pt solid #808080; }" in css
    assert css.count("border-bottom: 0.5pt solid #808080") == 2


# --------------------------------------------------------------------------- the page-1 footnote (UN)

UN = "ccpr-c-sr-3901.en"
NOTE = "This record is subject to correction."


def test_page_one_footnote_is_a_word_footnote_not_a_footer(examples_all_formats: Any) -> None:
    from drafting.fidelity import footnote_texts

    path = examples_all_formats.path(UN, "docx")
    notes = footnote_texts(path)
    assert len(notes) == 1 and notes[0].strip().startswith(NOTE), notes
    document = docx.Document(str(path))
    assert not any(p.text.strip() for p in document.sections[0].first_page_footer.paragraphs)
    title = next(p for p in document.paragraphs if p.style.name == "Record Title")
    calls = title._p.findall(f".//{qn('w:footnoteReference')}")
    assert [c.get(qn("w:id")) for c in calls] == ["1"] and not title.text.endswith("*")
    # Numbered with symbols: Word and LibreOffice print "*".
    formats = document.settings.element.findall(f"{qn('w:footnotePr')}/{qn('w:numFmt')}")
    formats += document.sections[0]._sectPr.findall(f"{qn('w:footnotePr')}/{qn('w:numFmt')}")
    assert [f.get(qn("w:val")) for f in formats] == ["chicago", "chicago"]


def test_docx_no_loss_check_sees_the_footnote(examples_all_formats: Any, tmp_path: Path) -> None:
    import zipfile

    from drafting.build import expected_of_record
    from drafting.fidelity import docx_text, find_missing
    from drafting.record import build_record
    from drafting.validation import load_valid_source

    record = build_record(load_valid_source(str(EXAMPLES / f"{UN}.yaml")))
    expected = expected_of_record(record)
    path = examples_all_formats.path(UN, "docx")
    assert find_missing(expected, docx_text(path)) == []
    # The same DOCX with the footnote's words gone: the check names the note.
    damaged = tmp_path / "no-note.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/footnotes.xml":
                data = data.replace(NOTE.encode(), b"")
            target.writestr(item, data)
    assert [m[:30] for m in find_missing(expected, docx_text(damaged))] == [NOTE[:30]]


def test_pdf_footnote_sits_at_the_foot_of_page_one_in_small_type(examples_all_formats: Any) -> None:
    pages = read_pages(examples_all_formats.path(UN, "pdf"))
    lines = [line for line in pages[0].lines if line.text().startswith(("*", "This record"))]
    assert lines, "no footnote on page 1"
    note = lines[-1]
    body = [line for line in pages[0].lines if line.top < note.top]
    assert note.top > 0.75 * pages[0].height
    assert max(w.y1 - w.y0 for w in note.words) < min(max(w.y1 - w.y0 for w in line.words) for line in body[-3:])
    assert all(NOTE.split()[0] not in line.text() for page in pages[1:] for line in page.lines)


def test_doctor_checks_the_metric_compatible_faces(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafting import doctor

    found = {check.name: check for check in doctor.run_checks()}
    assert found["face for Calibri"].ok and found["face for Calibri"].detail in ("Carlito", "Calibri")
    assert found["face for Times New Roman"].ok
    from drafting.packages import package_names

    assert {"fonts-crosextra-carlito", "fonts-liberation2"} <= set(package_names("build"))  # make build installs them
    # Without Carlito fontconfig falls back to another face: doctor names the package.
    real_run = subprocess.run
    monkeypatch.setattr(doctor.subprocess, "run", lambda args, **kw: real_run(
        [*args[:-1], "DejaVu Sans"] if args[0] == "fc-match" else args, **kw))
    missing = doctor.check_metric_face("Calibri")
    assert not missing.ok and missing.fix == "apt-get install -y fonts-crosextra-carlito", missing


# Found by records written from scratch: the Russian wording declines "Документа", and a long
# revision line wrapped in the 6 cm column; the Arabic masthead's columns were not mirrored.
REVISED = {
    "ru": ["Пересмотр 12", "Документа VC/15-R", "16 сентября 2020 года", "Оригинал: английский"],
    "ar": ["المراجعة 12", "للوثيقة VC/15-A", "16 أيلول/سبتمبر 2020", "الأصل: الإنكليزية"],
    "es": ["Revisión 12 al", "Documento VC/15-S", "16 de septiembre de 2020", "Original: inglés"],
    "zh": ["VC/15-C号文件第12次修订版", "2020年9月16日", "原文：英文"],
}


@pytest.mark.parametrize("code", sorted(REVISED))
def test_revision_masthead_in_other_languages(code: str, tmp_path: Path, drafting_build: Any) -> None:
    import yaml

    source = (EXAMPLES / f"vc15-1.{code}.yaml").read_text(encoding="utf-8")
    record = tmp_path / f"rev.{code}.yaml"
    record.write_text(source.replace("date: 2020-06-16\n", "date: 2020-09-16\nrevision: 12\n", 1), encoding="utf-8")
    result = drafting_build(record, "--to", "docx,pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / f"rev.{code}.docx"))
    masthead = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert masthead == REVISED[code]
    first = read_pages(tmp_path / "out" / f"rev.{code}.pdf")[0]
    for text in REVISED[code]:
        line = _line_holding(first, text, code == "ar")
        assert line is not None, f"{text!r} wraps"
        # The right-hand column: at the page's left in Arabic, at its right otherwise.
        middle = first.width / 2
        assert (max(w.x1 for w in line.words) < middle + 30) if code == "ar" else (max(w.x1 for w in line.words) > middle), text
    imported = tmp_path / "imported.yaml"
    assert drafting_import(tmp_path / "out" / f"rev.{code}.docx", imported).exit_code == 0
    assert yaml.safe_load(imported.read_text(encoding="utf-8"))["revision"] == 12


# ITU corrigenda: "Corrigendum 1 to" over "Document …" as a revision is printed, in each
# language's own words (docs/languages.md), "(Corr.N)" before the language letter in the running head.
CORRECTED = {
    "en": ["Corrigendum 12 to", "Document VC/15-E"],
    "fr": ["Rectificatif 12 au", "Document VC/15-F"],
    "es": ["Corrigéndum 12 al", "Documento VC/15-S"],
    "ru": ["Исправление 12 к", "Документу VC/15-R"],
    "zh": ["文件 VC/15-C的更正12"],
    "ar": ["تصويب 12", "للوثيقة VC/15-A"],
}


def _corrected(tmp_path: Path, drafting_build: Any, code: str, fields: str) -> tuple[Path, Path]:
    """vc15-1 in one language with the given issue fields, built to DOCX and PDF."""
    source = (EXAMPLES / f"vc15-1.{code}.yaml").read_text(encoding="utf-8")
    record = tmp_path / f"corr.{code}.yaml"
    record.write_text(source.replace("date: 2020-06-16\n", f"date: 2020-06-16\n{fields}", 1), encoding="utf-8")
    result = drafting_build(record, "--to", "docx,pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / f"corr.{code}.docx", tmp_path / "out" / f"corr.{code}.pdf"


def _imported(tmp_path: Path, source: Path) -> dict[str, Any]:
    import yaml

    imported = tmp_path / f"imported-{source.suffix[1:]}.yaml"
    result = drafting_import(source, imported)
    assert result.exit_code == 0, result.output
    return yaml.safe_load(imported.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_corrigendum_masthead_and_running_head_in_every_language(code: str, tmp_path: Path, drafting_build: Any) -> None:
    docx_path, pdf_path = _corrected(tmp_path, drafting_build, code, "corrigendum: 12\n")
    symbol = CORRECTED[code][-1].split()[-1][:7]
    running = symbol.replace("-", "(Corr.12)-")
    document = docx.Document(str(docx_path))
    masthead = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert masthead[: len(CORRECTED[code])] == CORRECTED[code], masthead
    assert len(masthead) == len(CORRECTED[code]) + 2, masthead  # then the date and "Original:" lines only
    assert document.sections[0].header.paragraphs[0].text.startswith(running + "\t")
    pages = read_pages(pdf_path)
    first = pages[0]
    middle = first.width / 2
    for text in masthead:
        line = _line_holding(first, text, code == "ar")
        assert line is not None, f"{text!r} wraps"
        # The right-hand column: at the page's left in Arabic, at its right otherwise.
        assert (max(w.x1 for w in line.words) < middle + 30) if code == "ar" else (max(w.x1 for w in line.words) > middle), text
    head = pages[1].lines[0]
    assert running in [w.text for w in head.words], head.text()
    assert sum(running in line.text() for line in first.lines) == 0  # page 1 has no running head
    # Read back from the DOCX and from the PDF: the same record fields.
    for source in (docx_path, pdf_path):
        data = _imported(tmp_path, source)
        assert (data.get("corrigendum"), data["symbol"], data.get("revision")) == (12, symbol, None), source.suffix


def test_corrigendum_to_a_revision_names_the_revision(tmp_path: Path, drafting_build: Any) -> None:
    # "Corrigendum 1 to Document C17/124(Rev.1)-E": the running head carries both, revision first.
    docx_path, pdf_path = _corrected(tmp_path, drafting_build, "en", "revision: 1\ncorrigendum: 2\n")
    document = docx.Document(str(docx_path))
    masthead = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert masthead == ["Corrigendum 2 to", "Document VC/15(Rev.1)-E", "16 June 2020", "Original: English"]
    assert document.sections[0].header.paragraphs[0].text.startswith("VC/15(Rev.1)(Corr.2)-E\t")
    pages = read_pages(pdf_path)
    texts = [line.text() for line in pages[0].lines]
    assert texts[:2] == ["Virtual consultation of councillors Corrigendum 2 to", "Starting 9 June 2020 Document VC/15(Rev.1)-E"], texts[:4]
    assert not any("Revision" in t for t in texts)
    assert pages[1].lines[0].text() == "VC/15(Rev.1)(Corr.2)-E 2"
    for source in (docx_path, pdf_path):
        data = _imported(tmp_path, source)
        assert (data["symbol"], data["revision"], data["corrigendum"]) == ("VC/15-E", 1, 2), source.suffix


def test_corrigendum_number_must_be_a_positive_integer(tmp_path: Path, drafting_build: Any) -> None:
    source = (EXAMPLES / "vc15-1.en.yaml").read_text(encoding="utf-8")
    record = tmp_path / "bad.en.yaml"
    record.write_text(source.replace("date: 2020-06-16\n", "date: 2020-06-16\ncorrigendum: 0\n", 1), encoding="utf-8")
    result = drafting_build(record, "--to", "docx", "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    line = source.splitlines().index("date: 2020-06-16") + 2
    assert f"bad.en.yaml:{line}:" in result.output and "corrigendum" in result.output, result.output
    assert not (tmp_path / "out" / "bad.en.docx").exists()
