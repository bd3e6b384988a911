"""`drafting new` writes a commented starter record that validates and builds as it stands."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from drafting.cli import main
from drafting.language import LANGUAGES

REPO = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("style", ["itu", "un"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_starter_validates_and_builds_to_docx_and_html(tmp_path: Path, style: str, language: str) -> None:
    record = tmp_path / f"first.{language}.yaml"
    made = run("new", "--style", style, "--language", language, "-o", str(record))
    assert made.exit_code == 0, made.output
    assert made.stdout == f"{record}: a starter record ({style}, {language}); next: drafting validate {record} && drafting build {record}\n"
    checked = run("validate", str(record))
    assert (checked.exit_code, checked.output) == (0, "")
    out = tmp_path / "out"
    built = run("build", str(record), "--to", "docx,html", "-o", str(out))
    assert built.exit_code == 0, built.output
    assert built.stderr == ""  # not even a warning

    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["style"] == style and data["language"] == data["original_language"] == language
    assert len(data["chairs"]) == 2  # a chair change
    paragraphs = [p.text for p in docx.Document(str(out / f"first.{language}.docx")).paragraphs]
    # Two levels of sub-paragraphs and a resolved cross-reference, in the DOCX.
    second = [t for t in paragraphs if t.split("\t")[0] in ("(i)", "i)", "(ii)", "ii)")]
    assert len(second) == 2, paragraphs
    target = "1.2" if style == "itu" else "2"
    # The label as printed: "3.1", "6.", or UN Arabic's "6 -" (a no-break space before the dash).
    last = [t for t in paragraphs if t.split("\t")[0].rstrip(".-").rstrip() == ("3.1" if style == "itu" else "6")]
    assert len(last) == 1 and target in last[0].split("\t", 1)[1], paragraphs
    html = lxml.html.fromstring((out / f"first.{language}.html").read_bytes())
    assert html.xpath('//a[@href="#agenda-adopted"]') and html.get_element_by_id("agenda-adopted") is not None


@pytest.mark.parametrize("style, language", [("itu", "en"), ("un", "zh")])
def test_starter_builds_a_pdf(tmp_path: Path, style: str, language: str) -> None:
    record = tmp_path / "first.yaml"
    assert run("new", "--style", style, "--language", language, "-o", str(record)).exit_code == 0
    built = run("build", str(record), "-o", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "first.pdf").read_bytes().startswith(b"%PDF-")


def test_starter_to_standard_output_is_the_same_record(tmp_path: Path) -> None:
    record = tmp_path / "first.yaml"
    run("new", "--language", "fr", "-o", str(record))
    printed = run("new", "--language", "fr")
    assert printed.exit_code == 0
    assert printed.stdout == record.read_text(encoding="utf-8")


def test_starter_names_the_schema_by_an_absolute_path_that_exists(tmp_path: Path) -> None:
    first = run("new").stdout.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=/")
    schema = Path(first.split("$schema=", 1)[1])
    assert schema.is_file() and schema.name == "record.schema.json"


def test_starter_is_not_written_over_an_existing_file(tmp_path: Path) -> None:
    record = tmp_path / "first.yaml"
    record.write_text("mine\n", encoding="utf-8")
    refused = run("new", "-o", str(record))
    assert refused.exit_code == 2
    assert refused.stderr == f"{record}: already exists; choose another name, or add --force to overwrite it\n"
    assert record.read_text(encoding="utf-8") == "mine\n"
    assert run("new", "-o", str(record), "--force").exit_code == 0
    assert record.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_starter_comments_explain_every_field() -> None:
    text = run("new", "--style", "un").stdout
    for words in ("# a chair change", "two levels at most", "# a cross-reference", "numbered: false", "Never type a paragraph number"):
        assert words in text, words


@pytest.mark.parametrize("language", LANGUAGES)
def test_un_starter_time_line_names_the_place_as_the_published_records_do(language: str) -> None:
    # The place follows the time line's verb with its article or preposition ("Held at the Palais
    # Wilson", "Tenue au Palais Wilson, à Genève", "состоявшемся во Дворце Вильсона в Женеве");
    # the starters once gave the bare name ("состоявшемся Дворец Вильсона").
    from drafting.language import time_line
    from drafting.starter import starter

    meeting = yaml.safe_load(starter("un", language))["meeting"]
    example = yaml.safe_load((REPO / "examples" / f"ccpr-c-sr-3901.{language}.yaml").read_text(encoding="utf-8"))["meeting"]
    assert meeting["place"] == example["place"]
    published = time_line(str(example["date"]), example["start"], None, example["place"], language, "un")
    assert meeting["place"] in time_line(str(meeting["date"]), meeting["start"], None, meeting["place"], language, "un")
    assert example["place"] in published
