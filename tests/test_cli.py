"""The `drafting` command line through click's CliRunner: --version, schema, doctor, examples."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from click.testing import CliRunner

import drafting
from drafting.cli import main
from drafting.starter import starter as starter_text

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO / "schemas" / "record.schema.json"
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"drafting, version {drafting.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", drafting.__version__)


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "schema", "doctor"):
        assert re.search(rf"^\s+{command}\s", result.output, re.MULTILINE), result.output
    assert "-v, --verbose" in result.output


# ---------------------------------------------------------------------------------------------
# The schema.


def test_schema_command_prints_the_published_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert result.stderr == ""


def test_schema_is_valid_draft_2020_12_with_an_id() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator
    jsonschema.Draft202012Validator.check_schema(schema)
    assert isinstance(schema.get("$id"), str) and schema["$id"].startswith("https://")
    assert schema.get("title") and schema.get("description")


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref the way an editor does (sibling keywords win)."""
    seen = 0
    while "$ref" in node and seen < 20:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"non-local $ref {ref}"
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in the schema (incl. $defs, items, oneOf), with its path."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                yield f"{where}/properties/{name}", sub
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}/{i}")


def test_every_property_has_a_title_and_a_description() -> None:
    # What an editor shows on hover: the property's own title and description, or, for a
    # property that is only a $ref, those of the definition it refers to.
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    found = list(_properties(schema, "#"))
    assert len(found) > 40
    assert any("/$defs/" in where for where, _ in found)
    lacking = []
    for where, sub in found:
        shown = _resolve(schema, sub)
        if not (isinstance(shown.get("title"), str) and shown["title"].strip()):
            lacking.append(f"{where}: title")
        if not (isinstance(shown.get("description"), str) and shown["description"].strip()):
            lacking.append(f"{where}: description")
    assert lacking == []


def test_every_definition_has_a_title_and_a_description() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    lacking = [name for name, sub in schema["$defs"].items() if not (sub.get("title") and sub.get("description"))]
    assert lacking == []


def test_schema_rejects_unknown_top_level_keys() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert {"style", "symbol", "date", "meeting", "agenda", "sections"} <= set(schema["required"])


# ---------------------------------------------------------------------------------------------
# doctor.

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh"]


def test_doctor_on_this_machine_finds_everything() -> None:
    result = run("doctor")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert not any(line.startswith("MISSING") for line in lines), result.output
    expected = [
        r"ok\s+pandoc: pandoc 3\.\d+(\.\d+)* \(.+\)",
        r"ok\s+WeasyPrint: WeasyPrint \d+.*",
        r"ok\s+HarfBuzz subset library: .*harfbuzz-subset.*",
        *(rf"ok\s+fonts for \w+ \({re.escape(code)}\): .+" for code in LANGUAGES),
        r"ok\s+pdftotext: /\S+/pdftotext",
    ]
    for pattern in expected:
        assert any(re.fullmatch(pattern, line) for line in lines), f"no line matches {pattern!r} in:\n{result.output}"
    assert "To fix" not in result.output


def test_doctor_reports_missing_harfbuzz_subset_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    result = run("doctor")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any(re.fullmatch(r"MISSING HarfBuzz subset library: .*6-7 s instead of 0\.3 s", line) for line in lines), result.output
    fixes = lines[lines.index("To fix (as root):") + 1 :]
    assert "  apt-get install -y libharfbuzz-subset0" in fixes
    # The checks that do not depend on find_library still pass.
    assert any(re.fullmatch(r"ok\s+pdftotext: .+", line) for line in lines)


# ---------------------------------------------------------------------------------------------
# Examples.


def test_there_are_at_least_three_examples() -> None:
    assert len(EXAMPLES) >= 3, [p.name for p in EXAMPLES]


def test_all_examples_validate_in_one_run() -> None:
    result = run("validate", *map(str, EXAMPLES))
    assert result.exit_code == 0, result.output
    assert result.output == ""


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_validates(example: Path) -> None:
    result = run("validate", str(example))
    assert result.exit_code == 0, result.output
    assert result.output == ""


# ---------------------------------------------------------------------------------------------
# Global options, exit statuses, colour, PDF variants.


@pytest.mark.parametrize("args", [["-v", "validate"], ["validate", "-v"], ["validate", "--verbose"]])
def test_verbose_is_accepted_before_or_after_the_command(args: list[str]) -> None:
    example = str(EXAMPLES[0])
    result = run(*args, example)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{example}: valid\n"


