"""Reading HTML records (drafting's own, or a page saved from a browser) for the lint.

Every block of the page (paragraph, heading, list item) becomes one paragraph of text in the
layout the text reader knows: a leading number set apart in its own element ("<span
class="num">1.1</span>") or followed by a space becomes a label and a tab; agenda tables become
tab-indented cells. Findings point at the line of the HTML source where the block starts.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.lint import tokens
from drafting.lint.document import Document
from drafting.lint.textfile import decode_text, parse_text
from drafting.numbering import Style

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "caption", "figcaption"}
_CONTAINERS = {"html", "body", "main", "div", "section", "article", "header", "footer", "nav", "aside", "ul", "ol", "dl",
               "table", "thead", "tbody", "tfoot", "form", "fieldset", "details", "center"}
_SKIP = {"head", "script", "style", "template", "noscript", "svg", "math"}
_SPACE = re.compile(r"\s+")


def read_html(path: str, style: Style | None = None) -> Document:
    """Read an HTML page into the document model; locations are lines of the HTML source."""
    import lxml.html
    from lxml import etree

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DraftingError([Problem(Location(path), f"cannot read file: {exc.strerror or exc}")]) from None
    text, _ = decode_text(path, raw)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise DraftingError([Problem(Location(path), f"cannot read HTML: {exc}")]) from None
    lines: list[str] = []
    origins: list[int | None] = []
    _walk(root, lines, origins)
    doc = parse_text(path, "\n".join(lines) + "\n", style, explicit_breaks=True)
    doc.kind = "html"
    declared = (root.get("lang") or "").split("-")[0].lower()

    def origin(line: int | None) -> Location:
        source = origins[line - 1] if line is not None and 0 < line <= len(origins) else None
        return Location(path, source, 1) if source is not None else Location(path)

    for item in doc.items():
        item.location, item.span = origin(item.location.line), None
    for ref in doc.references:
        ref.location, ref.span = origin(ref.location.line), None
    for row in doc.agenda:
        row.location = origin(row.location.line)
    if doc.symbol is not None:
        doc.symbol = (doc.symbol[0], origin(doc.symbol[1].line))
    for block in doc.blocks:
        block.line = origin(block.line).line
    if declared in tokens.LANGUAGE_NAMES:
        doc.language, doc.declared_language = declared, True
    return doc


def _walk(element, lines: list[str], origins: list[int | None]) -> None:  # type: ignore[no-untyped-def]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if not tag or tag in _SKIP:
            continue
        if tag == "tr":
            _row(child, lines, origins)
        elif tag in _BLOCKS or (tag not in _CONTAINERS and not _has_blocks(child)):
            text = _block_text(child)
            if text:
                lines.extend([text, ""])
                origins.extend([child.sourceline, None])
        else:
            _walk(child, lines, origins)


def _has_blocks(element) -> bool:  # type: ignore[no-untyped-def]
    return any(isinstance(e.tag, str) and e.tag.lower() in _BLOCKS | _CONTAINERS | {"tr"} for e in element.iterdescendants())


def _block_text(element) -> str:  # type: ignore[no-untyped-def]
    """The block's text on one line; a leading number in an element of its own becomes a label and a tab."""
    label = None
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        own = (child.text or "").strip()
        if own:
            if tokens.lone_number(own) is not None and "num" in (child.get("class") or "num"):
                label = _SPACE.sub(" ", own)  # "4\u00a0-" as the text below has it
            break
    text = _SPACE.sub(" ", tokens.invisible(element.text_content())).strip()
    if label and text.startswith(label):
        return label + "\t" + text[len(label):].strip()
    return text


def _row(row, lines: list[str], origins: list[int | None]) -> None:  # type: ignore[no-untyped-def]
    cells = [_SPACE.sub(" ", tokens.invisible(cell.text_content())).strip() for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]
    if not any(cells):
        return
    for cell in cells:  # the layout of a table copied as text: each cell on a tab-indented line
        lines.append("\t" + cell if cell else "\t-")
        origins.append(row.sourceline)
    lines.append("")
    origins.append(None)
