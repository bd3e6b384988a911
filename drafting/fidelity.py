"""The no-loss check: every text of the input must appear, in order, in every output."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# Whitespace, hyphens, soft hyphens and bidi controls: outputs wrap lines differently (a line
# broken after "opening-" draws the hyphen, one broken at a soft hyphen draws one it did not
# have), and bidi isolates may wrap right-to-left runs. Dashes and word joiners too: typography
# (drafting/typography.py) prints a typed "1-4" as "1–4" and joins the parts of a symbol.
_SPACE = re.compile(r"[\s\-\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u2010-\u2015\u2060]+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# Quotation marks: the language's typography turns typed quotes into its own (« » in French and
# Russian) in every output, so any quote stands for any other in the comparison.
_QUOTES = str.maketrans(dict.fromkeys("'\u00ab\u00bb\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u2039\u203a", '"'))


def squeeze(text: str, *, quotes: bool = True) -> str:
    """Normalize for comparison: NFKC, no whitespace or hyphens, one kind of quotation mark
    (``quotes=False``: each mark kept as it is)."""
    normal = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", normal.translate(_QUOTES) if quotes else normal)


@dataclass(frozen=True)
class Expected:
    """What an output must contain: texts anywhere (columns), and texts in document order.

    ``typeset``: the texts are the record's model, typeset as every output prints them, so their
    quotation marks must be found as they are (an output that printed a title's typed straight
    quotes, or dropped an apostrophe's typography, lost text the model has).
    """

    anywhere: tuple[str, ...]
    in_order: tuple[str, ...]
    typeset: bool = False


def find_missing(expected: Expected, actual: str) -> list[str]:
    """Return the expected texts not found in ``actual`` (empty when nothing is lost)."""
    quotes = not expected.typeset
    haystack = squeeze(actual, quotes=quotes)
    missing = [text for text in expected.anywhere if squeeze(text, quotes=quotes) not in haystack]
    position = 0
    for text in expected.in_order:
        needle = squeeze(text, quotes=quotes)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(needle)
    return missing


def paragraph_text(paragraph: etree._Element) -> str:
    """Return a Word paragraph's text: runs' text, tabs as '\t', breaks as '\n'."""
    parts: list[str] = []
    for element in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if element.getparent().tag != f"{_W}r":
            continue  # a w:tab inside w:tabs is a tab stop, not text
        if element.tag == f"{_W}t":
            parts.append(element.text or "")
        else:
            parts.append("\t" if element.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def footnote_texts(path: Path) -> list[str]:
    """Return the text of each footnote of a DOCX (not the separators), in the part's order."""
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = [note for note in root.iter(f"{_W}footnote") if note.get(f"{_W}type") in (None, "normal")]
    return ["\n".join(paragraph_text(p) for p in note.iter(f"{_W}p")) for note in notes]


def docx_text(path: Path) -> str:
    """Return the text of a DOCX's main document in reading order, a paragraph a line, then its footnotes."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join([*(paragraph_text(p) for p in root.iter(f"{_W}p")), *footnote_texts(path)])