def test_quiet_after_the_command_silences_the_output_lines(tmp_path: Path) -> None:
    result = run("build", str(REPO / "examples" / "vc15-1.en.yaml"), "--to", "docx", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "vc15-1.en.docx").is_file()


def test_a_global_flag_after_a_double_dash_is_a_file_name() -> None:
    result = run("validate", "--", "-v")
    assert result.exit_code == 2
    assert result.stderr.startswith("-v: ")


def test_help_documents_exit_statuses_and_completion() -> None:
    for args in (["--help"], ["validate", "--help"], ["build", "--help"]):
        output = run(*args).output
        assert "Exit statuses:" in output, args
        assert re.search(r"^\s+2\s+an input could not be read", output, re.MULTILINE), args
    assert "_DRAFTING_COMPLETE=bash_source drafting" in run("--help").output


def test_shell_completion_script_is_produced() -> None:
    import os
    import subprocess

    env = {**os.environ, "_DRAFTING_COMPLETE": "bash_source"}
    result = subprocess.run([str(REPO / ".venv" / "bin" / "drafting")], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "complete -o nosort -F _drafting_completion drafting" in result.stdout


def test_pdf_variants_offered_are_weasyprints() -> None:
    import weasyprint.pdf

    from drafting.pdf import VARIANTS

    assert sorted(VARIANTS) == sorted(weasyprint.pdf.VARIANTS)


def test_unknown_pdf_variant_is_a_usage_error_listing_the_valid_ones(tmp_path: Path) -> None:
    result = run("build", str(EXAMPLES[0]), "--pdf-variant", "pdf/ua-9", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "'pdf/ua-9' is not one of" in result.stderr
    assert "'pdf/ua-1'" in result.stderr and "'pdf/a-3b'" in result.stderr
    assert "internal error" not in result.output
    assert list(tmp_path.iterdir()) == []


def _bad_record(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    bad.write_text("style: itu\n", encoding="utf-8")
    return bad


def test_colour_on_a_terminal_only(tmp_path: Path) -> None:
    bad = str(_bad_record(tmp_path))
    plain = CliRunner().invoke(main, ["validate", bad])
    assert "\x1b[" not in plain.output
    coloured = CliRunner().invoke(main, ["validate", bad], color=True)
    assert "\x1b[1m" in coloured.output


def test_no_color_wins_even_on_a_terminal(tmp_path: Path) -> None:
    bad = str(_bad_record(tmp_path))
    result = CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["validate", bad], color=True)
    assert result.exit_code == 2
    assert "missing required key" in result.output
    assert "\x1b[" not in result.output


def test_a_clean_itu_build_prints_nothing_on_standard_error(tmp_path: Path) -> None:
    # A real process, so that a library's log warning reaches stderr as it does in a CI log
    # (pytest's own log handlers would swallow it in process). Carlito's head table once made
    # fontTools print "'created' timestamp seems very low" in every ITU build.
    import subprocess
    import sys

    source = tmp_path / "plenary.es.yaml"
    source.write_text(starter_text("itu", "es"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "drafting", "build", str(source), "--to", "pdf", "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "out" / "plenary.es.pdf").is_file()


@pytest.mark.parametrize("output", ["out.pdf", "record.docx", "page.HTML"])
def test_build_output_named_like_a_file_is_refused_and_nothing_is_made(tmp_path: Path, output: str) -> None:
    # `-o` of build is a folder (import, lint and new take a file): `-o out.pdf` used to make a folder 'out.pdf'.
    source = tmp_path / "plenary.en.yaml"
    source.write_text(starter_text("itu", "en"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(source), "--to", "docx", "-o", str(tmp_path / output)])
    assert result.exit_code == 2, result.output
    assert f"'{tmp_path / output}' names a file, but build writes into a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plenary.en.yaml"]


def test_build_into_an_existing_folder_named_like_a_file_is_allowed(tmp_path: Path) -> None:
    source = tmp_path / "plenary.en.yaml"
    source.write_text(starter_text("itu", "en"), encoding="utf-8")
    (tmp_path / "v1.pdf").mkdir()
    result = CliRunner().invoke(main, ["build", str(source), "--to", "docx", "-o", str(tmp_path / "v1.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "v1.pdf" / "plenary.en.docx").is_file()
