"""drafting import: typed records in other layouts, the reference text, round trips through Word, hostile files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from drafting.cli import main
from drafting.fidelity import paragraph_text

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "vc15-c-summary-record.zh.txt"


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def build_and_import(source: Path, kind: str, folder: Path):  # type: ignore[no-untyped-def]
    """Build ``source`` to ``kind`` (docx or pdf) in ``folder`` and import that file back, both exiting 0;
    return the imported YAML and the import's result (its output: findings, warnings)."""
    built = run("build", source, "--to", kind, "-o", folder, "--no-lint")
    assert built.exit_code == 0, built.output
    out = folder / "imported.yaml"
    imported = run("import", folder / f"{source.name.rsplit('.', 1)[0]}.{kind}", "-o", out)
    assert imported.exit_code == 0, imported.output
    return out, imported


def record_content(path: Path) -> tuple[object, list[tuple[object, ...]]]:
    """What a reader of the built record sees: masthead fields, headings, numbers and texts."""
    from drafting.record import build_record
    from drafting.source import load_source

    r = build_record(load_source(path))
    meta = (r.style, r.language, r.original_language, r.body, r.session, r.symbol, r.date, r.revision, r.distribution, r.title, r.time_line,
            [(c.role, c.name) for c in r.chairs], [(a.title, a.documents, a.continued) for a in r.agenda],
            [(s.role, s.name) for s in r.signatures], r.footnote)
    body: list[tuple[object, ...]] = [("H", s.label, r.heading_text(s)) for s in r.sections]
    for _, p in r.paragraphs():
        body.append(("P", p.label, "".join(x.text for x in r.spans(p.text)),
                     ["".join(x.text for x in r.spans(c.text)) for c in p.subparagraphs]))
    return meta, body


