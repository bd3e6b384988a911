"""Every resource limit on inputs, stated once: what a hostile or broken file may cost.

A record of a long conference week has a few thousand paragraphs and weighs a megabyte or
two; each limit below is far above what a real record needs and far below what would exhaust
a CI runner (the hostile-input tests hold every command to 10 s and 500 MB). A file over a
limit is refused with a located error and exit status 2, never read further. The README's
"Limits" section lists the same numbers; tests/test_hostile_input.py keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits on every kind of input, in one object."""

    # Records (YAML, JSON) and text files given to lint.
    file_bytes: int = 32 * MB  # size on disk of a record or text file
    lines: int = 1_000_000  # lines of a record or text file
    paragraph_chars: int = 100_000  # characters of one text value (a paragraph, a title)
    nesting: int = 32  # mappings and lists inside one another (a record needs about 8)
    alias_values: int = 10_000  # values that YAML aliases (*name) may add when expanded
    # Word files given to build or lint.
    docx_bytes: int = 64 * MB  # size on disk of a .docx
    part_bytes: int = 32 * MB  # one part (word/document.xml, a picture), measured while decompressing
    package_bytes: int = 64 * MB  # all parts together, measured while decompressing
    package_parts: int = 10_000  # entries in the zip
    # Images named by a record (logo:).
    image_bytes: int = 8 * MB
    image_pixels: int = 25_000_000  # width x height: 5000 x 5000

    def rows(self) -> list[tuple[str, str]]:
        """The limits as (what, how much) rows, for the README and error messages."""
        return [
            ("record or text file size", _size(self.file_bytes)),
            ("lines of a record or text file", f"{self.lines:,}"),
            ("characters of one text (a paragraph, a title)", f"{self.paragraph_chars:,}"),
            ("nesting of mappings and lists", f"{self.nesting}"),
            ("values added by YAML aliases", f"{self.alias_values:,}"),
            (".docx file size", _size(self.docx_bytes)),
            ("one part of a .docx, decompressed", _size(self.part_bytes)),
            ("all parts of a .docx, decompressed", _size(self.package_bytes)),
            ("entries of a .docx", f"{self.package_parts:,}"),
            ("logo file size", _size(self.image_bytes)),
            ("logo pixels (width x height)", f"{self.image_pixels:,}"),
        ]


def _size(value: int) -> str:
    return f"{value // MB} MB"


LIMITS = Limits()
