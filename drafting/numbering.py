"""The numbering engine: the one place that decides every heading and paragraph number.

The build prints these numbers, the lint compares written numbers against them and the
renumberer writes them back, so all three agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Sequence


class Style(str, Enum):
    """The two style families of official records."""

    ITU = "itu"  # sections numbered after agenda rows, paragraphs n.m
    UN = "un"  # headings unnumbered, paragraphs 1, 2, 3 ... straight through


@dataclass(frozen=True)
class Outline:
    """The shape of a document that numbering depends on: per section, which paragraphs are numbered."""

    style: Style
    sections: tuple[tuple[bool, ...], ...]

    @classmethod
    def of(cls, style: Style | str, sections: Sequence[Sequence[bool]]) -> "Outline":
        """Build an outline from any nested sequences of 'numbered' flags."""
        return cls(Style(style), tuple(tuple(bool(f) for f in s) for s in sections))


@dataclass(frozen=True)
class Numbering:
    """Computed labels: one per section heading, one per paragraph (None when unnumbered)."""

    sections: tuple[str | None, ...]
    paragraphs: tuple[tuple[str | None, ...], ...]

    def label(self, section: int, paragraph: int) -> str | None:
        """Return the number of paragraph ``paragraph`` of section ``section`` (0-based)."""
        return self.paragraphs[section][paragraph]


def number_outline(outline: Outline) -> Numbering:
    """Compute every section and paragraph number of an outline."""
    section_labels: list[str | None] = []
    paragraph_labels: list[tuple[str | None, ...]] = []
    running = 0
    for index, flags in enumerate(outline.sections, start=1):
        labels: list[str | None] = []
        if outline.style is Style.ITU:
            section_labels.append(str(index))
            k = 0
            for numbered in flags:
                if numbered:
                    k += 1
                    labels.append(f"{index}.{k}")
                else:
                    labels.append(None)
        else:
            section_labels.append(None)
            for numbered in flags:
                if numbered:
                    running += 1
                    labels.append(str(running))
                else:
                    labels.append(None)
        paragraph_labels.append(tuple(labels))
    return Numbering(tuple(section_labels), tuple(paragraph_labels))


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(value: int) -> str:
    """Return a lower-case Roman numeral (1 -> 'i')."""
    out = ""
    for amount, letters in _ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def letter(value: int) -> str:
    """Return the subparagraph letter of a 1-based index: a … z, then aa, bb …."""
    base = chr(ord("a") + (value - 1) % 26)
    return base * ((value - 1) // 26 + 1)


def subparagraph_label(depth: int, index: int, language: str = "en") -> str:
    """Label subparagraph ``index`` (1-based) at ``depth`` 0 as (a) … and depth 1 as (i) …."""
    from drafting.language import subparagraph_label as written

    token = letter(index) if depth % 2 == 0 else roman(index)
    # "(a)" or "a)": the language's table decides (French, Spanish, Russian write "a)").
    return written(token, language)
