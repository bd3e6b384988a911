"""Loading the heavy libraries of a build once per process, and fast.

``import weasyprint`` opens pango, harfbuzz and fontconfig through cffi, trying several names
for each library; every name that is not a file path goes through ``ctypes.util.find_library``,
which on Linux runs ``ldconfig -p``, then ``gcc`` and ``ld`` for each miss — about 0.25 s of
subprocesses before WeasyPrint can typeset anything. While WeasyPrint loads, the lookups are
answered from one ``ldconfig -p`` listing instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterator

# ctypes.util's own table: which ldconfig ABI tag belongs to this interpreter.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _abi_tag() -> str:
    machine = os.uname().machine + ("-64" if sys.maxsize > 2**32 else "-32")
    return _ABI.get(machine, "libc6")


@lru_cache(maxsize=1)
def _ldconfig_sonames() -> tuple[str, ...]:
    """The sonames in the dynamic linker's cache for this interpreter's ABI, in ldconfig's order."""
    ldconfig = next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None) or shutil.which("ldconfig")
    if not sys.platform.startswith("linux") or ldconfig is None:
        return ()
    listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False,
                             env={**os.environ, "LC_ALL": "C", "LANG": "C"}).stdout
    abi = _abi_tag()
    names = []
    for line in listing.splitlines()[1:]:
        soname, _, rest = line.strip().partition(" (")
        if rest.startswith(abi):
            names.append(soname)
    return tuple(names)


def cached_find_library(name: str, fallback: Callable[[str], str | None]) -> str | None:
    """Answer ``ctypes.util.find_library(name)`` from the ldconfig listing; ask ``fallback`` when it cannot."""
    prefix = f"lib{name}."
    for soname in _ldconfig_sonames():
        if soname.startswith(prefix):
            return soname
    # Libraries outside the linker's cache are found by ctypes' slower ways (gcc, ld -L).
    return fallback(name) if os.environ.get("LD_LIBRARY_PATH") or not _ldconfig_sonames() else None


@contextmanager
def _fast_library_lookup() -> Iterator[None]:
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: cached_find_library(name, original)
    try:
        yield
    finally:
        ctypes.util.find_library = original


_loading = threading.Lock()


def load_weasyprint() -> None:
    """Import WeasyPrint (once per process), finding its native libraries without subprocesses per name."""
    with _loading:  # one thread patches ctypes at a time
        if "weasyprint.text.ffi" in sys.modules:
            return
        _load()


def _load() -> None:
    with _fast_library_lookup():
        import weasyprint  # noqa: F401
        import weasyprint.text.ffi  # noqa: F401  (the dlopen calls happen here)


def load_build() -> None:
    """Import every stage of a build, so that a worker pays for it once, before its first record."""
    import drafting.build  # noqa: F401
    import drafting.html  # noqa: F401
    import drafting.pdf  # noqa: F401
    import drafting.validation
    import drafting.word  # noqa: F401

    drafting.validation._validator()  # noqa: SLF001 - builds the schema validator once
    load_weasyprint()
