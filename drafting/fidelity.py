"""The no-loss check: every text of the input must appear, in order, in every output."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

_SPACE = re.compile(r"\s+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squeeze(text: str) -> str:
    """Normalize for comparison: NFKC, no whitespace (outputs wrap and pad lines differently)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def find_missing(expected: list[str], actual: str) -> list[str]:
    """Return the expected texts not found in ``actual`` in order (empty when nothing is lost)."""
    haystack = squeeze(actual)
    missing = []
    position = 0
    for text in expected:
        needle = squeeze(text)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(needle)
    return missing


def docx_text(path: Path) -> str:
    """Return the text of a DOCX's main document in reading order (tabs and breaks as spaces)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    parts: list[str] = []
    for element in root.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}p"):
        if element.tag == f"{_W}t":
            parts.append(element.text or "")
        elif element.tag == f"{_W}p":
            parts.append("\n")
        else:
            parts.append(" ")
    return "".join(parts)
