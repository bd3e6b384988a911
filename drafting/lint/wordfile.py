"""Reading Word (.docx) records: typed numbers, Word list numbering, the agenda table, headings.

The package is read with zipfile and lxml directly (rather than through python-docx's object
model) so that Strict OOXML, odd relationship targets and schema-invalid files either give a
result or a clear error, and so that the renumberer can rewrite one part and copy every other
part byte for byte.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

from drafting.archive import open_word_archive, read_error
from drafting.diagnostics import DraftingError, Location, Problem
from drafting.lint import tokens
from drafting.lint.document import AgendaRow, Block, Document, Item, Section, TextReference
from drafting.numbering import Style

TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _read_error(path: str, why: str) -> DraftingError:
    return DraftingError([Problem(Location(path), f"cannot read Word file: {why}")])


@dataclass
class Package:
    """An opened .docx: the zip, the main part's name and parsed tree, and the paragraphs read."""

    path: str
    zip: zipfile.ZipFile
    main: str
    tree: etree._ElementTree
    ns: str
    paragraphs: list[etree._Element] = field(default_factory=list)  # index = Item.anchor
    bookmark_ids: dict[str, str] | None = None  # a built DOCX's bookmark-to-id table, once read (importer)

    def q(self, name: str) -> str:
        """Qualified name in the document's WordprocessingML namespace."""
        return f"{{{self.ns}}}{name}"


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return archive.read(info)  # a BoundedZipFile: sizes are measured while decompressing (drafting.limits)


def _relationships(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Map relationship type suffix ('officeDocument', 'numbering', 'styles') to part name."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels") if source else "_rels/.rels"
    raw = _part(archive, rels_name)
    if raw is None:
        return {}
    out: dict[str, str] = {}
    for rel in etree.fromstring(raw, _PARSER):
        if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(kind, name)
    return out


def open_package(path: str) -> Package:
    """Open a .docx and parse its main document part; raise DraftingError with the reason if impossible."""
    try:
        archive = open_word_archive(path)
    except FileNotFoundError:
        raise DraftingError([Problem(Location(path), "cannot read file: No such file or directory")]) from None
    except OSError as exc:
        raise DraftingError([Problem(Location(path), f"cannot read file: {exc.strerror or exc}")]) from None
    except zipfile.BadZipFile:
        raise _read_error(path, "not a Word 2007+ package (not a ZIP file); save it as .docx") from None
    try:
        main = _relationships(archive, "").get("officeDocument")
        if main is None:
            main = "word/document.xml" if "word/document.xml" in archive.namelist() else None
        raw = _part(archive, main) if main else None
        if raw is None:
            raise ValueError("the package has no main document part (word/document.xml)")
        tree = etree.ElementTree(etree.fromstring(raw, _PARSER))
    except DraftingError:
        raise
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error, OSError) as exc:
        archive.close()
        raise _read_error(path, read_error(exc)) from None
    root = tree.getroot()
    ns = etree.QName(root).namespace or ""
    if ns not in (TRANSITIONAL, STRICT):
        archive.close()
        raise _read_error(path, f"the main part is not WordprocessingML (root element {root.tag})")
    return Package(path, archive, main, tree, ns)


def paragraph_pieces(pkg: Package, paragraph: etree._Element) -> list[tuple[etree._Element | None, str]]:
    """The visible text of a paragraph as (w:t element or None, text) pieces, in reading order."""
    q = pkg.q
    text_tag, tab, br, cr = q("t"), q("tab"), q("br"), q("cr")
    skip = {q("p"), q("tbl"), q("txbxContent"), q("del"), q("moveFrom"), q("pPr"), q("rPr"), q("instrText"),
            q("delText"), q("footnoteReference"), q("endnoteReference"), f"{{{_MC}}}AlternateContent"}
    pieces: list[tuple[etree._Element | None, str]] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag == text_tag:
                # Without word joiners (invisible; typography joins symbols with them), so that
                # symbols read as typed. A renumbered w:t loses the ones it held, no more.
                pieces.append((child, tokens.invisible(child.text or "")))
            elif tag == tab:
                pieces.append((None, "\t"))
            elif tag in (br, cr):
                pieces.append((None, "\n"))
            elif tag == q("noBreakHyphen"):
                pieces.append((None, "-"))
            else:
                walk(child)

    walk(paragraph)
    return pieces


