"""The scaling curve: validate, lint, renumber and build records of 100 to 20,000 paragraphs.

Each command runs as a fresh process (startup included), with its peak memory. The PDF of the
larger records takes minutes (WeasyPrint lays out ~20 paragraphs a page at a few ms each), so
full builds stop at ``PDF_MAX`` paragraphs (1,000) and larger records are built to DOCX and
HTML, keeping `make bench` to a few minutes; set BENCH_PDF_MAX and BENCH_SIZES to change it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from measure import DRAFTING, run

SIZES = tuple(int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,5000,20000").split(","))
PDF_MAX = int(os.environ.get("BENCH_PDF_MAX", "1000"))


def generate(path: Path, paragraphs: int) -> None:
    """An ITU record of ``paragraphs`` paragraphs in up to 50 sections, with ids and cross-references."""
    sections = max(1, min(50, paragraphs // 20))
    per = paragraphs // sections
    lines = ["style: itu", "language: en", "original_language: en", "body: Council", "symbol: C99/1-E",
             "date: 2024-01-01", "meeting: {number: 1, title: SUMMARY RECORD, date: 2024-01-01}", "agenda:"]
    lines += [f"  - title: Agenda item {s}\n    documents: [C99/{s}]" for s in range(1, sections + 1)]
    lines.append("sections:")
    for s in range(1, sections + 1):
        lines.append("  - paragraphs:")
        for k in range(1, per + 1):
            ref = f" See paragraph [](#p{s}-{k - 1})." if k > 1 and k % 10 == 0 else ""
            lines.append(f"      - id: p{s}-{k}\n        text: The delegate of country {k} of item {s} said that the matter "
                         f"deserved further study by the working group before the next session.{ref}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _measure(command: list[str]) -> dict[str, float]:
    result = run(command)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)}:\n{result.output[-2000:]}")
    return {"s": result.seconds, "peak_mb": result.peak_mb}


def run_curve() -> list[dict[str, object]]:
    """One row a size: seconds and peak MB of each command."""
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            record = Path(tmp) / f"scale-{size}.yaml"
            generate(record, size)
            out = Path(tmp) / f"out-{size}"
            formats = "docx,html,pdf" if size <= PDF_MAX else "docx,html"
            row: dict[str, object] = {"paragraphs": size, "bytes": record.stat().st_size, "build_formats": formats}
            row["validate"] = _measure([DRAFTING, "validate", str(record)])
            row["lint"] = _measure([DRAFTING, "lint", str(record)])
            row["renumber_check"] = _measure([DRAFTING, "renumber", "--check", str(record)])
            # One process (-j 1): its peak memory is the whole build's.
            row["build"] = _measure([DRAFTING, "build", str(record), "-o", str(out), "--to", formats, "--force", "-j", "1"])
            rows.append(row)
    return rows
