"""`drafting align` end to end: the example families in five languages, as records, Word files and text.

The French and Arabic versions (tests/align/fixtures) were written for these tests; the Word
files are built from them with `drafting build`, and the text versions are LibreOffice's plain
text export of those Word files ("docx text"), as a secretariat would produce them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from click.testing import CliRunner, Result
from docx import Document as WordDocument

from drafting.cli import main
from drafting.resources import load_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE_ZH = ROOT / "tests" / "data" / "reference" / "vc15-c-summary-record.zh.txt"
ITU, UN = "vc15-1", "ccpr-c-sr-3901"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["align", *(str(a) for a in args)], catch_exceptions=False)


def report_of(result: Result) -> dict:
    report = json.loads(result.output)
    jsonschema.validate(report, load_schema("lint-report.schema.json"))
    return report


def findings_of(report: dict) -> list[tuple[str, str, int | None, str | None, str | None]]:
    """(file name, code, line, found, where) of every finding."""
    return [(Path(f["path"]).name, x["code"], x["line"], x["found"], x.get("where")) for f in report["files"] for x in f["findings"]]


def family(stem: str) -> list[Path]:
    """The records of a family: the examples, and the fixtures written for these tests in languages the examples lack."""
    examples = sorted(EXAMPLES.glob(f"{stem}.*.yaml"))
    names = {path.name for path in examples}
    return examples + [path for path in sorted(FIXTURES.glob(f"{stem}.*.yaml")) if path.name not in names]


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the file that holds ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(hits) == 1, (path, text, hits)
    return hits[0]


def without_line(path: Path, text: str, out: Path) -> Path:
    """A copy of a record with the one-line paragraph holding ``text`` deleted."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if text not in line]
    assert len(kept) == len(lines) - 1
    target = out / path.name
    target.write_text("".join(kept), encoding="utf-8")
    return target


@pytest.mark.parametrize("stem", [ITU, UN])
def test_every_family_aligns_without_findings(stem: str) -> None:
    files = family(stem)
    assert {f.name.split(".")[-2] for f in files} >= {"en", "fr", "ar"}
    result = run("--format", "json", *files)
    assert result.exit_code == 0, result.output
    report = report_of(result)
    assert findings_of(report) == []
    assert report["summary"] | {"files": len(files), "unreadable": 0, "errors": 0, "warnings": 0, "info": 0} == report["summary"]


def test_english_and_chinese_examples_align() -> None:
    result = run(EXAMPLES / f"{ITU}.en.yaml", EXAMPLES / f"{ITU}.zh.yaml")
    assert result.exit_code == 0
    assert result.output == "2 files: 22 headings and 98 numbered paragraphs read; 0 errors, 0 warnings\n"


def test_the_published_chinese_text_aligns_with_the_english_record() -> None:
    # Its numbering mistakes (a second 10.8, a 10.2 in section 11) are the lint's business: the
    # skeleton is the same, so the versions align.
    result = run(EXAMPLES / f"{ITU}.en.yaml", REFERENCE_ZH)
    assert result.exit_code == 0, result.output


# (family, version edited, a unique text of the one-line paragraph removed, its number, the
# same paragraph in the reference record)
REMOVALS = [
    (ITU, f"{ITU}.zh.yaml", "多位理事表示，他们不反对提议的新日期。", "8.3", "Several councillors said that they had no objection"),
    (ITU, f"{ITU}.ar.yaml", "قال عدة أعضاء في المجلس إنه ليس لديهم اعتراض", "8.3", "Several councillors said that they had no objection"),
    (UN, f"{UN}.fr.yaml", "La Présidente invite la délégation à répondre", "4", "The Chair invited the delegation to reply"),
]


@pytest.mark.parametrize(("stem", "edited", "removed", "number", "original"), REMOVALS, ids=[r[1] for r in REMOVALS])
def test_paragraph_removed_from_a_translation_is_reported_once(tmp_path: Path, stem: str, edited: str, removed: str, number: str, original: str) -> None:
    files = [f if f.name != edited else without_line(f, removed, tmp_path) for f in family(stem)]
    result = run("--format", "json", *files)
    assert result.exit_code == 1
    reference = EXAMPLES / f"{stem}.en.yaml"
    found = findings_of(report_of(result))
    missing = [f for f in found if f[1] == "A301"]
    assert missing == [(reference.name, "A301", line_of(reference, original), number, None)]
    # One difference, one paragraph finding: the paragraphs after it are not reported.
    assert sorted(f[1] for f in found) == ["A301", "A302"]
    assert next(f for f in found if f[1] == "A302")[0] == edited


