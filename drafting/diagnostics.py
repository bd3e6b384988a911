"""Findings and errors with source locations, and the one rule that turns them into exit codes."""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit statuses shared by every command."""

    OK = 0
    FINDINGS = 1  # lint errors found, or --check would change something, or doctor found gaps
    BAD_INPUT = 2  # a file could not be read, parsed, validated or built
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it; SIGTERM and SIGHUP give 128 + their number


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column are 1-based, None when unknown (Word files)."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, reported as ``path:line:col: message``."""

    location: Location
    message: str
    severity: str = "error"  # or "warning": reported, but the input is still used

    def __str__(self) -> str:
        if self.severity == "warning":
            return f"{self.location}: warning: {self.message}"
        return f"{self.location}: {self.message}"

    def as_json(self) -> dict[str, object]:
        """The problem as a JSON object: path, line, column, severity, message."""
        where = self.location
        return {"path": where.path, "line": where.line, "column": where.column, "severity": self.severity, "message": self.message}


def errors_of(problems: list[Problem]) -> list[Problem]:
    """The problems that make an input unusable (warnings left out)."""
    return [p for p in problems if p.severity != "warning"]


@dataclass
class DraftingError(Exception):
    """Raised when an input cannot be used; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        # Raised in a build worker process, it must reach the parent with its problems.
        return (DraftingError, (self.problems,))


def exit_status(*, bad_inputs: int = 0, findings: int = 0, signum: int = 0) -> int:
    """Choose the exit status from totals: a signal outranks unreadable input, which outranks findings."""
    if signum:
        return ExitStatus.INTERRUPTED if signum == signal.SIGINT else 128 + signum
    if bad_inputs:
        return ExitStatus.BAD_INPUT
    if findings:
        return ExitStatus.FINDINGS
    return ExitStatus.OK
