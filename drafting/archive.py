"""Reading Word packages (.docx zips) safely: sizes measured while decompressing, never trusted.

A zip's header states each entry's size, and a hostile file lies: a 3 MB .docx can hold a 3 GB
``document.xml``. Every read here decompresses in chunks and stops as soon as an entry, or the
whole package, passes its limit in ``drafting.limits``; the sizes written in the header are not
consulted. Used by ``build`` (before python-docx and pandoc open a .docx) and by ``lint``.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.limits import LIMITS, MB

_CHUNK = 1024 * 1024


class PackageTooLarge(ValueError):
    """An entry or the whole package decompresses to more than its limit."""


# What a file that is not a zip usually is, by its first bytes.
_NOT_A_ZIP = (
    (b"%PDF", "it is a PDF file renamed .docx"),
    (b"\xd0\xcf\x11\xe0", "it is an encrypted Word file or an old binary .doc; save it unencrypted as .docx"),
    (b"{\\rtf", "it is an RTF file renamed .docx; save it as .docx"),
    (b"<?xml", "it is a Word XML (flat OPC) file; save it as .docx"),
)


class BoundedZipFile(zipfile.ZipFile):
    """A ZipFile whose ``read`` measures what it decompresses against the package's limits."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.decompressed = 0  # bytes read so far from every entry

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        """Decompress one entry, stopping at the first byte over a limit."""
        return self._decompress(name, pwd, keep=True)

    def measure(self, name: str | zipfile.ZipInfo) -> None:
        """Decompress one entry only to check its size and checksum, keeping nothing."""
        self._decompress(name, None, keep=False)

    def _decompress(self, name: str | zipfile.ZipInfo, pwd: bytes | None, *, keep: bool) -> bytes:
        label = name.filename if isinstance(name, zipfile.ZipInfo) else name
        chunks: list[bytes] = []
        size = 0
        with self.open(name, pwd=pwd) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                self.decompressed += len(chunk)
                if size > LIMITS.part_bytes:
                    raise PackageTooLarge(f"part {label} is larger than {LIMITS.part_bytes // MB} MB decompressed, the limit")
                if self.decompressed > LIMITS.package_bytes:
                    raise PackageTooLarge(f"the parts are larger than {LIMITS.package_bytes // MB} MB decompressed together, the limit")
                if keep:
                    chunks.append(chunk)
        return b"".join(chunks)


def _refuse(path: str, why: str) -> DraftingError:
    return DraftingError([Problem(Location(path), f"cannot read Word file: {why}")])


def open_word_archive(path: str | Path) -> BoundedZipFile:
    """Open a .docx for bounded reading; raise DraftingError saying what the file is instead."""
    name = str(path)
    try:
        with open(name, "rb") as stream:
            head = stream.read(8)
            size = stream.seek(0, 2)
    except OSError as exc:
        raise DraftingError([Problem(Location(name), f"cannot read file: {exc.strerror or exc}")]) from None
    if size > LIMITS.docx_bytes:
        raise _refuse(name, f"the file is larger than {LIMITS.docx_bytes // MB} MB, the limit for a .docx")
    if not head.startswith(b"PK"):
        why = next((what for magic, what in _NOT_A_ZIP if head.startswith(magic)), "it is not a ZIP package")
        raise _refuse(name, f"not a Word 2007+ package: {why}")
    try:
        archive = BoundedZipFile(name)
    except zipfile.BadZipFile as exc:
        raise _refuse(name, f"the ZIP package is damaged or truncated ({exc}); save it again from Word") from None
    except OSError as exc:
        raise DraftingError([Problem(Location(name), f"cannot read file: {exc.strerror or exc}")]) from None
    if len(archive.infolist()) > LIMITS.package_parts:
        archive.close()
        raise _refuse(name, f"the package has more than {LIMITS.package_parts:,} entries, the limit")
    return archive


def read_error(exc: BaseException) -> str:
    """Say in words why an entry could not be decompressed."""
    if isinstance(exc, PackageTooLarge):
        return str(exc)
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "the package is encrypted; save it unencrypted"
    if isinstance(exc, NotImplementedError):
        return f"the package uses a compression Word does not write ({exc})"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return f"the ZIP package is damaged or truncated ({exc}); save it again from Word"
    return f"{type(exc).__name__}: {exc}"


READ_ERRORS = (PackageTooLarge, RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError)


def check_word_package(path: str | Path) -> None:
    """Decompress every entry of a .docx once, within the limits, before other readers open it.

    python-docx and pandoc read the package themselves, trusting its header; this makes sure
    that what they will read is a whole, undamaged package of bounded size.
    """
    name = str(path)
    with open_word_archive(name) as archive:
        names = archive.namelist()
        if "word/document.xml" not in names and "[Content_Types].xml" not in names:
            raise _refuse(name, "the package has no Word document in it (no word/document.xml)")
        try:
            for info in archive.infolist():
                if not info.is_dir():
                    archive.measure(info)
        except READ_ERRORS as exc:
            raise _refuse(name, read_error(exc)) from None
