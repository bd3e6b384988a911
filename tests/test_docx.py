"""The official Word document, checked the way a user would: open the DOCX and look.

Every test builds through the `drafting build` command (click's CliRunner) and reads the
result back with python-docx and lxml: texts, styles, numbers, bookmarks, links, headers,
properties, schema validity and a LibreOffice conversion to PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.style import WD_STYLE_TYPE
from expected import VC15_NUMBERS
from lxml import etree

from drafting.manifest import MANIFEST_NAME
from drafting.typography import invisible

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TEMPLATES = ROOT / "templates"
# A copy of the shared validator and schemas lives in tests/data, so a clean clone can run it.
VALIDATOR = ROOT / "tests" / "data" / "tools" / "validate_wml.py"

Built = Any  # conftest.Built: .source, .result (click Result), .docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_REL = R + "/hyperlink"

ZH = "vc15-1.zh"
EN = "vc15-1.en"
UN = "ccpr-c-sr-3901.en"

ELEMENT_STYLES = [
    "Record Header", "Record Title", "Record Time", "Record Chair", "Record Agenda",
    "Record Agenda Header", "Record Heading", "Record Paragraph", "Record Unnumbered",
    "Record Subparagraph", "Record Subparagraph 2", "Record Signature", "Record Footnote",
    "Record Running Head",
]


# --------------------------------------------------------------------------- reading a DOCX


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def element_text(element: etree._Element) -> str:
    """Text of an element as a reader sees it: run text, tabs as \\t, line breaks as \\n."""
    parts = []
    for node in element.iter(w("t"), w("tab"), w("br"), w("cr")):
        if node.getparent().tag != w("r"):
            continue  # w:tab inside w:tabs is a tab stop, not text
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


@dataclass
class Para:
    style: str
    text: str
    element: etree._Element


class Doc:
    """A built DOCX opened with python-docx, with lxml views of its parts."""

    def __init__(self, path: Path) -> None:
        assert path.is_file(), f"no DOCX at {path}"
        self.path = path
        self.document = docx.Document(str(path))
        self.body = self.document.element.body
        self.style_names = {s.style_id: s.name for s in self.document.styles}

    def style_of(self, p: etree._Element) -> str:
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        return self.style_names.get(style.get(w("val")), "?") if style is not None else "Normal"

    @property
    def paragraphs(self) -> list[Para]:
        """Every paragraph of the main text in reading order, table cells included."""
        return [Para(self.style_of(p), element_text(p), p) for p in self.body.iter(w("p"))]

    def texts(self, style: str) -> list[str]:
        return [p.text for p in self.paragraphs if p.style == style]

    def bookmarks(self) -> dict[str, Para]:
        """Bookmark name -> the paragraph its start is in."""
        out: dict[str, Para] = {}
        for para in self.paragraphs:
            for start in para.element.iter(w("bookmarkStart")):
                name = start.get(w("name"))
                assert name not in out, f"bookmark {name} twice"
                out[name] = para
        return out

    def table(self, style: str) -> etree._Element:
        tables = [t for t in self.document.tables if t.style is not None and t.style.name == style]
        assert len(tables) == 1, f"expected one table in style {style!r}, found {len(tables)}"
        return tables[0]._tbl

    def part_xml(self, name: str) -> etree._Element:
        with zipfile.ZipFile(self.path) as archive:
            return etree.fromstring(archive.read(name))

    def external_links(self) -> dict[str, str]:
        """Relationship id -> target of every external hyperlink of the main part."""
        return {rel.rId: rel.target_ref for rel in self.document.part.rels.values()
                if rel.reltype == HYPERLINK_REL and rel.is_external}


def row_cells(tr: etree._Element) -> list[str]:
    """The texts of a table row's real cells (a merged cell counts once)."""
    return ["\n".join(element_text(p) for p in tc.iter(w("p"))) for tc in tr.findall(w("tc"))]


def number_of(text: str) -> str:
    """The number printed before the first tab of a paragraph ('' when there is no tab)."""
    return text.split("\t", 1)[0] if "\t" in text else ""


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in ``haystack`` after the previous one."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} missing (or out of order) after position {position}"
        position = found + len(needle)


def load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def doc_of(built: Built) -> Doc:
    assert built.result.exit_code == 0, built.result.output
    return Doc(built.docx)


@pytest.fixture(scope="module")
def zh(built_examples: dict[str, Built]) -> Doc:
    return doc_of(built_examples[ZH])


@pytest.fixture(scope="module")
def en(built_examples: dict[str, Built]) -> Doc:
    return doc_of(built_examples[EN])


@pytest.fixture(scope="module")
def un(built_examples: dict[str, Built]) -> Doc:
    return doc_of(built_examples[UN])


# --------------------------------------------------------------------------- 1. the Chinese record


