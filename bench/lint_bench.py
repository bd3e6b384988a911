"""Benchmark: lint a generated 5,000-paragraph record against the time libyaml takes to load it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

PARAGRAPHS = 5000
SECTIONS = 50


def generate(path: Path, paragraphs: int = PARAGRAPHS, sections: int = SECTIONS) -> None:
    """Write an ITU record with hand-written numbers, a few cross-references and one mistake."""
    per = paragraphs // sections
    out = [
        "# generated for bench/lint_bench.py",
        "style: itu", "language: en", "original_language: en", "body: Council", "symbol: C99/1-E",
        "date: 2024-01-01", "meeting: {number: 1, title: SUMMARY RECORD, date: 2024-01-01}", "agenda:",
    ]
    out += [f"  - title: Agenda item {s}\n    documents: [C99/{s}]" for s in range(1, sections + 1)]
    out.append("sections:")
    for s in range(1, sections + 1):
        out.append(f"  - number: {s}\n    id: s{s}\n    paragraphs:")
        for k in range(1, per + 1):
            # One duplicate number near the end, so the lint has something to report.
            written = k - 1 if (s == sections and k == per) else k
            ref = f" See [](#p{s}-{k - 1})." if k > 1 and k % 10 == 0 else ""
            out.append(
                f"      - id: p{s}-{k}\n        number: \"{s}.{written}\"\n"
                f"        text: The delegate of country {k} said that the matter in paragraph {s}.{max(1, k - 1)} "
                f"deserved further study by the working group before the next session.{ref}"
            )
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def best_of(runs: int, action: Callable[[], object]) -> float:
    """Return the fastest wall time of ``runs`` calls."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def run(runs: int = 7) -> dict[str, float]:
    """Generate the record, time both, return the figures."""
    from drafting.lint import read_document
    from drafting.lint.rules import check

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-5000.yaml"
        generate(path)
        text = path.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        parse = best_of(runs, lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
        lint = best_of(runs, lambda: check(read_document(str(path))))
        findings = check(read_document(str(path)))
    return {
        "paragraphs": PARAGRAPHS, "bytes": len(text.encode("utf-8")), "yaml_load_s": parse, "lint_s": lint,
        "ratio": lint / parse, "findings": len(findings), "loader": loader.__name__,
    }
