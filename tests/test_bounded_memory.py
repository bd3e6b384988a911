"""Build memory does not grow with the record: pandoc works a chunk at a time, WeasyPrint a page at a time.

Both are the same output as the whole-document way, which the tests below compare on every
example: the HTML byte for byte with chunks forced small, the PDF byte for byte against
WeasyPrint's own pipeline. A record of 2,000 paragraphs builds to DOCX, HTML and PDF within a
memory budget a whole-document build exceeds (`make scale` holds 20,000 paragraphs to 1 GB).
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from drafting.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.name.rsplit(".", 1)[0] for p in (ROOT / "examples").glob("*.yaml"))

# A child building 2,000 paragraphs peaked at 180 MB (the largest process: this one, or pandoc);
# before chunks and pages it took 300 MB, and it grows ~95 MB a thousand paragraphs when whole.
BUDGET_2000 = 240 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("stem", EXAMPLES)
def test_html_made_a_chunk_at_a_time_is_the_same_html(stem: str, built_examples: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut before every section heading, pandoc reads each piece alone: the HTML is byte for byte the same."""
    from drafting import chunking
    from drafting.html import render_html

    docx = built_examples[stem].docx
    whole = render_html(docx)
    reads = []
    real = chunking.read_ast
    monkeypatch.setattr(chunking, "read_ast", lambda path: reads.append(path) or real(path))
    chunked = render_html(docx, chunk_blocks=1)
    assert len(reads) > 2, "the record was not cut into chunks"
    assert chunked == whole


def test_a_docx_with_word_footnotes_is_converted_whole(tmp_path: Path) -> None:
    """pandoc numbers Word footnotes across the document: such a DOCX is never cut."""
    import docx

    from drafting import chunking

    document = docx.Document()
    for index in range(5):
        document.add_paragraph(f"Paragraph {index}.")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    assert chunking._chunks(path, 1, tmp_path) is None  # no heading to cut before
    with zipfile_with_footnote(path) as noted:
        assert chunking._chunks(noted, 1, tmp_path) is None


class zipfile_with_footnote:
    """A copy of a DOCX whose package has a word/footnotes.xml with one real footnote."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name("noted.docx")
        import zipfile

        with zipfile.ZipFile(path) as source, zipfile.ZipFile(self.path, "w") as target:
            for info in source.infolist():
                target.writestr(info.filename, source.read(info.filename))
            target.writestr("word/footnotes.xml", '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                            '<w:footnote w:id="1"><w:p><w:r><w:t>A note.</w:t></w:r></w:p></w:footnote></w:footnotes>')

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.path.unlink()


def _stock_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make render_pdf use WeasyPrint as shipped: its HTML class and user-agent stylesheet."""
    import weasyprint

    import drafting.pagination

    monkeypatch.setattr(drafting.pagination, "record_html", lambda **kwargs: weasyprint.HTML(**kwargs))


