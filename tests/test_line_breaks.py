"""Lines break where the text allows, not after a block's first word."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from drafting.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_a_block_whose_last_line_just_fits_does_not_break_after_its_first_word(tmp_path: Path) -> None:
    # pandoc's newline before </p> made WeasyPrint 70 set "Pacte" alone over the rest of the
    # French treaty line, and "provided" alone in paragraph 6.1 of the English ITU example.
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "ccpr-c-sr-3901.fr.yaml"), str(EXAMPLES / "vc15-1.en.yaml"),
                                       "--to", "html,pdf", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "\n</p>" not in (tmp_path / "ccpr-c-sr-3901.fr.html").read_text(encoding="utf-8")
    french = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "ccpr-c-sr-3901.fr.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "Pacte international relatif" in french
    english = subprocess.run(["pdftotext", str(tmp_path / "vc15-1.en.pdf"), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
    assert "provided" not in english and "under" not in english
