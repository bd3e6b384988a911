"""Ids Word cannot hold as bookmark names ('agenda-adopted' is bookmarked 'agenda_adopted') come back from a built
DOCX as written, with the references to them."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.importer.test_import import build_and_import

RECORD = """\
style: un
language: en
original_language: en
body: Human Rights Committee
session: 140th session
symbol: CCPR/C/SR.4001
date: 2024-03-14
meeting:
  number: 4001
  title: Summary record of the 4001st meeting
  date: 2024-03-11
  start: "10:00"
chairs:
  - role: Chair
    name: Ms. Example
agenda:
  - title: Adoption of the agenda
sections:
  - title: Adoption of the agenda
    paragraphs:
      - id: agenda-adopted
        text: The agenda was adopted as proposed by the Bureau and circulated to the members before the session.
      - id: next-steps
        text: It was so agreed, as decided in paragraph [](#agenda-adopted).
"""


def test_ids_with_hyphens_come_back_from_a_built_docx(tmp_path: Path) -> None:
    source = tmp_path / "ids.yaml"
    source.write_text(RECORD, encoding="utf-8")
    out, _ = build_and_import(source, "docx", tmp_path)
    paragraphs = yaml.safe_load(out.read_text(encoding="utf-8"))["sections"][0]["paragraphs"]
    assert [p.get("id") for p in paragraphs] == ["agenda-adopted", "next-steps"]
    assert "[](#agenda-adopted)" in paragraphs[1]["text"]
