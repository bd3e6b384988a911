"""What a file is, by its content: a record, or a Word file, PDF or archive given in its place."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
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
    if special_file(path) is not None:
        return None  # a pipe must not lose its first bytes here, nor a device hang: the reader says what it is
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


# What each kind of file that is not a regular file is called in a message, and why it is refused.
_SPECIAL = {
    stat.S_IFDIR: "this is a folder, not a file: name the records inside it (e.g. {path}/*.yaml)",
    stat.S_IFCHR: "this is a device, not a file: it may never end (/dev/zero) or wait for input (a terminal); "
                  "give a file, or - for standard input",
    stat.S_IFBLK: "this is a disk device, not a file: give a file",
    stat.S_IFSOCK: "this is a socket, not a file: give a file, or - for standard input",
    stat.S_IFIFO: "this is a named pipe, not a file: {command} needs a file it can read more than once; "
                  "give a file, or - for standard input",
}
# How long a named pipe may take to get a writer: a writer opening it waits for us, so it comes at once.
_PIPE_WRITER_WAIT = 1.0


def special_file(path: str | Path) -> int | None:
    """The file type (stat.S_IFDIR, S_IFCHR, S_IFBLK, S_IFSOCK, S_IFIFO) of a path that is not a regular file, or None."""
    if str(path) == "-":
        return None
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None  # missing or unreadable: opening it says why
    kind = stat.S_IFMT(mode)
    return None if kind == stat.S_IFREG else kind


_KIND_NAMES = {stat.S_IFDIR: "a folder", stat.S_IFCHR: "a device", stat.S_IFBLK: "a disk device", stat.S_IFSOCK: "a socket",
               stat.S_IFIFO: "a named pipe"}


def special_kind_name(path: str | Path) -> str | None:
    """'a folder', 'a device', 'a socket', 'a named pipe' … for a path that is not a regular file, else None."""
    kind = special_file(path)
    return None if kind is None else _KIND_NAMES.get(kind, "not a regular file")


def refuse_special(path: str | Path, command: str, *, pipes: bool = False) -> None:
    """Raise a located error for a folder, device or socket (and a named pipe unless ``pipes``)."""
    kind = special_file(path)
    if kind is None or (pipes and kind == stat.S_IFIFO):
        return
    message = _SPECIAL.get(kind, "this is not a regular file: give a file").format(path=str(path).rstrip("/"), command=command)
    raise DraftingError([Problem(Location(str(path)), message)])


def _read_pipe(path: str, limit: int | None) -> bytes:
    """Read a named pipe (or ``<(command)``) once, bounded, without waiting forever for a writer.

    Opened non-blocking: a plain open waits until some process opens the pipe for writing.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as stream:
        raw = stream.read() if limit is None else stream.read(limit + 1)
        deadline = time.monotonic() + _PIPE_WRITER_WAIT
        while not raw and time.monotonic() < deadline:
            time.sleep(0.02)  # no writer yet: a read returns end of file at once
            raw = stream.read() if limit is None else stream.read(limit + 1)
    if not raw:
        raise DraftingError([Problem(Location(path), f"this named pipe had nothing writing to it for {_PIPE_WRITER_WAIT:g} s; "
                                     "start the writer first (or use - for standard input)")])
    return raw


def read_input(path: str, limit: int | None = None, what: str = "this input") -> tuple[str, bytes]:
    """Read a file, or standard input for '-'; return the name to report and the bytes.

    With ``limit``, a larger input is refused (located) after reading at most ``limit + 1`` bytes.
    A named pipe (``<(git show HEAD:record.yaml)``) is read once, like standard input; a folder,
    device or socket is refused before anything is read.
    """
    name = STDIN if path == "-" else path
    refuse_special(path, "", pipes=True)
    try:
        if path == "-":
            raw = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
        elif special_file(path) == stat.S_IFIFO:
            raw = _read_pipe(path, limit)
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


def is_pipe(path: str | Path) -> bool:
    """True for a named pipe or a shell's ``<(command)``: it can be read only once."""
    return special_file(path) == stat.S_IFIFO


@contextmanager
def stdin_as_file(pipe: str = "-") -> Iterator[Path]:
    """Standard input (or a named pipe) spooled to a temporary file named for its content; problems name '<stdin>' (or the pipe)."""
    from drafting.limits import LIMITS

    name, raw = read_input(pipe, LIMITS.file_bytes if pipe != "-" else None)
    with tempfile.TemporaryDirectory(prefix="drafting-") as folder:
        path = Path(folder) / f"stdin{_suffix_for(raw)}"
        path.write_bytes(raw)
        try:
            yield path
        except DraftingError as error:
            raise DraftingError([renamed(p, str(path), name) for p in error.problems]) from None


def renamed(problem: Problem, temporary: str, name: str = STDIN) -> Problem:
    """The problem with the spooled file's name replaced by '<stdin>' (or ``name``)."""
    where = problem.location
    if where.path != temporary:
        return Problem(where, problem.message.replace(temporary, name), problem.severity)
    return Problem(Location(name, where.line, where.column), problem.message.replace(temporary, name), problem.severity)
