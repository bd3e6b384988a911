"""Lint reports: text, JSON, JUnit XML, SARIF 2.1.0, GitHub annotations and HTML for proofreaders."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any, Callable

from drafting import __version__
from drafting.lint.document import Block, Document
from drafting.lint.rules import RULES, Finding

FORMATS = ("text", "json", "junit", "sarif", "github", "html")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


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


def summary(results: list[FileResult]) -> dict[str, int]:
    """Totals over all files."""
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error is not None),
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
        "info": sum(1 for r in results for f in r.findings if f.severity == "info"),
    }


def _where(result: FileResult, finding: Finding) -> str:
    if finding.location.line is not None:
        return f"{result.path}:{finding.location.line}:{finding.location.column or 1}"
    return f"{result.path}: {finding.where}" if finding.where else result.path


def render_text(results: list[FileResult]) -> str:
    """One line a finding: ``path:line:col: CODE message (found 10.8, expected 10.9)``."""
    lines = [f"{_where(r, f)}: {f.code} {f.message}" for r in results for f in r.findings]
    return "".join(line + "\n" for line in lines)


def as_json(results: list[FileResult]) -> dict[str, Any]:
    """The JSON report as data (schemas/lint-report.schema.json)."""
    files = []
    for result in results:
        entry: dict[str, Any] = {"path": result.path, "findings": [f.as_dict() for f in result.findings]}
        if result.document is not None:
            entry["style"] = result.document.style.value
            entry["kind"] = result.document.kind
        if result.error is not None:
            entry["error"] = result.error
        files.append(entry)
    return {"version": __version__, "files": files, "summary": summary(results)}


def render_json(results: list[FileResult]) -> str:
    """The JSON report."""
    return json.dumps(as_json(results), ensure_ascii=False, indent=2) + "\n"


def render_junit(results: list[FileResult]) -> str:
    """JUnit XML for CI test reports: one test suite a file, one failing test case an error."""
    from xml.sax.saxutils import quoteattr  # imports urllib.request: 20 ms every command would pay

    totals = summary(results)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="drafting lint" tests="{sum(max(1, r.errors) for r in results)}" failures="{totals["errors"]}" errors="{totals["unreadable"]}">']
    for result in results:
        cases = []
        if result.error is not None:
            cases.append(f'    <testcase classname="drafting.lint" name={quoteattr(result.path)}><error message={quoteattr(result.error)} type="unreadable"/></testcase>')
        for finding in (f for f in result.findings if f.is_error):
            name = f"{finding.code} {_where(result, finding)}"
            cases.append(f'    <testcase classname="drafting.lint.{finding.code}" name={quoteattr(name)}>'
                         f'<failure message={quoteattr(finding.message)} type="{finding.code}">{html.escape(_where(result, finding) + ": " + finding.message)}</failure></testcase>')
        if not cases:
            cases.append(f'    <testcase classname="drafting.lint" name={quoteattr(result.path)}/>')
        warnings = "".join(f"{_where(result, f)}: {f.code} {f.message}\n" for f in result.findings if not f.is_error)
        out.append(f'  <testsuite name={quoteattr(result.path)} tests="{len(cases)}" failures="{result.errors}" errors="{int(result.error is not None)}">')
        out.extend(cases)
        if warnings:
            out.append(f"    <system-out>{html.escape(warnings)}</system-out>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def as_sarif(results: list[FileResult]) -> dict[str, Any]:
    """A SARIF 2.1.0 log for code scanning."""
    codes = list(RULES)
    rules = [{
        "id": r.code, "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": f"{r.summary} {r.why}"},
        "help": {"text": f"{r.fix}\n\nExample:\n{r.example}", "markdown": f"{r.fix}\n\n```text\n{r.example}\n```"},
        "defaultConfiguration": {"level": "error" if r.severity == "error" else "warning" if r.severity == "warning" else "note"},
    } for r in RULES.values()]
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
        "tool": {"driver": {"name": "drafting lint", "version": __version__, "informationUri": "https://drafting.example.org/docs/lint-rules", "rules": rules}},
        "results": sarif_results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(results: list[FileResult]) -> str:
    """The SARIF report."""
    return json.dumps(as_sarif(results), ensure_ascii=False, indent=2) + "\n"


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult]) -> str:
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
            props.append(f"title={_gh_property(finding.code + ' ' + RULES[finding.code].name)}")
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


def render_html(results: list[FileResult]) -> str:
    """A self-contained page for proofreaders: summary on top, each document with wrong numbers marked in place."""
    totals = summary(results)
    state = "err" if totals["errors"] or totals["unreadable"] else "ok"
    verdict = "Numbering needs correcting" if totals["errors"] else ("Some files could not be read" if totals["unreadable"] else "Numbering is correct")
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Numbering check — {html.escape(', '.join(r.path for r in results))}</title>",
             f"<style>{_CSS}</style></head><body>",
             f'<header><h1>{verdict}</h1><div class="cards">',
             f'<div class="card {state}"><b>{totals["errors"]}</b>wrong numbers</div>',
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
            parts.append('<p class="clean">No numbering problems.</p>')
        else:
            parts.append(f"<p>{result.errors} wrong number{'s' if result.errors != 1 else ''}, {result.warnings} warning{'s' if result.warnings != 1 else ''}. "
                         "Wrong numbers are struck through in red, with the correct number beside them in green.</p>")
            parts.append('<table class="findings"><tr><th>where</th><th>code</th><th>found</th><th>expected</th><th>problem</th></tr>')
            for finding in result.findings:
                block = finding.item.block if finding.item is not None else None
                where = f"line {finding.location.line}" if finding.location.line is not None else (finding.where or "")
                link = f'<a href="#f{f_index}-b{block}">{html.escape(where)}</a>' if block is not None else html.escape(where)
                parts.append(f'<tr><td>{link}</td><td class="sev-{finding.severity}" title="{html.escape(RULES[finding.code].summary)}">{finding.code}</td>'
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
            for b_index, block in enumerate(doc.blocks):
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


RENDERERS: dict[str, Callable[[list[FileResult]], str]] = {
    "text": render_text, "json": render_json, "junit": render_junit, "sarif": render_sarif, "github": render_github, "html": render_html,
}


def render(results: list[FileResult], fmt: str) -> str:
    """Render results in one of FORMATS."""
    return RENDERERS[fmt](results)


__all__ = ["FORMATS", "FileResult", "render", "summary"]
