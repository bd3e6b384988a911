"""Writing output files safely: atomically, through symlinks, never over a read-only file, and
the outputs of one record together, so that a reader never sees half a file or a mix of revisions.

Each file is written to a temporary file beside its target, named after the target and this
process (``.NAME.PID.RANDOM.SUFFIX.tmp``), checked, then moved into place with ``os.replace``.
The temporary file is removed on every way out (an error, Ctrl-C, SIGTERM: the command line
turns those signals into exceptions); one left by a killed process (SIGKILL, a power cut) is
removed by the next write to the same target once its process is gone.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Callable

from drafting.diagnostics import DraftingError, Location, Problem

# Errors of writing that the user can cause and fix: a full disk, `ulimit -f`, permissions.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EISDIR,
                 errno.ENOTDIR, errno.EEXIST, errno.ENAMETOOLONG, errno.EIO}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _refuse(destination: Path, why: str) -> DraftingError:
    return DraftingError([Problem(Location(str(destination)), f"cannot write: {why}")])


def target_of(destination: Path) -> Path:
    """The file a write to ``destination`` must replace: a symlink's target, not the link."""
    return Path(os.path.realpath(destination)) if destination.is_symlink() else destination


def _check_writable(destination: Path, target: Path) -> None:
    if target.is_dir():
        raise _refuse(destination, "it is a folder; name a file, or a different output folder")
    # The mode bits as well as access(): root may write anything, but a file or folder without
    # write permission says "do not change me" to every user.
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise _refuse(destination, "the file is read-only; make it writable (chmod u+w) if it should be replaced")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(destination, f"cannot create the folder {str(parent)!r}: {exc.strerror or exc}") from None
    if not os.access(parent, os.W_OK | os.X_OK) or not parent.stat().st_mode & 0o222:
        raise _refuse(destination, f"the folder {str(parent)!r} is not writable")


_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\..*tmp$")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files of ``target`` left by processes that no longer run."""
    try:
        candidates = list(target.parent.glob(f".{glob_escape(target.name)}.*.tmp"))
    except OSError:
        return
    for candidate in candidates:
        match = _TEMPORARY.match(candidate.name)
        if match and match.group("name") == target.name and not _pid_alive(int(match.group("pid"))):
            candidate.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    """Escape glob's special characters in a file name."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _as_write_error(exc: OSError, destination: Path, temporary: Path) -> DraftingError | None:
    """A located error if ``exc`` came from writing the output (not from reading an input)."""
    if exc.errno not in _WRITE_ERRNOS:
        return None
    if exc.filename is not None and Path(str(exc.filename)).resolve().parent not in (temporary.parent.resolve(), destination.parent.resolve()):
        return None
    reason = {errno.EFBIG: "the file is larger than the limit on file size (ulimit -f)",
              errno.ENOSPC: "no space left on the device", errno.EDQUOT: "the disk quota is exceeded"}.get(exc.errno, exc.strerror or str(exc))
    return _refuse(destination, reason)


class OutputSet:
    """The outputs of one record: staged one by one, then all moved into place together.

    If anything fails before ``commit`` (a later format's check, Ctrl-C), every staged file is
    removed and the previous outputs stay as they were, all of one revision.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path, int]] = []  # (temporary, target, mode)

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None) -> None:
        self.discard()

    def stage(self, destination: Path, write: Callable[[Path], None], verify: Callable[[Path], None] = lambda _: None) -> Path:
        """Write and verify a temporary file for ``destination``; return its path."""
        target = target_of(destination)
        _check_writable(destination, target)
        remove_stale_temporaries(target)
        # A rewritten file keeps its permissions; a new one gets the usual ones (mkstemp's are 0600).
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        try:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=target.suffix + ".tmp", dir=target.parent)
        except OSError as exc:
            raise _refuse(destination, exc.strerror or str(exc)) from None
        os.close(handle)
        temporary = Path(name)
        self._staged.append((temporary, target, mode))
        try:
            write(temporary)
            verify(temporary)
            with open(temporary, "rb") as stream:
                os.fsync(stream.fileno())
        except OSError as exc:
            error = _as_write_error(exc, destination, temporary)
            if error is None:
                raise
            raise error from None
        return temporary

    def commit(self) -> None:
        """Move every staged file into place."""
        for temporary, target, mode in self._staged:
            try:
                os.chmod(temporary, mode)
                os.replace(temporary, target)
            except OSError as exc:
                raise _as_write_error(exc, target, temporary) or _refuse(target, exc.strerror or str(exc)) from None
        self._staged.clear()

    def discard(self) -> None:
        """Remove every staged file not yet moved into place."""
        for temporary, _, _ in self._staged:
            temporary.unlink(missing_ok=True)
        self._staged.clear()


def publish(destination: Path, write: Callable[[Path], None], verify: Callable[[Path], None] = lambda _: None) -> None:
    """Write to a temporary file beside ``destination``, verify it, then move it into place."""
    with OutputSet() as outputs:
        outputs.stage(destination, write, verify)
        outputs.commit()


def write_atomically(path: str | Path, data: bytes) -> None:
    """Replace a file's content in one step (through a symlink, to its target)."""
    publish(Path(path), lambda temporary: temporary.write_bytes(data))
