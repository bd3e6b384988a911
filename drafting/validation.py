"""Checking a loaded record against the published schema, in plain words with locations."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from drafting import language as lang
from drafting import traps
from drafting.bookmarks import collision_key
from drafting.diagnostics import DraftingError, Location, Problem, errors_of
from drafting.markup import parse_inline
from drafting.resources import load_schema
from drafting.source import FaultySource, Source, line_col, load_source, parse_source, raw_subparagraphs

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


@lru_cache(maxsize=None)
def _validator() -> jsonschema.protocols.Validator:
    # Imported here: commands that do not validate (help, lint, renumber) do not pay for it.
    import jsonschema

    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    # Only the formats the schema uses: jsonschema's date check needs no extra package, and the
    # format extras cost a second at import (rfc3987-syntax compiles lark grammars).
    known = [name for name in _formats_of(schema) if name in jsonschema.FormatChecker.checkers]
    return cls(schema, format_checker=jsonschema.FormatChecker(formats=known))


def _formats_of(schema: Any) -> list[str]:
    """Every ``format`` the schema names, so that a new one is checked without a code change."""
    if isinstance(schema, dict):
        own = [schema["format"]] if isinstance(schema.get("format"), str) else []
        return sorted(set(own).union(*(_formats_of(v) for v in schema.values())))
    if isinstance(schema, list):
        return sorted(set().union(*(_formats_of(v) for v in schema)))
    return []


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "record"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _expected(schema: dict[str, Any], field: str) -> str:
    """Say what a schema wants in words, using the property's title where it helps."""
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if "$ref" in items and items["$ref"].endswith("/id"):
            return "a list of ids"
        if field in ("documents",):
            return "a list of document symbols"
        return "a list"
    if isinstance(kind, list):
        return " or ".join(_TYPE_WORDS.get(k, k) for k in kind)
    return _TYPE_WORDS.get(kind, str(kind))


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    root = load_schema()
    seen = 0
    while "$ref" in schema and seen < 10:
        ref = schema["$ref"]
        node: Any = root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        merged = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**node, **merged}
        seen += 1
    return schema


def _describe(error: ValidationError, source: Source) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = _dotted(path)
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(_resolve(error.schema).get("properties", {}))
        problems = []
        for key in sorted(set(error.instance) - set(allowed)):
            if key == "subparagraphs" and path.count("subparagraphs") >= 2:
                problems.append(Problem(source.locate(path + (key,), key=True), f"{_dotted(path + (key,))}: a third level of sub-paragraphs: "
                                        "sub-paragraphs go two levels deep, (a), (b) … then (i), (ii) …; "
                                        "make these (i), (ii) … items of their own, or a new paragraph"))
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else f" (allowed here: {', '.join(allowed)})"
            problems.append(Problem(source.locate(path + (key,), key=True), f"{_dotted(path + (key,))}: unknown key '{key}'{hint}"))
        return problems
    if validator == "required":
        # jsonschema raises one error per missing key; name the key of this error only.
        named = re.match(r"'(.+)' is a required property", error.message)
        missing = [named.group(1)] if named else [k for k in error.validator_value if k not in error.instance]
        return [Problem(source.locate(path), f"{where}: missing required key '{k}'") for k in missing]
    if validator == "type":
        schema = _resolve(error.schema)
        if field in ("start", "end") and isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool):
            # YAML reads 9.30 as a number (and 9:30 unquoted, in YAML 1.1, as 570 minutes).
            return [Problem(source.locate(path), f"{where}: expected a time in quotes, HH:MM on the 24-hour clock (e.g. \"15:00\"), "
                            f"got the number {error.instance!r}")]
        if schema.get("type") == "integer" and isinstance(error.instance, str) and error.instance.strip().isdigit():
            return [Problem(source.locate(path), f"{where}: expected a whole number, got a text: write {error.instance.strip()} without quotes")]
        return [Problem(source.locate(path), f"{where}: expected {_expected(schema, field)}, got {_kind(error.instance)}")]
    if validator == "enum":
        return [Problem(source.locate(path), f"{where}: expected one of {', '.join(repr(v) for v in error.validator_value)}, got {error.instance!r}")]
    if validator in ("format", "pattern") and field in ("date",) or (validator == "format" and error.validator_value == "date"):
        return [Problem(source.locate(path), f"{where}: expected a date written YYYY-MM-DD (e.g. 2020-06-16), got {error.instance!r}")]
    if validator == "pattern":
        schema = _resolve(error.parent.schema) if error.parent else {}
        title = error.schema.get("title") or field or "value"
        hint = error.schema.get("description", "")
        if title.lower().startswith("stable id") or (error.validator_value.startswith("^[A-Za-z][A-Za-z0-9_-]")):
            hint = "an id starts with a letter and holds only letters, digits, '_' and '-' (at most 40 characters)"
        elif field == "start" or field == "end":
            hint = "a time written HH:MM on the 24-hour clock, e.g. 15:00"
        return [Problem(source.locate(path), f"{where}: {error.instance!r} is not a valid {title.lower()}: {hint}")]
    if validator == "minLength":
        return [Problem(source.locate(path), f"{where}: must not be empty")]
    if validator == "minimum":
        return [Problem(source.locate(path), f"{where}: must be at least {error.validator_value}, got {error.instance!r}")]
    if validator == "maxItems":
        return [Problem(source.locate(path), f"{where}: at most {error.validator_value} entries, got {len(error.instance)}")]
    if validator == "oneOf":
        trap = _yaml_trap(error.instance, path, source)
        if trap:
            return [trap]
        # A paragraph is a string or a mapping: explain the mapping's problems if it is one.
        if isinstance(error.instance, dict):
            problems: list[Problem] = []
            for sub in error.context or []:
                # Skip the string branch's complaint; keep what is wrong inside the mapping.
                if not (sub.validator == "type" and not sub.relative_path):
                    problems.extend(_describe(sub, source))
            if problems:
                return problems
        if isinstance(error.instance, str) and any(sub.validator == "minLength" and not sub.relative_path for sub in error.context or []):
            # A text is the right kind; it is only empty ("" or - "").
            return [Problem(source.locate(path), f"{where}: must not be empty: write the text, or remove the item")]
        if error.instance is None:
            return [Problem(source.locate(path), f"{where}: an empty item: write the text after the '-', or remove the line")]
        return [Problem(source.locate(path), f"{where}: expected a text or a mapping with 'text', got {_kind(error.instance)}")]
    return [Problem(source.locate(path), f"{where}: {error.message}")]


