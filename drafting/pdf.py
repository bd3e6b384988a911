"""HTML to PDF with WeasyPrint: fonts subset through HarfBuzz, no network, no silent warnings."""

from __future__ import annotations

import logging
from collections import Counter
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


def local_fetcher(allowed: list[Path]) -> Any:
    """Return a WeasyPrint URL fetcher that serves data: URIs and files under ``allowed`` only."""
    from weasyprint.urls import URLFetcher

    roots = [folder.resolve() for folder in allowed]

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """Refuses the network: a record must never depend on, or leak to, a remote server."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                target = Path(unquote(parsed.path)).resolve()
                if any(target == root or root in target.parents for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"refusing to fetch {url}: a record PDF is built from local files only")

    return LocalFetcher(allowed_protocols=("data", "file"))


def render_pdf(html: str, destination: Path, *, variant: str | None = None, label: str = "") -> None:
    """Typeset HTML into a PDF; any WeasyPrint warning (a missing glyph, a refused URL) fails."""
    from weasyprint import CSS, HTML

    collector = _Collector()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("weasyprint.progress")]
    logger = loggers[0]
    logger.addHandler(collector)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        base = resource_dir("templates")
        faces = cjk_font_faces(visible_text(html))
        if faces:
            html = html.replace("</head>", f"<style>\n{faces}\n</style>\n</head>", 1)
        document = HTML(string=html, base_url=str(base) + "/", url_fetcher=local_fetcher([base]))
        options = {"pdf_variant": variant} if variant else {}
        if variant and variant.startswith("pdf/ua"):
            options["pdf_tags"] = True
        extensions = CSS(filename=str(base / "record.weasyprint.css"), url_fetcher=document.url_fetcher)
        document.write_pdf(str(destination), stylesheets=[extensions], **options)
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous)
    if collector.messages:
        counts = Counter(collector.messages)
        raise DraftingError([
            Problem(Location(label or str(destination)), f"WeasyPrint: {message}" + (f" ({n} times)" if n > 1 else ""))
            for message, n in counts.items()
        ])
