"""Layout regressions: every example's PDF pages look as their committed references do.

After an intended change of the layout, `make references` rewrites the references (tests/visual.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from tests import visual

STEMS = sorted(p.name.rsplit(".", 1)[0] for p in (Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("stem", STEMS)
def test_every_page_looks_as_its_reference(examples_all_formats: Any, stem: str) -> None:
    problems = visual.differences(stem, examples_all_formats.path(stem, "pdf"))
    assert not problems, "\n".join(problems) + "\nIf the change is intended: make references"


def test_the_references_stay_small() -> None:
    files = list(visual.REFERENCES.rglob("*.png"))
    assert {f.parent.name for f in files} == set(STEMS)
    assert sum(f.stat().st_size for f in files) < 3 * 1024 * 1024


def test_a_moved_paragraph_fails_with_page_place_and_a_diff_image(examples_all_formats: Any) -> None:
    stem = "vc15-1.en"
    page = visual.rasterise(examples_all_formats.path(stem, "pdf"))[1]
    reference = visual.reference_pages(stem)[1]
    assert visual.compare_page(reference, page, 2, "self") is None
    # A block of text 12 pixels (10 mm) lower: what a paragraph pushed down by a new line looks like.
    moved = page.copy()
    band = page.crop((0, 120, page.width, 200))
    moved.paste(255, (0, 120, page.width, 132))
    moved.paste(band, (0, 132))
    found = visual.compare_page(reference, moved, 2, "moved-test")
    assert found is not None
    message = found.describe(stem)
    assert message.startswith("vc15-1.en: page 2 differs") and " mm down" in message
    assert found.box[1] >= 110 and found.diff_image.is_file()
    assert Image.open(found.diff_image).size == (2 * reference.width + 4, reference.height)


def test_another_font_fails_but_a_faint_speck_passes(examples_all_formats: Any, tmp_path: Path) -> None:
    stem = "vc15-1.en"
    page = visual.rasterise(examples_all_formats.path(stem, "pdf"))[0]
    reference = visual.reference_pages(stem)[0]
    specked = page.copy()
    ImageDraw.Draw(specked).point([(10, 10), (11, 10), (12, 40)], fill=0)
    assert visual.compare_page(reference, specked, 1, "speck-test") is None
    # The same HTML in another face: every line changes.
    from drafting.pdf import render_pdf

    html = examples_all_formats.path(stem, "html").read_text(encoding="utf-8")
    other = html.replace("</head>", "<style>.record, .record * { font-family: 'DejaVu Serif', 'Noto Serif', serif !important; }</style></head>", 1)
    render_pdf(other, tmp_path / "other.pdf")
    assert visual.compare_page(reference, visual.rasterise(tmp_path / "other.pdf")[0], 1, "font-test") is not None
