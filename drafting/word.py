"""Filling the Word template: the official DOCX of a record."""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

from drafting import bookmarks
from drafting import language as lang
from drafting.bookmarks import bookmark_name
from drafting.markup import Span
from drafting.numbering import Style
from drafting.record import AgendaItem, Paragraph, Record, Subparagraph
from drafting.resources import resource_dir
from drafting.template import TEMPLATES
from drafting.typography import invisible

# Control characters corrupt WordprocessingML (docxtpl drops later text or raises on them).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Remove control characters other than tab and newline."""
    return _CONTROL.sub("", text)


# docxtpl turns these escape sequences back into Jinja delimiters after rendering.
_DOCXTPL_ESCAPES = re.compile(r"(?<=\{)_(?=[{%])|(?<=[}%])_(?=\})")


def xml_text(text: str) -> str:
    """Escape text for WordprocessingML, shielding '{_{' '}_}' '{_%' '%_}' from docxtpl."""
    return _DOCXTPL_ESCAPES.sub("&#95;", escape(clean(text)))


_CJK_PUNCTUATION = re.compile("([\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]+)")


class Safe(str):
    """Text already escaped for XML: Jinja's autoescape passes it through unchanged."""

    def __html__(self) -> str:
        return str(self)


def plain(text: str) -> Safe:
    """A value for a plain ``{{ … }}`` tag."""
    return Safe(xml_text(text))




@dataclass
class Fragment:
    """WordprocessingML runs for a ``{{r …}}`` tag: text, formatting, links and bookmarks."""

    xml: str = ""

    def __html__(self) -> str:  # Jinja's autoescape leaves objects with __html__ alone
        return self.xml

    def __str__(self) -> str:
        return self.xml


class FragmentWriter:
    """Writes Fragments, numbering bookmarks and registering hyperlinks on one template."""

    def __init__(self, template: DocxTemplate, rtl: bool, east_asian: bool = False) -> None:
        self.template = template
        self.rtl = rtl
        self.east_asian = east_asian  # a Chinese record: shared punctuation in the East Asian font
        self.ids = itertools.count(1)

    def run(self, text: str, *, bold: bool = False, italic: bool = False, style: str | None = None) -> str:
        """Return one or more ``w:r`` elements for plain text (tabs and newlines become Word's)."""
        props = ""
        if style:
            props += f'<w:rStyle w:val="{style}"/>'
        if bold:
            props += "<w:b/><w:bCs/>"
        if italic:
            props += "<w:i/><w:iCs/>"
        if self.rtl:
            props += "<w:rtl/>"
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        parts = []
        for piece in re.split(r"(\t|\n)", clean(text)):
            if piece == "\t":
                parts.append(f"<w:r>{rpr}<w:tab/></w:r>")
            elif piece == "\n":
                parts.append(f"<w:r>{rpr}<w:br/></w:r>")
            elif piece:
                parts.extend(self._texts(piece, props))
        return "".join(parts)

    def _texts(self, text: str, props: str) -> list[str]:
        """``w:r`` elements for plain text; in a Chinese record “ ” ‘ ’ … — get the East Asian font
        (``w:hint``), as Word and LibreOffice otherwise draw these shared marks from the Latin one."""
        pieces = _CJK_PUNCTUATION.split(text) if self.east_asian else [text]
        runs = []
        for index, piece in enumerate(pieces):
            if piece:
                hint = '<w:rFonts w:hint="eastAsia"/>' if index % 2 else ""
                # w:rFonts follows w:rStyle and precedes the other properties (CT_RPr's order).
                style, _, rest = props.partition("/>") if props.startswith("<w:rStyle") else ("", "", props)
                style += "/>" if style else ""
                rpr = f"<w:rPr>{style}{hint}{rest}</w:rPr>" if hint or props else ""
                runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(piece)}</w:t></w:r>')
        return runs

    def spans(self, spans: Iterable[Span]) -> str:
        """Return runs for parsed Markdown spans, with real hyperlinks."""
        out = []
        for span in spans:
            if span.br:
                out.append(self.run("\n"))
            elif span.ref is not None:
                inner = self.run(span.text, bold=span.bold, italic=span.italic)
                out.append(f"<w:hyperlink w:anchor={quoteattr(bookmark_name(span.ref))}>{inner}</w:hyperlink>")
            elif span.href:
                rel = self.template.build_url_id(span.href)
                inner = self.run(span.text, bold=span.bold, italic=span.italic, style="RecordLink")
                out.append(f'<w:hyperlink r:id="{rel}">{inner}</w:hyperlink>')
            else:
                out.append(self.run(span.text, bold=span.bold, italic=span.italic))
        return "".join(out)

    def fragment(self, body: str, bookmarks: Iterable[str | None] = ()) -> Fragment:
        """Wrap runs in bookmarks named after the stable ids."""
        names = [bookmark_name(b) for b in bookmarks if b]
        starts, ends = "", ""
        for name in names:
            number = next(self.ids)
            starts += f'<w:bookmarkStart w:id="{number}" w:name={quoteattr(name)}/>'
            ends = f'<w:bookmarkEnd w:id="{number}"/>' + ends
        return Fragment(starts + body + ends)


