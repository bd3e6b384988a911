"""What the lint's PDF reader leaves out, from word positions: the line breaks of each paragraph,
the columns of the masthead and of the signature block."""

from __future__ import annotations

from functools import lru_cache

from drafting.lint.document import Document
from drafting.lint.pdffile import Line as LayoutLine
from drafting.lint.pdffile import Paragraph, PdfLayout, join_lines, paragraphs, read_layout


@lru_cache(maxsize=4)
def _layout(path: str) -> tuple[PdfLayout, list[Paragraph]]:
    layout = read_layout(path)
    return layout, paragraphs(layout)


def _flat(text: str) -> str:
    return "".join(text.split())


def block_paragraphs(path: str, doc: Document) -> dict[int, Paragraph]:
    """Block index -> the printed paragraph it was read from, matched by text in reading order.

    The lint's reader joins a paragraph's lines with spaces; the importer needs where lines break
    (no space between two lines of Chinese, a UN heading set as the last line of a paragraph).
    """
    _, found = _layout(path)
    out: dict[int, Paragraph] = {}
    cursor = 0
    for index, block in enumerate(doc.blocks):
        want = _flat(block.text)
        if not want:
            continue
        for ahead in range(cursor, min(cursor + 8, len(found))):
            paragraph = found[ahead]
            if _flat((paragraph.label or "") + paragraph.text) == want:
                out[index] = paragraph
                cursor = ahead + 1
                break
    return out


def broken_text(paragraph: Paragraph, text: str) -> str:
    """``text`` (the paragraph's text as the lint read it, maybe without a leading number) with the PDF's line breaks."""
    whole = "\n".join(paragraph.parts)
    flat_text = _flat(text)
    # Walk the printed text until as many non-space characters as precede ``text`` are passed.
    skip = len(_flat(paragraph.text)) - len(flat_text)
    if skip < 0 or not _flat(paragraph.text).endswith(flat_text):
        return text
    position = 0
    while skip > 0 and position < len(whole):
        if not whole[position].isspace():
            skip -= 1
        position += 1
    return whole[position:].lstrip(" \t")


def _pieces(line: LayoutLine) -> list[tuple[float, str]]:
    """The line cut where a gap wider than three times the type size parts two columns: (aligned edge, text)."""
    words = line.words
    if not words:
        return []
    out: list[list[object]] = [[words[0]]]
    for before, word in zip(words, words[1:]):
        gap = (before.x0 - word.x1) if line.rtl else (word.x0 - before.x1)
        if gap > 3 * max(line.size, 1.0):
            out.append([word])
        else:
            out[-1].append(word)
    result = []
    for group in out:
        edge = max(w.x1 for w in group) if line.rtl else min(w.x0 for w in group)  # type: ignore[attr-defined]
        result.append((edge, " ".join(w.text for w in group)))  # type: ignore[attr-defined]
    return result


def _wrapped(paragraph: Paragraph, left: float, right: float) -> list[str]:
    """A paragraph's printed lines, one a masthead line (the time and chair lines are set as one block),
    but a line the typesetter wrapped (the next word would not have fitted on it) or a line that starts
    with a bracket ('(continued)', '(Documents …)') continues the line above."""
    out: list[str] = []
    previous: LayoutLine | None = None
    for part, (_, line) in zip(paragraph.parts, paragraph.lines):
        wrapped = False
        if previous is not None:
            room = 0.3 * previous.size + line.first_width()
            # Wrapped: the line above is full and this one starts at the column's edge (a centred
            # time line as wide as the column is followed by a centred chair line, not a continuation).
            if previous.rtl:
                wrapped = previous.x0 - room < left + 2 and line.x1 > right - 2
            else:
                wrapped = previous.x1 + room > right - 2 and line.x0 < left + 2
        if out and (wrapped or part.lstrip().startswith(("(", "（"))):
            out[-1] += "\n" + part
        else:
            out.append(part)
        previous = line
    return out


