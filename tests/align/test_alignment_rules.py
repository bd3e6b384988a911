"""One harness for every alignment rule: tests/align/rules/<CODE>.yaml holds its pass / fail cases.

A case gives ``files`` (name: content, ``⇥`` stands for a tab; the first is the reference unless
a record says it is the original) and the complete list of findings it must produce
(``expect``), in file order then document order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from drafting.align.rules import ALIGN_RULES, check
from drafting.align.skeleton import read_version

RULE_FILES = sorted((Path(__file__).parent / "rules").glob("*.yaml"))
CASES = [
    pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")
    for path in RULE_FILES
    for spec in [yaml.safe_load(path.read_text(encoding="utf-8"))]
    for case in spec["cases"]
]


def test_every_rule_has_a_case_file() -> None:
    assert sorted(p.stem for p in RULE_FILES) == sorted(ALIGN_RULES)


@pytest.mark.parametrize(("rule", "case"), CASES)
def test_rule_case(tmp_path: Path, rule: str, case: dict[str, Any]) -> None:
    paths = []
    for name, content in case["files"].items():
        path = tmp_path / name
        path.write_bytes(content.replace("⇥", "\t").encode("utf-8"))
        paths.append(str(path))
    findings = check([read_version(p) for p in paths])
    got = [{"file": Path(path).name, "code": f.code, "line": f.location.line, "found": f.found, "expected": f.expected}
           for path in paths for f in findings[path]]
    assert got == case["expect"]
    if case["expect"]:
        assert any(g["code"] == rule for g in got), f"case does not exercise {rule}"
