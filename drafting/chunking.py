"""pandoc in pieces: a long record DOCX is read, shaped and written a few sections at a time.

pandoc holds a whole document in memory several times over: reading the DOCX of a record of
20,000 paragraphs took 1.1 GB, writing its HTML 0.8 GB, and this process held the JSON tree
in between. A record longer than ``CHUNK_BLOCKS`` body elements is cut into DOCX files of
about that many elements each, before a section heading (so that no section, table or list is
cut): each keeps the whole package (styles, numbering, relationships, settings) with its part
of the body. pandoc reads one chunk, the record is shaped (drafting.html.Shaper, one instance
for all chunks: its ids and paragraph queues carry over), pandoc writes the chunk's HTML, and
only that HTML is kept; the page template is filled once at the end. The HTML is the same as
from one pandoc run (tests/test_bounded_memory.py compares both on every example). A DOCX
that calls Word footnotes or endnotes after its first chunk (pandoc's writer numbers them across
the whole document) is converted whole; the UN page-1 footnote, called from the title, is not.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypandoc
from lxml import etree

# Body elements (paragraphs, tables) after which a chunk is cut at the next section heading:
# a chunk of 1,200 paragraphs took pandoc 180 MB to read and as much to write (the whole
# 20,000: 1,130 and 775 MB).
CHUNK_BLOCKS = 1000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"
_MARKER = "<!--drafting-body-->"
_READER = "docx+styles"


def read_ast(path: Path) -> dict[str, Any]:
    """Read a DOCX into pandoc's JSON AST, keeping paragraph styles as custom-style attributes."""
    return json.loads(pypandoc.convert_file(str(path), "json", format=_READER))


def _heading_style(archive: zipfile.ZipFile) -> str:
    """The style id of "Record Heading" in the package's styles ('RecordHeading' in the template's)."""
    try:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    except KeyError:
        return "RecordHeading"
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None and name.get(f"{_W}val") == "Record Heading":
            return style.get(f"{_W}styleId") or "RecordHeading"
    return "RecordHeading"


def _has_notes(archive: zipfile.ZipFile) -> bool:
    """True when the package has Word footnotes or endnotes (ids above the two separators)."""
    for part, tag in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
        if part in archive.namelist():
            root = etree.fromstring(archive.read(part))
            if any(int(note.get(f"{_W}id", "0")) > 0 for note in root.iter(f"{_W}{tag}")):
                return True
    return False


def _calls_notes(elements: list[Any]) -> bool:
    """True when any of ``elements`` calls a footnote or an endnote."""
    calls = (f"{_W}footnoteReference", f"{_W}endnoteReference")
    return any(node.tag in calls for element in elements for node in element.iter())


def _cuts(body: list[Any], heading: str, size: int) -> list[int]:
    """Where to cut the body: before the first section heading at or after every ``size`` elements."""
    cuts = [0]
    for index, element in enumerate(body):
        if index - cuts[-1] < size or element.tag != f"{_W}p":
            continue
        style = element.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val") == heading:
            cuts.append(index)
    return cuts


def _chunks(path: Path, size: int, scratch: Path) -> list[Path] | None:
    """Write the chunks of a DOCX longer than ``size`` body elements; None when it is converted whole."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if _DOCUMENT not in names:
            return None
        root = etree.fromstring(archive.read(_DOCUMENT), etree.XMLParser(huge_tree=True))
        body = root.find(f"{_W}body")
        if body is None:
            return None
        children = list(body)
        section = children.pop() if children and children[-1].tag == f"{_W}sectPr" else None
        if len(children) <= size:
            return None
        cuts = _cuts(children, _heading_style(archive), size)
        if len(cuts) == 1 or (_has_notes(archive) and _calls_notes(children[cuts[1]:])):
            return None
        for child in children:
            body.remove(child)
        paths = []
        for number, (start, end) in enumerate(zip(cuts, cuts[1:] + [len(children)])):
            body[:] = children[start:end] + ([section] if section is not None else [])
            target = scratch / f"chunk-{number}.docx"
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
                for info in archive.infolist():
                    if info.filename == _DOCUMENT:
                        out.writestr(_DOCUMENT, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
                    else:
                        out.writestr(info.filename, archive.read(info.filename))
            paths.append(target)
        return paths


def _html_of_blocks(api: Any, blocks: list[Any]) -> str:
    """pandoc's HTML of a list of blocks, without the page template."""
    tree = json.dumps({"pandoc-api-version": api, "meta": {}, "blocks": blocks})
    return pypandoc.convert_text(tree, "html5", format="json", extra_args=["--wrap=none"])


def convert(path: Path, shape: Callable[[list[Any]], list[Any]], meta: dict[str, Any], template: Path,
            size: int = CHUNK_BLOCKS) -> str:
    """The HTML of a record DOCX: pandoc's blocks through ``shape``, in the page ``template`` with ``meta``.

    A DOCX of more than ``size`` body elements goes through pandoc a chunk at a time.
    """
    args = ["--template", str(template), "--wrap=none"]
    with tempfile.TemporaryDirectory(prefix="drafting-chunks-") as scratch:
        chunks = _chunks(path, size, Path(scratch))
        if chunks is None:
            ast = read_ast(path)
            ast["blocks"] = shape(ast["blocks"])
            ast["meta"] = meta
            return pypandoc.convert_text(json.dumps(ast), "html5", format="json", extra_args=args)
        api: Any = None
        pieces = []
        for chunk in _each_read(chunks):
            api = chunk["pandoc-api-version"]
            pieces.append(_html_of_blocks(api, shape(chunk["blocks"])).rstrip("\n"))
    frame = {"pandoc-api-version": api, "meta": meta, "blocks": [{"t": "RawBlock", "c": ["html", _MARKER]}]}
    page = pypandoc.convert_text(json.dumps(frame), "html5", format="json", extra_args=args)
    before, found, after = page.partition(_MARKER)
    assert found, "the page template has no $body$"
    return before + "\n".join(pieces) + after


def _each_read(chunks: list[Path]) -> Iterator[dict[str, Any]]:
    """pandoc's AST of each chunk in turn (one in memory at a time), each file removed once read."""
    for chunk in chunks:
        ast = read_ast(chunk)
        chunk.unlink()
        yield ast
