"""A UN paragraph that is a sentence in brackets ('(The statement of the delegate is annexed to this record.)') imports
from the PDF as a paragraph, not as a heading: its stop stands inside the bracket."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.test_import import _unbroken, build_and_import, record_content, run


@pytest.mark.parametrize("language", ["en", "fr", "zh"])
def test_the_un_starter_imports_back_from_its_pdf(language: str, tmp_path: Path) -> None:
    source = tmp_path / f"starter.{language}.yaml"
    assert run("new", "--style", "un", "--language", language, "-o", source).exit_code == 0
    assert "(" in source.read_text(encoding="utf-8")
    out, _ = build_and_import(source, "pdf", tmp_path)
    got, want = _unbroken(record_content(out)), _unbroken(record_content(source))
    assert got[1] == want[1]  # the body: sections, paragraphs, numbers (the masthead has its own tests)
