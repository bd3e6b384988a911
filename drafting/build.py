"""The build pipeline, in stages named by what they do: load, number, fill, verify, publish."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.output import OutputSet, publish

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
    readable_dirs: tuple[Path, ...] = ()  # folders besides the record's own that it may name files in (--allow-read)
    lint: bool = True  # lint a DOCX's written numbers before building from it


@dataclass
class BuildResult:
    """What one input produced."""

    source: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # every file read, for incremental builds


# How the PDF stage is run: in this process by default, or handed to a process that has
# WeasyPrint loaded already (drafting.batch) — (html, temporary file to write, expected texts,
# the target's name for messages, variant). It raises DraftingError if the PDF lost text.
PdfStage = Callable[[str, Path, "Expected", str, "str | None"], None]


def output_stem(path: Path) -> str:
    """The name the outputs of an input take: 'a/x.en.yaml' -> 'x.en'."""
    return path.name.rsplit(".", 1)[0]


def output_clashes(paths: list[Path], options: RenderOptions) -> dict[str, Problem]:
    """Inputs whose outputs would overwrite another input's in the same build, keyed by path as given."""
    by_stem: dict[str, list[Path]] = {}
    for path in dict.fromkeys(paths):
        by_stem.setdefault(output_stem(path), []).append(path)
    clashes = {}
    for stem, group in by_stem.items():
        if len(group) > 1:
            names = ", ".join(str(p) for p in group)
            target = options.output_dir / f"{stem}.{options.formats[0]}"
            for path in group:
                clashes[str(path)] = Problem(Location(str(path)), f"{names} {'both' if len(group) == 2 else 'all'} would write {target}: one record would be lost; "
                                             "build them into different folders (-o) or rename one (nothing was built for these)")
    return clashes


def load_record(path: Path, readable_dirs: tuple[Path, ...] = ()) -> Record:
    """Load, validate and number a record."""
    from drafting.record import build_record
    from drafting.validation import load_valid_source

    return build_record(load_valid_source(str(path), readable_dirs))


def expected_of_record(record: Record) -> Expected:
    """What every output of a record must contain."""
    from drafting.fidelity import Expected

    from drafting.template import FOOTNOTED

    # The page-1 footnote sits apart from the flow (the DOCX's footnotes, the PDF's foot of page).
    footnote = [record.footnote or record.wording.footnote] if record.style.value in FOOTNOTED else []
    return Expected(tuple(record.header_texts() + footnote), tuple(record.body_texts()), typeset=True)


def check_no_loss(expected: Expected, actual: str, output: Path, kind: str) -> None:
    """Raise naming every input text missing from an output."""
    from drafting.fidelity import find_missing

    missing = find_missing(expected, actual)
    if missing:
        raise DraftingError([
            Problem(Location(str(output)), f"{kind} lost text of the record: {text[:80]!r}") for text in missing
        ])


def build_docx(record: Record, destination: Path, outputs: OutputSet | None = None) -> Path:
    """Fill the Word template and check that nothing was lost; return the file written.

    With ``outputs`` the DOCX is only staged (its temporary file is returned), to be moved into
    place with the record's other outputs; without, it is published at once.
    """
    from drafting.fidelity import docx_text
    from drafting.word import render_docx

    expected = expected_of_record(record)

    def write(tmp: Path) -> None:
        render_docx(record, tmp)

    def verify(tmp: Path) -> None:
        check_no_loss(expected, docx_text(tmp), destination, "the DOCX")

    if outputs is None:
        publish(destination, write, verify)
        return destination
    return outputs.stage(destination, write, verify)


