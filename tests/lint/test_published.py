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


@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext-layout"])
def test_pdftotext_extract_with_typed_mistakes(published: Path, tmp_path: Path, layout: bool) -> None:
    text = _extract(published / "vc15-1.en.pdf", layout)
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
    assert got == sorted([
        ("N101", "6.3", "6.4"),
        ("N101", "8.8", "8.9"),
        ("W201", "", ""),  # the paragraph that lost its number
        ("N103", "9.3", "9.2"),
        ("N102", "10.2", "11.2"),
        ("W203", "8.8", ""),  # two paragraphs now carry 8.8
        ("W203", "9.3", "9.2"),
    ]), got
    assert status == 1
    lines = text.split("\n")  # pdftotext's form feeds are not line breaks for the lint
    for finding in findings:  # each finding points at the line that carries it
        if finding["found"]:
            assert finding["found"] in lines[finding["line"] - 1]
    assert run("renumber", "--check", typed).exit_code == 1
