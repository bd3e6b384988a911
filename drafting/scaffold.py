"""``drafting init``: a records repository ready for make, pre-commit and CI.

The files come from ``drafting/scaffolding/`` (names starting with a dot are stored as ``dot-…``
so that no packaging tool drops them); ``requirements.txt`` pins the drafting that made it,
so CI builds with the same version as the secretary's machine.
"""

from __future__ import annotations

from pathlib import Path

from drafting import __version__
from drafting.diagnostics import DraftingError, Location, Problem

STARTER = Path(__file__).resolve().parent / "scaffolding"  # drafting/starter.py writes starter records


def _target_name(relative: Path) -> Path:
    return Path(*[("." + part[4:]) if part.startswith("dot-") else part for part in relative.parts])


def starter_files() -> dict[Path, bytes]:
    """Every file of a new records repository: relative path -> content."""
    from drafting.packages import package_names

    files = {}
    for source in sorted(STARTER.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            # The CI files install what drafting/system-packages.txt lists for building.
            content = source.read_bytes().replace(b"@SYSTEM_PACKAGES@", " ".join(package_names("build")).encode("ascii"))
            files[_target_name(source.relative_to(STARTER))] = content
    # An unrelated project is called "drafting" on PyPI: the scaffold must name where this one
    # comes from, not a version number an index would resolve to someone else's package.
    files[Path("requirements.txt")] = requirement().encode("utf-8")
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


def requirement() -> str:
    """requirements.txt for a records repository: this drafting, from where it was installed."""
    import json
    from importlib import metadata

    try:
        direct = metadata.distribution("drafting").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    url = json.loads(direct).get("url") if direct else None
    source = f"drafting @ {url}" if url else f"drafting=={__version__}"
    return ("# Where CI installs drafting from: replace with your organisation's git URL or internal index\n"
            f"# (e.g. drafting @ git+https://git.example.org/secretariat/drafting@v{__version__}); the PyPI\n"
            "# project named 'drafting' is another project.\n" + source + "\n")
