"""The written forms the lint recognises: paragraph numbers, textual references, symbols, languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.numbering import Style

# Characters a typist or a converter puts where a digit, a dot or nothing belongs.
_FULLWIDTH = {chr(0xFF10 + d): str(d) for d in range(10)}
# Arabic-Indic and Eastern Arabic-Indic digits and the Arabic decimal separator are how Arabic
# texts may legitimately write numbers: read as digits, not reported as confusions.
_NATIVE = {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}, "\u066b": "."}
_LETTERS = {"l": "1", "I": "1", "O": "0", "o": "0"}
_SPACES = "\u00a0\u202f\u2007"
_DOTS = {"\uff0e": ".", "\u3002": "."}
# Directional marks a right-to-left text puts around numbers, and word joiners (typography keeps
# symbols and ranges on one line with them): invisible, never part of the number.
BIDI = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2060"
_BIDI_RUN = f"[{BIDI}]*"
_BIDI_CHARS = re.compile(f"[{BIDI}]")
WORD_JOINER = "\u2060"


# A line ending a sentence is a paragraph, not a UN heading (headings carry no final stop).
SENTENCE_END = re.compile(r"[.。:;؛!?؟][)\]）」”’»\"']*\s*$")  # a stop, maybe inside brackets or quotes: '(… annexed.)'


def invisible(text: str) -> str:
    """A text without the word joiners typesetting puts in symbols and ranges, as a reader sees it.

    The readers' copy of drafting.typography.invisible (the lint, the importer): importing the
    typography would cost the lint's start-up 36 ms."""
    return text.replace(WORD_JOINER, "")

_DIGIT = "[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9lIOo]"
_DOT = "[.\uff0e\u066b]"
_NBSP = f"[{_SPACES}]?"
# core: n or n.m (the part the renumberer rewrites); then an optional trailing dot and the separator:
# a tab, spaces, or the " - " of UN Arabic numbering ("1 - ").
NUMBER = re.compile(
    rf"{_BIDI_RUN}(?P<core>{_DIGIT}+(?:{_NBSP}{_DOT}{_NBSP}{_DIGIT}+)?){_BIDI_RUN}(?P<dot>{_DOT})?{_BIDI_RUN}"
    rf"(?P<sep>[ \u00a0\t]*[-\u2013][ \u00a0\t]+|\t[ \t]*|[ \u00a0\u3000]+){_BIDI_RUN}"
)
_REAL_DIGIT = re.compile("[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]")
# Spaces that stand for a tab in text copied from a layout (pdftotext -layout, a browser).
_WIDE_GAP = re.compile(r"(?: {2,}|\u3000)")

# After a number, these words make it a time or a date rather than a paragraph number (an Arabic month as a
# whole word: 'آب' is August, 'آبَّ' and 'آباء' are not).
_NOT_A_PARAGRAPH = re.compile(
    r"(?:a\.\s?m\.|p\.\s?m\.|(?:am|pm|h|hrs?|hours?|heures?|horas?|Uhr|час[а-я]*)\b|ч\.|"
    r"(?:يناير|فبراير|مارس|أبريل|مايو|يونيه|يونيو|يوليه|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين)(?![\u0621-\u065f\u0670-\u06d3])|"
    r"(?:de\s+|d['’]\s*)?(?:jan|feb|febr|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|janv|févr|avr|mai|juin|juil|août|déc|ene|abr|ago|dic|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"janvier|février|mars|avril|juillet|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\.?\s+(?:de\s+|del\s+)?\d|"
    # A range whose first day ends a line: "du 17 | au 27 novembre", "23 février | au 5 mars" (a
    # no-break space keeps a date whole, so the line break falls before or after it).
    r"(?:au|al|to|a|по|до)\s+\d|"
    r"(?:janvier|février|mars|avril|juillet|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre|января|февраля|марта|апреля|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"january|february|april|june|july|august|september|october|november|december)\s+(?:au|al|to|a|по|до|[-–—])\s)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberToken:
    """A number written at the start of a line or paragraph."""

    start: int  # offset of the core in the string it was found in
    end: int
    core: str  # as written, e.g. '１０.８'
    value: str  # normalised, e.g. '10.8'
    trailing_dot: bool
    separator: str
    confusions: tuple[str, ...]  # what had to be normalised: 'full-width digits', …

    @property
    def dotted(self) -> bool:
        """True for n.m numbers (ITU paragraphs)."""
        return "." in self.value


