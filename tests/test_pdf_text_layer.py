"""The PDF's text layer gives back the letters drawn: a glyph Amiri shares between letter sequences, a letter
drawn with two glyphs, vowel marks, mirrored brackets (drafting.textlayer). Text whose glyphs the font's own
map reads right is drawn as WeasyPrint draws it."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from drafting.lint.pdffile import read_layout
from drafting.pdf import render_pdf

# Each word is one the stock text layer read back wrong: the lam of 'لكي' and the tatweel of 'بـ' share a
# glyph with other letters ('للكي', 'بل'), 'أُ' and 'دَّ' are clusters of several glyphs (marks doubled or
# moved), the brackets of right-to-left text are mirrored glyphs.
WORDS = ["لكي", "للّه", "بـ“التداول”", "الـمـيـزانـيـة", "تُحدَّث", "وأُحيط", "وستُوفَّر", "بناءً", "الكثيرة", "الخبراء",
         "لكنهم", "(الوثيقة)", "يُفضَّل", "ستُعالج", "ردّاً"]


def _html(words: list[str], direction: str = "rtl", lang: str = "ar") -> str:
    paragraphs = "".join(f"<p>{' '.join(words[i:i + 5])}</p>" for i in range(0, len(words), 5))
    # Made by drafting (its Creator): the reader then knows its spans hold a letter with its marks.
    return (f'<html lang="{lang}" dir="{direction}"><head><meta name="generator" content="drafting"><style>body {{ font-family: Amiri, serif; font-size: 14pt; }}'
            f"p {{ margin: 0 0 1em; }}</style></head><body>{paragraphs}</body></html>")


def _streams(pdf: Path) -> bytes:
    """The PDF's content streams, inflated."""
    data = pdf.read_bytes()
    out = b""
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            out += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return out


def test_arabic_words_read_back_letter_for_letter(tmp_path: Path) -> None:
    pdf = tmp_path / "words.pdf"
    render_pdf(_html(WORDS), pdf)
    lines = [line.text for page in read_layout(str(pdf)).pages for line in page.lines]
    assert lines == [" ".join(WORDS[i:i + 5]) for i in range(0, len(WORDS), 5)]


def test_a_glyph_drawn_for_other_letters_is_given_the_letters_it_stands_for_here(tmp_path: Path) -> None:
    # 'للّه' first, so that the font's map gives the lam glyph to 'لل': 'لكي' needs a span of its own.
    pdf = tmp_path / "spans.pdf"
    render_pdf(_html(["للّه", "لكي"]), pdf)
    streams = _streams(pdf)
    texts = [bytes.fromhex(hexed.decode()).decode("utf-16-be") for hexed in re.findall(rb"/ActualText <feff([0-9a-f]*)>", streams)]
    assert "ل" in texts  # the lam of 'لكي', drawn with the glyph mapped to the lam of 'لل' or with a kashida piece
    assert all(len(text) <= 3 for text in texts)  # a letter with its marks, never a whole word


@pytest.mark.parametrize("text", ["The Council took note of the report (document C20/24) – “as amended”.", "理事会注意到该报告。",
                                  "Совет принял доклад к сведению."])
def test_text_the_fonts_map_reads_right_has_no_span(text: str, tmp_path: Path) -> None:
    pdf = tmp_path / "plain.pdf"
    render_pdf(f"<html><body><p>{text}</p></body></html>", pdf)
    assert b"/ActualText" not in _streams(pdf)
    assert [line.text for page in read_layout(str(pdf)).pages for line in page.lines] == [text]
