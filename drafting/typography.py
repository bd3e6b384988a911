"""Typography of texts as typed: quotation marks, dashes and no-break joins, by language.

A secretary types straight quotes, hyphens and plain spaces; a published record has the
language's quotation marks, en dashes in ranges, and never breaks a line inside a document
symbol, a date or a number with its unit. ``typeset`` does both, once, on the record's model,
so that the DOCX and the HTML and PDF made from it carry the same text. Every rule reads its
marks from the language's table (``[typography]`` in ``drafting/language/<code>.toml``); the
source of each is in docs/languages.md.

The rules are idempotent (the importer reads a built DOCX back, and its texts go through here
again) and they never touch URLs, document symbols other than to join them, code spans or
code-like tokens. Only invisible or equivalent characters are added: no-break spaces (U+00A0)
and word joiners (U+2060, kept by Word, LibreOffice, pandoc and WeasyPrint; dropped by a PDF's
text extraction).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from drafting import language as lang

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
_SPACES = " \u00a0\u202f"
_SPACE_RUN = f"[{_SPACES}]+"

# Zones no rule may change: URLs and e-mail addresses, and code-like tokens (a '=', '_', '\', '{',
# '}', '<', '>' or '|' inside a word: a file name, a formula, a template field).
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>]*[^\s<>\"'“”«».,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CODE_LIKE = re.compile(r"\S*[=_\\{}<>|]\S*")
# A document symbol: 'CCPR/C/MRN/1', 'C20/17-E', 'VC/1(Rev.2)', 'A/HRC/RES/1/2', word joiners
# included (a symbol typeset already). Its separators get a word joiner after them.
_J = WORD_JOINER + "?"
SYMBOL = re.compile(
    rf"(?<![\w/])[A-Z][A-Z0-9]*(?:\.{_J}[A-Za-z0-9]+)*(?:/{_J}[A-Za-z0-9][A-Za-z0-9]*(?:\.{_J}[A-Za-z0-9]+)*"
    rf"(?:\({_J}[A-Za-z0-9]+(?:\.{_J}[A-Za-z0-9]+)*\))?)+(?:-{_J}[A-Z](?![\w]))?"
)
_SYMBOL_JOINS = re.compile(rf"[/.\-(](?!{WORD_JOINER})(?=[A-Za-z0-9(])")

Edit = tuple[int, int, str]  # replace text[start:end] with the string


@dataclass(frozen=True)
class Marks:
    """The typographic marks of one language, from its table."""

    code: str
    quotes: tuple[str, str]
    nested: tuple[str, str]
    apostrophe: str
    range_dash: str
    spaced_range: str
    dash: str
    no_break_before: str
    spaced_before: str
    spaced_after: str
    units: tuple[str, ...]
    currencies: tuple[str, ...]
    digit_groups: str
    identifiers: tuple[str, ...]


@lru_cache(maxsize=None)
def marks(language: str) -> Marks:
    """The marks of a language's table (a table without a key keeps what the author typed)."""
    table = lang.wording(language).typography
    quotes = table.get("quotes", ['"', '"'])
    nested = table.get("nested_quotes", ["'", "'"])
    return Marks(
        code=language, quotes=(quotes[0], quotes[1]), nested=(nested[0], nested[1]),
        apostrophe=table.get("apostrophe", "'"), range_dash=table.get("range_dash", "-"),
        spaced_range=table.get("spaced_range", " - "), dash=table.get("dash", " - "),
        no_break_before=table.get("no_break_before", ""), spaced_before=table.get("spaced_before", ""),
        spaced_after=table.get("spaced_after", ""), units=tuple(table.get("units", ())),
        currencies=tuple(table.get("currencies", ())), digit_groups=table.get("digit_groups", ""),
        identifiers=tuple(table.get("identifiers", ())),
    )


Rule = Callable[[str, Marks], list[Edit]]


# --------------------------------------------------------------------------- the entry point


def typeset(text: str, language: str, *, smart: bool = True) -> str:
    """Typeset one plain text (a title, a heading, a name)."""
    return typeset_pieces([text], language, smart=smart)[0]


