"""Shared fixtures: records built through the `drafting build` command (click's CliRunner).

Tests get what they need as fixtures (no `import conftest`):
- ``drafting_build(*args)`` runs `drafting build ARGS...` in-process and returns click's Result;
- ``build_record(source, out)`` builds one record to DOCX and returns a ``Built``;
- ``built_examples`` holds every example of examples/ built once per session, keyed by stem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@dataclass
class Built:
    """One `drafting build` run: the CLI result and the DOCX it should have written."""

    source: Path
    result: Result
    docx: Path


def _run_build(*args: str | Path) -> Result:
    from drafting.cli import main

    return CliRunner().invoke(main, ["build", *(str(a) for a in args)], catch_exceptions=False)


def _build_record(source: Path, out: Path) -> Built:
    result = _run_build(source, "--to", "docx", "-o", out)
    return Built(source, result, out / f"{source.name.rsplit('.', 1)[0]}.docx")


@pytest.fixture(scope="session")
def drafting_build() -> Callable[..., Result]:
    """Run `drafting build ARGS...` through click's CliRunner."""
    return _run_build


@pytest.fixture(scope="session")
def build_record() -> Callable[[Path, Path], Built]:
    """Build one record to DOCX into a folder: `drafting build SOURCE --to docx -o OUT`."""
    return _build_record


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every example record built to DOCX, one `drafting build` per file, keyed by file stem."""
    out = tmp_path_factory.mktemp("examples")
    builds = {}
    for source in sorted(EXAMPLES.glob("*.yaml")):
        stem = source.name.rsplit(".", 1)[0]
        builds[stem] = _build_record(source, out / stem)
    return builds


@dataclass
class AllFormats:
    """One `drafting build` of every example to DOCX, HTML and PDF."""

    result: Result
    out: Path

    def path(self, stem: str, kind: str) -> Path:
        return self.out / f"{stem}.{kind}"


@pytest.fixture(scope="session")
def examples_all_formats(tmp_path_factory: pytest.TempPathFactory) -> AllFormats:
    """Every example of examples/ (both families, six languages) built once to every format."""
    out = tmp_path_factory.mktemp("examples-all-formats")
    return AllFormats(_run_build(*sorted(EXAMPLES.glob("*.yaml")), "-o", out), out)
