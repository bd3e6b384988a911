"""One walk of a record's raw sub-paragraphs (reading order) for validation, lint and align, and
cross-reference lookups that build the id -> number table once per record, not once per link."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting import record as record_module
from drafting.align.skeleton import _record_texts
from drafting.lint.recordfile import read_record
from drafting.record import build_record
from drafting.source import load_source, raw_subparagraphs
from drafting.validation import _texts

RECORD = """\
style: itu
language: en
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
  - paragraphs:
      - id: p1
        text: The Council noted [](#p2).
        subparagraphs:
          - id: sa
            text: first, see [](#p1);
            subparagraphs:
              - id: si
                text: one, see [](#sa);
              - two, see [](#si);
          - id: sb
            text: second, see [](#sb).
      - id: p2
        text: Closing, see [](#si).
"""


@pytest.fixture()
def path(tmp_path: Path) -> Path:
    target = tmp_path / "record.yaml"
    target.write_text(RECORD, encoding="utf-8")
    return target


def test_raw_subparagraphs_are_walked_in_reading_order(path: Path) -> None:
    data = load_source(path).data
    items = data["sections"][0]["paragraphs"][0]["subparagraphs"]
    where = ("sections", 0, "paragraphs", 0, "subparagraphs")
    walked = list(raw_subparagraphs(items, where))
    assert [s.text for s in walked] == ["first, see [](#p1);", "one, see [](#sa);", "two, see [](#si);", "second, see [](#sb)."]
    assert [s.id for s in walked] == ["sa", "si", None, "sb"]
    assert [s.text_path for s in walked] == [where + (0, "text"), where + (0, "subparagraphs", 0, "text"),
                                             where + (0, "subparagraphs", 1), where + (1, "text")]
    assert list(raw_subparagraphs("not a list")) == [] and list(raw_subparagraphs([42, {"id": "x"}]))[0].text is None


def test_validation_lint_and_align_read_subparagraphs_in_the_same_order(path: Path) -> None:
    source = load_source(path)
    validated = [text for _, text, kind in _texts(source.data) if kind == "subparagraph"]
    aligned, ids = _record_texts(source.data["sections"][0]["paragraphs"][0])
    doc, _ = read_record(str(path))
    linted = [reference.target for reference in doc.id_references]
    assert aligned == validated
    assert ids == ["sa", "si", "sb"]
    # The lint reads a paragraph's text, then its sub-paragraphs in reading order (it went breadth first).
    assert linted == ["p2", "p1", "sa", "si", "sb", "si"]


def test_cross_references_build_the_number_table_once(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    many = RECORD.replace("      - id: p2\n", "".join(f"      - id: q{i}\n        text: See [](#q{max(i - 1, 0)}) and [](#sa).\n"
                                                       for i in range(400)) + "      - id: p2\n")
    path.write_text(many, encoding="utf-8")
    calls = []
    original = record_module._number_table
    monkeypatch.setattr(record_module, "_number_table", lambda sections: calls.append(1) or original(sections))
    record = build_record(load_source(path))
    printed = ["".join(span.text for span in record.spans(paragraph.text)) for _, paragraph in record.paragraphs()]
    assert len(calls) == 1  # was one per link: quadratic in the number of cross-references
    assert printed[1] == "See 1.2 and 1.1 (a)."  # q0 is paragraph 1.2 and points at itself
    assert printed[400] == "See 1.400 and 1.1 (a)."
    assert printed[-1] == "Closing, see 1.1 (a) (i)."
    assert record.targets()["si"] == "1.1 (a) (i)" and record.number_of("nowhere") is None
