"""Typography by language: quotation marks, dashes and no-break joins, in every output.

The rules (drafting/typography.py, the [typography] tables of drafting/language/) are checked on
texts, then on hostile records built to DOCX (read with python-docx), HTML (parsed) and PDF (the
words' boxes from `pdftotext -bbox-layout`: a symbol, a date or a number with its unit split over
two lines would not be found on one line).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import docx
import lxml.etree
import lxml.html
import pyphen
import pytest
from urllib.parse import unquote

from drafting.fidelity import Expected, find_missing
from drafting.markup import source_pieces
from drafting.typography import NBSP, WORD_JOINER as WJ, invisible, typeset, typeset_pieces

# --------------------------------------------------------------------------- texts

QUOTES = {
    "en": ('He said "yes"', "He said “yes”"),
    "fr": ('Il a dit "oui"', f"Il a dit «{NBSP}oui{NBSP}»"),
    "es": ('Dijo "sí"', "Dijo “sí”"),
    "ru": ('Он сказал "да"', "Он сказал «да»"),
    "zh": ('他说"是"', "他说“是”"),
    "ar": ('قال "نعم"', "قال «نعم»"),
}
NESTED = {
    "en": ('"a \'b\' c"', "“a ‘b’ c”"),
    "fr": ('"a "b" c"', f"«{NBSP}a “b” c{NBSP}»"),
    "es": ('"a \'b\' c"', "“a ‘b’ c”"),
    "ru": ('"внутри "вложенные" кавычки"', "«внутри „вложенные“ кавычки»"),
    "zh": ('"甲\'乙\'丙"', "“甲‘乙’丙”"),
    "ar": ('"أ "ب" ج"', "«أ ”ب“ ج»"),
}
RANGES = {
    "en": ("1-4 March 2020", f"1–{WJ}4{NBSP}March{NBSP}2020"),
    "fr": ("1-4 mars 2020", f"1–{WJ}4{NBSP}mars{NBSP}2020"),
    "es": ("1-4 de marzo de 2020", f"1–{WJ}4{NBSP}de{NBSP}marzo{NBSP}de{NBSP}2020"),
    "ru": ("1-4 марта 2020 года", f"1–{WJ}4{NBSP}марта{NBSP}2020{NBSP}года"),
    "zh": ("2022-2026年", f"2022{WJ}—{WJ}2026年"),
    "ar": ("للفترة 2022-2026", f"للفترة 2022–{WJ}2026"),
}
SPACED = {
    "en": ("23 February - 5 March", f"23{NBSP}February{NBSP}– 5{NBSP}March"),
    "fr": ("23 février - 5 mars", f"23{NBSP}février{NBSP}– 5{NBSP}mars"),
    "es": ("23 de febrero - 5 de marzo", f"23{NBSP}de{NBSP}febrero{NBSP}– 5{NBSP}de{NBSP}marzo"),
    "ru": ("23 февраля - 5 марта", f"23{NBSP}февраля{NBSP}— 5{NBSP}марта"),
    "ar": ("من 2 - 5", f"من 2{NBSP}– 5"),
}
BETWEEN_WORDS = {
    "en": ("the report - late - was read", f"the report{NBSP}– late{NBSP}– was read"),
    "fr": ("le rapport - tardif - est lu", f"le rapport{NBSP}– tardif{NBSP}– est lu"),
    "es": ("el informe - tardío - fue leído", f"el informe{NBSP}– tardío{NBSP}– fue leído"),
    "ru": ("доклад - поздний - был прочитан", f"доклад{NBSP}— поздний{NBSP}— был прочитан"),
}
UNITS = {
    "en": ("15 per cent and CHF 2 million", f"15{NBSP}per{NBSP}cent and CHF{NBSP}2{NBSP}million"),
    "fr": ("15 pour cent, à 10 heures", f"15{NBSP}pour{NBSP}cent, à 10{NBSP}heures"),
    "es": ("15 por ciento y 3 millones", f"15{NBSP}por{NBSP}ciento y 3{NBSP}millones"),
    "ru": ("15 процентов, 3 млн", f"15{NBSP}процентов, 3{NBSP}млн"),
    "ar": ("15 في المائة", f"15{NBSP}في{NBSP}المائة"),
    "zh": ("增长15 %", f"增长15{NBSP}%"),
}
SYMBOLS = [("CCPR/C/MRN/1", f"CCPR/{WJ}C/{WJ}MRN/{WJ}1"), ("C20/17-E", f"C20/{WJ}17-{WJ}E"),
           ("VC/1(Rev.2)", f"VC/{WJ}1{WJ}(Rev.{WJ}2)"), ("A/HRC/RES/1/2", f"A/{WJ}HRC/{WJ}RES/{WJ}1/{WJ}2")]


@pytest.mark.parametrize("rules", [QUOTES, NESTED, RANGES, SPACED, BETWEEN_WORDS, UNITS], ids=["quotes", "nested", "ranges", "spaced", "words", "units"])
@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "zh", "ar"])
def test_each_rule_in_each_language_and_again_changes_nothing(rules: dict[str, tuple[str, str]], language: str) -> None:
    if language not in rules:
        pytest.fail(f"{language} has no case") if rules in (QUOTES, NESTED, RANGES, UNITS) else None
        return
    typed, printed = rules[language]
    assert typeset(typed, language) == printed
    assert typeset(printed, language) == printed  # idempotent: the importer reads built texts back
    # As a PDF's text gives it back: no word joiners, plain spaces.
    assert typeset(invisible(printed).replace(NBSP, " "), language) == printed


@pytest.mark.parametrize("typed,printed", SYMBOLS)
@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "zh", "ar"])
def test_symbols_are_joined_and_otherwise_untouched(language: str, typed: str, printed: str) -> None:
    assert typeset(f"({typed})", language) == f"({printed})"
    assert typeset(typeset(typed, language), language) == printed


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "zh", "ar"])
def test_apostrophes_inside_and_after_words(language: str) -> None:
    assert typeset("l'Union, States' parties, it's, the '90s", language) == "l’Union, States’ parties, it’s, the ’90s"


def test_french_elision_before_a_quotation_and_typed_guillemets() -> None:
    assert typeset('l\'"apologie"', "fr") == f"l’«{NBSP}apologie{NBSP}»"
    assert typeset("« déjà » et «ici»", "fr") == f"«{NBSP}déjà{NBSP}» et «{NBSP}ici{NBSP}»"
    assert typeset("Il a dit : oui ; vraiment ?", "fr") == f"Il a dit{NBSP}: oui{NBSP}; vraiment{NBSP}?"


def test_urls_code_and_standards_are_left_as_typed() -> None:
    for text in ['https://example.org/a-"b"-1-2', "www.itu.int/x-1-2", 'key="1-2"', "a_b", 'f("x")=1', "ISO 3166-1", "IEC 61000-4",
                 "COVID-19", "ITU-T", "10:00"]:
        assert invisible(typeset(text, "en")) == text, text
    assert typeset('See "https://example.org".', "en") == "See “https://example.org”."


def test_quotes_across_runs_pair_and_code_runs_are_protected() -> None:
    # '"**bold**"': the quotes sit in runs of their own around the bold one.
    assert typeset_pieces(['He said "', "no", '" and left'], "en") == ["He said “", "no", "” and left"]
    pieces = ['x "', "y", '" then ', 'a="1-2" \'b\'', " z"]
    assert typeset_pieces(pieces, "en", protected=[False, False, False, True, False]) == ["x “", "y", "” then ", 'a="1-2" \'b\'', " z"]


def test_the_switch_keeps_quotes_and_dashes_as_typed_but_still_joins() -> None:
    text = 'He said "yes" on 1-4 March 2020 (CCPR/C/MRN/1), l\'Union.'
    assert typeset(text, "en", smart=False) == f'He said "yes" on 1-4{NBSP}March{NBSP}2020 (CCPR/{WJ}C/{WJ}MRN/{WJ}1), l\'Union.'


def test_the_no_loss_check_reads_typeset_text_as_typed() -> None:
    for language, (typed, _) in {**QUOTES, **RANGES, **BETWEEN_WORDS}.items():
        printed = typeset(typed, language)
        assert not find_missing(Expected((), tuple(source_pieces(typed))), printed), (language, printed)


# A hyphen between whole numbers, as each language groups its digits, is a range; a number that
# names (a telephone or fax number, an ISBN, a document number) keeps its hyphens and only stays
# on one line. (typed, printed) in each language.
NUMBER_RANGES = {
    "en": [("paragraphs 3-5, pages 10-12, 2022-2026", f"paragraphs 3–{WJ}5, pages 10–{WJ}12, 2022–{WJ}2026"),
           ("paragraphs 10.2-10.8", f"paragraphs 10.2–{WJ}10.8"),
           ("1,000-2,000 people", f"1,000–{WJ}2,000 people"),
           # Found by a record typed from scratch: capitals before a number were taken for a standard.
           ("from CHF 1,000,000-2,000,000", f"from CHF{NBSP}1,000,000–{WJ}2,000,000"),
           ("1 000-2 000 people", f"1{NBSP}000–{WJ}2{NBSP}000 people"),
           ("Nos. 3-5", f"Nos. 3–{WJ}5"),
           ("meetings from 10-15 h", f"meetings from 10–{WJ}15 h"),  # a range of hours is a range
           ("3.5-4.5 million", f"3.5–{WJ}4.5{NBSP}million"),
           ("from 09-10 h, 10:00-12:00", f"from 09–{WJ}10 h, 10:00–{WJ}12:00"),  # a leading zero before one figure: an hour
           ("in 2019-20 and 2001-02", f"in 2019–{WJ}20 and 2001–{WJ}02"),
           ("On 3 March 2020 100 delegates came", f"On 3{NBSP}March{NBSP}2020 100 delegates came")],
    "fr": [("1 000-2 000 personnes", f"1{NBSP}000–{WJ}2{NBSP}000 personnes"),
           ("1 000 000-2 000 000 francs", f"1{NBSP}000{NBSP}000–{WJ}2{NBSP}000{NBSP}000 francs"),
           ("15,5-20,5 %", f"15,5–{WJ}20,5{NBSP}%"),
           ("de 10-13 h", f"de 10–{WJ}13{NBSP}h"),
           ("en 2023 1 250 000 personnes", f"en 2023 1{NBSP}250{NBSP}000 personnes"),  # two numbers, not 2023 1
           ("1.000-2.000", f"1.000–{WJ}2.000")],
    "es": [("1.000-2.000 personas", f"1.000–{WJ}2.000 personas"),
           ("1.000.000-2.000.000 de dólares", f"1.000.000–{WJ}2.000.000 de dólares"),
           ("entre 1 000-2 000", f"entre 1{NBSP}000–{WJ}2{NBSP}000"),
           ("3,5-4,5 millones", f"3,5–{WJ}4,5{NBSP}millones")],
    "ru": [("1 000-2 000 человек", f"1{NBSP}000–{WJ}2{NBSP}000 человек"),
           ("№№ 3-5", f"№№ 3–{WJ}5"),
           ("в 1990-е годы", "в 1990-е годы"),
           ("1990-2000-е", "1990-2000-е")],
}
NAMING_NUMBERS = {
    "en": [("+41 22 730-5111", f"+41{NBSP}22{NBSP}730-{WJ}5111"),
           ("(022) 730-5111", f"(022){NBSP}730-{WJ}5111"),
           ("022-730-5111", f"022-{WJ}730-{WJ}5111"),
           ("Tel. 730-5111", f"Tel.{NBSP}730-{WJ}5111"),
           ("fax +1 212 963-1234", f"fax{NBSP}+1{NBSP}212{NBSP}963-{WJ}1234"),
           ("No. 123-456", f"No.{NBSP}123-{WJ}456"),
           ("ISBN 978-92-1-101234-5", f"ISBN{NBSP}978-{WJ}92-{WJ}1-{WJ}101234-{WJ}5"),
           ("ISBN 0-19-852663-X", f"ISBN{NBSP}0-{WJ}19-{WJ}852663-{WJ}X"),
           ("ISO 3166-1", "ISO 3166-1"),
           ("Tel.: +41 (0)22 730 5111", f"Tel.:{NBSP}+41{NBSP}(0)22{NBSP}730{NBSP}5111"),
           ("call 0800-123-456", f"call 0800-{WJ}123-{WJ}456")],
    "fr": [("Tél. : +41 22 917-9000", f"Tél.{NBSP}: +41{NBSP}22{NBSP}917-{WJ}9000"),
           ("télécopie : 022 917 9008", f"télécopie{NBSP}: 022{NBSP}917{NBSP}9008"),
           ("n° 2024-118 du 3 mars 2024", f"n°{NBSP}2024-{WJ}118 du 3{NBSP}mars{NBSP}2024"),  # the date is no part of it
           ("Tél. : +33 (0)1 45 67 89 00", f"Tél.{NBSP}: +33{NBSP}(0)1{NBSP}45{NBSP}67{NBSP}89{NBSP}00")],
    "es": [("tel. 022-730-5111", f"tel.{NBSP}022-{WJ}730-{WJ}5111"),
           ("núm. 2024-118", f"núm.{NBSP}2024-{WJ}118")],
    "ru": [("тел. 917-9000", f"тел.{NBSP}917-{WJ}9000"),
           ("факс (022) 917-9008", f"факс{NBSP}(022){NBSP}917-{WJ}9008"),
           ("№ 2024-118", f"№{NBSP}2024-{WJ}118"),
           ("тел.: (495) 123-45-67", f"тел.:{NBSP}(495){NBSP}123-{WJ}45-{WJ}67")],
}
# An apostrophe (rock ’n’ roll, ’Tis, the ’60s) never becomes an opening quote; a quote inside
# another language's quotation pairs at its level.
APOSTROPHES = {
    "en": [("rock 'n' roll", "rock ’n’ roll"), ("'Tis the season", "’Tis the season"),
           ("the '60s and '90s", "the ’60s and ’90s"), ("the summer of '68", "the summer of ’68"),
           ("He said: 'It's the '68 generation.'", "He said: ‘It’s the ’68 generation.’"),
           ("'15 per cent' was the figure", f"‘15{NBSP}per{NBSP}cent’ was the figure"),
           ("the '1503 procedure'", "the ‘1503 procedure’"),
           ("'a', 'b' and 'c'", "‘a’, ‘b’ and ‘c’"), ("Members' 'rights'", "Members’ ‘rights’")],
    "fr": [("l'expression 'rock 'n' roll'", "l’expression “rock ’n’ roll”"),
           ('Il a dit "l\'article \'x\'"', f"Il a dit «{NBSP}l’article “x”{NBSP}»"),
           ("les années '90", "les années ’90")],
    "es": [("'rock 'n' roll' de los años '90", "‘rock ’n’ roll’ de los años ’90"),
           ('dijo: "It\'s the \'term\'"', "dijo: “It’s the ‘term’”")],
    "ru": [('он сказал: "It\'s a \'term\'"', "он сказал: «It’s a „term“»"),
           ("так называемый 'термин'", "так называемый „термин“")],
}


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    return [(language, typed, printed) for language, cases in table.items() for typed, printed in cases]


@pytest.mark.parametrize("language,typed,printed", _cases(NUMBER_RANGES) + _cases(NAMING_NUMBERS) + _cases(APOSTROPHES))
def test_numbers_identifiers_and_apostrophes_and_again_changes_nothing(language: str, typed: str, printed: str) -> None:
    assert typeset(typed, language) == printed
    assert typeset(printed, language) == printed
    assert typeset(invisible(printed).replace(NBSP, " "), language) == printed


@pytest.mark.parametrize("language,typed,printed", _cases(NAMING_NUMBERS))
def test_a_number_that_names_gets_no_dash(language: str, typed: str, printed: str) -> None:
    assert "–" not in printed and "—" not in printed
    assert invisible(printed).replace(NBSP, " ") == typed.replace(NBSP, " ")


def test_pyphen_has_a_dictionary_for_every_hyphenated_language() -> None:
    for language in ("en", "fr", "es", "ru"):
        assert pyphen.language_fallback(language), language


# --------------------------------------------------------------------------- built records

TEXTS = {
    "en": ("Document", "of", "paragraph", "the Covenant"),
    "fr": ("Document", "du", "paragraphe", "le Pacte"),
    "es": ("Documento", "del", "párrafo", "el Pacto"),
    "ru": ("Документ", "от", "пункт", "Пакт"),
    "zh": ("文件", "的", "第", "公约"),
    "ar": ("الوثيقة", "المؤرخة", "الفقرة", "العهد"),
}
DATES = {"en": "16 June 2020", "fr": "16 juin 2020", "es": "16 de junio de 2020", "ru": "16 июня 2020 года"}
UNIT = {"en": "15 per cent", "fr": "15 pour cent", "es": "15 por ciento", "ru": "15 процентов"}
REPEAT = 24


def _record(language: str, style: str) -> dict[str, Any]:
    document, of, paragraph, covenant = TEXTS[language]
    typed_quote, _ = QUOTES[language]
    typed_nested, _ = NESTED[language]
    typed_range, _ = RANGES[language]
    date = DATES.get(language, "")
    unit = UNIT.get(language, "15 %")
    # Many symbols, dates and units in one paragraph: some fall at a line's end.
    crowded = " ".join(f"{document} CCPR/C/MRN/RQ/1 {of} {date}, {unit}." for _ in range(REPEAT))
    return {
        "style": style, "language": language, "original_language": "en", "body": "Human Rights Committee",
        "symbol": "CCPR/C/SR.9" if style == "un" else f"C20/9-{'AC'[language == 'zh'] if language in ('ar', 'zh') else language[0].upper()}", "date": "2024-03-14",
        "meeting": {"number": 9, "title": f'Summary record "{covenant}"', "date": "2024-03-11", "start": "10:00", "end": "13:00"},
        "agenda": [{"title": f'Item "{covenant}"', "documents": ["CCPR/C/MRN/1", "C20/17"]}],
        "sections": [{"title": f'Item "{covenant}"', "documents": ["CCPR/C/MRN/1", "C20/17"], "paragraphs": [
            {"id": "quotes", "text": f'{typed_quote}; {typed_nested}; l\'Union; {typed_range}.'},
            f'[{typed_quote}](https://example.org/a-"b"-1-2) `x="1-2"` {paragraph} [](#quotes).',
            crowded,
        ]}],
    }


@pytest.fixture(scope="module", params=[("en", "itu"), ("fr", "un"), ("es", "itu"), ("ru", "un"), ("zh", "itu"), ("ar", "itu")],
                ids=lambda p: p[0])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, drafting_build: Any) -> dict[str, Any]:
    language, style = request.param
    folder = tmp_path_factory.mktemp(f"typography-{language}")
    source = folder / f"hostile.{language}.json"
    record = _record(language, style)
    source.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = drafting_build(source, "-o", folder)
    assert result.exit_code == 0, result.output
    return {"language": language, "record": record, "stem": folder / f"hostile.{language}"}


def _docx_texts(path: Path) -> list[str]:
    from drafting.fidelity import docx_text

    return docx_text(path).split("\n")


def test_the_docx_carries_the_typeset_texts(built: dict[str, Any]) -> None:
    language = built["language"]
    texts = "\n".join(_docx_texts(Path(f"{built['stem']}.docx")))
    for rules in (QUOTES, NESTED, RANGES):
        assert rules[language][1] in texts, (rules[language][1], texts[:2000])
    assert "l’Union" in texts
    assert f"CCPR/{WJ}C/{WJ}MRN/{WJ}RQ/{WJ}1" in texts and 'x="1-2"' in texts
    document = docx.Document(f"{built['stem']}.docx")
    # The link's target is as typed; its words are typeset.
    if language == "zh":
        # Word and LibreOffice draw the marks CJK shares with Latin from the East Asian font only with this hint.
        hinted = [r.text for r in document.element.body.iter("{*}r")
                  if r.find("{*}rPr/{*}rFonts[@{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hint='eastAsia']") is not None]
        assert "“" in hinted and "”" in hinted
    targets = [unquote(rel.target_ref) for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert 'https://example.org/a-"b"-1-2' in targets


def test_the_html_carries_the_typeset_texts_and_the_ids(built: dict[str, Any]) -> None:
    language = built["language"]
    tree = lxml.html.parse(f"{built['stem']}.html").getroot()
    body = tree.xpath("//main")[0].text_content()
    for rules in (QUOTES, NESTED, RANGES):
        # The HTML keeps a joined run whole with a no-wrap span, not with word joiners
        # (drafting.html.unbroken_runs): the PDF's faces have no glyph for U+2060.
        assert invisible(rules[language][1]) in body and WJ not in body
    assert [s for s in tree.xpath('//main//span[@class="unbroken"]') if "CCPR/C/MRN/1" in s.text_content()]
    links = [a for a in tree.xpath("//a[@href]") if unquote(a.get("href")) == 'https://example.org/a-"b"-1-2']
    assert [a.text_content() for a in links] == [QUOTES[language][1]]
    assert 'x="1-2"' in body and tree.xpath('//*[@id="quotes"]') and tree.xpath('//a[@href="#quotes"]')
    if language == "zh":
        assert [s.text for s in tree.xpath('//span[@class="cjk"]')][:2] == ["“", "”"]
    if language == "ar":
        cells = tree.xpath('//table[contains(@class, "agenda")]//td[@dir="ltr"]')
        assert cells and invisible(cells[0].text_content()).strip() == "CCPR/C/MRN/1, C20/17"


# The languages whose running text the PDF hyphenates (templates/record.css).
HYPHENATED = ("fr", "ru")


def _pdf_lines(pdf: Path) -> list[str]:
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = lxml.etree.fromstring(layout, lxml.etree.XMLParser(recover=True))
    return [" ".join(w.text or "" for w in line.iter("{*}word")) for line in root.iter("{*}line")]


def test_no_symbol_date_or_unit_is_split_across_lines_in_the_pdf(built: dict[str, Any]) -> None:
    language = built["language"]
    lines = _pdf_lines(Path(f"{built['stem']}.pdf"))
    # A word hyphenated at a line's end is one word; any other line break would part the pieces.
    flowing = "\n".join(lines).replace("\u2010\n", "")
    whole = [("CCPR/C/MRN/RQ/1", REPEAT)]
    if language in DATES:  # dates with spaces (Chinese has none; Arabic lines come back in visual order)
        whole += [(DATES[language], REPEAT), (UNIT[language], REPEAT)]
    for text, count in whole:
        found = flowing.count(text)
        assert found == count, f"{text!r} on one line {found} times of {count}"
    # Some stood where a line breaks: the test would have seen a symbol split there.
    edges = [line for line in lines if line.startswith("CCPR/C/MRN/RQ/1") or line.endswith("CCPR/C/MRN/RQ/1")]
    assert edges or language == "ar", "no symbol at a line's start or end: make the paragraph longer"


def test_running_text_is_hyphenated_by_language_but_not_headings(built: dict[str, Any], drafting_build: Any, tmp_path: Path) -> None:
    language = built["language"]
    lines = _pdf_lines(Path(f"{built['stem']}.pdf"))
    hyphenated = [line for line in lines if line.endswith("\u2010")]
    if language in ("zh", "ar"):
        assert not hyphenated
        return
    divides = language in HYPHENATED  # record.css: English and Spanish records divide no words
    # The crowded paragraph has long words only in other languages; build a paragraph of long ones.
    words = {"en": "international telecommunication standardization", "fr": "internationales télécommunications normalisation",
             "es": "internacionales telecomunicaciones normalización", "ru": "международного электросвязи стандартизации"}[language]
    # Irregular, so that lines do not happen to fit without a break inside a word.
    text = " ".join(words.split()[i % 3] + (" a" if i % 5 == 0 else "") + (" et" if i % 7 == 0 else "") for i in range(120))
    record = _record(language, "itu") | {"sections": [{"title": words, "paragraphs": [text]}]}
    source = tmp_path / f"long.{language}.json"
    source.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert drafting_build(source, "--to", "pdf", "-o", tmp_path).exit_code == 0
    lines = _pdf_lines(tmp_path / f"long.{language}.pdf")
    assert any(line.endswith("\u2010") for line in lines) == divides
    heading = next(i for i, line in enumerate(lines) if words.split()[0] in line)
    assert not lines[heading].endswith("\u2010")


def test_the_lint_and_the_importer_accept_the_typeset_outputs(built: dict[str, Any], tmp_path: Path) -> None:
    language = built["language"]
    from click.testing import CliRunner

    from drafting.cli import main

    runner = CliRunner()
    # The PDF's reader guesses paragraphs from geometry, and lines that start with "15 per cent"
    # over and over fool it (so they do on main, without typography): the examples' PDFs are linted
    # in tests/lint/test_published.py.
    for kind in ("docx", "html"):
        result = runner.invoke(main, ["lint", f"{built['stem']}.{kind}"])
        assert result.exit_code == 0, (kind, result.output)
    imported = tmp_path / "imported.yaml"
    result = runner.invoke(main, ["import", f"{built['stem']}.docx", "-o", str(imported)])
    assert result.exit_code == 0, result.output
    text = imported.read_text(encoding="utf-8")
    assert WJ not in text  # the importer gives back what a secretary would type
    from tests.importer.test_import import record_content

    source = Path(f"{built['stem']}.json")
    if language == "ar":
        return  # the lint's Word reader keeps the '-' of the Arabic '1 -' (tests/importer/test_import.py)
    # The body as printed; the masthead of these made-up records (an English body in a Chinese
    # version) is not what the importer's masthead reader is for.
    assert record_content(imported)[1] == record_content(source)[1]


def test_typography_false_prints_quotes_as_typed(drafting_build: Any, tmp_path: Path) -> None:
    record = _record("en", "itu") | {"typography": False}
    source = tmp_path / "plain.en.json"
    source.write_text(json.dumps(record), encoding="utf-8")
    assert drafting_build(source, "--to", "docx", "-o", tmp_path).exit_code == 0
    texts = "\n".join(_docx_texts(tmp_path / "plain.en.docx"))
    assert 'He said "yes"' in texts and "l'Union" in texts and "1-4" in texts
    assert f"CCPR/{WJ}C/{WJ}MRN/{WJ}RQ/{WJ}1" in texts


@pytest.mark.parametrize("stem", ["ccpr-c-sr-3901.en", "ccpr-c-sr-3901.fr", "ccpr-c-sr-3901.es", "ccpr-c-sr-3901.ru",
                                  "vc15-1.en", "vc15-1.fr", "vc15-1.es", "vc15-1.ru"])
def test_the_examples_are_hyphenated_and_no_line_is_a_lone_fragment(examples_all_formats: Any, stem: str) -> None:
    lines = [line.strip() for line in _pdf_lines(examples_all_formats.path(stem, "pdf"))]
    hyphenated = [line for line in lines if line.endswith("\u2010")]
    assert bool(hyphenated) == (stem.rsplit(".", 1)[1] in HYPHENATED), "running text is hyphenated in French and Russian only"
    # WeasyPrint can set the first part of a hyphenated word alone on a line (seen with
    # hyphenate-limit-chars 6 3 3 in the Russian UN example).
    assert not [line for line in hyphenated if len(line.split()) == 1]


# --------------------------------------------------------------------------- the title block, and records typed from scratch

# Records written as a secretary would, in four languages: quotes in the masthead and the title
# block, names with apostrophes, telephone numbers, ISBNs, ranges of grouped numbers, English
# quotations. Each found a bug: a title printed with straight quotes under a body with the
# language's; 'CHF 1,000,000-2,000,000' kept its hyphen (capitals before a number were taken for a
# standard's name); '(022)' / '917-9008' split over two lines; WeasyPrint set the words before
# 'CHF<no-break space>1,000,000–2,000,000' one to a line.
TYPED = {
    "en": {"style": "itu", "body": 'Council "2025"', "session": "Geneva, 17-27 June 2025", "symbol": "C25/121-E",
           "title": 'Summary record of the "fourth" plenary meeting on C25/12', "chair": "Mr. O'Neill",
           "crowded": "we reached +41 22 730-5111, (022) 730-5111 and Tel. 730-5111 about ISBN 92-1-100813-7; "
                      "from CHF 1,000,000-2,000,000 to 3.5-4.5 million in 2022-2026, 15-20 per cent",
           "whole": ["+41 22 730-5111", "(022) 730-5111", "Tel. 730-5111", "ISBN 92-1-100813-7", "CHF 1,000,000–2,000,000",
                     "3.5–4.5 million", "15–20 per cent"],
           "quoted": "He quoted 'rock 'n' roll', the '60s, and said 'it's the States' 'rights' that matter'.",
           # WeasyPrint set its first line 'Between   1,000–2,000   people,   or   15–20   per   cent,'.
           "found": "Between 1,000-2,000 people, or 15-20 per cent, took part; the budget rose from CHF 1,000,000-2,000,000 "
                    "to 3.5-4.5 million in 2022-2026 (paragraphs 3-5 and 10.2-10.8, pages 10-12, Nos. 3-5, meetings from 10-15 h)."},
    "fr": {"style": "un", "body": "Comité pour l'élimination de la discrimination \"raciale\"", "session": "Cent dixième session, 3-21 mars 2025",
           "symbol": "CERD/C/SR.3100", "title": 'Compte rendu analytique de la 3100e séance consacrée au "Programme d\'action"',
           "chair": "M. D'Almeida-Duclos",
           "crowded": "on joint le secrétariat au +41 22 917-9000 ou au (022) 917-9220 ; entre 1 000-2 000 personnes, "
                      "soit 15-20 %, ont été déplacées (n° 2024-118)",
           "whole": ["+41 22 917-9000", "(022) 917-9220", "1 000–2 000", "15–20 %", "n° 2024-118"],
           "quoted": "Il a cité l'expression 'rock 'n' roll' et les années '90 ; il a dit : \"l'article 'x' du Pacte\"."},
    "es": {"style": "itu", "body": "Consejo 2025", "session": "Ginebra, 17-27 de junio de 2025", "symbol": "C25/120-S",
           "title": 'Resumen de los debates de la "tercera" sesión plenaria', "chair": "Sr. O'Neill",
           "crowded": "la secretaría atiende en el tel. 022-730-5111 y en el +41 22 730-5111; entre 1.000-2.000 personas "
                      "y de 1.000.000-2.000.000 de francos suizos (núm. 2024-118)",
           "whole": ["tel. 022-730-5111", "+41 22 730-5111", "1.000–2.000", "1.000.000–2.000.000", "núm. 2024-118"],
           "quoted": "Citó la expresión inglesa 'rock 'n' roll' de los años '90 y dijo: \"It's the 'term'\"."},
    "ru": {"style": "un", "body": "Комитет по правам человека", "session": "Сто сорок первая сессия, 1-26 июля 2024 года",
           "symbol": "CCPR/C/SR.4100", "title": 'Краткий отчет о 4100-м заседании, посвященном "Плану действий"',
           "chair": "г-н О'Флаэрти",
           "crowded": "секретариат доступен по тел. 917-9000 и +41 22 917-9220; факс (022) 917-9008; от 1 000-2 000 человек, "
                      "т.е. 15-20 %, №№ 3-5",
           "whole": ["тел. 917-9000", "+41 22 917-9220", "(022) 917-9008", "1 000–2 000", "15–20 %"],
           "quoted": "Он процитировал выражение 'rock 'n' roll' и сказал: \"It's a 'term' of the '60s\"."},
}
CROWDED = 12  # times each crowded clause is repeated: some of its numbers fall at a line's end


def _typed_record(language: str) -> dict[str, Any]:
    typed = TYPED[language]
    chair = {"role": {"en": "Chair", "fr": "Président", "es": "Presidente", "ru": "Председатель"}[language], "name": typed["chair"]}
    # Irregular, so that each number falls somewhere else on its line.
    crowded = "Begin " + " ".join(f"{i}: {'ab ' * (i % 5)}{typed['crowded']}." for i in range(CROWDED)) + " End."
    return {
        "style": typed["style"], "language": language, "original_language": language, "body": typed["body"],
        "session": typed["session"], "symbol": typed["symbol"], "date": "2025-03-20",
        "meeting": {"number": 3, "title": typed["title"], "date": "2025-03-18", "start": "10:00", "end": "13:00"},
        "chairs": [chair], "signatures": [chair],
        "agenda": [{"title": 'Item "one" 2024-2027'}],
        "sections": [{"title": 'Item "one" 2024-2027', "paragraphs": [crowded, typed["quoted"], *([typed["found"]] if "found" in typed else [])]}],
    }


@pytest.fixture(scope="module", params=list(TYPED))
def typed_from_scratch(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, drafting_build: Any) -> dict[str, Any]:
    language = request.param
    folder = tmp_path_factory.mktemp(f"typed-{language}")
    source = folder / f"typed.{language}.json"
    source.write_text(json.dumps(_typed_record(language), ensure_ascii=False), encoding="utf-8")
    result = drafting_build(source, "-o", folder)
    assert result.exit_code == 0, result.output
    from drafting.build import load_record

    return {"language": language, "record": load_record(source), "stem": folder / f"typed.{language}"}


def _seen(text: str) -> str:
    """A text as a reader compares it: no word joiners, plain spaces."""
    return " ".join(invisible(text).replace(NBSP, " ").split())


def test_the_title_block_is_typeset_in_the_model_but_not_symbols_or_dates(tmp_path: Path) -> None:
    from drafting.build import load_record

    for language, typed in TYPED.items():
        data = _typed_record(language)
        source = tmp_path / f"model.{language}.json"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        record = load_record(source)
        for printed, text in [(record.title, typed["title"]), (record.body, typed["body"]), (record.session, typed["session"]),
                              (record.chairs[0].name, typed["chair"]), (record.signatures[0].name, typed["chair"])]:
            assert printed == typeset(text, language), (language, printed)
        assert '"' not in record.title and "'" not in record.chairs[0].name
        assert record.symbol == typed["symbol"] and record.date == "2025-03-20"
        assert WJ not in record.time_line  # formatted by Babel and the table, printed as it is
        source.write_text(json.dumps(data | {"typography": False}, ensure_ascii=False), encoding="utf-8")
        plain = load_record(source)
        assert plain.title == typeset(typed["title"], language, smart=False) and '"' in plain.title


def test_the_no_loss_check_compares_the_typeset_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drafting_build: Any) -> None:
    expected = Expected(("Summary record of the “fourth” meeting",), ("He said “yes”.",), typeset=True)
    assert find_missing(expected, "Summary record of the “fourth” meeting\nHe said “yes”.") == []
    assert find_missing(expected, 'Summary record of the "fourth" meeting\nHe said “yes”.') == ["Summary record of the “fourth” meeting"]
    # What a reader typed, as an imported file's check compares it: any quotation mark for any other.
    assert find_missing(Expected(expected.anywhere, expected.in_order), 'Summary record of the "fourth" meeting\nHe said "yes".') == []
    # A build whose DOCX printed the title as typed is refused, and leaves no file.
    import drafting.fidelity

    read = drafting.fidelity.docx_text
    monkeypatch.setattr(drafting.fidelity, "docx_text", lambda path: read(path).replace("“", '"').replace("”", '"'))
    source = tmp_path / "typed.en.json"
    source.write_text(json.dumps(_typed_record("en")), encoding="utf-8")
    result = drafting_build(source, "--to", "docx", "-o", tmp_path)
    assert result.exit_code == 2 and "lost text of the record: 'Summary record of the “fourth” plenary meeting on C25/" in result.output
    assert not (tmp_path / "typed.en.docx").exists()


def test_docx_html_and_pdf_print_the_same_typeset_title_block(typed_from_scratch: dict[str, Any]) -> None:
    record = typed_from_scratch["record"]
    stem = typed_from_scratch["stem"]
    from drafting.build import text_of_html
    from drafting.fidelity import docx_text

    docx_lines = [_seen(line) for line in docx_text(Path(f"{stem}.docx")).split("\n")]
    html = _seen(text_of_html(Path(f"{stem}.html").read_text(encoding="utf-8")))
    pdf = _seen(" ".join(_pdf_lines(Path(f"{stem}.pdf"))).replace("\u2010 ", ""))
    for text in (record.title, record.body, record.session, record.chairs[0].name, record.agenda[0].title):
        seen = _seen(text)
        assert any(seen in line for line in docx_lines), (seen, docx_lines[:12])
        assert seen in html and seen in pdf, seen
    for output in ("\n".join(docx_lines), html, pdf):
        assert '"' not in output and "'" not in output  # no quote left as typed anywhere
    assert _seen(record.symbol) in pdf and WJ not in record.symbol
    # The title as metadata (DOCX core properties, HTML <title>, PDF Title): as typeset, without joiners.
    metadata = subprocess.run(["pdfinfo", f"{stem}.pdf"], capture_output=True, text=True, check=True).stdout
    title = lxml.html.parse(f"{stem}.html").getroot().findtext(".//title")
    for shown in (docx.Document(f"{stem}.docx").core_properties.title, title, metadata):
        assert _seen(record.title) in shown and WJ not in shown and NBSP not in shown, shown


def test_numbers_that_name_and_ranges_stay_on_one_line_and_no_line_is_stretched(typed_from_scratch: dict[str, Any]) -> None:
    language = typed_from_scratch["language"]
    pdf = Path(f"{typed_from_scratch['stem']}.pdf")
    lines = [_seen(line) for line in _pdf_lines(pdf)]
    flowing = "\n".join(lines).replace("\u2010\n", "")
    found_text = _seen(typeset(TYPED[language].get("found", ""), language))
    for text in TYPED[language]["whole"]:
        assert flowing.count(text) == CROWDED + found_text.count(text), (text, flowing.count(text))
    # The crowded paragraph's lines, each but its last full of words with even gaps (WeasyPrint set
    # the words before a no-break space and a no-wrap span one to a line).
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = lxml.etree.fromstring(layout, lxml.etree.XMLParser(recover=True))
    boxes = [[(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in line.iter("{*}word")] for line in root.iter("{*}line")]
    first = next(i for i, words in enumerate(boxes) if any(word == "Begin" for _, _, word in words))
    last = next(i for i, words in enumerate(boxes) if any(word == "End." for _, _, word in words))
    assert last - first >= 5
    found = [i for i, words in enumerate(boxes) if words and words[0][2] == "Between"]
    assert len(found) == ("found" in TYPED[language])
    for words in [*boxes[first:last], *(boxes[i] for i in found)]:
        gaps = [right[0] - left[1] for left, right in zip(words, words[1:])]
        # Loose lines there are (long runs that must not break); a gap of three spaces' width and more is not.
        assert len(words) >= 4 and max(gaps) < 25, [w for _, _, w in words]


def test_the_title_is_typeset_in_every_language_and_output(built: dict[str, Any]) -> None:
    language = built["language"]
    title = _seen(typeset(built["record"]["meeting"]["title"], language))
    assert '"' not in title
    from drafting.build import text_of_html

    docx_lines = [_seen(line) for line in _docx_texts(Path(f"{built['stem']}.docx"))]
    assert title in docx_lines
    assert title in _seen(text_of_html(Path(f"{built['stem']}.html").read_text(encoding="utf-8")))
    if language != "ar":  # pdftotext gives Arabic back in visual order
        assert title in _seen(" ".join(_pdf_lines(Path(f"{built['stem']}.pdf"))))
