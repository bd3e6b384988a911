"""The alignment rules: what may differ between language versions of one record, and the check.

Every version is aligned with a reference version (the original-language record when one is
given, otherwise the first file); each difference is reported in the file where a proofreader
fixes it, at the paragraph concerned, with its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from drafting.align.matching import Pair, align_sections, align_units
from drafting.align.skeleton import Unit, Version
from drafting.lint.rules import Finding, Rule, excerpt, rule_sections
from drafting.numbering import Style

ALIGN_RULES: dict[str, Rule] = {r.code: r for r in [
    Rule("A301", "paragraph-missing", "error", "A paragraph of one version has no counterpart in another: it was left out of one or added to the other.",
         "Paragraph numbers exist so that the language versions can cite each other; one paragraph too many or too few shifts every later number of that version.",
         "en: 8.2 The councillor for India introduced Document VC/5 …\nfr: (no paragraph with VC/5, 2021; 8.2 is the next one)",
         "Translate the missing paragraph into the version that lacks it, or delete the paragraph that was added by mistake."),
    Rule("A302", "section-mismatch", "error", "A section has a different number of paragraphs in another version, or has no counterpart there.",
         "ITU sections follow the agenda rows and must hold the same paragraphs in every language; a count that differs is the quickest sign of a lost or split paragraph.",
         "en: 8 Preparations for WTSA-20 (12 paragraphs)\nzh: 8 2020年世界电信标准化全会（WTSA-20）的筹备工作 (11 paragraphs)",
         "See the A301 findings of the section; otherwise join a paragraph that was split in two, or split one that was joined. (UN headings are unnumbered and Word or text files do not mark them reliably, so in UN style sections are compared between records only.)"),
    Rule("A303", "id-mismatch", "error", "Paragraphs (or sections) that correspond carry different ids or bookmarks.",
         "Ids and bookmarks (lt_pId…) are what translation tools and [](#id) cross-references use to find a paragraph in every version.",
         "en: - id: lt_pId162\nar: - id: lt_pId164   ← the same paragraph",
         "Give the paragraph the id it has in the original version."),
    Rule("A304", "anchor-mismatch", "error", "A document symbol, year or number that one version's paragraph (or heading) carries is missing from the same paragraph of another, or a symbol is typed with look-alike Cyrillic or full-width letters.",
         "Symbols, years and figures do not change in translation (whatever the script of the digits: ٢٠٢١, ２０２１ and 2021 are one year); a difference is a typing error or a sentence left out.",
         "en: 8.9 … approve the change in the dates of WTSA-20 to 23 February - 5 March 2021 …\nfr: 8.9 … au 23 février - 5 mars 2020 …   ← 2021 missing, 2020 added",
         "Correct the number or symbol in the translation, or translate the sentence that was left out."),
    Rule("A305", "cross-reference-mismatch", "error", "A cross-reference points to a different paragraph than the same reference in another version.",
         "A reference typed as a number ('paragraph 8.8', '第8.8段') is not updated when a version is renumbered; it must name the paragraph that the original names.",
         "en: 8.10 … as stated in paragraph 8.9 …\nru: 8.10 … как указано в пункте 8.8 …   ← expected 8.9",
         "Write the number of the paragraph that corresponds to the original's target (the 'expected' number), or use [](#id) in records."),
    Rule("A306", "numbering-mismatch", "error", "A paragraph is numbered in one version and unnumbered in another.",
         "One unnumbered paragraph makes every later number of its section (ITU) or of the record (UN) differ between the versions.",
         "en: - text: The meeting rose at 1 p.m.\n        numbered: false\nes: 17. Se levanta la sesión a las 13.00 horas.",
         "Make the paragraph numbered (or unnumbered) as in the original version."),
]}


@dataclass
class AlignFinding(Finding):
    """A finding whose rule is an alignment rule."""

    @property
    def severity(self) -> str:
        """error, warning or info, from the alignment rule."""
        return ALIGN_RULES[self.code].severity


def _name(version: Version) -> str:
    return Path(version.path).name


def _finding(code: str, version: Version, unit: Unit, message: str, found: str | None = None, expected: str | None = None) -> AlignFinding:
    item = unit.item
    return AlignFinding(code, item.location, message, found, expected, excerpt(item.text), item, where=item.where)


def reference_index(versions: list[Version]) -> int:
    """The version the others are compared with: the one marked, else the original-language record, else the first."""
    return next((i for i, v in enumerate(versions) if v.reference), next((i for i, v in enumerate(versions) if v.original), 0))


def strangers(versions: list[Version]) -> dict[str, str]:
    """Versions that cannot be of the reference's record (another style, another symbol), with why."""
    ref = versions[reference_index(versions)]
    out = {}
    for version in versions:
        if version is ref:
            continue
        if version.style is not ref.style:
            out[version.path] = (f"not a version of the same record as {_name(ref)}: {version.style.value.upper()} style "
                                 f"(paragraphs {'n.m' if version.style is Style.ITU else '1, 2, 3'}), {_name(ref)} is {ref.style.value.upper()} style")
        elif version.symbol and ref.symbol and version.symbol != ref.symbol:
            out[version.path] = f"not a version of the same record as {_name(ref)}: its symbol is {version.symbol}, {_name(ref)}'s is {ref.symbol}"
    return out


