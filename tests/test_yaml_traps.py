"""A secretary's sentence that YAML reads as syntax gets a located error that names the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafting.cli import main
from drafting.starter import starter

QUOTE = 'put the whole text in double quotes ("…"), or write it as a block scalar'
LINE = "      - The Chairman opened the meeting and welcomed the councillors.\n"


def record_with(paragraph: str) -> str:
    """The English ITU starter record with its first paragraph line replaced."""
    text = starter("itu", "en")
    assert text.count(LINE) == 1
    return text.replace(LINE, paragraph + "\n")


def validate(tmp_path: Path, text: str, *extra: str):
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path, CliRunner().invoke(main, ["validate", str(path), *extra])


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_text_cut_by_a_hash_is_an_error_with_its_location(tmp_path: Path) -> None:
    text = record_with("      - The vote was 12 in favour #3 against.")
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    line = line_of(text, "The vote")
    assert result.stderr == (
        f"{path}:{line}:34: sections[0].paragraphs[0]: text lost: YAML reads '#3 against.' as a comment, so this text "
        f"ends at 'The vote was 12 in favour'; {QUOTE}: `|-` and the text indented on the next line "
        "(a comment meant as one needs two spaces before '#')\n")


def test_the_same_text_quoted_keeps_every_word(tmp_path: Path) -> None:
    text = record_with('      - "The vote was 12 in favour #3 against."')
    _, result = validate(tmp_path, text)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(tmp_path / "record.yaml"), "--to", "docx", "-o", str(out)])
    assert built.exit_code == 0, built.output
    import docx

    texts = [p.text for p in docx.Document(str(out / "record.docx")).paragraphs]
    assert "1.1\tThe vote was 12 in favour #3 against." in texts


def test_a_comment_set_off_by_two_spaces_is_a_comment(tmp_path: Path) -> None:
    _, result = validate(tmp_path, record_with("      - The vote was unanimous.  # checked with the secretariat"))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def the_one_error(tmp_path: Path, paragraph: str, needle: str) -> tuple[Path, str, int, int]:
    """Validate the starter with ``paragraph``: its one error message, and the line and column of ``needle``."""
    text = record_with(paragraph)
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    [message] = result.stderr.splitlines()
    return path, message, line_of(text, needle), text.index(needle) - text.rfind("\n", 0, text.index(needle))


@pytest.mark.parametrize("paragraph, needle, words", [
    ("      - **Mr. Haddad** said that the text was agreed.", "**Mr", "YAML reads '*' at the start of a value as an alias"),
    ("      - *The Financial Regulations* apply.", "*The", "YAML reads '*' at the start of a value as an alias"),
    ("      - [The site](https://www.itu.int) was updated.", "[The", "YAML reads '[' at the start of a value as the start of a list"),
    ("      -\tThe meeting opened.", "\tThe", "a tab cannot indent YAML or start a value: indent with spaces"),
    ("      - text: The delegate said: yes.", "said: yes", "an unquoted text may not hold ': ' (a colon and a space) or end with a colon"),
    ("      - text: The Chairman said:", "said:", "an unquoted text may not hold ': ' (a colon and a space) or end with a colon"),
])
def test_yaml_syntax_traps_are_explained(tmp_path: Path, paragraph: str, needle: str, words: str) -> None:
    path, message, line, _ = the_one_error(tmp_path, paragraph, needle)
    assert message.startswith(f"{path}:{line}:"), message
    assert "YAML syntax error: " in message
    assert words in message, message
    if "tab" not in words:
        assert QUOTE in message, message


@pytest.mark.parametrize("paragraph, needle, words", [
    ('      - "The Chairman opened the meeting.', '"The Chairman', "this quoted text is never closed: add its closing quote"),
    ("      - 'The Chairman opened the meeting.", "'The Chairman", "this quoted text is never closed: add its closing quote"),
    ("      - text: The Chairman opened the meeting.\n        bookmarks: [opening, welcome", "[opening",
     "this list opened with '[' is never closed: add ']'"),
    ("      - {text: The Chairman opened the meeting., id: opening", "{text", "this mapping opened with '{' is never closed: add '}'"),
])
def test_an_unclosed_quote_or_bracket_is_reported_where_it_opens(tmp_path: Path, paragraph: str, needle: str, words: str) -> None:
    # YAML runs on to a later line (often the end of the file) looking for the closing character.
    path, message, line, column = the_one_error(tmp_path, paragraph, needle)
    assert message.startswith(f"{path}:{line}:{column}: YAML syntax error: {words} (YAML "), message
    later = re.search(r"at line (\d+), column \d+\)$", message)
    assert later and int(later.group(1)) > line, message


def test_text_ending_in_a_colon_read_as_a_key_is_explained(tmp_path: Path) -> None:
    text = record_with("      - The Chairman said:")
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:{line_of(text, 'The Chairman said')}:9: sections[0].paragraphs[0]: this text ends with a colon, so YAML read it "
        f"as a key 'The Chairman said' with no value; {QUOTE}: `|-` and the text indented on the next line\n")


def test_text_starting_with_a_hash_is_explained(tmp_path: Path) -> None:
    text = record_with("      - #3 was adopted.")
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    assert f"{path}:{line_of(text, '#3 was')}:" in result.stderr
    assert "a text that starts with '#' is a comment to YAML, so nothing is left" in result.stderr


def test_the_starters_advice_is_what_the_messages_say() -> None:
    # The starter record teaches the rule the messages apply.
    text = starter("itu", "en")
    assert 'Put a text in double quotes when it starts with * [ { & ! | > % @ ` \' or "' in text
    assert '"The councillors raised the following points:"' in text


def test_the_readmes_quoting_examples_validate_and_keep_every_word(tmp_path: Path) -> None:
    import re

    import docx

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    first_record = readme[readme.index("## Your first record"):]
    snippet = re.search(r"```yaml\n(.*?)```", first_record, re.S).group(1)
    path, result = validate(tmp_path, record_with(snippet.rstrip("\n")))
    assert (result.exit_code, result.output) == (0, "")
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(path), "--to", "docx", "-o", str(out)])
    assert built.exit_code == 0, built.output
    texts = [p.text for p in docx.Document(str(out / "record.docx")).paragraphs]
    assert "1.1\tMr Haddad said that the vote was 12 in favour #3 against." in texts
    assert "1.2\tThe Council agreed to the following:" in texts
    assert any(t.strip().startswith("(ii)") and t.endswith("to consult the regional groups.") for t in texts), texts
    assert any("# even this line, and no character needs quoting." in t for t in texts)


def test_every_syntax_trap_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    text = record_with("      - **Mr Haddad** said the report was comprehensive.\n"
                       "      - text: The councillors raised the following points:\n"
                       "      - *The Financial Regulations* apply.")
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": YAML syntax error")[0] for line in lines] == [
        f"{path}:{line_of(text, '**Mr')}:10", f"{path}:{line_of(text, 'following points:')}:58", f"{path}:{line_of(text, '*The')}:9"]
    assert "alias" in lines[0] and "': '" in lines[1] and "alias" in lines[2]


def test_an_unexplained_syntax_error_stops_the_search(tmp_path: Path) -> None:
    # After a tab, blanking values cannot tell what the next real error is: report one.
    text = record_with("      -\tThe meeting opened.\n      - **Mr Haddad** said so.")
    _, result = validate(tmp_path, text)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "a tab cannot indent YAML" in result.stderr


def test_text_holding_colon_space_read_as_key_and_value_is_explained(tmp_path: Path) -> None:
    text = record_with("      - The councillor from Canada said: the report should be shorter.")
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:{line_of(text, 'The councillor from Canada')}:9: sections[0].paragraphs[0]: this text holds ': ' (a colon and a space), "
        "so YAML read it as a key 'The councillor from Canada said' and a value 'the report should be shorter.'; "
        f"{QUOTE}: `|-` and the text indented on the next line\n")


def test_references_and_warnings_are_checked_even_when_the_record_has_other_errors(tmp_path: Path) -> None:
    text = record_with("      - The Chairman said:").replace("[](#agenda-adopted)", "[](#agenda-adoptd)").replace(
        "  - role: Chairman\n", '  - role: "Chairman:"\n')
    _, result = validate(tmp_path, text)
    assert result.exit_code == 2
    messages = result.stderr.splitlines()
    assert len(messages) == 3, messages
    assert "warning: chairs[0].role: 'Chairman:' ends with a colon" in messages[0]
    assert "this text ends with a colon" in messages[1]
    assert "broken cross-reference [](#agenda-adoptd)" in messages[2] and "did you mean 'agenda-adopted'?" in messages[2]


def test_syntax_traps_and_the_rest_of_the_record_in_one_run(tmp_path: Path) -> None:
    text = record_with("      - Г-жа Иванова говорит: доклад полезен.\n"
                       "      - text: Члены Комитета отмечают:\n"
                       '      - Голосование: 12 голосов "za" #3 "против".').replace("paragraph [](#agenda-adopted).", "paragraph [](#agenda).")
    path, result = validate(tmp_path, text)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    where = [line.split(": ", 1)[0] for line in lines]
    assert where == [f"{path}:{line_of(text, 'Г-жа')}:9", f"{path}:{line_of(text, 'Члены')}:38", f"{path}:{line_of(text, 'Голосование')}:9",
                     f"{path}:{line_of(text, 'Голосование')}:37", f"{path}:{line_of(text, 'paragraph [](#agenda).')}:{text.split(chr(10))[line_of(text, 'paragraph [](#agenda).') - 1].index('(#agenda)') + 1}"]
    assert "so YAML read it as a key 'Г-жа Иванова говорит' and a value 'доклад полезен.'" in lines[0]
    assert "YAML syntax error: mapping values are not allowed" in lines[1]
    assert "so YAML read it as a key 'Голосование' and a value '12 голосов \"za\"'" in lines[2]
    assert "text lost: YAML reads '#3 \"против\".' as a comment" in lines[3]
    assert "broken cross-reference [](#agenda)" in lines[4]


def test_a_mistyped_key_is_still_a_mistyped_key(tmp_path: Path) -> None:
    _, result = validate(tmp_path, record_with("      - txt: The meeting opened."))
    assert result.exit_code == 2
    assert "unknown key 'txt' — did you mean 'text'?" in result.stderr
