"""The ``drafting`` command line: thin commands that collect every problem, then report once."""

from __future__ import annotations

import json
import signal
import sys
import traceback
from typing import Any, Callable, Iterable, NoReturn, TypeVar

import click

from drafting import __version__
from drafting.diagnostics import DraftingError, ExitStatus, Location, Problem, exit_status
from drafting.language import LANGUAGES
from drafting.pdf import VARIANTS as PDF_VARIANTS
from drafting.resources import load_schema


T = TypeVar("T")

EXIT_STATUSES = """\b
Exit statuses:
  0  all good
  1  findings: lint errors, --check would change something, doctor found gaps
  2  an input could not be read, validated or built (or the command line is wrong)"""

GLOBAL_FLAGS = frozenset({"-v", "--verbose", "-q", "--quiet"})


class Context:
    """Options shared by every subcommand."""

    def __init__(self, verbose: bool, quiet: bool = False) -> None:
        self.verbose = verbose
        self.quiet = quiet and not verbose

    def progress(self, message: str) -> None:
        """Say what is happening, on stderr, with -v only."""
        if self.verbose:
            click.echo(message, err=True)

    def say(self, message: str) -> None:
        """Print a normal result line (silenced by -q)."""
        if not self.quiet:
            click.echo(message)


class GlobalOptionsGroup(click.Group):
    """A group whose global flags (-v, -q) may also follow the subcommand, as in pip."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move the global flags in front of the subcommand before click parses the line."""
        front: list[str] = []
        rest: list[str] = []
        for index, arg in enumerate(args):
            if arg == "--":
                rest.extend(args[index:])
                break
            (front if arg in GLOBAL_FLAGS else rest).append(arg)
        return super().parse_args(ctx, front + rest)


def report(problems: Iterable[Problem]) -> int:
    """Print problems to stderr, one per line; return how many."""
    count = 0
    for problem in problems:
        click.echo(styled(problem), err=True)
        count += 1
    return count


def styled(problem: Problem) -> str:
    """``path:line:col: message`` with the location in bold and a warning in yellow, on a terminal."""
    text = str(problem)
    where = str(problem.location)
    head, rest = text[: len(where)], text[len(where):]
    if getattr(problem, "severity", "error") == "warning":
        return click.style(head, bold=True) + click.style(rest, fg="yellow")
    return click.style(head, bold=True) + rest


def finish(status: ExitStatus) -> NoReturn:
    """Exit with a status chosen by diagnostics.exit_status."""
    sys.exit(int(status))


def attempt(ctx: Context, path: str, action: Callable[[], T]) -> tuple[T | None, list[Problem]]:
    """Run ``action`` for one input; return its result, or None and every problem it raised."""
    try:
        return action(), []
    except DraftingError as error:
        return None, list(error.problems)
    except Exception as error:  # noqa: BLE001 - a crash on one file must not hide the others
        if ctx.verbose:
            traceback.print_exc()
        return None, [Problem(Location(path), f"internal error: {type(error).__name__}: {error} (run with -v for the traceback)")]


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that every ``finally`` removes its temporary files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


class Commands(GlobalOptionsGroup):
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


def guarded(ctx: Context, path: str, action: Callable[[], None]) -> bool:
    """Run ``action`` for one input; report its problems and return False if it failed."""
    result, problems = attempt(ctx, path, lambda: (action(), True)[1])
    report(problems)
    return result is not None


