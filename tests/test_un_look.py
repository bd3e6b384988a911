"""UN records look as the UN publishes them, in DOCX, HTML and PDF alike, and the DOCX as LibreOffice
lays it out breaks its pages where the PDF does.

Read as a reader would: the DOCX with python-docx, the HTML with lxml, the PDFs by their word
positions (`pdftotext -bbox-layout`), never by pdftotext's reading order (it returns Arabic in
visual order): a line is compared by the characters it holds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import lxml.html
import pytest
from click.testing import CliRunner

from drafting import language as lang
from drafting.cli import main
from drafting.record import Record, build_record
from drafting.source import load_source

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
SYMBOL = "CCPR/C/SR.3901"


def stem(code: str) -> str:
    return f"ccpr-c-sr-3901.{code}"


def record(code: str) -> Record:
    return build_record(load_source(str(EXAMPLES / f"{stem(code)}.yaml")))


def masthead_lines(code: str) -> dict[str, str]:
    """What page 1's masthead must print, each on one line, from the record and the language tables."""
    r = record(code)
    words = lang.wording(code)
    head = lang.masthead_wording(code, "un")
    lines = {
        "united_nations": words.un["united_nations"],
        "symbol": SYMBOL,
        "distribution": head.distribution(r.distribution),
        "date": lang.format_long_date(r.date, head.code),
        "original": head.original.format(head.names[r.original_language]),
        "committee": r.body,
        "session": r.session or "",
        "title": r.title,
    }
    if code != r.original_language:
        lines["version"] = words.version
    return lines


# --------------------------------------------------------------------------- PDF word positions

@dataclass
class Word:
    y0: float
    y1: float
    x0: float
    text: str


def words_of(pdf: Path, page: int) -> list[Word]:
    run = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', run.stdout)
    return [Word(float(y0), float(y1), float(x0), lxml.html.fromstring(f"<p>{text}</p>").text_content()) for x0, y0, y1, text in found]


def baselines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines, top to bottom (sizes on one line differ by a point or two)."""
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y1, w.x0)):
        if groups and abs(groups[-1][0].y1 - word.y1) <= 2.5:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def letters(text: str) -> Counter[str]:
    """The characters of a text, order and spacing aside (Arabic comes back in visual order)."""
    text = unicodedata.normalize("NFKC", text)
    return Counter(c for c in text if not c.isspace() and c not in "\u0640\u200f\u200e\u202a\u202b\u202c")


def holds(line: list[Word], text: str) -> bool:
    have, want = letters(" ".join(w.text for w in line)), letters(text)
    return all(have[c] >= n for c, n in want.items())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def first_line(pdf: Path, page: int) -> list[Word]:
    """The first line of a page's text, below the running head."""
    lines = [line for line in baselines(words_of(pdf, page)) if line[0].y0 > 60]
    return lines[0]


def similarity(a: list[Word], b: list[Word]) -> float:
    x, y = letters(" ".join(w.text for w in a)), letters(" ".join(w.text for w in b))
    return sum((x & y).values()) / max(sum(x.values()), sum(y.values()), 1)


