"""What a file is, by its content: a record, or a Word file, PDF or archive given in its place."""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from drafting.diagnostics import DraftingError, Location, Problem

STDIN = "<stdin>"


def kind_of_bytes(raw: bytes) -> str | None:
    """Name a binary format from its first bytes ('docx', 'xlsx', 'pptx', 'odt', 'zip', 'pdf', 'doc', 'rtf'), or None."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if raw.startswith(b"{\\rtf"):
        return "rtf"
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        return _kind_of_package(names)
    return None


def _kind_of_package(names: set[str]) -> str:
    """Name a ZIP package's format from the names of its members."""
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names and "content.xml" in names:
        return "odt"
    return "zip"


def kind_of_file(path: str | Path) -> str | None:
    """Name the binary format of a file from its content, or None (text, or unreadable)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(8)
            if not head.startswith(b"PK"):
                return kind_of_bytes(head)
    except OSError:
        return None
    try:  # only the ZIP's central directory is read, never the whole (perhaps huge) file
        with zipfile.ZipFile(path) as archive:
            return _kind_of_package(set(archive.namelist()))
    except (OSError, zipfile.BadZipFile):
        return "zip"


def not_a_record(name: str, raw: bytes) -> Problem | None:
    """A problem naming what a file given as a record really is, and the command that reads it."""
    return wrong_kind(name, kind_of_bytes(raw[:8] if not raw.startswith(b"PK") else raw))


def wrong_kind(name: str, kind: str | None) -> Problem | None:
    """A problem naming a file of binary ``kind`` given where a record was expected (None for text)."""
    shown = name if name != STDIN else "FILE"
    messages = {
        "docx": f"this is a Word file (DOCX), not a record (YAML or JSON): check its numbering with `drafting lint {shown}`, "
                f"or make its HTML and PDF with `drafting build {shown}`",
        "pdf": f"this is a PDF, not a record (YAML or JSON): check its numbering with `drafting lint {shown}`; "
               "a record is the YAML or JSON file the PDF was built from",
        "zip": f"this is a ZIP archive, not a record (YAML or JSON): unpack it (`unzip {shown}`) and give the record inside",
        "doc": "this is an old binary Word file (.doc), not a record: save it as .docx "
               f"(`soffice --headless --convert-to docx {shown}`), then `drafting lint` or `drafting build` the .docx",
        "rtf": f"this is an RTF file, not a record: save it as .docx (`soffice --headless --convert-to docx {shown}`), then `drafting lint` the .docx",
        "xlsx": "this is an Excel workbook (XLSX), not a record (YAML or JSON)",
        "pptx": "this is a PowerPoint file (PPTX), not a record (YAML or JSON)",
        "odt": f"this is an OpenDocument file, not a record: save it as .docx (`soffice --headless --convert-to docx {shown}`), then `drafting lint` the .docx",
    }
    return Problem(Location(name), messages[kind]) if kind else None


def read_input(path: str, limit: int | None = None, what: str = "this input") -> tuple[str, bytes]:
    """Read a file, or standard input for '-'; return the name to report and the bytes.

    With ``limit``, a larger input is refused (located) after reading at most ``limit + 1`` bytes.
    """
    name = STDIN if path == "-" else path
    try:
        if path == "-":
            raw = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as stream:
                raw = stream.read() if limit is None else stream.read(limit + 1)
    except OSError as exc:
        raise DraftingError([Problem(Location(name), f"cannot read file: {exc.strerror or exc}")]) from None
    if limit is not None and len(raw) > limit:
        raise DraftingError([Problem(Location(name), f"the file is larger than {limit // (1024 * 1024)} MB, the limit for {what}")])
    return name, raw


def _suffix_for(raw: bytes) -> str:
    kind = kind_of_bytes(raw[:8] if not raw.startswith(b"PK") else raw)
    if kind:
        return "." + kind
    import yaml

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        data = None
    # A record is a mapping with sections; typed-by-hand text reads as one long string.
    return ".yaml" if isinstance(data, dict) and ("sections" in data or "style" in data) else ".txt"


@contextmanager
def stdin_as_file() -> Iterator[Path]:
    """Standard input spooled to a temporary file named for its content; problems name '<stdin>'."""
    raw = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="drafting-") as folder:
        path = Path(folder) / f"stdin{_suffix_for(raw)}"
        path.write_bytes(raw)
        try:
            yield path
        except DraftingError as error:
            raise DraftingError([renamed(p, str(path)) for p in error.problems]) from None


def renamed(problem: Problem, temporary: str) -> Problem:
    """The problem with the spooled file's name replaced by '<stdin>'."""
    where = problem.location
    if where.path != temporary:
        return Problem(where, problem.message.replace(temporary, STDIN), problem.severity)
    return Problem(Location(STDIN, where.line, where.column), problem.message.replace(temporary, STDIN), problem.severity)
