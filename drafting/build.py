"""The build pipeline, in stages named by what they do: load, number, fill, verify, publish."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.output import publish

if TYPE_CHECKING:
    from drafting.fidelity import Expected
    from drafting.record import Record

# The stages import their libraries when they run: a command that builds nothing (a build
# whose records are all up to date, say) does not pay for them.

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
    inputs: list[Path] = field(default_factory=list)  # every file read, for incremental builds


# How the PDF stage is run: in this process by default, or handed to a process that has
# WeasyPrint loaded already (drafting.batch) — (html, target, expected, running head, variant).
PdfStage = Callable[[str, Path, "Expected", str, "str | None"], None]


def load_record(path: Path) -> Record:
    """Load, validate and number a record."""
    from drafting.record import build_record
    from drafting.validation import load_valid_source

    return build_record(load_valid_source(str(path)))


def expected_of_record(record: Record) -> Expected:
    """What every output of a record must contain."""
    from drafting.fidelity import Expected

    return Expected(tuple(record.header_texts()), tuple(record.body_texts()))


def check_no_loss(expected: Expected, actual: str, output: Path, kind: str) -> None:
    """Raise naming every input text missing from an output."""
    from drafting.fidelity import find_missing

    missing = find_missing(expected, actual)
    if missing:
        raise DraftingError([
            Problem(Location(str(output)), f"{kind} lost text of the record: {text[:80]!r}") for text in missing
        ])


def build_docx(record: Record, destination: Path) -> None:
    """Fill the Word template and check that nothing was lost."""
    from drafting.fidelity import docx_text
    from drafting.word import render_docx

    expected = expected_of_record(record)
    publish(destination, lambda tmp: render_docx(record, tmp),
            lambda tmp: check_no_loss(expected, docx_text(tmp), destination, "the DOCX"))


def text_of_html(html: str) -> str:
    """Return the text a reader of the HTML sees."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//style|//script|//title"):
        element.drop_tree()
    return tree.text_content()


def text_of_pdf(path: Path, running_head: str) -> str:
    """Return the text of a PDF as pdftotext extracts it, without running heads."""
    import subprocess

    from drafting.fidelity import strip_running_heads

    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
    if result.returncode:
        raise DraftingError([Problem(Location(str(path)), f"pdftotext failed: {result.stderr.decode(errors='replace').strip()}")])
    return strip_running_heads(result.stdout.decode("utf-8", errors="replace"), running_head)


# Laid out in columns (masthead, signature block): their text may be extracted in any order.
_COLUMN_STYLES = ("Record Body", "Record Header", "Record Header Right", "Record Signature")


def expected_texts_of_docx(path: Path) -> Expected:
    """The texts a hand-edited DOCX carries: its paragraphs in reading order, column blocks anywhere."""
    from drafting.fidelity import Expected
    from drafting.html import is_label, read_facts

    ordered: list[str] = []
    anywhere: list[str] = []
    for paragraph in read_facts(path).paragraphs:
        # Numbers are labels, floated beside their text in the PDF (extracted in either order);
        # the numbering lint checks them. The texts are what must not be lost.
        parts = [part for part in paragraph.text.replace("\n", "\t").split("\t") if part.strip() and not is_label(part.strip())]
        (anywhere if paragraph.style in _COLUMN_STYLES else ordered).extend(parts)
    return Expected(tuple(anywhere), tuple(ordered))


def publish_pdf(html: str, target: Path, expected: Expected, running_head: str, variant: str | None) -> None:
    """Typeset the PDF from the HTML with WeasyPrint, check that nothing was lost, move it into place."""
    from drafting.loader import load_weasyprint
    from drafting.pdf import render_pdf

    load_weasyprint()
    publish(target, lambda tmp: render_pdf(html, tmp, variant=variant, label=str(target)),
            lambda tmp: check_no_loss(expected, text_of_pdf(tmp, running_head), target, "the PDF"))


def build_html_pdf(docx_path: Path, stem: str, expected: Expected, options: RenderOptions, result: BuildResult,
                   pdf_stage: PdfStage | None = None) -> None:
    """Make the HTML from the DOCX with pandoc, then the PDF from the HTML with WeasyPrint."""
    from drafting.html import read_facts, render_html

    loading = None
    if "pdf" in options.formats and pdf_stage is None and "weasyprint" not in sys.modules:
        import threading

        from drafting.loader import load_weasyprint

        # pandoc runs twice below, in its own process: this process loads WeasyPrint meanwhile.
        loading = threading.Thread(target=load_weasyprint, name="load-weasyprint", daemon=True)
        loading.start()
    try:
        html = render_html(docx_path)
    finally:
        if loading is not None:
            loading.join()  # publish_pdf imports it anyway; and no thread may outlive the stage (forks)
    if "html" in options.formats:
        target = options.output_dir / f"{stem}.html"
        publish(target, lambda tmp: tmp.write_text(html, encoding="utf-8"),
                lambda tmp: check_no_loss(expected, text_of_html(html), target, "the HTML"))
        result.outputs["html"] = target
    if "pdf" in options.formats:
        target = options.output_dir / f"{stem}.pdf"
        (pdf_stage or publish_pdf)(html, target, expected, read_facts(docx_path).symbol, options.pdf_variant)
        result.outputs["pdf"] = target


def build_file(path: Path, options: RenderOptions, pdf_stage: PdfStage | None = None) -> BuildResult:
    """Build one record (YAML/JSON) or one record DOCX into every requested format."""
    result = BuildResult(path, inputs=[path])
    stem = path.name.rsplit(".", 1)[0]
    if path.suffix.lower() == ".docx":
        # A DOCX in the template's styles (edited by hand in Word, say) is its own official artefact.
        if not path.is_file():
            raise DraftingError([Problem(Location(str(path)), "cannot read file: no such file")])
        expected = expected_texts_of_docx(path)
        build_html_pdf(path, stem, expected, options, result, pdf_stage)
        return result
    record = load_record(path)
    if record.logo is not None:
        result.inputs.append(Path(record.logo))
    expected = expected_of_record(record)
    docx_path = options.output_dir / f"{stem}.docx"
    if "docx" in options.formats:
        build_docx(record, docx_path)
        result.outputs["docx"] = docx_path
        source_docx = docx_path
    else:
        source_docx = options.output_dir / f".{stem}.intermediate.docx"
        build_docx(record, source_docx)
    try:
        if {"html", "pdf"} & set(options.formats):
            build_html_pdf(source_docx, stem, expected, options, result, pdf_stage)
    finally:
        if "docx" not in options.formats:
            source_docx.unlink(missing_ok=True)
    return result