def check(versions: list[Version]) -> dict[str, list[Finding]]:
    """Align every version with the reference; findings per file path, in document order."""
    out: dict[str, list[Finding]] = {v.path: [] for v in versions}
    ref_index = reference_index(versions)
    ref = versions[ref_index]
    for index, other in enumerate(versions):
        if index != ref_index:
            _compare(ref, other, out)
    for version in versions:
        headings = [shape.heading for shape in version.sections if shape.heading is not None]
        for unit in [*version.units, *headings]:
            for anchor in (a for a in unit.anchors if a.lookalike):
                kind = "paragraph" if unit.item.kind == "paragraph" else "section"
                out[version.path].append(_finding("A304", version, unit, f"{kind} {unit.shown} writes symbol {anchor.key} with letters that only look Latin "
                                                  f"({anchor.shown}: Cyrillic or full-width); searches and links do not find it", anchor.shown, anchor.key))
    for path, findings in out.items():
        findings.sort(key=lambda f: (f.location.line or 0, f.item.block if f.item is not None and f.item.block is not None else 0))
    return out


def _paragraph_pairs(ref: Version, other: Version, out: dict[str, list[Finding]]) -> list[Pair]:
    """Align the paragraphs, section by section when both versions have reliable sections."""
    strict = ref.structured and other.structured
    by_section = ref.style is other.style and (ref.style is Style.ITU or strict)
    if not by_section:
        return align_units(ref, list(range(len(ref.units))), other, list(range(len(other.units))), strict)
    pairs: list[Pair] = []
    for s, t in align_sections(ref, other):
        if s is None or t is None:
            version, shape = (ref, ref.sections[s]) if s is not None else (other, other.sections[t])  # type: ignore[index]
            absent = other if s is not None else ref
            unit = shape.heading or (version.units[shape.units[0]] if shape.units else None)
            if unit is not None:
                name = f"section {unit.label}" if shape.heading is not None and unit.label else "the section"
                count = len(shape.units)
                out[version.path].append(_finding("A302", version, unit, f"{name} ({count} paragraph{'s' if count != 1 else ''}) has no counterpart in {_name(absent)}",
                                                  str(count), "0"))
            continue  # its paragraphs are not reported one by one: the section finding covers them
        a_units, b_units = ref.sections[s].units, other.sections[t].units
        counted_a = [i for i in a_units if strict or ref.units[i].numbered]
        counted_b = [j for j in b_units if strict or other.units[j].numbered]
        heading, ref_heading = other.sections[t].heading, ref.sections[s].heading
        if len(counted_a) != len(counted_b) and heading is not None:
            label, ref_label = heading.label or str(t + 1), ref_heading.label if ref_heading and ref_heading.label else str(s + 1)
            out[other.path].append(_finding(
                "A302", other, heading,
                f"section {label} has {len(counted_b)} {'' if strict else 'numbered '}paragraphs, {len(counted_a)} in {_name(ref)}"
                + (f" (section {ref_label})" if ref_label != label else ""),
                str(len(counted_b)), str(len(counted_a))))
        if heading is not None and ref_heading is not None:
            _compare_headings(ref, ref_heading, other, heading, strict, out[other.path])
        pairs += align_units(ref, a_units, other, b_units, strict)
    return pairs


def _compare_headings(ref: Version, a: Unit, other: Version, b: Unit, strict: bool, findings: list[Finding]) -> None:
    """Paired headings: the same ids (records) and the same documents in their '(Documents …)'."""
    there = f"section {a.label or ''} of {_name(ref)}".replace("  ", " ")
    name = f"section {b.label}" if b.label else "the section"
    if strict and set(a.ids) != set(b.ids):
        findings.append(_finding("A303", other, b, f"{name} has id {', '.join(b.ids) or '(none)'}, {there} has {', '.join(a.ids) or '(none)'}",
                                 ", ".join(b.ids) or None, ", ".join(a.ids) or None))
    _compare_anchors(a, other, b, findings, lambda anchor: f"{name} lacks document {anchor}, which {there} lists",
                     lambda anchor: f"{name} lists document {anchor}, which {there} lacks")


def _compare_anchors(a: Unit, other: Version, b: Unit, findings: list[Finding],
                     lacks: Callable[[Any], str], carries: Callable[[Any], str]) -> None:
    """A304 for each anchor one of two paired units carries and the other lacks (``b`` is in ``other``)."""
    mine, theirs = b.strong(), a.strong()
    for anchor in sorted(theirs - mine, key=str):
        findings.append(_finding("A304", other, b, lacks(anchor), None, str(anchor)))
    for anchor in sorted(mine - theirs, key=str):
        findings.append(_finding("A304", other, b, carries(anchor), str(anchor), None))