def _label(record: Record, label: str) -> str:
    # UN paragraphs print "12." ("12 -" in Arabic, from the language's table); ITU ones "12.3".
    return record.wording.typography.get("un_paragraph", "{}.").format(label) if record.style is Style.UN and label else label


def _flatten(items: list[Subparagraph], depth: int = 0) -> Iterable[tuple[int, Subparagraph]]:
    for item in items:
        yield depth, item
        yield from _flatten(item.children, depth + 1)


def contents_entry(record: Record, item: AgendaItem) -> str:
    """A UN Contents entry: the item's title and '(continued)'; the documents are named in the headings."""
    return lang.titled(item.title, record.language, continued=item.continued)


def chair_line(record: Record, role: str, name: str) -> str:
    """'Chairman: Mr S. BIN GHELAITA' (ITU); 'Chair:⇥Ms. Halvorsen' (UN, the names aligned at a tab)."""
    words = record.wording
    if record.style is Style.UN:
        return f"{role}{words.colon.rstrip()}\t{name}"
    return f"{role}{words.colon}{name}"


def build_context(record: Record, template: DocxTemplate) -> dict[str, Any]:
    """Return every variable the template uses, computed from the record."""
    words = record.wording
    writer = FragmentWriter(template, words.rtl, east_asian=record.language == "zh")
    # The UN keeps the masthead's distribution, date and language lines in English in some versions.
    masthead = lang.masthead_wording(record.language, record.style.value)
    masthead_language = masthead.code
    # A translation names its own language above "Original:" (UN masthead).
    version_line = words.version if record.style is Style.UN and record.language != record.original_language else ""

    def text(value: str, *ids: str | None, bold: bool = False) -> Fragment:
        return writer.fragment(writer.run(value, bold=bold), ids)

    def paragraph_context(paragraph: Paragraph) -> dict[str, Any]:
        body = writer.spans(record.spans(paragraph.text))
        if paragraph.label:
            body = writer.run(_label(record, paragraph.label) + "\t") + body
        return {
            "numbered": bool(paragraph.label),
            "text": writer.fragment(body, [paragraph.id, *paragraph.bookmarks]),
            "subparagraphs": [
                {"depth": min(depth, 1), "text": writer.fragment(writer.run(sub.label + "\t") + writer.spans(record.spans(sub.text)), [sub.id])}
                for depth, sub in _flatten(paragraph.subparagraphs)
            ],
        }

    sections = []
    for section in record.sections:
        heading = record.heading_text(section)
        prefix = f"{section.label}\t" if section.label else ""
        sections.append({
            "heading": text(prefix + heading, section.id, *section.bookmarks),
            "has_heading": bool(prefix + heading),
            "paragraphs": [paragraph_context(p) for p in section.paragraphs],
        })
    logo: Any = ""
    if record.logo is not None:
        logo = InlineImage(template, str(record.logo), height=Cm(1.6))
    agenda_ids = record.agenda_ids + [None] * (2 - len(record.agenda_ids))
    # A corrigendum names the document it corrects, the revision's symbol when there is one:
    # "Corrigendum 1 to Document C17/124(Rev.1)-E".
    notice, number, target = ((words.corrigendum, record.corrigendum, record.corrected_symbol) if record.corrigendum
                              else (words.revision, record.revision, record.symbol))
    revision_line = notice.format(n=number, symbol=target) if number else ""
    symbol_line = f"{words.document} {record.symbol}"
    if revision_line and record.style is Style.ITU:
        # ITU prints a revision's masthead as "Revision 1 to" over "Document C17/130-E", in
        # place of the symbol line, not above it (a corrigendum's likewise).
        first, second = lang.revision_lines(notice)
        revision_line = first.format(n=number, symbol=target)
        symbol_line = second.format(n=number, symbol=target)
    return {
        "body": text(record.body, record.body_id),
        "session": plain(record.session or ""),
        "logo": logo,
        "symbol": plain(record.symbol),
        "revision_line": plain(revision_line),
        "symbol_line": plain(symbol_line),
        "distribution_line": plain(masthead.distribution(record.distribution)),
        "version_line": plain(version_line),
        "date_line": plain(lang.format_long_date(record.date, masthead_language)),
        "original_line": plain(masthead.original.format(masthead.names[record.original_language])),
        "title": text(record.title, record.title_id),
        "time_line": plain(record.time_line),
        "chairs": [text(chair_line(record, c.role, c.name), c.id) for c in record.chairs],
        "united_nations": plain(words.un.get("united_nations", "United Nations")),
        "organ": plain(record.organ),
        "subjects_label": text(words.subjects, agenda_ids[0]),
        "documents_label": text(words.documents, agenda_ids[1]),
        "contents_label": plain(words.contents),
        "agenda": [
            {
                "label": item.label,
                "title": text(contents_entry(record, item) if record.style is Style.UN else lang.titled(item.title, record.language, continued=item.continued), item.id, *item.bookmarks),
                "documents": plain(", ".join(item.documents) or "-"),
            }
            for item in record.agenda
        ],
        "sections": sections,
        "signatures": bool(record.signatures),
        "signature_roles": writer.fragment("".join(
            writer.run(("\t" if i else "") + p.role + words.colon.rstrip()) for i, p in enumerate(record.signatures))),
        "signature_names": writer.fragment("".join(
            writer.run(("\t" if i else "") + p.name) for i, p in enumerate(record.signatures))),
        "running_symbol": plain(record.running_symbol),
        "footnote": plain(record.footnote or words.footnote),
    }