def test_zh_build_exits_0_and_writes_the_docx(tmp_path: Path, drafting_build: Any) -> None:
    result = drafting_build(EXAMPLES / f"{ZH}.yaml", "--to", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{ZH}.docx").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != MANIFEST_NAME) == [f"{ZH}.docx"], "stray files beside the output"
    assert f"-> {tmp_path / (ZH + '.docx')}" in result.output
    Doc(tmp_path / f"{ZH}.docx")  # python-docx opens it


def test_zh_header_block_title_time_and_chair(zh: Doc) -> None:
    paragraphs = zh.paragraphs
    texts = [p.text for p in paragraphs]
    title_at = texts.index("第一次会议摘要记录")
    for header in ["理事磋商会虚拟会议", "自2020年6月9日开始", "文件 VC/15-C", "2020年6月16日", "原文：英文"]:
        assert header in texts[:title_at], f"header text {header!r} not before the title"
    assert zh.texts("Record Title") == ["第一次会议摘要记录"]
    assert zh.texts("Record Time") == ["2020年6月9日（星期二），12时至15时"]
    assert zh.texts("Record Chair") == ["主席：S. BIN GHELAITA先生（阿拉伯联合酋长国）"]
    assert texts.index("2020年6月9日（星期二），12时至15时") > title_at


def test_zh_agenda_table(zh: Doc) -> None:
    record = load_yaml(EXAMPLES / f"{ZH}.yaml")
    rows = zh.table("Record Agenda Table").findall(w("tr"))
    head, body = rows[0], rows[1:]
    assert head.find(f"{w('trPr')}/{w('tblHeader')}") is not None, "header row not repeated on every page"
    assert row_cells(head) == ["议题", "文件"]
    assert len(body) == 11
    for number, (row, item) in enumerate(zip(body, record["agenda"]), start=1):
        assert row.find(f"{w('trPr')}/{w('tblHeader')}") is None
        # Word joiners keep each symbol on one line (drafting/typography.py); a reader sees none.
        assert [invisible(c) for c in row_cells(row)] == [str(number), item["title"], ", ".join(item.get("documents", [])) or "-"]
    assert [row_cells(r)[2] for r in body][:3] == ["-", "-", "-"]


def test_zh_headings_in_order(zh: Doc) -> None:
    headings = [invisible(h) for h in zh.texts("Record Heading")]
    assert [number_of(h) for h in headings] == [str(n) for n in range(1, 12)]
    assert headings[0] == "1\t虚拟磋商会议开幕"
    assert headings[3] == "4\t虚拟磋商会议议程草案的批准（VC/1(Rev.2)号文件）"
    assert headings[6] == "7\t世界电信和信息社会日（C20/17和C20/68号文件）"
    assert headings[7] == "8\t2020年世界电信标准化全会（WTSA-20）的筹备工作（C20/24和VC/5号文件）"
    assert headings[10] == "11\t虚拟磋商会议的成果摘要（VC/DT/1号文件）"


def test_zh_paragraph_numbers_without_the_reference_mistakes(zh: Doc) -> None:
    numbers = [number_of(t) for t in zh.texts("Record Paragraph")]
    assert numbers == VC15_NUMBERS
    # The published file's mistakes: a second 10.8, and a 10.2 inside section 11.
    assert numbers.count("10.8") == 1 and "10.9" in numbers
    assert numbers[-3:] == ["11.1", "11.2", "11.3"]


def test_zh_paragraphs_sit_under_their_heading(zh: Doc) -> None:
    current = None
    for para in zh.paragraphs:
        if para.style == "Record Heading":
            current = number_of(para.text)
        elif para.style == "Record Paragraph":
            assert number_of(para.text).split(".")[0] == current, para.text[:40]


def test_zh_unnumbered_paragraph_of_section_3(zh: Doc) -> None:
    unnumbered = [p for p in zh.paragraphs if p.style == "Record Unnumbered"]
    assert len(unnumbered) == 1
    text = unnumbered[0].text
    assert text.startswith("主席的致辞在以下链接提供：")
    assert number_of(text) == "" and not re.match(r"\d", text)
    sequence = [(p.style, p.text) for p in zh.paragraphs if p.style in ("Record Heading", "Record Unnumbered")]
    at = sequence.index(("Record Unnumbered", text))
    assert number_of(sequence[at - 1][1]) == "3" and number_of(sequence[at + 1][1]) == "4"
    # It is a line break, not a second paragraph, that puts the link on its own line.
    assert "\nhttps://www.itu.int/en/council/Documents/2020/VCC-Chairman-opening-e.pdf" in text


def stable_ids(record: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Every stable id of a record (as a bookmark name) -> (style, start of the text) of its paragraph."""
    itu = record["style"] == "itu"
    colon = "：" if record["language"] == "zh" else ": "
    out: dict[str, tuple[str, str]] = {}

    def put(ident: str | None, style: str, text: str) -> None:
        if ident:
            name = ident.replace("-", "_")
            assert name not in out
            out[name] = (style, text)

    put(record.get("body_id"), "Record Body", record["body"])
    put(record["meeting"].get("title_id"), "Record Title", record["meeting"]["title"])
    for chair in record.get("chairs", []):
        put(chair.get("id"), "Record Chair", f"{chair['role']}{colon}{chair['name']}")
    for item in record["agenda"]:
        for ident in [item.get("id"), *item.get("bookmarks", [])]:
            put(ident, "Record Agenda" if itu else "Record Contents Item", item["title"])
    running = 0
    for s_index, section in enumerate(record["sections"], start=1):
        title = section.get("title") or record["agenda"][s_index - 1]["title"]
        for ident in [section.get("id"), *section.get("bookmarks", [])]:
            put(ident, "Record Heading", f"{s_index}\t{title}" if itu else title)
        numbered = 0
        for paragraph in section["paragraphs"]:
            if isinstance(paragraph, str):
                paragraph = {"text": paragraph}
            if paragraph.get("numbered", True):
                numbered += 1
                running += 1
                prefix = f"{s_index}.{numbered}\t" if itu else f"{running}.\t"
                style = "Record Paragraph"
            else:
                prefix, style = "", "Record Unnumbered"
            for ident in [paragraph.get("id"), *paragraph.get("bookmarks", [])]:
                put(ident, style, prefix)
    return out


@pytest.mark.parametrize("stem", [ZH, EN, UN])
def test_bookmark_on_every_stable_id(built_examples: dict[str, Built], stem: str) -> None:
    doc = doc_of(built_examples[stem])
    expected = stable_ids(load_yaml(EXAMPLES / f"{stem}.yaml"))
    found = doc.bookmarks()
    assert sorted(found) == sorted(expected)
    for name, (style, start) in expected.items():
        para = found[name]
        assert para.style == style and para.text.startswith(start), (name, para.style, para.text[:50])
    # Every bookmark is closed, in the paragraph where it starts.
    for start in doc.body.iter(w("bookmarkStart")):
        ends = start.getparent().findall(f"{w('bookmarkEnd')}[@{w('id')}='{start.get(w('id'))}']")
        assert len(ends) == 1, start.get(w("name"))


def test_zh_known_bookmarks(zh: Doc) -> None:
    marks = zh.bookmarks()
    assert marks["lt_pId162"].text.startswith("8.8\t主席认为，虚拟磋商会议希望")
    assert marks["lt_pId205"].text == "10.9\t会议照此做出结论。"
    assert marks["lt_pId130"].text.startswith("8\t2020年世界电信标准化全会")
    assert marks["lt_pId068"].style == "Record Unnumbered"
    assert marks["lt_pId053"].text == marks["lt_pId054"].text and marks["lt_pId054"].text.startswith("1.1\t")


def test_zh_signature_block(zh: Doc) -> None:
    signature = "\n".join(zh.texts("Record Signature"))
    assert re.search(r"秘书长：\s+主席：", signature), signature
    assert re.search(r"赵厚麟\s+S\. BIN GHELAITA", signature), signature
    assert signature.index("秘书长") < signature.index("赵厚麟")
    assert zh.paragraphs[-1].style == "Record Signature"


def page_field(part: etree._Element) -> bool:
    simple = any("PAGE" in (f.get(w("instr")) or "").split() for f in part.iter(w("fldSimple")))
    complex_ = any("PAGE" in (t.text or "").split() for t in part.iter(w("instrText")))
    return simple or complex_


def test_zh_running_head_from_page_2(zh: Doc) -> None:
    section = zh.document.sections[0]
    assert section.different_first_page_header_footer
    assert zh.document.element.body.find(f"{w('sectPr')}/{w('titlePg')}") is not None
    header = section.header
    assert not header.is_linked_to_previous
    assert "VC/15-C" in element_text(header._element)
    assert page_field(header._element), "no PAGE field in the running head"
    assert {zh.style_names.get(p.style.style_id) for p in header.paragraphs} == {"Record Running Head"}
    first = section.first_page_header
    assert first.is_linked_to_previous or "VC/15-C" not in element_text(first._element)


def test_zh_document_properties(zh: Doc) -> None:
    props = zh.document.core_properties
    assert props.title == "第一次会议摘要记录"
    assert props.subject == "VC/15-C"
    assert props.language.lower().startswith("zh")
    assert "VC/15-C" in props.keywords


def test_a_title_longer_than_a_word_property_builds_whole_and_its_property_is_cut(tmp_path: Path, drafting_build: Any) -> None:
    # Word (and python-docx) hold a document property to 255 characters; the printed title has no such limit.
    record = load_yaml(EXAMPLES / f"{EN}.yaml")
    title = " ".join(["SUMMARY RECORD OF THE FIRST MEETING OF THE WORKING GROUP"] * 8)
    record["meeting"]["title"] = title
    record["keywords"] = [f"keyword number {n}" for n in range(30)]
    source = tmp_path / "long-title.en.yaml"
    source.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = drafting_build(source, "--to", "docx", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / "long-title.en.docx"))
    assert title in [p.text for p in document.paragraphs]
    props = document.core_properties
    assert len(props.title) == 255 and props.title.endswith("…") and title.startswith(props.title[:-1])
    assert len(props.keywords) <= 255 and props.keywords.startswith("VC/15-E, keyword number 0")


def test_zh_east_asian_language_and_font(zh: Doc) -> None:
    styles = zh.part_xml("word/styles.xml")
    rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    lang = rpr.find(w("lang"))
    assert lang.get(w("eastAsia")) == "zh-CN"
    assert lang.get(w("val")).startswith("zh")
    assert rpr.find(w("rFonts")).get(w("eastAsia")) == "Noto Serif CJK SC"
    # Word ignores w:eastAsia where w:eastAsiaTheme is set: the Normal style, on which every
    # Record style is based, must name the font itself for it to take effect.
    normal = next(s for s in styles.findall(w("style")) if s.get(w("styleId")) == "Normal")
    fonts = normal.find(f"{w('rPr')}/{w('rFonts')}")
    assert fonts.get(w("eastAsia")) == "Noto Serif CJK SC" and fonts.get(w("eastAsiaTheme")) is None
    # With a Windows fallback named in the font table.
    fonts = zh.part_xml("word/fontTable.xml")
    noto = [f for f in fonts.findall(w("font")) if f.get(w("name")) == "Noto Serif CJK SC"]
    assert noto and noto[0].find(w("altName")) is not None


# --------------------------------------------------------------------------- 2. English and UN


def test_en_builds_like_the_chinese(en: Doc) -> None:
    assert [number_of(t) for t in en.texts("Record Paragraph")] == VC15_NUMBERS
    assert [number_of(h) for h in en.texts("Record Heading")] == [str(n) for n in range(1, 12)]
    rows = en.table("Record Agenda Table").findall(w("tr"))
    assert row_cells(rows[0]) == ["Subjects discussed", "Documents"]
    assert len(rows) == 12
    assert en.texts("Record Title") == ["SUMMARY RECORD OF THE FIRST MEETING"]
    assert en.texts("Record Time") == ["Tuesday, 9 June 2020, from 1200 to 1500 hours"]
    texts = [p.text for p in en.paragraphs]
    for header in ["Virtual consultation of councillors", "Document VC/15-E", "16 June 2020", "Original: English"]:
        assert header in texts
    signature = "\n".join(en.texts("Record Signature"))
    assert re.search(r"The Secretary-General:?\s+The Chairman:?", signature), signature
    assert "VC/15-E" in element_text(en.document.sections[0].header._element)
    assert en.document.core_properties.subject == "VC/15-E"


def test_un_paragraphs_numbered_straight_through(un: Doc) -> None:
    record = load_yaml(EXAMPLES / f"{UN}.yaml")
    count = sum(1 for s in record["sections"] for p in s["paragraphs"]
                if isinstance(p, str) or p.get("numbered", True))
    assert [number_of(t) for t in un.texts("Record Paragraph")] == [f"{n}." for n in range(1, count + 1)]
    assert count == 17
    # UN headings carry no number; unnumbered paragraphs do not shift the others.
    assert all(not re.match(r"\d", h) for h in un.texts("Record Heading"))
    assert un.texts("Record Unnumbered")[0] == "The meeting was called to order at 10\u00a0a.m."  # a number with its unit
    assert [number_of(t) for t in un.texts("Record Subparagraph")] == ["(a)", "(b)", "(c)"]
    assert [number_of(t) for t in un.texts("Record Subparagraph 2")] == ["(i)", "(ii)"]


def test_un_masthead_contents_and_footnote(un: Doc) -> None:
    texts = [p.text for p in un.paragraphs]
    for line in ["United Nations\tCCPR/C/SR.3901", "International Covenant on Civil and Political Rights", "Distr.: General",
                 "14 March 2024", "Original: English", "Human Rights Committee", "140th session"]:
        assert line in texts, line
    # The masthead's order: the United Nations line, the organ, the distribution block, then committee and session.
    assert texts.index("United Nations\tCCPR/C/SR.3901") < texts.index("Original: English") < texts.index("Human Rights Committee")
    assert un.texts("Record Title") == ["Summary record of the 3901st meeting"]
    assert un.texts("Record Contents Heading") == ["Contents"]
    contents = un.texts("Record Contents Item")
    assert len(contents) == 2
    assert contents[0].startswith("Consideration of reports submitted by States parties under article 40 of the Covenant (continued)")
    assert [invisible(text) for text in contents] == [
        "Consideration of reports submitted by States parties under article 40 of the Covenant (continued)",
        "Organizational and other matters"]  # titles only, as UN Contents lists them
    headings = [invisible(text) for text in un.texts("Record Heading")]
    assert "Initial report of the Republic of Marenia (CCPR/C/MRN/1; CCPR/C/MRN/Q/1; CCPR/C/MRN/RQ/1)" in headings
    assert not [h for h in headings if "Document" in h]
    # The procedural line stands before the first heading, unnumbered.
    body = [(p.style, invisible(p.text)) for p in un.paragraphs if p.style in ("Record Unnumbered", "Record Heading")]
    assert body[0] == ("Record Unnumbered", "The meeting was called to order at 10\xa0a.m.")  # a number and its unit never part
    assert un.texts("Record Chair") == ["Chair:\tMs. Halvorsen", "later:\tMr. Quintero-Abad (Vice-Chair)"]
    assert not [t for t in un.document.tables if t.style is not None and t.style.name == "Record Agenda Table"]
    section = un.document.sections[0]
    assert section.different_first_page_header_footer
    # The corrections note is a Word footnote called after the title, not a footer.
    assert not element_text(section.first_page_footer._element).strip()
    with zipfile.ZipFile(un.path) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    [note] = [n for n in notes.iter(w("footnote")) if n.get(w("type")) is None]
    assert element_text(note).strip().startswith("This record is subject to correction.")
    assert {un.style_names.get(s.get(w("val"))) for s in note.iter(w("pStyle"))} == {"Record Footnote"}
    assert "CCPR/C/SR.3901" in element_text(section.header._element) and page_field(section.header._element)
    assert "CCPR/C/SR.3901" not in element_text(section.first_page_header._element)
    assert un.document.core_properties.subject == "CCPR/C/SR.3901"
    assert "Republic of Marenia" in un.document.core_properties.keywords


def test_un_cross_references_are_links_to_bookmarks(un: Doc) -> None:
    links = {h.get(w("anchor")): element_text(h) for h in un.body.iter(w("hyperlink")) if h.get(w("anchor"))}
    assert links == {"opening_remarks": "2", "pretrial_detention": "5", "counter_terrorism": "12", "equality_bill": "7"}
    texts = un.texts("Record Paragraph")
    assert "information provided in paragraph 2 above" in texts[7]
    assert "paragraphs 5 and 7 above" in texts[14]
    assert un.bookmarks()["opening_remarks"].text.startswith("2.\t")


# --------------------------------------------------------------------------- 3. named styles


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_every_element_has_a_named_style(template: str) -> None:
    styles = docx.Document(str(TEMPLATES / template)).styles
    names = {s.name: s.type for s in styles}
    for name in ELEMENT_STYLES:
        assert names.get(name) == WD_STYLE_TYPE.PARAGRAPH, f"{template}: no paragraph style {name!r}"
    assert names.get("Record Agenda Table") == WD_STYLE_TYPE.TABLE


@pytest.mark.parametrize("stem", [ZH, EN, UN])
def test_every_paragraph_of_a_build_has_a_record_style(built_examples: dict[str, Built], stem: str) -> None:
    doc = doc_of(built_examples[stem])
    unstyled = [(p.style, p.text[:30]) for p in doc.paragraphs if not p.style.startswith("Record ")]
    assert unstyled == []
    # Every style a paragraph, run or table names is defined.
    xml = doc.body
    for tag in ("pStyle", "rStyle", "tblStyle"):
        for element in xml.iter(w(tag)):
            assert element.get(w("val")) in doc.style_names, f"{tag} {element.get(w('val'))} undefined"


# --------------------------------------------------------------------------- 4. template drift


FAMILY_EXAMPLE = {"itu-summary-record.docx": ZH, "un-summary-record.docx": UN}


def test_each_template_has_an_example_family() -> None:
    from drafting.template import TEMPLATES as NAMES

    assert sorted(NAMES.values()) == sorted(p.name for p in TEMPLATES.glob("*.docx")) == sorted(FAMILY_EXAMPLE)


@pytest.mark.parametrize("template", sorted(FAMILY_EXAMPLE))
def test_template_variables_are_all_provided(template: str) -> None:
    from docxtpl import DocxTemplate

    from drafting.build import load_record
    from drafting.word import build_context

    used = DocxTemplate(str(TEMPLATES / template)).get_undeclared_template_variables()
    assert used, "no Jinja variables found: wrong template?"
    record = load_record(EXAMPLES / f"{FAMILY_EXAMPLE[template]}.yaml")
    provided = build_context(record, DocxTemplate(str(TEMPLATES / template)))
    assert used <= set(provided), f"template uses what the build does not give: {sorted(used - set(provided))}"


@pytest.mark.parametrize("template", sorted(FAMILY_EXAMPLE))
def test_template_renders_with_strict_undefined(template: str) -> None:
    """Attributes too (item.label, sub.depth …): a strict render fails on any the build lacks."""
    import jinja2
    from docxtpl import DocxTemplate

    from drafting.build import load_record
    from drafting.word import build_context

    record = load_record(EXAMPLES / f"{FAMILY_EXAMPLE[template]}.yaml")
    tpl = DocxTemplate(str(TEMPLATES / template))
    tpl.render(build_context(record, tpl), jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined), autoescape=True)


def canonical(path: Path, part: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return etree.tostring(etree.fromstring(archive.read(part)), method="c14n")


def test_regenerated_templates_equal_the_committed(tmp_path: Path) -> None:
    from drafting.template import write_templates

    written = write_templates(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in TEMPLATES.glob("*.docx"))
    for path in written:
        committed = TEMPLATES / path.name
        for part in ("word/document.xml", "word/styles.xml"):
            assert canonical(path, part) == canonical(committed, part), (
                f"{committed.name}:{part} differs from the code that generates it; run `make template`")


# --------------------------------------------------------------------------- 5. nothing lost

SPECIALS = "Ampersand & less < greater > quote \" apostrophe ' jinja {{ x }} and {% if %} block."
SCRIPTS_LINE_1 = "Greek Ελληνικά κείμενο, Cyrillic русский текст, Arabic النص العربي, CJK 中文文本。"
SCRIPTS_LINE_2 = "Second line after a break."


def torture_yaml(style: str) -> str:
    """A record whose texts try to break the template: XML and Jinja syntax, scripts, Markdown."""
    un = style == "un"
    return f"""\
style: {style}
language: en
original_language: en
body: 'Council & <Working> "Group"'
session: 'Session {{{{ s }}}} & {{% raw %}} ''one'''
symbol: {"X/C/SR.1" if un else "VC/99-E"}
date: 2020-06-16
keywords: [torture, "a & b <c>"]
meeting:
  number: 1
  title: 'Summary record <torture> & "test" {{{{ t }}}}'
  date: 2020-06-09
  start: "12:00"
  end: "15:00"
{"  place: Palais <Wilson> & Co" if un else ""}
chairs:
  - role: Chair
    name: 'Ms. Ελένη Παπαδοπούλου & Mr. Иван Петров <{{{{ c }}}}>'
agenda:
  - title: 'Specials & <markup> {{{{ x }}}} {{% if %}}'
    documents: [C20/1]
  - title: Scripts
sections:
  - id: sec-one
    {"title: 'Specials & <markup> {{ x }} {% if %}'" if un else ""}
    paragraphs:
      - id: target-id
        text: |-
          {SPECIALS}
      - text: |-
          {SCRIPTS_LINE_1}
          {SCRIPTS_LINE_2}
      - Markdown **bold words** and *italic words* and [a link](https://example.org) end.
      - id: ref-para
        text: See paragraph [](#target-id) above.
        subparagraphs:
          - 'first sub & <a> {{{{ a }}}}'
          - text: second sub (b)
            subparagraphs:
              - 'nested one {{% endif %}} "i"'
              - nested two Ω ж ع 中
  - {"title: Scripts" if un else ""}
    paragraphs:
      - text: 'Unnumbered & <note> {{{{ u }}}}'
        numbered: false
      - Last paragraph.
{"footnote: 'Corrections & <notes> {{ f }}'" if un else ""}
signatures:
  - role: The Secretary-General
    name: 'Zhao & <Houlin>'
  - role: The Chairman
    name: S. Bin Ghelaita
"""


@dataclass
class Torture:
    style: str
    source: Path
    built: Built

    def label(self, section: int, paragraph: int, running: int) -> str:
        return f"{section}.{paragraph}" if self.style == "itu" else f"{running}."

    def heading(self, number: int, title: str) -> str:
        return f"{number}\t{title}" if self.style == "itu" else title


@pytest.fixture(scope="module", params=["itu", "un"])
def torture(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, build_record: Any) -> Torture:
    folder = tmp_path_factory.mktemp(f"torture-{request.param}")
    source = folder / f"torture-{request.param}.yaml"
    source.write_text(torture_yaml(request.param), encoding="utf-8")
    return Torture(request.param, source, build_record(source, folder / "out"))


def test_torture_record_builds(torture: Torture) -> None:
    assert torture.built.result.exit_code == 0, torture.built.result.output
    assert torture.built.docx.is_file()


def test_torture_every_text_in_order(torture: Torture) -> None:
    doc = doc_of(torture.built)
    lab = torture.label
    head = torture.heading
    agenda_title = "Specials & <markup> {{ x }} {% if %}"
    heading_1 = f"{agenda_title} (Document C20/1)" if torture.style == "itu" else agenda_title
    expected_paragraphs = [
        # The masthead and title block are typeset as the body is: the language's quotation marks.
        "Council & <Working> “Group”",
        "Session {{ s }} & {% raw %} ‘one’",
        "Summary record <torture> & “test” {{ t }}",
        ("Chair:\t" if torture.style == "un" else "Chair: ") + "Ms. Ελένη Παπαδοπούλου & Mr. Иван Петров <{{ c }}>",
        head(1, heading_1),
        f"{lab(1, 1, 1)}\t{SPECIALS}",
        f"{lab(1, 2, 2)}\t{SCRIPTS_LINE_1}\n{SCRIPTS_LINE_2}",
        f"{lab(1, 3, 3)}\tMarkdown bold words and italic words and a link end.",
        f"{lab(1, 4, 4)}\tSee paragraph {lab(1, 1, 1).rstrip('.')} above.",
        "(a)\tfirst sub & <a> {{ a }}",
        "(b)\tsecond sub (b)",
        '(i)\tnested one {% endif %} “i”',  # straight quotes printed as English ones
        "(ii)\tnested two Ω ж ع 中",
        head(2, "Scripts"),
        "Unnumbered & <note> {{ u }}",
        f"{lab(2, 1, 5)}\tLast paragraph.",
    ]
    texts = [invisible(p.text) for p in doc.paragraphs]  # without the word joiners of symbols
    position = 0
    for paragraph in expected_paragraphs:
        assert paragraph in texts[position:], f"paragraph {paragraph!r} missing or out of order"
        position = texts.index(paragraph, position) + 1
    signature = "\n".join(doc.texts("Record Signature"))
    assert_in_order(signature, ["The Secretary-General", "The Chairman", "Zhao & <Houlin>", "S. Bin Ghelaita"])
    # The agenda row (ITU) or Contents entry (UN) keeps the specials too.
    if torture.style == "un":  # the Contents entry has the heading's words: both are there
        assert sum(agenda_title in t for t in texts) >= 2
    else:
        assert any(agenda_title in t for t in texts[:texts.index(head(1, heading_1))])
    assert doc.document.core_properties.title == "Summary record <torture> & “test” {{ t }}"
    assert "a & b <c>" in doc.document.core_properties.keywords
    if torture.style == "un":
        from drafting.fidelity import footnote_texts

        assert [t.strip() for t in footnote_texts(doc.path)] == ["Corrections & <notes> {{ f }}"]
        assert any(t.startswith("Held at Palais <Wilson> & Co") for t in doc.texts("Record Time"))


def test_torture_styles_of_paragraphs_and_subparagraphs(torture: Torture) -> None:
    doc = doc_of(torture.built)
    assert [number_of(t) for t in doc.texts("Record Subparagraph")] == ["(a)", "(b)"]
    assert [number_of(t) for t in doc.texts("Record Subparagraph 2")] == ["(i)", "(ii)"]
    assert doc.texts("Record Unnumbered") == ["Unnumbered & <note> {{ u }}"]


def test_torture_line_break_is_a_word_break(torture: Torture) -> None:
    doc = doc_of(torture.built)
    para = next(p for p in doc.paragraphs if SCRIPTS_LINE_1 in p.text)
    runs = [r for r in para.element.iter(w("r"))]
    kinds = ["br" if r.find(w("br")) is not None else element_text(r) for r in runs]
    assert "br" in kinds
    before, after = "".join(kinds[:kinds.index("br")]), "".join(kinds[kinds.index("br") + 1:])
    assert before.endswith("CJK 中文文本。") and after.startswith(SCRIPTS_LINE_2)


def test_torture_markdown_becomes_word_runs_and_links(torture: Torture) -> None:
    doc = doc_of(torture.built)
    para = next(p for p in doc.paragraphs if "Markdown" in p.text)

    def formatted(prop: str) -> list[str]:
        return [element_text(r) for r in para.element.iter(w("r"))
                if r.find(f"{w('rPr')}/{w(prop)}") is not None
                and r.find(f"{w('rPr')}/{w(prop)}").get(w("val"), "true") not in ("0", "false")]

    assert formatted("b") == ["bold words"]
    assert formatted("i") == ["italic words"]
    links = para.element.findall(f".//{w('hyperlink')}")
    assert len(links) == 1 and element_text(links[0]) == "a link"
    rel_id = links[0].get(f"{{{R}}}id")
    assert doc.external_links().get(rel_id) == "https://example.org"
    rels = doc.part_xml("word/_rels/document.xml.rels")
    rel = next(r for r in rels if r.get("Id") == rel_id)
    assert rel.get("TargetMode") == "External" and rel.get("Type") == HYPERLINK_REL
    assert "**" not in para.text and "](" not in para.text


def test_torture_cross_reference_is_an_internal_link(torture: Torture) -> None:
    doc = doc_of(torture.built)
    target_number = torture.label(1, 1, 1).rstrip(".")
    para = next(p for p in doc.paragraphs if "See paragraph" in p.text)
    links = para.element.findall(f".//{w('hyperlink')}")
    assert [(h.get(w("anchor")), element_text(h)) for h in links] == [("target_id", target_number)]
    assert doc.bookmarks()["target_id"].text.startswith(torture.label(1, 1, 1) + "\t" + "Ampersand")
    assert doc.bookmarks()["ref_para"] is not None and "sec_one" in doc.bookmarks()


def test_control_character_is_refused_with_its_location(tmp_path: Path, drafting_build: Any) -> None:
    text = torture_yaml("itu").replace("      - Last paragraph.", "      - Last \x07paragraph.")
    line = next(n for n, l in enumerate(text.splitlines(), start=1) if "\x07" in l)
    column = text.splitlines()[line - 1].index("\x07") + 1
    source = tmp_path / "control.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = drafting_build(source, "--to", "docx", "-o", out)
    assert result.exit_code == 2, result.output
    assert f"{source}:{line}:{column}:" in result.output, result.output
    assert "U+0007" in result.output
    assert not out.exists() or not list(out.iterdir())


def test_escaped_control_character_is_refused_with_its_location(tmp_path: Path, drafting_build: Any) -> None:
    text = torture_yaml("itu").replace("      - Last paragraph.", '      - "Last \\a paragraph."')
    line = next(n for n, l in enumerate(text.splitlines(), start=1) if "\\a" in l)
    source = tmp_path / "escaped.yaml"
    source.write_text(text, encoding="utf-8")
    result = drafting_build(source, "--to", "docx", "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert re.search(rf"{re.escape(str(source))}:{line}:\d+: .*U\+0007", result.output), result.output


def test_literal_docxtpl_escape_sequences_survive(tmp_path: Path, build_record: Any) -> None:
    text = torture_yaml("itu").replace("      - Last paragraph.", "      - 'Literal {\\_{ a }\\_} here.'")
    source = tmp_path / "braces.yaml"
    source.write_text(text, encoding="utf-8")
    built = build_record(source, tmp_path / "out")
    assert built.result.exit_code == 0, built.result.output
    assert any(t.endswith("\tLiteral {_{ a }_} here.") for t in Doc(built.docx).texts("Record Paragraph"))


def test_lost_text_fails_the_build_and_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drafting_build: Any) -> None:
    import drafting.word

    render = drafting.word.render_docx
    calls = []

    def lossy(record: Any, destination: Path) -> None:
        render(record, destination)
        document = docx.Document(str(destination))
        victim = next(p for p in document.paragraphs if "Cyrillic" in p.text)
        victim._p.getparent().remove(victim._p)
        document.save(str(destination))
        calls.append(Path(destination))

    monkeypatch.setattr(drafting.word, "render_docx", lossy)
    source = tmp_path / "lossy.yaml"
    source.write_text(torture_yaml("itu"), encoding="utf-8")
    out = tmp_path / "out"
    result = drafting_build(source, "--to", "docx", "-o", out)
    assert calls, "the build did not go through drafting.word.render_docx"
    assert result.exit_code == 2, result.output
    assert "Greek Ελληνικά" in result.output and "lost" in result.output, result.output
    assert not (out / "lossy.docx").exists()
    leftovers = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert leftovers == [], f"files left behind: {leftovers}"
    assert not calls[0].exists(), "the temporary file was not removed"


# --------------------------------------------------------------------------- 6. validity


def test_every_docx_is_schema_valid(built_examples: dict[str, Built], tmp_path: Path, build_record: Any) -> None:
    files = [doc_of(b).path for b in built_examples.values()]
    for style in ("itu", "un"):
        source = tmp_path / f"torture-{style}.yaml"
        source.write_text(torture_yaml(style), encoding="utf-8")
        files.append(doc_of(build_record(source, tmp_path / "out")).path)
    assert len(files) == len(built_examples) + 2
    assert VALIDATOR.is_file(), f"validator not found at {VALIDATOR}"
    run = subprocess.run([sys.executable, str(VALIDATOR), *map(str, files)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == f"valid={len(files)} invalid=0", run.stdout


@pytest.fixture(scope="module")
def pdfs(built_examples: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Chinese and the UN records converted by LibreOffice, with a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("pdf")
    sources = [doc_of(built_examples[stem]).path for stem in (ZH, UN)]
    run = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
        capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    result = {stem: out / f"{stem}.pdf" for stem in (ZH, UN)}
    for stem, pdf in result.items():
        assert pdf.is_file() and pdf.stat().st_size > 0, f"LibreOffice wrote no PDF for {stem}: {run.stdout}{run.stderr}"
    return result


def pdftotext(pdf: Path, *pages: int) -> str:
    args = ["pdftotext"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    run = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_libreoffice_converts_the_chinese_record(pdfs: dict[str, Path]) -> None:
    text = pdftotext(pdfs[ZH])
    assert "10.9" in text and "11.3" in text
    numbers = re.findall(r"^(\d+\.\d+)\s*$", text, flags=re.M)
    assert numbers == VC15_NUMBERS
    assert "第一次会议摘要记录" in text and "赵厚麟" in text
    assert "VC/15-C" in pdftotext(pdfs[ZH], 2).split("\n\n")[0], "no running head on page 2"


def test_libreoffice_converts_the_un_record(pdfs: dict[str, Path]) -> None:
    text = pdftotext(pdfs[UN])
    assert "Distr.: General" in text
    assert re.findall(r"^(\d+)\.\s*$", text, flags=re.M) == [str(n) for n in range(1, 18)]
    assert "This record is subject to correction." in pdftotext(pdfs[UN], 1)
    page_2 = pdftotext(pdfs[UN], 2)
    assert "This record is subject to correction." not in page_2
    assert "CCPR/C/SR.3901" in page_2.split("\n\n")[0], "no running head on page 2"