@pytest.mark.parametrize("stem", EXAMPLES)
def test_pdf_laid_out_a_page_at_a_time_is_weasyprints_own(stem: str, examples_all_formats, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Page at a time, scoped user-agent styles: the same PDF, byte for byte, and the same drawn text."""
    assert examples_all_formats.result.exit_code == 0, examples_all_formats.result.output
    html = examples_all_formats.path(stem, "html").read_text(encoding="utf-8")
    ours = render_pdf(html, tmp_path / "ours.pdf")
    _stock_weasyprint(monkeypatch)
    stock = render_pdf(html, tmp_path / "stock.pdf", whole=True)
    assert ours == stock
    assert (tmp_path / "ours.pdf").read_bytes() == (tmp_path / "stock.pdf").read_bytes()


def _long_html(sections: int, paragraphs: int) -> str:
    body = []
    for s in range(1, sections + 1):
        body.append(f'<section class="item" id="s-{s}"><h2 class="heading"><span class="num">{s}</span> Item {s}</h2>')
        for k in range(1, paragraphs + 1):
            words = " ".join(f"word{s}x{k}y{w}" for w in range(12 + (k * 7) % 40))
            link = f' See <a href="#p-{s}-1">{s}.1</a>.' if k % 5 == 0 else ""
            body.append(f'<p id="p-{s}-{k}" class="paragraph"><span class="num">{s}.{k}</span> {words}.{link}</p>')
        body.append("</section>")
    return ('<!DOCTYPE html><html lang="en"><head><style>@page { size: A5; margin: 2cm; @top-left { content: "C99/1-E"; }'
            ' @top-right { content: counter(page); } } p { text-align: justify; orphans: 2; widows: 2; }'
            ' h2 { break-after: avoid; }</style></head><body><main>' + "".join(body) + "</main></body></html>")


def test_a_long_document_drops_laid_out_pages_and_prints_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dozens of pages, paragraphs split across them, links back: the laid-out part of the document
    is dropped as pages are painted, and the PDF is WeasyPrint's own, byte for byte."""
    import drafting.pagination

    html = _long_html(6, 40)
    dropped = []
    real = drafting.pagination._forget_styles
    monkeypatch.setattr(drafting.pagination, "_forget_styles", lambda box, styles: dropped.append(box) or real(box, styles))
    ours = render_pdf(html, tmp_path / "ours.pdf")
    assert len(dropped) > 100, "laid-out boxes were kept"
    _stock_weasyprint(monkeypatch)
    stock = render_pdf(html, tmp_path / "stock.pdf", whole=True)
    assert ours == stock
    assert (tmp_path / "ours.pdf").read_bytes() == (tmp_path / "stock.pdf").read_bytes()
    pages = ours.partition("\f")[2]
    assert pages.count("C99/1-E") > 20 and "\n25\n" in f"\n{pages}\n", "running heads and page numbers on every page"


@pytest.mark.parametrize("css", ["@page { @bottom-center { content: counter(page) ' / ' counter(pages); } }",
                                 "p { position: fixed; top: 0; }", 'a::after { content: target-counter(attr(href), page); }'])
def test_a_document_that_needs_later_pages_is_laid_out_whole(css: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A total page count, a fixed box or a target's page number needs every page: WeasyPrint's own layout runs."""
    from weasyprint import HTML

    calls = []
    real = HTML.render
    monkeypatch.setattr(HTML, "render", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    html = _long_html(2, 10).replace("</style>", css + "</style>")
    text = render_pdf(html, tmp_path / "whole.pdf")
    assert calls == [1]
    assert "word2x10y0" in text


def test_two_thousand_paragraphs_build_in_every_format_within_a_fixed_budget(tmp_path: Path) -> None:
    """A regression to whole-document memory (pandoc's or WeasyPrint's) goes over the budget."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from scale_bench import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    record = tmp_path / "long.yaml"
    generate(record, 2000)
    script = ("import resource, subprocess, sys\n"
              "proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, proc.returncode)\n"
              "sys.stderr.write(proc.stderr)\n")
    # A small parent process: a child's peak counts from before its exec (see bench/measure.py).
    measured = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "drafting", "build", str(record),
                               "-o", str(tmp_path / "out"), "--to", "docx,html,pdf", "-j", "1"],
                              capture_output=True, text=True, timeout=600, check=False,
                              preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_DATA, (2 * BUDGET_2000, 2 * BUDGET_2000)))
    peak_kb, status = measured.stdout.split()
    assert status == "0", measured.stderr
    assert int(peak_kb) * 1024 < BUDGET_2000, f"peak {int(peak_kb) // 1024} MB"
    assert (tmp_path / "out" / "long.pdf").stat().st_size > 100_000
    # pandoc (a child of the build, smaller than it) never gets more than a chunk of the record.
    import zipfile

    from drafting import chunking

    chunks = chunking._chunks(tmp_path / "out" / "long.docx", chunking.CHUNK_BLOCKS, tmp_path)
    assert chunks is not None and len(chunks) >= 2
    for chunk in chunks:
        with zipfile.ZipFile(chunk) as archive:
            body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        assert len(body) < chunking.CHUNK_BLOCKS + 100  # cut at the next heading after CHUNK_BLOCKS


def test_html_that_makes_its_own_footnotes_keeps_weasyprints_stylesheet(tmp_path: Path) -> None:
    """Footnote calls are styled for .footnote only; a document floating other elements to the
    foot of the page (its own CSS) gets WeasyPrint's stylesheet, and its footnotes."""
    html = ('<html><head><style>aside { float: footnote; } li.x { display: list-item; }</style></head>'
            "<body><p>Text<aside>Footnote text.</aside> goes on.</p></body></html>")
    text = render_pdf(html, tmp_path / "notes.pdf")
    flow, _, aside = text.partition("\f")
    assert "Text" in flow and "goes on." in flow
    assert "Footnote text." in aside
