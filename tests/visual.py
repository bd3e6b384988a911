"""Visual regression: each example's PDF pages rasterised small and grey, compared with references.

The references are PNGs in ``tests/data/visual/<example>/page-<n>.png`` (30 dpi, 8-bit grey: a
few kilobytes a page). A page differs when more than ``MAX_CHANGED`` of its pixels moved by more
than ``LEVELS`` grey levels: a fresh machine with the same Debian packages renders the same
pixels (anti-aliasing differences stay far below both), while a moved paragraph, a changed font
or size, or a new line break changes thousands. After an intended change of the layout:

    make references        # or: .venv/bin/python -m tests.visual

rebuilds the examples and rewrites the references; commit them with the change.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = ROOT / "tests" / "data" / "visual"
DIFFERENCES = ROOT / "build" / "visual"
EXAMPLES = ROOT / "examples"
DPI = 30
LEVELS = 64  # a pixel changed when its grey moved by more than this (of 255)
MAX_CHANGED = 0.002  # a page differs when more than this share of its pixels changed
MM_PER_PIXEL = 25.4 / DPI


def rasterise(pdf: Path) -> list[Image.Image]:
    """The pages of a PDF as 8-bit grey images at ``DPI``, in order."""
    with tempfile.TemporaryDirectory(prefix="drafting-visual-") as scratch:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), f"{scratch}/page"], check=True, capture_output=True)
        # pdftoppm pads page numbers to the width of the last one: sort by the number.
        files = sorted(Path(scratch).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [Image.open(f).convert("L").copy() for f in files]


@dataclass(frozen=True)
class PageDifference:
    """Where a page differs from its reference."""

    page: int
    changed: int  # pixels changed
    total: int
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    diff_image: Path

    def describe(self, example: str) -> str:
        """One line for a failure message: which example, page and where on it."""
        left, top, right, bottom = (round(v * MM_PER_PIXEL) for v in self.box)
        return (f"{example}: page {self.page} differs from its reference in {self.changed} pixels "
                f"({100 * self.changed / self.total:.2f}%), from {left} mm to {right} mm across and "
                f"{top} mm to {bottom} mm down; see {self.diff_image}")


def compare_page(reference: Image.Image, page: Image.Image, number: int, example: str) -> PageDifference | None:
    """Compare one page with its reference; write a diff image and return where it differs, or None."""
    if reference.size != page.size:
        page = page.resize(reference.size)
    delta = ImageChops.difference(reference, page).point(lambda v: 255 if v > LEVELS else 0)
    changed = sum(delta.histogram()[255:])
    total = reference.size[0] * reference.size[1]
    if changed <= MAX_CHANGED * total:
        return None
    DIFFERENCES.mkdir(parents=True, exist_ok=True)
    target = DIFFERENCES / f"{example}-page{number}-diff.png"
    # The reference in grey, what changed in red, side by side with the new page.
    overlay = Image.merge("RGB", (reference, reference, reference))
    overlay.paste((220, 0, 0), mask=delta)
    sheet = Image.new("RGB", (reference.size[0] * 2 + 4, reference.size[1]), (255, 255, 255))
    sheet.paste(overlay, (0, 0))
    sheet.paste(Image.merge("RGB", (page, page, page)), (reference.size[0] + 4, 0))
    sheet.save(target)
    box = delta.getbbox() or (0, 0, 0, 0)
    return PageDifference(number, changed, total, box, target)


def reference_pages(example: str) -> list[Image.Image]:
    """The stored reference pages of an example (empty when it has none)."""
    folder = REFERENCES / example
    files = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    return [Image.open(f).convert("L") for f in files]


def differences(example: str, pdf: Path) -> list[str]:
    """Every way an example's PDF differs from its references, one message each."""
    references = reference_pages(example)
    if not references:
        return [f"{example}: no reference images in {REFERENCES / example}; run `make references`"]
    pages = rasterise(pdf)
    problems = []
    if len(pages) != len(references):
        problems.append(f"{example}: {len(pages)} pages, the reference has {len(references)}")
    for number, (reference, page) in enumerate(zip(references, pages), start=1):
        found = compare_page(reference, page, number, example)
        if found is not None:
            problems.append(found.describe(example))
    return problems


def write_references(pdfs: dict[str, Path]) -> int:
    """Replace the reference images with the pages of ``pdfs`` (example -> PDF); return the pages written."""
    written = 0
    for example, pdf in sorted(pdfs.items()):
        folder = REFERENCES / example
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for number, page in enumerate(rasterise(pdf), start=1):
            page.save(folder / f"page-{number}.png", optimize=True)
            written += 1
    for stale in REFERENCES.iterdir() if REFERENCES.exists() else []:
        if stale.is_dir() and stale.name not in pdfs:
            shutil.rmtree(stale)
    return written


def main() -> int:
    """Build every example to PDF and make its pages the new references."""
    from click.testing import CliRunner

    from drafting.cli import main as drafting

    with tempfile.TemporaryDirectory(prefix="drafting-references-") as scratch:
        sources = sorted(EXAMPLES.glob("*.yaml"))
        result = CliRunner().invoke(drafting, ["build", *map(str, sources), "--to", "pdf", "-o", scratch, "-q"])
        if result.exit_code:
            sys.stderr.write(result.output)
            return result.exit_code
        pdfs = {s.name.rsplit(".", 1)[0]: Path(scratch) / f"{s.name.rsplit('.', 1)[0]}.pdf" for s in sources}
        pages = write_references(pdfs)
    size = sum(f.stat().st_size for f in REFERENCES.rglob("*.png"))
    print(f"{pages} reference pages of {len(pdfs)} examples written to {REFERENCES.relative_to(ROOT)} ({size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
