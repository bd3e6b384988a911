"""Reading PDFs by their page geometry: words with positions, visual lines, running heads and footnotes.

``read_layout`` is the reusable part: it runs ``pdftotext -bbox`` (poppler), whose word boxes are
exact whatever made the PDF (WeasyPrint, Word, LibreOffice, tagged or not), and rebuilds visual
lines from positions, since pdftotext's own reading order splits loosely justified lines, puts a
margin label in a block of its own and returns right-to-left text in visual order. Each line then
gets a role: ``body``, ``furniture`` (running heads, footers, page numbers: what repeats at the
top or bottom of pages) or ``footnote`` (smaller type at the foot of a page).

Speed: the word boxes cost pdftotext 1.3-1.4 times its plain extraction, and a 200-page PDF has
a hundred thousand words, so the reader works a run of words (one regex match) at a time, not a
word, parses a word's box only when asked (``Line.raw``, ``Line.words``), and reads a large
PDF's two halves with two pdftotext processes at once (``make bench`` has the figures).

``paragraphs`` groups the body lines into paragraphs (a label in the margin, the text joined
over lines and pages; where a paragraph ends is decided from the geometry), for the lint and for
other tools. ``read_pdf`` gives them to the text reader (one a line: label, tab, text) and maps
every finding back to the page and line where the proofreader sees it.
"""

from __future__ import annotations

import bisect
import gc
import html
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.lint import tokens
from drafting.lint.document import Document
from drafting.numbering import Style

_META = re.compile(r'<meta name="(\w+)" content="([^"]*)"/>')
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_MARK_RANGE = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Arabic vowel and other combining marks
_STOPS = re.compile(r"[.,;:!?\u060c\u061b]+")
_MARKS_ONLY = re.compile(f"[{_MARK_RANGE}]+")
# A number as the bidi algorithm keeps it whole: digits (Arabic-Indic ones too) joined by single separators ('1.000',
# '10:30', '3/4', '1-2', '١٢٫٥').
_NUMBER_TEXT = r"\d+(?:[-+.,:/\u00a0\u202f\u066b\u066c]\d+)*"
_NUMBER = re.compile(_NUMBER_TEXT)
# A letter with its marks and the bidi marks typed after it (which a PDF keeps only in the letter's span).
_BIDI = "\u061c\u200e\u200f"  # the Arabic letter, left-to-right and right-to-left marks: no glyph, no direction of their own
_GRAPHEME = re.compile(f"{_NUMBER_TEXT}|[^{_MARK_RANGE}][{_MARK_RANGE}{_BIDI}]*|[{_MARK_RANGE}{_BIDI}]+")


def _reversed(text: str, marks_first: bool = False) -> str:
    """A right-to-left text drawn left to right, read in logical order: its letters reversed, each with its marks
    after it, numbers kept as they read ('٢٠٢٦' is drawn left to right in Arabic text too).

    Where a letter's marks stand in the drawn text depends on the producer: after the letter when it gives a
    letter and its marks as one text (drafting's ActualText spans), before it when each mark is a glyph of its
    own drawn over the letter (LibreOffice, WeasyPrint alone): ``marks_first``."""
    if marks_first:
        return _NUMBER.sub(lambda m: m.group()[::-1], text)[::-1]
    return "".join(reversed(_GRAPHEME.findall(text)))


_NO_LINE_START = frozenset("，。、；：！？）」』”’》〉】〕,.;:!?)]")  # closing marks never start a line (UAX #14)


@dataclass(frozen=True)
class Word:
    """A word as drawn: its box in points from the top-left corner of the page, and its text."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def size(self) -> float:
        """The height of the word's box, close to its font size."""
        return self.y1 - self.y0


_Raw = tuple[str, str, str, str, str]  # xMin, yMin, xMax, yMax as printed by pdftotext, and the text


