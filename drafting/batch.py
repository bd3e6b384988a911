"""Building many records: CI shards, a process pool that loads once per worker, progress, skips.

Three ways to run, chosen by ``build_records``:

- several records to build and several CPUs: a pool of worker processes, each importing the
  build stages and WeasyPrint once, then building whole records;
- one record and an idle CPU: the PDF stage runs in a helper process that loads WeasyPrint
  (the slowest import) while this process validates, fills the DOCX and runs pandoc;
- ``-j 1``: everything in this process, one record after another.

Records whose inputs have not changed since the last build are skipped (drafting.manifest).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TextIO

from drafting.diagnostics import DraftingError, Problem

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from drafting.build import PdfStage, RenderOptions


def available_cpus() -> int:
    """CPUs this process may run on (a CI runner's quota, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def spare_cpu() -> bool:
    """True when a CPU is idle enough for a helper process to run beside this one."""
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows
        busy = 0.0
    # On a machine already busy, a helper only takes turns with this process and adds its own work.
    return available_cpus() - busy >= 1.0


def parse_shard(value: str) -> tuple[int, int]:
    """Read 'K/N' (1 <= K <= N); raise ValueError with what was expected."""
    index, slash, count = value.partition("/")
    if not slash or not index.strip().isdigit() or not count.strip().isdigit():
        raise ValueError(f"expected K/N, e.g. 2/3 (job 2 of 3), got {value!r}")
    k, n = int(index), int(count)
    if not 1 <= k <= n:
        raise ValueError(f"expected 1 <= K <= N in K/N, got {value!r}")
    return k, n


def shard_of(path: Path, count: int) -> int:
    """The shard (1-based) a record belongs to: fixed by its path, so it stays put as records are added."""
    from drafting.manifest import record_key

    return int(hashlib.sha256(record_key(path).encode("utf-8")).hexdigest(), 16) % count + 1


def select_shard(paths: Iterable[Path], index: int, count: int) -> list[Path]:
    """The records of shard ``index`` of ``count``; every record is in exactly one shard."""
    return [p for p in paths if shard_of(p, count) == index]


@dataclass
class Outcome:
    """What happened to one record, in a form that crosses process boundaries."""

    source: str
    outputs: dict[str, str] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why it failed
    warnings: list[Problem] = field(default_factory=list)  # reported, but the record was built
    findings: bool = False  # it failed for findings (a DOCX's numbering errors), not as bad input
    crash: str | None = None
    trace: str | None = None
    seconds: float = 0.0
    skipped: bool = False

    @property
    def ok(self) -> bool:
        """True when every requested output was written and checked."""
        return not self.problems and self.crash is None


_building = False  # in a worker: a record is being built (a signal then unwinds it, see below)


def build_one(path: Path, options: RenderOptions, pdf_stage: PdfStage | None = None) -> Outcome:
    """Build one record and say what happened; never raises for a bad record."""
    global _building
    _building = True
    try:
        return _build_one(path, options, pdf_stage)
    finally:
        _building = False


def _build_one(path: Path, options: RenderOptions, pdf_stage: PdfStage | None) -> Outcome:
    from drafting.build import NumberingError, build_file

    start = time.perf_counter()
    outcome = Outcome(str(path))
    try:
        result = build_file(path, options, pdf_stage)
        outcome.outputs = {kind: str(target) for kind, target in result.outputs.items()}
        outcome.inputs = [str(p) for p in result.inputs]
        outcome.warnings = list(result.warnings)
    except DraftingError as error:
        outcome.problems = list(error.problems)
        outcome.findings = isinstance(error, NumberingError)
    except Exception as error:  # noqa: BLE001 - one crash must not hide the other records
        outcome.crash = f"{path}: internal error: {type(error).__name__}: {error}"
        outcome.trace = traceback.format_exc()
    outcome.seconds = time.perf_counter() - start
    return outcome


def _leave_signals_to_the_parent() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the workers); SIGTERM ends the worker
    through every ``finally`` (temporary files removed), quietly."""
    import signal

    def end(signum: int, frame: object) -> None:
        if not _building:  # loading, or idle: nothing to clean up, and nothing to say
            os._exit(128 + signum)
        raise SystemExit(128 + signum)

    # A worker that took Ctrl-C itself could die holding the task queue's lock, and the pool would
    # then wait for it for ever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, end)
    signal.signal(signal.SIGHUP, end)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held by the parent while it forked us


# Ctrl-C goes to the whole process group. A worker forked with the parent's handler would take it
# as KeyboardInterrupt until its initializer ignores it (a traceback, "Exception in initializer"),
# so the parent blocks it while it starts workers: they begin with it blocked, ignore it, then
# unblock it; the parent then receives any Ctrl-C that came meanwhile.
_HELD = {signal.SIGINT}


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C (blocked, not lost) while worker processes are started."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _warm_worker() -> None:
    _leave_signals_to_the_parent()
    from drafting.loader import load_build

    load_build()


def _warm_pdf_helper() -> None:
    _leave_signals_to_the_parent()
    from drafting.loader import load_weasyprint

    import drafting.build  # noqa: F401
    import drafting.pdf  # noqa: F401

    load_weasyprint()


def _pool_context() -> BaseContext:
    import multiprocessing

    # fork: a worker starts from this process's memory instead of re-running the interpreter;
    # macOS and Windows cannot fork safely and spawn instead.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _run_pool(paths: list[Path], options: RenderOptions, workers: int) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_warm_worker)
    try:
        with _interrupts_held():  # the pool forks its workers as tasks are submitted
            futures = {pool.submit(build_one, path, options): path for path in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool as error:
                yield Outcome(str(futures[future]), crash=f"{futures[future]}: internal error: a build worker died: {error}")
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: stop the workers now rather than wait for their
        # records; each removes its temporary files as it ends.
        stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def stop_workers(pool: object, grace: float = 2.0) -> None:
    """End a process pool's workers, so that shutting it down cannot wait on them.

    SIGTERM first: a worker unwinds and removes its temporary files. One still alive after
    ``grace`` seconds (blocked flushing a result nobody reads any more) is killed; a temporary file
    it leaves is removed by the next build of the same output (drafting.output).
    """
    import time

    processes = [p for p in list(getattr(pool, "_processes", {}).values()) if p.is_alive()]
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)


def _run_with_pdf_helper(path: Path, options: RenderOptions) -> Outcome:
    from concurrent.futures import ProcessPoolExecutor

    from drafting.build import typeset_pdf

    with ProcessPoolExecutor(max_workers=1, mp_context=_pool_context(), initializer=_warm_pdf_helper) as helper:
        # The pool starts its process on the first task: start it now, so that it loads
        # WeasyPrint while this process does everything before the PDF.
        with _interrupts_held():
            helper.submit(int)

        def stage(*args: object) -> None:
            helper.submit(typeset_pdf, *args).result()

        try:
            return build_one(path, options, stage)
        except BaseException:
            stop_workers(helper)
            raise


class Progress:
    """Reports a batch: a redrawn bar on a terminal, plain lines in a CI log; outputs on stdout, problems on stderr."""

    def __init__(self, total: int, *, verbose: bool = False, quiet: bool = False, out: TextIO | None = None,
                 err: TextIO | None = None, tty: bool | None = None) -> None:
        self.total = total
        self.verbose = verbose
        self.quiet = quiet  # -q: problems only, no result lines, no bar, no totals
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.tty = (self.err.isatty() if tty is None else tty) and not quiet
        self.start = time.perf_counter()
        self.done = self.failed = self.skipped = self.built = 0
        self._bar_shown = False

    def _line(self, stream: TextIO, text: str) -> None:
        self._clear()
        stream.write(text + "\n")
        stream.flush()

    def _clear(self) -> None:
        if self._bar_shown:
            self.err.write("\r\x1b[2K")
            self._bar_shown = False

    def _draw(self) -> None:
        if not self.tty or self.done >= self.total:
            return
        width = 24
        filled = round(width * self.done / self.total) if self.total else width
        elapsed = time.perf_counter() - self.start
        worked = self.done - self.skipped
        left = ""
        if worked:
            seconds = elapsed / worked * (self.total - self.done)
            left = f" · about {int(seconds // 60)}:{int(seconds % 60):02d} left"
        failed = f" · {self.failed} failed" if self.failed else ""
        self.err.write(f"\r\x1b[2K[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} records{failed}{left}")
        self.err.flush()
        self._bar_shown = True

    def begin(self) -> None:
        """Show the empty bar (terminal only)."""
        self._draw()

    def report(self, outcome: Outcome) -> None:
        """Print what one record produced or why it failed, then redraw the bar."""
        self.done += 1
        for warning in outcome.warnings:
            self._line(self.err, str(warning))
        if outcome.skipped:
            self.skipped += 1
            if not self.quiet:
                self._line(self.out, f"{outcome.source}: up to date")
        elif outcome.ok:
            self.built += 1
            for output in outcome.outputs.values() if not self.quiet else ():
                self._line(self.out, f"{outcome.source} -> {output}")
        else:
            self.failed += 1
            for problem in outcome.problems:
                self._line(self.err, str(problem))
            if outcome.crash:
                if self.verbose and outcome.trace:
                    self._line(self.err, outcome.trace.rstrip())
                self._line(self.err, outcome.crash + ("" if self.verbose else " (run with -v for the traceback)"))
        self._draw()

    def finish(self, note: str = "") -> None:
        """Print the totals on one line."""
        self._clear()
        if not self.quiet and (self.total > 1 or self.skipped or note):
            elapsed = time.perf_counter() - self.start
            parts = [f"{self.built} built", f"{self.skipped} up to date", f"{self.failed} failed"]
            self._line(self.err, f"{note}{self.total} record{'s' if self.total != 1 else ''}: {', '.join(parts)} in {elapsed:.1f} s")


def special_file_problems(path: Path) -> list[Problem]:
    """Why a folder, device, socket or named pipe cannot be built (empty for a regular file)."""
    from drafting.filetype import refuse_special

    try:
        refuse_special(path, "build")
    except DraftingError as error:
        return list(error.problems)
    return []


def build_records(paths: list[Path], options: RenderOptions, progress: Progress, *, jobs: int | None = None,
                  force: bool = False) -> list[Outcome]:
    """Build every record not already up to date; report each as it finishes; return what happened to each."""
    from drafting.build import output_clashes
    from drafting.manifest import Manifest, environment_digest

    manifest = Manifest.load(options.output_dir, environment_digest(options.formats, options.pdf_variant))
    progress.begin()
    todo = []
    done: list[Outcome] = []
    # Built in parallel, one would silently replace the other's files (and each rebuild the other's).
    clashes = output_clashes(paths, options)
    for path in paths:
        refused = special_file_problems(path)  # before the manifest reads it: a pipe or a device would hang
        if str(path) in clashes or refused:
            done.append(Outcome(str(path), problems=refused or [clashes[str(path)]]))
            progress.report(done[-1])
        elif not force and manifest.is_current(path):
            done.append(Outcome(str(path), skipped=True))
            progress.report(done[-1])
        else:
            todo.append(path)
    workers = min(jobs or available_cpus(), len(todo))
    if workers >= 2:
        outcomes: Iterable[Outcome] = _run_pool(todo, options, workers)
    elif todo and jobs is None and "pdf" in options.formats and spare_cpu():
        outcomes = [_run_with_pdf_helper(todo[0], options)]
    else:
        outcomes = (build_one(path, options) for path in todo)
    try:
        for outcome in outcomes:
            done.append(outcome)
            progress.report(outcome)
            if outcome.ok:
                manifest.remember(Path(outcome.source), [Path(p) for p in outcome.inputs],
                                  [Path(p) for p in outcome.outputs.values()])
            else:
                manifest.forget(Path(outcome.source))
    finally:
        manifest.save()
    return done
