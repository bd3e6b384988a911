"""Benchmark: lint a 200-page PDF against the time pdftotext takes to extract its text."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from lint_bench import best_of, generate

PARAGRAPHS = 3600
SECTIONS = 40


def make_pdf(folder: Path) -> Path:
    """A record of about 200 pages: built to DOCX by drafting, printed to PDF by LibreOffice."""
    from drafting.build import RenderOptions, build_file

    record = folder / "bench-pdf.yaml"
    generate(record, PARAGRAPHS, SECTIONS)
    build_file(record, RenderOptions(folder, ("docx",)))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("lint_pdf_bench: LibreOffice (soffice) is needed to print the benchmark PDF")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(folder / "bench-pdf.docx")],
                   check=True, capture_output=True)
    return folder / "bench-pdf.pdf"


def run(runs: int = 7) -> dict[str, float]:
    """Make the PDF, time pdftotext and the lint on it, return the figures."""
    from drafting.lint import read_document
    from drafting.lint.rules import check

    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(Path(tmp))
        pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines() if line.startswith("Pages:")))
        # Interleaved, best of several: the machine is shared, and both suffer its load alike.
        extract = lint = bbox = float("inf")
        extract_cpu = lint_cpu = bbox_cpu = float("inf")
        for _ in range(runs):
            cpu = _cpu()
            extract = min(extract, best_of(1, lambda: subprocess.run(["pdftotext", str(pdf), str(Path(tmp) / "out.txt")], check=True)))
            extract_cpu, cpu = min(extract_cpu, _cpu() - cpu), _cpu()
            lint = min(lint, best_of(1, lambda: check(read_document(str(pdf)))))
            lint_cpu, cpu = min(lint_cpu, _cpu() - cpu), _cpu()
            # The reader's floor: the word boxes alone, from one pdftotext process, nothing parsed.
            bbox = min(bbox, best_of(1, lambda: subprocess.run(["pdftotext", "-bbox", str(pdf), str(Path(tmp) / "out.html")], check=True)))
            bbox_cpu = min(bbox_cpu, _cpu() - cpu)
        doc = read_document(str(pdf))
        findings = check(doc)
    return {
        "pages": pages, "paragraphs": sum(1 for s in doc.sections for p in s.paragraphs if p.core is not None),
        "findings": len(findings), "pdftotext_s": extract, "lint_s": lint, "ratio": lint / extract,
        "pdftotext_cpu_s": extract_cpu, "lint_cpu_s": lint_cpu, "cpu_ratio": lint_cpu / extract_cpu,
        "bbox_s": bbox, "bbox_cpu_s": bbox_cpu, "bbox_ratio": bbox / extract, "bbox_cpu_ratio": bbox_cpu / extract_cpu,
    }


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (pdftotext)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":  # run alone: .venv/bin/python bench/lint_pdf_bench.py
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    figures = run()
    print(f"PDF lint: {figures['pages']} pages, {figures['paragraphs']} paragraphs, {figures['findings']} findings")
    for name, wall, cpu in (("pdftotext", "pdftotext_s", "pdftotext_cpu_s"), ("pdftotext -bbox (floor)", "bbox_s", "bbox_cpu_s"),
                            ("drafting lint", "lint_s", "lint_cpu_s")):
        print(f"  {name:<24} wall {figures[wall] * 1000:5.0f} ms ({figures[wall] / figures['pdftotext_s']:.2f}x)"
              f"   CPU {figures[cpu] * 1000:5.0f} ms ({figures[cpu] / figures['pdftotext_cpu_s']:.2f}x)")