class Line:
    """Words sharing a baseline, in reading order; ``role`` is body, furniture or footnote.

    A line keeps its words' texts and the edges it needs (its box, its first word's ends); each
    word's box is parsed from pdftotext's output only when asked for (``raw``, ``words``): most
    lines never need them, and a 200-page PDF has a hundred thousand words.
    """

    __slots__ = ("texts", "text", "x0", "y0", "x1", "y1", "size", "rtl", "role", "number", "first", "_raw", "_source")

    def __init__(self, texts: list[str], x0: float, y0: float, x1: float, y1: float, size: float,
                 first: tuple[float, float], source: tuple[str, list[tuple[int, int]], bool] | list[_Raw]) -> None:
        self.texts = texts  # the words' texts in reading order
        self.text = " ".join(texts)  # the words joined by single spaces, in reading order
        self.x0, self.y0, self.x1, self.y1, self.size = x0, y0, x1, y1, size
        self.first = first  # the first word's left and right edges, in reading order
        self.rtl = False
        self.role = "body"  # body, furniture or footnote
        self.number = 0  # 1-based position among the page's lines, top to bottom
        # Either the boxes themselves or where to parse them: (page's output, spans of fragments, escaped).
        self._raw: list[_Raw] | None = source if isinstance(source, list) else None
        self._source = None if isinstance(source, list) else source

    @property
    def raw(self) -> list[_Raw]:
        """The words' boxes as pdftotext prints them, and their texts, in reading order."""
        if self._raw is None:
            assert self._source is not None
            self._raw = _parse_words(*self._source)
            self._source = None
        return self._raw

    def head(self, count: int) -> list[_Raw]:
        """The first ``count`` words of ``raw``, parsing no more of the line than that when it is not parsed yet."""
        if self._raw is not None or self.rtl:
            return self.raw[:count]
        assert self._source is not None
        data, spans, escaped = self._source
        out: list[_Raw] = []
        for start, end in spans:
            for match in _WORDS.finditer(data, start, end):
                a, b, c, d, t = match.groups()
                out.append((a, b, c, d, html.unescape(t) if escaped else t))
                if len(out) == count:
                    return out
        return out

    @property
    def words(self) -> list[Word]:
        """The words with their boxes, in reading order."""
        return [Word(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in self.raw]

    def first_width(self) -> float:
        """The width of what would have had to fit on the line before: the first word, or in Chinese and
        Japanese (no spaces, a line may break before or after any ideograph) its text up to the first break."""
        width = self.first[1] - self.first[0]
        word = self.texts[0] if self.texts else ""
        if len(word) < 2 or not _CJK.search(word):
            return width
        # Ideographs are about twice as wide as Latin letters and digits: weigh them so.
        weights = [2 if _CJK.match(c) else 1 for c in word]
        cut = next((i for i in range(1, len(word)) if (weights[i] == 2 or weights[i - 1] == 2) and word[i] not in _NO_LINE_START), len(word))
        return width * sum(weights[:cut]) / sum(weights)


def _parse_words(data: str, spans: list[tuple[int, int]], escaped: bool) -> list[_Raw]:
    raw = [w for start, end in spans for w in _WORDS.findall(data, start, end)]
    return [(a, b, c, d, html.unescape(t)) for a, b, c, d, t in raw] if escaped else raw


@dataclass
class Page:
    """One page: its number, size, and visual lines from top to bottom."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class PdfLayout:
    """A PDF as laid out: pages of lines, the body type size, and the document information."""

    path: str
    pages: list[Page]
    info: dict[str, str] = field(default_factory=dict)
    body_size: float = 0.0


# Above this size a PDF is read by two pdftotext processes, one for each half of its pages: on
# two cores the extraction takes half the time, and counting the pages first costs ~10 ms.
_SPLIT_BYTES = 100_000


def _extract(path: str) -> Iterator[str]:
    """Run pdftotext -bbox and yield its output a few pages at a time, as it writes them.

    The pages are grouped into lines while pdftotext is still reading the next ones, so the two
    run side by side; a large PDF's second half is extracted at the same time by a second
    pdftotext into a temporary file. Raises DraftingError with pdftotext's reason when the file
    cannot be read.
    """
    if shutil.which("pdftotext") is None:
        raise DraftingError([Problem(Location(path), "cannot read PDF: pdftotext is not installed (apt-get install poppler-utils)")])
    if not Path(path).is_file():
        raise DraftingError([Problem(Location(path), "cannot read file: No such file or directory")])
    pages = _page_count(path) if Path(path).stat().st_size >= _SPLIT_BYTES else 0
    if pages < 8:
        yield from _run_pdftotext(path, [])
        return
    half = (pages + 1) // 2
    with tempfile.TemporaryFile() as rest:
        second = subprocess.Popen(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(half + 1), "-l", str(pages), path, "-"],
                                  stdout=rest, stderr=subprocess.DEVNULL)
        try:
            yield from _run_pdftotext(path, ["-f", "1", "-l", str(half)])
        except BaseException:  # the first half failed or the reader stopped: the second is not wanted
            second.kill()
            raise
        finally:
            second.wait()
        rest.seek(0)
        data = rest.read().decode("utf-8", errors="replace")
    if second.returncode:  # the first half read, the second not: read it again to say why
        yield from _run_pdftotext(path, ["-f", str(half + 1), "-l", str(pages)])
        return
    yield data  # its head (the document information again) holds no page: it is skipped


def _page_count(path: str) -> int:
    """The number of pages pdfinfo reports, or 0 when it cannot tell."""
    if shutil.which("pdfinfo") is None:
        return 0
    done = subprocess.run(["pdfinfo", path], capture_output=True)
    found = re.search(rb"^Pages:\s+(\d+)", done.stdout, re.MULTILINE) if done.returncode == 0 else None
    return int(found.group(1)) if found else 0


def _run_pdftotext(path: str, pages: list[str]) -> Iterator[str]:
    # Errors go to a file: a damaged PDF can make pdftotext warn more than a pipe holds.
    with tempfile.TemporaryFile() as said, \
            subprocess.Popen(["pdftotext", "-bbox", "-enc", "UTF-8", *pages, path, "-"], stdout=subprocess.PIPE, stderr=said) as process:
        assert process.stdout is not None
        _widen(process.stdout.fileno())
        pending = b""
        while True:
            chunk = process.stdout.read1(1 << 20)  # type: ignore[attr-defined]
            if not chunk:
                break
            pending += chunk
            cut = pending.rfind(b"</page>")
            if cut >= 0:
                cut += len(b"</page>")
                yield pending[:cut].decode("utf-8", errors="replace")
                pending = pending[cut:]
        process.wait()
        if pending:
            yield pending.decode("utf-8", errors="replace")
        said.seek(0)
        errors = said.read()
    if process.returncode:
        why = errors.decode("utf-8", errors="replace").strip().splitlines()
        reason = why[-1] if why else "pdftotext failed"
        if "password" in reason.lower():
            reason = "it is protected by a password; lint an unprotected copy"
        raise DraftingError([Problem(Location(path), f"cannot read PDF: {reason}")])


def _widen(pipe: int) -> None:
    """Let pdftotext write a megabyte ahead (Linux; 64 kB otherwise), so it seldom waits for the reader."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        pass


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORDS = re.compile(r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">([^<]*)')
# A fragment: a run of words pdftotext prints one after the other on the same baseline (the same
# yMax); the first word's box is captured, the last word's start is found when the run has more.
_FRAGMENT = re.compile(r'<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">[^<]*</word>\s*'
                       r'(?:<word [^>]*yMax="\4">[^<]*</word>\s*)*')
_TEXT = re.compile(r'">([^<]*)</word>')
_EDGES = re.compile(r'<word xMin="([^"]*)" yMin="[^"]*" xMax="([^"]*)"')


def read_layout(path: str) -> PdfLayout:
    """Read a PDF's words with their positions and group them into visual lines with roles."""
    with _no_collection():
        return _read_layout(path)


@contextmanager
def _no_collection() -> Iterator[None]:
    """Hold the cycle collector while a PDF is read: the reader makes tens of thousands of tuples,
    lists and lines (no cycles among them), and each few hundred made would start a collection
    that walks every object the process holds; in a process holding 200,000 (the benchmark, an
    editor's plugin) those walks cost a fifth of the lint's time."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_layout(path: str) -> PdfLayout:
    info: dict[str, str] = {}
    pages: list[Page] = []
    weights: dict[float, int] = {}
    marks_first: bool | None = None  # known once a page has right-to-left text
    for data in _extract(path):
        if not pages and "<doc>" in data:
            info = {name.lower(): html.unescape(value) for name, value in _META.findall(data[: data.find("<doc>")])}
        chunks = _PAGE.split(data)
        # split gives [before, width, height, body, width, height, body, ...]
        for index in range(1, len(chunks) - 2, 3):
            page = Page(len(pages) + 1, float(chunks[index]), float(chunks[index + 1]))
            body = chunks[index + 2]
            any_rtl = not body.isascii() and _RTL.search(body) is not None
            if any_rtl and marks_first is None:
                marks_first = not (info.get("creator") == "drafting" and _spans_letters(path))
            page.lines = _lines(body, any_rtl, bool(marks_first))
            for line in page.lines:
                size = round(line.size, 1)
                weights[size] = weights.get(size, 0) + len(line.texts)
            pages.append(page)
    # A page of no right-to-left letter in a right-to-left document (its last lines of numbers alone); a document
    # with no right-to-left page (most) needs no look.
    plain = [page for page in pages if not any(line.rtl for line in page.lines)]
    if marks_first is not None and plain:
        body = [line for page in pages for line in page.lines if not _neutral(line)]
        if sum(line.rtl for line in body) * 2 > len(body):
            for page in plain:
                _right_to_left_latin_lines(page.lines, bool(marks_first), document_rtl=True)
    layout = PdfLayout(path, pages, info)
    layout.body_size = max(weights, key=lambda v: (weights[v], v)) if weights else 10.0
    _mark_furniture(layout)
    _mark_footnotes(layout)
    return layout


# A fragment: (middle, y0, y1, x0, x1, first word's x0 and x1, texts, span in the page's output).
_Fragment = tuple[float, float, float, float, float, float, float, list[str], tuple[int, int]]


def _spans_letters(path: str) -> bool:
    """Whether the PDF gives the text of some glyphs in ActualText spans, as drafting's text layer does for every
    letter drawn with marks: pdftotext then sets a span's letters left to right in the span's box, marks after their
    letter, where a mark drawn as a glyph of its own comes before it (``_reversed``). LibreOffice spans only some
    clusters and draws most marks apart: its PDFs are read as marks first. Read from the content streams, as
    pdftotext reports no spans."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    if b"/ActualText" in data:
        return True
    budget = 64_000_000  # bytes inflated in all: a PDF of compression bombs is read no further
    for match in _STREAM.finditer(data):
        try:
            inflated = zlib.decompressobj().decompress(data[match.end():match.end() + 4_000_000], 16_000_000)
        except zlib.error:
            continue
        if b"/ActualText" in inflated:
            return True
        budget -= len(inflated)
        if budget <= 0:
            return False
    return False


_STREAM = re.compile(rb"stream\r?\n")


def _lines(body: str, any_rtl: bool = True, marks_first: bool = False) -> list[Line]:
    """Group a page's words (pdftotext's output for the page) into visual lines.

    pdftotext lists the words of one of its lines together, so runs of words with the same
    baseline become fragments first; fragments whose boxes overlap vertically by more than half
    (a margin label and its text, set as separate blocks) then share a line, ordered by position.
    """
    escaped = "&" in body
    fragments: list[_Fragment] = []
    for match in _FRAGMENT.finditer(body):
        a, b, c, d = match.groups()
        span = match.span()
        texts = _TEXT.findall(body, *span)
        if escaped:
            texts = [html.unescape(t) for t in texts]
        x0 = fx0 = float(a)
        x1 = fx1 = float(c)
        if len(texts) > 1:
            # Right-to-left text comes rightmost word first: take the edges from both ends.
            last = _EDGES.match(body, body.rfind("<word ", *span))
            assert last is not None
            x0, x1 = min(x0, float(last.group(1))), max(x1, float(last.group(2)))
        y0, y1 = float(b), float(d)
        fragments.append(((y0 + y1) / 2, y0, y1, x0, x1, fx0, fx1, texts, span))
    fragments.sort(key=itemgetter(0))
    groups: list[list[_Fragment]] = []
    middle = size = 0.0
    for fragment in fragments:
        # Compared with the line's first fragment, as it was found.
        if groups and abs(fragment[0] - middle) < 0.35 * max(fragment[2] - fragment[1], size):
            groups[-1].append(fragment)
            continue
        if groups and _MARKS_ONLY.fullmatch("".join(fragment[7])) and any(abs(fragment[0] - f[0]) < 0.35 * (f[2] - f[1]) for f in groups[-1]):
            groups[-1].append(fragment)  # an Arabic vowel mark beside a fragment of the line other than its first
            continue
        groups.append([fragment])
        middle, size = fragment[0], fragment[2] - fragment[1]
    out = []
    for number, parts in enumerate(groups, start=1):
        rtl = False
        if any_rtl:  # most pages hold no right-to-left letter at all: skip the count
            letters = "".join(t for part in parts for t in part[7])
            rtl = _RTL.search(letters) is not None and len(_RTL.findall(letters)) > len(_LETTER.findall(letters)) / 2
        if len(parts) == 1 and not rtl:  # most lines: one run of words, left to right
            _, y0, y1, x0, x1, fx0, fx1, texts, span = parts[0]
            line = Line(texts, x0, y0, x1, y1, y1 - y0, (fx0, fx1), (body, [span], escaped))
            line.number = number
            out.append(line)
            continue
        y0, y1 = min(p[1] for p in parts), max(p[2] for p in parts)
        biggest = max(parts, key=lambda p: len(p[7]))
        if rtl:
            words = _parse_words(body, [p[8] for p in parts], escaped)
            ordered = _logical_line(words, marks_first)
            # pdftotext's order inside right-to-left fragments is not monotonic: measure every word
            first = (float(ordered[0][0]), float(ordered[0][2]))
            line = Line([w[4] for w in ordered], min(float(w[0]) for w in words), y0, max(float(w[2]) for w in words), y1,
                        biggest[2] - biggest[1], first, ordered)
        else:
            if len(parts) > 1:
                parts = sorted(parts, key=itemgetter(3))
            head = parts[0]
            texts = head[7] if len(parts) == 1 else [t for part in parts for t in part[7]]
            line = Line(texts, min(p[3] for p in parts), y0, max(p[4] for p in parts), y1, biggest[2] - biggest[1],
                        (head[5], head[6]), (body, [p[8] for p in parts], escaped))
        line.rtl, line.number = rtl, number
        out.append(line)
    if any_rtl:
        _right_to_left_latin_lines(out, marks_first)
    return out


def _right_to_left_latin_lines(lines: list[Line], marks_first: bool = False, document_rtl: bool = False) -> None:
    """A line of Latin words only (a link on a paragraph's last line) in right-to-left text: set flush
    right and ragged left like the right-to-left lines around it, it is right-to-left too (its edge
    neutrals, '.' drawn left of the link, end it). So is a line of numbers and punctuation alone, on a page
    of right-to-left lines or (``document_rtl``) of a right-to-left document."""
    neutral = [_neutral(line) for line in lines]
    rtl = [line for line in lines if line.rtl]
    if not document_rtl and len(rtl) * 2 <= len(lines) - sum(neutral):
        return
    edges = [line.x1 for line in rtl]
    left = min((line.x0 for line in rtl), default=0.0)
    for index, line in enumerate(lines):
        if line.rtl or not neutral[index] and (not rtl or line.x0 < left + 20 or not any(abs(line.x1 - edge) < 2 for edge in edges)):
            continue
        ordered = _logical_line(line.raw, marks_first)
        fresh = Line([w[4] for w in ordered], line.x0, line.y0, line.x1, line.y1, line.size,
                     (float(ordered[0][0]), float(ordered[0][2])), ordered)
        fresh.rtl, fresh.number = True, line.number
        lines[index] = fresh


def _neutral(line: Line) -> bool:
    """A line of numbers and punctuation alone ('.74–68', a paragraph's end; ')a( 1–2 1', a sub-paragraph after its
    label), which has no direction of its own: it takes the text's around it."""
    return not line.rtl and not any(_LETTER.search(text) and not _DRAWN_LABEL.fullmatch(text) for text in line.texts)


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
_BRACKETS = "()[]"
_BRACKET = re.compile(r"[()\[\]]")
_BRACKETED_NUMBER = re.compile(r"[()\[\]][\d/.,:\u2013-]*\d[)\]([][.,;:]?")


def _logical_line(words: list[_Raw], marks_first: bool = False) -> list[_Raw]:
    """A right-to-left line's words in logical order, with logical text.

    pdftotext gives the words as drawn. Words run right to left, except runs of left-to-right words
    ("C20/17, C20/68"), which keep their order; neutrals at a run's visual edges belong to the
    right-to-left text around it, except a closing bracket that pairs with one inside the run.
    Bracket characters are not trusted: WeasyPrint's ToUnicode maps a glyph to the first character
    drawn with it, so Amiri gives the shape "(" as ")" and Amiri Bold gives both shapes as ")";
    whether a bracket opens or closes is read from where it stands in the logical text.
    """
    size = float(words[0][3]) - float(words[0][1])
    words = _rejoin_arabic(sorted(words, key=lambda w: float(w[0])), size, marks_first)
    groups: list[list[_Raw]] = []
    joins = False  # whether the last group is a run of Latin words the next one may join
    right = 0.0  # the right edge of the last group
    for left, word in sorted((float(w[0]), w) for w in words):
        text = word[4]
        latin = _LATIN.search(text) is not None and _RTL.search(text) is None
        # Only words with a Latin letter join: "1 - COVID-19" is drawn "COVID-19 - 1", and a number
        # drawn right of a Latin word may come before it as well as after it. A number in brackets is
        # the Latin text's own ("E.164 (11/2010)"): the brackets take the direction of the text around them.
        latin = latin or joins and _BRACKETED_NUMBER.fullmatch(text) is not None
        if joins and latin and left - right < 0.6 * size:
            groups[-1].append(word)
        else:
            groups.append([word])
        joins, right = latin, float(word[2])
    ordered: list[_Raw] = []
    for group in reversed(groups):
        ordered += _left_to_right_run(group) if len(group) > 1 or not _RTL.search(group[0][4]) else [_logical(group[0], marks_first)]
    return [(w[0], w[1], w[2], w[3], _orient_brackets(w[4])) if _BRACKET.search(w[4]) else w for w in ordered]


def _numbers_in_order(text: str) -> str:
    """Numbers drawn in right-to-left text with something other than one separator between them ('2022–2026',
    '1 – 4') are drawn last first ('2026–2022'): put them back in reading order, what is between them in place."""
    numbers = _NUMBER.findall(text)
    if len(numbers) < 2:
        return text
    between = _NUMBER.split(text)
    return between[0] + "".join(number + rest for number, rest in zip(reversed(numbers), between[1:]))


def _rejoin_arabic(words: list[_Raw], size: float, marks_first: bool = False) -> list[_Raw]:
    """Words pdftotext split inside an Arabic word (a gap after a letter that does not join, a mark drawn
    apart: 'المحتو يات', 'بناء ً'), joined again: a gap far narrower than the line's spaces is no space.

    ``words`` are sorted left to right, their texts as drawn (visual order)."""
    marks = [w for w in words if _MARKS_ONLY.fullmatch(w[4])]
    words = [w for w in words if not _MARKS_ONLY.fullmatch(w[4])]
    if len(words) > 1:
        gaps = sorted(float(b[0]) - float(a[2]) for a, b in zip(words, words[1:]))
        space = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.25 * size
        out = [words[0]]
        for word in words[1:]:
            left = out[-1]
            gap = float(word[0]) - float(left[2])
            # A stop drawn against a link's left end ('.https://…'): the link's last character, in logical order.
            stop = gap < 0.05 * size and _STOPS.fullmatch(left[4]) is not None and _LATIN.search(word[4]) is not None
            # Punctuation or a number against an Arabic word ('حداد:', 'و7'): pdftotext splits where the script changes.
            # A bracket drawn against what it encloses, a stop against a number (LibreOffice draws '(a)' and '14.' a
            # glyph a word).
            touching = gap < 0.05 * size and (any(_RTL.search(a[4]) and not _LATIN.search(b[4]) for a, b in ((left, word), (word, left)))
                                              or left[4][-1:] in _BRACKETS or word[4][:1] in _BRACKETS
                                              or any(_STOPS.fullmatch(a[4]) and b[4][:1].isdigit() for a, b in ((left, word), (word, left))))
            if stop or touching or gap < min(0.12 * size, 0.6 * space) and _RTL.match(left[4][-1:]) and _RTL.match(word[4][:1]):
                out[-1] = (left[0], min(left[1], word[1], key=float), word[2], max(left[3], word[3], key=float), left[4] + word[4])
            else:
                out.append(word)
        words = out
    for mark in marks:
        # A vowel mark drawn as a glyph of its own (tanween on a final alef, a shadda) goes back on the letter
        # under it: the word whose box holds it, or starts just right of it (the mark of the word's last letter).
        x = float(mark[0])
        index = next((i for i, w in enumerate(words) if float(w[0]) - 0.3 * size <= x <= float(w[2])), None)
        if index is None:
            words.append(mark)
            words.sort(key=lambda w: float(w[0]))
            continue
        word = words[index]
        text = word[4]
        width = float(word[2]) - float(word[0])
        at = min(len(text) - 1, max(0, int((x - float(word[0])) / width * len(text)))) if width > 0 else 0
        # Visual order: the mark goes beside its letter, on the side where the page's marks are (``_reversed``).
        while at > 0 and _MARKS_ONLY.fullmatch(text[at]):
            at -= 1
        if not marks_first:
            at += 1
            while at < len(text) and _MARKS_ONLY.fullmatch(text[at]):
                at += 1
        text = text[:at] + mark[4] + text[at:]
        words[index] = (word[0], word[1], word[2], word[3], _dedupe_marks(text))
    return words


def _dedupe_marks(text: str) -> str:
    """A glyph for two marks (shadda with fatha) is mapped back to both, beside the shadda drawn alone:
    a mark repeated within one letter's marks is one mark."""
    return re.sub(f"[{_MARK_RANGE}]{{2,}}", lambda m: "".join(dict.fromkeys(m.group())), text)


def _left_to_right_run(group: list[_Raw]) -> list[_Raw]:
    """A run of left-to-right words inside a right-to-left line, its edge neutrals moved to their logical side."""
    return [(w[0], w[1], w[2], w[3], t) for w, t in zip(group, _run_texts([w[4] for w in group]))]


def _run_texts(texts: list[str]) -> list[str]:
    """The texts of a left-to-right run drawn inside right-to-left text, in logical form.

    The run keeps its order; neutrals at its visual edges belong to the right-to-left text around
    it ("(" drawn left of "VC/5" closes after it), except a closing bracket that pairs with one
    inside the run ("VC/1(Rev.2)").
    """
    texts = list(texts)
    # A left-to-right mark (U+200E) is the run's own: the neutrals it holds in stay where they are ('\u200e50%\u200e').
    first = re.match(r"[^\w\u200e]*", texts[0]).group()  # type: ignore[union-attr] - always matches
    texts[0] = texts[0][len(first):]
    if not texts[0]:  # only neutrals: all of them belong to the right-to-left text
        return [_reversed(first)] + texts[1:]
    last = re.search(r"[^\w\u200e]*$", texts[-1]).group()  # type: ignore[union-attr] - always matches
    texts[-1] = texts[-1][: len(texts[-1]) - len(last)]
    inside = sum(t.count(c) for t in texts for c in _BRACKETS)
    if inside % 2 and last[:1] in _BRACKETS:
        texts[-1], last = texts[-1] + last[0], last[1:]
    texts[0] = _reversed(last) + texts[0]  # reversed with the bidi marks after the neutral they follow
    texts[-1] = texts[-1] + _reversed(first)
    # Numbers with no Latin text to make them left to right are drawn last first (``_numbers_in_order``).
    return texts if any(_LATIN.search(text) for text in texts) else [_numbers_in_order(text) for text in texts]


def _orient_brackets(text: str) -> str:
    """Make each bracket open or close by where it stands: before a word it opens, after one it closes."""
    out = list(text)
    for i, char in enumerate(text):
        if char not in _BRACKETS:
            continue
        # Bidi marks (U+200E, U+200F, U+061C) stand beside a bracket, not in its place: look past them.
        before = text[:i].rstrip(_BIDI)[-1:] or " "
        after = text[i + 1:].lstrip(_BIDI)[:1] or " "
        opens = not after.isspace() and after not in ".,;:!?\u060c\u061b)]" and (
            before.isspace() or before in "([" or (before.isalnum() and after.isalnum()))
        pair = "()" if char in "()" else "[]"
        out[i] = pair[0] if opens else pair[1]
    return "".join(out)


# Right-to-left letters; a bidi mark (U+200E, U+200F, U+061C) goes with the run of the character beside it.
_RTL_ONLY = re.compile(f"(?:[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc][{_BIDI}]*)+")
_RUNS = re.compile(f"(?:[{_BIDI}]*[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\\s][{_BIDI}]*)+"
                   f"|(?:[{_BIDI}]*[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\\s{_BIDI}][{_BIDI}]*)+|[{_BIDI}]+")


def _logical(word: _Raw, marks_first: bool = False) -> _Raw:
    """pdftotext gives right-to-left words in visual order; reverse runs of right-to-left letters."""
    text = word[4]
    if _RTL_ONLY.fullmatch(text):  # most words: letters only
        return (word[0], word[1], word[2], word[3], _reversed(text, marks_first))
    if not _RTL.search(text):
        return word
    runs = _RUNS.findall(text)
    logical = "".join(_reversed(run, marks_first) if _RTL.search(run) else _run_texts([run])[0] for run in reversed(runs))
    return (word[0], word[1], word[2], word[3], logical)


def _key(line: Line) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.text)).strip()


