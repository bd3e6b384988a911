"""Hostile and faulty inputs cannot hurt: every command ends within 10 s and 500 MB, with a located
message and exit status 2 (or a correct result), never a traceback, never a partial or mixed output.

Each input is generated small in the test's folder; the limits are applied to the child process
with setrlimit (data segment and CPU time) and a wall-clock timeout.
"""

from __future__ import annotations

import json
import re
import os
import resource
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document

from drafting.limits import LIMITS

MEMORY = 500 * 1024 * 1024
SECONDS = 10  # of CPU time (RLIMIT_CPU): the machine running the tests may be shared and slow
WALL = 90  # a hang is caught by this wall-clock timeout
DRAFTING = [sys.executable, "-m", "drafting"]

RECORD = """\
style: itu
language: en
original_language: en
body: Council
session: Session 2020
symbol: C20/1-E
date: 2020-06-16
meeting:
  number: 1
  title: SUMMARY RECORD OF THE FIRST MEETING
  date: 2020-06-09
  start: "12:00"
  end: "15:00"
agenda:
  - title: Budget
    documents: [C20/24]
sections:
  - paragraphs:
      - id: pz
        text: The budget was approved.
      - The decision is in [the paragraph on budget](#pz) above.
"""



def outputs_in(folder: Path) -> list[Path]:
    """The files of an output folder, without the incremental builds' manifest."""
    return [p for p in folder.iterdir() if p.name != ".drafting-manifest.json"]

def _limits(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def run(*args: str | Path, cwd: Path, memory: int = MEMORY) -> subprocess.CompletedProcess:
    """Run `drafting ARGS` in a child held to ``memory`` bytes of data and SECONDS of CPU time."""
    proc = subprocess.run([*DRAFTING, *(str(a) for a in args)], cwd=cwd, capture_output=True, text=True,
                          timeout=WALL, preexec_fn=lambda: _limits(memory), check=False)
    assert proc.returncode != -signal.SIGXCPU, f"over {SECONDS} s of CPU time"
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    return proc


def refused(proc: subprocess.CompletedProcess, path: str, *words: str) -> str:
    """Assert exit 2 and a message located at ``path`` (with line:col if given) that says ``words``."""
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith(path + ":")]
    assert lines, proc.stderr
    assert all(word in proc.stderr for word in words), proc.stderr
    return lines[0]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


# --- Unbounded resources ------------------------------------------------------------------------


