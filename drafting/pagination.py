"""Typesetting a page at a time: each page is painted as soon as it is laid out, then its boxes dropped.

WeasyPrint lays out every page of a document before it paints any (``layout_document`` returns
once all pages exist): the laid-out boxes and the styles layout fills in for them cost 0.8 MB a
page (measured at 5,000 paragraphs, 269 pages), 850 MB for a record of 20,000 paragraphs
(1,058 pages). Here the same stages run in the same
order, but page by page: lay out page n, add its margin boxes, read the text it draws (for the
no-loss check), paint it into a PDF content stream, keep the painted bytes (~30 kB) and the few
facts the PDF needs later (size, anchors, links, bookmarks), and drop the boxes. The PDF is
then written by WeasyPrint's own writer from these pre-painted pages, so links, outlines,
fonts, metadata and PDF/A variants are WeasyPrint's.

This drives WeasyPrint's internal layout and drawing functions, so it runs only with the
WeasyPrint versions it was written against (``SUPPORTED``), and only for documents that need
nothing from later pages: a ``counter(pages)``, a ``target-counter()`` to a later page, a
``position: fixed`` box (repeated on every page) or PDF/UA tags make ``render_pages`` raise
``WholeDocumentNeeded``, and the caller lays the document out whole instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Iterator
from typing import Any

# The WeasyPrint releases whose internal layout and drawing API this module calls.
SUPPORTED = ("70.",)

# CSS that makes a page depend on later pages (the total page count, a target's page number,
# a fixed box laid out on every page): such documents are laid out whole.
_NEEDS_WHOLE = re.compile(r"counters?\(\s*pages\b|target-counters?\(|target-text\(|position\s*:\s*fixed", re.IGNORECASE)


# WeasyPrint's user-agent stylesheet styles six pseudo-elements of *every* element (::marker,
# ::footnote-call, ...), and computes a style for each before layout: six of every seven styles
# of a record (~90 MB a thousand paragraphs) are for pseudo-elements no element of it can have.
# A record's HTML (drafting.html) has list markers on <li> only and footnotes on .footnote only.
_PSEUDO_SCOPES = {"marker": ":is(li, summary)", "footnote-call": ".footnote", "footnote-marker": ".footnote",
                  "note-call": ".footnote", "note-marker": ".footnote", "note-callback": ".footnote"}
_UNIVERSAL_PSEUDO = re.compile(r"^::(" + "|".join(_PSEUDO_SCOPES) + r")\b", re.MULTILINE)


@lru_cache(maxsize=1)
def _record_stylesheets() -> list[Any]:
    """WeasyPrint's user-agent stylesheet with its universal pseudo-element rules scoped to the
    elements of a record that have them (the same rules, the same output, a seventh of the styles)."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    # Its @counter-style rules are parsed into a dictionary of their own: the documents' counter
    # styles come from WeasyPrint's (which already has them, and warns when 'disc' comes twice).
    return [CSS(string=_UNIVERSAL_PSEUDO.sub(lambda m: _PSEUDO_SCOPES[m.group(1)] + m.group(0), UA), counter_style=CounterStyle())]


# A document that makes other elements footnotes or list items itself (its own CSS) keeps the
# stock stylesheet: a footnote without a ::footnote-call style would stop WeasyPrint.
_OWN_PSEUDO_HOSTS = re.compile(r"float\s*:\s*(?:footnote|note)\b|display\s*:[^;}]*list-item", re.IGNORECASE)


def record_html(**kwargs: Any) -> Any:
    """A ``weasyprint.HTML`` of a record's HTML, styled by the scoped user-agent stylesheet
    (WeasyPrint's own when the HTML makes footnotes or list items of other elements)."""
    from weasyprint import HTML

    if _OWN_PSEUDO_HOSTS.search(kwargs.get("string") or ""):
        return HTML(**kwargs)

    class RecordHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return _record_stylesheets() + (super()._ua_stylesheets(True)[1:] if forms else [])

    return RecordHTML(**kwargs)