_PAGE_NUMBER = re.compile(r"[-–\s]*(?:(?:page|p\.|стр\.|página|صفحة)\s*)?(\d{1,4})(?:\s*(?:/|of|de|из|من)\s*\d{1,4})?[-–\s]*", re.IGNORECASE)


_SYMBOL_HEAD = re.compile(r"[\s\d-]*[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()]+)+(?:-[ACEFRS])?[\s\d-]*")


# The first line of a numbered paragraph: "8.9 It was…", "12. The…" (a label, then words).
_NUMBERED_START = re.compile(r"^\d+(?:\.\d+)+\.?\s+\w+\W*\s+\w|^\d+\.\s+\w+\W*\s+\w")


def _mark_furniture(layout: PdfLayout) -> None:
    """Running heads and footers: the first or last two lines of a page, in its top or bottom band,
    that are short and repeat on other pages at about the same height (digits aside), that are a
    document symbol, or that hold only the page's number."""
    bands: dict[str, int] = {}
    candidates: list[tuple[Page, Line, str]] = []
    for page in layout.pages:
        band = 0.12 * page.height
        lines = page.lines
        for index in sorted({i for i in (0, 1, len(lines) - 2, len(lines) - 1) if 0 <= i < len(lines)}):
            line = lines[index]
            top = line.y1 <= band
            if not (top or line.y0 >= page.height - band) or len(line.texts) > 8:
                continue
            # Set apart from the text: a head or footer never touches the body's lines.
            neighbour = lines[index + 1] if top and index + 1 < len(lines) else lines[index - 1] if not top and index > 0 else None
            if neighbour is not None and (neighbour.y0 - line.y1 if top else line.y0 - neighbour.y1) < 0.6 * layout.body_size:
                continue
            if _NUMBERED_START.match(line.text):
                continue  # "8.9 It was so concluded." at the top of two pages is text, not a head
            key = f"{_key(line)}@{round(line.y0 / 6)}"
            candidates.append((page, line, key))
            bands[key] = bands.get(key, 0) + 1
    for page, line, key in candidates:
        text = line.text
        number = _PAGE_NUMBER.fullmatch(text)
        if bands[key] >= 2 or _SYMBOL_HEAD.fullmatch(text) or (number and int(number.group(1)) in (page.number, page.number - 1, page.number + 1)):
            line.role = "furniture"


