"""`validate` reports schema, reading and consistency problems together, mkdocs style: all of
them collected, then reported once, each at its file:line:col, whatever else is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafting.cli import main

RECORD = """\
style: itu
language: en
original_language: en
body: Council
session: Session 2020
symbol: C20/1-E
date: 2020-06-16
meeting:
  number: 1
  title: SUMMARY RECORD OF THE FIRST MEETING
  date: 2020-06-09
  start: "15:00"
  end: "12:00"
agenda:
  - title: Budget
    title: Budget again
    documents: [C20/24]
    colour: red
sections:
  - paragraphs:
      - id: pz
        text: The budget was approved.
      - id: pz
        text: The decision is in [](#nowhere) above.
  - paragraphs:
      - A second section without an agenda row.
"""


def validate(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", str(path)])
    return result.exit_code, result.output.splitlines()


def test_schema_reading_and_consistency_problems_come_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(RECORD, encoding="utf-8")
    status, lines = validate(path)
    assert status == 2
    assert lines == [
        f"{path}:13:8: meeting.end: the meeting ends at 12:00, not after it starts at 15:00; for a meeting that ran past midnight, "
        "write the line out in meeting.time_line",
        f"{path}:16:5: duplicate key 'title': a key may appear only once in a mapping",
        f"{path}:18:5: agenda[0].colour: unknown key 'colour' (allowed here: bookmarks, continued, documents, id, title)",
        f"{path}:23:13: sections[0].paragraphs[1].id: id 'pz' is already used at line 21; ids must be unique",
        f"{path}:24:36: sections[0].paragraphs[1].text: broken cross-reference [](#nowhere): no paragraph, section or "
        "subparagraph has the id 'nowhere'",
        f"{path}:25:5: sections[1]: ITU style numbers section n after agenda row n, but the agenda has only 1 row",
    ]


@pytest.mark.parametrize(("change", "expected"), [
    (("sections:\n  - paragraphs:", "sections: not a list\nunused:\n  - paragraphs:"), "sections: expected a list, got a text"),
    (("agenda:\n  - title: Budget", "agenda:\n  row:\n    title: Budget"), "agenda: expected a list"),
    (("style: itu", "style: un"), "sections[0]: missing required key 'title'"),
])
def test_consistency_checks_survive_a_record_of_the_wrong_shape(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(RECORD.replace(*change), encoding="utf-8")
    status, lines = validate(path)
    assert status == 2
    assert any(expected in line for line in lines), lines
    # The duplicate id is still found, whatever else is wrong.
    assert any("id 'pz' is already used" in line for line in lines), lines
    assert all(line.startswith(f"{path}:") and line.split(":")[1].isdigit() for line in lines), lines