def test_reference_text_imports_with_its_three_numbering_findings(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    result = run("import", REFERENCE, "-o", out)
    assert result.exit_code == 1, result.output
    codes = [line.split(": ")[1].split()[0] for line in result.stderr.splitlines() if ": N1" in line]
    assert codes == ["N101", "N102", "N108"]
    assert run("validate", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    built = run("build", out, "--to", "docx", "-o", tmp_path)
    assert built.exit_code == 0, built.output
    printed = [" ".join(p.text.split()) for p in docx.Document(str(tmp_path / "r.docx")).paragraphs if p.text.strip()]
    typed = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines()[72:]]
    import re

    typed_body = [" ".join(re.sub(r"\[bookmark: [^\]]*\]", "", t).split()) for t in typed]
    typed_body = [t for t in typed_body if t]
    # Paragraph by paragraph from heading 1 to the last paragraph, apart from the three corrected numbers.
    start = printed.index(typed_body[0])
    merged: list[str] = []
    for line in typed_body[:-2]:  # the signature block is a table in the build
        if merged and not re.match(r"^\d+(\.\d+)?\s", line) and not line.startswith("主席的致辞"):
            merged[-1] += " " + line  # a continuation line (the links)
        else:
            merged.append(line)
    got = printed[start:start + len(merged)]
    # Word joiners (typography keeps each symbol on one line with them) are invisible.
    differ = [(a, b) for a, b in zip(merged, got) if a.replace(" ", "") != b.replace(" ", "").replace("\u2060", "")]
    assert [(a.split()[0], b.split()[0]) for a, b in differ] == [("10.8", "10.9"), ("10.2", "11.2"), ("11.2", "11.3")]


EXAMPLES = sorted(p.name[: -len(".yaml")] for p in (Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("stem", EXAMPLES)
def test_a_built_word_file_imports_to_the_same_record(stem: str, built_examples, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    built = built_examples[stem]
    out = tmp_path / f"{stem}.yaml"
    result = run("import", built.docx, "-o", out)
    assert result.exit_code == 0, result.output
    assert record_content(out) == record_content(built.source)


ITU_EN = """Council 2021
Virtual consultation
\tDocument C21/12-E
3 March 2021
Original: English

SUMMARY RECORD OF THE SECOND MEETING
Tuesday, 2 March 2021, from 1300 to 1600 hours
Chairman: Mr A. SMITH (Canada)

\tSubjects discussed
\tDocuments
\t1
\tBudget
\tC21/5
\t2
\tClosing
\t-

1\tBudget (Document C21/5)
1.1\tThe Secretary-General introduced the budget.
1.2\tThe councillor for France asked about *reserves* and costs_total.
1.2\tThe Chairman noted the comments made in paragraph 1.1.
2\tClosing
2.1\tThe Chairman recalled paragraph 1.1 and closed the meeting.
(a)\tfirst point;
(b)\tsecond point.

The Secretary-General:\tThe Chairman:
H. ZHAO\tA. SMITH
"""


def test_typed_itu_text_gives_masthead_subparagraphs_signatures_and_links(tmp_path: Path) -> None:
    source = tmp_path / "typed.txt"
    source.write_text(ITU_EN, encoding="utf-8")
    out = tmp_path / "typed.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1 and "N101" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["symbol"], data["date"], data["meeting"]["number"], data["meeting"]["start"], data["meeting"]["end"]) == ("C21/12-E", "2021-03-03", 2, "13:00", "16:00")
    assert data["chairs"] == [{"role": "Chairman", "name": "Mr A. SMITH (Canada)"}]
    assert data["agenda"] == [{"title": "Budget", "documents": ["C21/5"]}, {"title": "Closing"}]
    first, second = data["sections"]
    assert first["paragraphs"][0]["id"] == "p1-1"
    assert first["paragraphs"][2] == "The Chairman noted the comments made in paragraph [](#p1-1)."
    assert second["paragraphs"][0]["subparagraphs"] == ["first point;", "second point."]
    assert data["signatures"] == [{"role": "The Secretary-General", "name": "H. ZHAO"}, {"role": "The Chairman", "name": "A. SMITH"}]
    built = run("build", out, "--to", "docx", "-o", tmp_path)
    assert built.exit_code == 0, built.output
    texts = [p.text for p in docx.Document(str(tmp_path / "typed.docx")).paragraphs]
    assert "1.3\tThe Chairman noted the comments made in paragraph 1.1." in texts
    assert "1.2\tThe councillor for France asked about *reserves* and costs_total." in texts


UN_FR = """Comité des droits de l'homme
140e session
CCPR/C/SR.3902
Distr. générale
15 mars 2024
Original : français

Compte rendu analytique de la 3902e séance

Présidente : Mme Halvorsen

Examen des rapports

1.\tLa Présidente souhaite la bienvenue à la délégation.

2.\tM. Haddad dit que le rapport est utile, comme indiqué au paragraphe 1.

Questions diverses

4.\tLa séance est levée à 13 heures.
"""


def test_typed_un_french_text_with_continuous_numbers(tmp_path: Path) -> None:
    source = tmp_path / "un.txt"
    source.write_text(UN_FR, encoding="utf-8")
    out = tmp_path / "un.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1 and "found 4, expected 3" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["style"], data["language"], data["original_language"], data["meeting"]["number"]) == ("un", "fr", "fr", 3902)
    assert data["chairs"] == [{"role": "Présidente", "name": "Mme Halvorsen"}]
    assert [s["title"] for s in data["sections"]] == ["Examen des rapports", "Questions diverses"]
    assert data["sections"][0]["paragraphs"][1].endswith("paragraphe [](#p1).")


def _table(document, rows: list[tuple[str, ...]]) -> None:  # type: ignore[no-untyped-def]
    """An agenda table as a typist makes it: a header row, then number, subject, documents."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text


def _russian_docx(path: Path) -> None:
    document = docx.Document()
    for line in ["Совет 2021", "Виртуальная консультация", "Документ C21/12-R", "3 марта 2021 года", "Язык оригинала: английский",
                 "КРАТКИЙ ОТЧЕТ О ВТОРОМ ЗАСЕДАНИИ"]:
        document.add_paragraph(line)
    _table(document, [("", "Обсуждавшиеся вопросы", "Документы"), ("1", "Бюджет", "C21/5"), ("2", "Закрытие", "-")])
    document.add_paragraph("1\tБюджет (Документ C21/5)")
    p = document.add_paragraph("1.1\tГенеральный секретарь представил ")
    p.add_run("бюджет").bold = True
    p.add_run(".")
    document.add_paragraph("1.2\tСоветник от Франции задал вопрос.")
    document.add_paragraph("2\tЗакрытие")
    document.add_paragraph("2.1\tПредседатель закрыл собрание, сославшись на пункт 1.1.")
    document.save(str(path))


def test_typed_russian_word_file_keeps_bold_and_agenda_table(tmp_path: Path) -> None:
    source = tmp_path / "ru.docx"
    _russian_docx(source)
    out = tmp_path / "ru.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["language"] == "ru" and data["symbol"] == "C21/12-R"
    # 'Язык оригинала:' is read as the table's 'Оригинал:'; the title names the meeting in the prepositional case.
    assert (data["original_language"], data["meeting"]["number"]) == ("en", 2)
    assert [a["title"] for a in data["agenda"]] == ["Бюджет", "Закрытие"]
    assert [len(s["paragraphs"]) for s in data["sections"]] == [2, 1]
    assert data["sections"][0]["paragraphs"][0]["text"] == "Генеральный секретарь представил **бюджет**."
    assert data["sections"][1]["paragraphs"][0].endswith("пункт [](#p1-1).")


def test_an_existing_output_is_not_overwritten_without_force(tmp_path: Path) -> None:
    source = tmp_path / "typed.txt"
    source.write_text(ITU_EN, encoding="utf-8")
    out = tmp_path / "typed.yaml"
    out.write_text("keep", encoding="utf-8")
    result = run("import", source, "-o", out)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep"


def _docx_with_document_xml(path: Path, xml: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", xml)


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>',
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>1.1\t&x;</w:t></w:r></w:p></w:body></w:document>',
], ids=["entity-bomb", "external-entity"])
def test_entities_are_never_expanded(xml: bytes, tmp_path: Path) -> None:
    source = tmp_path / "hostile.docx"
    _docx_with_document_xml(source, xml)
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code in (0, 1, 2)
    assert "root:" not in result.output and "aaaaaaaaaa" * 10 not in result.output
    if (tmp_path / "out.yaml").exists():
        text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
        assert "root:" not in text and "aaaaaaaaaa" * 10 not in text


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + b" " * (40 * 1024 * 1024) + b"</w:body></w:document>")
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and not (tmp_path / "out.yaml").exists()


def test_a_file_that_is_not_a_record_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "notes.docx"
    source.write_bytes(b"not a zip")
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2 and "cannot read Word file" in result.stderr


@pytest.fixture(scope="session")
def built_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every example built to PDF once per session: stem -> (record, pdf)."""
    out = tmp_path_factory.mktemp("pdfs")
    examples = Path(__file__).resolve().parents[2] / "examples"
    built = {}
    for source in sorted(examples.glob("*.yaml")):
        result = run("build", source, "--to", "pdf", "-o", out)
        assert result.exit_code == 0, result.output
        stem = source.name.rsplit(".", 1)[0]
        built[stem] = (source, out / f"{stem}.pdf")
    return built


def _unbroken(content: tuple[object, list[tuple[object, ...]]]) -> tuple[object, list[tuple[object, ...]]]:
    """A PDF does not tell an author's line break from the typesetter's: compare texts without them."""
    import re

    def flat(value: object) -> object:
        if isinstance(value, str):
            return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n|\n(?=[\u3000-\u9fff\uff00-\uffef])", "", value).replace("\n", " ")
        if isinstance(value, (list, tuple)):
            return type(value)(flat(v) for v in value)
        return value

    return flat(content)  # type: ignore[return-value]


# The masthead's two columns, the version line, English dates in UN Russian and Chinese mastheads, symbols broken
# after 'Rev.', headings wrapped over lines, Chinese '(a)' lines and unnumbered paragraphs (their first character
# would have fitted on the line above), the author's line breaks in a PDF that sets space between paragraphs,
# '« directe »' read back with a plain space after '«'; Arabic letter for letter, vowel marks and all (the PDF
# gives the letters of every glyph cluster its ToUnicode map cannot: drafting.textlayer).
@pytest.mark.parametrize("stem", EXAMPLES)
def test_a_built_pdf_imports_to_the_same_record_content(stem: str, built_pdfs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source, pdf = built_pdfs[stem]
    out = tmp_path / f"{stem}.yaml"
    result = run("import", pdf, "-o", out)
    assert result.exit_code == 0, result.output
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))


CORPUS_RUN = r"""
import json, resource, signal, sys
from pathlib import Path
from drafting.diagnostics import DraftingError
from drafting.importer import import_file
from drafting.importer.emit import dump, verify

def alarm(signum, frame):
    raise TimeoutError("took more than 10 s")

signal.signal(signal.SIGALRM, alarm)
outcomes = {"imported": 0, "clear error": 0}
for path in sorted(Path(sys.argv[1]).rglob("*.docx")):
    signal.alarm(10)
    try:
        imported = import_file(str(path))
        text = dump(imported.data, "record.schema.json")
        lost = verify("out.yaml", text, imported.expected, imported.data)
        assert not lost, (str(path), lost)
        outcomes["imported"] += 1
    except DraftingError as error:
        assert str(error).startswith(str(path)), str(error)
        outcomes["clear error"] += 1
    finally:
        signal.alarm(0)
outcomes["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(outcomes))
"""


def test_every_corpus_word_file_imports_or_fails_clearly_within_bounds() -> None:
    import json
    import subprocess
    import sys

    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus" / "docx"
    done = subprocess.run([sys.executable, "-c", CORPUS_RUN, str(corpus)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    outcomes = json.loads(done.stdout)
    assert outcomes["imported"] + outcomes["clear error"] == 217
    assert outcomes["imported"] >= 20
    assert outcomes["max_rss_mb"] < 500


def _typed_itu_docx(path: Path) -> None:
    """An ITU record typed by hand in Word: masthead in a two-cell table with line breaks, agenda table, tabs."""
    document = docx.Document()
    masthead = document.add_table(rows=1, cols=2)
    masthead.rows[0].cells[0].text = "Council 2022\nGeneva, 21-31 March 2022"
    masthead.rows[0].cells[1].text = "Document C22/60-E\n5 April 2022\nOriginal: English"
    document.add_paragraph("SUMMARY RECORD OF THE THIRD PLENARY MEETING")
    document.add_paragraph("Wednesday, 23 March 2022, from 0930 to 1230 hours")
    document.add_paragraph("Chairman: Mr A. VASSILIEV (Russian Federation)")
    _table(document, [("", "Subjects discussed", "Documents"), ("1", "Report on the budget", "C22/10, C22/11"), ("2", "Closing of the session", "-")])
    document.add_paragraph("1\tReport on the budget (Documents C22/10 and C22/11)")
    paragraph = document.add_paragraph("1.1\tThe ")
    paragraph.add_run("Secretary-General").italic = True
    paragraph.add_run(" introduced Document C22/10 & its annex <draft>.")
    document.add_paragraph("1.2\tThe councillor for Brazil asked for details; see paragraph 1.1.")
    document.add_paragraph("1.4\tIt was so agreed.")
    document.add_paragraph("2\tClosing of the session")
    document.add_paragraph("2.1\tThe Chairman thanked the councillors:")
    document.add_paragraph("(a)\tfor their work;")
    document.add_paragraph("(b)\tfor their patience.")
    document.add_paragraph("The Secretary-General:\tThe Chairman:")
    document.add_paragraph("H. ZHAO\tA. VASSILIEV")
    document.save(str(path))


def _typed_un_russian_docx(path: Path) -> None:
    """A UN record typed in Word in Russian: masthead lines, bold unnumbered headings, numbers straight through."""
    document = docx.Document()
    for line in ["Комитет по правам человека", "140-я сессия", "CCPR/C/SR.3903", "Distr.: General", "18 марта 2024 года", "Original: English",
                 "Краткий отчет о 3903-м заседании", "Председатель: г-жа Хальворсен"]:
        document.add_paragraph(line)
    document.add_paragraph().add_run("Рассмотрение докладов").bold = True
    document.add_paragraph("1.\tПредседатель приветствует делегацию.")
    document.add_paragraph("2.\tГ-н Хаддад говорит, что доклад полезен, как указано в пункте 1.")
    document.add_paragraph().add_run("Прочие вопросы").bold = True
    document.add_paragraph("3.\tЗаседание закрывается в 13 ч. 00 м.")
    document.save(str(path))


@pytest.fixture(scope="module")
def typed_itu(tmp_path_factory: pytest.TempPathFactory, built_examples) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """The typed records as Word, and as PDF converted by one LibreOffice run (private profile), with the
    built Chinese example."""
    import shutil
    import subprocess

    out = tmp_path_factory.mktemp("typed")
    source = out / "typed-itu.docx"
    _typed_itu_docx(source)
    _typed_un_russian_docx(out / "typed-un.ru.docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(out), str(source), str(out / "typed-un.ru.docx"),
                           str(built_examples["vc15-1.zh"].docx)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    return {"docx": source, "pdf": out / "typed-itu.pdf", "un-docx": out / "typed-un.ru.docx", "un-pdf": out / "typed-un.ru.pdf",
            "zh-pdf": out / "vc15-1.zh.pdf"}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_typed_itu_record_in_word_and_its_pdf_import_alike(kind: str, typed_itu: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "typed.yaml"
    result = run("import", typed_itu[kind], "-o", out)
    assert result.exit_code == 1 and "N103" in result.stderr and "found 1.4, expected 1.3" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    # The masthead cell's line breaks separate its lines.
    assert (data["body"], data["session"], data["symbol"], data["date"]) == ("Council 2022", "Geneva, 21-31 March 2022", "C22/60-E", "2022-04-05")
    assert (data["meeting"]["number"], data["meeting"]["date"], data["meeting"]["start"], data["meeting"]["end"]) == (3, "2022-03-23", "09:30", "12:30")
    assert [(a["title"], a.get("documents", [])) for a in data["agenda"]] == [("Report on the budget", ["C22/10", "C22/11"]), ("Closing of the session", [])]
    assert [len(s["paragraphs"]) for s in data["sections"]] == [3, 1]
    first = data["sections"][0]["paragraphs"][0]["text"]
    assert first == ("The *Secretary-General* introduced Document C22/10 & its annex \\<draft>." if kind == "docx"
                     else "The Secretary-General introduced Document C22/10 & its annex \\<draft>.")
    assert data["sections"][1]["paragraphs"][0]["subparagraphs"] == ["for their work;", "for their patience."]
    # In the PDF the names are split into the roles' columns by where their words are drawn.
    assert data["signatures"] == [{"role": "The Secretary-General", "name": "H. ZHAO"}, {"role": "The Chairman", "name": "A. VASSILIEV"}]
    built = run("build", out, "--to", "docx", "-o", tmp_path)
    assert built.exit_code == 0, built.output
    texts = [p.text for p in docx.Document(str(tmp_path / "typed.docx")).paragraphs]
    assert "1.1\tThe Secretary-General introduced Document C22/\u206010 & its annex <draft>." in texts  # a word joiner: one line
    assert "1.3\tIt was so agreed." in texts


def test_a_table_and_an_image_in_the_body_are_kept_as_unnumbered_paragraphs_with_warnings(tmp_path: Path) -> None:
    import io

    from docx.shared import Cm
    from PIL import Image

    source = tmp_path / "extras.docx"
    _typed_itu_docx(source)
    document = docx.Document(str(source))
    after = next(p for p in document.paragraphs if p.text.startswith("1.2"))
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip([table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)], ["Votes", "12", "Against", "3"]):
        cell.text = text
    after._p.addnext(table._tbl)
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    figure = document.add_paragraph()
    figure.add_run().add_picture(io.BytesIO(picture.getvalue()), width=Cm(1))
    table._tbl.addnext(figure._p)
    document.save(str(source))
    out = tmp_path / "extras.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1
    assert 'warning: table in the body ("Votes | 12 Against | 3")' in result.stderr and "warning: image in the body" in result.stderr
    paragraphs = yaml.safe_load(out.read_text(encoding="utf-8"))["sections"][0]["paragraphs"]
    assert paragraphs[2] == {"numbered": False, "text": "Votes | 12\nAgainst | 3"}
    assert paragraphs[3]["numbered"] is False and paragraphs[3]["text"].startswith("\\[image")
    assert paragraphs[4] == "It was so agreed."


def test_a_short_utf16_text_with_crlf_takes_its_language_from_the_symbol(tmp_path: Path) -> None:
    lines = ["Consejo 2021", "Consulta virtual", "\tDocumento C21/12-S", "3 de marzo de 2021", "Original: inglés", "",
             "RESUMEN DE LOS DEBATES DE LA SEGUNDA SESIÓN", "", "1\tPresupuesto (Documento C21/5)",
             "1.1\tEl Secretario General presenta el presupuesto.", "1.3\tEl Presidente toma nota de los comentarios del párrafo 1.1."]
    source = tmp_path / "es.txt"
    source.write_bytes("\r\n".join(lines).encode("utf-16"))
    out = tmp_path / "es.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1 and "es assumed from the symbol" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["language"], data["original_language"], data["meeting"]["number"]) == ("es", "en", 2)
    assert data["agenda"] == [{"title": "Presupuesto", "documents": ["C21/5"]}]
    assert data["sections"][0]["paragraphs"][1] == "El Presidente toma nota de los comentarios del párrafo [](#p1-1)."


def test_an_arabic_un_text_reads_its_masthead_and_time_line(tmp_path: Path) -> None:
    lines = ["اللجنة المعنية بحقوق الإنسان", "الدورة 140", "CCPR/C/SR.3904", "Distr.: General", "14 آذار/مارس 2024", "الأصل: بالإنكليزية", "",
             "محضر موجز للجلسة 3904", "المعقودة في قصر ويلسون، جنيف، يوم الاثنين، 11 آذار/مارس 2024، الساعة 10:00", "الرئيسة: السيدة هالفورسن", "",
             "النظر في التقارير", "", "1 - رحبت الرئيسة بالوفد وقالت إن اللجنة ستنظر في التقرير الأولي المقدم من الدولة الطرف.", "",
             "2 - قال السيد حداد إن التقرير مفيد، وطلب مزيداً من المعلومات عن التدابير المتخذة.", "", "مسائل أخرى", "", "3 - رُفعت الجلسة في الساعة 13:00."]
    source = tmp_path / "ar.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "ar.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["language"], data["original_language"], data["meeting"]["number"]) == ("ar", "en", 3904)
    assert (data["meeting"]["date"], data["meeting"]["start"], data["meeting"]["place"]) == ("2024-03-11", "10:00", "قصر ويلسون، جنيف")
    assert data["chairs"] == [{"role": "الرئيسة", "name": "السيدة هالفورسن"}]
    assert [(s["title"], len(s["paragraphs"])) for s in data["sections"]] == [("النظر في التقارير", 2), ("مسائل أخرى", 1)]


def test_a_revision_line_gives_the_revision_number(built_examples, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "rev.en.yaml"
    text = built_examples["vc15-1.en"].source.read_text(encoding="utf-8")
    source.write_text(text.replace("\ndate: 2020-06-16\n", "\ndate: 2020-06-16\nrevision: 2\n"), encoding="utf-8")
    assert run("build", source, "--to", "docx", "-o", tmp_path).exit_code == 0
    out = tmp_path / "imported.yaml"
    result = run("import", tmp_path / "rev.en.docx", "-o", out)
    assert result.exit_code == 0, result.output
    assert record_content(out) == record_content(source)
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["revision"] == 2


@pytest.mark.parametrize("kind", ["un-docx", "un-pdf"])
def test_typed_un_russian_record_in_word_and_its_pdf_import_alike(kind: str, typed_itu: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "un.ru.yaml"
    result = run("import", typed_itu[kind], "-o", out)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["style"], data["language"], data["original_language"], data["date"], data["meeting"]["number"]) == ("un", "ru", "en", "2024-03-18", 3903)
    # The PDF reader sets the second heading as a last line of paragraph 2: it is a heading again.
    assert [(s["title"], len(s["paragraphs"])) for s in data["sections"]] == [("Рассмотрение докладов", 2), ("Прочие вопросы", 1)]
    assert data["sections"][0]["paragraphs"][1] == "Г-н Хаддад говорит, что доклад полезен, как указано в пункте [](#p1)."


def test_files_are_recognised_by_content_and_standard_input_is_read(typed_itu: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "draft.txt"
    renamed.write_bytes(typed_itu["docx"].read_bytes())
    result = run("import", renamed, "-o", "-")
    assert result.exit_code == 1 and "symbol: C22/60-E" in result.stdout
    piped = CliRunner().invoke(main, ["import", "-"], input=ITU_EN.encode("utf-8"), catch_exceptions=False)
    assert piped.exit_code == 1 and "<stdin>:23:1: N101" in piped.stderr
    assert yaml.safe_load(piped.stdout)["symbol"] == "C21/12-E"
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("a.txt", "x")
    refused = run("import", archive, "-o", tmp_path / "out.yaml")
    assert refused.exit_code == 2 and "cannot import a ZIP file" in refused.stderr


def _with_footnote(source: Path, target: Path, after: str, note: str) -> None:
    """Copy a Word file, giving the paragraph that starts with ``after`` a real Word footnote."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{w}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>'
                 '</w:footnotes>')
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index(after)
                end = text.index("</w:p>", start)
                text = text[:end] + '<w:r><w:footnoteReference w:id="1"/></w:r>' + text[end:]
                data = text.encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            new.writestr(info, data)
        new.writestr("word/footnotes.xml", footnotes)


def test_a_word_footnote_is_kept_after_its_paragraph_with_a_warning(typed_itu: dict[str, Path], tmp_path: Path) -> None:
    source = tmp_path / "footnote.docx"
    _with_footnote(typed_itu["docx"], source, "The councillor for Brazil", "Brazil later sent its questions in writing.")
    out = tmp_path / "footnote.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1
    assert 'warning: footnote in the body ("Brazil later sent its questions in writing.")' in result.stderr
    paragraphs = yaml.safe_load(out.read_text(encoding="utf-8"))["sections"][0]["paragraphs"]
    assert paragraphs[1].startswith("The councillor for Brazil")
    assert paragraphs[2] == {"numbered": False, "text": "Brazil later sent its questions in writing."}
    assert paragraphs[3] == "It was so agreed."


def test_a_published_un_layout_gives_organ_session_contents_and_headings(tmp_path: Path) -> None:
    # Organ and session below the symbol block, a Contents entry, a heading with its documents by symbol,
    # a paragraph above the first heading, a reference to a shifted number.
    source = Path(__file__).resolve().parents[1] / "lint" / "fixtures" / "ccpr-un-sample.en.txt"
    out = tmp_path / "un.yaml"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1, result.output
    # 'United Nations' and the organ the symbol gives are the build's own lines: read, not reported.
    assert "masthead line not imported" not in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "organ" not in data
    assert (data["body"], data["session"], data["meeting"]["number"], data["meeting"]["place"]) == ("Human Rights Committee", "140th session", 3999, "the Palais Wilson, Geneva")
    assert data["agenda"] == [{"title": "Consideration of reports submitted by States parties under article 40 of the Covenant", "continued": True}]
    # The line above the first heading makes a section without a title; the documents of a heading, by symbol.
    assert data["sections"][0] == {"paragraphs": [{"numbered": False, "text": "The meeting was called to order at 10 a.m."}]}
    assert [s["title"] for s in data["sections"][1:]] == [data["agenda"][0]["title"], "Initial report of Marenia", "Organizational matters"]
    assert data["sections"][2]["documents"] == ["CCPR/C/MRN/1"]
    assert data["sections"][3]["paragraphs"][0].startswith("The Chair, recalling paragraph [](#p5), said")
    assert data["sections"][2]["paragraphs"][4] == {"id": "p5", "text": "Mr. Santos said that the limit was often exceeded."}


def test_a_chinese_pdf_made_by_libreoffice_imports_to_the_same_record_content(typed_itu: dict[str, Path], built_examples, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # pdftotext sets spaces between Chinese characters and digits or Latin letters there ('2020 年'); they go.
    out = tmp_path / "zh.yaml"
    result = run("import", typed_itu["zh-pdf"], "-o", out)
    assert result.exit_code == 0, result.output
    imported, source = record_content(out), record_content(built_examples["vc15-1.zh"].source)
    assert imported[0] == source[0]
    assert [entry[:2] for entry in imported[1]] == [entry[:2] for entry in source[1]]  # headings and numbers
    differ = [a for a, b in zip(_unbroken(imported)[1], _unbroken(source)[1]) if a != b]
    # None: a justified line that ends in a manual line break is no longer stretched (the DOCX's
    # doNotExpandShiftReturn), so pdftotext no longer reads section 3's address letter-spaced.
    assert differ == []
