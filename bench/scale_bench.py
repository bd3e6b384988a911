"""The scaling curve: validate, lint, renumber and build records of 100 to 20,000 paragraphs.

Each command runs as a fresh process (startup included), with its peak memory. The PDF of the
larger records takes minutes (WeasyPrint lays out ~20 paragraphs a page at a few ms each), so
full builds stop at ``PDF_MAX`` paragraphs (1,000) and larger records are built to DOCX and
HTML, keeping `make bench` to a few minutes; set BENCH_PDF_MAX and BENCH_SIZES to change it.

``python bench/scale_bench.py`` (`make scale`) is the memory and linearity check of the full
build: records of 5,000, 10,000 and 20,000 paragraphs (SCALE_SIZES) built to DOCX, HTML and PDF
in one process, held to ``LIMIT_MB`` (1 GB) measured as the largest sum, sampled every 20 ms, of
the resident memory of the build and its children (pandoc) at the same moment; it prints CPU
seconds a thousand paragraphs at each size and exits 1 when the limit is passed or the largest
record costs more than ``LINEAR`` times the smallest's CPU time a thousand paragraphs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import DRAFTING, TIME, run  # noqa: E402

SIZES = tuple(int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,5000,20000").split(","))
PDF_MAX = int(os.environ.get("BENCH_PDF_MAX", "1000"))


_TOPICS = ("Budget", "Elections", "Membership", "Strategic plan", "Financial operating report", "Headquarters premises", "Languages")
_MATTERS = ("audit", "staff matters", "future conferences", "regional offices", "cybersecurity", "outreach", "publications", "partnerships")


def generate(path: Path, paragraphs: int) -> None:
    """An ITU record of ``paragraphs`` paragraphs in up to 50 sections, with ids and cross-references."""
    sections = max(1, min(50, paragraphs // 20))
    per = paragraphs // sections
    lines = ["style: itu", "language: en", "original_language: en", "body: Council", "symbol: C99/1-E",
             "date: 2024-01-01", "meeting: {number: 1, title: SUMMARY RECORD, date: 2024-01-01}", "agenda:"]
    # Titles that differ in words, as real agenda items do: headings that differ only in their
    # digits would repeat at the top of pages like a running head (and the PDF lint says so).
    lines += [f"  - title: {_TOPICS[s % len(_TOPICS)]} and {_MATTERS[s // len(_TOPICS) % len(_MATTERS)]}\n    documents: [C99/{s}]"
              for s in range(1, sections + 1)]
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


LIMIT_MB = 1024
LINEAR = 1.3  # CPU seconds a thousand paragraphs, largest record over smallest
SCALE_SIZES = tuple(int(s) for s in os.environ.get("SCALE_SIZES", "5000,10000,20000").split(","))


def _tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                for child in children.read().split():
                    found += _tree(int(child))
    except OSError:
        pass  # ended meanwhile
    return found


def _resident(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def build_sampled(record: Path, out: Path) -> dict[str, float]:
    """Build a record to every format in one process (-j 1); wall and CPU seconds, peak summed and largest-process MB."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = [TIME, "-q", "-f", "%M %U %S", "-o", report.name, DRAFTING, "build", str(record), "-o", str(out),
                   "--to", "docx,html,pdf", "--force", "-j", "1"]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        while process.poll() is None:
            peak = max(peak, sum(_resident(pid) for pid in _tree(process.pid)))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.returncode:
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{error[-2000:]}")
        largest_kb, user, system = report.read().split()[-3:]
    return {"s": seconds, "cpu_s": float(user) + float(system), "peak_sum_mb": peak / 2**20, "largest_mb": float(largest_kb) / 1024}


def main() -> int:
    """`make scale`: build 5,000 to 20,000 paragraphs to every format; exit 1 over 1 GB or not linear."""
    rows = []
    print(f"Full builds (DOCX, HTML, PDF; one process, -j 1); limit {LIMIT_MB} MB for the build and its children together")
    print(f"  {'paragraphs':>10} {'wall s':>8} {'CPU s':>8} {'CPU s/1000':>11} {'peak MB (sum)':>14} {'largest process MB':>19}")
    with tempfile.TemporaryDirectory(prefix="drafting-scale-") as tmp:
        for size in SCALE_SIZES:
            record = Path(tmp) / f"scale-{size}.yaml"
            generate(record, size)
            row = {"paragraphs": size, **build_sampled(record, Path(tmp) / f"out-{size}")}
            rows.append(row)
            print(f"  {size:>10,} {row['s']:>8.1f} {row['cpu_s']:>8.1f} {row['cpu_s'] * 1000 / size:>11.2f} {row['peak_sum_mb']:>14.0f} {row['largest_mb']:>19.0f}",
                  flush=True)
    per = [row["cpu_s"] / row["paragraphs"] for row in rows]
    growth = per[-1] / per[0]
    peak = max(row["peak_sum_mb"] for row in rows)
    failed = []
    if peak > LIMIT_MB:
        failed.append(f"peak {peak:.0f} MB over {LIMIT_MB} MB")
    if growth > LINEAR:
        failed.append(f"CPU time a paragraph grew {growth:.2f}x from {rows[0]['paragraphs']:,} to {rows[-1]['paragraphs']:,} (limit {LINEAR}x)")
    print(f"CPU time a thousand paragraphs, {rows[-1]['paragraphs']:,} over {rows[0]['paragraphs']:,}: {growth:.2f}x; "
          f"peak {peak:.0f} MB: " + ("; ".join(failed) if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