def typeset_pieces(pieces: Sequence[str], language: str, *, smart: bool = True,
                   protected: Sequence[bool] = ()) -> list[str]:
    """Typeset consecutive runs of one paragraph (bold, links, plain) as one text.

    The rules see the whole paragraph, so that a quote before a bold word opens and one after
    it closes; each run keeps its own characters. ``protected`` runs (code spans) are left
    exactly as they are. With ``smart`` off, quotes and dashes stay as typed and only the
    invisible joins are added (no-break spaces in dates and units, word joiners in symbols).
    """
    current = list(pieces)
    locked = list(protected) + [False] * (len(pieces) - len(protected))
    language_marks = marks(language)
    joins: list[Rule] = [_identifier_joins, _digit_groups, _dates, _units, _currencies, _symbols, _range_joins, _dash_joins]
    for rule in [_quotes, _dashes, _french_spacing, *joins] if smart else joins:
        current = _apply(current, locked, rule, language_marks)
    return current


def _apply(pieces: list[str], locked: list[bool], rule: Rule, language_marks: Marks) -> list[str]:
    """Run a rule on the joined text and give each edit's characters to the run they fall in."""
    text = "".join(pieces)
    edits = rule(text, language_marks) if text else []
    if not edits:
        return pieces  # the common case: nothing to do, nothing to copy
    ends = list(accumulate(len(piece) for piece in pieces))  # where each run ends in ``text``
    zones = _frozen(text, [(end - len(piece), end) for piece, end, lock in zip(pieces, ends, locked) if lock])
    out: list[list[str]] = [[] for _ in pieces]

    def owner(index: int) -> int:
        return bisect_right(ends, index)

    def copy(start: int, stop: int) -> None:
        while start < stop:
            run = owner(start)
            cut = min(stop, ends[run])
            out[run].append(text[start:cut])
            start = cut

    position = 0
    for start, end, replacement in sorted(edits):
        if start < position or _blocked(zones, start, end, len(text)):
            continue
        copy(position, start)
        # The replacement goes to the run of its first character (an insertion: of the one before).
        out[owner(start) if start < end or start == 0 else owner(start - 1)].append(replacement)
        position = end
    copy(position, len(text))
    return ["".join(chars) for chars in out]


