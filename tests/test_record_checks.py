"""What the build would get wrong is caught by `validate` (and the build runs the same checks):
broken cross-references, typed numbers, colons in roles, links without a scheme, a third level
of sub-paragraphs, clashing output names."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drafting.cli import main
from drafting.starter import starter

START = starter("itu", "en")


def edited(old: str, new: str) -> str:
    assert START.count(old) == 1, old
    return START.replace(old, new)


def write(tmp_path: Path, text: str, name: str = "record.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def at(text: str, needle: str) -> str:
    offset = text.index(needle)
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"


BROKEN = edited("as decided in paragraph [](#agenda-adopted).", "as decided in paragraph [](#agenda-adoptd).")


def test_broken_cross_reference_is_located_at_validate(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"{path}:{at(BROKEN, '(#agenda-adoptd)')}: sections[2].paragraphs[0]: broken cross-reference "
                             "[](#agenda-adoptd): no paragraph, section or subparagraph has the id 'agenda-adoptd' — did you mean 'agenda-adopted'?\n")


def test_build_stops_at_the_same_check_before_writing_anything(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    out = tmp_path / "out"
    result = run("build", str(path), "-o", str(out))
    assert result.exit_code == 2
    assert f"{path}:{at(BROKEN, '(#agenda-adoptd)')}: sections[2].paragraphs[0]: broken cross-reference" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_reference_to_something_without_a_number(tmp_path: Path) -> None:
    text = edited("      - text: (The statement", "      - id: annex-note\n        text: (The statement")
    text = text.replace("[](#agenda-adopted)", "[](#annex-note)")
    result = run("validate", str(write(tmp_path, text)))
    assert result.exit_code == 2
    assert "broken cross-reference [](#annex-note): 'annex-note' is the id of something without a number" in result.stderr


QUOTED_ROLE = '"Chairman:"'


def test_warnings_are_reported_and_the_record_still_validates(tmp_path: Path) -> None:
    text = edited("  - role: Chairman\n", '  - role: "Chairman:"\n')
    text = text.replace("      - The representative of the secretariat", "      - 2.1 The representative of the secretariat")
    text = text.replace("The Council *took note* of the report.", "The Council noted [the site](www.itu.int).")
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{path}:{at(text, QUOTED_ROLE)}: warning: chairs[0].role: 'Chairman:' ends with a colon; drafting adds the colon of the "
        "record's language, so it would print 'Chairman::'. Remove it",
        f"{path}:{at(text, '2.1 The')}: warning: sections[1].paragraphs[0]: the text starts with '2.1' typed by hand; numbers are "
        "computed, so it would print twice. Remove it (an imported record keeps its written number in 'number:')",
        f"{path}:{at(text, '(www.itu.int)')}: warning: sections[1].paragraphs[2].text: the link 'www.itu.int' has no scheme, so it "
        "points nowhere; write 'https://www.itu.int'",
    ]


def test_a_number_in_a_sentence_is_not_a_typed_number(tmp_path: Path) -> None:
    text = edited("      - The representative of the secretariat", "      - 12 delegates and the representative of the secretariat")
    result = run("validate", str(write(tmp_path, text)))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_build_prints_the_warnings_too(tmp_path: Path) -> None:
    text = edited("  - role: Chairman\n", '  - role: "Chairman:"\n')
    path = write(tmp_path, text)
    result = run("build", str(path), "--to", "docx", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "warning: chairs[0].role: 'Chairman:' ends with a colon" in result.stderr
    assert (tmp_path / "out" / "record.docx").is_file()


def test_third_level_of_subparagraphs_is_refused(tmp_path: Path) -> None:
    text = edited("              - the timing of the sessions;\n",
                  "              - text: the timing of the sessions;\n                subparagraphs: [too deep]\n")
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:{at(text, 'subparagraphs: [too deep]')}: sections[1].paragraphs[1].subparagraphs[1].subparagraphs[0].subparagraphs: "
        "a third level of sub-paragraphs: sub-paragraphs go two levels deep, (a), (b) … then (i), (ii) …; make these (i), (ii) … "
        "items of their own, or a new paragraph\n")


def test_two_inputs_with_one_output_name_are_refused(tmp_path: Path) -> None:
    a = write(tmp_path, START, "a/x.yaml")
    b = write(tmp_path, START, "b/x.yaml")
    other = write(tmp_path, START, "other.yaml")
    out = tmp_path / "out"
    result = run("build", str(a), str(b), str(other), "--to", "docx", "-o", str(out))
    assert result.exit_code == 2
    message = f"{a}, {b} both would write {out / 'x.docx'}: one record would be lost"
    assert result.stderr.count(message) == 2, result.stderr
    assert sorted(p.name for p in out.iterdir() if p.name != ".drafting-manifest.json") == ["other.docx"]


def test_the_same_file_twice_is_built_once(tmp_path: Path) -> None:
    a = write(tmp_path, START, "x.yaml")
    result = run("build", str(a), str(a), "--to", "docx", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("x.docx") == 1


def test_validate_json_lists_every_problem(tmp_path: Path) -> None:
    good = write(tmp_path, START, "good.yaml")
    bad = write(tmp_path, BROKEN, "bad.yaml")
    result = run("validate", "--format", "json", str(good), str(bad))
    assert result.exit_code == 2
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["command"] == "validate" and report["exit_status"] == 2 and report["errors"] == 1
    assert [(i["path"], i["ok"]) for i in report["inputs"]] == [(str(good), True), (str(bad), False)]
    [problem] = report["inputs"][1]["problems"]
    line, column = map(int, at(BROKEN, "(#agenda-adoptd)").split(":"))
    assert problem == {"path": str(bad), "line": line, "column": column, "severity": "error",
                       "message": problem["message"]}
    assert problem["message"].startswith("sections[2].paragraphs[0]: broken cross-reference")


def test_build_json_lists_what_was_read_and_written(tmp_path: Path) -> None:
    path = write(tmp_path, edited("  - role: Chairman\n", '  - role: "Chairman:"\n'))
    out = tmp_path / "out"
    result = run("build", str(path), "--to", "docx,html", "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    [entry] = report["inputs"]
    assert entry["path"] == str(path) and entry["ok"] is True
    assert entry["outputs"] == {"docx": str(out / "record.docx"), "html": str(out / "record.html")}
    assert [p["severity"] for p in entry["problems"]] == ["warning"]
    assert report["warnings"] == 1 and report["errors"] == 0 and report["exit_status"] == 0


def test_a_colon_in_a_chinese_role_and_a_typed_number_before_an_ideographic_space(tmp_path: Path) -> None:
    text = starter("itu", "zh").replace("  - role: 主席\n", "  - role: 主席：\n", 1).replace(
        "      - 秘书处代表介绍了", "      - 2.1　秘书处代表介绍了")
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].endswith("warning: chairs[0].role: '主席：' ends with a colon; drafting adds the colon of the record's language, "
                             "so it would print '主席：：'. Remove it")
    assert "warning: sections[1].paragraphs[0]: the text starts with '2.1' typed by hand" in lines[1]


def test_the_english_chair_change_word_in_another_language_is_a_warning(tmp_path: Path) -> None:
    french = starter("itu", "fr")
    assert "  - role: Puis\n" in french
    path = write(tmp_path, french.replace("  - role: Puis\n", "  - role: later\n", 1))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output  # printed as written: a warning, not an error
    line = path.read_text(encoding="utf-8").splitlines().index("  - role: later") + 1
    assert result.stderr == (f"{path}:{line}:11: warning: chairs[1].role: 'later' is printed "
                             "as written in this 'fr' record; write the word of the record's language (the starter of "
                             "`drafting new --language fr` shows it)\n")
    english = write(tmp_path, starter("itu", "en"), "english.yaml")
    assert run("validate", str(english)).stderr == ""  # the English word, in an English record


def test_a_tab_inside_a_text_is_a_warning(tmp_path: Path) -> None:
    # Word would jump to a tab stop where the HTML and the PDF show a space.
    text = edited("as decided in paragraph [](#agenda-adopted).", "as decided\tin paragraph [](#agenda-adopted).")
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"{path}:{at(text, chr(9))}: warning: ")
    assert "a tab inside the text: Word jumps to the next tab stop, the HTML and the PDF show a space; type a space" in result.stderr