_ASCII_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*\.?")


def normalise(core: str) -> tuple[str, tuple[str, ...]]:
    """Map a written number to ASCII and say which confusable characters it held."""
    if _ASCII_NUMBER.fullmatch(core):
        return core, ()  # the common case, without a look at each character
    out = []
    found: list[str] = []
    for char in core:
        if char in _FULLWIDTH:
            out.append(_FULLWIDTH[char])
            found.append("full-width digits")
        elif char in _NATIVE:
            out.append(_NATIVE[char])
        elif char in _LETTERS:
            out.append(_LETTERS[char])
            found.append(f"the letter {char} for the digit {_LETTERS[char]}")
        elif char in _SPACES:
            found.append("a no-break space inside the number")
        elif char in _DOTS:
            out.append(".")
            found.append("a full-width dot")
        else:
            out.append(char)
    return "".join(out), tuple(dict.fromkeys(found))


def written_like(number: str, core: str) -> str:
    """Write an ASCII number in the digit system of ``core`` (Arabic-Indic stays Arabic-Indic)."""
    if any("\u0660" <= c <= "\u0669" for c in core):
        base = 0x0660
    elif any("\u06f0" <= c <= "\u06f9" for c in core):
        base = 0x06F0
    else:
        return number
    dot = "\u066b" if "\u066b" in core else "."
    return "".join(chr(base + int(c)) if c.isdigit() else dot if c == "." else c for c in number)


def strip_bidi(text: str) -> str:
    """Remove the invisible directional marks of right-to-left texts."""
    return _BIDI_CHARS.sub("", text)


def number_at(text: str, start: int = 0, *, loose: bool = False) -> NumberToken | None:
    """Read a paragraph or heading number at ``text[start:]``, or None if what is there is not one.

    A tab, two or more spaces (a tab as copied from a layout) or the Arabic " - " always separate
    a number from its text; one space does only for n.m and n. forms (or anywhere with ``loose``,
    e.g. Markdown headings), so "16 June 2020" is not paragraph 16.
    """
    match = NUMBER.match(text, start)
    if not match:
        return None
    core = match.group("core")
    if not _REAL_DIGIT.search(core) or core[0] in "oO":
        return None
    value, confusions = normalise(core)
    rest = text[match.end():]
    if not rest.strip():
        return None  # a lone number: a page number or an agenda row number
    sep = match.group("sep")
    dot = bool(match.group("dot"))
    dotted = "." in value
    dash = "-" in sep or "\u2013" in sep
    if dash and "\t" not in sep and rest.lstrip()[:1].isdigit():
        return None  # "10 - 12 March": a range, not a number and its text (a label is followed by a tab)
    wide = "\t" in sep or dash or bool(_WIDE_GAP.search(sep))
    if not (wide or dotted or dot or loose):
        return None
    if _NOT_A_PARAGRAPH.match(rest.lstrip()):
        return None
    if rest[:1] in "/-–:" or rest.lstrip()[:1] in ("%", "/"):
        return None
    head, _, tail = value.partition(".")
    if not head or (dotted and not tail) or int(head) == 0 or (not dotted and int(head) > 999):
        return None  # years and other large figures are not paragraph numbers
    if dotted and int(tail) == 0:
        return None
    return NumberToken(match.start("core"), match.end("core"), core, value, dot, sep, confusions)


