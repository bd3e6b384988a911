"""The build pipeline, in stages named by what they do: load, number, fill, verify, publish."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.fidelity import docx_text, find_missing
from drafting.record import Record, build_record
from drafting.validation import load_valid_source

FORMATS = ("docx", "html", "pdf")


@dataclass(frozen=True)
class RenderOptions:
    """Everything that decides how records are rendered, in one object."""

    output_dir: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    pdf_variant: str | None = None


@dataclass
class BuildResult:
    """What one input produced."""

    source: Path
    outputs: dict[str, Path] = field(default_factory=dict)


def load_record(path: Path) -> Record:
    """Load, validate and number a record."""
    return build_record(load_valid_source(str(path)))


def publish(destination: Path, write: Callable[[Path], None], verify: Callable[[Path], None]) -> None:
    """Write to a temporary file beside ``destination``, verify it, then move it into place."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=destination.suffix, dir=destination.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        verify(temporary)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)


def check_no_loss(expected: list[str], actual: str, output: Path, kind: str) -> None:
    """Raise naming every input text missing from an output."""
    missing = find_missing(expected, actual)
    if missing:
        raise DraftingError([
            Problem(Location(str(output)), f"{kind} lost text of the record: {text[:80]!r}") for text in missing
        ])


def build_docx(record: Record, destination: Path) -> None:
    """Fill the Word template and check that nothing was lost."""
    from drafting.word import render_docx

    expected = record.input_texts()
    publish(destination, lambda tmp: render_docx(record, tmp),
            lambda tmp: check_no_loss(expected, docx_text(tmp), destination, "the DOCX"))


def build_file(path: Path, options: RenderOptions) -> BuildResult:
    """Build one record into every requested format."""
    result = BuildResult(path)
    stem = path.name.rsplit(".", 1)[0]
    record = load_record(path)
    docx_path = options.output_dir / f"{stem}.docx"
    build_docx(record, docx_path)
    result.outputs["docx"] = docx_path
    return result
