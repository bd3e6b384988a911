"""Incremental builds: a manifest in the output folder of what each record was built from.

A record is rebuilt only when one of its inputs changed: the record file and the files it names
(a logo), or anything every record shares — drafting's own code and version, the templates and
schemas, the fonts fontconfig knows, the versions of the engines (pandoc, WeasyPrint, docxtpl…)
and the rendering options. Inputs and outputs are compared by content (SHA-256), so a touched
but unchanged file does not trigger a rebuild and a deleted or edited output does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from drafting import __version__

MANIFEST_NAME = ".drafting-manifest.json"
FORMAT_VERSION = 1
# Engines whose upgrade can change an output.
_ENGINES = ("pypandoc-binary", "pypandoc", "weasyprint", "pydyf", "docxtpl", "python-docx", "jinja2",
            "lxml", "Babel", "markdown-it-py", "jsonschema", "uharfbuzz", "PyYAML", "ruamel.yaml")


def file_digest(path: Path) -> str:
    """SHA-256 of a file's content."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
            else hashlib.sha256(stream.read()).hexdigest()


def _tree_files(folder: Path, suffixes: tuple[str, ...]) -> Iterable[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes and "__pycache__" not in p.parts)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _engine_versions() -> list[str]:
    # Read from the installed distributions' folder names (name-version.dist-info), first on
    # sys.path wins as for imports: importlib.metadata would cost 25 ms of imports on every build.
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info") and "-" in folder:
                name, _, version = folder[: -len(".dist-info")].partition("-")
                found.setdefault(_normal(name), version)
    return [f"{name}=={found.get(_normal(name), 'absent')}" for name in _ENGINES]


def _fonts_fingerprint() -> list[str]:
    from drafting.fonts import fontconfig_fingerprint

    return fontconfig_fingerprint()


def environment_digest(formats: Iterable[str], pdf_variant: str | None) -> str:
    """SHA-256 of everything all records share: tool version and code, templates, schemas, fonts, engines, options."""
    from drafting.resources import resource_dir

    digest = hashlib.sha256()

    def add(text: str) -> None:
        digest.update(text.encode("utf-8") + b"\0")

    add(f"drafting {__version__} python {sys.version_info[:2]}")
    package = Path(__file__).resolve().parent
    for source in _tree_files(package, (".py",)):
        add(source.relative_to(package).as_posix())
        add(file_digest(source))
    for name in ("templates", "schemas"):
        folder = resource_dir(name)
        for data in _tree_files(folder, (".docx", ".css", ".html5", ".json", ".lua", ".png", ".jpg", ".otf", ".ttf")):
            add(f"{name}/{data.relative_to(folder).as_posix()}")
            add(file_digest(data))
    for line in _engine_versions() + _fonts_fingerprint():
        add(line)
    add(f"formats={','.join(sorted(formats))} pdf_variant={pdf_variant or ''}")
    return digest.hexdigest()


def record_key(path: Path) -> str:
    """The manifest's name for a source: relative to the working folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


@dataclass
class Entry:
    """What one record was last built from, and what it produced."""

    environment: str
    inputs: dict[str, str]  # source and the files it names -> SHA-256
    outputs: dict[str, str]  # output file name (in the output folder) -> SHA-256

    def to_json(self) -> dict[str, Any]:
        """The entry as stored."""
        return {"environment": self.environment, "inputs": self.inputs, "outputs": self.outputs}


@dataclass
class Manifest:
    """The manifest of one output folder."""

    folder: Path
    environment: str
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, folder: Path, environment: str) -> Manifest:
        """Read the folder's manifest; a missing or unreadable one is empty (everything is built)."""
        manifest = cls(folder, environment)
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return manifest
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            return manifest
        for key, raw in (data.get("records") or {}).items():
            try:
                manifest.entries[key] = Entry(str(raw["environment"]), dict(raw["inputs"]), dict(raw["outputs"]))
            except (KeyError, TypeError, ValueError):
                continue
        return manifest

    def is_current(self, source: Path) -> bool:
        """True when the source, the files it names, the shared inputs and its outputs are all as last built."""
        entry = self.entries.get(record_key(source))
        if entry is None or entry.environment != self.environment or not entry.outputs:
            return False
        for name, digest in entry.inputs.items():
            if not _matches(Path(name), digest):
                return False
        return all(_matches(self.folder / name, digest) for name, digest in entry.outputs.items())

    def remember(self, source: Path, inputs: Iterable[Path], outputs: Iterable[Path]) -> None:
        """Store what a successful build of ``source`` read and wrote."""
        self.entries[record_key(source)] = Entry(
            self.environment,
            {record_key(p): file_digest(p) for p in dict.fromkeys(inputs)},
            {p.name: file_digest(p) for p in outputs},
        )
        self.changed = True

    def forget(self, source: Path) -> None:
        """Drop a record whose build failed: its next build must not be skipped."""
        if self.entries.pop(record_key(source), None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write the manifest atomically, if anything changed."""
        from drafting.output import write_atomically

        if not self.changed:
            return
        data = {"format": FORMAT_VERSION, "tool": f"drafting {__version__}",
                "records": {key: entry.to_json() for key, entry in sorted(self.entries.items())}}
        write_atomically(self.folder / MANIFEST_NAME, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        self.changed = False


def _matches(path: Path, digest: str) -> bool:
    try:
        return file_digest(path) == digest
    except OSError:
        return False
