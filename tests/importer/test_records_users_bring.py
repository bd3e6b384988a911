"""Records written from scratch as users bring them, each of which once imported wrong: a Spanish UN
record typed in Word (bold turned off on some runs) with its PDF and its plain-text export by LibreOffice,
a French ITU record typed in Word whose PDF begins a page with the signature block, texts saved one
paragraph a line, without blank lines (Word's 'Plain Text'), one with its columns set with spaces, and a
UN record copied from a PDF with its layout. Each imports to a record whose build prints every typed paragraph, with the typed record's
sections and paragraphs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.importer.test_import import run

FIXTURES = Path(__file__).parent / "fixtures"


def convert(folder: Path, sources: list[Path], target: str) -> None:
    """Convert Word files with LibreOffice into ``folder`` ('pdf', 'txt:Text (encoded):UTF8'), as a user would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
                           "--convert-to", target, "--outdir", str(folder), *(str(source) for source in sources)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

# The Spanish record's body as typed: (paragraph as typed, bold). Unbolded runs carry <w:b w:val="0"/>,
# as Word writes them when bold is turned off: they once made 'El Sr. … ocupa la Presidencia.' a heading.
SPANISH_MASTHEAD = ["Naciones Unidas", "CCPR/C/SR.4012", "Distr. general", "5 de julio de 2024", "Español", "Original: inglés",
                    "Comité de Derechos Humanos", "141º período de sesiones", "Acta resumida de la 4012ª sesión",
                    "Celebrada en el Palais Wilson, Ginebra, el miércoles 3 de julio de 2024, a las 15.00 horas",
                    "Presidenta:\tSra. Halvorsen", "más tarde:\tSr. Quintero-Abad (Vicepresidente)", "Sumario",
                    "Examen de los informes presentados por los Estados partes en virtud del artículo 40 del Pacto (continuación)",
                    "Cuestiones de organización y otros asuntos"]
SPANISH_BODY = [
    ("Se declara abierta la sesión a las 15.00 horas.", False),
    ("Examen de los informes presentados por los Estados partes en virtud del artículo 40 del Pacto (continuación)", True),
    ("Segundo informe periódico de Marenia (CCPR/C/MRN/2; CCPR/C/MRN/Q/2)", True),
    ("1.\tPor invitación de la Presidenta, la delegación de Marenia toma asiento a la mesa del Comité.", False),
    ("2.\tLa Sra. Ardelean (Marenia) dice que su Gobierno ha aprobado la Ley de Igualdad de 2023 y que ha creado una defensoría independiente.", False),
    ("3.\tEl Sr. Haddad pregunta:", False),
    ("a)\tcuántas denuncias ha recibido la defensoría;", False),
    ("b)\tqué presupuesto se le ha asignado.", False),
    ("El Sr. Quintero-Abad (Vicepresidente) ocupa la Presidencia.", False),
    ("4.\tLa Sra. Varga, refiriéndose a lo señalado en el párrafo 2, pregunta si la Ley se aplica a las zonas rurales.", False),
    ("5.\tLa delegación de Marenia se retira.", False),
    ("Cuestiones de organización y otros asuntos", True),
    ("6.\tEl Presidente dice que el Comité aprobará sus observaciones finales en su 4030ª sesión.", False),
    ("7.\tAsí queda acordado.", False),
    ("Se levanta la sesión a las 18.00 horas.", False),
]


