"""What the lint's Word reader leaves out: runs as Markdown, bookmarks, the masthead table, notes."""

from __future__ import annotations

import re

from lxml import etree

from drafting.importer.inline import Run
from drafting.importer.masthead import Line
from drafting.lint.wordfile import Package, _PARSER, _part, _relationships, paragraph_pieces  # noqa: PLC2701 - one Word reader

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD_BOOKMARK = re.compile(r"^(?:_|OLE_LINK)")


def hyperlinks(pkg: Package) -> dict[str, str]:
    """Relationship id -> external URL of the main part's hyperlinks."""
    folder = pkg.main.rsplit("/", 1)[0]
    raw = _part(pkg.zip, f"{folder}/_rels/{pkg.main.rsplit('/', 1)[-1]}.rels")
    out: dict[str, str] = {}
    if raw is None:
        return out
    for rel in etree.fromstring(raw, _PARSER):
        if isinstance(rel.tag, str) and rel.get("TargetMode") == "External":
            out[rel.get("Id") or ""] = rel.get("Target") or ""
    return out


def _flag(rpr: etree._Element | None, pkg: Package, name: str) -> bool:
    if rpr is None:
        return False
    element = rpr.find(pkg.q(name))
    return element is not None and (element.get(pkg.q("val")) or "true") not in ("0", "false", "off", "none")


def runs(pkg: Package, paragraph: etree._Element, links: dict[str, str]) -> list[Run]:
    """The paragraph's text as formatted runs, in the order the lint's reader reads its text."""
    out: list[Run] = []
    pieces = paragraph_pieces(pkg, paragraph)
    owner: dict[int, etree._Element] = {}
    for element, _ in pieces:
        if element is not None:
            owner[id(element)] = element
    for element, text in pieces:
        if element is None:
            out.append(Run(text if text != "\t" else "\t"))
            continue
        run = element.getparent()
        rpr = run.find(pkg.q("rPr")) if run is not None else None
        href = None
        ancestor = run.getparent() if run is not None else None
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag == pkg.q("hyperlink"):
                href = links.get(ancestor.get(f"{{{_R}}}id") or "")
                break
            ancestor = ancestor.getparent()
        out.append(Run(text, _flag(rpr, pkg, "b"), _flag(rpr, pkg, "i"), href or None))
    return out


def bookmarks(pkg: Package, paragraph: etree._Element) -> list[str]:
    """The record ids of a paragraph's bookmarks (not Word's own _Hlk, _GoBack, OLE_LINK): a name Word
    could not hold ('agenda-adopted' is bookmarked 'agenda_adopted') is given back from the table a
    built DOCX carries (drafting.bookmarks)."""
    names = [b.get(pkg.q("name")) or "" for b in paragraph.iter(pkg.q("bookmarkStart"))]
    table = _id_table(pkg)
    return [table.get(n, n) for n in names if n and not _WORD_BOOKMARK.match(n) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,39}", n)]


def _id_table(pkg: Package) -> dict[str, str]:
    """The bookmark-to-id table of a built DOCX's settings ({} for a DOCX typed in Word), read once a package."""
    if pkg.bookmark_ids is None:
        from drafting import bookmarks as names

        pkg.bookmark_ids = {}
        part = _relationships(pkg.zip, pkg.main).get("settings")
        raw = _part(pkg.zip, part) if part else None
        if raw is not None:
            try:
                pkg.bookmark_ids = names.load(etree.fromstring(raw, _PARSER))
            except etree.XMLSyntaxError:
                pass
    return pkg.bookmark_ids


def text_of(pkg: Package, paragraph: etree._Element) -> str:
    """Visible text of a paragraph."""
    return "".join(t for _, t in paragraph_pieces(pkg, paragraph))


