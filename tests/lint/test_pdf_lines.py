"""How the PDF reader joins a paragraph's printed lines: hyphenated words, Chinese, paragraph ends."""

from __future__ import annotations

import re
from pathlib import Path

from drafting.lint.pdffile import HYPHENATION, join_lines, paragraphs, read_layout, read_pdf

_CJK_SPACE_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef] [\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")

WORDS = ("The representatives of the telecommunication standardization organizations welcomed the "
         "internationalization of the extraordinary intergovernmental consultations.")


def test_words_hyphenated_by_weasyprint_are_whole_again(tmp_path: Path) -> None:
    import weasyprint

    paragraphs_html = "".join(f"<p>{WORDS}</p>" for _ in range(3))
    html = f'<html lang="en"><body style="width: 150px; hyphens: auto; font: 11pt \'Liberation Serif\'; text-align: justify">{paragraphs_html}</body></html>'
    pdf = tmp_path / "hyphenated.pdf"
    weasyprint.HTML(string=html).write_pdf(str(pdf))
    found = paragraphs(read_layout(str(pdf)))
    assert any(part.endswith(HYPHENATION) for paragraph in found for part in paragraph.parts)  # WeasyPrint did hyphenate
    assert [paragraph.text for paragraph in found] == [WORDS] * 3


def test_join_lines_keeps_a_real_hyphen_and_spaces_between_latin_and_chinese() -> None:
    assert join_lines(["represent\u2010", "atives and Vice-", "Chair"]) == ("representatives and Vice- Chair", [0, 9, 26])
    assert join_lines(["主席感谢代表团进行了建设性对话。委员会将继续密切关注上文第5段和第7段所述改革的实施情", "况。"])[0].endswith("实施情况。")
    assert join_lines(["消除", "COVID-19"])[0] == "消除 COVID-19"


def test_chinese_pdf_paragraphs_have_no_space_where_a_line_wrapped(examples_all_formats) -> None:  # type: ignore[no-untyped-def]
    doc = read_pdf(str(examples_all_formats.path("vc15-1.zh", "pdf")))
    texts = [item.text for item in doc.items() if item.numbered]  # (the signature block's columns are apart by a space)
    assert len(texts) > 50
    assert not [t for t in texts if _CJK_SPACE_CJK.search(t)]


def test_chinese_sub_paragraphs_and_unnumbered_paragraphs_are_paragraphs_of_their_own(examples_all_formats) -> None:  # type: ignore[no-untyped-def]
    # Their first character would have fitted at the end of the short line above: a paragraph ended there
    # (a Chinese 'word' is the whole run of characters up to a space, not the unit a line breaks at).
    found = paragraphs(read_layout(str(examples_all_formats.path("ccpr-c-sr-3901.zh", "pdf"))))
    starts = [paragraph.text[:4] for paragraph in found]
    for start in ("(a) ", "(b) ", "(i) ", "(ii)", "(c) ", "副主席Q", "马雷尼亚"):
        assert start in starts, (start, starts)
