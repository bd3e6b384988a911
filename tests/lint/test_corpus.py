"""Every real Word file in the shared corpus gives a result or a clear error: no crash, no hang."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from drafting.diagnostics import DraftingError
from drafting.lint import read_document
from drafting.lint.renumber import plan_file
from drafting.lint.rules import check

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "docx"
FILES = sorted(CORPUS.rglob("*.docx"))


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError("took more than 20 s")


def test_corpus_is_there() -> None:
    assert len(FILES) == 217


def test_every_corpus_file_survives() -> None:
    signal.signal(signal.SIGALRM, _alarm)
    outcomes = {"read": 0, "clear error": 0}
    for path in FILES:
        signal.alarm(20)
        start = time.monotonic()
        try:
            check(read_document(str(path)))
            plan_file(str(path))  # the renumberer's reading and planning must survive too
            outcomes["read"] += 1
        except DraftingError as error:
            message = str(error)
            assert message.startswith(str(path)) and "cannot read" in message, message
            outcomes["clear error"] += 1
        finally:
            signal.alarm(0)
        assert time.monotonic() - start < 20
    assert sum(outcomes.values()) == len(FILES)
    assert outcomes["read"] > 150


def test_rule_docs_are_current() -> None:
    from drafting.align.rules import render_markdown as alignment_rules
    from drafting.lint.rules import render_markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "lint-rules.md"
    assert docs.read_text(encoding="utf-8") == render_markdown() + alignment_rules()
