"""Checks of what rendering needs on this machine, each with the command that fixes a gap."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from dataclasses import dataclass

# fontconfig language tags of the six official languages, and the Debian package that covers each.
FONT_LANGUAGES = {"en": "fonts-noto-core", "fr": "fonts-noto-core", "es": "fonts-noto-core", "ru": "fonts-noto-core", "ar": "fonts-hosny-amiri", "zh-cn": "fonts-noto-cjk"}
SYSTEM_PACKAGES = ["libharfbuzz-subset0", "fonts-noto-cjk", "fonts-noto-core", "fonts-hosny-amiri", "fonts-crosextra-carlito",
                   "fonts-liberation2", "poppler-utils", "qpdf"]
# The faces the DOCX names, and the free faces with the same metrics that set the PDF like Word.
METRIC_FACES = {"Calibri": ("Carlito", "fonts-crosextra-carlito"), "Times New Roman": ("Liberation Serif", "fonts-liberation2")}


@dataclass(frozen=True)
class Check:
    """One requirement: whether it is met, what was found, and how to fix it."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_pandoc() -> Check:
    """pandoc from pypandoc-binary, version 3 or newer."""
    try:
        import pypandoc

        version = pypandoc.get_pandoc_version()
    except (ImportError, OSError, RuntimeError) as exc:
        return Check("pandoc", False, f"not found ({exc})", "pip install pypandoc-binary")
    major = int(version.split(".")[0])
    if major < 3:
        return Check("pandoc", False, f"pandoc {version} is too old (3 or newer needed)", "pip install --force-reinstall pypandoc-binary")
    return Check("pandoc", True, f"pandoc {version} ({pypandoc.get_pandoc_path()})")


def check_weasyprint() -> Check:
    """WeasyPrint and the Pango libraries it loads."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        return Check("WeasyPrint", False, f"cannot load: {exc}", "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 && pip install weasyprint")
    return Check("WeasyPrint", True, f"WeasyPrint {weasyprint.__version__}")


def check_harfbuzz_subset() -> Check:
    """The HarfBuzz subset library; without it WeasyPrint subsets fonts with slow fontTools."""
    found = ctypes.util.find_library("harfbuzz-subset")
    if not found:
        return Check("HarfBuzz subset library", False, "libharfbuzz-subset not found: PDFs with CJK fonts take 6-7 s instead of 0.3 s", "apt-get install -y libharfbuzz-subset0")
    return Check("HarfBuzz subset library", True, found)


def check_font(language: str) -> Check:
    """A font that covers a language, as fontconfig sees it."""
    if not shutil.which("fc-list"):
        return Check(f"fonts ({language})", False, "fc-list not found", "apt-get install -y fontconfig")
    result = subprocess.run(["fc-list", f":lang={language}", "family"], capture_output=True, text=True, check=False)
    families = sorted({line.split(",")[0] for line in result.stdout.splitlines() if line.strip()})
    if not families:
        return Check(f"fonts ({language})", False, "no installed font covers it", f"apt-get install -y {FONT_LANGUAGES[language]}")
    return Check(f"fonts ({language})", True, f"{len(families)} families, e.g. {families[0]}")


def check_metric_face(word_face: str) -> Check:
    """A face with the metrics of one the DOCX names (Carlito for Calibri), so the PDF breaks lines as Word does."""
    free, package = METRIC_FACES[word_face]
    if not shutil.which("fc-match"):
        return Check(f"face for {word_face}", False, "fc-match not found", "apt-get install -y fontconfig")
    found = subprocess.run(["fc-match", "-f", "%{family}", word_face], capture_output=True, text=True, check=False).stdout
    families = found.split(",")
    if word_face in families or free in families:
        return Check(f"face for {word_face}", True, found.split(",")[0])
    return Check(f"face for {word_face}", False, f"fontconfig gives {found or 'nothing'}: PDF pages would differ from the DOCX's",
                 f"apt-get install -y {package}")


def check_program(name: str, package: str) -> Check:
    """A command-line program on PATH."""
    path = shutil.which(name)
    return Check(name, bool(path), path or "not found", "" if path else f"apt-get install -y {package}")


def run_checks() -> list[Check]:
    """Run every check."""
    checks = [check_pandoc(), check_weasyprint(), check_harfbuzz_subset()]
    checks += [check_font(code) for code in FONT_LANGUAGES]
    checks += [check_metric_face(face) for face in METRIC_FACES]
    checks.append(check_program("pdftotext", "poppler-utils"))
    return checks
