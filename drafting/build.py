"""The build pipeline, in stages named by what they do: load, number, fill, verify, publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.fidelity import Expected, docx_text, find_missing, strip_running_heads
from drafting.output import publish
from drafting.record import Record, build_record
from drafting.filetype import kind_of_file
from drafting.validation import load_checked_source, load_valid_source

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
    warnings: list[Problem] = field(default_factory=list)


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


def text_of_pdf(path: Path, running_head: str) -> str:
    """Return the text of a PDF as pdftotext extracts it, without running heads."""
    import subprocess

    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
    if result.returncode:
        raise DraftingError([Problem(Location(str(path)), f"pdftotext failed: {result.stderr.decode(errors='replace').strip()}")])
    return strip_running_heads(result.stdout.decode("utf-8", errors="replace"), running_head)


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
    from drafting.html import read_facts, render_html
    from drafting.pdf import render_pdf

    html = render_html(docx_path)
    if "html" in options.formats:
        target = options.output_dir / f"{stem}.html"
        publish(target, lambda tmp: tmp.write_text(html, encoding="utf-8"),
                lambda tmp: check_no_loss(expected, text_of_html(html), target, "the HTML"))
        result.outputs["html"] = target
    if "pdf" in options.formats:
        target = options.output_dir / f"{stem}.pdf"
        publish(target, lambda tmp: render_pdf(html, tmp, variant=options.pdf_variant, label=str(target)),
                lambda tmp: check_no_loss(expected, text_of_pdf(tmp, read_facts(docx_path).symbol), target, "the PDF"))
        result.outputs["pdf"] = target


@lru_cache(maxsize=None)
def font_problem(language: str) -> str | None:
    """Why no PDF can be made in a language on this machine (no font covers it), or None."""
    from drafting.doctor import check_font

    check = check_font({"zh": "zh-cn"}.get(language, language))
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


def build_file(path: Path, options: RenderOptions) -> BuildResult:
    """Build one record (YAML/JSON) or one record DOCX into every requested format."""
    result = BuildResult(path)
    stem = output_stem(path)
    if path.suffix.lower() == ".docx" or kind_of_file(path) == "docx":
        # A DOCX in the template's styles (edited by hand in Word, say) is its own official artefact.
        if not path.is_file():
            raise DraftingError([Problem(Location(str(path)), "cannot read file: no such file")])
        require_fonts(path, "en", options)
        check_links(path)
        expected = expected_texts_of_docx(path)
        build_html_pdf(path, stem, expected, options, result)
        return result
    source, result.warnings = load_checked_source(str(path))
    record = build_record(source)
    require_fonts(path, record.language, options)
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
