"""`drafting validate`: what a user sees for good and bad records, through the CLI.

Every problem is one line ``path:line:col: message`` on stderr, every problem of a file is
reported in one run, the exit status is 2 when any file is bad, and validation errors never
print a traceback (only internal errors do, and only with ``-v``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafting.cli import main

REPO = Path(__file__).resolve().parent.parent

# A small but complete ITU-style record: four agenda rows, two sections, unquoted YAML dates.
MINIMAL = """\
style: itu
language: en
original_language: en
body: Council
session: Virtual consultation of councillors
symbol: C20/1-E
date: 2020-06-16
meeting:
  number: 1
  title: SUMMARY RECORD OF THE FIRST MEETING
  date: 2020-06-09
  start: "12:00"
  end: "15:00"
chairs:
  - role: Chairman
    name: Mr S. BIN GHELAITA (United Arab Emirates)
agenda:
  - title: Opening of the meeting
  - title: Approval of the agenda
    documents: [C20/1]
  - title: Organizational matters
  - title: Preparations for WTSA-20
    documents: [C20/24, VC/5]
sections:
  - paragraphs:
      - The Chairman opened the meeting.
  - paragraphs:
      - text: The agenda was **approved**.
        id: agenda-approved
signatures:
  - role: The Secretary-General
    name: H. ZHAO
  - role: The Chairman
    name: S. BIN GHELAITA
"""

NOT_A_RECORD = "expected a record (a mapping of keys such as 'style', 'symbol', 'agenda')"


def at(text: str, needle: str, nth: int = 1) -> str:
    """Return 'line:col' (1-based) of the nth occurrence of ``needle`` in ``text``."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{col}"


def edit(old: str, new: str, text: str = MINIMAL) -> str:
    """Replace exactly one occurrence of ``old`` in the record (fails loudly if absent)."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the record"
    return text.replace(old, new)


def minimal_json() -> str:
    """The minimal record as JSON (dates become the strings they were written as)."""
    return json.dumps(yaml.safe_load(MINIMAL), default=str, indent=2, ensure_ascii=False) + "\n"


def run(*args: str):
    """Invoke the CLI the way a user would; stdout and stderr kept apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# The table of bad records: (name, file name, content, [(needle or 'line:col', message), ...]).
# A location is given as the text it points at, so the expected line:col is computed from the
# content itself; a literal "line:col" is used where the location is not a piece of text.


def _case_wrong_type():
    text = edit("  number: 1\n", "  number: one\n")
    return text, [(at(text, "one"), "meeting.number: expected a whole number, got a text")]


def _case_wrong_type_top_level():
    text = edit("body: Council\n", "body: 5\n")
    return text, [(at(text, "5\n"), "body: expected a text, got a number")]


def _case_unknown_key():
    # A typo of a required key: the key is unknown *and* the required one is missing.
    text = edit("agenda:\n", "agendaa:\n")
    return text, [
        ("1:1", "record: missing required key 'agenda'"),
        (at(text, "agendaa"), "agendaa: unknown key 'agendaa' — did you mean 'agenda'?"),
    ]


def _case_unknown_nested_key():
    text = edit("        id: agenda-approved\n", "        idd: agenda-approved\n")
    return text, [(at(text, "idd"), "sections[1].paragraphs[0].idd: unknown key 'idd' — did you mean 'id'?")]


def _case_missing_key():
    text = edit("symbol: C20/1-E\n", "")
    return text, [("1:1", "record: missing required key 'symbol'")]


def _case_missing_nested_key():
    text = edit("  title: SUMMARY RECORD OF THE FIRST MEETING\n", "")
    # Located at the mapping that lacks the key (its first key).
    return text, [(at(text, "number: 1"), "meeting: missing required key 'title'")]


def _case_bad_date():
    text = edit("date: 2020-06-16\n", "date: 2020-13-45\n")
    return text, [(at(text, "2020-13-45"), "date: expected a date written YYYY-MM-DD (e.g. 2020-06-16), got '2020-13-45'")]


