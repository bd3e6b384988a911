"""A UN record's own corrections footnote (``footnote:``) comes back from its DOCX and its PDF; the standard one,
which the build prints when there is none, is not imported as a field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.importer.test_import import build_and_import, run

NOTE = "Corrections should be sent to the Documents Management Section (dms@un.org) within one week."


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("own", [True, False])
def test_the_corrections_footnote_comes_back(kind: str, own: bool, tmp_path: Path) -> None:
    source = tmp_path / "note.yaml"
    assert run("new", "--style", "un", "--language", "en", "-o", source).exit_code == 0
    record = yaml.safe_load(source.read_text(encoding="utf-8"))
    if own:
        record["footnote"] = NOTE
    source.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out, imported = build_and_import(source, kind, tmp_path)
    assert "kept as an unnumbered paragraph" not in imported.output
    assert yaml.safe_load(out.read_text(encoding="utf-8")).get("footnote") == (NOTE if own else None)