def masthead_lines(path: str, paragraphs_: list[Paragraph | str]) -> list[str]:
    """The masthead's printed lines, two columns set side by side read one column after the other.

    A masthead prints the body and session in one column and the symbol, date and original
    language in the other, on the same baselines: the first column's lines come first, then the
    second's, as a masthead is read (and as the Word template lays it out in a table).
    """
    layout, _ = _layout(path)
    full = [line for page in layout.pages for line in page.lines if line.role == "body" and len(line.raw) > 3]
    right = max((line.x1 for line in full), default=0.0)  # the column's edges: where justified lines end
    left = min((line.x0 for line in full), default=0.0)
    before: list[str] = []
    first: list[str] = []
    second: list[str] = []
    after: list[str] = []
    cuts = [[_pieces(line) for _, line in p.lines] if not isinstance(p, str) else None for p in paragraphs_]
    edges = [pieces[1][0] for lines in cuts if lines for pieces in lines if len(pieces) > 1]
    for paragraph, lines in zip(paragraphs_, cuts):
        if lines is None or not edges or after:
            (after if first else before).extend([paragraph] if isinstance(paragraph, str) else _wrapped(paragraph, left, right))
            continue
        for pieces in lines:
            aligned = len(pieces) == 1 and any(abs(pieces[0][0] - edge) < 2 for edge in edges)
            if not after and (len(pieces) > 1 or (first and aligned)):
                if len(pieces) > 1:
                    first.append(pieces[0][1])
                second.extend(text for _, text in pieces[1 if len(pieces) > 1 else 0:])
            elif first:
                after.append(" ".join(text for _, text in pieces))
            else:
                before.append(" ".join(text for _, text in pieces))
    return before + first + second + after


def signature_names(path: str, roles_line: str, names_line: str, count: int) -> list[str] | None:
    """Split the names line under ``count`` role columns by where its words are drawn; None if not found."""
    layout, _ = _layout(path)
    # In reading order over pages: the roles may end one page and the names begin the next.
    lines = [ln for page in layout.pages for ln in page.lines if ln.role == "body"]
    for upper, lower in reversed(list(zip(lines, lines[1:]))):
        if "".join(upper.text.split()) != "".join(roles_line.split()) or "".join(lower.text.split()) != "".join(names_line.split()):
            continue
        roles = sum(1 for word in upper.words if word.text.endswith((":", "：")))
        words = lower.words
        if roles != count or len(words) < count:
            return None
        # The columns are where the widest gaps between the names' words are (tab stops differ per line);
        # words are in reading order, right to left in Arabic.
        def gap(i: int) -> float:
            return words[i - 1].x0 - words[i].x1 if lower.rtl else words[i].x0 - words[i - 1].x1

        gaps = sorted(range(1, len(words)), key=gap, reverse=True)[: count - 1]
        spaces = sorted(gap(i) for i in range(1, len(words)))
        typical = spaces[len(spaces) // 2] if spaces else 0.0
        if any(gap(i) <= 2 * max(typical, 1.0) for i in gaps) and len(words) > count:
            return None
        cuts = [0, *sorted(gaps), len(words)]
        return [" ".join(w.text for w in words[a:b]) for a, b in zip(cuts, cuts[1:])]
    return None


def page_one_symbol(path: str) -> list[str]:
    """Lines at the top of page 1 that the PDF reader set aside as a running head because they hold only a
    document symbol: a record typed in Word opens with its symbol alone on the first line ('CCPR/C/SR.3905')."""
    from drafting.lint.pdffile import _SYMBOL_HEAD  # noqa: PLC2701 - the reader's own test of a symbol line

    layout, _ = _layout(path)
    out: list[str] = []
    for line in layout.pages[0].lines if layout.pages else []:
        if line.role == "body":
            break
        if line.role == "furniture" and _SYMBOL_HEAD.fullmatch(line.text) and "/" in line.text:
            out.append(line.text.strip())
    return out


def page_one_footnote(path: str) -> str | None:
    """The text of page 1's footnote (the UN corrections note, called by '*' after the title), without its mark."""
    layout, _ = _layout(path)
    if not layout.pages:
        return None
    lines = [line.text for line in layout.pages[0].lines if line.role == "footnote"]
    if not lines:
        return None
    text = " ".join(join_lines(lines)[0].split())  # Chinese lines join without a space, hyphenated words whole
    return text.removeprefix("*").strip() or None
