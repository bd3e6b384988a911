"""Run the benchmarks (``make bench``) and print their figures."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_bench  # noqa: E402
import build_bench  # noqa: E402
import import_bench  # noqa: E402
import lint_bench  # noqa: E402
import lint_pdf_bench  # noqa: E402

TARGET = 2.0


def main() -> int:
    """Print the lint and PDF benchmarks; exit 1 if the lint ratio misses its target."""
    figures = lint_bench.run()
    print(f"lint benchmark: {figures['paragraphs']} paragraphs, {figures['bytes'] / 1e6:.2f} MB, {figures['findings']} findings")
    print(f"  yaml.load ({figures['loader']}): {figures['yaml_load_s'] * 1000:.1f} ms")
    print(f"  drafting lint (in-process):     {figures['lint_s'] * 1000:.1f} ms")
    print(f"  ratio lint / parse: {figures['ratio']:.2f}x (target <= {TARGET:.0f}x)")
    pdf = build_bench.run()
    print("PDF benchmark: examples/vc15-1.zh.yaml, HTML -> PDF")
    print(f"  WeasyPrint alone (system Noto CJK): {pdf['baseline_s'] * 1000:.0f} ms, {pdf['baseline_kb']:.0f} KB")
    print(f"  drafting (pre-subset CJK faces):    {pdf['drafting_s'] * 1000:.0f} ms, {pdf['drafting_kb']:.0f} KB")
    print(f"  ratio drafting / WeasyPrint alone: {pdf['ratio']:.2f}x time, {pdf['drafting_kb'] / pdf['baseline_kb']:.2f}x size")
    pdf_lint = lint_pdf_bench.run()
    print(f"PDF lint benchmark: {pdf_lint['pages']} pages (LibreOffice), {pdf_lint['paragraphs']} paragraphs, {pdf_lint['findings']} findings")
    print(f"  pdftotext (text only):      {pdf_lint['pdftotext_s'] * 1000:.0f} ms")
    print(f"  drafting lint (in-process): {pdf_lint['lint_s'] * 1000:.0f} ms")
    print(f"  ratio lint / pdftotext: {pdf_lint['ratio']:.2f}x (target < {TARGET:.0f}x)")
    aligned = align_bench.run()
    print(f"align benchmark: two versions of {aligned['paragraphs']} paragraphs, one left out ({aligned['findings']} findings)")
    print(f"  drafting lint of both: {aligned['lint_s'] * 1000:.0f} ms; drafting align: {aligned['align_s'] * 1000:.0f} ms; ratio {aligned['ratio']:.2f}x")
    imported = import_bench.run()
    print(f"import benchmark: a typed text record of {imported['paragraphs']} paragraphs")
    print(f"  drafting lint: {imported['lint_s'] * 1000:.0f} ms; drafting import (read, YAML, validate, no-loss check): "
          f"{imported['import_s'] * 1000:.0f} ms; ratio {imported['ratio']:.2f}x")
    return 0 if figures["ratio"] <= TARGET and pdf_lint["ratio"] < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
