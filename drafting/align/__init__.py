"""Aligning the language versions of one record by structure: sections, paragraphs, ids and anchors."""

from __future__ import annotations

from drafting.lint.report import Tool


def align_tool() -> Tool:
    """How the shared lint reports name and describe the alignment's findings."""
    from drafting.align.rules import ALIGN_RULES

    return Tool("drafting align", ALIGN_RULES, "https://drafting.example.org/docs/lint-rules#alignment-rules-drafting-align",
                "Alignment check", ("The language versions differ", "Some files could not be read", "The language versions align"),
                "difference", "No differences from the other versions.",
                "Each difference is listed with the paragraph it concerns, which is marked in the document below.")