class WholeDocumentNeeded(Exception):
    """The document uses a feature that needs every page laid out before any is painted."""


def streamable(html: str, options: dict[str, Any]) -> bool:
    """True when ``html`` can be typeset a page at a time by this WeasyPrint with these options."""
    import weasyprint

    return (weasyprint.__version__.startswith(SUPPORTED) and not options.get("pdf_tags")
            and not _NEEDS_WHOLE.search(html))


def _laid_out_pages(html: Any, root_box: Any, context: Any) -> Iterator[Any]:
    """Yield each page box with its margin boxes, as soon as it is laid out.

    WeasyPrint's ``layout_document`` in one pass (it loops again only for the page-based
    counters that ``streamable`` refuses), with the work it does after the last page done
    per page: bookmark labels kept once per element, string-sets collected, margin boxes made.
    """
    from weasyprint.layout import initialize_page_maker
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.layout.page import make_all_pages, make_margin_boxes

    initialize_page_maker(context, root_box)
    # Targets are kept for target-counter() and target-text(), which `streamable` refused:
    # dropped, they no longer keep every element's boxes alive.
    for item in context.target_collector.target_lookup_items.values():
        item.target_box = None
    seen: dict[str, list[Any]] = {"::before": [], "::after": [], "": []}
    for index, page in enumerate(make_all_pages(context, root_box, html, [])):
        if page.fixed_boxes:
            raise WholeDocumentNeeded("a position: fixed box is repeated on every page")
        for child in page.descendants():
            if child.bookmark_label:
                tag = child.element_tag
                checklist = seen["::before" if tag.endswith("::before") else "::after" if tag.endswith("::after") else ""]
                if child.element in checklist:
                    child.bookmark_label = ""
                else:
                    checklist.append(child.element)
            if child.missing_link:
                raise WholeDocumentNeeded("a target-counter() or target-text() needs later pages")
            if child.string_set and child.string_set != "none":
                for name, text in child.string_set:
                    context.string_set[name][index + 1].append(text)
        root, footnote_area, note_area = page.children
        context.current_page = index + 1
        state = context.page_maker[index + 1][3]
        children = [root]
        if footnote_area.children:
            children.append(footnote_area)
        if note_area.children:
            children.append(note_area)
        children.extend(make_margin_boxes(context, page, state))
        page.children = tuple(children)
        layout_backgrounds(page, context.get_image_from_uri)
        yield page
        _forget_laid_out(root_box, context.page_maker[index + 1][0], context.style_for)
    for *_, remake_state in context.page_maker:
        if remake_state["content_changed"] or remake_state["pages_wanted"]:
            raise WholeDocumentNeeded("page-based counters need a second layout pass")


