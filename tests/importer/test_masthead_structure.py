"""The masthead read by its structure where its wording fails: a UN time line worded otherwise than the
language's (or misspelt), an ITU title printed on three lines, a session written as a bare number. Each as
a user brings it (typed text, Word, the Word file printed to PDF by LibreOffice) and as the build prints it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.importer.test_import import _unbroken, record_content, run
from tests.importer.test_records_users_bring import convert
from tests.importer.test_typed_records import RECORDS, Typed, write_docx, write_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@dataclasses.dataclass(frozen=True)
class Variant:
    """A typed record of test_typed_records with one masthead line written otherwise."""

    base: str  # the typed record it varies
    index: int  # the masthead line replaced
    lines: tuple[str, ...]  # by these lines
    wanted: tuple[tuple[str, Any], ...]  # (field of the record or of its meeting, value) as read back
    unread: bool = False  # no date could be read in the time line: the importer says so

    def typed(self) -> Typed:
        masthead = list(RECORDS[self.base].masthead)
        masthead[self.index:self.index + 1] = self.lines
        return dataclasses.replace(RECORDS[self.base], masthead=masthead)


def _time(base: str, line: str, unread: bool) -> Variant:
    # The UN time line is the line above the chair line, the last of the masthead.
    return Variant(base, len(RECORDS[base].masthead) - 2, (line,), (("time_line", line),), unread)


VARIANTS = {
    # 'Tenu' for 'Tenue': the date is read, the wording is not.
    "time-fr-tenu": _time("un-fr", "Tenu au Palais des Nations, à Genève, le vendredi 22 mars 2024, à 10 heures", False),
    # A misspelt month, an English ordinal date, a Russian misspelt month: no date read at all.
    "time-fr-misspelt": _time("un-fr", "Tenu au Palais des Nations, à Genève, le vendredi 22 mras 2024, à 10 heures", True),
    "time-en-ordinal": _time("un-en", "Held at the Palais Wilson, Geneva, on Friday, 22nd March 2024, at 10 a.m.", True),
    "time-ru-misspelt": _time("un-ru", "состоявшемся во Дворце Вильсона в Женеве в пятницу, 22 мрта 2024 года, в 10 час. 00 мин.", True),
    # An ITU time line with a misspelt month: the chair line below it was once kept as a paragraph too.
    "time-itu-misspelt": Variant("itu-en", 7, ("Thursday, 13 Jully 2023, from 0930 to 1230 hours",),
                                 (("time_line", "Thursday, 13 Jully 2023, from 0930 to 1230 hours"),), True),
    # 'SUMMARY RECORD' / 'OF THE' / 'THIRD PLENARY MEETING', as ITU prints its titles (C17/124, C19/111).
    "title-itu-en": Variant("itu-en", 6, ("SUMMARY RECORD", "OF THE", "THIRD PLENARY MEETING"),
                            (("title", "SUMMARY RECORD\nOF THE\nTHIRD PLENARY MEETING"),)),
    "title-itu-ru": Variant("itu-ru", 6, ("КРАТКИЙ ОТЧЕТ", "О ТРЕТЬЕМ", "ПЛЕНАРНОМ ЗАСЕДАНИИ"),
                            (("title", "КРАТКИЙ ОТЧЕТ\nО ТРЕТЬЕМ\nПЛЕНАРНОМ ЗАСЕДАНИИ"),)),
    # The session written as a bare number, where each masthead prints it.
    "session-itu-en": Variant("itu-en", 1, ("140",), (("session", "140"),)),
    "session-un-en": Variant("un-en", 6, ("140",), (("session", "140"),)),
    "session-un-fr": Variant("un-fr", 6, ("140",), (("session", "140"),)),
}


UN_VARIANTS = [name for name, variant in VARIANTS.items() if RECORDS[variant.base].style == "un"]


@pytest.fixture(scope="module")
def typed_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every variant as .txt and .docx, the .docx printed to PDF by one LibreOffice run, and the
    typed records they vary as text."""
    out = tmp_path_factory.mktemp("masthead-structure")
    for name, variant in VARIANTS.items():
        write_text(variant.typed(), out / f"{name}.txt")
        write_docx(variant.typed(), out / f"{name}.docx")
    for base in {v.base for v in VARIANTS.values()}:
        write_text(RECORDS[base], out / f"{base}.txt")
    convert(out, [out / f"{name}.docx" for name in VARIANTS], "pdf")
    # The UN texts opened in Word and saved as Word files (every line a paragraph, no bold headings; an ITU
    # text's agenda, tab-indented cells, is no table there).
    (out / "from-text").mkdir()
    convert(out / "from-text", [out / f"{name}.txt" for name in UN_VARIANTS], "docx")
    return out


