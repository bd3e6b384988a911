"""HTML to PDF with WeasyPrint: fonts subset through HarfBuzz, no network, no silent warnings."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from drafting.diagnostics import DraftingError, Location, Problem
from drafting.fonts import cjk_font_faces, visible_text
from drafting.resources import resource_dir

# weasyprint.pdf.VARIANTS, written out so that the command line can list them without importing
# WeasyPrint (a second); a test keeps the two equal.
VARIANTS = ("pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u",
            "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g", "debug")


class _Collector(logging.Handler):
    """Keeps every WeasyPrint warning so that the build can fail on it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def local_fetcher(allowed: list[Path], served: dict[str, bytes] | None = None) -> Any:
    """Return a WeasyPrint URL fetcher that serves data: URIs, files under ``allowed`` and the ``served`` URLs only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [folder.resolve() for folder in allowed]

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """Refuses the network: a record must never depend on, or leak to, a remote server."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if served and url in served:
                return URLFetcherResponse(url, served[url], {"Content-Type": "font/otf"})
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                target = Path(unquote(parsed.path)).resolve()
                if any(target == root or root in target.parents for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"refusing to fetch {url}: a record PDF is built from local files only")

    return LocalFetcher(allowed_protocols=("data", "file"))


def render_pdf(html: str, destination: Path, *, variant: str | None = None, label: str = "", whole: bool = False) -> str:
    """Typeset HTML into a PDF and return the text it draws; any WeasyPrint warning (a missing
    glyph, a refused URL) fails.

    The document is laid out once: the text drawn is read from the laid-out pages (for the
    no-loss check), then the same pages are written out. Pages are laid out and painted one at
    a time (drafting.pagination), so memory does not grow with the page count; ``whole`` (or a
    document that needs it) lays every page out first, as WeasyPrint itself does.
    """
    from weasyprint import CSS

    from drafting.pagination import record_html
    from drafting.textlayer import actual_texts

    collector = _Collector()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("weasyprint.progress")]
    logger = loggers[0]
    logger.addHandler(collector)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        base = resource_dir("templates")
        served: dict[str, bytes] = {}
        faces = cjk_font_faces(visible_text(html), served)
        if faces:
            html = html.replace("</head>", f"<style>\n{faces}\n</style>\n</head>", 1)
        document = record_html(string=html, base_url=str(base) + "/", url_fetcher=local_fetcher([base], served))
        options = {"pdf_variant": variant} if variant else {}
        if variant and variant.startswith("pdf/ua"):
            options["pdf_tags"] = True
        extensions = CSS(filename=str(base / "record.weasyprint.css"), url_fetcher=document.url_fetcher)
        with actual_texts():
            drawn = _typeset(document, html, [extensions], options, destination, whole)
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous)
    if collector.messages:
        counts = Counter(collector.messages)
        raise DraftingError([
            Problem(Location(label or str(destination)), f"WeasyPrint: {message}" + (f" ({n} times)" if n > 1 else ""))
            for message, n in counts.items()
        ])
    return drawn


def _typeset(document: Any, html: str, stylesheets: list[Any], options: dict[str, Any], destination: Path, whole: bool) -> str:
    """Lay out, read what is drawn, write the PDF: a page at a time when the document allows it."""
    from drafting.pagination import WholeDocumentNeeded, render_pages, streamable

    if not whole and streamable(html, options):
        flow: list[str] = []
        elsewhere: list[str] = []
        try:
            rendered = render_pages(document, stylesheets, options, lambda page: _page_text(page, flow, elsewhere))
        except WholeDocumentNeeded:
            pass
        else:
            rendered.write_pdf(str(destination), **options)
            return _joined(flow, elsewhere)
    rendered = document.render(stylesheets=stylesheets, **options)
    drawn = drawn_text(rendered)
    rendered.write_pdf(str(destination), **options)
    return drawn


# --------------------------------------------------------------------------- what the PDF draws

Rectangle = tuple[float, float, float, float]  # left, top, right, bottom, in CSS pixels
Point = tuple[float, float]