def _case_bad_meeting_date():
    text = edit("  date: 2020-06-09\n", "  date: 2020-02-30\n")
    return text, [(at(text, "2020-02-30"), "meeting.date: expected a date written YYYY-MM-DD (e.g. 2020-06-16), got '2020-02-30'")]


def _case_bad_time():
    text = edit('  start: "12:00"\n', '  start: "25:00"\n')
    return text, [(at(text, '"25:00"'), "meeting.start: '25:00' is not a valid time: a time written HH:MM on the 24-hour clock, e.g. 15:00")]


def _case_control_character():
    text = edit("The Chairman opened the meeting.", "The Chairman opened\x0bthe meeting.")
    return text, [(at(text, "\x0b"), "control character U+000B (vertical tab) is not allowed in a record")]


def _case_two_control_characters():
    text = edit("body: Council\n", "body: Coun\x00cil\n")
    text = edit("The Chairman opened the meeting.", "The Chairman opened\x0cthe meeting.", text)
    return text, [
        (at(text, "\x00"), "control character U+0000 (NUL) is not allowed in a record"),
        (at(text, "\x0c"), "control character U+000C (form feed) is not allowed in a record"),
    ]


def _case_not_utf8():
    text = edit("body: Council\n", "body: Café Council\n")
    return text.encode("latin-1"), [(at(text, "é"), "not UTF-8: byte 0xE9 cannot be decoded; save the file as UTF-8")]


def _case_empty_file():
    return "", [("1:1", "the file is empty: " + NOT_A_RECORD)]


def _case_blank_file():
    return "\n   \n\n", [("1:1", "the file is empty: " + NOT_A_RECORD)]


def _case_only_comments():
    return "# a record will go here\n", [("1:1", "the file holds no record: expected a mapping of keys such as 'style', 'symbol', 'agenda'")]


def _case_yaml_syntax_error():
    text = edit("body: Council\n", "body: Council: Geneva\n")
    # libyaml points at the second colon.
    return text, [(at(text, ": Geneva"), "YAML syntax error: mapping values are not allowed in this context — an unquoted text "
                   "may not hold ': ' (a colon and a space) or end with a colon: YAML reads it as a key; put the whole text in double "
                   'quotes ("…"), or write it as a block scalar: `|-` and the text indented on the next line')]


def _case_yaml_bad_indentation():
    text = edit("  title: SUMMARY RECORD", " title: SUMMARY RECORD")
    return text, [(at(text, "title: SUMMARY"), "YAML syntax error: did not find expected key (while parsing a block mapping)")]


def _case_list_at_top_level():
    return "- style: itu\n- symbol: C20/1-E\n", [("1:1", NOT_A_RECORD + " at the top level, got a list")]


def _case_text_at_top_level():
    return "just a sentence\n", [("1:1", NOT_A_RECORD + " at the top level, got a text")]


def _case_duplicate_key():
    text = edit("body: Council\n", "body: Council\nbody: Assembly\n")
    return text, [(at(text, "body", nth=2), "duplicate key 'body': a key may appear only once in a mapping")]


def _case_documents_as_string():
    text = edit("    documents: [C20/24, VC/5]\n", "    documents: C20/24\n")
    return text, [(at(text, "C20/24"), "agenda[3].documents: expected a list of document symbols, got a text")]


def _case_json_syntax_error():
    text = edit('  "symbol": "C20/1-E",\n', '  "symbol": "C20/1-E"\n', minimal_json())
    # json reports where it expected the comma: the start of the next key.
    return text, [(at(text, '"date": "2020-06-16"'), "JSON syntax error: Expecting ',' delimiter")]


def _case_json_wrong_type():
    text = edit('"number": 1,', '"number": "1",', minimal_json())
    return text, [(at(text, '"1"'), "meeting.number: expected a whole number, got a text: write 1 without quotes")]


def _case_bad_id():
    text = edit("id: agenda-approved", "id: 9-approved")
    return text, [
        (
            at(text, "9-approved"),
            "sections[1].paragraphs[0].id: '9-approved' is not a valid stable id: an id starts with a letter "
            "and holds only letters, digits, '_' and '-' (at most 40 characters)",
        )
    ]


