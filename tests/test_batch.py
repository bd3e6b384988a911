"""Building many records: shards, the worker pool, the PDF helper process, progress reporting."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from drafting.batch import Outcome, Progress, parse_shard, select_shard, shard_of
from drafting.cli import main
from drafting.manifest import MANIFEST_NAME

RECORD = """\
style: itu
language: en
original_language: en
body: Council
symbol: C26/{n}-E
date: 2026-06-16
meeting: {{number: {n}, title: SUMMARY RECORD OF MEETING {n}, date: 2026-06-09}}
agenda: [{{title: Opening}}, {{title: Budget}}]
sections:
  - paragraphs: [Meeting {n} was opened by the Chair.]
  - paragraphs: [The secretariat presented the budget of meeting {n}., It was so agreed in meeting {n}.]
"""


def write_records(folder: Path, count: int) -> list[Path]:
    """Write ``count`` small valid records, each with its own texts."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"c26-{n}.en.yaml"
        path.write_text(RECORD.format(n=n), encoding="utf-8")
        paths.append(path)
    return paths


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST_NAME) if folder.exists() else []


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True).stdout


# --------------------------------------------------------------------------- shards

@pytest.mark.parametrize("value, expected", [("1/1", (1, 1)), ("2/3", (2, 3)), (" 3 / 3 ", (3, 3))])
def test_shard_accepts_k_of_n(value: str, expected: tuple[int, int]) -> None:
    assert parse_shard(value) == expected