def render_pages(html: Any, stylesheets: list[Any], options: dict[str, Any], on_page: Callable[[Any], None]) -> Any:
    """Lay out and paint ``html`` a page at a time; return a WeasyPrint Document ready for ``write_pdf``.

    ``on_page`` sees each page box once laid out (to read the text it draws), before its
    boxes are dropped. Raise WholeDocumentNeeded when the document cannot be typeset this way.
    """
    import pydyf
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.document import Document, Page
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.html import get_html_metadata
    from weasyprint.pdf import VARIANTS
    from weasyprint.pdf.metadata import DocumentMetadata
    from weasyprint.pdf.stream import Stream
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.css.counters import CounterStyle

    options = {**DEFAULT_OPTIONS, **options, "stylesheets": stylesheets}
    if variant := options["pdf_variant"]:
        for key, value in VARIANTS[variant][1].items():
            if options.get(key) is None:
                options[key] = value
    font_config, counter_style, color_profiles = FontConfiguration(), CounterStyle(), {}
    context = Document._build_layout_context(html, font_config, counter_style, color_profiles, options)
    root_box = build_formatting_structure(html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
                                          context.target_collector, counter_style, context.footnotes)
    document = Document([], DocumentMetadata(**get_html_metadata(html)), html.url_fetcher, font_config, color_profiles,
                        options["output_intent"])
    # The painted pages share one set of resources (graphic states, images), merged into the
    # writer's when it asks each page to paint; their keys stay unique across pages.
    placeholder = pydyf.Dictionary()
    resources = pydyf.Dictionary({"ExtGState": pydyf.Dictionary(), "XObject": pydyf.Dictionary(), "Pattern": pydyf.Dictionary(),
                                  "Shading": pydyf.Dictionary(), "ColorSpace": placeholder})
    images: dict[str, Any] = {}
    scale = 0.75  # 72 PDF points per inch / 96 CSS pixels, at zoom 1 (as write_pdf paints)

    class PaintedPage(Page):  # type: ignore[misc]
        """A page painted into PDF content once laid out: its boxes are not kept."""

        def __init__(self, page_box: Any) -> None:
            super().__init__(page_box)  # size, anchors, links, bookmarks, forms
            left, top = -self.bleed["left"], -self.bleed["top"]
            rectangle = (left, top, self.width + self.bleed["left"] + self.bleed["right"],
                         self.height + self.bleed["top"] + self.bleed["bottom"])
            # Compressed, as WeasyPrint's writer makes the streams it paints (forms such as a
            # background's are made from this one and inherit it).
            stream = Stream(document.fonts, rectangle, resources, images, None, color_profiles, document.output_intent,
                            compress=True)
            super().paint(stream, scale)
            self.content = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
            self._page_box = None

        def paint(self, stream: Any, scale: float = 1) -> None:
            """Hand the writer the content painted at layout time, with its resources."""
            for kind in ("ExtGState", "XObject", "Pattern", "Shading"):
                stream._resources[kind].update(resources[kind])
            stream._images.update(images)
            _point_color_space(resources, placeholder, stream._resources["ColorSpace"])
            stream.stream.append(self.content)

    for page_box in _laid_out_pages(html, root_box, context):
        on_page(page_box)
        document.pages.append(PaintedPage(page_box))
    return document


def _point_color_space(resources: Any, placeholder: Any, color_space: Any) -> None:
    """Give the groups and patterns painted at layout time the writer's colour space."""
    for kind in ("XObject", "Pattern"):
        for item in resources[kind].values():
            nested = getattr(item, "extra", {}).get("Resources")
            if nested is not None and nested.get("ColorSpace") is placeholder:
                nested["ColorSpace"] = color_space
                _point_color_space(nested, placeholder, color_space)


def _forget_laid_out(box: Any, resume_at: dict[int, Any] | None, style_for: Any) -> None:
    """Empty the boxes of the document that earlier pages hold entirely, and forget their styles.

    ``resume_at`` is where the next page starts (a child index a level, down the box tree):
    every block before it is laid out and painted, and layout never goes back to it. The block
    is kept in its parent's children (indexes stay valid), without its descendants; the styles
    that layout filled in for them (~0.5 MB a page) go with them. Only plain block flow is
    pruned: the path is followed through plain blocks only (never into a table, a flex or grid
    container, or a block of lines, whose skip indexes mean other things).
    """
    from weasyprint.formatting_structure import boxes

    while resume_at is not None and len(resume_at) == 1:
        (index, resume_at), = resume_at.items()
        children = box.children
        if type(box) is not boxes.BlockBox or not isinstance(children, list) or index > len(children):
            return
        for child in children[:index]:
            if isinstance(child, boxes.BlockLevelBox) and child.children:
                _forget_styles(child, style_for)
                child.children = []
        if index >= len(children):
            return
        box = children[index]


def _forget_styles(box: Any, style_for: Any) -> None:
    """Remove the computed styles of ``box``'s descendants from WeasyPrint's table of styles."""
    styles = style_for._computed_styles
    stack = list(box.children)
    while stack:
        child = stack.pop()
        element = child.element
        if element is not None:
            for pseudo in (None, "before", "after", "marker", "footnote-call", "footnote-marker"):
                styles.pop((element, pseudo), None)
        stack.extend(getattr(child, "children", ()))
