"""What a PDF's pages show, from word positions (``pdftotext -bbox-layout``), never from its text
stream: pdftotext's reading order splits justified lines and reverses Arabic, its positions do not.

Used to compare our PDF with the DOCX as LibreOffice renders it, page by page.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

# A section or paragraph label at the start of a line: "8", "8.10", "(a)".
LABEL = re.compile(r"^(?:\d+(?:\.\d+)?|\([a-z]+\))$")
# Lines whose top lies above this (pt) are the running head (2 cm margins, head at ~1.25 cm).
HEAD_ZONE = 50.0


@dataclass(frozen=True)
class Word:
    """One word as drawn: its text and box, in points from the top left of the page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Line:
    """Words drawn on one baseline (pdftotext's lines, merged when they share a baseline)."""

    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.y0 for w in self.words)

    def text(self, rtl: bool = False) -> str:
        """The line's words in reading order (right to left for Arabic)."""
        return " ".join(w.text for w in sorted(self.words, key=lambda w: -w.x0 if rtl else w.x0))

    def first_word(self, rtl: bool = False) -> str:
        ordered = sorted(self.words, key=lambda w: -w.x1 if rtl else w.x0)
        return ordered[0].text


@dataclass
class Page:
    """The lines of one page, top to bottom, and the page's size."""

    number: int
    width: float
    height: float
    lines: list[Line]

    def body(self) -> list[Line]:
        """The lines below the running head."""
        return [line for line in self.lines if line.top >= HEAD_ZONE]


def read_pages(pdf: Path) -> list[Page]:
    """Every page of a PDF with its words' positions, lines merged by baseline."""
    run = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120, check=True)
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", run.stdout).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    pages = []
    for number, page in enumerate(root.iter("page"), start=1):
        raw: list[list[Word]] = []
        for line in page.iter("line"):
            words = [Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
                     for w in line.iter("word")]
            if words:
                raw.append(words)
        # pdftotext cuts a justified line into pieces; pieces whose baselines meet are one line.
        merged: list[Line] = []
        for words in sorted(raw, key=lambda ws: (round(max(w.y1 for w in ws), 0), min(w.x0 for w in ws))):
            bottom = max(w.y1 for w in words)
            if merged and abs(max(w.y1 for w in merged[-1].words) - bottom) < 2.5:
                merged[-1].words.extend(words)
            else:
                merged.append(Line(list(words)))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), merged))
    return pages


def page_starts(pages: list[Page], rtl: bool = False) -> list[str]:
    """The paragraph each page after the first starts with: its label ('8.10'), or the last
    label seen before followed by ' cont.' when the page continues a paragraph."""
    starts = []
    last = ""
    for page in pages:
        body = page.body()
        if page.number > 1:
            first = body[0].first_word(rtl) if body else ""
            starts.append(first if LABEL.match(first) else f"{last} cont.")
        for line in body:
            word = line.first_word(rtl)
            if LABEL.match(word):
                last = word
    return starts