class _ListNumbers:
    """Word list numbering: the label Word shows for a paragraph with w:numPr (decimal formats only)."""

    def __init__(self, pkg: Package, rels: dict[str, str]) -> None:
        self.pkg = pkg
        self.nums: dict[str, tuple[str, dict[str, int]]] = {}
        self.levels: dict[tuple[str, str], tuple[int, str, str]] = {}
        self.style_num: dict[str, tuple[str, str]] = {}
        self.heading_styles: set[str] = set()
        self.counters: dict[str, list[int]] = {}
        q = pkg.q
        raw = _part(pkg.zip, rels["numbering"]) if "numbering" in rels else None
        if raw is not None:
            root = etree.fromstring(raw, _PARSER)
            for abstract in root.iter(q("abstractNum")):
                a_id = abstract.get(q("abstractNumId")) or ""
                for lvl in abstract.iter(q("lvl")):
                    start = lvl.find(q("start"))
                    fmt = lvl.find(q("numFmt"))
                    text = lvl.find(q("lvlText"))
                    self.levels[(a_id, lvl.get(q("ilvl")) or "0")] = (
                        _int(start.get(q("val")) if start is not None else "1", 1),
                        fmt.get(q("val")) if fmt is not None else "decimal",
                        text.get(q("val")) if text is not None else "",
                    )
            for num in root.iter(q("num")):
                ref = num.find(q("abstractNumId"))
                overrides = {}
                for override in num.iter(q("lvlOverride")):
                    start = override.find(q("startOverride"))
                    if start is not None:
                        overrides[override.get(q("ilvl")) or "0"] = _int(start.get(q("val")), 1)
                self.nums[num.get(q("numId")) or ""] = (ref.get(q("val")) if ref is not None else "", overrides)
        raw = _part(pkg.zip, rels["styles"]) if "styles" in rels else None
        if raw is not None:
            root = etree.fromstring(raw, _PARSER)
            for style in root.iter(q("style")):
                style_id = style.get(q("styleId")) or ""
                name = style.find(q("name"))
                label = (name.get(q("val")) if name is not None else "") or style_id
                if re.match(r"(?i)(heading|title|h\d)", label) or style.find(f"{q('pPr')}/{q('outlineLvl')}") is not None:
                    self.heading_styles.add(style_id)
                num_pr = style.find(f"{q('pPr')}/{q('numPr')}")
                if num_pr is not None:
                    num_id = num_pr.find(q("numId"))
                    ilvl = num_pr.find(q("ilvl"))
                    if num_id is not None:
                        self.style_num[style_id] = (num_id.get(q("val")) or "", ilvl.get(q("val")) if ilvl is not None else "0")

    def label(self, paragraph: etree._Element) -> str | None:
        """Advance the list counters and return the paragraph's list label, if it has a decimal one."""
        q = self.pkg.q
        ppr = paragraph.find(q("pPr"))
        num_id = ilvl = None
        if ppr is not None:
            num_pr = ppr.find(q("numPr"))
            if num_pr is not None:
                n = num_pr.find(q("numId"))
                lv = num_pr.find(q("ilvl"))
                num_id = n.get(q("val")) if n is not None else None
                ilvl = lv.get(q("val")) if lv is not None else None
            style = ppr.find(q("pStyle"))
            if num_id is None and style is not None and style.get(q("val")) in self.style_num:
                num_id, style_ilvl = self.style_num[style.get(q("val")) or ""]
                ilvl = ilvl or style_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        level = min(max(_int(ilvl or "0", 0), 0), 8)
        abstract, overrides = self.nums[num_id]
        counters = self.counters.setdefault(num_id, [0] * 9)
        starts = [overrides.get(str(i), self.levels.get((abstract, str(i)), (1, "", ""))[0]) for i in range(9)]
        counters[level] = (counters[level] + 1) if counters[level] else starts[level]
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        _, fmt, text = self.levels.get((abstract, str(level)), (1, "decimal", f"%{level + 1}."))
        if fmt not in ("decimal", "decimalZero") or not text:
            return None
        return re.sub(r"%([1-9])", lambda m: str(counters[int(m.group(1)) - 1] or starts[int(m.group(1)) - 1]), text)

    def is_heading(self, paragraph: etree._Element) -> bool:
        """True when the paragraph's style is a heading style."""
        q = self.pkg.q
        style = paragraph.find(f"{q('pPr')}/{q('pStyle')}")
        return style is not None and style.get(q("val")) in self.heading_styles


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