def _frozen(text: str, zones: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The zones no rule may change: locked runs, URLs, code-like words."""
    return zones + [match.span() for pattern in (_URL, _CODE_LIKE) for match in pattern.finditer(text)]


def _blocked(zones: list[tuple[int, int]], start: int, end: int, length: int) -> bool:
    """True when an edit touches a frozen zone (an insertion: when it falls inside one)."""
    if start < end:
        return any(a < end and start < b for a, b in zones)
    return 0 < start < length and any(a < start < b for a, b in zones)


# --------------------------------------------------------------------------- quotation marks

_OPENING_CONTEXT = set(_SPACES + "\t\n([{«“‘„‹—–-/" + "\u2060")


def _quotes(text: str, m: Marks) -> list[Edit]:
    """Straight quotes become the language's: doubles by depth (primary, then nested), singles
    as the nested marks when they pair, otherwise an apostrophe (l'Union, States' parties)."""
    if '"' not in text and "'" not in text:
        return []
    edits: list[Edit] = []
    doubles = 0  # open double quotes
    singles = 0  # open single quotes
    elided = {i for match in _ELISIONS.finditer(text) for i in (match.start(), match.end() - 1) if text[i] == "'"}
    for i, char in enumerate(text):
        if char not in "\"'":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isspace() and after.isspace():
            continue  # a quote standing alone is the character itself: 'the " sign'
        opening = before in _OPENING_CONTEXT or (before in "'’" and after.isalnum())
        if char == '"':
            closing = _ends(after) and not opening
            if not opening and not closing:
                opening = not doubles  # between two letters (Chinese has no spaces): pair them
            if opening:
                level = doubles
                doubles += 1
                edits.append((i, i + 1, (m.quotes if level % 2 == 0 else m.nested)[0]))
            else:
                doubles = max(doubles - 1, 0)
                edits.append((i, i + 1, (m.quotes if doubles % 2 == 0 else m.nested)[1]))
            continue
        if _ideograph(before) or _ideograph(after):
            # Chinese has no apostrophe and no spaces: single quotes pair, like double ones.
            edits.append((i, i + 1, m.nested[1] if singles else m.nested[0]))
            singles = 0 if singles else 1
        elif i in elided or (before.isalnum() and after.isalnum()) or (after.isdigit() and _year_elided(text, i, singles)):
            edits.append((i, i + 1, m.apostrophe))  # l'Union, don't, rock 'n' roll, the '90s
        elif singles and not after.isalnum() and not before.isspace():
            singles -= 1  # closes: 'x'" (before a closing double quote too)
            edits.append((i, i + 1, m.nested[1]))
        elif before.isalnum() and after == '"':
            edits.append((i, i + 1, m.apostrophe))  # l'"apologie"
        elif opening and (after.isalnum() or after in "\"“«"):
            singles += 1
            edits.append((i, i + 1, m.nested[0]))
        elif singles:
            singles -= 1
            edits.append((i, i + 1, m.nested[1]))
        else:
            edits.append((i, i + 1, m.apostrophe))  # States' parties, the 1990's
    return edits


# English words that begin with an apostrophe, where an opening quote would be wrong: rock 'n' roll
# (both marks are apostrophes), 'tis, 'twas. They turn up in English quotations in every language.
_ELISIONS = re.compile(r"(?<!\w)'(?:n'|n(?=\s)|tis|twas)(?!\w)", re.IGNORECASE)
# A single quote that could close a quotation: after a word or punctuation, before no letter.
_CLOSING_SINGLE = re.compile(r"(?<=[^\s'])'(?!\w)")
_OPENING_SINGLE = re.compile(r"(?<!\S)'(?=\w)")


def _year_elided(text: str, i: int, singles: int) -> bool:
    """True when a quote before figures is an apostrophe: the '90s, the summer of '68 (two figures);
    not the opening quote of '15 per cent' or '1503 procedure' (a closing quote follows first)."""
    figures = re.match(r"\d+", text[i + 1:])
    if figures is None or len(figures.group()) != 2:
        return False
    if text[i + 3: i + 4] == "s" or singles:
        return True  # the '90s; inside single quotes no other single quote opens
    closing = _CLOSING_SINGLE.search(text, i + 1)
    opening = _OPENING_SINGLE.search(text, i + 1)
    return closing is None or (opening is not None and opening.start() < closing.start())


def _ideograph(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _ends(char: str) -> bool:
    """True after a closing quote: a space, punctuation or the end of the text."""
    return char.isspace() or char == WORD_JOINER or unicodedata.category(char)[0] in "PSZ"


# --------------------------------------------------------------------------- dashes

# Word characters other than ideographs (Chinese puts 年 right after a range: 2022-2026年).
_LETTER = r"[^\W\u2e80-\u9fff]"


@lru_cache(maxsize=None)
def _number(language: str) -> str:
    """A whole number as the language writes it: '2 000 000' (fr, ru), '1.000' (es), '1,000' (en),
    '3.5', '10.2' (a paragraph), '10:00'; groups of three after a space only where the table's
    `digit_groups` has one, so that '2020 15' stays two numbers."""
    groups = marks(language).digit_groups
    plain = r"\d+(?:[.,:]\d+)*"
    if not groups.strip(".,"):
        return plain
    return rf"(?:\d{{1,3}}(?:[{re.escape(groups)}]\d{{3}})+(?!\d)(?:[.,]\d+)?|{plain})"


@lru_cache(maxsize=None)
def _range_pattern(language: str) -> re.Pattern[str]:
    """A hyphen between two whole numbers, neither part of a longer chain (1-2-3, 978-92-1-…)."""
    number = _number(language)
    return re.compile(rf"(?<!{_LETTER})(?<![\d.,:/\-\u2060])({number})-({number})(?!{_LETTER}|[/\-]|[.,:]?\d)")


_SPACED_HYPHEN = re.compile(rf"(?<=\S){_SPACE_RUN}-{_SPACE_RUN}(?=\S)")
# Standards and their parts keep their hyphen: ISO 3166-1, IEC 61000-4, GB/T 15834-2011. Named
# by their bodies: any capitals before a number would take 'CHF 1,000-2,000' for a standard.
_STANDARD = re.compile(r"\b(?:ISO|IEC|IEEE|EN|ETSI|ANSI|ASTM|BS|DIN|NF|UNE|GB|GOST|ГОСТ)(?:/[A-Z]+)?[ \u00a0]?\Z")


# Numbers that name rather than count: a telephone or fax number ('+41 22 730-5111',
# '(022) 730-5111', '022-730-5111', 'Tel. 730-5111'), an ISBN, a document number ('No. 123-456').
# A hyphen in them is not a range and a space in them not a thousands separator: no dash, no
# grouping; they are only kept on one line. What marks one: an international prefix, an area code
# in parentheses, a leading zero before two figures or more (a trunk prefix: no quantity is written
# '022'; '09-10 h' is a range), or a word before it (the table's `identifiers`).
_DIGITS = r"\(?\d+\)?\d*"  # 730, (022), (0)22
# After a space, a group of two figures or more: "n° 2024-118 du 3 mars" ends before the date.
_CHAIN = rf"\+?{_DIGITS}(?:[.\-/\u2060]+{_DIGITS}|[ \u00a0](?=\(?\d[\d)]){_DIGITS})*(?:-\u2060?[Xx](?!\w))?"
_IDENTIFIER_WORDS = ("ISBN", "ISSN")  # the same in every language


@lru_cache(maxsize=None)
def _identifier_pattern(language: str) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted({*_IDENTIFIER_WORDS, *marks(language).identifiers}, key=len, reverse=True))
    starts = [
        r"(?<![\w+])(?=\+\d{1,3}[ \u00a0(])",  # +41 22 730-5111
        r"(?<![\w.,])(?=\(\d{2,5}\)[ \u00a0]?\d+[.\-]\u2060?\d)",  # (022) 730-5111
        r"(?<![\w.,:\-/])(?<!\d[ \u00a0\u202f])(?=0\d{2,}[ \u00a0.\-/]\u2060?\d)",  # 022-730-5111 (not 1 000, 09-10 h, 10:00)
        rf"(?<!{_LETTER})(?<!№)(?i:{words})(?!\w)[.:]*[ \u00a0]*",  # Tel. 730-5111, ISBN 92-1-100813-7 (№№ 3-5 is a range)
    ]
    return re.compile(rf"(?:{'|'.join(starts)})(?P<number>{_CHAIN})")


def _identifiers(text: str, m: Marks) -> list[tuple[int, int]]:
    """Where the numbers that name are (their digits, not the word before them)."""
    if not any(c.isdigit() for c in text):
        return []
    return [match.span("number") for match in _identifier_pattern(m.code).finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _identifier_joins(text: str, m: Marks) -> list[Edit]:
    """A telephone number or an ISBN on one line, with the word before it ('No. 123-456'):
    no-break spaces, a word joiner after '-' and '/'."""
    edits: list[Edit] = []
    if not any(c.isdigit() for c in text):
        return edits
    for match in _identifier_pattern(m.code).finditer(text):
        for i in range(*match.span()):
            if text[i] == " ":
                edits.append((i, i + 1, NBSP))
            elif text[i] in "-/" and text[i + 1: i + 2] != WORD_JOINER:
                edits.append((i + 1, i + 1, WORD_JOINER))
    return edits


def _dashes(text: str, m: Marks) -> list[Edit]:
    """A hyphen between two numbers (1-4 March, 2022-2026) becomes the range dash; one typed
    with spaces becomes the spaced range dash between dates or numbers (23 February - 5 March)
    and the language's dash between words."""
    edits: list[Edit] = []
    if "-" not in text:
        return edits
    named = _identifiers(text, m)
    for match in _range_pattern(m.code).finditer(text):
        if not _STANDARD.search(text, 0, match.start()) and not _inside(named, match.start(), match.end()):
            edits.append((match.end(1), match.end(1) + 1, m.range_dash))
    months = _month_words(m.code)
    for match in _SPACED_HYPHEN.finditer(text):
        left = text[: match.start()]
        numeric = text[match.end()].isdigit() and (left[-1:].isdigit() or any(left.endswith(w) for w in months))
        edits.append((match.start(), match.end(), m.spaced_range if numeric else m.dash))
    return edits


def _dash_joins(text: str, m: Marks) -> list[Edit]:
    """The language's spaced dashes never start a line: the space before them is a no-break one
    (also when a PDF's extracted text gave it back as a plain space)."""
    edits: list[Edit] = []
    for dash in {m.dash, m.spaced_range}:
        if dash.startswith(NBSP) and dash.strip():
            for match in re.finditer(rf"(?<=\S) +(?={re.escape(dash.strip())} )", text):
                edits.append((match.start(), match.end(), NBSP))
    return edits


def _range_joins(text: str, m: Marks) -> list[Edit]:
    """A word joiner after the range dash between two numbers: '1–4' never breaks after '–'; and
    before it when the dash allows a break before it too (UAX #14 class B2: the em dash of Chinese
    ranges, '2022—2026')."""
    if not m.range_dash.strip() or m.range_dash == "-":
        return []
    dash = m.range_dash.strip()
    edits: list[Edit] = []
    for match in re.finditer(rf"(?<=\d)({WORD_JOINER}?){re.escape(dash)}({WORD_JOINER}?)(?=\d)", text):
        if not match.group(1) and dash[0] == "\u2014":
            edits.append((match.start(), match.start(), WORD_JOINER))
        if not match.group(2):
            edits.append((match.end(), match.end(), WORD_JOINER))
    return edits


# --------------------------------------------------------------------------- French spacing


def _french_spacing(text: str, m: Marks) -> list[Edit]:
    """A no-break space before the high marks and inside guillemets (Imprimerie nationale):
    a typed space before ':' ';' '!' '?' becomes one; '»' always gets one, '«' always one after."""
    edits: list[Edit] = []
    for mark in m.no_break_before:
        for match in re.finditer(rf"{_SPACE_RUN}(?={re.escape(mark)})", text):
            if match.group() != NBSP:
                edits.append((match.start(), match.end(), NBSP))
    for mark in m.spaced_before:
        for match in re.finditer(rf"(?<=[^{_SPACES}])(?={re.escape(mark)})", text):
            if match.start():
                edits.append((match.start(), match.start(), NBSP))
    for mark in m.spaced_after:
        for match in re.finditer(rf"(?<={re.escape(mark)})([{_SPACES}]*)", text):
            if match.group() != NBSP and match.end() < len(text) and not text[match.end()].isspace():
                edits.append((match.start(), match.end(), NBSP))
            elif match.group() not in ("", NBSP):
                edits.append((match.start(), match.end(), NBSP))
    return edits


# --------------------------------------------------------------------------- no-break joins


@lru_cache(maxsize=None)
def _date_shapes(language: str) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """A pattern of the language's long dates, whole or partial ('9 June', 'June 2020'), made from
    the very dates the record prints (Babel and the table), and the month words."""
    pieces = []
    months: list[str] = []
    for month in range(1, 13):
        written = lang.format_long_date(f"2000-{month:02d}-15", language)
        if "15" not in written or "2000" not in written or written.index("15") > written.index("2000"):
            continue  # a date without spaces (Chinese), or year first: nothing to join
        middle = written[written.index("15") + 2: written.index("2000")]
        suffix = written[written.index("2000") + 4:]
        words = middle.split()
        if not words:
            continue
        month_words = " ".join(w for w in words if w not in ("de", "del")) or words[0]
        months.append(month_words)
        lead = words[: words.index(month_words.split()[0])] if month_words.split()[0] in words else []
        trail = words[len(lead) + len(month_words.split()):]
        gap = _SPACE_RUN

        def seq(tokens: list[str]) -> str:
            return gap.join(re.escape(t).replace("/", "/\u2060?") for t in tokens)

        day = r"(?<![\w.])\d{1,2}(?:er|\.)?" + gap
        year = seq(trail) + (gap if trail else "") + r"\d{4}(?!\d)" + (gap + seq(suffix.split()) if suffix.strip() else "")
        month_part = seq([*lead, *month_words.split()])
        pieces.append(f"{day}{month_part}(?:{gap}{year})?")
        pieces.append(f"(?<!\\w){seq(month_words.split())}{gap}{year}")
    if not pieces:
        return None, ()
    return re.compile("|".join(f"(?:{p})" for p in pieces)), tuple(months)


def _month_words(language: str) -> tuple[str, ...]:
    return _date_shapes(language)[1]


def _joined(match: re.Match[str]) -> list[Edit]:
    """Edits making a matched span unbreakable: no-break spaces, a word joiner after a slash."""
    edits: list[Edit] = []
    for i in range(match.start(), match.end()):
        char = match.string[i]
        if char in " \u202f":
            edits.append((i, i + 1, NBSP))
        elif char == "/" and match.string[i + 1: i + 2] != WORD_JOINER and i + 1 < match.end():
            edits.append((i + 1, i + 1, WORD_JOINER))
    return edits


def _digit_groups(text: str, m: Marks) -> list[Edit]:
    """'1 000 000' (a language that groups digits with spaces) on one line: no-break spaces."""
    if " " not in m.digit_groups or " " not in text:
        return []
    edits: list[Edit] = []
    named = _identifiers(text, m)
    for number in re.finditer(rf"(?<![\d.,]){_number(m.code)}", text):
        if not _inside(named, *number.span()):
            edits += [(number.start() + i, number.start() + i + 1, NBSP) for i, char in enumerate(number.group()) if char == " "]
    return edits


def _dates(text: str, m: Marks) -> list[Edit]:
    """'16 June 2020', '16 de junio de 2020', '16 июня 2020 года', '9 June', 'June 2020' on one line."""
    return _join_all(_date_shapes(m.code)[0], text)


_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d+)*"


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", _SPACE_RUN) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _unit_pattern(language: str) -> re.Pattern[str] | None:
    units = marks(language).units
    return re.compile(rf"(?<!{_LETTER})(?<![.,]){_NUMBER}{_SPACE_RUN}(?:{_alternatives(units)})(?!\w)") if units else None