def _import(source: Path, out: Path) -> tuple[dict[str, Any], str]:
    result = run("import", source, "-o", out)
    assert result.exit_code == 0, result.output  # no numbering finding either: '140' is no paragraph
    return yaml.safe_load(out.read_text(encoding="utf-8")), result.stderr


def _texts(data: dict[str, Any]) -> list[Any]:
    return [[p if isinstance(p, str) else p["text"] for p in s["paragraphs"]] for s in data["sections"]]


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_masthead_line_read_by_its_place_leaves_the_rest_of_the_record_whole(name: str, kind: str, typed_files: Path, tmp_path: Path) -> None:
    variant = VARIANTS[name]
    data, stderr = _import(typed_files / f"{name}.{kind}", tmp_path / f"{name}.yaml")
    plain, _ = _import(typed_files / f"{variant.base}.txt", tmp_path / "plain.yaml")
    # The line in question as typed; every other field as the record without the variation reads.
    for key, value in variant.wanted:
        fields = data["meeting"] if key in ("time_line", "title") else data
        assert fields[key] == value, data
    unchanged = {key for key, _ in variant.wanted}
    assert {k: v for k, v in data.items() if k not in ("meeting", "sections", *unchanged)} == {k: v for k, v in plain.items() if k not in ("meeting", "sections", *unchanged)}
    meeting = {k: v for k, v in data["meeting"].items() if k not in unchanged}
    # A time line kept as written gives no start, end or place (nor a date, when none could be read in it).
    dropped = ("start", "end", "place", *(("date",) if variant.unread else ())) if "time_line" in unchanged else ()
    assert {k: v for k, v in meeting.items() if k not in dropped} == {k: v for k, v in plain["meeting"].items() if k not in unchanged and k not in dropped}
    # No masthead line taken for a heading or a paragraph: the same sections and paragraphs.
    assert [s.get("title") for s in data["sections"]] == [s.get("title") for s in plain["sections"]]
    assert _texts(data) == _texts(plain)
    assert ("time line not recognised (no date read in it)" in stderr) == variant.unread


@pytest.mark.parametrize("name", UN_VARIANTS)
def test_a_typed_text_saved_as_word_imports_as_the_text_does(name: str, typed_files: Path, tmp_path: Path) -> None:
    # LibreOffice makes each line a paragraph and marks no heading: a UN heading is then told as in a text
    # (an unnumbered line that ends no sentence, after a paragraph); once only the first one was.
    data, _ = _import(typed_files / "from-text" / f"{name}.docx", tmp_path / "word.yaml")
    text, _ = _import(typed_files / f"{name}.txt", tmp_path / "text.yaml")
    assert data == text


