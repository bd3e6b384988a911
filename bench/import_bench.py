"""Benchmark: import a 5,000-paragraph text record typed by hand, against linting the same file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from lint_bench import best_of

SECTIONS = 50
PER_SECTION = 100


def generate(path: Path) -> None:
    """Write a typed ITU record: masthead, headings, numbered paragraphs each naming the one before."""
    lines = ["Council 2021", "Virtual consultation", "\tDocument C21/12-E", "3 March 2021", "Original: English", "",
             "SUMMARY RECORD OF THE SECOND MEETING", "Tuesday, 2 March 2021, from 1300 to 1600 hours", "Chairman: Mr A. SMITH (Canada)", ""]
    for s in range(1, SECTIONS + 1):
        lines.append(f"{s}\tItem number {s} of the agenda")
        for p in range(1, PER_SECTION + 1):
            lines.append(f"{s}.{p}\tThe councillor for country {p} said that the proposal in paragraph {s}.{max(1, p - 1)} "
                         "deserved support, and that the secretariat should report on its costs.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(runs: int = 3) -> dict[str, float]:
    """Time the lint's reading and rules, and the whole import (read, assemble, YAML, validate, no-loss check)."""
    from drafting.importer import import_file
    from drafting.importer.emit import dump, verify
    from drafting.lint import read_document
    from drafting.lint.rules import check

    def import_once(path: str) -> None:
        imported = import_file(path)
        text = dump(imported.data, "record.schema.json")
        assert not verify("bench.yaml", text, imported.expected, imported.data)

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "typed.txt"
        generate(source)
        lint_s = best_of(runs, lambda: check(read_document(str(source))))
        import_s = best_of(runs, lambda: import_once(str(source)))
        # Where the time goes: reading and assembling the record, writing its YAML, checking it (validate as
        # `drafting validate` does, every input text in the record).
        imported = import_file(str(source))
        text = dump(imported.data, "record.schema.json")
        read_s = best_of(runs, lambda: import_file(str(source)))
        dump_s = best_of(runs, lambda: dump(imported.data, "record.schema.json"))
        verify_s = best_of(runs, lambda: verify("bench.yaml", text, imported.expected, imported.data))
    return {"paragraphs": SECTIONS * PER_SECTION, "lint_s": lint_s, "import_s": import_s, "ratio": import_s / lint_s,
            "read_s": read_s, "dump_s": dump_s, "verify_s": verify_s}