@pytest.mark.parametrize("stem", [ITU, UN])
def test_paragraph_removed_from_the_original_is_reported_in_every_translation(tmp_path: Path, stem: str) -> None:
    removed = REMOVALS[0][4] if stem == ITU else REMOVALS[2][4]
    number = "8.3" if stem == ITU else "4"
    files = [f if f.name != f"{stem}.en.yaml" else without_line(f, removed, tmp_path) for f in family(stem)]
    result = run("--format", "json", *files)
    assert result.exit_code == 1
    a301 = [f for f in findings_of(report_of(result)) if f[1] == "A301"]
    translations = [f for f in files if f.name != f"{stem}.en.yaml"]
    assert sorted(f[0] for f in a301) == sorted(f.name for f in translations)
    assert all(f[3] == number for f in a301)
    for name, _, line, _, _ in a301:
        source = next(f for f in translations if f.name == name)
        text = source.read_text(encoding="utf-8").splitlines()[line - 1]
        assert text.strip().startswith("- "), text  # the paragraph's own line


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Word files built from the fixtures and the Chinese example, and their LibreOffice text export."""
    out = tmp_path_factory.mktemp("mixed")
    sources = [*FIXTURES.glob("*.yaml"), EXAMPLES / f"{ITU}.zh.yaml"]
    built = CliRunner().invoke(main, ["build", "--to", "docx", "-o", str(out), *map(str, sources)], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    docx = sorted(out.glob("*.docx"))
    converted = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(out), *map(str, docx)],
        capture_output=True, text=True, timeout=180)
    assert converted.returncode == 0, converted.stdout + converted.stderr
    files = {p.name: p for p in [*docx, *out.glob("*.txt")]}
    assert len(files) == 2 * len(docx)
    return files


@pytest.mark.parametrize("stem", [ITU, UN])
def test_records_word_files_and_text_align_together(mixed: dict[str, Path], stem: str) -> None:
    files = [EXAMPLES / f"{stem}.en.yaml", mixed[f"{stem}.fr.docx"], mixed[f"{stem}.ar.txt"], mixed[f"{stem}.ar.docx"],
             mixed[f"{stem}.fr.txt"], FIXTURES / f"{stem}.ar.yaml"]
    result = run("--format", "json", *files)
    assert result.exit_code == 0, result.output
    report = report_of(result)
    assert [f.get("kind") for f in report["files"]] == ["record", "docx", "text", "docx", "text", "record"]
    assert findings_of(report) == []


def test_paragraph_removed_from_a_word_file_is_reported(mixed: dict[str, Path], tmp_path: Path) -> None:
    word = WordDocument(str(mixed[f"{ITU}.fr.docx"]))
    target = next(p for p in word.paragraphs if "ne voient pas d’objection" in p.text)
    assert target.text.startswith("8.3")
    target._p.getparent().remove(target._p)
    edited = tmp_path / f"{ITU}.fr.docx"
    word.save(str(edited))
    reference = EXAMPLES / f"{ITU}.en.yaml"
    result = run("--format", "json", reference, edited, mixed[f"{ITU}.zh.txt"])
    assert result.exit_code == 1
    found = findings_of(report_of(result))
    assert found[0] == (reference.name, "A301", line_of(reference, REMOVALS[0][4]), "8.3", None)
    assert [f[1:] for f in found[1:]] == [("A302", None, "11", found[1][4])]
    assert found[1][0] == edited.name and found[1][4].startswith(("paragraph ", 'at "'))


def test_a_changed_year_and_a_wrong_reference_are_reported(tmp_path: Path) -> None:
    source = FIXTURES / f"{UN}.fr.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("loi antiterroriste\n        de 2021", "loi antiterroriste\n        de 2020", 1)
    text = text.replace("paragraphe [](#counter-terrorism)", "paragraphe [](#pretrial-detention)", 1)
    edited = tmp_path / source.name
    edited.write_text(text, encoding="utf-8")
    result = run("--format", "json", EXAMPLES / f"{UN}.en.yaml", edited)
    assert result.exit_code == 1
    report = report_of(result)
    got = [(x["code"], x["found"], x["expected"]) for x in report["files"][1]["findings"]]
    assert got == [("A304", None, "2021"), ("A304", "2020", None), ("A305", "5", "12")]


def test_every_report_format(tmp_path: Path) -> None:
    files = [EXAMPLES / f"{ITU}.en.yaml", without_line(EXAMPLES / f"{ITU}.zh.yaml", REMOVALS[0][2], tmp_path)]
    line = line_of(files[0], REMOVALS[0][4])

    text = run(*files)
    assert text.exit_code == 1
    assert text.output.splitlines()[0].startswith(f"{files[0]}:{line}:9: A301 paragraph 8.3 has no counterpart in {files[1].name}")

    junit = ElementTree.fromstring(run("--format", "junit", *files).output)
    assert junit.get("name") == "drafting align" and junit.get("failures") == "2"
    assert {case.get("classname") for case in junit.iter("testcase")} == {"drafting.align.A301", "drafting.align.A302"}

    sarif = json.loads(run("--format", "sarif", *files).output)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "drafting align"
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], driver["rules"][r["ruleIndex"]]["id"]) for r in results] == [("A301", "A301"), ("A302", "A302")]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == line

    github = run("--format", "github", *files).output.splitlines()
    assert github[0].startswith(f"::error file={files[0]},line={line},col=9,title=A301 paragraph-missing::paragraph 8.3")

    out = tmp_path / "report.html"
    html = run("--format", "html", "-o", out, *files)
    assert html.exit_code == 1 and html.output == ""
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.h1 == "The language versions differ"
    assert len(page.flagged) == 2
    assert "Several councillors said that they had no objection to the proposed new dates." in page.flagged[0]
    assert "A301 paragraph 8.3 has no counterpart" in page.flagged[0]
    assert "WTSA-20" in page.flagged[1] and "A302 section 8 has 11 paragraphs, 12 in" in page.flagged[1]


class _Page(HTMLParser):
    """The heading and the flagged paragraphs of an HTML report."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = ""
        self.flagged: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "h1":
            self._in = "h1"
        elif tag == "div" and "flag-error" in classes:
            self._in = "flag"
            self.flagged.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "div"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1 += data
        elif self._in == "flag":
            self.flagged[-1] += data