@pytest.mark.parametrize("name", ["time-fr-misspelt", "time-ru-misspelt", "title-itu-en", "session-itu-en", "session-un-en"])
def test_an_imported_masthead_read_by_its_place_builds_and_imports_back_the_same(name: str, typed_files: Path, tmp_path: Path) -> None:
    # Built, the time line kept as written is printed as written and read back so: from Word and from PDF.
    record = tmp_path / f"{name}.yaml"
    _import(typed_files / f"{name}.txt", record)
    built = run("build", record, "--to", "docx,pdf", "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    for kind in ("docx", "pdf"):
        again = tmp_path / f"again-{kind}.yaml"
        data, _ = _import(tmp_path / "out" / f"{name}.{kind}", again)
        if kind == "docx":
            assert record_content(again) == record_content(record)
        else:
            assert _unbroken(record_content(again)) == _unbroken(record_content(record))
        assert data["meeting"] == yaml.safe_load(record.read_text(encoding="utf-8"))["meeting"]


def _example(tmp_path: Path, stem: str, old: str, new: str) -> Path:
    source = (EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8")
    assert old in source
    record = tmp_path / f"{stem}.yaml"
    record.write_text(source.replace(old, new, 1), encoding="utf-8")
    built = run("build", record, "--to", "docx,pdf", "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    return record


@pytest.mark.parametrize("stem", ["vc15-1.en", "vc15-1.zh"])
def test_an_itu_title_on_three_lines_builds_and_imports_back_with_its_line_breaks(stem: str, tmp_path: Path) -> None:
    title = {"vc15-1.en": "SUMMARY RECORD\\nOF THE\\nFIRST MEETING", "vc15-1.zh": "第一次会议\\n简要\\n记录"}[stem]
    line = next(ln for ln in (EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8").splitlines() if ln.startswith("  title: "))
    record = _example(tmp_path, stem, line + "\n", f'  title: "{title}"\n')
    for kind in ("docx", "pdf"):
        out = tmp_path / f"{kind}.yaml"
        data, _ = _import(tmp_path / "out" / f"{stem}.{kind}", out)
        assert data["meeting"]["title"] == title.replace("\\n", "\n")
        assert data["body"] == yaml.safe_load(record.read_text(encoding="utf-8"))["body"]
        assert "  title: |-\n" in out.read_text(encoding="utf-8")  # one line of YAML a printed line
        content, source = record_content(out), record_content(record)
        assert (content if kind == "docx" else _unbroken(content)) == (source if kind == "docx" else _unbroken(source))


@pytest.mark.parametrize("stem", ["vc15-1.en", "ccpr-c-sr-3901.en"])
def test_a_bare_number_session_builds_and_imports_back_as_the_session(stem: str, tmp_path: Path) -> None:
    # The ITU PDF once read '140' beside the date as section 140 (72 numbering errors), every other file lost it.
    old = next(ln for ln in (EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8").splitlines() if ln.startswith("session: "))
    record = _example(tmp_path, stem, old + "\n", 'session: "140"\n')
    for kind in ("docx", "pdf"):
        out = tmp_path / f"{kind}.yaml"
        data, _ = _import(tmp_path / "out" / f"{stem}.{kind}", out)
        assert data["session"] == "140"
        content, source = record_content(out), record_content(record)
        assert (content if kind == "docx" else _unbroken(content)) == (source if kind == "docx" else _unbroken(source))
        linted = run("lint", tmp_path / "out" / f"{stem}.{kind}")
        assert linted.exit_code == 0 and "0 errors, 0 warnings" in linted.output, linted.output


def test_an_itu_masthead_line_not_recognised_is_kept_at_the_start_of_section_one(tmp_path: Path) -> None:
    # A line under the chair line: kept, with a warning, as the first paragraph of section 1 (unnumbered).
    # The import once failed on it ('text of the input not in the record': the no-loss check wanted it
    # before the heading it now follows) and gave every section its agenda row's title again.
    typed = RECORDS["itu-en"]
    masthead = list(typed.masthead)
    masthead.insert(masthead.index(next(t for t in masthead if t.startswith("Chairman:"))) + 1, "Meeting held in hybrid format")
    source = tmp_path / "extra.txt"
    write_text(dataclasses.replace(typed, masthead=masthead), source)
    data, stderr = _import(source, tmp_path / "extra.yaml")
    assert 'masthead line not recognised, kept as an unnumbered paragraph: "Meeting held in hybrid format"' in stderr
    assert data["sections"][0]["paragraphs"][0] == {"numbered": False, "text": "Meeting held in hybrid format"}
    assert [len(s["paragraphs"]) for s in data["sections"]] == [4, 1]
    assert all("title" not in s for s in data["sections"])  # each is its agenda row's
    assert data["chairs"] == [{"role": "Chairman", "name": "Mr M. PÉREZ (Mexico)"}]


@pytest.mark.parametrize("base", ["un-en", "un-fr"])
def test_a_time_line_wrapped_over_two_lines_reads_as_one(base: str, tmp_path: Path) -> None:
    # Text copied from a PDF breaks a long time line where the PDF did ('…, at' / '10 a.m.'): the second
    # line once became a paragraph, the chair line a heading and the time line was kept unread.
    typed = RECORDS[base]
    index = len(typed.masthead) - 2
    word = " à " if base == "un-fr" else " at "
    head, _, tail = typed.masthead[index].rpartition(word)
    source = tmp_path / "wrapped.txt"
    write_text(dataclasses.replace(typed, masthead=[*typed.masthead[:index], head + word.rstrip(), tail, *typed.masthead[index + 1:]]), source)
    data, _ = _import(source, tmp_path / "wrapped.yaml")
    plain = tmp_path / "plain.txt"
    write_text(typed, plain)
    expected, _ = _import(plain, tmp_path / "plain.yaml")
    assert data["meeting"] == expected["meeting"] and "time_line" not in data["meeting"]
    assert data["chairs"] == expected["chairs"] and _texts(data) == _texts(expected)
