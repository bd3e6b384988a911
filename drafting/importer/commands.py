"""The ``drafting import`` command."""

from __future__ import annotations

import traceback
from pathlib import Path

import click

from drafting.diagnostics import DraftingError, exit_status


@click.command("import")
@click.argument("file", type=click.Path(readable=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the record to FILE (- is standard output). Default: FILE's name with .yaml, beside it (standard output for standard input).")
@click.option("--style", type=click.Choice(["itu", "un"]), help="Force the style family instead of detecting it.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_(file: str, output: str | None, style: str | None, force: bool) -> None:
    """Read a record typed in Word (.docx), or published as text (.txt) or PDF, into a YAML record.

    Written numbers are not kept: where they differ from the computed ones the lint's findings
    are printed (exit 1). Exit 0 clean, 2 when the file cannot be read or imported.
    """
    from drafting.importer import import_file
    from drafting.importer.emit import dump, verify
    from drafting.lint.report import FileResult, render_text
    from drafting.output import write_atomically
    from drafting.starter import schema_location

    destination = output or ("-" if file == "-" else str(Path(file).with_suffix(".yaml")))
    try:
        from drafting.filetype import refuse_special

        refuse_special(file, "import")  # read more than once (its kind, then its text): no pipe, device or folder
        if destination != "-" and Path(destination).exists() and not force:
            raise DraftingError([_problem(destination, "already exists; choose another name with -o, or add --force to overwrite it")])
        if file == "-":  # standard input, read as the kind of file its content is
            from drafting.filetype import STDIN, stdin_as_file

            with stdin_as_file() as spooled:
                imported = import_file(str(spooled), style)
            imported.path = file = STDIN
        else:
            imported = import_file(file, style)
        text = dump(imported.data, schema_location())
        lost = verify(destination if destination != "-" else "<stdout>", text, imported.expected, imported.data)
        if lost:
            raise DraftingError(lost)
    except DraftingError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(int(exit_status(bad_inputs=1)))
    except Exception as error:  # noqa: BLE001 - a hostile file gets a message, not a traceback
        obj = click.get_current_context().find_root().obj
        if getattr(obj, "verbose", False):
            traceback.print_exc()
        click.echo(f"{file}: cannot import: internal error: {type(error).__name__}: {error} (run with -v for the traceback)", err=True)
        raise SystemExit(int(exit_status(bad_inputs=1)))
    for warning in imported.warnings:
        click.echo(str(warning), err=True)
    result = FileResult(file, imported.findings, imported.document)
    errors = result.errors
    if imported.findings:
        click.echo(render_text([result]), err=True, nl=False)
    if destination == "-":
        click.echo(text, nl=False)
    else:
        write_atomically(destination, text.encode("utf-8"))
        sections = len(imported.data["sections"])
        paragraphs = sum(len(s["paragraphs"]) for s in imported.data["sections"])
        click.echo(f"{destination}: {sections} sections, {paragraphs} paragraphs imported from {file}", err=True)
    raise SystemExit(int(exit_status(findings=errors)))


def _problem(path: str, message: str):  # type: ignore[no-untyped-def]
    from drafting.diagnostics import Location, Problem

    return Problem(Location(path), message)
