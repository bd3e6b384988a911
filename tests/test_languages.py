"""Each language's conventions, as its secretariat publishes them (sources: docs/languages.md)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from drafting import language as lang
from drafting.numbering import subparagraph_label
from drafting.typography import typeset

TABLES = Path(lang.__file__).resolve().parent
NBSP = "\u00a0"


def keys(table: dict, prefix: str = "") -> set[str]:
    out = set()
    for key, value in table.items():
        out.add(prefix + key)
        if isinstance(value, dict) and key not in ("spelling",):
            out |= keys(value, prefix + key + ".")
    return out


def test_one_table_per_language_with_the_same_required_keys() -> None:
    english = keys(tomllib.loads((TABLES / "en.toml").read_text(encoding="utf-8")))
    for code in lang.LANGUAGES:
        table = tomllib.loads((TABLES / f"{code}.toml").read_text(encoding="utf-8"))
        assert table["code"] == code
        missing = english - keys(table)
        assert not missing, f"{code}.toml lacks {sorted(missing)}"
        assert set(table["language_names"]) == set(lang.LANGUAGES)


def test_a_seventh_language_is_a_data_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for code in lang.LANGUAGES:
        shutil.copy(TABLES / f"{code}.toml", tmp_path)
    german = (TABLES / "en.toml").read_text(encoding="utf-8")
    german = german.replace('code = "en"', 'code = "de"').replace('locale = "en_GB"', 'locale = "de_DE"')
    german = german.replace('one = "(Document {list})"', 'one = "(Dokument {list})"').replace('other = "(Documents {list})"', 'other = "(Dokumente {list})"')
    (tmp_path / "de.toml").write_text(german, encoding="utf-8")
    monkeypatch.setattr(lang, "_FOLDER", tmp_path)
    lang.wording.cache_clear()
    try:
        assert lang.format_long_date("2020-06-16", "de") == "16 Juni 2020"
        assert lang.documents_suffix(["C20/24", "VC/5"], "de") == "(Dokumente C20/24 und VC/5)"
    finally:
        lang.wording.cache_clear()


@pytest.mark.parametrize("language,date", [
    ("en", "16 June 2020"), ("fr", "16 juin 2020"), ("es", "16 de junio de 2020"),
    ("ru", "16 июня 2020 года"), ("zh", "2020年6月16日"), ("ar", "16 حزيران/يونيه 2020"),
])
def test_dates(language: str, date: str) -> None:
    assert lang.format_long_date("2020-06-16", language) == date


def test_un_arabic_gives_both_month_names_in_its_own_spelling() -> None:
    assert lang.format_long_date("2002-07-26", "ar") == "26 تموز/يوليه 2002"
    assert lang.format_long_date("2002-10-14", "ar") == "14 تشرين الأول/أكتوبر 2002"


@pytest.mark.parametrize("language,line", [
    ("en", "Held at the Palais Wilson, Geneva, on Monday, 11 March 2024, at 10 a.m."),
    ("fr", f"Tenue au Palais Wilson, à Genève, le lundi 11 mars 2024, à 10{NBSP}heures"),
    ("es", "Celebrada en el Palacio Wilson, Ginebra, el lunes 11 de marzo de 2024, a las 10.00 horas"),
    ("ru", "состоявшемся во Дворце Вильсона в Женеве в понедельник, 11 марта 2024 года, в 10 час. 00 мин."),
    ("ar", "المعقودة في قصر ويلسون، جنيف، يوم الاثنين، 11 آذار/مارس 2024، الساعة 10:00"),
    ("zh", "2024年3月11日星期一上午10时在日内瓦威尔逊宫举行"),
])
def test_un_time_and_place_line(language: str, line: str) -> None:
    place = {"en": "the Palais Wilson, Geneva", "fr": "au Palais Wilson, à Genève", "es": "el Palacio Wilson, Ginebra",
             "ru": "во Дворце Вильсона в Женеве", "ar": "قصر ويلسون، جنيف", "zh": "日内瓦威尔逊宫"}[language]
    assert lang.time_line("2024-03-11", "10:00", "13:00", place, language, "un") == line


def test_russian_weekday_after_v_is_accusative() -> None:
    assert "в пятницу, 22 марта 2002 года" in lang.time_line("2002-03-22", "15:00", None, "во Дворце Вильсона в Женеве", "ru", "un")
    assert "в среду" in lang.time_line("2024-03-13", "15:00", None, "X", "ru", "un")


@pytest.mark.parametrize("language,line", [
    ("en", "Tuesday, 9 June 2020, from 1200 to 1500 hours"),
    ("fr", f"Mardi 9 juin 2020, de 12{NBSP}h{NBSP}00 à 15{NBSP}h{NBSP}00"),
    ("es", "Martes 9 de junio de 2020, de las 12.00 a las 15.00 horas"),
    ("ru", "Вторник, 9 июня 2020 года, 12 час. 00 мин. – 15 час. 00 мин."),
    ("zh", "2020年6月9日（星期二），12时至15时"),
    ("ar", "الثلاثاء 9 حزيران/يونيه 2020، من الساعة 12:00 إلى الساعة 15:00"),
])
def test_itu_time_line(language: str, line: str) -> None:
    assert lang.time_line("2020-06-09", "12:00", "15:00", None, language, "itu") == line


@pytest.mark.parametrize("language,from_line,until_line", [
    ("en", "Tuesday, 9 June 2020, at 1200 hours", "Tuesday, 9 June 2020, until 1530 hours"),
    ("fr", f"Mardi 9 juin 2020, à 12{NBSP}h{NBSP}00", f"Mardi 9 juin 2020, jusqu’à 15{NBSP}h{NBSP}30"),
    ("es", "Martes 9 de junio de 2020, a las 12.00 horas", "Martes 9 de junio de 2020, hasta las 15.30 horas"),
    ("ru", "Вторник, 9 июня 2020 года, в 12 час. 00 мин.", "Вторник, 9 июня 2020 года, до 15 час. 30 мин."),
    ("zh", "2020年6月9日（星期二），12时", "2020年6月9日（星期二），至15时30分"),
    ("ar", "الثلاثاء 9 حزيران/يونيه 2020، الساعة 12:00", "الثلاثاء 9 حزيران/يونيه 2020، حتى الساعة 15:30"),
])
def test_itu_time_line_with_only_a_start_or_an_end_prints_it(language: str, from_line: str, until_line: str) -> None:
    # A time given alone used to vanish from the ITU time line, with nothing said.
    assert lang.time_line("2020-06-09", "12:00", None, None, language, "itu") == from_line
    assert lang.time_line("2020-06-09", None, "15:30", None, language, "itu") == until_line


@pytest.mark.parametrize("language,one,two,three", [
    ("en", "(Document A/1)", "(Documents A/1 and B/2)", "(Documents A/1, B/2 and C/3)"),
    ("fr", "(Document A/1)", "(Documents A/1 et B/2)", "(Documents A/1, B/2 et C/3)"),
    ("es", "(Documento A/1)", "(Documentos A/1 y B/2)", "(Documentos A/1, B/2 y C/3)"),
    ("ru", "(Документ A/1)", "(Документы A/1 и B/2)", "(Документы A/1, B/2 и C/3)"),
    ("zh", "（A/1号文件）", "（A/1和B/2号文件）", "（A/1、B/2和C/3号文件）"),
    ("ar", "(الوثيقة A/1)", "(الوثيقتان A/1 وB/2)", "(الوثائق A/1 وB/2 وC/3)"),
])
def test_document_lists_use_the_conjunction_and_the_arabic_dual(language: str, one: str, two: str, three: str) -> None:
    assert lang.documents_suffix(["A/1"], language) == one
    assert lang.documents_suffix(["A/1", "B/2"], language) == two
    assert lang.documents_suffix(["A/1", "B/2", "C/3"], language) == three


def test_french_no_break_spaces_and_guillemets() -> None:
    assert typeset('Il a dit : "oui" ; vraiment ?', "fr") == f"Il a dit{NBSP}: «{NBSP}oui{NBSP}»{NBSP}; vraiment{NBSP}?"
    assert typeset("https://www.itu.int/fr", "fr") == "https://www.itu.int/fr"
    assert lang.wording("fr").colon == f"{NBSP}: "
    assert lang.wording("fr").original.format("anglais") == f"Original{NBSP}: anglais"


def test_russian_guillemets_and_english_curly_quotes() -> None:
    assert typeset('так называемой "героизации"', "ru") == "так называемой «героизации»"
    assert typeset('defined "direct"', "en") == "defined “direct”"


@pytest.mark.parametrize("language,first,nested", [
    ("en", "(a)", "(i)"), ("fr", "a)", "i)"), ("es", "a)", "i)"), ("ru", "a)", "i)"), ("zh", "(a)", "(i)"), ("ar", "(a)", "(i)"),
])
def test_subparagraph_labels(language: str, first: str, nested: str) -> None:
    assert subparagraph_label(0, 1, language) == first
    assert subparagraph_label(1, 1, language) == nested


@pytest.mark.parametrize("language,english", [("ar", True), ("zh", True), ("ru", True), ("fr", False), ("es", False)])
def test_un_masthead_lines_in_english(language: str, english: bool) -> None:
    masthead = lang.masthead_wording(language, "un")
    assert (masthead.code == "en") is english
    assert lang.masthead_wording(language, "itu").code == language
    if english:
        assert masthead.distribution("General") == "Distr.: General"


def test_translated_distribution_lines() -> None:
    assert lang.wording("fr").distribution("General") == "Distr. générale"
    assert lang.wording("es").distribution("General") == "Distr. general"
    assert lang.wording("fr").distribution("Unusual") == "Distr. Unusual"


@pytest.mark.parametrize("language,line", [
    ("en", "Reports (continued) (Documents A/1 and B/2)"),
    ("fr", "Reports (suite) (Documents A/1 et B/2)"),
    ("zh", "Reports（续）（A/1和B/2号文件）"),
    ("ar", "Reports (تابع) (الوثيقتان A/1 وB/2)"),
])
def test_heading_with_continued_and_documents(language: str, line: str) -> None:
    assert lang.titled("Reports", language, continued=True, documents=["A/1", "B/2"]) == line
    assert lang.titled("Reports", language) == "Reports"


def test_french_writes_the_first_of_a_month_as_an_ordinal() -> None:
    assert lang.format_long_date("2025-04-01", "fr") == "1er avril 2025"
    assert lang.format_long_date("2025-04-02", "fr") == "2 avril 2025"
    assert lang.format_long_date("2025-04-01", "en") == "1 April 2025"


def test_the_importer_reads_the_first_of_a_month_printed_or_typed() -> None:
    from drafting.importer.masthead import find_dates

    assert [d[2] for d in find_dates("le mardi 1er avril 2025, à 15 heures", "fr")] == ["2025-04-01"]
    assert [d[2] for d in find_dates("le mardi 1 avril 2025", "fr")] == ["2025-04-01"]
