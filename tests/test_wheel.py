"""A wheel installed into a fresh virtual environment works from any folder.

Builds the wheel with pip, installs it (dependencies from the configured index, pip's cache
reused) into a new venv, and runs the installed `drafting` from a folder outside the repository.
Takes about a minute.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import drafting

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def _env() -> dict[str, str]:
    """The environment of a user's shell: nothing that points Python back at the repository."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(args: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the wheel, install it into a fresh venv; return the venv's paths and the wheel."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO], cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = list(dist.glob("drafting-*.whl"))
    assert len(wheels) == 1, wheels

    venv = root / "venv"
    made = _run([sys.executable, "-m", "venv", venv], cwd=root)
    assert made.returncode == 0, made.stdout + made.stderr
    python = venv / "bin" / "python"
    install = _run([python, "-m", "pip", "install", "--quiet", wheels[0]], cwd=root)
    assert install.returncode == 0, install.stdout + install.stderr
    return {"root": root, "venv": venv, "python": python, "drafting": venv / "bin" / "drafting", "wheel": wheels[0]}


@pytest.fixture()
def elsewhere(tmp_path: Path) -> Path:
    """A working folder outside the repository, holding a copy of an example."""
    assert not tmp_path.resolve().is_relative_to(REPO)
    assert EXAMPLES, "no examples/*.yaml to copy"
    shutil.copy(EXAMPLES[0], tmp_path / EXAMPLES[0].name)
    return tmp_path


def test_wheel_carries_schemas_and_templates(installed: dict[str, Path]) -> None:
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = set(wheel.namelist())
    assert "drafting/schemas/record.schema.json" in names
    assert "drafting/cli.py" in names
    for template in (REPO / "templates").rglob("*"):
        if template.is_file():
            assert f"drafting/templates/{template.relative_to(REPO / 'templates').as_posix()}" in names


def test_installed_drafting_validates_an_example_from_another_folder(installed: dict[str, Path], elsewhere: Path) -> None:
    name = EXAMPLES[0].name
    result = _run([installed["drafting"], "validate", name], cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr == ""

    verbose = _run([installed["drafting"], "-v", "validate", name], cwd=elsewhere)
    assert verbose.returncode == 0, verbose.stdout + verbose.stderr
    assert verbose.stderr == f"{name}: valid\n"


def test_installed_drafting_reports_a_bad_record_from_another_folder(installed: dict[str, Path], elsewhere: Path) -> None:
    (elsewhere / "bad.yaml").write_text("style: itu\nagendaa: []\n", encoding="utf-8")
    result = _run([installed["drafting"], "validate", "bad.yaml"], cwd=elsewhere)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "bad.yaml:2:1: agendaa: unknown key 'agendaa' — did you mean 'agenda'?" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_installed_drafting_prints_the_schema_from_the_package(installed: dict[str, Path], elsewhere: Path) -> None:
    result = _run([installed["drafting"], "schema"], cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == json.loads((REPO / "schemas" / "record.schema.json").read_text(encoding="utf-8"))

    # The schema comes from the installed package, not from the repository.
    where = _run(
        [installed["python"], "-c", "import drafting, drafting.resources as r, sysconfig; print(drafting.__file__); print(r.resource_dir('schemas')); print(sysconfig.get_paths()['purelib'])"],
        cwd=elsewhere,
    )
    assert where.returncode == 0, where.stderr
    module, schemas, purelib = (Path(line) for line in where.stdout.splitlines())
    assert module.resolve() == (purelib / "drafting" / "__init__.py").resolve()
    assert schemas.resolve() == (purelib / "drafting" / "schemas").resolve()
    assert (purelib / "drafting" / "schemas" / "record.schema.json").is_file()
    assert purelib.resolve().is_relative_to(installed["venv"].resolve())
    assert not schemas.resolve().is_relative_to(REPO)


def test_installed_version_matches(installed: dict[str, Path], elsewhere: Path) -> None:
    result = _run([installed["drafting"], "--version"], cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"drafting, version {drafting.__version__}\n"


def test_installed_drafting_writes_a_starter_whose_schema_line_works_from_any_folder(installed: dict[str, Path], elsewhere: Path) -> None:
    made = _run([installed["drafting"], "new", "--style", "un", "--language", "ru", "-o", "first.yaml"], cwd=elsewhere)
    assert made.returncode == 0, made.stdout + made.stderr
    first_line = (elsewhere / "first.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = Path(first_line.split("$schema=", 1)[1])
    assert schema.is_file() and schema.resolve().is_relative_to(installed["venv"].resolve())
    checked = _run([installed["drafting"], "validate", "first.yaml"], cwd=elsewhere)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")