def masthead_lines(pkg: Package, stop: etree._Element | None, agenda_rows: int) -> tuple[list[Line], int]:
    """Lines above the first heading or paragraph: each paragraph, each cell paragraph of a layout table.

    Returns the lines and how many images were seen (the logo, usually).
    """
    body = pkg.tree.getroot().find(pkg.q("body"))
    lines: list[Line] = []
    images = 0
    if body is None:
        return lines, images
    for element in body.iter(pkg.q("p"), pkg.q("tbl")):
        if stop is not None and element is stop:
            break
        if element.tag == pkg.q("tbl"):
            continue
        if any(a.tag == pkg.q("tbl") for a in element.iterancestors()):
            table = next(a for a in element.iterancestors() if a.tag == pkg.q("tbl"))
            rows = table.findall(pkg.q("tr"))
            first_cells = [_first_cell(pkg, r) for r in rows]
            if agenda_rows and sum(1 for c in first_cells if c.strip().isdigit()) >= max(1, len(rows) // 2):
                continue  # the agenda table, read by the lint
        images += sum(1 for _ in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
        text = text_of(pkg, element)
        if text.strip():
            lines.append(Line(text, bookmarks(pkg, element)))
    return lines, images


def _first_cell(pkg: Package, row: etree._Element) -> str:
    cell = row.find(pkg.q("tc"))
    return "".join(t.text or "" for t in cell.iter(pkg.q("t"))) if cell is not None else ""


def notes(pkg: Package) -> tuple[dict[str, str], list[str]]:
    """Texts of the footnotes part by footnote id, and of the page footers."""
    rels = _relationships(pkg.zip, pkg.main)
    footnotes: dict[str, str] = {}
    raw = _part(pkg.zip, rels["footnotes"]) if "footnotes" in rels else None
    if raw is not None:
        root = etree.fromstring(raw, _PARSER)
        for note in root.iter(pkg.q("footnote")):
            if note.get(pkg.q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(text_of(pkg, p).strip() for p in note.iter(pkg.q("p"))).strip()
            if text:
                footnotes[note.get(pkg.q("id")) or str(len(footnotes))] = text
    footers: list[str] = []
    for name in pkg.zip.namelist():
        if re.fullmatch(r"word/footer\d*\.xml", name):
            raw = _part(pkg.zip, name)
            if raw is None:
                continue
            root = etree.fromstring(raw, _PARSER)
            text = " ".join(text_of(pkg, p).strip() for p in root.iter(pkg.q("p"))).strip()
            if text:
                footers.append(text)
    return footnotes, footers


def body_order(pkg: Package) -> list[etree._Element]:
    """Body paragraphs and tables in the order the lint's reader visits them."""
    from drafting.lint.wordfile import _blocks  # noqa: PLC2701 - the same walk as the lint's reader

    body = pkg.tree.getroot().find(pkg.q("body"))
    return list(_blocks(pkg, body)) if body is not None else []


def unmapped(pkg: Package, order: list[etree._Element], after: int, agenda_rows: int,
             footnotes: dict[str, str]) -> list[tuple[int, str, str]]:
    """Tables (other than the agenda), images and footnotes after position ``after``: (position, what, text to keep)."""
    out: list[tuple[int, str, str]] = []
    for position, element in enumerate(order):
        if position <= after:
            continue
        if element.tag == pkg.q("tbl"):
            rows = element.findall(pkg.q("tr"))
            if agenda_rows and sum(1 for r in rows if _first_cell(pkg, r).strip().isdigit()) >= max(1, len(rows) // 2):
                continue
            lines = []
            for row in rows:
                cells = [" ".join(text_of(pkg, p).strip() for p in cell.iter(pkg.q("p")) if text_of(pkg, p).strip())
                         for cell in row.findall(pkg.q("tc"))]
                if any(cells):
                    lines.append(" | ".join(cells))
            if lines:
                out.append((position, "table", "\n".join(lines)))
            continue
        for drawing in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            label = (drawing.get("descr") or drawing.get("title") or drawing.get("name") or "").strip()
            out.append((position, "image", f"[image: {label}]" if label else "[image]"))
        for reference in element.iter(pkg.q("footnoteReference")):
            text = footnotes.pop(reference.get(pkg.q("id")) or "", None)
            if text:
                out.append((position, "footnote", text))
    return out
