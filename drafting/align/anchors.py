"""Anchors: what a paragraph carries that survives translation — document symbols, years, figures.

The words of two language versions differ; their document symbols (C20/24), years (2021),
decimal numbers (10.8) and figures (3,412) do not, once digits of any script are read as ASCII
and each language's separators are understood. Small whole numbers are kept only as weak
evidence for the alignment: days and counts are written in words in some languages, and a
Chinese date carries its month as a number where English names it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from drafting.lint import tokens

# Languages that write the decimal separator as a comma (and group thousands with spaces).
_DECIMAL_COMMA = {"fr", "es", "ru", "ar", "de", "it", "pt"}
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CHINESE_YEAR = re.compile("[〇零一二三四五六七八九]{4}(?=年)")
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+>?")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# A run of digits with the separators any of the six languages puts inside a number.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+(?:[.,\u066b]\d+)?"  # 3 412 / 1 200,5
    r"|\d+(?:[.,\u066b\u066c']\d+)*)"  # 3,412 / 10.8 / ٣٫٥ / 2019
)
# Clock times: 12:00, 12 h 30, 10.00 horas, 1200 hours; they are written differently in every language.
_CLOCK = re.compile(r"\d{1,2}[:h]\s?\d{2}\b|\b\d{1,2}\.\d{2}(?=\s*(?:horas|h\b|heures|ч))|\b(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:hours|hrs|h\b))")
_CLOCK_RANGE = re.compile(r"\b((?:[01]\d|2[0-3])[0-5]\d)\s*(?:to|-|–|and)\s*(?:[01]\d|2[0-3])[0-5]\d\s*(?:hours|hrs)")


@dataclass(frozen=True)
class Anchor:
    """A normalised token: ``kind`` is symbol, year, decimal, figure or small."""

    kind: str
    value: str

    def __str__(self) -> str:
        return self.value

    @property
    def strong(self) -> bool:
        """Anchors whose absence from a translation is reported; small numbers only guide the alignment."""
        return self.kind != "small"


def ascii_digits(text: str) -> str:
    """Read digits of any script (Arabic-Indic, full-width, Devanagari …) and Chinese year numerals as ASCII."""
    text = _CHINESE_YEAR.sub(lambda m: "".join(_CHINESE_DIGITS[c] for c in m.group()), text)
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isdigit() and not char.isascii():
            try:
                out.append(str(unicodedata.digit(char)))
                continue
            except ValueError:
                pass
        out.append(char)
    return "".join(out)


def _symbol_key(symbol: str) -> str:
    # VC/15-E and VC/15-C are the same document in two languages.
    return re.sub(r"-[ACEFRS]$", "", symbol.rstrip(".")).replace(" ", "")


def _read_number(raw: str, language: str | None) -> tuple[str, str]:
    """Interpret a digit run with separators: its kind and a language-independent value."""
    comma_decimal = (language or "").split("-")[0] in _DECIMAL_COMMA
    value = raw.replace("\u066c", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "").replace("'", "")
    value = value.replace("\u066b", ".")
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", value):
        value = value.replace(" ", "")
    value = value.replace(" ", "")
    if "," in value:
        if comma_decimal and re.fullmatch(r"\d+,\d+", value):
            value = value.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", value):
            value = value.replace(",", "")
        else:
            return "small", value  # a list "1,2" or something unclear: weak evidence only
    if comma_decimal and re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", value):
        value = value.replace(".", "")  # 1.200.000 written with dots for thousands
    if "." in value:
        return "decimal", value
    number = int(value)
    if len(value) == 4 and 1800 <= number <= 2199:
        return "year", value
    if number >= 32:
        return "figure", value
    return "small", value


def extract(text: str, language: str | None = None, skip: list[tuple[int, int]] | None = None) -> Counter[Anchor]:
    """Every anchor of a text, counted; ``skip`` spans (cross-references) are left out."""
    text = _BIDI.sub("", ascii_digits(text))
    if skip:
        chars = list(text)
        for start, end in skip:
            for i in range(max(0, start), min(len(chars), end)):
                chars[i] = " "
        text = "".join(chars)
    text = _URL.sub(" ", text)
    found: Counter[Anchor] = Counter()
    for symbol in tokens.document_symbols(text):
        found[Anchor("symbol", _symbol_key(symbol))] += 1
    text = re.sub(r"[A-Z][A-Z0-9]*(?:/[A-Za-z0-9][A-Za-z0-9.]*(?:\([A-Za-z0-9.]+\))?)+(?:-[ACEFRS])?", " ", text)
    text = _CLOCK_RANGE.sub(" ", text)
    text = _CLOCK.sub(" ", text)
    for match in _NUMBER.finditer(text):
        kind, value = _read_number(match.group().rstrip(".,"), language)
        found[Anchor(kind, value)] += 1
    return found
