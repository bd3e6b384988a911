"""The numbering lint and the renumberer: read a document, compare written numbers with the engine's."""

from __future__ import annotations

from pathlib import Path

from drafting.diagnostics import DraftingError
from drafting.lint.document import Document
from drafting.numbering import Style

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
WORD_SUFFIXES = (".docx", ".docm", ".dotx")
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def kind_of(path: str) -> str:
    """Which reader handles a file: 'record', 'docx', 'pdf', 'html' or 'text', by its name."""
    suffix = Path(path).suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return "record"
    if suffix in WORD_SUFFIXES:
        return "docx"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def read_document(path: str, style: Style | str | None = None) -> Document:
    """Read any supported file into the neutral document model; raise DraftingError if it cannot be read."""
    forced = Style(style) if style else None
    kind = kind_of(path)
    if kind != "docx":  # a Word file under another name is read as one; a PDF or ZIP is named
        from drafting.filetype import kind_of_file, wrong_kind

        sniffed = kind_of_file(path)
        if sniffed in ("docx", "pdf"):
            kind = sniffed
        elif sniffed:
            raise DraftingError([wrong_kind(path, sniffed)])  # type: ignore[list-item]
    if kind == "record":
        from drafting.lint.recordfile import read_record

        return read_record(path, forced)[0]
    if kind == "docx":
        from drafting.lint.wordfile import read_word

        return read_word(path, forced)[0]
    if kind == "pdf":
        from drafting.lint.pdffile import read_pdf

        return read_pdf(path, forced)
    if kind == "html":
        from drafting.lint.htmlfile import read_html

        return read_html(path, forced)
    from drafting.lint.textfile import read_text

    return read_text(path, forced)[0]