def _case_empty_title():
    text = edit("  - title: Opening of the meeting\n", '  - title: ""\n')
    return text, [(at(text, '""'), "agenda[0].title: must not be empty")]


def _case_bad_enum():
    text = edit("style: itu\n", "style: ITU\n")
    return text, [(at(text, "ITU"), "style: expected one of 'itu', 'un', got 'ITU'")]


def _case_more_sections_than_agenda_rows():
    extra = "  - paragraphs: [Third.]\n  - paragraphs: [Fourth.]\n  - paragraphs: [Fifth.]\nsignatures:\n"
    text = edit("signatures:\n", extra)
    return text, [(at(text, "paragraphs: [Fifth.]"), "sections[4]: ITU style numbers section n after agenda row n, but the agenda has only 4 rows")]


def _case_duplicate_id():
    text = edit("    name: Mr S. BIN GHELAITA (United Arab Emirates)\n", "    name: Mr S. BIN GHELAITA (United Arab Emirates)\n    id: agenda_approved\n")
    line = at(text, "agenda_approved").split(":")[0]
    return text, [(at(text, "agenda-approved"), f"sections[1].paragraphs[0].id: id 'agenda-approved' is already used at line {line}; ids must be unique")]


def _case_json_trailing_comma():
    text = edit('    "name": "S. BIN GHELAITA"\n', '    "name": "S. BIN GHELAITA",\n', minimal_json())
    comma = at(text, '",\n', nth=text.count('",\n'))  # the last item's comma
    line, column = comma.split(":")
    return text, [(f"{line}:{int(column) + 1}", "JSON syntax error: a comma before '}': JSON allows none after the last item; remove it")]


def _case_yaml_named_json():
    return MINIMAL, [("1:1", "JSON syntax error: Expecting value — a JSON record starts with '{'; this file looks like YAML: "
                      "name it .yaml (or .yml)")]


def _case_time_written_with_a_dot():
    # Spanish and French print 9.30; YAML reads it unquoted as a number.
    text = edit('  start: "12:00"\n', "  start: 12.30\n")
    return text, [(at(text, "12.30"), 'meeting.start: expected a time in quotes, HH:MM on the 24-hour clock (e.g. "15:00"), got the number 12.3')]


def _case_empty_item():
    text = edit("      - The Chairman opened the meeting.\n", "      -\n")
    return text, [(at(text, "\n", nth=text[: text.index("      -\n")].count("\n") + 1),  # the nothing after the '-'
                   "sections[0].paragraphs[0]: an empty item: write the text after the '-', or remove the line")]


def _case_empty_paragraph():
    text = edit("      - The Chairman opened the meeting.\n", '      - ""\n')
    return text, [(at(text, '""'), "sections[0].paragraphs[0]: must not be empty: write the text, or remove the item")]


def _case_paragraph_of_spaces():
    text = edit("      - The Chairman opened the meeting.\n", '      - "   "\n')
    return text, [(at(text, '"   "'), "sections[0].paragraphs[0]: must not be empty: it holds only spaces; write the text, or remove the item")]