# Half a pixel: rounding in layout must not make a line that fits count as clipped.
_TOLERANCE = 0.5


@dataclass(frozen=True)
class _Clip:
    """A rectangle a box clips its content to, and the matrix from the page into its frame."""

    rectangle: Rectangle
    from_page: Any = None  # weasyprint.matrix.Matrix, None when the frame is the page's

    def contains(self, point: Point) -> bool:
        """True when a point of the page lies inside the rectangle."""
        x, y = self.from_page.transform_point(*point) if self.from_page is not None else point
        x0, y0, x1, y1 = self.rectangle
        return x0 - _TOLERANCE <= x <= x1 + _TOLERANCE and y0 - _TOLERANCE <= y <= y1 + _TOLERANCE


def _clip_of(box: Any) -> Rectangle | None:
    """The rectangle a box clips its content to, if it clips (overflow, or ``clip`` when absolute)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.PageBox):
        return None
    if box.is_absolutely_positioned() and box.style["clip"]:
        top, right, bottom, left = box.style["clip"]
        x, y = box.border_box_x(), box.border_box_y()
        right = box.border_width() if right == "auto" else right
        bottom = box.border_height() if bottom == "auto" else bottom
        return (x + (0 if left == "auto" else left), y + (0 if top == "auto" else top), x + right, y + bottom)
    if box.style["overflow"] != "visible":
        return (box.padding_box_x(), box.padding_box_y(),
                box.padding_box_x() + box.padding_width(), box.padding_box_y() + box.padding_height())
    return None


def _drawn_texts(box: Any, matrix: Any, clips: list[_Clip], out: list[str]) -> None:
    """Append the text of every text box under ``box`` that WeasyPrint paints where a reader sees it."""
    from weasyprint.formatting_structure import boxes

    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    style = box.style
    if style["opacity"] == 0:
        return  # painted fully transparent
    if box.transformation_matrix is not None:
        if not box.transformation_matrix.determinant:
            return  # flattened to nothing (scale(0))
        matrix = box.transformation_matrix @ matrix if matrix is not None else box.transformation_matrix
    if isinstance(box, boxes.TextBox):
        if style["visibility"] != "visible" or style["color"].alpha == 0 or not style["font_size"] or not box.text.strip():
            return
        # Both ends of the line's baseline, on the page: inside the sheet and every clip.
        baseline = box.position_y + box.baseline
        ends = [(box.position_x, baseline), (box.position_x + box.width, baseline)]
        if matrix is not None:
            ends = [tuple(matrix.transform_point(*end)) for end in ends]
        if all(clip.contains(end) for clip in clips for end in ends):
            out.append(box.text)
        return
    rectangle = _clip_of(box)
    if rectangle is not None:
        clips = clips + [_Clip(rectangle, matrix.invert if matrix is not None else None)]
    for child in getattr(box, "children", ()):
        _drawn_texts(child, matrix, clips, out)


def drawn_text(document: Any) -> str:
    """Return the text WeasyPrint draws on the pages of a rendered document, in reading order.

    The page flow comes first, page after page; the footnote areas and margin boxes (running
    heads) follow it, so that a footnote never splits a paragraph that crosses a page break.
    A text box is drawn when it is visible, opaque, not transparent, and its line lies inside
    the page and inside every box that clips it.
    """
    flow: list[str] = []
    elsewhere: list[str] = []
    for page in document.pages:
        _page_text(page._page_box, flow, elsewhere)
    return _joined(flow, elsewhere)


def _page_text(page_box: Any, flow: list[str], elsewhere: list[str]) -> None:
    """Append what one laid-out page draws: its page flow to ``flow``, footnotes and margin boxes to ``elsewhere``."""
    from weasyprint.formatting_structure import boxes

    sheet = [_Clip((0.0, 0.0, page_box.margin_width(), page_box.margin_height()))]
    for child in page_box.children:
        aside = isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox))
        _drawn_texts(child, None, sheet, elsewhere if aside else flow)
    flow.append("\n")


def _joined(flow: list[str], elsewhere: list[str]) -> str:
    return "\n".join(flow + ["\f"] + elsewhere)
