"""Proofreading what was published: PDFs (drafting's, LibreOffice's), pdftotext extracts, HTML and DOCX outputs.

Each test makes its inputs as a user would (a build, a Word file typed by hand and printed to PDF
by LibreOffice, pdftotext with and without -layout, mistakes typed into the extract) and checks
the exact findings, with the page where the proofreader sees them.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from conftest import convert_to_pdf, make_typed_docx
from drafting.cli import main
from drafting.resources import load_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def report(*args: str | Path) -> tuple[int, list[dict]]:
    """Lint with --format json; return the exit status and the findings of every file."""
    result = run("lint", "--format", "json", *args)
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("lint-report.schema.json"))
    return result.exit_code, [f for file in data["files"] for f in file["findings"]]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example built to DOCX, HTML and PDF."""
    out = tmp_path_factory.mktemp("published")
    result = run("build", *sorted(EXAMPLES.glob("*.yaml")), "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _counts(path: Path) -> tuple[int, int]:
    data = json.loads(run("lint", "--format", "json", path).stdout)
    entry = data["files"][0]
    return entry["headings"], entry["paragraphs"]


def test_every_output_of_every_example_lints_clean(published: Path) -> None:
    for record in sorted(EXAMPLES.glob("*.yaml")):
        stem = record.name.rsplit(".", 1)[0]
        expected = _counts(record)
        assert expected[1] > 10
        for suffix in (".docx", ".html", ".pdf"):
            output = published / (stem + suffix)
            status, findings = report(output)
            assert (status, findings) == (0, []), (output, findings)
            # Read, not skipped: as many numbered paragraphs (and ITU section headings) as the record has.
            headings, paragraphs = _counts(output)
            assert paragraphs == expected[1], output
            if record.name.startswith("vc15"):
                assert headings == expected[0], output


def test_language_of_outputs_is_the_records(published: Path) -> None:
    from drafting.lint import read_document

    for name, language in [("vc15-1.zh", "zh"), ("vc15-1.en", "en")]:
        for suffix in (".html", ".pdf", ".docx"):
            assert read_document(str(published / (name + suffix))).language == language, name + suffix


def test_pdf_running_heads_and_footnote_are_not_body(published: Path) -> None:
    from drafting.lint.pdffile import read_layout

    layout = read_layout(str(published / "ccpr-c-sr-3901.en.pdf"))
    roles = {line.text: line.role for page in layout.pages for line in page.lines}
    heads = [text for text, role in roles.items() if role == "furniture"]
    assert heads and all("CCPR/C/SR.3901" in text or text.strip().isdigit() for text in heads)
    footnote = [text for text, role in roles.items() if role == "footnote"]
    assert footnote and footnote[0].startswith("*") and "subject to correction" in footnote[0]
    assert all(role == "body" for text, role in roles.items() if text.startswith(("1.", "2.", "17.")))


def _extract(pdf: Path, layout: bool) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _retype(text: str, old: str, new: str) -> str:
    """Change the number that starts a line (as pdftotext printed it), once."""
    pattern = re.compile(rf"^(\s*){re.escape(old)}(?=\s|$)", re.MULTILINE)
    assert pattern.search(text), old
    return pattern.sub(lambda m: m.group(1) + new, text, count=1)


@pytest.mark.parametrize("layout", ["plain", "layout", "tabs"], ids=["pdftotext", "pdftotext-layout", "layout-spaces-as-tabs"])
def test_pdftotext_extract_with_typed_mistakes(published: Path, tmp_path: Path, layout: str) -> None:
    text = _extract(published / "vc15-1.en.pdf", layout != "plain")
    if layout == "tabs":  # the same text with the runs of spaces turned into tabs
        text = re.sub(r" {2,}", "\t", text)
    clean = tmp_path / "clean.txt"
    clean.write_text(text, encoding="utf-8")
    assert report(clean) == (0, [])
    text = _retype(text, "6.4", "6.3")  # a duplicated 6.3
    text = _retype(text, "8.9", "8.8")  # a duplicated 8.8
    text = _retype(text, "9.2", "")  # 9.2's number deleted
    text = _retype(text, "11.2", "10.2")  # a "10.2" inside section 11
    # Two references typed in: to the duplicated 8.8 (ambiguous), and to 9.3 (renumbered 9.2).
    text = text.replace("It was so concluded.", "It was so concluded, as stated in paragraph 8.8.", 1)
    text = text.replace("It was so agreed.", "It was so agreed (see paragraph 9.3).", 1)
    typed = tmp_path / "typed.txt"
    typed.write_text(text, encoding="utf-8")
    status, findings = report(typed)
    got = sorted((f["code"], f["found"] or "", f["expected"] or "") for f in findings)
    expected = [
        ("N101", "6.3", "6.4"),
        ("N101", "8.8", "8.9"),
        ("N103", "9.3", "9.2"),
        ("N102", "10.2", "11.2"),
        ("W203", "8.8", ""),  # two paragraphs now carry 8.8
        ("W203", "9.3", "9.2"),
    ]
    if layout != "tabs":
        # The paragraph that lost its number; with a tab left where the number was, it cannot be
        # told from a continuation line, and only the gap (N103) shows.
        expected.append(("W201", "", ""))
    assert got == sorted(expected), got
    assert status == 1
    lines = text.split("\n")  # pdftotext's form feeds are not line breaks for the lint
    for finding in findings:  # each finding points at the line that carries it
        if finding["found"]:
            assert finding["found"] in lines[finding["line"] - 1]
    assert run("renumber", "--check", typed).exit_code == 1


LONG = ("The councillor said that the preparations for the assembly had been thorough and that the secretariat deserved "
        "the thanks of the membership for the documents it had prepared under difficult conditions. ")
TITLES = ["Opening of the meeting", "Adoption of the agenda", "Preparations for WTSA-20", "Preparations for WTDC-21",
          "Preparations for WTPF-21", "World Telecommunication Day", "Summary of the outcomes"]
AGENDA = [(str(i + 1), title, f"C99/{i + 1}") for i, title in enumerate(TITLES)]


def _heading(number: str, index: int) -> tuple[str, str, bool]:
    return (number, f"{TITLES[index]} (Document C99/{index + 1})", True)


# Typed by hand, with the mistakes of the issue: a duplicate and its cascade, a gap, a wrong section
# prefix, a heading number off by one, full-width digits, the letter l for 1.
TYPED_ITU = [
    _heading("1", 0), ("1.1", LONG * 2, False), ("1.2", LONG, False), ("1.3", LONG * 3, False),
    _heading("2", 1), ("2.1", LONG, False), ("2.2", LONG * 2, False), ("2.2", "It was so agreed.", False), ("2.3", LONG, False), ("2.4", LONG * 2, False),
    _heading("3", 2), ("3.1", LONG * 2, False), ("3.3", LONG, False), ("3.4", LONG * 3, False),
    _heading("4", 3), ("4.1", LONG, False), ("3.2", "The meeting noted the report.", False), ("4.3", LONG * 2, False),
    _heading("6", 4), ("5.1", LONG, False), ("5.2", LONG * 2, False),
    _heading("6", 5), ("６.１", "The Chairman recalled paragraph 2.3 and paragraph 7.2. " + LONG, False), ("6.2", LONG, False),
    _heading("7", 6), ("7.l", LONG * 2, False), ("7.2", "It was so concluded.", False),
]
ARABIC = "وقال ممثل الأمانة إن التحضيرات للجمعية قد جرت على نحو شامل وإن الأمانة تستحق شكر الأعضاء على الوثائق التي أعدتها في ظروف صعبة. "
# UN Arabic: Arabic-Indic digits in the "1 -" form; a duplicate, and a reference to the duplicated number.
TYPED_ARABIC = [
    ("", "النظر في التقارير المقدمة من الدول الأطراف", True),
    ("١ -", ARABIC * 2, False), ("٢ -", ARABIC * 3, False), ("٣ -", ARABIC, False), ("٣ -", "وقد تقرر ذلك.", False),
    ("٤ -", ARABIC * 2 + "كما ورد في الفقرة ٣ أعلاه.", False), ("٦ -", ARABIC, False),
]


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Word files typed by hand, printed to PDF by LibreOffice (one soffice run)."""
    out = tmp_path_factory.mktemp("libreoffice")
    itu = make_typed_docx(out / "typed-itu.docx", TYPED_ITU, AGENDA)
    arabic = make_typed_docx(out / "typed-ar.docx", TYPED_ARABIC, [], symbol="CCPR/C/SR.4000", rtl=True, font="Noto Naskh Arabic")
    pdfs = convert_to_pdf(out, itu, arabic)
    return {"itu": pdfs[0], "ar": pdfs[1]}


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_libreoffice_pdf_of_a_typed_record(libreoffice_pdfs: dict[str, Path]) -> None:
    pdf = libreoffice_pdfs["itu"]
    status, findings = report(pdf)
    assert status == 1
    got = [(f["code"], f["found"], f["expected"]) for f in findings]
    assert got == [
        ("N101", "2.2", "2.3"), ("N108", "2.3", "2.4"), ("N108", "2.4", "2.5"),
        ("N103", "3.3", "3.2"), ("N108", "3.4", "3.3"),
        ("N102", "3.2", "4.2"),
        ("N106", "6", "5"),
        ("N107", "６.１", "6.1"), ("W203", "2.3", "2.4"),
        ("N107", "7.l", "7.1"),
    ], got
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 3  # type: ignore[union-attr]
    for finding in findings:
        # The page named is the page where pdftotext finds that number and the paragraph's first words.
        assert finding["where"].startswith(f"page {finding['page']}, line ")
        page = _page_text(pdf, finding["page"])
        assert finding["found"] in page
        words = " ".join(finding["text"].split()[:4]).rstrip("…")
        assert words in " ".join(page.split()), (finding, words)
    assert {f["page"] for f in findings} >= {2, 3}


def test_libreoffice_pdf_right_to_left_arabic(libreoffice_pdfs: dict[str, Path]) -> None:
    status, findings = report(libreoffice_pdfs["ar"])
    assert status == 1
    assert [(f["code"], f["found"], f["expected"]) for f in findings] == [
        ("N101", "٣", "٤"),  # expected numbers are written in the record's own digits
        ("N108", "٤", "٥"),
        ("W203", "٣", None),  # "الفقرة ٣": two paragraphs carry that number
    ]
    assert findings[0]["text"] == "وقد تقرر ذلك."
    from drafting.lint import read_document

    assert read_document(str(libreoffice_pdfs["ar"])).language == "ar"


def test_renumber_refuses_a_pdf_and_names_the_source(published: Path, libreoffice_pdfs: dict[str, Path]) -> None:
    result = run("renumber", published / "vc15-1.en.pdf")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cannot renumber a PDF" in result.stderr and "record (.yaml/.json) or .docx it was built from" in result.stderr
    result = run("renumber", "--check", libreoffice_pdfs["itu"])
    assert result.exit_code == 2 and "the .docx or record it was made from" in result.stderr
    result = run("renumber", published / "vc15-1.en.html")
    assert result.exit_code == 2 and "cannot renumber an HTML" in result.stderr


def test_pdf_reports_name_pages(libreoffice_pdfs: dict[str, Path], tmp_path: Path) -> None:
    pdf = libreoffice_pdfs["itu"]
    text = run("lint", pdf)
    first = text.stdout.splitlines()[0]
    assert re.match(rf"{re.escape(str(pdf))}: page \d+, line \d+: N101 number 2.2 is used twice \(found 2.2, expected 2.3\): \"It was so agreed.\"", first), first
    assert text.stdout.splitlines()[-1] == "1 file: 7 headings and 20 numbered paragraphs read; 9 errors, 1 warning"
    page = tmp_path / "report.html"
    assert run("lint", "--format", "html", "-o", page, pdf).exit_code == 1
    html = page.read_text(encoding="utf-8")
    assert '<div class="page">page 2</div>' in html and "<td>page 2, line " in html.replace('">page 2, line', '<td>page 2, line')


def test_building_from_a_docx_lints_it_first(tmp_path: Path) -> None:
    typed = make_typed_docx(tmp_path / "typed.docx", TYPED_ITU[:10], AGENDA[:2])
    out = tmp_path / "out"
    result = run("build", typed, "-o", out)
    assert result.exit_code == 1, result.output
    assert 'N101 number 2.2 is used twice (found 2.2, expected 2.3)' in result.stderr
    assert "nothing built" in result.stderr and not out.exists() or not any(out.iterdir())
    result = run("build", "--no-lint", typed, "-o", out, "--to", "html")
    assert result.exit_code == 0, result.output
    assert (out / "typed.html").is_file()


def test_nothing_numbered_is_never_a_silent_pass(tmp_path: Path) -> None:
    page = tmp_path / "cover.pdf"
    text = tmp_path / "letter.txt"
    text.write_text("Dear colleagues,\nThe meeting will take place on 3 May.\nYours sincerely,\n", encoding="utf-8")
    result = run("lint", text)
    assert result.exit_code == 0
    assert "W205 no numbered headings or paragraphs were recognised" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file: 0 headings and 0 numbered paragraphs read; 0 errors, 1 warning"
    assert run("lint", "--strict", text).exit_code == 1
    page.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = run("lint", page)
    assert result.exit_code == 2 and "cannot read PDF" in result.stderr and "Traceback" not in result.output
    # A page with no text layer (a scan) is not a clean result either.
    page.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                     b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    result = run("lint", page)
    assert result.exit_code == 2 and "it has no text layer" in result.stderr


def test_password_protected_pdf_is_a_clear_error(libreoffice_pdfs: dict[str, Path], tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--", str(libreoffice_pdfs["itu"]), str(locked)], check=True)
    result = run("lint", locked)
    assert result.exit_code == 2 and f"{locked}: cannot read PDF: it is protected by a password" in result.stderr


def _copied_from_browser(page: Path) -> str:
    """The text a reader gets by selecting all in a browser and pasting: blocks on lines, one space after
    a number, table cells separated by tabs."""
    import lxml.html

    root = lxml.html.parse(str(page)).getroot()
    for element in root.xpath("//style|//script|//title"):
        element.drop_tree()
    for element in root.iter():
        if element.text and not element.text.strip() and "\n" in element.text:
            element.text = ""
        if element.tail and not element.tail.strip() and "\n" in element.tail:
            element.tail = ""
    for element in root.iter("p", "h1", "h2", "h3", "li", "tr"):
        element.tail = (element.tail or "") + "\n"
    for element in root.iter("td", "th"):
        element.tail = (element.tail or "") + "\t"
    return re.sub(r" *\n+ *", "\n", root.text_content())


@pytest.mark.parametrize("name", ["vc15-1.en", "vc15-1.zh", "ccpr-c-sr-3901.en"])
def test_text_copied_from_a_browser(published: Path, tmp_path: Path, name: str) -> None:
    text = _copied_from_browser(published / f"{name}.html")
    copied = tmp_path / "copied.txt"
    copied.write_text(text, encoding="utf-8")
    assert report(copied) == (0, [])
    assert _counts(copied)[1] == _counts(EXAMPLES / f"{name}.yaml")[1]
    if name.startswith("vc15"):
        assert _counts(copied)[0] == 11  # "1 Opening of …" with one space is a heading
        typed = text.replace("\n6.3 ", "\n6.2 ", 1)
        expected = [("N101", "6.2", "6.3")]
    else:
        typed = text.replace("\n6. ", "\n5. ", 1)
        expected = [("N101", "5", "6"), ("W203", "5", None), ("W203", "5", None)]  # "paragraph 5" is now ambiguous
    copied.write_text(typed, encoding="utf-8")
    status, findings = report(copied)
    assert (status, [(f["code"], f["found"], f["expected"]) for f in findings]) == (1, expected)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_records_in_other_languages_lint_clean_in_every_output(tmp_path: Path) -> None:
    """Records written from scratch in Spanish (a masthead date "16 de junio de 2020" that wraps),
    French and Russian: every output reads back with its paragraphs and its reference, no finding."""
    records = sorted(FIXTURES.glob("new-user.*.yaml"))
    result = run("build", *records, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for record in records:
        stem = record.name.rsplit(".", 1)[0]
        expected = _counts(record)
        for suffix in (".docx", ".html", ".pdf"):
            output = tmp_path / (stem + suffix)
            assert report(output) == (0, []), output
            assert _counts(output)[1] == expected[1], output
            from drafting.lint import read_document

            doc = read_document(str(output))
            assert len(doc.references) == 1, output  # "paragraphe 1.2", "párrafo 1.1", "пункт 1"
            assert doc.language == record.name.split(".")[1], output


@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext-layout"])
def test_renumbering_an_extract_restores_it(published: Path, tmp_path: Path, layout: bool) -> None:
    original = _extract(published / "vc15-1.en.pdf", layout)
    typed = _retype(_retype(_retype(original, "6.4", "6.3"), "8.9", "8.8"), "11.2", "10.2")
    path = tmp_path / "typed.txt"
    path.write_text(typed, encoding="utf-8")
    assert run("renumber", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == original  # only the three numbers changed back
    assert run("lint", path).exit_code == 0


def test_pdf_reader_gives_paragraphs_for_other_tools(published: Path) -> None:
    """The reader is a component: paragraphs with their margin labels, text joined over lines and pages."""
    from drafting.lint.pdffile import paragraphs, read_layout

    found = paragraphs(read_layout(str(published / "vc15-1.en.pdf")))
    labels = [p.label for p in found if p.label is not None]
    assert labels[:11] == [str(n) for n in range(1, 12)]  # the agenda rows
    assert labels[11:16] == ["1", "1.1", "1.2", "1.3", "2"]
    first = next(p for p in found if p.label == "1.3")
    assert first.text.startswith("The Chairman of the 2019 session of the Council said that he hoped that the virtual consultation would")
    assert first.text.endswith("He stood ready to assist to that end.")
    assert len({page.number for page, _ in first.lines}) == 1
    assert all(p.lines[0][1].role == "body" for p in found)
