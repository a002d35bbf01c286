"""Atomic output: a file or directory appears complete or not at all, and never over
something it must not replace.

Every writer goes through ``atomic_write`` (one file) or ``atomic_directory`` (the CSV
form). Both

* write into a temporary sibling (``.NAME.PID.RANDOM.tmp``) and rename it into place
  (a directory is swapped whole: readers see the old files or the new, never a mix);
* remove the temporary sibling on any error, ``KeyboardInterrupt`` or ``SystemExit``
  (the CLI turns SIGTERM into one); after a SIGKILL, the next write to the same place
  removes the siblings its dead process left;
* refuse a read-only target (no write bit), a directory where a file is asked for (and
  a file where a directory is), and, inside ``guard_inputs()`` (every CLI command), a
  target that is one of the files the command read;
* report an ``OSError`` as ``InputError`` naming the path asked for, not the
  temporary file.

``tempfile``, ``shutil`` and ``ctypes`` are imported by the writers that use them, so a
command that only reads starts without them.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> atomic_write_text(target, "hello")
>>> target.read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from govgraph.errors import InputError

__all__ = [
    "atomic_directory",
    "atomic_write",
    "atomic_write_text",
    "check_target",
    "guard_inputs",
    "note_input",
    "private_tempdir",
]

#: (device, inode) of every file read while ``guard_inputs`` is active, else None.
_INPUTS: set[tuple[int, int]] | None = None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _final_mode(path: Path, default: int) -> int:
    """The permissions the written file should have: those of the file it replaces,
    else the default a plain ``open()`` would give (``default`` less the umask) — not
    the owner-only mode of a temporary file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return default & ~_umask()


@contextlib.contextmanager
def guard_inputs() -> Iterator[None]:
    """While active, ``note_input`` records what is read and writes refuse to replace it.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "m.txt"
    >>> _ = path.write_text("model")
    >>> with guard_inputs():
    ...     note_input(path)
    ...     atomic_write_text(path, "html")
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: ...m.txt: is an input of this command: refusing to overwrite it
    """
    global _INPUTS
    previous, _INPUTS = _INPUTS, set()
    try:
        yield
    finally:
        _INPUTS = previous


def note_input(path: str | Path) -> None:
    """Record ``path`` (a file, or a directory and the files in it) as read."""
    if _INPUTS is None:
        return
    path = Path(path)
    with contextlib.suppress(OSError):
        info = path.stat()
        _INPUTS.add((info.st_dev, info.st_ino))
        if stat.S_ISDIR(info.st_mode):
            for child in path.iterdir():
                with contextlib.suppress(OSError):
                    child_info = child.stat()
                    _INPUTS.add((child_info.st_dev, child_info.st_ino))


def check_target(path: str | Path, *, directory: bool = False) -> None:
    """Raise ``InputError`` if ``path`` must not be replaced by a written file (or,
    with ``directory``, a written directory)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), file=str(path)) from None
    is_dir = stat.S_ISDIR(info.st_mode)
    if is_dir and not directory:
        raise InputError("is a directory: refusing to write a file over it", file=str(path))
    if directory and not is_dir:
        raise InputError("exists and is not a directory", file=str(path))
    if not info.st_mode & 0o222:
        raise InputError("is read-only: refusing to replace it", file=str(path))
    if _INPUTS is not None:
        if (info.st_dev, info.st_ino) in _INPUTS:
            raise InputError(
                "is an input of this command: refusing to overwrite it", file=str(path)
            )
        if is_dir:
            for child in path.iterdir():
                with contextlib.suppress(OSError):
                    child_info = child.stat()
                    if (child_info.st_dev, child_info.st_ino) in _INPUTS:
                        raise InputError(
                            f"holds {child.name}, an input of this command: refusing to replace it",
                            file=str(path),
                        )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_stale(path: Path) -> None:
    """Remove temporary siblings of ``path`` left by a govgraph process that died."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.[^.]+\.tmp$")
    with contextlib.suppress(OSError):
        for sibling in path.parent.iterdir():
            match = pattern.match(sibling.name)
            if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
                if sibling.is_dir() and not sibling.is_symlink():
                    import shutil

                    shutil.rmtree(sibling, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        sibling.unlink()


def _prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def _write_error(exc: OSError, path: Path) -> InputError:
    return InputError(f"cannot write: {exc.strerror or exc}", file=str(path))


def atomic_write(
    path: str | Path,
    write: Callable[[IO[Any]], None],
    *,
    newline: str | None = None,
    binary: bool = False,
) -> None:
    """Call ``write(handle)`` on a temporary file beside ``path``, then rename it over
    ``path``. If ``write`` raises, ``path`` is untouched and the temporary file removed.
    With ``binary``, the handle takes bytes (e.g. for a zip-based workbook)."""
    import tempfile

    path = Path(path)
    check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clear_stale(path)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else newline,
            dir=path.parent,
            prefix=_prefix(path),
            suffix=".tmp",
            delete=False,
        )
    except OSError as exc:
        raise _write_error(exc, path) from None
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _final_mode(path, 0o666))
        os.replace(handle.name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        if isinstance(exc, OSError):
            raise _write_error(exc, path) from None
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    atomic_write(path, lambda handle: handle.write(text))


@contextlib.contextmanager
def private_tempdir(path: str | Path) -> Iterator[Path]:
    """A temporary directory beside ``path``, made the process's temporary directory
    while the block runs, so that a library writing its own temporary files (openpyxl)
    writes them there: removed after, and after a SIGKILL by the next write."""
    import shutil
    import tempfile

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clear_stale(path)
        scratch = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise _write_error(exc, path) from None
    previous = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        yield scratch
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(scratch, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where unsupported."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # the file system cannot
        return False
    raise OSError(code, os.strerror(code), str(second))


@contextlib.contextmanager
def atomic_directory(path: str | Path, owned: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a temporary directory to fill; on success it replaces ``path`` whole.

    A new ``path`` appears in one rename. An existing directory is swapped with the
    filled one in one step (where the system cannot, in two renames: ``path`` is then
    briefly absent, never a mix of old and new). Files in the old directory that
    govgraph does not own (``owned``) are carried over; a sub-directory there makes
    the write refuse, before anything is written. On error nothing changes.
    """
    import shutil
    import tempfile

    path = Path(path)
    check_target(path, directory=True)
    foreign: list[str] = []
    if path.is_dir():
        for child in path.iterdir():
            if child.name in owned:
                continue
            if child.is_dir() and not child.is_symlink():
                raise InputError(
                    f"holds a folder {child.name!r}, which is not part of a model: "
                    "refusing to replace it (write into a new or a CSV directory)",
                    file=str(path),
                )
            foreign.append(child.name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clear_stale(path)
        staging = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise _write_error(exc, path) from None
    try:
        yield staging
        os.chmod(staging, _final_mode(path, 0o777))
        if not path.exists():
            os.replace(staging, path)
            return
        for name in foreign:
            if not (staging / name).exists():
                os.link(path / name, staging / name, follow_symlinks=False)
        if not _exchange(staging, path):
            aside = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".tmp", dir=path.parent))
            os.rmdir(aside)
            os.replace(path, aside)
            os.replace(staging, path)
            staging = aside
    except OSError as exc:
        raise _write_error(exc, path) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
