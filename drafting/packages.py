"""The Debian packages drafting needs, read from the one list, ``drafting/system-packages.txt``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LIST = Path(__file__).resolve().parent / "system-packages.txt"


@dataclass(frozen=True)
class SystemPackage:
    """One Debian package: when it is needed ('build', 'test', 'bench'), the font families it provides,
    the languages (record codes) they are for, and why."""

    name: str
    needed_by: tuple[str, ...]
    faces: tuple[str, ...]
    languages: tuple[str, ...]
    purpose: str


@lru_cache(maxsize=1)
def system_packages() -> tuple[SystemPackage, ...]:
    """Every package of the list, in its order."""
    packages = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, needed_by, faces, languages, purpose = (column.strip() for column in line.split("|"))
        packages.append(SystemPackage(name, tuple(needed_by.split()), tuple(f.strip() for f in faces.split(",") if f.strip()),
                                      tuple(languages.split()), purpose))
    return tuple(packages)


def package_names(needed_by: str = "build") -> list[str]:
    """The names of the packages needed by 'build', 'test' or 'bench'."""
    return [p.name for p in system_packages() if needed_by in p.needed_by]


def package_of_face(family: str, language: str | None = None) -> str | None:
    """The Debian package that provides a font family (for ``language``, if given), if the list names one."""
    return next((p.name for p in system_packages() if family in p.faces and (language is None or language in p.languages)), None)
