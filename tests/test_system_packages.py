"""The Debian packages are listed once (drafting/system-packages.txt); the Makefile, `drafting
doctor`, the CI files of `drafting init` and the README agree with it, and `drafting doctor`
says which face each language is drawn with, and which package provides it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drafting.packages import LIST, package_names, package_of_face, system_packages

ROOT = Path(__file__).resolve().parents[1]


def make_variable(target: str) -> list[str]:
    """SYSTEM_PACKAGES as make sees it for ``target`` (target-specific additions included)."""
    # The same addition the Makefile's own `test:` and `bench:` lines make (`build` adds nothing).
    extra = ["--eval", f"print-packages: SYSTEM_PACKAGES += $(call packages_for,{target})"] if target != "build" else []
    printed = subprocess.run(["make", "-s", "--no-print-directory", *extra, "--eval", "print-packages: ; @echo $(SYSTEM_PACKAGES)",
                              "print-packages"], cwd=ROOT, capture_output=True, text=True, check=True)
    return printed.stdout.split()


def test_the_list_is_well_formed_and_installed_here() -> None:
    packages = system_packages()
    names = [p.name for p in packages]
    assert len(names) == len(set(names)) >= 10
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", n) for n in names), names
    assert all(p.needed_by and set(p.needed_by) <= {"build", "test", "bench"} and p.purpose for p in packages)
    # `make test` installs all of them first, so each must be a real, installed Debian package.
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\\n", *names], capture_output=True, text=True, check=False)
    installed = {line.split()[0] for line in status.stdout.splitlines() if line.endswith("install ok installed")}
    assert installed == set(names), set(names) - installed
    # The metric twins of Calibri and Times New Roman, which the house styles name first.
    assert {"fonts-crosextra-carlito", "fonts-liberation2"} <= set(package_names("build"))


def test_the_makefile_reads_the_list() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "drafting/system-packages.txt" in makefile
    assert make_variable("build") == package_names("build")
    assert make_variable("test") == package_names("build") + package_names("test")
    assert make_variable("bench") == package_names("build") + package_names("bench")
    assert "test: SYSTEM_PACKAGES += $(call packages_for,test)" in makefile
    assert "bench: SYSTEM_PACKAGES += $(call packages_for,bench)" in makefile
    # No package name written into the Makefile itself.
    rules = "\n".join(line for line in makefile.splitlines() if not line.lstrip().startswith("#"))
    assert not [p.name for p in system_packages() if re.search(rf"(?<![\w-]){re.escape(p.name)}(?![\w-])", rules)]


def test_the_ci_files_of_drafting_init_install_the_list() -> None:
    from drafting.scaffold import starter_files

    files = starter_files()
    wanted = " ".join(package_names("build"))
    github = yaml.safe_load(files[Path(".github/workflows/records.yml")])
    installs = [step["run"] for job in github["jobs"].values() for step in job["steps"] if "apt-get install" in step.get("run", "")]
    assert len(installs) == 2 and all(f"--no-install-recommends {wanted}\n" in run for run in installs), installs
    gitlab = yaml.safe_load(files[Path(".gitlab-ci.yml")])
    assert any(line.endswith(f"--no-install-recommends make {wanted}") for line in gitlab["default"]["before_script"])
    assert not any(b"@SYSTEM_PACKAGES@" in content for content in files.values())


def test_the_readme_and_ci_name_the_list_not_the_packages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "drafting/system-packages.txt" in readme
    for place in [readme, (ROOT / ".ci" / "run").read_text(encoding="utf-8")]:
        # (a name that is also an English word, 'time', would match prose: only names with a dash or digit)
        assert not [p.name for p in system_packages() if re.search(r"[-\d]", p.name) and re.search(rf"\b{re.escape(p.name)}\b", place)]


def doctor(env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafting", "doctor"], capture_output=True, text=True, env=env, check=False, timeout=120)


def test_doctor_names_the_face_each_language_is_drawn_with() -> None:
    result = doctor()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {re.search(r"\((\w+)\):", line).group(1): line for line in result.stdout.splitlines() if line.startswith("ok      fonts for ")}
    assert lines["en"] == ("ok      fonts for English (en): ITU records: Carlito in place of Calibri [fonts-crosextra-carlito]; "
                           "UN records: Liberation Serif in place of Times New Roman [fonts-liberation2]")
    assert lines["ar"] == "ok      fonts for Arabic (ar): ITU and UN records: Amiri [fonts-hosny-amiri]"
    assert lines["zh"] == "ok      fonts for Chinese (zh): ITU and UN records: Noto Serif CJK SC [fonts-noto-cjk]"
    # Amiri is the Arabic face, not an example of an English, French, Spanish or Russian one.
    assert all("Amiri" not in lines[code] for code in ("en", "fr", "es", "ru")), lines
    assert set(lines) == {"ar", "zh", "en", "fr", "ru", "es"}


def test_doctor_without_fonts_names_the_package_of_each_languages_face(tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n', encoding="utf-8")
    result = doctor({**os.environ, "FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1, result.stdout
    assert "MISSING fonts for English (en): ITU records: none of Calibri, Carlito, Noto Sans" in result.stdout
    fixes = result.stdout.split("To fix (as root):\n")[1].splitlines()
    assert "  apt-get install -y fonts-crosextra-carlito fonts-liberation2" in fixes  # English, French, Spanish, Russian
    assert "  apt-get install -y fonts-hosny-amiri" in fixes
    assert "  apt-get install -y fonts-noto-cjk" in fixes
    named = {word for fix in fixes for word in fix.split()[3:]}
    assert named <= {p.name for p in system_packages()} | {"fontconfig"}, named


def test_each_face_of_the_house_styles_has_its_package_in_the_list() -> None:
    from drafting.fonts import families_tried
    from drafting.language import LANGUAGES

    for code in LANGUAGES:
        for style in ("itu", "un"):
            tried = [f for f in families_tried(style, code) if f not in ("serif", "sans-serif")]
            assert any(package_of_face(face, code) for face in tried), (code, style, tried)
    assert LIST.name == "system-packages.txt" and LIST.parent.name == "drafting"  # shipped in the wheel
