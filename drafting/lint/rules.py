"""The lint rules: one code per cause, each documented, and the check that applies them.

The expected number of every heading and paragraph is the one the numbering engine gives the
outline read from the document, so the errors listed are exactly what ``renumber`` changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from drafting.diagnostics import Location
from drafting.lint import tokens
from drafting.lint.document import Document, Item, TextReference
from drafting.numbering import Style


@dataclass(frozen=True)
class Rule:
    """A finding code with its documentation."""

    code: str
    name: str
    severity: str  # error, warning or info
    summary: str
    why: str
    example: str
    fix: str


RULES: dict[str, Rule] = {r.code: r for r in [
    Rule("N101", "duplicate-number", "error", "A heading or paragraph repeats a number already used.",
         "Two paragraphs numbered 10.8 make every later reference to 10.8 ambiguous, and every number after the second one is one too low.",
         "10.7 …\n10.8 The Chairman considered that …\n10.8 It was so agreed.   ← expected 10.9",
         "Run `drafting renumber`; it writes 10.9 and moves the following numbers."),
    Rule("N102", "wrong-section-prefix", "error", "An ITU paragraph number n.m names a section n other than the one it stands in.",
         "In ITU style the part before the dot is the section (agenda row) number; a paragraph copied from section 10 into section 11 keeps its old prefix.",
         "11\tSummary of the outcomes\n11.1 …\n10.2 It was so agreed.   ← expected 11.2",
         "Run `drafting renumber`, or change the prefix to the section's number."),
    Rule("N103", "gap", "error", "A number skips one or more numbers.",
         "A gap suggests a deleted paragraph whose number was not reclaimed; readers and translators look for the missing paragraph.",
         "5.1 …\n5.3 …   ← expected 5.2",
         "Run `drafting renumber`."),
    Rule("N104", "out-of-order", "error", "A number is lower than the one before it.",
         "Paragraphs moved by cut and paste keep their old numbers.",
         "6.4 …\n6.3 …   ← expected 6.5",
         "Run `drafting renumber`."),
    Rule("N105", "not-starting-at-one", "error", "The first numbered paragraph of a section (ITU) or of the record (UN) is not 1.",
         "ITU paragraphs restart at n.1 in every section; UN paragraphs start at 1.",
         "7\tWorld Telecommunication Day\n7.2 …   ← expected 7.1",
         "Run `drafting renumber`."),
    Rule("N106", "heading-agenda-mismatch", "error", "A section heading's number is not the number of the agenda row it discusses.",
         "ITU section n discusses agenda row n; a heading whose title is row 9's but is numbered 10 misleads every reference to it.",
         "agenda row 9: Preparations for WTDC-21\n10\tPreparations for WTDC-21   ← expected 9",
         "Run `drafting renumber`; check that the agenda table lists the rows in the order discussed."),
    Rule("N107", "malformed-number", "error", "A number holds characters that only look like digits or a dot: full-width digits (１０.８), the letter l or O for 1 or 0, a no-break space inside the number.",
         "Such numbers look right on paper but break searching, cross-references and automatic numbering in other language versions.",
         "１０.８ The Chairman considered …   ← expected 10.8",
         "Run `drafting renumber`; it rewrites the number in ASCII digits."),
    Rule("N108", "shifted", "error", "A number follows consistently from the one before, but an earlier mistake in the same sequence shifted what it should be.",
         "One duplicate or misplaced number moves every number after it; these are reported so that the list of errors is exactly what renumbering changes.",
         "11.1 …\n10.2 … (N102)\n11.2 …   ← expected 11.3",
         "Fix the earlier mistake and run `drafting renumber`."),
    Rule("N109", "number-not-expected", "error", "A number is written on a heading or paragraph that takes none (an unnumbered paragraph, a UN heading).",
         "The printed document will not show that number, so references to it point nowhere.",
         "- text: The meeting rose at 1 p.m.\n  numbered: false\n  number: 12",
         "Remove the number, or make the paragraph numbered."),
    Rule("N110", "missing-reference-target", "error", "A cross-reference [](#id) names an id that no heading or paragraph has.",
         "The build prints the target's current number in place of the reference; without a target there is nothing to print.",
         "text: As recalled in paragraph [](#wtsa-dates), …   (no paragraph has id wtsa-dates)",
         "Correct the id, or give the intended paragraph that id."),
    Rule("W201", "unnumbered-paragraph", "warning", "A paragraph has no number, and the written numbers skip one where it stands.",
         "Usually a number was lost when the paragraph was typed or split. Unnumbered paragraphs between consecutive numbers are deliberate in published records (\"Mr. X took the Chair.\", a pointer to a speech, sub-paragraphs) and are not reported.",
         "6.2 …\nThe meeting agreed.   ← no number\n6.4 …",
         "Give the paragraph a number (then run `drafting renumber`), or join it to the paragraph before."),
    Rule("W202", "agenda-heading-mismatch", "warning", "A section heading's title or documents differ from its agenda row's.",
         "The agenda table and the headings are meant to read the same; a difference usually means one of them was edited and the other not.",
         "agenda row 8: Preparations for WTSA-20 (C20/24, VC/5)\n8\tPreparations for WTSA-20 (Document C20/24)",
         "Make the heading and the agenda row agree."),
    Rule("W203", "stale-text-reference", "warning", "A reference in words ('paragraph 8.8', '第8.8段', 'para. 8.8') names a number that does not exist, that is ambiguous, or that renumbering moves.",
         "Textual references are not updated by Word; after renumbering they may point to the wrong paragraph.",
         "… as stated in paragraph 10.8 …   (10.8 is renumbered 10.9)",
         "`drafting renumber` updates references to a number that names exactly one paragraph; check the others by hand, or use [](#id) cross-references in records."),
    Rule("W204", "symbol-language", "warning", "The document symbol's language letter (-A -C -E -F -R -S) contradicts the language of the text.",
         "A Chinese text under VC/15-E is filed as the English version.",
         "Document VC/15-E above a Chinese text",
         "Correct the symbol's last letter (A Arabic, C Chinese, E English, F French, R Russian, S Spanish)."),
    Rule("W205", "nothing-to-check", "warning", "The file has no numbered paragraphs the lint could recognise, or fewer section headings than its agenda lists.",
         "A lint that reads nothing must not look like a clean result: a layout the reader does not know, a scanned PDF or the wrong file would otherwise pass silently.",
         "agenda: 11 items; section headings read: 0   ← the headings were not recognised",
         "Check that the file is the record (not a cover page or a scan); lint the source (.docx or record) if its layout is unusual; use --style to force the family. `--strict` makes this warning fail the lint."),
]}


@dataclass
class Finding:
    """One reported problem of one file."""

    code: str
    location: Location
    message: str
    found: str | None = None
    expected: str | None = None
    text: str = ""
    item: Item | None = None
    reference: TextReference | None = None
    where: str = ""

    @property
    def severity(self) -> str:
        """error, warning or info, from the rule."""
        return RULES[self.code].severity

    @property
    def is_error(self) -> bool:
        """True for findings that fail the lint."""
        return self.severity == "error"

    @property
    def page(self) -> int | None:
        """The PDF page the finding is on, if the file is a PDF."""
        if self.item is not None:
            return self.item.page
        return self.reference.page if self.reference is not None else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the finding (see schemas/lint-report.schema.json)."""
        return {
            "code": self.code, "severity": self.severity, "line": self.location.line, "column": self.location.column,
            "found": self.found, "expected": self.expected, "text": self.text, "message": self.message,
            **({"where": self.where} if self.where else {}),
            **({"page": self.page} if self.page is not None else {}),
        }