def _compare(ref: Version, other: Version, out: dict[str, list[Finding]]) -> None:
    strict = ref.structured and other.structured
    pairs = _paragraph_pairs(ref, other, out)
    ref_to_other = {i: j for i, j in pairs if i is not None and j is not None}
    previous: Unit | None = None  # the last paragraph of `other` matched so far, to say where one is missing
    for i, j in pairs:
        if j is None and i is not None:
            unit = ref.units[i]
            if strict or unit.numbered:
                after = f" (it would follow {previous.shown} there)" if previous is not None else " (it would come first there)"
                out[ref.path].append(_finding("A301", ref, unit, f"paragraph {unit.shown} has no counterpart in {_name(other)}{after}", unit.label))
            continue
        if i is None and j is not None:
            unit = other.units[j]
            if strict or unit.numbered:
                out[other.path].append(_finding("A301", other, unit, f"paragraph {unit.shown} has no counterpart in {_name(ref)}: added in this version, or missing there", unit.label))
            previous = unit
            continue
        assert i is not None and j is not None
        a, b = ref.units[i], other.units[j]
        previous = b
        _compare_pair(ref, a, other, b, ref_to_other, strict, out[other.path])


def _compare_pair(ref: Version, a: Unit, other: Version, b: Unit, ref_to_other: dict[int, int], strict: bool, findings: list[Finding]) -> None:
    there = f"paragraph {a.shown} of {_name(ref)}"
    if a.numbered != b.numbered and (strict or b.numbered or a.numbered):
        state = "numbered" if b.numbered else "unnumbered"
        findings.append(_finding("A306", other, b, f"paragraph {b.shown} is {state}, {there} is {'numbered' if a.numbered else 'unnumbered'}", b.label, a.label))
    if (a.ids or b.ids) and not set(a.ids) & set(b.ids) and (strict or (a.ids and b.ids)):
        findings.append(_finding("A303", other, b, f"paragraph {b.shown} has id {', '.join(b.ids) or '(none)'}, {there} has {', '.join(a.ids) or '(none)'}",
                                 ", ".join(b.ids) or None, ", ".join(a.ids) or None))
    _compare_anchors(a, other, b, findings, lambda anchor: f"paragraph {b.shown} lacks {anchor.kind} {anchor}, which {there} carries",
                     lambda anchor: f"paragraph {b.shown} carries {anchor.kind} {anchor}, which {there} lacks")
    _compare_references(ref, a, other, b, ref_to_other, findings)


def _compare_references(ref: Version, a: Unit, other: Version, b: Unit, ref_to_other: dict[int, int], findings: list[Finding]) -> None:
    """Each reference of a, mapped through the alignment, must be a reference of b, and the other way round."""
    if not a.targets and not b.targets:
        return
    expected: list[int] = []
    for target in a.targets:
        index = ref.resolve(target)
        if index is not None and index in ref_to_other:
            expected.append(ref_to_other[index])
    # Compared as sets: a translation may repeat a reference or name it once for two.
    # References that name no paragraph, or several, are the lint's findings (N110, W203).
    found = {f for f in (other.resolve(t) for t in b.targets) if f is not None}
    if set(expected) == found:
        return
    shown_found = ", ".join(other.units[f].shown for f in sorted(found)) or "no paragraph"
    shown_expected = ", ".join(other.units[e].shown for e in sorted(set(expected))) or "no paragraph"
    findings.append(_finding("A305", other, b, f"paragraph {b.shown} refers to {shown_found}, but {there_of(ref, a)} refers to what is {shown_expected} here",
                             shown_found if found else None, shown_expected if expected else None))


def there_of(ref: Version, unit: Unit) -> str:
    """'paragraph 8.2 of en.yaml'."""
    return f"paragraph {unit.shown} of {_name(ref)}"


def render_markdown() -> str:
    """The alignment rules as a Markdown section appended to docs/lint-rules.md."""
    lines = [
        "", "# Alignment rules (`drafting align`)", "",
        "<!-- Appended by `python -m drafting.align.rules >> docs/lint-rules.md` after the lint rules; edit drafting/align/rules.py. -->", "",
        "`drafting align FILE...` compares the language versions of one record — records, Word files and",
        "text, in any mix — by structure, not by words: section and paragraph position, ids and bookmarks,",
        "and the anchors a translation keeps: document symbols, years and numbers, with digits of any script",
        "(٢٠٢١, ２０２１) and any language's separators (3,412 / 3 412 / 3.412). Whole numbers below 32 (days,",
        "counts written in words) and clock times only help the pairing; they are not reported.",
        "",
        "Paragraphs are paired by sequence alignment of these fingerprints (section by section when the",
        "sections are reliable), so one inserted or deleted paragraph is one finding, not a cascade. The",
        "other versions are compared with a reference version: the file named by `--reference`, else the",
        "record whose `language` is its `original_language`, else the first file. A file of another record",
        "(another style or document symbol) is refused with exit status 2. Each finding is reported in the",
        "file where the difference is fixed; reports, JSON shape and exit statuses are those of `drafting lint`.", "",
    ]
    return "\n".join(lines + rule_sections(list(ALIGN_RULES.values()))) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