@pytest.fixture(scope="session")
def libreoffice_pdfs(examples_all_formats: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The six UN DOCX files as LibreOffice lays them out: one conversion per test session."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("un-libreoffice")
    sources = [examples_all_formats.path(stem(code), "docx") for code in LANGUAGES]
    run = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                          "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    result = {code: out / f"{stem(code)}.pdf" for code in LANGUAGES}
    assert all(p.is_file() for p in result.values()), run.stdout + run.stderr
    return result


# --------------------------------------------------------------------------- the masthead, in every output

@pytest.mark.parametrize("code", LANGUAGES)
def test_docx_masthead_has_united_nations_symbol_organ_distribution_and_languages(examples_all_formats: Any, code: str) -> None:
    document = docx.Document(str(examples_all_formats.path(stem(code), "docx")))
    lines = masthead_lines(code)
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[0] == ("Record UN Line", f"{lines['united_nations']}\t{SYMBOL}")
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [lang.un_organ(SYMBOL, code)]
    expected = [lines["distribution"], lines["date"], *([lines["version"]] if "version" in lines else []), lines["original"]]
    assert [p.text for p in right.paragraphs if p.text] == expected
    # Committee and session below the masthead, then the title; the chairs tab-aligned.
    after = [text for name, text in styled if name in ("Record Body", "Record Header", "Record Title")]
    assert after == [lines["committee"], lines["session"], lines["title"]]
    chairs = [text for name, text in styled if name == "Record Chair"]
    r = record(code)
    assert chairs == [f"{c.role}{r.wording.colon.rstrip()}\t{c.name}" for c in r.chairs]
    tabs = document.styles["Record Chair"].paragraph_format.tab_stops
    assert len(tabs) == 1 and abs(tabs[0].position.cm - r.wording.un["chair_tab"]) < 0.01


@pytest.mark.parametrize("code", LANGUAGES)
def test_html_masthead_has_the_same_lines(examples_all_formats: Any, code: str) -> None:
    root = lxml.html.parse(str(examples_all_formats.path(stem(code), "html"))).getroot()
    lines = masthead_lines(code)
    header = root.xpath('//header[contains(concat(" ", @class, " "), " un ")]')[0]
    line = header.xpath('p[contains(@class, "un-line")]')[0]
    assert line.xpath('span[@class="label"]')[0].text_content() == lines["united_nations"]
    assert line.xpath('span[@class="symbol"]')[0].text_content() == SYMBOL
    assert [p.text_content().strip() for p in header.xpath('.//p[contains(@class, "organ")]')] == [lang.un_organ(SYMBOL, code)]
    expected = [lines["distribution"], lines["date"], *([lines["version"]] if "version" in lines else []), lines["original"]]
    assert [p.text_content().strip() for p in header.xpath('.//p[contains(@class, "line")][not(contains(@class, "un-line"))]')] == expected
    assert [p.text_content().strip() for p in root.xpath('//p[@class="committee"]')] == [lines["committee"]]
    assert [p.text_content().strip() for p in root.xpath('//p[@class="session"]')] == [lines["session"]]
    r = record(code)
    roles = [s.text_content().strip() for s in root.xpath('//p[@class="chair"]/span[@class="role"]')]
    assert roles == [c.role + r.wording.colon.rstrip() for c in r.chairs]
    # Contents lists titles only; the procedural line stands before the first heading.
    contents = [" ".join(li.text_content().split()) for li in root.xpath('//nav[@class="contents"]//li')]
    assert contents == [lang.titled(a.title, code, continued=a.continued) for a in r.agenda]
    after = root.xpath('//nav[@class="contents"]/following-sibling::*')
    assert after[0].tag == "p" and after[0].get("class") == "unnumbered" and after[1].tag == "section"


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("maker", ["pdf", "libreoffice"])
def test_no_masthead_line_wraps(examples_all_formats: Any, libreoffice_pdfs: dict[str, Path], code: str, maker: str) -> None:
    pdf = examples_all_formats.path(stem(code), "pdf") if maker == "pdf" else libreoffice_pdfs[code]
    top = baselines(words_of(pdf, 1))[:14]
    for key, text in masthead_lines(code).items():
        assert any(holds(line, text) for line in top), (maker, key, text, [" ".join(w.text for w in line) for line in top])


# --------------------------------------------------------------------------- the same pages

@pytest.mark.parametrize("code", LANGUAGES)
def test_pdf_and_libreoffice_docx_have_the_same_pages_starting_with_the_same_line(
        examples_all_formats: Any, libreoffice_pdfs: dict[str, Path], code: str) -> None:
    ours, theirs = examples_all_formats.path(stem(code), "pdf"), libreoffice_pdfs[code]
    assert page_count(ours) == page_count(theirs)
    for page in range(1, page_count(ours) + 1):
        a, b = first_line(ours, page), first_line(theirs, page)
        assert similarity(a, b) >= 0.8, (page, " ".join(w.text for w in a), " ".join(w.text for w in b))


def test_english_pdf_embeds_liberation_serif_subsets_only(examples_all_formats: Any) -> None:
    run = subprocess.run(["pdffonts", str(examples_all_formats.path(stem("en"), "pdf"))], capture_output=True, text=True, timeout=60)
    rows = [line.split() for line in run.stdout.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        name = row[0]
        assert re.fullmatch(r"[A-Z]{6}\+Liberation-?Serif(-Bold|-Italic|-BoldItalic)?", name), name
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_docx_names_times_new_roman(examples_all_formats: Any) -> None:
    document = docx.Document(str(examples_all_formats.path(stem("en"), "docx")))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Record Paragraph"].font.size.pt == 10


# --------------------------------------------------------------------------- other organs, as a user writes them

def test_organ_line_follows_the_symbol_or_the_record(tmp_path: Path) -> None:
    text = (EXAMPLES / "ccpr-c-sr-3901.en.yaml").read_text(encoding="utf-8")
    general = tmp_path / "fourth.yaml"
    general.write_text(text.replace("symbol: CCPR/C/SR.3901", "symbol: A/C.4/64/SR.22"), encoding="utf-8")
    own = tmp_path / "own.yaml"
    own.write_text(text.replace("style: un\n", "style: un\norgan: Conference on Disarmament\n"), encoding="utf-8")
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(text.replace("symbol: CCPR/C/SR.3901", "symbol: XYZ/1"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(general), str(own), str(unknown), "--to", "docx", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    organs = {}
    for name in ("fourth", "own", "unknown"):
        cell = docx.Document(str(tmp_path / "out" / f"{name}.docx")).tables[0].rows[0].cells[0]
        organs[name] = "".join(p.text for p in cell.paragraphs)
    assert organs == {"fourth": "General Assembly", "own": "Conference on Disarmament", "unknown": ""}
    # The organ a record names is imported back; the one its symbol gives is not written out.
    imported = tmp_path / "own-imported.yaml"
    assert CliRunner().invoke(main, ["import", str(tmp_path / "out" / "own.docx"), "-o", str(imported)]).exit_code == 0
    assert "organ: Conference on Disarmament" in imported.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- what a UN record may and may not say

def test_lines_before_the_first_heading_must_be_unnumbered_and_agenda_documents_are_reported(tmp_path: Path) -> None:
    text = (EXAMPLES / "ccpr-c-sr-3901.en.yaml").read_text(encoding="utf-8")
    numbered = tmp_path / "numbered.yaml"
    numbered.write_text(text.replace("      - text: The meeting was called to order at 10 a.m.\n        numbered: false\n",
                                     "      - text: The meeting was called to order at 10 a.m.\n"), encoding="utf-8")
    later = tmp_path / "later.yaml"
    head, _, tail = text.rpartition("  - title: Organizational and other matters\n")  # the last section's heading
    later.write_text(head + "  -\n" + tail, encoding="utf-8")
    documents = tmp_path / "documents.yaml"
    documents.write_text(text.replace("    id: item-organizational\n", "    id: item-organizational\n    documents: [CCPR/C/140/1]\n"), encoding="utf-8")
    for path in (numbered, later):
        result = CliRunner().invoke(main, ["validate", str(path)])
        assert result.exit_code == 2, result.output
        assert "missing required key 'title'" in result.stderr and "only the first section may go without one" in result.stderr
    result = CliRunner().invoke(main, ["validate", str(documents)])
    assert result.exit_code == 0, result.output
    assert "agenda[1].documents: a UN Contents lists titles only" in result.stderr and ": warning: " in result.stderr