@pytest.mark.parametrize("value", ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", ""])
def test_shard_rejects_what_is_not_k_of_n(value: str) -> None:
    with pytest.raises(ValueError, match="K/N"):
        parse_shard(value)


def test_bad_shard_is_a_usage_error(tmp_path: Path) -> None:
    [record] = write_records(tmp_path, 1)
    result = run("build", record, "--shard", "4/3", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "--shard" in result.output and "1 <= K <= N" in result.output
    assert not (tmp_path / "out").exists()


def test_shards_partition_the_records_whatever_the_order() -> None:
    paths = [Path(f"records/r{n}.{lang}.yaml") for n in range(40) for lang in ("en", "fr", "zh")]
    parts = [select_shard(paths, k, 4) for k in range(1, 5)]
    assert sorted(p for part in parts for p in part) == sorted(paths), "every record in exactly one shard"
    assert all(parts), "120 records over 4 shards: none empty"
    assert select_shard(list(reversed(paths)), 2, 4) == list(reversed(parts[1]))
    # A record keeps its shard when others are added (a shard's cache stays warm).
    assert [shard_of(p, 4) for p in paths] == [shard_of(p, 4) for p in paths + [Path("records/new.en.yaml")]][:-1]


def test_three_shard_jobs_build_each_record_exactly_once(tmp_path: Path) -> None:
    records = write_records(tmp_path / "records", 7)
    built: list[str] = []
    for k in (1, 2, 3):
        out = tmp_path / f"job{k}"
        result = run("build", *records, "--to", "docx", "--shard", f"{k}/3", "-o", out)
        assert result.exit_code == 0, result.output
        assert f"shard {k}/3: " in result.output
        built += outputs(out)
    assert sorted(built) == sorted(f"{p.name.removesuffix('.yaml')}.docx" for p in records)


# --------------------------------------------------------------------------- the pool

def test_pool_builds_every_record_and_reports_the_bad_one(tmp_path: Path) -> None:
    records = write_records(tmp_path / "records", 3)
    bad = tmp_path / "records" / "bad.en.yaml"
    bad.write_text(RECORD.format(n=9).replace("date: 2026-06-16", "date: 16 June 2026"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", *records, bad, "-j", "2", "-o", out)
    assert result.exit_code == 2, result.output
    assert re.search(rf"{re.escape(str(bad))}:6:7: date: expected a date written YYYY-MM-DD", result.output), result.output
    assert outputs(out) == sorted(f"c26-{n}.en.{kind}" for n in (1, 2, 3) for kind in ("docx", "html", "pdf"))
    for n in (1, 2, 3):
        assert f"{records[n - 1]} -> {out / f'c26-{n}.en.pdf'}" in result.output
        paragraphs = [p.text for p in docx.Document(str(out / f"c26-{n}.en.docx")).paragraphs]
        assert f"2.1\tThe secretariat presented the budget of meeting {n}." in paragraphs
        assert f"It was so agreed in meeting {n}." in " ".join(pdf_text(out / f"c26-{n}.en.pdf").split())
    assert "4 records: 3 built, 0 up to date, 1 failed" in result.output


def test_without_a_spare_cpu_one_record_builds_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafting.batch

    monkeypatch.setattr(drafting.batch, "spare_cpu", lambda: False)
    monkeypatch.setattr(drafting.batch, "_run_with_pdf_helper", lambda *a: pytest.fail("helper started on a busy machine"))
    [record] = write_records(tmp_path, 1)
    assert run("build", record, "-o", tmp_path / "out").exit_code == 0


@pytest.fixture()
def helper_used(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make the default build use the PDF helper process (as on an idle machine); list the records it built."""
    import drafting.batch

    used: list[Path] = []
    real = drafting.batch._run_with_pdf_helper

    def spy(path: Path, options: object) -> Outcome:
        used.append(path)
        return real(path, options)  # type: ignore[arg-type]

    monkeypatch.setattr(drafting.batch, "spare_cpu", lambda: True)
    monkeypatch.setattr(drafting.batch, "_run_with_pdf_helper", spy)
    return used


def test_one_record_builds_with_the_pdf_in_a_helper_process(tmp_path: Path, helper_used: list[Path]) -> None:
    [record] = write_records(tmp_path, 1)
    result = run("build", record, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert helper_used == [record]
    assert "Meeting 1 was opened by the Chair." in " ".join(pdf_text(tmp_path / "out" / "c26-1.en.pdf").split())


def test_pdf_failure_in_the_helper_process_reaches_the_user(tmp_path: Path, helper_used: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # A character no installed font has: WeasyPrint warns, and the build must fail on it,
    # even though the PDF is typeset in another process. (Validation names such a character
    # first; it is told here that it cannot see the fonts, so that the PDF stage's guard is tested.)
    monkeypatch.setattr("drafting.fonts.installed_coverage", lambda: None)
    [record] = write_records(tmp_path, 1)
    record.write_text(record.read_text(encoding="utf-8").replace("opened by the Chair", "opened \U000f0001 here"), encoding="utf-8")
    result = run("build", record, "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert "c26-1.en.pdf: WeasyPrint:" in result.output, result.output
    assert "Traceback" not in result.output
    assert "c26-1.en.pdf" not in outputs(tmp_path / "out")
    assert helper_used == [record]


def test_a_crash_on_one_record_does_not_stop_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafting.build

    records = write_records(tmp_path, 2)
    real = drafting.build.build_file

    def flaky(path: Path, *args: object, **kwargs: object) -> object:
        if path.name.startswith("c26-1."):
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(drafting.build, "build_file", flaky)
    result = run("build", *records, "-j", "1", "--to", "docx", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{records[0]}: internal error: RuntimeError: boom (run with -v for the traceback)" in result.output
    assert outputs(tmp_path / "out") == ["c26-2.en.docx"]
    verbose = CliRunner().invoke(main, ["-v", "build", *map(str, records), "-j", "1", "--to", "docx", "-o", str(tmp_path / "v")])
    assert "Traceback (most recent call last)" in verbose.output and "RuntimeError: boom" in verbose.output


# --------------------------------------------------------------------------- progress

def test_progress_on_a_terminal_is_a_bar_with_failures_and_time_left() -> None:
    out, err = io.StringIO(), io.StringIO()
    progress = Progress(3, out=out, err=err, tty=True)
    progress.begin()
    progress.report(Outcome("a.yaml", outputs={"pdf": "build/a.pdf"}, seconds=1.0))
    progress.report(Outcome("b.yaml", problems=["b.yaml:3:1: date: expected a date"]))
    assert "\r\x1b[2K[################--------] 2/3 records · 1 failed · about 0:0" in err.getvalue()
    assert "left" in err.getvalue()
    progress.report(Outcome("c.yaml", skipped=True))
    progress.finish()
    assert out.getvalue() == "a.yaml -> build/a.pdf\nc.yaml: up to date\n"
    assert err.getvalue().endswith("\r\x1b[2K3 records: 1 built, 1 up to date, 1 failed in 0.0 s\n")


def test_progress_in_a_ci_log_is_plain_lines() -> None:
    out, err = io.StringIO(), io.StringIO()
    progress = Progress(2, out=out, err=err, tty=False)
    progress.begin()
    progress.report(Outcome("a.yaml", outputs={"docx": "build/a.docx", "pdf": "build/a.pdf"}))
    progress.report(Outcome("b.yaml", crash="b.yaml: internal error: OSError: disk full"))
    progress.finish("shard 1/2: ")
    assert out.getvalue() == "a.yaml -> build/a.docx\na.yaml -> build/a.pdf\n"
    assert err.getvalue() == ("b.yaml: internal error: OSError: disk full (run with -v for the traceback)\n"
                              "shard 1/2: 2 records: 1 built, 0 up to date, 1 failed in 0.0 s\n")
    assert "\r" not in err.getvalue() + out.getvalue()


def test_records_that_would_overwrite_each_other_are_refused(tmp_path: Path) -> None:
    [first] = write_records(tmp_path / "a", 1)
    [second] = write_records(tmp_path / "b", 1)
    [other] = write_records(tmp_path / "c", 2)[1:]
    result = run("build", first, second, other, "--to", "docx", "-o", tmp_path / "out")
    assert result.exit_code == 2
    clash = f"{first}, {second} both would write {tmp_path / 'out' / 'c26-1.en.docx'}: one record would be lost"
    assert f"{first}: {clash}" in result.output and f"{second}: {clash}" in result.output
    assert outputs(tmp_path / "out") == ["c26-2.en.docx"]


def test_a_record_named_twice_is_built_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [record] = write_records(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    result = run("build", record.name, f"./{record.name}", record, "--to", "docx", "-o", "out")
    assert result.exit_code == 0, result.output
    assert result.output == f"{record.name} -> out/c26-1.en.docx\n"


def test_an_empty_shard_builds_nothing_and_succeeds(tmp_path: Path) -> None:
    [record] = write_records(tmp_path, 1)
    mine = shard_of(record, 2)
    empty = 3 - mine
    result = run("build", record, "--shard", f"{empty}/2", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.output == f"shard {empty}/2: 0 records: 0 built, 0 up to date, 0 failed in 0.0 s\n"
    assert not (tmp_path / "out").exists()