def lone_number(text: str) -> str | None:
    """The normalised number when a line holds nothing else ('1.1', '12.', '١٢'), else None."""
    stripped = strip_bidi(text).strip()
    match = _LONE.fullmatch(stripped)
    if not match:
        return None
    value, _ = normalise(match.group(1))
    if not value[:1].isdigit() or value.endswith(".") or ("." not in value and int(value) > 999):
        return None
    return value


_LONE = re.compile(rf"({_DIGIT}+(?:{_DOT}{_DIGIT}+)?){_DOT}?(?:\s*[-\u2013])?")


def detect_style(found: list[NumberToken]) -> Style:
    """ITU if n.m numbers make up a good share of the numbers found, UN otherwise."""
    dotted = sum(1 for t in found if t.dotted)
    return Style.ITU if dotted and dotted >= 0.3 * len(found) else Style.UN


# "paragraph 8.8", "paras. 8.8 and 8.9", "第8.8段", "paragraphe 12", "párrafo 12", "пункт 12", "الفقرة 12".
_REF_DIGIT = "[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]"
_REF_NUM = rf"{_REF_DIGIT}+(?:[.\uff0e\u066b]{_REF_DIGIT}+)?"
_LIST_SEP = rf"[{BIDI}]*\s*(?:,|and|or|to|et|ou|à|y|e|o|a|и|или|до|–|-|و|أو|إلى|、|，)\s*[{BIDI}]*"
REFERENCE = re.compile(
    # The leading character class lets the regex engine skip quickly to candidate positions.
    rf"(?=[pPпП\u0627\u0641第])(?:(?P<kw>\b(?:paragraphs?|paras?\.|paragraphes?|par\.|p[áa]rrafos?|p[áa]rr\.|пункт[а-я]*|пп?\.)"
    rf"|الفقرات|الفقرت(?:ين|ان)|الفقرة|فقرة|فقرات)"
    rf"\s*[{BIDI}]*(?P<nums>{_REF_NUM}(?:{_LIST_SEP}{_REF_NUM})*)"
    rf"|第\s*(?P<zh>{_REF_NUM}(?:\s*(?:、|和|及|至|到|-|–|，|,)\s*(?:第\s*)?{_REF_NUM})*)\s*段)",
    re.IGNORECASE,
)
_ONE_NUM = re.compile(_REF_NUM)
# "paragraph 3 of resolution 60/251", "article 40, paragraph 4": another text's paragraph, not ours.
_EXTERNAL_AFTER = re.compile(r"\s+(?:of|de|del|du|des|de la|из|من)\b", re.IGNORECASE)
_EXTERNAL_BEFORE = re.compile(r"(?:article|rule|resolution|decision|annex|règle|artículo|статья|статьи|第[^段]{0,8}条)[^.;。]{0,25}$", re.IGNORECASE)


_EXTERNAL_HINT = re.compile(r"arti|rule|resol|decis|annex|règle|стат|条")
_REFERENCE_HINT = re.compile(r"(?i)p[aá]r|пункт|пп?\.|فقر|段")


@dataclass(frozen=True)
class Reference:
    """A textual reference to a paragraph number inside a text."""

    start: int  # offset of the number in the text
    end: int
    number: str  # normalised, e.g. '5' for '٥'
    core: str = ""  # as written


def find_references(text: str) -> list[Reference]:
    """Return every paragraph number referred to in words ('paragraph 8.8', '第8.8段')."""
    refs: list[Reference] = []
    if not _REFERENCE_HINT.search(text):
        return refs  # most paragraphs refer to none: a cheap test first
    for match in REFERENCE.finditer(text):
        group = "zh" if match.group("zh") else "nums"
        if group == "nums":
            window = text[max(0, match.start() - 40) : match.start()].lower()
            if _EXTERNAL_AFTER.match(text, match.end()) or (_EXTERNAL_HINT.search(window) and _EXTERNAL_BEFORE.search(window)):
                continue
        base = match.start(group)
        for num in _ONE_NUM.finditer(match.group(group)):
            refs.append(Reference(base + num.start(), base + num.end(), normalise(num.group())[0], num.group()))
    return refs


