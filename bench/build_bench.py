"""Benchmark: the PDF stage. The Chinese reference record's PDF, with pre-subset CJK faces against
WeasyPrint alone; the Arabic example's PDF, with the text layer's spans against WeasyPrint's drawing.

Both runs typeset the same HTML in the same process, so the ratio is meaningful on a noisy
machine; the sizes show why drafting cuts the CJK faces down before WeasyPrint sees them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from lint_bench import best_of

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "examples" / "vc15-1.zh.yaml"


def run(runs: int = 3) -> dict[str, float]:
    """The Chinese reference record's PDF: drafting's PDF stage against WeasyPrint alone."""
    from weasyprint import HTML

    from drafting.pdf import render_pdf

    return _both_ways(RECORD, runs, lambda html, pdf: HTML(string=html).write_pdf(str(pdf)), render_pdf)


ARABIC = ROOT / "examples" / "vc15-1.ar.yaml"


def run_text_layer(runs: int = 3) -> dict[str, float]:
    """The Arabic example's PDF with drafting's text layer (ActualText spans) against WeasyPrint's own drawing."""
    from weasyprint.draw import text

    from drafting import textlayer
    from drafting.pdf import render_pdf

    def stock(html: str, pdf: Path) -> None:
        drawn = textlayer.draw_first_line
        textlayer.draw_first_line = text.draw_first_line  # actual_texts() then puts WeasyPrint's own back in place
        try:
            render_pdf(html, pdf)
        finally:
            textlayer.draw_first_line = drawn

    return _both_ways(ARABIC, runs, stock, render_pdf)


def _both_ways(record: Path, runs: int, baseline: Callable[[str, Path], object], ours: Callable[[str, Path], object]) -> dict[str, float]:
    """Build the record's HTML once, then time both ways of making its PDF (best of ``runs``) and weigh the PDFs."""
    from drafting.build import build_docx, load_record
    from drafting.html import render_html

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        build_docx(load_record(record), out / "r.docx")
        html = render_html(out / "r.docx")
        baseline_pdf, drafting_pdf = out / "baseline.pdf", out / "drafting.pdf"
        baseline_s = best_of(runs, lambda: baseline(html, baseline_pdf))
        drafting_s = best_of(runs, lambda: ours(html, drafting_pdf))
        return {
            "baseline_s": baseline_s, "drafting_s": drafting_s, "ratio": drafting_s / baseline_s,
            "baseline_kb": baseline_pdf.stat().st_size / 1024, "drafting_kb": drafting_pdf.stat().st_size / 1024,
        }
