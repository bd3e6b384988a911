"""Writing output files atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def publish(destination: Path, write: Callable[[Path], None], verify: Callable[[Path], None] = lambda _: None) -> None:
    """Write to a temporary file beside ``destination``, verify it, then move it into place."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    # A rewritten file keeps its permissions; a new one gets the usual ones (mkstemp's are 0600).
    mode = destination.stat().st_mode & 0o7777 if destination.exists() else 0o666 & ~_umask()
    handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=destination.suffix + ".tmp", dir=destination.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        verify(temporary)
        with open(temporary, "rb") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: str | Path, data: bytes) -> None:
    """Replace a file's content in one step."""
    publish(Path(path), lambda temporary: temporary.write_bytes(data))
