"""The figures a user compares, side by side in one run: drafting against LibreOffice and Python.

- a cold build of one record (DOCX+HTML+PDF, every check) against LibreOffice turning the same
  DOCX into a PDF, both as fresh processes, best of a few runs;
- a batch of records in one `drafting build` (a worker per CPU) against one LibreOffice process
  converting the same DOCX files: the marginal cost of a record, per core;
- `drafting --help` against `python -c pass` (the venv's interpreter);
- the PDF sizes of drafting and LibreOffice for every example.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from measure import DRAFTING, PYTHON, ROOT, best, run, soffice, soffice_command

from drafting.batch import available_cpus

RECORD = ROOT / "examples" / "vc15-1.zh.yaml"


def _batch_records(folder: Path, count: int) -> list[Path]:
    """``count`` records: the examples in turn, each under its own symbol so that no two are the same."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        source = examples[n % len(examples)]
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^symbol: (.+)$", lambda m: f"symbol: {m.group(1)}-B{n}", text, count=1, flags=re.MULTILINE)
        target = folder / f"b{n:03d}.{source.name}"
        target.write_text(text, encoding="utf-8")
        paths.append(target)
    return paths


def single(runs: int = 3) -> dict[str, float]:
    """Cold build of one record against LibreOffice's DOCX -> PDF of the same record."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build = [DRAFTING, "build", str(RECORD), "-o", str(work / "out"), "--force"]
        run(build)  # warm the disk cache (.pyc files, fonts), as LibreOffice's first run below does
        ours = best(build, runs)
        docx = work / "out" / f"{RECORD.name.removesuffix('.yaml')}.docx"
        lo = soffice_command(work / "lo-profile", work / "lo", [docx])
        run(lo)  # LibreOffice's first run creates its profile: not counted
        theirs = best(lo, runs)
        one_process = best([DRAFTING, "build", str(RECORD), "-o", str(work / "out1"), "--force", "-j", "1"], runs)
    return {"drafting_s": ours.seconds, "libreoffice_s": theirs.seconds, "ratio": ours.seconds / theirs.seconds,
            "drafting_j1_s": one_process.seconds, "drafting_j1_peak_mb": one_process.peak_mb,
            "libreoffice_peak_mb": theirs.peak_mb, "drafting_j1_cpu_s": one_process.cpu_s, "libreoffice_cpu_s": theirs.cpu_s}


def batch(count: int = 60) -> dict[str, float]:
    """A batch of ``count`` records against LibreOffice converting the same DOCX files in one process."""
    cores = available_cpus()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        records = _batch_records(work / "records", count)
        one = best([DRAFTING, "build", str(records[0]), "-o", str(work / "one"), "--force"], 2)
        ours = run([DRAFTING, "build", *map(str, records), "-o", str(work / "out"), "--force"])
        if ours.returncode:
            raise RuntimeError(ours.output)
        docx = sorted((work / "out").glob("*.docx"))
        lo_one = soffice_command(work / "lo-profile", work / "lo-one", docx[:1])
        run(lo_one)
        theirs_one = best(lo_one, 2)
        theirs = run(soffice_command(work / "lo-profile", work / "lo", docx))
    marginal = (ours.seconds - one.seconds) / (count - 1)
    lo_marginal = (theirs.seconds - theirs_one.seconds) / (count - 1)
    # LibreOffice converts on one core, drafting's pool on every core: compare the CPU time each
    # spends on one more record (GNU time: the process and its workers), which a busy machine
    # does not inflate the way it inflates wall time.
    cpu = (ours.cpu_s - one.cpu_s) / (count - 1)
    lo_cpu = (theirs.cpu_s - theirs_one.cpu_s) / (count - 1)
    return {"records": count, "cores": cores, "drafting_s": ours.seconds, "libreoffice_s": theirs.seconds,
            "drafting_marginal_s": marginal, "libreoffice_marginal_s": lo_marginal,
            "drafting_marginal_cpu_s": cpu, "libreoffice_marginal_cpu_s": lo_cpu, "ratio_per_core": cpu / lo_cpu}


def help_startup(runs: int = 15) -> dict[str, float]:
    """`drafting --help` and `python -c pass` (the same interpreter), and `import click` alone: the floor."""
    python = best([PYTHON, "-c", "pass"], runs, memory=False).seconds
    click = best([PYTHON, "-c", "import click"], runs, memory=False).seconds
    helped = best([DRAFTING, "--help"], runs, memory=False).seconds
    return {"python_s": python, "click_s": click, "help_s": helped, "ratio": helped / python, "click_ratio": click / python}


def sizes() -> list[dict[str, float | str]]:
    """Every example (each family in six languages): the time of a cold build of its three formats
    (one process), and PDF sizes, drafting's and LibreOffice's from drafting's DOCX."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    rows: list[dict[str, float | str]] = []
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for example in examples:
            built = run([DRAFTING, "build", str(example), "-o", str(work / "out"), "-j", "1", "--force"], memory=False)
            if built.returncode:
                raise RuntimeError(built.output)
            times[example.name.removesuffix(".yaml")] = built.seconds
        stems = [e.name.removesuffix(".yaml") for e in examples]
        run(soffice_command(work / "lo-profile", work / "lo", [work / "out" / f"{s}.docx" for s in stems]))
        for stem in stems:
            ours, theirs = work / "out" / f"{stem}.pdf", work / "lo" / f"{stem}.pdf"
            rows.append({"record": stem, "build_s": times[stem], "drafting_kb": ours.stat().st_size / 1024,
                         "libreoffice_kb": theirs.stat().st_size / 1024 if theirs.exists() else float("nan")})
    return rows


def incremental(runs: int = 5) -> dict[str, float]:
    """A second `drafting build` of the examples with nothing changed: it must render nothing."""
    examples = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    with tempfile.TemporaryDirectory() as tmp:
        command = [DRAFTING, "build", *examples, "-o", str(Path(tmp) / "out")]
        first = run(command)
        again = best(command, runs)
    if "0 built" not in again.output:
        raise RuntimeError(f"the second build rendered something:\n{again.output}")
    return {"first_s": first.seconds, "unchanged_s": again.seconds, "records": len(examples)}


def available() -> bool:
    """LibreOffice is the baseline: without it the comparison cannot run."""
    return soffice() is not None and shutil.which("pdftotext") is not None