class Outcomes:
    """What a command read, wrote and found, per input: printed as it goes, or as one JSON document."""

    def __init__(self, ctx: Context, command: str, fmt: str) -> None:
        self.ctx = ctx
        self.command = command
        self.json = fmt == "json"
        self.inputs: list[dict[str, Any]] = []
        self.findings = 0

    def add(self, path: str, ok: bool, problems: list[Problem], outputs: dict[str, str] | None = None,
            findings: bool = False) -> None:
        """Record one input; in text mode print its problems (stderr) and outputs (stdout) now.

        ``findings``: it failed for findings (a DOCX's numbering errors), not as bad input.
        """
        if findings:
            self.findings += 1
        self.inputs.append({"path": path, "ok": ok, "outputs": outputs or {},
                            "problems": [p.as_json() for p in problems]})
        if not self.json:
            report(problems)
            for target in (outputs or {}).values():
                self.ctx.say(f"{path} -> {target}")

    def collect(self, outcome: Any) -> None:
        """Record one build outcome (drafting.batch.Outcome), already reported by the progress display."""
        problems = list(outcome.problems) + list(outcome.warnings)
        if outcome.crash:
            problems.append(Problem(Location(outcome.source), outcome.crash.split(": ", 1)[-1]))
        if outcome.findings:
            self.findings += 1
        self.inputs.append({"path": outcome.source, "ok": outcome.ok, "outputs": dict(outcome.outputs),
                            "skipped": outcome.skipped, "problems": [p.as_json() for p in problems]})

    def finish(self) -> NoReturn:
        """Exit with the status of the totals, after printing the JSON document if asked for."""
        status = exit_status(bad_inputs=sum(1 for i in self.inputs if not i["ok"]) - self.findings, findings=self.findings)
        if self.json:
            warnings = sum(1 for i in self.inputs for p in i["problems"] if p["severity"] == "warning")
            errors = sum(1 for i in self.inputs for p in i["problems"] if p["severity"] != "warning")
            click.echo(json.dumps({"command": self.command, "version": __version__, "inputs": self.inputs,
                                   "errors": errors, "warnings": warnings, "exit_status": int(status)}, ensure_ascii=False, indent=2))
        finish(status)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]}, epilog=f"""\b
-v and -q may be given before or after the command: `drafting build -v x.yaml`.
A single file to read or write may be `-` for standard input or output.
Colour is used on a terminal only, and never when NO_COLOR is set.
Shell completion (bash; zsh and fish alike):
  eval "$(_DRAFTING_COMPLETE=bash_source drafting)"

{EXIT_STATUSES}""")
@click.version_option(__version__, prog_name="drafting")
@click.option("-v", "--verbose", is_flag=True, help="Show progress, and a traceback when something crashes.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Draft, typeset and check official meeting records."""
    import os

    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        ctx.color = False
    ctx.obj = Context(verbose, quiet)


# Files are checked one by one by the command (an unreadable one is reported and the batch goes
# on), not by click, which would stop the whole batch at the first.
_INPUTS = click.Path(readable=False, allow_dash=True)
_ALLOW_READ = click.option("--allow-read", "readable_dirs", multiple=True, type=click.Path(file_okay=False),
                           help="A folder, besides the record's own, that the record may name files in (its logo). Repeatable.")


_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                       help="text: path:line:col: message lines on stderr; json: one document on stdout (inputs, outputs, every problem).")


@main.command(epilog=EXIT_STATUSES)
@click.argument("files", nargs=-1, required=True, type=_INPUTS)
@_FORMAT
@_ALLOW_READ
@click.pass_obj
def validate(ctx: Context, files: tuple[str, ...], fmt: str, readable_dirs: tuple[str, ...]) -> None:
    """Check records (FILE, or - for standard input): schema, cross-references, YAML traps; report every problem as path:line:col: message."""
    from pathlib import Path

    from drafting.filetype import STDIN
    from drafting.validation import load_checked_source

    allowed = tuple(Path(d) for d in readable_dirs)
    outcomes = Outcomes(ctx, "validate", fmt)
    for path in files:
        checked, problems = attempt(ctx, path, lambda: load_checked_source(path, allowed))
        outcomes.add(STDIN if path == "-" else path, checked is not None, checked[1] if checked else problems)
        if checked and not outcomes.json:
            ctx.progress(f"{STDIN if path == '-' else path}: valid")
    outcomes.finish()


def parse_formats(value: str) -> tuple[str, ...]:
    """Split --to into known formats."""
    from drafting.build import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


def output_folder(value: str) -> str:
    """Refuse `-o out.pdf`: build writes into a folder (import, lint and new take a file), and would make one of that name."""
    from pathlib import Path

    from drafting.build import FORMATS

    path = Path(value)
    if path.suffix.lower().lstrip(".") in FORMATS and not path.is_dir():
        raise click.BadParameter(f"{value!r} names a file, but build writes into a folder and names each output after its record "
                                 f"(RECORD.docx, RECORD.html, RECORD.pdf); give a folder, e.g. -o {path.parent / 'build'}")
    return value


@main.command(epilog=EXIT_STATUSES)
@click.argument("files", nargs=-1, required=True, type=_INPUTS)
@click.option("-o", "--output", "output_dir", default="build", show_default=True, type=click.Path(file_okay=False),
              callback=lambda ctx, param, value: output_folder(value), help="Folder for the outputs.")
