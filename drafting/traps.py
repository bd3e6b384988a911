"""YAML's traps for people who write prose: what a syntax error most likely means, and the fix.

A secretary writes Markdown sentences; YAML reads some of their characters as syntax. A
sentence starting with ``**bold**`` becomes an alias, one holding ``: `` a key, a ``#`` after a
space a comment (the rest of the sentence silently gone). These explanations turn the parser's
words into what to do.
"""

from __future__ import annotations

import re

QUOTE_FIX = 'put the whole text in double quotes ("…"), or write it as a block scalar: `|-` and the text indented on the next line'

# What a plain YAML value may not start with, and what YAML makes of it.
_INDICATORS = {
    "*": "an alias (a reference to an anchor), so Markdown **bold** or *italic* cannot start an unquoted text",
    "&": "an anchor",
    "!": "a tag",
    "%": "a directive",
    "@": "a reserved character",
    "`": "a reserved character",
    "[": "the start of a list, so a Markdown link cannot start an unquoted text",
    "{": "the start of a mapping",
    "|": "a block scalar",
    ">": "a folded block scalar",
    "'": "the start of a single-quoted text, which must end with its own closing quote",
    '"': 'the start of a double-quoted text, which must end with its own closing quote',
}

# "- " list markers and "key: " prefixes in front of a value on its line.
_PREFIX = re.compile(r"^[ ]*(?:-[ ]+)*(?:[^\s#:\"'][^:#\n]*?:[ ]+)?(?:-[ ]+)*")
_COMMENT = re.compile(r"[ \t]+#")


def _value_on(row: str) -> str:
    """The value written on a line, after its list markers and its key."""
    return row[_PREFIX.match(row).end():]  # type: ignore[union-attr] - the pattern matches every line


def explain(text: str, line: int, column: int, problem: str) -> str | None:
    """Return the likely cause and the fix of a YAML syntax error at 1-based ``line:column``, or None."""
    rows = text.split("\n")
    row = rows[line - 1].rstrip("\r") if 0 < line <= len(rows) else ""
    char = row[column - 1] if 0 < column <= len(row) else ""
    if char == "\t" or ("cannot start any token" in problem and "\t" in row[: column]):
        return "a tab cannot indent YAML or start a value: indent with spaces (a tab inside a quoted text is fine)"
    value = _value_on(row)
    first = value[:1]
    if "mapping values are not allowed" in problem:
        return ("an unquoted text may not hold ': ' (a colon and a space) or end with a colon: YAML reads it as a key; "
                + QUOTE_FIX)
    if first in _INDICATORS and first not in ("'", '"'):
        return f"YAML reads '{first}' at the start of a value as {_INDICATORS[first]}; {QUOTE_FIX}"
    if first in ("'", '"'):
        return (f"YAML reads a value starting with {first} as a quoted text that ends at the next {first}; "
                "quote the whole text with the other kind of quote, or write it as a block scalar: `|-` and the text indented on the next line")
    if "alias" in problem:
        return f"YAML reads '*' at the start of a value as an alias, so Markdown **bold** or *italic* cannot start an unquoted text; {QUOTE_FIX}"
    return None


def comment_follows(text: str, index: int) -> bool:
    """True if a YAML comment starts right after ``index`` on the same line (spaces then '#')."""
    return _COMMENT.match(text, index) is not None


def cut_text(text: str, index: int) -> str | None:
    """The text a one-space ``#`` comment took from a plain value ending at ``index``, or None.

    One space before '#' is how a sentence is typed ("12 in favour #3 against"); a comment meant
    as one is set off by two spaces, as YAML style guides (yamllint) ask.
    """
    if not (text.startswith(" #", index) or text.startswith("\t#", index)):
        return None
    end = text.find("\n", index)
    return text[index + 1: end if end >= 0 else len(text)].rstrip("\r")


def empty_value_hint(text: str, line: int, column: int) -> str | None:
    """Explain a value that YAML read as nothing because it starts with '#' (a comment)."""
    rows = text.split("\n")
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    if _value_on(row).startswith("#"):
        return f"a text that starts with '#' is a comment to YAML, so nothing is left; {QUOTE_FIX}"
    return None