def _mark_footnotes(layout: PdfLayout) -> None:
    """Footnotes: the lines at the foot of a page set clearly smaller than the body text, below a
    space wider than between lines (where the separator rule is): small type that runs on from
    the text, a table say, stays body text."""
    small = 0.88 * layout.body_size
    for page in layout.pages:
        body = [line for line in page.lines if line.role == "body"]
        zone = 0
        while zone < len(body) and body[len(body) - 1 - zone].size < small:
            zone += 1
        if zone == 0 or zone == len(body):
            continue
        top, above = body[len(body) - zone], body[len(body) - zone - 1]
        if top.y0 - above.y1 >= 0.6 * layout.body_size:
            for line in body[len(body) - zone:]:
                line.role = "footnote"


def _gap(words: list[_Raw], index: int, rtl: bool) -> float:
    """The gap between word ``index`` and the next, in reading order."""
    a, b = words[index], words[index + 1]
    return float(a[0]) - float(b[2]) if rtl else float(b[0]) - float(a[2])


def _space(words: list[_Raw], rtl: bool, size: float) -> float:
    """A typical space of the line, from a few gaps after the first word (its first seven words given)."""
    gaps = sorted(g for g in (_gap(words, i, rtl) for i in range(1, min(len(words) - 1, 6))) if g > 0)
    # A gap wider than three type sizes parts two table columns ('1  Item aa  -', an agenda row with no
    # document): not a space of the line, unless every gap is that wide (a short line justified).
    # A single such gap is a column's, not a justified line's ('2 其他事项 -': no space to measure).
    gaps = [g for g in gaps if g <= 3 * size] or (gaps if len(gaps) > 1 else [])
    return gaps[len(gaps) // 2] if gaps else 0.3 * size


# What a number can start with (digits of every script the lint reads, and the letters typed for them).
_NUMBER_START = frozenset("0123456789lIO" + "".join(chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(chr(c) for c in range(0x0660, 0x066A))
                          + "".join(chr(c) for c in range(0x06F0, 0x06FA)) + "\u200e\u200f\u061c")


def _starts_with_number(line: Line) -> bool:
    first = line.texts[0]
    return len(line.texts) > 1 and first[:1] in _NUMBER_START and tokens.lone_number(first) is not None


# A sub-paragraph label as drawn in either direction: '(a)', ')a(', 'b)', '(iv)'.
_DRAWN_LABEL = re.compile(r"[()]?(?:[a-z]{1,2}|[ivx]{1,5})[()]")
_SUB_LABEL = re.compile(r"\(?(?:[a-z]{1,2}|[ivx]{1,5})\)")


def _starts_with_sublabel(line: Line) -> bool:
    """True when the line starts with a sub-paragraph label set apart from its text: '(a)', 'b)', '(iv)'."""
    if len(line.texts) < 2 or not _SUB_LABEL.fullmatch(line.texts[0]):
        return False
    return _gap(line.head(2), 0, line.rtl) > 1.5 * _space(line.head(7), line.rtl, line.size)


def _column(words: list[_Raw], rtl: bool) -> int:
    """Where the text after a leading number starts (rounded), from the line's first words."""
    second = words[_text_start(words)]
    return round(float(second[2]) if rtl else float(second[0]))


def _text_start(words: list[_Raw]) -> int:
    """Which of the line's first words starts the text after a leading number: the second, or the third after
    the dash of a label like the UN's Arabic '10 -' (the text column comes after the dash, the dash right
    after the number, wherever its digits end)."""
    return 2 if len(words) > 2 and words[1][4] in ("-", "–") else 1


def _line_text(line: Line, words: list[_Raw] | None, columns: dict[int, int] | None = None,
               continuing: bool = False) -> tuple[str | None, str]:
    """The line's label (a leading number set apart) or None, and the rest of its text.

    ``words`` are the line's first three words when it starts with a number, else None. A number
    first on a line is a label when a gap wider than the line's spaces follows it (the margin
    column of a hanging indent), or when the text after it starts in a column that many numbered
    lines share; within a justified line every gap widens alike. A line ``continuing`` a
    paragraph (the line above ran to the column's edge) whose number is followed by a plain
    space is not labelled by the shared column: a date kept whole by no-break spaces pushes
    "17 au 27 novembre" to the start of a line, and a few such lines share a column too.
    """
    text = line.text
    if words is None:
        return None, text
    gap = _gap(words, _text_start(words) - 1, line.rtl)
    plain_space = continuing and gap < 0.45 * line.size
    # The shared column first: it needs no more than the words at hand.
    if (not plain_space and _shared(columns, _column(words, line.rtl))) or gap > 1.5 * _space(line.head(7), line.rtl, line.size):
        first = words[0][4]
        return first, text[len(first) + 1:]
    return None, text


def _shared(columns: dict[int, int] | None, column: int | None) -> bool:
    if columns is None or column is None:
        return False
    return columns.get(column - 1, 0) + columns.get(column, 0) + columns.get(column + 1, 0) >= 3


@dataclass(frozen=True)
class _Origin:
    page: int
    line: int


@dataclass
class Paragraph:
    """A paragraph of the body as printed: its label in the margin (if any), its lines, their text."""

    label: str | None  # the number set apart in the margin, as written ('1.1', '١ -' gives '١')
    parts: list[str]  # the text of each line, the label's line without the label
    lines: list[tuple[Page, Line]]

    @property
    def text(self) -> str:
        """The paragraph's text after its label, its lines joined as ``join_lines`` joins them."""
        return join_lines(self.parts)[0]


# What WeasyPrint draws where it hyphenates a word (U+2010), and a soft hyphen shown at a line's end.
HYPHENATION = ("\u2010", "\u00ad")


def join_lines(parts: list[str]) -> tuple[str, list[int]]:
    """Printed lines joined into a paragraph's text, and where each line starts in it: by a space, by
    nothing between Chinese or Japanese characters (no spaces in those scripts) and at a hyphenation
    break (its hyphen dropped: 'represent‐' / 'atives' is 'representatives'). Between a Chinese character
    and a Latin letter or a digit the space stays: '文件' / 'VC/15-C' must not read as one word."""
    text = ""
    starts: list[int] = []
    for part in parts:
        if text.endswith(HYPHENATION) and part[:1].isalpha():
            text = text[:-1]
        elif text and not (_CJK.match(text[-1]) and _CJK.match(part[:1])):
            text += " "
        starts.append(len(text))
        text += part
    return text, starts


def paragraphs(layout: PdfLayout) -> list[Paragraph]:
    """The body's paragraphs, in reading order, across pages (running heads, footers, footnotes left out).

    A paragraph ends where the geometry says so: a gap wider than the line pitch, a label in the
    margin, or a line that stopped short of the column's edge (the next word would have fitted
    on it), across page breaks too.
    """
    body = [(page, line) for page in layout.pages for line in page.lines if line.role == "body"]
    pitches = [b.y0 - a.y0 for (pa, a), (pb, b) in zip(body, body[1:]) if pa is pb and 0 < b.y0 - a.y0 < 3 * layout.body_size]
    pitch = _line_pitch(pitches) if pitches else 1.2 * layout.body_size
    right = _column_edge(body, rtl=False)
    left = _column_edge(body, rtl=True)
    # The first words of the lines that start with a number: the only word boxes needed.
    # (Three words where the second is the dash of a label like '10 -'.)
    numbered = {id(line): words if len(words) < 2 or words[1][4] not in ("-", "\u2013") else line.head(3)
                for _, line in body if _starts_with_number(line) for words in [line.head(2)]}
    columns: dict[int, int] = {}
    column_of: dict[int, int] = {}
    for _, line in body:
        if id(line) in numbered:
            column = column_of[id(line)] = _column(numbered[id(line)], line.rtl)
            columns[column] = columns.get(column, 0) + 1
    out: list[Paragraph] = []
    # A PDF that sets space between paragraphs (most labelled lines follow a wider gap) ends a paragraph
    # on a page only at such a gap: a short line followed by one at the line pitch is the author's line break.
    # The gap a paragraph ends at is a third of the way from the pitch to the space before numbered
    # paragraphs: ITU sub-paragraphs are set with half a paragraph's space before them (3 pt, 6 pt), and
    # they are paragraphs of their own.
    # Labelled lines: their text starts in a column many share (not a line of a paragraph that starts with a number).
    labelled = {key for key, column in column_of.items() if _shared(columns, column)}
    starts = sorted(b.y0 - a.y0 for (pa, a), (pb, b) in zip(body, body[1:]) if pa is pb and id(b) in labelled and b.y0 - a.y0 < 3 * pitch)
    spaced = len(starts) >= 3 and sum(1 for gap in starts if gap > 1.2 * pitch) >= 0.8 * len(starts)
    # The space before paragraphs, not before headings (more of them in a short record): low in the gaps,
    # above the few lines labelled at the pitch that a spaced layout allows.
    gap = pitch + (starts[int(len(starts) * 0.3)] - pitch) / 3 if spaced else 1.35 * pitch
    justified: list[bool] = []  # measured when a page break first needs it
    previous: tuple[Page, Line] | None = None
    for page, line in body:
        # A line ending in the hyphen WeasyPrint draws where it hyphenates (U+2010) never ends a paragraph.
        hyphenated = bool(out) and bool(out[-1].parts) and out[-1].parts[-1].endswith(HYPHENATION[0])
        # A paragraph whose last line fills the column, at a page's foot: a sub-paragraph label first on
        # the next page still starts one (no gap to measure across the break, no short line).
        # Across a page break, a line that starts elsewhere than the continuation line above it (an unnumbered
        # paragraph at the margin, where a numbered one's lines run on at its indent) starts a paragraph too.
        moved = (previous is not None and previous[0] is not page and len(out[-1].lines) >= 2 and previous[1].rtl == line.rtl
                 and abs((previous[1].x1 - line.x1) if line.rtl else (previous[1].x0 - line.x0)) > 2)
        if previous is not None and previous[0] is not page and not justified:
            justified.append(_justified(body, pitch, left, right, numbered))
        ends = previous is None or (not hyphenated and (_ends_paragraph(previous, (page, line), gap, left, right, spaced,
                                                                        bool(justified) and justified[0])
                                                        or (previous[0] is not page and _starts_with_sublabel(line)) or moved))
        label, text = _line_text(line, numbered.get(id(line)), columns, continuing=not ends)
        if ends or label is not None:
            out.append(Paragraph(label, [], []))
        out[-1].parts.append(text)
        out[-1].lines.append((page, line))
        previous = (page, line)
    return out


def _line_pitch(gaps: list[float]) -> float:
    """The distance between two lines of one paragraph: the smallest gap that recurs. In a record of
    short paragraphs set apart by space, most gaps (the median, even the lower quartile) are between
    paragraphs; a gap seen once (a heading in a smaller type) is not the pitch."""
    ordered = sorted(gaps)
    enough = max(2, len(ordered) // 20)
    for gap in ordered:
        if bisect.bisect_right(ordered, gap + 0.5) - bisect.bisect_left(ordered, gap - 0.5) >= enough:
            return gap
    return ordered[len(ordered) // 2]


_Segments = list[tuple[int, "_Origin"]]  # where each PDF line starts in a paragraph's text


def _rendition(layout: PdfLayout) -> tuple[str, list[_Segments | None]]:
    """The body as text the text reader knows, one paragraph a line (label, tab, text), and where each
    part comes from. Lines are joined, so a reference wrapped over two lines ("paragraph / 5 above") is read whole."""
    out: list[str] = []
    origins: list[_Segments | None] = []
    for paragraph in paragraphs(layout):
        length = len(paragraph.label) + 1 if paragraph.label is not None else 0
        text, starts = join_lines(paragraph.parts)
        segments: _Segments = [(0 if not n else length + start, _Origin(page.number, line.number))
                                for n, (start, (page, line)) in enumerate(zip(starts, paragraph.lines))]
        out += [(paragraph.label + "\t" if paragraph.label is not None else "") + text, ""]
        origins += [segments, None]
    return "\n".join(out) + "\n", origins


def _column_edge(body: list[tuple[Page, Line]], rtl: bool) -> float:
    """Where full lines end: the right edge (left-to-right text) or the left edge (right-to-left)."""
    # Full lines of Chinese have one or two 'words' (no spaces): count their characters instead.
    lines = [(page, line) for page, line in body if line.rtl == rtl and (len(line.texts) > 3 or len(line.text) > 24)]
    edges = sorted(line.x0 if rtl else line.x1 for _, line in lines)
    if not edges:
        return 0.0
    edge = edges[len(edges) // 10] if rtl else edges[int(len(edges) * 0.9)]
    # Few full lines (a record of one-line paragraphs): where the other side's margin, mirrored, says the
    # column ends, when a line does reach it.
    width = lines[0][0].width
    mirror = width - max(line.x1 for _, line in lines) if rtl else width - min(line.x0 for _, line in lines)
    reach = [e for e in edges if abs(e - mirror) <= 2]
    return (min(reach) if rtl else max(reach)) if reach else edge


def _justified(body: list[tuple[Page, Line]], pitch: float, left: float, right: float, numbered: dict[int, list[_Raw]]) -> bool:
    """Whether the body is justified: lines followed, at the line pitch, by a line of the same paragraph (no number
    first) reach the column's edge, all but a few (a line of one long word, a URL)."""
    inside = [a for (pa, a), (pb, b) in zip(body, body[1:])
              if pa is pb and a.rtl == b.rtl and abs(b.y0 - a.y0 - pitch) < 0.1 * pitch and id(b) not in numbered
              and not _starts_with_sublabel(b)]
    # Reaching the edge, or past it: a line with a run it may not break (a symbol, a range) runs over.
    full = sum(1 for a in inside if (0 < left and a.x0 <= left + 1 if a.rtl else 0 < right <= a.x1 + 1))
    return len(inside) >= 3 and full >= 0.8 * len(inside)


def _ends_paragraph(previous: tuple[Page, Line], current: tuple[Page, Line], gap: float, left: float, right: float,
                    spaced: bool = False, justified: bool = False) -> bool:
    (page_a, a), (page_b, b) = previous, current
    if page_a is page_b and b.y0 - a.y0 > gap:
        return True
    if spaced and page_a is page_b:
        return False
    # Justified text: a line short of the column's edge ends its paragraph, whether the next word would have fitted or
    # not (the last line of a page, with the next paragraph first on the next).
    if justified and page_a is not page_b and (left > 0 and a.x0 > left + 2 if a.rtl else right > 0 and a.x1 < right - 2):
        return True
    width = b.first_width()
    space = 0.3 * a.size
    if a.rtl:
        return left > 0 and a.x0 - space - width > left + 2
    return right > 0 and a.x1 + space + width < right - 2


def read_pdf(path: str, style: Style | None = None) -> Document:
    """Read a PDF into the document model; locations are pages and lines of the PDF."""
    from drafting.lint.textfile import parse_text

    with _no_collection():
        layout = read_layout(path)
        if not any(line.role == "body" for page in layout.pages for line in page.lines):
            raise DraftingError([Problem(Location(path), "cannot read PDF: it has no text layer (a scanned image?); run OCR on it first")])
        text, origins = _rendition(layout)
        doc = parse_text(path, text, style, explicit_breaks=True)
        doc.kind = "pdf"
        _relocate(doc, path, origins)
        doc.language = tokens.detect_language(text)
    return doc


def _relocate(doc: Document, path: str, origins: list[_Segments | None]) -> None:
    """Point every item, reference and block at the page and line of the PDF instead of the rendition's line."""

    file = Location(path)  # frozen: one for all

    def origin(line: int | None, column: int | None = None) -> _Origin | None:
        segments = origins[line - 1] if line is not None and 0 < line <= len(origins) else None
        if not segments:
            return None
        offset = (column or 1) - 1
        if len(segments) == 1 or offset < segments[1][0]:  # most things sit on a paragraph's first line
            return segments[0][1]
        return next((o for start, o in reversed(segments) if start <= offset), segments[0][1])

    def where(found: _Origin | None) -> tuple[Location, str, int | None]:
        if found is None:
            return file, "", None
        return file, f"page {found.page}, line {found.line}", found.page

    for item in doc.items():
        item.location, item.where, item.page = where(origin(item.location.line))
        item.span = None  # a PDF is never rewritten
    for ref in doc.references:
        ref.location, ref.where, ref.page = where(origin(ref.location.line, ref.location.column))
        ref.span = None
    for row in doc.agenda:
        row.location = file
    if doc.symbol is not None:
        doc.symbol = (doc.symbol[0], file)
    for block in doc.blocks:
        found = origin(block.line)
        block.page = found.page if found is not None else None
        block.line = found.line if found is not None else None
