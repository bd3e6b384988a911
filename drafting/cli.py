"""The ``drafting`` command line: thin commands that collect every problem, then report once."""

from __future__ import annotations

import json
import signal
import sys
import traceback
from typing import Any, Callable, Iterable, NoReturn

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


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that every ``finally`` removes its temporary files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


class Commands(click.Group):
    """The command group: signals end a command cleanly, with the status of diagnostics.exit_status."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run a command; Ctrl-C, SIGTERM and SIGHUP exit 128 + the signal number (130 for Ctrl-C)."""
        previous = {}
        # Past `ulimit -f` a write fails with EFBIG (reported) instead of the process being killed.
        wanted = {signal.SIGTERM: _interrupt, signal.SIGHUP: _interrupt, signal.SIGXFSZ: signal.SIG_IGN}
        for signum, handler in wanted.items():
            try:
                previous[signum] = signal.signal(signum, handler)
            except ValueError:  # not the main thread: leave signals alone
                break
        try:
            return super().invoke(ctx)
        except DraftingError as error:  # a user's error that a command did not catch is still not a crash
            report(error.problems)
            sys.exit(exit_status(bad_inputs=1))
        except KeyboardInterrupt as interruption:
            signum = getattr(interruption, "signum", signal.SIGINT)
            click.echo(f"interrupted by {signal.Signals(signum).name}; no partial output was left", err=True)
            sys.exit(exit_status(signum=signum))
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafting")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks and progress.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Draft, typeset and check official meeting records."""
    ctx.obj = Context(verbose)


# Files are checked one by one by the command (an unreadable one is reported and the batch goes
# on), not by click, which would stop the whole batch at the first.
_INPUTS = click.Path(readable=False)
_ALLOW_READ = click.option("--allow-read", "readable_dirs", multiple=True, type=click.Path(file_okay=False),
                           help="A folder, besides the record's own, that the record may name files in (its logo). Repeatable.")


@main.command()
@click.argument("files", nargs=-1, required=True, type=_INPUTS)
@_ALLOW_READ
@click.pass_obj
def validate(ctx: Context, files: tuple[str, ...], readable_dirs: tuple[str, ...]) -> None:
    """Check records against the schema; report every problem as path:line:col: message."""
    from pathlib import Path

    from drafting.validation import load_valid_source

    allowed = tuple(Path(d) for d in readable_dirs)
    bad = 0
    for path in files:
        if not guarded(ctx, path, lambda: load_valid_source(path, allowed)):
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
@click.argument("files", nargs=-1, required=True, type=_INPUTS)
@click.option("-o", "--output", "output_dir", default="build", show_default=True, type=click.Path(file_okay=False), help="Folder for the outputs.")
@click.option("--to", "formats", default="docx,html,pdf", show_default=True, help="Comma-separated formats: docx, html, pdf.")
@click.option("--pdf-variant", default=None, help="WeasyPrint PDF variant, e.g. pdf/ua-1 for a tagged, accessible PDF.")
@_ALLOW_READ
@click.pass_obj
def build(ctx: Context, files: tuple[str, ...], output_dir: str, formats: str, pdf_variant: str | None, readable_dirs: tuple[str, ...]) -> None:
    """Build records (YAML/JSON, or a DOCX in the template's styles) into DOCX, HTML and PDF."""
    from pathlib import Path

    from drafting.build import RenderOptions, build_file

    options = RenderOptions(Path(output_dir), parse_formats(formats), pdf_variant, tuple(Path(d) for d in readable_dirs))
    bad = 0
    for path in files:
        results = []
        if guarded(ctx, path, lambda: results.append(build_file(Path(path), options))):
            for output in results[0].outputs.values():
                click.echo(f"{path} -> {output}")
        else:
            bad += 1
    finish(exit_status(bad_inputs=bad))


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
