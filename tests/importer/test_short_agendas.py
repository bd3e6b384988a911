"""An ITU record whose agenda has one row imports back from its DOCX and its PDF with that one row (a PDF's text
gives the row as a heading 1 before the body's heading 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.test_import import _unbroken, record_content, run

RECORD = """\
style: itu
language: en
original_language: en
body: Council
session: Session of 2026
symbol: C26/70-E
date: 2026-06-18
meeting:
  number: 5
  title: Summary record of the fifth plenary meeting
  date: 2026-06-17
  start: "09:30"
  end: "12:45"
chairs:
  - role: Chair
    name: Mr. A. Example
agenda:
  - title: Report of the Secretary-General
    documents: [C26/12]
sections:
  - paragraphs:
      - The Secretary-General introduced Document C26/12, which gave an account of the activities of the Union since
        the previous session of the Council and of the progress made on the strategic plan.
      - The Council took note of the report and thanked the secretariat for its work on it.
signatures:
  - role: The Secretary-General
    name: A. Secretary
  - role: The Chair
    name: A. Example
"""


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_an_agenda_of_one_row_imports_back(kind: str, tmp_path: Path) -> None:
    source = tmp_path / "one-row.yaml"
    source.write_text(RECORD, encoding="utf-8")
    built = run("build", source, "--to", kind, "-o", tmp_path, "--no-lint")
    assert built.exit_code == 0, built.output
    out = tmp_path / "imported.yaml"
    imported = run("import", tmp_path / f"one-row.{kind}", "-o", out)
    assert imported.exit_code == 0, imported.output  # no N101 for a second heading 1
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))