def _blocks(pkg: Package, container: etree._Element) -> Iterator[etree._Element]:
    """Body-level paragraphs and tables in order, looking inside content controls."""
    for child in container:
        tag = child.tag
        if tag in (pkg.q("p"), pkg.q("tbl")):
            yield child
        elif tag in (pkg.q("sdt"), pkg.q("customXml"), pkg.q("sdtContent")):
            yield from _blocks(pkg, child)


def _cell_texts(pkg: Package, row: etree._Element) -> list[str]:
    cells = []
    for cell in row.iter(pkg.q("tc")):
        texts = ["".join(t for _, t in paragraph_pieces(pkg, p)) for p in cell.iter(pkg.q("p"))]
        cells.append(" ".join(t.strip() for t in texts if t.strip()))
    return cells


def read_word(path: str, style: Style | None = None) -> tuple[Document, Package]:
    """Read a .docx into the document model; raise DraftingError if it cannot be read."""
    pkg = open_package(path)
    try:
        return _read(pkg, style), pkg
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
        pkg.zip.close()
        raise _read_error(path, read_error(exc)) from None


@dataclass
class _Para:
    index: int
    element: etree._Element
    text: str
    start: int
    token: tokens.NumberToken | None
    auto: str | None
    heading_style: bool


def _read(pkg: Package, forced: Style | None) -> Document:
    body = pkg.tree.getroot().find(pkg.q("body"))
    if body is None:
        raise ValueError("the document has no body")
    lists = _ListNumbers(pkg, _relationships(pkg.zip, pkg.main))
    doc = Document(pkg.path, "docx", forced or Style.ITU, [])
    entries: list[_Para | list[str]] = []
    for element in _blocks(pkg, body):
        if element.tag == pkg.q("tbl"):
            rows = [_cell_texts(pkg, row) for row in element.iter(pkg.q("tr"))]
            entries.append([" \t ".join(r) for r in rows])
            if not doc.agenda and sum(1 for r in rows if r and r[0].strip().isdigit()) >= max(1, len(rows) // 2):
                for row in rows:
                    if row and row[0].strip().isdigit():
                        doc.agenda.append(AgendaRow(row[0].strip(), row[1] if len(row) > 1 else "",
                                                    tokens.document_symbols(row[2]) if len(row) > 2 else [], Location(pkg.path)))
            continue
        index = len(pkg.paragraphs)
        pkg.paragraphs.append(element)
        text = "".join(t for _, t in paragraph_pieces(pkg, element))
        start = len(text) - len(text.lstrip(" \u3000"))
        heading_style = lists.is_heading(element)
        auto = lists.label(element)
        token = None if auto else tokens.number_at(text, start, loose=heading_style)
        if auto:
            token = tokens.number_at(auto + "\t" + (text or "x"), 0)
        entries.append(_Para(index, element, text, start, token, auto, heading_style))
    paras = [e for e in entries if isinstance(e, _Para)]
    style = forced or tokens.detect_style([p.token for p in paras if p.token])
    doc.style = style
    in_body = False
    current: Item | None = None
    # A UN record whose headings carry no mark (no paragraph in bold or a heading style: a text opened in
    # Word) has them as a text has: an unnumbered line that ends no sentence, after a paragraph.
    unmarked = style is Style.UN and not any(p.heading_style or _all_bold(pkg, p.element) for p in paras if p.token is None and p.text.strip())
    for entry in entries:
        if isinstance(entry, list):
            for row in entry:
                doc.blocks.append(Block(row, "agenda" if not in_body else "other"))
            continue
        p = entry
        # The paragraph as the proofreader sees it in Word (its number included), not its index.
        shown = (p.auto + " " + p.text.strip()) if p.auto else p.text.strip()
        where = f'at "{_excerpt(shown)}"'
        block = Block(p.text, "other")
        doc.blocks.append(block)
        if not p.text.strip():
            continue
        if not in_body and doc.symbol is None:
            match = tokens.SYMBOL.search(p.text)
            if match:
                doc.symbol = (match.group(), Location(pkg.path))
        token = p.token
        is_heading = token is not None and (p.heading_style or (style is Style.ITU and not token.dotted))
        if style is Style.UN:
            is_heading = token is None and in_body and (p.heading_style or _all_bold(pkg, p.element) or (
                unmarked and current is not None and current.kind == "paragraph" and not tokens.SENTENCE_END.search(p.text.strip())
                and not _SUBLABEL.match(p.text.strip())))
        if is_heading:
            in_body = True
            text = p.text[token.end + len(token.separator) + (1 if token.trailing_dot else 0):] if token and not p.auto else p.text[p.start:]
            current = _item(pkg.path, "heading", p, token, text.strip(), where, len(doc.blocks) - 1)
            current.numbered = style is Style.ITU
            title, documents = tokens.split_heading(current.text)
            doc.sections.append(Section(current, [], title, documents))
            block.kind, block.item = "heading", current
        elif token is not None and (in_body or style is Style.UN):
            in_body = True
            if not doc.sections:
                doc.sections.append(Section(None))
            # The separator may be the UN Arabic " - " ('1\u00a0-\t'): its dash is part of the label, not of the text.
            dashed = "-" in token.separator or "\u2013" in token.separator
            body_text = (_DASHED_REST if dashed else _LABEL_REST).sub("", p.text[token.end:], count=1) if not p.auto else p.text.strip()
            current = _item(pkg.path, "paragraph", p, token, body_text, where, len(doc.blocks) - 1)
            doc.sections[-1].paragraphs.append(current)
            block.kind, block.item = "paragraph", current
        elif in_body:
            current = _item(pkg.path, "paragraph", p, None, p.text.strip(), where, len(doc.blocks) - 1)
            doc.sections[-1].paragraphs.append(current)
            block.kind, block.item = "paragraph", current
        if in_body:
            for ref in tokens.find_references(p.text):
                doc.references.append(TextReference(ref.number, Location(pkg.path), (ref.start, ref.end), p.index, where, len(doc.blocks) - 1, core=ref.core))
    doc.language = tokens.detect_language("\n".join(p.text for p in paras))
    return doc


_SUBLABEL = re.compile(r"\(?(?:[a-z]{1,2}|[ivx]{1,5})\)")
_LABEL_REST = re.compile("^[. \t\u00a0\u3000\uff0e]*")
_DASHED_REST = re.compile(f"^[{tokens.BIDI}]*[.\uff0e]?[ \t\u00a0\u3000]*[-\u2013][{tokens.BIDI}]*[ \t\u00a0]*")


def _excerpt(text: str, length: int = 45) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def _all_bold(pkg: Package, paragraph: etree._Element) -> bool:
    runs = [r for r in paragraph.iter(pkg.q("r")) if "".join(t.text or "" for t in r.iter(pkg.q("t"))).strip()]
    # '<w:b w:val="0"/>' is bold turned off (Word writes it when a run is unbolded): not bold.
    return bool(runs) and all((b := r.find(f"{pkg.q('rPr')}/{pkg.q('b')}")) is not None and b.get(pkg.q("val"), "true") not in ("0", "false", "off")
                              for r in runs)


def _item(path: str, kind: str, p: _Para, token: tokens.NumberToken | None, text: str, where: str, block: int) -> Item:
    location = Location(path)
    if token is None:
        return Item(kind, location, text, numbered=False, where=where, block=block, anchor=p.index)
    if p.auto:
        return Item(kind, location, text, numbered=True, core=token.core, value=token.value, where=where, block=block, anchor=p.index, auto=True)
    return Item(kind, location, text, numbered=True, core=token.core, value=token.value, confusions=token.confusions,
                span=(token.start, token.end), anchor=p.index, where=where, block=block)