def _write_spanish(path: Path) -> None:
    document = docx.Document()
    for n, line in enumerate(SPANISH_MASTHEAD):
        paragraph = document.add_paragraph()
        paragraph.add_run(line).bold = line.startswith(("Comité", "Acta", "Sumario")) or None
        if 1 <= n <= 5:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, bold in SPANISH_BODY:
        document.add_paragraph().add_run(text).bold = bold  # False writes <w:b w:val="0"/>
    document.save(str(path))


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spanish record as Word, and as LibreOffice prints it to PDF and exports it to plain text."""
    out = tmp_path_factory.mktemp("spanish")
    _write_spanish(out / "un.es.docx")
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        convert(out, [out / "un.es.docx"], target)
    return out


# A French ITU record typed in Word: its title on three lines, 'Président :' with the French space before
# the colon. Printed by LibreOffice, its last paragraph fills page 1 and the signature block begins page 2:
# the PDF reader reads the roles line as the paragraph's last line, and the names were once a paragraph.
FRENCH_MASTHEAD = ["Conseil 2025", "Genève, 17-27 juin 2025", "Document C25/88-F", "1er juillet 2025", "Original : anglais",
                   "COMPTE RENDU", "DE LA", "DEUXIÈME SÉANCE PLÉNIÈRE", "Mardi 17 juin 2025, de 14 h 30 à 17 h 30",
                   "Président : M. A. DUPONT (France)"]
FRENCH_AGENDA = [("", "Questions examinées", "Documents"), ("1", "Rapport du Groupe de travail du Conseil", "C25/12, C25/13"),
                 ("2", "Questions diverses", "-")]
FRENCH_BODY = [
    "1\tRapport du Groupe de travail du Conseil (Documents C25/12 et C25/13)",
    "1.1\tLe Président du Groupe de travail présente le rapport publié sous la cote C25/12 et rappelle que le Groupe s’est "
    "réuni à trois reprises depuis la dernière session du Conseil, en janvier, en mars et en mai.",
    "1.2\tLe conseiller du Brésil, appuyé par le conseiller du Kenya, propose que le Conseil :",
    "a)\tprenne note du rapport;",
    "b)\tcharge le Secrétaire général de faire rapport à la prochaine session.",
    "1.3\tIl en est ainsi décidé, compte tenu du paragraphe 1.2.",
    "2\tQuestions diverses",
    "2.1\tAucune question n’est soulevée. Le Président lève la séance à 17 h 25.",
    "Le Secrétaire général :\tLe Président :",
    "D. BOGDAN-MARTIN\tA. DUPONT",
]


def _write_french(path: Path) -> None:
    document = docx.Document()
    for line in FRENCH_MASTHEAD:
        document.add_paragraph(line)
    table = document.add_table(rows=len(FRENCH_AGENDA), cols=3)
    for row, cells in zip(table.rows, FRENCH_AGENDA):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    for line in FRENCH_BODY:
        document.add_paragraph(line)
    document.save(str(path))


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("french")
    _write_french(out / "itu.fr.docx")
    convert(out, [out / "itu.fr.docx"], "pdf")
    return out


def _flat(text: str) -> str:
    return " ".join(text.replace("\u2060", "").replace("\u00a0", " ").replace("\u202f", " ").split())


def _imported_and_built(source: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """The record imported from ``source`` and the paragraphs of its build (DOCX)."""
    out = tmp_path / "imported.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    built = run("build", out, "--to", "docx", "-o", tmp_path / "built")
    assert built.exit_code == 0, built.output
    document = docx.Document(str(tmp_path / "built" / "imported.docx"))
    return yaml.safe_load(out.read_text(encoding="utf-8")), [_flat(p.text) for p in document.paragraphs]


def _shape(data: dict[str, Any]) -> list[tuple[str | None, list[str]]]:
    """Each section's title and its paragraphs' kinds: N numbered, U unnumbered, N2 with two sub-paragraphs."""
    def kind(p: Any) -> str:
        if isinstance(p, str):
            return "N"
        return ("U" if p.get("numbered") is False else "N") + (str(len(p["subparagraphs"])) if p.get("subparagraphs") else "")

    return [(s.get("title"), [kind(p) for p in s["paragraphs"]]) for s in data["sections"]]


@pytest.mark.parametrize("kind", ["docx", "pdf", "txt"])
def test_a_spanish_un_record_typed_in_word_imports_whole_from_word_pdf_and_text(kind: str, spanish: Path, tmp_path: Path) -> None:
    data, printed = _imported_and_built(spanish / f"un.es.{kind}", tmp_path)
    examen = "Examen de los informes presentados por los Estados partes en virtud del artículo 40 del Pacto"
    assert _shape(data) == [(None, ["U"]), (examen, []), ("Segundo informe periódico de Marenia", ["N", "N", "N2", "U", "N", "N"]),
                            ("Cuestiones de organización y otros asuntos", ["N", "N", "U"])]
    assert data["sections"][1]["continued"] is True and data["sections"][2]["documents"] == ["CCPR/C/MRN/2", "CCPR/C/MRN/Q/2"]
    assert [a["title"] for a in data["agenda"]] == [examen, "Cuestiones de organización y otros asuntos"]
    assert data["chairs"] == [{"role": "Presidenta", "name": "Sra. Halvorsen"}, {"role": "más tarde", "name": "Sr. Quintero-Abad (Vicepresidente)"}]
    assert (data["symbol"], data["original_language"], data["meeting"]["number"], data["meeting"]["start"]) == ("CCPR/C/SR.4012", "en", 4012, "15:00")
    for text, _ in SPANISH_BODY:
        typed = _flat(re.sub(r"^(\d+\.|[a-z]\))\t", "", text))
        assert any(typed in line for line in printed), typed


def _typed_paragraphs(source: Path, first: str) -> list[str]:
    """The typed body from the line that starts with ``first``: each line without its label, columns apart."""
    text = source.read_text(encoding="utf-8")
    out = []
    for line in text[text.index(first):].splitlines():
        line = re.sub(r"^(\d+(\.\d+)?\.?|\(?[a-z]\))\s+", "", line.strip())
        out += [part for part in re.split(r"\s{2,}|\t", line) if part]
    return out


def test_a_un_text_saved_one_paragraph_a_line_keeps_its_headings_and_the_chair_change(tmp_path: Path) -> None:
    # No blank lines: 'Ms. Lemus (Vice-Chair) took the Chair.' once went on the paragraph above it,
    # and the heading 'Organizational matters' became an unnumbered paragraph of the section before.
    source = FIXTURES / "un-one-paragraph-a-line.en.txt"
    data, printed = _imported_and_built(source, tmp_path)
    reports = "Consideration of reports: (a) reports submitted by States parties in accordance with articles 16 and 17 of the Covenant"
    assert _shape(data) == [(None, ["U"]), (reports, []), ("Third periodic report of Lakeland", ["N", "N", "N2", "N", "U", "N", "N"]),
                            ("Organizational matters", ["N", "N", "U"])]
    assert data["sections"][2]["paragraphs"][4] == {"numbered": False, "text": "Ms. Lemus (Vice-Chair) took the Chair."}
    assert data["chairs"] == [{"role": "Chair", "name": "Mr. Abashidze"}, {"role": "later", "name": "Ms. Lemus (Vice-Chair)"}]
    for typed in _typed_paragraphs(source, "The meeting was called"):
        assert any(_flat(typed) in line for line in printed), typed


def test_an_itu_text_set_with_spaces_one_paragraph_a_line_gives_its_signatures(tmp_path: Path) -> None:
    # Columns set with spaces, no blank lines: the signature block once went on the last paragraph.
    source = FIXTURES / "itu-spaces-one-paragraph-a-line.ru.txt"
    data, printed = _imported_and_built(source, tmp_path)
    assert _shape(data) == [(None, ["N", "N2", "N"]), (None, ["N", "N", "N"]), (None, ["N"])]
    assert data["signatures"] == [{"role": "Генеральный секретарь", "name": "Д. БОГДАН-МАРТИН"}, {"role": "Председатель", "name": "А. ИВАНОВ"}]
    assert data["meeting"]["title"] == "КРАТКИЙ ОТЧЕТ\nО ВТОРОМ ПЛЕНАРНОМ ЗАСЕДАНИИ"
    assert [a["documents"] for a in data["agenda"][:2]] == [["C24/45"], ["C24/12", "C24/13"]]
    for typed in _typed_paragraphs(source, "1   Отчет Рабочей группы Совета по финансовым и людским ресурсам (Документ"):
        assert any(_flat(typed) in line for line in printed), typed


def test_a_un_text_copied_with_its_layout_reads_paragraphs_whole(tmp_path: Path) -> None:
    # As pdftotext -layout gives it: masthead columns set with spaces, paragraphs with a hanging indent and
    # their lines wrapped, a heading whose '(continued)' went to the next line. The wrapped lines once stayed
    # line breaks in the record (the build broke lines mid-sentence), '(continued)' became a heading of its
    # own and the chair change after a hanging paragraph went on that paragraph.
    source = FIXTURES / "un-layout-copied.en.txt"
    data, printed = _imported_and_built(source, tmp_path)
    reports = "Consideration of reports submitted by States parties under article 40 of the Covenant"
    assert _shape(data) == [(None, ["U"]), (reports, []), ("Fourth periodic report of Marenia", ["N", "N", "N", "U", "N", "U"])]
    assert data["sections"][1]["continued"] is True
    paragraphs = data["sections"][2]["paragraphs"]
    assert paragraphs[1]["text"] == ("Mr. Petit (Marenia), introducing his country's report, said that the Government had "
                                     "established a national human rights institution in 2022.")
    assert paragraphs[3] == {"numbered": False, "text": "Mr. Quintero-Abad (Vice-Chair) took the Chair."}
    # A break after a short line is the author's: kept.
    assert paragraphs[4] == "Mr. Petit (Marenia) said that it did, see:\n<https://www.example.org/marenia/nhri-report-2023.pdf>"
    assert (data["symbol"], data["original_language"], data["date"]) == ("CCPR/C/SR.4100", "fr", "2024-11-02")
    assert [c["role"] for c in data["chairs"]] == ["Chair", "later"]
    for typed in ("Mr. Petit (Marenia), introducing his country's report, said that the Government had established a national "
                  "human rights institution in 2022.", "Ms. Varga asked whether the institution, mentioned in paragraph 2 above, "
                  "complied with the Paris Principles.", "Mr. Quintero-Abad (Vice-Chair) took the Chair.", "The meeting rose at 1 p.m."):
        assert any(typed in line.replace("\u2019", "'") for line in printed), typed  # the build sets the apostrophe


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_french_itu_record_typed_in_word_imports_whole_with_its_signatures(kind: str, french: Path, tmp_path: Path) -> None:
    data, printed = _imported_and_built(french / f"itu.fr.{kind}", tmp_path)
    assert _shape(data) == [(None, ["N", "N2", "N"]), (None, ["N"])]
    assert data["signatures"] == [{"role": "Le Secrétaire général", "name": "D. BOGDAN-MARTIN"}, {"role": "Le Président", "name": "A. DUPONT"}]
    assert data["sections"][1]["paragraphs"] == ["Aucune question n’est soulevée. Le Président lève la séance à 17 h 25."]
    assert data["meeting"]["title"] == "COMPTE RENDU\nDE LA\nDEUXIÈME SÉANCE PLÉNIÈRE"
    assert (data["date"], data["meeting"]["start"], data["meeting"]["end"]) == ("2025-07-01", "14:30", "17:30")
    assert [(a["title"], a.get("documents")) for a in data["agenda"]] == [("Rapport du Groupe de travail du Conseil", ["C25/12", "C25/13"]),
                                                                          ("Questions diverses", None)]
    for line in FRENCH_BODY[1:8]:
        typed = _flat(re.sub(r"^(\d+(\.\d+)?|[a-z]\))\t", "", line))
        assert any(typed in printed_line for printed_line in printed), typed


def test_a_un_record_of_combined_reports_gives_the_heading_its_documents(tmp_path: Path) -> None:
    # 'Combined tenth and eleventh periodic reports of Lakeland (CERD/C/LKL/10-11)': a symbol ending in a
    # range was read as 'CERD/C/LKL/10', so the heading kept its documents in its title. The time line is
    # wrapped after 'at', the title carries the mark of a note that is kept as the last paragraph.
    source = FIXTURES / "un-combined-reports-part.en.txt"
    data, printed = _imported_and_built(source, tmp_path)
    heading = data["sections"][2]
    assert (heading["title"], heading["documents"]) == ("Combined tenth and eleventh periodic reports of Lakeland", ["CERD/C/LKL/10-11"])
    assert (data["meeting"]["number"], data["meeting"]["start"], data["chairs"][0]["name"]) == (3050, "15:00", "Ms. Shepherd")
    assert heading["paragraphs"][-1] == {"numbered": False, "text": "\\* No summary record was prepared for the second part (closed) of the meeting."}
    assert "Combined tenth and eleventh periodic reports of Lakeland (CERD/C/LKL/10-11)" in printed
    for typed in _typed_paragraphs(source, "The meeting was called"):
        assert any(_flat(typed) in line for line in printed), typed


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("language", ["en", "fr", "ru", "zh"])
def test_an_itu_record_copied_from_its_pdf_with_pdftotext_layout_imports_to_the_same_content(language: str, tmp_path: Path) -> None:
    # What a user gets copying a published PDF (pdftotext -layout): columns set with spaces, wrapped lines,
    # running heads at page breaks. A heading wrapped at a page break lost its last line ('C20/68)', taken
    # for a running head), a wrapped agenda row's last line ('l’information') became a paragraph, and every
    # wrapped paragraph kept its line breaks.
    from tests.importer.test_import import _unbroken, record_content

    source = EXAMPLES / f"vc15-1.{language}.yaml"
    built = run("build", source, "--to", "pdf", "-o", tmp_path)
    assert built.exit_code == 0, built.output
    text = tmp_path / f"vc15-1.{language}.txt"
    subprocess.run(["pdftotext", "-layout", str(tmp_path / f"vc15-1.{language}.pdf"), str(text)], check=True, timeout=60)
    out = tmp_path / "imported.yaml"
    result = run("import", text, "-o", out)
    assert result.exit_code == 0, result.output
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))
    # The typesetter's line breaks are gone: only the author's, after a short line (before a link), may stay.
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    broken = [p for s in data["sections"] for p in s["paragraphs"] if "\n" in (p if isinstance(p, str) else p["text"])]
    assert len(broken) <= 2, broken
