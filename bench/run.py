"""Run the benchmarks (``make bench``): print the figures side by side, write build/bench.json.

Every figure is a ratio against a baseline measured in the same run on the same machine
(LibreOffice, `python -c pass`, libyaml), so a busy machine moves both sides. Exit status 1 when
a target is missed; the note in docs/performance.md says where each floor is and why.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_bench  # noqa: E402
import build_bench  # noqa: E402
import compare_bench  # noqa: E402
import import_bench  # noqa: E402
import lint_bench  # noqa: E402
import lint_pdf_bench  # noqa: E402
import scale_bench  # noqa: E402

TARGETS = {"build": 0.5, "batch_per_core": 0.15, "help": 3.0, "lint": 2.0, "lint_pdf": 2.0}
OUTPUT = Path(__file__).resolve().parent.parent / "build" / "bench.json"


def row(label: str, ours: str, theirs: str, ratio: float, target: float | None = None) -> str:
    """One line of the side-by-side table."""
    verdict = "" if target is None else ("  ok" if ratio <= target else f"  MISSED (target <= {target:g}x)")
    return f"  {label:<34} {ours:>14}   {theirs:>14}   {ratio:6.2f}x{verdict}"


def header(title: str, ours: str, theirs: str) -> None:
    """A table's title and column names."""
    print(f"\n{title}\n  {'':<34} {ours:>14}   {theirs:>14}   {'ratio':>7}")


