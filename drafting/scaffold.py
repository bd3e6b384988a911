"""``drafting init``: a records repository ready for make, pre-commit and CI.

The files come from ``drafting/starter/`` (names starting with a dot are stored as ``dot-…``
so that no packaging tool drops them); ``requirements.txt`` pins the drafting that made it,
so CI builds with the same version as the secretary's machine.
"""

from __future__ import annotations

from pathlib import Path

from drafting import __version__
from drafting.diagnostics import DraftingError, Location, Problem

STARTER = Path(__file__).resolve().parent / "starter"


def _target_name(relative: Path) -> Path:
    return Path(*[("." + part[4:]) if part.startswith("dot-") else part for part in relative.parts])


def starter_files() -> dict[Path, bytes]:
    """Every file of a new records repository: relative path -> content."""
    files = {}
    for source in sorted(STARTER.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            files[_target_name(source.relative_to(STARTER))] = source.read_bytes()
    files[Path("requirements.txt")] = f"drafting=={__version__}\n".encode("utf-8")
    return files


def scaffold(folder: Path) -> list[Path]:
    """Write a records repository into ``folder``; refuse, writing nothing, if any of its files exists."""
    from drafting.output import write_atomically

    files = starter_files()
    existing = [folder / name for name in files if (folder / name).exists()]
    if existing:
        raise DraftingError([Problem(Location(str(path)), "already exists; drafting init writes nothing over existing files")
                             for path in existing])
    written = []
    for name, content in files.items():
        target = folder / name
        write_atomically(target, content)
        written.append(target)
    return written
