"""The issue's Done-when checks: reference text, a Word record and a UN-style text, end to end."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
from click.testing import CliRunner, Result
from lxml import etree

from drafting.cli import main
from drafting.resources import load_schema

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def errors_of(report: dict) -> list[tuple]:
    return [(f["line"], f["found"], f["expected"]) for file in report["files"] for f in file["findings"] if f["severity"] == "error"]


def test_reference_text_three_errors_then_renumber(reference_copy: Path) -> None:
    before = reference_copy.read_bytes()
    result = run("lint", "--format", "json", str(reference_copy))
    assert result.exit_code == 1
    report = json.loads(result.output)
    jsonschema.validate(report, load_schema("lint-report.schema.json"))
    assert errors_of(report) == [(133, "10.8", "10.9"), (136, "10.2", "11.2"), (139, "11.2", "11.3")]
    assert all(len(f["text"]) > 0 for f in report["files"][0]["findings"])

    assert run("renumber", "--check", str(reference_copy)).exit_code == 1
    assert reference_copy.read_bytes() == before  # --check writes nothing
    assert run("renumber", str(reference_copy)).exit_code == 0
    after = reference_copy.read_bytes()
    old_lines, new_lines = before.split(b"\n"), after.split(b"\n")
    assert len(old_lines) == len(new_lines)
    changed = {i + 1: (o, n) for i, (o, n) in enumerate(zip(old_lines, new_lines)) if o != n}
    assert sorted(changed) == [133, 136, 139]
    for number, (old, new) in {133: (b"10.8", b"10.9"), 136: (b"10.2", b"11.2"), 139: (b"11.2", b"11.3")}.items():
        assert changed[number][0].replace(old, new, 1) == changed[number][1]
    assert len(before) == len(after)
    assert run("lint", str(reference_copy)).exit_code == 0
    assert run("renumber", "--check", str(reference_copy)).exit_code == 0  # a second run changes nothing


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_word_record_renumber_keeps_everything_else(word_record: Path) -> None:
    before = _parts(word_record)
    result = run("lint", "--format", "json", str(word_record))
    assert result.exit_code == 1
    report = json.loads(result.output)
    jsonschema.validate(report, load_schema("lint-report.schema.json"))
    errors = [(f["where"], f["code"], f["found"], f["expected"], f["line"], f["column"]) for f in report["files"][0]["findings"] if f["severity"] == "error"]
    assert errors == [
        ('at "2.2 It was so agreed."', "N101", "2.2", "2.3", None, None),
        ('at "2.3 The agenda, as amended, was adopted, as …"', "N108", "2.3", "2.4", None, None),
        ('at "３.１ No other business was raised."', "N107", "３.１", "3.1", None, None),
        ('at "2.5 The Chairman closed the meeting."', "N102", "2.5", "3.2", None, None),
    ]
    assert run("renumber", str(word_record)).exit_code == 0
    assert run("lint", str(word_record)).exit_code == 0
    assert run("renumber", "--check", str(word_record)).exit_code == 0
    after = _parts(word_record)
    assert list(before) == list(after)
    for name in before:
        if name != "word/document.xml":
            assert before[name] == after[name], name  # every other part byte for byte
    old_root, new_root = etree.fromstring(before["word/document.xml"]), etree.fromstring(after["word/document.xml"])
    old_elements, new_elements = list(old_root.iter()), list(new_root.iter())
    assert [e.tag for e in old_elements] == [e.tag for e in new_elements]  # same runs, bookmarks, formatting
    changed = []
    for old, new in zip(old_elements, new_elements):
        assert dict(old.attrib) == dict(new.attrib)
        if old.text != new.text:
            assert old.tag == f"{W}t"
            changed.append((old.text, new.text))
    assert changed == [("2.2", "2.3"), ("2.3", "2.4"), ("The agenda, as amended, was adopted, as recorded in paragraph 2.3.", "The agenda, as amended, was adopted, as recorded in paragraph 2.4."), ("３.１", "3.1"), ("2.5", "3.2")]


def test_un_text_renumber(un_text: Path) -> None:
    before = un_text.read_bytes()
    result = run("lint", "--format", "json", str(un_text))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["files"][0]["style"] == "un"
    assert errors_of(report) == [(24, "3", "4"), (25, "4", "5"), (28, "5", "6")]
    assert run("renumber", str(un_text)).exit_code == 0
    after = un_text.read_bytes()
    expected = before.replace(b"3.\tMr. Petrescu", b"4.\tMr. Petrescu").replace(b"4.\tMr. Santos", b"5.\tMr. Santos")
    expected = expected.replace(b"5.\tThe Chair, recalling paragraph 4,", b"6.\tThe Chair, recalling paragraph 5,")
    assert after == expected
    assert run("lint", str(un_text)).exit_code == 0
    assert run("renumber", "--check", str(un_text)).exit_code == 0


def test_crlf_and_bom_survive(tmp_path: Path, reference_copy: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + reference_copy.read_bytes().replace(b"\n", b"\r\n"))
    assert run("lint", str(crlf)).exit_code == 1
    assert run("renumber", str(crlf)).exit_code == 0
    data = crlf.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == reference_copy.read_bytes().count(b"\n")
    assert b"10.9\t" in data and run("lint", str(crlf)).exit_code == 0


def test_unreadable_file_exit_2_others_still_linted(tmp_path: Path, reference_copy: Path) -> None:
    binary = tmp_path / "broken.docx"
    binary.write_bytes(b"\x00\x01not a zip")
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(tmp_path / "missing.txt"), str(binary), str(reference_copy)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert [bool(f.get("error")) for f in report["files"]] == [True, True, False]
    assert report["summary"]["errors"] == 3 and report["summary"]["unreadable"] == 2
    assert f"{tmp_path / 'missing.txt'}: cannot read file" in result.stderr
    assert "not a Word 2007+ package" in result.stderr


def test_text_format_line(reference_copy: Path) -> None:
    result = run("lint", str(reference_copy))
    first = result.output.splitlines()[0]
    assert first.startswith(f"{reference_copy}:133:22: N101 number 10.8 is used twice (found 10.8, expected 10.9): \"")
    assert result.output.splitlines()[-1].startswith("1 file: 11 headings and ") and result.output.splitlines()[-1].endswith("read; 3 errors, 0 warnings")


def test_sarif_structure(reference_copy: Path) -> None:
    sarif = json.loads(run("lint", "--format", "sarif", str(reference_copy)).output)
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"N101", "N102", "N108", "W203"}
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["N101", "N102", "N108"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] in (133, 136, 139) and region["startColumn"] >= 1
        assert result["message"]["text"]


def test_junit_and_github(reference_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    assert run("lint", "--format", "junit", "-o", str(out), str(reference_copy)).exit_code == 1
    root = etree.fromstring(out.read_bytes())
    assert root.tag == "testsuites" and root.get("failures") == "3"
    assert len(root.findall(".//failure")) == 3
    github = run("lint", "--format", "github", str(reference_copy)).output.splitlines()
    assert github[0] == f"::error file={reference_copy},line=133,col=22,title=N101 duplicate-number::number 10.8 is used twice (found 10.8, expected 10.9)"


def test_html_report_is_self_contained(reference_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert run("lint", "--format", "html", "-o", str(out), str(reference_copy)).exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "src=" not in page and "url(" not in page
    assert page.count('class="num wrong"') == 3
    assert '<span class="exp" title="expected number">10.9</span>' in page
    assert "3</b>wrong numbers" in page


def test_record_examples_lint_clean() -> None:
    examples = sorted(Path(__file__).resolve().parents[2].joinpath("examples").glob("*.yaml"))
    for example in examples:
        result = run("lint", str(example))
        assert result.exit_code == 0, result.output


def test_record_renumber_keeps_comments_and_quoting(tmp_path: Path) -> None:
    record = tmp_path / "r.yaml"
    text = (
        "# a comment that must stay\nstyle: itu\nlanguage: en\noriginal_language: en\nbody: Council\nsymbol: C99/1-E\n"
        "date: 2024-01-01\nmeeting: {number: 1, title: SUMMARY RECORD, date: 2024-01-01}\nagenda: [{title: Opening}]\n"
        "sections:\n  - number: 1\n    paragraphs:\n      - {text: Opened., number: '1.1'}  # inline comment\n"
        "      - text: Noted, see paragraph 1.1.\n        number: \"1.1\"\n      - text: Agreed.\n        number: 1.10\n"
    )
    record.write_text(text, encoding="utf-8")
    result = run("lint", str(record))
    assert result.exit_code == 1
    assert "found 1.10, expected 1.3" in result.output
    assert run("renumber", str(record)).exit_code == 0
    assert record.read_text(encoding="utf-8") == text.replace('number: "1.1"', 'number: "1.2"').replace("number: 1.10", "number: 1.3")
    assert run("lint", str(record)).exit_code == 0