def _meeting_time_problems(source: Source) -> list[Problem]:
    """A meeting ends after it starts (one past midnight writes its time line out)."""
    meeting = source.data.get("meeting")
    if not isinstance(meeting, dict) or meeting.get("time_line"):
        return []
    start, end = meeting.get("start"), meeting.get("end")
    valid = re.compile(r"([01]\d|2[0-3]):[0-5]\d")  # an invalid time is the schema's to report
    if isinstance(start, str) and isinstance(end, str) and valid.fullmatch(start) and valid.fullmatch(end) and end <= start:
        return [Problem(source.locate(("meeting", "end")), f"meeting.end: the meeting ends at {end}, not after it starts at {start}; "
                        "for a meeting that ran past midnight, write the line out in meeting.time_line")]
    return []




def _yaml_trap(instance: Any, path: tuple[Any, ...], source: Source) -> Problem | None:
    """Explain a text that YAML read as something else: a key (text ending in ':'), or nothing ('#…')."""
    where = _dotted(path)
    if isinstance(instance, dict) and len(instance) == 1:
        (key, value), = instance.items()
        keys = ("text", "id", "subparagraphs", "numbered", "number", "bookmarks")
        # A key like no key of a paragraph ('Voting' rather than 'txt') is prose cut at ': '.
        if key not in keys and not (value is not None and difflib.get_close_matches(key, keys, n=1, cutoff=0.6)):
            if value is None:
                return Problem(source.locate(path), f"{where}: this text ends with a colon, so YAML read it as a key {key!r} with no value; "
                               + traps.QUOTE_FIX)
            if isinstance(value, (str, int, float)):
                return Problem(source.locate(path), f"{where}: this text holds ': ' (a colon and a space), so YAML read it as a key "
                               f"{key!r} and a value {value[:40]!r}; " + traps.QUOTE_FIX)
    if instance is None:
        where_at = source.locate(path)
        hint = traps.empty_value_hint(source.text, where_at.line or 0, where_at.column or 0)
        if hint:
            return Problem(where_at, f"{where}: {hint}")
    return None


