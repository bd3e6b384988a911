"""Paragraph text as the record writes it: inline Markdown, escaped where the input meant a literal."""

from __future__ import annotations

import re
from dataclasses import dataclass

# CommonMark reads these as syntax; a backslash keeps them literal.  '<' only before what could be
# an autolink or HTML, '&' only before what could be an entity: elsewhere they stay as typed.
_SYNTAX = re.compile(r"[\\*`\[\]]|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|^[#>+-](?=\s)|^\d+[.)](?=\s)|!(?=\[)")


_URL = re.compile(r"https?://[^\s<>\u3000-\u303f\uff01-\uff60]*[^\s<>.,;:!?)\]'\"\u3000-\u303f\uff01-\uff60]")


def _escape_line(line: str) -> str:
    return _SYNTAX.sub(lambda m: "\\" + m.group(), line)


def escape(text: str, *, autolinks: bool = True) -> str:
    """Escape the characters inline Markdown would read as formatting, line by line; bare URLs become <autolinks>."""
    out = []
    for line in text.split("\n"):
        if not autolinks or "://" not in line:
            out.append(_escape_line(line))
            continue
        pieces, position = [], 0
        for match in _URL.finditer(line):
            pieces += [_escape_line(line[position:match.start()]) if position or match.start() else "", f"<{match.group()}>"]
            position = match.end()
        pieces.append(_escape_line(line[position:]))
        out.append("".join(pieces))
    return "\n".join(out)


@dataclass
class Run:
    """A piece of text with the formatting Word gave it."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


def _wrap(text: str, mark: str) -> str:
    # Markdown emphasis may not start or end inside spaces: keep them outside the markers.
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def markdown(runs: list[Run]) -> str:
    """Join runs into inline Markdown: **bold**, *italic*, [text](url); plain text escaped."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (run.bold, run.italic, run.href):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            merged.append(run)
    out = []
    for run in merged:
        lines = run.text.split("\n")
        pieces = []
        for line in lines:
            piece = escape(line, autolinks=run.href is None)
            if run.bold and run.italic:
                piece = _wrap(piece, "***")
            elif run.bold:
                piece = _wrap(piece, "**")
            elif run.italic:
                piece = _wrap(piece, "*")
            if run.href and line.strip():
                if line.strip() == run.href and not (run.bold or run.italic) and re.fullmatch(r"[a-z]+://[^\s<>]+", run.href):
                    piece = line.replace(run.href, f"<{run.href}>")  # a link that shows its address: an autolink
                else:
                    piece = f"[{piece}]({run.href.replace(' ', '%20').replace(')', '%29').replace('(', '%28')})"
            pieces.append(piece)
        out.append("\n".join(pieces))
    return "".join(out)
