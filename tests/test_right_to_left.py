"""Arabic right to left in the three outputs, checked on the Arabic examples as a reader would:
the DOCX's bidi settings, the HTML's dir and lang, and where words land on the PDF's pages."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest
from page_layout import Word

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ITU = "vc15-1.ar"
UN = "ccpr-c-sr-3901.ar"
CM = 72 / 2.54


def xml(path: Path, part: str) -> Any:
    with zipfile.ZipFile(path) as archive:
        return lxml.etree.fromstring(archive.read(part))


def text_of(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


ARABIC = re.compile("[\u0600-\u06ff]")


# --------------------------------------------------------------------------- DOCX


@pytest.mark.parametrize("stem", [ITU, UN])
def test_docx_paragraphs_are_right_to_left_except_english_masthead_lines(examples_all_formats: Any, stem: str) -> None:
    body = xml(examples_all_formats.path(stem, "docx"), "word/document.xml")
    masthead = next(body.iter(f"{W}tbl"))
    in_masthead = set(masthead.iter(f"{W}p"))
    left_to_right = []
    for paragraph in body.iter(f"{W}p"):
        bidi = paragraph.find(f"{W}pPr/{W}bidi")
        assert bidi is not None, text_of(paragraph)[:40]
        if bidi.get(f"{W}val") == "0":
            assert paragraph in in_masthead and not ARABIC.search(text_of(paragraph)), text_of(paragraph)
            left_to_right.append(text_of(paragraph))
    if stem == UN:
        assert left_to_right == ["Distr.: General", "14 March 2024", "Arabic", "Original: English"]
    else:
        assert left_to_right == []


@pytest.mark.parametrize("stem", [ITU, UN])
def test_docx_tables_are_right_to_left(examples_all_formats: Any, stem: str) -> None:
    body = xml(examples_all_formats.path(stem, "docx"), "word/document.xml")
    tables = list(body.iter(f"{W}tbl"))
    assert tables and all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)


def test_docx_complex_script_font_bold_and_size(examples_all_formats: Any) -> None:
    path = examples_all_formats.path(UN, "docx")
    styles = xml(path, "word/styles.xml")
    fonts = list(styles.iter(f"{W}rFonts"))
    assert fonts and all(f.get(f"{W}cs") == "Amiri" for f in fonts)
    for rpr in styles.iter(f"{W}rPr"):
        for latin, twin in (("b", "bCs"), ("i", "iCs"), ("sz", "szCs")):
            if rpr.find(f"{W}{latin}") is not None:
                assert rpr.find(f"{W}{twin}") is not None, (latin, lxml.etree.tostring(rpr)[:200])
    body = xml(path, "word/document.xml")
    bold_runs = [r for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert bold_runs, "the speakers' names are bold"
    for run in bold_runs:
        assert run.find(f"{W}rPr/{W}bCs") is not None and run.find(f"{W}rPr/{W}rtl") is not None
    assert xml(path, "word/styles.xml").find(f".//{W}docDefaults//{W}lang").get(f"{W}val") == "ar-SA"


def test_amiri_is_installed_for_the_build() -> None:
    found = subprocess.run(["fc-list", ":family=Amiri", "family"], capture_output=True, text=True, check=False)
    assert "Amiri" in found.stdout, "make build installs fonts-hosny-amiri"


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("stem", [ITU, UN])
def test_html_direction_and_language(examples_all_formats: Any, stem: str) -> None:
    root = lxml.html.parse(str(examples_all_formats.path(stem, "html"))).getroot()
    assert root.get("lang") == "ar" and root.get("dir") == "rtl"
    ltr = root.xpath('//header[contains(concat(" ", @class, " "), " masthead ")]//p[@dir="ltr"]')
    assert all(p.get("lang") == "en" and not ARABIC.search(p.text_content()) for p in ltr)
    if stem == UN:
        assert [p.text_content().strip() for p in ltr] == ["Distr.: General", "14 March 2024", "Arabic", "Original: English"]
        # 'الأمم المتحدة' at the start of the line, the symbol (left to right) at its end.
        line = root.xpath('//header//p[contains(@class, "un-line")]')[0]
        assert line.xpath('span[@class="label"]')[0].text_content() == "الأمم المتحدة"
        assert [s.text_content() for s in line.xpath('span[@class="symbol"][@dir="ltr"]')] == ["CCPR/C/SR.3901"]
    for paragraph in root.xpath('//p[contains(concat(" ", @class, " "), " paragraph ")]'):
        first = [child for child in paragraph if child.get("class") != "" and child.tag == "span" and not child.get("id")][0]
        assert first.get("class") == "num", lxml.html.tostring(paragraph)[:120]


# --------------------------------------------------------------------------- PDF


def words(path: Path, page: int) -> tuple[list[Word], float]:
    """Words of a page with their boxes (pdftotext -bbox), and the page width."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    found = [Word(lxml.html.fromstring(m.group(5)).text_content() if m.group(5).strip() else "", *map(float, m.groups()[:4]))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]
    return found, width