def excerpt(text: str, length: int = 60) -> str:
    """The start of a paragraph's text, on one line, at least 30 characters when there are."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def where_they_differ(a: str, b: str, context: int = 20, length: int = 50) -> tuple[str, str]:
    """Two texts from a little before the first character where they differ, so that a long shared
    beginning does not hide the difference ('…sur les ressources financières' / '…sur les ressources')."""
    a, b = " ".join(a.split()), " ".join(b.split())
    same = next((i for i, (x, y) in enumerate(zip(a.casefold(), b.casefold())) if x != y), min(len(a), len(b)))
    start = a.rfind(" ", 0, max(0, same - context)) + 1  # from the start of a word

    def part(text: str) -> str:
        shown = text[start:start + length] or "(nothing)"
        return ("…" if start else "") + shown + ("…" if start + length < len(text) else "")
    return part(a), part(b)


def _ordinal(value: str | None, style: Style) -> tuple[int | None, int | None]:
    """Split a normalised number into (section, k) for ITU or (None, k) for UN; None parts when malformed."""
    if value is None:
        return None, None
    head, dot, tail = value.partition(".")
    if style is Style.ITU:
        if not dot or not head.isdigit() or not tail.isdigit():
            return None, None
        return int(head), int(tail)
    return (None, int(head)) if not dot and head.isdigit() else (None, None)


def check(doc: Document) -> list[Finding]:
    """Apply every rule to a document; findings in document order."""
    numbering = doc.numbering()
    findings: list[Finding] = []
    findings += _check_headings(doc, numbering.sections)
    findings += _check_paragraphs(doc, numbering.paragraphs)
    findings += _check_unnumbered(doc)
    findings += _check_agenda(doc)
    findings += _check_references(doc)
    findings += _check_symbol(doc)
    findings.sort(key=_position)
    return _check_read(doc) + findings


def read_counts(doc: Document) -> tuple[int, int]:
    """How many section headings and numbered paragraphs were read (records: computed numbers count)."""
    headings = sum(1 for s in doc.sections if s.heading is not None and (s.heading.core is not None or doc.kind == "record" or doc.style is Style.UN))
    if doc.kind == "record":
        paragraphs = sum(1 for s in doc.sections for p in s.paragraphs if p.numbered)
    else:
        paragraphs = sum(1 for s in doc.sections for p in s.paragraphs if p.core is not None)
    return headings, paragraphs


def _check_read(doc: Document) -> list[Finding]:
    """Never a silent pass: say so when nothing numbered was read, or fewer headings than the agenda lists."""
    if doc.kind == "record":
        return []
    headings, paragraphs = read_counts(doc)
    where = "the whole file" if doc.kind in ("docx", "pdf") else ""
    if paragraphs == 0 and not any(s.heading is not None and s.heading.core is not None for s in doc.sections):
        return [Finding("W205", Location(doc.path), "no numbered headings or paragraphs were recognised, so nothing was checked", where=where)]
    if doc.style is Style.ITU and doc.agenda and headings < len(doc.agenda):
        return [Finding("W205", Location(doc.path), f"the agenda lists {len(doc.agenda)} items but only {headings} numbered section headings were read", where=where)]
    return []


def _position(finding: Finding) -> tuple[int, int, int]:
    block = finding.item.block if finding.item is not None else finding.reference.block if finding.reference is not None else None
    return finding.location.line or 0, finding.location.column or 0, block if block is not None else 0


def _wrong(item: Item, expected: str | None) -> bool:
    """True when a written number is not the expected one, or is written with confusable characters."""
    return item.value != expected or bool(item.confusions)


def _error(code: str, item: Item, expected: str | None, message: str) -> Finding:
    if expected is not None and not item.confusions:
        expected = tokens.written_like(expected, item.core or "")
    shown = f"{message} (found {item.core}, expected {expected or 'no number'})"
    return Finding(code, item.location, shown, item.core, expected, excerpt(item.text), item, where=item.where)


def _check_headings(doc: Document, expected_labels: tuple[str | None, ...]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    last: int | None = None
    earlier_error = False
    for index, section in enumerate(doc.sections):
        heading = section.heading
        if heading is None or heading.core is None:
            continue
        expected = expected_labels[index]
        value = heading.value or ""
        wrong = _wrong(heading, expected)
        if wrong:
            k = int(value) if value.isdigit() else None
            row = doc.agenda[int(expected) - 1] if expected and expected.isdigit() and int(expected) <= len(doc.agenda) else None
            if expected is None:
                code, why = "N109", "this heading takes no number"
            elif heading.confusions:
                code, why = "N107", "malformed heading number: " + ", ".join(heading.confusions)
            elif value in seen:
                code, why = "N101", f"heading number {value} is used twice"
            elif row is not None and row.title and tokens.same_title(section.title, row.title):
                code, why = "N106", f"this heading discusses agenda row {expected} ({excerpt(row.title, 40)})"
            elif earlier_error and k is not None and last is not None and k == last + 1:
                code, why = "N108", "heading number shifted by an earlier mistake"
            elif last is None and k != 1:
                code, why = "N105", "the first section is not numbered 1"
            elif k is not None and last is not None and k > last + 1:
                code, why = "N103", f"gap in heading numbers after {last}"
            else:
                code, why = "N104", "heading number out of order"
            out.append(_error(code, heading, expected, why))
            earlier_error = True
        seen.add(value)
        if value.isdigit():
            last = int(value)
    return out


def _check_paragraphs(doc: Document, expected_labels: tuple[tuple[str | None, ...], ...]) -> list[Finding]:
    out: list[Finding] = []
    itu = doc.style is Style.ITU
    seen: set[str] = set()
    last: int | None = None
    earlier_error = False
    for s_index, section in enumerate(doc.sections):
        if itu:  # each ITU section is its own sequence
            seen, last, earlier_error = set(), None, False
        heading_wrong = section.heading is not None and section.heading.core is not None and _wrong(section.heading, str(s_index + 1))
        for p_index, item in enumerate(section.paragraphs):
            if item.core is None:
                continue
            expected = expected_labels[s_index][p_index]
            prefix, k = _ordinal(item.value, doc.style)
            value = item.value or ""
            if _wrong(item, expected):
                if expected is None:
                    code, why = "N109", "this paragraph takes no number"
                elif item.confusions or k is None:
                    code, why = "N107", "malformed number: " + (", ".join(item.confusions) or f"not a {'n.m' if itu else 'whole'} number")
                elif itu and prefix != s_index + 1:
                    if heading_wrong and section.heading is not None and str(prefix) == section.heading.value:
                        code, why = "N108", "numbered after the section's wrong heading number"
                    else:
                        code, why = "N102", f"paragraph of section {s_index + 1} numbered as in section {prefix}"
                elif value in seen:
                    code, why = "N101", f"number {value} is used twice"
                elif earlier_error and last is not None and k == last + 1:
                    code, why = "N108", "shifted by an earlier mistake"
                elif last is None and k != 1:
                    code, why = "N105", ("section does not start at 1" if itu else "the record's paragraphs do not start at 1")
                elif last is not None and k > last + 1:
                    code, why = "N103", "gap in the numbering"
                elif last is not None and k <= last:
                    code, why = "N104", "number out of order"
                else:
                    code, why = "N108", "shifted by an earlier mistake"
                out.append(_error(code, item, expected, why))
                earlier_error = True
            seen.add(value)
            if k is not None and (not itu or prefix == s_index + 1):
                last = k
    return out


_SUBPARAGRAPH = re.compile(r"\s*(?:\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\)|\([0-9]{1,2}\)|[-•–])\s")


def _check_unnumbered(doc: Document) -> list[Finding]:
    """Unnumbered paragraphs where the written numbers skip: the likely place of a lost number.

    Published records have unnumbered paragraphs on purpose ("Mr. X took the Chair.", a pointer
    to a speech, sub-paragraphs (a), (i)); one that lost its number shows as a skip in the
    written numbers around it, which is what this rule looks for.
    """
    if doc.kind == "record":
        return []  # a record says 'numbered: false' on purpose
    out = []
    itu = doc.style is Style.ITU
    pending: list[Item] = []
    last: int | None = 0
    for section in doc.sections:
        if itu:
            pending, last = [], 0
        for item in section.paragraphs:
            if item.core is None:
                if item.text.strip() and not _SUBPARAGRAPH.match(item.text):
                    pending.append(item)
                continue
            _, k = _ordinal(item.value, doc.style)
            if k is not None and pending and last is not None and k - last > 1:
                for lost in pending:
                    out.append(Finding("W201", lost.location, f"paragraph without a number where the numbers skip from {last} to {k}; did it lose its number?",
                                       text=excerpt(lost.text), item=lost, where=lost.where))
            pending = []
            last = k if k is not None else last
    return out


def _check_agenda(doc: Document) -> list[Finding]:
    if doc.style is not Style.ITU or not doc.agenda:
        return []
    out = []
    for index, section in enumerate(doc.sections):
        if index >= len(doc.agenda) or section.heading is None:
            continue
        row = doc.agenda[index]
        heading = section.heading
        if row.title and section.title and not tokens.same_title(row.title, section.title):
            agenda_part, heading_part = where_they_differ(row.title, section.title)
            out.append(Finding("W202", heading.location, f"heading title differs from agenda row {index + 1}: "
                               f"the agenda has {agenda_part!r}, the heading {heading_part!r}",
                               heading.core, text=excerpt(heading.text), item=heading, where=heading.where))
        elif [d.casefold() for d in row.documents] != [d.casefold() for d in section.documents]:
            out.append(Finding("W202", heading.location,
                               f"heading documents ({', '.join(section.documents) or 'none'}) differ from agenda row {index + 1} ({', '.join(row.documents) or 'none'})",
                               heading.core, text=excerpt(heading.text), item=heading, where=heading.where))
    return out


def reference_targets(doc: Document) -> dict[str, list[Item]]:
    """Map each written paragraph number to the paragraphs that carry it."""
    table: dict[str, list[Item]] = {}
    numbering = doc.numbering()
    for s_index, section in enumerate(doc.sections):
        for p_index, item in enumerate(section.paragraphs):
            if item.value is not None:
                table.setdefault(item.value, []).append(item)
            elif doc.kind == "record":
                # Records without hand-written numbers are referred to by their computed numbers.
                label = numbering.paragraphs[s_index][p_index]
                if label:
                    table.setdefault(label, []).append(item)
    return table


def expected_of(doc: Document) -> dict[int, str | None]:
    """Map id(item) to its expected number, for every heading and paragraph."""
    numbering = doc.numbering()
    out: dict[int, str | None] = {}
    for s_index, section in enumerate(doc.sections):
        if section.heading is not None:
            out[id(section.heading)] = numbering.sections[s_index]
        for p_index, item in enumerate(section.paragraphs):
            out[id(item)] = numbering.paragraphs[s_index][p_index]
    return out


def _check_references(doc: Document) -> list[Finding]:
    out = []
    if doc.known_ids is not None:
        for ref in doc.id_references:
            if ref.target not in doc.known_ids:
                out.append(Finding("N110", ref.location, f"cross-reference to #{ref.target}, but no heading or paragraph has that id", ref.target))
    if not doc.references:
        return out
    targets = reference_targets(doc)
    expected = expected_of(doc)
    for ref in doc.references:
        # ITU paragraphs are n.m: a bare "paragraph 3" there names another text's paragraph.
        if (doc.style is Style.ITU) != ("." in ref.number):
            continue
        items = targets.get(ref.number, [])
        shown = ref.core or ref.number
        if not items:
            out.append(Finding("W203", ref.location, f"refers to paragraph {shown}, which does not exist", shown, reference=ref, where=ref.where))
        elif len(items) > 1:
            out.append(Finding("W203", ref.location, f"refers to paragraph {shown}, but {len(items)} paragraphs carry that number; check it by hand", shown, reference=ref, where=ref.where))
        else:
            new = expected.get(id(items[0]))
            if new is not None and new != ref.number:
                new = tokens.written_like(new, ref.core)
                out.append(Finding("W203", ref.location, f"refers to paragraph {shown}, which renumbering makes {new} (found {shown}, expected {new})", shown, new, reference=ref, where=ref.where))
    return out


def _check_symbol(doc: Document) -> list[Finding]:
    if doc.symbol is None or doc.language is None:
        return []
    symbol, location = doc.symbol
    match = tokens.SYMBOL.search(symbol)
    if not match:
        return []
    meant = tokens.LETTER_LANGUAGE[match.group(2)]
    if meant == doc.language:
        return []
    said = "the record's language" if doc.declared_language else "the text"
    return [Finding("W204", location, f"symbol {symbol} names the {tokens.LANGUAGE_NAMES[meant]} version, but {said} is {tokens.LANGUAGE_NAMES[doc.language]}", symbol)]


def render_markdown() -> str:
    """The rule reference as Markdown (docs/lint-rules.md is generated from it)."""
    lines = [
        "# Numbering lint rules", "",
        "<!-- Generated by `python -m drafting.lint.rules > docs/lint-rules.md`; edit drafting/lint/rules.py. -->", "",
        "`drafting lint` compares every heading and paragraph number as written with the number that",
        "automatic renumbering gives the document as it stands (the numbering engine, `drafting/numbering.py`).",
        "Each difference is one error, and its code names the likely cause; `drafting renumber` changes exactly",
        "those numbers. Warnings do not fail the lint (unless `--strict`). Exit status: 0 no errors, 1 errors, 2 a file could not be read.", "",
        "## What the lint reads", "",
        "- **Records** (`.yaml`, `.json`): hand-written `number:` keys and `[](#id)` references; findings name line and column.",
        "- **Word files** (`.docx`): typed numbers and Word list numbering; findings name the paragraph as displayed,",
        "  with its number and first words (`at \"2.2 It was so agreed.\"`).",
        "- **PDFs** (`.pdf`, made by drafting, Word or LibreOffice, tagged or not): read by page geometry. Words are",
        "  grouped into lines by position; a number set apart from its text by the gap of a hanging indent, or",
        "  followed by text in a column many numbered lines share, is a label; lines repeated at the top or bottom",
        "  of pages, the page number and the document symbol are running heads and footers; smaller type at the",
        "  foot of a page is a footnote; a paragraph ends where the next word would have fitted on its last line,",
        "  including across a page break. Right-to-left lines are read right to left. Findings name the page and",
        "  the line on it (`page 3, line 12`; JSON `page`). `renumber` refuses a PDF: fix its source and rebuild.",
        "- **HTML pages** (`.html`): one paragraph a block; findings name the line of the HTML source.",
        "- **Text** in any layout: a tab, two or more spaces, or one space after n.m and n. numbers; `pdftotext`",
        "  output with or without `-layout` (numbers on lines of their own, running heads and page numbers at page",
        "  breaks, wrapped headings), text copied from a browser.",
        "- **Every language**: ASCII, full-width (reported, N107), Arabic-Indic and Eastern Arabic-Indic digits (kept:",
        "  `renumber` writes the expected number in the same digits), the Arabic decimal separator (١٠٫٨), the UN",
        "  Arabic \"1 -\" form, right-to-left marks around numbers; references in words in the six languages,",
        "  singular and plural: paragraph(s), para(s)., paragraphe(s), párrafo(s)/parrafo(s), пункт(ы/е/ах…),",
        "  الفقرة/الفقرتين/الفقرات, 第5段 / 第5和6段.", "",
        "The text report ends with one line of totals, e.g. `2 files: 22 headings and 98 numbered paragraphs read;",
        "3 errors, 1 warning`.", "",
    ]
    return "\n".join(lines + rule_sections(list(RULES.values()))) + "\n"


def rule_sections(rules: Iterable[Rule]) -> list[str]:
    """Markdown lines documenting rules: a summary table, then a section a rule (why, example, fix)."""
    lines = ["| code | name | severity | checks |", "|---|---|---|---|"]
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | {r.summary} |" for r in rules]
    for rule in rules:
        lines += ["", f"## {rule.code}", "", f"**{rule.name}** ({rule.severity}). {rule.summary}", "",
                  f"*Why:* {rule.why}", "", "*Example:*", "", "```text", rule.example, "```", "", f"*Fix:* {rule.fix}"]
    return lines


if __name__ == "__main__":
    print(render_markdown(), end="")
