"""A record that names a logo gets it in the DOCX header block, the HTML (inline) and the PDF."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from drafting.cli import main

RECORD = """\
style: itu
language: en
original_language: en
body: Council
symbol: C26/1-E
date: 2026-06-16
logo: {logo}
meeting: {{number: 1, title: SUMMARY RECORD, date: 2026-06-09}}
agenda: [{{title: Opening}}]
sections: [{{paragraphs: [The meeting opened.]}}]
"""


def test_logo_reaches_every_format(tmp_path: Path) -> None:
    Image.new("RGB", (300, 120), (0, 90, 160)).save(tmp_path / "logo.png")
    record = tmp_path / "r.yaml"
    record.write_text(RECORD.format(logo="logo.png"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(record), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "r.docx") as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
        assert b"<pic:pic" in archive.read("word/document.xml")
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "out" / "r.pdf")], capture_output=True, text=True, check=True).stdout
    assert " 300 " in images and " 120 " in images


def test_missing_logo_is_a_located_error(tmp_path: Path) -> None:
    record = tmp_path / "r.yaml"
    record.write_text(RECORD.format(logo="missing.png"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(record), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{record}:7:7: logo: no such file" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
