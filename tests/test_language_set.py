"""Every place that lists the languages agrees with the language tables (drafting/language/*.toml):
the schema's enums, LANGUAGES, `drafting new --language`, the starter texts, the names in every
table and the fonts of drafting/system-packages.txt. docs/languages.md lists the steps."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import yaml

from drafting import language as lang

ROOT = Path(__file__).resolve().parents[1]
TABLES = {path.stem for path in (ROOT / "drafting" / "language").glob("*.toml")}
STEPS = "docs/languages.md, 'Adding a language'"


def test_the_schema_accepts_exactly_the_languages_that_have_a_table() -> None:
    schema = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    for key in ("language", "original_language"):
        assert set(schema["properties"][key]["enum"]) == TABLES, f"schemas/record.schema.json {key} enum (step 3 of {STEPS})"


def test_the_list_of_languages_is_the_set_of_tables() -> None:
    assert len(TABLES) >= 6 and set(lang.LANGUAGES) == TABLES and len(lang.LANGUAGES) == len(TABLES), f"step 4 of {STEPS}"
    for code in TABLES:
        table = tomllib.loads((ROOT / "drafting" / "language" / f"{code}.toml").read_text(encoding="utf-8"))
        assert table["code"] == code
        assert set(table["language_names"]) == TABLES, f"{code}.toml [language_names] (step 2 of {STEPS})"


def test_drafting_new_offers_every_language_and_has_its_starter_texts() -> None:
    from drafting.cli import main

    new = main.commands["new"]
    [option] = [p for p in new.params if p.name == "language"]
    assert list(option.type.choices) == list(lang.LANGUAGES)
    texts = yaml.safe_load((ROOT / "drafting" / "starters" / "texts.yaml").read_text(encoding="utf-8"))
    assert set(texts) == TABLES, f"drafting/starters/texts.yaml (step 5 of {STEPS})"


def test_every_language_has_a_font_package() -> None:
    from drafting.packages import system_packages

    covered = {code for package in system_packages() if package.faces for code in package.languages}
    assert covered == TABLES, f"drafting/system-packages.txt languages column (step 6 of {STEPS})"


def test_the_steps_are_documented() -> None:
    doc = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    steps = doc.split("## Adding a language", 1)[1].split("\n## ", 1)[0]
    for place in ("drafting/language/en.toml", "[language_names]", "schemas/record.schema.json", "original_language",
                  "LANGUAGES", "drafting/starters/texts.yaml", "drafting/system-packages.txt", "_FONTCONFIG_LANGUAGE", "examples/"):
        assert place in steps, place
