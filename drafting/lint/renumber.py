"""Writing the expected numbers back, like a code formatter: only the number tokens change.

Text files and records are edited as text at the exact offsets of the numbers, so every other
byte (bookmarks, comments, quoting, key order, line endings, encoding) stays as it was; this
keeps more than a ruamel.yaml round trip would (no re-indentation or re-wrapping of long
scalars). Word files get only the w:t elements that hold the numbers rewritten; every other
part of the package is copied byte for byte. Writes are atomic (temp file + os.replace).
"""

from __future__ import annotations

import difflib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.lint import kind_of
from drafting.lint.document import Document
from drafting.lint.rules import Finding, check
from drafting.numbering import Style


@dataclass(frozen=True)
class Edit:
    """Replace ``span`` of container ``anchor`` (None: the file text; int: a Word paragraph) by ``new``."""

    anchor: int | None
    span: tuple[int, int]
    new: str
    old: str
    location: Location
    where: str = ""
    reference: bool = False


@dataclass
class Plan:
    """What renumbering one file would do."""

    path: str
    edits: list[Edit] = field(default_factory=list)
    unresolved: list[Finding] = field(default_factory=list)  # reported, not changed
    before: str = ""
    after: str = ""
    data: bytes | None = None  # the new file content

    @property
    def changed(self) -> bool:
        """True if writing the plan would change the file."""
        return bool(self.edits)

    def diff(self) -> str:
        """A unified diff of the change (paragraph texts for Word files)."""
        lines = difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), self.path, self.path)
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def edits_for(doc: Document, findings: list[Finding]) -> tuple[list[Edit], list[Finding]]:
    """Turn findings into edits; return the edits and the findings that cannot be fixed automatically."""
    edits: list[Edit] = []
    unresolved: list[Finding] = []
    for finding in findings:
        item, ref = finding.item, finding.reference
        if finding.code.startswith("N") and item is not None:
            if item.auto or item.span is None or finding.expected is None:
                unresolved.append(finding)
            else:
                edits.append(Edit(item.anchor, item.span, finding.expected, item.core or "", item.location, item.where))
        elif finding.code == "W203" and ref is not None:
            if finding.expected is not None and ref.span is not None:
                edits.append(Edit(ref.anchor, ref.span, finding.expected, ref.core or ref.number, ref.location, ref.where, reference=True))
            else:
                unresolved.append(finding)
    return edits, unresolved


def splice(text: str, edits: list[Edit]) -> str:
    """Apply edits to a text, from the end so that earlier offsets stay valid."""
    for edit in sorted(edits, key=lambda e: e.span[0], reverse=True):
        start, end = edit.span
        text = text[:start] + edit.new + text[end:]
    return text


def refuse_published(path: str) -> None:
    """PDF and HTML are made from a source: renumbering them would be undone by the next build."""
    kind = kind_of(path)
    if kind not in ("pdf", "html"):
        return
    source = None
    if kind == "pdf":
        from drafting.lint.pdffile import read_layout

        try:
            info = read_layout(path).info
        except DraftingError:
            info = {}
        if info.get("creator") == "drafting":
            source = "the record (.yaml/.json) or .docx it was built from"
    what = source or "the .docx or record it was made from"
    raise DraftingError([Problem(Location(path), f"cannot renumber {'an' if kind == 'html' else 'a'} {kind.upper()}: it is an output; run 'drafting renumber' on {what}, then rebuild ('drafting lint' reads the {kind.upper()} to check it)")])


def plan_file(path: str, style: Style | str | None = None) -> Plan:
    """Work out the renumbering of one file without writing anything."""
    style = Style(style) if style else None
    from drafting.filetype import refuse_special

    refuse_special(path, "renumber")  # it reads the file and writes it back: a pipe or device cannot be either
    refuse_published(path)
    kind = kind_of(path)
    if kind == "docx":
        return _plan_word(path, style)
    raw = _read_bytes(path)
    if kind == "record":
        from drafting.lint.recordfile import read_record

        doc, source = read_record(path, style)
        text = source.text
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""

        def encode(new: str) -> bytes:
            return bom + new.encode("utf-8")
    else:
        from drafting.lint.textfile import decode_text, encode_text, parse_text

        text, encoded = decode_text(path, raw)
        doc = parse_text(path, text, style)

        def encode(new: str) -> bytes:
            return encode_text(new, encoded)
    edits, unresolved = edits_for(doc, check(doc))
    new_text = splice(text, edits)
    plan = Plan(path, edits, unresolved, text, new_text)
    plan.data = encode(new_text) if edits else raw
    return plan


def _plan_word(path: str, style: Style | None) -> Plan:
    from drafting.lint.wordfile import XML_SPACE, paragraph_pieces, read_word

    doc, pkg = read_word(path, style)
    try:
        edits, unresolved = edits_for(doc, check(doc))
        before = "\n".join("".join(t for _, t in paragraph_pieces(pkg, p)) for p in pkg.paragraphs) + "\n"
        if not edits:
            return Plan(path, [], unresolved, before, before, None)
        by_paragraph: dict[int, list[Edit]] = {}
        for edit in edits:
            by_paragraph.setdefault(int(edit.anchor or 0), []).append(edit)
        for index, paragraph_edits in by_paragraph.items():
            paragraph = pkg.paragraphs[index]
            for edit in sorted(paragraph_edits, key=lambda e: e.span[0], reverse=True):
                _edit_runs(paragraph_pieces(pkg, paragraph), edit, XML_SPACE)
        after = "\n".join("".join(t for _, t in paragraph_pieces(pkg, p)) for p in pkg.paragraphs) + "\n"
        info = pkg.tree.docinfo
        xml = etree.tostring(pkg.tree, xml_declaration=True, encoding=info.encoding or "UTF-8", standalone=info.standalone)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for member in pkg.zip.infolist():
                data = xml if member.filename == pkg.main else pkg.zip.read(member)
                target.writestr(member, data, compress_type=member.compress_type)
        return Plan(path, edits, unresolved, before, after, out.getvalue())
    finally:
        pkg.zip.close()


def _edit_runs(pieces: list[tuple[etree._Element | None, str]], edit: Edit, xml_space: str) -> None:
    """Rewrite the w:t elements under ``edit.span``: the new number goes into the first one."""
    start, end = edit.span
    offset = 0
    first = True
    for element, text in pieces:
        piece_start, piece_end = offset, offset + len(text)
        offset = piece_end
        if piece_end <= start or piece_start >= end:
            continue
        if element is None:
            raise DraftingError([Problem(edit.location, f"{edit.where}: the number {edit.old} is split by a tab or line break; fix it by hand")])
        keep_before = text[: max(0, start - piece_start)] if first else ""
        keep_after = text[end - piece_start :] if end < piece_end else ""
        element.text = keep_before + (edit.new if first else "") + keep_after
        first = False
        if element.text != element.text.strip():
            element.set(xml_space, "preserve")


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DraftingError([Problem(Location(path), f"cannot read file: {exc.strerror or exc}")]) from None


