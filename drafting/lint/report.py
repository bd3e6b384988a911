"""Lint reports: text, JSON, JUnit XML, SARIF 2.1.0, GitHub annotations and HTML for proofreaders."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from drafting import __version__
from drafting.lint.document import Block, Document
from drafting.lint.rules import RULES, Finding, Rule, excerpt, read_counts

FORMATS = ("text", "json", "junit", "sarif", "github", "html")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class Tool:
    """The command whose findings are reported: its name, its rules and the HTML page's wording."""

    name: str
    rules: Mapping[str, Rule]
    uri: str
    title: str  # HTML: page title
    verdicts: tuple[str, str, str]  # HTML: errors, unreadable files, all good
    error: str  # HTML: what an error is, singular
    clean: str  # HTML: a file without findings
    legend: str  # HTML: how findings are marked in the document


LINT = Tool("drafting lint", RULES, "https://drafting.example.org/docs/lint-rules", "Numbering check",
            ("Numbering needs correcting", "Some files could not be read", "Numbering is correct"), "wrong number", "No numbering problems.",
            "Wrong numbers are struck through in red, with the correct number beside them in green.")


@dataclass
class FileResult:
    """The lint of one file: its findings, or why it could not be read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None  # set when the file could not be read

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        """Number of warning findings."""
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def read(self) -> tuple[int, int]:
        """How many section headings and numbered paragraphs were read."""
        return read_counts(self.document) if self.document is not None else (0, 0)


def summary(results: list[FileResult]) -> dict[str, int]:
    """Totals over all files."""
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error is not None),
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
        "info": sum(1 for r in results for f in r.findings if f.severity == "info"),
        "headings": sum(r.read[0] for r in results),
        "paragraphs": sum(r.read[1] for r in results),
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(results: list[FileResult]) -> str:
    """One line of totals: files, what was read, errors and warnings."""
    totals = summary(results)
    line = (f"{_plural(totals['files'], 'file')}: {_plural(totals['headings'], 'heading')} and "
            f"{_plural(totals['paragraphs'], 'numbered paragraph')} read; {_plural(totals['errors'], 'error')}, {_plural(totals['warnings'], 'warning')}")
    if totals["unreadable"]:
        line += f"; {totals['unreadable']} unreadable"
    return line


def _where(result: FileResult, finding: Finding) -> str:
    if finding.location.line is not None:
        return f"{result.path}:{finding.location.line}:{finding.location.column or 1}"
    return f"{result.path}: {finding.where}" if finding.where else result.path


def render_text(results: list[FileResult]) -> str:
    """One line a finding, ``path:line:col: CODE message (found 10.8, expected 10.9): "first words…"``, then the totals."""
    lines = []
    for result in results:
        for finding in result.findings:
            where = _where(result, finding)
            quote = excerpt(finding.text, 50) if finding.text and finding.text[:20] not in where else ""
            lines.append(f"{where}: {finding.code} {finding.message}" + (f': "{quote}"' if quote else ""))
    lines.append(summary_line(results))
    return "".join(line + "\n" for line in lines)


def as_json(results: list[FileResult]) -> dict[str, Any]:
    """The JSON report as data (schemas/lint-report.schema.json)."""
    files = []
    for result in results:
        entry: dict[str, Any] = {"path": result.path, "findings": [f.as_dict() for f in result.findings]}
        if result.document is not None:
            entry["style"] = result.document.style.value
            entry["kind"] = result.document.kind
            entry["headings"], entry["paragraphs"] = result.read
            pages = [b.page for b in result.document.blocks if b.page is not None]
            if pages:
                entry["pages"] = max(pages)
        if result.error is not None:
            entry["error"] = result.error
        files.append(entry)
    return {"version": __version__, "files": files, "summary": summary(results)}


def render_json(results: list[FileResult]) -> str:
    """The JSON report."""
    return json.dumps(as_json(results), ensure_ascii=False, indent=2) + "\n"


def render_junit(results: list[FileResult], tool: Tool = LINT) -> str:
    """JUnit XML for CI test reports: one test suite a file, one failing test case an error."""
    from xml.sax.saxutils import quoteattr  # imports urllib.request: 20 ms every command would pay

    totals = summary(results)
    suite = tool.name.replace(" ", ".")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="{tool.name}" tests="{sum(max(1, r.errors) for r in results)}" failures="{totals["errors"]}" errors="{totals["unreadable"]}">']
    for result in results:
        cases = []
        if result.error is not None:
            cases.append(f'    <testcase classname="{suite}" name={quoteattr(result.path)}><error message={quoteattr(result.error)} type="unreadable"/></testcase>')
        for finding in (f for f in result.findings if f.is_error):
            name = f"{finding.code} {_where(result, finding)}"
            cases.append(f'    <testcase classname="{suite}.{finding.code}" name={quoteattr(name)}>'
                         f'<failure message={quoteattr(finding.message)} type="{finding.code}">{html.escape(_where(result, finding) + ": " + finding.message)}</failure></testcase>')
        if not cases:
            cases.append(f'    <testcase classname="{suite}" name={quoteattr(result.path)}/>')
        warnings = "".join(f"{_where(result, f)}: {f.code} {f.message}\n" for f in result.findings if not f.is_error)
        out.append(f'  <testsuite name={quoteattr(result.path)} tests="{len(cases)}" failures="{result.errors}" errors="{int(result.error is not None)}">')
        out.extend(cases)
        if warnings:
            out.append(f"    <system-out>{html.escape(warnings)}</system-out>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def as_sarif(results: list[FileResult], tool: Tool = LINT) -> dict[str, Any]:
    """A SARIF 2.1.0 log for code scanning."""
    codes = list(tool.rules)
    rules = [{
        "id": r.code, "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": f"{r.summary} {r.why}"},
        "help": {"text": f"{r.fix}\n\nExample:\n{r.example}", "markdown": f"{r.fix}\n\n```text\n{r.example}\n```"},
        "defaultConfiguration": {"level": "error" if r.severity == "error" else "warning" if r.severity == "warning" else "note"},
    } for r in tool.rules.values()]
    sarif_results = []
    notifications = []
    for result in results:
        if result.error is not None:
            notifications.append({"level": "error", "message": {"text": f"{result.path}: {result.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": result.path}}}]})
        for finding in result.findings:
            physical: dict[str, Any] = {"artifactLocation": {"uri": result.path}}
            if finding.location.line is not None:
                physical["region"] = {"startLine": finding.location.line, "startColumn": finding.location.column or 1}
            location: dict[str, Any] = {"physicalLocation": physical}
            if finding.where:
                location["logicalLocations"] = [{"name": finding.where, "kind": "element"}]
            entry: dict[str, Any] = {
                "ruleId": finding.code, "ruleIndex": codes.index(finding.code),
                "level": "error" if finding.is_error else "warning" if finding.severity == "warning" else "note",
                "message": {"text": finding.message}, "locations": [location],
                "properties": {"found": finding.found, "expected": finding.expected, "text": finding.text},
            }
            sarif_results.append(entry)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": tool.name, "version": __version__, "informationUri": tool.uri, "rules": rules}},
        "results": sarif_results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(results: list[FileResult], tool: Tool = LINT) -> str:
    """The SARIF report."""
    return json.dumps(as_sarif(results, tool), ensure_ascii=False, indent=2) + "\n"


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult], tool: Tool = LINT) -> str:
    """GitHub Actions workflow commands (annotations)."""
    lines = []
    for result in results:
        if result.error is not None:
            lines.append(f"::error file={_gh_property(result.path)},title=unreadable::{_gh_data(result.error)}")
        for finding in result.findings:
            level = {"error": "error", "warning": "warning"}.get(finding.severity, "notice")
            props = [f"file={_gh_property(result.path)}"]
            if finding.location.line is not None:
                props += [f"line={finding.location.line}", f"col={finding.location.column or 1}"]
            props.append(f"title={_gh_property(finding.code + ' ' + tool.rules[finding.code].name)}")
            message = (f"{finding.where}: " if finding.where else "") + finding.message
            lines.append(f"::{level} {','.join(props)}::{_gh_data(message)}")
    return "".join(line + "\n" for line in lines)


_CSS = """
:root { --err: #b3261e; --err-bg: #fde7e4; --warn: #8a5a00; --warn-bg: #fff4d6; --ok: #1e6b35; --ink: #1d1d1f; --muted: #6b6b70; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", "Segoe UI", system-ui, sans-serif; color: var(--ink); margin: 0; background: #f5f5f7; line-height: 1.55; }
header { background: #fff; border-bottom: 1px solid #ddd; padding: 20px 32px; position: sticky; top: 0; z-index: 2; }
h1 { font-size: 20px; margin: 0 0 10px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border-radius: 8px; padding: 8px 14px; background: #eee; font-size: 14px; }
.card b { font-size: 22px; display: block; }
.card.err { background: var(--err-bg); color: var(--err); } .card.warn { background: var(--warn-bg); color: var(--warn); } .card.ok { background: #e3f4e8; color: var(--ok); }
main { max-width: 1000px; margin: 0 auto; padding: 16px 24px 60px; }
section.file { background: #fff; border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin: 18px 0; padding: 18px 26px; }
section.file > h2 { font-size: 16px; margin: 0 0 6px; word-break: break-all; }
table.findings { width: 100%; border-collapse: collapse; font-size: 13px; margin: 8px 0 18px; }
table.findings th, table.findings td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
table.findings a { color: inherit; }
.sev-error { color: var(--err); font-weight: 600; } .sev-warning { color: var(--warn); font-weight: 600; }
.doc { border-top: 1px solid #eee; padding-top: 10px; font-size: 15px; }
.blk { padding: 2px 6px 2px 4.6em; position: relative; margin: 0; white-space: pre-wrap; word-wrap: break-word; border-left: 3px solid transparent; }
.blk.other, .blk.agenda { color: var(--muted); font-size: 13px; }
.blk.heading { font-weight: 700; margin-top: 12px; }
.blk.flag-error { border-left-color: var(--err); background: #fff8f7; }
.blk.flag-warning { border-left-color: #e0a800; background: #fffcf2; }
table.agenda { border-collapse: collapse; margin: 6px 0 10px 4.6em; font-size: 13px; color: #444; }
table.agenda td { border: 1px solid #ddd; padding: 2px 8px; }
table.agenda td:first-child { text-align: right; color: var(--muted); }
.ln { position: absolute; left: 0; top: 4px; width: 3.4em; color: #aaa; font-size: 11px; text-align: right; margin-right: 8px; user-select: none; }
.num { font-weight: 700; }
.num.wrong { background: var(--err-bg); color: var(--err); text-decoration: line-through; text-decoration-thickness: 2px; padding: 0 3px; border-radius: 3px; }
.exp { display: inline-block; background: var(--ok); color: #fff; font-weight: 700; padding: 0 6px; border-radius: 10px; margin: 0 6px 0 4px; font-size: 13px; }
.note { display: block; font-size: 12px; color: var(--err); }
.note.warning { color: var(--warn); }
.unreadable { color: var(--err); font-weight: 600; }
.clean { color: var(--ok); font-weight: 600; }
.page { margin: 14px 0 4px; padding-top: 4px; border-top: 1px dashed #ccc; color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .05em; }
"""


def _block_html(block: Block, anchor: str, marks: list[Finding]) -> str:
    item = block.item
    text = block.text
    body = html.escape(text)
    wrong = next((f for f in marks if f.item is item and f.code.startswith("N") and item is not None), None)
    if item is not None and item.core is not None:
        at = text.find(item.core)
        number = html.escape(item.core)
        if wrong is not None:
            shown = (f'<span class="num wrong" title="{html.escape(wrong.code)}: found {number}">{number}</span>'
                     f'<span class="exp" title="expected number">{html.escape(wrong.expected or "no number")}</span>')
        else:
            shown = f'<span class="num">{number}</span>'
        if at >= 0:
            body = html.escape(text[:at]) + shown + html.escape(text[at + len(item.core):])
        else:
            body = shown + " " + body
    severity = "error" if any(f.is_error for f in marks) else "warning" if marks else ""
    line = f'<span class="ln">{block.line}</span>' if block.line is not None else '<span class="ln"></span>'
    notes = "".join(f'<span class="note {f.severity}">{html.escape(f.code)} {html.escape(f.message)}</span>' for f in marks)
    classes = f"blk {block.kind}" + (f" flag-{severity}" if severity else "")
    return f'<div class="{classes}" id="{anchor}">{line}{body}{notes}</div>'


def _agenda_html(blocks: list[Block]) -> str:
    """The agenda table: rows are single tab-separated blocks, or a number block followed by cell blocks."""
    rows: list[list[str]] = []
    for block in blocks:
        cells = [c.strip() for c in block.text.strip().split("\t") if c.strip()]
        if len(cells) > 1 or not rows or (cells and cells[0].isdigit()):
            rows.append(cells)
        else:
            rows[-1].extend(cells)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="agenda">{body}</table>'


def render_html(results: list[FileResult], tool: Tool = LINT) -> str:
    """A self-contained page for proofreaders: summary on top, each document with wrong numbers marked in place."""
    totals = summary(results)
    state = "err" if totals["errors"] or totals["unreadable"] else "ok"
    verdict = tool.verdicts[0] if totals["errors"] else (tool.verdicts[1] if totals["unreadable"] else tool.verdicts[2])
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{tool.title} — {html.escape(', '.join(r.path for r in results))}</title>",
             f"<style>{_CSS}</style></head><body>",
             f'<header><h1>{verdict}</h1><div class="cards">',
             f'<div class="card {state}"><b>{totals["errors"]}</b>{tool.error}s</div>',
             f'<div class="card warn"><b>{totals["warnings"]}</b>warnings</div>',
             f'<div class="card"><b>{totals["files"]}</b>file{"s" if totals["files"] != 1 else ""}</div>']
    if totals["unreadable"]:
        parts.append(f'<div class="card err"><b>{totals["unreadable"]}</b>unreadable</div>')
    parts.append("</div></header><main>")
    for f_index, result in enumerate(results):
        parts.append(f'<section class="file"><h2>{html.escape(result.path)}</h2>')
        if result.error is not None:
            parts.append(f'<p class="unreadable">Could not be read: {html.escape(result.error)}</p></section>')
            continue
        doc = result.document
        if not result.findings:
            headings, paragraphs = result.read
            parts.append(f'<p class="clean">{tool.clean} {_plural(headings, "heading")} and {_plural(paragraphs, "numbered paragraph")} read.</p>')
        else:
            headings, paragraphs = result.read
            parts.append(f"<p>{_plural(headings, 'heading')} and {_plural(paragraphs, 'numbered paragraph')} read: {result.errors} {tool.error}{'s' if result.errors != 1 else ''}, {result.warnings} warning{'s' if result.warnings != 1 else ''}. "
                         f"{tool.legend}</p>")
            parts.append('<table class="findings"><tr><th>where</th><th>code</th><th>found</th><th>expected</th><th>problem</th></tr>')
            for finding in result.findings:
                block = finding.item.block if finding.item is not None else None
                where = f"line {finding.location.line}" if finding.location.line is not None else (finding.where or "")
                if block is None and finding.reference is not None:
                    block = finding.reference.block
                link = f'<a href="#f{f_index}-b{block}">{html.escape(where)}</a>' if block is not None else html.escape(where)
                parts.append(f'<tr><td>{link}</td><td class="sev-{finding.severity}" title="{html.escape(tool.rules[finding.code].summary)}">{finding.code}</td>'
                             f'<td>{html.escape(finding.found or "")}</td><td>{html.escape(finding.expected or "")}</td><td>{html.escape(finding.message)}</td></tr>')
            parts.append("</table>")
        if doc is not None:
            marks: dict[int, list[Finding]] = {}
            for finding in result.findings:
                target = finding.item.block if finding.item is not None else finding.reference.block if finding.reference is not None else None
                if target is None and finding.location.line is not None:
                    target = next((i for i, b in enumerate(doc.blocks) if b.line == finding.location.line), None)
                if target is not None:
                    marks.setdefault(target, []).append(finding)
            lang = {"zh": "zh-Hans"}.get(doc.language or "", doc.language or "und")
            direction = ' dir="rtl"' if doc.language == "ar" else ""
            parts.append(f'<div class="doc" lang="{lang}"{direction}>')
            agenda: list[Block] = []
            shown_page: int | None = None
            for b_index, block in enumerate(doc.blocks):
                if block.page is not None and block.page != shown_page and block.text.strip():
                    shown_page = block.page
                    parts.append(f'<div class="page">page {block.page}</div>')
                if block.kind == "agenda" and b_index not in marks:
                    agenda.append(block)
                    continue
                if agenda and not block.text.strip() and b_index not in marks:
                    continue  # blank lines between agenda rows do not end the table
                if agenda:
                    parts.append(_agenda_html(agenda))
                    agenda = []
                if not block.text.strip() and b_index not in marks:
                    continue
                parts.append(_block_html(block, f"f{f_index}-b{b_index}", marks.get(b_index, [])))
            if agenda:
                parts.append(_agenda_html(agenda))
            parts.append("</div>")
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


RENDERERS: dict[str, Callable[[list[FileResult], Tool], str]] = {
    "text": lambda r, _: render_text(r), "json": lambda r, _: render_json(r), "junit": render_junit, "sarif": render_sarif,
    "github": render_github, "html": render_html,
}


def render(results: list[FileResult], fmt: str, tool: Tool = LINT) -> str:
    """Render results in one of FORMATS."""
    return RENDERERS[fmt](results, tool)


__all__ = ["FORMATS", "LINT", "FileResult", "Tool", "render", "summary", "summary_line"]
