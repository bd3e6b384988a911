"""YAML's traps for people who write prose: what a syntax error most likely means, and the fix.

A secretary writes Markdown sentences; YAML reads some of their characters as syntax. A
sentence starting with ``**bold**`` becomes an alias, one holding ``: `` a key, a ``#`` after a
space a comment (the rest of the sentence silently gone). These explanations turn the parser's
words into what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import yaml

from drafting.diagnostics import DraftingError, Location, Problem

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


# What YAML was inside when it ran on to a later line looking for the closing character.
_UNCLOSED = {
    "while scanning a quoted scalar": "this quoted text is never closed: add its closing quote",
    "while parsing a flow sequence": "this list opened with '[' is never closed: add ']'",
    "while parsing a flow mapping": "this mapping opened with '{' is never closed: add '}'",
}


def _runaway_quote(text: str, found: Any) -> tuple[Any, Any] | None:
    """(start, end) marks of a quoted text that ran over lines to end where the syntax error is.

    A quote left open is closed by the next quote of its kind, lines later; the error then comes
    right after it. A quoted text wrapped over lines on purpose ends before an error elsewhere.
    """
    if found is None:
        return None
    last = None
    try:
        for token in yaml.scan(text[: found.index], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.ScalarToken) and not token.plain and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass  # the tokens up to the error are what counts
    if last is not None and last.end_mark.line == found.line:
        return last.start_mark, last.end_mark
    return None


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> tuple[Problem, str | None]:
    opened, found = exc.context_mark, exc.problem_mark
    if exc.context in _UNCLOSED and opened and found and found.line > opened.line:
        # The parser stops where it gave up (often the end of the file); the mistake is where it opened.
        return Problem(Location(name, opened.line + 1, opened.column + 1), f"YAML syntax error: {_UNCLOSED[exc.context]} (YAML "
                       f"{exc.problem or 'gave up'} at line {found.line + 1}, column {found.column + 1})"), None
    runaway = _runaway_quote(text, found)
    if runaway is not None:
        start, end = runaway
        return Problem(Location(name, start.line + 1, start.column + 1), "YAML syntax error: this quoted text is never closed: add "
                       f"its closing quote (YAML read on to the quote at line {end.line + 1}, column {end.column}, and "
                       f"{exc.problem or 'gave up'} at line {found.line + 1}, column {found.column + 1})"), None
    mark = exc.problem_mark or exc.context_mark
    where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
    what = exc.problem or exc.context or "syntax error"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    hint = explain(text, where.line, where.column or 1, f"{exc.problem} {exc.context}") if where.line else None
    return Problem(where, f"YAML syntax error: {what}{context}" + (f" — {hint}" if hint else "")), hint


def _neutralised(row: str) -> str:
    """The line with its value replaced by a placeholder text: list markers and key kept."""
    return row[: _PREFIX.match(row).end()] + '"…"'  # type: ignore[union-attr]


@dataclass
class SyntaxTraps(DraftingError):
    """YAML syntax errors, and, when blanking the values at fault made the text parse, that text
    (same lines) so that the rest of the record can be checked in the same run."""

    repaired: str | None = None


def syntax_error(name: str, text: str, exc: yaml.MarkedYAMLError, compose: Callable[[str], Any], limit: int = 20) -> SyntaxTraps:
    """The YAML syntax error with its explanation, then the traps on later lines.

    A parser stops at its first error; a secretary who quoted one sentence would otherwise
    meet the next trap one run later. While the error is a trap in a value (not a tab, not an
    unexplained error), that value is blanked and the text parsed again, at most ``limit`` times.
    """
    first, hint = _syntax_problem(name, text, exc)
    problems = [first]
    rows = text.split("\n")
    line = first.location.line
    seen = {line}
    while hint and line and not hint.startswith("a tab") and len(problems) < limit:
        rows[line - 1] = _neutralised(rows[line - 1])
        try:
            compose("\n".join(rows))
        except yaml.MarkedYAMLError as again:
            problem, hint = _syntax_problem(name, text, again)
            line = problem.location.line
            if hint is None or line in seen:
                break  # not a trap we can name: it may only be a consequence of the blanking
            seen.add(line)
            problems.append(problem)
            continue
        except yaml.YAMLError:
            break
        return SyntaxTraps(problems, "\n".join(rows))
    return SyntaxTraps(problems)