@click.option("--to", "formats", default="docx,html,pdf", show_default=True, help="Comma-separated formats: docx, html, pdf.")
@click.option("--pdf-variant", default=None, metavar="VARIANT", type=click.Choice(PDF_VARIANTS, case_sensitive=False),
              help=f"WeasyPrint PDF variant: pdf/ua-1 for a tagged, accessible PDF; one of {', '.join(PDF_VARIANTS)}.")
@click.option("--no-lint", is_flag=True, help="Build from a DOCX even if its written numbers have lint errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Records built at once (worker processes).  [default: the CPUs available]")
@click.option("--shard", default=None, metavar="K/N", help="Build only part K of N of the records (a CI matrix job); every record is in exactly one part.")
@click.option("--force", is_flag=True, help="Rebuild records whose inputs have not changed.")
@_FORMAT
@_ALLOW_READ
@click.pass_obj
def build(ctx: Context, files: tuple[str, ...], output_dir: str, formats: str, pdf_variant: str | None, no_lint: bool,
          jobs: int | None, shard: str | None, force: bool, fmt: str, readable_dirs: tuple[str, ...]) -> None:
    """Build records (YAML/JSON, or a DOCX in the template's styles; - for standard input) into DOCX, HTML and PDF.

    Records whose inputs (record, templates, fonts, tool version) are unchanged since the last
    build into the same folder are skipped; --force rebuilds them.
    """
    import io
    from pathlib import Path

    from drafting.batch import Progress, build_one, build_records, parse_shard, select_shard
    from drafting.build import RenderOptions
    from drafting.filetype import STDIN, renamed, stdin_as_file

    options = RenderOptions(Path(output_dir), parse_formats(formats), pdf_variant, tuple(Path(d) for d in readable_dirs),
                            lint=not no_lint)
    # The same record named twice ("a.yaml", "./a.yaml") is built once.
    unique: dict[Path, Path] = {}
    for name in files:
        if name != "-":
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
    outcomes = Outcomes(ctx, "build", fmt)
    hidden = io.StringIO() if outcomes.json else None  # the JSON document says it all
    progress = Progress(len(paths) + ("-" in files), verbose=ctx.verbose, quiet=ctx.quiet, out=hidden, err=hidden,
                        tty=False if hidden else None)
    progress.begin()
    done = []
    if "-" in files:  # standard input: built at once, in this process, never skipped
        with stdin_as_file() as spooled:
            outcome = build_one(spooled, options)
        outcome.source = STDIN
        outcome.problems = [renamed(p, str(spooled)) for p in outcome.problems]
        outcome.warnings = [renamed(p, str(spooled)) for p in outcome.warnings]
        done.append(outcome)
        progress.report(done[-1])
    done += build_records(paths, options, progress, jobs=jobs, force=force)
    progress.finish(note)
    for outcome in done:
        outcomes.collect(outcome)
    outcomes.finish()


def _language_help() -> str:
    from drafting import language as lang

    names = lang.wording("en").names
    return "Language of the record: " + ", ".join(f"{code} ({names[code]})" for code in lang.LANGUAGES) + "."


@main.command(epilog=EXIT_STATUSES)
@click.option("--style", type=click.Choice(["itu", "un"]), default="itu", show_default=True, help="itu: ITU Council summary record; un: United Nations summary record.")
@click.option("--language", type=click.Choice(list(LANGUAGES)), default="en", show_default=True, help=_language_help())
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True), help="File to write; - (the default) for standard output.")
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
@click.pass_obj
def new(ctx: Context, style: str, language: str, output: str, force: bool) -> None:
    """Write a commented starter record (every field, a chair change, sub-paragraphs, a cross-reference) that validates and builds as it is."""
    from pathlib import Path

    from drafting.output import write_atomically
    from drafting.starter import starter

    text = starter(style, language)
    if output == "-":
        click.echo(text, nl=False)
        finish(ExitStatus.OK)
    if Path(output).exists() and not force:
        report([Problem(Location(output), "already exists; choose another name, or add --force to overwrite it")])
        finish(ExitStatus.BAD_INPUT)
    write_atomically(output, text.encode("utf-8"))
    ctx.say(f"{output}: a starter record ({style}, {language}); next: drafting validate {output} && drafting build {output}")
    finish(ExitStatus.OK)


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

from drafting.align.commands import align  # noqa: E402
main.add_command(align)

from drafting.importer.commands import import_  # noqa: E402
main.add_command(import_)
