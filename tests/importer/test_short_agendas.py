"""Short ITU agendas import back from DOCX and PDF: one row (a PDF's text gives the row as a heading 1 before the
body's heading 1); two rows in Chinese, the second with no documents (its line has no space to measure its label's
gap against, only the column's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.test_import import _unbroken, build_and_import, record_content, run

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
    out, _ = build_and_import(source, kind, tmp_path)  # the import exits 0: no N101 for a second heading 1
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))


CHINESE = """\
style: itu
language: zh
original_language: en
body: 理事会成员虚拟磋商
session: 自2020年6月9日开始
symbol: VC/16-C
date: 2020-06-20
meeting:
  number: 2
  title: 第二次会议简要记录
  date: 2020-06-10
  start: "12:00"
  end: "15:00"
chairs:
  - role: 主席
    name: S. BIN GHELAITA先生（阿拉伯联合酋长国）
agenda:
  - title: 理事会会议的筹备工作
    documents: [C20/24, VC/5]
  - title: 其他事项
sections:
  - paragraphs:
      - 电信标准化局代表介绍了C20/24号文件。
  - paragraphs:
      - 没有其他事项。
"""


def test_a_chinese_agenda_row_without_documents_keeps_its_number(tmp_path: Path) -> None:
    source = tmp_path / "zh.yaml"
    source.write_text(CHINESE, encoding="utf-8")
    out, _ = build_and_import(source, "pdf", tmp_path)
    linted = run("lint", tmp_path / "zh.pdf")
    assert linted.exit_code == 0 and "0 errors, 0 warnings" in linted.output, linted.output
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))
