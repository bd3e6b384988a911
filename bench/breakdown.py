"""Where the milliseconds of one cold build go, stage by stage, in one fresh process (docs/performance.md).

    .venv/bin/python bench/breakdown.py [RECORD]

Imports are timed in the order a build pays them; each stage runs once, as `drafting build -j 1`
runs it (the default build overlaps the WeasyPrint rows with the others in a helper process).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_rows: list[tuple[str, float]] = []
_last = time.perf_counter()


def lap(label: str) -> None:
    """Record the time since the previous lap."""
    global _last
    now = time.perf_counter()
    _rows.append((label, now - _last))
    _last = now


def main() -> None:
    """Run a build stage by stage and print the table."""
    record_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "vc15-1.zh.yaml"
    import click  # noqa: F401

    import drafting.cli  # noqa: F401
    lap("import click + drafting.cli")
    import yaml  # noqa: F401
    from ruamel import yaml as ruamel_yaml  # noqa: F401
    lap("import PyYAML + ruamel.yaml")
    import jsonschema  # noqa: F401
    lap("import jsonschema (no format extras)")
    import docxtpl  # noqa: F401
    lap("import docxtpl (jinja2, python-docx, lxml)")
    import drafting.build
    import drafting.html
    import drafting.record
    import drafting.word  # noqa: F401
    lap("import drafting's stages (babel, markdown-it, pypandoc)")
    from drafting.loader import load_weasyprint

    load_weasyprint()
    lap("import weasyprint (ldconfig lookup)")
    from drafting.build import check_no_loss, expected_of_record, load_record, text_of_pdf
    from drafting.fidelity import docx_text
    from drafting.fonts import cjk_font_faces, visible_text
    from drafting.html import Shaper, read_ast, read_facts, render_html
    from drafting.pdf import render_pdf
    from drafting.word import render_docx

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        record = load_record(record_path)
        lap("load + validate + number the record")
        render_docx(record, out / "r.docx")
        lap("fill the DOCX template (docxtpl)")
        expected = expected_of_record(record)
        check_no_loss(expected, docx_text(out / "r.docx"), out / "r.docx", "DOCX")
        lap("no-loss check of the DOCX")
        facts = read_facts(out / "r.docx")
        lap("read the DOCX's styles and bookmarks (python-docx)")
        ast = read_ast(out / "r.docx")
        lap("pandoc: DOCX -> JSON AST (subprocess)")
        Shaper(facts).shape(ast["blocks"])
        lap("shape the AST into the record's HTML blocks")
        html = render_html(out / "r.docx")
        lap("render_html again, whole (both pandoc runs + the above)")
        served: dict[str, bytes] = {}
        cjk_font_faces(visible_text(html), served)
        lap("subset the CJK faces (HarfBuzz)")
        render_pdf(html, out / "r.pdf")
        lap("WeasyPrint: first layout + PDF of the process")
        render_pdf(html, out / "r.pdf")
        lap("WeasyPrint: same again (warm process)")
        check_no_loss(expected, text_of_pdf(out / "r.pdf", facts.symbol), out / "r.pdf", "PDF")
        lap("no-loss check of the PDF (pdftotext)")
    width = max(len(label) for label, _ in _rows)
    for label, seconds in _rows:
        print(f"{label:<{width}}  {seconds * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
