"""Stable ids and Word bookmark names: the one mapping between them.

A record's id ('wtsa-dates') is kept exactly in the HTML ids and links. Word allows only
letters, digits and '_' in a bookmark name, so a forbidden character becomes '_' in the DOCX,
and the DOCX carries the table back to the ids as a document variable (Word keeps document
variables when the file is edited and saved), which the HTML stage reads.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_FORBIDDEN = re.compile(r"[^A-Za-z0-9_]")
VARIABLE = "drafting.ids"
# Children of w:settings that come after w:docVars in the schema's sequence.
_AFTER_DOCVARS = ("rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                  "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                  "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def bookmark_name(ident: str) -> str:
    """The Word bookmark name of an id: 'wtsa-dates' -> 'wtsa_dates'."""
    return _FORBIDDEN.sub("_", ident)


def collision_key(ident: str) -> str:
    """Two ids with the same key would be one bookmark in Word (names compared without case)."""
    return bookmark_name(ident).lower()


def renamed(ids: Iterable[str | None]) -> dict[str, str]:
    """The ids whose bookmark name differs, keyed by bookmark name."""
    return {bookmark_name(i): i for i in ids if i and bookmark_name(i) != i}


def store(settings: Any, table: dict[str, str]) -> None:
    """Write the bookmark-to-id table into a DOCX's w:settings element (nothing if empty)."""
    if not table:
        return
    doc_vars = settings.find(qn("w:docVars"))
    if doc_vars is None:
        doc_vars = OxmlElement("w:docVars")
        later = next((child for child in settings if child.tag.rsplit("}", 1)[-1] in _AFTER_DOCVARS), None)
        if later is not None:
            later.addprevious(doc_vars)
        else:
            settings.append(doc_vars)
    for old in doc_vars.findall(qn("w:docVar")):
        if old.get(qn("w:name")) == VARIABLE:
            doc_vars.remove(old)
    variable = OxmlElement("w:docVar")
    variable.set(qn("w:name"), VARIABLE)
    variable.set(qn("w:val"), json.dumps(table, ensure_ascii=False, sort_keys=True))
    doc_vars.append(variable)


def load(settings: Any) -> dict[str, str]:
    """Read the bookmark-to-id table of a DOCX's w:settings element ({} when there is none)."""
    for variable in settings.iter(qn("w:docVar")):
        if variable.get(qn("w:name")) == VARIABLE:
            try:
                table = json.loads(variable.get(qn("w:val")) or "{}")
            except ValueError:
                return {}
            return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}
    return {}


def dangling_links(body: Any) -> list[tuple[int, str]]:
    """Internal links of a DOCX body whose bookmark does not exist: (paragraph number, anchor)."""
    names = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    found = []
    for number, paragraph in enumerate(body.iter(qn("w:p")), start=1):
        for link in paragraph.iter(qn("w:hyperlink")):
            anchor = link.get(qn("w:anchor"))
            if anchor and anchor not in names:
                found.append((number, anchor))
    return found
