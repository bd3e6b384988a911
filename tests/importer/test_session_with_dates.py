"""A UN session line that holds dates ('Cent dixième session, 3-21 mars 2025') imports as the session: the
document date is the meta block's (before 'Original'), the time line is the one that reads as a time line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.test_import import _unbroken, build_and_import, record_content

RECORD = """\
style: un
language: fr
original_language: fr
body: Comité des droits de l’homme
session: Cent dixième session, 3-21 mars 2025
symbol: CCPR/C/SR.4100
date: 2025-03-14
meeting:
  number: 4100
  title: Compte rendu analytique de la 4100e séance
  date: 2025-03-11
  start: "10:00"
  place: Palais Wilson, Genève
chairs:
  - role: Présidente
    name: Mme Halvorsen
agenda:
  - title: Examen des rapports soumis par les États parties
sections:
  - title: Examen des rapports soumis par les États parties
    paragraphs:
      - La délégation dit que le rapport a été établi en consultation avec la société civile et qu’il est
        disponible en ligne, sur le site du Comité.
      - La Présidente remercie la délégation et rappelle que les réponses écrites figurent dans le document
        publié en 2024.
"""


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_session_line_with_dates_imports_as_the_session(kind: str, tmp_path: Path) -> None:
    source = tmp_path / "session.yaml"
    source.write_text(RECORD, encoding="utf-8")
    out, _ = build_and_import(source, kind, tmp_path)
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))
