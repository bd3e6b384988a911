"""Records typed by hand, as a secretariat has them: an ITU record with its agenda in a table and a UN
record with its numbers straight through, in English, French and Russian, as text, Word and PDF
(the Word file printed by LibreOffice). Each imports to a record whose build carries every typed
paragraph, with the typed record's sections and paragraphs."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from drafting.cli import main


@dataclass(frozen=True)
class Typed:
    """A typed record: masthead lines, agenda rows (ITU), sections of (label, text) paragraphs, signatures."""

    style: str
    language: str
    masthead: list[str]
    agenda_header: tuple[str, str]
    agenda: list[tuple[str, str]]  # (title, documents)
    sections: list[tuple[str, list[tuple[str, str]]]]  # (heading as typed, [(label, text)])
    signatures: list[tuple[str, str]]
    reference: str  # the typed text of a cross-reference that must become a link

    def paragraphs(self) -> list[str]:
        return [text for _, paragraphs in self.sections for _, text in paragraphs]


ITU = {
    "en": Typed(
        "itu", "en",
        ["Council 2023", "Geneva, 11-21 July 2023", "Document C23/40-E", "25 July 2023", "Original: English", "",
         "SUMMARY RECORD OF THE THIRD PLENARY MEETING", "Thursday, 13 July 2023, from 0930 to 1230 hours",
         "Chairman: Mr M. PÉREZ (Mexico)"],
        ("Subjects discussed", "Documents"),
        [("Report on the financial situation", "C23/10, C23/11"), ("Closing of the session", "-")],
        [("Report on the financial situation (Documents C23/10 and C23/11)",
          [("1.1", "The Secretary-General introduced the report in Document C23/10."),
           ("1.2", "The councillor for Argentina asked about the reserves, recalling paragraph 1.1."),
           ("(a)", "first, the reserves;"), ("(b)", "second, the costs."), ("1.3", "It was so agreed.")]),
         ("Closing of the session", [("2.1", "The Chairman closed the session.")])],
        [("The Secretary-General:", "D. BOGDAN-MARTIN"), ("The Chairman:", "M. PÉREZ")],
        "paragraph [](#p1-1)",
    ),
    "fr": Typed(
        "itu", "fr",
        ["Conseil 2023", "Genève, 11-21 juillet 2023", "Document C23/40-F", "25 juillet 2023", "Original : anglais", "",
         "COMPTE RENDU DE LA TROISIÈME SÉANCE PLÉNIÈRE", "Jeudi 13 juillet 2023, de 9 h 30 à 12 h 30",
         "Président : M. M. PÉREZ (Mexique)"],
        ("Questions examinées", "Documents"),
        [("Rapport sur la situation financière", "C23/10, C23/11"), ("Clôture de la session", "-")],
        [("Rapport sur la situation financière (Documents C23/10 et C23/11)",
          [("1.1", "Le Secrétaire général présente le rapport figurant dans le Document C23/10."),
           ("1.2", "Le conseiller de l’Argentine pose une question sur les réserves, rappelant le paragraphe 1.1."),
           ("a)", "d’abord, les réserves;"), ("b)", "ensuite, les coûts."), ("1.3", "Il en est ainsi décidé.")]),
         ("Clôture de la session", [("2.1", "Le Président prononce la clôture de la session.")])],
        [("Le Secrétaire général :", "D. BOGDAN-MARTIN"), ("Le Président :", "M. PÉREZ")],
        "paragraphe [](#p1-1)",
    ),
    "ru": Typed(
        "itu", "ru",
        ["Совет 2023", "Женева, 11–21 июля 2023 года", "Документ C23/40-R", "25 июля 2023 года", "Оригинал: английский", "",
         "КРАТКИЙ ОТЧЕТ О ТРЕТЬЕМ ПЛЕНАРНОМ ЗАСЕДАНИИ", "Четверг, 13 июля 2023 года, 09 час. 30 мин. – 12 час. 30 мин.",
         "Председатель: г-н М. ПЕРЕС (Мексика)"],
        ("Обсуждавшиеся вопросы", "Документы"),
        [("Отчет о финансовом положении", "C23/10, C23/11"), ("Закрытие сессии", "-")],
        [("Отчет о финансовом положении (Документы C23/10 и C23/11)",
          [("1.1", "Генеральный секретарь представил отчет, содержащийся в Документе C23/10."),
           ("1.2", "Советник от Аргентины задал вопрос о резервах, напомнив пункт 1.1."),
           ("a)", "во-первых, о резервах;"), ("b)", "во-вторых, о затратах."), ("1.3", "Так было решено.")]),
         ("Закрытие сессии", [("2.1", "Председатель закрыл сессию.")])],
        [("Генеральный секретарь:", "Д. БОГДАН-МАРТИН"), ("Председатель:", "М. ПЕРЕС")],
        "пункт [](#p1-1)",
    ),
}

UN = {
    "en": Typed(
        "un", "en",
        ["CCPR/C/SR.3905", "Distr.: General", "22 March 2024", "Original: English", "", "Human Rights Committee",
         "140th session", "", "Summary record of the 3905th meeting",
         "Held at the Palais Wilson, Geneva, on Friday, 22 March 2024, at 10 a.m.", "Chair: Ms. Halvorsen"],
        ("", ""), [],
        [("Consideration of reports submitted by States parties",
          [("1.", "The Chair welcomed the delegation of Marenia."),
           ("2.", "Mr. Haddad said that the report was useful."),
           ("", "Mr. Quintero-Abad, Vice-Chair, took the Chair."),
           ("3.", "Ms. Varga said that, as stated in paragraph 2 above, the reform continued.")]),
         ("Organizational and other matters",
          [("4.", "The Chair said that the Committee would hold an informal meeting."),
           ("5.", "It was so decided.")])],
        [], "paragraph [](#p2)",
    ),
    "fr": Typed(
        "un", "fr",
        ["CCPR/C/SR.3905", "Distr. générale", "22 mars 2024", "Original : français", "", "Comité des droits de l’homme",
         "Cent quarantième session", "", "Compte rendu analytique de la 3905e séance",
         "Tenue au Palais Wilson, à Genève, le vendredi 22 mars 2024, à 10 heures", "Présidente : Mme Halvorsen"],
        ("", ""), [],
        [("Examen des rapports soumis par les États parties",
          [("1.", "La Présidente souhaite la bienvenue à la délégation marénienne."),
           ("2.", "M. Haddad dit que le rapport est utile."),
           ("", "M. Quintero-Abad, Vice-Président, prend la présidence."),
           ("3.", "Mme Varga dit que, comme indiqué au paragraphe 2 ci-dessus, la réforme se poursuit.")]),
         ("Questions d’organisation et questions diverses",
          [("4.", "La Présidente dit que le Comité tiendra une réunion informelle."),
           ("5.", "Il en est ainsi décidé.")])],
        [], "paragraphe [](#p2)",
    ),
    "ru": Typed(
        "un", "ru",
        ["CCPR/C/SR.3905", "Distr.: General", "22 марта 2024 года", "Russian", "Original: English", "", "Комитет по правам человека",
         "Сто сороковая сессия", "", "Краткий отчет о 3905-м заседании,",
         "состоявшемся во Дворце Вильсона в Женеве в пятницу, 22 марта 2024 года, в 10 час. 00 мин.", "Председатель: г-жа Хальворсен"],
        ("", ""), [],
        [("Рассмотрение докладов, представленных государствами-участниками",
          [("1.", "Председатель приветствует делегацию Марении."),
           ("2.", "Г-н Хаддад говорит, что доклад полезен."),
           ("", "Г-н Кинтеро-Абад, заместитель Председателя, занимает место Председателя."),
           ("3.", "Г-жа Варга говорит, что, как указано в пункте 2 выше, реформа продолжается.")]),
         ("Организационные и другие вопросы",
          [("4.", "Председатель говорит, что Комитет проведет неофициальное совещание."),
           ("5.", "Решение принимается.")])],
        [], "пункте [](#p2)",
    ),
}

RECORDS = {f"{t.style}-{t.language}": t for t in [*ITU.values(), *UN.values()]}


def _agenda_number(index: int) -> str:
    return str(index + 1)


def _heading(typed: Typed, index: int, heading: str) -> str:
    return f"{index + 1}\t{heading}" if typed.style == "itu" else heading


def write_text(typed: Typed, path: Path) -> None:
    """The layout of a published record copied as text: tabs after numbers, the agenda as tab-indented cells."""
    lines = list(typed.masthead) + [""]
    if typed.agenda:
        lines += ["\t" + typed.agenda_header[0], "\t" + typed.agenda_header[1]]
        for index, (title, documents) in enumerate(typed.agenda):
            lines += ["\t" + _agenda_number(index), "\t" + title, "\t" + documents]
        lines.append("")
    for index, (heading, paragraphs) in enumerate(typed.sections):
        lines += [_heading(typed, index, heading), ""]
        for label, text in paragraphs:
            lines += [f"{label}\t{text}" if label else text, ""]
    if typed.signatures:
        lines += ["\t".join(role for role, _ in typed.signatures), "\t".join(name for _, name in typed.signatures)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(typed: Typed, path: Path) -> None:
    """The record as a secretary types it in Word: lines, a real agenda table, bold UN headings, tabs."""
    document = docx.Document()
    for line in typed.masthead:
        if line:
            document.add_paragraph(line)
    if typed.agenda:
        rows = [("", *typed.agenda_header)] + [(_agenda_number(i), title, documents) for i, (title, documents) in enumerate(typed.agenda)]
        table = document.add_table(rows=len(rows), cols=3)
        for row, cells in zip(table.rows, rows):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    for index, (heading, paragraphs) in enumerate(typed.sections):
        if typed.style == "un":
            document.add_paragraph().add_run(heading).bold = True
        else:
            document.add_paragraph(_heading(typed, index, heading))
        for label, text in paragraphs:
            document.add_paragraph(f"{label}\t{text}" if label else text)
    if typed.signatures:
        document.add_paragraph("\t".join(role for role, _ in typed.signatures))
        document.add_paragraph("\t".join(name for _, name in typed.signatures))
    document.save(str(path))


@pytest.fixture(scope="module")
def typed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Every typed record as .txt and .docx, and the .docx printed to PDF by one LibreOffice run."""
    out = tmp_path_factory.mktemp("typed-records")
    files: dict[str, dict[str, Path]] = {}
    for name, typed in RECORDS.items():
        files[name] = {"txt": out / f"{name}.txt", "docx": out / f"{name}.docx", "pdf": out / f"{name}.pdf"}
        write_text(typed, files[name]["txt"])
        write_docx(typed, files[name]["docx"])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(out), *(str(f["docx"]) for f in files.values())],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return files


