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


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run a command; return its wall time and peak memory (children included, via wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss of wait4 covers the process itself; its own waited-for children are not in it.
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, output.decode("utf-8", "replace"))


def best(command: list[str], runs: int, cwd: Path | None = None, before: object = None) -> Run:
    """The fastest of ``runs`` runs (the machine is shared: the minimum is the least disturbed)."""
    fastest: Run | None = None
    for _ in range(runs):
        if callable(before):
            before()
        result = run(command, cwd)
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