def text_of_html(html: str) -> str:
    """Return the text a reader of the HTML sees."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//style|//script|//title"):
        element.drop_tree()
    return tree.text_content()


# Laid out in columns (masthead, signature block): their text may be extracted in any order.
_COLUMN_STYLES = ("Record Body", "Record Header", "Record Header Right", "Record Signature", "Record UN Line", "Record Organ")


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


def typeset_pdf(html: str, temporary: Path, expected: Expected, label: str, variant: str | None) -> None:
    """Typeset the PDF from the HTML with WeasyPrint into ``temporary``; raise if what it draws lost text.

    The check reads what WeasyPrint lays out and draws (not the PDF re-extracted, which scrambles
    justified lines, footnotes and right-to-left text), so it runs where the layout was made.
    """
    from drafting.loader import load_weasyprint
    from drafting.pdf import render_pdf

    load_weasyprint()
    drawn = render_pdf(html, temporary, variant=variant, label=label)
    check_no_loss(expected, drawn, Path(label), "the PDF")


def build_html_pdf(docx_path: Path, stem: str, expected: Expected, options: RenderOptions, result: BuildResult,
                   outputs: OutputSet, pdf_stage: PdfStage | None = None) -> None:
    """Make the HTML from the DOCX with pandoc, then the PDF from the HTML with WeasyPrint (both staged)."""
    from drafting.html import render_html

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
            loading.join()  # typeset_pdf imports it anyway; and no thread may outlive the stage (forks)
    if "html" in options.formats:
        target = options.output_dir / f"{stem}.html"
        outputs.stage(target, lambda tmp: tmp.write_text(html, encoding="utf-8"),
                      lambda tmp: check_no_loss(expected, text_of_html(html), target, "the HTML"))
        result.outputs["html"] = target
    if "pdf" in options.formats:
        target = options.output_dir / f"{stem}.pdf"
        stage = pdf_stage or typeset_pdf
        outputs.stage(target, lambda tmp: stage(html, tmp, expected, str(target), options.pdf_variant))
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


@lru_cache(maxsize=None)
def font_problem(language: str) -> str | None:
    """Why no PDF can be made in a language on this machine (no font covers it), or None."""
    from drafting.doctor import check_font, fontconfig_language

    check = check_font(fontconfig_language(language))
    if check.ok:
        return None
    # Without a font, Pango hands WeasyPrint a null font and the process dies (exit 139).
    return f"cannot make a PDF in {language!r}: {check.detail}; {check.fix or 'install a font'} (run `drafting doctor` for every check)"


def require_fonts(path: Path, language: str, options: RenderOptions) -> None:
    """Refuse, before anything is written, a PDF that this machine has no font for."""
    problem = font_problem(language) if "pdf" in options.formats else None
    if problem:
        raise DraftingError([Problem(Location(str(path)), problem)])


def check_links(path: Path) -> None:
    """Refuse, before anything is written, a DOCX whose internal links point at no bookmark
    (the PDF stage would fail on them last)."""
    import docx

    from drafting.bookmarks import dangling_links

    dangling = dangling_links(docx.Document(str(path)).element.body)
    if dangling:
        raise DraftingError([
            Problem(Location(str(path)), f"paragraph {number}: a link points at the bookmark '{anchor}', which the document does not have; "
                    "restore the bookmark in Word (Insert > Bookmark) or remove the link")
            for number, anchor in dangling
        ])


def build_file(path: Path, options: RenderOptions, pdf_stage: PdfStage | None = None) -> BuildResult:
    """Build one record (YAML/JSON, or one record DOCX) into every requested format.

    The outputs are staged and moved into place together once all are checked: a build that
    fails leaves the previous outputs as they were, never a mix of two revisions.
    """
    import tempfile

    from drafting.archive import check_word_package
    from drafting.filetype import kind_of_file

    result = BuildResult(path, inputs=[path])
    stem = output_stem(path)
    with OutputSet() as outputs:
        if path.suffix.lower() == ".docx" or kind_of_file(path) == "docx":
            # A DOCX in the template's styles (edited by hand in Word, say) is its own official artefact.
            check_word_package(path)
            require_fonts(path, "en", options)
            check_links(path)
            if options.lint:
                lint_before_build(path)
            expected = expected_texts_of_docx(path)
            build_html_pdf(path, stem, expected, options, result, outputs, pdf_stage)
        else:
            from drafting.record import build_record
            from drafting.validation import load_checked_source

            source, result.warnings = load_checked_source(str(path), options.readable_dirs)
            record = build_record(source)
            if record.logo is not None:
                result.inputs.append(Path(record.logo))
            require_fonts(path, record.language, options)
            expected = expected_of_record(record)
            docx_path = options.output_dir / f"{stem}.docx"
            if "docx" in options.formats:
                staged = build_docx(record, docx_path, outputs)
                result.outputs["docx"] = docx_path
                if {"html", "pdf"} & set(options.formats):
                    build_html_pdf(staged, stem, expected, options, result, outputs, pdf_stage)
            else:
                # The DOCX that HTML and PDF are made from, private to this process.
                with tempfile.TemporaryDirectory(prefix="drafting-") as scratch:
                    intermediate = build_docx(record, Path(scratch) / f"{stem}.docx")
                    build_html_pdf(intermediate, stem, expected, options, result, outputs, pdf_stage)
        outputs.commit()
    return result
