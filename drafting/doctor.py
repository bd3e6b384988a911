"""Checks of what rendering needs on this machine, each with the command that fixes a gap."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from dataclasses import dataclass

# fontconfig's language tag of each official language, where it is not the language's code.
_FONTCONFIG_LANGUAGE = {"zh": "zh-cn"}
_STYLES = ("itu", "un")


def fontconfig_language(code: str) -> str:
    """fontconfig's tag for a record's language code ('zh' -> 'zh-cn')."""
    return _FONTCONFIG_LANGUAGE.get(code, code)


_GENERIC = ("serif", "sans-serif", "monospace")
# The faces the DOCX names, and the free faces with the same metrics that set the PDF like Word
# (their packages: drafting/system-packages.txt).
METRIC_FACES = {"Calibri": "Carlito", "Times New Roman": "Liberation Serif"}


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


def _families(*pattern: str) -> set[str]:
    """Every family name (and alias) fontconfig lists for a pattern."""
    result = subprocess.run(["fc-list", *pattern, "family"], capture_output=True, text=True, check=False)
    return {name.strip() for line in result.stdout.splitlines() for name in line.split(",") if name.strip()}


def _intended_packages(language: str) -> list[str]:
    """The packages of the faces the record's CSS asks for first in a language, one per style."""
    from drafting.fonts import families_tried
    from drafting.packages import package_of_face

    code = language.split("-")[0]
    wanted = []
    for style in _STYLES:
        found = next((package_of_face(f, code) for f in families_tried(style, code) if package_of_face(f, code)), None)
        if found:
            wanted.append(found)
    return list(dict.fromkeys(wanted))


def check_font(language: str) -> Check:
    """Some installed font covers a language (fontconfig tag), so that a PDF can be made at all."""
    if not shutil.which("fc-list"):
        return Check(f"fonts ({language})", False, "fc-list not found", "apt-get install -y fontconfig")
    families = sorted(_families(f":lang={language}"))
    if not families:
        return Check(f"fonts ({language})", False, "no installed font covers it", "apt-get install -y " + " ".join(_intended_packages(language)))
    return Check(f"fonts ({language})", True, f"{len(families)} families, e.g. {families[0]}")


def check_language_fonts(language: str) -> Check:
    """Which installed face draws a language in each style (ITU, UN), and the package of any missing one.

    The face is the first of the record's CSS font list that covers the language (fontconfig's
    view); a face named first but not installed (Calibri) is said to be stood in for.
    """
    from drafting import language as lang
    from drafting.fonts import families_tried
    from drafting.packages import package_of_face

    name = f"fonts for {lang.wording('en').names.get(language, language)} ({language})"
    if not shutil.which("fc-list"):
        return Check(name, False, "fc-list not found", "apt-get install -y fontconfig")
    covering = _families(f":lang={fontconfig_language(language)}")
    installed = _families(":")
    said: dict[str, list[str]] = {}  # what is said of a face -> the styles it is said for
    missing: list[str] = []
    for style in _STYLES:
        tried = [f for f in families_tried(style, language) if f not in _GENERIC]
        used = next((f for f in tried if f in covering), None)
        if used is None:
            package = next((package_of_face(f, language) for f in tried if package_of_face(f, language)), None)
            missing.append(package or "a font covering it")
            said.setdefault(f"none of {', '.join(tried)}", []).append(style.upper())
            continue
        package = package_of_face(used)
        stands_in = next((f for f in tried[: tried.index(used)] if f not in installed and not package_of_face(f)), None)
        text = used + (f" in place of {stands_in}" if stands_in else "") + (f" [{package}]" if package else "")
        said.setdefault(text, []).append(style.upper())
    detail = "; ".join(f"{' and '.join(styles)} records: {text}" for text, styles in said.items())
    if missing:
        return Check(name, False, detail, "apt-get install -y " + " ".join(dict.fromkeys(m for m in missing if " " not in m)))
    return Check(name, True, detail)


def check_metric_face(word_face: str) -> Check:
    """A face with the metrics of one the DOCX names (Carlito for Calibri), so the PDF breaks lines as Word does."""
    from drafting.packages import package_of_face

    free = METRIC_FACES[word_face]
    if not shutil.which("fc-match"):
        return Check(f"face for {word_face}", False, "fc-match not found", "apt-get install -y fontconfig")
    found = subprocess.run(["fc-match", "-f", "%{family}", word_face], capture_output=True, text=True, check=False).stdout
    families = found.split(",")
    if word_face in families or free in families:
        return Check(f"face for {word_face}", True, found.split(",")[0])
    return Check(f"face for {word_face}", False, f"fontconfig gives {found or 'nothing'}: PDF pages would differ from the DOCX's",
                 f"apt-get install -y {package_of_face(free)}")


def check_program(name: str, package: str) -> Check:
    """A command-line program on PATH."""
    path = shutil.which(name)
    return Check(name, bool(path), path or "not found", "" if path else f"apt-get install -y {package}")


def run_checks() -> list[Check]:
    """Run every check."""
    checks = [check_pandoc(), check_weasyprint(), check_harfbuzz_subset()]
    from drafting.language import LANGUAGES

    checks += [check_language_fonts(code) for code in LANGUAGES]
    checks += [check_metric_face(face) for face in METRIC_FACES]
    checks.append(check_program("pdftotext", "poppler-utils"))
    return checks
