"""Anchors: what a paragraph carries that survives translation — document symbols, years, numbers.

The words of two language versions differ; their document symbols (C20/24), years (2021) and
numbers (10.8, 3,412) do not, once digits of any script are read as ASCII. Separators do
differ — 3,412 / 3 412 / 3.412 / ٣٬٤١٢ are one figure and 18.5 / 18,5 / ١٨٫٥ one decimal — so a
number is compared by its digits alone, and shown as written. Small whole numbers only guide
the alignment: days and counts are written in words in some languages, and a Chinese date
carries its month as a number where English names it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field


_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CHINESE_YEAR = re.compile("[〇零一二三四五六七八九]{4}(?=年)")
# Ordinals written in Chinese numerals: 第四十一条 (article 41), 第十四段, 第一百二十次会议.
_CHINESE_ORDINAL = re.compile("(?<=第)[〇零一二三四五六七八九十百千]+(?=[条款段项次届章节])")
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(numeral: str) -> int:
    """The value of a Chinese numeral such as 四十一 (41), 十四 (14) or 一百零二 (102)."""
    total = digit = 0
    for char in numeral:
        if char in _CHINESE_UNITS:
            total += (digit or 1) * _CHINESE_UNITS[char]
            digit = 0
        else:
            digit = int(_CHINESE_DIGITS[char])
    return total + digit


def _chinese_ordinal(match: re.Match[str]) -> str:
    # Same length as the numeral, so that the spans of the text stay valid; a value with more
    # digits than the numeral has characters (十 = 10) stays as written.
    digits = str(chinese_number(match.group()))
    return digits.ljust(len(match.group())) if len(digits) <= len(match.group()) else match.group()
# Document symbols are Latin in every language version; Cyrillic and full-width capitals that look
# the same are read as Latin so that the symbol is found, and reported as typed with look-alikes.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУ\uff0f", "ABEKMHOPCTXY/") | {0xFF21 + i: ord("A") + i for i in range(26)}
# The symbols of tokens.document_symbols, with their spans.
_SYMBOL = re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Za-z0-9][A-Za-z0-9.]*(?:\([A-Za-z0-9.]+\))?)+(?:-[ACEFRS])?")
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+>?")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2060]")  # and word joiners
# A run of digits with the separators any of the six languages puts inside a number.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+(?:[.,\u066b]\d+)?"  # 3 412 / 1 200,5
    r"|\d+(?:[.,\u066b\u066c']\d+)*)"  # 3,412 / 10.8 / ٣٫٥ / 2019
)
# Clock times: 12:00, 12 h 30, 10.00 horas, 1200 hours; they are written differently in every language.
_CLOCK = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d|\s?h\s?[0-5]\d|\.(?:00|15|30|45))\b"  # 12:00, 12 h 30, 12h00, las 12.00 horas
    r"|\b(?:[01]?\d|2[0-3])\.[0-5]\d(?=\s*(?:horas|hours|heures|h\b|час|ч\.))"  # 10.20 horas
    r"|\b(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:hours|hrs|h\b))"  # 1500 hours
)
_CLOCK_RANGE = re.compile(r"\b((?:[01]\d|2[0-3])[0-5]\d)\s*(?:to|-|–|and)\s*(?:[01]\d|2[0-3])[0-5]\d\s*(?:hours|hrs)")


@dataclass(frozen=True)
class Anchor:
    """A token compared across languages: ``kind`` is symbol, year, number or small; ``key`` what is compared."""

    kind: str
    key: str
    shown: str = field(default="", compare=False)  # as written (digits in ASCII), for messages
    lookalike: bool = field(default=False, compare=False)  # a symbol typed with Cyrillic or full-width letters

    def __str__(self) -> str:
        return self.shown or self.key

    @property
    def strong(self) -> bool:
        """Anchors whose absence from a translation is reported; small numbers only guide the alignment."""
        return self.kind != "small"


def ascii_digits(text: str) -> str:
    """Read digits of any script (Arabic-Indic, full-width, Devanagari …), Chinese year numerals and ordinals as ASCII."""
    text = _CHINESE_YEAR.sub(lambda m: "".join(_CHINESE_DIGITS[c] for c in m.group()), text)
    text = _CHINESE_ORDINAL.sub(_chinese_ordinal, text)
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


def _number(raw: str) -> Anchor:
    """A digit run with separators, keyed by its digits so that every language's way of writing it agrees."""
    key = re.sub(r"\D", "", raw).lstrip("0") or "0"
    if raw.isdigit():
        if len(raw) == 4 and 1800 <= int(key) <= 2199:
            return Anchor("year", key, raw)
        if int(key) < 32:
            return Anchor("small", key, raw)
    return Anchor("number", key, raw)


def extract(text: str, skip: list[tuple[int, int]] | None = None) -> Counter[Anchor]:
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
    latin = text.translate(_LOOKALIKES)  # one character for one: spans stay valid
    for match in _SYMBOL.finditer(latin):
        written = text[match.start():match.end()].rstrip(".")
        symbol = match.group().rstrip(".")
        found[Anchor("symbol", _symbol_key(symbol), written, lookalike=written != symbol)] += 1
    text = _SYMBOL.sub(" ", latin)
    text = _CLOCK_RANGE.sub(" ", text)
    text = _CLOCK.sub(" ", text)
    for match in _NUMBER.finditer(text):
        found[_number(match.group().rstrip(".,"))] += 1
    return found
