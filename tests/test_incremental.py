"""Incremental builds: a record whose inputs have not changed is not rebuilt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from drafting.cli import main
from drafting.manifest import MANIFEST_NAME, environment_digest

RECORD = """\
style: itu
language: en
original_language: en
body: Council
symbol: C26/1-E
date: 2026-06-16
meeting: {number: 1, title: SUMMARY RECORD, date: 2026-06-09}
agenda: [{title: Opening}]
sections: [{paragraphs: [The meeting opened., The agenda was adopted.]}]
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["build", *(str(a) for a in args)], catch_exceptions=False)


def rebuilt(result: Result) -> bool:
    """True when the build wrote its outputs again."""
    return result.exit_code == 0 and " -> " in result.output and "up to date" not in result.output


def stamps(folder: Path) -> dict[str, int]:
    """Modification times of the outputs: a skipped record leaves them untouched."""
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name != MANIFEST_NAME}


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A record built once to DOCX and HTML; returns (record, output folder)."""
    record = tmp_path / "c26.en.yaml"
    record.write_text(RECORD, encoding="utf-8")
    out = tmp_path / "out"
    result = run(record, "--to", "docx,html", "-o", out)
    assert result.exit_code == 0, result.output
    return record, out


def test_second_build_of_an_unchanged_record_renders_nothing(built: tuple[Path, Path]) -> None:
    record, out = built
    before = stamps(out)
    result = run(record, "--to", "docx,html", "-o", out)
    assert result.exit_code == 0
    assert result.output == f"{record}: up to date\n1 record: 0 built, 1 up to date, 0 failed in 0.0 s\n"
    assert stamps(out) == before


def test_manifest_lists_inputs_and_outputs_by_content_hash(built: tuple[Path, Path]) -> None:
    record, out = built
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    [entry] = manifest["records"].values()
    assert sorted(entry["outputs"]) == ["c26.en.docx", "c26.en.html"]
    assert all(len(digest) == 64 for digest in [*entry["inputs"].values(), *entry["outputs"].values()])
    assert entry["environment"] == environment_digest(("docx", "html"), None)


def test_an_edited_record_is_rebuilt(built: tuple[Path, Path]) -> None:
    record, out = built
    record.write_text(RECORD.replace("The agenda was adopted.", "The agenda was adopted as amended."), encoding="utf-8")
    result = run(record, "--to", "docx,html", "-o", out)
    assert f"{record} -> {out / 'c26.en.html'}" in result.output
    assert "adopted as amended" in (out / "c26.en.html").read_text(encoding="utf-8")


def test_a_touched_but_unchanged_record_is_not_rebuilt(built: tuple[Path, Path]) -> None:
    record, out = built
    record.write_text(record.read_text(encoding="utf-8"), encoding="utf-8")  # new mtime, same bytes
    assert "up to date" in run(record, "--to", "docx,html", "-o", out).output


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_a_missing_or_edited_output_is_rebuilt(built: tuple[Path, Path], damage: str) -> None:
    record, out = built
    html = out / "c26.en.html"
    original = html.read_bytes()
    if damage == "delete":
        html.unlink()
    else:
        html.write_bytes(original.replace(b"The meeting opened.", b"The meeting closed."))
    result = run(record, "--to", "docx,html", "-o", out)
    assert rebuilt(result)
    assert html.read_bytes() == original


def test_other_options_or_force_rebuild(built: tuple[Path, Path]) -> None:
    record, out = built
    assert rebuilt(run(record, "--to", "docx", "-o", out))
    assert rebuilt(run(record, "--to", "docx", "-o", out, "--force"))
    assert "up to date" in run(record, "--to", "docx", "-o", out).output


def test_a_changed_logo_rebuilds_the_record_that_names_it(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (0, 90, 160)).save(logo)
    record = tmp_path / "r.en.yaml"
    record.write_text(RECORD.replace("date: 2026-06-16\n", "date: 2026-06-16\nlogo: logo.png\n"), encoding="utf-8")
    out = tmp_path / "out"
    assert run(record, "--to", "docx", "-o", out).exit_code == 0
    assert "up to date" in run(record, "--to", "docx", "-o", out).output
    Image.new("RGB", (300, 120), (200, 0, 0)).save(logo)
    assert rebuilt(run(record, "--to", "docx", "-o", out))


def test_a_changed_template_or_stylesheet_rebuilds_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafting.resources

    copy = tmp_path / "templates"
    shutil.copytree(drafting.resources.resource_dir("templates"), copy)
    real = drafting.resources.resource_dir
    monkeypatch.setattr(drafting.resources, "resource_dir", lambda name: copy if name == "templates" else real(name))
    before = environment_digest(("docx", "html", "pdf"), None)
    assert environment_digest(("docx", "html", "pdf"), None) == before
    (copy / "record.css").write_text((copy / "record.css").read_text(encoding="utf-8") + "\np { color: black; }\n", encoding="utf-8")
    assert environment_digest(("docx", "html", "pdf"), None) != before
    assert environment_digest(("docx", "html"), None) != environment_digest(("docx", "html", "pdf"), None)
    assert environment_digest(("docx",), "pdf/ua-1") != environment_digest(("docx",), None)


def test_a_failed_build_is_not_remembered(tmp_path: Path) -> None:
    record = tmp_path / "c26.en.yaml"
    record.write_text(RECORD.replace("date: 2026-06-16", "date: 16 June"), encoding="utf-8")
    out = tmp_path / "out"
    assert run(record, "--to", "docx", "-o", out).exit_code == 2
    assert not out.exists() or not list(out.iterdir()), "a failed build leaves nothing behind, not even a manifest"
    record.write_text(RECORD, encoding="utf-8")
    assert rebuilt(run(record, "--to", "docx", "-o", out))
    record.write_text(RECORD.replace("date: 2026-06-16", "date: 16 June"), encoding="utf-8")
    assert run(record, "--to", "docx", "-o", out).exit_code == 2
    record.write_text(RECORD, encoding="utf-8")
    # The same content as the last good build, but that entry was dropped when the build failed.
    assert rebuilt(run(record, "--to", "docx", "-o", out))


def test_an_unreadable_manifest_means_a_full_build(built: tuple[Path, Path]) -> None:
    record, out = built
    (out / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert rebuilt(run(record, "--to", "docx,html", "-o", out))
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["format"] == 1
