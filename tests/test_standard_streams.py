"""`-` is standard input or output wherever one file is read or written; files are known by content."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafting.cli import main
from drafting.starter import starter

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus" / "docx"
DRAFTING = str(REPO / ".venv" / "bin" / "drafting")


def run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_validate_reads_standard_input() -> None:
    good = run("validate", "-", stdin=starter("itu", "ru"))
    assert (good.exit_code, good.output) == (0, "")
    bad = run("validate", "-", stdin=starter("itu", "en").replace("date: 2019-07-01", "date: 1 July 2019"))
    assert bad.exit_code == 2
    assert bad.stderr.startswith("<stdin>:") and "expected a date written YYYY-MM-DD" in bad.stderr


def test_lint_reads_standard_input_and_writes_standard_output() -> None:
    # A record with a hand-written wrong number: the lint finds it from standard input.
    record = starter("itu", "en").replace("      - id: report-noted\n", "      - id: report-noted\n        number: \"2.7\"\n")
    piped = subprocess.run([DRAFTING, "lint", "-", "-o", "-", "--format", "json"], input=record.encode(), capture_output=True, check=False)
    assert piped.returncode == 1, piped.stderr
    report = json.loads(piped.stdout)
    assert [f["path"] for f in report["files"]] == ["<stdin>"]
    assert [(f["found"], f["expected"]) for f in report["files"][0]["findings"]] == [("2.7", "2.3")]
    assert not Path("-").exists()


def test_lint_reads_a_word_file_from_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(REPO / "examples" / "vc15-1.en.yaml"), "--to", "docx", "-o", str(out)).exit_code == 0
    data = (out / "vc15-1.en.docx").read_bytes()
    from_stdin = subprocess.run([DRAFTING, "lint", "-"], input=data, capture_output=True, check=False)
    from_file = subprocess.run([DRAFTING, "lint", str(out / "vc15-1.en.docx")], capture_output=True, check=False)
    assert from_stdin.returncode == from_file.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout.replace(str(out / "vc15-1.en.docx").encode(), b"<stdin>")


def test_build_reads_standard_input(tmp_path: Path) -> None:
    result = run("build", "-", "--to", "docx", "-o", str(tmp_path), stdin=starter("un", "es"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"<stdin> -> {tmp_path / 'stdin.docx'}\n"


def _first_docx() -> Path:
    return next(p for p in sorted(CORPUS.rglob("*.docx")) if p.stat().st_size > 2000)


@pytest.mark.parametrize("kind", ["docx", "pdf", "zip"])
def test_a_file_of_another_kind_is_named_with_the_command_that_reads_it(tmp_path: Path, kind: str) -> None:
    import zipfile

    given = tmp_path / "record.yaml"  # named like a record, on purpose
    if kind == "docx":
        given.write_bytes(_first_docx().read_bytes())
        expected = f"{given}: this is a Word file (DOCX), not a record (YAML or JSON): check its numbering with `drafting lint {given}`"
    elif kind == "pdf":
        given.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
        expected = f"{given}: this is a PDF, not a record (YAML or JSON): check its numbering with `drafting lint"
    else:
        with zipfile.ZipFile(given, "w") as archive:
            archive.writestr("records/x.yaml", starter("itu", "en"))
        expected = f"{given}: this is a ZIP archive, not a record (YAML or JSON): unpack it (`unzip {given}`)"
    result = run("validate", str(given))
    assert result.exit_code == 2
    assert result.stderr.startswith(expected), result.stderr
    assert "UTF-8" not in result.stderr
    piped = run("validate", "-", stdin=given.read_bytes())
    assert piped.exit_code == 2 and piped.stderr.startswith("<stdin>: this is a"), piped.stderr


def test_a_word_file_not_named_docx_is_built_as_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(REPO / "examples" / "vc15-1.en.yaml"), "--to", "docx", "-o", str(out)).exit_code == 0
    renamed = tmp_path / "edited.bin"
    renamed.write_bytes((out / "vc15-1.en.docx").read_bytes())
    result = run("build", str(renamed), "--to", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "edited.html").is_file()


def test_build_without_fonts_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    # Pango hands WeasyPrint a null font when fontconfig knows none: the process would die (139).
    import os

    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n', encoding="utf-8")
    record = tmp_path / "first.yaml"
    record.write_text(starter("itu", "en"), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    result = subprocess.run([DRAFTING, "build", str(record), "-o", str(out)], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"{record}: cannot make a PDF in 'en': no installed font covers it; apt-get install -y fonts-crosextra-carlito fonts-liberation2 "
                             "(run `drafting doctor` for every check)\n")
    assert not out.exists()
    docx_only = subprocess.run([DRAFTING, "build", str(record), "--to", "docx", "-o", str(out)], env=env, capture_output=True, text=True, check=False)
    assert docx_only.returncode == 0, docx_only.stderr


def test_lint_reads_a_word_file_by_content_and_names_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(REPO / "examples" / "vc15-1.en.yaml"), "--to", "docx", "-o", str(out)).exit_code == 0
    renamed = tmp_path / "record.txt"
    renamed.write_bytes((out / "vc15-1.en.docx").read_bytes())
    as_text = run("lint", str(renamed))
    as_docx = run("lint", str(out / "vc15-1.en.docx"))
    assert as_text.exit_code == as_docx.exit_code == 0, as_text.output
    assert as_text.stdout == as_docx.stdout.replace(str(out / "vc15-1.en.docx"), str(renamed))
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    named = run("lint", str(pdf))
    assert named.exit_code == 2
    assert named.stderr.startswith(f"{pdf}: cannot read PDF:")  # read as a PDF, not as a record