def main() -> int:
    """Run every benchmark, print it, write the JSON; exit 1 if a target is missed."""
    started = time.perf_counter()
    results: dict[str, Any] = {}
    missed: list[str] = []

    def check(name: str, ratio: float) -> None:
        if ratio > TARGETS[name]:
            missed.append(name)

    if not compare_bench.available():
        print("LibreOffice (soffice) and pdftotext are needed for the comparisons: apt-get install libreoffice-writer-nogui poppler-utils")
        return 2
    single = results["build"] = compare_bench.single()
    header("Cold build of examples/vc15-1.zh.yaml (fresh process, best of 3)", "drafting", "LibreOffice")
    print(row("DOCX+HTML+PDF vs DOCX->PDF", f"{single['drafting_s'] * 1000:.0f} ms", f"{single['libreoffice_s'] * 1000:.0f} ms",
              single["ratio"], TARGETS["build"]))
    print(row("  same, one process (-j 1)", f"{single['drafting_j1_s'] * 1000:.0f} ms", "", single["drafting_j1_s"] / single["libreoffice_s"]))
    print(row("  CPU time (one process)", f"{single['drafting_j1_cpu_s'] * 1000:.0f} ms", f"{single['libreoffice_cpu_s'] * 1000:.0f} ms",
              single["drafting_j1_cpu_s"] / single["libreoffice_cpu_s"]))
    print(row("  peak memory (one process)", f"{single['drafting_j1_peak_mb']:.0f} MB", f"{single['libreoffice_peak_mb']:.0f} MB",
              single["drafting_j1_peak_mb"] / single["libreoffice_peak_mb"]))
    check("build", single["ratio"])

    batch = results["batch"] = compare_bench.batch()
    header(f"Batch of {batch['records']} records (drafting: one build, {batch['cores']} workers; LibreOffice: one process)",
           "drafting", "LibreOffice")
    print(row("whole batch", f"{batch['drafting_s']:.1f} s", f"{batch['libreoffice_s']:.1f} s", batch["drafting_s"] / batch["libreoffice_s"]))
    print(row("marginal per record (wall)", f"{batch['drafting_marginal_s'] * 1000:.0f} ms", f"{batch['libreoffice_marginal_s'] * 1000:.0f} ms",
              batch["drafting_marginal_s"] / batch["libreoffice_marginal_s"]))
    print(row("marginal per record (CPU time)", f"{batch['drafting_marginal_cpu_s'] * 1000:.0f} ms",
              f"{batch['libreoffice_marginal_cpu_s'] * 1000:.0f} ms", batch["ratio_per_core"], TARGETS["batch_per_core"]))
    check("batch_per_core", batch["ratio_per_core"])

    again = results["incremental"] = compare_bench.incremental()
    header(f"Incremental: the {again['records']} examples built, then built again unchanged", "second build", "first build")
    print(row("nothing to render (target < 1 s)", f"{again['unchanged_s'] * 1000:.0f} ms", f"{again['first_s'] * 1000:.0f} ms",
              again["unchanged_s"] / again["first_s"]))
    if again["unchanged_s"] >= 1.0:
        missed.append("incremental")

    startup = results["help"] = compare_bench.help_startup()
    header("Start-up (best of 15)", "drafting", "python -c pass")
    print(row("drafting --help", f"{startup['help_s'] * 1000:.1f} ms", f"{startup['python_s'] * 1000:.1f} ms", startup["ratio"], TARGETS["help"]))
    print(row("  floor: import click", f"{startup['click_s'] * 1000:.1f} ms", f"{startup['python_s'] * 1000:.1f} ms", startup["click_ratio"]))
    check("help", startup["ratio"])

    lint = results["lint"] = lint_bench.run()
    header(f"Lint of {lint['paragraphs']} paragraphs ({lint['bytes'] / 1e6:.2f} MB, in-process, best of 7)", "drafting lint", f"yaml ({lint['loader']})")
    print(row("lint vs parse", f"{lint['lint_s'] * 1000:.0f} ms", f"{lint['yaml_load_s'] * 1000:.0f} ms", lint["ratio"], TARGETS["lint"]))
    check("lint", lint["ratio"])

    pdf_lint = results["lint_pdf"] = lint_pdf_bench.run()
    header(f"Lint of a {pdf_lint['pages']}-page PDF ({pdf_lint['paragraphs']} paragraphs, LibreOffice)", "drafting lint", "pdftotext")
    print(row("lint vs text extraction (wall)", f"{pdf_lint['lint_s'] * 1000:.0f} ms", f"{pdf_lint['pdftotext_s'] * 1000:.0f} ms",
              pdf_lint["ratio"], TARGETS["lint_pdf"]))
    print(row("  CPU time", f"{pdf_lint['lint_cpu_s'] * 1000:.0f} ms", f"{pdf_lint['pdftotext_cpu_s'] * 1000:.0f} ms", pdf_lint["cpu_ratio"]))
    print(row("  floor: pdftotext -bbox (wall)", f"{pdf_lint['bbox_s'] * 1000:.0f} ms", f"{pdf_lint['pdftotext_s'] * 1000:.0f} ms",
              pdf_lint["bbox_s"] / pdf_lint["pdftotext_s"]))
    print(row("  floor: pdftotext -bbox (CPU)", f"{pdf_lint['bbox_cpu_s'] * 1000:.0f} ms", f"{pdf_lint['pdftotext_cpu_s'] * 1000:.0f} ms",
              pdf_lint["bbox_cpu_s"] / pdf_lint["pdftotext_cpu_s"]))
    check("lint_pdf", pdf_lint["ratio"])

    imported = results["import"] = import_bench.run()
    header(f"Import of a typed text record of {imported['paragraphs']} paragraphs", "drafting import", "drafting lint")
    print(row("import (read, YAML, validate, no-loss) vs lint", f"{imported['import_s'] * 1000:.0f} ms", f"{imported['lint_s'] * 1000:.0f} ms",
              imported["ratio"]))
    for label, key in (("  read and assemble", "read_s"), ("  YAML (libyaml)", "dump_s"),
                       ("  validate, no text lost", "verify_s")):
        print(row(label, f"{imported[key] * 1000:.0f} ms", f"{imported['lint_s'] * 1000:.0f} ms", imported[key] / imported["lint_s"]))

    aligned = results["align"] = align_bench.run()
    header(f"Align two versions of {aligned['paragraphs']} paragraphs, one left out", "drafting align", "lint of both")
    print(row("align vs lint", f"{aligned['align_s'] * 1000:.0f} ms", f"{aligned['lint_s'] * 1000:.0f} ms", aligned["ratio"]))

    sizes = results["pdf_sizes"] = compare_bench.sizes()
    header("Every example in every language: PDF size (and the cold build of its three formats)", "drafting", "LibreOffice")
    for item in sizes:
        label = f"{item['record']} ({float(item['build_s']):.1f} s)"
        print(row(label, f"{item['drafting_kb']:.0f} KB", f"{item['libreoffice_kb']:.0f} KB",
                  float(item["drafting_kb"]) / float(item["libreoffice_kb"])))
    if max(float(item["drafting_kb"]) for item in sizes) > 200:
        missed.append("pdf_size")  # no PDF over 200 KB

    pdf = results["pdf_fonts"] = build_bench.run()
    header("PDF stage, examples/vc15-1.zh.yaml (in-process, best of 3)", "drafting", "WeasyPrint alone")
    print(row("time (pre-subset CJK faces)", f"{pdf['drafting_s'] * 1000:.0f} ms", f"{pdf['baseline_s'] * 1000:.0f} ms", pdf["ratio"]))
    print(row("size", f"{pdf['drafting_kb']:.0f} KB", f"{pdf['baseline_kb']:.0f} KB", pdf["drafting_kb"] / pdf["baseline_kb"]))

    layer = results["pdf_text_layer"] = build_bench.run_text_layer()
    header("PDF stage, examples/vc15-1.ar.yaml (in-process, best of 3)", "text layer", "WeasyPrint's")
    print(row("time (ActualText spans)", f"{layer['drafting_s'] * 1000:.0f} ms", f"{layer['baseline_s'] * 1000:.0f} ms", layer["ratio"]))
    print(row("size", f"{layer['drafting_kb']:.0f} KB", f"{layer['baseline_kb']:.0f} KB", layer["drafting_kb"] / layer["baseline_kb"]))

    curve = results["scale"] = scale_bench.run_curve()
    print("\nScaling (fresh processes; seconds / peak MB)")
    print(f"  {'paragraphs':>10} {'validate':>14} {'lint':>14} {'renumber':>14} {'build':>16} {'ms/paragraph':>13}  formats")
    for item in curve:
        cells = [f"{item[k]['s']:.2f} / {item[k]['peak_mb']:.0f}" for k in ("validate", "lint", "renumber_check", "build")]
        per = item["build"]["s"] * 1000 / item["paragraphs"]
        print(f"  {item['paragraphs']:>10} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14} {cells[3]:>16} {per:>13.2f}  {item['build_formats']}")

    results["targets"] = TARGETS
    results["missed"] = missed
    results["seconds"] = time.perf_counter() - started
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\n{OUTPUT.relative_to(OUTPUT.parent.parent)} written; {len(missed)} target(s) missed{': ' + ', '.join(missed) if missed else ''}"
          f" (see docs/performance.md); {results['seconds']:.0f} s")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
