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
        served: dict[str, bytes] = {}
        faces = cjk_font_faces(visible_text(html), served)
        if faces:
            html = html.replace("</head>", f"<style>\n{faces}\n</style>\n</head>", 1)
        document = HTML(string=html, base_url=str(base) + "/", url_fetcher=local_fetcher([base], served))
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