CASES = {
    "wrong type": ("record.yaml", _case_wrong_type),
    "wrong type at top level": ("record.yaml", _case_wrong_type_top_level),
    "unknown key with did-you-mean": ("record.yaml", _case_unknown_key),
    "unknown key in a paragraph": ("record.yaml", _case_unknown_nested_key),
    "missing key": ("record.yaml", _case_missing_key),
    "missing nested key": ("record.yaml", _case_missing_nested_key),
    "bad date": ("record.yaml", _case_bad_date),
    "impossible meeting date": ("record.yaml", _case_bad_meeting_date),
    "bad time": ("record.yaml", _case_bad_time),
    "control character": ("record.yaml", _case_control_character),
    "two control characters": ("record.yaml", _case_two_control_characters),
    "not UTF-8": ("record.yaml", _case_not_utf8),
    "empty file": ("record.yaml", _case_empty_file),
    "blank file": ("record.yaml", _case_blank_file),
    "only comments": ("record.yaml", _case_only_comments),
    "YAML syntax error": ("record.yaml", _case_yaml_syntax_error),
    "YAML bad indentation": ("record.yaml", _case_yaml_bad_indentation),
    "list at top level": ("record.yaml", _case_list_at_top_level),
    "text at top level": ("record.yaml", _case_text_at_top_level),
    "duplicate key": ("record.yaml", _case_duplicate_key),
    "documents given a string": ("record.yaml", _case_documents_as_string),
    "JSON syntax error": ("record.json", _case_json_syntax_error),
    "JSON wrong type": ("record.json", _case_json_wrong_type),
    "bad id": ("record.yaml", _case_bad_id),
    "empty title": ("record.yaml", _case_empty_title),
    "bad enum value": ("record.yaml", _case_bad_enum),
    "more ITU sections than agenda rows": ("record.yaml", _case_more_sections_than_agenda_rows),
    "duplicate id": ("record.yaml", _case_duplicate_id),
    "JSON trailing comma": ("record.json", _case_json_trailing_comma),
    "YAML record named .json": ("record.json", _case_yaml_named_json),
    "time written with a dot": ("record.yaml", _case_time_written_with_a_dot),
    "empty list item": ("record.yaml", _case_empty_item),
    "empty paragraph": ("record.yaml", _case_empty_paragraph),
    "paragraph of spaces": ("record.yaml", _case_paragraph_of_spaces),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_record_is_reported_with_location(tmp_path: Path, case: str) -> None:
    name, build = CASES[case]
    content, expected = build()
    path = write(tmp_path, name, content)
    result = run("validate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"{path}:{where}: {message}" for where, message in expected]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_record_verbose_still_has_no_traceback(tmp_path: Path, case: str) -> None:
    name, build = CASES[case]
    content, expected = build()
    path = write(tmp_path, name, content)
    result = run("-v", "validate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"{path}:{where}: {message}" for where, message in expected]
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------------
# Valid records.


def test_a_section_without_paragraphs_is_a_located_warning(tmp_path: Path) -> None:
    text = edit("  - paragraphs:\n      - The Chairman opened the meeting.\n", "  - paragraphs: []\n")
    path = write(tmp_path, "record.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"{path}:{at(text, '[]')}: warning: sections[0].paragraphs: the section has no paragraphs, so its "
                             "heading is printed with nothing under it; write what was said\n")


def test_a_un_heading_without_paragraphs_over_the_next_heading_is_valid(tmp_path: Path) -> None:
    # The UN example's agenda item heads its sub-item: the item's section has no paragraphs of its own.
    result = run("validate", str(REPO / "examples" / "ccpr-c-sr-3901.en.yaml"))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_minimal_yaml_record_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, "c20-1.en.yaml", MINIMAL)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_minimal_json_record_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, "c20-1.en.json", minimal_json())
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_verbose_says_valid(tmp_path: Path) -> None:
    path = write(tmp_path, "c20-1.en.yaml", MINIMAL)
    result = run("-v", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{path}: valid\n"


def test_unquoted_yaml_dates_are_accepted(tmp_path: Path) -> None:
    # MINIMAL writes both dates unquoted; quoted ones are accepted too.
    assert "date: 2020-06-16\n" in MINIMAL and "  date: 2020-06-09\n" in MINIMAL
    quoted = edit("date: 2020-06-16\n", 'date: "2020-06-16"\n')
    for name, text in (("unquoted.yaml", MINIMAL), ("quoted.yaml", quoted)):
        path = write(tmp_path, name, text)
        result = run("validate", str(path))
        assert result.exit_code == 0, result.output
        assert result.output == ""


def test_utf8_with_bom_and_crlf_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, "windows.yaml", b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


def test_tab_inside_a_quoted_paragraph_is_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, "tab.yaml", edit("- The Chairman opened the meeting.", '- "The Chairman\topened the meeting."'))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


def test_un_style_record_is_valid(tmp_path: Path) -> None:
    text = edit("style: itu\n", "style: un\n")
    text = edit("  - paragraphs:\n      - The Chairman", "  - title: Opening of the meeting\n    paragraphs:\n      - The Chairman", text)
    text = edit("  - paragraphs:\n      - text: The agenda", "  - title: Approval of the agenda\n    paragraphs:\n      - text: The agenda", text)
    path = write(tmp_path, "un.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


def test_un_style_section_needs_a_title(tmp_path: Path) -> None:
    text = edit("style: itu\n", "style: un\n")
    path = write(tmp_path, "un.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 2
    first, second = at(text, "paragraphs:", 1), at(text, "paragraphs:", 2)
    hint = ("(UN-style headings are written out, they are not agenda rows;"
            " only the first section may go without one, to hold unnumbered lines before the first heading)")
    assert [line for line in result.stderr.splitlines() if ": warning: " not in line] == [
        f"{path}:{first}: sections[0]: missing required key 'title' {hint}",
        f"{path}:{second}: sections[1]: missing required key 'title' {hint}",
    ]


# ---------------------------------------------------------------------------------------------
# Every problem at once, and no traceback.

THREE_PROBLEMS = edit("  number: 1\n", "  number: one\n", edit("symbol: C20/1-E\n", "", edit("session: Virtual", "sesion: Virtual")))


def _three_expected(path: Path) -> list[str]:
    text = THREE_PROBLEMS
    return [
        f"{path}:1:1: record: missing required key 'symbol'",
        f"{path}:{at(text, 'sesion')}: sesion: unknown key 'sesion' — did you mean 'session'?",
        f"{path}:{at(text, 'one')}: meeting.number: expected a whole number, got a text",
    ]


def test_missing_key_wrong_type_unknown_key_in_one_run(tmp_path: Path) -> None:
    path = write(tmp_path, "three.yaml", THREE_PROBLEMS)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == _three_expected(path)
    assert result.stdout == ""


@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "-v"])
def test_three_problems_in_a_real_process_print_no_traceback(tmp_path: Path, verbose: bool) -> None:
    path = write(tmp_path, "three.yaml", THREE_PROBLEMS)
    args = [sys.executable, "-m", "drafting"] + (["-v"] if verbose else []) + ["validate", str(path)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == _three_expected(path)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr


def test_internal_error_prints_traceback_only_with_verbose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafting.validation

    def crash(path: str, *allowed_dirs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(drafting.validation, "load_checked_source", crash)
    good = write(tmp_path, "good.yaml", MINIMAL)

    quiet = run("validate", str(good))
    assert quiet.exit_code == 2
    assert quiet.stderr == f"{good}: internal error: RuntimeError: boom (run with -v for the traceback)\n"
    assert "Traceback" not in quiet.output

    loud = run("-v", "validate", str(good))
    assert loud.exit_code == 2
    assert "Traceback (most recent call last)" in loud.stderr
    assert "RuntimeError: boom" in loud.stderr
    assert loud.stderr.splitlines()[-1] == f"{good}: internal error: RuntimeError: boom (run with -v for the traceback)"


# ---------------------------------------------------------------------------------------------
# Several files at once.


def test_several_files_all_reported_exit_2(tmp_path: Path) -> None:
    good_yaml = write(tmp_path, "good.yaml", MINIMAL)
    bad_date = write(tmp_path, "bad-date.yaml", edit("date: 2020-06-16\n", "date: 2020-13-45\n"))
    good_json = write(tmp_path, "good.json", minimal_json())
    empty = write(tmp_path, "empty.yaml", "")
    missing = tmp_path / "no-such-file.yaml"
    result = run("validate", str(good_yaml), str(bad_date), str(good_json), str(empty), str(missing))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{bad_date}:7:7: date: expected a date written YYYY-MM-DD (e.g. 2020-06-16), got '2020-13-45'",
        f"{empty}:1:1: the file is empty: " + NOT_A_RECORD,
        f"{missing}: cannot read file: No such file or directory",
    ]


def test_several_valid_files_exit_0(tmp_path: Path) -> None:
    paths = [write(tmp_path, "a.yaml", MINIMAL), write(tmp_path, "b.json", minimal_json()), write(tmp_path, "c.yaml", MINIMAL)]
    result = run("validate", *map(str, paths))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_relative_paths_are_reported_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "records").mkdir()
    write(tmp_path / "records", "bad.yaml", edit("symbol: C20/1-E\n", ""))
    monkeypatch.chdir(tmp_path)
    result = run("validate", "records/bad.yaml")
    assert result.exit_code == 2
    assert result.stderr == "records/bad.yaml:1:1: record: missing required key 'symbol'\n"


# ---------------------------------------------------------------------------------------------
# Product bugs found while writing these tests (they fail until drafting/ is fixed).


def test_two_missing_keys_are_each_reported_once(tmp_path: Path) -> None:
    # validation.py `_describe`, "required" branch: jsonschema yields one error per missing key,
    # but each error's validator_value is the whole `required` list, so every missing key is
    # reported once per missing key (2 missing keys -> 4 lines, 3 -> 9).
    path = write(tmp_path, "two.yaml", edit("symbol: C20/1-E\n", "", edit("body: Council\n", "")))
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:1:1: record: missing required key 'body'",
        f"{path}:1:1: record: missing required key 'symbol'",
    ]


