"""Benchmark: the Chinese reference record's PDF, with pre-subset CJK faces against WeasyPrint alone.

Both runs typeset the same HTML in the same process, so the ratio is meaningful on a noisy
machine; the sizes show why drafting cuts the CJK faces down before WeasyPrint sees them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from lint_bench import best_of

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "examples" / "vc15-1.zh.yaml"


def run(runs: int = 3) -> dict[str, float]:
    """Build the record's HTML once, then time both ways of making its PDF."""
    from weasyprint import HTML

    from drafting.build import build_docx, load_record
    from drafting.html import render_html
    from drafting.pdf import render_pdf

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        build_docx(load_record(RECORD), out / "r.docx")
        html = render_html(out / "r.docx")
        plain_pdf, drafting_pdf = out / "plain.pdf", out / "drafting.pdf"
        baseline = best_of(runs, lambda: HTML(string=html).write_pdf(str(plain_pdf)))
        ours = best_of(runs, lambda: render_pdf(html, drafting_pdf))
        return {
            "baseline_s": baseline, "drafting_s": ours, "ratio": ours / baseline,
            "baseline_kb": plain_pdf.stat().st_size / 1024, "drafting_kb": drafting_pdf.stat().st_size / 1024,
        }


ARABIC = ROOT / "examples" / "vc15-1.ar.yaml"


def run_text_layer(runs: int = 3) -> dict[str, float]:
    """The Arabic example's PDF with drafting's text layer (ActualText spans) against WeasyPrint's own drawing."""
    from weasyprint.draw import text

    from drafting import textlayer
    from drafting.build import build_docx, load_record
    from drafting.html import render_html
    from drafting.pdf import render_pdf

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        build_docx(load_record(ARABIC), out / "r.docx")
        html = render_html(out / "r.docx")
        stock_pdf, spans_pdf = out / "stock.pdf", out / "spans.pdf"
        ours = best_of(runs, lambda: render_pdf(html, spans_pdf))
        drawn = textlayer.draw_first_line
        textlayer.draw_first_line = text.draw_first_line  # actual_texts() then puts WeasyPrint's own back in place
        try:
            baseline = best_of(runs, lambda: render_pdf(html, stock_pdf))
        finally:
            textlayer.draw_first_line = drawn
        return {
            "baseline_s": baseline, "drafting_s": ours, "ratio": ours / baseline,
            "baseline_kb": stock_pdf.stat().st_size / 1024, "drafting_kb": spans_pdf.stat().st_size / 1024,
        }