def billion_laughs(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "bcdefghijk"
    for i in range(levels - 1):
        lines.append(f"{names[i]}: &{names[i]} [" + ",".join([f"*{'a' if i == 0 else names[i - 1]}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["validate", "lint", "build"])
def test_yaml_alias_bomb_is_refused_at_the_anchor(tmp_path: Path, command: str) -> None:
    bomb = write(tmp_path, "bomb.yaml", billion_laughs(9))
    assert bomb.stat().st_size < 1024
    line = refused(run(command, bomb.name, cwd=tmp_path), "bomb.yaml", f"more than {LIMITS.alias_values:,} values")
    assert line.startswith("bomb.yaml:") and line.split(":")[1].isdigit()


def test_a_few_aliases_are_still_fine(tmp_path: Path) -> None:
    record = RECORD.replace("agenda:\n  - title: Budget\n    documents: [C20/24]\n",
                            "agenda:\n  - title: Budget\n    documents: &docs [C20/24, C20/25]\n  - title: Other\n    documents: *docs\n")
    path = write(tmp_path, "aliases.yaml", record)
    assert run("validate", path.name, cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(("name", "text"), [
    ("deep500.yaml", "a: " + "[" * 500 + "]" * 500 + "\n"),
    ("deep999.yaml", "a:\n" + "".join("  " * i + "-\n" for i in range(1, 999))),
    ("deep10000.json", "[" * 10000 + "]" * 10000),
])
def test_deep_nesting_is_a_located_error(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    refused(run("validate", name, cwd=tmp_path), name, f"nested more than {LIMITS.nesting} deep")


def docx_with_big_part(source: Path, dest: Path, megabytes: int, lie: bool = False) -> None:
    """Copy a .docx with `megabytes` MB of spaces inside its document.xml (and, with ``lie``, a header saying 1000 bytes)."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, z.read(info))
                continue
            head, tail = z.read(info).split(b"<w:body>", 1)
            with out.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + b"<w:body>")
                for _ in range(megabytes):
                    part.write(b" " * (1 << 20))
                part.write(tail)
    if lie:
        data = bytearray(dest.read_bytes())
        name, at = b"word/document.xml", 0
        while (at := data.find(name, at + 1)) > 0:
            if data[at - 30:at - 26] == b"PK\x03\x04":
                struct.pack_into("<I", data, at - 30 + 22, 1000)
            elif data[at - 46:at - 42] == b"PK\x01\x02":
                struct.pack_into("<I", data, at - 46 + 24, 1000)
        dest.write_bytes(data)


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A record DOCX built by drafting itself."""
    folder = tmp_path_factory.mktemp("good")
    write(folder, "good.yaml", RECORD)
    proc = run("build", "good.yaml", "--to", "docx", "-o", ".", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return folder / "good.docx"


@pytest.mark.parametrize("lie", [False, True], ids=["bomb", "lying-header"])
@pytest.mark.parametrize("command", [["build", "--to", "html", "-o", "out"], ["lint"]], ids=["build", "lint"])
def test_docx_decompression_bomb_is_refused_while_reading(tmp_path: Path, good_docx: Path, lie: bool, command: list[str]) -> None:
    bomb = tmp_path / "bomb.docx"
    docx_with_big_part(good_docx, bomb, 64, lie)
    assert bomb.stat().st_size < 1024 * 1024
    proc = run(*command, bomb.name, cwd=tmp_path, memory=300 * 1024 * 1024)
    refused(proc, "bomb.docx", "cannot read Word file")
    assert ("larger than" in proc.stderr) or ("damaged" in proc.stderr)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("text", [
    "C20/1-E\n\n1\tBudget" + " " * 1_000_000 + "x (Document C20/1)\n\n1.1\tText.\n",
    "C20/1-E\n\n1\tBudget\n\n1.1\tText\n" + "more words of the same paragraph\n" * 100_000,
], ids=["heading-of-a-million-spaces", "paragraph-of-100k-lines"])
def test_lint_is_linear_on_long_runs(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "long.txt", text)
    proc = run("lint", "--format", "json", path.name, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["files"][0]["path"] == "long.txt"


def test_heading_with_long_spaces_in_word_is_linear(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("C20/1-E")
    document.add_paragraph("1\tBudget" + " " * 200_000 + "(Document C20/1)")
    document.add_paragraph("1.1\tText.")
    document.save(str(tmp_path / "spaces.docx"))
    assert run("lint", "spaces.docx", cwd=tmp_path).returncode in (0, 1)


@pytest.mark.parametrize(("name", "content", "words"), [
    ("big.yaml", None, f"larger than {LIMITS.file_bytes // (1024 * 1024)} MB"),
    ("lines.yaml", "#\n" * (LIMITS.lines + 1), f"more than the limit of {LIMITS.lines:,}"),
    ("long.yaml", RECORD.replace("The budget was approved.", "x" * (LIMITS.paragraph_chars + 1)), f"more than the limit of {LIMITS.paragraph_chars:,}"),
])
def test_records_over_a_limit_are_refused(tmp_path: Path, name: str, content: str | None, words: str) -> None:
    path = tmp_path / name
    if content is None:
        with open(path, "wb") as stream:
            stream.truncate(LIMITS.file_bytes + 1)  # sparse: costs no disk
    else:
        path.write_text(content, encoding="utf-8")
    refused(run("validate", name, cwd=tmp_path), name, words)


def test_readme_states_every_limit() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for what, amount in LIMITS.rows():
        assert f"| {what} | {amount} |" in readme, what


# --- False failures and silent loss -------------------------------------------------------------


def test_link_words_are_kept_with_the_number(tmp_path: Path) -> None:
    write(tmp_path, "links.yaml", RECORD)
    proc = run("build", "links.yaml", "--to", "docx,html", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "The decision is in the paragraph on budget (1.1) above." in docx_text(tmp_path / "out" / "links.docx")
    html = (tmp_path / "out" / "links.html").read_text(encoding="utf-8")
    assert ">the paragraph on budget (1.1)</a>" in html


def test_no_loss_check_sees_link_words_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check compares against the source's words, so a stage that swaps them for a number fails."""
    from click.testing import CliRunner

    import drafting.record
    from drafting.cli import main
    from drafting.markup import Span

    def number_only(spans: list[Span], number_of: object) -> list[Span]:
        return [Span(number_of(s.ref) or "", ref=s.ref) if s.ref else s for s in spans]  # type: ignore[operator]

    monkeypatch.setattr(drafting.record, "resolve", number_only)
    write(tmp_path, "links.yaml", RECORD)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "links.yaml"), "--to", "docx", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "lost text of the record: 'the paragraph on budget'" in result.output
    assert not (tmp_path / "out" / "links.docx").exists()


def test_json_surrogate_pair_escapes_are_read(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(RECORD)
    data["body"] = "Council 𠮷 😀"
    data["date"], data["meeting"]["date"] = "2020-06-16", "2020-06-09"
    data["meeting"]["number"] = "one"  # an error after the escapes: its column must still be right
    text = json.dumps(data)
    assert "\\ud842\\udfb7" in text
    path = write(tmp_path, "r.json", text)
    line = refused(run("validate", path.name, cwd=tmp_path), "r.json", "meeting.number")
    column = text.index('"one"') + 1
    assert line.startswith(f"r.json:1:{column}:")
    data["meeting"]["number"] = 1
    write(tmp_path, "r.json", json.dumps(data))
    assert run("build", "r.json", "--to", "docx", "-o", "out", cwd=tmp_path).returncode == 0
    with zipfile.ZipFile(tmp_path / "out" / "r.docx") as archive:
        assert "Council 𠮷 😀" in archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize(("name", "text", "where"), [
    ("escaped.json", json.dumps({"style": "itu", "body": "A\ufffe"}), "escaped.json:1:26:"),
    ("raw.yaml", RECORD.replace("body: Council", "body: Coun\ufffecil"), "raw.yaml:4:11:"),
])
def test_noncharacter_fffe_is_located(tmp_path: Path, name: str, text: str, where: str) -> None:
    write(tmp_path, name, text)
    proc = run("validate", name, cwd=tmp_path)
    refused(proc, name, "U+FFFE")
    # The record's other problems (a fragment misses required keys) are reported in the same run.
    assert any(line.startswith(where) and "U+FFFE" in line for line in proc.stderr.splitlines()), proc.stderr


# --- Unsafe writes and reads --------------------------------------------------------------------

UNNUMBERED = "C20/1-E\n\n1\tBudget\n\n1.1\tText.\n\n1.3\tMore.\n"


def test_renumber_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    target = write(tmp_path, "record.txt", UNNUMBERED)
    (tmp_path / "link.txt").symlink_to("record.txt")
    assert run("renumber", "link.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert "1.2\tMore." in target.read_text(encoding="utf-8")


def test_renumber_refuses_a_read_only_file(tmp_path: Path) -> None:
    target = write(tmp_path, "record.txt", UNNUMBERED)
    target.chmod(0o444)
    refused(run("renumber", "record.txt", cwd=tmp_path), "record.txt", "read-only")
    assert target.read_text(encoding="utf-8") == UNNUMBERED


def test_failed_rebuild_keeps_the_previous_set_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import drafting.pdf
    from drafting.cli import main
    from drafting.diagnostics import DraftingError, Location, Problem

    source = write(tmp_path, "r.yaml", RECORD)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(source), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in outputs_in(out)}
    assert sorted(before) == ["r.docx", "r.html", "r.pdf"]

    def fail(html: str, destination: Path, **options: object) -> None:
        raise DraftingError([Problem(Location("r.pdf"), "WeasyPrint: a glyph is missing")])

    monkeypatch.setattr(drafting.pdf, "render_pdf", fail)
    write(tmp_path, "r.yaml", RECORD.replace("approved", "rejected"))
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert {p.name: p.read_bytes() for p in outputs_in(out)} == before  # no new DOCX beside the old PDF
    assert leftovers(tmp_path) == []


def test_parallel_builds_into_one_folder_do_not_collide(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD)
    procs = [subprocess.Popen([*DRAFTING, "build", "r.yaml", "--to", "html", "-o", "out"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in results] == [0] * 4, results
    assert sorted(p.name for p in outputs_in(tmp_path / "out")) == ["r.html"]


def big_record(paragraphs: int) -> str:
    rows = "".join(f"      - Paragraph {i} of the record, long enough to take some time to set.\n" for i in range(paragraphs))
    return RECORD.split("sections:")[0] + "sections:\n  - paragraphs:\n" + rows


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_build_exits_128_plus_signal_and_leaves_no_temporary(tmp_path: Path, signum: int, status: int) -> None:
    write(tmp_path, "r.yaml", big_record(1500))
    out = tmp_path / "out"
    proc = subprocess.Popen([*DRAFTING, "build", "r.yaml", "--to", "docx,html", "-o", "out"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (out.exists() and leftovers(out)) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert leftovers(out), "the build never staged a file"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == status, err
    assert "Traceback" not in err and "interrupted" in err
    assert leftovers(tmp_path) == [] and not list(out.iterdir())


@pytest.mark.parametrize("after", [0.5, 1.0, 1.5, 2.0])
def test_interrupted_parallel_build_stops_its_workers_and_exits(tmp_path: Path, after: float) -> None:
    # A worker that took the Ctrl-C itself, or that was stopped while flushing a result, used to
    # leave the pool waiting for ever.
    for i in range(6):
        write(tmp_path, f"r{i}.yaml", RECORD)
    proc = subprocess.Popen([*DRAFTING, "build", *(f"r{i}.yaml" for i in range(6)), "-j", "2", "-o", "out"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)  # never hangs
    assert proc.returncode in (0, 130), err  # 0: it had finished before the signal
    assert "Traceback" not in err
    assert leftovers(tmp_path) == []


def test_temporary_of_a_killed_process_is_removed_by_the_next_build(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".r.docx.4194999.abcd1234.docx.tmp"  # above Linux's highest pid: no such process
    stale.write_bytes(b"half a file")
    assert run("build", "r.yaml", "--to", "docx", "-o", "out", cwd=tmp_path).returncode == 0
    assert not stale.exists()


@pytest.fixture
def logos(tmp_path: Path) -> Path:
    from PIL import Image

    record = tmp_path / "rec"
    record.mkdir()
    Image.new("RGB", (40, 20), "red").save(tmp_path / "secret.png")
    Image.new("RGB", (40, 20), "blue").save(record / "ok.png")
    (record / "link.png").symlink_to("../secret.png")
    (record / "text.png").write_text("not an image", encoding="utf-8")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    (record / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return tmp_path


@pytest.mark.parametrize(("logo", "words"), [
    ("../secret.png", "a path that leads outside the record's folder"),
    ("ABSOLUTE", "an absolute path that leads outside"),
    ("link.png", "a symlink that leads outside"),
    ("text.png", "not a PNG or JPEG image"),
    ("huge.png", "pixels, the limit"),
])
def test_logo_outside_the_folder_or_not_an_image_is_refused(logos: Path, logo: str, words: str) -> None:
    logo = str(logos / "secret.png") if logo == "ABSOLUTE" else logo
    write(logos / "rec", "r.yaml", RECORD + f"logo: {logo}\n")
    line = refused(run("build", "rec/r.yaml", "--to", "docx", "-o", "out", cwd=logos), "rec/r.yaml", words)
    assert line.startswith("rec/r.yaml:22:7:")
    assert not (logos / "out" / "r.docx").exists()


def test_logo_in_a_folder_named_with_allow_read_is_embedded(logos: Path) -> None:
    write(logos / "rec", "r.yaml", RECORD + "logo: ../secret.png\n")
    proc = run("build", "rec/r.yaml", "--to", "docx", "-o", "out", "--allow-read", ".", cwd=logos)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(logos / "out" / "r.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert [archive.read(n) for n in media] == [(logos / "secret.png").read_bytes()]


# --- Located, specific messages -----------------------------------------------------------------


def test_read_only_output_folder(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD)
    (tmp_path / "out").mkdir(mode=0o555)
    refused(run("build", "r.yaml", "--to", "docx", "-o", "out", cwd=tmp_path), "out/r.docx", "not writable")


def test_output_path_that_is_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD)
    (tmp_path / "out" / "r.docx").mkdir(parents=True)
    refused(run("build", "r.yaml", "--to", "docx", "-o", "out", cwd=tmp_path), "out/r.docx", "it is a folder")


def test_file_size_limit_of_the_shell(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD)

    def small_files() -> None:
        _limits(MEMORY)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10 * 1024, 10 * 1024))

    proc = subprocess.run([*DRAFTING, "build", "r.yaml", "--to", "docx", "-o", "out"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=WALL, preexec_fn=small_files, check=False)
    refused(proc, "out/r.docx", "ulimit -f")
    assert leftovers(tmp_path) == []


def test_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from click.testing import CliRunner

    from drafting.cli import main

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    write(tmp_path, "r.yaml", RECORD)
    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "r.yaml"), "--to", "docx", "-o", str(tmp_path / "out")])
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == 2
    assert f"{tmp_path / 'out' / 'r.docx'}: cannot write: no space left on the device" in result.output
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("name", "make", "words"), [
    ("truncated.docx", lambda good: good.read_bytes()[: good.stat().st_size // 2], "damaged or truncated"),
    ("encrypted.docx", lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "encrypted"),
    ("renamed.docx", lambda good: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n", "a PDF file renamed .docx"),
])
def test_word_files_that_cannot_be_built(tmp_path: Path, good_docx: Path, name: str, make, words: str) -> None:
    (tmp_path / name).write_bytes(make(good_docx))
    refused(run("build", name, "--to", "html", "-o", "out", cwd=tmp_path), name, words)


def test_meeting_that_ends_before_it_starts(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD.replace('end: "15:00"', 'end: "11:00"'))
    line = refused(run("validate", "r.yaml", cwd=tmp_path), "r.yaml", "meeting.time_line")
    assert line.startswith("r.yaml:13:8:")


@pytest.mark.parametrize("command", ["validate", "build", "lint"])
def test_a_batch_goes_on_after_an_unreadable_file(tmp_path: Path, command: str) -> None:
    write(tmp_path, "a.yaml", RECORD)
    (tmp_path / "folder.yaml").mkdir()
    write(tmp_path, "z.yaml", RECORD)
    extra = {"build": ["--to", "docx", "-o", "out"], "lint": ["--format", "json"]}.get(command, [])
    proc = run(command, "a.yaml", "folder.yaml", "missing.yaml", "z.yaml", *extra, cwd=tmp_path)
    refused(proc, "folder.yaml", "cannot read")
    assert "missing.yaml: cannot read file" in proc.stderr
    if command == "build":
        assert sorted(p.name for p in outputs_in(tmp_path / "out")) == ["a.docx", "z.docx"]
    if command == "lint":
        report = json.loads(proc.stdout)
        assert [f["path"] for f in report["files"]] == ["a.yaml", "folder.yaml", "missing.yaml", "z.yaml"]
        assert report["summary"]["unreadable"] == 2


def test_unbreakable_token_breaks_inside_the_page(tmp_path: Path) -> None:
    """A 120-character token used to run off the page, and the PDF check then called it lost."""
    token = "C20/" + "x" * 116
    write(tmp_path, "r.yaml", RECORD.replace("The budget was approved.", f"See {token} for the figures."))
    proc = run("build", "r.yaml", "--to", "pdf", "-o", "out", cwd=tmp_path, memory=1024 * 1024 * 1024)
    assert proc.returncode == 0, proc.stderr
    layout = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "out" / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    page_width = float(layout.split('<page width="')[1].split('"')[0])
    right_edges = [float(x) for x in re.findall(r'xMax="([0-9.]+)"', layout)]
    assert max(right_edges) < page_width - 20  # nothing runs into the margin's edge


def test_tab_in_a_signature_role_keeps_the_role_whole(tmp_path: Path) -> None:
    """Found by tests/test_fuzz.py: the signature block's columns are tab-separated."""
    write(tmp_path, "r.yaml", RECORD + 'signatures:\n  - {role: "The\\tChairman", name: A. B}\n')
    proc = run("build", "r.yaml", "--to", "docx,html", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "The Chairman" in (tmp_path / "out" / "r.html").read_text(encoding="utf-8")


def test_lint_report_over_a_read_only_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", RECORD)
    report = write(tmp_path, "report.txt", "old report\n")
    report.chmod(0o444)
    refused(run("lint", "r.yaml", "-o", "report.txt", cwd=tmp_path), "report.txt", "read-only")
    assert report.read_text(encoding="utf-8") == "old report\n"
