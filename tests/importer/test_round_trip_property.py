"""Property: any record built to Word imports back to the same printed record."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from drafting.importer.emit import dump
from drafting.importer.inline import escape

from tests.importer.test_import import build_and_import, record_content

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàü*_[]<>&#\"'%@!", min_size=1, max_size=9)
SENTENCE = st.lists(WORD, min_size=1, max_size=12).map(lambda words: "The " + " ".join(words) + ".")
TITLE = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9), min_size=1, max_size=5).map(lambda w: "Item " + " ".join(w))


# The fixed parts of a generated record, in the language of its text.
ENGLISH = {"language": "en", "body": "Test Committee", "session": "First session", "symbols": ("TC/1/SR.1", "TC/1-E"),
           "title": "Summary record of the 1st meeting", "chair": ("Chair", "Ms. A. Example"),
           "signatures": [{"role": "The Secretary", "name": "B. Example"}, {"role": "The Chair", "name": "A. Example"}]}


@st.composite
def records(draw: Any, sections_min: int = 1, paragraphs_min: int = 1, sentence: Any = SENTENCE, title: Any = TITLE,
            first: Any = None, names: dict[str, Any] = ENGLISH) -> dict[str, Any]:
    """A record of generated sections; ``first`` draws each section's first paragraph (``sentence`` by default)."""
    style = draw(st.sampled_from(["itu", "un"]))
    count = draw(st.integers(sections_min, 3))
    # Distinct titles: a UN Contents list that names one item twice cannot be told from the first heading.
    titles = draw(st.lists(title, min_size=count, max_size=count, unique=True))
    sections = []
    for index in range(count):
        paragraphs: list[Any] = []
        for _ in range(draw(st.integers(paragraphs_min, 4))):
            node: dict[str, Any] = {"text": escape(draw(sentence if paragraphs or first is None else first))}
            if paragraphs and draw(st.booleans()) and draw(st.booleans()):
                node["numbered"] = False
            if draw(st.integers(0, 3)) == 0:
                node["subparagraphs"] = [escape(draw(sentence)) for _ in range(draw(st.integers(1, 3)))]
            paragraphs.append(node)
        section: dict[str, Any] = {"paragraphs": paragraphs}
        if style == "un":
            section = {"title": titles[index], **section}
        sections.append(section)
    return {
        "style": style, "language": names["language"], "original_language": names["language"], "body": names["body"],
        "session": names["session"], "symbol": names["symbols"][0] if style == "un" else names["symbols"][1], "date": "2024-05-02",
        "meeting": {"number": 1, "title": names["title"], "date": "2024-05-01", "start": "10:00", **({"end": "13:00"} if style == "itu" else {})},
        "chairs": [{"role": names["chair"][0], "name": names["chair"][1]}],
        "agenda": [{"title": t} for t in titles], "sections": sections,
        "signatures": names["signatures"] if style == "itu" else [],
    }


def built_and_imported(record: dict[str, Any], folder: Path, kind: str) -> tuple[Path, Path]:
    """Build the record to ``kind`` (docx or pdf), import that file back; return the source and the import."""
    if not record["signatures"]:
        del record["signatures"]
    source = folder / "generated.yaml"
    source.write_text(dump(record, "record.schema.json"), encoding="utf-8")
    out, _ = build_and_import(source, kind, folder)
    return source, out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(record=records())
def test_any_built_record_imports_back_from_word(record: dict[str, Any], tmp_path_factory: Any) -> None:
    source, out = built_and_imported(record, tmp_path_factory.mktemp("property"), "docx")
    assert record_content(out) == record_content(source)


# A PDF tells body text from the page-1 footnote by its type size, the size most words are set in: a record
# shorter than its footnote (a few short paragraphs) is not a record a PDF is read for. Records of two sections
# or more, each opening with a paragraph of thirty words or more, then paragraphs of six words or more. Without
# '!' or '%' inside words, nor ']' before '[': a line may break after them ('!üu', '%' before an opening bracket:
# 'ci%' / '[qy', 'c]' / '[m]n', UAX #14), and a PDF does not tell that break from one at a space.
PDF_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàü*_[]<>&#\"'@", min_size=1, max_size=9).filter(lambda word: "][" not in word)
LONGER = st.lists(PDF_WORD, min_size=6, max_size=14).map(lambda words: "The " + " ".join(words) + ".")
OPENING = st.lists(PDF_WORD, min_size=30, max_size=50).map(lambda words: "The " + " ".join(words) + ".")

# The same examples on every run of `make test` (derandomized): a CI run must not fail on a record no run before
# it drew. `make fuzz` draws new ones, FUZZ_EXAMPLES of them.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))


# No shrinking: each example is a PDF build (seconds); the example as generated is shown on failure.
@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 8, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(record=records(sections_min=2, paragraphs_min=2, sentence=LONGER, first=OPENING))
# Drawn once: paragraph 8's last line fills page 1, and its '(a)' starts page 2 (read as one paragraph).
@example(record=json.loads((Path(__file__).parent / "fixtures" / "pdf-subparagraph-first-on-a-page.json").read_text(encoding="utf-8")))
def test_any_built_record_imports_back_from_its_pdf(record: dict[str, Any], tmp_path_factory: Any) -> None:
    from tests.importer.test_import import _unbroken

    source, out = built_and_imported(record, tmp_path_factory.mktemp("property-pdf"), "pdf")
    assert _unbroken(record_content(out)) == _unbroken(record_content(source))