def test_date_in_words_is_reported_once(tmp_path: Path) -> None:
    # validation.py `_describe`: a date that fails both the `format: date` and the `pattern` of
    # $defs/date produces two identical lines.
    text = edit("  date: 2020-06-09\n", "  date: 9 June 2020\n")
    path = write(tmp_path, "words.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:{at(text, '9 June 2020')}: meeting.date: expected a date written YYYY-MM-DD (e.g. 2020-06-16), got '9 June 2020'",
    ]


@pytest.mark.parametrize(
    "name, old, new, needle",
    [
        ("record.yaml", "- The Chairman opened the meeting.", '- "The Chairman\\vopened the meeting."', "\\v"),
        ("record.yaml", "- The Chairman opened the meeting.", '- "The Chairman\\x0Bopened the meeting."', "\\x0B"),
        ("record.json", '"The Chairman opened the meeting."', '"The Chairman\\u000bopened the meeting."', "\\u000b"),
    ],
    ids=["yaml \\v escape", "yaml \\x0B escape", "json \\u000b escape"],
)
def test_escaped_control_character_is_rejected(tmp_path: Path, name: str, old: str, new: str, needle: str) -> None:
    # source.py `find_control_characters` scans only the raw text, so a control character written
    # as an escape in a double-quoted YAML or JSON string reaches the record unchecked (exit 0)
    # and later the Word XML. The issue asks for every control character other than tab and
    # newline to be rejected with its location.
    text = edit(old, new, MINIMAL if name.endswith(".yaml") else minimal_json())
    path = write(tmp_path, name, text)
    result = run("validate", str(path))
    assert result.exit_code == 2, "a vertical tab written as an escape was accepted"
    # The line must be right; the column may be the escape's or the quoted text's.
    line = at(text, needle).split(":")[0]
    [message] = result.stderr.splitlines()
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}:\d+: .*U\+000B.*", message), message


def test_not_utf8_after_a_bom_names_the_right_byte_and_column(tmp_path: Path) -> None:
    # source.py `decode`: with a UTF-8 BOM, the "utf-8-sig" codec's exc.start counts from after
    # the BOM, but the code indexes the raw bytes (BOM included) with it, so the message names
    # the wrong byte (0x43 'C' instead of 0xE9) and the wrong column (1:8 instead of 1:10).
    path = write(tmp_path, "bom.yaml", b"\xef\xbb\xbfbody: Caf\xe9\n")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{path}:1:10: not UTF-8: byte 0xE9 cannot be decoded; save the file as UTF-8"]


def test_next_line_control_character_is_rejected_with_its_location(tmp_path: Path) -> None:
    # source.py `find_control_characters` skips U+0085 (NEL), a C1 control character; PyYAML then
    # treats it as a line break, and the user gets "YAML syntax error: could not find expected
    # ':'" two lines further down instead of the character and its location.
    text = edit("The Chairman opened the meeting.", "The Chairman opened\u0085the meeting.")
    path = write(tmp_path, "nel.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 2
    [message] = result.stderr.splitlines()
    assert message.startswith(f"{path}:{at(text, chr(0x85))}: control character U+0085"), message
