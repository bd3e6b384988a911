"""A folder, a device, a socket or a named pipe given as an input never hangs a command.

Devices, sockets and folders are refused before anything is read (exit 2, the path named).
A named pipe (what a shell's ``<(command)`` is) is read once, bounded, by the commands that read
an input once (validate, lint), as standard input is; a pipe nobody writes to is an error after
a second, not a hang. Commands that read an input more than once or write it back (build,
renumber, import, align) refuse a pipe and say to use ``-``.

Also here: nesting deeper than libyaml's own limit (1,000) is located at the first level over
ours, with the words of every other nesting error.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from drafting.limits import LIMITS

DRAFTING = [sys.executable, "-m", "drafting"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vc15-1.en.yaml"
WALL = 60  # a hang fails here instead of blocking the suite


def run(*args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess:
    proc = subprocess.run([*DRAFTING, *args], cwd=cwd, capture_output=True, text=True, timeout=WALL, stdin=stdin, check=False)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def special(tmp_path: Path, kind: str) -> str:
    """Make a folder, socket or named pipe in ``tmp_path`` (or name a device); return the name to pass."""
    if kind == "device":
        return "/dev/zero"
    path = tmp_path / f"{kind}.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))  # left bound: the test's folder is removed afterwards
    return path.name


COMMANDS = {
    "validate": ["validate"],
    "lint": ["lint"],
    "build": ["build", "-o", "out"],
    "renumber": ["renumber", "--check"],
    "import": ["import", "-o", "imported.yaml"],
    "align": ["align", str(EXAMPLE)],
}
WORDS = {"device": "is a device, not a file", "folder": "is a folder, not a file", "socket": "is a socket, not a file"}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_device_folder_or_socket_is_refused_before_reading(tmp_path: Path, command: str) -> None:
    names = {kind: special(tmp_path, kind) for kind in WORDS}
    # Commands that take several files get all three at once: each is refused, none stops the others
    # (align stops at click's check of a folder, import takes one file).
    runs = [[*names.values()]] if command not in ("import", "align") else [[name] for name in names.values()]
    stderr = ""
    for files in runs:
        proc = run(*COMMANDS[command], *files, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        stderr += proc.stderr
    for kind, name in names.items():
        if (command, kind) == ("align", "folder"):  # click's own check of align's paths comes first
            assert f"'{name}' is a directory" in stderr, stderr
        else:
            assert f"{name}: this {WORDS[kind]}" in stderr, stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("command", ["build", "renumber", "import", "align"])
def test_a_named_pipe_is_refused_by_commands_that_read_twice(tmp_path: Path, command: str) -> None:
    name = special(tmp_path, "pipe")
    proc = run(*COMMANDS[command], name, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert f"{name}: this is a named pipe, not a file: {command} needs a file it can read more than once" in proc.stderr
    assert "or - for standard input" in proc.stderr


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_named_pipe_without_a_writer_is_an_error_not_a_hang(tmp_path: Path, command: str) -> None:
    name = special(tmp_path, "pipe")
    proc = run(command, name, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert f"{name}: this named pipe had nothing writing to it" in proc.stderr


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_named_pipe_with_a_writer_is_read_once_like_standard_input(tmp_path: Path, command: str) -> None:
    name = special(tmp_path, "pipe")
    child = subprocess.Popen([*DRAFTING, command, name], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with open(tmp_path / name, "wb") as writer:  # opens once the command has opened its end
        writer.write(EXAMPLE.read_bytes())
    out, err = child.communicate(timeout=WALL)
    assert child.returncode == 0, err
    if command == "lint":  # read as the record its content is, not as typed text
        assert "11 headings and 49 numbered paragraphs read; 0 errors" in out


def test_process_substitution_is_read_like_a_file(tmp_path: Path) -> None:
    script = f"{' '.join(DRAFTING)} lint <(cat {EXAMPLE}) && {' '.join(DRAFTING)} validate <(cat {EXAMPLE})"
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=WALL, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "49 numbered paragraphs read; 0 errors" in proc.stdout


def test_an_endless_pipe_stops_at_the_size_limit(tmp_path: Path) -> None:
    proc = subprocess.run(["bash", "-c", f"{' '.join(DRAFTING)} validate <(yes)"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=WALL, check=False)
    assert proc.returncode == 2, proc.stderr
    assert f"is larger than {LIMITS.file_bytes // (1024 * 1024)} MB" in proc.stderr


@pytest.mark.parametrize(("name", "text", "where"), [
    ("flow1001.yaml", "a: " + "[" * 1001 + "]" * 1001 + "\n", "1:35"),
    ("flow20000.yaml", "a: " + "[" * 20000 + "]" * 20000 + "\n", "1:35"),
    ("json5000.json", '{"a": ' + "[" * 5000 + "]" * 5000 + "}", "1:38"),
    ("block1500.yaml", "a:\n" + "".join("  " * i + f"b{i}:\n" for i in range(1500)) + "  " * 1500 + "x\n", "34:65"),
    ("flow40.yaml", "a: " + "[" * 40 + "]" * 40 + "\n", "1:35"),  # under libyaml's limit: the same place
])
def test_nesting_beyond_libyaml_limit_is_located_at_the_first_level_over_ours(tmp_path: Path, name: str, text: str, where: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    for command in ("validate", "lint"):
        proc = run(command, name, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert f"{name}:{where}: mappings and lists are nested more than {LIMITS.nesting} deep, the limit" in proc.stderr


def test_nesting_message_is_the_same_without_libyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from drafting import source
    from drafting.diagnostics import DraftingError

    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)  # the pure-Python parser and composer
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(DraftingError) as raised:
        source.load_source(path)
    assert [str(p) for p in raised.value.problems] == [f"{path}:1:35: mappings and lists are nested more than {LIMITS.nesting} deep, the limit"]


@pytest.mark.parametrize(("kind", "words"), [("pipe", "a named pipe"), ("folder", "a folder")])
def test_a_logo_that_is_not_a_file_is_refused_not_read(tmp_path: Path, kind: str, words: str) -> None:
    logo = tmp_path / "logo.png"
    os.mkfifo(logo) if kind == "pipe" else logo.mkdir()
    record = tmp_path / "record.yaml"
    record.write_text(EXAMPLE.read_text(encoding="utf-8").replace("\nbody:", "\nlogo: logo.png\nbody:", 1), encoding="utf-8")
    proc = run("validate", "record.yaml", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert re.search(rf"record\.yaml:\d+:7: logo: 'logo\.png' is {words}, not an image file", proc.stderr), proc.stderr
