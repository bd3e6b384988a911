"""Inline Markdown of paragraph text: bold, italic, links and [](#id) cross-references."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Span:
    """A run of text with its formatting; ``text == '\\n'`` with ``br`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    ref: str | None = None  # target id of a [](#id) cross-reference
    br: bool = False
    code: bool = False  # a `code span`: printed as typed, never typeset


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # 'commonmark' with html off: raw HTML is printed as text, never interpreted.
    return MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(["image"])


def parse_inline(text: str) -> list[Span]:
    """Split inline Markdown into spans; a newline is a line break."""
    spans: list[Span] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if number:
            spans.append(Span("\n", br=True))
        if line:
            spans.extend(_parse_line(line))
    return _merge(spans)


def _parse_line(line: str) -> Iterator[Span]:
    tokens = _parser().parseInline(line)
    bold = italic = 0
    href: str | None = None
    ref: str | None = None
    ref_text = ""
    for token in tokens[0].children or []:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            target = str(token.attrs.get("href", ""))
            if target.startswith("#"):
                ref, ref_text = target[1:], ""
            else:
                href = target
        elif kind == "link_close":
            if ref is not None:
                yield Span(ref_text, bold > 0, italic > 0, ref=ref)
                ref = None
            href = None
        elif kind in ("text", "code_inline", "html_inline"):
            if ref is not None:
                ref_text += token.content
            elif token.content:
                yield Span(token.content, bold > 0, italic > 0, href, code=kind == "code_inline")
        elif kind in ("softbreak", "hardbreak"):
            yield Span("\n", br=True)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and not span.br and not merged[-1].br and span.ref is None and merged[-1].ref is None and not span.code and not merged[-1].code:
            last = merged[-1]
            if (last.bold, last.italic, last.href) == (span.bold, span.italic, span.href):
                merged[-1] = Span(last.text + span.text, last.bold, last.italic, last.href)
                continue
        merged.append(span)
    return merged


def references(text: str) -> list[str]:
    """Return the ids that a paragraph text refers to with [](#id)."""
    return [span.ref for span in parse_inline(text) if span.ref is not None]


def resolve(spans: list[Span], number_of: Callable[[str], str | None]) -> list[Span]:
    """Give each cross-reference its target's current number.

    ``[](#id)`` prints the number. A reference with words of its own keeps them, linked, and
    the number follows in parentheses: ``[the paragraph on budget](#pz)`` prints "the
    paragraph on budget (1.2)" -- the writer's words are never lost, and a reader of the
    printed record still learns where to look. Words that already end with the right number
    ("paragraph 1.2") get nothing added.
    """
    out = []
    for span in spans:
        if span.ref is not None:
            label = number_of(span.ref)
            if label is None:
                text = span.text or f"#{span.ref}"
            elif not span.text.strip():
                text = label
            elif _ends_with_number(span.text, label):
                text = span.text
            else:
                text = f"{span.text} ({label})"
            out.append(Span(text, span.bold, span.italic, ref=span.ref))
        else:
            out.append(span)
    return out


def _ends_with_number(words: str, label: str) -> bool:
    stripped = words.rstrip()
    return stripped.endswith(label) and not stripped[: -len(label)][-1:].isalnum() and stripped[-len(label) - 1 : -len(label)] != "."


def source_pieces(text: str) -> list[str]:
    """The texts a paragraph's source gives to a reader, in order, before any number is inserted.

    What the no-loss check looks for in every output: plain runs and the words of links and
    cross-references, as written; the numbers ``[](#id)`` prints are derived, not checked here.
    """
    pieces: list[str] = []
    run = ""
    for span in parse_inline(text):
        if span.ref is None:
            run += span.text
            continue
        pieces.append(run)
        pieces.append(span.text)
        run = ""
    pieces.append(run)
    return [piece for piece in pieces if piece.strip()]


def plain_text(spans: list[Span]) -> str:
    """Return the text a reader sees, line breaks as newlines."""
    return "".join(span.text for span in spans)