def test_unreadable_inputs_exit_2_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.fr.yaml"
    broken.write_text("style: itu\nsections: [\n", encoding="utf-8")
    layout = tmp_path / "pdftotext.en.txt"
    layout.write_text("1.1\n\nThe Secretary-General declared the consultation open.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["align", str(EXAMPLES / f"{ITU}.en.yaml"), str(EXAMPLES / f"{ITU}.zh.yaml"),
                                       str(broken), str(layout), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{broken}:3:1:" in result.output or f"{broken}:2:" in result.output
    assert f"{layout}: no numbered paragraphs found" in result.output
    assert f"{tmp_path / 'missing.txt'}: cannot read file" in result.output


def test_one_file_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["align", str(EXAMPLES / f"{ITU}.en.yaml")])
    assert result.exit_code == 2
    assert "at least two language versions" in result.output


def test_docs_list_every_alignment_rule() -> None:
    from drafting.align.rules import ALIGN_RULES, render_markdown

    docs = (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    assert docs.endswith(render_markdown())
    for code in ALIGN_RULES:
        assert f"\n## {code}\n" in docs


def test_versions_of_another_record_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "vc16-1.zh.yaml"
    other.write_text((EXAMPLES / f"{ITU}.zh.yaml").read_text(encoding="utf-8").replace("symbol: VC/15-C", "symbol: VC/16-C"), encoding="utf-8")
    result = CliRunner().invoke(main, ["align", "--format", "json", str(EXAMPLES / f"{ITU}.en.yaml"), str(other), str(EXAMPLES / f"{UN}.en.yaml")])
    assert result.exit_code == 2
    assert f"{other}: not a version of the same record as {ITU}.en.yaml: its symbol is VC/16, {ITU}.en.yaml's is VC/15" in result.output
    assert f"{UN}.en.yaml: not a version of the same record as {ITU}.en.yaml: UN style" in result.output
    # Nothing was aligned with them: no finding floods the report.
    report = json.loads(result.output[result.output.index("{"):])
    assert [f.get("error", "")[:40] for f in report["files"]] == ["", *["not a version of the same record as vc15"] * 2]
    assert report["summary"]["errors"] == 0 and report["summary"]["unreadable"] == 2


def test_bookmarks_of_the_published_text_are_compared_as_ids(tmp_path: Path) -> None:
    lines = REFERENCE_ZH.read_text(encoding="utf-8").split("\n")
    changed = next(i for i, line in enumerate(lines) if "[bookmark: lt_pId162]8.8\t" in line)
    lines[changed] = lines[changed].replace("lt_pId162", "lt_pId163")
    removed = next(i for i, line in enumerate(lines) if line.startswith("[bookmark: lt_pId128]7.8\t"))
    del lines[removed]
    edited = tmp_path / REFERENCE_ZH.name
    edited.write_text("\n".join(lines), encoding="utf-8")
    original = EXAMPLES / f"{ITU}.en.yaml"
    result = run("--format", "json", original, edited)
    assert result.exit_code == 1
    found = [(name, code, line, value) for name, code, line, value, _ in findings_of(report_of(result))]
    heading = next(i for i, line in enumerate(lines, start=1) if line.startswith("[bookmark: lt_pId102]7\t"))
    assert found == [
        (original.name, "A301", line_of(original, "id: lt_pId128") + 1, "7.8"),  # the text line under the id
        (edited.name, "A302", heading, "7"),
        (edited.name, "A303", changed, "lt_pId163"),  # 0-based index before the removal = 1-based line after it
    ]


def test_bookmarks_of_a_word_file_are_compared_as_ids(mixed: dict[str, Path], tmp_path: Path) -> None:
    word = WordDocument(str(mixed[f"{ITU}.fr.docx"]))
    starts = [b for b in word.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bookmarkStart")
              if b.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name") == "lt_pId162"]
    assert len(starts) == 1
    starts[0].set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name", "lt_pId163")
    edited = tmp_path / f"{ITU}.fr.docx"
    word.save(str(edited))
    result = run("--format", "json", EXAMPLES / f"{ITU}.en.yaml", edited, mixed[f"{ITU}.ar.docx"])
    assert result.exit_code == 1
    found = [(f[0], f[1], f[3]) for f in findings_of(report_of(result))]
    assert found == [(edited.name, "A303", "lt_pId163")]


@pytest.mark.parametrize("translation", [EXAMPLES / f"{ITU}.zh.yaml", FIXTURES / f"{UN}.fr.yaml", FIXTURES / f"{UN}.ar.yaml"], ids=lambda p: p.name)
def test_whichever_paragraph_is_removed_that_one_is_reported(tmp_path: Path, translation: Path) -> None:
    import yaml

    from drafting.align.rules import check
    from drafting.align.skeleton import read_version

    stem = translation.name.split(".")[0]
    original = read_version(str(EXAMPLES / f"{stem}.en.yaml"))
    data = yaml.safe_load(translation.read_text(encoding="utf-8"))
    wrong = []
    for s, section in enumerate(data["sections"]):
        for p in range(len(section["paragraphs"])):
            del section["paragraphs"][p]
            edited = tmp_path / translation.name
            edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            section["paragraphs"] = yaml.safe_load(translation.read_text(encoding="utf-8"))["sections"][s]["paragraphs"]
            result = check([original, read_version(str(edited))])
            expected = original.units[original.sections[s].units[p]].item.location.line
            found = [(f.code, f.location.line) for f in result[original.path]]
            others = [f.code for f in result[str(edited)]]
            if found != [("A301", expected)] or others != ["A302"]:  # nothing else: no cascade
                wrong.append((s + 1, p + 1, found, others))
    assert wrong == []


def test_the_reference_can_be_chosen(tmp_path: Path) -> None:
    original = without_line(EXAMPLES / f"{ITU}.en.yaml", REMOVALS[0][4], tmp_path)
    chinese = EXAMPLES / f"{ITU}.zh.yaml"
    default = report_of(run("--format", "json", original, chinese))
    chosen = report_of(run("--format", "json", "--reference", chinese, original, chinese))
    # By default the English record (the original) is the reference: the Chinese paragraph is extra.
    assert [(f[0], f[1], f[3]) for f in findings_of(default)] == [(chinese.name, "A302", "12"), (chinese.name, "A301", "8.3")]
    # With the Chinese as reference, the same difference is a paragraph missing from the English.
    assert [(f[0], f[1], f[3]) for f in findings_of(chosen)] == [(original.name, "A302", "11"), (chinese.name, "A301", "8.3")]
    bad = CliRunner().invoke(main, ["align", "--reference", str(tmp_path / "other.yaml"), str(original), str(chinese)])
    assert bad.exit_code == 2 and "is not one of the files to align" in bad.output
