"""The build pipeline, in stages named by what they do: load, number, fill, verify, publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.fidelity import Expected, docx_text, find_missing
from drafting.output import publish
from drafting.record import Record, build_record
from drafting.validation import load_valid_source

FORMATS = ("docx", "html", "pdf")


@dataclass(frozen=True)
class RenderOptions:
    """Everything that decides how records are rendered, in one object."""

    output_dir: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    pdf_variant: str | None = None
    lint: bool = True  # lint a DOCX's written numbers before building from it


@dataclass
class BuildResult:
    """What one input produced."""

    source: Path
    outputs: dict[str, Path] = field(default_factory=dict)


def load_record(path: Path) -> Record:
    """Load, validate and number a record."""
    return build_record(load_valid_source(str(path)))


def expected_of_record(record: Record) -> Expected:
    """What every output of a record must contain."""
    return Expected(tuple(record.header_texts()), tuple(record.body_texts()))


def check_no_loss(expected: Expected, actual: str, output: Path, kind: str) -> None:
    """Raise naming every input text missing from an output."""
    missing = find_missing(expected, actual)
    if missing:
        raise DraftingError([
            Problem(Location(str(output)), f"{kind} lost text of the record: {text[:80]!r}") for text in missing
        ])


def build_docx(record: Record, destination: Path) -> None:
    """Fill the Word template and check that nothing was lost."""
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


# Laid out in columns (masthead, signature block): their text may be extracted in any order.
_COLUMN_STYLES = ("Record Body", "Record Header", "Record Header Right", "Record Signature")


def expected_texts_of_docx(path: Path) -> Expected:
    """The texts a hand-edited DOCX carries: its paragraphs in reading order, column blocks anywhere."""
    from drafting.html import is_label, read_facts

    ordered: list[str] = []
    anywhere: list[str] = []
    for paragraph in read_facts(path).paragraphs:
        # Numbers are labels, floated beside their text in the PDF (extracted in either order);
        # the numbering lint checks them. The texts are what must not be lost.
        parts = [part for part in paragraph.text.replace("\n", "\t").split("\t") if part.strip() and not is_label(part.strip())]
        (anywhere if paragraph.style in _COLUMN_STYLES else ordered).extend(parts)
    return Expected(tuple(anywhere), tuple(ordered))


def build_html_pdf(docx_path: Path, stem: str, expected: Expected, options: RenderOptions, result: BuildResult) -> None:
    """Make the HTML from the DOCX with pandoc, then the PDF from the HTML with WeasyPrint."""
    from drafting.html import render_html
    from drafting.pdf import render_pdf

    html = render_html(docx_path)
    if "html" in options.formats:
        target = options.output_dir / f"{stem}.html"
        publish(target, lambda tmp: tmp.write_text(html, encoding="utf-8"),
                lambda tmp: check_no_loss(expected, text_of_html(html), target, "the HTML"))
        result.outputs["html"] = target
    if "pdf" in options.formats:
        target = options.output_dir / f"{stem}.pdf"
        # The check reads what WeasyPrint lays out and draws (not the PDF re-extracted, which
        # scrambles justified lines, footnotes and right-to-left text).
        drawn: list[str] = []
        publish(target, lambda tmp: drawn.append(render_pdf(html, tmp, variant=options.pdf_variant, label=str(target))),
                lambda tmp: check_no_loss(expected, drawn[-1], target, "the PDF"))
        result.outputs["pdf"] = target


class NumberingError(DraftingError):
    """A DOCX to build from has numbering errors (the lint's); nothing is built."""


def lint_before_build(path: Path) -> None:
    """Raise NumberingError listing the lint's errors in a DOCX typed by hand."""
    from drafting.lint.rules import check
    from drafting.lint.wordfile import read_word

    doc, package = read_word(str(path))
    package.zip.close()
    errors = [f for f in check(doc) if f.is_error]
    if errors:
        problems = [Problem(Location(str(path)), f"{f.where + ': ' if f.where else ''}{f.code} {f.message}") for f in errors]
        problems.append(Problem(Location(str(path)), f"{len(errors)} numbering error{'s' if len(errors) != 1 else ''}: nothing built; run 'drafting renumber {path}' or build with --no-lint"))
        raise NumberingError(problems)


def build_file(path: Path, options: RenderOptions) -> BuildResult:
    """Build one record (YAML/JSON) or one record DOCX into every requested format."""
    result = BuildResult(path)
    stem = path.name.rsplit(".", 1)[0]
    if path.suffix.lower() == ".docx":
        # A DOCX in the template's styles (edited by hand in Word, say) is its own official artefact.
        if not path.is_file():
            raise DraftingError([Problem(Location(str(path)), "cannot read file: no such file")])
        if options.lint:
            lint_before_build(path)
        expected = expected_texts_of_docx(path)
        build_html_pdf(path, stem, expected, options, result)
        return result
    record = load_record(path)
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
            build_html_pdf(source_docx, stem, expected, options, result)
    finally:
        if "docx" not in options.formats:
            source_docx.unlink(missing_ok=True)
    return result