def template_path(style: Style) -> Path:
    """Return the packaged template of a style family."""
    return resource_dir("templates") / TEMPLATES[style.value]


def _language_tags(template: DocxTemplate, record: Record) -> None:
    # The record's language on every run; East Asian text tagged zh-CN so that LibreOffice
    # keeps Chinese glyph forms; right to left for Arabic (paragraphs, tables, complex-script
    # bold, size and font).
    styles = template.docx.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    lang_el.set(qn("w:val"), record.wording.word_language)
    if record.wording.rtl:
        from drafting.direction import make_right_to_left

        make_right_to_left(template.docx, record.wording.font)


_PROPERTY_LIMIT = 255  # Word's limit for a document property; python-docx refuses a longer value


def _within_property_limit(text: str) -> str:
    """A document property cut to Word's 255 characters; the printed text stays whole."""
    return text if len(text) <= _PROPERTY_LIMIT else text[:_PROPERTY_LIMIT - 1].rstrip() + "…"


def _keep_signatures_with_text(document: Any) -> None:
    # The signature block never stands alone on the last page: the paragraph before it keeps
    # with it (its last lines move over with the signatures).
    previous = None
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Record Signature":
            if previous is not None:
                previous.paragraph_format.keep_with_next = True
            return
        if paragraph.text.strip():
            previous = paragraph


def _no_synthetic_italic(document: Any, record: Record) -> None:
    # Chinese has no italic: LibreOffice and Word would slant the glyphs, which no Chinese
    # document does. The agenda header is set upright in a Chinese record.
    if record.language == "zh" and "Record Agenda Header" in {s.name for s in document.styles}:
        document.styles["Record Agenda Header"].font.italic = None


def _no_autospace(document: Any, record: Record) -> None:
    # Word and LibreOffice widen the gap between Chinese and Latin letters or digits
    # (autoSpaceDE/DN); no PDF engine does, so the two would break lines differently.
    if record.language != "zh":
        return
    ppr = document.styles["Normal"].element.get_or_add_pPr()
    # Schema order: before bidi, adjustRightInd, snapToGrid, spacing, ind, jc, …
    follower = next((child for child in ppr if child.tag in {qn(f"w:{t}") for t in (
        "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "jc", "outlineLvl")}), None)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "0")
        if follower is not None:
            follower.addprevious(element)
        else:
            ppr.append(element)


def _arabic_kerning_off(document: Any, record: Record) -> None:
    # LibreOffice kerns Amiri otherwise than HarfBuzz does in the PDF (measured: lines break
    # apart in vc15-1.ar); with kerning off in both, the two set the same lines.
    if record.wording.rtl:
        for kern in document.styles.element.iter(qn("w:kern")):
            kern.getparent().remove(kern)


def render_docx(record: Record, destination: Path) -> None:
    """Fill the template with a record and save it to ``destination``."""
    template = DocxTemplate(str(template_path(record.style)))
    context = build_context(record, template)
    template.render(context, autoescape=True)
    _language_tags(template, record)
    _keep_signatures_with_text(template.docx)
    _no_synthetic_italic(template.docx, record)
    _no_autospace(template.docx, record)
    _arabic_kerning_off(template.docx, record)
    if record.style is Style.UN:
        from drafting import united_nations

        united_nations.localize(template.docx, record.wording)
    bookmarks.store(template.docx.settings.element, bookmarks.renamed(record.ids()))
    props = template.docx.core_properties
    # The title as a search or a window's title bar reads it: without the typography's word joiners
    # and no-break spaces (the HTML's <title> and the PDF's Title come from here).
    props.title = _within_property_limit(clean(invisible(record.title).replace("\u00a0", " ")))
    props.subject = _within_property_limit(clean(record.symbol))
    props.language = {"zh": "zh-CN"}.get(record.language, record.language)
    props.keywords = _within_property_limit(", ".join(clean(k) for k in [record.symbol, *record.keywords]))
    props.author = "drafting"
    # The document's date (not the build time), so the HTML can carry it as dcterms.date.
    props.created = datetime.datetime.combine(lang.parse_date(record.date), datetime.time(12, 0))
    template.save(str(destination))
