"""Benchmark: align two 5,000-paragraph language versions, against linting the same two files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from lint_bench import best_of, generate

PARAGRAPHS = 5000


def run(runs: int = 3) -> dict[str, float]:
    """Generate an original and a translation with one paragraph left out; time lint and align."""
    from drafting.align.rules import check as align
    from drafting.align.skeleton import read_version
    from drafting.lint import read_document
    from drafting.lint.rules import check as lint

    with tempfile.TemporaryDirectory() as tmp:
        original = Path(tmp) / "bench.en.yaml"
        generate(original, PARAGRAPHS)
        lines = original.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("      - id: p25-50"))
        translation = Path(tmp) / "bench.fr.yaml"
        translation.write_text("\n".join(lines[:start] + lines[start + 3:]).replace("language: en", "language: fr"), encoding="utf-8")
        paths = [str(original), str(translation)]
        lint_s = best_of(runs, lambda: [lint(read_document(p)) for p in paths])
        align_s = best_of(runs, lambda: align([read_version(p) for p in paths]))
        findings = align([read_version(p) for p in paths])
    return {"paragraphs": PARAGRAPHS, "lint_s": lint_s, "align_s": align_s, "ratio": align_s / lint_s,
            "findings": sum(len(f) for f in findings.values())}
