"""The ``drafting align`` command."""

from __future__ import annotations

from pathlib import Path

import click

from drafting.diagnostics import exit_status
from drafting.lint.commands import _attempt, _finish
from drafting.lint.report import FORMATS, FileResult, render


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of standard output.")
@click.option("--reference", type=click.Path(dir_okay=False), help="The version the others are compared with (one of FILES); "
              "by default the record in its original language, else the first file.")
def align(files: tuple[str, ...], fmt: str, output: str | None, reference: str | None) -> None:
    """Compare language versions of one record (records, .docx, text, mixed) paragraph by paragraph."""
    from drafting.align import align_tool
    from drafting.align.rules import check, strangers
    from drafting.align.skeleton import Version, read_version
    from drafting.output import write_atomically

    if len(files) < 2:
        raise click.UsageError("give at least two language versions of the same record")
    def same(a: str, b: str | None) -> bool:
        return b is not None and Path(a).resolve() == Path(b).resolve()

    if reference is not None and not any(same(f, reference) for f in files):
        raise click.BadParameter(f"{reference} is not one of the files to align", param_hint="--reference")
    results: list[FileResult] = []
    versions: list[Version] = []
    for path in files:
        version, error = _attempt(path, lambda: read_version(path))
        results.append(FileResult(path, document=version.document if version else None, error=error))
        if version is not None:
            version.reference = same(path, reference)
            versions.append(version)
    if len(versions) >= 2:
        for path, why in strangers(versions).items():
            click.echo(f"{path}: {why}", err=True)
            next(r for r in results if r.path == path).error = why
            versions = [v for v in versions if v.path != path]
    if len(versions) >= 2:
        findings, error = _attempt(", ".join(files), lambda: check(versions))
        for result in results:
            if findings is not None:
                result.findings = findings.get(result.path, [])
            elif result.error is None:
                result.error = error
    report = render(results, fmt, align_tool())
    if output:
        write_atomically(output, report.encode("utf-8"))
    else:
        click.echo(report, nl=False)
    bad = sum(1 for r in results if r.error is not None)
    _finish(exit_status(bad_inputs=bad, findings=sum(r.errors for r in results)))