@lru_cache(maxsize=None)
def _currency_pattern(language: str) -> re.Pattern[str] | None:
    currencies = marks(language).currencies
    return re.compile(rf"(?<!\w)(?:{_alternatives(currencies)}){_SPACE_RUN}{_NUMBER}(?!\d)") if currencies else None


def _units(text: str, m: Marks) -> list[Edit]:
    """'15 per cent', '8.5 km', '2 million' on one line."""
    return _join_all(_unit_pattern(m.code), text)


def _currencies(text: str, m: Marks) -> list[Edit]:
    """'CHF 2', 'US$ 15' on one line."""
    return _join_all(_currency_pattern(m.code), text)


def _join_all(pattern: re.Pattern[str] | None, text: str) -> list[Edit]:
    if pattern is None or not any(c.isdigit() for c in text):
        return []
    return [edit for match in pattern.finditer(text) for edit in _joined(match)]


def _symbols(text: str, m: Marks) -> list[Edit]:
    """A word joiner after each '/', '.', '-' and before '(' inside a document symbol."""
    if "/" not in text:
        return []
    edits = []
    for match in SYMBOL.finditer(text):
        symbol = match.group()
        for join in _SYMBOL_JOINS.finditer(symbol):
            at = match.start() + join.start() + (0 if join.group() == "(" else 1)
            edits.append((at, at, WORD_JOINER))
    return edits


def invisible(text: str) -> str:
    """Remove what typesetting adds that a reader cannot see (word joiners)."""
    return text.replace(WORD_JOINER, "")


def joined_symbols(texts: Iterable[str]) -> list[str]:
    """The document symbols of texts, without their word joiners."""
    return [invisible(match.group()) for text in texts for match in SYMBOL.finditer(text)]