# A number typed at the start of a text: '2.1 ', '12. ', '(a) ', 'b) ', '1.2.3 ' — not '12 delegates'.
_TYPED_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+\.?|\d+\.|\([a-z]{1,4}\)|[a-z]\))[\s\u3000]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def _texts(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Every Markdown text of a record: (data path of the text, text, 'paragraph' or 'subparagraph')."""
    sections = data.get("sections")
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        paragraphs = section.get("paragraphs") if isinstance(section, dict) else None
        for p, item in enumerate(paragraphs if isinstance(paragraphs, list) else []):
            where = ("sections", s, "paragraphs", p)
            if isinstance(item, str):
                yield where, item, "paragraph"
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                yield where + ("text",), item["text"], "paragraph"
                for sub in raw_subparagraphs(item.get("subparagraphs"), where + ("subparagraphs",)):
                    if sub.text is not None:
                        yield sub.text_path, sub.text, "subparagraph"


def _locate_in_text(source: Source, where: tuple[Any, ...], needle: str) -> Location:
    """Where ``needle`` is written inside the text value at ``where`` (the value's start if not found)."""
    start = source.locate(where)
    if start.line is None:
        return start
    text = source.text
    offset = 0
    for _ in range(start.line - 1):
        offset = text.index("\n", offset) + 1
    offset += (start.column or 1) - 1
    found = text.find(needle, offset)
    if found < 0:
        return start
    line, col = line_col(text, found)
    return Location(source.path, line, col)


def _tail(text: str, size: int = 30) -> str:
    return text if len(text) <= size else "…" + text[-size:].lstrip()


def check_comment_cuts(source: Source) -> list[Problem]:
    """Text lost to YAML comments: an unquoted text followed by ' #…' on its line (one space)."""
    problems = []
    for where, (line, col, index) in source.comment_cuts.items():
        lost = traps.cut_text(source.text, index)
        if lost is None:
            continue
        value = source.data
        for part in where:
            value = value[part]
        problems.append(Problem(Location(source.path, line, col), f"{_dotted(where)}: text lost: YAML reads {lost!r} as a comment, so this text "
                                f"ends at {_tail(str(value))!r}; {traps.QUOTE_FIX} (a comment meant as one needs two spaces before '#')"))
    return problems


def check_texts(source: Source, record: Any | None) -> list[Problem]:
    """Cross-references that resolve, links with a scheme, no typed numbers, roles without colons.

    Without a numbered ``record`` (the record has other errors) a reference is checked only
    against the ids written anywhere in the record.
    """
    problems: list[Problem] = []
    known = set(record.ids()) if record else {value for value, _ in _ids(source.data, ())}
    targets = record.targets() if record else dict.fromkeys(known, "")
    for where, text, kind in _texts(source.data):
        # Parsing Markdown costs ~0.2 ms a text: parse only a text whose link targets, as a
        # pattern sees them, hold a suspect; markdown-it then decides (code spans, escapes).
        suspects = [t for t in _LINK_TARGET.findall(text) if not (t.startswith("#") and t[1:] in targets) and not _SCHEME.match(t)]
        for span in parse_inline(text) if suspects else ():
            if span.ref is not None and span.ref not in targets:
                at = _locate_in_text(source, where, f"(#{span.ref})")
                if span.ref in known:
                    why = f"'{span.ref}' is the id of something without a number (an agenda row, a chair line or an unnumbered paragraph)"
                else:
                    close = difflib.get_close_matches(span.ref, list(targets), n=1, cutoff=0.6)
                    why = f"no paragraph, section or subparagraph has the id '{span.ref}'" + (f" — did you mean '{close[0]}'?" if close else "")
                problems.append(Problem(at, f"{_dotted(where)}: broken cross-reference [](#{span.ref}): {why}"))
            elif span.href is not None and not _SCHEME.match(span.href):
                at = _locate_in_text(source, where, f"({span.href})")
                problems.append(Problem(at, f"{_dotted(where)}: the link '{span.href}' has no scheme, so it points nowhere; "
                                        f"write 'https://{span.href.lstrip('/')}'", "warning"))
        if text and not text.strip():  # "" is the schema's to report; spaces alone pass its minLength
            problems.append(Problem(source.locate(where), f"{_dotted(where)}: must not be empty: it holds only spaces; write the text, or remove the item"))
        if "\t" in text.strip():
            problems.append(Problem(_locate_in_text(source, where, "\t"), f"{_dotted(where)}: a tab inside the text: Word jumps to the "
                                    "next tab stop, the HTML and the PDF show a space; type a space", "warning"))
        typed = _TYPED_NUMBER.match(text)
        if typed:
            number = typed.group(1)
            what = "numbers are computed" if kind == "paragraph" else "labels (a), (i) … are computed"
            problems.append(Problem(source.locate(where), f"{_dotted(where)}: the text starts with '{number}' typed by hand; {what}, so it "
                                    f"would print twice. Remove it (an imported record keeps its written number in 'number:')", "warning"))
    language = source.data.get("language")
    colon = lang.wording(language).colon.strip() if language in lang.LANGUAGES else ":"
    for group in ("chairs", "signatures"):
        people = source.data.get(group)
        for i, person in enumerate(people if isinstance(people, list) else []):
            role = person.get("role") if isinstance(person, dict) else None
            if isinstance(role, str) and role.rstrip().endswith((":", "：")):
                problems.append(Problem(source.locate((group, i, "role")), f"{group}[{i}].role: {role!r} ends with a colon; drafting adds "
                                        f"the colon of the record's language, so it would print {role.rstrip() + colon!r}. Remove it", "warning"))
            language = source.data.get("language")
            if group == "chairs" and isinstance(role, str) and role.strip().lower() == "later" and isinstance(language, str) and language != "en":
                # The English starter's chair change reads as a keyword; it is printed as written.
                problems.append(Problem(source.locate((group, i, "role")), f"{group}[{i}].role: 'later' is printed as written in this "
                                        f"{language!r} record; write the word of the record's language (the starter of "
                                        f"`drafting new --language {language}` shows it)", "warning"))
    return problems


# Values that are never drawn in the PDF: names of files, ids, codes, document metadata.
_NOT_DRAWN = frozenset({"$schema", "logo", "keywords", "id", "body_id", "title_id", "bookmarks", "agenda_ids", "style",
                        "language", "original_language"})
_MAX_GLYPH_PROBLEMS = 20


def _drawn_strings(node: Any, where: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value the PDF draws, with its data path (iterative: the reader bounds depth, the walk need not)."""
    stack = [(node, where)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend((v, path + (k,)) for k, v in reversed(value.items()) if k not in _NOT_DRAWN)
        elif isinstance(value, list):
            stack.extend((v, path + (i,)) for i, v in reversed(list(enumerate(value))))


def check_glyphs(source: Source) -> list[Problem]:
    """Characters no installed font has: the PDF would draw a box, so the build would fail at its end."""
    from drafting import fonts

    texts = [(where, text) for where, text in _drawn_strings(source.data, ()) if not text.isascii()]
    missing = set(fonts.uncovered(set().union(*(set(text) for _, text in texts)))) if texts else set()
    if not missing:
        return []
    data = source.data
    style, language = data.get("style"), data.get("language")
    problems: list[Problem] = []
    if isinstance(language, str) and language in lang.LANGUAGES:
        from drafting.build import font_problem

        whole = font_problem(language)  # no font for the language at all: one problem, with the package to install
        if whole:
            return [Problem(source.locate(("language",)), f"language: {whole}")]
    tried = ", ".join(fonts.families_tried(str(style), str(language)))
    coverage = fonts.installed_coverage()
    others = f", then each of the {coverage.faces} installed faces" if coverage else ""
    for where, text in texts:
        for char in sorted(set(text) & missing, key=text.index):
            if len(problems) == _MAX_GLYPH_PROBLEMS:
                return problems
            problems.append(Problem(_locate_in_text(source, where, char), f"{_dotted(where)}: {fonts.character_name(char)} is in no "
                                    f"installed font (tried {tried}{others}), so the PDF cannot show it; remove it, or install a "
                                    "font that has it"))
    return problems


def _ids(node: Any, where: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every stable id written in the record, with its data path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("id", "body_id", "title_id"):
                if isinstance(value, str):
                    yield value, where + (key,)
            elif key in ("bookmarks", "agenda_ids") and isinstance(value, list):
                yield from ((item, where + (key, i)) for i, item in enumerate(value) if isinstance(item, str))
            else:
                yield from _ids(value, where + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _ids(item, where + (i,))


def check_semantics(source: Source, allowed_dirs: Sequence[Path] = ()) -> list[Problem]:
    """Check what the schema cannot say: unique ids, ITU sections matching agenda rows."""
    data = source.data
    problems: list[Problem] = []
    seen: dict[str, tuple[Any, ...]] = {}

    for value, where in _ids(data, ()):
        # Word bookmark names cannot hold '-', so 'a-b' and 'a_b' would collide in the DOCX.
        canonical = collision_key(value)
        if canonical in seen:
            first = source.locate(seen[canonical])
            problems.append(Problem(source.locate(where), f"{_dotted(where)}: id '{value}' is already used at line {first.line}; ids must be unique"))
        else:
            seen[canonical] = where
    logo = data.get("logo")
    if isinstance(logo, str):
        from drafting.assets import logo_problems

        problems.extend(logo_problems(source.path, logo, source.locate(("logo",)), allowed_dirs))
    problems.extend(_meeting_time_problems(source))
    agenda, sections = data.get("agenda"), data.get("sections")
    agenda = agenda if isinstance(agenda, list) else []  # the schema reports any other shape
    sections = sections if isinstance(sections, list) else []
    for i, section in enumerate(sections):
        last = i == len(sections) - 1
        if isinstance(section, dict) and section.get("paragraphs") == [] and (data.get("style") == "itu" or last):
            # A section left unwritten. (A UN heading with none may head the next one: item, then sub-item.)
            problems.append(Problem(source.locate(("sections", i, "paragraphs")), f"sections[{i}].paragraphs: the section has no "
                                    "paragraphs, so its heading is printed with nothing under it; write what was said", "warning"))
    if data.get("style") == "un":
        for i, item in enumerate(agenda):
            if isinstance(item, dict) and item.get("documents"):
                problems.append(Problem(source.locate(("agenda", i, "documents")), f"agenda[{i}].documents: a UN Contents lists titles only, "
                                        "so these symbols are not printed; name them in the documents of the section that takes the item up", "warning"))
        for i, section in enumerate(sections):
            if isinstance(section, dict) and "title" not in section and i == 0 and all(
                    isinstance(p, dict) and p.get("numbered") is False for p in section.get("paragraphs") or [None]):
                continue  # the lines before the first heading: "The meeting was called to order at 10 a.m."
            if isinstance(section, dict) and "title" not in section:
                problems.append(Problem(source.locate(("sections", i)), f"sections[{i}]: missing required key 'title' (UN-style headings are written out, they are not agenda rows;"
                                        " only the first section may go without one, to hold unnumbered lines before the first heading)"))
    elif data.get("style") == "itu" and isinstance(data.get("agenda"), list):  # a missing agenda is the schema's to report
        if len(sections) > len(agenda):
            problems.append(Problem(source.locate(("sections", len(agenda))), f"sections[{len(agenda)}]: ITU style numbers section n after agenda row n, but the agenda has only {len(agenda)} row{'s' if len(agenda) != 1 else ''}"))
    return problems


def validate_source(source: Source, allowed_dirs: Sequence[Path] = ()) -> list[Problem]:
    """Return every schema and consistency problem of a loaded record (empty if valid)."""
    if not isinstance(source.data, dict):
        return [Problem(source.locate(()), f"expected a record (a mapping of keys such as 'style', 'symbol', 'agenda') at the top level, got {_kind(source.data)}")]
    problems: list[Problem] = []
    for error in _validator().iter_errors(source.data):
        problems.extend(_describe(error, source))
    # What the schema cannot say is checked on the same data, however malformed: one run, every problem.
    problems.extend(check_semantics(source, allowed_dirs))
    sound = not problems  # the texts can be checked against the numbered record
    # Text lost to a comment is reported with the rest: the record's shape is still sound.
    problems.extend(check_comment_cuts(source))
    if sound:
        from drafting.record import build_record

        problems.extend(check_texts(source, build_record(source)))
    else:  # still every problem at once: what can be checked without the numbers
        problems.extend(check_texts(source, None))
    problems.extend(check_glyphs(source))
    # One schema rule can fail several ways at one place (a date's format and pattern): say it once.
    problems = list(dict.fromkeys(problems))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def load_checked_source(path: str, allowed_dirs: Sequence[Path] = ()) -> tuple[Source, list[Problem]]:
    """Load and validate a record; return it with its warnings, or raise DraftingError listing every problem.

    Files the record names (its logo) must lie in its folder or in one of ``allowed_dirs``.
    """
    try:
        source = load_source(path)
    except FaultySource as error:
        if error.source is None:
            raise
        rest = validate_source(error.source, allowed_dirs)  # the other problems, in the same run
        raise DraftingError(sorted(dict.fromkeys(error.problems + rest),
                                   key=lambda p: (p.location.line or 0, p.location.column or 0))) from None
    except traps.SyntaxTraps as error:
        if error.repaired is None:
            raise
        # The rest of the record, checked with the faulty values blanked: every problem in one run.
        name = error.problems[0].location.path
        lines = {p.location.line for p in error.problems}
        try:
            rest = validate_source(parse_source(name, error.repaired), allowed_dirs)
        except DraftingError:
            raise error from None
        raise DraftingError(sorted(error.problems + [p for p in rest if p.location.line not in lines],
                                   key=lambda p: (p.location.line or 0, p.location.column or 0))) from None
    problems = validate_source(source, allowed_dirs)
    if errors_of(problems):
        raise DraftingError(problems)
    return source, problems


def load_valid_source(path: str, allowed_dirs: Sequence[Path] = ()) -> Source:
    """Load and validate a record; raise DraftingError listing every problem (warnings are dropped)."""
    return load_checked_source(path, allowed_dirs)[0]