def on_line(all_words: list[Word], word: Word) -> list[Word]:
    return [w for w in all_words if abs(w.y0 - word.y0) < 2 and w is not word]


def test_pdf_itu_numbers_hang_in_the_right_margin(examples_all_formats: Any) -> None:
    page, width = words(examples_all_formats.path(ITU, "pdf"), 1)
    right = width - 2 * CM
    indent = 1.27 * CM
    # Page 1 ends after 1.2: Amiri's own line height, as in the DOCX printed by LibreOffice.
    for label in ("1.1", "1.2"):
        number = next(w for w in page if w.text == label)
        assert number.x1 == pytest.approx(right, abs=1), label
        text = on_line(page, number)
        assert text and max(w.x1 for w in text) <= right - indent + 1, label
    first = next(w for w in page if w.text == "1.1")
    # The section heading "1" is the last "1" above paragraph 1.1 (the others are agenda rows).
    heading = max((w for w in page if w.text == "1" and w.x0 > width / 2 and w.y0 < first.y0), key=lambda w: w.y0)
    assert heading.x1 == pytest.approx(right, abs=1)


def test_pdf_running_head_is_mirrored(examples_all_formats: Any) -> None:
    page, width = words(examples_all_formats.path(ITU, "pdf"), 2)
    top = min(w.y0 for w in page)
    head = [w for w in page if w.y0 < top + 2]
    symbol = next(w for w in head if w.text == "VC/15-A")
    number = next(w for w in head if w.text == "2")
    assert symbol.x0 > width / 2 > number.x1


def test_pdf_footnote_and_english_masthead(examples_all_formats: Any) -> None:
    page, width = words(examples_all_formats.path(UN, "pdf"), 1)
    right = width - 2.5 * CM
    date = [w for w in page if w.text in ("14", "March", "2024") and w.x1 < width / 2]
    assert [w.text for w in sorted(date, key=lambda w: w.x0)] == ["14", "March", "2024"], "the English date reads left to right"
    lowest = max(w.y1 for w in page)
    footnote = [w for w in page if w.y1 > lowest - 40]
    assert footnote and max(w.x1 for w in footnote) == pytest.approx(right, abs=2), "the footnote starts at the right"


def test_pdf_latin_symbols_keep_their_order(examples_all_formats: Any) -> None:
    page, _ = words(examples_all_formats.path(ITU, "pdf"), 4)  # section 8, as in the DOCX
    texts = {w.text.strip(".,()") for w in page}
    assert {"C20/24", "VC/5"} <= texts, sorted(t for t in texts if "/" in t)
    assert not any(t in texts for t in ("42/02C", "5/CV"))


def test_pdf_embeds_the_arabic_font(examples_all_formats: Any) -> None:
    fonts = subprocess.run(["pdffonts", str(examples_all_formats.path(UN, "pdf"))], capture_output=True, text=True, check=True).stdout
    assert re.search(r"\+Amiri\b", fonts), fonts


def test_labels_split_across_runs_still_hang(examples_all_formats: Any, tmp_path: Path, drafting_build: Any) -> None:
    """LibreOffice saves "1-" and "(a)" as runs of different direction; the HTML joins them again."""
    import copy
    import shutil

    import docx

    edited = tmp_path / "split.ar.docx"
    shutil.copy(examples_all_formats.path(UN, "docx"), edited)
    document = docx.Document(str(edited))
    split = 0
    for paragraph in document.paragraphs:
        labelled = [r for r in paragraph.runs if r.text.strip()]
        if paragraph.style.name in ("Record Paragraph", "Record Subparagraph") and labelled:
            first = labelled[0]._r
            text = first.find(f"{W}t")
            if text is None or len(text.text or "") < 2:
                continue
            second = copy.deepcopy(first)
            rtl = second.find(f"{W}rPr/{W}rtl")
            if rtl is not None:
                rtl.getparent().remove(rtl)
            second.find(f"{W}t").text = text.text[1:]
            text.text = text.text[:1]
            first.addnext(second)
            split += 1
    assert split > 10
    document.save(str(edited))
    result = drafting_build(edited, "--to", "html", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    root = lxml.html.parse(str(tmp_path / "out" / "split.ar.html")).getroot()
    numbers = [span.text_content() for span in root.xpath('//p[contains(concat(" ", @class, " "), " paragraph ")]/span[@class="num"]')]
    assert numbers == [f"{n}\u00a0-" for n in range(1, 18)]
    labels = [span.text_content() for span in root.xpath('//p[contains(@class, "subparagraph")]/span[@class="num"]')]
    assert labels[:3] == ["(a)", "(b)", "(i)"]
