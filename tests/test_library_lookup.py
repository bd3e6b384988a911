"""WeasyPrint's native libraries are found from one ldconfig listing, with the answers ctypes would give."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from drafting.loader import cached_find_library


@pytest.mark.parametrize("name", ["c", "m", "gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig"])
def test_cached_lookup_answers_as_ctypes_does(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    expected = ctypes.util.find_library(name)
    assert expected, f"lib{name} should be installed on this machine"
    assert cached_find_library(name, lambda n: pytest.fail("fell back for an installed library")) == expected


def test_a_missing_library_costs_no_subprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    cached_find_library("c", lambda n: None)  # the listing is read once, before subprocesses are forbidden
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail("a subprocess for a missing library"))
    for name in ("libgobject-2.0-0", "gobject-2.0-0", "harfbuzz-vector", "no-such-library-anywhere"):
        assert cached_find_library(name, lambda n: pytest.fail("fell back")) is None


def test_libraries_outside_the_linker_cache_are_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/private/lib")
    asked: list[str] = []
    assert cached_find_library("private-thing", lambda n: asked.append(n) or "libprivate-thing.so.1") == "libprivate-thing.so.1"
    assert asked == ["private-thing"]


def test_weasyprint_loads_and_ctypes_is_left_as_it_was() -> None:
    code = ("import ctypes.util; before = ctypes.util.find_library\n"
            "from drafting.loader import load_weasyprint; load_weasyprint()\n"
            "import weasyprint.text.ffi as ffi\n"
            "assert ctypes.util.find_library is before\n"
            "assert ffi.pango.pango_version() > 0 and ffi.harfbuzz_subset is not None\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
