"""Finding messages a proofreader can act on: they show what differs, not just that something does."""

from __future__ import annotations

from pathlib import Path

from drafting.lint import read_document
from drafting.lint.rules import check, where_they_differ


def test_a_title_cut_short_is_shown_where_it_differs(tmp_path: Path) -> None:
    # Both titles begin alike for more than the width of an excerpt: the message must still show
    # the difference (it used to print the same 50 characters twice).
    record = tmp_path / "r.txt"
    record.write_text(
        "\t1\n\tRapport du Groupe de travail du Conseil sur les ressources financières et humaines\n\tC19/1\n\n"
        "1\tRapport du Groupe de travail du Conseil sur les ressources financières (Document C19/1)\n"
        "1.1\tLe Conseil prend note du rapport.\n", encoding="utf-8")
    [finding] = [f for f in check(read_document(str(record))) if f.code == "W202"]
    assert finding.message == ("heading title differs from agenda row 1: the agenda has '…ressources financières et humaines', "
                               "the heading '…ressources financières'")


def test_where_they_differ_shows_both_whole_when_short() -> None:
    assert where_they_differ("Opening", "Closing") == ("Opening", "Closing")
    assert where_they_differ("Budget", "Budget 2026") == ("Budget", "Budget 2026")
