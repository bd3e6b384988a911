"""The ``drafting`` command line: thin commands that collect every problem, then report once."""

from __future__ import annotations

import json
import sys
import traceback
from typing import Callable, Iterable, NoReturn

import click

from drafting import __version__
from drafting.diagnostics import DraftingError, ExitStatus, Problem, exit_status
from drafting.resources import load_schema


class Context:
    """Options shared by every subcommand."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose


def report(problems: Iterable[Problem]) -> int:
    """Print problems to stderr, one per line; return how many."""
    count = 0
    for problem in problems:
        click.echo(str(problem), err=True)
        count += 1
    return count


def finish(status: ExitStatus) -> NoReturn:
    """Exit with a status chosen by diagnostics.exit_status."""
    sys.exit(int(status))


def guarded(ctx: Context, path: str, action: Callable[[], None]) -> bool:
    """Run ``action`` for one input; report its problems and return False if it failed."""
    try:
        action()
    except DraftingError as error:
        report(error.problems)
        return False
    except Exception as error:  # noqa: BLE001 - a crash on one file must not hide the others
        if ctx.verbose:
            traceback.print_exc()
        click.echo(f"{path}: internal error: {type(error).__name__}: {error} (run with -v for the traceback)", err=True)
        return False
    return True


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafting")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks and progress.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Draft, typeset and check official meeting records."""
    ctx.obj = Context(verbose)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.pass_obj
def validate(ctx: Context, files: tuple[str, ...]) -> None:
    """Check records against the schema; report every problem as path:line:col: message."""
    from drafting.validation import load_valid_source

    bad = 0
    for path in files:
        if not guarded(ctx, path, lambda: load_valid_source(path)):
            bad += 1
        elif ctx.verbose:
            click.echo(f"{path}: valid", err=True)
    finish(exit_status(bad_inputs=bad))


def parse_formats(value: str) -> tuple[str, ...]:
    """Split --to into known formats."""
    from drafting.build import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output_dir", default="build", show_default=True, type=click.Path(file_okay=False), help="Folder for the outputs.")
@click.option("--to", "formats", default="docx,html,pdf", show_default=True, help="Comma-separated formats: docx, html, pdf.")
@click.option("--pdf-variant", default=None, help="WeasyPrint PDF variant, e.g. pdf/ua-1 for a tagged, accessible PDF.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Records built at once (worker processes).  [default: the CPUs available]")
@click.option("--shard", default=None, metavar="K/N", help="Build only part K of N of the records (a CI matrix job); every record is in exactly one part.")
@click.option("--force", is_flag=True, help="Rebuild records whose inputs have not changed.")
@click.pass_obj
def build(ctx: Context, files: tuple[str, ...], output_dir: str, formats: str, pdf_variant: str | None,
          jobs: int | None, shard: str | None, force: bool) -> None:
    """Build records (YAML/JSON, or a DOCX in the template's styles) into DOCX, HTML and PDF.

    Records whose inputs (record, templates, fonts, tool version) are unchanged since the last
    build into the same folder are skipped.
    """
    from pathlib import Path

    from drafting.batch import Progress, build_records, parse_shard, select_shard
    from drafting.build import RenderOptions

    options = RenderOptions(Path(output_dir), parse_formats(formats), pdf_variant)
    # The same record named twice ("a.yaml", "./a.yaml") is built once.
    unique: dict[Path, Path] = {}
    for name in files:
        unique.setdefault(Path(name).resolve(), Path(name))
    paths = list(unique.values())
    note = ""
    if shard is not None:
        try:
            index, count = parse_shard(shard)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="'--shard'") from None
        paths = select_shard(paths, index, count)
        note = f"shard {index}/{count}: "
    progress = Progress(len(paths), verbose=ctx.verbose)
    bad = build_records(paths, options, progress, jobs=jobs, force=force)
    progress.finish(note)
    finish(exit_status(bad_inputs=bad))


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.pass_obj
def init(ctx: Context, folder: str) -> None:
    """Start a records repository in FOLDER: records/, a Makefile, CI workflows, pre-commit hooks, a sample record."""
    from pathlib import Path

    from drafting.scaffold import scaffold

    written: list[Path] = []
    if not guarded(ctx, folder, lambda: written.extend(scaffold(Path(folder)))):
        finish(exit_status(bad_inputs=1))
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"\nNext: cd {folder}; pip install -r requirements.txt; make; pre-commit install", err=True)
    finish(ExitStatus.OK)


@main.command()
def schema() -> None:
    """Print the record JSON Schema."""
    click.echo(json.dumps(load_schema(), ensure_ascii=False, indent=2))


@main.command()
def doctor() -> None:
    """Check pandoc, WeasyPrint, HarfBuzz, fonts and pdftotext; print how to fix what is missing."""
    from drafting.doctor import run_checks

    checks = run_checks()
    for check in checks:
        mark = "ok     " if check.ok else "MISSING"
        click.echo(f"{mark} {check.name}: {check.detail}")
    missing = [c for c in checks if not c.ok]
    if missing:
        click.echo("\nTo fix (as root):")
        for fix in dict.fromkeys(c.fix for c in missing if c.fix):
            click.echo(f"  {fix}")
    finish(ExitStatus.FINDINGS if missing else ExitStatus.OK)


from drafting.lint.commands import lint, renumber  # noqa: E402
main.add_command(lint)
main.add_command(renumber)
