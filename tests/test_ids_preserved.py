"""A record's ids reach the HTML exactly ('wrc-host' stays 'wrc-host'); Word bookmark names map
the characters Word forbids, and the DOCX carries the way back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import lxml.html
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree

from drafting import bookmarks
from drafting.cli import main
from drafting.starter import starter

REPO = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

RECORD = starter("itu", "en").replace("id: report-noted", "id: wrc-host").replace(
    "It was so agreed, as decided in paragraph [](#agenda-adopted).",
    "It was so agreed, as decided in paragraphs [](#agenda-adopted) and [](#wrc-host).")


def build(tmp_path: Path, *formats: str) -> Path:
    record = tmp_path / "ids.yaml"
    record.write_text(RECORD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(record), "--to", ",".join(formats), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_docx_bookmarks_use_word_names_and_carry_the_ids(tmp_path: Path) -> None:
    out = build(tmp_path, "docx")
    document = docx.Document(str(out / "ids.docx"))
    names = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    assert {"agenda_adopted", "wrc_host"} <= names
    assert not any("-" in name for name in names)
    anchors = {h.get(qn("w:anchor")) for h in document.element.body.iter(qn("w:hyperlink"))}
    assert anchors == {"agenda_adopted", "wrc_host"}
    assert bookmarks.load(document.settings.element) == {"agenda_adopted": "agenda-adopted", "wrc_host": "wrc-host"}


def test_docx_settings_with_the_id_table_follow_the_wml_schema(tmp_path: Path) -> None:
    out = build(tmp_path, "docx")
    root = etree.fromstring(zipfile.ZipFile(out / "ids.docx").read("word/settings.xml"))
    assert root.find(f"{W}docVars/{W}docVar") is not None
    for element in list(root.iter()):  # extensions outside the transitional schema set
        if not etree.QName(element).namespace.startswith("http://schemas.openxmlformats.org/"):
            element.getparent().remove(element)
    for name in list(root.attrib):  # mc:Ignorable, likewise
        if etree.QName(name).namespace:
            del root.attrib[name]
    # The template's <w:zoom w:val="bestFit"/> lacks the percent that the 2006 schema requires.
    root.find(f"{W}zoom").set(f"{W}percent", "100")
    schema = etree.XMLSchema(etree.parse(str(REPO / "tests" / "data" / "ooxml-xsd" / "local" / "wml-entry.xsd")))
    assert schema.validate(root), schema.error_log


def test_html_ids_and_links_are_the_records_ids(tmp_path: Path) -> None:
    out = build(tmp_path, "docx", "html")
    html = lxml.html.fromstring((out / "ids.html").read_bytes())
    for ident in ("agenda-adopted", "wrc-host"):
        target = html.get_element_by_id(ident)
        assert "paragraph" in target.get("class")
        assert len(html.xpath(f'//a[@href="#{ident}"]')) == 1
    assert not html.xpath('//*[@id="wrc_host" or @id="agenda_adopted"]')
    assert html.xpath('string(//*[@id="wrc-host"]/span[@class="num"])') == "2.3"


def test_bookmark_names_replace_only_what_word_forbids() -> None:
    assert bookmarks.bookmark_name("lt_pId162") == "lt_pId162"
    assert bookmarks.bookmark_name("wtsa-dates") == "wtsa_dates"
    assert bookmarks.renamed(["lt_pId162", "wtsa-dates", None]) == {"wtsa_dates": "wtsa-dates"}
    assert bookmarks.collision_key("A-b") == bookmarks.collision_key("a_B")


def test_ids_that_would_be_one_bookmark_are_refused(tmp_path: Path) -> None:
    record = tmp_path / "clash.yaml"
    record.write_text(RECORD.replace("id: wrc-host", "id: Agenda_adopted"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(record)])
    assert result.exit_code == 2
    assert "id 'Agenda_adopted' is already used at line" in result.stderr


def test_a_word_file_with_a_link_to_a_lost_bookmark_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = build(tmp_path, "docx")
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(out / "ids.docx") as source, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                assert data.count(b'w:name="wrc_host"') == 1
                data = data.replace(b'w:name="wrc_host"', b'w:name="renamed_in_word"')
            target.writestr(name, data)
    folder = tmp_path / "from-word"
    result = CliRunner().invoke(main, ["build", str(edited), "--to", "html,pdf", "-o", str(folder)])
    assert result.exit_code == 2
    [message] = result.stderr.splitlines()
    assert message.startswith(f"{edited}: paragraph ")
    assert message.endswith(": a link points at the bookmark 'wrc_host', which the document does not have; "
                            "restore the bookmark in Word (Insert > Bookmark) or remove the link")
    assert not folder.exists()