SYMBOL = re.compile(r"\b([A-Z][A-Z0-9]*(?:/[A-Z0-9][A-Za-z0-9.()]*)+)-([ACEFRS])\b")
LETTER_LANGUAGE = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}
LANGUAGE_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}

_STOPWORDS = {
    "en": re.compile(r"\b(?:the|of|and|that|was|had|said)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:le|la|les|des|et|que|dans|du)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:el|los|las|del|y|que|en|una)\b", re.IGNORECASE),
}


def detect_language(text: str) -> str | None:
    """Guess which of the six official languages a text is in, or None if it is too short to tell."""
    sample = text[:20000]
    counts = {
        "zh": len(re.findall("[\u4e00-\u9fff]", sample)),
        "ar": len(re.findall("[\u0600-\u06ff]", sample)),
        "ru": len(re.findall("[\u0400-\u04ff]", sample)),
        "latin": len(re.findall("[A-Za-z\u00c0-\u024f]", sample)),
    }
    if sum(counts.values()) < 200:
        return None
    best = max(counts, key=lambda k: counts[k])
    if best != "latin":
        return best
    scores = {lang: len(rx.findall(sample)) for lang, rx in _STOPWORDS.items()}
    lang = max(scores, key=lambda k: scores[k])
    return lang if scores[lang] >= 5 else None


# Matched against a right-stripped title and without a leading \s*: a leading \s* is tried at
# every space of a long run of spaces, which made a heading of 40,000 spaces take seconds.
_DOC_SUFFIX = re.compile(r"[（(][^（()）]*(?:\([^()]*\)[^（()）]*)*[)）]\Z")
_CONTINUED = re.compile(r"[（(](?:continued|suite|continuación|продолжение|تابع|续)[)）]", re.IGNORECASE)
# A UN symbol of combined reports ends in a range ('CERD/C/LKL/10-11', 'CRC/C/ABC/2-3').
_DOC_SYMBOL = re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Za-z0-9][A-Za-z0-9.]*(?:\([A-Za-z0-9.]+\))?)+(?:-\d+(?![A-Za-z0-9/]))?(?:-[ACEFRS])?")
# A line broken inside a symbol's revision ("VC/1(Rev." / "2)") comes back with a space in it.
_BROKEN_REVISION = re.compile(r"(/[A-Za-z0-9.]*\([A-Za-z0-9.]*)\s+(?=[A-Za-z0-9.]+\))")


def split_heading(text: str) -> tuple[str, list[str]]:
    """Split a heading into its title and the document symbols of its '(Documents …)' suffix."""
    title = invisible(text).strip()
    documents: list[str] = []
    for _ in range(3):  # suffixes can stack: '(continued) (Document C17/98)'
        title = title.rstrip()
        match = _DOC_SUFFIX.search(title)
        if match and _DOC_SYMBOL.search(match.group()):
            documents = document_symbols(match.group()) + documents
            title = title[: match.start()]
            continue
        cont = _CONTINUED.search(title)
        if cont and cont.end() >= len(title):
            title = title[: cont.start()]
            continue
        break
    return title.strip(), documents


def document_symbols(text: str) -> list[str]:
    """Return the document symbols in an agenda row's documents cell ('C20/24, VC/5')."""
    return _DOC_SYMBOL.findall(_BROKEN_REVISION.sub(r"\1", invisible(text)))


def same_title(a: str, b: str) -> bool:
    """Compare two titles ignoring case, spacing and punctuation."""
    def key(s: str) -> str:
        return re.sub(r"[\W_]+", "", s.casefold())
    return key(a) == key(b)


BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
