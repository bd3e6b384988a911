"""One harness for every rule: tests/lint/rules/<CODE>.yaml holds its pass / fail / fix cases.

A case gives ``input`` (``⇥`` stands for a tab), optional ``suffix`` (default ``.txt``) and
``style``, the complete list of findings it must produce (``expect``), and optionally ``fix``:
the file after ``drafting renumber``, which must then lint without errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from drafting.lint import read_document
from drafting.lint.renumber import plan_file
from drafting.lint.rules import RULES, check

RULE_FILES = sorted((Path(__file__).parent / "rules").glob("*.yaml"))
CASES = [
    pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")
    for path in RULE_FILES
    for spec in [yaml.safe_load(path.read_text(encoding="utf-8"))]
    for case in spec["cases"]
]


def _write(tmp_path: Path, case: dict[str, Any]) -> Path:
    target = tmp_path / f"case{case.get('suffix', '.txt')}"
    target.write_bytes(case["input"].replace("⇥", "\t").encode("utf-8"))
    return target


def test_every_rule_has_a_case_file() -> None:
    assert sorted(p.stem for p in RULE_FILES) == sorted(RULES)


@pytest.mark.parametrize(("rule", "case"), CASES)
def test_rule_case(tmp_path: Path, rule: str, case: dict[str, Any]) -> None:
    path = _write(tmp_path, case)
    findings = check(read_document(str(path), case.get("style")))
    got = [{"code": f.code, "line": f.location.line, "found": f.found, "expected": f.expected} for f in findings]
    assert got == case["expect"]
    if case["expect"]:
        assert any(f.code == rule for f in findings), f"case does not exercise {rule}"
    if "fix" in case:
        plan = plan_file(str(path), case.get("style"))
        assert plan.after == case["fix"].replace("⇥", "\t")
        path.write_bytes(plan.data or b"")
        assert not [f for f in check(read_document(str(path), case.get("style"))) if f.is_error]
        assert not plan_file(str(path), case.get("style")).changed  # a second run changes nothing
