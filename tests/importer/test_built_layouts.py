"""Records built in today's house layouts import back whole: the UN masthead without a session line,
ITU sub-paragraphs set closer than paragraphs, agenda rows without documents, every time line the build writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from drafting import language as lang
from drafting.importer.masthead import parse_time_line
from tests.importer.test_import import record_content, run

# A UN record of a committee without a session line below it (committee, title, time line), a procedural
# line before the first heading, sub-paragraphs two levels deep.
UN_WITHOUT_SESSION: dict[str, Any] = {
    "style": "un", "language": "en", "original_language": "fr", "body": "Committee on the Rights of the Child",
    "symbol": "CRC/C/SR.2801", "date": "2024-06-03",
    "meeting": {"number": 2801, "title": "Summary record of the 2801st meeting", "date": "2024-05-28", "start": "15:00",
                "place": "Palais Wilson, Geneva"},
    "chairs": [{"role": "Chair", "name": "Ms. Otani"}],
    "agenda": [{"title": "Consideration of reports of States parties", "continued": True}],
    "sections": [
        {"paragraphs": [{"numbered": False, "text": "The meeting was called to order at 3 p.m."}]},
        {"title": "Consideration of reports of States parties", "continued": True, "documents": ["CRC/C/ABC/2-3", "CRC/C/ABC/Q/2-3"],
         "paragraphs": [
             "At the invitation of the Chair, the delegation of Absurdistan joined the meeting. The delegation said that the "
             "following measures had been adopted in the period under review, among which were the ones listed below.",
             {"text": "Ms. Smith said that the Committee wished to know:", "subparagraphs": [
                 {"text": "whether the new law on juvenile justice had entered into force, and when its regulations would follow;",
                  "subparagraphs": ["whether judges had been trained;", "whether prosecutors had been trained."]},
                 "what budget had been allocated to child protection services in rural areas in 2023 and 2024."]},
             "The discussion covered education, health, birth registration and the rights of children with disabilities.",
         ]},
    ],
}

# An ITU record in French: a clock time '9 h 30', an agenda row without documents (the PDF prints '-' in its
# column), sub-paragraphs set with half a paragraph's space before them.
ITU_FRENCH: dict[str, Any] = {
    "style": "itu", "language": "fr", "original_language": "en", "body": "Conseil", "session": "Session de 2024",
    "symbol": "C24/51-F", "date": "2024-06-03",
    "meeting": {"number": 3, "title": "Compte rendu de la troisième séance plénière", "date": "2024-05-28", "start": "09:30", "end": "12:30"},
    "chairs": [{"role": "Président", "name": "M. X. Dupont"}],
    "agenda": [{"title": "Rapport du Groupe de travail", "documents": ["C24/10", "C24/11"]}, {"title": "Questions diverses"}, {"title": "Clôture"}],
    "sections": [
        {"paragraphs": [
            "Le Président ouvre la séance et présente le rapport du Groupe de travail, qui a tenu trois réunions depuis la dernière session.",
            {"text": "Le Conseil est invité à:", "subparagraphs": [
                {"text": "prendre note du rapport;", "subparagraphs": ["approuver la recommandation 1;", "approuver la recommandation 2."]},
                "charger le Secrétaire général de le mettre en œuvre."]}]},
        {"paragraphs": ["Aucune question n’est soulevée."]},
        {"paragraphs": ["Le Président prononce la clôture de la séance à 12 h 25."]},
    ],
    "signatures": [{"role": "Le Secrétaire général", "name": "A. Secrétaire"}, {"role": "Le Président", "name": "X. Dupont"}],
}

RECORDS = {"un-without-session": UN_WITHOUT_SESSION, "itu-french": ITU_FRENCH}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built-layouts")
    for name, record in RECORDS.items():
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = run("build", folder / f"{name}.yaml", "--to", "docx,pdf", "-o", folder / "out")
        assert result.exit_code == 0, result.output
    return folder


def _subparagraph_tree(data: dict[str, Any]) -> list[Any]:
    """The sub-paragraphs of every paragraph, nested, as texts (record_content compares the first level only)."""

    def tree(node: Any) -> Any:
        if isinstance(node, str):
            return node
        return [node.get("text"), [tree(child) for child in node.get("subparagraphs", [])]]

    return [tree(p) for section in data["sections"] for p in section["paragraphs"]]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", list(RECORDS))
def test_a_built_record_imports_back_with_its_masthead_and_nested_subparagraphs(built: Path, name: str, kind: str) -> None:
    out = built / f"{name}.{kind}.yaml"
    result = run("import", built / "out" / f"{name}.{kind}", "-o", out)
    assert result.exit_code == 0, result.output
    assert record_content(out) == record_content(built / f"{name}.yaml")
    imported = yaml.safe_load(out.read_text(encoding="utf-8"))
    source = RECORDS[name]
    # The meeting's fields, not a time line kept as text; no session invented.
    assert imported["meeting"] == source["meeting"]
    assert imported["body"] == source["body"] and imported.get("session") == source.get("session")
    assert _subparagraph_tree(imported) == _subparagraph_tree(source)


@pytest.mark.parametrize("style", ["itu", "un"])
@pytest.mark.parametrize("language", sorted(lang.LANGUAGES))
def test_every_time_line_the_build_writes_reads_back_to_its_date_times_and_place(language: str, style: str) -> None:
    place = "Palais Wilson, Genève" if style == "un" else None
    for start, end in (("09:00", "12:30"), ("15:05", "18:00"), ("00:30", "23:59"), ("12:00", "13:00")):
        written = lang.time_line("2024-05-28", start, end if style == "itu" else None, place, language, style)
        # The importer reads masthead lines with no-break spaces made plain and word joiners dropped.
        typed = written.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2060", "")
        expected = {"date": "2024-05-28", "start": start, **({"end": end} if style == "itu" else {}), **({"place": place} if place else {})}
        assert parse_time_line(typed, language, style) == expected, written


@pytest.mark.parametrize("language", sorted(lang.LANGUAGES))
def test_an_itu_time_line_with_only_a_start_or_an_end_reads_back(language: str) -> None:
    for start, end in (("10:00", None), (None, "11:45")):
        written = lang.time_line("2024-05-28", start, end, None, language, "itu")
        typed = written.replace("\u00a0", " ").replace("\u202f", " ")
        expected = {"date": "2024-05-28", **({"start": start} if start else {}), **({"end": end} if end else {})}
        assert parse_time_line(typed, language, "itu") == expected, written
