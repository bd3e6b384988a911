"""A character no installed font has (an emoji, a private-use character) is named by `validate`
at the record's line and column, with its code point, its Unicode name and the faces tried, and
`build` refuses it before writing anything (it used to fail at the very end, naming the PDF)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafting.cli import main

RECORD = """\
style: {style}
language: {language}
original_language: en
body: Council
symbol: C20/1-E
date: 2020-06-16
meeting:
  number: 1
  title: SUMMARY RECORD OF THE FIRST MEETING
  date: 2020-06-09
agenda:
  - title: Budget
sections:
  - title: Budget
    paragraphs:
      - The budget {char} was approved.
signatures:
  - role: Chair
    name: A. Name {char}
"""


def uncovered(named: bool) -> str:
    """A code point no installed face has, as fontconfig reports it (with a Unicode name if ``named``)."""
    assert shutil.which("fc-list"), "fontconfig's fc-list is needed"
    candidates = (0x1F9FF, 0x1E900, 0x16A0, 0x13000, 0x1D11E) if named else (0xE000, 0xF0000, 0x10FFFD)
    for code in candidates:
        listed = subprocess.run(["fc-list", f":charset={code:x}", "family"], capture_output=True, text=True, check=False)
        if listed.returncode == 0 and not listed.stdout.strip():
            return chr(code)
    raise AssertionError("every candidate code point has a font here: add one that none covers")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh coverage cache for each test (and no stale in-process copy)."""
    from drafting import fonts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts.installed_coverage.cache_clear()
    yield tmp_path / "cache"
    fonts.installed_coverage.cache_clear()


def write(folder: Path, char: str, style: str = "itu", language: str = "en") -> Path:
    path = folder / "record.yaml"
    path.write_text(RECORD.format(style=style, language=language, char=char), encoding="utf-8")
    return path


@pytest.mark.parametrize("named", [True, False])
def test_validate_names_the_character_at_its_line_and_column(tmp_path: Path, named: bool) -> None:
    char = uncovered(named)
    path = write(tmp_path, char)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2, lines  # the paragraph and the signature: every place, in one run
    name = f"U+{ord(char):04X} {unicodedata.name(char)}" if named else f"U+{ord(char):04X} (a private-use character)"
    assert lines[0].startswith(f"{path}:16:20: sections[0].paragraphs[0]: {name} is in no installed font (tried Calibri, Carlito, ")
    assert lines[1].startswith(f"{path}:19:19: signatures[0].name: {name} is in no installed font")
    assert re.search(r"sans-serif, then each of the \d+ installed faces\), so the PDF cannot show it", lines[0]), lines[0]


def test_build_refuses_it_before_writing_anything(tmp_path: Path) -> None:
    char = uncovered(True)
    path = write(tmp_path, char)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out), "--format", "json"])
    assert result.exit_code == 2, result.output
    report = json.loads(result.output)
    [problem, _] = report["inputs"][0]["problems"]
    assert (problem["line"], problem["column"]) == (16, 20) and f"U+{ord(char):04X}" in problem["message"]
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix in (".docx", ".html", ".pdf")]


def test_the_faces_tried_are_the_records_style_and_language(tmp_path: Path) -> None:
    char = uncovered(True)
    un = CliRunner().invoke(main, ["validate", str(write(tmp_path, char, "un"))]).output
    assert '(tried Times New Roman, Liberation Serif, Noto Serif, ' in un, un
    arabic = CliRunner().invoke(main, ["validate", str(write(tmp_path, char, "itu", "ar"))]).output
    assert "(tried Amiri, serif, then each of the " in arabic, arabic


@pytest.mark.parametrize("text", ["会议 记录", "الجلسة", "Засідання — « » № 5", "😀 \u200f\u2009\u202f"])
def test_characters_some_installed_font_has_pass(tmp_path: Path, text: str) -> None:
    if "😀" in text:  # an emoji is fine where some face has it (DejaVu Sans here)
        listed = subprocess.run(["fc-list", ":charset=1f600", "family"], capture_output=True, text=True, check=False).stdout
        assert listed.strip(), "no installed face has U+1F600 here: pick another covered emoji"
    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, text))])
    assert result.exit_code == 0, result.output


def test_coverage_is_kept_on_disk_and_recomputed_when_unreadable(tmp_path: Path, own_cache: Path) -> None:
    from drafting import fonts

    char = uncovered(True)
    stale = own_cache / "drafting" / "font-coverage-0000000000000000.json"  # of fonts installed before
    stale.parent.mkdir(parents=True)
    stale.write_text('{"faces": 1, "ranges": [[65, 65]]}', encoding="utf-8")
    assert not fonts.installed_coverage().covers(char) and fonts.installed_coverage().covers("B")
    [stored] = (own_cache / "drafting").glob("font-coverage-*.json")  # the stale one is gone
    ranges = json.loads(stored.read_text(encoding="utf-8"))["ranges"]
    assert any(start <= ord("会") <= end for start, end in ranges)
    stored.write_text("{ not json", encoding="utf-8")  # a damaged cache is rebuilt, not trusted
    fonts.installed_coverage.cache_clear()
    assert fonts.installed_coverage().covers("A") and not fonts.installed_coverage().covers(char)
    assert json.loads(stored.read_text(encoding="utf-8"))["ranges"] == ranges