def _flat(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split())


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("name", list(RECORDS))
def test_a_typed_record_imports_to_a_record_whose_build_carries_every_paragraph(name: str, kind: str, typed_files, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    typed = RECORDS[name]
    out = tmp_path / f"{name}.yaml"
    result = CliRunner().invoke(main, ["import", str(typed_files[name][kind]), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["style"], data["language"]) == (typed.style, typed.language)
    # The typed record's sections and paragraphs: numbered and unnumbered, sub-paragraphs under their paragraph.
    typed_counts = [len([label for label, _ in paragraphs if not re.fullmatch(r"\(?[a-z]\)", label)]) for _, paragraphs in typed.sections]
    assert [len(s["paragraphs"]) for s in data["sections"]] == typed_counts
    if typed.style == "itu":
        assert [a["title"] for a in data["agenda"]] == [title for title, _ in typed.agenda]
        assert data["sections"][0]["paragraphs"][1]["subparagraphs"] == [text for label, text in typed.sections[0][1] if label in ("(a)", "(b)", "a)", "b)")]
        assert data["signatures"] == [{"role": role.rstrip(" :"), "name": name_} for role, name_ in typed.signatures]
    else:
        assert [s["title"] for s in data["sections"]] == [heading for heading, _ in typed.sections]
    texts = [p if isinstance(p, str) else p["text"] for s in data["sections"] for p in s["paragraphs"]]
    texts += [sub for s in data["sections"] for p in s["paragraphs"] if isinstance(p, dict) for sub in p.get("subparagraphs", [])]
    assert any(typed.reference in text for text in texts), texts
    built = CliRunner().invoke(main, ["build", str(out), "--to", "docx", "-o", str(tmp_path)], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    printed = [_flat(p.text) for p in docx.Document(str(tmp_path / f"{name}.docx")).paragraphs]
    for text in typed.paragraphs():
        # The reference is printed with its computed number, which is the typed one here.
        assert any(_flat(text) in line for line in printed), (text, printed)


def test_a_spanish_itu_text_with_its_own_table_header_and_a_reference_in_a_subparagraph(tmp_path: Path) -> None:
    # Typed with the header 'Asuntos tratados' (the official wording is 'Temas tratados'), a reference
    # inside a sub-paragraph: the header once made a section of its own, the reference stayed a number.
    source = Path(__file__).parent / "fixtures" / "itu-typed.es.txt"
    out = tmp_path / "es.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1 and "found 1.4, expected 1.3" in result.stderr
    assert "warning:" not in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [a["title"] for a in data["agenda"]] == ["Informe sobre la situación financiera", "Clausura de la sesión"]
    assert [len(s["paragraphs"]) for s in data["sections"]] == [3, 1]
    assert data["sections"][0]["paragraphs"][1]["subparagraphs"][1] == "informar al Consejo, como se indica en el párrafo [](#p1-1)."
    assert data["signatures"] == [{"role": "El Secretario General", "name": "D. BOGDAN-MARTIN"}, {"role": "El Presidente", "name": "M. PÉREZ"}]


def test_an_arabic_itu_text_with_one_month_name_and_a_clock_time(tmp_path: Path) -> None:
    # '25 يوليو 2023' (ITU's Arabic gives one month name, the UN's two) once was no date, and the time
    # line's '09:30' was read as a chair's colon.
    source = Path(__file__).parent / "fixtures" / "itu-typed.ar.txt"
    out = tmp_path / "ar.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["language"], data["date"], data["meeting"]["date"], data["session"]) == ("ar", "2023-07-25", "2023-07-13", "جنيف، 21-11 يوليو 2023")
    assert data["chairs"] == [{"role": "الرئيس", "name": "السيد م. بيريز (المكسيك)"}]
    assert [len(s["paragraphs"]) for s in data["sections"]] == [2, 1]
    assert data["sections"][0]["paragraphs"][1].endswith("الفقرة [](#p1-1).")


def test_word_joiners_in_a_word_file_leave_no_trace_in_the_record(tmp_path: Path) -> None:
    # The build keeps symbols and dates whole with word joiners (U+2060): they are not text of the record.
    # A Word file carrying them imports without them (the build puts them back).
    typed = RECORDS["itu-en"]
    source = tmp_path / "joined.docx"
    write_docx(typed, source)
    document = docx.Document(str(source))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = re.sub(r"(?<=[A-Z0-9]/)", "\u2060", run.text)
    document.save(str(source))
    out = tmp_path / "joined.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "\u2060" not in out.read_text(encoding="utf-8")
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["symbol"] == "C23/40-E" and data["agenda"][0]["documents"] == ["C23/10", "C23/11"]
    assert data["sections"][0]["paragraphs"][0]["text"] == "The Secretary-General introduced the report in Document C23/10."
