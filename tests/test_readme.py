"""The README's example record is real: it validates, builds, and its cross-reference resolves."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from click.testing import CliRunner

from drafting.cli import main

ROOT = Path(__file__).resolve().parent.parent


def readme_record(tmp_path: Path) -> Path:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block, "README.md has no yaml example"
    path = tmp_path / "readme.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def test_readme_record_builds_with_resolved_cross_reference(tmp_path: Path) -> None:
    record = readme_record(tmp_path)
    result = CliRunner().invoke(main, ["build", str(record), "--to", "docx", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out" / "readme.docx")).paragraphs if p.style.name == "Record Paragraph"]
    assert [p.split("\t")[0] for p in paragraphs] == ["1.1", "1.2", "1.3"]
    assert paragraphs[2] == "1.3\tIt was so concluded, as proposed in paragraph 1.2."


def test_readme_commands_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in text and "make test" in text
    for command in re.findall(r"^drafting (\w+)", text, re.M):
        assert command in main.commands, command
