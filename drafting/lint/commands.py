"""The ``drafting lint`` and ``drafting renumber`` commands."""

from __future__ import annotations

import traceback
from typing import Any, Callable, TypeVar

import click

from drafting.diagnostics import DraftingError, exit_status
from drafting.lint.report import FORMATS, FileResult, render

T = TypeVar("T")

_STYLE = click.Choice(["itu", "un"])


def _verbose() -> bool:
    obj = click.get_current_context().find_root().obj
    return bool(getattr(obj, "verbose", False))


def _attempt(path: str, action: Callable[[], T]) -> tuple[T | None, str | None]:
    """Run ``action`` for one file; return its result, or None and a one-line reason (printed to stderr)."""
    try:
        return action(), None
    except DraftingError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        reason = "; ".join(p.message for p in error.problems) or "cannot be read"
        return None, reason
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
        if _verbose():
            traceback.print_exc()
        reason = f"internal error: {type(error).__name__}: {error}"
        click.echo(f"{path}: {reason} (run with -v for the traceback)", err=True)
        return None, reason


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False, allow_dash=True))  # each file checked by the command
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of standard output (- is standard output).")
@click.option("--style", type=_STYLE, help="Force the style family instead of detecting it.")
@click.option("--strict", is_flag=True, help="Warnings fail the lint too (exit 1), e.g. W205 when nothing numbered was read.")
def lint(files: tuple[str, ...], fmt: str, output: str | None, style: str | None, strict: bool) -> None:
    """Check written heading and paragraph numbers (records, .docx, .pdf, .html, text) against automatic numbering."""
    from drafting.filetype import is_pipe, stdin_as_file
    from drafting.lint import read_document
    from drafting.output import write_atomically
    from drafting.lint.rules import check

    results: list[FileResult] = []
    for path in files:
        if path == "-":  # standard input, read as the kind of file its content is
            from drafting.filetype import STDIN

            def read_stdin() -> Any:
                with stdin_as_file() as spooled:
                    return read_document(str(spooled), style)
            doc, error = _attempt(STDIN, read_stdin)
            path = STDIN
        elif is_pipe(path):  # a named pipe or <(command): read once, as the kind of file its content is
            def read_pipe(pipe: str = path) -> Any:
                with stdin_as_file(pipe) as spooled:
                    return read_document(str(spooled), style)
            doc, error = _attempt(path, read_pipe)
        else:
            doc, error = _attempt(path, lambda: read_document(path, style))
        if doc is None:
            results.append(FileResult(path, error=error))
            continue
        findings, error = _attempt(path, lambda: check(doc))
        results.append(FileResult(path, findings or [], doc, error))
    report = render(results, fmt)
    unwritten = 0
    if output and output != "-":
        _, unwritten_error = _attempt(output, lambda: write_atomically(output, report.encode("utf-8")))
        unwritten = unwritten_error is not None
    else:
        click.echo(report, nl=False)
    bad = sum(1 for r in results if r.error is not None) + unwritten
    failing = sum(r.errors + (r.warnings if strict else 0) for r in results)
    _finish(exit_status(bad_inputs=bad, findings=failing))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))  # each file checked by the command
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff of what would change.")
@click.option("--style", type=_STYLE, help="Force the style family instead of detecting it.")
def renumber(files: tuple[str, ...], check_only: bool, diff: bool, style: str | None) -> None:
    """Rewrite written numbers to the expected ones; only the number tokens change."""
    from drafting.lint.renumber import plan_file
    from drafting.output import write_atomically
    from drafting.lint.report import _where  # noqa: PLC2701 - same wording as the lint report
    from drafting.numbering import Style

    bad = changed = 0
    for path in files:
        plan, _ = _attempt(path, lambda: plan_file(path, Style(style) if style else None))
        if plan is None:
            bad += 1
            continue
        for finding in plan.unresolved:
            click.echo(f"{_where(FileResult(path), finding)}: {finding.code} not changed: {finding.message}", err=True)
        if not plan.changed:
            continue
        changed += 1
        if diff:
            click.echo(plan.diff(), nl=False)
        numbers = sum(1 for e in plan.edits if not e.reference)
        references = len(plan.edits) - numbers
        what = f"{numbers} number{'s' if numbers != 1 else ''}" + (f" and {references} reference{'s' if references != 1 else ''}" if references else "")
        if check_only or diff:
            click.echo(f"{path}: would renumber {what}", err=True)
        else:
            _, error = _attempt(path, lambda: write_atomically(path, plan.data or b""))
            if error is not None:
                bad += 1
            else:
                click.echo(f"{path}: renumbered {what}", err=True)
    _finish(exit_status(bad_inputs=bad, findings=changed if check_only else 0))


def _finish(status: int) -> None:
    raise SystemExit(int(status))
