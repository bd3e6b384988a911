"""Timing commands as a user runs them: fresh processes, wall time and peak memory of each."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DRAFTING = str(BIN / "drafting")
PYTHON = sys.executable


@dataclass
class Run:
    """One finished command."""

    seconds: float
    peak_mb: float  # the largest resident set of the process and the children it waited for
    returncode: int
    output: str
    cpu_s: float = float("nan")  # user + system CPU of the process and its waited-for children


TIME = "/usr/bin/time"  # GNU time: forked from a small process, its %M is the command's own peak


def run(command: list[str], cwd: Path | None = None, memory: bool = True) -> Run:
    """Run a command; return its wall time and peak resident memory (largest of it and its waited-for children)."""
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        # Linux counts a child's memory from before exec: a child forked from this (large)
        # benchmark process would report this process's size. GNU time forks from a small one.
        wrapped = [TIME, "-q", "-f", "%M %U %S", "-o", rss.name, *command] if memory and os.path.exists(TIME) else command
        start = time.perf_counter()
        process = subprocess.run(wrapped, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        seconds = time.perf_counter() - start
        lines = rss.read().strip().splitlines()
    fields = lines[-1].split() if lines else []
    peak_kb, cpu = (float(fields[0]), float(fields[1]) + float(fields[2])) if len(fields) == 3 else (float("nan"), float("nan"))
    return Run(seconds, peak_kb / 1024, process.returncode, process.stdout.decode("utf-8", "replace"), cpu)


def best(command: list[str], runs: int, cwd: Path | None = None, memory: bool = True) -> Run:
    """The fastest of ``runs`` runs (the machine is shared: the minimum is the least disturbed)."""
    fastest: Run | None = None
    for _ in range(runs):
        result = run(command, cwd, memory)
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.output}")
        if fastest is None or result.seconds < fastest.seconds:
            fastest = result
    assert fastest is not None
    return fastest


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_command(profile: Path, outdir: Path, inputs: list[Path]) -> list[str]:
    """LibreOffice converting DOCX files to PDF in one process, with its own profile folder."""
    return [soffice() or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
            "--outdir", str(outdir), *map(str, inputs)]
